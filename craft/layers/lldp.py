"""LLDP — IEEE 802.1AB (Link Layer Discovery Protocol): an LLDPDU, a list of
TLVs each with a 7-bit type and a 9-bit length (§8.4), carried in Ethernet
type 0x88cc, sent to the nearest-bridge group 01:80:c2:00:00:0e (§7.1;
``ether.dst: auto`` gives it).

The header is one field, ``tlvs``: a tuple of ``(name, value)`` pairs in
wire order, or ``bytes`` (hex in a profile, or TLVs this table cannot name
exactly). TLV names (``OPTION_FIELDS``; the form of each value in brackets):

    chassis-id (1; §8.5.2)     {subtype, mac, address, id}: subtype mac (4) sends
                               ``mac``, network-address (5) sends ``address`` behind
                               its IANA family (1 IPv4, 2 IPv6; computed), the other
                               subtypes send ``id`` as text (decoded as such when it
                               is printable ASCII, else the TLV is a ``tlv``)
    port-id (2; §8.5.3)        the same, with the port subtypes (mac 3,
                               network-address 4, interface-name 5, ...)
    ttl (3; §8.5.4)            seconds (16 bits)
    port-description (4), system-name (5), system-description (6)   text
    capabilities (7; §8.5.8)   {system, enabled}: flags by name
    management-address (8; §8.5.9)  {address, ifsubtype, ifnumber, oid}: the
                               address subtype (1 IPv4, 2 IPv6) and the address
                               string length are computed; oid as hex
    org-specific (127; §8.6)   {oui, subtype, info}: info as hex
    end (0; §8.5.1)            End Of LLDPDU, bare
    tlv                        {type, value}: any other TLV, its value as hex

Choices: every TLV length is computed (give hex for a wrong one); an
``end`` TLV is appended when the list has none, as scapy's LLDPDUEndOfLLDPDU
would be appended by hand (802.1AB-2005 requires it; hex is sent as given,
with no End added). With no ``tlvs`` given, the three mandatory TLVs
(§8.2): chassis-id MAC 02:00:00:00:00:01 (the lab client, as ether.src),
port-id interface-name ``eth0``, ttl 120 (802.1AB's default msgTxInterval
30 s times msgTxHold 4; scapy: 20). Decoding reads TLVs up to and including
End (the bytes after it are the Ethernet padding), or to the end of the frame
when there is none; it names the list only when naming it gives back exactly
the same bytes (a list with no End stays bytes).
"""

from __future__ import annotations

import struct
from typing import Any

from craft.errors import Truncated, UsageError
from craft.layers.address import text
from craft.layers.base import BYTES, ENUM, FLAGS, INT, IP, MAC, OPTIONS, TEXT, Field, Header
from craft.layers.ether import ETHERTYPES

NAME = "lldp"
BOUND = (("ether", "type", ETHERTYPES["lldp"]), ("vlan", "type", ETHERTYPES["lldp"]))
NEAREST_BRIDGE = bytes.fromhex("0180c200000e")  # 802.1AB §7.1, table 7-1
LINK_DST_INPUTS: tuple[str, ...] = ()  # an auto ether.dst in front is always the group
MAX_TLV = 511  # a 9-bit length (§8.4)
MAX_OPTIONS = 1500  # an LLDPDU in one untagged Ethernet frame

_LAB_MAC = bytes.fromhex("020000000001")
_LAB_IPV4 = bytes([192, 0, 2, 1])

CHASSIS_SUBTYPES = {"chassis-component": 1, "interface-alias": 2, "port-component": 3,
                    "mac": 4, "network-address": 5, "interface-name": 6, "local": 7}
PORT_SUBTYPES = {"interface-alias": 1, "port-component": 2, "mac": 3, "network-address": 4,
                 "interface-name": 5, "agent-circuit-id": 6, "local": 7}
# §8.5.8.1 system capabilities, one bit each from the least significant up
CAPABILITIES = {"other": 1, "repeater": 2, "bridge": 4, "wlan-ap": 8, "router": 16,
                "telephone": 32, "docsis": 64, "station": 128, "c-vlan": 256,
                "s-vlan": 512, "tpmr": 1024}
IF_SUBTYPES = {"unknown": 1, "ifindex": 2, "port-number": 3}  # §8.5.9.5
FAMILY = {4: 1, 16: 2}  # address length -> IANA address family number


def _id_fields(subtypes: dict[str, int], default: str, text: str) -> tuple[Field, ...]:
    return (
        Field("subtype", 8, subtypes[default], ENUM, names=subtypes,
              doc=f"ID subtype; {default} (scapy: 0, reserved)"),
        Field("mac", 48, _LAB_MAC, MAC,
              doc="subtype mac: the MAC; default 02:00:00:00:00:01 (the lab client)"),
        Field("address", 0, _LAB_IPV4, IP,
              doc="subtype network-address: an IPv4 or IPv6 address, its family computed; "
                  "default 192.0.2.1"),
        Field("id", 8 * 255, text.encode(), TEXT,
              doc=f"the other subtypes: the ID as text, 1..255 bytes; default {text}"),
    )


CHASSIS_ID = _id_fields(CHASSIS_SUBTYPES, "mac", "craft")
PORT_ID = _id_fields(PORT_SUBTYPES, "interface-name", "eth0")
CAPABILITY_FIELDS = (
    Field("system", 16, 0, FLAGS, names=CAPABILITIES,
          doc="capabilities the system has: other, repeater, bridge, wlan-ap, router, "
              "telephone, docsis, station, c-vlan, s-vlan, tpmr; none as scapy"),
    Field("enabled", 16, 0, FLAGS, names=CAPABILITIES,
          doc="capabilities enabled, the same names; none as scapy"),
)
MANAGEMENT = (
    Field("address", 0, _LAB_IPV4, IP,
          doc="an IPv4 or IPv6 address (subtype 1 or 2, computed); default 192.0.2.1"),
    Field("ifsubtype", 8, 1, ENUM, names=IF_SUBTYPES,
          doc="interface numbering subtype: unknown (as scapy), ifindex, port-number"),
    Field("ifnumber", 32, 0, INT, doc="interface number; 0 as scapy"),
    Field("oid", 0, b"", BYTES, doc="object identifier (BER bytes) as hex; none as scapy"),
)
ORG_SPECIFIC = (
    Field("oui", 24, 0, INT, doc="organizationally unique identifier, e.g. 0x0080c2 "
                                 "(IEEE 802.1), 0x00120f (IEEE 802.3); 0 as scapy"),
    Field("subtype", 8, 0, INT, doc="the organization's TLV subtype; 0 as scapy"),
    Field("info", 0, b"", BYTES, doc="the information string as hex, at most 507 bytes"),
)
GENERIC = (
    Field("type", 7, 9, INT, doc="TLV type; 9 (the first reserved one)"),
    Field("value", 0, b"", BYTES, doc="the TLV's value as hex, at most 511 bytes"),
)

# name -> (form, bits or sub-field table): what a profile writes (profile/options.py)
TLV_VALUES: dict[str, tuple[str, Any]] = {
    "chassis-id": ("fields", CHASSIS_ID),
    "port-id": ("fields", PORT_ID),
    "ttl": ("int", 16),
    "port-description": ("text", 8 * 255),
    "system-name": ("text", 8 * 255),
    "system-description": ("text", 8 * 255),
    "capabilities": ("fields", CAPABILITY_FIELDS),
    "management-address": ("fields", MANAGEMENT),
    "org-specific": ("fields", ORG_SPECIFIC),
    "end": ("none", 0),
    "tlv": ("fields", GENERIC),
}
OPTION_FIELDS = {"tlvs": TLV_VALUES}
OPTION_VALUES = TLV_VALUES
TYPES = {"end": 0, "chassis-id": 1, "port-id": 2, "ttl": 3, "port-description": 4,
         "system-name": 5, "system-description": 6, "capabilities": 7,
         "management-address": 8, "org-specific": 127}
_NAMES = {n: w for w, n in TYPES.items()}
_TEXTS = ("port-description", "system-name", "system-description")


def defaults_of(table: tuple[Field, ...]) -> tuple[tuple[str, Any], ...]:
    return tuple((f.name, f.default) for f in table)


DEFAULT_TLVS = (("chassis-id", defaults_of(CHASSIS_ID)), ("port-id", defaults_of(PORT_ID)),
                ("ttl", 120))

HEADER = Header(NAME, (
    Field("tlvs", 0, DEFAULT_TLVS, OPTIONS,
          doc="TLVs in order, or hex: chassis-id and port-id {subtype, mac, address, id}, "
              "ttl N, port-description, system-name, system-description (text), "
              "capabilities {system, enabled}, management-address {address, ifsubtype, "
              "ifnumber, oid}, org-specific {oui, subtype, info}, end, tlv {type, value}; "
              "an end TLV is appended when none is given. Default: chassis-id MAC "
              "02:00:00:00:00:01, port-id interface-name eth0, ttl 120"),
))


def _tlv(name: str, t: int, body: bytes) -> bytes:
    if len(body) > MAX_TLV:
        raise UsageError(f"lldp {name} TLV is {len(body)} bytes; at most {MAX_TLV} fit")
    return struct.pack("!H", t << 9 | len(body)) + body


def _id(v: dict[str, Any], mac: int) -> bytes:
    sub = v["subtype"]
    if sub == mac:
        return bytes([sub]) + v["mac"]
    if sub == mac + 1:  # network-address: the IANA family, then the address
        return bytes([sub, FAMILY[len(v["address"])]]) + v["address"]
    return bytes([sub]) + bytes(v["id"])


def _one(name: str, value: Any) -> bytes:
    if name == "end":
        return b"\0\0"
    if name == "ttl":
        return _tlv(name, 3, struct.pack("!H", value & 0xFFFF))
    if name in _TEXTS:
        return _tlv(name, TYPES[name], value.encode())
    v = dict(value)
    if name == "chassis-id":
        return _tlv(name, 1, _id(v, 4))
    if name == "port-id":
        return _tlv(name, 2, _id(v, 3))
    if name == "capabilities":
        return _tlv(name, 7, struct.pack("!HH", v["system"] & 0xFFFF, v["enabled"] & 0xFFFF))
    if name == "management-address":
        a = v["address"]
        return _tlv(name, 8, bytes([1 + len(a), FAMILY[len(a)]]) + a + struct.pack(
            "!BIB", v["ifsubtype"] & 0xFF, v["ifnumber"] & 0xFFFFFFFF, len(v["oid"])) + v["oid"])
    if name == "org-specific":
        return _tlv(name, 127, (v["oui"] & 0xFFFFFF).to_bytes(3, "big")
                    + bytes([v["subtype"] & 0xFF]) + v["info"])
    if name == "tlv":
        return _tlv(name, v["type"] & 0x7F, v["value"])
    raise ValueError(f"unknown lldp TLV {name!r}")


def _build(tlvs: Any) -> bytes:
    out = [_one(name, value) for name, value in tlvs]
    if not any(name == "end" for name, _ in tlvs):
        out.append(b"\0\0")
    return b"".join(out)


_MEMO: dict[Any, bytes] = {}


def options_bytes(tlvs: Any) -> bytes:
    """The LLDPDU's bytes: named TLVs packed (an End appended when none is
    given), or bytes as they are."""
    if isinstance(tlvs, bytes | bytearray):
        return bytes(tlvs)
    got = _MEMO.get(tlvs)
    if got is None:
        if len(_MEMO) > 256:
            _MEMO.clear()
        got = _MEMO[tlvs] = _build(tlvs)
    return got


def _text(body: bytes) -> str | None:
    try:
        return body.decode()
    except UnicodeDecodeError:
        return None


def printable(data: bytes) -> bool:
    """Bytes that read back the same as text: printable ASCII."""
    return bool(data) and all(32 <= b < 127 for b in data)


def _read_id(body: bytes, table: tuple[Field, ...], mac: int) -> Any:
    if not body:
        return None
    v = dict(defaults_of(table))
    v["subtype"] = sub = body[0]
    rest = body[1:]
    if sub == mac:
        if len(rest) != 6:
            return None
        v["mac"] = rest
    elif sub == mac + 1:
        if len(rest) not in (5, 17) or rest[0] != FAMILY[len(rest) - 1]:
            return None
        v["address"] = rest[1:]
    elif printable(rest):  # read back as text (craft import writes it so)
        v["id"] = rest
    else:
        return None
    return tuple(v.items())


def tlv_value(t: int, body: bytes) -> Any:
    """The named value of a TLV of type ``t``, or None."""
    if t == 0:
        return None if body else ("end", None)
    if t == 1:
        v = _read_id(body, CHASSIS_ID, 4)
        return None if v is None else ("chassis-id", v)
    if t == 2:
        v = _read_id(body, PORT_ID, 3)
        return None if v is None else ("port-id", v)
    if t == 3:
        return ("ttl", struct.unpack("!H", body)[0]) if len(body) == 2 else None
    if t in (4, 5, 6):
        text = _text(body)
        return None if text is None else (_NAMES[t], text)
    if t == 7:
        if len(body) != 4:
            return None
        system, enabled = struct.unpack("!HH", body)
        return ("capabilities", (("system", system), ("enabled", enabled)))
    if t == 8:
        return _management(body)
    if t == 127 and len(body) >= 4:
        return ("org-specific", (("oui", int.from_bytes(body[:3], "big")),
                                 ("subtype", body[3]), ("info", body[4:])))
    return None


def _management(body: bytes) -> Any:
    n = body[0] if body else 0
    if n not in (5, 17) or len(body) < n + 7 or body[1] != FAMILY[n - 1]:
        return None
    ifsub, ifnum, olen = struct.unpack_from("!BIB", body, 1 + n)
    if len(body) != n + 7 + olen:
        return None
    return ("management-address", (("address", body[2:1 + n]), ("ifsubtype", ifsub),
                                   ("ifnumber", ifnum), ("oid", body[n + 7:])))


def _split(data: bytes, offset: int) -> tuple[list[tuple[int, bytes]], int]:
    """The TLVs from ``offset`` up to and including End, or to the end of
    ``data``; and where they end."""
    out = []
    i, n = offset, len(data)
    while i < n:
        if n - i < 2:
            raise Truncated(f"lldp: {n - i} of 2 TLV header bytes")
        word = (data[i] << 8) | data[i + 1]
        t, size = word >> 9, word & MAX_TLV
        if n - i - 2 < size:
            raise Truncated(f"lldp: {n - i - 2} of {size} bytes of TLV type {t}")
        out.append((t, bytes(data[i + 2:i + 2 + size])))
        i += 2 + size
        if t == 0:
            break
    return out, i


def parse_options(raw: bytes) -> tuple[tuple[str, Any], ...] | bytes:
    """The named form when every TLV has a name here and the named form
    packs back to exactly ``raw``; else ``raw``."""
    try:
        tlvs, _ = _split(raw, 0)
    except Truncated:
        return raw
    out = []
    for t, body in tlvs:
        named = tlv_value(t, body)
        out.append(named if named is not None else ("tlv", (("type", t), ("value", body))))
    named_tlvs = tuple(out)
    return named_tlvs if _build(named_tlvs) == raw else raw


def decode(data: bytes, offset: int = 0) -> tuple[dict[str, Any], int]:
    """The TLVs up to and including End (or the end of the frame)."""
    if len(data) - offset < 2:
        raise Truncated(f"lldp: {len(data) - offset} of 2 TLV header bytes")
    _, end = _split(data, offset)
    return {"tlvs": parse_options(bytes(data[offset:end]))}, end - offset


def encode(v: dict[str, Any], payload: bytes, ctx: Any) -> tuple[bytes, dict[str, Any]]:
    return options_bytes(v["tlvs"]), v


def layout(v: dict[str, Any]) -> list[tuple[str, int, int, int]]:
    return [("tlvs", 0, 0, 8 * len(options_bytes(v["tlvs"])))]


def next_layer(v: dict[str, Any], part: Any, prev: Any, offset: int,
               end: int) -> tuple[str | None, int]:
    return None, offset  # what follows the LLDPDU is Ethernet padding


def link_dst(v: dict[str, Any], resolver: Any) -> bytes:
    """An auto ether.dst in front: the nearest-bridge group address (§7.1)."""
    return NEAREST_BRIDGE


def _id_text(value: Any, mac: int) -> str:
    v = dict(value)
    sub = v["subtype"]
    if sub in (mac, mac + 1):
        return text(v["mac"] if sub == mac else v["address"])
    return bytes(v["id"]).decode("utf-8", "backslashreplace")


def summary(v: dict[str, Any]) -> str:
    tlvs = v["tlvs"]
    if isinstance(tlvs, bytes | bytearray):
        return f"LLDP {len(tlvs)} bytes of TLVs"
    got = dict(tlvs)
    parts = ["LLDP"]
    if "chassis-id" in got:
        parts.append(f"chassis {_id_text(got['chassis-id'], 4)}")
    if "port-id" in got:
        parts.append(f"port {_id_text(got['port-id'], 3)}")
    if "ttl" in got:
        parts.append(f"ttl {got['ttl']}")
    if "system-name" in got:
        parts.append(f"name {got['system-name']}")
    return " ".join(parts)
