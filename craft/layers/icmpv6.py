"""ICMPv6 — RFC 4443 (messages, checksum with the RFC 8200 §8.1
pseudo-header), RFC 4861 (neighbor discovery), RFC 2710 / RFC 3810 (MLD).

Only type, code and checksum are at fixed places; the fields that follow
are the type's own, in wire order (``BODIES``; ``fields_for`` tells the
profile loader, which refuses a field the type does not carry):

    dest-unreach (1), time-exceeded (3)   unused (32); the quoted packet follows
    packet-too-big (2)                    mtu (32); the quoted packet follows
    parameter-problem (4)                 pointer (32); the quoted packet follows
    echo-request/reply (128/129)          id (16), seq (16)
    mld-query (130)                       mrd (16), reserved (16), group (128); with
                                          version mldv2 (RFC 3810 §5.1) also resv (4),
                                          suppress (1), qrv (3), qqic (8), nsources (16),
                                          sources
    mld-report, mld-done (131, 132)       mrd, reserved (16), group
    router-solicit (133)                  reserved (32), options
    router-advert (134)                   hlim (8), raflags M O H (3), prf (2),
                                          reserved (3: P and two reserved bits),
                                          lifetime (16), reachable (32), retrans (32), options
    neighbor-solicit (135)                reserved (32), target (128), options
    neighbor-advert (136)                 flags R S O (3), reserved (29), target, options
    redirect (137)                        reserved (32), target, dest (128), options
    mldv2-report (143)                    reserved (16), nrecords (16), records
    any other type                        id (16), seq (16), as before this table

Choices where the RFCs and scapy leave room: the quoted packet of an error
is the next layers of the profile (payload, or ipv6/udp... with their
lengths as given); ``reserved`` is one field whose width is the type's (the
low bits are sent); an MLD query is MLDv2 unless ``version: mldv1``
(``version`` is not on the wire: decoding reads it from the length, 24
bytes for MLDv1, 28 or more for MLDv2, RFC 3810 §8.1); ``mrd`` is computed
as 10000 ms in a query (scapy) and 0 in a report or done (RFC 2710 §3.4);
qrv 2 and qqic 125 are RFC 3810's defaults (scapy: 0); ``prf`` defaults
to medium (RFC 4191 §2.2; scapy: high). The ND options are ndopts.py's;
MLDv2 records are mcast.py's (``{to-exclude: {group: ff02::db8:1}}``).
"""

from __future__ import annotations

from ipaddress import IPv6Address
from typing import Any

from craft.layers import bindings, mcast, ndopts, rows
from craft.layers.address import ipv6_text
from craft.layers.base import (
    ENUM,
    FLAGS,
    IPV6,
    IPV6S,
    OPTIONS,
    Checksum,
    Field,
    Header,
    pseudo_header_in,
    value_text,
)
from craft.layers.context import Context

NAME = "icmpv6"
PROTO = 58  # IANA protocol number, for the pseudo-header
BOUND = bindings.in_ip(PROTO)
CHECKSUM = Checksum(pseudo=PROTO)  # RFC 4443 §2.3
# the type (and an MLD query's version) picks the fields after the checksum
LAYOUT_FIELDS = frozenset({"type", "version"})
AUTO = {"options": "lladdr"}  # an lladdr option whose MAC is auto: this host's MAC
KEY_FIELDS = ("type",)  # written by craft import even at their default
QUOTES = "ipv6"  # an error message quotes an IPv6 packet
UNREACH, ECHO_REQUEST, ECHO_REPLY = 1, 128, 129
# what each option's value is in a profile (see craft/profile/load.py)
OPTION_VALUES = ndopts.OPTION_VALUES
OPTION_FIELDS = {"records": mcast.record_values(16)}  # option fields other than options

TYPES = {
    "dest-unreach": 1,  # RFC 4443 §3.1
    "packet-too-big": 2,  # RFC 4443 §3.2
    "time-exceeded": 3,  # RFC 4443 §3.3
    "parameter-problem": 4,  # RFC 4443 §3.4
    "echo-request": 128,  # RFC 4443 §4.1
    "echo-reply": 129,  # RFC 4443 §4.2
    "mld-query": 130,  # RFC 2710 §3, RFC 3810 §5.1
    "mld-report": 131,  # RFC 2710 §3
    "mld-done": 132,  # RFC 2710 §3
    "router-solicit": 133,  # RFC 4861 §4.1
    "router-advert": 134,  # RFC 4861 §4.2
    "neighbor-solicit": 135,  # RFC 4861 §4.3
    "neighbor-advert": 136,  # RFC 4861 §4.4
    "redirect": 137,  # RFC 4861 §4.5
    "mldv2-report": 143,  # RFC 3810 §5.2
}
MLD_QUERY, ROUTER_SOLICIT, NEIGHBOR_SOLICIT, NEIGHBOR_ADVERT = 130, 133, 135, 136
MLDV1, MLDV2 = 1, 2

# RFC 4861 §4.4 neighbor advertisement flags, MSB first in the 3-bit field
NA_LETTERS = "RSO"
NA_WORDS = {"router": 4, "solicited": 2, "override": 1}

_LAB_SERVER = IPv6Address("2001:db8::2").packed
HEADER = Header(NAME, (
    Field("type", 8, 128, ENUM, names=TYPES, doc="message type; echo-request (128) as scapy"),
    Field("code", 8, 0, doc="code within the type"),
    Field("checksum", 16, None, computed=True,
          doc="over the IPv6 pseudo-header and the message"),
    Field("id", 16, 0, packed=False, doc="echo identifier (echo, and types not listed)"),
    Field("seq", 16, 0, packed=False, doc="echo sequence number (echo, and types not listed)"),
    Field("unused", 32, 0, packed=False, doc="dest-unreach, time-exceeded: the unused word"),
    Field("mtu", 32, 1280, packed=False, doc="packet-too-big: the next link's MTU; 1280 as scapy"),
    Field("pointer", 32, 0, packed=False,
          doc="parameter-problem: offset of the error in the quoted packet"),
    Field("mrd", 16, None, packed=False, computed=True,
          doc="MLD maximum response delay (ms; MLDv2: code); computed 10000 in a query, "
              "0 in a report or done"),
    Field("group", 128, bytes(16), IPV6, packed=False,
          doc="MLD multicast address; :: (a general query) as scapy"),
    Field("version", 8, MLDV2, ENUM, names={"mldv1": MLDV1, "mldv2": MLDV2}, packed=False,
          doc="mld-query only, not on the wire: mldv1 (24 bytes, RFC 2710) or mldv2 "
              "(RFC 3810, with sources)"),
    Field("resv", 4, 0, packed=False, doc="MLDv2 query: the 4 reserved bits before S"),
    Field("suppress", 1, 0, packed=False, doc="MLDv2 query S flag (suppress router processing)"),
    Field("qrv", 3, 2, packed=False, doc="MLDv2 query robustness variable; 2 (RFC 3810)"),
    Field("qqic", 8, 125, packed=False, doc="MLDv2 query interval code; 125 s (RFC 3810)"),
    Field("nsources", 16, None, packed=False, computed=True,
          doc="MLDv2 query number of sources; computed"),
    Field("sources", 0, (), IPV6S, doc="MLDv2 query source addresses"),
    Field("nrecords", 16, None, packed=False, computed=True,
          doc="mldv2-report number of records; computed"),
    Field("records", 0, (), OPTIONS,
          doc="mldv2-report multicast address records: {RTYPE: {group, sources, aux}} with "
              "RTYPE is-include, is-exclude, to-include, to-exclude, allow, block; or hex"),
    Field("hlim", 8, 64, packed=False,
          doc="router-advert current hop limit; 64 as Linux advertises (scapy: 0)"),
    Field("raflags", 3, 0, FLAGS, letters="MOH", names={"managed": 4, "other": 2,
                                                          "home-agent": 1}, packed=False,
          doc="router-advert M(anaged) O(ther configuration) H(ome agent)"),
    Field("prf", 2, 0, ENUM, names={"medium": 0, "high": 1, "low": 3}, packed=False,
          doc="router-advert default router preference (RFC 4191); medium"),
    Field("lifetime", 16, 1800, packed=False,
          doc="router-advert router lifetime, seconds; 1800 as scapy"),
    Field("reachable", 32, 0, packed=False, doc="router-advert reachable time, ms"),
    Field("retrans", 32, 0, packed=False, doc="router-advert retrans timer, ms"),
    Field("flags", 3, 0b011, FLAGS, letters=NA_LETTERS, names=NA_WORDS, packed=False,
          doc="neighbor-advert R(outer) S(olicited) O(verride); default SO, the answer to a "
              "solicitation (scapy's default is R and O)"),
    Field("reserved", 32, 0, packed=False,
          doc="reserved bits: 32 in router-solicit, neighbor-solicit, redirect; 29 in "
              "neighbor-advert; 16 in MLD; 3 in router-advert"),
    Field("target", 128, _LAB_SERVER, IPV6, packed=False,
          doc="neighbor-solicit/advert, redirect target; default the lab server 2001:db8::2 "
              "(scapy: ::)"),
    Field("dest", 128, _LAB_SERVER, IPV6, packed=False,
          doc="redirect destination; default 2001:db8::2 (scapy: ::)"),
    Field("options", 0, (), OPTIONS,
          doc="ND options in order: src-lladdr, tgt-lladdr (MAC or auto), prefix-info, mtu, "
              "rdnss, dnssl, redirected; or hex"),
))

_size = HEADER.size  # 4: type, code, checksum
_pack = HEADER.pack
_unpack = HEADER.unpack

_ECHO = (("id", 16), ("seq", 16))
_MLD = (("mrd", 16), ("reserved", 16), ("group", 128))
_MLDV2_QUERY = (*_MLD, ("resv", 4), ("suppress", 1), ("qrv", 3), ("qqic", 8), ("nsources", 16),
                ("sources", 0))
BODIES: dict[int, rows.Row] = {
    1: (("unused", 32),),
    2: (("mtu", 32),),
    3: (("unused", 32),),
    4: (("pointer", 32),),
    128: _ECHO,
    129: _ECHO,
    130: _MLD,  # with version mldv2: _MLDV2_QUERY
    131: _MLD,
    132: _MLD,
    133: (("reserved", 32), ("options", 0)),
    134: (("hlim", 8), ("raflags", 3), ("prf", 2), ("reserved", 3), ("lifetime", 16),
          ("reachable", 32), ("retrans", 32), ("options", 0)),
    135: (("reserved", 32), ("target", 128), ("options", 0)),
    136: (("flags", 3), ("reserved", 29), ("target", 128), ("options", 0)),
    137: (("reserved", 32), ("target", 128), ("dest", 128), ("options", 0)),
    143: (("reserved", 16), ("nrecords", 16), ("records", 0)),
}


def row(v: dict[str, Any]) -> rows.Row:
    """The fields after the checksum for values ``v``, in wire order."""
    t = v.get("type")
    if t == MLD_QUERY and v.get("version", MLDV2) != MLDV1:
        return _MLDV2_QUERY
    return BODIES.get(t, _ECHO)  # type: ignore[arg-type]


def fields_for(v: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    """The message ``v`` names and every field it carries (profile/load.py)."""
    t = v["type"]
    what = type_word(t) + (" (mldv1)" if t == MLD_QUERY and v.get("version") == MLDV1 else "")
    extra = ("version",) if t == MLD_QUERY else ()
    return what, ("type", "code", "checksum", *extra, *(n for n, _ in row(v) if n))


def _read_to_end(data: bytes, start: int, end: int, v: dict[str, Any]) -> tuple[Any, int]:
    return (ndopts.parse_options(bytes(data[start:end])) if end > start else ()), end


_VARIABLE = {
    "options": rows.Variable(lambda v: ndopts.options_bytes(v["options"]) if v["options"]
                             else b"", _read_to_end),
    "sources": rows.Variable(
        lambda v: mcast.sources_bytes(v["sources"]),
        lambda d, s, e, v: mcast.read_sources(d, s, e, v["nsources"], 16)),
    "records": rows.Variable(
        lambda v: mcast.records_bytes(v["records"]),
        lambda d, s, e, v: mcast.read_records(d, s, e, v["nrecords"], 16)),
}


def options_bytes(options: Any) -> bytes:
    return ndopts.options_bytes(options)


def parse_options(raw: bytes) -> tuple[tuple[str, Any], ...] | bytes:
    return ndopts.parse_options(raw)


def _fill(v: dict[str, Any]) -> dict[str, Any]:
    """Computed body fields filled: mrd, nsources, nrecords."""
    body = row(v)
    names = {n for n, _ in body}
    if not any(n in names and v.get(n) is None for n in ("mrd", "nsources", "nrecords")):
        return v
    v = dict(v)
    if "mrd" in names and v["mrd"] is None:
        v["mrd"] = 10000 if v["type"] == MLD_QUERY else 0
    mcast.fill_counts(v, names, 16)
    return v


TYPED = rows.Typed(HEADER, row, _VARIABLE, NAME)
layout = TYPED.layout


def encode(v: dict[str, Any], payload: bytes, ctx: Context) -> tuple[bytes, dict[str, Any]]:
    v = _fill(v)
    if v["checksum"] is not None:
        return TYPED.checksummed(v, payload)
    length = _size + len(TYPED.body(v)) + len(payload)
    return TYPED.checksummed(v, payload, pseudo_header_in(ctx, PROTO, length))


def decode(data: bytes, offset: int = 0) -> tuple[dict[str, Any], int]:
    """Type, code, checksum and the fields the type carries (an MLD query's
    version from its length, RFC 3810 §8.1)."""
    v = _unpack(data, offset)
    if v["type"] == MLD_QUERY:
        v["version"] = MLDV2 if len(data) - offset >= 28 else MLDV1
    return TYPED.decode_rest(v, data, offset)


def type_word(t: int) -> str:
    return value_text(HEADER.by_name["type"], t)


def summary(v: dict[str, Any]) -> str:
    t = v["type"]
    word = type_word(t)
    names = {n for n, _ in row(v)}
    if "target" in names:
        return f"ICMPv6 {word} target={ipv6_text(v['target'])}"
    if "group" in names:
        return f"ICMPv6 {word} group={ipv6_text(v['group'])}"
    if "id" in names:
        return f"ICMPv6 {word} code={v['code']} id={v['id']:#x} seq={v['seq']}"
    return f"ICMPv6 {word} code={v['code']}"


auto_options = ndopts.auto_options


def is_error(v: dict[str, Any]) -> bool:
    return v["type"] < 128  # RFC 4443 §2.1: error messages have types 0..127


def request_key(v: dict[str, Any], ip: Any, layers: Any) -> tuple | None:
    """Echo by who asked, id and seq (RFC 4443 §4); a neighbor solicitation
    by its target (RFC 4861 §7.2)."""
    if v["type"] == ECHO_REQUEST and ip is not None:
        return ("echo", ip["src"], v["id"], v["seq"])
    if v["type"] == NEIGHBOR_SOLICIT:
        return ("nd", v["target"])
    return None


def reply_key(v: dict[str, Any], ip: Any, layers: Any) -> tuple | None:
    if v["type"] == ECHO_REPLY and ip is not None:
        return ("echo", ip["dst"], v["id"], v["seq"])
    if v["type"] == NEIGHBOR_ADVERT:
        return ("nd", v["target"])
    if is_error(v):  # unreachable, time exceeded...: an answer to the datagram quoted
        return layers.quoted_key()
    return None
