"""The headless commands: ``sim`` (bot matches), ``replay --verify`` and ``levels``."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TextIO

from game.levels import LevelError, level_ids, load_level, load_level_file
from game.levels.catalog import defaults, named_after_file
from game.match import Match
from game.match_config import MatchConfig
from game.replay import Replay, ReplayError, verify
from game.sim import CHARACTER_IDS, CHARACTER_NAMES

__all__ = ["SimJob", "cmd_levels", "cmd_replay_verify", "cmd_sim", "run_job", "throughput"]


@dataclass(frozen=True)
class SimJob:
    """One headless match; ``config.level`` is the level as ``--level`` names it (an id or
    a level file), replaced by the loaded level's id when the match starts."""

    config: MatchConfig
    record: str | None = None


def run_job(job: SimJob) -> dict[str, Any]:
    """Play one bot match and return its ``sim --json`` record."""
    level = load_level(job.config.level)
    start = time.perf_counter()
    config = replace(job.config, level=level.id)
    match = Match(level, config, checkpoints=job.record is not None)
    result = match.run()
    wall = time.perf_counter() - start
    if job.record:
        match.replay().save(Path(job.record))
    out = result.to_json()
    out["difficulty"] = config.difficulty.id
    out["wall_s"] = round(wall, 4)
    out["alliance_won"] = result.alliance_won
    return out


def _results(jobs: list[SimJob], workers: int) -> Iterator[dict[str, Any]]:
    """Each match in order; with several workers, one match at a time to each.

    A match takes about a second, so handing them out singly costs nothing and keeps
    every worker busy to the end (batches of four left cores idle on the last batch).
    """
    workers = min(workers, len(jobs))
    if workers <= 1:
        yield from map(run_job, jobs)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(run_job, jobs, chunksize=1)


def _progress(done: int, total: int, out: TextIO) -> None:
    width = 30
    filled = width * done // total
    out.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} matches")
    out.write("\n" if done == total else "")
    out.flush()


def cmd_sim(jobs: list[SimJob], as_json: bool, workers: int, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    records = []
    show_progress = len(jobs) > 1 and not as_json
    start = time.perf_counter()
    for i, record in enumerate(_results(jobs, workers), 1):
        if as_json:
            out.write(json.dumps(record, separators=(",", ":")) + "\n")
            out.flush()
        records.append(record)
        if show_progress:
            _progress(i, len(jobs), sys.stderr)
    elapsed = time.perf_counter() - start
    if not as_json:
        title = load_level(
            jobs[0].config.level
        ).title  # also a level file's, not only a bundled one's
        out.write(match_table(records[0], title) if len(records) == 1 else summary_table(records))
    if len(records) > 1:
        # With --json this goes to stderr, so stdout stays one JSON object per line.
        (sys.stderr if as_json else out).write(throughput(len(records), elapsed, workers) + "\n")
    return 0


def throughput(matches: int, elapsed_s: float, workers: int) -> str:
    """The run's speed: what ``--jobs`` buys on this machine."""
    jobs = min(workers, matches)
    per_minute = matches / max(elapsed_s, 1e-9) * 60.0
    return (
        f"{matches} matches in {elapsed_s:.1f} s with {jobs} job(s): "
        f"{per_minute:.1f} games per minute"
    )


def _clock(ticks: int, rate: int = 30) -> str:
    seconds = ticks // rate
    return f"{seconds // 60}:{seconds % 60:02d}"


def match_table(r: dict[str, Any], title: str) -> str:
    lines = [f"{title} - {r['mode']} - {r['difficulty']} - seed {r['seed']}"]
    if r["mode"] == "alliance":
        verdict = f"{r['stars']} star(s)" if r["alliance_won"] else "the glitch won (0 stars)"
    else:
        verdict = (
            f"winner {CHARACTER_NAMES[CHARACTER_IDS.index(r['winner'])]}"
            if r["winner"]
            else "no winner"
        )
    lines.append(
        f"Outcome: {r['outcome']} after {_clock(r['ticks'])} ({r['ticks']} ticks), "
        f"leak {r['leak'] * 100:.0f}%, {verdict}"
    )
    lines.append("")
    lines.append(f"{'Character':<18}{'Favour':>8}{'Patches':>9}{'Abilities':>11}{'Actions':>9}")
    for p in r["players"]:
        name = CHARACTER_NAMES[CHARACTER_IDS.index(p["character"])]
        lines.append(
            f"{name:<18}{p['favour']:>8.1f}{p['patches']:>9}{p['abilities']:>11}{p['actions']:>9}"
        )
    lines.append("")
    lines.append(f"state hash {r['state_hash']}, wall time {r['wall_s']:.2f} s")
    return "\n".join(lines) + "\n"


def summary_table(records: list[dict[str, Any]]) -> str:
    n = len(records)
    first = records[0]
    lines = [f"{n} matches - {first['level']} - {first['mode']} - {first['difficulty']}"]
    outcomes = {
        k: sum(r["outcome"] == k for r in records) for k in ("timeout", "contained", "breach")
    }
    lines.append("Outcomes: " + ", ".join(f"{k} {v} ({v / n:.0%})" for k, v in outcomes.items()))
    lines.append(
        f"Mean leak {sum(r['leak'] for r in records) / n:.1%}, "
        f"mean wall time {sum(r['wall_s'] for r in records) / n:.2f} s"
    )
    if first["mode"] == "alliance":
        won = sum(bool(r["alliance_won"]) for r in records)
        stars = sum(r["stars"] or 0 for r in records) / n
        lines.append(f"Alliance won {won}/{n} ({won / n:.0%}), mean stars {stars:.2f}")
    lines.append("")
    lines.append(f"{'Character':<18}{'Wins':>6}{'Win rate':>10}{'Mean favour':>13}{'Patches':>9}")
    for i, cid in enumerate(CHARACTER_IDS):
        wins = sum(r["winner"] == cid for r in records)
        favour = sum(r["favour"][cid] for r in records) / n
        patches = sum(r["players"][i]["patches"] for r in records) / n
        lines.append(
            f"{CHARACTER_NAMES[i]:<18}{wins:>6}{wins / n:>10.1%}{favour:>13.1f}{patches:>9.1f}"
        )
    return "\n".join(lines) + "\n"


def cmd_replay_verify(path: str, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    try:
        replay = Replay.load(Path(path))
    except ReplayError as exc:
        raise SystemExit(f"expo-showdown: error: {exc}") from None
    return report_verification(replay, out)


def report_verification(replay: Replay, out: TextIO) -> int:
    try:
        check = verify(replay)
    except ReplayError as exc:
        raise SystemExit(f"expo-showdown: error: {exc}") from None
    if check.note:
        out.write(check.note + "\n")
    if check.ok:
        out.write(f"ok: {replay.ticks} ticks re-simulated, final state hash {check.final_hash}\n")
        return 0
    out.write(
        f"MISMATCH: state differs first at tick {check.first_bad_tick} "
        f"(final hash {check.final_hash}, recorded {replay.final_hash})\n"
    )
    return 1


def cmd_levels(check: str | None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    if check:
        try:
            level = load_level_file(Path(check), defaults())
            named_after_file(level, Path(check))
        except LevelError as exc:
            for problem in exc.problems:
                where = f"{problem.path}: " if problem.path else ""
                out.write(f"{check}: {where}{problem.message}\n")
            out.write(f"{len(exc.problems)} problem(s)\n")
            return 1
        out.write(
            f"{check}: ok ({level.title}, {level.width}x{level.height}, "
            f"{len(level.nodes)} systems, crowd {level.rules.crowd.count})\n"
        )
        return 0
    out.write(f"{'id':<22}{'title':<22}{'size':>7}{'crowd':>7}{'duration':>10}  story\n")
    for ident in level_ids():
        try:
            lv = load_level(ident)
        except LevelError as exc:
            out.write(f"{ident:<22}BROKEN: {str(exc).splitlines()[0]}\n")
            continue
        size = f"{lv.width}x{lv.height}"
        out.write(
            f"{lv.id:<22}{lv.title:<22}{size:>7}{lv.rules.crowd.count:>7}"
            f"{_clock(int(lv.duration_s * 30)):>10}  {lv.story}\n"
        )
    return 0


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))
