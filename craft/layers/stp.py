"""STP / RSTP BPDUs — IEEE 802.1D-2004 §9.3 (configuration, topology change
notification, RST BPDU), carried in 802.2 LLC with DSAP and SSAP 0x42.

What the message carries depends on its ``type`` (``fields_for`` tells the
profile loader, which refuses a field the type does not carry):

    tcn (0x80)       protocol id, version, type: 4 bytes
    config (0x00)    + flags, root id, root path cost, bridge id, port id and
                     the four timers: 35 bytes
    rstp (0x02)      + the version 1 length (0): 36 bytes

Choices where the standard leaves the spelling to us:

- A bridge id (root or bridge) is written as three fields: ``*-priority``
  (the bridge priority, 0..61440 in steps of 4096: the id word's top four
  bits), ``*-sysid`` (the 12-bit system id extension, a VLAN or MST
  instance: 802.1D-2004 §9.2.5) and ``*-mac``. The id word on the wire is
  priority + sysid, so an 802.1D-1998 16-bit priority may be written as the
  priority alone; decoding splits the word at bit 12.
- Timers are in seconds: the field is the whole part of the 8.8 fixed-point
  wire value (1/256 s), ``*-frac`` its fraction in 1/256 s (0 in practice).
- The port role is two bits of the flags byte: its names (``alternate``,
  ``root``, ``designated``; alternate also stands for backup) sit with the
  single-bit flags: ``flags: proposal,designated,learning,forwarding``.
- Defaults as scapy's STP: protocol 0, version 0 (stp), type config, ids
  0 / 00:00:00:00:00:00, message age 1, max age 20, hello 2, forward delay 15.
  MSTP's (version 3) MST configuration after the version 1 length is not
  modelled: it decodes as payload.
"""

from __future__ import annotations

import struct
from typing import Any

from craft.errors import Truncated
from craft.layers.address import mac_text
from craft.layers.base import ENUM, FLAGS, MAC, Field, Header

NAME = "stp"
BOUND = (("llc", "dsap", 0x42),)  # IEEE 802.1D §7.12.3: the bridge spanning tree SAP
LAYOUT_FIELDS = frozenset({"type"})  # it picks the fields after the type
KEY_FIELDS = ("type",)

VERSIONS = {"stp": 0, "rstp": 2, "mstp": 3}
TYPES = {"config": 0x00, "rstp": 0x02, "tcn": 0x80}
TCN, RST = 0x80, 0x02
FLAG_NAMES = {
    "tc": 0x01, "proposal": 0x02,
    # the port role, two bits (802.1D-2004 §9.3.3): 1 alternate/backup, 2 root, 3 designated
    "alternate": 0x04, "root": 0x08, "designated": 0x0C,
    "learning": 0x10, "forwarding": 0x20, "agreement": 0x40, "tca": 0x80,
}
PRIORITY_MASK = 0xF000


def _timer(name: str, seconds: int, what: str) -> tuple[Field, Field]:
    return (
        Field(name, 8, seconds, packed=False,
              doc=f"{what}, seconds (the whole part of the wire value in 1/256 s); "
                  f"{seconds} as scapy"),
        Field(f"{name}-frac", 8, 0, packed=False, doc=f"{name}'s fraction, in 1/256 s"),
    )


def _bridge(who: str, what: str) -> tuple[Field, ...]:
    return (
        Field(f"{who}-priority", 16, 0, packed=False,
              doc=f"{what} bridge priority: 0..61440 in steps of 4096 (the id word's top "
                  "4 bits); the word on the wire is priority + sysid; 0 as scapy"),
        Field(f"{who}-sysid", 12, 0, packed=False,
              doc=f"{what} bridge system id extension (802.1D-2004 §9.2.5: a VLAN or MST "
                  "instance)"),
        Field(f"{who}-mac", 48, bytes(6), MAC, packed=False,
              doc=f"{what} bridge MAC address; 00:00:00:00:00:00 as scapy"),
    )


HEADER = Header(NAME, (
    Field("proto", 16, 0, doc="protocol identifier: 0 (spanning tree)"),
    Field("version", 8, 0, ENUM, names=VERSIONS, doc="protocol version: stp 0, rstp 2, mstp 3"),
    Field("type", 8, 0, ENUM, names=TYPES,
          doc="BPDU type: config (0, as scapy), rstp (2), tcn (0x80: no fields follow)"),
    Field("flags", 8, 0, FLAGS, names=FLAG_NAMES, packed=False,
          doc="tc, proposal, the port role (alternate, root, designated), learning, "
              "forwarding, agreement, tca"),
    *_bridge("root", "the root"),
    Field("path-cost", 32, 0, packed=False, doc="root path cost"),
    *_bridge("bridge", "the sending"),
    Field("port-id", 16, 0, packed=False,
          doc="port identifier: priority (4 bits) and port number (12 bits)"),
    *_timer("message-age", 1, "message age"),
    *_timer("max-age", 20, "max age"),
    *_timer("hello-time", 2, "hello time"),
    *_timer("forward-delay", 15, "forward delay"),
    Field("v1-length", 8, 0, packed=False,
          doc="rstp only: version 1 length, 0 (802.1D-2004 §9.3.3)"),
))

_HEAD = ("proto", "version", "type")
_CONFIG = tuple(f.name for f in HEADER.fields if f.name != "v1-length")
_RST = tuple(f.name for f in HEADER.fields)
_BODY = struct.Struct("!BH6sIH6sH8B")  # flags .. forward delay: 31 bytes
_TIMERS = ("message-age", "max-age", "hello-time", "forward-delay")


def fields_for(v: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    """What the BPDU is and the fields it carries."""
    t = v["type"]
    if t == TCN:
        return "tcn", _HEAD
    if t == RST:
        return "rstp", _RST
    return "config" if t == 0 else f"type {t}", _CONFIG


def encode(v: dict[str, Any], payload: bytes, ctx: Any) -> tuple[bytes, dict[str, Any]]:
    out = HEADER.pack(v)
    carries = fields_for(v)[1]
    if len(carries) > len(_HEAD):
        timers = []
        for t in _TIMERS:
            timers += [v[t] & 0xFF, v[f"{t}-frac"] & 0xFF]
        out += _BODY.pack(
            v["flags"] & 0xFF, _id_word(v, "root"), v["root-mac"], v["path-cost"] & 0xFFFFFFFF,
            _id_word(v, "bridge"), v["bridge-mac"], v["port-id"] & 0xFFFF, *timers)
    if "v1-length" in carries:
        out += bytes([v["v1-length"] & 0xFF])
    return out, v


def _id_word(v: dict[str, Any], who: str) -> int:
    return (v[f"{who}-priority"] + v[f"{who}-sysid"]) & 0xFFFF


def decode(data: bytes, offset: int = 0) -> tuple[dict[str, Any], int]:
    v = HEADER.defaults()
    v.update(HEADER.unpack(data, offset))
    carries = fields_for(v)[1]
    size = 4 + (_BODY.size if len(carries) > len(_HEAD) else 0) + ("v1-length" in carries)
    if len(data) - offset < size:
        raise Truncated(f"stp: {len(data) - offset} of {size} bytes")
    if size > 4:
        (v["flags"], root, v["root-mac"], v["path-cost"], bridge, v["bridge-mac"],
         v["port-id"], *timers) = _BODY.unpack_from(data, offset + 4)
        for who, word in (("root", root), ("bridge", bridge)):
            v[f"{who}-priority"], v[f"{who}-sysid"] = word & PRIORITY_MASK, word & 0x0FFF
        for k, t in enumerate(_TIMERS):
            v[t], v[f"{t}-frac"] = timers[2 * k], timers[2 * k + 1]
    if "v1-length" in carries:
        v["v1-length"] = data[offset + 35]
    return v, size


_LAYOUT = (
    ("flags", 4, 0, 8), ("root-priority", 5, 0, 4), ("root-sysid", 5, 4, 12),
    ("root-mac", 7, 0, 48), ("path-cost", 13, 0, 32), ("bridge-priority", 17, 0, 4),
    ("bridge-sysid", 17, 4, 12), ("bridge-mac", 19, 0, 48), ("port-id", 25, 0, 16),
    *((name, 27 + k, 0, 8) for k, name in enumerate(
        n for t in _TIMERS for n in (t, f"{t}-frac"))),
    ("v1-length", 35, 0, 8),
)


def layout(v: dict[str, Any]) -> list[tuple[str, int, int, int]]:
    carries = set(fields_for(v)[1])
    return [*HEADER.fixed_layout(), *(row for row in _LAYOUT if row[0] in carries)]


def summary(v: dict[str, Any]) -> str:
    kind = fields_for(v)[0]
    if v["type"] == TCN:
        return "STP tcn"
    root = f"{_id_word(v, 'root'):04x}.{mac_text(v['root-mac'])}"
    return f"STP {kind} root={root} cost={v['path-cost']} port=0x{v['port-id']:04x}"
