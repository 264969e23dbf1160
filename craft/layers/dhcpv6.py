"""DHCPv6 — RFC 8415: client/server messages (§8) and relay agent/server
messages (§9), with their options (§21).

The message type picks what follows it (``fields_for`` tells the profile
loader, which refuses a field the type does not carry):

    client/server messages (1..11)   trid (24), options
    relay-forw, relay-repl (12, 13)  hopcount (8), linkaddr (128), peeraddr (128), options

Internal value of ``options``: a tuple of ``(name, value)`` pairs in wire
order, or ``bytes`` (hex in a profile, or options this table cannot name
exactly). Names (RFC 8415 section), with their values:

    client-id (1; §21.2), server-id (2; §21.3)   a DUID (§11): {duid: llt|en|ll, hwtype,
                                  time, lladdr, enterprise, id}; llt carries hwtype, time
                                  and lladdr, en enterprise and id, ll hwtype and lladdr
    ia-na (3; §21.4)              {iaid, t1, t2, addresses, preferred, valid}: an IA
                                  Address sub-option (§21.6) per address, each with the
                                  preferred and valid lifetimes
    option-request (6; §21.7)     option names or numbers
    preference (7; §21.8)         0..255 (a server's; 255: pick me now)
    elapsed-time (8; §21.9)       hundredths of a second (16 bits)
    relay-message (9; §21.10)     the relayed message, hex
    rapid-commit (14; §21.14)     bare
    interface-id (18; §21.18)     hex
    dns-servers (23; RFC 3646)    IPv6 addresses

Choices: the DUID defaults to DUID-LL (§11.4) of Ethernet (hwtype 1) with
the MAC 00:00:00:00:00:00, as scapy's DUID_LL; an IA_NA's iaid, t1 and t2
default to 0. Decoding names the options only when naming them gives back
exactly the same bytes; otherwise the whole list stays bytes.
"""

from __future__ import annotations

import struct
from typing import Any

from craft.layers import bindings, rows
from craft.layers.address import ipv6_text
from craft.layers.base import (
    BYTES,
    ENUM,
    INT,
    IPV6,
    IPV6S,
    MAC,
    OPTIONS,
    Field,
    Header,
    memo_by_value,
    nothing_follows,
    value_text,
)
from craft.layers.context import Context

NAME = "dhcpv6"
SERVER_PORT, CLIENT_PORT = 547, 546  # RFC 8415 §7.2
BOUND = bindings.on_port(SERVER_PORT, client=CLIENT_PORT)
KEY_FIELDS = ("msgtype",)
LAYOUT_FIELDS = frozenset({"msgtype"})  # it picks the fields after it
RELAY_FORW, RELAY_REPL = 12, 13

TYPES = {  # RFC 8415 §7.3
    "solicit": 1, "advertise": 2, "request": 3, "confirm": 4, "renew": 5, "rebind": 6,
    "reply": 7, "release": 8, "decline": 9, "reconfigure": 10, "information-request": 11,
    "relay-forw": 12, "relay-repl": 13,
}

DUID = (
    Field("duid", 16, 3, ENUM, names={"llt": 1, "en": 2, "ll": 3},
          doc="DUID type (RFC 8415 §11): llt, en or ll; ll as scapy's DUID_LL"),
    Field("hwtype", 16, 1, INT, doc="llt, ll: hardware type (1: Ethernet)"),
    Field("time", 32, 0, INT, doc="llt: seconds since 2000-01-01 UTC"),
    Field("lladdr", 48, bytes(6), MAC, doc="llt, ll: the link-layer address, a MAC"),
    Field("enterprise", 32, 0, INT, doc="en: the vendor's enterprise number"),
    Field("id", 0, b"", BYTES, doc="en: the identifier, hex"),
)
IA_NA = (
    Field("iaid", 32, 0, INT, doc="identity association id"),
    Field("t1", 32, 0, INT, doc="seconds until the client renews"),
    Field("t2", 32, 0, INT, doc="seconds until the client rebinds"),
    Field("addresses", 0, (), IPV6S, doc="addresses, an IA Address sub-option each"),
    Field("preferred", 32, 0, INT, doc="each address's preferred lifetime, seconds"),
    Field("valid", 32, 0, INT, doc="each address's valid lifetime, seconds"),
)
CODES = {"client-id": 1, "server-id": 2, "ia-na": 3, "option-request": 6, "preference": 7,
         "elapsed-time": 8,
         "relay-message": 9, "rapid-commit": 14, "interface-id": 18, "dns-servers": 23}
_NAMES = {n: w for w, n in CODES.items()}
_IA_ADDR = 5  # RFC 8415 §21.6
OPTION_CODE = Field("option", 16, 0, ENUM, names=CODES, doc="a DHCPv6 option code")

OPTION_VALUES: dict[str, tuple[str, Any]] = {
    "client-id": ("fields", DUID),
    "server-id": ("fields", DUID),
    "ia-na": ("fields", IA_NA),
    "option-request": ("codes", OPTION_CODE),
    "preference": ("int", 8),
    "elapsed-time": ("int", 16),
    "relay-message": ("hex", 0),
    "rapid-commit": ("none", 0),
    "interface-id": ("hex", 0),
    "dns-servers": ("addrs", 128),
}

HEADER = Header(NAME, (
    Field("msgtype", 8, 1, ENUM, names=TYPES, doc="message type; solicit as scapy's "
          "DHCP6_Solicit"),
    Field("trid", 24, 0, packed=False, doc="transaction id (client/server messages); 0 as scapy"),
    Field("hopcount", 8, 0, packed=False, doc="relay messages: relay agents crossed"),
    Field("linkaddr", 128, bytes(16), IPV6, packed=False,
          doc="relay messages: an address on the client's link; :: as scapy"),
    Field("peeraddr", 128, bytes(16), IPV6, packed=False,
          doc="relay messages: the address the message came from; :: as scapy"),
    Field("options", 0, (), OPTIONS,
          doc="options in order: client-id, server-id, ia-na, option-request, preference, "
              "elapsed-time, rapid-commit, relay-message, interface-id, dns-servers; or hex"),
))

_CLIENT = (("trid", 24), ("options", 0))
_RELAY = (("hopcount", 8), ("linkaddr", 128), ("peeraddr", 128), ("options", 0))


def row(v: dict[str, Any]) -> rows.Row:
    return _RELAY if v.get("msgtype") in (RELAY_FORW, RELAY_REPL) else _CLIENT


def fields_for(v: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    return type_word(v["msgtype"]), ("msgtype", *(n for n, _ in row(v)))


def _duid(v: dict[str, Any]) -> bytes:
    t = v["duid"]
    if t == 1:
        return struct.pack("!HHI6s", 1, v["hwtype"], v["time"], v["lladdr"])
    if t == 2:
        return struct.pack("!HI", 2, v["enterprise"]) + bytes(v["id"])
    if t == 3:
        return struct.pack("!HH6s", 3, v["hwtype"], v["lladdr"])
    return struct.pack("!H", t) + bytes(v["id"])


def _body(name: str, value: Any) -> bytes:
    if name in ("client-id", "server-id"):
        return _duid(dict(value))
    if name == "ia-na":
        v = dict(value)
        out = struct.pack("!III", v["iaid"], v["t1"], v["t2"])
        for a in v["addresses"]:
            out += struct.pack("!HH16sII", _IA_ADDR, 24, a, v["preferred"], v["valid"])
        return out
    if name == "option-request":
        return b"".join(struct.pack("!H", c) for c in value)
    if name == "elapsed-time":
        return struct.pack("!H", value & 0xFFFF)
    if name == "preference":
        return bytes([value & 0xFF])
    if name == "rapid-commit":
        return b""
    if name == "dns-servers":
        return b"".join(value)
    return bytes(value)  # relay-message, interface-id


def _options_bytes(options: Any) -> bytes:
    if isinstance(options, bytes | bytearray):
        return bytes(options)
    out = bytearray()
    for name, value in options:
        if name not in CODES:
            raise ValueError(f"unknown dhcpv6 option {name!r}")
        body = _body(name, value)
        out += struct.pack("!HH", CODES[name], len(body)) + body
    return bytes(out)


options_bytes = memo_by_value(_options_bytes)


def _read_duid(body: bytes) -> Any:
    if len(body) < 2:
        return None
    t = struct.unpack_from("!H", body)[0]
    v = {f.name: f.default for f in DUID}
    v["duid"] = t
    if t == 1 and len(body) == 14:
        v["hwtype"], v["time"] = struct.unpack_from("!HI", body, 2)
        v["lladdr"] = body[8:]
    elif t == 2 and len(body) >= 6:
        v["enterprise"] = struct.unpack_from("!I", body, 2)[0]
        v["id"] = body[6:]
    elif t == 3 and len(body) == 10:
        v["hwtype"] = struct.unpack_from("!H", body, 2)[0]
        v["lladdr"] = body[4:]
    else:
        return None
    return tuple((f.name, v[f.name]) for f in DUID)


def _read_ia_na(body: bytes) -> Any:
    if len(body) < 12 or (len(body) - 12) % 28:
        return None
    iaid, t1, t2 = struct.unpack_from("!III", body)
    addresses, lifetimes = [], set()
    for k in range(12, len(body), 28):
        code, length, addr, pref, valid = struct.unpack_from("!HH16sII", body, k)
        if code != _IA_ADDR or length != 24:
            return None
        addresses.append(addr)
        lifetimes.add((pref, valid))
    if len(lifetimes) > 1:
        return None
    pref, valid = lifetimes.pop() if lifetimes else (0, 0)
    return (("iaid", iaid), ("t1", t1), ("t2", t2), ("addresses", tuple(addresses)),
            ("preferred", pref), ("valid", valid))


def _value(name: str, body: bytes) -> Any:
    if name in ("client-id", "server-id"):
        return _read_duid(body)
    if name == "ia-na":
        return _read_ia_na(body)
    if name == "option-request":
        if len(body) % 2:
            return None
        return tuple(struct.unpack(f"!{len(body) // 2}H", body))
    if name == "elapsed-time":
        return struct.unpack("!H", body)[0] if len(body) == 2 else None
    if name == "preference":
        return body[0] if len(body) == 1 else None
    if name == "rapid-commit":
        return None if body else ()
    if name == "dns-servers":
        if len(body) % 16:
            return None
        return tuple(body[k:k + 16] for k in range(0, len(body), 16))
    return body


def parse_options(raw: bytes) -> tuple[tuple[str, Any], ...] | bytes:
    """The named form when every option has a name here and the named form
    packs back to exactly ``raw``; else ``raw``."""
    out: list[tuple[str, Any]] = []
    i, n = 0, len(raw)
    while i < n:
        if i + 4 > n:
            return raw
        code, length = struct.unpack_from("!HH", raw, i)
        if i + 4 + length > n or code not in _NAMES:
            return raw
        value = _value(_NAMES[code], raw[i + 4:i + 4 + length])
        if value is None:
            return raw
        out.append((_NAMES[code], None if code == 14 else value))
        i += 4 + length
    named = tuple(out)
    return named if _options_bytes(named) == raw else raw


def _read_to_end(data: bytes, start: int, end: int, v: dict[str, Any]) -> tuple[Any, int]:
    return (parse_options(bytes(data[start:end])) if end > start else ()), end


_VARIABLE = {"options": rows.Variable(lambda v: options_bytes(v["options"]) if v["options"]
                                      else b"", _read_to_end)}
TYPED = rows.Typed(HEADER, row, _VARIABLE, NAME)
layout = TYPED.layout
_pack = HEADER.pack


def encode(v: dict[str, Any], payload: bytes, ctx: Context) -> tuple[bytes, dict[str, Any]]:
    return _pack(v) + TYPED.body(v), v


def decode(data: bytes, offset: int = 0) -> tuple[dict[str, Any], int]:
    v, hlen = TYPED.decode_rest(HEADER.unpack(data, offset), data, offset)
    return v, hlen


next_layer = nothing_follows  # the options take the rest of the datagram


def type_word(t: int) -> str:
    return value_text(HEADER.by_name["msgtype"], t)


def summary(v: dict[str, Any]) -> str:
    if v["msgtype"] in (RELAY_FORW, RELAY_REPL):
        return (f"DHCPv6 {type_word(v['msgtype'])} hopcount={v['hopcount']}"
                f" peeraddr={ipv6_text(v['peeraddr'])}")
    return f"DHCPv6 {type_word(v['msgtype'])} trid={v['trid']:#x}"


def request_key(v: dict[str, Any], ip: Any, layers: Any) -> tuple | None:
    """Answered by an advertise or reply with the same transaction id (RFC 8415 §16)."""
    return ("dhcpv6", v["trid"]) if v["msgtype"] in (1, 3, 4, 5, 6, 8, 9, 11) else None


def reply_key(v: dict[str, Any], ip: Any, layers: Any) -> tuple | None:
    return ("dhcpv6", v["trid"]) if v["msgtype"] in (2, 7) else None
