"""tcpdump 4.99's IPv4 (with options), IPv6 (with extension headers), ICMP,
IGMP and ARP printers, and the IP demultiplexer (private to
craft.fmt.tcpdump)."""

from __future__ import annotations

from craft.fmt.tcpdump_base import (
    IPPROTO,
    Pkt,
    Trunc,
    bittok,
    cksum,
    fields,
    ip4,
    ip6,
    mac,
    relts,
    shouldbe,
)
from craft.fmt.tcpdump_l4 import tcp_print, udp_print
from craft.fmt.tcpdump_tunnel import ah_print, esp_print, gre_print

MAX_EXT_HEADERS = 64  # extension headers walked per packet (bounded)


def ip_demux(p: Pkt, off: int, length: int, ver: int, fragmented: bool, nh: int,
             iph: int) -> None:
    """tcpdump's ip_demux_print for the protocols craft prints."""
    for _ in range(MAX_EXT_HEADERS):  # AH headers in a row (bounded)
        if nh != 51:
            break
        if not p.test(off, 1):
            p.proto = "ah"
            p.trunc()
            return
        nxt = p.d[off]
        advance = ah_print(p, off)
        off += advance
        length -= advance
        nh = nxt
    if nh == 50:
        esp_print(p, off, length)
    elif nh == 6:
        tcp_print(p, off, length, iph, fragmented)
    elif nh == 17:
        udp_print(p, off, length, iph, fragmented)
    elif nh == 1:
        if ver == 4:
            icmp_print(p, off, length, iph, fragmented)
        else:
            p.w(f"[{IPPROTO.get(nh, 'unknown')} requires IPv4] (invalid)")
    elif nh == 58:
        if ver == 6:
            _icmp6()(p, off, length, iph, fragmented)
        else:
            p.w(f"[{IPPROTO.get(nh, 'unknown')} requires IPv6] (invalid)")
    elif nh == 4:
        if p.st.depth_ok():
            ip_print(p, off, length)
    elif nh == 41:
        if p.st.depth_ok():
            ip6_print(p, off, length)
    elif nh == 59:
        p.w("no next header")
    elif nh == 2 and ver == 4:
        igmp_print(p, off, length)
    elif nh == 47:
        if p.st.depth_ok():
            gre_print(p, off, length)
    elif nh == 89:
        _ospf_print(p, off, length, ver)
    elif nh == 103:
        from craft.fmt.tcpdump_pim import pim_print

        pim_print(p, off, length, iph)
    elif nh == 88:
        from craft.fmt.tcpdump_eigrp import eigrp_print

        eigrp_print(p, off, length)
    elif nh == 112:
        from craft.fmt.tcpdump_fhrp import vrrp_print

        vrrp_print(p, off, length, iph, ver)
    elif nh == 132:
        from craft.fmt.tcpdump_sctp import sctp_print

        sctp_print(p, off, length, iph)
    elif nh == 33:
        from craft.fmt.tcpdump_dccp import dccp_print

        dccp_print(p, off, length, iph)
    elif nh == 108:
        p.proto = "ipcomp"
        p.w(f"IPComp(cpi=0x{p.u16(off + 2):04x})")
    elif nh == 46:
        from craft.fmt.tcpdump_rsvp import rsvp_print

        rsvp_print(p, off, length)
    elif nh == 8:
        from craft.fmt.tcpdump_egp import egp_print

        egp_print(p, off, length)
    elif nh == 9:
        from craft.fmt.tcpdump_igrp import igrp_print

        igrp_print(p, off, length)
    elif nh == 113:
        from craft.fmt.tcpdump_pgm import pgm_print

        pgm_print(p, off, length, iph)
    elif nh == 77:  # Sun ND, which tcpdump names
        p.w(f" nd {length}")
    elif ver == 6 and nh == 2:
        p.w(f"[{IPPROTO.get(nh, 'unknown')} requires IPv4] (invalid)")
    elif nh == 143:  # Ethernet in IPv6 (RFC 8986 SRv6)
        if ver == 6:
            from craft.fmt.tcpdump import ether_print
            if p.st.depth_ok():
                ether_print(p, off, length, p.avail(off))
        else:
            p.w("[Ethernet requires IPv6] (invalid)")
    else:
        p.w(f" ip-proto-{nh} {length}")


def _icmp6():  # type: ignore[no-untyped-def]
    from craft.fmt.tcpdump_icmp6 import icmp6_print  # (it imports this module)
    return icmp6_print


_OSPF_TYPES = {1: "Hello", 2: "Database Description", 3: "LS-Request", 4: "LS-Update",
               5: "LS-Ack"}


def _ospf_print(p: Pkt, off: int, length: int, ver: int) -> None:
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
        from craft.fmt.tcpdump_ospf import ospf2_verbose

        ospf2_verbose(p, off, length)
    elif ver == 6 and t in _OSPF_TYPES and p.o.v:
        from craft.fmt.tcpdump_ospf6 import ospf3_verbose

        ospf3_verbose(p, off, length)


def ipn_print(p: Pkt, off: int, length: int) -> None:
    p.proto = "ipn"
    if length < 1:
        p.w(f"truncated-ip {length}")
        return
    v = p.u8(off) & 0xF0
    if v == 0x40:
        ip_print(p, off, length)
    elif v == 0x60:
        ip6_print(p, off, length)
    else:
        p.w(f"unknown ip {v >> 4}")


_IPOPT = {0: "EOL", 1: "NOP", 68: "timestamp", 130: "security", 7: "RR", 137: "SSRR",
          131: "LSRR", 148: "RA", 82: "traceroute"}


_FRAG = ((0x2000, "+"), (0x4000, "DF"), (0x8000, "rsvd"))


class _OptTrunc(Exception):
    """An option's bytes run past the capture: tcpdump's [truncated-option]."""


def _printroute(p: Pkt, cp: int, length: int) -> None:
    if length < 3:
        p.w(f" [bad length {length}]")
        return
    if (length + 1) & 3:
        p.w(f" [bad length {length}]")
    ptr = (p.u8(cp + 2) - 1) & 0xFFFFFFFF  # u_int in tcpdump
    if ptr < 3 or ((ptr + 1) & 3) or ptr > length + 1:
        p.w(f" [bad ptr {p.u8(cp + 2)}]")
    ln = 3
    while ln < length:
        if not p.test(cp + ln, 4):
            raise _OptTrunc
        p.w(" " + ip4(p.b(cp + ln, 4)))
        if ptr > ln:
            p.w(",")
        ln += 4


def _printts(p: Pkt, cp: int, length: int) -> None:
    if length < 4:
        p.w(f"[bad length {length}]")
        return
    p.w(" TS{")
    flag = p.u8(cp + 3)
    hoplen = 8 if (flag & 0xF) != 0 else 4
    if (length - 4) & (hoplen - 1):
        p.w(f"[bad length {length}]")
    ptr = (p.u8(cp + 2) - 1) & 0xFFFFFFFF  # u_int in tcpdump
    ln = 0
    if ptr < 4 or ((ptr - 4) & (hoplen - 1)) or ptr > length + 1:
        p.w(f"[bad ptr {p.u8(cp + 2)}]")
    kind = flag & 0xF
    if kind in (0, 1, 3):
        p.w({0: "TSONLY", 1: "TS+ADDR", 3: "PRESPEC"}[kind])
        sep = " "
        ln = 4
        while ln < length:
            if ptr == ln:
                sep = " ^ "
            if not p.test(cp + ln, hoplen):
                raise _OptTrunc
            addr = "" if hoplen != 8 else ip4(p.b(cp + ln, 4))
            p.w(f"{sep}{p.u32(cp + ln + hoplen - 4)}@{addr}")
            sep = " "
            ln += hoplen
    else:
        p.w(f"[bad ts type {kind}]")
    p.w(" ^ " if ptr == ln else "")
    if flag >> 4:
        p.w(f" [{flag >> 4} hops not recorded]}} ")
    else:
        p.w("}")


def _ip_optprint(p: Pkt, cp: int, length: int) -> None:
    """Raises _OptTrunc when an option runs past the capture, Trunc when even
    its code or length byte does (tcpdump gives up on the packet then)."""
    sep = ""
    while length > 0:
        p.w(sep)
        sep = ","
        code = p.u8(cp)
        p.w(_IPOPT.get(code, f"unknown {code}"))
        if code in (0, 1):
            olen = 1
        else:
            olen = p.u8(cp + 1)
            if olen < 2:
                p.w(f" [bad length {olen}]")
                return
        if olen > length:
            p.w(f" [bad length {olen}]")
            return
        if not p.test(cp, olen):
            raise _OptTrunc
        if code == 0:
            return
        if code == 68:
            _printts(p, cp, olen)
        elif code in (7, 131, 137):
            _printroute(p, cp, olen)
        elif code == 148:
            if olen < 4:
                p.w(f" [bad length {olen}]")
            elif p.u16(cp + 2):
                p.w(f" value {p.u16(cp + 2)}")
        cp += olen
        length -= olen


def ip_print(p: Pkt, off: int, length: int) -> None:
    p.proto = "ip"
    o = p.o
    ver = p.u8(off) >> 4
    if ver != 4:
        if ver == 6:
            p.w("IP6, wrong link-layer encapsulation (invalid)")
        else:
            p.w(f"IP{ver} (invalid)")
        return
    if not o.e:
        p.w("IP ")
    h = fields("ipv4", p, off, local=True)
    if length < 20:
        p.w(f"truncated-ip {length}")
        return
    hlen = h["ihl"] * 4
    if hlen < 20:
        p.w(f"bad-hlen {hlen}")
        return
    ln = h["len"]
    if length < ln:
        p.w(f"truncated-ip - {ln - length} bytes missing! ")
    if ln < hlen:
        p.w(f"bad-len {ln}")
        return
    p.push(off, ln)
    ln -= hlen
    frag = (h["flags"] << 13) | h["frag"]
    proto = h["proto"]
    src, dst = ip4(h["src"]), ip4(h["dst"])
    if o.v:
        tos = h["tos"]
        p.w(f"(tos 0x{tos:x}")
        p.w({0: "", 1: ",ECT(1)", 2: ",ECT(0)", 3: ",CE"}[tos & 3])
        if h["ttl"] >= 1:
            p.w(f", ttl {h['ttl']}")
        p.w(f", id {h['id']}, offset {(frag & 0x1FFF) * 8}, flags "
            f"[{bittok(_FRAG, 'none', frag & 0xE000)}], proto {IPPROTO.get(proto, 'unknown')}"
            f" ({proto}), length {h['len']}")
        truncated = False
        if hlen > 20:
            p.w(", options (")
            try:
                _ip_optprint(p, off + 20, hlen - 20)
            except _OptTrunc:
                p.w(" [truncated-option]")
                truncated = True
            p.w(")")
        if off + hlen <= p.end:
            s = cksum(p.d[off:off + hlen])
            if s:
                p.w(f", bad cksum {h['checksum']:x} (->{shouldbe(h['checksum'], s):x})!")
        p.w(")\n    ")
        if truncated:
            p.w(f"{src} > {dst}: ")
            p.trunc()
            p.pop()
            return
    if frag & 0x1FFF == 0:
        if proto not in (6, 17, 33, 132):  # (the TCP, UDP, DCCP and SCTP printers print them)
            p.w(f"{src} > {dst}: ")
        if not p.test(off, hlen):
            p.w(f" [remaining caplen({p.avail(off)}) < header length({hlen})]")
            raise Trunc
        ip_demux(p, off + hlen, ln, 4, bool(frag & 0x2000), proto, off)
    else:
        p.w(f"{src} > {dst}: ip-proto-{proto}")
    p.pop()


def _ip6_opts(p: Pkt, bp: int, ln: int, jumbo: list[int], hbh: bool) -> bool:
    """tcpdump's ip6_opt_process; ``jumbo`` is [found, payload_len, seen].
    False when the options are cut short."""
    v = p.o.v
    i = 0
    while i < ln:
        t = p.u8(bp + i)
        if t == 0:
            optlen = 1
        elif i + 1 < ln:
            optlen = p.u8(bp + i + 1) + 2
        else:
            return False
        if i + optlen > ln:
            return False
        if t == 0:
            if v:
                p.w("(pad1)")
        elif t == 1:
            if ln - i < 2:
                p.w("(padn: trunc)")
                return False
            if v:
                p.w("(padn)")
        elif t == 5:
            if ln - i < 4:
                p.w("(rtalert: trunc)")
                return False
            if p.u8(bp + i + 1) != 2:
                p.w(f"(rtalert: invalid len {p.u8(bp + i + 1)})")
                return False
            if v:
                p.w(f"(rtalert: 0x{p.u16(bp + i + 2):04x}) ")
        elif t == 0xC2:
            if ln - i < 6:
                p.w("(jumbo: trunc)")
                return False
            if p.u8(bp + i + 1) != 4:
                p.w(f"(jumbo: invalid len {p.u8(bp + i + 1)})")
                return False
            jl = p.u32(bp + i + 2)
            if jumbo[2]:
                if v:
                    p.w(f"(jumbo: {jl} - already seen) ")
            else:
                jumbo[2] = 1
                if not hbh:
                    if v:
                        p.w(f"(jumbo: {jl} - not a hop-by-hop option) ")
                elif jumbo[1] != 0:
                    if v:
                        p.w(f"(jumbo: {jl} - payload len != 0) ")
                elif jl < 65536:
                    if v:
                        p.w(f"(jumbo: {jl} - < 65536) ")
                else:
                    jumbo[0] = 1
                    jumbo[1] = jl
                    if v:
                        p.w(f"(jumbo: {jl}) ")
        elif t == 0xC9:
            if ln - i < 18:
                p.w("(homeaddr: trunc)")
                return False
            if p.u8(bp + i + 1) < 16:
                p.w(f"(homeaddr: invalid len {p.u8(bp + i + 1)})")
                return False
            if v:
                p.w(f"(homeaddr: {ip6(p.b(bp + i + 2, 16))}")
                if p.u8(bp + i + 1) > 16:
                    p.w(" (invalid length)")
                p.w(") ")
        else:
            if ln - i < 2:
                p.w(f"(type {t}: trunc)")
                return False
            if v:
                p.w(f"(opt_type 0x{t:02x}: len={p.u8(bp + i + 1)})")
        i += optlen
    if v:
        p.w(" ")
    return True


def _opt_header(p: Pkt, cp: int, name: str, proto: str, jumbo: list[int], hbh: bool) -> int:
    p.proto = proto
    hlen = (p.u8(cp + 1) + 1) << 3
    if not p.test(cp, hlen):  # (the marker, then ip6_print still checks for a jumbo length)
        p.trunc()
        return -1
    p.w(f"{name} ")
    # hop-by-hop options are always walked (for a jumbo length); others with -v
    if (hbh or p.o.v) and not _ip6_opts(p, cp + 2, hlen - 2, jumbo, hbh):
        p.trunc()
        return -1
    return hlen


def _rt6_print(p: Pkt, cp: int) -> int:
    p.proto = "rt6"
    p.w("RT6")
    ln = p.u8(cp + 1)
    p.w(f" (len={ln}")
    typ = p.u8(cp + 2)
    p.w(f", type={typ}")
    if typ == 0:
        p.w(" [Deprecated]")
    p.w(f", segleft={p.u8(cp + 3)}")
    if typ in (0, 2):
        rsv = p.u32(cp + 4)
        if rsv or p.o.v:
            p.w(f", rsv=0x{rsv:x}")
        if ln % 2 == 1:
            p.w(f" [invalid length {ln}] (invalid)")
            return -1
        a = cp + 8
        for i in range(ln >> 1):
            p.w(f", [{i}]{ip6(p.b(a, 16))}")
            a += 16
        p.w(") ")
        return (ln + 1) << 3
    if typ == 4:
        p.w(f", last-entry={p.u8(cp + 4)}")
        flags = p.u8(cp + 5)
        if flags or p.o.v:
            p.w(f", flags=0x{flags:x}")
        p.w(f", tag={p.u16(cp + 6):x}")
        a = cp + 8
        for i in range(ln >> 1):
            p.w(f", [{i}]{ip6(p.b(a, 16))}")
            a += 16
        p.w(") ")
        return (ln + 1) << 3
    p.w(" (unknown type) (invalid)")
    return -1


def _frag6_print(p: Pkt, cp: int, ip6off: int) -> int:
    p.proto = "frag6"
    offlg = p.u16(cp + 2)
    plen = p.u16(ip6off + 4)
    rest = (plen - (cp - ip6off) - 8 + 40) & 0xFFFFFFFFFFFFFFFF  # a u_long in tcpdump
    if p.o.v:
        p.w(f"frag (0x{p.u32(cp + 4):08x}:{offlg & 0xFFF8}|{rest})")
    else:
        p.w(f"frag ({offlg & 0xFFF8}|{rest})")
    if offlg & 0xFFF8:
        return -1
    p.w(" ")
    return 8


def ip6_print(p: Pkt, off: int, length: int) -> None:
    p.proto = "ip6"
    o = p.o
    p.need(off, 40)
    if length < 40:
        p.w(f"truncated-ip6 {length}")
        return
    if not o.e:
        p.w("IP6 ")
    ver = p.u8(off) >> 4
    if ver != 6:
        p.w(f"version error: {ver} != 6")
        return
    h = fields("ipv6", p, off)
    payload_len = h["plen"]
    if payload_len != 0:
        ln = payload_len + 40
        if length < ln:
            p.w(f"truncated-ip6 - {ln - length} bytes missing!")
    else:
        ln = length + 40
    nh = h["nh"]
    if o.v:
        p.w("(")
        if h["tc"]:
            p.w(f"class 0x{h['tc']:02x}, ")
        if h["fl"]:
            p.w(f"flowlabel 0x{h['fl']:05x}, ")
        p.w(f"hlim {h['hlim']}, next-header {IPPROTO.get(nh, 'unknown')} ({nh}) "
            f"payload length: {payload_len}) ")
    p.push(off, ln)
    cp = off
    advance = 40
    total = 0
    found_ext = False
    jumbo = [0, payload_len, 0]  # found valid jumbo, payload length, jumbo seen
    found_hbh = False
    ph = 255
    fragmented = False
    for _ in range(MAX_EXT_HEADERS):
        if not (cp < p.end and advance > 0):
            break
        if ln < advance:
            raise Trunc(local=True)
        cp += advance
        ln -= advance
        total += advance
        if cp == off + 40 and nh not in (6, 17, 33, 132):
            p.w(f"{ip6(h['src'])} > {ip6(h['dst'])}: ")
        if nh == 0:
            if found_hbh:
                p.w("[The Hop-by-Hop Options header was already found] (invalid)")
                return
            if ph != 255:
                p.w("[The Hop-by-Hop Options header don't follow the IPv6 header] (invalid)")
                return
            advance = _opt_header(p, cp, "HBH", "hbhopt", jumbo, True)
            if jumbo[1] == 0 and not jumbo[0]:
                p.w("[No valid Jumbo Payload Hop-by-Hop option found] (invalid)")
                return
            if advance < 0:
                return
            found_ext = found_hbh = True
            nh = p.u8(cp)
        elif nh == 60:
            advance = _opt_header(p, cp, "DSTOPT", "dstopt", [0, 0, 0], False)
            if advance < 0:
                return
            found_ext = True
            nh = p.u8(cp)
        elif nh == 44:
            advance = _frag6_print(p, cp, off)
            if advance < 0 or p.end <= cp + advance:
                return
            found_ext = True
            nh = p.u8(cp)
            fragmented = True
        elif nh == 43:
            p.need(cp, 1)
            advance = _rt6_print(p, cp)
            if advance < 0:
                return
            found_ext = True
            nh = p.u8(cp)
        else:
            if jumbo[0]:
                ln = jumbo[1] + 40
                if ln < total:
                    raise Trunc(local=True)
                if length < ln:
                    p.w(f"truncated-ip6 - {ln - length} bytes missing!")
                p.change(off, ln)
                ln -= total
            elif payload_len == 0:
                if found_ext:
                    raise Trunc(local=True)
                ln = 40
                p.change(off, ln)
                ln -= total
            ip_demux(p, cp, ln, 6, fragmented, nh, off)
            p.pop()
            return
        p.proto = "ip6"
        ph = nh
    p.pop()


_ICMP_NAMES = {0: "echo reply", 4: "source quench", 8: "echo request", 10: "router solicitation",
               13: "time stamp request", 14: "time stamp reply", 15: "information request",
               16: "information reply", 17: "address mask request"}


_UNREACH = {0: "net {} unreachable", 1: "host {} unreachable",
            5: "{} unreachable - source route failed",
            6: "net {} unreachable - unknown", 7: "host {} unreachable - unknown",
            8: "{} unreachable - source host isolated",
            9: "net {} unreachable - admin prohibited",
            10: "host {} unreachable - admin prohibited",
            11: "net {} unreachable - tos prohibited",
            12: "host {} unreachable - tos prohibited",
            13: "host {} unreachable - admin prohibited filter",
            14: "host {} unreachable - host precedence violation",
            15: "host {} unreachable - precedence cutoff"}


def icmp_print(p: Pkt, off: int, plen: int, iph: int, fragmented: bool) -> None:
    p.proto = "icmp"
    o = p.o
    t = p.u8(off)
    code = p.u8(off + 1)
    if t in (0, 8):
        h = fields("icmp", p, off)
        s = f"echo {'request' if t == 8 else 'reply'}, id {h['id']}, seq {h['seq']}"
    elif t == 3:
        if code == 3:  # tcpdump checks the quoted protocol byte, then reads
            p.need(off + 8 + 9, 1)
        elif code == 2:  # (read at once: a cut here dumps the whole packet with -x)
            p.u8(off + 8 + 9)
        if not p.test(off + 8, 20):
            raise Trunc
        idst = ip4(p.b(off + 8 + 16, 4))
        if code == 2:
            s = f"{idst} protocol {p.u8(off + 8 + 9)} unreachable"
        elif code == 3:
            ihl = (p.u8(off + 8) & 0xF) * 4
            pr = p.u8(off + 8 + 9)
            dport = p.u16(off + 8 + ihl + 2)
            if pr == 17:
                s = f"{idst} udp port {dport} unreachable"
            elif pr == 6:
                s = f"{idst} tcp port {dport} unreachable"
            else:
                s = f"{idst} protocol {pr} port {dport} unreachable"
        elif code == 4:
            mtu = p.u16(off + 6)
            s = (f"{idst} unreachable - need to frag (mtu {mtu})" if mtu
                 else f"{idst} unreachable - need to frag")
        elif code in _UNREACH:
            s = _UNREACH[code].format(idst)
        else:
            s = f"{idst} unreachable - #{code}"
    elif t == 5:
        if not p.test(off + 8, 20):
            raise Trunc
        idst = ip4(p.b(off + 8 + 16, 4))
        gw = ip4(p.b(off + 4, 4))
        s = {0: f"redirect {idst} to net {gw}", 1: f"redirect {idst} to host {gw}",
             2: f"redirect-tos {idst} to net {gw}",
             3: f"redirect-tos {idst} to host {gw}"}.get(code, f"redirect-#{code} {idst} to {gw}")
    elif t == 11:
        p.need(off + 8, 20)
        s = {0: "time exceeded in-transit", 1: "ip reassembly time exceeded"}.get(
            code, f"time exceeded-#{code}")
    elif t == 12:
        s = f"parameter problem - code {code}" if code else \
            f"parameter problem - octet {p.u8(off + 4)}"
    elif t == 9:
        s = _router_advert(p, off)
    elif t in (13, 14):
        if t == 14 and not p.test(off + 16, 4):  # (ND_TCHECK of the transmit time first)
            raise Trunc(local=True)
        s = (f"time stamp {'query' if t == 13 else 'reply'} id {p.u16(off + 4)} "
             f"seq {p.u16(off + 6)}")
        if t == 14:
            s += (f": org {_ts(p.u32(off + 8))}, recv {_ts(p.u32(off + 12))}, "
                  f"xmit {_ts(p.u32(off + 16))}")
    elif t == 18:
        s = f"address mask is 0x{p.u32(off + 8):08x}"
    else:
        s = _ICMP_NAMES.get(t, f"type-#{t}")
    p.w(f"ICMP {s}, length {plen}")
    if o.v and not fragmented and p.test(off, plen):
        c = cksum(p.d[off:off + plen])
        if c:
            ck = p.u16(off + 2)
            p.w(f" (wrong icmp cksum {ck:x} (->{shouldbe(ck, c):x})!)")
    if o.v >= 1 and t in (3, 4, 5, 11, 12):
        bp = off + 8
        p.w("\n\t")
        saved = p.end
        # the quoted packet ends at its own length when that is captured
        # (ICMP extensions may follow it); tcpdump reads the length again
        # within the new end, so a length below 4 cuts the packet here
        p.end = min(p.end, bp + p.u16(bp + 2))
        inner_len = p.u16(bp + 2)
        if p.st.depth_ok():
            try:
                ip_print(p, bp, inner_len)
            except Trunc as cut:
                if not cut.local:
                    raise
                p.trunc()  # a printer that marks its own cut returns to ICMP, as in tcpdump
        p.end = saved
    if o.v >= 1 and plen > 136 and t in (3, 11, 12):
        _icmp_extensions(p, off, plen)


_MPLS_EXT = {1: "MPLS Stack Entry", 2: "Extended Payload"}


def _icmp_extensions(p: Pkt, off: int, plen: int) -> None:
    """ICMP multi-part extensions (RFC 4884, MPLS label stack RFC 4950)."""
    from craft.fmt.tcpdump_icmp6 import _unknown_data
    p.proto = "icmp"
    ext = off + 8 + 128  # after the 128-byte original datagram field
    p.need(off, 141)
    if p.u8(off + 5) == 0 and p.test(ext, plen - 136):
        if cksum(p.d[ext:ext + plen - 136]):
            return
    ver = p.u8(ext) >> 4
    p.w(f"\n\tICMP Multi-Part extension v{ver}")
    if ver != 2:
        p.w(" packet not supported")
        return
    hlen = plen - 136
    if p.test(ext, hlen):
        bad = cksum(p.d[ext:ext + hlen])
        p.w(f", checksum 0x{p.u16(ext + 2):04x} ({'in' if bad else ''}correct), length {hlen}")
    hlen -= 4
    obj = ext + 4
    for _ in range(hlen):
        if hlen <= 4:
            break
        p.need(obj, 4)
        tlen, cnum, ctype = p.u16(obj), p.u8(obj + 2), p.u8(obj + 3)
        obj += 4
        p.w(f"\n\t  {_MPLS_EXT.get(cnum, 'unknown')} Object ({cnum}), Class-Type: {ctype}, "
            f"length {tlen}")
        hlen -= 4
        if cnum == 0 or tlen < 4:
            return
        tlen -= 4
        if cnum == 1 and ctype == 1:
            label = p.u32(obj)
            p.w(f"\n\t    label {label >> 12}, tc {(label >> 9) & 7}")
            if label & 0x100:
                p.w(", [S]")
            p.w(f", ttl {label & 0xFF}")
        else:
            _unknown_data(p, obj, "\n\t    ", tlen)
        if hlen < tlen:
            break
        hlen -= tlen
        obj += tlen


def _router_advert(p: Pkt, off: int) -> str:
    """ICMP router advertisement (RFC 1256) as tcpdump words it."""
    p.need(off + 4, 4)
    life = p.u16(off + 6)
    if life < 60:
        lt = f"{life}"
    elif life < 3600:
        lt = f"{life // 60}:{life % 60:02d}"
    else:
        lt = f"{life // 3600}:{life % 3600 // 60:02d}:{life % 60:02d}"
    num, size = p.u8(off + 4), p.u8(off + 5)
    s = f"router advertisement lifetime {lt} {num}:"
    if size != 2:
        return s + f" [size {size}]"
    a = off + 8
    for _ in range(num):
        p.need(a, 8)
        s += f" {{{ip4(p.b(a, 4))} {p.u32(a + 4)}}}"
        a += 8
    return s


def _ts(ms: int) -> str:
    sec, ms = divmod(ms, 1000)
    hh, rem = divmod(sec, 3600)
    mm, ss = divmod(rem, 60)
    return f"{hh:02d}:{mm:02d}:{ss:02d}.{ms:03d}"


_IGMPV3_REC = {1: "is_in", 2: "is_ex", 3: "to_in", 4: "to_ex", 5: "allow", 6: "block"}


def igmp_print(p: Pkt, off: int, ln: int) -> None:
    """tcpdump's igmp_print: queries v1-v3, reports v1-v3, leave."""
    p.proto = "igmp"
    o = p.o
    if o.q:
        p.w("igmp")
        return
    t = p.u8(off)
    if t == 0x11:
        p.w("igmp query")
        if ln >= 12:
            _igmpv3_query(p, off, ln)
        else:
            mrc = p.u8(off + 1)
            if mrc:
                p.w(" v2")
                if mrc != 100:
                    p.w(f" [max resp time {mrc}]")
            else:
                p.w(" v1")
            if p.u32(off + 4):
                p.w(f" [gaddr {ip4(p.b(off + 4, 4))}]")
            if ln != 8:
                p.w(f" [len {ln}]")
    elif t == 0x12:
        p.w(f"igmp v1 report {ip4(p.b(off + 4, 4))}")
        if ln != 8:
            p.w(f" [len {ln}]")
    elif t == 0x16:
        p.w(f"igmp v2 report {ip4(p.b(off + 4, 4))}")
    elif t == 0x22:
        p.w("igmp v3 report")
        _igmpv3_report(p, off, ln)
    elif t == 0x17:
        p.w(f"igmp leave {ip4(p.b(off + 4, 4))}")
    elif t in (0x1E, 0x1F):  # mtrace query / response
        if ln < 24:
            p.w(f" [invalid len {ln}]")
        else:
            raddr = p.u32(off + 16)
            p.w(f"{'mtrace' if t == 0x1F else 'mresp'} {p.u32(off + 20) & 0xFFFFFF}: "
                f"{ip4(p.b(off + 8, 4))} to {ip4(p.b(off + 12, 4))} reply-to "
                f"{ip4(p.b(off + 16, 4))}")
            if raddr >> 28 == 0xE:
                p.w(f" with-ttl {p.u8(off + 20)}")
    elif t == 0x13:
        p.w("igmp dvmrp")
        if ln < 8:
            p.w(f" [len {ln}]")
        else:
            from craft.fmt.tcpdump_dvmrp import dvmrp_print

            dvmrp_print(p, off, ln)
    else:
        # PIMv1 has a printer of its own in tcpdump
        p.w({0x14: "igmp pimv1"}.get(t, f"igmp-{t}"))
    if o.v and ln >= 4 and p.test(off, ln) and cksum(p.d[off:off + ln]):
        p.w(f" bad igmp cksum {p.u16(off + 2):x}!")


def _igmpv3_report(p: Pkt, off: int, ln: int) -> None:
    if ln < 8 or ln & 3:
        p.w(f" [invalid len {ln}]")
        return
    ngroups = p.u16(off + 6)
    p.w(f", {ngroups} group record(s)")
    if not p.o.v:
        return
    group = 8
    for _ in range(ngroups):
        if ln < group + 8:
            p.w(" [invalid number of groups]")
            return
        p.w(f" [gaddr {ip4(p.b(off + group + 4, 4))}")
        rt = p.u8(off + group)
        p.w(" " + _IGMPV3_REC.get(rt, f" [v3-report-#{rt}]"))
        nsrcs = p.u16(off + group + 2)
        if ln < group + 8 + (nsrcs << 2):
            p.w(f" [invalid number of sources {nsrcs}]")
            return
        if p.o.v == 1:
            p.w(f", {nsrcs} source(s)")
        else:
            p.w(" {")
            for j in range(nsrcs):
                p.w(" " + ip4(p.b(off + group + 8 + (j << 2), 4)))
            p.w(" }")
        group += 8 + (nsrcs << 2)
        p.w("]")


def _igmpv3_query(p: Pkt, off: int, ln: int) -> None:
    p.w(" v3")
    if ln < 12 or ln & 3:
        p.w(f" [invalid len {ln}]")
        return
    mrc = p.u8(off + 1)
    mrt = mrc if mrc < 128 else ((mrc & 0x0F) | 0x10) << (((mrc & 0x70) >> 4) + 3)
    if mrc != 100:
        p.w(" [max resp time ")
        p.w(f"{mrt * 0.1:.1f}s" if mrt < 600 else relts(mrt // 10))
        p.w("]")
    if p.u32(off + 4) == 0:
        return
    p.w(f" [gaddr {ip4(p.b(off + 4, 4))}")
    nsrcs = p.u16(off + 10)
    if nsrcs > 0:
        if ln < 12 + (nsrcs << 2):
            p.w(" [invalid number of sources]")
        elif p.o.v > 1:
            p.w(" {")
            for i in range(nsrcs):
                p.w(" " + ip4(p.b(off + 12 + (i << 2), 4)))
            p.w(" }")
        else:
            p.w(f", {nsrcs} source(s)")
    p.w("]")


_ARP_OPS = {1: "Request", 2: "Reply", 3: "Reverse Request", 4: "Reverse Reply",
            8: "Inverse Request", 9: "Inverse Reply", 10: "NACK Reply"}


_ARP_HRD = {1: "Ethernet", 6: "TokenRing", 7: "ArcNet", 15: "FrameRelay", 23: "Strip",
            24: "IEEE 1394", 32: "InfiniBand"}  # (ATM, 19, has a printer craft lacks)


def _link(p: Pkt, a: int, n: int) -> str:
    return mac(p.b(a, n)) if n else "<empty>"


def _paddr(p: Pkt, a: int, pro: int, pln: int) -> str:
    if pro not in (0x0800, 0x1000):
        return "<wrong proto type>"
    if pln != 4:
        return "<wrong len>"
    return ip4(p.b(a, 4))


def arp_print(p: Pkt, off: int, length: int, caplen: int) -> None:
    """tcpdump's arp_print (Ethernet-style addresses of any length)."""
    from craft.fmt.tcpdump import default_print
    p.proto = "arp"
    o = p.o
    if not p.test(off, 8):  # read field by field: a failed read ends the packet
        raise Trunc
    hrd, pro = p.u16(off), p.u16(off + 2)
    hln, pln = p.u8(off + 4), p.u8(off + 5)
    op = p.u16(off + 6)
    sha = off + 8
    spa = sha + hln
    tha = spa + pln
    tpa = tha + hln
    if not p.test(tpa, pln):  # (tcpdump dumps the whole frame after this one too)
        raise Trunc
    if not o.e:
        p.w("ARP, ")
    if pro not in (0x0800, 0x1000) or pln != 4 or hln == 0 or o.v:
        hname = _ARP_HRD.get(hrd, f"Unknown Hardware ({hrd})")
        from craft.fmt.tcpdump_base import ETHERTYPES
        pname = ETHERTYPES.get(pro, f"Unknown Protocol (0x{pro:04x})")
        p.w(f"{hname} (len {hln}), {pname} (len {pln})")
        if not o.v:
            p.w(f", length {length}")
            return
    p.w(f"{', ' if o.v else ''}{_ARP_OPS.get(op, f'Unknown ({op})')} ")
    if op == 1:
        p.w(f"who-has {_paddr(p, tpa, pro, pln)}")
        if any(p.b(tha, hln)):
            p.w(f" ({_link(p, tha, hln)})")
        p.w(f" tell {_paddr(p, spa, pro, pln)}")
    elif op == 2:
        p.w(f"{_paddr(p, spa, pro, pln)} is-at {_link(p, sha, hln)}")
    elif op in (3, 8):
        p.w(f"who-is {_link(p, tha, hln)} tell {_link(p, sha, hln)}")
    elif op == 4:
        p.w(f"{_link(p, tha, hln)} at {_paddr(p, tpa, pro, pln)}")
    elif op == 9:
        p.w(f"{_link(p, sha, hln)} at {_paddr(p, spa, pro, pln)}")
    else:
        default_print(p, off, caplen, always=True)
        return
    p.w(f", length {length}")
