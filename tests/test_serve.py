"""Which port scripts/start uses and says: the options' last, else the environment's,
else the config files' (the project's over the user's), else 8501; nothing else."""

from __future__ import annotations

import pytest

from planner.ui.serve import chosen_port


@pytest.fixture
def elsewhere(tmp_path, monkeypatch):
    """A folder and a home with no Streamlit config, and no port in the environment."""
    (tmp_path / "home").mkdir()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("STREAMLIT_SERVER_PORT", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write_config(folder, port: int) -> None:
    (folder / ".streamlit").mkdir(exist_ok=True)
    (folder / ".streamlit" / "config.toml").write_text(f"[server]\nport = {port}\n")


def test_the_default_is_8501(elsewhere):
    assert chosen_port([]) == 8501


def test_the_config_files_then_the_environment_then_the_options(elsewhere, monkeypatch):
    write_config(elsewhere / "home", 8600)
    assert chosen_port([]) == 8600
    write_config(elsewhere, 8700)  # the project's file wins over the user's
    assert chosen_port([]) == 8700
    monkeypatch.setenv("STREAMLIT_SERVER_PORT", "8800")
    assert chosen_port([]) == 8800
    assert chosen_port(["--server.port", "8900", "--server.port=8901"]) == 8901


@pytest.mark.parametrize("port", ["x", "0", "70000", ""])
def test_a_port_that_cannot_be_is_refused_with_a_sentence(elsewhere, port):
    with pytest.raises(SystemExit, match="must be a number from 1 to 65535"):
        chosen_port([f"--server.port={port}"])
