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
    for timer in (s.immune, s.firewall):
        timer -= ticks
        np.maximum(timer, 0, out=timer)
    # Integrity: infected nodes decay and may crash; clean ones recover.
    decaying = s.infected & ~s.crashed
    clean = ~s.infected
    np.subtract(s.integrity, g.integrity_loss * dt, out=s.integrity, where=decaying)
    np.add(s.integrity, g.regen * dt, out=s.integrity, where=clean)
    np.minimum(s.integrity, 100.0, out=s.integrity, where=clean)
    if np.count_nonzero(s.infected):
        for node in np.flatnonzero(decaying & (s.integrity <= 0.0)):
            _crash(world, int(node), events)
        _spread(world, dt, events)
    elif len(s.link_a):
        world.rng.random((len(s.link_a), 2))  # nothing can spread; the stream stays aligned
    infected = s.infected.tolist()
    # The leak: every infected vault pours data out.
    if any(infected[v] for v in s.vaults):
        vaults = s.infected & s.is_vault
        mult = np.where(s.crashed[vaults], g.crash_leak_mult, 1.0)
        world.leak = min(1.0, world.leak + float(mult.sum()) * g.leak_rate * dt)
    # Voss's reputation suffers while her own systems stay infected.
    owned = sum(infected[i] for i in s.owned_by[VOSS])
    if owned:
        loss = world.rules.characters[VOSS].reputation_loss * owned * dt
        world.crowd.favour[:, VOSS] *= max(0.0, 1.0 - loss)


def _spread(world: World, dt: float, events: list[Event]) -> None:
    s = world.systems
    g = world.rules.glitch
    if not len(s.link_a):
        return
    rolls = world.rng.random((len(s.link_a), 2)).T.tolist()  # always drawn: stream aligned
    climax = g.climax_spread_mult if world.phase is Phase.CLIMAX else 1.0
    base = g.spread_rate * dt
    firewall = s.firewall.tolist()
    immune = s.immune.tolist()
    crashed = s.crashed.tolist()
    integrity = s.integrity.tolist()
    infected = s.infected  # read afresh: the second direction sees the first's infections
    for col, (src, dst) in enumerate(((s.links_a, s.links_b), (s.links_b, s.links_a))):
        now = infected.tolist()
        roll = rolls[col]
        hits = []
        for link, (a, b) in enumerate(zip(src, dst, strict=True)):
            if not now[a] or now[b] or firewall[link] or immune[b]:
                continue
            mult = (g.crash_spread_mult if crashed[a] else 1.0) * climax
            chance = base * mult * (1.0 - g.resistance * integrity[b] / 100.0)
            if roll[link] < chance:
                hits.append(b)
        for node in hits:
            if not infected[node]:
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
        if world.live_ticks < world.event_ticks[world.next_event]:
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
