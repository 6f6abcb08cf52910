"""Every menu screen opens, takes input and draws without a server."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.client.input import Ui, UiEvent  # noqa: E402


@pytest.fixture()
def app(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("EXPO_SHOWDOWN_CONFIG_DIR", str(tmp_path))
    from game.client.app import App
    from game.client.settings import Settings

    return App(Settings())


def _exercise(app, scene) -> None:  # type: ignore[no-untyped-def]
    app.push(scene)
    for kind in (Ui.DOWN, Ui.RIGHT, Ui.UP, Ui.LEFT):
        scene.handle([UiEvent(kind)])
        scene.update(1 / 60)
        scene.draw(app.screen)
    colours = {app.screen.get_at((x, y))[:3] for x in range(0, 1280, 37) for y in range(0, 720, 23)}
    assert len(colours) > 20


def test_menu_screens_draw(app) -> None:  # type: ignore[no-untyped-def]
    from game.client.scenes.join import JoinScene
    from game.client.scenes.menu import MenuScene
    from game.client.scenes.replays import ReplaysScene
    from game.client.scenes.settings_menu import SettingsScene
    from game.client.scenes.setup import SoloSetupScene

    for cls in (MenuScene, SoloSetupScene, JoinScene, ReplaysScene, SettingsScene):
        _exercise(app, cls(app))


def test_settings_screen_saves_a_changed_option(app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from game.client.scenes.settings_menu import SettingsScene
    from game.client.settings import load_settings

    scene = SettingsScene(app)
    app.push(scene)
    scene.list.selected = [i.key for i in scene.list.items].index("colourblind")
    scene.handle([UiEvent(Ui.RIGHT)])
    scene.handle([UiEvent(Ui.BACK)])
    assert load_settings(tmp_path).colourblind is True


def test_window_resize_keeps_drawing(app) -> None:  # type: ignore[no-untyped-def]
    from game.client.scenes.menu import MenuScene

    scene = MenuScene(app)
    app.push(scene)
    app.screen = pygame.display.set_mode((1600, 900), pygame.RESIZABLE)
    scene.draw(app.screen)
    assert app.screen.get_size() == (1600, 900)


def test_a_one_star_alliance_win_counts_as_a_win_and_a_lost_alliance_as_a_loss() -> None:
    from game.client.scenes.results import won_match
    from game.kinds import Character, Difficulty, Mode
    from game.net import MatchResults

    def alliance(won: bool, stars: int) -> MatchResults:
        favour = dict.fromkeys(Character, 1.0)
        return MatchResults(
            "expo-hall", 1, Mode.ALLIANCE, Difficulty.NORMAL, None, favour, 0.5,
            "contained" if won else "breach", stars, 900, "ab", 1.0, (), won,
        )  # fmt: skip

    assert won_match(alliance(True, 1), seat=2)
    assert not won_match(alliance(False, 0), seat=2)
    showdown = MatchResults(
        "expo-hall", 1, Mode.SHOWDOWN, Difficulty.NORMAL, Character.VOSS,
        dict.fromkeys(Character, 1.0), 0.1, "timeout", None, 900, "ab", 1.0,
    )  # fmt: skip
    assert won_match(showdown, seat=2) and not won_match(showdown, seat=1)
    assert not won_match(showdown, seat=None)
