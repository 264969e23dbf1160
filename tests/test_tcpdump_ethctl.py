"""Small Ethernet protocols and IPComp against the installed tcpdump: EPON
MPCP (0x8808), the Loopback test protocol (0x9000), MS NLB heartbeats
(0x886F), PPP straight on Ethernet (0x880B), and IPComp over IPv4 and IPv6;
each frame whole and cut short at every byte."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from test_tcpdump_differential import _cut_and_compare, _ip4

_MACS = bytes.fromhex("0180c2000001020000000001")


def _ethctl() -> list[bytes]:
    """MPCP: pause, gate with grants and flags, report with queue sets,
    register request/register/ack with every flag value, an unknown opcode;
    Loopback: reply, forward-data, an unknown function, a bogus or too long
    skip count, too short; NLB; PPP LCP on its own ethertype."""
    def mpcp(opcode: int, body: bytes) -> bytes:
        return _MACS + b"\x88\x08" + struct.pack("!HI", opcode, 123456) + body + bytes(30)

    gate = bytes([0x0B]) + b"".join(struct.pack("!IH", 1000 * n, 50 + n) for n in range(3)) + struct.pack("!H", 77)
    report = bytes([3, 0x05]) + struct.pack("!HH", 11, 12) + bytes([0x80]) + struct.pack("!H", 13)
    frames = [mpcp(1, b""), mpcp(2, gate), mpcp(2, bytes([0xF8])), mpcp(3, report)]
    frames += [mpcp(4, bytes([f, 9])) for f in (1, 2, 3, 0)]
    frames += [mpcp(5, struct.pack("!HBHB", 300, f, 40, 2)) for f in (1, 2, 3, 4, 7, 0)]
    frames += [mpcp(6, struct.pack("!BHH", f, 300, 40)) for f in (0, 1, 2)] + [mpcp(9, b"xyz")]

    def ctp(skip: int, body: bytes) -> bytes:
        return bytes.fromhex("cf0000000000020000000001") + b"\x90\x00" + struct.pack("<H", skip) + body

    frames += [ctp(0, struct.pack("<HH", 1, 7) + b"data"), ctp(8, bytes(8) + struct.pack("<H", 2)
               + bytes.fromhex("020000000009") + b"payload"), ctp(0, struct.pack("<H", 5) + b"zz"),
               ctp(3, b"abc" + struct.pack("<HH", 1, 1)), ctp(600, b"short"), ctp(0, b"\x01"),
               ctp(0, struct.pack("<H", 1) + b"\x01"), ctp(0, struct.pack("<H", 2) + b"\x02\0\0")]
    frames.append(bytes.fromhex("03bf00000001020000000001") + b"\x88\x6f" + bytes(8)
                  + struct.pack("<I", 3) + bytes([192, 0, 2, 100, 192, 0, 2, 1]) + bytes(20))
    lcp = struct.pack("!HBBH", 0xC021, 1, 1, 10) + bytes([1, 4, 5, 0xDC, 5, 6]) + b"\x12\x34\x56\x78"
    frames += [_MACS + b"\x88\x0b" + lcp, _MACS + b"\x88\x0b"]
    return frames


def _ipcomp() -> list[bytes]:
    """IPComp (IP protocol 108) over IPv4 and IPv6, and too short."""
    eth = bytes.fromhex("020000000002020000000001")
    comp = struct.pack("!BBH", 4, 0, 0x1234) + b"compressed"
    six = (struct.pack("!IHBB", 6 << 28, len(comp), 108, 64) + bytes.fromhex("20010db8" + "00" * 11 + "01")
           + bytes.fromhex("20010db8" + "00" * 11 + "02") + comp)
    return [eth + b"\x08\x00" + _ip4(108, comp), eth + b"\x86\xdd" + six, eth + b"\x08\x00" + _ip4(108, b"\x04\x00")]


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-e", "-x -vv"])
def test_ethernet_control_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _ethctl() + _ipcomp(), flags, step=1, start=14)
    assert "MPCP, Opcode Gate, Timestamp 123456 ticks" in got
    assert "Loopback, skipCount 0, Reply, receipt number 7, data (4 octets)" in got
    assert "MS NLB heartbeat, host priority: 3, cluster IP: 192.0.2.100" in got
    assert "IPComp(cpi=0x1234)" in got
    if "v" in flags:
        assert "Grant #3, Start-Time 2000 ticks, duration 52 ticks" in got


def _macsec() -> list[bytes]:
    """802.1AE MACsec: integrity-only frames (with and without an SCI, a
    short length, IPv4 and ARP inside, a VLAN tag inside), encrypted and
    changed-text frames, a set version bit, a bad short-length byte, and
    frames too short for the SecTAG or the ICV."""
    macs = bytes.fromhex("020000000002020000000001")
    icv = bytes(range(0xA0, 0xB0))
    ip = b"\x08\x00" + _ip4(17, struct.pack("!HHHH", 1000, 2000, 12, 0) + b"abcd")
    arp = b"\x08\x06" + struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1, bytes.fromhex("020000000001"),
                                    bytes([192, 0, 2, 1]), bytes(6), bytes([192, 0, 2, 2]))

    def sectag(tci: int, sl: int, pn: int, sci: bool) -> bytes:
        return (b"\x88\xe5" + struct.pack("!BBI", tci | (0x20 if sci else 0), sl, pn)
                + (bytes.fromhex("0200000000010001") if sci else b""))

    return [macs + sectag(0x00, 0, 7, True) + ip + icv, macs + sectag(0x40, 0, 8, False) + arp + icv,
            macs + sectag(0x01, 0, 9, False) + b"\x81\x00\x00\x05" + ip + icv,
            macs + sectag(0x00, 6, 10, False) + b"\x88\xb5" + b"abcd" + icv,
            macs + sectag(0x00, 1, 10, False) + b"\x88\xb5" + icv,
            macs + sectag(0x0C, 0, 11, True) + b"ciphertext" * 4 + icv,
            macs + sectag(0x04, 0, 12, False) + b"changed" + icv,
            macs + sectag(0x80, 0, 13, False) + ip + icv, macs + sectag(0x00, 0x40, 14, False) + ip + icv,
            macs + sectag(0x00, 0, 15, False) + b"\x08\x00" + b"x" * 10, macs + b"\x88\xe5\x20\x00\x00\x00\x00\x01",
            macs + b"\x88\xe5\x00\x00\x00"]


@pytest.mark.parametrize("flags", ["", "-v", "-e", "-x -vv", "-e -x"])
def test_macsec_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _macsec(), flags, step=1, start=14)
    assert "192.0.2.1.1000 > 192.0.2.2.2000: " in got and "who-has 192.0.2.2 tell 192.0.2.1" in got
    if "-e" not in flags:
        assert "802.1AE MACsec, an 0, pn 11, flags ECI, sci 0200000000010001" in got
