"""How a match ends and what it is worth: ``Outcome`` and ``MatchResult`` values."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from game.kinds import EventKind
from game.sim.events import Event
from game.sim.types import CHARACTER_IDS, Mode, Phase

if TYPE_CHECKING:
    from game.sim.world import World

__all__ = ["MatchResult", "Outcome", "PlayerStats", "finish", "match_result"]


class Outcome(enum.IntEnum):
    TIMEOUT = 0
    CONTAINED = 1
    BREACH = 2

    @property
    def id(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class PlayerStats:
    character: str
    favour: float
    patches: int
    abilities: int
    actions: int
    fragments: int


@dataclass(frozen=True)
class MatchResult:
    level: str
    seed: int
    mode: str
    outcome: str
    winner: str | None
    stars: int | None
    favour: dict[str, float]
    leak: float
    ticks: int
    state_hash: str
    players: tuple[PlayerStats, ...] = field(default=())
    alliance_won: bool | None = None

    def to_json(self) -> dict[str, Any]:
        """The ``sim --json`` / network ``end`` shape (without the runner's extra keys)."""
        return {
            "level": self.level,
            "seed": self.seed,
            "mode": self.mode,
            "winner": self.winner,
            "favour": self.favour,
            "leak": self.leak,
            "outcome": self.outcome,
            "stars": self.stars,
            "ticks": self.ticks,
            "state_hash": self.state_hash,
            "players": [vars(p) for p in self.players],
        }


def finish(world: World, outcome: Outcome, events: list[Event]) -> None:
    """End the match: apply the containment bonus and move to results."""
    if outcome is Outcome.CONTAINED:
        _containment_bonus(world)
        events.append(Event(EventKind.CONTAINED))
    elif outcome is Outcome.BREACH:
        events.append(Event(EventKind.BREACH))
    world.outcome = outcome
    world.phase = Phase.RESULTS
    events.append(Event(EventKind.PHASE, value=int(Phase.RESULTS)))
    events.append(Event(EventKind.END, value=int(outcome)))


def _containment_bonus(world: World) -> None:
    """Calm visitors thank whoever did the patching, in proportion."""
    patches = np.array([p.patches for p in world.players], dtype=np.float64)
    if patches.sum() <= 0:
        return
    crowd = world.crowd
    calm = crowd.panic < world.rules.crowd.panic_threshold
    bonus = world.rules.match.contain_bonus
    for seat, share in enumerate(patches / patches.sum()):
        if share > 0 and calm.any():
            crowd.win(calm, seat, bonus * share)


def alliance_stars(world: World) -> tuple[bool, int]:
    """Alliance: won when not breached and the glitch is contained; 1-3 stars."""
    s = world.systems
    won = world.outcome is Outcome.CONTAINED or (
        world.outcome is Outcome.TIMEOUT and not s.infected.any()
    )
    if not won:
        return False, 0
    trust = float(world.crowd.favour.sum()) / max(1, world.crowd.count)
    return True, 1 + int(world.leak < 0.25) + int(trust >= 0.5)


def match_result(world: World, state_hash: str) -> MatchResult:
    totals = world.crowd.totals()
    favour = {cid: round(float(totals[i]), 2) for i, cid in enumerate(CHARACTER_IDS)}
    winner: str | None = None
    stars: int | None = None
    won: bool | None = None
    if world.mode is Mode.ALLIANCE:
        won, stars = alliance_stars(world)
    elif world.outcome is not Outcome.BREACH:
        winner = CHARACTER_IDS[int(np.argmax(totals))]
    players = tuple(
        PlayerStats(
            CHARACTER_IDS[p.seat],
            favour[CHARACTER_IDS[p.seat]],
            p.patches,
            p.abilities,
            p.actions,
            p.fragments,
        )
        for p in world.players
    )
    outcome = world.outcome or Outcome.TIMEOUT
    return MatchResult(
        world.level.id,
        world.seed,
        world.mode.id,
        outcome.id,
        winner,
        stars,
        favour,
        round(world.leak, 4),
        world.tick,
        state_hash,
        players,
        won,
    )
