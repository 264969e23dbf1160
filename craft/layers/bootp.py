"""BOOTP — RFC 951, with the DHCP fields of RFC 2131 §2 (the fixed part of
every DHCP message) and the magic cookie of RFC 1497 / RFC 2131 §3.

The fixed header is 236 bytes, then the 4-byte magic cookie; the DHCP
options follow as the next layer, ``dhcp`` (craft/layers/dhcp.py), as
scapy's ``BOOTP()/DHCP(options=[...])``: a cookie of 0x63825363 (the
default; 99.130.83.99 in RFC 2131's dotted decimal) makes the decoder read
the rest as DHCP options, any other cookie leaves the rest as payload (RFC
951's vendor area).

``chaddr`` is 16 bytes on the wire (RFC 2131 §2): the field ``chaddr`` is
its first 6, a MAC (so a random-MAC stream can vary it), and ``chpad`` the
other 10 as hex, zero when not given. A hardware address longer than a MAC
(htype 6, hlen 8 ...) is written as its first 6 bytes in ``chaddr`` and the
rest in ``chpad``. ``hlen`` is computed as 6 plus the bytes given in
``chpad``: 6 for a MAC. ``sname`` and ``file`` are text, zero-padded to 64
and 128 bytes; decoding keeps them without their trailing zeros.
"""

from __future__ import annotations

import struct
from typing import Any

from craft.errors import Truncated
from craft.layers import bindings
from craft.layers.address import ipv4_text, mac_text
from craft.layers.base import (
    BYTES,
    ENUM,
    FLAGS,
    IPV4,
    MAC,
    TEXT,
    Field,
    Header,
    Malformed,
    memo_by_value,
)
from craft.layers.context import Context

NAME = "bootp"
SERVER_PORT, CLIENT_PORT = 67, 68  # RFC 951 §7 (BOOTP/DHCP, RFC 2131 §4.1)
BOUND = bindings.on_port(SERVER_PORT, client=CLIENT_PORT)
KEY_FIELDS = ("op", "xid")  # written by craft import even at their default
MAGIC = 0x63825363  # RFC 2131 §3: the DHCP magic cookie, 99.130.83.99 in dotted decimal
SNAME, FILE, CHADDR = 64, 128, 16  # octets on the wire (RFC 2131 §2)

HEADER = Header(NAME, (
    Field("op", 8, 1, ENUM, names={"request": 1, "reply": 2},
          doc="message op code: request (BOOTREQUEST, 1) or reply (2); request as scapy"),
    Field("htype", 8, 1, ENUM, names={"ethernet": 1, "ieee802": 6},
          doc="hardware address type (ARP's numbers); ethernet as scapy"),
    Field("hlen", 8, None, computed=True,
          doc="hardware address length; computed: 6 (a MAC) plus the bytes given in chpad"),
    Field("hops", 8, 0, doc="relay agents crossed; 0 as scapy"),
    Field("xid", 32, 0, doc="transaction id the client picks; 0 as scapy"),
    Field("secs", 16, 0, doc="seconds since the client began; 0 as scapy"),
    Field("flags", 16, 0, FLAGS, names={"broadcast": 0x8000},
          doc="flags: broadcast (0x8000, RFC 2131 §2: answer by broadcast); none as scapy"),
    Field("ciaddr", 32, bytes(4), IPV4, doc="client IP address (bound, renewing)"),
    Field("yiaddr", 32, bytes(4), IPV4, doc="'your' address: the one the server offers"),
    Field("siaddr", 32, bytes(4), IPV4, doc="next server (TFTP) address"),
    Field("giaddr", 32, bytes(4), IPV4, doc="relay agent (gateway) address"),
    Field("chaddr", 48, bytes(6), MAC,
          doc="client hardware address: a MAC, the first 6 of chaddr's 16 bytes; "
              "00:00:00:00:00:00 as scapy"),
    Field("chpad", 80, b"", BYTES, packed=False,
          doc="chaddr's other 10 bytes, hex, zero when not given; a hardware address longer "
              "than 6 bytes goes on here"),
    Field("sname", 512, b"", TEXT, packed=False,
          doc="server host name, text, zero-padded to 64 bytes"),
    Field("file", 1024, b"", TEXT, packed=False,
          doc="boot file name, text (pxelinux.0), zero-padded to 128 bytes"),
    Field("cookie", 32, MAGIC,
          doc="magic cookie (RFC 2131 §3); 0x63825363 (99.130.83.99 in the RFC's dotted "
              "decimal): DHCP options follow"),
))

_FIXED = Header(NAME, HEADER.fields[:12])  # op .. chaddr's first 6 bytes: 34 bytes
_COOKIE = struct.Struct("!I")
_SIZE = _FIXED.size + (CHADDR - 6) + SNAME + FILE + 4  # 240
_CHPAD_AT = _FIXED.size
_SNAME_AT = _CHPAD_AT + CHADDR - 6
_FILE_AT = _SNAME_AT + SNAME
_COOKIE_AT = _FILE_AT + FILE
_pack = _FIXED.pack


def _padded(v: dict[str, Any], name: str, size: int) -> bytes:
    data = bytes(v[name])
    if len(data) > size:
        raise ValueError(f"bootp.{name} is {len(data)} bytes; at most {size} fit")
    return data + bytes(size - len(data))


def encode(v: dict[str, Any], payload: bytes, ctx: Context) -> tuple[bytes, dict[str, Any]]:
    """The 240 bytes up to and with the cookie; hlen computed when not given."""
    if v["hlen"] is None:
        v = dict(v)
        v["hlen"] = 6 + len(v["chpad"])
    return _pack(v) + _tail(v["chpad"], v["sname"], v["file"], v["cookie"]), v


def _tail_bytes(key: tuple[bytes, bytes, bytes, int]) -> bytes:
    """chaddr's padding, sname, file and the cookie: the same in every frame
    of a starvation run, whose chaddr and xid vary."""
    chpad, sname, file, cookie = key
    v = {"chpad": chpad, "sname": sname, "file": file}
    return (_padded(v, "chpad", CHADDR - 6) + _padded(v, "sname", SNAME)
            + _padded(v, "file", FILE) + _COOKIE.pack(cookie))


_tail_memo = memo_by_value(_tail_bytes)


def _tail(chpad: Any, sname: Any, file: Any, cookie: int) -> bytes:
    return _tail_memo((bytes(chpad), bytes(sname), bytes(file), cookie))


def decode(data: bytes, offset: int = 0) -> tuple[dict[str, Any], int]:
    if len(data) - offset < _SIZE:
        raise Truncated(f"bootp: {len(data) - offset} of {_SIZE} header bytes")
    v = _FIXED.unpack(data, offset)
    if v["op"] == 0:
        raise Malformed("bootp: op 0 is neither request nor reply")
    pad = bytes(data[offset + _CHPAD_AT:offset + _SNAME_AT])
    # chpad as long as hlen says (the rest zero), or to its last non-zero byte
    v["chpad"] = pad[:max(len(pad.rstrip(b"\0")), min(v["hlen"], CHADDR) - 6)]
    v["sname"] = bytes(data[offset + _SNAME_AT:offset + _FILE_AT]).rstrip(b"\0")
    v["file"] = bytes(data[offset + _FILE_AT:offset + _COOKIE_AT]).rstrip(b"\0")
    v["cookie"] = _COOKIE.unpack_from(data, offset + _COOKIE_AT)[0]
    return v, _SIZE


def next_layer(v: dict[str, Any], part: Any, prev: Any, offset: int,
               end: int) -> tuple[str | None, int]:
    """DHCP options after the magic cookie (RFC 2131 §3), else payload."""
    return ("dhcp" if v["cookie"] == MAGIC else "payload"), end


_LAYOUT = [*_FIXED.byte_layout()]


def layout(v: dict[str, Any]) -> list[tuple[str, int, int, int]]:
    return [*_LAYOUT, ("chpad", _CHPAD_AT, 0, 8 * (CHADDR - 6)),
            ("sname", _SNAME_AT, 0, 8 * SNAME), ("file", _FILE_AT, 0, 8 * FILE),
            ("cookie", _COOKIE_AT, 0, 32)]


def summary(v: dict[str, Any]) -> str:
    op = {1: "request", 2: "reply"}.get(v["op"], str(v["op"]))
    return (f"BOOTP {op} xid={v['xid']:#x} chaddr={mac_text(v['chaddr'])}"
            f" yiaddr={ipv4_text(v['yiaddr'])}")


def request_key(v: dict[str, Any], ip: Any, layers: Any) -> tuple | None:
    """Answered by a reply with the same transaction id (RFC 2131 §4.1)."""
    return ("bootp", v["xid"]) if v["op"] == 1 else None


def reply_key(v: dict[str, Any], ip: Any, layers: Any) -> tuple | None:
    return ("bootp", v["xid"]) if v["op"] == 2 else None
