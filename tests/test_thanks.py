"""The thank-you note and the keeping-in-touch update: when they are due, what they say."""

from __future__ import annotations

from datetime import date

import pytest

from planner.thanks import (
    CHECK_IN_EVERY_DAYS,
    draft_thank_you,
    draft_update,
    next_check_in,
    thank_you_due,
)

BLANKS = ("[", "]", "{", "}", "None", "  ", " .", " ,", "()", ": .", "to .", "at .")


def no_blanks(text: str) -> None:
    for blank in BLANKS:
        assert blank not in text, f"{blank!r} left in {text!r}"


# -- when -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("met", "due"),
    [
        (date(2026, 11, 16), date(2026, 11, 17)),  # Monday -> Tuesday
        (date(2026, 11, 19), date(2026, 11, 20)),  # Thursday -> Friday
        (date(2026, 11, 20), date(2026, 11, 23)),  # Friday -> Monday
    ],
)
def test_a_thank_you_is_due_the_next_business_day(met, due):
    assert thank_you_due(met) == due


@pytest.mark.parametrize("weekend", [date(2026, 11, 21), date(2026, 11, 22)])
def test_a_weekend_meeting_is_thanked_on_monday(weekend):
    assert thank_you_due(weekend) == date(2026, 11, 23)


def test_a_longer_allowance_skips_the_weekend():
    assert thank_you_due(date(2026, 11, 19), within=2) == date(2026, 11, 23)
    assert thank_you_due(date(2026, 11, 20), within=5) == date(2026, 11, 27)


def test_the_next_check_in_is_the_interval_after_the_last_contact():
    assert CHECK_IN_EVERY_DAYS == 90
    assert next_check_in(date(2026, 11, 20)) == date(2027, 2, 18)
    assert next_check_in(date(2026, 11, 20), 14) == date(2026, 12, 4)
    assert next_check_in(date(2027, 12, 15)) == date(2028, 3, 14), "across 29 February 2028"


# -- the thank-you note --------------------------------------------------------------------


def test_the_note_thanks_them_and_names_the_topic_the_advice_and_the_next_step():
    note = draft_thank_you(
        their_name="Priya Raman",
        my_name="Sam Lee",
        topic="Research ops",
        advice="Build one portfolio piece around a real study",
        next_step="Ask Daniel about the research guild",
    )
    assert note.subject == "Thank you, Priya"
    assert note.body == (
        "Hello Priya,\n\n"
        "Thank you for the time you gave me, and for being so open about your work. "
        "What you said about Research ops has stayed with me. "
        "I am taking your advice to heart: Build one portfolio piece around a real study. "
        "My next step: Ask Daniel about the research guild. "
        "I will let you know how it goes.\n\n"
        "With thanks,\nSam Lee"
    )


@pytest.mark.parametrize(
    "missing",
    [
        {"topic": ""},
        {"advice": ""},
        {"next_step": ""},
        {"topic": "  ", "advice": " \n ", "next_step": "\t"},
        {"their_name": ""},
        {"my_name": "   "},
        {"topic": "...", "advice": "", "next_step": ""},
    ],
)
def test_missing_parts_are_left_out_with_no_blanks(missing):
    parts = {
        "their_name": "Priya Raman",
        "my_name": "Sam Lee",
        "topic": "research ops",
        "advice": "start small",
        "next_step": "write to Daniel",
    }
    note = draft_thank_you(**{**parts, **missing})
    no_blanks(note.subject)
    no_blanks(note.body)
    assert "Thank you for the time you gave me" in note.body
    given = parts | missing
    assert ("What you said about" in note.body) == bool(given["topic"].strip(". "))
    assert ("your advice to heart" in note.body) == bool(given["advice"].strip())
    assert ("My next step" in note.body) == bool(given["next_step"].strip())
    if given["their_name"]:
        assert note.body.startswith("Hello Priya,\n\n")
    else:
        assert note.body.startswith("Hello,\n\n") and note.subject == "Thank you"
    if given["my_name"].strip():
        assert note.body.endswith("\n\nWith thanks,\nSam Lee")
    else:
        assert note.body.endswith(".\n\nWith thanks")


def test_a_note_with_nothing_but_thanks():
    note = draft_thank_you(their_name="", my_name="")
    assert note.subject == "Thank you"
    assert note.body == (
        "Hello,\n\nThank you for the time you gave me, and for being so open about your "
        "work.\n\nWith thanks"
    )


def test_the_note_greets_by_first_name_and_signs_with_my_whole_name():
    note = draft_thank_you(their_name="Ana María Ruiz", my_name=" Sam Lee ")
    assert note.body.startswith("Hello Ana,\n\n")
    assert note.subject == "Thank you, Ana"
    assert note.body.endswith("\n\nWith thanks,\nSam Lee")


def test_non_latin_names_and_advice_survive_exactly():
    advice = "まず小さく始めて、毎週だれか一人に話を聞くこと。"
    step = "ابدأ بمشروع صغير"
    note = draft_thank_you(
        their_name="ليلى حداد",
        my_name="محمد علي",
        topic="データ倫理",
        advice=advice,
        next_step=step,
    )
    assert note.subject == "Thank you, ليلى"
    assert note.body.startswith("Hello ليلى,\n\n")
    assert note.body.endswith("\n\nWith thanks,\nمحمد علي")
    assert "What you said about データ倫理 has stayed with me." in note.body
    assert f"I am taking your advice to heart: {advice} My next step" in note.body, (
        "a sentence ending in 。 gets no extra full stop"
    )
    assert f"My next step: {step}. I will let you know" in note.body


def test_long_advice_survives_whole():
    advice = "; ".join(f"talk to the person who runs study {n}" for n in range(100))
    assert len(advice) > 3000
    note = draft_thank_you(their_name="Priya", my_name="Sam", advice=advice)
    assert f"heart: {advice}.\n\n" in note.body


@pytest.mark.parametrize(
    "typed",
    [
        "Build one portfolio piece",
        "UX research",
        "SQL before Python",
        "build one portfolio piece",
        "Daniel said to start small",
    ],
)
def test_the_users_words_keep_their_capitals(typed):
    note = draft_thank_you(
        their_name="Priya", my_name="Sam", topic=typed, advice=typed, next_step=typed
    )
    assert f"What you said about {typed} has stayed with me." in note.body
    assert f"to heart: {typed}." in note.body
    assert f"My next step: {typed}. I will" in note.body


def test_the_pronoun_i_keeps_its_capital():
    note = draft_thank_you(
        their_name="Priya", my_name="Sam", advice="I should learn SQL before anything else"
    )
    assert "to heart: I should learn SQL before anything else." in note.body


@pytest.mark.parametrize("advice", ["Is it worth a PhD?", "Go for it!", "Keep going…"])
def test_advice_that_already_ends_a_sentence_gets_no_extra_stop(advice):
    note = draft_thank_you(their_name="Priya", my_name="Sam", advice=advice)
    assert f"to heart: {advice}\n\n" in note.body


def test_spaces_and_line_breaks_inside_the_parts_are_folded():
    note = draft_thank_you(
        their_name="Priya",
        my_name="Sam",
        topic="  research \n ops. ",
        advice="talk to\n  people   in ops",
        next_step="  write\tto Daniel.  ",
    )
    assert "What you said about research ops has stayed with me." in note.body
    assert "to heart: talk to people in ops. My next step: write to Daniel. I will" in (note.body)


# -- the keeping-in-touch update -------------------------------------------------------------


def test_an_update_lists_what_i_did_their_advice_and_their_organisation():
    update = draft_update(
        their_name="Priya Raman",
        my_name="Sam Lee",
        done=["Built a portfolio piece.", "Joined the  ResearchOps community"],
        advice="Start small",
        organisation=" Northwind   Health ",
    )
    assert update.subject == "A short update, with thanks"
    assert update.body == (
        "Hello Priya,\n\n"
        "I wanted to let you know how things have moved on since we spoke. "
        "Since then, here is what I have done: Built a portfolio piece; "
        "Joined the ResearchOps community. "
        "Your advice helped along the way: Start small. "
        "I hope all is going well at Northwind Health.\n\n"
        "All the best,\nSam Lee"
    )


def test_an_update_with_nothing_to_report_has_no_blanks():
    update = draft_update(their_name="", my_name=" ", done=[], advice="  ", organisation="")
    assert update.body == (
        "Hello,\n\nI wanted to let you know how things have moved on since we spoke."
        "\n\nAll the best"
    )
    no_blanks(update.body)


def test_an_update_lists_the_latest_four_done_items_in_the_order_given():
    done = [f"Item {n}" for n in range(1, 7)]
    update = draft_update(their_name="Priya", my_name="Sam", done=done)
    assert "what I have done: Item 3; Item 4; Item 5; Item 6." in update.body
    assert "Item 2" not in update.body


def test_an_update_keeps_non_latin_advice_and_acronyms():
    update = draft_update(
        their_name="ليلى",
        my_name="Sam",
        done=["UX audit of the intake form"],
        advice="まず小さく始めること。",
        organisation="東京大学",
    )
    assert "what I have done: UX audit of the intake form." in update.body
    assert "まず小さく始めること。" in update.body
    assert "I hope all is going well at 東京大学." in update.body
    assert update.body.startswith("Hello ليلى,")


def test_a_titled_name_is_greeted_with_title_and_surname():
    note = draft_thank_you(their_name="Dr Helen Marsh", my_name="Sam")
    assert note.body.startswith("Hello Dr Marsh,") and note.subject == "Thank you, Dr Marsh"
    assert draft_thank_you(their_name="Drew Barry", my_name="").body.startswith("Hello Drew,")
