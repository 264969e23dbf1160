"""The IPsec authentication header, as tcpdump's print-ah.c prints it."""

from __future__ import annotations

from craft.fmt.tcpdump.netdissect import Pkt


def ah_print(p: Pkt, off: int) -> int:
    """IPsec AH (RFC 4302) as tcpdump prints it; returns its length."""
    p.proto = "ah"
    p.w("AH")
    ln = p.u8(off + 1)
    hlen = (ln + 2) * 4
    p.w("(")
    if p.o.v:
        p.w(f"length={ln}({hlen}-bytes),")
    rsv = p.u16(off + 2)
    if rsv:
        p.w(f"reserved=0x{rsv:x}[MustBeZero],")
    p.w(f"spi=0x{p.u32(off + 4):08x},")
    p.w(f"seq=0x{p.u32(off + 8):x},")
    p.w("icv=0x")
    for i in range(off + 12, off + hlen):
        p.w(f"{p.u8(i):02x}")
    p.w("): ")
    return hlen
