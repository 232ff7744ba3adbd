"""Step 4, Questions, on the day: the plan to follow in the meeting, the notes taken as
it goes, the people the interviewee suggested, and marking the meeting done."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from planner.question_plans import PlanInterview, PlanQuestion
from planner.read_cache import cached_read
from planner.store import Store
from planner.store.records import SuggestedContact

NOTES_HINT = "Anything else: their story, advice, what surprised you."


def people_suggested(store: Store, interview_id: int) -> list[SuggestedContact]:
    """The people suggested in this interview, in the order they were noted."""
    return store.plans.mentioned_in(interview_id)


@dataclass(frozen=True)
class DayView:
    """Everything the Interview day tab shows for one meeting."""

    meeting: PlanInterview
    introduction: str  # what the user planned to say first ("" when nothing)
    questions: list[PlanQuestion]
    suggested: list[SuggestedContact]

    @property
    def done(self) -> bool:
        """Whether the meeting is marked as held."""
        return self.meeting.status != "scheduled"


@cached_read
def load(store: Store, *, interview_id: int) -> DayView:
    """The day view of one meeting (NotFound when it was deleted or cancelled)."""
    meeting = store.plans.interview(interview_id)
    plan = store.plans.get(meeting.plan_id) if meeting.plan_id is not None else None
    return DayView(
        meeting=meeting,
        introduction=plan.introduction if plan is not None else "",
        questions=store.plans.questions(plan.id) if plan is not None else [],
        suggested=people_suggested(store, interview_id),
    )


# -- what the day view can do ------------------------------------------------------------


def set_asked(store: Store, question_id: int, asked: bool) -> None:
    store.plans.update_question(question_id, asked=asked)


def save_answer_notes(
    store: Store, question_id: int, notes: str, based_on: Sequence[str] | None = None
) -> None:
    """Keep what was noted against one question, exactly as typed; StaleEdit when another
    window saved text other than those in ``based_on`` (what this field showed or sent;
    the arguments an autosaving field's ``on_save`` gets)."""
    store.plans.save_answer_notes(question_id, notes, based_on=based_on)


def save_interview_notes(
    store: Store, interview_id: int, notes: str, based_on: Sequence[str] | None = None
) -> None:
    """Keep the meeting's general notes, exactly as typed (``based_on`` as above)."""
    store.plans.save_interview_notes(interview_id, notes, based_on=based_on)


def add_mentioned_contact(
    store: Store,
    interview_id: int,
    *,
    name: str,
    role: str = "",
    organisation: str = "",
    notes: str = "",
    today: date,
) -> int:
    """Someone the interviewee suggested becomes a contact they referred, from this
    interview and for its goal. Returns the new contact's id."""
    return store.plans.add_mentioned_contact(
        interview_id, name=name, role=role, organisation=organisation, notes=notes, today=today
    )


def mark_done(store: Store, interview_id: int, *, now: datetime) -> None:
    """Record that the meeting happened (refused before it started); ``now`` is aware."""
    store.meetings.mark_done(interview_id, now=now)
