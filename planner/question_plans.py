"""Rules for an interview's question plan: does it fit the time, does it end by asking
for the next person, which fit questions does it cover, and a short introduction."""

from __future__ import annotations

import re
from dataclasses import dataclass

from planner.goals import FIT_QUESTIONS

INTRO_MINUTES = 2  # introductions and thanks take time too
REFERRAL_NEAR_END = 3  # the referral question belongs among the last few

_REFERRAL = re.compile(
    r"\bwho (?:else|other)\b|\b(?:anyone|someone|somebody|others?|people) (?:else )?"
    r"(?:you would|you'd|i should|worth|who)\b.*\b(?:talk|speak|meet|contact|ask)",
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
    minutes: int = 3
    must_ask: bool = False


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


def fit_coverage(questions: list[PlannedQuestion], wanted: list[str]) -> dict[str, bool]:
    """For each fit question the goal cares about, whether some planned question serves it."""
    return {
        key: any(re.search(_FIT_SIGNS[key], q.text, re.IGNORECASE) for q in questions)
        for key in wanted
        if key in FIT_QUESTIONS
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
    first = their_name.split()[0] if their_name.strip() else "there"
    parts = [
        f"Thank you for making time, {first}.",
        f"{my_background.strip().rstrip('.')}." if my_background.strip() else "",
        f"I asked you because {why_them.strip().rstrip('.')}." if why_them.strip() else "",
        f"In the next {minutes} minutes I hope to learn {hope_to_learn.strip().rstrip('.')}."
        if hope_to_learn.strip()
        else "",
    ]
    return " ".join(p for p in parts if p)
