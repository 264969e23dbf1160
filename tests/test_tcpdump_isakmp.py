"""ISAKMP/IKE (UDP 500, 4500) printed as the tcpdump installed here prints
it: IKEv1 and IKEv2 messages with every payload kind tcpdump decodes, bad
lengths and unknown types, over IPv4 and IPv6, whole and cut at every byte.
The frames are built with struct, independently of craft's layer modules."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from test_tcpdump_differential import _cut_and_compare, _ip4

_ETH4 = bytes.fromhex("020000000002020000000001") + b"\x08\x00"
_ETH4R = bytes.fromhex("020000000001020000000002") + b"\x08\x00"
_ETH6 = bytes.fromhex("020000000002020000000001") + b"\x86\xdd"
_A, _B = bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2])
_A6 = bytes.fromhex("20010db8000000000000000000000001")
_B6 = bytes.fromhex("20010db8000000000000000000000002")


def _udp4(data: bytes, sport: int = 500, dport: int = 500, rev: bool = False,
          ulen: int | None = None) -> bytes:
    seg = struct.pack("!HHHH", sport, dport, 8 + len(data) if ulen is None else ulen, 0) + data
    if rev:
        return _ETH4R + _ip4(17, seg, src=_B, dst=_A)
    return _ETH4 + _ip4(17, seg)


def _udp6(data: bytes, sport: int = 500, dport: int = 500, rev: bool = False) -> bytes:
    from craft.layers.base import inet_checksum
    src, dst = (_B6, _A6) if rev else (_A6, _B6)
    seg = struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data
    pseudo = src + dst + struct.pack("!I3xB", len(seg), 17)
    seg = seg[:6] + (inet_checksum(pseudo + seg) or 0xFFFF).to_bytes(2, "big") + seg[8:]
    return _ETH6 + struct.pack("!IHBB16s16s", 6 << 28, len(seg), 17, 64, src, dst) + seg


def _hdr(np: int, body: bytes, etype: int = 2, flags: int = 0, msgid: int = 0, ver: int = 0x10,
         icookie: bytes = b"\x11" * 8, rcookie: bytes = bytes(8), length: int | None = None) -> bytes:
    n = 28 + len(body) if length is None else length
    return icookie + rcookie + struct.pack("!BBBBII", np, ver, etype, flags, msgid, n) + body


def _gen(np: int, body: bytes, critical: int = 0, length: int | None = None) -> bytes:
    return struct.pack("!BBH", np, critical, 4 + len(body) if length is None else length) + body


def _tv(t: int, v: int) -> bytes:
    return struct.pack("!HH", 0x8000 | t, v)


def _tlv(t: int, v: bytes) -> bytes:
    return struct.pack("!HH", t, len(v)) + v


def _v1_transform(np: int, no: int, tid: int, attrs: bytes) -> bytes:
    return _gen(np, struct.pack("!BBH", no, tid, 0) + attrs)


def _v1_proposal(np: int, no: int, proto: int, spi: bytes, transforms: list[bytes]) -> bytes:
    return _gen(np, struct.pack("!BBBB", no, proto, len(spi), len(transforms)) + spi + b"".join(transforms))


def _v1_sa(np: int, proposals: bytes, doi: int = 1, sit: int = 1, extra: bytes = b"") -> bytes:
    return _gen(np, struct.pack("!II", doi, sit) + extra + proposals)


def _ikev1() -> list[bytes]:
    """IKEv1: main mode, aggressive mode, quick mode, informational."""
    oakley = (_tv(1, 7) + _tv(14, 128) + _tv(2, 2) + _tv(3, 1) + _tv(4, 14) + _tv(11, 1)
              + _tlv(12, struct.pack("!I", 28800)) + _tv(5, 3) + _tv(1, 99) + _tv(30, 5) + _tv(16, 1))
    p1 = _v1_proposal(0, 1, 1, b"", [_v1_transform(3, 1, 1, oakley),
                                     _v1_transform(0, 2, 1, _tv(1, 5) + _tv(2, 1) + _tv(3, 3) + _tv(4, 2))])
    vid = _gen(13, bytes.fromhex("4a131c81070358455c5728f20e95452f"))
    mm1 = _hdr(1, _v1_sa(13, p1) + vid + _gen(0, b"\x90\xcb\x80\x91\x3e\xbb\x69\x6e\x08\x63\x81\xb5\xec\x42\x7b\x1f"))
    rck = b"\x22" * 8
    mm2 = _hdr(1, _v1_sa(13, _v1_proposal(0, 1, 1, b"", [_v1_transform(0, 1, 1, oakley[:16])]))
               + _gen(0, b"vendor"), rcookie=rck)
    mm3 = _hdr(4, _gen(10, bytes(range(64))) + _gen(0, bytes(range(100, 124))), rcookie=rck)
    mm4 = _hdr(4, _gen(10, bytes(64)) + _gen(0, bytes(16)), rcookie=rck)
    mm5 = _hdr(5, bytes(60), flags=1, rcookie=rck)
    mm6 = _hdr(5, bytes(60), flags=3, rcookie=rck)
    # aggressive mode with every ID type, cert, cr, hash, sig
    ids = [
        struct.pack("!BBH", 1, 17, 500) + _A, struct.pack("!BBH", 1, 0, 0) + b"\x01",
        struct.pack("!BBH", 2, 0, 0) + b"vpn.example.com", struct.pack("!BBH", 3, 0, 0) + b"a@b\x01\xff",
        struct.pack("!BBH", 4, 6, 80) + _A + bytes([255, 255, 255, 0]), struct.pack("!BBH", 4, 0, 0) + _A,
        struct.pack("!BBH", 5, 0, 0) + _A6, struct.pack("!BBH", 5, 0, 0) + _A6[:8],
        struct.pack("!BBH", 6, 0, 0) + _A6 + b"\xff" * 8 + bytes(8), struct.pack("!BBH", 6, 0, 0) + _A6,
        struct.pack("!BBH", 7, 0, 0) + _A + _B, struct.pack("!BBH", 7, 0, 0) + _A,
        struct.pack("!BBH", 8, 0, 0) + _A6 + _B6, struct.pack("!BBH", 8, 0, 0) + _A6,
        struct.pack("!BBH", 9, 0, 0) + b"\x30\x03abc", struct.pack("!BBH", 10, 0, 0) + b"gn",
        struct.pack("!BBH", 11, 0, 0) + b"key-id", struct.pack("!BBH", 12, 0, 0) + b"??",
        struct.pack("!BBH", 0, 0, 0) + b"zz", struct.pack("!BBH", 1, 17, 500),
    ]
    frames = [_udp4(mm1), _udp4(mm2, rev=True), _udp4(mm3), _udp4(mm4, rev=True), _udp4(mm5),
              _udp4(mm6, rev=True)]
    for i, body in enumerate(ids):
        frames.append(_udp4(_hdr(5, _gen(6, body) + _gen(7, b"\x04cert") + _gen(8, bytes(20))
                                 + _gen(9, bytes(8)) + _gen(0, b"\x0b"),
                                 etype=4, icookie=bytes([0x30 + i]) * 8)))
    # an SA with an unknown DOI, situations and secrecy
    frames.append(_udp4(_hdr(1, _v1_sa(0, p1, doi=2), icookie=b"\x41" * 8)))
    frames.append(_udp4(_hdr(1, _v1_sa(0, p1, sit=7, extra=struct.pack("!I", 9)), icookie=b"\x42" * 8)))
    frames.append(_udp4(_hdr(1, _v1_sa(0, p1, sit=2, extra=struct.pack("!I", 9)), icookie=b"\x43" * 8)))
    frames.append(_udp4(_hdr(1, _v1_sa(0, p1, sit=0, extra=struct.pack("!I", 9)), icookie=b"\x43" * 8)))
    # quick mode: AH, ESP, IPCOMP and unknown proposals with SPIs
    ipsec = (_tv(1, 1) + _tlv(2, b"\x00\x00\x0e\x10") + _tv(3, 2) + _tv(4, 1) + _tv(5, 2) + _tv(6, 256)
             + _tv(7, 1) + _tv(8, 2) + _tlv(9, b"") + _tv(10, 1) + _tv(4, 9))
    qm = (_gen(1, bytes(20)) + _v1_sa(10, _v1_proposal(2, 1, 3, b"\xde\xad\xbe\xef", [
        _v1_transform(3, 1, 12, ipsec), _v1_transform(3, 2, 3, _tv(4, 2)), _v1_transform(0, 3, 99, b"")])
        + _v1_proposal(2, 1, 2, b"\x00\x00\x01\x00", [_v1_transform(0, 1, 3, _tv(5, 1))])
        + _v1_proposal(2, 2, 4, b"\x12\x34", [_v1_transform(0, 1, 2, _tv(8, 1))])
        + _v1_proposal(0, 3, 9, b"", [_v1_transform(0, 1, 5, _tv(1, 1) + _tlv(2, b"\x01"))]))
        + _gen(4, bytes(16)) + _gen(5, bytes(32))
        + _gen(5, struct.pack("!BBH", 4, 17, 0) + _A + bytes([255, 255, 255, 0]))
        + _gen(0, struct.pack("!BBH", 1, 6, 443) + _B))
    frames.append(_udp4(_hdr(8, qm, etype=32, msgid=0x01020304, rcookie=rck)))
    frames.append(_udp4(_hdr(8, qm, etype=32, msgid=0x01020305, rcookie=rck), rev=True))
    # informational: notifies and deletes
    notes = [(1, 3, 14, b"", b""), (1, 1, 24576, b"\x11" * 16, _tv(11, 1) + _tlv(12, b"\x00\x00\x70\x80")),
             (1, 3, 24577, b"\x01\x02\x03\x04", b"\x00\x00\x00\x01"), (1, 3, 24577, b"", bytes(4)),
             (1, 3, 24578, b"\x01\x02\x03\x04", b""), (1, 2, 8192, b"", b""), (1, 2, 8193, b"", b"x"),
             (1, 0, 16384, b"", b""), (1, 0, 16385, b"", b""), (1, 0, 24579, b"", b""),
             (1, 0, 40000, b"", b""), (1, 0, 30, b"", b""), (1, 0, 31, b"", b""), (1, 0, 0, b"", b""),
             (7, 3, 14, b"ab", b"data"), (7, 3, 9000, b"", b""), (7, 3, 16384, b"", b""),
             (7, 3, 30000, b"", b""), (1, 3, 36136, b"", bytes(range(40)))]
    for i, (doi, proto, kind, spi, data) in enumerate(notes):
        body = _gen(0, struct.pack("!IBBH", doi, proto, len(spi), kind) + spi + data)
        frames.append(_udp4(_hdr(8, _gen(11, bytes(20)) + body, etype=5, msgid=0x10 + i, rcookie=rck)))
    for doi, proto, spis in ((1, 3, [b"\x01\x02\x03\x04", b"\x05\x06\x07\x08"]), (1, 1, [b"\x11" * 16]),
                             (3, 2, [b"\xaa\xbb\xcc\xdd"]), (1, 3, [])):
        body = struct.pack("!IBBH", doi, proto, len(spis[0]) if spis else 0, len(spis)) + b"".join(spis)
        frames.append(_udp4(_hdr(12, _gen(0, body), etype=5, msgid=0x99, rcookie=rck), rev=True))
    frames.append(_udp4(_hdr(12, _gen(0, struct.pack("!IBBH", 1, 3, 4, 5) + bytes(8)), etype=5,
                             msgid=0x99, rcookie=rck)))
    # unknown payload and exchange types, bad lengths, the length mismatch
    frames += [
        _udp4(_hdr(20, _gen(50, b"abcd") + _gen(200, b"efgh") + _gen(0, b"ijkl"), etype=6)),
        _udp4(_hdr(1, _gen(0, b"", length=0), etype=33)), _udp4(_hdr(1, _gen(0, b"", length=3), etype=99)),
        _udp4(_hdr(13, _gen(0, b"abcd", length=4), etype=0)),
        _udp4(_hdr(13, _gen(0, b"abcd", length=200), etype=1)),
        _udp4(_hdr(13, _gen(0, b"abcd"), length=999)), _udp4(_hdr(13, _gen(0, b"abcd"), length=20)),
        _udp4(_hdr(0, b"", flags=4)), _udp4(_hdr(0, b"", ver=0x30)), _udp4(_hdr(0, b"", ver=0x00)),
        _udp4(_hdr(1, _v1_sa(0, _v1_proposal(0, 1, 1, b"", [_v1_transform(0, 1, 1, _tlv(12, b"\x00"))]))
                   [:-1] + b"", length=200)),
        _udp4(_hdr(1, _gen(0, struct.pack("!II", 1, 1) + _gen(0, struct.pack("!BBBB", 1, 1, 0, 1)
                                                               + _gen(0, struct.pack("!BBH", 1, 1, 0)
                                                                      + struct.pack("!HH", 12, 40)))))),
        _udp4(_hdr(1, _v1_sa(0, _v1_proposal(0, 1, 1, b"", [_v1_transform(0, 1, 1, _tv(1, 1))])
                             + b"\x00")[:-1] + b"\x00\x00\x00\x00")),
        _udp4(_hdr(10, _gen(0, bytes(8)), icookie=bytes(8))),
        _udp4(_hdr(10, _gen(0, bytes(8)), icookie=bytes(8), rcookie=rck)),
        _udp4(b"\x11" * 27), _udp4(b""),
        _udp6(_hdr(1, _v1_sa(0, p1), icookie=b"\x66" * 8)),
        _udp6(_hdr(1, _v1_sa(0, p1), icookie=b"\x66" * 8, rcookie=rck), rev=True),
        _udp6(_hdr(8, qm, etype=32, msgid=7, icookie=b"\x66" * 8, rcookie=rck)),
        _udp4(_hdr(1, _v1_sa(0, p1), icookie=b"\x66" * 8, rcookie=rck)),
        _udp4(_hdr(1, _v1_sa(0, p1)), sport=7500, dport=7500),
        _udp4(_hdr(1, _v1_sa(0, p1)), sport=8500, dport=1234),
        _udp4(_hdr(1, _v1_sa(0, p1)), ulen=8 + 40),
        # bytes after the IP datagram (Ethernet padding) are not part of it
        _udp4(_hdr(10, _gen(0, bytes(range(12))), icookie=b"\x68" * 8)) + b"\xee" * 30,
        _udp4(bytes(4) + _hdr(10, _gen(0, bytes(range(12))), icookie=b"\x69" * 8), 4500, 4500) + b"\xee" * 9,
        # IKEv2 payload types inside an IKEv1 message
        _udp4(_hdr(33, _gen(46, _v2_proposal(0, 1, 1, b"", [_v2_transform(0, 1, 12)])) + _gen(41, bytes(8))
                   + _gen(0, bytes(4) + b"\x00\x00\x40\x00"), etype=5, icookie=b"\x67" * 8)),
    ]
    # a new exchange: the initiator, then both sides of a quick mode (the I and R marks)
    ck = b"\x77" * 8
    frames += [_udp4(_hdr(1, _v1_sa(0, p1), icookie=ck)),
               _udp4(_hdr(1, _v1_sa(0, p1), icookie=ck, rcookie=rck), rev=True),
               _udp4(_hdr(8, qm, etype=32, msgid=0x0A, icookie=ck, rcookie=rck)),
               _udp4(_hdr(8, qm, etype=32, msgid=0x0A, icookie=ck, rcookie=rck), rev=True),
               _udp4(bytes(4) + _hdr(8, _gen(0, bytes(20)), etype=5, msgid=0x0B, icookie=ck, rcookie=rck),
                        sport=4500, dport=4500, rev=True)]
    return frames


def _v2_transform(np: int, ttype: int, tid: int, attrs: bytes = b"") -> bytes:
    return _gen(np, struct.pack("!BBH", ttype, 0, tid) + attrs)


def _v2_proposal(np: int, no: int, proto: int, spi: bytes, transforms: list[bytes]) -> bytes:
    return _gen(np, struct.pack("!BBBB", no, proto, len(spi), len(transforms)) + spi + b"".join(transforms))


def _v2_notify(np: int, kind: int, spi: bytes = b"", data: bytes = b"", proto: int = 0) -> bytes:
    return _gen(np, struct.pack("!BBH", proto, len(spi), kind) + spi + data)


def _ikev2() -> list[bytes]:
    """IKEv2: IKE_SA_INIT, IKE_AUTH, CREATE_CHILD_SA, INFORMATIONAL."""
    ike = _v2_proposal(2, 1, 1, b"", [
        _v2_transform(3, 1, 12, _tv(14, 256)), _v2_transform(3, 1, 20, _tv(14, 128) + _tv(15, 1)),
        _v2_transform(3, 2, 2), _v2_transform(3, 2, 5), _v2_transform(3, 3, 2), _v2_transform(3, 3, 12),
        _v2_transform(3, 4, 14), _v2_transform(3, 4, 31), _v2_transform(3, 5, 1), _v2_transform(3, 5, 2),
        _v2_transform(3, 9, 1, _tlv(3, b"xy")), _v2_transform(0, 0, 0)])
    esp = _v2_proposal(0, 2, 3, b"\x01\x02\x03\x04", [_v2_transform(3, 1, 3), _v2_transform(3, 3, 1),
                                                      _v2_transform(0, 5, 0)])
    sa = _gen(34, ike + esp)
    ke = _gen(40, struct.pack("!HH", 14, 0) + bytes(range(32)))
    ni = _gen(41, bytes(range(32)))
    natd = (_v2_notify(41, 16388, data=bytes(20)) + _v2_notify(41, 16389, data=bytes(range(20)))
            + _v2_notify(43, 16430) + _gen(0, b"strongSwan\x01"))
    ick, rck = b"\xa1" * 8, b"\xb2" * 8
    init = _hdr(33, sa + ke + ni + natd, ver=0x20, etype=34, flags=0x08, icookie=ick)
    cookie = _hdr(41, _v2_notify(0, 16390, data=bytes(range(16))), ver=0x20, etype=34, flags=0x20, icookie=ick)
    cookie2 = _hdr(41, _v2_notify(0, 16390, data=bytes(range(40))), ver=0x20, etype=34, flags=0x20,
                   icookie=ick)
    resp = _hdr(33, _gen(34, _v2_proposal(0, 1, 1, b"", [_v2_transform(3, 1, 12, _tv(14, 256)),
                                                         _v2_transform(0, 4, 14)]))
                + ke + _gen(38, bytes(8)) + _gen(0, b"\x04" + bytes(20)),
                ver=0x20, etype=34, flags=0x20, icookie=ick, rcookie=rck)
    auth = _hdr(46, _gen(0, bytes(range(80)), critical=0x80), ver=0x20, etype=35, flags=0x08, msgid=1,
                icookie=ick, rcookie=rck)
    # a clear IKE_AUTH payload chain: IDi, CERT, CERTREQ, AUTH, IDr, TSi/TSr, CP, EAP, D
    ids = [b"\x01\x00\x00\x00" + _A, b"\x02\x00\x00\x00" + b"vpn.example", b"\x03\x00\x00\x00" + b"a@b\x01",
           b"\x05\x00\x00\x00" + _A6, b"\x09\x00\x00\x00" + b"\x30\x00", b"\x0a\x00\x00\x00gn",
           b"\x0b\x00\x00\x00kid", b"\x0c\x00\x00\x00??", b"\x01\x00\x00"]
    frames = [_udp4(init), _udp4(cookie, rev=True), _udp4(cookie2, rev=True), _udp4(resp, rev=True),
              _udp4(auth)]
    for body in ids:
        clear = (_gen(37, body) + _gen(38, b"\x04" + bytes(4)) + _gen(39, b"\x04" + bytes(20))
                 + _gen(36, b"\x01\x00\x00\x00" + bytes(40)) + _gen(44, bytes(range(12)), critical=0x80)
                 + _gen(45, bytes(8)) + _gen(47, b"\x01\x00\x00\x00") + _gen(48, b"\x01\x01\x00\x05\x01")
                 + _gen(42, b"\x01\x00\x00\x00") + _gen(0, bytes(16)))
        frames.append(_udp4(_hdr(35, clear, ver=0x20, etype=35, flags=0x08, msgid=1, icookie=ick)))
    for method in (0, 1, 2, 3, 9):
        frames.append(_udp4(_hdr(39, _gen(0, bytes([method, 0, 0, 0]) + bytes(range(40))), ver=0x20,
                                 etype=35, msgid=2, icookie=ick)))
    frames.append(_udp4(_hdr(39, _gen(0, b"\x02\x00"), ver=0x20, etype=35, msgid=2, icookie=ick)))
    frames.append(_udp4(_hdr(34, _gen(0, b"\x00\x02"), ver=0x20, etype=35, msgid=2, icookie=ick)))
    frames.append(_udp4(_hdr(35, _gen(0, b"\x01\x00"), ver=0x20, etype=35, msgid=2, icookie=ick)))
    frames.append(_udp4(_hdr(43, _gen(0, b"abcd"), ver=0x20, etype=35, msgid=2, icookie=ick)))
    for body in (b"\x00\x02", b"\x02\x00\x00", b"\x09\x00\x00", b"\x02\x00", b"\x02\x00\x00"):
        for np in (34, 35, 39):
            frames.append(_udp4(_hdr(np, _gen(0, body) + bytes(8), ver=0x20, etype=35, msgid=2,
                                     icookie=ick)))
    # IKEv1 payload types inside an IKEv2 message
    frames.append(_udp4(_hdr(1, _v1_sa(5, _v1_proposal(0, 1, 1, b"", [_v1_transform(0, 1, 1, _tv(1, 7))]))
                             + _gen(11, struct.pack("!BBH", 1, 17, 500) + _A)
                             + _gen(0, struct.pack("!IBBH", 1, 3, 0, 24578)), ver=0x20, etype=37,
                             msgid=2, icookie=ick)))
    frames.append(_udp4(_hdr(40, _gen(0, b"abcdefghijklmnopqrstuvwxyz0123456789"), ver=0x20, etype=35,
                             msgid=2, icookie=ick)))
    # every notify type tcpdump names, and the ranges it does not
    kinds = [1, 4, 5, 7, 9, 11, 14, 17, 24, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 2, 100,
             8192, 16383] + list(range(16384, 16444)) + [40959, 40960, 65535]
    chain = b"".join(_v2_notify(41, k, spi=b"\x01\x02\x03\x04", proto=3, data=b"\xee\xff") for k in kinds)
    frames.append(_udp4(_hdr(41, chain + _v2_notify(0, 16384, proto=1), ver=0x20, etype=37, flags=0x08,
                             msgid=5, icookie=ick, rcookie=rck)))
    for k in (1, 4, 14, 16388, 16390, 16384, 9000):
        frames.append(_udp4(_hdr(41, _v2_notify(0, k, spi=b"\x01\x02", data=bytes(range(48)), proto=9),
                                 ver=0x20, etype=37, msgid=6, icookie=ick, rcookie=rck), rev=True))
    # CREATE_CHILD_SA and INFORMATIONAL encrypted, critical bits, unknown payloads/exchanges
    child = _hdr(33, _gen(40, _v2_proposal(0, 1, 3, b"\xca\xfe\xba\xbe", [_v2_transform(0, 1, 12, _tv(14, 128))]),
                          critical=0x80)
                 + _gen(44, bytes(20)) + _gen(45, bytes(8)) + _gen(0, bytes(8)),
                 ver=0x20, etype=36, flags=0x08, msgid=3, icookie=ick, rcookie=rck)
    frames += [
        _udp4(child), _udp6(child), _udp6(child, rev=True),
        _udp4(_hdr(46, _gen(0, bytes(28)), ver=0x20, etype=37, flags=0x28, msgid=4, icookie=ick, rcookie=rck)),
        _udp4(_hdr(46, _gen(0, b"\x01\x02\x03"), ver=0x20, etype=37, flags=0x18, msgid=4, icookie=ick)),
        _udp4(_hdr(46, _gen(0, b"\x01\x02\x03\x04\x05"), ver=0x20, etype=37, flags=0x01, msgid=4,
                   icookie=ick)),
        _udp4(_hdr(46, _gen(0, bytes(16), length=80), ver=0x20, etype=37, msgid=4, icookie=ick)),
        _udp4(_hdr(49, _gen(60, b"abcd") + _gen(0, b"efgh"), ver=0x20, etype=40, msgid=9, icookie=ick)),
        _udp4(_hdr(33, _gen(0, b"", length=0), ver=0x20, etype=38, icookie=ick)),
        _udp4(_hdr(33, _gen(0, b"", length=2), ver=0x20, etype=34, icookie=ick)),
        _udp4(_hdr(33, _gen(0, b"abcd", length=99), ver=0x20, etype=34, icookie=ick)),
        _udp4(_hdr(33, _gen(0, b"abcd"), ver=0x20, etype=34, icookie=ick, length=9)),
        _udp4(_hdr(0, b"", ver=0x21, etype=34, flags=0xff, icookie=ick)),
    ]
    # SA structures with bad proposal and transform lengths, SPI too long, non-P substructures
    bad_sas = [
        _gen(0, _v2_proposal(0, 1, 1, b"", [_v2_transform(0, 1, 12)])[:2] + b"\x00\x04" + bytes(4)),
        _gen(0, _v2_proposal(0, 1, 1, b"", [_v2_transform(0, 1, 12)])[:2] + b"\x00\x30"
             + _v2_proposal(0, 1, 1, b"", [_v2_transform(0, 1, 12)])[4:]),
        _gen(0, struct.pack("!BBHBBBB", 0, 0, 9, 1, 1, 8, 1) + b"\x01"),
        _gen(0, struct.pack("!BBHBBBB", 0, 0, 12, 1, 1, 0, 1) + b"\x00\x00\x00\x02"),
        _gen(0, struct.pack("!BBHBBBB", 0, 0, 16, 1, 1, 0, 1) + _v2_transform(0, 1, 12)[:2] + b"\x00\x30"
             + bytes(4)),
        _gen(0, struct.pack("!BBHBBBB", 0, 0, 14, 1, 1, 0, 1) + b"\x00\x00\x00\x06\x01\x00"),
        _gen(0, struct.pack("!BBHBBBB", 0, 0, 20, 1, 1, 0, 2) + _v2_transform(7, 1, 12) + b"\x00\x00\x00\x04"),
        _gen(0, _gen(9, struct.pack("!BBBB", 1, 1, 0, 1) + _v2_transform(0, 3, 2)) + _gen(0, b"junk")),
        _gen(0, b"\x00\x00\x00\x02"), _gen(0, b"\x00\x00"),
        _gen(0, _v2_proposal(0, 1, 1, b"", [_v2_transform(0, 1, 12, _tlv(14, b"\x01") + b"\x00")])),
        _gen(0, _v2_proposal(0, 1, 1, b"", [_v2_transform(0, 1, 12, _tlv(14, b"\x01\x02\x03"))])[:-2]),
    ]
    for i, body in enumerate(bad_sas):
        frames.append(_udp4(_hdr(33, body, ver=0x20, etype=34, flags=0x08, icookie=bytes([0xc0 + i]) * 8)))
    return frames


def _natt() -> list[bytes]:
    """UDP 4500: NAT keep-alives, IKE after a non-ESP marker, ESP."""
    init = _hdr(33, _gen(0, _v2_proposal(0, 1, 1, b"", [_v2_transform(0, 1, 12, _tv(14, 128))])),
                ver=0x20, etype=34, flags=0x08, icookie=b"\xd1" * 8)
    v1 = _hdr(8, _gen(0, bytes(20)), etype=5, msgid=3, icookie=b"\xd2" * 8, rcookie=b"\x01" * 8)
    return [
        _udp4(b"\xff", 4500, 4500), _udp4(b"\x00", 4500, 4500), _udp4(b"\xff", 4500, 4500, ulen=8),
        _udp4(b"\xff", 4500, 4500) + bytes(17), _udp4(b"\xff\xff", 4500, 4500),
        _udp4(b"\xff\x00\x00", 4500, 4500), _udp4(b"", 4500, 4500),
        _udp4(bytes(4) + init, 4500, 4500), _udp4(bytes(4) + v1, 4500, 4500),
        _udp4(bytes(4) + v1, 4500, 4500, rev=True), _udp6(bytes(4) + init, 4500, 4500),
        _udp4(bytes(4), 4500, 4500), _udp4(bytes(4) + b"abc", 4500, 4500),
        _udp4(struct.pack("!II", 0x1000, 1) + bytes(40), 4500, 4500),
        _udp4(struct.pack("!II", 0x1000, 2) + bytes(1), 4500, 4500),
        _udp4(struct.pack("!I", 0x1000), 4500, 4500), _udp4(struct.pack("!II", 0x1000, 3), 4500, 4500),
        _udp6(struct.pack("!II", 0xABCDEF01, 7) + bytes(24), 4500, 1234),
    ]


def _isakmp() -> list[bytes]:
    """Every message of the three sets above, in one capture (the initiator
    cache carries over, as in tcpdump)."""
    return _ikev1() + _ikev2() + _natt()


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-vvv", "-x -vv"])
def test_isakmp_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _isakmp(), flags, step=1, start=42)
    if flags == "-vv":
        assert "(sa: doi=ipsec situation=identity" in got
        assert "(t: #1 id=ike (type=enc value=aes)" in got
        assert "isakmp 1.0 msgid 00000000 cookie 1111111111111111->2222222222222222: phase 1 R ident:" in got
        assert "parent_sa ikev2_init[I]:\n    (sa: len=158\n        (p: #1 protoid=isakmp transform=12 len=122" in got
        assert "(t: #1 type=encr id=aes (type=keylen value=0100))" in got
        assert "phase 2/others R oakley-quick" in got and "(v2e[C]: len=80)" in got
        assert "(n: prot_id=#0 type=16388(nat_detection_source_ip)" in got
        assert "isakmp-nat-keep-alive" in got and "NONESP-encap: isakmp" in got
        assert "UDP-encap: ESP(spi=0x00001000,seq=0x1)" in got
    if not flags:
        assert "phase 2/others R oakley-quick" in got and "parent_sa ikev2_init[I]" in got
