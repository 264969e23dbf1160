"""OpenFlow's common header and version demux, as tcpdump's print-openflow.c
prints them."""

from __future__ import annotations

from craft.fmt.tcpdump.netdissect import Pkt
from craft.fmt.tcpdump.print_openflow_1_0 import (
    _OF10,
    _OF10_TYPES,
    FIX,
    HEADER_LEN,
    MIN,
    Decoder,
    _need,
)
from craft.fmt.tcpdump.print_openflow_1_3 import OF13_DECODERS, OF13_LENGTHS, OF13_TYPES

OLD_PORT, IANA_PORT = 6633, 6653
PORTS = frozenset((OLD_PORT, IANA_PORT))


_VERSIONS = {1: "1.0", 2: "1.1", 3: "1.2", 4: "1.3", 5: "1.4", 6: "1.5"}


# ------------------------------------------------------------ 1.3 messages

def _type_info(version: int, kind: int) -> tuple[str, int, int, Decoder | None] | None:
    if version == 1 and kind < len(_OF10):
        req, size, decoder = _OF10[kind]
        return _OF10_TYPES[kind], req, size, decoder
    if version == 4:

        if kind < len(OF13_TYPES):
            req, size = OF13_LENGTHS[kind]
            return OF13_TYPES[kind], req, size, OF13_DECODERS.get(kind)
    return None


def _message(p: Pkt, cp: int, n: int, info: tuple[str, int, int, Decoder | None] | None) -> None:
    """tcpdump's of_message_print: the body of n octets after the header."""
    if info is not None:
        _, req, size, decoder = info
        if (req == FIX and n != size) or (req == MIN and n < size):
            p.w(" (invalid)")
        elif p.o.v and decoder is not None:
            decoder(p, cp, n)
            return
    _need(p, cp, n)


def openflow_print(p: Pkt, bp: int, length: int) -> None:
    """tcpdump's openflow_print: the messages of one TCP segment."""
    p.proto = "openflow"
    p.w(": OpenFlow")
    cp, left = bp, length
    while left:
        version = p.u8(cp)
        p.w(f"\n\tversion {_VERSIONS.get(version) or f'unknown (0x{version:02x})'}")
        head = _rest_of_header(p, version, cp + 1, left - 1)
        if head is None:
            return
        info, mlen = head
        cp, left = cp + HEADER_LEN, left - HEADER_LEN
        if mlen < HEADER_LEN:
            p.w(" (invalid)")
            _need(p, cp, left)
            return
        _message(p, cp, mlen - HEADER_LEN, info)
        if mlen - HEADER_LEN > left:
            break
        cp, left = cp + mlen - HEADER_LEN, left - (mlen - HEADER_LEN)


def _rest_of_header(p: Pkt, version: int, cp: int,
                    left: int) -> tuple[tuple[str, int, int, Decoder | None] | None, int] | None:
    """The header's type, length and xid after its version, printed; the
    type's (name, length rule, length, decoder) and the length, or None
    where the TCP payload ends before the header does."""
    info, mlen = None, 0
    for size in (1, 2, 4):
        if left < size:
            p.w(" (end of TCP payload)")
            _need(p, cp, left)
            return None
        if size == 1:
            kind = p.u8(cp)
            info = _type_info(version, kind)
            p.w(f", type {info[0]}" if info else f", type unknown (0x{kind:02x})")
        elif size == 2:
            mlen = p.u16(cp)
            p.w(f", length {mlen}{' (too short!)' if mlen < HEADER_LEN else ''}")
        else:
            p.w(f", xid 0x{p.u32(cp):08x}")
        cp, left = cp + size, left - size
    return info, mlen
