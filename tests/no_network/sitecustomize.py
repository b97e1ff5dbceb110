"""Block outbound network connections in test processes (loopback stays open).

``tests/conftest.py`` installs :func:`install` in the pytest process and puts this
directory on ``PYTHONPATH`` with ``SAHEL_ANALYSIS_NO_NETWORK=1``, so the processes the
tests start (the command line, papermill kernels, Dask workers) import it as
``sitecustomize`` and are blocked too.
"""

from __future__ import annotations

import ipaddress
import os
import socket

ENV = "SAHEL_ANALYSIS_NO_NETWORK"


class NetworkBlockedError(ConnectionRefusedError):
    """Raised instead of connecting to a non-loopback address during the tests."""


def is_local(address: object) -> bool:
    """Whether ``address`` (as given to ``connect``) stays on this machine."""
    if not isinstance(address, tuple):  # AF_UNIX path, abstract socket, netlink...
        return True
    host = address[0]
    if isinstance(host, bytes):
        host = host.decode(errors="replace")
    if not isinstance(host, str):
        return True  # e.g. AF_NETLINK (pid, groups)
    if host in ("", "localhost", "localhost.localdomain") or host.endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False  # another host name: resolving it would already use the network
    return ip.is_loopback or ip.is_unspecified


def _refuse(address: object) -> NetworkBlockedError:
    return NetworkBlockedError(f"network access blocked in tests: connect to {address!r}")


def install() -> None:
    """Wrap ``socket.socket.connect``/``connect_ex`` and ``socket.create_connection``."""
    if getattr(socket.socket.connect, "_sa_blocked", False):
        return
    connect, connect_ex, create_connection = (
        socket.socket.connect,
        socket.socket.connect_ex,
        socket.create_connection,
    )

    def guarded_connect(self, address):
        if not is_local(address):
            raise _refuse(address)
        return connect(self, address)

    def guarded_connect_ex(self, address):
        if not is_local(address):
            raise _refuse(address)
        return connect_ex(self, address)

    def guarded_create_connection(address, *args, **kwargs):
        if not is_local(address):
            raise _refuse(address)
        return create_connection(address, *args, **kwargs)

    for fn in (guarded_connect, guarded_connect_ex, guarded_create_connection):
        fn._sa_blocked = True  # type: ignore[attr-defined]
    socket.socket.connect = guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = guarded_connect_ex  # type: ignore[method-assign]
    socket.create_connection = guarded_create_connection
    install.originals = (connect, connect_ex, create_connection)  # type: ignore[attr-defined]


def uninstall() -> None:
    """Restore the original socket functions."""
    originals = getattr(install, "originals", None)
    if originals:
        socket.socket.connect, socket.socket.connect_ex, socket.create_connection = originals
        del install.originals  # type: ignore[attr-defined]


if os.environ.get(ENV) == "1":
    install()
