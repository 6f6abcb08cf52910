"""Sound effects on game events and a music loop, or silence without an audio device.

Sounds come from ``assets/`` (``sfx_*.wav``, ``music_loop.wav``) when present and are
synthesised here otherwise, so the game always has its voice. A machine with no
audio device (a server, CI, ``SDL_AUDIODRIVER=dummy`` failing) simply plays nothing.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator

import numpy as np
import pygame

from game.kinds import EventKind

__all__ = ["Audio", "SFX_FOR_EVENT"]

RATE = 22050
SFX_FOR_EVENT: dict[EventKind, str] = {
    EventKind.PATCH: "patch",
    EventKind.CRASH: "crash",
    EventKind.SURGE: "surge",
    EventKind.SHUTDOWN: "surge",
    EventKind.REASSURE: "reassure",
    EventKind.FIREWALL: "firewall",
    EventKind.DRONE: "drone",
    EventKind.POST: "post",
    EventKind.SHOWCASE: "showcase",
    EventKind.MASTER_PATCH: "master_patch",
    EventKind.BREACH: "lose",
    EventKind.CONTAINED: "win",
}


def _tone(
    freqs: list[float], seconds: float, shape: str = "sine", decay: float = 6.0
) -> np.ndarray:
    t = np.arange(int(RATE * seconds)) / RATE
    f = np.interp(t, np.linspace(0, seconds, len(freqs)), freqs)
    phase = 2 * np.pi * np.cumsum(f) / RATE
    wave = np.sin(phase) if shape == "sine" else np.sign(np.sin(phase)) * 0.5
    if shape == "noise":
        wave = np.random.default_rng(7).uniform(-1, 1, len(t))
    env = np.exp(-decay * t / seconds) * np.minimum(1.0, t * 200)
    return wave * env


_RECIPES = {
    "patch": lambda: _tone([660, 990], 0.18) + 0.5 * _tone([990, 1320], 0.18),
    "crash": lambda: _tone([0], 0.5, "noise", 5) * 0.7 + _tone([180, 60], 0.5, "square", 4) * 0.5,
    "surge": lambda: _tone([200, 900, 200, 900], 0.7, "square", 2) * 0.5,
    "reassure": lambda: _tone([440, 554, 659], 0.45, decay=3),
    "firewall": lambda: _tone([300, 300], 0.25, "square", 5) * 0.6,
    "drone": lambda: _tone([500, 800, 600], 0.3, decay=4),
    "post": lambda: (
        np.pad(_tone([880, 1175], 0.12), (0, 4410))[:6000]
        + np.pad(_tone([1175, 1568], 0.2), (2600, 0))[:6000]
    ),
    "showcase": lambda: _tone([392, 523, 659, 784], 0.8, decay=2),
    "master_patch": lambda: _tone([262, 392, 523, 1046], 1.0, decay=2),
    "win": lambda: _tone([523, 659, 784, 1046], 1.0, decay=1.5),
    "lose": lambda: _tone([392, 330, 262, 196], 1.0, "square", 1.5) * 0.5,
}


def _music() -> np.ndarray:
    """Eight bars of a calm clinical arpeggio over a soft pad, seamlessly loopable."""
    bpm, steps = 112, 64
    step = 60 / bpm / 2
    chords = [(220, 277, 330), (196, 247, 294), (175, 220, 262), (196, 247, 330)]
    n = int(RATE * step)
    out = np.zeros(n * steps)
    t = np.arange(n) / RATE
    for i in range(steps):
        chord = chords[(i // 16) % 4]
        f = chord[i % 3] * (2 if i % 4 == 3 else 1)
        note = np.sin(2 * np.pi * f * t) * np.exp(-5 * t / step) * 0.25
        pad = sum(np.sin(2 * np.pi * c / 2 * (t + i * step)) for c in chord) * 0.05
        out[i * n : (i + 1) * n] += note + pad
    return out


def _sound(wave: np.ndarray, channels: int) -> pygame.mixer.Sound:
    pcm = (np.clip(wave, -1, 1) * 0.6 * 32767).astype(np.int16)
    if channels == 2:
        pcm = np.column_stack([pcm, pcm])
    return pygame.sndarray.make_sound(np.ascontiguousarray(pcm))


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Hold back what C libraries write to fd 2 meanwhile (ALSA's lines with no sound
    card): the player gets one line from us instead."""
    try:
        saved = os.dup(2)
        devnull = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        yield
        return
    sys.stderr.flush()
    os.dup2(devnull, 2)
    try:
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


class Audio:
    def __init__(self, master: float = 0.8, sfx: float = 0.8, music: float = 0.5) -> None:
        self.enabled = False
        self.sounds: dict[str, pygame.mixer.Sound] = {}
        self.music: pygame.mixer.Sound | None = None
        self._music_channel: pygame.mixer.Channel | None = None
        self.master, self.sfx_volume, self.music_volume = master, sfx, music
        try:
            with _quiet_stderr():
                pygame.mixer.init(RATE, -16, 2, 512)
            self.enabled = pygame.mixer.get_init() is not None
        except pygame.error:
            print("expo-showdown: sound is off (no sound device could be opened)", file=sys.stderr)

    def load(self) -> None:
        """Load or synthesise every sound (once, after the window opens)."""
        if not self.enabled or self.sounds:
            return
        init = pygame.mixer.get_init()
        channels = init[2] if init else 2
        for name, recipe in _RECIPES.items():
            self.sounds[name] = self._asset(f"sfx_{name}.wav") or _sound(recipe(), channels)
        self.music = self._asset("music_loop.wav") or _sound(_music(), channels)

    def _asset(self, name: str) -> pygame.mixer.Sound | None:
        try:
            from game.client import assets

            snd = assets.load_sound(name)
        except Exception:  # noqa: BLE001 - a missing or bad file: synthesise instead
            return None
        return snd if isinstance(snd, pygame.mixer.Sound) else None

    def set_volumes(self, master: float, sfx: float, music: float) -> None:
        self.master, self.sfx_volume, self.music_volume = master, sfx, music
        if self._music_channel is not None:
            self._music_channel.set_volume(master * music)

    def play(self, name: str) -> None:
        if not self.enabled:
            return
        snd = self.sounds.get(name)
        if snd is not None:
            snd.set_volume(self.master * self.sfx_volume)
            snd.play()

    def event(self, kind: EventKind) -> None:
        name = SFX_FOR_EVENT.get(kind)
        if name:
            self.play(name)

    def start_music(self) -> None:
        if not self.enabled or self.music is None:
            return
        if self._music_channel is None or not self._music_channel.get_busy():
            self._music_channel = self.music.play(loops=-1, fade_ms=800)
            if self._music_channel is not None:
                self._music_channel.set_volume(self.master * self.music_volume)

    def stop_music(self) -> None:
        if self._music_channel is not None:
            self._music_channel.fadeout(500)
            self._music_channel = None

    def close(self) -> None:
        if self.enabled:
            pygame.mixer.quit()
            self.enabled = False
