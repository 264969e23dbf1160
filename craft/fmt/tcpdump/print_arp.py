"""ARP and RARP, as tcpdump's print-arp.c prints them."""

from __future__ import annotations

from craft.fmt.tcpdump.addrtoname import ip4, mac
from craft.fmt.tcpdump.ethertype import ETHERTYPES
from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.util_print import default_print

_ARP_OPS = {1: "Request", 2: "Reply", 3: "Reverse Request", 4: "Reverse Reply",
            8: "Inverse Request", 9: "Inverse Reply", 10: "NACK Reply"}


_ARP_HRD = {1: "Ethernet", 6: "TokenRing", 7: "ArcNet", 15: "FrameRelay", 23: "Strip",
            24: "IEEE 1394", 32: "InfiniBand"}  # (ATM, 19, has a printer craft lacks)


def _link(p: Pkt, a: int, n: int) -> str:
    return mac(p.b(a, n)) if n else "<empty>"


def _paddr(p: Pkt, a: int, pro: int, pln: int) -> str:
    if pro not in (0x0800, 0x1000):
        return "<wrong proto type>"
    if pln != 4:
        return "<wrong len>"
    return ip4(p.b(a, 4))


def arp_print(p: Pkt, off: int, length: int, caplen: int) -> None:
    """tcpdump's arp_print (Ethernet-style addresses of any length)."""
    p.proto = "arp"
    o = p.o
    if not p.test(off, 8):  # read field by field: a failed read ends the packet
        raise Trunc
    hrd, pro = p.u16(off), p.u16(off + 2)
    hln, pln = p.u8(off + 4), p.u8(off + 5)
    op = p.u16(off + 6)
    sha = off + 8
    spa = sha + hln
    tha = spa + pln
    tpa = tha + hln
    if not p.test(tpa, pln):  # (tcpdump dumps the whole frame after this one too)
        raise Trunc
    if not o.e:
        p.w("ARP, ")
    if pro not in (0x0800, 0x1000) or pln != 4 or hln == 0 or o.v:
        hname = _ARP_HRD.get(hrd, f"Unknown Hardware ({hrd})")
        pname = ETHERTYPES.get(pro, f"Unknown Protocol (0x{pro:04x})")
        p.w(f"{hname} (len {hln}), {pname} (len {pln})")
        if not o.v:
            p.w(f", length {length}")
            return
    p.w(f"{', ' if o.v else ''}{_ARP_OPS.get(op, f'Unknown ({op})')} ")
    if op == 1:
        p.w(f"who-has {_paddr(p, tpa, pro, pln)}")
        if any(p.b(tha, hln)):
            p.w(f" ({_link(p, tha, hln)})")
        p.w(f" tell {_paddr(p, spa, pro, pln)}")
    elif op == 2:
        p.w(f"{_paddr(p, spa, pro, pln)} is-at {_link(p, sha, hln)}")
    elif op in (3, 8):
        p.w(f"who-is {_link(p, tha, hln)} tell {_link(p, sha, hln)}")
    elif op == 4:
        p.w(f"{_link(p, tha, hln)} at {_paddr(p, tpa, pro, pln)}")
    elif op == 9:
        p.w(f"{_link(p, sha, hln)} at {_paddr(p, spa, pro, pln)}")
    else:
        default_print(p, off, caplen, always=True)
        return
    p.w(f", length {length}")
