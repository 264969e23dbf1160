"""GRE — RFC 2784 (header, checksum), RFC 2890 (key and sequence number),
carried in IPv4 and IPv6 as protocol 47.

    C(1) R(1) K(1) S(1) reserved0(9) version(3) | protocol type(16)
    [checksum(16) reserved1(16)]  when C (or RFC 1701's R) is set
    [key(32)]                     when K is set
    [sequence number(32)]         when S is set

The presence bits are fields as in scapy (``chksum_present``,
``key_present``, ``seqnum_present``) and decide which optional fields are
on the wire. Left to compute (craft's choice where scapy's default is 0),
each is 1 when its field is given: ``key: 42`` sends a key, ``seq: 7`` a
sequence number, ``checksum: 0x1234`` that checksum. A computed checksum
takes ``chksum_present: 1`` (checksum left auto): the Internet checksum of
the GRE header and its payload (RFC 2784 §2.5), as scapy's post_build.
``key`` and ``seq`` default to none (not sent).

``proto`` takes Ethernet's numbers (ether.ETHERTYPES: ipv4, ipv6, mpls,
vlan, arp...) and is computed from the next layer, 0x6558 (transparent
Ethernet bridging) in front of ``ether``, 0 when nothing bound follows
(scapy's default). RFC 1701 routing (R) is not modelled: a header with R
set is refused by the decoder.
"""

from __future__ import annotations

import struct
from typing import Any

from craft.errors import Truncated
from craft.layers import bindings
from craft.layers.base import ENUM, Checksum, Field, Header, Malformed, inet_checksum
from craft.layers.context import Context
from craft.layers.ether import ETHERTYPES

NAME = "gre"
PROTO = 47  # IANA protocol number
BOUND = bindings.in_ip(PROTO)
SELECTOR = "proto"
SELECTOR_SPACE = "ether"  # the protocol type is an ethertype (RFC 2784 §2.4)
CHECKSUM = Checksum()  # RFC 2784 §2.5: over the GRE header and payload, no pseudo-header
# the presence bits are computed from what is given, and key and seq "computed" as
# not sent: any value on the wire is right, so explain and the audit do not judge them
CHOSEN = frozenset({"chksum_present", "key_present", "seqnum_present", "key", "seq"})
# the presence bits move what follows (a stream's key or seq is never "not sent")
LAYOUT_FIELDS = frozenset({"chksum_present", "routing_present", "key_present",
                           "seqnum_present"})
KEY_FIELDS = ("key", "seq")  # craft import writes them as captured (never auto)

HEADER = Header(NAME, (
    Field("chksum_present", 1, None, computed=True,
          doc="C: checksum and reserved1 present; computed 1 when checksum is given, else 0 "
              "(give 1 for a computed checksum)"),
    Field("routing_present", 1, 0,
          doc="R (RFC 1701 routing; reserved in RFC 2784): with it set checksum and "
              "reserved1 are sent too; 0"),
    Field("key_present", 1, None, computed=True,
          doc="K (RFC 2890): key present; computed 1 when key is given, else 0"),
    Field("seqnum_present", 1, None, computed=True,
          doc="S (RFC 2890): sequence number present; computed 1 when seq is given, else 0"),
    Field("reserved0", 9, 0, doc="reserved, 0 (scapy: strict_route_source, "
                                 "recursion_control, flags)"),
    Field("version", 3, 0, doc="version; 0 (RFC 2784)"),
    Field("proto", 16, None, ENUM, names=ETHERTYPES, computed=True,
          doc="protocol type (an ethertype); computed from the next layer: ipv4 0x0800, "
              "ipv6 0x86dd, ether 0x6558, mpls 0x8847; 0 when nothing bound follows "
              "(as scapy)"),
    Field("checksum", 16, None, packed=False, computed=True,
          doc="with C: Internet checksum of GRE header and payload; computed"),
    Field("reserved1", 16, 0, packed=False, doc="with C: reserved, 0 (scapy 'offset')"),
    Field("key", 32, None, packed=False, computed=True,
          doc="key (RFC 2890 §2.1); none (not sent) unless given"),
    Field("seq", 32, None, packed=False, computed=True,
          doc="sequence number (RFC 2890 §2.2; scapy 'sequence_number'); none (not sent) "
              "unless given"),
))

_pack = HEADER.pack
_unpack = HEADER.unpack
_size = HEADER.size  # 4


def _filled(v: dict[str, Any], inner: str | None) -> dict[str, Any]:
    """The presence bits and the protocol filled where left to compute."""
    v = dict(v)
    if v["chksum_present"] is None:
        v["chksum_present"] = int(v["checksum"] is not None)
    if v["key_present"] is None:
        v["key_present"] = int(v["key"] is not None)
    if v["seqnum_present"] is None:
        v["seqnum_present"] = int(v["seq"] is not None)
    if v["proto"] is None:
        v["proto"] = bindings.number_for(NAME, inner, 0)
    return v


def _has_checksum(v: dict[str, Any]) -> bool:
    return bool(v["chksum_present"] or v["routing_present"])


def _optional(v: dict[str, Any]) -> bytes:
    out = b""
    if _has_checksum(v):
        out += struct.pack("!HH", v["checksum"] or 0, v["reserved1"] & 0xFFFF)
    if v["key_present"]:
        out += struct.pack("!I", (v["key"] or 0) & 0xFFFFFFFF)
    if v["seqnum_present"]:
        out += struct.pack("!I", (v["seq"] or 0) & 0xFFFFFFFF)
    return out


def encode(v: dict[str, Any], payload: bytes, ctx: Context) -> tuple[bytes, dict[str, Any]]:
    v = _filled(v, ctx.inner_name)
    header = _pack(v) + _optional(v)
    if v["chksum_present"] and v["checksum"] is None:
        c = inet_checksum(header + payload)  # the checksum field is zero in the sum
        v["checksum"] = c
        header = header[:4] + c.to_bytes(2, "big") + header[6:]
    return header, v


def decode(data: bytes, offset: int = 0) -> tuple[dict[str, Any], int]:
    v = _unpack(data, offset)
    if v["routing_present"]:
        raise Malformed("gre: RFC 1701 routing (R bit) is not decoded")
    v.update(checksum=None, reserved1=0, key=None, seq=None)
    at = offset + _size
    need = _size + 4 * (_has_checksum(v) + v["key_present"] + v["seqnum_present"])
    if len(data) - offset < need:
        raise Truncated(f"gre: {len(data) - offset} of {need} header bytes")
    if _has_checksum(v):
        v["checksum"], v["reserved1"] = struct.unpack_from("!HH", data, at)
        at += 4
    if v["key_present"]:
        (v["key"],) = struct.unpack_from("!I", data, at)
        at += 4
    if v["seqnum_present"]:
        (v["seq"],) = struct.unpack_from("!I", data, at)
        at += 4
    return v, at - offset


def layout(v: dict[str, Any]) -> list[tuple[str, int, int, int]]:
    v = _filled(v, None) if None in (v["chksum_present"], v["key_present"],
                                     v["seqnum_present"]) else v
    out = list(HEADER.byte_layout())
    at = _size
    if _has_checksum(v):
        out += [("checksum", at, 0, 16), ("reserved1", at + 2, 0, 16)]
        at += 4
    if v["key_present"]:
        out.append(("key", at, 0, 32))
        at += 4
    if v["seqnum_present"]:
        out.append(("seq", at, 0, 32))
    return out


def summary(v: dict[str, Any]) -> str:
    p = v["proto"]
    parts = [f"GRE proto={'auto' if p is None else f'0x{p:04x}'}"]
    if v["key"] is not None:
        parts.append(f"key={v['key']:#x}")
    if v["seq"] is not None:
        parts.append(f"seq={v['seq']}")
    return " ".join(parts)
