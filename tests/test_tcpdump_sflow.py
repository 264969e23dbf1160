"""sFlow v5 on UDP 6343 compared line for line with the tcpdump installed
here: datagram headers with IPv4 and IPv6 agents, flow, expanded flow,
counter and expanded counter samples with every record kind tcpdump
decodes, unknown samples and records (hex with -v), enterprise records,
bad versions and lengths, each frame whole and cut short at every byte.
Frames are built with struct here."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from test_tcpdump_differential import _cut_and_compare, _ip4

_A4 = bytes([198, 51, 100, 7])
_A6 = bytes.fromhex("20010db8000000000000000000000042")


def _udp(data: bytes, sport: int = 40000, dport: int = 6343, short: int = 0) -> bytes:
    seg = struct.pack("!HHHH", sport, dport, 8 + len(data) - short, 0) + data
    return bytes.fromhex("0200000000020200000000010800") + _ip4(17, seg)


def _udp6(data: bytes) -> bytes:
    seg = struct.pack("!HHHH", 6343, 6343, 8 + len(data), 0) + data
    return (bytes.fromhex("333300000001020000000001") + b"\x86\xdd"
            + struct.pack("!IHBB16s16s", 6 << 28, len(seg), 17, 64,
                          bytes.fromhex("20010db8000000000000000000000001"),
                          bytes.fromhex("20010db8000000000000000000000002")) + seg)


def _datagram(samples: list[bytes], nsamples: int | None = None, ipv: int = 1, version: int = 5) -> bytes:
    agent = _A4 if ipv == 1 else _A6
    n = len(samples) if nsamples is None else nsamples
    return struct.pack("!II", version, ipv) + agent + struct.pack("!IIII", 3, 1000, 123456, n) + b"".join(samples)


def _sample(fmt: int, body: bytes, length: int | None = None) -> bytes:
    return struct.pack("!II", fmt, len(body) if length is None else length) + body


def _record(fmt: int, body: bytes, length: int | None = None) -> bytes:
    return struct.pack("!II", fmt, len(body) if length is None else length) + body


def _flow(records: list[bytes], n: int | None = None) -> bytes:
    return struct.pack("!IIIIIIII", 77, 0x01000005, 512, 9000, 4, 11, 12,
                       len(records) if n is None else n) + b"".join(records)


def _xflow(records: list[bytes], n: int | None = None) -> bytes:
    return struct.pack("!IIIIIIIIIII", 78, 2, 0x10005, 1024, 9001, 5, 0, 13, 0, 14,
                       len(records) if n is None else n) + b"".join(records)


def _counters(records: list[bytes], n: int | None = None) -> bytes:
    return struct.pack("!III", 79, 0x02000009, len(records) if n is None else n) + b"".join(records)


def _xcounters(records: list[bytes], n: int | None = None) -> bytes:
    return struct.pack("!IIII", 80, 3, 70000, len(records) if n is None else n) + b"".join(records)


def _sflow() -> list[bytes]:
    """Every sample format and record kind tcpdump 4.99.3 knows, and the
    odd ones: unknown formats, enterprise records, lengths past the end."""
    u32 = struct.Struct("!I").pack
    raw = _record(1, struct.pack("!IIII", 1, 1514, 4, 128) + bytes(128))
    raw4 = _record(1, struct.pack("!IIII", 11, 60, 0, 20) + bytes(20))
    raw_x = _record(1, struct.pack("!IIII", 99, 60, 0, 0))
    eth = _record(2, struct.pack("!I8s8sI", 1514, bytes(range(8)), bytes(range(8, 16)), 0x0800))
    sw = _record(1001, struct.pack("!IIII", 10, 3, 20, 5))
    undecoded = [_record(t, bytes(range(12))) for t in (3, 4, 1002, 1003, 1004, 1005, 1006, 1007,
                                                          1008, 1009, 1010, 1011, 1012)]
    unknown = _record(1013, b"\xaa\xbb\xcc\xdd\xee\xff\x11\x22")
    enterprise = _record((9 << 12) | 1, b"\x01\x02\x03\x04")
    generic = _record(1, struct.pack("!IIQIIQIIIIIIQIIIIII", 7, 6, 10**9, 1, 3, 2**40, 1, 2, 3, 4, 5, 6,
                                     2**33, 7, 8, 9, 10, 11, 1))
    generic2 = _record(1, struct.pack("!IIQIIQIIIIIIQIIIIII", 8, 6, 0, 9, 2, 0, 0, 0, 0, 0, 0, 0,
                                      0, 0, 0, 0, 0, 0, 0))
    generic3 = _record(1, struct.pack("!IIQIIQIIIIIIQIIIIII", 1, 6, 1, 2, 1, 0, 0, 0, 0, 0, 0, 0,
                                      0, 0, 0, 0, 0, 0, 2))
    generic4 = _record(1, struct.pack("!IIQIIQIIIIIIQIIIIII", 2, 6, 1, 3, 0, 0, 0, 0, 0, 0, 0, 0,
                                      0, 0, 0, 0, 0, 0, 2))
    generic5 = _record(1, struct.pack("!IIQIIQIIIIIIQIIIIII", 3, 6, 2**64 - 1, 4, 0xFFFFFFFF, 0, 0, 0, 0, 0,
                                      0, 0, 0, 0, 0, 0, 0, 0, 2))
    raw6 = _record(1, struct.pack("!IIII", 12, 80, 0, 40) + bytes(40))
    ethc = _record(2, struct.pack("!13I", *range(1, 14)))
    tr = _record(3, bytes(16))
    vg = _record(4, struct.pack("!IQIQIIIIIQIQQQ", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14))
    vlan = _record(5, struct.pack("!IQIIII", 100, 2**35, 1, 2, 3, 4))
    cpu = _record(1001, struct.pack("!IIIQQ", 5, 10, 15, 2**33, 2**32))
    cunknown = _record(6, b"\x10\x20\x30\x40")
    centerprise = _record((1 << 20) | 2, b"\x05\x06\x07\x08")
    cent_low = _record((9 << 12) | 2, struct.pack("!13I", *range(1, 14)))
    frames = [
        _udp(_datagram([_sample(1, _flow([raw, raw4, raw_x, eth, sw]))])),
        _udp(_datagram([_sample(1, _flow(undecoded + [unknown, enterprise]))])),
        _udp(_datagram([_sample(3, _xflow([raw, eth, sw, unknown]))])),
        _udp(_datagram([_sample(2, _counters([generic, generic2, ethc, tr]))])),
        _udp(_datagram([_sample(4, _xcounters([vg, vlan, cpu, cunknown, centerprise, cent_low]))])),
        _udp(_datagram([_sample(2, _counters([ethc])), _sample(1, _flow([sw])),
                        _sample(9, b"\x01\x02\x03\x04\x05\x06"), _sample(4, _xcounters([vlan]))])),
        _udp6(_datagram([_sample(1, _flow([sw, eth]))], ipv=2)),
        _udp(_datagram([_sample(1, _flow([sw]))], ipv=2)),
        _udp(_datagram([], ipv=3)),
        _udp(_datagram([_sample(1, _flow([sw]))], version=4)),
        _udp(_datagram([_sample(1, _flow([sw]))], version=2, ipv=2)),
        # lengths: samples and records running past their container
        _udp(_datagram([_sample(1, _flow([sw]), length=200)])),
        _udp(_datagram([_sample(1, _flow([_record(1001, bytes(16), length=40)]))])),
        _udp(_datagram([_sample(2, _counters([_record(1, bytes(16), length=40)]))])),
        _udp(_datagram([_sample(1, _flow([sw], n=3))])),
        _udp(_datagram([_sample(2, _counters([vlan], n=2))])),
        _udp(_datagram([_sample(1, _flow([_record(1001, bytes(8))]))])),
        _udp(_datagram([_sample(1, _flow([_record(1001, bytes(8))]) + bytes(8))])),
        _udp(_datagram([_sample(1, _flow([_record(2, bytes(8))]))])),
        _udp(_datagram([_sample(1, _flow([_record(1, bytes(8))]))])),
        _udp(_datagram([_sample(2, _counters([_record(1, bytes(80))]))])),
        _udp(_datagram([_sample(2, _counters([_record(2, bytes(40))]))])),
        _udp(_datagram([_sample(4, _xcounters([_record(4, bytes(60))]))])),
        _udp(_datagram([_sample(4, _xcounters([_record(5, bytes(20))]))])),
        _udp(_datagram([_sample(4, _xcounters([_record(1001, bytes(20))]))])),
        _udp(_datagram([_sample(1, bytes(20))])),
        _udp(_datagram([_sample(3, bytes(40))])),
        _udp(_datagram([_sample(2, bytes(8))])),
        _udp(_datagram([_sample(4, bytes(12))])),
        _udp(_datagram([_sample(0, bytes(8))])),
        _udp(_datagram([_sample(1, b"", length=0)])),
        _udp(_datagram([_sample(0x5001, _flow([sw]))])),
        _udp(_datagram([_sample(1, _flow([sw]))], nsamples=5)),
        _udp(_datagram([_sample(1, _flow([sw]))], nsamples=0)),
        _udp(_datagram([_sample(1, _flow([sw]))]) + b"\x00\x00\x00"),
        _udp(_datagram([]) + b"\x00\x00\x00\x01"),
        _udp(_datagram([])[:27]),
        _udp(_datagram([])[:20]),
        _udp(_datagram([], ipv=2)[:38]),
        _udp(_datagram([], ipv=2)[:30]),
        _udp(_datagram([], ipv=3)[:20]),
        _udp(u32(5) + u32(1)),
        _udp(b"\x00\x00\x00\x05"),
        _udp(b""),
        _udp(_datagram([_sample(1, _flow([sw]))]), 6343, 40000),
        # an agent of unknown IP version shorter than the IPv6 header
        _udp(struct.pack("!II", 5, 3) + _A4 + struct.pack("!IIII", 3, 1000, 123456, 1)),
        _udp(struct.pack("!II", 5, 3) + _A4 + struct.pack("!IIII", 3, 1000, 123456, 1) + bytes(4)),
        _udp(struct.pack("!II", 5, 0) + _A6 + struct.pack("!IIII", 3, 1000, 123456, 1) + _sample(1, _flow([sw]))),
        # more samples announced than present; records spilling into the next sample
        _udp(_datagram([_sample(1, _flow([sw]))], nsamples=2) + b"\x00\x00\x00"),
        _udp(_datagram([_sample(1, _flow([sw], n=2)), _sample(2, _counters([vlan]))])),
        _udp(_datagram([_sample(2, _counters([vlan], n=2)), _sample(1, _flow([sw, eth]))])),
        _udp(_datagram([_sample(3, _xflow([_record(1001, bytes(8))])), _sample(1, _flow([sw]))])),
        _udp(_datagram([_sample(1, _flow([sw]), length=0xFFFFFFFF)])),
        _udp(_datagram([_sample(2, _counters([generic3, generic4, generic5]))])),
        _udp(_datagram([_sample(1, _flow([raw6, _record(1, bytes(16), length=4)]) + bytes(12))])),
        _udp(_datagram([_sample(9, b"")], nsamples=1)),
        _udp(_datagram([_sample(7, bytes(range(40)))])),
        # a UDP length shorter than the IP payload: reads go on past it
        _udp(struct.pack("!II", 5, 3) + _A4 + struct.pack("!IIII", 3, 1000, 123456, 1) + bytes(12), short=4),
        _udp(_datagram([_sample(1, _flow([sw]))]), short=52),
        _udp(_datagram([_sample(1, _flow([sw]))]), short=60),
        _udp(_datagram([_sample(1, _flow([sw]))]), short=4),
        _udp(_datagram([_sample(1, _flow([sw], n=2))]), short=8),
    ]
    return frames


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-x -v", "-x -vv"])
def test_sflow_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _sflow(), flags, step=1, start=42)
    assert "sFlowv5, IPv4 agent 198.51.100.7, agent-id 3" in got
    assert "sFlow version 4 packet not supported" in got and "sFlowv5 [length 27 < 28] (invalid)" in got
    if "v" in flags:
        assert "flow sample (1), length 308, seqnum 77, type 1, idx 5, rate 512" in got
        assert "\n\t    enterprise 0, Generic counter (1) length 88\n\t      ifindex 7, iftype 6" in got
        assert "\n\t      src vlan 10, src pri 3, dst vlan 20, dst pri 5" in got
        assert "\n\t      5sec 5, 1min 10, 5min 15, total_mem 8589934592, total_mem 4294967296" in got
        assert ("\n\t\t0x0000:  aabb ccdd eeff 1122" in got) == (flags.count("v") == 1)
