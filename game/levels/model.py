"""Typed, validated level data. Everything here is plain and immutable after loading."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from game.kinds import EventKind, NodeKind

__all__ = [
    "CharacterRules",
    "CrowdRules",
    "MAP_MAX",
    "MAP_MIN",
    "SCRIPTED_KINDS",
    "GlitchRules",
    "Level",
    "MatchRules",
    "NodeSpec",
    "PatchRules",
    "Poi",
    "PoiKind",
    "Rules",
    "ScriptedEvent",
    "Tile",
]


MAP_MIN = (8, 6)
"""Smallest map, in tiles (width, height)."""
MAP_MAX = (120, 80)
"""Largest map, in tiles (width, height): the loader refuses bigger ones and the wire
protocol carries every position up to it (docs/PROTOCOL.md, section 7)."""


def num(low: float, high: float) -> dict[str, float]:
    """Field metadata: the inclusive range a tunable number must fall in."""
    return {"min": low, "max": high}


class Tile(enum.IntEnum):
    FLOOR = 0
    WALL = 1
    BOOTH = 2
    STAGE = 3
    AUDIENCE = 4
    DOOR = 5
    EXIT = 6
    TESTIMONIAL = 7
    FLOOR_ALT = 8
    NODE = 9  # a system stands here; set by the loader from the node list


TILE_CHARS: dict[str, Tile] = {
    ".": Tile.FLOOR,
    ",": Tile.FLOOR_ALT,
    "#": Tile.WALL,
    "B": Tile.BOOTH,
    "S": Tile.STAGE,
    "a": Tile.AUDIENCE,
    "D": Tile.DOOR,
    "E": Tile.EXIT,
    "T": Tile.TESTIMONIAL,
}
SPAWN_CHARS = "1234"
SOLID_TILES = frozenset({Tile.WALL, Tile.BOOTH, Tile.NODE})


class PoiKind(enum.IntEnum):
    BOOTH = 0
    STAGE = 1
    EXIT = 2
    TESTIMONIAL = 3
    LOUNGE = 4


SCRIPTED_KINDS: tuple[EventKind, ...] = (
    EventKind.SURGE,  # infect the listed nodes (or `random` clean ones)
    EventKind.SHUTDOWN,  # the listed nodes crash outright: integrity 0, infected
    EventKind.PANIC_WAVE,  # panic rises around a point
)
"""The event kinds a level may script."""


@dataclass(frozen=True)
class MatchRules:
    countdown_s: float = field(metadata=num(0, 10))
    climax_s: float = field(metadata=num(0, 300))
    contain_hold_s: float = field(metadata=num(1, 60))
    contain_bonus: float = field(metadata=num(0, 1))
    bots: int = field(metadata=num(0, 1))


@dataclass(frozen=True)
class GlitchRules:
    spread_rate: float = field(metadata=num(0, 5))
    resistance: float = field(metadata=num(0, 1))
    integrity_loss: float = field(metadata=num(0, 100))
    crash_spread_mult: float = field(metadata=num(1, 10))
    climax_spread_mult: float = field(metadata=num(1, 10))
    regen: float = field(metadata=num(0, 100))
    patched_integrity: float = field(metadata=num(1, 100))
    immune_s: float = field(metadata=num(0, 120))
    leak_rate: float = field(metadata=num(0, 1))
    crash_leak_mult: float = field(metadata=num(1, 10))
    crash_panic: float = field(metadata=num(0, 1))
    crash_panic_radius: float = field(metadata=num(0, 50))


@dataclass(frozen=True)
class CrowdRules:
    count: int = field(metadata=num(10, 400))
    speed: float = field(metadata=num(0.1, 10))
    panic_speed_mult: float = field(metadata=num(1, 5))
    sight_radius: float = field(metadata=num(0.5, 50))
    panic_radius: float = field(metadata=num(0.5, 50))
    infected_panic: float = field(metadata=num(0, 5))
    crashed_panic: float = field(metadata=num(0, 5))
    calm_rate: float = field(metadata=num(0, 5))
    panic_threshold: float = field(metadata=num(0.05, 1))
    favour_decay: float = field(metadata=num(0, 5))
    witness_gain: float = field(metadata=num(0, 1))
    presence_gain: float = field(metadata=num(0, 1))
    presence_radius: float = field(metadata=num(0, 20))
    testimonial_gain: float = field(metadata=num(0, 1))
    dwell_min_s: float = field(metadata=num(0, 120))
    dwell_max_s: float = field(metadata=num(0, 120))
    separation: float = field(metadata=num(0, 10))
    climax_stage_pull: float = field(metadata=num(0, 1))
    underdog: float = field(metadata=num(0, 2))


@dataclass(frozen=True)
class PatchRules:
    range: float = field(metadata=num(0.5, 5))
    work_core: float = field(metadata=num(0.1, 60))
    work_vault: float = field(metadata=num(0.1, 60))
    work_other: float = field(metadata=num(0.1, 60))
    crashed_mult: float = field(metadata=num(1, 10))


@dataclass(frozen=True)
class CharacterRules:
    """Every character's numbers; each character uses the ones that apply to it."""

    speed: float = field(metadata=num(0.5, 12))
    patch_rate: float = field(metadata=num(0.05, 10))
    ability_cooldown_s: float = field(metadata=num(0, 300))
    action_cooldown_s: float = field(metadata=num(0, 300))
    witness_mult: float = field(metadata=num(0, 10))
    # Kiran
    reassure_radius: float = field(metadata=num(0, 50))
    reassure_s: float = field(metadata=num(0, 60))
    reassure_calm: float = field(metadata=num(0, 10))
    reassure_gain: float = field(metadata=num(0, 1))
    reassure_calm_gain: float = field(metadata=num(0, 5))
    # Max
    firewall_s: float = field(metadata=num(0, 120))
    master_fragments: int = field(metadata=num(1, 50))
    master_immune_s: float = field(metadata=num(0, 300))
    master_gain: float = field(metadata=num(0, 1))
    # Voss
    drone_s: float = field(metadata=num(0, 300))
    drone_speed: float = field(metadata=num(0, 20))
    drone_patch_rate: float = field(metadata=num(0, 10))
    showcase_max_infected: float = field(metadata=num(0, 1))
    showcase_gain: float = field(metadata=num(0, 1))
    showcase_backfire: float = field(metadata=num(0, 1))
    reputation_loss: float = field(metadata=num(0, 1))
    # Jenna
    post_calm: float = field(metadata=num(0, 1))
    post_gain: float = field(metadata=num(0, 1))
    post_threshold: float = field(metadata=num(0, 1))


@dataclass(frozen=True)
class Rules:
    match: MatchRules
    glitch: GlitchRules
    crowd: CrowdRules
    patch: PatchRules
    characters: tuple[CharacterRules, CharacterRules, CharacterRules, CharacterRules]


@dataclass(frozen=True)
class NodeSpec:
    id: str
    kind: NodeKind
    x: int
    y: int
    owner: int  # seat index of the character whose reputation it carries, or -1
    name: str


@dataclass(frozen=True)
class Poi:
    name: str
    kind: PoiKind
    x: int
    y: int
    weight: float


@dataclass(frozen=True)
class ScriptedEvent:
    at_s: float
    kind: EventKind
    nodes: tuple[int, ...]  # node indices
    random: int  # how many random clean nodes a surge also infects
    x: float
    y: float
    radius: float
    strength: float
    message: str


@dataclass(frozen=True)
class Level:
    id: str
    title: str
    story: str
    description: str
    duration_s: float
    width: int
    height: int
    tiles: tuple[tuple[int, ...], ...]  # [y][x] Tile values
    spawns: tuple[tuple[float, float], ...]  # one per seat, tile-centre coordinates
    nodes: tuple[NodeSpec, ...]
    links: tuple[tuple[int, int], ...]
    seed_nodes: tuple[int, ...]
    pois: tuple[Poi, ...]
    events: tuple[ScriptedEvent, ...]
    rules: Rules
    source: str = field(default="", repr=False, compare=False)  # the file text, for replays
