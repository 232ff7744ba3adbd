"""Step 4, Questions: the meetings to prepare for and each one's plan (its questions in
order, the warnings on them, the introduction, the printable sheet), and what the Plan
tab can do.

The interview day is in ``interview_day``, the question bank in ``question_bank``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from planner.errors import StaleEdit, ValidationError
from planner.goals import FIT_QUESTIONS, Goal
from planner.interview_sheet import InterviewSheet, render, sheet_filename
from planner.question_lint import LintWarning, lint
from planner.question_plans import (
    MINUTES_DEFAULT,
    Plan,
    PlanInterview,
    PlanQuestion,
    RemovedQuestion,
    Timing,
    added_sentence,
    bank_fit_tags,
    fit_coverage,
    introduction_for,
    question_name,
    referral_problem,
    timing,
    written_sentence,
)
from planner.questions import BankEntry, filter_bank, referral_suggestion
from planner.read_cache import cached_read
from planner.store import Store
from planner.store.records import NewPlanQuestion

__all__ = ["added_sentence", "question_name", "render_sheet", "sheet_filename"]


@dataclass(frozen=True)
class Done:
    """What a command did, as the page says it at the top of the next run."""

    message: str
    kind: str = "success"  # "warning": saved, with something to look at


# -- the meetings ----------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionsView:
    """The meetings the page can open, in the menu's order (upcoming first)."""

    meetings: dict[int, PlanInterview]  # by interview id

    @cached_property
    def labels(self) -> dict[int, str]:
        """How the menu names each meeting, by interview id (worked out once per view:
        the view is remembered until the next write, and a planner holds thousands)."""
        return {i: m.menu_label() for i, m in self.meetings.items()}


@cached_read
def load(store: Store) -> QuestionsView:
    """The meetings to plan for (every interview not cancelled)."""
    return QuestionsView({i.interview_id: i for i in store.plans.overview()})


# -- the plan --------------------------------------------------------------------------


@dataclass(frozen=True)
class FitCovered:
    question: str  # one of the goal's fit questions, as worded for the user
    covered: bool  # whether a planned question serves it


@dataclass(frozen=True)
class PlanView:
    """Everything the Plan tab shows for one meeting."""

    meeting: PlanInterview
    plan: Plan | None  # None until something is saved to it
    questions: list[PlanQuestion]
    timing: Timing
    referral: str | None  # "too_early" or "missing" when the referral question is amiss
    referral_to_move: int | None  # the referral question asked too early
    referral_suggestion: BankEntry | None  # the bank's referral question, to add
    coverage: list[FitCovered] | None  # the goal's fit questions; None without a goal
    warnings: dict[int, list[LintWarning]]  # by planned question id
    facts: tuple[str, ...]  # what the user noted in research (the lint flags look-ups)
    bank: list[BankEntry]
    background: str  # the user's one line about themselves, as saved
    referred_by: str  # who referred the contact, for the introduction
    goal: Goal | None
    sheet: InterviewSheet

    @property
    def introduction(self) -> str:
        """The introduction as saved ("" when none is)."""
        return self.plan.introduction if self.plan is not None else ""

    @property
    def minutes_per_question(self) -> int:
        return self.plan.minutes_per_question if self.plan is not None else MINUTES_DEFAULT

    def drop_first(self, index: int) -> bool:
        """Whether the question at ``index`` is among those to drop to fit the time."""
        return index in self.timing.drop_first

    def offered(self, category: str | None) -> list[BankEntry]:
        """The bank questions to pick from (in ``category``), leaving out those planned."""
        return filter_bank(self.bank, category=category, leave_out=[q.text for q in self.questions])

    def drafted_introduction(self, background: str) -> str:
        """The introduction drafted from ``background`` (as typed) and the meeting."""
        return introduction_for(
            background=background,
            contact_name=self.meeting.contact_name,
            contact_role=self.meeting.contact_role,
            organisation=self.meeting.organisation,
            referred_by=self.referred_by,
            goal=self.goal,
            minutes=self.meeting.duration_minutes,
        )

    def saved_elsewhere(self, based_on: str, introduction: str) -> bool:
        """Whether the saved introduction is neither the one the box started from
        (``based_on``) nor the one typed: another window saved it meanwhile."""
        return self.introduction not in (based_on.strip(), introduction.strip())

    def lint(self, text: str) -> list[LintWarning]:
        """The warnings on a question the user typed for this meeting."""
        return lint(text, facts=self.facts)


@cached_read
def load_plan(store: Store, *, interview_id: int) -> PlanView:
    """The plan of one meeting (NotFound when it was deleted or cancelled)."""
    meeting = store.plans.interview(interview_id)
    plan = store.plans.get(meeting.plan_id) if meeting.plan_id is not None else None
    questions = store.plans.questions(plan.id) if plan is not None else []
    planned = [q.planned() for q in questions]
    bank = store.bank.entries()
    problem = referral_problem(questions)
    referral, to_move = problem if problem is not None else (None, None)
    goal = store.goals.get(meeting.goal_id) if meeting.goal_id is not None else None
    coverage = None
    if goal is not None:
        covered = fit_coverage(planned, goal.fit_questions, tagged=bank_fit_tags(questions))
        coverage = [FitCovered(FIT_QUESTIONS[k], yes) for k, yes in covered.items()]
    facts = tuple(
        store.notes.known_facts(goal_id=meeting.goal_id, organisation_id=meeting.organisation_id)
    )
    contact = store.contacts.get(meeting.contact_id) if meeting.contact_id is not None else None
    return PlanView(
        meeting=meeting,
        plan=plan,
        questions=questions,
        timing=timing(planned, meeting.duration_minutes),
        referral=referral,
        referral_to_move=to_move,
        referral_suggestion=referral_suggestion(bank) if referral == "missing" else None,
        coverage=coverage,
        warnings={q.id: lint(q.text, facts=facts) for q in questions},
        facts=facts,
        bank=bank,
        background=store.settings.all().get("me.background", ""),
        referred_by=contact.referred_by if contact is not None else "",
        goal=goal,
        sheet=store.plans.sheet(interview_id),
    )


def bank_entry_label(entry: BankEntry) -> str:
    """How the list to pick from names a bank question: its words, and the TIARA
    element it serves when it has one."""
    return f"{entry.text} ({entry.tiara_label})" if entry.tiara else entry.text


def render_sheet(sheet: InterviewSheet, kind: str) -> str:
    """The printable sheet as ``kind`` ("html" or "md")."""
    return render(sheet, kind)


# -- what the Plan tab can do ------------------------------------------------------------


def add_referral_question(store: Store, interview_id: int, entry: BankEntry) -> int:
    """Add the bank's question about whom else to talk to at the end of the plan, as a
    must-ask one (the plan is made if the meeting has none). Returns its id."""
    with store.transaction():
        return store.plans.add_question(
            store.plans.plan_for(interview_id),
            entry.text,
            must_ask=True,
            bank_key=entry.bank_key,
            question_id=entry.own_id,
        )


def add_from_bank(store: Store, interview_id: int, entries: Sequence[BankEntry]) -> list[int]:
    """Add the bank questions picked, in the order given, at the end of the plan."""
    with store.transaction():
        return store.plans.add_questions(
            store.plans.plan_for(interview_id),
            [NewPlanQuestion(e.text, None, False, e.bank_key, e.own_id) for e in entries],
        )


def add_written_question(
    store: Store,
    interview_id: int,
    text: str,
    *,
    minutes: int,
    must_ask: bool = False,
    bank_category: str | None = None,
    facts: Sequence[str] = (),
) -> Done:
    """Add a question the user wrote to the plan and, with ``bank_category``, to their
    bank as well. Says so, and whether the lint (with ``facts``) warns about it."""
    banked = store.plans.add_written_question(
        interview_id, text, minutes=minutes, must_ask=must_ask, bank_category=bank_category
    )
    warned = bool(lint(text, facts=facts))
    sentence = written_sentence(keep=bank_category is not None, banked=banked, warned=warned)
    return Done(sentence, "warning" if warned else "success")


def set_minutes(store: Store, question_id: int, minutes: int) -> None:
    store.plans.update_question(question_id, minutes=minutes)


def set_must_ask(store: Store, question_id: int, must_ask: bool) -> None:
    store.plans.update_question(question_id, must_ask=must_ask)


def move_question(store: Store, question_id: int, step: int) -> None:
    """Move a question ``step`` places down (up when negative); the order is its priority."""
    store.plans.move_question(question_id, step)


def edit_question_text(store: Store, question_id: int, text: str, *, expected_version: int) -> None:
    """Reword a planned question (a lint rewrite, or the user's own words); StaleEdit
    when another window changed it since ``expected_version``."""
    store.plans.edit_question_text(question_id, text, expected_version=expected_version)


def remove_question(store: Store, question_id: int) -> RemovedQuestion:
    """Take a question out of the plan; returns what Undo puts back."""
    return store.plans.remove_question(question_id)


def undo_removal(store: Store, removed: RemovedQuestion) -> None:
    """Put a removed question back where it was, as it was."""
    store.plans.restore_question(removed)


PUT_BACK = "Put the question back where it was."  # what Undo says
SHEETS = (  # the interview sheet's downloads: format, label, media type, icon
    ("html", "Interview sheet (HTML, to print)", "text/html", ":material/print:"),
    ("md", "Interview sheet (Markdown)", "text/markdown", ":material/description:"),
)
BACKGROUND_HINT = "e.g. I teach chemistry and I am exploring user research"


def removed_sentence(removed: RemovedQuestion) -> str:
    """What the page says after a question left the plan (the question is user text)."""
    return f"Removed “{removed.text}” from the plan."


def save_introduction(
    store: Store, interview_id: int, introduction: str, *, background: str, based_on: str
) -> None:
    """Save the introduction with the user's one line about themselves. ``based_on`` is
    the saved introduction the box started from: when another window saved a different
    one since, nothing is saved and the refusal is the introduction field's (its text
    stays in the box, to copy from)."""
    try:
        store.plans.save_introduction(
            interview_id, introduction, background=background, based_on=based_on
        )
    except StaleEdit as error:
        raise ValidationError({"introduction": str(error)}) from error


def save_minutes_per_question(store: Store, interview_id: int, minutes: int) -> None:
    """Set the minutes a new question in the plan starts with."""
    with store.transaction():
        store.plans.save_settings(store.plans.plan_for(interview_id), minutes_per_question=minutes)
