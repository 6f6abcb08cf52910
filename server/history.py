"""Match history in SQLite: one row per finished or aborted match, with its replay.

One table, ``matches``; the schema version is SQLite's ``user_version``. WAL mode
lets ``expo-showdown history`` read while a server writes, and every match is its
own committed transaction, so a crash loses at most the match being written.
Writes run on one background thread (:class:`Recorder`), off the tick path:
compressing a replay takes milliseconds the rooms cannot spare.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.match_config import MatchConfig
from game.replay import Replay
from game.sim import MatchResult

__all__ = ["SCHEMA_VERSION", "HistoryError", "MatchHistory", "MatchRecord", "Recorder"]

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS matches (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    room        TEXT NOT NULL,
    level       TEXT NOT NULL,
    mode        TEXT NOT NULL,
    difficulty  TEXT NOT NULL,
    seed        INTEGER NOT NULL,
    players     TEXT NOT NULL,  -- JSON: [{seat, character, name, human, player_id}]
    favour      TEXT NOT NULL,  -- JSON: {character: favour}
    outcome     TEXT NOT NULL,  -- timeout | contained | breach | aborted
    winner      TEXT,
    stars       INTEGER,
    leak        REAL NOT NULL,
    ticks       INTEGER NOT NULL,
    match_s     REAL NOT NULL,  -- simulated seconds
    wall_s      REAL NOT NULL,  -- real seconds the server spent
    started_at  REAL NOT NULL,  -- unix time
    ended_at    REAL NOT NULL,
    state_hash  TEXT NOT NULL,
    replay      BLOB NOT NULL   -- game.replay format (gzip JSON)
);
CREATE INDEX IF NOT EXISTS matches_ended ON matches (ended_at);
"""


class HistoryError(Exception):
    """The database cannot be opened or read; the message is one line for the user."""


@dataclass(frozen=True)
class MatchRecord:
    """One finished or aborted match: its config and result as they are, plus the room's
    side (who played, when, how long the server spent) and the replay."""

    room: str
    config: MatchConfig
    result: MatchResult
    aborted: bool
    players: list[dict[str, Any]]
    match_s: float
    wall_s: float
    started_at: float
    ended_at: float
    replay: Replay

    @property
    def outcome(self) -> str:
        return "aborted" if self.aborted else self.result.outcome

    @property
    def winner(self) -> str | None:
        return None if self.aborted else self.result.winner

    @property
    def stars(self) -> int | None:
        return None if self.aborted else self.result.stars

    @property
    def ticks(self) -> int:
        return self.result.ticks

    @property
    def state_hash(self) -> str:
        return self.result.state_hash


class MatchHistory:
    """A connection to one history database (use it from one thread)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            self._migrate()
        except sqlite3.Error as exc:
            raise HistoryError(f"cannot open match history {self.path}: {exc}") from None
        except OSError as exc:
            raise HistoryError(f"cannot open match history {self.path}: {exc.strerror}") from None

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise HistoryError(f"{self.path} was written by a newer version (schema {version})")
        self.db.execute("PRAGMA journal_mode=WAL")
        with self.db:
            self.db.executescript(_SCHEMA)
            self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def add(self, rec: MatchRecord) -> int:
        """Store one match in its own transaction; returns its id."""
        c, r = rec.config, rec.result
        row = (
            rec.room, c.level, c.mode.id, c.difficulty.id, c.seed,
            json.dumps(rec.players), json.dumps(r.favour), rec.outcome, rec.winner,
            rec.stars, r.leak, r.ticks, rec.match_s, rec.wall_s, rec.started_at,
            rec.ended_at, r.state_hash, rec.replay.to_bytes(),
        )  # fmt: skip
        with self.db:
            cur = self.db.execute(
                "INSERT INTO matches (room, level, mode, difficulty, seed, players, favour,"
                " outcome, winner, stars, leak, ticks, match_s, wall_s, started_at, ended_at,"
                " state_hash, replay) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                row,
            )
        return int(cur.lastrowid or 0)

    def recent(self, limit: int = 20) -> list[sqlite3.Row]:
        return self.db.execute(
            "SELECT id, room, level, mode, difficulty, seed, players, favour, outcome, winner,"
            " stars, ticks, match_s, ended_at FROM matches ORDER BY id DESC LIMIT ?",
            (limit,),
        ).fetchall()

    def get(self, match_id: int) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self.db.execute(
            "SELECT * FROM matches WHERE id = ?", (match_id,)
        ).fetchone()
        return row

    def prune(self, now: float, keep_days: float | None, keep_matches: int | None) -> int:
        """Delete matches that ended more than ``keep_days`` ago, and all but the newest
        ``keep_matches``; None keeps everything on that count. Returns how many went."""
        with self.db:
            gone = 0
            if keep_days is not None:
                cut = now - keep_days * 86_400
                gone += self.db.execute("DELETE FROM matches WHERE ended_at < ?", (cut,)).rowcount
            if keep_matches is not None:
                gone += self.db.execute(
                    "DELETE FROM matches WHERE id NOT IN"
                    " (SELECT id FROM matches ORDER BY id DESC LIMIT ?)",
                    (keep_matches,),
                ).rowcount
        return gone

    def close(self) -> None:
        self.db.close()


class Recorder:
    """Writes records on one background thread; ``flush`` waits for all of them."""

    def __init__(
        self,
        history: MatchHistory | None,
        keep_days: float | None = None,
        keep_matches: int | None = None,
    ) -> None:
        self.history = history
        self.keep_days, self.keep_matches = keep_days, keep_matches
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="history")
        self._pending: list[Future[int]] = []

    def record(self, rec: MatchRecord) -> None:
        if self.history is None:
            return
        self._pending = [f for f in self._pending if not f.done()]
        self._pending.append(self._pool.submit(self._add, rec))

    def _add(self, rec: MatchRecord) -> int:
        assert self.history is not None
        try:
            match_id = self.history.add(rec)
        except Exception:
            log.exception("could not record the match of room %s", rec.room)
            return 0
        log.info("room %s: recorded as match %d (%s)", rec.room, match_id, rec.outcome)
        if self.keep_days is not None or self.keep_matches is not None:
            try:
                gone = self.history.prune(time.time(), self.keep_days, self.keep_matches)
            except sqlite3.Error:
                log.exception("could not trim the match history")
            else:
                if gone:
                    log.info("history: %d old match(es) removed (retention)", gone)
        return match_id

    def flush(self, timeout: float | None = 10.0) -> None:
        for future in list(self._pending):
            future.result(timeout)
        self._pending.clear()

    def close(self) -> None:
        self._pool.shutdown(wait=True)
        if self.history is not None:
            self.history.close()
