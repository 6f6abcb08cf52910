"""The client's rough edges, through the real path: in-process servers on loopback,
pygame on SDL's dummy drivers, real level files in a temporary folder."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pytest  # noqa: E402

from game.client.input import Ui, UiEvent  # noqa: E402
from game.data import level_files  # noqa: E402
from game.net import ErrorCode  # noqa: E402

TIMEOUT_S = 30.0


@pytest.fixture()
def app(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("EXPO_SHOWDOWN_CONFIG_DIR", str(tmp_path))
    from game.client.app import App
    from game.client.settings import Settings

    return App(Settings(name="Tester"))


def _run_until(app, done: Callable[[object], bool]) -> None:  # type: ignore[no-untyped-def]
    start = time.monotonic()

    def watch(a) -> None:  # type: ignore[no-untyped-def]
        if done(a):
            a.quit(0)
        elif time.monotonic() - start > TIMEOUT_S:
            a.quit(3)

    app.on_frame = watch
    assert app.run() == 0, app.message or "timed out"


def test_solo_plays_a_level_file_through_the_in_process_server(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from game.client.scenes.connect import ConnectScene
    from game.client.scenes.match import MatchScene
    from game.client.scenes.menu import MenuScene

    text = (level_files() / "preserve-dental.toml").read_text(encoding="utf-8")
    path = tmp_path / "my-clinic.toml"
    path.write_text(text.replace('id = "preserve-dental"', 'id = "my-clinic"', 1), "utf-8")
    app.push(MenuScene(app))
    app.push(ConnectScene(app, "solo", level=str(path), character="jenna", autopilot=True))
    seen: dict[str, object] = {}

    def in_match(a) -> bool:  # type: ignore[no-untyped-def]
        if isinstance(a.top, MatchScene):
            seen["level"] = a.top.model.level.id
            seen["seat"] = a.top.model.local_seat
            return True
        return False

    _run_until(app, in_match)
    assert seen == {"level": "my-clinic", "seat": 3}


def test_a_failed_join_returns_to_the_join_screen_with_everything_typed(app) -> None:  # type: ignore[no-untyped-def]
    import socket

    from game.client.scenes.join import JoinScene
    from game.client.scenes.menu import MenuScene

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app.push(MenuScene(app))
    join = JoinScene(app)
    app.push(join)
    join.values.update(url=f"ws://127.0.0.1:{port}", room="ABCD", name="Leila")
    join._go()
    _run_until(app, lambda a: a.top is join and bool(a.message))
    assert join.values == {"url": f"ws://127.0.0.1:{port}", "room": "ABCD", "name": "Leila"}
    assert "connection refused" in app.message


def test_watch_on_the_join_screen_spectates_a_match_in_progress(app) -> None:  # type: ignore[no-untyped-def]
    from game.client.online import Online
    from game.client.scenes.join import FIELDS, JoinScene
    from game.client.scenes.match import MatchScene
    from game.client.scenes.menu import MenuScene
    from game.client.session import SessionState
    from server.thread import ServerThread

    with ServerThread(db=None) as st:
        host = Online.connect(st.url, "Host")
        try:
            start, asked = time.monotonic(), set()
            while not host.session.in_match:
                assert time.monotonic() - start < TIMEOUT_S, "the host's match did not start"
                host.session.pump()
                s = host.session
                if s.state is SessionState.CONNECTED and "create" not in asked:
                    asked.add("create")
                    s.create("expo-hall", "showdown", "easy", 300)
                elif s.room is not None and "start" not in asked:
                    asked.add("start")
                    s.start()
                time.sleep(0.01)
            app.push(MenuScene(app))
            join = JoinScene(app)
            app.push(join)
            join.values.update(url=st.url, room=host.session.room.code, name="Fan")
            join.focus = len(FIELDS)  # the Play/Watch row
            join.handle([UiEvent(Ui.RIGHT)])
            assert join.watch
            join.handle([UiEvent(Ui.CONFIRM)])
            seen: dict[str, object] = {}

            def watching(a) -> bool:  # type: ignore[no-untyped-def]
                host.session.pump()
                top = a.top
                if isinstance(top, MatchScene) and top.model.obs is not None:
                    seen["seat"] = top.model.local_seat
                    return True
                return False

            _run_until(app, watching)
            assert seen == {"seat": None}
        finally:
            host.close()


def test_the_lobby_never_shows_ready_no_to_the_host_whose_card_says_ready(app) -> None:  # type: ignore[no-untyped-def]
    from game.client.scenes.connect import ConnectScene
    from game.client.scenes.lobby import LobbyScene
    from game.client.scenes.menu import MenuScene

    app.push(MenuScene(app))
    app.push(ConnectScene(app, "host", listen="127.0.0.1", port=0))
    seen: dict[str, object] = {}

    def in_lobby(a) -> bool:  # type: ignore[no-untyped-def]
        top = a.top
        if isinstance(top, LobbyScene) and top.session.room is not None:
            top._sync()
            seen["ready"] = top.list.item("ready").value
            seen["share"] = top._share
            return True
        return False

    _run_until(app, in_lobby)
    assert seen["ready"] == "yes"
    assert "Only this machine can join (ws://127.0.0.1:" in str(seen["share"])


def test_hosting_on_a_busy_port_comes_back_with_one_uncut_line(app) -> None:  # type: ignore[no-untyped-def]
    import socket

    from game.client.scenes.menu import MenuScene
    from game.client.scenes.setup import HostSetupScene

    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        from game.client.scenes.connect import ConnectScene

        app.push(MenuScene(app))
        setup = HostSetupScene(app)
        app.push(setup)
        app.push(ConnectScene(app, "host", listen="0.0.0.0", port=port))
        _run_until(app, lambda a: a.top is setup and bool(a.message))
    assert app.message == f"port {port} is busy (is another server running?): pick another port"
    assert len(app.message) < 110  # the footer shows 110 characters


@pytest.mark.parametrize(
    ("code", "wire", "words"),
    [
        (ErrorCode.ROOM_NOT_FOUND, "join.code: no room ABCD", "No room has that code"),
        (ErrorCode.WRONG_PHASE, "join: a match is on; join with spectate", "choose Watch"),
        (ErrorCode.WRONG_PHASE, "start: Leila is not ready", "Leila is not ready"),
    ],
)
def test_server_refusals_reach_the_player_in_their_words(
    code: ErrorCode, wire: str, words: str
) -> None:
    from game.client.words import error_words

    said = error_words(code, wire)
    assert words in said
    assert "join." not in said and "start:" not in said


def test_enter_on_the_play_row_of_solo_setup_starts_the_match(app) -> None:  # type: ignore[no-untyped-def]
    from game.client.scenes.connect import ConnectScene
    from game.client.scenes.menu import MenuScene
    from game.client.scenes.setup import SoloSetupScene

    app.push(MenuScene(app))
    setup = SoloSetupScene(app)
    app.push(setup)
    setup.handle([UiEvent(Ui.CONFIRM)])  # on Level: changes the level, starts nothing
    assert app.top is setup
    while setup.list.items[setup.list.selected].key != "play":
        setup.handle([UiEvent(Ui.DOWN)])
    setup.handle([UiEvent(Ui.CONFIRM)])
    assert isinstance(app.top, ConnectScene) and app.top.how == "solo"
    app.top._fail("")  # nothing was started: back to the menu
