"""``expo-showdown``: one console command, with subcommands for each way to play.

Every error is a one-line message and a non-zero exit (2 for a bad command line),
never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from game.kinds import DIFFICULTY_IDS, Difficulty
from game.levels import LevelError, level_ids
from game.sim.types import CHARACTER_IDS, MODE_IDS, Mode

__all__ = ["main"]

PROG = "expo-showdown"


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _choice(kind: str, options: Callable[[], Sequence[str]]) -> Callable[[str], str]:
    def check(value: str) -> str:
        if value not in options():
            raise argparse.ArgumentTypeError(
                f"unknown {kind} {value!r} (choose from {', '.join(options())})"
            )
        return value

    check.__name__ = kind
    return check


def _level(value: str) -> str:
    if value.endswith(".toml"):
        return value
    return _choice("level", level_ids)(value)


level_arg = _level
mode_arg = _choice("mode", lambda: MODE_IDS)
difficulty_arg = _choice("difficulty", lambda: DIFFICULTY_IDS)
character_arg = _choice("character", lambda: CHARACTER_IDS)


def _count(low: int, high: int) -> Callable[[str], int]:
    def check(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
        if not low <= n <= high:
            raise argparse.ArgumentTypeError(f"{n} is outside {low}..{high}")
        return n

    check.__name__ = "number"
    return check


def _duration(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected seconds, got {value!r}") from None
    if not 30 <= seconds <= 900:
        raise argparse.ArgumentTypeError(f"{value} is outside 30..900 seconds")
    return seconds


def build_parser() -> Parser:
    parser = Parser(prog=PROG, description="Expo Showdown: patch the glitch, win the crowd.")
    sub = parser.add_subparsers(dest="command", parser_class=Parser, metavar="COMMAND")

    sim = sub.add_parser("sim", help="play whole bot matches with no screen and no network")
    sim.add_argument("--level", type=level_arg, default="expo-hall")
    sim.add_argument("--seed", type=_count(0, 2**63 - 1), default=1, help="first seed")
    sim.add_argument("--games", type=_count(1, 100_000), default=1)
    sim.add_argument("--mode", type=mode_arg, default="showdown")
    sim.add_argument("--difficulty", type=difficulty_arg, default="normal")
    sim.add_argument("--duration", type=_duration, help="match length in seconds (30-900)")
    sim.add_argument("--json", action="store_true", help="one JSON object per match")
    sim.add_argument("--record", metavar="FILE", help="write the replay (one game only)")
    sim.add_argument("--jobs", type=_count(1, 64), default=1, help="worker processes")

    replay = sub.add_parser("replay", help="watch or verify a recorded match")
    replay.add_argument("file", nargs="?", help="a replay file")
    replay.add_argument("--verify", action="store_true", help="re-simulate and check the hash")
    replay.add_argument("--db", metavar="PATH", help="a match-history database")
    replay.add_argument("--match", type=_count(1, 2**62), metavar="ID", help="a match in --db")

    host = sub.add_parser("host", help="run the game server that players join")
    host.add_argument("--host", default="127.0.0.1", help="address to listen on")
    host.add_argument("--port", type=_count(0, 65535), default=8765)
    host.add_argument("--db", metavar="PATH", help="match-history database")

    history = sub.add_parser("history", help="list recent matches")
    history.add_argument("--db", metavar="PATH", help="match-history database")
    history.add_argument("--limit", type=_count(1, 10_000), default=20)

    solo = sub.add_parser("solo", help="play a match against three bots")
    solo.add_argument("--level", type=level_arg, default="expo-hall")
    solo.add_argument("--as", dest="character", type=character_arg, default="kiran")
    solo.add_argument("--difficulty", type=difficulty_arg, default="normal")
    solo.add_argument("--mode", type=mode_arg, default="showdown")
    solo.add_argument("--duration", type=_duration, help="match length in seconds (30-900)")
    solo.add_argument(
        "--timedemo",
        type=_count(1, 3600),
        metavar="SECONDS",
        help="a bot drives; print frame statistics",
    )
    solo.add_argument("--screenshot", metavar="FILE", help="save the last frame as PNG")

    tutorial = sub.add_parser(
        "tutorial", help="learn to play: a guided two-minute match in a training room"
    )
    tutorial.add_argument("--as", dest="character", type=character_arg, default="kiran")
    tutorial.add_argument(
        "--timedemo",
        type=_count(1, 3600),
        metavar="SECONDS",
        help="a bot drives; print frame statistics",
    )
    tutorial.add_argument("--screenshot", metavar="FILE", help="save the last frame as PNG")

    join = sub.add_parser("join", help="join a hosted game")
    join.add_argument("url", help="ws://HOST:PORT")
    join.add_argument("--room", metavar="CODE")
    join.add_argument("--name")
    join.add_argument("--as", dest="character", type=character_arg)

    levels = sub.add_parser("levels", help="list the levels, or check a level file")
    levels.add_argument("--check", metavar="FILE", help="validate a level file")
    return parser


def _sim(args: argparse.Namespace) -> int:
    from game.headless import SimJob, cmd_sim

    if args.record and args.games != 1:
        raise SystemExit(f"{PROG}: error: --record writes one match; drop --games")
    jobs = [
        SimJob(
            args.level,
            args.seed + i,
            Mode.from_id(args.mode),
            Difficulty.from_id(args.difficulty),
            args.duration,
            args.record,
        )
        for i in range(args.games)
    ]
    return cmd_sim(jobs, args.json, args.jobs)


def _replay(args: argparse.Namespace) -> int:
    from game.headless import cmd_replay_verify

    if args.db or args.match:
        from game.host_commands import replay_from_db

        if not (args.db and args.match):
            raise SystemExit(f"{PROG}: error: --db and --match go together")
        return replay_from_db(args)
    if not args.file:
        raise SystemExit(f"{PROG}: error: name a replay FILE (or --db PATH --match ID)")
    if args.verify:
        return cmd_replay_verify(args.file)
    from game.client.launch import watch_replay

    return watch_replay(args)


def _host(args: argparse.Namespace) -> int:
    from game.host_commands import host

    return host(args)


def _history(args: argparse.Namespace) -> int:
    from game.host_commands import history

    return history(args)


def _solo(args: argparse.Namespace) -> int:
    from game.client.launch import solo

    return solo(args)


def _tutorial(args: argparse.Namespace) -> int:
    from game.client.launch import tutorial

    return tutorial(args)


def _join(args: argparse.Namespace) -> int:
    from game.client.launch import join

    return join(args)


def _menu(args: argparse.Namespace) -> int:
    from game.client.launch import menu

    return menu(args)


def _levels(args: argparse.Namespace) -> int:
    from game.headless import cmd_levels

    return cmd_levels(args.check)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "sim": _sim,
    "replay": _replay,
    "levels": _levels,
    "host": _host,
    "history": _history,
    "solo": _solo,
    "tutorial": _tutorial,
    "join": _join,
}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS.get(args.command, _menu)(args)
    except LevelError as exc:
        print(f"{PROG}: error: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
