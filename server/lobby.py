"""Who is here: sessions (a player identity and its token) and the rooms by code.

A session outlives its connection: a player who drops mid-match keeps the session,
and with it the seat, until the room's hold runs out; ``rejoin`` with the token
moves the session onto the new connection.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from game.net import ErrorCode, ProtocolError, new_room_code
from server.outbox import Outbox, Postbox

if TYPE_CHECKING:
    from server.client import Client
    from server.room import GameRoom

__all__ = ["Lobby", "Session"]

MAX_ROOMS = 2000
"""Far above what one process can tick; it only stops a runaway loop of ``create``."""


@dataclass(eq=False)
class Session:
    """A player identity: what ``welcome`` gives and ``rejoin`` reclaims."""

    player_id: int
    token: str
    name: str
    client: Client | None = None
    room: GameRoom | None = field(default=None, repr=False)
    seat: int | None = None  # None with a room: a spectator
    outbox: Outbox = field(default_factory=Outbox, repr=False)
    """What the room queued for this player; the connection layer sends it."""

    @property
    def connected(self) -> bool:
        return self.client is not None


class Lobby:
    """The registry of sessions and rooms; rooms themselves enforce their own rules."""

    def __init__(self) -> None:
        self.rooms: dict[str, GameRoom] = {}
        self.sessions: dict[str, Session] = {}
        self.postbox: Postbox[Session] = Postbox()
        self._next_id = 1
        self.token_prefix = ""
        """A cluster node's id: its tokens start with it, so any node knows their home."""

    def new_session(self, name: str, client: Client | None = None) -> Session:
        token = self.token_prefix + secrets.token_urlsafe(24)
        session = Session(self._next_id, token, name, client)
        session.outbox = self.postbox.outbox(session)
        self._next_id += 1
        self.sessions[token] = session
        return session

    def find_session(self, token: str) -> Session:
        session = self.sessions.get(token)
        if session is None:
            raise ProtocolError(ErrorCode.BAD_TOKEN, "rejoin.token: no session has this token")
        return session

    def forget(self, session: Session) -> None:
        """Drop a session for good: its token stops working."""
        if self.sessions.get(session.token) is session:
            del self.sessions[session.token]

    def new_code(self) -> str:
        if len(self.rooms) >= MAX_ROOMS:
            msg = "create: the server has no room for more rooms"
            raise ProtocolError(ErrorCode.ROOM_FULL, msg)
        while True:
            code = new_room_code(secrets.choice)
            if code not in self.rooms:
                return code

    def add_room(self, room: GameRoom) -> None:
        self.rooms[room.code] = room

    def find_room(self, code: str) -> GameRoom:
        room = self.rooms.get(code)
        if room is None:
            raise ProtocolError(ErrorCode.ROOM_NOT_FOUND, f"join.code: no room {code}")
        return room

    def remove_room(self, room: GameRoom) -> None:
        if self.rooms.get(room.code) is room:
            del self.rooms[room.code]

    @property
    def connected_players(self) -> int:
        return sum(s.connected for s in self.sessions.values())
