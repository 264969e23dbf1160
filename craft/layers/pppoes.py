"""PPPoE session stage — RFC 2516 §6 (ethertype 0x8864): the 6-byte
header in front of a PPP frame (the ``ppp`` layer).

The fields are scapy's ``PPPoE`` (version, type, code, sessionid, len).
``code`` is 0 in the session stage (RFC 2516 §6) and is the selector:
code 0 is followed by PPP (scapy's ``bind_layers(PPPoE, PPP, code=0)``).
``len`` counts the PPP frame (protocol field included) and bounds it when
decoding; the rest of the frame is padding. ``sessionid`` defaults to 0 as
scapy's; a real session's is the one the PADS gave.
"""

from __future__ import annotations

from typing import Any

from craft.layers import bindings
from craft.layers.base import ENUM, Field
from craft.layers.context import Context
from craft.layers.ether import ETHERTYPES
from craft.layers.pppoed import head

NAME = "pppoes"
SELECTOR = "code"  # code 0: PPP follows (the ppp layer's BOUND row)
BOUND = (("ether", "type", ETHERTYPES["pppoes"]), ("vlan", "type", ETHERTYPES["pppoes"]))

HEADER = head(NAME, Field("code", 8, 0, ENUM, names={"session": 0},
                          doc="0 (session) in the session stage (RFC 2516 §6)"))
_size = HEADER.size  # 6
_pack = HEADER.pack

decode = HEADER.decode  # a fixed header: the table's own unpack
layout = HEADER.fixed_layout


def encode(v: dict[str, Any], payload: bytes, ctx: Context) -> tuple[bytes, dict[str, Any]]:
    """The header; ``len`` counts the PPP frame that follows."""
    if v["len"] is None:
        v = dict(v)
        v["len"] = len(payload)
    return _pack(v), v


def next_layer(v: dict[str, Any], part: Any, prev: Any, offset: int,
               end: int) -> tuple[str | None, int]:
    """``len`` bounds the PPP frame (the rest is padding); code 0 is PPP."""
    bound = offset + v["len"]
    if bound > end:
        part.truncated = True
        part.error = f"truncated-pppoe - {bound - end} bytes missing"
    else:
        end = bound
    return bindings.INNER.get((NAME, v["code"]), "payload"), end


def summary(v: dict[str, Any]) -> str:
    n = "auto" if v["len"] is None else v["len"]
    return f"PPPoE session 0x{v['sessionid']:04x} code={v['code']} len={n}"
