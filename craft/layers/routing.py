"""IPv6 Routing header — RFC 8200 §4.4: type 0 (RFC 2460 source route, the
addresses to visit; deprecated by RFC 5095 but still crafted for tests),
type 2 (RFC 6275 §6.4, the home address) and type 4 (RFC 8754 segment
routing: the segment list, ``addresses[0]`` the final segment, as on the
wire and in scapy's IPv6ExtHdrSegmentRouting).

Layout by type: after nh, len, type and segments-left, types 4 carries
last-entry, flags and tag, the others a 32-bit reserved word; then the
addresses, then ``data`` (type 4: TLVs; padded to 8 octets with a Pad1 or
PadN TLV, RFC 8754 §2.1.1, as scapy pads). Computed unless given: ``len``,
``segleft`` (type 4: the number of addresses less one; else the number of
addresses, as scapy) and ``lastentry`` (the number of addresses less one).

The transport checksum's pseudo-header takes the final destination
(RFC 8200 §8.1) while segments are left: the last address (types 0 and 2)
or ``addresses[0]`` (type 4), as scapy's in6_chksum.
"""

from __future__ import annotations

import functools
import struct
from typing import Any

from craft.layers import bindings
from craft.layers.address import ipv6_text
from craft.layers.base import BYTES, ENUM, IPV6S, Field, Header, Truncated
from craft.layers.context import Context
from craft.layers.ipv6 import NEXT_HEADERS, NO_NEXT_HEADER

NAME = "routing"
SELECTOR = "nh"
SELECTOR_SPACE = "ipv6"  # its next header takes IPv6's numbers (RFC 8200 §4)
BOUND = (("ipv6", "nh", 43),)
SEGMENT_ROUTING = 4
TYPES = {"source-route": 0, "type-2": 2, "segment-routing": SEGMENT_ROUTING}

HEADER = Header(NAME, (
    Field("nh", 8, None, ENUM, names=NEXT_HEADERS, computed=True,
          doc="next header; computed from the next layer, 59 when nothing bound follows"),
    Field("len", 8, None, computed=True,
          doc="header length in 8-octet units, not counting the first 8"),
    Field("type", 8, 0, ENUM, names=TYPES,
          doc="source-route (0), type-2 (2, Mobile IPv6 home address), segment-routing (4)"),
    Field("segleft", 8, None, computed=True,
          doc="segments left; computed: the number of addresses (segment-routing: less one)"),
    Field("reserved", 32, 0, packed=False, doc="types other than 4: reserved word"),
    Field("lastentry", 8, None, computed=True, packed=False,
          doc="segment-routing: index of the last segment; computed: addresses less one"),
    Field("flags", 8, 0, packed=False, doc="segment-routing: flags"),
    Field("tag", 16, 0, packed=False, doc="segment-routing: tag"),
    Field("addresses", 0, (), IPV6S,
          doc="the addresses (type 0: to visit, the final one last; type 2: the home "
              "address; segment-routing: the segment list, the final segment first)"),
    Field("data", 0, b"", BYTES,
          doc="after the addresses: segment-routing TLVs as hex; padded to 8 octets"),
))

_fixed = struct.Struct("!BBBB")


def _counts(v: dict[str, Any]) -> tuple[int, int]:
    """(segments left, last entry), given or computed."""
    n = len(v["addresses"])
    last = max(n - 1, 0)
    segleft = v["segleft"]
    if segleft is None:
        segleft = last if v["type"] == SEGMENT_ROUTING else n
    lastentry = v["lastentry"]
    return segleft, last if lastentry is None else lastentry


def _pad_tlv(n: int) -> bytes:
    """RFC 8754 §2.1.1: Pad1 (one zero byte) or a PadN TLV of ``n`` bytes."""
    if n == 0:
        return b""
    return b"\x00" if n == 1 else bytes([4, n - 2]) + b"\0" * (n - 2)


def _body(v: dict[str, Any], lastentry: int) -> bytes:
    return _body_of(v["type"], tuple(v["addresses"]), bytes(v["data"] or b""), v["reserved"],
                    lastentry, v["flags"], v["tag"])


@functools.lru_cache(maxsize=256)
def _body_of(rtype: int, addresses: tuple[bytes, ...], data: bytes, reserved: int,
             lastentry: int, flags: int, tag: int) -> bytes:
    addrs = b"".join(addresses)
    if rtype == SEGMENT_ROUTING:
        head = struct.pack("!BBH", lastentry, flags, tag)
        return head + addrs + data + _pad_tlv(-len(data) % 8)
    return struct.pack("!I", reserved) + addrs + data + b"\0" * (-len(data) % 8)


def encode(v: dict[str, Any], payload: bytes, ctx: Context) -> tuple[bytes, dict[str, Any]]:
    v = dict(v)
    segleft, lastentry = _counts(v)
    body = _body(v, lastentry)
    v["segleft"] = segleft
    if v["type"] == SEGMENT_ROUTING:
        v["lastentry"] = lastentry
    if v["nh"] is None:
        v["nh"] = bindings.number_for(NAME, ctx.inner_name, NO_NEXT_HEADER)
    if v["len"] is None:
        v["len"] = (4 + len(body)) // 8 - 1
    return _fixed.pack(v["nh"], v["len"], v["type"], segleft) + body, v


def decode(data: bytes, offset: int = 0) -> tuple[dict[str, Any], int]:
    if len(data) - offset < 8:
        raise Truncated(f"routing: {len(data) - offset} of 8 header bytes")
    nh, length, rtype, segleft = _fixed.unpack_from(data, offset)
    hlen = (length + 1) * 8
    if len(data) - offset < hlen:
        raise Truncated(f"routing: {len(data) - offset} of {hlen} header bytes")
    v: dict[str, Any] = {"nh": nh, "len": length, "type": rtype, "segleft": segleft,
                         "reserved": 0, "lastentry": None, "flags": 0, "tag": 0}
    body = bytes(data[offset + 8:offset + hlen])
    count = len(body) // 16
    if rtype == SEGMENT_ROUTING:
        v["lastentry"], v["flags"], v["tag"] = struct.unpack_from("!BBH", data, offset + 4)
        count = min(count, v["lastentry"] + 1)
    else:
        v["reserved"] = int.from_bytes(data[offset + 4:offset + 8], "big")
    v["addresses"] = tuple(body[16 * i:16 * i + 16] for i in range(count))
    v["data"] = body[16 * count:]
    return v, hlen


def layout(v: dict[str, Any]) -> list[tuple[str, int, int, int]]:
    n = 16 * len(v.get("addresses") or ())
    data = len(v.get("data") or b"")
    data += -data % 8
    rows = [("nh", 0, 0, 8), ("len", 1, 0, 8), ("type", 2, 0, 8), ("segleft", 3, 0, 8)]
    if v.get("type") == SEGMENT_ROUTING:
        rows += [("lastentry", 4, 0, 8), ("flags", 5, 0, 8), ("tag", 6, 0, 16)]
    else:
        rows.append(("reserved", 4, 0, 32))
    if n:
        rows.append(("addresses", 8, 0, 8 * n))
    if data:
        rows.append(("data", 8 + n, 0, 8 * data))
    return rows


def final_destination(v: dict[str, Any]) -> bytes | None:
    """The address the packet is for in the end while segments are left."""
    addrs = v["addresses"]
    if not addrs or not _counts(v)[0]:
        return None
    return addrs[0] if v["type"] == SEGMENT_ROUTING else addrs[-1]


def pseudo_override(v: dict[str, Any]) -> dict[str, bytes]:
    """RFC 8200 §8.1: the pseudo-header's destination is the final one."""
    final = final_destination(v)
    return {"dst": final} if final is not None else {}


def summary(v: dict[str, Any]) -> str:
    addrs = " ".join(ipv6_text(a) for a in v["addresses"])
    return f"RT type={v['type']} segleft={v['segleft']} [{addrs}]"
