"""Where the level files live, and lookup by id."""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path
from typing import Any

from game.levels.loader import LevelError, Problem, load_level_file, merge_tables, parse_level
from game.levels.model import Level

__all__ = [
    "LEVELS_DIR",
    "defaults",
    "defaults_text",
    "level_ids",
    "load_level",
    "load_level_text",
]

LEVELS_DIR = Path(__file__).resolve().parents[2] / "levels"
DEFAULTS_FILE = "defaults.toml"


@functools.cache
def defaults_text() -> str:
    """The text of levels/defaults.toml: replays keep it so old matches replay exactly."""
    path = LEVELS_DIR / DEFAULTS_FILE
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LevelError(str(path), [Problem("", f"cannot read the defaults: {exc}")]) from None


def parse_defaults(text: str, file: str = DEFAULTS_FILE) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LevelError(file, [Problem("", f"cannot read the defaults: {exc}")]) from None


@functools.cache
def defaults() -> dict[str, Any]:
    """The shared rules every level file starts from (levels/defaults.toml)."""
    return parse_defaults(defaults_text(), str(LEVELS_DIR / DEFAULTS_FILE))


def level_ids() -> list[str]:
    return sorted(p.stem for p in LEVELS_DIR.glob("*.toml") if p.name != DEFAULTS_FILE)


@functools.cache
def load_level(ident: str) -> Level:
    """Load a bundled level by id (e.g. ``expo-hall``), or a path to a level file."""
    path = Path(ident)
    if path.suffix == ".toml" and path.exists():
        return load_level_file(path, defaults())
    if ident not in level_ids():
        raise ValueError(f"unknown level {ident!r} (choose from {', '.join(level_ids())})")
    return load_level_file(LEVELS_DIR / f"{ident}.toml", defaults())


def load_level_text(text: str, file: str = "<replay>", rules_text: str | None = None) -> Level:
    """Load a level from its source text (and the defaults' text), as stored in a replay."""
    rules = defaults()
    if rules_text is not None:  # rules added since the replay was made keep today's values
        rules = merge_tables(rules, parse_defaults(rules_text, f"{file} rules"))
    return parse_level(text, file, rules)
