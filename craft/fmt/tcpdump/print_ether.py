"""Ethernet (with 802.1Q tags and MACsec) and the ethertype demux, as tcpdump's
print-ether.c prints them."""

from __future__ import annotations

from craft.fmt.tcpdump.addrtoname import mac
from craft.fmt.tcpdump.dispatch import ethertype_printer
from craft.fmt.tcpdump.ethertype import ETHERTYPES
from craft.fmt.tcpdump.netdissect import Pkt, Trunc, fields
from craft.fmt.tcpdump.print_arp import arp_print
from craft.fmt.tcpdump.print_isoclns import isoclns_print
from craft.fmt.tcpdump.print_llc import llc_print
from craft.fmt.tcpdump.print_macsec import macsec_print
from craft.fmt.tcpdump.print_ppp import ppp_print
from craft.fmt.tcpdump.util_print import default_print

# -------------------------------------------------------------- link layers

def _ether_type(p: Pkt, t: int) -> None:
    if not p.o.q:
        p.w(f"ethertype {ETHERTYPES.get(t, 'Unknown')} (0x{t:04x})")
    else:
        p.w(ETHERTYPES.get(t, f"Unknown Ethertype (0x{t:04x})"))


def ethertype_print(p: Pkt, t: int, off: int, length: int, caplen: int) -> bool:
    """tcpdump's ethertype_print: the printer dispatch's table names for ``t``."""
    fn = ethertype_printer(t)
    if fn is not None:
        fn(p, off, length)
    elif t in (0x0806, 0x8035):
        arp_print(p, off, length, caplen)
    elif t == 0x880B:
        if length:
            p.w(": ")
            ppp_print(p, off, length)
    elif t == 0xFEFE:
        if length == 0 or caplen == 0:
            p.proto = "isoclns"
            p.trunc()
        else:
            isoclns_print(p, off + 1, length - 1)  # (tcpdump skips one byte here)
    else:
        return False
    return True


def ether_if_print(p: Pkt, off: int, length: int, caplen: int) -> int:
    """Ethernet as the link type of the capture."""
    p.proto = "ether"
    if caplen < 14 and length >= caplen:
        p.trunc()
        return caplen
    return ether_print(p, off, length, caplen)


def ether_print(p: Pkt, off: int, length: int, caplen: int) -> int:
    """An Ethernet frame at ``off`` (the capture's link layer, or carried by
    a tunnel: then a frame cut short ends the whole packet, as in tcpdump)."""
    o = p.o
    if length < caplen:
        p.w(f"[length {length} < caplen {caplen}] (invalid)")
        return length
    p.proto = "ether"
    if caplen < 14:
        raise Trunc(local=True)
    orig = length
    h = fields("ether", p, off) if o.e else None
    if h is not None:
        p.w(f"{mac(h['src'])} > {mac(h['dst'])}, ")
    length -= 12
    caplen -= 12
    hdrlen = 12
    cp = off + 12
    printed_length = False
    t = p.u16(cp)
    length -= 2
    caplen -= 2
    cp += 2
    hdrlen += 2
    if t == 0x88E5:  # 802.1AE MACsec: the SecTAG, then the type/length it protects
        if o.e:
            _ether_type(p, t)
            p.w(f", length {orig}: ")
            printed_length = True
        sectag = macsec_print(p, off, cp, length, caplen)
        if sectag < 0:
            return hdrlen + caplen
        if p.d[cp] & 0x0C:  # encrypted or changed text: dumped as it is
            hdrlen += sectag
            default_print(p, cp + sectag, caplen - sectag)
            return hdrlen
        sl = p.d[cp + 1] & 0x3F
        hdrlen += sectag
        cp += sectag
        length -= sectag + 16
        caplen -= sectag + 16
        p.end -= 16  # the ICV after the secure data is not payload
        if sl:
            length, caplen = min(length, sl), min(caplen, sl)
        t = p.u16(cp)
        if caplen < 2:
            p.w(f" [caplen {caplen} < 2]")
            return hdrlen
        length -= 2
        caplen -= 2
        cp += 2
        hdrlen += 2
    for _ in range(64):  # stacked VLAN tags (bounded)
        if t not in (0x8100, 0x9100, 0x9200, 0x88A8):
            break
        if caplen < 4 or length < 4:
            p.proto = "vlan"
            p.trunc()
            return hdrlen + min(caplen, length)
        tag = fields("vlan", p, cp)
        if o.e:
            _ether_type(p, t)
            if not printed_length:
                p.w(f", length {orig}: ")
                printed_length = True
            else:
                p.w(", ")
            p.w(f"vlan {tag['vid']}, p {tag['pcp']}{', DEI' if tag['dei'] else ''}, ")
        t = tag["type"]
        cp += 4
        length -= 4
        caplen -= 4
        hdrlen += 4
    if t <= 1500:
        if t < length:
            length = t
            caplen = min(caplen, length)
        p.push(cp, length)
        if o.e:
            p.w("802.3")
            if not printed_length:
                p.w(f", length {length}: ")
        src = mac(p.b(off + 6, 6))
        dst = mac(p.b(off, 6))
        llc = llc_print(p, cp, length, caplen, src, dst)
        if llc < 0:
            default_print(p, cp, caplen)
            llc = -llc
        p.pop()
        return hdrlen + llc
    if t == 0x8870:  # Alteon jumbo frames: an LLC header follows the type
        llc = llc_print(p, cp, length, caplen, mac(p.b(off + 6, 6)), mac(p.b(off, 6)))
        if llc < 0:
            default_print(p, cp, caplen)
            llc = -llc
        return hdrlen + llc
    if o.e:
        _ether_type(p, t)
        p.w(f", length {orig}: " if not printed_length else ", ")
    p.ll = hdrlen
    if not ethertype_print(p, t, cp, length, caplen):
        if not o.e:
            h = fields("ether", p, off)
            p.w(f"{mac(h['src'])} > {mac(h['dst'])}, ")
            _ether_type(p, t)
            p.w(f", length {orig}: ")
        default_print(p, cp, caplen)
    return hdrlen
