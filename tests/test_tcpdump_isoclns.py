"""craft's printer of OSI NLPIDs and IS-IS against the tcpdump installed
here: every PDU type, the TLVs tcpdump decodes, LSP checksums right and
wrong, bad headers, unknown NLPIDs, each frame whole and cut short."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from test_tcpdump_differential import _cut_and_compare, _ip4

_ISIS_L1 = bytes.fromhex("0180c2000014")
_ISIS_L2 = bytes.fromhex("0180c2000015")
_SRC = bytes.fromhex("00000c123456")


def _llc(pdu: bytes, dst: bytes = _ISIS_L1, pad: int = 0) -> bytes:
    """An 802.3 frame with the OSI LLC header (fe fe 03) and ``pdu``."""
    body = b"\xfe\xfe\x03" + pdu
    return dst + _SRC + struct.pack("!H", len(body)) + body + bytes(pad)


def _fletcher(data: bytes, at: int) -> int:
    """The ISO 8473 annex C checksum to put at ``at`` (two octets) in data."""
    d = bytearray(data)
    d[at:at + 2] = b"\x00\x00"
    c0 = c1 = 0
    for b in d:
        c0 = (c0 + b) % 255
        c1 = (c1 + c0) % 255
    n = len(d) - at
    x = ((n - 1) * c0 - c1) % 255
    y = (c1 - n * c0) % 255
    return ((x or 255) << 8) | (y or 255)


def _tlv(kind: int, value: bytes) -> bytes:
    return bytes([kind, len(value)]) + value


def _common(pdu: int, fixed: int, version: int = 1, id_len: int = 0, pdu_v: int = 1,
            max_area: int = 0) -> bytes:
    return bytes([0x83, fixed, version, id_len, pdu, pdu_v, 0, max_area])


def _lan_iih(tlvs: bytes, level: int = 1, pdu_len: int | None = None, prio: int = 64) -> bytes:
    n = 27 + len(tlvs) if pdu_len is None else pdu_len
    head = _common(14 + level, 27) + struct.pack("!B6sHHB7s", level, bytes.fromhex("192168001001"),
                                                 30, n, prio, bytes.fromhex("19216800100201"))
    return head + tlvs


def _p2p_iih(tlvs: bytes) -> bytes:
    return _common(17, 20) + struct.pack("!B6sHHB", 3, bytes.fromhex("192168001002"), 9,
                                         20 + len(tlvs), 1) + tlvs


def _lsp(tlvs: bytes, level: int = 1, good: bool = True, flags: int = 0x03, cksum: int | None = None,
         lifetime: int = 1199) -> bytes:
    pdu = bytearray(_common(18 if level == 1 else 20, 27) + struct.pack(
        "!HH8sIHB", 27 + len(tlvs), lifetime, bytes.fromhex("1921680010010000"), 0x2A, 0, flags) + tlvs)
    ck = _fletcher(bytes(pdu[12:]), 12) if cksum is None else cksum
    if not good:
        ck ^= 0x0101
    pdu[24:26] = struct.pack("!H", ck)
    return bytes(pdu)


def _csnp(tlvs: bytes, level: int = 2) -> bytes:
    return _common(23 + level, 33) + struct.pack("!H7s8s8s", 33 + len(tlvs), bytes.fromhex("19216800100100"),
                                                 bytes(8), b"\xff" * 8) + tlvs


def _psnp(tlvs: bytes, level: int = 1) -> bytes:
    return _common(25 + level, 17) + struct.pack("!H7s", 17 + len(tlvs), bytes.fromhex("19216800100300")) + tlvs


def _f32(v: float) -> bytes:
    return struct.pack("!f", v)


def _ext_is(metric: int, subs: bytes) -> bytes:
    return bytes.fromhex("19216800100202") + metric.to_bytes(3, "big") + bytes([len(subs)]) + subs


def _isis() -> list[bytes]:
    """IS-IS PDUs of every type with the TLVs tcpdump decodes, plus bad headers
    and the other NLPIDs."""
    u16, u32 = struct.Struct("!H").pack, struct.Struct("!I").pack
    area = _tlv(1, bytes.fromhex("03490001") + bytes.fromhex("0d47000580ffff0000000100000001"))
    protos = _tlv(129, bytes([0xCC, 0x8E, 0x81, 0x42]))
    ipaddr = _tlv(132, bytes([10, 0, 0, 1, 10, 0, 1, 1]))
    ip6addr = _tlv(232, bytes.fromhex("fe800000000000000000000000000001"))
    neigh = _tlv(6, bytes.fromhex("00000c111111") + bytes.fromhex("00000c222222"))
    pad = _tlv(8, bytes(20))
    restart = [_tlv(211, b"\x01"), _tlv(211, b"\x06" + u16(30)),
               _tlv(211, b"\x02" + u16(60) + bytes.fromhex("192168001009")), _tlv(211, b"")]
    adj = [_tlv(240, b"\x00"), _tlv(240, b"\x01" + u32(7)),
           _tlv(240, b"\x02" + u32(7) + bytes.fromhex("192168001005") + u32(9))]
    mt = _tlv(229, u16(0) + u16(0x4002) + u16(0x8FFF) + u16(0x0123))
    auth = [_tlv(10, b"\x01secret"), _tlv(10, b"\x36" + bytes(range(16))),
            _tlv(10, b"\x36" + bytes(5)), _tlv(10, b"\x03" + u16(5) + bytes(4)),
            _tlv(10, b"\xff" + b"priv"), _tlv(10, b"\x07xx"), _tlv(10, b"")]
    hostname = _tlv(137, b"router-1.example")
    te_id = _tlv(134, bytes([10, 255, 0, 1]))
    old_is = _tlv(2, b"\x00" + bytes([10, 0x80, 0x80, 0x80]) + bytes.fromhex("19216800100201")
                  + bytes([0x4A, 0x05, 0x46, 0x07]) + bytes.fromhex("19216800100302"))
    es = _tlv(3, bytes([10, 0x80, 0x80, 0x80]) + bytes.fromhex("00000c333333"))
    ip_int = _tlv(128, bytes([10, 0x80, 0x80, 0x80, 10, 1, 0, 0, 255, 255, 255, 0])
                  + bytes([0x8A, 3, 0x44, 0x80, 172, 16, 0, 0, 255, 0, 255, 0]))
    ip_ext = _tlv(130, bytes([0x4A, 0x80, 0x80, 0x80, 192, 0, 2, 0, 255, 255, 255, 255]))
    subs = (_tlv(3, u32(0x11)) + _tlv(4, u32(1) + u32(2)) + _tlv(6, bytes([10, 0, 0, 1]))
            + _tlv(8, bytes([10, 0, 0, 2])) + _tlv(9, _f32(1.25e9)) + _tlv(10, _f32(1e9))
            + _tlv(11, b"".join(_f32(1e8 * i) for i in range(8))) + _tlv(18, b"\x00\x00\x0a")
            + _tlv(19, u16(3)) + _tlv(20, b"\x0a\x03") + _tlv(22, b"\x00" + _f32(1e6) + _f32(2e6))
            + _tlv(29, b"\x00\x00\x05\x01\x00\x02") + _tlv(99, b"abc")
            + _tlv(32, b"\x30\x07" + bytes.fromhex("192168001007") + b"\x00\x01\x00"))
    ext_is = _tlv(22, _ext_is(10, subs) + _ext_is(20, b""))
    sys7 = bytes.fromhex("192168001007")
    ext_is2 = _tlv(22, _ext_is(5, _tlv(32, b"\x00\x01" + sys7 + u32(9)) + _tlv(32, b"\x20\x01" + sys7 + u32(9))
                            + _tlv(32, b"\x30\x01" + sys7[:2]) + _tlv(12, b"\x02" + _f32(5e5)) + _tlv(12, b"\x01" + _f32(5e5) + b"x")
                            + _tlv(9, _f32(float("inf"))) + _tlv(10, bytes.fromhex("7fc00000"))
                            + _tlv(9, bytes.fromhex("ffc00000")) + _tlv(9, _f32(-3.0e38)) + _tlv(12, b"")))
    bws = b"".join(_f32(1e7 * i) for i in range(8))
    iscd = [_tlv(21, b"\x01\x02\x00\x00" + bws + _f32(1e6) + u16(1500)),
            _tlv(21, b"\x64\x05\x00\x00" + bws + _f32(1e6) + b"\x01\x00\x00\x00"),
            _tlv(21, b"\x64\x63\x00\x00" + bws + _f32(1e6) + b"\x07\x00\x00\x00"),
            _tlv(21, b"\x96\x08\x00\x00" + bws + b"rest"), _tlv(21, b"\xc8\x0b\x00\x00" + bws),
            _tlv(21, b"\x33\x0d\x00\x00" + bws[:20]), _tlv(21, b"\x04\x01\x00\x00" + bws + b"ab")]
    ext_is3 = _tlv(22, _ext_is(3, b"".join(iscd[:4]))) + _tlv(22, _ext_is(3, b"".join(iscd[4:])))
    ext_is_bad = [_tlv(22, _ext_is(1, b"\x03\x08" + u32(1))), _tlv(22, _ext_is(1, b"\x03")),
                  _tlv(22, bytes(5)), _tlv(22, _ext_is(1, b"\x03\x04" + u32(1))[:-2]),
                  _tlv(24, bytes.fromhex("19216800100202") + b"\x00")]
    ext_ip = _tlv(135, u32(10) + b"\x18" + bytes([10, 2, 0]) + u32(20) + b"\x80" + u32(0xFFFFFFFF)
                  + b"\x60" + bytes([10, 3, 0, 0]) + bytes([28]) + _tlv(1, u32(100)) + _tlv(2, bytes(8))
                  + _tlv(3, b"\x40\x00" + u32(16)) + _tlv(77, b"zz") + u32(1) + b"\x00")
    ext_ip_sid = _tlv(135, u32(1) + b"\x60" + bytes([1, 1, 1, 1]) + bytes([7]) + _tlv(3, b"\x0c\x01\x00\x10\x00"))
    ext_ip_bad = [_tlv(135, u32(1) + b"\x21" + bytes(5)), _tlv(135, u32(1) + b"\x20" + bytes(2)),
                  _tlv(135, u32(1) + b"\x60" + bytes([10, 0, 0, 0]) + b"\x04" + _tlv(3, b"\x08\x00"))]
    mt_ip = _tlv(235, u16(0x4002) + u32(5) + b"\x08\x0a")
    ip6 = _tlv(236, u32(10) + b"\x00\x40" + bytes.fromhex("20010db800000001")
               + u32(11) + b"\xe0\x30" + bytes.fromhex("20010db80002") + b"\x06" + _tlv(1, u32(9))
               + u32(12) + b"\x00\x08\xff")
    mt_ip6 = _tlv(237, u16(2) + u32(10) + b"\x00\x80" + bytes(16))
    mt_is = _tlv(222, u16(2) + _ext_is(7, _tlv(6, bytes([10, 0, 0, 1]))))
    lsp_entries = _tlv(9, u16(1199) + bytes.fromhex("1921680010010000") + u32(5) + u16(0x1234)
                       + u16(0) + bytes.fromhex("1921680010020100") + u32(6) + u16(0xABCD))
    router_cap = [_tlv(242, bytes([10, 0, 0, 1, 3])), _tlv(242, bytes([10, 0, 0, 1, 0]) + _tlv(2, b"\xc0\x00\x10\x00" + _tlv(1, b"\x00\x3e\x80")) + _tlv(9, b"x")),
                  _tlv(242, b"\x01\x02")]
    misc = [_tlv(7, u16(1) + u16(2) + u16(3)), _tlv(7, u16(1) + u16(2)), _tlv(7, b"\x01"),
            _tlv(4, bytes.fromhex("192168001001")), _tlv(5, b"\x0a\x80\x80\x80" + b"\x08\x49\x00\x01\x02" + b"\x01"),
            _tlv(13, b"\x02" + bytes.fromhex("192168001001") + bytes.fromhex("192168001002")),
            _tlv(13, b"\x01" + bytes.fromhex("192168001001")), _tlv(13, b"\x00"),
            _tlv(14, u16(1492)), _tlv(241, u32(77)), _tlv(131, b"\x02" + u16(65000)), _tlv(131, b"\x01ab"),
            _tlv(138, bytes.fromhex("19216800100202") + b"\x01" + bytes([10, 0, 0, 1, 10, 0, 0, 2]) + u32(1) + u32(2)),
            _tlv(250, bytes.fromhex("00000c") + b"vendor"), _tlv(42, b"decnet"), _tlv(199, b"\x01\x02\x03"),
            _tlv(229, u16(2) + b"\x00"), _tlv(1, b"\x05\x49"), _tlv(6, bytes(7)), _tlv(2, b"\x05" + bytes(3)),
            _tlv(132, bytes(6)), _tlv(134, b"\x01"), _tlv(232, bytes(5)), _tlv(9, bytes(4)),
            _tlv(144, u16(0x8001) + _tlv(3, bytes.fromhex("00000c123456") + u16(0x1064) + u32(0x80000001))),
            _tlv(143, u16(0x1001) + _tlv(6, u32(0x0080c201) + u16(0x0641))),
            _tlv(12, u16(0))]
    frames = []
    hello = area + protos + ipaddr + ip6addr + neigh + pad + b"".join(restart) + b"".join(adj[:1]) + mt
    frames.append(_llc(_lan_iih(hello)))
    frames.append(_llc(_lan_iih(hello, level=2, prio=0xC0), _ISIS_L2, pad=6))
    frames.append(_llc(_p2p_iih(area + protos + b"".join(adj) + b"".join(auth))))
    frames.append(_llc(_lan_iih(b"".join(auth[:4]))))
    # checksum TLV: right and wrong (over the whole PDU, the field zero)
    iih = bytearray(_lan_iih(area + _tlv(12, u16(0))))
    ck = _fletcher(bytes(iih), len(iih) - 2)
    iih[-2:] = u16(ck)
    frames.append(_llc(bytes(iih)))
    iih[-2:] = u16(ck ^ 0x0F0F)
    frames.append(_llc(bytes(iih)))
    lsp_body = (area + protos + hostname + te_id + ipaddr + old_is + es + ip_int + ip_ext + ext_is
                + ext_is2 + ext_ip + ext_ip_sid + mt_ip + ip6 + mt_ip6 + mt_is + mt + ip6addr)
    frames.append(_llc(_lsp(lsp_body)))
    frames.append(_llc(_lsp(lsp_body, level=2, good=False, flags=0x7F), _ISIS_L2))
    frames.append(_llc(_lsp(b"".join(router_cap) + b"".join(misc[:14]), flags=0x81)))
    frames.append(_llc(_lsp(b"".join(misc[14:]), cksum=0, lifetime=0)))
    for bad in ext_is_bad + ext_ip_bad:
        frames.append(_llc(_lsp(hostname + bad + te_id)))
    frames.append(_llc(_lsp(_tlv(128, bytes(13)) + te_id)))
    frames.append(_llc(_lsp(ext_is3 + te_id)))
    frames.append(_llc(_lsp(_tlv(236, u32(12) + b"\x00\x81") + te_id)))
    frames.append(_llc(_lsp(_tlv(222, b"\x00") + te_id)))
    frames.append(_llc(_csnp(lsp_entries)))
    frames.append(_llc(_csnp(lsp_entries, level=1), _ISIS_L1))
    frames.append(_llc(_psnp(lsp_entries + auth[0])))
    frames.append(_llc(_psnp(lsp_entries, level=2)))
    # PDU length shorter than the frame, longer than it, shorter than the header
    frames.append(_llc(_lan_iih(area + protos, pdu_len=27 + len(area))))
    frames.append(_llc(_lan_iih(area + protos, pdu_len=200)))
    frames.append(_llc(_lan_iih(area, pdu_len=20)))
    frames.append(_llc(_lan_iih(area + b"\x81\x05ab")))
    # bad common headers
    for head in (_common(15, 27, version=2), _common(15, 27, id_len=4), _common(15, 27, pdu_v=3),
                 _common(15, 200), _common(15, 5), _common(15, 27, max_area=255),
                 _common(15, 27, id_len=6, max_area=3), _common(15, 20), _common(17, 27),
                 _common(18, 20), _common(24, 20), _common(26, 20), _common(9, 8), _common(31, 8)):
        frames.append(_llc(head + bytes(30)))
    frames.append(_llc(_common(15, 27)[:6]))
    # other NLPIDs: null, unknown, short
    frames.append(_llc(b"\x00\x01\x02"))
    frames.append(_llc(bytes([2]) + bytes(range(38))))
    frames.append(_llc(b"\x42"))
    frames.append(_llc(b"\xcc" + _ip4(17, struct.pack("!HHHH", 7, 9, 12, 0) + b"abcd")))
    frames.append(_llc(b"\x8e" + bytes.fromhex("6000000000083b40") + bytes(15) + b"\x01" + bytes(15) + b"\x02" + bytes(8)))
    frames.append(_llc(b"\xcf\xc0\x21\x09\x01\x00\x08\x00\x00\x00\x01"))
    frames.append(_llc(b"\x81"))
    # ethertype 0xFEFE (tcpdump skips one byte after it)
    frames.append(_ISIS_L1 + _SRC + b"\xfe\xfe" + b"\x03" + _psnp(lsp_entries))
    return frames


_NSAP_A = bytes.fromhex("490001192168001001") + b"\x00"
_NSAP_B = bytes.fromhex("39840f80000000000000000000000000c0a80001")


def _clnp(kind: int = 0x1C, opts: bytes = b"", data: bytes = b"0123456789", seg: bytes | None = b"",
          li: int | None = None, version: int = 1, good: bool = True, zero: bool = False) -> bytes:
    """A CLNP PDU (ISO 8473) with its header checksum."""
    addrs = bytes([len(_NSAP_B)]) + _NSAP_B + bytes([len(_NSAP_A)]) + _NSAP_A
    flags = 0x80 if seg else 0
    rest = addrs + (seg or b"") + opts
    n = 9 + len(rest) if li is None else li
    head = bytearray(bytes([0x81, n, version, 0x21, kind | flags]) + struct.pack("!HH", n + len(data), 0) + rest)
    ck = 0 if zero else _fletcher(bytes(head[:n]), 7) ^ (0 if good else 0x1111)
    head[7:9] = struct.pack("!H", ck)
    return bytes(head) + data


def _esis_pdu(kind: int, body: bytes, li: int | None = None, version: int = 1, hold: int = 30) -> bytes:
    n = 9 + len(body) if li is None else li
    pdu = bytearray(bytes([0x82, n, version, 0, kind]) + struct.pack("!HH", hold, 0) + body)
    if li is None:
        pdu[7:9] = struct.pack("!H", _fletcher(bytes(pdu[:n]), 7))
    return bytes(pdu)


def _osi() -> list[bytes]:
    """CLNP data, error and echo PDUs with their options, ES-IS hellos and
    redirects, bad headers."""
    def opt(kind: int, value: bytes) -> bytes:
        return bytes([kind, len(value)]) + value

    seg = struct.pack("!HHH", 0x1234, 0, 60)
    opts = (opt(205, b"\x0b") + opt(195, b"\xd5") + opt(195, b"\x40") + opt(197, b"\xc0\x03")
            + opt(204, b"\x00\x00") + opt(0x99, b"ab") + opt(193, b"\x82") + opt(193, b"\xa1")
            + opt(193, b"\x31") + opt(200, b"\x01\x03" + b"\x02\x49\x00" + b"\x01\x47")
            + opt(203, b"\x00\x00") + opt(203, b"\x00\x09") + opt(200, b"\x05\x01\x04\x49"))
    frames = [_llc(_clnp(opts=opts, seg=seg)), _llc(_clnp(kind=30, seg=None, zero=True)), _llc(_clnp(kind=28, seg=None), pad=12),
              _llc(_clnp(kind=31, seg=None, good=False, data=b"")),
              _llc(_clnp(kind=1, opts=opt(193, b"\x07"), seg=None, data=_clnp(kind=30, seg=None))),
              _llc(_clnp(kind=1, seg=None, data=b"\x00xx")), _llc(_clnp(kind=29, seg=None)),
              _llc(_clnp(kind=3, seg=None)), _llc(_clnp(version=2)), _llc(_clnp(li=250)),
              _llc(_clnp(li=7)), _llc(_clnp(seg=None, li=12)), _llc(_clnp(seg=None, li=30)),
              _llc(_clnp(seg=None, opts=b"\xcd")), _llc(_clnp(seg=None, opts=b"\xcd\x09\x00")),
              _llc(_clnp(seg=None, opts=opt(205, b""))), _llc(_clnp(seg=None, opts=opt(197, b"\x01"))),
              _llc(_clnp(seg=b"\x00\x01", li=9 + 32 + 2)), _llc(b"\x81\x09")]
    conf = opt(198, b"\x00\x3c")
    frames += [
        _llc(_esis_pdu(2, b"\x02" + bytes([len(_NSAP_A)]) + _NSAP_A + b"\x03\x49\x00\x01" + conf
                       + opt(129, b"\xcc\x8e") + opt(198, b"\x01") + opt(226, b"\xff\xff")), bytes.fromhex("09002b000004")),
        _llc(_esis_pdu(4, bytes([len(_NSAP_B)]) + _NSAP_B + conf), bytes.fromhex("09002b000005")),
        _llc(_esis_pdu(6, bytes([len(_NSAP_B)]) + _NSAP_B + b"\x06" + _SRC + bytes([len(_NSAP_A)]) + _NSAP_A + conf)),
        _llc(_esis_pdu(6, b"\x03\x49\x00\x01" + b"\x03abc" + b"\x00")),
        _llc(_esis_pdu(6, b"\x03\x49\x00\x01" + b"\x00" + b"\x02\x49")),
        _llc(_esis_pdu(6, b"\x03\x49\x00\x01" + b"\x00" + b"\x05\x49\x00", li=9 + 8)),
        _llc(_esis_pdu(2, b"\x02\x03\x49\x00\x01")), _llc(_esis_pdu(4, b"\x09\x49")),
        _llc(_esis_pdu(4, b"\x01\x49" + b"\x81\x09")), _llc(_esis_pdu(4, b"\x01\x49" + b"\x81")),
        _llc(_esis_pdu(9, b"\x01\x02\x03")), _llc(_esis_pdu(4, b"\x01\x49", li=10)),
        _llc(_esis_pdu(4, b"\x01\x49", version=2)), _llc(_esis_pdu(4, b"\x01\x49", li=99)),
        _llc(b"\x82\x0b"), _llc(_esis_pdu(2, b"\x00"))]
    return frames


def _q933() -> list[bytes]:
    """Q.933 (NLPID 0x08): LMI status enquiries and replies, ANSI (locking
    shift to codeset 5) and CCITT, PVC status IEs good and bad, unknown IEs
    and messages, cut call references."""
    pvc = [b"\x07\x03\x00\x80\x8a", b"\x07\x03\x06\x88\x82", b"\x57\x04\x06\x08\x82\x8a",
           b"\x07\x05\x06\x08\x02\x84\x88", b"\x07\x03\x06\x88\x80", b"\x57\x03\x01\x08\x82", b"\x07\x04\x01\x08\x02\x80",
           b"\x07\x05\x01\x08\x02\x04\x8a", b"\x07\x02\x00\x80", b"\x07\x03\x80\x00\x80",
           b"\x07\x06" + bytes(5) + b"\x80"]
    bodies = [b"\x01\x00\x75\x95\x01\x01\x01\x03\x02\x05\x04",
              b"\x01\x00\x7d\x51\x01\x00\x53\x02\x06\x05" + b"".join(pvc),
              b"\x02\x12\x34\x05\x9d\x19\x02\x01\x02\x22\x02ab\xa1\x01\x01\x07",
              b"\x01\x00\x7d\x51\x01\x00\x33\x00", b"\x01\x00\x7d\x00\x01x", b"\x01\x00\x30\x53\x01\x05",
              b"\x01\x00\x75\x51\x09\x00", b"\x03\x01", b"", b"\x00\x45", b"\x00\x45\x53", b"\x00\x45\x96"]
    return [_llc(b"\x08" + body) for body in bodies]


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-e -v"])
def test_q933_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _q933(), flags, step=1, start=17)
    assert "Q.933" in got or "-e" in flags
    assert "TX Seq:   5, RX Seq:   4" in got


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-e", "-x -vv"])
def test_clnp_esis_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _osi(), flags, step=1, start=17)
    if "v" in flags:
        for word in ("Data PDU, hlen:", "Security-Level 3", "-----original packet-----",
                     "Number of Source Addresses: 2", "SNPA (length: 6): 00:00:0c:12:34:56", "(correct)"):
            assert word in got, word


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-e", "-x -vv"])
def test_isis_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _isis(), flags, step=1, start=17)
    assert "IS-IS, L1 Lan IIH, src-id 1921.6800.1001" in got or "-v" in flags or "-e" in flags
    if "v" in flags:
        for word in ("Area address (length: 3): 49.0001", "(correct)", "(incorrect should be 0x",
                     "Hostname: router-1.example", "Unreserved bandwidth subTLV #11",
                     "IPv6 prefix: 2001:db8:0:1::/64", "Restart Request", "HMAC-MD5 password"):
            assert word in got, word
