"""Generate every sprite, tile, icon and sound in ``assets/`` from code.

``assets/`` is found through :mod:`game.data`, like the game finds it, so run this
from a clone with the project installed (``pip install -e .``).

    python tools/make_assets.py            # write into assets/
    python tools/make_assets.py --check    # regenerate in a temp dir, exit 1 if any differ
    python tools/make_assets.py --only images --out /tmp/x

The output is byte-for-byte deterministic (seeded noise, no timestamps, a PNG
writer with no metadata). ``--check`` compares what the files decode to (pixels,
audio samples, the manifest's data), not their compressed bytes, so a different zlib
build or a re-saved PNG with the same pixels still passes.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import wave
from collections.abc import Callable
from pathlib import Path

import art  # noqa: F401  (sets the headless SDL drivers before pygame loads)
import pygame
from art.canvas import save_png
from art.characters import character_sprites
from art.icons import icons, logo
from art.palette import CHARACTERS
from art.portraits import portraits
from art.props import props
from art.sounds import RATE, music_loop, save_wav, sound_effects
from art.systems import nodes, overlays
from art.tiles import tiles

from game.data import asset_files, folder

__all__ = ["generate", "main"]

IMAGE_GROUPS: list[Callable[[], dict[str, pygame.Surface]]] = [
    character_sprites,
    portraits,
    props,
    nodes,
    overlays,
    tiles,
    icons,
    lambda: {"logo.png": logo()},
]
TINTED = ["visitor.png", "visitor_panic.png"]


def _images(out: Path, manifest: dict[str, dict[str, object]]) -> None:
    for group in IMAGE_GROUPS:
        for name, surface in group().items():
            save_png(surface, out / name)
            entry: dict[str, object] = {"kind": "image", "size": list(surface.get_size())}
            if name in TINTED:
                entry["tint"] = "multiply"
            manifest[name] = entry


def _sounds(out: Path, manifest: dict[str, dict[str, object]]) -> None:
    waves = sound_effects()
    waves["music_loop.wav"] = music_loop()
    for name, samples in waves.items():
        save_wav(samples, out / name)
        seconds = round(len(samples) / RATE, 4)
        manifest[name] = {"kind": "sound", "seconds": seconds, "rate": RATE}
        if name == "music_loop.wav":
            manifest[name]["loop"] = True


def generate(out: Path, only: str = "all") -> list[str]:
    """Write the assets into ``out``; return the file names written.

    ``manifest.json`` is only written by a full run.
    """
    out.mkdir(parents=True, exist_ok=True)
    files: dict[str, dict[str, object]] = {}
    if only in ("all", "images"):
        _images(out, files)
    if only in ("all", "sounds"):
        _sounds(out, files)
    if only != "all":
        return sorted(files)  # a partial run must not shrink the manifest
    manifest = {
        "version": 1,
        "palette": {
            who: f"#{rgb[0]:02x}{rgb[1]:02x}{rgb[2]:02x}" for who, rgb in CHARACTERS.items()
        },
        "files": dict(sorted(files.items())),
    }
    text = json.dumps(manifest, indent=2, sort_keys=False) + "\n"
    (out / "manifest.json").write_text(text, encoding="utf-8")
    return sorted(files) + ["manifest.json"]


def decoded(path: Path) -> object:
    """What a file means to the game: RGBA pixels, PCM samples or the JSON data."""
    if path.suffix == ".png":
        surface = pygame.image.load(str(path))
        return surface.get_size(), pygame.image.tobytes(surface, "RGBA")
    if path.suffix == ".wav":
        with wave.open(str(path)) as w:
            return w.getparams()[:4], w.readframes(w.getnframes())
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    return path.read_bytes()


def _check(target: Path, only: str) -> int:
    """Regenerate into a temp dir and compare the decoded contents with ``target``."""
    with tempfile.TemporaryDirectory() as tmp:
        names = generate(Path(tmp), only)
        stale = [n for n in names if not (target / n).is_file()]
        stale += [
            n
            for n in names
            if (target / n).is_file() and decoded(Path(tmp) / n) != decoded(target / n)
        ]
    if stale:
        print(f"assets out of date: {', '.join(sorted(stale))}", file=sys.stderr)
        return 1
    print(f"{len(names)} assets up to date in {target}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, help="output folder (default assets/)")
    parser.add_argument("--check", action="store_true", help="verify instead of writing")
    parser.add_argument("--only", choices=["all", "images", "sounds"], default="all")
    args = parser.parse_args(argv)
    if args.out is None:
        args.out = folder(asset_files())
    if args.check:
        return _check(args.out, args.only)
    names = generate(args.out, args.only)
    print(f"wrote {len(names)} files to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
