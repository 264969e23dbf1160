"""Message bodies that depend on a type: a row of ``(field, bits)`` in wire
order per type, packed, unpacked and laid out from the row (a helper for
icmp, icmpv6 and igmp; not a layer).

A row's fixed-width entries are packed most significant bit first and must
end on byte boundaries where an address or a variable entry starts; an
address field (ipv4/ipv6/mac kind in the layer's table) is its bytes. The
width in the row may be narrower than the table's field (a 32-bit
``reserved`` that is 16 bits in one type): the low bits are packed. An entry
named ``""`` is reserved bits sent as zero and not kept when read.

A variable entry (bits 0) is packed and read by the module's ``Variable``
pair: ``pack(values) -> bytes`` and ``read(data, start, end, values) ->
(value, next offset)`` (raises Truncated or Malformed).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from craft.errors import Truncated
from craft.layers.base import IPV4, IPV6, MAC, Header, inet_checksum

Row = tuple[tuple[str, int], ...]
_ADDRESS = (IPV4, IPV6, MAC)


class Variable(NamedTuple):
    pack: Callable[[dict[str, Any]], bytes]
    read: Callable[[bytes, int, int, dict[str, Any]], tuple[Any, int]]


def pack(row: Row, header: Header, v: dict[str, Any], variable: dict[str, Variable]) -> bytes:
    """The row's bytes for values ``v``."""
    out = bytearray()
    acc = nbits = 0
    for name, bits in row:
        if not bits:
            out += variable[name].pack(v)
            continue
        if name and header.by_name[name].kind in _ADDRESS:
            out += v[name]
            continue
        acc = (acc << bits) | ((v[name] if name else 0) & ((1 << bits) - 1))
        nbits += bits
        if nbits % 8 == 0:
            out += acc.to_bytes(nbits // 8, "big")
            acc = nbits = 0
    return bytes(out)


def unpack(
    row: Row,
    header: Header,
    data: bytes,
    start: int,
    variable: dict[str, Variable],
    what: str,
) -> tuple[dict[str, Any], int]:
    """The row's values read from ``data[start:]`` and the offset after them;
    Truncated when the fixed part is cut short (``what`` names the message)."""
    need = fixed_size(row)
    end = len(data)
    if end - start < need:
        raise Truncated(f"{what}: {end - start} of {need} body bytes")
    v: dict[str, Any] = {}
    pos = start
    pending: list[tuple[str, int]] = []
    nbits = 0
    for name, bits in row:
        if not bits:
            v[name], pos = variable[name].read(data, pos, end, v)
            continue
        if name and header.by_name[name].kind in _ADDRESS:
            size = bits // 8
            v[name] = bytes(data[pos:pos + size])
            pos += size
            continue
        pending.append((name, bits))
        nbits += bits
        if nbits % 8 == 0:
            word = int.from_bytes(data[pos:pos + nbits // 8], "big")
            shift = nbits
            for pname, pbits in pending:
                shift -= pbits
                if pname:  # "": reserved bits sent as zero, not kept
                    v[pname] = (word >> shift) & ((1 << pbits) - 1)
            pos += nbits // 8
            pending, nbits = [], 0
    return v, pos


def fixed_size(row: Row) -> int:
    return sum(bits for _, bits in row) // 8


def layout(
    row: Row, start: int, sizes: dict[str, int]
) -> list[tuple[str, int, int, int]]:
    """(field, byte offset, bit offset, bit width) of each entry, the row
    starting ``start`` bytes into the header; ``sizes``: variable entries'
    lengths in bytes (an entry of length 0 is left out)."""
    out = []
    bit = start * 8
    for name, bits in row:
        if not bits:
            size = sizes.get(name, 0)
            if size:
                out.append((name, bit // 8, 0, 8 * size))
            bit += 8 * size
            continue
        if name:
            out.append((name, bit // 8, bit % 8, bits))
        bit += bits
    return out


class Typed:
    """A message whose fields after a fixed head (``header``) depend on its
    values (ICMP, ICMPv6 and IGMP by type): ``row(v)`` picks the row,
    ``variable`` packs and reads its variable-length fields. One encode,
    decode and layout for the three."""

    def __init__(self, header: Header, row: Callable[[dict[str, Any]], Row],
                 variable: dict[str, Variable], name: str) -> None:
        self.header, self.row, self.variable, self.name = header, row, variable, name
        self._fixed = header.byte_layout()

    def body(self, v: dict[str, Any]) -> bytes:
        return pack(self.row(v), self.header, v, self.variable)

    def checksummed(self, v: dict[str, Any], payload: bytes,
                    pseudo: bytes = b"") -> tuple[bytes, dict[str, Any]]:
        """Head and body, the checksum (RFC 1071) computed when not given:
        over ``pseudo``, the message and ``payload``."""
        body = self.body(v)
        if v["checksum"] is None:
            v = dict(v)
            v["checksum"] = 0
            v["checksum"] = inet_checksum(pseudo + self.header.pack(v) + body + payload)
        return self.header.pack(v) + body, v

    def decode_rest(self, v: dict[str, Any], data: bytes,
                    offset: int) -> tuple[dict[str, Any], int]:
        """``v`` (the head, already read) with the row's fields read after it."""
        body, end = unpack(self.row(v), self.header, data, offset + self.header.size,
                           self.variable, self.name)
        v.update(body)
        return v, end - offset

    def layout(self, v: dict[str, Any]) -> list[tuple[str, int, int, int]]:
        sizes = {n: len(var.pack(v)) for n, var in self.variable.items() if n in v}
        return [*self._fixed, *layout(self.row(v), self.header.size, sizes)]
