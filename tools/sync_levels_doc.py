"""Keep docs/LEVELS.md's rule tables true: rewrite each `default` cell from levels/defaults.toml.

    python tools/sync_levels_doc.py          # rewrite in place
    python tools/sync_levels_doc.py --check  # exit 1 if the doc is out of date

tests/test_levels_doc.py runs the check, so a tuning change that forgets the doc fails CI.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

from game.levels.catalog import defaults_text

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "LEVELS.md"
HEADING = re.compile(r"^### `\[(\w+)[^\]]*\]")
ROW = re.compile(r"^\| `(\w+)` \| ([^|]*) \| ([^|]*) \| ([^|]*) \|(.*)$")


def synced(doc: str, rules: dict) -> str:
    section: dict = {}
    out = []
    for line in doc.splitlines():
        heading = HEADING.match(line)
        if heading:
            name = heading.group(1)
            section = rules["characters"]["all"] if name == "characters" else rules.get(name, {})
        row = ROW.match(line)
        if row and row.group(1) in section:
            key, unit, rng, _, rest = row.groups()
            line = f"| `{key}` | {unit} | {rng} | {section[key]} |{rest}"
        out.append(line)
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    rules = tomllib.loads(defaults_text())
    doc = DOC.read_text()
    new = synced(doc, rules)
    if "--check" in argv:
        if new != doc:
            print("docs/LEVELS.md is out of date: run python tools/sync_levels_doc.py")
            return 1
        return 0
    DOC.write_text(new)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
