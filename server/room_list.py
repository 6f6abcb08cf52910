"""What ``GET /rooms`` says about one room: public facts only, no names or tokens."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from server.room import GameRoom

__all__ = ["room_summary"]


def room_summary(room: GameRoom) -> dict[str, Any]:
    return {
        "code": room.code,
        "level": room.config.level,
        "mode": room.config.mode.id,
        "phase": room.phase.name.lower(),
        "seats": sum(s is not None for s in room.seats),
        "spectators": len(room.spectators),
    }
