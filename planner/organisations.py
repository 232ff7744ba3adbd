"""Target organisations and their LAMP priority (Advocacy, Motivation, Posting).

The list is worked top-down: highest Motivation first, then Posting, then
Advocacy. The top few are the ones to work on now; those with Motivation 0 are
not ranked yet but queued for research.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from urllib.parse import urlsplit

from planner.errors import ValidationError
from planner.text import check_text
from planner.vocabulary import ORGANISATION_ORIGINS

NAME_MAX = 120
SECTOR_MAX = 120
URL_MAX = 500
NOTES_MAX = 2000
WORK_ON_NOW = 5  # how many of the top organisations to mark as current

# One line each, shown beside the columns.
LAMP_EXPLAINED = {
    "advocacy": "Advocacy: do you know someone there (an alumnus, a friend, family)?",
    "motivation": "Motivation: how much you want to work there, 3 high to 1 low; "
    "0 means research it first.",
    "posting": "Posting: 3 a relevant job posting, 2 any posting, 1 none.",
}
MOTIVATION_LEVELS = {
    0: "0 - research it first",
    1: "1 - a little",
    2: "2 - quite",
    3: "3 - very much",
}
POSTING_LEVELS = {1: "1 - no posting", 2: "2 - some posting", 3: "3 - a relevant posting"}


@dataclass(frozen=True)
class OrganisationDraft:
    name: str = ""
    sector: str = ""
    website: str = ""
    advocacy: bool = False
    motivation: int = 0
    posting: int = 1
    origin: str = ""
    notes: str = ""

    def normalised(self) -> OrganisationDraft:
        return replace(
            self,
            name=" ".join(self.name.split()),
            sector=self.sector.strip(),
            website=self.website.strip(),
            notes=self.notes.strip(),
        )


@dataclass(frozen=True)
class Organisation:
    id: int
    name: str
    sector: str
    website: str
    advocacy: bool
    motivation: int
    posting: int
    origin: str
    notes: str
    updated_at: datetime
    version: int
    contacts: int = 0
    rank: int | None = None  # 1-based place in the LAMP order; None while in the research queue

    @property
    def work_on_now(self) -> bool:
        return self.rank is not None and self.rank <= WORK_ON_NOW

    @property
    def in_research_queue(self) -> bool:
        return self.motivation == 0

    def as_draft(self) -> OrganisationDraft:
        return OrganisationDraft(
            self.name,
            self.sector,
            self.website,
            self.advocacy,
            self.motivation,
            self.posting,
            self.origin,
            self.notes,
        )


def web_address_problem(url: str) -> str | None:
    """Why ``url`` is not a usable web address, or None (an empty one is fine)."""
    if not url:
        return None
    if message := check_text(url, limit=URL_MAX, single_line=True):
        return message
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in url:
        return "Enter a full web address starting with https:// (or http://)."
    return None


def validate_organisation(
    draft: OrganisationDraft, *, other_names: list[str] = ()
) -> dict[str, str]:
    """Check a normalised draft; {field: message}, empty when it may be saved."""
    errors: dict[str, str] = {}
    if not draft.name.strip():
        errors["name"] = "Give the organisation a name."
    elif message := check_text(draft.name, limit=NAME_MAX, single_line=True):
        errors["name"] = message
    elif draft.name.casefold() in {n.casefold() for n in other_names}:
        errors["name"] = "This organisation is already on your list."
    if message := check_text(draft.sector, limit=SECTOR_MAX, single_line=True):
        errors["sector"] = message
    if message := web_address_problem(draft.website):
        errors["website"] = message
    if draft.motivation not in MOTIVATION_LEVELS:
        errors["motivation"] = "Choose a motivation from 0 to 3."
    if draft.posting not in POSTING_LEVELS:
        errors["posting"] = "Choose a posting score of 1, 2 or 3."
    if draft.origin and draft.origin not in ORGANISATION_ORIGINS:
        errors["origin"] = "Choose where it came from in the list, or leave it empty."
    if message := check_text(draft.notes, limit=NOTES_MAX):
        errors["notes"] = message
    return errors


def check_organisation(draft: OrganisationDraft, *, other_names: list[str] = ()) -> None:
    """Raise ValidationError when the normalised draft cannot be saved."""
    if errors := validate_organisation(draft, other_names=other_names):
        raise ValidationError(errors)


def same_name(name: str) -> str:
    """What two names must share to be the same organisation: case and runs of spaces
    do not make two organisations different."""
    return " ".join(name.split()).casefold()


def with_people_known(name: str, people: list[str]) -> str:
    """An organisation's name with the contacts already there, the warm ways in."""
    return f"{name} (you know {', '.join(people)})" if people else name


def named_on_goals(goals: list[str]) -> str:
    """Which goals name an organisation as a target: ", from your goal 'UX'", or ""."""
    if not goals:
        return ""
    titles = ", ".join(f"'{title}'" for title in goals)
    return f", from your goal{'s' if len(goals) != 1 else ''} {titles}"
