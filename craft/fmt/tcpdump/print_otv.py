"""OTV, as tcpdump's print-otv.c prints it."""

from __future__ import annotations

from craft.fmt.tcpdump.netdissect import Pkt
from craft.fmt.tcpdump.print_ether import ether_print


def otv_print(p: Pkt, bp: int, ln: int) -> None:
    """Overlay Transport Virtualization (UDP 8472) and the Ethernet frame it
    carries, as 4.99.3 prints them."""
    p.proto = "otv"
    p.w("OTV, ")
    if ln < 8:
        p.w(f"[length {ln} < 8] (invalid)")
        p.b(bp, ln)
        return
    flags = p.u8(bp)
    p.w(f"flags [{'I' if flags & 0x08 else '.'}] (0x{flags:02x}), ")
    p.w(f"overlay {(p.u16(bp + 1) << 8) | p.u8(bp + 3)}, ")
    p.w(f"instance {(p.u16(bp + 4) << 8) | p.u8(bp + 6)}\n")
    p.u8(bp + 7)  # the reserved byte must have been captured
    if p.st.depth_ok():
        ether_print(p, bp + 8, ln - 8, p.avail(bp + 8))
