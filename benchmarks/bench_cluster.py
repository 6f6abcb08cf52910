"""Rooms one machine holds with 1 and 2 worker processes, and the Redis load they cause.

Starts a private ``redis-server`` on a free loopback port and ``expo-showdown host
--workers N --redis`` behind one port, then adds 4-player rooms (one real websockets
client each, three bot seats, acking every snapshot) in steps. At each step it reads
every worker's ``GET /health`` (the cluster block lists them) and Redis's
``total_commands_processed`` over ``--window`` seconds: the worst worker's tick
lateness p99, Redis commands per second per 100 rooms, and the bytes each client
receives per second. The verdict is the most rooms with p99 under 5 ms per worker
count, and the ratio of 2 workers to 1 (target: at least 1.8).

    python benchmarks/bench_cluster.py [--workers 1,2] [--steps 10,20,40,60,80,100] [--window 5]

Needs ``redis-server`` (Debian: ``apt-get install redis-server``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import signal
import socket
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

import msgpack
import redis
from websockets.asyncio.client import ClientConnection, connect

from game.kinds import Difficulty, Mode
from game.net import Create, Hello, InputMsg, Start, encode

CLI = [sys.executable, "-c", "import sys; from game.cli import main; sys.exit(main())"]
P99_LIMIT_MS = 5.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def room_client(url: str, index: int, started: asyncio.Event, rx: list[int]) -> None:
    """Create and start a room, then ack every snapshot with one input."""
    ws: ClientConnection = await connect(url, compression=None, max_size=None)
    await ws.send(encode(Hello(f"Bench{index}")))
    await ws.send(encode(Create("expo-hall", Mode.SHOWDOWN, Difficulty.NORMAL, 900)))
    await ws.send(encode(Start()))
    seq = 0
    async for frame in ws:
        rx[0] += len(frame)
        msg = msgpack.unpackb(frame)
        if msg.get("t") == "snap":
            started.set()
            seq += 1
            move = ((seq % 40) / 20 - 1.0, 0.5)
            await ws.send(encode(InputMsg(seq, msg["tick"], move, seq % 3 == 0)))


def get_json(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(url, timeout=10) as r:
        data: dict[str, Any] = json.loads(r.read())
        return data


def worker_healths(public_http: str) -> list[dict[str, Any]]:
    members = get_json(public_http + "/health")["cluster"]["members"]
    return [get_json("http" + m["url"][2:] + "/health") for m in members]


async def run(workers: int, steps: list[int], warmup: float, window: float,
              redis_url: str, r: redis.Redis) -> list[tuple[Any, ...]]:  # fmt: skip
    rows: list[tuple[Any, ...]] = []
    r.flushall()
    with tempfile.TemporaryDirectory() as tmp:
        proc = await asyncio.create_subprocess_exec(
            *CLI, "host", "--port", "0", "--workers", str(workers), "--redis", redis_url,
            "--db", str(Path(tmp) / "h.sqlite3"), "--drain-s", "0",
            "--max-connections-per-address", "100000", "--max-rooms-per-minute", "100000",
        "--max-matches-per-minute", "100000",  # all load comes from loopback
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL,
        )  # fmt: skip
        assert proc.stdout is not None
        line = ""  # --workers 1 is a plain node; more print the shared port last
        while "share this address" not in line and not (workers == 1 and "ws://" in line):
            line = (await proc.stdout.readline()).decode()
            if not line:
                raise SystemExit("the host did not start")
        url = "ws://" + line.split("ws://")[1].split()[0]
        public = "http" + url[2:]
        drain = asyncio.create_task(_drain(proc.stdout))
        while len(get_json(public + "/health")["cluster"]["members"]) < workers:
            await asyncio.sleep(0.2)
        loop = asyncio.get_running_loop()
        tasks: list[asyncio.Task[None]] = []
        rx = [0]
        try:
            for target in steps:
                while len(tasks) < target:
                    started = asyncio.Event()
                    tasks.append(asyncio.create_task(room_client(url, len(tasks), started, rx)))
                    await asyncio.wait_for(started.wait(), 20)
                await asyncio.sleep(warmup)
                ops0, rx0, t0 = r.info("stats")["total_commands_processed"], rx[0], time.monotonic()
                await asyncio.sleep(window)
                ops1, rx1, t1 = r.info("stats")["total_commands_processed"], rx[0], time.monotonic()
                hs = await loop.run_in_executor(None, worker_healths, public)
                p99 = max(h["tick_lateness_ms"]["p99"] for h in hs)
                per_worker = "/".join(str(h["rooms"]) for h in hs)
                ops_100 = (ops1 - ops0 - 2) / (t1 - t0) / target * 100
                bps = (rx1 - rx0) / (t1 - t0) / target
                rows.append((workers, target, per_worker, p99, ops_100, bps))
                total_ops = (ops1 - ops0 - 2) / (t1 - t0)
                print(f"{workers} worker(s), {target:>4} rooms ({per_worker}): p99 {p99:.2f} ms, "
                      f"Redis {total_ops:.1f} ops/s ({ops_100:.1f} per 100 rooms), "
                      f"{bps:.0f} B/s per client",
                      flush=True)  # fmt: skip
                if p99 > 4 * P99_LIMIT_MS:
                    break  # far past the limit: more rooms only take longer
        finally:
            for t in tasks:
                t.cancel()
            proc.send_signal(signal.SIGTERM)
            await proc.wait()
            drain.cancel()
    return rows


async def _drain(stream: asyncio.StreamReader) -> None:
    async for _ in stream:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", default="1,2", help="worker counts to compare")
    parser.add_argument("--steps", default="10,20,40,60,80,100", help="room counts to measure")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds before measuring")
    parser.add_argument("--window", type=float, default=5.0, help="seconds measured per step")
    args = parser.parse_args()
    exe = shutil.which("redis-server")
    if exe is None:
        raise SystemExit("redis-server is not installed (Debian: apt-get install redis-server)")
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        server = subprocess_redis(exe, port, folder)
        try:
            r = redis.Redis(port=port)
            while True:
                try:
                    r.ping()
                    break
                except redis.ConnectionError:
                    time.sleep(0.05)
            url = f"redis://127.0.0.1:{port}/0"
            rows: list[tuple[Any, ...]] = []
            for n in [int(w) for w in args.workers.split(",")]:
                steps = [int(s) for s in args.steps.split(",")]
                rows += asyncio.run(run(n, steps, args.warmup, args.window, url, r))
        finally:
            server.terminate()
            server.wait()
    print()
    print(
        f"{'workers':>8}{'rooms':>7}{'split':>10}{'p99 ms':>9}{'ops/s/100':>11}{'B/s/client':>12}"
    )
    for w, target, split, p99, ops, bps in rows:
        print(f"{w:>8}{target:>7}{split:>10}{p99:>9.2f}{ops:>11.1f}{bps:>12.0f}")
    best = {}
    for w, target, _split, p99, _ops, _bps in rows:
        if p99 < P99_LIMIT_MS:
            best[w] = max(best.get(w, 0), target)
    for w in sorted({row[0] for row in rows}):
        print(f"{w} worker(s): {best.get(w, 0)} rooms with p99 < {P99_LIMIT_MS:g} ms")
    if best.get(1) and 2 in best:
        print(f"2 workers / 1 worker: {best[2] / best[1]:.2f} (target: at least 1.8)")


def subprocess_redis(exe: str, port: int, folder: str) -> Any:
    import subprocess

    args = [exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--dir", folder]  # fmt: skip
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


if __name__ == "__main__":
    main()
