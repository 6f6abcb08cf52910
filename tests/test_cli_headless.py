"""The headless commands a user types: sim, replay --verify, levels, and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.data import level_files

ROOT = Path(__file__).resolve().parents[1]
REQUIRED = {
    "level",
    "seed",
    "mode",
    "difficulty",
    "winner",
    "favour",
    "leak",
    "outcome",
    "stars",
    "ticks",
    "state_hash",
    "wall_s",
}


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_sim_prints_a_readable_result_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sim", "--level", "expo-hall", "--seed", "7", "--duration", "30"]) == 0
    out = capsys.readouterr().out
    assert "Expo Hall" in out and "Outcome:" in out and "leak" in out
    for name in ("Dr. Leila Kiran", "Max", "Dr. Milena Voss", "Jenna"):
        assert name in out
    assert "Patches" in out and "wall time" in out


def test_sim_json_prints_one_object_per_match(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sim", "--games", "2", "--duration", "30", "--json", "--mode", "alliance"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    records = [json.loads(line) for line in lines]
    assert set(records[0]) >= REQUIRED
    assert set(records[0]["favour"]) == {"kiran", "max", "voss", "jenna"}
    assert [r["seed"] for r in records] == [1, 2]
    assert records[0]["winner"] is None and isinstance(records[0]["stars"], int)


def test_sim_games_summarises_win_rates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sim", "--games", "3", "--duration", "30", "--difficulty", "easy"]) == 0
    captured = capsys.readouterr()
    assert "3 matches" in captured.out and "Win rate" in captured.out
    assert "3/3 matches" in captured.err, "a progress bar on stderr"


def test_sim_with_two_jobs_gives_the_same_matches_and_reports_games_per_minute(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["sim", "--games", "3", "--duration", "30", "--json"]
    assert main(args) == 0
    alone = capsys.readouterr()
    assert main([*args, "--jobs", "2"]) == 0
    pooled = capsys.readouterr()
    hashes = [
        [json.loads(line)["state_hash"] for line in c.out.splitlines()] for c in (alone, pooled)
    ]
    assert hashes[0] == hashes[1] and len(hashes[0]) == 3, "same matches, in seed order"
    assert "with 2 job(s)" in pooled.err and "games per minute" in pooled.err
    assert "with 1 job(s)" in alone.err


@pytest.mark.slow
def test_recorded_replay_verifies_and_a_tampered_one_fails(tmp_path: Path) -> None:
    path = tmp_path / "match.replay"
    assert main(["sim", "--seed", "4", "--duration", "30", "--record", str(path)]) == 0
    ok = run_cli("replay", str(path), "--verify")
    assert ok.returncode == 0 and "ok:" in ok.stdout
    from game.replay import Replay

    replay = Replay.load(path)
    replay.final_hash = "0" * 16
    replay.checkpoints = {}
    replay.save(path)
    bad = run_cli("replay", str(path), "--verify")
    assert bad.returncode == 1 and "MISMATCH" in bad.stdout and "tick" in bad.stdout


@pytest.mark.slow
def test_verifying_under_another_numpy_says_so_in_one_line_and_still_reports(
    tmp_path: Path,
) -> None:
    from game.replay import Replay

    path = tmp_path / "match.replay"
    assert main(["sim", "--seed", "4", "--duration", "30", "--record", str(path)]) == 0
    replay = Replay.load(path)
    replay.numpy_version = "1.26.4"
    replay.save(path)
    out = run_cli("replay", str(path), "--verify")
    lines = out.stdout.splitlines()
    assert out.returncode == 0 and out.stderr == ""
    assert len(lines) == 2 and "numpy 1.26.4" in lines[0] and lines[1].startswith("ok:")


def test_levels_lists_the_five_levels(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["levels"]) == 0
    out = capsys.readouterr().out
    for ident in (
        "expo-hall",
        "preserve-dental",
        "neosmiles-debate",
        "conference-showdown",
        "vr-demo-day",
    ):
        assert ident in out
    assert "crowd" in out and "story" in out


def test_levels_check_reports_every_problem_with_its_key_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (level_files() / "expo-hall.toml").read_text(encoding="utf-8")
    bad = text.replace('kind = "vault"', 'kind = "toaster"').replace("count", "cuont")
    bad = bad.replace("pos = [19, 1]", "pos = [0, 0]")
    path = tmp_path / "bad.toml"
    path.write_text(bad)
    assert main(["levels", "--check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "nodes[11].kind: unknown kind 'toaster'" in out
    assert "nodes[0].pos" in out
    assert "problem(s)" in out


def test_levels_check_accepts_a_good_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["levels", "--check", str(level_files() / "vr-demo-day.toml")]) == 0
    assert "ok" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args",
    [
        ["sim", "--level", "moon-base"],
        ["sim", "--mode", "deathmatch"],
        ["sim", "--difficulty", "nightmare"],
        ["sim", "--games", "lots"],
        ["sim", "--seed", "-3"],
        ["solo", "--as", "dracula"],
        ["sim", "--frobnicate"],
        ["teleport"],
    ],
)
def test_bad_command_lines_get_one_line_and_exit_2(args: list[str]) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "error" in result.stderr


def test_a_broken_replay_file_gets_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "junk.replay"
    path.write_bytes(b"\x1f\x8bnot really gzip")
    result = run_cli("replay", str(path), "--verify")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "not a replay file" in result.stderr
