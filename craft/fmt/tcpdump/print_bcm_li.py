"""Broadcom LI, as tcpdump's print-bcm-li.c prints it."""

from __future__ import annotations

from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.print_ether import ether_print
from craft.fmt.tcpdump.print_ip import ip_print
from craft.fmt.tcpdump.print_ip6 import ip6_print

_LI_DIRECTIONS = {1: "unused", 2: "egress", 3: "ingress"}
_LI_TYPES = {4: "undecided", 5: "ipv4", 6: "ipv6", 7: "ethernet"}
_LI_SUBTYPES = {1: "single VLAN tag", 2: "double VLAN tag", 3: "untagged"}


def bcm_li_print(p: Pkt, bp: int, ln: int) -> None:
    """Broadcom's lawful-intercept shim (UDP port 49152) and, with -v, the
    packet it carries, as 4.99.3 prints them."""

    p.proto = "bcm_li"
    if ln < 4:
        p.w(f" (length {ln} < 4) (invalid)")
        return
    shim = p.u32(bp)
    kind = (shim >> 25) & 0xF
    nl = "\n    " if p.o.v else ""
    p.w(f"{nl}BCM-LI-SHIM: direction {_LI_DIRECTIONS.get(shim >> 29, 'unknown')}, "
        f"pkt-type {_LI_TYPES.get(kind, 'unknown')}, "
        f"pkt-subtype {_LI_SUBTYPES.get((shim >> 22) & 7, 'unknown')}, li-id {shim & 0x3FFFFF}{nl}")
    bp, ln = bp + 4, ln - 4
    if not p.o.v:
        if not p.test(bp, ln):
            raise Trunc  # (ND_LONGJMP_FROM_TCHECK: the whole packet is dumped with -x)
        return
    if kind == 4:
        first = p.u8(bp) >> 4
        kind = 5 if first == 4 else 6 if first == 6 else 0
        if not kind:
            p.w("unknown payload")
            return
    if kind not in (5, 6, 7):
        p.w(" (invalid)")
    elif p.st.depth_ok():
        if kind == 7:
            ether_print(p, bp, ln, p.avail(bp))
        elif kind == 5:
            ip_print(p, bp, ln)
        else:
            ip6_print(p, bp, ln)
