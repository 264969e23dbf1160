"""The options of the IPv6 Hop-by-Hop and Destination Options headers
(RFC 8200 §4.2): type-length-value options, each placed at its alignment
(``xn+y`` from the start of the header) and the header padded to a multiple
of 8 octets with Pad1/PadN. Shared by ``hopbyhop`` and ``destopts``.

Internal value of ``options``: a tuple of ``(name, value)`` pairs

    ("pad1", None)  ("padn", n zero data bytes)  ("router-alert", int)  (RFC 2711)
    ("jumbo", payload length)  (RFC 2675)  ("home-address", 16 bytes)  (RFC 6275 §6.3)

or ``bytes`` (hex in a profile, or options this table cannot name). Padding
is computed as scapy's IPv6 option fields do it (``autopad``): before each
named option the Pad1 or PadN its alignment needs, and at the end what makes
the header a multiple of 8 octets; hex options get only the end padding.
"""

from __future__ import annotations

import struct
from typing import Any

from craft.layers import bindings
from craft.layers.base import ENUM, OPTIONS, Field, Truncated, memo_by_value
from craft.layers.ipv6 import NEXT_HEADERS, NO_NEXT_HEADER

PAD1, PADN, ROUTER_ALERT, JUMBO, HOME_ADDRESS = 0x00, 0x01, 0x05, 0xC2, 0xC9
# what each option's value is in a profile (craft/profile/options.py): form, bits
OPTION_VALUES = {
    "pad1": ("none", 0), "padn": ("int0", 8), "router-alert": ("int0", 16),
    "jumbo": ("int", 32), "home-address": ("addr", 128),
}
# alignment (x, y): the option type sits at xn+y octets from the header's start
_ALIGN = {"router-alert": (2, 0), "jumbo": (4, 2), "home-address": (8, 6)}
MAX_OPTIONS = 8 * 256 - 2  # the length field counts 8-octet units after the first


def fields(name: str) -> tuple[Field, ...]:
    return (
        Field("nh", 8, None, ENUM, names=NEXT_HEADERS, computed=True,
              doc="next header; computed from the next layer, 59 (no next header) when "
                  "nothing bound follows, as scapy"),
        Field("len", 8, None, computed=True,
              doc="header length in 8-octet units, not counting the first 8"),
        Field("options", 0, (), OPTIONS,
              doc="pad1, padn, router-alert, jumbo, home-address (in order) or hex; each "
                  "aligned and the header padded to 8 octets with Pad1/PadN, as scapy"),
    )


def _pad(n: int) -> bytes:
    if n == 0:
        return b""
    return b"\x00" if n == 1 else bytes([PADN, n - 2]) + b"\0" * (n - 2)


def _one(name: str, value: Any) -> bytes:
    if name == "pad1":
        return b"\x00"
    if name == "padn":
        return bytes([PADN, value]) + b"\0" * value
    if name == "router-alert":
        return struct.pack("!BBH", ROUTER_ALERT, 2, value)
    if name == "jumbo":
        return struct.pack("!BBI", JUMBO, 4, value)
    if name == "home-address":
        return bytes([HOME_ADDRESS, 16]) + value
    raise ValueError(f"unknown IPv6 option {name!r}")




def _options_bytes(options: Any) -> bytes:
    pos = 2
    parts = []
    if isinstance(options, bytes | bytearray):
        parts.append(bytes(options))
        pos += len(options)
    else:
        for name, value in options:
            if name in _ALIGN:
                x, y = _ALIGN[name]
                delta = x * ((pos - y + x - 1) // x) + y - pos
                parts.append(_pad(delta))
                pos += delta
            data = _one(name, value)
            parts.append(data)
            pos += len(data)
    parts.append(_pad(-pos % 8))
    return b"".join(parts)


def parse_options(raw: bytes) -> tuple[tuple[str, Any], ...] | bytes:
    """The named form of ``raw`` (without the padding the encoder adds, or
    with the pads as they are) when it encodes back to exactly ``raw``;
    otherwise ``raw``."""
    out: list[tuple[str, Any]] = []
    i, n = 0, len(raw)
    while i < n:
        kind = raw[i]
        if kind == PAD1:
            out.append(("pad1", None))
            i += 1
            continue
        if i + 1 >= n or i + 2 + raw[i + 1] > n:
            return raw
        length, body = raw[i + 1], raw[i + 2:i + 2 + raw[i + 1]]
        if kind == PADN and not any(body):
            out.append(("padn", length))
        elif kind == ROUTER_ALERT and length == 2:
            out.append(("router-alert", int.from_bytes(body, "big")))
        elif kind == JUMBO and length == 4:
            out.append(("jumbo", int.from_bytes(body, "big")))
        elif kind == HOME_ADDRESS and length == 16:
            out.append(("home-address", bytes(body)))
        else:
            return raw
        i += 2 + length
    bare = tuple(o for o in out if o[0] not in ("pad1", "padn"))
    for named in (bare, tuple(out)):
        if options_bytes(named) == raw:
            return named
    return raw


def encode_header(name: str, pack: Any, v: dict[str, Any], inner: str | None
                  ) -> tuple[bytes, dict[str, Any]]:
    opts = options_bytes(v["options"])  # hashable: a tuple or bytes
    if v["nh"] is None or v["len"] is None:
        v = dict(v)
        if v["nh"] is None:
            v["nh"] = bindings.number_for(name, inner, NO_NEXT_HEADER)
        if v["len"] is None:
            v["len"] = (2 + len(opts)) // 8 - 1
    return pack(v) + opts, v


def decode_header(name: str, unpack: Any, data: bytes, offset: int
                  ) -> tuple[dict[str, Any], int]:
    v = unpack(data, offset)
    hlen = (v["len"] + 1) * 8
    if len(data) - offset < hlen:
        raise Truncated(f"{name}: {len(data) - offset} of {hlen} header bytes")
    v["options"] = parse_options(bytes(data[offset + 2:offset + hlen]))
    return v, hlen


def layout(v: dict[str, Any]) -> list[tuple[str, int, int, int]]:
    return [("nh", 0, 0, 8), ("len", 1, 0, 8),
            ("options", 2, 0, 8 * len(options_bytes(v.get("options") or ())))]


def options_summary(v: dict[str, Any]) -> str:
    opts = v["options"]
    if isinstance(opts, bytes | bytearray):
        return f"{len(opts)} option bytes"
    return ",".join(n for n, _ in opts if n not in ("pad1", "padn")) or "padding"


# The options as they follow the 2-byte nh/len, padded (see above),
# remembered per value
options_bytes = memo_by_value(_options_bytes)


def codec(name: str, header: Any) -> tuple[Any, Any]:
    """The ``encode`` and ``decode`` of an options header (hop-by-hop,
    destination options) named ``name`` with the field table ``header``."""
    pack, unpack = header.pack, header.unpack

    def encode(v: dict[str, Any], payload: bytes, ctx: Any) -> tuple[bytes, dict[str, Any]]:
        return encode_header(name, pack, v, ctx.inner_name)

    def decode(data: bytes, offset: int = 0) -> tuple[dict[str, Any], int]:
        return decode_header(name, unpack, data, offset)
    return encode, decode
