"""IPv6 — RFC 8200 §3 fixed header (extension headers are payload here)."""

from __future__ import annotations

import struct
from ipaddress import IPv6Address
from typing import Any

from craft.layers import bindings
from craft.layers.address import ipv6_text
from craft.layers.base import ENUM, IPV6, Field, Header, value_text
from craft.layers.context import Context
from craft.layers.ether import ETHERTYPES
from craft.layers.ipv4 import PROTOCOLS

NAME = "ipv6"
SELECTOR = "nh"
# after Ethernet or a VLAN tag (RFC 2464), in IPv4 or IPv6 (RFC 4213, RFC 2473), in PPP
# (RFC 5072)
BOUND = (("ether", "type", ETHERTYPES["ipv6"]), ("vlan", "type", ETHERTYPES["ipv6"]),
         ("ipv4", "proto", 41), ("ipv6", "nh", 41), ("ppp", "proto", 0x0057))
AUTO = {"src": "ipv6"}  # this host's own address
LINK_DST_INPUTS = ("dst",)  # what an auto ether.dst in front reads
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

decode = HEADER.decode  # a fixed header: the table's own unpack
layout = HEADER.fixed_layout

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


def summary(v: dict[str, Any]) -> str:
    word = value_text(HEADER.by_name["nh"], v["nh"])
    return f"IPv6 {ipv6_text(v['src'])} > {ipv6_text(v['dst'])} {word} hlim={v['hlim']}"


_PSEUDO = struct.Struct("!16s16sI3xB").pack


def pseudo_header(v: dict[str, Any], proto: int, length: int) -> bytes:
    """The upper-layer pseudo-header (RFC 8200 §8.1): source, destination,
    upper-layer length, three zero bytes, next header."""
    return _PSEUDO(v["src"], v["dst"], length, proto)


def next_layer(v: dict[str, Any], part: Any, prev: Any, offset: int,
               end: int) -> tuple[str | None, int]:
    """The payload length bounds what follows; 0 is a jumbogram or a GSO
    packet, bounded by the capture, as tcpdump does."""
    plen = v["plen"]
    if plen:
        bound = offset + plen
        if bound > end:
            part.truncated = True
            part.error = f"truncated-ipv6 - {bound - end} bytes missing"
        else:
            end = bound
    return bindings.INNER.get((NAME, v["nh"]), "payload"), end


def link_dst(v: dict[str, Any], resolver: Any) -> bytes:
    """An auto ether.dst in front: 33:33 and the low 32 bits of an ff00::/8
    group (RFC 2464 §7), else the neighbour's MAC."""
    return multicast_mac(v["dst"]) or resolver.neighbour(v["dst"])


def multicast_mac(dst: bytes) -> bytes | None:
    return b"\x33\x33" + dst[12:] if dst[0] == 0xFF else None
