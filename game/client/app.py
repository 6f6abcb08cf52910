"""The main loop: events to input, fixed-rate game ticks, one draw per frame.

Game logic (sending inputs, replay stepping) runs in fixed 1/30 s ticks from an
accumulator, so it is the same at 40 or 400 FPS; drawing happens once per frame
and only reads. Scenes form a stack: the top one gets input, scenes under a
transparent one are still drawn, and a scene marked ``live`` keeps ticking while
covered (an online match under the pause menu goes on).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

import pygame

from game.client.audio import Audio
from game.client.input import Controls, Ui, UiEvent
from game.client.settings import Settings, save_settings

__all__ = ["TICK_S", "App", "FrameStats", "Scene"]

TICK_HZ = 30
TICK_S = 1.0 / TICK_HZ
MAX_TICKS_PER_FRAME = 5
FPS_CAP = 60


class Scene:
    """A screen. ``draw`` must not change state; everything else may."""

    opaque = True  # False: the scene below is drawn first (overlays)
    live = False  # True: keeps ticking and updating while covered

    def __init__(self, app: App) -> None:
        self.app = app

    def resume(self) -> None:
        """Became the top scene (pushed, or the one above was popped)."""

    def pause(self) -> None:
        """Another scene was pushed on top."""

    def handle(self, events: list[UiEvent]) -> None:
        """Input for this frame (only the top scene gets it)."""

    def tick(self) -> None:
        """One fixed 1/30 s game tick."""

    def update(self, dt: float) -> None:
        """Once per frame, with the frame's real duration."""

    def draw(self, surf: pygame.Surface) -> None:
        """Draw this scene; read-only."""

    def close(self) -> None:
        """Removed from the stack for good: release sockets, servers, files."""


class FrameStats:
    """Frame times for the timedemo: frames, average FPS, 99th percentile."""

    def __init__(self) -> None:
        self.times: list[float] = []

    def add(self, seconds: float) -> None:
        self.times.append(seconds)

    def summary(self) -> tuple[int, float, float]:
        n = len(self.times)
        if not n:
            return 0, 0.0, 0.0
        total = sum(self.times)
        ordered = sorted(self.times)
        p99 = ordered[min(n - 1, int(n * 0.99))]
        return n, n / total if total else 0.0, p99 * 1000


class App:
    def __init__(self, settings: Settings, size: tuple[int, int] | None = None) -> None:
        self.settings = settings
        # Not pygame.init(): that also starts the mixer, which Audio starts (quietly) itself.
        pygame.display.init()
        pygame.font.init()
        pygame.joystick.init()
        pygame.display.set_caption("Expo Showdown")
        self.dummy = os.environ.get("SDL_VIDEODRIVER") == "dummy"
        self.screen = self._open_window(size or settings.window_size, settings.fullscreen)
        pygame.key.set_repeat(300, 40)
        self.controls = Controls(settings.keys)
        self.audio = Audio(settings.master_volume, settings.sfx_volume, settings.music_volume)
        self.audio.load()
        self.stack: list[Scene] = []
        self.running = True
        self.exit_code = 0
        self.message = ""  # shown by the menu (a dead server, a refused join)
        self.uncapped = False
        self.stats: FrameStats | None = None
        self.on_frame: Callable[[App], None] | None = None
        self.online: Any = None  # the Online game in progress, closed back at the menu

    def _open_window(self, size: tuple[int, int], fullscreen: bool) -> pygame.Surface:
        flags = pygame.RESIZABLE
        if fullscreen and not self.dummy:
            flags = pygame.FULLSCREEN
            size = (0, 0)
        return pygame.display.set_mode(size, flags, vsync=0)

    def apply_video(self) -> None:
        """Re-open the window after the fullscreen or size setting changed."""
        self.screen = self._open_window(self.settings.window_size, self.settings.fullscreen)

    def save_settings(self) -> None:
        self.controls.set_bindings(self.settings.keys)
        s = self.settings
        self.audio.set_volumes(s.master_volume, s.sfx_volume, s.music_volume)
        save_settings(s)

    # -- the stack ------------------------------------------------------------------
    @property
    def top(self) -> Scene | None:
        return self.stack[-1] if self.stack else None

    def push(self, scene: Scene) -> None:
        if self.stack:
            self.stack[-1].pause()
        self.controls.release_all()
        self.stack.append(scene)
        scene.resume()

    def pop(self) -> Scene | None:
        if not self.stack:
            return None
        scene = self.stack.pop()
        scene.close()
        self.controls.release_all()
        if self.stack:
            self.stack[-1].resume()
        else:
            self.running = False
        return scene

    def replace(self, scene: Scene) -> None:
        """Swap the top scene for another."""
        if self.stack:
            self.stack.pop().close()
        self.push(scene)

    def reset(self, scene: Scene) -> None:
        """Close every scene and start again from ``scene`` (back to the menu)."""
        while self.stack:
            self.stack.pop().close()
        self.push(scene)

    def quit(self, code: int = 0) -> None:
        self.exit_code = code
        self.running = False

    # -- the loop ---------------------------------------------------------------------
    def run(self) -> int:
        clock = pygame.time.Clock()
        acc = 0.0
        last = time.perf_counter()
        try:
            while self.running and self.stack:
                now = time.perf_counter()
                dt, last = min(0.25, now - last), now
                self._events()
                acc += dt
                ticks = 0
                while acc >= TICK_S and ticks < MAX_TICKS_PER_FRAME:
                    self._each_live(lambda s: s.tick())
                    acc -= TICK_S
                    ticks += 1
                acc = min(acc, TICK_S)
                frame_dt = dt
                self._each_live(lambda s: s.update(frame_dt))  # noqa: B023 - called at once
                self._draw()
                pygame.display.flip()
                if self.stats is not None:
                    self.stats.add(time.perf_counter() - now)
                if self.on_frame is not None:
                    self.on_frame(self)
                if not self.uncapped:
                    clock.tick(FPS_CAP)
        finally:
            while self.stack:
                self.stack.pop().close()
            if self.online is not None:
                self.online.close()
                self.online = None
            self.audio.close()
        return self.exit_code

    def _events(self) -> None:
        ui = self.controls.handle(pygame.event.get())
        for ev in ui:
            if ev.kind is Ui.QUIT:
                self.quit(0)
            elif ev.kind is Ui.RESIZE:
                self.screen = pygame.display.get_surface() or self.screen
        if self.stack and self.running:
            self.stack[-1].handle(ui)

    def _each_live(self, fn: Callable[[Scene], None]) -> None:
        for scene in list(self.stack):
            if scene is self.top or scene.live:
                fn(scene)

    def _draw(self) -> None:
        if not self.stack:
            return
        first = len(self.stack) - 1
        while first > 0 and not self.stack[first].opaque:
            first -= 1
        for scene in self.stack[first:]:
            scene.draw(self.screen)
