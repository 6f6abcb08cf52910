"""What the server has decided one member should receive, before any socket sees it.

Sans-I/O, like websockets' ``data_to_send()``: rooms, the lobby and the server's
room bookkeeping only append encoded frames (and at most one close) to a session's
:class:`Outbox`; the connection layer drains every outbox that has something
(:meth:`Postbox.drain`) into its socket's writer after each tick and each handled
message. So a room runs, and is tested, with no websocket and no event loop, and
this queue is the one place a frame for a member is produced.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from game.net import encode
from game.net.codec import Wire

__all__ = ["SNAP_BACKLOG", "Close", "Outbox", "Postbox"]

T = TypeVar("T")

SNAP_BACKLOG = 8
"""Frames waiting to go out above which a member misses snapshots (not other messages)."""


@dataclass(frozen=True, slots=True)
class Close:
    """Close the member's connection after the frames before it."""

    code: int
    reason: str


class Postbox(Generic[T]):
    """Which owners (sessions) have frames waiting, in the order they got them."""

    def __init__(self) -> None:
        self._pending: dict[T, None] = {}

    def outbox(self, owner: T) -> Outbox:
        """A new outbox that reports to this postbox when it gets a frame."""
        return Outbox(lambda: self._pending.setdefault(owner, None))

    def drain(self) -> list[T]:
        """The owners with frames, each once; the caller takes their frames."""
        pending = list(self._pending)
        self._pending.clear()
        return pending


class Outbox:
    """One member's outgoing frames; see the module docstring.

    ``in_flight`` counts the frames the connection has taken but not yet written; the
    connection layer points it at its writer's queue, so a member that cannot keep up
    gets no new snapshot (acks are by tick, so the next one is a delta against what
    it has).
    """

    __slots__ = ("_frames", "_notify", "closed", "in_flight")

    def __init__(self, notify: Callable[[], object] | None = None) -> None:
        self._frames: deque[bytes | Close] = deque()
        self._notify = notify
        self.in_flight: Callable[[], int] = _none
        self.closed = False

    def send(self, msg: Wire) -> None:
        self.send_frame(encode(msg))

    def send_frame(self, frame: bytes) -> None:
        """Queue one encoded frame; after a close it is dropped."""
        if self.closed:
            return
        self._frames.append(frame)
        if self._notify is not None:
            self._notify()

    def close(self, code: int, reason: str) -> None:
        """Send what is queued, then close; later frames are dropped."""
        if self.closed:
            return
        self._frames.append(Close(int(code), reason))  # the client cuts it to fit a frame
        self.closed = True
        if self._notify is not None:
            self._notify()

    def wants_snap(self) -> bool:
        """False while the member is too far behind to be worth another snapshot."""
        return not self.closed and self.in_flight() + len(self._frames) < SNAP_BACKLOG

    def take(self) -> list[bytes | Close]:
        """Everything queued, oldest first; the outbox is empty afterwards."""
        frames = list(self._frames)
        self._frames.clear()
        return frames

    def __len__(self) -> int:
        return len(self._frames)


def _none() -> int:
    return 0
