"""UDP — RFC 768."""

from __future__ import annotations

from typing import Any

from craft.layers import base, bindings
from craft.layers.base import Checksum, Field, Header, inet_checksum, pseudo_header_in
from craft.layers.context import Context

NAME = "udp"
PROTO = 17  # IANA protocol number, for the pseudo-header
BOUND = bindings.in_ip(PROTO)
# RFC 768: zero means "no checksum", allowed over IPv4 only (RFC 8200 §8.1)
CHECKSUM = Checksum(pseudo=PROTO, zero_as_ffff=True, zero_unchecked_in=("ipv4",))
KEY_FIELDS = ("sport", "dport")  # written by craft import even at their default

HEADER = Header(NAME, (
    Field("sport", 16, 53, doc="source port; the next layer's client port when it is bound to "
          "one (bootp: 68), else its server port; 53 as scapy when nothing bound follows"),
    Field("dport", 16, 53, doc="destination port; the next layer's port when it is bound to "
          "one (dns: 53, bootp: 67), 53 as scapy otherwise"),
    Field("len", 16, None, computed=True, doc="header + data octets (RFC 768)"),
    Field("checksum", 16, None, computed=True, doc="over pseudo-header, header and data"),
))

decode = HEADER.decode  # a fixed header: the table's own unpack
layout = HEADER.fixed_layout


def encode(v: dict[str, Any], payload: bytes, ctx: Context) -> tuple[bytes, dict[str, Any]]:
    """Header bytes for ``payload`` and the values with computed fields filled."""
    v = dict(v)
    if v["len"] is None:
        v["len"] = HEADER.size + len(payload)
    if v["checksum"] is None:
        v["checksum"] = 0
        data = pseudo_header_in(ctx, PROTO, HEADER.size + len(payload))
        c = inet_checksum(data + HEADER.pack(v) + payload)
        # RFC 768: a computed zero is sent as all ones (zero means "no checksum")
        v["checksum"] = c or 0xFFFF
    return HEADER.pack(v), v


def summary(v: dict[str, Any]) -> str:
    return f"UDP {v['sport']} > {v['dport']} len={v['len']}"


def next_layer(v: dict[str, Any], part: Any, prev: Any, offset: int,
               end: int) -> tuple[str | None, int]:
    """The UDP length bounds the datagram, except in a first fragment (the
    datagram goes on in the next one)."""
    length = v["len"]
    if length < 8:
        part.error = f"bad-len {length}"
        return "payload", end
    inner = bindings.by_port(NAME, v)
    bound = part.offset + length
    if bound > end:
        if prev is not None and prev.name == "ipv4" and prev.values["flags"] & 1:
            part.partial = True  # a first fragment: the datagram continues elsewhere
            return inner, end
        part.truncated = True
        part.error = f"truncated-udp - {bound - end} bytes missing"
    else:
        end = bound
    return inner, end


def trafgen_checksum(enc: Any, ip: Any) -> tuple[int, str] | None:
    return base.trafgen_transport(enc, ip, NAME, 6)


def request_key(v: dict[str, Any], ip: Any, layers: Any) -> tuple | None:
    """Answered by a datagram back between the same ports, or by an ICMP
    port unreachable quoting it (RFC 792, RFC 4443 §3.1)."""
    if ip is None:
        return None
    return ("udp", ip["src"], ip["dst"], v["sport"], v["dport"])


def reply_key(v: dict[str, Any], ip: Any, layers: Any) -> tuple | None:
    if ip is None:
        return None
    return ("udp", ip["dst"], ip["src"], v["dport"], v["sport"])
