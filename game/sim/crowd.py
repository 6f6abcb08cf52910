"""The crowd: a few hundred visitors as numpy arrays, stepped at a lower rate.

Each visitor has a position, a point of interest, a panic level and a favour share
for each character (a row summing to at most 1; the rest is undecided). Calm
visitors follow flow fields between points of interest; panicked ones flee to the
nearest exit and forget whom they liked.
"""

from __future__ import annotations

import numpy as np

from game.levels.model import CrowdRules, Level, PoiKind, Tile
from game.sim.draws import choice_cdf, choose
from game.sim.navigation import Navigation

__all__ = ["Crowd"]

_ONES = np.ones(4)
_add = np.add
_count = np.count_nonzero  # a C call: much cheaper than ``.any()`` on a few hundred bools


class Crowd:
    def __init__(self, level: Level, nav: Navigation, rng: np.random.Generator) -> None:
        rules = level.rules.crowd
        n = rules.count
        self.rules: CrowdRules = rules
        self.nav = nav
        picks = rng.integers(0, len(nav.open_tiles), n)
        self.pos = nav.open_tiles[picks] + rng.uniform(0.2, 0.8, (n, 2))
        self.panic = np.zeros(n)
        self.favour = np.zeros((n, 4))
        weights = np.array([p.weight if p.kind is not PoiKind.EXIT else 0.0 for p in level.pois])
        self.poi_p = weights / weights.sum()
        self.poi_cdf = choice_cdf(self.poi_p)
        self.poi_xy = np.array([[p.x + 0.5, p.y + 0.5] for p in level.pois])
        self.stage_pois = np.array([i for i, p in enumerate(level.pois) if p.kind is PoiKind.STAGE])
        self.target = rng.choice(len(level.pois), n, p=self.poi_p).astype(np.int64)
        self.dwell = rng.uniform(rules.dwell_min_s, rules.dwell_max_s, n)
        self.fleeing = np.zeros(n, dtype=bool)
        self.testimonial = (nav.tiles == int(Tile.TESTIMONIAL)).ravel()  # per flat cell
        self.has_testimonials = bool(self.testimonial.any())

    @property
    def count(self) -> int:
        return len(self.panic)

    def totals(self) -> np.ndarray:
        """Each character's score: the crowd's summed favour for them."""
        return self.favour.sum(axis=0)

    def near(self, x: float, y: float, radius: float) -> np.ndarray:
        dx = self.pos[:, 0] - x
        dy = self.pos[:, 1] - y
        dx *= dx
        dy *= dy
        dx += dy
        return dx < radius * radius

    def win(self, mask: np.ndarray, seat: int, gain: float | np.ndarray) -> float:
        """Shift a share of the masked visitors' favour to ``seat``; returns favour won.

        ``gain`` is one share for all of them or one per masked visitor.
        """
        rows = self.favour[mask]
        g = np.clip(np.asarray(gain, dtype=np.float64) * self.underdog()[seat], 0.0, 1.0)
        before = float(rows[:, seat].sum())
        rows *= (1.0 - g)[:, None] if g.ndim else 1.0 - g
        rows[:, seat] += g
        self.favour[mask] = rows
        return float(rows[:, seat].sum()) - before

    def underdog(self) -> np.ndarray:
        """Per-character multiplier on favour gains: a crowd warms less to the favourite.

        ``(mean / own)^underdog`` clipped to 0.5..1.5, with a small floor so the first
        gains of the match are not distorted.
        """
        if self.rules.underdog <= 0:
            return _ONES
        totals = _add.reduce(self.favour, axis=0)
        totals += self.count * 0.02
        mean = _add.reduce(totals) / len(totals)
        ratio = np.divide(mean, totals, out=totals)
        if self.rules.underdog != 1.0:
            ratio **= self.rules.underdog
        np.maximum(ratio, 0.5, out=ratio)
        return np.minimum(ratio, 1.5, out=ratio)

    def witness(self, x: float, y: float, seat: int, gain: float, radius: float) -> float:
        """Visitors who saw something good near (x, y) favour ``seat``; the panicked don't."""
        mask = self.near(x, y, radius)
        mask &= self.panic < self.rules.panic_threshold
        return self.win(mask, seat, gain) if _count(mask) else 0.0

    def pulse(self, x: float, y: float, radius: float, strength: float) -> None:
        mask = self.near(x, y, radius)
        self.panic[mask] = np.minimum(1.0, self.panic[mask] + strength)

    def step(
        self,
        dt: float,
        nodes_xy: np.ndarray,
        infected: np.ndarray,
        crashed: np.ndarray,
        players_xy: np.ndarray,
        climax: bool,
        rng: np.random.Generator,
    ) -> None:
        self._panic(dt, nodes_xy, infected, crashed)
        # Positions only change in _move: the tile under each visitor serves both steps.
        x = self.pos[:, 0]
        y = self.pos[:, 1]
        row = y.astype(np.int64)
        row *= self.nav.width
        cell = x.astype(np.int64)
        cell += row
        self._choose_targets(dt, cell, climax, rng)
        self._move(dt, x, y, row, cell, rng)
        self._presence(dt, players_xy)

    def _panic(
        self, dt: float, nodes_xy: np.ndarray, infected: np.ndarray, crashed: np.ndarray
    ) -> None:
        r = self.rules
        hot, rates = [], []
        for i, (inf, crash) in enumerate(zip(infected.tolist(), crashed.tolist(), strict=True)):
            rate = r.crashed_panic if crash else r.infected_panic if inf else 0.0
            if rate > 0:
                hot.append(i)
                rates.append(rate)
        panic = self.panic
        if hot:
            hot_xy = nodes_xy[hot]
            near = _distances(self.pos, hot_xy)  # [node, visitor]
            near /= r.panic_radius
            np.subtract(1.0, near, out=near)
            np.maximum(near, 0.0, out=near)
            np.minimum(near, 1.0, out=near)
            near *= np.array(rates)[:, None]
            fear = _sum_rows(near)
            fear *= dt
            panic += fear
        panic -= r.calm_rate * dt
        np.maximum(panic, 0.0, out=panic)
        np.minimum(panic, 1.0, out=panic)
        keep = panic * (r.favour_decay * dt)
        self.favour *= np.subtract(1.0, keep, out=keep)[:, None]

    def _choose_targets(
        self, dt: float, cell: np.ndarray, climax: bool, rng: np.random.Generator
    ) -> None:
        r = self.rules
        nav = self.nav
        fleeing = self.fleeing
        start_flee = self.panic > r.panic_threshold
        start_flee &= ~fleeing
        if _count(start_flee):
            self.target[start_flee] = nav.nearest_exit_flat[cell[start_flee]]
            fleeing |= start_flee
        calmed = self.panic < r.panic_threshold * 0.5
        calmed &= fleeing
        staying = ~fleeing
        if _count(calmed):
            fleeing &= ~calmed
            staying = ~fleeing
        at = self.target * (nav.width * nav.height)
        at += cell
        waiting = nav.poi_near_flat[at]
        waiting &= staying
        np.subtract(self.dwell, dt, out=self.dwell, where=waiting)
        pick = self.dwell <= 0
        pick &= staying
        pick |= calmed
        n = int(_count(pick))
        if n:
            new = choose(rng, self.poi_cdf, n)
            if climax and len(self.stage_pois):
                to_stage = rng.random(n) < r.climax_stage_pull
                new = np.where(to_stage, self.stage_pois[0], new)
            self.target[pick] = new
            self.dwell[pick] = rng.uniform(r.dwell_min_s, r.dwell_max_s, n)

    def _move(
        self,
        dt: float,
        x: np.ndarray,
        y: np.ndarray,
        row: np.ndarray,
        cell: np.ndarray,
        rng: np.random.Generator,
    ) -> None:
        r = self.rules
        nav = self.nav
        w, h = nav.width, nav.height
        at = self.target * (w * h)
        at += cell
        vx = nav.poi_aim_x[at]
        vx -= x
        vy = nav.poi_aim_y[at]
        vy -= y
        norm = vx * vx
        norm += vy * vy
        np.sqrt(norm, out=norm)
        norm += 1e-9
        speed = self.panic * (r.panic_speed_mult - 1.0)
        speed += 1.0
        speed *= r.speed
        slow = nav.poi_near_flat[at]
        slow &= ~self.fleeing
        np.multiply(speed, 0.25, out=speed, where=slow)
        jitter = rng.normal(0.0, 0.35, (self.count, 2))
        # Separation: push down the gradient of how crowded the tiles are
        # (neighbour counts in the order right, left, down, up).
        density = np.bincount(cell, minlength=w * h)[nav.cell_neighbours[cell]]
        sep = r.separation * 0.15
        vx /= norm
        vx += jitter[:, 0]
        vx -= (density[:, 0] - density[:, 1]) * sep
        vx *= speed
        vx *= dt
        vy /= norm
        vy += jitter[:, 1]
        vy -= (density[:, 2] - density[:, 3]) * sep
        vy *= speed
        vy *= dt
        vx += x
        cx = np.maximum(vx, 0.05, out=vx)
        np.minimum(cx, w - 0.05, out=cx)
        to = cx.astype(np.int64)
        to += row
        pos = self.pos.copy()  # a new array: observations may still hold the old one
        new_x = pos[:, 0]
        np.copyto(new_x, cx, where=nav.walkable_flat[to])
        vy += y
        cy = np.maximum(vy, 0.05, out=vy)
        np.minimum(cy, h - 0.05, out=cy)
        to = cy.astype(np.int64)
        to *= w
        to += new_x.astype(np.int64)
        np.copyto(pos[:, 1], cy, where=nav.walkable_flat[to])
        self.pos = pos

    def _presence(self, dt: float, players_xy: np.ndarray) -> None:
        """Calm visitors warm slowly to characters standing among them (and on testimonial
        corners, to the nearest character); every player's share is applied at once."""
        r = self.rules
        d2 = _distances(self.pos, players_xy, squared=True)  # [player, visitor]
        calm = self.panic < r.panic_threshold
        near = d2 < r.presence_radius**2
        near &= calm
        testimonial = None
        if self.has_testimonials:
            cell = self.pos[:, 1].astype(np.int64)
            cell *= self.nav.width
            cell += self.pos[:, 0].astype(np.int64)
            testimonial = self.testimonial[cell]
            testimonial &= calm
            testimonial &= np.minimum.reduce(d2, axis=0) < 16.0
            if not _count(testimonial):
                testimonial = None
        if testimonial is None and not _count(near):
            return  # nobody warms to anyone: every gain would be zero
        gains = near * (r.presence_gain * dt)
        if testimonial is not None:
            on = np.flatnonzero(testimonial)
            gains[d2[:, on].argmin(axis=0), on] += r.testimonial_gain * dt
        total = _add.reduce(gains, axis=0)  # four rows added in seat order
        if _count(total):
            gains *= self.underdog()[:, None]
            np.minimum(total, 1.0, out=total)
            self.favour *= np.subtract(1.0, total, out=total)[:, None]
            self.favour += gains.T


def _distances(pos: np.ndarray, points: np.ndarray, squared: bool = False) -> np.ndarray:
    """Distance from each of a few points to every visitor, one row per point.

    Rows of visitors (rather than a column per point) keep numpy's loops long.
    """
    dx = pos[:, 0] - points[:, 0, None]
    dy = pos[:, 1] - points[:, 1, None]
    dx *= dx
    dy *= dy
    dx += dy
    return dx if squared else np.sqrt(dx, out=dx)


def _sum_rows(rows: np.ndarray) -> np.ndarray:
    """Column sums of a few rows, added exactly as numpy sums them along a row.

    numpy adds fewer than eight numbers one after another (which a reduction over
    rows does too) and eight or more pairwise, so past seven rows the sum is taken
    over a transposed copy: the same order, the same bits.
    """
    if len(rows) < 8:
        return _add.reduce(rows, axis=0)
    return _add.reduce(np.ascontiguousarray(rows.T), axis=1)
