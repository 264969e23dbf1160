"""EGP (RFC 827/904, IP protocol 8) compared line for line with the installed
tcpdump: every frame whole and cut short at every byte. The frames are built
here with struct, independently of craft's layer modules."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from test_tcpdump_differential import _cut_and_compare, _ip4

_ETH = bytes.fromhex("0200000000020200000000010800")


def _egp(*, version: int = 2, kind: int = 1, code: int = 0, status: int = 1, asn: int = 65001,
         seq: int = 9, hg: bytes = b"\x00\x00", ps: bytes = b"\x00\x00\x00\x00", body: bytes = b"") -> bytes:
    return _ETH + _ip4(8, struct.pack("!BBBBHHH2s4s", version, kind, code, status, 0xABCD, asn, seq,
                                      hg, ps) + body)


def _egp_frames() -> list[bytes]:
    """Every type, code, status and reason (known and not), updates from
    class A, B, C and D source networks with interior and exterior gateways,
    distances and networks of every class, and updates cut short by their
    length."""
    frames = []
    for code in range(6):
        for status in (0, 1, 2, 3, 4, 5, 6, 7, 8):
            frames.append(_egp(kind=3, code=code, status=status, hg=b"\x00\x1e", ps=b"\x00\x78"))
    for code in (0, 1, 2):
        for status in (0, 1, 2, 3):
            frames.append(_egp(kind=5, code=code, status=status))
    for status in (0, 2, 3, 0x80, 0x81, 0x85):
        frames.append(_egp(kind=2, status=status, ps=bytes([10, 0, 0, 0])))
    for reason in (0, 3, 6, 7, 300):
        frames.append(_egp(kind=8, status=reason % 4, hg=struct.pack("!H", reason)))
    frames += [_egp(kind=0), _egp(kind=4), _egp(kind=255), _egp(version=1), _egp(version=3, kind=9)]
    # update from class C 192.0.2.0: 2 interior, 1 exterior gateway
    nets = bytes([10]) + bytes([172, 16]) + bytes([192, 168, 1]) + bytes([224, 1, 2])
    gw_c = (bytes([1, 2]) + bytes([0, 2]) + nets + bytes([5, 1, 10])
            + bytes([2, 1]) + bytes([3, 0])
            + bytes([254, 0]))
    frames.append(_egp(kind=1, status=0x81, hg=bytes([2, 1]), ps=bytes([192, 0, 2, 0]), body=gw_c))
    # class A source: 3 host octets each
    gw_a = bytes([0, 0, 1, 1, 7, 1, 128, 1])
    frames.append(_egp(kind=1, status=1, hg=bytes([1, 0]), ps=bytes([10, 0, 0, 0]), body=gw_a))
    # class B source: 2 host octets each; exterior only
    gw_b = bytes([3, 4, 1, 1, 1, 99]) + bytes([3, 5, 0])
    frames.append(_egp(kind=1, status=2, hg=bytes([0, 2]), ps=bytes([172, 16, 0, 0]), body=gw_b))
    # class D source: the pointer never moves past the distance count
    frames.append(_egp(kind=1, status=1, hg=bytes([1, 0]), ps=bytes([224, 0, 0, 1]), body=bytes([0, 0, 0, 0, 0])))
    frames.append(_egp(kind=1, status=1, hg=bytes([1, 0]), ps=bytes([224, 0, 0, 1]), body=bytes([1, 2, 3, 4, 5])))
    # tcpdump 4.99 classifies the source by its last octet (host byte order)
    gw_x = bytes([1, 2, 2, 0, 1, 10, 1, 1, 150, 7]) + bytes([3, 4, 1, 9, 1, 200, 1, 2])
    for last in (130, 200, 240):
        frames.append(_egp(kind=1, status=1, hg=bytes([1, 1]), ps=bytes([10, 1, 2, last]), body=gw_x))
    # short by length (not by capture)
    frames.append(_egp(kind=1, status=1, hg=bytes([1, 0]), ps=bytes([192, 0, 2, 0]), body=b""))
    frames.append(_egp(kind=1, status=1, hg=bytes([1, 0]), ps=bytes([192, 0, 2, 0]), body=bytes([5])))
    frames.append(_egp(kind=1, status=1, hg=bytes([1, 0]), ps=bytes([192, 0, 2, 0]), body=bytes([5, 1, 3])))
    frames.append(_egp(kind=1, status=1, hg=bytes([1, 0]), ps=bytes([192, 0, 2, 0]), body=bytes([5, 1, 3, 2, 10])))
    frames.append(_egp(kind=1, status=1, hg=bytes([1, 0]), ps=bytes([192, 0, 2, 0]), body=bytes([5, 1, 3, 1, 172])))
    frames.append(_egp(kind=1, status=1, hg=bytes([1, 0]), ps=bytes([192, 0, 2, 0]), body=bytes([5, 1, 3, 1, 200, 1])))
    frames.append(_egp(kind=1, status=1, hg=bytes([2, 0]), ps=bytes([192, 0, 2, 0]), body=bytes([5, 0])))
    frames.append(_ETH + _ip4(8, bytes([2, 1, 0, 1, 0, 0, 0, 1, 0, 2, 0, 0, 192, 0, 2])))
    frames.append(_ETH + _ip4(8, bytes([2, 1])))
    return frames


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-x -vv"])
def test_egp_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _egp_frames(), flags, step=1, start=34)
    if "v" not in flags:
        assert "EGPv2, AS 65001, seq 9, length 16" in got
    else:
        assert " acquire request active_mode hello:30 poll:120" in got
        assert " update state:up 10.0.0.0 int 1 ext 0 int 1.0.0.0 (d7: 0.0.1.128)" in got
        assert " error state:down unsupported_version" in got
