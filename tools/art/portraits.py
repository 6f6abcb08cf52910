"""96x96 bust portraits for the menus and the results screen.

Front view, on a disc of the character's colour, with the marker in a badge at
the bottom right so the portrait also reads without colour.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from .canvas import INK, Canvas, shade
from .characters import HAIR, SKIN
from .markers import draw_marker
from .palette import CHARACTERS, CYAN, WHITE

__all__ = ["portraits"]


def _backdrop(c: Canvas, who: str) -> None:
    col = CHARACTERS[who]
    c.circle(shade(col, -0.35), (48, 46), 45)
    c.circle(shade(col, 0.55), (48, 46), 42)
    c.circle(shade(col, 0.7), (40, 36), 24)


def _head(c: Canvas, who: str, top: float = 22.0) -> None:
    skin = SKIN[who]
    c.rect(shade(skin, -0.2), (41, 50, 14, 16), radius=3)  # neck
    c.ellipse(skin, (32, top, 32, 38))
    c.ellipse(skin, (29.5, top + 17, 5, 8))  # ears
    c.ellipse(skin, (61.5, top + 17, 5, 8))
    c.ellipse(shade(skin, 0.15), (36, top + 5, 14, 16))


def _eyes(c: Canvas, y: float, brow_tilt: float = 0.0) -> None:
    for x, tilt in ((41, brow_tilt), (55, -brow_tilt)):
        c.ellipse(WHITE, (x - 3.6, y - 2.4, 7.2, 4.8))
        c.circle(INK, (x, y), 1.9)
        c.circle(WHITE, (x + 0.7, y - 0.7), 0.6)
        c.line(INK, (x - 3.6, y - 5 + tilt), (x + 3.6, y - 5 - tilt), 1.2)


def _badge(c: Canvas, who: str) -> None:
    c.circle(INK, (80, 80), 12.5)
    c.circle(CHARACTERS[who], (80, 80), 11)
    draw_marker(c, who, (80, 80.5), 12)


def kiran(c: Canvas) -> None:
    coat, hair = CHARACTERS["kiran"], HAIR["kiran"]
    c.ellipse(coat, (10, 62, 76, 52))
    c.poly(WHITE, [(38, 62), (58, 62), (48, 80)])
    c.poly(shade(coat, -0.2), [(30, 64), (40, 62), (48, 82), (42, 96), (34, 96)])
    c.poly(shade(coat, -0.2), [(66, 64), (56, 62), (48, 82), (54, 96), (62, 96)])
    c.lines((70, 80, 92), [(37, 64), (35, 76), (40, 86)], 1.6)
    c.circle((170, 180, 190), (41, 87), 2.6)
    c.circle(hair, (48, 14), 10)
    _head(c, "kiran")
    c.ellipse(hair, (30, 19, 36, 19))
    c.poly(hair, [(30.5, 30), (38, 26), (33, 46)])
    c.poly(hair, [(65.5, 30), (58, 26), (63, 46)])
    _eyes(c, 43)
    c.arc(INK, (41, 46, 14, 10), 3.5, 5.9, 1.3)


def max_(c: Canvas) -> None:
    hoodie, hair = CHARACTERS["max"], HAIR["max"]
    c.ellipse(hoodie, (10, 62, 76, 52))
    c.ellipse(shade(hoodie, -0.25), (24, 14, 48, 58))  # hood
    c.line(WHITE, (42, 66), (41, 80), 1.4)
    c.line(WHITE, (54, 66), (55, 80), 1.4)
    _head(c, "max", top=24)
    spikes = [(31, 40), (31, 28), (35, 24), (36, 17), (42, 21), (45, 14), (50, 20)]
    spikes += [(55, 15), (57, 22), (63, 20), (64, 28), (65, 40), (58, 31), (44, 32)]
    c.poly(hair, spikes)
    _eyes(c, 45)
    c.arc(INK, (41, 46, 14, 12), 3.4, 6.0, 1.4)
    c.arc((40, 46, 56), (26, 14, 44, 46), 0.1, 3.04, 4)  # headset
    c.rect((40, 46, 56), (24, 36, 9, 15), radius=3)
    c.rect((40, 46, 56), (63, 36, 9, 15), radius=3)
    c.lines((40, 46, 56), [(29, 50), (33, 58), (41, 59)], 2)
    c.circle(CYAN, (28.5, 43.5), 2)
    c.circle(CYAN, (67.5, 43.5), 2)


def voss(c: Canvas) -> None:
    coat, hair = CHARACTERS["voss"], HAIR["voss"]
    c.poly(coat, [(8, 96), (12, 70), (48, 58), (84, 70), (88, 96)])
    c.poly(shade(coat, -0.3), [(32, 54), (48, 76), (64, 54), (60, 66), (48, 86), (36, 66)])
    c.line(shade(coat, 0.4), (48, 86), (48, 96), 1.2)
    c.poly(hair, [(29, 52), (30, 26), (40, 16), (58, 16), (67, 26), (67, 52), (58, 40)])
    _head(c, "voss", top=20)
    c.poly(hair, [(31, 36), (36, 22), (48, 18), (63, 24), (66, 34), (58, 28), (40, 29)])
    c.rect((30, 24, 52), (31, 37, 34, 10), radius=5)
    c.rect(CYAN, (33, 39, 30, 6), radius=3)
    c.line(WHITE, (36, 41), (45, 41), 1)
    c.line(INK, (43, 53), (53, 53), 1.3)


def jenna(c: Canvas) -> None:
    jacket, hair = CHARACTERS["jenna"], HAIR["jenna"]
    c.ellipse(jacket, (10, 62, 76, 52))
    c.poly(shade(jacket, -0.25), [(36, 62), (48, 72), (60, 62), (58, 58), (38, 58)])
    c.line(shade(jacket, -0.45), (48, 72), (48, 96), 1.2)
    c.poly(hair, [(58, 22), (70, 18), (76, 28), (74, 48), (68, 62), (64, 42)])
    _head(c, "jenna")
    c.ellipse(hair, (30, 19, 36, 17))
    c.poly(hair, [(30.5, 28), (46, 24), (33, 45)])
    _eyes(c, 43, brow_tilt=-0.7)
    c.line(INK, (42, 52), (53, 50.5), 1.3)  # a sceptical half-smile
    c.rect((34, 38, 48), (18, 66, 14, 22), radius=2.5)  # phone held up
    c.rect((205, 250, 240), (20, 68.5, 10, 16), radius=1.2)
    c.ellipse(SKIN["jenna"], (28, 78, 10, 12))


_DRAW: dict[str, Callable[[Canvas], None]] = {
    "kiran": kiran,
    "max": max_,
    "voss": voss,
    "jenna": jenna,
}


def portraits() -> dict[str, pygame.Surface]:
    """File name -> surface for ``portrait_<id>.png``."""
    out = {}
    for who, draw in _DRAW.items():
        c = Canvas(96, 96)
        _backdrop(c, who)
        figure = Canvas(96, 96)
        draw(figure)
        figure.outline(1.6)
        c.blit_canvas(figure)
        _badge(c, who)
        out[f"portrait_{who}.png"] = c.image()
    return out
