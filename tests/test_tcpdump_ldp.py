"""MPLS LDP (RFC 5036) on UDP 646 (Hello) and TCP 646 (sessions), compared
line for line with the installed tcpdump: every frame whole and cut short at
every byte. The frames are built here with struct, independently of craft's
layer modules."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from test_tcpdump_differential import _cut_and_compare, _ip4

_ETH = bytes.fromhex("0200000000020200000000010800")
_u16, _u32 = struct.Struct("!H").pack, struct.Struct("!I").pack


def _udp(payload: bytes, sport: int = 646, dport: int = 646, ulen: int | None = None) -> bytes:
    n = 8 + len(payload) if ulen is None else ulen
    return _ETH + _ip4(17, struct.pack("!HHHH", sport, dport, n, 0) + payload,
                       dst=bytes([224, 0, 0, 2]))


def _tcp(payload: bytes, sport: int = 40000, dport: int = 646) -> bytes:
    """Ethernet + IPv4 + a 20-byte TCP header (PSH|ACK) + payload."""
    return _ETH + _ip4(6, struct.pack("!HHIIBBHHH", sport, dport, 1, 2, 0x50, 0x18, 8192, 0, 0)
                       + payload)


def _tlv(kind: int, value: bytes, length: int | None = None) -> bytes:
    return _u16(kind) + _u16(len(value) if length is None else length) + value


def _msg(kind: int, *tlvs: bytes, mid: int = 1, length: int | None = None) -> bytes:
    body = b"".join(tlvs)
    return _u16(kind) + _u16(4 + len(body) if length is None else length) + _u32(mid) + body


def _pdu(*msgs: bytes, lsr: bytes = bytes([10, 0, 0, 1]), space: int = 0, version: int = 1,
         length: int | None = None) -> bytes:
    body = b"".join(msgs)
    return _u16(version) + _u16(6 + len(body) if length is None else length) + lsr + _u16(space) + body


def _ldp() -> list[bytes]:
    """Every message type tcpdump names (and unknown ones, U bit set), each
    TLV it decodes with good, short and oversized lengths, FEC elements of
    every kind (wildcard, IPv4/IPv6 prefixes with bad prefix lengths,
    Martini VC with interface parameters), several PDUs in one TCP segment
    and several messages in one PDU, bad versions and lengths."""
    v4, v6 = bytes([10, 0, 0, 1]), bytes.fromhex("20010db8000000000000000000000001")
    hello = _tlv(0x0400, _u16(15) + _u16(0))
    hellos = [
        _msg(0x0100, hello, _tlv(0x0401, v4), _tlv(0x0402, _u32(7))),
        _msg(0x0100, _tlv(0x0400, _u16(45) + _u16(0xC000)), _tlv(0x0403, v6), mid=0xDEADBEEF),
        _msg(0x0100, _tlv(0x0400, _u16(45) + _u16(0x8000)), _tlv(0xC401, v4), _tlv(0x4402, _u32(1))),
        _msg(0x0100, _tlv(0x0400, _u16(0)), _tlv(0x0401, b"\x01\x02"), _tlv(0x0403, v4),
             _tlv(0x0402, b"\x00")),
        _msg(0x0100, hello, _tlv(0x0401, v4, length=40)),
        _msg(0x0100, hello, _tlv(0x0401, v4, length=6)),
        _msg(0x0100, hello, b"\x04\x01"),
        _msg(0x0100, hello, b"\x04\x01\x00\x04\x0a\x00"),
        _msg(0x8100, hello, _tlv(0x0701, b"\x40\x00\x00\x00"), _tlv(0x3e00, b"vendor")),
    ]
    session = _u16(1) + _u16(30) + b"\xc0\x00" + _u16(4096) + v4 + _u16(0)
    inits = [
        _msg(0x0200, _tlv(0x0500, session), mid=2),
        _msg(0x0200, _tlv(0x0500, _u16(1) + _u16(30) + b"\x40\x40\x00\x00\x80\x00")),
        _msg(0x0200, _tlv(0x0500, _u16(1) + _u16(90) + b"\x00\x00\xc0\x00" + v4 + _u16(2))),
        _msg(0x0200, _tlv(0x0500, _u16(1) + _u16(90) + b"\x00\x00\x40\x00")),
        _msg(0x0200, _tlv(0x0500, _u16(1) + _u16(90) + b"\x00\x00\x80\x00")),
        _msg(0x0200, _tlv(0x0500, _u16(1) + _u16(30) + b"\x00")),
        _msg(0x0200, _tlv(0x0500, session), _tlv(0x0503, _u16(0x800F) + _u16(0) + _u32(120000) + _u32(5000))),
        _msg(0x0200, _tlv(0x0503, _u16(0x0000) + _u16(0) + _u32(0) + _u32(0))),
        _msg(0x0200, _tlv(0x0503, _u16(0x8002) + _u16(0) + _u32(1))),
        _msg(0x0200, _tlv(0x0501, bytes(12)), _tlv(0x0502, bytes(8)), _tlv(0x050B, b"\x80\x00"),
             _tlv(0x0601, _u16(1500)), _tlv(0x0601, b"\x05"), _tlv(0x0600, _u32(9))),
    ]
    addrs = [
        _msg(0x0300, _tlv(0x0101, _u16(1) + v4 + bytes([192, 0, 2, 7]))),
        _msg(0x0300, _tlv(0x0101, _u16(2) + v6 + v6[::-1])),
        _msg(0x0300, _tlv(0x0101, _u16(1) + v4 + b"\x01\x02")),
        _msg(0x0300, _tlv(0x0101, _u16(3) + b"abcd"), _tlv(0x0101, b"\x00")),
        _msg(0x0301, _tlv(0x0101, _u16(1) + v4), mid=9),
        _msg(0x0301, _tlv(0x0101, _u16(2) + v4)),
    ]

    def fec(*elems: bytes) -> bytes:
        return _tlv(0x0100, b"".join(elems))

    def pfx(af: int, plen: int, addr: bytes) -> bytes:
        return b"\x02" + _u16(af) + bytes([plen]) + addr

    label = _tlv(0x0200, _u32(0xFFF12345))

    def vc(pw: int, group: int, info: bytes, vcid: int | None = 77) -> bytes:
        rest = b"" if vcid is None else _u32(vcid) + info
        return b"\x80" + _u16(pw) + bytes([len(rest)]) + _u32(group) + rest

    params = (b"\x01\x04" + _u16(1500) + b"\x03\x07core\x01" + b"\x0c\x04\x07\x07"
              + b"\x0c\x04\x00\x00" + b"\x05\x04\xab\xcd")
    mappings = [
        _msg(0x0400, fec(b"\x01"), label),
        _msg(0x0400, fec(pfx(1, 24, bytes([10, 1, 2]))), label),
        _msg(0x0400, fec(pfx(1, 32, bytes([10, 1, 2, 3]))), _tlv(0x0200, _u32(3))),
        _msg(0x0400, fec(pfx(1, 0, b"")), label),
        _msg(0x0400, fec(pfx(1, 21, bytes([10, 255, 255])))),
        _msg(0x0400, fec(pfx(1, 33, bytes([10, 1, 2, 3, 4])))),
        _msg(0x0400, fec(pfx(1, 24, bytes([10, 1])))),
        _msg(0x0400, fec(b"\x02" + _u16(1))),
        _msg(0x0400, fec(pfx(2, 64, v6[:8]))),
        _msg(0x0400, fec(pfx(2, 128, v6))),
        _msg(0x0400, fec(pfx(2, 129, v6 + b"\x00"))),
        _msg(0x0400, fec(pfx(2, 64, v6[:4]))),
        _msg(0x0400, fec(pfx(9, 8, b"\x0a"))),
        _msg(0x0400, fec(b"\x02")),
        _msg(0x0400, fec(b"\x03" + _u16(1) + b"\x04" + v4)),
        _msg(0x0400, fec(b"\x77\x01\x02")),
        _msg(0x0400, fec(b"")),
        _msg(0x0400, fec(vc(0x8005, 100, params)), label),
        _msg(0x0400, fec(vc(0x0004, 1, b""))),
        _msg(0x0400, fec(vc(0x0001, 0, b"", vcid=None))),
        _msg(0x0400, fec(b"\x80" + _u16(5) + b"\x02" + _u32(1) + _u32(2))),
        _msg(0x0400, fec(b"\x80" + _u16(5) + b"\x00" + b"\x00\x00")),
        _msg(0x0400, fec(b"\x80" + _u16(5) + b"\x08" + _u32(1) + _u32(2))),
        _msg(0x0400, fec(vc(0x0005, 1, b"\x01\x01\x03\x00"))),
        _msg(0x0400, fec(vc(0x0005, 1, b"\x01\x09abcdefg"))),
        _msg(0x0400, fec(vc(0x0005, 1, b"\x03\x02\x01\x04"))),
        _msg(0x0400, fec(b"\x01", pfx(1, 8, b"\x0a"))),
        _msg(0x0400, fec(pfx(1, 8, b"\x0a")), _tlv(0x0103, b"\x05"), _tlv(0x0104, v4 + bytes([10, 0, 0, 2]))),
        _msg(0x0400, fec(pfx(1, 8, b"\x0a")), _tlv(0x0201, _u32(0x00010020)), _tlv(0x0202, _u32(0x00800010))),
        _msg(0x0400, fec(pfx(1, 8, b"\x0a")), _tlv(0x0200, b"\x00\x01")),
        _msg(0x0400, fec(pfx(1, 24, bytes([10, 1]))), label),
        _msg(0x0400, fec(b"\x02" + _u16(1)), label),
        _msg(0x0400, fec(pfx(2, 64, v6[:4])), label),
        _msg(0x0400, fec(b"\x02" + _u16(2)), label),
        _msg(0x0400, fec(b"\x80" + _u16(5) + b"\x08" + _u32(1) + _u32(2)), label),
        _msg(0x0400, fec(vc(0x0005, 1, b"\x03\x06ab")), label),
        _msg(0x0400, fec(vc(0x0005, 1, b"\x01\x02\x01\x03")), label),
        _msg(0x0400, fec(vc(0x0005, 1, b"\x0c\x02\x07\x01")), label),
        _msg(0x0400, fec(vc(0x0005, 1, b"\x09\x02\x0c\x03\x01\x00")), label),
        _msg(0xC400, _tlv(0xC100, b"\x01"), _tlv(0x8200, _u32(16)), mid=0xFFFFFFFF),
        _msg(0x0400, fec(b"\x81" + _u16(5) + b"\x0c" + _u32(1) + bytes(8)), _tlv(0x096A, _u32(0x1B)), label),
    ]
    mappings += [_msg(0x0400, fec(vc(pw, 1, b""))) for pw in range(0x1B)]
    mappings += [_msg(0x0400, fec(vc(pw, 1, b""))) for pw in (0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x40, 0x41)]
    labels = [
        _msg(0x0401, fec(pfx(1, 24, bytes([10, 1, 2]))), _tlv(0x0103, b"\x01"), mid=3),
        _msg(0x0402, fec(pfx(1, 24, bytes([10, 1, 2]))), label),
        _msg(0x0403, fec(b"\x01"), label),
        _msg(0x0404, fec(b"\x01"), _tlv(0x0600, _u32(3))),
    ]
    notes = [
        _msg(0x0001, _tlv(0x0300, _u32(code) + _u32(mid) + _u16(kind)))
        for code, mid, kind in ((0, 0, 0), (0x8000000A, 0, 0), (0x40000009, 5, 0x0100),
                                (0xC0000019, 0x1234, 0x0400), (0x1A, 0, 0x0999), (0x3FFFFFFF, 1, 0x0201))
    ]
    notes += [
        _msg(0x0001, _tlv(0x0300, _u32(0x80000001) + _u32(3))),
        _msg(0x0001, _tlv(0x0300, _u32(0x80000001) + b"\x00")),
        _msg(0x0001, _tlv(0x0300, _u32(1) + _u32(2) + _u16(0x0200)), _tlv(0x0301, _u32(99)),
             _tlv(0x0302, _pdu()), _tlv(0x0303, _msg(0x0201))),
    ]
    others = [
        _msg(0x0201, mid=4) + _msg(0x0201, mid=5),
        _msg(0x8201, b"\x00\x00\x00\x00", mid=5),
        _msg(0x3E01, b"vendor-private"),
        _msg(0xBF00, _tlv(0x0400, _u16(1) + _u16(1))),
        _msg(0x0999),
        _msg(0x0201, length=2),
        _msg(0x0201, length=0),
        _msg(0x0201, length=30),
        _msg(0x0100, hello, length=9),
        _msg(0x0100, hello + b"\x00\x01\x00"),
        _msg(0x0100, hello + b"\x00\x01\x00\x00"),
    ]
    frames = [_udp(_pdu(m)) for m in hellos]
    frames += [_tcp(_pdu(m)) for m in inits + addrs + mappings + labels + notes + others]
    frames += [
        _udp(_pdu(hellos[0], space=3, lsr=bytes([192, 0, 2, 9]))),
        _tcp(_pdu(others[0], inits[0]) + _pdu(addrs[0], mappings[1], mappings[2]) + _pdu(others[0])),
        _tcp(_pdu(others[0]) + _pdu(others[0], version=2)),
        _tcp(_pdu(others[0]) + _pdu(length=4)),
        _tcp(_pdu(others[0]) + _pdu(length=5)),
        _tcp(_pdu(others[0]) + _pdu(others[0], length=200)),
        _tcp(_pdu(others[0], length=20)),
        _tcp(_pdu(others[0], length=12)),
        _tcp(_pdu(others[0], length=6)),
        _tcp(_pdu(others[0], length=7)),
        _tcp(_pdu(others[0]) + b"\x00\x01\x00\x0a\x0a"),
        _tcp(_pdu(others[0]) + _pdu(others[0])[:17]),
        _tcp(_pdu(others[0]) + _pdu(others[0])[:18]),
        _tcp(_pdu()),
        _tcp(_pdu(b"\x00\x00")),
        _tcp(_pdu(others[0])[:-1]),
        _tcp(_pdu(others[0], version=0)),
        _udp(_pdu(hellos[0]), sport=1234),
        _udp(_pdu(hellos[0]) + _pdu(hellos[1]), ulen=8 + 42 + 20),
        _udp(_pdu(hellos[0]) + _pdu(hellos[1]), ulen=8 + 42 + 19),
        _udp(_pdu(hellos[0]), ulen=8 + 30),
        _udp(_pdu(hellos[0]), ulen=8 + 19),
        _udp(_pdu(hellos[0]), ulen=8 + 18),
        _udp(_pdu(hellos[0]) + _pdu(hellos[1], version=0x0100)),
        _udp(_pdu(hellos[0]) + _pdu(hellos[1], length=5)),
        _udp(_pdu(hellos[0]) + _pdu(hellos[1], length=3)),
        _udp(_pdu(hellos[0]) + _pdu(hellos[1], length=0)),
        _udp(_pdu(hellos[0], length=30) + _pdu(hellos[1])),
        _udp(_pdu(hellos[0], length=36)),
        _udp(_pdu(others[0], others[0], length=17)),
        _udp(_pdu(others[0], others[0], length=18)),
        _udp(_pdu(_msg(0x0100, hello, length=30), hellos[0])),
        _udp(_pdu(_msg(0x0100, hello, length=2), hellos[0])),
        _udp(_pdu(_msg(0x0100, hello, length=4), hellos[0])),
        _tcp(_pdu(others[0]), sport=646, dport=40000),
    ]
    return frames


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-x -vv"])
def test_ldp_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _ldp(), flags, step=1, start=42)
    assert "LDP, Label-Space-ID: 10.0.0.1:0, pdu-length: " in got
    if flags:
        assert "Common Hello Parameters TLV (0x0400), length: 4" in got
        assert "Hold Time: 45s, Flags: [Targeted Hello, Request for targeted Hellos]" in got
        assert "Prefix FEC (0x02): IPv4 prefix 10.255.248.0/21" in got
        assert "Martini VC FEC (0x80): Ethernet, control word, group-ID 100, VC-ID 77" in got
        assert "Interface Parameter: Description (0x03), len 7: core^A" in got
        assert "Status: 0x19, Flags: [Fatal error and do forward], causing Message ID: 0x00001234" in got
        assert "Address Family: IPv6, addresses 2001:db8::1 100::b80d:120" in got
        assert " [remaining length 19 < 46] (invalid)" in got
    if "-vv" in flags:
        assert "\n\t  0x0000:  0400 0004 000f 0000" in got
