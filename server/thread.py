"""Run a :class:`GameServer` in a background thread with its own event loop.

The Pygame client runs its own frame loop on the main thread, so solo play and the
"Host" menu start the server beside it::

    with ServerThread(port=0, db=None) as st:
        connect_to(st.url)   # "ws://127.0.0.1:PORT"
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from types import TracebackType

from game.levels import LevelShelf
from server.app import GameServer

__all__ = ["ServerThread"]


class ServerThread:
    """A server on its own thread; ``start()`` returns once it is listening."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        db: str | Path | None = None,
        speed: float = 1.0,
        levels: LevelShelf | None = None,
    ) -> None:
        self.host, self.port, self.db, self.speed = host, port, db, speed
        self.levels = levels
        self.server: GameServer | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None

    @property
    def url(self) -> str:
        return f"ws://{self.host}:{self.port}"

    def start(self, timeout: float = 10.0) -> ServerThread:
        self._thread = threading.Thread(target=self._run, name="expo-showdown-server", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise RuntimeError("the game server did not start in time")
        if isinstance(self._error, OSError):
            raise self._error  # e.g. a busy port: the caller words it for the player
        if self._error is not None:
            raise RuntimeError(f"the game server could not start: {self._error}")
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the server (recording any match in progress as aborted) and the thread."""
        loop, server = self._loop, self.server
        if loop is None or server is None or self._thread is None:
            return
        future = asyncio.run_coroutine_threadsafe(server.stop(), loop)
        future.result(timeout)
        loop.call_soon_threadsafe(loop.stop)
        self._thread.join(timeout)
        self._loop = None

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            self.server = GameServer(db=self.db, speed=self.speed, levels=self.levels)
            self.port = loop.run_until_complete(self.server.start(self.host, self.port))
            self._loop = loop
        except BaseException as exc:  # reported to the starting thread, not lost here
            self._error = exc
            self._ready.set()
            loop.close()
            return
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            loop.close()

    def __enter__(self) -> ServerThread:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
