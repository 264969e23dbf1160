"""Mixed test traffic for the pcap, filter, sniff tests and bench_sniff.

Frames are packed here with struct, independently of craft's layer modules,
so a reader or filter bug cannot hide behind the same code writing its input.
Addresses are from the documentation ranges only.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

CLIENT_MAC = bytes.fromhex("020000000001")
SERVER_MAC = bytes.fromhex("020000000002")
V4 = (bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2]), bytes([198, 51, 100, 7]))
V6 = (
    bytes.fromhex("20010db8000000000000000000000001"),
    bytes.fromhex("20010db8000000000000000000000002"),
)


def csum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return ~s & 0xFFFF


def ether(dst: bytes, src: bytes, etype: int, payload: bytes) -> bytes:
    return dst + src + struct.pack("!H", etype) + payload


def ipv4(src: bytes, dst: bytes, proto: int, payload: bytes, ident: int = 1,
         ttl: int = 64) -> bytes:
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, 0x4000, ttl, proto, 0, src,
                    dst)
    return h[:10] + struct.pack("!H", csum(h)) + h[12:] + payload


def ipv6(src: bytes, dst: bytes, nh: int, payload: bytes) -> bytes:
    return struct.pack("!IHBB16s16s", 6 << 28, len(payload), nh, 64, src, dst) + payload


def _l4(proto: int, src: bytes, dst: bytes, seg: bytes, at: int) -> bytes:
    if len(src) == 4:
        ph = src + dst + struct.pack("!BBH", 0, proto, len(seg))
    else:
        ph = src + dst + struct.pack("!IxxxB", len(seg), proto)
    c = csum(ph + seg) or 0xFFFF
    return seg[:at] + struct.pack("!H", c) + seg[at + 2 :]


def udp(src: bytes, dst: bytes, sport: int, dport: int, data: bytes) -> bytes:
    seg = struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data
    return _l4(17, src, dst, seg, 6)


def tcp(src: bytes, dst: bytes, sport: int, dport: int, seq: int, ack: int, flags: int,
        data: bytes = b"", options: bytes = b"") -> bytes:
    off = (20 + len(options)) // 4
    seg = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, off << 4, flags, 64240, 0,
                      0) + options + data
    return _l4(6, src, dst, seg, 16)


def icmp_echo(kind: int, ident: int, seq: int, data: bytes) -> bytes:
    m = struct.pack("!BBHHH", kind, 0, 0, ident, seq) + data
    return m[:2] + struct.pack("!H", csum(m)) + m[4:]


def arp(op: int, sha: bytes, spa: bytes, tha: bytes, tpa: bytes) -> bytes:
    return struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, op, sha, spa, tha, tpa)


def mixed_frame(i: int) -> bytes:
    """Frame number ``i`` of an endless mix of protocols (deterministic)."""
    c4, s4, o4 = V4
    kind = i % 12
    port = 50001 + (i * 7) % 15000  # ephemeral: no application decoder in tcpdump
    if kind == 0:
        return ether(SERVER_MAC, CLIENT_MAC, 0x0800,
                     ipv4(c4, s4, 1, icmp_echo(8, 0x1234, i & 0xFFFF, b"x" * 56), i & 0xFFFF))
    if kind == 1:
        return ether(CLIENT_MAC, SERVER_MAC, 0x0800,
                     ipv4(s4, c4, 1, icmp_echo(0, 0x1234, i & 0xFFFF, b"x" * 56), i & 0xFFFF))
    if kind == 2:
        return ether(SERVER_MAC, CLIENT_MAC, 0x0800,
                     ipv4(c4, s4, 17, udp(c4, s4, port, 40053, b"q" * (i % 40))))
    if kind == 3:
        opts = (bytes.fromhex("020405b4") + b"\x04\x02" + bytes.fromhex("080a")
                + struct.pack("!II", i, 0) + b"\x01\x03\x03\x07")
        return ether(SERVER_MAC, CLIENT_MAC, 0x0800,
                     ipv4(c4, s4, 6, tcp(c4, s4, port, 44444, i * 1000, 0, 0x02, options=opts)))
    if kind == 4:
        return ether(CLIENT_MAC, SERVER_MAC, 0x0800,
                     ipv4(s4, c4, 6, tcp(s4, c4, 44444, port, 5000, i * 1000 + 1, 0x12)))
    if kind == 5:
        return ether(SERVER_MAC, CLIENT_MAC, 0x0800,
                     ipv4(c4, s4, 6, tcp(c4, s4, port, 44444, i * 1000 + 1, 5001, 0x18,
                                         b"GET / HTTP/1.0\r\n\r\n")))
    if kind == 6:
        return ether(b"\xff" * 6, CLIENT_MAC, 0x0806,
                     arp(1, CLIENT_MAC, c4, b"\0" * 6, s4) + b"\0" * 18)
    if kind == 7:
        return ether(CLIENT_MAC, SERVER_MAC, 0x0806,
                     arp(2, SERVER_MAC, s4, CLIENT_MAC, c4) + b"\0" * 18)
    if kind == 8:
        c6, s6 = V6
        return ether(SERVER_MAC, CLIENT_MAC, 0x86DD,
                     ipv6(c6, s6, 17, udp(c6, s6, port, 4242, b"six")))
    if kind == 9:
        c6, s6 = V6
        m = struct.pack("!BBHHH", 128, 0, 0, 7, i & 0xFFFF) + b"ping6"
        ph = c6 + s6 + struct.pack("!IxxxB", len(m), 58)
        m = m[:2] + struct.pack("!H", csum(ph + m)) + m[4:]
        return ether(SERVER_MAC, CLIENT_MAC, 0x86DD, ipv6(c6, s6, 58, m))
    if kind == 10:
        inner = ipv4(c4, o4, 17, udp(c4, o4, port, 40161, b"vlan"))
        return ether(SERVER_MAC, CLIENT_MAC, 0x8100,
                     struct.pack("!HH", (3 << 13) | 100, 0x0800) + inner)
    return ether(SERVER_MAC, CLIENT_MAC, 0x88B5, b"\x01\x02\x03\x04" + bytes(42))


def mixed_records(n: int, start: int = 1_700_000_000) -> Iterator[tuple[int, int, bytes, int]]:
    """``n`` records (ts_sec, ts_nsec, data, wirelen) with increasing timestamps."""
    for i in range(n):
        data = mixed_frame(i)
        nsec = (i % 1000) * 1_000_000 + (i * 7919) % 1000 * 1000 + i % 1000
        yield start + i // 1000, nsec, data, len(data)
