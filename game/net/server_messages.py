"""Messages the server sends: dataclasses the server builds and the client decodes.

The server builds a dataclass and sends ``encode(msg)``; the client calls
:func:`decode_server`. The client ignores unknown keys here, so the server can grow a
message without breaking clients of the same protocol version.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from game.kinds import Character, Difficulty, Mode, Phase
from game.net.codec import MAX_SERVER_FRAME, unpack
from game.net.errors import ErrorCode, ProtocolError
from game.net.messages import (
    DURATION_RANGE,
    PROTOCOL_VERSION,
    ROOM_CODE_WHAT,
    SEATS,
    UINT32_MAX,
    Fields,
    check_bool,
    check_enum,
    check_int,
    check_kind,
    check_list,
    check_map,
    check_name,
    check_number,
    check_str,
    check_token,
    is_level_id,
    is_room_code,
    message_type,
    show,
    wire_id,
)
from game.net.packing import Reader

__all__ = [
    "End",
    "ErrorMsg",
    "Event",
    "MatchResults",
    "PlayerResult",
    "Pong",
    "Redirect",
    "Room",
    "Seat",
    "ServerMessage",
    "Snap",
    "Welcome",
    "decode_server",
    "parse_server",
]

_BIG = 1e300


@dataclass(frozen=True, slots=True)
class Welcome:
    """Answer to ``hello`` (and to a successful ``rejoin``, with the old identity)."""

    player_id: int
    token: str
    v: int = PROTOCOL_VERSION
    T: ClassVar[str] = "welcome"

    def to_wire(self) -> dict[str, Any]:
        return {"t": self.T, "v": self.v, "player_id": self.player_id, "token": self.token}

    @classmethod
    def read(cls, f: Fields) -> Welcome:
        v = f.req("v")
        if v != PROTOCOL_VERSION or isinstance(v, bool):
            msg = f"welcome.v: client speaks protocol {PROTOCOL_VERSION}, server sent {v!r}"
            raise ProtocolError(ErrorCode.VERSION, msg[:120])
        return cls(
            player_id=check_int(f.req("player_id"), f.path("player_id"), 1, UINT32_MAX),
            token=check_token(f.req("token"), f.path("token")),
            v=v,
        )


@dataclass(frozen=True, slots=True)
class Seat:
    """One of the four seats. A dropped human keeps ``player_id`` while a bot plays."""

    name: str
    character: Character | None = None
    bot: bool = True
    ready: bool = False
    player_id: int | None = None

    def to_wire(self) -> dict[str, Any]:
        char = None if self.character is None else wire_id(self.character)
        return {
            "character": char,
            "name": self.name,
            "bot": self.bot,
            "ready": self.ready,
            "player_id": self.player_id,
        }

    @classmethod
    def read(cls, value: object, path: str) -> Seat:
        f = Fields(check_map(value, path), path, strict=False)
        char, pid = f.opt("character"), f.opt("player_id")
        return cls(
            name=check_name(f.req("name"), f.path("name")),
            character=None if char is None else check_enum(char, f.path("character"), Character),
            bot=check_bool(f.req("bot"), f.path("bot")),
            ready=check_bool(f.req("ready"), f.path("ready")),
            player_id=None if pid is None else check_int(pid, f.path("player_id"), 1, UINT32_MAX),
        )


@dataclass(frozen=True, slots=True)
class Room:
    """The whole room state, sent to everyone in it after any change."""

    code: str
    level: str
    mode: Mode
    difficulty: Difficulty
    seats: tuple[Seat, ...]
    host: int
    phase: Phase = Phase.LOBBY
    spectators: int = 0
    duration_s: int | None = None
    tick_hz: int = 30
    T: ClassVar[str] = "room"

    def to_wire(self) -> dict[str, Any]:
        return {
            "t": self.T,
            "code": self.code,
            "level": self.level,
            "mode": wire_id(self.mode),
            "difficulty": wire_id(self.difficulty),
            "seats": [seat.to_wire() for seat in self.seats],
            "host": self.host,
            "phase": wire_id(self.phase),
            "spectators": self.spectators,
            "duration_s": self.duration_s,
            "tick_hz": self.tick_hz,
        }

    @classmethod
    def read(cls, f: Fields) -> Room:
        seats = check_list(f.req("seats"), f.path("seats"), SEATS, SEATS)
        duration = f.opt("duration_s")
        return cls(
            code=check_str(f.req("code"), f.path("code"), ROOM_CODE_WHAT, is_room_code),
            level=check_str(f.req("level"), f.path("level"), "a level id", is_level_id),
            mode=check_enum(f.req("mode"), f.path("mode"), Mode),
            difficulty=check_enum(f.req("difficulty"), f.path("difficulty"), Difficulty),
            seats=tuple(Seat.read(s, f"{f.path('seats')}[{i}]") for i, s in enumerate(seats)),
            host=check_int(f.req("host"), f.path("host"), 1, UINT32_MAX),
            phase=check_enum(f.req("phase"), f.path("phase"), Phase),
            spectators=check_int(f.req("spectators"), f.path("spectators"), 0, UINT32_MAX),
            duration_s=None
            if duration is None
            else check_int(duration, f.path("duration_s"), *DURATION_RANGE),
            tick_hz=check_int(f.req("tick_hz"), f.path("tick_hz"), 1, 240),
        )


@dataclass(frozen=True, slots=True)
class Snap:
    """A world snapshot for ``tick``: ``data`` is the :mod:`game.net.delta` payload.

    Decoding the payload needs the previous snapshot of the stream, so it happens in
    :class:`game.net.stream.SnapshotDecoder`, not here.
    """

    tick: int
    data: bytes
    T: ClassVar[str] = "snap"

    @property
    def base(self) -> int | None:
        """The tick this delta applies to, or None for a full snapshot (the first
        varint of ``data`` is the tick gap, shifted left by 4; docs/PROTOCOL.md 6.1)."""
        gap = Reader(self.data, "snap.d").uvarint() >> 4
        return None if gap == 0 else self.tick - gap

    def to_wire(self) -> dict[str, Any]:
        return {"t": self.T, "tick": self.tick, "d": self.data}

    @classmethod
    def read(cls, f: Fields) -> Snap:
        tick = check_int(f.req("tick"), f.path("tick"), 0, UINT32_MAX)
        data = f.req("d")
        if not isinstance(data, bytes) or not data:
            raise ProtocolError(ErrorCode.BAD_MESSAGE, f"snap.d: expected a bin, got {show(data)}")
        return cls(tick=tick, data=data)


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened at ``tick`` (a patch, a crash, a surge...).

    ``data`` holds the kind's own fields, sent beside ``kind`` and ``tick``.
    """

    kind: str
    tick: int
    data: Mapping[str, Any] = field(default_factory=dict)
    T: ClassVar[str] = "event"

    def __post_init__(self) -> None:
        clash = {"t", "kind", "tick"} & set(self.data)
        if clash:
            raise ValueError(f"event data may not use the keys {sorted(clash)}")

    def to_wire(self) -> dict[str, Any]:
        return {"t": self.T, "kind": self.kind, "tick": self.tick, **self.data}

    @classmethod
    def read(cls, f: Fields) -> Event:
        kind = check_kind(f.req("kind"), f.path("kind"))
        tick = check_int(f.req("tick"), f.path("tick"), 0, UINT32_MAX)
        data = {k: v for k, v in f.obj.items() if k not in ("t", "kind", "tick")}
        return cls(kind=kind, tick=tick, data=data)


@dataclass(frozen=True, slots=True)
class PlayerResult:
    """One seat's numbers at the end, as the results screen shows them."""

    character: Character
    favour: float
    patches: int
    abilities: int
    actions: int
    fragments: int

    def to_wire(self) -> dict[str, Any]:
        return {
            "character": wire_id(self.character),
            "favour": self.favour,
            "patches": self.patches,
            "abilities": self.abilities,
            "actions": self.actions,
            "fragments": self.fragments,
        }

    @classmethod
    def read(cls, value: object, path: str) -> PlayerResult:
        f = Fields(check_map(value, path), path, strict=False)

        def count(key: str) -> int:
            return check_int(f.req(key), f.path(key), 0, UINT32_MAX)

        return cls(
            character=check_enum(f.req("character"), f.path("character"), Character),
            favour=check_number(f.req("favour"), f.path("favour"), 0, _BIG),
            patches=count("patches"),
            abilities=count("abilities"),
            actions=count("actions"),
            fragments=count("fragments"),
        )


@dataclass(frozen=True, slots=True)
class MatchResults:
    """Everything the results screen shows, so a client never works anything out itself.

    The simulation's JSON result, field for field; ``winner`` None when no one won
    (Alliance mode, or a breach); ``stars`` None outside Alliance (0 for a lost
    Alliance match); ``alliance_won`` None outside Alliance; ``players`` in seat order.
    """

    level: str
    seed: int
    mode: Mode
    difficulty: Difficulty
    winner: Character | None
    favour: Mapping[Character, float]
    leak: float
    outcome: str
    stars: int | None
    ticks: int
    state_hash: str
    wall_s: float
    players: tuple[PlayerResult, ...] = ()
    alliance_won: bool | None = None

    def to_wire(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "seed": self.seed,
            "mode": wire_id(self.mode),
            "difficulty": wire_id(self.difficulty),
            "winner": None if self.winner is None else wire_id(self.winner),
            "favour": {wire_id(k): v for k, v in self.favour.items()},
            "leak": self.leak,
            "outcome": self.outcome,
            "stars": self.stars,
            "ticks": self.ticks,
            "state_hash": self.state_hash,
            "wall_s": self.wall_s,
            "players": [p.to_wire() for p in self.players],
            "alliance_won": self.alliance_won,
        }

    @classmethod
    def read(cls, value: object, path: str) -> MatchResults:
        f = Fields(check_map(value, path), path, strict=False)
        winner, stars, won = f.opt("winner"), f.opt("stars"), f.opt("alliance_won")
        favour = check_map(f.req("favour"), f.path("favour"))
        players = check_list(f.req("players"), f.path("players"), SEATS, SEATS)
        return cls(
            level=check_str(f.req("level"), f.path("level"), "a level id", is_level_id),
            seed=check_int(f.req("seed"), f.path("seed"), 0, 2**64 - 1),
            mode=check_enum(f.req("mode"), f.path("mode"), Mode),
            difficulty=check_enum(f.req("difficulty"), f.path("difficulty"), Difficulty),
            winner=None if winner is None else check_enum(winner, f.path("winner"), Character),
            favour={
                c: check_number(favour.get(wire_id(c)), f"{f.path('favour')}.{wire_id(c)}", 0, _BIG)
                for c in Character
            },
            leak=check_number(f.req("leak"), f.path("leak"), 0, _BIG),
            outcome=check_kind(f.req("outcome"), f.path("outcome")),
            stars=None if stars is None else check_int(stars, f.path("stars"), 0, 3),
            ticks=check_int(f.req("ticks"), f.path("ticks"), 0, UINT32_MAX),
            state_hash=check_str(
                f.req("state_hash"), f.path("state_hash"), "a hash string", lambda s: len(s) <= 128
            ),
            wall_s=check_number(f.req("wall_s"), f.path("wall_s"), 0, _BIG),
            players=tuple(
                PlayerResult.read(p, f"{f.path('players')}[{i}]") for i, p in enumerate(players)
            ),
            alliance_won=None if won is None else check_bool(won, f.path("alliance_won")),
        )


@dataclass(frozen=True, slots=True)
class End:
    """The match is over; the room moves to the results phase."""

    results: MatchResults
    T: ClassVar[str] = "end"

    def to_wire(self) -> dict[str, Any]:
        return {"t": self.T, "results": self.results.to_wire()}

    @classmethod
    def read(cls, f: Fields) -> End:
        return cls(MatchResults.read(f.req("results"), f.path("results")))


@dataclass(frozen=True, slots=True)
class ErrorMsg:
    """A refusal; see :func:`game.net.errors.close_code_for` for the ones that close."""

    code: ErrorCode
    msg: str
    T: ClassVar[str] = "error"

    @classmethod
    def from_exception(cls, exc: ProtocolError) -> ErrorMsg:
        return cls(exc.code, exc.msg)

    def to_wire(self) -> dict[str, Any]:
        return {"t": self.T, "code": int(self.code), "msg": self.msg}

    @classmethod
    def read(cls, f: Fields) -> ErrorMsg:
        code = check_int(f.req("code"), f.path("code"), 1, 99)
        if code not in ErrorCode._value2member_map_:
            raise ProtocolError(ErrorCode.BAD_MESSAGE, f"error.code: unknown error code {code}")
        msg = check_str(f.req("msg"), f.path("msg"), "a string", lambda s: True)
        return cls(ErrorCode(code), msg)


@dataclass(frozen=True, slots=True)
class Pong:
    """Echo of a ``ping``'s ``ts``, untouched."""

    ts: float
    T: ClassVar[str] = "pong"

    def to_wire(self) -> dict[str, Any]:
        return {"t": self.T, "ts": self.ts}

    @classmethod
    def read(cls, f: Fields) -> Pong:
        ts = f.req("ts")
        if isinstance(ts, int) and not isinstance(ts, bool):
            return cls(ts)
        return cls(check_number(ts, f.path("ts"), -_BIG, _BIG))


@dataclass(frozen=True, slots=True)
class Redirect:
    """In a cluster: the room or session asked for lives on another server, at ``url``.

    The client connects there, says ``hello`` and repeats the request that got this.
    """

    url: str
    T: ClassVar[str] = "redirect"

    def to_wire(self) -> dict[str, Any]:
        return {"t": self.T, "url": self.url}

    @classmethod
    def read(cls, f: Fields) -> Redirect:
        return cls(check_str(f.req("url"), f.path("url"), "a ws:// or wss:// address", _is_ws_url))


def _is_ws_url(s: str) -> bool:
    return s.startswith(("ws://", "wss://")) and len(s) <= 300


ServerMessage = Welcome | Room | Snap | Event | End | ErrorMsg | Pong | Redirect

_READERS: dict[str, Callable[[Fields], ServerMessage]] = {
    cls.T: cls.read for cls in (Welcome, Room, Snap, Event, End, ErrorMsg, Pong, Redirect)
}


def decode_server(
    data: bytes | bytearray | memoryview | str, max_size: int = MAX_SERVER_FRAME
) -> ServerMessage:
    """Client side: one received frame to one message, or ProtocolError."""
    return parse_server(unpack(data, max_size))


def parse_server(obj: dict[str, Any]) -> ServerMessage:
    """Validate an already unpacked map (the part of decoding after msgpack)."""
    if not isinstance(obj, dict):
        raise ProtocolError(ErrorCode.BAD_FRAME, "frame: expected a map")
    t = message_type(obj, _READERS)
    return _READERS[t](Fields(obj, t, strict=False))
