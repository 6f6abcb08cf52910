"""Regenerate the golden replays in tests/golden/ after a deliberate rules change.

Each golden replay is a short bot match; its final state hash is the "perft count"
the determinism tests check the simulation against.

    python tools/make_golden.py
"""

from __future__ import annotations

import json
from pathlib import Path

from game.kinds import Difficulty
from game.levels import load_level
from game.match import Match
from game.sim import Mode

GOLDEN = Path(__file__).resolve().parents[1] / "tests" / "golden"
CASES = [
    ("expo-hall", 7, Mode.SHOWDOWN, Difficulty.NORMAL),
    ("neosmiles-debate", 3, Mode.ALLIANCE, Difficulty.HARD),
    ("vr-demo-day", 12, Mode.SHOWDOWN, Difficulty.EASY),
]


def main() -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for level, seed, mode, difficulty in CASES:
        match = Match(load_level(level), seed, mode, difficulty, duration_s=45, checkpoints=True)
        result = match.run()
        stem = f"{level}-{mode.id}-{seed}"
        match.replay().save(GOLDEN / f"{stem}.replay")
        meta = {"final_hash": result.state_hash, "ticks": result.ticks, "outcome": result.outcome}
        (GOLDEN / f"{stem}.json").write_text(json.dumps(meta, indent=2) + "\n")
        print(f"{stem}: {result.state_hash}")


if __name__ == "__main__":
    main()
