"""VXLAN — RFC 7348 §5: an 8-byte header in UDP (destination port 4789)
in front of an Ethernet frame.

    flags(8: R R R R I R R R) | reserved1(24) | VNI(24) | reserved2(8)

The I flag (0x08, "valid VNI") must be set and is the default, as scapy's
field default (scapy's VXLAN in front of Ether sets the VXLAN-GPE P bit too,
0x0c, and a next protocol in reserved1; craft sends RFC 7348's 0x08).
What follows is always Ethernet (RFC 7348 §5); the G (group policy) and P
(VXLAN-GPE next protocol) bits of later drafts are sent as given, and their
fields are part of ``reserved1``.
"""

from __future__ import annotations

from typing import Any

from craft.layers import bindings
from craft.layers.base import FLAGS, Field, Header

NAME = "vxlan"
PORT = 4789  # IANA, RFC 7348 §5
BOUND = bindings.on_port(PORT)
KEY_FIELDS = ("vni",)  # written by craft import even at their default
I_FLAG = 0x08

HEADER = Header(NAME, (
    Field("flags", 8, I_FLAG, FLAGS, names={"I": I_FLAG},
          doc="flags: I (0x08, the VNI is valid) as scapy; the other bits reserved"),
    Field("reserved1", 24, 0, doc="reserved, 0"),
    Field("vni", 24, 0, doc="VXLAN network identifier; 0 as scapy"),
    Field("reserved2", 8, 0, doc="reserved, 0"),
))

decode = HEADER.decode  # a fixed header: the table's own unpack
layout = HEADER.fixed_layout
_pack = HEADER.pack


def encode(v: dict[str, Any], payload: bytes, ctx: Any) -> tuple[bytes, dict[str, Any]]:
    return _pack(v), v


def next_layer(v: dict[str, Any], part: Any, prev: Any, offset: int,
               end: int) -> tuple[str | None, int]:
    """An Ethernet frame follows (RFC 7348 §5)."""
    return "ether", end


def summary(v: dict[str, Any]) -> str:
    return f"VXLAN vni={v['vni']} flags={v['flags']:#04x}"
