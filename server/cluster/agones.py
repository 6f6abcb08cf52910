"""The Agones SDK sidecar's REST API: Ready, Health, labels, Shutdown.

Inside an Agones GameServer pod a sidecar listens on ``localhost:$AGONES_SDK_HTTP_PORT``
(9358 by default). A node calls ``POST /ready`` once it listens, ``POST /health``
every ``HEALTH_EVERY_S`` (a missed beat marks the pod unhealthy), ``PUT
/metadata/label`` with its room and player counts (FleetAutoscaler and operators read
them), and ``POST /shutdown`` after draining, which lets Agones delete the pod.
Plain HTTP/1.1 over asyncio streams: no client library for four calls.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from server.cluster.node import ClusterNode

__all__ = ["DEFAULT_PORT", "HEALTH_EVERY_S", "AgonesError", "AgonesSDK"]

log = logging.getLogger(__name__)

DEFAULT_PORT = 9358
HEALTH_EVERY_S = 2.0


class AgonesError(Exception):
    """The sidecar did not answer 200."""


class AgonesSDK:
    """A client for the sidecar on ``host:port`` (port from ``AGONES_SDK_HTTP_PORT``)."""

    def __init__(
        self, host: str = "127.0.0.1", port: int | None = None, every_s: float = HEALTH_EVERY_S
    ) -> None:
        self.host = host
        self.port = port or int(os.environ.get("AGONES_SDK_HTTP_PORT", DEFAULT_PORT))
        self.every_s = every_s
        self._task: asyncio.Task[None] | None = None

    async def call(self, method: str, path: str, body: dict[str, str] | None = None) -> None:
        data = json.dumps(body or {}).encode()
        reader, writer = await asyncio.wait_for(asyncio.open_connection(self.host, self.port), 2.0)
        try:
            head = (
                f"{method} {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n"
                "Connection: close\r\n\r\n"
            )
            writer.write(head.encode() + data)
            await writer.drain()
            status = await asyncio.wait_for(reader.readline(), 2.0)
            parts = status.split()
            if len(parts) < 2 or parts[1] != b"200":
                raise AgonesError(f"{method} {path}: {status.decode(errors='replace').strip()}")
        finally:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()

    async def start(self, node: ClusterNode) -> None:
        """Ready now, then health and labels every few seconds."""
        await self.call("POST", "/ready")
        self._task = asyncio.create_task(self._beat(node), name="agones health")

    async def _beat(self, node: ClusterNode) -> None:
        while True:
            info = node.info()
            try:
                await self.call("POST", "/health")
                await self.call(
                    "PUT", "/metadata/label", {"key": "rooms", "value": str(info.rooms)}
                )
                await self.call(
                    "PUT", "/metadata/label", {"key": "players", "value": str(info.players)}
                )
                await self.call("PUT", "/metadata/label", {"key": "state", "value": info.state})
            except (OSError, TimeoutError, AgonesError) as exc:
                log.warning("Agones sidecar: %s", exc)
            await asyncio.sleep(self.every_s)

    async def stop(self) -> None:
        """Stop the health beat and ask Agones to shut this game server down."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        try:
            await self.call("POST", "/shutdown")
        except (OSError, TimeoutError, AgonesError) as exc:
            log.warning("Agones sidecar: %s", exc)
