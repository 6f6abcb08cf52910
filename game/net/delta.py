"""Snapshot deltas: send each client only what changed since the tick it acknowledged.

A snapshot is a flat map of already quantised ints: ``{key: int | [int] | [[int]]}``.
A delta is a map with up to three sections, each left out when empty, so the delta of
two equal snapshots is ``{}`` (one byte of msgpack):

- ``"s"``: ``{key: value}`` keys added, scalars changed, and lists sent whole;
- ``"d"``: ``[key, ...]`` keys removed;
- ``"p"``: ``{key: patch}`` lists patched in place, where a patch is the flat array
  ``[new_len, skip, count, v1 .. v_count, skip, count, ...]``: truncate or extend to
  ``new_len``, then each run skips ``skip`` items after the previous run's end and
  overwrites the next ``count`` items. Items are ints, or whole rows for a list of
  rows. A patch is only used when it is shorter than the list itself.

Snapshots are values: neither this module nor its callers mutate one once built, so
:func:`apply` shares unchanged lists with the base instead of copying them.
"""

from __future__ import annotations

from typing import Any, NoReturn

from game.net.errors import ErrorCode, ProtocolError

__all__ = ["Delta", "Snapshot", "apply", "check_snapshot", "diff"]

Value = int | list[int] | list[list[int]]
Snapshot = dict[str, Value]
Delta = dict[str, Any]


def diff(base: Snapshot, current: Snapshot) -> Delta:
    """The delta that turns ``base`` into ``current``."""
    sets: dict[str, Any] = {}
    patches: dict[str, list[Any]] = {}
    for key, value in current.items():
        old = base.get(key)
        if key in base and old == value:
            continue
        patch = _patch(old, value) if isinstance(old, list) and isinstance(value, list) else None
        if patch is None:
            sets[key] = value
        else:
            patches[key] = patch
    delta: Delta = {}
    if sets:
        delta["s"] = sets
    removed = [key for key in base if key not in current]
    if removed:
        delta["d"] = removed
    if patches:
        delta["p"] = patches
    return delta


def apply(base: Snapshot, delta: Delta) -> Snapshot:
    """Rebuild the snapshot ``delta`` was made for; ProtocolError if it does not fit."""
    if not isinstance(delta, dict) or not set(delta) <= {"s", "d", "p"}:
        _fail("delta", "expected a map with only the keys s, d, p")
    sets, removed, patches = delta.get("s", {}), delta.get("d", []), delta.get("p", {})
    if not isinstance(sets, dict) or not isinstance(removed, list) or not isinstance(patches, dict):
        _fail("delta", "expected s and p to be maps and d an array")
    out = dict(base)
    for key in removed:
        if not isinstance(key, str) or key not in out:
            _fail(f"delta.d.{key}", "removes a key the base does not have")
        del out[key]
    for key, patch in patches.items():
        old = out.get(key)
        if not isinstance(old, list):
            _fail(f"delta.p.{key}", "patches a key that is not a list in the base")
        out[key] = _apply_patch(old, patch, f"delta.p.{key}")
    out.update(sets)
    check_snapshot({key: out[key] for key in (*sets, *patches)}, "delta")
    return out


def check_snapshot(snapshot: object, path: str = "state") -> Snapshot:
    """Check a snapshot's shape (string keys; ints, int lists or lists of int rows)."""
    if not isinstance(snapshot, dict):
        _fail(path, "expected a map")
    for key, value in snapshot.items():
        if not isinstance(key, str) or not _is_value(value):
            _fail(f"{path}.{key}", "expected an int, an array of ints or an array of int arrays")
    return snapshot


def _is_value(value: object) -> bool:
    if isinstance(value, list):
        return all(_is_int(x) or (isinstance(x, list) and all(map(_is_int, x))) for x in value)
    return _is_int(value)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _patch(old: list[Any], new: list[Any]) -> list[Any] | None:
    """A run patch from ``old`` to ``new``, or None when sending ``new`` whole is smaller."""
    size, common = len(new), min(len(old), len(new))
    changed = [i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b]
    changed.extend(range(common, size))
    patch: list[Any] = [size]
    pos, k = 0, 0
    while k < len(changed):
        start = end = changed[k]
        while k < len(changed) and changed[k] == end:
            end += 1
            k += 1
        patch += (start - pos, end - start)
        patch.extend(new[start:end])
        pos = end
        if len(patch) >= size:
            return None
    return patch if len(patch) < size else None


def _apply_patch(old: list[Any], patch: object, path: str) -> list[Any]:
    if not isinstance(patch, list) or not patch or not _is_count(patch[0]):
        _fail(path, "expected [new_len, skip, count, items..., ...]")
    size = patch[0]
    if size > len(old) + len(patch):
        _fail(path, f"new length {size} is more than the patch can fill")
    out = old[:size]
    grown = size - len(out)
    out.extend([None] * grown)
    pos, k = 0, 1
    while k < len(patch):
        if k + 1 >= len(patch) or not _is_count(patch[k]) or not _is_count(patch[k + 1]):
            _fail(path, f"run at index {k} needs a skip and a count")
        start = pos + patch[k]
        end = start + patch[k + 1]
        items = patch[k + 2 : k + 2 + patch[k + 1]]
        if end > size or len(items) != patch[k + 1]:
            _fail(path, f"run at index {k} goes past the end")
        out[start:end] = items
        pos, k = end, k + 2 + patch[k + 1]
    if grown and any(x is None for x in out[size - grown :]):
        _fail(path, "leaves new items unset")
    return out


def _is_count(value: object) -> bool:
    return _is_int(value) and value >= 0  # type: ignore[operator]


def _fail(path: str, problem: str) -> NoReturn:
    raise ProtocolError(ErrorCode.BAD_MESSAGE, f"{path}: {problem}")
