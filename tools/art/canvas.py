"""A supersampled drawing surface, the shared palette and a deterministic PNG writer.

Shapes are drawn with pygame.draw at 4x the target size in logical (target-pixel)
coordinates, then box-filtered down with premultiplied alpha in numpy. That gives
clean anti-aliased edges with no dark fringes, and unlike ``smoothscale`` (which
has CPU-specific SIMD paths) the result is the same on every machine.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pygame

__all__ = [
    "INK",
    "SCALE",
    "Canvas",
    "Color",
    "Point",
    "from_rgba",
    "mix",
    "radial_alpha",
    "save_png",
    "shade",
    "to_rgba",
]

SCALE = 4

Color = tuple[int, int, int] | tuple[int, int, int, int]
Point = tuple[float, float]

INK: tuple[int, int, int] = (24, 32, 44)
"""The one dark outline colour every sprite shares."""


def shade(color: Color, amount: float) -> tuple[int, int, int]:
    """Lighten (amount > 0) towards white or darken (amount < 0) towards ink."""
    target = (255, 255, 255) if amount > 0 else INK
    t = abs(amount)
    return tuple(round(c + (g - c) * t) for c, g in zip(color[:3], target, strict=True))  # type: ignore[return-value]


def mix(a: Color, b: Color, t: float) -> tuple[int, int, int]:
    """Blend two colours; t=0 gives a, t=1 gives b."""
    return tuple(round(x + (y - x) * t) for x, y in zip(a[:3], b[:3], strict=True))  # type: ignore[return-value]


def to_rgba(surface: pygame.Surface) -> np.ndarray:
    """Surface -> (h, w, 4) uint8 array, rows first like an image file."""
    w, h = surface.get_size()
    return np.frombuffer(pygame.image.tobytes(surface, "RGBA"), np.uint8).reshape(h, w, 4).copy()


def from_rgba(pixels: np.ndarray) -> pygame.Surface:
    """(h, w, 4) uint8 array -> an SRCALPHA surface that owns its pixels."""
    h, w = pixels.shape[:2]
    data = np.ascontiguousarray(pixels, dtype=np.uint8).tobytes()
    return pygame.image.frombytes(data, (w, h), "RGBA")


def radial_alpha(
    size: int, color: Color, inner: float, outer: float, power: float = 2.0
) -> pygame.Surface:
    """A square surface of one colour whose alpha falls off from the centre.

    Fully opaque inside ``inner`` (fraction of the radius), zero beyond ``outer``.
    Used for lights, glows and soft shadows, which pygame.draw cannot make.
    """
    c = (size - 1) / 2
    y, x = np.mgrid[0:size, 0:size]
    d = np.hypot(x - c, y - c) / (size / 2)
    t = np.clip((outer - d) / max(outer - inner, 1e-6), 0.0, 1.0) ** power
    alpha = color[3] if len(color) == 4 else 255  # type: ignore[misc]
    out = np.zeros((size, size, 4), np.uint8)
    out[..., :3] = color[:3]
    out[..., 3] = np.round(t * alpha).astype(np.uint8)
    return from_rgba(out)


class Canvas:
    """A transparent surface drawn in logical pixels at SCALE x resolution."""

    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.height = height
        self.surface = pygame.Surface((width * SCALE, height * SCALE), pygame.SRCALPHA)

    # -- coordinate helpers -------------------------------------------------
    @staticmethod
    def _p(point: Point) -> tuple[int, int]:
        return round(point[0] * SCALE), round(point[1] * SCALE)

    @staticmethod
    def _w(width: float) -> int:
        return 0 if width == 0 else max(1, round(width * SCALE))

    def _r(self, rect: Sequence[float]) -> pygame.Rect:
        x, y, w, h = rect
        return pygame.Rect(round(x * SCALE), round(y * SCALE), round(w * SCALE), round(h * SCALE))

    # -- primitives ---------------------------------------------------------
    def fill(self, color: Color) -> None:
        self.surface.fill(color)

    def circle(self, color: Color, center: Point, radius: float, width: float = 0) -> None:
        pygame.draw.circle(self.surface, color, self._p(center), radius * SCALE, self._w(width))

    def ellipse(self, color: Color, rect: Sequence[float], width: float = 0) -> None:
        pygame.draw.ellipse(self.surface, color, self._r(rect), self._w(width))

    def rect(
        self, color: Color, rect: Sequence[float], width: float = 0, radius: float = 0
    ) -> None:
        r = round(radius * SCALE) if radius else -1
        pygame.draw.rect(self.surface, color, self._r(rect), self._w(width), r)

    def poly(self, color: Color, points: Iterable[Point], width: float = 0) -> None:
        pygame.draw.polygon(self.surface, color, [self._p(p) for p in points], self._w(width))

    def line(self, color: Color, a: Point, b: Point, width: float = 1) -> None:
        """A thick line with round caps (pygame's own lines have square, skewed ends)."""
        pa, pb = self._p(a), self._p(b)
        w = self._w(width)
        pygame.draw.line(self.surface, color, pa, pb, w)
        for end in (pa, pb):
            pygame.draw.circle(self.surface, color, end, w / 2)

    def lines(self, color: Color, points: Sequence[Point], width: float = 1) -> None:
        for a, b in zip(points, points[1:], strict=False):
            self.line(color, a, b, width)

    def arc(
        self, color: Color, rect: Sequence[float], start: float, stop: float, width: float = 1
    ) -> None:
        """An arc between two angles in radians, counter-clockwise, y up as in pygame."""
        pygame.draw.arc(self.surface, color, self._r(rect), start, stop, self._w(width))

    def blit(self, source: pygame.Surface, topleft: Point = (0, 0)) -> None:
        """Composite a full-resolution (SCALE x) surface at a logical position.

        Done in numpy with the proper "over" operator: pygame's own alpha blit onto a
        transparent target darkens half-transparent pixels towards black.
        """
        x, y = self._p(topleft)
        dst = to_rgba(self.surface)
        src = to_rgba(source)
        h, w = dst.shape[:2]
        x0, y0, x1, y1 = max(x, 0), max(y, 0), min(x + src.shape[1], w), min(y + src.shape[0], h)
        if x0 >= x1 or y0 >= y1:
            return
        s = src[y0 - y : y1 - y, x0 - x : x1 - x]
        d = dst[y0:y1, x0:x1]
        copy = (d[..., 3] == 0) | (s[..., 3] == 255)  # nothing to mix: take the source
        mixed = (s[..., 3] > 0) & ~copy  # only these need the arithmetic
        sm, dm = s[mixed].astype(np.float64) / 255, d[mixed].astype(np.float64) / 255
        sa, da = sm[:, 3:4], dm[:, 3:4]
        oa = sa + da * (1 - sa)
        rgb = (sm[:, :3] * sa + dm[:, :3] * da * (1 - sa)) / np.maximum(oa, 1e-9)
        d[copy] = s[copy]
        d[mixed] = np.round(np.concatenate([rgb, oa], axis=1) * 255).astype(np.uint8)
        self.surface = from_rgba(dst)

    def blit_canvas(self, other: Canvas, topleft: Point = (0, 0)) -> None:
        self.blit(other.surface, topleft)

    def glow(self, color: Color, center: Point, radius: float, inner: float = 0.0) -> None:
        """A soft radial glow, alpha-blended over what is already drawn."""
        size = max(2, round(radius * 2 * SCALE))
        light = radial_alpha(size, color, inner, 1.0)
        self.blit(
            light, ((center[0] * SCALE - size / 2) / SCALE, (center[1] * SCALE - size / 2) / SCALE)
        )

    def outline(self, width: float = 1.5, color: Color = INK) -> None:
        """Put a solid outline of ``width`` logical pixels around everything drawn so far.

        One dilated silhouette behind the art gives every sprite the same line weight,
        which is what makes them read as one set.
        """
        px = to_rgba(self.surface)
        mask = px[..., 3] > 96
        grown = _dilate_disk(mask, round(width * SCALE))
        under = np.zeros_like(px)
        under[grown] = (*color[:3], 255)
        art = self.surface
        self.surface = from_rgba(under)
        self.blit(art)

    # -- output -------------------------------------------------------------
    def image(self) -> pygame.Surface:
        """Box-filter down to the target size with premultiplied alpha."""
        px = to_rgba(self.surface).astype(np.float64)
        alpha = px[..., 3:4] / 255.0
        premul = np.concatenate([px[..., :3] * alpha, alpha], axis=2)
        h, w = self.height, self.width
        small = premul.reshape(h, SCALE, w, SCALE, 4).mean(axis=(1, 3))
        a = small[..., 3:4]
        rgb = np.where(a > 0, small[..., :3] / np.maximum(a, 1e-9), 0.0)
        out = np.concatenate([rgb, a * 255.0], axis=2)
        return from_rgba(np.clip(np.round(out), 0, 255).astype(np.uint8))


def _dilate_horizontal(mask: np.ndarray, k: int) -> np.ndarray:
    """True where any pixel within k columns is set (a running sum, O(pixels))."""
    h, w = mask.shape
    cs = np.zeros((h, w + 2 * k + 1), np.int32)
    cs[:, k + 1 : k + 1 + w] = mask
    cs = np.cumsum(cs, axis=1)
    return (cs[:, 2 * k + 1 :] - cs[:, :w]) > 0


def _dilate_disk(mask: np.ndarray, radius: int) -> np.ndarray:
    """Grow a mask by a disk: one horizontal run per row offset of the disk."""
    h = mask.shape[0]
    grown = mask.copy()
    runs: dict[int, np.ndarray] = {}
    for dy in range(-radius, radius + 1):
        k = int((radius * radius - dy * dy) ** 0.5)
        row = runs.setdefault(k, _dilate_horizontal(mask, k))
        grown[max(dy, 0) : h + min(dy, 0)] |= row[max(-dy, 0) : h + min(-dy, 0)]
    return grown


def save_png(surface: pygame.Surface, path: Path) -> None:
    """Write an RGBA PNG with no metadata chunks, so the bytes depend on pixels only."""
    w, h = surface.get_size()
    raw = to_rgba(surface)
    rows = np.concatenate([np.zeros((h, 1), np.uint8), raw.reshape(h, w * 4)], axis=1)

    def chunk(tag: bytes, data: bytes) -> bytes:
        body = tag + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
    png += chunk(b"IDAT", zlib.compress(rows.tobytes(), 9)) + chunk(b"IEND", b"")
    path.write_bytes(png)
