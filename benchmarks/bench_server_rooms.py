"""How many 4-player rooms one server process keeps at full tick rate.

Starts a real ``expo-showdown host`` process on a free loopback port, then adds
rooms: in each one a real websockets client creates the room and starts a match
with the three other seats as bots, then stays connected, acking every snapshot
with an input as a game client does. At each step (1, 10, 25, 40, 50, 60, 75 rooms) it
waits a warm-up, then reads the server's ``GET /health`` twice, ``--window``
seconds apart: tick lateness p50/p99 (when a room stepped minus when it was due)
and the server process's CPU use over the window.

    python benchmarks/bench_server_rooms.py [--steps 1,10,25,40,50,60,75] [--window 10]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import urllib.request
from pathlib import Path

import msgpack
from websockets.asyncio.client import ClientConnection, connect

from game.kinds import Difficulty, Mode
from game.net import (
    Create,
    Hello,
    InputMsg,
    Start,
    encode,
)

CLI = [sys.executable, "-c", "import sys; from game.cli import main; sys.exit(main())"]


async def room_client(url: str, index: int, started: asyncio.Event) -> None:
    """Create and start a room, then ack every snapshot with one input."""
    ws: ClientConnection = await connect(url, compression=None, max_size=None)
    await ws.send(encode(Hello(f"Bench{index}")))
    await ws.send(encode(Create("expo-hall", Mode.SHOWDOWN, Difficulty.NORMAL, 900)))
    await ws.send(encode(Start()))
    seq = 0
    async for frame in ws:
        msg = msgpack.unpackb(frame)
        if msg.get("t") == "snap":
            started.set()
            seq += 1
            move = ((seq % 40) / 20 - 1.0, 0.5)
            await ws.send(encode(InputMsg(seq, msg["tick"], move, seq % 3 == 0)))


def health(port: int) -> dict[str, object]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=10) as r:
        data: dict[str, object] = json.loads(r.read())
        return data


async def main(steps: list[int], warmup: float, window: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        proc = await asyncio.create_subprocess_exec(
            *CLI, "host", "--port", "0", "--db", str(Path(tmp) / "h.sqlite3"),
            "--max-connections-per-address", "100000", "--max-rooms-per-minute", "100000",
        "--max-matches-per-minute", "100000",  # all load comes from loopback
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL,
        )  # fmt: skip
        assert proc.stdout is not None
        line = (await proc.stdout.readline()).decode()
        url = "ws://" + line.split("ws://")[1].split()[0]
        port = int(url.rsplit(":", 1)[1])
        tasks: list[asyncio.Task[None]] = []
        rows = []
        loop = asyncio.get_running_loop()
        try:
            for target in steps:
                while len(tasks) < target:
                    started = asyncio.Event()
                    tasks.append(asyncio.create_task(room_client(url, len(tasks), started)))
                    await asyncio.wait_for(started.wait(), 10)
                await asyncio.sleep(warmup)
                h0 = await loop.run_in_executor(None, health, port)
                await asyncio.sleep(window)
                h1 = await loop.run_in_executor(None, health, port)
                cpu = (float(h1["cpu_s"]) - float(h0["cpu_s"])) / window * 100  # type: ignore[arg-type]
                late = h1["tick_lateness_ms"]
                assert isinstance(late, dict)
                rows.append((target, h1["matches"], late["p50"], late["p99"], cpu,
                             h1["ticks_skipped"]))  # fmt: skip
                print(f"{target:>5} rooms: p50 {late['p50']:.2f} ms, p99 {late['p99']:.2f} ms, "
                      f"server CPU {cpu:.0f}%", flush=True)  # fmt: skip
        finally:
            for t in tasks:
                t.cancel()
            proc.terminate()
            await proc.wait()
    print()
    print(f"{'rooms':>6}{'matches':>9}{'p50 ms':>9}{'p99 ms':>9}{'CPU %':>8}{'skipped':>9}")
    for target, matches, p50, p99, cpu, skipped in rows:
        print(f"{target:>6}{matches:>9}{p50:>9.2f}{p99:>9.2f}{cpu:>8.0f}{skipped:>9}")
    print("target: 60 rooms with p99 < 5 ms (one process; CPU % of one core)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", default="1,10,25,40,50,60,75", help="room counts to measure")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds before measuring")
    parser.add_argument("--window", type=float, default=10.0, help="seconds measured per step")
    args = parser.parse_args()
    asyncio.run(main([int(s) for s in args.steps.split(",")], args.warmup, args.window))
