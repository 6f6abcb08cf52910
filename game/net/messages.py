"""The protocol's limits and the field checks every message decoder shares.

How the game's vocabulary (``game.kinds``) travels: :func:`wire_id` and
:func:`check_enum` are the one place its enums become wire strings and back. Also the
limits of every field, and
:class:`Fields`, a reader that pulls typed values out of one decoded map and raises
:class:`ProtocolError` naming the exact path (``input.move[0]``) and the problem.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from typing import Any, TypeVar

from game.kinds import Kind
from game.net.codec import type_name
from game.net.errors import ErrorCode, ProtocolError

__all__ = [
    "DURATION_RANGE",
    "LEVEL_ID_MAX",
    "NAME_MAX",
    "PROTOCOL_VERSION",
    "ROOM_CODE_ALPHABET",
    "ROOM_CODE_LENGTH",
    "ROOM_CODE_WHAT",
    "SEATS",
    "UINT32_MAX",
    "Fields",
    "check_bool",
    "check_enum",
    "check_int",
    "check_kind",
    "check_list",
    "check_map",
    "check_name",
    "check_player_name",
    "check_number",
    "check_str",
    "check_token",
    "from_wire_id",
    "is_level_id",
    "is_room_code",
    "message_type",
    "new_room_code",
    "show",
    "wire_id",
]

PROTOCOL_VERSION = 2
SEATS = 4
UINT32_MAX = 2**32 - 1
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
NAME_MAX = 20
LEVEL_ID_MAX = 40
DURATION_RANGE = (30, 900)
TOKEN_RANGE = (16, 128)

ROOM_CODE_ALPHABET = "ABCDEFGHJKMNPRSTVWXYZ"
"""A-Z without I and L (read as 1), O and Q (read as 0 and each other) and U (as V)."""
ROOM_CODE_LENGTH = 4
ROOM_CODE_WHAT = f"{ROOM_CODE_LENGTH} letters from {ROOM_CODE_ALPHABET}"

_LEVEL_ID = re.compile(rf"[a-z0-9][a-z0-9-]{{0,{LEVEL_ID_MAX - 1}}}")
_TOKEN = re.compile(r"[A-Za-z0-9_-]+")
_KIND = re.compile(r"[a-z][a-z0-9_]{0,31}")


def is_room_code(value: object) -> bool:
    """True for exactly four letters of ROOM_CODE_ALPHABET (clients upper-case input)."""
    return (
        isinstance(value, str)
        and len(value) == ROOM_CODE_LENGTH
        and all(c in ROOM_CODE_ALPHABET for c in value)
    )


def new_room_code(choice: Callable[[str], str]) -> str:
    """Draw a code with ``choice`` (e.g. ``secrets.choice``); the server checks collisions."""
    return "".join(choice(ROOM_CODE_ALPHABET) for _ in range(ROOM_CODE_LENGTH))


def is_level_id(value: object) -> bool:
    """True for a well-formed level id; whether that level exists is the server's call."""
    return isinstance(value, str) and _LEVEL_ID.fullmatch(value) is not None


def show(value: object) -> str:
    """Render a received value for an error message, short whatever the peer sent."""
    if value is None:
        return "nil"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        text = repr(value)
        return text if len(text) <= 24 else text[:21] + "..."
    if isinstance(value, str):
        text = repr(value)
        return text if len(text) <= 34 else text[:30] + "...'"
    if isinstance(value, bytes | list | dict):
        return f"{type_name(value)} of length {len(value)}"
    return type_name(value)


K = TypeVar("K", bound=Kind)


def check_int(value: object, path: str, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise _bad(path, f"an integer in {lo}..{hi}", value)
    return value


def check_number(value: object, path: str, lo: float, hi: float) -> float:
    """Ints count as numbers: some msgpack encoders write 0.0 as the int 0."""
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    if not ok or not math.isfinite(value) or not lo <= value <= hi:  # type: ignore[arg-type,operator]
        raise _bad(path, f"a number in {_num(lo)}..{_num(hi)}", value)
    return float(value)  # type: ignore[arg-type]


def check_bool(value: object, path: str) -> bool:
    if not isinstance(value, bool):
        raise _bad(path, "true or false", value)
    return value


def wire_id(kind: Kind) -> str:
    """The string a word of the vocabulary travels as ("kiran", "showdown", "live"...)."""
    return kind.id


def from_wire_id(cls: type[K], value: object) -> K | None:
    """The member of ``cls`` whose wire id ``value`` is, or None."""
    if isinstance(value, str):
        for member in cls:
            if wire_id(member) == value:
                return member
    return None


def check_enum(value: object, path: str, cls: type[K]) -> K:
    """The member of ``cls`` whose wire id ``value`` is; a ProtocolError otherwise."""
    member = from_wire_id(cls, value)
    if member is not None:
        return member
    raise _bad(path, "one of " + ", ".join(repr(wire_id(m)) for m in cls), value)


def check_str(value: object, path: str, what: str, ok: Callable[[str], bool]) -> str:
    if not isinstance(value, str) or not ok(value):
        raise _bad(path, what, value)
    return value


_BLANK = frozenset("\u115f\u1160\u3164\uffa0\u2800")
"""Letters that are printable but draw nothing (Hangul fillers, the blank braille cell)."""


def _visible(name: str) -> bool:
    """True when some character draws ink: a letter, digit, punctuation mark or symbol."""
    return any(unicodedata.category(c)[0] in "LNPS" and c not in _BLANK for c in name)


def _reads_as_bot(name: str) -> bool:
    """Seats played by bots are shown as "Max bot"; no player may pass for one."""
    return name.casefold().split()[-1:] == ["bot"]


def check_name(value: object, path: str) -> str:
    """A display name: trimmed, 1..NAME_MAX printable characters that show on screen."""
    if isinstance(value, str):
        value = value.strip()
    what = f"a name of 1..{NAME_MAX} printable characters, some visible"
    return check_str(
        value, path, what, lambda s: 0 < len(s) <= NAME_MAX and s.isprintable() and _visible(s)
    )


def check_player_name(value: object, path: str) -> str:
    """The name a player picks: a display name that does not pass for a bot's seat."""
    name = check_name(value, path)
    if _reads_as_bot(name):
        raise _bad(path, "a name that does not end in 'bot' (bots' seats read so)", name)
    return name


def check_token(value: object, path: str) -> str:
    lo, hi = TOKEN_RANGE
    what = f"a token of {lo}..{hi} URL-safe base64 characters"
    return check_str(value, path, what, lambda s: lo <= len(s) <= hi and bool(_TOKEN.fullmatch(s)))


def check_kind(value: object, path: str) -> str:
    what = "a lowercase identifier of at most 32 characters"
    return check_str(value, path, what, lambda s: _KIND.fullmatch(s) is not None)


def check_list(value: object, path: str, lo: int, hi: int) -> list[Any]:
    if not isinstance(value, list) or not lo <= len(value) <= hi:
        size = f"{lo}" if lo == hi else f"{lo}..{hi}"
        raise _bad(path, f"an array of {size} items", value)
    return value


def check_map(value: object, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _bad(path, "a map", value)
    return value


class Fields:
    """Reads one message map key by key; ``finish()`` then catches unknown keys.

    ``strict`` is on for client messages (a typo should fail loudly, and the version
    check in ``hello`` makes additions explicit) and off when the client reads server
    messages, so a server may add a field without breaking clients.
    """

    def __init__(self, obj: dict[str, Any], name: str, *, strict: bool = True) -> None:
        self.obj = obj
        self.name = name
        self.strict = strict
        self._seen = {"t"}

    def path(self, key: str) -> str:
        return f"{self.name}.{key}"

    def req(self, key: str) -> Any:
        """The value under ``key``; missing is an error (nil is returned as None)."""
        self._seen.add(key)
        if key not in self.obj:
            raise ProtocolError(ErrorCode.BAD_MESSAGE, f"{self.path(key)}: missing")
        return self.obj[key]

    def opt(self, key: str) -> Any:
        """The value under ``key``, or None when it is absent or nil."""
        self._seen.add(key)
        return self.obj.get(key)

    def finish(self) -> None:
        if not self.strict:
            return
        extra = sorted(k for k in self.obj if k not in self._seen)
        if extra:
            msg = f"{self.path(extra[0])}: unknown field"
            raise ProtocolError(ErrorCode.BAD_MESSAGE, msg)


def message_type(obj: dict[str, Any], known: dict[str, Any]) -> str:
    """The ``t`` of a decoded map, checked against the types a side may receive."""
    t = obj.get("t")
    if "t" not in obj:
        raise ProtocolError(ErrorCode.BAD_MESSAGE, "t: missing message type")
    if not isinstance(t, str):
        raise _bad("t", "a message type string", t)
    if t not in known:
        raise ProtocolError(ErrorCode.UNKNOWN_TYPE, f"t: unknown message type {show(t)}")
    return t


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _bad(path: str, expected: str, got: object) -> ProtocolError:
    return ProtocolError(ErrorCode.BAD_MESSAGE, f"{path}: expected {expected}, got {show(got)}")
