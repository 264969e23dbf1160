"""VXLAN, as tcpdump's print-vxlan.c prints it."""

from __future__ import annotations

from craft.fmt.tcpdump.netdissect import Pkt
from craft.fmt.tcpdump.print_ether import ether_print


def vxlan_print(p: Pkt, bp: int, ln: int) -> None:
    """VXLAN (RFC 7348) and the Ethernet frame it carries, as 4.99.3 (which
    starts the inner frame on a new line)."""
    p.proto = "vxlan"
    p.w("VXLAN")
    if ln < 8:
        p.w(" (invalid)")
        return
    flags = p.u8(bp)
    p.w(f", flags [{'I' if flags & 0x08 else 'invalid'}] (0x{flags:02x}), ")
    vni = (p.u16(bp + 4) << 8) | p.u8(bp + 6)
    p.w(f"vni {vni}\n")
    p.u8(bp + 7)  # the reserved byte after the VNI must have been captured
    if p.st.depth_ok():
        ether_print(p, bp + 8, ln - 8, p.avail(bp + 8))
