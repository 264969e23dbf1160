"""Neighbor-discovery options (RFC 4861 §4.6 and later) for icmpv6: their
names, what each one's value is in a profile, and their bytes both ways (a
helper module, not a layer).

Internal value of ``icmpv6.options``: a tuple of ``(name, value)`` pairs in
wire order, or ``bytes`` (hex in a profile, or options this table cannot
name exactly). Values:

    src-lladdr, tgt-lladdr (1, 2; RFC 4861 §4.6.1)  a 6-byte MAC (profiles: auto too)
    prefix-info (3; §4.6.2)   (prefix, length, flags L A R, valid, preferred)
    redirected (4; §4.6.3)    the quoted packet's bytes (zero-padded to 8)
    mtu (5; §4.6.4)           the link MTU
    rdnss (25; RFC 8106 §5.1) (lifetime, servers)
    dnssl (31; RFC 8106 §5.2) (lifetime, domains)

Structured values are ``(sub-field, value)`` pairs in the order of their
``base.Field`` table below (``OPTION_VALUES`` form ``fields``); reserved
bits are sent as zero. Decoding names the options only when naming them
gives back exactly the same bytes; otherwise the whole list stays bytes.
"""

from __future__ import annotations

import struct
from ipaddress import IPv6Address
from typing import Any

from craft.layers.base import FLAGS, INT, IPV6, IPV6S, NAMES, Field

PREFIX_INFO = (
    Field("prefix", 128, IPv6Address("2001:db8::").packed, IPV6,
          doc="the prefix; default 2001:db8:: (scapy: ::)"),
    Field("length", 8, 64, INT, doc="prefix length in bits; 64 as scapy"),
    Field("flags", 3, 0b110, FLAGS, letters="LAR",
          names={"on-link": 4, "autonomous": 2, "router-address": 1},
          doc="L(on-link) A(utonomous, SLAAC) R(outer address, RFC 6275); LA as scapy"),
    Field("valid", 32, 0xFFFFFFFF, INT, doc="valid lifetime, seconds; infinity as scapy"),
    Field("preferred", 32, 0xFFFFFFFF, INT,
          doc="preferred lifetime, seconds; infinity as scapy"),
)
RDNSS = (
    Field("lifetime", 32, 0xFFFFFFFF, INT, doc="seconds; infinity as scapy"),
    Field("servers", 0, (), IPV6S, doc="the DNS servers' addresses"),
)
DNSSL = (
    Field("lifetime", 32, 0xFFFFFFFF, INT, doc="seconds; infinity as scapy"),
    Field("domains", 0, (), NAMES, doc="search domains"),
)

# name -> (form, bits or sub-field table): what a profile writes (profile/load.py)
OPTION_VALUES: dict[str, tuple[str, Any]] = {
    "src-lladdr": ("mac", 48),
    "tgt-lladdr": ("mac", 48),
    "prefix-info": ("fields", PREFIX_INFO),
    "redirected": ("hex", 0),
    "mtu": ("int", 32),
    "rdnss": ("fields", RDNSS),
    "dnssl": ("fields", DNSSL),
}
OPTION_TYPES = {"src-lladdr": 1, "tgt-lladdr": 2, "prefix-info": 3, "redirected": 4,
                "mtu": 5, "rdnss": 25, "dnssl": 31}
_NAMES = {n: w for w, n in OPTION_TYPES.items()}


def _labels(domains: Any) -> bytes:
    out = bytearray()
    for d in domains:
        for label in d.strip(".").split("."):
            if label:
                out += bytes([len(label)]) + label.encode()
        out += b"\0"
    return bytes(out)


def _one(name: str, value: Any) -> bytes:
    t = OPTION_TYPES[name]
    if name in ("src-lladdr", "tgt-lladdr"):
        return struct.pack("!BB6s", t, 1, value)
    if name == "mtu":
        return struct.pack("!BBHI", t, 1, 0, value & 0xFFFFFFFF)
    if name == "redirected":
        body = bytes(value) + b"\0" * (-len(value) % 8)
        return struct.pack("!BB6x", t, 1 + len(body) // 8) + body
    v = dict(value)
    if name == "prefix-info":
        return struct.pack("!BBBBIII16s", t, 4, v["length"] & 0xFF, (v["flags"] & 7) << 5,
                           v["valid"] & 0xFFFFFFFF, v["preferred"] & 0xFFFFFFFF, 0, v["prefix"])
    if name == "rdnss":
        servers = b"".join(v["servers"])
        return struct.pack("!BBHI", t, 1 + 2 * len(v["servers"]), 0,
                           v["lifetime"] & 0xFFFFFFFF) + servers
    names = _labels(v["domains"])  # dnssl
    names += b"\0" * (-len(names) % 8)
    return struct.pack("!BBHI", t, 1 + len(names) // 8, 0, v["lifetime"] & 0xFFFFFFFF) + names


def options_bytes(options: Any) -> bytes:
    if isinstance(options, bytes | bytearray):
        return bytes(options)
    out = []
    for name, value in options:
        if name not in OPTION_TYPES:
            raise ValueError(f"unknown icmpv6 option {name!r}")
        out.append(_one(name, value))
    return b"".join(out)


def _domains(body: bytes) -> tuple[str, ...] | None:
    out, labels, i = [], [], 0
    while i < len(body):
        n = body[i]
        if n == 0:
            if not labels:  # padding
                break
            out.append(".".join(labels))
            labels = []
            i += 1
            continue
        if n > 63 or i + 1 + n > len(body):
            return None
        try:
            labels.append(body[i + 1:i + 1 + n].decode("ascii"))
        except UnicodeDecodeError:
            return None
        i += 1 + n
    return tuple(out) if not labels else None


def _value(t: int, opt: bytes) -> Any:
    body = opt[2:]
    if t in (1, 2):
        return body if len(body) == 6 else None
    if t == 3 and len(opt) == 32:
        length, flags, valid, preferred = struct.unpack_from("!BBII", body)
        return (("prefix", body[14:30]), ("length", length), ("flags", flags >> 5),
                ("valid", valid), ("preferred", preferred))
    if t == 4:
        return body[6:]
    if t == 5 and len(opt) == 8:
        return struct.unpack_from("!I", body, 2)[0]
    if t == 25 and len(opt) >= 8 and (len(opt) - 8) % 16 == 0:
        servers = tuple(body[6 + k:22 + k] for k in range(0, len(opt) - 8, 16))
        return (("lifetime", struct.unpack_from("!I", body, 2)[0]), ("servers", servers))
    if t == 31 and len(opt) >= 8:
        domains = _domains(body[6:])
        if domains is None:
            return None
        return (("lifetime", struct.unpack_from("!I", body, 2)[0]), ("domains", domains))
    return None


def parse_options(raw: bytes) -> tuple[tuple[str, Any], ...] | bytes:
    """The named form when every option has a name here and the named form
    packs back to exactly ``raw``; else ``raw``."""
    out = []
    i, n = 0, len(raw)
    while i < n:
        if i + 2 > n or raw[i + 1] == 0 or i + 8 * raw[i + 1] > n or raw[i] not in _NAMES:
            return raw
        opt = raw[i:i + 8 * raw[i + 1]]
        value = _value(raw[i], opt)
        if value is None:
            return raw
        out.append((_NAMES[raw[i]], value))
        i += len(opt)
    named = tuple(out)
    return named if options_bytes(named) == raw else raw


def auto_options(options: Any, mac: bytes) -> Any:
    """The options with every auto link-layer address (None) made ``mac``."""
    return tuple((o, mac if val is None and o.endswith("lladdr") else val) for o, val in options)
