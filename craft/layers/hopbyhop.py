"""IPv6 Hop-by-Hop Options header — RFC 8200 §4.3: options every node on
the path examines (router alert, RFC 2711; jumbo payload, RFC 2675).

Options, their alignment and the padding to 8 octets: craft/layers/ip6opts.py.
"""

from __future__ import annotations

from typing import Any

from craft.layers import ip6opts
from craft.layers.base import Header
from craft.layers.ip6opts import MAX_OPTIONS, OPTION_VALUES, options_bytes

NAME = "hop-by-hop"
SELECTOR = "nh"
SELECTOR_SPACE = "ipv6"  # its next header takes IPv6's numbers (RFC 8200 §4)
BOUND = (("ipv6", "nh", 0),)  # only right after the IPv6 header (RFC 8200 §4.3)

HEADER = Header(NAME, ip6opts.fields(NAME))

__all__ = ["MAX_OPTIONS", "OPTION_VALUES", "options_bytes"]
encode, decode = ip6opts.codec(NAME, HEADER)
layout = ip6opts.layout


def summary(v: dict[str, Any]) -> str:
    return f"HBH {ip6opts.options_summary(v)}"
