"""The sending side of one connection: a queue that a writer task drains.

The tick loop must never await a socket: one slow client would delay every room.
Rooms queue frames on a session's outbox (:mod:`server.outbox`); the server moves
them here (``send_bytes``), and each connection's own writer task does the
awaiting. ``backlog`` tells the outbox how far behind the writer is.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

from game.net import CloseCode, encode
from game.net.codec import Wire

__all__ = ["CLOSE_REASON_MAX", "Client", "close_reason"]

log = logging.getLogger(__name__)


class _Close:
    __slots__ = ("code", "reason")

    def __init__(self, code: int, reason: str) -> None:
        self.code, self.reason = code, reason


class Client:
    """One WebSocket connection's outbox; see the module docstring."""

    def __init__(self, ws: ServerConnection) -> None:
        self.ws = ws
        self.closing = False
        self.bytes_queued = 0
        self._queue: deque[bytes | _Close] = deque()
        self._wake = asyncio.Event()
        self._task = asyncio.create_task(self._write(), name=f"writer {ws.remote_address}")

    @property
    def address(self) -> str:
        addr = self.ws.remote_address
        return f"{addr[0]}:{addr[1]}" if isinstance(addr, tuple) else str(addr)

    def send(self, msg: Wire) -> None:
        self.send_bytes(encode(msg))

    def send_bytes(self, data: bytes) -> None:
        """Queue one frame; a closing connection drops it silently."""
        if self.closing:
            return
        self._queue.append(data)
        self.bytes_queued += len(data)
        self._wake.set()

    def backlog(self) -> int:
        """Frames queued and not yet written to the socket."""
        return len(self._queue)

    def close(self, code: CloseCode | int, reason: str) -> None:
        """Send what is queued, then close; later sends are dropped."""
        if self.closing:
            return
        self._queue.append(_Close(int(code), close_reason(reason)))
        self.closing = True
        self._wake.set()

    async def finish(self, timeout: float = 2.0) -> None:
        """Wait for the writer to flush and close (used on disconnect and shutdown)."""
        if not self.closing:
            self._task.cancel()
        try:
            await asyncio.wait_for(asyncio.shield(self._task), timeout)
        except (TimeoutError, asyncio.CancelledError):
            self._task.cancel()

    async def _write(self) -> None:
        try:
            while True:
                while not self._queue:
                    self._wake.clear()
                    await self._wake.wait()
                item = self._queue.popleft()
                if isinstance(item, _Close):
                    await self.ws.close(item.code, item.reason)
                    return
                await self.ws.send(item)
        except ConnectionClosed:
            self.closing = True
        except Exception:  # a writer must never take anything else down with it
            log.exception("writer for %s failed", self.address)
            self.closing = True
            with contextlib.suppress(Exception):
                await self.ws.close(CloseCode.INTERNAL_ERROR, "internal error")


CLOSE_REASON_MAX = 123
"""Bytes of UTF-8 a close frame's reason may hold (125 for the payload, 2 for the code)."""


def close_reason(reason: str) -> str:
    """The reason cut to fit a close frame by its UTF-8 bytes, never inside a character."""
    return reason.encode()[:CLOSE_REASON_MAX].decode(errors="ignore")
