"""What a client is told of the world: quantised once per snapshot, shared by all clients.

The server quantises the world into a :class:`Snapshot` (integers only, so that both
ends agree on every bit and deltas are exact); :mod:`game.net.delta` turns snapshots
into bytes and back; a client turns a snapshot into an :class:`Observation` with
:func:`observation_from`. Units are in docs/PROTOCOL.md, section 7.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from game.kinds import Mode, Phase
from game.levels.model import MAP_MAX
from game.sim.observation import DroneView, Observation, PlayerView
from game.sim.world import World

__all__ = [
    "CROWD_SCALE",
    "CROWD_X_MAX",
    "CROWD_Y_MAX",
    "PLAYER_FIELDS",
    "POS_SCALE",
    "Snapshot",
    "SnapshotBuilder",
    "observation_from",
]

POS_SCALE = 32  # player and drone positions in 1/32 tile
CROWD_SCALE = 4  # visitor positions in 1/4 tile
CROWD_X_MAX = MAP_MAX[0] * CROWD_SCALE
CROWD_Y_MAX = MAP_MAX[1] * CROWD_SCALE
PANIC_STEPS = 7
FAVOUR_SCALE = 10
LEAK_SCALE = 1000
STATE_INFECTED, STATE_CRASHED, STATE_IMMUNE = 1, 2, 4
PLAYER_FIELDS = 11


@dataclass(frozen=True, eq=False, slots=True)
class Snapshot:
    """One tick of the world in wire units; a value that nobody mutates once built."""

    phase: int
    mode: int
    ticks_left: int
    leak: int  # leak meter x 1000
    players: tuple[tuple[int, ...], ...]  # one row of PLAYER_FIELDS per seat
    nodes: tuple[int, ...]  # flat (integrity, state bits) per node
    firewall: tuple[int, ...]  # per link, 1 while blocked
    drones: tuple[tuple[int, ...], ...]  # (owner, x, y, target) per drone
    crowd_x: np.ndarray  # int64 [visitors], 1/4 tiles
    crowd_y: np.ndarray
    crowd_mood: np.ndarray  # panic * 8 + favourite (0 nobody, 1..4 seat + 1)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Snapshot):
            return NotImplemented
        return all(
            np.array_equal(a, b) if isinstance(a, np.ndarray) else a == b
            for a, b in ((getattr(self, f.name), getattr(other, f.name)) for f in fields(self))
        )

    __hash__ = None  # type: ignore[assignment]


class SnapshotBuilder:
    """One per match: quantises the world the same way for every client of it."""

    def build(self, world: World) -> Snapshot:
        s = world.systems
        favour = world.crowd.totals()
        state = (
            s.infected * STATE_INFECTED + s.crashed * STATE_CRASHED + (s.immune > 0) * STATE_IMMUNE
        )
        nodes = zip(np.ceil(s.integrity).astype(int).tolist(), state.tolist(), strict=True)
        x, y, mood = _crowd(world)
        return Snapshot(
            phase=int(world.phase),
            mode=int(world.mode),
            ticks_left=world.ticks_left,
            leak=round(world.leak * LEAK_SCALE),
            players=tuple(
                (
                    round(p.x * POS_SCALE),
                    round(p.y * POS_SCALE),
                    p.patch_node,
                    round(p.patch_progress * 255),
                    p.ability_cd,
                    p.action_cd,
                    p.fragments,
                    p.effect_ticks,
                    p.patches,
                    round(float(favour[p.seat]) * FAVOUR_SCALE),
                    int(p.patching),
                )
                for p in world.players
            ),
            nodes=tuple(v for pair in nodes for v in pair),
            firewall=tuple((s.firewall > 0).astype(int).tolist()),
            drones=tuple(
                (d.owner, round(d.x * POS_SCALE), round(d.y * POS_SCALE), d.target)
                for d in world.drones
            ),
            crowd_x=x,
            crowd_y=y,
            crowd_mood=mood,
        )


def _crowd(world: World) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Positions in 1/4 tile (clipped to the largest map), and panic with favourite."""
    c = world.crowd
    xy = np.round(c.pos * CROWD_SCALE).astype(np.int64)
    favour = c.favour
    favourite = np.where(favour.max(axis=1) > 0.05, favour.argmax(axis=1) + 1, 0)
    panic = np.round(c.panic * PANIC_STEPS).astype(np.int64)
    return (
        np.clip(xy[:, 0], 0, CROWD_X_MAX),
        np.clip(xy[:, 1], 0, CROWD_Y_MAX),
        (panic * 8 + favourite).astype(np.int64),
    )


def observation_from(snap: Snapshot, tick: int, tick_rate: int = 30) -> Observation:
    """Rebuild a (dequantised) observation from a snapshot."""
    players = tuple(
        PlayerView(
            seat,
            row[0] / POS_SCALE,
            row[1] / POS_SCALE,
            row[2],
            row[3] / 255,
            row[4],
            row[5],
            row[6],
            row[7],
            row[8],
        )
        for seat, row in enumerate(snap.players)
    )
    nd = np.array(snap.nodes, dtype=np.int64).reshape(-1, 2)
    favour = tuple(row[9] / FAVOUR_SCALE for row in snap.players)
    return Observation(
        tick=tick,
        phase=Phase(snap.phase),
        mode=Mode(snap.mode),
        tick_rate=tick_rate,
        ticks_left=snap.ticks_left,
        leak=snap.leak / LEAK_SCALE,
        players=players,
        integrity=nd[:, 0].astype(np.float64),
        infected=(nd[:, 1] & STATE_INFECTED) > 0,
        crashed=(nd[:, 1] & STATE_CRASHED) > 0,
        immune=(nd[:, 1] & STATE_IMMUNE) > 0,
        firewall=np.array(snap.firewall, dtype=bool),
        drones=tuple(DroneView(o, x / POS_SCALE, y / POS_SCALE, t) for o, x, y, t in snap.drones),
        crowd_pos=np.stack([snap.crowd_x, snap.crowd_y], axis=1) / CROWD_SCALE,
        crowd_panic=(snap.crowd_mood // 8) / PANIC_STEPS,
        crowd_favourite=snap.crowd_mood % 8 - 1,
        favour=(favour[0], favour[1], favour[2], favour[3]),
    )
