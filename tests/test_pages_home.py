"""Home under AppTest: the next best actions cover everything waiting, each with its
context and a link to the page (and record) where it is done."""

from __future__ import annotations

from planner.contacts import ContactDraft
from planner.goals import GoalDraft
from planner.reflection import ActionDraft
from planner.store import Database
from planner.text import inert_markdown

from .apptest_helpers import click, open_page, unescape
from .conftest import TODAY


def test_home_lists_a_referral_an_undated_action_and_an_organisation_to_score(planner_file):
    with Database(planner_file) as db:
        store = db.session()
        store.goals.add(
            GoalDraft(title="Health <b>tech</b>", target_organisations=["Babylon"]), today=TODAY
        )
        tom = store.contacts.add(ContactDraft(name="Tom Okafor"), today=TODAY)
        nadia = store.contacts.add(
            ContactDraft(name="Nadia Petrova", referred_by_id=tom), today=TODAY
        )
        store.actions.add(ActionDraft(title="Read the NHS digital plan"))
    at = open_page("app.py")
    shown = unescape(" ".join(m.value for m in at.markdown))
    assert "Ask Nadia Petrova for a conversation: suggested to you by Tom Okafor" in shown
    assert "Action: Read the NHS digital plan. Give it a due date so it gets done." in shown
    assert "(no due date)" in shown
    assert "Research Babylon, then score how much you want to work there" in shown
    context = " ".join(c.value for c in at.caption)
    assert "Suggested by Tom Okafor." in unescape(context)
    assert inert_markdown("'Health <b>tech</b>'") in context  # the goal's title, as text
    links = {
        link.proto.label: (link.proto.page, link.proto.query_string)
        for link in at.main.get("page_link")
    }
    assert links["Write to them"] == ("Contacts", f"contact={nadia}")
    assert links["Give it a due date"] == ("Reflect", "reflect_view=Action+items")
    assert links["Research and score it"] == ("Research", "")
    assert not at.exception


def test_the_calendar_link_is_made_shown_and_replaced_on_home(planner_file):
    from planner import feed

    def stored() -> str:
        with Database(planner_file) as db:
            return feed.stored_token(db.session())

    at = open_page("app.py")
    assert not [c for c in at.get("code") if "/feed/" in c.value], "no link before one is made"
    click(at, "Make my calendar link")
    first = stored()
    assert len(first) >= 43
    (shown,) = [c.value for c in at.get("code") if "/feed/" in c.value]
    assert shown == f"http://localhost:8501/feed/{first}.ics"
    assert "Made your calendar link" in unescape(" ".join(s.value for s in at.success))
    click(at, "Yes, make a new link")
    assert stored() not in ("", first)
    (shown,) = [c.value for c in at.get("code") if "/feed/" in c.value]
    assert shown.endswith(f"/feed/{stored()}.ics")
