"""LLDP's TIA (LLDP-MED) and DCBX organization TLVs, compared line for line
with the tcpdump installed here: every frame whole and cut short at every
byte. The frames are built here with struct, independently of craft."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from test_tcpdump_differential import _cut_and_compare

TIA, DCBX = 0x0012BB, 0x001B21


def _tlv(kind: int, value: bytes) -> bytes:
    return struct.pack("!H", kind << 9 | len(value)) + value


def _org(oui: int, sub: int, body: bytes) -> bytes:
    return _tlv(127, oui.to_bytes(3, "big") + bytes([sub]) + body)


def _frame(*tlvs: bytes) -> bytes:
    base = (_tlv(1, b"\x04\x02\x00\x00\x00\x00\x01"), _tlv(2, b"\x05eth0"), _tlv(3, b"\x00\x78"))
    return (bytes.fromhex("0180c200000e020000000001") + b"\x88\xcc" + b"".join(base)
            + b"".join(tlvs) + _tlv(0, b""))


def _coordinate(lat_res: int, alt_type: int, datum: int) -> bytes:
    lat = (lat_res << 34 | 0x2_1234_5678).to_bytes(5, "big")
    lon = (0x3F << 34 | 0x1_0000_0001).to_bytes(5, "big")
    alt = (alt_type << 36 | 0x15 << 30 | 0x3ABCDEF0).to_bytes(5, "big")
    return b"\x01" + lat + lon + alt + bytes([datum])


def _civic(what: int, elements: bytes, country: bytes = b"US", pad: bytes = b"\x00") -> bytes:
    """tcpdump wants one byte more than the LCI length counts: PAD."""
    lci = bytes([what]) + country + elements
    return b"\x02" + bytes([len(lci)]) + lci + pad


def _dcbx(*tlvs: bytes) -> bytes:
    return _org(DCBX, 2, b"".join(tlvs))


def _lldp_org() -> list[bytes]:
    """LLDPDUs with every TIA and DCBX TLV tcpdump decodes, each value kind,
    lengths too short for their values, and unknown subtypes; and network
    addresses of each address family."""
    policy = [_org(TIA, 2, bytes([app, flags]) + struct.pack("!H", word))
              for app, flags, word in ((1, 0x40, 0xC96E), (2, 0xA0, 0x1FFF), (8, 0x00, 0x0000),
                                       (9, 0xE1, 0x5F40))]
    civic = b"".join(bytes([t, len(v)]) + v for t, v in
                     ((1, b"CA"), (2, b"Santa Clara"), (3, b"San Jose"), (4, b"West"),
                      (5, b"Block 9"), (6, b"Main St"), (22, b"Bldg 4"), (128, b"x\0y")))
    power = [_org(TIA, 4, bytes([t]) + struct.pack("!H", w))
             for t, w in ((0x51, 153), (0x62, 0), (0x13, 1023), (0x70, 1024), (0xC4, 65535),
                          (0x80, 25))]
    inventory = [_org(TIA, sub, b"rev-" + bytes([0x30 + sub]) + b"\x07\xff") for sub in range(5, 12)]
    control = _tlv(1, bytes([0, 2]) + struct.pack("!II", 7, 0xFFFFFFFF))
    groups = _tlv(2, bytes([0, 0, 0xE0, 0]) + struct.pack("!I", 0x01234567)
                  + bytes([12, 13, 25, 50, 0, 0, 0, 0, 8]))
    pfc = _tlv(3, bytes([0, 0, 0x40, 1, 0xA5, 4]))
    apps = _tlv(4, bytes([0, 0, 0x80, 0]) + struct.pack("!H", 0x8906) + b"\x00\x1b\x21\x08"
                + struct.pack("!H", 3260) + b"\x40\x00\x00\x10" + b"\x12\x34\x56")
    return [
        _frame(_org(TIA, 1, b"\x00\x33\x03"), _org(TIA, 1, b"\xff\xff\x04"), _org(TIA, 1, b"\x00\x00\x09"),
               *policy, _org(TIA, 12, b"future"), _org(TIA, 1, b"\x00"), _org(TIA, 2, b"\x01\x02\x03")),
        _frame(_org(TIA, 3, _coordinate(34, 1, 1)), _org(TIA, 3, _coordinate(9, 2, 2)),
               _org(TIA, 3, _coordinate(0, 7, 3)), _org(TIA, 3, _coordinate(1, 0, 9)),
               _org(TIA, 3, _coordinate(1, 1, 1)[:-1])),
        _frame(_org(TIA, 3, _civic(0, civic)), _org(TIA, 3, _civic(2, b"\x03\x04Rome")),
               _org(TIA, 3, _civic(1, b"")), _org(TIA, 3, _civic(7, b"\x06\x03A\x00B", b"\xe9\x01")),
               _org(TIA, 3, _civic(2, b"\x00\x02ab")), _org(TIA, 3, _civic(2, b"\x03\x00ab")),
               _org(TIA, 3, _civic(2, b"\x03\x09ab")), _org(TIA, 3, _civic(2, b"\x03")),
               _org(TIA, 3, _civic(2, b"\x03\x02ab", pad=b"")), _org(TIA, 3, _civic(2, b"\x03\x02ab", pad=b"xyz")),
               _org(TIA, 3, b"\x02\x02US"), _org(TIA, 3, b"\x02\x09US"), _org(TIA, 3, b"\x02"),
               _org(TIA, 3, b"")),
        _frame(_org(TIA, 3, b"\x03911-555-0100"), _org(TIA, 3, b"\x03"), _org(TIA, 3, b"\x04\x01\x02\x03"),
               _org(TIA, 3, b"\x00"), *power, _org(TIA, 4, b"\x51\x00")),
        _frame(*inventory, _org(TIA, 5, b""), _org(TIA, 11, b"\x00hidden"), _tlv(127, b"\x00\x12\xbb")),
        _frame(_dcbx(control, groups, pfc, apps), _dcbx(apps, _tlv(9, b"unknown")),
               _dcbx(_tlv(4, b"\x01\x02\x03\x04" + b"\x00" * 5)), _org(DCBX, 1, control + groups),
               _org(DCBX, 7, b"xyz"), _tlv(127, b"\x00\x1b\x21")),
        _frame(_dcbx(_tlv(1, b"\x00" * 9), pfc), _dcbx(_tlv(2, b"\x00" * 16)), _dcbx(_tlv(3, b"\x00" * 5)),
               _dcbx(_tlv(4, b"\x00" * 3)), _dcbx(_tlv(0, b""), pfc), _dcbx(pfc, b"\x06\x10ab"),
               _dcbx(pfc, b"\x00"), _dcbx(_tlv(5, b"\x01")), _dcbx(_tlv(6, b"ab"), pfc)),
        # management addresses of every address family tcpdump names
        _frame(*[_tlv(8, bytes([2, af, 0]) + b"\x02\x00\x00\x00\x01") for af in (0, 3, 11, 15, 16, 25, 196, 255)],
               _tlv(2, b"\x04\x00"), _tlv(1, b"\x05\x0b\x01")),
    ]


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-x -vv"])
def test_lldp_org_as_tcpdump(tmp_path: Path, flags: str) -> None:
    """TIA and DCBX TLVs as tcpdump prints them, also cut short anywhere."""
    got = _cut_and_compare(tmp_path, _lldp_org(), flags, step=1, start=42)
    if flags == "-v":
        assert "Application type [voice] (0x01), Flags [Tagged]\n\t    Vlan id 100, L2 priority 5, DSCP value 46" in got
        assert "CA type 'city, township, shi' (3), length 8: San Jose" in got
        assert "Power priority [critical] (0x01), Power 15.3 Watts" in got
        assert "Serial number rev-8" in got
        assert "Latitude resolution 34, latitude value 8895354488" in got
        assert "ECS ELIN id 911-555-0100" in got
        assert "Feature - Priority Flow Control (type 0x3, length 6)" in got
        assert "SF (0x1) Application Protocol ID is Socket Number" in got
        assert "NumTCsSupported: 8" in got
        assert "AFI Novell IPX (11), no AF printer !" in got
