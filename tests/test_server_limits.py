"""Per-address and per-room bounds, each against a real server or a real room."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from pathlib import Path

import pytest
from simkit import ARENA_ID, arena
from test_server_support import TIMEOUT, Player
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus
from websockets.typing import Origin

from game.kinds import Character, Difficulty, Mode
from game.match import Match
from game.match_config import MatchConfig
from game.net import (
    Create,
    ErrorCode,
    ErrorMsg,
    Hello,
    Leave,
    ProtocolError,
    Welcome,
    decode_server,
    encode,
)
from server.app import GameServer
from server.history import MatchHistory, MatchRecord
from server.limits import Limits, PerMinute
from server.lobby import Lobby, Session
from server.room import GameRoom


@pytest.fixture
async def strict_server() -> AsyncIterator[GameServer]:
    server = GameServer(limits=Limits(connections_per_address=2, spectators_per_room=1))
    await server.start("127.0.0.1", 0)
    yield server
    await server.stop()


async def _refused_connection(url: str) -> tuple[ErrorMsg, int | None]:
    ws = await connect(url, compression=None)  # refused before its hello: none is sent
    msg = decode_server(await asyncio.wait_for(ws.recv(), TIMEOUT))
    await asyncio.wait_for(ws.wait_closed(), TIMEOUT)
    return msg, ws.close_code


async def test_an_address_past_its_connection_limit_is_told_to_try_again_later(
    strict_server: GameServer,
) -> None:
    first = await Player.connect(strict_server.url, "Ana")
    second = await Player.connect(strict_server.url, "Bo")
    msg, code = await _refused_connection(strict_server.url)
    assert isinstance(msg, ErrorMsg) and msg.code is ErrorCode.TOO_MANY
    assert code == 1013
    await first.close()
    await asyncio.wait_for(_until(lambda: strict_server.per_address["127.0.0.1"] == 1), TIMEOUT)
    third = await Player.connect(strict_server.url, "Cy")  # a closed one frees its place
    assert third.player_id > second.player_id
    await second.close()
    await third.close()


async def test_a_room_takes_no_more_spectators_than_its_limit(strict_server: GameServer) -> None:
    lobby = Lobby()

    def member(name: str) -> Session:
        return lobby.new_session(name, object())  # type: ignore[arg-type]  # no socket needed

    create = Create("expo-hall", Mode.SHOWDOWN, Difficulty.EASY, 30)
    room = GameRoom("ABCD", create, member("Ana"), strict_server)
    room.join(member("Wu"), None, spectate=True)
    with pytest.raises(ProtocolError) as err:
        room.join(member("Xi"), None, spectate=True)
    assert err.value.code is ErrorCode.ROOM_FULL and "1 spectators" in err.value.msg
    assert len(room.spectators) == strict_server.limits.spectators_per_room
    room.join(member("Yu"), Character.MAX, spectate=False)
    assert room.seats[1] is not None  # players still join


async def _until(condition: Callable[[], bool]) -> None:
    """Poll a condition the server updates as it cleans up; callers bound it in time."""
    while not condition():
        await asyncio.sleep(0.01)


async def test_only_listed_web_pages_may_connect_and_the_game_client_always_may() -> None:
    server = GameServer(limits=Limits(allowed_origins=("https://party.example",)))
    await server.start("127.0.0.1", 0)
    try:
        with pytest.raises(InvalidStatus) as refused:
            await connect(server.url, origin=Origin("https://evil.example"))
        assert refused.value.response.status_code == 403
        ws = await connect(server.url, origin=Origin("https://party.example"))
        await ws.send(encode(Hello("Page")))
        assert isinstance(decode_server(await asyncio.wait_for(ws.recv(), TIMEOUT)), Welcome)
        await ws.close()
        player = await Player.connect(server.url, "Game")  # no Origin header at all
        assert player.player_id > 0
        await player.close()
    finally:
        await server.stop()


def test_per_minute_budget_slides_with_its_clock_and_counts_each_address_apart() -> None:
    now = [0.0]
    budget = PerMinute(2, clock=lambda: now[0])
    for _ in range(2):
        assert budget.allows("10.0.0.1")
        budget.take("10.0.0.1")
    assert not budget.allows("10.0.0.1") and budget.allows("10.0.0.2")
    now[0] = 59.9
    assert not budget.allows("10.0.0.1")
    now[0] = 60.0  # the first event leaves the window
    assert budget.allows("10.0.0.1")


async def test_an_address_that_makes_rooms_too_fast_is_told_to_wait() -> None:
    server = GameServer(limits=Limits(rooms_per_minute=2))
    await server.start("127.0.0.1", 0)
    try:
        player = await Player.connect(server.url, "Ana")
        for _ in range(2):
            await player.create()
            await player.send(Leave())
        await player.send(Create("expo-hall", Mode.SHOWDOWN, Difficulty.EASY, 30))
        error = await player.expect(ErrorMsg)
        assert error.code is ErrorCode.RATE_LIMITED and "2 new rooms a minute" in error.msg
        assert len(server.lobby.rooms) == 0  # both rooms closed when their host left
        await player.close()
    finally:
        await server.stop()


def test_history_keeps_only_recent_matches_and_at_most_the_newest_n(tmp_path: Path) -> None:
    history = MatchHistory(tmp_path / "h.sqlite3")
    replay_source = Match(arena(), MatchConfig(ARENA_ID, seed=1, duration_s=30))
    replay_source.step()
    base = record_of(replay_source)
    day = 86_400.0
    for ended in (0.0, 5 * day, 9 * day, 10 * day):
        history.add(replace(base, ended_at=ended))
    assert history.prune(now=10 * day, keep_days=7, keep_matches=None) == 1  # day 0 goes
    assert sorted(r["ended_at"] for r in history.recent()) == [5 * day, 9 * day, 10 * day]
    assert history.prune(now=10 * day, keep_days=None, keep_matches=1) == 2
    assert [r["ended_at"] for r in history.recent()] == [10 * day]
    history.close()


def record_of(match: Match) -> MatchRecord:
    return MatchRecord(
        room="ABCD", config=match.config, result=match.result(), aborted=False, players=[],
        match_s=0.0, wall_s=0.0, started_at=0.0, ended_at=0.0, replay=match.replay(),
    )  # fmt: skip


def test_host_retention_flags_refuse_nonsense_in_one_line() -> None:
    from game.cli import main

    with pytest.raises(SystemExit) as bad:
        main(["host", "--keep-days", "soon"])
    assert bad.value.code == 2
