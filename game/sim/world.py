"""The match state and its fixed-tick step: ``World.step(inputs) -> events``.

Pure and deterministic: no clock, no I/O, and every random draw comes from the
generator held in the world, so the same level, seed and inputs always give the
same state hash.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from game.kinds import EventKind
from game.levels.model import Level
from game.sim import abilities, glitch, players
from game.sim.crowd import Crowd
from game.sim.events import Event
from game.sim.navigation import Navigation, navigation_for
from game.sim.outcome import Outcome, finish
from game.sim.state import Drone, PlayerState, Systems
from game.sim.types import Input, Mode, Phase

__all__ = ["CROWD_EVERY", "SYSTEMS_EVERY", "TICK_RATE", "World"]

TICK_RATE = 30
CROWD_EVERY = 6  # the crowd steps at 5 Hz, half a step after the systems
SYSTEMS_EVERY = 6  # integrity, spread and leak at 5 Hz
NO_INPUT = Input()


class World:
    """One match. Create it with a level, a seed and a mode; call ``step`` each tick."""

    def __init__(
        self,
        level: Level,
        seed: int,
        mode: Mode = Mode.SHOWDOWN,
        duration_s: float | None = None,
        tick_rate: int = TICK_RATE,
    ) -> None:
        self.level = level
        self.rules = level.rules
        self.seed = seed
        self.mode = mode
        self.tick_rate = tick_rate
        self.rng = np.random.Generator(np.random.PCG64(seed))
        self.nav: Navigation = navigation_for(level)
        self.duration_ticks = round((duration_s or level.duration_s) * tick_rate)
        self.countdown_ticks = round(self.rules.match.countdown_s * tick_rate)
        self.climax_ticks = round(self.rules.match.climax_s * tick_rate)
        self.tick = 0
        self.phase = Phase.COUNTDOWN
        self.players = [PlayerState(seat, x, y) for seat, (x, y) in enumerate(level.spawns)]
        self.systems = Systems(level)
        self.crowd = Crowd(level, self.nav, self.rng)
        self.drones: list[Drone] = []
        self.leak = 0.0
        self.next_event = 0
        self.clean_ticks = 0
        self.outcome: Outcome | None = None
        self.last_inputs: list[Input] = [NO_INPUT] * 4
        # When each scripted event is due, in live ticks (fixed by the level and tick rate).
        self.event_ticks = [round(ev.at_s * tick_rate) for ev in level.events]
        for node in level.seed_nodes:
            self.systems.infected[node] = True

    # -- clocks -----------------------------------------------------------
    @property
    def live_ticks(self) -> int:
        """Ticks since the countdown ended (0 during it)."""
        return max(0, self.tick - self.countdown_ticks)

    @property
    def ticks_left(self) -> int:
        return max(0, self.duration_ticks - self.live_ticks)

    @property
    def dt(self) -> float:
        return 1.0 / self.tick_rate

    @property
    def over(self) -> bool:
        return self.phase is Phase.RESULTS

    # -- the tick -----------------------------------------------------------
    def step(self, inputs: Sequence[Input] = ()) -> list[Event]:
        """Advance one tick. Missing inputs count as ``Input()``."""
        if self.phase is Phase.RESULTS:
            return []
        events: list[Event] = []
        self.tick += 1
        if self.phase is not Phase.CLIMAX:
            self._advance_phase(events)
            if self.phase is Phase.COUNTDOWN:
                return events
        if len(inputs) == 4:
            ins = list(inputs)
        else:
            ins = [inputs[i] if i < len(inputs) else NO_INPUT for i in range(4)]
        self.last_inputs = ins
        if self.next_event < len(self.event_ticks):
            glitch.run_scripted(self, events)
        for player, inp in zip(self.players, ins, strict=True):
            players.act(self, player, inp, events)
        if self.drones:
            abilities.step_drones(self, events)
        if self.tick % SYSTEMS_EVERY == 0:
            glitch.step(self, SYSTEMS_EVERY * self.dt, events)
        if self.tick % CROWD_EVERY == CROWD_EVERY // 2:
            self._step_crowd(CROWD_EVERY * self.dt)
        self._check_end(events)
        return events

    def _advance_phase(self, events: list[Event]) -> None:
        new = self.phase
        if self.phase is Phase.COUNTDOWN and self.tick > self.countdown_ticks:
            new = Phase.LIVE
        if new is Phase.LIVE and self.ticks_left <= self.climax_ticks:
            new = Phase.CLIMAX
        if new is not self.phase:
            self.phase = new
            events.append(Event(EventKind.PHASE, value=int(new)))

    def _step_crowd(self, dt: float) -> None:
        players_xy = np.array([[p.x, p.y] for p in self.players])
        s = self.systems
        self.crowd.step(
            dt, s.xy, s.infected, s.crashed, players_xy, self.phase is Phase.CLIMAX, self.rng
        )
        abilities.step_auras(self, dt)

    def _check_end(self, events: list[Event]) -> None:
        s = self.systems
        if self.leak >= 1.0:
            finish(self, Outcome.BREACH, events)
        elif self.next_event >= len(self.level.events) and not np.count_nonzero(s.infected):
            self.clean_ticks += 1
            if self.clean_ticks >= self.rules.match.contain_hold_s * self.tick_rate:
                finish(self, Outcome.CONTAINED, events)
        else:
            self.clean_ticks = 0
        if not self.over and self.ticks_left <= 0:
            finish(self, Outcome.TIMEOUT, events)
