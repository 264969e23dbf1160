"""VRRP, as tcpdump's print-vrrp.c prints it."""

from __future__ import annotations

import struct

from craft.fmt.tcpdump.addrtoname import ip4, ip6
from craft.fmt.tcpdump.in_cksum import cksum, ip6_pseudo
from craft.fmt.tcpdump.netdissect import Pkt
from craft.fmt.tcpdump.util_print import printjnp

_VRRP_AUTH = {0: "none", 1: "simple", 2: "ah"}


def vrrp_print(p: Pkt, bp: int, length: int, iph: int, ver: int) -> None:
    """tcpdump's vrrp_print; ``iph`` is the IP header (its TTL or hop limit
    and, for VRRPv3, its pseudo-header)."""
    p.proto = "vrrp"
    ttl = p.u8(iph + 8) if ver == 4 else p.u8(iph + 7)
    p.w("VRRP")
    b0 = p.u8(bp)
    version, kind = b0 >> 4, b0 & 0x0F
    p.w(f"v{version}, {'Advertisement' if kind == 1 else f'unknown type ({kind})'}")
    if ttl != 255:
        p.w(f", (ttl {ttl})")
    if version not in (2, 3) or kind != 1:
        return
    p.w(f", vrid {p.u8(bp + 1)}, prio {p.u8(bp + 2)}")
    auth = 0
    if version == 2:
        auth = p.u8(bp + 4)
        p.w(f", authtype {_VRRP_AUTH.get(auth, f'#{auth}')}")
        p.w(f", intvl {p.u8(bp + 5)}s, length {length}")
    else:
        p.w(f", intvl {(p.u8(bp + 4) & 0x0F) << 8 | p.u8(bp + 5)}cs, length {length}")
    if not p.o.v:
        return
    naddrs = p.u8(bp + 3)
    if p.test(bp, length):
        data = p.d[bp:bp + length]
        if version == 3:

            if ver == 4:
                pseudo = p.d[iph + 12:iph + 20] + struct.pack("!BBH", 0, 112, length)
            else:
                pseudo = ip6_pseudo(p, iph, length, 112)
            data = pseudo + data
        if cksum(data):
            p.w(f", (bad vrrp cksum {p.u16(bp + 6):x})")
    p.w(", addrs" + (f"({naddrs})" if naddrs > 1 else "") + ":")
    at = bp + 8
    for i in range(naddrs):
        sep = " " if i == 0 else ","
        if ver == 4:
            p.w(f"{sep}{ip4(p.b(at, 4))}")
            at += 4
        else:
            p.w(f"{sep}{ip6(p.b(at, 16))}")
            at += 16
    if version == 2 and auth == 1:
        p.w(' auth "')
        printjnp(p, at, 8)
        p.w('"')
