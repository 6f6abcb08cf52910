"""Each character's judgement: which node matters, where the crowd is, when to use abilities."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from game.bots.crowdmap import crowd_counts
from game.bots.glance import glance
from game.sim.observation import Observation
from game.sim.types import Character, Phase

if TYPE_CHECKING:
    from game.bots.bot import Bot, Goal

__all__ = ["choose_goal", "wants_ability"]

INF = math.inf


def choose_goal(bot: Bot, obs: Observation) -> Goal | None:
    me = obs.players[bot.seat]
    special = _special_goal(bot, obs)
    if special is not None:
        return special
    node = _best_node(bot, obs)
    if node >= 0:
        return bot.node_goal(node, hold_patch=True)
    return _crowd_goal(bot, obs, me.x, me.y)


def _best_node(bot: Bot, obs: Observation) -> int:
    """The infected node most worth walking to: every seen node scored in one pass.

    Reads as ``value / (1 + dist / speed / 3) * contest + noise`` over all nodes (with a
    1.3 bonus for the node already chosen); the best positive score wins. The rows come
    from the bot's per-tile tables as Python values: a loop over a dozen nodes costs
    less than the numpy calls on arrays that small.
    """
    me = obs.players[bot.seat]
    cell = bot.cell(me.x, me.y)
    infected = glance(obs).infected
    seen_here = bot.node_seen_cells[cell].tolist()
    seen = [i for i, ok in enumerate(seen_here) if ok and infected[i]]
    if not seen:
        return -1
    value = _node_value(bot, obs)
    slow = bot.node_slow_cells[cell].tolist()
    contest = _contest(bot, obs, bot.nav.node_dist_cells[cell].tolist(), seen)
    noise = bot.nrng.normal(0.0, bot.skill.noise * 0.5, len(slow)).tolist()
    current = bot.goal.node if bot.goal is not None else -1
    best, best_score = -1, -INF
    for i in seen:
        score = value[i] / slow[i] * contest[i] + noise[i]
        if i == current:
            score *= 1.3  # commit: don't dither between two goals
        if score > best_score:
            best, best_score = i, score
    return best if best_score > 0 else -1


def _node_value(bot: Bot, obs: Observation) -> list[float]:
    """What each node is worth to bots like this one; bots that value alike share it."""
    key = bot.node_value_key
    value: list[float] | None = obs.cache.get(key)
    if value is None:
        witnesses = crowd_counts(bot.level, obs).near_node
        value = obs.cache[key] = (
            bot.node_base
            + 0.4 * obs.crashed
            + 8.0 * obs.leak * bot.is_vault
            + bot.crowd_weight * witnesses / 25.0
        ).tolist()
    return value


def _contest(bot: Bot, obs: Observation, my_dist: list[float], seen: list[int]) -> list[float]:
    """Leave a node to a rival (or ally) who is already on it, or much closer."""
    allied = bot.allied(obs)
    closer_mult = 0.55 if allied else 0.8
    on_it_mult = 0.15 if allied else 0.4
    factor = [1.0] * len(my_dist)
    for p in obs.players:
        if p.seat == bot.seat:
            continue
        theirs = bot.rival_dist_cells[bot.cell(p.x, p.y)].tolist()
        for i in seen:
            if theirs[i] < my_dist[i]:
                factor[i] *= closer_mult
        if p.patch_node >= 0:
            factor[p.patch_node] *= on_it_mult
    return factor


def _crowd_goal(bot: Bot, obs: Observation, x: float, y: float) -> Goal | None:
    """Nothing to patch: stand where the calm crowd is thickest."""
    counts = crowd_counts(bot.level, obs).near_poi.tolist()
    slow = bot.poi_slow_cells[bot.cell(x, y)].tolist()
    noise = bot.nrng.normal(0.0, bot.skill.noise * 3.0, len(counts)).tolist()
    current = bot.goal.poi if bot.goal is not None else -1
    exits = bot.exit_set
    best, best_score = -1, -INF
    for i, count in enumerate(counts):
        if i in exits:
            continue
        score = count / slow[i] + noise[i]
        if i == current:
            score *= 1.3
        if score > best_score:
            best, best_score = i, score
    return bot.poi_goal(best)


def _special_goal(bot: Bot, obs: Observation) -> Goal | None:
    me = obs.players[bot.seat]
    if bot.character is Character.MAX:
        need = bot.rules.master_fragments
        if me.fragments >= need and me.action_cd == 0:
            look = glance(obs)
            if look.infected[bot.core] or look.infected_count >= 3 or obs.phase is Phase.CLIMAX:
                return bot.node_goal(bot.core, action_at_goal=True, hold_patch=True)
    if bot.character is Character.VOSS and me.action_cd == 0:
        limit = bot.rules.showcase_max_infected
        share = glance(obs).infected_count / max(1, len(obs.infected))
        if share <= limit and _stage_crowd(bot, obs) >= 15:
            return bot.stage_goal(action_at_goal=True)
    return None


def _stage_crowd(bot: Bot, obs: Observation) -> int:
    poi = bot.level.pois[bot.stage_poi]
    radius = bot.level.rules.crowd.sight_radius * 1.5
    return int(np.count_nonzero(_near(obs, poi.x + 0.5, poi.y + 0.5, radius)))


def _near(obs: Observation, x: float, y: float, radius: float) -> np.ndarray:
    """Which visitors stand within ``radius`` of (x, y)."""
    dx = obs.crowd_pos[:, 0] - x
    dy = obs.crowd_pos[:, 1] - y
    dx *= dx
    dy *= dy
    dx += dy
    return dx < radius**2


def wants_ability(bot: Bot, obs: Observation) -> bool:
    me = obs.players[bot.seat]
    if me.ability_cd > 0:
        return False
    return _ABILITY_JUDGES[bot.character](bot, obs)


def _kiran(bot: Bot, obs: Observation) -> bool:
    me = obs.players[bot.seat]
    near = _near(obs, me.x, me.y, bot.rules.reassure_radius)
    if np.count_nonzero(near) >= 18:
        return True
    near &= obs.crowd_panic > 0.2
    return int(np.count_nonzero(near)) >= 6


def _max(bot: Bot, obs: Observation) -> bool:
    me = obs.players[bot.seat]
    look = glance(obs)
    infected = look.infected
    for i, (a, b) in enumerate(bot.links):
        if look.firewall[i] or infected[a] == infected[b]:
            continue
        clean = b if infected[a] else a
        if look.immune[clean]:
            continue
        mx, my = bot.link_mids[i]
        if math.hypot(mx - me.x, my - me.y) < 7.0:
            return True
    return False


def _voss(bot: Bot, obs: Observation) -> bool:
    return glance(obs).infected_count >= 1


def _jenna(bot: Bot, obs: Observation) -> bool:
    scared = int(np.count_nonzero(obs.crowd_panic > bot.rules.post_threshold))
    return scared >= max(6, len(obs.crowd_panic) // 20)


_ABILITY_JUDGES = {
    Character.KIRAN: _kiran,
    Character.MAX: _max,
    Character.VOSS: _voss,
    Character.JENNA: _jenna,
}
