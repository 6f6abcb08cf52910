"""Player settings, persisted as JSON in the user's config directory.

Settings are the one piece of client state that outlives a run, so reading them
must never crash the game: a missing, unreadable or half-valid file gives the
defaults (field by field) and a warning on stderr.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from game.paths import CONFIG_ENV, config_dir, data_dir

__all__ = [
    "ACTIONS",
    "CONFIG_ENV",
    "DEFAULT_KEYS",
    "Settings",
    "config_dir",
    "data_dir",
    "load_settings",
    "save_settings",
]

FILE_NAME = "settings.json"

ACTIONS: tuple[str, ...] = ("up", "down", "left", "right", "patch", "ability", "action", "pause")
"""Abstract actions a key can be bound to; ``input.py`` maps them to ``Input``."""

DEFAULT_KEYS: dict[str, list[str]] = {
    "up": ["w", "up"],
    "down": ["s", "down"],
    "left": ["a", "left"],
    "right": ["d", "right"],
    "patch": ["space"],
    "ability": ["e"],
    "action": ["q"],
    "pause": ["escape"],
}


def _default_keys() -> dict[str, list[str]]:
    return {k: list(v) for k, v in DEFAULT_KEYS.items()}


@dataclass
class Settings:
    name: str = "Player"
    keys: dict[str, list[str]] = field(default_factory=_default_keys)
    master_volume: float = 0.8
    sfx_volume: float = 0.8
    music_volume: float = 0.5
    fullscreen: bool = False
    window_size: tuple[int, int] = (1280, 720)
    colourblind: bool = False
    screen_shake: bool = True
    last_server: str = "ws://127.0.0.1:8765"
    hints_seen: list[str] = field(default_factory=list)  # first-match hints already shown
    tutorial_done: bool = False  # the menu offers How to play first until it is

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["window_size"] = list(self.window_size)
        return data

    @classmethod
    def from_json(cls, raw: object) -> tuple[Settings, list[str]]:
        """Settings from a decoded file, plus one warning per field that was ignored."""
        out = cls()
        problems: list[str] = []
        if not isinstance(raw, dict):
            return out, ["settings file is not a JSON object"]
        for f in fields(cls):
            if f.name not in raw:
                continue
            value = _check(f.name, raw[f.name], getattr(out, f.name))
            if value is None:
                problems.append(f"ignoring bad value for {f.name!r}")
            else:
                setattr(out, f.name, value)
        return out, problems


def _check(name: str, value: object, default: object) -> object | None:
    """The value if it has the default's shape, else None."""
    if isinstance(default, bool):
        return value if isinstance(value, bool) else None
    if isinstance(default, float):
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return min(1.0, max(0.0, float(value))) if ok else None  # type: ignore[arg-type]
    if isinstance(default, str):
        return value.strip()[:20] or default if isinstance(value, str) else None
    if name == "window_size":
        if isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value):
            return (max(640, value[0]), max(360, value[1]))
        return None
    if name == "hints_seen":
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return [str(v) for v in value][:32]
        return None
    if name == "keys" and isinstance(value, dict):
        keys = _default_keys()
        for action, names in value.items():
            if (
                action in keys
                and isinstance(names, list)
                and all(isinstance(n, str) for n in names)
            ):
                keys[action] = list(names)
        return keys
    return None


def load_settings(directory: Path | None = None) -> Settings:
    """The saved settings, or defaults; never raises."""
    path = (directory or config_dir()) / FILE_NAME
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        _warn(f"cannot read {path}: {exc.strerror}; using defaults")
        return Settings()
    try:
        raw = json.loads(text)
    except ValueError:
        _warn(f"{path} is not valid JSON; using defaults")
        return Settings()
    settings, problems = Settings.from_json(raw)
    for problem in problems:
        _warn(f"{path}: {problem}")
    return settings


def save_settings(settings: Settings, directory: Path | None = None) -> bool:
    """Write atomically (temp file + rename) so a crash never leaves half a file."""
    folder = directory or config_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / (FILE_NAME + ".tmp")
        tmp.write_text(json.dumps(settings.to_json(), indent=2), encoding="utf-8")
        tmp.replace(folder / FILE_NAME)
    except OSError as exc:
        _warn(f"cannot save settings to {folder}: {exc.strerror}")
        return False
    return True


def _warn(message: str) -> None:
    print(f"expo-showdown: warning: {message}", file=sys.stderr)
