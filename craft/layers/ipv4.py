"""IPv4 — RFC 791 (header), RFC 1071 (checksum)."""

from __future__ import annotations

from typing import Any

from craft.layers import bindings
from craft.layers.base import (
    BYTES,
    ENUM,
    FLAGS,
    IPV4,
    Field,
    Header,
    Truncated,
    inet_checksum,
    ipv4_text,
)
from craft.layers.context import Context

NAME = "ipv4"

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
    Field("options", 0, b"", BYTES,
          doc="options as bytes (hex in profiles), padded with EOL (0) to 4 bytes as scapy"),
))

_size = HEADER.size
_pack = HEADER.pack
_unpack = HEADER.unpack


def encode(v: dict[str, Any], payload: bytes, ctx: Context) -> tuple[bytes, dict[str, Any]]:
    v = dict(v)
    opts = v["options"] or b""
    if len(opts) % 4:
        opts = bytes(opts) + b"\0" * (-len(opts) % 4)
    hlen = _size + len(opts)
    if v["ihl"] is None:
        v["ihl"] = hlen >> 2
    if v["len"] is None:
        v["len"] = hlen + len(payload)
    if v["proto"] is None:
        v["proto"] = bindings.number_for(NAME, ctx.inner_name, 0)
    if v["checksum"] is None:
        v["checksum"] = 0
        v["checksum"] = inet_checksum(_pack(v) + opts)
    return _pack(v) + opts, v


def decode(data: bytes, offset: int = 0) -> tuple[dict[str, Any], int]:
    """An IHL below 5 still decodes the 20 fixed bytes (the decoder flags it)."""
    v = _unpack(data, offset)
    hlen = v["ihl"] * 4
    if hlen > _size:
        if len(data) - offset < hlen:
            raise Truncated(f"ipv4: {len(data) - offset} of {hlen} header bytes")
        v["options"] = data[offset + _size:offset + hlen]
        return v, hlen
    v["options"] = b""
    return v, _size


_LAYOUT = HEADER.byte_layout()


def layout(v: dict[str, Any]) -> list[tuple[str, int, int, int]]:
    opts = v.get("options") or b""
    if not opts:
        return _LAYOUT
    return [*_LAYOUT, ("options", _size, 0, 8 * (len(opts) + (-len(opts) % 4)))]


def summary(v: dict[str, Any]) -> str:
    proto = v["proto"]
    word = next((w for w, n in PROTOCOLS.items() if n == proto), proto)
    return f"IP {ipv4_text(v['src'])} > {ipv4_text(v['dst'])} {word} ttl={v['ttl']}"
