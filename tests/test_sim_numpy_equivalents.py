"""Cheaper draws and reductions give exactly what numpy's own calls give."""

from __future__ import annotations

import numpy as np
import pytest

from game.levels import level_ids, load_level
from game.sim.crowd import Crowd
from game.sim.draws import choice_cdf, choose
from game.sim.navigation import navigation_for
from game.sim.observation import favourites


@pytest.mark.parametrize("level_id", level_ids())
def test_choose_picks_what_generator_choice_picks_and_leaves_the_stream_aligned(
    level_id: str,
) -> None:
    level = load_level(level_id)
    crowd = Crowd(level, navigation_for(level), np.random.default_rng(0))
    cdf = choice_cdf(crowd.poi_p)
    for seed in range(200):
        ours, numpys = np.random.default_rng(seed), np.random.default_rng(seed)
        for n in (1, 3, 40, crowd.count):
            picked = choose(ours, cdf, n)
            expected = numpys.choice(len(crowd.poi_p), n, p=crowd.poi_p)
            assert picked.tolist() == expected.tolist()
            assert picked.dtype == expected.dtype
        assert ours.random() == numpys.random()


def test_choose_never_picks_a_zero_weight_choice() -> None:
    p = np.array([0.5, 0.0, 0.25, 0.0, 0.25])
    picks = choose(np.random.default_rng(3), choice_cdf(p), 5000)
    assert set(picks.tolist()) == {0, 2, 4}


def test_favourites_are_numpys_first_argmax_above_the_threshold() -> None:
    rng = np.random.default_rng(11)
    for _ in range(300):
        favour = np.round(rng.random((120, 4)) * rng.choice([0.02, 0.1, 1.0]), 2)
        favour[rng.random(120) < 0.2] = 0.0  # undecided rows and ties among equals
        expected = np.where(favour.max(axis=1) > 0.05, favour.argmax(axis=1), -1)
        got = favourites(favour)
        assert got.tolist() == expected.tolist()
        assert got.dtype == expected.dtype
