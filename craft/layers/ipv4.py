"""IPv4 — RFC 791 (header), RFC 1071 (checksum); options by name in
craft/layers/ip4opts.py (record route, timestamp, source routes, router
alert, security, end/nop) or hex."""

from __future__ import annotations

import struct
from typing import Any

from craft.layers import bindings, ip4opts
from craft.layers.address import ipv4_text
from craft.layers.base import (
    ENUM,
    FLAGS,
    IPV4,
    OPTIONS,
    Checksum,
    Field,
    Header,
    inet_checksum,
    value_text,
)
from craft.layers.context import Context
from craft.layers.ether import ETHERTYPES

NAME = "ipv4"
SELECTOR = "proto"
# after Ethernet or a VLAN tag (RFC 894), in IPv4 or IPv6 (RFC 2003, RFC 2473), in PPP
# (RFC 1332)
BOUND = (("ether", "type", ETHERTYPES["ipv4"]), ("vlan", "type", ETHERTYPES["ipv4"]),
         ("ipv4", "proto", 4), ("ipv6", "nh", 4), ("ppp", "proto", 0x0021))
CHECKSUM = Checksum(header_only=True)  # RFC 791 §3.1: the header only
AUTO = {"src": "ipv4"}  # this host's own address
LINK_DST_INPUTS = ("dst",)  # what an auto ether.dst in front reads
LAYOUT_FIELDS = frozenset({"ihl"})  # fields that move what follows them
MAX_OPTIONS = 40  # ihl is 4 bits: 60 - 20 header bytes
OPTION_VALUES = ip4opts.OPTION_VALUES  # the options a profile may name
options_bytes = ip4opts.options_bytes
BROADCAST_MAC = b"\xff" * 6

PROTOCOLS = {  # IANA "Assigned Internet Protocol Numbers"
    "hopopt": 0,
    "icmp": 1,  # RFC 792
    "igmp": 2,
    "ipv4": 4,  # IP in IP, RFC 2003
    "tcp": 6,  # RFC 9293
    "udp": 17,  # RFC 768
    "ipv6": 41,  # RFC 2473
    "gre": 47,
    "esp": 50,
    "ah": 51,
    "icmpv6": 58,  # RFC 4443
    "no-next": 59,
    "ospf": 89,  # RFC 2328
    "sctp": 132,
}

# RFC 791 §3.1 control flags, bit value within the 3-bit field; "evil" is the
# reserved bit (RFC 3514, scapy's word).
IP_FLAGS = {"evil": 4, "DF": 2, "MF": 1}

HEADER = Header(NAME, (
    Field("version", 4, 4, doc="4"),
    Field("ihl", 4, None, computed=True,
          doc="header length in 32-bit words; computed as 5 + len(options)/4"),
    Field("tos", 8, 0, doc="type of service / DSCP+ECN"),
    Field("len", 16, None, computed=True, doc="total length: header + data"),
    Field("id", 16, 1, doc="identification; 1 as scapy"),
    Field("flags", 3, 0, FLAGS, names=IP_FLAGS,
          doc="DF, MF (and evil, the reserved bit) as a word, list or number"),
    Field("frag", 13, 0, doc="fragment offset in 8-byte units"),
    Field("ttl", 8, 64, doc="time to live"),
    Field("proto", 8, None, ENUM, names=PROTOCOLS, computed=True,
          doc="protocol of the next layer; computed from it, 0 when nothing bound "
              "follows (as scapy)"),
    Field("checksum", 16, None, computed=True, doc="header checksum (RFC 1071)"),
    Field("src", 32, b"\xc0\x00\x02\x01", IPV4,
          doc="source; auto in profiles; table default the lab client 192.0.2.1"),
    Field("dst", 32, b"\xc0\x00\x02\x02", IPV4,
          doc="destination; default the lab server 192.0.2.2 (scapy: 127.0.0.1)"),
    Field("options", 0, (), OPTIONS,
          doc="eol, nop, record-route, lsrr, ssrr, timestamp, router-alert, security (in "
              "order) or hex; lengths computed, padded with EOL (0) to 4 bytes as scapy"),
))

_size = HEADER.size
_pack = HEADER.pack


def encode(v: dict[str, Any], payload: bytes, ctx: Context) -> tuple[bytes, dict[str, Any]]:
    v, opts = HEADER.with_options(v, "ihl", options_bytes)
    if v["len"] is None:
        v["len"] = _size + len(opts) + len(payload)
    if v["proto"] is None:
        v["proto"] = bindings.number_for(NAME, ctx.inner_name, 0)
    if v["checksum"] is None:
        v["checksum"] = 0
        v["checksum"] = inet_checksum(_pack(v) + opts)
    return _pack(v) + opts, v


def decode(data: bytes, offset: int = 0) -> tuple[dict[str, Any], int]:
    """An IHL below 5 still decodes the 20 fixed bytes (the decoder flags it)."""
    return HEADER.decode_options(data, offset, "ihl", ip4opts.parse_options)


def layout(v: dict[str, Any]) -> list[tuple[str, int, int, int]]:
    return HEADER.options_layout(v, options_bytes)


def summary(v: dict[str, Any]) -> str:
    word = value_text(HEADER.by_name["proto"], v["proto"])
    return f"IP {ipv4_text(v['src'])} > {ipv4_text(v['dst'])} {word} ttl={v['ttl']}"


_PSEUDO = struct.Struct("!4s4sBBH").pack


def pseudo_header(v: dict[str, Any], proto: int, length: int) -> bytes:
    """The pseudo-header of transport checksums (RFC 768, RFC 9293 §3.1):
    source, destination, zero, protocol, length. With a named loose or
    strict source route the destination is the route's last address, the
    final one (RFC 1122 §3.3.5), as scapy's in4_chksum takes it."""
    opts = v["options"]
    if opts and not isinstance(opts, bytes | bytearray):
        routes = [a for name, a in opts if name in ("lsrr", "ssrr")]
        if len(routes) == 1 and routes[0]:  # more than one: no final destination to take
            return _PSEUDO(v["src"], routes[0][-1], 0, proto, length)
    return _PSEUDO(v["src"], v["dst"], 0, proto, length)


def next_layer(v: dict[str, Any], part: Any, prev: Any, offset: int,
               end: int) -> tuple[str | None, int]:
    """The total length bounds what follows (the rest is padding); a later
    fragment carries no transport header (tcpdump's rule)."""
    if v["ihl"] < 5:
        part.error = f"bad-hlen {v['ihl'] * 4}"
        return "payload", end
    total = v["len"]
    if total < part.length:
        part.error = f"bad-len {total}"
        return "payload", end
    bound = part.offset + total
    if bound > end:
        part.truncated = True
        part.error = f"truncated-ip - {bound - end} bytes missing"
    else:
        end = bound
    if v["frag"]:
        return "payload", end
    return bindings.INNER.get((NAME, v["proto"]), "payload"), end


def link_dst(v: dict[str, Any], resolver: Any) -> bytes:
    """An auto ether.dst in front: broadcast for 255.255.255.255, 01:00:5e
    and the low 23 bits of a 224.0.0.0/4 group (RFC 1112 §6.4), else the
    neighbour's MAC."""
    return multicast_mac(v["dst"]) or resolver.neighbour(v["dst"])


def multicast_mac(dst: bytes) -> bytes | None:
    if dst == b"\xff\xff\xff\xff":
        return BROADCAST_MAC
    if dst[0] >> 4 == 0xE:
        return b"\x01\x00\x5e" + bytes([dst[1] & 0x7F]) + dst[2:]
    return None


def trafgen_checksum(enc: Any, ip: Any) -> tuple[int, str] | None:
    """trafgen's function for this checksum (craft export): (offset, call)."""
    return enc.offset + 10, f"csumip({enc.offset}, {enc.offset + len(enc.header) - 1})"
