"""Raw IP link types, as tcpdump's print-raw.c prints them."""

from __future__ import annotations

from craft.fmt.tcpdump.netdissect import Pkt
from craft.fmt.tcpdump.print_ip import ipn_print


def raw_if_print(p: Pkt, off: int, length: int, caplen: int) -> int:
    if p.o.e:
        p.w("ip: ")
    ipn_print(p, off, length)
    return 0
