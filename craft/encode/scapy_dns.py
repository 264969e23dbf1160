"""The scapy mapping of dns (scapy.layers.dns: DNS, DNSQR, DNSRR, DNSRRMX,
DNSRRSOA, DNSRROPT, EDNS0TLV) and scapy's dissection back in craft's names.

craft's values become scapy's packets with the counts, the TCP length and
each RDLENGTH left for scapy to compute (None); with ``compress`` the
message is passed through scapy's own ``dns_compress``. Where scapy and
craft part, small classes here say why:

- ``SRVPlain``: scapy's DNSRRSRV compresses the target, which RFC 2782
  forbids; here the target is written whole (scapy's ``dns_encode``).
- ``CAA``: scapy 2.8 has no CAA class (RFC 8659 §4.1).
- ``RRData``: any type with its RDATA as bytes (RFC 3597), which scapy's
  DNSRR would read by type (an A record's four bytes).

``dns_compress`` counts its pointers from the first byte of what it builds,
which under TCP is the length prefix (two bytes off): the message is
compressed alone, then put under UDP or TCP.

Scapy is imported on first use only (docs/architecture.md, rule 4).
"""

from __future__ import annotations

import functools
import struct
from types import SimpleNamespace
from typing import Any

from craft.layers import dnsrr
from craft.layers.address import ipv4_bytes, ipv4_text, ipv6_bytes, ipv6_text


@functools.cache
def classes() -> SimpleNamespace:
    """Scapy's DNS classes and the three of this module, made once."""
    from scapy.fields import (
        BitEnumField,
        BitField,
        ByteField,
        FieldLenField,
        IntField,
        ShortEnumField,
        ShortField,
        StrField,
        StrLenField,
    )
    from scapy.layers import dns

    def owner(type_: int) -> list[Any]:
        return [dns.DNSStrField("rrname", ""), ShortEnumField("type", type_, dns.dnstypes),
                BitField("cacheflush", 0, 1), BitEnumField("rclass", 1, 15, dns.dnsclasses),
                IntField("ttl", 0), ShortField("rdlen", None)]

    class SRVPlain(dns._DNSRRdummy):
        """RFC 2782 SRV with the target never compressed (scapy's is)."""

        name = "DNS SRV Resource Record (target not compressed)"
        fields_desc = [*owner(33), ShortField("priority", 0), ShortField("weight", 0),
                       ShortField("port", 0), StrField("target", b"\x00")]

    class CAA(dns._DNSRRdummy):
        """RFC 8659 §4.1: flags, tag length, tag, value."""

        name = "DNS CAA Resource Record"
        fields_desc = [*owner(257), ByteField("flags", 0),
                       FieldLenField("taglen", None, length_of="tag", fmt="B"),
                       StrLenField("tag", b"issue", length_from=lambda p: p.taglen),
                       StrField("value", b"")]

    class RRData(dns._DNSRRdummy):
        """Any type, RDATA as it is (RFC 3597)."""

        name = "DNS Resource Record (RDATA as bytes)"
        fields_desc = [*owner(0), StrField("rdata", b"")]

    return SimpleNamespace(dns=dns, SRVPlain=SRVPlain, CAA=CAA, RRData=RRData)


def _name(text: str) -> bytes:
    return b"." if text == "." else text.encode() + b"."


def _raw(text: str) -> bytes:
    """A string's bytes as craft writes them: Latin-1 where every character
    fits (what craft's decoder reads back), else UTF-8."""
    return text.encode("latin-1") if all(ord(c) < 256 for c in text) else text.encode()


def _cls(c: int) -> dict[str, int]:
    return {"rclass": c & 0x7FFF, "cacheflush": c >> 15}


def _edns(s: SimpleNamespace, raw: bytes) -> list[Any]:
    out: list[Any] = []
    i = 0
    while i + 4 <= len(raw):
        code, n = struct.unpack_from("!HH", raw, i)
        if i + 4 + n > len(raw):
            break
        out.append(s.dns.EDNS0TLV(optcode=code, optdata=raw[i + 4:i + 4 + n]))
        i += 4 + n
    if i < len(raw):
        from scapy.packet import Raw

        out.append(Raw(load=raw[i:]))
    return out


def _record(s: SimpleNamespace, word: str, value: Any) -> Any:
    v = {**{f.name: f.default for f in dnsrr.RECORDS[word][1]}, **dict(value)}
    d = s.dns
    if word == "opt":
        return d.DNSRROPT(rrname="", rclass=v["size"], extrcode=v["ercode"],
                          version=v["version"], z=v["do"] << 15 | v["z"],
                          rdata=_edns(s, v["options"]))
    head = {"rrname": _name(v["name"]), "ttl": v["ttl"]}
    if word == "soa":
        return d.DNSRRSOA(**head, rclass=v["class"], mname=_name(v["mname"]),
                          rname=_name(v["rname"]), serial=v["serial"], refresh=v["refresh"],
                          retry=v["retry"], expire=v["expire"], minimum=v["minimum"])
    head.update(_cls(v["class"]))
    if word == "a":
        return d.DNSRR(**head, type=1, rdata=ipv4_text(v["address"]))
    if word == "aaaa":
        return d.DNSRR(**head, type=28, rdata=ipv6_text(v["address"]))
    if word in ("cname", "ns", "ptr"):
        return d.DNSRR(**head, type=dnsrr.RECORDS[word][0], rdata=_name(v["target"]))
    if word == "txt":
        return d.DNSRR(**head, type=16, rdata=[_raw(x) for x in v["strings"]])
    if word == "mx":
        return d.DNSRRMX(**head, preference=v["preference"], exchange=_name(v["exchange"]))
    if word == "srv":
        return s.SRVPlain(**head, priority=v["priority"], weight=v["weight"], port=v["port"],
                          target=d.dns_encode(_name(v["target"])))
    if word == "caa":
        return s.CAA(**head, flags=v["flags"], tag=bytes(v["tag"]), value=bytes(v["value"]))
    return s.RRData(**head, type=v["type"], rdata=bytes(v["data"]))


def _section(s: SimpleNamespace, section: str, items: Any) -> list[Any]:
    if isinstance(items, bytes | bytearray):
        from scapy.packet import Raw

        return [Raw(load=bytes(items))] if items else []
    if section == "questions":
        out = []
        for _w, q in items:
            v = dict(q)
            out.append(s.dns.DNSQR(qname=_name(v["name"]), qtype=v["type"],
                                   qclass=v["class"] & 0x7FFF, unicastresponse=v["class"] >> 15))
        return out
    return [_record(s, word, value) for word, value in items]


_SECTIONS = (("questions", "qd", "qdcount"), ("answers", "an", "ancount"),
             ("authority", "ns", "nscount"), ("additional", "ar", "arcount"))


_NAMED = {"name", "target", "exchange", "mname", "rname"}  # the sub-fields holding names


def _repeats(v: dict[str, Any]) -> bool:
    """Whether any name suffix is written twice: else ``dns_compress`` (which
    builds the message twice over) has nothing to do. A sweep of one
    question per frame skips it."""
    seen: set[str] = set()
    for section, _short, _c in _SECTIONS:
        items = v[section]
        if isinstance(items, bytes | bytearray):
            continue
        for _word, value in items:
            for key, x in value:
                if key not in _NAMED or x == ".":
                    continue
                labels = x.split(".")
                for i in range(len(labels)):
                    suffix = ".".join(labels[i:])
                    if suffix in seen:
                        return True
                    seen.add(suffix)
    return False


def dns(scapy: SimpleNamespace, v: dict[str, Any], inner: str | None) -> Any:
    """craft's dns values as scapy's DNS (its TCP length computed by scapy
    under TCP)."""
    s = classes()
    kw: dict[str, Any] = {}
    for section, short, count in _SECTIONS:
        kw[short] = _section(s, section, v[section])
        given = v[count]
        if given is None and isinstance(v[section], bytes | bytearray):  # hex: scapy counts one
            given = dnsrr.count_records(bytes(v[section]), section == "questions")
        kw[count] = given
    pkt = s.dns.DNS(id=v["id"], qr=v["qr"], opcode=v["opcode"], aa=v["aa"], tc=v["tc"],
                    rd=v["rd"], ra=v["ra"], z=v["z"], ad=v["ad"], cd=v["cd"], rcode=v["rcode"],
                    **kw)
    if v["compress"] and _repeats(v):
        pkt = s.dns.dns_compress(pkt)
    pkt.length = v["length"]
    return pkt


# --- scapy's dissection in craft's names ---------------------------------------------


def _text(name: bytes) -> str:
    t = name.decode("latin-1")
    return t[:-1] if len(t) > 1 and t.endswith(".") else t


def _read_record(s: SimpleNamespace, r: Any) -> tuple[str, Any]:
    d = s.dns
    if isinstance(r, d.DNSRROPT):
        z = r.z
        opts = b"".join(bytes(o) for o in r.rdata)
        return "opt", (("size", r.rclass), ("ercode", r.extrcode), ("version", r.version),
                       ("do", z >> 15), ("z", z & 0x7FFF), ("options", opts))
    cls = r.rclass if isinstance(r, d.DNSRRSOA) else r.rclass | getattr(r, "cacheflush", 0) << 15
    head = (("name", _text(r.rrname)), ("class", cls), ("ttl", r.ttl))
    if isinstance(r, d.DNSRRSOA):
        return "soa", (*head, ("mname", _text(r.mname)), ("rname", _text(r.rname)),
                       ("serial", r.serial), ("refresh", r.refresh), ("retry", r.retry),
                       ("expire", r.expire), ("minimum", r.minimum))
    if isinstance(r, d.DNSRRMX):
        return "mx", (*head, ("preference", r.preference), ("exchange", _text(r.exchange)))
    if isinstance(r, d.DNSRRSRV):
        return "srv", (*head, ("priority", r.priority), ("weight", r.weight), ("port", r.port),
                       ("target", _text(r.target)))
    if type(r) is d.DNSRR and r.type == 1:
        return "a", (*head, ("address", ipv4_bytes(r.rdata)))
    if type(r) is d.DNSRR and r.type == 28:
        return "aaaa", (*head, ("address", ipv6_bytes(r.rdata)))
    if type(r) is d.DNSRR and r.type in (2, 5, 12):
        word = {2: "ns", 5: "cname", 12: "ptr"}[r.type]
        return word, (*head, ("target", _text(r.rdata)))
    if type(r) is d.DNSRR and r.type == 16:
        return "txt", (*head, ("strings", tuple(x.decode("latin-1") for x in r.rdata)))
    # any other: RDATA as scapy found it, after the name and the fixed ten bytes
    _n, rest = d.dns_get_str(bytes(r.original), _ignore_compression=True)
    rdlen = struct.unpack_from("!H", rest, 8)[0]
    return "rr", (("name", _text(r.rrname)), ("type", r.type), ("class", cls),
                  ("ttl", r.ttl), ("data", bytes(rest[10:10 + rdlen])))


def read_dns(scapy: SimpleNamespace, p: Any) -> tuple[str, dict[str, Any]]:
    """Scapy's DNS in craft's names: the header, and each section as its
    items (CAA records are read by craft's decoder alone: scapy has no class)."""
    s = classes()
    u = p.underlayer
    if u is not None and 53 not in (u.sport, u.dport):  # scapy's mDNS (5353): craft's data
        return "payload", {"data": bytes(p.original)}
    v: dict[str, Any] = {k: getattr(p, k) for k in (
        "id", "qr", "opcode", "aa", "tc", "rd", "ra", "z", "ad", "cd", "rcode",
        "qdcount", "ancount", "nscount", "arcount")}
    if p.length is not None:
        v["length"] = p.length
    v["questions"] = tuple(
        ("question", (("name", _text(q.qname)), ("type", q.qtype),
                      ("class", q.qclass | q.unicastresponse << 15))) for q in p.qd)
    for section, short, _c in _SECTIONS[1:]:
        records = getattr(p, short)
        if any(getattr(r, "type", 0) == 257 for r in records):
            continue  # CAA: scapy reads it as bytes
        v[section] = tuple(_read_record(s, r) for r in records)
    return "dns", v


MAPPINGS = {"dns": dns}
DISSECT = {"DNS": read_dns}
