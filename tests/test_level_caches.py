"""Values built from levels are kept once, by one owner, and never grow without bound."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from game.data import level_files
from game.levels import load_level, load_level_text
from game.levels.catalog import BUNDLED_LEVELS_CACHED, level_ids
from game.levels.derived import MAX_LEVELS, cached_levels, clear, derived
from game.levels.model import Level
from game.sim.navigation import navigation_for


def test_derived_values_are_kept_for_at_most_max_levels_and_the_oldest_goes_first() -> None:
    clear()
    base = load_level("expo-hall")
    variants = [dataclasses.replace(base, title=f"variant {i}") for i in range(MAX_LEVELS + 4)]
    builds: list[str] = []

    def build(level: Level) -> str:
        builds.append(level.title)
        return level.title

    for level in variants:
        assert derived(level, build) == level.title
    assert cached_levels() == MAX_LEVELS
    assert derived(variants[-1], build) == variants[-1].title  # recent: kept
    assert len(builds) == len(variants)
    derived(variants[0], build)  # the oldest was dropped, so it is built again
    assert builds[-1] == "variant 0"
    assert len(builds) == len(variants) + 1


def test_a_level_rebuilt_from_the_same_text_shares_its_navigation() -> None:
    text = (level_files() / "preserve-dental.toml").read_text(encoding="utf-8")
    first, second = load_level_text(text), load_level_text(text)
    assert first is not second
    assert navigation_for(first) is navigation_for(second)


def test_the_catalog_keeps_bundled_levels_within_its_bound() -> None:
    assert len(level_ids()) <= BUNDLED_LEVELS_CACHED
    for ident in level_ids():
        assert load_level(ident) is load_level(ident)


def test_a_level_file_named_by_path_is_read_afresh_after_an_edit(tmp_path: Path) -> None:
    text = (level_files() / "expo-hall.toml").read_text(encoding="utf-8")
    path = tmp_path / "mine.toml"
    path.write_text(text.replace('title = "Expo Hall"', 'title = "First draft"'))
    assert load_level(str(path)).title == "First draft"
    path.write_text(text.replace('title = "Expo Hall"', 'title = "Second draft"'))
    assert load_level(str(path)).title == "Second draft"
