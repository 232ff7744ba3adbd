"""Correcting a contact's history: which entries can be changed or removed from the
History tab, and the words for it.

Any entry but a meeting's can be redated, or have its channel and summary corrected (a
meeting's entry follows the meeting: it is moved or cancelled on the Meetings tab). A
note, a reply or a message sent changed nothing else, so it can be deleted; a step along
the pipeline changed the contact's stage, so only the latest one can be undone, which
puts the contact back where the step found them.
"""

from __future__ import annotations

from planner.vocabulary import STAGES

DELETABLE_KINDS = ("note", "reply", "message_sent")
MEETING_ENTRY = "meeting"

NOT_THE_LATEST_STEP = (
    "Only the latest step can be undone: a later step started from this one. Record the "
    "step that puts them where they are now instead."
)
STEP_CAME_WITH_A_MEETING = (
    "This step came with a meeting: move or cancel the meeting on the Meetings tab, and "
    "the stage follows."
)
MEETING_ENTRIES_FOLLOW_THE_MEETING = "A meeting's entry follows the meeting: change it there."
GONE = "That history entry was deleted (in another window?)."
MOVED_SINCE = (
    "They were moved again since (in another window?): undo the step from their History "
    "on the Contacts page."
)


# The meeting status that stands behind a stage: a step there is undone by the meeting.
STAGE_MEETING = {"scheduled": "scheduled", "interviewed": "done"}


def meeting_behind(stage_to: str | None, meeting_statuses) -> bool:
    """Whether a meeting stands behind a step to ``stage_to``, given the statuses of the
    contact's meetings."""
    return STAGE_MEETING.get(stage_to) in set(meeting_statuses)


def can_remove(
    kind: str, entry_id: int, *, stage_to: str | None, latest_step_id: int | None, meetings
) -> bool:
    """Whether the History tab offers Delete for this entry (``meetings``: the statuses
    of the contact's meetings)."""
    if kind == "stage":
        return entry_id == latest_step_id and not meeting_behind(stage_to, meetings)
    return kind in DELETABLE_KINDS


def can_edit(kind: str) -> bool:
    return kind != MEETING_ENTRY


def entry_name(kind: str, text: str, day: str) -> str:
    """How Edit and Delete name an entry: "the entry 'Note: met at a meetup' of 2026-12-01"."""
    return f"the {'step' if kind == 'stage' else 'entry'} '{text}' of {day}"


def removal_outcome(kind: str, back_to: str | None) -> str:
    """What removing an entry does beyond removing it: a step puts the contact back."""
    if kind == "stage":
        return f"They go back to {STAGES.get(back_to, back_to)}."
    return ""


def undone(name: str, step: str, stage: str) -> str:
    return f"Undid '{step}': {name} is back at {STAGES.get(stage, stage)}."


def deleted(text: str) -> str:
    return f"Deleted '{text}' from the history."
