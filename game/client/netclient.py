"""The WebSocket connection, on a background thread, behind two thread-safe queues.

The frame loop must never wait on the network, so a thread owns the socket: it
decodes every frame with :func:`game.net.decode_server` and puts the messages in
``inbox``; the game thread drains it once per frame with :meth:`NetClient.poll` and
sends with :meth:`NetClient.send` (the sync websockets connection allows sending
from another thread). When the connection drops in a room the thread reconnects
with backoff and reclaims the session with ``rejoin {token}``; when it cannot, it
reports :class:`Dead` with a message fit for the menu.

In a cluster, a ``redirect`` answers a ``create``, ``join`` or ``rejoin`` that another
server must handle: the thread connects there, says ``hello`` and repeats the request,
without telling the game. Reconnects go to the address the player typed, which
redirects again to wherever the session lives.
"""

from __future__ import annotations

import contextlib
import queue
import socket
import threading
from dataclasses import dataclass
from typing import Any

from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI
from websockets.sync.client import ClientConnection, connect

from game.net import (
    MAX_SERVER_FRAME,
    ClientMessage,
    Create,
    Hello,
    Join,
    ProtocolError,
    Redirect,
    Rejoin,
    ServerMessage,
    Welcome,
    decode_server,
    encode,
)

__all__ = ["Connected", "Dead", "NetClient", "Reconnecting", "describe_error"]

BACKOFF_S = (0.25, 0.5, 1.0, 2.0, 3.0, 4.0, 5.0)
OPEN_TIMEOUT_S = 5.0
MAX_REDIRECTS = 4
"""Redirects followed in a row before giving up (servers that disagree would loop)."""


@dataclass(frozen=True)
class Connected:
    """The connection is up (``again``: after a reconnect, the session was reclaimed)."""

    again: bool = False


@dataclass(frozen=True)
class Reconnecting:
    attempt: int


@dataclass(frozen=True)
class Dead:
    """The connection is gone for good; ``reason`` is one line for the player."""

    reason: str


Item = ServerMessage | Connected | Reconnecting | Dead


def describe_error(url: str, exc: BaseException) -> str:
    """One line for a failed connection attempt."""
    if isinstance(exc, ConnectionRefusedError):
        return f"cannot reach {url}: connection refused"
    if isinstance(exc, socket.gaierror):
        return f"cannot reach {url}: unknown host"
    if isinstance(exc, TimeoutError | socket.timeout):
        return f"cannot reach {url}: timed out"
    if isinstance(exc, InvalidURI):
        return f"{url} is not a server address (it looks like ws://HOST:8765)"
    if isinstance(exc, InvalidHandshake):
        return f"{url} is not an Expo Showdown server ({exc})"
    if isinstance(exc, OSError):
        return f"cannot reach {url}: {exc.strerror or exc}"
    return f"cannot reach {url}: {exc}"


class NetClient:
    def __init__(self, url: str, name: str) -> None:
        self.url = url
        self.name = name
        self.inbox: queue.Queue[Item] = queue.Queue()
        self.token: str | None = None
        self.player_id: int | None = None
        self.rtt_ms: float | None = None
        self.reconnect = True  # set False by the owner outside rooms
        self._conn: ClientConnection | None = None
        self._send_lock = threading.Lock()
        self._closing = threading.Event()
        self._thread: threading.Thread | None = None
        self._routed: ClientMessage | None = None  # the last create/join/rejoin, to repeat
        self._redirect: str | None = None

    # -- the game thread's side -------------------------------------------------
    def start(self) -> NetClient:
        self._thread = threading.Thread(target=self._run, name="expo-showdown-net", daemon=True)
        self._thread.start()
        return self

    def poll(self) -> list[Item]:
        items: list[Item] = []
        while True:
            try:
                items.append(self.inbox.get_nowait())
            except queue.Empty:
                return items

    def wait(self, timeout: float) -> Item | None:
        """Block for the next item (tests and the connecting screen)."""
        try:
            return self.inbox.get(timeout=timeout)
        except queue.Empty:
            return None

    def send(self, msg: ClientMessage) -> bool:
        """Send now; False if there is no connection (the message is dropped)."""
        conn = self._conn
        if conn is None:
            return False
        if isinstance(msg, Create | Join | Rejoin):
            self._routed = msg
        try:
            with self._send_lock:
                conn.send(encode(msg))
        except (ConnectionClosed, OSError, RuntimeError):
            return False
        return True

    def close(self) -> None:
        self._closing.set()
        conn = self._conn
        if conn is not None:
            with contextlib.suppress(OSError, RuntimeError):
                conn.close()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(2.0)

    # -- the network thread ----------------------------------------------------------
    def _run(self) -> None:
        again = False
        attempt = 0
        while not self._closing.is_set():
            try:
                reason = self._follow(self._session(self.url, again), again)
            except Exception as exc:  # noqa: BLE001 - every failure becomes one line
                if not again:
                    self.inbox.put(Dead(describe_error(self.url, exc)))
                    return
                reason = None
            else:
                attempt = 0
                if self._closing.is_set():
                    return
                if reason is not None or not (self.reconnect and self.token):
                    self.inbox.put(Dead(reason or "the server closed the connection"))
                    return
            if attempt >= len(BACKOFF_S):
                self.inbox.put(Dead(f"lost the connection to {self.url}"))
                return
            again = True
            self.inbox.put(Reconnecting(attempt + 1))
            if self._closing.wait(BACKOFF_S[attempt]):
                return
            attempt += 1

    def _follow(self, reason: str | None, again: bool) -> str | None:
        """Follow redirects from one session to the next; the last one's reason."""
        for _ in range(MAX_REDIRECTS):
            url, self._redirect = self._redirect, None
            if url is None or self._closing.is_set():
                return reason
            try:
                reason = self._session(url, again, redirected=True)
            except Exception as exc:  # noqa: BLE001 - the server it names is unreachable
                return describe_error(url, exc)
        return "the servers kept sending this client elsewhere; try again"

    def _session(self, url: str, again: bool, redirected: bool = False) -> str | None:
        """One connection, from open to close; the reason it ended (None: a drop)."""
        with connect(
            url,
            open_timeout=OPEN_TIMEOUT_S,
            max_size=MAX_SERVER_FRAME,
            compression="deflate",
            close_timeout=1.0,
        ) as conn:
            conn.send(encode(Hello(self.name)))
            if redirected and self._routed is not None:
                conn.send(encode(self._routed))
            elif again and self.token:
                self._routed = Rejoin(self.token)
                conn.send(encode(self._routed))
            self._conn = conn
            if not redirected:
                self.inbox.put(Connected(again))
            try:
                return self._read(conn)
            finally:
                self._conn = None

    def _read(self, conn: ClientConnection) -> str | None:
        """Read until the connection ends. None: it dropped (try to reconnect)."""
        while True:
            try:
                data = conn.recv()
            except ConnectionClosed as exc:
                return _fatal_close(exc)
            except (OSError, RuntimeError):
                return None
            try:
                msg = decode_server(data)
            except ProtocolError as exc:
                conn.close(1002, "bad server frame")
                return f"the server sent something this client cannot read ({exc.msg})"
            if isinstance(msg, Redirect):
                self._redirect = msg.url
                conn.close(1000, "redirected")
                return None
            if isinstance(msg, Welcome):
                self.player_id, self.token = msg.player_id, msg.token
            self.inbox.put(msg)


def _fatal_close(exc: ConnectionClosed) -> str | None:
    """A reason for closes that a reconnect cannot fix; None for a mere drop."""
    rcvd: Any = exc.rcvd
    code = rcvd.code if rcvd is not None else None
    if code == 1000:
        return "the server closed the connection"
    if code == 1001:
        return "the server shut down"
    if code == 4000:
        return "the server speaks another protocol version; update the game"
    if code == 4001:
        return "this player joined again from somewhere else"
    if code in (1008, 1009, 1011, 1002):
        return f"the server closed the connection ({code}: {rcvd.reason or 'error'})"
    return None
