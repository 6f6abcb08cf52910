"""Sprites: the generated art from ``assets/`` when it is there, shapes drawn in code when not.

Every getter caches by size, so scaling happens once per window size, not per frame.
A missing or unreadable asset is never an error: the game falls back to a drawn
sprite in the same colours, so a checkout without art still plays.
"""

from __future__ import annotations

import math
from functools import lru_cache

import pygame

from game.client.render import palette as pal
from game.kinds import NodeKind

__all__ = [
    "character",
    "crowd_dot",
    "icon",
    "load_asset",
    "node_sprite",
    "portrait",
    "shape",
    "tile_art",
]

Colour = tuple[int, int, int]
CHAR_IDS = ("kiran", "max", "voss", "jenna")


@lru_cache(maxsize=128)
def load_asset(name: str) -> pygame.Surface | None:
    """An image from ``assets/`` (via ``game.client.assets``), or None if unavailable."""
    try:
        from game.client import assets
    except ImportError:
        return None
    try:
        img = assets.load_image(name)
    except Exception:  # noqa: BLE001 - any failure means "draw it instead"
        return None
    if img is None:
        return None
    if pygame.display.get_init() and pygame.display.get_surface() is not None:
        img = img.convert_alpha()
    return img


def _scaled(img: pygame.Surface, size: tuple[int, int]) -> pygame.Surface:
    if img.get_size() == size:
        return img
    w, h = img.get_size()
    if size[0] % w == 0 and size[1] % h == 0:
        return pygame.transform.scale(img, size)  # integer factor: keep pixels crisp
    return pygame.transform.smoothscale(img, size)


def shape(
    surf: pygame.Surface, kind: str, centre: tuple[float, float], r: float, colour: Colour, width=0
) -> None:
    """One of the four character shapes (colour-blind markers, crowd dots, legends)."""
    cx, cy = centre
    if kind == "circle":
        pygame.draw.circle(surf, colour, (cx, cy), r, width)
    elif kind == "triangle":
        pts = [(cx, cy - r * 1.1), (cx + r, cy + r * 0.8), (cx - r, cy + r * 0.8)]
        pygame.draw.polygon(surf, colour, pts, width)
    elif kind == "square":
        s = r * 0.9
        pygame.draw.rect(surf, colour, pygame.Rect(cx - s, cy - s, 2 * s, 2 * s), width)
    else:
        pts = [(cx, cy - r * 1.15), (cx + r, cy), (cx, cy + r * 1.15), (cx - r, cy)]
        pygame.draw.polygon(surf, colour, pts, width)


# -- characters -----------------------------------------------------------------
_HAIR: tuple[Colour, ...] = ((40, 30, 28), (240, 200, 90), (30, 30, 40), (150, 70, 40))
_SKIN: tuple[Colour, ...] = ((176, 120, 90), (238, 200, 170), (232, 196, 176), (210, 160, 120))


@lru_cache(maxsize=64)
def character(seat: int, size: int, colourblind: bool = False) -> pygame.Surface:
    """The character seen from above at ``size`` px (the art's ``char_<id>.png`` if any)."""
    img = load_asset(f"char_{CHAR_IDS[seat]}.png")
    if img is not None and not colourblind:
        return _scaled(img, (size, size))
    return _draw_character(seat, size, colourblind)


def _draw_character(seat: int, size: int, colourblind: bool) -> pygame.Surface:
    s = pygame.Surface((size, size), pygame.SRCALPHA)
    c = pal.char_colour(seat, colourblind)
    dark = pal.mix(c, (0, 0, 0), 0.45)
    u = size / 48
    cx = size / 2
    # body: a rounded coat / jacket seen from above-front
    body = pygame.Rect(0, 0, 26 * u, 22 * u)
    body.midbottom = (round(cx), round(44 * u))
    pygame.draw.ellipse(s, dark, body.inflate(4 * u, 4 * u))
    coat = (246, 250, 250) if seat in (0, 2) else c
    pygame.draw.ellipse(s, coat, body)
    if seat in (0, 2):  # lab coats with the character colour as scrubs/suit beneath
        inner = pygame.Rect(0, 0, 10 * u, 18 * u)
        inner.midbottom = body.midbottom
        pygame.draw.ellipse(s, c, inner)
    head_c = (round(cx), round(17 * u))
    pygame.draw.circle(s, dark, head_c, 11 * u)
    pygame.draw.circle(s, _SKIN[seat], head_c, 9.5 * u)
    hair = pygame.Rect(0, 0, 20 * u, 11 * u)
    hair.midtop = (round(cx), round(6 * u))
    pygame.draw.ellipse(s, _HAIR[seat], hair)
    if seat == 0:  # Kiran: stethoscope
        pygame.draw.arc(s, c, body.inflate(-8 * u, -4 * u), math.pi * 1.1, math.pi * 1.9, 2)
    elif seat == 1:  # Max: cyan visor
        pygame.draw.rect(s, pal.CYAN, (cx - 9 * u, 14 * u, 18 * u, 4 * u), border_radius=2)
    elif seat == 2:  # Voss: angular collar and an implant glint
        pygame.draw.polygon(
            s, c, [(cx - 8 * u, 27 * u), (cx, 33 * u), (cx + 8 * u, 27 * u), (cx, 30 * u)]
        )
        pygame.draw.circle(s, pal.CYAN, (cx + 6 * u, 17 * u), 2 * u)
    else:  # Jenna: phone held up
        pygame.draw.rect(s, (30, 36, 44), (cx + 9 * u, 26 * u, 6 * u, 9 * u), border_radius=2)
        pygame.draw.rect(s, pal.CYAN, (cx + 10 * u, 27 * u, 4 * u, 6 * u))
    return s


@lru_cache(maxsize=16)
def portrait(seat: int, size: int) -> pygame.Surface:
    img = load_asset(f"portrait_{CHAR_IDS[seat]}.png")
    if img is not None:
        return _scaled(img, (size, size))
    s = pygame.Surface((size, size), pygame.SRCALPHA)
    pygame.draw.rect(s, pal.mix(pal.char_colour(seat), pal.BG, 0.4), s.get_rect(), border_radius=8)
    s.blit(_draw_character(seat, size, False), (0, size // 10))
    return s


# -- systems ----------------------------------------------------------------------
@lru_cache(maxsize=64)
def node_sprite(kind: int, size: int) -> pygame.Surface:
    img = load_asset(f"node_{NodeKind(kind).id}.png")
    if img is not None:
        return _scaled(img, (size, size))
    return _draw_node(NodeKind(kind), size)


def _draw_node(kind: NodeKind, size: int) -> pygame.Surface:
    s = pygame.Surface((size, size), pygame.SRCALPHA)
    u = size / 40
    r = pygame.Rect(3 * u, 3 * u, 34 * u, 34 * u)
    pygame.draw.rect(s, (90, 108, 124), r.move(0, 2 * u), border_radius=round(7 * u))
    pygame.draw.rect(s, (238, 244, 247), r, border_radius=round(7 * u))
    pygame.draw.rect(s, (150, 166, 180), r, 2, border_radius=round(7 * u))
    cx, cy = size / 2, size / 2
    ink, acc = (44, 60, 78), pal.CYAN
    if kind is NodeKind.CORE:
        pygame.draw.circle(s, ink, (cx, cy), 12 * u)
        pygame.draw.circle(s, acc, (cx, cy), 8 * u)
        pygame.draw.circle(s, (255, 255, 255), (cx, cy), 3 * u)
    elif kind is NodeKind.KIOSK:
        pygame.draw.rect(s, ink, (cx - 9 * u, 9 * u, 18 * u, 15 * u), border_radius=3)
        pygame.draw.rect(s, acc, (cx - 6 * u, 12 * u, 12 * u, 9 * u))
        pygame.draw.rect(s, ink, (cx - 3 * u, 24 * u, 6 * u, 7 * u))
    elif kind is NodeKind.ROBOT:
        pygame.draw.circle(s, ink, (cx - 7 * u, cy + 7 * u), 6 * u)
        pygame.draw.line(s, ink, (cx - 7 * u, cy + 7 * u), (cx + 4 * u, cy - 6 * u), round(4 * u))
        pygame.draw.line(s, ink, (cx + 4 * u, cy - 6 * u), (cx + 10 * u, cy + 2 * u), round(3 * u))
        pygame.draw.circle(s, acc, (cx + 4 * u, cy - 6 * u), 3 * u)
    elif kind is NodeKind.SCREEN:
        pygame.draw.rect(s, ink, (7 * u, 11 * u, 26 * u, 16 * u), border_radius=2)
        for i, h in enumerate((6, 10, 4, 8)):
            pygame.draw.rect(s, acc, (10 * u + i * 5.5 * u, (24 - h) * u, 4 * u, h * u))
    elif kind is NodeKind.ROUTER:
        pygame.draw.rect(s, ink, (9 * u, 20 * u, 22 * u, 9 * u), border_radius=3)
        for x in (13, 20, 27):
            pygame.draw.line(s, ink, (x * u, 20 * u), (x * u, 10 * u), 2)
            pygame.draw.circle(s, acc, (x * u, 10 * u), 2 * u)
    else:  # vault
        pygame.draw.rect(s, ink, (9 * u, 9 * u, 22 * u, 22 * u), border_radius=4)
        pygame.draw.circle(s, (250, 190, 60), (cx, cy), 7 * u, round(2 * u))
        pygame.draw.line(s, (250, 190, 60), (cx, cy), (cx + 5 * u, cy - 3 * u), 2)
    return s


# -- crowd --------------------------------------------------------------------------
@lru_cache(maxsize=128)
def crowd_dot(favourite: int, panicked: bool, size: int, colourblind: bool) -> pygame.Surface:
    """A visitor: tinted by whom they favour; a red rim when panicking."""
    s = pygame.Surface((size, size), pygame.SRCALPHA)
    c = pal.NEUTRAL if favourite < 0 else pal.char_colour(favourite, colourblind)
    r = size / 2 - 1
    centre = (size / 2, size / 2)
    if panicked:
        pygame.draw.circle(s, pal.RED, centre, r)
        inner = r - max(1.5, size / 7)
    else:
        pygame.draw.circle(s, pal.mix(c, (20, 30, 40), 0.5), centre, r)
        inner = r - 1
    if colourblind and favourite >= 0:
        shape(s, pal.SHAPES[favourite], centre, inner * 0.95, c)
    else:
        pygame.draw.circle(s, c, centre, inner)
    return s


def tile_art(name: str, size: int) -> pygame.Surface | None:
    img = load_asset(name)
    return None if img is None else _scaled(img, (size, size))


@lru_cache(maxsize=64)
def icon(name: str, size: int) -> pygame.Surface | None:
    img = load_asset(f"icon_{name}.png")
    return None if img is None else _scaled(img, (size, size))
