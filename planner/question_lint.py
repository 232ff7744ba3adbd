"""Warnings on interview questions that would hurt the conversation.

Each rule has an id, a plain message and, where one exists, a suggested rewrite.
The rules are deliberately narrow: an ordinary open question (every question in
the shipped bank) gets no warning at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

MAX_WORDS = 30  # longer than this is hard to ask aloud and to answer


@dataclass(frozen=True)
class LintWarning:
    rule: str
    message: str
    rewrite: str = ""


RULES = {
    "pay": "Asks about pay",
    "job_asking": "Asks for a job",
    "negative": "Negative framing",
    "confidential": "Asks for confidential information",
    "researchable": "You could look this up",
    "closed": "A yes/no question",
    "double_barrelled": "Two questions in one",
    "too_long": "Too long to ask aloud",
}


def _words(*patterns: str) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b", re.IGNORECASE)


_PAY = _words(
    r"salar(?:y|ies)",
    r"pay(?! attention)(?:s|ing)?",
    r"paid",
    r"compensation",
    r"benefits? package",
    r"benefits",
    r"bonus(?:es)?",
    r"(?:a|pay|get a) raise",
    r"wages?",
    r"earn(?:s|ing)?",
    r"how much (?:do|does|did|can|could|would) (?:you|they|people|someone|a \w+) make",
    r"stock options",
    r"equity",
)
_JOB = _words(
    r"(?:are|is) (?:you|your \w+|the \w+|they) hiring",
    r"hire me",
    # "your job" is about their work, not a request for one.
    r"(?<!your )(?<!their )(?<!his )(?<!her )jobs?",
    r"(?:any|open|current) (?:openings?|roles|positions|vacancies)",
    r"openings?",
    r"vacanc(?:y|ies)",
    r"refer me",
    r"referral (?:for|to) (?:a|the|an|your) (?:job|role|position|posting|opening)",
    r"(?:look at|review|read|check|see) my (?:cv|resume|r\u00e9sum\u00e9|application)",
    r"my (?:cv|resume|r\u00e9sum\u00e9)",
    r"apply (?:for|to)",
    r"put in a (?:good )?word",
    r"(?:get|land) (?:me )?(?:a|an) (?:job|interview|offer)",
)
_NEGATIVE = _words(
    r"turnover",
    r"lay-?offs?",
    r"laid off",
    r"fir(?:ed|ing) people",
    r"what(?:'s| is) wrong with",
    r"worst",
    r"hate",
    r"toxic",
    r"why (?:is|are) \w+(?: \w+)? (?:so )?(?:bad|terrible|awful)",
    r"(?:so )?many people (?:leave|quit)",
    r"complaints? about",
)
_CONFIDENTIAL = _words(
    r"(?:profit )?margins?",
    r"revenue",
    # "a non-profit" or "not-for-profit" names a kind of organisation, not its accounts.
    r"(?<!non-)(?<!non )(?<!for-)profits?",
    r"unreleased",
    r"(?:secret|internal|confidential) (?:plans?|numbers|figures|projects?)",
    r"trade secrets?",
    r"confidential",
    r"not (?:yet )?(?:been )?announced",
    r"next (?:product|launch) (?:is|will be)",
    r"acquisition plans?",
)
_RESEARCHABLE = re.compile(
    r"\bwhat (?:does|do) (?:the|your|this) (?:company|organi[sz]ation|firm|business) do\b"
    r"|\bwhen (?:was|were) (?:the|your|this|it|they|\w+) ?(?:company|organi[sz]ation|firm)? ?"
    r"(?:founded|started|established|created)\b"
    r"|\bhow many (?:employees|people work|staff|people does|offices)\b"
    r"|\bwhere (?:is|are) (?:the|your|its) (?:head ?office|headquarters|hq|main office)\b"
    r"|\bwho (?:is|are) (?:the|your) (?:ceo|founders?|chief executive)\b"
    r"|\bwhat (?:products|services) (?:does|do) (?:the|your|this) (?:company|organi[sz]ation)\b",
    re.IGNORECASE,
)
_CLOSED_START = re.compile(
    r"^\s*(?:do|does|did|is|are|was|were|can|could|would|will|have|has|had|should|shall|"
    r"may|might|am)\b",
    re.IGNORECASE,
)
# "Could you tell me...", "Would you walk me through...": polite, and open.
_POLITE_OPEN = re.compile(
    r"^\s*(?:can|could|would|will) you (?:please )?(?:tell|describe|walk|share|explain|talk|"
    r"give|say|help me understand|paint|take me)\b",
    re.IGNORECASE,
)
_SECOND_QUESTION = re.compile(
    r"\?\s*\S|"  # a second sentence after a question mark
    # A closing "..., and why?" asks for one answer and its reason, not a second question.
    r",? (?:and|or) (?:how|what|why(?!\s*\?*\s*$)|when|where|who|which|do|does|did|is|are|"
    r"can|could|would|will|have|has)\b(?! (?:you|it|they) (?:like|mean|think))",
    re.IGNORECASE,
)
_STOP = frozenset(
    [
        "about",
        "after",
        "also",
        "and",
        "around",
        "from",
        "have",
        "into",
        "more",
        "than",
        "that",
        "their",
        "there",
        "they",
        "this",
        "with",
        "what",
        "when",
        "where",
        "which",
        "your",
        "yours",
        "over",
        "under",
        "were",
        "been",
        "being",
        "does",
        "very",
    ]
)


def _keywords(fact: str) -> set[str]:
    """A fact's telling words: numbers, and words of five letters or more (by stem)."""
    words = re.findall(r"[A-Za-z\u00c0-\u024f]+|\d[\d,.]*", fact.lower())
    return {w[:5] for w in words if (w[0].isdigit() or len(w) >= 5) and w not in _STOP}


# Stems of the words basic facts are made of: a shared one is enough to match.
_FACT_STEMS = frozenset(
    {"found", "estab", "staff", "emplo", "headq", "based", "offic", "locat", "custo", "users"}
)


def _fact_match(question: str, facts: Iterable[str]) -> str | None:
    """The first noted fact the question asks again: two telling words in common, or
    one of the words basic facts are made of ("founded", "staff", "based")."""
    asked = _keywords(question)
    for fact in facts:
        shared = _keywords(fact) & asked
        if len(shared) >= 2 or shared & _FACT_STEMS:
            return fact
    return None


def lint(question: str, *, facts: Iterable[str] = ()) -> list[LintWarning]:
    """Every warning for one question, in rule order; empty for a good open question."""
    text = " ".join(question.split())
    found: list[LintWarning] = []
    if _PAY.search(text):
        found.append(
            LintWarning(
                "pay",
                "Questions about pay can make the talk feel like a negotiation; salary "
                "surveys and job adverts answer them.",
                "How does progression usually work in this field?",
            )
        )
    if _JOB.search(text):
        found.append(
            LintWarning(
                "job_asking",
                "This asks for a job. An informational interview is for insight and "
                "advice; a good conversation may lead to openings on its own.",
                "What would make someone like me stand out in this field?",
            )
        )
    if _NEGATIVE.search(text):
        found.append(
            LintWarning(
                "negative",
                "Framed negatively, it can put them on the defensive.",
                "What challenges is your team working through at the moment?",
            )
        )
    if _CONFIDENTIAL.search(text):
        found.append(
            LintWarning(
                "confidential",
                "They may not be allowed to answer this.",
                "What can you share about where the organisation is heading?",
            )
        )
    noted = _fact_match(text, facts)
    if noted is not None:
        found.append(
            LintWarning("researchable", f"You noted already: {noted}. Ask something deeper.")
        )
    elif _RESEARCHABLE.search(text):
        found.append(
            LintWarning(
                "researchable",
                "A website answers this; looking it up first shows you did your homework.",
                "What surprised you most when you joined?",
            )
        )
    if _CLOSED_START.match(text) and not _POLITE_OPEN.match(text):
        found.append(
            LintWarning(
                "closed",
                "A yes/no question gets a yes or a no; an open one teaches more.",
                _open_form(text),
            )
        )
    if _SECOND_QUESTION.search(text.rstrip("?").rstrip() + "?") or text.count("?") > 1:
        found.append(LintWarning("double_barrelled", "Two questions in one: ask them separately."))
    if len(text.split()) > MAX_WORDS:
        found.append(
            LintWarning(
                "too_long",
                f"{len(text.split())} words is hard to ask aloud; keep it under {MAX_WORDS}.",
            )
        )
    return found


def _open_form(text: str) -> str:
    """A suggested open version of a yes/no question."""
    body = _CLOSED_START.sub("", text, count=1).strip().rstrip("?")
    liking = re.match(r"(?:you|they|people)\s+(?:like|enjoy|love)\s+(.+)", body, re.IGNORECASE)
    if liking:
        return f"What do you enjoy most about {liking.group(1)}?"
    return f"What can you tell me about how {body}?" if body else "What can you tell me about it?"
