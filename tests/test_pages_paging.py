"""Long lists come a page at a time: contacts 100 to a page, research notes 10, with a
page picker that starts again at page 1 whenever the list itself changes."""

from __future__ import annotations

from datetime import date

from planner.contacts import ContactDraft
from planner.research import NoteDraft
from planner.store import Database

from .apptest_helpers import open_page, open_tab, unescape

TODAY = date(2026, 11, 24)


def page_picker(at):
    (picker,) = [n for n in at.number_input if n.label == "Page"]
    return picker


def note_titles(at) -> list[str]:
    return [unescape(m.value).strip("*") for m in at.markdown if m.value.startswith("**Note ")]


def test_contacts_come_a_hundred_to_a_page(planner_file):
    with Database(planner_file) as db:
        store = db.session()
        for n in range(150):
            store.contacts.add(ContactDraft(name=f"Person {n:03d}"), today=TODAY)
    at = open_page("pages/3_Contacts.py")
    names = list(at.dataframe[0].value["Name"])
    assert names[0] == "Person 000" and len(names) == 100
    assert any("1-100 of 150" in c.value for c in at.caption)
    page_picker(at).set_value(2).run()
    assert list(at.dataframe[0].value["Name"]) == [f"Person {n:03d}" for n in range(100, 150)]
    assert any("150 of 150 contacts" in c.value for c in at.caption)


def test_a_search_starts_the_contacts_again_at_page_one(planner_file):
    with Database(planner_file) as db:
        store = db.session()
        for n in range(120):
            store.contacts.add(ContactDraft(name=f"Person {n:03d}"), today=TODAY)
    at = open_page("pages/3_Contacts.py")
    page_picker(at).set_value(2).run()
    assert at.dataframe[0].value["Name"].iloc[0] == "Person 100"
    at.text_input(key="contacts_search").input("Person").run()  # still two pages
    names = list(at.dataframe[0].value["Name"])
    assert names[0] == "Person 000" and len(names) == 100


def test_research_notes_come_ten_to_a_page(planner_file):
    with Database(planner_file) as db:
        store = db.session()
        for n in range(12):
            store.notes.add(
                NoteDraft(title=f"Note {n:02d}", body="Found it.", noted_on=TODAY), today=TODAY
            )
    at = open_tab(open_page("pages/2_Research.py"), "research_tabs", "Research notes")
    first = note_titles(at)
    assert len(first) == 10
    page_picker(at).set_value(2).run()
    second = note_titles(at)
    assert len(second) == 2 and not set(first) & set(second)
    assert sorted(first + second) == [f"Note {n:02d}" for n in range(12)]
