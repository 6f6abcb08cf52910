"""Setup screens before a match: Solo (level, character, mode, difficulty, length), the
tutorial (character) and Host (port, open to the network)."""

from __future__ import annotations

import pygame

from game.client.app import App, Scene
from game.client.input import Ui, UiEvent
from game.client.render import sprites
from game.client.scenes.ui import Item, OptionList, backdrop, draw_title, footer, scale
from game.kinds import DIFFICULTY_IDS
from game.levels import level_ids, load_level
from game.sim.types import CHARACTER_IDS, CHARACTER_NAMES, MODE_IDS

__all__ = ["HOST_PORTS", "HostSetupScene", "SoloSetupScene", "TutorialSetupScene"]

HOST_PORTS = ("8765", "8766", "8767", "8768", "8770", "8780", "9000", "27015")

DURATIONS = ("level", "60", "120", "180", "240", "300")


class SoloSetupScene(Scene):
    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.time = 0.0
        ids = list(level_ids())
        titles = {i: load_level(i).title for i in ids}
        self.list = OptionList(
            [
                Item(
                    "level",
                    "Level",
                    ids,
                    ids.index("expo-hall") if "expo-hall" in ids else 0,
                    show=lambda v: titles.get(v, v),
                ),
                Item(
                    "character",
                    "Play as",
                    CHARACTER_IDS,
                    0,
                    show=lambda v: CHARACTER_NAMES[CHARACTER_IDS.index(v)],
                ),
                Item("mode", "Mode", MODE_IDS, 0, show=str.title),
                Item("difficulty", "Bots", DIFFICULTY_IDS, 1, show=str.title),
                Item(
                    "duration",
                    "Length",
                    DURATIONS,
                    0,
                    show=lambda v: "as the level says" if v == "level" else f"{int(v) // 60} min",
                ),
                Item("play", "Play"),
                Item("back", "Back"),
            ],
            top=180,
            width=640,
        )

    def handle(self, events: list[UiEvent]) -> None:
        if any(e.kind in (Ui.BACK, Ui.PAUSE) for e in events):
            self.app.pop()
            return
        picked = self.list.handle(events, self.app.screen)
        if picked == ("choose", "back"):
            self.app.pop()
        elif picked == ("choose", "play"):
            from game.client.scenes.connect import ConnectScene

            v = {i.key: i.value for i in self.list.items}
            duration = None if v["duration"] == "level" else int(v["duration"])
            self.app.push(
                ConnectScene(
                    self.app,
                    "solo",
                    level=v["level"],
                    character=v["character"],
                    mode=v["mode"],
                    difficulty=v["difficulty"],
                    duration=duration,
                )
            )

    def update(self, dt: float) -> None:
        self.time += dt

    def draw(self, surf: pygame.Surface) -> None:
        _draw_character_setup(
            self,
            surf,
            ("SOLO", "You and three bots on the expo floor"),
            "Up/Down row  -  Left/Right change  -  Enter on Play starts  -  Esc back",
        )


class TutorialSetupScene(Scene):
    """How to play: pick whom to learn with, then the guided match in the training room."""

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.time = 0.0
        self.list = OptionList(
            [
                Item(
                    "character",
                    "Learn as",
                    CHARACTER_IDS,
                    0,
                    show=lambda v: CHARACTER_NAMES[CHARACTER_IDS.index(v)],
                ),
                Item("play", "Start the tutorial"),
                Item("back", "Back"),
            ],
            top=180,
            width=640,
        )
        self.list.selected = 1  # Enter starts; Up picks someone else to learn as

    def handle(self, events: list[UiEvent]) -> None:
        if any(e.kind in (Ui.BACK, Ui.PAUSE) for e in events):
            self.app.pop()
            return
        picked = self.list.handle(events, self.app.screen)
        if picked == ("choose", "back"):
            self.app.pop()
        elif picked == ("choose", "play"):
            from game.client.scenes.connect import ConnectScene

            character = self.list.item("character").value
            self.app.push(ConnectScene(self.app, "tutorial", character=character))

    def update(self, dt: float) -> None:
        self.time += dt

    def draw(self, surf: pygame.Surface) -> None:
        _draw_character_setup(
            self,
            surf,
            ("HOW TO PLAY", "Two minutes in the training room, one step at a time"),
            "Up/Down row  -  Left/Right change  -  Enter on Start begins  -  Esc back",
        )


class HostSetupScene(Scene):
    """Host: which port, and whether other machines may join (0.0.0.0) or only this one."""

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.time = 0.0
        self.list = OptionList(
            [
                Item("port", "Port", HOST_PORTS, 0),
                Item(
                    "open",
                    "Who can join",
                    ("yes", "no"),
                    0,
                    show=lambda v: "your network" if v == "yes" else "this machine only",
                ),
                Item("play", "Host"),
                Item("back", "Back"),
            ],
            top=180,
            width=640,
        )

    def handle(self, events: list[UiEvent]) -> None:
        if any(e.kind in (Ui.BACK, Ui.PAUSE) for e in events):
            self.app.message = ""
            self.app.pop()
            return
        picked = self.list.handle(events, self.app.screen)
        if picked == ("choose", "back"):
            self.app.message = ""
            self.app.pop()
        elif picked == ("choose", "play"):
            from game.client.scenes.connect import ConnectScene

            v = {i.key: i.value for i in self.list.items}
            host = "0.0.0.0" if v["open"] == "yes" else "127.0.0.1"
            self.app.message = ""
            self.app.push(ConnectScene(self.app, "host", listen=host, port=int(v["port"])))

    def update(self, dt: float) -> None:
        self.time += dt

    def draw(self, surf: pygame.Surface) -> None:
        backdrop(surf, self.time)
        draw_title(surf, "HOST", "A server on this machine; friends join with its address")
        self.list.draw(surf, self.time)
        footer(surf, "Left/Right change  -  Enter on Host starts  -  Esc back", self.app.message)


def _draw_character_setup(
    scene: SoloSetupScene | TutorialSetupScene,
    surf: pygame.Surface,
    title: tuple[str, str],
    hint: str,
) -> None:
    """A setup screen with a character row: its options beside that character's portrait."""
    backdrop(surf, scene.time)
    draw_title(surf, *title)
    scene.list.draw(surf, scene.time)
    u = scale(surf)
    seat = scene.list.item("character").index
    size = round(260 * u)
    w, _ = surf.get_size()
    surf.blit(sprites.portrait(seat, size), (w - size - round(80 * u), round(180 * u)))
    footer(surf, hint, scene.app.message)
