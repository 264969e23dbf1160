"""GRE, as tcpdump's print-gre.c prints it."""

from __future__ import annotations

from craft.fmt.tcpdump.dispatch import lazy
from craft.fmt.tcpdump.ethertype import ETHERTYPES
from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.print_ppp import ppp_print
from craft.fmt.tcpdump.util_print import bittok

ether_print = lazy("print_ether:ether_print")
ip_print = lazy("print_ip:ip_print")
ip6_print = lazy("print_ip6:ip6_print")
mpls_print = lazy("print_mpls:mpls_print")


_GRE_FLAGS = ((0x8000, "checksum present"), (0x4000, "routing present"),
              (0x2000, "key present"), (0x1000, "sequence# present"), (0x0800,
                                                                       "source routing present"),
              (0x0080, "ack present"))


def _check(p: Pkt, at: int, n: int, left: int, need: int) -> None:
    """tcpdump's ND_TCHECK of n bytes at ``at`` and its check that ``need``
    bytes are left of the GRE header (both print the marker)."""
    p.need(at, n)
    if left < need:
        raise Trunc(local=True)


def gre_print(p: Pkt, off: int, length: int) -> None:
    """GRE version 0 (RFC 2784/2890) as tcpdump prints it; the payload
    (IPv4, IPv6, MPLS, Ethernet) is printed in turn. Source routes are not."""
    p.proto = "gre"
    p.need(off, 2)
    if length < 2:
        raise Trunc(local=True)
    flags = p.u16(off)
    vers = flags & 7
    p.w(f"GREv{vers}")
    if vers > 1:
        p.w(" ERROR: unknown-version")
        return
    o = p.o
    if o.v:
        p.w(f", Flags [{bittok(_GRE_FLAGS, 'none', flags)}]")
    if vers == 1:
        _gre_v1(p, off, length, flags)
        return
    _check(p, off + 2, 2, length - 2, 2)
    prot, bp, ln = p.u16(off + 2), off + 4, length - 4
    if flags & 0xC000:
        _check(p, bp, 2, ln, 2)
        if o.v:
            p.w(f", sum 0x{p.u16(bp):x}")
        _check(p, bp + 2, 2, ln, 4)
        p.w(f", off 0x{p.u16(bp + 2):x}")
        bp, ln = bp + 4, ln - 4
    if flags & 0x2000:
        _check(p, bp, 4, ln, 4)
        p.w(f", key=0x{p.u32(bp):x}")
        bp, ln = bp + 4, ln - 4
    if flags & 0x1000:
        _check(p, bp, 4, ln, 4)
        p.w(f", seq {p.u32(bp)}")
        bp, ln = bp + 4, ln - 4
    if flags & 0x4000:  # source route entries (RFC 1701): their families only
        for _ in range(256):
            _check(p, bp, 4, ln, 4)
            af, srelen = p.u16(bp), p.u8(bp + 3)
            bp += 4
            ln -= 4
            if af == 0 and srelen == 0:
                break
            words = {0x0800: "ip", 0xFFFE: "asn"}
            p.w(f", (rtaf={words[af]})" if af in words else f", (rtaf=0x{af:x})")
            if ln < srelen:
                raise Trunc(local=True)
            bp += srelen
            ln -= srelen
    if o.e:
        p.w(f", proto {ETHERTYPES.get(prot, 'unknown')} (0x{prot:04x})")
    p.w(f", length {length}")
    p.w("\n\t" if o.v else ": ")
    if prot == 0x0800:
        ip_print(p, bp, ln)
    elif prot == 0x86DD:
        ip6_print(p, bp, ln)
    elif prot == 0x8847:  # ETHERTYPE_MPLS
        mpls_print(p, bp, ln)
    elif prot == 0x6558:
        ether_print(p, bp, ln, p.avail(bp))
    else:
        p.w(f"gre-proto-0x{prot:x}")


def _gre_v1(p: Pkt, off: int, length: int, flags: int) -> None:
    """Enhanced GRE (PPTP, RFC 2637); the PPP payload is not decoded by craft."""
    _check(p, off + 2, 2, length - 2, 2)
    prot, bp, ln = p.u16(off + 2), off + 4, length - 4
    for bit, word in ((0x2000, "call"), (0x1000, "seq"), (0x0080, "ack")):
        if flags & bit:
            p.need(bp, 4)
            if ln < 4:
                raise Trunc(local=True)
            value = p.u32(bp)
            p.w(f", {word} {value & 0xFFFF if bit == 0x2000 else value}")
            bp += 4
            ln -= 4
    if not flags & 0x1000:
        p.w(", no-payload")
    if p.o.e:
        p.w(f", proto {ETHERTYPES.get(prot, 'unknown')} (0x{prot:04x})")
    p.w(f", length {length}")
    if not flags & 0x1000:
        return
    p.w("\n\t" if p.o.v else ": ")
    if prot == 0x880B:

        ppp_print(p, bp, ln)
    else:
        p.w(f"gre-proto-0x{prot:x}")
