"""Snapshot streams, sans I/O: the encoder on the server, the decoder on the client.

TCP delivers every frame once and in order, so each delta is built against the
snapshot last **sent** on the connection, and the client applies it to the one it
last **received**: the same state, whatever the round-trip time. Acks no longer
choose the base; an ack of ``null`` after the client had confirmed a full
snapshot asks for a new one (a client that lost track), and ``ack_seq`` still
tells the client which of its inputs the server applied.

An encoder's frames depend only on the snapshots fed to it, so one encoder can
feed many connections at once (every spectator of a room): a member joining
mid-stream gets :meth:`SnapshotEncoder.full_frame`, then the shared frames.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.net.codec import pack
from game.net.delta import Encoded, WireState, decode, encode, snapshot_of, wire_state
from game.net.errors import ProtocolError
from game.net.server_messages import Snap
from game.net.snapshot import Snapshot

__all__ = ["Decoded", "SnapshotDecoder", "SnapshotEncoder"]


class SnapshotEncoder:
    """One outgoing snapshot stream: a client's own, or one shared by spectators."""

    def __init__(self) -> None:
        self._last: WireState | None = None
        self._full_tick: int | None = None
        self._confirmed = False
        self.last: Encoded | None = None  # the newest payload and its byte split

    @property
    def tick(self) -> int | None:
        """The tick of the snapshot last encoded (None: the next one is full)."""
        return None if self._last is None else self._last.tick

    def reset(self) -> None:
        """Send the next snapshot whole (a new member, a rejoin, a lost client)."""
        self._last = None
        self._confirmed = False

    def acked(self, ack: int | None) -> None:
        """Note a client's ``input.ack``; a null one after a confirmed full asks for another."""
        if ack is None:
            if self._confirmed:
                self.reset()
        elif self._full_tick is not None and ack >= self._full_tick:
            self._confirmed = True

    def snap(self, tick: int, snapshot: Snapshot, ack_seq: int | None = None) -> Snap:
        """The ``snap`` for ``tick``: a delta against the last one encoded, or full."""
        new = wire_state(snapshot, tick, ack_seq)
        if self._last is not None and self._last.tick >= tick:
            self.reset()  # a tick repeated (cannot happen in a running match): start over
        if self._last is None:
            self._full_tick = tick
        self.last = encode(self._last, new)
        self._last = new
        return Snap(tick, self.last.payload)

    def frame(self, tick: int, snapshot: Snapshot, ack_seq: int | None = None) -> bytes:
        """:meth:`snap` as one binary frame."""
        return pack(self.snap(tick, snapshot, ack_seq).to_wire())

    def full_frame(self) -> bytes | None:
        """The last snapshot encoded, whole: what a member joining this stream gets first."""
        if self._last is None:
            return None
        return pack(Snap(self._last.tick, encode(None, self._last).payload).to_wire())


@dataclass(frozen=True, slots=True)
class Decoded:
    """One received snapshot, and the newest input ``seq`` the server had applied."""

    tick: int
    snapshot: Snapshot
    ack_seq: int | None


class SnapshotDecoder:
    """Client side: applies each ``snap`` to the previous one and says what to ack."""

    def __init__(self) -> None:
        self._state: WireState | None = None
        self._resync = False

    @property
    def state(self) -> WireState | None:
        """What the last snapshot left (for tools that re-encode it)."""
        return self._state

    @property
    def ack(self) -> int | None:
        """``input.ack``: the newest tick applied, or None to ask for a full snapshot."""
        return None if self._resync or self._state is None else self._state.tick

    def receive(self, snap: Snap) -> Decoded:
        """The snapshot in ``snap``. A ProtocolError (a delta that does not fit) makes
        the client ack None until a snapshot fits again (the full one it asks for)."""
        try:
            state = decode(self._state, snap.data, snap.tick)
            snapshot, ack_seq = snapshot_of(state)
        except ProtocolError:
            self._resync = True
            raise
        self._state, self._resync = state, False
        return Decoded(snap.tick, snapshot, ack_seq)
