"""World tiles to screen pixels: follows the local player, sized from the window.

The tile size is a whole number of pixels picked from the window height (about 18
tiles tall), so the pre-rendered floor is drawn once per size and every tile edge
lands on a pixel: the stage stays crisp at any window size.
"""

from __future__ import annotations

import math

__all__ = ["Camera", "tile_size_for"]

TILES_TALL = 18.0
HUD_TOP = 78 / 720  # share of the view height under the top HUD bar
HUD_BOTTOM = 40 / 720


def tile_size_for(width: int, height: int) -> int:
    """Pixels per tile for a window: even, at least 16."""
    t = min(height / TILES_TALL, width / (TILES_TALL * 16 / 9))
    return max(16, int(t) // 2 * 2)


class Camera:
    def __init__(self, view_w: int = 1280, view_h: int = 720) -> None:
        self.view_w, self.view_h = view_w, view_h
        self.tile = tile_size_for(view_w, view_h)
        self.x0 = self.y0 = 0.0  # world position (tiles) of the view's top-left
        self.shake_x = self.shake_y = 0

    def resize(self, view_w: int, view_h: int) -> None:
        self.view_w, self.view_h = view_w, view_h
        self.tile = tile_size_for(view_w, view_h)

    def fit(self, level_w: int, level_h: int) -> None:
        """Zoom so the whole level fits the view between the HUD's bars (replays and
        spectators): the top bar never hides a row of the level."""
        usable_h = self.view_h * (1 - HUD_TOP - HUD_BOTTOM)
        self.tile = max(8, min(self.view_w // level_w, int(usable_h // level_h)))
        self.follow(level_w / 2, level_h / 2, level_w, level_h)

    def follow(self, x: float, y: float, level_w: int, level_h: int) -> None:
        """Centre on (x, y), kept inside the level; a small level is centred instead."""
        vw, vh = self.view_w / self.tile, self.view_h / self.tile
        self.x0 = _clamp_axis(x - vw / 2, level_w, vw)
        # the HUD covers the top and bottom of the view: let the floor scroll under it
        pad_top = self.view_h * HUD_TOP / self.tile
        pad_bottom = self.view_h * HUD_BOTTOM / self.tile
        self.y0 = _clamp_axis(y - vh / 2, level_h + pad_top + pad_bottom, vh) - pad_top

    def shake(self, amount: float, time: float) -> None:
        px = amount * self.tile * 0.35
        self.shake_x = round(math.sin(time * 53.0) * px)
        self.shake_y = round(math.cos(time * 47.0) * px)

    def to_screen(self, x: float, y: float) -> tuple[int, int]:
        t = self.tile
        return (
            round((x - self.x0) * t) + self.shake_x,
            round((y - self.y0) * t) + self.shake_y,
        )

    @property
    def origin(self) -> tuple[int, int]:
        """Screen position of world (0, 0)."""
        return self.to_screen(0.0, 0.0)

    def visible(self, x: float, y: float, margin: float = 1.0) -> bool:
        vw, vh = self.view_w / self.tile, self.view_h / self.tile
        return (
            self.x0 - margin <= x <= self.x0 + vw + margin
            and self.y0 - margin <= y <= self.y0 + vh + margin
        )


def _clamp_axis(start: float, level: float, view: float) -> float:
    if level <= view:
        return (level - view) / 2
    return min(max(start, 0.0), level - view)
