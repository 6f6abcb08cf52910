"""A match being played in a room: inputs in, one tick, snapshots and events out.

Inputs arrive whenever the network delivers them; the tick takes the newest one per
seat. ``ability`` and ``action`` are presses, not holds, so they are latched: true
if any input since the last tick said true, so a tap shorter than a tick still
counts. Snapshots are quantised once per send for the whole room
(:class:`SnapshotBuilder`) and delta-encoded per client against what that client was
last sent (:class:`SnapshotEncoder`).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from game.levels.model import Level
from game.match import Match
from game.match_config import MatchConfig
from game.net import InputMsg, SnapshotBuilder, SnapshotEncoder
from game.sim import Input

if TYPE_CHECKING:
    from server.lobby import Session

__all__ = ["SNAP_EVERY", "Play", "SeatInput"]

SNAP_EVERY = 2
"""Ticks between snapshots: 15 Hz at the default 30 Hz tick; clients interpolate."""


@dataclass(slots=True)
class SeatInput:
    """The newest input a human sent for one seat, with presses latched until used."""

    current: Input = field(default_factory=Input)
    ability: bool = False
    action: bool = False
    seq: int | None = None  # newest seq received
    applied: int | None = None  # newest seq a tick has used

    def take(self) -> Input:
        """The input for this tick; clears the latches and marks ``seq`` applied."""
        cur = self.current
        inp = cur
        if (self.ability and not cur.ability) or (self.action and not cur.action):
            inp = Input(cur.move_x, cur.move_y, cur.patch, self.ability, self.action)
        self.ability = self.action = False
        self.applied = self.seq
        return inp


@dataclass(slots=True)
class Viewer:
    """What one member of the room has been sent."""

    encoder: SnapshotEncoder = field(default_factory=SnapshotEncoder)


class Play:
    """One match and everything the server keeps about it besides the room's seats."""

    def __init__(
        self,
        level: Level,
        config: MatchConfig,
        humans: frozenset[int],
    ) -> None:
        self.match = Match(level, config, humans=humans, checkpoints=True)
        self.inputs = {seat: SeatInput() for seat in humans}
        self.viewers: dict[Session, Viewer] = {}
        self.started_by: dict[int, Session] = {}  # seat -> the human who started there
        self.builder = SnapshotBuilder()
        self.started_at = time.time()
        self._perf = time.perf_counter()

    @property
    def tick(self) -> int:
        return self.match.world.tick

    @property
    def wall_s(self) -> float:
        return time.perf_counter() - self._perf

    def on_input(self, seat: int, msg: InputMsg, viewer: Viewer) -> None:
        """Keep the newest input for the seat; a null ack may ask for a full snapshot."""
        viewer.encoder.acked(msg.ack)
        state = self.inputs.setdefault(seat, SeatInput())
        if state.seq is not None and msg.seq <= state.seq:
            return  # a stale input (TCP keeps order, so only a buggy client sends these)
        state.seq = msg.seq
        state.current = Input(msg.move[0], msg.move[1], msg.patch, msg.ability, msg.action)
        state.ability |= msg.ability
        state.action |= msg.action

    @property
    def anyone_played(self) -> bool:
        """Whether a tick has used any human's input: an abandoned match is not history."""
        return any(state.applied is not None for state in self.inputs.values())

    def step(self, human_seats: Iterable[int]) -> list[Any]:
        """Advance one tick with the connected humans' inputs; returns the sim events."""
        inputs = {seat: self.inputs[seat].take() for seat in human_seats if seat in self.inputs}
        return self.match.step(inputs)

    def reset_viewer(self, session: Session, spectator: bool) -> Viewer:
        """A fresh snapshot stream, so the next snapshot for this member is full."""
        viewer = Viewer()
        self.viewers[session] = viewer
        if session.seat is not None and session.seat in self.inputs:
            state = self.inputs[session.seat]
            state.seq = state.applied = None  # a new connection may restart its seq
        return viewer

    def send_snaps(self, members: Iterable[Session]) -> None:
        """Build this tick's snapshot once and queue each member its delta."""
        tick = self.tick
        snapshot = self.builder.build(self.match.world)
        for session in members:
            if not session.connected or not session.outbox.wants_snap():
                continue
            viewer = self.viewers.get(session) or self.reset_viewer(session, session.seat is None)
            ack_seq = None
            if session.seat is not None and session.seat in self.inputs:
                ack_seq = self.inputs[session.seat].applied
            session.outbox.send_frame(viewer.encoder.frame(tick, snapshot, ack_seq))
