"""Pages where people sign in (an ``[auth]`` section in the secrets), under AppTest:
a signed-out visitor sees a welcome and a sign-in button only; each signed-in person
sees their own planner and demo, never another's; the account page deletes one person's
planner and nobody else's. On both backends."""

from __future__ import annotations

from datetime import date
from html import unescape

import pytest

from planner import accounts, demo, feed, journey
from planner.goals import GoalDraft
from planner.steps import backup
from planner.store import PlannerPlace, demo_place, open_database

from .apptest_helpers import click, fill, message_after, open_page
from .apptest_helpers import unescape as shown
from .conftest import TODAY

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-test-secret-only",
    "client_id": "planner",
    "client_secret": "planner-secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
ISSUER = "http://127.0.0.1:9"
PAGES = [
    journey.HOME.page,
    *(step.page for step in (*journey.STEPS, *journey.TOOLS, journey.ACCOUNT)),
]


def person(name: str) -> dict:
    return {
        "is_logged_in": True,
        "iss": ISSUER,
        "sub": f"{name}-subject",
        "name": name.title(),
        "email": f"{name}@example.edu",
    }


def owner(name: str) -> str:
    return accounts.owner_id_for(ISSUER, f"{name}-subject")


def open_as(page: str, user: dict):
    return open_page(page, secrets={"auth": AUTH}, user=user)


def shown_text(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [t.value for t in at.title] + [s.value for s in at.subheader]
    return shown(unescape("\n".join(parts)))


def add_goal(target, name: str, title: str) -> None:
    with open_database(target) as database:
        database.session(owner(name)).goals.add(GoalDraft(title=title), today=TODAY)


@pytest.mark.parametrize("page", PAGES)
def test_a_signed_out_visitor_sees_a_welcome_and_a_sign_in_button_only(app_planner, page):
    add_goal(app_planner, "ann", "Ann's secret goal")
    at = open_as(page, {"is_logged_in": False})
    assert [b.label for b in at.button] == ["Sign in"]
    assert "Sign in with your institution's account" in shown_text(at)
    assert "Ann's secret goal" not in shown_text(at)
    assert not at.sidebar.markdown and not at.sidebar.button  # no table of contents
    assert len(at.main.children) <= 5, "nothing but the welcome"


def test_each_person_sees_their_own_planner_only(app_planner):
    add_goal(app_planner, "ann", "Ann wants to teach")
    add_goal(app_planner, "bob", "Bob wants to nurse")
    ann = open_as("pages/1_Goals.py", person("ann"))
    assert "Ann wants to teach" in shown_text(ann)
    assert "Bob wants to nurse" not in shown_text(ann)
    bob = open_as("pages/1_Goals.py", person("bob"))
    assert "Bob wants to nurse" in shown_text(bob)
    assert "Ann wants to teach" not in shown_text(bob)
    sidebar = shown(unescape("\n".join(m.value for m in bob.sidebar.markdown)))
    assert "Bob" in sidebar and "Ann" not in sidebar
    assert "bob@example.edu" in [shown(c.value) for c in bob.sidebar.caption]
    assert "Sign out" in [b.label for b in bob.sidebar.button]


def test_the_same_person_signing_in_again_finds_the_same_planner(app_planner):
    first = open_as("pages/1_Goals.py", person("ann"))
    fill(first, "new_goal_0", title="Learn about school leadership")
    click(first, "Save goal")
    again = open_as("pages/1_Goals.py", person("ann"))  # a new session: signed in afresh
    assert "Learn about school leadership" in shown_text(again)
    assert "Learn about school leadership" not in shown_text(open_as("app.py", person("cy")))


def demo_of(target, name: str):
    """Where ``name``'s demo planner lives: beside a file, or under its own owner."""
    return demo_place(PlannerPlace(target, owner(name)))


def test_each_person_has_a_demo_of_their_own(app_planner):
    at = open_as("app.py", person("ann"))
    click(at, "Explore a demo planner")
    assert "You are exploring the **demo planner**" in shown_text(at)
    ann_demo, bob_demo = demo_of(app_planner, "ann"), demo_of(app_planner, "bob")
    with open_database(ann_demo.target) as database:
        assert database.session(ann_demo.owner_id).goals.list(), "the demo is Ann's"
        assert database.session(bob_demo.owner_id).goals.list() == []
    with open_database(app_planner) as database:
        assert database.session(owner("ann")).goals.list() == [], "apart from her own"


def test_deleting_my_planner_asks_for_the_word_and_deletes_mine_only(app_planner):
    add_goal(app_planner, "ann", "Ann wants to teach")
    add_goal(app_planner, "bob", "Bob wants to nurse")
    ann_demo = demo_of(app_planner, "ann")
    with open_database(ann_demo.target) as database:
        demo.load_demo(database.session(ann_demo.owner_id), today=date.today())
    with open_database(app_planner) as database:
        ann_token = feed.make_token(database.session(owner("ann")))
        bob_token = feed.make_token(database.session(owner("bob")))
    at = open_as("pages/8_Account.py", person("ann"))
    assert "ann@example.edu" in shown_text(at)
    at.text_input(key="delete_confirm").input("yes")
    click(at, "Delete my planner")
    assert "Nothing was deleted" in (message_after(at, "delete_confirm") or "")
    with open_database(app_planner) as database:
        assert database.session(owner("ann")).goals.list(), "nothing deleted"
    at.text_input(key="delete_confirm").input("delete")
    click(at, "Delete my planner")
    assert any("Your planner was deleted" in s.value for s in at.success)
    with open_database(app_planner) as database:
        assert not any(database.session(owner("ann")).content.row_counts().values())
        bob = database.session(owner("bob"))
        assert [g.title for g in bob.goals.list()] == ["Bob wants to nurse"]
        lookup = database.session()
        assert feed.owner_of(lookup, ann_token) is None, "her calendar link is gone"
        assert feed.owner_of(lookup, bob_token) == owner("bob")
    with open_database(ann_demo.target) as database:
        assert not any(database.session(ann_demo.owner_id).content.row_counts().values())


def test_a_restore_into_one_persons_planner_leaves_the_others(app_planner):
    add_goal(app_planner, "ann", "Ann wants to teach")
    add_goal(app_planner, "bob", "Bob wants to nurse")
    with open_database(app_planner) as database:
        other = database.session("someone-else")
        other.goals.add(GoalDraft(title="From the backup"), today=TODAY)
        file = backup.backup_file(other)
        backup.restore(database.session(owner("ann")), file, replace=True)
        assert [g.title for g in database.session(owner("ann")).goals.list()] == ["From the backup"]
        assert [g.title for g in database.session(owner("bob")).goals.list()] == [
            "Bob wants to nurse"
        ]


def test_a_shared_server_whose_secrets_lost_sign_in_opens_no_planner(app_planner, monkeypatch):
    """Started by deploy/start-replica, a server never falls back to one shared planner."""
    add_goal(app_planner, "ann", "Ann's secret goal")
    with open_database(app_planner) as database:
        database.session().goals.add(GoalDraft(title="The shared planner"), today=TODAY)
    monkeypatch.setenv("PLANNER_REQUIRE_SIGN_IN", "1")
    for page in PAGES:
        at = open_page(page)
        assert any("Sign-in is not set up on this server" in e.value for e in at.error), page
        text = shown_text(at)
        assert "The shared planner" not in text and "Ann's secret goal" not in text
        assert not at.sidebar.button and not at.button


def test_a_sign_in_that_does_not_say_who_it_is_opens_nothing_but_offers_sign_out(app_planner):
    add_goal(app_planner, "ann", "Ann's secret goal")
    at = open_as("pages/1_Goals.py", {"is_logged_in": True, "email": "ann@example.edu"})
    assert any("did not say who you are" in e.value for e in at.error)
    assert "Ann's secret goal" not in shown_text(at)
    assert "Sign out" in [b.label for b in at.sidebar.button]


def test_without_an_auth_section_the_planner_is_the_personal_one(planner_file):
    at = open_page("app.py")
    assert "Sign in" not in [b.label for b in at.button]
    assert "Sign out" not in [b.label for b in at.sidebar.button]
    assert "Everything you enter stays on this computer" in shown_text(at) or any(
        "stays on this computer" in c.value for c in at.sidebar.caption
    )


def test_the_account_page_of_a_personal_planner_says_there_is_no_account(planner_file):
    at = open_page(journey.ACCOUNT.page)
    assert not at.exception and not at.error
    said = " ".join(i.value for i in at.info)
    assert "Nobody signs in to this planner" in said and "stays on this computer" in said
    assert "Delete my planner" not in [b.label for b in at.button]
