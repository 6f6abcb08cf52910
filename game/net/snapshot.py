"""What a ``snap`` carries: the world quantised to small integers, and back.

The server quantises once per tick for all clients (:class:`SnapshotBuilder`); the
delta layer then sends each client only what changed. The crowd is re-quantised
only every ``CROWD_EVERY_TICKS`` ticks, so between those ticks it is unchanged and
costs nothing: that is its own, slower rate. The client turns a full snapshot back
into the same :class:`Observation` that bots decide from (:func:`observation_from`).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

from game.sim.observation import DroneView, Observation, PlayerView
from game.sim.types import Mode, Phase

if TYPE_CHECKING:
    from game.net.delta import Snapshot
    from game.sim.world import World

__all__ = [
    "CROWD_EVERY_TICKS",
    "POS_SCALE",
    "SnapshotBuilder",
    "observation_from",
]

POS_SCALE = 32  # player and drone positions in 1/32 tile
CROWD_SCALE = 4  # visitor positions in 1/4 tile, packed x * 256 + y (maps up to 64 tiles)
CROWD_EVERY_TICKS = 12  # the crowd goes out at 2.5 Hz; clients interpolate
PANIC_STEPS = 7
FAVOUR_SCALE = 10
LEAK_SCALE = 1000
STATE_INFECTED, STATE_CRASHED, STATE_IMMUNE = 1, 2, 4


class SnapshotBuilder:
    """One per match, shared by every client of it."""

    def __init__(self) -> None:
        self._crowd: list[int] = []
        self._crowd_tick = -(10**9)

    def build(self, world: World) -> Snapshot:
        if world.tick - self._crowd_tick >= CROWD_EVERY_TICKS or not self._crowd:
            self._crowd = _crowd(world)
            self._crowd_tick = world.tick
        s = world.systems
        favour = world.crowd.totals()
        state = (
            s.infected * STATE_INFECTED + s.crashed * STATE_CRASHED + (s.immune > 0) * STATE_IMMUNE
        )
        return {
            "ph": int(world.phase),
            "md": int(world.mode),
            "tl": world.ticks_left,
            "lk": round(world.leak * LEAK_SCALE),
            "pl": [
                [
                    round(p.x * POS_SCALE),
                    round(p.y * POS_SCALE),
                    round(math.atan2(p.face_y, p.face_x) / math.tau * 256) % 256,
                    p.patch_node,
                    round(p.patch_progress * 255),
                    p.ability_cd,
                    p.action_cd,
                    p.fragments,
                    p.effect_ticks,
                    p.patches,
                    round(float(favour[p.seat]) * FAVOUR_SCALE),
                    int(p.patching),
                ]
                for p in world.players
            ],
            "nd": [
                v
                for pair in zip(
                    np.ceil(s.integrity).astype(int).tolist(), state.tolist(), strict=True
                )
                for v in pair
            ],
            "fw": (s.firewall > 0).astype(int).tolist(),
            "dr": [
                [d.owner, round(d.x * POS_SCALE), round(d.y * POS_SCALE), d.target]
                for d in world.drones
            ],
            "cr": self._crowd,
        }


def _crowd(world: World) -> list[int]:
    """Three small ints a visitor would cost ~8 bytes; two cost ~4."""
    c = world.crowd
    xy = np.clip(np.round(c.pos * CROWD_SCALE), 0, 255).astype(np.int64)
    favour = c.favour
    favourite = np.where(favour.max(axis=1) > 0.05, favour.argmax(axis=1) + 1, 0)
    panic = np.round(c.panic * PANIC_STEPS).astype(np.int64)
    out = np.empty(2 * c.count, dtype=np.int64)
    out[0::2] = xy[:, 0] * 256 + xy[:, 1]
    out[1::2] = panic * 8 + favourite
    return out.tolist()


def observation_from(full: Snapshot, tick: int, tick_rate: int = 30) -> Observation:
    """Rebuild a (dequantised) observation from a full snapshot."""
    snapshot: dict[str, Any] = dict(full)  # each key's shape is fixed by the builder above
    players = tuple(
        PlayerView(
            seat,
            row[0] / POS_SCALE,
            row[1] / POS_SCALE,
            row[3],
            row[4] / 255,
            row[5],
            row[6],
            row[7],
            row[8],
            row[9],
        )
        for seat, row in enumerate(snapshot["pl"])
    )
    nd = np.array(snapshot["nd"], dtype=np.int64).reshape(-1, 2)
    crowd = np.array(snapshot["cr"], dtype=np.int64).reshape(-1, 2)
    pos = np.stack([crowd[:, 0] // 256, crowd[:, 0] % 256], axis=1) / CROWD_SCALE
    favour = tuple(row[10] / FAVOUR_SCALE for row in snapshot["pl"])
    return Observation(
        tick=tick,
        phase=Phase(snapshot["ph"]),
        mode=Mode(snapshot["md"]),
        tick_rate=tick_rate,
        ticks_left=snapshot["tl"],
        leak=snapshot["lk"] / LEAK_SCALE,
        players=players,
        integrity=nd[:, 0].astype(np.float64),
        infected=(nd[:, 1] & STATE_INFECTED) > 0,
        crashed=(nd[:, 1] & STATE_CRASHED) > 0,
        immune=(nd[:, 1] & STATE_IMMUNE) > 0,
        firewall=np.array(snapshot["fw"], dtype=bool),
        drones=tuple(
            DroneView(o, x / POS_SCALE, y / POS_SCALE, t) for o, x, y, t in snapshot["dr"]
        ),
        crowd_pos=pos,
        crowd_panic=(crowd[:, 1] // 8) / PANIC_STEPS,
        crowd_favourite=crowd[:, 1] % 8 - 1,
        favour=(favour[0], favour[1], favour[2], favour[3]),
    )
