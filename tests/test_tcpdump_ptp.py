"""PTP (IEEE 1588) on UDP 319/320 compared line for line with the tcpdump
installed here: PTPv1 and PTPv2 headers, every message type tcpdump
decodes, reserved types, unknown versions and short messages, each frame
whole and cut short at every byte. Frames are built with struct here."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from test_tcpdump_differential import _cut_and_compare, _ip4


def _udp(data: bytes, sport: int = 319, dport: int = 319) -> bytes:
    seg = struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data
    return bytes.fromhex("0200000000020200000000010800") + _ip4(17, seg)


def _ptp() -> list[bytes]:
    """PTPv2 headers with each message type (0-15), flag combinations,
    corrections and identities, v2.1, v1, unknown versions, short bodies."""
    def hdr(mtype: int, body: bytes, first: int | None = None, ver: int = 0x02, flags: int = 0x0208,
            corr: int = 0x123456789ABC, sub: int = 0x8000, length: int | None = None, control: int = 0,
            lmi: int = 0xFD, domain: int = 24) -> bytes:
        n = 34 + len(body) if length is None else length
        b0 = mtype if first is None else first
        return (struct.pack("!BBHBBH", b0, ver, n, domain, 7, flags) + corr.to_bytes(6, "big")
                + struct.pack("!HI", sub, 0xDEADBEEF) + bytes.fromhex("001122fffe334455")
                + struct.pack("!HHBB", 1, 4242, control, lmi) + body)

    ts = (0x0000654321AB).to_bytes(6, "big") + struct.pack("!I", 123456789)
    bad_ts = (1).to_bytes(6, "big") + struct.pack("!I", 1000000000)
    pid = bytes.fromhex("a0b1c2fffed3e4f5") + struct.pack("!H", 2)
    announce = ts + struct.pack("!HBBBBHB", 37, 0, 128, 248, 0xFE, 0xFFFF, 127) + \
        bytes.fromhex("0011223344556677") + struct.pack("!HB", 1, 0xA0)
    mgmt = pid + bytes([3, 2, 0x41, 0x99]) + bytes(4)
    bodies = {0: ts, 1: ts, 2: ts + bytes(10), 3: ts + pid, 8: ts, 9: ts + pid, 10: ts + pid,
              11: announce, 12: pid + bytes(6), 13: mgmt}
    frames = [_udp(hdr(t, bodies.get(t, bytes(10))), 319 if t < 4 else 320, 319 if t < 4 else 320)
              for t in range(16)]
    frames += [
        _udp(hdr(0, bad_ts, flags=0xFFFF, control=5, lmi=0x7F)),
        _udp(hdr(1, ts, flags=0, control=9, corr=0xFFFFFFFFFFFF)),
        _udp(hdr(0xB, announce, first=0x1B, ver=0x12)),
        _udp(hdr(0x8, ts, first=0xF8, ver=0xF2, flags=0x18C0)),
        _udp(hdr(0x9, ts + pid, length=200)),
        _udp(hdr(0xB, announce, first=0x1B)),
        _udp(hdr(0xC, pid, first=0x3C, flags=0x0040)),
        _udp(hdr(0x3, ts + pid, flags=0x18C0, lmi=0)),
        _udp(hdr(0, b"")),
        _udp(hdr(0xB, ts)),
        _udp(hdr(0xD, pid)),
        _udp(hdr(0, ts, ver=0x01)),
        _udp(hdr(0, ts, ver=0x03)),
        _udp(hdr(0, ts, ver=0x00)),
        _udp(hdr(0, ts, ver=0x2F)),
        _udp(bytes([0, 2]) + bytes(31)),
        _udp(bytes([0, 1]) + bytes(10)),
        _udp(b""),
        _udp(b"\x00"),
        _udp(hdr(3, ts + pid), 40000, 319),
        _udp(hdr(9, ts + pid), 320, 40000),
    ]
    return frames


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-x -vv"])
def test_ptp_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _ptp(), flags, step=1, start=42)
    assert "msg type : announce msg" in got and "gm clock id : 0x11223344556677" in got
    assert "receiveTimeStamp : 1698898347 seconds, 123456789 nanoseconds, port identity : 0xa0b1c2fffed3e4f5" in got
    assert "Flags [timescale, two step], NS correction : 20015998343868" in got
    assert "PTPv1 (not implemented)" in got and " [length 33 < 34] (invalid)" in got


def _ptp_ethernet() -> list[bytes]:
    """The same PTP messages straight on Ethernet (ethertype 0x88F7, as
    linuxptp sends them with -2)."""
    out = []
    for frame in _ptp():
        ihl = (frame[14] & 0x0F) * 4
        out.append(bytes.fromhex("011b19000000020000000001") + b"\x88\xf7" + frame[14 + ihl + 8:])
    return out


@pytest.mark.parametrize("flags", ["", "-v", "-e", "-x -vv"])
def test_ptp_on_ethernet_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _ptp_ethernet(), flags, step=1, start=14)
    assert "PTPv2, v1 compat : no, msg type : sync msg" in got
