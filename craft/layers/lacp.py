"""LACP — IEEE 802.1AX-2008 §5.4.2 (Link Aggregation Control Protocol, was
802.3ad): the LACPDU, carried as slow protocol subtype 1 (IEEE 802.3 annex
57A) in Ethernet type 0x8809, sent to the slow protocols group
01:80:c2:00:00:02 (``ether.dst: auto`` gives it).

One fixed 110-byte layout: the slow protocols subtype, the version, the
Actor and Partner Information TLVs (type 1 and 2, length 20: system
priority, system MAC, key, port priority, port, state, 3 reserved bytes),
the Collector Information TLV (type 3, length 16: max delay, 12 reserved
bytes), the Terminator TLV (type 0, length 0) and 50 reserved bytes. Field
names are scapy's (``scapy.contrib.lacp``).

Choices: every TLV type and length is computed, as 802.1AX fixes them (a
given value is sent as given); ``subtype`` is part of this layer (scapy:
a SlowProtocol layer in front); decoding refuses another subtype (Marker,
OAM); the reserved fields are bytes, sent zero-padded or cut to their size.
Defaults as scapy (zeros, version 1) but the actor's system MAC, which is
the lab client 02:00:00:00:00:01 (``auto``: this host's MAC; scapy: zeros).
"""

from __future__ import annotations

import struct
from typing import Any

from craft.errors import Truncated
from craft.layers.address import mac_text
from craft.layers.base import BYTES, ENUM, FLAGS, MAC, Field, Header, Malformed, flags_text
from craft.layers.ether import ETHERTYPES

NAME = "lacp"
BOUND = (("ether", "type", ETHERTYPES["slow"]),)
SLOW_PROTOCOLS = bytes.fromhex("0180c2000002")  # 802.3 annex 57A.3
LINK_DST_INPUTS: tuple[str, ...] = ()  # an auto ether.dst in front is always the group
AUTO = {"actor_system": "mac"}  # auto: the sending interface's MAC
SUBTYPE = 1  # slow protocols subtype of LACP

# 802.1AX §5.4.2.2 item k: the state bits, least significant first
STATE = {"activity": 1, "timeout": 2, "aggregation": 4, "synchronization": 8,
         "collecting": 16, "distributing": 32, "defaulted": 64, "expired": 128}
_STATE_DOC = ("activity (active LACP), timeout (short), aggregation (aggregatable), "
              "synchronization, collecting, distributing, defaulted, expired")


def _info(who: str, kind: int, system: bytes, system_doc: str) -> tuple[Field, ...]:
    return (
        Field(f"{who}_type", 8, None, computed=True,
              doc=f"{who.capitalize()} Information TLV type; computed: {kind}"),
        Field(f"{who}_length", 8, None, computed=True,
              doc=f"{who.capitalize()} Information TLV length; computed: 20"),
        Field(f"{who}_system_priority", 16, 0, doc="system priority; 0 as scapy"),
        Field(f"{who}_system", 48, system, MAC, doc=system_doc),
        Field(f"{who}_key", 16, 0, doc="operational key; 0 as scapy"),
        Field(f"{who}_port_priority", 16, 0, doc="port priority; 0 as scapy"),
        Field(f"{who}_port_number", 16, 0, doc="port number; 0 as scapy"),
        Field(f"{who}_state", 8, 0, FLAGS, names=STATE,
              doc=f"state flags: {_STATE_DOC}; none as scapy"),
        Field(f"{who}_reserved", 24, b"\0" * 3, BYTES, packed=False,
              doc="3 reserved bytes as hex; zeros"),
    )


HEADER = Header(NAME, (
    Field("subtype", 8, SUBTYPE, ENUM, names={"lacp": SUBTYPE},
          doc="slow protocols subtype: lacp (1)"),
    Field("version", 8, 1, doc="LACP version; 1 as scapy"),
    *_info("actor", 1, bytes.fromhex("020000000001"),
           "the actor's system MAC; auto: this host's; default 02:00:00:00:00:01 (the lab "
           "client; scapy: zeros)"),
    *_info("partner", 2, bytes(6), "the partner's system MAC; zeros as scapy"),
    Field("collector_type", 8, None, computed=True,
          doc="Collector Information TLV type; computed: 3"),
    Field("collector_length", 8, None, computed=True,
          doc="Collector Information TLV length; computed: 16"),
    Field("collector_max_delay", 16, 0, doc="collector max delay, tens of microseconds; 0"),
    Field("collector_reserved", 96, b"\0" * 12, BYTES, packed=False,
          doc="12 reserved bytes as hex; zeros"),
    Field("terminator_type", 8, None, computed=True, doc="Terminator TLV type; computed: 0"),
    Field("terminator_length", 8, None, computed=True, doc="Terminator TLV length; computed: 0"),
    Field("reserved", 400, b"\0" * 50, BYTES, packed=False, doc="50 reserved bytes as hex; zeros"),
))

# the computed TLV types and lengths (802.1AX §5.4.2.2)
FIXED = {"actor_type": 1, "actor_length": 20, "partner_type": 2, "partner_length": 20,
         "collector_type": 3, "collector_length": 16, "terminator_type": 0,
         "terminator_length": 0}
_ORDER = tuple(f.name for f in HEADER.fields)
_STRUCT = struct.Struct("!" + "".join(
    {8: "B", 16: "H"}.get(f.bits) or f"{f.bits // 8}s" for f in HEADER.fields))
SIZE = _STRUCT.size  # 110


def _fixed_layout() -> list[tuple[str, int, int, int]]:
    out, bit = [], 0
    for f in HEADER.fields:
        out.append((f.name, bit // 8, 0, f.bits))
        bit += f.bits
    return out


_LAYOUT = _fixed_layout()
_SIZES = {f.name: f.bits // 8 for f in HEADER.fields if f.kind == BYTES}


def encode(v: dict[str, Any], payload: bytes, ctx: Any) -> tuple[bytes, dict[str, Any]]:
    v = dict(v)
    for name, fixed in FIXED.items():
        if v[name] is None:
            v[name] = fixed
    for name, size in _SIZES.items():
        v[name] = bytes(v[name])[:size].ljust(size, b"\0")
    return _STRUCT.pack(*(v[n] for n in _ORDER)), v


def decode(data: bytes, offset: int = 0) -> tuple[dict[str, Any], int]:
    if len(data) - offset < SIZE:
        raise Truncated(f"lacp: {len(data) - offset} of {SIZE} bytes")
    if data[offset] != SUBTYPE:
        raise Malformed(f"lacp: slow protocols subtype {data[offset]} is not LACP (1)")
    return dict(zip(_ORDER, _STRUCT.unpack_from(data, offset), strict=True)), SIZE


def layout(v: dict[str, Any]) -> list[tuple[str, int, int, int]]:
    return _LAYOUT


def next_layer(v: dict[str, Any], part: Any, prev: Any, offset: int,
               end: int) -> tuple[str | None, int]:
    return None, offset  # what follows the LACPDU is Ethernet padding


def link_dst(v: dict[str, Any], resolver: Any) -> bytes:
    """An auto ether.dst in front: the slow protocols group address."""
    return SLOW_PROTOCOLS


def summary(v: dict[str, Any]) -> str:
    state = HEADER.by_name["actor_state"]
    return (f"LACPv{v['version']} actor {mac_text(v['actor_system'])} key {v['actor_key']} "
            f"port {v['actor_port_number']} state "
            f"{flags_text(state, v['actor_state']) or 'none'}")
