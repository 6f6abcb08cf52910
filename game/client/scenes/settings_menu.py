"""Settings: key bindings, volumes, display, colour-blind palette, shake, name. Saved on exit."""

from __future__ import annotations

import pygame

from game.client.app import App, Scene
from game.client.input import Ui, UiEvent, key_label
from game.client.render import palette as pal
from game.client.render.text import text
from game.client.scenes.ui import Item, OptionList, backdrop, draw_title, footer, scale
from game.client.settings import ACTIONS

__all__ = ["SettingsScene"]

VOLUMES = tuple(str(v) for v in range(0, 101, 10))
SIZES = ("1280x720", "1600x900", "1920x1080", "960x540")
ONOFF = ("off", "on")


class SettingsScene(Scene):
    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.time = 0.0
        s = app.settings
        size = f"{s.window_size[0]}x{s.window_size[1]}"
        sizes = SIZES if size in SIZES else (size, *SIZES)

        def vol(v: float) -> int:
            return min(10, max(0, round(v * 10)))

        self.list = OptionList(
            [
                Item("name", "Name", (s.name,), 0, extra={"choose": True}),
                Item(
                    "master", "Master volume", VOLUMES, vol(s.master_volume), show=lambda v: v + "%"
                ),
                Item("sfx", "Effects volume", VOLUMES, vol(s.sfx_volume), show=lambda v: v + "%"),
                Item("music", "Music volume", VOLUMES, vol(s.music_volume), show=lambda v: v + "%"),
                Item("fullscreen", "Fullscreen", ONOFF, int(s.fullscreen), show=str.title),
                Item("size", "Window size", sizes, sizes.index(size)),
                Item(
                    "colourblind", "Colour-blind palette", ONOFF, int(s.colourblind), show=str.title
                ),
                Item("shake", "Screen shake", ONOFF, int(s.screen_shake), show=str.title),
                *[
                    Item(f"key:{a}", f"Key: {a}", (self._keys(a),), 0, extra={"choose": True})
                    for a in ACTIONS
                ],
                Item("back", "Save and back"),
            ],
            top=150,
            width=720,
        )
        self.editing_name = False

    def _keys(self, action: str) -> str:
        return " / ".join(key_label(k) for k in self.app.settings.keys.get(action, [])) or "-"

    def handle(self, events: list[UiEvent]) -> None:
        c = self.app.controls
        if self.editing_name:
            self._edit_name(events)
            return
        for ev in events:
            if ev.kind is Ui.REBOUND:
                self.app.settings.keys = {a: list(v) for a, v in c.keys.items()}
                self._refresh_keys()
                return
        if c.rebinding is not None:
            return
        if any(e.kind in (Ui.BACK, Ui.PAUSE) for e in events):
            self._save_and_back()
            return
        picked = self.list.handle(events, self.app.screen)
        if picked is None:
            return
        what, key = picked
        if key == "back":
            self._save_and_back()
        elif key == "name" and what == "choose":
            self.editing_name = True
            c.text_mode = True
            pygame.key.start_text_input()
        elif key.startswith("key:") and what == "choose":
            c.start_rebind(key[4:])
        else:
            self._apply(key)

    def _edit_name(self, events: list[UiEvent]) -> None:
        item = self.list.item("name")
        name = item.values[0]
        for ev in events:
            if ev.kind is Ui.TEXT:
                name = (name + ev.text)[:20]
            elif ev.kind is Ui.BACKSPACE:
                name = name[:-1]
            elif ev.kind in (Ui.CONFIRM, Ui.BACK, Ui.PAUSE):
                self.editing_name = False
                self.app.controls.text_mode = False
                name = name.strip() or "Player"
        item.values = (name,)
        self.app.settings.name = name

    def _apply(self, key: str) -> None:
        s = self.app.settings
        value = self.list.item(key).value
        if key in ("master", "sfx", "music"):
            setattr(
                s,
                {"master": "master_volume", "sfx": "sfx_volume", "music": "music_volume"}[key],
                int(value) / 100,
            )
            self.app.audio.set_volumes(s.master_volume, s.sfx_volume, s.music_volume)
            self.app.audio.play("patch")
        elif key == "fullscreen":
            s.fullscreen = value == "on"
            self.app.apply_video()
        elif key == "size":
            w, h = (int(v) for v in value.split("x"))
            s.window_size = (w, h)
            if not s.fullscreen:
                self.app.apply_video()
        elif key == "colourblind":
            s.colourblind = value == "on"
        elif key == "shake":
            s.screen_shake = value == "on"

    def _refresh_keys(self) -> None:
        for a in ACTIONS:
            self.list.item(f"key:{a}").values = (self._keys(a),)

    def _save_and_back(self) -> None:
        self.app.save_settings()
        self.app.pop()

    def update(self, dt: float) -> None:
        self.time += dt
        # scroll the list so the selected row stays on screen
        u = self.app.screen.get_height() / 720
        rows_visible = int((self.app.screen.get_height() / u - 230) // 50)
        first = max(0, self.list.selected - rows_visible + 1)
        self.list.top = 150 - first * 50

    def draw(self, surf: pygame.Surface) -> None:
        backdrop(surf, self.time)
        draw_title(surf, "SETTINGS")
        u = scale(surf)
        clip = surf.get_clip()
        surf.set_clip(
            pygame.Rect(0, round(140 * u), surf.get_width(), surf.get_height() - round(230 * u))
        )
        self.list.draw(surf, self.time)
        surf.set_clip(clip)
        c = self.app.controls
        if c.rebinding is not None:
            msg = f"Press a key for '{c.rebinding}' (Esc cancels)"
            img = text(msg, round(30 * u), pal.AMBER, True)
            surf.blit(img, (round(60 * u), surf.get_height() - round(90 * u)))
        elif self.editing_name:
            surf.blit(
                text("Type your name, Enter to finish", round(26 * u), pal.AMBER),
                (round(60 * u), surf.get_height() - round(90 * u)),
            )
        footer(surf, "Left/Right change  -  Enter rebind / edit  -  Esc save and back")
