"""PGM (RFC 3208, IP protocol 113, over IPv4 and IPv6) as tcpdump 4.99
prints it: the addresses with the ports and the TSDU length; with -v the
global source id, the packet type (SPM, POLL, POLR, ODATA, RDATA, NAK,
NULLNAK, NCF, ACK, SPMR) with its sequence numbers and NLAs, then the
options (length, fragment, NAK list, join, NAK back-off, redirect, parity,
neighbour unreachable, path NLA, SYN/FIN/RST, CR, CRQST, PGMCC data and
feedback) and the IP payload length. Private to craft.fmt.tcpdump."""

from __future__ import annotations

from craft.fmt.tcpdump.addrtoname import ip4, ip6
from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.util_print import ports_print

SPM, POLL, POLR, ODATA, RDATA, NAK, NULLNAK, NCF, ACK, SPMR = 0, 1, 2, 4, 5, 8, 9, 10, 11, 12
OPT_BIT_PRESENT = 0x01
OPT_MASK, OPT_END = 0x7F, 0x80
_AFI_IP, _AFI_IP6 = 1, 2
_NAK_WORDS = {NAK: "NAK ", NULLNAK: "NNAK ", NCF: "NCF "}
# options of a fixed length: (name in the error text, length, words printed, 4-byte values)
_FIXED = {
    0x01: ("OPT_FRAGMENT", 16, " FRAG seq {} off {} len {}", 3),
    0x03: ("OPT_JOIN", 8, " JOIN {}", 1),
    0x04: ("OPT_NAK_BO_IVL", 12, " BACKOFF ivl {} ivlseq {}", 2),
    0x05: ("OPT_NAK_BO_RNG", 12, " BACKOFF max {} min {}", 2),
    0x08: ("OPT_PARITY_PRM", 8, " PARITY MAXTGS {}", 1),
    0x09: ("OPT_PARITY_GRP", 8, " PARITY GROUP {}", 1),
    0x0A: ("OPT_CURR_TGSIZE", 8, " PARITY ATGS {}", 1),
    # the options of no value: named as printed
    **{kind: (f"OPT_{word}", 4, f" {word}", 0) for kind, word in (
        (0x0B, "NBR_UNREACH"), (0x0D, "SYN"), (0x0E, "FIN"), (0x0F, "RST"), (0x11, "CRQST"))},
}


class _Stop(Exception):
    """An option error message was printed: tcpdump returns at once."""


def _nla(p: Pkt, afi: int, at: int) -> tuple[str, int]:
    """The address of an NLA whose AFI was read: (text, its end); an
    unknown family is tcpdump's "goto trunc"."""
    if afi == _AFI_IP:
        p.need(at, 4)
        return ip4(p.d[at:at + 4]), at + 4
    if afi == _AFI_IP6:
        p.need(at, 16)
        return ip6(p.d[at:at + 16]), at + 16
    raise Trunc(local=True)


def _spm(p: Pkt, at: int) -> int:
    p.need(at, 16)
    nla, end = _nla(p, p.u16(at + 12), at + 16)
    p.w(f"SPM seq {p.u32(at)} trail {p.u32(at + 4)} lead {p.u32(at + 8)} nla {nla}")
    return end


def _poll(p: Pkt, at: int) -> int:
    p.need(at, 12)
    nla, end = _nla(p, p.u16(at + 8), at + 12)
    ivl, rnd, mask = p.u32(end), p.u32(end + 4), p.u32(end + 8)
    p.w(f"POLL seq {p.u32(at)} round {p.u16(at + 4)} nla {nla} ivl {ivl} rnd 0x{rnd:08x} "
        f"mask 0x{mask:08x}")
    return end + 12


def _nak(p: Pkt, at: int, kind: int) -> int:
    """NAK, NULL NAK and NCF: source and group NLAs (4.99 reads the group's
    family from the 2 bytes after its family and reserved fields)."""
    p.need(at, 8)
    source, cp = _nla(p, p.u16(at + 4), at + 8)
    cp += 4
    group, cp = _nla(p, p.u16(cp), cp)
    p.w(f"{_NAK_WORDS[kind]}({source} -> {group}), seq {p.u32(at)}")
    return cp


def _body(p: Pkt, off: int, kind: int) -> int:
    """The type-specific part after the 16-byte header; where options start."""
    at = off + 16
    if kind == SPM:
        return _spm(p, at)
    if kind == POLL:
        return _poll(p, at)
    if kind == POLR:
        p.need(at, 8)
        p.w(f"POLR seq {p.u32(at)} round {p.u16(at + 4)}")
        return at + 8
    if kind in (ODATA, RDATA):
        p.need(at, 8)
        p.w(f"{'ODATA' if kind == ODATA else 'RDATA'} trail {p.u32(at + 4)} seq {p.u32(at)}")
        return at + 8
    if kind in _NAK_WORDS:
        return _nak(p, at, kind)
    if kind == ACK:
        p.need(at, 8)
        p.w(f"ACK seq {p.u32(at)}")
        return at + 8
    p.w("SPMR" if kind == SPMR else f"UNKNOWN type 0x{kind:02x}")
    return off  # (tcpdump leaves its pointer at the header)


def _bad(p: Pkt, text: str) -> None:
    p.w(text)
    raise _Stop


def _fixed(p: Pkt, cp: int, kind: int, opt_len: int) -> int:
    """An option of a fixed length; returns its length (what it uses up)."""
    name, size, words, n = _FIXED[kind]
    if opt_len != size:
        _bad(p, f"[Bad {name} option, length {opt_len} != {size}]")
    p.w(words.format(*(p.u32(cp + 2 + 4 * i) for i in range(n))))
    return size


def _with_nla(p: Pkt, cp: int, kind: int, opt_len: int) -> tuple[int, int]:
    """REDIRECT, PGMCC DATA and PGMCC FEEDBACK: (bytes used up, next cp)."""
    if kind == 0x07:
        fixed, name, short = 8, "OPT_REDIRECT", "OPT_REDIRECT"
    else:
        fixed, name = 12, "OPT_PGMCC_DATA" if kind == 0x12 else "OPT_PGMCC_FEEDBACK"
        short = "OPT_PGMCC_DATA" if kind == 0x12 else "PGM_OPT_PGMCC_FEEDBACK"
    if opt_len < fixed:
        _bad(p, f"[Bad {short} option, length {opt_len} < {fixed}]")
    cp += 2
    value = 0
    if kind != 0x07:
        value = p.u32(cp)
        cp += 4
    afi = p.u16(cp)
    cp += 4
    size = {_AFI_IP: 4, _AFI_IP6: 16}.get(afi)
    if size is not None and opt_len != fixed + size:
        _bad(p, f"[Bad {name} option, length {opt_len} != {fixed} + address size]")
    nla, cp = _nla(p, afi, cp)
    if kind == 0x07:
        p.w(f" REDIRECT {nla}")
    else:
        p.w(f" PGMCC {'DATA' if kind == 0x12 else 'FEEDBACK'} {value} {nla}")
    return fixed + size, cp  # type: ignore[operator]


def _options(p: Pkt, cp: int) -> None:
    """The option chain, which must start with OPT_LENGTH."""
    p.need(cp, 4)
    kind, opt_len = p.u8(cp), p.u8(cp + 1)
    if kind & OPT_MASK != 0:
        _bad(p, f"[First option bad, should be PGM_OPT_LENGTH, is {kind & OPT_MASK}]")
    if opt_len != 4:
        _bad(p, f"[Bad OPT_LENGTH option, length {opt_len} != 4]")
    total = p.u16(cp + 2)
    if total < 4:
        _bad(p, f"[Bad total option length {total} < 4]")
    p.w(f" OPTS LEN {total}")
    left = total - 4
    cp += 4
    while left:
        if left < 4:
            _bad(p, "[Total option length leaves no room for final option]")
        kind, opt_len = p.u8(cp), p.u8(cp + 1)
        cp += 2
        if opt_len < 4:
            p.w(f"[Bad option, length {opt_len} < 4]")
            return
        if left < opt_len:
            _bad(p, "[Total option length leaves no room for final option]")
        p.need(cp, opt_len - 2)
        k = kind & OPT_MASK
        if k == 0x00:
            if opt_len != 4:
                _bad(p, f"[Bad OPT_LENGTH option, length {opt_len} != 4]")
            p.w(f" OPTS LEN (extra?) {p.u16(cp)}")
            cp += 2
            left -= 4
        elif k in _FIXED:
            size = _fixed(p, cp, k, opt_len)
            cp += size - 2
            left -= size
        elif k == 0x02:  # NAK list: only the entries count against the total
            cp += 2
            n = opt_len - 4
            p.w(" NAK LIST")
            while n:
                if n < 4:
                    _bad(p, "[Option length not a multiple of 4]")
                p.w(f" {p.u32(cp)}")
                cp += 4
                n -= 4
                left -= 4
        elif k in (0x07, 0x12, 0x13):
            used, cp = _with_nla(p, cp, k, opt_len)
            left -= used
        else:  # PATH_NLA, CR, unknown: 4.99 skips 2 bytes too far
            if k == 0x0C:
                p.w(f" PATH_NLA [{opt_len}]")
            elif k == 0x10:
                p.w(" CR")
            else:
                p.w(f" OPT_{kind:02X} [{opt_len}] ")
            cp += opt_len
            left -= opt_len
        if kind & OPT_END:
            return


def pgm_print(p: Pkt, off: int, length: int, iph: int, fragmented: bool = False) -> None:
    """tcpdump's pgm_print; ``iph`` is the offset of the IP header."""
    p.proto = "pgm"
    sport, dport, _ = ports_print(p, off, iph, 113)
    p.need(off, 16)
    p.w(f"PGM, length {p.u16(off + 14)}")
    if not p.o.v:
        return
    kind = p.u8(off + 4)
    p.w(f" 0x{p.d[off + 8:off + 14].hex()} ")
    cp = _body(p, off, kind)
    if p.u8(off + 5) & OPT_BIT_PRESENT:
        try:
            _options(p, cp)
        except _Stop:
            return
    p.w(f" [{length}]")
