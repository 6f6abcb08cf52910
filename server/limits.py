"""The server's per-address and per-room bounds, as one value the ``host`` flags fill.

Each bound keeps one address, or one room, from taking the server from everyone else;
the defaults suit a public server and leave a LAN party untouched.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Limits", "PerMinute"]


@dataclass(frozen=True)
class Limits:
    connections_per_address: int = 16
    """Open connections one IP address may hold (a family behind one router fits)."""
    spectators_per_room: int = 32
    rooms_per_minute: int = 10
    """Rooms one address may create a minute: each holds a code and a lobby slot."""
    matches_per_minute: int = 20
    """Matches one address may start a minute: each runs the simulation and three bots."""
    """Spectators one room takes: each costs the server a frame per snapshot."""
    history_keep_days: float | None = None
    """Recorded matches older than this are deleted; None keeps them (solo's history)."""
    history_keep_matches: int | None = None
    """Only the newest this many recorded matches are kept; None keeps them all."""
    allowed_origins: tuple[str, ...] = ()
    """Web pages (``Origin`` values) allowed to connect. The game's own client sends no
    ``Origin`` and is always let in; a browser always sends one, so without this list no
    web page a player happens to open can drive a server on their network."""


class PerMinute:
    """At most ``limit`` events per address in any ``window`` seconds (a sliding window).

    Sans-I/O: the clock is injected, so tests step it by hand. Addresses that went quiet
    are forgotten once the table passes ``MAX_ADDRESSES``, so it stays bounded.
    """

    MAX_ADDRESSES = 10_000

    def __init__(
        self, limit: int, clock: Callable[[], float] = time.monotonic, window: float = 60.0
    ) -> None:
        self.limit, self.window, self._clock = limit, window, clock
        self._events: dict[str, deque[float]] = {}

    def allows(self, address: str) -> bool:
        return len(self._recent(address, self._clock())) < self.limit

    def take(self, address: str) -> None:
        """Count one event (call after ``allows`` said yes and the event happened)."""
        now = self._clock()
        self._recent(address, now).append(now)
        if len(self._events) > self.MAX_ADDRESSES:
            self._forget_quiet(now)

    def _recent(self, address: str, now: float) -> deque[float]:
        events = self._events.setdefault(address, deque())
        while events and now - events[0] >= self.window:
            events.popleft()
        return events

    def _forget_quiet(self, now: float) -> None:
        quiet = [a for a, ev in self._events.items() if not ev or now - ev[-1] >= self.window]
        for address in quiet:
            del self._events[address]
