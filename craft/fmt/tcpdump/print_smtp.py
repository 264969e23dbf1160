"""print_smtp: see tcpdump's print-smtp.c."""

from __future__ import annotations

from craft.fmt.tcpdump.netdissect import Pkt
from craft.fmt.tcpdump.util_print import txtproto


def smtp_print(p: Pkt, bp: int, length: int) -> None:
    p.w(": ")
    txtproto(p, bp, length, "smtp", None)
