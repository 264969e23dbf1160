"""MPLS label stack entry — RFC 3032 §2.1 (one entry per layer: a stack is
several ``mpls`` layers), carried after Ethernet or a VLAN tag as ethertype
0x8847, in GRE (RFC 4023 §3) and in IPv4/IPv6 as protocol 137 (RFC 4023 §5).

``s`` (bottom of stack) is computed: 1 for the entry no other ``mpls``
follows, 0 otherwise. The stack does not say what it carries; after the
bottom entry the decoder guesses by the first nibble as tcpdump and scapy
do: 4 is IPv4, 6 is IPv6, anything else payload (RFC 3032 §2.2 leaves it to
the label's binding).
"""

from __future__ import annotations

from typing import Any

from craft.layers import bindings
from craft.layers.base import Field, Header
from craft.layers.context import Context
from craft.layers.ether import ETHERTYPES

NAME = "mpls"
BOUND = (("ether", "type", ETHERTYPES["mpls"]), ("vlan", "type", ETHERTYPES["mpls"]),
         *bindings.in_ip(137))
# s is computed from the layers that follow, but any value is right on the wire
# (a decoder reads past it as it says): explain and the audit do not judge it
CHOSEN = frozenset({"s"})
KEY_FIELDS = ("label",)  # written by craft import even at their default

HEADER = Header(NAME, (
    Field("label", 20, 3, doc="label value; 3 (implicit null) as scapy"),
    Field("tc", 3, 0, doc="traffic class (RFC 5462; was EXP, scapy 'cos')"),
    Field("s", 1, None, computed=True,
          doc="bottom of stack: computed 1 when no mpls layer follows, else 0"),
    Field("ttl", 8, 0, doc="time to live; 0 as scapy"),
))

_pack = HEADER.pack
decode = HEADER.decode  # a fixed header: the table's own unpack
layout = HEADER.fixed_layout
_FIRST_NIBBLE = {4: "ipv4", 6: "ipv6"}


def encode(v: dict[str, Any], payload: bytes, ctx: Context) -> tuple[bytes, dict[str, Any]]:
    if v["s"] is None:
        v = dict(v)
        v["s"] = 0 if ctx.inner_name == NAME else 1
    return _pack(v), v


def next_layer(v: dict[str, Any], part: Any, prev: Any, offset: int,
               end: int) -> tuple[Any, int]:
    """Another entry until the bottom of the stack; then a guess from the
    bytes that follow (the decoder calls ``guess_inner`` with them)."""
    if not v["s"]:
        return NAME, end
    return guess_inner, end


def guess_inner(data: bytes, offset: int) -> str:
    """IPv4 or IPv6 by the first nibble after the bottom entry (tcpdump's
    print-mpls.c and scapy guess so), else payload."""
    if offset >= len(data):
        return "payload"
    return _FIRST_NIBBLE.get(data[offset] >> 4, "payload")


def summary(v: dict[str, Any]) -> str:
    s = "auto" if v["s"] is None else v["s"]
    return f"MPLS label={v['label']} tc={v['tc']} s={s} ttl={v['ttl']}"
