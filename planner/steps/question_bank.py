"""Step 4, Questions, the bank: the shipped questions with the user's edits and their
own, filtered as the user asks, and editing, retiring and adding questions."""

from __future__ import annotations

from dataclasses import dataclass

from planner.question_lint import LintWarning, lint
from planner.questions import (
    BankEntry,
    QuestionDraft,
    added_to_bank_sentence,
    filter_bank,
    retired_sentence,
)
from planner.read_cache import cached_read
from planner.steps.questions import Done
from planner.store import Store

__all__ = ["retired_sentence"]


@dataclass(frozen=True)
class BankView:
    listed: list[BankEntry]  # the questions the filters let through, in the bank's order
    total: int  # every question in the bank, retired ones included

    def caption(self) -> str:
        return f"{len(self.listed):,} of {self.total:,} questions. Select one to edit or retire it."


@cached_read
def load(
    store: Store,
    *,
    category: str | None = None,
    tiara: str | None = None,
    search: str = "",
    include_retired: bool = False,
) -> BankView:
    """The bank as filtered (retired questions only when ``include_retired``)."""
    bank = store.bank.entries()
    listed = filter_bank(
        bank, category=category, tiara=tiara, search=search, include_retired=include_retired
    )
    return BankView(listed, len(bank))


def warnings(text: str) -> list[LintWarning]:
    """The lint's warnings on a question as typed."""
    return lint(text)


def table_columns(entries: list[BankEntry], *, full: bool = False) -> dict[str, list]:
    """The bank's table, by heading: each question with its category and TIARA element
    (and, when ``full``, where it comes from and whether it is retired)."""
    columns = {
        "Question": [e.text for e in entries],
        "Category": [e.category_label for e in entries],
        "TIARA": [e.tiara_label for e in entries],
    }
    if full:
        columns["From"] = [e.origin_label for e in entries]
        columns["Retired"] = [e.retired for e in entries]
    return columns


# -- what the bank can do ----------------------------------------------------------------


def edit_question(store: Store, ref: str, draft: QuestionDraft, *, expected_version: int) -> None:
    """Save the user's wording of a bank question (StaleEdit when another window saved
    it since ``expected_version``); plans that hold it keep theirs."""
    store.bank.edit(ref, draft, expected_version=expected_version)


def set_retired(store: Store, ref: str, retired: bool) -> None:
    store.bank.set_retired(ref, retired)


def add_question(store: Store, draft: QuestionDraft) -> Done:
    """Add a question of the user's own to their bank; says so with the lint's notes."""
    store.bank.add(draft)
    notes = [w.message for w in lint(draft.text)]
    return Done(added_to_bank_sentence(notes), "warning" if notes else "success")
