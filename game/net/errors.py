"""Error and close codes shared by server and client.

A refusal is a value, not a crash: everything that rejects input raises
:class:`ProtocolError` with a code from :class:`ErrorCode`, and the server turns it
into an ``error`` message (and, for the codes :func:`close_code_for` names, a close).
"""

from __future__ import annotations

import enum

__all__ = ["CloseCode", "ErrorCode", "ProtocolError", "UnknownBaseError", "close_code_for"]


class ErrorCode(enum.IntEnum):
    """Codes carried by the ``error`` message; the numbers are part of the protocol."""

    # 1-9: the frame or message itself is wrong (raised by game.net).
    BAD_FRAME = 1
    TOO_LARGE = 2
    BAD_MESSAGE = 3
    UNKNOWN_TYPE = 4
    VERSION = 5
    # 10-19: a well-formed request the server refuses in the current state.
    WRONG_PHASE = 10
    NOT_HOST = 11
    ROOM_NOT_FOUND = 12
    ROOM_FULL = 13
    CHARACTER_TAKEN = 14
    UNKNOWN_LEVEL = 15
    BAD_TOKEN = 16
    # 20-29: conditions of the connection or the server.
    RATE_LIMITED = 20
    UNAVAILABLE = 21  # a cluster's room directory is unreachable, or no server takes rooms
    TOO_MANY = 22  # the address already holds as many connections as the server allows
    INTERNAL = 29


class CloseCode(enum.IntEnum):
    """WebSocket close codes the server uses (RFC 6455 range plus 4000+ for the app)."""

    NORMAL_CLOSURE = 1000
    GOING_AWAY = 1001
    POLICY_VIOLATION = 1008
    MESSAGE_TOO_BIG = 1009
    INTERNAL_ERROR = 1011
    TRY_AGAIN_LATER = 1013
    VERSION_MISMATCH = 4000
    SESSION_REPLACED = 4001


_FATAL: dict[ErrorCode, CloseCode] = {
    ErrorCode.BAD_FRAME: CloseCode.POLICY_VIOLATION,
    ErrorCode.TOO_LARGE: CloseCode.MESSAGE_TOO_BIG,
    ErrorCode.VERSION: CloseCode.VERSION_MISMATCH,
    ErrorCode.INTERNAL: CloseCode.INTERNAL_ERROR,
}


def close_code_for(code: ErrorCode) -> CloseCode | None:
    """Return the close code that must follow an ``error`` with this code, or None.

    Frames that cannot be parsed leave no way to trust the rest of the stream, so they
    close the connection; a well-formed but wrong message only gets an ``error`` reply.
    """
    return _FATAL.get(code)


class ProtocolError(ValueError):
    """A frame or message broke the protocol, or the server refuses a request.

    ``msg`` names the field and the problem (``input.move[0]: expected ...``) and is
    safe to send back to the peer.
    """

    def __init__(self, code: ErrorCode, msg: str) -> None:
        super().__init__(msg)
        self.code = code
        self.msg = msg

    def __repr__(self) -> str:
        return f"ProtocolError({self.code.name}, {self.msg!r})"


class UnknownBaseError(ProtocolError):
    """A delta snapshot refers to a base tick the client no longer has.

    Client side only: the client recovers by acking ``null`` so the server sends a full
    snapshot next.
    """

    def __init__(self, base: int) -> None:
        super().__init__(ErrorCode.BAD_MESSAGE, f"snap.base: no snapshot kept for tick {base}")
        self.base = base
