"""Where the game keeps its files, in one place, so every command agrees.

Settings live in the user's config directory and match history and replays in the
user's data directory (``platformdirs``). ``EXPO_SHOWDOWN_CONFIG_DIR`` and
``EXPO_SHOWDOWN_DATA_DIR`` move them (tests, portable installs); with only the
config variable set, the data goes there too, so one variable moves everything.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

__all__ = [
    "APP",
    "CONFIG_ENV",
    "DATA_ENV",
    "config_dir",
    "data_dir",
    "describe",
    "history_path",
    "replays_dir",
]

APP = "expo-showdown"
CONFIG_ENV = "EXPO_SHOWDOWN_CONFIG_DIR"
DATA_ENV = "EXPO_SHOWDOWN_DATA_DIR"


def config_dir() -> Path:
    """Where ``settings.json`` lives."""
    override = os.environ.get(CONFIG_ENV)
    return Path(override) if override else Path(platformdirs.user_config_dir(APP))


def data_dir() -> Path:
    """Where the match history and replays live."""
    override = os.environ.get(DATA_ENV) or os.environ.get(CONFIG_ENV)
    return Path(override) if override else Path(platformdirs.user_data_dir(APP))


def history_path() -> Path:
    """The match-history database solo, hosted games and ``history`` use by default."""
    return data_dir() / "history.sqlite3"


def replays_dir() -> Path:
    """Replay files put here are listed in the Replays menu."""
    return data_dir() / "replays"


def describe() -> str:
    """``expo-showdown --paths``: every place, and the variables that move them."""
    rows = [
        ("settings", config_dir() / "settings.json"),
        ("match history", history_path()),
        ("replay files", replays_dir()),
    ]
    width = max(len(name) for name, _ in rows)
    lines = [f"{name:<{width}}  {path}" for name, path in rows]
    lines.append("")
    for var in (CONFIG_ENV, DATA_ENV):
        value = os.environ.get(var)
        lines.append(f"{var}={value}" if value else f"{var} is not set")
    return "\n".join(lines) + "\n"
