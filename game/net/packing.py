"""Bytes for the snapshot encoding: unsigned and zigzag varints, read back with bounds checks.

A varint is LEB128: seven bits a byte, low bits first, the high bit set on every byte
but the last (as in Protocol Buffers). Zigzag maps signed to unsigned so that small
magnitudes stay short: 0, -1, 1, -2, 2... become 0, 1, 2, 3, 4... Every read of a
received buffer is checked, so a truncated or hostile payload is a ProtocolError,
never an IndexError.
"""

from __future__ import annotations

from typing import NoReturn

from game.net.errors import ErrorCode, ProtocolError

__all__ = ["MAX_VARINT_BYTES", "Reader", "Writer", "unzigzag", "zigzag"]

MAX_VARINT_BYTES = 10
"""A varint holds at most 64 bits; a longer one is refused."""


def zigzag(value: int) -> int:
    return value * 2 if value >= 0 else -value * 2 - 1


def unzigzag(value: int) -> int:
    return value >> 1 if not value & 1 else -((value + 1) >> 1)


class Writer:
    """Appends varints and raw bytes to one growing buffer."""

    def __init__(self) -> None:
        self.out = bytearray()

    def uvarint(self, value: int) -> None:
        if value < 0:
            raise ValueError(f"uvarint of a negative number {value}")
        while value >= 0x80:
            self.out.append((value & 0x7F) | 0x80)
            value >>= 7
        self.out.append(value)

    def svarint(self, value: int) -> None:
        self.uvarint(zigzag(value))

    def raw(self, data: bytes | bytearray) -> None:
        self.out += data

    def __len__(self) -> int:
        return len(self.out)


class Reader:
    """Reads what :class:`Writer` wrote; ``path`` names the field in error messages."""

    def __init__(self, data: bytes, path: str) -> None:
        self.data = data
        self.pos = 0
        self.path = path

    @property
    def left(self) -> int:
        return len(self.data) - self.pos

    def uvarint(self) -> int:
        value, shift, data = 0, 0, self.data
        for _ in range(MAX_VARINT_BYTES):
            if self.pos >= len(data):
                self.fail("ends inside a varint")
            byte = data[self.pos]
            self.pos += 1
            value |= (byte & 0x7F) << shift
            if byte < 0x80:
                return value
            shift += 7
        self.fail(f"a varint longer than {MAX_VARINT_BYTES} bytes")

    def svarint(self) -> int:
        return unzigzag(self.uvarint())

    def count(self, limit: int, what: str) -> int:
        """A length or count, refused above ``limit`` before anything is allocated."""
        value = self.uvarint()
        if value > limit:
            self.fail(f"{what} {value} is over the limit of {limit}")
        return value

    def raw(self, size: int) -> bytes:
        if size > self.left:
            self.fail(f"needs {size} more bytes, only {self.left} left")
        out = self.data[self.pos : self.pos + size]
        self.pos += size
        return out

    def byte(self) -> int:
        if self.pos >= len(self.data):
            self.fail("ends early")
        value = self.data[self.pos]
        self.pos += 1
        return value

    def fail(self, problem: str) -> NoReturn:
        raise ProtocolError(ErrorCode.BAD_MESSAGE, f"{self.path}: {problem} (at byte {self.pos})")
