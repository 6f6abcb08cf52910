"""The crowd: a few hundred visitors as numpy arrays, stepped at a lower rate.

Each visitor has a position, a point of interest, a panic level and a favour share
for each character (a row summing to at most 1; the rest is undecided). Calm
visitors follow flow fields between points of interest; panicked ones flee to the
nearest exit and forget whom they liked.
"""

from __future__ import annotations

import numpy as np

from game.levels.model import CrowdRules, Level, PoiKind, Tile
from game.sim.navigation import Navigation

__all__ = ["Crowd"]

_ONES = np.ones(4)


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
        self.poi_xy = np.array([[p.x + 0.5, p.y + 0.5] for p in level.pois])
        self.stage_pois = np.array([i for i, p in enumerate(level.pois) if p.kind is PoiKind.STAGE])
        self.target = rng.choice(len(level.pois), n, p=self.poi_p).astype(np.int64)
        self.dwell = rng.uniform(rules.dwell_min_s, rules.dwell_max_s, n)
        self.fleeing = np.zeros(n, dtype=bool)
        self.testimonial = nav.tiles == int(Tile.TESTIMONIAL)
        self.has_testimonials = bool(self.testimonial.any())

    @property
    def count(self) -> int:
        return len(self.panic)

    def totals(self) -> np.ndarray:
        """Each character's score: the crowd's summed favour for them."""
        return self.favour.sum(axis=0)

    def near(self, x: float, y: float, radius: float) -> np.ndarray:
        d = self.pos - (x, y)
        return (d * d).sum(axis=1) < radius * radius

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
        totals = self.favour.sum(axis=0) + self.count * 0.02
        mean = np.add.reduce(totals) / len(totals)  # what ndarray.mean computes, minus its wrapper
        return np.minimum(np.maximum((mean / totals) ** self.rules.underdog, 0.5), 1.5)

    def witness(self, x: float, y: float, seat: int, gain: float, radius: float) -> float:
        """Visitors who saw something good near (x, y) favour ``seat``; the panicked don't."""
        mask = self.near(x, y, radius) & (self.panic < self.rules.panic_threshold)
        return self.win(mask, seat, gain) if mask.any() else 0.0

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
        cell = self.pos[:, 1].astype(np.int64) * self.nav.width + self.pos[:, 0].astype(np.int64)
        self._choose_targets(dt, climax, rng, cell)
        self._move(dt, rng, cell)
        self._presence(dt, players_xy)

    def _panic(
        self, dt: float, nodes_xy: np.ndarray, infected: np.ndarray, crashed: np.ndarray
    ) -> None:
        r = self.rules
        if infected.any() or crashed.any():  # otherwise every rate is 0
            rate = np.where(crashed, r.crashed_panic, np.where(infected, r.infected_panic, 0.0))
            hot = rate > 0
            hot_xy = nodes_xy[hot]
            dx = self.pos[:, 0:1] - hot_xy[:, 0]
            dy = self.pos[:, 1:2] - hot_xy[:, 1]
            d = np.sqrt(dx * dx + dy * dy)
            near = np.maximum(1.0 - d / r.panic_radius, 0.0)
            fear = (np.minimum(near, 1.0, out=near) * rate[hot]).sum(axis=1)
            self.panic += fear * dt
        self.panic -= r.calm_rate * dt
        panic = self.panic
        np.minimum(np.maximum(panic, 0.0, out=panic), 1.0, out=panic)
        self.favour *= (1.0 - r.favour_decay * dt * panic)[:, None]

    def _choose_targets(
        self, dt: float, climax: bool, rng: np.random.Generator, cell: np.ndarray
    ) -> None:
        r = self.rules
        nav = self.nav
        scared = self.panic > r.panic_threshold
        start_flee = scared & ~self.fleeing
        if start_flee.any():
            self.target[start_flee] = nav.nearest_exit_flat[cell[start_flee]]
            self.fleeing |= start_flee
        calmed = self.fleeing & (self.panic < r.panic_threshold * 0.5)
        self.fleeing &= ~calmed
        plane = nav.width * nav.height
        arrived = nav.poi_near_flat[self.target * plane + cell]
        self.dwell -= np.where(arrived & ~self.fleeing, dt, 0.0)
        pick = calmed | ((self.dwell <= 0) & ~self.fleeing)
        n = int(pick.sum())
        if n:
            new = rng.choice(len(self.poi_p), n, p=self.poi_p)
            if climax and len(self.stage_pois):
                to_stage = rng.random(n) < r.climax_stage_pull
                new = np.where(to_stage, self.stage_pois[0], new)
            self.target[pick] = new
            self.dwell[pick] = rng.uniform(r.dwell_min_s, r.dwell_max_s, n)

    def _move(self, dt: float, rng: np.random.Generator, cell: np.ndarray) -> None:
        r = self.rules
        nav = self.nav
        h, w = nav.height, nav.width
        x, y = self.pos[:, 0], self.pos[:, 1]
        at = self.target * (w * h) + cell
        at_goal = nav.poi_near_flat[at]
        vx = nav.poi_aim_x[at] - x
        vy = nav.poi_aim_y[at] - y
        norm = np.sqrt(vx * vx + vy * vy) + 1e-9
        speed = r.speed * (1.0 + (r.panic_speed_mult - 1.0) * self.panic)
        np.multiply(speed, 0.25, out=speed, where=at_goal & ~self.fleeing)
        jitter = rng.normal(0.0, 0.35, (self.count, 2))
        # Separation: push down the gradient of how crowded the tiles are.
        density = np.bincount(cell, minlength=w * h)
        gx = density[nav.cell_right[cell]] - density[nav.cell_left[cell]]
        gy = density[nav.cell_down[cell]] - density[nav.cell_up[cell]]
        sep = r.separation * 0.15
        dx = (vx / norm + jitter[:, 0] - gx * sep) * speed * dt
        dy = (vy / norm + jitter[:, 1] - gy * sep) * speed * dt
        walk = nav.walkable_flat
        ty = cell // w
        cx = np.minimum(np.maximum(x + dx, 0.05), w - 0.05)
        x = np.where(walk[ty * w + cx.astype(np.int64)], cx, x)
        cy = np.minimum(np.maximum(y + dy, 0.05), h - 0.05)
        y = np.where(walk[cy.astype(np.int64) * w + x.astype(np.int64)], cy, y)
        self.pos = np.stack([x, y], axis=1)

    def _presence(self, dt: float, players_xy: np.ndarray) -> None:
        """Calm visitors warm slowly to characters standing among them (and on testimonial
        corners, to the nearest character); every player's share is applied at once."""
        r = self.rules
        dx = self.pos[:, 0:1] - players_xy[:, 0]
        dy = self.pos[:, 1:2] - players_xy[:, 1]
        d2 = dx * dx + dy * dy
        calm = (self.panic < r.panic_threshold)[:, None]
        gains = np.where(calm & (d2 < r.presence_radius**2), r.presence_gain * dt, 0.0)
        if self.has_testimonials:
            tx = self.pos[:, 0].astype(np.int64)
            ty = self.pos[:, 1].astype(np.int64)
            on = self.testimonial[ty, tx] & calm[:, 0] & (d2.min(axis=1) < 16.0)
            if on.any():
                nearest = d2.argmin(axis=1)
                gains[on, nearest[on]] += r.testimonial_gain * dt
        total = gains.sum(axis=1)
        if total.any():
            gains *= self.underdog()
            self.favour *= (1.0 - np.minimum(total, 1.0))[:, None]
            self.favour += gains
