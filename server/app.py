"""The game server: websockets ``serve``, the ticker, the lobby and match history.

One process, one asyncio loop, every room. :class:`GameServer` is also the
in-process API: solo play and the client's "Host" menu start the very same server
on loopback (see :mod:`server.thread` for running it beside a Pygame loop).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import os
import time
from collections import Counter
from http import HTTPStatus
from pathlib import Path
from typing import TYPE_CHECKING, Any

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.http11 import Request, Response

from game.levels import LevelShelf
from game.net import (
    DEFAULT_BURST,
    DEFAULT_RATE_PER_S,
    MAX_CLIENT_FRAME,
    CloseCode,
    Create,
    ErrorCode,
    ErrorMsg,
)
from server.client import Client
from server.connection import handle
from server.history import MatchHistory, MatchRecord, Recorder
from server.limits import Limits, PerMinute
from server.lobby import Lobby, Session
from server.outbox import Close
from server.room import GameRoom
from server.room_list import room_summary
from server.ticker import TICK_RATE, Ticker

if TYPE_CHECKING:
    from server.cluster.node import ClusterNode

__all__ = ["GameServer"]

log = logging.getLogger(__name__)

HEALTH_WINDOW_S = 10
"""``/health`` reports tick lateness over about this many seconds of room steps."""


class GameServer:
    """Hosts rooms over WebSocket; ``start`` it inside a running event loop.

    ``speed`` runs the tick clock that many times faster than real time (tests use
    it to play a 30 s match in a couple of seconds); leave it at 1 otherwise.
    ``db`` is the match-history database; None keeps no history. ``levels`` is what
    rooms may play (the bundled levels, plus any files ``host --levels`` adds). The per-connection
    rate limit scales with ``speed``, since clients send one input per (faster) tick.
    """

    def __init__(
        self,
        db: str | Path | None = None,
        speed: float = 1.0,
        rate_per_s: float = DEFAULT_RATE_PER_S,
        burst: float = DEFAULT_BURST,
        levels: LevelShelf | None = None,
        limits: Limits | None = None,
    ) -> None:
        self.levels = levels or LevelShelf()
        self.limits = limits or Limits()
        self.per_address: Counter[str] = Counter()  # open connections by remote IP
        self.rooms_made = PerMinute(self.limits.rooms_per_minute)
        self.matches_started = PerMinute(self.limits.matches_per_minute)
        self.lobby = Lobby()
        self.recorder = Recorder(
            MatchHistory(db) if db is not None else None,
            self.limits.history_keep_days,
            self.limits.history_keep_matches,
        )
        self.ticker: Ticker[GameRoom] = Ticker(self._step_room, speed=speed)
        self.clients: set[Client] = set()
        self.rate_per_s, self.burst = rate_per_s * max(1.0, speed), burst
        self.host, self.port = "127.0.0.1", 0
        self._server: Server | None = None
        self._extra: list[Server] = []  # a cluster worker's private port
        self.cluster: ClusterNode | None = None  # set by ClusterNode; None: one process
        self._tick_task: asyncio.Task[None] | None = None
        self._started = time.monotonic()

    @property
    def url(self) -> str:
        return f"ws://{self.host}:{self.port}"

    async def start(self, host: str = "127.0.0.1", port: int = 0, reuse_port: bool = False) -> int:
        """Listen and start ticking; returns the bound port (useful with port 0).

        ``reuse_port`` lets several worker processes listen on one port (the kernel
        spreads connections over them; see :mod:`server.cluster.workers`).
        """
        self._server = await self._serve(host, port, reuse_port)
        sock = next(iter(self._server.sockets))
        self.host, self.port = host, sock.getsockname()[1]
        self._tick_task = asyncio.create_task(self.ticker.run(), name="ticker")
        self._started = time.monotonic()
        log.info("listening on %s", self.url)
        return self.port

    async def listen_also(self, host: str, port: int = 0) -> int:
        """A second address for the same rooms (a worker's own port); returns its port."""
        extra = await self._serve(host, port, False)
        self._extra.append(extra)
        port = next(iter(extra.sockets)).getsockname()[1]
        log.info("also listening on ws://%s:%d", host, port)
        return int(port)

    async def _serve(self, host: str, port: int, reuse_port: bool) -> Server:
        return await serve(
            functools.partial(handle, self),
            host,
            port,
            reuse_port=reuse_port or None,
            process_request=self._http,
            origins=[None, *self.limits.allowed_origins],  # type: ignore[list-item]
            max_size=MAX_CLIENT_FRAME,
            compression="deflate",  # a quarter fewer bytes for ~17 us a frame (PROTOCOL.md 1)
            ping_interval=20,
            ping_timeout=20,
            close_timeout=2,  # an unresponsive client must not hold up shutdown
        )

    async def stop(self) -> None:
        """Shut down cleanly: abort and record matches, close every connection with 1001."""
        if self._tick_task is not None:
            self._tick_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._tick_task
            self._tick_task = None
        for room in list(self.lobby.rooms.values()):
            if room.play is not None:
                room.finish(aborted=True)
        await asyncio.get_running_loop().run_in_executor(None, self.recorder.flush)
        for client in list(self.clients):
            client.close(CloseCode.GOING_AWAY, "server is shutting down")
        await asyncio.gather(*(c.finish() for c in list(self.clients)))
        for listener in [*self._extra, *([self._server] if self._server else [])]:
            listener.close()
            await listener.wait_closed()
        self._server, self._extra = None, []
        self.recorder.close()
        log.info("server stopped")

    # -- rooms ----------------------------------------------------------------------
    def create_room(self, session: Session, msg: Create, code: str | None = None) -> GameRoom:
        """A new room; ``code`` is one a cluster node already claimed in the directory."""
        room = GameRoom(code or self.lobby.new_code(), msg, session, self)
        self.lobby.add_room(room)
        log.info("room %s: created by %s (%s, %s, %s)", room.code, session.name, msg.level,
                 msg.mode.id, msg.difficulty.id)  # fmt: skip
        return room

    def tidy(self, room: GameRoom) -> None:
        """Close a room nobody can use any more (no players, or nobody at all in a match)."""
        seated = any(room.seats)
        if room.play is not None and not room.empty:
            return
        if room.play is None and seated:
            return
        if room.play is not None:
            room.finish(aborted=True)
        for session in list(room.spectators):
            if session.connected:
                session.outbox.send(ErrorMsg(ErrorCode.ROOM_NOT_FOUND, f"room {room.code} closed"))
            session.room = None
        room.spectators.clear()
        self.ticker.remove(room)
        self.lobby.remove_room(room)
        log.info("room %s: closed", room.code)

    def fail_room(self, room: GameRoom) -> None:
        """A bug inside one room: end that room, tell its players, keep the server."""
        log.exception("room %s: internal error; closing the room", room.code)
        self.ticker.remove(room)
        self.lobby.remove_room(room)
        try:
            room.finish(aborted=True)
        except Exception:
            log.exception("room %s: could not record the aborted match", room.code)
        for session in list(room.members()):
            if session.connected:
                session.outbox.send(
                    ErrorMsg(ErrorCode.INTERNAL, f"room {room.code} closed after a server error")
                )
                session.outbox.close(CloseCode.INTERNAL_ERROR, "room closed after a server error")
            session.room = session.seat = None
            self.lobby.forget(session)

    def _step_room(self, room: GameRoom) -> None:
        try:
            room.step()
        except Exception:
            self.fail_room(room)
        else:
            if room.play is None:
                self.ticker.remove(room)
            if room.play is None or room.empty:
                self.tidy(room)
        self.flush()

    def flush(self) -> None:
        """Hand every frame the rooms queued to its connection (the only socket side)."""
        for session in self.lobby.postbox.drain():
            frames = session.outbox.take()
            client = session.client
            if client is None:
                continue  # the connection is gone; a rejoin starts from a full snapshot
            for frame in frames:
                if isinstance(frame, Close):
                    client.close(frame.code, frame.reason)
                else:
                    client.send_bytes(frame)

    # -- RoomHooks ------------------------------------------------------------------
    def record(self, record: MatchRecord) -> None:
        self.recorder.record(record)
        if self.cluster is not None:
            self.cluster.record(record)

    def forget(self, session: Session) -> None:
        self.lobby.forget(session)

    # -- HTTP -----------------------------------------------------------------------
    def health(self) -> dict[str, object]:
        recent = max(1000, len(self.ticker) * TICK_RATE * HEALTH_WINDOW_S)
        p50, p99 = self.ticker.percentiles(50, 99, last=recent)
        return {
            "status": "ok",
            "rooms": len(self.lobby.rooms),
            "matches": len(self.ticker),
            "players": self.lobby.connected_players,
            "connections": len(self.clients),
            "uptime_s": round(time.monotonic() - self._started, 1),
            "tick_lateness_ms": {"p50": round(p50, 3), "p99": round(p99, 3)},  # last 10 s
            "ticks_skipped": self.ticker.skipped,
            "cpu_s": round(sum(os.times()[:2]), 3),
            **(self.cluster.health() if self.cluster is not None else {}),
        }

    async def open_rooms(self) -> list[dict[str, Any]]:
        """The open rooms (the whole cluster's, with a directory), as ``GET /rooms`` lists them."""
        if self.cluster is not None:
            return await self.cluster.open_rooms()
        return [room_summary(r) for r in sorted(self.lobby.rooms.values(), key=lambda r: r.code)]

    async def _http(self, connection: ServerConnection, request: Request) -> Response | None:
        """Plain ``GET /health`` and ``GET /rooms`` on the game port; the rest is the handshake."""
        path = request.path.split("?")[0]
        if path == "/health":
            body = json.dumps(self.health())
        elif path == "/rooms":
            body = json.dumps({"rooms": await self.open_rooms()})
        else:
            return None
        response = connection.respond(HTTPStatus.OK, body + "\n")
        del response.headers["Content-Type"]
        response.headers["Content-Type"] = "application/json"
        return response
