"""The game's vocabulary, defined once and shared by every layer.

Characters, modes, phases, difficulties, event kinds and node kinds. Each is an
``IntEnum`` (the simulation indexes arrays and hashes state with the numbers) whose
``id`` is its lowercase name: the string that level files, the command line, replays and
the wire use. A leaf module with no imports from the game, so the level loader (the
bottom layer) can use it too.
"""

from __future__ import annotations

import enum
import re
from typing import Self

__all__ = [
    "CHARACTER_IDS",
    "CHARACTER_NAMES",
    "DIFFICULTY_IDS",
    "MODE_IDS",
    "Character",
    "Difficulty",
    "EventKind",
    "Kind",
    "Mode",
    "NodeKind",
    "Phase",
]


class Kind(enum.IntEnum):
    """A word of the vocabulary: a number inside the game, ``id`` outside it."""

    @property
    def id(self) -> str:
        return self.name.lower()

    @classmethod
    def ids(cls) -> tuple[str, ...]:
        return tuple(m.id for m in cls)

    @classmethod
    def from_id(cls, ident: str) -> Self:
        """The member named ``ident``; a ValueError naming the choices otherwise."""
        for member in cls:
            if member.id == ident:
                return member
        what = re.sub(r"(?<!^)(?=[A-Z])", " ", cls.__name__).lower()
        raise ValueError(f"unknown {what} {ident!r} (choose from {', '.join(cls.ids())})")


class Character(Kind):
    """The four playable characters; the value is also the seat index."""

    KIRAN = 0
    MAX = 1
    VOSS = 2
    JENNA = 3


CHARACTER_IDS: tuple[str, ...] = Character.ids()
CHARACTER_NAMES: tuple[str, ...] = ("Dr. Leila Kiran", "Max", "Dr. Milena Voss", "Jenna")


class Phase(Kind):
    LOBBY = 0
    COUNTDOWN = 1
    LIVE = 2
    CLIMAX = 3
    RESULTS = 4


class Mode(Kind):
    SHOWDOWN = 0
    ALLIANCE = 1


MODE_IDS: tuple[str, ...] = Mode.ids()


class Difficulty(Kind):
    """How good the bots are (see ``game.bots.difficulty`` for what each level means)."""

    EASY = 0
    NORMAL = 1
    HARD = 2


DIFFICULTY_IDS: tuple[str, ...] = Difficulty.ids()


class EventKind(Kind):
    """Everything that can happen in a match: the one table of event names.

    The simulation emits the first sixteen; the server adds the four about players.
    ``id`` is the ``kind`` of the ``event`` message (docs/PROTOCOL.md, section 7.3), except
    ``END``, which travels as the ``end`` message instead.
    """

    PHASE = 0  # value = new Phase
    INFECT = 1  # node got infected
    CRASH = 2  # node crashed
    PATCH = 3  # seat patched node (value 1 when by a drone)
    SURGE = 4  # scripted surge; text = message
    SHUTDOWN = 5  # scripted shutdown; text = message
    PANIC_WAVE = 6  # scripted panic wave at (x, y); text = message
    REASSURE = 7
    FIREWALL = 8  # node = link index
    MASTER_PATCH = 9
    DRONE = 10
    SHOWCASE = 11  # value > 0 success (favour won), < 0 backfire
    POST = 12  # value = followers won
    BREACH = 13
    CONTAINED = 14
    END = 15  # value = Outcome
    PLAYER_JOINED = 16
    PLAYER_LEFT = 17
    BOT_TOOK_OVER = 18
    PLAYER_RETURNED = 19


class NodeKind(Kind):
    CORE = 0
    KIOSK = 1
    ROBOT = 2
    SCREEN = 3
    ROUTER = 4
    VAULT = 5
