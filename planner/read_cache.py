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

ENTRIES_MAX = 512  # distinct reads kept per version (filters, goals, days)

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
    """The remembered reads of one planner file, dropped whenever it is written."""

    def __init__(self) -> None:
        self.version = 0
        self._values: dict[Any, Any] = {}
        self._lock = threading.Lock()

    def changed(self) -> None:
        """A write committed: forget everything read before it."""
        with self._lock:
            self.version += 1
            self._values.clear()

    def get(self, key: Any, compute: Callable[[], Any]) -> Any:
        with self._lock:
            version = self.version
            value = self._values.get(key, _MISSING)
        if value is _MISSING:
            value = compute()
            with self._lock:
                # Kept only if no write committed meanwhile (it might predate it).
                if self.version == version and len(self._values) < ENTRIES_MAX:
                    self._values[key] = value
        # Callers may sort or extend what they get; the remembered value stays as it was.
        return copy.copy(value) if isinstance(value, list | dict | set) else value


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
        key = (
            function.__module__,
            function.__qualname__,
            store.owner_id,
            _frozen(args),
            _frozen(kwargs),
        )
        return store.database.reads.get(key, lambda: function(store, *args, **kwargs))

    remembered.uncached = function  # type: ignore[attr-defined]
    return remembered  # type: ignore[return-value]
