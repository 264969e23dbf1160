"""BSD loopback (DLT_NULL and DLT_LOOP), as tcpdump's print-null.c prints it."""

from __future__ import annotations

from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.print_ip import ip_print
from craft.fmt.tcpdump.print_ip6 import ip6_print
from craft.fmt.tcpdump.util_print import default_print

_BSD_AF = {2: "IPv4", 24: "IPv6", 28: "IPv6", 30: "IPv6", 7: "OSI", 23: "Novell", 16: "Appletalk"}


def null_print(p: Pkt, off: int, length: int, caplen: int, loop: bool) -> int:
    p.proto = "null"
    if caplen < 4:
        raise Trunc
    raw = p.b(off, 4)
    fam = int.from_bytes(raw, "big") if loop else int.from_bytes(raw, "little")
    if not loop and fam & 0xFFFF0000:
        fam = int.from_bytes(raw, "big")
    def header() -> None:
        if not p.o.q:
            p.w(f"AF {_BSD_AF.get(fam, 'Unknown')} ({fam})")
        else:
            p.w(_BSD_AF.get(fam, f"Unknown AF {fam}"))
        p.w(f", length {length}: ")

    if p.o.e:
        header()
    p.ll = 4
    if fam == 2:
        ip_print(p, off + 4, length - 4)
    elif fam in (24, 28, 30):
        ip6_print(p, off + 4, length - 4)
    else:
        if not p.o.e:
            header()
        default_print(p, off + 4, caplen - 4)
    return 4


def null_if_print(p: Pkt, off: int, length: int, caplen: int) -> int:
    return null_print(p, off, length, caplen, False)


def loop_if_print(p: Pkt, off: int, length: int, caplen: int) -> int:
    return null_print(p, off, length, caplen, True)
