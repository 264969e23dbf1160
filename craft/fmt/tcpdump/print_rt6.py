"""The IPv6 routing header, as tcpdump's print-rt6.c prints it."""

from __future__ import annotations

from craft.fmt.tcpdump.addrtoname import ip6
from craft.fmt.tcpdump.netdissect import Pkt


def _addrs(p: Pkt, a: int, ln: int) -> int:
    """The addresses of a type 0, 2 or 4 routing header; its length."""
    for i in range(ln >> 1):
        p.w(f", [{i}]{ip6(p.b(a + 16 * i, 16))}")
    p.w(") ")
    return (ln + 1) << 3


def rt6_print(p: Pkt, cp: int) -> int:
    p.proto = "rt6"
    p.w("RT6")
    ln = p.u8(cp + 1)
    p.w(f" (len={ln}")
    typ = p.u8(cp + 2)
    p.w(f", type={typ}")
    if typ == 0:
        p.w(" [Deprecated]")
    p.w(f", segleft={p.u8(cp + 3)}")
    if typ in (0, 2):
        rsv = p.u32(cp + 4)
        if rsv or p.o.v:
            p.w(f", rsv=0x{rsv:x}")
        if ln % 2 == 1:
            p.w(f" [invalid length {ln}] (invalid)")
            return -1
        return _addrs(p, cp + 8, ln)
    if typ == 4:
        p.w(f", last-entry={p.u8(cp + 4)}")
        flags = p.u8(cp + 5)
        if flags or p.o.v:
            p.w(f", flags=0x{flags:x}")
        p.w(f", tag={p.u16(cp + 6):x}")
        return _addrs(p, cp + 8, ln)
    p.w(" (unknown type) (invalid)")
    return -1
