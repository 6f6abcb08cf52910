"""A room: four seats, a host, settings, spectators, and the match when one is on.

Like the Connect Four tutorial's ``Connect4`` class, a room enforces its rules by
raising: every refusal is a :class:`ProtocolError` the connection turns into an
``error``. A seat's index is its character (kiran 0, max 1, voss 2, jenna 3), so
"no two players the same character" holds by construction.

A room never touches a socket (sans-I/O, like websockets' ``data_to_send()``): it
decides what each member receives and queues it on the member's
:class:`~server.outbox.Outbox`; the connection layer sends what was queued.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator
from dataclasses import replace
from typing import Protocol

from game.kinds import Character, EventKind, Phase
from game.levels import LevelError, LevelShelf
from game.match_config import MatchConfig
from game.net import (
    SEATS,
    Create,
    ErrorCode,
    InputMsg,
    ProtocolError,
    Room,
    Seat,
    Settings,
    pack,
)
from game.net.codec import Wire
from server.events import room_event, sim_event
from server.history import MatchRecord
from server.limits import Limits
from server.lobby import Session
from server.play import SNAP_EVERY, Play
from server.results import end_frame, match_record

__all__ = ["HOLD_S", "GameRoom", "RoomHooks", "check_level"]

log = logging.getLogger(__name__)

HOLD_S = 60
"""Match seconds a dropped player's seat waits for them while a bot plays it."""

_LOBBY_PHASES = (Phase.LOBBY, Phase.RESULTS)


class RoomHooks(Protocol):
    """What a room needs from the server around it."""

    levels: LevelShelf
    limits: Limits

    def record(self, record: MatchRecord) -> None: ...
    def forget(self, session: Session) -> None: ...


class GameRoom:
    """See the module docstring; the server calls one method per client message."""

    def __init__(self, code: str, create: Create, host: Session, hooks: RoomHooks) -> None:
        check_level(create.level, hooks.levels)
        self.code = code
        self.config = MatchConfig(
            create.level, 0, create.mode, create.difficulty, create.duration_s
        )  # the seed is drawn when a match starts
        self.hooks = hooks
        self.seats: list[Session | None] = [None] * SEATS
        self.ready = [False] * SEATS
        self.held: dict[int, int] = {}  # seat -> tick its hold ends
        self.spectators: list[Session] = []
        self.host_id = host.player_id
        self.phase = Phase.LOBBY
        self.play: Play | None = None
        self._seat(host, 0)

    # -- membership -------------------------------------------------------------
    def members(self) -> Iterator[Session]:
        yield from (s for s in self.seats if s is not None)
        yield from self.spectators

    @property
    def empty(self) -> bool:
        return not any(self.seats) and not self.spectators

    @property
    def tick(self) -> int:
        return 0 if self.play is None else self.play.tick

    def join(self, session: Session, character: Character | None, spectate: bool) -> None:
        if spectate:
            most = self.hooks.limits.spectators_per_room
            if len(self.spectators) >= most:
                msg = f"join: room {self.code} has {most} spectators, the most it takes"
                raise ProtocolError(ErrorCode.ROOM_FULL, msg)
            self.spectators.append(session)
            session.room, session.seat = self, None
            if self.play is not None:
                self.play.reset_viewer(session, spectator=True)
            self.broadcast_room()
            return
        if self.phase not in _LOBBY_PHASES:
            raise ProtocolError(ErrorCode.WRONG_PHASE, "join: a match is on; join with spectate")
        if character is not None:
            seat = int(character)
            if self.seats[seat] is not None:
                raise _taken(character)
        else:
            free = [i for i, s in enumerate(self.seats) if s is None]
            if not free:
                raise ProtocolError(ErrorCode.ROOM_FULL, f"join: room {self.code} is full")
            seat = free[0]
        self._seat(session, seat)

    def leave(self, session: Session) -> None:
        """The player is gone for good: their seat goes to a bot for the rest of the match."""
        if session in self.spectators:
            self.spectators.remove(session)
        elif session.seat is not None and self.seats[session.seat] is session:
            seat = session.seat
            self.seats[seat], self.ready[seat] = None, False
            self.held.pop(seat, None)
            if self.play is not None:
                self.play.match.set_bot(seat, True)
            self._announce(EventKind.PLAYER_LEFT, session, seat)
            self._pick_host()
        session.room, session.seat = None, None
        if self.play is not None:
            self.play.viewers.pop(session, None)
        self.broadcast_room()

    def drop(self, session: Session) -> bool:
        """The connection is lost. In a match a seat is held; True if the session is kept."""
        if self.play is None or session.seat is None or session in self.spectators:
            self.leave(session)
            return False
        seat = session.seat
        self.held[seat] = self.tick + HOLD_S * self.play.match.world.tick_rate
        self.play.match.set_bot(seat, True)
        self._announce(EventKind.BOT_TOOK_OVER, session, seat)
        self.broadcast_room()
        return True

    def restore(self, session: Session) -> None:
        """A held player is back (``rejoin``): the seat is theirs again, from a full snapshot."""
        if session.seat is not None and self.held.pop(session.seat, None) is not None:
            assert self.play is not None
            self.play.match.set_bot(session.seat, False)
            self._announce(EventKind.PLAYER_RETURNED, session, session.seat)
        if self.play is not None:
            self.play.reset_viewer(session, spectator=session.seat is None)
        self.broadcast_room()

    # -- lobby requests -----------------------------------------------------------
    def pick(self, session: Session, character: Character) -> None:
        seat = self._lobby_seat(session, "pick")
        new = int(character)
        if new != seat:
            if self.seats[new] is not None:
                raise _taken(character)
            self.seats[seat], self.ready[seat] = None, False
            self._seat(session, new, announce=False)

    def set_ready(self, session: Session, ready: bool) -> None:
        seat = self._lobby_seat(session, "ready")
        self.ready[seat] = ready
        self.broadcast_room()

    def settings(self, session: Session, msg: Settings) -> None:
        self._host_only(session, "settings")
        if msg.level is not None:
            check_level(msg.level, self.hooks.levels)
        c = self.config
        self.config = replace(
            c,
            level=c.level if msg.level is None else msg.level,
            mode=c.mode if msg.mode is None else msg.mode,
            difficulty=c.difficulty if msg.difficulty is None else msg.difficulty,
            duration_s=c.duration_s if msg.duration_s is None else msg.duration_s,
        )
        self.broadcast_room()

    def start(self, session: Session) -> None:
        self._host_only(session, "start")
        waiting = [
            s.name for i, s in enumerate(self.seats) if s and s is not session and not self.ready[i]
        ]
        if waiting:
            raise ProtocolError(ErrorCode.WRONG_PHASE, f"start: {waiting[0]} is not ready")
        try:
            level = self.hooks.levels.load(self.config.level)
        except (LevelError, ValueError):
            msg = f"start: level {self.config.level} does not load"
            raise ProtocolError(ErrorCode.UNKNOWN_LEVEL, msg) from None
        humans = frozenset(i for i, s in enumerate(self.seats) if s is not None)
        self.play = Play(level, self.config.with_seed(secrets.randbelow(2**31)), humans)
        self.play.started_by = {i: s for i, s in enumerate(self.seats) if s is not None}
        self.phase = Phase.COUNTDOWN
        for member in self.members():
            self.play.reset_viewer(member, spectator=member.seat is None)
        log.info(
            "room %s: match started (%s, %s, %s, seed %d, humans %s)",
            self.code,
            self.config.level,
            self.config.mode.id,
            self.config.difficulty.id,
            self.play.match.config.seed,
            sorted(humans),
        )
        self.broadcast_room()

    def on_input(self, session: Session, msg: InputMsg) -> None:
        if self.play is None or self.phase not in (Phase.COUNTDOWN, Phase.LIVE, Phase.CLIMAX):
            raise ProtocolError(ErrorCode.WRONG_PHASE, "input: no match is on")
        if session.seat is None:
            raise ProtocolError(ErrorCode.WRONG_PHASE, "input: spectators do not send input")
        viewer = self.play.viewers.get(session) or self.play.reset_viewer(session, False)
        self.play.on_input(session.seat, msg, viewer)

    # -- the tick -------------------------------------------------------------------
    def step(self) -> None:
        """One simulation tick: inputs in; events, snapshots and maybe the end out."""
        play = self.play
        if play is None:
            return
        humans = [i for i, s in enumerate(self.seats) if s is not None and i not in self.held]
        tick_events = play.step(humans)
        tick = play.tick
        for ev in tick_events:
            msg = sim_event(ev, tick)
            if msg is not None:
                self.broadcast(msg)
        self._expire_holds(tick)
        over = play.match.over
        if over or tick % SNAP_EVERY == 0:
            play.send_snaps(self.members())
        phase = play.match.world.phase
        if over:
            self.finish()
        elif phase is not self.phase:
            self.phase = phase
            self.broadcast_room()

    def finish(self, aborted: bool = False) -> None:
        """Record the match, send ``end`` (unless aborted) and go back to a lobby.

        A match aborted before any human's input was played is not recorded: creating,
        starting and leaving in a loop must not fill the history."""
        play = self.play
        if play is None:
            return
        self.play = None
        if not aborted or play.anyone_played:
            self.hooks.record(match_record(self, play, aborted))
        log.info(
            "room %s: match %s after %d ticks",
            self.code,
            "aborted" if aborted else "ended",
            play.tick,
        )
        if aborted:
            return
        self.broadcast_frame(end_frame(play))
        for seat in list(self.held):
            session = self.seats[seat]
            self.seats[seat] = None
            if session is not None:
                session.room = session.seat = None
                self.hooks.forget(session)
        self.held.clear()
        self.ready = [False] * SEATS
        self.phase = Phase.RESULTS
        self._pick_host()
        self.broadcast_room()

    # -- sending ---------------------------------------------------------------------
    def message(self) -> Room:
        seats = tuple(self._seat_view(i) for i in range(SEATS))
        return Room(
            code=self.code,
            level=self.config.level,
            mode=self.config.mode,
            difficulty=self.config.difficulty,
            seats=seats,
            host=self.host_id,
            phase=self.phase,
            spectators=len(self.spectators),
            duration_s=None if self.config.duration_s is None else int(self.config.duration_s),
        )

    def broadcast_room(self) -> None:
        self.broadcast(self.message())

    def broadcast(self, msg: Wire) -> None:
        self.broadcast_frame(pack(msg.to_wire()))

    def broadcast_frame(self, frame: bytes) -> None:
        """Encode once, queue on every connected member's outbox."""
        for member in self.members():
            if member.connected:
                member.outbox.send_frame(frame)

    # -- helpers ------------------------------------------------------------------------
    def _seat(self, session: Session, seat: int, announce: bool = True) -> None:
        self.seats[seat] = session
        self.ready[seat] = False
        session.room, session.seat = self, seat
        if announce:
            self._announce(EventKind.PLAYER_JOINED, session, seat)
        self.broadcast_room()

    def _announce(self, kind: EventKind, session: Session, seat: int) -> None:
        self.broadcast(room_event(kind, self.tick, seat, session.name, session.player_id))

    def _seat_view(self, seat: int) -> Seat:
        session = self.seats[seat]
        character = Character(seat)
        if session is None:
            return Seat(name=f"{character.id.title()} bot", character=character)
        away = seat in self.held
        return Seat(session.name, character, away, self.ready[seat], session.player_id)

    def _lobby_seat(self, session: Session, what: str) -> int:
        if self.phase not in _LOBBY_PHASES:
            raise ProtocolError(ErrorCode.WRONG_PHASE, f"{what}: not during a match")
        if session.seat is None:
            raise ProtocolError(ErrorCode.WRONG_PHASE, f"{what}: spectators have no seat")
        return session.seat

    def _host_only(self, session: Session, what: str) -> None:
        if session.player_id != self.host_id:
            raise ProtocolError(ErrorCode.NOT_HOST, f"{what}: only the room's host can do that")
        if self.phase not in _LOBBY_PHASES:
            raise ProtocolError(ErrorCode.WRONG_PHASE, f"{what}: not during a match")

    def _pick_host(self) -> None:
        """Keep the host if still seated, else the first seated human takes over."""
        seated = [s for s in self.seats if s is not None]
        if seated and all(s.player_id != self.host_id for s in seated):
            self.host_id = seated[0].player_id

    def _expire_holds(self, tick: int) -> None:
        for seat, until in list(self.held.items()):
            session = self.seats[seat]
            if tick >= until and session is not None:
                self.leave(session)
                self.hooks.forget(session)


def check_level(level: str, shelf: LevelShelf) -> None:
    """Only the ids on the server's shelf: a client must never make the server open a path."""
    if level not in shelf:
        raise ProtocolError(ErrorCode.UNKNOWN_LEVEL, f"level: no level called {level!r}")


def _taken(character: Character) -> ProtocolError:
    return ProtocolError(ErrorCode.CHARACTER_TAKEN, f"character: {character.id} is taken")
