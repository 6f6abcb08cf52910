"""What a newcomer hits first on the command line: each rough edge, fixed and kept fixed.

Commands run as a user runs them (a real process, real files in a temporary folder);
``main()`` is called in-process where only the exit code and the output matter.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.data import level_files

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def custom_level(folder: Path, ident: str = "my-hall") -> Path:
    """A copy of a bundled level under an id of its own."""
    text = (level_files() / "preserve-dental.toml").read_text(encoding="utf-8")
    path = folder / f"{ident}.toml"
    path.write_text(text.replace('id = "preserve-dental"', f'id = "{ident}"', 1), "utf-8")
    return path


# -- sim ------------------------------------------------------------------------------
def test_sim_plays_a_level_file_whose_id_is_not_a_bundled_level(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = custom_level(tmp_path)
    assert main(["sim", "--level", str(path), "--duration", "30", "--seed", "2"]) == 0
    assert "Preserve Dental - showdown" in capsys.readouterr().out


def test_sim_with_a_missing_level_file_is_a_usage_error() -> None:
    result = run_cli("sim", "--level", "missing.toml")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "expo-showdown sim: error: argument --level: no level file 'missing.toml' (see --help)"
    ]


@pytest.mark.parametrize(
    "args",
    [
        ["sim", "--record", "/no/such/folder/x.replay"],
        ["solo", "--screenshot", "/no/such/folder/x.png"],
        ["tutorial", "--screenshot", "/no/such/folder/x.png"],
    ],
)
def test_an_unwritable_output_file_is_refused_before_anything_plays(args: list[str]) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot write" in lines[0] and "no folder" in lines[0]


def test_record_into_a_folder_name_is_refused(tmp_path: Path) -> None:
    result = run_cli("sim", "--record", str(tmp_path))
    assert result.returncode == 2 and "is a folder" in result.stderr


# -- levels ---------------------------------------------------------------------------
def test_levels_check_refuses_a_file_whose_id_is_not_its_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = custom_level(tmp_path)
    renamed = path.rename(tmp_path / "other-name.toml")
    assert main(["levels", "--check", str(renamed)]) == 1
    out = capsys.readouterr().out
    assert "'my-hall' does not match the file name 'other-name.toml'" in out


def test_levels_lists_each_id_once_and_never_the_training_room(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["levels"]) == 0
    ids = [line.split()[0] for line in capsys.readouterr().out.splitlines()[1:]]
    assert len(ids) == len(set(ids)) == 5
    assert "training-room" not in ids


# -- usage, help, version, paths --------------------------------------------------------
@pytest.mark.parametrize(
    "args",
    [
        ["sim", "--games", "3", "--record", "x.replay"],
        ["replay"],
        ["replay", "--db", "x.sqlite3"],
        ["join", "ws://127.0.0.1:1", "--spectate"],
        ["host", "--levels", "/no/such/folder"],
    ],
)
def test_every_usage_error_exits_2_with_one_line(args: list[str]) -> None:
    result = run_cli(*args)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("expo-showdown") and "error" in lines[0]


def test_version_prints_the_installed_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("expo-showdown ") and out.split()[1][0].isdigit()


def test_help_shows_the_choices_and_the_defaults(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["solo", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "expo-hall" in out and "vr-demo-day" in out and "(default: expo-hall)" in out
    assert "kiran, max, voss, jenna (default: kiran)" in out
    assert "easy, normal, hard (default: normal)" in out


def test_paths_names_every_file_and_follows_the_variables(tmp_path: Path) -> None:
    env = {
        "EXPO_SHOWDOWN_CONFIG_DIR": str(tmp_path / "cfg"),
        "EXPO_SHOWDOWN_DATA_DIR": str(tmp_path / "data"),
    }
    out = run_cli("--paths", env=env).stdout
    assert f"settings       {tmp_path / 'cfg' / 'settings.json'}" in out
    assert f"match history  {tmp_path / 'data' / 'history.sqlite3'}" in out
    assert f"replay files   {tmp_path / 'data' / 'replays'}" in out


def test_one_variable_moves_settings_history_and_the_host_database_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from game.client.settings import config_dir
    from game.host_commands import default_db_path
    from game.paths import history_path, replays_dir

    monkeypatch.delenv("EXPO_SHOWDOWN_DATA_DIR", raising=False)
    monkeypatch.setenv("EXPO_SHOWDOWN_CONFIG_DIR", str(tmp_path))
    assert config_dir() == tmp_path
    assert history_path() == default_db_path() == tmp_path / "history.sqlite3"
    assert replays_dir() == tmp_path / "replays"


# -- history and replay ---------------------------------------------------------------
def test_history_naming_a_missing_database_says_so_and_exits_2(tmp_path: Path) -> None:
    result = run_cli("history", "--db", str(tmp_path / "nope.sqlite3"))
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == f"expo-showdown: error: no match history at {tmp_path}/nope.sqlite3"
    )


def test_replay_match_without_db_uses_the_default_database(tmp_path: Path) -> None:
    result = run_cli(
        "replay", "--match", "3", "--verify", env={"EXPO_SHOWDOWN_DATA_DIR": str(tmp_path)}
    )
    assert result.returncode == 1
    assert f"no match history at {tmp_path / 'history.sqlite3'}" in result.stderr


# -- quiet by default -----------------------------------------------------------------
def test_no_pygame_banner_and_no_alsa_lines_only_one_line_when_sound_is_off(
    tmp_path: Path,
) -> None:
    env = {
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "alsa",  # on a machine with no sound card: one line from us
        "EXPO_SHOWDOWN_CONFIG_DIR": str(tmp_path),
    }
    env.pop("PYGAME_HIDE_SUPPORT_PROMPT", None)
    clean = {k: v for k, v in os.environ.items() if k != "PYGAME_HIDE_SUPPORT_PROMPT"}
    result = subprocess.run(
        [sys.executable, "-m", "game.cli", "tutorial", "--timedemo", "1"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={**clean, **env},
    )
    assert result.returncode == 0, result.stderr
    assert "pygame-ce" not in result.stdout + result.stderr
    assert "ALSA" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines in ([], ["expo-showdown: sound is off (no sound device could be opened)"])


async def test_the_host_logs_no_line_per_health_request_and_prints_usable_addresses(
    tmp_path: Path,
) -> None:
    import asyncio
    import signal
    import urllib.request

    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "game.cli", "host", "--port", "0", "--db", str(tmp_path / "h.db"),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, cwd=ROOT,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    try:
        first = (await asyncio.wait_for(proc.stdout.readline(), 30)).decode()
        assert "ws://127.0.0.1:" in first and "0.0.0.0" not in first
        port = first.split("ws://127.0.0.1:")[1].split()[0]
        second = (await asyncio.wait_for(proc.stdout.readline(), 30)).decode()
        assert "Only this machine can join" in second
        url = f"http://127.0.0.1:{port}/health"
        for _ in range(3):
            body = await asyncio.to_thread(lambda: urllib.request.urlopen(url, timeout=10).read())
            assert b'"status": "ok"' in body
        proc.send_signal(signal.SIGINT)
        assert await asyncio.wait_for(proc.wait(), 30) == 0
        log = (await proc.stderr.read()).decode()
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    assert "listening on" in log  # the server's own log still speaks
    assert "HTTP response" not in log and "connection closed" not in log


def test_a_busy_port_is_one_short_line(tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("host", "--port", str(port), "--db", str(tmp_path / "h.db"))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"expo-showdown: error: port {port} is busy (is another server running?): pick another port"
    )


def test_share_urls_never_offer_0000_when_open_to_the_network() -> None:
    from server.addresses import share_urls

    urls = share_urls("0.0.0.0", 8765)
    assert all("0.0.0.0" not in u for u in urls)
    assert urls[-1] == "ws://127.0.0.1:8765"
    assert share_urls("127.0.0.1", 9000) == ["ws://127.0.0.1:9000"]


def test_a_server_is_offered_extra_levels_by_id_but_never_a_second_level_under_a_taken_id(
    tmp_path: Path,
) -> None:
    from game.levels import LevelError, LevelShelf

    mine = custom_level(tmp_path)
    shelf = LevelShelf.from_files([mine, level_files() / "expo-hall.toml"])  # type: ignore[list-item]
    assert list(shelf.extra) == ["my-hall"]  # the bundled file itself adds nothing
    assert "my-hall" in shelf and "my-hall" in shelf.ids() and "expo-hall" in shelf
    assert shelf.load("my-hall").id == "my-hall"
    edited = tmp_path / "expo-hall.toml"
    text = (level_files() / "expo-hall.toml").read_text(encoding="utf-8")
    edited.write_text(text.replace("duration_s = 240.0", "duration_s = 200.0"), "utf-8")
    with pytest.raises(LevelError, match="taken by another level"):
        LevelShelf.from_files([edited])


@pytest.mark.parametrize("name", ["Max bot", "\u3164"])
def test_join_refuses_a_name_the_server_would_refuse_before_connecting(name: str) -> None:
    result = run_cli("join", "ws://127.0.0.1:1", "--name", name)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1 and "--name" in lines[0]
