"""Values worked out from a level (flow fields, bots' tile sets), kept for the levels in use.

Building them costs milliseconds to seconds, and every world, bot and client of a
level needs the same ones, so they are computed once. This is their one owner: a
least-recently-used table keyed by the level's content (a level rebuilt from a
replay's text finds its values again) that keeps at most :data:`MAX_LEVELS` levels,
so a server that sees many level files does not grow without bound. Hashing a level
takes tens of microseconds, so the level objects seen lately are also found by
identity first. Thread-safe: solo play runs the server on a thread beside the client.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

from game.levels.model import Level

__all__ = ["MAX_LEVELS", "cached_levels", "clear", "derived"]

MAX_LEVELS = 8
"""Levels whose derived values are kept; the five bundled ones fit with room to spare."""

T = TypeVar("T")

Values = dict[Callable[[Level], Any], Any]

_table: OrderedDict[Level, Values] = OrderedDict()
_by_id: dict[int, tuple[Level, Values]] = {}  # entries hold the level, so its id stays its own
_lock = threading.Lock()


def _values(level: Level) -> Values:
    entry = _by_id.get(id(level))
    if entry is not None and entry[0] is level:
        return entry[1]
    values = _table.get(level)
    if values is None:
        values = _table[level] = {}
        while len(_table) > MAX_LEVELS:
            _table.popitem(last=False)
        _by_id.clear()  # rebuilt below and on later calls; never outlives the table
    _table.move_to_end(level)
    if len(_by_id) >= MAX_LEVELS:
        _by_id.clear()
    _by_id[id(level)] = (level, values)
    return values


def derived(level: Level, build: Callable[[Level], T]) -> T:
    """``build(level)``, computed once per level content and kept while the level is recent."""
    with _lock:
        values = _values(level)
        if build in values:
            return values[build]  # type: ignore[no-any-return]
    value = build(level)  # outside the lock: a flow field may take a while
    with _lock:
        return values.setdefault(build, value)  # type: ignore[no-any-return]


def cached_levels() -> int:
    """How many levels have values kept right now."""
    with _lock:
        return len(_table)


def clear() -> None:
    """Forget every derived value."""
    with _lock:
        _table.clear()
        _by_id.clear()
