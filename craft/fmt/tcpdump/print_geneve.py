"""Geneve, as tcpdump's print-geneve.c prints it."""

from __future__ import annotations

from craft.fmt.tcpdump.ethertype import ETHERTYPES
from craft.fmt.tcpdump.netdissect import Pkt
from craft.fmt.tcpdump.print_ether import ether_print, ethertype_print

_GENEVE_FLAGS = ((0x80, "O"), (0x40, "C"), (0x20, "R1"), (0x10, "R2"), (0x08, "R3"), (0x04, "R4"),
                 (0x02, "R5"), (0x01, "R6"))
_GENEVE_CLASSES = {0x0100: "Linux", 0x0101: "Open vSwitch (OVS)",
                   0x0102: "Open Virtual Networking (OVN)",
                   0x0103: "In-band Network Telemetry (INT)", 0x0104: "VMware"}


def geneve_print(p: Pkt, bp: int, ln: int) -> None:
    """Geneve (RFC 8926) and what it carries, as 4.99.3."""
    p.proto = "geneve"
    p.w("Geneve")
    if ln < 8:
        p.w(f" [length {ln} < 8] (invalid)")
        return
    p.need(bp, 8)
    ver_opt = p.u8(bp)
    if ver_opt >> 6:
        p.w(f" ERROR: unknown-version {ver_opt >> 6}")
        return
    flags = p.u8(bp + 1)
    ptype = p.u16(bp + 2)
    fl = "".join(name for bit, name in _GENEVE_FLAGS if flags & bit)
    p.w(f", Flags [{fl or 'none'}]")
    p.w(f", vni 0x{(p.u16(bp + 4) << 8) | p.u8(bp + 6):x}")
    if p.u8(bp + 7):
        p.w(f", rsvd 0x{p.u8(bp + 7):x}")
    bp += 8
    ln -= 8
    if p.o.e:
        p.w(f", proto {ETHERTYPES.get(ptype, 'unknown')} (0x{ptype:04x})")
    opts_len = (ver_opt & 0x3F) * 4
    if ln < opts_len:
        p.w(f" truncated-geneve - {opts_len - ln} bytes missing")
        return
    p.need(bp, opts_len)
    if opts_len:
        p.w(", options [")
        if p.o.v:
            o, left, sep = bp, opts_len, ""
            while left > 0:
                p.w(sep)
                sep = ", "
                cls, typ = p.u16(o), p.u8(o + 2)
                olen = 4 + (p.u8(o + 3) & 0x1F) * 4
                word = ("Standard" if cls <= 0xFF else "Experimental" if cls >= 0xFFF0
                        else _GENEVE_CLASSES.get(cls, "Unknown"))
                p.w(f"class {word} (0x{cls:x}) type 0x{typ:x}{'(C)' if typ & 0x80 else ''}"
                    f" len {olen}")
                if olen > left:
                    p.w(" [bad length]")
                    break
                if p.o.v > 1 and olen > 4:
                    p.w(" data" + "".join(f" {p.u32(o + k):08x}" for k in range(4, olen, 4)))
                o += olen
                left -= olen
        else:
            p.w(f"{opts_len} bytes")
        p.w("]")
    bp += opts_len
    ln -= opts_len
    p.w("\n\t" if p.o.v else ": ")
    if not p.st.depth_ok():
        return
    if not ethertype_print(p, ptype, bp, ln, p.avail(bp)):
        if ptype == 0x6558:
            ether_print(p, bp, ln, p.avail(bp))
        else:
            p.w(f"geneve-proto-0x{ptype:x}")
