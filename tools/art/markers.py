"""The four shape markers (heart, square, triangle, diamond).

Each character carries its marker on the chest, on its portrait and on its HUD
icons, so a player who cannot tell teal from green still knows who is who.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from .canvas import INK, Canvas, Color, Point

__all__ = ["MARKERS", "draw_marker", "tooth"]


def _heart(size: float, cx: float, cy: float) -> list[Point]:
    pts = []
    for i in range(48):
        t = 2 * math.pi * i / 48
        x = 16 * math.sin(t) ** 3
        y = 13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)
        pts.append((cx + x * size / 34, cy - y * size / 34 - size * 0.05))
    return pts


def _square(size: float, cx: float, cy: float) -> list[Point]:
    h = size * 0.42
    return [(cx - h, cy - h), (cx + h, cy - h), (cx + h, cy + h), (cx - h, cy + h)]


def _triangle(size: float, cx: float, cy: float) -> list[Point]:
    h = size * 0.5
    return [(cx, cy - h), (cx + h * 1.05, cy + h * 0.8), (cx - h * 1.05, cy + h * 0.8)]


def _diamond(size: float, cx: float, cy: float) -> list[Point]:
    h = size * 0.55
    return [(cx, cy - h), (cx + h * 0.8, cy), (cx, cy + h), (cx - h * 0.8, cy)]


MARKERS: dict[str, Callable[[float, float, float], list[Point]]] = {
    "kiran": _heart,
    "max": _square,
    "voss": _triangle,
    "jenna": _diamond,
}


def draw_marker(
    canvas: Canvas,
    who: str,
    center: Point,
    size: float,
    fill: Color = (255, 255, 255),
    line: float = 1.0,
) -> None:
    """Draw a character's marker with its own dark rim, centred on ``center``."""
    pts = MARKERS[who](size, *center)
    canvas.poly(INK, pts)
    canvas.poly(INK, pts, line * 2)
    shrunk = MARKERS[who](max(size - line * 2.2, 1.0), *center)
    canvas.poly(fill, shrunk)


_TOOTH = [
    (-0.8, -0.5), (-0.62, -0.85), (-0.28, -0.92), (0.0, -0.76), (0.28, -0.92), (0.62, -0.85),
    (0.8, -0.5), (0.76, 0.02), (0.56, 0.36), (0.46, 0.84), (0.3, 0.96), (0.16, 0.8),
    (0.06, 0.36), (-0.06, 0.36), (-0.16, 0.8), (-0.3, 0.96), (-0.46, 0.84), (-0.56, 0.36),
    (-0.76, 0.02),
]  # fmt: skip


def tooth(center: Point, size: float) -> list[Point]:
    """A molar outline (crown and two roots), the game's motif, ``size`` tall."""
    cx, cy = center
    return [(cx + x * size / 2, cy + y * size / 2) for x, y in _TOOTH]
