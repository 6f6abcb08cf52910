"""Load the generated art and sound from the ``game.data.assets`` data package.

Images are cached because every sprite is drawn many times per frame. Sounds come
back as ``None`` when there is no mixer (a headless server test, a box without a
sound card), so callers can play them unconditionally with ``if sound: sound.play()``.
The files themselves are made by ``tools/make_assets.py``; ``manifest.json`` lists
them with their sizes and the four character colours.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import PurePath
from typing import Any

import pygame

from game.data import asset_files

__all__ = [
    "asset_file",
    "clear_cache",
    "load_image",
    "load_sound",
    "manifest",
]

_images: dict[str, pygame.Surface] = {}


def asset_file(name: str) -> Traversable:
    """A file of the assets package; no check that it exists."""
    return asset_files() / name


def _with_suffix(name: str, suffix: str) -> str:
    return name if PurePath(name).suffix else name + suffix


def _display_ready() -> bool:
    return pygame.display.get_init() and pygame.display.get_surface() is not None


def load_image(name: str) -> pygame.Surface:
    """Load ``name`` (``"char_kiran"`` or ``"char_kiran.png"``) once and cache it.

    The surface is converted for fast blitting when a display mode is set; without
    one (dummy video driver, tests) it is returned as loaded, since
    ``convert_alpha()`` would raise.
    """
    key = _with_suffix(name, ".png")
    cached = _images.get(key)
    if cached is not None:
        return cached
    with asset_file(key).open("rb") as f:
        surface = pygame.image.load(f, key)
    if _display_ready():
        surface = surface.convert_alpha()
    _images[key] = surface
    return surface


def load_sound(name: str) -> pygame.mixer.Sound | None:
    """Load ``name`` (``"sfx_patch"`` or ``"sfx_patch.wav"``), or None if there is no mixer."""
    if not pygame.mixer.get_init():
        return None
    try:
        with asset_file(_with_suffix(name, ".wav")).open("rb") as f:
            return pygame.mixer.Sound(file=f)
    except (pygame.error, OSError):
        return None


@cache
def manifest() -> dict[str, Any]:
    """The parsed ``assets/manifest.json``: ``files``, ``palette`` (hex colours)."""
    data: dict[str, Any] = json.loads(asset_file("manifest.json").read_text(encoding="utf-8"))
    return data


def clear_cache() -> None:
    """Forget cached images, e.g. after setting a display mode so they get converted."""
    _images.clear()
