"""Bytes per second each client receives in a 4-player Expo Hall Showdown, on the wire.

Four real websockets clients on loopback join one room and send an input every tick
(30 Hz of match time) whose ``ack`` is the newest snapshot they had applied
``--ack-delay`` ms of match time earlier (a client that far away), plus one
spectator. The server runs its clock ``--speed`` times faster, so all rates are per
second of *match* time, as a real-time client sees them. "Wire" counts each
WebSocket frame's header (2 bytes up to 125 bytes of payload, 4 up to 64 KiB) on
top of its payload; "deflate" is the same stream through permessage-deflate as
websockets' ``compression="deflate"`` would send it (client and server defaults:
12-bit window, memLevel 5, context takeover), replayed through zlib.

The split names where the snapshot bytes go (crowd, players, nodes and drones,
scalars, envelope = msgpack map + payload head + frame header); "other" is every
other message (events, room updates). "full" is what the same snapshots would cost
sent whole. Then the CPU side on one recorded match: the server's encoding time per
snapshot per client, and the client's decoding time per snapshot.

    python benchmarks/bench_server_bandwidth.py [--seconds 60] [--speed 4]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import time
import zlib
from collections import deque
from dataclasses import dataclass, field

from websockets.asyncio.client import ClientConnection, connect

from game.kinds import Character, Difficulty, Mode
from game.levels import load_level
from game.match import Match
from game.match_config import MatchConfig
from game.net import (
    Create,
    End,
    Hello,
    InputMsg,
    Join,
    Ready,
    Room,
    Snap,
    SnapshotBuilder,
    SnapshotDecoder,
    SnapshotEncoder,
    Start,
    decode_server,
    encode,
    observation_from,
    pack,
)
from game.net.delta import encode as encode_delta
from server.app import GameServer

TICK_HZ = 30
COLUMNS = ("crowd", "players", "nodes", "scalars", "envelope", "other")


def wire_size(payload: int) -> int:
    """A server frame (unmasked) on the wire: header plus payload."""
    return payload + (2 if payload <= 125 else 4 if payload < 65536 else 10)


class Deflater:
    """permessage-deflate as websockets sends it, with context takeover."""

    def __init__(self) -> None:
        self._z = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -12, 5)

    def size(self, frame: bytes) -> int:
        data = self._z.compress(frame) + self._z.flush(zlib.Z_SYNC_FLUSH)
        return len(data) - 4  # the 00 00 ff ff tail is not sent


@dataclass
class Bench:
    ws: ClientConnection
    name: str
    decoder: SnapshotDecoder = field(default_factory=SnapshotDecoder)
    deflater: Deflater = field(default_factory=Deflater)
    wire: int = 0
    deflated: int = 0
    full: int = 0
    split: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COLUMNS, 0))
    applied: deque[tuple[float, int]] = field(default_factory=deque)  # (time, tick)
    acked: int | None = None
    first_tick: int | None = None
    last_tick: int = 0

    def ack(self, now: float, delay: float) -> int | None:
        """The newest tick applied at least ``delay`` seconds ago."""
        while self.applied and now - self.applied[0][0] >= delay:
            self.acked = self.applied.popleft()[1]
        return self.acked

    def count(self, frame: bytes, msg: object) -> None:
        self.wire += wire_size(len(frame))
        self.deflated += wire_size(self.deflater.size(frame))
        if not isinstance(msg, Snap):
            self.split["other"] += wire_size(len(frame))
            return
        before = self.decoder.state
        self.decoder.receive(msg)
        after = self.decoder.state
        assert after is not None
        parts = encode_delta(before if msg.base is not None else None, after)
        self.split["crowd"] += parts.crowd
        self.split["players"] += parts.players
        self.split["nodes"] += parts.nodes
        self.split["scalars"] += parts.scalars
        self.split["envelope"] += wire_size(len(frame)) - len(parts.payload) + parts.header
        full = Snap(msg.tick, encode_delta(None, after).payload)
        self.full += wire_size(len(pack(full.to_wire())))


async def client(url: str, name: str, character: Character | None, code: str | None) -> Bench:
    ws = await connect(url, compression=None, max_size=None)
    await ws.send(encode(Hello(name)))
    await ws.recv()
    if code is None:
        await ws.send(encode(Create("expo-hall", Mode.SHOWDOWN, Difficulty.NORMAL, None)))
    elif character is None:
        await ws.send(encode(Join(code, spectate=True)))
    else:
        await ws.send(encode(Join(code, character)))
        await ws.send(encode(Ready(True)))
    return Bench(ws, name)


async def play(b: Bench, seconds: float, speed: float, delay_s: float, inputs: bool) -> None:
    """Read everything; send one input per tick of match time until ``seconds`` of match."""
    rng = random.Random(b.name)
    loop = asyncio.get_running_loop()

    async def send_inputs() -> None:
        seq = 0
        while True:
            seq += 1
            move = (rng.uniform(-1, 1), rng.uniform(-1, 1))
            ack = b.ack(loop.time(), delay_s / speed)
            msg = InputMsg(seq, ack, move, rng.random() < 0.5, rng.random() < 0.02)
            await b.ws.send(encode(msg))
            await asyncio.sleep(1 / (TICK_HZ * speed))

    sender = asyncio.create_task(send_inputs()) if inputs else None
    try:
        while True:
            frame = await b.ws.recv()
            assert isinstance(frame, bytes)
            msg = decode_server(frame)
            if isinstance(msg, End):
                return
            if isinstance(msg, Snap):
                if b.first_tick is None:
                    b.first_tick = msg.tick
                b.last_tick = msg.tick
                if (msg.tick - b.first_tick) / TICK_HZ >= seconds:
                    return
            if b.first_tick is not None:
                b.count(frame, msg)
            if isinstance(msg, Snap):
                b.applied.append((loop.time(), msg.tick))
    finally:
        if sender is not None:
            sender.cancel()


async def run(seconds: float, speed: float, delay_ms: float) -> list[Bench]:
    server = GameServer(speed=speed)
    await server.start("127.0.0.1", 0)
    host = await client(server.url, "Host", Character.KIRAN, None)
    room = decode_server(await host.ws.recv())
    while not isinstance(room, Room):
        room = decode_server(await host.ws.recv())
    others = [
        await client(server.url, f"P{i}", c, room.code)
        for i, c in enumerate((Character.MAX, Character.VOSS, Character.JENNA), 1)
    ]
    watcher = await client(server.url, "Watcher", None, room.code)
    for _ in range(40):  # wait until everyone is ready, then start
        msg = decode_server(await host.ws.recv())
        if isinstance(msg, Room) and sum(s.ready for s in msg.seats) == 3:
            break
    await host.ws.send(encode(Start()))
    players = [host, *others]
    await asyncio.gather(
        *(play(c, seconds, speed, delay_ms / 1000, True) for c in players),
        play(watcher, seconds, speed, 0, False),
    )
    await server.stop()
    return [*players, watcher]


def report(clients: list[Bench], delay_ms: float) -> float:
    print(f"\nacks {delay_ms:.0f} ms late (bytes/s of match time)")
    head = "".join(f"{c:>9}" for c in COLUMNS)
    print(f"{'client':<8}{'wire':>7}{'deflate':>9}{'full':>8}{head}")
    worst = 0.0
    for b in clients:
        span = max(1e-9, (b.last_tick - (b.first_tick or 0)) / TICK_HZ)
        parts = "".join(f"{b.split[c] / span:>9.0f}" for c in COLUMNS)
        rate = b.wire / span
        worst = max(worst, rate)
        print(f"{b.name:<8}{rate:>7.0f}{b.deflated / span:>9.0f}{b.full / span:>8.0f}{parts}")
    print(f"worst client: {worst:.0f} B/s on the wire (target <= 1500)")
    return worst


def cpu(seed: int = 7) -> None:
    """Encode and decode every snapshot of one bot match, per snapshot per client."""
    match = Match(
        load_level("expo-hall"), MatchConfig("expo-hall", seed, Mode.SHOWDOWN, Difficulty.NORMAL)
    )
    builder, decoder = SnapshotBuilder(), SnapshotDecoder()
    encoders = [SnapshotEncoder() for _ in range(4)]  # a room of four players
    deflater = Deflater()
    build = enc = dec = squeeze = 0.0
    snaps = 0
    while not match.over:
        match.step()
        if match.world.tick % 2:
            continue
        t0 = time.perf_counter()
        snapshot = builder.build(match.world)
        t1 = time.perf_counter()
        frames = [
            e.frame(match.world.tick, snapshot, snaps + seat) for seat, e in enumerate(encoders)
        ]
        frame = frames[0]
        t2 = time.perf_counter()
        got = decoder.receive(decode_server(frame))  # type: ignore[arg-type]
        observation_from(got.snapshot, got.tick)
        t3 = time.perf_counter()
        deflater.size(frame)
        squeeze += time.perf_counter() - t3
        build, enc, dec, snaps = build + t1 - t0, enc + (t2 - t1) / 4, dec + t3 - t2, snaps + 1
    print(f"\nCPU over {snaps} snapshots of one match (seed {seed}), 4 players, microseconds:")
    print(f"  server: quantise once per room {build / snaps * 1e6:.0f}, "
          f"encode per client {enc / snaps * 1e6:.0f}")  # fmt: skip
    print(f"  client: decode + observation {dec / snaps * 1e6:.0f}")
    print(
        f"  permessage-deflate, per frame per client: {squeeze / snaps * 1e6:.0f}; zlib state "
        f"per connection: {(1 << 14) + (1 << 14)} B to compress (window 12, memLevel 5)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="match seconds to measure")
    parser.add_argument("--speed", type=float, default=4.0, help="server clock speed-up")
    parser.add_argument("--delays", default="0,100,250", help="ack delays to run, ms")
    args = parser.parse_args()
    print(f"4-player expo-hall Showdown, normal bots, {args.seconds:.0f} s of match per run")
    for delay in (float(d) for d in args.delays.split(",")):
        report(asyncio.run(run(args.seconds, args.speed, delay)), delay)
    cpu()


if __name__ == "__main__":
    main()
