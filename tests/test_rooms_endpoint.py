"""A lone server's ``GET /rooms`` and ``/health``, and the ``redirect`` message's shape."""

from __future__ import annotations

import asyncio
import json
import urllib.request

import pytest
from test_server_support import Player, live_server_fixture

from game.net import ProtocolError, Redirect, decode_server, encode, pack
from server.app import GameServer

live_server = live_server_fixture


def _get(url: str) -> dict[str, object]:
    with urllib.request.urlopen(url, timeout=5) as resp:
        value: dict[str, object] = json.loads(resp.read())
        return value


async def test_get_rooms_lists_a_lone_servers_open_rooms(live_server: GameServer) -> None:
    player = await Player.connect(live_server.url, "Ada")
    code = (await player.create()).code
    body = await asyncio.to_thread(_get, f"http://127.0.0.1:{live_server.port}/rooms")
    assert body == {"rooms": [{"code": code, "level": "expo-hall", "mode": "showdown",
                               "phase": "lobby", "seats": 1, "spectators": 0}]}  # fmt: skip


async def test_a_lone_servers_health_has_no_cluster_block(live_server: GameServer) -> None:
    body = await asyncio.to_thread(_get, f"http://127.0.0.1:{live_server.port}/health")
    assert body["status"] == "ok"
    assert "cluster" not in body and "node" not in body


def test_redirect_round_trips_and_refuses_an_address_that_is_not_websocket() -> None:
    assert decode_server(encode(Redirect("ws://10.0.0.2:8765"))) == Redirect("ws://10.0.0.2:8765")
    with pytest.raises(ProtocolError, match="redirect.url"):
        decode_server(pack({"t": "redirect", "url": "http://evil.example/"}))
