"""One player's session with a server: lobby state, the match model, inputs out.

Sans-pygame: it consumes what :class:`NetClient` delivers (or anything with the same
``poll``/``send``), keeps the room, turns snapshots into observations for the
:class:`MatchModel`, and sends one ``input`` per client tick with ``seq`` and
``ack``. Scenes read its fields; tests drive it without a window.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Protocol

from game.client.model import GameEvent, MatchModel
from game.client.netclient import Connected, Dead, Item, Reconnecting
from game.client.words import error_words
from game.kinds import Character, Difficulty, Mode, Phase
from game.levels import LevelError, LevelShelf
from game.net import (
    ClientMessage,
    Create,
    End,
    ErrorMsg,
    Event,
    InputMsg,
    Join,
    Leave,
    MatchResults,
    Pick,
    Ping,
    Pong,
    ProtocolError,
    Ready,
    Room,
    Snap,
    SnapshotDecoder,
    Start,
    Welcome,
    observation_from,
)
from game.sim.types import CHARACTER_IDS, Input

__all__ = ["Link", "NetSession", "SessionState"]

UINT32 = 2**32


class Link(Protocol):
    """What the session needs of a connection (a :class:`NetClient`, or a test double)."""

    def poll(self) -> list[Item]: ...

    def send(self, msg: ClientMessage) -> bool: ...

    def close(self) -> None: ...


class SessionState(enum.Enum):
    CONNECTING = "connecting"
    CONNECTED = "connected"  # welcomed, not in a room
    ROOM = "room"  # in a room (lobby, match or results: see room.phase)
    DEAD = "dead"


@dataclass(frozen=True)
class Note:
    """Something to tell the player once (a refusal, a reconnect)."""

    text: str
    error: bool = False


class NetSession:
    def __init__(self, link: Link, now: float = 0.0, levels: LevelShelf | None = None) -> None:
        self.link = link
        self.levels = levels or LevelShelf()  # level files this player brought (solo --level)
        self.state = SessionState.CONNECTING
        self.player_id: int | None = None
        self.room: Room | None = None
        self.model: MatchModel | None = None
        self.results: MatchResults | None = None
        self.dead_reason = ""
        self.notes: list[Note] = []
        self.reconnecting = False
        self.receiver = SnapshotDecoder()
        self.seq = 0
        self.rtt_ms: float | None = None
        self.snaps = 0
        self._match_level = ""

    # -- derived --------------------------------------------------------------------
    @property
    def seat(self) -> int | None:
        """My seat in the room (= my character's index), None as a spectator."""
        if self.room is None or self.player_id is None:
            return None
        for i, seat in enumerate(self.room.seats):
            if seat.player_id == self.player_id:
                return i
        return None

    @property
    def is_host(self) -> bool:
        return self.room is not None and self.room.host == self.player_id

    @property
    def in_match(self) -> bool:
        return self.room is not None and self.room.phase in (
            Phase.COUNTDOWN,
            Phase.LIVE,
            Phase.CLIMAX,
        )

    # -- lobby actions --------------------------------------------------------------
    def create(self, level: str, mode: str, difficulty: str, duration_s: int | None = None) -> None:
        self.link.send(
            Create(level, Mode.from_id(mode), Difficulty.from_id(difficulty), duration_s)
        )

    def join(self, code: str, character: str | None = None, spectate: bool = False) -> None:
        char = Character.from_id(character) if character and not spectate else None
        self.link.send(Join(code.strip().upper(), char, spectate))

    def pick(self, character: str) -> None:
        self.link.send(Pick(Character.from_id(character)))

    def ready(self, ready: bool) -> None:
        self.link.send(Ready(ready))

    def start(self) -> None:
        self.link.send(Start())

    def leave(self) -> None:
        self.link.send(Leave())
        self.room = None
        self.model = None
        self.state = SessionState.CONNECTED

    def send(self, msg: ClientMessage) -> None:
        self.link.send(msg)

    def ping(self, now_ms: float) -> None:
        self.link.send(Ping(now_ms))

    def close(self) -> None:
        self.link.close()

    # -- the client tick ------------------------------------------------------------
    def send_input(self, inp: Input) -> None:
        """This tick's input: to the server, and straight into the local prediction."""
        if not self.in_match or self.seat is None:
            return
        self.seq = (self.seq + 1) % UINT32
        msg = InputMsg(
            self.seq,
            self.receiver.ack,
            (inp.move_x, inp.move_y),
            inp.patch,
            inp.ability,
            inp.action,
        )
        self.link.send(msg)
        if self.model is not None:
            self.model.predict(self.seq, inp)

    # -- inbound ------------------------------------------------------------------------
    def pump(self, now_ms: float = 0.0) -> None:
        for item in self.link.poll():
            self._item(item, now_ms)

    def _item(self, item: Item, now_ms: float) -> None:
        if isinstance(item, Snap):
            self._snap(item)
        elif isinstance(item, Event):
            if self.model is not None:
                ev = GameEvent.from_wire(item.kind, item.tick, dict(item.data))
                if ev is not None:
                    self.model.event(ev)
        elif isinstance(item, Room):
            self._room(item)
        elif isinstance(item, Welcome):
            self.player_id = item.player_id
            if self.state is SessionState.CONNECTING:
                self.state = SessionState.CONNECTED
        elif isinstance(item, End):
            self.results = item.results
        elif isinstance(item, ErrorMsg):
            self.notes.append(Note(error_words(item.code, item.msg), error=True))
        elif isinstance(item, Pong):
            self.rtt_ms = max(0.0, now_ms - float(item.ts))
        elif isinstance(item, Connected):
            self._connected(item)
        elif isinstance(item, Reconnecting):
            self.reconnecting = True
            if self.model is not None:
                self.model.notice = "Reconnecting..."
        elif isinstance(item, Dead):
            self.state = SessionState.DEAD
            self.dead_reason = item.reason

    def _connected(self, item: Connected) -> None:
        if not item.again:
            return
        self.reconnecting = False
        self.receiver = SnapshotDecoder()  # acks restart at null after a rejoin
        if self.model is not None:
            self.model.notice = ""
        self.notes.append(Note("Reconnected"))

    def _room(self, room: Room) -> None:
        old = self.room
        self.room = room
        self.state = SessionState.ROOM
        if (
            room.phase is Phase.COUNTDOWN
            and (old is None or old.phase is not room.phase)
            or self.in_match
            and self.model is None
        ):
            self._new_match(room)
        if self.model is not None:
            self.model.names = [s.name if not s.bot or s.player_id else "" for s in room.seats]
            self.model.bots = [s.bot for s in room.seats]
            self.model.set_local(self.seat)

    def _new_match(self, room: Room) -> None:
        try:
            level = self.levels.load(room.level)
        except (LevelError, ValueError) as exc:
            self.state = SessionState.DEAD
            self.dead_reason = f"this client does not have the level {room.level!r} ({exc})"
            return
        self.model = MatchModel(level, room.tick_hz)
        self.results = None
        self.receiver = SnapshotDecoder()
        self._match_level = room.level

    def _snap(self, snap: Snap) -> None:
        if self.model is None:
            return
        try:
            got = self.receiver.receive(snap)
        except ProtocolError:
            return  # acks null until the next full snapshot
        self.snaps += 1
        obs = observation_from(got.snapshot, got.tick, self.model.tick_rate)
        self.model.push(obs, got.ack_seq)

    def character(self) -> str | None:
        seat = self.seat
        return None if seat is None else CHARACTER_IDS[seat]
