"""What the match screen shows, whatever feeds it: a server, or a replay.

:class:`MatchModel` keeps the newest :class:`Observation`, the position buffers the
renderer blends between, short-lived effects and banners made from events, and the
local player's prediction. Network sessions and replays push into it; the renderer
only reads :meth:`MatchModel.frame`, so drawing never changes game state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from game.client.interpolation import KeyframeBuffer, RenderClock
from game.client.prediction import Predictor
from game.kinds import EventKind
from game.levels.model import Level
from game.net.messages import from_wire_id
from game.sim import CHARACTER_NAMES
from game.sim.events import Event
from game.sim.navigation import navigation_for
from game.sim.observation import Observation
from game.sim.types import Phase
from game.sim.world import CROWD_EVERY

__all__ = ["Banner", "Effect", "Frame", "GameEvent", "MatchModel", "sim_to_game_event"]

INTERP_DELAY_TICKS = 3.0  # 100 ms at 30 Hz: at least one snapshot interval of slack
EFFECT_SECONDS = {
    EventKind.POST: 1.6,
    EventKind.SHOWCASE: 2.5,
    EventKind.MASTER_PATCH: 2.0,
    EventKind.PATCH: 0.9,
    EventKind.CRASH: 1.2,
    EventKind.FIREWALL: 0.8,
    EventKind.DRONE: 0.8,
    EventKind.REASSURE: 0.8,
    EventKind.INFECT: 0.8,
    EventKind.PANIC_WAVE: 1.6,
}
BANNER_SECONDS = 2.6
_SHAKES = frozenset(
    (EventKind.CRASH, EventKind.SURGE, EventKind.SHUTDOWN, EventKind.BREACH, EventKind.PANIC_WAVE)
)


@dataclass(frozen=True, slots=True)
class GameEvent:
    """An ``event`` message's content, the same for network and replay play."""

    kind: EventKind
    tick: int
    seat: int | None = None
    node: int | None = None
    value: float = 0.0
    x: float = 0.0
    y: float = 0.0
    text: str = ""
    name: str = ""

    @classmethod
    def from_wire(cls, kind: str, tick: int, data: dict[str, Any]) -> GameEvent | None:
        """The event, or None for a kind this client does not know (it is ignored)."""
        known = from_wire_id(EventKind, kind)
        if known is None:
            return None

        def num(key: str) -> float:
            v = data.get(key)
            return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else 0.0

        seat, node = data.get("seat"), data.get("node")
        return cls(
            known,
            tick,
            seat if isinstance(seat, int) and 0 <= seat < 4 else None,
            node if isinstance(node, int) and node >= 0 else None,
            num("value"),
            num("x"),
            num("y"),
            str(data.get("text") or ""),
            str(data.get("name") or ""),
        )


def sim_to_game_event(ev: Event, tick: int) -> GameEvent:
    """The replay path: a simulation event, named as the server names it."""
    return GameEvent(
        ev.kind,
        tick,
        None if ev.seat < 0 else ev.seat,
        None if ev.node < 0 else ev.node,
        float(ev.value),
        float(ev.x),
        float(ev.y),
        ev.text,
    )


@dataclass(frozen=True, slots=True)
class Effect:
    kind: EventKind
    seat: int | None
    x: float
    y: float
    start: float
    duration: float
    value: float = 0.0
    node: int | None = None

    def age(self, now: float) -> float:
        """0..1 through the effect's life."""
        return min(1.0, max(0.0, (now - self.start) / self.duration))


@dataclass(frozen=True, slots=True)
class Banner:
    text: str
    colour: tuple[int, int, int]
    start: float
    sub: str = ""


@dataclass
class Frame:
    """One rendered frame's worth of state; built by the model, read by the renderer."""

    level: Level
    obs: Observation
    time: float
    players: np.ndarray  # [4, 2] where to draw each player
    facing: np.ndarray  # [4] -1 facing left, +1 right
    drones: np.ndarray  # [n, 2]
    crowd: np.ndarray  # [n, 2]
    local_seat: int | None
    names: list[str]
    bots: list[bool]
    effects: list[Effect]
    banners: list[Banner]
    notice: str = ""
    shake: float = 0.0
    paused: bool = False
    speed: float = 1.0
    extra: dict[str, Any] = field(default_factory=dict)


_BANNERS: dict[EventKind, tuple[str, tuple[int, int, int]]] = {
    EventKind.SURGE: ("GLITCH SURGE", (236, 40, 160)),
    EventKind.SHUTDOWN: ("SYSTEM SHUTDOWN", (236, 40, 160)),
    EventKind.CRASH: ("SYSTEM CRASHED", (235, 55, 60)),
    EventKind.PANIC_WAVE: ("PANIC WAVE", (250, 190, 60)),
    EventKind.MASTER_PATCH: ("MASTER PATCH DEPLOYED", (70, 225, 240)),
    EventKind.BREACH: ("DATA BREACH", (235, 55, 60)),
    EventKind.CONTAINED: ("GLITCH CONTAINED", (70, 225, 240)),
    EventKind.BOT_TOOK_OVER: ("PLAYER DROPPED", (250, 190, 60)),
    EventKind.PLAYER_RETURNED: ("PLAYER IS BACK", (70, 225, 240)),
}


class MatchModel:
    """The client's picture of one match; see the module docstring."""

    def __init__(self, level: Level, tick_rate: int = 30, delay_ticks: float = INTERP_DELAY_TICKS):
        self.level = level
        self.tick_rate = tick_rate
        self.obs: Observation | None = None
        self.tick = 0
        self.time = 0.0
        self.clock = RenderClock(tick_rate, delay_ticks)
        self.players = KeyframeBuffer()
        self.drones = KeyframeBuffer()
        self.crowd = KeyframeBuffer(8)
        self._crowd_raw: np.ndarray | None = None
        self.local_seat: int | None = None
        self.predictor: Predictor | None = None
        self.names = [""] * 4  # player names; empty: the character's short name
        self.bots = [True] * 4
        self.effects: list[Effect] = []
        self.banners: list[Banner] = []
        self.events: list[GameEvent] = []  # unread by the scene (sounds, shake)
        self.shake = 0.0
        self.notice = ""
        self._facing = np.ones(4)
        self._last_xy = np.zeros((4, 2))
        self._drones_xy = np.zeros((0, 2))
        self._crowd_xy: np.ndarray | None = None

    # -- feeding ------------------------------------------------------------
    def set_local(self, seat: int | None) -> None:
        """Predict ``seat``'s movement locally from now on (None: spectate)."""
        if seat == self.local_seat:
            return
        self.local_seat = seat
        self.predictor = None
        if seat is not None:
            nav = navigation_for(self.level)
            x, y = self.level.spawns[seat]
            speed = self.level.rules.characters[seat].speed
            self.predictor = Predictor(nav.move_circle, speed, 1.0 / self.tick_rate, x, y)

    def push(self, obs: Observation, ack_seq: int | None = None) -> None:
        """A new authoritative state (a snapshot, or a replayed tick)."""
        first = self.obs is None
        self.obs, self.tick = obs, obs.tick
        xy = np.array([[p.x, p.y] for p in obs.players])
        self.players.push(obs.tick, xy)
        self.drones.push(obs.tick, np.array([[d.x, d.y] for d in obs.drones]).reshape(-1, 2))
        if self._crowd_raw is None or not np.array_equal(self._crowd_raw, obs.crowd_pos):
            self._crowd_raw = obs.crowd_pos
            # Draw the crowd one crowd step late so there is always a next key frame.
            self.crowd.push(obs.tick + CROWD_EVERY, obs.crowd_pos)
        if self.predictor is not None and self.local_seat is not None:
            me = obs.players[self.local_seat]
            if first:
                self.predictor.reset(me.x, me.y)
            else:
                self.predictor.reconcile(me.x, me.y, ack_seq)

    def predict(self, seq: int, inp: Any) -> None:
        """The local player's own input for this tick, shown before the server agrees."""
        if self.predictor is None or self.obs is None:
            return
        moving = self.obs.phase in (Phase.LIVE, Phase.CLIMAX)
        self.predictor.apply(seq, inp, moving)

    def event(self, ev: GameEvent) -> None:
        self.events.append(ev)
        duration = EFFECT_SECONDS.get(ev.kind)
        if duration:
            effect = Effect(ev.kind, ev.seat, ev.x, ev.y, self.time, duration, ev.value, ev.node)
            self.effects.append(effect)
        if ev.kind in _SHAKES:
            self.shake = max(self.shake, 0.6 if ev.kind is not EventKind.CRASH else 0.45)
        banner = self._banner(ev)
        if banner:
            self.banners.append(banner)
            self.banners = self.banners[-3:]

    def _banner(self, ev: GameEvent) -> Banner | None:
        who = CHARACTER_NAMES[ev.seat] if ev.seat is not None else ""
        if ev.kind is EventKind.SHOWCASE:
            good = ev.value > 0
            colour = (138, 79, 216) if good else (235, 55, 60)
            title = "SHOWCASE DAZZLES" if good else "SHOWCASE BACKFIRES"
            return Banner(title, colour, self.time, f"{who} on the main stage")
        if ev.kind is EventKind.POST:
            return Banner("JENNA POSTS", (155, 207, 58), self.time, "the feed calms the hall")
        if ev.kind in _BANNERS:
            title, colour = _BANNERS[ev.kind]
            sub = ev.text
            if ev.kind in (EventKind.BOT_TOOK_OVER, EventKind.PLAYER_RETURNED):
                name = ev.name or who
                sub = f"{name}: a bot takes over" if ev.kind is EventKind.BOT_TOOK_OVER else name
            elif ev.kind is EventKind.CRASH and ev.node is not None:
                sub = self.level.nodes[ev.node].name
            return Banner(title, colour, self.time, sub)
        return None

    # -- per frame ----------------------------------------------------------
    def advance(self, dt: float) -> None:
        """Move the render clock and fade effects; call once per rendered frame."""
        self.time += dt
        self.clock.advance(dt, self.players.newest)
        if self.predictor is not None:
            self.predictor.smooth(dt)
        self.shake = max(0.0, self.shake - dt * 1.5)
        self.effects = [e for e in self.effects if self.time - e.start < e.duration]
        self.banners = [b for b in self.banners if self.time - b.start < BANNER_SECONDS]
        self._sample()

    def _sample(self) -> None:
        """Blend positions for the render clock's tick (the only place they change)."""
        if self.obs is None:
            return
        t = self.clock.tick if self.clock.tick is not None else float(self.tick)
        players = np.array(self.players.sample(t), dtype=float, copy=True)
        if self.predictor is not None and self.local_seat is not None:
            players[self.local_seat] = self.predictor.shown
        dx = players[:, 0] - self._last_xy[:, 0]
        self._facing = np.where(np.abs(dx) > 1e-3, np.sign(dx), self._facing)
        self._last_xy = players
        drones = self.drones.sample(t)
        crowd = self.crowd.sample(t)
        self._drones_xy = drones if drones is not None else np.zeros((0, 2))
        self._crowd_xy = crowd if crowd is not None else self.obs.crowd_pos

    def frame(self) -> Frame | None:
        """What to draw now; None before the first snapshot. Reads only."""
        if self.obs is None:
            return None
        if self._crowd_xy is None:
            self._sample()
        return Frame(
            level=self.level,
            obs=self.obs,
            time=self.time,
            players=self._last_xy,
            facing=self._facing,
            drones=self._drones_xy,
            crowd=self._crowd_xy if self._crowd_xy is not None else self.obs.crowd_pos,
            local_seat=self.local_seat,
            names=list(self.names),
            bots=list(self.bots),
            effects=list(self.effects),
            banners=list(self.banners),
            notice=self.notice,
            shake=self.shake,
        )

    def take_events(self) -> list[GameEvent]:
        out, self.events = self.events, []
        return out
