"""Who a planner belongs to where people sign in: the provider's issuer and subject."""

from __future__ import annotations

import pytest

from planner import accounts
from planner.store.database import DEMO_OWNER_SUFFIX


def test_the_owner_is_the_issuer_and_subject_not_the_email():
    ann = accounts.account_from_claims(
        {"iss": "https://id.example.edu", "sub": "123", "email": "ann@example.edu", "name": "Ann"}
    )
    renamed = accounts.account_from_claims(
        {"iss": "https://id.example.edu", "sub": "123", "email": "ann.b@example.edu"}
    )
    assert ann.owner_id == renamed.owner_id  # a new address keeps the planner
    assert (ann.name, ann.email) == ("Ann", "ann@example.edu")
    elsewhere = accounts.account_from_claims({"iss": "https://other.example", "sub": "123"})
    assert elsewhere.owner_id != ann.owner_id  # the same subject at another provider
    assert accounts.owner_id_for("https://id.example.edu", "1234") != ann.owner_id


def test_an_owner_id_holds_no_address_and_no_demo_suffix():
    owner = accounts.owner_id_for("https://id.example.edu", "x" + DEMO_OWNER_SUFFIX)
    assert owner.startswith(accounts.OWNER_PREFIX) and not owner.endswith(DEMO_OWNER_SUFFIX)
    assert "example" not in owner and len(owner) == len(accounts.OWNER_PREFIX) + 40


@pytest.mark.parametrize(
    "claims", [{}, {"iss": "https://id"}, {"sub": "1"}, {"iss": " ", "sub": "1"}]
)
def test_a_sign_in_without_issuer_and_subject_opens_no_planner(claims):
    with pytest.raises(accounts.SignInIncomplete, match="did not say who you are"):
        accounts.account_from_claims(claims)


@pytest.mark.parametrize("typed", ["delete", " Delete ", "DELETE"])
def test_the_word_confirms_deleting(typed):
    assert accounts.deletion_problem(typed) is None


@pytest.mark.parametrize("typed", ["", "yes", "delete it", "deleted"])
def test_anything_else_deletes_nothing(typed):
    assert "Nothing was deleted" in accounts.deletion_problem(typed)


GOOD_AUTH = """[auth]
redirect_uri = "https://planner.example.edu/oauth2callback"
cookie_secret = "k2Vq8c0mZbq5Yw1xT3uR7pLs9dN4aEfGhJ6iKoPzXyW"
client_id = "interview-planner"
client_secret = "s3cr3t-from-the-provider"
server_metadata_url = "https://login.example.edu/.well-known/openid-configuration"
"""


def test_a_complete_secrets_file_is_accepted(tmp_path):
    path = tmp_path / "secrets.toml"
    path.write_text(GOOD_AUTH)
    assert accounts.secrets_problems(path) == []


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("", "no [auth] section"),
        ("[auth\n", "not a valid TOML file"),
        (GOOD_AUTH.replace("client_id", "client"), "client_id is missing"),
        (GOOD_AUTH.replace("k2Vq8c0mZbq5Yw1xT3uR7pLs9dN4aEfGhJ6iKoPzXyW", "short"), "shorter"),
        (GOOD_AUTH.replace("s3cr3t-from-the-provider", "CHANGE-ME"), "CHANGE-ME"),
        (GOOD_AUTH.replace("https://login", "login"), "absolute address"),
    ],
)
def test_a_secrets_file_that_would_let_anyone_in_is_refused(tmp_path, text, said):
    path = tmp_path / "secrets.toml"
    path.write_text(text)
    assert any(said in problem for problem in accounts.secrets_problems(path))


def test_the_example_secrets_file_is_refused_until_filled_in():
    from planner.paths import REPO_ROOT

    problems = accounts.secrets_problems(REPO_ROOT / "deploy" / "secrets.toml.example")
    assert any("cookie_secret still holds" in p for p in problems)


def test_start_replica_refuses_to_serve_with_broken_secrets(tmp_path):
    import subprocess

    from planner.paths import REPO_ROOT

    path = tmp_path / "secrets.toml"
    path.write_text(GOOD_AUTH.replace("[auth]", "[Auth]"))
    done = subprocess.run(
        [REPO_ROOT / "deploy" / "start-replica"],
        env={
            "PATH": "/usr/bin:/bin",
            "PLANNER_DATABASE_URL": "postgresql://x@127.0.0.1:1/x",
            "PLANNER_SECRETS": str(path),
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "has no [auth] section" in done.stderr and "Fix" in done.stderr


def test_sign_in_is_demanded_only_when_the_deployment_says_so():
    assert accounts.sign_in_demanded({"PLANNER_REQUIRE_SIGN_IN": "1"})
    assert not accounts.sign_in_demanded({})
    assert not accounts.sign_in_demanded({"PLANNER_REQUIRE_SIGN_IN": "0"})
