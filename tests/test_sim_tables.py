"""The per-level tables that speed up the crowd, bots and collision give the very answers
they replace (golden replays prove whole matches; these name the table that broke)."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from game.bots import Bot
from game.bots.crowdmap import POI_RADIUS, crowd_counts
from game.kinds import Difficulty
from game.levels import level_ids, load_level
from game.match import Match
from game.match_config import MatchConfig
from game.sim.navigation import navigation_for


def _brute_box_hits(nav: object, x0: float, y0: float, x1: float, y1: float) -> bool:
    for ty in range(math.floor(y0), math.floor(y1) + 1):
        for tx in range(math.floor(x0), math.floor(x1) + 1):
            if nav.is_solid(tx, ty):  # type: ignore[attr-defined]
                return True
    return False


@pytest.mark.parametrize("level_id", level_ids())
def test_box_tests_through_the_open_block_table_agree_with_tile_by_tile(level_id: str) -> None:
    nav = navigation_for(load_level(level_id))
    rnd = random.Random(7)
    hits = 0
    for _ in range(20000):
        x, y = rnd.uniform(-1, nav.width + 1), rnd.uniform(-1, nav.height + 1)
        r = rnd.choice((0.3, 0.2, 0.45))
        expected = _brute_box_hits(nav, x - r, y - r, x + r, y + r)
        assert nav._box_hits(x - r, y - r, x + r, y + r) is expected, (x, y, r)
        hits += expected
    assert 0 < hits < 20000, "both outcomes were tried"


@pytest.mark.parametrize("level_id", level_ids())
def test_crowd_aim_points_are_the_point_when_near_and_the_next_tile_otherwise(
    level_id: str,
) -> None:
    level = load_level(level_id)
    nav = navigation_for(level)
    plane = nav.width * nav.height
    for poi, p in enumerate(level.pois):
        field = nav.poi_fields[poi]
        near = field.dist < 1.5
        aim_x = nav.poi_aim_x[poi * plane : (poi + 1) * plane].reshape(nav.height, nav.width)
        assert np.array_equal(aim_x[near], np.full(near.sum(), p.x + 0.5))
        assert np.array_equal(aim_x[~near], field.next_x[~near] + 0.5)
        assert np.array_equal(nav.poi_near_flat[poi * plane : (poi + 1) * plane], near.ravel())


def test_bot_rows_per_tile_hold_the_distances_from_that_tile() -> None:
    level = load_level("expo-hall")
    bot = Bot(level, 1, Difficulty.NORMAL, 3)
    nav = bot.nav
    for x, y in ((3.5, 4.2), (20.1, 12.9), (nav.width - 1.5, nav.height - 1.5)):
        cell = bot.cell(x, y)
        dist = nav.node_dist[:, int(y), int(x)]
        assert np.array_equal(nav.node_dist_cells[cell], dist)
        assert np.array_equal(bot.node_slow_cells[cell], 1.0 + dist / bot.rules.speed / 3.0)
        assert np.array_equal(nav.poi_dist_cells[cell], nav.poi_dist[:, int(y), int(x)])


def test_crowd_counts_near_each_node_match_counting_calm_visitors_by_tile_centre() -> None:
    level = load_level("expo-hall")
    match = Match(level, MatchConfig(level.id, 4))
    for _ in range(600):
        match.step()
    obs = match.observation()
    counts = crowd_counts(level, obs)
    calm = obs.crowd_panic < level.rules.crowd.panic_threshold
    centres = np.floor(obs.crowd_pos[calm]) + 0.5
    sight = level.rules.crowd.sight_radius
    for i, node in enumerate(level.nodes):
        d2 = ((centres - (node.x + 0.5, node.y + 0.5)) ** 2).sum(axis=1)
        assert counts.near_node[i] == int((d2 < sight * sight).sum())
    for i, p in enumerate(level.pois):
        d2 = ((centres - (p.x + 0.5, p.y + 0.5)) ** 2).sum(axis=1)
        assert counts.near_poi[i] == int((d2 < POI_RADIUS**2).sum())
    assert counts.near_node.sum() > 0, "some visitors were counted"
