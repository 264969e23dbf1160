"""Ethernet configuration testing (loopback), as tcpdump's print-loopback.c
prints it."""

from __future__ import annotations

import struct

from craft.fmt.tcpdump.addrtoname import mac
from craft.fmt.tcpdump.netdissect import Pkt, Trunc


def _invalid(p: Pkt, bp: int, length: int) -> None:
    p.w(" (invalid)")
    if not p.test(bp, length):
        raise Trunc


def _le16(p: Pkt, at: int) -> int:
    return struct.unpack("<H", p.b(at, 2))[0]


def loopback_print(p: Pkt, bp: int, length: int) -> None:
    """The Ethernet Configuration Testing Protocol: the skip count, then the
    first message (reply with its receipt number, or forward-data)."""
    p.proto = "loopback"
    p.w("Loopback")
    if length < 2:
        _invalid(p, bp, length)
        return
    skip = _le16(p, bp)
    bp, length = bp + 2, length - 2
    p.w(f", skipCount {skip}{' (bogus)' if skip % 8 else ''}")
    if length < skip:
        _invalid(p, bp, length)
        return
    p.b(bp, skip)
    bp, length = bp + skip, length - skip
    if length < 2:
        _invalid(p, bp, length)
        return
    function = _le16(p, bp)
    bp, length = bp + 2, length - 2
    p.w(", " + {1: "Reply", 2: "Forward Data"}.get(function, f" invalid ({function})"))
    if function in (1, 2):
        size = 2 if function == 1 else 6
        if length < size:
            _invalid(p, bp, length)
            return
        p.w(f", receipt number {_le16(p, bp)}" if function == 1
            else f", forwarding address {mac(p.b(bp, 6))}")
        bp, length = bp + size, length - size
        p.w(f", data ({length} octets)")
    p.b(bp, length)
