"""DVMRP (RFC 1075, draft-ietf-idmr-dvmrp-v3; IGMP type 0x13) compared line
for line with the installed tcpdump: every frame whole and cut short at
every byte. The frames are built here with struct, independently of craft's
layer modules."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from test_tcpdump_differential import _cut_and_compare, _ip4

_ETH = bytes.fromhex("01005e0000040200000000010800")


def _cksum(b: bytes) -> int:
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack(f"!{len(b) // 2}H", b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def _igmp(code: int, body: bytes, minor: int = 0xFF, major: int = 3, good: bool = True) -> bytes:
    msg = struct.pack("!BBHBBBB", 0x13, code, 0, 0, 0, minor, major) + body
    if good:
        msg = msg[:2] + struct.pack("!H", _cksum(msg)) + msg[4:]
    else:
        msg = msg[:2] + b"\x12\x34" + msg[4:]
    return _ETH + _ip4(2, msg)


def _a(*x: int) -> bytes:
    return bytes(x)


def _dvmrp() -> list[bytes]:
    """Probes with neighbours, reports with routes of every mask width,
    ask-neighbors, neighbors and neighbors2 lists with every flag, prune,
    graft, graft-ack, unknown types, and short or bad lengths."""
    n1, n2, n3 = _a(10, 0, 0, 1), _a(10, 0, 0, 2), _a(172, 16, 5, 9)
    report = (_a(255, 0, 0) + _a(10, 1) + _a(20, 2, 0x83)    # /8 mask? width 2
              + _a(0, 0, 0) + _a(0, 5) + _a(11, 0x85)         # default route, width 1
              + _a(255, 255, 0) + _a(192, 168, 1, 0x01, 192, 168, 2, 0x82)
              + _a(255, 255, 255) + _a(192, 0, 2, 128, 0x90))
    frames = [
        _igmp(1, struct.pack("!I", 77)),
        _igmp(1, struct.pack("!I", 0xFFFFFFFF) + n1 + n2 + n3),
        _igmp(1, struct.pack("!I", 5) + n1 + b"\x01\x02"),
        _igmp(1, b"\x00\x01"),
        _igmp(1, b""),
        _igmp(2, report),
        _igmp(2, report, good=False),
        _igmp(2, _a(255, 255)),
        _igmp(2, _a(255, 255, 0) + _a(192, 168, 1)),
        _igmp(2, _a(255, 255, 0) + _a(192, 168, 1, 1, 192)),
        _igmp(2, b""),
        _igmp(3, b""), _igmp(3, b"abcd"), _igmp(5, b""),
        _igmp(4, n1 + _a(3, 16, 2) + n2 + n3 + n2 + _a(1, 1, 1) + n1),
        _igmp(4, n1 + _a(3, 16, 2) + n2),
        _igmp(4, n1 + _a(3, 16)),
        _igmp(4, n1 + _a(3, 16, 0)),
        _igmp(4, b""),
        _igmp(6, n1 + _a(1, 2, 0x01, 2) + n2 + n3 + n2 + _a(4, 5, 0x72, 1) + n1, 0x10, 3),
        _igmp(6, n1 + _a(1, 2, 0xFF, 1) + n2, 9, 1),
        _igmp(6, n1 + _a(1, 2, 0x00, 3) + n2),
        _igmp(6, n1 + _a(1, 2, 0x00, 0)),
        _igmp(6, n1 + _a(1, 2, 0x00, 1) + n2[:3]),
        _igmp(6, n1 + _a(1, 2, 0x00)),
        _igmp(6, n1 + _a(1, 2, 0x00, 1) + n2 + n1 + _a(1)),
        _igmp(6, b""),
        _igmp(7, n3 + _a(239, 1, 2, 3) + struct.pack("!I", 7200)),
        _igmp(7, n3 + _a(239, 1, 2, 3) + struct.pack("!I", 0)),
        _igmp(7, n3 + _a(239, 1, 2, 3) + struct.pack("!I", 90061)),
        _igmp(7, n3 + _a(239, 1, 2, 3)),
        _igmp(8, n3 + _a(239, 1, 2, 3)),
        _igmp(8, n3),
        _igmp(9, n3 + _a(239, 1, 2, 3), good=False),
        _igmp(0, b""), _igmp(10, b"xyz"), _igmp(255, b""),
        _ETH + _ip4(2, _a(0x13, 1, 0, 0, 0, 0)),
        _ETH + _ip4(2, _a(0x13, 1, 0, 0, 0, 0, 0)),
    ]
    return frames


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-x -vv"])
def test_dvmrp_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _dvmrp(), flags, step=1, start=34)
    assert "igmp dvmrp Prune src 172.16.5.9 grp 239.1.2.3 timer 2h" in got
    assert "/tunnel" in got
    if "vv" in flags:
        assert "neighbor 172.16.5.9" in got
