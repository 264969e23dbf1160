"""UDP — RFC 768."""

from __future__ import annotations

from typing import Any

from craft.layers.base import Field, Header, inet_checksum, pseudo_header
from craft.layers.context import Context

NAME = "udp"
PROTO = 17  # IANA protocol number, for the pseudo-header

HEADER = Header(NAME, (
    Field("sport", 16, 53, doc="source port; 53 as scapy"),
    Field("dport", 16, 53, doc="destination port; 53 as scapy"),
    Field("len", 16, None, computed=True, doc="header + data octets (RFC 768)"),
    Field("checksum", 16, None, computed=True, doc="over pseudo-header, header and data"),
))


def encode(v: dict[str, Any], payload: bytes, ctx: Context) -> tuple[bytes, dict[str, Any]]:
    """Header bytes for ``payload`` and the values with computed fields filled."""
    v = dict(v)
    if v["len"] is None:
        v["len"] = HEADER.size + len(payload)
    if v["checksum"] is None:
        v["checksum"] = 0
        data = pseudo_header(ctx.outer, ctx.outer_name, PROTO, HEADER.size + len(payload))
        c = inet_checksum(data + HEADER.pack(v) + payload)
        # RFC 768: a computed zero is sent as all ones (zero means "no checksum")
        v["checksum"] = c or 0xFFFF
    return HEADER.pack(v), v


def decode(data: bytes, offset: int = 0) -> tuple[dict[str, Any], int]:
    """Values of the header at ``offset`` and its length; raises Truncated."""
    return HEADER.unpack(data, offset), HEADER.size


_LAYOUT = HEADER.byte_layout()


def layout(v: dict[str, Any]) -> list[tuple[str, int, int, int]]:
    return _LAYOUT


def summary(v: dict[str, Any]) -> str:
    return f"UDP {v['sport']} > {v['dport']} len={v['len']}"
