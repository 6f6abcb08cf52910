"""The whole path: the client joins a real server on loopback and plays to the results.

One short match (30 s of game at 10x server speed) with a bot driving the local
player through the same input path as a human. While it runs we grab a frame and
check it is a real picture with the HUD on it.
"""

from __future__ import annotations

import os
import time

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import numpy as np  # noqa: E402
import pygame  # noqa: E402
import pytest  # noqa: E402

from game.sim.types import Phase  # noqa: E402

TIMEOUT_S = 45.0


@pytest.fixture()
def app(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("EXPO_SHOWDOWN_CONFIG_DIR", str(tmp_path))
    from game.client.app import App
    from game.client.settings import Settings

    return App(Settings(name="Tester"))


@pytest.mark.slow
def test_solo_match_through_the_server_reaches_the_results(app) -> None:  # type: ignore[no-untyped-def]
    from game.client.scenes.connect import ConnectScene
    from game.client.scenes.match import MatchScene
    from game.client.scenes.menu import MenuScene
    from game.client.scenes.results import ResultsScene

    app.push(MenuScene(app))
    app.push(
        ConnectScene(
            app,
            "solo",
            level="expo-hall",
            character="max",
            mode="showdown",
            difficulty="easy",
            duration=30,
            server_speed=10.0,
            autopilot=True,
        )
    )
    seen: dict[str, object] = {}
    start = time.monotonic()

    def watch(a) -> None:  # type: ignore[no-untyped-def]
        top = a.top
        if isinstance(top, MatchScene):
            obs = top.model.obs
            seen["seat"] = top.model.local_seat
            playing = obs is not None and obs.phase in (Phase.LIVE, Phase.CLIMAX)
            if playing and obs.tick > 200 and "frame" not in seen:
                seen["frame"] = pygame.surfarray.array3d(a.screen).copy()
        if isinstance(top, ResultsScene):
            seen["results"] = top.results
            seen["patches"] = sum(p.patches for p in top.obs.players) if top.obs else 0
            a.quit(0)
        elif time.monotonic() - start > TIMEOUT_S:
            a.quit(3)

    app.on_frame = watch
    assert app.run() == 0, app.message or "timed out before the results"
    results = seen["results"]
    assert results.ticks >= 30 * 30
    assert seen["seat"] == 1  # playing Max, as picked
    assert "frame" in seen
    _check_frame(seen["frame"])


def _check_frame(frame: np.ndarray) -> None:
    """Not blank: many colours; the HUD: a dark panel across the top with text on it."""
    h, w = frame.shape[1], frame.shape[0]
    colours = np.unique(frame.reshape(-1, 3)[::7], axis=0)
    assert len(colours) > 200, "the frame looks blank"
    top_bar = frame[20 : w - 20, 12:60].reshape(-1, 3).astype(int)
    dark = (top_bar.sum(axis=1) < 200).mean()
    bright = (top_bar.min(axis=1) > 200).mean()
    assert dark > 0.5, "no HUD panel across the top"
    assert bright > 0.002, "no text on the HUD"
    floor = frame[w // 4 : 3 * w // 4, h // 4 : 3 * h // 4].reshape(-1, 3).astype(int)
    assert (floor.sum(axis=1) > 600).mean() > 0.3, "the bright expo floor is not drawn"


def test_joining_a_dead_address_returns_one_line(app) -> None:  # type: ignore[no-untyped-def]
    from game.client.scenes.connect import ConnectScene

    app.push(ConnectScene(app, "join", url="ws://127.0.0.1:9", room=None, exit_on_fail=True))
    start = time.monotonic()
    app.on_frame = lambda a: a.quit(3) if time.monotonic() - start > 15 else None
    assert app.run() == 1
    assert app.message.startswith("cannot reach ws://127.0.0.1:9")
    assert "\n" not in app.message


def test_join_without_a_room_code_opens_a_lobby_as_host(app) -> None:  # type: ignore[no-untyped-def]
    from game.client.scenes.connect import ConnectScene
    from game.client.scenes.lobby import LobbyScene
    from game.client.scenes.menu import MenuScene
    from server.thread import ServerThread

    with ServerThread(port=0, db=None) as st:
        app.push(MenuScene(app))
        app.push(ConnectScene(app, "join", url=st.url, room=None, character="voss"))
        start = time.monotonic()
        seen: dict[str, object] = {}

        def watch(a) -> None:  # type: ignore[no-untyped-def]
            top = a.top
            room = a.online.session.room if a.online else None
            if isinstance(top, LobbyScene) and room is not None and room.seats[2].player_id:
                seen["code"] = room.code
                seen["host"] = a.online.session.is_host
                a.quit(0)
            elif time.monotonic() - start > 15:
                a.quit(3)

        app.on_frame = watch
        assert app.run() == 0
    assert seen["host"] is True
    assert len(str(seen["code"])) == 4
