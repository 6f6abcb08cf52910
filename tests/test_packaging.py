"""pyproject.toml lists every package, so the wheel never silently drops one."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _config() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as f:
        setuptools: dict[str, object] = tomllib.load(f)["tool"]["setuptools"]
    return setuptools


def test_every_code_package_in_the_clone_is_listed() -> None:
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("game", "server")
        for init in (ROOT / top).rglob("__init__.py")
    }
    listed = set(_config()["packages"])  # type: ignore[call-overload]
    assert found - listed == set()


def test_levels_and_assets_install_inside_game_not_at_the_top_level() -> None:
    config = _config()
    assert config["package-dir"] == {"game.data.levels": "levels", "game.data.assets": "assets"}
    tops = {name.split(".")[0] for name in config["packages"]}  # type: ignore[attr-defined]
    assert tops == {"game", "server"}


def test_a_clone_plays_without_installing_it(tmp_path: Path) -> None:
    """``python -m game.cli`` from the clone, with no install (no .pth files are run)."""
    deps = [p for p in site.getsitepackages() if Path(p).is_dir()]
    probe = (
        "import runpy, sys\n"
        f"sys.path[:0] = {[str(ROOT), *deps]!r}\n"
        "sys.argv = ['game.cli', 'levels']\n"
        "runpy.run_module('game.cli', run_name='__main__')\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    done = subprocess.run(
        [sys.executable, "-S", "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.strip().splitlines()) == 6  # a header and the five levels
