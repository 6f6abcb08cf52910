"""Sound effects and the music loop, synthesised with numpy.

22050 Hz mono 16-bit: small files, and plenty for chimes and blips. Every noise
source is seeded, so the WAV bytes are identical on each run. The music is
rendered into a circular buffer, so note tails wrap to the start and the loop
has no seam.
"""

from __future__ import annotations

import wave
from collections.abc import Callable
from pathlib import Path

import numpy as np

__all__ = ["RATE", "music_loop", "save_wav", "sound_effects"]

RATE = 22050
NOISE_SEED = 2045
Wave = np.ndarray


def note(name: str) -> float:
    """'A4' -> 440.0, 'C#5' -> 554.37; equal temperament."""
    names = {"C": -9, "D": -7, "E": -5, "F": -4, "G": -2, "A": 0, "B": 2}
    semis = names[name[0]] + (1 if "#" in name else 0) - (1 if name[1] == "b" else 0)
    octave = int(name[-1])
    return 440.0 * 2 ** ((semis + 12 * (octave - 4)) / 12)


def tone(freq: float | Wave, dur: float, shape: str = "sine") -> Wave:
    """An oscillator; ``freq`` may be an array (a sweep) as long as the sound."""
    n = round(dur * RATE)
    f = np.broadcast_to(np.asarray(freq, dtype=np.float64), (n,))
    phase = 2 * np.pi * np.cumsum(f) / RATE
    if shape == "square":
        return np.sign(np.sin(phase)) * 0.6
    if shape == "tri":
        return 2 / np.pi * np.arcsin(np.sin(phase))
    return np.sin(phase)


def env(n: int, attack: float = 0.005, decay: float = 0.2) -> Wave:
    """A linear attack then an exponential decay with time constant ``decay`` seconds."""
    t = np.arange(n) / RATE
    a = np.clip(t / max(attack, 1e-4), 0, 1)
    return a * np.exp(-np.maximum(t - attack, 0) / decay)


def noise(dur: float, salt: int) -> Wave:
    return np.random.default_rng(NOISE_SEED + salt).uniform(-1, 1, round(dur * RATE))


def pluck(freq: float, dur: float, decay: float = 0.15, shape: str = "sine") -> Wave:
    w = tone(freq, dur, shape) + 0.3 * tone(freq * 2, dur)
    return w * env(len(w), 0.004, decay)


def place(buf: Wave, sound: Wave, at: float, gain: float = 1.0, wrap: bool = False) -> None:
    """Add ``sound`` into ``buf`` at ``at`` seconds; with ``wrap`` the tail goes round."""
    start = round(at * RATE)
    idx = start + np.arange(len(sound))
    if wrap:
        np.add.at(buf, idx % len(buf), sound * gain)
    else:
        keep = idx < len(buf)
        buf[idx[keep]] += sound[keep] * gain


def _fade_out(w: Wave, secs: float = 0.02) -> Wave:
    n = min(len(w), round(secs * RATE))
    w = w.copy()
    w[-n:] *= np.linspace(1, 0, n)
    return w


def seq(notes: list[str], step: float, tail: float, decay: float, shape: str = "sine") -> Wave:
    buf = np.zeros(round((step * len(notes) + tail) * RATE))
    for i, name in enumerate(notes):
        place(buf, pluck(note(name), tail, decay, shape), i * step)
    return buf


def sfx_patch() -> Wave:
    return seq(["C6", "E6", "G6"], 0.07, 0.35, 0.12)


def sfx_patch_done() -> Wave:
    buf = seq(["G5", "C6"], 0.09, 0.5, 0.2)
    place(buf, pluck(note("C7"), 0.4, 0.15) * 0.5, 0.18)
    return buf


def sfx_crash() -> Wave:
    dur = 0.7
    n = noise(dur, 1)
    crushed = np.repeat(n[::6], 6)[: len(n)]  # sample-and-hold grit
    boom = tone(np.linspace(160, 40, round(dur * RATE)), dur)
    return (crushed * 0.8 + boom) * env(round(dur * RATE), 0.003, 0.18)


def sfx_surge() -> Wave:
    dur = 1.2
    t = np.arange(round(dur * RATE)) / RATE
    f = 450 + 450 * (t % 0.6) / 0.6
    w = tone(f, dur, "tri") * 0.8 + tone(f, dur, "square") * 0.25
    return w * env(len(t), 0.02, 2.0)


def sfx_reassure() -> Wave:
    dur = 0.9
    n = round(dur * RATE)
    chord = sum(tone(note(x), dur) for x in ("A4", "C#5", "E5"))
    shape = np.sin(np.pi * np.arange(n) / n) ** 1.5
    return chord * shape


def sfx_firewall() -> Wave:
    dur = 0.6
    n = round(dur * RATE)
    thud = tone(np.linspace(120, 60, n), dur) * env(n, 0.002, 0.12)
    buzz = tone(np.linspace(200, 420, n), dur, "square") * env(n, 0.05, 0.25) * 0.5
    hiss = np.diff(noise(dur, 2), prepend=0) * env(n, 0.08, 0.15) * 0.3
    return thud + buzz + hiss


def sfx_master_patch() -> Wave:
    buf = seq(["C5", "E5", "G5", "C6", "E6", "G6"], 0.08, 0.9, 0.35, "tri")
    chord = sum(pluck(note(x), 0.9, 0.4) for x in ("C5", "G5", "C6", "E6"))
    place(buf, chord * 0.6, 0.5)
    return buf


def sfx_drone() -> Wave:
    dur = 0.8
    n = round(dur * RATE)
    t = np.arange(n) / RATE
    f = 180 + 25 * np.sin(2 * np.pi * 3 * t)
    w = tone(f, dur, "tri") + tone(f, dur, "square") * 0.3
    w *= 0.6 + 0.4 * np.sin(2 * np.pi * 32 * t)  # rotor flutter
    return w * np.sin(np.pi * t / dur) * 0.8


def sfx_showcase() -> Wave:
    buf = np.zeros(round(1.6 * RATE))
    for at, name, length in ((0, "C5", 0.15), (0.15, "C5", 0.15), (0.3, "E5", 0.15)):
        place(buf, pluck(note(name), length + 0.1, 0.1, "square") * 0.6, at)
    place(buf, pluck(note("G5"), 0.3, 0.2, "square") * 0.6, 0.45)
    chord = sum(pluck(note(x), 0.9, 0.45, "tri") for x in ("C5", "E5", "G5", "C6"))
    place(buf, chord * 0.5, 0.7)
    return buf


def sfx_post() -> Wave:
    return seq(["E6", "B6"], 0.07, 0.18, 0.05)


def sfx_win() -> Wave:
    buf = seq(["C5", "E5", "G5", "C6"], 0.13, 1.4, 0.5, "tri")
    chord = sum(pluck(note(x), 1.4, 0.6) for x in ("C5", "E5", "G5", "C6"))
    place(buf, chord * 0.6, 0.52)
    return buf


def sfx_lose() -> Wave:
    buf = seq(["A4", "F4", "D4", "A3"], 0.22, 1.0, 0.4, "tri")
    return buf


def sfx_click() -> Wave:
    n = round(0.05 * RATE)
    return (tone(1800, 0.05) * 0.6 + noise(0.05, 3) * 0.3) * env(n, 0.001, 0.008)


EFFECTS: dict[str, Callable[[], Wave]] = {
    "patch": sfx_patch,
    "patch_done": sfx_patch_done,
    "crash": sfx_crash,
    "surge": sfx_surge,
    "reassure": sfx_reassure,
    "firewall": sfx_firewall,
    "master_patch": sfx_master_patch,
    "drone": sfx_drone,
    "showcase": sfx_showcase,
    "post": sfx_post,
    "win": sfx_win,
    "lose": sfx_lose,
    "click": sfx_click,
}


def sound_effects() -> dict[str, Wave]:
    """File name -> samples in [-1, 1] for ``sfx_<name>.wav``."""
    return {f"sfx_{k}.wav": _normalise(_fade_out(f()), 0.8) for k, f in EFFECTS.items()}


BPM = 120
BEAT = 60 / BPM
CHORDS = [
    ("A2", ["A3", "C4", "E4", "G4"]),
    ("F2", ["F3", "A3", "C4", "E4"]),
    ("C3", ["C4", "E4", "G4", "B4"]),
    ("G2", ["G3", "B3", "D4", "F#4"]),
]
BARS_PER_CHORD = 2


def music_loop() -> Wave:
    """16 s (8 bars of 4/4 at 120 bpm): a soft pad, bass, arpeggio and light hats."""
    chord_len = BARS_PER_CHORD * 4 * BEAT
    buf = np.zeros(round(chord_len * len(CHORDS) * RATE))
    hat = np.diff(noise(0.05, 4), prepend=0) * env(round(0.05 * RATE), 0.001, 0.012)
    kick = tone(np.linspace(110, 45, round(0.25 * RATE)), 0.25) * env(
        round(0.25 * RATE), 0.002, 0.08
    )
    for i, (root, tones) in enumerate(CHORDS):
        start = i * chord_len
        n = round((chord_len + 1.0) * RATE)
        pad = sum(tone(note(x), chord_len + 1.0, "tri") for x in tones)
        t = np.arange(n) / RATE
        swell = np.clip(t / 0.8, 0, 1) * np.clip((chord_len + 1.0 - t) / 1.0, 0, 1)
        place(buf, pad * swell, start - 0.5, 0.06, wrap=True)
        for beat in range(0, BARS_PER_CHORD * 4, 2):
            place(buf, pluck(note(root), 1.2, 0.5), start + beat * BEAT, 0.35, wrap=True)
        for step in range(BARS_PER_CHORD * 8):
            pitch = note(tones[(step * 3) % 4]) * 2
            place(buf, pluck(pitch, 0.6, 0.12), start + step * BEAT / 2, 0.12, wrap=True)
        for beat in range(BARS_PER_CHORD * 4):
            place(buf, hat, start + (beat + 0.5) * BEAT, 0.25, wrap=True)
            if beat % 4 == 0:
                place(buf, kick, start + beat * BEAT, 0.5, wrap=True)
    return _normalise(buf, 0.7)


def _normalise(w: Wave, peak: float) -> Wave:
    top = float(np.max(np.abs(w)))
    return w * (peak / top) if top > 0 else w


def save_wav(samples: Wave, path: Path) -> None:
    """Write mono 16-bit PCM; the wave module adds no timestamps, so bytes are stable."""
    pcm = np.clip(np.round(samples * 32767), -32768, 32767).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm.tobytes())
