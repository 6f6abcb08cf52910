"""Several node processes sharing one real Redis: redirects, tokens, codes, faults.

Every node is its own ``expo-showdown host --redis`` process with a fast match clock
and one-second heartbeats; players are real websockets clients (and, once, the
game's own :class:`~game.client.netclient.NetClient`).
"""

from __future__ import annotations

import asyncio
import collections
import os
import resource
import signal
import sqlite3
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from cluster_support import (
    CLI,
    HEARTBEAT_S,
    Node,
    RedisServer,
    get_json,
    redis_server_fixture,
    start_node,
    wait_until,
)
from test_server_support import TIMEOUT, Player

from game.client.netclient import Connected, NetClient
from game.kinds import Character, Difficulty, Mode, Phase
from game.net import (
    Create,
    ErrorCode,
    ErrorMsg,
    Join,
    Redirect,
    Rejoin,
    Room,
    Snap,
    Start,
    Welcome,
)
from server.cluster.directory import Directory, NodeInfo

redis_server = redis_server_fixture
pytestmark = [pytest.mark.slow, pytest.mark.timeout(120)]


@pytest.fixture
def redis_url(redis_server: RedisServer) -> str:
    redis_server.flush()
    return redis_server.url


@pytest.fixture
async def two_nodes(redis_url: str, tmp_path: Path) -> AsyncIterator[tuple[Node, Node]]:
    a, b = await asyncio.gather(
        start_node(redis_url, tmp_path, "a"), start_node(redis_url, tmp_path, "b")
    )
    try:
        await wait_until("a to see b", lambda: _sees(a, 2))
        await wait_until("b to see a", lambda: _sees(b, 2))
        yield a, b
    finally:
        await asyncio.gather(a.kill(), b.kill())


async def _sees(node: Node, count: int) -> bool:
    return bool((await node.health())["cluster"]["nodes"] == count)


async def _follow(player: Player, name: str) -> Player:
    """What the game client does with a redirect: connect there and say hello."""
    msg = await player.expect(Redirect)
    await player.close()
    return await Player.connect(msg.url, name)


async def test_a_join_on_another_node_is_redirected_to_the_node_holding_the_room(
    two_nodes: tuple[Node, Node],
) -> None:
    a, b = two_nodes
    host = await Player.connect(a.url, "Ada")
    code = (await host.create()).code
    guest = await Player.connect(b.url, "Bea")
    await guest.send(Join(code))
    redirect = await guest.expect(Redirect)
    assert redirect.url == a.url
    guest = await Player.connect(redirect.url, "Bea")
    await guest.send(Join(code))
    room = await guest.expect(Room)
    assert room.code == code
    assert sorted(s.name for s in room.seats if s.player_id) == ["Ada", "Bea"]


async def test_the_game_client_follows_a_redirect_without_the_player_noticing(
    two_nodes: tuple[Node, Node],
) -> None:
    a, b = two_nodes
    host = await Player.connect(a.url, "Ada")
    code = (await host.create()).code
    net = NetClient(b.url, "Cy").start()
    try:
        assert isinstance(await asyncio.to_thread(net.wait, TIMEOUT), Connected)
        assert net.send(Join(code))
        seen = []
        while not any(isinstance(m, Room) for m in seen):
            item = await asyncio.to_thread(net.wait, TIMEOUT)
            assert item is not None, f"no room after {seen}"
            seen.append(item)
        room = next(m for m in seen if isinstance(m, Room))
        assert room.code == code
        assert not any(isinstance(m, Redirect | Connected) for m in seen)
        await host.expect(Room, lambda r: sum(s.player_id is not None for s in r.seats) == 2)
    finally:
        await asyncio.to_thread(net.close)


async def test_a_spectator_joining_on_another_node_watches_the_room_on_its_node(
    two_nodes: tuple[Node, Node],
) -> None:
    a, b = two_nodes
    host = await Player.connect(a.url, "Ada")
    code = (await host.create()).code
    fan = await Player.connect(b.url, "Fan")
    await fan.send(Join(code, spectate=True))
    fan = await _follow(fan, "Fan")
    await fan.send(Join(code, spectate=True))
    assert (await fan.expect(Room)).code == code
    await host.expect(Room, lambda r: r.spectators == 1)

    async def listed() -> list[tuple[str, int, str]]:  # room lists follow the heartbeat
        rooms = (await get_json(b.http + "/rooms"))["rooms"]
        return [(r["code"], r["spectators"], r["node"]) for r in rooms if r["spectators"]]

    assert await wait_until("the spectator in /rooms", listed) == [(code, 1, a.id)]


async def test_a_player_rejoins_mid_match_through_another_node_with_the_same_token(
    two_nodes: tuple[Node, Node],
) -> None:
    a, b = two_nodes
    player = await Player.connect(a.url, "Ada")
    await player.create()
    await player.send(Start())
    await player.expect(Snap)
    token, me = player.welcome.token, player.player_id
    await player.close()
    back = await Player.connect(b.url, "Ada")
    await back.send(Rejoin(token))
    back = await _follow(back, "Ada")
    await back.send(Rejoin(token))
    welcome = await back.expect(Welcome)
    assert (welcome.player_id, welcome.token) == (me, token)
    assert (await back.expect(Room)).phase in (Phase.COUNTDOWN, Phase.LIVE, Phase.CLIMAX)
    await back.expect(Snap)


async def test_a_thousand_concurrent_creates_over_three_nodes_never_share_a_code(
    redis_url: str, tmp_path: Path
) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 4096 <= hard or hard == resource.RLIM_INFINITY:
        resource.setrlimit(resource.RLIMIT_NOFILE, (4096, hard))  # 1,000 open connections
    nodes = await asyncio.gather(*(start_node(redis_url, tmp_path, n) for n in "abc"))
    try:
        limit = asyncio.Semaphore(150)
        players: list[Player] = []

        async def create(i: int) -> str:
            async with limit:  # every room stays open: a closed room's code is free again
                player = await Player.connect(nodes[i % 3].url, f"P{i}")
                players.append(player)
                return (await player.create()).code

        codes = await asyncio.gather(*(create(i) for i in range(1000)))
        dupes = [c for c, n in collections.Counter(codes).items() if n > 1]
        assert len(codes) == 1000
        assert dupes == []
        healths = [await n.health() for n in nodes]
        assert [h["rooms"] for h in healths] == [334, 333, 333]
        await asyncio.gather(*(p.ws.close() for p in players))
    finally:
        await asyncio.gather(*(n.kill() for n in nodes))


async def test_two_workers_behind_one_port_put_everyone_who_joins_a_code_in_one_room(
    redis_url: str, tmp_path: Path
) -> None:
    proc = await asyncio.create_subprocess_exec(
        *CLI, "host", "--port", "0", "--workers", "2", "--redis", redis_url,
        "--max-connections-per-address", "100000", "--max-rooms-per-minute", "100000",
        "--max-matches-per-minute", "100000",
        "--db", str(tmp_path / "h.sqlite3"), "--heartbeat-s", str(HEARTBEAT_S),
        stdout=asyncio.subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    readers: list[asyncio.Task[None]] = []
    try:
        assert proc.stdout is not None
        line = ""
        while "share this address" not in line:
            raw = await asyncio.wait_for(proc.stdout.readline(), 30)
            assert raw, "the workers did not start"
            line = raw.decode()
        url = "ws://" + line.split("ws://")[1].split()[0]
        http = "http" + url[2:]
        # Keep reading the workers' log: a full pipe would block the parent's prints,
        # and with them the loop that handles its SIGTERM.
        readers.append(asyncio.create_task(_drain(proc.stdout)))
        await wait_until("two workers", lambda: _count_nodes(http, 2), timeout=SLOW)
        host = await Player.connect(url, "Ada")
        code = (await host.create()).code
        redirected = 0
        for i, character in enumerate([Character.MAX, Character.VOSS, Character.JENNA]):
            guest = await Player.connect(url, f"G{i}")
            await guest.send(Join(code, character))
            msg = await guest.expect(Room | Redirect, timeout=SLOW)
            if isinstance(msg, Redirect):
                redirected += 1
                guest = await Player.connect(msg.url, f"G{i}")
                await guest.send(Join(code, character))
                msg = await guest.expect(Room, timeout=SLOW)
            assert msg.code == code
        full = await host.expect(
            Room, lambda r: sum(s.player_id is not None for s in r.seats) == 4, timeout=SLOW
        )
        assert full.code == code and redirected <= 3
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGTERM)
        try:
            code = await asyncio.wait_for(proc.wait(), 30)
        except TimeoutError:
            os.killpg(proc.pid, signal.SIGKILL)  # the workers too: they share its group
            await proc.wait()
            raise
    assert code == 0


SLOW = 30.0
"""Seconds for a step of the two-worker test: three processes share two busy cores."""


async def _drain(stream: asyncio.StreamReader) -> None:
    while await stream.read(65536):
        pass


async def _count_nodes(http: str, count: int) -> bool:
    return bool((await get_json(http + "/health"))["cluster"]["nodes"] == count)


async def test_sigterm_drains_a_node_new_rooms_go_elsewhere_and_its_match_finishes(
    two_nodes: tuple[Node, Node], redis_url: str
) -> None:
    a, b = two_nodes
    player = await Player.connect(a.url, "Ada")
    await player.create(duration_s=30)
    await player.send(Start())
    await player.expect(Snap)
    a.proc.send_signal(signal.SIGTERM)
    await wait_until("a to be draining", lambda: _ready_nodes(b, 1))
    late = await Player.connect(a.url, "Late")
    await late.send(Create("expo-hall", Mode.SHOWDOWN, Difficulty.EASY, 30))
    assert (await late.expect(Redirect)).url == b.url
    await player.expect(Room, lambda r: r.phase is Phase.RESULTS, timeout=30)
    assert await asyncio.wait_for(a.proc.wait(), 30) == 0
    with sqlite3.connect(a.db) as conn:
        assert [r[0] for r in conn.execute("SELECT outcome FROM matches")] != ["aborted"]
    await wait_until("a to leave the directory", lambda: _sees(b, 1))
    out = subprocess.run([*CLI, "history", "--redis", redis_url], capture_output=True, text=True,
                         timeout=30, check=True)  # fmt: skip
    assert a.id in out.stdout and "Ada" in out.stdout


async def _ready_nodes(node: Node, count: int) -> bool:
    return bool((await node.health())["cluster"]["ready"] == count)


async def test_a_killed_node_vanishes_and_its_players_hear_the_match_was_lost(
    two_nodes: tuple[Node, Node],
) -> None:
    a, b = two_nodes
    player = await Player.connect(b.url, "Ada")
    code = (await player.create()).code
    token = player.welcome.token
    await b.kill()  # SIGKILL: no goodbye to the directory
    await wait_until("b's heartbeat to expire", lambda: _sees(a, 1))
    again = await Player.connect(a.url, "Ada")
    await again.send(Rejoin(token))
    err = await again.recv()
    assert isinstance(err, ErrorMsg), err
    assert err.code is ErrorCode.BAD_TOKEN and "that match was lost" in err.msg
    await again.send(Join(code))
    err = await again.expect(ErrorMsg)
    assert err.code is ErrorCode.ROOM_NOT_FOUND and "that match was lost" in err.msg
    assert (await a.health())["status"] == "ok"


async def test_redis_restarting_mid_match_leaves_the_match_running_and_nodes_reconnect(
    tmp_path: Path,
) -> None:
    own = RedisServer(tmp_path)
    own.start()
    a = b = None
    try:
        a, b = await asyncio.gather(
            start_node(own.url, tmp_path, "a"), start_node(own.url, tmp_path, "b")
        )
        await wait_until("both nodes", lambda: _sees(b, 2))
        await wait_until("both nodes", lambda: _sees(a, 2))
        player = await Player.connect(a.url, "Ada")
        code = (await player.create(duration_s=60)).code
        await player.send(Start())
        await player.expect(Snap)
        own.stop()
        guest = await Player.connect(b.url, "Bea")
        await guest.send(Join(code))
        err = await guest.expect(ErrorMsg)
        assert err.code is ErrorCode.UNAVAILABLE and "unreachable" in err.msg
        snaps = player.snaps
        await player.expect(Snap, lambda s: player.snaps > snaps + 10)
        own.start()  # empty: the nodes must register and claim their codes again
        await wait_until("both nodes back", lambda: _sees(b, 2))

        async def redirected() -> bool:
            await guest.send(Join(code))
            msg = await guest.expect(Redirect | ErrorMsg)
            return isinstance(msg, Redirect) and msg.url == a.url

        await wait_until("room codes claimed again", redirected)
        assert (await player.expect(Room, lambda r: True)).phase is not Phase.LOBBY
    finally:
        for node in (a, b):
            if node is not None:
                await node.kill()
        own.stop()


class SidecarRecorder:
    """A local stand-in for the Agones SDK sidecar's REST port: it records every call."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str]] = []
        self.changed = asyncio.Event()
        self.port = 0

    async def start(self) -> asyncio.Server:
        server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = server.sockets[0].getsockname()[1]
        return server

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        method, path, _ = (await reader.readline()).decode().split(" ", 2)
        length = 0
        while (line := (await reader.readline()).decode().strip()) != "":
            name, _, value = line.partition(":")
            if name.lower() == "content-length":
                length = int(value)
        body = (await reader.readexactly(length)).decode()
        self.calls.append((method, path, body))
        self.changed.set()
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}")
        await writer.drain()
        writer.close()

    async def wait_for(self, method: str, path: str, body: str = "") -> None:
        async def seen() -> None:
            while not any(c[:2] == (method, path) and body in c[2] for c in self.calls):
                self.changed.clear()
                await self.changed.wait()

        await asyncio.wait_for(seen(), TIMEOUT)


async def test_agones_node_says_ready_beats_health_labels_its_load_and_shuts_down(
    redis_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sidecar = SidecarRecorder()
    listener = await sidecar.start()
    monkeypatch.setenv("AGONES_SDK_HTTP_PORT", str(sidecar.port))
    node = await start_node(redis_url, tmp_path, "a", "--agones")
    try:
        await sidecar.wait_for("POST", "/ready")
        player = await Player.connect(node.url, "Ada")
        await player.create()
        await sidecar.wait_for("POST", "/health")
        await sidecar.wait_for("PUT", "/metadata/label", '"state"')
        labels = [c[2] for c in sidecar.calls if c[:2] == ("PUT", "/metadata/label")]
        assert '{"key": "state", "value": "ready"}' in labels
        assert any('"key": "rooms"' in body for body in labels)
        assert await node.stop() == 0
        assert sidecar.calls[0][:2] == ("POST", "/ready")
        assert sidecar.calls[-1][:2] == ("POST", "/shutdown")
    finally:
        await node.kill()
        listener.close()


async def test_a_code_stays_with_a_stalled_node_and_is_freed_when_it_leaves(
    redis_url: str,
) -> None:
    directory = Directory(redis_url)
    try:
        await directory.heartbeat(NodeInfo("stalled1", "ws://a:1", "ready", 1, 0, 0), {}, 50)
        assert await directory.claim("ABCD", "stalled1")
        await wait_until("the record to expire", lambda: _gone(directory, "stalled1"))
        assert not await directory.claim("ABCD", "othernod")  # the lease still holds it
        assert await directory.room_holder("ABCD") == ("stalled1", None)  # "match lost"
        await directory.leave("stalled1", ["ABCD"])
        assert await directory.claim("ABCD", "othernod")
    finally:
        await directory.close()


async def _gone(directory: Directory, node_id: str) -> bool:
    return await directory.node(node_id) is None
