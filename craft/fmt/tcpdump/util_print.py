"""Helpers the printers share, as tcpdump's util-print.c (and print.c's
ndo_default_print): bit and token tables to text, printable characters,
NUL-terminated strings, the hex dump of unknown data, the text-protocol
line printer (txtproto_print), durations."""

from __future__ import annotations

import math
import struct
from collections.abc import Iterable

from craft.fmt.tcpdump.addrtoname import ip4, ip6
from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.print_ascii import hex_and_ascii, hex_only


def default_print(p: Pkt, off: int, length: int, always: bool = False) -> None:
    """tcpdump's ND_DEFAULTPRINT: hex and ASCII, unless -x/-X asked for a dump
    (or -q asked for less) and the caller honours that (``always`` not set)."""
    if not always and (p.o.x or p.o.X or p.o.q):
        return
    n = min(length, p.avail(off))
    p.w(hex_and_ascii(p.d[off:off + n], "\n\t"))
    if n < length:
        raise Trunc


def printztn(p: Pkt, bp: int, n: int) -> int:
    """tcpdump's nd_printztn: a NUL-terminated string within n bytes; the
    bytes used (with the NUL), 0 when it has no end there."""
    for i in range(n):
        if bp + i >= p.end:
            return 0
        c = p.d[bp + i]
        if c == 0:
            return i + 1
        p.w(fn_char(c))
    return 0


def _fetch_token(p: Pkt, bp: int, idx: int, ln: int) -> tuple[int, str]:
    tok: list[str] = []
    while idx < ln:
        if not p.test(bp + idx, 1):
            return 0, ""
        c = p.d[bp + idx]
        if c >= 0x80:
            return 0, ""
        if c in (0x20, 0x09, 0x0D, 0x0A):
            break
        if not 0x20 <= c < 0x7F:
            return 0, ""
        if len(tok) + 2 > 129:
            return 0, ""
        tok.append(chr(c))
        idx += 1
    if not tok:
        return 0, ""
    while idx < ln:
        if not p.test(bp + idx, 1):
            break
        c = p.d[bp + idx]
        if c in (0x0D, 0x0A) or not 0x20 <= c < 0x7F or c not in (0x20, 0x09):
            break
        idx += 1
    return idx, "".join(tok)


def _txt_line(p: Pkt, prefix: str, bp: int, idx: int, ln: int) -> int:
    start = idx
    while idx < ln:
        c = p.u8(bp + idx)
        if c == 0x0A:
            linelen = idx - start
            idx += 1
            break
        if c == 0x0D:
            if idx + 1 >= ln:
                return 0
            if p.u8(bp + idx + 1) == 0x0A:
                linelen = idx - start
                idx += 2
                break
            return 0
        if not (0x20 <= c < 0x7F) and c != 0x09:
            return 0
        idx += 1
    else:  # printable to the end but no line ending: tcpdump calls it truncated
        p.w(prefix + p.d[bp + start:bp + idx].decode("ascii"))
        p.trunc()
        return 0
    p.w(prefix + p.d[bp + start:bp + start + linelen].decode("ascii"))
    return idx


def txtproto(p: Pkt, bp: int, ln: int, proto: str, cmds: frozenset[str] | None) -> None:
    """tcpdump's txtproto_print: the protocol's name, then the request or
    status line (with -v every text line); ``cmds`` None means a protocol
    that is all text (FTP, SMTP, WHOIS), else its request words (HTTP,
    RTSP, SIP: the status code is the second token)."""
    p.proto = proto
    print_this = cmds is None
    if cmds is not None:
        idx, tok = _fetch_token(p, bp, 0, ln)
        if idx:
            if tok.upper() in cmds:
                print_this = True
            idx, tok = _fetch_token(p, bp, idx, ln)
            if idx and len(tok) == 3 and tok.isdigit():
                print_this = True
    p.w(proto.upper())
    if not print_this:
        return
    if p.o.v:
        p.w(f", length: {ln}")
        idx = 0
        for _ in range(ln + 1):
            if idx >= ln:
                break
            eol = _txt_line(p, "\n\t", bp, idx, ln)
            if eol == 0:
                break
            idx = eol
    else:
        _txt_line(p, ": ", bp, 0, ln)


def bittok(table: tuple[tuple[int, str], ...], none: str, value: int, sep: str = ", ") -> str:
    words = [w for bit, w in table if value & bit]
    return sep.join(words) if words else none


def safe(b: bytes) -> str:
    """Printable ASCII as is; anything else as '.' (terminal-safe)."""
    return "".join(chr(c) if 0x20 <= c < 0x7F else "." for c in b)


def printjn(p: Pkt, at: int, n: int) -> None:
    """tcpdump's nd_printjn: n bytes as text (a capture cut short ends it there)."""
    for i in range(n):
        p.w(fn_char(p.u8(at + i)))


def mask2plen(mask: int) -> int:
    """The prefix length of a contiguous IPv4 netmask, -1 for any other."""
    for plen in range(33):
        if mask == (0xFFFFFFFF << (32 - plen)) & 0xFFFFFFFF:
            return plen
    return -1


def bittok2str(table: Iterable[tuple[int, str]], none: str, value: int) -> str:
    """tcpdump's bittok2str: the names of the tokens all of whose bits are set
    in ``value`` (tokens of several bits included), or ``none``."""
    return ", ".join(name for bits, name in table if bits and value & bits == bits) or none


def printjnp(p: Pkt, at: int, n: int) -> None:
    """tcpdump's nd_printjnp: up to n bytes as text, stopping at a NUL."""
    for i in range(n):
        c = p.u8(at + i)
        if c == 0:
            return
        p.w(fn_char(c))


def fn_char(c: int) -> str:
    """tcpdump's fn_print_char: M- for the high bit, ^ for control characters
    (printable ASCII, so terminal-safe)."""
    out = ""
    if c >= 0x80:
        c &= 0x7F
        out = "M-"
    if not 0x20 <= c < 0x7F:
        c ^= 0x40
        out += "^"
    return out + chr(c)


_F32 = struct.Struct("!f")
_FLT_MAX = 3.4028234663852886e38


def mbps(raw: int) -> str:
    """A bandwidth sent as an IEEE single-precision float of bytes per second,
    as tcpdump prints it in Mbit/s: "%.3f" of the float arithmetic
    bw * 8 / 1000000 (so inf, nan and -nan as C prints them)."""
    bw = _F32.unpack(raw.to_bytes(4, "big"))[0] * 8
    if math.isnan(bw):
        return "-nan" if raw & 0x80000000 else "nan"
    if abs(bw) > _FLT_MAX:  # past float's range: infinite
        bw = math.copysign(math.inf, bw)
    if not math.isinf(bw):
        bw = _F32.unpack(_F32.pack(bw / 1000000))[0]
    return f"{bw:.3f}"


def relts(secs: int) -> str:
    """A duration as tcpdump's unsigned_relts_print writes it: 1d2h3m4s."""
    if secs == 0:
        return "0s"
    out = []
    for unit, n in (("y", 31536000), ("w", 604800), ("d", 86400), ("h", 3600), ("m", 60),
                    ("s", 1)):
        if secs >= n:
            out.append(f"{secs // n}{unit}")
            secs %= n
    return "".join(out)


def print_unknown_data(p: Pkt, off: int, ident: str, length: int) -> None:
    """tcpdump's print_unknown_data: hex of what was captured of it."""
    if off > p.end:
        p.w(f"{ident}Dissector error: print_unknown_data called with pointer past end of packet")
        return
    n = min(length, p.avail(off))
    if n > 0:
        p.w(hex_only(p.d[off:off + n], ident))


def ports_print(p: Pkt, off: int, iph: int, proto: int) -> tuple[int, int, bool]:
    """The addresses and ports of a TCP or PGM header at ``off`` as tcpdump
    writes them first: src.sport > dst.dport when the IP header at ``iph``
    carries ``proto`` directly, else the ports alone (``Trunc`` when they are
    cut). Returns the ports and whether the IP header is IPv6."""
    src, dst, nh, is6 = addr_pair(p, iph)
    if not p.test(off + 2, 2):
        p.w(f"{src} > {dst}:")
        raise Trunc(local=True)
    sport, dport = p.u16(off), p.u16(off + 2)
    if nh == proto:
        p.w(f"{src}.{sport} > {dst}.{dport}: ")
    else:
        p.w(f"{sport} > {dport}: ")
    return sport, dport, is6


def addr_pair(p: Pkt, iph: int) -> tuple[str, str, int, bool]:
    """(src, dst, next header of the IP header, is IPv6) of the IP header at iph."""
    if p.d[iph] >> 4 == 6:
        return ip6(p.d[iph + 8:iph + 24]), ip6(p.d[iph + 24:iph + 40]), p.d[iph + 6], True
    return ip4(p.d[iph + 12:iph + 16]), ip4(p.d[iph + 16:iph + 20]), p.d[iph + 9], False


def printjn_quoted(p: Pkt, at: int, n: int) -> None:
    """N bytes at AT between single quotes, as printjn prints them (a capture
    cut short ends them there)."""
    p.w("'")
    printjn(p, at, n)
    p.w("'")
