"""The asset generator is deterministic and the committed assets load and make sense."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import shutil  # noqa: E402
import sys  # noqa: E402
import wave  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pygame  # noqa: E402
import pytest  # noqa: E402

from game.client import assets  # noqa: E402
from game.data import asset_files, folder  # noqa: E402

TOOLS = Path(__file__).resolve().parents[1] / "tools"
sys.path.insert(0, str(TOOLS))

import make_assets  # noqa: E402

FILES = assets.manifest()["files"]
IMAGES = sorted(n for n, e in FILES.items() if e["kind"] == "image")
SOUNDS = sorted(n for n, e in FILES.items() if e["kind"] == "sound")


def test_generator_output_is_byte_for_byte_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert make_assets.main(["--out", str(a)]) == 0
    assert make_assets.main(["--out", str(b)]) == 0
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_committed_assets_match_the_generator() -> None:
    assert make_assets.main(["--check"]) == 0


def test_check_compares_pixels_and_samples_not_compressed_bytes(tmp_path: Path) -> None:
    copy = tmp_path / "assets"
    shutil.copytree(folder(asset_files()), copy)
    logo = copy / "logo.png"
    before = logo.read_bytes()
    pygame.image.save(pygame.image.load(str(logo)), str(logo))  # other bytes, same pixels
    assert logo.read_bytes() != before
    assert make_assets.main(["--check", "--out", str(copy)]) == 0
    surface = pygame.image.load(str(logo))
    x, y = (n // 2 for n in surface.get_size())
    r, g, b, a = surface.get_at((x, y))
    surface.set_at((x, y), (255 - r, g, b, a))  # one pixel differs
    pygame.image.save(surface, str(logo))
    assert make_assets.main(["--check", "--out", str(copy)]) == 1


def test_check_catches_a_changed_audio_sample(tmp_path: Path) -> None:
    copy = tmp_path / "assets"
    shutil.copytree(folder(asset_files()), copy)
    path = copy / SOUNDS[0]
    with wave.open(str(path)) as w:
        params, frames = w.getparams(), bytearray(w.readframes(w.getnframes()))
    frames[100] ^= 0x01
    with wave.open(str(path), "wb") as w:
        w.setparams(params)
        w.writeframes(bytes(frames))
    assert make_assets.main(["--check", "--out", str(copy)]) == 1


def test_manifest_lists_every_file_in_assets() -> None:
    on_disk = {p.name for p in asset_files().iterdir()} - {"manifest.json", "__init__.py"}
    assert on_disk == set(FILES)


def test_manifest_has_the_four_character_colours() -> None:
    assert assets.manifest()["palette"] == {
        "kiran": "#2bb3a3",
        "max": "#f28c28",
        "voss": "#8a4fd8",
        "jenna": "#9bcf3a",
    }


@pytest.mark.parametrize("name", IMAGES)
def test_image_loads_with_its_manifest_size_and_is_not_empty(name: str) -> None:
    surface = assets.load_image(name)
    assert list(surface.get_size()) == FILES[name]["size"]
    alpha = pygame.surfarray.array_alpha(surface)
    assert (alpha > 0).sum() > 0.05 * alpha.size


def test_characters_are_distinct_from_each_other() -> None:
    sprites = [
        pygame.surfarray.array3d(assets.load_image(f"char_{w}"))
        for w in assets.manifest()["palette"]
    ]
    for i, a in enumerate(sprites):
        for b in sprites[i + 1 :]:
            assert np.abs(a.astype(int) - b).mean() > 10


def test_visitor_is_greyscale_so_it_can_be_tinted() -> None:
    rgb = pygame.surfarray.array3d(assets.load_image("visitor")).astype(int)
    assert np.abs(rgb[..., 0] - rgb[..., 1]).max() <= 1
    assert np.abs(rgb[..., 1] - rgb[..., 2]).max() <= 1


def test_load_image_caches_and_accepts_names_without_suffix() -> None:
    assert assets.load_image("logo") is assets.load_image("logo.png")


@pytest.mark.parametrize("name", SOUNDS)
def test_sound_has_manifest_length_and_is_not_silent(name: str) -> None:
    with assets.asset_file(name).open("rb") as f, wave.open(f) as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, 22050)
        seconds = w.getnframes() / w.getframerate()
        samples = np.frombuffer(w.readframes(w.getnframes()), "<i2").astype(float)
    assert seconds == pytest.approx(FILES[name]["seconds"], abs=1e-3)
    assert np.sqrt(np.mean(samples**2)) > 1000


def test_music_loop_is_16_to_24_seconds_and_small() -> None:
    assert 16 <= FILES["music_loop.wav"]["seconds"] <= 24
    assert len(assets.asset_file("music_loop.wav").read_bytes()) < 1_200_000


def test_load_sound_returns_none_without_a_mixer() -> None:
    pygame.mixer.quit()
    assert assets.load_sound("sfx_click") is None


def test_load_sound_with_the_dummy_audio_driver() -> None:
    try:
        pygame.mixer.init(frequency=22050, size=-16, channels=1)
    except pygame.error:
        pytest.skip("no audio driver at all")
    try:
        sound = assets.load_sound("sfx_patch")
        assert sound is not None
        assert sound.get_length() == pytest.approx(FILES["sfx_patch.wav"]["seconds"], abs=0.01)
    finally:
        pygame.mixer.quit()
