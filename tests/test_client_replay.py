"""Replay playback in the client: reaches the end, seeks both ways, renders."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pytest  # noqa: E402

from game.client.replayer import KEEP_EVERY, ReplayPlayer  # noqa: E402
from game.levels import load_level  # noqa: E402
from game.match import Match  # noqa: E402
from game.match_config import MatchConfig  # noqa: E402
from game.replay import Replay  # noqa: E402
from game.sim import state_hash  # noqa: E402


@pytest.fixture(scope="module")
def replay_file(tmp_path_factory):  # type: ignore[no-untyped-def]
    match = Match(
        load_level("expo-hall"), MatchConfig("expo-hall", seed=11, duration_s=30), checkpoints=True
    )
    match.run()
    path = tmp_path_factory.mktemp("replays") / "short.replay"
    match.replay().save(path)
    return path


def test_playback_reaches_the_end_with_the_recorded_hash(replay_file) -> None:  # type: ignore[no-untyped-def]
    replay = Replay.load(replay_file)
    player = ReplayPlayer(replay)
    steps = 0
    while not player.at_end:
        player.step()
        steps += 1
    assert player.tick == replay.ticks == steps
    assert state_hash(player.world) == replay.final_hash
    assert player.step() == []  # nothing past the end


def test_seeking_back_and_forth_gives_the_same_state(replay_file) -> None:  # type: ignore[no-untyped-def]
    replay = Replay.load(replay_file)
    straight = ReplayPlayer(replay)
    straight.seek(700)
    expected = state_hash(straight.world)
    player = ReplayPlayer(replay)
    player.seek(replay.ticks)
    assert player.at_end and KEEP_EVERY in player.saved
    player.seek(700)  # backwards: from the copy at 600
    assert player.tick == 700
    assert state_hash(player.world) == expected
    player.seek(-50)
    assert player.tick == 0


@pytest.mark.slow
def test_the_replay_scene_plays_to_the_end(replay_file, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("EXPO_SHOWDOWN_CONFIG_DIR", str(tmp_path))
    from game.client.app import App
    from game.client.scenes.replay_view import ReplayScene
    from game.client.settings import Settings

    app = App(Settings())
    scene = ReplayScene(app, Replay.load(replay_file), quit_at_end=True)
    scene.speed_index = len(scene_speeds()) - 1  # 8x
    app.push(scene)
    app.uncapped = True
    frames = []
    app.on_frame = lambda a: frames.append(scene.player.tick)
    assert app.run() == 0
    assert scene.player.at_end
    assert len(frames) > 10


def scene_speeds():  # type: ignore[no-untyped-def]
    from game.client.scenes.replay_view import SPEEDS

    return SPEEDS


def test_the_replay_scene_shows_a_note_when_numpy_differs(
    replay_file, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("EXPO_SHOWDOWN_CONFIG_DIR", str(tmp_path))
    import pygame

    from game.client.app import App
    from game.client.scenes.replay_view import ReplayScene
    from game.client.settings import Settings

    app = App(Settings())
    same = Replay.load(replay_file)
    other = Replay.load(replay_file)
    other.numpy_version = "1.26.4"
    shots = []
    for replay in (same, other):
        scene = ReplayScene(app, replay)
        scene.update(0.1)
        surf = pygame.Surface(app.screen.get_size())
        scene.draw(surf)
        shots.append((scene.note, pygame.surfarray.array3d(surf)))
    (quiet, plain), (note, noted) = shots
    assert quiet is None
    assert note is not None and "numpy 1.26.4" in note
    assert (plain != noted).any(), "the note is drawn"


def _replay_app(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("EXPO_SHOWDOWN_CONFIG_DIR", str(tmp_path))
    from game.client.app import App
    from game.client.settings import Settings

    return App(Settings())


def test_the_replay_hud_says_replay_and_names_players_without_bot_tags(
    replay_file, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from game.client.render.hud import phase_label
    from game.client.scenes.replay_view import ReplayScene
    from game.client.scenes.replays import seat_names

    app = _replay_app(tmp_path, monkeypatch)
    plain = ReplayScene(app, Replay.load(replay_file))
    assert plain.model.bots == [False] * 4  # a file does not say who was a bot
    players = '[{"name": "Leila", "human": true, "character": "kiran"}, {"human": false},'
    players += ' {"human": false}, {"name": "Jo", "human": true, "character": "jenna"}]'
    names = seat_names(players)
    assert names == ["Leila", "", "", "Jo"]
    named = ReplayScene(app, Replay.load(replay_file), names=names)
    assert named.model.names == ["Leila", "", "", "Jo"]
    assert named.model.bots == [False, True, True, False]
    app.push(named)
    named.update(1 / 60)
    named.draw(app.screen)
    frame = named.model.frame()
    assert frame is not None
    frame.extra["replay"] = True
    assert phase_label(frame)[0] == "REPLAY"


@pytest.mark.parametrize("size", [(1280, 720), (960, 540), (1920, 1080)])
def test_the_replay_footer_stays_left_of_the_minimap_on_every_level(
    replay_file, tmp_path, monkeypatch, size
) -> None:  # type: ignore[no-untyped-def]
    import pygame

    from game.client.render.hud import HudRenderer
    from game.client.scenes.replay_view import ReplayScene
    from game.levels import level_ids

    app = _replay_app(tmp_path, monkeypatch)
    scene = ReplayScene(app, Replay.load(replay_file))
    surf = pygame.Surface(size)
    for ident in level_ids():
        scene.hud = HudRenderer(load_level(ident))
        footer, minimap = scene.footer_rect(surf), scene.hud.minimap_rect(surf)
        assert footer.right < minimap.left - 8, ident
        assert footer.width > size[0] // 3, ident


def test_a_fitted_level_starts_below_the_top_bar() -> None:
    from game.client.render.camera import HUD_TOP, Camera
    from game.levels import level_ids

    for ident in level_ids():
        level = load_level(ident)
        cam = Camera(1280, 720)
        cam.fit(level.width, level.height)
        assert cam.to_screen(0, 0)[1] >= round(720 * HUD_TOP) - 1, ident
