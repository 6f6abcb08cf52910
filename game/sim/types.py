"""The one input type: what humans, bots and replays all feed the simulation."""

from __future__ import annotations

from dataclasses import dataclass

from game.kinds import (
    CHARACTER_IDS,
    CHARACTER_NAMES,
    MODE_IDS,
    Character,
    Mode,
    NodeKind,
    Phase,
)

__all__ = [
    "CHARACTER_IDS",
    "CHARACTER_NAMES",
    "MODE_IDS",
    "Character",
    "Input",
    "Mode",
    "NodeKind",
    "Phase",
    "clamp",
]


def clamp(value: float, low: float, high: float) -> float:
    return low if value < low else high if value > high else value


MOVE_STEPS = 127


@dataclass(frozen=True, slots=True)
class Input:
    """One seat's input for one tick. ``Input()`` means no input: idle or disconnected.

    The move vector is quantised to 1/127 steps on construction so that what a
    replay or the network carries is exactly what the simulation used.
    """

    move_x: float = 0.0
    move_y: float = 0.0
    patch: bool = False
    ability: bool = False
    action: bool = False

    def __post_init__(self) -> None:
        qx = round(clamp(float(self.move_x), -1.0, 1.0) * MOVE_STEPS) / MOVE_STEPS
        qy = round(clamp(float(self.move_y), -1.0, 1.0) * MOVE_STEPS) / MOVE_STEPS
        object.__setattr__(self, "move_x", qx)
        object.__setattr__(self, "move_y", qy)

    def pack(self) -> int:
        """A single int for replays: 8 bits per axis plus three flag bits."""
        qx = round(self.move_x * MOVE_STEPS) + MOVE_STEPS
        qy = round(self.move_y * MOVE_STEPS) + MOVE_STEPS
        flags = int(self.patch) | int(self.ability) << 1 | int(self.action) << 2
        return qx | qy << 8 | flags << 16

    @classmethod
    def unpack(cls, packed: int) -> Input:
        qx = (packed & 0xFF) - MOVE_STEPS
        qy = (packed >> 8 & 0xFF) - MOVE_STEPS
        flags = packed >> 16
        return cls(
            qx / MOVE_STEPS, qy / MOVE_STEPS, bool(flags & 1), bool(flags & 2), bool(flags & 4)
        )
