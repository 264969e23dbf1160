"""PPTP control messages on TCP 1723, compared line for line with the
installed tcpdump: every frame whole and cut short at every byte. The frames
are built here with struct, independently of craft's layer modules."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from test_tcpdump_differential import _cut_and_compare, _ip4

_ETH = bytes.fromhex("0200000000020200000000010800")


def _tcp(payload: bytes, sport: int = 40000, dport: int = 1723) -> bytes:
    """Ethernet + IPv4 + a 20-byte TCP header (PSH|ACK) + payload."""
    return _ETH + _ip4(6, struct.pack("!HHIIBBHHH", sport, dport, 1, 2, 0x50, 0x18, 8192, 0, 0)
                       + payload)


def _pptp() -> list[bytes]:
    """Every control message type with its fields (known and unknown codes,
    reserved fields set, names with control and high-bit characters, phone
    number lengths past 64), bad magic cookies and message types, unknown
    control message types, short messages."""
    def msg(kind: int, body: bytes, msg_type: int = 1, cookie: int = 0x1A2B3C4D,
            reserved: int = 0, length: int | None = None) -> bytes:
        n = 12 + len(body) if length is None else length
        return struct.pack("!HHIHH", n, msg_type, cookie, kind, reserved) + body

    def name(text: bytes, n: int = 64) -> bytes:
        return text.ljust(n, b"\0")[:n]

    def caps(framing: int, bearer: int, host: bytes, vendor: bytes) -> bytes:
        return struct.pack("!IIHH", framing, bearer, 65535, 0x0600) + name(host) + name(vendor)

    u16, u32 = struct.Struct("!H").pack, struct.Struct("!I").pack
    msgs = [
        msg(1, u16(0x0100) + u16(0) + caps(3, 3, b"pns.example", b"Microsoft")),
        msg(1, u16(0x0203) + u16(9) + caps(0, 0, b"h\x01\x7f\x80\xff", b"v" * 64)),
        msg(1, u16(0x0100) + u16(0) + caps(1, 2, b"a" * 64, b"")),
        msg(2, u16(0x0100) + bytes([1, 0]) + caps(2, 1, b"pac", b"Cisco")),
        *(msg(2, u16(0x0100) + bytes([r, e]) + caps(0xFFFFFFFC, 4, b"x", b"y"))
          for r, e in ((2, 1), (3, 2), (4, 3), (5, 4), (0, 5), (6, 6), (255, 7))),
        *(msg(3, bytes([r, res1]) + u16(res2)) for r, res1, res2 in
          ((1, 0, 0), (2, 0, 0), (3, 0, 0), (0, 1, 0), (9, 0, 2))),
        *(msg(4, bytes([r, e]) + u16(res)) for r, e, res in ((1, 0, 0), (2, 6, 0), (3, 9, 5))),
        msg(5, u32(0xDEADBEEF)),
        *(msg(6, u32(7) + bytes([r, e]) + u16(res)) for r, e, res in ((1, 0, 0), (2, 1, 0), (0, 0, 3))),
        msg(7, u16(5) + u16(6) + u32(2400) + u32(10**8) + u32(3) + u32(3) + u16(64) + u16(0)
            + u16(11) + u16(0) + name(b"5551234\x00zz") + name(b"sub")),
        *(msg(7, u16(1) + u16(2) + u32(0) + u32(1) + u32(bt) + u32(ft) + u16(1) + u16(2)
              + u16(pl) + u16(res) + name(b"1" * 64) + name(b"\x1bsub"))
          for bt, ft, pl, res in ((1, 1, 3, 0), (2, 2, 64, 1), (4, 0, 65535, 0))),
        *(msg(8, u16(1) + u16(2) + bytes([r, e]) + u16(16) + u32(28800) + u16(64) + u16(3) + u32(9))
          for r, e in ((1, 0), (2, 3), (3, 4), (4, 0), (5, 0), (6, 0), (7, 0), (8, 2))),
        *(msg(9, u16(3) + u16(4) + u32(bt) + u32(77) + u16(a) + u16(b) + name(b"5550000")
              + name(b"5551111") + name(b"sub"))
          for bt, a, b in ((1, 7, 7), (3, 3, 200), (0, 0, 64))),
        *(msg(10, u16(3) + u16(4) + bytes([r, e]) + u16(16) + u16(0) + u16(res))
          for r, e, res in ((1, 0, 0), (2, 5, 0), (3, 0, 1), (4, 0, 0))),
        *(msg(11, u16(4) + u16(res) + u32(33600) + u16(16) + u16(0) + u32(ft))
          for res, ft in ((0, 1), (0, 2), (1, 3), (0, 4))),
        msg(12, u16(4) + u16(0)),
        msg(12, u16(4) + u16(8)),
        *(msg(13, u16(4) + bytes([r, e]) + u16(16) + u16(res) + name(stats, 128))
          for r, e, res, stats in ((1, 0, 0, b"stats"), (2, 1, 0, b""), (3, 0, 2, b"\xc3" * 128),
                                   (4, 0, 0, b"ok"), (5, 0, 0, b"x"))),
        msg(14, u16(4) + u16(0) + u32(1) + u32(2) + u32(3) + u32(4) + u32(5) + u32(0xFFFFFFFF)),
        msg(14, u16(4) + u16(1) + bytes(24)),
        msg(15, u16(4) + u16(0) + u32(0xFFFFFFFF) + u32(0)),
        msg(15, u16(4) + u16(2) + u32(0x000A0000) + u32(1)),
        # header variations
        msg(5, u32(1), msg_type=2),
        msg(5, u32(1), msg_type=0),
        msg(5, u32(1), msg_type=99, cookie=0, reserved=1),
        msg(5, u32(1), cookie=0x1A2B3C4E),
        msg(0, u32(1)),
        msg(16, u32(1)),
        msg(0xFFFF, u32(1), reserved=0xFFFF),
        msg(5, u32(1), length=0),
        msg(5, u32(1), length=9999),
        # messages shorter than their structure
        msg(1, u16(0x0100)),
        msg(13, u16(4)),
        msg(6, u32(1)),
        msg(5, b""),
        struct.pack("!HHI", 12, 1, 0x1A2B3C4D),
        b"\x00",
    ]
    frames = [_tcp(m) for m in msgs]
    frames.append(_tcp(msg(5, u32(1)), sport=1723, dport=40000))
    frames.append(_tcp(msg(5, u32(1)), sport=1723, dport=1723))
    return frames


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-x -vv"])
def test_pptp_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _pptp(), flags, step=1, start=42)
    assert "CTRL_MSGTYPE=SCCRQ PROTO_VER(1.0) FRAME_CAP(AS) BEARER_CAP(DA)" in got
    assert "HOSTNAME(pns.example) VENDOR(Microsoft)" in got
    assert " SEND_ACCM(0xffffffff) RECV_ACCM(0x00000000)" in got
    if flags:
        assert "Length=156 CTRL-MSG Magic-Cookie=1a2b3c4d" in got
        assert "RESULT_CODE(4:Busy) ERR_CODE(0:None)" in got
    else:
        assert "pptp CTRL_MSGTYPE=SCCRQ PROTO_VER(1.0)" in got
        assert "RESULT_CODE(4) ERR_CODE(0)" in got
