"""A protocol craft does not ship, for tests/test_registry.py: a 4-byte
header (a 16-bit kind and a 16-bit Internet checksum over the header and
what follows), carried in IPv4 and IPv6 as protocol 253 (RFC 3692: for
experiments). Written as a new protocol's module would be, and nothing
else in craft knows about it."""

from __future__ import annotations

from typing import Any

from craft.layers import bindings
from craft.layers.base import ENUM, Checksum, Field, Header, inet_checksum
from craft.layers.context import Context

NAME = "dummy"
PROTO = 253  # RFC 3692 experimental protocol number
BOUND = bindings.in_ip(PROTO)
CHECKSUM = Checksum()  # over the header and the payload, no pseudo-header
KEY_FIELDS = ("kind",)
KINDS = {"hello": 1, "bye": 2}

HEADER = Header(NAME, (
    Field("kind", 16, 1, ENUM, names=KINDS, doc="what the message is: hello or bye"),
    Field("checksum", 16, None, computed=True, doc="Internet checksum of header and data"),
))

decode = HEADER.decode  # a fixed header: the table's own unpack
layout = HEADER.fixed_layout


def encode(v: dict[str, Any], payload: bytes, ctx: Context) -> tuple[bytes, dict[str, Any]]:
    if v["checksum"] is None:
        v = dict(v)
        v["checksum"] = 0
        v["checksum"] = inet_checksum(HEADER.pack(v) + payload)
    return HEADER.pack(v), v


def summary(v: dict[str, Any]) -> str:
    return f"Dummy kind={v['kind']}"


# -- its scapy mapping: a scapy layer of its own, written independently ------------


def scapy_class() -> Any:
    """The same header as a scapy Packet, bound to IP/IPv6 protocol 253;
    scapy computes the checksum in post_build."""
    from scapy.fields import ShortField, XShortField
    from scapy.layers.inet import IP
    from scapy.layers.inet6 import IPv6
    from scapy.packet import Packet, bind_layers
    from scapy.utils import checksum

    class Dummy(Packet):
        name = "Dummy"
        fields_desc = [ShortField("kind", 1), XShortField("chksum", None)]

        def post_build(self, p: bytes, pay: bytes) -> bytes:
            if self.chksum is None:
                c = checksum(p + pay)
                p = p[:2] + c.to_bytes(2, "big") + p[4:]
            return p + pay

    bind_layers(IP, Dummy, proto=PROTO)
    bind_layers(IPv6, Dummy, nh=PROTO)
    return Dummy


def to_scapy(s: Any, v: dict[str, Any], inner: str | None) -> Any:
    return _CLASS[0](kind=v["kind"], chksum=v["checksum"])


def from_scapy(s: Any, p: Any) -> tuple[str, dict[str, Any]]:
    return NAME, {"kind": p.kind, "checksum": p.chksum}


_CLASS: list[Any] = []
