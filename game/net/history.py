"""Per-client snapshot bookkeeping on both ends of a connection.

The server keeps what it sent to one client (:class:`SnapshotHistory`) and deltas
each new snapshot against the newest tick that client acknowledged; the client keeps
what it received (:class:`SnapshotReceiver`) to rebuild full state from a delta. Over
a WebSocket nothing is lost, but the server may skip snapshots for a slow client and
acks lag a round trip, so both sides key snapshots by tick rather than by order.
"""

from __future__ import annotations

from game.net.delta import Snapshot, apply, check_snapshot, diff
from game.net.errors import ProtocolError, UnknownBaseError
from game.net.server_messages import Snap

__all__ = ["HISTORY_TICKS", "SnapshotHistory", "SnapshotReceiver"]

HISTORY_TICKS = 64
"""Snapshots kept per client: 2.1 s at 30 Hz, so acks up to that old still get deltas."""


class _ByTick:
    """An insertion-ordered map of tick to snapshot that forgets its oldest entries."""

    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self._snaps: dict[int, Snapshot] = {}

    def put(self, tick: int, snapshot: Snapshot) -> None:
        self._snaps.pop(tick, None)
        self._snaps[tick] = snapshot
        while len(self._snaps) > self.capacity:
            del self._snaps[next(iter(self._snaps))]

    def get(self, tick: int | None) -> Snapshot | None:
        return None if tick is None else self._snaps.get(tick)

    def drop_before(self, tick: int) -> None:
        for old in [t for t in self._snaps if t < tick]:
            del self._snaps[old]

    def __len__(self) -> int:
        return len(self._snaps)


class SnapshotHistory:
    """Server side, one per client: turns each tick's snapshot into that client's ``snap``."""

    def __init__(self, capacity: int = HISTORY_TICKS) -> None:
        self._sent = _ByTick(capacity)

    def base_for(self, ack: int | None) -> Snapshot | None:
        """The snapshot the client acknowledged, or None when a full one must go."""
        return self._sent.get(ack)

    def snap(
        self, tick: int, snapshot: Snapshot, ack: int | None, ack_seq: int | None = None
    ) -> Snap:
        """Record ``snapshot`` as sent at ``tick`` and build the message for it.

        ``ack`` is the client's latest ``input.ack``. Acks only move forward on one
        connection, so snapshots older than it can never be a base again.
        """
        base = self.base_for(ack) if ack is not None and ack < tick else None
        if ack is not None and base is not None:
            self._sent.drop_before(ack)
        self._sent.put(tick, snapshot)
        if base is None:
            return Snap(tick=tick, data=snapshot, base=None, ack_seq=ack_seq)
        return Snap(tick=tick, data=diff(base, snapshot), base=ack, ack_seq=ack_seq)

    def __len__(self) -> int:
        return len(self._sent)


class SnapshotReceiver:
    """Client side: rebuilds full snapshots and says which tick to acknowledge."""

    def __init__(self, capacity: int = HISTORY_TICKS) -> None:
        self._received = _ByTick(capacity)
        self._latest: int | None = None
        self._resync = False

    @property
    def ack(self) -> int | None:
        """What to send as ``input.ack``: the newest tick held, None to ask for a full."""
        return None if self._resync else self._latest

    def get(self, tick: int) -> Snapshot | None:
        return self._received.get(tick)

    def receive(self, snap: Snap) -> Snapshot:
        """The full snapshot for ``snap.tick``.

        Raises :class:`UnknownBaseError` (or another ProtocolError for a malformed
        delta) and acks None from then on, until a full snapshot arrives.
        """
        try:
            if snap.base is None:
                snapshot = check_snapshot(snap.data)
            else:
                base = self._received.get(snap.base)
                if base is None:
                    raise UnknownBaseError(snap.base)
                snapshot = apply(base, snap.data)
        except ProtocolError:
            self._resync = True
            raise
        if snap.base is None:
            self._resync = False
        self._received.put(snap.tick, snapshot)
        if self._latest is None or snap.tick > self._latest:
            self._latest = snap.tick
        return snapshot
