"""OSI network layer protocols behind an OSI LLC header (or ethertype
0xFEFE) as tcpdump 4.99 prints them: the NLPID dispatch (IS-IS, ES-IS,
CLNP, Q.933, IPv4, IPv6, PPP, the null layer, unknown NLPIDs in hex).

IS-IS is in craft.fmt.tcpdump_isis. CLNP (ISO 8473):
addresses and PDU type; with -v the header, its checksum, the segmentation
part and the options, an error report's original packet. ES-IS (ISO
9542): the PDU type; with -v the header, the NETs, SNPA and options.
Q.933: call reference, message type and the LMI information elements.
With -vv the header, TLV and option bytes in hex as well; with -e the
NLPID's name first. Private to craft.fmt.tcpdump."""

from __future__ import annotations

import math

from craft.fmt.hexdump_tcpdump import hex_only
from craft.fmt.tcpdump_base import Pkt, bittok

NLPIDS = {0x00: "NULL", 0x08: "Q.933", 0x09: "LMI", 0x80: "SNAP", 0x81: "CLNP", 0x82: "ES-IS",
          0x83: "IS-IS", 0x84: "CONS", 0x85: "IDRP", 0xC1: "ISIS_SPB", 0xB1: "FRF.15",
          0xCC: "IPv4", 0xCF: "PPP", 0x8A: "X25 ES-IS", 0x8E: "IPv6"}

class _Trunc(Exception):
    """tcpdump's ``goto trunc`` in isis_print: the marker, then return 1."""


class _Bad(Exception):
    """isis_print returning 0 (the caller then dumps the PDU in hex)."""


def unknown_data(p: Pkt, off: int, ident: str, length: int) -> bool:
    """tcpdump's print_unknown_data: hex of what was captured of it; False
    when ``off`` is already past the capture."""
    if off > p.end:
        p.w(f"{ident}Dissector error: print_unknown_data called with pointer past end of packet")
        return False
    n = min(length, p.avail(off))
    if n > 0:
        p.w(hex_only(p.d[off:off + n], ident))
    return True


def _dump(p: Pkt, off: int, ident: str, length: int) -> None:
    if not unknown_data(p, off, ident, length):
        raise _Bad


def isonsap(p: Pkt, at: int, n: int) -> str:
    """tcpdump's GET_ISONSAP_STRING: hex octets grouped by a dot after the
    first and then every second one."""
    b = p.b(at, n)
    if n < 1 or n > 20:
        return "isonsap_string: illegal length"
    out = []
    for i, c in enumerate(b):
        out.append(f"{c:02x}")
        if i & 1 == 0 and i + 1 < n:
            out.append(".")
    return "".join(out)


def osi_id(p: Pkt, at: int, n: int) -> str:
    """tcpdump's isis_print_id: system id (6), node id (7) or LSP id (8)."""
    out = []
    for i in range(min(6, n)):
        out.append(f"{p.u8(at + i):02x}")
        if i in (1, 3):
            out.append(".")
    if n >= 7:
        out.append(f".{p.u8(at + 6):02x}")
    if n == 8:
        out.append(f"-{p.u8(at + 7):02x}")
    return "".join(out)


def osi_cksum(data: bytes, offset: int) -> int:
    """ISO 8473 annex C Fletcher checksum of ``data`` with its checksum
    field at ``offset`` (tcpdump's create_osi_cksum, C arithmetic kept)."""
    c0 = c1 = 0
    for i, c in enumerate(data):
        if i != offset and i != offset + 1:
            c0 = (c0 + c) & 0xFFFFFFFF
        c1 = (c1 + c0) & 0xFFFFFFFF
    c0 %= 255
    c1 %= 255
    mul = ((len(data) - offset) * c0) & 0xFFFFFFFF
    x = _s32(mul - c0 - c1)
    y = _s32(c1 - mul - 1)
    if y >= 0:
        y += 1
    if x < 0:
        x -= 1
    x = int(math.fmod(x, 255))
    y = int(math.fmod(y, 255))
    x = x or 255
    y = y or 255
    return ((x << 8) | (y & 0xFF)) & 0xFFFF


def _s32(v: int) -> int:
    v &= 0xFFFFFFFF
    return v - (1 << 32) if v & 0x80000000 else v


def _print_cksum(p: Pkt, base: int, checksum: int, offset: int, length: int) -> None:
    """tcpdump's osi_print_cksum."""
    length &= 0xFFFFFFFF
    if (not checksum or offset < 0 or not p.test(base + offset, 2) or offset > length
            or not p.test(base, length)):
        p.w(" (unverified)")
        return
    calc = osi_cksum(p.d[base:base + length], offset)
    p.w(" (correct)" if calc == checksum else f" (incorrect should be 0x{calc:04x})")


def isoclns_print(p: Pkt, bp: int, length: int) -> None:
    """tcpdump's isoclns_print: the NLPID and what it announces."""
    p.proto = "isoclns"
    o = p.o
    nlpid = p.u8(bp)
    if o.e:
        p.w(f"OSI NLPID {NLPIDS.get(nlpid, 'Unknown')} (0x{nlpid:02x}): ")
    length &= 0xFFFFFFFF
    if not p.ll:  # (after an LLC header: where -x starts when IP inside is cut short)
        p.ll = bp
    if nlpid == 0x81:
        if not clnp_print(p, bp, length):
            unknown_data(p, bp, "\n\t", length)
    elif nlpid == 0x82:
        esis_print(p, bp, length)
    elif nlpid == 0x83:
        from craft.fmt.tcpdump_isis import isis_print

        if not isis_print(p, bp, length):
            unknown_data(p, bp, "\n\t", length)
    elif nlpid == 0x08:
        q933_print(p, bp + 1, length - 1)
    elif nlpid == 0x00:
        p.w(f"{'' if o.e else ', '}length: {length}")
    elif nlpid == 0xCC:
        from craft.fmt.tcpdump_ip import ip_print

        ip_print(p, bp + 1, length - 1)
    elif nlpid == 0x8E:
        from craft.fmt.tcpdump_ip import ip6_print

        ip6_print(p, bp + 1, length - 1)
    elif nlpid == 0xCF:
        from craft.fmt.tcpdump_ppp import ppp_print

        ppp_print(p, bp + 1, length - 1)
    else:
        if not o.e:
            p.w(f"OSI NLPID 0x{nlpid:02x} unknown")
        p.w(f"{'' if o.e else ', '}length: {length}")
        if length > 1:
            unknown_data(p, bp, "\n\t", length)


# ------------------------------------------------------------------- CLNP

_CLNP_PDUS = {1: "Error Report", 29: "MD", 28: "Data", 30: "Echo Request", 31: "Echo Response"}
_CLNP_FLAGS = ((0x80, "Segmentation permitted"), (0x40, "more Segments"),
               (0x20, "request Error Report"))
_CLNP_OPTS = {193: "Discard Reason", 205: "Priority", 195: "QoS Maintenance", 197: "Security",
              200: "Source Routing", 203: "Route Recording", 204: "Padding"}
_RFD_CLASSES = {0x0: "General", 0x8: "Address", 0x9: "Source Routeing", 0xA: "Lifetime",
                0xB: "PDU Discarded", 0xC: "Reassembly"}
_RFD_ERRORS = {
    0x0: {0: "Reason not specified", 1: "Protocol procedure error", 2: "Incorrect checksum",
          3: "PDU discarded due to congestion", 4: "Header syntax error (cannot be parsed)",
          5: "Segmentation needed but not permitted", 6: "Incomplete PDU received",
          7: "Duplicate option"},
    0x8: {0: "Destination address unreachable", 1: "Destination address unknown"},
    0x9: {0: "Unspecified source routeing error", 1: "Syntax error in source routeing field",
          2: "Unknown address in source routeing field", 3: "Path not acceptable"},
    0xA: {0: "Lifetime expired while data unit in transit",
          1: "Lifetime expired during reassembly"},
    0xB: {0: "Unsupported option not specified", 1: "Unsupported protocol version",
          2: "Unsupported security option", 3: "Unsupported source routeing option",
          4: "Unsupported recording of route option"},
    0xC: {0: "Reassembly interference"},
}
_SCOPES = {0x40: "Source Address Specific", 0x80: "Destination Address Specific",
           0xC0: "Globally unique"}
_QOS_GLOBAL = ((0x20, "reserved"), (0x10, "sequencing vs. delay"), (0x08, "congested"),
               (0x04, "delay vs. cost"), (0x02, "error vs. delay"), (0x01, "error vs. cost"))
_SHORT_ADDRS = "li < size of fixed part of CLNP header and addresses"


def _min_pdu(p: Pkt, bp: int, li: int) -> None:
    p.w(f" length indicator {li} < min PDU size:")
    p.w("".join(f"{c:02X}" for c in p.d[bp:p.end]))


def _clnp_option(p: Pkt, op: int, at: int, n: int) -> bool:
    """One CLNP option's value; False on a bad option length."""
    if op in (200, 203):
        if n < 2:
            p.w(", bad opt len")
            return False
        word = {200: "source routing", 203: "recording of route in progress"}[op]
        p.w(f"{ {0: 'partial', 1: 'complete'}.get(p.u8(at), 'Unknown')} {word}")
        off = p.u8(at + 1)
        if off == 0:
            p.w(" Bad NSAP offset (0)")
            return True
        off -= 1
        if off > n:
            p.w(" Bad NSAP offset (past end of option)")
            return True
        at += off
        n -= off
        while n > 0:
            alen = p.u8(at)
            if n < alen + 1:
                p.w("\n\t    NSAP address goes past end of option")
                break
            if alen > 0:
                p.w(f"\n\t    NSAP address (length {alen}): {isonsap(p, at + 1, alen)}")
            n -= alen + 1
    elif op in (205, 195, 193):
        if n < 1:
            p.w(", bad opt len")
            return False
        b = p.u8(at)
        if op == 205:
            p.w(f"0x{b & 0x0F:1x}")
        elif op == 195:
            p.w(f"\n\t    Format Code: {_SCOPES.get(b & 0xC0, 'Reserved')}")
            if b & 0xC0 == 0xC0:
                p.w(f"\n\t    QoS Flags [{bittok(_QOS_GLOBAL, 'none', b & 0x3F)}]")
        else:
            major, minor = b >> 4, b & 0x0F
            p.w(f"\n\t    Class: {_RFD_CLASSES.get(major, 'Unknown')} Error (0x{major:01x}), "
                f"{_RFD_ERRORS.get(major, {}).get(minor, 'Unknown')} (0x{minor:01x})")
    elif op == 197:
        if n < 2:
            p.w(", bad opt len")
            return False
        p.w(f"\n\t    Format Code: {_SCOPES.get(p.u8(at) & 0xC0, 'Reserved')}, "
            f"Security-Level {p.u8(at + 1)}")
    elif op == 204:
        p.w("padding data")
    else:
        unknown_data(p, at, "\n\t  ", n)
    return True


def _clnp_addr(p: Pkt, at: int, left: int) -> tuple[int, int, int] | None:
    """An address length octet and the address: (length, where, left)."""
    if left < 1:
        return None
    alen = p.u8(at)
    at += 1
    left -= 1
    if left < alen:
        return None
    if not p.test(at, alen):
        raise _Trunc
    return alen, at, left - alen


def clnp_print(p: Pkt, bp: int, length: int) -> bool:
    """tcpdump's clnp_print: False when the PDU is not decoded."""
    p.proto = "clnp"
    try:
        return _clnp(p, bp, length)
    except _Trunc:
        p.trunc()
        return True


def _clnp(p: Pkt, bp: int, length: int) -> bool:
    o = p.o
    if not p.test(bp, 9):
        raise _Trunc
    li = p.u8(bp + 1)
    if not o.e:
        p.w("CLNP")
    version = p.u8(bp + 2)
    if version != 1:
        p.w(f"version {version} packet not supported")
        return False
    if li > length:
        p.w(f" length indicator({li}) > PDU size ({length})!")
        return False
    if li < 9:
        _min_pdu(p, bp, li)
        return False
    kind, flags = p.u8(bp + 4) & 0x1F, p.u8(bp + 4) & 0xE0
    dst = _clnp_addr(p, bp + 9, li - 9)
    if dst is None:
        p.w(_SHORT_ADDRS)
        return False
    dlen, dat, left = dst
    src = _clnp_addr(p, dat + dlen, left)
    if src is None:
        p.w(_SHORT_ADDRS)
        return False
    slen, sat, left = src
    at = sat + slen
    sep = "" if o.e else ", "
    name = _CLNP_PDUS.get(kind, f"unknown ({kind})")
    if not o.v:
        p.w(f"{sep}{isonsap(p, sat, slen)} > {isonsap(p, dat, dlen)}, {name}, length {length}")
        return True
    p.w(f"{sep}length {length}")
    life, ck = p.u8(bp + 3), p.u16(bp + 7)
    p.w(f"\n\t{name} PDU, hlen: {li}, v: {version}, lifetime: {life // 2}.{(life % 2) * 5}s, "
        f"Segment PDU length: {p.u16(bp + 5)}, checksum: 0x{ck:04x}")
    _print_cksum(p, bp, ck, 7, li)
    p.w(f"\n\tFlags [{bittok(_CLNP_FLAGS, 'none', flags)}]")
    p.w(f"\n\tsource address (length {slen}): {isonsap(p, sat, slen)}"
        f"\n\tdest   address (length {dlen}): {isonsap(p, dat, dlen)}")
    if flags & 0x80:
        if left < 6:
            p.w("li < size of fixed part of CLNP header, addresses, and segment part")
            return False
        if not p.test(at, 6):
            raise _Trunc
        p.w(f"\n\tData Unit ID: 0x{p.u16(at):04x}, Segment Offset: {p.u16(at + 2)}, "
            f"Total PDU Length: {p.u16(at + 4)}")
        at += 6
        left -= 6
    while left != 0:
        if left < 2:
            p.w(", bad opts/li")
            return False
        op, n = p.u8(at), p.u8(at + 1)
        at += 2
        left -= 2
        if n > left:
            p.w(f", opt ({op}) too long")
            return False
        if not p.test(at, n):
            raise _Trunc
        left -= n
        p.w(f"\n\t  {_CLNP_OPTS.get(op, 'Unknown')} Option #{op}, length {n}, value: ")
        if not _clnp_option(p, op, at, n):
            return False
        if o.v > 1:
            unknown_data(p, at, "\n\t  ", n)
        at += n
    if kind in (1, 31) and p.u8(at) == 0x81:
        p.w("\n\t-----original packet-----\n\t")
        clnp_print(p, at, (length - li) & 0xFFFFFFFF)
        return True
    if length > at - bp:
        p.w(f"\n\t  undecoded non-header data, length {(length - li) & 0xFFFFFFFF}")
        unknown_data(p, at, "\n\t  ", length - (at - bp))
    return True


# ------------------------------------------------------------------ ES-IS

_ESIS_PDUS = {6: "redirect", 2: "ESH", 4: "ISH"}
_ESIS_OPTS = {129: "Protocols supported", 195: "QoS Maintenance", 197: "Security",
              198: "ES Configuration Time", 205: "Priority", 225: "Addressk Mask",
              226: "SNPA Mask"}


class _EsisStop(Exception):
    """esis_print's plain return after a complaint."""


def _esis_field(p: Pkt, at: int, left: int, word: str) -> tuple[int, int]:
    """A length octet and the field it announces: (length, left after)."""
    if not p.test(at, 1):
        raise _Trunc
    if left < 1:
        p.w(f", bad {word}/li")
        raise _EsisStop
    n = p.u8(at)
    if not p.test(at + 1, n):
        raise _Trunc
    if left - 1 < n:
        p.w(f", bad {word}/li")
        raise _EsisStop
    return n, left - 1 - n


def esis_print(p: Pkt, bp: int, length: int) -> None:
    """tcpdump's esis_print: ES and IS hellos, redirects, their options."""
    p.proto = "esis"
    try:
        _esis(p, bp, length)
    except _Trunc:
        p.trunc()
    except _EsisStop:
        pass


def _esis(p: Pkt, bp: int, length: int) -> None:
    o = p.o
    if not o.e:
        p.w("ES-IS")
    if length <= 2:
        p.w("bad pkt!" if o.q else "no header at all!")
        return
    if not p.test(bp, 9):
        raise _Trunc
    li = p.u8(bp + 1)
    version = p.u8(bp + 2)
    if version != 1:
        p.w(f" version {version} packet not supported")
        return
    if li > length:
        p.w(f" length indicator({li}) > PDU size ({length})!")
        return
    if li < 11:
        _min_pdu(p, bp, li)
        return
    kind = p.u8(bp + 4) & 0x1F
    sep = "" if o.e else ", "
    if not o.v:
        p.w(f"{sep}{_ESIS_PDUS.get(kind, f'unknown type ({kind})')}, length {length}")
        return
    p.w(f"{sep}length {length}\n\t{_ESIS_PDUS.get(kind, f'unknown type: {kind}')} ({kind})")
    ck = p.u16(bp + 7)
    p.w(f", v: {version}, checksum: 0x{ck:04x}")
    _print_cksum(p, bp, ck, 7, li)
    p.w(f", holding time: {p.u16(bp + 5)}s, length indicator: {li}")
    if o.v > 1:
        unknown_data(p, bp, "\n\t", 9)
    at, li = bp + 9, li - 9
    if kind == 6:
        dstl, li = _esis_field(p, at, li, "redirect")
        p.w(f"\n\t  {isonsap(p, at + 1, dstl)}")
        at += 1 + dstl
        snpal, li = _esis_field(p, at, li, "redirect")
        snpa = at + 1
        at += 1 + snpal
        if not p.test(at, 1):
            raise _Trunc
        if li < 1:
            p.w(", bad redirect/li")
            return
        netal = p.u8(at)
        if not p.test(at + 1, netal):
            raise _Trunc
        if li < netal:  # (tcpdump does not count the NET's length octet)
            p.w(", bad redirect/li")
            return
        li -= netal
        neta = at + 1
        at += 1 + netal
        p.w(f"\n\t  SNPA (length: {snpal}): {_linkaddr(p.b(snpa, snpal))}")
        if netal:
            p.w(f"\n\t  NET (length: {netal}) {isonsap(p, neta, netal)}")
    elif kind == 2:
        if not p.test(at, 1):
            raise _Trunc
        if li < 1:
            p.w(", bad esh/li")
            return
        count = p.u8(at)
        at += 1
        li -= 1
        p.w(f"\n\t  Number of Source Addresses: {count}")
        while count > 0:
            n, li = _esis_field(p, at, li, "esh")
            p.w(f"\n\t  NET (length: {n}): {isonsap(p, at + 1, n)}")
            at += 1 + n
            count -= 1
    elif kind == 4:
        n, li = _esis_field(p, at, li, "ish")
        p.w(f"\n\t  NET (length: {n}): {isonsap(p, at + 1, n)}")
        at += 1 + n
    else:
        if o.v <= 1 and p.test(at, 1):
            unknown_data(p, at, "\n\t  ", p.avail(at))
        return
    _esis_options(p, at, li)


def _linkaddr(b: bytes) -> str:
    return ":".join(f"{c:02x}" for c in b) if b else "<empty>"


def _esis_options(p: Pkt, at: int, li: int) -> None:
    while li != 0:
        if li < 2:
            p.w(", bad opts/li")
            return
        op, n = p.u8(at), p.u8(at + 1)
        at += 2
        li -= 2
        if n > li:
            p.w(f", opt ({op}) too long")
            return
        li -= n
        p.w(f"\n\t  {_ESIS_OPTS.get(op, 'Unknown')} Option #{op}, length {n}, value: ")
        tp = at
        if op == 198:
            if n == 2:
                if not p.test(at, 2):
                    raise _Trunc
                p.w(f"{p.u16(tp)}s")
            else:
                p.w("(bad length)")
        elif op == 129:
            while n > 0:
                b = p.u8(tp)
                p.w(f"{NLPIDS.get(b, 'unknown')} (0x{b:02x})")
                if n > 1:
                    p.w(", ")
                tp += 1
                n -= 1
        else:
            unknown_data(p, tp, "\n\t  ", n)
        if p.o.v > 1:
            unknown_data(p, at, "\n\t  ", n)
        at += n


# ------------------------------------------------------------------ Q.933

_Q933_MSGS = {0x00: "ESC to National", 0x01: "Alert", 0x02: "Call proceeding", 0x07: "Connect",
              0x0F: "Connect ACK", 0x03: "Progress", 0x05: "Setup", 0x45: "Disconnect",
              0x4D: "Release", 0x5A: "Release Complete", 0x46: "Restart", 0x4E: "Restart ACK",
              0x7D: "Status Reply", 0x75: "Status Enquiry"}
_Q933_IES = {0x01: "ANSI Report Type", 0x19: "ANSI Link Verify", 0x03: "ANSI Link Verify",
             0x07: "ANSI PVC Status", 0x51: "CCITT Report Type", 0x53: "CCITT Link Verify",
             0x57: "CCITT PVC Status"}
_REPORT_TYPES = {0: "Full Status", 1: "Link verify", 2: "Async PVC Status"}


def _q933_ie(p: Pkt, code: int, n: int, at: int) -> bool:
    """A codeset 0 or 5 IE (LMI report type, link verify, PVC status);
    False when it is not one of those."""
    v = p.o.v
    if code in (0x01, 0x51):
        if v:
            b = p.u8(at)
            p.w(f"{_REPORT_TYPES.get(b, 'unknown')} ({b})")
        return True
    if code in (0x03, 0x53, 0x19):
        if not v:
            p.w(", ")
        if n < 2:
            p.w("Invalid LINK VERIFY IE")
            return True
        p.w(f"TX Seq: {p.u8(at):3d}, RX Seq: {p.u8(at + 1):3d}")
        return True
    if code in (0x07, 0x57):
        if not v:
            p.w(", ")
        b = [p.u8(at + i) for i in range(min(n, 4))] if n >= 3 else []
        if (n < 3 or b[0] & 0x80 or (n == 3 and not b[1] & 0x80)
                or (n == 4 and (b[1] & 0x80 or not b[2] & 0x80))
                or (n == 5 and (b[1] & 0x80 or b[2] & 0x80 or not b[3] & 0x80))
                or n > 5 or not p.u8(at + n - 1) & 0x80):
            p.w("Invalid DLCI in PVC STATUS IE")
            return True
        dlci = ((b[0] & 0x3F) << 4) | ((b[1] & 0x78) >> 3)
        if n == 4:
            dlci = (dlci << 6) | ((b[2] & 0x7E) >> 1)
        elif n == 5:
            dlci = (dlci << 13) | (b[2] & 0x7F) | ((b[3] & 0x7E) >> 1)
        last = p.u8(at + n - 1)
        p.w(f"DLCI {dlci}: status {'New, ' if last & 0x8 else ''}"
            f"{'Active' if last & 0x2 else 'Inactive'}")
        return True
    return False


def q933_print(p: Pkt, at: int, length: int) -> None:
    """tcpdump's q933_print: call reference, message type, LMI IEs."""
    p.proto = "q.933"
    o = p.o
    sep = "" if o.e else ", "
    if not o.e:
        p.w("Q.933")
    if length == 0 or not p.test(at, 1):
        p.w(f"{sep}length {length}")
        p.trunc()
        return
    olen = length
    ref_len = p.u8(at) & 0x0F
    at += 1
    length -= 1
    ref = []
    for _ in range(ref_len + 1):  # the call reference, then the message type
        if length == 0 or not p.test(at, 1):
            p.w(f"{sep}length {olen}")
            p.trunc()
            return
        ref.append(p.u8(at))
        at += 1
        length -= 1
    msg = ref.pop()
    codeset = unshift = nonlocking = 0
    ansi = False
    if length:
        if not p.test(at, 1):
            p.w(f"{sep}length {olen}")
            p.trunc()
            return
        code = p.u8(at)
        if code & 0xF0 == 0x90:
            at += 1
            length -= 1
            codeset = code & 7
            if not code & 8:
                ansi = codeset == 5
            else:
                nonlocking, unshift = 1, 0
    p.w(f"{sep}{'ANSI' if ansi else 'CCITT'}, codeset {codeset}")
    if ref_len and (ref_len > 1 or p.u8(at) != 0):
        p.w(", Call Ref: 0x" + "".join(f"{c:02x}" for c in ref))
    if o.v:
        p.w(f", {_Q933_MSGS.get(msg, 'unknown message')} (0x{msg:02x}), length {olen}")
    else:
        p.w(f", {_Q933_MSGS.get(msg, f'unknown message 0x{msg:02x}')}")
    while length != 0:
        if nonlocking == 1:
            nonlocking = 2
        elif nonlocking == 2:
            codeset, nonlocking = unshift, 0
        if not p.test(at, 1):
            if not o.v:
                p.w(f", length {olen}")
            p.trunc()
            return
        code = p.u8(at)
        at += 1
        length -= 1
        if code & 0x80:
            if code & 0xF0 == 0x90:
                if not code & 8:
                    nonlocking = 0
                else:
                    nonlocking, unshift = 1, codeset
                codeset = code & 7
            continue
        if length == 0 or not p.test(at, 1):
            if not o.v:
                p.w(f", length {olen}")
            p.trunc()
            return
        n = p.u8(at)
        at += 1
        length -= 1
        if o.v:
            name = _Q933_IES.get(code, "unknown") if codeset in (0, 5) else "unknown"
            p.w(f"\n\t{name} IE (0x{code:02x}), length {n}: ")
        if code == 0 or n == 0:
            return
        if length < n or not p.test(at, n):
            if not o.v:
                p.w(f", length {olen}")
            p.trunc()
            return
        known = codeset in (0, 5) and _q933_ie(p, code, n, at)
        if known:
            if o.v > 1:
                unknown_data(p, at, "\n\t  ", n)
        elif o.v:
            unknown_data(p, at, "\n\t", n)
        length -= n
        at += n
    if not o.v:
        p.w(f", length {olen}")
