"""The one place pygame events become game input.

Scenes never see pygame events: they get :class:`UiEvent` values (menu navigation,
typed text, window changes) and, in a match, one :class:`~game.sim.Input` per tick
from :meth:`Controls.sample`. Keyboard and gamepads feed the same abstract actions,
so rebinding and hot-plugging a pad change nothing downstream.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pygame

from game.client.settings import ACTIONS, DEFAULT_KEYS
from game.sim.types import Input

__all__ = ["Bindings", "Controls", "Ui", "UiEvent", "key_code", "key_label"]

DEADZONE = 0.25
# Standard layout (SDL game controller / Xbox numbering through the joystick API).
PAD_BUTTONS = {0: "patch", 2: "ability", 3: "action", 7: "pause"}
PAD_NEXT = 6  # Back/Select: skip ahead, as Tab does (the tutorial's steps)
PAD_CONFIRM, PAD_BACK = 0, 1


class Ui(enum.Enum):
    UP = "up"
    DOWN = "down"
    LEFT = "left"
    RIGHT = "right"
    CONFIRM = "confirm"
    BACK = "back"
    PAUSE = "pause"
    TEXT = "text"
    BACKSPACE = "backspace"
    QUIT = "quit"
    RESIZE = "resize"
    CLICK = "click"
    PAD_ADDED = "pad_added"
    PAD_REMOVED = "pad_removed"
    REBOUND = "rebound"
    NEXT = "next"  # Tab: skip ahead (the tutorial's step)


@dataclass(frozen=True, slots=True)
class UiEvent:
    kind: Ui
    text: str = ""
    pos: tuple[int, int] = (0, 0)


def key_code(name: str) -> int | None:
    try:
        return pygame.key.key_code(name)
    except ValueError:
        return None


def key_label(name: str) -> str:
    return name.upper() if len(name) == 1 else name.title()


_PAD_NAMES = {"patch": "A", "ability": "X", "action": "Y", "pause": "Start", "next": "Back"}
"""The standard layout's names for PAD_BUTTONS, as printed on an Xbox-style pad."""


@dataclass(frozen=True)
class Bindings:
    """How the player's controls are named in prompts: their keys, and a pad's buttons."""

    keys: Mapping[str, list[str]]
    pad: bool = False

    def key(self, action: str) -> str:
        names = [key_label(n) for n in self.keys.get(action, [])[:2]]
        shown = " or ".join(names) if names else "(unbound)"
        pad = _PAD_NAMES.get(action)
        return f"{shown} (pad: {pad})" if self.pad and pad else shown

    def move(self) -> str:
        firsts = [self.keys.get(a, ["?"])[0] for a in ("up", "left", "down", "right")]
        shown = "/".join(key_label(n) for n in firsts)
        if firsts[0] != "up" and "up" in self.keys.get("up", []):
            shown += " or the arrows"
        return f"{shown} (pad: left stick)" if self.pad else shown

    def confirm(self) -> str:
        return "Enter (pad: A)" if self.pad else "Enter"

    def skip(self) -> str:
        return "Tab (pad: Back)" if self.pad else "Tab"


_NAV_KEYS = {
    pygame.K_UP: Ui.UP,
    pygame.K_DOWN: Ui.DOWN,
    pygame.K_LEFT: Ui.LEFT,
    pygame.K_RIGHT: Ui.RIGHT,
    pygame.K_RETURN: Ui.CONFIRM,
    pygame.K_KP_ENTER: Ui.CONFIRM,
    pygame.K_ESCAPE: Ui.BACK,
    pygame.K_BACKSPACE: Ui.BACKSPACE,
    pygame.K_TAB: Ui.NEXT,
}


_ACTION_NAV = {
    "up": Ui.UP,
    "down": Ui.DOWN,
    "left": Ui.LEFT,
    "right": Ui.RIGHT,
    "patch": Ui.CONFIRM,
    "pause": Ui.PAUSE,
}


class Controls:
    """Held actions, edge-triggered presses and connected pads, from raw events."""

    def __init__(self, keys: dict[str, list[str]] | None = None) -> None:
        self.keys: dict[str, list[str]] = {a: list(DEFAULT_KEYS[a]) for a in ACTIONS}
        self._by_code: dict[int, set[str]] = {}
        self.set_bindings(keys or DEFAULT_KEYS)
        self.held: set[str] = set()
        self._pressed: set[str] = set()
        self.pads: dict[int, pygame.joystick.JoystickType] = {}
        self.rebinding: str | None = None
        self.text_mode = False

    # -- bindings -----------------------------------------------------------
    def set_bindings(self, keys: dict[str, list[str]]) -> None:
        for action in ACTIONS:
            if action in keys:
                self.keys[action] = list(keys[action])
        self._by_code = {}
        for action, names in self.keys.items():
            for name in names:
                code = key_code(name)
                if code is not None:
                    self._by_code.setdefault(code, set()).add(action)

    def start_rebind(self, action: str) -> None:
        """The next key pressed becomes ``action``'s only key (Esc cancels)."""
        if action not in ACTIONS:
            raise ValueError(f"unknown action {action!r}")
        self.rebinding = action

    def rebind(self, action: str, name: str) -> None:
        """Bind ``name`` to ``action`` alone, taking it away from any other action."""
        for other, names in self.keys.items():
            if other != action and name in names:
                names.remove(name)
        self.keys[action] = [name]
        self.set_bindings(self.keys)

    # -- events -------------------------------------------------------------
    def handle(self, events: Iterable[pygame.event.Event]) -> list[UiEvent]:
        out: list[UiEvent] = []
        for event in events:
            out.extend(self._one(event))
        return out

    def _one(self, event: pygame.event.Event) -> list[UiEvent]:
        t = event.type
        if t == pygame.QUIT:
            return [UiEvent(Ui.QUIT)]
        if t in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            return [UiEvent(Ui.RESIZE)]
        if t == pygame.KEYDOWN:
            return self._key_down(event.key)
        if t == pygame.KEYUP:
            for action in self._by_code.get(event.key, ()):
                self.held.discard(action)
            return []
        if t == pygame.TEXTINPUT and self.text_mode:
            return [UiEvent(Ui.TEXT, event.text)]
        if t == pygame.MOUSEBUTTONDOWN and event.button == 1:
            return [UiEvent(Ui.CLICK, pos=event.pos)]
        return self._pad_event(event)

    def _key_down(self, key: int) -> list[UiEvent]:
        if self.rebinding is not None:
            action, self.rebinding = self.rebinding, None
            if key != pygame.K_ESCAPE:
                self.rebind(action, pygame.key.name(key))
            return [UiEvent(Ui.REBOUND, action)]
        kinds: list[Ui] = []
        for action in sorted(self._by_code.get(key, ())):
            self.held.add(action)
            self._pressed.add(action)
            nav = _ACTION_NAV.get(action)
            if nav is not None and not (self.text_mode and action != "pause"):
                kinds.append(nav)
        fixed = _NAV_KEYS.get(key)
        if fixed is not None and not (fixed is Ui.BACK and Ui.PAUSE in kinds):
            kinds.append(fixed)
        return [UiEvent(kind) for kind in dict.fromkeys(kinds)]

    def _pad_event(self, event: pygame.event.Event) -> list[UiEvent]:
        t = event.type
        if t == pygame.JOYDEVICEADDED:
            pad = pygame.joystick.Joystick(event.device_index)
            self.pads[pad.get_instance_id()] = pad
            return [UiEvent(Ui.PAD_ADDED, pad.get_name())]
        if t == pygame.JOYDEVICEREMOVED:
            known = event.instance_id in self.pads
            gone = self.pads.pop(event.instance_id) if known else None
            return [UiEvent(Ui.PAD_REMOVED, gone.get_name() if gone else "")]
        if t == pygame.JOYBUTTONDOWN:
            out: list[UiEvent] = []
            action = PAD_BUTTONS.get(event.button)
            if action:
                self._pressed.add(action)
                if action == "pause":
                    out.append(UiEvent(Ui.PAUSE))
            if event.button == PAD_NEXT:
                out.append(UiEvent(Ui.NEXT))
            if event.button == PAD_CONFIRM:
                out.append(UiEvent(Ui.CONFIRM))
            elif event.button == PAD_BACK:
                out.append(UiEvent(Ui.BACK))
            return out
        if t == pygame.JOYHATMOTION:
            hx, hy = event.value
            nav = {(0, 1): Ui.UP, (0, -1): Ui.DOWN, (-1, 0): Ui.LEFT, (1, 0): Ui.RIGHT}
            kind = nav.get((hx, hy))
            return [UiEvent(kind)] if kind else []
        return []

    # -- the tick -----------------------------------------------------------
    def move(self) -> tuple[float, float]:
        """Keyboard digital move plus the strongest pad stick; length at most 1."""
        x = float(("right" in self.held) - ("left" in self.held))
        y = float(("down" in self.held) - ("up" in self.held))
        for pad in self.pads.values():
            try:
                ax, ay = pad.get_axis(0), pad.get_axis(1)
                hx, hy = pad.get_hat(0) if pad.get_numhats() else (0, 0)
            except pygame.error:
                continue
            if math.hypot(ax, ay) > DEADZONE:
                x, y = ax, ay
            elif hx or hy:
                x, y = float(hx), float(-hy)
        n = math.hypot(x, y)
        return (x / n, y / n) if n > 1.0 else (x, y)

    def _pad_held(self, action: str) -> bool:
        for pad in self.pads.values():
            for button, name in PAD_BUTTONS.items():
                try:
                    if name == action and button < pad.get_numbuttons() and pad.get_button(button):
                        return True
                except pygame.error:
                    continue
        return False

    def sample(self) -> Input:
        """This tick's input; presses since the last sample count once."""
        mx, my = self.move()
        pressed, self._pressed = self._pressed, set()
        return Input(
            mx,
            my,
            patch="patch" in self.held or self._pad_held("patch"),
            ability="ability" in pressed,
            action="action" in pressed,
        )

    def release_all(self) -> None:
        """Forget held keys (focus lost, scene changed) so nothing sticks down."""
        self.held.clear()
        self._pressed.clear()
