"""The 32x32 stage tiles.

Every tile is drawn so that its edges match itself, so a grid of the same tile
shows a regular seam pattern and never a broken line. Floors stay pale so the
characters, nodes and glitch stand out on them.
"""

from __future__ import annotations

import numpy as np
import pygame

from .canvas import Canvas, from_rgba, shade, to_rgba
from .palette import FLOOR, FLOOR_ALT, KIRAN, SLATE, WHITE

__all__ = ["tiles"]

CARPET_SEED = 4501
EXIT_GREEN = (40, 190, 110)


def _floor(base: tuple[int, int, int]) -> Canvas:
    c = Canvas(32, 32)
    c.fill(base)
    c.rect(shade(base, 0.5), (0, 0, 32, 1))
    c.rect(shade(base, 0.5), (0, 0, 1, 32))
    c.rect(shade(base, -0.1), (0, 31, 32, 1))
    c.rect(shade(base, -0.1), (31, 0, 1, 32))
    return c


def floor() -> pygame.Surface:
    c = _floor(FLOOR)
    c.circle(shade(FLOOR, -0.05), (16, 16), 1)
    return c.image()


def floor_alt() -> pygame.Surface:
    """A teal-tinted floor with a diagonal sheen, for walkways and booth fronts."""
    c = _floor(FLOOR_ALT)
    c.poly(shade(FLOOR_ALT, 0.25), [(4, 28), (14, 28), (28, 4), (18, 4)])
    return c.image()


def wall() -> pygame.Surface:
    """A slate block with a bevelled cap and a teal light strip."""
    c = Canvas(32, 32)
    c.fill(SLATE)
    c.rect(shade(SLATE, 0.15), (2, 2, 28, 28), radius=2)
    c.rect(shade(SLATE, -0.25), (0, 30, 32, 2))
    c.rect(shade(SLATE, 0.3), (0, 0, 32, 1))
    c.rect(KIRAN, (0, 14.5, 32, 2))
    c.rect(shade(KIRAN, 0.5), (0, 15, 32, 0.7))
    return c.image()


def booth() -> pygame.Surface:
    """A modular white booth panel with a teal border band."""
    c = Canvas(32, 32)
    c.fill(shade(KIRAN, -0.15))
    c.rect(WHITE, (2, 2, 28, 28), radius=3)
    c.rect((228, 236, 238), (5, 5, 22, 22), radius=2)
    c.rect(shade(KIRAN, 0.45), (8, 8, 16, 3), radius=1.5)
    c.rect((206, 216, 222), (8, 14, 10, 2), radius=1)
    c.rect((206, 216, 222), (8, 18, 13, 2), radius=1)
    return c.image()


def stage() -> pygame.Surface:
    """Dark glossy stage floor with light strips at the seams and a centre star light."""
    c = Canvas(32, 32)
    base = (40, 46, 70)
    c.fill(base)
    c.poly(shade(base, 0.08), [(0, 32), (0, 20), (20, 0), (32, 0)])
    c.rect((90, 100, 150), (0, 0, 32, 1))
    c.rect((90, 100, 150), (0, 0, 1, 32))
    c.circle((200, 220, 255), (16, 16), 1.2)
    c.circle((120, 140, 200), (16, 16), 2.2, 0.5)
    return c.image()


def audience() -> pygame.Surface:
    """Seeded-noise carpet with a small diamond motif; noise per pixel tiles seamlessly."""
    c = Canvas(32, 32)
    base = (84, 92, 140)
    c.fill(base)
    c.poly(shade(base, 0.12), [(16, 10), (22, 16), (16, 22), (10, 16)])
    c.poly(shade(base, -0.12), [(0, -6), (6, 0), (0, 6), (-6, 0)])
    for x, y in ((32, 0), (0, 32), (32, 32)):
        c.poly(shade(base, -0.12), [(x, y - 6), (x + 6, y), (x, y + 6), (x - 6, y)])
    px = to_rgba(c.image()).astype(np.int16)
    noise = np.random.default_rng(CARPET_SEED).integers(-9, 10, size=(32, 32, 1))
    px[..., :3] = np.clip(px[..., :3] + noise, 0, 255)
    return from_rgba(px.astype(np.uint8))


def door() -> pygame.Surface:
    """A sliding glass door in a horizontal wall, slightly open, with a green light."""
    c = _floor(FLOOR)
    c.rect(SLATE, (0, 10, 32, 12))
    c.rect((150, 196, 210), (1, 12, 13, 8))
    c.rect((150, 196, 210), (18, 12, 13, 8))
    c.rect(shade((150, 196, 210), 0.5), (2.5, 13, 3, 6))
    c.rect(shade((150, 196, 210), 0.5), (19.5, 13, 3, 6))
    c.circle(EXIT_GREEN, (16, 7), 1.6)
    return c.image()


def exit_() -> pygame.Surface:
    """Floor marked as an exit: green border and chevrons pointing up (out)."""
    c = _floor(FLOOR)
    c.rect(EXIT_GREEN, (1, 1, 30, 30), width=1.5, radius=3)
    for y in (7, 15):
        c.lines(EXIT_GREEN, [(9, y + 8), (16, y + 1), (23, y + 8)], 2.6)
    return c.image()


def tiles() -> dict[str, pygame.Surface]:
    """File name -> surface for ``tile_<kind>.png``."""
    return {
        "tile_floor.png": floor(),
        "tile_floor_alt.png": floor_alt(),
        "tile_wall.png": wall(),
        "tile_booth.png": booth(),
        "tile_stage.png": stage(),
        "tile_audience.png": audience(),
        "tile_door.png": door(),
        "tile_exit.png": exit_(),
    }
