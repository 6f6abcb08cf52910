"""First-match hints: each shows once ever, for things that happen near the player."""

from __future__ import annotations

from game.client.hints import Hints
from game.client.model import GameEvent
from game.client.settings import Settings, load_settings, save_settings
from game.kinds import EventKind
from game.levels import load_level
from game.match import Match
from game.match_config import MatchConfig


def _setup() -> tuple[Hints, Match, list[str]]:
    level = load_level("expo-hall")
    match = Match(level, MatchConfig(level.id, seed=1), humans=frozenset({0}))
    seen: list[str] = []
    return Hints(level, seen, "Space"), match, seen


def _node(match: Match, kind: str) -> int:
    return next(i for i, n in enumerate(match.level.nodes) if n.kind.name.lower() == kind)


def test_an_infection_near_the_player_gives_one_hint_naming_the_patch_key() -> None:
    hints, match, seen = _setup()
    kiosk = _node(match, "kiosk")
    me = match.world.players[0]
    me.x, me.y = match.level.nodes[kiosk].x + 2.0, match.level.nodes[kiosk].y + 0.5
    obs = match.observation()
    hint = hints.update([GameEvent(EventKind.INFECT, 1, node=kiosk)], obs, 0)
    assert hint is not None and "hold Space" in hint.text
    assert seen == ["infect"]
    assert hints.update([GameEvent(EventKind.INFECT, 2, node=kiosk)], obs, 0) is None


def test_an_infection_far_from_the_player_gives_no_hint() -> None:
    hints, match, seen = _setup()
    kiosk = _node(match, "kiosk")
    me = match.world.players[0]
    me.x, me.y = match.level.nodes[kiosk].x + 30.0, match.level.nodes[kiosk].y
    me.x = min(me.x, match.level.width - 1.0)
    far = abs(me.x - match.level.nodes[kiosk].x) > 9.5
    hint = hints.update([GameEvent(EventKind.INFECT, 1, node=kiosk)], match.observation(), 0)
    assert far and hint is None and seen == []


def test_crash_surge_and_vault_each_have_their_own_first_time_hint() -> None:
    hints, match, seen = _setup()
    vault = _node(match, "vault")
    obs = match.observation()
    texts = [
        hints.update([GameEvent(EventKind.CRASH, 1, node=0)], obs, 0),
        hints.update([GameEvent(EventKind.SURGE, 2)], obs, 0),
        hints.update([GameEvent(EventKind.INFECT, 3, node=vault)], obs, 0),
    ]
    assert all(t is not None for t in texts)
    assert seen == ["crash", "surge", "vault"]


def test_seen_hints_survive_in_the_settings_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(hints_seen=["crash"])
    assert save_settings(settings, tmp_path)
    assert load_settings(tmp_path).hints_seen == ["crash"]
    level = load_level("expo-hall")
    again = Hints(level, load_settings(tmp_path).hints_seen)
    assert again.update([GameEvent(EventKind.CRASH, 1, node=0)], None, None) is None
