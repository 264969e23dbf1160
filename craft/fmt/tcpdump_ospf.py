"""OSPFv2 (RFC 2328) with -v as tcpdump 4.99 prints it: the header and its
authentication, Hello, Database Description, LS-Request, LS-Update with the
router, network, summary, external and Router Information LSAs, and LS-Ack
(private to craft.fmt.tcpdump). Traffic Engineering and Graceful restart
opaque LSAs are dumped in hex, not decoded."""

from __future__ import annotations

from craft.fmt.tcpdump_base import Pkt, Trunc, bittok, ip4

_OPTIONS = ((0x01, "MultiTopology"), (0x02, "External"), (0x04, "Multicast"), (0x08, "NSSA"),
            (0x10, "LLS"), (0x20, "Demand Circuit"), (0x40, "Opaque"), (0x80, "Up/Down"))
_AUTH = {0: "none", 1: "simple", 2: "MD5"}
_RLA_FLAGS = ((0x01, "ABR"), (0x02, "ASBR"), (0x04, "Virtual"), (0x08, "Wildcard"),
              (0x10, "NSSA Translator"))
_LSA = {1: "Router", 2: "Network", 3: "Summary", 4: "ASBR Summary", 5: "External",
        6: "Multicast Group", 7: "NSSA", 9: "Link Local Opaque", 10: "Area Local Opaque",
        11: "Domain Wide Opaque"}
_OPAQUE = {1: "Traffic Engineering", 3: "Graceful restart", 4: "Router Information",
           7: "Extended Prefix"}
_DD_FLAGS = ((0x04, "Init"), (0x02, "More"), (0x01, "Master"), (0x08, "OOBResync"))
_TOPOLOGY = {0: "default", 1: "multicast", 2: "management"}


def ospf2_verbose(p: Pkt, bp: int, length: int) -> None:
    """What tcpdump prints after "OSPFv2, TYPE, length N" with -v."""
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
        from craft.fmt.tcpdump_base import fn_char

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
    _decode_v2(p, bp, end)


def _decode_v2(p: Pkt, bp: int, end: int) -> None:
    kind = p.u8(bp + 1)
    at = bp + 24
    if kind == 1:  # Hello
        p.w(f"\n\tOptions [{bittok(_OPTIONS, 'none', p.u8(at + 6))}]")
        p.w(f"\n\t  Hello Timer {p.u16(at + 4)}s, Dead Timer {p.u32(at + 8)}s, Mask "
            f"{ip4(p.b(at, 4))}, Priority {p.u8(at + 7)}")
        dr = p.b(at + 12, 4)
        if dr != bytes(4):
            p.w(f"\n\t  Designated Router {ip4(dr)}")
        bdr = p.b(at + 16, 4)
        if bdr != bytes(4):
            p.w(f", Backup Designated Router {ip4(bdr)}")
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
            p.w(f"\n\t  Advertising Router: {ip4(p.b(at + 8, 4))}, {_LSA.get(t, 'unknown')} LSA ({t})")
            if t in (9, 10, 11):
                ot = p.u8(at + 4)
                p.w(f", Opaque-Type: {_OPAQUE.get(ot, 'unknown')} LSA ({ot}), Opaque-ID: "
                    f"{p.u8(at + 5) << 16 | p.u16(at + 6)}")
            else:
                p.w(f", LSA-ID: {ip4(p.b(at + 4, 4))}")
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


def _lshdr(p: Pkt, at: int) -> int:
    """An LSA header; the LSA's length, -1 when it is shorter than a header."""
    ls_len = p.u16(at + 18)
    if ls_len < 20:
        p.w(f"\n\t    Bogus length {ls_len} < header (20)")
        return -1
    p.w(f"\n\t  Advertising Router {ip4(p.b(at + 8, 4))}, seq 0x{p.u32(at + 12):08x}, age "
        f"{p.u16(at)}s, length {ls_len - 20}")
    t = p.u8(at + 3)
    if t in (9, 10, 11):
        ot = p.u8(at + 4)
        p.w(f"\n\t    {_LSA.get(t, 'unknown')} LSA ({t}), Opaque-Type {_OPAQUE.get(ot, 'unknown')} "
            f"LSA ({ot}), Opaque-ID {p.u8(at + 5) << 16 | p.u16(at + 6)}")
    else:
        p.w(f"\n\t    {_LSA.get(t, 'unknown')} LSA ({t}), LSA-ID: {ip4(p.b(at + 4, 4))}")
    p.w(f"\n\t    Options: [{bittok(_OPTIONS, 'none', p.u8(at + 2))}]")
    return ls_len


def _metric(topology: int) -> str:
    return f"topology {_TOPOLOGY.get(topology, 'Unknown')} ({topology})"


def _lsa(p: Pkt, lsa: int) -> int | None:
    """One LSA; where the next begins, None when it is malformed."""
    from craft.fmt.tcpdump_icmp6 import _unknown_data

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
            lid, data = ip4(p.b(link, 4)), ip4(p.b(link + 4, 4))
            if kind == 4:
                p.w(f"\n\t      Virtual Link: Neighbor Router-ID: {lid}, Interface Address: {data}")
            elif kind == 1:
                p.w(f"\n\t      Neighbor Router-ID: {lid}, Interface Address: {data}")
            elif kind == 2:
                p.w(f"\n\t      Neighbor Network-ID: {lid}, Interface Address: {data}")
            elif kind == 3:
                p.w(f"\n\t      Stub Network: {lid}, Mask: {data}")
            else:
                p.w(f"\n\t      Unknown Router Link Type ({kind})")
                return end
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
    elif t in (3, 4):
        if t == 3:
            p.b(body, 4)
            p.w(f"\n\t    Mask {ip4(p.b(body, 4))}")
        p.b(body + 4, 4)
        lp = body + 4
        while lp < end:
            ul = p.u32(lp)
            p.w(f"\n\t\t{_metric(ul >> 24)} metric {ul & 0xFFFFFF}")
            lp += 4
    elif t in (5, 7):
        p.b(body, 4)
        p.w(f"\n\t    Mask {ip4(p.b(body, 4))}")
        p.b(body + 4, 4)
        am = body + 4
        while am < end:
            ul = p.u32(am)
            metric = ul & 0xFFFFFF
            p.w(f"\n\t\t{_metric((ul >> 24) & 0x7F)}, type {2 if ul & 0x80000000 else 1}, metric"
                + (" infinite" if metric == 0xFFFFFF else f" {metric}"))
            fwd = p.b(am + 4, 4)
            if fwd != bytes(4):
                p.w(f", forward {ip4(fwd)}")
            tag = p.b(am + 8, 4)
            if tag != bytes(4):
                p.w(f", tag {ip4(tag)}")
            am += 12
    elif t == 6:
        mc = body
        while mc < end:
            vtype = p.u32(mc)
            if vtype == 1:
                p.w(f"\n\t    Router Router-ID {ip4(p.b(mc + 4, 4))}")
            elif vtype == 2:
                p.w(f"\n\t    Network Designated Router {ip4(p.b(mc + 4, 4))}")
            else:
                p.w(f"\n\t    unknown VertexType ({vtype})")
            mc += 8
    elif t in (9, 10, 11):
        if p.u8(lsa + 4) == 4:  # Router Information
            if not _ri_tlvs(p, body, left):
                return end
        elif p.o.v <= 1:  # (Traffic Engineering and Graceful restart TLVs are not decoded)
            _unknown_data(p, body, "\n\t    ", left)
    if p.o.v > 1:
        _unknown_data(p, body, "\n\t    ", left)
    return end


_RI_CAPS = ((1, "Reserved"), (2, "Reserved"), (4, "Reserved"), (8, "Reserved"),
            (16, "graceful restart capable"), (32, "graceful restart helper"),
            (64, "Stub router support"), (128, "Traffic engineering"), (256, "p2p over LAN"),
            (512, "path computation server"))


def _ri_tlvs(p: Pkt, at: int, left: int) -> bool:
    """A Router Information LSA's TLVs (RFC 7770); False after a bogus length."""
    from craft.fmt.tcpdump_icmp6 import _unknown_data

    while left:
        if not p.test(at, 4):
            raise Trunc
        if left < 4:
            p.w(f"\n\t    Remaining LS length {left} < 4")
            return False
        kind, size = p.u16(at), p.u16(at + 2)
        at, left = at + 4, left - 4
        p.w(f"\n\t    {'Router Capabilities' if kind == 1 else 'unknown'} TLV ({kind}), length: {size}, "
            "value: ")
        if size > left:
            p.w(f"\n\t    Bogus length {size} > {left}")
            return False
        if not p.test(at, size):
            raise Trunc
        if kind == 1:
            if size != 4:
                p.w(f"\n\t    Bogus length {size} != 4")
                return False
            p.w(f"Capabilities: {bittok(_RI_CAPS, 'Unknown', p.u32(at))}")
        elif p.o.v <= 1:
            _unknown_data(p, at, "\n\t      ", size)
        at, left = at + size, left - size
    return True
