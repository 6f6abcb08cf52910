"""The sacred property: same level, seed and inputs give the same state hash."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections import deque
from pathlib import Path

import numpy as np
import pytest
from simkit import ARENA_ID, TEST_ARENA, arena

from game.kinds import Difficulty
from game.levels.model import SOLID_TILES, Level
from game.match import Match
from game.match_config import MatchConfig
from game.replay import Replay, numpy_note, verify
from game.sim import CHARACTER_IDS, Mode, NodeKind, World

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).with_name("golden")
FORBIDDEN = {
    "time",
    "random",
    "asyncio",
    "socket",
    "pygame",
    "datetime",
    "os",
    "websockets",
    "threading",
    "secrets",
    "uuid",
}


GOLDEN_STEMS = {
    "expo-hall-showdown-7",
    "neosmiles-debate-alliance-3",
    "vr-demo-day-showdown-12",
    "test-arena-showdown-7",
}


def short_match(seed: int, mode: Mode = Mode.SHOWDOWN) -> Match:
    return Match(
        arena(), MatchConfig(ARENA_ID, seed, mode, Difficulty.NORMAL, 40), checkpoints=True
    )


def test_same_seed_twice_in_one_process_gives_the_same_hash() -> None:
    a = short_match(11).run()
    b = short_match(11).run()
    assert a.state_hash == b.state_hash
    assert a.favour == b.favour


def test_different_seeds_give_different_matches() -> None:
    assert short_match(1).run().state_hash != short_match(2).run().state_hash


@pytest.mark.slow
def test_same_seed_in_another_process_gives_the_same_hash() -> None:
    here = short_match(5).run().state_hash
    out = subprocess.run(
        [
            *(sys.executable, "-m", "game.cli", "sim", "--level", str(TEST_ARENA)),
            *("--seed", "5", "--duration", "40", "--json"),
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert json.loads(out.stdout)["state_hash"] == here


def test_replay_re_simulates_to_the_recorded_hash(tmp_path: Path) -> None:
    match = short_match(3, Mode.ALLIANCE)
    result = match.run()
    path = tmp_path / "m.replay"
    match.replay().save(path)
    check = verify(Replay.load(path))
    assert check.ok
    assert check.final_hash == result.state_hash


def test_tampered_replay_reports_the_first_tick_that_differs(tmp_path: Path) -> None:
    match = short_match(4)
    match.run()
    replay = match.replay()
    tick, seat, _ = replay.inputs[len(replay.inputs) // 2]
    replay.inputs[len(replay.inputs) // 2] = (tick, seat, 0x7F7F | 1 << 16)  # hard right + patch
    check = verify(replay)
    assert not check.ok
    assert check.first_bad_tick is not None
    assert tick < check.first_bad_tick <= tick + 10


@pytest.mark.parametrize("golden", sorted(GOLDEN.glob("*.replay")), ids=lambda p: p.stem)
def test_golden_replay_still_reaches_its_recorded_hash(golden: Path) -> None:
    expected = json.loads(golden.with_suffix(".json").read_text())
    replay = Replay.load(golden)
    assert replay.final_hash == expected["final_hash"]
    assert replay.numpy_version == expected["numpy"]
    check = verify(replay)
    assert check.ok, "the simulation changed: regenerate with tools/make_golden.py"


def test_the_golden_set_is_complete() -> None:
    assert {p.stem for p in GOLDEN.glob("*.replay")} == GOLDEN_STEMS
    assert {p.stem for p in GOLDEN.glob("*.json")} == GOLDEN_STEMS


def _reachable(level: Level, start: tuple[float, float]) -> set[tuple[int, int]]:
    """Tiles a player can walk to from ``start``, by a plain flood fill over the map."""
    first = (int(start[0]), int(start[1]))
    seen, todo = {first}, deque([first])
    while todo:
        x, y = todo.popleft()
        for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
            inside = 0 <= nx < level.width and 0 <= ny < level.height
            if inside and (nx, ny) not in seen and level.tiles[ny][nx] not in SOLID_TILES:
                seen.add((nx, ny))
                todo.append((nx, ny))
    return seen


def _played(golden: Path) -> tuple[Replay, World, dict]:  # type: ignore[type-arg]
    replay = Replay.load(golden)
    return replay, replay.playback(), json.loads(golden.with_suffix(".json").read_text())


@pytest.mark.parametrize("golden", sorted(GOLDEN.glob("*.replay")), ids=lambda p: p.stem)
def test_golden_replay_means_what_the_rules_say(golden: Path) -> None:
    """Checks of meaning from outside the simulation, beside each golden hash."""
    replay, world, meta = _played(golden)
    level = world.level
    # Every spawn can walk next to the vault (a node tile is solid; its neighbours are not).
    for vault in (n for n in level.nodes if n.kind is NodeKind.VAULT):
        beside = {(vault.x + dx, vault.y + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)}
        for spawn in level.spawns:
            assert beside & _reachable(level, spawn), (level.id, spawn)
    assert any(n.kind is NodeKind.VAULT for n in level.nodes)
    # The match ended the way, and when, the recording says.
    assert world.over and world.tick == meta["ticks"] == replay.ticks
    assert world.outcome is not None and world.outcome.id == meta["outcome"]
    limit = world.countdown_ticks + world.duration_ticks
    assert (world.tick == limit) == (meta["outcome"] == "timeout")
    # Scores: a character's score is the column sum of the visitors' favour shares.
    fav = world.crowd.favour
    assert (fav >= 0).all()
    totals = {c: round(float(fav[:, i].sum()), 2) for i, c in enumerate(CHARACTER_IDS)}
    assert totals == meta["favour"]
    assert sum(totals.values()) > 0
    if replay.config.mode is Mode.SHOWDOWN and meta["outcome"] != "breach":
        assert meta["winner"] == CHARACTER_IDS[int(np.argmax(fav.sum(axis=0)))]
        assert meta["stars"] is None
    if replay.config.mode is Mode.ALLIANCE:
        # Alliance rating: won when the glitch is gone; one star, one more for a leak
        # under 25%, one more for a crowd whose mean trust is at least one half.
        won = world.outcome.id != "breach" and not world.systems.infected.any()
        trust = float(fav.sum()) / world.crowd.count
        stars = 1 + int(world.leak < 0.25) + int(trust >= 0.5) if won else 0
        assert meta["winner"] is None and meta["stars"] == stars


# Presence gains are capped at a visitor's undecided share and then scaled by the
# underdog multiplier (up to 1.5), so a row can end above 1 (crowd.py, _presence).
_OVER_ONE = pytest.mark.xfail(strict=True, reason="presence gains scaled after their cap")


@pytest.mark.parametrize(
    "golden",
    [
        pytest.param(p, marks=_OVER_ONE) if p.stem.startswith("test-arena") else p
        for p in sorted(GOLDEN.glob("*.replay"))
    ],
    ids=lambda p: p.stem,
)
def test_no_visitor_gives_out_more_than_all_their_favour(golden: Path) -> None:
    """The crowd's rule: each visitor's favour row sums to at most 1 (the rest undecided),
    so all the characters' scores together never exceed the crowd's size."""
    _, world, _ = _played(golden)
    rows = world.crowd.favour.sum(axis=1)
    assert rows.max() <= 1 + 1e-9
    assert rows.sum() <= world.crowd.count


def test_the_small_arena_golden_match_is_contained_before_time_runs_out() -> None:
    _, world, meta = _played(GOLDEN / "test-arena-showdown-7.replay")
    assert meta["outcome"] == "contained"
    assert not world.systems.infected.any() and world.leak < 1.0
    assert world.tick < world.countdown_ticks + world.duration_ticks


def test_a_replay_recorded_under_another_numpy_says_so_and_still_verifies() -> None:
    match = short_match(6)
    match.run()
    replay = match.replay()
    assert replay.numpy_version == np.__version__
    assert verify(replay).note is None
    replay.numpy_version = "1.26.4"
    check = verify(replay)
    assert check.ok
    assert check.note is not None and "numpy 1.26.4" in check.note
    assert "\n" not in check.note


def test_a_replay_without_a_recorded_numpy_version_says_so() -> None:
    note = numpy_note(None, "2.1.0")
    assert note is not None and "unrecorded numpy version" in note and "2.1.0" in note
    assert numpy_note("2.1.0", "2.1.0") is None


def test_simulation_imports_no_clock_io_or_global_random() -> None:
    offenders = []
    for path in (ROOT / "game" / "sim").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module.split(".")[0]]
            offenders += [f"{path.name}: {n}" for n in names if n in FORBIDDEN]
    assert offenders == []
