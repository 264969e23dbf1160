"""DNS questions and resource records (RFC 1035 §4.1.2-§4.1.4, RFC 3596,
RFC 2782, RFC 6891, RFC 8659): their sub-field tables, names with
compression both ways, and record data by type (a helper module for dns,
not a layer).

Internal values (the ``fields`` form of craft/profile/options.py): a
question is ``("question", ((name, str), (type, int), (class, int)))``; a
record is ``(type word, ((sub-field, value), ...))`` with the sub-fields in
the order of its table below. Names are text without the final dot
(``www.example.com``), ``.`` the root.

Compression (RFC 1035 §4.1.4), as scapy's ``dns_compress`` does it: each
name written takes the longest of its suffixes (``www.example.com``,
``example.com``, ``com``) already written in the message, counted from the
first byte of the ID field, as a pointer to where that suffix was first
written; the suffixes of every name written become pointer targets. The
names compressed are the question names, the owner names and the names in
the data of the RFC 1035 types (NS, CNAME, PTR, MX, SOA). An SRV target is
never compressed (RFC 2782: "name compression is not to be used for this
field"; scapy compresses it) nor a CAA value (not a name), but its
suffixes are pointer targets for the names after it; the root is never a
pointer. Where scapy differs otherwise: it finds where a suffix was first
written by searching the message's bytes, so a suffix whose bytes also sit
earlier inside other data (hex RDATA, an SRV target) gets its pointer
there; and under TCP it counts its pointers from the length prefix, two
bytes off (craft/encode/scapy_dns.py compresses the message alone).
"""

from __future__ import annotations

import struct
from typing import Any

from craft.errors import Truncated
from craft.layers.base import BYTES, ENUM, INT, IPV4, IPV6, NAME, TEXT, TEXTS, Field, Malformed

# RFC 1035 §3.2.2/§3.2.3, RFC 3596, RFC 2782, RFC 6891, RFC 8659 and IANA's registry
TYPES = {
    "A": 1, "NS": 2, "CNAME": 5, "SOA": 6, "PTR": 12, "HINFO": 13, "MX": 15, "TXT": 16,
    "AAAA": 28, "SRV": 33, "NAPTR": 35, "DNAME": 39, "OPT": 41, "DS": 43, "RRSIG": 46,
    "NSEC": 47, "DNSKEY": 48, "NSEC3": 50, "SVCB": 64, "HTTPS": 65, "SPF": 99, "IXFR": 251,
    "AXFR": 252, "ANY": 255, "URI": 256, "CAA": 257,
}
CLASSES = {"IN": 1, "CH": 3, "HS": 4, "NONE": 254, "ANY": 255}  # RFC 1035 §3.2.4, RFC 2136
OPT = 41
MAX_POINTER = 0x3FFF  # 14 bits of offset (RFC 1035 §4.1.4)
MAX_JUMPS = 64  # pointers followed in one name before it counts as a loop

_NAME_DOC = "the name, as text (www.example.com; . the root)"
QUESTION = (
    Field("name", 0, "www.example.com", NAME, doc="the name asked for; www.example.com as scapy"),
    Field("type", 16, 1, ENUM, names=TYPES, doc="QTYPE; A as scapy"),
    Field("class", 16, 1, ENUM, names=CLASSES, doc="QCLASS; IN as scapy"),
)


def _owner(rest: tuple[Field, ...]) -> tuple[Field, ...]:
    return (
        Field("name", 0, "www.example.com", NAME,
              doc="owner name; www.example.com, the default question's (scapy: the root)"),
        Field("class", 16, 1, ENUM, names=CLASSES, doc="class; IN as scapy"),
        Field("ttl", 32, 0, INT, doc="time to live, seconds; 0 as scapy"),
        *rest,
    )


def _target(doc: str) -> tuple[Field, ...]:
    return _owner((Field("target", 0, ".", NAME, doc=doc + "; the root as scapy"),))


# record word -> (type number, sub-field table)
RECORDS: dict[str, tuple[int, tuple[Field, ...]]] = {
    "a": (1, _owner((Field("address", 32, bytes(4), IPV4, doc="IPv4 address; 0.0.0.0 as scapy"),))),
    "aaaa": (28, _owner((Field("address", 128, bytes(16), IPV6,
                               doc="IPv6 address (RFC 3596); :: as scapy"),))),
    "cname": (5, _target("the canonical name")),
    "ns": (2, _target("the name server")),
    "ptr": (12, _target("the name pointed to")),
    "mx": (15, _owner((Field("preference", 16, 0, INT, doc="lower is preferred; 0 as scapy"),
                       Field("exchange", 0, ".", NAME, doc="the mail exchanger; the root as scapy"),
                       ))),
    "txt": (16, _owner((Field("strings", 0, ("",), TEXTS,
                              doc="character-strings, each up to 255 bytes; one empty as scapy"),
                        ))),
    "soa": (6, _owner((
        Field("mname", 0, ".", NAME, doc="the primary name server; the root as scapy"),
        Field("rname", 0, ".", NAME,
              doc="the mailbox of the responsible person; the root as scapy"),
        Field("serial", 32, 0, INT, doc="zone serial number"),
        Field("refresh", 32, 0, INT, doc="seconds"),
        Field("retry", 32, 0, INT, doc="seconds"),
        Field("expire", 32, 0, INT, doc="seconds"),
        Field("minimum", 32, 0, INT, doc="negative caching TTL (RFC 2308), seconds"),
    ))),
    "srv": (33, _owner((
        Field("priority", 16, 0, INT, doc="lower is tried first (RFC 2782)"),
        Field("weight", 16, 0, INT, doc="share among equal priorities"),
        Field("port", 16, 0, INT, doc="the service's port"),
        Field("target", 0, ".", NAME, doc="the host; the root (no service) as scapy; never "
                                           "compressed (RFC 2782)"),
    ))),
    "caa": (257, _owner((
        Field("flags", 8, 0, INT, doc="128: issuer critical (RFC 8659 §4.1)"),
        Field("tag", 0, b"issue", TEXT, doc="property tag: issue, issuewild, iodef"),
        Field("value", 0, b"", TEXT, doc="property value (a CA's domain, a URL)"),
    ))),
    "opt": (OPT, (  # RFC 6891 §6.1.2: the owner is the root, the class the UDP size
        Field("size", 16, 4096, INT, doc="requestor's UDP payload size; 4096 as scapy"),
        Field("ercode", 8, 0, INT, doc="upper 8 bits of the extended RCODE"),
        Field("version", 8, 0, INT, doc="EDNS version"),
        Field("do", 1, 0, INT, doc="DNSSEC OK (RFC 3225); 0 (scapy: 1, asking for DNSSEC "
                                   "records)"),
        Field("z", 15, 0, INT, doc="the other flag bits, zero"),
        Field("options", 0, b"", BYTES,
              doc="EDNS options as hex: code (2 bytes), length (2), data, one after another"),
    )),
    "rr": (0, (
        Field("name", 0, "www.example.com", NAME, doc=_NAME_DOC),
        Field("type", 16, 1, ENUM, names=TYPES, doc="TYPE, any (RFC 3597)"),
        Field("class", 16, 1, ENUM, names=CLASSES, doc="class; IN"),
        Field("ttl", 32, 0, INT, doc="time to live, seconds"),
        Field("data", 0, b"", BYTES, doc="RDATA as hex, as it is on the wire"),
    )),
}
RECORD_VALUES = {word: ("fields", table) for word, (_t, table) in RECORDS.items()}
QUESTION_VALUES = {"question": ("fields", QUESTION)}
_WORD = {t: w for w, (t, _table) in RECORDS.items() if t}
_COMPRESSED_DATA = {2, 5, 6, 12, 15}  # NS, CNAME, SOA, PTR, MX: RFC 1035's types
_DEFAULTS = {w: {f.name: f.default for f in table} for w, (_t, table) in RECORDS.items()}


class Unnamed(ValueError):
    """Bytes that read as DNS but cannot be written as craft's text (a label
    with a dot or an unprintable byte): the section stays hex."""


class Writer:
    """A message being written: its bytes from the ID on, and the suffixes
    written so far (name -> offset) when compressing."""

    def __init__(self, head: bytes, compress: bool) -> None:
        self.out = bytearray(head)
        self.seen: dict[str, int] | None = {} if compress else None

    def name(self, text: str, compress: bool = True) -> None:
        labels = [x for x in text.split(".") if x] if text not in ("", ".") else []
        seen = self.seen if compress else None
        for i in range(len(labels)):
            suffix = ".".join(labels[i:])
            if seen is not None and suffix in seen:
                self._labels(labels, i)
                self.out += struct.pack("!H", 0xC000 | seen[suffix])
                return
        self._labels(labels, len(labels))
        self.out += b"\0"

    def _labels(self, labels: list[str], upto: int) -> None:
        """The first ``upto`` labels, each suffix from them on a pointer target."""
        seen = self.seen
        for i, label in enumerate(labels[:upto]):
            if seen is not None and len(self.out) <= MAX_POINTER:
                seen.setdefault(".".join(labels[i:]), len(self.out))
            raw = label.encode()[:63]
            self.out += bytes([len(raw)]) + raw


def _raw(text: str) -> bytes:
    """A string's bytes: Latin-1 where every character fits (what decoding
    reads back, byte for byte), else UTF-8."""
    return text.encode("latin-1") if all(ord(c) < 256 for c in text) else text.encode()


def _strings(strings: Any) -> bytes:
    out = bytearray()
    for s in strings:
        raw = _raw(s)
        out += bytes([min(len(raw), 255)]) + raw[:255]
    return bytes(out)


def write_question(w: Writer, q: Any) -> None:
    v = dict(q)
    w.name(v["name"])
    w.out += struct.pack("!HH", v["type"] & 0xFFFF, v["class"] & 0xFFFF)


def write_record(w: Writer, word: str, value: Any) -> None:
    """One resource record: owner, type, class, TTL, RDLENGTH (computed), RDATA."""
    v = {**_DEFAULTS[word], **dict(value)}
    if word == "opt":
        w.out += b"\0" + struct.pack("!HHBBHH", OPT, v["size"] & 0xFFFF, v["ercode"] & 0xFF,
                                     v["version"] & 0xFF, (v["do"] & 1) << 15 | v["z"] & 0x7FFF,
                                     len(v["options"])) + bytes(v["options"])
        return
    t = RECORDS[word][0] or v["type"]
    w.name(v["name"])
    w.out += struct.pack("!HHI", t & 0xFFFF, v["class"] & 0xFFFF, v["ttl"] & 0xFFFFFFFF)
    at = len(w.out)
    w.out += b"\0\0"  # RDLENGTH, filled below
    if word in ("a", "aaaa"):
        w.out += v["address"]
    elif word in ("cname", "ns", "ptr"):
        w.name(v["target"])
    elif word == "mx":
        w.out += struct.pack("!H", v["preference"] & 0xFFFF)
        w.name(v["exchange"])
    elif word == "txt":
        w.out += _strings(v["strings"])
    elif word == "soa":
        w.name(v["mname"])
        w.name(v["rname"])
        w.out += struct.pack("!IIIII", *(v[k] & 0xFFFFFFFF for k in
                                         ("serial", "refresh", "retry", "expire", "minimum")))
    elif word == "srv":
        w.out += struct.pack("!HHH", v["priority"] & 0xFFFF, v["weight"] & 0xFFFF,
                             v["port"] & 0xFFFF)
        w.name(v["target"], compress=False)
    elif word == "caa":
        tag = bytes(v["tag"])
        w.out += bytes([v["flags"] & 0xFF, len(tag) & 0xFF]) + tag + bytes(v["value"])
    else:  # rr
        w.out += bytes(v["data"])
    struct.pack_into("!H", w.out, at, (len(w.out) - at - 2) & 0xFFFF)


# --- reading --------------------------------------------------------------------------


def read_name(msg: bytes, i: int, end: int) -> tuple[str, int]:
    """The name at ``msg[i]`` (pointers followed anywhere before ``end``)
    and the offset after it where it is written. Raises Truncated or
    Malformed (a pointer loop, a reserved label type, a label that cannot be
    written as text)."""
    labels: list[str] = []
    after = None
    jumps = 0
    length = 0
    while True:
        if i >= end:
            raise Truncated(f"dns: name cut short at {i}")
        n = msg[i]
        if n & 0xC0 == 0xC0:
            if i + 1 >= end:
                raise Truncated("dns: pointer cut short")
            if after is None:
                after = i + 2
            jumps += 1
            target = (n & 0x3F) << 8 | msg[i + 1]
            if target >= i or jumps > MAX_JUMPS:  # only back (tcpdump: <BAD PTR>): no loop
                raise Malformed(f"dns: compression pointer at {i} to {target}, not before it")
            i = target
            continue
        if n & 0xC0:
            raise Malformed(f"dns: label type {n >> 6:#x} at {i}")
        if n == 0:
            break
        if i + 1 + n > end:
            raise Truncated(f"dns: label cut short at {i}")
        raw = msg[i + 1:i + 1 + n]
        if b"." in raw or any(c < 0x21 or c > 0x7E for c in raw):
            raise Unnamed("dns: a label that is not text")
        labels.append(raw.decode("ascii"))
        length += n + 1
        if length > 255:
            raise Malformed("dns: name longer than 255 bytes")
        i += 1 + n
    return ".".join(labels) or ".", (after if after is not None else i + 1)


def skip_name(msg: bytes, i: int, end: int) -> int:
    """The offset after the name written at ``i`` (no pointer followed)."""
    while True:
        if i >= end:
            raise Truncated("dns: name cut short")
        n = msg[i]
        if n & 0xC0 == 0xC0:
            return i + 2
        if n == 0:
            return i + 1
        i += 1 + (n & 0x3F)


def read_question(msg: bytes, i: int, end: int) -> tuple[tuple[str, Any], int]:
    name, i = read_name(msg, i, end)
    if i + 4 > end:
        raise Truncated("dns: question cut short")
    t, c = struct.unpack_from("!HH", msg, i)
    return ("question", (("name", name), ("type", t), ("class", c))), i + 4


def _texts(data: bytes) -> tuple[str, ...] | None:
    out, i = [], 0
    while i < len(data):
        n = data[i]
        if i + 1 + n > len(data):
            return None
        out.append(data[i + 1:i + 1 + n].decode("latin-1"))
        i += 1 + n
    return tuple(out) if out else None


def _typed(msg: bytes, t: int, start: int, stop: int) -> dict[str, Any] | None:
    """The typed sub-fields of RDATA ``msg[start:stop]``, or None when they
    do not cover it exactly."""
    n = stop - start
    data = msg[start:stop]
    if t == 1:
        return {"address": data} if n == 4 else None
    if t == 28:
        return {"address": data} if n == 16 else None
    if t in (2, 5, 12):
        target, j = read_name(msg, start, stop)
        return {"target": target} if j == stop else None
    if t == 15 and n >= 3:
        exchange, j = read_name(msg, start + 2, stop)
        pref = struct.unpack_from("!H", msg, start)[0]
        return {"preference": pref, "exchange": exchange} if j == stop else None
    if t == 16:
        strings = _texts(data)
        return {"strings": strings} if strings is not None else None
    if t == 6:
        mname, j = read_name(msg, start, stop)
        rname, j = read_name(msg, j, stop)
        if j + 20 != stop:
            return None
        nums = struct.unpack_from("!IIIII", msg, j)
        return {"mname": mname, "rname": rname, **dict(zip(
            ("serial", "refresh", "retry", "expire", "minimum"), nums, strict=True))}
    if t == 33 and n >= 7:
        target, j = read_name(msg, start + 6, stop)
        if j != stop:
            return None
        p, w, port = struct.unpack_from("!HHH", msg, start)
        return {"priority": p, "weight": w, "port": port, "target": target}
    if t == 257 and n >= 2 and 2 + data[1] <= n:
        tag, value = bytes(data[2:2 + data[1]]), bytes(data[2 + data[1]:])
        if not all(0x20 <= c < 0x7F for c in tag + value):  # text only where it prints
            return None
        return {"flags": data[0], "tag": tag, "value": value}
    return None


def read_record(msg: bytes, i: int, end: int) -> tuple[tuple[str, Any], int]:
    """One resource record by its type word (``rr`` when its type has no
    word here or its data does not read as the type's)."""
    name, i = read_name(msg, i, end)
    if i + 10 > end:
        raise Truncated("dns: resource record cut short")
    t, c, ttl, rdlen = struct.unpack_from("!HHIH", msg, i)
    start, stop = i + 10, i + 10 + rdlen
    if stop > end:
        raise Truncated(f"dns: RDATA of {rdlen} bytes, {end - start} left")
    word = _WORD.get(t)
    if word == "opt" and name == ".":
        v = {"size": c, "ercode": ttl >> 24, "version": ttl >> 16 & 0xFF, "do": ttl >> 15 & 1,
             "z": ttl & 0x7FFF, "options": bytes(msg[start:stop])}
        return ("opt", tuple((f.name, v[f.name]) for f in RECORDS["opt"][1])), stop
    typed = None
    if word is not None and word != "opt":
        try:
            typed = _typed(msg, t, start, stop)
        except (Truncated, Malformed, Unnamed):
            typed = None
    if typed is None:
        word, typed = "rr", {"type": t, "data": bytes(msg[start:stop])}
    v = {"name": name, "class": c, "ttl": ttl, **typed}
    return (word, tuple((f.name, v[f.name]) for f in RECORDS[word][1])), stop


def count_records(raw: bytes, question: bool) -> int:
    """How many questions or records start in ``raw`` (a section given as hex)."""
    n = i = 0
    try:
        while i < len(raw):
            i = skip_name(raw, i, len(raw))
            if question:
                i += 4
            else:
                if i + 10 > len(raw):
                    break
                i += 10 + struct.unpack_from("!H", raw, i + 8)[0]
            n += 1
    except Truncated:
        pass
    return n
