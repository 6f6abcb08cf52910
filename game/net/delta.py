"""Snapshot deltas as bytes: only what changed travels, in a msgpack ``bin``.

Both ends keep the :class:`WireState` of the last snapshot that went over the
connection. The payload of a ``snap`` turns that state into the new one:

- the **rows**, one flat vector of ints (scalars, players, nodes, firewalls,
  drones; see :func:`rows_of`), travel as (gap, change) pairs for the entries that
  changed. Countdowns travel as the tick they end on, so a running cooldown or the
  match clock costs nothing until it changes course;
- the **crowd** travels as a "who moved" bit mask, one 4-bit move code per moved
  visitor, and a sparse list of visitors whose panic or favourite changed.

A full snapshot is the same encoding against :data:`EMPTY`, so one code path serves
both. The byte layout is in docs/PROTOCOL.md, section 6; this module is its
reference implementation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NoReturn

import numpy as np

from game.kinds import Mode, Phase
from game.net.errors import ErrorCode, ProtocolError, UnknownBaseError
from game.net.packing import Reader, Writer
from game.net.snapshot import CROWD_X_MAX, CROWD_Y_MAX, PLAYER_FIELDS, Snapshot

__all__ = [
    "EMPTY",
    "PLAYER_ROWS",
    "ROWS_MAX",
    "VISITORS_MAX",
    "Encoded",
    "WireState",
    "decode",
    "encode",
    "rows_of",
    "snapshot_of",
    "wire_state",
]

PLAYER_ROWS = 4
HEADER = 5  # ack_seq + 1, phase, mode, end tick, leak
COUNTDOWN_FIELDS = (4, 5, 7)  # ability and action cooldowns, effect ticks
ROWS_MAX = 65_536
VISITORS_MAX = 65_536
MOOD_MAX = 7 * 8 + 4

SEC_ROWS, SEC_LENGTH, SEC_MOVES, SEC_MOODS = 1, 2, 4, 8
SECTION_BITS = 4
ESCAPE = 15
FAR = 0x88  # an escape byte of (-8, -8): a move too far for nibbles, in svarints
_CENTRE = 7  # the move code of (0, 0): never sent


def _no_crowd() -> np.ndarray:
    return np.zeros(0, dtype=np.int64)


@dataclass(frozen=True, eq=False, slots=True)
class WireState:
    """What one end of a connection last had: a tick, its rows and its crowd."""

    tick: int
    rows: tuple[int, ...]
    crowd_x: np.ndarray = field(default_factory=_no_crowd)
    crowd_y: np.ndarray = field(default_factory=_no_crowd)
    crowd_mood: np.ndarray = field(default_factory=_no_crowd)


EMPTY = WireState(0, ())
"""The base of a full snapshot: no rows, no visitors (every value reads as 0)."""


@dataclass(frozen=True, slots=True)
class Encoded:
    """A payload and where its bytes went (for the bandwidth benchmark)."""

    payload: bytes
    header: int
    scalars: int
    players: int
    nodes: int
    crowd: int


def wire_state(snap: Snapshot, tick: int, ack_seq: int | None) -> WireState:
    rows = rows_of(snap, tick, ack_seq)
    return WireState(tick, rows, snap.crowd_x, snap.crowd_y, snap.crowd_mood)


_last: tuple[Snapshot, int, tuple[int, ...]] | None = None  # every client shares one snapshot


def rows_of(snap: Snapshot, tick: int, ack_seq: int | None) -> tuple[int, ...]:
    """The flat row vector (docs/PROTOCOL.md, section 7.1)."""
    global _last
    last = _last
    if last is not None and last[0] is snap and last[1] == tick:
        rows = last[2]
    else:
        rows = _rows_after_ack(snap, tick)
        _last = (snap, tick, rows)
    return (0 if ack_seq is None else ack_seq + 1, *rows)


def _rows_after_ack(snap: Snapshot, tick: int) -> tuple[int, ...]:
    out = [snap.phase, snap.mode, tick + snap.ticks_left, snap.leak]
    for row in snap.players:
        values = list(row)
        for i in COUNTDOWN_FIELDS:
            if values[i] > 0:
                values[i] += tick
        out += values
    out.append(len(snap.nodes) // 2)
    out += snap.nodes
    out.append(len(snap.firewall))
    out += snap.firewall
    out.append(len(snap.crowd_x))
    out.append(len(snap.drones))
    for drone in snap.drones:
        out += drone
    return tuple(out)


def snapshot_of(state: WireState) -> tuple[Snapshot, int | None]:
    """The snapshot and ``ack_seq`` a wire state holds; ProtocolError if malformed."""
    r = _RowReader(state.rows)
    ack, phase, mode, end, leak = r.take(HEADER)
    tick = state.tick
    players = []
    for _ in range(PLAYER_ROWS):
        row = list(r.take(PLAYER_FIELDS))
        for i in COUNTDOWN_FIELDS:
            row[i] = row[i] - tick if row[i] > 0 else 0
        players.append(tuple(row))
    nodes = r.take(2 * r.count("nodes"))
    firewall = r.take(r.count("links"))
    visitors = r.count("visitors")
    drones = tuple(r.take(4) for _ in range(r.count("drones")))
    r.done()
    if visitors != len(state.crowd_x):
        r.fail(f"{visitors} visitors in the rows, {len(state.crowd_x)} in the crowd")
    if phase not in Phase._value2member_map_ or mode not in Mode._value2member_map_:
        r.fail(f"phase {phase} or mode {mode} is not known")
    snap = Snapshot(
        phase=phase,
        mode=mode,
        ticks_left=end - tick,
        leak=leak,
        players=tuple(players),
        nodes=nodes,
        firewall=firewall,
        drones=drones,
        crowd_x=state.crowd_x,
        crowd_y=state.crowd_y,
        crowd_mood=state.crowd_mood,
    )
    return snap, None if ack == 0 else ack - 1


class _RowReader:
    def __init__(self, rows: tuple[int, ...]) -> None:
        self.rows, self.pos = rows, 0

    def take(self, n: int) -> tuple[int, ...]:
        if self.pos + n > len(self.rows):
            self.fail(f"{len(self.rows)} rows end early")
        out = self.rows[self.pos : self.pos + n]
        self.pos += n
        return out

    def count(self, what: str) -> int:
        (n,) = self.take(1)
        if n < 0:
            self.fail(f"negative count of {what}")
        return n

    def done(self) -> None:
        if self.pos != len(self.rows):
            self.fail(f"{len(self.rows) - self.pos} rows left over")

    def fail(self, problem: str) -> NoReturn:
        raise ProtocolError(ErrorCode.BAD_MESSAGE, f"snap.d: {problem}")


# -- encoding -----------------------------------------------------------------------
def encode(base: WireState | None, new: WireState) -> Encoded:
    """The payload that turns ``base`` (None: a full snapshot) into ``new``."""
    gap = 0 if base is None else new.tick - base.tick
    if gap < 0 or (base is not None and gap == 0):
        raise ValueError(f"base tick {new.tick - gap} is not before tick {new.tick}")
    base = base or EMPTY
    sizes = [0, 0, 0]  # scalars, players, nodes
    rows = Writer()
    sections = _rows(base.rows, new.rows, rows, sizes)
    crowd = Writer()
    sections |= _moves(base, new, crowd) | _moods(base, new, crowd)
    head = Writer()
    head.uvarint(gap << SECTION_BITS | sections)
    payload = bytes(head.out + rows.out + crowd.out)
    scalars, players, nodes = sizes
    return Encoded(payload, len(head) + len(rows) - sum(sizes), scalars, players, nodes, len(crowd))


def _rows(old: tuple[int, ...], new: tuple[int, ...], out: Writer, sizes: list[int]) -> int:
    size = len(new)
    changed = [i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b]
    changed += range(len(old), size)
    if not changed and size == len(old):
        return 0
    sections = SEC_ROWS
    if size != len(old):
        out.uvarint(size)
        sections |= SEC_LENGTH
    out.uvarint(len(changed))
    prev, bucket, start = -1, 0, len(out)
    ends = (HEADER, HEADER + PLAYER_ROWS * PLAYER_FIELDS, ROWS_MAX + 1)
    for i in changed:
        while i >= ends[bucket]:
            sizes[bucket] += len(out) - start
            bucket, start = bucket + 1, len(out)
        out.uvarint(i - prev - 1)
        out.svarint(new[i] - (old[i] if i < len(old) else 0))
        prev = i
    sizes[bucket] += len(out) - start
    return sections


def _grown(values: np.ndarray, size: int) -> np.ndarray:
    """``values`` cut or zero-padded to ``size``: new visitors start from 0."""
    if len(values) >= size:
        return values[:size]
    return np.concatenate([values, np.zeros(size - len(values), dtype=np.int64)])


def _moves(base: WireState, new: WireState, out: Writer) -> int:
    n = len(new.crowd_x)
    dx = new.crowd_x - _grown(base.crowd_x, n)
    dy = new.crowd_y - _grown(base.crowd_y, n)
    moved = (dx != 0) | (dy != 0)
    if not moved.any():
        return 0
    out.raw(np.packbits(moved, bitorder="little").tobytes())
    mdx, mdy = dx[moved], dy[moved]
    small = (np.abs(mdx) <= 2) & (np.abs(mdy) <= 1)
    codes = np.where(small, (mdy + 1) * 5 + (mdx + 2), ESCAPE).astype(np.uint8)
    if len(codes) % 2:
        codes = np.append(codes, np.uint8(0))
    out.raw((codes[0::2] | (codes[1::2] << 4)).tobytes())
    for x, y in zip(mdx[~small].tolist(), mdy[~small].tolist(), strict=True):
        if -8 <= x <= 7 and -8 <= y <= 7 and (x, y) != (-8, -8):
            out.raw(bytes(((x & 15) | (y & 15) << 4,)))
        else:
            out.raw(bytes((FAR,)))
            out.svarint(x)
            out.svarint(y)
    return SEC_MOVES


def _moods(base: WireState, new: WireState, out: Writer) -> int:
    old = _grown(base.crowd_mood, len(new.crowd_mood))
    changed = np.flatnonzero(new.crowd_mood != old).tolist()
    if not changed:
        return 0
    out.uvarint(len(changed))
    prev = -1
    moods = new.crowd_mood
    for i in changed:
        out.uvarint(i - prev - 1)
        out.raw(bytes((int(moods[i]),)))
        prev = i
    return SEC_MOODS


# -- decoding ------------------------------------------------------------------------
def decode(base: WireState | None, payload: bytes, tick: int) -> WireState:
    """The state ``payload`` makes of ``base`` for ``tick``; ProtocolError if it does not fit.

    :class:`UnknownBaseError` when the payload is a delta against a tick other than
    ``base``'s (the client missed something and needs a full snapshot).
    """
    r = Reader(payload, "snap.d")
    head = r.uvarint()
    gap, sections = head >> SECTION_BITS, head & ((1 << SECTION_BITS) - 1)
    if gap == 0:
        base = EMPTY
    elif base is None or base.tick != tick - gap:
        raise UnknownBaseError(max(0, tick - gap))
    rows = _read_rows(base.rows, r, sections) if sections & SEC_ROWS else base.rows
    if sections & SEC_LENGTH and not sections & SEC_ROWS:
        r.fail("a new row length without rows")
    visitors = _visitors(rows)
    x, y = _grown(base.crowd_x, visitors), _grown(base.crowd_y, visitors)
    if sections & SEC_MOVES:
        x, y = _read_moves(r, x, y)
    mood = _grown(base.crowd_mood, visitors)
    if sections & SEC_MOODS:
        mood = _read_moods(r, mood)
    if r.left:
        r.fail(f"{r.left} bytes left over")
    _check_crowd(r, x, y, mood)
    return WireState(tick, rows, x, y, mood)


def _read_rows(old: tuple[int, ...], r: Reader, sections: int) -> tuple[int, ...]:
    size = r.count(ROWS_MAX, "row length") if sections & SEC_LENGTH else len(old)
    rows = list(old[:size]) + [0] * (size - len(old))
    i = -1
    for _ in range(r.count(size, "changed rows")):
        i += r.uvarint() + 1
        if i >= size:
            r.fail(f"row {i} is past the end ({size})")
        rows[i] += r.svarint()
    return tuple(rows)


def _visitors(rows: tuple[int, ...]) -> int:
    """The visitor count the rows state (0 before any rows, as in a bare base)."""
    if not rows:
        return 0
    r = _RowReader(rows)
    r.take(HEADER + PLAYER_ROWS * PLAYER_FIELDS)
    r.take(2 * r.count("nodes"))
    r.take(r.count("links"))
    visitors = r.count("visitors")
    if visitors > VISITORS_MAX:
        r.fail(f"{visitors} visitors is over the limit of {VISITORS_MAX}")
    return visitors


def _read_moves(r: Reader, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    n = len(x)
    mask = np.frombuffer(r.raw((n + 7) // 8), dtype=np.uint8)
    moved = np.unpackbits(mask, count=n, bitorder="little").astype(bool)
    m = int(moved.sum())
    packed = np.frombuffer(r.raw((m + 1) // 2), dtype=np.uint8)
    codes = np.empty(2 * len(packed), dtype=np.int64)
    codes[0::2], codes[1::2] = packed & 15, packed >> 4
    codes = codes[:m]
    if (codes == _CENTRE).any():
        r.fail("move code 7 (no move) for a visitor marked as moved")
    dx, dy = codes % 5 - 2, codes // 5 - 1
    for k in np.flatnonzero(codes == ESCAPE).tolist():
        byte = r.byte()
        if byte != FAR:
            dx[k], dy[k] = (byte & 7) - (byte & 8), (byte >> 4 & 7) - (byte >> 4 & 8)
            continue
        mx, my = r.svarint(), r.svarint()
        if abs(mx) > CROWD_X_MAX or abs(my) > CROWD_Y_MAX:
            r.fail(f"a visitor moves by ({mx}, {my}), off any map")
        dx[k], dy[k] = mx, my
    x, y = x.copy(), y.copy()
    x[moved] += dx
    y[moved] += dy
    return x, y


def _read_moods(r: Reader, mood: np.ndarray) -> np.ndarray:
    mood = mood.copy()
    i = -1
    for _ in range(r.count(len(mood), "changed moods")):
        i += r.uvarint() + 1
        if i >= len(mood):
            r.fail(f"visitor {i} is past the end ({len(mood)})")
        mood[i] = r.byte()
    return mood


def _check_crowd(r: Reader, x: np.ndarray, y: np.ndarray, mood: np.ndarray) -> None:
    if len(x) and (x.min() < 0 or x.max() > CROWD_X_MAX or y.min() < 0 or y.max() > CROWD_Y_MAX):
        r.fail(f"a visitor outside 0..{CROWD_X_MAX} x 0..{CROWD_Y_MAX}")
    if len(mood) and (mood.min() < 0 or mood.max() > MOOD_MAX or (mood % 8).max() > 4):
        r.fail("a visitor's panic or favourite is out of range")
