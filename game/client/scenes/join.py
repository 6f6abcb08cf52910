"""Join: type the server's address, the room code and your name; play or watch.

A failed attempt comes back here with the reason, keeping everything typed.
"""

from __future__ import annotations

import pygame

from game.client.app import App, Scene
from game.client.input import Ui, UiEvent
from game.client.render import palette as pal
from game.client.render.text import text
from game.client.scenes.ui import backdrop, draw_title, footer, scale

__all__ = ["JoinScene"]

FIELDS = (("url", "Server address"), ("room", "Room code (empty: new room)"), ("name", "Your name"))


class JoinScene(Scene):
    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.time = 0.0
        self.values = {"url": app.settings.last_server, "room": "", "name": app.settings.name}
        self.focus = 0
        self.error = ""
        self.watch = False  # join the room as a spectator

    def resume(self) -> None:
        self.app.controls.text_mode = True
        pygame.key.start_text_input()

    def pause(self) -> None:
        self.app.controls.text_mode = False

    def close(self) -> None:
        self.app.controls.text_mode = False

    def handle(self, events: list[UiEvent]) -> None:
        rows = len(FIELDS) + 1  # the text fields, then Play/Watch
        for ev in events:
            on_choice = self.focus == len(FIELDS)
            key = "" if on_choice else FIELDS[self.focus][0]
            if ev.kind in (Ui.BACK, Ui.PAUSE):
                self.app.message = ""
                self.app.pop()
                return
            if ev.kind is Ui.UP:
                self.focus = (self.focus - 1) % rows
            elif ev.kind is Ui.DOWN:
                self.focus = (self.focus + 1) % rows
            elif on_choice and ev.kind in (Ui.LEFT, Ui.RIGHT):
                self.watch = not self.watch
            elif on_choice and ev.kind is Ui.CONFIRM:
                self._go()
            elif on_choice:
                continue
            elif ev.kind is Ui.TEXT:
                value = self.values[key] + (ev.text.upper() if key == "room" else ev.text)
                self.values[key] = value[: 4 if key == "room" else 20 if key == "name" else 80]
            elif ev.kind is Ui.BACKSPACE:
                self.values[key] = self.values[key][:-1]
            elif ev.kind is Ui.CONFIRM:
                self.focus += 1

    def _go(self) -> None:
        url = self.values["url"].strip()
        if not url.startswith(("ws://", "wss://")):
            url = "ws://" + url
        name = self.values["name"].strip() or "Player"
        self.app.settings.last_server = url
        self.app.settings.name = name
        self.app.save_settings()
        from game.client.scenes.connect import ConnectScene

        room = self.values["room"].strip() or None
        if self.watch and not room:
            self.app.message = "Type the code of the room to watch"
            self.focus = 1
            return
        self.app.message = ""
        self.app.push(ConnectScene(self.app, "join", url=url, room=room, spectate=self.watch))

    def update(self, dt: float) -> None:
        self.time += dt

    def draw(self, surf: pygame.Surface) -> None:
        backdrop(surf, self.time)
        draw_title(surf, "JOIN", "Connect to a hosted Expo Showdown server")
        u = scale(surf)
        y = round(190 * u)
        for k, (key, label) in enumerate(FIELDS):
            surf.blit(text(label, round(24 * u), pal.MUTED), (round(60 * u), y))
            box = pygame.Rect(round(60 * u), y + round(28 * u), round(620 * u), round(48 * u))
            focused = k == self.focus
            pygame.draw.rect(surf, (20, 36, 50), box, border_radius=8)
            pygame.draw.rect(surf, pal.CYAN if focused else (60, 80, 96), box, 2, border_radius=8)
            value = self.values[key] + ("_" if focused and int(self.time * 2) % 2 else "")
            img = text(value, round(32 * u), pal.WHITE, True)
            surf.blit(img, (box.left + round(12 * u), box.centery - img.get_height() // 2))
            y += round(100 * u)
        focused = self.focus == len(FIELDS)
        for k, label in enumerate(("Play", "Watch")):
            box = pygame.Rect(
                round(60 * u) + k * round(200 * u), y + round(10 * u), round(180 * u), round(48 * u)
            )
            chosen = k == int(self.watch)
            pygame.draw.rect(surf, (30, 60, 78) if chosen else (20, 36, 50), box, border_radius=8)
            edge = pal.CYAN if chosen and focused else (90, 120, 140) if chosen else (60, 80, 96)
            pygame.draw.rect(surf, edge, box, 2, border_radius=8)
            img = text(label, round(28 * u), pal.WHITE if chosen else pal.MUTED, chosen)
            surf.blit(img, img.get_rect(center=box.center))
        hint = "Left/Right play or watch  -  Enter join" if focused else "Enter next"
        footer(surf, f"Type  -  Up/Down field  -  {hint}  -  Esc back", self.app.message)
