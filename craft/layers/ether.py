"""Ethernet II — IEEE 802.3 / RFC 894 framing: destination, source, ethertype.

IEEE 802.3 length framing too: a type field below 0x600 (1536) is the length
of an 802.2 LLC frame that follows (llc.py), not an ethertype.

No padding to 60 bytes is added: the NIC pads on the wire (as with scapy and
AF_PACKET). The decoder reports trailing bytes past the IP length as padding.
"""

from __future__ import annotations

from typing import Any

from craft.layers import bindings
from craft.layers.address import mac_text
from craft.layers.base import ENUM, MAC, Field, Header
from craft.layers.bindings import INNER

NAME = "ether"
SELECTOR = "type"
# auto: the sending interface's MAC; the destination from the network layer
# that follows (craft/profile/resolve.py)
AUTO = {"src": "mac", "dst": "link-dst"}
ETHERTYPE_LOOP = 0x9000  # scapy's default type when nothing known follows

ETHERTYPES = {
    "ipv4": 0x0800,  # RFC 894
    "arp": 0x0806,  # RFC 826
    "vlan": 0x8100,  # IEEE 802.1Q
    "qinq": 0x88A8,  # IEEE 802.1ad service tag
    "ipv6": 0x86DD,  # RFC 2464
    "slow": 0x8809,  # IEEE 802.3 annex 57A slow protocols (LACP: lacp.py)
    "lldp": 0x88CC,  # IEEE 802.1AB
    "mpls": 0x8847,  # RFC 3032 (MPLS unicast)
    "teb": 0x6558,  # transparent Ethernet bridging: Ethernet in GRE (RFC 1701) and Geneve
    "pppoed": 0x8863,  # RFC 2516 discovery stage
    "pppoes": 0x8864,  # RFC 2516 session stage
}
# Ethernet inside a tunnel whose protocol field takes ethertypes (gre.py, geneve.py)
BOUND = (("gre", "proto", ETHERTYPES["teb"]), ("geneve", "proto", ETHERTYPES["teb"]))

HEADER = Header(NAME, (
    Field("dst", 48, b"\x02\x00\x00\x00\x00\x02", MAC,
          doc="destination MAC; profiles say auto (resolved before encoding); the table "
              "default is the lab server 02:00:00:00:00:02"),
    Field("src", 48, b"\x02\x00\x00\x00\x00\x01", MAC,
          doc="source MAC; profiles say auto; the table default is the lab client "
              "02:00:00:00:00:01"),
    Field("type", 16, None, ENUM, names=ETHERTYPES, computed=True,
          doc="ethertype; computed from the next layer, 0x9000 when nothing bound "
              "follows (as scapy); before llc the 802.3 length of what follows"),
))

decode = HEADER.decode  # a fixed header: the table's own unpack
layout = HEADER.fixed_layout
_encode_ethertype = bindings.selector_encoder(HEADER, NAME, "type", ETHERTYPE_LOOP)

# IEEE 802.3 §3.2.6: a length/type value below 0x600 is a length. The 802.2
# LLC layer has no ethertype: in front of it the type field is computed as
# the length of everything after this header up to the end of the datagram
# (the trailers, padding, are not counted: the encoder does not pass them),
# and the decoder reads such a value as a length followed by LLC.
LENGTH_LIMIT = 0x600
LLC = "llc"


def encode(v: dict[str, Any], payload: bytes, ctx: Any) -> tuple[bytes, dict[str, Any]]:
    if ctx.inner_name == LLC and v["type"] is None:
        v = dict(v)
        v["type"] = len(payload)
        return HEADER.pack(v), v
    return _encode_ethertype(v, payload, ctx)


def next_layer(v: dict[str, Any], part: Any, prev: Any, offset: int,
               end: int) -> tuple[str | None, int]:
    """The layer the ethertype names; LLC for an 802.3 length, which bounds
    its data (the bytes past it are padding)."""
    t = v["type"]
    if t < LENGTH_LIMIT:
        return LLC, min(end, offset + t)
    return INNER.get((NAME, t), "payload"), end




def summary(v: dict[str, Any]) -> str:
    t = v["type"]
    return f"Ether {mac_text(v['src'])} > {mac_text(v['dst'])} type={_hex(t)}"


def _hex(n: Any) -> str:
    return "auto" if n is None else f"0x{n:04x}"
