"""A checksum of the whole match state: equal hashes mean equal worlds.

Like GGRS's sync test, a mismatch between two runs with the same level, seed and
inputs means the simulation is not deterministic. The hash covers every field that
can change the future, including counters such as ``clean_ticks`` (two worlds that
differ only there end at different ticks). What it leaves out is fixed by the level
when the world is built and never written afterwards: the level itself (named by its
id), its rules, the navigation grids and the node, link and point-of-interest tables.
``tests/test_sim_hash.py`` mutates every other field in turn to prove it is covered.
"""

from __future__ import annotations

import hashlib
import struct
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from game.sim.world import World

__all__ = ["state_hash"]

_NO_OUTCOME = -1


def _array(h: hashlib.blake2b, arr: np.ndarray) -> None:
    """An array's shape, type and contents: a resized or retyped array hashes differently."""
    h.update(struct.pack("<q", arr.ndim))
    h.update(struct.pack(f"<{arr.ndim}q", *arr.shape))
    h.update(arr.dtype.str.encode())
    h.update(np.ascontiguousarray(arr).tobytes())


def state_hash(world: World) -> str:
    h = hashlib.blake2b(digest_size=8)
    h.update(world.level.id.encode())
    h.update(
        struct.pack(
            "<qqqqqqqqqdq",
            world.seed,
            int(world.mode),
            world.tick_rate,
            world.duration_ticks,
            world.countdown_ticks,
            world.climax_ticks,
            world.tick,
            int(world.phase),
            world.next_event,
            world.leak,
            world.clean_ticks,
        )
    )
    h.update(struct.pack("<q", _NO_OUTCOME if world.outcome is None else int(world.outcome)))
    h.update(struct.pack(f"<{len(world.last_inputs)}q", *(i.pack() for i in world.last_inputs)))
    h.update(struct.pack("<q", len(world.players)))
    for p in world.players:
        h.update(
            struct.pack(
                "<q4dqd?qqqqqqq",
                p.seat,
                p.x,
                p.y,
                p.face_x,
                p.face_y,
                p.patch_node,
                p.patch_progress,
                p.patching,
                p.ability_cd,
                p.action_cd,
                p.effect_ticks,
                p.fragments,
                p.patches,
                p.abilities,
                p.actions,
            )
        )
    s = world.systems
    for arr in (s.integrity, s.infected, s.crashed, s.immune, s.firewall):
        _array(h, arr)
    h.update(struct.pack("<q", len(world.drones)))
    for d in world.drones:
        h.update(struct.pack("<qdddqq", d.owner, d.x, d.y, d.progress, d.ticks_left, d.target))
    c = world.crowd
    for arr in (c.pos, c.panic, c.favour, c.target, c.dwell, c.fleeing):
        _array(h, arr)
    h.update(repr(world.rng.bit_generator.state).encode())
    return h.hexdigest()
