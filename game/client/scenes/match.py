"""The match screen: input out every tick, the model in every frame, stage + HUD drawn.

In a timedemo a bot drives the local player through this same path (its ``Input``
goes to the server exactly like a human's), every frame is rendered uncapped, and
the scene ends itself after the requested seconds.
"""

from __future__ import annotations

import time

import pygame

from game.bots import Bot
from game.client.app import App, FrameStats, Scene
from game.client.hints import Hints
from game.client.input import Bindings, Ui, UiEvent
from game.client.model import Frame, GameEvent
from game.client.online import Online
from game.client.render import palette as pal
from game.client.render.camera import Camera
from game.client.render.hud import HudRenderer
from game.client.render.stage import StageRenderer
from game.client.render.text import text
from game.client.session import SessionState
from game.client.settings import save_settings
from game.kinds import Difficulty
from game.sim.types import Input

__all__ = ["MatchScene"]

PING_EVERY_S = 1.0
HINT_S = 7.0
"""How long a first-match hint stays up."""


class MatchScene(Scene):
    live = True  # an online match goes on under the pause menu

    def __init__(
        self,
        app: App,
        online: Online,
        timedemo: int | None = None,
        screenshot: str | None = None,
        difficulty: str | None = None,
        autopilot: bool = False,
    ) -> None:
        super().__init__(app)
        self.online = online
        self.session = online.session
        model = self.session.model
        assert model is not None
        self.model = model
        cb = app.settings.colourblind
        self.stage = StageRenderer(model.level, cb)
        self.hud = HudRenderer(model.level, cb)
        self.camera = Camera(*app.screen.get_size())
        self.timedemo = timedemo
        self.screenshot = screenshot
        self.autopilot = autopilot or bool(timedemo)
        self.bot: Bot | None = None
        self._bot_difficulty = Difficulty.from_id(difficulty or "normal")
        self._last_ping = 0.0
        self.frames = 0
        self._start = time.perf_counter()
        self._frame: Frame | None = None
        self.show_fps = False
        self.fps = 0.0
        self.hints: Hints | None = None
        if not self.autopilot:
            patch = Bindings(app.controls.keys).key("patch")
            self.hints = Hints(model.level, app.settings.hints_seen, patch)
        self.hint: tuple[str, float] | None = None  # text, model time it appeared
        if timedemo:
            app.uncapped = True
            app.stats = FrameStats()  # measure the match only, not the connecting

    def resume(self) -> None:
        self.app.controls.text_mode = False
        self.app.audio.start_music()

    # -- input ---------------------------------------------------------------------
    def handle(self, events: list[UiEvent]) -> None:
        for ev in events:
            if ev.kind is Ui.PAUSE and not self.timedemo:
                from game.client.scenes.pause import PauseScene

                self.app.push(PauseScene(self.app, self.online))
                return

    def _input(self) -> Input:
        obs = self.model.obs
        seat = self.model.local_seat
        if self.autopilot and obs is not None and seat is not None:
            if self.bot is None or self.bot.seat != seat:
                self.bot = Bot(self.model.level, seat, self._bot_difficulty, 7)
            if self.bot.wants_to_think(obs.tick):
                return self.bot.act(obs)
            return self.bot.last
        if self.app.top is not self:
            return Input()  # under the pause menu: stand still, the match goes on
        return self.app.controls.sample()

    def tick(self) -> None:
        self.session.send_input(self._input())

    # -- per frame ---------------------------------------------------------------------
    def update(self, dt: float) -> None:
        now = time.perf_counter()
        self.session.pump(now * 1000)
        if now - self._last_ping > PING_EVERY_S:
            self._last_ping = now
            self.session.ping(now * 1000)
        if self.session.state is SessionState.DEAD:
            self._to_menu(self.session.dead_reason)
            return
        model = self.session.model or self.model
        if model is not self.model:  # a rematch started while we were here
            self._new_model()
        self.model.advance(dt)
        self.on_events(self.model.take_events())
        self.session.notes.clear()
        self._frame = self.model.frame()
        self._follow()
        self.frames += 1
        self.fps = self.fps * 0.95 + (1 / dt if dt > 0 else 0) * 0.05
        if self.timedemo and now - self._start >= self.timedemo:
            self._finish_timedemo()
        elif self.session.results is not None and not self.timedemo:
            self._results()

    def on_events(self, events: list[GameEvent]) -> None:
        """This frame's match events: sounds here; the tutorial also watches them."""
        for ev in events:
            self.app.audio.event(ev.kind)
        hint = (
            self.hints.update(events, self.model.obs, self.model.local_seat) if self.hints else None
        )
        if hint is not None:
            self.hint = (hint.text, self.model.time)
            save_settings(self.app.settings)

    def _follow(self) -> None:
        f = self._frame
        size = self.app.screen.get_size()
        if (self.camera.view_w, self.camera.view_h) != size:
            self.camera.resize(*size)
        if f is None:
            return
        lvl = f.level
        if f.local_seat is not None:
            x, y = f.players[f.local_seat]
        else:
            x, y = lvl.width / 2, lvl.height / 2
        self.camera.follow(float(x), float(y), lvl.width, lvl.height)
        self.camera.shake(f.shake if self.app.settings.screen_shake else 0.0, f.time)

    def _new_model(self) -> None:
        model = self.session.model
        assert model is not None
        self.model = model
        self.stage = StageRenderer(model.level, self.app.settings.colourblind)
        self.hud = HudRenderer(model.level, self.app.settings.colourblind)

    def _results(self) -> None:
        from game.client.scenes.results import ResultsScene, won_match

        results = self.session.results
        assert results is not None
        seat = self.model.local_seat
        self.app.audio.play("win" if won_match(results, seat) else "lose")
        self.app.replace(ResultsScene(self.app, self.online, results, self.model.obs))

    def _finish_timedemo(self) -> None:
        if self.screenshot:
            self.draw(self.app.screen)
            pygame.image.save(self.app.screen, self.screenshot)
        self.app.quit(0)

    def _to_menu(self, message: str) -> None:
        from game.client.scenes.menu import MenuScene

        self.app.reset(MenuScene(self.app, message))

    # -- drawing -------------------------------------------------------------------------
    def draw(self, surf: pygame.Surface) -> None:
        f = self._frame
        if f is None:
            surf.fill(pal.BG)
            return
        self.stage.draw(surf, f, self.camera)
        self.hud.draw(surf, f, self.camera)
        self._draw_hint(surf)
        rtt = self.session.rtt_ms
        if rtt is not None and not self.online.solo:
            img = text(f"{rtt:.0f} ms", 18, pal.MUTED)
            surf.blit(img, (surf.get_width() - img.get_width() - 14, 76))

    def _draw_hint(self, surf: pygame.Surface) -> None:
        if self.hint is None:
            return
        words, start = self.hint
        age = self.model.time - start
        if age > HINT_S:
            self.hint = None
            return
        u = surf.get_height() / 720
        img = text(words, round(21 * u), pal.WHITE, True)
        box = img.get_rect().inflate(round(28 * u), round(16 * u))
        box.midbottom = (surf.get_width() // 2, surf.get_height() - round(96 * u))
        panel = pygame.Surface(box.size, pygame.SRCALPHA)
        pygame.draw.rect(panel, (*pal.PANEL, 235), panel.get_rect(), border_radius=10)
        pygame.draw.rect(panel, (*pal.AMBER, 220), panel.get_rect(), 2, border_radius=10)
        surf.blit(panel, box)
        surf.blit(img, img.get_rect(center=box.center))
