"""802.2 LLC and SNAP, as tcpdump's print-llc.c prints them."""

from __future__ import annotations

from craft.fmt.tcpdump.dispatch import lazy
from craft.fmt.tcpdump.ethertype import ETHERTYPES
from craft.fmt.tcpdump.netdissect import Pkt
from craft.fmt.tcpdump.oui import OUIS
from craft.fmt.tcpdump.print_cdp import cdp_print
from craft.fmt.tcpdump.print_ip import ip_print
from craft.fmt.tcpdump.print_isoclns import isoclns_print
from craft.fmt.tcpdump.print_stp import stp_print
from craft.fmt.tcpdump.util_print import default_print

ethertype_print = lazy("print_ether:ethertype_print")


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
            f"{(control >> 9) & 0x7F}, Flags "
            f"[{_LLC_FLAGS.get((ssap_f & 1) | (control & 0x100), '?')}]"
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
    if encap and ethertype_print(p, et, cp + 5, length - 5, caplen - 5):
        return True
    if oui == 0x00000C and et == 0x2000:  # Cisco Discovery Protocol

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
