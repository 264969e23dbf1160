"""IPv6 Fragment header — RFC 8200 §4.5: next header, fragment offset in
8-octet units, the M (more fragments) flag and the identification.

Written by hand for a single fragment; the frame-level ``fragment:``
directive of a profile (craft/layers/fragmenting.py) inserts and fills it
for each fragment of a datagram. A fragment whose offset is not zero
carries the middle of a datagram: the decoder reads it as payload.
"""

from __future__ import annotations

from typing import Any

from craft.layers import bindings
from craft.layers.base import ENUM, Field, Header
from craft.layers.bindings import INNER
from craft.layers.context import Context
from craft.layers.ipv6 import NEXT_HEADERS, NO_NEXT_HEADER

NAME = "fragment"
SELECTOR = "nh"
SELECTOR_SPACE = "ipv6"  # its next header takes IPv6's numbers (RFC 8200 §4)
BOUND = (("ipv6", "nh", 44),)

HEADER = Header(NAME, (
    Field("nh", 8, None, ENUM, names=NEXT_HEADERS, computed=True,
          doc="next header of the fragmentable part; computed from the next layer"),
    Field("res1", 8, 0, doc="reserved"),
    Field("offset", 13, 0, doc="fragment offset in 8-octet units"),
    Field("res2", 2, 0, doc="reserved"),
    Field("m", 1, 0, doc="1: more fragments follow"),
    Field("id", 32, 0, doc="identification; 0 as scapy's unset id"),
))

decode = HEADER.decode
layout = HEADER.fixed_layout
_pack = HEADER.pack


def encode(v: dict[str, Any], payload: bytes, ctx: Context) -> tuple[bytes, dict[str, Any]]:
    v = bindings.with_selector(v, NAME, "nh", ctx.inner_name, NO_NEXT_HEADER)
    return _pack(v), v


def next_layer(v: dict[str, Any], part: Any, prev: Any, offset: int,
               end: int) -> tuple[str | None, int]:
    """A later fragment carries no header of the next layer (tcpdump's rule)."""
    if v["offset"]:
        return "payload", end
    return INNER.get((NAME, v["nh"]), "payload"), end


def summary(v: dict[str, Any]) -> str:
    return f"FRAG offset={v['offset'] * 8} m={v['m']} id={v['id']}"
