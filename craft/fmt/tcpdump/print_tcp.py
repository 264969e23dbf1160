"""TCP (options, relative sequence numbers, checksums) and the applications
it carries by port, as tcpdump's print-tcp.c prints them."""

from __future__ import annotations

import struct

from craft.fmt.tcpdump.addrtoname import ip4, ip6
from craft.fmt.tcpdump.dispatch import tcp_app
from craft.fmt.tcpdump.in_cksum import cksum, ip4_pseudo, ip6_pseudo, shouldbe
from craft.fmt.tcpdump.netdissect import Pkt, Trunc, fields
from craft.fmt.tcpdump.util_print import fn_char, ports_print

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
        passes = hlen  # each consumes at least one byte (not range(hlen): see setup.py)
        for _ in range(passes):
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
                why = ("snaplen too short" if sig_end > p.end
                       else "shared secret not supplied with -M")
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


def tcp_seq_relative(table: dict[tuple[bytes, bytes, int, int], list[int]], sa: bytes,
                     da: bytes, sport: int, dport: int, seq: int, ack: int,
                     flags: int) -> tuple[bool, int, int, int, int]:
    """tcpdump's tcp_seq_hash for a segment with ACK set: the conversation's
    first numbers are remembered (a SYN starts them again), later segments
    get numbers relative to them. Returns (reversed, seq, ack, first seq,
    first ack); the table is the only state printing a TCP header changes
    (the parallel reader replays it, craft.fmt.tcpdump.print_)."""
    rev = sport > dport or (sport == dport and sa > da)
    key = (da, sa, dport, sport) if rev else (sa, da, sport, dport)
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
    return rev, seq, ack, th[0], th[1]


def tcp_print(p: Pkt, off: int, length: int, iph: int, fragmented: bool) -> None:
    p.proto = "tcp"
    o = p.o
    sport, dport, is6 = ports_print(p, off, iph, 6)
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
        rev, seq, ack, thseq, thack = tcp_seq_relative(
            p.st.tcp_seq, sa, da, sport, dport, seq, ack, flags)
    if hlen > length:
        p.w(f" [bad hdr length {hlen} - too long, > {length}]")
        return
    if o.v and not fragmented:
        if p.test(off, length):
            seg = p.d[off:off + length]
            if is6:
                ph = ip6_pseudo(p, iph, length, 6)
            else:
                ph = ip4_pseudo(p, iph, 6, length)
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
    app = tcp_app(sport, dport)
    if app is not None:
        p.iph = iph
        app(p, bp, length)


def _rst_data(p: Pkt, bp: int, length: int) -> None:
    p.w(" [RST" if p.test(bp, length) else " [!RST")
    if length > 30:
        length = 30
        p.w("+")
    p.w(" ")
    data = p.d[bp:min(bp + length, p.end)]
    p.w("".join(fn_char(c) for c in data))
    p.w("]")
