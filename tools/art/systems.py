"""The six system kinds (nodes) at 40x40 and the three state overlays.

Nodes share one look (white casing, dark glass, teal light) but each kind has its
own silhouette, because the glitch overlay may cover most of its colour.
Overlays are drawn over a node, centred, in the same 40x40 box.
"""

from __future__ import annotations

import numpy as np
import pygame

from .canvas import INK, Canvas, from_rgba, radial_alpha, shade
from .markers import tooth
from .palette import AMBER, CYAN, GLASS, KIRAN, MAGENTA, METAL, METAL_DARK, RED, WHITE

__all__ = ["nodes", "overlays"]

LIGHT = (120, 232, 214)
GLITCH_SEED = 2045


def core(c: Canvas) -> None:
    """Dr. SmarTeeth's core: a hexagonal housing around a glowing tooth."""
    hexagon = [(20, 1.5), (36.5, 11), (36.5, 29), (20, 38.5), (3.5, 29), (3.5, 11)]
    c.poly(WHITE, hexagon)
    c.poly(METAL, [(20, 5.5), (33, 13), (33, 27), (20, 34.5), (7, 27), (7, 13)])
    c.circle(GLASS, (20, 20), 11)
    c.glow((*LIGHT, 230), (20, 20), 10, 0.2)
    c.poly(WHITE, tooth((20, 20.5), 12))
    for x, y in ((20, 3.6), (35, 12), (35, 28), (20, 36.4), (5, 28), (5, 12)):
        c.circle(KIRAN, (x, y), 1.1)


def kiosk(c: Canvas) -> None:
    """Virtual Treatment Assistant: a tall kiosk whose screen shows a friendly face."""
    c.ellipse(METAL_DARK, (8, 30, 24, 8))
    c.rect(WHITE, (9, 2, 22, 32), radius=5)
    c.rect(GLASS, (12, 5, 16, 19), radius=3)
    c.circle(CYAN, (17, 12), 1.6)
    c.circle(CYAN, (23, 12), 1.6)
    c.arc(CYAN, (15.5, 12, 9, 7), 3.4, 6.0, 1.2)
    c.rect(KIRAN, (13, 27, 14, 3), radius=1.5)


def robot(c: Canvas) -> None:
    """Treatment robot: a round base and a jointed arm ending in a drill."""
    c.circle(METAL, (13, 27), 10)
    c.circle(WHITE, (13, 27), 7)
    arm = [(13, 27), (27, 11), (34, 24)]
    c.lines(WHITE, arm, 5.5)
    c.lines(METAL, arm, 2.5)
    for x, y in arm:
        c.circle(KIRAN, (x, y), 3)
        c.circle(WHITE, (x, y), 1.2)
    c.poly(METAL_DARK, [(31.5, 26), (36.5, 26), (34, 33)])
    c.line(CYAN, (34, 33), (34, 36), 1)


def screen(c: Canvas) -> None:
    """Display wall: a wide screen with a live chart, on two feet."""
    c.rect(METAL_DARK, (9, 30, 4, 7))
    c.rect(METAL_DARK, (27, 30, 4, 7))
    c.rect(WHITE, (1.5, 7, 37, 25), radius=3)
    c.rect(GLASS, (4, 9.5, 32, 20), radius=1.5)
    for i, h in enumerate((6, 10, 8, 14, 11)):
        c.rect(KIRAN if i % 2 else CYAN, (7 + i * 4.2, 27 - h, 3, h))
    c.lines(WHITE, [(26, 22), (29, 15), (31, 19), (34, 12)], 0.9)


def router(c: Canvas) -> None:
    """Network router: a flat box with three antennas and a row of status lights."""
    for x, tip in ((11, (6, 4)), (20, (20, 2)), (29, (34, 4))):
        c.line(METAL_DARK, (x, 18), tip, 2)
        c.circle(INK, tip, 2)
    c.rect(WHITE, (3, 16, 34, 18), radius=4)
    c.rect(METAL, (3, 28, 34, 6), radius=3)
    for i in range(5):
        c.circle((90, 220, 120) if i != 3 else CYAN, (9 + i * 5.5, 22.5), 1.6)


def vault(c: Canvas) -> None:
    """Patient-data vault: a heavy riveted safe with a wheel lock and amber light."""
    c.rect(METAL_DARK, (3, 3, 34, 34), radius=4)
    c.rect(METAL, (5.5, 5.5, 29, 29), radius=3)
    for x, y in ((8, 8), (32, 8), (8, 32), (32, 32)):
        c.circle(METAL_DARK, (x, y), 1.2)
    c.circle(INK, (20, 20), 9.5)
    c.circle(WHITE, (20, 20), 8)
    for a in range(3):
        ang = np.pi * a / 3
        dx, dy = 7.5 * float(np.cos(ang)), 7.5 * float(np.sin(ang))
        c.line(METAL_DARK, (20 - dx, 20 - dy), (20 + dx, 20 + dy), 1.4)
    c.circle(METAL_DARK, (20, 20), 2.6)
    c.circle(AMBER, (31, 31), 1.8)


NODES = {
    "core": core,
    "kiosk": kiosk,
    "robot": robot,
    "screen": screen,
    "router": router,
    "vault": vault,
}


def nodes() -> dict[str, pygame.Surface]:
    """File name -> surface for ``node_<kind>.png``."""
    out = {}
    for kind, draw in NODES.items():
        c = Canvas(40, 40)
        draw(c)
        c.outline(1.3)
        out[f"node_{kind}.png"] = c.image()
    return out


def glitch() -> pygame.Surface:
    """Corrupted pixel blocks in magenta, red and cyan, drawn straight at 1x on a 2px grid."""
    rng = np.random.default_rng(GLITCH_SEED)
    px = np.zeros((40, 40, 4), np.uint8)
    colors = [(*MAGENTA, 235), (*RED, 220), (*CYAN, 170), (40, 0, 40, 200), (255, 255, 255, 230)]
    weights = [0.4, 0.25, 0.12, 0.13, 0.1]
    for _ in range(70):
        w, h = int(rng.integers(1, 5)) * 2, int(rng.integers(1, 3)) * 2
        x, y = int(rng.integers(0, 20 - w // 2)) * 2, int(rng.integers(1, 19 - h // 2)) * 2
        if np.hypot(x + w / 2 - 20, y + h / 2 - 20) > 19:
            continue
        px[y : y + h, x : x + w] = colors[int(rng.choice(len(colors), p=weights))]
    for y in (9, 10, 23, 30):  # torn scanlines
        px[y, 2:38] = (*MAGENTA, 160)
    return from_rgba(px)


def crashed() -> pygame.Surface:
    """A dead node: dark smoke, cracks from the centre and yellow sparks."""
    c = Canvas(40, 40)
    smoke = radial_alpha(40 * 4, (20, 20, 28, 190), 0.15, 1.0, power=1.2)
    c.blit(smoke)
    cracks = [
        [(20, 20), (14, 15), (12, 8), (7, 5)],
        [(20, 20), (27, 16), (29, 10)],
        [(20, 20), (24, 27), (31, 30), (34, 35)],
        [(20, 20), (13, 25), (9, 33)],
        [(27, 16), (33, 17)],
    ]
    for crack in cracks:
        c.lines(INK, crack, 1.6)
    for crack in cracks:
        c.lines((110, 60, 50), crack, 0.5)
    for x, y, r in ((10, 9, 4), (30, 27, 3.5), (27, 8, 2.5), (11, 30, 2.5)):
        for k in range(4):
            ang = np.pi / 4 * k
            dx, dy = r * float(np.cos(ang)), r * float(np.sin(ang))
            c.line(AMBER, (x - dx, y - dy), (x + dx, y + dy), 0.9)
        c.circle((255, 250, 210), (x, y), 1.2)
    return c.image()


def immune() -> pygame.Surface:
    """A soft cyan shield ring: glow inside, a bright rim, two highlight arcs."""
    c = Canvas(40, 40)
    c.blit(radial_alpha(160, (*CYAN, 70), 0.5, 1.0, power=1.0))
    c.circle((*CYAN, 200), (20, 20), 18.5, 2)
    c.circle((*shade(CYAN, 0.6), 230), (20, 20), 18.5, 0.8)
    c.arc((255, 255, 255, 220), (5, 5, 30, 30), 1.9, 2.9, 1.4)
    c.arc((255, 255, 255, 160), (5, 5, 30, 30), 5.1, 5.6, 1.2)
    return c.image()


def overlays() -> dict[str, pygame.Surface]:
    """File name -> surface for ``overlay_<state>.png``."""
    return {
        "overlay_glitch.png": glitch(),
        "overlay_crashed.png": crashed(),
        "overlay_immune.png": immune(),
    }
