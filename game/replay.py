"""Replays: the level, the seed, every input of every tick and the final state hash.

Only inputs are stored (run-length: a seat's input is written when it changes), so
re-simulating is the only way to get the state back, and doing so checks the
simulation is still deterministic. A replay also records the numpy version that drew
its random stream: numpy keeps a generator's stream stable within a version but may
change it between versions, so playing back under another one says so.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from game.kinds import Difficulty, Mode
from game.levels import LevelError, load_level_text
from game.levels.catalog import defaults_text
from game.levels.model import Level
from game.match_config import MatchConfig
from game.sim import Input, World, state_hash

__all__ = ["InputLog", "Replay", "ReplayError", "Verification", "numpy_note", "verify"]

FORMAT = "expo-showdown-replay"
VERSION = 1


class ReplayError(ValueError):
    """A replay file that cannot be read."""


class InputLog:
    """Records inputs as they change; optionally state hashes every ``CHECK_EVERY`` ticks."""

    CHECK_EVERY = 10

    def __init__(self, checkpoints: bool = False) -> None:
        self.changes: list[tuple[int, int, int]] = []  # (tick, seat, packed input)
        self._last = [Input().pack()] * 4
        self._last_obj: list[Input | None] = [None] * 4
        self.checkpoints: dict[int, str] | None = {} if checkpoints else None

    def record(self, tick: int, inputs: Sequence[Input]) -> None:
        for seat, inp in enumerate(inputs):
            if inp is self._last_obj[seat]:
                continue  # a bot between decisions repeats the very same object
            self._last_obj[seat] = inp
            packed = inp.pack()
            if packed != self._last[seat]:
                self._last[seat] = packed
                self.changes.append((tick, seat, packed))

    def replay(self, level: Level, config: MatchConfig, ticks: int, final_hash: str) -> Replay:
        return Replay(
            config,
            level.source,
            defaults_text(),
            ticks,
            final_hash,
            list(self.changes),
            dict(self.checkpoints or {}),
            np.__version__,
        )


@dataclass
class Replay:
    config: MatchConfig
    level_source: str
    rules_source: str
    ticks: int
    final_hash: str
    inputs: list[tuple[int, int, int]]
    checkpoints: dict[int, str] = field(default_factory=dict)
    numpy_version: str | None = None  # None: recorded before replays carried it

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "level": self.config.level,
            "level_source": self.level_source,
            "rules_source": self.rules_source,
            "seed": self.config.seed,
            "mode": self.config.mode.id,
            "difficulty": self.config.difficulty.id,
            "duration_s": self.config.duration_s,
            "ticks": self.ticks,
            "final_hash": self.final_hash,
            "inputs": [list(c) for c in self.inputs],
            "checkpoints": [[t, h] for t, h in sorted(self.checkpoints.items())],
            "numpy": self.numpy_version,
        }

    def to_bytes(self) -> bytes:
        return gzip.compress(json.dumps(self.to_json(), separators=(",", ":")).encode(), mtime=0)

    def save(self, path: Path) -> None:
        path.write_bytes(self.to_bytes())

    @classmethod
    def from_bytes(cls, data: bytes) -> Replay:
        try:
            raw = json.loads(gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data)
        except (OSError, EOFError, ValueError) as exc:
            raise ReplayError(f"not a replay file: {exc}") from None
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            raise ReplayError("not an Expo Showdown replay")
        if raw.get("version") != VERSION:
            raise ReplayError(f"replay version {raw.get('version')} is not supported")
        try:
            config = MatchConfig(
                str(raw["level"]),
                int(raw["seed"]),
                Mode.from_id(raw["mode"]),
                Difficulty.from_id(raw["difficulty"]),
                None if raw["duration_s"] is None else float(raw["duration_s"]),
            )
            return cls(
                config,
                str(raw["level_source"]),
                str(raw["rules_source"]),
                int(raw["ticks"]),
                str(raw["final_hash"]),
                [(int(t), int(s), int(p)) for t, s, p in raw["inputs"]],
                {int(t): str(h) for t, h in raw["checkpoints"]},
                None if raw.get("numpy") is None else str(raw["numpy"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ReplayError(f"damaged replay: {exc}") from None

    @classmethod
    def load(cls, path: Path) -> Replay:
        try:
            return cls.from_bytes(path.read_bytes())
        except OSError as exc:
            raise ReplayError(f"cannot read {path}: {exc.strerror}") from None

    def numpy_note(self) -> str | None:
        """One line when this numpy may draw another random stream than the recording's."""
        return numpy_note(self.numpy_version)

    def level(self) -> Level:
        try:
            return load_level_text(
                self.level_source, f"<replay of {self.config.level}>", self.rules_source
            )
        except LevelError as exc:
            raise ReplayError(f"the replay's level does not load: {exc}") from None

    def world(self) -> World:
        c = self.config
        return World(self.level(), c.seed, c.mode, c.duration_s)

    def playback(self, on_tick: Callable[[World], None] | None = None) -> World:
        """Re-simulate the whole match; ``on_tick`` sees the world after every tick."""
        world = self.world()
        current = [Input()] * 4
        changes = self.inputs
        i = 0
        while world.tick < self.ticks and not world.over:
            while i < len(changes) and changes[i][0] == world.tick:
                _, seat, packed = changes[i]
                current[seat] = Input.unpack(packed)
                i += 1
            world.step(current)
            if on_tick:
                on_tick(world)
        return world


def numpy_note(recorded: str | None, running: str = np.__version__) -> str | None:
    """The warning for a replay recorded under ``recorded`` and played under ``running``."""
    if recorded == running:
        return None
    made = f"numpy {recorded}" if recorded else "an unrecorded numpy version"
    return (
        f"note: this replay was recorded with {made} and is playing under numpy {running}; "
        "its random stream, and so its hashes, may differ"
    )


@dataclass(frozen=True)
class Verification:
    ok: bool
    final_hash: str
    first_bad_tick: int | None  # the first checked tick whose state differs
    note: str | None = None  # set when the numpy version differs from the recording's


def verify(replay: Replay) -> Verification:
    bad: list[int] = []

    def check(world: World) -> None:
        expected = replay.checkpoints.get(world.tick)
        if not bad and expected is not None and state_hash(world) != expected:
            bad.append(world.tick)

    world = replay.playback(check if replay.checkpoints else None)
    final = state_hash(world)
    if final != replay.final_hash and not bad:
        bad.append(world.tick)
    return Verification(not bad, final, bad[0] if bad else None, replay.numpy_note())
