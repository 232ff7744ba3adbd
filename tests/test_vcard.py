"""vCard files: contacts out to an address book and back, and the cards real address books
write (Google, Apple, Outlook, phones) read in without duplicates."""

from __future__ import annotations

import pytest
import vobject

from planner import demo
from planner.__main__ import main
from planner.contacts import ContactDraft
from planner.errors import ValidationError
from planner.organisations import OrganisationDraft
from planner.steps import contacts
from planner.store import Database, Store
from planner.vcard import MAX_BYTES, cards_bytes, parse_cards

from . import hostile
from .conftest import TODAY

# What Google Contacts writes on "Export > vCard (for iOS Contacts)": 3.0, grouped
# properties with X-ABLabel, its own groups in CATEGORIES and a folded base64 photo.
GOOGLE = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:Marta Kowalska\r\n"
    "N:Kowalska;Marta;;;\r\n"
    "EMAIL;TYPE=INTERNET;TYPE=WORK:marta.kowalska@civicdata.example\r\n"
    "EMAIL;TYPE=INTERNET;TYPE=HOME:marta.k@mail.example\r\n"
    "TEL;TYPE=CELL:+48 601 234 567\r\n"
    "TEL;TYPE=WORK:+48 22 123 45 67\r\n"
    "item1.ORG:Civic Data Lab\r\n"
    "item1.X-ABLabel:\r\n"
    "item2.TITLE:Data Product Manager\r\n"
    "item2.X-ABLabel:\r\n"
    "PHOTO:https://lh3.googleusercontent.com/contacts/ABCDEFG\r\n"
    "CATEGORIES:myContacts,starred,open data\r\n"
    "NOTE:Met at the Open Data meetup\\, Warsaw.\\nAsked about the civic-tech fello\r\n"
    " wship.\r\n"
    "END:VCARD\r\n"
)

# Apple Contacts: 3.0 with pref in TYPE, a department after the organisation, a social
# profile and an inline photo spread over many folded lines.
APPLE = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "PRODID:-//Apple Inc.//macOS 15.1//EN\r\n"
    "N:Okonkwo;Chidi;;Dr;\r\n"
    "FN:Dr Chidi Okonkwo\r\n"
    "ORG:St Mary\u2019s Hospital;Clinical Informatics\r\n"
    "TITLE:Chief Clinical Information Officer\r\n"
    "EMAIL;type=INTERNET;type=HOME:chidi@home.example\r\n"
    "EMAIL;type=INTERNET;type=WORK;type=pref:c.okonkwo@stmarys.example\r\n"
    "TEL;type=CELL;type=VOICE;type=pref:+44 7700 900123\r\n"
    "item1.URL;type=pref:https://www.linkedin.com/in/chidi-okonkwo-example\r\n"
    "item1.X-ABLabel:_$!<HomePage>!$_\r\n"
    "X-SOCIALPROFILE;type=linkedin:https://www.linkedin.com/in/chidi-okonkwo-example\r\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDA\r\n"
    " sLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwL\r\n"
    " DBgNDRgyIRwhMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIy\r\n"
    "END:VCARD\r\n"
)

# Outlook: vCard 2.1 in the Windows code page, quoted-printable with soft line breaks,
# bare parameters (;WORK;PREF) and a note over several lines.
OUTLOOK = (
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;LANGUAGE=de;CHARSET=Windows-1252:Müller;Jürgen\r\n"
    "FN;CHARSET=Windows-1252:Jürgen Müller\r\n"
    "ORG;CHARSET=Windows-1252:Stadtwerke Köln\r\n"
    "TITLE:Leiter Digitalisierung\r\n"
    "TEL;WORK;VOICE:+49 221 1234567\r\n"
    "TEL;CELL;VOICE:+49 170 7654321\r\n"
    "EMAIL;PREF;INTERNET:j.mueller@stadtwerke.example\r\n"
    "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=Windows-1252:Kennengelernt auf der Messe.=0D=0A=\r\n"
    "Fragen zur =DCbergabe an IT.\r\n"
    "X-MS-OL-DEFAULT-POSTAL-ADDRESS:2\r\n"
    "END:VCARD\r\n"
).encode("cp1252")

# A phone's export in vCard 4.0: PREF=1, tel: URIs with an extension, a data: photo.
PHONE_4 = (
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "FN:Ana López\r\n"
    "N:López;Ana;;;\r\n"
    "EMAIL;TYPE=home:ana.home@example.org\r\n"
    "EMAIL;TYPE=work;PREF=1:ana.lopez@agency.example\r\n"
    'TEL;VALUE=uri;TYPE="voice,work":tel:+34-91-555-0100;ext=12\r\n'
    "ORG:Agencia Digital\r\n"
    "TITLE:Service Designer\r\n"
    "PHOTO:data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNg\r\n"
    " YGD4DwABBAEAcCBlZQAAAABJRU5ErkJggg==\r\n"
    "END:VCARD\r\n"
)


def everyone(store: Store) -> dict[str, tuple[str, str, str, str]]:
    """Each contact's email, phone, organisation and role, by name."""
    return {c.name: (c.email, c.phone, c.organisation, c.role) for c in store.contacts.list()}


def import_file(store: Store, data: bytes | str):
    data = data.encode("utf-8") if isinstance(data, str) else data
    return contacts.import_cards(store, data, today=TODAY)


# -- out and back --------------------------------------------------------------------------


def test_the_demo_goes_out_and_back_into_an_empty_planner_unchanged(store: Store):
    demo.load_demo(store, today=TODAY)
    store.contacts.add(
        ContactDraft(name="Li Wei", phone="+86 10 5555 0100", email="li.wei@example.cn"),
        today=TODAY,
    )
    before = everyone(store)
    assert any(phone for _, phone, _, _ in before.values())
    exported = contacts.address_book_file(store)
    with Database(":memory:") as other:
        fresh = other.session()
        report = import_file(fresh, exported)
        assert sorted(report.added) == sorted(before) and not report.problems
        assert everyone(fresh) == before
        tags = {c.name: c.tags for c in store.contacts.list()}
        assert {c.name: c.tags for c in fresh.contacts.list()} == tags
        again = import_file(fresh, exported)
        assert again.added == [] and len(again.skipped) == len(before)
        assert everyone(fresh) == before


def test_the_file_is_vcard_3_with_crlf_lines_folded_under_76_octets(store: Store):
    long_note = "A long note about the conversation, " * 10
    store.contacts.add(ContactDraft(name="Zoë Brontë", notes=long_note.strip()), today=TODAY)
    data = contacts.address_book_file(store)
    lines = data.split(b"\r\n")
    assert data.endswith(b"END:VCARD\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert max(len(line) for line in lines) <= 75
    card = vobject.readOne(data.decode("utf-8"))
    assert card.version.value == "3.0" and card.fn.value == "Zoë Brontë"
    assert card.note.value == long_note.strip()


def test_a_target_organisation_is_linked_when_its_name_matches(store: Store):
    org_id = store.organisations.add(OrganisationDraft(name="Civic Data Lab"))
    import_file(store, GOOGLE)
    (marta,) = store.contacts.list()
    assert marta.organisation_id == org_id and marta.company == ""


# -- what address books write ----------------------------------------------------------


def test_a_google_export_keeps_both_emails_and_phones_and_drops_googles_own_groups(
    store: Store,
):
    report = import_file(store, GOOGLE)
    assert report.added == ["Marta Kowalska"] and report.problems == []
    (marta,) = store.contacts.list()
    assert (marta.email, marta.phone) == ("marta.kowalska@civicdata.example", "+48 601 234 567")
    assert (marta.organisation, marta.role) == ("Civic Data Lab", "Data Product Manager")
    assert marta.tags == ["open data"]
    assert marta.notes == (
        "Met at the Open Data meetup, Warsaw.\nAsked about the civic-tech fellowship.\n\n"
        "Other emails: marta.k@mail.example\n\nOther phones: +48 22 123 45 67"
    )
    assert marta.circle == "other" and marta.warmth == "warm"
    (entry,) = store.contacts.history(marta.id)
    assert entry.summary == "Imported from your address book"


def test_an_apple_export_takes_the_preferred_email_and_the_linkedin_profile(store: Store):
    import_file(store, APPLE)
    (chidi,) = store.contacts.list()
    assert chidi.name == "Dr Chidi Okonkwo"
    assert chidi.email == "c.okonkwo@stmarys.example"
    assert chidi.phone == "+44 7700 900123"
    assert chidi.organisation == "St Mary\u2019s Hospital"
    assert chidi.role == "Chief Clinical Information Officer"
    assert chidi.linkedin_url == "https://www.linkedin.com/in/chidi-okonkwo-example"
    assert chidi.notes == "Other emails: chidi@home.example"


def test_an_outlook_2_1_export_in_the_windows_code_page_with_quoted_printable(store: Store):
    import_file(store, OUTLOOK)
    (jurgen,) = store.contacts.list()
    assert (jurgen.name, jurgen.organisation) == ("Jürgen Müller", "Stadtwerke Köln")
    assert (jurgen.email, jurgen.phone) == ("j.mueller@stadtwerke.example", "+49 221 1234567")
    assert jurgen.notes == (
        "Kennengelernt auf der Messe.\nFragen zur Übergabe an IT.\n\nOther phones: +49 170 7654321"
    )


def test_a_phones_vcard_4_export_with_pref_and_tel_uris(store: Store):
    import_file(store, PHONE_4)
    (ana,) = store.contacts.list()
    assert (ana.name, ana.email, ana.phone) == (
        "Ana López",
        "ana.lopez@agency.example",
        "+34-91-555-0100",
    )
    assert (ana.organisation, ana.role) == ("Agencia Digital", "Service Designer")
    assert ana.notes == "Other emails: ana.home@example.org"


def test_several_address_books_in_one_file_come_in_together(store: Store):
    report = import_file(store, GOOGLE.encode() + APPLE.encode() + PHONE_4.encode())
    assert sorted(report.added) == ["Ana López", "Dr Chidi Okonkwo", "Marta Kowalska"]


# -- duplicates, problems, all or nothing -------------------------------------------------


def test_duplicates_in_the_planner_and_in_the_file_are_skipped_and_named(store: Store):
    store.contacts.add(
        ContactDraft(name="Marta K.", email="MARTA.K@mail.example"), today=TODAY
    )  # her second address: the same person
    twice = PHONE_4 + PHONE_4.replace("FN:Ana López", "FN:Ana Lopez Garcia")
    parsed = parse_cards((GOOGLE + twice).encode())
    assert parsed.duplicates_in_file == [
        "Ana Lopez Garcia (card 3, line 30) repeats Ana López (card 2, line 18)."
    ]
    report = import_file(store, GOOGLE + twice)
    assert report.added == ["Ana López"]
    assert report.skipped == ["Marta Kowalska (card 1, line 1)"]
    assert report.repeated == ["Ana Lopez Garcia (card 3, line 30)"]
    assert contacts.import_notes(report) == [
        "Already in your planner: Marta Kowalska (card 1, line 1)",
        "Twice in the file, added once: Ana Lopez Garcia (card 3, line 30)",
    ]
    assert contacts.address_book_summary(1, 2) == (
        "Imported 1 new contacts from your address book. "
        "Skipped 2 already in your planner or twice in the file."
    )


def test_a_refused_card_does_not_hide_a_later_card_for_the_same_person(store: Store):
    long_link = "https://www.linkedin.com/in/" + "ann-lee-" * 300  # over the rules' length
    usable = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:ann@example.org\r\n"
    refused = usable + f"URL:{long_link}\r\nEND:VCARD\r\n"
    report = import_file(store, refused + usable + "END:VCARD\r\n")
    assert report.added == ["Ann Lee"] and report.skipped == report.repeated == []
    assert report.problems[0].startswith("Ann Lee (card 1, line 1): Keep it to")
    assert store.contacts.list()[0].linkedin_url == ""


def test_control_characters_are_dropped_not_the_card(store: Store):
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bell\x07 Ringer\r\nNOTE:Rings\x00 twice\r\n"
    report = import_file(store, card + "END:VCARD\r\n")
    assert report.added == ["Bell Ringer"] and report.problems == []
    assert store.contacts.list()[0].notes == "Rings twice"


def test_unusable_cards_are_reported_and_the_rest_come_in(store: Store):
    no_name = "BEGIN:VCARD\r\nVERSION:3.0\r\nEMAIL:nobody@example.org\r\nEND:VCARD\r\n"
    control = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" + "Bell Ringer " * 12 + "\r\nEND:VCARD\r\n"
    broken = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Half Read\r\nthis line has no colon\r\nEND:VCARD\r\n"
    bad_email = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Odd Email\r\nEMAIL:not-an-address\r\nEND:VCARD\r\n"
    )
    report = import_file(store, no_name + control + broken + bad_email + PHONE_4)
    assert sorted(report.added) == ["Ana López", "Half Read", "Odd Email"]
    assert report.problems[0] == "Card 1, line 1: no name; skipped."
    assert report.problems[1].startswith("Card 2, line 5: Name: Keep it to 120 characters")
    assert (
        report.problems[2] == "Half Read (card 3, line 9): some lines could not be read; left out."
    )
    odd = next(c for c in store.contacts.list() if c.name == "Odd Email")
    assert odd.email == "" and odd.notes == "Other emails: not-an-address"


def test_overlong_fields_are_cut_and_said_so(store: Store):
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Long Winded\r\nTITLE:" + "Very " * 40 + "\r\n"
        "NOTE:" + "word " * 1000 + "\r\nEND:VCARD\r\n"
    )
    report = import_file(store, card)
    assert report.added == ["Long Winded"]
    assert report.problems == [
        "Long Winded (card 1, line 1): the title was cut to 120 characters.",
        "Long Winded (card 1, line 1): the note was cut to 4,000 characters.",
    ]
    (person,) = store.contacts.list()
    assert len(person.role) == 120 and len(person.notes) == 4000


def test_a_file_that_is_not_a_vcard_is_refused_with_a_clear_message(store: Store):
    with pytest.raises(ValidationError) as refused:
        import_file(store, "First Name,Last Name,URL\r\nPriya,Raman,\r\n")
    assert "no line says BEGIN:VCARD" in refused.value.errors["file"]
    with pytest.raises(ValidationError) as refused:
        import_file(store, b"BEGIN:VCARD\r\n" + b" " * MAX_BYTES)
    assert "an address book export is far smaller" in refused.value.errors["file"]
    assert store.contacts.list() == []


def test_an_import_that_fails_half_way_saves_nobody(store: Store, monkeypatch):
    def fail(cur, notes):  # the people are in, their history notes fail
        assert cur.execute("SELECT count(*) FROM contacts").fetchone() == (2,)
        raise OSError("disk full")

    monkeypatch.setattr(store.contacts, "add_notes", fail)
    with pytest.raises(OSError):
        import_file(store, GOOGLE + PHONE_4)
    assert store.contacts.list() == []


# -- hostile text ------------------------------------------------------------------------


ALLOWED = {"VERSION", "UID", "FN", "N", "ORG", "TITLE", "EMAIL", "TEL", "URL", "CATEGORIES", "NOTE"}


def test_hostile_text_in_contacts_stays_inside_its_own_property(store: Store):
    hostile.fill(store, today=TODAY)
    people = store.contacts.list()
    data = cards_bytes(people)
    cards = list(vobject.readComponents(data.decode("utf-8")))
    assert len(cards) == len(people)
    for card, person in zip(cards, people, strict=True):
        assert {line.name for line in card.getChildren()} <= ALLOWED
        assert len(card.contents["fn"]) == 1
        assert card.fn.value.replace("\r\n", "\n").replace("\r", "\n") == person.name.replace(
            "\r\n", "\n"
        ).replace("\r", "\n")


@pytest.mark.parametrize("text", hostile.SHORT)
def test_hostile_text_in_a_card_stays_in_its_field(store: Store, text: str):
    card = vobject.vCard()
    card.add("fn").value = "Hostile Card"
    card.add("n").value = vobject.vcard.Name(family="Card", given="Hostile")
    card.add("note").value = text
    card.add("title").value = text
    report = import_file(store, card.serialize())
    (person,) = store.contacts.list()  # one card, one contact: nothing split it or added one
    assert report.added == ["Hostile Card"] and person.name == "Hostile Card"
    # Nothing but the typed characters (controls dropped, the cut marked with "…").
    assert set(person.notes) <= set(text) | {"…", "\n"}
    assert set(person.role) <= set(text) | {"…", " "} and "\n" not in person.role
    assert person.email == person.phone == person.linkedin_url == ""


# -- the command line --------------------------------------------------------------------


def test_the_command_line_exports_and_imports(tmp_path, capsys):
    source, target, vcf = tmp_path / "a.duckdb", tmp_path / "b.duckdb", tmp_path / "out.vcf"
    with Database(source) as db:
        demo.load_demo(db.session(), today=TODAY)
    assert main(["vcard-export", "--db", str(source), "-o", str(vcf)]) == 0
    assert capsys.readouterr().out == f"Wrote 16 contact(s) to {vcf}.\n"
    assert main(["vcard-import", str(vcf), "--db", str(target)]) == 0
    assert capsys.readouterr().out == "Imported 16 new contacts from your address book.\n"
    assert main(["vcard-import", str(vcf), "--db", str(target)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Imported 0 new contacts from your address book. Skipped 16")
    assert "  Already in your planner: Aisha Khan (card 1, line 1)" in out


def test_the_command_line_refuses_a_file_that_is_not_vcard(tmp_path, capsys):
    wrong = tmp_path / "notes.txt"
    wrong.write_text("hello", encoding="utf-8")
    assert main(["vcard-import", str(wrong), "--db", str(tmp_path / "p.duckdb")]) == 1
    assert "error: This does not look like a vCard file" in capsys.readouterr().err
    assert main(["vcard-import", str(tmp_path / "missing.vcf"), "--db", "x.duckdb"]) == 1
    assert "Cannot read" in capsys.readouterr().err
