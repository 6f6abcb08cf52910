"""The cluster's room directory in Redis: who is alive, which node holds which room.

Keys (all under ``PREFIX``):

* ``node:{id}``: the node's record (JSON: url, state, rooms, players), set with an
  expiry on every heartbeat, so a node killed with ``kill -9`` vanishes by itself.
* ``nodes``: the set of node ids ever seen; ids whose record has expired are pruned.
* ``lease:{id}``: refreshed with every heartbeat but expiring ``LEASE_FACTOR`` times
  later than the record (at least a minute), so a node that stalls past its record's
  expiry (a starved CPU) still holds its codes.
* ``room:{code}``: the node id holding that code. Claimed with a script that
  succeeds when the key is free or its holder's lease is gone, so codes are unique
  across the cluster and a dead node's codes come back into use after its lease.
* ``rooms:{id}``: a hash of that node's open rooms (code -> JSON), rewritten on every
  heartbeat with the same expiry as the record; ``GET /rooms`` reads these.
* ``history``: a capped stream of finished matches from every node.

Tokens need no key: a cluster node's tokens begin with its id (``NODE_ID_LEN``).
"""

from __future__ import annotations

import json
import secrets
import string
from dataclasses import dataclass
from typing import Any

import redis.asyncio as aioredis
from redis.exceptions import RedisError

__all__ = [
    "HISTORY_MAXLEN",
    "NODE_ID_LEN",
    "PREFIX",
    "Directory",
    "DirectoryDown",
    "NodeInfo",
    "new_node_id",
]

PREFIX = "xs:"
NODE_ID_LEN = 8
LEASE_FACTOR = 12
LEASE_MIN_MS = 60_000
HISTORY_MAXLEN = 10_000
"""About this many matches stay in the cluster's history stream (trimmed approximately)."""

_CLAIM = """
local holder = redis.call('GET', KEYS[1])
if holder == false or holder == ARGV[1]
   or redis.call('EXISTS', ARGV[2] .. 'lease:' .. holder) == 0 then
  redis.call('SET', KEYS[1], ARGV[1])
  return 1
end
return 0
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""
_LOOKUP = """
local holder = redis.call('GET', KEYS[1])
if holder == false then return {false, false} end
return {holder, redis.call('GET', ARGV[1] .. 'node:' .. holder)}
"""


class DirectoryDown(Exception):
    """Redis did not answer; the caller turns this into a clear refusal."""


def new_node_id() -> str:
    """Lower-case letters and digits: valid at the start of a URL-safe token."""
    alphabet = string.ascii_lowercase + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(NODE_ID_LEN))


@dataclass(frozen=True)
class NodeInfo:
    """One node's heartbeat record."""

    id: str
    url: str
    state: str  # "ready" or "draining"
    rooms: int
    players: int
    matches: int

    def to_json(self) -> str:
        return json.dumps(self.__dict__, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> NodeInfo:
        d = json.loads(text)
        return cls(str(d["id"]), str(d["url"]), str(d["state"]), int(d["rooms"]),
                   int(d["players"]), int(d["matches"]))  # fmt: skip


class Directory:
    """Every Redis operation the cluster makes; each raises :class:`DirectoryDown`."""

    def __init__(self, url: str, timeout_s: float = 1.0) -> None:
        self.url = url
        self.redis: aioredis.Redis = aioredis.Redis.from_url(
            url,
            decode_responses=True,
            socket_timeout=timeout_s,
            socket_connect_timeout=timeout_s,
        )
        self._claim = self.redis.register_script(_CLAIM)
        self._release = self.redis.register_script(_RELEASE)
        self._lookup = self.redis.register_script(_LOOKUP)
        self.ops = 0
        """Redis commands sent so far (the benchmark divides it by time and rooms)."""

    async def close(self) -> None:
        await self.redis.aclose()

    async def _do(self, n: int, coro: Any) -> Any:
        self.ops += n
        try:
            return await coro
        except (RedisError, OSError) as exc:
            raise DirectoryDown(str(exc) or type(exc).__name__) from exc

    async def ping(self) -> None:
        await self._do(1, self.redis.ping())

    async def heartbeat(self, node: NodeInfo, rooms: dict[str, str], ttl_ms: int) -> bool:
        """Refresh the node's record and room list; True if the record had vanished.

        A vanished record means Redis restarted (or this node stalled past its expiry):
        the caller then claims its room codes again.
        """
        pipe = self.redis.pipeline(transaction=True)
        pipe.set(f"{PREFIX}node:{node.id}", node.to_json(), px=ttl_ms, get=True)
        lease_ms = max(LEASE_MIN_MS, LEASE_FACTOR * ttl_ms)
        pipe.set(f"{PREFIX}lease:{node.id}", "1", px=lease_ms)
        pipe.sadd(f"{PREFIX}nodes", node.id)
        pipe.delete(f"{PREFIX}rooms:{node.id}")
        if rooms:
            pipe.hset(f"{PREFIX}rooms:{node.id}", mapping=dict(rooms))  # type: ignore[arg-type]
            pipe.pexpire(f"{PREFIX}rooms:{node.id}", ttl_ms)
        result = await self._do(6 if rooms else 4, pipe.execute())
        return result[0] is None

    async def leave(self, node_id: str, codes: list[str]) -> None:
        pipe = self.redis.pipeline(transaction=False)
        for code in codes:
            await self._release(keys=[f"{PREFIX}room:{code}"], args=[node_id], client=pipe)
        pipe.delete(
            f"{PREFIX}node:{node_id}", f"{PREFIX}rooms:{node_id}", f"{PREFIX}lease:{node_id}"
        )
        pipe.srem(f"{PREFIX}nodes", node_id)
        await self._do(2 + len(codes), pipe.execute())

    async def nodes(self) -> list[NodeInfo]:
        """Every live node; ids whose record expired are pruned from the set."""
        ids = sorted(await self._do(1, self.redis.smembers(f"{PREFIX}nodes")))
        if not ids:
            return []
        records = await self._do(1, self.redis.mget([f"{PREFIX}node:{i}" for i in ids]))
        dead = [i for i, r in zip(ids, records, strict=True) if r is None]
        if dead:
            await self._do(1, self.redis.srem(f"{PREFIX}nodes", *dead))
        return [NodeInfo.from_json(r) for r in records if r is not None]

    async def node(self, node_id: str) -> NodeInfo | None:
        record = await self._do(1, self.redis.get(f"{PREFIX}node:{node_id}"))
        return NodeInfo.from_json(record) if record else None

    async def claim(self, code: str, node_id: str) -> bool:
        """Take ``code`` for ``node_id`` if nobody alive holds it (atomic across the cluster)."""
        keys = [f"{PREFIX}room:{code}"]
        return bool(await self._do(1, self._claim(keys=keys, args=[node_id, PREFIX])))

    async def release(self, code: str, node_id: str) -> None:
        await self._do(1, self._release(keys=[f"{PREFIX}room:{code}"], args=[node_id]))

    async def room_holder(self, code: str) -> tuple[str | None, NodeInfo | None]:
        """Who holds ``code`` and that node's record (None: no holder, or it is dead)."""
        holder, record = await self._do(
            1, self._lookup(keys=[f"{PREFIX}room:{code}"], args=[PREFIX])
        )
        return holder, (NodeInfo.from_json(record) if record else None)

    async def open_rooms(self, node_ids: list[str]) -> list[dict[str, Any]]:
        pipe = self.redis.pipeline(transaction=False)
        for node_id in node_ids:
            pipe.hgetall(f"{PREFIX}rooms:{node_id}")
        rooms: list[dict[str, Any]] = []
        for node_id, table in zip(node_ids, await self._do(len(node_ids), pipe.execute()),
                                  strict=True):  # fmt: skip
            for text in table.values():
                rooms.append({**json.loads(text), "node": node_id})
        return sorted(rooms, key=lambda r: r["code"])

    async def publish_match(self, fields: dict[str, str]) -> None:
        await self._do(
            1,
            self.redis.xadd(
                f"{PREFIX}history",
                dict(fields),  # type: ignore[arg-type]
                maxlen=HISTORY_MAXLEN,
                approximate=True,
            ),
        )

    async def recent_matches(self, limit: int) -> list[dict[str, str]]:
        rows = await self._do(1, self.redis.xrevrange(f"{PREFIX}history", count=limit))
        return [dict(fields) for _id, fields in rows]
