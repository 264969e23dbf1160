"""ICMP for IPv4 — RFC 792.

The 4 bytes after the checksum are ``id`` and ``seq`` for every type: for echo
and timestamp messages they are the identifier and sequence number; for the
others they carry the type's own word (unused, gateway address, pointer, MTU)
split in two halves. Anything after those 8 bytes (the timestamps, the quoted
datagram of an error) is the payload layer.
"""

from __future__ import annotations

from typing import Any

from craft.layers.base import ENUM, Checksum, Field, Header, inet_checksum
from craft.layers.context import Context

NAME = "icmp"
BOUND = (("ipv4", "proto", 1), ("ipv6", "nh", 1))  # IANA protocol number 1
CHECKSUM = Checksum()  # RFC 792: over the ICMP message, no pseudo-header
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

HEADER = Header(NAME, (
    Field("type", 8, 8, ENUM, names=TYPES, doc="message type; echo-request (8) as scapy"),
    Field("code", 8, 0, doc="code within the type"),
    Field("checksum", 16, None, computed=True, doc="over the ICMP header and data"),
    Field("id", 16, 0, doc="identifier (echo, timestamp); else the high half of the word"),
    Field("seq", 16, 0, doc="sequence number (echo, timestamp); else the low half"),
))

decode = HEADER.decode  # a fixed header: the table's own unpack
layout = HEADER.fixed_layout

_size = HEADER.size
_pack = HEADER.pack


def encode(v: dict[str, Any], payload: bytes, ctx: Context) -> tuple[bytes, dict[str, Any]]:
    if v["checksum"] is None:
        v = dict(v)
        v["checksum"] = 0
        v["checksum"] = inet_checksum(_pack(v) + payload)
    return _pack(v), v


def type_word(t: int) -> str:
    return next((w for w, n in TYPES.items() if n == t), str(t))


def summary(v: dict[str, Any]) -> str:
    return f"ICMP {type_word(v['type'])} code={v['code']} id={v['id']:#x} seq={v['seq']}"


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
    """An echo reply; a port unreachable answers the UDP datagram it quotes."""
    if v["type"] == ECHO_REPLY and ip is not None:
        return ("echo", ip["dst"], v["id"], v["seq"])
    if v["type"] == UNREACH:
        return layers.quoted_key()
    return None
