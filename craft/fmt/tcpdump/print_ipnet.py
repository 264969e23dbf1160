"""Solaris IPNET, as tcpdump's print-ipnet.c prints it."""

from __future__ import annotations

from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.print_ip import ip_print
from craft.fmt.tcpdump.print_ip6 import ip6_print
from craft.fmt.tcpdump.util_print import default_print


def ipnet_if_print(p: Pkt, off: int, length: int, caplen: int) -> int:
    p.proto = "ipnet"
    if caplen < 24:
        raise Trunc
    fam = p.u8(off + 1)
    names = {2: "IPv4", 26: "IPv6"}

    def hdr(n: int) -> None:
        p.w(f"{p.u32(off + 16)} > {p.u32(off + 20)}")
        if not p.o.q:
            p.w(f", family {names.get(fam, 'Unknown')} ({fam})")
        else:
            p.w(", " + names.get(fam, f"Unknown Ethertype (0x{fam:04x})"))
        p.w(f", length {n}: ")

    if p.o.e:
        hdr(length)
    p.ll = 24
    if fam == 2:
        ip_print(p, off + 24, length - 24)
    elif fam == 26:
        ip6_print(p, off + 24, length - 24)
    else:
        if not p.o.e:
            hdr(length)
        default_print(p, off + 24, caplen - 24)
    return 24
