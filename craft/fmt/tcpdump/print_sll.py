"""Linux cooked captures (SLL and SLL2), as tcpdump's print-sll.c prints them."""

from __future__ import annotations

import socket
from typing import Any

from craft.fmt.tcpdump.addrtoname import mac
from craft.fmt.tcpdump.ethertype import ETHERTYPES
from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.print_ether import ethertype_print
from craft.fmt.tcpdump.print_llc import llc_print
from craft.fmt.tcpdump.util_print import default_print

_SLL_TYPES = {0: "In", 1: "B", 2: "M", 3: "P", 4: "Out"}


def sll_if_print(p: Pkt, off: int, length: int, caplen: int) -> int:
    p.proto = "sll"
    if caplen < 16:
        raise Trunc
    return _cooked(p, p.u16(off + 14), off, length, caplen, 16,
                   f"{_SLL_TYPES.get(p.u16(off), '?'):>3} ", p.u16(off + 4), off + 6)


def _cooked(p: Pkt, t: int, off: int, length: int, caplen: int, hdrlen: int, prefix: str,
            halen: int, addr: int) -> int:
    """A Linux cooked header (v1 or v2) of protocol ``t``: what -e prints of
    it (``prefix``, the link address at ``addr`` when it has 6 bytes, the
    protocol), then what follows it."""

    def header() -> None:
        p.w(prefix)
        if halen == 6:
            p.w(mac(p.b(addr, 6)) + " ")
        if not p.o.q:
            _sll_protocol(p, t, length)

    if p.o.e:
        header()
    return _cooked_body(p, t, off + hdrlen, length - hdrlen, caplen - hdrlen, hdrlen, header)


def _sll_protocol(p: Pkt, t: int, length: int) -> None:
    """The protocol word of a Linux cooked header (v1 and v2 alike), as -e prints it."""
    if t <= 1500:
        p.w({1: "802.3", 4: "802.2"}.get(t, f"ethertype Unknown (0x{t:04x})"))
    else:
        p.w(f"ethertype {ETHERTYPES.get(t, 'Unknown')} (0x{t:04x})")
    p.w(f", length {length}: ")


def _cooked_body(p: Pkt, t: int, cp: int, length: int, caplen: int, hdrlen: int,
                 header: Any = None) -> int:
    """What follows a Linux cooked header (v1 or v2) with protocol ``t``;
    ``header()`` prints the cooked header (for an unknown protocol without -e)."""
    o = p.o
    if t <= 1500:
        if t == 4:  # LINUX_SLL_P_802_2: an 802.2 LLC header follows
            p.ll = hdrlen
            llc = llc_print(p, cp, length, caplen, None, None)
            if llc < 0:  # unknown payload: dumped from the LLC header on
                default_print(p, cp, caplen)
                return hdrlen
            return hdrlen + llc
        default_print(p, cp, caplen)
        return hdrlen
    for _ in range(64):
        if t != 0x8100:
            break
        if caplen < 4:
            p.proto = "vlan"
            p.trunc()
            return hdrlen + caplen
        tci = p.u16(cp)
        if o.e:
            p.w(f"vlan {tci & 0xFFF}, p {tci >> 13}{', DEI' if tci & 0x1000 else ''}, ")
        t = p.u16(cp + 2)
        if o.e:
            p.w(f"ethertype {ETHERTYPES.get(t, 'Unknown')} (0x{t:04x}), ")
        cp += 4
        length -= 4
        caplen -= 4
        hdrlen += 4
    p.ll = hdrlen
    if not ethertype_print(p, t, cp, length, caplen):
        if not o.e and header is not None:
            header()
        default_print(p, cp, caplen)
    return hdrlen


_IFNAMES: dict[int, str] = {}


def _ifname(index: int) -> str:
    """The local interface of that index, as tcpdump prints it for SLL2
    (it asks the running system too: names may not match the capture's)."""
    name = _IFNAMES.get(index)
    if name is None:
        try:
            name = socket.if_indextoname(index)
        except (OSError, OverflowError, ValueError):
            name = "?"
        _IFNAMES[index] = name
    return name


def sll2_if_print(p: Pkt, off: int, length: int, caplen: int) -> int:
    p.proto = "sll2"
    if caplen < 20:
        raise Trunc
    ifx = p.u32(off + 4)
    p.w(f"{_ifname(ifx):<5} {_SLL_TYPES.get(p.u8(off + 10), '?'):<3} ")
    return _cooked(p, p.u16(off), off, length, caplen, 20, f"ifindex {ifx} ", p.u8(off + 11),
                   off + 12)
