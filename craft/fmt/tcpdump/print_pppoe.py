"""PPPoE discovery and session, as tcpdump's print-pppoe.c prints them."""

from __future__ import annotations

from craft.fmt.tcpdump.netdissect import Pkt
from craft.fmt.tcpdump.print_ppp import ppp_print

_PPPOE_CODES = {0x09: "PADI", 0x07: "PADO", 0x19: "PADR", 0x65: "PADS", 0xA7: "PADT", 0: ""}
_PPPOE_TAGS = {0: "EOL", 0x0101: "Service-Name", 0x0102: "AC-Name", 0x0103: "Host-Uniq",
               0x0104: "AC-Cookie", 0x0105: "Vendor-Specific", 0x0110: "Relay-Session-ID",
               0x0120: "PPP-Max-Payload", 0x0201: "Service-Name-Error",
               0x0202: "AC-System-Error", 0x0203: "Generic-Error"}


def pppoe_print(p: Pkt, bp: int, length: int) -> None:
    """tcpdump's pppoe_print: discovery packets and their tags, or a
    session's PPP frame."""
    p.proto = "pppoe"
    if length < 6:
        p.w(f" (length {length} < 6) (invalid)")
        return
    length -= 6
    b0, code, sid, plen = p.u8(bp), p.u8(bp + 1), p.u16(bp + 2), p.u16(bp + 4)
    if b0 >> 4 != 1:
        p.w(f" [ver {b0 >> 4}]")
    if b0 & 0x0F != 1:
        p.w(f" [type {b0 & 0x0F}]")
    p.w(f"PPPoE {_PPPOE_CODES.get(code, f'PAD-{code:x}')}")
    if code == 0x09 and plen > 1484 - 6:
        p.w(f" [len {plen}!]")
    if plen > length:
        p.w(f" [len {plen} > {length}!]")
        plen = length
    if sid:
        p.w(f" [ses 0x{sid:x}]")
    payload = bp + 6
    if code == 0:
        p.w(" ")
        ppp_print(p, payload, plen)
        return
    tag, at = 0xFFFF, payload
    while tag and at < payload + plen:
        tag, tlen = p.u16(at), p.u16(at + 2)
        at += 4
        name = _PPPOE_TAGS.get(tag, f"TAG-0x{tag:x}")
        if tlen:
            value = p.b(at, tlen)
            shown = value[:79]
            text = "".join(chr(c) if 0x20 <= c < 0x7F else "." for c in shown)
            printable = sum(1 for c in shown if 0x20 <= c < 0x7F)
            if printable > len(shown) - printable:
                p.w(f' [{name} "{text}"]')
            else:
                p.w(f" [{name} 0x{value.hex().upper()}]")
        else:
            p.w(f" [{name}]")
        at += tlen
