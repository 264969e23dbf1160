"""IEEE 802.1Q VLAN tag (stackable): the tag control information and the
ethertype that follows it. The 0x8100 / 0x88a8 tag protocol identifier is the
outer layer's type field (bindings.py)."""

from __future__ import annotations

from typing import Any

from craft.layers import bindings
from craft.layers.base import ENUM, Field, Header
from craft.layers.ether import ETHERTYPES

NAME = "vlan"
SELECTOR = "type"
TAG = True  # a tag inside the link header: auto ether.dst looks past it
# 802.1Q tags after Ethernet (and 802.1ad's service tag), stacked tags (QinQ)
BOUND = (("ether", "type", ETHERTYPES["vlan"]), ("ether", "type", ETHERTYPES["qinq"]),
         ("vlan", "type", ETHERTYPES["vlan"]))

HEADER = Header(NAME, (
    Field("pcp", 3, 0, doc="priority code point (802.1Q; scapy 'prio')"),
    Field("dei", 1, 0, doc="drop eligible indicator (was CFI)"),
    Field("vid", 12, 1, doc="VLAN identifier (scapy 'vlan'); default 1 as scapy"),
    Field("type", 16, None, ENUM, names=ETHERTYPES, computed=True,
          doc="ethertype of what follows; computed from the next layer, 0 when nothing "
              "bound follows (as scapy)"),
))

decode = HEADER.decode  # a fixed header: the table's own unpack
layout = HEADER.fixed_layout
encode = bindings.selector_encoder(HEADER, NAME, "type", 0)




def summary(v: dict[str, Any]) -> str:
    t = v["type"]
    return f"802.1Q vlan={v['vid']} prio={v['pcp']} type={'auto' if t is None else f'0x{t:04x}'}"
