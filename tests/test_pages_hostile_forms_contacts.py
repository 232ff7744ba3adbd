"""Each hostile string typed into the forms of one contact on the Contacts page, and
arriving in a backup file on the Backup page: it is saved as typed (spaces at the ends,
or runs of spaces, aside) or refused with a message on the page, and a refused save
changes nothing in the planner (its whole backup text is the same before and after).

The new-contact form is driven in test_pages_hostile_forms; every page on a planner
holding every string is drawn in test_pages_hostile (without opening a contact, which
the last test here does after restoring that planner through the Backup page).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time, timedelta

import pytest

from planner import backup
from planner.contacts import ContactDraft
from planner.store import Database

from . import hostile
from .apptest_helpers import click, fill, open_page, unescape
from .test_pages_hostile import assert_inert

CONTACTS = "pages/3_Contacts.py"
BACKUP = "pages/9_Backup.py"
STRINGS = hostile.STRINGS
SENT = "Mark this request as sent"  # the request template is chosen before each send


def export(path) -> str:
    with Database(path) as db:
        return backup.export_text(db.session())


def read(path, fn):
    with Database(path) as db:
        return fn(db.session())


def refusals(at) -> list[str]:
    """Errors, and the warning a refused form shows; not the page's advice (e.g. the
    "Still to fill in" warning a draft with blanks gets)."""
    errors = [unescape(str(e.value)) for e in at.error]
    warnings = [unescape(str(w.value)) for w in at.warning]
    return errors + [w for w in warnings if w.startswith("Nothing was saved")]


def as_typed(stored: str, text: str) -> bool:
    return stored in (text.strip(), " ".join(text.split()))


def newest(table: str, *columns: str):
    return lambda store: store.content.rows(table, list(columns))[-1]


# -- one contact's forms ----------------------------------------------------------------


def send(at, cid, *, subject: str, body: str):
    at.selectbox(key=f"msg_{cid}_template").set_value("request_shared")
    at.text_input(key=f"msg_{cid}_draft_subject").input(subject)
    at.text_area(key=f"msg_{cid}_draft").input(body)
    return click(at, SENT)


def send_merged(at, cid, text):
    """The string typed into the template's fields, the template filled in, then sent."""
    at.selectbox(key=f"msg_{cid}_template").set_value("request_shared")
    for name in ("connection", "interest", "times"):
        at.text_input(key=f"msg_{cid}_{name}").input(text)
    click(at, "Fill in the template")
    at.drafted = (  # what the page drafted: what a send must keep
        at.text_input(key=f"msg_{cid}_draft_subject").value,
        at.text_area(key=f"msg_{cid}_draft").value,
    )
    return click(at, SENT)


def merged_kept(stored, text, at) -> bool:
    subject, body = stored
    return (subject, body) == tuple(x.strip() for x in at.drafted) and any(
        v in body for v in (text.strip(), " ".join(text.split()))
    )


def my_details(at, cid, text):
    at.text_input(key="msg_my_name").input(text)
    at.text_input(key="msg_my_contact").input(text)
    return click(at, "Fill in the template")


def own_template(at, cid, text):
    at.text_input(key=f"msg_{cid}_own_name").input(text)
    at.text_input(key=f"msg_{cid}_draft_subject").input(text)
    at.text_area(key=f"msg_{cid}_draft").input(text)
    return click(at, "Save template")


def step(kind: str):
    def record(at, cid, text):
        stage = read(at.planner, lambda s: s.contacts.get(cid).next_stages[0])
        fill(at, f"move_{cid}", stage=f"stage:{stage}" if kind == "stage" else kind, what=text)
        return click(at, "Record this step")

    return record


def meeting(at, cid, text):
    saves = f"form_saves:meet_{cid}"  # the form is keyed anew after each save (ui.form_key)
    form = f"meet_{cid}_{at.session_state.get(saves, 0)}"
    fill(at, form, on=date.today() + timedelta(days=3), zone="UTC", where=text)
    at.time_input(key=f"{form}_at").set_value(time(10, 0))
    return click(at, "Schedule it")


def edit(*fields: str):
    def save(at, cid, text):
        version = read(at.planner, lambda s: s.contacts.get(cid).version)
        fill(at, f"edit_contact_{cid}_{version}", **dict.fromkeys(fields, text))
        return click(at, "Save changes")

    return save


def contact_fields(cid, *names):
    return lambda store: tuple(getattr(store.contacts.get(cid), n) for n in names)


@dataclass(frozen=True)
class Form:
    submit: Callable  # (at, contact id, text) -> at, the string typed and submitted
    stored: Callable  # (contact id) -> (store -> the saved values)
    kept: Callable = lambda stored, text, at: all(as_typed(s, text) for s in stored)
    seen: tuple[str, ...] = ("saved", "refused")  # outcomes the corpus must bring about


FORMS = {
    "message subject": Form(
        lambda at, cid, text: send(at, cid, subject=text, body="Could we talk?"),
        lambda cid: newest("outreach", "subject"),
    ),
    "message body": Form(
        lambda at, cid, text: send(at, cid, subject="A question", body=text),
        lambda cid: newest("outreach", "body"),
    ),
    "message template fields": Form(
        send_merged, lambda cid: newest("outreach", "subject", "body"), merged_kept
    ),
    "my name and contact line": Form(
        my_details,
        lambda cid: lambda s: (s.settings.all()["me.name"], s.settings.all()["me.contact"]),
    ),
    "my own template": Form(
        own_template, lambda cid: newest("message_templates", "name", "subject", "body")
    ),
    "step: stage move": Form(step("stage"), lambda cid: newest("contact_events", "summary")),
    "step: a note": Form(step("event:note"), lambda cid: newest("contact_events", "summary")),
    "meeting place": Form(meeting, lambda cid: newest("interviews", "location")),
    "edit: name, role, notes": Form(
        edit("name", "role", "notes"), lambda cid: contact_fields(cid, "name", "role", "notes")
    ),
    "edit: email, LinkedIn, phone": Form(
        edit("email", "li", "phone"),
        lambda cid: contact_fields(cid, "email", "linkedin_url", "phone"),
        seen=("refused",),  # none is an email address, a web address or a phone number
    ),
}


def open_contact(path):
    """The Contacts page open at a contact with a role and an organisation, whose own
    name and contact line are already saved (so filling in a template saves nothing)."""
    with Database(path) as db:
        store = db.session()
        cid = store.contacts.add(
            ContactDraft(name="Dana Wells", role="Ward manager", email="dana@example.org"),
            today=date.today(),
            new_organisation="Northwind Health",
        )
        store.settings.save({"me.name": "Maya", "me.contact": "maya@example.org"})
    at = open_page(CONTACTS)
    at.session_state["contacts_selected"] = cid
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    at.planner = path
    return at, cid


def submit_one(at, cid, form: Form, text: str, path) -> str:
    """Type ``text`` into the form and submit; 'saved' or 'refused', checked."""
    before = export(path)
    form.submit(at, cid, text)  # asserts no exception
    if export(path) == before:
        assert refusals(at), f"neither saved nor refused with a message: {text[:40]!r}"
        return "refused"
    stored = read(path, form.stored(cid))
    assert form.kept(stored, text, at), (text[:60], [str(s)[:60] for s in stored])
    return "saved"


@pytest.mark.parametrize("name", list(FORMS))
def test_a_contacts_form_saves_each_string_as_typed_or_refuses_it(planner_file, name):
    form = FORMS[name]
    at, cid = open_contact(planner_file)
    outcomes = {"saved": 0, "refused": 0}
    for text in STRINGS:
        outcomes[submit_one(at, cid, form, text, planner_file)] += 1
    assert all(outcomes[kind] for kind in form.seen), outcomes


# -- backup files ------------------------------------------------------------------------


def document(strings: list[str]) -> str:
    with Database(":memory:") as db:
        store = db.session()
        return json.dumps(
            hostile.document(store, today=date.today(), strings=strings, checked=True)
        )


def imported(data: bytes | str) -> str:
    """The backup text of a fresh planner the file was imported into directly."""
    with Database(":memory:") as db:
        store = db.session()
        backup.import_text(store, data)
        return backup.export_text(store)


def restore(at, name: str, data: bytes):
    at.file_uploader(key="backup_upload").set_value((name, data, "application/json"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    confirm = [c for c in at.checkbox if c.key == "backup_confirm_restore"]
    if confirm:
        confirm[0].check().run()
    return click(at, "Restore")


def test_a_backup_file_with_a_hostile_name_is_restored_exactly_or_refused(planner_file):
    """For each string: a file named after it holding the string itself (not a backup) is
    refused with a message and changes nothing; a backup whose every text field holds the
    string is restored exactly, or refused naming the table, row and column when the
    string is one no form accepts (control characters, a line break in a one-line field,
    text too long). The page never shows the file's name; a name with a NUL byte is left
    out: Streamlit itself refuses it (no file system makes one)."""
    at = open_page(BACKUP)
    outcomes = {"restored": 0, "refused": 0}
    for text in STRINGS:
        name = text.replace("\0", "") + ".json"
        before = export(planner_file)
        restore(at, name, text.encode("utf-8", "surrogatepass"))
        assert export(planner_file) == before
        assert refusals(at), f"not a backup, yet no message: {text[:40]!r}"
        data = document([text]).encode("utf-8")
        restore(at, name, data)
        if refused := refusals(at):
            assert export(planner_file) == before, f"refused yet changed: {text[:40]!r}"
            assert "nothing was changed" in refused[0] and "table " in refused[0], refused
            outcomes["refused"] += 1
        else:
            assert export(planner_file) == imported(data), f"not restored exactly: {text[:40]!r}"
            outcomes["restored"] += 1
    assert all(outcomes.values()), outcomes


def test_the_hostile_planner_is_refused_by_the_restore_yet_opens_at_every_contact(planner_file):
    """The planner test_pages_hostile draws every page of, uploaded on the Backup page:
    the restore refuses it (it holds text no form accepts) and changes nothing. Put in the
    file as a hand edit would, each contact opens (history, message, meetings and edit
    tabs all drawn) without an error and with no live markup."""
    data = document(STRINGS).encode("utf-8")
    at = restore(open_page(BACKUP), "planner.json", data)
    refused = refusals(at)
    assert refused and "(and more)" in refused[0], "the corpus holds text no form accepts"
    assert not any(read(planner_file, lambda s: s.content.row_counts()).values())
    with Database(planner_file) as db:  # as a planner file edited by hand would hold it
        hostile.fill(db.session(), today=date.today())
    at = open_page(CONTACTS)
    for cid in read(planner_file, lambda s: [c.id for c in s.contacts.list()]):
        at.session_state["contacts_selected"] = cid
        at.run()
        assert not at.exception, (cid, [e.value for e in at.exception])
        assert_inert(at)
