"""CSV exports: what a user sees when they open the files in a spreadsheet."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, time

import pytest

from planner import backup
from planner.contacts import ContactDraft
from planner.csv_export import (
    ACTION_COLUMNS,
    CONTACT_COLUMNS,
    EXPORTS,
    INTERVIEW_COLUMNS,
    actions_csv,
    contacts_csv,
    csv_bytes,
    interviews_csv,
    neutralise,
)
from planner.demo import load_demo
from planner.meetings import MeetingDraft
from planner.reflection import ActionDraft

from .conftest import TODAY
from .fixtures import load_as_hand_edited

SCHEDULED_ON = datetime(2026, 11, 1, 9, tzinfo=UTC)  # "now" when meetings are booked
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def read(text: str) -> list[list[str]]:
    """The rows a spreadsheet (or Python's csv module) reads back from the export."""
    return list(csv.reader(io.StringIO(text, newline="")))


def records(text: str, header: tuple[str, ...]) -> list[dict[str, str]]:
    rows = read(text)
    assert tuple(rows[0]) == header
    assert all(len(row) == len(header) for row in rows), "every row fills every column"
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def add_contact(store, **fields) -> int:
    return store.contacts.add(ContactDraft(**fields), today=TODAY)


def meeting(store, contact_id: int, *, on: date = date(2026, 11, 20), **fields) -> int:
    return store.meetings.schedule(
        MeetingDraft(contact_id, on, time(14), "Europe/London", **fields), now=SCHEDULED_ON
    )


def only(text: str, header: tuple[str, ...]) -> dict[str, str]:
    (row,) = records(text, header)
    return row


# -- the demo planner ------------------------------------------------------------------


def test_each_export_has_its_header_and_one_row_per_record_on_the_demo(store):
    load_demo(store, today=TODAY)

    contacts = records(contacts_csv(store), CONTACT_COLUMNS)
    assert [r["Name"] for r in contacts] == [c.name for c in store.contacts.list()]

    interviews = records(interviews_csv(store), INTERVIEW_COLUMNS)
    overview = store.plans.overview()
    assert [r["With"] for r in interviews] == [i.contact_name for i in overview]
    assert len(interviews) < store.content.row_counts()["interviews"], (
        "the cancelled one is left out"
    )

    actions = records(actions_csv(store), ACTION_COLUMNS)
    assert [r["Action"] for r in actions] == [a.title for a in store.actions.list()]
    assert contacts and interviews and actions


def test_exports_names_each_file_and_function(store):
    load_demo(store, today=TODAY)
    stems = [stem for stem, _ in EXPORTS.values()]
    assert len(set(stems)) == len(stems) == 3
    for stem, export in EXPORTS.values():
        assert stem and stem.isascii() and " " not in stem
        assert read(export(store))[0], f"{stem} starts with its header"
    assert EXPORTS["contacts"][1] is contacts_csv
    assert EXPORTS["interviews"][1] is interviews_csv
    assert EXPORTS["actions"][1] is actions_csv


def test_an_empty_planner_gives_just_the_header(store):
    assert contacts_csv(store) == ",".join(CONTACT_COLUMNS) + "\r\n"
    assert interviews_csv(store) == ",".join(INTERVIEW_COLUMNS) + "\r\n"
    assert actions_csv(store) == ",".join(ACTION_COLUMNS) + "\r\n"


# -- text comes back exactly as typed ------------------------------------------------------

AWKWARD_NOTE = (
    'She said "call me Sam", then listed: pay, hours, and travel.\n'
    "Second line, with a trailing comma,\r\n"
    "Third line 🎉👩🏽‍🔬 and right-to-left: مرحبا بالعالم, שלום עולם.\n"
    "\"Quoted\" at the start of a line; ''double apostrophes''; a\ttab inside."
)


def test_notes_with_commas_quotes_line_breaks_emoji_and_rtl_text_read_back_exactly(store):
    person = store.contacts.add(
        ContactDraft(
            name='Sam "The Fixer" Ó Briain, Jr. 🛠️',
            role="باحثة تجربة المستخدم",
            notes=AWKWARD_NOTE,
            tags=["מחקר", "ux; research", "emoji 🎉"],
        ),
        today=TODAY,
        new_organisation="Café Zürich, Ltd.",
    )
    interview = meeting(store, person, location='Room "B", 2nd floor, café')
    store.plans.save_interview_notes(interview, AWKWARD_NOTE)
    store.actions.add(ActionDraft(title='Read "Just Enough Research", chapters 1, 2 — שלום'))

    row = only(contacts_csv(store), CONTACT_COLUMNS)
    assert row["Name"] == 'Sam "The Fixer" Ó Briain, Jr. 🛠️'
    assert row["Role"] == "باحثة تجربة المستخدم"
    assert row["Organisation"] == "Café Zürich, Ltd."
    assert row["Notes"] == AWKWARD_NOTE
    assert row["Tags"] == "מחקר, ux; research, emoji 🎉"

    row = only(interviews_csv(store), INTERVIEW_COLUMNS)
    assert row["Notes"] == AWKWARD_NOTE
    assert row["Where"] == 'Room "B", 2nd floor, café'
    assert row["With"] == 'Sam "The Fixer" Ó Briain, Jr. 🛠️'

    row = only(actions_csv(store), ACTION_COLUMNS)
    assert row["Action"] == 'Read "Just Enough Research", chapters 1, 2 — שלום'


def test_rows_end_in_crlf_and_line_breaks_inside_a_note_stay_in_its_cell(store):
    add_contact(store, name="Ada", notes="one\ntwo, three")
    text = contacts_csv(store)
    assert text.endswith("\r\n")
    assert text.count("\r\n") == 2, "the header and one record; the note's break is inside"
    assert '"one\ntwo, three"' in text


def test_a_100000_character_note_survives_whole(store):
    """The pages and the restore keep notes far shorter, but a planner file edited by
    hand may hold any length."""
    long_note = ('Line of notes, with "quotes" and commas 🎉\n' * 3000)[:100_000]
    assert len(long_note) == 100_000
    add_contact(store, name="Ada", notes="short for now")
    document = backup.export_document(store)
    contacts = document["tables"]["contacts"]
    column = contacts["columns"].index("notes")
    contacts["rows"][0][column] = long_note
    load_as_hand_edited(store, document, replace=True)

    assert only(contacts_csv(store), CONTACT_COLUMNS)["Notes"] == long_note


def test_the_longest_notes_the_planner_accepts_survive_whole(store):
    person = add_contact(store, name="Ada", notes="x," * 2000)  # 4,000 characters
    interview = meeting(store, person)
    long_note = ('a "b", c\n' * 3000)[:20_000]
    store.plans.save_interview_notes(interview, long_note)
    assert only(contacts_csv(store), CONTACT_COLUMNS)["Notes"] == "x," * 2000
    assert only(interviews_csv(store), INTERVIEW_COLUMNS)["Notes"] == long_note


# -- nothing typed runs as a formula -----------------------------------------------------------


@pytest.mark.parametrize("prefix", FORMULA_PREFIXES, ids=repr)
def test_every_formula_prefix_is_neutralised(store, prefix):
    """Whatever the planner kept of what was typed comes back with a leading apostrophe
    when it starts like a formula; names, tags and titles are trimmed on saving, so a
    leading tab or carriage return survives only in the interview's notes."""
    payload = f'{prefix}HYPERLINK("http://evil.example","x")'
    person = add_contact(store, name=f"{prefix}1+1 Evil", notes=payload, tags=[f"{prefix}cmd|x"])
    interview = meeting(store, person)
    store.plans.save_interview_notes(interview, payload)
    store.actions.add(ActionDraft(title=f"{prefix}2+3 do it"))

    contact = only(contacts_csv(store), CONTACT_COLUMNS)
    interview_row = only(interviews_csv(store), INTERVIEW_COLUMNS)
    action = only(actions_csv(store), ACTION_COLUMNS)
    (saved,) = store.contacts.list()
    (saved_action,) = store.actions.list()

    for cell, kept in (
        (contact["Name"], saved.name),
        (contact["Notes"], saved.notes),
        (contact["Tags"], saved.tags[0]),
        (action["Action"], saved_action.title),
        (interview_row["With"], saved.name),
        (interview_row["Notes"], payload),
    ):
        expected = "'" + kept if kept.startswith(FORMULA_PREFIXES) else kept
        assert cell == expected
        assert not cell.startswith(FORMULA_PREFIXES)
    assert interview_row["Notes"] == "'" + payload, "the notes keep exactly what was typed"
    if prefix not in "\t\r":
        assert contact["Name"] == f"'{prefix}1+1 Evil"
        assert contact["Notes"] == "'" + payload
        assert contact["Tags"] == f"'{prefix}cmd|x"
        assert action["Action"] == f"'{prefix}2+3 do it"


@pytest.mark.parametrize("prefix", FORMULA_PREFIXES, ids=repr)
def test_neutralise_puts_an_apostrophe_before_every_formula_prefix(prefix):
    assert neutralise(f"{prefix}SUM(A1:A9)") == f"'{prefix}SUM(A1:A9)"
    assert neutralise([f"{prefix}a", "b"]) == f"'{prefix}a, b"


@pytest.mark.parametrize(
    "typed",
    [
        "   =1+1",
        "\u3000=1+1",
        "|cmd /c calc",
        "\uff1d1+2",
        "\uff0bSUM(1,2)",
        "\uff0d2+3",
        "\uff20SUM(1)",
    ],
    ids=repr,
)
def test_a_formula_after_spaces_a_pipe_or_a_full_width_sign_is_neutralised(typed):
    """Spreadsheets may trim leading spaces, run a pipe as a command (DDE) or fold
    full-width signs to their ASCII forms before deciding a cell is a formula."""
    assert neutralise(typed) == "'" + typed


def test_ordinary_text_is_untouched(store):
    person = add_contact(
        store,
        name="Anne-Marie O'Neil",
        role="Head of R&D (+ data)",
        notes="Costs fell -5% this year; email me @ work. 1+1=2.",
        tags=["e-learning", "c++"],
        email="anne-marie@example.org",
    )
    interview = meeting(store, person)
    store.plans.save_interview_notes(interview, "Not a formula: = + - @ | only inside")
    store.actions.add(ActionDraft(title="Re-read my notes: -ish, =, +, @ all fine inside"))

    contact = only(contacts_csv(store), CONTACT_COLUMNS)
    assert contact["Name"] == "Anne-Marie O'Neil"
    assert contact["Role"] == "Head of R&D (+ data)"
    assert contact["Notes"] == "Costs fell -5% this year; email me @ work. 1+1=2."
    assert contact["Tags"] == "e-learning, c++"
    assert contact["Email"] == "anne-marie@example.org"
    notes = only(interviews_csv(store), INTERVIEW_COLUMNS)["Notes"]
    assert notes == "Not a formula: = + - @ | only inside"
    action = only(actions_csv(store), ACTION_COLUMNS)["Action"]
    assert action == "Re-read my notes: -ish, =, +, @ all fine inside"


def test_neutralise_formats_values_for_a_spreadsheet():
    assert neutralise(None) == ""
    assert neutralise(True) == "yes"
    assert neutralise(False) == "no"
    assert neutralise(date(2026, 11, 22)) == "2026-11-22"
    assert neutralise(datetime(2026, 11, 22, 9, 30)) == "2026-11-22 09:30"
    assert neutralise(["a", "b"]) == "a, b"
    assert neutralise([]) == ""
    assert neutralise(30) == "30"
    assert neutralise("plain") == "plain"
    assert neutralise(" -1") == "' -1"  # a spreadsheet may trim the space, then read a sign
    assert neutralise("") == ""


# -- labels, not stored keys -----------------------------------------------------------------


def test_labels_not_keys(store):
    person = add_contact(store, name="Ada", circle="association", warmth="warm")
    store.contacts.move(person, "requested", happened_at=datetime(2026, 11, 23, 10))
    row = only(contacts_csv(store), CONTACT_COLUMNS)
    assert row["Stage"] == "Request sent"
    assert row["Where I know them from"] == "Professional association"
    assert row["Warm or cold"] == "Warm (they know me)"
    assert row["Last activity"] == "2026-11-23", "the day of the latest history line"

    interview = meeting(store, person, format="in_person")
    store.meetings.mark_done(interview, now=datetime(2026, 11, 21, tzinfo=UTC))
    row = only(interviews_csv(store), INTERVIEW_COLUMNS)
    assert row["Format"] == "In person"
    assert row["Status"] == "Done"
    assert row["Starts"] == "2026-11-20 14:00"
    assert row["Time zone"] == "Europe/London"

    action = store.actions.add(ActionDraft(title="Learn SQL", kind="learn_skill"))
    store.actions.add(ActionDraft(title="Email Ben", kind="contact", due_on=date(2026, 12, 1)))
    store.actions.set_done(action, date(2026, 11, 21))
    rows = {r["Action"]: r for r in records(actions_csv(store), ACTION_COLUMNS)}
    assert rows["Learn SQL"]["Kind"] == "Learn a skill"
    assert rows["Learn SQL"]["Done"] == "yes"
    assert rows["Learn SQL"]["Done on"] == "2026-11-21"
    assert rows["Email Ben"]["Kind"] == "Contact someone"
    assert rows["Email Ben"]["Done"] == "no"
    assert rows["Email Ben"]["Due"] == "2026-12-01"

    exports = (contacts_csv(store), interviews_csv(store), actions_csv(store))
    cells = {cell for text in exports for row in read(text) for cell in row}
    assert not {"requested", "association", "warm", "in_person", "done", "learn_skill"} & cells


def test_goals_are_named_by_their_titles(store):
    load_demo(store, today=TODAY)
    titles = {g.id: g.title for g in store.goals.list()}
    rows = records(contacts_csv(store), CONTACT_COLUMNS)
    for contact, row in zip(store.contacts.list(), rows, strict=True):
        assert row["Goals"] == ", ".join(titles[g] for g in contact.goal_ids)


# -- the bytes to write ------------------------------------------------------------------------


def test_csv_bytes_start_with_the_utf8_bom_and_round_trip(store):
    add_contact(store, name="Sofia Álvarez 🎉", notes="مرحبا")
    text = contacts_csv(store)
    data = csv_bytes(text)
    assert data.startswith(b"\xef\xbb\xbf")
    assert not data[3:].startswith(b"\xef\xbb\xbf"), "one byte order mark, not two"
    assert data.decode("utf-8-sig") == text
    assert read(data.decode("utf-8-sig"))[1][0] == "Sofia Álvarez 🎉"
