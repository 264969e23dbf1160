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
        cp, left = cp + 1, left - 1
        p.w(f"\n\tversion {_VERSIONS.get(version) or f'unknown (0x{version:02x})'}")
        if left < 1:
            _partial_header(p, cp, left)
            return
        kind = p.u8(cp)
        cp, left = cp + 1, left - 1
        info = _type_info(version, kind)
        p.w(f", type {info[0]}" if info else f", type unknown (0x{kind:02x})")
        if left < 2:
            _partial_header(p, cp, left)
            return
        mlen = p.u16(cp)
        cp, left = cp + 2, left - 2
        p.w(f", length {mlen}{' (too short!)' if mlen < HEADER_LEN else ''}")
        if left < 4:
            _partial_header(p, cp, left)
            return
        p.w(f", xid 0x{p.u32(cp):08x}")
        cp, left = cp + 4, left - 4
        if mlen < HEADER_LEN:
            p.w(" (invalid)")
            _need(p, cp, left)
            return
        _message(p, cp, mlen - HEADER_LEN, info)
        if mlen - HEADER_LEN > left:
            break
        cp, left = cp + mlen - HEADER_LEN, left - (mlen - HEADER_LEN)


def _partial_header(p: Pkt, cp: int, left: int) -> None:
    p.w(" (end of TCP payload)")
    _need(p, cp, left)
