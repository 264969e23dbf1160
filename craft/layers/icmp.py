"""ICMP for IPv4 — RFC 792; RFC 950 (address mask), RFC 1191 (next-hop
MTU), RFC 1256 (router discovery), RFC 4884 (the length in the unused word).

Type, code and checksum are at fixed places; the fields that follow are the
type's own, in wire order (``BODIES``; ``fields_for`` tells the profile
loader, which refuses a field the type does not carry):

    echo-reply/request (0/8), info (15/16)  id (16), seq (16)
    timestamp (13/14)       id, seq, originate, receive, transmit (32 each, ms since midnight UT)
    address-mask (17/18)    id, seq, mask (IPv4)
    dest-unreach (3)        unused (16: RFC 4884's unused byte and length), mtu (16)
    source-quench (4), router-solicit (10), time-exceeded (11)   unused (32)
    redirect (5)            gateway (IPv4)
    router-advert (9)       num (8), size (8), lifetime (16), routers
    parameter-problem (12)  pointer (8), unused (24)
    any other type          id (16), seq (16), as before this table

The quoted datagram of an error (3, 4, 5, 11, 12) is the next layers of the
profile (payload, or ipv4/udp... with their lengths and checksums as given);
the decoder gives it as payload. Choices: timestamps default 0 (scapy: the
time now), so frames repeat; ``unused`` is one field whose width is the
type's (its low bits are sent); router-advert entries are ``routers: [{router:
{address: 192.0.2.1, preference: 0}}]`` (RFC 1256 §3, size 2 words each;
another size keeps them as hex), ``num`` computed from them.
"""

from __future__ import annotations

from typing import Any

from craft.errors import Truncated
from craft.layers import bindings, rows
from craft.layers.base import ENUM, INT, IPV4, OPTIONS, Checksum, Field, Header, value_text
from craft.layers.context import Context

NAME = "icmp"
BOUND = bindings.in_ip(1)  # IANA protocol number 1
CHECKSUM = Checksum()  # RFC 792: over the ICMP message, no pseudo-header
LAYOUT_FIELDS = frozenset({"type"})  # the type picks the fields after the checksum
KEY_FIELDS = ("type",)  # written by craft import even at their default
QUOTES = "ipv4"  # an error message quotes an IPv4 datagram
ECHO_REPLY, UNREACH, ECHO_REQUEST = 0, 3, 8
ERRORS = frozenset({3, 4, 5, 11, 12})  # RFC 792 messages that quote a datagram

TYPES = {
    "echo-reply": 0,  # RFC 792
    "dest-unreach": 3,  # RFC 792
    "source-quench": 4,  # RFC 792 (deprecated by RFC 6633)
    "redirect": 5,  # RFC 792
    "echo-request": 8,  # RFC 792
    "router-advert": 9,  # RFC 1256
    "router-solicit": 10,  # RFC 1256
    "time-exceeded": 11,  # RFC 792
    "parameter-problem": 12,  # RFC 792
    "timestamp": 13,  # RFC 792
    "timestamp-reply": 14,  # RFC 792
    "info-request": 15,  # RFC 792
    "info-reply": 16,  # RFC 792
    "address-mask-request": 17,  # RFC 950
    "address-mask-reply": 18,  # RFC 950
}

ROUTER = (
    Field("address", 32, bytes(4), IPV4, doc="a router address of the sending interface"),
    Field("preference", 32, 0, INT, doc="preference level, two's complement (RFC 1256 §3)"),
)
OPTION_FIELDS = {"routers": {"router": ("fields", ROUTER)}}

HEADER = Header(NAME, (
    Field("type", 8, 8, ENUM, names=TYPES, doc="message type; echo-request (8) as scapy"),
    Field("code", 8, 0, doc="code within the type"),
    Field("checksum", 16, None, computed=True, doc="over the ICMP header and data"),
    Field("id", 16, 0, packed=False,
          doc="identifier (echo, info, timestamp, address-mask and types not listed)"),
    Field("seq", 16, 0, packed=False, doc="sequence number (where id is)"),
    Field("originate", 32, 0, packed=False, doc="timestamp: originate, ms since midnight UT"),
    Field("receive", 32, 0, packed=False, doc="timestamp: receive"),
    Field("transmit", 32, 0, packed=False, doc="timestamp: transmit"),
    Field("mask", 32, bytes(4), IPV4, packed=False, doc="address-mask request/reply: the mask"),
    Field("gateway", 32, bytes(4), IPV4, packed=False,
          doc="redirect: the gateway to send to; 0.0.0.0 as scapy"),
    Field("pointer", 8, 0, packed=False, doc="parameter-problem: the octet in error"),
    Field("mtu", 16, 0, packed=False, doc="dest-unreach: next-hop MTU (RFC 1191, frag-needed)"),
    Field("unused", 32, 0, packed=False,
          doc="the unused bits: 16 in dest-unreach, 24 in parameter-problem, else 32; "
              "RFC 4884's length of the quoted datagram (32-bit words) is its low byte in "
              "dest-unreach, its second byte in time-exceeded and parameter-problem"),
    Field("num", 8, None, packed=False, computed=True,
          doc="router-advert number of addresses; computed"),
    Field("size", 8, 2, packed=False, doc="router-advert address entry size in words; 2"),
    Field("lifetime", 16, 1800, packed=False, doc="router-advert lifetime, seconds; 1800"),
    Field("routers", 0, (), OPTIONS,
          doc="router-advert entries: {router: {address, preference}} in order, or hex"),
))

_ID_SEQ = (("id", 16), ("seq", 16))
BODIES: dict[int, rows.Row] = {
    3: (("unused", 16), ("mtu", 16)),
    4: (("unused", 32),),
    5: (("gateway", 32),),
    9: (("num", 8), ("size", 8), ("lifetime", 16), ("routers", 0)),
    10: (("unused", 32),),
    11: (("unused", 32),),
    12: (("pointer", 8), ("unused", 24)),
    13: (*_ID_SEQ, ("originate", 32), ("receive", 32), ("transmit", 32)),
    14: (*_ID_SEQ, ("originate", 32), ("receive", 32), ("transmit", 32)),
    17: (*_ID_SEQ, ("mask", 32)),
    18: (*_ID_SEQ, ("mask", 32)),
}

_size = HEADER.size  # 4: type, code, checksum
_pack = HEADER.pack
_unpack = HEADER.unpack


def row(v: dict[str, Any]) -> rows.Row:
    return BODIES.get(v.get("type"), _ID_SEQ)  # type: ignore[arg-type]


def fields_for(v: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    """The message ``v`` names and every field it carries (profile/load.py)."""
    return type_word(v["type"]), ("type", "code", "checksum", *(n for n, _ in row(v)))


def _routers_bytes(v: dict[str, Any]) -> bytes:
    r = v["routers"]
    if isinstance(r, bytes | bytearray):
        return bytes(r)
    return b"".join(dict(x)["address"] + (dict(x)["preference"] & 0xFFFFFFFF).to_bytes(4, "big")
                    for _, x in r)


def _read_routers(data: bytes, start: int, end: int, v: dict[str, Any]) -> tuple[Any, int]:
    stop = start + v["num"] * v["size"] * 4
    if stop > end:
        raise Truncated(f"icmp router-advert: {v['num']} entries, {end - start} bytes")
    if v["size"] != 2:
        return bytes(data[start:stop]), stop
    out = tuple(("router", (("address", bytes(data[k:k + 4])),
                            ("preference", int.from_bytes(data[k + 4:k + 8], "big"))))
                for k in range(start, stop, 8))
    return out, stop


_VARIABLE = {"routers": rows.Variable(_routers_bytes, _read_routers)}


TYPED = rows.Typed(HEADER, row, _VARIABLE, NAME)
layout = TYPED.layout


def encode(v: dict[str, Any], payload: bytes, ctx: Context) -> tuple[bytes, dict[str, Any]]:
    if v["type"] == 9 and v.get("num") is None:
        v = dict(v)
        r = v["routers"]
        v["num"] = len(r) if not isinstance(r, bytes | bytearray) else len(r) // max(
            4 * v["size"], 1)
    return TYPED.checksummed(v, payload)


def decode(data: bytes, offset: int = 0) -> tuple[dict[str, Any], int]:
    v = _unpack(data, offset)
    return TYPED.decode_rest(v, data, offset)


def type_word(t: int) -> str:
    return value_text(HEADER.by_name["type"], t)


def summary(v: dict[str, Any]) -> str:
    word = f"ICMP {type_word(v['type'])} code={v['code']}"
    return word + (f" id={v['id']:#x} seq={v['seq']}" if "id" in dict(row(v)) else "")


def trafgen_checksum(enc: Any, ip: Any) -> tuple[int, str] | str | None:
    """trafgen's csumicmp, which only knows ICMP in IPv4 and drops the last
    byte of an odd-length message (netsniff-ng 0.6): None, or why not, where
    it cannot."""
    if ip is None or ip.name != "ipv4" or ip.offset + len(ip.header) != enc.offset:
        return None
    end = ip.offset + ip.values["len"]
    if (end - enc.offset) % 2:
        return "of an odd length"
    return enc.offset + 2, f"csumicmp({enc.offset}, {end - 1})"


def is_error(v: dict[str, Any]) -> bool:
    return v["type"] in ERRORS


def request_key(v: dict[str, Any], ip: Any, layers: Any) -> tuple | None:
    """An echo request, by who asked, id and seq: a multicast or broadcast
    echo is answered from addresses other than the one asked (RFC 792)."""
    if v["type"] == ECHO_REQUEST and ip is not None:
        return ("echo", ip["src"], v["id"], v["seq"])
    return None


def reply_key(v: dict[str, Any], ip: Any, layers: Any) -> tuple | None:
    """An echo reply; an error (port unreachable, time exceeded...) answers
    the datagram it quotes."""
    if v["type"] == ECHO_REPLY and ip is not None:
        return ("echo", ip["dst"], v["id"], v["seq"])
    if is_error(v):  # unreachable, time exceeded...: an answer to the datagram quoted
        return layers.quoted_key()
    return None
