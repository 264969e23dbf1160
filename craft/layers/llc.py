"""IEEE 802.2 LLC — the logical link control header after an 802.3 length:
destination and source service access points (DSAP, SSAP) and the control
field.

Only the one-byte control of unnumbered (U-format) frames is modelled, the
connectionless service (type 1) every user of LLC on a LAN takes: UI (3) as
the default, where scapy's default is 0. Information and supervisory frames
(connection-mode LLC, a two-byte control) are not: their second control byte
is the first byte of what follows.

DSAP and SSAP are computed from the next layer (STP 0x42, SNAP 0xaa, as
scapy binds them), 0 (the null SAP, scapy's default) when nothing bound
follows. The ether layer in front carries the 802.3 length (ether.py).
"""

from __future__ import annotations

from typing import Any

from craft.layers import bindings
from craft.layers.base import ENUM, Field, Header

NAME = "llc"
SELECTOR = "dsap"
KEY_FIELDS = ("dsap", "ssap")
# the SSAP is the sender's own: computed as the DSAP, but any value is right
# (read by craft.encode.audit: explain, craft check)
CHOSEN = frozenset({"ssap"})

# IEEE 802 SAP assignments (tcpdump's llc.h names them the same)
SAPS = {
    "null-sap": 0x00,  # not "null": YAML reads that as no value
    "llc-sublayer": 0x02,
    "sna": 0x04,
    "ip": 0x06,
    "proway-lan": 0x0E,
    "stp": 0x42,
    "rs511": 0x4E,
    "iso8208": 0x7E,
    "proway": 0x8E,
    "snap": 0xAA,
    "ipx": 0xE0,
    "netbeui": 0xF0,
    "isonet": 0xFE,
    "global": 0xFF,
}
CONTROLS = {"ui": 0x03, "xid": 0xAF, "test": 0xE3}  # U-format commands (802.2 §5.4.1)

HEADER = Header(NAME, (
    Field("dsap", 8, None, ENUM, names=SAPS, computed=True,
          doc="destination service access point (the I/G bit is its lowest); computed "
              "from the next layer (stp 0x42, snap 0xaa), 0 when nothing bound follows"),
    Field("ssap", 8, None, ENUM, names=SAPS, computed=True,
          doc="source service access point (the C/R bit is its lowest: 1 in a response); "
              "computed as dsap when not given"),
    Field("control", 8, CONTROLS["ui"], ENUM, names=CONTROLS,
          doc="control of an unnumbered frame: ui (3, the default; scapy: 0), xid, test; "
              "the poll/final bit is 0x10"),
))

decode = HEADER.decode  # a fixed header: the table's own unpack
layout = HEADER.fixed_layout


def encode(v: dict[str, Any], payload: bytes, ctx: Any) -> tuple[bytes, dict[str, Any]]:
    if v["dsap"] is None or v["ssap"] is None:
        v = dict(v)
        if v["dsap"] is None:
            v["dsap"] = bindings.number_for(NAME, ctx.inner_name, 0)
        if v["ssap"] is None:
            v["ssap"] = v["dsap"]
    return HEADER.pack(v), v


def summary(v: dict[str, Any]) -> str:
    def sap(n: Any) -> str:
        return "auto" if n is None else f"0x{n:02x}"
    return f"LLC dsap={sap(v['dsap'])} ssap={sap(v['ssap'])} ctrl=0x{v['control']:02x}"

