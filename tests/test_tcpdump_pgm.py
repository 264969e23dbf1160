"""PGM (RFC 3208, IP protocol 113) compared line for line with the installed
tcpdump: every frame whole and cut short at every byte. The frames are built
here with struct, independently of craft's layer modules."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from test_tcpdump_differential import _cut_and_compare, _ip4

_ETH4 = bytes.fromhex("0200000000020200000000010800")
_ETH6 = bytes.fromhex("333300000001020000000001") + b"\x86\xdd"
_SRC6 = bytes.fromhex("20010db8000000000000000000000001")
_DST6 = bytes.fromhex("ff0e0000000000000000000000000123")
_u16, _u32 = struct.Struct("!H").pack, struct.Struct("!I").pack
_NLA4 = _u16(1) + bytes(2) + bytes([192, 0, 2, 9])
_NLA6 = _u16(2) + bytes(2) + bytes.fromhex("20010db80000000000000000000000aa")


def _hdr(kind: int, body: bytes, opts: bytes = b"", sport: int = 1234, dport: int = 7500,
         tsdu: int = 100) -> bytes:
    flags = 0x01 if opts else 0
    return (struct.pack("!HHBBH6sH", sport, dport, kind, flags, 0, bytes.fromhex("0a0b0c0d0e0f"), tsdu)
            + body + opts)


def _opt(kind: int, body: bytes, length: int | None = None) -> bytes:
    return bytes([kind, 2 + len(body) if length is None else length]) + body


def _opts(*items: bytes, total: int | None = None) -> bytes:
    """An OPT_LENGTH option then the options; the last one gets the end bit."""
    items = list(items)
    if items:
        items[-1] = bytes([items[-1][0] | 0x80]) + items[-1][1:]
    body = b"".join(items)
    return _opt(0, _u16(4 + len(body) if total is None else total)) + body


def _v6(payload: bytes) -> bytes:
    return _ETH6 + struct.pack("!IHBB16s16s", 6 << 28, len(payload), 113, 64, _SRC6, _DST6) + payload


def _pgm() -> list[bytes]:
    """Every packet type over IPv4 and IPv6 NLAs, every option tcpdump
    decodes with good and bad lengths, bad option chains, unknown types."""
    spm = _u32(7) + _u32(3) + _u32(9)
    poll = _u32(5) + _u16(2) + _u16(0)
    nak = _u32(77)
    data = _u32(10) + _u32(4)
    r = bytes(2)
    good_opts = [
        _opt(1, r + _u32(1) + _u32(2) + _u32(3)),
        _opt(2, r + _u32(11) + _u32(12) + _u32(13)),
        _opt(3, r + _u32(42)),
        _opt(4, r + _u32(5) + _u32(6)),
        _opt(5, r + _u32(7) + _u32(8)),
        _opt(7, r + _NLA4),
        _opt(7, r + _NLA6),
        _opt(8, r + _u32(16)),
        _opt(9, r + _u32(17)),
        _opt(10, r + _u32(18)),
        _opt(11, r),
        _opt(12, r + _u32(1)),
        _opt(13, r), _opt(14, r), _opt(15, r),
        _opt(16, r + _u32(5) + _u32(6)),
        _opt(17, r),
        _opt(18, r + _u32(99) + _NLA4),
        _opt(18, r + _u32(98) + _NLA6),
        _opt(19, r + _u32(97) + _NLA4),
        _opt(19, r + _u32(96) + _NLA6),
        _opt(6, r + _u32(1)),
        _opt(0, r),
        _opt(0x7f, r + b"xy"),
    ]
    bad_opts = [
        _opt(1, r + _u32(1)), _opt(3, r), _opt(4, r), _opt(5, r), _opt(7, r),
        _opt(7, r + _u16(1) + r), _opt(7, r + _u16(2) + r + bytes(4)), _opt(7, r + _u16(9) + r),
        _opt(8, r), _opt(9, r), _opt(10, r), _opt(11, r + r), _opt(13, r + r), _opt(14, r + r),
        _opt(15, r + r), _opt(17, r + r), _opt(18, r + _u32(1)), _opt(18, r + _u32(1) + _u16(1) + r),
        _opt(18, r + _u32(1) + _u16(2) + r + bytes(4)), _opt(18, r + _u32(1) + _u16(5) + r),
        _opt(19, r), _opt(19, r + _u32(1) + _u16(1) + r + bytes(8)),
        _opt(19, r + _u32(1) + _u16(2) + r), _opt(19, r + _u32(1) + _u16(3) + r + bytes(4)),
        _opt(2, r + b"abc"), _opt(0, r + r), _opt(1, b"", 3), _opt(1, b"", 2),
        _opt(2, r + _u32(1), 20),
    ]
    bodies = [
        (0, spm + _NLA4), (0, spm + _NLA6), (0, spm + _u16(3) + r + bytes(4)),
        (1, poll + _NLA4 + _u32(1) + _u32(0xdeadbeef) + _u32(0xff00)),
        (1, poll + _NLA6 + _u32(2) + _u32(3) + _u32(4)), (1, poll + _u16(7) + r),
        (2, _u32(8) + _u16(9) + r), (4, data + b"payload"), (5, data + b"repair"),
        (8, nak + _NLA4 + _NLA4), (9, nak + _NLA6 + _NLA6), (10, nak + _NLA4 + _NLA6),
        (8, nak + _NLA4 + _u16(1) + r + bytes([0, 1, 0, 2])),
        (8, nak + _NLA4 + bytes([0, 1, 0, 0, 0, 1, 2, 3, 4, 5])),
        (8, nak + _NLA4 + bytes([0, 2, 0, 0]) + bytes(20)),
        (8, nak + _NLA6 + bytes([0, 1, 0, 0, 0, 2, 0, 0]) + bytes(16)),
        (8, nak + _u16(9) + r + bytes(8)), (8, nak + _NLA4 + bytes([0, 7, 0, 0, 0, 7])),
        (11, _u32(55) + _u32(0xffff)), (13, _u32(56) + _u32(1)), (12, b""),
        (3, b"what"), (6, b""), (14, bytes(8)), (255, b""),
    ]
    frames = []
    for kind, body in bodies:
        frames.append(_ETH4 + _ip4(113, _hdr(kind, body)))
    frames.append(_v6(_hdr(0, spm + _NLA6)))
    frames.append(_v6(_hdr(8, nak + _NLA6 + bytes([0, 2, 0, 0]) + bytes(16), _opts(_opt(2, r + _u32(1))))))
    frames.append(_v6(_hdr(4, data + b"x", _opts(_opt(1, r + _u32(1) + _u32(2) + _u32(3))))))
    frames.append(_ETH4 + _ip4(113, _hdr(4, data, _opts(*good_opts))))
    for o in good_opts + bad_opts:
        frames.append(_ETH4 + _ip4(113, _hdr(5, data, _opts(o, _opt(13, r)))))
        frames.append(_ETH4 + _ip4(113, _hdr(11, _u32(1) + _u32(2), _opts(o))))
    for kind, body in bodies[:12]:
        frames.append(_ETH4 + _ip4(113, _hdr(kind, body, _opts(_opt(3, r + _u32(1)), _opt(14, r)))))
    frames += [
        _ETH4 + _ip4(113, _hdr(4, data, _opt(1, r))),
        _ETH4 + _ip4(113, _hdr(4, data, _opt(0, r + _u16(8), 5))),
        _ETH4 + _ip4(113, _hdr(4, data, _opts(total=2))),
        _ETH4 + _ip4(113, _hdr(4, data, _opts(total=6) + _opt(13, r))),
        _ETH4 + _ip4(113, _hdr(4, data, _opts(_opt(13, r)) + b"\x8d\x04\x00\x00", tsdu=0)),
        _ETH4 + _ip4(113, _hdr(4, data, _opts(_opt(13, r)) [:-1] + b"\x0d" + _opt(14, r) + _opt(0x8f, r),
                               tsdu=65535)),
        _ETH4 + _ip4(113, _hdr(4, data, _opts(_opt(13, r), total=12) + _opt(0x8e, r))),
        _ETH4 + _ip4(113, _hdr(4, data, _opts(_opt(13, r), total=8) + _opt(0x8e, r))),
        _ETH4 + _ip4(113, _hdr(4, data, _opts(_opt(13, r), total=10) + _opt(0x8e, r))),
        _ETH4 + _ip4(113, _hdr(4, b"")),
        _ETH4 + _ip4(113, b"\x04\xd2\x1d\x4c\x04"),
        _ETH4 + _ip4(113, b"\x04\xd2"),
        _ETH4 + _ip4(113, _hdr(4, data, sport=80, dport=53)),
        _ETH4 + _ip4(113, _hdr(12, b"", _opts(_opt(13, r)))),
        _ETH4 + _ip4(113, _hdr(3, b"", _opts(_opt(13, r)))),
        _ETH4 + _ip4(113, _hdr(4, data, _opts(_opt(2, r + _u32(5) + _u32(6)), _opt(14, r)))),
        _ETH4 + _ip4(113, _hdr(4, data, _opts(_opt(7, r + _u16(2) + r + bytes(8))))),
        _ETH4 + _ip4(113, _hdr(4, data, _opts(_opt(0x90, r + b"ab"), _opt(13, r)))),
        _ETH4 + _ip4(113, _hdr(4, data, _opts(_opt(0x8c, r + b"ab"), _opt(13, r)))),
        # behind an IPv6 hop-by-hop header: the ports alone
        _ETH6 + struct.pack("!IHBB16s16s", 6 << 28, 8 + 24, 0, 64, _SRC6, _DST6)
        + bytes([113, 0, 1, 4, 0, 0, 0, 0]) + _hdr(4, data),
    ]
    return frames


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-x -vv"])
def test_pgm_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _pgm(), flags, step=1, start=42)
    assert "192.0.2.1.1234 > 192.0.2.2.7500: PGM, length 100" in got
    if "v" in flags:
        assert "SPM seq 7 trail 3 lead 9 nla 192.0.2.9" in got
        assert " FRAG seq 1 off 2 len 3" in got
