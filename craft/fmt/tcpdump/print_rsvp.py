"""RSVP (RFC 2205, IP protocol 46) and its RSVP-TE / GMPLS objects as
tcpdump 4.99 prints them: without -v one line with the message type; with
-v the common header and every object (session, hop, time values, sender
template / filter spec, IntServ TSpec / flowspec / adspec parameters, label
request, labels, ERO / RRO subobjects, session attribute, style, error spec,
confirm, integrity, message ids, hello, restart capability, fast reroute,
detour, ...), Bundle sub-messages included; with -vv also a hex dump of
every object (and of the unknown ones with -v). Private to craft.fmt.tcpdump."""

from __future__ import annotations

import math
import struct
from collections.abc import Callable
from typing import Any

from craft.fmt.tcpdump.addrtoname import ip4, ip6
from craft.fmt.tcpdump.af import AF_VALUES
from craft.fmt.tcpdump.ethertype import ETHERTYPES
from craft.fmt.tcpdump.gmpls import SWITCH_CAPS
from craft.fmt.tcpdump.netdissect import Pkt
from craft.fmt.tcpdump.print_ospf import _ENCODINGS
from craft.fmt.tcpdump.util_print import bittok, fn_char, print_unknown_data

_MSG_TYPES = {1: "Path", 2: "Resv", 3: "PathErr", 4: "ResvErr", 5: "PathTear", 6: "ResvTear",
              7: "ResvConf", 12: "Bundle", 13: "Acknowledgement", 14: "Hello (Old)",
              15: "Refresh", 20: "Hello"}
_BUNDLE = 12
_WITH_OBJECTS = frozenset((1, 2, 3, 4, 5, 6, 7, 13, 14, 15, 20))
_HEADER_FLAGS = ((0x01, "Refresh reduction capable"),)
_OBJECTS = {1: "Session", 3: "RSVP Hop", 4: "Integrity", 5: "Time Values", 6: "Error Spec",
            7: "Scope", 8: "Style", 9: "Flowspec", 10: "FilterSpec", 11: "Sender Template",
            12: "Sender TSpec", 13: "Adspec", 14: "Policy Data", 15: "Confirm", 16: "Label",
            19: "Label Request", 20: "ERO", 21: "RRO", 22: "Hello", 23: "Message ID",
            24: "Message ID Ack", 25: "Message ID List", 34: "Recovery Label",
            35: "Upstream Label", 36: "Label Set", 130: "Acceptable Label Set", 63: "Detour",
            66: "Class Type", 125: "Class Type (old)", 129: "Suggested Label", 204: "Properties",
            205: "Fast Re-Route", 207: "Session Attribute", 229: "Generalized UNI",
            230: "Call-ID", 236: "Call Capability", 131: "Restart Capability",
            134: "Capability", 195: "Notify Request", 37: "Protection",
            196: "Administrative Status", 50: "Sub-LSP to LSP"}
_LABELS3 = ("Label", "Generalized Label", "Waveband Switching")
_CTYPES: dict[tuple[int, int], str] = {
    (3, 1): "IPv4", (3, 2): "IPv6", (3, 3): "IPv4 plus opt. TLVs", (3, 4): "IPv6 plus opt. TLVs",
    (195, 1): "IPv4", (195, 2): "IPv6", (15, 1): "IPv4", (15, 2): "IPv6", (5, 1): "1",
    (9, 1): "obsolete", (9, 2): "IntServ", (12, 2): "IntServ", (13, 2): "IntServ",
    (10, 1): "IPv4", (10, 2): "IPv6", (10, 3): "IPv6 Flow-label", (10, 7): "Tunnel IPv4",
    (10, 12): "IPv4 P2MP LSP Tunnel", (10, 13): "IPv6 P2MP LSP Tunnel",
    (1, 1): "IPv4", (1, 2): "IPv6", (1, 7): "Tunnel IPv4", (1, 11): "UNI IPv4",
    (1, 13): "IPv4 P2MP LSP Tunnel", (1, 14): "IPv6 P2MP LSP Tunnel",
    (11, 1): "IPv4", (11, 2): "IPv6", (11, 7): "Tunnel IPv4", (11, 12): "IPv4 P2MP LSP Tunnel",
    (11, 13): "IPv6 P2MP LSP Tunnel", (23, 1): "1", (24, 1): "Message id ack",
    (24, 2): "Message id nack", (25, 1): "1", (8, 1): "1", (22, 1): "Hello Request",
    (22, 2): "Hello Ack", (19, 1): "without label range", (19, 2): "with ATM label range",
    (19, 3): "with FR label range", (19, 4): "Generalized Label",
    **{(cls, i + 1): w for cls in (16, 129, 35, 34) for i, w in enumerate(_LABELS3)},
    (20, 1): "IPv4", (21, 1): "IPv4", (6, 1): "IPv4", (6, 2): "IPv6",
    (6, 3): "IPv4 plus opt. TLVs", (6, 4): "IPv6 plus opt. TLVs", (131, 1): "IPv4",
    (134, 1): "1", (207, 7): "Tunnel IPv4", (205, 7): "Tunnel IPv4", (205, 1): "1",
    (63, 7): "Tunnel IPv4", (204, 1): "1", (196, 1): "1", (66, 1): "1", (125, 1): "1",
    (36, 1): "1", (229, 1): "1", (50, 1): "IPv4 sub-LSP", (50, 2): "IPv6 sub-LSP"}
_XRO = {0: "Reserved", 1: "IPv4 prefix", 2: "IPv6 prefix", 3: "Label",
        32: "Autonomous system number", 64: "MPLS label switched path termination"}
_RRO_FLAGS = ((0x01, "Local protection available"), (0x02, "Local protection in use"),
              (0x04, "Bandwidth protection"), (0x08, "Node protection"))
_STYLES = {17: "Wildcard Filter", 10: "Fixed Filter", 18: "Shared Explicit"}
_SERVICES = {1: "Default/Global Information", 2: "Guaranteed Service", 5: "Controlled Load"}
_PARAMETERS = {4: "IS hop cnt", 6: "Path b/w estimate", 8: "Minimum path latency",
               10: "Composed MTU", 127: "Token Bucket TSpec", 130: "Guaranteed Service RSpec",
               133: "End-to-end composed value for C", 134: "End-to-end composed value for D",
               135: "Since-last-reshaping point composed C",
               136: "Since-last-reshaping point composed D"}
_SESSION_FLAGS = ((0x01, "Local Protection"), (0x02, "Label Recording"), (0x04, "SE Style"),
                  (0x08, "Bandwidth protection"), (0x10, "Node protection"))
_PROPERTY_TLVS = {0x01: "Cos", 0x02: "Metric 1", 0x04: "Metric 2", 0x08: "CCC Status",
                  0x10: "Path Type"}
_ERROR_CODES = {24: "Routing Problem", 25: "Notify Error", 28: "Diffserv TE Error",
                125: "Diffserv TE Error (Old)"}
_ROUTING_ERRORS = {1: "Bad EXPLICIT_ROUTE object", 2: "Bad strict node", 3: "Bad loose node",
                   4: "Bad initial subobject", 5: "No route available toward destination",
                   6: "Unacceptable label value", 7: "RRO indicated routing loops",
                   8: "non-RSVP-capable router in the path", 9: "MPLS label allocation failure",
                   10: "Unsupported L3PID"}
_DIFFSERV_ERRORS = {
    1: "Unexpected CT object", 2: "Unsupported CT", 3: "Invalid CT value",
    4: "CT/setup priority do not form a configured TE-Class",
    5: "CT/holding priority do not form a configured TE-Class",
    6: "CT/setup priority and CT/holding priority do not form a configured TE-Class",
    7: "Inconsistency between signaled PSC and signaled CT",
    8: "Inconsistency between signaled PHBs and signaled CT"}
_ADMIN_FLAGS = ((0x80000000, "Reflect"), (0x00000004, "Testing"), (0x00000002, "Admin-down"),
                (0x00000001, "Delete-in-progress"))
_LABEL_SET_ACTIONS = {0: "Inclusive list", 1: "Exclusive list", 2: "Inclusive range",
                      3: "Exclusive range"}
_CAPABILITY_FLAGS = ((0x0004, "RecoveryPath Transmit Enabled"), (0x0002, "RecoveryPath Desired"),
                     (0x0001, "RecoveryPath Srefresh Capable"))
_PAYLOADS = dict(enumerate((
    "Unknown", "Reserved", "Reserved", "Reserved", "Reserved", "Asynchronous mapping of E4",
    "Asynchronous mapping of DS3/T3", "Asynchronous mapping of E3",
    "Bit synchronous mapping of E3", "Byte synchronous mapping of E3",
    "Asynchronous mapping of DS2/T2", "Bit synchronous mapping of DS2/T2", "Reserved",
    "Asynchronous mapping of E1", "Byte synchronous mapping of E1",
    "Byte synchronous mapping of 31 * DS0", "Asynchronous mapping of DS1/T1",
    "Bit synchronous mapping of DS1/T1", "Byte synchronous mapping of DS1/T1", "VC-11 in VC-12",
    "Reserved", "Reserved", "DS1 SF Asynchronous", "DS1 ESF Asynchronous",
    "DS3 M23 Asynchronous", "DS3 C-Bit Parity Asynchronous", "VT/LOVC", "STS SPE/HOVC",
    "POS - No Scrambling, 16 bit CRC", "POS - No Scrambling, 32 bit CRC",
    "POS - Scrambling, 16 bit CRC", "POS - Scrambling, 32 bit CRC", "ATM mapping",
    "Ethernet PHY", "SONET/SDH", "Reserved (SONET deprecated)", "Digital Wrapper", "Lambda",
    "ANSI/ETSI PDH", "Reserved", "Link Access Protocol SDH (X.85 and X.86)", "FDDI",
    "DQDB (ETSI ETS 300 216)", "FiberChannel-3 (Services)", "HDLC", "Ethernet V2/DIX (only)",
    "Ethernet 802.3 (only)", "G.709 ODUj", "G.709 OTUk(v)", "CBR/CBRa", "CBRb", "BSOT", "BSNT",
    "IP/PPP (GFP)", "Ethernet MAC (framed GFP)", "Ethernet PHY (transparent GFP)", "ESCON",
    "FICON", "Fiber Channel")))
_UNI_SUBOBJECTS = {1: "Source TNA address", 2: "Destination TNA address", 3: "Diversity",
                   4: "Egress label", 5: "Service level"}
_HEXDUMP = "\n\t    "
_F32 = struct.Struct("!f")
_FLT_MAX = 3.4028234663852886e38


class _Stop(Exception):
    """The object walk gives up (rsvp_obj_print returning -1): ``text`` is
    printed first."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


def _f32(x: float) -> float:
    """x rounded to single precision (C float arithmetic)."""
    if math.isnan(x) or math.isinf(x):
        return x
    if abs(x) > _FLT_MAX:
        # past float's range: rounds to infinity unless within half an ulp
        if abs(x) >= _FLT_MAX + 2.0 ** 103:
            return math.copysign(math.inf, x)
        return math.copysign(_FLT_MAX, x)
    return _F32.unpack(_F32.pack(x))[0]


def _g10(raw: int, scale: str) -> str:
    """"%.10g" of a wire float: divided by 125000 ("mbps"), times 8 over
    1000000 ("bps8") or as is, in single-precision arithmetic."""
    f = _F32.unpack(raw.to_bytes(4, "big"))[0]
    if math.isnan(f):
        return "-nan" if raw & 0x80000000 else "nan"
    if scale == "mbps":
        f = _f32(f / 125000)
    elif scale == "bps8":
        f = _f32(_f32(f * 8) / 1000000)
    if math.isinf(f):
        return "-inf" if f < 0 else "inf"
    return f"{f:.10g}"


def _hash_x(v: int) -> str:
    """C's "%#x": no 0x for zero."""
    return f"{v:#x}" if v else "0"


def _intserv(p: Pkt, at: int, tlen: int) -> int:
    """One IntServ parameter (rsvp_intserv_print); the bytes it took, 0 to stop."""
    if tlen < 4:
        return 0
    pid = p.u8(at)
    plen = p.u16(at + 2) << 2
    p.w(f"\n\t      Parameter ID: {_PARAMETERS.get(pid, 'unknown')} ({pid}), length: {plen}, "
        f"Flags: [0x{p.u8(at + 1):02x}]")
    if tlen < plen + 4:
        return 0
    v = at + 4
    if pid == 4 and plen == 4:
        p.w(f"\n\t\tIS hop count: {p.u32(v)}")
    elif pid == 6 and plen == 4:
        p.w(f"\n\t\tPath b/w estimate: {_g10(p.u32(v), 'mbps')} Mbps")
    elif pid == 8 and plen == 4:
        n = p.u32(v)
        p.w("\n\t\tMinimum path latency: " + ("don't care" if n == 0xFFFFFFFF else f"{n}"))
    elif pid == 10 and plen == 4:
        p.w(f"\n\t\tComposed MTU: {p.u32(v)} bytes")
    elif pid == 127 and plen == 20:
        p.w(f"\n\t\tToken Bucket Rate: {_g10(p.u32(v), 'mbps')} Mbps"
            f"\n\t\tToken Bucket Size: {_g10(p.u32(v + 4), '')} bytes"
            f"\n\t\tPeak Data Rate: {_g10(p.u32(v + 8), 'mbps')} Mbps"
            f"\n\t\tMinimum Policed Unit: {p.u32(v + 12)} bytes"
            f"\n\t\tMaximum Packet Size: {p.u32(v + 16)} bytes")
    elif pid == 130 and plen == 8:
        p.w(f"\n\t\tRate: {_g10(p.u32(v), 'mbps')} Mbps\n\t\tSlack Term: {p.u32(v + 4)}")
    elif pid in (133, 134, 135, 136) and plen == 4:
        p.w(f"\n\t\tValue: {p.u32(v)}")
    elif pid not in (4, 6, 8, 10, 127, 130, 133, 134, 135, 136) and p.o.v <= 1:
        print_unknown_data(p, v, "\n\t\t", plen)
    return plen + 4


def _too_short(tlen: int, n: int, ind: str) -> None:
    if tlen < n:
        raise _Stop(f"{ind}ERROR: object is too short")


# a C-Type of one fixed layout: (its least length, its text from the object's start)
_Layout = tuple[int, Callable[[Pkt, int, str], str]]


def _fixed(p: Pkt, layouts: dict[Any, _Layout], ct: object, at: int, tlen: int,
           ind: str) -> bool:
    """The object of C-Type CT as LAYOUTS has it; True (the hex dump) for a
    C-Type it lacks."""
    layout = layouts.get(ct)
    if layout is None:
        return True
    _too_short(tlen, layout[0], ind)
    p.w(layout[1](p, at, ind))
    return False


_SESSIONS: dict[Any, _Layout] = {
    1: (8, lambda p, at, ind: (
        f"{ind}  IPv4 DestAddress: {ip4(p.b(at, 4))}, Protocol ID: 0x{p.u8(at + 4):02x}"
        f"{ind}  Flags: [0x{p.u8(at + 5):02x}], DestPort {p.u16(at + 6)}")),
    2: (20, lambda p, at, ind: (
        f"{ind}  IPv6 DestAddress: {ip6(p.b(at, 16))}, Protocol ID: 0x{p.u8(at + 16):02x}"
        f"{ind}  Flags: [0x{p.u8(at + 17):02x}], DestPort {p.u16(at + 18)}")),
    8: (36, lambda p, at, ind: (
        f"{ind}  IPv6 Tunnel EndPoint: {ip6(p.b(at, 16))}, Tunnel ID: 0x{p.u16(at + 18):04x}, "
        f"Extended Tunnel ID: {ip6(p.b(at + 20, 16))}")),
    14: (26, lambda p, at, ind: (
        f"{ind}  IPv6 P2MP LSP ID: 0x{p.u32(at):08x}, Tunnel ID: 0x{p.u16(at + 6):04x}, "
        f"Extended Tunnel ID: {ip6(p.b(at + 8, 16))}")),
    13: (12, lambda p, at, ind: (
        f"{ind}  IPv4 P2MP LSP ID: {ip4(p.b(at, 4))}, Tunnel ID: 0x{p.u16(at + 6):04x}, "
        f"Extended Tunnel ID: {ip4(p.b(at + 8, 4))}")),
    **dict.fromkeys((7, 11), (12, lambda p, at, ind: (
        f"{ind}  IPv4 Tunnel EndPoint: {ip4(p.b(at, 4))}, Tunnel ID: 0x{p.u16(at + 6):04x}, "
        f"Extended Tunnel ID: {ip4(p.b(at + 8, 4))}"))),
}


def _session(p: Pkt, ct: int, at: int, tlen: int, ind: str) -> bool:
    return _fixed(p, _SESSIONS, ct, at, tlen, ind)


def _address(p: Pkt, ct: int, at: int, tlen: int, ind: str, word: str) -> bool:
    """CONFIRM and NOTIFY_REQUEST: one address."""
    if ct == 1:
        _too_short(tlen, 4, ind)
        p.w(f"{ind}  IPv4 {word} Address: {ip4(p.b(at, 4))}")
    elif ct == 2:
        _too_short(tlen, 16, ind)
        p.w(f"{ind}  IPv6 {word} Address: {ip6(p.b(at, 16))}")
    else:
        return True
    return False


def _label(p: Pkt, ct: int, at: int, tlen: int, ind: str) -> bool:
    if ct == 1:
        while tlen >= 4:
            p.w(f"{ind}  Label: {p.u32(at)}")
            at, tlen = at + 4, tlen - 4
    elif ct == 2:
        _too_short(tlen, 4, ind)
        p.w(f"{ind}  Generalized Label: {p.u32(at)}")
    elif ct == 3:
        _too_short(tlen, 12, ind)
        p.w(f"{ind}  Waveband ID: {p.u32(at)}{ind}  Start Label: {p.u32(at + 4)}, "
            f"Stop Label: {p.u32(at + 8)}")
    else:
        return True
    return False


# SENDER_TEMPLATE's and FILTER_SPEC's C-Types, by (class, C-Type)
_SENDER_COMMON: dict[Any, _Layout] = {
    1: (8, lambda p, at, ind: (
        f"{ind}  Source Address: {ip4(p.b(at, 4))}, Source Port: {p.u16(at + 6)}")),
    2: (20, lambda p, at, ind: (
        f"{ind}  Source Address: {ip6(p.b(at, 16))}, Source Port: {p.u16(at + 18)}")),
    13: (40, lambda p, at, ind: (
        f"{ind}  IPv6 Tunnel Sender Address: {ip6(p.b(at, 16))}, LSP ID: 0x{p.u16(at + 18):04x}"
        f"{ind}  Sub-Group Originator ID: {ip6(p.b(at + 20, 16))}, "
        f"Sub-Group ID: 0x{p.u16(at + 38):04x}")),
    12: (16, lambda p, at, ind: (
        f"{ind}  IPv4 Tunnel Sender Address: {ip4(p.b(at, 4))}, LSP ID: 0x{p.u16(at + 6):04x}"
        f"{ind}  Sub-Group Originator ID: {ip4(p.b(at + 8, 4))}, "
        f"Sub-Group ID: 0x{p.u16(at + 12):04x}")),
}
_SENDERS: dict[Any, _Layout] = {
    **{(cls, ct): layout for cls in (10, 11) for ct, layout in _SENDER_COMMON.items()},
    (10, 3): (20, lambda p, at, ind: (
        f"{ind}  Source Address: {ip6(p.b(at, 16))}, "
        f"Flow Label: {p.u8(at + 17) << 16 | p.u16(at + 18)}")),
    (10, 8): (20, lambda p, at, ind: (
        f"{ind}  Source Address: {ip4(p.b(at, 4))}, LSP-ID: 0x{p.u16(at + 18):04x}")),
    (10, 7): (8, lambda p, at, ind: (
        f"{ind}  Source Address: {ip4(p.b(at, 4))}, LSP-ID: 0x{p.u16(at + 6):04x}")),
    (11, 7): (8, lambda p, at, ind: (
        f"{ind}  IPv4 Tunnel Sender Address: {ip4(p.b(at, 4))}, LSP-ID: 0x{p.u16(at + 6):04x}")),
}


def _sender(p: Pkt, cls: int, ct: int, at: int, tlen: int, ind: str) -> bool:
    """SENDER_TEMPLATE (11) and FILTER_SPEC (10)."""
    return _fixed(p, _SENDERS, (cls, ct), at, tlen, ind)


def _l3pid(p: Pkt, at: int) -> str:
    v = p.u16(at)
    return ETHERTYPES.get(v, f"Unknown Protocol (0x{v:04x})")


def _label_request(p: Pkt, ct: int, at: int, tlen: int, ind: str) -> bool:
    if ct == 1:
        while tlen >= 4:
            p.w(f"{ind}  L3 Protocol ID: {_l3pid(p, at + 2)}")
            at, tlen = at + 4, tlen - 4
    elif ct == 2:
        _too_short(tlen, 12, ind)
        p.w(f"{ind}  L3 Protocol ID: {_l3pid(p, at + 2)}")
        p.w(",%s merge capability" % ("no" if p.u8(at + 4) & 0x80 else ""))
        p.w(f"{ind}  Minimum VPI/VCI: {p.u16(at + 4) & 0xFFF}/{p.u16(at + 6) & 0xFFF}"
            f"{ind}  Maximum VPI/VCI: {p.u16(at + 8) & 0xFFF}/{p.u16(at + 10) & 0xFFF}")
    elif ct == 3:
        _too_short(tlen, 12, ind)
        p.w(f"{ind}  L3 Protocol ID: {_l3pid(p, at + 2)}")
        bits = (p.u16(at + 4) >> 7) & 3
        p.w(f"{ind}  Minimum/Maximum DLCI: {p.u32(at + 4) & 0x7FFFFF}/{p.u32(at + 8) & 0x7FFFFF}, "
            f"{'10' if bits == 0 else ''}{'23' if bits == 2 else ''} bit DLCI")
    elif ct == 4:
        _too_short(tlen, 4, ind)
        enc, sw, pay = p.u8(at), p.u8(at + 1), p.u16(at + 2)
        p.w(f"{ind}  LSP Encoding Type: {_ENCODINGS.get(enc, 'Unknown')} ({enc})"
            f"{ind}  Switching Type: {SWITCH_CAPS.get(sw, 'Unknown')} ({sw}), "
            f"Payload ID: {_PAYLOADS.get(pay, 'Unknown')} (0x{pay:04x})")
    else:
        return True
    return False


def _route(p: Pkt, ct: int, at: int, tlen: int, ind: str) -> bool:
    """EXPLICIT_ROUTE and RECORD_ROUTE subobjects."""
    if ct != 1:
        return True
    while tlen >= 4:
        kind, n = p.u8(at) & 0x7F, p.u8(at + 1)
        p.w(f"{ind}  Subobject Type: {_XRO.get(kind, f'Unknown {kind}')}, length {n}")
        if tlen < n:
            p.w(f"{ind}  ERROR: ERO subobject length > object length")
            break
        if n == 0:
            p.w(f"{ind}  ERROR: zero length ERO subtype")
            break
        if kind == 1:
            if n != 8:
                raise _Stop(" ERROR: length != 8 (invalid)")
            plen = p.u8(at + 6)
            if plen != 32:
                raise _Stop(f" ERROR: Prefix length {plen} != 32 (invalid)")
            p.w(f", {'Loose' if p.u8(at) & 0x80 else 'Strict'}, {ip4(p.b(at + 2, 4))}/{plen}, "
                f"Flags: [{bittok(_RRO_FLAGS, 'none', p.u8(at + 7))}]")
        elif kind == 3:
            if n != 8:
                raise _Stop(" ERROR: length != 8 (invalid)")
            fl, c = p.u8(at + 2), p.u8(at + 3)
            p.w(f", Flags: [{'Global' if fl & 1 else 'none'}] ({_hash_x(fl)}), "
                f"Class-Type: {_CTYPES.get((21, c), 'Unknown')} ({c}), {p.u32(at + 4)}")
        at, tlen = at + n, tlen - n
    return False


def _intserv_spec(p: Pkt, ct: int, at: int, tlen: int, ind: str) -> bool:
    """SENDER_TSPEC, ADSPEC and FLOWSPEC (C-Type 2, IntServ)."""
    if ct != 2:
        return True
    _too_short(tlen, 4, ind)
    p.w(f"{ind}  Msg-Version: {p.u8(at) >> 4}, length: {p.u16(at + 2) << 2}")
    at, tlen = at + 4, tlen - 4
    while tlen >= 4:
        slen = p.u16(at + 2) << 2
        kind = p.u8(at)
        p.w(f"{ind}  Service Type: {_SERVICES.get(kind, 'unknown')} ({kind}), break bit "
            f"{'' if p.u8(at + 1) & 0x80 else 'not '}set, Service length: {slen}")
        at, tlen = at + 4, tlen - 4
        while slen >= 4:
            n = _intserv(p, at, tlen)
            if n == 0:
                break
            at, tlen, slen = at + n, tlen - n, (slen - n) & 0xFFFFFFFF
    return False


# the objects of one fixed layout, by (class, C-Type): STYLE, MESSAGE_ID (1 and 2),
# RESTART_CAPABILITY, TIME_VALUES
_FIXED_OBJECTS: dict[Any, _Layout] = {
    (8, 1): (4, lambda p, at, ind: (
        f"{ind}  Reservation Style: {_STYLES.get(p.u8(at + 1) << 16 | p.u16(at + 2), 'Unknown')}"
        f", Flags: [0x{p.u8(at):02x}]")),
    **dict.fromkeys(((22, 1), (22, 2)), (8, lambda p, at, ind: (
        f"{ind}  Source Instance: 0x{p.u32(at):08x}, Destination Instance: "
        f"0x{p.u32(at + 4):08x}"))),
    (131, 1): (8, lambda p, at, ind: (
        f"{ind}  Restart  Time: {p.u32(at)}ms, Recovery Time: {p.u32(at + 4)}ms")),
    (5, 1): (4, lambda p, at, ind: f"{ind}  Refresh Period: {p.u32(at)}ms"),
}
_FIXED_CLASSES = frozenset(cls for cls, _ in _FIXED_OBJECTS)


def _object_body(p: Pkt, cls: int, ct: int, at: int, tlen: int, ind: str,
                 msg: tuple[int, int]) -> bool:
    """The decoded part of one object; True when tcpdump also hex dumps it."""
    if cls in _FIXED_CLASSES:
        return _fixed(p, _FIXED_OBJECTS, (cls, ct), at, tlen, ind)
    if cls == 1:
        return _session(p, ct, at, tlen, ind)
    if cls == 15:
        return _address(p, ct, at, tlen, ind, "Receiver")
    if cls == 195:
        return _address(p, ct, at, tlen, ind, "Notify Node")
    if cls in (16, 34, 35, 129):
        return _label(p, ct, at, tlen, ind)
    if cls in (10, 11):
        return _sender(p, cls, ct, at, tlen, ind)
    if cls == 19:
        return _label_request(p, ct, at, tlen, ind)
    if cls in (20, 21):
        return _route(p, ct, at, tlen, ind)
    if cls == 134:
        if ct != 1:
            return True
        _too_short(tlen, 4, ind)
        v = p.u32(at)
        if v & ~7:
            p.w(f"{ind}  [reserved=0x{v & ~7 & 0xFFFFFFFF:08x} must be zero]")
        p.w(f"{ind}  Flags: [{bittok(_CAPABILITY_FLAGS, 'none', v & 7)}]")
        return False
    if cls == 207:
        if ct != 7:
            return True
        _too_short(tlen, 4, ind)
        n = p.u8(at + 3)
        _too_short(tlen, 4 + n, ind)
        p.w(f"{ind}  Session Name: ")
        p.w("".join(fn_char(c) for c in p.b(at + 4, n)))
        fl = p.u8(at + 2)
        p.w(f"{ind}  Setup Priority: {p.u8(at)}, Holding Priority: {p.u8(at + 1)}, "
            f"Flags: [{bittok(_SESSION_FLAGS, 'none', fl)}] ({_hash_x(fl)})")
        return False
    if cls == 229:
        return _generalized_uni(p, ct, at, tlen, ind)
    if cls == 3:
        if ct in (1, 3):
            _too_short(tlen, 8, ind)
            p.w(f"{ind}  Previous/Next Interface: {ip4(p.b(at, 4))}, "
                f"Logical Interface Handle: 0x{p.u32(at + 4):08x}")
            return tlen > 8
        if ct in (2, 4):
            _too_short(tlen, 20, ind)
            p.w(f"{ind}  Previous/Next Interface: {ip6(p.b(at, 16))}, "
                f"Logical Interface Handle: 0x{p.u32(at + 16):08x}")
        return True
    if cls in (9, 12, 13):
        return _intserv_spec(p, ct, at, tlen, ind)
    if cls == 205:
        return _fast_reroute(p, ct, at, tlen, ind)
    if cls == 63:
        if ct != 7:
            return True
        while tlen >= 8:
            p.w(f"{ind}  PLR-ID: {ip4(p.b(at, 4))}, Avoid-Node-ID: {ip4(p.b(at + 4, 4))}")
            at, tlen = at + 8, tlen - 8
        return False
    if cls in (66, 125):
        if ct != 1:
            return True
        _too_short(tlen, 4, ind)
        p.w(f"{ind}  CT: {p.u32(at) & 7}")
        return False
    if cls == 6:
        return _error_spec(p, ct, at, tlen, ind)
    if cls == 204:
        return _properties(p, ct, at, tlen, ind)
    if cls in (23, 24, 25):
        if ct not in (1, 2):
            return True
        _too_short(tlen, 4, ind)
        p.w(f"{ind}  Flags [0x{p.u8(at):02x}], epoch: {p.u8(at + 1) << 16 | p.u16(at + 2)}")
        at, tlen = at + 4, tlen - 4
        while tlen >= 4:
            v = p.u32(at)
            p.w(f"{ind}    Message-ID 0x{v:08x} ({v})")
            at, tlen = at + 4, tlen - 4
        return False
    if cls == 4:
        return _integrity(p, ct, at, tlen, ind, msg)
    if cls == 196:
        if ct != 1:
            return True
        _too_short(tlen, 4, ind)
        p.w(f"{ind}  Flags [{bittok(_ADMIN_FLAGS, 'none', p.u32(at))}]")
        return False
    if cls == 36:
        return _label_set(p, ct, at, tlen, ind)
    if cls == 50:
        if ct == 1:
            _too_short(tlen, 4, ind)
            p.w(f"{ind}  Sub-LSP destination address: {ip4(p.b(at, 4))}")
        elif ct == 2:
            _too_short(tlen, 16, ind)
            p.w(f"{ind}  Sub-LSP destination address: {ip6(p.b(at, 16))}")
        else:
            return True
        return False
    if p.o.v <= 1:
        print_unknown_data(p, at, _HEXDUMP, tlen)
    return False


def _generalized_uni(p: Pkt, ct: int, at: int, tlen: int, ind: str) -> bool:
    if ct != 1:
        return True
    _too_short(tlen, 4, ind)
    hexdump = False
    total = tlen
    while total != 0:
        if total < 4:
            raise _Stop(" (invalid)")
        n, kind, af = p.u16(at), p.u8(at + 2), p.u8(at + 3)
        p.w(f"{ind}  Subobject Type: {_UNI_SUBOBJECTS.get(kind, 'Unknown')} ({kind}), "
            f"AF: {AF_VALUES.get(af, 'Unknown')} ({af}), length: {n}")
        if n < 4 or n > total or tlen < n:
            raise _Stop(" (invalid)")
        if kind in (1, 2):
            if af == 1:
                if n < 8:
                    raise _Stop(f"{ind}ERROR: sub-object is too short")
                p.w(f"{ind}    UNI IPv4 TNA address: {ip4(p.b(at + 4, 4))}")
            elif af == 2:
                if n < 20:
                    raise _Stop(f"{ind}ERROR: sub-object is too short")
                p.w(f"{ind}    UNI IPv6 TNA address: {ip6(p.b(at + 4, 16))}")
            elif af == 3:
                hexdump = True
        elif kind == 3:
            hexdump = hexdump or n > 4
        elif kind == 4:
            if n < 16:
                raise _Stop(f"{ind}ERROR: sub-object is too short")
            v = p.u32(at + 4)
            p.w(f"{ind}    U-bit: {v >> 31:x}, Label type: {v & 0xFF}, "
                f"Logical port id: {p.u32(at + 8)}, Label: {p.u32(at + 12)}")
        elif kind == 5:
            if n < 8:
                raise _Stop(f"{ind}ERROR: sub-object is too short")
            p.w(f"{ind}    Service level: {p.u32(at + 4) >> 24}")
        else:
            hexdump = True
        total -= n
        at += n
        tlen += n
    return hexdump


def _fast_reroute(p: Pkt, ct: int, at: int, tlen: int, ind: str) -> bool:
    if ct not in (1, 7):
        return True
    _too_short(tlen, 20 if ct == 1 else 16, ind)
    p.w(f"{ind}  Setup Priority: {p.u8(at)}, Holding Priority: {p.u8(at + 1)}, "
        f"Hop-limit: {p.u8(at + 2)}, Bandwidth: {_g10(p.u32(at + 4), 'bps8')} Mbps")
    if ct == 1:
        p.w(f"{ind}  Include-any: 0x{p.u32(at + 8):08x}, Exclude-any: 0x{p.u32(at + 12):08x}, "
            f"Include-all: 0x{p.u32(at + 16):08x}")
    else:
        p.w(f"{ind}  Include Colors: 0x{p.u32(at + 8):08x}, Exclude Colors: 0x{p.u32(at + 12):08x}")
    return False


def _error_spec(p: Pkt, ct: int, at: int, tlen: int, ind: str) -> bool:
    if ct in (1, 3):
        _too_short(tlen, 8, ind)
        addr, fl, code, value = ip4(p.b(at, 4)), p.u8(at + 4), p.u8(at + 5), p.u16(at + 6)
    elif ct in (2, 4):
        _too_short(tlen, 20, ind)
        addr, fl, code, value = ip6(p.b(at, 16)), p.u8(at + 16), p.u8(at + 17), p.u16(at + 18)
    else:
        return True
    p.w(f"{ind}  Error Node Address: {addr}, Flags: [0x{fl:02x}]"
        f"{ind}  Error Code: {_ERROR_CODES.get(code, 'unknown')} ({code})")
    if code == 24:
        p.w(f", Error Value: {_ROUTING_ERRORS.get(value, 'unknown')} ({value})")
    elif ct in (2, 4):
        pass
    elif code in (28, 125):
        p.w(f", Error Value: {_DIFFSERV_ERRORS.get(value, 'unknown')} ({value})")
    else:
        p.w(f", Unknown Error Value ({value})")
    return False


def _properties(p: Pkt, ct: int, at: int, tlen: int, ind: str) -> bool:
    if ct != 1:
        return True
    _too_short(tlen, 4, ind)
    pad = p.u16(at + 2)
    p.w(f"{ind}  TLV count: {p.u16(at)}, padding bytes: {pad}")
    at, tlen = at + 4, tlen - 4
    while tlen >= 2 + pad:
        kind, n = p.u8(at), p.u8(at + 1)
        p.w(f"{ind}    {_PROPERTY_TLVS.get(kind, 'unknown')} TLV (0x{kind:02x}), length: {n}")
        _too_short(tlen, n, ind)
        if n < 2:
            raise _Stop(f"{ind}ERROR: property TLV is too short")
        print_unknown_data(p, at + 2, "\n\t\t", n - 2)
        at, tlen = at + n, tlen - n
    return False


def _integrity(p: Pkt, ct: int, at: int, tlen: int, ind: str, msg: tuple[int, int]) -> bool:
    if ct != 1:
        return True
    _too_short(tlen, 32, ind)
    fl = p.u8(at)
    p.w(f"{ind}  Key-ID 0x{p.u16(at + 2):04x}{p.u32(at + 4):08x}, "
        f"Sequence 0x{p.u32(at + 8):08x}{p.u32(at + 12):08x}, "
        f"Flags [{'Handshake' if fl & 0x80 else 'none'}]")
    p.w(f"{ind}  MD5-sum 0x{p.u32(at + 16):08x}{p.u32(at + 20):08x}"
        f"{p.u32(at + 24):08x}{p.u32(at + 28):08x} ")
    p.w(" (unchecked)")  # no secret given (-M): signature_verify can't check
    return False


def _label_set(p: Pkt, ct: int, at: int, tlen: int, ind: str) -> bool:
    if ct != 1:
        return True
    _too_short(tlen, 4, ind)
    action = p.u8(at)
    p.w(f"{ind}  Action: {_LABEL_SET_ACTIONS.get(action, 'Unknown')} ({action}), "
        f"Label type: {p.u32(at) & 0x7F}")
    if action in (2, 3):
        _too_short(tlen, 12, ind)
        p.w(f"{ind}  Start range: {p.u32(at + 4)}, End range: {p.u32(at + 8)}")
        return False
    at, tlen, sub = at + 4, tlen - 4, 1
    while tlen >= 4:
        p.w(f"{ind}  Subchannel #{sub}: {p.u32(at)}")
        at, tlen, sub = at + 4, tlen - 4, sub + 1
    return False


def _objects(p: Pkt, at: int, tlen: int, ind: str, msg: tuple[int, int]) -> bool:
    """rsvp_obj_print: every object of a message; False when it gave up."""
    try:
        while tlen >= 4:
            p.need(at, 4)
            n, cls, ct = p.u16(at), p.u8(at + 2), p.u8(at + 3)
            if n % 4:
                raise _Stop(f"{ind}ERROR: object header size {n} not a multiple of 4")
            if n < 4:
                raise _Stop(f"{ind}ERROR: object header too short {n} < 4")
            kind = (("ignore and forward" if cls & 0x40 else "ignore silently") if cls & 0x80
                    else "reject")
            p.w(f"{ind}{_OBJECTS.get(cls, 'Unknown')} Object ({cls}) Flags: [{kind} if unknown], "
                f"Class-Type: {_CTYPES.get((cls, ct), 'Unknown')} ({ct}), length: {n}")
            if tlen < n:
                raise _Stop(f"{ind}ERROR: object goes past end of objects TLV")
            p.need(at, n)  # the whole object must have been captured
            hexdump = _object_body(p, cls, ct, at + 4, n - 4, ind, msg)
            if p.o.v > 1 or hexdump:
                print_unknown_data(p, at + 4, _HEXDUMP, n - 4)
            at, tlen = at + n, tlen - n
    except _Stop as stop:
        p.w(stop.text)
        return False
    return True


def _header(p: Pkt, at: int, ind: str) -> tuple[int, int] | None:
    """A common header with -v; (type, length), None after an error."""
    vf = p.u8(at)
    if vf >> 4 != 1:
        p.w(f"ERROR: RSVP version {vf >> 4} packet not supported")
        return None
    kind, n = p.u8(at + 1), p.u16(at + 6)
    p.w(f"{ind}RSVPv{vf >> 4} {_MSG_TYPES.get(kind, f'unknown, type: {kind}')} Message ({kind}), "
        f"Flags: [{bittok(_HEADER_FLAGS, 'none', vf & 0x0F)}], length: {n}, ttl: {p.u8(at + 4)}, "
        f"checksum: 0x{p.u16(at + 2):04x}")
    if n < 8:
        p.w(f"ERROR: common header too short {n} < 8")
        return None
    return kind, n


def _bundle(p: Pkt, at: int, tlen: int) -> None:
    while tlen != 0:
        p.need(at, 8)
        head = _header(p, at, "\n\t  ")
        if head is None:
            return
        n = head[1]
        if tlen < n:
            p.w(f"ERROR: common header too large {n} > {tlen}")
            return
        if not _objects(p, at + 8, n - 8, "\n\t    ", (at, n)):
            return
        at, tlen = at + n, tlen - n


def rsvp_print(p: Pkt, off: int, length: int, iph: int = -1, fragmented: bool = False) -> None:
    """tcpdump's rsvp_print; ``length`` is the IP payload length."""
    p.proto = "rsvp"
    p.need(off, 8)
    vf = p.u8(off)
    if vf >> 4 != 1:
        p.w(f"ERROR: RSVP version {vf >> 4} packet not supported")
        return
    kind = p.u8(off + 1)
    if not p.o.v:
        p.w(f"RSVPv1 {_MSG_TYPES.get(kind, f'unknown ({kind})')} Message, length: {length}")
        return
    head = _header(p, off, "\n\t")
    if head is None:
        return
    n = head[1]
    if kind == _BUNDLE:
        _bundle(p, off + 8, n - 8)
    elif kind in _WITH_OBJECTS:
        _objects(p, off + 8, n - 8, "\n\t  ", (off, n))
    else:
        print_unknown_data(p, off + 8, _HEXDUMP, n - 8)
