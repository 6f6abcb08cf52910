"""One value for one idea: what a match is made of before it starts.

The headless ``sim``, a server room, :class:`~game.match.Match`, replays and the match
history all pass this one frozen value instead of five loose fields, so a new setting
is added in one place and can never be forgotten on the way down.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from game.kinds import Difficulty, Mode

__all__ = ["MatchConfig"]


@dataclass(frozen=True)
class MatchConfig:
    """The level's id, the seed, the mode, the bots' difficulty and the length.

    ``duration_s`` None means the level's own length.
    """

    level: str
    seed: int = 0
    mode: Mode = Mode.SHOWDOWN
    difficulty: Difficulty = Difficulty.NORMAL
    duration_s: float | None = None

    def with_seed(self, seed: int) -> MatchConfig:
        return replace(self, seed=seed)
