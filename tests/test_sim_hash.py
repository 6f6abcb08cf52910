"""The state hash covers every field that can change the future.

The fields are found by introspection (attributes, dataclass fields, list items and
numpy array elements, recursively), so a field added to the world later is covered
by these tests without editing them: either the hash sees it, or the test fails and
names it. Only fields the level fixes when the world is built may be left out, and
a played match must leave those untouched.
"""

from __future__ import annotations

import copy
import dataclasses
import enum
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest
from simkit import ARENA_ID, arena, go_live, idle

from game.match import Match
from game.match_config import MatchConfig
from game.sim import Input, Mode, World, state_hash
from game.sim.crowd import Crowd
from game.sim.outcome import Outcome
from game.sim.state import Drone, Systems

Undo = Callable[[], None]
Mutation = tuple[str, Callable[[], Undo]]

# Written once, from the level, in the constructor; never written while a match runs
# (test_fields_left_out_of_the_hash_never_change_during_a_match proves it).
FIXED_BY_LEVEL: dict[type, set[str]] = {
    World: {"level", "rules", "nav", "event_ticks"},
    Systems: {
        *("xy", "kind", "is_vault", "work", "owner", "link_a", "link_b"),
        *("links_a", "links_b", "vaults", "owned_by"),
    },
    Crowd: {
        *("rules", "nav", "poi_p", "poi_cdf", "poi_xy", "stage_pois"),
        *("testimonial", "has_testimonials"),
    },
}
# A value to try for a field that is unset (None) in the arranged world.
WHEN_UNSET: dict[tuple[type, str], Any] = {(World, "outcome"): Outcome.BREACH}


def arranged_world() -> World:
    """A live world in which every kind of part exists: drones fly, a node is being
    patched, cooldowns and timers run, visitors panic and favour someone."""
    w = World(arena(), seed=5, mode=Mode.SHOWDOWN)
    go_live(w)
    idle(w, 40, [Input(0.5, 0.25, patch=True, ability=True, action=True)] * 4)
    w.drones.append(Drone(owner=3, x=4.5, y=4.5, ticks_left=30, target=1, progress=0.25))
    w.players[0].patch_node, w.players[0].patch_progress = 1, 0.5
    w.clean_ticks = 3
    w.systems.firewall[0] = 12
    w.systems.immune[2] = 9
    w.crowd.fleeing[0] = True
    return w


def _changed(value: Any) -> Any:
    """A different value of the same immutable kind."""
    if isinstance(value, bool | np.bool_):
        return not value
    if isinstance(value, enum.Enum):
        return next(m for m in type(value) if m is not value)
    if isinstance(value, int | np.integer):
        return value + 1
    if isinstance(value, float | np.floating):
        return value + 0.5
    if isinstance(value, str):
        return value + "x"
    raise TypeError(f"no way to change a {type(value).__name__}")


def _frozen_variants(value: Any) -> Iterator[tuple[str, Any]]:
    """Copies of a frozen dataclass with one field changed each."""
    for f in dataclasses.fields(value):
        yield f.name, dataclasses.replace(value, **{f.name: _changed(getattr(value, f.name))})


def _field_names(obj: object) -> list[str]:
    if dataclasses.is_dataclass(obj):
        return [f.name for f in dataclasses.fields(obj)]
    return list(vars(obj))


def _set(obj: object, name: str, value: Any) -> Callable[[], Undo]:
    def apply() -> Undo:
        old = getattr(obj, name)
        setattr(obj, name, value)
        return lambda: setattr(obj, name, old)

    return apply


def _array_mutations(arr: np.ndarray, path: str) -> Iterator[Mutation]:
    flat = arr.reshape(-1)
    assert np.shares_memory(flat, arr), f"{path} is not contiguous: its elements cannot be set"
    for i in range(flat.size):

        def apply(i: int = i) -> Undo:
            old = flat[i].copy()
            flat[i] = _changed(old.item())
            return lambda: flat.__setitem__(i, old)

        index = ", ".join(str(int(j)) for j in np.unravel_index(i, arr.shape))
        yield f"{path}[{index}]", apply


def _list_mutations(items: list[Any], path: str) -> Iterator[Mutation]:
    assert items, f"{path} is empty in the arranged world: arrange one item so it is tested"

    def grow() -> Undo:
        items.append(copy.deepcopy(items[-1]))
        return items.pop

    yield f"{path} (one more item)", grow
    for i, item in enumerate(items):
        if dataclasses.is_dataclass(item) and item.__dataclass_params__.frozen:  # type: ignore[union-attr]
            for label, variant in _frozen_variants(item):

                def swap(i: int = i, variant: Any = variant) -> Undo:
                    old = items[i]
                    items[i] = variant
                    return lambda: items.__setitem__(i, old)

                yield f"{path}[{i}].{label}", swap
        else:
            yield from mutations(item, f"{path}[{i}]")


def _rng_mutations(rng: np.random.Generator, path: str) -> Iterator[Mutation]:
    def draw() -> Undo:
        state = rng.bit_generator.state
        rng.random()
        return lambda: setattr(rng.bit_generator, "state", state)

    yield f"{path} (one draw further)", draw


def mutations(obj: object, path: str = "world") -> Iterator[Mutation]:
    """Every single-field change to ``obj`` and its parts that the hash must see."""
    fixed = FIXED_BY_LEVEL.get(type(obj), set())
    for name in _field_names(obj):
        if name in fixed:
            continue
        value = getattr(obj, name)
        where = f"{path}.{name}"
        if value is None:
            key = (type(obj), name)
            assert key in WHEN_UNSET, f"{where} is None: add a stand-in value to WHEN_UNSET"
            yield where, _set(obj, name, WHEN_UNSET[key])
        elif isinstance(value, np.ndarray):
            yield from _array_mutations(value, where)
        elif isinstance(value, list):
            yield from _list_mutations(value, where)
        elif isinstance(value, np.random.Generator):
            yield from _rng_mutations(value, where)
        elif isinstance(value, bool | int | float | str | enum.Enum):
            yield where, _set(obj, name, _changed(value))
        elif type(value).__module__.startswith("game.sim"):
            yield from mutations(value, where)
        else:
            pytest.fail(f"{where}: a {type(value).__name__} the hash test cannot mutate")


def test_changing_any_single_field_of_the_world_changes_the_hash() -> None:
    w = arranged_world()
    base = state_hash(w)
    tried, missed = [], []
    for where, apply in mutations(w):
        undo = apply()
        if state_hash(w) == base:
            missed.append(where)
        undo()
        assert state_hash(w) == base, f"undoing {where} did not restore the world"
        tried.append(where)
    assert missed == []
    # The walk really went everywhere: a per-visitor favour share and the clock.
    assert "world.clean_ticks" in tried
    assert "world.crowd.favour[23, 3]" in tried
    assert "world.drones[0].ticks_left" in tried
    assert "world.players[3].action_cd" in tried


def test_worlds_differing_only_in_clean_ticks_hash_differently_and_end_apart() -> None:
    a = World(arena(), seed=2)
    go_live(a)
    a.next_event = len(a.level.events)
    a.systems.infected[:] = False
    idle(a, 30)
    b = copy.deepcopy(a)
    b.clean_ticks = 0
    assert state_hash(a) != state_hash(b)
    while not a.over:
        a.step()
        b.step()
    assert a.outcome is Outcome.CONTAINED and not b.over
    assert b.clean_ticks == a.clean_ticks - 30


def _same(a: Any, b: Any) -> bool:
    """Deep equality through arrays, sequences, dataclasses and plain objects."""
    if isinstance(a, enum.Enum):
        return a is b
    if isinstance(a, np.ndarray):
        return bool(np.array_equal(a, b))
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(v, b[k]) for k, v in a.items())
    if dataclasses.is_dataclass(a) or type(a).__module__.startswith("game."):
        names = _field_names(a)
        return names == _field_names(b) and all(_same(getattr(a, n), getattr(b, n)) for n in names)
    return bool(a == b)


def test_fields_left_out_of_the_hash_never_change_during_a_match() -> None:
    match = Match(arena(), MatchConfig(ARENA_ID, seed=4, mode=Mode.SHOWDOWN))
    played = match.world
    snapshot = copy.deepcopy(played)
    match.run()
    assert played.tick > played.countdown_ticks + 30 * 30, "a whole match was played"
    parts = {World: (played, snapshot), Systems: (played.systems, snapshot.systems)}
    parts[Crowd] = (played.crowd, snapshot.crowd)
    for cls, names in FIXED_BY_LEVEL.items():
        after, before = parts[cls]
        for name in names:
            assert _same(getattr(after, name), getattr(before, name)), f"{cls.__name__}.{name}"
