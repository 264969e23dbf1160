"""MSDP (RFC 3618, TCP 639) compared line for line with the installed
tcpdump: every frame whole and cut short at every byte. The frames are built
here with struct, independently of craft's layer modules."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from test_tcpdump_differential import _cut_and_compare, _ip4

_ETH = bytes.fromhex("0200000000020200000000010800")
_u16, _u32 = struct.Struct("!H").pack, struct.Struct("!I").pack


def _tcp(payload: bytes, sport: int = 40000, dport: int = 639) -> bytes:
    """Ethernet + IPv4 + a 20-byte TCP header (PSH|ACK) + payload."""
    return _ETH + _ip4(6, struct.pack("!HHIIBBHHH", sport, dport, 1, 2, 0x50, 0x18, 8192, 0, 0)
                       + payload)


def _tlv(kind: int, body: bytes, length: int | None = None) -> bytes:
    return bytes([kind]) + _u16(3 + len(body) if length is None else length) + body


def _msdp() -> list[bytes]:
    """Source-Active messages with entries and encapsulated data, SA
    requests and responses, keepalives, notifications, unknown types, several
    messages in one segment, and bad lengths."""
    rp = bytes([10, 0, 0, 1])

    def entry(group: bytes, source: bytes, plen: int = 32) -> bytes:
        return bytes(3) + bytes([plen]) + group + source

    g1, s1 = bytes([239, 1, 1, 1]), bytes([192, 0, 2, 10])
    inner = _ip4(17, struct.pack("!HHHH", 5000, 5001, 12, 0) + b"data", src=s1, dst=g1)
    sa = _tlv(1, bytes([2]) + rp + entry(g1, s1) + entry(bytes([239, 2, 2, 2]), bytes([198, 51, 100, 7]), 24))
    msgs = [
        sa, _tlv(1, bytes([1]) + rp + entry(g1, s1) + inner), _tlv(3, bytes([1]) + rp + entry(g1, s1)),
        _tlv(1, bytes([0]) + rp), _tlv(1, bytes([5]) + rp + entry(g1, s1)), _tlv(1, b""), _tlv(1, b"\x01"),
        _tlv(1, b"\x01\x0a\x00"), _tlv(2, b"\x00" + g1), _tlv(2, b"\x00" + g1 + b"xx"), _tlv(2, b"\x00\x00"),
        _tlv(2, b""), _tlv(4, b""), _tlv(4, b"\x00"), _tlv(5, b"\x80\x01\x02"), _tlv(6, b"abc"), _tlv(7, b""),
        _tlv(9, b""), _tlv(0, b""), _tlv(4, b"", length=2), _tlv(4, b"", length=1501), _tlv(4, b"", length=1401),
        _tlv(4, b"", length=9), _tlv(1, bytes([1]) + rp + entry(g1, s1), length=1450),
    ]
    frames = [_tcp(m) for m in msgs]
    frames += [
        _tcp(_tlv(4, b"") + sa + _tlv(2, b"\x00" + g1) + _tlv(4, b"")),
        _tcp(_tlv(4, b"") + _tlv(0, b"")), _tcp(_tlv(4, b"") + _tlv(8, b"")), _tcp(_tlv(4, b"") + b"\x04\x00"),
        _tcp(_tlv(4, b"") + _tlv(4, b"", length=2)), _tcp(_tlv(4, b"") + _tlv(4, b"", length=9)),
        _tcp(_tlv(4, b"") + _tlv(4, b"", length=1600) + bytes(8)),
        _tcp(msgs[1] + _tlv(4, b"") + _tlv(2, b"\x00" + g1)), _tcp(msgs[1] + _tlv(4, b"", length=9)),
        _tcp(msgs[1] + _tlv(4, b"", length=1)), _tcp(_tlv(1, bytes([1]) + rp + entry(g1, s1) + inner[:24])),
        _tcp(_tlv(1, bytes([0]) + rp + b"\x60" + bytes(20))),
        _tcp(b"\x04"), _tcp(b"\x04\x00"), _tcp(_tlv(4, b""), sport=639, dport=40000),
    ]
    return frames


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-x -vv"])
def test_msdp_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _msdp(), flags, step=1, start=42)
    if not flags:
        assert ": msdp SA 2 entries" in got
        assert ": msdp Keepalive SA 2 entries SA-Request for 239.1.1.1 Keepalive" in got
    else:
        assert ": msdp [len 32] SA 2 entries" in got
    if "-vv" in flags:
        assert "SA 1 entries [w/data] IP (tos 0x0, ttl 64, id 1, offset 0, flags [none], proto UDP (17), length 32)" in got
