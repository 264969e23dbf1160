"""PPP control protocol packets — RFC 1661 §5 (LCP) and the network
control protocols built the same way (IPCP, RFC 1332 §2): code,
identifier, length, then the code's own fields; and their options, RFC
1661 §6 type-length-value items (a helper for lcp and ipcp, not a layer).

What each code carries after the length (``rows``; the profile loader
refuses a field the code does not carry):

    configure-request/-ack/-nak/-reject (1-4)   options
    terminate-request/-ack (5, 6)               data
    code-reject (7)                             data (the rejected packet)
    protocol-reject (8; LCP)                    rejected (16), data
    echo-request/-reply, discard-request
    (9, 10, 11; LCP)                            magic (32), data
    any other code                              data

``len`` counts the packet (code to the end of its data, not a payload
layer after it, as scapy's) and bounds it when decoding; the rest of the
frame is padding. Options decode by name when naming them packs back to
the same bytes, else the list stays bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from craft.layers import rows
from craft.layers.base import BYTES, ENUM, OPTIONS, Field, Header, memo_by_value, value_text
from craft.layers.context import Context

CODES = {
    "configure-request": 1,  # RFC 1661 §5.1
    "configure-ack": 2,  # §5.2
    "configure-nak": 3,  # §5.3
    "configure-reject": 4,  # §5.4
    "terminate-request": 5,  # §5.5
    "terminate-ack": 6,  # §5.5
    "code-reject": 7,  # §5.6
    "protocol-reject": 8,  # §5.7 (LCP only)
    "echo-request": 9,  # §5.8 (LCP only)
    "echo-reply": 10,  # §5.8
    "discard-request": 11,  # §5.9
}
NCP_CODES = {w: n for w, n in CODES.items() if n <= 7}  # RFC 1332 §2: codes 1 through 7

_OPTIONS: rows.Row = (("options", 0),)
_DATA: rows.Row = (("data", 0),)
ROWS: dict[int, rows.Row] = {
    1: _OPTIONS, 2: _OPTIONS, 3: _OPTIONS, 4: _OPTIONS,
    5: _DATA, 6: _DATA, 7: _DATA,
    8: (("rejected", 16), ("data", 0)),
    9: (("magic", 32), ("data", 0)),
    10: (("magic", 32), ("data", 0)),
    11: (("magic", 32), ("data", 0)),
}


def fields(codes: dict[str, int], option_doc: str, extra: tuple[Field, ...] = ()) -> \
        tuple[Field, ...]:
    """The field table: code, id, len, options, the code's own fields, data."""
    return (
        Field("code", 8, 1, ENUM, names=codes,
              doc="packet code; configure-request (1) as scapy's *_Configure"),
        Field("id", 8, 0, doc="identifier matching replies to requests; 0 as scapy"),
        Field("len", 16, None, computed=True,
              doc="octets from code to the end of the data; computed"),
        Field("options", 0, (), OPTIONS, doc=f"configure-*: {option_doc}; or hex"),
        *extra,
        Field("data", 0, b"", BYTES,
              doc="terminate-*, code-reject (the rejected packet), protocol-reject, echo, "
                  "discard, other codes: the data, hex"),
    )


def tlv_bytes(types: dict[str, int], body: Callable[[str, Any], bytes]) -> Any:
    """``options_bytes`` of an option vocabulary: each option as type,
    length (type and length octets included) and ``body(name, value)``."""
    def build(options: Any) -> bytes:
        if isinstance(options, bytes | bytearray):
            return bytes(options)
        out = bytearray()
        for name, value in options:
            if name not in types:
                raise ValueError(f"unknown option {name!r}")
            b = body(name, value)
            out += bytes((types[name], 2 + len(b))) + b
        return bytes(out)
    return memo_by_value(build)


def tlv_parse(types: dict[str, int], value: Callable[[str, bytes], tuple[bool, Any]],
              build: Callable[[Any], bytes]) -> Callable[[bytes], Any]:
    """``parse_options`` of an option vocabulary: the named form when every
    option has a name and ``value(name, body)`` reads it, and the named
    form packs back to exactly the bytes; else the bytes."""
    names = {n: w for w, n in types.items()}

    def parse(raw: bytes) -> tuple[tuple[str, Any], ...] | bytes:
        out = []
        i, n = 0, len(raw)
        while i < n:
            if i + 2 > n or raw[i] not in names or raw[i + 1] < 2 or i + raw[i + 1] > n:
                return raw
            name = names[raw[i]]
            ok, v = value(name, raw[i + 2:i + raw[i + 1]])
            if not ok:
                return raw
            out.append((name, v))
            i += raw[i + 1]
        named = tuple(out)
        return named if build(named) == raw else raw
    return parse


def read_value(form: tuple[str, Any], body: bytes) -> tuple[bool, Any]:
    """An option body read in its profile form (``int``, ``none``,
    ``addr``, ``hex``, or ``fields`` of fixed numbers then one hex field)."""
    kind, bits = form
    if kind == "none":
        return not body, None
    if kind == "int":
        return len(body) == bits // 8, int.from_bytes(body, "big")
    if kind == "addr":
        return len(body) == bits // 8, body
    if kind == "hex":
        return True, body
    out, at = [], 0  # fields: fixed-width sub-fields, then at most one variable one
    for f in bits:
        if f.bits:
            size = f.bits // 8
            if at + size > len(body):
                return False, None
            chunk = body[at:at + size]
            out.append((f.name, chunk if f.kind not in ("int", "enum") else
                        int.from_bytes(chunk, "big")))
            at += size
        else:
            out.append((f.name, body[at:]))
            at = len(body)
    return at == len(body), tuple(out)


def pack_value(form: tuple[str, Any], value: Any) -> bytes:
    """The option body for ``value`` in its form (``read_value``'s mirror)."""
    kind, bits = form
    if kind == "none":
        return b""
    if kind == "int":
        return (value & ((1 << bits) - 1)).to_bytes(bits // 8, "big")
    if kind in ("addr", "hex"):
        return bytes(value)
    out = bytearray()
    got = dict(value)
    for f in bits:
        x = got[f.name]
        if not f.bits or isinstance(x, bytes | bytearray):
            out += bytes(x)
        else:
            out += (x & f.maximum).to_bytes(f.bits // 8, "big")
    return bytes(out)


class Control:
    """One control protocol's packets: encode, decode, layout, the rows by
    code (``ROWS`` above) and what the profile loader asks."""

    def __init__(self, header: Header, words: str, types: dict[str, int],
                 forms: dict[str, tuple[str, Any]]) -> None:
        self.header, self.words = header, words
        codes = set(header.by_name["code"].names.values())
        self.rows = {c: r for c, r in ROWS.items() if c in codes}
        self.options_bytes = options_bytes = tlv_bytes(
            types, lambda n, v: pack_value(forms[n], v))
        self.parse_options = parse_options = tlv_parse(
            types, lambda n, body: read_value(forms[n], body), options_bytes)
        variable = {
            "options": rows.Variable(
                lambda v: options_bytes(v["options"]) if v["options"] else b"",
                lambda d, s, e, v: ((parse_options(bytes(d[s:e])) if e > s else ()), e)),
            "data": rows.Variable(lambda v: bytes(v["data"]),
                                  lambda d, s, e, v: (bytes(d[s:e]), e)),
        }
        self.typed = rows.Typed(header, self.row, variable, header.name)
        self.layout = self.typed.layout
        self._size = header.size

    def contract(self) -> tuple[Any, ...]:
        """The module functions: encode, decode, layout, row, fields_for,
        next_layer, summary, options_bytes, parse_options."""
        return (self.encode, self.decode, self.layout, self.row, self.fields_for,
                self.next_layer, self.summary, self.options_bytes, self.parse_options)

    def row(self, v: dict[str, Any]) -> rows.Row:
        return self.rows.get(v.get("code"), _DATA)  # type: ignore[arg-type]

    def fields_for(self, v: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
        """The packet ``v`` names and every field it carries (profile/load.py)."""
        return self.code_word(v["code"]), ("code", "id", "len", *(n for n, _ in self.row(v)))

    def code_word(self, code: int) -> str:
        return value_text(self.header.by_name["code"], code)

    def encode(self, v: dict[str, Any], payload: bytes,
               ctx: Context) -> tuple[bytes, dict[str, Any]]:
        body = self.typed.body(v)
        if v["len"] is None:
            v = dict(v)
            v["len"] = self._size + len(body)
        return self.header.pack(v) + body, v

    def decode(self, data: bytes, offset: int = 0) -> tuple[dict[str, Any], int]:
        """Code, identifier, length and the code's fields, read up to the
        length (or the captured end, when the length says more or less
        than a header)."""
        v = self.header.unpack(data, offset)
        if self._size <= v["len"] <= len(data) - offset:
            data = data[:offset + v["len"]]
        return self.typed.decode_rest(v, data, offset)

    def next_layer(self, v: dict[str, Any], part: Any, prev: Any, offset: int,
                   end: int) -> tuple[str | None, int]:
        """Nothing follows: the rest is padding. A length below the header
        or past the captured bytes is marked."""
        n = v["len"]
        if n < self._size:
            part.error = f"bad-len {n}"
        elif part.offset + n > end:
            part.truncated = True
            part.error = f"truncated-{self.header.name} - {part.offset + n - end} bytes missing"
        return None, end

    def summary(self, v: dict[str, Any]) -> str:
        n = "auto" if v["len"] is None else v["len"]
        return f"{self.words} {self.code_word(v['code'])} id={v['id']} len={n}"
