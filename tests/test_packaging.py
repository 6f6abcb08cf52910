"""pyproject.toml lists every package, so the wheel never silently drops one."""

from __future__ import annotations

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
