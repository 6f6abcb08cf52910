"""Matches over a real loopback connection: snapshots, the end, history, rejoin, watching."""

from __future__ import annotations

import asyncio

import pytest
from test_server_support import TIMEOUT, Player, live_server_fixture
from websockets.asyncio.client import connect
from websockets.extensions.permessage_deflate import PerMessageDeflate

from game.kinds import Phase
from game.net import (
    End,
    ErrorCode,
    ErrorMsg,
    Event,
    Hello,
    InputMsg,
    Join,
    Rejoin,
    Room,
    Snap,
    Snapshot,
    SnapshotDecoder,
    Start,
    Welcome,
    decode_server,
    encode,
    observation_from,
)
from game.replay import Replay, verify
from game.sim import Input
from server.app import GameServer
from server.history import MatchHistory
from server.play import SeatInput

live_server = live_server_fixture


async def start_match(server: GameServer, duration_s: int = 30) -> tuple[Player, Room]:
    host = await Player.connect(server.url, "Host")
    room = await host.create(duration_s)
    await host.send(Start())
    await host.expect(Room, lambda r: r.phase is Phase.COUNTDOWN)
    return host, room


async def play_until_end(player: Player) -> End:
    """Answer every snapshot with an input (as a client does) until ``end``."""

    async def loop() -> End:
        while True:
            msg = await player.recv()
            if isinstance(msg, End):
                return msg
            if isinstance(msg, Snap):
                await player.send_input((0.5, 0.5), patch=True)

    return await asyncio.wait_for(loop(), TIMEOUT * 2)


@pytest.mark.slow
async def test_short_match_runs_to_end_and_is_recorded_with_a_replay_that_verifies(
    live_server: GameServer,
) -> None:
    host, room = await start_match(live_server)
    end = await play_until_end(host)
    assert end.results.level == "expo-hall" and end.results.ticks > 30 * 30
    assert end.results.alliance_won is None  # a Showdown
    players = end.results.players
    assert [int(p.character) for p in players] == [0, 1, 2, 3]
    assert [p.favour for p in players] == [end.results.favour[p.character] for p in players]
    after = await host.expect(Room)
    assert after.phase is Phase.RESULTS and after.host == host.player_id
    assert host.snaps > 100

    await asyncio.get_running_loop().run_in_executor(None, live_server.recorder.flush)
    assert live_server.recorder.history is not None
    db = MatchHistory(live_server.recorder.history.path)
    (row,) = db.recent()
    assert row["room"] == room.code and row["outcome"] == end.results.outcome
    full = db.get(row["id"])
    assert full is not None and full["state_hash"] == end.results.state_hash
    replay = Replay.from_bytes(full["replay"])
    assert verify(replay).ok
    db.close()


async def test_snapshots_are_deltas_against_the_last_snapshot_sent(
    live_server: GameServer,
) -> None:
    host, _ = await start_match(live_server)
    first = await host.expect(Snap)
    assert first.base is None  # full on join
    second = await host.expect(Snap)
    assert second.base == first.tick  # no ack needed: TCP delivered the first
    obs = observation_from(host.decoded[second.tick].snapshot, second.tick)
    assert len(obs.players) == 4
    await host.send_input()
    acked = await host.expect(Snap, lambda s: host.decoded[s.tick].ack_seq is not None)
    assert host.decoded[acked.tick].ack_seq == 1
    assert acked.base is not None  # the ack did not restart the stream


async def test_a_null_ack_after_a_confirmed_full_snapshot_gets_a_new_full_one(
    live_server: GameServer,
) -> None:
    host, _ = await start_match(live_server)
    first = await host.expect(Snap)
    await host.send_input()  # acks the full snapshot
    await host.expect(Snap, lambda s: host.decoded[s.tick].ack_seq is not None)
    host.seq += 1
    await host.send(InputMsg(host.seq, None, (0.0, 0.0), False))  # a client that lost track
    full = await host.expect(Snap, lambda s: s.base is None)
    assert full.tick > first.tick


async def test_a_dropped_player_gets_the_seat_back_with_the_token(live_server: GameServer) -> None:
    host, room = await start_match(live_server, duration_s=120)
    watcher = await Player.connect(live_server.url, "Watcher")
    await watcher.send(Join(room.code, spectate=True))
    await watcher.expect(Room)
    token = host.welcome.token
    await host.expect(Snap)
    await host.close()
    took_over = await watcher.expect(Event, lambda e: e.kind == "bot_took_over")
    assert took_over.data["seat"] == 0
    held = await watcher.expect(Room, lambda r: r.seats[0].bot)
    assert held.seats[0].player_id == host.player_id
    ticks_before = took_over.tick
    await watcher.expect(Snap, lambda s: s.tick > ticks_before + 30)  # the bot played on

    again = await Player.connect(live_server.url, "Host")
    await again.send(Rejoin(token))
    welcome = await again.expect(type(host.welcome))
    assert welcome.player_id == host.player_id and welcome.token == token
    back = await again.expect(Room)
    assert not back.seats[0].bot and back.seats[0].player_id == host.player_id
    snap = await again.expect(Snap)
    assert snap.base is None  # full snapshot after a rejoin
    returned = await watcher.expect(Event, lambda e: e.kind == "player_returned")
    assert returned.data["player_id"] == host.player_id
    after = await again.expect(Snap)
    assert after.base == snap.tick  # then deltas against what this connection was sent
    assert again.decoded[after.tick].snapshot == await _snapshot_at(watcher, after.tick)


async def test_rejoin_with_an_unknown_token_is_refused(live_server: GameServer) -> None:
    p = await Player.connect(live_server.url)
    await p.send(Rejoin("x" * 32))
    assert (await p.expect(ErrorMsg)).code is ErrorCode.BAD_TOKEN


async def test_a_spectator_joining_mid_match_gets_a_full_snapshot_then_deltas(
    live_server: GameServer,
) -> None:
    host, room = await start_match(live_server, duration_s=120)
    watcher = await Player.connect(live_server.url, "Watcher")
    await watcher.send(Join(room.code, spectate=True))
    joined = await watcher.expect(Room)
    assert joined.spectators == 1 and joined.phase is not Phase.LOBBY
    first = await watcher.expect(Snap)
    assert first.base is None and watcher.decoded[first.tick].ack_seq is None
    later = await watcher.expect(Snap)
    assert later.base == first.tick
    # The deltas rebuild exactly what the players see.
    host_view = await _snapshot_at(host, later.tick)
    assert watcher.decoded[later.tick].snapshot == host_view


async def _snapshot_at(player: Player, tick: int) -> Snapshot:
    await player.expect(Snap, lambda s: s.tick >= tick)
    return player.decoded[tick].snapshot


def test_ability_presses_between_ticks_are_latched_until_the_next_tick() -> None:
    state = SeatInput()
    state.current, state.ability, state.seq = Input(1.0, 0.0, ability=True), True, 1
    state.current, state.seq = Input(0.0, 1.0), 2  # the tap is over before the tick
    used = state.take()
    assert used.ability and used.move_y == 1.0 and state.applied == 2
    assert not state.take().ability


async def test_a_client_offering_permessage_deflate_gets_it_and_reads_snapshots(
    live_server: GameServer,
) -> None:
    host, room = await start_match(live_server, duration_s=120)
    async with connect(live_server.url, compression="deflate") as ws:
        assert any(isinstance(e, PerMessageDeflate) for e in ws.protocol.extensions)
        await ws.send(encode(Hello("Deflated")))
        assert isinstance(decode_server(await ws.recv()), Welcome)
        await ws.send(encode(Join(room.code, spectate=True)))
        decoder, snaps = SnapshotDecoder(), 0
        while snaps < 5:
            msg = decode_server(await asyncio.wait_for(ws.recv(), TIMEOUT))
            if isinstance(msg, Snap):
                decoder.receive(msg)
                snaps += 1
        assert decoder.ack is not None
    await host.close()
