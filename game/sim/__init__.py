"""The pure, deterministic match simulation: ``World.step(inputs) -> events``.

No clock, no I/O, no global random: the same level, seed and inputs always give
the same state hash.
"""

from game.kinds import EventKind
from game.sim.events import Event
from game.sim.hashing import state_hash
from game.sim.outcome import MatchResult, Outcome, PlayerStats, match_result
from game.sim.types import CHARACTER_IDS, CHARACTER_NAMES, Character, Input, Mode, NodeKind, Phase
from game.sim.world import TICK_RATE, World

__all__ = [
    "CHARACTER_IDS",
    "CHARACTER_NAMES",
    "TICK_RATE",
    "Character",
    "EventKind",
    "Event",
    "Input",
    "MatchResult",
    "Mode",
    "NodeKind",
    "Outcome",
    "Phase",
    "PlayerStats",
    "World",
    "match_result",
    "state_hash",
]
