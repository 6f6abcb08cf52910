"""A bot: observation in, ``Input`` out, through the same API as a human.

Every ``think_every`` ticks it picks a goal (an infected node to patch, a place to
stand, a moment for its ability); between decisions it keeps its last input, which
is its reaction delay. Character-specific judgement lives in ``policies``.
"""

from __future__ import annotations

import math
import random

import numpy as np

from game.bots import policies
from game.bots.difficulty import Skill, skill_for
from game.kinds import Difficulty
from game.levels.model import Level, PoiKind
from game.sim.navigation import FlowField, navigation_for
from game.sim.observation import Observation
from game.sim.types import Character, Input, Mode, NodeKind, Phase

__all__ = ["Bot", "Goal"]


class Goal:
    """Where the bot is heading and what it does there."""

    __slots__ = ("field", "node", "poi", "x", "y", "hold_patch", "action_at_goal", "reach")

    def __init__(
        self,
        field: FlowField,
        x: float,
        y: float,
        node: int = -1,
        hold_patch: bool = False,
        action_at_goal: bool = False,
        reach: float = 1.0,
        poi: int = -1,
    ) -> None:
        self.field = field
        self.node = node
        self.poi = poi
        self.x, self.y = x, y
        self.hold_patch = hold_patch
        self.action_at_goal = action_at_goal
        self.reach = reach


class Bot:
    def __init__(self, level: Level, seat: int, difficulty: Difficulty, seed: int) -> None:
        self.level = level
        self.seat = seat
        self.character = Character(seat)
        self.skill: Skill = skill_for(difficulty)
        self.rng = random.Random(seed * 7919 + seat * 104729 + 1)
        self.nrng = np.random.Generator(np.random.PCG64([seed, seat]))
        self.nav = navigation_for(level)
        self.rules = level.rules.characters[seat]
        self.node_xy = np.array([[n.x + 0.5, n.y + 0.5] for n in level.nodes])
        self.is_vault = np.array([n.kind is NodeKind.VAULT for n in level.nodes])
        # Voss guards her own systems: her reputation is on the line.
        own = np.array([n.owner == seat for n in level.nodes]) * (self.character is Character.VOSS)
        core = np.array([n.kind is NodeKind.CORE for n in level.nodes])
        self.node_base = 1.0 + 3.5 * self.is_vault + 0.8 * core + 1.0 * own
        self.crowd_weight = 1.5 if self.character is Character.KIRAN else 1.0
        self.links = level.links
        self.exit_pois = [i for i, p in enumerate(level.pois) if p.kind is PoiKind.EXIT]
        self.stage_poi = next(i for i, p in enumerate(level.pois) if p.kind is PoiKind.STAGE)
        self.core = next(i for i, n in enumerate(level.nodes) if n.kind is NodeKind.CORE)
        self.exit_set = frozenset(self.exit_pois)
        self._tables(level)
        self.goal: Goal | None = None
        self.last = Input()

    def _tables(self, level: Level) -> None:
        """What the policies would work out from the bot's tile on every decision.

        Rows indexed by tile (``y * width + x``), each the very values the policies used
        to compute per call (float32 where the distances are float32).
        """
        nav = self.nav
        dist = nav.node_dist_cells  # [cell, node]
        self.node_seen_cells = np.isfinite(dist) & ((dist <= self.skill.awareness) | self.is_vault)
        self.node_slow_cells = 1.0 + dist / self.rules.speed / 3.0
        self.rival_dist_cells = dist + 2.0
        self.poi_slow_cells = 1.0 + nav.poi_dist_cells / 10.0
        xy = self._node_xy_rows = self.node_xy.tolist()
        # Bots whose node values come out alike share them within one observation.
        self.node_value_key = f"node_value {self.node_base.tobytes().hex()} {self.crowd_weight}"
        self.link_mids = [
            ((xy[a][0] + xy[b][0]) / 2, (xy[a][1] + xy[b][1]) / 2) for a, b in level.links
        ]

    def cell(self, x: float, y: float) -> int:
        return int(y) * self.nav.width + int(x)

    def stage_goal(self, **kw: bool) -> Goal:
        return Goal(self.nav.stage_field, *self.nav.stage_xy, reach=0.4, **kw)

    def wants_to_think(self, tick: int) -> bool:
        return tick % self.skill.think_every == 0  # together: one observation serves all

    def act(self, obs: Observation) -> Input:
        if obs.phase in (Phase.COUNTDOWN, Phase.RESULTS, Phase.LOBBY):
            self.last = Input()
            return self.last
        me = obs.players[self.seat]
        self.goal = policies.choose_goal(self, obs)
        ability = policies.wants_ability(self, obs) and self.rng.random() < self.skill.ability_sense
        self.last = self._steer(obs, me.x, me.y, ability)
        return self.last

    # -- helpers for policies ------------------------------------------------
    def node_goal(self, node: int, **kw: bool) -> Goal:
        x, y = self._node_xy_rows[node]
        reach = self.level.rules.patch.range * 0.75
        return Goal(self.nav.node_fields[node], x, y, node, reach=reach, **kw)

    def poi_goal(self, poi: int, **kw: bool) -> Goal:
        p = self.level.pois[poi]
        return Goal(self.nav.poi_fields[poi], p.x + 0.5, p.y + 0.5, reach=1.0, poi=poi, **kw)

    def allied(self, obs: Observation) -> bool:
        return obs.mode is Mode.ALLIANCE

    def _steer(self, obs: Observation, x: float, y: float, ability: bool) -> Input:
        goal = self.goal
        if goal is None:
            return Input(ability=ability)
        dist = math.hypot(goal.x - x, goal.y - y)
        if dist <= goal.reach:
            return Input(patch=goal.hold_patch, ability=ability, action=goal.action_at_goal)
        vx, vy, _ = self.nav.step_towards(goal.field, x, y)
        if dist < 2.0 or (vx == 0.0 and vy == 0.0):
            vx, vy = (goal.x - x) / dist, (goal.y - y) / dist
        angle = math.atan2(vy, vx) + self.rng.gauss(0.0, self.skill.aim)
        near = dist <= self.level.rules.patch.range
        return Input(
            math.cos(angle),
            math.sin(angle),
            patch=goal.hold_patch and near,
            ability=ability,
            action=goal.action_at_goal and near,
        )
