"""The wheel carries the whole game: installed outside the clone, it lists and plays levels."""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow

BUILD_LEFTOVERS = (
    ".git",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    ".*_cache",
    ".venv",
    ".hypothesis",
)


def _run(args: list[str | Path], cwd: Path, timeout: float = 300) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv outside the clone with only the wheel installed in it.

    Its dependencies come from this test environment's site-packages, added as a
    plain path: .pth files there are not run, so the clone's editable install is not
    seen and ``game`` can only come from the wheel.
    """
    base = tmp_path_factory.mktemp("wheel")
    src, dist, venv = base / "src", base / "dist", base / "venv"
    # A clean copy: setuptools would put stale files from the clone's build/ in the wheel.
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(*BUILD_LEFTOVERS))
    _run([sys.executable, "-m", "pip", "wheel", src, "--no-deps", "-w", dist, "-q"], base)
    _run([sys.executable, "-m", "venv", "--without-pip", venv], base)
    purelib = Path(sysconfig.get_path("purelib", vars={"base": venv, "platbase": venv}))
    deps = [p for p in site.getsitepackages() if Path(p).is_dir()]
    (purelib / "test-dependencies.pth").write_text("\n".join(deps) + "\n")
    wheels = sorted(dist.glob("expo_showdown-*.whl"))
    assert len(wheels) == 1
    _run([sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install",
          "--no-deps", "-q", wheels[0]], base)  # fmt: skip
    return venv


def test_the_installed_game_comes_from_the_wheel_not_the_clone(installed: Path) -> None:
    out = _run([installed / "bin" / "python", "-c", "import game; print(game.__file__)"], installed)
    assert Path(out.strip()).is_relative_to(installed)
    assert not Path(out.strip()).is_relative_to(ROOT)


def test_the_installed_command_lists_the_five_levels(installed: Path, tmp_path: Path) -> None:
    out = _run([installed / "bin" / "expo-showdown", "levels"], tmp_path)
    for ident in (
        "expo-hall",
        "preserve-dental",
        "neosmiles-debate",
        "conference-showdown",
        "vr-demo-day",
    ):
        assert ident in out
    assert len(out.strip().splitlines()) == 6  # a header and five levels


def test_the_installed_command_plays_a_headless_match(installed: Path, tmp_path: Path) -> None:
    out = _run([installed / "bin" / "expo-showdown", "sim", "--seed", "7", "--json"], tmp_path)
    result = json.loads(out)
    assert result["level"] == "expo-hall"
    assert result["seed"] == 7


def test_the_installed_client_finds_its_art_and_sound(installed: Path, tmp_path: Path) -> None:
    probe = (
        "import os; os.environ['SDL_VIDEODRIVER'] = 'dummy'\n"
        "from game.client import assets\n"
        "files = assets.manifest()['files']\n"
        "print(len(files), assets.load_image('logo').get_size())\n"
    )
    out = _run([installed / "bin" / "python", "-c", probe], tmp_path)
    count, _ = out.split(" ", 1)
    assert int(count) > 40
