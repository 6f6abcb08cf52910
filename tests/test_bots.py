"""Bots play every level in both modes through the same Input API as humans."""

from __future__ import annotations

import math

import pytest

from game.bots import Bot, skill_for
from game.kinds import Difficulty
from game.levels import level_ids, load_level
from game.match import Match
from game.match_config import MatchConfig
from game.net.snapshot import SnapshotBuilder, observation_from
from game.sim import Input, Mode


@pytest.mark.slow
@pytest.mark.parametrize("mode", [Mode.SHOWDOWN, Mode.ALLIANCE], ids=lambda m: m.id)
@pytest.mark.parametrize("level", level_ids())
def test_bots_finish_a_match_on_every_level_in_both_modes(level: str, mode: Mode) -> None:
    match = Match(load_level(level), MatchConfig(level, seed=2, mode=mode, duration_s=45))
    result = match.run()
    full_length = match.world.countdown_ticks + match.world.duration_ticks
    assert (result.ticks == full_length) == (result.outcome == "timeout"), result.outcome
    assert sum(p.patches for p in result.players) > 0, "bots patch something"
    if mode is Mode.ALLIANCE:
        assert result.winner is None and result.stars is not None


@pytest.mark.slow
def test_every_bot_uses_its_ability_in_a_full_match() -> None:
    result = Match(load_level("expo-hall"), MatchConfig("expo-hall", seed=5)).run()
    assert all(p.abilities > 0 for p in result.players), result.players
    assert sum(p.actions for p in result.players) > 0


def test_bots_move_no_faster_than_their_character() -> None:
    match = Match(load_level("expo-hall"), MatchConfig("expo-hall", seed=3, duration_s=30))
    world = match.world
    prev = [(p.x, p.y) for p in world.players]
    fastest = 0.0
    while not match.over:
        match.step()
        for seat, p in enumerate(world.players):
            step = math.dist(prev[seat], (p.x, p.y))
            fastest = max(fastest, step / (world.rules.characters[seat].speed * world.dt))
            prev[seat] = (p.x, p.y)
    assert 0.5 < fastest <= 1.0 + 1e-6


def test_a_bot_decides_from_the_networks_view_of_the_world() -> None:
    level = load_level("expo-hall")
    match = Match(level, MatchConfig(level.id, seed=1))
    for _ in range(200):
        match.step()
    snapshot = SnapshotBuilder().build(match.world)
    bot = Bot(level, seat=1, difficulty=Difficulty.HARD, seed=1)
    decision = bot.act(observation_from(snapshot, match.world.tick))
    assert isinstance(decision, Input)
    assert decision != Input(), "mid-match a bot always wants something"


def test_harder_bots_react_sooner_and_err_less() -> None:
    easy, normal, hard = (skill_for(d) for d in Difficulty)
    assert easy.think_every > normal.think_every > hard.think_every
    assert easy.noise > normal.noise > hard.noise
    assert easy.awareness < hard.awareness


def test_a_seat_handed_to_a_bot_and_back_stops_being_driven() -> None:
    match = Match(load_level("expo-hall"), MatchConfig("expo-hall", seed=1), humans=frozenset({0}))
    assert 0 not in match.bots
    match.set_bot(0, True)
    assert 0 in match.bots
    match.set_bot(0, False)
    for _ in range(120):
        match.step({0: Input()})
    spawn = match.level.spawns[0]
    assert (match.world.players[0].x, match.world.players[0].y) == spawn
