"""The v2 snapshot encoding: exact round trips on a recorded match, sizes, streams, limits."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.levels import LevelError, load_level
from game.levels.model import MAP_MAX
from game.net import (
    ProtocolError,
    Snap,
    Snapshot,
    SnapshotBuilder,
    SnapshotDecoder,
    SnapshotEncoder,
    UnknownBaseError,
    decode_server,
    observation_from,
    pack,
)
from game.net.delta import EMPTY, WireState, decode, encode, snapshot_of, wire_state
from game.replay import Replay
from game.sim import World
from game.sim.world import CROWD_EVERY

GOLDEN = Path(__file__).with_name("golden")
ARENA = Path(__file__).with_name("data") / "test-arena.toml"


def recorded_snapshots(name: str = "expo-hall-showdown-7") -> list[tuple[int, Snapshot, World]]:
    """Every other tick of a golden match, as the server would snapshot it."""
    builder = SnapshotBuilder()
    out: list[tuple[int, Snapshot, World]] = []

    def on_tick(world: World) -> None:
        if world.tick % 2 == 0 or world.over:
            out.append((world.tick, builder.build(world), world))

    Replay.load(GOLDEN / f"{name}.replay").playback(on_tick)
    return out


@pytest.fixture(scope="module", name="match")
def match_fixture() -> list[tuple[int, Snapshot, World]]:
    return recorded_snapshots()


def test_every_snapshot_of_a_recorded_match_decodes_to_the_state_it_came_from(
    match: list[tuple[int, Snapshot, World]],
) -> None:
    encoder, decoder = SnapshotEncoder(), SnapshotDecoder()
    for seq, (tick, snapshot, _) in enumerate(match):
        got = decoder.receive(decode_server(encoder.frame(tick, snapshot, seq or None)))
        assert got.tick == tick and got.ack_seq == (seq or None)
        assert got.snapshot == snapshot, f"tick {tick}"


def test_decoded_observations_match_the_world_within_the_quantisation() -> None:
    world = World(load_level("expo-hall"), 3)
    for _ in range(400):
        world.step()
    tick = world.tick
    got = SnapshotDecoder().receive(
        decode_server(SnapshotEncoder().frame(tick, SnapshotBuilder().build(world)))
    )
    obs = observation_from(got.snapshot, tick)
    assert obs.phase is world.phase and obs.ticks_left == world.ticks_left
    for view, p in zip(obs.players, world.players, strict=True):
        assert abs(view.x - p.x) <= 1 / 64 and abs(view.y - p.y) <= 1 / 64
        assert (view.ability_cd, view.action_cd, view.effect_ticks) == (
            p.ability_cd, p.action_cd, p.effect_ticks,
        )  # fmt: skip
        assert (view.patches, view.fragments, view.patch_node) == (
            p.patches,
            p.fragments,
            p.patch_node,
        )
    assert np.abs(obs.crowd_pos - world.crowd.pos).max() <= 1 / 8
    assert np.abs(obs.crowd_panic - world.crowd.panic).max() <= 1 / 14
    assert np.array_equal(obs.infected, world.systems.infected)
    assert np.array_equal(obs.firewall, world.systems.firewall > 0)
    assert len(obs.drones) == len(world.drones)


def test_a_delta_is_far_smaller_than_a_full_snapshot_and_an_unchanged_one_is_one_byte(
    match: list[tuple[int, Snapshot, World]],
) -> None:
    (t0, s0, _), (t1, s1, _) = match[200], match[201]
    full = encode(None, wire_state(s1, t1, None))
    delta = encode(wire_state(s0, t0, None), wire_state(s1, t1, None))
    assert len(delta.payload) * 5 < len(full.payload)
    rows = [[v - 2 if i in (4, 5, 7) and v > 0 else v for i, v in enumerate(r)] for r in s1.players]
    two_ticks_on = _with_players(s1, rows, ticks_left=s1.ticks_left - 2)
    same = encode(wire_state(s1, t1, None), wire_state(two_ticks_on, t1 + 2, None))
    assert same.payload == bytes([2 << 4])  # the gap, and no section: clocks run by themselves


def test_the_crowd_travels_only_on_the_ticks_it_moves(
    match: list[tuple[int, Snapshot, World]],
) -> None:
    live = [(t, s) for t, s, _ in match if t > 200][:30]
    moved = 0
    for (t0, s0), (t1, s1) in zip(live, live[1:], strict=False):
        crowd = encode(wire_state(s0, t0, None), wire_state(s1, t1, None)).crowd
        stepped = any(t % CROWD_EVERY == CROWD_EVERY // 2 for t in range(t0 + 1, t1 + 1))
        assert stepped or crowd == 0, t1
        moved += crowd > 0
    assert moved >= 9  # 30 snapshots at 15 Hz hold ten crowd steps


def test_a_running_cooldown_costs_nothing_until_it_ends() -> None:
    (tick, snap, _), *_ = recorded_snapshots("test-arena-showdown-7")
    rows = [list(r) for r in snap.players]
    rows[0][4] = 100  # ability cooldown: 100 ticks
    before = _with_players(snap, rows)
    rows[0][4] = 98
    after = _with_players(snap, rows)
    delta = encode(wire_state(before, tick, None), wire_state(after, tick + 2, None))
    assert delta.players == 0
    assert snapshot_of(decode(wire_state(before, tick, None), delta.payload, tick + 2))[0] == after


def _with_players(snap: Snapshot, rows: list[list[int]], **changes: int) -> Snapshot:
    fields = {name: getattr(snap, name) for name in Snapshot.__slots__}
    fields["players"] = tuple(tuple(r) for r in rows)
    return Snapshot(**{**fields, **changes})


def test_a_spectator_joining_a_shared_stream_gets_a_full_snapshot_then_the_shared_frames(
    match: list[tuple[int, Snapshot, World]],
) -> None:
    shared = SnapshotEncoder()
    early, late = SnapshotDecoder(), SnapshotDecoder()
    for i, (tick, snapshot, _) in enumerate(match[:60]):
        frame = shared.frame(tick, snapshot)
        early.receive(decode_server(frame))
        if i == 30:
            joined = shared.full_frame()
            assert joined is not None
            first = decode_server(joined)
            assert isinstance(first, Snap) and first.base is None and first.tick == tick
            late.receive(first)
        elif i > 30:
            assert late.receive(decode_server(frame)).snapshot == snapshot
    assert early.ack == late.ack == match[59][0]


def test_a_delta_against_a_tick_the_client_does_not_hold_asks_for_a_full_one(
    match: list[tuple[int, Snapshot, World]],
) -> None:
    encoder, decoder = SnapshotEncoder(), SnapshotDecoder()
    (t0, s0, _), (t1, s1, _), (t2, s2, _) = match[10:13]
    decoder.receive(decode_server(encoder.frame(t0, s0)))
    encoder.frame(t1, s1)  # never delivered
    with pytest.raises(UnknownBaseError):
        decoder.receive(decode_server(encoder.frame(t2, s2)))
    assert decoder.ack is None
    encoder.acked(t0)  # the client had confirmed the full snapshot
    encoder.acked(None)  # and now lost track
    assert decoder.receive(decode_server(encoder.frame(t2 + 2, s2))).snapshot == s2
    assert decoder.ack == t2 + 2


def test_a_null_ack_before_the_full_snapshot_arrived_does_not_resend_it() -> None:
    encoder = SnapshotEncoder()
    (tick, snap, _), *_ = recorded_snapshots("test-arena-showdown-7")
    encoder.frame(tick, snap)
    encoder.acked(None)  # sent before the full one reached the client
    assert encoder.snap(tick + 2, snap).base == tick


def test_a_120_by_80_map_loads_and_a_visitor_at_110_75_arrives_there(tmp_path: Path) -> None:
    big = _level_of_size(tmp_path, *MAP_MAX)
    level = load_level(str(big))
    assert (level.width, level.height) == MAP_MAX
    world = World(level, 1)
    world.crowd.pos[0] = (110.0, 75.0)
    world.crowd.pos[1] = (119.75, 79.75)
    got = SnapshotDecoder().receive(
        decode_server(SnapshotEncoder().frame(0, SnapshotBuilder().build(world)))
    )
    obs = observation_from(got.snapshot, 0)
    assert tuple(obs.crowd_pos[0]) == (110.0, 75.0)
    assert tuple(obs.crowd_pos[1]) == (119.75, 79.75)
    with pytest.raises(LevelError, match=r"outside 8x6\.\.120x80"):
        load_level(str(_level_of_size(tmp_path, MAP_MAX[0] + 1, MAP_MAX[1])))


def _level_of_size(tmp_path: Path, width: int, height: int) -> Path:
    """The test arena's level with its map padded to ``width`` x ``height`` with floor."""
    text = ARENA.read_text()
    head, rest = text.split("[map]\nrows = [\n", 1)
    rows_text, tail = rest.split("]\n", 1)
    rows = [line.strip().strip(",").strip('"') for line in rows_text.splitlines() if line.strip()]
    pad = width - len(rows[0])
    grown = [rows[0] + "#" * pad]
    grown += [r[:-1] + "." * pad + r[-1] for r in rows[1:]]
    grown += ["#" + "." * (width - 2) + "#"] * (height - len(rows) - 1)
    grown += ["#" * width]
    assert len(grown) == height
    body = ",\n".join(f'  "{r}"' for r in grown)
    path = tmp_path / f"big-{width}.toml"
    path.write_text(f"{head}[map]\nrows = [\n{body},\n]\n{tail}")
    return path


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200), st.integers(0, 2**32 - 1))
def test_random_payloads_raise_only_protocol_error(payload: bytes, tick: int) -> None:
    base = wire_state(_arena_snapshot(), 10, None)
    for start in (None, base, EMPTY):
        try:
            state = decode(start, payload, tick)
            snapshot_of(state)
        except ProtocolError:
            pass


_ARENA: list[Snapshot] = []


def _arena_snapshot() -> Snapshot:
    if not _ARENA:
        _ARENA.append(SnapshotBuilder().build(World(load_level(str(ARENA)), 1)))
    return _ARENA[0]


def test_a_move_off_any_map_is_refused_cleanly() -> None:
    base = wire_state(_arena_snapshot(), 10, None)
    mask = b"\x01" + bytes((len(base.crowd_x) + 7) // 8 - 1)  # visitor 0 moved
    head, code = bytes([2 << 4 | 4]), bytes([15])
    huge = head + mask + code + b"\x88" + b"\xff" * 9 + b"\x01" + b"\x00"
    with pytest.raises(ProtocolError, match="off any map"):
        decode(base, huge, 12)
    near = head + mask + code + bytes([0x3F])  # dx -1, dy 3
    moved = decode(base, near, 12)
    assert (moved.crowd_x[0] - base.crowd_x[0], moved.crowd_y[0] - base.crowd_y[0]) == (-1, 3)


def test_the_protocol_documents_example_payload_is_what_the_encoder_writes() -> None:
    rows = (0, 2, 0, 9000, 0, 100, 200, *[0] * 42, 0, 0, 0, 0)
    moved = (*rows[:5], 105, 197, *rows[7:])
    payload = encode(WireState(1234, rows), WireState(1236, moved)).payload
    assert payload == bytes.fromhex("21 02 05 0a 00 05")
    assert decode(WireState(1234, rows), payload, 1236).rows == moved
    assert len(pack(Snap(1236, payload).to_wire())) == 26


def _states(tick: int) -> st.SearchStrategy[WireState]:
    """Well-formed wire states: any values, any node, link, visitor and drone counts."""
    value = st.integers(-(2**40), 2**40)
    moods = st.sampled_from([p * 8 + f for p in range(8) for f in range(5)])

    def build(fixed: list[int], nodes: list[int], links: list[int], drones: list[int],
              crowd: list[tuple[int, int, int]]) -> WireState:  # fmt: skip
        rows = (*fixed, len(nodes) // 2, *nodes, len(links), *links, len(crowd))
        rows += (len(drones) // 4, *drones)
        x, y, mood = (np.array([c[k] for c in crowd], dtype=np.int64) for k in range(3))
        return WireState(tick, rows, x, y, mood)

    return st.builds(
        build,
        st.lists(value, min_size=49, max_size=49),
        st.integers(0, 6).flatmap(lambda n: st.lists(value, min_size=2 * n, max_size=2 * n)),
        st.lists(value, max_size=6),
        st.integers(0, 3).flatmap(lambda n: st.lists(value, min_size=4 * n, max_size=4 * n)),
        st.lists(st.tuples(st.integers(0, 480), st.integers(0, 320), moods), max_size=40),
    )


@settings(max_examples=200, deadline=None)
@given(_states(10), _states(12))
def test_any_two_states_round_trip_through_a_delta_and_through_a_full_payload(
    old: WireState, new: WireState
) -> None:
    """Lengths change both ways, visitors appear and leave, far moves escape."""
    for base in (old, None):
        got = decode(base, encode(base, new).payload, new.tick)
        assert got.rows == new.rows
        assert np.array_equal(got.crowd_x, new.crowd_x) and np.array_equal(got.crowd_y, new.crowd_y)
        assert np.array_equal(got.crowd_mood, new.crowd_mood)
