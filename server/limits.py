"""The server's per-address and per-room bounds, as one value the ``host`` flags fill.

Each bound keeps one address, or one room, from taking the server from everyone else;
the defaults suit a public server and leave a LAN party untouched.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Limits"]


@dataclass(frozen=True)
class Limits:
    connections_per_address: int = 16
    """Open connections one IP address may hold (a family behind one router fits)."""
    spectators_per_room: int = 32
    """Spectators one room takes: each costs the server a frame per snapshot."""
    allowed_origins: tuple[str, ...] = ()
    """Web pages (``Origin`` values) allowed to connect. The game's own client sends no
    ``Origin`` and is always let in; a browser always sends one, so without this list no
    web page a player happens to open can drive a server on their network."""
