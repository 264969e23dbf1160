"""Ethernet CFM (802.1ag / Y.1731, ethertype 0x8902) compared line for line
with the tcpdump installed here: every opcode tcpdump names and unknown ones,
CCMs with each interval, MD and MA name format and bad name lengths,
Linktrace Messages and Replies, Loopback messages, every TLV tcpdump
decodes (sender ID with each chassis ID subtype and management address,
port and interface status, organization specific, data, reply ingress and
egress) with good and bad lengths, unsupported versions, bad first TLV
offsets, plain and inside an 802.1Q tag, each frame whole and cut short
at every byte. Frames are built with struct here."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from test_tcpdump_differential import _cut_and_compare

_MACS = bytes.fromhex("0180c200003700000000aa01")


def _eth(payload: bytes, vlan: int | None = None) -> bytes:
    tag = b"" if vlan is None else struct.pack("!HH", 0x8100, 0x2000 | vlan)
    return _MACS + tag + b"\x89\x02" + payload


def _hdr(opcode: int, first: int, flags: int = 0, level: int = 5, version: int = 0) -> bytes:
    return bytes([(level << 5) | version, opcode, flags, first])


def _tlv(kind: int, value: bytes, length: int | None = None) -> bytes:
    return struct.pack("!BH", kind, len(value) if length is None else length) + value


def _names(md_format: int, md: bytes, ma_format: int, ma: bytes, md_len: int | None = None,
           ma_len: int | None = None) -> bytes:
    """The 48 bytes of MD and MA names in a CCM."""
    out = bytes([md_format])
    if md_format != 1:
        out += bytes([len(md) if md_len is None else md_len]) + md
    out += bytes([ma_format, len(ma) if ma_len is None else ma_len]) + ma
    return (out + bytes(48))[:48]


def _ccm(names: bytes, flags: int = 0x04, tlvs: bytes = b"\x00", first: int = 70,
         level: int = 7) -> bytes:
    body = struct.pack("!IH", 0x01020304, 0x0105) + names + bytes(range(16))
    return _hdr(1, first, flags, level) + body + tlvs


def _sender(chassis: bytes | None, kind: int = 0, domain: bytes | None = None,
            addr: bytes | None = None) -> bytes:
    """A Sender ID TLV's value: chassis ID (length, subtype, id), then the
    management address domain and address when given."""
    out = b"\x00" if chassis is None else bytes([len(chassis), kind]) + chassis
    if domain is not None:
        out += bytes([len(domain)]) + domain
        if addr is not None:
            out += bytes([len(addr)]) + addr
    return out


def _cfm() -> list[bytes]:
    """CCMs, LTMs, LTRs, LBMs, LBRs, unknown opcodes, and the TLVs."""
    frames = []
    # CCM: each interval with and without RDI, each MD and MA name format
    for interval in range(8):
        frames.append(_eth(_ccm(_names(4, b"example.md", 2, b"ma-one"), flags=interval | (interval & 1) << 7)))
    for md_format, md in ((0, b"\x01\x02\x03"), (1, b""), (2, b"dns.example"), (3, bytes.fromhex("0000c0ffee01")),
                          (3, b"\x00\x01\x02"), (4, b"chars\x00hidden"), (9, b"\xff\xfe")):
        frames.append(_eth(_ccm(_names(md_format, md, 2, b"ma"))))
    for ma_format, ma in ((0, b"\x00\x10"), (1, b"\x00\x64"), (2, b"ma\x01name"), (3, b"\x12\x34"),
                          (4, bytes(7)), (7, b"\x99")):
        frames.append(_eth(_ccm(_names(4, b"md", ma_format, ma))))
    frames.append(_eth(_ccm(_names(4, b"md", 2, b"ma", md_len=45))))
    frames.append(_eth(_ccm(_names(4, b"md", 2, b"ma", md_len=44))))
    frames.append(_eth(_ccm(_names(4, b"md", 2, b"ma", ma_len=43))))
    frames.append(_eth(_ccm(_names(1, b"", 2, b"ma", ma_len=46))))
    frames.append(_eth(_ccm(_names(1, b"", 2, b"ma", ma_len=47))))
    frames.append(_eth(_ccm(_names(4, b"md", 2, b"ma"), first=69)))
    frames.append(_eth(_ccm(_names(4, b"md", 2, b"ma"), first=74,
                            tlvs=b"\xaa\xbb\xcc\xdd" + _tlv(2, b"\x02") + b"\x00")))
    frames.append(_eth(_ccm(_names(4, b"md", 2, b"ma"), first=200)))
    frames.append(_eth(_ccm(_names(4, b"md", 2, b"ma"), tlvs=b"")))
    frames.append(_eth(_ccm(_names(4, b"md", 2, b"ma"))[:60]))
    # Linktrace Message and Reply, flags, relay actions, bad offsets
    ltm = struct.pack("!IB6s6s", 0xCAFEBABE, 64, bytes.fromhex("00000000aa01"), bytes.fromhex("00000000bb02"))
    for flags in (0x00, 0x80, 0x7F):
        frames.append(_eth(_hdr(5, 17, flags, 3) + ltm + _tlv(7, b"\x00\x00\x00\x00\x00\x01\x02\x03") + b"\x00"))
    frames.append(_eth(_hdr(5, 16, 0x80) + ltm + b"\x00"))
    frames.append(_eth(_hdr(5, 17, 0x80) + ltm[:10]))
    for action in range(5):
        ltr = struct.pack("!IBB", 0xCAFEBABE, 63, action)
        frames.append(_eth(_hdr(4, 6, 0xE0 if action else 0x40, 2) + ltr
                           + _tlv(5, bytes.fromhex("01000000000000cc03")) + _tlv(6, bytes.fromhex("02000000000000dd04"))
                           + b"\x00"))
    frames.append(_eth(_hdr(4, 5, 0) + struct.pack("!IBB", 1, 2, 3) + b"\x00"))
    # Loopback Message and Reply, unknown opcodes: hex up to the TLVs
    for opcode in (3, 2, 0, 6, 33, 255):
        frames.append(_eth(_hdr(opcode, 4, 0, 1) + struct.pack("!I", 0x11223344) + _tlv(4, b"payload-bytes")
                           + b"\x00"))
    frames.append(_eth(_hdr(3, 0, 0, 0) + _tlv(4, b"x") + b"\x00"))
    # unsupported versions and short messages
    for version in (1, 31):
        frames.append(_eth(_hdr(1, 70, 0, 2, version) + bytes(74)))
    frames.append(_eth(_hdr(3, 4, 0)[:3]))
    frames.append(_eth(_hdr(3, 4, 0)))
    # TLVs after an LBM
    lbm = _hdr(3, 4, 0, 4) + struct.pack("!I", 7)
    tlvs = [
        _tlv(2, b"\x01"), _tlv(2, b"\x02"), _tlv(2, b"\x07"), _tlv(2, b""),
        _tlv(3, b"\x01"), _tlv(3, b"\x02"), _tlv(3, b"\x03"), _tlv(3, b"\x04"), _tlv(3, b"\x05"),
        _tlv(3, b"\x06"), _tlv(3, b"\x07\x08"), _tlv(3, b""),
        _tlv(31, bytes.fromhex("0080c2") + b"\x01\xaa\xbb"), _tlv(31, bytes.fromhex("00000c05")),
        _tlv(31, bytes.fromhex("123456")),
        _tlv(4, bytes(range(40))), _tlv(5, b"\x01"), _tlv(6, b""), _tlv(9, b"\x01\x02"), _tlv(200, b"abc"),
        _tlv(1, _sender(bytes.fromhex("0000c0ffee01"), 4)),
        _tlv(1, _sender(bytes.fromhex("0000c0ffee"), 4)),
        _tlv(1, _sender(b"\x01\xc0\x00\x02\x07", 5)),
        _tlv(1, _sender(b"\x01\xc0\x00\x02", 5)),
        _tlv(1, _sender(b"\x02" + bytes.fromhex("20010db8000000000000000000000009"), 5)),
        _tlv(1, _sender(b"\x02\x01\x02", 5)),
        _tlv(1, _sender(b"\x03\x01\x02", 5)),
        _tlv(1, _sender(b"\x10\x01\x02", 5)),
        _tlv(1, _sender(b"\x00", 5)),
        _tlv(1, _sender(b"chassis-1", 1)), _tlv(1, _sender(b"alias", 2)), _tlv(1, _sender(b"port", 3)),
        _tlv(1, _sender(b"eth0\x00zz", 6)), _tlv(1, _sender(b"local", 7)),
        _tlv(1, _sender(b"\x01\x02", 0)), _tlv(1, _sender(b"\x01\x02", 8)),
        _tlv(1, _sender(None)), _tlv(1, b""), _tlv(1, b"\x05"), _tlv(1, b"\x05\x04\x01"),
        _tlv(1, _sender(b"port", 3, b"")),
        _tlv(1, _sender(b"port", 3, bytes.fromhex("2b0601020103"))),
        _tlv(1, _sender(b"port", 3, bytes.fromhex("2b0601020103"), bytes.fromhex("c0000201"))),
        _tlv(1, _sender(b"port", 3, bytes.fromhex("2b06"), b"")),
        _tlv(1, _sender(None, 0, bytes.fromhex("2b0601"), bytes(20))),
        _tlv(1, _sender(None, 0, b"\x01")[:-1] + b"\x09"),
        _tlv(1, _sender(None, 0, b"\x01\x02") + b"\x05\x01"),
    ]
    for t in tlvs:
        frames.append(_eth(lbm + t + b"\x00"))
        frames.append(_eth(lbm + t + _tlv(2, b"\x02") + b"\x00"))
    frames.append(_eth(lbm + b"".join(tlvs[:20]) + b"\x00", vlan=100))
    frames.append(_eth(lbm + _tlv(4, b"abc", 9)))
    frames.append(_eth(lbm + _tlv(4, b"abc")))
    frames.append(_eth(lbm + b"\x04\x00"))
    frames.append(_eth(_ccm(_names(4, b"md", 2, b"ma"), tlvs=_tlv(1, _sender(b"local", 7)) + b"\x00"), vlan=5))
    return frames


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-x -vv", "-e"])
def test_cfm_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _cfm(), flags, step=1, start=14)
    assert "CFMv0 Linktrace Message, MD Level 3, length " in got
    assert "CFMv1 not supported, length 78" in got
    if "v" in flags:
        assert "\n\t  Sequence Number 0x01020304, MA-End-Point-ID 0x0105" in got
        assert "\n\t  Chassis-ID Type MAC address (4), Chassis-ID length 6\n\t  MAC 00:00:c0:ff:ee:01" in got
        assert "Network Address Type IPv4 (1), 192.0.2.7" in got
        assert "Replay-Action Exact Match (1)" in got
