"""ICMPv6 — RFC 4443 (messages, checksum with the RFC 8200 §8.1
pseudo-header), RFC 4861 (neighbor discovery).

Only type, code and checksum are at fixed places; what follows depends on the
type (``layout``):

    echo-request/echo-reply (128/129) and any type not below:
        id (16), seq (16); the rest is the payload layer
    router-solicit (133):    reserved (32), options
    neighbor-solicit (135):  reserved (32), target (128), options
    neighbor-advert (136):   flags R S O (3), reserved (29), target (128), options

For the "any other type" row the 32-bit word after the checksum (unused, MTU,
pointer) is carried as id/seq halves, as in icmp.py.

Internal value of ``options``: a tuple of ``(name, value)`` pairs, name
``src-lladdr`` (RFC 4861 §4.6.1 type 1) or ``tgt-lladdr`` (type 2) with a
6-byte MAC, or ``bytes`` (hex in a profile, or any option this table cannot
name). Options run to the end of the message.
"""

from __future__ import annotations

import struct
from ipaddress import IPv6Address
from typing import Any

from craft.layers.address import ipv6_text
from craft.layers.base import (
    ENUM,
    FLAGS,
    IPV6,
    OPTIONS,
    Checksum,
    Field,
    Header,
    Truncated,
    inet_checksum,
    pseudo_header_in,
)
from craft.layers.context import Context

NAME = "icmpv6"
PROTO = 58  # IANA protocol number, for the pseudo-header
BOUND = (("ipv4", "proto", PROTO), ("ipv6", "nh", PROTO))
CHECKSUM = Checksum(pseudo=PROTO)  # RFC 4443 §2.3
LAYOUT_FIELDS = frozenset({"type"})  # the type picks the fields after the checksum
AUTO = {"options": "lladdr"}  # an lladdr option whose MAC is auto: this host's MAC
KEY_FIELDS = ("type",)  # written by craft import even at their default
QUOTES = "ipv6"  # an error message quotes an IPv6 packet
UNREACH, ECHO_REQUEST, ECHO_REPLY = 1, 128, 129
# what each option's value is in a profile (see craft/profile/load.py)
OPTION_VALUES = {"src-lladdr": ("mac", 48), "tgt-lladdr": ("mac", 48)}

TYPES = {
    "dest-unreach": 1,  # RFC 4443 §3.1
    "packet-too-big": 2,  # RFC 4443 §3.2
    "time-exceeded": 3,  # RFC 4443 §3.3
    "parameter-problem": 4,  # RFC 4443 §3.4
    "echo-request": 128,  # RFC 4443 §4.1
    "echo-reply": 129,  # RFC 4443 §4.2
    "router-solicit": 133,  # RFC 4861 §4.1
    "router-advert": 134,  # RFC 4861 §4.2
    "neighbor-solicit": 135,  # RFC 4861 §4.3
    "neighbor-advert": 136,  # RFC 4861 §4.4
    "redirect": 137,  # RFC 4861 §4.5
}
ROUTER_SOLICIT, NEIGHBOR_SOLICIT, NEIGHBOR_ADVERT = 133, 135, 136

# RFC 4861 §4.4 neighbor advertisement flags, MSB first in the 3-bit field
NA_LETTERS = "RSO"
NA_WORDS = {"router": 4, "solicited": 2, "override": 1}

# RFC 4861 §4.6.1 link-layer address options (length in units of 8 octets)
OPTION_TYPES = {"src-lladdr": 1, "tgt-lladdr": 2}
_OPTION_NAMES = {n: w for w, n in OPTION_TYPES.items()}

HEADER = Header(NAME, (
    Field("type", 8, 128, ENUM, names=TYPES, doc="message type; echo-request (128) as scapy"),
    Field("code", 8, 0, doc="code within the type"),
    Field("checksum", 16, None, computed=True,
          doc="over the IPv6 pseudo-header and the message"),
    Field("id", 16, 0, packed=False, doc="echo identifier (other types: high half of the word)"),
    Field("seq", 16, 0, packed=False, doc="echo sequence number (other types: low half)"),
    Field("flags", 3, 0b011, FLAGS, letters=NA_LETTERS, names=NA_WORDS, packed=False,
          doc="neighbor-advert R(outer) S(olicited) O(verride); default SO, the answer to a "
              "solicitation (scapy's default is R and O)"),
    Field("reserved", 32, 0, packed=False,
          doc="reserved word of router-solicit / neighbor-solicit (29 bits in neighbor-advert)"),
    Field("target", 128, IPv6Address("2001:db8::2").packed, IPV6, packed=False,
          doc="neighbor-solicit/advert target; default the lab server 2001:db8::2 (scapy: ::)"),
    Field("options", 0, (), OPTIONS,
          doc="ND options: src-lladdr / tgt-lladdr (MAC) in order, or hex"),
))

_size = HEADER.size  # 4: type, code, checksum
_pack = HEADER.pack
_unpack = HEADER.unpack
_ND = (ROUTER_SOLICIT, NEIGHBOR_SOLICIT, NEIGHBOR_ADVERT)


def options_bytes(options: Any) -> bytes:
    if isinstance(options, bytes | bytearray):
        return bytes(options)
    out = []
    for name, value in options:
        if name not in OPTION_TYPES:
            raise ValueError(f"unknown icmpv6 option {name!r}")
        out.append(struct.pack("!BB6s", OPTION_TYPES[name], 1, value))
    return b"".join(out)


def parse_options(raw: bytes) -> tuple[tuple[str, Any], ...] | bytes:
    """The named form when every option is a 1-unit link-layer address option,
    else ``raw``."""
    out = []
    i, n = 0, len(raw)
    while i < n:
        if i + 8 > n or raw[i + 1] != 1 or raw[i] not in _OPTION_NAMES:
            return raw
        out.append((_OPTION_NAMES[raw[i]], raw[i + 2:i + 8]))
        i += 8
    return tuple(out)


def _body(v: dict[str, Any]) -> bytes:
    t = v["type"]
    if t not in _ND:
        return struct.pack("!HH", v["id"], v["seq"])
    if t == NEIGHBOR_ADVERT:
        word = (v["flags"] & 7) << 29 | (v["reserved"] & 0x1FFFFFFF)
    else:
        word = v["reserved"] & 0xFFFFFFFF
    opts = options_bytes(v["options"]) if v["options"] else b""
    if t == ROUTER_SOLICIT:
        return struct.pack("!I", word) + opts
    return struct.pack("!I16s", word, v["target"]) + opts


def encode(v: dict[str, Any], payload: bytes, ctx: Context) -> tuple[bytes, dict[str, Any]]:
    body = _body(v)
    if v["checksum"] is None:
        v = dict(v)
        v["checksum"] = 0
        msg = _pack(v) + body
        pseudo = pseudo_header_in(ctx, PROTO, len(msg) + len(payload))
        v["checksum"] = inet_checksum(pseudo + msg + payload)
    return _pack(v) + body, v


def decode(data: bytes, offset: int = 0) -> tuple[dict[str, Any], int]:
    """Fields a type does not carry keep their table defaults."""
    v = _unpack(data, offset)
    v.update(_REST_DEFAULTS)
    t = v["type"]
    start = offset + _size
    avail = len(data) - start
    if t not in _ND:
        if avail < 4:
            raise Truncated(f"icmpv6: {avail + _size} of 8 header bytes")
        v["id"], v["seq"] = struct.unpack_from("!HH", data, start)
        return v, 8
    need = 4 if t == ROUTER_SOLICIT else 20
    if avail < need:
        raise Truncated(f"icmpv6: {avail + _size} of {need + _size} header bytes")
    (word,) = struct.unpack_from("!I", data, start)
    if t == NEIGHBOR_ADVERT:
        v["flags"], v["reserved"] = word >> 29, word & 0x1FFFFFFF
    else:
        v["reserved"] = word
    if t != ROUTER_SOLICIT:
        v["target"] = bytes(data[start + 4:start + 20])
    v["options"] = parse_options(bytes(data[start + need:])) if avail > need else ()
    return v, len(data) - offset


_REST_DEFAULTS = {f.name: f.default for f in HEADER.fields if not (f.bits and f.packed)}
_FIXED = HEADER.byte_layout()


def layout(v: dict[str, Any]) -> list[tuple[str, int, int, int]]:
    t = v.get("type")
    if t not in _ND:
        return [*_FIXED, ("id", 4, 0, 16), ("seq", 6, 0, 16)]
    out = list(_FIXED)
    if t == NEIGHBOR_ADVERT:
        out += [("flags", 4, 0, 3), ("reserved", 4, 3, 29)]
    else:
        out.append(("reserved", 4, 0, 32))
    pos = 8
    if t != ROUTER_SOLICIT:
        out.append(("target", 8, 0, 128))
        pos = 24
    opts = v.get("options")
    if opts:
        out.append(("options", pos, 0, 8 * len(options_bytes(opts))))
    return out


def type_word(t: int) -> str:
    return next((w for w, n in TYPES.items() if n == t), str(t))


def summary(v: dict[str, Any]) -> str:
    t = v["type"]
    if t in (NEIGHBOR_SOLICIT, NEIGHBOR_ADVERT):
        return f"ICMPv6 {type_word(t)} target={ipv6_text(v['target'])}"
    if t not in _ND:
        return f"ICMPv6 {type_word(t)} code={v['code']} id={v['id']:#x} seq={v['seq']}"
    return f"ICMPv6 {type_word(t)}"


def auto_options(options: Any, mac: bytes) -> Any:
    """The options with every auto link-layer address (None) made ``mac``."""
    return tuple((o, mac if val is None and o.endswith("lladdr") else val) for o, val in options)


def is_error(v: dict[str, Any]) -> bool:
    return v["type"] < 128  # RFC 4443 §2.1: error messages have types 0..127


def request_key(v: dict[str, Any], ip: Any, layers: Any) -> tuple | None:
    """Echo by who asked, id and seq (RFC 4443 §4); a neighbor solicitation
    by its target (RFC 4861 §7.2)."""
    if v["type"] == ECHO_REQUEST and ip is not None:
        return ("echo", ip["src"], v["id"], v["seq"])
    if v["type"] == NEIGHBOR_SOLICIT:
        return ("nd", v["target"])
    return None


def reply_key(v: dict[str, Any], ip: Any, layers: Any) -> tuple | None:
    if v["type"] == ECHO_REPLY and ip is not None:
        return ("echo", ip["dst"], v["id"], v["seq"])
    if v["type"] == NEIGHBOR_ADVERT:
        return ("nd", v["target"])
    if v["type"] == UNREACH:
        return layers.quoted_key()
    return None
