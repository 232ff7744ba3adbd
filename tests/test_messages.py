"""Message templates, merge fields, mailto links and the request checker."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.messages import (
    MERGE_FIELDS,
    check_request,
    fields_in,
    fill,
    mailto_link,
    message_core,
    shipped_templates,
    word_count,
)
from planner.vocabulary import OUTREACH_KINDS

VALUES = {
    "their_name": "Priya",
    "their_role": "Senior UX Researcher",
    "organisation": "Northwind Health",
    "connection": "Anjali Rao",
    "interest": "how research shapes the booking app",
    "ask_minutes": "20",
    "proposed_times": "Tuesday or Thursday after 4pm would suit me.",
    "my_name": "Maya Patel",
    "my_contact": "maya@example.org",
}
GOOD = """Hello Priya,

Anjali Rao suggested you would be a good person to ask. Your work on the booking app \
is what I hope to understand. Could you spare 20 minutes for a call next week?

Thank you,
Maya"""


def test_every_kind_has_a_template_and_templates_use_only_known_fields():
    templates = shipped_templates()
    assert {t.kind for t in templates} == set(OUTREACH_KINDS)
    for template in templates:
        assert set(fields_in(template.subject + template.body)) <= set(MERGE_FIELDS)


@pytest.mark.parametrize("template", [t for t in shipped_templates() if t.kind == "request"])
def test_the_shipped_requests_pass_the_checker_once_filled(template):
    text = fill(template.body, VALUES).text
    checks = check_request(text, referrer="Anjali Rao", organisation="Northwind Health")
    assert [c.key for c in checks if not c.passed] == []


def test_missing_fields_stay_visible_and_are_listed():
    filled = fill("Hello {their_name}, about {interest} at {organisation}.", {"their_name": "P"})
    assert filled.text == "Hello P, about [interest] at [organisation]."
    assert filled.missing == ["interest", "organisation"]


def test_user_text_with_braces_is_kept_literally():
    filled = fill("Hi {their_name}, {{not a field}} {unknown}", {"their_name": "{my_name}"})
    assert filled.text == "Hi {my_name}, {not a field} {unknown}"


@given(st.text())
def test_fill_keeps_any_value_whole(value):
    filled = fill("<{interest}>", {"interest": value})
    if value.strip():
        assert filled.text == f"<{value.strip()}>"
    else:
        assert filled.missing == ["interest"]


def test_mailto_links_survive_line_breaks_and_punctuation():
    link = mailto_link("priya@example.org", "Q & A?", "Line one\nLine #2 & more?")
    parts = urlsplit(link)
    assert parts.scheme == "mailto" and unquote(parts.path) == "priya@example.org"
    query = parse_qs(parts.query)
    assert query["subject"] == ["Q & A?"]
    assert query["body"] == ["Line one\r\nLine #2 & more?"]


def test_the_greeting_and_sign_off_do_not_count():
    assert message_core(GOOD).startswith("Anjali Rao suggested")
    assert message_core(GOOD).endswith("next week?")
    assert word_count("it\u2019s a well-known fact") == 4


def test_a_good_request_passes_every_point():
    assert all(check.passed for check in check_request(GOOD, referrer="Anjali Rao"))


def failing(body: str, **context) -> set[str]:
    return {c.key for c in check_request(body, **context) if not c.passed}


def test_a_long_request_fails_only_on_length():
    long = GOOD.replace("next week?", "next week? " + "You know the field well. " * 15)
    assert failing(long) == {"length"}


def test_a_request_must_open_with_the_connection():
    body = "Hello Priya,\n\nYour work on the booking app is great. Could you spare 20 minutes?"
    assert "connection_first" in failing(body)


def test_the_ask_must_be_a_question():
    assert "ask_is_question" in failing(GOOD.replace("next week?", "next week."))


def test_job_words_are_named_in_the_hint():
    body = GOOD.replace("Could you", "Are you hiring, and could you")
    [check] = [c for c in check_request(body) if c.key == "no_job_words"]
    assert not check.passed and "'hiring'" in check.hint


def test_something_specific_about_them_is_expected():
    body = "Anjali suggested I write. Could you spare 20 minutes for you and me?"
    assert "specific" in failing(body)


def test_a_request_about_the_sender_fails_about_them():
    body = (
        "Anjali suggested I write. I am a teacher and I want to move, and my plan is mine. "
        "Could you spare 20 minutes about your work?"
    )
    assert failing(body) == {"about_them"}


def test_the_suggested_template_fits_the_stage():
    from planner.messages import suggested_template

    templates = list(shipped_templates())
    assert suggested_template(templates, stage="identified", referred=True).key == (
        "request_referral"
    )
    assert suggested_template(templates, stage="identified", referred=False).key == (
        "request_shared"
    )
    assert suggested_template(templates, stage="requested", referred=False).kind == "follow_up"
    assert suggested_template(templates, stage="interviewed", referred=False).kind == "thank_you"


@pytest.mark.parametrize(
    "innocent",
    [
        "Could we resume our chat next week?",
        "How did you reach your position at Northwind?",
        "Would you be in a position to talk for 20 minutes?",
        "Your role sounds fascinating; could we talk?",
        "The talk was eye-opening. Could we talk?",
    ],
)
def test_ordinary_words_are_not_mistaken_for_asking_for_a_job(innocent):
    assert "no_job_words" not in failing(innocent)


@pytest.mark.parametrize(
    "asking", ["I attached my resume.", "Are there open positions?", "Is there an opening?"]
)
def test_asking_for_a_job_is_noticed(asking):
    assert "no_job_words" in failing(asking)


def test_braces_in_a_value_are_kept_and_template_braces_are_read_once():
    filled = fill("Hi {{team}}, {interest}", {"interest": "the {{ 7*7 }} syntax and {x}"})
    assert filled.text == "Hi {team}, the {{ 7*7 }} syntax and {x}"
    assert fields_in("{{literal}} {interest} {{ {my_name} }}") == ["interest", "my_name"]


def test_known_values_greet_by_first_name_and_say_when_and_where_they_meet():
    from datetime import datetime

    from planner.messages import known_values

    values = known_values(name="Dr Jane Marsh", role="Ward manager", connection="Priya")
    assert values == {
        "their_name": "Dr Marsh",  # the one greeting rule, as in the thank-you note
        "their_role": "Ward manager",
        "organisation": "",
        "connection": "Priya",
    }
    assert known_values(name="Daniel Price")["their_name"] == "Daniel"
    met = known_values(
        name="Daniel",
        meeting_at=datetime(2026, 11, 24, 16),
        time_zone="UTC",
        meeting_format="video",
    )
    assert met["meeting_when"] == "Tuesday 24 November at 16:00 (UTC)"
    assert met["meeting_place"] == "video call"
    assert (
        known_values(name="D", meeting_at=datetime(2026, 11, 24), location="Room 4")[
            "meeting_place"
        ]
        == "Room 4"
    )


def test_the_blanks_left_in_a_draft_are_named_in_one_sentence():
    from planner.messages import still_to_fill

    assert still_to_fill("Hello [their_name], at [organisation] [their_name]") == (
        "Still to fill in: their first name; their organisation."
    )
    assert still_to_fill("Hello Priya, [not_a_field]") == ""


def test_the_request_check_score_counts_the_points_passed():
    from planner.messages import check_score

    assert check_score(check_request(GOOD, referrer="Anjali Rao")) == "Request check: 7 of 7"
    assert check_score(check_request("Are you hiring?")).startswith("Request check: ")


def test_a_request_with_a_blank_left_in_brackets_fails_the_check():
    template = next(t for t in shipped_templates() if t.kind == "request")
    half_done = fill(template.body, {**VALUES, "their_role": ""}).text
    [check] = [c for c in check_request(half_done, referrer="Anjali Rao") if c.key == "filled_in"]
    assert not check.passed
    assert check.hint == "Replace what is still in square brackets: [their_role]."
    assert failing(GOOD, referrer="Anjali Rao") == set()
