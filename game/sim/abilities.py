"""The four characters' signature abilities and second actions.

Kiran: Reassure (aura). Max: Firewall, Master Patch. Voss: Automate (drones),
Showcase. Jenna: Post. Each returns nothing and appends events.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from game.kinds import EventKind
from game.levels.model import Tile
from game.sim.events import Event
from game.sim.state import Drone, PlayerState
from game.sim.types import Character, NodeKind

if TYPE_CHECKING:
    from game.sim.world import World

__all__ = ["can_showcase", "step_auras", "step_drones", "use_ability", "use_action"]


def _ticks(world: World, seconds: float) -> int:
    return round(seconds * world.tick_rate)


def use_ability(world: World, p: PlayerState, events: list[Event]) -> None:
    rules = world.rules.characters[p.seat]
    used = _ABILITIES[p.seat](world, p, events)
    if used:
        p.abilities += 1
        p.ability_cd = _ticks(world, rules.ability_cooldown_s)


def use_action(world: World, p: PlayerState, events: list[Event]) -> None:
    action = _ACTIONS.get(p.seat)
    if action and action(world, p, events):
        p.actions += 1
        p.action_cd = _ticks(world, world.rules.characters[p.seat].action_cooldown_s)


# -- Kiran ------------------------------------------------------------------
def _reassure(world: World, p: PlayerState, events: list[Event]) -> bool:
    p.effect_ticks = _ticks(world, world.rules.characters[p.seat].reassure_s)
    events.append(Event(EventKind.REASSURE, p.seat, x=p.x, y=p.y))
    return True


def step_auras(world: World, dt: float) -> None:
    """Kiran's aura calms the visitors around her and wins the ones it calms."""
    for p in world.players:
        if p.effect_ticks <= 0:
            continue
        from game.sim.world import CROWD_EVERY

        p.effect_ticks = max(0, p.effect_ticks - CROWD_EVERY)
        rules = world.rules.characters[p.seat]
        crowd = world.crowd
        mask = crowd.near(p.x, p.y, rules.reassure_radius)
        if not mask.any():
            continue
        calmed = np.minimum(crowd.panic[mask], rules.reassure_calm * dt)
        crowd.panic[mask] -= calmed
        crowd.win(mask, p.seat, rules.reassure_gain * dt + calmed * rules.reassure_calm_gain)


# -- Max --------------------------------------------------------------------
def _firewall(world: World, p: PlayerState, events: list[Event]) -> bool:
    """Block the link nearest to Max, preferring one the glitch is about to cross."""
    s = world.systems
    if not len(s.link_a):
        return False
    a, b = s.xy[s.link_a], s.xy[s.link_b]
    ab = b - a
    t = np.clip(
        ((p.x - a[:, 0]) * ab[:, 0] + (p.y - a[:, 1]) * ab[:, 1])
        / np.maximum((ab * ab).sum(axis=1), 1e-9),
        0.0,
        1.0,
    )
    closest = a + ab * t[:, None]
    dist = np.hypot(closest[:, 0] - p.x, closest[:, 1] - p.y)
    risky = s.infected[s.link_a] != s.infected[s.link_b]
    link = int(np.argmin(dist - np.where(risky, 6.0, 0.0)))
    s.firewall[link] = _ticks(world, world.rules.characters[p.seat].firewall_s)
    mid = (a[link] + b[link]) / 2
    events.append(Event(EventKind.FIREWALL, p.seat, link, x=float(mid[0]), y=float(mid[1])))
    return True


def _master_patch(world: World, p: PlayerState, events: list[Event]) -> bool:
    """Cure the core and make every node immune; costs Max's code fragments."""
    from game.sim.players import clean_node

    rules = world.rules.characters[p.seat]
    s = world.systems
    if p.fragments < rules.master_fragments:
        return False
    cores = np.flatnonzero(s.kind == NodeKind.CORE)
    reach = world.rules.patch.range * 1.5
    near = [c for c in cores if math.hypot(s.xy[c, 0] - p.x, s.xy[c, 1] - p.y) <= reach]
    if not near:
        return False
    p.fragments -= rules.master_fragments
    for c in cores:
        clean_node(world, int(c))
    np.maximum(s.immune, _ticks(world, rules.master_immune_s), out=s.immune)
    core = int(near[0])
    x, y = float(s.xy[core, 0]), float(s.xy[core, 1])
    world.crowd.panic *= 0.5
    won = world.crowd.witness(x, y, p.seat, rules.master_gain, world.rules.crowd.sight_radius)
    events.append(Event(EventKind.MASTER_PATCH, p.seat, core, won, x, y))
    return True


# -- Voss -------------------------------------------------------------------
def _automate(world: World, p: PlayerState, events: list[Event]) -> bool:
    ticks = _ticks(world, world.rules.characters[p.seat].drone_s)
    world.drones.append(Drone(p.seat, p.x, p.y, ticks))
    events.append(Event(EventKind.DRONE, p.seat, x=p.x, y=p.y))
    return True


def step_drones(world: World, events: list[Event]) -> None:
    """Drones fly straight to the nearest infected node nobody else's drone has, and patch."""
    if not world.drones:
        return
    from game.sim.players import clean_node, patch_work

    s = world.systems
    dt = world.dt
    for drone in world.drones:
        drone.ticks_left -= 1
        rules = world.rules.characters[drone.owner]
        if drone.target < 0 or not s.infected[drone.target]:
            taken = {d.target for d in world.drones if d is not drone}
            drone.target, drone.progress = _drone_target(world, drone, taken), 0.0
        if drone.target < 0:
            continue
        tx, ty = world.nav.node_centres[drone.target]
        dx, dy = tx - drone.x, ty - drone.y
        dist = math.hypot(dx, dy)
        if dist > 0.9:
            step = min(dist - 0.8, rules.drone_speed * dt)
            drone.x += dx / dist * step
            drone.y += dy / dist * step
            continue
        drone.progress += rules.drone_patch_rate * dt / patch_work(world, drone.target)
        if drone.progress >= 1.0:
            node = drone.target
            clean_node(world, node)
            world.players[drone.owner].patches += 1
            gain = world.rules.crowd.witness_gain
            won = world.crowd.witness(tx, ty, drone.owner, gain, world.rules.crowd.sight_radius)
            events.append(Event(EventKind.PATCH, drone.owner, node, won, tx, ty, "drone"))
            drone.target, drone.progress = -1, 0.0
    world.drones = [d for d in world.drones if d.ticks_left > 0]


def _drone_target(world: World, drone: Drone, taken: set[int]) -> int:
    s = world.systems
    best, best_d = -1, math.inf
    centres = world.nav.node_centres
    for i in np.flatnonzero(s.infected).tolist():
        d = math.hypot(centres[i][0] - drone.x, centres[i][1] - drone.y)
        if i not in taken and d < best_d:
            best, best_d = i, d
    return best


def can_showcase(world: World, p: PlayerState) -> bool:
    """Voss can only run the demo from the main stage."""
    tx, ty = int(p.x), int(p.y)
    return (
        0 <= ty < world.level.height
        and 0 <= tx < world.level.width
        and (world.level.tiles[ty][tx] == Tile.STAGE)
    )


def _showcase(world: World, p: PlayerState, events: list[Event]) -> bool:
    """A stage demo: a burst of favour if the glitch is out of sight, a backfire if not."""
    if not can_showcase(world, p):
        return False
    rules = world.rules.characters[p.seat]
    crowd = world.crowd
    infected = world.systems.infected_share()
    radius = world.rules.crowd.sight_radius * 1.5
    if infected <= rules.showcase_max_infected:
        gain = rules.showcase_gain * (1.0 - 0.5 * infected / max(rules.showcase_max_infected, 1e-9))
        won = crowd.witness(p.x, p.y, p.seat, gain, radius)
    else:
        before = float(crowd.favour[:, p.seat].sum())
        crowd.favour[:, p.seat] *= 1.0 - rules.showcase_backfire
        crowd.pulse(p.x, p.y, radius, 0.15)
        won = float(crowd.favour[:, p.seat].sum()) - before
    events.append(Event(EventKind.SHOWCASE, p.seat, value=won, x=p.x, y=p.y))
    return True


# -- Jenna ------------------------------------------------------------------
def _post(world: World, p: PlayerState, events: list[Event]) -> bool:
    """A broadcast: calms everyone and turns the panicked into Jenna's followers."""
    rules = world.rules.characters[p.seat]
    crowd = world.crowd
    scared = crowd.panic > rules.post_threshold
    won = crowd.win(scared, p.seat, rules.post_gain) if scared.any() else 0.0
    crowd.panic *= 1.0 - rules.post_calm
    events.append(
        Event(EventKind.POST, p.seat, value=won, x=p.x, y=p.y, text=str(int(scared.sum())))
    )
    return True


Use = Callable[["World", PlayerState, list[Event]], bool]
_ABILITIES: dict[int, Use] = {
    Character.KIRAN: _reassure,
    Character.MAX: _firewall,
    Character.VOSS: _automate,
    Character.JENNA: _post,
}
_ACTIONS: dict[int, Use] = {Character.MAX: _master_patch, Character.VOSS: _showcase}
