"""Regenerate the golden replays in tests/golden/ after a deliberate rules change.

Each golden replay is a short bot match; its final state hash is the "perft count"
the determinism tests check the simulation against. Next to each hash the .json
records what the match meant (outcome, length, scores, numpy version), which the
tests check against the rules from outside the simulation.

    python tools/make_golden.py
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from game.kinds import Difficulty
from game.levels import load_level
from game.match import Match
from game.match_config import MatchConfig
from game.sim import Mode

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
TEST_ARENA = str(ROOT / "tests" / "data" / "test-arena.toml")
# (level, seed, mode, difficulty, duration_s): None plays the level's full length.
CASES = [
    ("expo-hall", 7, Mode.SHOWDOWN, Difficulty.NORMAL, 45.0),
    ("neosmiles-debate", 3, Mode.ALLIANCE, Difficulty.HARD, 45.0),
    ("vr-demo-day", 12, Mode.SHOWDOWN, Difficulty.EASY, 45.0),
    (TEST_ARENA, 7, Mode.SHOWDOWN, Difficulty.NORMAL, None),
]


def main() -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for ident, seed, mode, difficulty, duration in CASES:
        level = load_level(ident)
        match = Match(
            level, MatchConfig(level.id, seed, mode, difficulty, duration), checkpoints=True
        )
        result = match.run()
        stem = f"{level.id}-{mode.id}-{seed}"
        match.replay().save(GOLDEN / f"{stem}.replay")
        meta = {
            "final_hash": result.state_hash,
            "ticks": result.ticks,
            "outcome": result.outcome,
            "winner": result.winner,
            "stars": result.stars,
            "favour": result.favour,
            "numpy": np.__version__,
        }
        (GOLDEN / f"{stem}.json").write_text(json.dumps(meta, indent=2) + "\n")
        print(f"{stem}: {result.state_hash} {result.outcome} after {result.ticks} ticks")


if __name__ == "__main__":
    main()
