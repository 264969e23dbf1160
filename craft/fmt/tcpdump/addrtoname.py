"""Addresses as text, as tcpdump's addrtoname.c prints them with -n."""

from __future__ import annotations

import struct
from collections.abc import Callable

_NAMES4: dict[bytes, str] = {}
_NAMES6: dict[bytes, str] = {}
_NAMES_MAX = 4096  # address strings remembered (tcpdump keeps a table too)


_WORDS = struct.Struct("!8H").unpack


def ntoa(b: bytes) -> str:
    """Four bytes as a dotted quad (inet_ntoa); OSError for another length."""
    if len(b) != 4:
        raise OSError("packed IP wrong length for inet_ntoa")
    return f"{b[0]}.{b[1]}.{b[2]}.{b[3]}"


def ntop6(b: bytes) -> str:
    """Sixteen bytes as IPv6 text, as glibc's inet_ntop (from BIND) writes
    them: lower-case hex words, the longest run of two or more zero words
    (the first of equals) as "::", and the last 32 bits as a dotted quad for
    ::a.b.c.d (a, b not both 0) and ::ffff:a.b.c.d."""
    if len(b) != 16:
        raise ValueError("invalid length of packed IP address string")
    words = _WORDS(b)
    base, best, i = -1, 0, 0
    while i < 8:
        if words[i] == 0:
            j = i
            while j < 8 and words[j] == 0:
                j += 1
            if j - i > best:
                base, best = i, j - i
            i = j
        else:
            i += 1
    if best < 2:
        base = -1
    if base == 0 and (best == 6 or (best == 5 and words[5] == 0xFFFF)):
        return ("::ffff:" if best == 5 else "::") + ntoa(b[12:])
    if base < 0:
        return ":".join(f"{w:x}" for w in words)
    head = ":".join(f"{w:x}" for w in words[:base])
    tail = ":".join(f"{w:x}" for w in words[base + best:])
    return f"{head}::{tail}"


def _remember(names: dict[bytes, str], b: bytes, text: Callable[[bytes], str]) -> str:
    if len(names) >= _NAMES_MAX:
        names.clear()
    s = names[bytes(b)] = text(b)
    return s


def ip4(b: bytes) -> str:
    """An IPv4 address as text (remembered, as tcpdump's name table does)."""
    s = _NAMES4.get(b)
    return s if s is not None else _remember(_NAMES4, b, ntoa)


def ip6(b: bytes) -> str:
    """An IPv6 address as text (see ntop6; remembered)."""
    s = _NAMES6.get(b)
    return s if s is not None else _remember(_NAMES6, b, ntop6)


def mac(b: bytes) -> str:
    """Bytes as colon-separated lower-case hex pairs (etheraddr_string with -n)."""
    return bytes(b).hex(":")
