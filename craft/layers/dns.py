"""DNS — RFC 1035 (messages §4.1, names and compression §4.1.4, TCP's
length prefix §4.2.2), RFC 3596 (AAAA), RFC 2782 (SRV), RFC 6891 (OPT,
EDNS0), RFC 8659 (CAA).

The header is a table of fixed fields (ID, the flag bits, the four counts);
the sections follow as four lists of the options machinery (``fields``
form, dnsrr.py): ``questions`` (``{question: {name, type, class}}``),
``answers``, ``authority`` and ``additional`` (``{a: {name, ttl,
address}}``, ``{mx: {...}}``, ..., ``{opt: {size, do, ...}}``, or ``{rr:
{name, type, class, ttl, data}}`` for any type as hex), or hex for a
section. Over TCP (the layer outside is ``tcp``) the message starts with
its length, two bytes (RFC 1035 §4.2.2): ``length``, computed.

Choices: counts are computed from the sections unless given (a wrong count
can be crafted; a section given as hex counts the records that start in
it); names are compressed as scapy compresses them (dnsrr.py says how)
unless ``compress: false``, which is not on the wire; the default message is
scapy's: a query (RD set) for www.example.com, type A. Decoding follows
pointers only backwards (a loop or forward pointer: Malformed), names each
section when naming gives back the same bytes (with ``compress`` true, else
false), and keeps the sections as hex otherwise; bytes past the last
record are the next layer (payload).
"""

from __future__ import annotations

import struct
from typing import Any

from craft.errors import Truncated
from craft.layers import bindings, dnsrr
from craft.layers.base import ENUM, OPTIONS, Field, Header, Malformed, value_text
from craft.layers.context import Context

NAME = "dns"
PORT = 53
BOUND = bindings.on_port(PORT, over=("udp", "tcp"))
# decode(data, offset, outer) is told the layer outside it: over TCP the
# message has its length in front (RFC 1035 §4.2.2)
DECODE_OUTER = True
KEY_FIELDS = ("id",)
OPTION_FIELDS = {
    "questions": dnsrr.QUESTION_VALUES,
    "answers": dnsrr.RECORD_VALUES,
    "authority": dnsrr.RECORD_VALUES,
    "additional": dnsrr.RECORD_VALUES,
}
OPCODES = {"query": 0, "iquery": 1, "status": 2, "notify": 4, "update": 5, "dso": 6}
RCODES = {"noerror": 0, "formerr": 1, "servfail": 2, "nxdomain": 3, "notimp": 4,
          "refused": 5, "yxdomain": 6, "yxrrset": 7, "nxrrset": 8, "notauth": 9, "notzone": 10}
_SECTIONS = (("questions", "qdcount"), ("answers", "ancount"), ("authority", "nscount"),
             ("additional", "arcount"))
_DEFAULT_QUESTION = (("question", tuple((f.name, f.default) for f in dnsrr.QUESTION)),)
_RECORDS_DOC = ("{TYPE: {name, class, ttl, ...}} with TYPE a, aaaa, cname, ns, ptr, mx, txt, "
                "soa, srv, caa, opt, rr (any type, data as hex); or hex")

HEADER = Header(NAME, (
    Field("length", 16, None, computed=True, packed=False,
          doc="over TCP only: the message length in front of it (RFC 1035 §4.2.2); computed"),
    Field("id", 16, 0, doc="query identifier, copied into the response; 0 as scapy"),
    Field("qr", 1, 0, ENUM, names={"query": 0, "response": 1}, doc="query or response"),
    Field("opcode", 4, 0, ENUM, names=OPCODES, doc="kind of query"),
    Field("aa", 1, 0, doc="authoritative answer"),
    Field("tc", 1, 0, doc="truncated"),
    Field("rd", 1, 1, doc="recursion desired; 1 as scapy"),
    Field("ra", 1, 0, doc="recursion available"),
    Field("z", 1, 0, doc="reserved, zero"),
    Field("ad", 1, 0, doc="authentic data (RFC 4035)"),
    Field("cd", 1, 0, doc="checking disabled (RFC 4035)"),
    Field("rcode", 4, 0, ENUM, names=RCODES, doc="response code (low 4 bits)"),
    Field("qdcount", 16, None, computed=True, doc="number of questions; computed"),
    Field("ancount", 16, None, computed=True, doc="number of answer records; computed"),
    Field("nscount", 16, None, computed=True, doc="number of authority records; computed"),
    Field("arcount", 16, None, computed=True, doc="number of additional records; computed"),
    Field("questions", 0, _DEFAULT_QUESTION, OPTIONS,
          doc="{question: {name, type, class}} items (type A, class IN by default); default "
              "one question for www.example.com as scapy; or hex"),
    Field("answers", 0, (), OPTIONS, doc="answer records: " + _RECORDS_DOC),
    Field("authority", 0, (), OPTIONS, doc="authority records, as answers"),
    Field("additional", 0, (), OPTIONS, doc="additional records, as answers (EDNS0: opt)"),
    Field("compress", 1, 1, ENUM, names={"false": 0, "true": 1}, packed=False,
          doc="not on the wire: compress names (RFC 1035 §4.1.4) or write them whole"),
))
SIZE = HEADER.size  # 12
_pack = HEADER.pack
_unpack = HEADER.unpack


def _body(v: dict[str, Any], head: bytes) -> tuple[bytes, list[int]]:
    """The message from the ID on, and each section's record count."""
    w = dnsrr.Writer(head, bool(v["compress"]))
    counts = []
    for section, _count in _SECTIONS:
        items = v[section]
        if isinstance(items, bytes | bytearray):
            w.out += items
            counts.append(dnsrr.count_records(bytes(items), section == "questions"))
            continue
        for word, value in items:
            if section == "questions":
                dnsrr.write_question(w, value)
            else:
                dnsrr.write_record(w, word, value)
        counts.append(len(items))
    return bytes(w.out), counts


_BODIES: dict[tuple, tuple[bytes, list[int]]] = {}


def _body_of(v: dict[str, Any]) -> tuple[bytes, list[int]]:
    """``_body`` remembered by the sections' values: a sweep of IDs or flags
    (dns-id-sweep) writes the same names and records in every frame."""
    key = (v["compress"], *(v[section] for section, _c in _SECTIONS))
    try:
        got = _BODIES.get(key)
    except TypeError:  # an unhashable value: write it each time
        return _body(v, bytes(SIZE))
    if got is None:
        if len(_BODIES) > 256:
            _BODIES.clear()
        got = _BODIES[key] = _body(v, bytes(SIZE))
    return got


def message(v: dict[str, Any]) -> tuple[bytes, dict[str, Any]]:
    """The message (no TCP length) and the values with the counts filled."""
    v = dict(v)
    msg, counts = _body_of(v)
    for (_s, count), n in zip(_SECTIONS, counts, strict=True):
        if v[count] is None:
            v[count] = n
    return _pack(v) + msg[SIZE:], v


def encode(v: dict[str, Any], payload: bytes, ctx: Context) -> tuple[bytes, dict[str, Any]]:
    """The message; over TCP with its length in front (RFC 1035 §4.2.2)."""
    msg, v = message(v)
    if ctx.outer_name != "tcp":
        v["length"] = None
        return msg, v
    if v["length"] is None:
        v["length"] = len(msg)
    return struct.pack("!H", v["length"] & 0xFFFF) + msg, v


def _sections(msg: bytes, counts: list[int]) -> tuple[list[Any], list[int]]:
    """Each section read (a list of items, or None where it could not be
    named) and the offsets where each starts and the last ends."""
    out: list[Any] = []
    bounds = [SIZE]
    i, end = SIZE, len(msg)
    broken = False
    for (section, _c), n in zip(_SECTIONS, counts, strict=True):
        items: list[Any] | None = []
        if not broken:
            read = dnsrr.read_question if section == "questions" else dnsrr.read_record
            try:
                for _ in range(n):
                    if i >= end:
                        break
                    item, i = read(msg, i, end)
                    items.append(item)  # type: ignore[union-attr]
            except (Truncated, dnsrr.Unnamed):
                items, broken, i = None, True, end
        out.append(items)
        bounds.append(i)
    return out, bounds


def _decode_message(msg: bytes, whole: bool) -> tuple[dict[str, Any], int]:
    """The values of ``msg`` and where its last record ends (``whole``: the
    message ends at the end of ``msg``, what follows the records staying in
    the last section as hex: a TCP length counts it)."""
    v = _unpack(msg, 0)
    counts = [v[c] for _s, c in _SECTIONS]
    items, bounds = _sections(msg, counts)
    if whole:
        if bounds[-1] < len(msg):
            items[3] = None
        bounds[-1] = len(msg)
    end = bounds[-1]
    want = msg[:end]
    for k, (section, _c) in enumerate(_SECTIONS):  # hex first: named below if they agree
        v[section] = bytes(msg[bounds[k]:bounds[k + 1]])
    v["compress"] = 1
    # name as many sections as give back the same bytes, from the first on
    for named in range(4, 0, -1):
        if any(items[k] is None for k in range(named)):
            continue
        for compress in (1, 0):
            trial = dict(v, compress=compress)
            for k in range(named):
                trial[_SECTIONS[k][0]] = tuple(items[k])
            if message(trial)[0] == want:
                return trial, end
    return v, end


def decode(data: bytes, offset: int = 0, outer: str | None = None) -> tuple[dict[str, Any], int]:
    """The message at ``offset`` (over ``tcp``, its length first). Raises
    Truncated (a header cut short, a TCP length past the data) or Malformed
    (a compression pointer that does not point back)."""
    length = None
    start = offset
    if outer == "tcp":
        if len(data) - offset < 2:
            raise Truncated("dns: TCP length cut short")
        length = struct.unpack_from("!H", data, offset)[0]
        start = offset + 2
        if length < SIZE:
            raise Malformed(f"dns: TCP length {length}, less than a header")
        if len(data) - start < length:
            raise Truncated(f"dns: {len(data) - start} of {length} message bytes")
        msg = bytes(data[start:start + length])
    else:
        msg = bytes(data[start:])
    if len(msg) < SIZE:
        raise Truncated(f"dns: {len(msg)} of {SIZE} header bytes")
    v, end = _decode_message(msg, length is not None)
    v["length"] = length
    return v, start - offset + end


def layout(v: dict[str, Any]) -> list[tuple[str, int, int, int]]:
    """The fixed fields (after the TCP length where there is one), then
    each section's bytes."""
    at = 0 if v.get("length") is None else 2
    out = [("length", 0, 0, 16)] if at else []
    out += [(n, byte + at, bit, width) for n, byte, bit, width in HEADER.fixed_layout()]
    filled = dict(v, **{c: v.get(c) or 0 for _s, c in _SECTIONS})
    i = SIZE
    for k, (section, _c) in enumerate(_SECTIONS):
        part = dict(filled, **{s: (b"" if j > k else filled[s]) for j, (s, _x) in
                              enumerate(_SECTIONS)})
        stop = len(message(part)[0])
        if stop > i:
            out.append((section, at + i, 0, 8 * (stop - i)))
        i = stop
    return out


def _first_question(v: dict[str, Any]) -> str:
    qs = v.get("questions")
    if not qs or isinstance(qs, bytes | bytearray):
        return ""
    q = dict(qs[0][1])
    t = value_text(dnsrr.QUESTION[1], q["type"])
    return f" {t}? {q['name']}"


def summary(v: dict[str, Any]) -> str:
    kind = "response" if v["qr"] else "query"
    rcode = value_text(HEADER.by_name["rcode"], v["rcode"])
    if v["qr"]:
        return (f"DNS {kind} id={v['id']:#06x} {rcode} "
                f"{v['ancount']}/{v['nscount']}/{v['arcount']}{_first_question(v)}")
    return f"DNS {kind} id={v['id']:#06x}{_first_question(v)}"


def _transport(layers: Any) -> tuple[str, dict[str, Any]] | None:
    for name in ("udp", "tcp"):
        t = layers.get(name)
        if t is not None:
            return name, t
    return None


def request_key(v: dict[str, Any], ip: Any, layers: Any) -> tuple | None:
    """A query is answered by a response with its ID, back between the same
    addresses and ports (RFC 1035 §4.1.1, §4.2)."""
    t = _transport(layers)
    if v["qr"] or ip is None or t is None:
        return None
    return ("dns", t[0], ip["src"], ip["dst"], t[1]["sport"], t[1]["dport"], v["id"])


def reply_key(v: dict[str, Any], ip: Any, layers: Any) -> tuple | None:
    t = _transport(layers)
    if not v["qr"] or ip is None or t is None:
        return None
    return ("dns", t[0], ip["dst"], ip["src"], t[1]["dport"], t[1]["sport"], v["id"])
