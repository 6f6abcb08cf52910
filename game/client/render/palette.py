"""The client's colours, in one place, with the colour-blind alternative.

The character colours match the art generator's palette. The colour-blind palette
swaps them for Okabe-Ito hues that stay apart under the common colour-vision
deficiencies, and every character also has a shape (circle, triangle, square,
diamond) drawn wherever only colour would otherwise tell them apart.
"""

from __future__ import annotations

__all__ = [
    "BG",
    "CYAN",
    "GLITCH",
    "INK",
    "PANEL",
    "SHAPES",
    "WHITE",
    "char_colour",
    "char_colours",
]

Colour = tuple[int, int, int]

CHARS: tuple[Colour, ...] = ((43, 179, 163), (242, 140, 40), (138, 79, 216), (155, 207, 58))
CHARS_CB: tuple[Colour, ...] = ((0, 114, 178), (230, 159, 0), (204, 121, 167), (240, 228, 66))
SHAPES = ("circle", "triangle", "square", "diamond")

BG: Colour = (18, 26, 38)
WHITE: Colour = (246, 250, 250)
INK: Colour = (28, 40, 54)
PANEL: Colour = (22, 32, 46)
PANEL_EDGE: Colour = (70, 225, 240)
CYAN: Colour = (70, 225, 240)
GLITCH: Colour = (236, 40, 160)
RED: Colour = (235, 55, 60)
AMBER: Colour = (250, 190, 60)
GREEN: Colour = (80, 220, 130)
MUTED: Colour = (150, 170, 185)
FLOOR: Colour = (234, 243, 242)
FLOOR_ALT: Colour = (218, 237, 234)
WALL: Colour = (52, 66, 82)
WALL_TOP: Colour = (84, 102, 122)
BOOTH: Colour = (196, 208, 214)
STAGE: Colour = (36, 52, 74)
AUDIENCE: Colour = (206, 226, 240)
DOOR: Colour = (150, 232, 240)
EXIT: Colour = (120, 220, 150)
TESTIMONIAL: Colour = (255, 226, 160)
NEUTRAL: Colour = (170, 182, 192)


def char_colours(colourblind: bool) -> tuple[Colour, ...]:
    return CHARS_CB if colourblind else CHARS


def char_colour(seat: int, colourblind: bool = False) -> Colour:
    return char_colours(colourblind)[seat]


def mix(a: Colour, b: Colour, t: float) -> Colour:
    t = min(1.0, max(0.0, t))
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )
