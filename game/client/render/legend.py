"""The legend on the pause screen: every mark the match screen uses, drawn as it is there.

Each row draws its sample with the very sprites and colours the stage and HUD use,
so the legend cannot drift from what the player sees.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.client.render import palette as pal
from game.client.render import sprites
from game.client.render.text import text, text_outlined
from game.kinds import NodeKind

__all__ = ["ROWS", "draw_legend"]

Sample = Callable[[pygame.Surface, pygame.Rect, bool], None]


def _node(kind: NodeKind, state: str) -> Sample:
    def draw(surf: pygame.Surface, box: pygame.Rect, cb: bool) -> None:
        size = box.height
        if state == "infected":
            halo = pygame.Surface((size, size), pygame.SRCALPHA)
            pygame.draw.circle(halo, (*pal.GLITCH, 110), (size // 2, size // 2), size // 2)
            surf.blit(halo, box.topleft)
        if state == "immune":
            pygame.draw.circle(surf, pal.CYAN, box.center, size // 2, 2)
        img = sprites.node_sprite(int(kind), round(size * 0.8))
        surf.blit(img, img.get_rect(center=box.center))
        if state == "crashed":
            k = size // 4
            cx, cy = box.center
            pygame.draw.line(surf, pal.RED, (cx - k, cy - k), (cx + k, cy + k), 3)
            pygame.draw.line(surf, pal.RED, (cx - k, cy + k), (cx + k, cy - k), 3)

    return draw


def _link(colour: tuple[int, int, int], blocked: bool = False) -> Sample:
    def draw(surf: pygame.Surface, box: pygame.Rect, cb: bool) -> None:
        y = box.centery
        pygame.draw.line(surf, colour, (box.left, y), (box.right, y), 3)
        if blocked:
            wall = pygame.Rect(0, 0, box.height // 3, box.height - 4)
            wall.center = box.center
            pygame.draw.rect(surf, pal.AMBER, wall, border_radius=3)

    return draw


def _visitor(favourite: int, panicked: bool, bang: bool = False) -> Sample:
    def draw(surf: pygame.Surface, box: pygame.Rect, cb: bool) -> None:
        size = max(9, box.height // 2) | 1
        for k in range(3):
            dot = sprites.crowd_dot(favourite, panicked, size, cb)
            surf.blit(dot, (box.left + k * (size + 3), box.centery - size // 2))
        if bang:
            mark = text_outlined("!", size + 4, pal.RED)
            surf.blit(mark, (box.left + size + 3, box.top - 4))

    return draw


def _characters(surf: pygame.Surface, box: pygame.Rect, cb: bool) -> None:
    size = max(9, box.height // 2) | 1
    for seat in range(4):
        dot = sprites.crowd_dot(seat, False, size, cb)
        surf.blit(dot, (box.left + seat * (size + 3), box.centery - size // 2))


def _arrow(surf: pygame.Surface, box: pygame.Rect, cb: bool) -> None:
    x, y, s = box.centerx, box.centery, box.height // 3
    pts = [(x + s, y), (x - s, y - s), (x - s, y + s)]
    pygame.draw.polygon(surf, pal.GLITCH, pts)
    pygame.draw.polygon(surf, pal.WHITE, pts, 2)


def _ring(surf: pygame.Surface, box: pygame.Rect, cb: bool) -> None:
    r = box.height // 2 - 2
    rect = pygame.Rect(0, 0, 2 * r, 2 * r)
    rect.center = box.center
    pygame.draw.arc(surf, pal.CYAN, rect, 0.0, 4.2, 4)


def _star(surf: pygame.Surface, box: pygame.Rect, cb: bool) -> None:
    img = text("Max *", box.height // 2 + 4, pal.WHITE, True)
    surf.blit(img, img.get_rect(midleft=(box.left, box.centery)))


ROWS: tuple[tuple[Sample, str], ...] = (
    (_node(NodeKind.KIOSK, "clean"), "A system: kiosk, robot, screen, router, core, vault"),
    (_node(NodeKind.KIOSK, "infected"), "Pink and flickering: infected. Hold Patch beside it"),
    (_node(NodeKind.KIOSK, "crashed"), "Red cross: crashed (integrity 0), spreads faster"),
    (_node(NodeKind.KIOSK, "immune"), "Cyan ring: just patched, immune for a while"),
    (_ring, "A filling ring around you: your patch in progress"),
    (_link((176, 214, 224)), "A link between systems: the glitch travels along it"),
    (_link(pal.GLITCH), "Pink, jagged link: the glitch is on its way"),
    (_link((176, 214, 224), blocked=True), "A barrier on a link: Max's Firewall holds it"),
    (_visitor(-1, False), "Grey visitors: nobody has won them yet"),
    (_characters, "Tinted visitors: the player they favour"),
    (_visitor(-1, True, bang=True), "Red rim and '!': panicking, fleeing, forgetting"),
    (_arrow, "Arrow at the screen edge: an infected system out of view"),
    (_star, "* beside a name: who leads the Showdown"),
)


def draw_legend(surf: pygame.Surface, rect: pygame.Rect, colourblind: bool = False) -> None:
    """The legend's rows, top to bottom inside ``rect`` (sized for about 13 rows)."""
    u = surf.get_height() / 720
    title = text("ON SCREEN", round(22 * u), pal.CYAN, True)
    surf.blit(title, (rect.left, rect.top))
    row_h = (rect.height - title.get_height() - round(8 * u)) // len(ROWS)
    icon_w = round(84 * u)
    y = rect.top + title.get_height() + round(8 * u)
    for sample, words in ROWS:
        box = pygame.Rect(rect.left, y + 2, icon_w, row_h - 4)
        sample(surf, box, colourblind)
        img = text(words, round(17 * u), pal.WHITE)
        surf.blit(img, (box.right + round(12 * u), y + (row_h - img.get_height()) // 2))
        y += row_h
