"""The stage as a grid: solid tiles, circle-vs-tile movement and flow fields.

Flow fields are shortest-path distance maps from a target to every walkable tile;
the crowd and the bots follow them instead of searching paths every tick.
They depend only on the level, so they are built once per level and shared.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass

import numpy as np

from game.levels.derived import derived
from game.levels.model import SOLID_TILES, Level, PoiKind, Tile

__all__ = ["FlowField", "Navigation", "navigation_for"]

SQRT2 = math.sqrt(2.0)
NEIGHBOURS = (
    (1, 0, 1.0),
    (-1, 0, 1.0),
    (0, 1, 1.0),
    (0, -1, 1.0),
    (1, 1, SQRT2),
    (1, -1, SQRT2),
    (-1, 1, SQRT2),
    (-1, -1, SQRT2),
)
EPS = 1e-4


@dataclass(frozen=True)
class FlowField:
    """Distance (in tiles) to the target and the next tile to step to, per tile."""

    dist: np.ndarray  # float32 [h, w], inf where unreachable
    next_x: np.ndarray  # int16 [h, w]: centre of the next tile is next_x + 0.5
    next_y: np.ndarray


class Navigation:
    """Everything about moving on one level's grid."""

    def __init__(self, level: Level) -> None:
        self.width, self.height = level.width, level.height
        tiles = np.array(level.tiles, dtype=np.int8)
        self.tiles = tiles
        self.solid = np.isin(tiles, [int(t) for t in SOLID_TILES])
        self.walkable = ~self.solid
        self._solid_rows = [[bool(v) for v in row] for row in self.solid]
        # Tile clearance: is the 2x2 block whose top-left tile is (x, y) all open (and on
        # the grid)? A player's box fits in one, so most moves need one lookup.
        open_ = np.pad(self.walkable, ((0, 1), (0, 1)))  # off the grid counts as solid
        clear = open_[:-1, :-1] & open_[1:, :-1] & open_[:-1, 1:] & open_[1:, 1:]
        self._clear2: list[list[bool]] = clear.tolist()
        self.poi_fields = [self.field([(p.x, p.y)]) for p in level.pois]
        self.node_fields = [self.field(self._around(n.x, n.y)) for n in level.nodes]
        # Node centres as plain floats (the same values as Systems.xy) for scalar code.
        self.node_centres = [(n.x + 0.5, n.y + 0.5) for n in level.nodes]
        self.node_dist = np.stack([f.dist for f in self.node_fields])  # [node, y, x]
        self.exit_pois = [i for i, p in enumerate(level.pois) if p.kind is PoiKind.EXIT]
        self.stage_xy, self.stage_field = self._stage_spot(level)
        exit_dist = np.stack([self.poi_fields[i].dist for i in self.exit_pois])
        self.nearest_exit = np.array(self.exit_pois, dtype=np.int16)[exit_dist.argmin(axis=0)]
        # Stacked arrays for vectorised crowd lookups: [poi, y, x].
        self.poi_next_x = np.stack([f.next_x for f in self.poi_fields])
        self.poi_next_y = np.stack([f.next_y for f in self.poi_fields])
        self.poi_dist = np.stack([f.dist for f in self.poi_fields])
        ys, xs = np.nonzero(self.walkable & (tiles != 6))  # not on exit tiles
        self.open_tiles = np.stack([xs, ys], axis=1).astype(np.float64)
        self._flat_tables(level)

    def _flat_tables(self, level: Level) -> None:
        """The crowd's per-tile tables as flat arrays, indexed ``poi * h * w + y * w + x``.

        One ``take`` on a flat index is several times cheaper than a 3-d fancy index, and
        the values are the very same ones (the next tile's centre is ``next + 0.5``).
        """
        w, h = self.width, self.height
        self.poi_dist_flat = self.poi_dist.ravel()
        self.poi_near_flat = self.poi_dist_flat < 1.5  # arrived: walk to the point itself
        # Where a visitor at a tile heads for a point of interest: the point once near it,
        # else the next tile's centre.
        px = np.array([p.x + 0.5 for p in level.pois])[:, None, None]
        py = np.array([p.y + 0.5 for p in level.pois])[:, None, None]
        near = self.poi_dist < 1.5
        self.poi_aim_x = np.where(near, px, self.poi_next_x + 0.5).ravel()
        self.poi_aim_y = np.where(near, py, self.poi_next_y + 0.5).ravel()
        self.nearest_exit_flat = self.nearest_exit.ravel()
        self.walkable_flat = self.walkable.ravel()
        ys, xs = np.mgrid[0:h, 0:w]
        # The four neighbour cells of every cell, clamped at the edges: separation's gradient.
        self.cell_right = (ys * w + np.minimum(xs + 1, w - 1)).ravel()
        self.cell_left = (ys * w + np.maximum(xs - 1, 0)).ravel()
        self.cell_down = (np.minimum(ys + 1, h - 1) * w + xs).ravel()
        self.cell_up = (np.maximum(ys - 1, 0) * w + xs).ravel()
        # The four side by side, so one gather finds all of a visitor's neighbours.
        self.cell_neighbours = np.stack(
            [self.cell_right, self.cell_left, self.cell_down, self.cell_up], axis=1
        )
        # Per cell, the distance to every node and point of interest: one row a lookup.
        self.node_dist_cells = np.ascontiguousarray(self.node_dist.reshape(-1, w * h).T)
        self.poi_dist_cells = np.ascontiguousarray(self.poi_dist.reshape(-1, w * h).T)

    def _stage_spot(self, level: Level) -> tuple[tuple[float, float], FlowField]:
        """The stage tile nearest the stage's point of interest: where a Showcase runs."""
        poi = next(p for p in level.pois if p.kind is PoiKind.STAGE)
        ys, xs = np.nonzero(self.tiles == int(Tile.STAGE))
        if len(xs) == 0:
            x, y = poi.x, poi.y
        else:
            i = int(np.argmin((xs - poi.x) ** 2 + (ys - poi.y) ** 2))
            x, y = int(xs[i]), int(ys[i])
        return (x + 0.5, y + 0.5), self.field([(x, y)])

    def _around(self, x: int, y: int) -> list[tuple[int, int]]:
        cells = [(x + dx, y + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1) if dx or dy]
        return [(cx, cy) for cx, cy in cells if not self.is_solid(cx, cy)]

    def is_solid(self, x: int, y: int) -> bool:
        if 0 <= x < self.width and 0 <= y < self.height:
            return self._solid_rows[y][x]
        return True

    def field(self, sources: list[tuple[int, int]]) -> FlowField:
        """Dijkstra over 8-neighbours; diagonals only where both sides are open."""
        w, h = self.width, self.height
        dist = [[math.inf] * w for _ in range(h)]
        nxt = [[(x, y) for x in range(w)] for y in range(h)]
        heap: list[tuple[float, int, int]] = []
        for x, y in sources:
            dist[y][x] = 0.0
            heap.append((0.0, x, y))
        heapq.heapify(heap)
        while heap:
            d, x, y = heapq.heappop(heap)
            if d > dist[y][x]:
                continue
            for dx, dy, cost in NEIGHBOURS:
                nx, ny = x + dx, y + dy
                if self.is_solid(nx, ny):
                    continue
                if dx and dy and (self.is_solid(x + dx, y) or self.is_solid(x, y + dy)):
                    continue
                nd = d + cost
                if nd < dist[ny][nx]:
                    dist[ny][nx] = nd
                    nxt[ny][nx] = (x, y)
                    heapq.heappush(heap, (nd, nx, ny))
        arr = np.array(nxt, dtype=np.int16)
        return FlowField(np.array(dist, dtype=np.float32), arr[:, :, 0], arr[:, :, 1])

    def move_circle(
        self, x: float, y: float, dx: float, dy: float, r: float
    ) -> tuple[float, float]:
        """Move a circle of radius r by (dx, dy), sliding along solid tiles."""
        if dx:
            nx = x + dx
            if self._box_hits(nx - r, y - r, nx + r, y + r):
                nx = math.floor(nx + r) - r - EPS if dx > 0 else math.floor(nx - r) + 1 + r + EPS
            x = nx
        if dy:
            ny = y + dy
            if self._box_hits(x - r, ny - r, x + r, ny + r):
                ny = math.floor(ny + r) - r - EPS if dy > 0 else math.floor(ny - r) + 1 + r + EPS
            y = ny
        return x, y

    def _box_hits(self, x0: float, y0: float, x1: float, y1: float) -> bool:
        tx0, tx1 = math.floor(x0), math.floor(x1)
        ty0, ty1 = math.floor(y0), math.floor(y1)
        if tx0 < 0 or ty0 < 0 or tx1 >= self.width or ty1 >= self.height:
            return True  # off the grid is solid
        if tx1 - tx0 <= 1 and ty1 - ty0 <= 1 and self._clear2[ty0][tx0]:
            return False  # a box at most 2x2 tiles inside an open 2x2 block
        rows = self._solid_rows
        for ty in range(ty0, ty1 + 1):
            row = rows[ty]
            for tx in range(tx0, tx1 + 1):
                if row[tx]:
                    return True
        return False

    def step_towards(self, fld: FlowField, x: float, y: float) -> tuple[float, float, float]:
        """Unit direction along a flow field from (x, y), and the distance left."""
        tx, ty = int(x), int(y)
        if not (0 <= tx < self.width and 0 <= ty < self.height):
            return 0.0, 0.0, math.inf
        d = float(fld.dist[ty, tx])
        vx = float(fld.next_x[ty, tx]) + 0.5 - x
        vy = float(fld.next_y[ty, tx]) + 0.5 - y
        n = math.hypot(vx, vy)
        if n < 1e-6:
            return 0.0, 0.0, d
        return vx / n, vy / n, d


def navigation_for(level: Level) -> Navigation:
    """The level's navigation, built once per level (kept by :mod:`game.levels.derived`)."""
    return derived(level, Navigation)
