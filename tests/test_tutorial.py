"""The tutorial: its training room, the coach's steps, and the whole guided path.

The coach is fed real observations from a real match in the training room (no
network), so "done when the player has done it" is checked against the rules
themselves. One test plays the tutorial through the in-process server with key
presses posted to pygame, as a player would.
"""

from __future__ import annotations

import os
import time

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.client.input import Bindings
from game.client.settings import DEFAULT_KEYS  # noqa: E402
from game.client.tutorial import READ_DELAY_S, Coach, lesson  # noqa: E402
from game.levels import TRAINING_LEVEL, level_ids, load_level  # noqa: E402
from game.match import Match  # noqa: E402
from game.match_config import MatchConfig  # noqa: E402
from game.sim import Input  # noqa: E402
from game.sim.types import Phase  # noqa: E402

KEYS = Bindings(DEFAULT_KEYS)


def _training_match(seat: int = 0) -> Match:
    match = Match(
        load_level(TRAINING_LEVEL), MatchConfig(TRAINING_LEVEL, seed=3), humans=frozenset({seat})
    )
    while match.world.phase is not Phase.LIVE:
        match.step()
    return match


def _step(match: Match, seat: int, inp: Input, coach: Coach) -> None:
    events = match.step({seat: inp})
    kinds = [ev.kind for ev in events if ev.seat == seat]
    coach.update(1 / 30, match.observation(), kinds)


def test_training_room_loads_by_id_but_is_not_among_the_levels_players_pick() -> None:
    assert TRAINING_LEVEL not in level_ids()
    assert load_level(TRAINING_LEVEL).id == TRAINING_LEVEL


def test_training_room_keeps_its_empty_seats_empty_while_other_levels_fill_them() -> None:
    assert _training_match().bots == {}
    expo = Match(load_level("expo-hall"), MatchConfig("expo-hall", seed=3), humans=frozenset({0}))
    assert sorted(expo.bots) == [1, 2, 3]


def test_move_step_is_done_after_walking_three_tiles_not_before() -> None:
    match, coach = _training_match(), Coach(0, KEYS)
    _step(match, 0, Input(), coach)
    for _ in range(10):  # a third of a second: about one tile
        _step(match, 0, Input(1.0, 0.0), coach)
    assert coach.step.key == "move"
    for _ in range(40):
        _step(match, 0, Input(1.0, 0.0), coach)
    assert coach.step.key == "patch"


def test_patch_step_is_done_when_the_player_patches_the_infected_kiosk() -> None:
    match, coach = _training_match(), Coach(0, KEYS)
    coach.skip()
    assert coach.step.key == "patch"
    kiosk = next(i for i, n in enumerate(match.level.nodes) if n.id == "kiosk")
    assert match.observation().infected[kiosk]
    me = match.world.players[0]
    me.x, me.y = match.level.nodes[kiosk].x + 1.5, match.level.nodes[kiosk].y + 0.5
    for _ in range(30 * 8):
        _step(match, 0, Input(patch=True), coach)
        if coach.step.key != "patch":
            break
    assert not match.observation().infected[kiosk]
    assert coach.step.key == "ability"


def test_ability_step_waits_for_the_ability_to_be_used() -> None:
    match, coach = _training_match(), Coach(0, KEYS)
    coach.skip()
    coach.skip()
    assert coach.step.key == "ability"
    for _ in range(30):
        _step(match, 0, Input(), coach)
    assert coach.step.key == "ability"
    _step(match, 0, Input(ability=True), coach)
    _step(match, 0, Input(), coach)
    assert coach.step.key != "ability"


def test_read_steps_ignore_confirm_until_they_have_been_on_screen_long_enough() -> None:
    coach = Coach(0, KEYS)
    while not coach.step.read:
        coach.skip()
    first = coach.step.key
    coach.confirm()
    assert coach.step.key == first
    coach.update(READ_DELAY_S + 0.1, None, [])
    coach.confirm()
    assert coach.step.key != first


def test_only_max_and_voss_get_a_second_action_step() -> None:
    has_action = [any(s.key == "action" for s in lesson(seat, KEYS)) for seat in range(4)]
    assert has_action == [False, True, True, False]


def test_prompts_name_the_players_own_bindings_and_the_pad_when_one_is_plugged_in() -> None:
    keys = {**DEFAULT_KEYS, "patch": ["f"], "ability": ["r"]}
    steps = {s.key: " ".join(s.lines) for s in lesson(0, Bindings(keys))}
    assert "HOLD F " in steps["patch"] and "Space" not in steps["patch"]
    assert "Press R." in steps["ability"]
    pad = {s.key: " ".join(s.lines) for s in lesson(0, Bindings(keys, pad=True))}
    assert "(pad: A)" in pad["patch"]
    assert "left stick" in pad["move"]


def test_every_step_can_be_skipped_to_the_end() -> None:
    coach = Coach(2, KEYS)
    for _ in coach.steps:
        assert not coach.finished
        coach.skip()
    assert coach.finished


@pytest.fixture()
def app(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("EXPO_SHOWDOWN_CONFIG_DIR", str(tmp_path))
    from game.client.app import App
    from game.client.settings import Settings

    return App(Settings(name="Tester"))


def _key(key: int, down: bool) -> None:
    kind = pygame.KEYDOWN if down else pygame.KEYUP
    pygame.event.post(pygame.event.Event(kind, key=key, mod=0, unicode="", scancode=0))


def test_the_tutorial_runs_on_the_in_process_server_and_ends_back_at_the_menu(app) -> None:  # type: ignore[no-untyped-def]
    from game.client.scenes.connect import ConnectScene
    from game.client.scenes.menu import MenuScene
    from game.client.scenes.tutorial import TutorialScene

    app.push(MenuScene(app))
    app.push(ConnectScene(app, "tutorial", character="voss"))
    seen: dict[str, object] = {"keys": []}
    start = time.monotonic()

    def play(a) -> None:  # type: ignore[no-untyped-def]
        top = a.top
        if time.monotonic() - start > 40:
            a.quit(3)
        elif isinstance(top, TutorialScene):
            seen["server"] = top.online.server is not None
            seen["level"] = top.model.level.id
            seen["seat"] = top.seat
            step = top.coach.step.key
            if step == "move" and "move" not in seen:
                seen["move"] = True
                _key(pygame.K_d, True)
            elif step == "patch" and "patch" not in seen:
                seen["patch"] = True  # walking advanced the coach by itself
                _key(pygame.K_d, False)
            elif step != "move" and top.coach.shown_s > 0.2:
                _key(pygame.K_RETURN if top.coach.step.read else pygame.K_TAB, True)
        elif isinstance(top, MenuScene) and "patch" in seen:
            seen["end"] = a.message
            a.quit(0)

    app.on_frame = play
    assert app.run() == 0, app.message or "the tutorial did not finish in time"
    assert seen["server"] is True
    assert seen["level"] == TRAINING_LEVEL
    assert seen["seat"] == 2  # Voss, as picked
    assert "Tutorial done" in str(seen["end"])
    assert app.settings.tutorial_done  # the menu stops offering it first


def test_tutorial_command_takes_timedemo_and_screenshot_like_solo(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from game.cli import main

    shot = tmp_path / "tutorial.png"
    assert main(["tutorial", "--as", "max", "--timedemo", "3", "--screenshot", str(shot)]) == 0
    out = capsys.readouterr().out
    assert "timedemo:" in out and "FPS average" in out
    image = pygame.image.load(str(shot))
    assert image.get_size() == (1280, 720)


def test_the_menu_offers_how_to_play_until_the_tutorial_is_done(app) -> None:  # type: ignore[no-untyped-def]
    from game.client.scenes.menu import MenuScene

    first = MenuScene(app)
    assert first.list.items[first.list.selected].key == "tutorial"
    assert "How to play" in app.message
    app.settings.tutorial_done = True
    app.message = ""
    later = MenuScene(app)
    assert later.list.items[later.list.selected].key == "solo"
    assert app.message == ""
