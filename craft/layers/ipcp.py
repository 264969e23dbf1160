"""IPCP, the PPP IP control protocol — RFC 1332 (PPP protocol 0x8021);
scapy's ``PPP_IPCP``.

The packet format is LCP's (RFC 1661 §5) with codes 1 through 7 only:
configure-request/-ack/-nak/-reject carry options, terminate-request/-ack
and code-reject data (pppcp.py has the table by code).

Options (``OPTION_VALUES``; scapy's ``_PPP_ipcpopttypes`` and tcpdump's
print-ppp.c words, in lower case):

    ip-addresses (1)             {source: A, destination: B} (RFC 1172, deprecated)
    ip-compression-protocol (2)  {protocol: vj|iphc|N, data: hex}; VJ's data is
                                 max-slot-id and comp-slot-id (RFC 1332 §4)
    ip-address (3)               an IPv4 address; 0.0.0.0 asks the peer for one
    mobile-ipv4 (4)              the home address (RFC 2290)
    primary-dns (129), primary-nbns (130),
    secondary-dns (131), secondary-nbns (132)   an IPv4 address (RFC 1877)

``code`` defaults to configure-request, as scapy's.
"""

from __future__ import annotations

from typing import Any

from craft.layers import pppcp
from craft.layers.base import BYTES, ENUM, IPV4, Field, Header
from craft.layers.ppp import PROTOCOLS

NAME = "ipcp"
BOUND = (("ppp", "proto", PROTOCOLS["ipcp"]),)
LAYOUT_FIELDS = frozenset({"code"})  # it picks the fields after the length
KEY_FIELDS = ("code",)  # written by craft import even at their default

ADDRESSES = (
    Field("source", 32, bytes(4), IPV4, doc="the sender's address"),
    Field("destination", 32, bytes(4), IPV4, doc="the peer's address"),
)
COMPRESSION = (
    Field("protocol", 16, 0x002D, ENUM, names={"vj": 0x002D, "iphc": 0x0061},
          doc="compression protocol: vj (0x002d, Van Jacobson) or iphc (0x0061, RFC 2509)"),
    Field("data", 0, b"\x0f\x01", BYTES,
          doc="the protocol's data, hex; 0f01 (VJ: 16 slots, slot id compressed)"),
)
# name -> (form, bits or sub-field table): what a profile writes (profile/options.py)
OPTION_VALUES: dict[str, tuple[str, Any]] = {
    "ip-addresses": ("fields", ADDRESSES),
    "ip-compression-protocol": ("fields", COMPRESSION),
    "ip-address": ("addr", 32),
    "mobile-ipv4": ("addr", 32),
    "primary-dns": ("addr", 32),
    "primary-nbns": ("addr", 32),
    "secondary-dns": ("addr", 32),
    "secondary-nbns": ("addr", 32),
}
OPTION_TYPES = {"ip-addresses": 1, "ip-compression-protocol": 2, "ip-address": 3,
                "mobile-ipv4": 4, "primary-dns": 129, "primary-nbns": 130,
                "secondary-dns": 131, "secondary-nbns": 132}

HEADER = Header(NAME, pppcp.fields(
    pppcp.NCP_CODES,
    "ip-addresses, ip-compression-protocol, ip-address, mobile-ipv4, primary-dns, "
    "primary-nbns, secondary-dns, secondary-nbns",
))

_CP = pppcp.Control(HEADER, "IPCP", OPTION_TYPES, OPTION_VALUES)
(encode, decode, layout, row, fields_for, next_layer, summary, options_bytes,
 parse_options) = _CP.contract()
