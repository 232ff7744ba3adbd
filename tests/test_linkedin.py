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
from planner.linkedin import (
    HEADER,
    Connection,
    LinkedInFileError,
    identity_keys,
    parse_connections,
)
from planner.organisations import OrganisationDraft

from .conftest import TODAY

SAMPLE = (Path(__file__).parent / "data" / "linkedin_connections.csv").read_bytes()
PREAMBLE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email '
    "addresses are missing. You will only see email addresses for connections who have "
    'allowed their connections to see or download their email address."\n\n'
)
HEADER_LINE = ",".join(HEADER) + "\n"


def file_with(*rows: str, preamble: str = PREAMBLE) -> bytes:
    return (preamble + HEADER_LINE + "".join(row + "\n" for row in rows)).encode("utf-8")


# -- reading the file -------------------------------------------------------------------


def test_the_sample_export_is_read_past_its_notes():
    assert SAMPLE.count(b"\r\n") == SAMPLE.count(b"\n")  # the sample keeps CRLF endings
    parsed = parse_connections(SAMPLE)
    assert [(c.name, c.line) for c in parsed.connections] == [
        ("Priya Raman", 5),
        ("Jonas Weber", 6),
        ("Aisha Khan", 7),
        ("Jonas Weber", 9),
        ("J. Weber", 11),
        ("aisha KHAN", 12),
    ]
    priya, jonas = parsed.connections[:2]
    assert priya == Connection(
        name="Priya Raman",
        first_name="Priya",
        last_name="Raman",
        linkedin_url="https://www.linkedin.com/in/priya-raman-example",
        email="",
        company="Northwind Health",
        position="Senior UX Researcher",
        connected_on=date(2024, 10, 3),
        line=5,
    )
    assert jonas.position == "Research Operations Lead, Games"  # quoted, with a comma
    assert jonas.email == "jonas@orbital.example"
    assert jonas.connected_on == date(2026, 11, 17)


def test_the_sample_reports_each_skipped_row_and_unreadable_date_by_line():
    parsed = parse_connections(SAMPLE)
    assert len(parsed.problems) == 3
    unreadable, no_name, not_linkedin = parsed.problems
    assert unreadable.startswith("Line 7 (Aisha Khan): the date 'not a date' could not be read")
    assert "imported without it" in unreadable
    assert parsed.connections[2].connected_on is None  # the row is kept all the same
    assert no_name == "Line 8: no first or last name; skipped."
    assert not_linkedin.startswith("Line 10 (Min, Jun Park): the URL 'http://example.org/")
    assert "not a LinkedIn profile link" in not_linkedin and not_linkedin.endswith("Skipped.")


def test_the_sample_lists_repeats_of_earlier_rows_by_url_email_and_name_with_company():
    assert parse_connections(SAMPLE).duplicates_in_file == [
        "Line 9 (Jonas Weber) repeats line 6: the same LinkedIn profile.",
        "Line 11 (J. Weber) repeats line 6: the same email.",
        "Line 12 (aisha KHAN) repeats line 7: the same name and company.",
    ]


def test_a_byte_order_mark_and_crlf_endings_change_nothing():
    plain = parse_connections(SAMPLE.replace(b"\r\n", b"\n"))
    marked = parse_connections(b"\xef\xbb\xbf" + SAMPLE)
    assert marked == plain == parse_connections(SAMPLE)


def test_a_file_saved_by_a_spreadsheet_in_windows_encoding_is_read():
    text = PREAMBLE + HEADER_LINE + "José,Müller,,,Café Zürich,Señor Barista,03 Oct 2024\r\n"
    [person] = parse_connections(text.encode("cp1252")).connections
    assert (person.name, person.first_name, person.last_name) == ("José Müller", "José", "Müller")
    assert (person.company, person.position) == ("Café Zürich", "Señor Barista")


def test_a_spreadsheet_that_writes_semicolons_and_other_dates_is_read():
    text = HEADER_LINE.replace(",", ";") + "José;Müller;;;Acme, Inc.;Analyst;03-Oct-24\n"
    [person] = parse_connections(text.encode("cp1252")).connections
    assert (person.company, person.connected_on) == ("Acme, Inc.", date(2024, 10, 3))
    [iso] = parse_connections(file_with("A,B,,,,,2024-10-03")).connections
    assert iso.connected_on == date(2024, 10, 3)


@pytest.mark.parametrize(
    "data",
    [
        b"Name,Email\nPriya,p@example.org\n",
        b"",
        b"Notes:\nnothing else here\n",
        "Vorname,Nachname,URL\n".encode("cp1252"),
        b"PK\x03\x04\x14\x00\x06\x00binary spreadsheet",
    ],
)
def test_another_file_is_refused_with_a_plain_message(data):
    with pytest.raises(LinkedInFileError) as caught:
        parse_connections(data)
    assert str(caught.value).startswith(
        "This does not look like LinkedIn's Connections.csv: no line starts with "
        "First Name,Last Name,URL,..."
    )


def test_extra_or_missing_columns_are_tolerated():
    data = (
        b"First Name,Last Name,URL,Company,Extra\n"
        b"Priya,Raman,https://linkedin.com/in/p,Northwind,x\n"
        b"Jonas,Weber\n"
    )
    priya, jonas = parse_connections(data).connections
    assert (priya.company, priya.email, priya.connected_on) == ("Northwind", "", None)
    assert (jonas.name, jonas.linkedin_url) == ("Jonas Weber", "")


def test_blank_rows_are_passed_over_silently_and_line_numbers_stay_true():
    data = file_with("", ",,,,,,", '"Multi",Line,,,"Acme","a\nb",', "Priya,Raman,,,,,")
    parsed = parse_connections(data)
    assert [(c.name, c.line) for c in parsed.connections] == [("Priya Raman", 9)]
    assert parsed.problems == [
        "Line 7 (Multi Line): Position runs over several lines "
        "(is a quotation mark left open?). Skipped."
    ]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (" , ,https://www.linkedin.com/in/x,,Acme,,", "Line 5: no first or last name; skipped."),
        (
            f"{'A' * 61},{'B' * 60},,,,,",
            "Line 5: Name: Keep it to 120 characters or fewer (this is 122). Skipped.",
        ),
        (
            f"Priya,Raman,,,{'C' * 301},,",
            "Line 5 (Priya Raman): Company: Keep it to 300 characters or fewer (this is 301)."
            " Skipped.",
        ),
        (
            "Priya,Ra\x07man,,,,,",
            "Line 5: Name: Contains invisible control characters; remove them and try again."
            " Skipped.",
        ),
        (
            "Priya,Raman,,p\x00@example.org,,,",
            "Line 5 (Priya Raman): Email Address: Contains invisible control characters;"
            " remove them and try again. Skipped.",
        ),
        (
            "Priya,Raman,javascript:alert(1),,,,",
            "Line 5 (Priya Raman): the URL 'javascript:alert(1)' is not a LinkedIn profile"
            " link (https://www.linkedin.com/in/…). Skipped.",
        ),
    ],
)
def test_a_row_that_cannot_be_used_is_reported_by_line_and_skipped(row, expected):
    parsed = parse_connections(file_with(row, "Jonas,Weber,,,,,"))
    assert parsed.problems == [expected]
    assert [(c.name, c.line) for c in parsed.connections] == [("Jonas Weber", 6)]


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com.evil.example/in/x",
        "https://linkedin.com@evil.example/in/x",
        "ftp://www.linkedin.com/in/x",
        "www.linkedin.com/in/x",
        "https://www.linkedin.com/in/a b",
        "https://[www.linkedin.com/in/x",
    ],
)
def test_only_web_links_to_linkedin_pass_as_profiles(url):
    parsed = parse_connections(file_with(f"Priya,Raman,{url},,,,"))
    assert parsed.connections == [] and "not a LinkedIn profile link" in parsed.problems[0]


@pytest.mark.parametrize(
    "url",
    ["http://linkedin.com/in/x", "https://uk.linkedin.com/in/x/", "HTTPS://WWW.LinkedIn.com/in/X"],
)
def test_linkedin_profile_links_are_kept_as_written(url):
    [person] = parse_connections(file_with(f"Priya,Raman,{url},,,,")).connections
    assert person.linkedin_url == url


def test_a_field_longer_than_the_csv_limit_stops_reading_with_a_message():
    parsed = parse_connections(file_with("Priya,Raman,,,,,", f"Jonas,{'x' * 200_000},,,,,"))
    assert [c.name for c in parsed.connections] == ["Priya Raman"]
    assert parsed.problems[0].startswith("Line 6: cannot be read (field larger than field limit")


def test_same_name_without_a_company_counts_as_a_repeat_but_not_at_another_company():
    parsed = parse_connections(
        file_with("Sam,Lee,,,,,", "Sam,Lee,,,Acme,,", "SAM, lee ,,,,,", "Sam,Lee,,,acme ,,")
    )
    assert parsed.duplicates_in_file == [
        "Line 7 (SAM lee) repeats line 5: the same name.",
        "Line 8 (Sam Lee) repeats line 6: the same name and company.",
    ]
    assert len(parsed.connections) == 4  # repeats are listed, not dropped


# -- identity keys ----------------------------------------------------------------------


def test_identity_keys_ignore_case_spacing_and_link_details():
    a = identity_keys(
        "Priya  Raman", "Northwind ", "P@Example.org", "https://www.linkedin.com/in/Priya/?x=1"
    )
    b = identity_keys(
        " priya raman", "NORTHWIND", "p@example.org", "http://linkedin.com/in/priya#top"
    )
    assert (
        a
        == b
        == {
            "name:priya raman|northwind",
            "email:p@example.org",
            "url:linkedin.com/in/priya",
        }
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/in/priya-raman/",
        "https://www.linkedin.com/in/priya-raman?originalSubdomain=uk",
        "https://uk.linkedin.com/in/Priya-Raman",
        "linkedin.com/in/priya-raman",
        "www.linkedin.com/in/priya-raman//",
        "  HTTPS://WWW.LINKEDIN.COM/IN/PRIYA-RAMAN  ",
        "https://www.linkedin.com/in/priya%2Draman",
    ],
)
def test_profile_links_are_normalised(url):
    assert "url:linkedin.com/in/priya-raman" in identity_keys("P", "", "", url)


def test_empty_parts_give_no_key_but_a_name_alone_still_does():
    assert identity_keys("Priya Raman", "", "", "") == {"name:priya raman|"}
    assert identity_keys("", "", " ", "  ") == set()
    assert identity_keys("", "Acme", "p@example.org", "") == {"email:p@example.org"}


# -- importing into the store -----------------------------------------------------------


def test_importing_adds_people_once_and_links_known_organisations(store):
    org_id = store.organisations.add(OrganisationDraft(name="Northwind Health", motivation=3))
    store.contacts.add(ContactDraft(name="Aisha Khan", organisation_id=org_id), today=TODAY)
    report = store.contacts.import_connections(parse_connections(SAMPLE), today=TODAY)
    assert report.added == ["Priya Raman", "Jonas Weber"]
    assert [s.split(" (")[0] for s in report.skipped] == ["Aisha Khan", "aisha KHAN"]
    assert [s.split(" (")[0] for s in report.repeated] == ["Jonas Weber", "J. Weber"]
    priya = next(c for c in store.contacts.list() if c.name == "Priya Raman")
    jonas = next(c for c in store.contacts.list() if c.name == "Jonas Weber")
    assert (priya.organisation_id, priya.circle) == (org_id, "linkedin")
    assert (jonas.organisation_id, jonas.company, jonas.organisation) == (
        None,
        "Orbital Games",
        "Orbital Games",
    )

    again = store.contacts.import_connections(parse_connections(SAMPLE), today=TODAY)
    assert again.added == []
    assert len(store.contacts.list()) == 3


def test_people_known_at_a_target_organisation_include_matching_employers(store):
    store.contacts.import_connections(parse_connections(SAMPLE), today=TODAY)
    orbital = store.organisations.add(OrganisationDraft(name="orbital games", motivation=2))
    assert store.organisations.people_known_at()[orbital] == ["Jonas Weber"]


# -- property ---------------------------------------------------------------------------

# Printable: no control characters (Cc), no lone surrogates (Cs), within the limits.
printable = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=0, max_size=80
)


# The first and last name together stay within the 120 characters a name may have.
half_name = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=0, max_size=59
)


@settings(max_examples=200, deadline=None)
@given(
    first=half_name.filter(lambda s: s.strip()),
    last=half_name,
    company=printable,
    position=printable,
)
def test_any_printable_name_and_company_come_back_as_written(first, last, company, position):
    out = io.StringIO()
    out.write(PREAMBLE)
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerow([first, last, "", "", company, position, ""])
    writer.writerow(["Next", "Row", "", "", "", "", ""])
    parsed = parse_connections(out.getvalue().encode("utf-8"))
    assert parsed.problems == []
    person, following = parsed.connections
    assert (person.first_name, person.last_name) == (first.strip(), last.strip())
    assert person.name == " ".join(f"{first} {last}".split())
    assert (person.company, person.position) == (company.strip(), position.strip())
    assert (person.line, following.line) == (5, 6)


def test_an_import_is_summed_up_and_its_leftovers_listed():
    from planner.linkedin import import_notes, import_summary

    assert import_summary(3, 0) == "Imported 3 new contacts from LinkedIn."
    assert import_summary(0, 2) == (
        "Imported 0 new contacts from LinkedIn. Skipped 2 already in your planner."
    )
    assert import_notes([], []) == []
    skipped = [f"P{n} (line {n})" for n in range(60)]
    notes = import_notes(skipped, [f"Line {n}: bad" for n in range(30)])
    assert notes[0].startswith("Already in your planner: P0 (line 0), ")
    assert "P49 (line 49)" in notes[0] and "P50" not in notes[0]
    assert notes[1:] == [f"Line {n}: bad" for n in range(20)]


def test_a_connection_date_outside_the_planners_span_is_reported_and_left_out():
    data = (
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        b"Ada,Lovelace,,,,,01 Jan 1066\r\n"
        b"Alan,Turing,,,,,05 Mar 2024\r\n"
    )
    parsed = parse_connections(data)
    assert [c.connected_on for c in parsed.connections] == [None, date(2024, 3, 5)]
    assert parsed.problems == [
        "Line 2 (Ada Lovelace): the date '01 Jan 1066' is before 1970 or in the future; "
        "imported without it."
    ]
