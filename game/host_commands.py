"""The ``host``, ``history`` and ``replay --db`` commands behind ``expo-showdown``.

They sit in the command layer, above both ``server`` and ``game.client``: the server
never imports the client, and process-wide settings (the garbage collector's) are made
here, by the ``host`` process, never by the server library that solo play runs too.
Every failure is one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import logging
import os
import signal
import socket
import sys
import tempfile
import time
from pathlib import Path

import platformdirs

from game.headless import report_verification
from game.replay import Replay, ReplayError
from server.app import GameServer
from server.history import HistoryError, MatchHistory

__all__ = ["default_db_path", "history", "host", "quiet_gc", "replay_from_db"]

PROG = "expo-showdown"


DATA_ENV = "EXPO_SHOWDOWN_DATA_DIR"


def default_db_path() -> Path:
    """The user's data dir (``EXPO_SHOWDOWN_DATA_DIR`` overrides it, as for the client)."""
    override = os.environ.get(DATA_ENV)
    base = Path(override) if override else Path(platformdirs.user_data_dir("expo-showdown"))
    return base / "history.sqlite3"


def _fail(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return 1


def quiet_gc() -> None:
    """Keep the garbage collector from stalling ticks in a dedicated server process.

    Everything loaded so far (modules, levels, flow fields) lives forever: freezing it
    keeps full collections from walking it again and again, and a larger first
    generation makes collections rarer. Snapshots are short-lived and acyclic, so
    reference counting frees almost all of them without the collector.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)


def host(args: argparse.Namespace) -> int:
    """Run the server until Ctrl-C or SIGTERM."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    db = Path(args.db) if args.db else default_db_path()
    try:
        return asyncio.run(_serve(args.host, args.port, db))
    except HistoryError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}")


async def _serve(host_addr: str, port: int, db: Path) -> int:
    server = GameServer(db=db)
    port = await server.start(host_addr, port)
    quiet_gc()
    print(f"Expo Showdown server on ws://{host_addr}:{port} — share this address", flush=True)
    if host_addr in ("0.0.0.0", "::", ""):
        print(f"Players on your network join with ws://{_lan_address()}:{port}", flush=True)
    print(f"Match history: {db}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # Windows has no signal handlers here
            loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        print("Shutting down: telling players and recording matches in progress", flush=True)
        await server.stop()
    return 0


def _lan_address() -> str:
    """This machine's address on the local network (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))
            return str(s.getsockname()[0])
        except OSError:
            return "THIS-MACHINE-IP"


def _open(db_arg: str | None) -> MatchHistory | None:
    path = Path(db_arg) if db_arg else default_db_path()
    if not path.exists():
        return None
    return MatchHistory(path)


def history(args: argparse.Namespace) -> int:
    """List recent matches, newest first."""
    try:
        db = _open(args.db)
    except HistoryError as exc:
        return _fail(str(exc))
    if db is None:
        print("No matches recorded yet.")
        return 0
    with contextlib.closing(db):
        rows = db.recent(args.limit)
    if not rows:
        print("No matches recorded yet.")
        return 0
    print(f"{'id':>5}  {'ended':<16} {'room':<5} {'level':<20} {'mode':<9} {'diff':<7}"
          f"{'length':>7}  {'outcome':<10} {'result':<12} players")  # fmt: skip
    for r in rows:
        ended = time.strftime("%Y-%m-%d %H:%M", time.localtime(r["ended_at"]))
        length = f"{int(r['match_s']) // 60}:{int(r['match_s']) % 60:02d}"
        result = f"{r['stars']} star(s)" if r["stars"] is not None else (r["winner"] or "-")
        players = ", ".join(_player(p) for p in _json(r["players"]))
        print(
            f"{r['id']:>5}  {ended:<16} {r['room']:<5} {r['level']:<20} {r['mode']:<9} "
            f"{r['difficulty']:<7}{length:>7}  {r['outcome']:<10} {result:<12} {players}"
        )
    return 0


def _json(text: str) -> list[dict[str, object]]:
    value = json.loads(text)
    return value if isinstance(value, list) else []


def _player(p: dict[str, object]) -> str:
    if p.get("human"):
        return f"{p.get('name')} ({p.get('character')})"
    return f"bot {p.get('character')}"


def replay_from_db(args: argparse.Namespace) -> int:
    """``replay --db PATH --match ID [--verify]``: check it, or watch it in the client."""
    try:
        db = _open(args.db)
        if db is None:
            return _fail(f"no match history at {args.db}")
        with contextlib.closing(db):
            row = db.get(args.match)
    except HistoryError as exc:
        return _fail(str(exc))
    if row is None:
        return _fail(f"no match {args.match} in {args.db}")
    try:
        replay = Replay.from_bytes(row["replay"])
    except ReplayError as exc:
        return _fail(f"match {args.match}: {exc}")
    print(f"match {row['id']}: {row['level']}, {row['mode']}, {row['difficulty']}, "
          f"seed {row['seed']}, {row['outcome']}, {row['ticks']} ticks")  # fmt: skip
    if args.verify:
        return report_verification(replay, sys.stdout)
    return _watch(args, replay)


def _watch(args: argparse.Namespace, replay: Replay) -> int:
    from game.client.launch import watch_replay

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"match-{args.match}.replay"
        replay.save(path)
        args.file = str(path)
        result: int = watch_replay(args)
        return result
