"""``expo-showdown``: one console command, with subcommands for each way to play.

Every error is a one-line message and a non-zero exit (2 for a bad command line),
never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # quiet by default: no banner
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from game.kinds import DIFFICULTY_IDS, Difficulty
from game.levels import LevelError, level_ids
from game.sim.types import CHARACTER_IDS, MODE_IDS, Mode

__all__ = ["main"]

PROG = "expo-showdown"


class UsageError(Exception):
    """A command line that parses but does not make sense: one line, exit 2."""


class Help(argparse.HelpFormatter):
    """``--help`` shows each option's default, where it has one worth showing."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        default = action.default
        if default not in (None, False, argparse.SUPPRESS) and action.option_strings:
            text += " (default: %(default)s)"
        return text


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and exit 2."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", Help)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("expo-showdown")
    except PackageNotFoundError:
        return "unknown (not installed)"


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
        if not Path(value).is_file():
            raise argparse.ArgumentTypeError(f"no level file {value!r}")
        return value
    return _choice("level", level_ids)(value)


def _writable(value: str) -> str:
    """A file the command will write: checked now, not after a whole match."""
    path = Path(value)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{value!r} is a folder, not a file")
    if not folder.is_dir():
        raise argparse.ArgumentTypeError(f"cannot write {value!r}: no folder {str(folder)!r}")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise argparse.ArgumentTypeError(f"cannot write {value!r}: permission denied")
    return value


def _player_name(value: str) -> str:
    """The name the server will accept, checked before any connection is made."""
    from game.net.errors import ProtocolError
    from game.net.messages import check_player_name

    try:
        return check_player_name(value, "name")
    except ProtocolError as exc:
        raise argparse.ArgumentTypeError(exc.msg.removeprefix("name: ")) from None


def _folder(value: str) -> str:
    if not Path(value).is_dir():
        raise argparse.ArgumentTypeError(f"no folder {value!r}")
    return value


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


def _seconds(low: float, high: float, unit: str = "seconds") -> Callable[[str], float]:
    def check(value: str) -> float:
        try:
            n = float(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {unit}, got {value!r}") from None
        if not low <= n <= high:
            raise argparse.ArgumentTypeError(f"{value} is outside {low:g}..{high:g}")
        return n

    check.__name__ = "seconds"
    return check


def _limit_flags(host: argparse.ArgumentParser) -> None:
    """``host`` flags for the per-address and per-room bounds (docs/PROTOCOL.md 5.2)."""
    from server.limits import Limits

    group = host.add_argument_group("limits (see docs/PROTOCOL.md, section 5.2)")
    default = Limits()
    group.add_argument(
        "--max-connections-per-address", type=_count(1, 100_000),
        default=default.connections_per_address, metavar="N",
        help="open connections one IP address may hold",
    )  # fmt: skip
    group.add_argument(
        "--max-spectators", type=_count(0, 100_000), default=default.spectators_per_room,
        metavar="N", help="spectators one room takes",
    )  # fmt: skip
    group.add_argument(
        "--max-rooms-per-minute", type=_count(1, 100_000), default=default.rooms_per_minute,
        metavar="N", help="rooms one IP address may create a minute",
    )  # fmt: skip
    group.add_argument(
        "--max-matches-per-minute", type=_count(1, 100_000),
        default=default.matches_per_minute, metavar="N",
        help="matches one IP address may start a minute",
    )  # fmt: skip
    group.add_argument(
        "--keep-days", type=_seconds(0.01, 36_500, "days"), default=90.0, metavar="DAYS",
        help="delete recorded matches older than this",
    )  # fmt: skip
    group.add_argument(
        "--keep-matches", type=_count(1, 10_000_000), default=10_000, metavar="N",
        help="keep only the newest N recorded matches",
    )  # fmt: skip
    group.add_argument(
        "--allow-origin", action="append", default=[], metavar="URL",
        help="a web page (Origin, e.g. https://example.org) that may connect; repeatable. "
        "The game's client sends none and is always let in",
    )  # fmt: skip


def _cluster_flags(host: argparse.ArgumentParser) -> None:
    """``host`` flags for a cluster of servers sharing one Redis (docs/SCALING.md)."""
    group = host.add_argument_group("cluster (see docs/SCALING.md)")
    group.add_argument(
        "--redis", metavar="URL", help="join the cluster whose room directory is this Redis"
    )
    group.add_argument(
        "--public-url", metavar="URL", help="the ws:// address other nodes send players to"
    )
    group.add_argument(
        "--workers",
        type=_count(1, 256),
        default=1,
        help="processes behind one port (needs --redis)",
    )
    group.add_argument(
        "--drain-s", type=_seconds(0, 86_400), default=300.0,
        help="on SIGTERM, let running matches finish for up to this long (default 300)",
    )  # fmt: skip
    group.add_argument(
        "--heartbeat-s", type=_seconds(0.3, 600), default=5.0,
        help="the node vanishes from the directory this long after its last heartbeat",
    )  # fmt: skip
    group.add_argument(
        "--agones", action="store_true", help="report to the Agones SDK sidecar (Kubernetes)"
    )
    # Tests and benchmarks: a faster match clock; a worker's own share of the port.
    group.add_argument("--speed", type=_seconds(0.1, 100), default=1.0, help=argparse.SUPPRESS)
    group.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)


def _duration(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected seconds, got {value!r}") from None
    if not 30 <= seconds <= 900:
        raise argparse.ArgumentTypeError(f"{value} is outside 30..900 seconds")
    return seconds


def build_parser() -> Parser:
    levels_help = f"a level ({', '.join(level_ids())}) or a level file (.toml)"
    modes = f"{' or '.join(MODE_IDS)}"
    bots = f"bot skill: {', '.join(DIFFICULTY_IDS)}"
    who = f"your character: {', '.join(CHARACTER_IDS)}"
    parser = Parser(prog=PROG, description="Expo Showdown: patch the glitch, win the crowd.")
    parser.add_argument("--version", action="version", version=f"{PROG} {_version()}")
    parser.add_argument(
        "--paths", action="store_true", help="show where settings, history and replays live"
    )
    sub = parser.add_subparsers(dest="command", parser_class=Parser, metavar="COMMAND")

    sim = sub.add_parser("sim", help="play whole bot matches with no screen and no network")
    sim.add_argument("--level", type=level_arg, default="expo-hall", help=levels_help)
    sim.add_argument("--seed", type=_count(0, 2**63 - 1), default=1, help="first seed")
    sim.add_argument("--games", type=_count(1, 100_000), default=1, help="how many matches")
    sim.add_argument("--mode", type=mode_arg, default="showdown", help=modes)
    sim.add_argument("--difficulty", type=difficulty_arg, default="normal", help=bots)
    sim.add_argument("--duration", type=_duration, help="match length in seconds (30-900)")
    sim.add_argument("--json", action="store_true", help="one JSON object per match")
    sim.add_argument(
        "--record", type=_writable, metavar="FILE", help="write the replay (one game only)"
    )
    sim.add_argument("--jobs", type=_count(1, 64), default=1, help="worker processes")

    replay = sub.add_parser("replay", help="watch or verify a recorded match")
    replay.add_argument("file", nargs="?", help="a replay file")
    replay.add_argument("--verify", action="store_true", help="re-simulate and check the hash")
    replay.add_argument("--db", metavar="PATH", help="a match-history database (default: yours)")
    replay.add_argument(
        "--match", type=_count(1, 2**62), metavar="ID", help="a match in the history"
    )

    host = sub.add_parser("host", help="run the game server that players join")
    host.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on: 127.0.0.1 this machine only, 0.0.0.0 your whole network",
    )
    host.add_argument("--port", type=_count(0, 65535), default=8765, help="port to listen on")
    host.add_argument("--db", metavar="PATH", help="match-history database (default: yours)")
    host.add_argument(
        "--levels", type=_folder, metavar="DIR", help="also offer the level files in DIR"
    )
    _limit_flags(host)
    _cluster_flags(host)

    history = sub.add_parser("history", help="list recent matches")
    history.add_argument("--db", metavar="PATH", help="match-history database (default: yours)")
    history.add_argument(
        "--redis", metavar="URL", help="list a cluster's matches from its Redis (redis://HOST:PORT)"
    )
    history.add_argument("--limit", type=_count(1, 10_000), default=20, help="how many")

    solo = sub.add_parser("solo", help="play a match against three bots")
    solo.add_argument("--level", type=level_arg, default="expo-hall", help=levels_help)
    solo.add_argument("--as", dest="character", type=character_arg, default="kiran", help=who)
    solo.add_argument("--difficulty", type=difficulty_arg, default="normal", help=bots)
    solo.add_argument("--mode", type=mode_arg, default="showdown", help=modes)
    solo.add_argument("--duration", type=_duration, help="match length in seconds (30-900)")
    _demo_flags(solo)

    tutorial = sub.add_parser(
        "tutorial", help="learn to play: a guided two-minute match in a training room"
    )
    tutorial.add_argument("--as", dest="character", type=character_arg, default="kiran", help=who)
    _demo_flags(tutorial)

    join = sub.add_parser("join", help="join a hosted game")
    join.add_argument("url", help="the server's address, ws://HOST:PORT")
    join.add_argument("--room", metavar="CODE", help="the room's four-letter code")
    join.add_argument("--name", type=_player_name, help="your name in the room")
    join.add_argument("--as", dest="character", type=character_arg, help=who)
    join.add_argument(
        "--spectate", action="store_true", help="watch the room (--room) instead of playing"
    )
    join.add_argument(
        "--levels", type=_folder, metavar="DIR", help="the host's extra level files (host --levels)"
    )

    levels = sub.add_parser("levels", help="list the levels, or check a level file")
    levels.add_argument("--check", metavar="FILE", help="validate a level file")
    return parser


def _demo_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--timedemo",
        type=_count(1, 3600),
        metavar="SECONDS",
        help="a bot drives; print frame statistics",
    )
    parser.add_argument(
        "--screenshot", type=_writable, metavar="FILE", help="save the last frame as PNG"
    )


def _sim(args: argparse.Namespace) -> int:
    from game.headless import SimJob, cmd_sim
    from game.match_config import MatchConfig

    if args.record and args.games != 1:
        raise UsageError("--record writes one match; drop --games")
    jobs = [
        SimJob(
            MatchConfig(
                args.level,
                args.seed + i,
                Mode.from_id(args.mode),
                Difficulty.from_id(args.difficulty),
                args.duration,
            ),
            args.record,
        )
        for i in range(args.games)
    ]
    return cmd_sim(jobs, args.json, args.jobs)


def _replay(args: argparse.Namespace) -> int:
    from game.headless import cmd_replay_verify

    if args.db or args.match:
        from game.host_commands import replay_from_db

        if not args.match:
            raise UsageError("--db needs --match ID (list them with: expo-showdown history)")
        if args.file:
            raise UsageError("name a replay FILE or --match ID, not both")
        return replay_from_db(args)
    if not args.file:
        raise UsageError("name a replay FILE, or --match ID from: expo-showdown history")
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

    if args.spectate and not args.room:
        raise UsageError("--spectate needs the --room CODE to watch")
    if args.spectate and args.character:
        raise UsageError("--spectate watches; drop --as")
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
    if args.paths:
        from game.paths import describe

        print(describe(), end="")
        return 0
    try:
        return COMMANDS.get(args.command, _menu)(args)
    except UsageError as exc:
        print(f"{PROG}: error: {exc} (see --help)", file=sys.stderr)
        return 2
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
