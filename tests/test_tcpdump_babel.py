"""Babel (RFC 6126/8966, UDP 6696/6697) compared line for line with the
installed tcpdump: every frame whole and cut short at every byte. The frames
(IPv6 link-local to ff02::1:6, and some over IPv4) are built here with struct,
independently of craft's layer modules."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from test_tcpdump_differential import _cut_and_compare, _ip4

_SRC6 = bytes.fromhex("fe800000000000000000000000000001")
_DST6 = bytes.fromhex("ff020000000000000000000000010006")
_u16, _u32 = struct.Struct("!H").pack, struct.Struct("!I").pack


def _udp6(payload: bytes, sport: int = 6696, dport: int = 6696, ulen: int | None = None) -> bytes:
    """Ethernet + IPv6 + UDP with a correct checksum (ulen: a UDP length to lie with)."""
    from craft.layers.base import inet_checksum
    n = 8 + len(payload)
    seg = struct.pack("!HHHH", sport, dport, n if ulen is None else ulen, 0) + payload
    pseudo = _SRC6 + _DST6 + struct.pack("!I3xB", n, 17)
    seg = seg[:6] + (inet_checksum(pseudo + seg) or 0xFFFF).to_bytes(2, "big") + seg[8:]
    return (bytes.fromhex("333300010006020000000001") + b"\x86\xdd"
            + struct.pack("!IHBB16s16s", 6 << 28, len(seg), 17, 1, _SRC6, _DST6) + seg)


def _udp4(payload: bytes, sport: int = 6696, dport: int = 6696) -> bytes:
    return (bytes.fromhex("0200000000020200000000010800")
            + _ip4(17, struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload))


def _tlv(kind: int, body: bytes, length: int | None = None) -> bytes:
    return bytes([kind, len(body) if length is None else length]) + body


def _babel_pkt(*tlvs: bytes, trailer: bytes = b"", magic: int = 42, version: int = 2,
               bodylen: int | None = None) -> bytes:
    body = b"".join(tlvs)
    return bytes([magic, version]) + _u16(len(body) if bodylen is None else bodylen) + body + trailer


def _babel() -> list[bytes]:
    """Every TLV type tcpdump knows (and unknown ones), sub-TLVs of each kind
    (mandatory bit, bogus placements, lengths past the TLV), prefixes of every
    address encoding with omitted bytes taken from an earlier Update, the
    packet trailer, bad magic, versions and lengths."""
    rid = bytes.fromhex("0211223344556677")
    v6 = bytes.fromhex("20010db8000100020000000000000001")

    def hello(flags: int = 0, seqno: int = 7, interval: int = 400, sub: bytes = b"") -> bytes:
        return _tlv(4, _u16(flags) + _u16(seqno) + _u16(interval) + sub)

    def ihu(ae: int, addr: bytes, rxcost: int = 96, interval: int = 1200, sub: bytes = b"") -> bytes:
        return _tlv(5, bytes([ae, 0]) + _u16(rxcost) + _u16(interval) + addr + sub)

    def update(ae: int, flags: int, plen: int, omitted: int, prefix: bytes, metric: int = 256,
               seqno: int = 3, interval: int = 1600, sub: bytes = b"") -> bytes:
        return _tlv(8, bytes([ae, flags, plen, omitted]) + _u16(interval) + _u16(seqno) + _u16(metric)
                    + prefix + sub)

    tlv_sets = [
        (b"\x00", _tlv(1, bytes(3)), _tlv(1, b""), _tlv(2, _u16(0) + _u16(0xBEEF) + _u16(250)),
         _tlv(2, _u16(0) + _u16(1) + _u16(0)), _tlv(3, _u16(0xBEEF)), hello(), hello(0x8000, 9, 0)),
        (hello(sub=b"\x00\x01\x02\x00\x00" + b"\x03\x04" + _u32(1234567)), _tlv(2, bytes(4)),
         _tlv(3, b"\x01"), _tlv(4, bytes(4))),
        (ihu(0, b""), ihu(1, bytes([192, 0, 2, 9])), ihu(2, v6), ihu(3, v6[8:]), ihu(3, v6[8:12]),
         ihu(1, b"\x01\x02"), ihu(9, b""), _tlv(5, bytes(4))),
        (ihu(2, v6, sub=b"\x03\x08" + _u32(5000001) + _u32(7)), ihu(1, bytes([10, 0, 0, 1]), sub=b"\x03\x04" + _u32(1)),
         ihu(1, bytes([10, 0, 0, 2]), interval=0, sub=b"\x82\x01\x00" + b"\x02\x00" + b"\x02\x02\x05\xff")),
        (_tlv(6, _u16(0) + rid), _tlv(6, _u16(0) + rid[:4]), _tlv(7, b"\x01\x00" + bytes([192, 0, 2, 1])),
         _tlv(7, b"\x02\x00" + v6), _tlv(7, b"\x03\x00" + v6[8:]), _tlv(7, b"\x00\x00"), _tlv(7, b"\x01"),
         _tlv(7, b"\x01\x00\x0a")),
        (update(1, 0x80, 24, 0, bytes([10, 1, 2])), update(1, 0x00, 32, 3, b"\x07"),
         update(1, 0xC0, 16, 1, b"\x09"), update(1, 0, 32, 2, b"\x08\x09"),
         update(2, 0x80, 64, 0, v6[:8], metric=0xFFFF, interval=0xFFFF), update(2, 0x3F, 128, 8, v6[8:]),
         update(3, 0, 128, 0, v6[8:]), update(3, 0, 64, 0, b""), update(0, 0x40, 0, 0, b"", interval=0),
         update(1, 0, 40, 0, bytes(5)), update(1, 0, 24, 5, b""), update(2, 0, 128, 17, b""),
         update(2, 0, 64, 0, v6[:4]), update(7, 0, 0, 0, b""), _tlv(8, bytes(8)),
         update(1, 0, 200, 0, b""), update(2, 0, 200, 0, b""),
         update(2, 0, 48, 0, v6[:6], sub=b"\x02\x03\x01\x00\xff" + b"\x02\x00" + b"\x03\x04" + _u32(9)),
         update(1, 0, 8, 0, b"\x0a", sub=b"\x01\x05\x00" + b"\x85\x02ab" + b"\x02\x05\x01")),
        (_tlv(9, b"\x00\x00"), _tlv(9, b"\x01\x18" + bytes([10, 1, 2])), _tlv(9, b"\x02\x40" + v6[:8]),
         _tlv(9, b"\x03\x80" + v6[8:]), _tlv(9, b"\x01\x20\x0a"), _tlv(9, b"\x01"), _tlv(9, b"\x04\x00")),
        (_tlv(10, b"\x01\x18" + _u16(9) + b"\x05\x00" + rid + bytes([10, 1, 2])),
         _tlv(10, b"\x02\x80" + _u16(65535) + b"\x01\x00" + rid + v6),
         _tlv(10, b"\x00\x00" + _u16(1) + b"\x01\x00" + rid), _tlv(10, b"\x01\x18" + _u16(1) + b"\x01\x00" + rid),
         _tlv(10, bytes(10))),
        (_tlv(11, _u16(77) + _u32(123456)), _tlv(11, bytes(4)), _tlv(12, _u16(3) + bytes(range(16))),
         _tlv(12, _u16(3) + bytes(range(20))), _tlv(12, bytes(10))),
        (_tlv(13, b"\x01\x10\x18\x00" + _u16(400) + _u16(5) + _u16(10) + bytes([10, 1, 2]) + bytes([172, 16])),
         _tlv(13, b"\x02\x30\x40\x00" + _u16(0xFFFF) + _u16(5) + _u16(10) + v6[:8] + v6[:6] + b"\x00\x01\x00"),
         _tlv(13, b"\x01\x10\x18\x00" + _u16(400) + _u16(5) + _u16(10) + bytes([10, 1, 2])),
         _tlv(13, bytes(8))),
        (_tlv(14, b"\x01\x18\x10" + bytes([10, 1, 2]) + bytes([172, 16])), _tlv(14, b"\x00\x00\x00"),
         _tlv(14, b"\x02\x40\x30" + v6[:8] + v6[:6]), _tlv(14, b"\x01\x18\x10" + bytes([10, 1])), _tlv(14, b"\x01")),
        (_tlv(15, b"\x01\x18" + _u16(4) + b"\x03\x10" + rid + bytes([10, 1, 2]) + bytes([172, 16])),
         _tlv(15, b"\x02\x40" + _u16(4) + b"\x03\x30" + rid + v6[:8] + v6[:6]), _tlv(15, bytes(12))),
        (_tlv(16, bytes(16)), _tlv(17, _u32(99) + b"idx"), _tlv(17, b"\x00\x01"), _tlv(18, bytes(8)),
         _tlv(19, bytes(8)), _tlv(18, bytes(193)), _tlv(99, b"abc")),
        (_tlv(19, bytes(200)),),
        (update(3, 0x80, 128, 0, v6[8:]), update(2, 0, 128, 14, b"\x00\x09"),
         update(2, 0, 32, 0, v6[:4], sub=b"\x03\x04" + _u32(1) + b"\x02\x02\x00\x03"),
         hello(sub=b"\x02\x01\x07" + b"\x03\x02\x00\x00"), hello(sub=b"\x01"), hello(sub=b"\x90"),
         _tlv(13, b"\x01\x10\x18\x00" + _u16(400) + _u16(5) + _u16(10) + bytes([10, 1, 2]) + bytes([172, 16])
              + b"\x02\x02\x01\x02\x03\x00"), _tlv(9, b"\x01\xc8")),
    ]
    frames = [_udp6(_babel_pkt(*tlvs)) for tlvs in tlv_sets]
    state = (update(1, 0x80, 24, 0, bytes([10, 1, 2])), update(2, 0x80, 64, 0, v6[:8]))
    frames += [_udp6(_babel_pkt(*state, tlv)) for tlvs in tlv_sets for tlv in tlvs if tlv[0] in (5, 7, 8, 9, 10, 13, 14, 15)]
    frames += [
        _udp6(_babel_pkt(hello(), trailer=_tlv(11, _u16(1) + _u32(2)) + _tlv(16, bytes(4)))),
        _udp6(_babel_pkt(hello(), trailer=b"\x00\x01")),
        _udp6(_babel_pkt(update(1, 0x80, 24, 0, bytes([10, 1, 2])), trailer=update(1, 0, 32, 3, b"\x07"))),
        _udp6(_babel_pkt(hello(), bodylen=20)),
        _udp6(_babel_pkt(hello(), bodylen=4)),
        _udp6(_babel_pkt(hello(), bodylen=1)),
        _udp6(_babel_pkt(hello(), bodylen=0)),
        _udp6(_babel_pkt(hello(), _tlv(3, b"\x01\x02", length=9))),
        _udp6(_babel_pkt(hello(), magic=43)),
        _udp6(_babel_pkt(hello(), version=1)),
        _udp6(_babel_pkt(hello(), version=3)),
        _udp6(b"\x2a\x02\x00"),
        _udp6(b"\x2a\x02\x00\x00"),
        _udp6(b"\x2a"),
        _udp6(_babel_pkt(hello()), ulen=8 + 6),
        _udp6(_babel_pkt(hello()), ulen=8 + 3),
        _udp6(_babel_pkt(hello(), hello()), ulen=8 + 15),
        _udp6(_babel_pkt(hello()), sport=6697, dport=40000),
        _udp4(_babel_pkt(hello(), update(1, 0x80, 24, 0, bytes([10, 1, 2])))),
    ]
    return frames


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-x -vv"])
def test_babel_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _babel(), flags, step=1, start=42)
    assert "babel 2 (" in got
    if flags:
        assert "Update/prefix/id 10.9.0.0/16 metric 256 seqno 3 interval 16.00s" in got
        assert "Update 10.9.8.9/32 metric 256 seqno 3 interval 16.00s" in got
        assert "IHU 10.0.0.2 rxcost 96 interval 0.0s (bogus) (M) sub-unknown-0x82 sub-diversity empty" in got
        assert "SS-MH-Request (3 hops) for (10.1.2.0/24, 172.16.0.0/16) seqno 4 id 02:11:22:33:44:55:66:77" in got
        assert "\n\t----\n\tTS/PC timestamp 2 packetcounter 1" in got
    else:
        assert "update/prefix update update/prefix/id update" in got
        assert "(8) hello | tspc mac" in got
