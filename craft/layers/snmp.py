"""SNMP v1 and v2c — RFC 1157 (v1 messages and the trap PDU), RFC 3416
(v2 PDUs: getbulk, inform, trapv2, report), RFC 1901 (v2c's community
message), all BER-encoded (ber.py: definite lengths in the shortest form,
always computed).

    Message ::= SEQUENCE { version, community, PDU }
    PDU (get, getnext, response, set, inform, trapv2, report):
        [n] { request_id, error_status, error_index, varbinds }
    getbulk [5]: { request_id, non_repeaters, max_repetitions, varbinds }
    trap [4] (v1): { enterprise, agent_addr, generic_trap, specific_trap,
                     time_stamp, varbinds }

``pdu`` picks the fields after the community (``fields_for`` tells the
profile loader, which refuses a field the PDU does not carry).

Varbinds (``OPTION_FIELDS``): a list of ``{TYPE: {oid: 1.3.6.1.2.1.1.1.0,
value: ...}}`` where TYPE is the value's type: ``unspecified`` (NULL, what
a request carries; no value), integer, octet-string (text, or hex after
``0x``), oid, ipaddress, counter32, gauge32, timeticks, opaque (hex),
counter64, and the v2 exceptions no-such-object, no-such-instance,
end-of-mib-view (no value); or the whole list as hex (the varbinds' bytes
inside the list's SEQUENCE). Internal value: ``(TYPE, (("oid", text),
("value", value)))`` pairs.

Choices: the defaults are scapy's (v2c, community public, a get with id 0,
enterprise 1.3) except the trap's time_stamp, 0 where scapy puts the time
since it started (the same bytes every run). Decoding refuses other
versions (v3's message is another format) and BER that is not in the
shortest form (``Malformed``: the decoder keeps such bytes as payload);
varbinds that cannot be named exactly stay bytes.
"""

from __future__ import annotations

from typing import Any

from craft.layers import ber, bindings
from craft.layers.base import (
    BYTES,
    ENUM,
    INT,
    IPV4,
    OPTIONS,
    Field,
    Header,
    Malformed,
    signed,
    value_text,
)
from craft.layers.context import Context

NAME = "snmp"
# agents on 161 (a profile gets 161 to 161); traps go to 162 (give udp.dport), where
# the decoder finds snmp too: the 162 row first, so that 161's rows set the ports
BOUND = (("udp", "dport", 162), *bindings.on_port(161, client=161))
KEY_FIELDS = ("version", "community", "pdu")
# the PDU type picks its fields, and every value's BER size moves what follows it
# (the patcher builds each frame of a stream on any of them)
LAYOUT_FIELDS = frozenset({"version", "community", "pdu", "request_id", "error_status",
                           "error_index", "non_repeaters", "max_repetitions", "enterprise",
                           "agent_addr", "generic_trap", "specific_trap", "time_stamp",
                           "varbinds"})
TYPE_FIELD = "pdu"  # the field fields_for reads (profile/schema.py)
OID = "oid"  # the kind of an OID field (its own parse/show)

VERSIONS = {"v1": 0, "v2c": 1}
PDUS = {"get": 0, "getnext": 1, "response": 2, "set": 3, "trap": 4, "getbulk": 5,
        "inform": 6, "trapv2": 7, "report": 8}
GET, TRAP, GETBULK = 0, 4, 5
# RFC 3416 §3 (error-status), names as tcpdump prints them
ERRORS = {"noError": 0, "tooBig": 1, "noSuchName": 2, "badValue": 3, "readOnly": 4,
          "genErr": 5, "noAccess": 6, "wrongType": 7, "wrongLength": 8, "wrongEncoding": 9,
          "wrongValue": 10, "noCreation": 11, "inconsistentValue": 12,
          "resourceUnavailable": 13, "commitFailed": 14, "undoFailed": 15,
          "authorizationError": 16, "notWritable": 17, "inconsistentName": 18}
# RFC 1157 §4.1.6
GENERIC_TRAPS = {"coldStart": 0, "warmStart": 1, "linkDown": 2, "linkUp": 3,
                 "authenticationFailure": 4, "egpNeighborLoss": 5, "enterpriseSpecific": 6}


def parse_text(value: Any) -> bytes:
    """An OCTET STRING: text (UTF-8), or hex after ``0x``."""
    if isinstance(value, bool) or value is None or not isinstance(value, str | int):
        raise ValueError(f"{value!r} is not an octet string; write text (public) or hex "
                         "after 0x (0x7075626c6963)")
    text = str(value)
    if text[:2].lower() == "0x":
        try:
            return bytes.fromhex(text[2:])
        except ValueError:
            raise ValueError(f"{text!r}: after 0x write hex digit pairs") from None
    return text.encode()


def show_text(value: bytes) -> str:
    """Printable ASCII as text (unless it would read as hex), else 0x and hex."""
    try:
        text = value.decode("ascii")
    except UnicodeDecodeError:
        text = None
    if text is not None and text.isprintable() and text[:2].lower() != "0x":
        return text
    return "0x" + value.hex()


def _oid_field(name: str, default: str, doc: str) -> Field:
    return Field(name, 0, default, OID, parse=ber.parse_oid, show=str, doc=doc)


_VB_OID = _oid_field("oid", "1.3", "the variable's OID, dotted; 1.3 as scapy")
_NO_VALUE = (_VB_OID,)
_INT32 = Field("value", 32, 0, INT, parse=signed(32), doc="INTEGER, signed 32-bit")
_UINT32 = Field("value", 32, 0, INT, doc="unsigned 32-bit")
# type name -> (BER tag, sub-fields): RFC 3416 §2.5 ObjectSyntax and the VarBind choice
VALUE_TYPES: dict[str, tuple[int, tuple[Field, ...]]] = {
    "unspecified": (ber.NULL, _NO_VALUE),
    "integer": (ber.INTEGER, (_VB_OID, _INT32)),
    "octet-string": (ber.OCTET_STRING, (_VB_OID, Field(
        "value", 0, b"", BYTES, parse=parse_text, show=show_text,
        doc="text, or hex after 0x"))),
    "oid": (ber.OID, (_VB_OID, _oid_field("value", "0.0", "an OID value, dotted"))),
    "ipaddress": (0x40, (_VB_OID, Field("value", 32, bytes(4), IPV4, doc="IpAddress"))),
    "counter32": (0x41, (_VB_OID, _UINT32)),
    "gauge32": (0x42, (_VB_OID, _UINT32)),
    "timeticks": (0x43, (_VB_OID, Field("value", 32, 0, INT, doc="hundredths of a second"))),
    "opaque": (0x44, (_VB_OID, Field("value", 0, b"", BYTES, doc="hex"))),
    "counter64": (0x46, (_VB_OID, Field("value", 64, 0, INT, doc="unsigned 64-bit"))),
    "no-such-object": (0x80, _NO_VALUE),
    "no-such-instance": (0x81, _NO_VALUE),
    "end-of-mib-view": (0x82, _NO_VALUE),
}
_BY_TAG = {tag: name for name, (tag, _) in VALUE_TYPES.items()}
OPTION_FIELDS = {"varbinds": {name: ("fields", table)
                              for name, (_, table) in VALUE_TYPES.items()}}

HEADER = Header(NAME, (
    Field("version", 31, 1, ENUM, names=VERSIONS, packed=False,
          doc="v1 (0) or v2c (1); v2c as scapy"),
    Field("community", 0, b"public", BYTES, parse=parse_text, show=show_text,
          doc="community string: text, or hex after 0x; public as scapy"),
    Field("pdu", 5, GET, ENUM, names=PDUS, packed=False,
          doc="PDU type (its context tag): get, getnext, response, set, trap (v1), "
              "getbulk, inform, trapv2, report; get as scapy"),
    Field("request_id", 32, 0, INT, parse=signed(32), packed=False,
          doc="request ID, signed 32-bit; 0 as scapy"),
    Field("error_status", 31, 0, ENUM, names=ERRORS, packed=False,
          doc="error status (RFC 3416 names: noError, tooBig, noSuchName...); not in getbulk"),
    Field("error_index", 31, 0, packed=False, doc="which varbind the error is about (1-based)"),
    Field("non_repeaters", 31, 0, packed=False, doc="getbulk: varbinds fetched once; 0"),
    Field("max_repetitions", 31, 0, packed=False,
          doc="getbulk: repetitions of the others; 0 as scapy"),
    _oid_field("enterprise", "1.3", "trap (v1): the sender's sysObjectID; 1.3 as scapy"),
    Field("agent_addr", 32, bytes(4), IPV4, packed=False,
          doc="trap (v1): the sender's address; 0.0.0.0 as scapy"),
    Field("generic_trap", 31, 0, ENUM, names=GENERIC_TRAPS, packed=False,
          doc="trap (v1): coldStart, warmStart, linkDown, linkUp, authenticationFailure, "
              "egpNeighborLoss, enterpriseSpecific"),
    Field("specific_trap", 31, 0, packed=False, doc="trap (v1): the enterprise's code"),
    Field("time_stamp", 32, 0, INT, packed=False,
          doc="trap (v1): sysUpTime in hundredths of a second; 0 (scapy: its own uptime)"),
    Field("varbinds", 0, (), OPTIONS, show=lambda v: varbinds_text(v),
          doc="variable bindings: {TYPE: {oid, value}} with TYPE unspecified (NULL), integer, "
              "octet-string, oid, ipaddress, counter32, gauge32, timeticks, opaque, counter64, "
              "no-such-object, no-such-instance, end-of-mib-view; or hex"),
))

_COMMON = ("request_id", "error_status", "error_index", "varbinds")
_BULK = ("request_id", "non_repeaters", "max_repetitions", "varbinds")
_TRAP = ("enterprise", "agent_addr", "generic_trap", "specific_trap", "time_stamp", "varbinds")
_TAG_OF = {"enterprise": ber.OID, "agent_addr": 0x40, "time_stamp": 0x43, "varbinds": ber.SEQUENCE}


def varbinds_text(varbinds: Any) -> str:
    """``TYPE=(oid=...,value=...)`` items, each value in its own notation
    (explain); hex bytes as they are."""
    if isinstance(varbinds, bytes | bytearray):
        return bytes(varbinds).hex()
    out = []
    for name, value in varbinds:
        by = {f.name: f for f in VALUE_TYPES[name][1]}
        subs = []
        for k, x in value:
            f = by[k]
            text = f.show(x) if f.show else str(x) if f.kind == INT else value_text(f, x)
            subs.append(f"{k}={text}")
        out.append(f"{name}=({','.join(subs)})")
    return ",".join(out)


def body_fields(pdu: int) -> tuple[str, ...]:
    """The fields inside PDU type ``pdu``, in wire order."""
    return _TRAP if pdu == TRAP else _BULK if pdu == GETBULK else _COMMON


def fields_for(v: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    pdu = v["pdu"]
    word = next((w for w, n in PDUS.items() if n == pdu), f"pdu {pdu}")
    return word, ("version", "community", "pdu", *body_fields(pdu))


def varbind_bytes(varbinds: Any) -> bytes:
    """The varbinds' bytes (each a SEQUENCE of OID and value), without the
    list's own SEQUENCE header."""
    if isinstance(varbinds, bytes | bytearray):
        return bytes(varbinds)
    out = bytearray()
    for name, value in varbinds:
        tag, _ = VALUE_TYPES[name]
        sub = dict(value)
        x = sub.get("value")
        if tag in (ber.INTEGER, 0x41, 0x42, 0x43, 0x46):
            content = ber.integer(x)
        elif tag == ber.OID:
            content = ber.oid(x)
        elif tag in (ber.OCTET_STRING, 0x40, 0x44):
            content = bytes(x)
        else:
            content = b""  # NULL and the v2 exceptions
        out += ber.tlv(ber.SEQUENCE, ber.tlv(ber.OID, ber.oid(sub["oid"])) + ber.tlv(tag, content))
    return bytes(out)


def _tlvs(v: dict[str, Any]) -> list[tuple[str, bytes]]:
    """Each body field as its TLV, in wire order."""
    out = []
    for name in body_fields(v["pdu"]):
        x = v[name]
        tag = _TAG_OF.get(name, ber.INTEGER)
        if name == "varbinds":
            content = varbind_bytes(x)
        elif tag == ber.OID:
            content = ber.oid(x)
        elif name == "agent_addr":
            content = bytes(x)
        else:
            content = ber.integer(x)
        out.append((name, ber.tlv(tag, content)))
    return out


def _message(v: dict[str, Any]) -> tuple[bytes, list[tuple[str, int, int]]]:
    """The message's bytes and (field, offset, length) of each field's TLV."""
    head = [("version", ber.tlv(ber.INTEGER, ber.integer(v["version"]))),
            ("community", ber.tlv(ber.OCTET_STRING, bytes(v["community"])))]
    body = _tlvs(v)
    pdu_content = b"".join(t for _, t in body)
    pdu_head = bytes([0xA0 | (v["pdu"] & 0x1F)]) + ber.length(len(pdu_content))
    inner = b"".join(t for _, t in head) + pdu_head + pdu_content
    outer = bytes([ber.SEQUENCE]) + ber.length(len(inner))
    places, at = [("message", 0, len(outer))], len(outer)  # the SEQUENCE's tag and length
    for name, t in head:
        places.append((name, at, len(t)))
        at += len(t)
    places.append(("pdu", at, len(pdu_head)))
    at += len(pdu_head)
    for name, t in body:
        places.append((name, at, len(t)))
        at += len(t)
    return outer + inner, places


def encode(v: dict[str, Any], payload: bytes, ctx: Context) -> tuple[bytes, dict[str, Any]]:
    """The BER message; every length is computed."""
    return _message(v)[0], v


def layout(v: dict[str, Any]) -> list[tuple[str, int, int, int]]:
    """Each field's whole TLV (the PDU type: the PDU's tag and length);
    ``message``, not a field, is the message SEQUENCE's tag and length."""
    return [(name, at, 0, 8 * size) for name, at, size in _message(v)[1]]


def _read_varbinds(data: bytes, start: int, end: int) -> Any:
    """The named varbinds, or the bytes when one cannot be named exactly."""
    out, at = [], start
    raw = bytes(data[start:end])
    try:
        while at < end:
            s, e = ber.expect(data, at, end, ber.SEQUENCE, "a varbind")
            o1, o2 = ber.expect(data, s, e, ber.OID, "a varbind's name")
            tag, c1, c2 = ber.read(data, o2, e)
            name = _BY_TAG.get(tag)
            if name is None or c2 != e:
                return raw
            content = bytes(data[c1:c2])
            sub: list[tuple[str, Any]] = [("oid", ber.read_oid(bytes(data[o1:o2])))]
            fields = VALUE_TYPES[name][1]
            if len(fields) > 1:
                f = fields[1]
                if tag == ber.OID:
                    x: Any = ber.read_oid(content)
                elif f.kind == INT:
                    x = ber.read_integer(content)
                    if f.parse is None and not 0 <= x <= f.maximum:
                        return raw
                elif f.kind == IPV4 and len(content) != 4:
                    return raw
                else:
                    x = content
                sub.append(("value", x))
            elif content:
                return raw
            out.append((name, tuple(sub)))
            at = e
    except (Malformed, ValueError, IndexError):
        return raw
    named = tuple(out)
    return named if varbind_bytes(named) == raw else raw


def decode(data: bytes, offset: int = 0) -> tuple[dict[str, Any], int]:
    """The message: a SEQUENCE that must end where its length says; any
    length or number not in the shortest BER form is refused."""
    n = len(data)
    m1, m2 = ber.expect(data, offset, n, ber.SEQUENCE, "the message")
    v: dict[str, Any] = {}  # the fields this PDU carries, as icmp's decode gives its type's
    a, b = ber.expect(data, m1, m2, ber.INTEGER, "the version")
    v["version"] = ber.read_integer(bytes(data[a:b]))
    if v["version"] not in (0, 1):
        raise Malformed(f"snmp: version {v['version']} is not v1 or v2c")
    a, c = ber.expect(data, b, m2, ber.OCTET_STRING, "the community")
    v["community"] = bytes(data[a:c])
    tag, p1, p2 = ber.read(data, c, m2)
    if tag & 0xE0 != 0xA0 or tag & 0x1F not in PDUS.values():
        raise Malformed(f"snmp: tag 0x{tag:02x} is not a PDU")
    v["pdu"] = tag & 0x1F
    at = p1
    for name in body_fields(v["pdu"]):
        want = _TAG_OF.get(name, ber.INTEGER)
        a, at = ber.expect(data, at, p2, want, name)
        content = bytes(data[a:at])
        if name == "varbinds":
            v[name] = _read_varbinds(data, a, at)
        elif want == ber.OID:
            v[name] = ber.read_oid(content)
        elif name == "agent_addr":
            if len(content) != 4:
                raise Malformed(f"snmp: agent_addr of {len(content)} bytes")
            v[name] = content
        else:
            x = ber.read_integer(content)
            f = HEADER.by_name[name]
            if f.parse is None and not 0 <= x <= f.maximum:
                raise Malformed(f"snmp: {name} {x} is out of range 0..{f.maximum}")
            v[name] = x
    if at != p2 or p2 != m2:
        raise Malformed("snmp: bytes after the last field inside a SEQUENCE")
    if _message(v)[0] != bytes(data[offset:m2]):
        raise Malformed("snmp: BER not in the shortest form (craft builds only that)")
    return v, m2 - offset


def summary(v: dict[str, Any]) -> str:
    version = "v1" if v["version"] == 0 else "v2c"
    pdu = fields_for(v)[0]
    n = len(v["varbinds"]) if isinstance(v["varbinds"], tuple) else "?"
    return f"SNMP{version} {show_text(bytes(v['community']))} {pdu} varbinds={n}"
