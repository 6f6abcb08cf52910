"""A checksum of the whole match state: equal hashes mean equal worlds.

Like GGRS's sync test, a mismatch between two runs with the same level, seed and
inputs means the simulation is not deterministic.
"""

from __future__ import annotations

import hashlib
import struct
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.sim.world import World

__all__ = ["state_hash"]


def state_hash(world: World) -> str:
    h = hashlib.blake2b(digest_size=8)
    h.update(struct.pack("<qqqd", world.tick, int(world.phase), world.next_event, world.leak))
    for p in world.players:
        h.update(struct.pack("<4d", p.x, p.y, p.face_x, p.face_y))
        h.update(
            struct.pack(
                "<qdqqqqqqq",
                p.patch_node,
                p.patch_progress,
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
        h.update(arr.tobytes())
    for d in world.drones:
        h.update(
            struct.pack("<qdddq", d.owner, d.x, d.y, d.progress, d.ticks_left * 1000 + d.target)
        )
    c = world.crowd
    for arr in (c.pos, c.panic, c.favour, c.target, c.dwell, c.fleeing):
        h.update(arr.tobytes())
    h.update(repr(world.rng.bit_generator.state).encode())
    return h.hexdigest()
