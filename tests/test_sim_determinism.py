"""The sacred property: same level, seed and inputs give the same state hash."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.kinds import Difficulty
from game.levels import load_level
from game.match import Match
from game.replay import Replay, verify
from game.sim import Mode

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


def short_match(seed: int, level: str = "expo-hall", mode: Mode = Mode.SHOWDOWN) -> Match:
    return Match(load_level(level), seed, mode, Difficulty.NORMAL, duration_s=40, checkpoints=True)


def test_same_seed_twice_in_one_process_gives_the_same_hash() -> None:
    a = short_match(11).run()
    b = short_match(11).run()
    assert a.state_hash == b.state_hash
    assert a.favour == b.favour


def test_different_seeds_give_different_matches() -> None:
    assert short_match(1).run().state_hash != short_match(2).run().state_hash


def test_same_seed_in_another_process_gives_the_same_hash() -> None:
    here = short_match(5).run().state_hash
    out = subprocess.run(
        [sys.executable, "-m", "game.cli", "sim", "--seed", "5", "--duration", "40", "--json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert json.loads(out.stdout)["state_hash"] == here


def test_replay_re_simulates_to_the_recorded_hash(tmp_path: Path) -> None:
    match = short_match(3, "vr-demo-day", Mode.ALLIANCE)
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
    assert verify(replay).ok, "the simulation changed: regenerate with tools/make_golden.py"


def test_golden_replays_exist() -> None:
    assert len(list(GOLDEN.glob("*.replay"))) >= 2


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
