"""The main menu: Solo, How to play, Host, Join, Replays, Settings, Quit."""

from __future__ import annotations

import pygame

from game.client.app import App, Scene
from game.client.input import Ui, UiEvent
from game.client.render import palette as pal
from game.client.render import sprites
from game.client.scenes.ui import Item, OptionList, backdrop, draw_title, footer, scale

__all__ = ["MenuScene"]


class MenuScene(Scene):
    def __init__(self, app: App, message: str = "", error: bool = True) -> None:
        super().__init__(app)
        self.error = error  # False: the message is good news, shown in green
        if message:
            app.message = message
        self.time = 0.0
        self.list = OptionList(
            [
                Item("solo", "Solo vs bots"),
                Item("tutorial", "How to play"),
                Item("host", "Host a game"),
                Item("join", "Join a game"),
                Item("replays", "Replays"),
                Item("settings", "Settings"),
                Item("quit", "Quit"),
            ],
            top=200,
            width=460,
        )
        if not app.settings.tutorial_done and not message:
            self.list.selected = 1  # How to play, for someone who has not had it yet
            self.error = False
            app.message = "New here? How to play takes two minutes"

    def resume(self) -> None:
        online = getattr(self.app, "online", None)
        if online is not None:
            online.close()
            self.app.online = None
        self.app.controls.text_mode = False
        self.app.audio.start_music()

    def handle(self, events: list[UiEvent]) -> None:
        if any(e.kind in (Ui.BACK, Ui.PAUSE) for e in events):
            self.app.quit(0)
            return
        picked = self.list.handle(events, self.app.screen)
        if picked is None or picked[0] != "choose":
            return
        self.app.message = ""
        key = picked[1]
        if key == "quit":
            self.app.quit(0)
        elif key == "solo":
            from game.client.scenes.setup import SoloSetupScene

            self.app.push(SoloSetupScene(self.app))
        elif key == "tutorial":
            from game.client.scenes.setup import TutorialSetupScene

            self.app.push(TutorialSetupScene(self.app))
        elif key == "host":
            from game.client.scenes.setup import HostSetupScene

            self.app.push(HostSetupScene(self.app))
        elif key == "join":
            from game.client.scenes.join import JoinScene

            self.app.push(JoinScene(self.app))
        elif key == "replays":
            from game.client.scenes.replays import ReplaysScene

            self.app.push(ReplaysScene(self.app))
        elif key == "settings":
            from game.client.scenes.settings_menu import SettingsScene

            self.app.push(SettingsScene(self.app))

    def update(self, dt: float) -> None:
        self.time += dt

    def draw(self, surf: pygame.Surface) -> None:
        backdrop(surf, self.time)
        draw_title(surf, "EXPO SHOWDOWN", "2045 dental expo - patch the glitch, win the crowd")
        u = scale(surf)
        w, h = surf.get_size()
        size = round(150 * u)
        for seat in range(4):
            x = w - round(180 * u) * (4 - seat) - round(20 * u)
            y = round(h * 0.42) + round(24 * u * ((seat + int(self.time * 2)) % 2))
            pygame.draw.circle(surf, pal.char_colour(seat), (x + size // 2, y + size), size // 3, 3)
            surf.blit(sprites.character(seat, size), (x, y))
        self.list.draw(surf, self.time)
        footer(
            surf,
            "Arrows/WASD move  -  Enter/Space choose  -  Esc quit",
            self.app.message,
            self.error,
        )
