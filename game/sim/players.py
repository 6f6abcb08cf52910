"""A player's tick: move with tile collision, patch the nearest infected node, use abilities."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from game.kinds import EventKind
from game.sim import abilities
from game.sim.events import Event
from game.sim.state import PLAYER_RADIUS, PlayerState
from game.sim.types import Input

if TYPE_CHECKING:
    from game.sim.world import World

__all__ = ["MoveFn", "Moved", "act", "clean_node", "move_step", "patch_work"]

MoveFn = Callable[[float, float, float, float, float], tuple[float, float]]
"""Move a circle ``(x, y, dx, dy, radius) -> (x, y)``: ``Navigation.move_circle``."""


class Moved(NamedTuple):
    """Where one tick of movement put a player, and which way it now faces."""

    x: float
    y: float
    face_x: float
    face_y: float


def act(world: World, p: PlayerState, inp: Input, events: list[Event]) -> None:
    if inp.move_x or inp.move_y:  # quantised: any non-zero stick moves
        _move(world, p, inp)
    if inp.patch or p.patch_node >= 0:
        _patch(world, p, inp, events)
    else:
        p.patching = False
    p.ability_cd = max(0, p.ability_cd - 1)
    p.action_cd = max(0, p.action_cd - 1)
    if inp.ability and p.ability_cd == 0:
        abilities.use_ability(world, p, events)
    if inp.action and p.action_cd == 0:
        abilities.use_action(world, p, events)


def move_step(
    move: MoveFn, x: float, y: float, inp: Input, speed: float, dt: float
) -> Moved | None:
    """One tick of a player's movement, or None when the stick is at rest.

    Pure, so the server's simulation and the client's prediction run this very function.
    """
    mx, my = inp.move_x, inp.move_y
    n = math.hypot(mx, my)
    if n < 1e-6:
        return None
    if n > 1.0:
        mx, my = mx / n, my / n
    face_x, face_y = mx / max(n, 1.0), my / max(n, 1.0)
    step = speed * dt
    x, y = move(x, y, mx * step, my * step, PLAYER_RADIUS)
    return Moved(x, y, face_x, face_y)


def _move(world: World, p: PlayerState, inp: Input) -> None:
    speed = world.rules.characters[p.seat].speed
    moved = move_step(world.nav.move_circle, p.x, p.y, inp, speed, world.dt)
    if moved is not None:
        p.x, p.y, p.face_x, p.face_y = moved


def patch_work(world: World, node: int) -> float:
    """Seconds of work at patch rate 1 to patch this node."""
    s = world.systems
    return s.work[node] * (world.rules.patch.crashed_mult if s.crashed[node] else 1.0)


def _nearest_infected(world: World, x: float, y: float, reach: float) -> int:
    s = world.systems
    best, best_d = -1, reach * reach
    xy = world.nav.node_centres
    for i in np.flatnonzero(s.infected).tolist():
        dx, dy = xy[i][0] - x, xy[i][1] - y
        d = dx * dx + dy * dy
        if d <= best_d:
            best, best_d = i, d
    return best


def _patch(world: World, p: PlayerState, inp: Input, events: list[Event]) -> None:
    s = world.systems
    reach = world.rules.patch.range
    p.patching = False
    if p.patch_node >= 0:
        nx, ny = world.nav.node_centres[p.patch_node]
        dx, dy = nx - p.x, ny - p.y
        if dx * dx + dy * dy > reach * reach or not s.infected[p.patch_node]:
            p.patch_node, p.patch_progress = -1, 0.0  # walked away, or someone else fixed it
    if not inp.patch:
        return
    if p.patch_node < 0:
        p.patch_node = _nearest_infected(world, p.x, p.y, reach)
        if p.patch_node < 0:
            return
    p.patching = True
    rate = world.rules.characters[p.seat].patch_rate
    p.patch_progress += rate * world.dt / patch_work(world, p.patch_node)
    if p.patch_progress >= 1.0:
        node = p.patch_node
        p.patch_node, p.patch_progress = -1, 0.0
        p.patches += 1
        p.fragments += 1
        clean_node(world, node)
        gain = world.rules.crowd.witness_gain * world.rules.characters[p.seat].witness_mult
        x, y = float(s.xy[node, 0]), float(s.xy[node, 1])
        won = world.crowd.witness(x, y, p.seat, gain, world.rules.crowd.sight_radius)
        events.append(Event(EventKind.PATCH, p.seat, node, won, x, y))


def clean_node(world: World, node: int) -> None:
    """A patched node: clean, integrity restored, immune for a while."""
    s = world.systems
    g = world.rules.glitch
    s.infected[node] = False
    s.crashed[node] = False
    s.integrity[node] = max(s.integrity[node], g.patched_integrity)
    s.immune[node] = max(s.immune[node], round(g.immune_s * world.tick_rate))
