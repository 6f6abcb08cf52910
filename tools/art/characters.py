"""The four playable characters as 48x48 top-down sprites.

Each one differs in three ways at once, so nobody depends on colour alone:
the coat colour, the silhouette (bun, headset, pointed collar, phone arm) and a
white marker shape on the chest. Sprites face down (south, towards the viewer).
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from .canvas import INK, Canvas, Color, shade
from .markers import draw_marker
from .palette import CYAN, JENNA, KIRAN, MAX, VOSS, WHITE

__all__ = ["SKIN", "character_sprites"]

SKIN: dict[str, tuple[int, int, int]] = {
    "kiran": (196, 136, 98),
    "max": (238, 196, 160),
    "voss": (244, 214, 196),
    "jenna": (150, 98, 68),
}
HAIR = {
    "kiran": (46, 30, 28),
    "max": (60, 44, 36),
    "voss": (226, 230, 238),
    "jenna": (140, 62, 38),
}


def _arms(c: Canvas, sleeve: Color, skin: Color, spread: float = 0.0, right: bool = True) -> None:
    c.ellipse(shade(sleeve, -0.15), (8.5 - spread, 26, 7.5, 15))
    c.circle(skin, (12.2 - spread, 40.5), 2.7)
    if right:
        c.ellipse(shade(sleeve, -0.15), (32 + spread, 26, 7.5, 15))
        c.circle(skin, (35.8 + spread, 40.5), 2.7)


def _face(c: Canvas, who: str, cy: float = 19.0, r: float = 8.6) -> None:
    skin = SKIN[who]
    c.circle(skin, (24, cy), r)
    c.circle(shade(skin, 0.18), (22, cy + 1), r * 0.45)


def _eyes(c: Canvas, cy: float) -> None:
    c.circle(INK, (20.8, cy), 1.15)
    c.circle(INK, (27.2, cy), 1.15)


def kiran() -> Canvas:
    """Teal lab coat flaring at the hem, dark hair in a bun, heart on the chest."""
    c = Canvas(48, 48)
    coat, skin, hair = KIRAN, SKIN["kiran"], HAIR["kiran"]
    _arms(c, coat, skin, spread=0.5)
    c.poly(coat, [(13, 27), (35, 27), (38.5, 45.5), (9.5, 45.5)])
    c.ellipse(coat, (12, 24, 24, 8))
    c.poly(WHITE, [(19, 26), (29, 26), (24, 33)])  # shirt collar
    c.line(shade(coat, -0.35), (24, 33), (24, 45), 0.8)
    c.line((70, 80, 92), (18, 27), (17.5, 35), 0.9)  # stethoscope
    c.circle((170, 180, 190), (17.5, 36), 1.4)
    c.circle(hair, (24, 7.2), 5.2)  # bun
    c.circle(shade(hair, 0.15), (22.8, 6.2), 1.8)
    _face(c, "kiran")
    c.ellipse(hair, (15.2, 9.6, 17.6, 9.0))
    c.poly(hair, [(15.4, 15), (19, 12), (17, 21)])
    c.poly(hair, [(32.6, 15), (29, 12), (31, 21)])
    _eyes(c, 20.5)
    c.arc(INK, (21.5, 20.5, 5, 3.4), 3.5, 5.9, 0.7)
    c.outline()
    draw_marker(c, "kiran", (27.5, 37.5), 9.5)
    return c


def max_() -> Canvas:
    """Orange hoodie with the hood up behind the head, headset with mic, square marker."""
    c = Canvas(48, 48)
    hoodie, skin, hair = MAX, SKIN["max"], HAIR["max"]
    _arms(c, hoodie, skin)
    c.rect(hoodie, (11.5, 25, 25, 20), radius=6)
    c.rect(shade(hoodie, -0.2), (17, 38, 14, 5.5), radius=2)  # pocket
    c.circle(shade(hoodie, -0.25), (24, 18.5), 11.2)  # hood
    c.line(WHITE, (21, 27), (20.5, 32), 0.8)  # drawstrings
    c.line(WHITE, (27, 27), (27.5, 32), 0.8)
    _face(c, "max", cy=19.5, r=8.2)
    spikes = [(15.5, 17), (16, 12), (18.5, 13), (19.5, 9), (22.5, 11.5), (24.5, 8.2)]
    spikes += [(26.5, 11.5), (29.5, 9.5), (30, 13), (32.5, 12.5), (32.5, 17), (24, 14.5)]
    c.poly(hair, spikes)
    _eyes(c, 21)
    c.line(INK, (22.5, 24.6), (25.5, 24.6), 0.7)
    c.arc((40, 46, 56), (13.8, 9.5, 20.4, 20), 0.15, 3.0, 2.2)  # headset band
    c.rect((40, 46, 56), (11.6, 16, 5.2, 8), radius=2)
    c.rect((40, 46, 56), (31.2, 16, 5.2, 8), radius=2)
    c.line((40, 46, 56), (14, 23), (19.5, 26.5), 1.1)  # mic boom
    c.circle((40, 46, 56), (20, 26.5), 1.4)
    c.outline()
    c.circle(CYAN, (14.2, 20), 1.1)
    c.circle(CYAN, (33.8, 20), 1.1)
    draw_marker(c, "max", (24, 35.5), 8.5)
    return c


def voss() -> Canvas:
    """Violet coat with sharp shoulders and a high collar, silver bob, glowing visor."""
    c = Canvas(48, 48)
    coat, hair = VOSS, HAIR["voss"]
    c.poly(shade(coat, -0.2), [(9, 29), (14, 26), (15.5, 41), (11.5, 42)])
    c.poly(shade(coat, -0.2), [(39, 29), (34, 26), (32.5, 41), (36.5, 42)])
    c.poly(coat, [(8.5, 29), (24, 23), (39.5, 29), (33.5, 45), (24, 47.5), (14.5, 45)])
    c.poly(shade(coat, -0.3), [(16, 24.5), (24, 31), (32, 24.5), (29, 22.5), (24, 27), (19, 22.5)])
    c.line(shade(coat, 0.35), (24, 31), (24, 46), 0.7)
    c.circle((210, 215, 225), (12.6, 41.5), 2.4)  # gloves
    c.circle((210, 215, 225), (35.4, 41.5), 2.4)
    c.poly(hair, [(14.5, 22), (15, 12), (20, 8.5), (28, 8.5), (33, 12), (33.5, 22), (29, 17)])
    _face(c, "voss", cy=19.5, r=7.8)
    c.poly(hair, [(15.6, 16.5), (18.5, 10.2), (26, 9.3), (33, 13), (31.5, 15), (21, 13.5)])
    c.rect((30, 24, 52), (15.5, 17.5, 17, 4.6), radius=2.3)
    c.outline()
    c.rect(CYAN, (16.6, 18.4, 14.8, 2.8), radius=1.4)
    c.line(WHITE, (18, 19.2), (22, 19.2), 0.5)
    draw_marker(c, "voss", (24, 37), 9.0)
    return c


def jenna() -> Canvas:
    """Green-yellow jacket, ponytail, right arm out holding a glowing phone, diamond marker."""
    c = Canvas(48, 48)
    jacket, skin, hair = JENNA, SKIN["jenna"], HAIR["jenna"]
    _arms(c, jacket, skin, right=False)
    c.poly(shade(jacket, -0.15), [(33, 27), (37, 26), (42.5, 35), (39, 37.5)])  # raised arm
    c.circle(skin, (41, 37.2), 2.7)
    c.rect((34, 38, 48), (38, 29.5, 7, 10.5), radius=1.5)  # phone
    c.rect((205, 250, 240), (39, 30.6, 5, 7.6), radius=0.8)
    c.rect(jacket, (11.5, 25.5, 25, 19.5), radius=4)
    c.poly(shade(jacket, -0.25), [(16, 25.5), (24, 30), (32, 25.5)])  # collar
    c.line(shade(jacket, -0.45), (24, 30), (24, 45), 0.7)  # zip
    tail = [(27, 11), (33, 6.5), (37.5, 9), (37.5, 16), (34.5, 23.5), (32.5, 16.5)]
    c.poly(hair, tail)  # ponytail swinging over one shoulder
    c.line(shade(hair, 0.15), (34, 9), (35.3, 16), 0.9)
    _face(c, "jenna")
    c.ellipse(hair, (15.2, 9.6, 17.6, 8.5))
    c.poly(hair, [(15.4, 13.6), (22, 11), (16.6, 21.2)])
    _eyes(c, 20.5)
    c.arc(INK, (21.7, 21.3, 4.6, 2.6), 3.6, 5.8, 0.6)
    c.outline()
    draw_marker(c, "jenna", (21.5, 37), 9.5)
    return c


_DRAWERS: dict[str, Callable[[], Canvas]] = {
    "kiran": kiran,
    "max": max_,
    "voss": voss,
    "jenna": jenna,
}


def character_sprites() -> dict[str, pygame.Surface]:
    """File name -> surface for ``char_<id>.png``."""
    return {f"char_{who}.png": draw().image() for who, draw in _DRAWERS.items()}
