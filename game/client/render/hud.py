"""The heads-up display: clock and phase, favour, leak, infection, own abilities, minimap.

Laid out in the corners so the middle of the floor stays clear; all sizes scale from
the window height so the HUD reads the same at 720p and 4K.
"""

from __future__ import annotations

import math
from functools import lru_cache

import pygame

from game.client.model import Frame
from game.client.render import palette as pal
from game.client.render import sprites
from game.client.render.camera import Camera
from game.client.render.text import text, text_outlined
from game.levels.model import Level, Tile
from game.sim.types import Mode, Phase

__all__ = ["ABILITIES", "HudRenderer", "phase_label"]

SHORT = ("Kiran", "Max", "Voss", "Jenna")
ABILITIES: tuple[tuple[str, str | None], ...] = (
    ("Reassure", None),
    ("Firewall", "Master Patch"),
    ("Automate", "Showcase"),
    ("Post", None),
)
PHASE_NAMES = {
    Phase.LOBBY: "LOBBY",
    Phase.COUNTDOWN: "GET READY",
    Phase.LIVE: "LIVE",
    Phase.CLIMAX: "CLIMAX",
    Phase.RESULTS: "RESULTS",
}


def _panel(surf: pygame.Surface, rect: pygame.Rect, alpha: int = 244) -> None:
    """A HUD panel: nearly opaque, so name tags on the floor never bleed through it."""
    s = _panel_surface(rect.width, rect.height, alpha)
    surf.blit(s, rect)


@lru_cache(maxsize=32)
def _panel_surface(w: int, h: int, alpha: int) -> pygame.Surface:
    s = pygame.Surface((w, h), pygame.SRCALPHA)
    pygame.draw.rect(s, (*pal.PANEL, alpha), s.get_rect(), border_radius=10)
    pygame.draw.rect(s, (*pal.CYAN, 90), s.get_rect(), 1, border_radius=10)
    return s


def _bar(
    surf: pygame.Surface, rect: pygame.Rect, frac: float, colour: tuple[int, int, int]
) -> None:
    pygame.draw.rect(surf, (10, 16, 24), rect, border_radius=rect.height // 2)
    w = round(rect.width * max(0.0, min(1.0, frac)))
    if w > 0:
        fill = pygame.Rect(rect.left, rect.top, max(w, rect.height), rect.height)
        pygame.draw.rect(surf, colour, fill, border_radius=rect.height // 2)


def phase_label(f: Frame) -> tuple[str, str]:
    """The phase and mode under the clock; a replay says REPLAY, never LIVE."""
    phase = "REPLAY" if f.extra.get("replay") else PHASE_NAMES.get(f.obs.phase, "")
    return phase, "ALLIANCE" if f.obs.mode is Mode.ALLIANCE else "SHOWDOWN"


class HudRenderer:
    def __init__(self, level: Level, colourblind: bool = False) -> None:
        self.level = level
        self.colourblind = colourblind
        self._minimap: pygame.Surface | None = None
        self._minimap_size = (0, 0)

    def draw(self, surf: pygame.Surface, f: Frame, cam: Camera) -> None:
        h = surf.get_height()
        u = h / 720
        self._top(surf, f, u)
        if f.local_seat is not None:
            self._own(surf, f, u)
        self._offscreen(surf, f, cam, u)
        self._minimap_panel(surf, f, cam, u)
        self._banners(surf, f, u)
        self._countdown(surf, f, u)
        if f.notice:
            img = text_outlined(f.notice, round(34 * u), pal.AMBER)
            surf.blit(img, img.get_rect(center=(surf.get_width() // 2, round(h * 0.42))))

    # -- top bar --------------------------------------------------------------
    def _top(self, surf: pygame.Surface, f: Frame, u: float) -> None:
        w = surf.get_width()
        obs = f.obs
        bar = pygame.Rect(round(8 * u), round(8 * u), w - round(16 * u), round(62 * u))
        _panel(surf, bar)
        # clock and phase
        secs = obs.ticks_left / max(1, obs.tick_rate)
        clock = f"{int(secs // 60)}:{int(secs % 60):02d}"
        climax = obs.phase is Phase.CLIMAX
        colour = pal.GLITCH if climax and int(f.time * 2) % 2 else pal.WHITE
        img = text(clock, round(46 * u), colour, True)
        surf.blit(img, (bar.left + round(14 * u), bar.top + round(6 * u)))
        phase, mode = phase_label(f)
        ph_colour = pal.GLITCH if climax else pal.CYAN
        room = round(176 * u)  # the clock's column: never run into the favour slots
        size = 18
        ph = text(f"{phase} - {mode}", round(size * u), ph_colour, True)
        while ph.get_width() > room and size > 11:
            size -= 1
            ph = text(f"{phase} - {mode}", round(size * u), ph_colour, True)
        surf.blit(ph, (bar.left + round(14 * u), bar.bottom - ph.get_height() - round(4 * u)))
        # favour for all four
        left = bar.left + round(190 * u)
        right_w = round(300 * u)
        slot_w = (bar.width - round(190 * u) - right_w) // 4
        total = max(1e-6, sum(obs.favour))
        best = max(range(4), key=lambda s: obs.favour[s])
        for seat in range(4):
            self._favour_slot(surf, f, seat, left + seat * slot_w, bar, slot_w, u, total, best)
        # leak and infection
        rx = bar.right - right_w + round(10 * u)
        bw = right_w - round(24 * u)
        leak = obs.leak
        lc = pal.RED if leak > 0.5 else pal.AMBER if leak > 0.2 else (240, 120, 120)
        lab = text(f"DATA LEAK {round(leak * 100)}%", round(17 * u), lc, True)
        surf.blit(lab, (rx, bar.top + round(6 * u)))
        _bar(surf, pygame.Rect(rx, bar.top + round(22 * u), bw, round(8 * u)), leak, lc)
        n = len(obs.infected)
        k = int(obs.infected.sum())
        crashed = int(obs.crashed.sum())
        ic = pal.GLITCH if k else pal.GREEN
        label = f"INFECTED {k}/{n}" + (f"  CRASHED {crashed}" if crashed else "")
        lab = text(label, round(17 * u), ic, True)
        surf.blit(lab, (rx, bar.top + round(34 * u)))
        _bar(surf, pygame.Rect(rx, bar.top + round(50 * u), bw, round(8 * u)), k / max(1, n), ic)

    def _favour_slot(
        self,
        surf: pygame.Surface,
        f: Frame,
        seat: int,
        x: int,
        bar: pygame.Rect,
        slot_w: int,
        u: float,
        total: float,
        best: int,
    ) -> None:
        colour = pal.char_colour(seat, self.colourblind)
        value = f.obs.favour[seat]
        chip = round(30 * u)
        port = sprites.character(seat, chip, self.colourblind)
        surf.blit(port, (x, bar.top + round(6 * u)))
        if self.colourblind:
            sprites.shape(
                surf, pal.SHAPES[seat], (x + chip - 4, bar.top + round(34 * u)), 5 * u, colour
            )
        name = f.names[seat] or SHORT[seat]
        if len(name) > 10:
            name = name[:9] + "."
        me = seat == f.local_seat
        crown = " *" if seat == best and value > 0 and f.obs.mode is Mode.SHOWDOWN else ""
        label = text(name + crown, round(17 * u), pal.WHITE if me else pal.MUTED, me)
        surf.blit(label, (x + chip + round(4 * u), bar.top + round(8 * u)))
        val = text(f"{value:.0f}", round(22 * u), colour, True)
        surf.blit(val, (x + slot_w - val.get_width() - round(10 * u), bar.top + round(6 * u)))
        _bar(
            surf,
            pygame.Rect(x, bar.top + round(42 * u), slot_w - round(12 * u), round(10 * u)),
            value / total,
            colour,
        )

    # -- the local player -------------------------------------------------------
    def _own(self, surf: pygame.Surface, f: Frame, u: float) -> None:
        seat = f.local_seat
        assert seat is not None
        me = f.obs.players[seat]
        rules = self.level.rules.characters[seat]
        h = surf.get_height()
        panel = pygame.Rect(round(8 * u), h - round(104 * u), round(420 * u), round(96 * u))
        _panel(surf, panel)
        port = sprites.portrait(seat, round(80 * u))
        surf.blit(port, (panel.left + round(8 * u), panel.top + round(8 * u)))
        x = panel.left + round(96 * u)
        colour = pal.char_colour(seat, self.colourblind)
        ability, action = ABILITIES[seat]
        rate = f.obs.tick_rate
        self._slot(
            surf,
            x,
            panel.top + round(10 * u),
            u,
            "E",
            ability,
            me.ability_cd / rate,
            rules.ability_cooldown_s,
            colour,
        )
        if action:
            ready_extra = ""
            if seat == 1:
                need = rules.master_fragments
                ready_extra = f"{me.fragments}/{need}"
            self._slot(
                surf,
                x + round(160 * u),
                panel.top + round(10 * u),
                u,
                "Q",
                action,
                me.action_cd / rate,
                rules.action_cooldown_s,
                colour,
                ready_extra,
                blocked=seat == 1 and me.fragments < rules.master_fragments,
            )
        # fragments and patches
        frag = text(f"Fragments {me.fragments}    Patched {me.patches}", round(17 * u), pal.MUTED)
        surf.blit(frag, (x, panel.bottom - frag.get_height() - round(8 * u)))
        if me.patch_node >= 0:
            hint = text_outlined("PATCHING", round(20 * u), pal.CYAN)
            surf.blit(hint, (panel.right + round(10 * u), panel.bottom - hint.get_height()))

    def _slot(
        self,
        surf: pygame.Surface,
        x: int,
        y: int,
        u: float,
        key: str,
        name: str,
        cd_s: float,
        full_s: float,
        colour: tuple[int, int, int],
        extra: str = "",
        blocked: bool = False,
    ) -> None:
        size = round(46 * u)
        box = pygame.Rect(x, y, size, size)
        ready = cd_s <= 0 and not blocked
        pygame.draw.rect(surf, colour if ready else (40, 52, 66), box, border_radius=8)
        if not ready and full_s > 0 and cd_s > 0:
            frac = min(1.0, cd_s / full_s)
            cover = pygame.Rect(x, y + round(size * (1 - frac)), size, round(size * frac))
            pygame.draw.rect(surf, (24, 30, 40), cover)
            num = text(f"{math.ceil(cd_s)}", round(22 * u), pal.WHITE, True)
            surf.blit(num, num.get_rect(center=box.center))
        else:
            k = text(key, round(28 * u), pal.INK if ready else pal.MUTED, True)
            surf.blit(k, k.get_rect(center=box.center))
        pygame.draw.rect(surf, pal.WHITE if ready else pal.MUTED, box, 2, border_radius=8)
        label = text(name, round(17 * u), pal.WHITE, True)
        surf.blit(label, (box.right + round(6 * u), y + round(4 * u)))
        sub = extra or ("ready" if ready else "cooling")
        s = text(sub, round(15 * u), pal.GREEN if ready else pal.MUTED)
        surf.blit(s, (box.right + round(6 * u), y + round(24 * u)))

    # -- off-screen markers ------------------------------------------------------------
    def _offscreen(self, surf: pygame.Surface, f: Frame, cam: Camera, u: float) -> None:
        """An arrow at the screen edge for every infected system out of view."""
        w, h = surf.get_size()
        top, bottom = round(80 * u), h - round(20 * u)
        cx, cy = w / 2, (top + bottom) / 2
        for i, spec in enumerate(self.level.nodes):
            if not f.obs.infected[i]:
                continue
            sx, sy = cam.to_screen(spec.x + 0.5, spec.y + 0.5)
            if 0 <= sx < w and top <= sy < bottom:
                continue
            dx, dy = sx - cx, sy - cy
            k = min(
                (w / 2 - 24 * u) / abs(dx) if dx else math.inf,
                ((bottom - top) / 2 - 24 * u) / abs(dy) if dy else math.inf,
            )
            px, py = cx + dx * k, cy + dy * k
            ang = math.atan2(dy, dx)
            size = 14 * u * (1.15 if int(f.time * 4) % 2 else 1.0)
            pts = [
                (px + math.cos(ang) * size, py + math.sin(ang) * size),
                (px + math.cos(ang + 2.4) * size, py + math.sin(ang + 2.4) * size),
                (px + math.cos(ang - 2.4) * size, py + math.sin(ang - 2.4) * size),
            ]
            colour = pal.RED if f.obs.crashed[i] else pal.GLITCH
            pygame.draw.polygon(surf, colour, pts)
            pygame.draw.polygon(surf, pal.WHITE, pts, 2)

    # -- minimap ------------------------------------------------------------------
    def minimap_rect(self, surf: pygame.Surface) -> pygame.Rect:
        """Where the minimap goes (its panel is a few pixels wider), for others to avoid."""
        u = surf.get_height() / 720
        lw, lh = self.level.width, self.level.height
        scale = max(2, round(230 * u / lw))
        w, h = surf.get_size()
        return pygame.Rect(
            w - lw * scale - round(16 * u), h - lh * scale - round(16 * u), lw * scale, lh * scale
        )

    def _minimap_panel(self, surf: pygame.Surface, f: Frame, cam: Camera, u: float) -> None:
        lw = self.level.width
        scale = max(2, round(230 * u / lw))
        rect = self.minimap_rect(surf)
        _panel(surf, rect.inflate(round(12 * u), round(12 * u)))
        surf.blit(self._minimap_floor(scale), rect)
        obs = f.obs
        for i, spec in enumerate(self.level.nodes):
            c = (
                rect.left + round((spec.x + 0.5) * scale),
                rect.top + round((spec.y + 0.5) * scale),
            )
            if obs.crashed[i]:
                col = pal.RED
            elif obs.infected[i]:
                col = pal.GLITCH
            else:
                col = pal.CYAN
            r = scale + (1 if obs.infected[i] and int(f.time * 4) % 2 else 0)
            pygame.draw.circle(surf, col, c, r)
        for seat, (x, y) in enumerate(f.players.tolist()):
            c = (rect.left + round(x * scale), rect.top + round(y * scale))
            colour = pal.char_colour(seat, self.colourblind)
            sprites.shape(surf, pal.SHAPES[seat], c, scale * 1.3, colour)
            if seat == f.local_seat:
                pygame.draw.circle(surf, pal.WHITE, c, scale * 2.2, 1)
        view = pygame.Rect(
            rect.left + round(cam.x0 * scale),
            rect.top + round(cam.y0 * scale),
            round(cam.view_w / cam.tile * scale),
            round(cam.view_h / cam.tile * scale),
        ).clip(rect)
        pygame.draw.rect(surf, (200, 220, 230), view, 1)

    def _minimap_floor(self, scale: int) -> pygame.Surface:
        if self._minimap is not None and self._minimap_size == (scale, 0):
            return self._minimap
        lvl = self.level
        s = pygame.Surface((lvl.width * scale, lvl.height * scale))
        colours = {
            Tile.WALL: (60, 76, 94),
            Tile.BOOTH: (120, 136, 150),
            Tile.STAGE: (40, 70, 100),
            Tile.AUDIENCE: (70, 96, 120),
            Tile.EXIT: (60, 150, 90),
            Tile.DOOR: (90, 170, 190),
        }
        for y, row in enumerate(lvl.tiles):
            for x, v in enumerate(row):
                s.fill(colours.get(Tile(v), (34, 48, 64)), (x * scale, y * scale, scale, scale))
        self._minimap, self._minimap_size = s, (scale, 0)
        return s

    # -- banners and countdown -------------------------------------------------------
    def _banners(self, surf: pygame.Surface, f: Frame, u: float) -> None:
        w = surf.get_width()
        y = round(86 * u)
        for b in f.banners[-2:]:
            age = f.time - b.start
            slide = min(1.0, age * 6)
            alpha = 255 if age < 2.0 else max(0, int(255 * (2.6 - age) / 0.6))
            title = text_outlined(b.text, round(40 * u), b.colour)
            sub = text_outlined(b.sub, round(22 * u), pal.WHITE, bold=False) if b.sub else None
            bw = max(title.get_width(), sub.get_width() if sub else 0) + round(60 * u)
            bh = title.get_height() + (sub.get_height() if sub else 0) + round(14 * u)
            box = pygame.Surface((bw, bh), pygame.SRCALPHA)
            pygame.draw.rect(box, (*pal.PANEL, 220), box.get_rect(), border_radius=12)
            pygame.draw.rect(box, (*b.colour, 255), box.get_rect(), 3, border_radius=12)
            box.blit(title, title.get_rect(midtop=(bw // 2, round(4 * u))))
            if sub:
                box.blit(sub, sub.get_rect(midtop=(bw // 2, title.get_height() + round(4 * u))))
            box.set_alpha(alpha)
            x = w // 2 - bw // 2
            surf.blit(box, (x, y - round((1 - slide) * 40 * u)))
            y += bh + round(8 * u)

    def _countdown(self, surf: pygame.Surface, f: Frame, u: float) -> None:
        obs = f.obs
        total = round(self.level.rules.match.countdown_s * obs.tick_rate)
        if obs.phase is Phase.COUNTDOWN:
            left = max(0, total - obs.tick)
            label = str(max(1, math.ceil(left / obs.tick_rate)))
        elif obs.phase is Phase.LIVE and obs.tick - total < obs.tick_rate:
            label = "PATCH IT!"
        else:
            return
        img = text_outlined(label, round(110 * u), pal.CYAN)
        surf.blit(img, img.get_rect(center=(surf.get_width() // 2, surf.get_height() // 2)))
