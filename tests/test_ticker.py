"""The tick loop on a fake clock: sleeping moves the clock, a slow step moves it too.

No real time passes: ``FakeClock.sleep`` advances the clock and returns at once, and
a room's step can "take" time by advancing it. The run ends when the clock would
pass ``end``.
"""

from __future__ import annotations

import asyncio

import pytest

from server.ticker import MAX_CATCH_UP, Ticker


class Stop(Exception):
    """The fake clock reached the end of the test's time."""


class FakeClock:
    def __init__(self, end: float) -> None:
        self.now = 0.0
        self.end = end
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        if self.now + seconds >= self.end:
            raise Stop
        self.sleeps.append(seconds)
        self.now += seconds


RATE = 30
PERIOD = 1 / RATE


def run(ticker: Ticker[str], clock: FakeClock) -> None:
    with pytest.raises(Stop):
        asyncio.run(ticker.run())


def make(clock: FakeClock, cost: dict[int, float] | None = None, slots: int = 16):
    """A ticker whose step logs (room, clock) and costs ``cost[n]`` seconds on step n."""
    log: list[tuple[str, float]] = []

    def step(room: str) -> None:
        log.append((room, clock.now))
        if cost:
            clock.now += cost.get(len(log) - 1, 0.0)

    ticker: Ticker[str] = Ticker(step, RATE, slots=slots, clock=clock, sleep=clock.sleep)
    return ticker, log


def test_an_idle_clock_steps_a_room_tick_rate_times_a_second_never_late():
    clock = FakeClock(end=1.0 - PERIOD / 2)
    ticker, log = make(clock)
    ticker.add("a")
    run(ticker, clock)
    assert len(log) == RATE
    assert ticker.steps == RATE
    assert ticker.skipped == 0
    assert max(ticker.lateness) == pytest.approx(0.0, abs=1e-9)
    times = [t for _, t in log]
    assert times == pytest.approx([i * PERIOD for i in range(RATE)])


def test_rooms_are_spread_over_the_slots_each_due_at_its_own_offset():
    clock = FakeClock(end=PERIOD - 1e-6)
    ticker, log = make(clock, slots=4)
    for room in "abcde":
        ticker.add(room)
    assert [len(s) for s in ticker.slots] == [2, 1, 1, 1]  # the fifth shares the emptiest
    run(ticker, clock)
    gap = PERIOD / 4
    assert [room for room, _ in log] == ["a", "e", "b", "c", "d"]
    assert [t for _, t in log] == pytest.approx([0, 0, gap, 2 * gap, 3 * gap])


def test_a_removed_room_is_no_longer_stepped():
    clock = FakeClock(end=0.5)
    ticker, log = make(clock)
    ticker.add("a")
    ticker.add("b")
    ticker.remove("b")
    assert len(ticker) == 1
    run(ticker, clock)
    assert {room for room, _ in log} == {"a"}


def test_a_short_stall_is_caught_up_tick_by_tick_without_skipping():
    clock = FakeClock(end=1.0 - PERIOD / 2)
    ticker, log = make(clock, cost={3: 3 * PERIOD})  # step 3 takes three ticks' time
    ticker.add("a")
    run(ticker, clock)
    assert ticker.skipped == 0
    assert len(log) == RATE  # every tick of the second still ran
    late = [round(x / PERIOD, 6) for x in list(ticker.lateness)[:8]]
    assert late == [0, 0, 0, 0, 2, 1, 0, 0]  # the ticks due during the stall run at once


def test_a_stall_longer_than_max_catch_up_skips_ticks_instead_of_fast_forwarding():
    clock = FakeClock(end=1.0 - PERIOD / 2)
    stall = (MAX_CATCH_UP + 5) * PERIOD
    ticker, log = make(clock, cost={2: stall})
    ticker.add("a")
    run(ticker, clock)
    assert ticker.skipped in (MAX_CATCH_UP + 3, MAX_CATCH_UP + 4)
    assert len(log) == RATE - ticker.skipped
    assert max(ticker.lateness) <= MAX_CATCH_UP * PERIOD
    assert ticker.percentiles(100)[0] <= MAX_CATCH_UP * PERIOD * 1000


def test_a_room_always_slower_than_the_tick_keeps_its_lateness_bounded_by_skipping():
    clock = FakeClock(end=2.0)
    ticker, log = make(clock, cost={n: 2 * PERIOD for n in range(1000)})
    ticker.add("a")
    run(ticker, clock)
    late = list(ticker.lateness)
    assert late[:4] == pytest.approx([0, PERIOD, 2 * PERIOD, 3 * PERIOD])  # it falls behind
    assert ticker.skipped > 0
    assert max(late) <= MAX_CATCH_UP * PERIOD + 1e-9


def test_the_loop_yields_to_other_tasks_once_a_period_even_when_behind():
    clock = FakeClock(end=0.5)
    ticker, _ = make(clock, cost={n: 2 * PERIOD for n in range(1000)})
    ticker.add("a")
    run(ticker, clock)
    assert 0 in clock.sleeps  # sleep(0) lets I/O in although no tick was ever early


def test_stats_reset():
    clock = FakeClock(end=0.2)
    ticker, _ = make(clock, cost={0: 10 * PERIOD})
    ticker.add("a")
    run(ticker, clock)
    assert ticker.steps and ticker.skipped
    ticker.reset_stats()
    assert (ticker.steps, ticker.skipped, len(ticker.lateness)) == (0, 0, 0)
    assert ticker.percentiles(50, 99) == [0.0, 0.0]
