"""32x32 ability icons for the HUD and the 480x120 title logo.

Icons are white glyphs on a dark badge ringed in the owner's colour, so they stay
legible over any part of the stage and group by character at a glance.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pygame

from .canvas import INK, SCALE, Canvas, Color, from_rgba, shade, to_rgba
from .markers import MARKERS, tooth
from .palette import CYAN, JENNA, KIRAN, MAGENTA, MAX, VOSS, WHITE

__all__ = ["icons", "logo"]

GLYPH = WHITE


def _badge(c: Canvas, color: Color) -> None:
    c.rect(INK, (0.5, 0.5, 31, 31), radius=8)
    c.rect(color, (1.5, 1.5, 29, 29), radius=7)
    c.rect(shade(color, -0.55), (3.5, 3.5, 25, 25), radius=5.5)


def reassure(c: Canvas) -> None:
    c.poly(GLYPH, MARKERS["kiran"](12, 16, 16.5))
    c.arc(GLYPH, (6, 6, 20, 20), -0.6, 0.6, 1.3)
    c.arc(GLYPH, (6, 6, 20, 20), 2.54, 3.74, 1.3)
    c.arc(GLYPH, (3, 3, 26, 26), -0.5, 0.5, 1.1)
    c.arc(GLYPH, (3, 3, 26, 26), 2.64, 3.64, 1.1)


def firewall(c: Canvas) -> None:
    for row, y in enumerate((15, 19.5, 24)):
        for x in range(3 if row % 2 else 7, 25, 6):
            x0, x1 = max(x, 7), min(x + 5.2, 25)
            c.rect(GLYPH, (x0, y, x1 - x0, 3.6), radius=0.6)
    c.poly(MAX, [(16, 4.5), (21, 10), (19.5, 14), (12.5, 14), (11, 10), (14, 8), (14.5, 11)])
    c.poly(shade(MAX, 0.6), [(16, 8), (18.5, 11.5), (17.5, 14), (14.5, 14)])


def master_patch(c: Canvas) -> None:
    c.poly(GLYPH, tooth((15, 17), 18))
    c.rect(MAX, (9, 14, 12, 4), radius=1)
    c.rect(MAX, (13, 10, 4, 12), radius=1)
    for ang in range(4):
        a = ang * math.pi / 2
        c.line(GLYPH, (24, 8), (24 + 3.5 * math.cos(a), 8 + 3.5 * math.sin(a)), 1.1)


def drone(c: Canvas) -> None:
    for x, y in ((9, 9), (23, 9), (9, 23), (23, 23)):
        c.line(GLYPH, (16, 16), (x, y), 1.8)
        c.circle(GLYPH, (x, y), 4, 1.2)
    c.circle(GLYPH, (16, 16), 4.5)
    c.circle(VOSS, (16, 16.8), 1.6)


def showcase(c: Canvas) -> None:
    c.poly(shade(VOSS, -0.1), [(10, 6), (14, 6), (26, 26), (6, 26)])
    c.rect(GLYPH, (8.5, 4.5, 7, 4), radius=1)
    star = []
    for k in range(10):
        r = 5 if k % 2 == 0 else 2.2
        a = -math.pi / 2 + k * math.pi / 5
        star.append((19 + r * math.cos(a), 20 + r * math.sin(a)))
    c.poly(shade(VOSS, 0.7), star)


def post(c: Canvas) -> None:
    c.rect(GLYPH, (6.5, 7, 11, 19), radius=2)
    c.rect(shade(JENNA, -0.55), (8, 9.5, 8, 12.5), radius=1)
    c.circle(JENNA, (12, 16), 2.2)
    c.arc(GLYPH, (13, 10, 10, 10), -0.8, 0.8, 1.4)
    c.arc(GLYPH, (11.5, 6, 16, 16), -0.75, 0.75, 1.4)


def patch(c: Canvas) -> None:
    a = math.pi / 4
    dx, dy = 8 * math.cos(a), 8 * math.sin(a)
    c.line(GLYPH, (16 - dx, 16 + dy), (16 + dx, 16 - dy), 8)
    c.rect((200, 214, 220), (13, 13, 6, 6), radius=1)
    for ox, oy in ((-4.5, 4.5), (4.5, -4.5), (-3, 6), (6, -3)):
        c.circle((170, 186, 196), (16 + ox, 16 + oy), 0.6)


ICONS: dict[str, tuple[Color, Callable[[Canvas], None]]] = {
    "reassure": (KIRAN, reassure),
    "firewall": (MAX, firewall),
    "master_patch": (MAX, master_patch),
    "drone": (VOSS, drone),
    "showcase": (VOSS, showcase),
    "post": (JENNA, post),
    "patch": (CYAN, patch),
}


def icons() -> dict[str, pygame.Surface]:
    """File name -> surface for ``icon_<ability>.png``."""
    out = {}
    for name, (color, draw) in ICONS.items():
        c = Canvas(32, 32)
        _badge(c, color)
        draw(c)
        out[f"icon_{name}.png"] = c.image()
    return out


def _text(c: Canvas, text: str, size: int, color: Color, topleft: tuple[float, float]) -> None:
    font = pygame.font.Font(None, size * SCALE)
    c.blit(font.render(text, True, color), topleft)


def _tear(image: pygame.Surface) -> pygame.Surface:
    """Shift a few horizontal slices sideways, like a corrupted video frame."""
    px = to_rgba(image)
    for y0, y1, dx in ((30, 34, 6), (63, 67, -7), (84, 87, 9), (100, 103, -5)):
        px[y0:y1] = np.roll(px[y0:y1], dx, axis=1)
    return from_rgba(px)


def logo() -> pygame.Surface:
    """'EXPO SHOWDOWN' beside a tooth, with a magenta/cyan split and torn slices."""
    pygame.font.init()
    c = Canvas(480, 120)
    glitchy = Canvas(480, 120)
    for dx, col in ((-3, MAGENTA), (3, CYAN)):
        _text(glitchy, "EXPO", 50, col, (116 + dx, 8))
        _text(glitchy, "SHOWDOWN", 80, col, (112 + dx, 44))
    c.blit_canvas(glitchy)
    title = Canvas(480, 120)
    title.poly(WHITE, tooth((56, 60), 98))
    title.poly(KIRAN, tooth((56, 60), 76))
    title.poly(shade(KIRAN, 0.5), [(26, 28), (42, 21), (37, 46)])
    _text(title, "EXPO", 50, KIRAN, (116, 8))
    _text(title, "SHOWDOWN", 80, WHITE, (112, 44))
    title.outline(2.5)
    c.blit_canvas(title)
    for x, y, w, h in ((64, 70, 30, 5), (84, 44, 16, 4), (420, 20, 36, 5), (230, 104, 44, 4)):
        c.rect(MAGENTA, (x, y, w, h))
        c.rect(CYAN, (x + w * 0.55, y + h, w * 0.45, h * 0.6))
    return _tear(c.image())
