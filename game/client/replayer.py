"""Replay playback with seeking: re-simulate from the inputs, keep periodic copies.

A replay holds only inputs, so the state at tick T exists only by simulating up to
T. Playing forward is one ``World.step`` per tick; seeking backwards restores the
nearest earlier copy (taken every ``KEEP_EVERY`` ticks on the way) and simulates
forward from there, so a seek costs at most ``KEEP_EVERY`` steps.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from game.replay import Replay
from game.sim import Event, Input, World

__all__ = ["KEEP_EVERY", "ReplayPlayer"]

KEEP_EVERY = 300  # ticks between kept copies: 10 s at 30 Hz


@dataclass
class _Saved:
    world: World
    cursor: int
    current: list[Input]


class ReplayPlayer:
    def __init__(self, replay: Replay) -> None:
        self.replay = replay
        self.world = replay.world()
        self.cursor = 0  # next index into replay.inputs
        self.current = [Input()] * 4
        self.saved: dict[int, _Saved] = {}
        self._keep()

    @property
    def tick(self) -> int:
        return self.world.tick

    @property
    def total(self) -> int:
        return self.replay.ticks

    @property
    def at_end(self) -> bool:
        return self.world.tick >= self.replay.ticks or self.world.over

    def _keep(self) -> None:
        memo = {id(self.world.level): self.world.level, id(self.world.nav): self.world.nav}
        self.saved[self.world.tick] = _Saved(
            copy.deepcopy(self.world, memo), self.cursor, list(self.current)
        )

    def step(self) -> list[Event]:
        """One tick forward (nothing at the end)."""
        if self.at_end:
            return []
        changes = self.replay.inputs
        while self.cursor < len(changes) and changes[self.cursor][0] == self.world.tick:
            _, seat, packed = changes[self.cursor]
            self.current[seat] = Input.unpack(packed)
            self.cursor += 1
        events = self.world.step(self.current)
        if self.world.tick % KEEP_EVERY == 0 and self.world.tick not in self.saved:
            self._keep()
        return events

    def _restore(self, saved: _Saved) -> None:
        memo = {id(saved.world.level): saved.world.level, id(saved.world.nav): saved.world.nav}
        self.world = copy.deepcopy(saved.world, memo)
        self.cursor, self.current = saved.cursor, list(saved.current)

    def seek(self, tick: int) -> None:
        """Jump to ``tick`` (clamped to the match)."""
        tick = max(0, min(tick, self.replay.ticks))
        start = max((t for t in self.saved if t <= tick), default=0)
        if tick < self.world.tick or start > self.world.tick:
            self._restore(self.saved[start])
        while self.world.tick < tick and not self.at_end:
            self.step()
