"""RSVP (IP protocol 46) printed as tcpdump 4.99.3 prints it, frame by frame
and cut short at every byte."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from test_tcpdump_differential import _cut_and_compare, _ip4

_ETH = bytes.fromhex("0200000000020200000000010800")


def _a4(text: str) -> bytes:
    return bytes(int(x) for x in text.split("."))


def _a6(last: int) -> bytes:
    return bytes.fromhex("20010db8000000000000000000000000")[:15] + bytes([last])


def _obj(cls: int, ct: int, body: bytes, length: int | None = None) -> bytes:
    return struct.pack("!HBB", 4 + len(body) if length is None else length, cls, ct) + body


def _msg(kind: int, *objs: bytes, ver: int = 1, flags: int = 0, length: int | None = None,
         ttl: int = 255, ck: int = 0x1234) -> bytes:
    body = b"".join(objs)
    n = 8 + len(body) if length is None else length
    return struct.pack("!BBHBBH", ver << 4 | flags, kind, ck, ttl, 0, n) + body


def _f(x: float) -> bytes:
    return struct.pack("!f", x)


def _rsvp() -> list[bytes]:
    """Path, Resv, PathErr, ResvErr, PathTear, ResvTear, ResvConf, Hello,
    Bundle, Ack, Srefresh and unknown messages with every object tcpdump
    decodes (and some it only dumps), odd lengths, bad versions."""
    session4 = _obj(1, 7, _a4("10.0.0.9") + b"\0\0\0\x05" + _a4("10.0.0.1"))
    hop4 = _obj(3, 1, _a4("10.1.0.1") + b"\0\0\0\x07")
    time = _obj(5, 1, struct.pack("!I", 30000))
    tspec = _obj(12, 2, bytes.fromhex("00000007 01000006 7f000005")
                 + _f(125000.0) + _f(1000.0) + _f(1.0e9) + struct.pack("!II", 20, 1500))
    adspec = _obj(13, 2, bytes.fromhex("00000013 01000008") + bytes.fromhex("04000001") + bytes.fromhex("04000001")
                  + struct.pack("!I", 3) + bytes.fromhex("06000001") + _f(1.25e6)
                  + bytes.fromhex("08000001 ffffffff 0a000001 000005dc")
                  + bytes.fromhex("02800003 85000001 00000010 86000001 00000020 87000001")
                  + bytes.fromhex("00000030"))
    template = _obj(11, 7, _a4("10.0.0.1") + b"\0\0\0\x02")
    label_req = _obj(19, 1, bytes.fromhex("00000800"))
    ero = _obj(20, 1, bytes.fromhex("0108") + _a4("10.1.0.2") + bytes.fromhex("2000")
               + bytes.fromhex("8108") + _a4("10.2.0.2") + bytes.fromhex("2001")
               + bytes.fromhex("2004 fde8"))
    attr = _obj(207, 7, bytes.fromhex("07070605") + b"lsp-1\0\0\0")
    rro = _obj(21, 1, bytes.fromhex("0108") + _a4("10.1.0.1") + bytes.fromhex("2009")
               + bytes.fromhex("03080101") + struct.pack("!I", 16)
               + bytes.fromhex("03080001") + struct.pack("!I", 3))
    frr = _obj(205, 1, bytes.fromhex("07070300") + _f(1.5e6) + struct.pack("!III", 1, 2, 3))
    frr7 = _obj(205, 7, bytes.fromhex("07070301") + _f(-2.0) + struct.pack("!II", 4, 5))
    detour = _obj(63, 7, _a4("10.0.0.1") + _a4("10.0.0.2") + _a4("10.0.0.3") + _a4("10.0.0.4"))
    path = _msg(1, session4, hop4, time, label_req, ero, attr, template, tspec, adspec, rro,
                frr, frr7, detour, _obj(37, 1, b"\0\0\0\0"), _obj(199, 1, b"\1\2\3\4"))
    style = _obj(8, 1, bytes.fromhex("0000000a"))
    flowspec = _obj(9, 2, bytes.fromhex("0000000a 0500000b 7f000005") + _f(2.5e5) + _f(3000.0)
                    + _f(float("inf")) + struct.pack("!II", 64, 9000)
                    + bytes.fromhex("02000003 82000002") + _f(1e7) + struct.pack("!I", 7))
    filt = _obj(10, 7, _a4("10.0.0.1") + b"\0\0\0\x02")
    label = _obj(16, 1, struct.pack("!I", 299776))
    resv = _msg(2, session4, hop4, time, style, flowspec, filt, label, rro, flags=1)
    err4 = _obj(6, 1, _a4("10.9.9.9") + bytes([1, 24]) + struct.pack("!H", 5))
    err4b = _obj(6, 3, _a4("10.9.9.9") + bytes([0, 28]) + struct.pack("!H", 4))
    err4c = _obj(6, 1, _a4("10.9.9.9") + bytes([0, 1]) + struct.pack("!H", 2))
    err6 = _obj(6, 2, _a6(1) + bytes([0, 24]) + struct.pack("!H", 99))
    err6b = _obj(6, 4, _a6(1) + bytes([0, 3]) + struct.pack("!H", 1))
    path_err = _msg(3, session4, err4, template, tspec)
    resv_err = _msg(4, session4, hop4, err4b, err4c, err6, err6b, style, flowspec, filt)
    path_tear = _msg(5, session4, hop4, template)
    resv_tear = _msg(6, session4, hop4, style, filt)
    confirm = _obj(15, 1, _a4("10.3.3.3"))
    resv_conf = _msg(7, session4, err4, confirm, _obj(15, 2, _a6(3)), style, flowspec, filt)
    hello = _msg(20, _obj(22, 1, struct.pack("!II", 0x11223344, 0)),
                 _obj(131, 1, struct.pack("!II", 120000, 60000)))
    hello_ack = _msg(20, _obj(22, 2, struct.pack("!II", 1, 2)))
    msgid = _obj(23, 1, bytes.fromhex("01000203") + struct.pack("!I", 77))
    ack = _msg(13, _obj(24, 1, bytes.fromhex("00000001") + struct.pack("!II", 5, 6)),
               _obj(24, 2, bytes.fromhex("00000001") + struct.pack("!I", 9)))
    srefresh = _msg(15, msgid, _obj(25, 1, bytes.fromhex("00000009") + struct.pack("!III", 1, 2, 3)))
    bundle = _msg(12, _msg(1, msgid, session4, hop4, time, template, tspec),
                  _msg(5, session4, hop4, template), flags=1)
    bundle_bad = _msg(12, _msg(1, session4, length=200))
    bundle_short = _msg(12, _msg(1, session4, length=4))
    bundle_ver = _msg(12, _msg(1, session4, ver=3))
    session6 = _obj(1, 2, _a6(9) + bytes([17, 1]) + struct.pack("!H", 5000))
    ipv4_session = _obj(1, 1, _a4("10.0.0.9") + bytes([6, 0]) + struct.pack("!H", 80))
    tun6 = _obj(1, 8, _a6(9) + b"\0\0\0\x07" + _a6(1))
    p2mp = _obj(1, 13, _a4("10.0.0.9") + b"\0\0\0\x07" + _a4("10.0.0.1"))
    p2mp6 = _obj(1, 14, struct.pack("!I", 5) + b"\0\0\0\x07" + _a6(1) + b"\0\0")
    uni = _obj(1, 11, _a4("10.0.0.9") + b"\0\0\0\x07" + _a4("10.0.0.1"))
    misc_session = _msg(1, session6, ipv4_session, tun6, p2mp, p2mp6, uni, _obj(1, 9, b"abcd"),
                        _obj(3, 2, _a6(5) + struct.pack("!I", 3)),
                        _obj(3, 3, _a4("10.1.0.1") + b"\0\0\0\x07" + b"\0\1\0\4"),
                        _obj(3, 4, _a6(5) + struct.pack("!I", 3)), _obj(3, 9, b""),
                        _obj(11, 1, _a4("10.0.0.1") + b"\0\0\0\x02"),
                        _obj(11, 2, _a6(1) + b"\0\0\0\x02"),
                        _obj(11, 12, _a4("10.0.0.1") + b"\0\0\0\x02" + _a4("10.0.0.2") + b"\0\0\0\x03"),
                        _obj(11, 13, _a6(1) + b"\0\0\0\x02" + _a6(2) + b"\0\0\0\x03"),
                        _obj(11, 8, _a6(1) + b"\0\0\0\x02"),
                        _obj(10, 1, _a4("10.0.0.1") + b"\0\0\0\x02"),
                        _obj(10, 2, _a6(1) + b"\0\0\0\x02"),
                        _obj(10, 3, _a6(1) + b"\0\x0a\xbc\xde"),
                        _obj(10, 8, _a4("10.0.0.1") + bytes(14) + b"\0\x09"),
                        _obj(10, 12, _a4("10.0.0.1") + b"\0\0\0\x02" + _a4("10.0.0.2") + b"\0\0\0\x03"),
                        _obj(10, 13, _a6(1) + b"\0\0\0\x02" + _a6(2) + b"\0\0\0\x03"))
    labels = _msg(1, _obj(16, 1, struct.pack("!II", 3, 4)), _obj(16, 2, struct.pack("!I", 5)),
                  _obj(16, 3, struct.pack("!III", 1, 2, 3)), _obj(129, 1, struct.pack("!I", 6)),
                  _obj(35, 2, struct.pack("!I", 7)), _obj(34, 3, struct.pack("!III", 4, 5, 6)),
                  _obj(16, 4, b"\0\0\0\0"),
                  _obj(19, 2, bytes.fromhex("00000800 80010002 00030004")),
                  _obj(19, 2, bytes.fromhex("000086dd 00010002 00030004")),
                  _obj(19, 3, bytes.fromhex("00001234 00000010 00000400")),
                  _obj(19, 3, bytes.fromhex("00000800 01000010 01000400")),
                  _obj(19, 4, bytes.fromhex("01020800")), _obj(19, 4, bytes.fromhex("05960022")),
                  _obj(19, 4, bytes.fromhex("0cff00ff")), _obj(19, 9, b"\0\0\0\0"),
                  _obj(36, 1, bytes.fromhex("00000001") + struct.pack("!II", 10, 11)),
                  _obj(36, 1, bytes.fromhex("02000005") + struct.pack("!II", 100, 200)),
                  _obj(195, 1, _a4("10.4.4.4")), _obj(195, 2, _a6(4)), _obj(195, 3, b""),
                  _obj(196, 1, bytes.fromhex("80000007")), _obj(196, 1, bytes.fromhex("00000000")),
                  _obj(66, 1, bytes.fromhex("00000003")), _obj(125, 1, bytes.fromhex("0000000f")),
                  _obj(50, 1, _a4("10.5.5.5")), _obj(50, 2, _a6(5)), _obj(50, 3, b"\1\2\3\4"),
                  _obj(134, 1, bytes.fromhex("00000007")), _obj(134, 1, bytes.fromhex("f0000002")),
                  _obj(204, 1, bytes.fromhex("00020002 0106aabbccdd 0204eeff 0000")),
                  _obj(229, 1, bytes.fromhex("00080101") + _a4("10.6.6.6")
                       + bytes.fromhex("00140202") + _a6(6) + bytes.fromhex("00040300")
                       + bytes.fromhex("00100400 80000005 00000006 00000007")
                       + bytes.fromhex("00080500 03000000")),
                  _obj(229, 1, bytes.fromhex("000c0103 01020304 05060708")),
                  _obj(229, 1, bytes.fromhex("00080300 01020304")),
                  _obj(229, 1, bytes.fromhex("00080900 01020304")),
                  _obj(4, 1, bytes.fromhex("80000102030405060000000000000009") + bytes(range(16))),
                  _obj(4, 2, b"\0\0\0\0"), _obj(14, 1, b"poli"), _obj(7, 1, _a4("10.7.7.7")),
                  _obj(130, 1, b"\0\0\0\1"), _obj(230, 1, b"\0\0\0\1"), _obj(236, 1, b"\0\0\0\1"),
                  _obj(5, 2, b"\0\0\0\1"), _obj(8, 1, bytes.fromhex("01000011")),
                  _obj(8, 1, bytes.fromhex("00000012")), _obj(8, 1, bytes.fromhex("00000013")),
                  _obj(8, 2, b"\0\0\0\1"), _obj(22, 3, b""), _obj(23, 2, b"\0\0\0\1"),
                  _obj(23, 3, b""), _obj(131, 2, b""), _obj(205, 2, b""), _obj(63, 1, b""),
                  _obj(207, 1, b""), _obj(6, 5, b""), _obj(20, 2, b""), _obj(15, 3, b""),
                  _obj(12, 1, b"\0\0\0\0"), _obj(66, 2, b""), _obj(204, 2, b""), _obj(36, 2, b""),
                  _obj(196, 2, b""), _obj(134, 2, b""), _obj(229, 2, b""), _obj(10, 5, b""),
                  _obj(11, 5, b""), _obj(34, 7, b""), _obj(255, 1, bytes(20)),
                  _obj(192, 1, b"\xff" * 8), _obj(128, 1, b""), _obj(64, 1, b""))
    odd = [
        _msg(1, _obj(1, 7, b"\0" * 8)),
        _msg(1, _obj(1, 1, b"\0" * 4)), _msg(1, _obj(1, 2, b"\0" * 16)),
        _msg(1, _obj(1, 8, b"\0" * 32)), _msg(1, _obj(1, 13, b"\0" * 8)),
        _msg(1, _obj(1, 14, b"\0" * 24)), _msg(1, _obj(3, 1, b"\0" * 4)),
        _msg(1, _obj(3, 2, b"\0" * 16)), _msg(1, _obj(5, 1, b"")), _msg(1, _obj(8, 1, b"")),
        _msg(1, _obj(11, 7, b"\0" * 4)), _msg(1, _obj(11, 12, b"\0" * 12)),
        _msg(1, _obj(11, 13, b"\0" * 36)), _msg(1, _obj(11, 2, b"\0" * 16)),
        _msg(1, _obj(10, 3, b"\0" * 16)), _msg(1, _obj(10, 8, b"\0" * 16)),
        _msg(1, _obj(19, 2, b"\0" * 8)), _msg(1, _obj(19, 3, b"\0" * 8)), _msg(1, _obj(19, 4, b"")),
        _msg(1, _obj(16, 2, b"")), _msg(1, _obj(16, 3, b"\0" * 8)), _msg(1, _obj(15, 1, b"")),
        _msg(1, _obj(15, 2, b"\0" * 12)), _msg(1, _obj(22, 1, b"\0" * 4)),
        _msg(1, _obj(131, 1, b"\0" * 4)), _msg(1, _obj(134, 1, b"")),
        _msg(1, _obj(207, 7, b"")), _msg(1, _obj(207, 7, bytes.fromhex("0000000c") + b"name")),
        _msg(1, _obj(207, 7, bytes.fromhex("00001f04") + b"a\x01\xe9z")),
        _msg(1, _obj(12, 2, b"")), _msg(1, _obj(205, 1, b"\0" * 16)),
        _msg(1, _obj(205, 7, b"\0" * 12)), _msg(1, _obj(66, 1, b"")), _msg(1, _obj(6, 1, b"\0" * 4)),
        _msg(1, _obj(6, 2, b"\0" * 16)), _msg(1, _obj(204, 1, b"")),
        _msg(1, _obj(204, 1, bytes.fromhex("00010000 0108aabb"))),
        _msg(1, _obj(204, 1, bytes.fromhex("00010000 0101aabb"))),
        _msg(1, _obj(204, 1, bytes.fromhex("00010002 0104aabb"))),
        _msg(1, _obj(23, 1, b"")), _msg(1, _obj(4, 1, b"\0" * 28)), _msg(1, _obj(196, 1, b"")),
        _msg(1, _obj(36, 1, b"")), _msg(1, _obj(36, 1, bytes.fromhex("03000005 00000001"))), _msg(1, _obj(36, 1, bytes.fromhex("02000000 00000001"))),
        _msg(1, _obj(50, 1, b"")), _msg(1, _obj(50, 2, b"\0" * 12)), _msg(1, _obj(229, 1, b"")),
        _msg(1, _obj(229, 1, bytes.fromhex("00020101 00000000"))),
        _msg(1, _obj(229, 1, bytes.fromhex("000c0101 00000000"))),
        _msg(1, _obj(229, 1, bytes.fromhex("00040101"))),
        _msg(1, _obj(229, 1, bytes.fromhex("00080201 00000000 000c"))),
        _msg(1, _obj(229, 1, bytes.fromhex("00100202") + bytes(12))),
        _msg(1, _obj(229, 1, bytes.fromhex("000c0400") + bytes(8))),
        _msg(1, _obj(229, 1, bytes.fromhex("00040500"))),
        _msg(1, _obj(20, 1, bytes.fromhex("01100000 0a000001 20000000"))),
        _msg(1, _obj(20, 1, bytes.fromhex("01000000"))),
        _msg(1, _obj(20, 1, bytes.fromhex("010c0a00 00012000 00000000"))),
        _msg(1, _obj(20, 1, bytes.fromhex("01080a00 00011800"))),
        _msg(1, _obj(21, 1, bytes.fromhex("03040000"))),
        _msg(1, _obj(21, 1, bytes.fromhex("02140000") + bytes(16))),
        _msg(1, _obj(21, 1, bytes.fromhex("7f040000 40040000"))),
        _msg(1, _obj(9, 2, bytes.fromhex("00000005 02000004 04000001 00000003 06000001"))),
        _msg(1, _obj(9, 2, bytes.fromhex("00000004 02000003 04000002 00000003 00000004"))),
        _msg(1, _obj(9, 2, bytes.fromhex("00000004 02000002 c8000001 00000003"))),
        _msg(1, _obj(9, 2, bytes.fromhex("00000004 02000004 7f000004") + bytes(12))),
        _msg(1, _obj(9, 2, bytes.fromhex("00000004 02000001 82000001 00000000"))),
        _msg(1, _obj(9, 2, bytes.fromhex("00000004 07000002 01000000 00000000"))),
        _msg(1, _obj(9, 2, bytes.fromhex("00000000 07000000"))),
        _msg(1, _obj(9, 2, bytes.fromhex("00000000 07000009 04000000"))),
        _msg(1, _obj(13, 2, bytes.fromhex("00000004 02000003 06000001 ff800000 06000001 7fc00001"))),
        _msg(1, _obj(13, 2, bytes.fromhex("00000004 02000003 06000001 ffc00000 06000001 00000001"))),
        _msg(1, _obj(13, 2, bytes.fromhex("00000004 02000003 06000001 7f7fffff 06000001 80000000"))),
        _msg(1, _obj(205, 7, bytes.fromhex("00000000 7f7fffff 00000000 00000000"))),
        _msg(1, _obj(205, 7, bytes.fromhex("00000000 ffc00000 00000000 00000000"))),
        _msg(1, _obj(205, 7, bytes.fromhex("00000000 00000001 00000000 00000000"))),
        _msg(1, _obj(1, 7, b"\0" * 6, length=10)), _msg(1, _obj(1, 7, b"", length=2)),
        _msg(1, _obj(1, 7, b"", length=0)), _msg(1, _obj(1, 7, b"\0" * 12, length=40)),
        _msg(1, session4, b"\0\0"), _msg(1, session4, length=12), _msg(1, session4, length=40),
        _msg(1, length=4), _msg(1, ver=2), _msg(1, ver=0), _msg(99, session4), _msg(99),
        _msg(8, session4), _msg(14, hop4), _msg(1, session4, flags=0xf),
        _msg(12, length=7), _msg(12, bundle_ver), b"\x10\x01\0",
    ]
    gmpls = _msg(1, *(_obj(19, 4, bytes([i % 16, sw]) + struct.pack("!H", i))
                       for i, sw in zip(range(64), [0, 1, 2, 3, 4, 5, 30, 40, 51, 100, 125, 150, 200,
                                                    255] * 5, strict=False)))
    msgs = [gmpls, path, resv, path_err, resv_err, path_tear, resv_tear, resv_conf, hello, hello_ack,
            ack, srefresh, bundle, bundle_bad, bundle_short, bundle_ver, misc_session, labels,
            *odd]
    ip6 = (bytes.fromhex("333300000001020000000001") + b"\x86\xdd"
           + struct.pack("!IHBB16s16s", 6 << 28, len(resv_tear), 46, 64, _a6(1), _a6(2)) + resv_tear)
    return [_ETH + _ip4(46, m) for m in msgs] + [ip6]


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-x -vv"])
def test_rsvp_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _rsvp(), flags, step=1, start=42)
    if not flags:
        assert "RSVPv1 Path Message, length: " in got
        assert "ERROR: RSVP version 2 packet not supported" in got
        return
    assert "RSVPv1 Path Message (1), Flags: [none], length: " in got
    assert "IPv4 Tunnel EndPoint: 10.0.0.9, Tunnel ID: 0x0005, Extended Tunnel ID: 10.0.0.1" in got
    assert "Token Bucket Rate: 1 Mbps" in got
    assert "Subobject Type: IPv4 prefix, length 8, Loose, 10.2.0.2/32" in got
    assert "Session Name: lsp-1" in got
    assert "Reservation Style: Fixed Filter, Flags: [0x00]" in got
    assert "Error Code: Routing Problem (24), Error Value: No route available" in got
    assert "RSVPv1 Bundle Message (12)" in got
