"""Overlays against the installed tcpdump: OTV (UDP 8472), VXLAN-GPE (UDP
4790), NSH (in VXLAN-GPE and as ethertype 0x894F) and Cisco auto-RP (UDP
496), each frame whole and cut short at every byte."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from test_tcpdump_differential import _cut_and_compare, _ip4

_ETH4 = bytes.fromhex("020000000002020000000001") + b"\x08\x00"


def _udp(sport: int, dport: int, data: bytes) -> bytes:
    return _ETH4 + _ip4(17, struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data)


def _inner_ip() -> bytes:
    icmp = struct.pack("!BBHHH", 8, 0, 0xF7FD, 1, 1) + b"ping"
    return _ip4(1, icmp, src=bytes([198, 51, 100, 1]), dst=bytes([198, 51, 100, 2]))


def _inner_ip6() -> bytes:
    udp = struct.pack("!HHHH", 1000, 2000, 12, 0) + b"abcd"
    return (struct.pack("!IHBB", 6 << 28, len(udp), 17, 64) + bytes.fromhex("20010db8" + "00" * 11 + "01")
            + bytes.fromhex("20010db8" + "00" * 11 + "02") + udp)


def _inner_eth() -> bytes:
    return bytes.fromhex("0a0000000002" "0a0000000001") + b"\x08\x00" + _inner_ip()


def _overlay() -> list[bytes]:
    """OTV with and without the I flag, VXLAN-GPE carrying IPv4, IPv6,
    Ethernet, NSH and an unknown protocol (flags P, I, O, B and a version),
    auto-RP mappings and candidate adverts (several RPs and ranges, negative,
    bidir and reserved bits, hold 0), each also too short."""
    otv = [struct.pack("!B3sI", 0x08, (4242).to_bytes(3, "big"), 7 << 8) + _inner_eth(),
           struct.pack("!B3sI", 0x00, b"\0\0\1", (1 << 8) | 0xAA) + _inner_eth(), b"\x08\x00\x00"]
    gpe = [bytes([flags, 0, 0, nextp]) + struct.pack("!I", 77 << 8) + inner
           for flags, nextp, inner in ((0x0C, 1, _inner_ip()), (0x0C, 2, _inner_ip6()),
                                       (0x0C, 3, _inner_eth()), (0x0D, 1, _inner_ip()),
                                       (0x0E, 1, _inner_ip()), (0x04, 1, _inner_ip()),
                                       (0x2C, 1, _inner_ip()), (0x08, 9, b"xyz"),
                                       (0x0C, 4, bytes.fromhex("0fc6010100002a01") + bytes(16)),
                                       (0x00, 0, b""))] + [b"\x0c\x00\x00\x01\x00"]

    def rp(addr: bytes, ver: int, ranges: list[tuple[int, int, bytes]]) -> bytes:
        return addr + bytes([ver, len(ranges)]) + b"".join(
            struct.pack("!BB4s", flags, plen, grp) for flags, plen, grp in ranges)

    rps = (rp(bytes([192, 0, 2, 9]), 2, [(0, 4, bytes([224, 0, 0, 0])), (1, 24, bytes([239, 1, 2, 0]))])
           + rp(bytes([192, 0, 2, 10]), 0x07, [(0x02, 16, bytes([232, 0, 0, 0])), (0x0C, 8, bytes([225, 0, 0, 0]))]))
    autorp = [bytes([0x12, 2]) + struct.pack("!HI", 181, 0) + rps,
              bytes([0x11, 1]) + struct.pack("!HI", 0, 0) + rp(bytes([192, 0, 2, 11]), 1, []),
              bytes([0x13, 3]) + struct.pack("!HI", 3600, 0) + rps, bytes([0x12, 1, 0, 5])]
    return ([_udp(40000, 8472, d) for d in otv] + [_udp(40000, 4790, d) for d in gpe]
            + [_udp(496, 496, d) for d in autorp] + _nsh())


def _nsh() -> list[bytes]:
    """NSH (ethertype 0x894F): MD type 1 contexts, MD type 2 TLVs (padded,
    empty, too long), the O flag, version 1, too few or too many headers,
    IPv4, IPv6, Ethernet and unknown next protocols."""
    def nsh(ver: int, flags: int, length: int, md: int, nextp: int, ctx: bytes, inner: bytes) -> bytes:
        base = (ver << 30) | (flags << 28) | (63 << 22) | (length << 16) | (md << 8) | nextp
        return (bytes.fromhex("020000000002020000000001") + b"\x89\x4f" + struct.pack("!II", base, (42 << 8) | 255)
                + ctx + inner)
    tlvs = struct.pack("!HBB", 7, 1, 3) + b"abc\0" + struct.pack("!HBB", 8, 2, 0)
    return [nsh(0, 0, 6, 1, 1, bytes(range(16)), _inner_ip()), nsh(0, 2, 6, 1, 2, bytes(16), _inner_ip6()),
            nsh(0, 0, 5, 2, 3, tlvs, _inner_eth()), nsh(0, 0, 3, 2, 1, tlvs, _inner_ip()),
            nsh(0, 0, 2, 0, 9, b"", b"xx"), nsh(1, 0, 2, 1, 1, b"", _inner_ip()),
            nsh(0, 0, 1, 1, 1, b"", _inner_ip()), nsh(0, 0, 40, 1, 1, b"", _inner_ip()),
            nsh(0, 0, 5, 1, 1, bytes(12), _inner_ip())]


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-vvv", "-e", "-x -vv"])
def test_overlays_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _overlay(), flags, step=1, start=14)
    assert "OTV, flags [I] (0x08), overlay 4242, instance 7" in got
    assert "VXLAN-GPE, flags [IP], vni 77" in got
    assert "auto-rp mapping Hold 3m1s RP 192.0.2.9 PIMv2 224.0.0.0/4,!239.1.2.0/24" in got
    assert "NSH, " in got and "service-path-id 0x00002a, service-index 0xff" in got
