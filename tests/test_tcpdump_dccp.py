"""DCCP (IP protocol 33) compared line for line with the tcpdump installed
here: every packet type with short and extended sequence numbers, service
and reset codes, the checksum with each checksum coverage (right and wrong,
IPv4 and IPv6), every option tcpdump decodes with good and bad lengths,
bad data offsets and short datagrams, each frame whole and cut short at
every byte. Frames are built with struct here."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from test_tcpdump_differential import _cut_and_compare, _ip4

_SRC6 = bytes.fromhex("20010db8000000000000000000000001")
_DST6 = bytes.fromhex("20010db8000000000000000000000002")


def _sum16(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return s


def _dccp_segment(kind: int, body: bytes = b"", options: bytes = b"", payload: bytes = b"",
                  x: int = 1, seq: int = 0x0102030405, doff: int | None = None, cscov: int = 0,
                  ccval: int = 0, sport: int = 258, dport: int = 32, csum: int | None = None,
                  six: bool = False) -> bytes:
    """A DCCP header (generic part, ``body`` for the type's fields), options and data;
    the checksum computed over the coverage unless ``csum`` is given."""
    if x:
        generic = struct.pack("!HHBBHBB", sport, dport, 0, (ccval << 4) | cscov, 0,
                              (kind << 1) | 1, 0) + seq.to_bytes(6, "big")
    else:
        generic = struct.pack("!HHBBHB", sport, dport, 0, (ccval << 4) | cscov, 0,
                              kind << 1) + (seq & 0xFFFFFF).to_bytes(3, "big")
    hdr = generic + body + options
    n = len(hdr) // 4 if doff is None else doff
    seg = bytearray(hdr[:4] + bytes([n & 0xFF]) + hdr[5:] + payload)
    if csum is None:
        cov = len(seg) if cscov == 0 else min(len(seg), (n + cscov - 1) * 4)
        if six:
            ph = _SRC6 + _DST6 + struct.pack("!I3xB", len(seg), 33)
        else:
            ph = bytes([192, 0, 2, 1, 192, 0, 2, 2, 0, 33]) + struct.pack("!H", len(seg))
        csum = ~_sum16(ph + bytes(seg[:cov])) & 0xFFFF
    seg[6:8] = struct.pack("!H", csum)
    return bytes(seg)


def _frame4(seg: bytes) -> bytes:
    return bytes.fromhex("0200000000020200000000010800") + _ip4(33, seg)


def _frame6(seg: bytes) -> bytes:
    ip6 = struct.pack("!IHBB16s16s", 6 << 28, len(seg), 33, 64, _SRC6, _DST6)
    return bytes.fromhex("02000000000202000000000186dd") + ip6 + seg


def _ack(x: int, ack: int = 0x0A0B0C0D0E) -> bytes:
    return struct.pack("!H", 0) + ack.to_bytes(6, "big") if x else b"\0" + (ack & 0xFFFFFF).to_bytes(3, "big")


def _ack8(x: int) -> bytes:
    """The acknowledgement block of a Response and a Reset: 8 bytes with either X."""
    return _ack(x) + (b"" if x else bytes(4))


def _dccp() -> list[bytes]:
    """Every packet type (0-15) with X=1 and X=0, options of every kind,
    checksum coverage 0-15, wrong checksums, short and bad headers."""
    frames = []
    for x in (1, 0):
        for kind in range(16):
            if kind == 0:
                body = struct.pack("!I", 42)
            elif kind == 1:
                body = _ack8(x) + struct.pack("!I", 0x64636370)
            elif kind == 7:
                body = _ack8(x) + bytes([kind, 1, 2, 3])
            elif kind == 2:
                body = b""
            else:
                body = _ack(x)
            frames.append(_frame4(_dccp_segment(kind, body, payload=b"data", x=x, ccval=kind)))
        for code in range(14):
            frames.append(_frame4(_dccp_segment(7, _ack8(x) + bytes([code, 0, 0, 0]), x=x)))
    options = (
        b"\x00\x01\x02"  # padding, mandatory, slow receiver
        + b"\x20\x04\x01\x02" + b"\x21\x04\x02\x05" + b"\x22\x05\x03\x00\x64"
        + b"\x23\x03\x08" + b"\x20\x03\x09" + b"\x22\x04\x0c\x01"  # feature 12: no name
        + b"\x24\x06\xde\xad\xbe\xef" + b"\x24\x02"  # init cookie
        + b"\x25\x03\x07" + b"\x25\x05\x01\x02\x03"  # NDP count
        + b"\x26\x04\xc0\x3f" + b"\x27\x03\x81" + b"\x28\x04\x01\x02"  # ack vectors, data dropped
        + b"\x29\x06\x00\x01\x02\x03" + b"\x29\x04\x00\x01"  # timestamp
        + b"\x2a\x06\x00\x00\x01\x00" + b"\x2a\x08\x00\x00\x01\x00\x00\x10"
        + b"\x2a\x0a\x00\x00\x01\x00\x00\x00\x00\x20" + b"\x2a\x05\x00\x00\x01"
        + b"\x2b\x04\x01\x00" + b"\x2b\x06\x00\x01\x00\x00" + b"\x2b\x03\x01"
        + b"\x2c\x06\x12\x34\x56\x78" + b"\x2c\x02"  # data checksum
        + b"\x03" + b"\x1f" + b"\x2d\x03\x00" + b"\x7f\x02"  # unknown ones
        + b"\x80\x04\x01\x02" + b"\x81\x06\x00\x00\x01\x00" + b"\x82\x05\x01\x02\x03" + b"\xc0\x02"
        + b"\x00\x00\x00"
    )
    frames.append(_frame4(_dccp_segment(4, _ack(1), options, b"payload", ccval=3)))
    frames.append(_frame4(_dccp_segment(0, struct.pack("!I", 7), b"\x20\x04\x01\x02\x00\x00\x00\x00",
                                        x=0)))
    frames.append(_frame6(_dccp_segment(1, _ack(1) + struct.pack("!I", 5), b"\x29\x06\x00\x00\x00\x09\x00\x00",
                                        b"six", six=True)))
    # option length errors: too short, past the header length
    frames.append(_frame4(_dccp_segment(3, _ack(1), b"\x29\x01\x00\x00")))
    frames.append(_frame4(_dccp_segment(3, _ack(1), b"\x90\x00\x00\x00")))
    frames.append(_frame4(_dccp_segment(3, _ack(1), b"\x00\x29\x08\x00")))
    frames.append(_frame4(_dccp_segment(3, _ack(1), b"\x00\x00\x90\x08")))
    frames.append(_frame4(_dccp_segment(3, _ack(1), b"\x20\x02\x00\x00")))
    # checksum coverage 0..15, right and wrong, IPv4 and IPv6
    for cov in range(16):
        frames.append(_frame4(_dccp_segment(2, b"", b"\x00" * 4, bytes(range(40)), cscov=cov)))
        frames.append(_frame6(_dccp_segment(2, b"", b"", bytes(range(30)), cscov=cov, six=True)))
    frames.append(_frame4(_dccp_segment(2, payload=b"abc", csum=0x1234)))
    frames.append(_frame6(_dccp_segment(3, _ack(0), payload=b"abc", x=0, csum=0xFFFF, six=True)))
    # data offsets: short of the fixed header, past the datagram
    frames.append(_frame4(_dccp_segment(4, _ack(1), b"\x00" * 8, b"data", doff=3)))
    frames.append(_frame4(_dccp_segment(4, _ack(1), b"\x00" * 8, b"data", doff=200)))
    frames.append(_frame4(_dccp_segment(0, struct.pack("!I", 1), b"", b"", x=0, doff=0)))
    # short datagrams: under the generic header, under each type's fields
    frames.append(_frame4(struct.pack("!HHBBHB", 1, 2, 3, 0, 0, 0)))
    frames.append(_frame4(_dccp_segment(2, x=1)[:14]))
    for kind in (0, 1, 3, 4, 5, 6, 7, 8, 9):
        frames.append(_frame4(_dccp_segment(kind, x=1)))
        frames.append(_frame4(_dccp_segment(kind, b"\0\0", x=0)))
    frames.append(_frame4(_dccp_segment(12, x=1)))
    frames.append(_frame6(_dccp_segment(5, _ack(1), six=True)[:10]))
    return frames


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-x -vv", "-q"])
def test_dccp_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _dccp(), flags, step=1, start=42)
    assert "192.0.2.1.258 > 192.0.2.2.32: DCCP" in got
    if flags == "-q":
        return
    assert "DCCP-Request (service=42) " in got
    assert "DCCP-Reset (code=aggression_penalty) (ack=43135012110) " in got
    assert "2001:db8::1.258 > 2001:db8::2.32: DCCP" in got
    if "v" in flags:
        assert "(CCVal 0, CsCov 3, cksum 0x" in got
        assert "(incorrect -> 0x" in got
    if "vv" in flags:
        assert "seq 4328719365 <nop, mandatory, slowreceiver, change_l ccid 2," in got
        assert "timestamp_echo 256 (elapsed time 16)" in got
        assert "CCID option 128 258, CCID option 129 256, CCID option 130," in got
