"""tcpdump 4.99's TCP (flags, relative sequence numbers, options, MPTCP,
Fast Open) and UDP printers, with the port-based dispatch to the
application printers (private to craft.fmt.tcpdump)."""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import Any

from craft.fmt.tcpdump_apps import (
    SIP_CMDS,
    TCP_TEXT,
    krb_print,
    ntp_print,
    resp_print,
    rip_print,
    ripng_print,
    ssh_print,
    syslog_print,
    tftp_print,
    txtproto,
)
from craft.fmt.tcpdump_base import (
    Pkt,
    Trunc,
    cksum,
    fields,
    fn_char,
    ip4,
    ip6,
    ip6_pseudo,
    shouldbe,
)
from craft.fmt.tcpdump_bfd import PORTS as BFD_PORTS
from craft.fmt.tcpdump_bfd import bfd_print
from craft.fmt.tcpdump_bgp import bgp_print
from craft.fmt.tcpdump_bootp import bootp_print
from craft.fmt.tcpdump_dhcp6 import dhcp6_print
from craft.fmt.tcpdump_dns import domain_print
from craft.fmt.tcpdump_fhrp import hsrp_print
from craft.fmt.tcpdump_pim import cisco_autorp_print
from craft.fmt.tcpdump_snmp import snmp_print
from craft.fmt.tcpdump_telnet import telnet_print
from craft.fmt.tcpdump_tunnel import (
    bcm_li_print,
    geneve_print,
    otv_print,
    vxlan_gpe_print,
    vxlan_print,
)

_TCP_FLAGS = ((0x01, "F"), (0x02, "S"), (0x04, "R"), (0x08, "P"), (0x10, "."), (0x20, "U"),
              (0x40, "E"), (0x80, "W"), (0x100, "e"))


_TCPOPT = {0: "eol", 1: "nop", 2: "mss", 3: "wscale", 4: "sackOK", 5: "sack", 6: "echo",
           7: "echoreply", 8: "TS", 11: "cc", 12: "ccnew", 13: "", 19: "md5", 20: "scps",
           28: "uto", 29: "tcp-ao", 30: "mptcp", 34: "tfo", 254: "exp"}


_FLAG_WORDS = tuple(f"Flags [{''.join(w for b, w in _TCP_FLAGS if f & b) or 'none'}]"
                    for f in range(512))


class _BadOpt(Exception):
    pass


class _OptCut(Exception):
    """tcpdump's LENCHECK found the option's bytes not captured."""


def _lencheck(hlen: int, n: int, p: Pkt | None = None, cp: int = 0) -> None:
    """tcpdump's LENCHECK: the option claims more than the header holds
    ([bad opt]), or its bytes were not captured ([|tcp])."""
    if n > hlen:
        raise _BadOpt
    if p is not None and not p.test(cp, n):
        raise _OptCut


_MPTCP = ("capable", "join", "dss", "add-addr", "rem-addr", "prio", "fail", "fast-close",
          "unknown")


def _mptcp(p: Pkt, op: int, ln: int, flags: int) -> bool:
    """Multipath TCP option (RFC 8684) as tcpdump 4.99 prints it; False for
    a malformed one ([bad opt])."""
    if ln < 3:
        return False
    sub = min(p.u8(op + 2) >> 4, 8)
    p.w(f" {ln} {_MPTCP[sub]}")
    syn, ack = flags & 0x02, flags & 0x10
    if sub == 0:
        if not ((ln in (12, 4) and syn) or (ln in (20, 22) and ack and not syn)):
            return False
        version = p.u8(op + 2) & 0xF
        if version > 1:
            p.w(f" Unknown Version ({version})")
            return True
        p.w(f" v{version}")
        if p.u8(op + 3) & 0x80:
            p.w(" csum")
        if ln == 12 or ln >= 20:
            p.w(f" {{0x{int.from_bytes(p.b(op + 4, 8), 'big'):x}")
            if ln >= 20:
                p.w(f",0x{int.from_bytes(p.b(op + 12, 8), 'big'):x}")
            p.w("}")
        return True
    if sub == 1:
        if not ((ln == 12 and syn) or (ln == 16 and syn and ack) or (ln == 24 and ack)):
            return False
        if ln != 24:
            if p.u8(op + 2) & 1:
                p.w(" backup")
            p.w(f" id {p.u8(op + 3)}")
        if ln == 12:
            p.w(f" token 0x{p.u32(op + 4):x} nonce 0x{p.u32(op + 8):x}")
        elif ln == 16:
            p.w(f" hmac 0x{int.from_bytes(p.b(op + 4, 8), 'big'):x} nonce 0x{p.u32(op + 12):x}")
        else:
            p.w(" hmac 0x" + p.b(op + 4, 20).hex())
        return True
    if sub == 2:
        if ln < 4 or syn:
            return False
        f = p.u8(op + 3)
        if f & 0x10:
            p.w(" fin")
        o, n = op + 4, ln - 4
        if f & 0x01:
            p.w(" ack ")
            size = 8 if f & 0x02 else 4
            if n < size:
                return False
            p.w(f"{int.from_bytes(p.b(o, size), 'big')}")
            o, n = o + size, n - size
        if f & 0x04:
            p.w(" seq ")
            size = 8 if f & 0x08 else 4
            if n < size:
                return False
            p.w(f"{int.from_bytes(p.b(o, size), 'big')}")
            o, n = o + size, n - size
            if n < 4:
                return False
            p.w(f" subseq {p.u32(o)}")
            o, n = o + 4, n - 4
            if n < 2:
                return False
            p.w(f" len {p.u16(o)}")
            o, n = o + 2, n - 2
            if n >= 2:
                p.w(f" csum 0x{p.u16(o):x}")
                n -= 2
        return n == 0
    if sub == 3:
        ipver = p.u8(op + 2) & 0xF
        if not ((ln in (8, 10) and ipver == 4) or (ln in (20, 22) and ipver == 6)):
            return False
        p.w(f" id {p.u8(op + 3)}")
        if ipver == 4:
            p.w(f" {ip4(p.b(op + 4, 4))}")
            if ln == 10:
                p.w(f":{p.u16(op + 8)}")
        else:
            p.w(f" {ip6(p.b(op + 4, 16))}")
            if ln == 22:
                p.w(f":{p.u16(op + 20)}")
        return True
    if sub == 4:
        if ln < 4:
            return False
        p.w(" id" + "".join(f" {c}" for c in p.b(op + 3, ln - 3)))
        return True
    if sub == 5:
        if ln not in (3, 4):
            return False
        p.w(" backup" if p.u8(op + 2) & 1 else " non-backup")
        if ln == 4:
            p.w(f" id {p.u8(op + 3)}")
        return True
    if sub in (6, 7):
        if ln != 12:
            return False
        value = int.from_bytes(p.b(op + 4, 8), "big")
        p.w(f" seq {value}" if sub == 6 else f" key 0x{value:x}")
        return True
    return True


def _tfo(p: Pkt, cp: int, datalen: int, exp: bool) -> None:
    if exp:
        p.w("tfo")
    if datalen == 0:
        p.w(" cookiereq")
    elif datalen % 2 != 0 or datalen < 4 or datalen > 16:
        p.w(" (invalid)")
    else:
        p.w(" cookie " + p.b(cp, datalen).hex())


_FAST_OPTS = {0: 1, 1: 1, 2: 4, 3: 3, 4: 2, 8: 10}  # kind -> its only valid length


def _tcp_options_fast(p: Pkt, cp: int, hlen: int) -> str | None:
    """The common options (eol, nop, mss, wscale, sackOK, TS), all well formed
    and captured, in one pass; None sends the list to the careful walker."""
    d = p.d
    end = cp + hlen
    if end > p.end:
        return None
    parts = []
    while cp < end:
        kind = d[cp]
        n = _FAST_OPTS.get(kind)
        if n is None or cp + n > end:
            return None
        if n > 1 and d[cp + 1] != n:
            return None
        if kind == 1:
            parts.append("nop")
        elif kind == 8:
            parts.append(f"TS val {_U32(d, cp + 2)[0]} ecr {_U32(d, cp + 6)[0]}")
        elif kind == 2:
            parts.append(f"mss {_U16(d, cp + 2)[0]}")
        elif kind == 3:
            parts.append(f"wscale {d[cp + 2]}")
        elif kind == 4:
            parts.append("sackOK")
        else:
            parts.append("eol")
            break
        cp += n
    return ", options [" + ",".join(parts) + "]"


_U16 = struct.Struct("!H").unpack_from


_U32 = struct.Struct("!I").unpack_from


def _tcp_options(p: Pkt, cp: int, hlen: int, rev: bool, thseq: int, thack: int,
                 flags: int = 0, sig_end: int = 0) -> None:
    fast = _tcp_options_fast(p, cp, hlen)
    if fast is not None:
        p.w(fast)
        return
    p.w(", options [")
    ch = ""
    try:
        for _ in range(hlen):  # each pass consumes at least one byte
            if hlen <= 0:
                break
            p.w(ch)
            opt = p.u8(cp)
            cp += 1
            if opt in (0, 1):
                ln = 1
            else:
                ln = p.u8(cp)
                cp += 1
                if ln < 2 or ln > hlen:
                    raise _BadOpt
                hlen -= 1
            hlen -= 1
            datalen = 0

            p.w(_TCPOPT.get(opt, f"unknown-{opt}"))
            if opt == 2:
                datalen = 2
                _lencheck(hlen, p=p, cp=cp, n=2)
                p.w(f" {p.u16(cp)}")
            elif opt == 3:
                datalen = 1
                _lencheck(hlen, p=p, cp=cp, n=1)
                p.w(f" {p.u8(cp)}")
            elif opt == 5:
                datalen = ln - 2
                if datalen % 8 != 0:
                    p.w(" invalid sack")
                else:
                    p.w(f" {datalen // 8} ")
                    for i in range(0, datalen, 8):
                        _lencheck(hlen, p=p, cp=cp, n=i + 4)
                        s = p.u32(cp + i)
                        _lencheck(hlen, p=p, cp=cp, n=i + 8)
                        e = p.u32(cp + i + 4)
                        base = thseq if rev else thack
                        p.w(f"{{{(s - base) & 0xFFFFFFFF}:{(e - base) & 0xFFFFFFFF}}}")
            elif opt in (6, 7, 11, 12, 13):
                datalen = 4
                _lencheck(hlen, p=p, cp=cp, n=4)
                p.w(f" {p.u32(cp)}")
            elif opt == 8:
                datalen = 8
                _lencheck(hlen, p=p, cp=cp, n=8)
                p.w(f" val {p.u32(cp)} ecr {p.u32(cp + 4)}")
            elif opt == 19:
                datalen = 16
                _lencheck(hlen, p=p, cp=cp, n=16)
                # (as tcpdump built with libcrypto, when no -M secret is given;
                # it cannot check a segment that was not captured to its end)
                why = "snaplen too short" if sig_end > p.end else "shared secret not supplied with -M"
                p.w(f" {why}, can't check - " + p.b(cp, 16).hex())
            elif opt == 20:
                datalen = 2
                _lencheck(hlen, p=p, cp=cp, n=2)
                p.w(f" cap {p.u8(cp):02x} id {p.u8(cp + 1)}")
            elif opt == 29:
                datalen = ln - 2
                if datalen < 2:
                    p.w(" (invalid)")
                else:
                    _lencheck(hlen, p=p, cp=cp, n=1)
                    p.w(f" keyid {p.u8(cp)}")
                    _lencheck(hlen, p=p, cp=cp, n=2)
                    p.w(f" rnextkeyid {p.u8(cp + 1)}")
                    if datalen > 2:
                        p.w(" mac 0x")
                        for i in range(2, datalen):
                            _lencheck(hlen, p=p, cp=cp, n=i + 1)
                            p.w(f"{p.u8(cp + i):02x}")
            elif opt in (0, 1, 4):
                pass
            elif opt == 28:
                datalen = 2
                _lencheck(hlen, p=p, cp=cp, n=2)
                uto = p.u16(cp)
                p.w(f" 0x{uto:x}")
                uto = (uto >> 1) * 60 if uto & 1 else uto >> 1
                p.w(f" {uto}")
            elif opt == 30:
                datalen = ln - 2
                _lencheck(hlen, p=p, cp=cp, n=datalen)
                if not _mptcp(p, cp - 2, ln, flags):
                    raise _BadOpt
            elif opt == 34:
                datalen = ln - 2
                _lencheck(hlen, p=p, cp=cp, n=datalen)
                p.w(" ")
                _tfo(p, cp, datalen, False)
            elif opt == 254:
                datalen = ln - 2
                _lencheck(hlen, p=p, cp=cp, n=datalen)
                if datalen < 2:
                    raise _BadOpt
                magic = p.u16(cp)
                p.w("-")
                if magic == 0xF989:
                    _tfo(p, cp + 2, datalen - 2, True)
                else:
                    p.w(f"{magic:04x}")
            else:
                datalen = ln - 2
                if datalen:
                    p.w(" 0x")
                for i in range(datalen):
                    _lencheck(hlen, p=p, cp=cp, n=i + 1)
                    p.w(f"{p.u8(cp + i):02x}")
            cp += datalen
            hlen -= datalen
            datalen += 1
            if opt not in (0, 1):
                datalen += 1
            if datalen != ln:
                p.w(f"[len {ln}]")
            ch = ","
            if opt == 0:
                break
        p.w("]")
    except _BadOpt:
        p.w("[bad opt]")
        if ch:
            p.w("]")
        raise _StopTcp from None
    except _OptCut:
        # tcpdump 4.99.3's "trunc:" label still closes the old "<...>" style
        p.w(" [|tcp]")
        if ch:
            p.w(">")
        raise _StopTcp from None


class _StopTcp(Exception):
    pass


def _addr_pair(p: Pkt, iph: int) -> tuple[str, str, int, bool]:
    """(src, dst, next header of the IP header, is IPv6) of the IP header at iph."""
    if p.d[iph] >> 4 == 6:
        return ip6(p.d[iph + 8:iph + 24]), ip6(p.d[iph + 24:iph + 40]), p.d[iph + 6], True
    return ip4(p.d[iph + 12:iph + 16]), ip4(p.d[iph + 16:iph + 20]), p.d[iph + 9], False


def tcp_print(p: Pkt, off: int, length: int, iph: int, fragmented: bool) -> None:
    p.proto = "tcp"
    o = p.o
    src, dst, ipnh, is6 = _addr_pair(p, iph)
    if not p.test(off + 2, 2):
        p.w(f"{src} > {dst}:")
        raise Trunc(local=True)
    sport, dport = p.u16(off), p.u16(off + 2)
    if ipnh == 6:
        p.w(f"{src}.{sport} > {dst}.{dport}: ")
    else:
        p.w(f"{sport} > {dport}: ")
    h = fields("tcp", p, off, local=True)
    hlen = h["dataofs"] * 4
    if hlen < 20:
        p.w(f" tcp {(length - hlen) & 0xFFFFFFFF} [bad hdr length {hlen} - too short, < 20]")
        return
    seq, ack, win, urp = h["seq"], h["ack"], h["window"], h["urgptr"]
    if o.q:
        p.w(f"tcp {(length - hlen) & 0xFFFFFFFF}")
        if hlen > length:
            p.w(f" [bad hdr length {hlen} - too long, > {length}]")
        return
    flags = h["flags"]  # 4.99.3 knows the 8 flag bits only (not AE)
    p.w(_FLAG_WORDS[flags])
    rev = False
    thseq = thack = 0
    if flags & 0x10 and not o.S:  # relative numbers, unless -S
        sa, da = (p.d[iph + 8:iph + 24], p.d[iph + 24:iph + 40]) if is6 else \
            (p.d[iph + 12:iph + 16], p.d[iph + 16:iph + 20])
        if sport > dport or (sport == dport and sa > da):
            rev = True
        key = (da, sa, dport, sport) if rev else (sa, da, sport, dport)
        table = p.st.tcp_seq
        th = table.get(key)
        if th is None or flags & 0x02:
            th = [ack - 1, seq] if rev else [seq, ack - 1]  # [seq, ack]
            table[key] = th
            if len(table) > 65536:
                table.pop(next(iter(table)))
        elif rev:
            seq, ack = (seq - th[1]) & 0xFFFFFFFF, (ack - th[0]) & 0xFFFFFFFF
        else:
            seq, ack = (seq - th[0]) & 0xFFFFFFFF, (ack - th[1]) & 0xFFFFFFFF
        thseq, thack = th
    if hlen > length:
        p.w(f" [bad hdr length {hlen} - too long, > {length}]")
        return
    if o.v and not fragmented:
        if p.test(off, length):
            seg = p.d[off:off + length]
            if is6:
                ph = ip6_pseudo(p, iph, length, 6)
            else:
                ph = _v4_pseudo(p, iph, 6, length)
            s = cksum(ph + seg)
            p.w(f", cksum 0x{h['checksum']:04x}")
            if s:
                p.w(f" (incorrect -> 0x{shouldbe(h['checksum'], s):04x})")
            else:
                p.w(" (correct)")
    length -= hlen
    if o.v > 1 or length > 0 or flags & 0x07:
        p.w(f", seq {seq}")
        if length > 0:
            p.w(f":{(seq + length) & 0xFFFFFFFF}")
    if flags & 0x10:
        p.w(f", ack {ack}")
    p.w(f", win {win}")
    if flags & 0x20:
        p.w(f", urg {urp}")
    if hlen > 20:
        try:
            _tcp_options(p, off + 20, hlen - 20, rev, thseq, thack, flags, off + hlen + length)
        except _StopTcp:
            return
    p.w(f", length {length}")
    if length <= 0:
        return
    if not p.test(off, hlen):
        p.w(f" [remaining caplen({p.avail(off)}) < header length({hlen})]")
        raise Trunc
    bp = off + hlen
    if flags & 0x04 and o.v:
        _rst_data(p, bp, length)
        return
    app = _tcp_app(sport, dport)
    if app is not None:
        p.iph = iph
        app(p, bp, length)


def _pptp(p: Pkt, bp: int, length: int) -> None:
    from craft.fmt.tcpdump_pptp import pptp_print

    pptp_print(p, bp, length)


def _openflow(p: Pkt, bp: int, length: int) -> None:
    from craft.fmt.tcpdump_openflow import openflow_print

    openflow_print(p, bp, length)


def _ldp(p: Pkt, bp: int, length: int) -> None:
    from craft.fmt.tcpdump_ldp import ldp_print

    ldp_print(p, bp, length)


def _msdp(p: Pkt, bp: int, length: int) -> None:
    from craft.fmt.tcpdump_msdp import msdp_print

    msdp_print(p, bp, length)


def _rpki_rtr(p: Pkt, bp: int, length: int) -> None:
    from craft.fmt.tcpdump_rpki import rpki_rtr_print

    rpki_rtr_print(p, bp, length)


def _text(name: str, cmds: Any) -> Callable[[Pkt, int, int], None]:
    def app(p: Pkt, bp: int, length: int) -> None:
        p.w(": ")
        txtproto(p, bp, length, name, cmds)
    return app


# tcpdump 4.99.3's chain of TCP applications: the first entry that either
# port selects wins (read off the installed tcpdump, every pair of ports).
_TCP_CHAIN: list[tuple[tuple[int, ...], Callable[[Pkt, int, int], None]]] = [
    ((23,), telnet_print),
    ((25,), _text(*TCP_TEXT[25])),
    ((43,), _text(*TCP_TEXT[43])),
    ((179,), bgp_print),
    ((1723,), _pptp),
    ((6379,), resp_print),
    ((22,), ssh_print),
    ((6633, 6653), _openflow),
    ((21,), _text(*TCP_TEXT[21])),
    ((80, 8080), _text(*TCP_TEXT[80])),
    ((554, 8554), _text(*TCP_TEXT[554])),
    ((53,), lambda p, bp, length: domain_print(p, bp, length, True, False)),
    ((639,), _msdp),
    ((323,), _rpki_rtr),
    ((646,), _ldp),
]
_TCP_BY_PORT = {port: (rank, app) for rank, (ports, app) in enumerate(_TCP_CHAIN)
                for port in reversed(ports)}
_NO_TCP_APP: tuple[int, Callable[[Pkt, int, int], None] | None] = (len(_TCP_CHAIN), None)


def _tcp_app(sport: int, dport: int) -> Callable[[Pkt, int, int], None] | None:
    a, b = _TCP_BY_PORT.get(sport, _NO_TCP_APP), _TCP_BY_PORT.get(dport, _NO_TCP_APP)
    return a[1] if a[0] <= b[0] else b[1]


def _v4_pseudo(p: Pkt, iph: int, proto: int, length: int) -> bytes:
    ihl = (p.d[iph] & 0xF) * 4
    dst = p.d[iph + 16:iph + 20]
    if ihl > 20:  # a source route: the final destination (ip_finddst)
        cp, left = iph + 20, ihl - 20
        while left > 0 and p.test(cp, 1):
            t = p.d[cp]
            if t == 0:
                break
            if t == 1:
                n = 1
            else:
                if not p.test(cp + 1, 1):
                    break
                n = p.d[cp + 1]
                if n < 2:
                    break
            if left < n or not p.test(cp, n):
                break
            if t in (131, 137) and n >= 7:
                dst = p.d[cp + n - 4:cp + n]
                break
            cp += n
            left -= n
    return p.d[iph + 12:iph + 16] + dst + struct.pack("!BBH", 0, proto, length & 0xFFFF)


def _rst_data(p: Pkt, bp: int, length: int) -> None:
    p.w(" [RST" if p.test(bp, length) else " [!RST")
    if length > 30:
        length = 30
        p.w("+")
    p.w(" ")
    data = p.d[bp:min(bp + length, p.end)]
    p.w("".join(fn_char(c) for c in data))
    p.w("]")


_RADIUS_PORTS = frozenset((1645, 1646, 1700, 1812, 1813, 3799))


def _radius(p: Pkt, bp: int, ln: int, dport: int) -> None:
    from craft.fmt.tcpdump_radius import radius_print

    radius_print(p, bp, ln)


def _l2tp(p: Pkt, bp: int, ln: int, dport: int) -> None:
    from craft.fmt.tcpdump_l2tp import l2tp_print

    l2tp_print(p, bp, ln)


def _mpls(p: Pkt, bp: int, ln: int, dport: int) -> None:
    from craft.fmt.tcpdump_mpls import mpls_print

    mpls_print(p, bp, ln)


def _isakmp(p: Pkt, bp: int, ln: int, dport: int) -> None:
    from craft.fmt.tcpdump_isakmp import isakmp_print

    isakmp_print(p, bp, ln)


def _isakmp_natt(p: Pkt, bp: int, ln: int, dport: int) -> None:
    from craft.fmt.tcpdump_isakmp import isakmp_rfc3948_print

    isakmp_rfc3948_print(p, bp, ln)


def _ptp(p: Pkt, bp: int, ln: int, dport: int) -> None:
    from craft.fmt.tcpdump_ptp import ptp_print

    ptp_print(p, bp, ln)


def _sflow(p: Pkt, bp: int, ln: int, dport: int) -> None:
    from craft.fmt.tcpdump_sflow import sflow_print

    sflow_print(p, bp, ln)


def _ldp_udp(p: Pkt, bp: int, ln: int, dport: int) -> None:
    from craft.fmt.tcpdump_ldp import ldp_print

    ldp_print(p, bp, ln)


def _lspping(p: Pkt, bp: int, ln: int, dport: int) -> None:
    from craft.fmt.tcpdump_lspping import lspping_print

    lspping_print(p, bp, ln)


def _babel(p: Pkt, bp: int, ln: int, dport: int) -> None:
    from craft.fmt.tcpdump_babel import babel_print

    babel_print(p, bp, ln)


_UdpApp = Callable[[Pkt, int, int, int], None]
_ANY, _DST, _SRC = 0, 1, 2  # which port selects the application
# tcpdump 4.99.3's chain of UDP applications: the first entry that the
# source or destination port selects wins (the order was read off the
# installed tcpdump, every pair of these ports against each other).
_UDP_CHAIN: list[tuple[frozenset[int], int, _UdpApp]] = [
    (frozenset((53,)), _ANY, lambda p, bp, ln, d: domain_print(p, bp, ln, False, False)),
    (frozenset((5353,)), _ANY, lambda p, bp, ln, d: domain_print(p, bp, ln, False, True)),
    (frozenset((69,)), _ANY, lambda p, bp, ln, d: tftp_print(p, bp, ln)),
    (frozenset((67, 68)), _ANY, lambda p, bp, ln, d: bootp_print(p, bp, ln)),
    (frozenset((520,)), _ANY, lambda p, bp, ln, d: rip_print(p, bp, ln)),
    (frozenset((500,)), _ANY, _isakmp),
    (frozenset((4500,)), _ANY, _isakmp_natt),
    (frozenset((7500, 8500)), _ANY, _isakmp),
    (frozenset((161, 162)), _ANY, lambda p, bp, ln, d: snmp_print(p, bp, ln)),
    (frozenset((123,)), _ANY, lambda p, bp, ln, d: ntp_print(p, bp, ln)),
    (frozenset((88, 750)), _ANY, lambda p, bp, ln, d: krb_print(p, bp)),
    (frozenset((1701,)), _ANY, _l2tp),
    (frozenset((521,)), _ANY, lambda p, bp, ln, d: ripng_print(p, bp, ln)),
    (frozenset((546, 547)), _ANY, lambda p, bp, ln, d: dhcp6_print(p, bp, ln)),
    (frozenset((6696, 6697)), _ANY, _babel),
    (frozenset((496,)), _ANY, lambda p, bp, ln, d: cisco_autorp_print(p, bp, ln)),
    (_RADIUS_PORTS, _ANY, _radius),
    (frozenset((1985,)), _DST, lambda p, bp, ln, d: hsrp_print(p, bp, ln)),
    (frozenset((646,)), _ANY, _ldp_udp),
    (frozenset((3503,)), _ANY, _lspping),
    (frozenset((49152,)), _SRC, lambda p, bp, ln, d: bcm_li_print(p, bp, ln)),
    (BFD_PORTS, _DST, bfd_print),
    (frozenset((6343,)), _ANY, _sflow),
    (frozenset((5060,)), _ANY, lambda p, bp, ln, d: txtproto(p, bp, ln, "sip", SIP_CMDS)),
    (frozenset((514,)), _ANY, lambda p, bp, ln, d: syslog_print(p, bp, ln)),
    (frozenset((8472,)), _ANY, lambda p, bp, ln, d: otv_print(p, bp, ln)),
    (frozenset((4789,)), _ANY, lambda p, bp, ln, d: vxlan_print(p, bp, ln)),
    (frozenset((6081,)), _ANY, lambda p, bp, ln, d: geneve_print(p, bp, ln)),
    (frozenset((4790,)), _ANY, lambda p, bp, ln, d: vxlan_gpe_print(p, bp, ln)),
    (frozenset((6635,)), _ANY, _mpls),
    (frozenset((319, 320)), _ANY, _ptp),
]
_BY_SRC: dict[int, tuple[int, _UdpApp]] = {}
_BY_DST: dict[int, tuple[int, _UdpApp]] = {}
for _rank, (_ports, _where, _app) in enumerate(_UDP_CHAIN):
    for _port in _ports:
        if _where != _DST:
            _BY_SRC.setdefault(_port, (_rank, _app))
        if _where != _SRC:
            _BY_DST.setdefault(_port, (_rank, _app))
_NO_APP: tuple[int, _UdpApp | None] = (len(_UDP_CHAIN), None)


def _udp_app(sport: int, dport: int) -> _UdpApp | None:
    """The application printer for a UDP datagram: the first entry of
    _UDP_CHAIN that its source or destination port selects."""
    a, b = _BY_SRC.get(sport, _NO_APP), _BY_DST.get(dport, _NO_APP)
    return a[1] if a[0] <= b[0] else b[1]


def _udpipaddr(p: Pkt, iph: int, sport: int, dport: int) -> None:
    src, dst, ipnh, _ = _addr_pair(p, iph)
    if ipnh == 17:
        if sport == -1:
            p.w(f"{src} > {dst}: ")
        else:
            p.w(f"{src}.{sport} > {dst}.{dport}: ")
    elif sport != -1:
        p.w(f"{sport} > {dport}: ")


def udp_print(p: Pkt, off: int, length: int, iph: int, fragmented: bool) -> None:
    p.proto = "udp"
    o = p.o
    is6 = p.d[iph] >> 4 == 6
    if not p.test(off + 2, 2):
        _udpipaddr(p, iph, -1, -1)
        raise Trunc(local=True)
    sport, dport = p.u16(off), p.u16(off + 2)
    if length < 8:
        _udpipaddr(p, iph, sport, dport)
        p.w(f"truncated-udp {length}")
        return
    if not p.test(off + 4, 2):
        _udpipaddr(p, iph, sport, dport)
        raise Trunc(local=True)
    h = fields("udp", p, off) if p.test(off, 8) else {"len": p.u16(off + 4), "checksum": None}
    ulen = h["len"]
    if ulen == 0 and length > 65535:
        ulen = length
    if ulen < 8:
        _udpipaddr(p, iph, sport, dport)
        p.w(f"truncated-udplength {ulen}")
        return
    ulen -= 8
    length -= 8
    if ulen < length:
        length = ulen
    if off + 8 > p.end:
        _udpipaddr(p, iph, sport, dport)
        raise Trunc(local=True)
    _udpipaddr(p, iph, sport, dport)
    if o.v and not fragmented:
        usum = p.u16(off + 6)
        if not is6 and o.v > 1:
            if usum == 0:
                p.w("[no cksum] ")
            elif p.test(off + 8, length):
                seg = p.d[off:off + 8 + length]
                s = cksum(_v4_pseudo(p, iph, 17, length + 8) + seg)
                if s:
                    p.w(f"[bad udp cksum 0x{usum:04x} -> 0x{shouldbe(usum, s):04x}!] ")
                else:
                    p.w("[udp sum ok] ")
        elif is6 and p.test(off + 8, length):
            seg = p.d[off:off + 8 + length]
            ph = ip6_pseudo(p, iph, length + 8, 17)
            s = cksum(ph + seg)
            if s:
                p.w(f"[bad udp cksum 0x{usum:04x} -> 0x{shouldbe(usum, s):04x}!] ")
            else:
                p.w("[udp sum ok] ")
    app = None if o.q else _udp_app(sport, dport)
    if app is not None:
        p.iph = iph
        app(p, off + 8, length, dport)
    elif ulen > length and not fragmented:
        p.w(f"UDP, bad length {ulen} > {length}")
    else:
        p.w(f"UDP, length {ulen}")
