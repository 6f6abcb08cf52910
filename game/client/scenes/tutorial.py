"""How to play: a match in the training room with a coach's prompt on top.

It is the ordinary match screen (the same in-process server, snapshots and HUD as
solo play) plus a panel that says what to do next and a marker on what to do it to.
The :class:`~game.client.tutorial.Coach` decides when a step is done. Tab skips a
step; Esc opens the pause menu, whose last choice leaves the tutorial.
"""

from __future__ import annotations

import math

import pygame

from game.client.app import App
from game.client.input import Bindings, Ui, UiEvent
from game.client.model import GameEvent
from game.client.online import Online
from game.client.render import palette as pal
from game.client.render.text import text, text_outlined
from game.client.scenes.match import MatchScene
from game.client.tutorial import READ_DELAY_S, Coach
from game.kinds import EventKind, NodeKind
from game.levels.model import Tile

__all__ = ["TutorialScene"]

Parts = tuple[pygame.Surface, pygame.Surface, list[pygame.Surface], pygame.Surface]
"""The prompt's rendered title, step counter, lines and footer."""
NEAR_TILES = 1.8
"""Beside a system: the marker on it steps aside for the patch ring."""


class TutorialScene(MatchScene):
    def __init__(
        self,
        app: App,
        online: Online,
        timedemo: int | None = None,
        screenshot: str | None = None,
        difficulty: str | None = None,
        autopilot: bool = False,
    ) -> None:
        super().__init__(app, online, timedemo, screenshot, difficulty, autopilot)
        self.hints = None  # the coach does the talking here
        self.seat = self.model.local_seat if self.model.local_seat is not None else 0
        self._pads = len(app.controls.pads)
        self.coach = Coach(self.seat, self._bindings())
        self._mine: list[EventKind] = []

    def _bindings(self) -> Bindings:
        return Bindings(self.app.controls.keys, pad=bool(self.app.controls.pads))

    # -- input ---------------------------------------------------------------------
    def handle(self, events: list[UiEvent]) -> None:
        for ev in events:
            if ev.kind is Ui.PAUSE and not self.timedemo:
                from game.client.scenes.pause import PauseScene

                self.app.push(PauseScene(self.app, self.online, leave="Leave the tutorial"))
                return
            if ev.kind is Ui.NEXT:
                self.coach.skip()
            elif ev.kind is Ui.CONFIRM:
                self.coach.confirm()

    def resume(self) -> None:
        super().resume()
        self.coach.rebind(self._bindings())  # keys may have changed in Settings

    # -- per frame -----------------------------------------------------------------
    def update(self, dt: float) -> None:
        self._mine = []
        super().update(dt)
        self.model.bots = [False] * 4  # the training room's empty seats are nobody's bots
        if self.app.top is not self and not self.timedemo:
            return
        self.coach.update(dt, self.model.obs, self._mine)
        if len(self.app.controls.pads) != self._pads:
            self._pads = len(self.app.controls.pads)
            self.coach.rebind(self._bindings())
        if self.timedemo:  # nobody reads in a timedemo: show every step in turn
            per_step = max(1.0, self.timedemo / len(self.coach.steps))
            if self.coach.shown_s >= per_step and self.coach.index < len(self.coach.steps) - 1:
                self.coach.skip()
        if self.coach.finished:
            self._leave()

    def on_events(self, events: list[GameEvent]) -> None:
        super().on_events(events)
        self._mine += [ev.kind for ev in events if ev.seat == self.seat]

    def _leave(self) -> None:
        from game.client.scenes.menu import MenuScene

        if not self.timedemo:
            self.app.settings.tutorial_done = True
            self.app.save_settings()
        self.online.session.leave()
        done = "Tutorial done: pick Solo vs bots to play a match"
        self.app.reset(MenuScene(self.app, done, error=False))

    def _results(self) -> None:
        self._leave()  # the training room only ends if left running for fifteen minutes

    # -- drawing -------------------------------------------------------------------
    def draw(self, surf: pygame.Surface) -> None:
        super().draw(surf)
        if self._frame is None or self.coach.finished:
            return
        panel, parts = self._panel_layout(surf)
        self._marker(surf, panel)
        if self.coach.step.key == "leak":
            self._point_up(surf)
        self._panel(surf, panel, parts)

    def _target(self) -> tuple[float, float] | None:
        """Where the current step happens, in tiles (None: anywhere)."""
        f = self._frame
        assert f is not None
        key = self.coach.step.key
        lvl = f.level
        if key == "patch":
            me = f.obs.players[self.seat]
            infected = [n for n, v in zip(lvl.nodes, f.obs.infected, strict=True) if v]
            if infected:
                node = min(infected, key=lambda n: math.hypot(n.x - me.x, n.y - me.y))
                there = math.hypot(node.x + 0.5 - me.x, node.y + 0.5 - me.y) <= NEAR_TILES
                return None if there else (node.x + 0.5, node.y + 0.5)
        if key == "action" and self.seat == 1:
            core = next(n for n in lvl.nodes if n.kind is NodeKind.CORE)
            return core.x + 0.5, core.y + 0.5
        if key == "action" and self.seat == 2:
            stage = [
                (x, y)
                for y, row in enumerate(lvl.tiles)
                for x, t in enumerate(row)
                if t == Tile.STAGE
            ]
            if stage:
                xs, ys = zip(*stage, strict=True)
                return sum(xs) / len(xs) + 0.5, sum(ys) / len(ys) + 0.5
        return None

    def _marker(self, surf: pygame.Surface, avoid: pygame.Rect) -> None:
        """An arrow and HERE above the target, or below it where the prompt would hide it."""
        target = self._target()
        if target is None:
            return
        u = surf.get_height() / 720
        x, y = self.camera.to_screen(*target)
        bob = round(8 * u * math.sin(self.model.time * 5))
        up = -1 if y - round(90 * u) > avoid.bottom else 1  # -1: the marker sits above
        tip = (x, y + up * round(34 * u) + bob)
        w, d = round(16 * u), up * round(22 * u)
        points = [tip, (tip[0] - w, tip[1] + d), (tip[0] + w, tip[1] + d)]
        pygame.draw.polygon(surf, pal.AMBER, points)
        pygame.draw.polygon(surf, pal.INK, points, 2)
        label = text_outlined("HERE", round(18 * u), pal.AMBER)
        if up < 0:
            surf.blit(label, label.get_rect(midbottom=(tip[0], tip[1] - round(24 * u))))
        else:
            surf.blit(label, label.get_rect(midtop=(tip[0], tip[1] + round(24 * u))))

    def _point_up(self, surf: pygame.Surface) -> None:
        """An arrow under the top bar's DATA LEAK meter (the HUD's right-hand column)."""
        u = surf.get_height() / 720
        bob = round(6 * u * math.sin(self.model.time * 5))
        tip = (surf.get_width() - round(230 * u), round(76 * u) + bob)
        w, d = round(16 * u), round(22 * u)
        points = [tip, (tip[0] - w, tip[1] + d), (tip[0] + w, tip[1] + d)]
        pygame.draw.polygon(surf, pal.AMBER, points)
        pygame.draw.polygon(surf, pal.INK, points, 2)
        label = text_outlined("DATA LEAK", round(18 * u), pal.AMBER)
        surf.blit(label, label.get_rect(midtop=(tip[0], tip[1] + d + round(4 * u))))

    def _panel_layout(self, surf: pygame.Surface) -> tuple[pygame.Rect, Parts]:
        """Where the prompt goes and its rendered parts: title, counter, lines, footer."""
        u = surf.get_height() / 720
        step = self.coach.step
        lines = [text(line, round(20 * u), pal.WHITE) for line in step.lines]
        title = text(step.title, round(26 * u), pal.CYAN, True)
        count = f"STEP {self.coach.index + 1} OF {len(self.coach.steps)}"
        counter = text(count, round(15 * u), pal.MUTED, True)
        if step.read:
            ready = self.coach.shown_s >= READ_DELAY_S
            hint = f"{self._bindings().confirm()} continue" if ready else ""
        else:
            hint = f"{self._bindings().skip()} skip this step"
        pause = "Esc (pad: Start)" if self.app.controls.pads else "Esc"
        hint += f"   -   {pause} pause or leave"
        foot = text(hint.strip(" -"), round(16 * u), pal.AMBER if step.read else pal.MUTED)
        pad = round(16 * u)
        width = max([img.get_width() for img in (*lines, title, foot)] + [round(520 * u)]) + 2 * pad
        height = (
            pad * 2
            + title.get_height()
            + sum(img.get_height() + round(2 * u) for img in lines)
            + foot.get_height()
            + round(14 * u)
        )
        rect = pygame.Rect(0, 0, width, height)
        # Under the top bar; below the HUD's banners while one shows, never over them.
        banners = len(self._frame.banners[-2:]) if self._frame is not None else 0
        rect.midtop = (surf.get_width() // 2, round(78 * u) + banners * round(92 * u))
        return rect, (title, counter, lines, foot)

    def _panel(
        self,
        surf: pygame.Surface,
        rect: pygame.Rect,
        parts: Parts,
    ) -> None:
        title, counter, lines, foot = parts
        u = surf.get_height() / 720
        pad = round(16 * u)
        box = pygame.Surface(rect.size, pygame.SRCALPHA)
        pygame.draw.rect(box, (*pal.PANEL, 235), box.get_rect(), border_radius=12)
        pygame.draw.rect(box, (*pal.CYAN, 200), box.get_rect(), 2, border_radius=12)
        surf.blit(box, rect)
        stripe = pygame.Rect(rect.left + pad, rect.top + pad + title.get_height() + 2, 90, 3)
        pygame.draw.rect(surf, pal.GLITCH, stripe)
        surf.blit(title, (rect.left + pad, rect.top + pad - round(2 * u)))
        surf.blit(counter, (rect.right - pad - counter.get_width(), rect.top + pad))
        y = rect.top + pad + title.get_height() + round(10 * u)
        for img in lines:
            surf.blit(img, (rect.left + pad, y))
            y += img.get_height() + round(2 * u)
        surf.blit(foot, (rect.left + pad, rect.bottom - pad - foot.get_height()))
