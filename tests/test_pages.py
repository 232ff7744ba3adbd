"""Page tests: every page under streamlit.testing's AppTest, on empty and demo planners."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from planner import backup, demo, journey
from planner.goals import GoalDraft
from planner.store import Database
from planner.text import inert_markdown

from .apptest_helpers import (
    click,
    fill,
    message_after,
    open_form,
    open_page,
    stored_goals,
    unescape,
    widgets,
)

PAGES = [journey.HOME.page] + [s.page for s in journey.STEPS] + [t.page for t in journey.TOOLS]
NEW = "new_goal_0"  # the key prefix of the first "Add a goal" form in a session


# -- every page, empty and full --------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_an_empty_planner(planner_file, page):
    at = open_page(page)
    assert at.title, "each page has a heading"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_demo_planner(planner_file, page):
    with Database(planner_file) as db:
        demo.load_demo(db.session(), today=date.today())
    at = open_page(page)
    assert at.title


def test_the_sidebar_lists_every_built_step_in_journey_order(planner_file):
    at = open_page("app.py")
    links = [unescape(link.proto.label) for link in at.sidebar.get("page_link")]
    assert links == [
        "Home",
        "1 Goals",
        "2 Research",
        "3 Contacts",
        "4 Questions",
        "5 Reflect",
        "6 Progress",
        "Pipeline board",
        "Backup",
    ]


def test_home_explains_informational_interviews_and_suggests_a_first_goal(planner_file):
    at = open_page("app.py")
    text = " ".join(m.value for m in at.markdown)
    assert "informational interview" in text
    assert "not" in " ".join(m.value for m in at.markdown if "It is not" in m.value)
    assert "Set your first goal" in unescape(text)
    assert "No goals yet" in unescape(text)


# -- goals -----------------------------------------------------------------------


def fill_goal_form(at: AppTest, prefix: str = NEW, **values) -> None:
    fill(at, prefix, **values)


def test_creating_a_goal_through_the_form_stores_it(planner_file):
    at = open_page("pages/1_Goals.py")
    target_date = date.today() + timedelta(days=60)
    fill_goal_form(
        at,
        title="Is product management for me?",
        kind="change",
        field="Software",
        roles="Product manager\nProduct owner",
        organisations="Example Health",
        aims="What a product manager decides alone\nHow they work with engineers",
        fit=["succeed", "want"],
        target=3,
        date=target_date,
    )
    click(at, "Save goal")
    [goal] = stored_goals(planner_file)
    assert goal.title == "Is product management for me?"
    assert goal.kind == "change"
    assert goal.target_roles == ["Product manager", "Product owner"]
    assert goal.learning_aims == [
        "What a product manager decides alone",
        "How they work with engineers",
    ]
    assert goal.fit_questions == ["succeed", "want"]
    assert goal.target_interviews == 3
    assert goal.target_date == target_date
    assert any("Saved the goal" in unescape(s.value) for s in at.success)
    # The listed goal shows its progress toward the target, and the form is empty again.
    assert any("0 of 3 interviews done" in p.proto.text for p in at.get("progress"))
    open_form(at, "new_goal")  # the form closes once the first goal is saved
    assert next(w for w in at.text_input if w.key.endswith("_title")).value == ""


BAD_INPUT = {
    "empty title": ({"title": ""}, "title", "Give the goal a title"),
    "over-long title": ({"title": "t" * 121}, "title", "120 characters or fewer"),
    "over-long field": ({"field": "f" * 121}, "field", "120 characters or fewer"),
    "too many roles": (
        {"roles": "\n".join(f"Role {n}" for n in range(21))},
        "roles",
        "20 entries or fewer",
    ),
    "over-long learning aim": ({"aims": "a" * 201}, "aims", "Line 1"),
    "target of zero": ({"target": 0}, "target", "between 1 and 20"),
    "target of 21": ({"target": 21}, "target", "between 1 and 20"),
    "past date": ({"date": date.today() - timedelta(days=1)}, "date", "in the past"),
}


def test_the_lists_are_shown_as_they_will_be_saved_before_saving(planner_file):
    at = open_page("pages/1_Goals.py")
    fill_goal_form(
        at,
        title="Is product management for me?",
        roles="Product manager, Product owner",
        aims="What they decide alone, and with whom\nHow they got in",
    )
    click(at, "Show the lists as they will be saved")
    assert stored_goals(planner_file) == [], "previewing saves nothing"
    captions = [unescape(c.value) for c in at.caption]
    assert "Will be saved as: Product manager · Product owner" in captions
    assert "Will be saved as: What they decide alone, and with whom · How they got in" in captions
    # What was typed stays in the form, to be corrected or saved as it is.
    assert next(w for w in widgets(at) if w.key == f"{NEW}_roles").value == (
        "Product manager, Product owner"
    )
    click(at, "Save goal")
    [goal] = stored_goals(planner_file)
    assert goal.target_roles == ["Product manager", "Product owner"]
    assert goal.learning_aims == ["What they decide alone, and with whom", "How they got in"]


@pytest.mark.parametrize("case", sorted(BAD_INPUT))
def test_bad_input_shows_a_message_by_the_field_and_saves_nothing(planner_file, case):
    values, field, message = BAD_INPUT[case]
    at = open_page("pages/1_Goals.py")
    fill_goal_form(at, **{"title": "A fine title", **values})
    click(at, "Save goal")
    shown = message_after(at, f"{NEW}_{field}")
    assert shown is not None, f"no message under {field}"
    assert message in unescape(shown)
    assert any("Nothing was saved" in w.value for w in at.warning)
    assert stored_goals(planner_file) == []
    # What the user typed is still in the form, to correct rather than retype.
    assert next(w for w in widgets(at) if w.key == f"{NEW}_title").value == values.get(
        "title", "A fine title"
    )


def test_a_duplicate_active_title_is_refused_by_the_title_field(planner_file):
    with Database(planner_file) as db:
        db.session().goals.add(GoalDraft(title="Explore nursing"), today=date.today())
    at = open_page("pages/1_Goals.py")
    fill_goal_form(at, title="explore NURSING")
    click(at, "Save goal")
    assert "already have an active or paused goal" in unescape(message_after(at, f"{NEW}_title"))
    assert len(stored_goals(planner_file)) == 1


def _one_goal(planner_file, title="Explore nursing", **changes) -> int:
    with Database(planner_file) as db:
        return db.session().goals.add(GoalDraft(title=title, **changes), today=date.today())


def test_editing_a_goal_saves_the_change(planner_file):
    goal_id = _one_goal(planner_file)
    at = open_page("pages/1_Goals.py")
    click(at, "Edit")
    prefix = f"edit_goal_{goal_id}_1"
    fill_goal_form(at, prefix=prefix, field="Healthcare", target=5)
    click(at, "Save changes")
    [goal] = stored_goals(planner_file)
    assert goal.field == "Healthcare"
    assert goal.target_interviews == 5


def test_a_bad_edit_shows_the_message_and_keeps_the_saved_goal(planner_file):
    goal_id = _one_goal(planner_file)
    at = open_page("pages/1_Goals.py")
    click(at, "Edit")
    prefix = f"edit_goal_{goal_id}_1"
    fill_goal_form(at, prefix=prefix, title="", target=99)
    click(at, "Save changes")
    assert "Give the goal a title" in unescape(message_after(at, f"{prefix}_title"))
    assert "between 1 and 20" in unescape(message_after(at, f"{prefix}_target"))
    [goal] = stored_goals(planner_file)
    assert goal.title == "Explore nursing"
    assert goal.target_interviews == 4


def test_pause_resume_and_mark_achieved(planner_file):
    _one_goal(planner_file)
    at = open_page("pages/1_Goals.py")
    click(at, "Pause")
    assert stored_goals(planner_file)[0].status == "paused"
    click(at, "Resume")
    assert stored_goals(planner_file)[0].status == "active"
    click(at, "Mark achieved")
    assert stored_goals(planner_file)[0].status == "achieved"
    # Achieved goals leave the default view but stay one click away.
    assert not any(b.label == "Mark achieved" for b in at.button)
    at.get("button_group")[0].set_value("achieved").run()
    click(at, "Reopen")
    assert stored_goals(planner_file)[0].status == "active"


def test_delete_asks_for_confirmation_first(planner_file):
    _one_goal(planner_file)
    at = open_page("pages/1_Goals.py")
    click(at, "Delete")
    assert any("cannot be undone" in unescape(w.value) for w in at.warning)
    click(at, "Keep it")
    assert len(stored_goals(planner_file)) == 1
    click(at, "Delete")
    click(at, "Yes, delete it")
    assert stored_goals(planner_file) == []
    assert any("No goals yet" in i.value for i in at.info)


def test_user_text_is_shown_as_text_not_markup(planner_file):
    hostile = "**bold** [link](javascript:alert(1)) :red[red] <script>x</script>"
    _one_goal(planner_file, title=hostile, field="![img](http://example.com/x.png)")
    at = open_page("pages/1_Goals.py")
    shown = [m.value for m in at.markdown if "bold" in m.value]
    assert shown, "the title is listed"
    for value in shown:
        assert inert_markdown("**bold**") in value
        assert inert_markdown("[link]") in value
        assert inert_markdown(":red[") in value
        assert inert_markdown("<script>") in value
    field = [m.value for m in at.markdown if "img" in m.value]
    assert field and all(inert_markdown("![img]") in v for v in field)


# -- the demo ----------------------------------------------------------------------


def test_the_demo_opens_in_its_own_file_and_can_be_left(planner_file):
    _one_goal(planner_file, title="My own goal")
    at = open_page("app.py")
    click(at, "Explore a demo planner")
    assert any("exploring the **demo planner**" in m.value for m in at.markdown)
    at.switch_page("pages/1_Goals.py").run()
    demo_titles = [m.value for m in at.markdown if m.value.startswith("#### ")]
    assert len(demo_titles) >= 2
    assert not any("My own goal" in unescape(t) for t in demo_titles)
    # The user's own planner was not touched.
    assert [g.title for g in stored_goals(planner_file)] == ["My own goal"]
    click(at, "Leave the demo")
    titles = [unescape(m.value) for m in at.markdown if m.value.startswith("#### ")]
    assert titles == ["#### My own goal"]
    assert not any("exploring the **demo planner**" in m.value for m in at.markdown)


# -- backup ------------------------------------------------------------------------


def test_the_backup_page_summarises_what_a_backup_holds(planner_file):
    _one_goal(planner_file)
    at = open_page("pages/9_Backup.py")
    assert any(c.value == "Holds 1 goal." for c in at.caption)
    assert at.get("download_button")


def test_the_backup_download_is_the_planners_full_backup(planner_file):
    _one_goal(planner_file)
    with Database(planner_file) as db:
        text = backup.export_text(db.session())
    assert '"Explore nursing"' in text
