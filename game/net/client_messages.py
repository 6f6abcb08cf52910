"""Messages a client sends: frozen dataclasses, their wire form, and the decoder.

The server calls :func:`decode_client` on every frame and only ever sees these
dataclasses, never raw maps. Unknown keys are rejected (see :class:`Fields`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from game.kinds import Character, Difficulty, Mode
from game.net.codec import MAX_CLIENT_FRAME, unpack
from game.net.errors import ErrorCode, ProtocolError
from game.net.messages import (
    DURATION_RANGE,
    PROTOCOL_VERSION,
    ROOM_CODE_WHAT,
    UINT32_MAX,
    Fields,
    check_bool,
    check_enum,
    check_int,
    check_list,
    check_number,
    check_player_name,
    check_str,
    check_token,
    is_level_id,
    is_room_code,
    message_type,
    wire_id,
)

__all__ = [
    "ClientMessage",
    "Create",
    "Hello",
    "InputMsg",
    "Join",
    "Leave",
    "Pick",
    "Ping",
    "Ready",
    "Rejoin",
    "Settings",
    "Start",
    "decode_client",
    "parse_client",
]


@dataclass(frozen=True, slots=True)
class Hello:
    """First message on every connection; ``v`` is checked before anything else."""

    name: str
    v: int = PROTOCOL_VERSION
    T: ClassVar[str] = "hello"

    def to_wire(self) -> dict[str, Any]:
        return {"t": self.T, "v": self.v, "name": self.name}

    @classmethod
    def read(cls, f: Fields) -> Hello:
        v = f.req("v")
        if isinstance(v, bool) or not isinstance(v, int) or v != PROTOCOL_VERSION:
            msg = f"hello.v: server speaks protocol {PROTOCOL_VERSION}, client sent {v!r}"
            raise ProtocolError(ErrorCode.VERSION, msg[:120])
        return cls(name=check_player_name(f.req("name"), f.path("name")), v=v)


@dataclass(frozen=True, slots=True)
class Create:
    """Create a room and become its host; ``duration_s`` None means the level's own."""

    level: str
    mode: Mode
    difficulty: Difficulty
    duration_s: int | None = None
    T: ClassVar[str] = "create"

    def to_wire(self) -> dict[str, Any]:
        wire: dict[str, Any] = {"t": self.T, "level": self.level, "mode": wire_id(self.mode)}
        wire["difficulty"] = wire_id(self.difficulty)
        if self.duration_s is not None:
            wire["duration_s"] = self.duration_s
        return wire

    @classmethod
    def read(cls, f: Fields) -> Create:
        return cls(
            level=_level(f.req("level"), f.path("level")),
            mode=check_enum(f.req("mode"), f.path("mode"), Mode),
            difficulty=check_enum(f.req("difficulty"), f.path("difficulty"), Difficulty),
            duration_s=_duration(f.opt("duration_s"), f.path("duration_s")),
        )


@dataclass(frozen=True, slots=True)
class Join:
    """Join a room by code, as a player (optionally asking for a character) or spectator."""

    code: str
    character: Character | None = None
    spectate: bool = False
    T: ClassVar[str] = "join"

    def to_wire(self) -> dict[str, Any]:
        wire: dict[str, Any] = {"t": self.T, "code": self.code}
        if self.character is not None:
            wire["character"] = wire_id(self.character)
        if self.spectate:
            wire["spectate"] = True
        return wire

    @classmethod
    def read(cls, f: Fields) -> Join:
        code = check_str(f.req("code"), f.path("code"), ROOM_CODE_WHAT, is_room_code)
        raw_char, raw_spec = f.opt("character"), f.opt("spectate")
        character = (
            None if raw_char is None else check_enum(raw_char, f.path("character"), Character)
        )
        spectate = raw_spec is not None and check_bool(raw_spec, f.path("spectate"))
        if spectate and character is not None:
            msg = "join.character: not allowed together with spectate"
            raise ProtocolError(ErrorCode.BAD_MESSAGE, msg)
        return cls(code=code, character=character, spectate=spectate)


@dataclass(frozen=True, slots=True)
class Pick:
    character: Character
    T: ClassVar[str] = "pick"

    def to_wire(self) -> dict[str, Any]:
        return {"t": self.T, "character": wire_id(self.character)}

    @classmethod
    def read(cls, f: Fields) -> Pick:
        return cls(check_enum(f.req("character"), f.path("character"), Character))


@dataclass(frozen=True, slots=True)
class Ready:
    ready: bool
    T: ClassVar[str] = "ready"

    def to_wire(self) -> dict[str, Any]:
        return {"t": self.T, "ready": self.ready}

    @classmethod
    def read(cls, f: Fields) -> Ready:
        return cls(check_bool(f.req("ready"), f.path("ready")))


@dataclass(frozen=True, slots=True)
class Start:
    """Host only: leave the lobby for the countdown; empty seats become bots."""

    T: ClassVar[str] = "start"

    def to_wire(self) -> dict[str, Any]:
        return {"t": self.T}

    @classmethod
    def read(cls, f: Fields) -> Start:
        return cls()


@dataclass(frozen=True, slots=True)
class Leave:
    T: ClassVar[str] = "leave"

    def to_wire(self) -> dict[str, Any]:
        return {"t": self.T}

    @classmethod
    def read(cls, f: Fields) -> Leave:
        return cls()


@dataclass(frozen=True, slots=True)
class Rejoin:
    """Reclaim a previous session (and its seat) after ``hello`` on a new connection."""

    token: str
    T: ClassVar[str] = "rejoin"

    def to_wire(self) -> dict[str, Any]:
        return {"t": self.T, "token": self.token}

    @classmethod
    def read(cls, f: Fields) -> Rejoin:
        return cls(check_token(f.req("token"), f.path("token")))


@dataclass(frozen=True, slots=True)
class Settings:
    """Host only, in the lobby: change some settings; None leaves a setting unchanged."""

    level: str | None = None
    mode: Mode | None = None
    difficulty: Difficulty | None = None
    duration_s: int | None = None
    T: ClassVar[str] = "settings"

    def to_wire(self) -> dict[str, Any]:
        wire: dict[str, Any] = {"t": self.T}
        if self.level is not None:
            wire["level"] = self.level
        if self.mode is not None:
            wire["mode"] = wire_id(self.mode)
        if self.difficulty is not None:
            wire["difficulty"] = wire_id(self.difficulty)
        if self.duration_s is not None:
            wire["duration_s"] = self.duration_s
        return wire

    @classmethod
    def read(cls, f: Fields) -> Settings:
        level, mode, diff = f.opt("level"), f.opt("mode"), f.opt("difficulty")
        msg = cls(
            level=None if level is None else _level(level, f.path("level")),
            mode=None if mode is None else check_enum(mode, f.path("mode"), Mode),
            difficulty=None if diff is None else check_enum(diff, f.path("difficulty"), Difficulty),
            duration_s=_duration(f.opt("duration_s"), f.path("duration_s")),
        )
        if msg == cls():
            text = "settings: expected at least one of level, mode, difficulty, duration_s"
            raise ProtocolError(ErrorCode.BAD_MESSAGE, text)
        return msg


@dataclass(frozen=True, slots=True)
class InputMsg:
    """One tick of input. ``ack`` is the newest snapshot tick applied (None: send full)."""

    seq: int
    ack: int | None = None
    move: tuple[float, float] = (0.0, 0.0)
    patch: bool = False
    ability: bool = False
    action: bool = False
    T: ClassVar[str] = "input"

    def to_wire(self) -> dict[str, Any]:
        return {
            "t": self.T,
            "seq": self.seq,
            "ack": self.ack,
            "move": [float(self.move[0]), float(self.move[1])],
            "patch": self.patch,
            "ability": self.ability,
            "action": self.action,
        }

    @classmethod
    def read(cls, f: Fields) -> InputMsg:
        ack = f.req("ack")
        raw_move = check_list(f.req("move"), f.path("move"), 2, 2)
        move = [
            check_number(x, f"{f.path('move')}[{i}]", -1.0, 1.0) for i, x in enumerate(raw_move)
        ]
        return cls(
            seq=check_int(f.req("seq"), f.path("seq"), 0, UINT32_MAX),
            ack=None if ack is None else check_int(ack, f.path("ack"), 0, UINT32_MAX),
            move=(move[0], move[1]),
            patch=check_bool(f.req("patch"), f.path("patch")),
            ability=check_bool(f.req("ability"), f.path("ability")),
            action=check_bool(f.req("action"), f.path("action")),
        )


@dataclass(frozen=True, slots=True)
class Ping:
    """``ts`` is the client's own clock, echoed untouched in ``pong`` to measure RTT."""

    ts: float
    T: ClassVar[str] = "ping"

    def to_wire(self) -> dict[str, Any]:
        return {"t": self.T, "ts": self.ts}

    @classmethod
    def read(cls, f: Fields) -> Ping:
        value = f.req("ts")
        if isinstance(value, int) and not isinstance(value, bool):
            return cls(check_int(value, f.path("ts"), -(2**63), 2**63 - 1))
        return cls(check_number(value, f.path("ts"), -1e300, 1e300))


ClientMessage = (
    Hello | Create | Join | Pick | Ready | Start | Leave | Rejoin | Settings | InputMsg | Ping
)

_READERS: dict[str, Callable[[Fields], ClientMessage]] = {
    cls.T: cls.read
    for cls in (Hello, Create, Join, Pick, Ready, Start, Leave, Rejoin, Settings, InputMsg, Ping)
}


def decode_client(
    data: bytes | bytearray | memoryview | str, max_size: int = MAX_CLIENT_FRAME
) -> ClientMessage:
    """Server side: one received frame to one message, or ProtocolError."""
    return parse_client(unpack(data, max_size))


def parse_client(obj: dict[str, Any]) -> ClientMessage:
    """Validate an already unpacked map (the part of decoding after msgpack)."""
    if not isinstance(obj, dict):
        raise ProtocolError(ErrorCode.BAD_FRAME, "frame: expected a map")
    t = message_type(obj, _READERS)
    fields = Fields(obj, t)
    msg = _READERS[t](fields)
    fields.finish()
    return msg


def _level(value: object, path: str) -> str:
    what = "a level id (lowercase letters, digits and hyphens, at most 40)"
    return check_str(value, path, what, is_level_id)


def _duration(value: object, path: str) -> int | None:
    return None if value is None else check_int(value, path, *DURATION_RANGE)
