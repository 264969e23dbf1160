"""``--json`` for sniff and read: one JSON object per packet.

Each object holds the packet's timestamp, captured and wire lengths, and
every decoded field by layer (craft.fmt.jsonfields, i.e. the layer modules'
unpack), with values as text the way a profile writes them.
"""

from __future__ import annotations

import json
import socket
import struct
import time
from typing import Any

from craft.fmt.jsonfields import layers_json
from craft.layers.bindings import INNER
from craft.layers.linktype import LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2, first_layer

_SLL = struct.Struct("!HHH8sH")  # v1: packet type, hatype, address length, address, protocol
_SLL2 = struct.Struct("!HHIHBB8s")  # v2: protocol, reserved, ifindex, hatype, packet type, ...
_PKTTYPES = {0: "host", 1: "broadcast", 2: "multicast", 3: "otherhost", 4: "outgoing"}


def cooked_json(linktype: int, data: bytes) -> list[dict[str, Any]] | None:
    """The layers of a Linux cooked (SLL or SLL2) packet, the cooked header
    first (as ``sll``/``sll2``), or None for other link types."""
    if linktype == LINKTYPE_LINUX_SLL2:
        hdr, layer = _SLL2, "sll2"
    elif linktype == LINKTYPE_LINUX_SLL:
        hdr, layer = _SLL, "sll"
    else:
        return None
    if len(data) < hdr.size:
        return [{"layer": layer, "offset": 0, "length": len(data), "fields": {}, "truncated": True}]
    if layer == "sll2":
        proto, _, ifindex, hatype, pkttype, halen, addr = hdr.unpack_from(data)
        try:
            name = socket.if_indextoname(ifindex)
        except OSError:
            name = ""
        fields: dict[str, Any] = {
            "protocol": f"0x{proto:04x}",
            "ifindex": ifindex,
            "interface": name,
        }
    else:
        pkttype, hatype, halen, addr, proto = hdr.unpack_from(data)
        fields = {"protocol": f"0x{proto:04x}"}
    fields |= {
        "hatype": hatype,
        "pkttype": _PKTTYPES.get(pkttype, pkttype),
        "addr": ":".join(f"{b:02x}" for b in addr[: min(halen, 8)]),
    }
    inner = INNER.get(("ether", proto), "raw") if proto > 1500 else "raw"
    rest = layers_json(data[hdr.size :], inner)
    for entry in rest:
        entry["offset"] += hdr.size
    return [{"layer": layer, "offset": 0, "length": hdr.size, "fields": fields}, *rest]


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
            "layers": cooked_json(linktype, data) or layers_json(data, first_layer(linktype, data)),
        }
        return json.dumps(obj, separators=(",", ":"))
