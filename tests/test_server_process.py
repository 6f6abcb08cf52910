"""The ``expo-showdown host`` process, ``GET /health``, and the history commands."""

from __future__ import annotations

import asyncio
import json
import signal
import sqlite3
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from test_server_support import TIMEOUT, Player, live_server_fixture

from game.kinds import Phase
from game.net import (
    Room,
    Snap,
    Start,
)
from game.replay import Replay, verify
from server.app import GameServer
from server.thread import ServerThread

live_server = live_server_fixture

CLI = [sys.executable, "-c", "import sys; from game.cli import main; sys.exit(main())"]


async def read_address(proc: asyncio.subprocess.Process) -> str:
    """The ``ws://`` address from the host's first line (it prints the share line first)."""
    stdout: asyncio.StreamReader = proc.stdout  # type: ignore[assignment]  # a PIPE
    line = (await asyncio.wait_for(stdout.readline(), TIMEOUT)).decode()
    assert "ws://" in line, line
    return "ws://" + line.split("ws://")[1].split()[0]


@pytest.mark.slow
async def test_sigterm_mid_match_records_the_match_as_aborted(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    proc = await asyncio.create_subprocess_exec(
        *CLI, "host", "--port", "0", "--db", str(db),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        url = await read_address(proc)
        player = await Player.connect(url, "Leila")
        await player.create(duration_s=300)
        await player.send(Start())
        await player.expect(Room, lambda r: r.phase is Phase.COUNTDOWN)
        await player.expect(Snap)
        await player.send_input()  # somebody played: an abandoned match is not recorded
        await player.expect(Snap, lambda m: player.decoded[m.tick].ack_seq == player.seq)
        proc.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(proc.wait(), TIMEOUT) == 0
        await asyncio.wait_for(player.ws.wait_closed(), TIMEOUT)
        assert player.ws.close_code == 1001
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT outcome, players, replay FROM matches").fetchall()
    assert len(rows) == 1
    outcome, players, replay = rows[0]
    assert outcome == "aborted"
    assert json.loads(players)[0]["name"] == "Leila"
    assert verify(Replay.from_bytes(replay)).ok


async def test_players_are_told_the_server_is_going_away(live_server: GameServer) -> None:
    player = await Player.connect(live_server.url)
    await live_server.stop()
    await asyncio.wait_for(player.ws.wait_closed(), TIMEOUT)
    assert player.ws.close_code == 1001
    await live_server.stop()  # stopping twice is harmless


async def test_get_health_answers_json_on_the_game_port(live_server: GameServer) -> None:
    player = await Player.connect(live_server.url)
    await player.create()
    url = f"http://127.0.0.1:{live_server.port}/health"
    loop = asyncio.get_running_loop()
    body = await loop.run_in_executor(None, lambda: urllib.request.urlopen(url, timeout=5).read())
    health = json.loads(body)
    assert health["rooms"] == 1 and health["players"] == 1 and health["uptime_s"] >= 0


@pytest.mark.slow
def test_history_and_replay_verify_commands_read_the_database(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"

    async def play_one(url: str) -> None:
        player = await Player.connect(url, "Max")
        await player.create(duration_s=30)
        await player.send(Start())
        await player.expect(Room, lambda r: r.phase is Phase.RESULTS, timeout=30)
        await player.close()

    with ServerThread(db=db, speed=30) as st:
        asyncio.run(play_one(st.url))
    listing = subprocess.run(
        [*CLI, "history", "--db", str(db)], capture_output=True, text=True, timeout=60
    )
    assert listing.returncode == 0, listing.stderr
    assert "expo-hall" in listing.stdout and "Max (kiran)" in listing.stdout
    check = subprocess.run(
        [*CLI, "replay", "--db", str(db), "--match", "1", "--verify"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert check.returncode == 0, check.stdout + check.stderr
    assert "ok:" in check.stdout
    missing = subprocess.run(
        [*CLI, "replay", "--db", str(db), "--match", "99", "--verify"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert missing.returncode == 1 and "no match 99" in missing.stderr
