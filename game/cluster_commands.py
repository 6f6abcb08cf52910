"""``host --redis`` (one cluster node), ``host --workers N`` and ``history --redis``.

The command layer for :mod:`server.cluster`; :mod:`game.host_commands` hands over
here when a cluster flag is given, so plain ``host`` never imports Redis.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import signal
import socket
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from game.host_commands import limits_from
from game.levels import LevelShelf
from server.addresses import share_urls
from server.app import GameServer
from server.cluster.agones import AgonesSDK
from server.cluster.directory import Directory, DirectoryDown
from server.cluster.node import ClusterNode

__all__ = ["cluster_history", "serve_node", "serve_workers"]

PROG = "expo-showdown"
CLI = [sys.executable, "-c", "import sys; from game.cli import main; sys.exit(main())"]
WORKER_START_S = 60.0


def _fail(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr, flush=True)
    return 1


def _stop_signals() -> asyncio.Event:
    """Set on the first SIGINT/SIGTERM."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    return stop


async def serve_node(args: argparse.Namespace, db: Path, levels: LevelShelf) -> int:
    """One cluster node until a signal; then drain, record, leave the directory."""
    server = GameServer(db=db, levels=levels, speed=args.speed, limits=limits_from(args))
    port = await server.start(args.host, args.port, reuse_port=args.worker)
    public_host = urlsplit(args.public_url).hostname if args.public_url else None
    if args.worker:  # the shared port cannot route by room: the directory points here
        own = await server.listen_also(args.host, 0)
        url = f"ws://{public_host}:{own}" if public_host else share_urls(args.host, own)[0]
    else:
        url = args.public_url or share_urls(args.host, port)[0]
    agones = AgonesSDK() if args.agones else None
    node = ClusterNode(server, Directory(args.redis), url, ttl_s=args.heartbeat_s, agones=agones)
    try:
        await node.start()
    except DirectoryDown as exc:
        await server.stop()
        await node.directory.close()
        return _fail(f"cannot reach the room directory at {args.redis}: {exc}")
    except OSError as exc:
        await server.stop()
        return _fail(f"cannot reach the Agones SDK sidecar on port {agones and agones.port}: {exc}")
    print(f"Expo Showdown server on {url} — node {node.id} of the cluster at {args.redis}",
          flush=True)  # fmt: skip
    print(f"Match history: {db}", flush=True)
    stop = _stop_signals()
    await stop.wait()
    stop.clear()
    print(f"Draining: no new rooms here; matches may finish for up to {args.drain_s:g} s",
          flush=True)  # fmt: skip
    drain = asyncio.create_task(node.drain(args.drain_s))
    again = asyncio.create_task(stop.wait())  # a second signal cuts the drain short
    await asyncio.wait({drain, again}, return_when=asyncio.FIRST_COMPLETED)
    drain.cancel()
    again.cancel()
    print("Shutting down: telling players and recording matches in progress", flush=True)
    await server.stop()
    await node.stop()
    return 0


def _worker_db(db: Path, i: int) -> Path:
    """Each worker keeps its own SQLite file beside the named one: history-w1.sqlite3."""
    return db.with_name(f"{db.stem}-w{i}{db.suffix}")


def _reserve(host: str, port: int) -> socket.socket:
    """Bind (never listen) the shared port so port 0 becomes one number for all workers."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    return sock


async def serve_workers(args: argparse.Namespace, db: Path) -> int:
    """Start ``--workers`` node processes on one port; stop them all on a signal."""
    try:
        reserved = _reserve(args.host, args.port)
    except OSError as exc:
        return _fail(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}")
    port = reserved.getsockname()[1]
    common = ["host", "--worker", "--host", args.host, "--port", str(port), "--redis", args.redis,
              "--max-connections-per-address", str(args.max_connections_per_address),
              "--max-spectators", str(args.max_spectators),
              "--max-rooms-per-minute", str(args.max_rooms_per_minute),
              "--max-matches-per-minute", str(args.max_matches_per_minute),
              "--keep-days", str(args.keep_days), "--keep-matches", str(args.keep_matches),
              *(f"--allow-origin={origin}" for origin in args.allow_origin),
              "--drain-s", str(args.drain_s), "--heartbeat-s", str(args.heartbeat_s),
              "--speed", str(args.speed)]  # fmt: skip
    if args.public_url:
        common += ["--public-url", args.public_url]
    if args.levels:
        common += ["--levels", args.levels]
    procs = []
    for i in range(1, args.workers + 1):
        cmd = [*CLI, *common, "--db", str(_worker_db(db, i))]
        procs.append(await asyncio.create_subprocess_exec(*cmd, stdout=asyncio.subprocess.PIPE))
    copies = []
    try:
        for i, proc in enumerate(procs, 1):
            assert proc.stdout is not None
            line = await asyncio.wait_for(proc.stdout.readline(), WORKER_START_S)
            if not line:
                return _fail(f"worker {i} did not start (see its message above)")
            copies.append(asyncio.create_task(_copy(proc.stdout, f"[worker {i}] ", line)))
        public = args.public_url or share_urls(args.host, port)[0]
        print(f"Expo Showdown server on {public} — share this address ({args.workers} workers "
              f"of the cluster at {args.redis})", flush=True)  # fmt: skip
        stop = _stop_signals()
        waiters: set[asyncio.Future[Any]] = {
            asyncio.ensure_future(stop.wait()),
            asyncio.gather(*(p.wait() for p in procs)),
        }
        await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for proc in procs:
            if proc.returncode is None:
                proc.send_signal(signal.SIGTERM)
        codes = [await proc.wait() for proc in procs]
        for task in copies:
            task.cancel()
        reserved.close()
    return 0 if all(c == 0 for c in codes) else 1


async def _copy(stream: asyncio.StreamReader, prefix: str, first: bytes) -> None:
    print(prefix + first.decode(errors="replace").rstrip(), flush=True)
    async for line in stream:
        print(prefix + line.decode(errors="replace").rstrip(), flush=True)


def cluster_history(args: argparse.Namespace) -> int:
    """``history --redis URL``: the cluster's recent matches, with the node holding each."""
    return asyncio.run(_cluster_history(args.redis, args.limit))


async def _cluster_history(url: str, limit: int) -> int:
    directory = Directory(url)
    try:
        rows = await directory.recent_matches(limit)
    except DirectoryDown as exc:
        return _fail(f"cannot reach the room directory at {url}: {exc}")
    finally:
        await directory.close()
    if not rows:
        print("No matches recorded in the cluster yet.")
        return 0
    print(f"{'ended':<16} {'node':<8} {'room':<5} {'level':<20} {'mode':<9} {'length':>7}  "
          f"{'outcome':<10} {'result':<12} players")  # fmt: skip
    for r in rows:
        ended = time.strftime("%Y-%m-%d %H:%M", time.localtime(float(r["ended_at"])))
        secs = int(float(r["match_s"]))
        result = f"{r['stars']} star(s)" if r["stars"] else (r["winner"] or "-")
        names = ", ".join(str(p.get("name") or f"bot {p.get('character')}")
                          for p in json.loads(r["players"]))  # fmt: skip
        length = f"{secs // 60}:{secs % 60:02d}"
        print(f"{ended:<16} {r['node']:<8} {r['room']:<5} {r['level']:<20} {r['mode']:<9} "
              f"{length:>7}  {r['outcome']:<10} {result:<12} {names}")  # fmt: skip
    return 0
