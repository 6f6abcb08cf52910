"""Shared pieces of the server tests: a live server fixture and a test client.

Every test talks to a real :class:`GameServer` on loopback through real websockets
clients. Nothing sleeps to synchronise: a test waits for a specific message with a
timeout. The server runs its clock ``SPEED`` times faster than real time (a
``GameServer`` option for tests), so a 30 s match takes about two seconds.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from websockets.asyncio.client import ClientConnection, connect

from game.kinds import Difficulty, Mode
from game.net import (
    ClientMessage,
    Create,
    Decoded,
    Hello,
    InputMsg,
    Room,
    ServerMessage,
    Snap,
    SnapshotDecoder,
    Welcome,
    decode_server,
    encode,
)
from server.app import GameServer

__all__ = ["SPEED", "TIMEOUT", "Player", "live_server_fixture"]

SPEED = 20.0
TIMEOUT = 10.0


@pytest.fixture(name="live_server")
async def live_server_fixture(tmp_path: Path) -> AsyncIterator[GameServer]:
    """A server on a free loopback port with a fresh history database."""
    server = GameServer(db=tmp_path / "history.sqlite3", speed=SPEED)
    await server.start("127.0.0.1", 0)
    try:
        yield server
    finally:
        await server.stop()


class Player:
    """A real websockets client speaking the protocol through ``game.net``."""

    def __init__(self, ws: ClientConnection, welcome: Welcome) -> None:
        self.ws = ws
        self.welcome = welcome
        self.receiver = SnapshotDecoder()
        self.decoded: dict[int, Decoded] = {}  # every snapshot received, by tick
        self.seq = 0
        self.snaps = 0

    @classmethod
    async def connect(cls, url: str, name: str = "Tester") -> Player:
        ws = await connect(url, max_size=None, compression=None)
        await ws.send(encode(Hello(name)))
        msg = decode_server(await asyncio.wait_for(ws.recv(), TIMEOUT))
        assert isinstance(msg, Welcome), msg
        return cls(ws, msg)

    @property
    def player_id(self) -> int:
        return self.welcome.player_id

    async def send(self, msg: ClientMessage) -> None:
        await self.ws.send(encode(msg))

    async def send_raw(self, data: bytes | str) -> None:
        await self.ws.send(data)

    async def recv(self) -> ServerMessage:
        msg = decode_server(await self.ws.recv())
        if isinstance(msg, Snap):
            self.decoded[msg.tick] = self.receiver.receive(msg)
            self.snaps += 1
        return msg

    async def expect(
        self,
        kind: type[Any],
        pred: Callable[[Any], bool] = lambda m: True,
        timeout: float = TIMEOUT,
    ) -> Any:
        """Read until a message of ``kind`` matching ``pred`` arrives; others are skipped."""

        async def wait() -> Any:
            while True:
                msg = await self.recv()
                if isinstance(msg, kind) and pred(msg):
                    return msg

        return await asyncio.wait_for(wait(), timeout)

    async def create(self, duration_s: int = 30, level: str = "expo-hall") -> Room:
        await self.send(Create(level, Mode.SHOWDOWN, Difficulty.EASY, duration_s))
        room: Room = await self.expect(Room)
        return room

    async def send_input(self, move: tuple[float, float] = (1.0, 0.0), patch: bool = False) -> None:
        self.seq += 1
        await self.send(InputMsg(self.seq, self.receiver.ack, move, patch))

    async def close(self) -> None:
        await self.ws.close()
