"""Shared machinery of the tcpdump-style printers (private to craft.fmt).

``Pkt`` is one packet being printed: the captured bytes, the current
"snapshot end" (tcpdump's ``ndo_snapend``: reads past it are truncation),
the output pieces and the name of the protocol being printed (the word
tcpdump puts in its ``[|proto]`` truncation marker). A read past the
snapshot end raises ``Trunc``; whoever catches it prints `` [|proto]``,
exactly as tcpdump's longjmp to the top of the packet does.

Fixed headers are unpacked by the layer modules (craft.layers, STYLE.md
rule 3) through ``fields``; what tcpdump walks byte by byte (options,
extension headers) is walked here, bounded by the header lengths.
"""

from __future__ import annotations

import math
import socket
import struct
from typing import Any

from craft.errors import Truncated
from craft.layers import LAYERS
from craft.layers.base import inet_checksum

_U16 = struct.Struct("!H").unpack_from
_U32 = struct.Struct("!I").unpack_from


class Trunc(Exception):
    """A read past the snapshot end (the packet was captured short).

    ``local``: the printer checked the length itself and prints the marker
    (tcpdump's ND_TCHECK/goto trunc), rather than a read of a field failing
    (its GET_ macros' longjmp, after which -x dumps the whole packet)."""

    def __init__(self, local: bool = False) -> None:
        super().__init__()
        self.local = local


class Pkt:
    """One packet being printed (see the module docstring)."""

    __slots__ = ("d", "end", "stack", "out", "w", "proto", "o", "st", "ll", "iph")

    def __init__(self, data: bytes, opts: Any, state: Any) -> None:
        self.d = data
        self.end = len(data)
        self.stack: list[int] = []
        self.out: list[str] = []
        self.w = self.out.append  # write a piece of the packet's text
        self.proto = ""
        self.o = opts
        self.st = state
        self.ll = 0  # link-layer header length so far (where -x starts on truncation)
        self.iph = -1  # the IP header a UDP or TCP application's datagram came in

    def test(self, off: int, n: int) -> bool:
        return 0 <= off and off + n <= self.end

    def need(self, off: int, n: int) -> None:
        if off < 0 or n < 0 or off + n > self.end:
            raise Trunc(local=True)

    def u8(self, off: int) -> int:
        if off < 0 or off >= self.end:
            raise Trunc
        return self.d[off]

    def u16(self, off: int) -> int:
        if off < 0 or off + 2 > self.end:
            raise Trunc
        return _U16(self.d, off)[0]

    def u32(self, off: int) -> int:
        if off < 0 or off + 4 > self.end:
            raise Trunc
        return _U32(self.d, off)[0]

    def b(self, off: int, n: int) -> bytes:
        """n bytes read as a field (a failed read is tcpdump's GET_ longjmp)."""
        if off < 0 or n < 0 or off + n > self.end:
            raise Trunc
        return self.d[off:off + n]

    def avail(self, off: int) -> int:
        return max(0, self.end - off)

    def push(self, off: int, length: int) -> None:
        """tcpdump's nd_push_snaplen: shrink the snapshot to off+length."""
        end = self.end
        self.stack.append(end)
        if off + length < end:
            self.end = off + length if length > 0 else off

    def pop(self) -> None:
        if self.stack:
            self.end = self.stack.pop()

    def change(self, off: int, length: int) -> None:
        """tcpdump's nd_change_snaplen: reset the pushed end, never past the
        end it was pushed from."""
        parent = self.stack[-1] if self.stack else len(self.d)
        self.end = min(parent, off + length)

    def trunc(self) -> None:
        self.w(f" [|{self.proto}]")


def fields(name: str, p: Pkt, off: int, local: bool = False) -> dict[str, Any]:
    """The fixed header of layer ``name`` at ``off``, unpacked by its layer
    module's table within the snapshot; ``Trunc`` when it is cut short.

    The table's own unpack (not the module's ``decode``) because tcpdump
    prints a header whose options or lengths are wrong, which ``decode``
    rightly refuses."""
    header = _HEADERS.get(name)
    if header is None:
        header = _HEADERS[name] = LAYERS[name].HEADER
    if off < 0 or off + header.size > p.end:
        raise Trunc(local=local)
    try:
        return header.unpack(p.d, off)
    except Truncated:
        raise Trunc(local=local) from None


_HEADERS: dict[str, Any] = {}


# -------------------------------------------------------------------- words

# Address family numbers (IANA), as tcpdump's af_values names them.
# Address families, as tcpdump 4.99.3's af_values names them.
AF_VALUES = {0: "Reserved", 1: "IPv4", 2: "IPv6", 3: "NSAP", 4: "HDLC", 5: "BBN 1822", 6: "802",
             7: "E.163", 8: "E.164", 9: "F.69", 10: "X.121", 11: "Novell IPX", 12: "Appletalk",
             13: "Decnet IV", 14: "Banyan Vines", 15: "E.164 with NSAP subaddress", 25: "VPLS",
             196: "Layer-2 VPN"}

# Organizationally unique identifiers, as tcpdump's oui_values names them.
OUIS = {0x000000: "Ethernet", 0x00000C: "Cisco", 0x00005E: "IANA", 0x000081: "Nortel Networks SONMP",
        0x0000F8: "Cisco bridged", 0x0080C2: "Ethernet bridged", 0x00A03E: "ATM Forum",
        0x00E02F: "DOCSIS Spanning Tree", 0x080007: "Appletalk", 0x009069: "Juniper",
        0x080009: "Hewlett-Packard", 0x00120F: "IEEE 802.3 Private", 0x0012BB: "ANSI/TIA",
        0x001B21: "DCBX", 0x002320: "Nicira Networks", 0x5C16C7: "Big Switch Networks",
        0xB0D2F5: "Vello Systems", 0x0004EA: "HP-Labs", 0x748771: "Infoblox Inc",
        0xA42305: "Open Networking Lab", 0x00049F: "Freescale", 0x0015AD: "Netronome",
        0x001018: "Broadcom", 0x00E004: "PMC-Sierra"}

_NAMES4: dict[bytes, str] = {}
_NAMES6: dict[bytes, str] = {}
_NAMES_MAX = 4096  # address strings remembered (tcpdump keeps a table too)


def ip4(b: bytes) -> str:
    s = _NAMES4.get(b)
    if s is None:
        if len(_NAMES4) >= _NAMES_MAX:
            _NAMES4.clear()
        s = _NAMES4[bytes(b)] = socket.inet_ntoa(b)
    return s


def ip6(b: bytes) -> str:
    """inet_ntop's text, as tcpdump's addrtostr6 (both from BIND): embedded
    IPv4 in dotted quad for ::ffff:a.b.c.d and ::a.b.c.d."""
    s = _NAMES6.get(b)
    if s is None:
        if len(_NAMES6) >= _NAMES_MAX:
            _NAMES6.clear()
        s = _NAMES6[bytes(b)] = socket.inet_ntop(socket.AF_INET6, b)
    return s


def mac(b: bytes) -> str:
    return ":".join(f"{x:02x}" for x in b)


def ip6_pseudo(p: Pkt, iph: int, length: int, nh: int) -> bytes:
    """The IPv6 pseudo-header for an upper-layer checksum: the source, and the
    final destination found through a routing header as tcpdump's
    ip6_finddst does (the last address of type 0 and 2, segment 0 of an SRH)."""
    dst = iph + 24
    cp, advance, nxt = iph, 40, p.d[iph + 6]
    while cp < p.end:
        cp += advance
        if nxt in (0, 60, 62, 135):  # hop-by-hop, destination options, mobility
            advance, nxt = (p.u8(cp + 1) + 1) << 3, p.u8(cp)
        elif nxt == 44:  # fragment
            advance, nxt = 8, p.u8(cp)
        elif nxt == 43:  # routing: found it
            n, kind = p.u8(cp + 1), p.u8(cp + 2)
            if kind in (0, 2):
                for i in range(n // 2):
                    if not p.test(cp + 8 + 16 * i, 16):
                        break
                    dst = cp + 8 + 16 * i
            elif kind == 4:
                dst = cp + 8
            break
        else:
            break
    return p.d[iph + 8:iph + 24] + p.b(dst, 16) + struct.pack("!I3xB", length, nh)


def cksum(data: bytes) -> int:
    """in_cksum as tcpdump uses it: 0 when the data (with its checksum) is right."""
    return inet_checksum(bytes(data))


def shouldbe(sum_field: int, computed: int) -> int:
    """tcpdump's in_cksum_shouldbe."""
    s = sum_field + computed  # tcpdump adds ntohs() of a host-order sum: the wire value
    s = (s & 0xFFFF) + (s >> 16)
    s = (s & 0xFFFF) + (s >> 16)
    return s & 0xFFFF


def bittok(table: tuple[tuple[int, str], ...], none: str, value: int, sep: str = ", ") -> str:
    words = [w for bit, w in table if value & bit]
    return sep.join(words) if words else none


def safe(b: bytes) -> str:
    """Printable ASCII as is; anything else as '.' (terminal-safe)."""
    return "".join(chr(c) if 0x20 <= c < 0x7F else "." for c in b)


ETHERTYPES = {  # tcpdump's ethertype_values
    0x0800: "IPv4", 0x8847: "MPLS unicast", 0x8848: "MPLS multicast", 0x86DD: "IPv6",
    0x8100: "802.1Q", 0x9100: "802.1Q-9100", 0x88A8: "802.1Q-QinQ", 0x9200: "802.1Q-9200",
    0x88E5: "802.1AE MACsec", 0x0200: "PUP", 0x0806: "ARP", 0x8035: "Reverse ARP",
    0x0600: "NS", 0x0500: "Sprite", 0x1000: "Trail", 0x6001: "MOP DL", 0x6002: "MOP RC",
    0x6003: "DN", 0x6004: "LAT", 0x6007: "SCA", 0x6558: "TEB", 0x8038: "Lanbridge",
    0x803C: "DEC DNS", 0x803E: "DEC DTS", 0x805B: "VEXP", 0x805C: "VPROD",
    0x809B: "Appletalk", 0x80F3: "Appletalk ARP", 0x8137: "IPX", 0x880B: "PPP",
    0x8808: "MPCP", 0x8809: "Slow Protocols", 0x8863: "PPPoE D", 0x8864: "PPPoE S",
    0x888E: "EAPOL", 0x8899: "Realtek protocols", 0x886F: "MS NLB heartbeat",
    0x8870: "Jumbo", 0x894F: "NSH", 0x9000: "Loopback", 0xFEFE: "OSI", 0x00FE: "GRE-OSI",
    0xABCD: "CFM (old)", 0x8902: "CFM", 0x893A: "IEEE1905.1", 0x88CC: "LLDP", 0x88CA: "TIPC",
    0x0707: "GeoNet (old)", 0x8947: "GeoNet", 0x1111: "CALM FAST", 0x88A2: "AoE",
    0x88F7: "PTP", 0xD28B: "Arista Vendor Specific Protocol",
}

IPPROTO = {  # tcpdump's ipproto_values
    0: "Options", 1: "ICMP", 2: "IGMP", 4: "IPIP", 6: "TCP", 8: "EGP", 9: "IGRP", 17: "UDP",
    33: "DCCP", 41: "IPv6", 43: "Routing", 44: "Fragment", 46: "RSVP", 47: "GRE", 50: "ESP",
    51: "AH", 55: "Mobile IP", 58: "ICMPv6", 62: "Mobile IP (old)", 88: "EIGRP", 89: "OSPF",
    103: "PIM", 108: "Compressed IP", 112: "VRRP", 113: "PGM", 132: "SCTP", 135: "Mobility",
    143: "Ethernet",
}


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
            if not p.test(cp, 1):
                return None
            i = p.d[cp]
            ln = _labellen(p, cp)
            if ln < 0:
                return None
            cp += 1
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
        if not p.test(cp, 1):
            return None
        i = p.d[cp]
        ln = _labellen(p, cp)
        if ln < 0:
            return None
        cp += 1
        if not compress:
            rp += ln + 1
    if chars > MAXCDNAME:
        p.w("<DOMAIN NAME TOO LONG>")
    return rp if rp >= 0 else None  # a pointer cut off after its first byte


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
