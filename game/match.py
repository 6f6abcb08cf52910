"""A match in progress: the world, the bots in empty seats, and the input log.

The headless ``sim`` command, the server's rooms and solo play all run matches
through this one class, so bots and humans feed the world the same way.
"""

from __future__ import annotations

from collections.abc import Mapping

from game.bots import Bot
from game.levels.model import Level
from game.match_config import MatchConfig
from game.replay import InputLog, Replay
from game.sim import Event, Input, MatchResult, World, match_result, state_hash
from game.sim.observation import Observation, observe

__all__ = ["Match"]


class Match:
    """``level`` is the loaded level ``config.level`` names (a replay carries its text)."""

    def __init__(
        self,
        level: Level,
        config: MatchConfig,
        humans: frozenset[int] = frozenset(),
        checkpoints: bool = False,
    ) -> None:
        if level.id != config.level:
            raise ValueError(f"level {level.id!r} is not the config's {config.level!r}")
        self.level = level
        self.config = config
        self.world = World(level, config.seed, config.mode, config.duration_s)
        empty = [seat for seat in range(4) if seat not in humans]
        self.bots: dict[int, Bot] = {
            seat: Bot(level, seat, config.difficulty, config.seed)
            for seat in empty
            if level.rules.match.bots
        }
        self.log = InputLog(checkpoints=checkpoints)
        self._obs: Observation | None = None
        self._obs_tick = -1

    @property
    def over(self) -> bool:
        return self.world.over

    def set_bot(self, seat: int, bot: bool) -> None:
        """Hand a seat to a bot (a player dropped) or back to a human."""
        if bot and seat not in self.bots and self.level.rules.match.bots:
            seed = self.config.seed + self.world.tick
            self.bots[seat] = Bot(self.level, seat, self.config.difficulty, seed)
        elif not bot:
            self.bots.pop(seat, None)

    def observation(self) -> Observation:
        """The current observation, built at most once per tick."""
        if self._obs_tick != self.world.tick or self._obs is None:
            self._obs = observe(self.world)
            self._obs_tick = self.world.tick
        return self._obs

    def step(self, human_inputs: Mapping[int, Input] | None = None) -> list[Event]:
        humans = human_inputs or {}
        tick = self.world.tick
        inputs = []
        for seat in range(4):
            bot = self.bots.get(seat)
            if bot is None:
                inputs.append(humans.get(seat, Input()))
            elif bot.wants_to_think(tick):
                inputs.append(bot.act(self.observation()))
            else:
                inputs.append(bot.last)
        self.log.record(tick, inputs)
        events = self.world.step(inputs)
        if self.log.checkpoints is not None and self.world.tick % InputLog.CHECK_EVERY == 0:
            self.log.checkpoints[self.world.tick] = state_hash(self.world)
        return events

    def run(self) -> MatchResult:
        """Play to the end with no humans (the headless path)."""
        while not self.world.over:
            self.step()
        return self.result()

    def result(self) -> MatchResult:
        return match_result(self.world, state_hash(self.world))

    def replay(self) -> Replay:
        return self.log.replay(self.level, self.config, self.world.tick, state_hash(self.world))
