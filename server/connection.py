"""One connection's handler: ``hello`` first, then one message at a time.

Shaped like the Connect Four tutorial's handler: read a frame, dispatch on its type,
turn every refusal into an ``error``, and clean up in ``try/finally`` whatever way
the connection ends. Rate limiting happens before decoding, so a flood costs the
server as little as possible. Rooms only queue what their members receive; after
each message the server hands the queued frames to the connections
(``GameServer.flush``).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

from game.net import (
    CloseCode,
    Create,
    ErrorCode,
    ErrorMsg,
    Hello,
    InputMsg,
    Join,
    Leave,
    Pick,
    Ping,
    Pong,
    ProtocolError,
    RateLimiter,
    Ready,
    Rejoin,
    Settings,
    Start,
    Welcome,
    close_code_for,
    decode_client,
)
from server.client import Client
from server.lobby import Session
from server.room import GameRoom

if TYPE_CHECKING:
    from server.app import GameServer

__all__ = ["FLOOD_CLOSE", "HELLO_TIMEOUT_S", "Connection", "handle"]

log = logging.getLogger(__name__)

HELLO_TIMEOUT_S = 10.0
FLOOD_CLOSE = 200
"""Frames dropped by the rate limiter, without a quiet spell, before the server closes."""
FLOOD_FORGIVE_S = 5.0


async def handle(server: GameServer, ws: ServerConnection) -> None:
    """The websockets handler: one per connection, for its whole life."""
    client = Client(ws)
    address = _address(ws)
    if server.per_address[address] >= server.limits.connections_per_address:
        client.send(ErrorMsg(ErrorCode.TOO_MANY, _TOO_MANY))
        client.close(CloseCode.TRY_AGAIN_LATER, "too many connections from your address")
        await client.finish()
        return
    server.per_address[address] += 1
    conn = Connection(server, client, address)
    server.clients.add(client)
    try:
        await conn.run()
    except ConnectionClosed:
        pass
    finally:
        conn.cleanup()
        server.flush()
        server.clients.discard(client)
        server.per_address[address] -= 1
        if server.per_address[address] <= 0:
            del server.per_address[address]
        await client.finish()


_TOO_MANY = "too many connections from your address: close one and try again"


def _too_often(what: str, most: str) -> ProtocolError:
    msg = f"{what}: at most {most} a minute from one address; try again in a minute"
    return ProtocolError(ErrorCode.RATE_LIMITED, msg)


def _address(ws: ServerConnection) -> str:
    """The peer's IP address (the port differs per connection; a test's socket may have none)."""
    remote = ws.remote_address
    return str(remote[0]) if isinstance(remote, tuple) and remote else "?"


class Connection:
    """The receiving side of one client: decode, check, dispatch."""

    def __init__(self, server: GameServer, client: Client, address: str) -> None:
        self.server = server
        self.client = client
        self.address = address  # the peer's IP: per-address limits count by it
        self.session: Session | None = None
        self.limiter = RateLimiter(server.rate_per_s, server.burst)
        self._loop = asyncio.get_running_loop()
        self._last_refusal = -1e9
        self._last_denied = -1e9
        self._handlers: dict[type, Callable[[Any], None]] = {
            Hello: self._hello_again,
            Create: self._create,
            Join: self._join,
            Pick: self._pick,
            Ready: self._ready,
            Settings: self._settings,
            Start: self._start,
            Leave: self._leave,
            Rejoin: self._rejoin,
            InputMsg: self._input,
            Ping: self._ping,
        }

    async def run(self) -> None:
        if not await self._hello():
            return
        async for frame in self.client.ws:
            if self.client.closing:
                continue  # keep reading so the peer's close frame gets through
            if self._admit():
                await self._dispatch(frame)
                self.server.flush()

    async def _hello(self) -> bool:
        try:
            frame = await asyncio.wait_for(self.client.ws.recv(), HELLO_TIMEOUT_S)
        except TimeoutError:
            self.client.close(CloseCode.POLICY_VIOLATION, "no hello")
            return False
        try:
            msg = decode_client(frame)
            if not isinstance(msg, Hello):
                raise ProtocolError(ErrorCode.WRONG_PHASE, f"{msg.T}: say hello first")
        except ProtocolError as exc:
            self._refuse(exc)
            if not self.client.closing:  # nothing before hello is forgiven
                self.client.close(CloseCode.POLICY_VIOLATION, exc.msg)
            return False
        self.session = self.server.lobby.new_session(msg.name, self.client)
        self.session.outbox.in_flight = self.client.backlog
        self.client.send(Welcome(self.session.player_id, self.session.token))
        log.info("player %d (%s) connected from %s", self.session.player_id, msg.name,
                 self.client.address)  # fmt: skip
        return True

    def _admit(self) -> bool:
        """The rate limit: False drops the frame (with an error at most once a second)."""
        now = self._loop.time()
        if self.limiter.allow(now):
            if now - self._last_denied > FLOOD_FORGIVE_S:
                self.limiter.denied = 0
            return True
        self._last_denied = now
        if self.limiter.denied >= FLOOD_CLOSE:
            self.client.close(CloseCode.POLICY_VIOLATION, "flooding: too many frames")
        elif now - self._last_refusal >= 1.0:
            self._last_refusal = now
            msg = f"frame: over {self.limiter.rate_per_s:g} frames/s; frames are being dropped"
            self.client.send(ErrorMsg(ErrorCode.RATE_LIMITED, msg))
        return False

    async def _dispatch(self, frame: bytes | str) -> None:
        try:
            msg = decode_client(frame)
            cluster = self.server.cluster
            if cluster is not None and await cluster.intercept(self, msg):
                return  # answered for the cluster: a redirect, or a room made here
            self._handlers[type(msg)](msg)
        except ProtocolError as exc:
            self._refuse(exc)
        except Exception:
            room = self.session.room if self.session else None
            if room is not None:
                self.server.fail_room(room)
            else:
                log.exception("connection %s: internal error", self.client.address)
                self._refuse(ProtocolError(ErrorCode.INTERNAL, "internal server error"))

    def _refuse(self, exc: ProtocolError) -> None:
        self.client.send(ErrorMsg.from_exception(exc))
        code = close_code_for(exc.code)
        if code is not None:
            self.client.close(code, exc.msg)

    def cleanup(self) -> None:
        """The connection is gone: hold the seat, or leave the room and forget the session."""
        session = self.session
        if session is None or session.client is not self.client:
            return  # never said hello, or the session moved to a newer connection
        session.client = None
        room = session.room
        log.info("player %d (%s) disconnected", session.player_id, session.name)
        if room is None or not room.drop(session):
            self.server.lobby.forget(session)
        if room is not None:
            self.server.tidy(room)

    # -- handlers ----------------------------------------------------------------------
    def _me(self) -> Session:
        assert self.session is not None
        return self.session

    def _room(self, what: str) -> GameRoom:
        room = self._me().room
        if room is None:
            raise ProtocolError(ErrorCode.WRONG_PHASE, f"{what}: not in a room")
        return room

    def me(self) -> Session:
        """This connection's session (after ``hello``)."""
        return self._me()

    def check_not_in_room(self, what: str) -> None:
        """Refuse ``what`` while the session sits in a room."""
        self._not_in_room(what)

    def _not_in_room(self, what: str) -> None:
        room = self._me().room
        if room is not None:
            raise ProtocolError(ErrorCode.WRONG_PHASE, f"{what}: leave room {room.code} first")

    def _hello_again(self, msg: Hello) -> None:
        raise ProtocolError(ErrorCode.WRONG_PHASE, "hello: already said hello")

    def check_room_budget(self) -> None:
        """Refuse a ``create`` past the address's rooms a minute (the cluster's too)."""
        budget = self.server.rooms_made
        if not budget.allows(self.address):
            raise _too_often("create", f"{budget.limit} new rooms")

    def room_made(self) -> None:
        self.server.rooms_made.take(self.address)

    def _create(self, msg: Create) -> None:
        self._not_in_room("create")
        self.check_room_budget()
        self.server.create_room(self._me(), msg)
        self.room_made()

    def _join(self, msg: Join) -> None:
        self._not_in_room("join")
        room = self.server.lobby.find_room(msg.code)
        room.join(self._me(), msg.character, msg.spectate)
        log.info("room %s: %s joined%s", room.code, self._me().name,
                 " to watch" if msg.spectate else "")  # fmt: skip

    def _pick(self, msg: Pick) -> None:
        self._room("pick").pick(self._me(), msg.character)

    def _ready(self, msg: Ready) -> None:
        self._room("ready").set_ready(self._me(), msg.ready)

    def _settings(self, msg: Settings) -> None:
        self._room("settings").settings(self._me(), msg)

    def _start(self, msg: Start) -> None:
        room = self._room("start")
        budget = self.server.matches_started
        if not budget.allows(self.address):
            raise _too_often("start", f"{budget.limit} matches")
        room.start(self._me())
        budget.take(self.address)
        self.server.ticker.add(room)

    def _leave(self, msg: Leave) -> None:
        room = self._room("leave")
        room.leave(self._me())
        log.info("room %s: %s left", room.code, self._me().name)
        self.server.tidy(room)

    def _rejoin(self, msg: Rejoin) -> None:
        old = self.server.lobby.find_session(msg.token)
        me = self._me()
        if old is me:
            raise ProtocolError(ErrorCode.BAD_TOKEN, "rejoin.token: this is already your session")
        if old.client is not None:
            old.client.close(CloseCode.SESSION_REPLACED, "session taken over by a new connection")
        if me.room is not None:
            room = me.room
            room.leave(me)
            self.server.tidy(room)
        self.server.lobby.forget(me)
        old.client, self.session = self.client, old
        old.outbox.in_flight = self.client.backlog
        self.client.send(Welcome(old.player_id, old.token))
        log.info("player %d (%s) rejoined", old.player_id, old.name)
        if old.room is not None:
            old.room.restore(old)

    def _input(self, msg: InputMsg) -> None:
        self._room("input").on_input(self._me(), msg)

    def _ping(self, msg: Ping) -> None:
        self.client.send(Pong(msg.ts))
