"""Named colours for the whole set, so sprites, icons and the HUD agree.

The four character colours come from the design brief; the renderer should read
them from ``assets/manifest.json`` rather than copy them.
"""

from __future__ import annotations

__all__ = [
    "AMBER",
    "CHARACTERS",
    "CYAN",
    "FLOOR",
    "FLOOR_ALT",
    "GLASS",
    "JENNA",
    "KIRAN",
    "MAGENTA",
    "MAX",
    "METAL",
    "METAL_DARK",
    "RED",
    "SLATE",
    "VOSS",
    "WHITE",
]

KIRAN = (43, 179, 163)
MAX = (242, 140, 40)
VOSS = (138, 79, 216)
JENNA = (155, 207, 58)

CHARACTERS: dict[str, tuple[int, int, int]] = {
    "kiran": KIRAN,
    "max": MAX,
    "voss": VOSS,
    "jenna": JENNA,
}

WHITE = (246, 250, 250)
FLOOR = (234, 243, 242)
FLOOR_ALT = (218, 237, 234)
METAL = (196, 208, 214)
METAL_DARK = (120, 136, 148)
SLATE = (52, 66, 82)
GLASS = (28, 44, 62)
CYAN = (70, 225, 240)
MAGENTA = (236, 40, 160)
RED = (235, 55, 60)
AMBER = (250, 190, 60)
