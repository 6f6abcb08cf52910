"""The mutable parts of a match that are not the crowd: players, systems, drones."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.kinds import NodeKind
from game.levels.model import Level

__all__ = ["Drone", "PlayerState", "Systems"]

PLAYER_RADIUS = 0.3


@dataclass(slots=True)
class PlayerState:
    seat: int
    x: float
    y: float
    face_x: float = 0.0
    face_y: float = 1.0
    patch_node: int = -1
    patch_progress: float = 0.0  # 0..1
    patching: bool = False  # held Patch on a node this tick
    ability_cd: int = 0  # ticks until the ability is ready
    action_cd: int = 0
    effect_ticks: int = 0  # Kiran's aura
    fragments: int = 0
    patches: int = 0
    abilities: int = 0
    actions: int = 0


@dataclass(slots=True)
class Drone:
    owner: int
    x: float
    y: float
    ticks_left: int
    target: int = -1
    progress: float = 0.0


class Systems:
    """The systems graph: integrity, infection, crashes, immunity and firewalls."""

    def __init__(self, level: Level) -> None:
        n = len(level.nodes)
        self.xy = np.array([[s.x + 0.5, s.y + 0.5] for s in level.nodes])
        self.kind = np.array([int(s.kind) for s in level.nodes], dtype=np.int8)
        self.is_vault = self.kind == int(NodeKind.VAULT)
        p = level.rules.patch
        work = {NodeKind.CORE: p.work_core, NodeKind.VAULT: p.work_vault}
        self.work = [work.get(s.kind, p.work_other) for s in level.nodes]  # seconds at rate 1
        self.owner = np.array([s.owner for s in level.nodes], dtype=np.int8)
        self.integrity = np.full(n, 100.0)
        self.infected = np.zeros(n, dtype=bool)
        self.crashed = np.zeros(n, dtype=bool)
        self.immune = np.zeros(n, dtype=np.int32)  # ticks left
        self.link_a = np.array([a for a, _ in level.links], dtype=np.int64)
        self.link_b = np.array([b for _, b in level.links], dtype=np.int64)
        self.firewall = np.zeros(len(level.links), dtype=np.int32)  # ticks left
        # Fixed for the match, kept as Python values for the per-node loops.
        self.links_a = [a for a, _ in level.links]
        self.links_b = [b for _, b in level.links]
        self.vaults = [i for i, s in enumerate(level.nodes) if s.kind is NodeKind.VAULT]
        owners = [s.owner for s in level.nodes]
        self.owned_by = [[i for i, o in enumerate(owners) if o == seat] for seat in range(4)]

    @property
    def count(self) -> int:
        return len(self.integrity)

    def infected_share(self) -> float:
        return float(self.infected.sum()) / max(1, self.count)
