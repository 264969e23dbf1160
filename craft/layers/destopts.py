"""IPv6 Destination Options header — RFC 8200 §4.6: options for the
destination (before a routing header: for each node it lists). A home
address option (RFC 6275 §6.3) stands for the source in the transport
checksum's pseudo-header when it is the header's only named option, as
scapy's in6_chksum does.

Options, their alignment and the padding to 8 octets: craft/layers/ip6opts.py.
"""

from __future__ import annotations

from typing import Any

from craft.layers import ip6opts
from craft.layers.base import Header
from craft.layers.ip6opts import MAX_OPTIONS, OPTION_VALUES, options_bytes

NAME = "dest-opts"
SELECTOR = "nh"
SELECTOR_SPACE = "ipv6"  # its next header takes IPv6's numbers (RFC 8200 §4)
BOUND = (("ipv6", "nh", 60),)

HEADER = Header(NAME, ip6opts.fields(NAME))

__all__ = ["MAX_OPTIONS", "OPTION_VALUES", "options_bytes"]
encode, decode = ip6opts.codec(NAME, HEADER)
layout = ip6opts.layout


def pseudo_override(v: dict[str, Any]) -> dict[str, bytes]:
    """The home address as the pseudo-header's source (RFC 6275 §6.3)."""
    opts = v["options"]
    if isinstance(opts, tuple) and len(opts) == 1 and opts[0][0] == "home-address":
        return {"src": opts[0][1]}
    return {}


def summary(v: dict[str, Any]) -> str:
    return f"DSTOPT {ip6opts.options_summary(v)}"
