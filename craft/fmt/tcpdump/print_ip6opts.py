"""IPv6 hop-by-hop and destination options, as tcpdump's print-ip6opts.c
prints them."""

from __future__ import annotations

from craft.fmt.tcpdump.addrtoname import ip6
from craft.fmt.tcpdump.netdissect import Pkt

_NAMES = {1: "padn", 5: "rtalert", 0xC2: "jumbo", 0xC9: "homeaddr"}
# the options of a known layout: (name, the bytes they need, what their length must be)
_CHECKS = {5: ("rtalert", 4, lambda n: n == 2), 0xC2: ("jumbo", 6, lambda n: n == 4),
           0xC9: ("homeaddr", 18, lambda n: n >= 16)}


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
        if t and ln - i < 2:  # (every option but Pad1 has its length)
            p.w(f"({_NAMES.get(t, f'type {t}')}: trunc)")
            return False
        if t in _CHECKS:
            name, need, len_ok = _CHECKS[t]
            if ln - i < need:
                p.w(f"({name}: trunc)")
                return False
            if not len_ok(p.u8(bp + i + 1)):
                p.w(f"({name}: invalid len {p.u8(bp + i + 1)})")
                return False
        if t == 0:
            if v:
                p.w("(pad1)")
        elif t == 1:
            if v:
                p.w("(padn)")
        elif t == 5:
            if v:
                p.w(f"(rtalert: 0x{p.u16(bp + i + 2):04x}) ")
        elif t == 0xC2:
            jl = p.u32(bp + i + 2)
            if jumbo[2]:
                why = " - already seen"
            else:
                jumbo[2] = 1
                if not hbh:
                    why = " - not a hop-by-hop option"
                elif jumbo[1] != 0:
                    why = " - payload len != 0"
                elif jl < 65536:
                    why = " - < 65536"
                else:
                    jumbo[0], jumbo[1], why = 1, jl, ""
            if v:
                p.w(f"(jumbo: {jl}{why}) ")
        elif t == 0xC9:
            if v:
                p.w(f"(homeaddr: {ip6(p.b(bp + i + 2, 16))}")
                if p.u8(bp + i + 1) > 16:
                    p.w(" (invalid length)")
                p.w(")")  # no space after, unlike rtalert and jumbo: as print-ip6opts.c
        elif v:
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
