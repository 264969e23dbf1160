"""PPP — RFC 1661 §2: the 16-bit protocol field in front of a PPP
packet, as carried in a PPPoE session (RFC 2516 §6: no address and
control bytes, no flag or FCS). scapy's ``PPP``.

``proto`` is the selector, computed from the next layer: ipv4 0x0021
(RFC 1332), ipv6 0x0057 (RFC 5072), lcp 0xc021 (RFC 1661), ipcp 0x8021
(RFC 1332); 0x0021 when nothing bound follows, scapy's default. The field
is always two bytes (protocol-field compression, RFC 1661 §6.5, is not
built).
"""

from __future__ import annotations

from typing import Any

from craft.layers import bindings
from craft.layers.base import ENUM, Field, Header, value_text

NAME = "ppp"
SELECTOR = "proto"
BOUND = (("pppoes", "code", 0),)  # RFC 2516 §6: the session stage carries PPP
IPV4 = 0x0021  # scapy's default protocol

# assigned PPP DLL protocol numbers (RFC 1661 §2, IANA "PPP DLL Protocol Numbers")
PROTOCOLS = {
    "ipv4": 0x0021,  # RFC 1332
    "ipv6": 0x0057,  # RFC 5072
    "mpls": 0x0281,  # RFC 3032
    "ipcp": 0x8021,  # RFC 1332
    "ipv6cp": 0x8057,  # RFC 5072
    "ccp": 0x80FD,  # RFC 1962
    "lcp": 0xC021,  # RFC 1661
    "pap": 0xC023,  # RFC 1334
    "lqr": 0xC025,  # RFC 1989
    "chap": 0xC223,  # RFC 1994
    "eap": 0xC227,  # RFC 3748
}

HEADER = Header(NAME, (
    Field("proto", 16, None, ENUM, names=PROTOCOLS, computed=True,
          doc="protocol of the PPP packet; computed from the next layer (ipv4, ipv6, lcp, "
              "ipcp), 0x0021 when nothing bound follows (as scapy)"),
))

decode = HEADER.decode  # a fixed header: the table's own unpack
layout = HEADER.fixed_layout
encode = bindings.selector_encoder(HEADER, NAME, "proto", IPV4)


def summary(v: dict[str, Any]) -> str:
    p = v["proto"]
    return "PPP proto=auto" if p is None else \
        f"PPP proto={value_text(HEADER.by_name['proto'], p)} (0x{p:04x})"
