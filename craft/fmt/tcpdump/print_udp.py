"""UDP and the applications it carries by port, as tcpdump's print-udp.c
prints them."""

from __future__ import annotations

from craft.fmt.tcpdump.dispatch import udp_app
from craft.fmt.tcpdump.in_cksum import cksum, ip4_pseudo, ip6_pseudo, shouldbe
from craft.fmt.tcpdump.netdissect import Pkt, Trunc, fields
from craft.fmt.tcpdump.util_print import addr_pair


def _udpipaddr(p: Pkt, iph: int, sport: int, dport: int) -> None:
    src, dst, ipnh, _ = addr_pair(p, iph)
    if ipnh == 17:
        if sport == -1:
            p.w(f"{src} > {dst}: ")
        else:
            p.w(f"{src}.{sport} > {dst}.{dport}: ")
    elif sport != -1:
        p.w(f"{sport} > {dport}: ")


def udp_print(p: Pkt, off: int, length: int, iph: int, fragmented: bool) -> None:
    p.proto = "udp"
    o = p.o
    is6 = p.d[iph] >> 4 == 6
    if not p.test(off + 2, 2):
        _udpipaddr(p, iph, -1, -1)
        raise Trunc(local=True)
    sport, dport = p.u16(off), p.u16(off + 2)
    if length < 8:
        _udpipaddr(p, iph, sport, dport)
        p.w(f"truncated-udp {length}")
        return
    if not p.test(off + 4, 2):
        _udpipaddr(p, iph, sport, dport)
        raise Trunc(local=True)
    ulen: int = fields("udp", p, off)["len"] if p.test(off, 8) else p.u16(off + 4)
    if ulen == 0 and length > 65535:
        ulen = length
    if ulen < 8:
        _udpipaddr(p, iph, sport, dport)
        p.w(f"truncated-udplength {ulen}")
        return
    ulen -= 8
    length -= 8
    if ulen < length:
        length = ulen
    if off + 8 > p.end:
        _udpipaddr(p, iph, sport, dport)
        raise Trunc(local=True)
    _udpipaddr(p, iph, sport, dport)
    if o.v and not fragmented:
        usum = p.u16(off + 6)
        if not is6 and o.v > 1:
            if usum == 0:
                p.w("[no cksum] ")
            elif p.test(off + 8, length):
                seg = p.d[off:off + 8 + length]
                s = cksum(ip4_pseudo(p, iph, 17, length + 8) + seg)
                if s:
                    p.w(f"[bad udp cksum 0x{usum:04x} -> 0x{shouldbe(usum, s):04x}!] ")
                else:
                    p.w("[udp sum ok] ")
        elif is6 and p.test(off + 8, length):
            seg = p.d[off:off + 8 + length]
            ph = ip6_pseudo(p, iph, length + 8, 17)
            s = cksum(ph + seg)
            if s:
                p.w(f"[bad udp cksum 0x{usum:04x} -> 0x{shouldbe(usum, s):04x}!] ")
            else:
                p.w("[udp sum ok] ")
    app = None if o.q else udp_app(sport, dport)
    if app is not None:
        p.iph = iph
        app(p, off + 8, length)
    elif ulen > length and not fragmented:
        p.w(f"UDP, bad length {ulen} > {length}")
    else:
        p.w(f"UDP, length {ulen}")
