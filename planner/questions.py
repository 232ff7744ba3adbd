"""The question bank a user picks from: the shipped questions, the user's edits of them,
and the user's own questions, with the rules a question they write must keep.

A shipped question is edited or retired by saving a row of the user's own with its
``bank_key``: the shipped file never changes, and the user's version wins.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from planner.errors import ValidationError
from planner.question_bank import BankQuestion, shipped_bank
from planner.question_plans import is_referral_question
from planner.text import check_text
from planner.vocabulary import QUESTION_CATEGORIES, TIARA

QUESTION_MAX = 300
ALREADY_IN_BANK = "This question is already in your bank."
ORIGINS = {"shipped": "Shipped", "edited": "Edited by me", "mine": "Mine"}


@dataclass(frozen=True)
class QuestionDraft:
    """What the user typed for a question of their own, before it is checked."""

    text: str = ""
    category: str = "career_path"
    tiara: str = ""

    def normalised(self) -> QuestionDraft:
        return QuestionDraft(" ".join(self.text.split()), self.category, self.tiara)


@dataclass(frozen=True)
class OwnQuestion:
    """A row of the user's own questions (``bank_key`` set when it edits a shipped one)."""

    id: int
    text: str
    category: str
    tiara: str
    bank_key: str
    retired: bool
    version: int


@dataclass(frozen=True)
class BankEntry:
    """One question as the user's bank shows it."""

    ref: str  # "bank:<key>" or "own:<id>": stable across edits, used as a widget key
    text: str
    category: str
    tiara: str
    fit: str  # the fit question it serves, for shipped questions
    origin: str  # "shipped", "edited" (a shipped question the user changed) or "mine"
    retired: bool
    own_id: int | None
    bank_key: str
    version: int = 0

    @property
    def category_label(self) -> str:
        return QUESTION_CATEGORIES.get(self.category, self.category)

    @property
    def tiara_label(self) -> str:
        return TIARA.get(self.tiara, "")

    @property
    def origin_label(self) -> str:
        return ORIGINS.get(self.origin, self.origin)


def validate_question(draft: QuestionDraft, *, others: Iterable[str] = ()) -> dict[str, str]:
    """{field: message} for a normalised draft; ``others`` are the texts already in the
    bank (a question is refused when it is already there, ignoring case)."""
    errors: dict[str, str] = {}
    if not draft.text:
        errors["text"] = "Write the question."
    elif message := check_text(draft.text, limit=QUESTION_MAX, single_line=True):
        errors["text"] = message
    elif same_question(draft.text) in {same_question(t) for t in others}:
        errors["text"] = ALREADY_IN_BANK
    if draft.category not in QUESTION_CATEGORIES:
        errors["category"] = "Choose a category from the list."
    if draft.tiara and draft.tiara not in TIARA:
        errors["tiara"] = "Choose a TIARA element from the list, or none."
    return errors


def check_question(draft: QuestionDraft, *, others: Iterable[str] = ()) -> None:
    if errors := validate_question(draft, others=others):
        raise ValidationError(errors)


def same_question(text: str) -> str:
    """A question's text as compared for duplicates: spacing, case and a final "?" ignored."""
    return " ".join(text.split()).rstrip("?").casefold()


def merged_bank(
    own: Iterable[OwnQuestion], shipped: Iterable[BankQuestion] | None = None
) -> list[BankEntry]:
    """The user's bank: shipped questions in file order (the user's edit or retirement
    of one taking its place), then the user's own questions in the order they wrote them."""
    shipped = tuple(shipped_bank() if shipped is None else shipped)
    own = list(own)
    overrides = {q.bank_key: q for q in own if q.bank_key}
    entries = []
    for question in shipped:
        mine = overrides.get(question.key)
        if mine is None:
            entries.append(
                BankEntry(
                    f"bank:{question.key}",
                    question.text,
                    question.category,
                    question.tiara,
                    question.fit,
                    "shipped",
                    False,
                    None,
                    question.key,
                )
            )
        else:
            edited = mine.text != question.text or (mine.category, mine.tiara) != (
                question.category,
                question.tiara,
            )
            entries.append(
                BankEntry(
                    f"bank:{question.key}",
                    mine.text,
                    mine.category,
                    mine.tiara,
                    question.fit if mine.text == question.text else "",
                    "edited" if edited else "shipped",
                    mine.retired,
                    mine.id,
                    question.key,
                    mine.version,
                )
            )
    known = {q.key for q in shipped}
    for question in own:
        if question.bank_key and question.bank_key in known:
            continue
        entries.append(
            BankEntry(
                f"own:{question.id}",
                question.text,
                question.category,
                question.tiara,
                "",
                "mine",
                question.retired,
                question.id,
                question.bank_key,
                question.version,
            )
        )
    return entries


def filter_bank(
    entries: Iterable[BankEntry],
    *,
    category: str | None = None,
    tiara: str | None = None,
    search: str = "",
    include_retired: bool = False,
    leave_out: Iterable[str] = (),
) -> list[BankEntry]:
    """The entries to list: in ``category`` and ``tiara`` when given, containing
    ``search`` (any case), retired ones only on request, and none whose text is among
    ``leave_out`` (e.g. the questions already in a plan)."""
    needle = search.strip().casefold()
    skip = {same_question(t) for t in leave_out}
    return [
        e
        for e in entries
        if (include_retired or not e.retired)
        and (category is None or e.category == category)
        and (tiara is None or e.tiara == tiara)
        and (not needle or needle in e.text.casefold())
        and same_question(e.text) not in skip
    ]


def referral_suggestion(entries: Iterable[BankEntry]) -> BankEntry | None:
    """The bank's first live "who else should I talk to?" question, to offer when a plan
    lacks one."""
    return next(
        (
            e
            for e in entries
            if e.category == "next_steps" and not e.retired and is_referral_question(e.text)
        ),
        None,
    )


def retired_sentence(retired: bool) -> str:
    """What retiring a question (``retired``) or bringing it back says."""
    if retired:
        return "Retired the question; plans that hold it keep it."
    return "Brought the question back."


def added_to_bank_sentence(warnings: Iterable[str]) -> str:
    """What adding a question to the bank says, with the lint's ``warnings`` on it."""
    return "Added to your bank." + "".join(f" Note: {w}" for w in warnings)
