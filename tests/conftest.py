"""Test-wide setup: pygame never needs a display or a sound card, settings and match
history never touch the real user's folders, and nothing is left in the temp folder."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


@pytest.fixture(scope="session", autouse=True)
def user_folders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The config and data folders live under pytest's own temp root for the session."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("EXPO_SHOWDOWN_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
        mp.setenv("EXPO_SHOWDOWN_DATA_DIR", str(tmp_path_factory.mktemp("data")))
        yield


_BASE: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    """pytest's temp root goes in a folder of our own, removed at the end: with no
    ``--basetemp`` pytest would leave an empty ``pytest-of-USER`` behind."""
    if not config.option.basetemp:
        config.option.basetemp = tempfile.mkdtemp(prefix="expo-tests-")
        _BASE.append(config.option.basetemp)


def pytest_unconfigure() -> None:
    for folder in _BASE:
        shutil.rmtree(folder, ignore_errors=True)
