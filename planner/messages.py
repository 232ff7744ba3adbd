"""Outreach messages: templates with merge fields, and the request checker.

The checker follows the spirit of a short, well-formed request: under 75 words,
the connection named first, the ask phrased as a question, insight rather than a
job, something specific about them, and more about them than about the sender.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from urllib.parse import quote

from planner.paths import DATA_DIR
from planner.thanks import first_name
from planner.vocabulary import INTERVIEW_FORMATS, OUTREACH_KINDS

TEMPLATES_FILE = DATA_DIR / "message_templates.toml"
WORD_LIMIT = 75
TEMPLATE_NAME_MAX = 80
SUBJECT_MAX = 200
BODY_MAX = 5000

MERGE_FIELDS: dict[str, str] = {
    "their_name": "Their first name",
    "their_role": "Their role",
    "organisation": "Their organisation",
    "connection": "How you know of them (who referred you, or what you share)",
    "interest": "What interests you about their work",
    "ask_minutes": "Minutes you ask for",
    "proposed_times": "Times you propose",
    "my_name": "Your name",
    "my_contact": "Your contact line",
    "meeting_when": "When you meet",
    "meeting_place": "Where or how you meet",
    "one_thing_learned": "One thing you learned",
    "next_step": "What you will do next",
}
# What an empty merge field shows as an example of what to type, where one helps.
MERGE_FIELD_EXAMPLES: dict[str, str] = {
    "proposed_times": "e.g. Tuesday or Thursday after 4pm would suit me.",
}
# A template's {field}, or its {{ and }} (literal braces), read in one pass so that
# braces inside an inserted value are left as typed.
_TOKEN = re.compile(r"\{\{|\}\}|\{([a-z_]+)\}")


@dataclass(frozen=True)
class Template:
    key: str
    kind: str
    name: str
    subject: str
    body: str
    shipped: bool = True


@cache
def shipped_templates() -> tuple[Template, ...]:
    with TEMPLATES_FILE.open("rb") as handle:
        entries = tomllib.load(handle)["template"]
    templates = tuple(Template(**entry) for entry in entries)
    for template in templates:
        if template.kind not in OUTREACH_KINDS:
            raise ValueError(f"template {template.key}: unknown kind {template.kind!r}")
        unknown = set(fields_in(template.subject + template.body)) - set(MERGE_FIELDS)
        if unknown:
            raise ValueError(f"template {template.key}: unknown fields {sorted(unknown)}")
    return templates


# The message a contact's stage calls for next.
_NEXT_MESSAGE = {
    "identified": "request",
    "declined": "request",
    "no_reply": "request",
    "requested": "follow_up",
    "scheduled": "confirmation",
    "interviewed": "thank_you",
    "thanked": "check_in",
    "keeping_in_touch": "check_in",
}


def suggested_template(templates: list[Template], *, stage: str, referred: bool) -> Template:
    """The template that fits where the contact stands: a request (the referral one when
    someone referred them), a follow-up, a confirmation, a thank-you or a check-in."""
    kind = _NEXT_MESSAGE.get(stage, "request")
    fitting = [t for t in templates if t.kind == kind] or list(templates)
    if kind == "request":
        wanted = "request_referral" if referred else "request_shared"
        fitting.sort(key=lambda t: t.key != wanted)
    return fitting[0]


def fields_in(text: str) -> list[str]:
    """The merge fields a text uses, in order of first use."""
    return list(dict.fromkeys(name for name in _TOKEN.findall(text) if name))


@dataclass(frozen=True)
class Filled:
    text: str
    missing: list[str]


def fill(text: str, values: dict[str, str]) -> Filled:
    """Put the values into a template's fields; a field left blank stays visible as
    [field] so the user sees what to write. Values are inserted as plain text."""
    missing: list[str] = []

    def put(match: re.Match) -> str:
        name = match.group(1)
        if name is None:  # {{ or }}
            return match.group(0)[0]
        if name not in MERGE_FIELDS:
            return match.group(0)
        value = (values.get(name) or "").strip()
        if not value:
            if name not in missing:
                missing.append(name)
            return f"[{name}]"
        return value

    return Filled(_TOKEN.sub(put, text), missing)


def known_values(
    *,
    name: str,
    role: str = "",
    organisation: str = "",
    connection: str = "",
    meeting_at: datetime | None = None,
    time_zone: str = "",
    meeting_format: str = "",
    location: str = "",
) -> dict[str, str]:
    """The merge fields the planner already knows about a contact: how to greet them
    (``thanks.first_name``, the one greeting rule), their role and organisation, who
    referred them, and when and where the meeting is (``meeting_at``, their next one)."""
    values = {
        "their_name": first_name(name),
        "their_role": role,
        "organisation": organisation,
        "connection": connection,
    }
    if meeting_at is not None:
        values["meeting_when"] = f"{meeting_at:%A %d %B at %H:%M} ({time_zone})"
        values["meeting_place"] = (
            location or INTERVIEW_FORMATS.get(meeting_format, meeting_format).lower()
        )
    return values


def mailto_link(to: str, subject: str, body: str) -> str:
    """A mailto: link that opens the draft in the user's mail program."""
    # Mail programs expect CRLF line breaks in a mailto body.
    crlf_body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    query = f"subject={quote(subject, safe='')}&body={quote(crlf_body, safe='')}"
    return f"mailto:{quote(to, safe='@')}?{query}"


# -- the request checker ---------------------------------------------------------------

_GREETING = re.compile(r"^\s*(hi|hello|dear|hey|good (morning|afternoon|evening))\b", re.I)
_SIGN_OFF = re.compile(
    r"^\s*(thank you|thanks|many thanks|with thanks|best|kind regards|regards|all the best|"
    r"warm regards|cheers|sincerely|with gratitude|yours)\b[^.?!]*$",
    re.I,
)
# Asking for a job: each pattern is narrow on purpose, so talking about their role,
# their position at a firm or their software applications does not trip it.
_JOB_WORDS = re.compile(
    r"\b(?:jobs?|vacanc(?:y|ies)|hiring|hire|apply|applying|application|CVs?|"
    r"employment|internships?|recruit(?:ing)? me|work for you|"
    # "resume" unaccented is also a verb ("resume our chat"): only its noun uses count.
    r"r\u00e9sum\u00e9s?|resum\u00e9s?|r\u00e9sumes?|(?:my|a|the|attached|our)\s+resumes?|"
    r"(?:open|available)\s+(?:roles?|positions?)|roles?\s+(?:available|open)|"
    r"referral\s+for|refer me for|put in a (?:good )?word|"
    r"(?:career|work|employment)\s+opportunit(?:y|ies))\b"
    r"|(?<![\w-])openings?\b"
    r"|(?<!your )(?<!this )\bpositions?\b(?! to\b)",
    re.IGNORECASE,
)
_CONNECTION_WORDS = re.compile(
    r"\b(suggested|recommended|introduced|referred|pointed me|fellow|alumn\w*|we both|"
    r"we met|met at|met you|also studied|mutual|shared|same (school|university|course|team))\b",
    re.I,
)
_SPECIFIC = re.compile(
    r"\byour (work|experience|path|role|team|career|research|project|talk|article|post)\b",
    re.I,
)
_ASK = re.compile(r"\b(could|would|may i|might|minutes|chat|call|talk|coffee)\b", re.I)
_YOU = re.compile(r"\b(you|your|yours|yourself)\b", re.I)
_ME = re.compile(r"\b(i|me|my|mine|myself|i'm|i've|i'd|i'll)\b", re.I)
_SENTENCE = re.compile(r"[^.?!]+[.?!]*")


CHECK_LABELS = {
    "filled_in": "No [blank] left to fill in",
    "length": f"Under {WORD_LIMIT} words",
    "connection_first": "Your connection comes first",
    "ask_is_question": "The ask is a question",
    "no_job_words": "Asks for insight, not a job",
    "specific": "Says what interests you about their work",
    "about_them": "More about them than about you",
}
_LEFT_BLANK = re.compile(r"\[([a-z_]+)\]")


def fields_in_brackets(text: str) -> list[str]:
    """The [field] markers ``fill`` left for blanks that are still in the text."""
    return [f for f in dict.fromkeys(_LEFT_BLANK.findall(text)) if f in MERGE_FIELDS]


def still_to_fill(text: str) -> str:
    """'Still to fill in: their role; your contact line.' for the blanks left in a
    draft, or "" when none is left."""
    gaps = fields_in_brackets(text)
    if not gaps:
        return ""
    return "Still to fill in: " + "; ".join(MERGE_FIELDS[g].lower() for g in gaps) + "."


@dataclass(frozen=True)
class Check:
    key: str
    passed: bool
    hint: str


def message_core(body: str) -> str:
    """The body without its greeting line and sign-off: what the checks read."""
    lines = [line for line in body.strip().splitlines()]
    if lines and _GREETING.match(lines[0]):
        lines = lines[1:]
    for index, line in enumerate(lines):
        if _SIGN_OFF.match(line):
            lines = lines[:index]
            break
    return " ".join(" ".join(lines).split())


def word_count(text: str) -> int:
    return len(re.findall(r"[\w'\u2019-]+", text))


def check_request(body: str, *, referrer: str = "", organisation: str = "") -> list[Check]:
    """Each point of a good request, passed or not, with a hint when not."""
    core = message_core(body)
    sentences = [s.strip() for s in _SENTENCE.findall(core) if s.strip()]
    first = sentences[0] if sentences else ""
    words = word_count(core)

    connected = bool(_CONNECTION_WORDS.search(first)) or bool(
        referrer.strip() and referrer.strip().split()[0].casefold() in first.casefold()
    )
    asks = [s for s in sentences if _ASK.search(s)]
    job_words = sorted({m.group(0).lower() for m in _JOB_WORDS.finditer(core)})
    specific = bool(_SPECIFIC.search(core)) or bool(
        organisation.strip() and organisation.strip().casefold() in core.casefold()
    )
    you, me = len(_YOU.findall(core)), len(_ME.findall(core))

    blanks = fields_in_brackets(body)
    return [
        Check(
            "filled_in",
            not blanks,
            "Replace what is still in square brackets: "
            + ", ".join(f"[{b}]" for b in blanks)
            + ".",
        ),
        Check(
            "length",
            0 < words < WORD_LIMIT,
            f"Keep it under {WORD_LIMIT} words (now {words}); busy people answer short notes.",
        ),
        Check(
            "connection_first",
            connected,
            "Open with your connection: who suggested them, or what you share.",
        ),
        Check(
            "ask_is_question",
            any(s.endswith("?") for s in asks),
            "Make the ask a question, such as 'Could you spare 20 minutes?'.",
        ),
        Check(
            "no_job_words",
            not job_words,
            "Ask for their insight and advice, not a job: drop "
            + ", ".join(f"'{w}'" for w in job_words)
            + "."
            if job_words
            else "",
        ),
        Check(
            "specific",
            specific,
            "Say what interests you about their work, so they know why you chose them.",
        ),
        Check(
            "about_them",
            you > me,
            f"Make it more about them than about you (you/your: {you}, I/me/my: {me}).",
        ),
    ]


def check_score(checks: list[Check]) -> str:
    """'Request check: 5 of 7': how many points of a good request a draft meets."""
    return f"Request check: {sum(c.passed for c in checks)} of {len(checks)}"
