"""Client-side prediction of the local player's movement, with reconciliation.

The local player's inputs take effect on screen at once: each tick of prediction is
``game.sim.players.move_step``, the very function the server's simulation moves
players with, with the same ``move_circle`` and speed, so a prediction only goes wrong when the
server saw something the client did not (a lost or late input, quantisation). Each
snapshot says which input ``seq`` the server applied last; we restart from the
server's position there and replay the inputs it has not seen yet. What differs
from before is shown as an offset that fades out, so corrections glide, not jump.
"""

from __future__ import annotations

import math
from collections import deque

from game.sim.players import MoveFn, move_step
from game.sim.types import Input

__all__ = ["Predictor", "step_player"]

SNAP_DISTANCE = 2.0  # tiles: a bigger error is a teleport, not something to smooth
SMOOTH_PER_S = 12.0  # the visual correction decays by e every 1/12 s
MAX_PENDING = 256


def step_player(
    move: MoveFn, x: float, y: float, inp: Input, speed: float, dt: float
) -> tuple[float, float]:
    """Where one tick of ``inp`` puts the player: the simulation's own ``move_step``."""
    moved = move_step(move, x, y, inp, speed, dt)
    return (x, y) if moved is None else (moved.x, moved.y)


class Predictor:
    """The local player's predicted position and the inputs the server has not applied."""

    def __init__(self, move: MoveFn, speed: float, dt: float, x: float, y: float) -> None:
        self.move = move
        self.speed = speed
        self.dt = dt
        self.x, self.y = x, y
        self.offset_x = self.offset_y = 0.0
        self.pending: deque[tuple[int, Input]] = deque(maxlen=MAX_PENDING)
        self.corrections = 0

    def apply(self, seq: int, inp: Input, moving: bool = True) -> None:
        """Record input ``seq`` and, if players may move now, step the prediction."""
        self.pending.append((seq, inp))
        if moving:
            self.x, self.y = step_player(self.move, self.x, self.y, inp, self.speed, self.dt)

    def reconcile(self, server_x: float, server_y: float, ack_seq: int | None) -> None:
        """Restart from the server's position after ``ack_seq`` and replay the rest."""
        while self.pending and ack_seq is not None and self.pending[0][0] <= ack_seq:
            self.pending.popleft()
        x, y = server_x, server_y
        for _, inp in self.pending:
            x, y = step_player(self.move, x, y, inp, self.speed, self.dt)
        ex, ey = self.x - x, self.y - y
        if math.hypot(ex, ey) > SNAP_DISTANCE:
            self.offset_x = self.offset_y = 0.0
        elif abs(ex) > 1e-6 or abs(ey) > 1e-6:
            self.offset_x += ex
            self.offset_y += ey
            self.corrections += 1
        self.x, self.y = x, y

    def reset(self, x: float, y: float) -> None:
        self.x, self.y = x, y
        self.offset_x = self.offset_y = 0.0
        self.pending.clear()

    def smooth(self, frame_dt: float) -> None:
        """Fade the visual correction; call once per rendered frame."""
        k = math.exp(-SMOOTH_PER_S * frame_dt)
        self.offset_x *= k
        self.offset_y *= k
        if abs(self.offset_x) < 1e-3 and abs(self.offset_y) < 1e-3:
            self.offset_x = self.offset_y = 0.0

    @property
    def shown(self) -> tuple[float, float]:
        """Where to draw the player: the prediction plus the fading correction."""
        return self.x + self.offset_x, self.y + self.offset_y
