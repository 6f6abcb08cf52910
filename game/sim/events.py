"""What happened in a tick: the values a client shows and a log records."""

from __future__ import annotations

from dataclasses import dataclass

from game.kinds import EventKind

__all__ = ["Event"]


@dataclass(frozen=True, slots=True)
class Event:
    kind: EventKind
    seat: int = -1
    node: int = -1
    value: float = 0.0
    x: float = 0.0
    y: float = 0.0
    text: str = ""
