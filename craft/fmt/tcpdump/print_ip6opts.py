"""IPv6 hop-by-hop and destination options, as tcpdump's print-ip6opts.c
prints them."""

from __future__ import annotations

from craft.fmt.tcpdump.addrtoname import ip6
from craft.fmt.tcpdump.netdissect import Pkt


def _ip6_opts(p: Pkt, bp: int, ln: int, jumbo: list[int], hbh: bool) -> bool:
    """tcpdump's ip6_opt_process; ``jumbo`` is [found, payload_len, seen].
    False when the options are cut short."""
    v = p.o.v
    i = 0
    while i < ln:
        t = p.u8(bp + i)
        if t == 0:
            optlen = 1
        elif i + 1 < ln:
            optlen = p.u8(bp + i + 1) + 2
        else:
            return False
        if i + optlen > ln:
            return False
        if t == 0:
            if v:
                p.w("(pad1)")
        elif t == 1:
            if ln - i < 2:
                p.w("(padn: trunc)")
                return False
            if v:
                p.w("(padn)")
        elif t == 5:
            if ln - i < 4:
                p.w("(rtalert: trunc)")
                return False
            if p.u8(bp + i + 1) != 2:
                p.w(f"(rtalert: invalid len {p.u8(bp + i + 1)})")
                return False
            if v:
                p.w(f"(rtalert: 0x{p.u16(bp + i + 2):04x}) ")
        elif t == 0xC2:
            if ln - i < 6:
                p.w("(jumbo: trunc)")
                return False
            if p.u8(bp + i + 1) != 4:
                p.w(f"(jumbo: invalid len {p.u8(bp + i + 1)})")
                return False
            jl = p.u32(bp + i + 2)
            if jumbo[2]:
                if v:
                    p.w(f"(jumbo: {jl} - already seen) ")
            else:
                jumbo[2] = 1
                if not hbh:
                    if v:
                        p.w(f"(jumbo: {jl} - not a hop-by-hop option) ")
                elif jumbo[1] != 0:
                    if v:
                        p.w(f"(jumbo: {jl} - payload len != 0) ")
                elif jl < 65536:
                    if v:
                        p.w(f"(jumbo: {jl} - < 65536) ")
                else:
                    jumbo[0] = 1
                    jumbo[1] = jl
                    if v:
                        p.w(f"(jumbo: {jl}) ")
        elif t == 0xC9:
            if ln - i < 18:
                p.w("(homeaddr: trunc)")
                return False
            if p.u8(bp + i + 1) < 16:
                p.w(f"(homeaddr: invalid len {p.u8(bp + i + 1)})")
                return False
            if v:
                p.w(f"(homeaddr: {ip6(p.b(bp + i + 2, 16))}")
                if p.u8(bp + i + 1) > 16:
                    p.w(" (invalid length)")
                p.w(") ")
        else:
            if ln - i < 2:
                p.w(f"(type {t}: trunc)")
                return False
            if v:
                p.w(f"(opt_type 0x{t:02x}: len={p.u8(bp + i + 1)})")
        i += optlen
    if v:
        p.w(" ")
    return True


def ip6_opt_header(p: Pkt, cp: int, name: str, proto: str, jumbo: list[int], hbh: bool) -> int:
    p.proto = proto
    hlen = (p.u8(cp + 1) + 1) << 3
    if not p.test(cp, hlen):  # (the marker, then ip6_print still checks for a jumbo length)
        p.trunc()
        return -1
    p.w(f"{name} ")
    # hop-by-hop options are always walked (for a jumbo length); others with -v
    if (hbh or p.o.v) and not _ip6_opts(p, cp + 2, hlen - 2, jumbo, hbh):
        p.trunc()
        return -1
    return hlen
