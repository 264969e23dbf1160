"""SCTP — RFC 9260 (IP protocol 132): the common header and its chunks.

The common header is source port, destination port, verification tag and
the CRC32c checksum (RFC 9260 §6.8 and Appendix B: over the whole packet
with the checksum field zero, stored least significant byte first, as
scapy and the Linux stack do). ``chunks`` is a list in wire order, each
chunk by name with its own fields (``OPTION_FIELDS``, the ``fields`` form);
the chunk length is computed, every chunk is padded to 4 bytes:

    data (0)               flags I U B E, tsn, stream-id, stream-seq, ppid, text, data
                           (user data as text, then as hex; decoded as text when it
                           is printable ASCII)
    init, init-ack (1, 2)  init-tag, a-rwnd, outbound-streams, inbound-streams, init-tsn,
                           and parameters (RFC 9260 §3.3.2.1): state-cookie (init-ack),
                           ipv4-address, ipv6-address (one parameter per address),
                           cookie-preservative (0: none), supported-address-types,
                           features (ecn-capable, forward-tsn: empty parameters), params
                           (any other parameters, hex)
    sack (3)               cum-tsn-ack, a-rwnd, gap-blocks (start, end offsets in
                           pairs), dup-tsns; the two counts computed
    heartbeat, heartbeat-ack (4, 5)   info (the heartbeat info parameter's value, hex)
    abort (6)              flags T, causes (error causes, hex)
    shutdown (7)           cum-tsn-ack
    shutdown-ack (8), cookie-ack (11)
    cookie-echo (10)       cookie (hex)
    shutdown-complete (14) flags T
    chunk                  any other chunk: type, flags, value (hex)

Parameters are sent in the order of the list above; decoding names them
while they come in that order, and keeps the rest as ``params`` hex. The
chunk length counts the padding of every parameter but the last (RFC 9260
§3.2). A chunk that does not name back to the same bytes decodes as
``chunk``; chunks that are not well-formed chunks at all stay hex.

Choices where the RFC and scapy leave room: ports default to 5001 (scapy:
0, which RFC 9260 §3.1 forbids); an init's tag is 1 (it must not be 0),
a-rwnd 106496 and 10 outbound / 65535 inbound streams as Linux sends them
(scapy: 0); a data chunk is a whole message, flags B and E (scapy: none).
``CHECKSUM`` is not declared: it names the Internet checksum, and this one
is CRC32c.
"""

from __future__ import annotations

import struct
from typing import Any

from craft.errors import Truncated
from craft.layers import bindings
from craft.layers.base import (
    BYTES,
    FLAGS,
    INTS,
    IPV4S,
    IPV6S,
    OPTIONS,
    TEXT,
    Field,
    Header,
    memo_by_value,
    nothing_follows,
)
from craft.layers.context import Context

NAME = "sctp"
PROTO = 132  # IANA protocol number
BOUND = bindings.in_ip(PROTO)
KEY_FIELDS = ("sport", "dport")  # written by craft import even at their default

# --- CRC32c (RFC 9260 Appendix B): reflected Castagnoli polynomial ----------------------

_POLY = 0x82F63B78


def _table() -> list[int]:
    out = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ _POLY if c & 1 else c >> 1
        out.append(c)
    return out


_CRC_TABLE = _table()


def crc32c(data: bytes) -> int:
    """The CRC32c of ``data`` as the checksum field reads in network order
    (RFC 9260 Appendix B: the CRC's least significant byte goes first)."""
    crc, table = 0xFFFFFFFF, _CRC_TABLE
    for b in data:
        crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8)
    crc ^= 0xFFFFFFFF
    return int.from_bytes(crc.to_bytes(4, "little"), "big")


# --- chunks ----------------------------------------------------------------------------

CHUNK_TYPES = {
    "data": 0, "init": 1, "init-ack": 2, "sack": 3, "heartbeat": 4, "heartbeat-ack": 5,
    "abort": 6, "shutdown": 7, "shutdown-ack": 8, "cookie-echo": 10, "cookie-ack": 11,
    "shutdown-complete": 14,
}
_CHUNK_NAMES = {n: w for w, n in CHUNK_TYPES.items()}

_FLAGS = Field("flags", 8, 0, doc="chunk flags; reserved: 0")
_T = Field("flags", 8, 0, FLAGS, letters="T", names={"no-tcb": 1},
           doc="T: the sender had no TCB (the tag is the one received)")
ADDRESS_TYPES = {"ipv4": 1, "ipv6": 2, "hostname": 4}  # bits of supported-address-types
_ADDRESS_TYPE_NUMBERS = ((1, 5), (2, 6), (4, 11))  # bit -> parameter type (RFC 9260 §3.3.2.1)
FEATURES = {"ecn-capable": 1, "forward-tsn": 2}
_FEATURE_PARAMS = ((1, 0x8000), (2, 0xC000))  # RFC 9260 Appendix A, RFC 3758 §3.1


def _init_fields(ack: bool) -> tuple[Field, ...]:
    cookie = (Field("state-cookie", 0, b"", BYTES,
                    doc="the state cookie parameter's value (hex); empty: none"),) if ack else ()
    return (
        _FLAGS,
        Field("init-tag", 32, 1, doc="initiate tag; 1 (must not be 0)"),
        Field("a-rwnd", 32, 106496, doc="advertised receiver window credit; 106496 as Linux"),
        Field("outbound-streams", 16, 10, doc="number of outbound streams; 10 as Linux"),
        Field("inbound-streams", 16, 65535, doc="maximum inbound streams; 65535 as Linux"),
        Field("init-tsn", 32, 0, doc="initial TSN"),
        *cookie,
        Field("ipv4-address", 0, (), IPV4S, doc="IPv4 address parameters, one per address"),
        Field("ipv6-address", 0, (), IPV6S, doc="IPv6 address parameters, one per address"),
        Field("cookie-preservative", 32, 0,
              doc="suggested cookie life-span increment, ms; 0: no such parameter"),
        Field("supported-address-types", 3, 0, FLAGS, names=ADDRESS_TYPES,
              doc="the supported address types parameter: ipv4, ipv6, hostname; none: no "
                  "such parameter"),
        Field("features", 2, 0, FLAGS, names=FEATURES,
              doc="empty parameters: ecn-capable (0x8000), forward-tsn (0xc000, RFC 3758)"),
        Field("params", 0, b"", BYTES, doc="any other parameters, as hex, after these"),
    )


CHUNKS: dict[str, tuple[Field, ...]] = {
    "data": (
        Field("flags", 8, 3, FLAGS, letters="IUBE",
              names={"immediate": 8, "unordered": 4, "beginning": 2, "end": 1},
              doc="I(mmediate) U(nordered) B(eginning) E(nd); BE: a whole message "
                  "(scapy: none)"),
        Field("tsn", 32, 0, doc="transmission sequence number"),
        Field("stream-id", 16, 0, doc="stream identifier"),
        Field("stream-seq", 16, 0, doc="stream sequence number"),
        Field("ppid", 32, 0, doc="payload protocol identifier"),
        Field("text", 0, b"", TEXT, doc="user data as text (UTF-8); data follows it"),
        Field("data", 0, b"", BYTES, doc="user data as hex, after text"),
    ),
    "init": _init_fields(False),
    "init-ack": _init_fields(True),
    "sack": (
        _FLAGS,
        Field("cum-tsn-ack", 32, 0, doc="cumulative TSN ack"),
        Field("a-rwnd", 32, 106496, doc="advertised receiver window credit; 106496 as Linux"),
        Field("gap-blocks", 0, (), INTS,
              doc="gap ack blocks as start, end offsets from cum-tsn-ack, in pairs"),
        Field("dup-tsns", 0, (), INTS, doc="duplicate TSNs"),
    ),
    "heartbeat": (_FLAGS, Field("info", 0, b"", BYTES, doc="heartbeat info (hex)")),
    "heartbeat-ack": (_FLAGS, Field("info", 0, b"", BYTES, doc="heartbeat info (hex)")),
    "abort": (_T, Field("causes", 0, b"", BYTES, doc="error causes (hex)")),
    "shutdown": (_FLAGS, Field("cum-tsn-ack", 32, 0, doc="cumulative TSN ack")),
    "shutdown-ack": (_FLAGS,),
    "cookie-echo": (_FLAGS, Field("cookie", 0, b"", BYTES, doc="the state cookie (hex)")),
    "cookie-ack": (_FLAGS,),
    "shutdown-complete": (_T,),
    "chunk": (
        Field("type", 8, 0, doc="chunk type"),
        _FLAGS,
        Field("value", 0, b"", BYTES, doc="the chunk value (hex), padding not included"),
    ),
}
OPTION_FIELDS = {"chunks": {name: ("fields", table) for name, table in CHUNKS.items()}}

HEADER = Header(NAME, (
    Field("sport", 16, 5001, doc="source port; 5001 (scapy: 0, which RFC 9260 forbids)"),
    Field("dport", 16, 5001, doc="destination port; 5001 (scapy: 0)"),
    Field("tag", 32, 0, doc="verification tag; 0, as an INIT carries"),
    Field("checksum", 32, None, computed=True,
          doc="CRC32c over the packet (RFC 9260 Appendix B)"),
    Field("chunks", 0, (), OPTIONS,
          doc="none as scapy; chunks in order: data, init, init-ack, sack, heartbeat, "
              "heartbeat-ack, abort, shutdown, shutdown-ack, cookie-echo, cookie-ack, "
              "shutdown-complete, chunk; or hex"),
))
_size = HEADER.size
_pack = HEADER.pack


def _pad(b: bytes) -> bytes:
    return b + b"\0" * (-len(b) % 4)


def _param(t: int, value: bytes) -> bytes:
    return struct.pack("!HH", t, 4 + len(value)) + value


def _params(v: dict[str, Any]) -> bytes:
    """The parameters of an init or init-ack, each padded but the last."""
    pieces = []
    if v.get("state-cookie"):
        pieces.append(_param(7, bytes(v["state-cookie"])))
    pieces += [_param(5, a) for a in v["ipv4-address"]]
    pieces += [_param(6, a) for a in v["ipv6-address"]]
    if v["cookie-preservative"]:
        pieces.append(_param(9, struct.pack("!I", v["cookie-preservative"] & 0xFFFFFFFF)))
    if v["supported-address-types"]:
        types = [n for bit, n in _ADDRESS_TYPE_NUMBERS if v["supported-address-types"] & bit]
        pieces.append(_param(12, struct.pack(f"!{len(types)}H", *types)))
    pieces += [_param(t, b"") for bit, t in _FEATURE_PARAMS if v["features"] & bit]
    if v["params"]:
        pieces.append(bytes(v["params"]))
    return b"".join(_pad(p) for p in pieces[:-1]) + (pieces[-1] if pieces else b"")


def _body(name: str, v: dict[str, Any]) -> bytes:
    """A chunk's value (after type, flags, length), without the final padding."""
    if name == "data":
        return struct.pack("!IHHI", v["tsn"], v["stream-id"], v["stream-seq"],
                           v["ppid"]) + bytes(v["text"]) + bytes(v["data"])
    if name in ("init", "init-ack"):
        return struct.pack("!IIHHI", v["init-tag"], v["a-rwnd"], v["outbound-streams"],
                           v["inbound-streams"], v["init-tsn"]) + _params(v)
    if name == "sack":
        gaps = list(v["gap-blocks"])
        if len(gaps) % 2:
            gaps.append(gaps[-1])  # a lone start: a block of one TSN
        dups = v["dup-tsns"]
        return struct.pack(f"!IIHH{len(gaps)}H{len(dups)}I", v["cum-tsn-ack"], v["a-rwnd"],
                           len(gaps) // 2, len(dups), *(g & 0xFFFF for g in gaps), *dups)
    if name in ("heartbeat", "heartbeat-ack"):
        return _param(1, bytes(v["info"]))
    if name in ("shutdown",):
        return struct.pack("!I", v["cum-tsn-ack"])
    if name == "abort":
        return bytes(v["causes"])
    if name == "cookie-echo":
        return bytes(v["cookie"])
    if name == "chunk":
        return bytes(v["value"])
    return b""


def chunk_bytes(name: str, value: Any) -> bytes:
    """One chunk, padded to 4 bytes; ``value`` its (sub-field, value) pairs."""
    v = dict(value) if value else {f.name: f.default for f in CHUNKS[name]}
    body = _body(name, v)
    t = v["type"] if name == "chunk" else CHUNK_TYPES[name]
    return _pad(struct.pack("!BBH", t & 0xFF, v["flags"] & 0xFF, 4 + len(body)) + body)


def _chunks(chunks: Any) -> bytes:
    if isinstance(chunks, bytes | bytearray):
        return bytes(chunks)
    out = []
    for name, value in chunks:
        if name not in CHUNKS:
            raise ValueError(f"unknown sctp chunk {name!r}")
        out.append(chunk_bytes(name, value))
    return b"".join(out)


options_bytes = memo_by_value(_chunks)


# --- decoding chunks -------------------------------------------------------------------


def _fields(name: str, **given: Any) -> tuple[tuple[str, Any], ...]:
    return tuple((f.name, given.get(f.name, f.default)) for f in CHUNKS[name])


def _read_params(body: bytes, ack: bool) -> dict[str, Any]:
    """The named parameters while they come in the canonical order; the
    rest as ``params``."""
    got: dict[str, Any] = {"ipv4-address": [], "ipv6-address": [], "cookie-preservative": 0,
                           "supported-address-types": 0, "features": 0, "state-cookie": b""}
    stage, i = -1, 0
    while i + 4 <= len(body):
        t, length = struct.unpack_from("!HH", body, i)
        if length < 4 or i + length > len(body):
            break
        value = body[i + 4:i + length]
        order: int | None = None
        if t == 7 and ack and value:
            order, key = 0, "state-cookie"
        elif t == 5 and length == 8:
            order, key = 1, "ipv4-address"
        elif t == 6 and length == 20:
            order, key = 2, "ipv6-address"
        elif t == 9 and length == 8 and value != bytes(4):
            order, key = 3, "cookie-preservative"
        elif t == 12 and length > 4 and length % 2 == 0:
            types = struct.unpack(f"!{(length - 4) // 2}H", value)
            known = [n for _, n in _ADDRESS_TYPE_NUMBERS]
            if list(types) == sorted(set(types)) and set(types) <= set(known):
                order, key = 4, "supported-address-types"
                value = sum(bit for bit, n in _ADDRESS_TYPE_NUMBERS if n in types)
        elif t in (0x8000, 0xC000) and length == 4:
            bit = 1 if t == 0x8000 else 2
            if not got["features"] >> (bit - 1):  # ecn before forward-tsn, once each
                order, key, value = 5, "features", got["features"] | bit
        if order is None or order < stage or (order == stage and order not in (1, 2, 5)):
            break
        stage = order
        if key in ("ipv4-address", "ipv6-address"):
            got[key].append(value)
        elif key == "cookie-preservative":
            got[key] = struct.unpack("!I", value)[0]
        else:
            got[key] = value
        i += length + (-length % 4)
    got["params"] = body[i:]
    got["ipv4-address"] = tuple(got["ipv4-address"])
    got["ipv6-address"] = tuple(got["ipv6-address"])
    if not ack:
        del got["state-cookie"]
    return got


def _named(t: int, flags: int, body: bytes) -> tuple[str, Any] | None:
    name = _CHUNK_NAMES.get(t)
    if name == "data" and len(body) >= 12:
        tsn, sid, sseq, ppid = struct.unpack_from("!IHHI", body)
        user = "text" if printable(body[12:]) else "data"
        return name, _fields(name, flags=flags, tsn=tsn, **{
            "stream-id": sid, "stream-seq": sseq, "ppid": ppid, user: body[12:]})
    if name in ("init", "init-ack") and len(body) >= 16:
        tag, rwnd, out, inb, tsn = struct.unpack_from("!IIHHI", body)
        return name, _fields(name, flags=flags, **{
            "init-tag": tag, "a-rwnd": rwnd, "outbound-streams": out, "inbound-streams": inb,
            "init-tsn": tsn}, **_read_params(body[16:], name == "init-ack"))
    if name == "sack" and len(body) >= 12:
        cum, rwnd, ngaps, ndups = struct.unpack_from("!IIHH", body)
        if len(body) != 12 + 4 * ngaps + 4 * ndups:
            return None
        gaps = struct.unpack_from(f"!{2 * ngaps}H", body, 12)
        dups = struct.unpack_from(f"!{ndups}I", body, 12 + 4 * ngaps)
        return name, _fields(name, flags=flags, **{"cum-tsn-ack": cum, "a-rwnd": rwnd,
                                                    "gap-blocks": gaps, "dup-tsns": dups})
    if name in ("heartbeat", "heartbeat-ack") and len(body) >= 4:
        t1, length = struct.unpack_from("!HH", body)
        if t1 == 1 and length == len(body):
            return name, _fields(name, flags=flags, info=body[4:])
        return None
    if name == "shutdown" and len(body) == 4:
        return name, _fields(name, flags=flags, **{"cum-tsn-ack": struct.unpack("!I", body)[0]})
    if name == "abort":
        return name, _fields(name, flags=flags, causes=body)
    if name == "cookie-echo":
        return name, _fields(name, flags=flags, cookie=body)
    if name in ("shutdown-ack", "cookie-ack", "shutdown-complete") and not body:
        return name, _fields(name, flags=flags)
    return None


def printable(data: bytes) -> bool:
    """Bytes that read back the same as text: printable ASCII, tabs and line ends."""
    return bool(data) and all(32 <= b < 127 or b in (9, 10, 13) for b in data)


def parse_chunks(raw: bytes) -> tuple[tuple[str, Any], ...] | bytes:
    """Each chunk named (``chunk`` when its own name does not give back its
    bytes); ``raw`` itself when it is not a run of whole chunks."""
    out: list[tuple[str, Any]] = []
    i, n = 0, len(raw)
    while i < n:
        if i + 4 > n:
            return raw
        t, flags, length = struct.unpack_from("!BBH", raw, i)
        end = i + length + (-length % 4)
        if length < 4 or end > n or any(raw[i + length:end]):
            return raw
        body = raw[i + 4:i + length]
        named = _named(t, flags, body)
        if named is None or chunk_bytes(*named) != raw[i:end]:
            named = ("chunk", _fields("chunk", type=t, flags=flags, value=body))
        out.append(named)
        i = end
    return tuple(out)


# --- the layer -------------------------------------------------------------------------


def encode(v: dict[str, Any], payload: bytes, ctx: Context) -> tuple[bytes, dict[str, Any]]:
    chunks = options_bytes(v["chunks"]) if v["chunks"] else b""
    if v["checksum"] is not None:
        return _pack(v) + chunks, v
    v = dict(v)
    v["checksum"] = 0
    v["checksum"] = _crc_of(_pack(v) + chunks + payload)
    return _pack(v) + chunks, v


# a flood with random IP sources sends the same SCTP packet each frame (no
# pseudo-header): its CRC is worked out once
_crc_of = memo_by_value(crc32c, limit=1024)


def decode(data: bytes, offset: int = 0) -> tuple[dict[str, Any], int]:
    """The common header and every chunk to the end of the data."""
    if len(data) - offset < _size:
        raise Truncated(f"sctp: {len(data) - offset} of {_size} header bytes")
    return HEADER.decode_list(data, offset, "chunks", parse_chunks)


next_layer = nothing_follows  # the chunks run to the end of the IP datagram


def layout(v: dict[str, Any]) -> list[tuple[str, int, int, int]]:
    return HEADER.options_layout(v, options_bytes, "chunks")


def summary(v: dict[str, Any]) -> str:
    chunks = v["chunks"]
    names = "hex" if isinstance(chunks, bytes | bytearray) else ",".join(n for n, _ in chunks)
    return f"SCTP {v['sport']} > {v['dport']} tag={v['tag']:#x} [{names}]"
