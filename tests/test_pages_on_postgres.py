"""The pages on the PostgreSQL backend (PLANNER_DATABASE_URL), under AppTest: every page
draws, the demo is kept apart under an owner of its own, the sidebar says where things
are kept, and a save made by another app process shows on the next rerun."""

from __future__ import annotations

from datetime import date
from html import unescape

import pytest

from planner import demo, journey
from planner.goals import GoalDraft
from planner.store import open_database

from .apptest_helpers import click, open_page
from .conftest import TODAY

PAGES = [journey.HOME.page, *(step.page for step in (*journey.STEPS, *journey.TOOLS))]


def goal_titles(at) -> list[str]:
    return [unescape(m.value)[5:] for m in at.markdown if m.value.startswith("#### ")]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_draws_the_demo_planner_from_the_server(server_planner, page):
    with open_database(server_planner) as database:
        demo.load_demo(database.session(), today=date.today())
    at = open_page(page)
    assert not at.exception
    assert not at.error, [e.value for e in at.error]


def test_the_sidebar_says_the_planner_is_kept_in_a_database(server_planner):
    at = open_page("app.py")
    captions = [c.value for c in at.sidebar.caption]
    assert any("kept in this planner's database" in c for c in captions), captions
    assert not any("on this computer" in c for c in captions)


def test_the_demo_is_kept_apart_under_an_owner_of_its_own(server_planner):
    with open_database(server_planner) as database:
        database.session().goals.add(GoalDraft(title="My own goal"), today=TODAY)
    at = open_page("app.py")
    click(at, "Explore a demo planner")
    at.switch_page("pages/1_Goals.py").run()
    assert len(goal_titles(at)) >= 2 and "My own goal" not in goal_titles(at)
    with open_database(server_planner) as database:
        assert [g.title for g in database.session().goals.list()] == ["My own goal"]
        assert len(database.session("local:demo").contacts.list()) == 16
    click(at, "Leave the demo")
    assert goal_titles(at) == ["My own goal"]


def test_a_save_by_another_app_process_shows_on_the_next_rerun(server_planner):
    at = open_page("pages/1_Goals.py")
    assert goal_titles(at) == []
    with open_database(server_planner) as elsewhere:  # a second server's own pool
        elsewhere.session().goals.add(GoalDraft(title="Saved on the other server"), today=TODAY)
    at.run()
    assert goal_titles(at) == ["Saved on the other server"]


def test_a_server_that_cannot_be_reached_is_said_plainly_without_its_password(monkeypatch):
    from planner.local_http import free_port

    url = f"postgresql://planner:a-secret-word@127.0.0.1:{free_port()}/planner"
    monkeypatch.setenv("PLANNER_DATABASE_URL", url)
    monkeypatch.setattr("planner.store.postgres.CONNECT_TIMEOUT_S", 2)
    at = open_page("app.py")
    shown = " ".join(e.value for e in at.error)
    assert "cannot be reached" in shown and "PLANNER_DATABASE_URL" in shown
    assert "a-secret-word" not in shown
