"""Each hostile string typed into the main forms of Goals, Contacts and Research: it is
saved as typed (spaces at the ends aside) or refused with a message on the page, and a
refused save stores nothing."""

from __future__ import annotations

import re

import pytest

from planner.store import Database

from . import hostile
from .apptest_helpers import click, fill, open_form, open_page, unescape, widgets

FORMS = {
    # page, form key base, fields to fill with the string, button, store listing, read back
    "goal": ("pages/1_Goals.py", "new_goal", ("title", "aims"), "Save goal",
             lambda s: s.goals.list(), lambda g: g.title),
    "contact": ("pages/3_Contacts.py", "new_contact", ("name", "notes"), "Save contact",
                lambda s: s.contacts.list(), lambda c: c.name),
    "note": ("pages/2_Research.py", "new_note", ("title", "body"), "Save note",
             lambda s: s.notes.list(), lambda n: n.title),
}  # fmt: skip


def prefix(at, base: str) -> str:
    """The key prefix of the form's current instance (it is renewed after each save),
    its section opened first."""
    open_form(at, base)
    found = {re.match(rf"({base}_\d+)_", w.key or "") for w in widgets(at)}
    names = sorted(m.group(1) for m in found if m)
    assert names, f"no form {base}"
    return names[-1]


def messages(at) -> list[str]:
    return [unescape(str(e.value)) for kind in ("error", "warning") for e in at.get(kind)]


@pytest.mark.parametrize("form", list(FORMS))
def test_hostile_strings_are_saved_as_typed_or_refused_with_nothing_kept(planner_file, form):
    page, base, fields, button, listing, read = FORMS[form]
    at = open_page(page)
    saved = refused = 0
    for text in hostile.STRINGS:
        with Database(planner_file) as db:
            before = listing(db.session())
        fill(at, prefix(at, base), **dict.fromkeys(fields, text))
        click(at, button)  # asserts no exception
        with Database(planner_file) as db:
            after = listing(db.session())
        if len(after) == len(before) + 1:
            new = next(x for x in after if x not in before)
            assert read(new) == " ".join(text.split()) or read(new) == text.strip()
            saved += 1
        else:
            assert after == before, "a refused save stored something"
            assert messages(at), f"refused without a message: {text[:40]!r}"
            refused += 1
            # clear the refused form for the next string
            at = open_page(page)
    assert saved and refused  # the corpus holds both kinds
