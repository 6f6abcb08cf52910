"""What a player may see of the match: the view bots decide from and the network carries.

An ``Observation`` is plain data (numbers, tuples and numpy arrays), built from a
``World`` by :func:`observe` on the server, or from snapshots on a client.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from game.sim.types import Mode, Phase

if TYPE_CHECKING:
    from game.sim.world import World

__all__ = ["DroneView", "Observation", "PlayerView", "favourites", "observe"]


@dataclass(frozen=True, slots=True)
class PlayerView:
    seat: int
    x: float
    y: float
    patch_node: int
    patch_progress: float
    ability_cd: int
    action_cd: int
    fragments: int
    effect_ticks: int
    patches: int


@dataclass(frozen=True, slots=True)
class DroneView:
    owner: int
    x: float
    y: float
    target: int


@dataclass(frozen=True)
class Observation:
    tick: int
    phase: Phase
    mode: Mode
    tick_rate: int
    ticks_left: int
    leak: float
    players: tuple[PlayerView, ...]
    integrity: np.ndarray  # [nodes] 0..100
    infected: np.ndarray  # [nodes] bool
    crashed: np.ndarray
    immune: np.ndarray  # [nodes] bool: cannot be infected now
    firewall: np.ndarray  # [links] bool
    drones: tuple[DroneView, ...]
    crowd_pos: np.ndarray  # [n, 2]
    crowd_panic: np.ndarray  # [n]
    crowd_favourite: np.ndarray  # [n] seat favoured most, -1 when undecided
    favour: tuple[float, float, float, float]
    cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def infected_share(self) -> float:
        return float(self.infected.sum()) / max(1, len(self.infected))


def favourites(favour: np.ndarray) -> np.ndarray:
    """Each visitor's favourite seat (the first of equals), or -1 below a 0.05 share.

    What ``np.where(favour.max(axis=1) > 0.05, favour.argmax(axis=1), -1)`` gives, over
    rows of four seats' shares rather than four-wide rows: numpy's loops stay long.
    """
    seats = np.ascontiguousarray(favour.T)
    best = np.maximum.reduce(seats, axis=0)
    favourite = np.full(len(favour), 3, dtype=np.int64)
    for seat in (2, 1, 0):  # the lowest seat holding the best share wins, as argmax's first
        np.copyto(favourite, seat, where=seats[seat] == best)
    favourite[best <= 0.05] = -1
    return favourite


def observe(world: World) -> Observation:
    s = world.systems
    c = world.crowd
    favour = c.favour
    totals = np.add.reduce(favour, axis=0).tolist()
    return Observation(
        tick=world.tick,
        phase=world.phase,
        mode=world.mode,
        tick_rate=world.tick_rate,
        ticks_left=world.ticks_left,
        leak=world.leak,
        players=tuple(
            PlayerView(
                p.seat,
                p.x,
                p.y,
                p.patch_node,
                p.patch_progress,
                p.ability_cd,
                p.action_cd,
                p.fragments,
                p.effect_ticks,
                p.patches,
            )
            for p in world.players
        ),
        integrity=s.integrity.copy(),
        infected=s.infected.copy(),
        crashed=s.crashed.copy(),
        immune=s.immune > 0,
        firewall=s.firewall > 0,
        drones=tuple(DroneView(d.owner, d.x, d.y, d.target) for d in world.drones),
        crowd_pos=c.pos.copy(),
        crowd_panic=c.panic.copy(),
        crowd_favourite=favourites(favour),
        favour=(totals[0], totals[1], totals[2], totals[3]),
    )
