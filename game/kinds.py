"""The game's vocabulary, shared by every layer: characters, phases, modes, node kinds.

A leaf module with no imports from the game, so the level loader (the bottom layer)
can use it too."""

from __future__ import annotations

import enum

__all__ = [
    "CHARACTER_IDS",
    "CHARACTER_NAMES",
    "MODE_IDS",
    "Character",
    "Mode",
    "NodeKind",
    "Phase",
]


class Character(enum.IntEnum):
    """The four playable characters; the value is also the seat index."""

    KIRAN = 0
    MAX = 1
    VOSS = 2
    JENNA = 3

    @property
    def id(self) -> str:
        return CHARACTER_IDS[self.value]

    @classmethod
    def from_id(cls, ident: str) -> Character:
        try:
            return cls(CHARACTER_IDS.index(ident))
        except ValueError:
            raise ValueError(
                f"unknown character {ident!r} (choose from {', '.join(CHARACTER_IDS)})"
            ) from None


CHARACTER_IDS: tuple[str, ...] = ("kiran", "max", "voss", "jenna")
CHARACTER_NAMES: tuple[str, ...] = ("Dr. Leila Kiran", "Max", "Dr. Milena Voss", "Jenna")


class Phase(enum.IntEnum):
    LOBBY = 0
    COUNTDOWN = 1
    LIVE = 2
    CLIMAX = 3
    RESULTS = 4


class Mode(enum.IntEnum):
    SHOWDOWN = 0
    ALLIANCE = 1

    @property
    def id(self) -> str:
        return MODE_IDS[self.value]

    @classmethod
    def from_id(cls, ident: str) -> Mode:
        try:
            return cls(MODE_IDS.index(ident))
        except ValueError:
            raise ValueError(
                f"unknown mode {ident!r} (choose from {', '.join(MODE_IDS)})"
            ) from None


MODE_IDS: tuple[str, ...] = ("showdown", "alliance")


class NodeKind(enum.IntEnum):
    CORE = 0
    KIOSK = 1
    ROBOT = 2
    SCREEN = 3
    ROUTER = 4
    VAULT = 5

    @property
    def id(self) -> str:
        return self.name.lower()
