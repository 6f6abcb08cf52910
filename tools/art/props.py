"""Visitors, the drone, firewall segment, code fragment and stage light.

Visitors are drawn in white and greys only: the renderer tints them by the colour
of the character they favour (multiply blend), so one sprite serves everyone.
"""

from __future__ import annotations

import pygame

from .canvas import INK, Canvas, radial_alpha, shade
from .palette import AMBER, CYAN, MAX, VOSS, WHITE

__all__ = ["props"]

NEUTRAL_INK = (30, 30, 30)  # no blue cast, so tinting gives pure hues


def _visitor_body(c: Canvas, arms_up: bool) -> None:
    if arms_up:
        c.line((200, 200, 200), (5.5, 9), (2.2, 3.6), 1.8)
        c.line((200, 200, 200), (10.5, 9), (13.8, 3.6), 1.8)
    else:
        c.ellipse((200, 200, 200), (2.6, 8, 3.4, 6))
        c.ellipse((200, 200, 200), (10, 8, 3.4, 6))
    c.rect((236, 236, 236), (4, 7.5, 8, 7.5), radius=3)
    c.circle((255, 255, 255), (8, 5.8), 3.4)
    c.circle((214, 214, 214), (8, 4.6), 2.6)  # hair seen from above


def visitor(panic: bool) -> pygame.Surface:
    """A tiny top-down person; the panic variant throws up its arms and shows a '!'."""
    c = Canvas(16, 16)
    _visitor_body(c, panic)
    c.outline(0.9, NEUTRAL_INK)
    if panic:
        c.circle(WHITE, (12.4, 4), 3.9)
        c.circle(NEUTRAL_INK, (12.4, 4), 3.3)
        c.rect(WHITE, (11.65, 1.4, 1.5, 3.4), radius=0.7)
        c.circle(WHITE, (12.4, 6.1), 0.8)
    return c.image()


def drone() -> pygame.Surface:
    """Voss's repair drone: four rotors around a violet hull with a cyan eye."""
    c = Canvas(24, 24)
    for x, y in ((5, 5), (19, 5), (5, 19), (19, 19)):
        c.line((90, 100, 116), (12, 12), (x, y), 2)
        c.circle((210, 218, 226), (x, y), 4.3)
        c.circle((150, 160, 172), (x, y), 4.3, 0.6)
        c.line((120, 130, 140), (x - 3.2, y - 1.2), (x + 3.2, y + 1.2), 0.9)
    c.circle(VOSS, (12, 12), 5.6)
    c.circle(shade(VOSS, 0.35), (10.8, 10.6), 2.2)
    c.outline(1.0)
    c.circle(INK, (12, 13.5), 2.2)
    c.circle(CYAN, (12, 13.5), 1.3)
    return c.image()


def firewall() -> pygame.Surface:
    """An orange barrier segment: a glowing brick bar with hazard stripes, tiles sideways."""
    c = Canvas(32, 32)
    c.glow((*MAX, 130), (16, 16), 16, 0.25)
    c.rect(INK, (0, 7, 32, 18))
    c.rect(MAX, (0, 9, 32, 14))
    for x in range(-8, 40, 8):
        c.poly(shade(MAX, -0.55), [(x, 23), (x + 4, 23), (x + 11, 9), (x + 7, 9)])
    c.rect(AMBER, (0, 7.6, 32, 2.2))
    c.rect(shade(MAX, -0.4), (0, 22.4, 32, 2))
    for x in (4, 16, 28):
        c.circle((255, 240, 190), (x, 8.7), 1.3)
    return c.image()


def fragment() -> pygame.Surface:
    """A code fragment: a glowing cyan chip with a '</>' glyph."""
    c = Canvas(16, 16)
    c.glow((*CYAN, 170), (8, 8), 8, 0.3)
    pts = [(8, 1.5), (14.5, 8), (8, 14.5), (1.5, 8)]
    c.poly(INK, pts)
    c.poly((20, 120, 140), [(8, 2.9), (13.1, 8), (8, 13.1), (2.9, 8)])
    c.poly(CYAN, [(8, 4), (12, 8), (8, 12), (4, 8)])
    c.lines(INK, [(7, 6.3), (5.6, 8), (7, 9.7)], 0.7)
    c.lines(INK, [(9, 6.3), (10.4, 8), (9, 9.7)], 0.7)
    return c.image()


def stage_light() -> pygame.Surface:
    """A soft warm-white radial light, meant to be blitted additively or alpha-blended."""
    return radial_alpha(64, (255, 248, 225, 200), 0.0, 1.0, power=1.8)


def props() -> dict[str, pygame.Surface]:
    """File name -> surface for the small sprites."""
    return {
        "visitor.png": visitor(panic=False),
        "visitor_panic.png": visitor(panic=True),
        "drone.png": drone(),
        "firewall.png": firewall(),
        "fragment.png": fragment(),
        "stage_light.png": stage_light(),
    }
