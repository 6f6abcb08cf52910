"""Load a level file (TOML) into a validated :class:`Level`.

Every problem is collected, not just the first, so a level author sees them all;
each one names the file, the key path and what is wrong.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections import deque
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from game.kinds import CHARACTER_IDS, EventKind, NodeKind
from game.levels.model import (
    MAP_MAX,
    MAP_MIN,
    SCRIPTED_KINDS,
    SOLID_TILES,
    SPAWN_CHARS,
    TILE_CHARS,
    CharacterRules,
    CrowdRules,
    GlitchRules,
    Level,
    MatchRules,
    NodeSpec,
    PatchRules,
    Poi,
    PoiKind,
    Rules,
    ScriptedEvent,
    Tile,
)

__all__ = ["LevelError", "Problem", "load_level_file", "merge_tables", "parse_level"]

LEVEL_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
RULE_SECTIONS: dict[str, type] = {
    "match": MatchRules,
    "glitch": GlitchRules,
    "crowd": CrowdRules,
    "patch": PatchRules,
}
TOP_KEYS = {
    "id",
    "title",
    "story",
    "description",
    "duration_s",
    "map",
    "nodes",
    "links",
    "seed_nodes",
    "pois",
    "events",
    "characters",
    *RULE_SECTIONS,
}


@dataclass(frozen=True)
class Problem:
    path: str
    message: str


class LevelError(ValueError):
    """A level file that cannot be played; ``problems`` lists every reason."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        lines = [
            f"{file}: {p.path}: {p.message}" if p.path else f"{file}: {p.message}" for p in problems
        ]
        super().__init__("\n".join(lines))


def load_level_file(path: Path | Traversable, defaults: dict[str, Any] | None = None) -> Level:
    """Read, merge over the defaults and validate one level file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LevelError(str(path), [Problem("", f"cannot read the file: {exc}")]) from None
    return parse_level(text, str(path), defaults)


def parse_level(text: str, file: str = "<level>", defaults: dict[str, Any] | None = None) -> Level:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LevelError(file, [Problem("", f"not valid TOML: {exc}")]) from None
    checker = _Checker(data, defaults or {}, text)
    level = checker.build()
    if checker.problems or level is None:
        raise LevelError(file, checker.problems)
    return level


def merge_tables(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge_tables(out[key], value)
        else:
            out[key] = value
    return out


class _Checker:
    def __init__(self, data: dict[str, Any], defaults: dict[str, Any], text: str) -> None:
        self.raw = data
        self.data = merge_tables(defaults, data)
        self.text = text
        self.problems: list[Problem] = []
        self.node_index: dict[str, int] = {}

    def fail(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    # -- scalar helpers -------------------------------------------------
    def get(
        self,
        table: dict[str, Any],
        key: str,
        path: str,
        kind: type,
        default: Any = None,
        required: bool = True,
    ) -> Any:
        full = f"{path}.{key}" if path else key
        if key not in table:
            if required:
                self.fail(full, "missing")
            return default
        value = table[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.fail(full, f"expected {kind.__name__}, got {type(value).__name__} {value!r}")
            return default
        return value

    def number(
        self,
        table: dict[str, Any],
        key: str,
        path: str,
        low: float,
        high: float,
        kind: type = float,
        required: bool = True,
        default: float = 0.0,
    ) -> float:
        value = self.get(table, key, path, kind, None, required)
        if value is None:
            return default
        if not low <= value <= high:
            self.fail(f"{path}.{key}" if path else key, f"{value} is outside {low}..{high}")
            return default
        return value

    def unknown(self, table: dict[str, Any], allowed: set[str], path: str) -> None:
        for key in table:
            if key not in allowed:
                self.fail(f"{path}.{key}" if path else key, "unknown key")

    def table(self, key: str) -> dict[str, Any]:
        value = self.data.get(key, {})
        if not isinstance(value, dict):
            self.fail(key, f"expected a table, got {type(value).__name__}")
            return {}
        return value

    # -- sections -------------------------------------------------------
    def rules_section(self, cls: type, table: dict[str, Any], path: str) -> Any:
        fields = {f.name: f for f in dataclasses.fields(cls)}
        self.unknown(table, set(fields), path)
        values = {}
        for name, spec in fields.items():
            kind = int if spec.type in ("int", int) else float
            meta = spec.metadata
            values[name] = self.number(
                table, name, path, meta["min"], meta["max"], kind, default=meta["min"]
            )
        return cls(**values)

    def rules(self) -> Rules:
        sections = {
            name: self.rules_section(cls, self.table(name), name)
            for name, cls in RULE_SECTIONS.items()
        }
        chars = self.table("characters")
        self.unknown(chars, {"all", *CHARACTER_IDS}, "characters")
        base = chars.get("all", {})
        per = []
        for ident in CHARACTER_IDS:
            own = chars.get(ident, {})
            if not isinstance(own, dict) or not isinstance(base, dict):
                self.fail(f"characters.{ident}", "expected a table")
                own = {}
            merged = {**(base if isinstance(base, dict) else {}), **own}
            per.append(self.rules_section(CharacterRules, merged, f"characters.{ident}"))
        if sections["crowd"].dwell_min_s > sections["crowd"].dwell_max_s:
            self.fail("crowd.dwell_min_s", "must not exceed crowd.dwell_max_s")
        return Rules(characters=tuple(per), **sections)  # type: ignore[arg-type]

    def grid(self) -> tuple[list[list[int]], list[tuple[float, float]], int, int]:
        table = self.table("map")
        self.unknown(table, {"rows"}, "map")
        rows = self.get(table, "rows", "map", list, [])
        if not rows or not all(isinstance(r, str) for r in rows):
            if rows:
                self.fail("map.rows", "expected a list of strings")
            return [], [], 0, 0
        width, height = len(rows[0]), len(rows)
        (min_w, min_h), (max_w, max_h) = MAP_MIN, MAP_MAX
        if not (min_w <= width <= max_w and min_h <= height <= max_h):
            limits = f"{min_w}x{min_h}..{max_w}x{max_h}"
            self.fail("map.rows", f"size {width}x{height} is outside {limits}")
        tiles: list[list[int]] = []
        spawns: dict[str, tuple[float, float]] = {}
        for y, row in enumerate(rows):
            if len(row) != width:
                self.fail(f"map.rows[{y}]", f"has {len(row)} columns, expected {width}")
            line = []
            for x, ch in enumerate(row.ljust(width, "#")[:width]):
                if ch in SPAWN_CHARS:
                    if ch in spawns:
                        self.fail(f"map.rows[{y}]", f"spawn {ch} appears twice")
                    spawns[ch] = (x + 0.5, y + 0.5)
                    line.append(int(Tile.FLOOR))
                elif ch in TILE_CHARS:
                    line.append(int(TILE_CHARS[ch]))
                else:
                    self.fail(f"map.rows[{y}][{x}]", f"unknown tile {ch!r}")
                    line.append(int(Tile.WALL))
            tiles.append(line)
        missing = [c for c in SPAWN_CHARS if c not in spawns]
        if missing:
            self.fail("map.rows", f"missing player spawn(s) {', '.join(missing)}")
        return tiles, [spawns.get(c, (1.5, 1.5)) for c in SPAWN_CHARS], width, height

    def pos(
        self, table: dict[str, Any], path: str, width: int, height: int, kind: type = int
    ) -> tuple[Any, Any]:
        value = table.get("pos")
        ok = (
            isinstance(value, list)
            and len(value) == 2
            and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
        )
        if (
            not ok
            or not isinstance(value, list)
            or (kind is int and not all(isinstance(v, int) for v in value))
        ):
            self.fail(f"{path}.pos", f"expected [x, y] as {kind.__name__}s, got {value!r}")
            return kind(0), kind(0)
        x, y = value
        if not (0 <= x < width and 0 <= y < height):
            self.fail(f"{path}.pos", f"{value} is outside the {width}x{height} map")
        return kind(x), kind(y)

    def array(self, key: str) -> list[Any]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.fail(key, "expected an array of tables ([[...]])")
            return []
        return value

    def nodes(self, tiles: list[list[int]], w: int, h: int) -> list[NodeSpec]:
        out: list[NodeSpec] = []
        kinds = {k.id: k for k in NodeKind}
        for i, table in enumerate(self.array("nodes")):
            path = f"nodes[{i}]"
            self.unknown(table, {"id", "kind", "pos", "owner", "name"}, path)
            ident = self.get(table, "id", path, str, f"node{i}")
            if ident in self.node_index:
                self.fail(f"{path}.id", f"duplicate node id {ident!r}")
            kind_id = self.get(table, "kind", path, str, "kiosk")
            if kind_id not in kinds:
                self.fail(
                    f"{path}.kind", f"unknown kind {kind_id!r} (choose from {', '.join(kinds)})"
                )
                kind_id = "kiosk"
            owner_id = self.get(table, "owner", path, str, None, required=False)
            if owner_id is not None and owner_id not in CHARACTER_IDS:
                self.fail(f"{path}.owner", f"unknown character {owner_id!r}")
                owner_id = None
            x, y = self.pos(table, path, w, h)
            if tiles and 0 <= x < w and 0 <= y < h:
                if tiles[y][x] in SOLID_TILES:
                    self.fail(f"{path}.pos", f"{[x, y]} is on a wall, booth or another node")
                tiles[y][x] = int(Tile.NODE)
            name = self.get(table, "name", path, str, ident, required=False)
            self.node_index[ident] = len(out)
            owner = CHARACTER_IDS.index(owner_id) if owner_id else -1
            out.append(NodeSpec(ident, kinds[kind_id], x, y, owner, name))
        if not out:
            self.fail("nodes", "a level needs at least one system")
        if not any(n.kind is NodeKind.CORE for n in out):
            self.fail("nodes", "a level needs a core (Max's Master Patch is deployed there)")
        return out

    def node_ref(self, ident: Any, path: str) -> int | None:
        if not isinstance(ident, str) or ident not in self.node_index:
            self.fail(path, f"unknown node {ident!r}")
            return None
        return self.node_index[ident]

    def links(self) -> list[tuple[int, int]]:
        raw = self.data.get("links", [])
        out: list[tuple[int, int]] = []
        if not isinstance(raw, list):
            self.fail("links", "expected a list of [node, node] pairs")
            return out
        for i, pair in enumerate(raw):
            if not (isinstance(pair, list) and len(pair) == 2):
                self.fail(f"links[{i}]", f"expected [node, node], got {pair!r}")
                continue
            a, b = (self.node_ref(p, f"links[{i}]") for p in pair)
            if a is None or b is None:
                continue
            if a == b:
                self.fail(f"links[{i}]", "a node cannot link to itself")
            elif (min(a, b), max(a, b)) in out:
                self.fail(f"links[{i}]", "duplicate link")
            else:
                out.append((min(a, b), max(a, b)))
        return out

    def seed_nodes(self) -> list[int]:
        raw = self.data.get("seed_nodes", [])
        if not isinstance(raw, list) or not raw:
            self.fail("seed_nodes", "expected a non-empty list of node ids")
            return []
        refs = [self.node_ref(r, f"seed_nodes[{i}]") for i, r in enumerate(raw)]
        return [r for r in refs if r is not None]

    def pois(self, w: int, h: int) -> list[Poi]:
        out = []
        kinds = {k.name.lower(): k for k in PoiKind}
        for i, table in enumerate(self.array("pois")):
            path = f"pois[{i}]"
            self.unknown(table, {"name", "kind", "pos", "weight"}, path)
            name = self.get(table, "name", path, str, f"poi{i}")
            kind_id = self.get(table, "kind", path, str, "booth")
            if kind_id not in kinds:
                self.fail(
                    f"{path}.kind", f"unknown kind {kind_id!r} (choose from {', '.join(kinds)})"
                )
                kind_id = "booth"
            x, y = self.pos(table, path, w, h)
            weight = self.number(table, "weight", path, 0.0, 100.0, required=False, default=1.0)
            out.append(Poi(name, kinds[kind_id], x, y, weight))
        for needed in (PoiKind.EXIT, PoiKind.STAGE):
            if not any(p.kind is needed for p in out):
                self.fail("pois", f"a level needs at least one {needed.name.lower()} point")
        return out

    def events(self, w: int, h: int, duration: float) -> list[ScriptedEvent]:
        out = []
        kinds = {k.id: k for k in SCRIPTED_KINDS}
        allowed = {"at_s", "kind", "nodes", "random", "pos", "radius", "strength", "message"}
        for i, table in enumerate(self.array("events")):
            path = f"events[{i}]"
            self.unknown(table, allowed, path)
            at = self.number(table, "at_s", path, 0.0, max(duration, 0.0))
            kind_id = self.get(table, "kind", path, str, "surge")
            if kind_id not in kinds:
                self.fail(
                    f"{path}.kind", f"unknown kind {kind_id!r} (choose from {', '.join(kinds)})"
                )
                kind_id = "surge"
            raw_nodes = table.get("nodes", [])
            if not isinstance(raw_nodes, list):
                self.fail(f"{path}.nodes", "expected a list of node ids")
                raw_nodes = []
            refs = [self.node_ref(n, f"{path}.nodes[{j}]") for j, n in enumerate(raw_nodes)]
            rand = int(self.number(table, "random", path, 0, 50, int, required=False))
            x, y = self.pos(table, path, w, h, float) if "pos" in table else (w / 2, h / 2)
            radius = self.number(table, "radius", path, 0.0, 200.0, required=False, default=6.0)
            strength = self.number(table, "strength", path, 0.0, 1.0, required=False, default=0.5)
            message = self.get(table, "message", path, str, "", required=False)
            kind = kinds[kind_id]
            if kind is not EventKind.PANIC_WAVE and not raw_nodes and not rand:
                self.fail(path, f"a {kind_id} needs `nodes` or `random`")
            nodes = tuple(r for r in refs if r is not None)
            out.append(ScriptedEvent(at, kind, nodes, rand, x, y, radius, strength, message))
        return sorted(out, key=lambda e: e.at_s)

    def reachability(
        self,
        tiles: list[list[int]],
        spawns: list[tuple[float, float]],
        nodes: list[NodeSpec],
        pois: list[Poi],
    ) -> None:
        h, w = len(tiles), len(tiles[0])
        start = (int(spawns[0][0]), int(spawns[0][1]))
        seen = {start}
        queue = deque([start])
        while queue:
            x, y = queue.popleft()
            for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                inside = 0 <= nx < w and 0 <= ny < h
                if inside and (nx, ny) not in seen and tiles[ny][nx] not in SOLID_TILES:
                    seen.add((nx, ny))
                    queue.append((nx, ny))
        for i, (sx, sy) in enumerate(spawns):
            if tiles[int(sy)][int(sx)] in SOLID_TILES:
                self.fail("map.rows", f"spawn {i + 1} is covered by a node")
            elif (int(sx), int(sy)) not in seen:
                self.fail("map.rows", f"spawn {i + 1} cannot be reached from spawn 1")
        for i, node in enumerate(nodes):
            near = {(node.x + dx, node.y + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)}
            if not near & seen:
                self.fail(f"nodes[{i}].pos", f"node {node.id!r} cannot be reached by players")
        for i, poi in enumerate(pois):
            if (poi.x, poi.y) not in seen:
                self.fail(f"pois[{i}].pos", f"{poi.name!r} is not on a reachable walkable tile")

    def build(self) -> Level | None:
        self.unknown(self.raw, TOP_KEYS, "")
        ident = self.get(self.data, "id", "", str, "level")
        if isinstance(ident, str) and not LEVEL_ID.match(ident):
            self.fail("id", f"{ident!r} must be lowercase letters, digits and hyphens")
        title = self.get(self.data, "title", "", str, "")
        story = self.get(self.data, "story", "", str, "")
        description = self.get(self.data, "description", "", str, "", required=False)
        duration = self.number(self.data, "duration_s", "", 30.0, 900.0, default=240.0)
        rules = self.rules()
        tiles, spawns, w, h = self.grid()
        nodes = self.nodes(tiles, w, h)
        links = self.links()
        seeds = self.seed_nodes()
        pois = self.pois(w, h)
        events = self.events(w, h, duration)
        if self.problems or not tiles:
            return None
        self.reachability(tiles, spawns, nodes, pois)
        if self.problems:
            return None
        return Level(
            id=ident,
            title=title,
            story=story,
            description=description,
            duration_s=duration,
            width=w,
            height=h,
            tiles=tuple(tuple(r) for r in tiles),
            spawns=tuple(spawns),
            nodes=tuple(nodes),
            links=tuple(links),
            seed_nodes=tuple(seeds),
            pois=tuple(pois),
            events=tuple(events),
            rules=rules,
            source=self.text,
        )
