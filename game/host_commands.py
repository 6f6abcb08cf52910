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
import signal
import sys
import tempfile
import time
from collections.abc import Coroutine
from pathlib import Path

from game.headless import report_verification
from game.levels import LevelError, LevelShelf
from game.paths import history_path
from game.replay import Replay, ReplayError
from server.addresses import OPEN_HOSTS, listen_error, share_urls
from server.app import GameServer
from server.history import HistoryError, MatchHistory
from server.limits import Limits

__all__ = ["default_db_path", "history", "host", "quiet_gc", "replay_from_db"]

PROG = "expo-showdown"


def default_db_path() -> Path:
    """The history database every command shares (see :mod:`game.paths`)."""
    return history_path()


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
    # websockets logs every HTTP answer (each /health poll) and every closed connection;
    # the server's own log says what matters: rooms, players, matches.
    logging.getLogger("websockets").setLevel(logging.WARNING)
    db = Path(args.db) if args.db else default_db_path()
    clustered = getattr(args, "redis", None) is not None
    if getattr(args, "workers", 1) > 1 and not clustered:
        return _fail("--workers needs --redis URL: the workers share rooms through it")
    if clustered and args.workers > 1 and args.agones:
        return _fail("--agones runs one process per game server pod; drop --workers")
    if not clustered and (args.agones or args.public_url):
        return _fail("--agones and --public-url are for a cluster node: add --redis URL")
    try:
        levels = _shelf(getattr(args, "levels", None))
        if clustered:
            from game.cluster_commands import serve_node, serve_workers

            if args.workers > 1:
                return asyncio.run(serve_workers(args, db))
            return asyncio.run(_clustered(serve_node(args, db, levels)))
        return asyncio.run(_serve(args.host, args.port, db, levels, limits_from(args)))
    except LevelError as exc:
        return _fail(str(exc).splitlines()[0])
    except HistoryError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(listen_error(args.host, args.port, exc))


async def _clustered(node: Coroutine[None, None, int]) -> int:
    quiet_gc()
    return await node


def _shelf(folder: str | None) -> LevelShelf:
    """The bundled levels plus every ``*.toml`` in ``folder`` (each checked now)."""
    return LevelShelf.from_files(sorted(Path(folder).glob("*.toml")) if folder else [])


def limits_from(args: argparse.Namespace) -> Limits:
    """The ``--max-*`` flags as one value."""
    return Limits(
        connections_per_address=args.max_connections_per_address,
        spectators_per_room=args.max_spectators,
        rooms_per_minute=args.max_rooms_per_minute,
        matches_per_minute=args.max_matches_per_minute,
        history_keep_days=args.keep_days,
        history_keep_matches=args.keep_matches,
        allowed_origins=tuple(args.allow_origin),
    )


async def _serve(host_addr: str, port: int, db: Path, levels: LevelShelf, limits: Limits) -> int:
    server = GameServer(db=db, levels=levels, limits=limits)
    port = await server.start(host_addr, port)
    quiet_gc()
    urls = share_urls(host_addr, port)
    print(f"Expo Showdown server on {urls[0]} — share this address", flush=True)
    if host_addr in OPEN_HOSTS and len(urls) > 1:
        print(f"Players on this machine can also use {urls[1]}", flush=True)
    elif host_addr in OPEN_HOSTS:
        print("No network address found: only this machine can join", flush=True)
    elif host_addr.startswith("127."):
        print("Only this machine can join; --host 0.0.0.0 opens it to your network", flush=True)
    print(f"Match history: {db}", flush=True)
    if levels.extra:
        extra = ", ".join(sorted(levels.extra))
        print(f"Extra levels: {extra} (players need the same files: join --levels DIR)", flush=True)
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


def _open(db_arg: str | None) -> MatchHistory | None:
    path = Path(db_arg) if db_arg else default_db_path()
    if not path.exists():
        return None
    return MatchHistory(path)


def history(args: argparse.Namespace) -> int:
    """List recent matches, newest first (a whole cluster's with ``--redis``)."""
    if getattr(args, "redis", None):
        from game.cluster_commands import cluster_history

        return cluster_history(args)
    if args.db and not Path(args.db).is_file():
        print(f"{PROG}: error: no match history at {args.db}", file=sys.stderr)
        return 2
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
    """``replay --match ID [--db PATH] [--verify]``: check it, or watch it in the client."""
    try:
        db = _open(args.db)
        where = args.db or default_db_path()
        if db is None:
            return _fail(f"no match history at {where}")
        with contextlib.closing(db):
            row = db.get(args.match)
    except HistoryError as exc:
        return _fail(str(exc))
    if row is None:
        return _fail(f"no match {args.match} in {where} (see: expo-showdown history)")
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
