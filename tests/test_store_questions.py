"""The user's question bank: shipped questions, their edits and retirements, own questions."""

from __future__ import annotations

import pytest

from planner.errors import StaleEdit, ValidationError
from planner.question_bank import shipped_bank
from planner.questions import QuestionDraft


def entry(store, ref):
    return next(e for e in store.bank.entries() if e.ref == ref)


def test_a_new_planner_offers_the_whole_shipped_bank(store):
    bank = store.bank.entries()
    assert [e.text for e in bank] == [q.text for q in shipped_bank()]
    assert {e.origin for e in bank} == {"shipped"} and not any(e.retired for e in bank)


def test_my_own_question_joins_the_bank_after_the_shipped_ones(store):
    store.bank.add(QuestionDraft("  What did   your first portfolio look like? ", "skills"))
    last = store.bank.entries()[-1]
    assert (last.text, last.category, last.origin) == (
        "What did your first portfolio look like?",
        "skills",
        "mine",
    )


@pytest.mark.parametrize(
    ("draft", "field", "message"),
    [
        (QuestionDraft("   ", "skills"), "text", "Write the question."),
        (QuestionDraft("Why\x07 now?", "skills"), "text", "invisible control characters"),
        (QuestionDraft("x" * 301, "skills"), "text", "300 characters or fewer"),
        (QuestionDraft("What next?", "gossip"), "category", "Choose a category"),
        (QuestionDraft("What next?", "skills", "vibes"), "tiara", "Choose a TIARA element"),
    ],
)
def test_a_bad_question_is_refused_by_its_field(store, draft, field, message):
    with pytest.raises(ValidationError) as refused:
        store.bank.add(draft)
    assert message in refused.value.errors[field]
    assert store.bank.own() == []


def test_a_question_already_in_the_bank_is_refused(store):
    shipped = shipped_bank()[0].text
    with pytest.raises(ValidationError) as refused:
        store.bank.add(QuestionDraft(shipped.upper().rstrip("?"), "career_path"))
    assert refused.value.errors == {"text": "This question is already in your bank."}


def test_editing_a_shipped_question_keeps_my_wording_in_its_place(store):
    first = shipped_bank()[0]
    ref = f"bank:{first.key}"
    store.bank.edit(
        ref,
        QuestionDraft("How did you first get into this line of work?", "career_path"),
        expected_version=0,
    )
    mine = entry(store, ref)
    assert (mine.text, mine.origin, store.bank.entries()[0].ref) == (
        "How did you first get into this line of work?",
        "edited",
        ref,
    )
    assert shipped_bank()[0].text == first.text, "the shipped file never changes"
    with pytest.raises(StaleEdit):
        store.bank.edit(ref, QuestionDraft("Again?", "career_path"), expected_version=0)
    store.bank.edit(ref, QuestionDraft("Once more: how?", "career_path"), expected_version=1)
    assert entry(store, ref).text == "Once more: how?"
    assert len(store.bank.own()) == 1, "one row of mine per shipped question"


def test_retiring_hides_a_question_until_brought_back(store):
    shipped_ref = f"bank:{shipped_bank()[3].key}"
    own_id = store.bank.add(QuestionDraft("What would you automate first?", "role"))
    for ref in (shipped_ref, f"own:{own_id}"):
        store.bank.set_retired(ref, True)
        assert entry(store, ref).retired
    store.bank.set_retired(shipped_ref, False)
    assert not entry(store, shipped_ref).retired
    assert entry(store, f"own:{own_id}").retired


def test_the_bank_is_filtered_by_category_element_words_and_the_plan(store):
    from planner.questions import filter_bank, referral_suggestion

    bank = store.bank.entries()
    advice = filter_bank(bank, category="advice")
    assert advice and {e.category for e in advice} == {"advice"}
    trends = filter_bank(bank, tiara="trends")
    assert trends and {e.tiara for e in trends} == {"trends"}
    word = filter_bank(bank, search="  FIRST year ")
    assert word and all("first year" in e.text.lower() for e in word)
    first = bank[0]
    assert first not in filter_bank(bank, leave_out=[first.text.upper()])
    referral = referral_suggestion(bank)
    assert referral is not None and referral.category == "next_steps"
    store.bank.set_retired(referral.ref, True)
    assert referral_suggestion(store.bank.entries()).ref != referral.ref
    assert all(not e.retired for e in filter_bank(store.bank.entries()))
    assert any(e.retired for e in filter_bank(store.bank.entries(), include_retired=True))
