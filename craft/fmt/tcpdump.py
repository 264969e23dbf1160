"""What ``tcpdump -n`` (4.99.3) prints for a packet, line for line.

``Printer(PrintOptions(...)).format(ts_sec, ts_nsec, data, wirelen, linktype)``
returns the text of one packet (no trailing newline). The printer keeps
tcpdump's per-capture state: the first sequence numbers of each TCP
conversation (relative seq/ack) and the previous timestamp (``-ttt``).

Link types: EN10MB (1), NULL/LOOP (0, 108), RAW (12, 14, 101), SLIP (8),
LINUX_SLL (113), LINUX_SLL2 (276), IPNET (226), IPV4 (228), IPV6 (229);
others print their bytes in hex. Protocols: Ethernet, 802.1Q/802.1ad, 802.2
LLC, ARP, IPv4 with options, IPv6 with extension headers, ICMP (with quoted
packets and MPLS extensions), ICMPv6 with neighbour discovery, MLD, node
information and router renumbering, IGMP, UDP, TCP, DNS, the text protocols
tcpdump prints by port (HTTP, FTP, SMTP, WHOIS, RTSP, SIP, SSH banners),
GRE, VXLAN, IPsec AH/ESP headers; anything else gets tcpdump's generic form.
A bug in a printer never escapes: the packet gets a truncation marker and
``Printer.fallbacks`` counts it.

Protocol code does no I/O (STYLE.md rule 2): bytes in, text out.
"""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass
from typing import Any

from craft.fmt.hexdump_tcpdump import ascii_only, hex_and_ascii, hex_only
from craft.fmt.tcpdump_base import ETHERTYPES, OUIS, Pkt, Trunc, fields, mac
from craft.fmt.tcpdump_ip import arp_print, ip6_print, ip_print, ipn_print
from craft.fmt.tcpdump_lldp import lldp_print
from craft.fmt.tcpdump_stp import stp_print

__all__ = ["PrintOptions", "Printer", "LINKTYPES"]

MAX_NESTING = 8  # IP-in-IP / ICMP-quoted headers printed per packet


@dataclass
class PrintOptions:
    """tcpdump's output flags: -e, -x/-xx (x=1/2), -X/-XX (X=1/2),
    -t/-tt/-ttt/-tttt (t=1..4; 0 prints the time of day), -v (count), -q,
    -A/-AA, -S, -#."""

    e: bool = False
    x: int = 0
    X: int = 0
    t: int = 0
    v: int = 0
    q: bool = False
    A: int = 0  # -A: the packet as text after its line; -AA: with the link header
    S: bool = False  # absolute TCP sequence numbers
    number: bool = False  # -#: the packet's number before each line


class _State:
    """What tcpdump remembers between packets."""

    def __init__(self) -> None:
        self.tcp_seq: dict[tuple[bytes, bytes, int, int], list[int]] = {}
        self.prev: tuple[int, int] | None = None
        self.depth = 0
        self.apps: dict[str, Any] = {}  # per-application state (IKE's initiator cookies)

    def depth_ok(self) -> bool:
        self.depth += 1
        return self.depth <= MAX_NESTING


def default_print(p: Pkt, off: int, length: int, always: bool = False) -> None:
    """tcpdump's ND_DEFAULTPRINT: hex and ASCII, unless -x/-X asked for a dump
    (or -q asked for less) and the caller honours that (``always`` not set)."""
    if not always and (p.o.x or p.o.X or p.o.q):
        return
    n = min(length, p.avail(off))
    p.w(hex_and_ascii(p.d[off:off + n], "\n\t"))
    if n < length:
        raise Trunc


# -------------------------------------------------------------- link layers

def _ether_type(p: Pkt, t: int) -> None:
    if not p.o.q:
        p.w(f"ethertype {ETHERTYPES.get(t, 'Unknown')} (0x{t:04x})")
    else:
        p.w(ETHERTYPES.get(t, f"Unknown Ethertype (0x{t:04x})"))


def _ethertype_print(p: Pkt, t: int, off: int, length: int, caplen: int) -> bool:
    if t == 0x0800:
        ip_print(p, off, length)
    elif t == 0x86DD:
        ip6_print(p, off, length)
    elif t in (0x0806, 0x8035):
        arp_print(p, off, length, caplen)
    elif t == 0x88CC:
        lldp_print(p, off, length)
    elif t == 0x8809:
        from craft.fmt.tcpdump_slow import slow_print

        slow_print(p, off, length)
    elif t in (0x8863, 0x8864):
        from craft.fmt.tcpdump_ppp import pppoe_print

        pppoe_print(p, off, length)
    elif t == 0x888E:
        from craft.fmt.tcpdump_eap import eapol_print

        eapol_print(p, off)
    elif t in (0x8847, 0x8848):
        from craft.fmt.tcpdump_mpls import mpls_print

        mpls_print(p, off, length)
    elif t == 0x8808:
        from craft.fmt.tcpdump_ethctl import mpcp_print

        mpcp_print(p, off, length)
    elif t == 0x9000:
        from craft.fmt.tcpdump_ethctl import loopback_print

        loopback_print(p, off, length)
    elif t == 0x886F:
        from craft.fmt.tcpdump_ethctl import msnlb_print

        msnlb_print(p, off)
    elif t == 0x880B:
        if length:
            from craft.fmt.tcpdump_ppp import ppp_print

            p.w(": ")
            ppp_print(p, off, length)
    elif t == 0xFEFE:
        if length == 0 or caplen == 0:
            p.proto = "isoclns"
            p.trunc()
        else:
            from craft.fmt.tcpdump_isoclns import isoclns_print

            isoclns_print(p, off + 1, length - 1)  # (tcpdump skips one byte here)
    elif t == 0x88F7:
        from craft.fmt.tcpdump_ptp import ptp_print

        ptp_print(p, off, length)
    elif t == 0x8902:
        from craft.fmt.tcpdump_cfm import cfm_print

        cfm_print(p, off, length)
    elif t == 0x894F:
        from craft.fmt.tcpdump_tunnel import nsh_print

        nsh_print(p, off, length)
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
        sectag = _macsec(p, off, cp, length, caplen)
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
    if not _ethertype_print(p, t, cp, length, caplen):
        if not o.e:
            h = fields("ether", p, off)
            p.w(f"{mac(h['src'])} > {mac(h['dst'])}, ")
            _ether_type(p, t)
            p.w(f", length {orig}: ")
        default_print(p, cp, caplen)
    return hdrlen


_MACSEC_FLAGS = ((0x08, "E"), (0x04, "C"), (0x40, "S"), (0x10, "B"), (0x20, "I"))


def _macsec(p: Pkt, eth: int, cp: int, length: int, caplen: int) -> int:
    """tcpdump's macsec_print for the SecTAG at ``cp``: its length when the
    frame goes on (encrypted or not); -1 when a marker ended the packet."""
    proto = p.proto
    p.proto = "macsec"
    tci = p.u8(cp) if caplen >= 1 else 0
    need = 14 if tci & 0x20 else 6
    if caplen < 6 or length < 6 or caplen < need or length < need:
        p.trunc()
        return -1
    sl_byte = p.u8(cp + 1)
    if sl_byte & ~0x3F or tci & 0x80:
        p.w(" (invalid)")
        return -1
    sl = sl_byte & 0x3F

    def header() -> None:
        flags = "".join(n for b, n in _MACSEC_FLAGS if tci & b) or "none"
        p.w(f"an {tci & 3}, pn {p.u32(cp + 2)}, flags {flags}")
        if sl:
            p.w(f", sl {sl}")
        if tci & 0x20:
            p.w(f", sci {p.b(cp + 6, 8).hex()}")
        p.w(", ")

    if p.o.e:
        header()
    if tci & 0x0C:
        if not p.o.e:
            p.w(f"{mac(p.b(eth + 6, 6))} > {mac(p.b(eth, 6))} 802.1AE MACsec, ")
            header()
        p.proto = proto
        return need
    if length - need < 16 or caplen - need < 16 or (sl and (sl > length - need - 16
                                                           or sl > caplen - need - 16)):
        p.trunc()
        return -1
    p.proto = proto
    return need


_LLC_SAPS = {0x00: "Null", 0xFF: "Global", 0x02: "802.1B I", 0x03: "802.1B G", 0x06: "IP",
             0x04: "SNA", 0x0E: "ProWay NM", 0x42: "STP", 0x4E: "RS511", 0x7E: "ISO8208",
             0x8E: "ProWay", 0xAA: "SNAP", 0xE0: "IPX", 0xF0: "NetBeui", 0xFE: "OSI"}
_LLC_FLAGS = {0: "Command", 1: "Response", 0x10: "Poll", 0x11: "Final", 0x100: "Poll",
              0x101: "Final"}
_LLC_U_CMDS = {0x03: "ui", 0xE3: "test", 0xAF: "xid", 0x63: "ua", 0x43: "disc", 0x0F: "dm",
               0x6F: "sabme", 0x87: "frmr"}
_LLC_S_CMDS = {0: "Receiver Ready", 1: "Receiver not Ready", 2: "Reject"}


def llc_print(p: Pkt, cp: int, length: int, caplen: int, src: str | None,
              dst: str | None) -> int:
    """tcpdump's llc_print: the 802.2 header; returns its length, negative
    when the payload is unknown (the caller dumps it). SNAP, STP, IPX,
    NetBEUI and OSI payloads are not decoded by craft."""
    o = p.o
    p.proto = "llc"
    if caplen < 3 or length < 3:
        p.trunc()
        default_print(p, cp, caplen, always=True)  # tcpdump's ND_DEFAULT_PRINT, even with -x
        return caplen
    dsap_f, ssap_f, control = p.u8(cp), p.u8(cp + 1), p.u8(cp + 2)
    is_u = (control & 3) == 3
    if is_u:
        hdrlen = 3
    else:
        if caplen < 4 or length < 4:
            p.trunc()
            default_print(p, cp, caplen, always=True)
            return caplen
        control = p.u8(cp + 2) | (p.u8(cp + 3) << 8)
        hdrlen = 4
    dsap, ssap = dsap_f & 0xFE, ssap_f & 0xFE
    if o.e:
        p.w(f"LLC, dsap {_LLC_SAPS.get(dsap, 'Unknown')} (0x{dsap:02x}) "
            f"{'Group' if dsap_f & 1 else 'Individual'}, ssap {_LLC_SAPS.get(ssap, 'Unknown')} "
            f"(0x{ssap:02x}) {'Response' if ssap_f & 1 else 'Command'}")
        p.w(f", ctrl 0x{control:02x}: " if is_u else f", ctrl 0x{control:04x}: ")
    if ssap == 0x06 and dsap == 0x06 and control == 0x03:
        ip_print(p, cp + hdrlen, length - hdrlen)
        return hdrlen
    if ssap == 0x42 and dsap == 0x42 and control == 0x03:
        stp_print(p, cp + hdrlen, length - hdrlen)
        return hdrlen
    if ssap == 0xFE and dsap == 0xFE and control == 0x03:
        from craft.fmt.tcpdump_isoclns import isoclns_print

        isoclns_print(p, cp + 3, length - 3)
        return hdrlen
    if ssap == 0xAA and dsap == 0xAA and control == 0x03:
        known = snap_print(p, cp + hdrlen, length - hdrlen, caplen - hdrlen, src, dst)
        return hdrlen + 5 if known else -(hdrlen + 5)
    if not o.e:
        if ssap == dsap:
            word = _LLC_SAPS.get(dsap, f"Unknown DSAP 0x{dsap:02x}")
            p.w(f"{src} > {dst} {word} " if src and dst else f"{word} ")
        else:
            sw = _LLC_SAPS.get(ssap, f"Unknown SSAP 0x{ssap:02x}")
            dw = _LLC_SAPS.get(dsap, f"Unknown DSAP 0x{dsap:02x}")
            p.w(f"{src} {sw} > {dst} {dw} " if src and dst else f"{sw} > {dw} ")
    if is_u:
        cmd = control & 0xEF
        p.w(f"Unnumbered, {_LLC_U_CMDS.get(cmd, f'{cmd:02x}')}, Flags "
            f"[{_LLC_FLAGS.get((ssap_f & 1) | (control & 0x10), '?')}], length {length}")
    elif control & 3 == 1:
        p.w(f"Supervisory, {_LLC_S_CMDS.get((control >> 2) & 3, '?')}, rcv seq "
            f"{(control >> 9) & 0x7F}, Flags [{_LLC_FLAGS.get((ssap_f & 1) | (control & 0x100), '?')}]"
            f", length {length}")
        return hdrlen
    else:
        p.w(f"Information, send seq {(control >> 1) & 0x7F}, rcv seq {(control >> 9) & 0x7F}, "
            f"Flags [{_LLC_FLAGS.get((ssap_f & 1) | (control & 0x100), '?')}], length {length}")
    return -hdrlen


_CISCO_PIDS = {0x2000: "CDP", 0x2003: "VTP", 0x2004: "DTP", 0x010B: "PVST", 0x0111: "UDLD"}


def snap_print(p: Pkt, cp: int, length: int, caplen: int, src: str | None = None,
               dst: str | None = None) -> bool:
    """tcpdump's snap_print: OUI and protocol ID after an LLC SNAP header; an
    Ethernet type under OUI 0 (or Cisco's bridged 0x0000f8) is printed on.
    False when the payload is unknown (the caller dumps it)."""
    p.proto = "snap"
    if caplen < 5 or length < 5:
        p.trunc()
        return True
    oui = p.u8(cp) << 16 | p.u16(cp + 1)
    et = p.u16(cp + 3)
    encap = oui in (0x000000, 0x0000F8)
    pid = (ETHERTYPES if encap else _CISCO_PIDS if oui == 0x00000C else {}).get(et, "Unknown")
    if p.o.e:
        p.w(f"oui {OUIS.get(oui, 'Unknown')} (0x{oui:06x}), {'ethertype' if oui == 0 else 'pid'} "
            f"{pid} (0x{et:04x}), length {length - 5}: ")
    if encap and _ethertype_print(p, et, cp + 5, length - 5, caplen - 5):
        return True
    if oui == 0x00000C and et == 0x2000:  # Cisco Discovery Protocol
        from craft.fmt.tcpdump_cdp import cdp_print

        cdp_print(p, cp + 5, length - 5)
        return True
    if not p.o.e:
        if src and dst:
            p.w(f"{src} > {dst} ")
        if oui == 0:
            p.w(f"SNAP, ethertype {pid} (0x{et:04x}), length {length - 5}: ")
        else:
            p.w(f"SNAP, oui {OUIS.get(oui, 'Unknown')} (0x{oui:06x}), pid {pid} (0x{et:04x}), "
                f"length {length - 5}: ")
    return False


_SLL_TYPES = {0: "In", 1: "B", 2: "M", 3: "P", 4: "Out"}


def sll_print(p: Pkt, off: int, length: int, caplen: int) -> int:
    p.proto = "sll"
    if caplen < 16:
        raise Trunc
    o = p.o
    t = p.u16(off + 14)

    def header() -> None:
        p.w(f"{_SLL_TYPES.get(p.u16(off), '?'):>3} ")
        if p.u16(off + 4) == 6:
            p.w(mac(p.b(off + 6, 6)) + " ")
        if not o.q:
            _sll_protocol(p, t, length)

    if o.e:
        header()
    return _cooked_body(p, t, off + 16, length - 16, caplen - 16, 16, header)


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
    if not _ethertype_print(p, t, cp, length, caplen):
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


def sll2_print(p: Pkt, off: int, length: int, caplen: int) -> int:
    p.proto = "sll2"
    if caplen < 20:
        raise Trunc
    o = p.o
    t = p.u16(off)
    ifx = p.u32(off + 4)
    p.w(f"{_ifname(ifx):<5} {_SLL_TYPES.get(p.u8(off + 10), '?'):<3} ")

    def header() -> None:
        p.w(f"ifindex {ifx} ")
        if p.u8(off + 11) == 6:
            p.w(mac(p.b(off + 12, 6)) + " ")
        if not o.q:
            _sll_protocol(p, t, length)

    if o.e:
        header()
    return _cooked_body(p, t, off + 20, length - 20, caplen - 20, 20, header)


_BSD_AF = {2: "IPv4", 24: "IPv6", 28: "IPv6", 30: "IPv6", 7: "OSI", 23: "Novell", 16: "Appletalk"}


def null_print(p: Pkt, off: int, length: int, caplen: int, loop: bool) -> int:
    p.proto = "null"
    if caplen < 4:
        raise Trunc
    raw = p.b(off, 4)
    fam = int.from_bytes(raw, "big") if loop else int.from_bytes(raw, "little")
    if not loop and fam & 0xFFFF0000:
        fam = int.from_bytes(raw, "big")
    def header() -> None:
        if not p.o.q:
            p.w(f"AF {_BSD_AF.get(fam, 'Unknown')} ({fam})")
        else:
            p.w(_BSD_AF.get(fam, f"Unknown AF {fam}"))
        p.w(f", length {length}: ")

    if p.o.e:
        header()
    p.ll = 4
    if fam == 2:
        ip_print(p, off + 4, length - 4)
    elif fam in (24, 28, 30):
        ip6_print(p, off + 4, length - 4)
    else:
        if not p.o.e:
            header()
        default_print(p, off + 4, caplen - 4)
    return 4


def ipnet_print(p: Pkt, off: int, length: int, caplen: int) -> int:
    p.proto = "ipnet"
    if caplen < 24:
        raise Trunc
    fam = p.u8(off + 1)
    names = {2: "IPv4", 26: "IPv6"}

    def hdr(n: int) -> None:
        p.w(f"{p.u32(off + 16)} > {p.u32(off + 20)}")
        if not p.o.q:
            p.w(f", family {names.get(fam, 'Unknown')} ({fam})")
        else:
            p.w(", " + names.get(fam, f"Unknown Ethertype (0x{fam:04x})"))
        p.w(f", length {n}: ")

    if p.o.e:
        hdr(length)
    p.ll = 24
    if fam == 2:
        ip_print(p, off + 24, length - 24)
    elif fam == 26:
        ip6_print(p, off + 24, length - 24)
    else:
        if not p.o.e:
            hdr(length)
        default_print(p, off + 24, caplen - 24)
    return 24


def _sliplink(p: Pkt, off: int, length: int) -> None:
    """tcpdump's sliplink_print (VJ-compressed TCP is not decoded)."""
    d = p.u8(off)
    if d in (0, 1):
        p.w("I " if d == 0 else "O ")
    else:
        p.w(f"Invalid direction {d} ")
    chdr = p.u8(off + 1)
    if chdr & 0xF0 == 0x40:
        p.w(f"ip {length + 16}: ")
    elif chdr & 0xF0 == 0x70:
        p.w(f"utcp {p.u8(off + 1 + 9)}: ")
    elif d in (0, 1):
        p.w("ctcp *: " if chdr & 0x80 else f"slip-{chdr}!: ")


def slip_print(p: Pkt, off: int, length: int, caplen: int) -> int:
    p.proto = "slip"
    if caplen < 16:
        raise Trunc
    length -= 16
    cp = off + 16
    if p.o.e:
        _sliplink(p, off, length)
    p.ll = 16
    v = p.u8(cp) >> 4
    if v == 4:
        ip_print(p, cp, length)
    elif v == 6:
        ip6_print(p, cp, length)
    else:
        p.w(f"ip v{v}")
    return 16


def raw_print(p: Pkt, off: int, length: int, caplen: int) -> int:
    if p.o.e:
        p.w("ip: ")
    ipn_print(p, off, length)
    return 0


LINKTYPES = {
    1: ether_if_print,
    0: lambda p, o, n, c: null_print(p, o, n, c, False),
    108: lambda p, o, n, c: null_print(p, o, n, c, True),
    12: raw_print, 14: raw_print, 101: raw_print,
    8: slip_print,
    113: sll_print,
    276: sll2_print,
    226: ipnet_print,
    228: raw_print,  # tcpdump prints DLT_IPV4 and DLT_IPV6 as raw IP too
    229: raw_print,
}


# ------------------------------------------------------------------ printer

class Printer:
    """Formats packets like ``tcpdump -n`` with the given options."""

    def __init__(self, opts: Any) -> None:
        self.opts = opts
        self.state = _State()
        self.fallbacks = 0  # packets where a printer bug was caught (tests report these)
        self.number = 0  # packets formatted (-# prints it)
        self._sec: int | None = None  # the second whose local time is in _hms/_date
        self._hms = self._date = ""
        self.errors: list[str] = []

    def timestamp(self, ts_sec: int, ts_nsec: int) -> str:
        t = self.opts.t
        usec = ts_nsec // 1000
        if t == 0 and ts_sec == self._sec:
            return f"{self._hms}.{usec:06d} "
        if t == 1:
            return ""
        if t == 2:
            return f"{ts_sec}.{usec:06d} "
        if t in (3, 5):  # since the previous packet (-ttt) or the first one (-ttttt)
            prev = self.state.prev or (ts_sec, ts_nsec)
            if t == 3 or self.state.prev is None:
                self.state.prev = (ts_sec, ts_nsec)
            # in microseconds, as tcpdump reads a capture (libpcap's default precision)
            d = (ts_sec * 1_000_000 + usec) - (prev[0] * 1_000_000 + prev[1] // 1000)
            sign = "-" if d < 0 else " "
            s, us = divmod(abs(d), 1_000_000)
            return f"{sign}{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}.{us:06d} "
        if ts_sec != self._sec:
            try:
                tm = time.localtime(ts_sec)
            except (OverflowError, OSError, ValueError):
                return "[Error converting time] "
            self._sec = ts_sec
            self._hms = f"{tm.tm_hour:02d}:{tm.tm_min:02d}:{tm.tm_sec:02d}"
            self._date = time.strftime("%Y-%m-%d ", tm)
        if t == 4:
            return f"{self._date}{self._hms}.{usec:06d} "
        return f"{self._hms}.{usec:06d} "

    def format(self, ts_sec: int, ts_nsec: int, data: bytes, wirelen: int, linktype: int) -> str:
        """The text tcpdump prints for one packet, without the final newline."""
        o = self.opts
        p = Pkt(data if type(data) is bytes else bytes(data), o, self.state)
        self.state.depth = 0
        self.number += 1
        if o.number:
            p.w(f"{self.number:5d}  ")
        p.w(self.timestamp(ts_sec, ts_nsec))
        caplen = len(data)
        printer = LINKTYPES.get(linktype)
        hdrlen = 0
        if printer is None:
            p.w(f"unsupported link type {linktype}, length {wirelen}")
            if not (o.x or o.X):
                p.w(hex_and_ascii(p.d, "\n\t"))
        else:
            try:
                hdrlen = printer(p, 0, wirelen, caplen)
            except Trunc as t:
                p.trunc()
                hdrlen = p.ll if t.local else 0
            except RecursionError:
                p.trunc()
                hdrlen = p.ll
            except Exception as e:  # noqa: BLE001 - a printer bug must not stop the capture
                self.fallbacks += 1
                self.errors.append(f"{type(e).__name__}: {e}")
                p.trunc()
                hdrlen = p.ll
        p.end = len(p.d)
        if o.X:
            if o.X > 1:
                p.w(hex_and_ascii(p.d, "\n\t"))
            elif caplen > hdrlen:
                p.w(hex_and_ascii(p.d[hdrlen:], "\n\t"))
        elif o.x:
            if o.x > 1:
                p.w(hex_only(p.d, "\n\t"))
            elif caplen > hdrlen:
                p.w(hex_only(p.d[hdrlen:], "\n\t"))
        elif o.A:
            if o.A > 1:
                p.w(ascii_only(p.d))
            elif caplen > hdrlen:
                p.w(ascii_only(p.d[hdrlen:]))
        return "".join(p.out)
