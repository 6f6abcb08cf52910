"""A room on its own: no websocket, no event loop, just what it queues for each member.

Sessions come from a real :class:`Lobby`; a session counts as connected while it has
any connection handle (the room never uses it), and what a member would receive is
read back from its outbox and decoded with the client's own decoder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from game.kinds import Character, Difficulty, EventKind, Mode, Phase
from game.levels import LevelShelf
from game.net import (
    Create,
    End,
    ErrorCode,
    ErrorMsg,
    Event,
    InputMsg,
    ProtocolError,
    Room,
    Settings,
    Snap,
    decode_server,
)
from game.net.messages import wire_id
from server.history import MatchRecord
from server.limits import Limits
from server.lobby import Lobby, Session
from server.outbox import SNAP_BACKLOG, Close
from server.play import SNAP_EVERY
from server.room import HOLD_S, GameRoom

CONNECTED: Any = object()
"""Stands for a live connection: the room only asks whether a session has one."""


@dataclass
class Hooks:
    """The server around the room: keeps what the room hands it."""

    records: list[MatchRecord] = field(default_factory=list)
    forgotten: list[Session] = field(default_factory=list)
    levels: LevelShelf = field(default_factory=LevelShelf)
    limits: Limits = field(default_factory=Limits)

    def record(self, record: MatchRecord) -> None:
        self.records.append(record)

    def forget(self, session: Session) -> None:
        self.forgotten.append(session)


@pytest.fixture
def lobby() -> Lobby:
    return Lobby()


@pytest.fixture
def hooks() -> Hooks:
    return Hooks()


def player(lobby: Lobby, name: str) -> Session:
    return lobby.new_session(name, CONNECTED)


def received(session: Session) -> list[Any]:
    """Everything queued for the member since the last call, decoded."""
    out: list[Any] = []
    for frame in session.outbox.take():
        out.append(frame if isinstance(frame, Close) else decode_server(frame))
    return out


def of(kind: type, messages: list[Any]) -> list[Any]:
    return [m for m in messages if isinstance(m, kind)]


def events(messages: list[Any], kind: EventKind) -> list[Event]:
    return [m for m in of(Event, messages) if m.kind == wire_id(kind)]


def new_room(lobby: Lobby, hooks: Hooks, host: Session, duration_s: int = 30) -> GameRoom:
    create = Create("expo-hall", Mode.SHOWDOWN, Difficulty.EASY, duration_s)
    room = GameRoom(lobby.new_code(), create, host, hooks)
    lobby.add_room(room)
    return room


def refused(code: ErrorCode, call: Any, *args: Any) -> ProtocolError:
    with pytest.raises(ProtocolError) as info:
        call(*args)
    assert info.value.code is code
    return info.value


def play_to_end(room: GameRoom, *members: Session, limit: int = 5000) -> dict[Session, list]:
    """Step until the match ends, taking each member's frames after every tick as the
    server does; returns what each member received."""
    got: dict[Session, list[Any]] = {m: [] for m in members}
    steps = 0
    while room.play is not None:
        room.step()
        for member in members:
            got[member] += received(member)
        steps += 1
        assert steps < limit, "the match never ended"
    return got


# -- the lobby ------------------------------------------------------------------------


def test_creating_a_room_seats_the_host_at_kiran_and_queues_the_room(lobby, hooks):
    host = player(lobby, "Leila")
    room = new_room(lobby, hooks, host)
    assert (host.room, host.seat, room.host_id) == (room, 0, host.player_id)
    [joined] = events(received(host), EventKind.PLAYER_JOINED) or [None]
    assert joined is not None and joined.data["name"] == "Leila"
    state = room.message()
    assert state.seats[0].name == "Leila" and all(s.bot for s in state.seats[1:])


def test_join_pick_ready_start_and_what_each_member_is_told(lobby, hooks):
    host, guest = player(lobby, "Leila"), player(lobby, "Jenna")
    room = new_room(lobby, hooks, host)
    received(host)

    room.join(guest, Character.JENNA, spectate=False)
    assert guest.seat == 3
    for member in (host, guest):
        got = received(member)
        assert events(got, EventKind.PLAYER_JOINED)[0].data["character"] == "jenna"
        assert of(Room, got)[-1].seats[3].name == "Jenna"

    room.pick(guest, Character.MAX)
    rooms = of(Room, received(host))
    assert rooms[-1].seats[1].name == "Jenna" and rooms[-1].seats[3].bot

    error = refused(ErrorCode.WRONG_PHASE, room.start, host)
    assert "Jenna is not ready" in error.msg
    assert room.play is None and received(host) == []  # a refusal queues nothing

    room.set_ready(guest, True)
    assert of(Room, received(host))[-1].seats[1].ready
    room.settings(host, Settings(mode=Mode.ALLIANCE, difficulty=Difficulty.HARD))
    changed = of(Room, received(guest))[-1]
    assert (changed.mode, changed.difficulty) == (Mode.ALLIANCE, Difficulty.HARD)

    room.start(host)
    assert room.play is not None and room.phase is Phase.COUNTDOWN
    started = of(Room, received(guest))[-1]
    assert started.phase is Phase.COUNTDOWN
    assert [s.bot for s in started.seats] == [False, False, True, True]


def test_refusals_name_the_rule_and_change_nothing(lobby, hooks):
    host, guest, third = (player(lobby, n) for n in ("Ana", "Bo", "Cy"))
    room = new_room(lobby, hooks, host)
    room.join(guest, None, spectate=False)
    refused(ErrorCode.CHARACTER_TAKEN, room.join, third, Character.KIRAN, False)
    refused(ErrorCode.CHARACTER_TAKEN, room.pick, guest, Character.KIRAN)
    refused(ErrorCode.NOT_HOST, room.start, guest)
    refused(ErrorCode.NOT_HOST, room.settings, guest, Settings(difficulty=Difficulty.HARD))
    refused(ErrorCode.UNKNOWN_LEVEL, room.settings, host, Settings(level="../../etc/passwd"))
    assert room.message().level == "expo-hall" and room.config.difficulty is Difficulty.EASY
    refused(ErrorCode.WRONG_PHASE, room.on_input, host, InputMsg(1))
    for name in ("Di", "Ed"):
        room.join(player(lobby, name), None, spectate=False)
    refused(ErrorCode.ROOM_FULL, room.join, third, None, False)
    assert [s.name for s in room.seats if s] == ["Ana", "Bo", "Di", "Ed"]

    for seated in room.seats[1:]:
        assert seated is not None
        room.set_ready(seated, True)
    room.start(host)
    refused(ErrorCode.WRONG_PHASE, room.join, third, None, False)
    refused(ErrorCode.WRONG_PHASE, room.pick, guest, Character.JENNA)
    refused(ErrorCode.WRONG_PHASE, room.settings, host, Settings(difficulty=Difficulty.HARD))
    watcher = player(lobby, "Wu")
    room.join(watcher, None, spectate=True)
    refused(ErrorCode.WRONG_PHASE, room.on_input, watcher, InputMsg(1))


def test_a_room_with_an_unknown_level_is_never_made(lobby, hooks):
    create = Create("no-such-level", Mode.SHOWDOWN, Difficulty.EASY, 30)
    with pytest.raises(ProtocolError) as info:
        GameRoom("ABCD", create, player(lobby, "Ana"), hooks)
    assert info.value.code is ErrorCode.UNKNOWN_LEVEL


# -- a match --------------------------------------------------------------------------


def test_a_match_steps_to_its_end_with_snapshots_events_end_and_a_record(lobby, hooks):
    host, watcher = player(lobby, "Leila"), player(lobby, "Wu")
    room = new_room(lobby, hooks, host)
    room.join(watcher, None, spectate=True)
    room.start(host)
    received(host), received(watcher)

    room.on_input(host, InputMsg(1, move=(1.0, 0.0)))
    room.step()
    assert room.play is not None and room.play.inputs[0].applied == 1
    match = room.play.match
    received(host), received(watcher)
    got_by = play_to_end(room, host, watcher)
    ticks = match.world.tick
    assert match.over and ticks > 30 * 30  # the countdown, then 30 s of play

    for member in (host, watcher):
        got = got_by[member]
        snaps = of(Snap, got)
        expected = [t for t in range(2, ticks + 1) if t % SNAP_EVERY == 0 or t == ticks]
        assert [s.tick for s in snaps] == expected  # every other tick, and the last
        assert all(s.base is not None for s in snaps[1:])  # deltas once acked
        phases = [m.data["phase"] for m in events(got, EventKind.PHASE)]
        assert phases == ["climax", "results"]  # 30 s is all climax (it lasts 45 s)
        [end] = of(End, got)
        assert end.results.ticks == ticks and end.results.level == "expo-hall"
        assert got.index(end) < got.index(of(Room, got)[-1])  # then the results lobby
        assert of(Room, got)[-1].phase is Phase.RESULTS

    [record] = hooks.records
    assert record.room == room.code and record.ticks == ticks
    assert record.outcome == end.results.outcome and record.state_hash == end.results.state_hash
    assert [p["human"] for p in record.players] == [True, False, False, False]
    assert room.phase is Phase.RESULTS and room.ready == [False] * 4


def test_a_member_far_behind_gets_no_snapshot_but_still_gets_events(lobby, hooks):
    host, slow = player(lobby, "Ana"), player(lobby, "Bo")
    room = new_room(lobby, hooks, host)
    room.join(slow, None, spectate=True)
    room.start(host)
    slow.outbox.in_flight = lambda: SNAP_BACKLOG  # its connection has not written yet
    received(host), received(slow)
    for _ in range(4 * SNAP_EVERY):
        room.step()
    assert of(Snap, received(host))
    assert of(Snap, received(slow)) == []
    slow.outbox.in_flight = lambda: 0
    for _ in range(SNAP_EVERY):
        room.step()
    assert of(Snap, received(slow))[0].base is None  # it never acked: a full snapshot


def test_a_spectator_joining_mid_match_gets_the_room_then_a_full_snapshot(lobby, hooks):
    host = player(lobby, "Ana")
    room = new_room(lobby, hooks, host)
    room.start(host)
    for _ in range(10):
        room.step()
    watcher = player(lobby, "Wu")
    room.join(watcher, None, spectate=True)
    assert watcher.seat is None and room.message().spectators == 1
    assert of(Room, received(host))[-1].spectators == 1
    for _ in range(2 * SNAP_EVERY):
        room.step()
    got = received(watcher)
    assert isinstance(got[0], Room)
    snaps = of(Snap, got)
    assert snaps[0].base is None and snaps[1].base == snaps[0].tick  # acked implicitly
    room.leave(watcher)
    assert watcher.room is None and room.message().spectators == 0


def test_a_disconnected_member_is_sent_nothing(lobby, hooks):
    host, gone = player(lobby, "Ana"), player(lobby, "Bo")
    room = new_room(lobby, hooks, host)
    room.join(gone, None, spectate=True)
    gone.client = None
    received(gone)
    room.start(host)
    for _ in range(4):
        room.step()
    assert received(gone) == [] and len(host.outbox) > 0


# -- dropping, rejoining, the host -------------------------------------------------------


def test_a_dropped_player_keeps_the_seat_a_bot_plays_and_the_rejoin_restores_it(lobby, hooks):
    host, guest = player(lobby, "Ana"), player(lobby, "Bo")
    room = new_room(lobby, hooks, host)
    room.join(guest, Character.MAX, spectate=False)
    room.set_ready(guest, True)
    room.start(host)
    assert room.play is not None
    for _ in range(5):
        room.step()
    received(host)

    guest.client = None
    assert room.drop(guest) is True
    assert guest.room is room and guest.seat == 1
    assert 1 in room.play.match.bots
    got = received(host)
    assert events(got, EventKind.BOT_TOOK_OVER)[0].data["seat"] == 1
    assert of(Room, got)[-1].seats[1].bot  # a bot plays it

    for _ in range(5):
        room.step()
    guest.client = CONNECTED
    room.restore(guest)
    assert 1 not in room.play.match.bots and 1 not in room.held
    assert events(received(host), EventKind.PLAYER_RETURNED)[0].data["name"] == "Bo"
    room.step()
    room.step()
    snaps = of(Snap, received(guest))
    assert snaps and snaps[0].base is None  # back from a full snapshot


def test_a_seat_held_past_the_hold_goes_to_the_bot_and_the_session_is_forgotten(lobby, hooks):
    host, guest = player(lobby, "Ana"), player(lobby, "Bo")
    room = new_room(lobby, hooks, host, duration_s=120)
    room.join(guest, None, spectate=False)
    room.set_ready(guest, True)
    room.start(host)
    assert room.play is not None
    guest.client = None
    room.drop(guest)
    until = room.held[1]
    assert until == HOLD_S * room.play.match.world.tick_rate
    while room.tick < until:
        room.step()
    assert guest.room is None and room.seats[1] is None and hooks.forgotten == [guest]
    assert events(received(host), EventKind.PLAYER_LEFT)[0].data["name"] == "Bo"


def test_when_the_host_leaves_the_next_seated_player_hosts(lobby, hooks):
    host, guest = player(lobby, "Ana"), player(lobby, "Bo")
    room = new_room(lobby, hooks, host)
    room.join(guest, Character.JENNA, spectate=False)
    received(guest)
    room.leave(host)
    assert room.host_id == guest.player_id and host.room is None
    got = received(guest)
    assert of(Room, got)[-1].host == guest.player_id
    assert events(got, EventKind.PLAYER_LEFT)[0].data["name"] == "Ana"
    room.start(guest)  # the new host may start
    assert room.play is not None


def test_a_host_dropped_at_the_end_of_a_match_hands_the_room_over(lobby, hooks):
    host, guest = player(lobby, "Ana"), player(lobby, "Bo")
    room = new_room(lobby, hooks, host)
    room.join(guest, None, spectate=False)
    room.set_ready(guest, True)
    room.start(host)
    host.client = None
    room.drop(host)
    received(guest)
    got = play_to_end(room, guest)[guest]
    assert host.room is None and host in hooks.forgotten
    assert room.host_id == guest.player_id
    assert of(Room, got)[-1].host == guest.player_id


def test_an_aborted_match_is_recorded_and_sends_no_end(lobby, hooks):
    host = player(lobby, "Ana")
    room = new_room(lobby, hooks, host)
    room.start(host)
    room.on_input(host, InputMsg(1, move=(1.0, 0.0)))
    for _ in range(3):
        room.step()
    received(host)
    room.finish(aborted=True)
    assert room.play is None
    assert [r.outcome for r in hooks.records] == ["aborted"]
    assert of(End, received(host)) == []


def test_a_match_abandoned_before_anyone_played_is_not_recorded(lobby, hooks):
    host = player(lobby, "Ana")
    room = new_room(lobby, hooks, host)
    room.start(host)
    for _ in range(3):
        room.step()  # bots play; the host never sent an input
    room.finish(aborted=True)
    assert room.play is None and hooks.records == []


def test_errors_and_closes_queue_in_order_and_nothing_follows_a_close(lobby):
    ana = player(lobby, "Ana")
    ana.outbox.send(ErrorMsg(ErrorCode.INTERNAL, "room closed"))
    ana.outbox.close(1011, "bye")
    ana.outbox.send(ErrorMsg(ErrorCode.INTERNAL, "late"))
    assert lobby.postbox.drain() == [ana]
    got = received(ana)
    assert [type(m) for m in got] == [ErrorMsg, Close] and got[1].code == 1011
    assert lobby.postbox.drain() == []
