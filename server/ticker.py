"""The fixed-tick loop that steps every room, spread evenly over the tick period.

An accumulator on ``loop.time()`` (GGRS-style): each tick is due at a fixed time and
the loop catches up when it falls behind, up to ``MAX_CATCH_UP`` ticks, after which
it skips ahead rather than run the simulation in fast-forward. Rooms are placed in
``SLOTS`` slots, each due at its own offset inside the period, so fifty rooms do
not all step at the same instant and wait behind each other. Lateness (when a room
steps minus when it was due) is the measure of whether the server keeps up.

The clock and the sleep are injected (default: the running loop's ``time`` and
``asyncio.sleep``), so tests drive the loop with a fake clock and never wait.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

__all__ = ["MAX_CATCH_UP", "SLOTS", "TICK_RATE", "Ticker"]

TICK_RATE = 30
SLOTS = 16
MAX_CATCH_UP = 5
"""Ticks a room may run late and still be caught up; beyond it the ticks are skipped."""

R = TypeVar("R")


class Ticker(Generic[R]):
    """Calls ``step(room)`` for every room ``tick_rate * speed`` times a second.

    ``speed`` above 1 runs the clock faster (tests and benchmarks use it to play a
    match in seconds); the simulation never sees the difference.
    """

    def __init__(
        self,
        step: Callable[[R], None],
        tick_rate: int = TICK_RATE,
        speed: float = 1.0,
        slots: int = SLOTS,
        clock: Callable[[], float] | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if speed <= 0 or tick_rate <= 0:
            raise ValueError("tick_rate and speed must be positive")
        self.step = step
        self._clock = clock
        self._sleep = sleep
        self.period = 1.0 / (tick_rate * speed)
        self.slots: list[list[R]] = [[] for _ in range(slots)]
        self._slot_of: dict[R, int] = {}
        self.lateness: deque[float] = deque(maxlen=50_000)  # seconds, one per room step
        self.skipped = 0
        self.steps = 0

    def add(self, room: R) -> None:
        """Put a room in the least loaded slot."""
        slot = min(range(len(self.slots)), key=lambda i: len(self.slots[i]))
        self.slots[slot].append(room)
        self._slot_of[room] = slot

    def remove(self, room: R) -> None:
        slot = self._slot_of.pop(room, None)
        if slot is not None:
            self.slots[slot].remove(room)

    def __len__(self) -> int:
        return len(self._slot_of)

    async def run(self) -> None:
        """Run until cancelled."""
        clock = self._clock or asyncio.get_running_loop().time
        n = len(self.slots)
        gap = self.period / n
        start = clock()
        k = 0  # slot-ticks done: slot k % n is due at start + k * gap
        while True:
            due = start + k * gap
            now = clock()
            if due - now > 0.0002:
                await self._sleep(due - now)
            elif now - due > MAX_CATCH_UP * self.period:
                behind = int((now - due) / gap)
                self.skipped += behind // n
                k += behind
                continue
            for room in list(self.slots[k % n]):
                self.lateness.append(clock() - due)
                self.steps += 1
                self.step(room)
            k += 1
            if k % n == 0:
                await self._sleep(0)  # let I/O in even when running behind

    def percentiles(self, *qs: float, last: int | None = None) -> list[float]:
        """Lateness percentiles in milliseconds over the last ``last`` room steps."""
        data = sorted(list(self.lateness)[-last:] if last else self.lateness)
        if not data:
            return [0.0 for _ in qs]
        return [1000 * max(0.0, data[min(len(data) - 1, int(q / 100 * len(data)))]) for q in qs]

    def reset_stats(self) -> None:
        self.lateness.clear()
        self.skipped = 0
        self.steps = 0
