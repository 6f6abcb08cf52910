"""Hostile and broken clients: each gets a clear error or close, and nobody else notices."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

import msgpack
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_server_support import TIMEOUT, Player, live_server_fixture
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from game.kinds import Character, Phase
from game.net import (
    CloseCode,
    ErrorCode,
    ErrorMsg,
    Hello,
    InputMsg,
    Join,
    Pick,
    Room,
    Snap,
    Start,
    decode_server,
    encode,
)
from game.net.messages import PROTOCOL_VERSION
from server.app import GameServer
from server.connection import FLOOD_CLOSE

live_server = live_server_fixture


async def closed_with(player: Player) -> int | None:
    """Read until the server closes; returns the close code it sent."""

    async def drain() -> None:
        while True:
            await player.ws.recv()

    with pytest.raises(ConnectionClosed):
        await asyncio.wait_for(drain(), TIMEOUT)
    assert player.ws.close_code is not None
    return player.ws.close_code


async def error_for(player: Player, frame: bytes | str) -> ErrorMsg:
    await player.send_raw(frame)
    msg: ErrorMsg = await player.expect(ErrorMsg)
    return msg


async def test_malformed_msgpack_gets_bad_frame_and_close_1008(live_server: GameServer) -> None:
    p = await Player.connect(live_server.url)
    error = await error_for(p, b"\xc1\xff\x00")
    assert error.code is ErrorCode.BAD_FRAME
    assert await closed_with(p) == CloseCode.POLICY_VIOLATION


async def test_a_frame_that_is_not_a_map_gets_bad_frame(live_server: GameServer) -> None:
    p = await Player.connect(live_server.url)
    error = await error_for(p, msgpack.packb([1, 2, 3]))
    assert error.code is ErrorCode.BAD_FRAME and "map" in error.msg


async def test_a_text_frame_gets_bad_frame(live_server: GameServer) -> None:
    p = await Player.connect(live_server.url)
    assert (await error_for(p, '{"t": "ping"}')).code is ErrorCode.BAD_FRAME


async def test_unknown_message_type_is_refused_and_the_connection_lives(
    live_server: GameServer,
) -> None:
    p = await Player.connect(live_server.url)
    error = await error_for(p, msgpack.packb({"t": "teleport"}))
    assert error.code is ErrorCode.UNKNOWN_TYPE
    await p.create()  # still usable


@pytest.mark.parametrize(
    ("message", "path"),
    [
        ({"t": "join", "code": 1234}, "join.code"),
        ({"t": "ready", "ready": "yes"}, "ready.ready"),
        ({"t": "create", "level": "expo-hall", "mode": "chaos", "difficulty": "easy"}, "mode"),
        (
            {
                "t": "create",
                "level": "expo-hall",
                "mode": "showdown",
                "difficulty": "easy",
                "duration_s": 5,
            },
            "create.duration_s",
        ),  # fmt: skip
        ({"t": "pick", "character": "kiran", "extra": 1}, "pick.extra"),
        (
            {
                "t": "input",
                "seq": 1,
                "ack": None,
                "move": [3.5, 0],
                "patch": False,
                "ability": False,
                "action": False,
            },
            "input.move[0]",
        ),  # fmt: skip
        (
            {
                "t": "input",
                "seq": -1,
                "ack": None,
                "move": [0, 0],
                "patch": False,
                "ability": False,
                "action": False,
            },
            "input.seq",
        ),  # fmt: skip
    ],
)
async def test_wrong_types_and_out_of_range_values_get_bad_message(
    live_server: GameServer, message: dict[str, object], path: str
) -> None:
    p = await Player.connect(live_server.url)
    error = await error_for(p, msgpack.packb(message))
    assert error.code is ErrorCode.BAD_MESSAGE
    assert path in error.msg


async def test_an_oversized_frame_closes_with_1009(live_server: GameServer) -> None:
    p = await Player.connect(live_server.url)
    await p.send_raw(msgpack.packb({"t": "hello", "v": 1, "name": "x" * 10_000}))
    assert await closed_with(p) == CloseCode.MESSAGE_TOO_BIG


async def test_messages_in_the_wrong_phase_are_refused(live_server: GameServer) -> None:
    p = await Player.connect(live_server.url)
    await p.send(InputMsg(1))  # no match
    assert (await p.expect(ErrorMsg)).code is ErrorCode.WRONG_PHASE
    await p.send(Pick(Character.MAX))
    assert (await p.expect(ErrorMsg)).code is ErrorCode.WRONG_PHASE  # not in a room
    await p.send(Hello("Again"))
    assert (await p.expect(ErrorMsg)).code is ErrorCode.WRONG_PHASE
    await p.create(duration_s=120)
    await p.send(Start())
    await p.expect(Room, lambda r: r.phase is Phase.COUNTDOWN)
    await p.send(Start())
    assert (await p.expect(ErrorMsg)).code is ErrorCode.WRONG_PHASE


async def test_anything_before_hello_is_refused_and_closed(live_server: GameServer) -> None:
    ws = await connect(live_server.url)
    await ws.send(encode(Join("ABCD")))
    msg = decode_server(await asyncio.wait_for(ws.recv(), TIMEOUT))
    assert isinstance(msg, ErrorMsg) and msg.code is ErrorCode.WRONG_PHASE
    with pytest.raises(ConnectionClosed):
        await asyncio.wait_for(ws.recv(), TIMEOUT)
    assert ws.close_code == CloseCode.POLICY_VIOLATION


async def test_a_version_mismatch_gets_an_error_and_close_4000(live_server: GameServer) -> None:
    ws = await connect(live_server.url)
    await ws.send(msgpack.packb({"t": "hello", "v": PROTOCOL_VERSION + 1, "name": "Future"}))
    msg = decode_server(await asyncio.wait_for(ws.recv(), TIMEOUT))
    assert isinstance(msg, ErrorMsg) and msg.code is ErrorCode.VERSION
    with pytest.raises(ConnectionClosed):
        await asyncio.wait_for(ws.recv(), TIMEOUT)
    assert ws.close_code == CloseCode.VERSION_MISMATCH


async def test_a_version_1_client_is_refused_with_a_version_error_it_can_read(
    live_server: GameServer,
) -> None:
    ws = await connect(live_server.url, compression=None)  # as a version-1 client connected
    await ws.send(msgpack.packb({"t": "hello", "v": 1, "name": "Old"}))
    msg = decode_server(await asyncio.wait_for(ws.recv(), TIMEOUT))
    assert isinstance(msg, ErrorMsg) and msg.code is ErrorCode.VERSION
    assert msg.msg == "hello.v: server speaks protocol 2, client sent 1"
    with pytest.raises(ConnectionClosed):
        await asyncio.wait_for(ws.recv(), TIMEOUT)
    assert ws.close_code == CloseCode.VERSION_MISMATCH


async def test_a_flood_gets_rate_limited_then_closed_with_1008(tmp_path: Path) -> None:
    server = GameServer(speed=1.0)  # the real-time rate limit (it scales with speed)
    await server.start()
    try:
        p = await Player.connect(server.url)
        ping = msgpack.packb({"t": "ping", "ts": 1})
        with contextlib.suppress(ConnectionClosed):
            for _ in range(int(server.burst) + FLOOD_CLOSE + 100):
                await p.send_raw(ping)
        await p.expect(ErrorMsg, lambda e: e.code is ErrorCode.RATE_LIMITED)
        assert await closed_with(p) == CloseCode.POLICY_VIOLATION
    finally:
        await server.stop()


async def test_garbage_in_one_room_does_not_disturb_another(live_server: GameServer) -> None:
    calm = await Player.connect(live_server.url, "Calm")
    await calm.create(duration_s=120)
    await calm.send(Start())
    await calm.expect(Room, lambda r: r.phase is Phase.COUNTDOWN)
    rowdy = await Player.connect(live_server.url, "Rowdy")
    await rowdy.create(duration_s=120)
    for frame in (b"\x00", b"\x93\x01\x02", msgpack.packb({"t": 5}), b"\xc1"):
        await rowdy.send_raw(frame)
    assert await closed_with(rowdy) == CloseCode.POLICY_VIOLATION
    first = await calm.expect(Snap)
    await calm.send_input()
    later = await calm.expect(Snap, lambda s: s.tick > first.tick + 30)
    assert later.base is not None


async def test_an_exception_inside_one_room_ends_only_that_room(
    live_server: GameServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    calm = await Player.connect(live_server.url, "Calm")
    await calm.create(duration_s=120)
    await calm.send(Start())
    await calm.expect(Room, lambda r: r.phase is Phase.COUNTDOWN)
    doomed = await Player.connect(live_server.url, "Doomed")
    room = await doomed.create(duration_s=120)
    broken = live_server.lobby.rooms[room.code]

    def explode() -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(broken, "step", explode)
    await doomed.send(Start())
    error = await doomed.expect(ErrorMsg, lambda e: e.code is ErrorCode.INTERNAL)
    assert room.code in error.msg
    assert await closed_with(doomed) == CloseCode.INTERNAL_ERROR
    assert room.code not in live_server.lobby.rooms
    snap = await calm.expect(Snap)
    await calm.expect(Snap, lambda s: s.tick > snap.tick)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=300))
async def test_fuzzed_frames_never_get_anything_but_an_error_or_a_close(
    live_server: GameServer, data: bytes
) -> None:
    p = await Player.connect(live_server.url)
    await p.send_raw(data)
    await p.send_raw(msgpack.packb({"t": "ping", "ts": 7}))
    try:
        while True:
            msg = decode_server(await asyncio.wait_for(p.ws.recv(), TIMEOUT))
            if isinstance(msg, ErrorMsg):
                assert msg.code is not ErrorCode.INTERNAL
            elif msg.T == "pong":
                break
    except ConnectionClosed:
        assert p.ws.close_code in (CloseCode.POLICY_VIOLATION, CloseCode.MESSAGE_TOO_BIG)
    await p.close()
    healthy = await Player.connect(live_server.url)  # the server still serves
    await healthy.close()
