"""SNAP — the IEEE 802 SubNetwork Access Protocol header inside LLC (SAP
0xaa): an organization's OUI and a protocol id (PID) that organization
assigns.

With OUI 0 the PID is an ethertype (RFC 1042: IP, ARP... over 802 LANs), so
the PID takes the ethertype numbers of every layer bound to ``ether.type``
(``SELECTOR_SPACE``). Other organizations' PIDs are bound by the layers they
carry (CDP: Cisco's OUI 0x00000c, PID 0x2000); ``OUIS`` says whose OUI such a
layer's PID belongs to. OUI and PID are computed from the next layer.
"""

from __future__ import annotations

import struct
from typing import Any

from craft.errors import Truncated
from craft.layers import bindings
from craft.layers.base import ENUM, Field, Header
from craft.layers.bindings import INNER
from craft.layers.ether import ETHERTYPES

NAME = "snap"
SELECTOR = "pid"
SELECTOR_SPACE = "ether"  # OUI 0: the PID is an ethertype (RFC 1042)
BOUND = (("llc", "dsap", 0xAA),)  # IEEE 802 SNAP SAP
KEY_FIELDS = ("oui", "pid")

OUI_NAMES = {"encap-ether": 0x000000, "cisco": 0x00000C, "cisco-bridged": 0x0000F8}
# layer -> the OUI its PID is assigned under (0: an ethertype)
OUIS = {"cdp": OUI_NAMES["cisco"]}
PIDS = {**ETHERTYPES, "cdp": 0x2000}

HEADER = Header(NAME, (
    Field("oui", 24, None, ENUM, names=OUI_NAMES, computed=True, packed=False,
          doc="organizationally unique identifier; computed from the next layer: 0 "
              "(encap-ether, RFC 1042) for an ethertype, cisco (0x00000c) for cdp"),
    Field("pid", 16, None, ENUM, names=PIDS, computed=True, packed=False,
          doc="protocol id (scapy 'code'); an ethertype under OUI 0; computed from the "
              "next layer, 0 when nothing bound follows (as scapy)"),
))

# the table's packer has no 24-bit word: the OUI is packed as a byte and a short
_PACK = struct.Struct("!BHH")
_LAYOUT = [("oui", 0, 0, 24), ("pid", 3, 0, 16)]


def _pack(v: dict[str, Any]) -> bytes:
    oui = v["oui"] & 0xFFFFFF
    return _PACK.pack(oui >> 16, oui & 0xFFFF, v["pid"] & 0xFFFF)


def decode(data: bytes, offset: int = 0) -> tuple[dict[str, Any], int]:
    if len(data) - offset < _PACK.size:
        raise Truncated(f"snap: {len(data) - offset} of {_PACK.size} header bytes")
    hi, lo, pid = _PACK.unpack_from(data, offset)
    return {"oui": hi << 16 | lo, "pid": pid}, _PACK.size


def layout(v: Any = None) -> list[tuple[str, int, int, int]]:
    return _LAYOUT


def encode(v: dict[str, Any], payload: bytes, ctx: Any) -> tuple[bytes, dict[str, Any]]:
    if v["oui"] is None or v["pid"] is None:
        v = dict(v)
        inner = ctx.inner_name
        if v["oui"] is None:
            v["oui"] = OUIS.get(inner, 0) if inner is not None else 0
        if v["pid"] is None:
            v["pid"] = bindings.number_for(NAME, inner, 0)
    return _pack(v), v


def next_layer(v: dict[str, Any], part: Any, prev: Any, offset: int,
               end: int) -> tuple[str | None, int]:
    """The layer the PID names under this OUI; payload under an OUI that
    did not assign it."""
    inner = INNER.get((NAME, v["pid"]))
    if inner is None or OUIS.get(inner, 0) != v["oui"]:
        return "payload", end
    return inner, end


def summary(v: dict[str, Any]) -> str:
    def hx(n: Any, w: int) -> str:
        return "auto" if n is None else f"0x{n:0{w}x}"
    return f"SNAP oui={hx(v['oui'], 6)} pid={hx(v['pid'], 4)}"
