"""The RPKI to Router protocol (RFC 6810, TCP port 323) as tcpdump 4.99
prints it: ", RPKI-RTR"; with -v each PDU of the segment (serial notify and
query, reset query, cache response and reset, IPv4 and IPv6 prefixes, end
of data, error reports with the PDU they quote and their text), unknown PDUs
in hex; with -vv every PDU in hex as well. Private to craft.fmt.tcpdump."""

from __future__ import annotations

from craft.fmt.tcpdump.addrtoname import ip4, ip6
from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.util_print import fn_char, print_unknown_data

_PDUS = {0: "Serial Notify", 1: "Serial Query", 2: "Reset Query", 3: "Cache Response",
         4: "IPV4 Prefix",
         6: "IPV6 Prefix", 7: "End of Data", 8: "Cache Reset", 10: "Error Report"}
_ERRORS = {0: "Corrupt Data", 1: "Internal Error", 2: "No Data Available", 3: "Invalid Request",
           4: "Unsupported Protocol Version", 5: "Unsupported PDU Type",
           6: "Withdrawal of Unknown Record",
           7: "Duplicate Announcement Received"}
_HEADER = 8
_M32 = 0xFFFFFFFF


class _Invalid(Exception):
    """tcpdump's "goto invalid" in rpki_rtr_pdu_print."""


def _indent(n: int) -> str:
    """tcpdump's indent_string: a newline, a tab per 8, a space per rest."""
    return "\n" + "\t" * (n // 8) + " " * (n % 8)


def _error_report(p: Pkt, at: int, pdu_len: int, recurse: bool, indent: int) -> None:
    tlen = _HEADER
    if pdu_len < tlen + 4:
        raise _Invalid
    inner_len = p.u32(at + 8)
    tlen += 4
    code = p.u16(at + 2)
    p.w(f"{_indent(indent + 2)}Error code: {_ERRORS.get(code, 'Unknown')} ({code}), "
        f"Encapsulated PDU length: {inner_len}")
    if inner_len:
        if pdu_len < (tlen + inner_len) & _M32:
            raise _Invalid
        if not recurse:
            if not p.test(at, (tlen + inner_len) & _M32):
                raise Trunc
        else:
            p.w(f"{_indent(indent + 4)}-----encapsulated PDU-----")
            _pdu(p, at + tlen, inner_len, False, indent + 2)
        tlen = (tlen + inner_len) & _M32
    if pdu_len < (tlen + 4) & _M32:
        raise _Invalid
    text_len = p.u32(at + tlen)
    tlen = (tlen + 4) & _M32
    if text_len:
        if pdu_len < (tlen + text_len) & _M32:
            raise _Invalid
        p.w(f"{_indent(indent + 2)}Error text: ")
        for i in range(text_len):
            p.w(fn_char(p.u8(at + tlen + i)))


def _body(p: Pkt, at: int, kind: int, pdu_len: int, recurse: bool, indent: int) -> bool:
    """The PDU after its header line; True when tcpdump dumps it in hex."""
    if kind in (0, 1, 7):
        if pdu_len != _HEADER + 4:
            raise _Invalid
        p.w(f"{_indent(indent + 2)}Session ID: 0x{p.u16(at + 2):04x}, Serial: {p.u32(at + 8)}")
    elif kind in (2, 8):
        if pdu_len != _HEADER:
            raise _Invalid
    elif kind == 3:
        if pdu_len != _HEADER:
            raise _Invalid
        p.w(f"{_indent(indent + 2)}Session ID: 0x{p.u16(at + 2):04x}")
    elif kind in (4, 6):
        six = kind == 6
        if pdu_len != (32 if six else 20):
            raise _Invalid
        prefix = ip6(p.b(at + 12, 16)) if six else ip4(p.b(at + 12, 4))
        p.w(f"{_indent(indent + 2)}IPv{6 if six else 4} Prefix "
            f"{prefix}/{p.u8(at + 9)}-{p.u8(at + 10)}, "
            f"origin-as {p.u32(at + (28 if six else 16))}, flags 0x{p.u8(at + 8):02x}")
    elif kind == 10:
        _error_report(p, at, pdu_len, recurse, indent)
    else:
        if not p.test(at, pdu_len):
            raise Trunc
        return True
    return False


def _pdu(p: Pkt, at: int, length: int, recurse: bool, indent: int) -> int:
    """One PDU (tcpdump's rpki_rtr_pdu_print); the bytes it takes."""

    try:
        version = p.u8(at)
        if version != 0:
            p.w(f"{_indent(8)}RPKI-RTRv{version} (unknown)")
            return length
        if length < _HEADER:
            p.w(f"({length} bytes is too few to decode)")
            raise _Invalid
        kind, pdu_len = p.u8(at + 1), p.u32(at + 4)
        p.w(f"{_indent(8)}RPKI-RTRv{version}, {_PDUS.get(kind, 'Unknown')} PDU ({kind}), length: "
            f"{pdu_len}")
        if pdu_len < _HEADER or pdu_len > length:
            raise _Invalid
        dump = _body(p, at, kind, pdu_len, recurse, indent)
    except _Invalid:
        p.w(" (invalid)")
        if not p.test(at, length):
            raise Trunc from None
        return length
    if p.o.v > 1 or (p.o.v and dump):
        print_unknown_data(p, at, "\n\t  ", pdu_len)
    return pdu_len


def rpki_rtr_print(p: Pkt, bp: int, length: int) -> None:
    """tcpdump's rpki_rtr_print: the PDUs in ``length`` bytes at ``bp``."""
    p.proto = "rpki_rtr"
    if not p.o.v:
        p.w(", RPKI-RTR")
        return
    while length:
        used = _pdu(p, bp, length, True, 8)
        length -= used
        bp += used
