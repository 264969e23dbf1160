"""Addresses and sockets for the clients and servers: resolve, bind, name a peer.

Socket errors that a user can cause (port in use, low port, unknown host,
refused, timeout) become craft.errors types here; the CLI words them.
"""

from __future__ import annotations

import errno
import resource
import socket

from craft.errors import RuntimeFailure, UsageError

Addr = tuple  # a socket address as the socket module gives it


def host_port_text(host: str, port: int) -> str:
    """``192.0.2.1:5001`` or ``[2001:db8::1]:5001``."""
    if host.startswith("::ffff:") and "." in host:
        host = host[7:]  # an IPv4 client on a dual-stack socket
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def peer_text(addr: Addr) -> str:
    """A socket address as ``ip:port`` (IPv6 in brackets)."""
    return host_port_text(addr[0], addr[1])


def resolve(host: str, port: int, kind: socket.SocketKind, passive: bool = False) -> list:
    """getaddrinfo with craft errors: an unknown name is a usage error (exit 2)."""
    flags = socket.AI_PASSIVE if passive else 0
    try:
        infos = socket.getaddrinfo(host, port, type=kind, flags=flags)
    except socket.gaierror as e:
        if e.errno == socket.EAI_AGAIN:
            raise RuntimeFailure(f"cannot resolve {host}: temporary name server failure") from e
        raise UsageError(f"unknown host {host}: {e.strerror}") from e
    except UnicodeError as e:
        raise UsageError(f"bad host name {host!r}") from e
    if not infos:
        raise UsageError(f"unknown host {host}")
    return infos


def listen_socket(
    kind: socket.SocketKind, bind: str | None, port: int, backlog: int = socket.SOMAXCONN
) -> socket.socket:
    """A bound (and for TCP listening) socket.

    Without ``bind``: ``[::]`` with IPV6_V6ONLY off, so IPv4 and IPv6 clients
    both reach it; ``0.0.0.0`` when the host has no IPv6.
    """
    if bind is None:
        candidates = [(socket.AF_INET6, ("::", port, 0, 0)), (socket.AF_INET, ("0.0.0.0", port))]
    else:
        candidates = [(info[0], info[4]) for info in resolve(bind, port, kind, passive=True)][:1]
    last: OSError | None = None
    for family, sockaddr in candidates:
        try:
            sock = socket.socket(family, kind)
        except OSError as e:  # no IPv6 in this kernel or namespace
            last = e
            continue
        try:
            if family == socket.AF_INET6 and bind is None:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
            if kind == socket.SOCK_STREAM:
                # Restart at once on a port whose old connections are in TIME_WAIT.
                # (Not for UDP: there it would let two servers share the port.)
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(sockaddr)
            if kind == socket.SOCK_STREAM:
                sock.listen(backlog)
            return sock
        except OSError as e:
            sock.close()
            if family == socket.AF_INET6 and bind is None and e.errno == errno.EADDRNOTAVAIL:
                last = e  # IPv6 disabled on the host: fall back to IPv4
                continue
            raise _listen_error(e, sockaddr, kind) from e
    assert last is not None
    raise _listen_error(last, candidates[-1][1], kind) from last


def _listen_error(e: OSError, sockaddr: Addr, kind: socket.SocketKind) -> RuntimeFailure:
    where = f"{'TCP' if kind == socket.SOCK_STREAM else 'UDP'} {peer_text(sockaddr)}"
    port = sockaddr[1]
    if e.errno == errno.EADDRINUSE:
        return RuntimeFailure(f"cannot listen on {where}: port {port} is already in use")
    if e.errno in (errno.EACCES, errno.EPERM):
        return RuntimeFailure(
            f"cannot listen on {where}: permission denied "
            "(ports below 1024 need root or CAP_NET_BIND_SERVICE)"
        )
    if e.errno == errno.EADDRNOTAVAIL:
        return RuntimeFailure(f"cannot listen on {where}: no such address on this host")
    return RuntimeFailure(f"cannot listen on {where}: {e.strerror or e}")


def connect_error(e: OSError, host: str, port: int, timeout: float) -> RuntimeFailure:
    """A failed connect as one line."""
    where = host_port_text(host, port)
    if isinstance(e, TimeoutError):
        return RuntimeFailure(f"cannot connect to {where}: no answer within {timeout:g} s")
    if e.errno == errno.ECONNREFUSED:
        return RuntimeFailure(
            f"cannot connect to {where}: connection refused (is a server running?)"
        )
    return RuntimeFailure(f"cannot connect to {where}: {e.strerror or e}")


def raise_fd_limit() -> int:
    """Raise the soft open-files limit to the hard one; return the new soft limit.

    Servers hold one descriptor per client: 1,024 (a common soft limit)
    would cap them below what the hard limit allows.
    """
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY:
        hard = 1 << 20
    if soft == resource.RLIM_INFINITY or soft >= hard:
        return soft
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    except (ValueError, OSError):
        return soft
    return hard
