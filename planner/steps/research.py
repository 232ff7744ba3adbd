"""The Research step: target organisations in LAMP order (ranked, or queued for research)
with the people already known there, and research notes; adding, changing and
deleting either."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from planner.organisations import (
    Organisation,
    OrganisationDraft,
    named_on_goals,
    web_address_problem,
    with_people_known,
)
from planner.read_cache import cached_read
from planner.research import Note, NoteDraft
from planner.store import Store
from planner.vocabulary import ORGANISATION_ORIGINS

NOT_A_LINK = "Website (not a web address)"


@dataclass(frozen=True)
class Target:
    """A target organisation and the contacts already there (the warm ways in)."""

    organisation: Organisation
    known: tuple[str, ...]
    goals: tuple[str, ...] = ()  # titles of the goals naming it as a target organisation

    @property
    def line(self) -> str:
        """Its name, with whom the user knows there and the goals it came from."""
        return with_people_known(self.organisation.name, list(self.known)) + named_on_goals(
            list(self.goals)
        )

    @property
    def row(self) -> dict[str, object]:
        """Its row in the ranked table, by column."""
        o = self.organisation
        row: dict[str, object] = {
            "Rank": o.rank,
            "Now": "Now" if o.work_on_now else "",
            "Organisation": o.name,
            "Sector": o.sector,
            "A": o.advocacy,
            "M": o.motivation,
            "P": o.posting,
            "Came from": ORGANISATION_ORIGINS.get(o.origin, ""),
            "People I know there": ", ".join(self.known),
            # Only a web address becomes a link; anything else (from a hand-edited or
            # old planner file) is shown as text, so no javascript: or file: link is drawn.
            "Website": o.website if o.website and not web_address_problem(o.website) else None,
        }
        if o.website and web_address_problem(o.website):
            row[NOT_A_LINK] = o.website
        return row


@dataclass(frozen=True)
class ResearchView:
    ranked: tuple[Target, ...]  # LAMP order; the first WORK_ON_NOW are to work on now
    queue: tuple[Target, ...]  # motivation not scored yet
    goals: dict[int, str]  # id: title, for the note form and the notes filter
    organisations: dict[int, str]  # id: name, in LAMP order
    new_note: NoteDraft  # the add-a-note form as it starts: dated today, for the only
    # active goal when there is exactly one

    @cached_property
    def ranked_rows(self) -> tuple[dict[str, object], ...]:
        """The ranked table's rows, worked out once per view (it is remembered until the
        next write; a planner holds hundreds of organisations)."""
        return tuple(target.row for target in self.ranked)

    def organisation(self, org_id: int | None) -> Organisation | None:
        """The organisation ``org_id``, if it is (still) in the planner."""
        return next(
            (t.organisation for t in (*self.ranked, *self.queue) if t.organisation.id == org_id),
            None,
        )


@dataclass(frozen=True)
class NotesView:
    notes: list[Note]  # newest first
    filtered: bool  # a filter or search was applied: none matching is not "none yet"


@dataclass(frozen=True)
class NoteEdit:
    """A note's edit form open in this window, for the version it was opened on."""

    note_id: int
    version: int

    @classmethod
    def of(cls, note: Note) -> NoteEdit:
        return cls(note.id, note.version)

    @property
    def form(self) -> str:
        return f"edit_note_{self.note_id}_{self.version}"


@cached_read
def load(store: Store, *, today: date) -> ResearchView:
    """The organisations tab, and what the note form offers."""
    organisations = store.organisations.list()
    known = store.organisations.people_known_at() if organisations else {}
    named = store.organisations.goals_naming() if organisations else {}
    targets = [
        Target(o, tuple(known.get(o.id, ())), tuple(named.get(o.id, ()))) for o in organisations
    ]
    goals = store.goals.list()
    active = [g.id for g in goals if g.status == "active"]
    return ResearchView(
        ranked=tuple(t for t in targets if not t.organisation.in_research_queue),
        queue=tuple(t for t in targets if t.organisation.in_research_queue),
        goals={g.id: g.title for g in goals},
        organisations={o.id: o.name for o in organisations},
        # The obvious goal is chosen for the user; with several, they choose.
        new_note=NoteDraft(noted_on=today, goal_id=active[0] if len(active) == 1 else None),
    )


@cached_read
def load_notes(
    store: Store, *, goal_id: int | None = None, topic_kind: str | None = None, search: str = ""
) -> NotesView:
    """The research notes for a goal, about a topic and matching ``search`` (each optional)."""
    return NotesView(
        notes=store.notes.list(goal_id=goal_id, topic_kind=topic_kind, search=search),
        filtered=goal_id is not None or topic_kind is not None or bool(search.strip()),
    )


# -- commands ----------------------------------------------------------------------------


def add_organisation(store: Store, draft: OrganisationDraft) -> int:
    return store.organisations.add(draft)


def update_organisation(store: Store, organisation: Organisation, draft: OrganisationDraft) -> None:
    """Save the edit of ``organisation`` as it was drawn; StaleEdit when another window
    saved it since."""
    store.organisations.update(organisation.id, draft, expected_version=organisation.version)


def delete_organisation(store: Store, org_id: int) -> None:
    """Delete an organisation; its contacts and notes are kept, unlinked."""
    store.organisations.delete(org_id)


def add_note(store: Store, draft: NoteDraft, *, today: date) -> int:
    return store.notes.add(draft, today=today)


def update_note(store: Store, edit: NoteEdit, draft: NoteDraft, *, today: date) -> None:
    store.notes.update(edit.note_id, draft, expected_version=edit.version, today=today)


def delete_note(store: Store, note_id: int) -> None:
    store.notes.delete(note_id)
