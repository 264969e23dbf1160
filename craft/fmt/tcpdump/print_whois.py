"""print_whois: see tcpdump's print-whois.c."""

from __future__ import annotations

from craft.fmt.tcpdump.netdissect import Pkt
from craft.fmt.tcpdump.util_print import txtproto


def whois_print(p: Pkt, bp: int, length: int) -> None:
    p.w(": ")
    txtproto(p, bp, length, "whois", None)
