"""Settings persist as JSON and never crash the game when the file is bad."""

from __future__ import annotations

import json

import pytest

from game.client.settings import (
    CONFIG_ENV,
    DEFAULT_KEYS,
    Settings,
    config_dir,
    load_settings,
    save_settings,
)


def test_settings_round_trip(tmp_path) -> None:  # type: ignore[no-untyped-def]
    s = Settings(name="Leila", master_volume=0.3, fullscreen=True, colourblind=True)
    s.keys["patch"] = ["f"]
    s.window_size = (1600, 900)
    s.screen_shake = False
    assert save_settings(s, tmp_path)
    assert load_settings(tmp_path) == s


def test_missing_file_gives_defaults(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert load_settings(tmp_path) == Settings()


def test_corrupt_file_gives_defaults_and_a_warning(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "settings.json").write_text("{not json", encoding="utf-8")
    assert load_settings(tmp_path) == Settings()
    assert "not valid JSON" in capsys.readouterr().err


def test_bad_fields_fall_back_one_by_one(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    raw = {
        "name": "Max",
        "master_volume": "loud",
        "music_volume": 7,
        "fullscreen": "yes",
        "window_size": [10, 10],
        "keys": {"patch": ["f"], "bogus": ["x"], "ability": "e"},
        "unknown": 1,
    }
    (tmp_path / "settings.json").write_text(json.dumps(raw), encoding="utf-8")
    s = load_settings(tmp_path)
    assert s.name == "Max"
    assert s.master_volume == Settings().master_volume
    assert s.music_volume == 1.0  # clamped
    assert s.fullscreen is False
    assert s.window_size == (640, 360)
    assert s.keys["patch"] == ["f"]
    assert s.keys["ability"] == DEFAULT_KEYS["ability"]
    err = capsys.readouterr().err
    assert "master_volume" in err and "fullscreen" in err


def test_not_an_object_gives_defaults(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "settings.json").write_text("[1, 2]", encoding="utf-8")
    assert load_settings(tmp_path) == Settings()


def test_env_var_moves_the_config_dir(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "cfg"))
    assert config_dir() == tmp_path / "cfg"
    assert save_settings(Settings(name="Jenna"))
    assert load_settings().name == "Jenna"
