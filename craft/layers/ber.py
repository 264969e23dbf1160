"""A small BER codec (X.690) for SNMP (a helper module, not a layer): one
tag byte, definite lengths in the shortest form (short form below 128, else
0x81.. with the fewest length bytes), INTEGERs in the fewest two's-complement
bytes (X.690 §8.3.2), OBJECT IDENTIFIERs as base-128 sub-identifiers
(§8.19). Reading checks the same: ``read`` raises ``Truncated`` when the
data ends inside a TLV and ``base.Malformed`` for what SNMP never sends
(indefinite lengths, multi-byte tags)."""

from __future__ import annotations

from craft.errors import Truncated
from craft.layers.base import Malformed

INTEGER, OCTET_STRING, NULL, OID, SEQUENCE = 0x02, 0x04, 0x05, 0x06, 0x30


def length(n: int) -> bytes:
    """A definite length, shortest form."""
    if n < 0x80:
        return bytes([n])
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def tlv(tag: int, content: bytes) -> bytes:
    return bytes([tag]) + length(len(content)) + content


def integer(n: int) -> bytes:
    """An INTEGER's content: the fewest two's-complement bytes (one for 0)."""
    size = (n + (n < 0)).bit_length() // 8 + 1
    return n.to_bytes(size, "big", signed=True)


def read_integer(content: bytes) -> int:
    if not content:
        raise Malformed("ber: an INTEGER with no content bytes")
    return int.from_bytes(content, "big", signed=True)


def oid(text: str) -> bytes:
    """An OBJECT IDENTIFIER's content from dotted text (checked by ``parse_oid``)."""
    arcs = [int(a) for a in text.split(".")]
    out = bytearray()
    for sub in [arcs[0] * 40 + arcs[1], *arcs[2:]]:
        chunk = [sub & 0x7F]
        sub >>= 7
        while sub:
            chunk.append(0x80 | (sub & 0x7F))
            sub >>= 7
        out += bytes(reversed(chunk))
    return bytes(out)


def read_oid(content: bytes) -> str:
    """Dotted text of an OBJECT IDENTIFIER's content."""
    if not content or content[-1] & 0x80:
        raise Malformed("ber: an OBJECT IDENTIFIER that ends inside a sub-identifier")
    subs, acc = [], 0
    for b in content:
        acc = (acc << 7) | (b & 0x7F)
        if not b & 0x80:
            subs.append(acc)
            acc = 0
    first = min(subs[0] // 40, 2)
    return ".".join(str(a) for a in [first, subs[0] - 40 * first, *subs[1:]])


def parse_oid(value: object) -> str:
    """Dotted OID text (a leading dot allowed) checked as X.690 §8.19 needs:
    two arcs at least, the first 0-2, the second below 40 under 0 and 1."""
    text = str(value).strip().lstrip(".") if isinstance(value, str | int) and not isinstance(
        value, bool) else ""
    arcs = text.split(".")
    if len(arcs) < 2 or not all(a.isdigit() for a in arcs):
        raise ValueError(f"{value!r} is not an OID; write dotted numbers, e.g. "
                         "1.3.6.1.2.1.1.1.0")
    first, second = int(arcs[0]), int(arcs[1])
    if first > 2 or (first < 2 and second >= 40):
        raise ValueError(f"{text} is not an OID: the first arc is 0, 1 or 2 and under 0 "
                         "and 1 the second is below 40")
    return ".".join(str(int(a)) for a in arcs)


def read(data: bytes, at: int, end: int) -> tuple[int, int, int]:
    """The TLV at ``at`` (not past ``end``): (tag, content start, content end)."""
    if at + 2 > end:
        raise Truncated(f"ber: {end - at} of 2 bytes of a tag and length")
    tag, first = data[at], data[at + 1]
    if tag & 0x1F == 0x1F:
        raise Malformed(f"ber: multi-byte tag at {at} (SNMP uses one-byte tags)")
    start = at + 2
    if first & 0x80:
        n = first & 0x7F
        if n == 0:
            raise Malformed(f"ber: indefinite length at {at} (SNMP uses definite lengths)")
        if start + n > end:
            raise Truncated(f"ber: {end - start} of {n} length bytes")
        size = int.from_bytes(data[start:start + n], "big")
        start += n
    else:
        size = first
    if start + size > end:
        raise Truncated(f"ber: a TLV of {size} bytes, {end - start} left")
    return tag, start, start + size


def expect(data: bytes, at: int, end: int, tag: int, what: str) -> tuple[int, int]:
    """The content span of the TLV at ``at``, which must have ``tag``."""
    got, start, stop = read(data, at, end)
    if got != tag:
        raise Malformed(f"ber: {what} has tag 0x{got:02x}, not 0x{tag:02x}")
    return start, stop
