"""The Replays menu: replay files in the user's data folder and matches in the history DB."""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable
from pathlib import Path

import pygame

from game.client.app import App, Scene
from game.client.input import Ui, UiEvent
from game.client.scenes.ui import Item, OptionList, backdrop, draw_title, footer
from game.paths import history_path, replays_dir
from game.replay import Replay, ReplayError

__all__ = ["ReplaysScene", "list_replays", "seat_names"]

MAX_ROWS = 8


Loader = Callable[[], tuple[Replay, list[str] | None]]


def seat_names(players_json: str) -> list[str] | None:
    """The four seats' names from a history row's ``players`` (bots: empty), or None."""
    try:
        players = json.loads(players_json)
    except ValueError:
        return None
    if not isinstance(players, list) or len(players) != 4:
        return None
    return [
        str(p.get("name") or "") if isinstance(p, dict) and p.get("human") else "" for p in players
    ]


def list_replays() -> list[tuple[str, Loader]]:
    """(label, loader) for every replay file and recorded match, newest first; a loader
    gives the replay and, for recorded matches, the players' names."""
    out: list[tuple[float, str, Loader]] = []
    folder = replays_dir()
    if folder.is_dir():
        for path in folder.iterdir():
            if path.is_file():
                out.append((path.stat().st_mtime, f"File  {path.name}", _file_loader(path)))
    db = history_path()
    if db.exists():
        with contextlib.suppress(Exception):  # no server package, or an unreadable DB
            from server.history import MatchHistory

            history = MatchHistory(db)
            try:
                for row in history.recent(30):
                    when = time.strftime("%d %b %H:%M", time.localtime(row["ended_at"]))
                    winner = row["winner"] or (
                        f"{row['stars']} stars" if row["stars"] is not None else "-"
                    )
                    label = f"{when}  {row['level']}  {row['mode']}  {winner}"
                    out.append((row["ended_at"], label, _db_loader(db, int(row["id"]))))
            finally:
                history.close()
    out.sort(key=lambda r: -r[0])
    return [(label, load) for _, label, load in out]


def _file_loader(path: Path) -> Loader:
    return lambda: (Replay.load(path), None)


def _db_loader(db: Path, match_id: int) -> Loader:
    def load() -> tuple[Replay, list[str] | None]:
        from server.history import MatchHistory

        history = MatchHistory(db)
        try:
            row = history.get(match_id)
        finally:
            history.close()
        if row is None:
            raise ReplayError(f"match {match_id} is gone")
        return Replay.from_bytes(row["replay"]), seat_names(row["players"])

    return load


class ReplaysScene(Scene):
    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.time = 0.0
        self.message = ""
        self.entries = list_replays()[:MAX_ROWS]
        items = [Item(str(k), label) for k, (label, _) in enumerate(self.entries)]
        items.append(Item("back", "Back"))
        self.list = OptionList(items, top=170, width=900)
        if not self.entries:
            self.message = f"No replays yet: play a match, or put files in {replays_dir()}"

    def handle(self, events: list[UiEvent]) -> None:
        if any(e.kind in (Ui.BACK, Ui.PAUSE) for e in events):
            self.app.pop()
            return
        picked = self.list.handle(events, self.app.screen)
        if picked is None or picked[0] != "choose":
            return
        if picked[1] == "back":
            self.app.pop()
            return
        label, load = self.entries[int(picked[1])]
        try:
            replay, names = load()
            from game.client.scenes.replay_view import ReplayScene

            self.app.push(ReplayScene(self.app, replay, replay.config.level, names=names))
        except ReplayError as exc:
            self.message = str(exc)

    def update(self, dt: float) -> None:
        self.time += dt

    def draw(self, surf: pygame.Surface) -> None:
        backdrop(surf, self.time)
        draw_title(surf, "REPLAYS", "Recorded matches, newest first")
        self.list.draw(surf, self.time)
        footer(surf, "Enter watch  -  Esc back", self.message, error=bool(self.entries))
