"""After a conversation: the thank-you note, when it is due, and keeping in touch.

The note is drafted from the user's own reflection: a topic they discussed, a piece of
advice the user took away, thanks for their time, and what the user will do next. The
user edits it before sending; nothing here sends anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from planner.meetings import THANK_YOU_WITHIN_DAYS
from planner.meetings import thank_you_due as meeting_thank_you_due

THANK_YOU_WITHIN_BUSINESS_DAYS = THANK_YOU_WITHIN_DAYS  # the guides say 24-48 hours
CHECK_IN_EVERY_DAYS = 90
CHECK_IN_RANGE = (14, 365)


def thank_you_due(meeting_day: date, *, within: int = THANK_YOU_WITHIN_BUSINESS_DAYS) -> date:
    """The day a thank-you is due: ``within`` business days after the meeting day (the
    next business day by default, so a Saturday meeting is thanked on Monday)."""
    return meeting_thank_you_due(meeting_day, within)


def next_check_in(last_contact: date, every_days: int = CHECK_IN_EVERY_DAYS) -> date:
    """When to get back in touch: ``every_days`` after the last time you were in contact
    (a message, a meeting, a reply), so the planner never nags about someone you just
    spoke to."""
    return last_contact + timedelta(days=every_days)


# Sentence ends in Latin, CJK and full-width punctuation.
_STOPS = frozenset(".!?\u2026\u3002\uff01\uff1f")


@dataclass(frozen=True)
class Draft:
    subject: str
    body: str


def _sentence(text: str) -> str:
    """Free text as a sentence: spaces folded, a final stop added when it has none."""
    text = " ".join(text.split())
    if text and text[-1] not in _STOPS:
        text += "."
    return text


_TITLES = frozenset({"dr", "prof", "professor", "mr", "mrs", "ms", "mx", "miss", "sir", "dame"})


def first_name(name: str) -> str:
    """How to greet them: the first name, or a title with the last name ("Dr Marsh")."""
    words = name.split()
    if len(words) > 1 and words[0].rstrip(".").casefold() in _TITLES:
        return f"{words[0]} {words[-1]}"
    return words[0] if words else ""


def draft_thank_you(
    *,
    their_name: str,
    my_name: str,
    topic: str = "",
    advice: str = "",
    next_step: str = "",
) -> Draft:
    """A specific thank-you: ``topic`` is what they talked about (a few words, e.g. a
    theme), ``advice`` what the user took away, ``next_step`` what the user will do.
    The user's words are kept as typed (capitals included); missing parts are left out
    rather than left blank."""
    hello = f"Hello {first_name(their_name)}," if first_name(their_name) else "Hello,"
    lines = ["Thank you for the time you gave me, and for being so open about your work."]
    topic = " ".join(topic.split()).rstrip(".")
    if topic:
        lines.append(f"What you said about {topic} has stayed with me.")
    if advice.strip():
        lines.append(f"I am taking your advice to heart: {_sentence(advice)}")
    if next_step.strip():
        lines.append(f"My next step: {_sentence(next_step)} I will let you know how it goes.")
    signature = f"With thanks,\n{my_name.strip()}" if my_name.strip() else "With thanks"
    body = f"{hello}\n\n{' '.join(lines)}\n\n{signature}"
    subject = f"Thank you, {first_name(their_name)}" if first_name(their_name) else "Thank you"
    return Draft(subject, body)


def draft_update(
    *,
    their_name: str,
    my_name: str,
    done: list[str],
    advice: str = "",
    organisation: str = "",
) -> Draft:
    """A keeping-in-touch update built from the action items done since you last spoke
    (the latest four when there are more)."""
    hello = f"Hello {first_name(their_name)}," if first_name(their_name) else "Hello,"
    parts = ["I wanted to let you know how things have moved on since we spoke."]
    if done:
        listed = "; ".join(" ".join(d.split()).rstrip(".") for d in done[-4:])
        parts.append(f"Since then, here is what I have done: {listed}.")
    if advice.strip():
        parts.append(f"Your advice helped along the way: {_sentence(advice)}")
    if organisation.strip():
        parts.append(f"I hope all is going well at {' '.join(organisation.split())}.")
    signature = f"All the best,\n{my_name.strip()}" if my_name.strip() else "All the best"
    return Draft("A short update, with thanks", f"{hello}\n\n{' '.join(parts)}\n\n{signature}")
