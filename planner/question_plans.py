"""Rules for an interview's question plan: does it fit the time, does it end by asking
for the next person, which fit questions does it cover, and a short introduction."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from planner.goals import FIT_QUESTIONS, Goal
from planner.question_bank import bank_by_key
from planner.text import inert_markdown
from planner.vocabulary import INTERVIEW_FORMATS, INTERVIEW_STATUSES

INTRO_MINUTES = 2  # introductions and thanks take time too
REFERRAL_NEAR_END = 3  # the referral question belongs among the last few
MINUTES_DEFAULT = 3
MINUTES_RANGE = (1, 15)
INTRODUCTION_MAX = 1500
NOTES_MAX = 20_000  # an hour of fast typing; notes are never cut short

_REFERRAL = re.compile(
    r"\bwho (?:else|other)\b|\b(?:anyone|someone|somebody|others?|people) (?:else )?"
    r"(?:you would|you'd|i should|worth|who)\b.*\b(?:talk|speak|meet|contact|ask)"
    r"|\b(?:which|what) other (?:people|person|colleagues?)\b.*\b(?:talk|speak|meet|contact|ask)",
    re.IGNORECASE,
)
# Words that show which fit question a planned question serves.
_FIT_SIGNS = {
    "succeed": r"succeed|thrive|do well|stand out|struggle|good at|strengths?|skills?",
    "fit": r"\bfit\b|culture|kind of person|values|environment|team like|work style",
    "want": r"enjoy|energy|rewarding|satisf|draining|frustrat|love about|like most|favourite",
    "future": r"\blead\b|go next|next step|progress|long[- ]term|years|future|career path",
}


@dataclass(frozen=True)
class PlannedQuestion:
    text: str
    minutes: int = MINUTES_DEFAULT
    must_ask: bool = False


@dataclass(frozen=True)
class PlanQuestion:
    """A question as it stands in one interview's plan, with what was noted on the day."""

    id: int
    text: str
    minutes: int
    must_ask: bool
    asked: bool
    answer_notes: str
    bank_key: str
    question_id: int | None
    version: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "minutes", within_minutes(self.minutes))

    def planned(self) -> PlannedQuestion:
        return PlannedQuestion(self.text, self.minutes, self.must_ask)


@dataclass(frozen=True)
class RemovedQuestion:
    """A question just taken out of a plan, all it held, to put back where it was."""

    plan_id: int
    text: str
    minutes: int
    must_ask: bool
    asked: bool
    answer_notes: str
    bank_key: str
    question_id: int | None
    index: int  # its place in the plan (0 first)


@dataclass(frozen=True)
class Plan:
    id: int
    interview_id: int
    introduction: str
    minutes_per_question: int
    version: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "minutes_per_question", within_minutes(self.minutes_per_question))


def within_minutes(minutes: int) -> int:
    """``minutes`` brought into the range a form allows: a planner file edited by hand
    may hold any number, and the plan is timed and shown as the form would keep it."""
    return min(max(minutes, MINUTES_RANGE[0]), MINUTES_RANGE[1])


@dataclass(frozen=True)
class PlanInterview:
    """An interview as the Questions page lists it, with its plan counted up."""

    interview_id: int
    contact_id: int | None
    contact_name: str
    contact_role: str
    organisation_id: int | None
    organisation: str
    goal_id: int | None
    goal_title: str
    starts_at: datetime
    time_zone: str
    duration_minutes: int
    format: str
    location: str
    status: str
    general_notes: str
    plan_id: int | None
    questions: int
    planned_minutes: int  # the questions' minutes, introductions not included
    asked: int
    version: int

    def label(self) -> str:
        """How a menu names it: who, where, when."""
        who = self.contact_name or "A deleted contact"
        at = f" ({self.organisation})" if self.organisation else ""
        return f"{who}{at}, {self.starts_at:%a %d %b %Y %H:%M}"

    def menu_label(self) -> str:
        """The label with where the meeting stands, for the menu of meetings to open."""
        return f"{self.label()} · {INTERVIEW_STATUSES.get(self.status, self.status)}"

    def summary(self) -> str:
        """One Markdown line above the plan and the day view: who, when, how long, for
        which goal (the user's text made inert)."""
        who = inert_markdown(self.contact_name or "A deleted contact")
        about = ", ".join(inert_markdown(x) for x in (self.contact_role, self.organisation) if x)
        form = INTERVIEW_FORMATS.get(self.format, self.format).lower()
        line = f"**{who}**" + (f", {about}" if about else "")
        line += f" · {self.starts_at:%A %d %B %Y, %H:%M} ({inert_markdown(self.time_zone)})"
        line += f" · {self.duration_minutes} minutes, {form}"
        if self.goal_title:
            line += f" · goal: {inert_markdown(self.goal_title)}"
        return line

    def done_sentence(self) -> str:
        """What marking the interview done says, with what to do next."""
        who = self.contact_name or "your contact"
        return (
            f"Marked the interview with {who} done. Write your reflection while it is "
            "fresh, and thank them within a day."
        )


@dataclass(frozen=True)
class Timing:
    planned_minutes: int  # questions plus introductions
    meeting_minutes: int
    drop_first: list[int]  # positions (0-based) to drop, in order, until it fits

    @property
    def over_by(self) -> int:
        return max(self.planned_minutes - self.meeting_minutes, 0)

    @property
    def fits(self) -> bool:
        return self.over_by == 0

    @property
    def share(self) -> float:
        """How much of the meeting the plan fills, at most all of it."""
        return min(max(self.planned_minutes, 0) / max(self.meeting_minutes, 1), 1.0)

    def summary(self) -> str:
        return (
            f"{self.planned_minutes} of {self.meeting_minutes} minutes planned "
            f"({INTRO_MINUTES} for introductions and thanks)"
        )

    def overrun(self) -> str | None:
        """What to drop when the plan runs over the meeting, or None when it fits."""
        if self.fits:
            return None
        order = ", ".join(str(i + 1) for i in self.drop_first)
        plural = "s" if len(self.drop_first) > 1 else ""
        return (
            f"The plan runs {self.over_by} minutes over the {self.meeting_minutes}-minute "
            f"meeting. Drop these first: question{plural} {order}."
        )


def timing(questions: list[PlannedQuestion], meeting_minutes: int) -> Timing:
    """Total time against the meeting's length; when over, which questions to drop first:
    the lowest in the order (the order is the priority) and never a must-ask one
    while another can go."""
    planned = INTRO_MINUTES + sum(q.minutes for q in questions)
    over = planned - meeting_minutes
    drop: list[int] = []
    if over > 0:
        candidates = [i for i in reversed(range(len(questions))) if not questions[i].must_ask]
        candidates += [i for i in reversed(range(len(questions))) if questions[i].must_ask]
        for index in candidates:
            if over <= 0:
                break
            drop.append(index)
            over -= questions[index].minutes
    return Timing(planned, meeting_minutes, drop)


def is_referral_question(text: str) -> bool:
    return bool(_REFERRAL.search(text))


def ends_with_referral(questions: list[PlannedQuestion]) -> bool:
    """Whether one of the last few questions asks whom else to talk to."""
    return any(is_referral_question(q.text) for q in questions[-REFERRAL_NEAR_END:])


def referral_problem(questions: list[PlanQuestion]) -> tuple[str, int | None] | None:
    """What is amiss with the plan's question about whom else to talk to: None when one
    of the last few questions asks it; ("too_early", id of the last question that asks it,
    to move to the end) when only earlier ones do; ("missing", None) when none does."""
    if ends_with_referral([q.planned() for q in questions]):
        return None
    placed = [q.id for q in questions if is_referral_question(q.text)]
    return ("too_early", placed[-1]) if placed else ("missing", None)


def question_name(text: str, *, limit: int = 40) -> str:
    """A planned question named short enough for a button's label, cut at a word:
    “What surprised you…”."""
    if len(text) <= limit:
        return f"“{text}”"
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return f"“{cut.rstrip(' ,;:')}…”"


def added_sentence(count: int) -> str:
    """What adding questions picked from the bank says."""
    return f"Added {count} question{'s' if count > 1 else ''} to the plan."


def written_sentence(*, keep: bool, banked: bool, warned: bool) -> str:
    """What adding a question the user wrote says: whether it went to their bank too
    (``keep``: they asked for it; ``banked``: it was not there yet) and whether it drew a
    warning."""
    note = ""
    if keep:
        note = " and to your bank" if banked else " (your bank already had it)"
    return f"Added to the plan{note}." + (" Look at the warning under it." if warned else "")


def fit_coverage(
    questions: list[PlannedQuestion], wanted: list[str], *, tagged: Iterable[str] = ()
) -> dict[str, bool]:
    """For each fit question the goal cares about, whether some planned question serves it:
    by its words, or because it is a bank question tagged for it (``tagged``)."""
    tagged = set(tagged)
    return {
        key: key in tagged
        or any(re.search(_FIT_SIGNS[key], q.text, re.IGNORECASE) for q in questions)
        for key in wanted
        if key in FIT_QUESTIONS
    }


def bank_fit_tags(questions: list[PlanQuestion]) -> set[str]:
    """The fit questions served by planned questions taken unchanged from the shipped bank."""
    shipped = bank_by_key()
    return {
        shipped[q.bank_key].fit
        for q in questions
        if q.bank_key in shipped and shipped[q.bank_key].text == q.text and shipped[q.bank_key].fit
    }


def draft_introduction(
    *,
    my_background: str,
    their_name: str,
    why_them: str,
    hope_to_learn: str,
    minutes: int,
) -> str:
    """Who I am, why I asked you, what I hope to learn: three short sentences to say
    at the start, for the user to edit."""
    first = their_name.split()[0] if their_name.strip() else ""
    parts = [
        f"Thank you for making time, {first}." if first else "Thank you for making time.",
        f"{my_background.strip().rstrip('.')}." if my_background.strip() else "",
        f"I asked you because {why_them.strip().rstrip('.')}." if why_them.strip() else "",
        f"In the next {minutes} minutes I hope to learn {hope_to_learn.strip().rstrip('.')}."
        if hope_to_learn.strip()
        else "",
    ]
    return " ".join(p for p in parts if p)


def introduction_for(
    *,
    background: str,
    contact_name: str,
    contact_role: str,
    organisation: str,
    referred_by: str,
    goal: Goal | None,
    minutes: int,
) -> str:
    """The introduction drafted from what the planner knows: who referred the user, the
    contact's work, and the first thing the goal wants to learn."""
    role, organisation = contact_role.strip(), organisation.strip()
    if referred_by.strip():
        why = f"{referred_by.strip()} suggested I talk to you"
    elif role:
        at = f" at {organisation}" if organisation else ""
        why = f"you work as {role}{at}, which is the work I am exploring"
    elif organisation:
        why = f"you know {organisation} from the inside"
    else:
        why = ""
    if goal is not None and goal.learning_aims:
        hope = _mid_sentence(goal.learning_aims[0])
    elif goal is not None and goal.field:
        hope = f"how work in {goal.field} really goes"
    else:
        hope = "how your work really goes, day to day"
    return draft_introduction(
        my_background=background,
        their_name=contact_name,
        why_them=why,
        hope_to_learn=hope,
        minutes=minutes,
    )


_SENTENCE_STARTERS = frozenset(
    {"what", "how", "which", "why", "when", "where", "who", "whether", "if"}
    | {"the", "a", "an", "my", "our", "their", "its"}
)


def _mid_sentence(text: str) -> str:
    """``text`` to follow other words: a capital is lowered only on a word that merely
    starts the sentence ("What a week looks like" -> "what a week looks like"); names,
    "I" and acronyms keep theirs."""
    text = text.strip()
    first = text.split(" ", 1)[0]
    if first.casefold() in _SENTENCE_STARTERS and first[:1].isupper():
        return text[0].lower() + text[1:]
    return text
