"""Real Redis and real node processes for the cluster tests.

``redis-server`` (Debian's package) runs on a free loopback port in a temp folder,
with no persistence, so a restart empties it like a crashed Redis. Nodes are
``expo-showdown host --redis`` processes with a fast clock and short heartbeats.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import redis

__all__ = [
    "CLI",
    "HEARTBEAT_S",
    "Node",
    "RedisServer",
    "get_json",
    "redis_server_fixture",
    "start_node",
    "wait_until",
]

CLI = [sys.executable, "-c", "import sys; from game.cli import main; sys.exit(main())"]
HEARTBEAT_S = 2.0  # short, yet long enough for a node starved by a busy machine
SPEED = 20.0
START_TIMEOUT = 30.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class RedisServer:
    """One ``redis-server`` process; ``restart`` empties it (no persistence)."""

    def __init__(self, folder: Path) -> None:
        exe = shutil.which("redis-server")
        if exe is None:
            pytest.fail("redis-server is not installed: apt-get install redis-server (see README)")
        self.exe, self.folder, self.port = exe, folder, free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        args = [self.exe, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", str(self.folder)]  # fmt: skip
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                if client.ping():
                    return
            except redis.ConnectionError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    err = self.proc.stderr.read().decode() if self.proc.stderr else ""
                    pytest.fail(f"redis-server did not answer PING on {self.port}: {err}")
            time.sleep(0.02)  # redis-server has no readiness signal but PING

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None

    def flush(self) -> None:
        redis.Redis(port=self.port).flushall()


@pytest.fixture(name="redis_server", scope="session")
def redis_server_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


class Node:
    """One ``host --redis`` process: its address, node id and history file."""

    def __init__(self, proc: asyncio.subprocess.Process, url: str, node_id: str, db: Path):
        self.proc, self.url, self.id, self.db = proc, url, node_id, db

    @property
    def http(self) -> str:
        return "http" + self.url[2:]

    async def health(self) -> dict[str, Any]:
        return await get_json(self.http + "/health")

    async def stop(self) -> int:
        if self.proc.returncode is None:
            self.proc.send_signal(signal.SIGTERM)
        return await asyncio.wait_for(self.proc.wait(), START_TIMEOUT)

    async def kill(self) -> None:
        if self.proc.returncode is None:
            self.proc.kill()
            await self.proc.wait()


async def start_node(redis_url: str, folder: Path, name: str, *extra: str) -> Node:
    db = folder / f"{name}.sqlite3"
    proc = await asyncio.create_subprocess_exec(
        *CLI, "host", "--port", "0", "--redis", redis_url, "--db", str(db),
        "--max-connections-per-address", "100000", "--max-rooms-per-minute", "100000",
        "--max-matches-per-minute", "100000",  # every test player is on loopback
        "--heartbeat-s", str(HEARTBEAT_S), "--speed", str(SPEED), *extra,
        stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert proc.stdout is not None
    line = (await asyncio.wait_for(proc.stdout.readline(), START_TIMEOUT)).decode()
    assert "ws://" in line, f"node {name} did not start: {line!r}"
    url = "ws://" + line.split("ws://")[1].split()[0]
    node_id = line.split(" node ")[1].split()[0] if " node " in line else ""
    return Node(proc, url, node_id, db)


async def get_json(url: str) -> dict[str, Any]:
    def fetch() -> dict[str, Any]:
        with urllib.request.urlopen(url, timeout=5) as resp:
            value: dict[str, Any] = json.loads(resp.read())
            return value

    return await asyncio.to_thread(fetch)


async def wait_until(what: str, check: Callable[[], Any], timeout: float = 20.0) -> Any:
    """Re-check ``check`` (sync or async) until it is truthy; fail with ``what`` after ``timeout``.

    For states other processes reach on their own clock (a heartbeat expiring), where
    there is no message to wait for.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if asyncio.iscoroutine(value):
            value = await value
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)
