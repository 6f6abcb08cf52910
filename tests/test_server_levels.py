"""A server offers the levels its host gave it (``host --levels DIR``), by id only."""

from __future__ import annotations

from pathlib import Path

from test_server_support import SPEED, Player

from game.data import level_files
from game.kinds import Difficulty, Mode, Phase
from game.levels import TRAINING_LEVEL, LevelShelf
from game.net import Create, ErrorCode, ErrorMsg, Room, Start
from server.app import GameServer


def _my_level(folder: Path) -> Path:
    text = (level_files() / "preserve-dental.toml").read_text(encoding="utf-8")
    path = folder / "my-clinic.toml"
    path.write_text(text.replace('id = "preserve-dental"', 'id = "my-clinic"', 1), "utf-8")
    return path


async def test_a_hosts_extra_level_is_played_and_other_servers_refuse_its_id(
    tmp_path: Path,
) -> None:
    shelf = LevelShelf.from_files([_my_level(tmp_path)])
    with_file, plain = GameServer(speed=SPEED, levels=shelf), GameServer(speed=SPEED)
    await with_file.start("127.0.0.1", 0)
    await plain.start("127.0.0.1", 0)
    try:
        player = await Player.connect(with_file.url, "Leila")
        room = await player.create(level="my-clinic")
        assert room.level == "my-clinic"
        await player.send(Start())
        await player.expect(Room, lambda r: r.phase is Phase.COUNTDOWN)
        await player.close()
        stranger = await Player.connect(plain.url, "Max")
        await stranger.send(Create("my-clinic", Mode.SHOWDOWN, Difficulty.EASY, 30))
        refusal = await stranger.expect(ErrorMsg)
        assert refusal.code is ErrorCode.UNKNOWN_LEVEL
        await stranger.close()
    finally:
        await with_file.stop()
        await plain.stop()


async def test_every_server_has_the_training_room_for_the_tutorial() -> None:
    server = GameServer(speed=SPEED)
    await server.start("127.0.0.1", 0)
    try:
        player = await Player.connect(server.url, "Learner")
        room = await player.create(level=TRAINING_LEVEL)
        assert room.level == TRAINING_LEVEL
        await player.close()
    finally:
        await server.stop()
