"""The server library changes nothing process-wide; only the ``host`` command tunes the GC."""

from __future__ import annotations

import gc

from game.host_commands import quiet_gc
from server.app import GameServer


async def test_starting_a_server_in_process_leaves_the_garbage_collector_alone() -> None:
    threshold, frozen = gc.get_threshold(), gc.get_freeze_count()
    server = GameServer(db=None)
    await server.start("127.0.0.1", 0)
    try:
        assert gc.get_threshold() == threshold
        assert gc.get_freeze_count() == frozen
    finally:
        await server.stop()


def test_the_host_command_tunes_the_garbage_collector() -> None:
    threshold = gc.get_threshold()
    try:
        quiet_gc()
        assert gc.get_threshold() == (20_000, 20, 20)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
