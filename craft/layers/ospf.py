"""OSPFv2 — RFC 2328 (IP protocol 89): the packet header (§A.3.1) and the
hello body (§A.3.2).

The header is version, type, packet length, router id, area id, checksum,
autype and the 64-bit authentication field. The checksum is the Internet
checksum over the whole packet but the authentication field (§D.4.1,
§D.4.2); with cryptographic authentication it is not computed and sent as
zero (§D.4.3), as scapy does. The length counts the header, the hello body
and any payload after it (the body of another type: database description,
LS request, LS update, LS ack, as ``payload``).

A hello (type 1) carries, after the header, in wire order:

    mask (32), hello-interval (16), options (8), priority (8), dead-interval (32),
    dr (32), bdr (32), neighbors (32 each, to the end of the packet length)

Other types carry no fields of their own here (``fields_for`` tells the
profile loader, which refuses a hello field on them). Choices where the RFC
and scapy leave room: the hello's options are E (scapy: none), the bit a
router on a normal area sets (§A.2), so the hello is accepted there;
defaults otherwise as scapy (router id 1.1.1.1, area 0.0.0.0, a /24 mask,
hello 10 s, dead 40 s, priority 1). The authentication field is a 64-bit
number: for simple authentication (autype simple) the password's 8 bytes
read as one big-endian number (``0x7365637265740000`` is "secret").
``CHECKSUM`` is not declared: its span leaves out the authentication field.
"""

from __future__ import annotations

from typing import Any

from craft.layers import bindings, rows
from craft.layers.address import ipv4_text
from craft.layers.base import ENUM, FLAGS, IPV4, IPV4S, Field, Header, inet_checksum, value_text
from craft.layers.context import Context

NAME = "ospf"
PROTO = 89  # IANA protocol number
BOUND = bindings.in_ip(PROTO)
LAYOUT_FIELDS = frozenset({"type"})  # the type picks the fields after the header
KEY_FIELDS = ("type", "router-id")

TYPES = {"hello": 1, "db-desc": 2, "ls-request": 3, "ls-update": 4, "ls-ack": 5}  # §A.3
# §D; null authentication is "none" as tcpdump says (YAML reads a bare null as nothing)
AUTYPES = {"none": 0, "simple": 1, "crypto": 2}
HELLO, CRYPTO = 1, 2
# §A.2 and later: scapy's names, least significant bit first
OPTIONS = {"MT": 0x01, "E": 0x02, "MC": 0x04, "NP": 0x08, "L": 0x10, "DC": 0x20, "O": 0x40,
           "DN": 0x80}

HEADER = Header(NAME, (
    Field("version", 8, 2, doc="OSPF version; 2"),
    Field("type", 8, HELLO, ENUM, names=TYPES, doc="packet type; hello as scapy"),
    Field("len", 16, None, computed=True,
          doc="packet length: header, body and what follows it"),
    Field("router-id", 32, bytes([1, 1, 1, 1]), IPV4, doc="router id; 1.1.1.1 as scapy"),
    Field("area", 32, bytes(4), IPV4, doc="area id; 0.0.0.0 (the backbone)"),
    Field("checksum", 16, None, computed=True,
          doc="over the packet but the authentication field; 0 with crypto autype"),
    Field("autype", 16, 0, ENUM, names=AUTYPES,
          doc="authentication type: none (RFC 2328's null), simple, crypto"),
    Field("auth", 64, 0,
          doc="authentication field: simple's password as a number (8 bytes), or crypto's "
              "key id, length and sequence number"),
    Field("mask", 32, bytes([255, 255, 255, 0]), IPV4, packed=False,
          doc="hello: the interface's network mask; 255.255.255.0 as scapy"),
    Field("hello-interval", 16, 10, packed=False, doc="hello: seconds between hellos; 10"),
    Field("options", 8, 0x02, FLAGS, names=OPTIONS, packed=False,
          doc="hello: options MT E MC NP L DC O DN; E (scapy: none)"),
    Field("priority", 8, 1, packed=False, doc="hello: router priority; 1"),
    Field("dead-interval", 32, 40, packed=False,
          doc="hello: seconds before a silent neighbor is down; 40"),
    Field("dr", 32, bytes(4), IPV4, packed=False, doc="hello: designated router"),
    Field("bdr", 32, bytes(4), IPV4, packed=False, doc="hello: backup designated router"),
    Field("neighbors", 0, (), IPV4S, doc="hello: router ids of the neighbors heard"),
))
_size = HEADER.size  # 24
_pack = HEADER.pack
_unpack = HEADER.unpack

_HELLO = (("mask", 32), ("hello-interval", 16), ("options", 8), ("priority", 8),
          ("dead-interval", 32), ("dr", 32), ("bdr", 32), ("neighbors", 0))


def row(v: dict[str, Any]) -> rows.Row:
    return _HELLO if v.get("type") == HELLO else ()


def fields_for(v: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    """The packet ``v`` names and the fields it carries (profile/load.py)."""
    return type_word(v["type"]), (*(f.name for f in HEADER.fixed), *(n for n, _ in row(v)))


def _read_neighbors(data: bytes, start: int, end: int, v: dict[str, Any]) -> tuple[Any, int]:
    stop = start + (end - start) // 4 * 4
    return tuple(bytes(data[k:k + 4]) for k in range(start, stop, 4)), stop


_VARIABLE = {"neighbors": rows.Variable(lambda v: b"".join(v["neighbors"]), _read_neighbors)}
TYPED = rows.Typed(HEADER, row, _VARIABLE, NAME)
layout = TYPED.layout


def encode(v: dict[str, Any], payload: bytes, ctx: Context) -> tuple[bytes, dict[str, Any]]:
    body = TYPED.body(v)
    if v["len"] is None or v["checksum"] is None:
        v = dict(v)
        if v["len"] is None:
            v["len"] = (_size + len(body) + len(payload)) & 0xFFFF
        if v["checksum"] is None:
            v["checksum"] = 0
            if v["autype"] != CRYPTO:  # RFC 2328 §D.4.3: not computed
                head = _pack(v)
                v["checksum"] = inet_checksum(head[:16] + body + payload)
    return _pack(v) + body, v


def decode(data: bytes, offset: int = 0) -> tuple[dict[str, Any], int]:
    """The header, and a hello's body up to the packet length (the rest of
    the data when the length is out of bounds)."""
    v = _unpack(data, offset)
    end = offset + v["len"]
    if not _size <= v["len"] <= len(data) - offset:
        end = len(data)
    return TYPED.decode_rest(v, data[:end], offset)


def type_word(t: int) -> str:
    return value_text(HEADER.by_name["type"], t)


def summary(v: dict[str, Any]) -> str:
    return (f"OSPFv{v['version']} {type_word(v['type'])} router={ipv4_text(v['router-id'])} "
            f"area={ipv4_text(v['area'])}")
