"""One game server as a cluster node: heartbeat, redirects, draining, shared history.

The node answers ``create``, ``join`` and ``rejoin`` for the whole cluster (see
:meth:`ClusterNode.intercept`): a room or session held elsewhere gets a ``redirect``
to the node holding it, and one whose node is gone gets "that match was lost". Room
codes are claimed in the directory before a room exists, so two nodes never hand out
the same code. Redis going away never touches running matches: the heartbeat keeps
retrying, requests that need the directory are refused with ``UNAVAILABLE``, and once
Redis is back the node registers again and claims its codes anew.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import time
from collections import deque
from typing import TYPE_CHECKING, Any

from game.net import Create, ErrorCode, Join, ProtocolError, Redirect, Rejoin, new_room_code
from server.cluster.directory import NODE_ID_LEN, Directory, DirectoryDown, NodeInfo, new_node_id
from server.room_list import room_summary

if TYPE_CHECKING:
    from server.app import GameServer
    from server.cluster.agones import AgonesSDK
    from server.connection import Connection
    from server.history import MatchRecord

__all__ = ["READY", "DRAINING", "ClusterNode"]

log = logging.getLogger(__name__)

READY, DRAINING = "ready", "draining"
CLAIM_TRIES = 50
HISTORY_BACKLOG = 1000
"""Finished matches kept in memory for the stream while Redis is unreachable."""


class ClusterNode:
    """Joins ``server`` to the directory; ``start`` it after the server listens."""

    def __init__(
        self,
        server: GameServer,
        directory: Directory,
        public_url: str,
        ttl_s: float = 5.0,
        agones: AgonesSDK | None = None,
    ) -> None:
        self.server = server
        self.directory = directory
        self.public_url = public_url
        self.id = new_node_id()
        self.ttl_s = ttl_s
        self.agones = agones
        self.state = READY
        self.reachable = False
        self.view: list[NodeInfo] = []
        self._claimed: set[str] = set()
        self._history: deque[dict[str, str]] = deque(maxlen=HISTORY_BACKLOG)
        self._beat_task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        server.lobby.token_prefix = self.id
        server.cluster = self

    # -- life -----------------------------------------------------------------------
    async def start(self) -> None:
        """Register now (fails with DirectoryDown if Redis cannot be reached at all)."""
        await self.directory.ping()
        await self._beat()
        self._beat_task = asyncio.create_task(self._beat_loop(), name="cluster heartbeat")
        if self.agones is not None:
            await self.agones.start(self)

    async def drain(self, drain_s: float) -> None:
        """Take no new rooms; wait up to ``drain_s`` for running matches to finish."""
        self.state = DRAINING
        log.info("draining: no new rooms here; waiting up to %g s for %d match(es)",
                 drain_s, len(self.server.ticker))  # fmt: skip
        self._wake.set()  # tell the directory now
        deadline = time.monotonic() + drain_s
        while len(self.server.ticker) and time.monotonic() < deadline:
            await asyncio.sleep(min(0.05, max(0.0, deadline - time.monotonic())))
        if len(self.server.ticker):
            log.info("drain time is up: aborting %d match(es)", len(self.server.ticker))

    async def stop(self) -> None:
        """Leave the directory (after ``server.stop`` has recorded the last matches)."""
        if self._beat_task is not None:
            self._beat_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._beat_task
        with contextlib.suppress(DirectoryDown):
            await self._publish_history()
            await self.directory.leave(self.id, sorted(self._claimed))
        if self.agones is not None:
            await self.agones.stop()
        await self.directory.close()

    # -- heartbeat ------------------------------------------------------------------
    def info(self) -> NodeInfo:
        server = self.server
        return NodeInfo(self.id, self.public_url, self.state, len(server.lobby.rooms),
                        server.lobby.connected_players, len(server.ticker))  # fmt: skip

    def room_rows(self) -> dict[str, str]:
        return {
            code: json.dumps(room_summary(room), separators=(",", ":"))
            for code, room in self.server.lobby.rooms.items()
        }

    async def _beat_loop(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.ttl_s / 3)
            self._wake.clear()
            try:
                await self._beat()
            except DirectoryDown as exc:
                if self.reachable:
                    log.warning("room directory unreachable (%s); matches go on, retrying", exc)
                self.reachable = False

    async def _beat(self) -> None:
        was_reachable = self.reachable
        local = self.server.lobby.rooms
        vanished = await self.directory.heartbeat(
            self.info(), self.room_rows(), int(self.ttl_s * 1000)
        )
        self.reachable = True
        if vanished and self._claimed:
            await self._reclaim()
        for code in sorted(self._claimed - set(local)):
            await self.directory.release(code, self.id)
            self._claimed.discard(code)
        self.view = await self.directory.nodes()
        await self._publish_history()
        if not was_reachable:
            log.info("room directory reachable: node %s at %s", self.id, self.public_url)

    async def _reclaim(self) -> None:
        """Redis lost our record (a restart): claim our rooms' codes again."""
        for code in sorted(self._claimed):
            if not await self.directory.claim(code, self.id):
                log.warning("room %s: another node claimed its code while Redis was away", code)
        log.info("registered again with the room directory; %d code(s) reclaimed",
                 len(self._claimed))  # fmt: skip

    # -- history --------------------------------------------------------------------
    def record(self, rec: MatchRecord) -> None:
        """Queue a finished match's summary for the cluster's history stream."""
        self._history.append({
            "node": self.id,
            "url": self.public_url,
            "room": rec.room,
            "level": rec.config.level,
            "mode": rec.config.mode.id,
            "difficulty": rec.config.difficulty.id,
            "outcome": rec.outcome,
            "winner": rec.winner or "",
            "stars": "" if rec.stars is None else str(rec.stars),
            "match_s": f"{rec.match_s:.1f}",
            "ended_at": f"{rec.ended_at:.3f}",
            "players": json.dumps(rec.players, separators=(",", ":")),
            "state_hash": rec.state_hash,
        })  # fmt: skip
        self._wake.set()

    async def _publish_history(self) -> None:
        while self._history:
            await self.directory.publish_match(self._history[0])
            self._history.popleft()

    # -- requests -------------------------------------------------------------------
    async def intercept(self, conn: Connection, msg: object) -> bool:
        """Handle ``create``/``join``/``rejoin`` cluster-wide; False leaves it to the node."""
        try:
            if isinstance(msg, Create):
                await self._create(conn, msg)
                return True
            if isinstance(msg, Join):
                return await self._join(conn, msg)
            if isinstance(msg, Rejoin):
                return await self._rejoin(conn, msg)
        except DirectoryDown as exc:
            what = type(msg).__name__.lower()
            self.reachable = False
            log.warning("room directory unreachable during %s: %s", what, exc)
            raise ProtocolError(
                ErrorCode.UNAVAILABLE,
                f"{what}: the room directory is unreachable; try again in a moment",
            ) from exc
        return False

    async def _create(self, conn: Connection, msg: Create) -> None:
        conn.check_not_in_room("create")
        conn.check_room_budget()
        if self.state != READY:
            conn.client.send(Redirect(self._elsewhere("create")))
            return
        for _ in range(CLAIM_TRIES):
            code = new_room_code(secrets.choice)
            if code in self.server.lobby.rooms:
                continue
            if await self.directory.claim(code, self.id):
                self._claimed.add(code)
                conn.check_not_in_room("create")  # it may have joined one meanwhile
                self.server.create_room(conn.me(), msg, code)
                conn.room_made()
                return
        raise ProtocolError(ErrorCode.ROOM_FULL, "create: no free room code; try again")

    def _elsewhere(self, what: str) -> str:
        others = [n for n in self.view if n.id != self.id and n.state == READY]
        if not others:
            raise ProtocolError(
                ErrorCode.UNAVAILABLE, f"{what}: this server is shutting down; try again shortly"
            )
        return min(others, key=lambda n: (n.rooms, n.players, n.id)).url

    async def _join(self, conn: Connection, msg: Join) -> bool:
        if msg.code in self.server.lobby.rooms:
            return False
        holder, node = await self.directory.room_holder(msg.code)
        if holder is None or holder == self.id:
            return False
        if node is None:
            raise ProtocolError(
                ErrorCode.ROOM_NOT_FOUND,
                f"join.code: that match was lost: the server holding room {msg.code} stopped",
            )
        conn.check_not_in_room("join")
        conn.client.send(Redirect(node.url))
        return True

    async def _rejoin(self, conn: Connection, msg: Rejoin) -> bool:
        owner = msg.token[:NODE_ID_LEN]
        if msg.token in self.server.lobby.sessions or owner == self.id:
            return False
        node = await self.directory.node(owner)
        if node is None:
            raise ProtocolError(
                ErrorCode.BAD_TOKEN, "rejoin.token: that match was lost: its server stopped"
            )
        conn.client.send(Redirect(node.url))
        return True

    # -- HTTP -----------------------------------------------------------------------
    def health(self) -> dict[str, Any]:
        nodes = [n for n in self.view if n.id != self.id] + [self.info()]
        return {
            "node": self.id,
            "state": self.state,
            "directory": "reachable" if self.reachable else "unreachable",
            "cluster": {
                "nodes": len(nodes),
                "ready": sum(n.state == READY for n in nodes),
                "rooms": sum(n.rooms for n in nodes),
                "players": sum(n.players for n in nodes),
                "matches": sum(n.matches for n in nodes),
                "members": [
                    {
                        "id": n.id,
                        "url": n.url,
                        "state": n.state,
                        "rooms": n.rooms,
                        "players": n.players,
                    }  # fmt: skip
                    for n in sorted(nodes, key=lambda n: n.id)
                ],
            },
        }

    async def open_rooms(self) -> list[dict[str, Any]]:
        """Every room in the cluster, live from the directory (local only if it is down)."""
        try:
            nodes = await self.directory.nodes()
            return await self.directory.open_rooms([n.id for n in nodes])
        except DirectoryDown:
            return [{**json.loads(r), "node": self.id} for r in self.room_rows().values()]
