"""MPLS LSP ping/traceroute (RFC 4379/8029, UDP 3503) compared line for line
with the installed tcpdump: every frame whole and cut short at every byte.
The frames are built here with struct, independently of craft's layer
modules."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from test_tcpdump_differential import _cut_and_compare, _ip4

_ETH = bytes.fromhex("0200000000020200000000010800")
_u16, _u32 = struct.Struct("!H").pack, struct.Struct("!I").pack


def _udp(payload: bytes, sport: int = 40000, dport: int = 3503, ulen: int | None = None) -> bytes:
    n = 8 + len(payload) if ulen is None else ulen
    return _ETH + _ip4(17, struct.pack("!HHHH", sport, dport, n, 0) + payload)


def _tlv(kind: int, value: bytes, length: int | None = None, pad: bool = True) -> bytes:
    n = len(value) if length is None else length
    body = value + (bytes(-len(value) % 4) if pad else b"")
    return _u16(kind) + _u16(n) + body


def _echo(*tlvs: bytes, version: int = 1, kind: int = 1, mode: int = 2, code: int = 0, sub: int = 0,
          handle: int = 0x11223344, seq: int = 7, sent: tuple[int, int] = (3900000000, 0x80000000),
          rcvd: tuple[int, int] = (0, 0)) -> bytes:
    return (_u16(version) + _u16(0) + bytes([kind, mode, code, sub]) + _u32(handle) + _u32(seq)
            + _u32(sent[0]) + _u32(sent[1]) + _u32(rcvd[0]) + _u32(rcvd[1]) + b"".join(tlvs))


def _lspping() -> list[bytes]:
    """Echo requests and replies with every return code, each Target FEC
    sub-TLV tcpdump decodes (right and wrong lengths, padding), Downstream
    Mapping of every address type, BFD discriminator, vendor TLVs, unknown
    TLVs, TLVs past the end and bad versions."""
    v4, v6 = bytes([10, 0, 0, 1]), bytes.fromhex("20010db8000000000000000000000001")
    rd0, rd1, rd2 = _u16(0) + _u16(65000) + _u32(7), _u16(1) + v4 + _u16(9), _u16(2) + _u32(65536) + _u16(3)

    def fec(*subs: bytes) -> bytes:
        return _tlv(1, b"".join(subs))

    subs = [
        _tlv(1, v4 + b"\x20"), _tlv(2, v6 + b"\x80"), _tlv(12, v4 + b"\x18"), _tlv(13, v6 + b"\x40"),
        _tlv(3, v4 + _u16(0) + _u16(0x10) + v4 + bytes([10, 0, 0, 2]) + _u16(0) + _u16(0x20)),
        _tlv(4, v6 + _u16(0) + _u16(0x10) + v6 + v6[::-1] + _u16(0) + _u16(0x20)),
        _tlv(6, rd0 + v4 + b"\x18"), _tlv(6, rd1 + v4 + b"\x18"), _tlv(7, rd2 + v6 + b"\x40"),
        _tlv(7, _u16(7) + bytes(6) + v6 + b"\x40"),
        _tlv(8, rd0 + _u16(1) + _u16(2) + _u16(5)), _tlv(8, rd1 + _u16(1) + _u16(2) + _u16(0x99)),
        _tlv(9, v4 + _u32(100) + _u16(4)), _tlv(10, v4 + bytes([10, 0, 0, 9]) + _u32(100) + _u16(0x8005)),
        _tlv(11, bytes(8)), _tlv(16, _u32(3)), _tlv(5, b""),
        _tlv(1, v4), _tlv(2, v6), _tlv(12, v4 + b"\x18\x00"), _tlv(13, v6), _tlv(3, bytes(16)), _tlv(4, bytes(20)),
        _tlv(6, bytes(12)), _tlv(7, bytes(12)), _tlv(8, bytes(10)), _tlv(9, bytes(12)), _tlv(10, bytes(10)),
    ]
    tlvs = [
        fec(subs[0], subs[2]), *(fec(s) for s in subs), fec(),
        fec(b"\x00\x01"), fec(_tlv(1, v4 + b"\x20", length=12, pad=False)),
        fec(_tlv(1, v4 + b"\x20", pad=False)), _tlv(1, _tlv(1, v4 + b"\x20", pad=False) + b"\x00\x00"),
        _tlv(2, _u16(1500) + b"\x01\x00" + v4 + bytes([10, 0, 0, 2]) + b"\x00\x00" + _u16(0) + _u32(0x12345100)),
        _tlv(2, _u16(1500) + b"\x02\x00" + v4 + _u32(5) + b"\x00\x00" + _u16(0)),
        _tlv(2, _u16(9000) + b"\x03\x00" + v6 + v6 + b"\x00\x00" + _u16(0)),
        _tlv(2, _u16(9000) + b"\x04\x00" + v6 + _u32(6) + b"\x00\x00" + _u16(0)),
        _tlv(2, _u16(9000) + b"\x05\x00" + bytes(4)), _tlv(2, _u16(9000) + b"\x05\x00"),
        _tlv(2, _u16(9000)), _tlv(2, _u16(1500) + b"\x01\x00" + v4), _tlv(2, _u16(1500) + b"\x01\x00" + v4 + v4),
        _tlv(2, _u16(1500) + b"\x02\x00" + v4), _tlv(2, _u16(1500) + b"\x03\x00" + v6),
        _tlv(2, _u16(1500) + b"\x04\x00" + v6),
        _tlv(3, bytes(5)), _tlv(5, _u32(9)), _tlv(5, _u32(2636)), _tlv(5, _u32(123456)), _tlv(5, b"\x00"),
        _tlv(7, _u32(0x00010100)), _tlv(9, b"\x01\x02"), _tlv(10, b"\x20"), _tlv(15, _u32(0xCAFE)),
        _tlv(15, b"\x01"), _tlv(0xFC00, _u32(2636) + b"data"), _tlv(99, b"xyz"), _tlv(4, b""),
    ]
    frames = [_udp(_echo(t)) for t in tlvs]
    frames += [_udp(_echo(*tlvs[:6], kind=2, mode=3, code=3, sub=1, rcvd=(3900000001, 0x40000000)))]
    frames += [_udp(_echo(kind=k, mode=m, code=c, sub=2))
               for k, m, c in ((1, 1, 0), (2, 4, 1), (2, 5, 2), (3, 0, 4), (2, 2, 5), (2, 2, 8), (2, 2, 9),
                               (2, 2, 10), (2, 2, 11), (2, 2, 12), (2, 2, 13), (2, 2, 14), (2, 2, 6), (2, 2, 7))]
    frames += [
        _udp(_echo(version=2)), _udp(_echo()[:31]), _udp(_echo()[:20]), _udp(_echo() + b"\x00\x01"),
        _udp(_echo() + b"\x00\x01\x00\x00"), _udp(_echo() + b"\x00\x01\x00\x08abcd"),
        _udp(_echo(_tlv(3, b"abc", pad=False))), _udp(_echo(_tlv(3, b"abcde", pad=False))),
        _udp(_echo(fec(_tlv(1, v4 + b"\x20")), _tlv(3, b"ab")), ulen=8 + 32 + 12 + 2),
        _udp(_echo(_tlv(15, _u32(1))), sport=3503, dport=40000),
        _udp(_echo(sent=(0, 0), rcvd=(1, 1))),
        _udp(_echo(sent=(0xFFFFFFFF, 0xFFFFFFFF), rcvd=(2208988800, 5))),
    ]
    return frames


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-x -vv"])
def test_lspping_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _lspping(), flags, step=1, start=42)
    if not flags:
        assert "LSP-PINGv1, MPLS Echo Request, seq 7, length: 60" in got
        return
    assert "Sender Timestamp: 3900000000.500000000 (2023-08-02T21:20:00Z) Receiver Timestamp: no timestamp" in got
    assert "Return Code: Replying router is an egress for the FEC at stack depth 1 (3)" in got
    assert "tunnel end-point 10.0.0.1, tunnel sender 10.0.0.2, lsp-id 0x0020" in got
    assert "RD: 65000:7 (= 0.0.0.7), Sender VE ID: 1, Receiver VE ID: 2\n\t      Encapsulation Type: Ethernet (5)" in got
    assert "Downstream IP: 10.0.0.1\n\t    Downstream Interface Index: 0x00000005" in got
    assert "Vendor: Juniper Networks (0x0a4c)" in got
    assert "\n\t\t packet is too short" in got
