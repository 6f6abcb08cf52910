"""What the ``expo-showdown`` subcommands run: open the window and start a scene.

Each entry point returns an exit code and reports failures as one line on stderr,
never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["join", "menu", "solo", "tutorial", "watch_replay"]

PROG = "expo-showdown"


def _fail(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return 1


def _app(size: tuple[int, int] | None = None):  # type: ignore[no-untyped-def]
    from game.client.app import App
    from game.client.settings import load_settings

    return App(load_settings(), size)


def _run(app, code_on_message: bool = False) -> int:  # type: ignore[no-untyped-def]
    code = app.run()
    if app.message and (code or code_on_message):
        return _fail(app.message)
    return code


def _guard(fn):  # type: ignore[no-untyped-def]
    """Turn a failure to open the window or audio into one line."""

    def wrapped(args: argparse.Namespace) -> int:
        import pygame

        try:
            return fn(args)
        except pygame.error as exc:
            return _fail(f"cannot open the game window: {exc}")

    wrapped.__name__ = fn.__name__
    wrapped.__doc__ = fn.__doc__
    return wrapped


@_guard
def menu(args: argparse.Namespace) -> int:
    """No subcommand: the main menu."""
    from game.client.scenes.menu import MenuScene

    app = _app()
    app.push(MenuScene(app))
    return _run(app)


@_guard
def solo(args: argparse.Namespace) -> int:
    """Straight into a match against three bots (or a timedemo)."""
    return _local(args, "solo")


@_guard
def tutorial(args: argparse.Namespace) -> int:
    """How to play: a guided match in the training room (or a timedemo of it)."""
    return _local(args, "tutorial")


def _local(args: argparse.Namespace, how: str) -> int:
    """A match on the in-process server: solo, or the tutorial (the same path)."""
    from game.client.scenes.connect import ConnectScene
    from game.client.scenes.menu import MenuScene

    timedemo = getattr(args, "timedemo", None)
    app = _app((1280, 720) if timedemo else None)
    if not timedemo:
        app.push(MenuScene(app))
    duration = getattr(args, "duration", None)
    app.push(
        ConnectScene(
            app,
            how,
            level=getattr(args, "level", None),
            character=args.character,
            mode=getattr(args, "mode", None),
            difficulty=getattr(args, "difficulty", None),
            duration=None if duration is None else int(duration),
            timedemo=timedemo,
            screenshot=getattr(args, "screenshot", None),
            exit_on_fail=True,
        )
    )
    code = _run(app)
    if timedemo and code == 0 and app.stats is not None:
        frames, fps, p99 = app.stats.summary()
        print(
            f"timedemo: {frames} frames in {timedemo} s, "
            f"{fps:.1f} FPS average, p99 frame {p99:.1f} ms"
        )
        if getattr(args, "screenshot", None):
            print(f"screenshot: {args.screenshot}")
    return code


@_guard
def join(args: argparse.Namespace) -> int:
    """Join a hosted server; its lobby first."""
    from game.client.scenes.connect import ConnectScene
    from game.client.scenes.menu import MenuScene

    app = _app()
    if args.name:
        app.settings.name = args.name.strip()[:20] or app.settings.name
    app.push(MenuScene(app))
    app.push(
        ConnectScene(
            app,
            "join",
            url=args.url,
            room=args.room,
            name=app.settings.name,
            character=args.character,
            spectate=getattr(args, "spectate", False),
            level_files=_level_files(getattr(args, "levels", None)),
            exit_on_fail=True,
        )
    )
    return _run(app)


def _level_files(folder: str | None) -> list[str]:
    return sorted(str(p) for p in Path(folder).glob("*.toml")) if folder else []


@_guard
def watch_replay(args: argparse.Namespace) -> int:
    """Play a replay file in the window."""
    from game.replay import Replay, ReplayError

    try:
        replay = Replay.load(Path(args.file))
        replay.level()
    except ReplayError as exc:
        return _fail(str(exc))
    note = replay.numpy_note()
    if note:
        print(note, file=sys.stderr)
    from game.client.scenes.replay_view import ReplayScene

    app = _app()
    app.push(ReplayScene(app, replay, Path(args.file).name))
    return _run(app)
