"""Final state hash and input-log digest of bot matches: a speed-up must not change them.

Run it on two checkouts and diff the output; any difference means a change altered
what the simulation or the bots do, not only how fast.

    python benchmarks/fingerprints.py [--seeds 3] [--seconds 240]
"""

from __future__ import annotations

import argparse
import hashlib

from game.kinds import Difficulty
from game.levels import level_ids, load_level
from game.match import Match
from game.match_config import MatchConfig
from game.sim import Mode, state_hash


def fingerprint(level: str, seed: int, mode: Mode, difficulty: Difficulty, seconds: float) -> str:
    match = Match(
        load_level(level), MatchConfig(level, seed, mode, difficulty, seconds), checkpoints=True
    )
    match.run()
    replay = match.replay()
    trail = repr((replay.inputs, sorted((match.log.checkpoints or {}).items())))
    digest = hashlib.blake2b(trail.encode(), digest_size=8).hexdigest()
    return f"{state_hash(match.world)} inputs+checkpoints {digest} ticks {match.world.tick}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=None)
    args = parser.parse_args()
    for level in level_ids():
        for seed in range(1, args.seeds + 1):
            for mode, difficulty in (
                (Mode.SHOWDOWN, Difficulty.NORMAL),
                (Mode.ALLIANCE, Difficulty.HARD),
                (Mode.SHOWDOWN, Difficulty.EASY),
            ):
                fp = fingerprint(level, seed, mode, difficulty, args.seconds)
                print(f"{level} {seed} {mode.name} {difficulty.name}: {fp}", flush=True)


if __name__ == "__main__":
    main()
