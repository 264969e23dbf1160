"""CDP — the Cisco Discovery Protocol, carried in SNAP (OUI 0x00000c, PID
0x2000) to 01:00:0c:cc:cc:cc: version, TTL, checksum, then TLVs to the end
of the frame's data (tcpdump's print-cdp.c, Wireshark's packet-cdp.c).

``tlvs`` is a list of named TLVs (``OPTION_FIELDS``), or hex:

    device-id (1), port-id (3), software-version (5),
    platform (6), vtp-domain (9)       text
    addresses (2)                      IPv4 addresses (NLPID 0xcc records)
    capabilities (4)                   {flags: router,switch,...} (32 bits)
    native-vlan (10)                   a number (16 bits)
    duplex (11)                        0 half, 1 full

Decoding names the list only when the names give back the same bytes.

The checksum is the Internet checksum over the whole CDP message, except
for an odd length: Cisco puts the last byte in the low half of a last word
read as a signed number, with an off-by-one for negative ones, so that word
is 0x00NN for NN < 0x80 and 0xff00 + NN - 1 otherwise (Wireshark's
packet-cdp.c; scapy's contrib/cdp.py agrees but for NN = 0x80).
Defaults as scapy's CDPv2_HDR: version 2, TTL 180, no TLVs.
"""

from __future__ import annotations

import struct
from typing import Any

from craft.layers.base import FLAGS, OPTIONS, Checksum, Field, Header, inet_checksum

NAME = "cdp"
BOUND = (("snap", "pid", 0x2000),)  # under Cisco's OUI (snap.OUIS)
CHECKSUM = Checksum()  # over the whole message, no pseudo-header (the odd rule: above)
KEY_FIELDS = ("version",)

CAPABILITIES = {
    "router": 0x01, "bridge": 0x02, "source-route-bridge": 0x04, "switch": 0x08,
    "host": 0x10, "igmp": 0x20, "repeater": 0x40, "phone": 0x80, "remote": 0x100,
    "cvta": 0x200, "mac-relay": 0x400,
}
CAPS = (Field("flags", 32, 0, FLAGS, names=CAPABILITIES,
              doc="router, bridge, source-route-bridge, switch, host, igmp, repeater, "
                  "phone, remote, cvta, mac-relay"),)

TLV_TYPES = {"device-id": 1, "addresses": 2, "port-id": 3, "capabilities": 4,
             "software-version": 5, "platform": 6, "vtp-domain": 9, "native-vlan": 10,
             "duplex": 11}
_NAMES = {n: w for w, n in TLV_TYPES.items()}
_TEXT = frozenset({"device-id", "port-id", "software-version", "platform", "vtp-domain"})
OPTION_FIELDS = {"tlvs": {
    "device-id": ("text", 0),
    "addresses": ("addrs", 32),
    "port-id": ("text", 0),
    "capabilities": ("fields", CAPS),
    "software-version": ("text", 0),
    "platform": ("text", 0),
    "vtp-domain": ("text", 0),
    "native-vlan": ("int", 16),
    "duplex": ("int", 8),
}}
MAX_OPTIONS = 0xFFFF - 4  # what fits an 802.3 length after the header, about
_NLPID_IP = b"\x01\x01\xcc"  # protocol type NLPID, length 1, IP (0xcc)

HEADER = Header(NAME, (
    Field("version", 8, 2, doc="CDP version; 2 as scapy"),
    Field("ttl", 8, 180, doc="seconds a receiver keeps the information; 180 as scapy"),
    Field("checksum", 16, None, computed=True,
          doc="Internet checksum of the message, Cisco's rule for an odd length"),
    Field("tlvs", 0, (), OPTIONS,
          doc="TLVs by name (device-id, addresses, port-id, capabilities, "
              "software-version, platform, vtp-domain, native-vlan, duplex) or hex"),
))


def _one(name: str, value: Any) -> bytes:
    if name in _TEXT:
        body = value.encode()
    elif name == "addresses":
        body = struct.pack("!I", len(value)) + b"".join(
            _NLPID_IP + struct.pack("!H", 4) + a for a in value)
    elif name == "capabilities":
        body = struct.pack("!I", dict(value)["flags"] & 0xFFFFFFFF)
    elif name == "native-vlan":
        body = struct.pack("!H", value & 0xFFFF)
    else:  # duplex
        body = bytes([value & 0xFF])
    return struct.pack("!HH", TLV_TYPES[name], 4 + len(body)) + body


def options_bytes(tlvs: Any) -> bytes:
    if isinstance(tlvs, bytes | bytearray):
        return bytes(tlvs)
    out = []
    for name, value in tlvs:
        if name not in TLV_TYPES:
            raise ValueError(f"unknown cdp tlv {name!r}")
        out.append(_one(name, value))
    return b"".join(out)


def _value(name: str, body: bytes) -> Any:
    if name in _TEXT:
        try:
            return body.decode()
        except UnicodeDecodeError:
            return None
    if name == "addresses":
        if len(body) < 4:
            return None
        n = struct.unpack_from("!I", body)[0]
        if len(body) != 4 + 9 * n:
            return None
        return tuple(body[4 + 9 * k + 5:4 + 9 * k + 9] for k in range(n))
    if name == "capabilities":
        return (("flags", struct.unpack("!I", body)[0]),) if len(body) == 4 else None
    if name == "native-vlan":
        return struct.unpack("!H", body)[0] if len(body) == 2 else None
    return body[0] if len(body) == 1 else None  # duplex


def parse_tlvs(raw: bytes) -> tuple[tuple[str, Any], ...] | bytes:
    """The named form when every TLV has a name here and the named form
    packs back to exactly ``raw``; else ``raw``."""
    out = []
    i = 0
    while i < len(raw):
        if i + 4 > len(raw):
            return raw
        t, length = struct.unpack_from("!HH", raw, i)
        name = _NAMES.get(t)
        if name is None or length < 4 or i + length > len(raw):
            return raw
        value = _value(name, raw[i + 4:i + length])
        if value is None:
            return raw
        out.append((name, value))
        i += length
    named = tuple(out)
    return named if options_bytes(named) == raw else raw


def cdp_checksum(data: bytes) -> int:
    """The Internet checksum with Cisco's odd-length rule (module docstring)."""
    if len(data) % 2:
        last = data[-1]
        word = 0xFF00 + last - 1 if last & 0x80 else last
        data = data[:-1] + word.to_bytes(2, "big")
    return inet_checksum(data)


def encode(v: dict[str, Any], payload: bytes, ctx: Any) -> tuple[bytes, dict[str, Any]]:
    tlvs = options_bytes(v["tlvs"]) if v["tlvs"] else b""
    if v["checksum"] is None:
        v = dict(v)
        v["checksum"] = 0
        v["checksum"] = cdp_checksum(HEADER.pack(v) + tlvs + payload)
    return HEADER.pack(v) + tlvs, v


def decode(data: bytes, offset: int = 0) -> tuple[dict[str, Any], int]:
    """The header and every TLV to the end of the data (the 802.3 length
    bounds it)."""
    v = HEADER.unpack(data, offset)
    v["tlvs"] = parse_tlvs(bytes(data[offset + HEADER.size:]))
    return v, len(data) - offset


def layout(v: dict[str, Any]) -> list[tuple[str, int, int, int]]:
    out = list(HEADER.fixed_layout())
    if v.get("tlvs"):
        out.append(("tlvs", HEADER.size, 0, 8 * len(options_bytes(v["tlvs"]))))
    return out


def trafgen_checksum(enc: Any, ip: Any) -> tuple[int, str] | str:
    """trafgen's csumip over the message: right for an even length only."""
    if len(enc.header) % 2:
        return "of an odd length (Cisco's own rule)"
    return enc.offset + 2, f"csumip({enc.offset}, {enc.offset + len(enc.header) - 1})"


def summary(v: dict[str, Any]) -> str:
    tlvs = v["tlvs"]
    what = f"{len(tlvs)} bytes of TLVs" if isinstance(tlvs, bytes | bytearray) else \
        ",".join(n for n, _ in tlvs) or "no TLVs"
    return f"CDP v{v['version']} ttl={v['ttl']} {what}"

