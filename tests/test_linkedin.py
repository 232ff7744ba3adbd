"""LinkedIn's Connections.csv: reading it, and importing it into contacts without duplicates."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.contacts import ContactDraft
from planner.linkedin import LinkedInFileError, identity_keys, parse_connections
from planner.organisations import OrganisationDraft

from .conftest import TODAY

SAMPLE = (Path(__file__).parent / "data" / "linkedin_connections.csv").read_bytes()


def test_the_notes_before_the_header_are_skipped_and_rows_read():
    parsed = parse_connections(b"\xef\xbb\xbf" + SAMPLE)  # with a byte-order mark
    names = [c.name for c in parsed.connections]
    assert names == ["Priya Raman", "Jonas Weber", "Aisha Khan", "Jonas Weber"]
    jonas = parsed.connections[1]
    assert jonas.position == "Research Operations Lead, Games"
    assert jonas.connected_on == date(2026, 11, 17)
    assert parsed.connections[0].email == ""
    assert any("no name" in p and "Line 8" in p for p in parsed.problems)
    assert any("unreadable date" in p and "Aisha" in p for p in parsed.problems)


def test_a_file_saved_by_a_spreadsheet_in_windows_encoding_is_read():
    text = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nJosé,Müller,,,,,\n"
    )
    [person] = parse_connections(text.encode("cp1252")).connections
    assert person.name == "José Müller"


def test_another_csv_is_refused_with_a_plain_message():
    with pytest.raises(LinkedInFileError, match="does not look like LinkedIn"):
        parse_connections(b"Name,Email\nPriya,p@example.org\n")


def test_identity_keys_ignore_case_spacing_and_link_details():
    a = identity_keys("Priya  Raman", "Northwind", "", "https://www.linkedin.com/in/Priya/?x=1")
    b = identity_keys("priya raman", "NORTHWIND", "", "http://linkedin.com/in/priya")
    assert a == b


def test_importing_adds_people_once_and_links_known_organisations(store):
    org_id = store.add_organisation(OrganisationDraft(name="Northwind Health", motivation=3))
    store.add_contact(ContactDraft(name="Aisha Khan", organisation_id=org_id), today=TODAY)
    report = store.import_connections(parse_connections(SAMPLE), today=TODAY)
    assert report.added == ["Priya Raman", "Jonas Weber"]
    assert [s.split(" (")[0] for s in report.skipped] == ["Aisha Khan", "Jonas Weber"]
    priya = next(c for c in store.list_contacts() if c.name == "Priya Raman")
    jonas = next(c for c in store.list_contacts() if c.name == "Jonas Weber")
    assert (priya.organisation_id, priya.circle) == (org_id, "linkedin")
    assert (jonas.organisation_id, jonas.company, jonas.organisation) == (
        None,
        "Orbital Games",
        "Orbital Games",
    )

    again = store.import_connections(parse_connections(SAMPLE), today=TODAY)
    assert again.added == []
    assert len(store.list_contacts()) == 3


def test_people_known_at_a_target_organisation_include_matching_employers(store):
    store.import_connections(parse_connections(SAMPLE), today=TODAY)
    orbital = store.add_organisation(OrganisationDraft(name="orbital games", motivation=2))
    assert store.people_known_at()[orbital] == ["Jonas Weber"]


names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1
).filter(lambda s: s.strip() and len(s) < 100)


@settings(max_examples=40, deadline=None)
@given(first=names, company=st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"))))
def test_any_printable_name_and_company_come_back_as_written(first, company):
    out = io.StringIO()
    out.write('Notes:\n"Some text"\n\n')
    writer = csv.writer(out)
    writer.writerow(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    )
    writer.writerow([first, "Example", "", "", company, "", ""])
    parsed = parse_connections(out.getvalue().encode("utf-8"))
    if len(company.strip()) > 300:
        return
    [person] = parsed.connections
    assert person.name == " ".join(f"{first} Example".split())
    assert person.company == company.strip()
