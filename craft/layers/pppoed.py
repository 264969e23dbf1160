"""PPPoE discovery stage — RFC 2516 §4, §5 (ethertype 0x8863): PADI, PADO,
PADR, PADS and PADT, with their tags.

The header is scapy's ``PPPoED`` (version, type, code, sessionid, len); the
tags that follow it (scapy's ``PPPoED_Tags``) are this layer's ``tags``
field, a list of ``{name: value}`` items (``OPTION_FIELDS``):

    end-of-list (0x0000)          bare name (no value)
    service-name (0x0101)         text (UTF-8); "" asks for any service
    ac-name (0x0102)              text (UTF-8)
    host-uniq (0x0103)            hex bytes, echoed by the access concentrator
    ac-cookie (0x0104)            hex bytes
    vendor-specific (0x0105)      {vendor: N, data: hex}: the 32-bit vendor id
                                  (a zero octet, then the IANA enterprise number)
    relay-session-id (0x0110)     hex bytes
    ppp-max-payload (0x0120)      a 16-bit number (RFC 4638)
    service-name-error (0x0201), ac-system-error (0x0202),
    generic-error (0x0203)        text (UTF-8, may be empty)

Names are tcpdump's (print-pppoe.c) and scapy's (``PPPoETag.tag_list``) in
lower case; a text tag that is not UTF-8 leaves the list as bytes.
``len`` counts the tags and anything after them (as scapy's
PPPoED); decoding reads ``len`` bytes of tags and calls the rest of the
frame padding. Tags decode by name when naming them packs back to the
same bytes, else the list stays bytes. Choices: ``code`` defaults to padi
and ``sessionid`` to 0 (scapy; RFC 2516 §5.1: a PADI's is zero); an auto
``ether.dst`` in front of a PADI is the broadcast address (RFC 2516 §5.1).
"""

from __future__ import annotations

import struct
from typing import Any

from craft.errors import UsageError
from craft.layers.base import BYTES, ENUM, OPTIONS, Field, Header, memo_by_value, value_text
from craft.layers.context import Context
from craft.layers.ether import ETHERTYPES

NAME = "pppoed"
BOUND = (("ether", "type", ETHERTYPES["pppoed"]), ("vlan", "type", ETHERTYPES["pppoed"]))
LINK_DST_INPUTS = ("code",)  # what an auto ether.dst in front reads
KEY_FIELDS = ("code",)  # written by craft import even at their default
BROADCAST = b"\xff" * 6

CODES = {
    "padi": 0x09,  # RFC 2516 §5.1 active discovery initiation
    "pado": 0x07,  # §5.2 offer
    "padr": 0x19,  # §5.3 request
    "pads": 0x65,  # §5.4 session-confirmation
    "padt": 0xA7,  # §5.5 terminate
}
PADI = CODES["padi"]

TAG_TYPES = {
    "end-of-list": 0x0000,  # RFC 2516 Appendix A
    "service-name": 0x0101,
    "ac-name": 0x0102,
    "host-uniq": 0x0103,
    "ac-cookie": 0x0104,
    "vendor-specific": 0x0105,
    "relay-session-id": 0x0110,
    "ppp-max-payload": 0x0120,  # RFC 4638 §4
    "service-name-error": 0x0201,
    "ac-system-error": 0x0202,
    "generic-error": 0x0203,
}
_TAG_NAMES = {n: w for w, n in TAG_TYPES.items()}

VENDOR = (
    Field("vendor", 32, 0, doc="vendor id: a zero octet, then the 24-bit IANA enterprise "
                               "number (RFC 2516 Appendix A)"),
    Field("data", 0, b"", BYTES, doc="the vendor's data, hex"),
)
# name -> (form, bits or sub-field table): what a profile writes (profile/options.py)
TAG_VALUES: dict[str, tuple[str, Any]] = {
    "end-of-list": ("none", 0),
    "service-name": ("text", 0),
    "ac-name": ("text", 0),
    "host-uniq": ("hex", 0),
    "ac-cookie": ("hex", 0),
    "vendor-specific": ("fields", VENDOR),
    "relay-session-id": ("hex", 0),
    "ppp-max-payload": ("int", 16),
    "service-name-error": ("text", 0),
    "ac-system-error": ("text", 0),
    "generic-error": ("text", 0),
}
OPTION_FIELDS = {"tags": TAG_VALUES}


def head(name: str, code: Field) -> Header:
    """The RFC 2516 §4 header (both stages), with the stage's ``code`` field."""
    return Header(name, (
        Field("version", 4, 1, doc="PPPoE version; 1 (RFC 2516)"),
        Field("type", 4, 1, doc="PPPoE type; 1 (RFC 2516)"),
        code,
        Field("sessionid", 16, 0, doc="session id (scapy 'sessionid'); 0 as scapy"),
        Field("len", 16, None, computed=True,
              doc="payload octets after this 6-byte header; computed"),
    ))


_HEAD = head(NAME, Field("code", 8, PADI, ENUM, names=CODES,
                         doc="discovery packet: padi (0x09) as scapy, pado, padr, pads, padt"))
HEADER = Header(NAME, (*_HEAD.fields, Field(
    "tags", 0, (), OPTIONS,
    doc="tags in order: end-of-list, service-name, ac-name, host-uniq, ac-cookie, "
        "vendor-specific, relay-session-id, ppp-max-payload, service-name-error, "
        "ac-system-error, generic-error; or hex")))
_size = HEADER.size  # 6


def _one(name: str, value: Any) -> bytes:
    if name not in TAG_TYPES:
        raise ValueError(f"unknown pppoed tag {name!r}")
    if name == "end-of-list":
        body = b""
    elif name == "ppp-max-payload":
        body = struct.pack("!H", value & 0xFFFF)
    elif name == "vendor-specific":
        v = dict(value)
        body = struct.pack("!I", v["vendor"] & 0xFFFFFFFF) + bytes(v["data"])
    elif isinstance(value, str):  # the text tags
        body = value.encode()
    else:
        body = bytes(value)
    return struct.pack("!HH", TAG_TYPES[name], len(body)) + body


def _tags_bytes(tags: Any) -> bytes:
    if isinstance(tags, bytes | bytearray):
        return bytes(tags)
    return b"".join(_one(n, v) for n, v in tags)


tags_bytes = memo_by_value(_tags_bytes)


def options_bytes(tags: Any) -> bytes:
    return tags_bytes(tags)


def _value(t: int, body: bytes) -> tuple[bool, Any]:
    name = _TAG_NAMES[t]
    form = TAG_VALUES[name][0]
    if form == "none":
        return not body, None
    if form == "int":
        return len(body) == 2, int.from_bytes(body, "big")
    if form == "fields":
        if len(body) < 4:
            return False, None
        return True, (("vendor", int.from_bytes(body[:4], "big")), ("data", body[4:]))
    if form == "text":
        try:
            return True, body.decode()
        except UnicodeDecodeError:
            return False, None
    return True, body


def parse_tags(raw: bytes) -> tuple[tuple[str, Any], ...] | bytes:
    """The named form when every tag has a name here and the named form
    packs back to exactly ``raw``; else ``raw``."""
    out = []
    i, n = 0, len(raw)
    while i < n:
        if i + 4 > n:
            return raw
        t, length = struct.unpack_from("!HH", raw, i)
        if t not in _TAG_NAMES or i + 4 + length > n:
            return raw
        ok, value = _value(t, raw[i + 4:i + 4 + length])
        if not ok:
            return raw
        out.append((_TAG_NAMES[t], value))
        i += 4 + length
    named = tuple(out)
    return named if _tags_bytes(named) == raw else raw


def encode(v: dict[str, Any], payload: bytes, ctx: Context) -> tuple[bytes, dict[str, Any]]:
    """Header and tags; ``len`` counts the tags and the payload (RFC 2516 §4)."""
    tags = tags_bytes(v["tags"]) if v["tags"] else b""
    if v["len"] is None:
        v = dict(v)
        v["len"] = len(tags) + len(payload)
    return HEADER.pack(v) + tags, v


def decode(data: bytes, offset: int = 0) -> tuple[dict[str, Any], int]:
    """The header and the ``len`` bytes of tags (what of them was captured)."""
    v = HEADER.unpack(data, offset)
    start = offset + _size
    raw = bytes(data[start:start + v["len"]])
    v["tags"] = parse_tags(raw) if raw else ()
    return v, _size + len(raw)


def next_layer(v: dict[str, Any], part: Any, prev: Any, offset: int,
               end: int) -> tuple[str | None, int]:
    """Nothing follows the tags: the rest of the frame is padding (a length
    past the captured bytes marks the part truncated)."""
    missing = part.offset + _size + v["len"] - end
    if missing > 0:
        part.truncated = True
        part.error = f"truncated-pppoe - {missing} bytes missing"
    return None, end


def layout(v: dict[str, Any]) -> list[tuple[str, int, int, int]]:
    tags = v.get("tags")
    if not tags:
        return HEADER.fixed_layout()
    return [*HEADER.fixed_layout(), ("tags", _size, 0, 8 * len(tags_bytes(tags)))]


def link_dst(v: dict[str, Any], resolver: Any) -> bytes:
    """An auto ether.dst in front: broadcast for a PADI (RFC 2516 §5.1);
    the other packets go to one peer, whose MAC only the profile knows."""
    if v["code"] == PADI:
        return BROADCAST
    raise UsageError(f"ether.dst auto in front of a pppoed {code_word(v['code'])} has no "
                     "address to take (only a padi is broadcast); give the peer's MAC")


def code_word(code: int) -> str:
    return value_text(HEADER.by_name["code"], code)


def summary(v: dict[str, Any]) -> str:
    n = "auto" if v["len"] is None else v["len"]
    return f"PPPoE {code_word(v['code'])} session=0x{v['sessionid']:04x} len={n}"
