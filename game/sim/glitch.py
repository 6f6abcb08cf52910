"""The glitch: integrity loss, crashes, spread along links, the leak, scripted events."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from game.kinds import EventKind
from game.sim.events import Event
from game.sim.types import Character, Phase

if TYPE_CHECKING:
    from game.sim.world import World

__all__ = ["infect", "run_scripted", "step"]

VOSS = int(Character.VOSS)


def step(world: World, dt: float, events: list[Event]) -> None:
    """Advance the systems graph by ``dt`` seconds."""
    s = world.systems
    g = world.rules.glitch
    ticks = round(dt * world.tick_rate)
    np.maximum(s.immune - ticks, 0, out=s.immune)
    np.maximum(s.firewall - ticks, 0, out=s.firewall)
    # Integrity: infected nodes decay and may crash; clean ones recover.
    decaying = s.infected & ~s.crashed
    s.integrity[decaying] -= g.integrity_loss * dt
    clean = ~s.infected
    s.integrity[clean] = np.minimum(100.0, s.integrity[clean] + g.regen * dt)
    for node in np.flatnonzero(decaying & (s.integrity <= 0.0)):
        _crash(world, int(node), events)
    _spread(world, dt, events)
    # The leak: every infected vault pours data out.
    vaults = s.infected & s.is_vault
    if vaults.any():
        mult = np.where(s.crashed[vaults], g.crash_leak_mult, 1.0)
        world.leak = min(1.0, world.leak + float(mult.sum()) * g.leak_rate * dt)
    # Voss's reputation suffers while her own systems stay infected.
    voss = VOSS
    owned = int((s.infected & (s.owner == voss)).sum())
    if owned:
        loss = world.rules.characters[voss].reputation_loss * owned * dt
        world.crowd.favour[:, voss] *= max(0.0, 1.0 - loss)


def _spread(world: World, dt: float, events: list[Event]) -> None:
    s = world.systems
    g = world.rules.glitch
    if not len(s.link_a):
        return
    rolls = world.rng.random((len(s.link_a), 2))  # always drawn: the stream stays aligned
    climax = g.climax_spread_mult if world.phase is Phase.CLIMAX else 1.0
    open_link = s.firewall == 0
    for col, (src, dst) in enumerate(((s.link_a, s.link_b), (s.link_b, s.link_a))):
        can = open_link & s.infected[src] & ~s.infected[dst] & (s.immune[dst] == 0)
        if not can.any():
            continue
        mult = np.where(s.crashed[src], g.crash_spread_mult, 1.0) * climax
        chance = g.spread_rate * dt * mult * (1.0 - g.resistance * s.integrity[dst] / 100.0)
        for link in np.flatnonzero(can & (rolls[:, col] < chance)):
            node = int(dst[link])
            if not s.infected[node]:
                infect(world, node, events)


def infect(world: World, node: int, events: list[Event]) -> None:
    world.systems.infected[node] = True
    events.append(
        Event(
            EventKind.INFECT,
            node=node,
            x=float(world.systems.xy[node, 0]),
            y=float(world.systems.xy[node, 1]),
        )
    )


def _crash(world: World, node: int, events: list[Event]) -> None:
    s = world.systems
    g = world.rules.glitch
    s.crashed[node] = True
    s.integrity[node] = 0.0
    x, y = float(s.xy[node, 0]), float(s.xy[node, 1])
    world.crowd.pulse(x, y, g.crash_panic_radius, g.crash_panic)
    events.append(Event(EventKind.CRASH, node=node, x=x, y=y))


def run_scripted(world: World, events: list[Event]) -> None:
    """Fire the level's scripted events whose time has come."""
    level_events = world.level.events
    while world.next_event < len(level_events):
        ev = level_events[world.next_event]
        if world.live_ticks < round(ev.at_s * world.tick_rate):
            return
        world.next_event += 1
        s = world.systems
        if ev.kind is EventKind.PANIC_WAVE:
            world.crowd.pulse(ev.x, ev.y, ev.radius, ev.strength)
            events.append(
                Event(EventKind.PANIC_WAVE, value=ev.strength, x=ev.x, y=ev.y, text=ev.message)
            )
            continue
        targets = list(ev.nodes)
        if ev.random:
            pool = [i for i in range(s.count) if not s.infected[i] and i not in targets]
            if pool:
                picks = world.rng.choice(len(pool), min(ev.random, len(pool)), replace=False)
                targets += [pool[int(i)] for i in picks]
        for node in targets:
            s.immune[node] = 0
            if not s.infected[node]:
                infect(world, node, events)
            if ev.kind is EventKind.SHUTDOWN and not s.crashed[node]:
                _crash(world, node, events)
        kind = EventKind.SHUTDOWN if ev.kind is EventKind.SHUTDOWN else EventKind.SURGE
        events.append(Event(kind, node=targets[0] if targets else -1, text=ev.message))
