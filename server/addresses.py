"""The addresses players should type to reach a server on this machine.

A server listening on 0.0.0.0 is reachable on every interface, but "0.0.0.0" is
not an address anyone can join: friends need this machine's LAN address.
"""

from __future__ import annotations

import errno
import socket

__all__ = ["OPEN_HOSTS", "lan_address", "listen_error", "share_urls"]

OPEN_HOSTS = ("0.0.0.0", "::", "")


def lan_address() -> str | None:
    """This machine's address on the local network, or None (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))
            address = str(s.getsockname()[0])
        except OSError:
            return None
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def share_urls(host: str, port: int) -> list[str]:
    """Usable ``ws://`` addresses, the one for other machines first."""
    if host in OPEN_HOSTS:
        lan = lan_address()
        local = f"ws://127.0.0.1:{port}"
        return [f"ws://{lan}:{port}", local] if lan else [local]
    return [f"ws://{host}:{port}"]


def listen_error(host_addr: str, port: int, exc: OSError) -> str:
    """One short line for a server that cannot listen (the busy port above all)."""
    if exc.errno == errno.EADDRINUSE:
        return f"port {port} is busy (is another server running?): pick another port"
    if exc.errno == errno.EACCES:
        return f"port {port} needs special permission: pick one above 1024"
    return f"cannot listen on {host_addr}:{port}: {exc.strerror or exc}"
