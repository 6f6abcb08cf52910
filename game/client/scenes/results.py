"""The end of a match: the winner (or the Alliance's stars), everyone's numbers, what next."""

from __future__ import annotations

import pygame

from game.client.app import App, Scene
from game.client.input import Ui, UiEvent
from game.client.online import Online
from game.client.render import palette as pal
from game.client.render import sprites
from game.client.render.text import text
from game.client.scenes.ui import Item, OptionList, backdrop, footer, scale
from game.net import MatchResults
from game.sim.observation import Observation
from game.sim.types import CHARACTER_NAMES

__all__ = ["ResultsScene", "headline", "won_match"]

OUTCOMES = {
    "timeout": "Time is up",
    "contained": "The glitch is contained",
    "breach": "Patient data breached",
}


def headline(results: MatchResults) -> str:
    """The big line: who won, or how the Alliance did."""
    if results.stars is not None:
        return f"ALLIANCE: {results.stars} / 3 STARS"
    if results.winner is None:
        return "NOBODY WINS"
    return f"{CHARACTER_NAMES[results.winner].upper()} WINS"


def won_match(results: MatchResults, seat: int | None) -> bool:
    """Whether the local player won, from what the server said (never from the stars)."""
    if results.alliance_won is not None:
        return results.alliance_won
    return seat is not None and results.winner is not None and int(results.winner) == seat


class ResultsScene(Scene):
    def __init__(
        self, app: App, online: Online | None, results: MatchResults, obs: Observation | None
    ) -> None:
        super().__init__(app)
        self.online = online
        self.results = results
        self.obs = obs
        self.time = 0.0
        self.waiting = False
        self.names = ["", "", "", ""]
        if online is not None and online.session.model is not None:
            self.names = list(online.session.model.names)
        items = [Item("menu", "Menu")]
        if online is not None:
            items.insert(0, Item("rematch", "Rematch"))
        self.list = OptionList(items, top=560, width=360)

    def handle(self, events: list[UiEvent]) -> None:
        if any(e.kind in (Ui.BACK, Ui.PAUSE) for e in events):
            self._menu()
            return
        picked = self.list.handle(events, self.app.screen)
        if picked == ("choose", "menu"):
            self._menu()
        elif picked == ("choose", "rematch") and self.online is not None:
            s = self.online.session
            if s.is_host:
                s.start()
                self.waiting = True
            else:
                s.ready(True)
                from game.client.scenes.lobby import LobbyScene

                self.app.replace(LobbyScene(self.app, self.online))

    def _menu(self) -> None:
        from game.client.scenes.menu import MenuScene

        self.app.reset(MenuScene(self.app))

    def update(self, dt: float) -> None:
        self.time += dt
        if self.online is None:
            return
        s = self.online.session
        s.pump()
        for note in s.notes:
            if note.error and self.waiting:
                self.waiting = False
                from game.client.scenes.lobby import LobbyScene

                self.app.replace(LobbyScene(self.app, self.online, note.text))
                return
        s.notes.clear()
        if s.in_match and s.model is not None and s.results is None:
            from game.client.scenes.match import MatchScene

            self.app.replace(MatchScene(self.app, self.online))

    def draw(self, surf: pygame.Surface) -> None:
        backdrop(surf, self.time)
        u = scale(surf)
        w = surf.get_width()
        r = self.results
        winner = None if r.winner is None else int(r.winner)
        colour = pal.char_colour(winner) if winner is not None else pal.CYAN
        title = text(headline(r), round(64 * u), colour, True)
        surf.blit(title, title.get_rect(midtop=(w // 2, round(36 * u))))
        sub = f"{OUTCOMES.get(r.outcome, r.outcome)}  -  data leak {round(r.leak * 100)}%"
        img = text(sub, round(26 * u), pal.MUTED)
        surf.blit(img, img.get_rect(midtop=(w // 2, round(110 * u))))
        if r.stars is not None:
            for k in range(3):
                cx = w // 2 + (k - 1) * round(70 * u)
                self._star(surf, (cx, round(175 * u)), round(28 * u), k < r.stars)
        order = sorted(range(4), key=lambda s: -r.favour.get(_char(s), 0.0))
        card_w, gap = round(270 * u), round(16 * u)
        x0 = w // 2 - (4 * card_w + 3 * gap) // 2
        for rank, seat in enumerate(order):
            self._card(
                surf,
                seat,
                rank,
                pygame.Rect(x0 + rank * (card_w + gap), round(220 * u), card_w, round(320 * u)),
                u,
            )
        self.list.draw(surf, self.time)
        if self.waiting:
            footer(surf, "Starting the rematch...", "", False)
        else:
            footer(surf, "Enter choose  -  Esc menu")

    def _card(
        self, surf: pygame.Surface, seat: int, rank: int, rect: pygame.Rect, u: float
    ) -> None:
        colour = pal.char_colour(seat)
        pygame.draw.rect(surf, (20, 34, 48), rect, border_radius=12)
        pygame.draw.rect(surf, colour, rect, 3 if rank == 0 else 1, border_radius=12)
        surf.blit(
            sprites.portrait(seat, round(110 * u)),
            (rect.left + round(14 * u), rect.top + round(14 * u)),
        )
        place = text(f"#{rank + 1}", round(40 * u), colour, True)
        surf.blit(place, (rect.right - place.get_width() - round(14 * u), rect.top + round(14 * u)))
        name = self.names[seat] or CHARACTER_NAMES[seat]
        surf.blit(
            text(name[:20], round(26 * u), pal.WHITE, True),
            (rect.left + round(14 * u), rect.top + round(134 * u)),
        )
        surf.blit(
            text(CHARACTER_NAMES[seat], round(20 * u), pal.MUTED),
            (rect.left + round(14 * u), rect.top + round(160 * u)),
        )
        rows = [("Favour", f"{self.results.favour.get(_char(seat), 0.0):.0f}")]
        if len(self.results.players) > seat:
            p = self.results.players[seat]
            rows += [("Patches", str(p.patches)), ("Fragments", str(p.fragments))]
        elif self.obs is not None:  # a replay's results come from the simulation alone
            view = self.obs.players[seat]
            rows += [("Patches", str(view.patches)), ("Fragments", str(view.fragments))]
        y = rect.top + round(196 * u)
        for label, value in rows:
            surf.blit(text(label, round(22 * u), pal.MUTED), (rect.left + round(14 * u), y))
            v = text(value, round(26 * u), pal.WHITE, True)
            surf.blit(v, (rect.right - v.get_width() - round(14 * u), y))
            y += round(36 * u)

    def _star(self, surf: pygame.Surface, c: tuple[int, int], r: int, on: bool) -> None:
        import math

        pts = []
        for k in range(10):
            rad = r if k % 2 == 0 else r * 0.45
            ang = -math.pi / 2 + k * math.pi / 5
            pts.append((c[0] + math.cos(ang) * rad, c[1] + math.sin(ang) * rad))
        pygame.draw.polygon(surf, pal.AMBER if on else (50, 62, 76), pts)
        pygame.draw.polygon(surf, pal.WHITE if on else (90, 104, 118), pts, 2)


def _char(seat: int):  # type: ignore[no-untyped-def]
    from game.kinds import Character

    return Character(seat)
