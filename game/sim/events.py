"""What happened in a tick: the values a client shows and a log records."""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = ["Ev", "Event"]


class Ev(enum.IntEnum):
    PHASE = 0  # value = new Phase
    INFECT = 1  # node got infected
    CRASH = 2  # node crashed
    PATCH_DONE = 3  # seat patched node (value 1 when by a drone)
    SURGE = 4  # scripted surge; text = message
    SHUTDOWN = 5  # scripted shutdown; text = message
    PANIC_WAVE = 6  # scripted panic wave at (x, y); text = message
    REASSURE = 7
    FIREWALL = 8  # node = link index
    MASTER_PATCH = 9
    DRONE = 10
    SHOWCASE = 11  # value > 0 success (favour won), < 0 backfire
    POST = 12  # value = followers won
    BREACH = 13
    CONTAINED = 14
    END = 15  # value = Outcome


@dataclass(frozen=True, slots=True)
class Event:
    kind: Ev
    seat: int = -1
    node: int = -1
    value: float = 0.0
    x: float = 0.0
    y: float = 0.0
    text: str = ""
