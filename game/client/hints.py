"""First-match hints: one line the first time each new thing happens near the player.

Which hints a player has seen is kept in their settings, so each shows once ever,
in the first match where it happens. Plain logic: the match screen feeds it events
and draws what it returns.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from game.client.model import GameEvent
from game.kinds import EventKind, NodeKind
from game.levels.model import Level
from game.sim.observation import Observation

__all__ = ["HINT_IDS", "Hint", "Hints"]

NEAR_TILES = 9.0
"""An infection this close to the player is "near you" (about half a screen)."""


@dataclass(frozen=True)
class Hint:
    key: str
    text: str


def _texts(patch: str) -> dict[str, str]:
    return {
        "infect": f"A system near you turned pink: infected. Stand beside it and hold {patch}.",
        "vault": "The vault is infected: the DATA LEAK meter fills. Full is a breach for all.",
        "crash": "A system crashed: it spreads faster and scares visitors away. Patch it soon.",
        "surge": "A glitch surge infects systems at once: follow the pink arrows at the edges.",
    }


HINT_IDS: tuple[str, ...] = tuple(_texts(""))


class Hints:
    """Which hint to show now, if any; ``seen`` is updated in place (persist it)."""

    def __init__(self, level: Level, seen: list[str], patch_key: str = "Space") -> None:
        self.level = level
        self.seen = seen
        self.texts = _texts(patch_key)

    def update(
        self, events: Iterable[GameEvent], obs: Observation | None, seat: int | None
    ) -> Hint | None:
        """The first new hint these events call for, or None."""
        for ev in events:
            key = self._key(ev, obs, seat)
            if key is not None and key not in self.seen:
                self.seen.append(key)
                return Hint(key, self.texts[key])
        return None

    def _key(self, ev: GameEvent, obs: Observation | None, seat: int | None) -> str | None:
        if ev.kind in (EventKind.CRASH, EventKind.SURGE):
            return ev.kind.id
        if ev.kind is not EventKind.INFECT or ev.node is None or ev.node >= len(self.level.nodes):
            return None
        node = self.level.nodes[ev.node]
        if node.kind is NodeKind.VAULT:
            return "vault"
        if obs is None or seat is None:
            return None
        me = obs.players[seat]
        near = math.hypot(node.x + 0.5 - me.x, node.y + 0.5 - me.y) <= NEAR_TILES
        return "infect" if near else None
