"""What a match leaves behind: the ``end`` message and the history record."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from game.kinds import Character, Mode
from game.net import (
    End,
    MatchResults,
    PlayerResult,
    encode,
)
from game.sim import CHARACTER_IDS
from server.history import MatchRecord

if TYPE_CHECKING:
    from server.play import Play
    from server.room import GameRoom

__all__ = ["end_frame", "match_record"]


def end_frame(play: Play) -> bytes:
    """The ``end`` frame: the ``sim --json`` fields, including ``players``."""
    result = play.match.result()
    results = MatchResults(
        level=result.level,
        seed=result.seed,
        mode=Mode.from_id(result.mode),
        difficulty=play.match.config.difficulty,
        winner=None if result.winner is None else Character.from_id(result.winner),
        favour={Character.from_id(k): v for k, v in result.favour.items()},
        leak=result.leak,
        outcome=result.outcome,
        stars=result.stars,
        ticks=result.ticks,
        state_hash=result.state_hash,
        wall_s=round(play.wall_s, 4),
        players=tuple(
            PlayerResult(
                Character.from_id(p.character),
                p.favour,
                p.patches,
                p.abilities,
                p.actions,
                p.fragments,
            )
            for p in result.players
        ),
        alliance_won=result.alliance_won,
    )
    return encode(End(results))


def match_record(room: GameRoom, play: Play, aborted: bool) -> MatchRecord:
    """The history row for the match as it stands now (aborted or finished)."""
    match = play.match
    result = match.result()
    return MatchRecord(
        room=room.code,
        config=match.config,
        result=result,
        aborted=aborted,
        players=_players(room, play),
        match_s=result.ticks / match.world.tick_rate,
        wall_s=round(play.wall_s, 3),
        started_at=play.started_at,
        ended_at=time.time(),
        replay=match.replay(),
    )


def _players(room: GameRoom, play: Play) -> list[dict[str, Any]]:
    """Who played each seat: the human who started there, else the bot."""
    out = []
    for seat, character in enumerate(CHARACTER_IDS):
        session = play.started_by.get(seat)
        human = session is not None
        out.append(
            {
                "seat": seat,
                "character": character,
                "name": session.name if session else f"{character.title()} bot",
                "human": human,
                "player_id": session.player_id if session else None,
            }
        )
    return out
