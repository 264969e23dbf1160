"""First-hop redundancy protocols as tcpdump 4.99 prints them: VRRP v2/v3
(RFC 3768, 5798; IP protocol 112) and Cisco's HSRP v0 (RFC 2281; UDP port
1985), private to craft.fmt.tcpdump."""

from __future__ import annotations

from craft.fmt.tcpdump_base import Pkt, cksum, ip4, ip6, ip6_pseudo, printjnp, relts

_HSRP_OPS = ("hello", "coup", "resign")
_HSRP_STATES = {0: "initial", 1: "learn", 2: "listen", 4: "speak", 8: "standby", 16: "active"}
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
            import struct

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


def hsrp_print(p: Pkt, bp: int, length: int) -> None:
    """tcpdump's hsrp_print."""
    p.proto = "hsrp"
    version = p.u8(bp)
    p.w(f"HSRPv{version}")
    if version != 0:
        return
    p.w("-")
    op = p.u8(bp + 1)
    p.w(f"{_HSRP_OPS[op] if op < len(_HSRP_OPS) else f'unknown ({op})'} {length}: ")
    state = p.u8(bp + 2)
    p.w(f"state={_HSRP_STATES.get(state, f'Unknown ({state})')} ")
    p.w(f"group={p.u8(bp + 6)} ")
    if p.u8(bp + 7):
        p.w(f"[reserved={p.u8(bp + 7)}!] ")
    p.w(f"addr={ip4(p.b(bp + 16, 4))}")
    if p.o.v:
        p.w(f" hellotime={relts(p.u8(bp + 3))} holdtime={relts(p.u8(bp + 4))} "
            f'priority={p.u8(bp + 5)} auth="')
        printjnp(p, bp + 8, 8)
        p.w('"')
