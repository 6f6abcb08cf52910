"""Level files: load and validate them into plain, typed data."""

from game.levels.catalog import (
    TRAINING_LEVEL,
    LevelShelf,
    defaults,
    level_ids,
    load_level,
    load_level_text,
)
from game.levels.loader import LevelError, Problem, load_level_file, parse_level
from game.levels.model import SCRIPTED_KINDS, Level, NodeSpec, Poi, PoiKind, ScriptedEvent, Tile

__all__ = [
    "SCRIPTED_KINDS",
    "TRAINING_LEVEL",
    "Level",
    "LevelError",
    "LevelShelf",
    "NodeSpec",
    "Poi",
    "PoiKind",
    "Problem",
    "ScriptedEvent",
    "Tile",
    "defaults",
    "level_ids",
    "load_level",
    "load_level_file",
    "load_level_text",
    "parse_level",
]
