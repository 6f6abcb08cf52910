"""The lobby: room code, the four seats with names, characters and ready marks.

Everyone picks a character and marks ready; the host also sets level, mode and
difficulty and starts. Empty seats are played by bots.
"""

from __future__ import annotations

import pygame

from game.client.app import App, Scene
from game.client.input import Ui, UiEvent
from game.client.online import Online
from game.client.render import palette as pal
from game.client.render import sprites
from game.client.render.text import text
from game.client.scenes.ui import Item, OptionList, backdrop, draw_title, footer, scale
from game.client.session import SessionState
from game.kinds import DIFFICULTY_IDS, Difficulty, Mode
from game.net import Settings
from game.sim.types import CHARACTER_IDS, CHARACTER_NAMES, MODE_IDS
from server.addresses import OPEN_HOSTS, share_urls

__all__ = ["LobbyScene"]


class LobbyScene(Scene):
    def __init__(self, app: App, online: Online, message: str = "") -> None:
        super().__init__(app)
        self.online = online
        self.session = online.session
        self.time = 0.0
        self.message = message
        self.levels = online.session.levels.ids()
        self.list = OptionList(
            [
                Item(
                    "character",
                    "Character",
                    CHARACTER_IDS,
                    0,
                    show=lambda v: CHARACTER_NAMES[CHARACTER_IDS.index(v)],
                ),
                Item("ready", "Ready", ("no", "yes"), 0, show=str.title),
                Item("level", "Level", self.levels, 0),
                Item("mode", "Mode", MODE_IDS, 0, show=str.title),
                Item("difficulty", "Bots", DIFFICULTY_IDS, 1, show=str.title),
                Item("start", "Start match"),
                Item("leave", "Leave"),
            ],
            top=180,
            width=560,
        )
        self._sync()
        self._share = self._share_line()

    def _share_line(self) -> str:
        """What friends type to join: this machine's LAN address when we host, never 0.0.0.0."""
        server = self.online.server
        if server is None or self.online.solo:
            return "Share the code; empty seats are played by bots"
        urls = share_urls(server.host, server.port)
        if server.host in OPEN_HOSTS and len(urls) > 1:
            return f"Friends join {urls[0]} with this code; empty seats are bots"
        return f"Only this machine can join ({urls[-1]}); host again open to your network"

    def _sync(self) -> None:
        """Show the room's values (the server's word wins over the menu's)."""
        room = self.session.room
        if room is None:
            return
        host = self.session.is_host
        char = self.session.character()
        if char:
            self.list.item("character").index = CHARACTER_IDS.index(char)
        seat = self.session.seat
        # The host is always ready (the seat card says READY): never show "Ready: No" there.
        ready = seat is not None and (room.seats[seat].ready or host)
        self.list.item("ready").index = int(ready)
        if room.level in self.levels:
            self.list.item("level").index = self.levels.index(room.level)
        self.list.item("mode").index = MODE_IDS.index(room.mode.id)
        self.list.item("difficulty").index = DIFFICULTY_IDS.index(room.difficulty.id)
        for key in ("level", "mode", "difficulty", "start"):
            self.list.item(key).enabled = host
        self.list.item("ready").enabled = not host and seat is not None

    def handle(self, events: list[UiEvent]) -> None:
        if any(e.kind in (Ui.BACK, Ui.PAUSE) for e in events):
            self._leave()
            return
        picked = self.list.handle(events, self.app.screen)
        if picked is None:
            return
        what, key = picked
        s = self.session
        item = self.list.item(key)
        if key == "character":
            s.pick(item.value)
        elif key == "ready":
            s.ready(item.value == "yes")
        elif key == "level":
            s.send(Settings(level=item.value))
        elif key == "mode":
            s.send(Settings(mode=Mode.from_id(item.value)))
        elif key == "difficulty":
            s.send(Settings(difficulty=Difficulty.from_id(item.value)))
        elif key == "start" and what == "choose":
            s.start()
        elif key == "leave" and what == "choose":
            self._leave()

    def _leave(self) -> None:
        from game.client.scenes.menu import MenuScene

        self.session.leave()
        self.app.reset(MenuScene(self.app))

    def update(self, dt: float) -> None:
        self.time += dt
        s = self.session
        s.pump()
        if s.state is SessionState.DEAD:
            from game.client.scenes.menu import MenuScene

            self.app.reset(MenuScene(self.app, s.dead_reason))
            return
        for note in s.notes:
            self.message = note.text
        s.notes.clear()
        self._sync()
        if s.in_match and s.model is not None:
            from game.client.scenes.match import MatchScene

            self.app.replace(MatchScene(self.app, self.online))

    def draw(self, surf: pygame.Surface) -> None:
        backdrop(surf, self.time)
        room = self.session.room
        code = room.code if room else "----"
        draw_title(surf, f"ROOM {code}", self._share)
        self.list.draw(surf, self.time)
        if room is None:
            return
        u = scale(surf)
        w = surf.get_width()
        x = w - round(560 * u)
        y = round(180 * u)
        for i, seat in enumerate(room.seats):
            rect = pygame.Rect(x, y + i * round(92 * u), round(500 * u), round(80 * u))
            colour = pal.char_colour(i)
            mine = seat.player_id is not None and seat.player_id == self.session.player_id
            pygame.draw.rect(surf, (22, 38, 52), rect, border_radius=10)
            pygame.draw.rect(surf, colour, rect, 3 if mine else 1, border_radius=10)
            surf.blit(
                sprites.character(i, round(64 * u)),
                (rect.left + round(8 * u), rect.top + round(8 * u)),
            )
            name = seat.name if (seat.player_id or not seat.bot) else "Bot"
            if seat.player_id is not None and seat.player_id == room.host:
                name += "  (host)"
            surf.blit(
                text(name, round(28 * u), pal.WHITE, True),
                (rect.left + round(84 * u), rect.top + round(12 * u)),
            )
            surf.blit(
                text(CHARACTER_NAMES[i], round(20 * u), colour),
                (rect.left + round(84 * u), rect.top + round(46 * u)),
            )
            if seat.player_id is not None:
                mark = "READY" if seat.ready or seat.player_id == room.host else "not ready"
                col = pal.GREEN if mark == "READY" else pal.MUTED
                m = text(mark, round(22 * u), col, True)
                surf.blit(
                    m,
                    (
                        rect.right - m.get_width() - round(14 * u),
                        rect.centery - m.get_height() // 2,
                    ),
                )
        info = (
            f"{room.level}  -  {room.mode.id}  -  bots {room.difficulty.id}"
            f"  -  spectators {room.spectators}"
        )
        surf.blit(text(info, round(20 * u), pal.MUTED), (x, y + 4 * round(92 * u)))
        footer(surf, "Left/Right change  -  Enter choose  -  Esc leave", self.message)
