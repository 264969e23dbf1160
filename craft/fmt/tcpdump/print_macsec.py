"""The 802.1AE MACsec SecTAG, as tcpdump's print-macsec.c prints it."""

from __future__ import annotations

from craft.fmt.tcpdump.addrtoname import mac
from craft.fmt.tcpdump.netdissect import Pkt

_MACSEC_FLAGS = ((0x08, "E"), (0x04, "C"), (0x40, "S"), (0x10, "B"), (0x20, "I"))


def macsec_print(p: Pkt, eth: int, cp: int, length: int, caplen: int) -> int:
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
