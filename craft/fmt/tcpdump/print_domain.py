"""tcpdump 4.99's DNS printer (UDP and TCP port 53, mDNS on 5353): header
words, questions, the common resource records (A, AAAA, CNAME, NS, PTR,
DNAME, MX, TXT, SOA, SRV, OPT), -vv sections and -vvv TTLs (private to
craft.fmt.tcpdump)."""

from __future__ import annotations

from collections.abc import Callable

from craft.fmt.tcpdump.addrtoname import ip4, ip6
from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.util_print import fn_char, relts

MAXCDNAME = 255


def _labellen(p: Pkt, cp: int) -> int:
    i = p.u8(cp)
    if i & 0xC0 == 0x80:
        p.w("<BAD LABEL TYPE>")
        return -1
    if i & 0xC0 == 0x40:
        elt = i & 0x3F
        if elt != 0x01:
            p.w(f"<ELT {elt}>")
            return -1
        if not p.test(cp + 1, 1):
            return -1
        bitlen = p.d[cp + 1] or 256
        return (bitlen + 7) // 8 + 1
    return i


def _label_at(p: Pkt, cp: int) -> tuple[int, int] | None:
    """The label byte at ``cp`` and the label's length; None when it is not
    captured or bad (the reason printed)."""
    if not p.test(cp, 1):
        return None
    ln = _labellen(p, cp)
    return None if ln < 0 else (p.d[cp], ln)


def _bitlabel(p: Pkt, cp: int) -> None:
    """An RFC 2673 bit-string label (tcpdump's blabel_print): \\[x<hex>/<bits>]."""
    bitlen = p.u8(cp) or 256
    lim = cp + 1 + (bitlen + 3) // 4
    p.w("\\[x")
    at, b = cp + 1, bitlen
    while at < lim and b > 7:
        p.w(f"{p.u8(at):02x}")
        b -= 8
        at += 1
    if b > 4:
        p.w(f"{p.u8(at) & (0xFF << (8 - b)) & 0xFF:02x}")
    elif b > 0:
        p.w(f"{(p.u8(at) >> 4) & (0x0F << (4 - b)) & 0x0F:1x}")
    p.w(f"/{bitlen}]")


def fqdn_print(p: Pkt, cp: int, bp: int) -> int | None:
    """tcpdump's fqdn_print (ns_nprint): a domain name at ``cp`` whose
    compression pointers count from ``bp``; the offset after the name, or
    None when it is cut short or bad (the caller prints its marker)."""
    try:
        ln = _labellen(p, cp)
    except Trunc:
        return None
    if ln < 0:
        return None
    max_offset = cp - bp
    i = p.d[cp]
    cp += 1
    compress = False
    rp = cp + ln if i & 0xC0 != 0xC0 else -1  # (set at the first pointer otherwise)
    if i == 0:
        p.w(".")
        return rp
    chars = 0
    for _ in range(512):  # each pass moves forward or to an earlier pointer target
        if not (i and cp < p.end):
            break
        if i & 0xC0 == 0xC0:
            if not compress:
                rp = cp + 1
                compress = True
            if not p.test(cp, 1):
                return None
            offset = ((i << 8) | p.d[cp]) & 0x3FFF
            if offset >= max_offset:
                p.w("<BAD PTR>")
                return None
            max_offset = offset
            cp = bp + offset
            lab = _label_at(p, cp)
            if lab is None:
                return None
            (i, ln), cp = lab, cp + 1
            continue
        if i & 0xC0 == 0x40:
            if i & 0x3F != 0x01:
                p.w(f"<ELT {i & 0x3F}>")
                return None
            _bitlabel(p, cp)
        else:
            n = ln if chars + ln <= MAXCDNAME else max(0, MAXCDNAME - chars)
            avail = max(0, min(n, p.end - cp))
            p.w("".join(fn_char(c) for c in p.d[cp:cp + avail]))
            if avail < n:
                return None
        chars += ln
        cp += ln
        if chars <= MAXCDNAME:
            p.w(".")
        chars += 1
        lab = _label_at(p, cp)
        if lab is None:
            return None
        (i, ln), cp = lab, cp + 1
        if not compress:
            rp += ln + 1
    if chars > MAXCDNAME:
        p.w("<DOMAIN NAME TOO LONG>")
    return rp if rp >= 0 else None  # a pointer cut off after its first byte


TYPES = {  # tcpdump 4.99.3's ns_type2str
    1: "A", 2: "NS", 3: "MD", 4: "MF", 5: "CNAME", 6: "SOA", 7: "MB", 8: "MG", 9: "MR",
    10: "NULL", 11: "WKS", 12: "PTR", 13: "HINFO", 14: "MINFO", 15: "MX", 16: "TXT", 17: "RP",
    18: "AFSDB", 19: "X25", 20: "ISDN", 21: "RT", 22: "NSAP", 23: "NSAP_PTR", 24: "SIG",
    25: "KEY", 26: "PX", 27: "GPOS", 28: "AAAA", 29: "LOC", 30: "NXT", 31: "EID", 32: "NIMLOC",
    33: "SRV", 34: "ATMA", 35: "NAPTR", 36: "KX", 37: "CERT", 38: "A6", 39: "DNAME",
    40: "SINK", 41: "OPT", 42: "APL", 43: "DS", 44: "SSHFP", 45: "IPSECKEY", 46: "RRSIG",
    47: "NSEC", 48: "DNSKEY", 99: "SPF", 100: "UINFO", 101: "UID", 102: "GID", 103: "UNSPEC",
    104: "UNSPECA", 249: "TKEY", 250: "TSIG", 251: "IXFR", 252: "AXFR", 253: "MAILB",
    254: "MAILA", 255: "ANY", 256: "URI",
}
CLASSES = {1: "IN", 3: "CHAOS", 4: "HS", 255: "ANY"}
OPS = ("", " inv_q", " stat", " op3", " notify", " update", " op6", " op7", " op8", " updateA",
       " updateD", " updateDA", " updateM", " updateMA", " zoneInit", " zoneRef")
RCODES = ("", " FormErr", " ServFail", " NXDomain", " NotImp", " Refused", " YXDomain",
          " YXRRSet", " NXRRSet", " NotAuth", " NotZone", " Resp11", " Resp12", " Resp13",
          " Resp14", " NoChange", " BadVers")
MAX_RECORDS = 512  # records walked per message (bounded)


class _Cut(Exception):
    """The message is cut short: tcpdump's goto trunc."""


def _rcode(r: int) -> str:
    return RCODES[r] if r < len(RCODES) else f" Resp{r}"


def _nskip(p: Pkt, cp: int) -> int | None:
    if not p.test(cp, 1):
        return None
    i = p.d[cp]
    cp += 1
    for _ in range(256):
        if not i:
            break
        if i & 0xC0 == 0xC0:
            return cp + 1
        if i & 0xC0 == 0x40:
            if i & 0x3F != 0x01 or not p.test(cp, 1):
                return None
            cp += 1 + ((p.d[cp] or 256) + 7) // 8
        else:
            cp += i
        if not p.test(cp, 1):
            return None
        i = p.d[cp]
        cp += 1
    return cp


def _qprint(p: Pkt, cp: int, bp: int, mdns: bool) -> int | None:
    np = cp
    cp2 = _nskip(p, cp)
    if cp2 is None or not p.test(cp2, 4):
        return None
    t = p.u16(cp2)
    p.w(f" {TYPES.get(t, f'Type{t}')}")
    i = p.u16(cp2 + 2)
    cls = i & ~0x8000 if mdns else i
    if cls != 1:
        p.w(f" {CLASSES.get(cls, f'(Class {cls})')}")
    if mdns:
        p.w(" (QU)" if i & 0x8000 else " (QM)")
    p.w("? ")
    end = fqdn_print(p, np, bp)
    return end + 4 if end is not None else None


def _rprint(p: Pkt, cp: int, bp: int, mdns: bool) -> int | None:
    v = p.o.v
    if v:
        p.w(" ")
        nxt = fqdn_print(p, cp, bp)
        if nxt is None:
            return None
    else:
        nxt = _nskip(p, cp)
    if nxt is None or not p.test(nxt, 10):
        return p.end  # as tcpdump: ends the section without a marker
    cp = nxt
    typ = p.u16(cp)
    i = p.u16(cp + 2)
    cls = i & ~0x8000 if mdns else i
    if cls != 1 and typ != 41:
        p.w(f" {CLASSES.get(cls, f'(Class {cls})')}")
    if mdns and i & 0x8000:
        p.w(" (Cache flush)")
    opt_flags = 0
    if typ == 41:
        opt_flags = p.u16(cp + 6)
    elif v > 2:
        p.w(f" [{relts(p.u32(cp + 4))}]")
    ln = p.u16(cp + 8)
    cp += 10
    rp = cp + ln
    p.w(f" {TYPES.get(typ, f'Type{typ}')}")
    if rp > p.end:
        return None
    if typ == 1:
        if not p.test(cp, 4):
            return None
        p.w(f" {ip4(p.d[cp:cp + 4])}")
    elif typ in (2, 5, 12, 39):
        p.w(" ")
        if fqdn_print(p, cp, bp) is None:
            return None
    elif typ == 6:
        if not v:
            return rp
        p.w(" ")
        c2 = fqdn_print(p, cp, bp)
        if c2 is None:
            return None
        p.w(" ")
        c2 = fqdn_print(p, c2, bp)
        if c2 is None or not p.test(c2, 20):
            return None
        p.w("".join(f" {p.u32(c2 + 4 * k)}" for k in range(5)))
    elif typ in (15, 33):  # MX, SRV: the name after the numbers, printed before them
        skip = 2 if typ == 15 else 6
        p.w(" ")
        if not p.test(cp, skip) or fqdn_print(p, cp + skip, bp) is None:
            return None
        p.w(f" {p.u16(cp)}" if typ == 15 else f":{p.u16(cp + 4)} {p.u16(cp)} {p.u16(cp + 2)}")
    elif typ == 16:
        for _ in range(ln + 1):
            if cp >= rp:
                break
            p.w(' "')
            if not p.test(cp, 1):
                return None
            n = p.d[cp]
            avail = min(n, max(0, p.end - cp - 1))
            p.w("".join(fn_char(c) for c in p.d[cp + 1:cp + 1 + avail]))
            if avail < n:
                return None
            cp += 1 + n
            p.w('"')
    elif typ == 28:
        if not p.test(cp, 16):
            return None
        p.w(f" {ip6(p.d[cp:cp + 16])}")
    elif typ == 256:  # URI (RFC 7553): priority, weight, target
        if not p.test(cp, ln):
            return None
        p.w(f" {p.u16(cp)} {p.u16(cp + 2)} ")
        n = (ln - 4) & 0xFFFFFFFF  # (unsigned in tcpdump: a length under 4 prints to the end)
        avail = min(n, max(0, p.end - cp - 4))
        p.w("".join(fn_char(c) for c in p.d[cp + 4:cp + 4 + avail]))
        if avail < n:
            return None
    elif typ == 41:
        p.w(f" UDPsize={cls}")
        if opt_flags & 0x8000:
            p.w(" DO")
        if cp < rp:
            p.w(" [")
            while cp < rp:
                if not _edns_option(p, cp):
                    return None
                cp += 4 + p.u16(cp + 2)
                if cp < rp:
                    p.w(",")
            p.w("]")
    return rp


_DNSSEC_ALGS = {0: "DELETE", 1: "RSAMD5", 2: "DH", 3: "DS", 5: "RSASHA1", 6: "DSA-NSEC3-SHA1",
                7: "RSASHA1-NSEC3-SHA1", 8: "RSASHA256", 10: "RSASHA512", 12: "ECC-GOST",
                13: "ECDSAP256SHA256", 14: "ECDSAP384SHA384", 15: "ED25519", 16: "ED448",
                252: "INDIRECT", 253: "PRIVATEDNS", 254: "PRIVATEOID"}
_DS_DIGESTS = {1: "SHA-1", 2: "SHA-256", 3: "GOST_R_34.11-94", 4: "SHA-384"}
_NSEC3_HASHES = {1: "SHA-1"}
_EDNS_OPTS = {1: "LLQ", 2: "UL", 3: "NSID", 5: "DAU", 6: "DHU", 7: "N3U", 8: "ECS", 9: "EXPIRE",
              10: "COOKIE", 11: "KEEPALIVE", 12: "PADDING", 13: "CHAIN", 14: "KEY-TAG",
              16: "CLIENT-TAG", 17: "SERVER-TAG"}


def _edns_option(p: Pkt, cp: int) -> bool:
    """One EDNS(0) option of an OPT record (tcpdump's edns_print_option);
    False when its data was not all captured (the record is cut there)."""
    code = p.u16(cp)
    p.w(_EDNS_OPTS.get(code, f"Opt{code}"))
    n = p.u16(cp + 2)
    if not p.test(cp + 4, n):
        return False
    if n == 0:
        return True
    p.w(" ")
    cp += 4
    if code == 8:  # client subnet: family, source and scope prefix lengths, address
        if n < 4:
            p.w(" (invalid)")
            return True
        family, src, scope = p.u16(cp), p.u8(cp + 2), p.u8(cp + 3)
        bits = 32 if family == 1 else 128 if family == 2 else 0
        if not bits or n - 4 > bits // 8 or src > bits or scope > bits or (src + 7) // 8 != n - 4:
            p.w(" (invalid)")
            return True
        addr = p.b(cp + 4, n - 4).ljust(bits // 8, b"\0")
        p.w(f"{ip4(addr) if family == 1 else ip6(addr)}/{src}/{scope}")
    elif code == 10:  # cookie: client (8 bytes), then server (8 to 32)
        if n < 8 or 8 < n < 16 or n > 40:
            p.w(" (invalid)")
            return True
        for i in range(n):
            p.w((" " if i == 8 else "") + f"{p.u8(cp + i):02x}")
    elif code == 11:
        if n != 2:
            p.w(" (invalid)")
        else:
            p.w(f"{p.u16(cp) / 10:0.1f} sec")
    elif code == 9:
        if n != 4:
            p.w(" (invalid)")
        else:
            p.w(f"{p.u32(cp)} sec")
    elif code in (5, 6, 7):  # DAU, DHU, N3U: algorithm numbers by name
        names = (_DNSSEC_ALGS, _DS_DIGESTS, _NSEC3_HASHES)[code - 5]
        p.w(" ".join(names.get(p.u8(cp + i), f"Alg_{p.u8(cp + i)}") for i in range(n)))
    elif code == 13:  # CHAIN: the closest trust point, a domain name
        fqdn_print(p, cp, cp)
    elif code == 12:
        p.w(f"({n})")
    elif code == 14:
        if n % 2:
            p.w(" (invalid)")
        else:
            p.w(" ".join(str(p.u16(cp + i)) for i in range(0, n, 2)))
    else:
        for i in range(n):
            p.w(f"{p.u8(cp + i):02x}")
    return True


def _section(p: Pkt, cp: int, bp: int, count: int, word: str, mdns: bool,
             first_unchecked: bool = False,
             record: Callable[[Pkt, int, int, bool], int | None] | None = None,
             sep: str = ",") -> int:
    """COUNT records from CP (resource records, or what RECORD prints),
    after WORD, SEP between them; where the next section begins."""
    if (first_unchecked or cp < p.end) and count:
        p.w(word)
        for k in range(min(count, MAX_RECORDS)):
            if k:
                if not cp < p.end:
                    break
                p.w(sep)
            nxt = (record or _rprint)(p, cp, bp, mdns)
            if nxt is None:
                raise _Cut
            cp = nxt
            count -= 1
    if count:
        raise _Cut
    return cp


def domain_print(p: Pkt, bp: int, length: int, over_tcp: bool, mdns: bool) -> None:
    """tcpdump's domain_print."""
    p.proto = "domain"
    if over_tcp:
        if length < 2:
            p.w(f" [DNS over TCP: length {length} < 2] (invalid)")
            return
        length -= 2
        if p.u16(bp) != length:
            p.w(f" [prefix length({p.u16(bp)}) != length({length})] (invalid)")
            return
        bp += 2
        p.w(" ")
    if length < 12:
        p.w(f"domain [length {length} < 12] (invalid)")
        return
    p.need(bp, 12)
    ident, flags, qd, an, ns, ar = (p.u16(bp + 2 * k) for k in range(6))
    rcode = flags & 0xF
    cp: int | None = bp + 12
    for k in range(qd + an + ns + ar):  # the OPT record's extended rcode
        if k >= MAX_RECORDS:
            break
        cp = _nskip(p, cp) if cp is not None else None
        if cp is None:
            break
        if k < qd:
            cp += 4
            if cp >= p.end:
                break
            continue
        if k >= qd + an + ns:
            if cp + 2 > p.end:
                break
            if p.u16(cp) == 41:
                if p.test(cp + 4, 1):
                    rcode |= p.d[cp + 4] << 4
                break
        cp += 8
        if cp + 2 > p.end:
            break
        cp += p.u16(cp) + 2
        if cp >= p.end:
            break
    v = p.o.v
    try:
        if flags & 0x8000:
            p.w(f"{ident}{OPS[(flags >> 11) & 0xF]}{_rcode(rcode)}"
                f"{'*' if flags & 0x0400 else ''}{'' if flags & 0x0080 else '-'}"
                f"{'|' if flags & 0x0200 else ''}{'$' if flags & 0x0020 else ''}")
            if qd != 1:
                p.w(f" [{qd}q]")
            cp = bp + 12
            for k in range(min(qd, MAX_RECORDS)):
                if k:
                    p.w(",")
                if v > 1:
                    p.w(" q:")
                    nxt = _qprint(p, cp, bp, mdns)
                else:
                    nxt = _nskip(p, cp)
                    nxt = nxt + 4 if nxt is not None else None
                if nxt is None:
                    raise _Cut
                cp = nxt
            p.w(f" {an}/{ns}/{ar}")
            if an:
                cp = _section(p, cp, bp, an, "", mdns, first_unchecked=True)
            if v > 1:
                cp = _section(p, cp, bp, ns, " ns:", mdns)
                cp = _section(p, cp, bp, ar, " ar:", mdns)
        else:
            p.w(f"{ident}{OPS[(flags >> 11) & 0xF]}{'+' if flags & 0x0100 else ''}"
                f"{'%' if flags & 0x0010 else ''}")
            if flags & 0x6CF:
                p.w(f" [b2&3=0x{flags:x}]")
            if (flags >> 11) & 0xF == 1:
                if qd:
                    p.w(f" [{qd}q]")
                if an != 1:
                    p.w(f" [{an}a]")
            else:
                if an:
                    p.w(f" [{an}a]")
                if qd != 1:
                    p.w(f" [{qd}q]")
            if ns:
                p.w(f" [{ns}n]")
            if ar:
                p.w(f" [{ar}au]")
            cp = _section(p, bp + 12, bp, qd, "", mdns, True, _qprint, "")
            if v > 1:
                cp = _section(p, cp, bp, an, "", mdns, first_unchecked=True)
                cp = _section(p, cp, bp, ns, " ns:", mdns)
                cp = _section(p, cp, bp, ar, " ar:", mdns)
    except _Cut:
        p.trunc()
        return
    p.w(f" ({length})")


def domain_tcp_print(p: Pkt, bp: int, length: int) -> None:
    domain_print(p, bp, length, True, False)


def domain_udp_print(p: Pkt, bp: int, length: int) -> None:
    domain_print(p, bp, length, False, False)


def mdns_print(p: Pkt, bp: int, length: int) -> None:
    domain_print(p, bp, length, False, True)
