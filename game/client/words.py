"""The server's refusals in words a player knows.

The wire's ``error`` messages name the protocol field at fault (``join.code: no room
ABCD``), which helps whoever writes a client; a player reads this instead.
"""

from __future__ import annotations

import re

from game.net import ErrorCode

__all__ = ["error_words"]

_FIELD = re.compile(r"^[a-z_]+(\.[a-z_]+)*: ")

_BY_CODE: dict[ErrorCode, str] = {
    ErrorCode.ROOM_NOT_FOUND: "No room has that code: check the four letters with your host",
    ErrorCode.ROOM_FULL: "That room is full (four players); you can still watch it",
    ErrorCode.CHARACTER_TAKEN: "Someone else plays that character: pick another",
    ErrorCode.UNKNOWN_LEVEL: "The server does not have that level",
    ErrorCode.NOT_HOST: "Only the room's host can do that",
    ErrorCode.VERSION: "The server runs a different version of the game",
    ErrorCode.RATE_LIMITED: "Too many messages too fast: the server slowed you down",
    ErrorCode.INTERNAL: "The server had a problem and closed the room",
}


def error_words(code: ErrorCode, message: str) -> str:
    """One line for the player; the server's own text when no better words exist."""
    if code is ErrorCode.WRONG_PHASE and "spectate" in message:
        return "A match is on in that room: choose Watch to spectate it"
    words = _BY_CODE.get(code)
    if words is not None:
        return words
    text = _FIELD.sub("", message)
    return text[:1].upper() + text[1:]
