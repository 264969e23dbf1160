"""DCCP (RFC 4340, IP protocol 33, over IPv4 and IPv6) as tcpdump 4.99
prints it: the addresses with the ports, the packet type, the service code
of a Request or Response, the reset code, the acknowledgement number (short
and extended sequence numbers); with -v the CCVal, the checksum coverage and
the checksum check; with -vv the sequence number and the options (feature
negotiation, init cookie, NDP count, ack vectors, timestamps, elapsed time,
data checksum, CCID-specific). With -q the payload length only.
Private to craft.fmt.tcpdump."""

from __future__ import annotations

from craft.fmt.tcpdump.in_cksum import cksum, ip4_pseudo, ip6_pseudo, shouldbe
from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.util_print import addr_pair

_TYPES = ("DCCP-Request", "DCCP-Response", "DCCP-Data", "DCCP-Ack", "DCCP-DataAck",
          "DCCP-CloseReq", "DCCP-Close", "DCCP-Reset", "DCCP-Sync", "DCCP-SyncAck")
REQUEST, RESPONSE, DATA, RESET = 0, 1, 2, 7
_RESET_CODES = ("unspecified", "closed", "aborted", "no_connection", "packet_error",
                "option_error", "mandatory_error", "connection_refused", "bad_service_code",
                "too_busy", "bad_init_cookie", "aggression_penalty")
_FEATURES = ("reserved", "ccid", "allow_short_seqno", "sequence_window", "ecn_incapable",
             "ack_ratio", "send_ack_vector", "send_ndp_count", "minimum checksum coverage",
             "check data checksum")
_OPTIONS = {0: "nop", 1: "mandatory", 2: "slowreceiver", 32: "change_l", 33: "confirm_l",
            34: "change_r", 35: "confirm_r", 36: "initcookie", 37: "ndp_count",
            38: "ack_vector0", 39: "ack_vector1", 40: "data_dropped", 41: "timestamp",
            42: "timestamp_echo", 43: "elapsed_time", 44: "data_checksum"}
# the bytes after the generic header each type has (tcpdump's fixed_hdrlen)
_TYPE_EXTRA = {REQUEST: 4, RESPONSE: 12, DATA: 0, RESET: 12}


def _checksum(p: Pkt, off: int, length: int, iph: int) -> None:
    """", cksum 0x.... (correct)": the sum over the checksum coverage (CsCov)."""
    csum = p.u16(off + 6)
    cscov = p.u8(off + 5) & 0xF
    cov = length if cscov == 0 else min(length, (p.u8(off + 4) + cscov - 1) * 4)
    if p.d[iph] >> 4 == 6:
        ph = ip6_pseudo(p, iph, length, 33)
    else:
        ph = ip4_pseudo(p, iph, 33, length)
    s = cksum(ph + p.d[off:off + cov])
    p.w(f", cksum 0x{csum:04x} ")
    p.w(f"(incorrect -> 0x{shouldbe(csum, s):04x})" if s else "(correct)")


def _option_name(kind: int) -> str:
    return f"CCID option {kind}" if kind >= 128 else _OPTIONS.get(kind, f"Option {kind}")


def _hex(p: Pkt, at: int, n: int) -> str:
    return "".join(f"{p.u8(at + i):02x}" for i in range(n))


def _option(p: Pkt, at: int, hlen: int) -> int:
    """One option (tcpdump's dccp_print_option): its length, 0 to stop."""
    kind = p.u8(at)
    if kind >= 32:
        optlen = p.u8(at + 1)
        if optlen < 2:
            p.w(f"{_option_name(kind)} optlen too short")
            return 0
    else:
        optlen = 1
    if hlen < optlen:
        p.w(f"{_option_name(kind)} optlen goes past header length")
        return 0
    if not p.test(at, optlen):
        p.w(f" [|{p.proto}]")
        return 0
    p.w(_option_name(kind))
    body = optlen - 2
    if kind >= 128:
        if optlen in (4, 6):
            p.w(f" {_number(p, at + 2, body)}")
    elif 32 <= kind <= 35:  # change/confirm L/R: feature number and values
        if optlen < 3:
            p.w(" optlen too short")
            return optlen
        feature = p.u8(at + 2)
        if feature < len(_FEATURES):
            p.w(f" {_FEATURES[feature]}")
            p.w("".join(f" {p.u8(at + 3 + i)}" for i in range(optlen - 3)))
    elif kind in (36, 38, 39, 40):  # init cookie, ack vectors, data dropped
        if body > 0:
            p.w(f" 0x{_hex(p, at + 2, body)}")
    elif kind == 37:  # NDP count
        p.w("".join(f" {p.u8(at + 2 + i)}" for i in range(body)))
    elif kind == 41:  # timestamp
        p.w(f" {p.u32(at + 2)}" if optlen == 6 else " [optlen != 6]")
    elif kind == 42:  # timestamp echo, with an elapsed time of 2 or 4 bytes
        if optlen in (6, 8, 10):
            p.w(f" {p.u32(at + 2)}")
            if optlen > 6:
                p.w(f" (elapsed time {_number(p, at + 6, optlen - 6)})")
        else:
            p.w(" [optlen != 6 or 8 or 10]")
    elif kind == 43:  # elapsed time
        p.w(f" {_number(p, at + 2, body)}" if optlen in (4, 6) else " [optlen != 4 or 6]")
    elif kind == 44 and body > 0:  # data checksum
        p.w(f" {_hex(p, at + 2, body)}")
    return optlen


def _number(p: Pkt, at: int, size: int) -> int:
    """An option's number of SIZE (2 or 4) bytes."""
    return p.u16(at) if size == 2 else p.u32(at)


def _options(p: Pkt, at: int, hlen: int) -> None:
    """" <opt, opt, ...>" for the options between the fixed header and the data offset."""
    p.w(" <")
    while True:
        n = _option(p, at, hlen)
        if not n or hlen <= n:
            break
        hlen -= n
        at += n
        p.w(", ")
    p.w(">")


def _ack_number(p: Pkt, off: int, x: int) -> None:
    """"(ack=N) ": the acknowledgement number after the generic header."""
    if x:
        p.w(f"(ack={int.from_bytes(p.b(off + 18, 6), 'big')}) ")
    else:
        p.w(f"(ack={int.from_bytes(p.b(off + 13, 3), 'big')}) ")


def dccp_print(p: Pkt, off: int, length: int, iph: int, fragmented: bool = False) -> None:
    """tcpdump's dccp_print; ``length`` is the IP payload length."""
    p.proto = "dccp"
    o = p.o
    if not p.test(off, 12):
        raise Trunc(local=True)
    if length < 12:
        p.w(f"truncated-dccp - {(12 - length) & 0xFFFFFFFF} bytes missing!")
        return
    x = p.u8(off + 8) & 1
    fixed = 16 if x else 12
    if length < fixed:
        p.w(f"truncated-dccp - {fixed - length} bytes missing!")
        return
    if not p.test(off, fixed):
        raise Trunc(local=True)
    sport, dport = p.u16(off), p.u16(off + 2)
    hlen = p.u8(off + 4) * 4
    src, dst, _, _ = addr_pair(p, iph)
    p.w(f"{src}.{sport} > {dst}.{dport}: DCCP")
    if o.q:
        p.w(f" {(length - hlen) & 0xFFFFFFFF}")
        if hlen > length:
            p.w(f" [bad hdr length {hlen} - too long, > {length}]")
        return
    if o.v:
        ccv = p.u8(off + 5)
        p.w(f" (CCVal {ccv >> 4}, CsCov {ccv & 0xF}")
        if p.test(off, length):
            _checksum(p, off, length, iph)
        p.w(")")
    p.w(" ")
    kind = (p.u8(off + 8) >> 1) & 0xF
    if kind < len(_TYPES):
        fixed += _TYPE_EXTRA.get(kind, 8)
        if length < fixed:
            p.w(f"truncated-{_TYPES[kind]} - {fixed - length} bytes missing!")
            return
        if kind in (REQUEST, RESPONSE, RESET):  # the type's fields are checked whole
            extra = _TYPE_EXTRA[kind]
            if not p.test(off + fixed - extra, extra):
                raise Trunc(local=True)
        p.w(_TYPES[kind])
        if kind in (REQUEST, RESPONSE):
            p.w(f" (service={p.u32(off + fixed - 4)})")
        elif kind == RESET:
            code = p.u8(off + fixed - 4)
            p.w(f" (code={_RESET_CODES[code] if code < len(_RESET_CODES) else 'invalid'})")
        p.w(" ")
    else:
        p.w(f"unknown-type-{kind} ")
    if kind not in (DATA, REQUEST):
        _ack_number(p, off, x)
    if o.v < 2:
        return
    seq = int.from_bytes(p.b(off + 10, 6) if x else p.b(off + 9, 3), "big")
    p.w(f"seq {seq}")
    if hlen > fixed:
        _options(p, off + fixed, hlen - fixed)
