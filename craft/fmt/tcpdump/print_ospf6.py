"""OSPFv3 (RFC 5340) details as tcpdump 4.99 prints them with -v: the header,
Hello and DD fields, and with -vv the neighbours, LSA headers, requests and
LSAs (router, network, inter-area prefix, external, link, intra-area prefix),
then the LLS block and the authentication trailer. (Grace and TE LSAs are
dumped in hex.) Private to craft.fmt.tcpdump."""

from __future__ import annotations

from craft.fmt.tcpdump.addrtoname import ip4, ip6
from craft.fmt.tcpdump.netdissect import Pkt
from craft.fmt.tcpdump.util_print import bittok, print_unknown_data

_OPTIONS = ((0x01, "V6"), (0x02, "External"), (0x04, "Deprecated"), (0x08, "NSSA"),
            (0x10, "Router"), (0x20, "Demand Circuit"), (0x0100, "AFs Support"), (0x0200, "LLS"),
            (0x0400, "Authentication Trailer"))
_RLA_FLAGS = ((0x01, "ABR"), (0x02, "External"), (0x04, "Virtual-Link Endpoint"),
              (0x08, "Deprecated"), (0x10, "NSSA Translator"))
_ASLA_FLAGS = ((0x02000000, "Forwarding"), (0x01000000, "Tag"))
_LSA_TYPES = {1: "Router", 2: "Network", 3: "Inter-Area Prefix", 4: "Inter-Area Router",
              5: "External", 6: "Deprecated", 7: "NSSA", 8: "Link", 9: "Intra-Area Prefix",
              10: "Intra-Area TE", 11: "Grace", 12: "Router Information", 13: "Inter-AS-TE",
              14: "Layer 1 VPN"}
_SCOPES = {0x0000: "Link Local", 0x2000: "Area Local", 0x4000: "Domain Wide"}
_DD_FLAGS = ((0x04, "Init"), (0x02, "More"), (0x01, "Master"), (0x10, "IPv6 MTU"))
_PREFIX_OPTS = ((0x01, "No Unicast"), (0x02, "Local address"), (0x04, "Deprecated"),
                (0x08, "Propagate"), (0x10, "Down"), (0x20, "N-bit"))


class _Cut(Exception):
    """A part could not be printed whole (tcpdump's "return 1": the mark follows)."""


def _less(left: int, n: int) -> int:
    """LEFT less N bytes; _Cut where fewer are left (tcpdump's ND_TCHECK on
    the length it counts down)."""
    if left < n:
        raise _Cut
    return left - n


def _need(p: Pkt, at: int, n: int) -> None:
    """_Cut unless N bytes at AT are in the capture."""
    if not p.test(at, n):
        raise _Cut


def _ls_type(p: Pkt, ls_type: int, stateid_at: int) -> None:
    kind = ls_type & 0x1FFF
    p.w(f"\n\t    {_LSA_TYPES.get(kind, 'Unknown')} LSA ({kind}), "
        f"{_SCOPES.get(ls_type & 0x6000, 'Unknown')} "
        f"Scope{', transitive' if ls_type & 0x8000 else ''}, "
        f"LSA-ID {ip4(p.b(stateid_at, 4))}")


def _lshdr(p: Pkt, at: int, end: int) -> None:
    if at + 20 > end:
        raise _Cut
    n = p.u16(at + 18)
    p.w(f"\n\t  Advertising Router {ip4(p.b(at + 8, 4))}, seq 0x{p.u32(at + 12):08x}, "
        f"age {p.u16(at)}s, length {(n - 20) & 0xFFFFFFFFFFFFFFFF}")  # (a size_t in tcpdump)
    _ls_type(p, p.u16(at + 2), at + 4)


def _prefix(p: Pkt, at: int, left: int) -> int:
    """ospf6_print_lsaprefix: one prefix; its size in bytes."""
    left = _less(left, 4)
    _need(p, at, 4)
    plen = p.u8(at)
    words = (plen + 31) // 32
    if words * 4 > 16:
        p.w(f" bogus prefixlen /{plen}")
        raise _Cut
    if left < words * 4:
        raise _Cut
    prefix = p.b(at + 4, words * 4).ljust(16, b"\0")
    p.w(f"\n\t\t{ip6(prefix)}/{plen}")
    opt = p.u8(at + 1)
    if opt:
        p.w(f", Options [{bittok(_PREFIX_OPTS, 'none', opt)}]")
    p.w(f", metric {p.u16(at + 2)}")
    return 4 + words * 4


def _lsa(p: Pkt, at: int, end: int) -> None:

    _lshdr(p, at, end)
    n = p.u16(at + 18)
    if n < 20 or at + n > end:
        raise _Cut
    left, cp = n - 20, at + 20
    kind = p.u16(at + 2)
    if kind == 0x2001:  # router
        left = _less(left, 4)
        p.w(f"\n\t      Options [{bittok(_OPTIONS, 'none', p.u32(cp))}]")
        p.w(f", RLA-Flags [{bittok(_RLA_FLAGS, 'none', p.u8(cp))}]")
        link = cp + 4
        while left:
            left = _less(left, 16)
            _need(p, link, 16)
            lt = p.u8(link)
            if lt not in (1, 2, 4):
                p.w(f"\n\t      Unknown Router Links Type 0x{lt:02x}")
                return
            word = {4: "Virtual Link: Neighbor Router-ID", 1: "Neighbor Router-ID",
                    2: "Neighbor Network-ID"}[lt]
            p.w(f"\n\t      {word} {ip4(p.b(link + 12, 4))}\n\t      Neighbor Interface-ID "
                f"{ip4(p.b(link + 8, 4))}, Interface {ip4(p.b(link + 4, 4))}")
            p.w(f", metric {p.u16(link + 2)}")
            link += 16
    elif kind == 0x2002:  # network
        left = _less(left, 4)
        p.w(f"\n\t      Options [{bittok(_OPTIONS, 'none', p.u32(cp))}]")
        p.w("\n\t      Connected Routers:")
        rtr = cp + 4
        while left:
            left = _less(left, 4)
            p.w(f"\n\t\t{ip4(p.b(rtr, 4))}")
            rtr += 4
    elif kind == 0x2003:  # inter-area prefix
        left = _less(left, 4)
        p.w(f", metric {p.u32(cp) & 0x00FFFFFF}")
        pp = cp + 4
        while left:
            used = _prefix(p, pp, left)
            left, pp = left - used, pp + used
    elif kind == 0x4005:  # AS external
        left = _less(left, 4)
        flags = p.u32(cp)
        p.w(f"\n\t     Flags [{bittok(_ASLA_FLAGS, 'none', flags)}]")
        p.w(f" metric {p.u32(cp) & 0x00FFFFFF}")
        pp = cp + 4
        used = _prefix(p, pp, left)
        metric_byte = p.u8(pp + 2)
        left, pp = left - used, pp + used
        if flags & 0x02000000:
            left = _less(left, 16)
            p.w(f" forward {ip6(p.b(pp, 16))}")
            pp += 16
        if flags & 0x01000000:
            left = _less(left, 4)
            p.w(f" tag {ip4(p.b(pp, 4))}")
            pp += 4
        if metric_byte:  # (tcpdump tests the referenced-LS-type byte this way)
            left = _less(left, 4)
            p.w(f" RefLSID: {ip4(p.b(pp, 4))}")
    elif kind == 0x0008:  # link
        left = _less(left, 4)
        _need(p, cp, 4)
        p.w(f"\n\t      Options [{bittok(_OPTIONS, 'none', p.u32(cp))}]")
        left = _less(left, 20)
        count = p.u32(cp + 20)
        p.w(f"\n\t      Priority {p.u8(cp)}, Link-local address {ip6(p.b(cp + 4, 16))}, Prefixes "
            f"{count}:")
        pp = cp + 24
        while count:
            used = _prefix(p, pp, left)
            count -= 1
            left, pp = left - used, pp + used
    elif kind == 0x2009:  # intra-area prefix
        left = _less(left, 4)
        _need(p, cp + 8, 4)
        _ls_type(p, p.u16(cp + 2), cp + 4)
        left = _less(left, 2)
        count = p.u16(cp)
        p.w(f"\n\t      Prefixes {count}:")
        pp = cp + 12
        while count:
            used = _prefix(p, pp, left)
            count -= 1
            left, pp = left - used, pp + used
    else:
        if cp > p.end:
            raise _Cut
        print_unknown_data(p, cp, "\n\t      ", left)


def _body(p: Pkt, bp: int, end: int) -> None:
    """ospf6_decode_v3."""
    kind = p.u8(bp + 1)
    v = p.o.v
    cp = bp + 16
    if kind == 1:
        p.w(f"\n\tOptions [{bittok(_OPTIONS, 'none', p.u32(cp + 4))}]")
        p.w(f"\n\t  Hello Timer {p.u16(cp + 8)}s, Dead Timer {p.u16(cp + 10)}s, Interface-ID "
            f"{ip4(p.b(cp, 4))}, Priority {p.u8(cp + 4)}")
        if p.u32(cp + 12):
            p.w(f"\n\t  Designated Router {ip4(p.b(cp + 12, 4))}")
        if p.u32(cp + 16):
            p.w(f", Backup Designated Router {ip4(p.b(cp + 16, 4))}")
        if v > 1:
            p.w("\n\t  Neighbor List:")
            at = cp + 20
            while at < end:
                p.w(f"\n\t    {ip4(p.b(at, 4))}")
                at += 4
    elif kind == 2:
        p.w(f"\n\tOptions [{bittok(_OPTIONS, 'none', p.u32(cp))}]")
        p.w(f", DD Flags [{bittok(_DD_FLAGS, 'none', p.u8(cp + 7))}]")
        p.w(f", MTU {p.u16(cp + 4)}, DD-Sequence 0x{p.u32(cp + 8):08x}")
        if v > 1:
            at = cp + 12
            while at < end:
                _lshdr(p, at, end)
                at += 20
    elif kind == 3 and v > 1:
        at = cp
        while at < end:
            _need(p, at, 12)
            p.w(f"\n\t  Advertising Router {ip4(p.b(at + 8, 4))}")
            _ls_type(p, p.u16(at + 2), at + 4)
            at += 12
    elif kind == 4 and v > 1:
        count, at = p.u32(cp), cp + 4
        while at < end and count:
            count -= 1
            _lsa(p, at, end)
            at += p.u16(at + 18)
    elif kind == 5 and v > 1:
        at = cp
        while at < end:
            _lshdr(p, at, end)
            at += 20


def _trailer(p: Pkt, bp: int, cp: int, n: int) -> None:
    """LLS data (RFC 5613) and the authentication trailer (RFC 6506) after the packet."""
    kind = p.u8(bp + 1)
    lls = False
    if kind == 1:
        lls = bool(p.u32(bp + 16 + 4) & 0x0200)
    elif kind == 2:
        lls = bool(p.u32(bp + 16) & 0x0200)
    used = 0
    if lls and n:
        if n < 4:
            raise _Cut
        p.w(f"\n\tLLS Checksum 0x{p.u16(cp):04x}")
        used = p.u16(cp + 2)
        p.w(f", Data Length {used}")
        if used < 4 or used > n or not p.test(cp + 4, used - 4):
            raise _Cut
    cp, n = cp + used, n - used
    if n == 0:
        return
    if n < 16:
        raise _Cut
    at_type = p.u16(cp)
    p.w(f"\n\tAuthentication Type {'HMAC' if at_type == 1 else f'unknown (0x{at_type:04x})'}")
    alen = p.u16(cp + 2)
    p.w(f", Length {alen}")
    if alen < 16 or alen > n:
        raise _Cut
    p.w(f", SAID {p.u16(cp + 6)}")
    p.w(f", CSN 0x{p.u32(cp + 8):08x}")
    p.w(f":{p.u32(cp + 12):08x}")
    _need(p, cp + 16, alen - 16)
    if p.o.v > 1:

        print_unknown_data(p, cp + 16, "\n\tAuthentication Data ", alen - 16)


def ospf3_verbose(p: Pkt, bp: int, length: int) -> None:
    """What tcpdump prints after "OSPFv3, TYPE, length N" with -v."""
    datalen = p.u16(bp + 2)
    if datalen > length:
        p.w(f" [len {datalen}]")
        return
    end = bp + datalen
    p.w(f"\n\tRouter-ID {ip4(p.b(bp + 4, 4))}")
    area = p.b(bp + 8, 4)
    p.w(f", Area {ip4(area)}" if area != bytes(4) else ", Backbone Area")
    if p.u8(bp + 14):
        p.w(f", Instance {p.u8(bp + 14)}")
    if p.u8(bp) != 3:
        return
    try:
        _body(p, bp, end)
        _trailer(p, bp, end, length - datalen)
    except _Cut:
        p.trunc()
