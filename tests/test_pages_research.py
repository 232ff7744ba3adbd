"""The Research page under AppTest: organisations with LAMP, notes, and bad input."""

from __future__ import annotations

from datetime import date

import pytest

from planner.goals import GoalDraft
from planner.organisations import OrganisationDraft
from planner.store import Database
from planner.text import inert_markdown

from .apptest_helpers import click, fill, message_after, open_form, open_page, unescape

PAGE = "pages/2_Research.py"


def stored(path, read):
    with Database(path) as db:
        return read(db.session())


def test_an_organisation_added_through_the_form_is_ranked(planner_file):
    at = open_page(PAGE)
    fill(
        at,
        "new_org_0",
        name="Northwind Health",
        sector="Digital health",
        website="https://northwind.example",
        motivation=3,
        posting=3,
        origin="dream",
    )
    at.checkbox(key="new_org_0_advocacy").check()
    click(at, "Save organisation")
    [saved] = stored(planner_file, lambda s: s.organisations.list())
    assert (saved.name, saved.motivation, saved.posting, saved.advocacy, saved.rank) == (
        "Northwind Health",
        3,
        3,
        True,
        1,
    )
    assert any("Added 'Northwind Health'" in unescape(s.value) for s in at.success)
    [table] = at.dataframe
    assert list(table.value["Organisation"]) == ["Northwind Health"]
    assert list(table.value["Now"]) == ["Now"]


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"name": "  "}, "name", "Give the organisation a name."),
        ({"website": "northwind.example"}, "website", "Enter a full web address"),
        ({"sector": "x" * 121}, "sector", "Keep it to 120 characters"),
    ],
)
def test_bad_organisation_input_is_refused_next_to_the_field(planner_file, values, field, message):
    at = open_page(PAGE)
    fill(at, "new_org_0", **{"name": "Northwind", **values})
    click(at, "Save organisation")
    shown = message_after(at, f"new_org_0_{field}")
    assert shown is not None and message in unescape(shown)
    assert stored(planner_file, lambda s: s.organisations.list()) == []


def test_unscored_organisations_wait_in_the_research_queue(planner_file):
    with Database(planner_file) as db:
        db.session().organisations.add(OrganisationDraft(name="Mystery <b>Ltd</b>", motivation=0))
    at = open_page(PAGE)
    queue = [m.value for m in at.markdown if "Mystery" in m.value]
    assert queue and "<b>" not in queue[0].replace(inert_markdown("<b>"), "")
    assert not at.dataframe


def test_a_note_added_through_the_form_is_listed_with_its_facts(planner_file):
    at = open_page(PAGE)
    fill(
        at,
        "new_note_0",
        kind="organisation",
        title="Northwind at a glance",
        url="https://northwind.example/about",
        body="Research team of **three**.",
        facts="About 180 staff\n\nFounded in 2012",
    )
    click(at, "Save note")
    [note] = stored(planner_file, lambda s: s.notes.list())
    assert (note.title, note.topic_kind, note.facts, note.noted_on) == (
        "Northwind at a glance",
        "organisation",
        ["About 180 staff", "Founded in 2012"],
        date.today(),
    )
    shown = " ".join(m.value for m in at.markdown)
    assert inert_markdown("Research team of **three**") in shown  # typed markdown stays literal
    assert "About 180 staff" in unescape(shown)


def test_a_note_with_a_bad_source_saves_nothing(planner_file):
    at = open_page(PAGE)
    fill(at, "new_note_0", title="Rumours", url="javascript:alert(1)")
    click(at, "Save note")
    assert "Enter a full web address" in unescape(message_after(at, "new_note_0_url") or "")
    assert stored(planner_file, lambda s: s.notes.list()) == []


def test_notes_can_be_searched(planner_file):
    at = open_page(PAGE)
    for n, title in enumerate(["Roles in research", "Salaries"]):
        fill(at, f"new_note_{n}", title=title, facts=f"fact {title}")
        click(at, "Save note")
    at.text_input(key="notes_search").input("salar").run()
    shown = [unescape(m.value) for m in at.main.markdown]
    assert "**Salaries**" in shown
    assert "**Roles in research**" not in shown


def test_a_goal_saved_on_the_goals_page_puts_its_organisations_in_the_queue(planner_file):
    with Database(planner_file) as db:
        db.session().organisations.add(OrganisationDraft(name="Northwind Health", motivation=3))
    at = open_page("pages/1_Goals.py")
    fill(at, "new_goal_0", title="Health tech PM", organisations="Babylon\nnorthwind  HEALTH")
    click(at, "Save goal")
    names = stored(planner_file, lambda s: [o.name for o in s.organisations.list()])
    assert names == ["Northwind Health", "Babylon"]  # linked, not typed twice
    at.switch_page(PAGE).run()
    queue = unescape(" ".join(m.value for m in at.markdown))
    assert "Babylon, from your goal 'Health tech PM'" in queue


def test_a_new_note_starts_on_the_only_active_goal(planner_file):
    with Database(planner_file) as db:
        db.session().goals.add(GoalDraft(title="Health tech PM"), today=date.today())
    at = open_page(PAGE)
    open_form(at, "new_note")
    goal = next(w for w in at.selectbox if w.key == "new_note_0_goal")
    assert goal.options[goal.proto.default] == "Health tech PM"  # not "No goal"
    fill(at, "new_note_0", title="NHS digital plan")
    click(at, "Save note")
    [note] = stored(planner_file, lambda s: s.notes.list())
    assert note.goal == "Health tech PM"
