"""The one place the game reads its data files from: the levels and the art and sound.

They live in the repository's top-level ``levels/`` and ``assets/`` folders and are
installed as the data packages ``game.data.levels`` and ``game.data.assets`` (see
``package-dir`` in pyproject.toml). Reading them through :mod:`importlib.resources`
makes a clone, an editable install and an installed wheel find them the same way.
In a clone run without installing (``python -m game.cli`` from the repository), the
folders beside ``game/`` serve as the data packages: this package's search path then
also holds the clone's root, after its own folder, so an installed copy always wins.
(The functions are not called ``levels``/``assets``: importing the data packages sets
those names on this module.)
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

__all__ = ["ASSETS_PACKAGE", "LEVELS_PACKAGE", "asset_files", "folder", "level_files"]

LEVELS_PACKAGE = "game.data.levels"
ASSETS_PACKAGE = "game.data.assets"

_CLONE = Path(__file__).resolve().parents[2]
if (_CLONE / "pyproject.toml").is_file() and (_CLONE / "levels" / "__init__.py").is_file():
    __path__.append(str(_CLONE))


def level_files() -> Traversable:
    """The level files (``*.toml``) and the shared rules (``defaults.toml``)."""
    return files(LEVELS_PACKAGE)


def asset_files() -> Traversable:
    """The generated sprites, tiles, icons and sounds, and ``manifest.json``."""
    return files(ASSETS_PACKAGE)


def folder(data: Traversable) -> Path:
    """The folder on disk behind ``data``, for the tools that rewrite it in a clone.

    Raises ``RuntimeError`` when the data is not a plain folder (e.g. inside a zip).
    """
    if not isinstance(data, Path):
        raise RuntimeError(f"{data} is not a folder on disk; run this from a clone")
    return data
