"""The static floor: tiles, booths, the stage and doors, pre-rendered once per tile size.

Everything that never changes during a match is drawn into one surface here, so a
frame costs one blit for the whole floor however big the level is.
"""

from __future__ import annotations

import pygame

from game.client.render import palette as pal
from game.client.render.sprites import tile_art
from game.levels.model import Level, Tile

__all__ = ["render_floor"]

_TILE_ART = {
    Tile.FLOOR: "tile_floor.png",
    Tile.FLOOR_ALT: "tile_floor_alt.png",
    Tile.WALL: "tile_wall.png",
    Tile.BOOTH: "tile_booth.png",
    Tile.STAGE: "tile_stage.png",
    Tile.AUDIENCE: "tile_audience.png",
    Tile.DOOR: "tile_door.png",
    Tile.EXIT: "tile_exit.png",
    Tile.TESTIMONIAL: "tile_testimonial.png",
    Tile.NODE: "tile_floor.png",
}
_FLAT = {
    Tile.FLOOR: pal.FLOOR,
    Tile.FLOOR_ALT: pal.FLOOR_ALT,
    Tile.WALL: pal.WALL,
    Tile.BOOTH: pal.BOOTH,
    Tile.STAGE: pal.STAGE,
    Tile.AUDIENCE: pal.AUDIENCE,
    Tile.DOOR: pal.DOOR,
    Tile.EXIT: pal.EXIT,
    Tile.TESTIMONIAL: pal.TESTIMONIAL,
    Tile.NODE: pal.FLOOR,
}


def render_floor(level: Level, t: int, use_art: bool = True) -> pygame.Surface:
    """The whole level's static floor at ``t`` px per tile."""
    surf = pygame.Surface((level.width * t, level.height * t))
    surf.fill(pal.FLOOR)
    art = {k: tile_art(v, t) for k, v in _TILE_ART.items()} if use_art else {}
    for y, row in enumerate(level.tiles):
        for x, value in enumerate(row):
            kind = Tile(value)
            rect = pygame.Rect(x * t, y * t, t, t)
            img = art.get(kind)
            if img is not None:
                surf.blit(img, rect)
            else:
                _draw_tile(surf, level, kind, x, y, rect, t)
    if not art or any(v is None for v in art.values()):
        _decorate(surf, level, t)
    return surf


def _solid(level: Level, x: int, y: int, kinds: tuple[int, ...]) -> bool:
    return 0 <= x < level.width and 0 <= y < level.height and level.tiles[y][x] in kinds


def _draw_tile(
    surf: pygame.Surface, level: Level, kind: Tile, x: int, y: int, r: pygame.Rect, t: int
) -> None:
    surf.fill(_FLAT[kind], r)
    if kind in (Tile.FLOOR, Tile.NODE, Tile.FLOOR_ALT):
        grid = pal.mix(_FLAT[kind], (150, 190, 200), 0.25)
        pygame.draw.line(surf, grid, r.topleft, r.topright)
        pygame.draw.line(surf, grid, r.topleft, r.bottomleft)
        if kind is Tile.FLOOR_ALT:
            pygame.draw.circle(surf, pal.mix(pal.FLOOR_ALT, pal.CYAN, 0.3), r.center, t // 6)
    elif kind is Tile.WALL:
        below_open = not _solid(level, x, y + 1, (Tile.WALL,))
        surf.fill(pal.WALL_TOP, r.inflate(0, 0).clip(pygame.Rect(r.x, r.y, t, t * 2 // 3)))
        if below_open:
            face = pygame.Rect(r.x, r.y + t * 2 // 3, t, t - t * 2 // 3)
            surf.fill(pal.WALL, face)
            pygame.draw.line(surf, pal.CYAN, face.topleft, face.topright, max(1, t // 16))
    elif kind is Tile.BOOTH:
        surf.fill(pal.FLOOR, r)
        inner = r.copy()
        if not _solid(level, x - 1, y, (Tile.BOOTH,)):
            inner.left += t // 8
            inner.width -= t // 8
        if not _solid(level, x + 1, y, (Tile.BOOTH,)):
            inner.width -= t // 8
        if not _solid(level, x, y - 1, (Tile.BOOTH,)):
            inner.top += t // 8
            inner.height -= t // 8
        if not _solid(level, x, y + 1, (Tile.BOOTH,)):
            inner.height -= t // 8
            shadow = pygame.Rect(inner.left, inner.bottom, inner.width, t // 8)
            surf.fill((170, 186, 196), shadow)
        surf.fill(pal.BOOTH, inner)
        pygame.draw.line(surf, (228, 236, 240), inner.topleft, inner.topright, max(1, t // 12))
    elif kind is Tile.STAGE:
        pygame.draw.line(surf, (48, 68, 96), r.topleft, r.topright)
        pygame.draw.line(surf, (48, 68, 96), r.topleft, r.bottomleft)
        if not _solid(level, x, y + 1, (Tile.STAGE,)):
            edge = pygame.Rect(r.x, r.bottom - max(2, t // 10), t, max(2, t // 10))
            surf.fill(pal.CYAN, edge)
    elif kind is Tile.AUDIENCE:
        seat = pygame.Rect(0, 0, t // 2, t // 3)
        seat.center = r.center
        pygame.draw.rect(surf, (180, 204, 224), seat, border_radius=max(1, t // 10))
    elif kind is Tile.DOOR:
        pygame.draw.rect(surf, pal.CYAN, r.inflate(-t // 4, -t // 4), max(1, t // 14))
    elif kind is Tile.EXIT:
        arrow = pal.mix(pal.EXIT, (20, 90, 50), 0.5)
        cx, cy = r.center
        s = t // 5
        pygame.draw.polygon(surf, arrow, [(cx - s, cy - s), (cx + s, cy), (cx - s, cy + s)])
    elif kind is Tile.TESTIMONIAL:
        pygame.draw.circle(surf, (250, 190, 60), r.center, t // 4, max(1, t // 12))


def _decorate(surf: pygame.Surface, level: Level, t: int) -> None:
    """Booth and point-of-interest labels: where the booths are, whose they are."""
    from game.client.render.text import text

    size = max(12, t // 2)
    for poi in level.pois:
        label = poi.name.upper()
        if len(label) > 22 or poi.kind.name == "EXIT":
            continue
        img = text(label, size, (120, 140, 158), True)
        cx, cy = poi.x * t + t // 2, poi.y * t + t // 2
        rect = img.get_rect(center=(cx, cy + t // 2 + 2))
        if rect.left >= 0 and rect.right <= surf.get_width():
            surf.blit(img, rect)
