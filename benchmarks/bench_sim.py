"""How fast the simulation plays a whole match: ticks per second and × real time.

Targets, on one core: a full expo-hall match with four normal bots and the level's
crowd at 400× real time (a 4-minute match in 0.6 s), every level at 300×, and the
rules alone (idle players, no bots) at 800×. They are judged on CPU time, which
other processes on a shared machine do not inflate; wall time is printed beside it.

    python benchmarks/bench_sim.py                 # all levels, 5 seeds each
    python benchmarks/bench_sim.py --level expo-hall --seeds 10
    python benchmarks/bench_sim.py --profile       # where the time goes (pyinstrument)
"""

from __future__ import annotations

import argparse
import statistics
import time

from game.kinds import Difficulty
from game.levels import level_ids, load_level
from game.match import Match
from game.match_config import MatchConfig
from game.sim import Mode, World
from game.sim.types import Input

TARGET_X_REALTIME = {"expo-hall": 400}  # every other level: DEFAULT_TARGET
DEFAULT_TARGET = 300
RULES_TARGET = 800


def time_match(level: str, seed: int) -> tuple[float, float, int]:
    """Wall and CPU seconds of one match, and its ticks (CPU time: a shared machine's
    other processes do not count against it)."""
    match = Match(load_level(level), MatchConfig(level, seed, Mode.SHOWDOWN, Difficulty.NORMAL))
    start, cpu = time.perf_counter(), time.process_time()
    result = match.run()
    return time.perf_counter() - start, time.process_time() - cpu, result.ticks


def time_world_only(level: str, seed: int) -> tuple[float, int]:
    """The rules alone: idle inputs, no bots (how much of the cost is the simulation).

    CPU seconds, like the match's second column."""
    world = World(load_level(level), seed)
    inputs = [Input()] * 4
    start = time.process_time()
    while not world.over:
        world.step(inputs)
    return time.process_time() - start, world.tick


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--level", action="append", help="level id (repeatable)")
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    levels = args.level or level_ids()
    for level in levels:  # warm the per-level caches (flow fields) outside the timing
        Match(load_level(level), MatchConfig(level))
    if args.profile:
        from pyinstrument import Profiler

        with Profiler() as profiler:
            time_match(levels[0], 1)
        print(profiler.output_text(color=False, show_all=False))
        return
    print(f"{'level':<22}{'match s':>9}{'x real':>9}{'x real cpu':>12}{'rules cpu':>11}  verdict")
    for level in levels:
        runs = [time_match(level, seed) for seed in range(1, args.seeds + 1)]
        wall = statistics.median(w for w, _, _ in runs)
        cpu = statistics.median(c for _, c, _ in runs)
        ticks = statistics.median(t for _, _, t in runs)
        rules_cpu, rules_ticks = time_world_only(level, 1)
        realtime = ticks / 30 / cpu
        rules = rules_ticks / 30 / rules_cpu
        target = TARGET_X_REALTIME.get(level, DEFAULT_TARGET)
        short = [f"match below {target}x"] * (realtime < target)
        short += [f"rules below {RULES_TARGET}x"] * (rules < RULES_TARGET)
        print(
            f"{level:<22}{wall:>9.3f}{ticks / 30 / wall:>8.0f}x{realtime:>11.0f}x"
            f"{rules:>10.0f}x  {', '.join(short) or 'ok'}"
        )


if __name__ == "__main__":
    main()
