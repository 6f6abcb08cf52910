"""Client-side prediction of the local player's movement, with reconciliation.

The local player's inputs take effect on screen at once, using the very same
``move_circle`` and speed the server uses, so a prediction only goes wrong when the
server saw something the client did not (a lost or late input, quantisation). Each
snapshot says which input ``seq`` the server applied last; we restart from the
server's position there and replay the inputs it has not seen yet. What differs
from before is shown as an offset that fades out, so corrections glide, not jump.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable

from game.sim.state import PLAYER_RADIUS
from game.sim.types import Input

__all__ = ["MoveFn", "Predictor", "step_player"]

MoveFn = Callable[[float, float, float, float, float], tuple[float, float]]
SNAP_DISTANCE = 2.0  # tiles: a bigger error is a teleport, not something to smooth
SMOOTH_PER_S = 12.0  # the visual correction decays by e every 1/12 s
MAX_PENDING = 256


def step_player(
    move: MoveFn, x: float, y: float, inp: Input, speed: float, dt: float
) -> tuple[float, float]:
    """One tick of movement exactly as ``game.sim.players._move`` does it."""
    mx, my = inp.move_x, inp.move_y
    n = math.hypot(mx, my)
    if n < 1e-6:
        return x, y
    if n > 1.0:
        mx, my = mx / n, my / n
    step = speed * dt
    return move(x, y, mx * step, my * step, PLAYER_RADIUS)


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
