"""The pause screen's legend: every row draws a sample and its words."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame  # noqa: E402

from game.client.render.legend import ROWS, draw_legend  # noqa: E402


def test_every_legend_row_draws_a_sample_and_a_line_of_text() -> None:
    pygame.init()
    surf = pygame.Surface((1280, 720))
    surf.fill((0, 0, 0))
    rect = pygame.Rect(600, 40, 640, 600)
    draw_legend(surf, rect)
    title_h = 30
    row_h = (rect.height - title_h) // len(ROWS)
    for k in range(len(ROWS)):
        y0 = rect.top + title_h + k * row_h + 4
        icon = {
            surf.get_at((x, y))[:3] for x in range(600, 680, 2) for y in range(y0, y0 + row_h - 8)
        }
        words = {
            surf.get_at((x, y))[:3] for x in range(700, 900, 2) for y in range(y0, y0 + row_h - 8)
        }
        assert len(icon) > 1, f"row {k} has no sample"
        assert len(words) > 1, f"row {k} has no words"


def test_the_legend_names_every_state_the_issue_lists() -> None:
    words = " ".join(w for _, w in ROWS).lower()
    for thing in ("infected", "crashed", "immune", "link", "firewall", "visitors", "panick", "*"):
        assert thing in words
