"""Esc in a match: resume, settings, or leave, beside a legend of everything on screen
and the player's controls. The match underneath keeps running."""

from __future__ import annotations

import pygame

from game.client.app import App, Scene
from game.client.input import Bindings, Ui, UiEvent
from game.client.online import Online
from game.client.render import palette as pal
from game.client.render.legend import draw_legend
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

            if self._in_tutorial():
                self.app.settings.tutorial_done = True  # left on purpose: do not nag
                self.app.save_settings()
            self.online.session.leave()
            self.app.reset(MenuScene(self.app))

    def _in_tutorial(self) -> bool:
        from game.levels import TRAINING_LEVEL

        room = self.online.session.room
        return room is not None and room.level == TRAINING_LEVEL

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
        w, h = surf.get_size()
        legend = pygame.Rect(round(w * 0.47), round(40 * u), round(w * 0.5), round(600 * u))
        shade_box = legend.inflate(round(28 * u), round(24 * u))
        box = pygame.Surface(shade_box.size, pygame.SRCALPHA)
        pygame.draw.rect(box, (*pal.PANEL, 240), box.get_rect(), border_radius=12)
        pygame.draw.rect(box, (*pal.CYAN, 120), box.get_rect(), 1, border_radius=12)
        surf.blit(box, shade_box)
        draw_legend(surf, legend, self.app.settings.colourblind)
        lines = [text(line, round(19 * u), pal.WHITE) for line in self._controls()]
        step = lines[0].get_height() + round(4 * u)
        area = pygame.Rect(round(48 * u), round(440 * u), round(430 * u), step * len(lines))
        area.inflate_ip(0, round(20 * u))
        back = pygame.Surface(area.size, pygame.SRCALPHA)
        pygame.draw.rect(back, (*pal.PANEL, 235), back.get_rect(), border_radius=10)
        surf.blit(back, area)
        for k, img in enumerate(lines):
            surf.blit(img, (round(60 * u), round(440 * u) + k * step))

    def _controls(self) -> list[str]:
        b = Bindings(self.app.controls.keys, pad=bool(self.app.controls.pads))
        return [
            f"Move: {b.move()}",
            f"Patch: hold {b.key('patch')}",
            f"Ability: {b.key('ability')}    Second action: {b.key('action')}",
        ]
