"""The lobby over a real loopback connection: rooms, seats, characters, the host."""

from __future__ import annotations

from test_server_support import Player, live_server_fixture

from game.kinds import Character, Difficulty, Mode, Phase
from game.net import (
    Create,
    ErrorCode,
    ErrorMsg,
    Event,
    Join,
    Leave,
    Pick,
    Ready,
    Room,
    Settings,
    Start,
    is_room_code,
)
from server.app import GameServer

live_server = live_server_fixture


def seat_names(room: Room) -> list[tuple[str, bool]]:
    return [(s.name, s.bot) for s in room.seats]


async def test_whole_lobby_flow_create_join_pick_ready_settings_start(
    live_server: GameServer,
) -> None:
    host = await Player.connect(live_server.url, "Leila")
    room = await host.create()
    assert is_room_code(room.code)
    assert room.host == host.player_id and room.phase is Phase.LOBBY
    assert room.seats[0].name == "Leila" and not room.seats[0].bot
    assert all(s.bot for s in room.seats[1:])

    guest = await Player.connect(live_server.url, "Jenna")
    await guest.send(Join(room.code, Character.JENNA))
    joined = await host.expect(Room, lambda r: not r.seats[3].bot)
    assert joined.seats[3].name == "Jenna" and joined.seats[3].player_id == guest.player_id
    event = await guest.expect(Event, lambda e: e.kind == "player_joined")
    assert event.data["character"] == "jenna"

    await guest.send(Pick(Character.MAX))
    moved = await host.expect(Room, lambda r: r.seats[1].name == "Jenna")
    assert moved.seats[3].bot

    await host.send(Start())  # the guest is not ready yet
    refusal = await host.expect(ErrorMsg)
    assert refusal.code is ErrorCode.WRONG_PHASE and "not ready" in refusal.msg

    await guest.send(Ready(True))
    await host.expect(Room, lambda r: r.seats[1].ready)
    await host.send(Settings(mode=Mode.ALLIANCE, difficulty=Difficulty.HARD))
    changed = await guest.expect(Room, lambda r: r.mode is Mode.ALLIANCE)
    assert changed.difficulty is Difficulty.HARD

    await host.send(Start())
    started = await guest.expect(Room, lambda r: r.phase is not Phase.LOBBY)
    assert started.phase is Phase.COUNTDOWN
    assert [s.bot for s in started.seats] == [False, False, True, True]
    await host.close()
    await guest.close()


async def test_start_by_a_player_who_is_not_host_is_refused(live_server: GameServer) -> None:
    host = await Player.connect(live_server.url)
    room = await host.create()
    guest = await Player.connect(live_server.url)
    await guest.send(Join(room.code))
    await guest.expect(Room)
    for msg in (Start(), Settings(difficulty=Difficulty.HARD)):
        await guest.send(msg)
        error = await guest.expect(ErrorMsg)
        assert error.code is ErrorCode.NOT_HOST


async def test_two_players_cannot_hold_the_same_character(live_server: GameServer) -> None:
    host = await Player.connect(live_server.url)
    room = await host.create()  # the host sits in seat 0: kiran
    guest = await Player.connect(live_server.url)
    await guest.send(Join(room.code, Character.KIRAN))
    error = await guest.expect(ErrorMsg)
    assert error.code is ErrorCode.CHARACTER_TAKEN
    await guest.send(Join(room.code, Character.VOSS))
    await guest.expect(Room)
    await guest.send(Pick(Character.KIRAN))
    error = await guest.expect(ErrorMsg)
    assert error.code is ErrorCode.CHARACTER_TAKEN


async def test_a_fifth_player_finds_the_room_full_but_may_watch(live_server: GameServer) -> None:
    host = await Player.connect(live_server.url)
    room = await host.create()
    for _ in range(3):
        p = await Player.connect(live_server.url)
        await p.send(Join(room.code))
        await p.expect(Room)
    fifth = await Player.connect(live_server.url)
    await fifth.send(Join(room.code))
    assert (await fifth.expect(ErrorMsg)).code is ErrorCode.ROOM_FULL
    await fifth.send(Join(room.code, spectate=True))
    watching = await fifth.expect(Room)
    assert watching.spectators == 1


async def test_joining_a_code_no_room_has_is_refused(live_server: GameServer) -> None:
    p = await Player.connect(live_server.url)
    await p.send(Join("ZZZZ"))
    assert (await p.expect(ErrorMsg)).code is ErrorCode.ROOM_NOT_FOUND
    await p.send_raw(b"\x82\xa1t\xa4join\xa4code\xa4ABC1")  # {"t": "join", "code": "ABC1"}
    error = await p.expect(ErrorMsg)
    assert error.code is ErrorCode.BAD_MESSAGE and error.msg.startswith("join.code")


async def test_host_leaving_hands_the_room_to_the_next_player(live_server: GameServer) -> None:
    host = await Player.connect(live_server.url)
    room = await host.create()
    guest = await Player.connect(live_server.url)
    await guest.send(Join(room.code))
    await guest.expect(Room)
    await host.send(Leave())
    after = await guest.expect(Room, lambda r: r.seats[0].bot)
    assert after.host == guest.player_id


async def test_last_player_leaving_closes_the_room(live_server: GameServer) -> None:
    host = await Player.connect(live_server.url)
    room = await host.create()
    await host.close()
    other = await Player.connect(live_server.url)
    for _ in range(50):  # the close is processed by the server soon after
        await other.send(Join(room.code))
        error = await other.expect(ErrorMsg)
        if error.code is ErrorCode.ROOM_NOT_FOUND:
            break
    assert room.code not in live_server.lobby.rooms


async def test_unknown_level_is_refused(live_server: GameServer) -> None:
    p = await Player.connect(live_server.url)
    await p.send(Create("no-such-level", Mode.SHOWDOWN, Difficulty.NORMAL))
    assert (await p.expect(ErrorMsg)).code is ErrorCode.UNKNOWN_LEVEL
    assert not live_server.lobby.rooms
