"""Watching a replay: the same stage and HUD, with pause, speed 0.5x-8x and seeking."""

from __future__ import annotations

import pygame

from game.client.app import App, Scene
from game.client.input import Ui, UiEvent
from game.client.model import MatchModel, sim_to_game_event
from game.client.render import palette as pal
from game.client.render.camera import Camera
from game.client.render.hud import HudRenderer
from game.client.render.stage import StageRenderer
from game.client.render.text import text
from game.client.replayer import ReplayPlayer
from game.client.scenes.ui import scale
from game.replay import Replay
from game.sim.observation import observe

__all__ = ["SPEEDS", "ReplayScene"]

SPEEDS = (0.5, 1.0, 2.0, 4.0, 8.0)
SEEK_S = 10


class ReplayScene(Scene):
    def __init__(
        self,
        app: App,
        replay: Replay,
        title: str = "",
        quit_at_end: bool = False,
        names: list[str] | None = None,
    ) -> None:
        super().__init__(app)
        self.player = ReplayPlayer(replay)
        self.title = title or replay.config.level
        self.note = replay.numpy_note()  # another numpy may draw another random stream
        self.quit_at_end = quit_at_end
        level = self.player.world.level
        self.model = MatchModel(level, self.player.world.tick_rate, delay_ticks=1.0)
        # Players by name where the history knows them; never "(bot)" on every seat.
        self.model.names = list(names) if names else [""] * 4
        self.model.bots = [bool(names) and not n for n in self.model.names]
        cb = app.settings.colourblind
        self.stage = StageRenderer(level, cb)
        self.hud = HudRenderer(level, cb)
        self.camera = Camera(*app.screen.get_size())
        self.speed_index = 1
        self.paused = False
        self.budget = 0.0
        self._push(())

    @property
    def speed(self) -> float:
        return SPEEDS[self.speed_index]

    def _push(self, events: tuple | list) -> None:  # type: ignore[type-arg]
        w = self.player.world
        for ev in events:
            self.model.event(sim_to_game_event(ev, w.tick))
        self.model.push(observe(w))

    def handle(self, events: list[UiEvent]) -> None:
        for ev in events:
            if ev.kind in (Ui.BACK, Ui.PAUSE):
                self.app.pop()
                return
            if ev.kind is Ui.CONFIRM:
                self.paused = not self.paused
            elif ev.kind is Ui.UP:
                self.speed_index = min(len(SPEEDS) - 1, self.speed_index + 1)
            elif ev.kind is Ui.DOWN:
                self.speed_index = max(0, self.speed_index - 1)
            elif ev.kind in (Ui.LEFT, Ui.RIGHT):
                step = SEEK_S * self.player.world.tick_rate
                self.seek(self.player.tick + (step if ev.kind is Ui.RIGHT else -step))

    def seek(self, tick: int) -> None:
        self.player.seek(tick)
        self.model.players.clear()
        self.model.drones.clear()
        self.model.crowd.clear()
        self.model._crowd_raw = None
        self.model.clock.tick = None
        self._push(())

    def tick(self) -> None:
        if self.paused:
            return
        self.budget += self.speed
        while self.budget >= 1.0:
            self.budget -= 1.0
            if self.player.at_end:
                if self.quit_at_end:
                    self.app.quit(0)
                break
            self._push(self.player.step())

    def update(self, dt: float) -> None:
        self.model.clock.tick_rate = self.model.tick_rate * (0 if self.paused else self.speed)
        self.model.advance(dt)
        self.model.take_events()
        size = self.app.screen.get_size()
        if (self.camera.view_w, self.camera.view_h) != size:
            self.camera.resize(*size)
        lvl = self.model.level
        self.camera.fit(lvl.width, lvl.height)

    def draw(self, surf: pygame.Surface) -> None:
        f = self.model.frame()
        if f is None:
            return
        f.extra["replay"] = True  # the HUD says REPLAY where a live match says LIVE
        self.stage.draw(surf, f, self.camera)
        self.hud.draw(surf, f, self.camera)
        self._footer(surf)

    def footer_rect(self, surf: pygame.Surface) -> pygame.Rect:
        u = scale(surf)
        h = surf.get_height()
        right = self.hud.minimap_rect(surf).left - round(20 * u)
        return pygame.Rect(round(16 * u), h - round(78 * u), right - round(16 * u), round(62 * u))

    def _footer(self, surf: pygame.Surface) -> None:
        """Time, speed and keys on a panel of their own: readable on any floor, and
        left of the minimap."""
        u = scale(surf)
        panel = self.footer_rect(surf)
        shade = pygame.Surface(panel.size, pygame.SRCALPHA)
        pygame.draw.rect(shade, (*pal.PANEL, 230), shade.get_rect(), border_radius=10)
        pygame.draw.rect(shade, (*pal.CYAN, 110), shade.get_rect(), 1, border_radius=10)
        surf.blit(shade, panel)
        pad = round(14 * u)
        bar = pygame.Rect(
            panel.left + pad,
            panel.bottom - pad - round(10 * u),
            panel.width - 2 * pad,
            round(10 * u),
        )
        pygame.draw.rect(surf, (10, 16, 24), bar, border_radius=5)
        frac = self.player.tick / max(1, self.player.total)
        pygame.draw.rect(
            surf,
            pal.CYAN,
            (bar.left, bar.top, round(bar.width * frac), bar.height),
            border_radius=5,
        )
        state = "PAUSED" if self.paused else f"{self.speed:g}x"
        secs = self.player.tick // self.player.world.tick_rate
        head = text(
            f"{self.title}  {state}  {secs // 60}:{secs % 60:02d}", round(18 * u), pal.WHITE, True
        )
        surf.blit(head, (panel.left + pad, panel.top + round(8 * u)))
        keys = "Space pause   Up/Down speed   Left/Right seek   Esc back"
        img = text(keys, round(16 * u), pal.MUTED)
        x = max(
            panel.left + pad + head.get_width() + round(24 * u), panel.right - pad - img.get_width()
        )
        if x + img.get_width() <= panel.right - pad:
            surf.blit(img, (x, panel.top + round(10 * u)))
        if self.note:  # another numpy's replay: said above the panel, on a backing of its own
            note = text(self.note, round(14 * u), pal.WHITE, False)
            at = note.get_rect(bottomleft=(panel.left + pad, panel.top - round(8 * u)))
            back = pygame.Surface(at.inflate(round(12 * u), round(6 * u)).size, pygame.SRCALPHA)
            back.fill((*pal.PANEL, 230))
            surf.blit(back, at.inflate(round(12 * u), round(6 * u)))
            surf.blit(note, at)
