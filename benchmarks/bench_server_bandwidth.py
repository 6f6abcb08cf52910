"""Bytes per second each client receives in a 4-player Expo Hall match.

Four real websockets clients on loopback join one room and send an input every tick
(30 Hz of match time) with the ack of the newest snapshot they applied, exactly as
a game client does. The server runs its clock ``--speed`` times faster so a minute
of match takes seconds; all rates below are per second of *match* time, which is
what a real-time client would see. Compared with: a full snapshot every tick (no
deltas, 30 Hz) and a full snapshot at the snapshot rate (no deltas, 15 Hz).

    python benchmarks/bench_server_bandwidth.py [--seconds 60] [--speed 4]
"""

from __future__ import annotations

import argparse
import asyncio
import random

from websockets.asyncio.client import connect

from game.kinds import Character, Difficulty, Mode
from game.net import (
    Create,
    End,
    Hello,
    InputMsg,
    Join,
    Ready,
    Room,
    Snap,
    SnapshotReceiver,
    Start,
    decode_server,
    encode,
    pack,
)
from server.app import GameServer

TICK_HZ = 30


class Bench:
    def __init__(self, ws: object, name: str) -> None:
        self.ws = ws
        self.name = name
        self.receiver = SnapshotReceiver()
        self.bytes = 0
        self.frames = 0
        self.snap_bytes = 0
        self.full_bytes = 0  # what the same snapshots would cost sent whole
        self.first_tick: int | None = None
        self.last_tick = 0


async def client(url: str, name: str, character: Character, code: str | None) -> Bench:
    ws = await connect(url, compression=None, max_size=None)
    await ws.send(encode(Hello(name)))
    await ws.recv()
    if code is None:
        await ws.send(encode(Create("expo-hall", Mode.SHOWDOWN, Difficulty.NORMAL, None)))
    else:
        await ws.send(encode(Join(code, character)))
        await ws.send(encode(Ready(True)))
    return Bench(ws, name)


async def play(b: Bench, seconds: float, period: float) -> None:
    """Read everything; send one input per tick of match time until ``seconds`` of match."""
    rng = random.Random(b.name)
    seq = 0

    async def send_inputs() -> None:
        nonlocal seq
        while True:
            seq += 1
            move = (rng.uniform(-1, 1), rng.uniform(-1, 1))
            msg = InputMsg(seq, b.receiver.ack, move, rng.random() < 0.5, rng.random() < 0.02)
            await b.ws.send(encode(msg))  # type: ignore[attr-defined]
            await asyncio.sleep(period)

    sender = asyncio.create_task(send_inputs())
    try:
        while True:
            frame = await b.ws.recv()  # type: ignore[attr-defined]
            msg = decode_server(frame)
            if isinstance(msg, End):
                return
            if isinstance(msg, Snap):
                full = b.receiver.receive(msg)
                if b.first_tick is None:
                    b.first_tick = msg.tick
                b.last_tick = msg.tick
                if (msg.tick - b.first_tick) / TICK_HZ >= seconds:
                    return
                b.snap_bytes += len(frame)
                b.full_bytes += len(pack(Snap(msg.tick, full, None, msg.ack_seq).to_wire()))
            if b.first_tick is not None:
                b.bytes += len(frame)
                b.frames += 1
    finally:
        sender.cancel()


async def main(seconds: float, speed: float) -> None:
    server = GameServer(speed=speed)
    await server.start()
    host = await client(server.url, "Host", Character.KIRAN, None)
    room = decode_server(await host.ws.recv())  # type: ignore[attr-defined]
    while not isinstance(room, Room):
        room = decode_server(await host.ws.recv())  # type: ignore[attr-defined]
    others = [
        await client(server.url, f"P{i}", c, room.code)
        for i, c in enumerate((Character.MAX, Character.VOSS, Character.JENNA), 1)
    ]
    for _ in range(20):  # wait until everyone is ready, then start
        msg = decode_server(await host.ws.recv())  # type: ignore[attr-defined]
        if isinstance(msg, Room) and sum(s.ready for s in msg.seats) == 3:
            break
    await host.ws.send(encode(Start()))  # type: ignore[attr-defined]
    clients = [host, *others]
    await asyncio.gather(*(play(c, seconds, 1 / (TICK_HZ * speed)) for c in clients))
    await server.stop()
    report(clients, seconds)


def report(clients: list[Bench], seconds: float) -> None:
    print(f"4-player expo-hall match, normal bots, {seconds:.0f} s of match time per client")
    print(f"{'client':<8}{'KB/s all':>10}{'KB/s snaps':>12}{'frames/s':>10}{'full@15Hz':>11}"
          f"{'full@30Hz':>11}")  # fmt: skip
    for b in clients:
        span = max(1e-9, (b.last_tick - (b.first_tick or 0)) / TICK_HZ)
        full15 = b.full_bytes / span
        print(
            f"{b.name:<8}{b.bytes / span / 1024:>10.2f}{b.snap_bytes / span / 1024:>12.2f}"
            f"{b.frames / span:>10.1f}{full15 / 1024:>11.2f}{2 * full15 / 1024:>11.2f}"
        )
    mean = sum(b.bytes / max(1e-9, (b.last_tick - (b.first_tick or 0)) / TICK_HZ) for b in clients)
    print(f"mean per client: {mean / len(clients) / 1024:.2f} KB/s (target < 6 KB/s)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="match seconds to measure")
    parser.add_argument("--speed", type=float, default=4.0, help="server clock speed-up")
    args = parser.parse_args()
    asyncio.run(main(args.seconds, args.speed))
