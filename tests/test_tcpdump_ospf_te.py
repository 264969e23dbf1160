"""OSPFv2 opaque LSAs (RFC 5250): Traffic Engineering (RFC 3630, 4203,
4124), Graceful restart (RFC 3623) and Router Information (RFC 7770),
compared line for line with the tcpdump installed here: every frame whole
and cut short at every byte. The frames are built here with struct,
independently of craft."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from test_tcpdump_differential import _cut_and_compare, _ip4

ALL_SPF = bytes([224, 0, 0, 5])


def _cksum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\x00"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def _ospf(kind: int, body: bytes, good_cksum: bool = True, area: bytes = bytes(4), trailer: bytes = b"",
          auth: int = 0, auth_data: bytes = bytes(8)) -> bytes:
    """An OSPFv2 packet from 192.0.2.1 in an Ethernet frame to AllSPFRouters,
    TRAILER (LLS, digest) after the length the OSPF header gives."""
    hdr = struct.pack("!BBH4s4sHH8s", 2, kind, 24 + len(body), bytes([192, 0, 2, 1]), area, 0, auth, auth_data)
    if good_cksum:
        hdr = hdr[:12] + struct.pack("!H", _cksum(hdr + body)) + hdr[14:]
    else:
        hdr = hdr[:12] + b"\xde\xad" + hdr[14:]
    ip = _ip4(89, hdr + body + trailer, dst=ALL_SPF)
    return bytes.fromhex("01005e000005020000000001") + b"\x08\x00" + ip


def _tlv(kind: int, value: bytes, pad: bool = True) -> bytes:
    """A TLV with its length, padded to 32 bits."""
    out = struct.pack("!HH", kind, len(value)) + value
    return out + bytes(-len(out) % 4) if pad else out


def _lsa(ls_type: int, opaque_type: int, body: bytes, opaque_id: int = 0, length: int | None = None,
         age: int = 3) -> bytes:
    """An opaque LSA (or any LSA when OPAQUE_TYPE is None-like)."""
    lsid = bytes([opaque_type]) + opaque_id.to_bytes(3, "big")
    size = 20 + len(body) if length is None else length
    return struct.pack("!HBB4s4sIHH", age, 0x42, ls_type, lsid, bytes([192, 0, 2, 9]), 0x80000001, 0x1234,
                       size) + body


def _update(*lsas: bytes, count: int | None = None, **kw: bool) -> bytes:
    return _ospf(4, struct.pack("!I", len(lsas) if count is None else count) + b"".join(lsas), **kw)


def _f(x: float) -> bytes:
    return struct.pack("!f", x)


def _te(*tlvs: bytes, opaque_id: int = 1, ls_type: int = 10) -> bytes:
    return _lsa(ls_type, 1, b"".join(tlvs), opaque_id)


def _link(*subs: bytes) -> bytes:
    return _tlv(2, b"".join(subs))


def _ospf_opaque() -> list[bytes]:
    """LS-Updates with TE, Grace, Router Information and other opaque LSAs
    in each form tcpdump decodes, bad lengths, unknown TLVs, and the LSA
    headers of opaque LSAs in LS-Ack and Database Description packets."""
    ip = bytes([192, 0, 2, 1])
    bws = b"".join(_f(x) for x in (1.25e9, 125e6, 0.0, -1.0, 1e-9, float("inf"), float("nan"), 3.4e38))
    link = _link(_tlv(1, b"\x01"), _tlv(2, bytes([192, 0, 2, 2])), _tlv(3, ip), _tlv(4, bytes([192, 0, 2, 2])),
                 _tlv(5, struct.pack("!I", 10)), _tlv(6, _f(1.25e9)), _tlv(7, _f(1e9 / 8)), _tlv(8, bws),
                 _tlv(9, struct.pack("!I", 0x80000001)))
    gmpls = _link(_tlv(1, b"\x02"), _tlv(2, ip + ip), _tlv(11, struct.pack("!II", 7, 9)),
                  _tlv(11, struct.pack("!I", 7)), _tlv(14, b"\x0a\x03\x00\x00"),
                  _tlv(15, bytes([1, 2, 0, 0]) + bws), _tlv(15, bytes([51, 5, 0, 0]) + bws + b"xtra"),
                  _tlv(17, bytes([0, 0, 0, 0]) + bws), _tlv(17, bytes([1, 0, 0, 0]) + _f(1e6)),
                  _tlv(17, bytes([1, 0, 0, 0]) + bytes.fromhex("ffc00000 7f800001 ff7fffff 00000001")),
                  _tlv(17, bytes([2, 0, 0, 0])), _tlv(17, bytes([9, 0, 0, 0])), _tlv(0x8001, b"vendor"),
                  _tlv(1, b"\x07"), _tlv(16, struct.pack("!III", 1, 2, 3)), _tlv(16, b""))
    grace = _lsa(9, 3, _tlv(1, struct.pack("!I", 120)) + _tlv(2, b"\x01") + _tlv(3, ip) + _tlv(9, b"xyz"))
    reasons = _lsa(9, 3, b"".join(_tlv(2, bytes([r])) for r in (0, 2, 3, 4)))
    ri = _lsa(10, 4, _tlv(1, struct.pack("!I", 0x3F0)) + _tlv(2, b"\x00\x01"), opaque_id=0)
    headers = [_lsa(t, o, b"", opaque_id=i, length=20 + n) for t, o, i, n in
               ((9, 3, 0, 44), (10, 1, 5, 100), (11, 4, 1, 8), (10, 7, 2, 12), (10, 8, 3, 12), (10, 99, 0xABCDEF, 4))]
    return [
        _update(_te(_tlv(1, ip), opaque_id=0), _te(link)),
        _update(_te(gmpls), _te(_tlv(1, ip), _tlv(3, b"unknown"), link, ls_type=11), good_cksum=False),
        _update(grace, reasons, ri, area=bytes([0, 0, 0, 1])),
        _update(_lsa(10, 7, _tlv(1, bytes([1, 24, 0, 0x80]) + bytes([198, 51, 100, 0]))),
                _lsa(10, 8, _tlv(1, bytes([1, 0, 0, 0]) + ip + ip)), _lsa(11, 99, b"opaque!!")),
        _ospf(5, b"".join(headers)),
        _ospf(2, struct.pack("!HBBI", 1500, 0x42, 0x07, 1) + b"".join(headers)),
        _ospf(3, b"".join(struct.pack("!I", t) + bytes([o]) + i.to_bytes(3, "big") + ip
                          for t, o, i in ((9, 3, 0), (10, 1, 7), (11, 4, 0)))),
        # bad lengths in the Link TLV's sub-TLVs, each in its own LSA
        _update(*[_te(_link(_tlv(t, v))) for t, v in
                  ((1, b"\x01\x02"), (2, b"\x01\x02\x03"), (3, b"\x00" * 8), (4, b"\x00"), (5, b"\x00" * 5),
                   (6, b"\x00" * 2), (7, b"\x00" * 8), (8, b"\x00" * 28), (9, b""), (11, b"\x00" * 6),
                   (14, b"\x00" * 3), (15, b"\x00" * 35), (16, b"\x00" * 5), (17, b"\x00" * 3),
                   (17, b"\x00" * 6), (17, b"\x00" * 40))]),
        _update(_te(_tlv(2, struct.pack("!HH", 5, 8) + b"\x00" * 4)), _te(_tlv(2, b"\x00\x05\x00")),
                _te(_tlv(2, struct.pack("!HH", 0, 4) + bytes(4))), _te(_tlv(1, b"\x01\x02")),
                _te(_tlv(0, b"")), _te(_tlv(1, ip, pad=False) + b"\x00\x02"), _te(struct.pack("!HH", 2, 40))),
        _update(_lsa(9, 3, _tlv(1, b"\x00\x01")), _lsa(9, 3, _tlv(2, b"\x00\x01")), _lsa(9, 3, _tlv(3, b"\x00")),
                _lsa(9, 3, _tlv(0, b"ab")), _lsa(9, 3, struct.pack("!HH", 1, 9) + bytes(4)),
                _lsa(9, 3, b"\x00\x01"), _lsa(9, 3, _tlv(2, b"\x01", pad=False))),
        _update(_te(_tlv(1, ip)), count=3),
        # what tcpdump does after a TLV it walked or padded, with another LSA after it
        _update(_te(_link(_tlv(5, struct.pack("!I", 10)))), _te(_tlv(1, ip))),
        _update(_lsa(9, 3, _tlv(2, b"\x01", pad=False)), _te(_tlv(1, ip))),
        _update(_te(_link(_tlv(16, struct.pack("!I", 5)), _tlv(5, struct.pack("!I", 10)))), _te(_tlv(1, ip))),
        _update(_te(_link(_tlv(1, b"\x01", pad=False))), _te(_tlv(1, ip))),
        _update(_te(_link(_tlv(1, b"\x01", pad=False), _tlv(9, bytes(4))), _tlv(1, ip))),
        _update(_te(_tlv(1, ip + b"\x01", pad=False)), _te(_tlv(1, ip))),
        _update(_te(_tlv(1, ip + b"\x01", pad=False), _tlv(1, ip)), _te(_tlv(1, ip))),
        _update(_lsa(9, 3, _tlv(2, b"\x01", pad=False) + b"\x00\x00\x00"), _te(_tlv(1, ip))),
        _update(_te(_tlv(7, b"abcde", pad=False)), _te(_tlv(1, ip))),
        _update(_te(struct.pack("!HH", 0, 99) + bytes(8)), _te(_link(_tlv(0x8001, b"vend", pad=False))),
                _te(_link(_tlv(8, bytes(32)), struct.pack("!HH", 5, 40)))),
    ]


def _ospf_lls() -> list[bytes]:
    """Hellos and Database Descriptions with an LLS block (RFC 5613) after
    them: each TLV, bad lengths, with and without the L option and MD5
    authentication in front of it; and a summary LSA with a TOS metric."""
    def hello(options: int) -> bytes:
        return struct.pack("!4sHBBI4s4s", bytes([255, 255, 255, 0]), 10, options, 1, 40, bytes(4), bytes(4))

    dd = struct.pack("!HBBI", 1500, 0x52, 7, 1)
    lls = struct.pack("!HH", 0xABCD, 3) + struct.pack("!HHI", 1, 4, 3)
    lls_all = (struct.pack("!HH", 0, 9) + struct.pack("!HHI", 1, 4, 0xFFFFFFFC) + struct.pack("!HHI", 2, 20, 7)
               + bytes(16) + struct.pack("!HH", 9, 2) + b"ab\0\0")
    lls_bad = struct.pack("!HH", 0, 9) + struct.pack("!HHI", 1, 8, 1) + bytes(4) + struct.pack("!HHI", 2, 4, 7)
    summary = (struct.pack("!HBB4s4sIHH", 1, 0x42, 3, bytes(4), bytes(4), 1, 0, 32) + bytes([255, 255, 255, 0])
               + struct.pack("!II", 0x00000010, 0xF9001234))
    return [
        _ospf(1, hello(0x12), trailer=lls), _ospf(1, hello(0x02), trailer=lls), _ospf(2, dd, trailer=lls_all),
        _ospf(2, struct.pack("!HBBI", 1500, 0x42, 7, 1), trailer=lls), _ospf(1, hello(0x12), trailer=lls_bad),
        _ospf(1, hello(0x12), trailer=lls[:3]), _ospf(1, hello(0x12), trailer=lls + b"\0\1\0"),
        _ospf(1, hello(0x12), trailer=b"\0"), _ospf(3, b"", trailer=lls),
        *[_ospf(1, hello(0x12), trailer=lls + bytes(16), auth=2, auth_data=bytes([0, 0, 1, n, 0, 0, 0, 1]))
          for n in (4, 10, 11, 12, 16)],
        _ospf(4, struct.pack("!I", 1) + summary),
    ]


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-x -vv"])
def test_ospf_lls_as_tcpdump(tmp_path: Path, flags: str) -> None:
    """The LLS block as tcpdump prints it, also cut short anywhere."""
    got = _cut_and_compare(tmp_path, _ospf_lls(), flags, step=1, start=42)
    if flags == "-v":
        assert "LLS: checksum: 0xabcd, length: 3\n\t    Extended Options (1), length: 4" in got
        assert "Options: 0x00000003 [LSDB resync, Restart]" in got
        assert "MD5 Authentication (2), length: 20\n\t      Sequence number: 0x00000007" in got
        assert "[LLS truncated]" in got
        assert "topology Unknown (121) metric 4660" in got


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-x -vv"])
def test_ospf_opaque_as_tcpdump(tmp_path: Path, flags: str) -> None:
    """Opaque LSAs as tcpdump prints them, also cut short anywhere."""
    got = _cut_and_compare(tmp_path, _ospf_opaque(), flags, step=1, start=42)
    if flags == "-v":
        assert "Router Address TLV (1), length: 4, 192.0.2.1" in got
        assert "Maximum Bandwidth subTLV (6), length: 4, 10000.000 Mbps" in got
        assert "TE-Class 0: 10000.000 Mbps" in got
        assert "Grace Period TLV (1), length 4, value: 120s" in got
        assert "Interface Switching Capability: Layer-2 Switch Capable" in got
        assert "Bandwidth constraint CT0: 10000.000 Mbps" in got
        assert "Link Local/Remote Identifier subTLV (11), length: 8, 0.0.0.7 (0x00000007), 0.0.0.9" in got
