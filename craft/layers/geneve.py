"""Geneve — RFC 8926 §3: an 8-byte header and options in UDP (destination
port 6081).

    version(2) optlen(6) O(1) C(1) reserved(6) | protocol type(16)
    VNI(24) | reserved2(8) | options (optlen 4-byte words)

Each option (§3.5): class(16) type(8) reserved(3) length(5, data in 4-byte
words) data. ``optlen`` and each option's ``length`` are computed; option
data is zero-padded to a multiple of 4 bytes (scapy would cut the length
short instead). ``proto`` takes Ethernet's numbers and is computed from the
next layer: 0x6558 for ``ether``, 0x0800 for ipv4, 0x86dd for ipv6; 0 when
nothing bound follows (scapy's default).

Internal value of ``options``: a tuple of ``("option", fields)`` pairs,
``fields`` the sub-fields of ``OPTION`` in order, or bytes (hex in a
profile, or options decoding cannot name so that they pack back the same).
"""

from __future__ import annotations

import struct
from typing import Any

from craft.errors import Truncated
from craft.layers import bindings
from craft.layers.base import BYTES, ENUM, FLAGS, INT, OPTIONS, Field, Header, memo_by_value
from craft.layers.context import Context
from craft.layers.ether import ETHERTYPES

NAME = "geneve"
PORT = 6081  # IANA, RFC 8926 §3.3
BOUND = bindings.on_port(PORT)
SELECTOR = "proto"
SELECTOR_SPACE = "ether"  # the protocol type is an ethertype (RFC 8926 §3.4)
LAYOUT_FIELDS = frozenset({"optlen"})
KEY_FIELDS = ("vni",)  # written by craft import even at their default
MAX_OPTIONS = 63 * 4  # optlen is 6 bits of 4-byte words

# option classes (IANA "Geneve Option Class"), as scapy's CLASS_IDS
CLASSES = {"linux": 0x0100, "open-vswitch": 0x0101, "ovn": 0x0102, "int": 0x0103,
           "vmware": 0x0104, "amazon": 0x0105, "cisco": 0x0106, "oracle": 0x0107,
           "experimental": 0xFFFF}

OPTION = (
    Field("class", 16, 0, ENUM, names=CLASSES, doc="option class; 0 as scapy"),
    Field("type", 8, 0, INT, doc="option type (high bit: critical); 0 as scapy"),
    Field("reserved", 3, 0, INT, doc="reserved bits, 0"),
    Field("length", 5, None, INT, computed=True,
          doc="data length in 4-byte words; computed"),
    Field("data", 0, b"", BYTES, doc="option data, hex; zero-padded to 4-byte words"),
)
# what each option's value is in a profile (craft/profile/options.py)
OPTION_VALUES: dict[str, tuple[str, Any]] = {"option": ("fields", OPTION)}

HEADER = Header(NAME, (
    Field("version", 2, 0, doc="version; 0 (RFC 8926)"),
    Field("optlen", 6, None, computed=True,
          doc="options length in 4-byte words; computed"),
    Field("flags", 2, 0, FLAGS, letters="OC", names={"oam": 2, "critical": 1},
          doc="O (OAM packet) and C (critical options present); none as scapy"),
    Field("reserved", 6, 0, doc="reserved, 0"),
    Field("proto", 16, None, ENUM, names=ETHERTYPES, computed=True,
          doc="protocol type (an ethertype); computed from the next layer: ether 0x6558, "
              "ipv4 0x0800, ipv6 0x86dd; 0 when nothing bound follows (as scapy)"),
    Field("vni", 24, 0, doc="virtual network identifier; 0 as scapy"),
    Field("reserved2", 8, 0, doc="reserved, 0"),
    Field("options", 0, (), OPTIONS,
          doc="options in order: {option: {class, type, data}} (length computed); or hex"),
))

_pack = HEADER.pack
_unpack = HEADER.unpack
_size = HEADER.size  # 8


def _one(value: Any) -> bytes:
    o = dict(value)
    data = bytes(o["data"])
    data += b"\0" * (-len(data) % 4)
    length = len(data) // 4 if o["length"] is None else o["length"]
    return struct.pack("!HBB", o["class"] & 0xFFFF, o["type"] & 0xFF,
                       (o["reserved"] & 7) << 5 | (length & 0x1F)) + data


def _options_bytes(options: Any) -> bytes:
    if isinstance(options, bytes | bytearray):
        return bytes(options)
    out = []
    for name, value in options:
        if name != "option":
            raise ValueError(f"unknown geneve option {name!r}")
        out.append(_one(value))
    return b"".join(out)


options_bytes = memo_by_value(_options_bytes)


def parse_options(raw: bytes) -> tuple[tuple[str, Any], ...] | bytes:
    """The named form when every option fits and packs back to ``raw``."""
    out = []
    i = 0
    while i < len(raw):
        if i + 4 > len(raw):
            return raw
        cls, typ, b = struct.unpack_from("!HBB", raw, i)
        n = 4 * (b & 0x1F)
        if i + 4 + n > len(raw):
            return raw
        out.append(("option", (("class", cls), ("type", typ), ("reserved", b >> 5),
                               ("length", b & 0x1F), ("data", raw[i + 4:i + 4 + n]))))
        i += 4 + n
    named = tuple(out)
    return named if _options_bytes(named) == raw else raw


def encode(v: dict[str, Any], payload: bytes, ctx: Context) -> tuple[bytes, dict[str, Any]]:
    v = dict(v)
    opts = options_bytes(v["options"]) if v["options"] else b""
    if v["optlen"] is None:
        v["optlen"] = len(opts) // 4
    if v["proto"] is None:
        v["proto"] = bindings.number_for(NAME, ctx.inner_name, 0)
    return _pack(v) + opts, v


def decode(data: bytes, offset: int = 0) -> tuple[dict[str, Any], int]:
    v = _unpack(data, offset)
    hlen = _size + 4 * v["optlen"]
    if len(data) - offset < hlen:
        raise Truncated(f"geneve: {len(data) - offset} of {hlen} header bytes")
    raw = bytes(data[offset + _size:offset + hlen])
    v["options"] = parse_options(raw) if raw else ()
    return v, hlen


def layout(v: dict[str, Any]) -> list[tuple[str, int, int, int]]:
    return HEADER.options_layout(v, options_bytes)


def summary(v: dict[str, Any]) -> str:
    p = v["proto"]
    return f"Geneve vni={v['vni']} proto={'auto' if p is None else f'0x{p:04x}'}"
