"""Each character's judgement: which node matters, where the crowd is, when to use abilities."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from game.bots.crowdmap import crowd_counts
from game.sim.observation import Observation
from game.sim.types import Character, Phase

if TYPE_CHECKING:
    from game.bots.bot import Bot, Goal

__all__ = ["choose_goal", "wants_ability"]


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
    """The infected node most worth walking to, all nodes scored at once."""
    me = obs.players[bot.seat]
    cell = bot.cell(me.x, me.y)
    seen = obs.infected & bot.node_seen_cells[cell]
    if not seen.any():
        return -1
    value = _node_value(bot, obs)
    dist = bot.nav.node_dist_cells[cell]
    score = value / bot.node_slow_cells[cell] * _contest(bot, obs, dist)
    score += bot.nrng.normal(0.0, bot.skill.noise * 0.5, len(score))
    current = bot.goal.node if bot.goal is not None else -1
    if current >= 0:
        score[current] *= 1.3  # commit: don't dither between two goals
    score[~seen] = -np.inf
    best = int(np.argmax(score))
    return best if score[best] > 0 else -1


def _node_value(bot: Bot, obs: Observation) -> np.ndarray:
    """What each node is worth to bots like this one; bots that value alike share it."""
    key = bot.node_value_key
    value: np.ndarray | None = obs.cache.get(key)
    if value is None:
        witnesses = crowd_counts(bot.level, obs).near_node
        value = obs.cache[key] = (
            bot.node_base
            + 0.4 * obs.crashed
            + 8.0 * obs.leak * bot.is_vault
            + bot.crowd_weight * witnesses / 25.0
        )
    return value


def _contest(bot: Bot, obs: Observation, my_dist: np.ndarray) -> np.ndarray:
    """Leave a node to a rival (or ally) who is already on it, or much closer."""
    allied = bot.allied(obs)
    factor = np.ones(len(my_dist))
    for p in obs.players:
        if p.seat == bot.seat:
            continue
        closer = bot.rival_dist_cells[bot.cell(p.x, p.y)] < my_dist
        np.multiply(factor, 0.55 if allied else 0.8, out=factor, where=closer)
        if p.patch_node >= 0:
            factor[p.patch_node] *= 0.15 if allied else 0.4
    return factor


def _crowd_goal(bot: Bot, obs: Observation, x: float, y: float) -> Goal | None:
    """Nothing to patch: stand where the calm crowd is thickest."""
    counts = crowd_counts(bot.level, obs).near_poi
    score = counts / bot.poi_slow_cells[bot.cell(x, y)] + bot.nrng.normal(
        0.0, bot.skill.noise * 3.0, len(counts)
    )
    score[bot.exit_pois] = -np.inf
    if bot.goal is not None and bot.goal.poi >= 0:
        score[bot.goal.poi] *= 1.3
    return bot.poi_goal(int(np.argmax(score)))


def _special_goal(bot: Bot, obs: Observation) -> Goal | None:
    me = obs.players[bot.seat]
    if bot.character is Character.MAX:
        need = bot.rules.master_fragments
        if (
            me.fragments >= need
            and me.action_cd == 0
            and (obs.infected[bot.core] or obs.infected.sum() >= 3 or obs.phase is Phase.CLIMAX)
        ):
            return bot.node_goal(bot.core, action_at_goal=True, hold_patch=True)
    if bot.character is Character.VOSS and me.action_cd == 0:
        limit = bot.rules.showcase_max_infected
        if obs.infected_share <= limit and _stage_crowd(bot, obs) >= 15:
            return bot.stage_goal(action_at_goal=True)
    return None


def _stage_crowd(bot: Bot, obs: Observation) -> int:
    poi = bot.level.pois[bot.stage_poi]
    d = obs.crowd_pos - (poi.x + 0.5, poi.y + 0.5)
    return int(((d * d).sum(axis=1) < (bot.level.rules.crowd.sight_radius * 1.5) ** 2).sum())


def wants_ability(bot: Bot, obs: Observation) -> bool:
    me = obs.players[bot.seat]
    if me.ability_cd > 0:
        return False
    return _ABILITY_JUDGES[bot.character](bot, obs)


def _kiran(bot: Bot, obs: Observation) -> bool:
    me = obs.players[bot.seat]
    d = obs.crowd_pos - (me.x, me.y)
    near = (d * d).sum(axis=1) < bot.rules.reassure_radius**2
    worried = near & (obs.crowd_panic > 0.2)
    return int(worried.sum()) >= 6 or int(near.sum()) >= 18


def _max(bot: Bot, obs: Observation) -> bool:
    me = obs.players[bot.seat]
    firewall = obs.firewall.tolist()
    infected = obs.infected.tolist()
    immune = obs.immune.tolist()
    for i, (a, b) in enumerate(bot.links):
        if firewall[i] or infected[a] == infected[b]:
            continue
        clean = b if infected[a] else a
        if immune[clean]:
            continue
        mx, my = bot.link_mids[i]
        if math.hypot(mx - me.x, my - me.y) < 7.0:
            return True
    return False


def _voss(bot: Bot, obs: Observation) -> bool:
    return int(obs.infected.sum()) >= 1


def _jenna(bot: Bot, obs: Observation) -> bool:
    scared = int((obs.crowd_panic > bot.rules.post_threshold).sum())
    return scared >= max(6, len(obs.crowd_panic) // 20)


_ABILITY_JUDGES = {
    Character.KIRAN: _kiran,
    Character.MAX: _max,
    Character.VOSS: _voss,
    Character.JENNA: _jenna,
}
