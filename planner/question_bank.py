"""The question bank the planner ships, read from data/question_bank.toml.

Open interview questions in our own words, each filed under a question category
and, where one fits, a TIARA element (trends, insights, advice, resources,
assignments) and the fit question it helps answer. Keys are stable: a saved plan
question remembers the bank key it was copied from.

The file is checked strictly when it is read: a bad entry stops the planner with
an error naming the entry, rather than showing a question that does not belong.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from planner.goals import FIT_QUESTIONS
from planner.paths import DATA_DIR
from planner.vocabulary import QUESTION_CATEGORIES, TIARA

BANK_FILE = DATA_DIR / "question_bank.toml"

_KEY = re.compile(r"^[a-z][a-z_]*\.[a-z0-9][a-z0-9_]*$")
_FIELDS = frozenset({"key", "category", "tiara", "fit", "text"})
_REQUIRED = ("key", "category", "tiara", "text")


def is_bank_key(key: str) -> bool:
    """Whether ``key`` is written like a shipped question's key ("category.name")."""
    return bool(_KEY.match(key))


@dataclass(frozen=True)
class BankQuestion:
    key: str
    category: str
    tiara: str
    text: str
    fit: str = ""

    @property
    def category_label(self) -> str:
        """The category as shown to the user, e.g. "Skills and preparation"."""
        return QUESTION_CATEGORIES[self.category]

    @property
    def tiara_label(self) -> str:
        """The TIARA element as shown to the user, or "" when the question has none."""
        return TIARA.get(self.tiara, "")


def _entry(raw: Any, position: int, seen: set[str], path: Path) -> BankQuestion:
    """One checked question from one [[question]] table."""
    where = f"{path.name}, question {position}"
    if not isinstance(raw, dict):
        raise RuntimeError(f"{where}: expected a [[question]] table")
    key = raw.get("key")
    if not isinstance(key, str) or not key.strip():
        raise RuntimeError(f"{where}: the question has no key")
    name = f"{path.name}: question {key!r}"
    unknown = sorted(set(raw) - _FIELDS)
    if unknown:
        raise RuntimeError(f"{name} has unknown field(s): {', '.join(unknown)}")
    missing = [field for field in _REQUIRED if field not in raw]
    if missing:
        raise RuntimeError(f"{name} is missing: {', '.join(missing)}")
    not_text = sorted(field for field, value in raw.items() if not isinstance(value, str))
    if not_text:
        raise RuntimeError(f"{name}: {', '.join(not_text)} must be text")
    if not _KEY.match(key):
        raise RuntimeError(f"{name} is malformed: a key is '<category>.<short_name>' in lower case")
    if key in seen:
        raise RuntimeError(f"{name} is a duplicate: each key is used once")
    category, tiara, fit = raw["category"], raw["tiara"], raw.get("fit", "")
    if category not in QUESTION_CATEGORIES:
        raise RuntimeError(
            f"{name} has an unknown category {category!r}; "
            f"expected one of {', '.join(QUESTION_CATEGORIES)}"
        )
    if key.split(".", 1)[0] != category:
        raise RuntimeError(f"{name} is malformed: its key must start with {category + '.'!r}")
    if tiara and tiara not in TIARA:
        raise RuntimeError(
            f"{name} has an unknown TIARA element {tiara!r}; "
            f'expected one of {", ".join(TIARA)} or ""'
        )
    if fit and fit not in FIT_QUESTIONS:
        raise RuntimeError(
            f"{name} has an unknown fit key {fit!r}; "
            f'expected one of {", ".join(FIT_QUESTIONS)} or ""'
        )
    text = " ".join(raw["text"].split())
    if not text:
        raise RuntimeError(f"{name} has empty text")
    return BankQuestion(key=key, category=category, tiara=tiara, text=text, fit=fit)


def _load(path: Path) -> tuple[BankQuestion, ...]:
    """Every question in the bank file at ``path``, in file order; raises RuntimeError
    naming the entry when one is invalid."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise RuntimeError(f"{path.name} is not valid TOML: {error}") from error
    entries = data.get("question")
    if not isinstance(entries, list) or not entries:
        raise RuntimeError(f"{path.name} holds no [[question]] entries")
    seen: set[str] = set()
    questions = []
    for position, raw in enumerate(entries, start=1):
        question = _entry(raw, position, seen, path)
        seen.add(question.key)
        questions.append(question)
    return tuple(questions)


@cache
def shipped_bank() -> tuple[BankQuestion, ...]:
    """Every question the planner ships, in the order of data/question_bank.toml."""
    return _load(BANK_FILE)


@cache
def bank_by_key() -> dict[str, BankQuestion]:
    """The shipped questions by their stable key, in file order (do not modify it)."""
    return {question.key: question for question in shipped_bank()}
