"""Where the calm crowd is, counted once per observation for all the bots.

Counting visitors near every node and point of interest with distances would cost
each bot a few hundred numpy calls a decision; binning the crowd into tiles once
and summing precomputed tile sets makes it a handful.
"""

from __future__ import annotations

import numpy as np

from game.levels.derived import derived
from game.levels.model import Level
from game.sim.observation import Observation

__all__ = ["CrowdCounts", "crowd_counts"]

POI_RADIUS = 3.0


class CrowdCounts:
    __slots__ = ("near_node", "near_poi")

    def __init__(self, near_node: np.ndarray, near_poi: np.ndarray) -> None:
        self.near_node = near_node  # calm visitors who would witness a patch at each node
        self.near_poi = near_poi  # calm visitors around each point of interest


class _TileSets:
    def __init__(self, level: Level) -> None:
        self.width, self.height = level.width, level.height
        ys, xs = np.mgrid[0 : level.height, 0 : level.width]
        cx, cy = (xs + 0.5).ravel(), (ys + 0.5).ravel()
        sight = level.rules.crowd.sight_radius

        def around(x: float, y: float, r: float) -> np.ndarray:
            return np.flatnonzero((cx - x) ** 2 + (cy - y) ** 2 < r * r)

        rows = [around(n.x + 0.5, n.y + 0.5, sight) for n in level.nodes]
        rows += [around(p.x + 0.5, p.y + 0.5, POI_RADIUS) for p in level.pois]
        # One row per node then per poi; each row's tiles listed one after another, so
        # counts = the tile densities summed per row, in one bincount (exact: whole numbers).
        self.rows = len(rows)
        self.row_of = np.concatenate([np.full(len(t), i) for i, t in enumerate(rows)])
        self.tile_of = np.concatenate(rows)
        self.nodes = len(level.nodes)
        self.panic_threshold = level.rules.crowd.panic_threshold


def crowd_counts(level: Level, obs: Observation) -> CrowdCounts:
    cached = obs.cache.get("crowd_counts")
    if cached is not None:
        return cached
    sets = derived(level, _TileSets)
    calm = obs.crowd_panic < sets.panic_threshold
    pos = obs.crowd_pos[calm]
    tx = np.minimum(np.maximum(pos[:, 0].astype(np.int64), 0), sets.width - 1)
    ty = np.minimum(np.maximum(pos[:, 1].astype(np.int64), 0), sets.height - 1)
    density = np.bincount(ty * sets.width + tx, minlength=sets.width * sets.height)
    both = np.bincount(sets.row_of, weights=density[sets.tile_of], minlength=sets.rows)
    counts = CrowdCounts(both[: sets.nodes], both[sets.nodes :])
    obs.cache["crowd_counts"] = counts
    return counts
