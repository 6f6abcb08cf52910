"""An online game in progress: the session, and the in-process server for solo/host.

Solo and Host run the real server on a background thread (``server.thread``), so
every way to play goes through the same network path. The app holds at most one
:class:`Online` and closes it when the player is back at the menu.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import Any

from game.client.netclient import NetClient
from game.client.session import NetSession
from game.levels import LevelShelf
from game.paths import history_path

__all__ = ["Online", "history_path", "start_server"]


def start_server(
    host: str = "127.0.0.1",
    port: int = 0,
    record: bool = True,
    speed: float = 1.0,
    levels: LevelShelf | None = None,
) -> Any:
    """A started ``ServerThread``; raises RuntimeError/OSError with a readable message.

    ``speed`` above 1 runs the server's clock faster (tests play a match in seconds).
    """
    from server.thread import ServerThread

    db = history_path() if record else None
    return ServerThread(host=host, port=port, db=db, speed=speed, levels=levels).start()


@dataclass
class Online:
    session: NetSession
    server: Any = None  # a ServerThread when this process hosts
    solo: bool = False
    url: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    _closed: bool = False

    @classmethod
    def connect(
        cls,
        url: str,
        name: str,
        server: Any = None,
        solo: bool = False,
        levels: LevelShelf | None = None,
    ) -> Online:
        client = NetClient(url, name).start()
        return cls(NetSession(client, levels=levels), server, solo, url)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.session.close()
        if self.server is not None:
            with contextlib.suppress(Exception):  # shutting down: nothing useful to do
                self.server.stop()
