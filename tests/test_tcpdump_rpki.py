"""RPKI to Router protocol (RFC 6810, TCP 323) compared line for line with
the installed tcpdump: every frame whole and cut short at every byte. The
frames are built here with struct, independently of craft's layer modules."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from test_tcpdump_differential import _cut_and_compare, _ip4

_ETH = bytes.fromhex("0200000000020200000000010800")
_u16, _u32 = struct.Struct("!H").pack, struct.Struct("!I").pack


def _tcp(payload: bytes, sport: int = 40000, dport: int = 323) -> bytes:
    """Ethernet + IPv4 + a 20-byte TCP header (PSH|ACK) + payload."""
    return _ETH + _ip4(6, struct.pack("!HHIIBBHHH", sport, dport, 1, 2, 0x50, 0x18, 8192, 0, 0)
                       + payload)


def _pdu(kind: int, field: int, body: bytes, version: int = 0, length: int | None = None) -> bytes:
    return bytes([version, kind]) + _u16(field) + _u32(8 + len(body) if length is None else length) + body


def _rpki() -> list[bytes]:
    """Every PDU type (serial notify and query, reset query, cache response
    and reset, IPv4 and IPv6 prefixes, end of data, error reports with
    encapsulated PDUs and text), unknown types and versions, wrong lengths,
    several PDUs in one segment."""
    v4, v6 = bytes([192, 0, 2, 0]), bytes.fromhex("20010db8000000000000000000000000")

    def error(code: int, inner: bytes, text: bytes, inner_len: int | None = None,
              text_len: int | None = None) -> bytes:
        body = (_u32(len(inner) if inner_len is None else inner_len) + inner
                + _u32(len(text) if text_len is None else text_len) + text)
        return _pdu(10, code, body)

    query = _pdu(1, 0x1234, _u32(42))
    pdus = [
        _pdu(0, 0x1234, _u32(7)), query, _pdu(2, 0, b""), _pdu(3, 0xBEEF, b""),
        _pdu(4, 0, b"\x01\x18\x20\x00" + v4 + _u32(64500)), _pdu(6, 0, b"\x00\x20\x30\x00" + v6 + _u32(4200000000)),
        _pdu(7, 0x1234, _u32(43)), _pdu(8, 0, b""), _pdu(5, 0, b"abcd"), _pdu(99, 1, b""),
        error(4, query, b"bad version"), error(0, b"", b""), error(7, b"", b"dup\x01\xff"), error(9, query, b""),
        error(3, error(1, b"", b"inner"), b"outer"), error(2, query[:6], b"x"),
        error(1, query, b"", inner_len=100), error(3, error(1, query, b"in"), b"out"),
        error(3, error(1, query, b"in", inner_len=90), b"out"), error(1, b"", b"", inner_len=0xFFFFFFFF),
        error(1, b"", _pdu(2, 0, b""), inner_len=0xFFFFFFFE), error(1, b"", b"", text_len=0xFFFFFFFF), error(1, b"", b"abc", text_len=50), _pdu(10, 1, b"\x00\x00"),
        _pdu(0, 1, _u32(7) + b"x"), _pdu(2, 0, b"x"), _pdu(3, 0, b"xx"), _pdu(4, 0, bytes(8)), _pdu(6, 0, bytes(20)),
        _pdu(7, 0, b""), _pdu(8, 0, b"\x00"), _pdu(1, 0, b"", length=4), _pdu(1, 0, _u32(1), length=200),
        _pdu(1, 0, _u32(1), version=1), _pdu(2, 0, b"", version=2) + _pdu(2, 0, b""),
    ]
    frames = [_tcp(p) for p in pdus]
    frames += [
        _tcp(b"".join(pdus[:8])), _tcp(pdus[0] + b"\x00\x02\x00"), _tcp(pdus[0] + bytes(7)),
        _tcp(query + pdus[9]), _tcp(b"\x00"), _tcp(pdus[0] + b"\x01\x02\x00"), _tcp(b"\x05"), _tcp(query, sport=323, dport=40000),
    ]
    return frames


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-x -vv"])
def test_rpki_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _rpki(), flags, step=1, start=42)
    if not flags:
        assert "length 12, RPKI-RTR" in got
        return
    assert "\n\tRPKI-RTRv0, Serial Notify PDU (0), length: 12\n\t  Session ID: 0x1234, Serial: 7" in got
    assert "IPv6 Prefix 2001:db8::/32-48, origin-as 4200000000, flags 0x00" in got
    assert ("Error code: Unsupported Protocol Version (4), Encapsulated PDU length: 12\n\t    -----encapsulated PDU-----"
            "\n\tRPKI-RTRv0, Serial Query PDU (1), length: 12\n\t    Session ID: 0x1234, Serial: 42") in got
    if "-vv" in flags:
        assert "Serial: 42\n\t  0x0000:  0001 1234 0000 000c 0000 002a\n\t  Error text: bad version" in got
    assert "Error text: dup^AM-^?" in got
