"""IPv4 options by name — RFC 791 §3.1 (end of list, no operation, record
route, loose and strict source route, timestamp, security), RFC 2113
(router alert).

Internal value of ``ipv4.options``: a tuple of ``(name, value)`` pairs

    ("eol", None)  ("nop", None)  ("router-alert", int)
    ("record-route", (address, ...))  ("lsrr", (address, ...))  ("ssrr", (address, ...))
    ("timestamp", (flag, entries))  entries: ints (flag 0) or (address, int) pairs
    ("security", (security, compartments, handling, tcc))

or ``bytes`` (hex in a profile, or options this table cannot name). Lengths
are computed; the pointer of a route option is 4 and of a timestamp 5 (the
first slot: an option as its sender writes it, RFC 791); the list is padded
with zero bytes (EOL) to a multiple of 4, as scapy pads. A decoded option
list is named when it encodes back to the same bytes, else it stays bytes.

``copied(raw)`` keeps the options whose copied flag is set (RFC 791 §3.1:
source routes, security, router alert): what a later fragment carries.
"""

from __future__ import annotations

import struct
from typing import Any

from craft.layers.base import memo_by_value

EOL, NOP, RR, LSRR, SSRR, TIMESTAMP, SECURITY, ROUTER_ALERT = (
    0x00, 0x01, 0x07, 0x83, 0x89, 0x44, 0x82, 0x94)
_ROUTES = {"record-route": RR, "lsrr": LSRR, "ssrr": SSRR}
_ROUTE_NAMES = {v: k for k, v in _ROUTES.items()}
# what each option's value is in a profile (craft/profile/options.py): form, bits
OPTION_VALUES: dict[str, tuple[str, Any]] = {
    "eol": ("none", 0), "nop": ("none", 0), "record-route": ("addrs", 32),
    "lsrr": ("addrs", 32), "ssrr": ("addrs", 32), "timestamp": ("timestamp", 32),
    "router-alert": ("int0", 16), "security": ("tuple", (16, 16, 16, 24)),
}
ROUTE_POINTER, TIMESTAMP_POINTER = 4, 5


def _one(name: str, value: Any) -> bytes:
    if name == "eol":
        return b"\x00"
    if name == "nop":
        return b"\x01"
    if name in _ROUTES:
        return bytes([_ROUTES[name], 3 + 4 * len(value), ROUTE_POINTER]) + b"".join(value)
    if name == "router-alert":
        return struct.pack("!BBH", ROUTER_ALERT, 4, value)
    if name == "security":
        s, c, h, tcc = value
        return struct.pack("!BBHHH", SECURITY, 11, s, c, h) + tcc.to_bytes(3, "big")
    if name == "timestamp":
        flag, entries = value
        if flag == 0:
            body = b"".join(struct.pack("!I", t) for t in entries)
        else:
            body = b"".join(a + struct.pack("!I", t) for a, t in entries)
        return bytes([TIMESTAMP, 4 + len(body), TIMESTAMP_POINTER, flag & 0xF]) + body
    raise ValueError(f"unknown ipv4 option {name!r}")




def _options_bytes(options: Any) -> bytes:
    if isinstance(options, bytes | bytearray):
        out = bytes(options)
    else:
        out = b"".join(_one(name, value) for name, value in options)
    return out + b"\0" * (-len(out) % 4)


def _parse_one(kind: int, body: bytes) -> tuple[str, Any] | None:
    if kind in _ROUTE_NAMES:
        if body[:1] != bytes([ROUTE_POINTER]) or (len(body) - 1) % 4:
            return None
        return _ROUTE_NAMES[kind], tuple(body[i:i + 4] for i in range(1, len(body), 4))
    if kind == ROUTER_ALERT and len(body) == 2:
        return "router-alert", int.from_bytes(body, "big")
    if kind == SECURITY and len(body) == 9:
        s, c, h = struct.unpack_from("!HHH", body)
        return "security", (s, c, h, int.from_bytes(body[6:9], "big"))
    if kind == TIMESTAMP and len(body) >= 2 and body[0] == TIMESTAMP_POINTER:
        flag, rest = body[1] & 0xF, body[2:]
        if body[1] >> 4:  # overflow count: not this table's form
            return None
        if flag == 0 and len(rest) % 4 == 0:
            return "timestamp", (0, struct.unpack(f"!{len(rest) // 4}I", rest))
        if flag in (1, 3) and len(rest) % 8 == 0:
            pairs = tuple((rest[i:i + 4], int.from_bytes(rest[i + 4:i + 8], "big"))
                          for i in range(0, len(rest), 8))
            return "timestamp", (flag, pairs)
    return None


def parse_options(raw: bytes) -> tuple[tuple[str, Any], ...] | bytes:
    """The named form of ``raw`` when it encodes back to exactly ``raw``;
    otherwise ``raw``."""
    out: list[tuple[str, Any]] = []
    i, n = 0, len(raw)
    while i < n:
        kind = raw[i]
        if kind == EOL:
            break
        if kind == NOP:
            out.append(("nop", None))
            i += 1
            continue
        if i + 1 >= n or raw[i + 1] < 2 or i + raw[i + 1] > n:
            return raw
        one = _parse_one(kind, raw[i + 2:i + raw[i + 1]])
        if one is None:
            return raw
        out.append(one)
        i += raw[i + 1]
    for named in (tuple(out), (*out, ("eol", None))):
        if options_bytes(named) == raw:
            return named
    return raw


def copied(raw: bytes) -> bytes:
    """The options of ``raw`` whose copied flag (the type's top bit) is set,
    padded: what every fragment after the first carries (RFC 791 §3.2)."""
    out, i, n = [], 0, len(raw)
    while i < n:
        kind = raw[i]
        if kind == EOL:
            break
        if kind == NOP:
            i += 1
            continue
        length = raw[i + 1] if i + 1 < n else 0
        if length < 2:
            break
        if kind & 0x80:
            out.append(raw[i:i + length])
        i += length
    return options_bytes(b"".join(out))


# Wire bytes of an options value (either form), zero-padded to 4 bytes,
# remembered per value (per frame on the hot path, the same few lists)
options_bytes = memo_by_value(_options_bytes)
