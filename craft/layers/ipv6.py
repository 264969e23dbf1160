"""IPv6 — RFC 8200 §3 fixed header (extension headers are payload here)."""

from __future__ import annotations

from ipaddress import IPv6Address
from typing import Any

from craft.layers import bindings
from craft.layers.base import ENUM, IPV6, Field, Header, ipv6_text
from craft.layers.context import Context
from craft.layers.ipv4 import PROTOCOLS

NAME = "ipv6"
NO_NEXT_HEADER = 59  # RFC 8200 §4.7

NEXT_HEADERS = {
    **PROTOCOLS,
    "hop-by-hop": 0,  # RFC 8200 §4.3
    "routing": 43,  # §4.4
    "fragment": 44,  # §4.5
    "dest-opts": 60,  # §4.6
}

HEADER = Header(NAME, (
    Field("version", 4, 6, doc="6"),
    Field("tc", 8, 0, doc="traffic class"),
    Field("fl", 20, 0, doc="flow label"),
    Field("plen", 16, None, computed=True, doc="payload length (everything after this header)"),
    Field("nh", 8, None, ENUM, names=NEXT_HEADERS, computed=True,
          doc="next header; computed from the next layer, 59 (no next header, as scapy) "
              "when nothing bound follows"),
    Field("hlim", 8, 64, doc="hop limit"),
    Field("src", 128, IPv6Address("2001:db8::1").packed, IPV6,
          doc="source; auto in profiles; table default the lab client 2001:db8::1"),
    Field("dst", 128, IPv6Address("2001:db8::2").packed, IPV6,
          doc="destination; default the lab server 2001:db8::2 (scapy: ::1)"),
))

_size = HEADER.size
_pack = HEADER.pack


def encode(v: dict[str, Any], payload: bytes, ctx: Context) -> tuple[bytes, dict[str, Any]]:
    if v["plen"] is None or v["nh"] is None:
        v = dict(v)
        if v["plen"] is None:
            v["plen"] = len(payload)
        if v["nh"] is None:
            v["nh"] = bindings.number_for(NAME, ctx.inner_name, NO_NEXT_HEADER)
    return _pack(v), v


def decode(data: bytes, offset: int = 0) -> tuple[dict[str, Any], int]:
    return HEADER.unpack(data, offset), _size


_LAYOUT = HEADER.byte_layout()


def layout(v: dict[str, Any]) -> list[tuple[str, int, int, int]]:
    return _LAYOUT


def summary(v: dict[str, Any]) -> str:
    nh = v["nh"]
    word = next((w for w, n in NEXT_HEADERS.items() if n == nh), nh)
    return f"IPv6 {ipv6_text(v['src'])} > {ipv6_text(v['dst'])} {word} hlim={v['hlim']}"
