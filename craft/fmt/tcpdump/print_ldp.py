"""MPLS LDP (RFC 5036, UDP and TCP port 646) as tcpdump 4.99 prints it: each
PDU's LDP identifier (LSR-ID and label space) and length; with -v every
message (type, length, id, U bit) and its TLVs (U and F bits; Common Hello
and Session Parameters, transport addresses, configuration sequence number,
address lists, FEC elements (wildcard, IPv4/IPv6 prefix, Martini VC with its
interface parameters), generic label, status, fault-tolerant session, MTU);
with -v the TLVs tcpdump has no decoder for in hex, with -vv each message in
hex. One TCP segment may carry several PDUs. Private to craft.fmt.tcpdump."""

from __future__ import annotations

from craft.fmt.tcpdump.addrtoname import ip4, ip6
from craft.fmt.tcpdump.af import AF_VALUES
from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.util_print import bittok, fn_char, print_unknown_data

_MESSAGES = {0x0001: "Notification", 0x0100: "Hello", 0x0200: "Initialization", 0x0201: "Keepalive",
             0x0300: "Address", 0x0301: "Address Withdraw", 0x0400: "Label Mapping",
             0x0401: "Label Request", 0x0402: "Label Withdraw", 0x0403: "Label Release",
             0x0404: "Label Abort Request"}
# the messages whose TLVs tcpdump 4.99 walks (the others it dumps in hex)
_WITH_TLVS = frozenset((0x0001, 0x0100, 0x0200, 0x0201, 0x0300, 0x0400, 0x0301, 0x0402))
_TLVS = {0x0100: "FEC", 0x0101: "Address List", 0x0103: "Hop Count", 0x0104: "Path Vector",
         0x0200: "Generic Label", 0x0201: "ATM Label", 0x0202: "Frame-Relay Label",
         0x0300: "Status",
         0x0301: "Extended Status", 0x0302: "Returned PDU", 0x0303: "Returned Message",
         0x0400: "Common Hello Parameters", 0x0401: "IPv4 Transport Address",
         0x0402: "Configuration Sequence Number", 0x0403: "IPv6 Transport Address",
         0x0500: "Common Session Parameters", 0x0501: "ATM Session Parameters",
         0x0502: "Frame-Relay Session Parameters", 0x0503: "Fault-Tolerant Session Parameters",
         0x0600: "Label Request Message ID", 0x0601: "MTU"}
_FECS = {0x01: "Wildcard", 0x02: "Prefix", 0x03: "Host address", 0x80: "Martini VC"}
_IFPARMS = {0x01: "MTU", 0x03: "Description", 0x0C: "VCCV"}
_VCCV_CC = ((0x01, "PWE3 control word"), (0x02, "MPLS Router Alert Label"),
            (0x04, "MPLS inner label TTL = 1"))
_VCCV_CV = ((0x01, "ICMP Ping"), (0x02, "LSP Ping"), (0x04, "BFD"))
# MPLS pseudowire types (RFC 4446), tcpdump's mpls_pw_types_values
PW_TYPES = {0x0000: "Reserved", 0x0001: "Frame Relay DLCI (Martini Mode)",
            0x0002: "ATM AAL5 SDU VCC transport", 0x0003: "ATM transparent cell transport",
            0x0004: "Ethernet VLAN", 0x0005: "Ethernet", 0x0006: "Cisco-HDLC", 0x0007: "PPP",
            0x0008: "SONET/SDH Circuit Emulation Service over MPLS",
            0x0009: "ATM n-to-one VCC cell transport", 0x000A: "ATM n-to-one VPC cell transport",
            0x000B: "IP Layer2 Transport", 0x000C: "ATM one-to-one VCC Cell Mode",
            0x000D: "ATM one-to-one VPC Cell Mode", 0x000E: "ATM AAL5 PDU VCC transport",
            0x000F: "Frame-Relay Port mode", 0x0010: "SONET/SDH Circuit Emulation over Packet",
            0x0011: "Structure-agnostic E1 over Packet",
            0x0012: "Structure-agnostic T1 (DS1) over Packet",
            0x0013: "Structure-agnostic E3 over Packet",
            0x0014: "Structure-agnostic T3 (DS3) over Packet",
            0x0015: "CESoPSN basic mode", 0x0016: "TDMoIP basic mode",
            0x0017: "CESoPSN TDM with CAS",
            0x0018: "TDMoIP TDM with CAS", 0x0019: "Frame Relay DLCI", 0x0040: "IP-interworking"}
_COMMON_HEADER, _MSG_HEADER = 10, 8
_DO = ("don't", "do")
_DONT = "Don't "


class _Short(Exception):
    """A TLV shorter than its decoder needs (the " [tlv length]" mark)."""


def _unknown(p: Pkt, at: int, indent: str, n: int) -> None:

    print_unknown_data(p, at, indent, n)


def _check(p: Pkt, at: int, n: int) -> None:
    """ND_TCHECK: in this printer a cut ends the packet like a failed read."""
    if not p.test(at, n):
        raise Trunc


def _least(p: Pkt, have: int, need: int) -> None:
    if have < need:
        p.w(f" [tlv length {have} < {need}] (invalid)")
        raise _Short


def _decode_prefix(p: Pkt, at: int, left: int, six: bool) -> tuple[int, str]:
    """tcpdump's decode_prefix4/6 as 4.99 uses it here: (bytes used,
    "addr/len"), used -1 for a bad prefix length; a prefix cut short or
    running past ``left`` ends the packet with the truncation mark."""
    if left < 1:
        raise Trunc
    plen = p.u8(at)
    if plen > (128 if six else 32):
        return -1, ""
    n = (plen + 7) // 8
    if left - 1 < n:
        raise Trunc
    raw = bytearray(p.b(at + 1, n) + bytes((16 if six else 4) - n))
    if plen % 8:
        raw[n - 1] &= (0xFF00 >> (plen % 8)) & 0xFF
    return 1 + n, f"{(ip6 if six else ip4)(bytes(raw))}/{plen}"


def _prefix_fec(p: Pkt, at: int, left: int) -> None:
    _least(p, left, 2)
    af = p.u16(at)
    if af in (1, 2):
        used, text = _decode_prefix(p, at + 2, left - 2, af == 2)
        p.w(f": IPv{4 if af == 1 else 6} prefix {'(invalid length)' if used == -1 else text}")
    else:
        p.w(f": Address family {af} prefix")


def _interface_parameters(p: Pkt, at: int, left: int) -> None:
    """A Martini VC FEC's interface parameters (``left`` bytes of them)."""
    while left > 2:
        kind, n = p.u8(at), p.u8(at + 1)
        if n < 2 or left < n:
            break
        p.w(f"\n\t\tInterface Parameter: {_IFPARMS.get(kind, 'Unknown')} (0x{kind:02x}), len {n}")
        if kind == 0x01:
            p.w(f": {p.u16(at + 2)}")
        elif kind == 0x03:
            p.w(": ")
            for i in range(2, n):
                p.w(fn_char(p.u8(at + i)))
        elif kind == 0x0C:
            cc = p.u8(at + 2)
            p.w(f"\n\t\t  Control Channels (0x{cc:02x}) = [{bittok(_VCCV_CC, 'none', cc)}]")
            cv = p.u8(at + 3)
            p.w(f"\n\t\t  CV Types (0x{cv:02x}) = [{bittok(_VCCV_CV, 'none', cv)}]")
        else:
            _unknown(p, at + 2, "\n\t\t  ", n - 2)
        left -= n
        at += n


def _martini_fec(p: Pkt, at: int, left: int) -> None:
    _least(p, left, 7)
    info = p.u8(at + 2)
    pw = p.u16(at)
    head = f": {PW_TYPES.get(pw & 0x7FFF, 'Unknown')}, {'' if pw & 0x8000 else 'no '}control word"
    if info == 0:
        p.w(f"{head}, group-ID {p.u32(at + 3)}, VC-info-length: {info}")
        return
    _least(p, left, 11)
    p.w(f"{head}, group-ID {p.u32(at + 3)}, VC-ID {p.u32(at + 7)}, VC-info-length: {info}")
    if info < 4:
        p.w(" (invalid, < 4")
        return
    _least(p, left - 11, info - 4)
    _interface_parameters(p, at + 11, info - 4)


def _fec(p: Pkt, at: int, left: int) -> None:
    _least(p, left, 1)
    kind = p.u8(at)
    p.w(f"\n\t      {_FECS.get(kind, 'Unknown')} FEC (0x{kind:02x})")
    if kind == 0x02:
        _prefix_fec(p, at + 1, left - 1)
    elif kind == 0x80:
        _martini_fec(p, at + 1, left - 1)


def _address_list(p: Pkt, at: int, left: int) -> None:
    _least(p, left, 2)
    af = p.u16(at)
    at, left = at + 2, left - 2
    p.w(f"\n\t      Address Family: {AF_VALUES.get(af, f'Unknown ({af})')}, addresses")
    size = {1: 4, 2: 16}.get(af)
    while size and left >= size:
        p.w(f" {ip4(p.b(at, 4)) if size == 4 else ip6(p.b(at, 16))}")
        at, left = at + size, left - size


def _value(p: Pkt, kind: int, at: int, n: int) -> None:
    """The value of one TLV (tcpdump's switch in ldp_tlv_print)."""
    if kind == 0x0400:
        _least(p, n, 4)
        flags = p.u16(at + 2)
        p.w(f"\n\t      Hold Time: {p.u16(at)}s, Flags: "
            f"[{'Targeted' if flags & 0x8000 else 'Link'} Hello"
            f"{', Request for targeted Hellos' if flags & 0x4000 else ''}]")
    elif kind == 0x0401:
        _least(p, n, 4)
        p.w(f"\n\t      IPv4 Transport Address: {ip4(p.b(at, 4))}")
    elif kind == 0x0403:
        _least(p, n, 16)
        p.w(f"\n\t      IPv6 Transport Address: {ip6(p.b(at, 16))}")
    elif kind == 0x0402:
        _least(p, n, 4)
        p.w(f"\n\t      Sequence Number: {p.u32(at)}")
    elif kind == 0x0101:
        _address_list(p, at, n)
    elif kind == 0x0500:
        _least(p, n, 8)
        flags = p.u16(at + 6)  # (4.99 reads the flags two bytes late)
        p.w(f"\n\t      Version: {p.u16(at)}, Keepalive: {p.u16(at + 2)}s, Flags: [Downstream "
            f"{'On Demand' if flags & 0x8000 else 'Unsolicited'}, Loop Detection "
            f"{'Enabled' if flags & 0x4000 else 'Disabled'}]")
    elif kind == 0x0100:
        _fec(p, at, n)
    elif kind == 0x0200:
        _least(p, n, 4)
        p.w(f"\n\t      Label: {p.u32(at) & 0xFFFFF}")
    elif kind == 0x0300:
        _least(p, n, 8)
        code = p.u32(at)
        p.w(f"\n\t      Status: 0x{code & 0x3FFFFFFF:02x}, Flags: ["
            f"{'Fatal error' if code & 0x80000000 else 'Advisory Notification'} and "
            f"{_DO[bool(code & 0x40000000)]} forward]")
        mid = p.u32(at + 4)
        if mid:
            p.w(f", causing Message ID: 0x{mid:08x}")
    elif kind == 0x0503:
        _fault_tolerant(p, at, n)
    elif kind == 0x0601:
        _least(p, n, 2)
        p.w(f"\n\t      MTU: {p.u16(at)}")
    elif p.o.v <= 1:
        _unknown(p, at, "\n\t      ", n)


def _fault_tolerant(p: Pkt, at: int, n: int) -> None:
    _least(p, n, 12)
    f = p.u16(at)
    p.w(f"\n\t      Flags: [{'' if f & 0x8000 else 'No '}Reconnect, {'' if f & 0x8 else _DONT}"
        f"Save State, {'' if f & 0x4 else 'No '}All-Label Protection, "
        f"{'Sequence Numbered Label' if f & 0x2 else 'All Labels'} Checkpoint, "
        f"{'' if f & 0x1 else _DONT}Re-Learn State]")
    timeout = p.u32(at + 4)
    if timeout:
        p.w(f", Reconnect Timeout: {timeout}ms")
    recovery = p.u32(at + 8)
    if recovery:
        p.w(f", Recovery Time: {recovery}ms")


def _tlv(p: Pkt, at: int, left: int) -> int:
    """One TLV of a message (tcpdump's ldp_tlv_print); its length, 0 to stop."""
    _check(p, at, 4)
    n = p.u16(at + 2)
    if n + 4 > left:
        p.w("\n\t\t TLV contents go past end of message")
        return 0
    head = p.u16(at)
    kind = head & 0x3FFF
    p.w(f"\n\t    {_TLVS.get(kind, 'Unknown')} TLV (0x{kind:04x}), length: {n}, Flags: ["
        f"{'continue processing' if head & 0x8000 else 'ignore'} and "
        f"{_DO[bool(head & 0x4000)]} forward if unknown]")
    try:
        _value(p, kind, at + 4, n)
    except _Short:
        pass
    return n + 4


def _message(p: Pkt, at: int) -> int:
    """One message of a PDU; its length with the header, 0 to stop the PDU."""
    _check(p, at, _MSG_HEADER)
    n, head = p.u16(at + 2), p.u16(at)
    kind = head & 0x7FFF
    name = _MESSAGES.get(kind, "Unknown")
    if n < 4:
        p.w(f"\n\t  {name} Message (0x{kind:04x}), length: {n} (too short, < 4)")
        return 0
    p.w(f"\n\t  {name} Message (0x{kind:04x}), length: {n}, Message ID: 0x{p.u32(at + 4):08x}, "
        f"Flags: [{'continue processing' if head & 0x8000 else 'ignore'} if unknown]")
    _check(p, at, n)
    cur, left = at + _MSG_HEADER, n - 4
    if kind in _WITH_TLVS:
        while left >= 4:
            used = _tlv(p, cur, left)
            if used == 0:
                break
            cur, left = cur + used, left - used
    elif p.o.v <= 1:
        _unknown(p, cur, "\n\t  ", left)
    if p.o.v > 1:
        _unknown(p, at + _MSG_HEADER, "\n\t  ", n)
    return n + 4


def _pdu(p: Pkt, at: int) -> int:
    """One PDU (tcpdump's ldp_pdu_print); its length, 0 to stop."""
    _check(p, at, _COMMON_HEADER)
    sep = "\n\t" if p.o.v else ""
    version = p.u16(at)
    if version != 1:
        p.w(f"{sep}LDP version {version} packet not supported")
        return 0
    pdu_len = p.u16(at + 2)
    if pdu_len < 6:
        p.w(f"{sep}LDP, pdu-length: {pdu_len} (too short, < 6)")
        return 0
    p.w(f"{sep}LDP, Label-Space-ID: {ip4(p.b(at + 4, 4))}:{p.u16(at + 8)}, pdu-length: {pdu_len}")
    if not p.o.v:
        return 0
    cur, left = at + _COMMON_HEADER, pdu_len - 6
    while left:
        used = _message(p, cur)
        if used == 0:
            return 0
        cur, left = cur + used, (left - used) & 0xFFFF
    return pdu_len + 4


def ldp_print(p: Pkt, bp: int, length: int) -> None:
    """tcpdump's ldp_print: the PDUs in ``length`` bytes at ``bp``."""
    p.proto = "ldp"
    while length > _COMMON_HEADER + _MSG_HEADER:
        used = _pdu(p, bp)
        if used == 0:
            return
        if length < used:
            p.w(f" [remaining length {length} < {used}] (invalid)")
            break
        length -= used
        bp += used
