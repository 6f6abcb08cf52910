"""Simulation events and room happenings as the ``event`` messages clients show.

The ``kind`` of each message is its ``game.kinds.EventKind`` id (docs/PROTOCOL.md,
section 7.3); this module lays out each kind's fields.
"""

from __future__ import annotations

from typing import Any

from game import sim
from game.kinds import Character, EventKind, Phase
from game.net import Event
from game.net.messages import wire_id

__all__ = ["room_event", "sim_event"]


def sim_event(ev: sim.Event, tick: int) -> Event | None:
    """The ``event`` message for one sim event; None for ``END`` (the ``end`` message)."""
    if ev.kind is EventKind.END:
        return None
    data: dict[str, Any] = {
        "seat": None if ev.seat < 0 else ev.seat,
        "character": None if ev.seat < 0 else wire_id(Character(ev.seat)),
        "node": None if ev.node < 0 else ev.node,
        "value": float(ev.value),
        "x": round(float(ev.x), 3),
        "y": round(float(ev.y), 3),
    }
    if ev.text:
        data["text"] = ev.text
    if ev.kind is EventKind.PHASE:
        data["phase"] = wire_id(Phase(int(ev.value)))
    return Event(wire_id(ev.kind), tick, data)


def room_event(kind: EventKind, tick: int, seat: int | None, name: str, player_id: int) -> Event:
    """A server event about a player (joined, left, replaced by a bot, returned)."""
    character = None if seat is None else wire_id(Character(seat))
    data = {"seat": seat, "character": character, "name": name, "player_id": player_id}
    return Event(wire_id(kind), tick, data)
