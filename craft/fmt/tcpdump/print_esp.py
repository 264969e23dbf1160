"""The IPsec ESP header, as tcpdump's print-esp.c prints it."""

from __future__ import annotations

from craft.fmt.tcpdump.netdissect import Pkt


def esp_print(p: Pkt, off: int, length: int, iph: int = -1, fragmented: bool = False) -> None:
    """IPsec ESP (RFC 4303): the clear part only, as tcpdump without secrets."""
    p.proto = "esp"
    if off + 8 >= p.end:
        p.trunc()
        return
    p.w(f"ESP(spi=0x{p.u32(off):08x},seq=0x{p.u32(off + 4):x}), length {length}")
