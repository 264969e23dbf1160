"""Header tables: fields in wire order with widths and defaults; one table
drives pack, unpack and the explain layout (docs/architecture.md, rule 1).

Internal values: integers for numbers, enumerations and flags; ``bytes`` for
MAC (6), IPv4 (4) and IPv6 (16) addresses and for variable-length fields.
``None`` means "compute it" (a length, checksum or next-protocol number).
"""

from __future__ import annotations

import struct
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from craft.errors import Truncated
from craft.layers.address import ipv4_text, ipv6_text, mac_text
from craft.layers.address import text as address_text

# Value kinds a field can have; the profile loader converts user text to them.
# OPTIONS: a tuple of (name, value) pairs, or bytes when given as hex (tcp.options,
# icmpv6.options); the layer module documents its option names.
INT, ENUM, FLAGS, MAC, IPV4, IPV6, BYTES = "int", "enum", "flags", "mac", "ipv4", "ipv6", "bytes"
OPTIONS = "options"
# lists: of IPv4 / IPv6 addresses (a tuple of bytes), of domain names (a tuple of str)
IPV4S, IPV6S, NAMES = "ipv4-list", "ipv6-list", "names"
INTS = "int-list"  # a list of 32-bit numbers (a tuple of int): SCTP's gap blocks
TEXT = "text"  # bytes written as text (UTF-8): SCTP user data, a RIP password
IP = "ip"  # an IPv4 or IPv6 address, told apart by its text (bytes of 4 or 16)
# one domain name as text (a str; "." the root), a list of strings (str): DNS
NAME, TEXTS = "name", "texts"
_ADDR_BYTES = {MAC: 6, IPV4: 4, IPV6: 16}


class Field(NamedTuple):
    """One header field. (A NamedTuple, not a dataclass: every printer
    imports this module, and dataclasses imports inspect, 8 ms of a craft
    read's start; issue 13.)

    ``bits`` is the width on the wire (0 for a variable-length field, which the
    layer module packs itself after the fixed header). ``default`` is used when
    the profile does not give the field; ``None`` marks a computed field.
    ``names`` maps user words to numbers (enumerations); ``letters`` gives the
    flag letters from the most significant bit down (tcpdump/scapy words);
    a FLAGS field may also have ``names``: words for single bits (``syn``,
    ``DF``), value = the bit's number. ``packed=False`` keeps a fixed-width
    field out of the compiled struct: the layer module packs it itself because
    whether it is on the wire depends on other values (icmpv6 by type).
    ``parse`` and ``show`` give a field its layer's own notation in profiles
    (NTP times, SNMP OIDs and octet strings, signed numbers): the loader reads
    a scalar with ``parse``; explain, JSON and craft import write ``show``.
    """

    name: str
    bits: int
    default: Any = 0
    kind: str = INT
    names: Mapping[str, int] = MappingProxyType({})
    letters: str = ""
    computed: bool = False  # None default means compute; True also for given-able auto
    doc: str = ""
    packed: bool = True
    # a layer's own notation (NTP times, SNMP OIDs, text or signed values):
    # ``parse`` reads a profile's scalar (raises ValueError with the fix),
    # ``show`` writes the value as text that ``parse`` reads back exactly
    parse: Any = None
    show: Any = None

    @property
    def maximum(self) -> int:
        return (1 << self.bits) - 1 if self.bits else 0


class Header:
    """A fixed-size header compiled from its field table.

    Consecutive sub-byte fields are grouped into one 8/16/32-bit word; the
    packer and unpacker are generated once from the table (like namedtuple)
    because they run per frame on the hot path.
    """

    def __init__(self, name: str, fields: tuple[Field, ...]) -> None:
        self.name = name
        self.fields = fields
        self.by_name = {f.name: f for f in fields}
        self.fixed = tuple(f for f in fields if f.bits and f.packed)
        self.variable = tuple(f for f in fields if not (f.bits and f.packed))
        fmt, slots = "!", []  # slot: list of (field, shift)
        group: list[Field] = []
        group_bits = 0
        for f in self.fixed:
            if f.kind in _ADDR_BYTES:
                fmt += f"{_ADDR_BYTES[f.kind]}s"
                slots.append([(f, -1)])
                continue
            if f.bits == 24 and not group and fmt.endswith("B") and len(slots[-1]) == 1 \
                    and slots[-1][0][1] == 0 and slots[-1][0][0].kind not in _ADDR_BYTES:
                # a 24-bit field after a lone byte: the two are one 32-bit word
                # (VXLAN's flags and reserved bits)
                group, group_bits = [slots.pop()[0][0]], 8
                fmt = fmt[:-1]
            if group or f.bits % 8 or f.bits == 24:
                group.append(f)
                group_bits += f.bits
                # a 24-bit run goes on into the next field (a VNI and its reserved byte)
                if group_bits % 8 == 0 and group_bits != 24:
                    fmt += {8: "B", 16: "H", 32: "I"}[group_bits]
                    shift, items = group_bits, []
                    for g in group:
                        shift -= g.bits
                        items.append((g, shift))
                    slots.append(items)
                    group, group_bits = [], 0
                continue
            fmt += {8: "B", 16: "H", 32: "I", 48: "6s", 64: "Q"}[f.bits]
            slots.append([(f, 0)])
        if group:
            raise ValueError(f"{name}: bit fields do not end on a byte boundary")
        self.struct = struct.Struct(fmt)
        self.size = self.struct.size
        self._slots = slots
        self.pack = self._compile_pack()
        self.unpack = self._compile_unpack()
        self._byte_layout = self.byte_layout()

    def _compile_pack(self):  # type: ignore[no-untyped-def]
        exprs = []
        for items in self._slots:
            f, shift = items[0]
            if shift == -1 or (len(items) == 1 and shift == 0):
                exprs.append(f"v[{f.name!r}]" if shift == -1 else f"v[{f.name!r}] & {f.maximum}")
            else:
                exprs.append(
                    "("
                    + " | ".join(f"((v[{g.name!r}] & {g.maximum}) << {s})" for g, s in items)
                    + ")"
                )
        src = f"def pack(v):\n    return _s.pack({', '.join(exprs)})\n"
        ns: dict[str, Any] = {"_s": self.struct}
        exec(src, ns)  # noqa: S102 - generated from the field table above
        return ns["pack"]

    def _compile_unpack(self):  # type: ignore[no-untyped-def]
        if not self._slots:  # only variable fields (payload, raw)

            def unpack_empty(data: bytes, offset: int = 0) -> dict[str, Any]:
                return {}

            return unpack_empty
        names = [f"w{i}" for i in range(len(self._slots))]
        items = []
        for w, slot in zip(names, self._slots, strict=True):
            for f, shift in slot:
                if shift == -1 or (len(slot) == 1 and shift == 0):
                    items.append(f"{f.name!r}: {w}")
                else:
                    items.append(f"{f.name!r}: ({w} >> {shift}) & {f.maximum}")
        src = (
            "def unpack(data, offset=0):\n"
            f"    if len(data) - offset < {self.size}:\n"
            f"        raise _short(data, offset)\n"
            f"    {', '.join(names)}{',' if len(names) == 1 else ''} = _s.unpack_from(data, "
            "offset)\n"
            f"    return {{{', '.join(items)}}}\n"
        )
        name, size = self.name, self.size

        def short(data: bytes, offset: int) -> Truncated:
            return Truncated(f"{name}: {len(data) - offset} of {size} header bytes")

        ns: dict[str, Any] = {"_s": self.struct, "_short": short}
        exec(src, ns)  # noqa: S102
        return ns["unpack"]

    def layout(self) -> list[tuple[Field, int, int]]:
        """(field, bit offset, bit width) of each fixed field, in wire order."""
        out, bit = [], 0
        for f in self.fixed:
            out.append((f, bit, f.bits))
            bit += f.bits
        return out

    def byte_layout(self) -> list[tuple[str, int, int, int]]:
        """(field name, byte offset, bit offset in that byte, bit width) of
        each fixed field: the form a module's ``layout(values)`` returns."""
        return [(f.name, bit // 8, bit % 8, width) for f, bit, width in self.layout()]

    def decode(self, data: bytes, offset: int = 0) -> tuple[dict[str, Any], int]:
        """A fixed header's values and length: the ``decode`` of a module
        whose header is only this table."""
        return self.unpack(data, offset), self.size

    def fixed_layout(self, values: Any = None) -> list[tuple[str, int, int, int]]:
        """``byte_layout()``, computed once: the ``layout`` of such a module."""
        return self._byte_layout

    def decode_options(self, data: bytes, offset: int, words: str,
                       parse: Any) -> tuple[dict[str, Any], int]:
        """A header whose ``words`` field gives its length in 32-bit words,
        options (read by ``parse``) after the fixed part (IPv4's IHL, TCP's
        data offset). A length below the fixed part still decodes the fixed
        bytes: the decoder flags it."""
        v = self.unpack(data, offset)
        hlen = v[words] * 4
        if hlen > self.size:
            if len(data) - offset < hlen:
                raise Truncated(f"{self.name}: {len(data) - offset} of {hlen} header bytes")
            v["options"] = parse(bytes(data[offset + self.size:offset + hlen]))
            return v, hlen
        v["options"] = ()
        return v, self.size

    def with_options(self, v: dict[str, Any], words: str,
                     options_bytes: Any) -> tuple[dict[str, Any], bytes]:
        """A copy of ``v`` with its ``words`` length field computed when left
        to compute, and the options' bytes (the encoder's side of
        ``decode_options``)."""
        v = dict(v)
        opts = options_bytes(v["options"]) if v["options"] else b""
        if v[words] is None:
            v[words] = (self.size + len(opts)) >> 2
        return v, opts

    def options_layout(self, v: dict[str, Any], options_bytes: Any,
                       field: str = "options") -> list[tuple[str, int, int, int]]:
        """The fixed fields' layout, then the list ``field`` (its bytes:
        ``options_bytes``)."""
        opts = v.get(field)
        if not opts:
            return self._byte_layout
        return [*self._byte_layout, (field, self.size, 0, 8 * len(options_bytes(opts)))]

    def decode_list(self, data: bytes, offset: int, field: str,
                    parse: Any) -> tuple[dict[str, Any], int]:
        """A header whose list ``field`` (read by ``parse``) runs from the
        fixed part to the end of the data (SCTP's chunks, RIP's entries)."""
        v = self.unpack(data, offset)
        raw = bytes(data[offset + self.size:])
        v[field] = parse(raw) if raw else ()
        return v, len(data) - offset

    def defaults(self) -> dict[str, Any]:
        return {f.name: f.default for f in self.fields}


def nothing_follows(v: dict[str, Any], part: Any, prev: Any, offset: int,
                    end: int) -> tuple[str | None, int]:
    """The ``next_layer`` of a layer that runs to the end of its datagram
    (options or a list take the rest): the decoder reads nothing after it."""
    return None, end


class Malformed(ValueError):
    """A header whose own fields make it undecodable (e.g. ARP with a hardware
    length other than 6); raised by layer ``decode``, caught by the decoder."""


def inet_checksum(data: bytes) -> int:
    """The Internet checksum (RFC 1071): one's complement of the one's
    complement sum of 16-bit words. Summing modulo 0xffff is the same sum
    (2**16 == 1 mod 0xffff) and runs in C on one big integer."""
    n = int.from_bytes(data, "big")
    if len(data) & 1:
        n <<= 8  # an odd length is padded with a zero byte (RFC 1071 §4.1)
    s = n % 0xFFFF
    if s == 0 and n:
        s = 0xFFFF
    return ~s & 0xFFFF


class Checksum(NamedTuple):
    """The checksum a layer carries (its module's ``CHECKSUM``): the Internet
    checksum (RFC 1071) in ``field``. ``pseudo``: the protocol number that goes
    into the pseudo-header of the nearest enclosing IP layer (None: no
    pseudo-header); ``zero_as_ffff``: a computed zero is sent as 0xffff (UDP,
    RFC 768); ``header_only``: it covers the layer's own header (IPv4), not
    the header and everything after it; ``zero_unchecked_in``: the enclosing
    IP layers under which a zero on the wire means "not computed" and is
    right (UDP over IPv4, RFC 768; over IPv6 it must be computed, RFC 8200
    §8.1), which explain and the audit accept."""

    field: str = "checksum"
    pseudo: int | None = None
    zero_as_ffff: bool = False
    header_only: bool = False
    zero_unchecked_in: tuple[str, ...] = ()


# layer name -> its pseudo_header(values, proto, length); filled by register()
PSEUDO_HEADERS: dict[str, Any] = {}


# layer name -> its pseudo_override(values): the addresses a layer between the IP
# layer and the transport puts into the pseudo-header instead of the IP
# layer's own ({"dst": final destination} for a routing header, RFC 8200
# §8.1); filled by register(), applied by both encoders and the patcher
PSEUDO_OVERRIDES: dict[str, Any] = {}


def pseudo_ip(layers: Any) -> list[tuple[str | None, dict[str, Any] | None]]:
    """For each of ``layers`` (objects with ``name`` and ``values``), the
    nearest enclosing layer that gives transport checksums their
    pseudo-header (name, values), with what the layers between override
    (a routing header's final destination), or (None, None)."""
    out: list[tuple[str | None, dict[str, Any] | None]] = []
    ip: tuple[str | None, dict[str, Any] | None] = (None, None)
    for layer in layers:
        out.append(ip)
        name = layer.name
        if name in PSEUDO_HEADERS:
            ip = (name, layer.values)
        elif ip[1] is not None and name in PSEUDO_OVERRIDES:
            changed = PSEUDO_OVERRIDES[name](layer.values)
            if changed:
                ip = (ip[0], {**ip[1], **changed})
    return out


def pseudo_header_in(ctx: Any, proto: int, length: int) -> bytes:
    """The pseudo-header for a transport checksum, from the nearest enclosing
    IP layer in the encoder's context (``Context.ip_name``/``ip``); empty
    when there is none."""
    if ctx.ip_name is None:
        return b""
    return PSEUDO_HEADERS[ctx.ip_name](ctx.ip, proto, length)


ADDRESS_TEXT = {MAC: mac_text, IPV4: ipv4_text, IPV6: ipv6_text, IP: address_text}


def value_text(f: Field, value: Any) -> str:
    """A field value the way a user writes it in a profile."""
    if value is None:
        return "auto"
    if f.show is not None:
        return str(f.show(value))
    if f.kind in ADDRESS_TEXT:
        return ADDRESS_TEXT[f.kind](value)
    if f.kind == BYTES:
        return value.hex()
    if f.kind == TEXT:
        return bytes(value).decode("utf-8", "backslashreplace")
    if f.kind == ENUM:
        for word, number in f.names.items():
            if number == value:
                return word
    if f.kind == FLAGS and (f.letters or f.names):
        return flags_text(f, value) or "0"
    if f.kind == OPTIONS:
        return value.hex() if isinstance(value, bytes | bytearray) else options_text(value)
    if f.kind in LIST_ITEM:
        return ",".join(LIST_ITEM[f.kind](x) for x in value)
    return str(value)


LIST_ITEM = {IPV4S: ipv4_text, IPV6S: ipv6_text, NAMES: str, INTS: str, TEXTS: str}


def is_struct(value: Any) -> bool:
    """A structured option value: ``(sub-field, value)`` pairs (icmpv6's
    prefix-info, a group record)."""
    return isinstance(value, tuple) and bool(value) and isinstance(value[0], tuple) \
        and len(value[0]) == 2 and isinstance(value[0][0], str)


def struct_text(value: Any) -> str:
    """``(prefix=2001:db8::,length=64)``: sub-values as text by their look."""
    def one(x: Any) -> str:
        if isinstance(x, bytes):
            return {4: ipv4_text, 6: mac_text, 16: ipv6_text}.get(len(x), bytes.hex)(x)
        if isinstance(x, tuple):
            return "[" + ",".join(one(y) for y in x) + "]"
        return str(x)

    return "(" + ",".join(f"{k}={one(x)}" for k, x in value) + ")"


def options_text(options: Any) -> str:
    """``mss=1460,sackok,timestamp=1:0`` style text of an options tuple."""
    out = []
    for name, value in options:
        if value is None:
            out.append(name)
        elif isinstance(value, bytes):
            out.append(f"{name}={mac_text(value) if len(value) == 6 else value.hex()}")
        elif is_struct(value):
            out.append(f"{name}={struct_text(value)}")
        elif isinstance(value, tuple):
            out.append(
                f"{name}="
                + ":".join(
                    "-".join(str(x) for x in p) if isinstance(p, tuple) else _item_text(p)
                    for p in value
                )
            )
        else:
            out.append(f"{name}={value}")
    return ",".join(out)


def _item_text(x: Any) -> str:
    """An item of an option's list: an address by its length, other bytes as hex."""
    if isinstance(x, bytes):
        return {4: ipv4_text, 6: mac_text, 16: ipv6_text}.get(len(x), bytes.hex)(x)
    return str(x)


def flags_text(f: Field, value: int) -> str:
    """Letters (MSB first) when the field has them, else words joined by ","."""
    if f.letters:
        n = len(f.letters)
        return "".join(c for i, c in enumerate(f.letters) if value >> (n - 1 - i) & 1)
    # a name may stand for several bits (an STP port role: two bits): it is
    # written when all its bits are set and none is written by a wider name
    covered = 0
    words = []
    for word, bit in sorted(f.names.items(), key=lambda kv: -kv[1]):
        if bit and value & bit == bit and not bit & covered:
            covered |= bit
            words.append(word)
    return ",".join(words)


def flags_value(f: Field, given: Any) -> int:
    """The number for a FLAGS value given as an int, letters (``"SA"``), one
    word (``"DF"``, ``"syn"``), words joined by ``,``/``+``/space or a list of
    words or letters. Words match case-insensitively. Raises ValueError."""
    if isinstance(given, bool):
        raise ValueError("a boolean is not a flags value")
    if isinstance(given, int):
        if not 0 <= given <= f.maximum:
            raise ValueError(f"{given} is out of range 0..{f.maximum}")
        return given
    words = {w.lower(): bit for w, bit in f.names.items()}
    n = len(f.letters)
    letters = {c: 1 << (n - 1 - i) for i, c in enumerate(f.letters)}
    if isinstance(given, str):
        parts = given.replace(",", " ").replace("+", " ").split()
        if len(parts) == 1 and parts[0].lower() not in words:
            parts = list(parts[0]) if letters else parts
        given = parts
    value = 0
    for part in given:
        if not isinstance(part, str):
            raise ValueError(f"flag {part!r} is not a word or letter")
        key = part.strip()
        if key.lower() in words:
            value |= words[key.lower()]
        elif key.upper() in letters:
            value |= letters[key.upper()]
        elif key in letters:
            value |= letters[key]
        else:
            known = sorted(f.names) + list(f.letters)
            raise ValueError(f"unknown flag {key!r} (known: {', '.join(known)})")
    return value


def trafgen_transport(enc: Any, ip: Any, name: str, at: int) -> tuple[int, str] | None:
    """trafgen's csumudp/csumtcp (csumudp6/csumtcp6 over IPv6) for the
    checksum ``at`` bytes into transport header ``enc``, over the pseudo-header
    of ``ip``: only right when the IP header is right in front (craft export)."""
    if ip is None or ip.offset + len(ip.header) != enc.offset:
        return None
    six = "6" if len(ip.values["src"]) == 16 else ""
    return enc.offset + at, f"csum{name}{six}({ip.offset}, {enc.offset})"


def memo_by_value(build: Any, limit: int = 256) -> Any:
    """``build(options)`` remembered per value (an options list: per frame on
    the hot path, the same few lists), lists and bytearrays as their
    immutable twins."""
    memo: dict[Any, bytes] = {}

    def get(options: Any) -> bytes:
        if isinstance(options, bytearray | list):
            options = bytes(options) if isinstance(options, bytearray) else tuple(options)
        got = memo.get(options)
        if got is None:
            if len(memo) > limit:
                memo.clear()
            got = memo[options] = build(options)
        return got
    return get


def signed(bits: int) -> Any:
    """A ``Field.parse`` for a two's-complement field of ``bits``: a whole
    number in range, kept as the signed int (the packer masks it)."""
    lo, hi = -(1 << (bits - 1)), (1 << (bits - 1)) - 1

    def parse(value: Any) -> int:
        if isinstance(value, str):
            try:
                value = int(value.strip(), 0)
            except ValueError:
                raise ValueError(f"{value!r} is not a number; write e.g. -20") from None
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{value!r} is not a whole number; write e.g. -20")
        if not lo <= value <= hi:
            raise ValueError(f"{value} is out of range {lo}..{hi}")
        return value
    return parse


def as_signed(value: int, bits: int) -> int:
    """The unsigned ``value`` of a ``bits``-wide field read as two's complement."""
    return value - (1 << bits) if value >> (bits - 1) else value
