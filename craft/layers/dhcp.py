"""DHCP options — RFC 2131 §3 and §4, RFC 2132 (option formats), RFC 3046
(relay agent information): the layer after ``bootp``'s magic cookie, as
scapy's ``BOOTP()/DHCP(options=[...])``.

A layer of its own (not a field of ``bootp``) because that is how a scapy
user writes it and reads it back (``pkt[DHCP].options``), and because a
BOOTP message without the cookie carries no DHCP options at all (RFC 951's
vendor area is then payload).

Internal value of ``options``: a tuple of ``(name, value)`` pairs in wire
order, or ``bytes`` (hex in a profile, or options this table cannot name
exactly). Names (RFC 2132 section), with their values:

    pad (0; §3.1)                  bare: one zero byte
    padding                        N: a run of N pad bytes (clients pad to 300 octets)
    subnet-mask (1; §3.3)          an IPv4 address
    router (3; §3.5)               IPv4 addresses
    name-server (5; §3.7)          IPv4 addresses (IEN 116 name servers)
    domain-name-server (6; §3.8)   IPv4 addresses (scapy's ``name_server``)
    hostname (12; §3.14)           text
    domain-name (15; §3.17)        text
    broadcast-address (28; §5.3)   an IPv4 address
    requested-addr (50; §9.1)      an IPv4 address
    lease-time (51; §9.2)          seconds (32 bits)
    message-type (53; §9.6)        discover, offer, request, decline, ack, nak,
                                   release, inform (or 1..255)
    server-id (54; §9.7)           an IPv4 address
    param-req-list (55; §9.8)      option names or numbers
    max-message-size (57; §9.10)   octets (16 bits)
    renewal-time (58), rebinding-time (59; §9.11, §9.12)  seconds (32 bits)
    vendor-class-id (60; §9.13)    text
    client-id (61; §9.14)          {type: 1, id: 02:00:00:00:00:01}: type (1, Ethernet,
                                   by default) and the identifier's bytes (a MAC as hex)
    relay-agent-info (82; RFC 3046) {circuit-id: hex, remote-id: hex}: sub-options 1
                                   and 2, each sent when not empty
    end (255; §3.2)                bare

``end`` is appended when the list does not name it (scapy sends only what
its list names; a DHCP message must end with it, RFC 2131 §4.1); to send
options without an end, give them as hex. No padding is added (scapy adds
none either): name ``padding`` after ``end`` to reach 300 octets. Decoding
names the options only when naming them gives back exactly the same bytes
(a single zero byte is ``pad``, a run of them ``padding``); otherwise the
whole list stays bytes.
"""

from __future__ import annotations

from typing import Any

from craft.layers.address import ipv4_text
from craft.layers.base import (
    BYTES,
    ENUM,
    INT,
    OPTIONS,
    Field,
    Header,
    memo_by_value,
    nothing_follows,
)

NAME = "dhcp"
KEY_FIELDS = ("options",)

MESSAGE_TYPES = {"discover": 1, "offer": 2, "request": 3, "decline": 4, "ack": 5, "nak": 6,
                 "release": 7, "inform": 8}  # RFC 2132 §9.6
_TYPE_NAMES = {n: w for w, n in MESSAGE_TYPES.items()}
MESSAGE_TYPE = Field("message-type", 8, 1, ENUM, names=MESSAGE_TYPES,
                     doc="DHCP message type (RFC 2132 §9.6)")
CLIENT_ID = (
    Field("type", 8, 1, INT, doc="identifier type: a hardware type (1: Ethernet) or 0"),
    Field("id", 0, b"", BYTES, doc="the identifier: a MAC (02:00:00:00:00:01) or any hex"),
)
RELAY_AGENT_INFO = (
    Field("circuit-id", 0, b"", BYTES, doc="agent circuit id (sub-option 1), hex; "
          "not sent when empty"),
    Field("remote-id", 0, b"", BYTES, doc="agent remote id (sub-option 2), hex; "
          "not sent when empty"),
)

CODES = {
    "pad": 0, "subnet-mask": 1, "router": 3, "name-server": 5, "domain-name-server": 6,
    "hostname": 12, "domain-name": 15, "broadcast-address": 28, "requested-addr": 50,
    "lease-time": 51, "message-type": 53, "server-id": 54, "param-req-list": 55,
    "max-message-size": 57, "renewal-time": 58, "rebinding-time": 59, "vendor-class-id": 60,
    "client-id": 61, "relay-agent-info": 82, "end": 255,
}
_NAMES = {n: w for w, n in CODES.items()}
# words of a parameter request list: the options a client may ask for
REQUESTABLE = Field("option", 8, 0, ENUM,
                    names={w: n for w, n in CODES.items() if w not in ("pad", "end")},
                    doc="a DHCP option code")

# name -> (form, bits or table): what a profile writes (craft/profile/options.py)
OPTION_VALUES: dict[str, tuple[str, Any]] = {
    "pad": ("none", 0),
    "padding": ("int", 16),
    "subnet-mask": ("addr", 32),
    "router": ("addrs", 32),
    "name-server": ("addrs", 32),
    "domain-name-server": ("addrs", 32),
    "hostname": ("text", 0),
    "domain-name": ("text", 0),
    "broadcast-address": ("addr", 32),
    "requested-addr": ("addr", 32),
    "lease-time": ("int", 32),
    "message-type": ("field", MESSAGE_TYPE),
    "server-id": ("addr", 32),
    "param-req-list": ("codes", REQUESTABLE),
    "max-message-size": ("int", 16),
    "renewal-time": ("int", 32),
    "rebinding-time": ("int", 32),
    "vendor-class-id": ("text", 0),
    "client-id": ("fields", CLIENT_ID),
    "relay-agent-info": ("fields", RELAY_AGENT_INFO),
    "end": ("none", 0),
}
_INT_WIDTH = {"lease-time": 4, "renewal-time": 4, "rebinding-time": 4, "max-message-size": 2,
              "message-type": 1}

HEADER = Header(NAME, (
    Field("options", 0, (), OPTIONS,
          doc="DHCP options in order (RFC 2132): message-type, requested-addr, server-id, "
              "lease-time, param-req-list, client-id, hostname, vendor-class-id, router, "
              "subnet-mask, name-server, domain-name-server, domain-name, relay-agent-info, "
              "pad, padding, end...; end appended when not named; or hex"),
))


def _body(name: str, value: Any) -> bytes:
    """An option's data (after code and length)."""
    form = OPTION_VALUES[name][0]
    if name in _INT_WIDTH:
        return (value & ((1 << 8 * _INT_WIDTH[name]) - 1)).to_bytes(_INT_WIDTH[name], "big")
    if form == "addr":
        return bytes(value)
    if form == "addrs":
        return b"".join(value)
    if form == "text":
        return value.encode()
    if form == "codes":
        return bytes(value)
    v = dict(value)
    if name == "client-id":
        return bytes([v["type"] & 0xFF]) + bytes(v["id"])
    out = b""  # relay-agent-info: RFC 3046 §2.0 sub-options
    for code, key in ((1, "circuit-id"), (2, "remote-id")):
        if v[key]:
            out += bytes([code, len(v[key])]) + bytes(v[key])
    return out


def _one(name: str, value: Any) -> bytes:
    if name not in CODES and name != "padding":
        raise ValueError(f"unknown dhcp option {name!r}")
    if name == "pad":
        return b"\0"
    if name == "end":
        return b"\xff"
    if name == "padding":
        return bytes(value)
    body = _body(name, value)
    if len(body) > 255:
        raise ValueError(f"dhcp option {name} is {len(body)} bytes; at most 255 fit")
    return bytes([CODES[name], len(body)]) + body


def _options_bytes(options: Any) -> bytes:
    if isinstance(options, bytes | bytearray):
        return bytes(options)
    out = b"".join(_one(name, value) for name, value in options)
    if not any(name == "end" for name, _ in options):
        out += b"\xff"  # RFC 2131 §4.1: the options end with end
    return out


options_bytes = memo_by_value(_options_bytes)


def _text(body: bytes) -> str | None:
    try:
        text = body.decode("ascii")
    except UnicodeDecodeError:
        return None
    return text if text.isprintable() else None


def _value(name: str, body: bytes) -> Any:
    """An option's value from its data, or None when this table cannot name it."""
    form = OPTION_VALUES[name][0]
    if name in _INT_WIDTH:
        return int.from_bytes(body, "big") if len(body) == _INT_WIDTH[name] else None
    if form == "addr":
        return body if len(body) == 4 else None
    if form == "addrs":
        if not body or len(body) % 4:
            return None
        return tuple(body[k:k + 4] for k in range(0, len(body), 4))
    if form == "text":
        return _text(body)
    if form == "codes":
        return tuple(body)
    if name == "client-id":
        return (("type", body[0]), ("id", body[1:])) if body else None
    got = {1: b"", 2: b""}  # relay-agent-info
    i = 0
    while i < len(body):
        if i + 2 > len(body) or body[i] not in got or got[body[i]]:
            return None
        got[body[i]] = body[i + 2:i + 2 + body[i + 1]]
        i += 2 + body[i + 1]
    return (("circuit-id", got[1]), ("remote-id", got[2]))


def parse_options(raw: bytes) -> tuple[tuple[str, Any], ...] | bytes:
    """The named form when every option has a name here and the named form
    packs back to exactly ``raw``; else ``raw``."""
    out: list[tuple[str, Any]] = []
    i, n = 0, len(raw)
    while i < n:
        code = raw[i]
        if code == 0:
            run = len(raw[i:]) - len(raw[i:].lstrip(b"\0"))
            out.append(("pad", None) if run == 1 else ("padding", run))
            i += run
            continue
        if code == 255:
            out.append(("end", None))
            i += 1
            continue
        if i + 2 > n or i + 2 + raw[i + 1] > n or code not in _NAMES:
            return raw
        value = _value(_NAMES[code], raw[i + 2:i + 2 + raw[i + 1]])
        if value is None:
            return raw
        out.append((_NAMES[code], value))
        i += 2 + raw[i + 1]
    named = tuple(out)
    return named if _options_bytes(named) == raw else raw


def encode(v: dict[str, Any], payload: bytes, ctx: Any) -> tuple[bytes, dict[str, Any]]:
    return options_bytes(v["options"]), v


def decode(data: bytes, offset: int = 0) -> tuple[dict[str, Any], int]:
    """The options to the end of the datagram (the UDP length bounds ``data``)."""
    raw = bytes(data[offset:])
    return {"options": parse_options(raw) if raw else b""}, len(raw)


def layout(v: dict[str, Any]) -> list[tuple[str, int, int, int]]:
    return [("options", 0, 0, 8 * len(options_bytes(v["options"])))]


def message_type(options: Any) -> int | None:
    if isinstance(options, bytes | bytearray):
        return None
    return next((val for name, val in options if name == "message-type"), None)


def summary(v: dict[str, Any]) -> str:
    t = message_type(v["options"])
    word = _TYPE_NAMES.get(t, str(t)) if t is not None else "options"
    rest = ""
    if not isinstance(v["options"], bytes | bytearray):
        req = next((val for name, val in v["options"] if name == "requested-addr"), None)
        rest = f" requested={ipv4_text(req)}" if req else ""
    return f"DHCP {word}{rest}"


next_layer = nothing_follows  # the options take the rest of the datagram

