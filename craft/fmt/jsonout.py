"""``--json`` for sniff and read: one JSON object per packet.

Each object holds the packet's timestamp, captured and wire lengths, and
every decoded field by layer (craft.fmt.jsonfields, i.e. the layer modules'
unpack), with values as text the way a profile writes them.
"""

from __future__ import annotations

import json
import time

from craft.fmt.jsonfields import layers_json

LINKTYPE_ETHERNET, LINKTYPE_RAW, LINKTYPE_IPV4, LINKTYPE_IPV6 = 1, 101, 228, 229


def first_layer(linktype: int, data: bytes) -> str:
    """The layer the frame starts with for a pcap link type."""
    if linktype == LINKTYPE_ETHERNET:
        return "ether"
    if linktype == LINKTYPE_IPV4:
        return "ipv4"
    if linktype == LINKTYPE_IPV6:
        return "ipv6"
    if linktype in (LINKTYPE_RAW, 12) and data:
        return {4: "ipv4", 6: "ipv6"}.get(data[0] >> 4, "raw")
    return "raw"


class JsonPrinter:
    """Same call shape as craft.fmt.tcpdump.Printer.format; counts packets."""

    def __init__(self) -> None:
        self.number = 0

    def format(self, ts_sec: int, ts_nsec: int, data: bytes, wirelen: int, linktype: int) -> str:
        self.number += 1
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ts_sec))
        obj = {
            "number": self.number,
            "timestamp": f"{stamp}.{ts_nsec:09d}Z",
            "epoch": f"{ts_sec}.{ts_nsec:09d}",
            "caplen": len(data),
            "length": wirelen,
            "layers": layers_json(data, first_layer(linktype, data)),
        }
        return json.dumps(obj, separators=(",", ":"))
