"""The session over a real loopback server, without a window: reconnects and dead servers."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable

import pytest

from game.client.netclient import NetClient
from game.client.session import NetSession, SessionState
from game.sim.types import Input

server_thread = pytest.importorskip("server.thread")


def wait_for(session: NetSession, cond: Callable[[], bool], timeout: float = 10.0) -> None:
    """Pump until ``cond`` holds; sending input each round like the frame loop does."""
    end = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > end:
            raise AssertionError("timed out waiting")
        session.pump(time.monotonic() * 1000)
        session.send_input(Input(0.5, 0.5))
        time.sleep(0.01)  # poll interval; the wait is on the condition above


def test_a_dropped_connection_reconnects_and_reclaims_the_seat() -> None:
    with server_thread.ServerThread(port=0, db=None, speed=2.0) as st:
        client = NetClient(st.url, "Dana").start()
        s = NetSession(client)
        try:
            wait_for(s, lambda: s.state is SessionState.CONNECTED)
            me = s.player_id
            s.create("expo-hall", "showdown", "easy", 60)
            wait_for(s, lambda: s.room is not None)
            s.pick("jenna")
            s.start()
            wait_for(s, lambda: s.in_match and s.snaps > 5)
            conn = client._conn
            assert conn is not None
            conn.socket.shutdown(socket.SHUT_RDWR)  # the network goes away under us
            wait_for(s, lambda: s.reconnecting)
            assert s.model is not None and s.model.notice.startswith("Reconnecting")
            before = s.snaps
            wait_for(s, lambda: not s.reconnecting and s.snaps > before + 5)
            assert s.player_id == me
            assert s.seat == 3  # Jenna's seat is ours again
            assert s.model.notice == ""
            assert s.room is not None and not s.room.seats[3].bot
        finally:
            client.close()


def test_a_dead_server_ends_the_session_with_a_message() -> None:
    st = server_thread.ServerThread(port=0, db=None).start()
    client = NetClient(st.url, "Eli").start()
    s = NetSession(client)
    try:
        wait_for(s, lambda: s.state is SessionState.CONNECTED)
        st.stop()
        wait_for(s, lambda: s.state is SessionState.DEAD, timeout=20)
        assert s.dead_reason
        assert "\n" not in s.dead_reason
    finally:
        client.close()
