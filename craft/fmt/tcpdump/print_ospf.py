"""OSPFv2 (RFC 2328) with -v as tcpdump 4.99 prints it: the header and its
authentication, Hello, Database Description, LS-Request, LS-Update with the
router, network, summary, external and opaque LSAs, LS-Ack, and the LLS
block (RFC 5613) after a Hello or Database Description (private to
craft.fmt.tcpdump). Of the opaque LSAs (RFC 5250), Traffic Engineering
(RFC 3630/4203/4124: router address, the link and its sub-TLVs, bandwidths,
bandwidth constraints), Graceful restart (RFC 3623) and Router Information
(RFC 7770) are decoded; other opaque types (for tcpdump 4.99.3, Extended
Prefix/Link too) are dumped in hex with -v; with -vv every LSA body is
dumped in hex as well."""

from __future__ import annotations

import struct

from craft.fmt.tcpdump.addrtoname import ip4
from craft.fmt.tcpdump.gmpls import BC_MODELS, ENCODINGS, LINK_PROT, SWITCH_CAPS
from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.print_ospf6 import ospf3_verbose
from craft.fmt.tcpdump.util_print import bittok, fn_char, mbps, print_unknown_data

_OSPF_TYPES = {1: "Hello", 2: "Database Description", 3: "LS-Request", 4: "LS-Update",
               5: "LS-Ack"}


def ospf_print(p: Pkt, off: int, length: int, ver: int) -> None:
    """OSPF's first line as tcpdump prints it; with -v, the details of OSPFv2
    (craft.fmt.tcpdump_ospf) and OSPFv3 (craft.fmt.tcpdump_ospf6)."""
    p.proto = "ospf2" if ver == 4 else "ospf3"
    p.b(off, 16 if ver == 4 else 2)  # (as much as tcpdump reads first)
    if ver == 4 and p.u16(off + 14) == 2:
        length -= 16  # the MD5 digest after the packet is not OSPF (tcpdump strips it)
        p.end -= 16
    v, t = p.u8(off), p.u8(off + 1)  # (read after the digest is cut off, as tcpdump does)
    unknown = f"unknown LS-type {t}" if ver == 4 else f"unknown packet type ({t})"
    p.w(f"OSPFv{v}, {_OSPF_TYPES.get(t, unknown)}, length {length}")
    if ver == 4 and t in _OSPF_TYPES and p.o.v:

        ospf2_verbose(p, off, length)
    elif ver == 6 and t in _OSPF_TYPES and p.o.v:

        ospf3_verbose(p, off, length)


_OPTIONS = ((0x01, "MultiTopology"), (0x02, "External"), (0x04, "Multicast"), (0x08, "NSSA"),
            (0x10, "LLS"), (0x20, "Demand Circuit"), (0x40, "Opaque"), (0x80, "Up/Down"))
_AUTH = {0: "none", 1: "simple", 2: "MD5"}
_RLA_FLAGS = ((0x01, "ABR"), (0x02, "ASBR"), (0x04, "Virtual"), (0x08, "Wildcard"), (0x10, "Nt"),
              (0x80, "Host"))
_LSA = {1: "Router", 2: "Network", 3: "Summary", 4: "ASBR Summary", 5: "External",
        6: "Multicast Group", 7: "NSSA", 9: "Link Local Opaque", 10: "Area Local Opaque",
        11: "Domain Wide Opaque"}
_OPAQUE = {1: "Traffic Engineering", 3: "Graceful restart", 4: "Router Information"}
_DD_FLAGS = ((0x04, "Init"), (0x02, "More"), (0x01, "Master"), (0x08, "OOBResync"))
_TOPOLOGY = {0: "default", 1: "multicast", 2: "management"}


def ospf2_verbose(p: Pkt, bp: int, length: int) -> None:
    """What tcpdump prints after "OSPFvN, TYPE, length N" with -v, for an
    OSPF packet over IPv4 (a version other than 2 gets the common header
    and " ospf [version N]")."""
    ospf_len = p.u16(bp + 2)
    if length != ospf_len:
        p.w(f" [len {ospf_len}]")
    end = bp + min(length, ospf_len)
    p.w(f"\n\tRouter-ID {ip4(p.b(bp + 4, 4))}")
    area = p.b(bp + 8, 4)
    p.w(f", Area {ip4(area)}" if area != bytes(4) else ", Backbone Area")
    if not p.test(bp + 16, 8):
        raise Trunc
    auth = p.u16(bp + 14)
    p.w(f", Authentication Type: {_AUTH.get(auth, 'unknown')} ({auth})")
    if auth == 1:
        p.w("\n\tSimple text password: ")

        for i in range(8):
            c = p.u8(bp + 16 + i)
            if c == 0:
                break
            p.w(fn_char(c))
    elif auth == 2:
        p.w(f"\n\tKey-ID: {p.u8(bp + 18)}, Auth-Length: {p.u8(bp + 19)}, Crypto Sequence Number: "
            f"0x{p.u32(bp + 20):08x}")
    elif auth != 0:
        return
    if p.u8(bp) != 2:
        p.w(f" ospf [version {p.u8(bp)}]")
        return
    _decode_v2(p, bp, end)
    if length > ospf_len:
        _lls(p, bp, length)


_LLS_TLVS = {1: "Extended Options", 2: "MD5 Authentication"}
_LLS_OPTIONS = ((0x01, "LSDB resync"), (0x02, "Restart"))


def _lls(p: Pkt, bp: int, length: int) -> None:
    """The link-local signaling block (RFC 5613) after a Hello or Database
    Description packet whose options have the L bit."""
    kind = p.u8(bp + 1)
    if kind not in (1, 2) or not p.u8(bp + (30 if kind == 1 else 26)) & 0x10:
        return
    at, end = bp + p.u16(bp + 2), bp + length
    if p.u16(bp + 14) == 2:
        at += p.u8(bp + 19)  # after the MD5 digest
    if at >= end:
        p.w("\n\t[LLS truncated]")
        return
    p.w(f"\n\t  LLS: checksum: 0x{p.u16(at):04x}")
    p.w(f", length: {p.u16(at + 2)}")
    at += 4
    while at < end:
        kind = p.u16(at)
        p.w(f"\n\t    {_LLS_TLVS.get(kind, 'Unknown TLV')} ({kind})")
        size = p.u16(at + 2)
        p.w(f", length: {size}")
        at += 4
        if kind == 1:
            if size != 4:
                p.w(" [should be 4]")
                size = 4
            flags = p.u32(at)
            p.w(f"\n\t      Options: 0x{flags:08x} [{bittok(_LLS_OPTIONS, '?', flags)}]")
        elif kind == 2:
            if size != 20:
                p.w(" [should be 20]")
                size = 20
            p.w(f"\n\t      Sequence number: 0x{p.u32(at):08x}")
        at += size


def _ip_if_set(p: Pkt, at: int, label: str) -> None:
    """LABEL and the IPv4 address at AT, unless it is 0.0.0.0."""
    addr = p.b(at, 4)
    if addr != bytes(4):
        p.w(label + ip4(addr))


def _decode_v2(p: Pkt, bp: int, end: int) -> None:
    kind = p.u8(bp + 1)
    at = bp + 24
    if kind == 1:  # Hello
        p.w(f"\n\tOptions [{bittok(_OPTIONS, 'none', p.u8(at + 6))}]")
        p.w(f"\n\t  Hello Timer {p.u16(at + 4)}s, Dead Timer {p.u32(at + 8)}s, Mask "
            f"{ip4(p.b(at, 4))}, Priority {p.u8(at + 7)}")
        _ip_if_set(p, at + 12, "\n\t  Designated Router ")
        _ip_if_set(p, at + 16, ", Backup Designated Router ")
        ap = at + 20
        if ap < end:
            p.w("\n\t  Neighbor List:")
        while ap < end:
            p.w(f"\n\t    {ip4(p.b(ap, 4))}")
            ap += 4
    elif kind == 2:  # Database Description
        p.w(f"\n\tOptions [{bittok(_OPTIONS, 'none', p.u8(at + 2))}]")
        p.w(f", DD Flags [{bittok(_DD_FLAGS, 'none', p.u8(at + 3))}]")
        if p.u16(at):
            p.w(f", MTU: {p.u16(at)}")
        p.w(f", Sequence: 0x{p.u32(at + 4):08x}")
        lsh = at + 8
        while lsh < end and _lshdr(p, lsh) != -1:
            lsh += 20
    elif kind == 3:  # LS-Request
        while at < end:
            if not p.test(at, 12):
                raise Trunc
            t = p.u32(at)
            p.w(f"\n\t  Advertising Router: {ip4(p.b(at + 8, 4))}, {_LSA.get(t, 'unknown')} LSA "
                f"({t})")
            p.w(_lsa_id(p, at, t, ":"))
            at += 12
    elif kind == 4:  # LS-Update
        count = p.u32(at)
        p.w(f", {count} LSA{'' if count == 1 else 's'}")
        lsa = at + 4
        for n in range(1, count + 1):
            p.w(f"\n\t  LSA #{n}")
            lsa = _lsa(p, lsa)
            if lsa is None:
                raise Trunc
    elif kind == 5:  # LS-Ack: tcpdump 4.99 reads headers until one is bogus or cut short
        while _lshdr(p, at) != -1:
            at += 20


def _lsa_id(p: Pkt, at: int, t: int, colon: str) -> str:
    """The LSA-ID of the LSA header at AT, of type T (opaque types: its
    opaque type and ID, with COLON after their labels)."""
    if t in (9, 10, 11):
        ot = p.u8(at + 4)
        return (f", Opaque-Type{colon} {_OPAQUE.get(ot, 'unknown')} LSA ({ot}), Opaque-ID{colon} "
                f"{p.u8(at + 5) << 16 | p.u16(at + 6)}")
    return f", LSA-ID: {ip4(p.b(at + 4, 4))}"


def _lshdr(p: Pkt, at: int) -> int:
    """An LSA header; the LSA's length, -1 when it is shorter than a header."""
    ls_len = p.u16(at + 18)
    if ls_len < 20:
        p.w(f"\n\t    Bogus length {ls_len} < header (20)")
        return -1
    p.w(f"\n\t  Advertising Router {ip4(p.b(at + 8, 4))}, seq 0x{p.u32(at + 12):08x}, age "
        f"{p.u16(at)}s, length {ls_len - 20}")
    t = p.u8(at + 3)
    p.w(f"\n\t    {_LSA.get(t, 'unknown')} LSA ({t})" + _lsa_id(p, at, t, ""))
    p.w(f"\n\t    Options: [{bittok(_OPTIONS, 'none', p.u8(at + 2))}]")
    return ls_len


def _metric(topology: int) -> str:
    return f"topology {_TOPOLOGY.get(topology, 'Unknown')} ({topology})"


_ROUTER_LINKS = {4: "Virtual Link: Neighbor Router-ID: {}, Interface Address: {}",
                 1: "Neighbor Router-ID: {}, Interface Address: {}",
                 2: "Neighbor Network-ID: {}, Interface Address: {}",
                 3: "Stub Network: {}, Mask: {}"}
_VERTEX_TYPES = {1: "Router Router-ID", 2: "Network Designated Router"}


def _lsa(p: Pkt, lsa: int) -> int | None:
    """One LSA; where the next begins, None when it is malformed."""

    ls_len = _lshdr(p, lsa)
    if ls_len < 0:
        return None
    end = lsa + ls_len
    body, left = lsa + 20, ls_len - 20
    t = p.u8(lsa + 3)
    if t == 1:
        p.w(f"\n\t    Router LSA Options: [{bittok(_RLA_FLAGS, 'none', p.u8(body))}]")
        count = p.u16(body + 2)
        link = body + 4
        p.b(link, 12)
        for _ in range(count):
            p.b(link, 12)
            kind = p.u8(link + 8)
            link_fmt = _ROUTER_LINKS.get(kind)
            if link_fmt is None:
                p.w(f"\n\t      Unknown Router Link Type ({kind})")
                return end
            p.w("\n\t      " + link_fmt.format(ip4(p.b(link, 4)), ip4(p.b(link + 4, 4))))
            tos = p.u8(link + 9)
            p.w(f"\n\t\t{_metric(0)}, metric {p.u16(link + 10)}")
            for i in range(tos):
                at = link + 12 + 4 * i
                p.w(f"\n\t\t{_metric(p.u8(at))}, metric {p.u16(at + 2)}")
            link += 12 + 4 * tos
    elif t == 2:
        p.w(f"\n\t    Mask {ip4(p.b(body, 4))}\n\t    Connected Routers:")
        ap = body + 4
        while ap < end:
            p.w(f"\n\t      {ip4(p.b(ap, 4))}")
            ap += 4
    elif t in (3, 4, 5, 7):  # summary and external LSAs: a mask (not type 4), then metrics
        if t != 4:
            p.b(body, 4)
            p.w(f"\n\t    Mask {ip4(p.b(body, 4))}")
        p.b(body + 4, 4)
        am = body + 4
        while am < end:
            ul = p.u32(am)
            if t < 5:
                p.w(f"\n\t\t{_metric((ul >> 24) & 0x7F)} metric {ul & 0xFFFFFF}")
                am += 4
                continue
            metric = ul & 0xFFFFFF
            p.w(f"\n\t\t{_metric((ul >> 24) & 0x7F)}, type {2 if ul & 0x80000000 else 1}, metric"
                + (" infinite" if metric == 0xFFFFFF else f" {metric}"))
            _ip_if_set(p, am + 4, ", forward ")
            _ip_if_set(p, am + 8, ", tag ")
            am += 12
    elif t == 6:
        mc = body
        while mc < end:
            vtype = p.u32(mc)
            if vtype in _VERTEX_TYPES:
                p.w(f"\n\t    {_VERTEX_TYPES[vtype]} {ip4(p.b(mc + 4, 4))}")
            else:
                p.w(f"\n\t    unknown VertexType ({vtype})")
            mc += 8
    elif t in (9, 10, 11):
        opaque = p.u8(lsa + 4)
        if opaque == 4:  # Router Information
            if not _ri_tlvs(p, body, left):
                return end
        elif opaque == 1:
            if not _te_tlvs(p, body, left):
                return end
        elif opaque == 3:
            if not _grace_tlvs(p, body, left):
                return end
        elif p.o.v <= 1:
            print_unknown_data(p, body, "\n\t    ", left)
    if p.o.v > 1:
        print_unknown_data(p, body, "\n\t    ", left)
    return end


_RI_TLVS = {1: "Router Capabilities"}
_BOGUS = "\n\t    Bogus length {size} > {left}"
_RI_CAPS = ((1, "Reserved"), (2, "Reserved"), (4, "Reserved"), (8, "Reserved"),
            (16, "graceful restart capable"), (32, "graceful restart helper"),
            (64, "Stub router support"), (128, "Traffic engineering"), (256, "p2p over LAN"),
            (512, "path computation server"))


def _tlv_head(p: Pkt, at: int, left: int, names: dict[int, str], line: str, bogus: str,
              trunc: bool = False) -> tuple[int, int] | None:
    """An opaque LSA TLV's header, printed as LINE with its name from NAMES;
    (type, length), or None where tcpdump gives up on the LSA (BOGUS: the
    complaint when the length passes the LSA's end; TRUNC: raise when the
    header is cut short, as the Router Information walk does)."""
    if not p.test(at, 4):
        if trunc:
            raise Trunc
        return None
    if left < 4:
        p.w(f"\n\t    Remaining LS length {left} < 4")
        return None
    kind, size = p.u16(at), p.u16(at + 2)
    p.w(line.format(name=names.get(kind, "unknown"), kind=kind, size=size))
    if size > left - 4:
        p.w(bogus.format(size=size, left=left - 4))
        return None
    return kind, size


def _ri_tlvs(p: Pkt, at: int, left: int) -> bool:
    """A Router Information LSA's TLVs (RFC 7770); False after a bogus length."""

    while left:
        head = _tlv_head(p, at, left, _RI_TLVS,
                         "\n\t    {name} TLV ({kind}), length: {size}, value: ",
                         "\n\t    Bogus length {size} > remaining LS length {left}", True)
        if head is None:
            return False
        kind, size = head
        at, left = at + 4, left - 4
        if not p.test(at, size):
            raise Trunc
        if kind == 1:
            if size != 4:
                p.w(f"\n\t    Bogus length {size} != 4")
                return False
            p.w(f"Capabilities: {bittok(_RI_CAPS, 'Unknown', p.u32(at))}")
        elif p.o.v <= 1:
            print_unknown_data(p, at, "\n\t      ", size)
        at, left = at + size, left - size
    return True


def _unknown_ok(p: Pkt, at: int, ident: str, size: int) -> bool:
    """tcpdump's print_unknown_data and its result: False when AT is past
    the capture."""

    print_unknown_data(p, at, ident, size)
    return at <= p.end


_GRACE_TLVS = {1: "Grace Period", 2: "Graceful restart Reason", 3: "IPv4 interface address"}
_GRACE_REASONS = {0: "Unknown", 1: "Software Restart", 2: "Software Reload/Upgrade",
                  3: "Control Processor Switch"}


def _grace_tlvs(p: Pkt, at: int, left: int) -> bool:
    """A Grace LSA's TLVs (RFC 3623); False where tcpdump gives up on the LSA
    (a bogus length, or its TLVs cut short)."""
    while left:
        head = _tlv_head(p, at, left, _GRACE_TLVS,
                         "\n\t    {name} TLV ({kind}), length {size}, value: ", _BOGUS)
        if head is None:
            return False
        kind, size = head
        at, left = at + 4, left - 4
        if not kind or not size or not p.test(at, size):
            return False
        want = {1: 4, 2: 1, 3: 4}.get(kind)
        if want is not None and size != want:
            p.w(f"\n\t    Bogus length {size} != {want}")
            return False
        if kind == 1:
            p.w(f"{p.u32(at)}s")
        elif kind == 2:
            reason = p.u8(at)
            p.w(f"{_GRACE_REASONS.get(reason, 'Unknown')} ({reason})")
        elif kind == 3:
            p.w(ip4(p.b(at, 4)))
        elif p.o.v <= 1 and not _unknown_ok(p, at, "\n\t      ", size):
            return False
        size += -size % 4  # TLVs are 32-bit aligned (tcpdump lets LEFT wrap around here)
        at, left = at + size, (left - size) & 0xFFFFFFFF
    return True


_TE_TLVS = {1: "Router Address", 2: "Link"}


def _te_tlvs(p: Pkt, at: int, left: int) -> bool:
    """A Traffic Engineering LSA's TLVs (RFC 3630); False where tcpdump
    gives up on the LSA."""
    while left:
        head = _tlv_head(p, at, left, _TE_TLVS, "\n\t    {name} TLV ({kind}), length: {size}",
                         _BOGUS)
        if head is None:
            return False
        kind, size = head
        at, left = at + 4, left - 4
        if not kind or not size:
            return False
        if kind == 2:
            # tcpdump walks the sub-TLVs with the TLV's own pointer and length:
            # what follows starts where the walk ended, LEFT is not reduced
            at = _te_link(p, at, size)
            if at is None:
                return False
            size = 0
        elif kind == 1:
            if size < 4:
                p.w(f"\n\t    TLV length {size} < 4")
                return False
            p.w(f", {ip4(p.b(at, 4))}")
        elif p.o.v <= 1 and not _unknown_ok(p, at, "\n\t      ", size):
            return False
        size += -size % 4
        if size > left:
            p.w(f"\n\t    Bogus padded length {size} > {left}")
            return False
        at, left = at + size, left - size
    return True


_LINK_SUBTLVS = {1: "Link Type", 2: "Link ID", 3: "Local Interface IP address",
                 4: "Remote Interface IP address", 5: "Traffic Engineering Metric",
                 6: "Maximum Bandwidth", 7: "Maximum Reservable Bandwidth",
                 8: "Unreserved Bandwidth",
                 9: "Administrative Group", 11: "Link Local/Remote Identifier",
                 14: "Link Protection Type", 15: "Interface Switching Capability",
                 16: "Shared Risk Link Group", 17: "Bandwidth Constraints"}
_LINK_TYPES = {1: "Point-to-point", 2: "Multi-Access"}
# craft's OSPF and RSVP printers have named encodings 1-11 only (tcpdump names 12
# and 13 too: kept as it was, this is a move without output changes)
_ENCODINGS = {k: v for k, v in ENCODINGS.items() if k <= 11}
# the length each sub-TLV must have, and how tcpdump words the complaint
_SUBTLV_SIZES = {1: ((1,), " != 1"), 2: ((4, 8), " != 4 && != 8"), 3: ((4,), " != 4"), 4: ((4,),
                                                                                           " != 4"),
                 5: ((4,), " != 4"), 6: ((4,), " != 4"), 7: ((4,), " != 4"), 8: ((32,), " != 32"),
                 9: ((4,), " != 4"), 11: ((4, 8), " != 4 && != 8"), 14: ((4,), " != 4")}


# the least length of the sub-TLVs of no fixed length (in tcpdump's words)
_SUBTLV_MIN = {15: 36, 17: 4}
_F32 = struct.Struct("!f")




class _Invalid(Exception):
    """tcpdump's "goto invalid": print " (invalid)" and give up on the LSA."""


def _te_link(p: Pkt, at: int, left: int) -> int | None:
    """The Link TLV's sub-TLVs; where tcpdump's walk ended, None when it
    gave up on the LSA."""
    try:
        while left:
            if left < 4:
                p.w(f"\n\t    Remaining TLV length {left} < 4")
                return None
            kind, size = p.u16(at), p.u16(at + 2)
            at, left = at + 4, left - 4
            if not kind or not size:
                raise _Invalid
            p.w(f"\n\t      {_LINK_SUBTLVS.get(kind, 'unknown')} subTLV ({kind}), length: {size}")
            if left < size:
                p.w(f"\n\t    Remaining TLV length {left + 4} < {size + 4}")
                return None
            if not p.test(at, size):
                return None
            at += _link_subtlv(p, kind, at, size)
            size += -size % 4
            if left < size:
                p.w(f"\n\t    Remaining TLV length {left + 4} < {size + 4}")
                return None
            at, left = at + size, left - size
    except _Invalid:
        p.w(" (invalid)")
        return None
    return at


# the sub-TLVs of one fixed-size value, by type: what follows the header line
_FIXED_SUBTLVS = {
    1: lambda p, at: f", {_LINK_TYPES.get(p.u8(at), 'unknown')} ({p.u8(at)})",
    3: lambda p, at: f", {ip4(p.b(at, 4))}",
    4: lambda p, at: f", {ip4(p.b(at, 4))}",
    5: lambda p, at: f", Metric {p.u32(at)}",
    6: lambda p, at: f", {mbps(p.u32(at))} Mbps",
    7: lambda p, at: f", {mbps(p.u32(at))} Mbps",
    9: lambda p, at: f", 0x{p.u32(at):08x}",
    14: lambda p, at: f", {bittok(LINK_PROT, 'none', p.u8(at))}",
}


def _link_subtlv(p: Pkt, kind: int, at: int, size: int) -> int:
    """One sub-TLV's value; how far tcpdump's pointer moved while printing it
    (the Shared Risk Link Group moves it, a tcpdump 4.99 quirk)."""

    if kind in _SUBTLV_SIZES:
        sizes, complaint = _SUBTLV_SIZES[kind]
        if size not in sizes:
            p.w(complaint)
            raise _Invalid
    if size < _SUBTLV_MIN.get(kind, 0):
        p.w(f" < {_SUBTLV_MIN[kind]}")
        raise _Invalid
    if kind in _FIXED_SUBTLVS:
        p.w(_FIXED_SUBTLVS[kind](p, at))
    elif kind in (2, 11):
        for word in range(size // 4):  # one or two identifiers (checked above)
            p.w(f", {ip4(p.b(at + 4 * word, 4))} (0x{p.u32(at + 4 * word):08x})")
    elif kind == 8:
        for te in range(8):
            p.w(f"\n\t\tTE-Class {te}: {mbps(p.u32(at + 4 * te))} Mbps")
    elif kind == 15:
        p.w(f"\n\t\tInterface Switching Capability: {SWITCH_CAPS.get(p.u8(at), 'Unknown')}"
            f"\n\t\tLSP Encoding: {_ENCODINGS.get(p.u8(at + 1), 'Unknown')}"
            "\n\t\tMax LSP Bandwidth:")
        for level in range(8):
            p.w(f"\n\t\t  priority level {level}: {mbps(p.u32(at + 4 + 4 * level))} Mbps")
    elif kind == 16:
        if size % 4:
            p.w(" != N x 4")
            raise _Invalid
        groups = ", ".join(str(p.u32(at + 4 * i)) for i in range(size // 4))
        p.w("\n\t\t  Shared risk group: " + groups)
        return size
    elif kind == 17:
        _bandwidth_constraints(p, at, size)
    elif p.o.v <= 1:
        print_unknown_data(p, at, "\n\t\t", size)  # (captured whole: tested before)
    return 0


def _bandwidth_constraints(p: Pkt, at: int, size: int) -> None:
    """The Bandwidth Constraints sub-TLV (RFC 4124): model and constraints
    (at least 4 bytes, checked before)."""
    model = p.u8(at)
    p.w(f"\n\t\tBandwidth Constraints Model ID: {BC_MODELS.get(model, 'unknown')} ({model})")
    if size % 4 or size > 36:
        p.w(f"\n\t\tlength {size} " + ("!= N x 4" if size % 4 else "> 36"))
        raise _Invalid
    for ct in range((size - 4) // 4):
        p.w(f"\n\t\t  Bandwidth constraint CT{ct}: {mbps(p.u32(at + 4 + 4 * ct))} Mbps")
