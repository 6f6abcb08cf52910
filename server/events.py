"""Simulation events and room happenings as the ``event`` messages clients show.

The kind strings are part of the protocol (docs/PROTOCOL.md, section 7); the sim's
``EventKind`` numbers are not, so they are translated here and nowhere else.
"""

from __future__ import annotations

from typing import Any

from game.net import Event
from game.net import Phase as NetPhase
from game.sim import CHARACTER_IDS, EventKind, Phase
from game.sim import Event as SimEvent

__all__ = ["EVENT_KINDS", "SERVER_EVENT_KINDS", "net_phase", "room_event", "sim_event"]

EVENT_KINDS: dict[EventKind, str] = {
    EventKind.PHASE: "phase",
    EventKind.INFECT: "infect",
    EventKind.CRASH: "crash",
    EventKind.PATCH: "patch",
    EventKind.SURGE: "surge",
    EventKind.SHUTDOWN: "shutdown",
    EventKind.PANIC_WAVE: "panic_wave",
    EventKind.REASSURE: "reassure",
    EventKind.FIREWALL: "firewall",
    EventKind.MASTER_PATCH: "master_patch",
    EventKind.DRONE: "drone",
    EventKind.SHOWCASE: "showcase",
    EventKind.POST: "post",
    EventKind.BREACH: "breach",
    EventKind.CONTAINED: "contained",
}
"""Every sim event a client sees; ``EventKind.END`` is not here: the ``end`` message carries it."""

SERVER_EVENT_KINDS = ("player_joined", "player_left", "bot_took_over", "player_returned")


def net_phase(phase: Phase) -> NetPhase:
    """The simulation's phase as the protocol names it."""
    return NetPhase(phase.name.lower())


def sim_event(ev: SimEvent, tick: int) -> Event | None:
    """The ``event`` message for one sim event, or None for events clients never see."""
    kind = EVENT_KINDS.get(ev.kind)
    if kind is None:
        return None
    data: dict[str, Any] = {
        "seat": None if ev.seat < 0 else ev.seat,
        "character": None if ev.seat < 0 else CHARACTER_IDS[ev.seat],
        "node": None if ev.node < 0 else ev.node,
        "value": float(ev.value),
        "x": round(float(ev.x), 3),
        "y": round(float(ev.y), 3),
    }
    if ev.text:
        data["text"] = ev.text
    if ev.kind is EventKind.PHASE:
        data["phase"] = net_phase(Phase(int(ev.value))).value
    return Event(kind, tick, data)


def room_event(kind: str, tick: int, seat: int | None, name: str, player_id: int) -> Event:
    """A server event about a player (joined, left, replaced by a bot, returned)."""
    character = None if seat is None else CHARACTER_IDS[seat]
    data = {"seat": seat, "character": character, "name": name, "player_id": player_id}
    return Event(kind, tick, data)
