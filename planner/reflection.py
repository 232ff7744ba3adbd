"""Reflecting on a conversation: the prompts, the fit ratings, skills heard, themes,
assumptions checked, and the rules a reflection keeps.

Plain Python: the Reflect page, the store and the report all use ``validate_reflection``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from dataclasses import field as default
from datetime import date

from planner.errors import ValidationError
from planner.goals import FIT_QUESTIONS
from planner.text import check_text, clean_lines
from planner.vocabulary import (
    ACTION_KINDS,
    ASSUMPTION_VERDICTS,
    INTEREST_CHANGES,
    SKILL_STATUSES,
)

# The reflection prompts, in the order they are asked (keys are reflections columns).
PROMPTS: dict[str, str] = {
    "learned_field": "What I learned about the field",
    "skills_matter": "The skills and experiences they said matter",
    "advice": "Their advice",
    "career_story": "How their career unfolded",
    "surprised": "What surprised me",
    "still_unknown": "What I still don't know",
}
PROMPT_MAX = 4000
WHY_MAX = 300
ITEM_MAX = 200  # a takeaway, a skill, a theme
ITEMS_MAX = 20
RATING_RANGE = (1, 5)
FIT_SCALE = (  # what the ends of a fit rating mean, said wherever ratings are asked or shown
    f"{RATING_RANGE[0]} = a poor fit for me, {RATING_RANGE[1]} = a great fit"
)
ACTION_TITLE_MAX = 200


@dataclass(frozen=True)
class FitRating:
    fit_question: str  # a planner.goals.FIT_QUESTIONS key
    rating: int
    why: str = ""


@dataclass(frozen=True)
class SkillHeard:
    skill: str
    status: str  # "have" or "gap"


@dataclass(frozen=True)
class ReflectionDraft:
    """What the user wrote after one conversation."""

    learned_field: str = ""
    skills_matter: str = ""
    advice: str = ""
    career_story: str = ""
    surprised: str = ""
    still_unknown: str = ""
    interest_change: str = "same"
    takeaways: list[str] = default(default_factory=list)
    themes: list[str] = default(default_factory=list)
    fit_ratings: list[FitRating] = default(default_factory=list)
    skills: list[SkillHeard] = default(default_factory=list)
    assumption_verdicts: dict[int, str] = default(default_factory=dict)  # assumption id

    def normalised(self) -> ReflectionDraft:
        """Spaces trimmed, empty entries dropped, repeated skills and themes folded."""
        return replace(
            self,
            **{key: getattr(self, key).strip() for key in PROMPTS},
            takeaways=clean_lines(self.takeaways),
            themes=_unique(self.themes),
            fit_ratings=[replace(r, why=r.why.strip()) for r in self.fit_ratings],
            skills=_unique_skills(self.skills),
            assumption_verdicts={k: v for k, v in self.assumption_verdicts.items() if v},
        )


@dataclass(frozen=True)
class Reflection(ReflectionDraft):
    id: int = 0
    interview_id: int = 0
    version: int = 0


def _unique(values: list[str]) -> list[str]:
    kept: list[str] = []
    for value in clean_lines(values):
        value = " ".join(value.split())
        if value.casefold() not in {k.casefold() for k in kept}:
            kept.append(value)
    return kept


def _unique_skills(skills: list[SkillHeard]) -> list[SkillHeard]:
    kept: dict[str, SkillHeard] = {}
    for skill in skills:
        name = " ".join(skill.skill.split())
        if name:
            kept[name.casefold()] = SkillHeard(name, skill.status)  # the last word wins
    return list(kept.values())


def validate_reflection(draft: ReflectionDraft) -> dict[str, str]:
    """{field: message} for a normalised draft; empty when it may be saved."""
    errors: dict[str, str] = {}
    if not any(getattr(draft, key) for key in PROMPTS):
        errors["prompts"] = "Answer at least one of the prompts: whatever is freshest."
    for key in PROMPTS:
        if message := check_text(getattr(draft, key), limit=PROMPT_MAX):
            errors[key] = message
    if draft.interest_change not in INTEREST_CHANGES:
        errors["interest_change"] = "Choose whether your interest went up, stayed or went down."
    for name, values in (("takeaways", draft.takeaways), ("themes", draft.themes)):
        if len(values) > ITEMS_MAX:
            errors[name] = f"Keep it to {ITEMS_MAX} or fewer."
        for value in values:
            if message := check_text(value, limit=ITEM_MAX, single_line=name == "themes"):
                errors[name] = f"'{value[:30]}': {message}"
                break
    seen: set[str] = set()
    for rating in draft.fit_ratings:
        field = f"fit_{rating.fit_question}"
        if rating.fit_question not in FIT_QUESTIONS or rating.fit_question in seen:
            errors["fit_ratings"] = "Rate each fit question once."
        elif not RATING_RANGE[0] <= rating.rating <= RATING_RANGE[1]:
            errors[field] = (
                f"Rate it from {RATING_RANGE[0]} to {RATING_RANGE[1]}, or clear the sentence."
            )
        elif message := check_text(rating.why, limit=WHY_MAX, single_line=True):
            errors[field] = message
        seen.add(rating.fit_question)
    if len(draft.skills) > ITEMS_MAX:
        errors["skills"] = f"Keep it to {ITEMS_MAX} skills or fewer."
    for skill in draft.skills:
        if skill.status not in SKILL_STATUSES:
            errors["skills"] = f"Mark '{skill.skill[:30]}' as one you have or a gap."
        elif message := check_text(skill.skill, limit=ITEM_MAX, single_line=True):
            errors["skills"] = f"'{skill.skill[:30]}': {message}"
    for verdict in draft.assumption_verdicts.values():
        if verdict not in ASSUMPTION_VERDICTS:
            errors["assumptions"] = "Mark each assumption confirmed or refuted, or leave it."
    return errors


def fit_questions_to_rate(goal_fit_questions: list[str], rated: list[str]) -> list[str]:
    """The fit questions a reflection asks about: the goal's (all four when it names
    none), plus any already rated, so editing a reflection never drops a rating."""
    wanted = set(goal_fit_questions or FIT_QUESTIONS) | set(rated)
    return [key for key in FIT_QUESTIONS if key in wanted]


def check_reflection(draft: ReflectionDraft) -> None:
    if errors := validate_reflection(draft):
        raise ValidationError(errors)


@dataclass(frozen=True)
class ActionDraft:
    title: str = ""
    kind: str = "other"
    due_on: date | None = None
    goal_id: int | None = None
    reflection_id: int | None = None


def validate_action(draft: ActionDraft) -> dict[str, str]:
    errors: dict[str, str] = {}
    title = " ".join(draft.title.split())
    if not title:
        errors["title"] = "Say what you will do."
    elif message := check_text(title, limit=ACTION_TITLE_MAX, single_line=True):
        errors["title"] = message
    if draft.kind not in ACTION_KINDS:
        errors["kind"] = "Choose a kind from the list."
    return errors


def gap_action_title(skill: str) -> str:
    """The action item a skill gap offers in one click."""
    return f"Build up: {' '.join(skill.split())}"


def gaps_to_offer(reflection: ReflectionDraft, planned: list[str]) -> list[str]:
    """The skill gaps a reflection offers as action items: each gap heard, in order,
    unless one of the titles already ``planned`` from that reflection names it
    (ignoring case), as its offered title (``gap_action_title``) does and as a title
    the user reworded usually still does."""
    taken = [" ".join(title.split()).casefold() for title in planned]
    return [
        s.skill
        for s in reflection.skills
        if s.status == "gap" and not any(s.skill.casefold() in title for title in taken)
    ]


@dataclass(frozen=True)
class FitEvidence:
    """One fit question across a goal's conversations."""

    fit_question: str
    average: float
    ratings: int
    sentences: list[tuple[str, int, str]]  # (who, rating, why), newest first

    @property
    def label(self) -> str:
        return FIT_QUESTIONS.get(self.fit_question, self.fit_question)

    @property
    def leaning(self) -> str:
        """What the evidence says so far, in words."""
        if self.average >= 3.5:
            return "leaning yes"
        if self.average <= 2.5:
            return "leaning no"
        return "mixed"
