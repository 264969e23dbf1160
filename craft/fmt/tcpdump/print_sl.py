"""SLIP, as tcpdump's print-sl.c prints it."""

from __future__ import annotations

from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.print_ip import ip_print
from craft.fmt.tcpdump.print_ip6 import ip6_print


def _sliplink(p: Pkt, off: int, length: int) -> None:
    """tcpdump's sliplink_print (VJ-compressed TCP is not decoded)."""
    d = p.u8(off)
    if d in (0, 1):
        p.w("I " if d == 0 else "O ")
    else:
        p.w(f"Invalid direction {d} ")
    chdr = p.u8(off + 1)
    if chdr & 0xF0 == 0x40:
        p.w(f"ip {length + 16}: ")
    elif chdr & 0xF0 == 0x70:
        p.w(f"utcp {p.u8(off + 1 + 9)}: ")
    elif d in (0, 1):
        p.w("ctcp *: " if chdr & 0x80 else f"slip-{chdr}!: ")


def sl_if_print(p: Pkt, off: int, length: int, caplen: int) -> int:
    p.proto = "slip"
    if caplen < 16:
        raise Trunc
    length -= 16
    cp = off + 16
    if p.o.e:
        _sliplink(p, off, length)
    p.ll = 16
    v = p.u8(cp) >> 4
    if v in (4, 6):
        (ip_print if v == 4 else ip6_print)(p, cp, length)
    else:
        p.w(f"ip v{v}")
    return 16
