"""The IPv6 fragment header, as tcpdump's print-frag6.c prints it."""

from __future__ import annotations

from craft.fmt.tcpdump.netdissect import Pkt


def frag6_print(p: Pkt, cp: int, ip6off: int) -> int:
    p.proto = "frag6"
    offlg = p.u16(cp + 2)
    plen = p.u16(ip6off + 4)
    rest = (plen - (cp - ip6off) - 8 + 40) & 0xFFFFFFFFFFFFFFFF  # a u_long in tcpdump
    if p.o.v:
        p.w(f"frag (0x{p.u32(cp + 4):08x}:{offlg & 0xFFF8}|{rest})")
    else:
        p.w(f"frag ({offlg & 0xFFF8}|{rest})")
    if offlg & 0xFFF8:
        return -1
    p.w(" ")
    return 8
