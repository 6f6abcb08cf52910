"""docs/LEVELS.md documents every rule key with its current default."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

from game.levels.model import CharacterRules, CrowdRules, GlitchRules, MatchRules, PatchRules

ROOT = Path(__file__).resolve().parents[1]


def test_every_rule_key_is_documented() -> None:
    doc = (ROOT / "docs" / "LEVELS.md").read_text()
    missing = [
        f.name
        for cls in (MatchRules, GlitchRules, CrowdRules, PatchRules, CharacterRules)
        for f in dataclasses.fields(cls)
        if f"| `{f.name}` |" not in doc
    ]
    assert missing == []


def test_documented_defaults_match_levels_defaults_toml() -> None:
    check = subprocess.run(
        [sys.executable, "tools/sync_levels_doc.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout
