"""VXLAN-GPE, as tcpdump's print-vxlan-gpe.c prints it."""

from __future__ import annotations

from craft.fmt.tcpdump.netdissect import Pkt
from craft.fmt.tcpdump.print_nsh import next_proto_print, nsh_print

_GPE_FLAGS = ((0x08, "I"), (0x04, "P"), (0x02, "B"), (0x01, "O"))


def vxlan_gpe_print(p: Pkt, bp: int, ln: int) -> None:
    """VXLAN's Generic Protocol Extension (UDP 4790): IPv4, IPv6, Ethernet or
    NSH inside, as 4.99.3 prints it."""
    p.proto = "vxlan_gpe"
    p.w("VXLAN-GPE, ")
    if ln < 8:
        p.w(f" (len {ln} < 8) (invalid)")
        return
    flags = p.u8(bp)
    p.w(f"flags [{''.join(n for b, n in _GPE_FLAGS if flags & b) or 'none'}], ")
    nextp = p.u8(bp + 3)
    p.w(f"vni {p.u32(bp + 4) >> 8}")
    p.w("\n    " if p.o.v else ": ")
    bp, ln = bp + 8, ln - 8
    if not p.st.depth_ok():
        return
    if nextp == 4:
        nsh_print(p, bp, ln)
    elif 1 <= nextp <= 3:
        next_proto_print(p, nextp, bp, ln)
    else:
        p.w("ERROR: unknown-next-protocol (invalid)")
