"""tcpdump 4.99's ICMPv6 printer: errors, echo, MLD/MLDv2, neighbour
discovery with its options, node information, router renumbering and the
outline of RPL (private to craft.fmt.tcpdump)."""

from __future__ import annotations

import struct

from craft.fmt.tcpdump.addrtoname import ip4, ip6
from craft.fmt.tcpdump.in_cksum import cksum, ip6_pseudo, shouldbe
from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.print_ascii import hex_only
from craft.fmt.tcpdump.print_domain import fqdn_print
from craft.fmt.tcpdump.print_igmp import group_records
from craft.fmt.tcpdump.util_print import bittok, fn_char, print_unknown_data

_TYPES = {
    1: "destination unreachable", 2: "packet too big", 3: "time exceeded in-transit",
    4: "parameter problem", 128: "echo request", 129: "echo reply",
    130: "multicast listener query", 131: "multicast listener report",
    132: "multicast listener done", 133: "router solicitation", 134: "router advertisement",
    135: "neighbor solicitation", 136: "neighbor advertisement", 137: "redirect",
    138: "router renumbering", 141: "inverse neighbor solicitation",
    142: "inverse neighbor advertisement", 143: "multicast listener report v2",
    144: "ha discovery request", 145: "ha discovery reply",
    146: "mobile router solicitation", 147: "mobile router advertisement",
    139: "who-are-you request", 140: "who-are-you reply",
    200: "mtrace response", 201: "mtrace message", 155: "RPL",
}
_UNREACH = {0: "unreachable route", 1: " unreachable prohibited", 2: "beyond scope",
            3: "unreachable address", 4: "unreachable port"}
_OPT_NAMES = {1: "source link-address", 2: "destination link-address", 3: "prefix info",
              4: "redirected header", 5: "mtu", 25: "rdnss", 31: "dnssl",
              7: "advertisement interval", 8: "homeagent information", 24: "route info"}
_PI_FLAGS = ((0x80, "onlink"), (0x40, "auto"), (0x20, "router"))
_RA_FLAGS = ((0x80, "managed"), (0x40, "other stateful"), (0x20, "home agent"),
             (0x02, "ipv6 only"))
_NA_FLAGS = ((0x80000000, "router"), (0x40000000, "solicited"), (0x20000000, "override"))
_RTPREF = ("medium", "high", "rsv", "low")


def _lifetime(v: int) -> str:
    return "infinity" if v == 0xFFFFFFFF else f"{v}s"


def _opt_print(p: Pkt, cp: int, resid: int) -> bool:
    """ND options; False when one is cut short (the caller marks [|icmp6])."""
    v = p.o.v
    bp = cp
    for _ in range(256):
        if not cp < p.end:
            break
        p.need(cp + 1, 1)
        if resid <= 0:
            return True
        t = p.u8(cp)
        ln = p.u8(cp + 1)
        if ln == 0 or cp + (ln << 3) > p.end:
            return False
        p.w(f"\n\t  {_OPT_NAMES.get(t, 'unknown')} option ({t}), length {ln << 3} ({ln}): ")
        if t in (1, 2):
            p.w(":".join(f"{c:02x}" for c in p.b(cp + 2, (ln << 3) - 2)))
        elif t == 3:
            plen, fl = p.u8(cp + 2), p.u8(cp + 3)
            p.w(f"{ip6(p.b(cp + 16, 16))}/{plen}{'badlen' if ln != 4 else ''}, Flags "
                f"[{bittok(_PI_FLAGS, 'none', fl)}], valid time {_lifetime(p.u32(cp + 4))}")
            p.w(f", pref. time {_lifetime(p.u32(cp + 8))}")
        elif t == 4:  # (tcpdump dumps from the first option, not this one)
            print_unknown_data(p, bp, "\n\t    ", ln << 3)
        elif t == 5:
            p.w(f" {p.u32(cp + 4)}{'bad option length' if ln != 1 else ''}")
        elif t == 25:
            p.w(f" lifetime {p.u32(cp + 4)}s,")
            for i in range((ln - 1) // 2):
                p.w(f" addr: {ip6(p.b(cp + 8 + 16 * i, 16))}")
        elif t == 31:
            p.w(f" lifetime {p.u32(cp + 4)}s, domain(s):")
            dom = cp + 8
            end = cp + (ln << 3)
            for _ in range(256):
                if not (dom < end and p.u8(dom) != 0):
                    break
                p.w(" ")
                nxt = fqdn_print(p, dom, bp)
                if nxt is None or nxt <= dom:
                    return False
                dom = nxt
        elif t == 7:
            p.w(f" {p.u32(cp + 4)}ms")
        elif t == 8:
            p.w(f" preference {p.u16(cp + 4)}, lifetime {p.u16(cp + 6)}")
        elif t == 24:
            p.need(cp + 4, 4)
            if ln == 1:
                pfx = bytes(16)
            elif ln == 2:
                pfx = p.b(cp + 8, 8) + bytes(8)
            elif ln == 3:
                pfx = p.b(cp + 8, 16)
            else:
                return False
            p.w(f" {ip6(pfx)}/{p.u8(cp + 2)}")
            p.w(f", pref={_RTPREF[(p.u8(cp + 3) >> 3) & 3]}")
            p.w(f", lifetime={_lifetime(p.u32(cp + 4))}")
        else:
            if v <= 1:
                print_unknown_data(p, cp + 2, "\n\t  ", (ln << 3) - 2)
                return True
        if v > 1:
            print_unknown_data(p, cp + 2, "\n\t    ", (ln << 3) - 2)
        cp += ln << 3
        resid -= ln << 3
    return True


def _mldv2_report(p: Pkt, bp: int, ln: int) -> None:
    if ln < 8:
        p.w(f" [invalid len {ln}]")
        return
    group_records(p, bp, ln, 16, "v2-report")


def _mldv2_query(p: Pkt, bp: int, ln: int) -> None:
    if ln < 28:
        p.w(f" [invalid len {ln}]")
        return
    mrc = p.u16(bp + 4)
    mrt = mrc if mrc < 32768 else ((mrc & 0x0FFF) | 0x1000) << (((mrc & 0x7000) >> 12) + 3)
    if p.o.v:
        p.w(f" [max resp delay={mrt}]")
    p.w(f" [gaddr {ip6(p.b(bp + 8, 16))}")
    if p.o.v:
        f = p.u8(bp + 24)
        if f & 0x08:
            p.w(" sflag")
        if f & 0x07:
            p.w(f" robustness={f & 7}")
        q = p.u8(bp + 25)
        qqi = q if q < 128 else ((q & 0x0F) | 0x10) << (((q & 0x70) >> 4) + 3)
        p.w(f" qqi={qqi}")
    nsrcs = p.u16(bp + 26)
    if nsrcs > 0:
        if ln < 28 + nsrcs * 16:
            p.w(" [invalid number of sources]")
        elif p.o.v > 1:
            p.w(" {")
            for i in range(nsrcs):
                p.w(" " + ip6(p.b(bp + 28 + i * 16, 16)))
            p.w(" }")
        else:
            p.w(f", {nsrcs} source(s)")
    p.w("]")


def _nodeaddr_flags(i: int, reply: bool) -> str:
    s = ("a" if i & 0x40 else "") + ("G" if i & 0x20 else "") + ("S" if i & 0x10 else "") + \
        ("L" if i & 0x08 else "") + ("C" if i & 0x04 else "") + ("A" if i & 0x02 else "")
    if reply:
        s += "T" if i & 0x01 else ""
    return f" [{s}]"


def _dnsname(p: Pkt, cp: int, ep: int) -> None:
    p.w(', "')
    for _ in range(ep - cp + 1):
        if cp >= ep:
            break
        i = p.u8(cp)
        cp += 1
        if i:
            if i > ep - cp:
                p.w("???")
                break
            while i and cp < ep:
                p.w(fn_char(p.u8(cp)))
                cp += 1
                i -= 1
            if cp + 1 < ep and p.u8(cp):
                p.w(".")
        else:
            if cp == ep:
                p.w(".")
            elif not (cp + 1 == ep and p.d[cp] == 0):
                p.w("???")
            break
    p.w('"')


def _ni_name(p: Pkt, cp: int, ep: int) -> None:
    """A node-information DNS name: the old draft's one counted string, or a
    name in DNS form."""
    if p.u8(cp) == ep - cp - 1:
        if p.o.v:
            p.w(", 03 draft")
        p.w(', "' + "".join(fn_char(c) for c in p.d[cp + 1:ep]) + '"')
    else:
        _dnsname(p, cp, ep)


def _nodeinfo(p: Pkt, bp: int, icmp6len: int) -> None:
    ep = p.end
    if ep < bp:
        return
    siz = ep - bp
    t = p.u8(bp)
    v = p.o.v
    if t == 139:
        if siz == 8 + 4:
            p.w(" who-are-you request")
            return
        p.w(" node information query")
        if not p.test(bp, 16):
            p.trunc()
            return
        qtype, flags = p.u16(bp + 4), p.u16(bp + 6)
        p.w(" (")
        if qtype == 0:
            p.w("noop")
        elif qtype == 1:
            p.w("supported qtypes")
            if flags:
                p.w(f" [{'C' if flags & 1 else ''}]")
        elif qtype == 2:
            p.w("DNS name")
        elif qtype == 3:
            p.w("node addresses")
            if flags:
                p.w(_nodeaddr_flags(flags, False))
        else:
            p.w("unknown")
        if qtype in (0, 1):
            if siz != 16 and v:
                p.w(", invalid len")
            p.w(")")
            return
        if siz == 16:
            p.w(", 03 draft)")
            return
        cp = bp + 16
        code = p.u8(bp + 1)
        if code in (0, 2):
            size = 32 if code == 0 else 20
            if p.test(bp, size):
                if siz != size:
                    if v:
                        p.w(", invalid subject len")
                else:
                    p.w(f", subject={ip6(p.b(cp, 16)) if code == 0 else ip4(p.b(cp, 4))}")
        elif code == 1:
            p.w(", subject=DNS name")
            _ni_name(p, cp, ep)
        else:
            p.w(", unknown subject")
        p.w(")")
    elif t == 140:
        if icmp6len > siz:
            p.trunc()
            return
        need = False
        if not p.test(bp, 16):
            p.trunc()
            return
        p.w(" node information reply (")
        code = p.u8(bp + 1)
        if code == 0:
            if v:
                p.w("success")
                need = True
        elif code in (1, 2):
            p.w("refused" if code == 1 else "unknown")
            need = True
            if siz != 16 and v:
                p.w(", invalid length")
        if code != 0:
            p.w(")")
            return
        qtype, flags = p.u16(bp + 4), p.u16(bp + 6)
        sep = ", " if need else ""
        if qtype == 0:
            p.w(sep + "noop")
            if siz != 16 and v:
                p.w(", invalid length")
        elif qtype == 1:
            p.w(sep + "supported qtypes")
            if flags:
                p.w(f" [{'C' if flags & 1 else ''}]")
        elif qtype == 2:
            p.w(sep + "DNS name")
            cp = bp + 16 + 4
            _ni_name(p, cp, ep)
            if flags & 1:
                p.w(f" [TTL={p.u32(bp + 16)}]")
        elif qtype == 3:
            p.w(sep + "node addresses")
            i = 16
            while i < siz and i + 20 <= siz:
                p.w(f" {ip6(p.b(bp + i + 4, 16))}({p.u32(bp + i)})")
                i += 20
            if flags:
                p.w(_nodeaddr_flags(flags, True))
        else:
            p.w(sep + "unknown")
        p.w(")")


def _rrenum(p: Pkt, bp: int) -> None:
    v = p.o.v
    p.need(bp + 12, 4)
    code = p.u8(bp + 1)
    p.w({0: ", command", 1: ", result", 255: ", sequence number reset"}.get(
        code, f", code-#{code}"))
    p.w(f", seq={p.u32(bp + 4)}")
    if v:
        fl = p.u8(bp + 9)
        p.w("[")
        if fl:
            p.w("".join(c for b, c in ((0x80, "T"), (0x40, "R"), (0x20, "A"), (0x10, "S"),
                                       (0x08, "P")) if fl & b) + ",")
        p.w(f"seg={p.u8(bp + 8)},maxdelay={p.u16(bp + 10)}")
        if p.u32(bp + 12):
            p.w(f"rsvd=0x{p.u32(bp + 12):x}")
        p.w("]")
    if code != 0:
        return
    m = bp + 16
    p.need(m + 8, 16)
    p.w("\n\t" if v > 1 else " ")
    p.w("match(")
    mc = p.u8(m)
    p.w({1: "add", 2: "change", 3: "setglobal"}.get(mc, f"#{mc}"))
    if v:
        p.w(f",ord={p.u8(m + 2)},min={p.u8(m + 4)},max={p.u8(m + 5)}")
    p.w(f",{ip6(p.b(m + 8, 16))}/{p.u8(m + 3)})")
    n = p.u8(m + 1) - 3
    if n % 4:
        p.trunc()
        return
    u = m + 24
    for _ in range(max(0, n // 4)):
        p.need(u + 16, 16)
        p.w("\n\t" if v > 1 else " ")
        p.w("use(")
        uf = p.u8(u + 12)
        if uf:
            p.w(("V" if uf & 0x80 else "") + ("P" if uf & 0x40 else "") + ",")
        if v:
            p.w(f"mask=0x{p.u8(u + 2):x},raflags=0x{p.u8(u + 3):x},")
            vl, pl = p.u32(u + 4), p.u32(u + 8)
            p.w("vltime=infty," if vl == 0xFFFFFFFF else f"vltime={vl},")
            p.w("pltime=infty," if pl == 0xFFFFFFFF else f"pltime={pl},")
        p.w(f"{ip6(p.b(u + 16, 16))}/{p.u8(u)}/{p.u8(u + 1)})")
        u += 32


def _rpl_opts(p: Pkt, opt: int, length: int) -> None:
    """tcpdump's rpl_printopts; each pass consumes at least one byte."""
    names = {1: "padN", 2: "metrics", 3: "routinginfo", 4: "config", 5: "rpltarget",
             6: "transitinfo", 8: "destprefix", 9: "rpltargetdesc"}
    for _ in range(max(0, length)):
        if length <= 0:
            break
        t = p.u8(opt)
        if t == 0:
            optlen = 1
            p.w(" opt:pad1")
        else:
            if length < 2:
                raise Trunc(local=True)
            optlen = p.u8(opt + 1) + 2
            p.w(f" opt:{names.get(t, f'subopt:{t}')} len:{optlen} ")
            p.need(opt, optlen)
            if length < optlen:
                raise Trunc(local=True)
            if p.o.v > 2:
                p.w(hex_only(p.d[opt + 2:opt + optlen], " "))
        opt += optlen
        length -= optlen


def _rpl(p: Pkt, off: int, length: int) -> None:
    code = p.u8(off + 1)
    if code & 0x80:
        p.w(", (SEC) [worktodo]")
        return
    p.w(", (CLR)")
    base = code & 0x7F
    bp = off + 4
    if base == 0:
        p.w("DODAG Information Solicitation")
    elif base == 1:
        p.w("DODAG Information Object")
        if p.o.v:
            p.need(bp, 24)
            mop = p.u8(bp + 4)
            mops = {0: "nonstoring", 1: "storing", 2: "nonstoring-multicast",
                    3: "storing-multicast"}
            p.w(f" [dagid:{ip6(p.b(bp + 8, 16))},seq:{p.u8(bp + 5)},instance:{p.u8(bp)},"
                f"rank:{p.u16(bp + 2)},{'grounded,' if mop & 0x80 else ''}"
                f"mop:{mops.get((mop >> 3) & 7, f'mop{(mop >> 3) & 7}')},prf:{mop & 7}]")
            if p.o.v > 1:
                _rpl_opts(p, bp + 24, length - 24)
    elif base == 2:
        p.w("Destination Advertisement Object")
        if p.o.v:
            p.need(bp, 4)
            if length < 4:
                p.w(" [|length too short]")
                return
            flags = p.u8(bp + 1)
            dag = "<elided>"
            o2, ln2 = bp + 4, length - 4
            if flags & 0x40:
                if not p.test(o2, 16):
                    p.w(" [|truncated]")
                    return
                if ln2 < 16:
                    p.w(" [|length too short]")
                    return
                dag = ip6(p.b(o2, 16))
                o2 += 16
                ln2 -= 16
            p.w(f" [dagid:{dag},seq:{p.u8(bp + 3)},instance:{p.u8(bp)}"
                f"{',acK' if flags & 0x80 else ''}{',Dagid' if flags & 0x40 else ''},{flags:02x}]")
            if p.o.v > 1:
                _rpl_opts(p, o2, ln2)
    elif base == 3:
        p.w("Destination Advertisement Object Ack")
        if p.o.v:
            p.need(bp, 4)
            flags = p.u8(bp + 1)
            dag = "<elided>"
            o2, ln2 = bp + 4, length - 4
            if flags & 0x80:
                dag = ip6(p.b(o2, 16))
                o2 += 16
                ln2 -= 16
            p.w(f" [dagid:{dag},seq:{p.u8(bp + 2)},instance:{p.u8(bp)},status:{p.u8(bp + 3)}]")
            if p.o.v > 1:
                _rpl_opts(p, o2, ln2)
    else:
        p.w(f"RPL message, unknown code {code}")


def _mld6(p: Pkt, off: int) -> None:
    """tcpdump's mld6_print: nothing at all when the message is cut short."""
    if p.test(off, 24):
        p.w(f"max resp delay: {p.u16(off + 4)} addr: {ip6(p.b(off + 8, 16))}")


def icmp6_print(p: Pkt, off: int, length: int, iph: int, fragmented: bool) -> None:
    p.proto = "icmp6"
    o = p.o
    if length == 0:
        p.w("ICMP6, length 0 (invalid)")
        return
    if o.v and not fragmented and p.test(off, length):
        ck = p.u16(off + 2)
        ph = ip6_pseudo(p, iph, length, 58)
        s = cksum(ph + p.d[off:off + length])
        if s:
            p.w(f"[bad icmp6 cksum 0x{ck:04x} -> 0x{shouldbe(ck, s):04x}!] ")
        else:
            p.w("[icmp6 sum ok] ")
    t = p.u8(off)
    p.w(f"ICMP6, {_TYPES.get(t, f'unknown icmp6 type ({t})')}")
    if o.v and t in (133, 134, 136, 135, 137, 145, 147):
        p.w(f", length {length}")
    code = p.u8(off + 1)
    oip = off + 8
    if t == 1:
        p.w(f", {_UNREACH.get(code, f'unknown unreach code ({code})')}")
        if code in (0, 1, 3):
            p.w(f" {ip6(p.b(oip + 24, 16))}")
        elif code == 2:
            p.w(f" {ip6(p.b(oip + 24, 16))}, source address {ip6(p.b(oip + 8, 16))}")
        elif code == 4:
            up = _upper(p, oip)
            if up is None:
                raise Trunc(local=True)
            prot, uoff = up
            dport = p.u16(uoff + 2)
            dst = ip6(p.b(oip + 24, 16))
            if prot in (6, 17):
                p.w(f", {dst} {'tcp' if prot == 6 else 'udp'} port {dport}")
            else:
                p.w(f", {dst} protocol {prot} port {dport} unreachable")
        else:
            if o.v <= 1:
                print_unknown_data(p, off, "\n\t", length)
                return
    elif t == 2:
        p.w(f", mtu {p.u32(off + 4)}")
    elif t == 3:
        p.w(f" for {ip6(p.b(oip + 24, 16))}" if code == 0
            else " (reassembly)" if code == 1 else f", unknown code ({code})")
    elif t == 4:
        p.need(oip + 24, 16)
        words = {0: "erroneous", 1: "next header", 2: "option",
                 3: "incomplete header chain"}
        if code in words:
            p.w(f", {words[code]} - octet {p.u32(off + 4)}")
        else:
            p.w(f", code-#{code}")
    elif t in (128, 129):
        p.w(f", id {p.u16(off + 4)}, seq {p.u16(off + 6)}")
    elif t == 130:
        if length == 24:
            _mld6(p, off)
        elif length >= 28:
            p.w(" v2")
            _mldv2_query(p, off, length)
        else:
            p.w(f" unknown-version (len {length}) ")
    elif t in (131, 132):
        _mld6(p, off)
    elif t == 133:
        if o.v and not _opt_print(p, off + 8, length - 8):
            raise Trunc(local=True)
    elif t == 134:
        if o.v:
            fl = p.u8(off + 5)
            p.w(f"\n\thop limit {p.u8(off + 4)}, Flags [{bittok(_RA_FLAGS, 'none', fl)}], pref "
                f"{_RTPREF[(fl >> 3) & 3]}, router lifetime {p.u16(off + 6)}s, reachable time "
                f"{p.u32(off + 8)}ms, retrans timer {p.u32(off + 12)}ms")
            if not _opt_print(p, off + 16, length - 16):
                raise Trunc(local=True)
    elif t == 135:
        p.w(f", who has {ip6(p.b(off + 8, 16))}")
        if o.v and not _opt_print(p, off + 24, length - 24):
            raise Trunc(local=True)
    elif t == 136:
        p.w(f", tgt is {ip6(p.b(off + 8, 16))}")
        if o.v:
            p.w(f", Flags [{bittok(_NA_FLAGS, 'none', p.u32(off + 4))}]")
            if not _opt_print(p, off + 24, length - 24):
                raise Trunc(local=True)
    elif t == 137:
        p.w(f", {ip6(p.b(off + 24, 16))}")
        p.w(f" to {ip6(p.b(off + 8, 16))}")
        if o.v and not _opt_print(p, off + 40, length - 40):
            raise Trunc(local=True)
    elif t == 138:
        try:
            _rrenum(p, off)
        except Trunc as e:  # its "goto trunc" marks the cut and printing goes on
            if not e.local:
                raise
            p.trunc()
    elif t in (139, 140):
        _nodeinfo(p, off, length)
    elif t in (141, 142):
        pass
    elif t == 143:
        _mldv2_report(p, off, length)
    elif t in (146, 144):
        p.w(f", id 0x{p.u16(off + 4):04x}")
    elif t == 145:
        if o.v:
            p.w(f", id 0x{p.u16(off + 4):04x}")
            a = off + 8
            for _ in range(max(0, (length - 8 + 15) // 16)):
                p.w(f", {ip6(p.b(a, 16))}")
                a += 16
    elif t == 147:
        if o.v:
            p.w(f", id 0x{p.u16(off + 4):04x}")
            f = p.u16(off + 6)
            if f & 0xC000:
                p.w(" ")
            if f & 0x8000:
                p.w("M")
            if f & 0x4000:
                p.w("O")
            if not _opt_print(p, off + 8, length - 8):
                raise Trunc(local=True)
    elif t == 155:
        _rpl(p, off, length - 4)
    else:
        p.w(f", length {length}")
        if o.v <= 1:
            print_unknown_data(p, off, "\n\t", length)
        return
    if not o.v:
        p.w(f", length {length}")


def _upper(p: Pkt, bp: int) -> tuple[int, int] | None:
    if not p.test(bp + 6, 1):
        return None
    nh = p.d[bp + 6]
    hlen = 40
    for _ in range(64):
        if bp >= p.end:
            return None
        bp += hlen
        if nh in (6, 17):
            return (nh, bp) if p.test(bp + 2, 2) else None
        if nh in (0, 60, 43):
            if not p.test(bp + 1, 1):
                return None
            nh, hlen = p.d[bp], (p.d[bp + 1] + 1) << 3
        elif nh == 44:
            if not p.test(bp + 2, 2):
                return None
            if (struct.unpack_from("!H", p.d, bp + 2)[0] & 0xFFF8) != 0:
                return None
            nh, hlen = p.d[bp], 8
        elif nh == 51:
            if not p.test(bp + 1, 1):
                return None
            nh, hlen = p.d[bp], (p.d[bp + 1] + 2) << 2
        else:
            return None
    return None
