"""TCP — RFC 9293 §3.1 header; options RFC 9293 §3.2 (EOL, NOP, MSS),
RFC 7323 (window scale, timestamps), RFC 2018 (SACK).

Internal value of ``options``: a tuple of ``(name, value)`` pairs, in order:

    ("mss", int)  ("wscale", int)  ("sackok", None)  ("timestamp", (tsval, tsecr))
    ("sack", ((left, right), ...))  ("nop", None)  ("eol", None)

or ``bytes`` (hex in a profile, or any option list this table cannot name).
Either form is padded with zero bytes to a multiple of 4, exactly as scapy's
TCPOptionsField does, so the same list gives the same bytes in both encoders.

Deliberate difference from scapy: RFC 9293 draws 4 reserved bits and 8 flag
bits (the old NS bit of RFC 3540 is historic, RFC 8311); scapy has 3 reserved
bits and a 9-bit flags field with N on top. Here ``reserved`` is 4 bits whose
lowest bit is scapy's N flag, and ``flags`` is the 8 bits CWR..FIN.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from typing import Any

from craft.layers import base, bindings
from craft.layers.base import FLAGS, OPTIONS, Checksum, Field, Header, inet_checksum
from craft.layers.context import Context

NAME = "tcp"
PROTO = 6  # IANA protocol number, for the pseudo-header
BOUND = bindings.in_ip(PROTO)
CHECKSUM = Checksum(pseudo=PROTO)  # RFC 9293 §3.1
LAYOUT_FIELDS = frozenset({"dataofs"})  # fields that move what follows them
KEY_FIELDS = ("sport", "dport", "flags")  # written by craft import even at their default
MAX_OPTIONS = 40  # dataofs is 4 bits: 60 - 20 header bytes
SYN, RST, ACK = 0x02, 0x04, 0x10

# RFC 9293 §3.1 control bits, MSB first within the 8-bit field (tcpdump/scapy letters)
LETTERS = "CEUAPRSF"
FLAG_WORDS = {"cwr": 0x80, "ece": 0x40, "urg": 0x20, "ack": 0x10,
              "psh": 0x08, "rst": 0x04, "syn": 0x02, "fin": 0x01}

# option kind numbers (IANA "TCP Option Kind Numbers")
EOL, NOP, MSS, WSCALE, SACKOK, SACK, TIMESTAMP = 0, 1, 2, 3, 4, 5, 8
# what each option's value is in a profile (craft/profile/load.py): its form
# and the bit width of its numbers
OPTION_VALUES = {
    "eol": ("none", 0), "nop": ("none", 0), "mss": ("int", 16), "wscale": ("int", 8),
    "sackok": ("none", 0), "sack": ("blocks", 32), "timestamp": ("pair", 32),
}
OPTION_KINDS = {"eol": EOL, "nop": NOP, "mss": MSS, "wscale": WSCALE, "sackok": SACKOK,
                "sack": SACK, "timestamp": TIMESTAMP}

HEADER = Header(NAME, (
    Field("sport", 16, 20, doc="source port; the next layer's port when it is bound to one "
          "(dns: 53), 20 as scapy otherwise"),
    Field("dport", 16, 80, doc="destination port; the next layer's port when it is bound to "
          "one (dns: 53), 80 as scapy otherwise"),
    Field("seq", 32, 0, doc="sequence number"),
    Field("ack", 32, 0, doc="acknowledgment number"),
    Field("dataofs", 4, None, computed=True,
          doc="data offset in 32-bit words; computed as 5 + len(options)/4"),
    Field("reserved", 4, 0,
          doc="reserved bits (RFC 9293: 4 bits; the lowest is the historic NS flag, which "
              "scapy keeps in its flags field)"),
    Field("flags", 8, 0x02, FLAGS, letters=LETTERS, names=FLAG_WORDS,
          doc='control bits as letters "SA" or words [syn, ack]; S as scapy'),
    Field("window", 16, 8192, doc="receive window; 8192 as scapy"),
    Field("checksum", 16, None, computed=True, doc="over pseudo-header, header and data"),
    Field("urgptr", 16, 0, doc="urgent pointer"),
    Field("options", 0, (), OPTIONS,
          doc="mss, wscale, sackok, timestamp, sack, nop, eol (in order) or hex; padded "
              "with zeros to 4 bytes as scapy"),
))

_size = HEADER.size
_pack = HEADER.pack


def options_bytes(options: Any) -> bytes:
    """Wire bytes of an options value (either form), zero-padded to 4 bytes."""
    if isinstance(options, bytes | bytearray):
        out = bytes(options)
    else:
        parts = []
        for name, value in options:
            if name == "nop":
                parts.append(b"\x01")
            elif name == "eol":
                parts.append(b"\x00")
            elif name == "mss":
                parts.append(struct.pack("!BBH", MSS, 4, value))
            elif name == "wscale":
                parts.append(struct.pack("!BBB", WSCALE, 3, value))
            elif name == "sackok":
                parts.append(b"\x04\x02")
            elif name == "timestamp":
                parts.append(struct.pack("!BBII", TIMESTAMP, 10, *value))
            elif name == "sack":
                edges = [x for block in value for x in block]
                parts.append(struct.pack(f"!BB{len(edges)}I", SACK, 2 + 4 * len(edges), *edges))
            else:
                raise ValueError(f"unknown tcp option {name!r}")
        out = b"".join(parts)
    if len(out) % 4:
        out += b"\0" * (-len(out) % 4)
    return out


def iter_options(raw: bytes) -> Iterator[tuple[int, bytes | None]]:
    """(kind, data) of each option in ``raw`` as RFC 9293 §3.2 lays them out;
    data is None for EOL/NOP, and the kind is -1 with the rest as data when an
    option's length is below 2 or runs past the end (malformed). Stops at EOL."""
    i, n = 0, len(raw)
    while i < n:
        kind = raw[i]
        if kind == EOL:
            yield EOL, None
            return
        if kind == NOP:
            yield NOP, None
            i += 1
            continue
        if i + 1 >= n:
            yield -1, raw[i:]
            return
        length = raw[i + 1]
        if length < 2 or i + length > n:
            yield -1, raw[i:]
            return
        yield kind, raw[i + 2:i + length]
        i += length


_unpack_h = struct.Struct("!H").unpack_from
_unpack_ii = struct.Struct("!II").unpack_from


def parse_options(raw: bytes) -> tuple[tuple[str, Any], ...] | bytes:
    """The named tuple form of ``raw`` when it encodes back to exactly ``raw``
    (``options_bytes``); otherwise ``raw`` itself (unknown kinds, malformed
    lengths, padding other than scapy's zeros). On the decoder's hot path."""
    out: list[tuple[str, Any]] = []
    i, n = 0, len(raw)
    if n % 4:
        return raw
    while i < n:
        kind = raw[i]
        if kind == NOP:
            out.append(_NOP)
            i += 1
            continue
        if kind == EOL:
            out.append(_EOL)
            i += 1
            # what follows must be exactly scapy's zero padding
            if raw[i:] != b"\0" * (n - i) or n - i >= 4:
                return raw
            return tuple(out)
        if i + 1 >= n:
            return raw
        length = raw[i + 1]
        if kind == MSS and length == 4 and i + 4 <= n:
            out.append(("mss", _unpack_h(raw, i + 2)[0]))
        elif kind == WSCALE and length == 3 and i + 3 <= n:
            out.append(("wscale", raw[i + 2]))
        elif kind == SACKOK and length == 2:
            out.append(_SACKOK)
        elif kind == TIMESTAMP and length == 10 and i + 10 <= n:
            out.append(("timestamp", _unpack_ii(raw, i + 2)))
        elif kind == SACK and length % 8 == 2 and length > 2 and i + length <= n:
            edges = struct.unpack_from(f"!{(length - 2) // 4}I", raw, i + 2)
            out.append(("sack", tuple(zip(edges[::2], edges[1::2], strict=True))))
        else:
            return raw
        i += length
    return tuple(out)


_NOP, _EOL, _SACKOK = ("nop", None), ("eol", None), ("sackok", None)


def encode(v: dict[str, Any], payload: bytes, ctx: Context) -> tuple[bytes, dict[str, Any]]:
    v, opts = HEADER.with_options(v, "dataofs", options_bytes)
    if v["checksum"] is None:
        v["checksum"] = 0
        pseudo = base.pseudo_header_in(ctx, PROTO, _size + len(opts) + len(payload))
        v["checksum"] = inet_checksum(pseudo + _pack(v) + opts + payload)
    return _pack(v) + opts, v


def decode(data: bytes, offset: int = 0) -> tuple[dict[str, Any], int]:
    """A data offset below 5 still decodes the 20 fixed bytes (the decoder
    flags it); options are named when they round-trip, else bytes."""
    return HEADER.decode_options(data, offset, "dataofs", parse_options)


def layout(v: dict[str, Any]) -> list[tuple[str, int, int, int]]:
    return HEADER.options_layout(v, options_bytes)


def flags_letters(flags: int) -> str:
    return "".join(c for i, c in enumerate(LETTERS) if flags >> (7 - i) & 1)


def summary(v: dict[str, Any]) -> str:
    return (f"TCP {v['sport']} > {v['dport']} {flags_letters(v['flags']) or '.'} "
            f"seq={v['seq']} ack={v['ack']} win={v['window']}")


def next_layer(v: dict[str, Any], part: Any, prev: Any, offset: int,
               end: int) -> tuple[str | None, int]:
    if v["dataofs"] < 5:
        part.error = f"bad-hlen {v['dataofs'] * 4}"
        return "payload", end
    return bindings.by_port(NAME, v), end


def trafgen_checksum(enc: Any, ip: Any) -> tuple[int, str] | None:
    return base.trafgen_transport(enc, ip, NAME, 16)


def request_key(v: dict[str, Any], ip: Any, layers: Any) -> tuple | None:
    """A SYN is answered by a SYN-ACK or a RST acknowledging seq + 1
    (RFC 9293 §3.5)."""
    if ip is None or v["flags"] & (SYN | ACK | RST) != SYN:
        return None
    return ("tcp", ip["src"], ip["dst"], v["sport"], v["dport"], (v["seq"] + 1) & 0xFFFFFFFF)


def reply_key(v: dict[str, Any], ip: Any, layers: Any) -> tuple | None:
    if ip is None or not (v["flags"] & RST or v["flags"] & (SYN | ACK) == SYN | ACK):
        return None
    return ("tcp", ip["dst"], ip["src"], v["dport"], v["sport"], v["ack"])
