"""Checksums and pseudo-headers, as tcpdump's in_cksum.c and the
nextproto4_cksum/nextproto6_cksum of print-ip.c/print-ip6.c."""

from __future__ import annotations

import struct

from craft.fmt.tcpdump.netdissect import Pkt
from craft.layers.base import inet_checksum


def ip6_pseudo(p: Pkt, iph: int, length: int, nh: int) -> bytes:
    """The IPv6 pseudo-header for an upper-layer checksum: the source, and the
    final destination found through a routing header as tcpdump's
    ip6_finddst does (the last address of type 0 and 2, segment 0 of an SRH)."""
    dst = iph + 24
    cp, advance, nxt = iph, 40, p.d[iph + 6]
    while cp < p.end:
        cp += advance
        if nxt in (0, 60, 62, 135):  # hop-by-hop, destination options, mobility
            advance, nxt = (p.u8(cp + 1) + 1) << 3, p.u8(cp)
        elif nxt == 44:  # fragment
            advance, nxt = 8, p.u8(cp)
        elif nxt == 43:  # routing: found it
            n, kind = p.u8(cp + 1), p.u8(cp + 2)
            if kind in (0, 2):
                for i in range(n // 2):
                    if not p.test(cp + 8 + 16 * i, 16):
                        break
                    dst = cp + 8 + 16 * i
            elif kind == 4:
                dst = cp + 8
            break
        else:
            break
    return p.d[iph + 8:iph + 24] + p.b(dst, 16) + struct.pack("!I3xB", length, nh)


def cksum(data: bytes) -> int:
    """in_cksum as tcpdump uses it: 0 when the data (with its checksum) is right."""
    return inet_checksum(bytes(data))


def shouldbe(sum_field: int, computed: int) -> int:
    """tcpdump's in_cksum_shouldbe."""
    s = sum_field + computed  # tcpdump adds ntohs() of a host-order sum: the wire value
    s = (s & 0xFFFF) + (s >> 16)
    s = (s & 0xFFFF) + (s >> 16)
    return s & 0xFFFF


def ip4_pseudo(p: Pkt, iph: int, proto: int, length: int) -> bytes:
    ihl = (p.d[iph] & 0xF) * 4
    dst = p.d[iph + 16:iph + 20]
    if ihl > 20:  # a source route: the final destination (ip_finddst)
        cp, left = iph + 20, ihl - 20
        while left > 0 and p.test(cp, 1):
            t = p.d[cp]
            if t == 0:
                break
            if t == 1:
                n = 1
            else:
                if not p.test(cp + 1, 1):
                    break
                n = p.d[cp + 1]
                if n < 2:
                    break
            if left < n or not p.test(cp, n):
                break
            if t in (131, 137) and n >= 7:
                dst = p.d[cp + n - 4:cp + n]
                break
            cp += n
            left -= n
    return p.d[iph + 12:iph + 16] + dst + struct.pack("!BBH", 0, proto, length & 0xFFFF)
