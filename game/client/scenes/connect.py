"""Connecting: start the in-process server if needed, connect, create or join a room.

Solo and the tutorial go straight on into the match (pick the character, start);
the tutorial is a solo match in the training room with the coach on top. Host and
Join go to the lobby. Any failure returns to the menu with a one-line reason.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pygame

from game.client.app import App, Scene
from game.client.input import Ui, UiEvent
from game.client.online import Online, start_server
from game.client.render import palette as pal
from game.client.render.text import text
from game.client.scenes.ui import backdrop, draw_title, footer, scale
from game.client.session import SessionState
from game.levels import TRAINING_LEVEL, LevelError, LevelShelf, load_level
from server.addresses import listen_error

__all__ = ["ConnectScene", "HOST_PORT"]

HOST_PORT = 8765
TIMEOUT_S = 12.0


class ConnectScene(Scene):
    def __init__(self, app: App, how: str, **opts: Any) -> None:
        super().__init__(app)
        self.how = how  # "solo", "tutorial", "host" or "join"
        self.opts = opts
        if how == "tutorial":
            self.opts.update(level=TRAINING_LEVEL, mode="showdown", difficulty="normal")
        self.time = 0.0
        self.online: Online | None = None
        self.step = "start"
        self.started = time.monotonic()
        self.status = "Starting..."

    @property
    def solo(self) -> bool:
        """Solo and the tutorial: a local server, straight into the match."""
        return self.how in ("solo", "tutorial")

    def handle(self, events: list[UiEvent]) -> None:
        if any(e.kind in (Ui.BACK, Ui.PAUSE) for e in events):
            self._fail("")

    def _fail(self, message: str) -> None:
        from game.client.scenes.menu import MenuScene

        if self.online is not None:
            self.online.close()
            self.app.online = None
        if self.opts.get("exit_on_fail") and message:
            self.app.message = message
            self.app.quit(1)
            return
        if self.how in ("join", "host") and len(self.app.stack) > 1:
            self.app.message = message
            self.app.pop()  # back to the Join/Host screen, with everything still as chosen
            return
        self.app.reset(MenuScene(self.app, message))

    def update(self, dt: float) -> None:
        self.time += dt
        if self.step == "start":
            self._start()
            return
        assert self.online is not None
        s = self.online.session
        s.pump()
        if s.state is SessionState.DEAD:
            self._fail(s.dead_reason)
            return
        for note in s.notes:
            if note.error:
                self._fail(note.text)
                return
        s.notes.clear()
        if time.monotonic() - self.started > TIMEOUT_S:
            self._fail("the server did not answer in time")
        elif self.step == "hello" and s.state is SessionState.CONNECTED:
            self._enter_room()
        elif self.step == "room" and s.room is not None:
            self._in_room()
        elif self.step == "match" and s.in_match and s.model is not None:
            from game.client.scenes.match import MatchScene
            from game.client.scenes.tutorial import TutorialScene

            scene = TutorialScene if self.how == "tutorial" else MatchScene
            self.app.replace(scene(self.app, self.online, **self._match_opts()))

    def _start(self) -> None:
        server = None
        name = self.opts.get("name") or self.app.settings.name
        try:
            shelf = self._shelf()
        except LevelError as exc:
            self._fail(str(exc).splitlines()[0])
            return
        try:
            if self.solo:
                self.status = "Starting the local server..."
                record = not self.opts.get("timedemo") and self.how == "solo"
                speed = self.opts.get("server_speed", 1.0)
                server = start_server(record=record, speed=speed, levels=shelf)
                url = server.url
            elif self.how == "host":
                listen = self.opts.get("listen", "0.0.0.0")
                port = self.opts.get("port", HOST_PORT)
                server = start_server(listen, port, levels=shelf)
                url = f"ws://127.0.0.1:{server.port}"
            else:
                url = self.opts["url"]
        except OSError as exc:
            host, port = self.opts.get("listen", "0.0.0.0"), self.opts.get("port", HOST_PORT)
            self._fail(listen_error(host, port, exc))
            return
        except RuntimeError as exc:
            self._fail(f"cannot start the server: {exc}")
            return
        self.online = Online.connect(url, name, server, solo=self.solo, levels=shelf)
        self.app.online = self.online
        self.status = f"Connecting to {url}..."
        self.step = "hello"

    def _shelf(self) -> LevelShelf:
        """Level files the player named (``solo --level FILE``, ``join --levels DIR``):
        the in-process server offers them and this client draws them, by their id."""
        files = [Path(p) for p in self.opts.get("level_files", [])]
        level = self.opts.get("level")
        if level and level.endswith(".toml"):
            files.append(Path(level))
        shelf = LevelShelf.from_files(files)
        if level and level.endswith(".toml"):
            self.opts["level"] = load_level(level).id  # the room names it by id
        return shelf

    def _enter_room(self) -> None:
        assert self.online is not None
        s = self.online.session
        room = self.opts.get("room")
        if self.how == "join" and room:
            s.join(room, self.opts.get("character"), bool(self.opts.get("spectate")))
        else:
            s.create(
                self.opts.get("level") or "expo-hall",
                self.opts.get("mode") or "showdown",
                self.opts.get("difficulty") or "normal",
                self.opts.get("duration"),
            )
        self.status = "Entering the room..."
        self.step = "room"

    def _in_room(self) -> None:
        assert self.online is not None
        s = self.online.session
        want = self.opts.get("character")
        if self.solo:
            if want and s.character() != want:
                s.pick(want)
            s.start()
            self.status = "Starting the match..."
            self.step = "match"
            return
        if want and s.character() != want and not self.opts.get("room"):
            s.pick(want)
        from game.client.scenes.lobby import LobbyScene

        self.app.replace(LobbyScene(self.app, self.online))

    def _match_opts(self) -> dict[str, Any]:
        keys = ("timedemo", "screenshot", "difficulty", "autopilot")
        return {k: self.opts[k] for k in keys if k in self.opts}

    def draw(self, surf: pygame.Surface) -> None:
        backdrop(surf, self.time)
        draw_title(surf, "CONNECTING", self.status)
        u = scale(surf)
        w, h = surf.get_size()
        for k in range(8):
            ang = self.time * 4 + k * 0.785
            r = round(40 * u)
            c = (
                w // 2 + round(r * pygame.math.Vector2(1, 0).rotate_rad(ang).x),
                h // 2 + round(r * pygame.math.Vector2(1, 0).rotate_rad(ang).y),
            )
            pygame.draw.circle(surf, pal.mix(pal.CYAN, pal.BG, k / 8), c, round(6 * u))
        img = text(self.status, round(26 * u), pal.WHITE)
        surf.blit(img, img.get_rect(center=(w // 2, h // 2 + round(90 * u))))
        footer(surf, "Esc cancel")
