"""Addresses as text, as tcpdump's addrtoname.c prints them with -n."""

from __future__ import annotations

import socket

_NAMES4: dict[bytes, str] = {}
_NAMES6: dict[bytes, str] = {}
_NAMES_MAX = 4096  # address strings remembered (tcpdump keeps a table too)


def ip4(b: bytes) -> str:
    s = _NAMES4.get(b)
    if s is None:
        if len(_NAMES4) >= _NAMES_MAX:
            _NAMES4.clear()
        s = _NAMES4[bytes(b)] = socket.inet_ntoa(b)
    return s


def ip6(b: bytes) -> str:
    """inet_ntop's text, as tcpdump's addrtostr6 (both from BIND): embedded
    IPv4 in dotted quad for ::ffff:a.b.c.d and ::a.b.c.d."""
    s = _NAMES6.get(b)
    if s is None:
        if len(_NAMES6) >= _NAMES_MAX:
            _NAMES6.clear()
        s = _NAMES6[bytes(b)] = socket.inet_ntop(socket.AF_INET6, b)
    return s


def mac(b: bytes) -> str:
    return ":".join(f"{x:02x}" for x in b)
