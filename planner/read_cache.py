"""Reads of the planner remembered until its next write.

Streamlit reruns a page's whole script on every click, so a page asks the same
questions of the planner again and again while nothing has changed. Every write goes
through ``Store.transaction``, which moves the planner's data version on; a read marked
``@cached_read`` is computed once per version and arguments, then served from memory.
The planner file is held by one process (DuckDB's lock), so no one else can change it
behind this process's back.
"""

from __future__ import annotations

import copy
import functools
import os
import threading
from collections.abc import Callable
from typing import Any, TypeVar

ENTRIES_MAX = 512  # distinct reads kept per planner and version (filters, goals, days)
# Reads kept in all, whoever's: on a shared server the planners used least recently
# are forgotten first (a personal planner never comes near it).
TOTAL_MAX = 4096

F = TypeVar("F", bound=Callable[..., Any])
_MISSING = object()


def _frozen(value: Any) -> Any:
    """A hashable stand-in for an argument (lists, sets and dicts included)."""
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, set | frozenset):
        return frozenset(_frozen(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    return value


class ReadCache:
    """The remembered reads of one planner database, kept per owner: a write forgets
    what was read of its owner's planner only, so on a database a cohort shares, one
    person's save does not make everyone else's next page read afresh."""

    def __init__(self) -> None:
        self.version = 0  # moved on by every write, whoever's
        self._by_owner: dict[str, dict[Any, Any]] = {}  # least recently used first
        self._total = 0
        self._owner_versions: dict[str, int] = {}
        self._cleared = 0  # forget-everythings so far
        self._lock = threading.Lock()

    def changed(self, owner_id: str | None = None) -> None:
        """A write committed to ``owner_id``'s planner (None: to any, or to the schema):
        forget what was read of it before."""
        with self._lock:
            self.version += 1
            if owner_id is None:
                self._by_owner.clear()
                self._total = 0
                self._cleared += 1
            else:
                self._total -= len(self._by_owner.pop(owner_id, {}))
                self._owner_versions[owner_id] = self._owner_versions.get(owner_id, 0) + 1

    def get(self, owner_id: str, key: Any, compute: Callable[[], Any]) -> Any:
        with self._lock:
            epoch = self._epoch(owner_id)
            values = self._by_owner.pop(owner_id, None)
            value = _MISSING
            if values is not None:
                self._by_owner[owner_id] = values  # now the most recently used
                value = values.get(key, _MISSING)
        if value is _MISSING:
            value = compute()
            with self._lock:
                # Kept only if no write to this planner committed meanwhile (it might
                # predate it).
                if self._epoch(owner_id) == epoch:
                    self._keep(owner_id, key, value)
        # Callers may sort or extend what they get; the remembered value stays as it was.
        return copy.copy(value) if isinstance(value, list | dict | set) else value

    def _epoch(self, owner_id: str) -> tuple[int, int]:
        return (self._cleared, self._owner_versions.get(owner_id, 0))

    def _keep(self, owner_id: str, key: Any, value: Any) -> None:
        values = self._by_owner.setdefault(owner_id, {})
        if len(values) >= ENTRIES_MAX or key in values:
            return
        while self._total >= TOTAL_MAX:  # forget the planner used least recently
            oldest = next(iter(self._by_owner))
            self._total -= len(self._by_owner.pop(oldest))
            if oldest == owner_id:
                values = self._by_owner[owner_id] = {}
        values[key] = value
        self._total += 1


_BY_FILE: dict[str, ReadCache] = {}
_BY_FILE_LOCK = threading.Lock()


def for_file(path: str) -> ReadCache:
    """The cache of one planner file, shared by every connection this process opens to
    it (a second connection's write must reach the first one's readers too)."""
    if path == ":memory:":
        return ReadCache()  # each in-memory planner is a database of its own
    key = os.path.realpath(path)
    with _BY_FILE_LOCK:
        return _BY_FILE.setdefault(key, ReadCache())


def cached_read(function: F) -> F:
    """Remember ``function(store, ...)`` (a Store method, or a function whose first
    argument is a store) until the store's planner is next written."""

    @functools.wraps(function)
    def remembered(store: Any, *args: Any, **kwargs: Any) -> Any:
        key = (function.__module__, function.__qualname__, _frozen(args), _frozen(kwargs))
        return store.database.reads.get(
            store.owner_id, key, lambda: function(store, *args, **kwargs)
        )

    remembered.uncached = function  # type: ignore[attr-defined]
    return remembered  # type: ignore[return-value]
