"""Esc in a match: resume, settings, or leave. The match underneath keeps running."""

from __future__ import annotations

import pygame

from game.client.app import App, Scene
from game.client.input import Ui, UiEvent
from game.client.online import Online
from game.client.render import palette as pal
from game.client.render.text import text
from game.client.scenes.ui import Item, OptionList, scale

__all__ = ["PauseScene"]


class PauseScene(Scene):
    opaque = False

    def __init__(self, app: App, online: Online, leave: str = "Leave match") -> None:
        super().__init__(app)
        self.online = online
        self.time = 0.0
        self.list = OptionList(
            [Item("resume", "Resume"), Item("settings", "Settings"), Item("leave", leave)],
            top=260,
            width=420,
        )

    def handle(self, events: list[UiEvent]) -> None:
        if any(e.kind in (Ui.BACK, Ui.PAUSE) for e in events):
            self.app.pop()
            return
        picked = self.list.handle(events, self.app.screen)
        if picked == ("choose", "resume"):
            self.app.pop()
        elif picked == ("choose", "settings"):
            from game.client.scenes.settings_menu import SettingsScene

            self.app.push(SettingsScene(self.app))
        elif picked == ("choose", "leave"):
            from game.client.scenes.menu import MenuScene

            self.online.session.leave()
            self.app.reset(MenuScene(self.app))

    def update(self, dt: float) -> None:
        self.time += dt
        if self.online.session.results is not None:
            self.app.pop()  # the match ended under the menu: show the results

    def draw(self, surf: pygame.Surface) -> None:
        shade = pygame.Surface(surf.get_size(), pygame.SRCALPHA)
        shade.fill((8, 12, 20, 170))
        surf.blit(shade, (0, 0))
        u = scale(surf)
        title = text("PAUSED", round(64 * u), pal.WHITE, True)
        surf.blit(title, (round(60 * u), round(150 * u)))
        note = "The match goes on while this menu is open."
        surf.blit(text(note, round(22 * u), pal.AMBER), (round(60 * u), round(215 * u)))
        self.list.draw(surf, self.time)
