"""Token-bucket rate limiting of client frames, as a pure class.

The caller passes the time in, so the server uses its monotonic clock and tests use
plain numbers. A client sends one ``input`` per tick at up to 60 Hz plus a ``ping``
a second and rare lobby messages; the defaults leave room for that and for the burst
that arrives when a stalled TCP stream catches up.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_BURST", "DEFAULT_RATE_PER_S", "RateLimiter"]

DEFAULT_RATE_PER_S = 80.0
"""Sustained frames per second: 60 inputs + 1 ping + lobby traffic, with headroom."""

DEFAULT_BURST = 120.0
"""Frames accepted at once: two seconds of 60 Hz input, the backlog after a 2 s stall."""


@dataclass(slots=True)
class RateLimiter:
    """Allows ``rate_per_s`` frames a second on average and ``burst`` at once."""

    rate_per_s: float = DEFAULT_RATE_PER_S
    burst: float = DEFAULT_BURST
    tokens: float = -1.0
    last: float | None = None
    denied: int = 0

    def __post_init__(self) -> None:
        if self.rate_per_s <= 0 or self.burst < 1:
            raise ValueError("rate_per_s must be positive and burst at least 1")
        if self.tokens < 0:
            self.tokens = self.burst

    def allow(self, now: float, cost: float = 1.0) -> bool:
        """Take ``cost`` tokens if there are enough; count a refusal in ``denied``.

        A clock that goes backwards adds no tokens rather than failing.
        """
        if self.last is not None and now > self.last:
            self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate_per_s)
        if self.last is None or now > self.last:
            self.last = now
        if self.tokens >= cost:
            self.tokens -= cost
            return True
        self.denied += 1
        return False
