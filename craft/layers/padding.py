"""Bytes after the IP datagram: an Ethernet trailer, the zeros a short frame
is padded with to 60 bytes, or anything a test puts there (profile: text,
hex, file, or size with fill, as for payload).

``TRAILER = True`` is how craft knows a layer lies outside the datagram:
the struct encoder packs the layers in front of the first trailer alone
(so no length — ``ipv4.len``, ``ipv6.plen``, ``udp.len`` — counts it, no
checksum covers it, and the layer in front of it sees no next layer, as at
the end of a frame) and appends the trailers' bytes after them; the scapy
encoder maps it onto scapy's ``Padding``, which scapy keeps out of lengths
and checksums the same way; the patcher's checksum spans stop at it. A
trailer is the last layer of a frame (the profile loader says so).

The decoder names the captured bytes past the outermost IP/UDP length (or
after an ARP packet) a ``padding`` part: this layer, so ``craft import``
writes a frame with a trailer back as one.
"""

from __future__ import annotations

from typing import Any

from craft.layers.base import BYTES, Field, Header
from craft.layers.payload import decode, encode, layout

NAME = "padding"
TAKES_REST = True  # the decoder stops here
TRAILER = True  # outside the datagram: no length or checksum covers it

HEADER = Header(NAME, (
    Field("data", 0, b"", BYTES, doc="the bytes after the datagram"),
))

__all__ = ["HEADER", "NAME", "TAKES_REST", "TRAILER", "decode", "encode", "layout", "summary"]


def summary(v: dict[str, Any]) -> str:
    return f"Padding {len(v['data'])} bytes"
