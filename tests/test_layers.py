"""The layers of docs/ARCHITECTURE.md: every import points down, none up or sideways.

The command line (``game.cli``, ``game.host_commands``, ``game.headless``) sits above
both the server and the client; the server never imports the client, and the rules,
bots and wire never import the server, the client or the commands.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

LAYERS: list[list[str]] = [
    ["game.kinds", "game.data"],
    ["game.levels"],
    ["game.sim"],
    ["game.bots", "game.net"],
    ["game.replay"],
    ["game.match"],
    ["server", "game.client"],
    ["game.cli", "game.host_commands", "game.headless"],
]
CHECKED = ["server", "game/sim", "game/net", "game/levels", "game/bots", "game/data"]
CHECKED += ["game/kinds.py", "game/match.py", "game/replay.py"]


def _unit(module: str) -> tuple[int, str] | None:
    """(layer, unit) of a project module, by its longest known prefix; None if foreign."""
    best: tuple[int, str] | None = None
    for rank, units in enumerate(LAYERS):
        for unit in units:
            if (module == unit or module.startswith(unit + ".")) and (
                best is None or len(unit) > len(best[1])
            ):
                best = (rank, unit)
    return best


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(source: str) -> list[str]:
    """Every module ``source`` imports, at the top or inside a function."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
            found += [f"{node.module}.{alias.name}" for alias in node.names]
    return found


def _files() -> list[Path]:
    files: list[Path] = []
    for name in CHECKED:
        path = ROOT / name
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return files


def upward_imports(module: str, source: str) -> list[str]:
    """The imports in ``module``'s ``source`` that point up or sideways, as readable lines."""
    here = _unit(module)
    assert here is not None, f"{module} is in no layer"
    wrong = []
    for target in _imports(source):
        there = _unit(target)
        if there is not None and there[1] != here[1] and there[0] >= here[0]:
            wrong.append(f"{module} imports {target}: {there[1]} is not below {here[1]}")
    return wrong


def test_every_checked_file_sits_in_a_layer() -> None:
    files = _files()
    assert len(files) > 40
    assert [f for f in files if _unit(_module_name(f)) is None] == []


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_module_imports_only_lower_layers(path: Path) -> None:
    assert upward_imports(_module_name(path), path.read_text(encoding="utf-8")) == []


def test_server_importing_the_client_even_inside_a_function_is_caught() -> None:
    source = "def watch():\n    from game.client.launch import watch_replay\n"
    assert upward_imports("server.commands", source) != []


def test_rules_importing_the_server_or_bots_importing_the_wire_are_caught() -> None:
    assert upward_imports("game.sim.world", "import server.app\n") != []
    assert upward_imports("game.bots.bot", "from game.net import codec\n") != []
    assert upward_imports("game.levels.catalog", "from game import cli\n") != []


def test_imports_of_lower_layers_and_of_the_same_package_pass() -> None:
    source = "from game.sim import World\nfrom game.net import codec\nfrom server.room import R\n"
    assert upward_imports("server.app", source) == []
