"""OpenFlow on TCP 6633/6653, compared line for line with the installed
tcpdump: every frame whole and cut short at every byte. The frames are built
here with struct, independently of craft's layer modules."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from test_tcpdump_differential import _cut_and_compare, _ip4

_ETH = bytes.fromhex("0200000000020200000000010800")
u8, u16, u32, u64 = (struct.Struct(f).pack for f in ("!B", "!H", "!I", "!Q"))


def _tcp(payload: bytes, sport: int = 40000, dport: int = 6653) -> bytes:
    """Ethernet + IPv4 + a 20-byte TCP header (PSH|ACK) + payload."""
    return _ETH + _ip4(6, struct.pack("!HHIIBBHHH", sport, dport, 1, 2, 0x50, 0x18, 8192, 0, 0)
                       + payload)


def _msg(kind: int, body: bytes = b"", version: int = 1, xid: int = 0x12345678,
         length: int | None = None) -> bytes:
    n = 8 + len(body) if length is None else length
    return struct.pack("!BBHI", version, kind, n, xid) + body


def _match(wildcards: int, in_port: int = 1, dl_type: int = 0x0800, nw_proto: int = 6,
           tp: tuple[int, int] = (80, 443)) -> bytes:
    return (u32(wildcards) + u16(in_port) + bytes.fromhex("020000000001020000000002") + u16(10)
            + bytes([5, 0]) + u16(dl_type) + bytes([0x10, nw_proto, 0, 0])
            + bytes([10, 0, 0, 1, 10, 0, 0, 2]) + u16(tp[0]) + u16(tp[1]))


def _action(kind: int, body: bytes, length: int | None = None) -> bytes:
    n = 4 + len(body) if length is None else length
    return u16(kind) + u16(n) + body


def _actions() -> bytes:
    return b"".join((
        _action(0, u16(3) + u16(0)), _action(0, u16(0xFFFD) + u16(128)), _action(1, u16(100) + u16(0)),
        _action(1, u16(0xFFFF) + u16(0)), _action(1, u16(0) + u16(0)), _action(2, bytes([3, 0, 0, 0])),
        _action(2, bytes([9, 0, 0, 0])), _action(3, bytes(4)),
        _action(4, bytes.fromhex("0a0b0c0d0e0f") + bytes(6)), _action(5, bytes.fromhex("020000000009") + bytes(6)),
        _action(6, bytes([192, 0, 2, 9])), _action(7, bytes([198, 51, 100, 1])), _action(8, bytes([0x2E, 0, 0, 0])),
        _action(9, u16(1024) + u16(0)), _action(10, u16(53) + u16(0)),
        _action(11, u16(2) + bytes(6) + u32(7)), _action(11, u16(0xFFFC) + bytes(6) + u32(0xFFFFFFFF)),
        _action(0xFFFF, u32(0x2320) + bytes(4)), _action(0x20, bytes(4)), _action(0, bytes(12)),
        _action(4, bytes(4)),
        _action(0xFFFF, u32(0x5C16C7) + u32(1) + u32(7) + u32(0x81000064) + bytes([1, 0, 0, 0])),
        _action(0xFFFF, u32(0x5C16C7) + u32(1) + u32(7) + u32(0) + bytes([0, 0, 0, 0])),
        _action(0xFFFF, u32(0x5C16C7) + u32(1) + u32(7) + u32(0x88A80001) + bytes([5, 0, 0, 0])),
        _action(0xFFFF, u32(0x5C16C7) + u32(2) + bytes(8)),
        _action(0xFFFF, u32(0x5C16C7) + u32(1) + bytes(4)),
        _action(0xFFFF, u32(0x4F4E4600) + bytes(12)),
    ))


def _port(no: int, name: bytes, config: int = 0, state: int = 0, curr: int = 0x2A0) -> bytes:
    return (u16(no) + bytes.fromhex("02000000aa01") + name.ljust(16, b"\0")[:16]
            + u32(config) + u32(state) + u32(curr) + u32(0xFFF) + u32(0x1000) + u32(0))


def _openflow() -> list[bytes]:
    """Every OpenFlow 1.0 message type with the bodies tcpdump decodes (ports,
    match fields under every wildcard, every action, statistics of every
    kind, queues, errors, vendor and Big Switch extensions), wrong lengths,
    several messages in one segment, partial headers, other versions."""
    m = _msg
    frames: list[bytes] = []
    add = frames.append
    # the common header in every version, several messages per segment
    add(_tcp(m(0) + m(2, b"ping") + m(3, b"pong") + m(5) + m(18) + m(19)))
    add(_tcp(b"".join(m(k, version=v) for v in (2, 3, 5, 6, 0x63) for k in (0, 5))))
    add(_tcp(b"".join(m(k, version=4) for k in range(0, 32, 3))))
    add(_tcp(m(0, length=4)))
    add(_tcp(m(0, length=0) + m(0)))
    add(_tcp(m(2, b"abcdefgh", length=40)))
    add(_tcp(m(0) + b"\x01"))
    add(_tcp(m(0) + b"\x01\x00"))
    add(_tcp(m(0) + b"\x01\x00\x00\x08"))
    add(_tcp(m(0) + b"\x01\x00\x00\x08\x00"))
    add(_tcp(m(0x16) + m(0xFF, b"zz")))
    # HELLO / ECHO with data
    add(_tcp(m(0, bytes(range(40))) + m(2, b"x" * 17) + m(3, b"")))
    # ERROR of every type
    add(_tcp(b"".join(m(1, u16(t) + u16(c) + b"data") for t, c in
                      ((0, 0), (0, 1), (0, 9), (1, 8), (2, 8), (3, 5), (4, 1), (5, 2), (6, 0), (1, 99)))))
    add(_tcp(m(1, u16(1))))
    # VENDOR: plain, Big Switch subtypes
    bsn = [u32(1) + bytes([3]) + bytes(7), u32(0) + bytes([2, 0, 0, 0]) + bytes([255, 255, 0, 0]),
           u32(2) + bytes([1, 0, 0, 0, 255, 0, 0, 0]), u32(3) + bytes([1, 0, 0, 0]), u32(4) + bytes([0, 0, 0, 0]),
           u32(5) + bytes([7, 0, 0, 0]), u32(6) + u32(1) + b"show\x01", u32(7) + b"out\xff",
           u32(8) + u32(0xDEAD), u32(9), u32(13), u32(19), u32(21), u32(27), u32(17) + u32(99),
           u32(10) + bytes(8), u32(31) + b"abc", u32(0x99), u32(9) + bytes(4), u32(3), u32(6) + b"ab",
           u32(1) + bytes(3), b"\x00\x00"]
    add(_tcp(b"".join(m(4, u32(0x5C16C7) + b) for b in bsn)))
    add(_tcp(m(4, u32(0x2320) + b"nicira") + m(4, u32(0x00000C)) + m(4, u32(0xFF000002) + b"nf")
             + m(4, u32(0x77000000)) + m(4, b"\x00")))
    # FEATURES_REPLY with ports
    feats = u64(0x0000000102030405) + u32(256) + bytes([254, 0, 0, 0]) + u32(0xC7) + u32(0xFFF)
    add(_tcp(m(6, feats + _port(1, b"eth1", 1, 0x1, 0x2A0) + _port(0xFFFE, b"br0\x01\xff", 0x7F, 0x300)
               + _port(2, b"p" * 16, 0x80, 0x200, 0x1000) + _port(3, b"x", 0, 0x100, 0))))
    add(_tcp(m(6, u64(1) + u32(0) + bytes(4) + u32(0x10) + u32(0x1000)) + m(6, u64(1) + bytes(16) + bytes(10))))
    # switch configuration
    add(_tcp(m(7) + m(8, u16(0) + u16(128)) + m(9, u16(2) + u16(0xFFFF)) + m(9, u16(3) + u16(0)) + m(8, u16(0))))
    # PACKET_IN
    add(_tcp(m(10, u32(0xFFFFFFFF) + u16(60) + u16(3) + bytes([0, 0]) + bytes(range(60)))
             + m(10, u32(0x100) + u16(0) + u16(0xFFFD) + bytes([1, 0])) + m(10, u32(1) + u16(0) + u16(1) + bytes([7, 0]))))
    arp = bytes.fromhex("ffffffffffff0200000000010806" "0001080006040001020000000001c0000201000000000000c0000202")
    add(_tcp(m(10, u32(1) + u16(42) + u16(1) + bytes([0, 0]) + arp) + m(0)))
    add(_tcp(m(13, u32(1) + u16(1) + u16(8) + _action(0, u16(2) + u16(0)) + _ETH + _ip4(17, u16(53) * 2 + u16(8) + u16(0)))))
    add(_tcp(m(10, u32(1) + u16(42) + u16(1) + bytes([0, 0]) + arp[:10])))
    # FLOW_REMOVED
    for wc, reason in ((0, 0), (0x3FFFFF, 1), (0x4003FF, 2), (0xFFC00000, 9)):
        add(_tcp(m(11, _match(wc) + u64(0xABCDEF) + u16(reason * 100) + bytes([reason, 0]) + u32(5) + u32(6)
                   + u16(reason * 10) + bytes(2) + u64(7) + u64(8))))
    # PORT_STATUS
    add(_tcp(b"".join(m(12, bytes([r]) + bytes(7) + _port(4, b"eth4", 0, 1)) for r in (0, 1, 2, 3))))
    # PACKET_OUT
    acts = _action(0, u16(0xFFFB) + u16(0)) + _action(1, u16(5) + u16(0))
    add(_tcp(m(13, u32(0xFFFFFFFF) + u16(1) + u16(len(acts)) + acts + bytes(range(30)))
             + m(13, u32(7) + u16(0xFFF8) + u16(0)) + m(13, u32(7) + u16(1) + u16(99) + bytes(8))))
    add(_tcp(m(13, u32(1) + u16(1) + u16(len(_actions())) + _actions())))
    # FLOW_MOD: match under several wildcards, every command, actions
    matches = [_match(0), _match(0x3FFFFF), _match(0, dl_type=0x0806, nw_proto=2),
               _match(0, nw_proto=1, tp=(8, 0)), _match(0x20, nw_proto=1), _match(0x10 | 0x2000 | (24 << 14)),
               _match(0x1 | (33 << 8) | (40 << 14)), _match(0xFFC00000)]
    for i, match in enumerate(matches):
        for cmd in ((0, 3) if i else (0, 1, 2, 3, 4, 9)):
            add(_tcp(m(14, match + u64(0x1122334455667788) + u16(cmd) + u16(i * 5) + u16(i * 7) + u16(i)
                       + u32(0xFFFFFFFF if cmd else 0x100) + u16(0xFFFF if cmd else 2) + u16([0, 1, 7, 8][i % 4])
                       + _action(0, u16(2) + u16(0)))))
    add(_tcp(m(14, _match(0) + bytes(24) + _actions())))
    add(_tcp(m(14, _match(0) + bytes(24) + _action(0, u16(2), length=4) + _action(0, u16(2) + u16(0)))))
    add(_tcp(m(14, _match(0) + bytes(24) + _action(0, u16(2) + u16(0), length=16))))
    add(_tcp(m(14, _match(0) + bytes(24) + b"\x00\x00")))
    # PORT_MOD
    add(_tcp(m(15, u16(3) + bytes.fromhex("02000000aa03") + u32(1) + u32(0x7F) + u32(0x1001) + bytes(4))
             + m(15, u16(0xFFFE) + bytes(6) + u32(0) + u32(0x100) + u32(0) + u32(0))))
    # STATS_REQUEST of every type
    reqs = [u16(0) + u16(0), u16(3) + u16(1), u16(0) + u16(0) + bytes(4),
            u16(1) + u16(0) + _match(0) + bytes([0xFF, 0]) + u16(0xFFFF),
            u16(2) + u16(0) + _match(0x3FFFFF) + bytes([3, 0]) + u16(2), u16(1) + u16(0) + bytes(4),
            u16(4) + u16(0) + u16(0xFFFF) + bytes(6), u16(4) + u16(0) + bytes(4),
            u16(5) + u16(0) + u16(1) + bytes(2) + u32(0xFFFFFFFF), u16(5) + u16(0) + u16(1) + bytes(2) + u32(3),
            u16(5) + u16(0), u16(0xFFFF) + u16(0) + u32(0x2320) + b"abc", u16(0xFFFF) + u16(0) + b"\x00",
            u16(9) + u16(0) + b"zz"]
    add(_tcp(b"".join(m(16, r) for r in reqs)))
    # STATS_REPLY of every type
    desc = b"".join(t.ljust(n, b"\0") for t, n in ((b"Nicira", 256), (b"hw\x01", 256), (b"sw", 256),
                                                  (b"1234", 32), (b"dp", 256)))
    add(_tcp(m(17, u16(0) + u16(0) + desc)))
    add(_tcp(m(17, u16(0) + u16(1) + b"short")))
    fstat = (u16(88 + 8) + bytes([0, 0]) + _match(0x3FFFF0) + u32(1) + u32(2) + u16(3) + u16(4) + u16(5) + bytes(6)
             + u64(6) + u64(7) + u64(8) + _action(0, u16(1) + u16(0)))
    add(_tcp(m(17, u16(1) + u16(1) + fstat + fstat)))
    add(_tcp(m(17, u16(1) + u16(2) + u16(20) + bytes(86))))
    add(_tcp(m(17, u16(1) + u16(0) + bytes(10))))
    add(_tcp(m(17, u16(2) + u16(0) + u64(1) + u64(2) + u32(3) + bytes(4)) + m(17, u16(2) + u16(0) + bytes(8))))
    tstat = (bytes([0xFE, 0, 0, 0]) + b"classifier".ljust(32, b"\0") + u32(0x3FFFFF) + u32(1000) + u32(3)
             + u64(4) + u64(5))
    add(_tcp(m(17, u16(3) + u16(0) + tstat + tstat[:1] + bytes(35) + u32(0xFFFFFFFF) + bytes(24) + bytes(3))))
    pstat = u16(1) + bytes(6) + b"".join(u64(i) for i in range(12))
    add(_tcp(m(17, u16(4) + u16(0) + pstat + pstat + bytes(5))))
    qstat = u16(1) + bytes(2) + u32(2) + u64(3) + u64(4) + u64(5)
    add(_tcp(m(17, u16(5) + u16(0) + qstat + qstat + bytes(8))))
    add(_tcp(m(17, u16(0xFFFF) + u16(0) + u32(0x5C16C7) + b"vend") + m(17, u16(7) + u16(0) + b"??")))
    # BARRIER, QUEUE_GET_CONFIG
    add(_tcp(m(18) + m(19) + m(20, u16(0xFFFC) + u16(0)) + m(20, u16(1) + u16(7))))
    props = (u16(1) + u16(16) + bytes(4) + u16(500) + bytes(6) + u16(1) + u16(16) + bytes(4) + u16(2000) + bytes(6)
             + u16(0) + u16(8) + bytes(4) + u16(0) + u16(16) + bytes(12) + u16(1) + u16(8) + bytes(4)
             + u16(7) + u16(8) + bytes(4))
    queue = u32(1) + u16(8 + len(props)) + bytes(2) + props
    add(_tcp(m(21, u16(1) + bytes(6) + queue + u32(2) + u16(8) + bytes(2))))
    add(_tcp(m(21, u16(1) + bytes(6) + u32(2) + u16(99) + bytes(2))))
    add(_tcp(m(21, u16(1) + bytes(6) + u32(2) + u16(16) + bytes(2) + u16(1) + u16(4) + bytes(4))))
    add(_tcp(m(21, u16(1) + bytes(6) + bytes(5))))
    # wrong lengths for fixed-size types
    add(_tcp(m(5, b"x") + m(12, bytes(8)) + m(15, bytes(4)) + m(11, bytes(8)) + m(20, b"")))
    frames.extend(_openflow13())
    # the old port and the source port
    add(_tcp(m(0), sport=6633, dport=40000))
    add(_tcp(m(2, b"hi"), sport=6653, dport=6633))
    return frames


def _port13(no: int, name: bytes, config: int = 0, state: int = 0) -> bytes:
    return (u32(no) + bytes(4) + bytes.fromhex("02000000bb01") + bytes(2) + name.ljust(16, b"\0")[:16]
            + u32(config) + u32(state) + u32(0x2820) + u32(0xFFFF) + u32(0x10000) + u32(0)
            + u32(1000000) + u32(10000000))


def _openflow13() -> list[bytes]:
    """The OpenFlow 1.3 messages tcpdump decodes, with their odd lengths."""
    def m(kind: int, body: bytes = b"", length: int | None = None) -> bytes:
        return _msg(kind, body, version=4, length=length)

    hello = (u16(1) + u16(8) + u32(0x12) + u16(1) + u16(8) + u32(0xFFFFFFC0) + u16(1) + u16(12) + bytes(8)
             + u16(7) + u16(6) + b"ab" + u16(1) + u16(4))
    frames = [
        _tcp(m(0) + m(0, hello) + m(0, u16(1) + u16(99) + bytes(4)) + m(0, u16(1) + u16(2)) + m(0, b"\x00\x01")),
        _tcp(b"".join(m(1, u16(t) + u16(c) + b"xy") for t, c in
                      ((0, 1), (1, 13), (2, 15), (3, 8), (4, 11), (5, 7), (6, 14), (7, 4), (8, 2), (9, 2),
                       (10, 2), (11, 2), (12, 11), (13, 5), (14, 0), (0xFFFF, 3), (1, 14), (99, 0)))
             + m(1, u16(0))),
        _tcp(m(2, b"ping") + m(3) + m(4, u32(0x4F4E4600) + u32(7) + b"onf") + m(4, u32(0x5C16C7) + u32(1))
             + m(4, u32(1))),
        _tcp(m(5) + m(6, u64(0xABCDEF) + u32(256) + bytes([254, 1, 0, 0]) + u32(0x16F) + u32(0))
             + m(6, u64(1) + u32(0) + bytes(4) + u32(0x10) + u32(0)) + m(6, bytes(4))),
        _tcp(m(7) + m(8, u16(1) + u16(0xFFE5)) + m(9, u16(2) + u16(0xFFFF)) + m(9, u16(7) + u16(128))),
        _tcp(b"".join(m(12, bytes([r]) + bytes(7) + _port13(no, nm, cfg, st)) for r, no, nm, cfg, st in
                      ((0, 1, b"eth1", 0x65, 7), (1, 0xFFFFFFFE, b"br-int", 0, 0), (2, 0xFFFFFF00, b"x", 2, 8),
                       (9, 5, b"\x01\xff", 0, 0)))),
        _tcp(m(16, u32(3) + bytes(4) + bytes.fromhex("02000000bb03") + bytes(2) + u32(1) + u32(0x80)
               + u32(0x2820) + bytes(4))
             + m(16, u32(0xFFFFFFFD) + bytes(20) + u32(0x10000) + bytes(4))),
        _tcp(m(17, bytes([0xFE, 0, 0, 0]) + u32(3)) + m(17, bytes([0xFF, 0, 0, 0]) + u32(0))
             + m(17, bytes([5, 0, 0, 0]) + u32(0))),
        _tcp(m(22, u32(0xFFFFFFFF) + bytes(4)) + m(22, u32(2) + bytes(4))),
        _tcp(b"".join(m(k, u32(r) + bytes(4) + u64(0x1122334455667788)) for k in (24, 25) for r in (0, 1, 2, 3, 9))),
        _tcp(m(26) + m(27, u32(7) + u32(1) + u32(7) + u32(0) + u32(3) + u32(8))
             + m(28, u32(0) + u32(0x80000000) + u32(0) + u32(0) + u32(0) + u32(0))),
        _tcp(m(10, bytes(20)) + m(11, bytes(40)) + m(13, bytes(16)) + m(14, bytes(40)) + m(15, bytes(8))
             + m(18, bytes(8)) + m(19, bytes(8)) + m(23, bytes(8)) + m(29, bytes(8)) + m(30, b"x")),
        _tcp(m(12, bytes(8)) + m(16, bytes(8)) + m(17, bytes(2)) + m(24, bytes(4)) + m(27, bytes(4))
             + m(20, b"z") + m(4, bytes(7))),
    ]
    return frames


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-x -vv"])
def test_openflow_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _openflow(), flags, step=1, start=42)
    assert "OpenFlow\n\tversion 1.0, type HELLO, length 8, xid 0x12345678" in got
    assert "version 1.3, type MULTIPART_REQUEST" in got
    assert " (end of TCP payload)" in got
    if flags:
        assert "\n\t dpid 0x0000000102030405, n_buffers 256, n_tables 254" in got
        assert "\n\t match in_port 1\n\t match dl_src 02:00:00:00:00:01" in got
        assert "action type SET_NW_SRC, len 8, nw_addr 192.0.2.9" in got
        assert "type HELLO_FAILED, code EPERM" in got
        assert "type VERSIONBITMAP, length 8, bitmap 0x00000012 (1.1, 1.4)" in got
        assert "role MASTER, generation_id 0x1122334455667788" in got


def test_openflow_nested_frames_as_tcpdump(tmp_path: Path) -> None:
    """-vvv decodes the Ethernet frame of PACKET_IN/OUT with three -v fewer;
    a frame cut short leaves tcpdump (and craft) three -v lower afterwards."""
    got = _cut_and_compare(tmp_path, _openflow(), "-vvv", step=1, start=42)
    assert ("data (42 octets), frame decoding below\n"
            "ARP, Request who-has 192.0.2.2 tell 192.0.2.1, length 28") in got
    assert "data (60 octets), frame decoding below\n" in got
