"""The bundled levels by id, read from the ``game.data.levels`` data package."""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path
from typing import Any

from game.data import level_files
from game.levels.loader import LevelError, Problem, load_level_file, merge_tables, parse_level
from game.levels.model import Level

__all__ = [
    "TRAINING_LEVEL",
    "LevelShelf",
    "defaults",
    "defaults_text",
    "level_ids",
    "load_level",
    "load_level_text",
    "named_after_file",
]

DEFAULTS_FILE = "defaults.toml"
TRAINING_LEVEL = "training-room"
"""The tutorial's room: bundled and loadable by id, but never listed among the levels
a player picks (``level_ids``), since it has no opponents and barely any glitch."""
UNLISTED = frozenset({TRAINING_LEVEL})
BUNDLED_LEVELS_CACHED = 16
"""At most this many bundled levels are kept parsed (there are five); files named by
path are read afresh every time, so an edited level file is never served stale."""


@functools.cache
def defaults_text() -> str:
    """The text of levels/defaults.toml: replays keep it so old matches replay exactly."""
    path = level_files() / DEFAULTS_FILE
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
    return parse_defaults(defaults_text(), str(level_files() / DEFAULTS_FILE))


def level_ids() -> list[str]:
    """The ids of the bundled levels a player picks from, sorted."""
    return [i for i in _bundled_ids() if i not in UNLISTED]


def _bundled_ids() -> list[str]:
    # A set: in a clone run beside an installed copy, both folders hold the same files.
    names = {f.name for f in level_files().iterdir() if f.name.endswith(".toml")}
    return sorted(n.removesuffix(".toml") for n in names if n != DEFAULTS_FILE)


def load_level(ident: str) -> Level:
    """Load a bundled level by id (e.g. ``expo-hall``), or a path to a level file."""
    path = Path(ident)
    if path.suffix == ".toml":  # a file: a missing one is a LevelError naming it
        return load_level_file(path, defaults())
    if ident not in _bundled_ids():
        raise ValueError(f"unknown level {ident!r} (choose from {', '.join(level_ids())})")
    return _bundled(ident)


def named_after_file(level: Level, path: Path) -> None:
    """A level file is named after its id (``my-level.toml`` holds ``id = "my-level"``),
    so the name a player sees in a folder is the name they pick in a game."""
    if level.id != path.stem:
        problem = Problem("id", f"{level.id!r} does not match the file name {path.name!r}")
        raise LevelError(str(path), [problem])


def _same_as_bundled(path: Path, ident: str) -> bool:
    try:
        return path.read_text(encoding="utf-8") == (level_files() / f"{ident}.toml").read_text(
            encoding="utf-8"
        )
    except OSError:
        return False


class LevelShelf:
    """The levels one server offers: the bundled ones, plus level files it was given.

    A client names a level by id only; the shelf maps ids to files the host chose, so
    a client can never make the server open a path. Extra files are checked when the
    shelf is built: one that does not load, or whose id is taken, is refused then.
    """

    def __init__(self, extra: dict[str, Path] | None = None) -> None:
        self.extra: dict[str, Path] = dict(extra or {})

    @classmethod
    def from_files(cls, paths: list[Path]) -> LevelShelf:
        """Load each file once to check it; raises :class:`LevelError` for the first bad one."""
        extra: dict[str, Path] = {}
        taken = set(_bundled_ids())
        for path in sorted(paths):
            level = load_level_file(path, defaults())
            named_after_file(level, path)
            if level.id in taken and _same_as_bundled(path, level.id):
                continue  # e.g. solo --level levels/expo-hall.toml: the bundled level itself
            if level.id in taken or level.id in extra:
                message = f"{level.id!r} is taken by another level: give this one a new id"
                raise LevelError(str(path), [Problem("id", message)])
            extra[level.id] = path
        return cls(extra)

    def ids(self) -> list[str]:
        """What players may pick: the listed bundled levels and the extra ones."""
        return sorted([*level_ids(), *self.extra])

    def __contains__(self, ident: object) -> bool:
        return ident in self.extra or ident in _bundled_ids()

    def load(self, ident: str) -> Level:
        path = self.extra.get(ident)
        if path is not None:
            return load_level_file(path, defaults())
        if ident not in _bundled_ids():
            raise ValueError(f"unknown level {ident!r}")
        return _bundled(ident)


@functools.lru_cache(maxsize=BUNDLED_LEVELS_CACHED)
def _bundled(ident: str) -> Level:
    return load_level_file(level_files() / f"{ident}.toml", defaults())


def load_level_text(text: str, file: str = "<replay>", rules_text: str | None = None) -> Level:
    """Load a level from its source text (and the defaults' text), as stored in a replay."""
    rules = defaults()
    if rules_text is not None:  # rules added since the replay was made keep today's values
        rules = merge_tables(rules, parse_defaults(rules_text, f"{file} rules"))
    return parse_level(text, file, rules)
