"""Prediction and interpolation maths: no window, no network."""

from __future__ import annotations

import math

import numpy as np
import pytest

from game.client.interpolation import KeyframeBuffer, RenderClock, lerp_positions
from game.client.prediction import Predictor, step_player
from game.levels import load_level
from game.sim import World
from game.sim.navigation import navigation_for
from game.sim.types import Input


@pytest.fixture(scope="module")
def level():  # type: ignore[no-untyped-def]
    return load_level("expo-hall")


def _predictor(level, seat: int = 0) -> Predictor:  # type: ignore[no-untyped-def]
    nav = navigation_for(level)
    x, y = level.spawns[seat]
    return Predictor(nav.move_circle, level.rules.characters[seat].speed, 1 / 30, x, y)


def test_prediction_matches_the_server_simulation_exactly(level) -> None:  # type: ignore[no-untyped-def]
    world = World(level, seed=5)
    while world.phase.name == "COUNTDOWN":
        world.step()
    me = world.players[1]
    pred = _predictor(level, 1)
    pred.reset(me.x, me.y)
    moves = (
        [Input(1, 0)] * 20 + [Input(0.7, 0.7)] * 25 + [Input(0, -1)] * 30 + [Input(-1, 0.3)] * 40
    )
    for seq, inp in enumerate(moves, 1):
        world.step([Input(), inp])
        pred.apply(seq, inp)
        assert (pred.x, pred.y) == (me.x, me.y), f"diverged at input {seq}"


def test_prediction_and_the_server_agree_while_pushing_into_walls(level) -> None:  # type: ignore[no-untyped-def]
    world = World(level, seed=9)
    while world.phase.name == "COUNTDOWN":
        world.step()
    me = world.players[2]
    pred = _predictor(level, 2)
    pred.reset(me.x, me.y)
    full_step = level.rules.characters[2].speed / 30
    moves = (
        [Input(-1, 0)] * 120  # into a wall head on
        + [Input(-0.8, -0.9)] * 90  # a longer-than-one stick, sliding along it into a corner
        + [Input(0, 1)] * 150
        + [Input(1, 0.2)] * 200
        + [Input(0, 0)] * 5
        + [Input(0.3, -1)] * 150
    )
    blocked = 0
    for seq, inp in enumerate(moves, 1):
        before = (me.x, me.y)
        world.step([Input(), Input(), inp])
        pred.apply(seq, inp)
        assert (pred.x, pred.y) == (me.x, me.y), f"diverged at input {seq}"
        moved = math.hypot(me.x - before[0], me.y - before[1])
        blocked += inp != Input() and moved < full_step - 1e-9
    assert blocked > 50  # the walls really were in the way


def test_prediction_slides_along_walls_like_the_simulation(level) -> None:  # type: ignore[no-untyped-def]
    nav = navigation_for(level)
    x, y = 1.5, 8.5  # next to the west wall
    for _ in range(30):
        x, y = step_player(nav.move_circle, x, y, Input(-1, 0), 4.0, 1 / 30)
    assert x == pytest.approx(1.3, abs=0.01)
    assert y == 8.5


def test_reconcile_replays_unacknowledged_inputs_from_the_server_position(level) -> None:  # type: ignore[no-untyped-def]
    pred = _predictor(level)
    sx, sy = pred.x, pred.y
    for seq in range(1, 11):
        pred.apply(seq, Input(1, 0))
    expected_x = pred.x
    # The server applied inputs 1..4 and reports exactly where that put us.
    ref = _predictor(level)
    for seq in range(1, 5):
        ref.apply(seq, Input(1, 0))
    pred.reconcile(ref.x, ref.y, ack_seq=4)
    assert [s for s, _ in pred.pending] == list(range(5, 11))
    assert pred.x == pytest.approx(expected_x)
    assert pred.offset_x == pytest.approx(0.0)
    assert (sx, sy) != (pred.x, pred.y)


def test_a_correction_is_smoothed_not_snapped(level) -> None:  # type: ignore[no-untyped-def]
    pred = _predictor(level)
    pred.apply(1, Input(1, 0))
    before = pred.shown
    pred.reconcile(pred.x - 0.5, pred.y, ack_seq=1)  # the server says half a tile back
    assert pred.shown == pytest.approx(before)  # nothing jumps on screen...
    for _ in range(30):
        pred.smooth(1 / 60)
    assert pred.shown[0] == pytest.approx(pred.x, abs=0.01)  # ...and it glides to the truth


def test_a_teleport_is_not_smoothed(level) -> None:  # type: ignore[no-untyped-def]
    pred = _predictor(level)
    pred.reconcile(pred.x + 5, pred.y, ack_seq=None)
    assert pred.offset_x == 0.0


def test_no_prediction_while_players_may_not_move(level) -> None:  # type: ignore[no-untyped-def]
    pred = _predictor(level)
    start = (pred.x, pred.y)
    pred.apply(1, Input(1, 0), moving=False)
    assert (pred.x, pred.y) == start
    assert len(pred.pending) == 1


def test_lerp_blends_and_prefers_the_newer_shape() -> None:
    a = np.array([[0.0, 0.0], [2.0, 2.0]])
    b = np.array([[2.0, 0.0], [2.0, 4.0]])
    assert lerp_positions(a, b, 0.25).tolist() == [[0.5, 0.0], [2.0, 2.5]]
    assert lerp_positions(a, b, 2.0).tolist() == b.tolist()
    c = np.zeros((3, 2))
    assert lerp_positions(a, c, 0.5) is c


def test_keyframes_interpolate_between_the_two_around_the_tick() -> None:
    buf = KeyframeBuffer()
    buf.push(10, np.array([[0.0, 0.0]]))
    buf.push(12, np.array([[4.0, 2.0]]))
    buf.push(14, np.array([[4.0, 6.0]]))
    assert buf.sample(11).tolist() == [[2.0, 1.0]]
    assert buf.sample(13.5).tolist() == [[4.0, 5.0]]
    assert buf.sample(5).tolist() == [[0.0, 0.0]]  # held before the first
    assert buf.sample(99).tolist() == [[4.0, 6.0]]  # held after the last
    buf.push(13, np.array([[9.0, 9.0]]))  # late: ignored, the timeline stays monotonic
    assert buf.sample(13).tolist() == [[4.0, 4.0]]


def test_render_clock_stays_a_fixed_delay_behind_the_newest_snapshot() -> None:
    clock = RenderClock(30, delay_ticks=3)
    assert clock.advance(1 / 60, 100) == 97
    newest = 100.0
    for _ in range(600):  # 10 s at 60 FPS with snapshots every 2 ticks, 15 Hz
        newest += 0.5
        clock.advance(1 / 60, int(newest) // 2 * 2)
    assert clock.tick == pytest.approx(newest - 3, abs=1.5)


def test_render_clock_jumps_when_far_behind() -> None:
    clock = RenderClock(30, delay_ticks=3)
    clock.advance(1 / 60, 100)
    clock.advance(1 / 60, 400)
    assert clock.tick == 397
