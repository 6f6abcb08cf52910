"""Input mapping: keys and pads to actions and ``Input``, rebinding, menu navigation."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.client.input import Controls, Ui  # noqa: E402
from game.sim.types import Input  # noqa: E402


@pytest.fixture(autouse=True)
def _pygame():  # type: ignore[no-untyped-def]
    pygame.init()
    yield


def down(key: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0)


def up(key: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="", scancode=0)


def test_wasd_and_arrows_move_and_diagonals_are_normalised() -> None:
    c = Controls()
    c.handle([down(pygame.K_d)])
    assert c.sample() == Input(1, 0)
    c.handle([down(pygame.K_UP)])
    inp = c.sample()
    assert inp.move_x == pytest.approx(0.7087, abs=0.01)
    assert inp.move_y == pytest.approx(-0.7087, abs=0.01)
    c.handle([up(pygame.K_d), up(pygame.K_UP)])
    assert c.sample() == Input()


def test_patch_is_held_and_abilities_are_pressed_once() -> None:
    c = Controls()
    c.handle([down(pygame.K_SPACE), down(pygame.K_e)])
    first = c.sample()
    assert first.patch and first.ability and not first.action
    second = c.sample()
    assert second.patch and not second.ability  # a press counts for one tick only
    c.handle([down(pygame.K_q), up(pygame.K_q)])  # a tap between two ticks still counts
    assert c.sample().action


def test_rebinding_moves_a_key_to_another_action() -> None:
    c = Controls()
    c.start_rebind("patch")
    events = c.handle([down(pygame.K_f)])
    assert [e.kind for e in events] == [Ui.REBOUND]
    assert c.keys["patch"] == ["f"]
    c.handle([down(pygame.K_f)])
    assert c.sample().patch
    c.handle([up(pygame.K_f), down(pygame.K_SPACE)])
    assert not c.sample().patch  # space no longer patches


def test_rebinding_takes_the_key_from_its_old_action() -> None:
    c = Controls()
    c.rebind("ability", "w")
    assert "w" not in c.keys["up"]
    c.handle([down(pygame.K_w)])
    inp = c.sample()
    assert inp.ability and inp.move_y == 0


def test_escape_cancels_a_rebind() -> None:
    c = Controls()
    c.start_rebind("action")
    c.handle([down(pygame.K_ESCAPE)])
    assert c.keys["action"] == ["q"] and c.rebinding is None


def test_bindings_from_settings_are_used() -> None:
    c = Controls({"patch": ["return"]})
    c.handle([down(pygame.K_RETURN)])
    assert c.sample().patch


def test_menu_navigation_events() -> None:
    c = Controls()
    kinds = [e.kind for e in c.handle([down(pygame.K_DOWN), down(pygame.K_RETURN)])]
    assert kinds == [Ui.DOWN, Ui.CONFIRM]
    assert [e.kind for e in c.handle([down(pygame.K_ESCAPE)])] == [Ui.PAUSE]
    assert [e.kind for e in c.handle([pygame.event.Event(pygame.QUIT)])] == [Ui.QUIT]


def test_text_mode_sends_text_not_navigation() -> None:
    c = Controls()
    c.text_mode = True
    ev = pygame.event.Event(pygame.TEXTINPUT, text="w")
    kinds = [e.kind for e in c.handle([down(pygame.K_w), ev])]
    assert kinds == [Ui.TEXT]


def test_gamepad_buttons_map_to_actions() -> None:
    c = Controls()
    c.handle([pygame.event.Event(pygame.JOYBUTTONDOWN, button=2, instance_id=0, joy=0)])
    assert c.sample().ability
    hat = pygame.event.Event(pygame.JOYHATMOTION, value=(0, 1), hat=0, instance_id=0, joy=0)
    assert [e.kind for e in c.handle([hat])] == [Ui.UP]


def test_unplugging_an_unknown_pad_is_harmless() -> None:
    c = Controls()
    events = c.handle([pygame.event.Event(pygame.JOYDEVICEREMOVED, instance_id=42)])
    assert [e.kind for e in events] == [Ui.PAD_REMOVED]
    assert c.sample() == Input()


def test_a_pads_back_button_skips_ahead_and_start_pauses() -> None:
    c = Controls()
    back = c.handle([pygame.event.Event(pygame.JOYBUTTONDOWN, button=6, instance_id=0, joy=0)])
    start = c.handle([pygame.event.Event(pygame.JOYBUTTONDOWN, button=7, instance_id=0, joy=0)])
    assert [e.kind for e in back] == [Ui.NEXT]
    assert [e.kind for e in start] == [Ui.PAUSE]


def test_tab_skips_ahead_on_the_keyboard() -> None:
    c = Controls()
    events = c.handle([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB, mod=0, unicode="\t")])
    assert [e.kind for e in events] == [Ui.NEXT]
