"""The match floor, frame by frame: links, systems, the glitch, crowd, drones, players.

Reads a :class:`~game.client.model.Frame` and draws it through a camera; keeps only
caches (the pre-rendered floor, translucent circles), never game state.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import pygame

from game.client.model import Effect, Frame
from game.client.render import palette as pal
from game.client.render import sprites
from game.client.render.camera import Camera
from game.client.render.floor import render_floor
from game.client.render.text import text_outlined
from game.kinds import EventKind
from game.levels.model import Level

__all__ = ["StageRenderer"]

SHORT_NAMES = ("Kiran", "Max", "Voss", "Jenna")


@lru_cache(maxsize=256)
def _disc(radius: int, colour: tuple[int, int, int], alpha: int, ring: int = 0) -> pygame.Surface:
    """A translucent filled (or ringed) circle, cached: pygame.draw cannot blend alpha."""
    s = pygame.Surface((radius * 2 + 2, radius * 2 + 2), pygame.SRCALPHA)
    pygame.draw.circle(s, (*colour, alpha), (radius + 1, radius + 1), radius, ring)
    return s


class StageRenderer:
    def __init__(self, level: Level, colourblind: bool = False) -> None:
        self.level = level
        self.colourblind = colourblind
        self._floor: pygame.Surface | None = None
        self._floor_tile = 0
        n = len(level.nodes)
        self.node_xy = np.array([[s.x + 0.5, s.y + 0.5] for s in level.nodes]).reshape(n, 2)
        self.links = list(level.links)

    def floor(self, tile: int) -> pygame.Surface:
        if self._floor is None or self._floor_tile != tile:
            self._floor = render_floor(self.level, tile)
            if pygame.display.get_surface() is not None:
                self._floor = self._floor.convert()
            self._floor_tile = tile
        return self._floor

    # -- the frame --------------------------------------------------------------
    def draw(self, surf: pygame.Surface, frame: Frame, cam: Camera) -> None:
        surf.fill(pal.BG)
        surf.blit(self.floor(cam.tile), cam.origin)
        self._auras(surf, frame, cam)
        self._links(surf, frame, cam)
        self._nodes(surf, frame, cam)
        self._crowd(surf, frame, cam)
        self._drones(surf, frame, cam)
        self._patch_rings(surf, frame, cam)
        self._players(surf, frame, cam)
        self._effects(surf, frame, cam)

    # -- systems ----------------------------------------------------------------
    def _links(self, surf: pygame.Surface, f: Frame, cam: Camera) -> None:
        obs, t = f.obs, cam.tile
        width = max(2, t // 12)
        for i, (a, b) in enumerate(self.links):
            pa = cam.to_screen(*self.node_xy[a])
            pb = cam.to_screen(*self.node_xy[b])
            ia, ib = bool(obs.infected[a]), bool(obs.infected[b])
            if not (ia or ib):
                pygame.draw.line(surf, (176, 214, 224), pa, pb, width)
                self._packets(surf, pa, pb, f.time, i)
            else:
                self._glitch_link(surf, pa, pb, ia, ib, f.time, width, i)
            if i < len(obs.firewall) and obs.firewall[i]:
                self._firewall(surf, ((pa[0] + pb[0]) // 2, (pa[1] + pb[1]) // 2), t, f.time)

    def _glitch_link(
        self,
        surf: pygame.Surface,
        pa: tuple[int, int],
        pb: tuple[int, int],
        ia: bool,
        ib: bool,
        time: float,
        width: int,
        seed: int,
    ) -> None:
        """A jagged magenta line with bright packets running from the infected end."""
        if not ia:  # always flow from an infected end
            pa, pb = pb, pa
        dx, dy = pb[0] - pa[0], pb[1] - pa[1]
        length = math.hypot(dx, dy) or 1.0
        nx, ny = -dy / length, dx / length
        jitter_seed = int(time * 12) * 31 + seed * 7
        pts = []
        steps = max(2, int(length / 14))
        for k in range(steps + 1):
            u = k / steps
            j = 0.0 if k in (0, steps) else ((jitter_seed * (k + 3) * 2654435761) % 7 - 3) * 0.9
            pts.append((pa[0] + dx * u + nx * j, pa[1] + dy * u + ny * j))
        pygame.draw.lines(surf, (120, 20, 90), False, pts, width + 2)
        pygame.draw.lines(surf, pal.GLITCH, False, pts, width)
        both = ia and ib
        speed = 0.6 if both else 0.9
        for k in range(3):
            u = (time * speed + k / 3 + seed * 0.13) % 1.0
            px, py = pa[0] + dx * u, pa[1] + dy * u
            pygame.draw.circle(surf, (255, 200, 240), (px, py), width + 2)
            pygame.draw.circle(surf, pal.GLITCH, (px, py), width + 2, 2)

    def _packets(
        self, surf: pygame.Surface, pa: tuple[int, int], pb: tuple[int, int], time: float, i: int
    ) -> None:
        """Calm data packets on clean links, so the network reads as a network."""
        u = (time * 0.25 + i * 0.37) % 1.0
        p = (pa[0] + (pb[0] - pa[0]) * u, pa[1] + (pb[1] - pa[1]) * u)
        pygame.draw.circle(surf, (120, 200, 220), p, 3)

    def _firewall(self, surf: pygame.Surface, c: tuple[int, int], t: int, time: float) -> None:
        w, h = t // 2, round(t * 0.7)
        rect = pygame.Rect(0, 0, w, h)
        rect.center = c
        glow = 40 + int(30 * (1 + math.sin(time * 8)))
        surf.blit(_disc(t // 2, pal.AMBER, glow), (c[0] - t // 2 - 1, c[1] - t // 2 - 1))
        pygame.draw.rect(surf, (120, 60, 20), rect.inflate(4, 4), border_radius=4)
        pygame.draw.rect(surf, pal.AMBER, rect, border_radius=3)
        for k in range(1, 3):
            y = rect.top + rect.height * k // 3
            pygame.draw.line(surf, (120, 60, 20), (rect.left, y), (rect.right - 1, y), 2)
        pygame.draw.line(
            surf,
            (120, 60, 20),
            (rect.centerx, rect.top),
            (rect.centerx, rect.top + rect.height // 3),
            2,
        )

    def _nodes(self, surf: pygame.Surface, f: Frame, cam: Camera) -> None:
        obs, t = f.obs, cam.tile
        size = round(t * 1.15)
        for i, spec in enumerate(self.level.nodes):
            x, y = self.node_xy[i]
            if not cam.visible(x, y, 2):
                continue
            cx, cy = cam.to_screen(x, y)
            infected, crashed = bool(obs.infected[i]), bool(obs.crashed[i])
            if infected:
                pulse = 0.5 + 0.5 * math.sin(f.time * 6 + i)
                r = round(t * (0.85 + 0.15 * pulse))
                surf.blit(_disc(r, pal.GLITCH, 70 + int(50 * pulse)), (cx - r - 1, cy - r - 1))
            if bool(obs.immune[i]) and not infected:
                r = round(t * 0.78)
                surf.blit(_disc(r, pal.CYAN, 50), (cx - r - 1, cy - r - 1))
                pygame.draw.circle(surf, pal.CYAN, (cx, cy), r, 2)
            img = sprites.node_sprite(int(spec.kind), size)
            rect = img.get_rect(center=(cx, cy))
            if crashed:
                surf.blit(img, rect)
                dark = _dark_overlay(size)
                surf.blit(dark, rect)
                k = size // 4
                pygame.draw.line(surf, pal.RED, (cx - k, cy - k), (cx + k, cy + k), max(3, t // 10))
                pygame.draw.line(surf, pal.RED, (cx - k, cy + k), (cx + k, cy - k), max(3, t // 10))
                if int(f.time * 8 + i) % 3 == 0:
                    sx = cx + ((i * 37 + int(f.time * 20)) % size) - size // 2
                    pygame.draw.circle(surf, pal.AMBER, (sx, rect.top + 2), 2)
            elif infected:
                self._glitch_sprite(surf, img, rect, f.time, i)
            else:
                surf.blit(img, rect)
            self._integrity(surf, float(obs.integrity[i]), infected, crashed, rect, t)

    def _glitch_sprite(
        self, surf: pygame.Surface, img: pygame.Surface, rect: pygame.Rect, time: float, i: int
    ) -> None:
        """Chromatic split and torn slices: the glitch should be unmistakable."""
        phase = int(time * 10) + i * 3
        off = 2 + phase % 3
        tint = _tinted(img, pal.GLITCH)
        surf.blit(tint, rect.move(-off, 0))
        surf.blit(_tinted(img, pal.CYAN), rect.move(off, 0))
        surf.blit(img, rect)
        h = rect.height
        for k in range(2):
            band_y = (phase * 7 + k * 13) % max(1, h - 6)
            band = pygame.Rect(0, band_y, rect.width, 3 + (phase + k) % 4)
            shift = ((phase * (k + 2)) % 9) - 4
            surf.blit(img, (rect.x + shift, rect.y + band_y), band)
        pygame.draw.rect(surf, pal.GLITCH, rect.inflate(2, 2), 2, border_radius=6)

    def _integrity(
        self,
        surf: pygame.Surface,
        value: float,
        infected: bool,
        crashed: bool,
        rect: pygame.Rect,
        t: int,
    ) -> None:
        if value >= 99.5 and not infected:
            return
        w, h = rect.width, max(4, t // 9)
        bar = pygame.Rect(rect.left, rect.bottom + 2, w, h)
        pygame.draw.rect(surf, (20, 28, 38), bar.inflate(2, 2))
        frac = max(0.0, min(1.0, value / 100))
        colour = pal.RED if crashed or frac < 0.3 else pal.GLITCH if infected else pal.GREEN
        surf.fill(colour, pygame.Rect(bar.left, bar.top, round(w * frac), h))

    # -- people -------------------------------------------------------------------
    def _crowd(self, surf: pygame.Surface, f: Frame, cam: Camera) -> None:
        obs, t = f.obs, cam.tile
        size = max(6, round(t * 0.36)) | 1
        half = size // 2
        ox, oy = cam.origin
        pos = f.crowd
        n = min(len(pos), len(obs.crowd_favourite))
        if n == 0:
            return
        sx = (pos[:n, 0] * t + ox - half).astype(int).tolist()
        sy = (pos[:n, 1] * t + oy - half).astype(int).tolist()
        fav = obs.crowd_favourite[:n].tolist()
        panic = (obs.crowd_panic[:n] > 0.45).tolist()
        cb = self.colourblind
        dot = sprites.crowd_dot
        surf.fblits([(dot(fav[k], panic[k], size, cb), (sx[k], sy[k])) for k in range(n)])
        # the most frightened visitors also show a "!" so panic reads without colour
        mark = text_outlined("!", max(12, t // 2), pal.RED)
        for k in np.flatnonzero(obs.crowd_panic[:n] > 0.8)[:40].tolist():
            if (k + int(f.time * 3)) % 3 == 0:
                surf.blit(mark, (sx[k] + half - mark.get_width() // 2, sy[k] - mark.get_height()))

    def _drones(self, surf: pygame.Surface, f: Frame, cam: Camera) -> None:
        t = cam.tile
        obs = f.obs
        for k, (x, y) in enumerate(f.drones.tolist()):
            c = cam.to_screen(x, y)
            owner = obs.drones[k].owner if k < len(obs.drones) else 2
            target = obs.drones[k].target if k < len(obs.drones) else -1
            colour = pal.char_colour(owner, self.colourblind)
            if target >= 0:
                tc = cam.to_screen(*self.node_xy[target])
                pygame.draw.line(surf, pal.mix(colour, pal.WHITE, 0.4), c, tc, 1)
            bob = round(math.sin(f.time * 9 + k) * t * 0.06)
            c = (c[0], c[1] - t // 3 + bob)
            surf.blit(_disc(t // 4, (0, 0, 0), 50), (c[0] - t // 4, c[1] + t // 3 - bob))
            arm = t // 4
            for dx, dy in ((-1, -1), (1, -1), (-1, 1), (1, 1)):
                p = (c[0] + dx * arm, c[1] + dy * arm)
                pygame.draw.line(surf, (60, 70, 84), c, p, 2)
                spin = (f.time * 30 + dx) % 2 < 1
                pygame.draw.circle(surf, (200, 210, 220), p, max(2, t // 10), 0 if spin else 1)
            pygame.draw.circle(surf, colour, c, max(3, t // 7))
            pygame.draw.circle(surf, pal.WHITE, c, max(3, t // 7), 1)

    def _patch_rings(self, surf: pygame.Surface, f: Frame, cam: Camera) -> None:
        t = cam.tile
        for p in f.obs.players:
            if p.patch_node < 0 or p.patch_progress <= 0:
                continue
            c = cam.to_screen(*self.node_xy[p.patch_node])
            r = round(t * 0.95)
            rect = pygame.Rect(c[0] - r, c[1] - r, 2 * r, 2 * r)
            colour = pal.char_colour(p.seat, self.colourblind)
            pygame.draw.circle(surf, (20, 28, 38), c, r, max(4, t // 8))
            end = math.pi / 2
            start = end - math.tau * min(1.0, p.patch_progress)
            pygame.draw.arc(surf, colour, rect, start, end, max(4, t // 8))
            pygame.draw.arc(surf, pal.WHITE, rect.inflate(-4, -4), start, end, 1)

    def _auras(self, surf: pygame.Surface, f: Frame, cam: Camera) -> None:
        t = cam.tile
        for p in f.obs.players:
            if p.effect_ticks <= 0:
                continue
            radius = self.level.rules.characters[p.seat].reassure_radius
            x, y = f.players[p.seat]
            c = cam.to_screen(x, y)
            colour = pal.char_colour(p.seat, self.colourblind)
            r = round(radius * t)
            surf.blit(_disc(r, colour, 42), (c[0] - r - 1, c[1] - r - 1))
            wave = round(r * ((f.time * 0.8) % 1.0))
            if wave > 4:
                surf.blit(_disc(wave, colour, 110, 3), (c[0] - wave - 1, c[1] - wave - 1))
            pygame.draw.circle(surf, colour, c, r, 2)

    def _players(self, surf: pygame.Surface, f: Frame, cam: Camera) -> None:
        t = cam.tile
        size = round(t * 1.4)
        order = sorted(range(len(f.players)), key=lambda s: f.players[s][1])
        for seat in order:
            x, y = f.players[seat]
            cx, cy = cam.to_screen(x, y)
            colour = pal.char_colour(seat, self.colourblind)
            shadow = _disc(round(t * 0.4), (0, 0, 0), 60)
            surf.blit(
                shadow, (cx - shadow.get_width() // 2, cy - shadow.get_height() // 2 + t // 6)
            )
            ring_r = round(t * 0.48)
            if seat == f.local_seat:
                pulse = round(2 * math.sin(f.time * 5))
                pygame.draw.circle(surf, pal.WHITE, (cx, cy + t // 6), ring_r + 4 + pulse, 3)
            pygame.draw.circle(surf, colour, (cx, cy + t // 6), ring_r, 3)
            img = sprites.character(seat, size, self.colourblind)
            if f.facing[seat] < 0:
                img = _flipped(img)
            surf.blit(img, img.get_rect(midbottom=(cx, cy + t // 3)))
            name = SHORT_NAMES[seat] if not f.names[seat] else f.names[seat]
            tag = text_outlined(name + (" (bot)" if f.bots[seat] else ""), max(14, t // 2), colour)
            top = cy + t // 3 - size - tag.get_height() + 2
            surf.blit(tag, tag.get_rect(midtop=(cx + (t // 5 if self.colourblind else 0), top)))
            if self.colourblind:
                sprites.shape(
                    surf,
                    pal.SHAPES[seat],
                    (cx - tag.get_width() // 2 - t // 6, top + tag.get_height() // 2),
                    t // 6,
                    colour,
                )
                sprites.shape(
                    surf,
                    pal.SHAPES[seat],
                    (cx - tag.get_width() // 2 - t // 6, top + tag.get_height() // 2),
                    t // 6,
                    pal.WHITE,
                    1,
                )

    # -- effects ------------------------------------------------------------------
    def _effects(self, surf: pygame.Surface, f: Frame, cam: Camera) -> None:
        t = cam.tile
        for e in f.effects:
            self._effect(surf, e, f, cam, t)

    def _effect(self, surf: pygame.Surface, e: Effect, f: Frame, cam: Camera, t: int) -> None:
        a = e.age(f.time)
        fade = int(200 * (1 - a))
        colour = pal.char_colour(e.seat, self.colourblind) if e.seat is not None else pal.CYAN
        c = cam.to_screen(e.x, e.y)
        if e.kind is EventKind.POST:
            # a broadcast: rings sweep out from Jenna across the whole hall
            for k in range(3):
                r = round((a * 1.4 - k * 0.18) * max(cam.view_w, cam.view_h))
                if r > 8:
                    surf.blit(
                        _disc(r, colour, max(0, fade // (k + 1)), 6), (c[0] - r - 1, c[1] - r - 1)
                    )
        elif e.kind is EventKind.SHOWCASE:
            good = e.value > 0
            beam = (120, 100, 40) if good else (120, 20, 20)
            r = round(t * (3.5 + a))
            glow = _glow(r, beam)
            glow.set_alpha(int(255 * (1 - a * 0.7)))
            surf.blit(glow, (c[0] - r, c[1] - r), special_flags=pygame.BLEND_RGB_ADD)
            ring = (255, 220, 120) if good else pal.RED
            for k in range(8):
                ang = f.time * 1.5 + k * math.tau / 8
                end = (c[0] + math.cos(ang) * r, c[1] + math.sin(ang) * r)
                pygame.draw.line(surf, ring, c, end, 1)
            pygame.draw.circle(surf, ring, c, r, 2)
        elif e.kind is EventKind.MASTER_PATCH:
            r = round(a * 30 * t)
            if r > 4:
                surf.blit(_disc(r, pal.CYAN, fade, max(4, t // 4)), (c[0] - r - 1, c[1] - r - 1))
                surf.blit(
                    _disc(max(1, r - t), pal.WHITE, fade // 2, 3),
                    (c[0] - r + t - 1, c[1] - r + t - 1),
                )
        elif e.kind is EventKind.PATCH:
            r = round(t * (0.6 + a * 1.6))
            surf.blit(_disc(r, colour, fade, 4), (c[0] - r - 1, c[1] - r - 1))
            for k in range(8):
                ang = k * math.tau / 8
                d = r * 1.1
                pygame.draw.circle(
                    surf, pal.WHITE, (c[0] + math.cos(ang) * d, c[1] + math.sin(ang) * d), 3
                )
        elif e.kind in (EventKind.CRASH, EventKind.PANIC_WAVE):
            r = round(t * (1 + a * (6 if e.kind is EventKind.CRASH else 10)))
            col = pal.RED if e.kind is EventKind.CRASH else pal.AMBER
            surf.blit(_disc(r, col, fade, 5), (c[0] - r - 1, c[1] - r - 1))
        elif e.kind in (EventKind.FIREWALL, EventKind.DRONE, EventKind.REASSURE, EventKind.INFECT):
            r = round(t * (0.5 + a * 1.5))
            col = pal.GLITCH if e.kind is EventKind.INFECT else colour
            surf.blit(_disc(r, col, fade, 3), (c[0] - r - 1, c[1] - r - 1))


@lru_cache(maxsize=32)
def _glow(radius: int, colour: tuple[int, int, int]) -> pygame.Surface:
    """A radial light for additive blending: bright in the middle, nothing at the rim."""
    s = pygame.Surface((radius * 2, radius * 2))
    s.fill((0, 0, 0))
    steps = 24
    for k in range(steps, 0, -1):
        f = 1 - k / steps
        col = (round(colour[0] * f), round(colour[1] * f), round(colour[2] * f))
        pygame.draw.circle(s, col, (radius, radius), round(radius * k / steps))
    return s


@lru_cache(maxsize=32)
def _dark_overlay(size: int) -> pygame.Surface:
    s = pygame.Surface((size, size), pygame.SRCALPHA)
    pygame.draw.rect(s, (10, 10, 16, 150), s.get_rect(), border_radius=max(2, size // 6))
    return s


_TINTS: dict[tuple[int, tuple[int, int, int]], pygame.Surface] = {}


def _tinted(img: pygame.Surface, colour: tuple[int, int, int]) -> pygame.Surface:
    key = (id(img), colour)
    out = _TINTS.get(key)
    if out is None:
        out = img.copy()
        out.fill((*colour, 0), special_flags=pygame.BLEND_RGBA_MAX)
        out.fill((*colour, 120), special_flags=pygame.BLEND_RGBA_MIN)
        _TINTS[key] = out
    return out


_FLIPS: dict[int, pygame.Surface] = {}


def _flipped(img: pygame.Surface) -> pygame.Surface:
    out = _FLIPS.get(id(img))
    if out is None:
        out = _FLIPS[id(img)] = pygame.transform.flip(img, True, False)
    return out
