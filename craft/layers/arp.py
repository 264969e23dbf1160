"""ARP — RFC 826, for Ethernet hardware and IPv4 protocol addresses."""

from __future__ import annotations

from typing import Any

from craft.layers.address import ipv4_text, mac_text
from craft.layers.base import ENUM, IPV4, MAC, Field, Header, Malformed
from craft.layers.context import Context
from craft.layers.ether import ETHERTYPES

NAME = "arp"
BOUND = (("ether", "type", ETHERTYPES["arp"]), ("vlan", "type", ETHERTYPES["arp"]))
AUTO = {"sha": "mac", "spa": "ipv4"}  # this host's own addresses
LINK_DST_INPUTS = ("op", "tpa")  # what an auto ether.dst in front reads
KEY_FIELDS = ("op",)  # written by craft import even at their default
BROADCAST = b"\xff" * 6
REQUEST, REPLY = 1, 2  # RFC 826

OPS = {
    "request": 1,  # RFC 826
    "reply": 2,  # RFC 826
    "rarp-request": 3,  # RFC 903
    "rarp-reply": 4,  # RFC 903
    "inarp-request": 8,  # RFC 2390
    "inarp-reply": 9,  # RFC 2390
}

HEADER = Header(NAME, (
    Field("htype", 16, 1, doc="hardware type, 1 = Ethernet (RFC 826)"),
    Field("ptype", 16, 0x0800, doc="protocol type, an ethertype (0x0800 = IPv4)"),
    Field("hlen", 8, 6, doc="hardware address length; 6 (scapy computes it: same bytes)"),
    Field("plen", 8, 4, doc="protocol address length; 4 (scapy computes it: same bytes)"),
    Field("op", 16, 1, ENUM, names=OPS, doc="operation: request (1, who-has) or reply (2, is-at)"),
    Field("sha", 48, b"\x02\x00\x00\x00\x00\x01", MAC,
          doc="sender MAC; auto in profiles; table default the lab client 02:00:00:00:00:01"),
    Field("spa", 32, b"\xc0\x00\x02\x01", IPV4,
          doc="sender IPv4; auto in profiles; table default the lab client 192.0.2.1"),
    Field("tha", 48, b"\x00" * 6, MAC, doc="target MAC; 00:00:00:00:00:00 in a request"),
    Field("tpa", 32, b"\xc0\x00\x02\x02", IPV4,
          doc="target IPv4; default the lab server 192.0.2.2 (scapy: 0.0.0.0)"),
))

layout = HEADER.fixed_layout


def encode(v: dict[str, Any], payload: bytes, ctx: Context) -> tuple[bytes, dict[str, Any]]:
    return HEADER.pack(v), v


def decode(data: bytes, offset: int = 0) -> tuple[dict[str, Any], int]:
    v = HEADER.unpack(data, offset)
    if v["hlen"] != 6 or v["plen"] != 4:
        raise Malformed(f"arp: hardware/protocol length {v['hlen']}/{v['plen']}, not 6/4")
    return v, HEADER.size


def summary(v: dict[str, Any]) -> str:
    if v["op"] == 1:
        return f"ARP who-has {ipv4_text(v['tpa'])} says {ipv4_text(v['spa'])}"
    if v["op"] == 2:
        return f"ARP {ipv4_text(v['spa'])} is-at {mac_text(v['sha'])}"
    return f"ARP op={v['op']} {ipv4_text(v['spa'])} > {ipv4_text(v['tpa'])}"


def next_layer(v: dict[str, Any], part: Any, prev: Any, offset: int,
               end: int) -> tuple[str | None, int]:
    return None, offset  # what follows an ARP packet is Ethernet padding


def link_dst(v: dict[str, Any], resolver: Any) -> bytes:
    """An auto ether.dst in front: broadcast for a request (RFC 826), else
    the neighbour asked about."""
    return BROADCAST if v["op"] == REQUEST else resolver.neighbour(v["tpa"])


def request_key(v: dict[str, Any], ip: Any, layers: Any) -> tuple | None:
    """A request is answered by a reply from the asked address (RFC 826)."""
    return ("arp", v["spa"], v["tpa"]) if v["op"] == REQUEST else None


def reply_key(v: dict[str, Any], ip: Any, layers: Any) -> tuple | None:
    return ("arp", v["tpa"], v["spa"]) if v["op"] == REPLY else None
