"""Small helpers for simulation tests: a fresh world and ways to arrange it."""

from __future__ import annotations

from pathlib import Path

from game.levels import load_level
from game.levels.model import Level
from game.sim import Input, Mode, World
from game.sim.types import Phase

__all__ = ["ARENA_ID", "TEST_ARENA", "arena", "go_live", "idle", "node_index", "place", "world"]

TEST_ARENA = Path(__file__).with_name("data") / "test-arena.toml"
ARENA_ID = TEST_ARENA.stem


def arena() -> Level:
    """The tests' own small level: tuning a bundled level never moves these tests."""
    return load_level(str(TEST_ARENA))


def world(
    level: str = str(TEST_ARENA),
    seed: int = 1,
    mode: Mode = Mode.SHOWDOWN,
    duration_s: float | None = None,
) -> World:
    """A fresh world on the test arena, or on a bundled level named by id."""
    return World(load_level(level), seed, mode, duration_s)


def go_live(w: World) -> None:
    """Step through the countdown."""
    while w.phase is Phase.COUNTDOWN:
        w.step()


def node_index(w: World, ident: str) -> int:
    return next(i for i, n in enumerate(w.level.nodes) if n.id == ident)


def place(w: World, seat: int, x: float, y: float) -> None:
    w.players[seat].x, w.players[seat].y = x, y


def idle(w: World, ticks: int, inputs: list[Input] | None = None) -> list:
    events = []
    for _ in range(ticks):
        events += w.step(inputs or [])
    return events
