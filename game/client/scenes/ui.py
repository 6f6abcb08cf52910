"""Shared menu widgets: the backdrop, titles and a keyboard/pad/mouse option list.

Layout is computed by pure functions from the surface size, so ``handle`` (mouse
hit tests) and ``draw`` agree without ``draw`` storing anything.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import pygame

from game.client.input import Ui, UiEvent
from game.client.render import palette as pal
from game.client.render.text import text

__all__ = ["Item", "OptionList", "backdrop", "draw_title", "footer", "scale"]


def scale(surf: pygame.Surface) -> float:
    return surf.get_height() / 720


@lru_cache(maxsize=8)
def _backdrop(w: int, h: int) -> pygame.Surface:
    s = pygame.Surface((w, h))
    top, bottom = (16, 30, 46), (8, 14, 24)
    for y in range(h):
        s.fill(pal.mix(top, bottom, y / h), (0, y, w, 1))
    grid = (24, 44, 62)
    step = max(24, h // 18)
    for x in range(0, w, step):
        pygame.draw.line(s, grid, (x, 0), (x, h))
    for y in range(0, h, step):
        pygame.draw.line(s, grid, (0, y), (w, y))
    # a soft tooth-shaped glow, the expo's logo motif
    glow = pygame.Surface((w, h), pygame.SRCALPHA)
    cx, cy = int(w * 0.78), int(h * 0.55)
    for r in range(int(h * 0.45), 0, -12):
        a = int(18 * (1 - r / (h * 0.45)))
        pygame.draw.circle(glow, (*pal.CYAN, a), (cx, cy), r)
    s.blit(glow, (0, 0))
    return s


def backdrop(surf: pygame.Surface, time: float = 0.0) -> None:
    w, h = surf.get_size()
    surf.blit(_backdrop(w, h), (0, 0))
    # a slow scan line
    y = int((time * 60) % h)
    pygame.draw.line(surf, (30, 70, 90), (0, y), (w, y))


def draw_title(surf: pygame.Surface, title: str, subtitle: str = "") -> None:
    u = scale(surf)
    img = text(title, round(64 * u), pal.WHITE, True)
    x, y = round(60 * u), round(40 * u)
    surf.blit(img, (x, y))
    pygame.draw.rect(surf, pal.CYAN, (x, y + img.get_height() + 2, round(120 * u), 4))
    pygame.draw.rect(
        surf, pal.GLITCH, (x + round(124 * u), y + img.get_height() + 2, round(30 * u), 4)
    )
    if subtitle:
        sub = text(subtitle, round(24 * u), pal.MUTED)
        surf.blit(sub, (x, y + img.get_height() + round(14 * u)))


def footer(surf: pygame.Surface, hint: str, message: str = "", error: bool = True) -> None:
    u = scale(surf)
    h = surf.get_height()
    img = text(hint, round(20 * u), pal.MUTED)
    surf.blit(img, (round(60 * u), h - round(40 * u)))
    if message:
        colour = pal.RED if error else pal.GREEN
        m = text(message[:110], round(24 * u), colour, True)
        surf.blit(m, (round(60 * u), h - round(80 * u)))


@dataclass
class Item:
    """One row: a label, and optionally values to cycle with left/right."""

    key: str
    label: str
    values: Sequence[str] = ()
    index: int = 0
    show: Callable[[str], str] | None = None
    enabled: bool = True
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def value(self) -> str:
        return self.values[self.index] if self.values else ""

    def shown(self) -> str:
        if not self.values:
            return ""
        return self.show(self.value) if self.show else self.value


class OptionList:
    """A vertical list navigated with up/down, changed with left/right, chosen with confirm."""

    def __init__(self, items: list[Item], top: float = 190, width: float = 560) -> None:
        self.items = items
        self.selected = 0
        self.top = top
        self.width = width
        self._skip(1)

    def _skip(self, step: int) -> None:
        for _ in range(len(self.items)):
            if self.items[self.selected].enabled:
                return
            self.selected = (self.selected + step) % len(self.items)

    def item(self, key: str) -> Item:
        return next(i for i in self.items if i.key == key)

    def rects(self, surf: pygame.Surface) -> list[pygame.Rect]:
        u = scale(surf)
        row = round(50 * u)
        return [
            pygame.Rect(
                round(60 * u), round(self.top * u) + k * row, round(self.width * u), row - 6
            )
            for k in range(len(self.items))
        ]

    def handle(self, events: list[UiEvent], surf: pygame.Surface) -> tuple[str, str] | None:
        """("choose", key) on confirm, ("change", key) on a value change, else None."""
        for ev in events:
            if ev.kind is Ui.UP:
                self.selected = (self.selected - 1) % len(self.items)
                self._skip(-1)
            elif ev.kind is Ui.DOWN:
                self.selected = (self.selected + 1) % len(self.items)
                self._skip(1)
            elif ev.kind in (Ui.LEFT, Ui.RIGHT):
                item = self.items[self.selected]
                if item.values:
                    step = 1 if ev.kind is Ui.RIGHT else -1
                    item.index = (item.index + step) % len(item.values)
                    return ("change", item.key)
            elif ev.kind is Ui.CONFIRM:
                item = self.items[self.selected]
                if item.values and not item.extra.get("choose"):
                    item.index = (item.index + 1) % len(item.values)
                    return ("change", item.key)
                return ("choose", item.key)
            elif ev.kind is Ui.CLICK:
                for k, rect in enumerate(self.rects(surf)):
                    if rect.collidepoint(ev.pos) and self.items[k].enabled:
                        self.selected = k
                        return self.handle([UiEvent(Ui.CONFIRM)], surf)
        return None

    def draw(self, surf: pygame.Surface, time: float = 0.0) -> None:
        u = scale(surf)
        for k, (item, rect) in enumerate(zip(self.items, self.rects(surf), strict=True)):
            sel = k == self.selected
            if sel:
                glow = 0.5 + 0.5 * math.sin(time * 4)
                pygame.draw.rect(surf, (26, 52, 70), rect, border_radius=8)
                pygame.draw.rect(
                    surf, pal.mix(pal.CYAN, pal.WHITE, glow * 0.3), rect, 2, border_radius=8
                )
                pygame.draw.rect(surf, pal.CYAN, (rect.left, rect.top + 6, 5, rect.height - 12))
            colour = pal.WHITE if item.enabled else (90, 104, 118)
            label = text(
                item.label, round(30 * u), colour if sel else pal.mix(colour, pal.MUTED, 0.4), sel
            )
            surf.blit(label, (rect.left + round(18 * u), rect.centery - label.get_height() // 2))
            if item.values:
                shown = item.shown()
                val = text(f"<  {shown}  >" if sel else shown, round(28 * u), pal.CYAN, True)
                surf.blit(
                    val,
                    (
                        rect.right - val.get_width() - round(14 * u),
                        rect.centery - val.get_height() // 2,
                    ),
                )


class TextField:
    """A one-line text entry (address, room code, name)."""

    def __init__(self, value: str = "", limit: int = 64, upper: bool = False) -> None:
        self.value = value
        self.limit = limit
        self.upper = upper

    def handle(self, events: list[UiEvent]) -> None:
        for ev in events:
            if ev.kind is Ui.TEXT:
                t = ev.text.upper() if self.upper else ev.text
                self.value = (self.value + t)[: self.limit]
            elif ev.kind is Ui.BACKSPACE:
                self.value = self.value[:-1]
