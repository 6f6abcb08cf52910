"""Everyone but the local player is drawn a little in the past, between two snapshots.

Snapshots arrive at 15 Hz with network jitter; drawing the newest one would stutter.
Instead a render clock runs ``delay`` ticks behind the newest snapshot and positions
are blended between the two snapshots around it. The clock runs on local time and
is nudged (a few percent faster or slower) to keep its distance from the newest
snapshot, so it never jumps during normal play. The crowd moves only every 6 ticks
(the simulation's own 5 Hz), so it is blended between its own, slower key frames.
"""

from __future__ import annotations

import bisect
from collections import deque

import numpy as np

__all__ = ["KeyframeBuffer", "RenderClock", "lerp_positions"]


def lerp_positions(a: np.ndarray, b: np.ndarray, t: float) -> np.ndarray:
    """Blend two equal-shaped position arrays; a shape change means "use the newer"."""
    if a.shape != b.shape:
        return b
    t = min(1.0, max(0.0, t))
    return a + (b - a) * t


class KeyframeBuffer:
    """Position arrays keyed by tick; ``sample(tick)`` blends the two around it."""

    def __init__(self, capacity: int = 32) -> None:
        self.ticks: deque[float] = deque(maxlen=capacity)
        self.frames: deque[np.ndarray] = deque(maxlen=capacity)

    def push(self, tick: float, positions: np.ndarray) -> None:
        if self.ticks and tick <= self.ticks[-1]:
            if tick == self.ticks[-1]:
                self.frames[-1] = positions
            return  # out of order: keep the timeline monotonic
        self.ticks.append(tick)
        self.frames.append(positions)

    def clear(self) -> None:
        self.ticks.clear()
        self.frames.clear()

    @property
    def newest(self) -> float | None:
        return self.ticks[-1] if self.ticks else None

    def sample(self, tick: float) -> np.ndarray | None:
        """Positions at ``tick``: held at the ends, blended in between."""
        if not self.ticks:
            return None
        ticks = self.ticks
        if tick <= ticks[0]:
            return self.frames[0]
        if tick >= ticks[-1]:
            return self.frames[-1]
        i = bisect.bisect_right(list(ticks), tick)
        t0, t1 = ticks[i - 1], ticks[i]
        return lerp_positions(self.frames[i - 1], self.frames[i], (tick - t0) / (t1 - t0))


class RenderClock:
    """A tick counter that follows ``newest - delay`` smoothly on local time."""

    def __init__(self, tick_rate: float, delay_ticks: float) -> None:
        self.tick_rate = tick_rate
        self.delay = delay_ticks
        self.tick: float | None = None

    def advance(self, dt: float, newest: float | None) -> float | None:
        if newest is None:
            return self.tick
        target = newest - self.delay
        if self.tick is None or abs(target - self.tick) > 2 * self.tick_rate * 0.5:
            self.tick = target  # start, or more than half a second off: jump
            return self.tick
        error = target - self.tick
        rate = 1.0 + max(-0.1, min(0.1, error * 0.05))
        self.tick += dt * self.tick_rate * rate
        return self.tick
