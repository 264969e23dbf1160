"""IGMP — RFC 1112 (v1), RFC 2236 (v2), RFC 3376 (v3); checksum RFC 1071
over the whole message.

Type, max resp code and checksum are at fixed places; the fields that
follow are the type's own, in wire order (``fields_for`` tells the profile
loader, which refuses a field the type does not carry):

    membership-query (0x11), version v1/v2   group (32)
    membership-query, version v3             group, resv (4), suppress (1), qrv (3),
                                             qqic (8), nsources (16), sources
    v1-report (0x12), v2-report (0x16),
    leave (0x17), any other type             group (32)
    v3-report (0x22)                         reserved (16), nrecords (16), records

``version`` is not on the wire: it picks a query's format, and decoding
reads it as RFC 3376 §7.1 tells the versions apart (8 bytes and code 0: v1;
8 bytes: v2; 12 or more: v3). In a v3 report the code byte is reserved
(``mrcode`` there). Records are mcast.py's (``{is-exclude: {group:
233.252.0.1}}``: a join). Choices: a query is v3 unless ``version`` says
otherwise; ``mrcode`` is computed as 100 (10 s, RFC 2236 §8.3 and RFC 3376
§8.3; scapy: 20) in a v2/v3 query and 0 elsewhere; qrv 2 and qqic 125 are
RFC 3376's defaults (scapy: 0). The router-alert IPv4 option RFC 2236 and
3376 ask for is the profile's ``ipv4.options: "94 04 00 00"``, not added.
"""

from __future__ import annotations

from typing import Any

from craft.layers import mcast, rows
from craft.layers.address import ipv4_text
from craft.layers.base import (
    ENUM,
    IPV4,
    IPV4S,
    OPTIONS,
    Checksum,
    Field,
    Header,
    value_text,
)
from craft.layers.context import Context
from craft.layers.icmp import trafgen_checksum  # noqa: F401 - the same plain sum: csumicmp

NAME = "igmp"
BOUND = (("ipv4", "proto", 2),)  # IANA protocol number 2
CHECKSUM = Checksum()  # RFC 2236 §2.3: over the whole IGMP message, no pseudo-header
LAYOUT_FIELDS = frozenset({"type", "version"})  # they pick the fields after the checksum
KEY_FIELDS = ("type",)
# computed when not given, but from the type alone: any value on the wire is right
CHOSEN = frozenset({"mrcode"})  # read by craft.encode.audit (explain, craft check)
OPTION_FIELDS = {"records": mcast.record_values(4)}
QUERY, V3_REPORT = 0x11, 0x22

TYPES = {
    "membership-query": 0x11,  # RFC 1112, RFC 2236 §2.1, RFC 3376 §4.1
    "v1-report": 0x12,  # RFC 1112
    "v2-report": 0x16,  # RFC 2236 §2.1
    "leave": 0x17,  # RFC 2236 §2.1
    "v3-report": 0x22,  # RFC 3376 §4.2
}

HEADER = Header(NAME, (
    Field("type", 8, QUERY, ENUM, names=TYPES, doc="message type; membership-query as scapy"),
    Field("mrcode", 8, None, computed=True,
          doc="max resp code, tenths of a second (v3: RFC 3376 §4.1.1 code); computed 100 "
              "in a v2/v3 query, 0 elsewhere; reserved in a v3 report"),
    Field("checksum", 16, None, computed=True, doc="over the whole IGMP message"),
    Field("version", 8, 3, ENUM, names={"v1": 1, "v2": 2, "v3": 3}, packed=False,
          doc="membership-query only, not on the wire: v1/v2 (8 bytes) or v3 (with sources)"),
    Field("group", 32, bytes(4), IPV4, packed=False,
          doc="group address; 0.0.0.0 (a general query) as scapy"),
    Field("resv", 4, 0, packed=False, doc="v3 query: the 4 reserved bits before S"),
    Field("suppress", 1, 0, packed=False, doc="v3 query S flag (suppress router processing)"),
    Field("qrv", 3, 2, packed=False, doc="v3 query robustness variable; 2 (RFC 3376)"),
    Field("qqic", 8, 125, packed=False, doc="v3 query interval code; 125 s (RFC 3376)"),
    Field("nsources", 16, None, packed=False, computed=True,
          doc="v3 query number of sources; computed"),
    Field("sources", 0, (), IPV4S, doc="v3 query source addresses"),
    Field("reserved", 16, 0, packed=False, doc="v3 report reserved word"),
    Field("nrecords", 16, None, packed=False, computed=True,
          doc="v3 report number of group records; computed"),
    Field("records", 0, (), OPTIONS,
          doc="v3 report group records: {RTYPE: {group, sources, aux}} with RTYPE is-include, "
              "is-exclude, to-include, to-exclude, allow, block; or hex"),
))

_size = HEADER.size  # 4
_pack = HEADER.pack
_unpack = HEADER.unpack
_GROUP = (("group", 32),)
_V3_QUERY = (("group", 32), ("resv", 4), ("suppress", 1), ("qrv", 3), ("qqic", 8),
             ("nsources", 16), ("sources", 0))
_V3_REPORT = (("reserved", 16), ("nrecords", 16), ("records", 0))


def row(v: dict[str, Any]) -> rows.Row:
    t = v.get("type")
    if t == QUERY and v.get("version", 3) == 3:
        return _V3_QUERY
    return _V3_REPORT if t == V3_REPORT else _GROUP


def fields_for(v: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    t = v["type"]
    what = type_word(t) + (f" (v{v.get('version')})" if t == QUERY else "")
    extra = ("version",) if t == QUERY else ()
    return what, ("type", "mrcode", "checksum", *extra, *(n for n, _ in row(v) if n))


_VARIABLE = {
    "sources": rows.Variable(
        lambda v: mcast.sources_bytes(v["sources"]),
        lambda d, s, e, v: mcast.read_sources(d, s, e, v["nsources"], 4)),
    "records": rows.Variable(
        lambda v: mcast.records_bytes(v["records"]),
        lambda d, s, e, v: mcast.read_records(d, s, e, v["nrecords"], 4)),
}


def _fill(v: dict[str, Any]) -> dict[str, Any]:
    names = {n for n, _ in row(v)} | {"mrcode"}
    if not any(n in names and v.get(n) is None for n in ("mrcode", "nsources", "nrecords")):
        return v
    v = dict(v)
    if v["mrcode"] is None:
        v["mrcode"] = 100 if v["type"] == QUERY and v.get("version") != 1 else 0
    mcast.fill_counts(v, names, 4)
    return v


TYPED = rows.Typed(HEADER, row, _VARIABLE, NAME)
layout = TYPED.layout


def encode(v: dict[str, Any], payload: bytes, ctx: Context) -> tuple[bytes, dict[str, Any]]:
    v = _fill(v)
    return TYPED.checksummed(v, payload)


def decode(data: bytes, offset: int = 0) -> tuple[dict[str, Any], int]:
    """Type, code, checksum and the type's fields; a query's version as RFC
    3376 §7.1 tells them apart."""
    v = _unpack(data, offset)
    if v["type"] == QUERY:
        n = len(data) - offset
        v["version"] = 3 if n >= 12 else (1 if v["mrcode"] == 0 else 2)
    return TYPED.decode_rest(v, data, offset)


def type_word(t: int) -> str:
    return value_text(HEADER.by_name["type"], t)


def summary(v: dict[str, Any]) -> str:
    t = v["type"]
    if t == V3_REPORT:
        return f"IGMP v3-report records={len(v['records'])}"
    return f"IGMP {type_word(t)} group={ipv4_text(v['group'])}"
