"""Level files: the bundled levels load and differ; every validation error names its key path.

Bad levels are built by editing the text of the tests' own small level
(tests/data/test-arena.toml), so each test shows exactly what was broken and tuning a
bundled level never breaks them.
"""

from __future__ import annotations

from collections import deque

import pytest
from simkit import TEST_ARENA

from game.data import level_files
from game.kinds import EventKind
from game.levels import (
    Level,
    LevelError,
    PoiKind,
    Tile,
    defaults,
    level_ids,
    load_level,
    parse_level,
)
from game.levels.model import SOLID_TILES
from game.sim.types import NodeKind

BUNDLED = ["expo-hall", "preserve-dental", "neosmiles-debate", "conference-showdown", "vr-demo-day"]
NEW = BUNDLED[1:]
BASE = TEST_ARENA.read_text(encoding="utf-8")


def edited(*pairs: tuple[str, str]) -> str:
    """test-arena.toml with each (old, new) replaced once; old must be in the file."""
    text = BASE
    for old, new in pairs:
        assert old in text, f"test-arena.toml no longer contains {old!r}"
        text = text.replace(old, new, 1)
    return text


def problems(text: str) -> list[tuple[str, str]]:
    with pytest.raises(LevelError) as info:
        parse_level(text, "bad.toml", defaults())
    return [(p.path, p.message) for p in info.value.problems]


def reported(text: str, path: str, *words: str) -> bool:
    return any(p == path and all(w in m for w in words) for p, m in problems(text))


def distances(level: Level, start: tuple[float, float]) -> dict[tuple[int, int], int]:
    first = (int(start[0]), int(start[1]))
    dist = {first: 0}
    queue = deque([first])
    while queue:
        x, y = queue.popleft()
        for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
            inside = 0 <= nx < level.width and 0 <= ny < level.height
            if inside and (nx, ny) not in dist and level.tiles[ny][nx] not in SOLID_TILES:
                dist[(nx, ny)] = dist[(x, y)] + 1
                queue.append((nx, ny))
    return dist


# -- the bundled levels ---------------------------------------------------------


def test_all_five_levels_are_bundled():
    assert set(BUNDLED) <= set(level_ids())


@pytest.mark.parametrize("ident", BUNDLED)
def test_bundled_level_loads_with_a_core_a_vault_a_stage_and_exits(ident):
    level = load_level(ident)
    assert level.id == ident
    assert (level_files() / f"{ident}.toml").is_file()
    kinds = {n.kind for n in level.nodes}
    assert {NodeKind.CORE, NodeKind.VAULT} <= kinds
    assert any(p.kind is PoiKind.STAGE for p in level.pois)
    assert any(p.kind is PoiKind.EXIT for p in level.pois)
    assert 1 <= len(level.seed_nodes) <= 2


def test_bundled_levels_differ_in_size_crowd_and_events():
    levels = [load_level(i) for i in BUNDLED]
    assert len({(lv.width, lv.height) for lv in levels}) == len(levels)
    assert len({lv.rules.crowd.count for lv in levels}) == len(levels)
    assert len({lv.duration_s for lv in levels}) >= 4
    assert len({len(lv.nodes) for lv in levels}) >= 4
    assert len({tuple((e.at_s, e.kind) for e in lv.events) for lv in levels}) == len(levels)


@pytest.mark.parametrize("ident", NEW)
def test_new_level_stays_within_the_level_guidelines(ident):
    level = load_level(ident)
    assert 36 <= level.width <= 56 and 20 <= level.height <= 32
    assert 9 <= len(level.nodes) <= 16
    assert 2 <= len(level.events) <= 4
    assert level.events[-1].at_s <= 0.76 * level.duration_s
    assert level.description.count(".") >= 2
    assert level.story == f"{ident}.txt"


@pytest.mark.parametrize("ident", BUNDLED)
def test_outer_wall_is_closed_except_for_exits_and_doors(ident):
    level = load_level(ident)
    edge = {(x, y) for x in range(level.width) for y in (0, level.height - 1)}
    edge |= {(x, y) for y in range(level.height) for x in (0, level.width - 1)}
    for x, y in edge:
        assert level.tiles[y][x] in (Tile.WALL, Tile.EXIT, Tile.DOOR), (x, y)
    for poi in level.pois:
        if poi.kind is PoiKind.EXIT:
            assert (poi.x, poi.y) in edge and level.tiles[poi.y][poi.x] == Tile.EXIT


@pytest.mark.parametrize("ident", NEW)
def test_no_spawn_starts_much_closer_to_the_systems(ident):
    level = load_level(ident)
    means = []
    for spawn in level.spawns:
        dist = distances(level, spawn)
        steps = [
            min(dist.get((n.x + dx, n.y + dy), 10**6) for dx in (-1, 0, 1) for dy in (-1, 0, 1))
            for n in level.nodes
        ]
        means.append(sum(steps) / len(steps))
    assert max(means) - min(means) <= 0.15 * (sum(means) / len(means)), means


def test_preserve_dental_robot_shuts_down_in_a_small_clinic():
    level = load_level("preserve-dental")
    assert 100 <= level.rules.crowd.count <= 130
    shutdowns = [e for e in level.events if e.kind is EventKind.SHUTDOWN]
    assert shutdowns and all(level.nodes[i].kind is NodeKind.ROBOT for i in shutdowns[0].nodes)


def test_neosmiles_spectra_core_shuts_down_mid_match():
    level = load_level("neosmiles-debate")
    (shutdown,) = [e for e in level.events if e.kind is EventKind.SHUTDOWN]
    assert [level.nodes[i].kind for i in shutdown.nodes] == [NodeKind.CORE]
    assert 0.45 <= shutdown.at_s / level.duration_s <= 0.55
    assert "SPECTRA" in shutdown.message


def test_conference_has_many_nanobots_spreading_faster_and_testimonial_corners():
    level = load_level("conference-showdown")
    assert sum(n.kind is NodeKind.ROBOT for n in level.nodes) >= 8
    assert level.rules.glitch.spread_rate > defaults()["glitch"]["spread_rate"]
    corners = [p for p in level.pois if p.kind is PoiKind.TESTIMONIAL]
    assert corners and all(level.tiles[p.y][p.x] == Tile.TESTIMONIAL for p in corners)


def test_vr_demo_day_has_a_panic_wave_with_a_place_and_strength():
    level = load_level("vr-demo-day")
    (wave,) = [e for e in level.events if e.kind is EventKind.PANIC_WAVE]
    assert 0.3 <= wave.at_s / level.duration_s <= 0.6
    assert wave.radius > 0 and wave.strength > 0 and wave.message
    assert any(e.kind is EventKind.SURGE for e in level.events)


# -- every problem is reported with its key path ----------------------------------


def test_the_arena_text_itself_is_valid():
    assert parse_level(BASE, "test-arena.toml", defaults()).id == "test-arena"


def test_unknown_tile_char_is_reported_with_row_and_column():
    text = edited(('"#....SSSS', '"#?...SSSS'))
    assert reported(text, "map.rows[1][1]", "unknown tile", "'?'")


def test_ragged_row_is_reported_with_its_row_index():
    text = edited(('"#..................#"', '"#.........#"'))
    assert reported(text, "map.rows[5]", "has 11 columns, expected 20")


def test_missing_spawn_is_reported():
    text = edited(('"#.3..#', '"#....#'))
    assert reported(text, "map.rows", "missing player spawn", "3")


def test_duplicate_node_id_is_reported():
    text = edited(('id = "robot"', 'id = "kiosk"'))
    assert reported(text, "nodes[2].id", "duplicate node id 'kiosk'")


def test_unknown_node_kind_is_reported_with_the_choices():
    text = edited(('kind = "router"', 'kind = "toaster"'))
    assert reported(text, "nodes[3].kind", "unknown kind 'toaster'", "router")


def test_link_to_an_unknown_node_is_reported():
    text = edited(('["core", "kiosk"]', '["core", "kiosk-x"]'))
    assert reported(text, "links[0]", "unknown node 'kiosk-x'")


def test_self_link_is_reported():
    text = edited(('["core", "kiosk"]', '["core", "core"]'))
    assert reported(text, "links[0]", "cannot link to itself")


def test_node_on_a_wall_is_reported():
    text = edited(("pos = [8, 1]", "pos = [0, 1]"))
    assert reported(text, "nodes[0].pos", "on a wall")


def test_node_covering_a_spawn_is_reported():
    text = edited(("pos = [8, 1]", "pos = [2, 3]"))
    assert reported(text, "map.rows", "spawn 1 is covered by a node")


def test_unreachable_node_is_reported():
    door = '"#....##D###........#"'
    text = edited((door, door.replace("D", "#")))
    assert reported(text, "nodes[4].pos", "'vault' cannot be reached")
    assert not any(p.startswith("nodes[3]") for p, _ in problems(text)), "the router is outside"


def test_unknown_top_level_and_section_keys_are_reported():
    text = "colour = 'teal'\n" + edited(("count = 24", "count = 24\nmood = 1"))
    found = problems(text)
    assert ("colour", "unknown key") in found
    assert ("crowd.mood", "unknown key") in found


def test_out_of_range_rule_number_is_reported_with_the_range():
    text = edited(("count = 24", "count = 9999"))
    assert reported(text, "crowd.count", "9999 is outside 10..400")


def test_rule_number_of_the_wrong_type_is_reported():
    assert reported(edited(("count = 24", "count = 24.5")), "crowd.count", "expected int")
    text = edited(("duration_s = 60.0", 'duration_s = "long"'))
    assert reported(text, "duration_s", "expected float, got str")


def test_character_override_out_of_range_names_the_character():
    text = BASE + "\n[characters.jenna]\npatch_rate = 99.0\n"
    assert reported(text, "characters.jenna.patch_rate", "outside")


def test_toml_syntax_error_is_reported_with_its_line():
    text = edited(("duration_s = 60.0", "duration_s = = 60.0"))
    ((path, message),) = problems(text)
    assert path == "" and "not valid TOML" in message and "line" in message


def test_level_without_a_stage_point_is_reported():
    text = edited(('kind = "stage"', 'kind = "lounge"'))
    assert reported(text, "pois", "at least one stage point")


def test_level_without_an_exit_point_is_reported():
    text = BASE.replace('kind = "exit"', 'kind = "booth"')
    assert reported(text, "pois", "at least one exit point")


def test_surge_without_nodes_or_random_is_reported():
    text = edited(('random = 1\nmessage = "Test surge"', 'message = "Test surge"'))
    assert reported(text, "events[0]", "surge needs `nodes` or `random`")


def test_top_level_key_after_a_table_is_caught():
    text = edited(('seed_nodes = ["kiosk"]\n', "")) + '\nseed_nodes = ["kiosk"]\n'
    found = dict(problems(text))
    assert found["seed_nodes"].startswith("expected a non-empty list")
    assert found["events[1].seed_nodes"] == "unknown key"


def test_several_problems_are_all_reported_at_once():
    text = edited(
        ('"#....SSSS', '"#?...SSSS'),
        ('["core", "kiosk"]', '["core", "core"]'),
        ('kind = "stage"', 'kind = "lounge"'),
        ("count = 24", "count = 9999"),
    )
    with pytest.raises(LevelError) as info:
        parse_level(text, "bad.toml", defaults())
    paths = {p.path for p in info.value.problems}
    assert {"map.rows[1][1]", "links[0]", "pois", "crowd.count"} <= paths
    lines = str(info.value).splitlines()
    assert len(lines) >= 4 and all(line.startswith("bad.toml: ") for line in lines)
