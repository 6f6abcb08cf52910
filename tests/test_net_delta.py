"""Snapshot deltas and the per-client histories that choose their bases."""

from __future__ import annotations

import contextlib
import random
from typing import Any, cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.net import (
    ProtocolError,
    Snap,
    Snapshot,
    SnapshotHistory,
    SnapshotReceiver,
    UnknownBaseError,
    apply,
    decode_server,
    diff,
    encode,
    pack,
    unpack,
)

ints = st.integers(-(2**31), 2**31 - 1)
small = st.integers(-3, 3)
keys = st.sampled_from(["tick", "phase", "players", "nodes", "crowd", "leak", "x", "y"])
values = st.one_of(
    ints,
    st.lists(small, max_size=40),
    st.lists(ints, max_size=10),
    st.lists(st.lists(small, max_size=5), max_size=8),
)
snapshots = st.dictionaries(keys, values, max_size=8)


def mutate(snapshot: Snapshot, rng: random.Random) -> Snapshot:
    """A plausible next tick: a few items changed, rows and keys sometimes added or lost."""
    out: Snapshot = {}
    for key, value in snapshot.items():
        if rng.random() < 0.1:
            continue
        if isinstance(value, list):
            new: list[Any] = [list(v) if isinstance(v, list) else v for v in value]
            for _ in range(rng.randrange(4)):
                if new:
                    i = rng.randrange(len(new))
                    new[i] = [rng.randrange(9)] if isinstance(new[i], list) else rng.randrange(9)
            if rng.random() < 0.2:
                new = new[: rng.randrange(len(new) + 1)]
            if rng.random() < 0.2:
                new.extend(rng.randrange(9) for _ in range(rng.randrange(5)))
            out[key] = new
        else:
            out[key] = value + rng.randrange(2)
    if rng.random() < 0.2:
        out["extra"] = rng.randrange(100)
    return out


def crowd(visitors: int, seed: int = 1) -> Snapshot:
    rng = random.Random(seed)
    return {
        "tick": 1000,
        "phase": 2,
        "players": [[rng.randrange(4096) for _ in range(6)] for _ in range(4)],
        "nodes": [[i, rng.randrange(101), 0] for i in range(24)],
        "crowd": [rng.randrange(4096) for _ in range(visitors * 4)],
    }


@settings(max_examples=150, deadline=None)
@given(snapshots, snapshots)
def test_apply_of_diff_rebuilds_any_snapshot(base: Snapshot, current: Snapshot) -> None:
    assert apply(base, diff(base, current)) == current


@settings(max_examples=150, deadline=None)
@given(snapshots, st.randoms(use_true_random=False))
def test_apply_of_diff_rebuilds_a_mutated_snapshot_through_msgpack(
    base: Snapshot, rng: random.Random
) -> None:
    current = mutate(base, rng)
    delta = unpack(pack(diff(base, current)), 1 << 20)
    assert apply(base, delta) == current


@settings(max_examples=100, deadline=None)
@given(snapshots, snapshots)
def test_diff_and_apply_leave_their_inputs_alone(base: Snapshot, current: Snapshot) -> None:
    before = (repr(base), repr(current))
    apply(base, diff(base, current))
    assert (repr(base), repr(current)) == before


def test_delta_of_an_unchanged_200_visitor_snapshot_is_tiny() -> None:
    state = crowd(200)
    assert diff(state, state) == {}
    assert len(pack(diff(state, state))) < 20
    assert len(encode(Snap(tick=1001, data=diff(state, state), base=1000, ack_seq=77))) < 50


def people(state: Snapshot) -> list[int]:
    return list(cast(list[int], state["crowd"]))


def test_sparse_change_in_a_large_flat_array_sends_only_the_runs() -> None:
    base = crowd(300)
    moved = people(base)
    for i in (5, 6, 400, 1199):
        moved[i] += 1
    delta = diff(base, {**base, "crowd": moved})
    runs = [5, 2, moved[5], moved[6], 393, 1, moved[400], 798, 1, moved[1199]]
    assert delta == {"p": {"crowd": [1200, *runs]}}
    assert len(pack(delta)) < 40
    assert apply(base, delta) == {**base, "crowd": moved}


def test_dense_change_sends_the_whole_list() -> None:
    base = crowd(300)
    moved = [v + 1 for v in people(base)]
    delta = diff(base, {**base, "crowd": moved})
    assert delta == {"s": {"crowd": moved}}
    assert len(pack(delta)) <= len(pack(moved)) + 10


def test_moving_half_the_crowd_costs_less_than_a_full_snapshot() -> None:
    base = crowd(300)
    moved = people(base)
    for visitor in range(0, 300, 2):
        moved[visitor * 4] += 1
        moved[visitor * 4 + 1] -= 1
    delta = diff(base, {**base, "crowd": moved})
    assert len(pack(delta)) < len(pack(moved))


def test_rows_added_and_removed_and_keys_removed() -> None:
    rows = [[i, i] for i in range(10)]
    base: Snapshot = {"nodes": rows, "gone": 3, "crowd": list(range(50))}
    current: Snapshot = {"nodes": rows[:8] + [[8, 9]], "crowd": list(range(52)), "new": 1}
    delta = diff(base, current)
    assert delta["d"] == ["gone"] and delta["s"] == {"new": 1}
    assert delta["p"] == {"crowd": [52, 50, 2, 50, 51], "nodes": [9, 8, 1, [8, 9]]}
    assert apply(base, delta) == current


@pytest.mark.parametrize(
    "delta",
    [
        [],
        {"x": {}},
        {"s": []},
        {"d": ["missing"]},
        {"p": {"scalar": [1]}},
        {"p": {"list": "x"}},
        {"p": {"list": [-1]}},
        {"p": {"list": [5, 0, 9, 1]}},  # run longer than its items
        {"p": {"list": [6]}},  # grows without filling the new items
        {"p": {"list": [2**60]}},  # would allocate forever
        {"p": {"list": [3, 0]}},  # skip without a count
        {"s": {"x": "text"}},
        {"s": {"x": [[1, "a"]]}},
    ],
)
def test_malformed_deltas_raise_protocol_error(delta: Any) -> None:
    with pytest.raises(ProtocolError):
        apply({"scalar": 1, "list": [1, 2, 3]}, delta)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(["s", "d", "p"]), st.from_type(object) | values | snapshots))
def test_random_deltas_raise_only_protocol_error(delta: dict[str, Any]) -> None:
    with contextlib.suppress(ProtocolError):
        apply({"scalar": 1, "list": [1, 2, 3], "rows": [[1], [2]]}, delta)


def test_history_sends_full_until_an_ack_then_deltas_against_it() -> None:
    history = SnapshotHistory()
    first = history.snap(10, {"a": 1}, ack=None, ack_seq=None)
    assert first == Snap(tick=10, data={"a": 1}, base=None, ack_seq=None)
    second = history.snap(11, {"a": 2}, ack=10, ack_seq=4)
    assert second == Snap(tick=11, data={"s": {"a": 2}}, base=10, ack_seq=4)


def test_history_falls_back_to_full_for_unknown_or_impossible_acks() -> None:
    history = SnapshotHistory(capacity=4)
    for tick in range(10):
        history.snap(tick, {"a": tick}, ack=None)
    assert len(history) == 4
    assert history.snap(10, {"a": 10}, ack=2).base is None  # forgotten
    assert history.snap(11, {"a": 11}, ack=99).base is None  # never sent
    assert history.snap(12, {"a": 12}, ack=12).base is None  # not older than the tick
    assert history.snap(13, {"a": 13}, ack=11).base == 11


def test_history_forgets_snapshots_older_than_the_ack() -> None:
    history = SnapshotHistory()
    for tick in range(10):
        history.snap(tick, {"a": tick}, ack=None)
    history.snap(10, {"a": 10}, ack=8)
    assert history.base_for(7) is None and history.base_for(8) == {"a": 8}


def test_receiver_rebuilds_full_state_and_acks_the_newest_tick() -> None:
    receiver = SnapshotReceiver()
    assert receiver.ack is None
    assert receiver.receive(Snap(tick=5, data={"a": 1, "b": [1, 2]})) == {"a": 1, "b": [1, 2]}
    assert receiver.receive(Snap(tick=6, data={"s": {"a": 2}}, base=5)) == {"a": 2, "b": [1, 2]}
    assert receiver.ack == 6 and receiver.get(5) == {"a": 1, "b": [1, 2]}


def test_receiver_with_unknown_base_asks_for_a_full_snapshot() -> None:
    receiver = SnapshotReceiver()
    receiver.receive(Snap(tick=5, data={"a": 1}))
    with pytest.raises(UnknownBaseError) as info:
        receiver.receive(Snap(tick=7, data={}, base=3))
    assert info.value.base == 3
    assert receiver.ack is None
    receiver.receive(Snap(tick=8, data={"a": 8}))
    assert receiver.ack == 8


def test_receiver_refuses_a_malformed_full_snapshot() -> None:
    with pytest.raises(ProtocolError):
        SnapshotReceiver().receive(Snap(tick=1, data={"a": "text"}))


def test_server_and_client_stay_in_step_with_lagging_acks() -> None:
    """Acks arrive three ticks late, as with a 100 ms round trip at 30 Hz."""
    rng = random.Random(3)
    history, receiver = SnapshotHistory(), SnapshotReceiver()
    state, acks = crowd(100), list[int | None]([None, None, None])
    for tick in range(1, 120):
        state = mutate(state, rng)
        frame = encode(history.snap(tick, state, ack=acks.pop(0), ack_seq=tick))
        msg = decode_server(frame)
        assert isinstance(msg, Snap)
        assert receiver.receive(msg) == state
        acks.append(receiver.ack)
        last = msg
    assert last.base == 116


def test_delta_removing_a_non_string_key_is_a_protocol_error() -> None:
    with pytest.raises(ProtocolError):
        apply({"a": 1}, {"d": [[]]})
