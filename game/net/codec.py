"""msgpack framing: one WebSocket binary frame holds one msgpack map.

Only this module touches msgpack. Unpacking treats every byte as hostile: the size is
capped before parsing, anything msgpack can throw becomes a :class:`ProtocolError`,
and only plain types (nil, bool, int, float, str, bin, array, map with string keys)
come out, so the message validators never meet an ext type.
"""

from __future__ import annotations

from typing import Any, Protocol

import msgpack

from game.net.errors import ErrorCode, ProtocolError

__all__ = ["MAX_CLIENT_FRAME", "MAX_SERVER_FRAME", "Wire", "encode", "pack", "type_name", "unpack"]

MAX_CLIENT_FRAME = 4 * 1024
"""Largest frame a client may send; an input is ~70 bytes, a hello under 100."""

MAX_SERVER_FRAME = 1024 * 1024
"""Largest frame a client accepts; a full snapshot of 300 visitors is ~10 KiB."""

_PLAIN = (type(None), bool, int, float, str, bytes)


class Wire(Protocol):
    """Any message dataclass: it knows its own wire map."""

    def to_wire(self) -> dict[str, Any]: ...


def encode(msg: Wire) -> bytes:
    """One message (client or server) to one binary frame."""
    return pack(msg.to_wire())


def pack(obj: Any) -> bytes:
    """Encode one message map; raises TypeError for values msgpack cannot hold."""
    data: bytes = msgpack.packb(obj, use_bin_type=True)
    return data


def unpack(data: bytes | bytearray | memoryview | str, max_size: int) -> dict[str, Any]:
    """Decode one frame into a map with string keys, or raise ProtocolError.

    ``str`` is accepted only to reject it clearly: a websockets connection hands text
    frames over as ``str``, and the protocol is binary only.
    """
    if isinstance(data, str):
        raise ProtocolError(ErrorCode.BAD_FRAME, "frame: expected a binary frame, got text")
    if len(data) > max_size:
        raise ProtocolError(
            ErrorCode.TOO_LARGE, f"frame: {len(data)} bytes is over the {max_size} byte limit"
        )
    try:
        obj = msgpack.unpackb(
            data, raw=False, use_list=True, strict_map_key=True, ext_hook=_reject_ext
        )
    except ProtocolError:
        raise
    except Exception as exc:  # msgpack raises many types; all mean "not one valid object"
        detail = (str(exc) or type(exc).__name__)[:80]
        raise ProtocolError(ErrorCode.BAD_FRAME, f"frame: not valid msgpack ({detail})") from None
    if not isinstance(obj, dict):
        raise ProtocolError(ErrorCode.BAD_FRAME, f"frame: expected a map, got {type_name(obj)}")
    _check_plain(obj)
    return obj


def type_name(value: object) -> str:
    """Name a decoded value's type in msgpack terms, for error messages."""
    if value is None:
        return "nil"
    if isinstance(value, bool):
        return "bool"
    names = {int: "int", float: "float", str: "str", bytes: "bin", list: "array", dict: "map"}
    return names.get(type(value), "ext")


def _reject_ext(code: int, data: bytes) -> object:
    raise ProtocolError(ErrorCode.BAD_FRAME, f"frame: ext type {code} is not accepted")


def _check_plain(root: dict[str, Any]) -> None:
    """Reject timestamps (ext -1, which msgpack decodes without calling ext_hook)
    and bytes map keys, walking without recursion so depth cannot hurt."""
    stack: list[Any] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if not isinstance(key, str):
                    raise ProtocolError(ErrorCode.BAD_FRAME, "frame: map keys must be strings")
                if isinstance(value, list | dict):
                    stack.append(value)
                elif not isinstance(value, _PLAIN):
                    raise ProtocolError(ErrorCode.BAD_FRAME, "frame: ext types are not accepted")
        else:
            for value in node:
                if isinstance(value, list | dict):
                    stack.append(value)
                elif not isinstance(value, _PLAIN):
                    raise ProtocolError(ErrorCode.BAD_FRAME, "frame: ext types are not accepted")
