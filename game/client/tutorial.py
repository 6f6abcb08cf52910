"""The tutorial's lesson plan: one step at a time, each done when the player has done it.

The :class:`Coach` is plain logic, no pygame: it reads the match the player sees (the
newest :class:`Observation` and the events of the frame) and says which step is up.
A "do" step advances when the player has done the thing (walked, patched, used the
ability); a "read" step advances when the player confirms, and only after it has been
on screen long enough to be read. The words name the player's own bindings.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from game.client.input import Bindings
from game.kinds import EventKind
from game.sim.observation import Observation

__all__ = ["READ_DELAY_S", "Coach", "Step", "lesson"]

READ_DELAY_S = 1.5
"""A read step ignores confirm this long, so a held patch key does not skip it unread."""
MOVE_TILES = 2.0
FAVOUR_GAIN = 1.0


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    lines: tuple[str, ...]
    read: bool = False  # advances on confirm rather than on something done


_ABILITY = (
    "Reassure: an aura that calms the visitors around you and wins them over.",
    "Firewall: blocks the nearest link the glitch is about to cross.",
    "Automate: a repair drone flies off and patches an infected system by itself.",
    "Post: calms everyone and turns panicked visitors into your followers.",
)
_ACTION = {
    1: (
        "Master Patch: at the core (the hexagon at the top of this room), with enough code",
        "fragments, it cures the core and makes every system immune for a while.",
        "Each patch earns a fragment; here one is enough. Walk to the core and press {action}.",
    ),
    2: (
        "Showcase: on the main stage (the dark platform, right), a demo that wins",
        "a burst of favour while the glitch is out of sight, and backfires if not.",
        "Walk onto the stage and press {action}.",
    ),
}


def lesson(seat: int, b: Bindings) -> list[Step]:
    """The steps for the character in ``seat``, worded with the player's bindings."""
    words = {"patch": b.key("patch"), "ability": b.key("ability"), "action": b.key("action")}
    steps = [
        Step(
            "move",
            "MOVE",
            (f"Walk with {b.move()}.", "Take a few steps around the training room."),
        ),
        Step(
            "patch",
            "PATCH",
            (
                "The glitch turns systems pink. The kiosk near you is infected.",
                f"Stand right beside it and HOLD {words['patch']} until its ring fills.",
                "Walk away and the progress is lost.",
            ),
        ),
        Step(
            "ability",
            "YOUR ABILITY",
            (_ABILITY[seat], f"Press {words['ability']}. It then needs a while to recharge."),
        ),
    ]
    if seat in _ACTION:
        lines = tuple(line.format(**words) for line in _ACTION[seat])
        steps.append(Step("action", "YOUR SECOND ACTION", lines))
    steps += [
        Step(
            "favour",
            "WIN THE CROWD",
            (
                "Favour is your score. Visitors who SEE you patch favour you most;",
                "standing among calm visitors wins a little every second.",
                "Panic (red marks) near infected or crashed systems makes them flee",
                "and forget you. Walk among the visitors until your favour grows.",
            ),
        ),
        Step(
            "leak",
            "THE LEAK METER",
            (
                "Top of the screen: DATA LEAK. An infected vault fills it;",
                "full is a breach and the match ends badly for everyone.",
                "A crashed system (integrity 0) spreads faster and panics the hall.",
            ),
            read=True,
        ),
        Step(
            "modes",
            "TWO MODES",
            (
                "Showdown: every player for themselves, the highest favour wins.",
                "Alliance: everyone against the glitch, rated 1-3 stars. An Alliance",
                "that ends with systems still infected is lost.",
            ),
            read=True,
        ),
        Step(
            "done",
            "READY",
            (
                "That is the game. Esc pauses (the match goes on under the menu);",
                "the pause screen explains everything on screen.",
            ),
            read=True,
        ),
    ]
    return steps


class Coach:
    """Which step is up, from what the player did; see the module docstring."""

    def __init__(self, seat: int, bindings: Bindings) -> None:
        self.seat = seat
        self.steps = lesson(seat, bindings)
        self.index = 0
        self.shown_s = 0.0  # how long the current step has been on screen
        self._start_xy: tuple[float, float] | None = None
        self._start_favour: float | None = None
        self._patched = False

    @property
    def step(self) -> Step:
        return self.steps[min(self.index, len(self.steps) - 1)]

    @property
    def finished(self) -> bool:
        return self.index >= len(self.steps)

    def rebind(self, bindings: Bindings) -> None:
        """The player changed keys or plugged in a pad: reword, keep the place."""
        self.steps = lesson(self.seat, bindings)

    def skip(self) -> None:
        self._next()

    def confirm(self) -> None:
        if not self.finished and self.step.read and self.shown_s >= READ_DELAY_S:
            self._next()

    def update(self, dt: float, obs: Observation | None, events: Iterable[EventKind]) -> None:
        """One frame: ``events`` are the kinds of this frame's events by this player."""
        self.shown_s += dt
        kinds = set(events)
        if EventKind.PATCH in kinds:
            self._patched = True
        if obs is None or self.finished or self.step.read:
            return
        if self._done(obs, kinds):
            self._next()

    def _done(self, obs: Observation, kinds: set[EventKind]) -> bool:
        me = obs.players[self.seat]
        key = self.step.key
        if key == "move":
            if self._start_xy is None:
                self._start_xy = (me.x, me.y)
            sx, sy = self._start_xy
            return math.hypot(me.x - sx, me.y - sy) >= MOVE_TILES
        if key == "patch":
            return self._patched or me.patches > 0
        if key == "ability":
            return me.ability_cd > 0
        if key == "action":
            return me.action_cd > 0
        if key == "favour":
            if self._start_favour is None:
                self._start_favour = obs.favour[self.seat]
            return obs.favour[self.seat] - self._start_favour >= FAVOUR_GAIN
        return False

    def _next(self) -> None:
        self.index += 1
        self.shown_s = 0.0
        self._start_favour = None
