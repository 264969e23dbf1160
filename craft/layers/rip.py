"""RIP version 2 — RFC 2453 (UDP port 520), with simple password
authentication (RFC 2453 §4.1).

The header is command (request, response), version and a zero word; the
entries follow as a list in wire order (``OPTION_FIELDS``, the ``fields``
form), 20 bytes each:

    route   family (2: IP), tag, address, mask, next-hop, metric (RFC 2453 §4)
    auth    the authentication entry: family 0xffff, type (2: simple password),
            password (text, 16 bytes, zero-padded; RFC 2453 §4.1)

Decoding names the entries when the data is a whole number of 20-byte
entries (an entry of family 0xffff is ``auth``, any other ``route``), else
keeps them as hex (so too when an authentication entry is not a simple
password in printable text: RFC 4822's keyed digests). Choices where the RFC
and scapy leave room: version 2 (scapy: 1, RIPv1) and a response (scapy: a
request), the message that advertises routes; a route's metric is 1 and its
family IP as scapy.
"""

from __future__ import annotations

import struct
from typing import Any

from craft.layers import bindings
from craft.layers.base import (
    ENUM,
    IPV4,
    OPTIONS,
    TEXT,
    Field,
    Header,
    memo_by_value,
    nothing_follows,
)
from craft.layers.context import Context

NAME = "rip"
PORT = 520
BOUND = bindings.on_port(PORT)
KEY_FIELDS = ("command", "version")
AUTH_FAMILY = 0xFFFF

COMMANDS = {"request": 1, "response": 2}  # RFC 2453 §3.6
ROUTE = (
    Field("family", 16, 2, doc="address family; 2 (IP)"),
    Field("tag", 16, 0, doc="route tag"),
    Field("address", 32, bytes(4), IPV4, doc="destination network"),
    Field("mask", 32, bytes(4), IPV4, doc="subnet mask"),
    Field("next-hop", 32, bytes(4), IPV4, doc="next hop; 0.0.0.0: the sender"),
    Field("metric", 32, 1, doc="hop count, 1..15; 16 is infinity"),
)
AUTH = (
    Field("type", 16, 2, doc="authentication type; 2 (simple password)"),
    Field("password", 128, b"", TEXT, doc="the password (text, up to 16 bytes, zero-padded)"),
)
OPTION_FIELDS = {"entries": {"route": ("fields", ROUTE), "auth": ("fields", AUTH)}}

HEADER = Header(NAME, (
    Field("command", 8, 2, ENUM, names=COMMANDS, doc="request or response; response "
          "(scapy: request)"),
    Field("version", 8, 2, doc="RIP version; 2 (scapy: 1)"),
    Field("zero", 16, 0, doc="must be zero"),
    Field("entries", 0, (), OPTIONS, doc="entries in order: route, auth; or hex"),
))
_pack = HEADER.pack


def _entry(name: str, value: Any) -> bytes:
    v = dict(value) if value else {f.name: f.default for f in OPTION_FIELDS["entries"][name][1]}
    if name == "auth":
        password = bytes(v["password"])
        if len(password) > 16:
            raise ValueError(f"a rip password is at most 16 bytes, got {len(password)}")
        return struct.pack("!HH16s", AUTH_FAMILY, v["type"], password)
    return struct.pack("!HH4s4s4sI", v["family"], v["tag"], v["address"], v["mask"],
                       v["next-hop"], v["metric"])


def _entries(entries: Any) -> bytes:
    if isinstance(entries, bytes | bytearray):
        return bytes(entries)
    out = []
    for name, value in entries:
        if name not in OPTION_FIELDS["entries"]:
            raise ValueError(f"unknown rip entry {name!r}")
        out.append(_entry(name, value))
    return b"".join(out)


options_bytes = memo_by_value(_entries)


def parse_entries(raw: bytes) -> tuple[tuple[str, Any], ...] | bytes:
    """The entries by name when ``raw`` is whole entries; else ``raw``."""
    if len(raw) % 20:
        return raw
    out: list[tuple[str, Any]] = []
    for i in range(0, len(raw), 20):
        family, second = struct.unpack_from("!HH", raw, i)
        if family == AUTH_FAMILY:
            password = raw[i + 4:i + 20].rstrip(b"\0")
            if second != 2 or not all(32 <= b < 127 for b in password):
                return raw  # not a simple password as text (RFC 4822's keyed digests)
            out.append(("auth", (("type", second), ("password", password))))
        else:
            metric = struct.unpack_from("!I", raw, i + 16)[0]
            out.append(("route", (("family", family), ("tag", second),
                                  ("address", raw[i + 4:i + 8]), ("mask", raw[i + 8:i + 12]),
                                  ("next-hop", raw[i + 12:i + 16]), ("metric", metric))))
    return tuple(out)


def encode(v: dict[str, Any], payload: bytes, ctx: Context) -> tuple[bytes, dict[str, Any]]:
    entries = options_bytes(v["entries"]) if v["entries"] else b""
    return _pack(v) + entries, v


def decode(data: bytes, offset: int = 0) -> tuple[dict[str, Any], int]:
    """The header and every entry to the end of the datagram."""
    return HEADER.decode_list(data, offset, "entries", parse_entries)


next_layer = nothing_follows  # the entries run to the end of the datagram


def layout(v: dict[str, Any]) -> list[tuple[str, int, int, int]]:
    return HEADER.options_layout(v, options_bytes, "entries")


def summary(v: dict[str, Any]) -> str:
    word = {n: w for w, n in COMMANDS.items()}.get(v["command"], str(v["command"]))
    entries = v["entries"]
    n = len(entries) // 20 if isinstance(entries, bytes | bytearray) else len(entries)
    return f"RIPv{v['version']} {word} entries={n}"
