"""IGRP (Cisco, IP protocol 9) compared line for line with the installed
tcpdump: every frame whole and cut short at every byte. The frames are built
here with struct, independently of craft's layer modules."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from test_tcpdump_differential import _cut_and_compare, _ip4

_ETH = bytes.fromhex("0200000000020200000000010800")


def _hdr(vop: int, nint: int, nsys: int, next_: int, edition: int = 7, asn: int = 100,
         cksum: int = 0xBEEF) -> bytes:
    return struct.pack("!BBHHHHH", vop, edition, asn, nint, nsys, next_, cksum)


def _rte(net: bytes, delay: int, bw: int, mtu: int = 1500, rel: int = 255, load: int = 1,
         hops: int = 0) -> bytes:
    return net + delay.to_bytes(3, "big") + bw.to_bytes(3, "big") + struct.pack("!HBBB", mtu, rel, load, hops)


def _igrp() -> list[bytes]:
    """Updates with interior, system and exterior routes, requests, unknown
    opcodes, counts that disagree with the length, extra bytes, short
    headers and extreme metrics."""
    r1 = _rte(bytes([10, 1, 2]), 2000, 6476, hops=1)
    r2 = _rte(bytes([172, 16, 0]), 0xFFFFFF, 0, mtu=65535, rel=0, load=255, hops=255)
    r3 = _rte(bytes([192, 168, 7]), 100, 1, mtu=1476, hops=3)
    r4 = _rte(bytes([198, 51, 100]), 0xFFF000, 0xFFF000)
    frames = [
        _hdr(0x11, 1, 1, 1) + r1 + r2 + r3,
        _hdr(0x11, 2, 0, 0) + r1 + r4,
        _hdr(0x11, 0, 2, 2) + r3 + r2 + r1 + r4,
        _hdr(0x12, 0, 0, 0),
        _hdr(0x12, 0, 0, 0) + bytes(14),
        _hdr(0x12, 0, 0, 0) + bytes(20),
        _hdr(0x11, 1, 0, 0) + r1 + b"abc",
        _hdr(0x11, 3, 0, 1) + r1,
        _hdr(0x11, 0, 0, 1) + r1 + r2,
        _hdr(0x13, 0, 0, 0), _hdr(0x2F, 0, 0, 0), _hdr(0x00, 0, 0, 0),
        _hdr(0x11, 0, 0, 0, 255, 65535, 0),
        _hdr(0x11, 1, 1, 1)[:10],
        _hdr(0x11, 1, 1, 1)[:11] + r1[:5],
        _hdr(0x11, 1, 0, 0)[:6],
    ]
    short = _ip4(9, _hdr(0x11, 1, 0, 0)[:10])  # an IP length short of the header, then padding
    return [_ETH + _ip4(9, f) for f in frames] + [_ETH + short + r1]


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-x -vv"])
def test_igrp_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _igrp(), flags, step=1, start=34)
    assert "igrp: update V1 edit=7 AS=100 (1/1/1)" in got
    assert " *.10.1.2 d=20000 b=1544 r=255 l=1 M=8476 mtu=1500 in 1 hops" in got
    assert " X192.168.7.0" in got
    if "v" in flags:
        assert " checksum=0xbeef" in got
