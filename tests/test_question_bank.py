"""The shipped question bank: big and varied enough to plan from, every question one
the lint accepts, in our own words, and a loader that refuses a broken file."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from planner import question_bank
from planner.goals import FIT_QUESTIONS
from planner.paths import REPO_ROOT
from planner.question_bank import BankQuestion, bank_by_key, shipped_bank
from planner.question_lint import lint
from planner.question_plans import PlannedQuestion, fit_coverage, is_referral_question
from planner.vocabulary import QUESTION_CATEGORIES, TIARA

REFERENCE_DIR = REPO_ROOT.parent / "shared" / "reference"
COPIED_RUN = 6  # this many words in a row shared with a source article counts as copied


def test_the_bank_is_big_enough_to_plan_several_interviews():
    assert len(shipped_bank()) >= 60


@pytest.mark.parametrize("category", QUESTION_CATEGORIES)
def test_every_category_offers_a_choice(category):
    count = sum(q.category == category for q in shipped_bank())
    assert count >= 5, f"{category}: only {count} questions"


@pytest.mark.parametrize("element", TIARA)
def test_every_tiara_element_is_well_represented(element):
    count = sum(q.tiara == element for q in shipped_bank())
    assert count >= 3, f"{element}: only {count} questions"


def test_keys_are_unique_and_prefixed_by_their_category():
    keys = [q.key for q in shipped_bank()]
    assert [k for k, n in Counter(keys).items() if n > 1] == []
    assert [q.key for q in shipped_bank() if not q.key.startswith(q.category + ".")] == []
    assert list(bank_by_key()) == keys


def test_no_question_text_appears_twice():
    texts = Counter(q.text.casefold() for q in shipped_bank())
    assert [t for t, n in texts.items() if n > 1] == []


def test_labels_are_the_ones_the_user_sees():
    question = bank_by_key()["next_steps.who_else"]
    assert question.category_label == "Next steps and referrals"
    assert question.tiara_label == "Resources"
    assert BankQuestion("x.y", "fit", "", "What?").tiara_label == ""


def test_every_bank_question_passes_the_lint_cleanly():
    flagged = {q.key: (q.text, [w.rule for w in lint(q.text)]) for q in shipped_bank()}
    flagged = {key: found for key, found in flagged.items() if found[1]}
    for key, (text, rules) in flagged.items():
        print(f"{key}: {text!r} -> {rules}")
    assert flagged == {}


def test_next_steps_ask_who_else_to_talk_to_in_several_ways():
    referrals = [
        q.text
        for q in shipped_bank()
        if q.category == "next_steps" and is_referral_question(q.text)
    ]
    assert len(referrals) >= 2, referrals


def test_the_fit_questions_cover_all_four_fit_questions():
    fit_questions = [PlannedQuestion(q.text) for q in shipped_bank() if q.category == "fit"]
    coverage = fit_coverage(fit_questions, list(FIT_QUESTIONS))
    assert coverage == dict.fromkeys(FIT_QUESTIONS, True)


def test_every_fit_question_says_which_fit_question_it_serves():
    assert [q.key for q in shipped_bank() if q.category == "fit" and not q.fit] == []
    served = {q.fit for q in shipped_bank() if q.category == "fit"}
    assert served == set(FIT_QUESTIONS)


def test_each_questions_fit_key_is_one_it_really_covers():
    uncovered = [
        (q.key, q.fit)
        for q in shipped_bank()
        if q.fit and not fit_coverage([PlannedQuestion(q.text)], [q.fit])[q.fit]
    ]
    assert uncovered == []


def _words(text: str) -> list[str]:
    """Lower-case words with punctuation, curly quotes included, stripped ("you'd" -> "youd")."""
    return re.sub(r"[^\w\s]", "", text.lower()).split()


def _runs(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + COPIED_RUN]) for i in range(len(words) - COPIED_RUN + 1)}


def test_questions_are_in_our_own_words():
    if not REFERENCE_DIR.is_dir():
        pytest.skip(f"no reference folder at {REFERENCE_DIR}")
    articles = sorted(REFERENCE_DIR.glob("*.txt"))
    assert articles, f"no articles in {REFERENCE_DIR}"
    source = set().union(*(_runs(_words(a.read_text(encoding="utf-8"))) for a in articles))
    copied = {
        q.key: [" ".join(run) for run in _runs(_words(q.text)) & source] for q in shipped_bank()
    }
    copied = {key: runs for key, runs in copied.items() if runs}
    assert copied == {}


def test_the_copy_check_would_catch_a_lifted_sentence():
    lifted = "So what is a typical day on the job like for you?"
    article = "Questions to ask: What is a typical day on the job like for you? And more."
    assert _runs(_words(lifted)) & _runs(_words(article))
    assert not _runs(_words("How did you find your way into this work?")) & _runs(_words(article))


GOOD_ENTRY = """
[[question]]
key = "skills.first"
category = "skills"
tiara = "advice"
text = "Which skills matter most early on?"
"""


def _bank_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "bank.toml"
    path.write_text(body, encoding="utf-8")
    return path


def _entry(
    key: str,
    *,
    category: str = "skills",
    tiara: str = "",
    fit: str = "",
    text: str = "What helped you most?",
) -> str:
    return (
        f'\n[[question]]\nkey = "{key}"\ncategory = "{category}"\n'
        f'tiara = "{tiara}"\nfit = "{fit}"\ntext = "{text}"\n'
    )


def test_a_good_file_loads_in_order(tmp_path):
    body = GOOD_ENTRY + _entry("fit.thrive", category="fit", tiara="insights", fit="succeed")
    loaded = question_bank._load(_bank_file(tmp_path, body))
    assert loaded == (
        BankQuestion("skills.first", "skills", "advice", "Which skills matter most early on?"),
        BankQuestion("fit.thrive", "fit", "insights", "What helped you most?", "succeed"),
    )


@pytest.mark.parametrize(
    ("entry", "bad_key", "reason"),
    [
        (_entry("skills.odd", category="hobbies"), "skills.odd", "unknown category"),
        (_entry("skills.odd", tiara="gossip"), "skills.odd", "unknown TIARA"),
        (_entry("skills.odd", fit="salary"), "skills.odd", "unknown fit"),
        (_entry("skills.first"), "skills.first", "duplicate"),
        (_entry("Skills First"), "Skills First", "malformed"),
        (_entry("advice.first"), "advice.first", "malformed"),
        (_entry("skills.blank", text="   "), "skills.blank", "empty text"),
    ],
)
def test_a_bad_file_is_refused_naming_the_bad_key(tmp_path, entry, bad_key, reason):
    path = _bank_file(tmp_path, GOOD_ENTRY + entry)
    with pytest.raises(RuntimeError, match=re.escape(repr(bad_key))) as refused:
        question_bank._load(path)
    assert reason in str(refused.value)


# -- what the user's bank says (planner.questions) ------------------------------------------


def test_where_a_question_comes_from_and_what_retiring_or_adding_says():
    from planner.questions import added_to_bank_sentence, merged_bank, retired_sentence

    [first, *_] = merged_bank([])
    assert first.origin_label == "Shipped"
    assert retired_sentence(True) == "Retired the question; plans that hold it keep it."
    assert retired_sentence(False) == "Brought the question back."
    assert added_to_bank_sentence([]) == "Added to your bank."
    assert added_to_bank_sentence(["A yes/no question."]) == (
        "Added to your bank. Note: A yes/no question."
    )
