"""print_ftp: see tcpdump's print-ftp.c."""

from __future__ import annotations

from craft.fmt.tcpdump.netdissect import Pkt
from craft.fmt.tcpdump.util_print import txtproto


def ftp_print(p: Pkt, bp: int, length: int) -> None:
    p.w(": ")
    txtproto(p, bp, length, "ftp", None)
