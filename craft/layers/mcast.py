"""Group records and source lists of MLDv2 (RFC 3810 §5.2.4) and IGMPv3
(RFC 3376 §4.2.4), which share one format (a helper module for icmpv6 and
igmp, not a layer):

    record type (8), aux data len (8, 32-bit words), number of sources (16),
    group address, source addresses, aux data

Internal value of a ``records`` field: a tuple of ``(record type word,
((group, address), (sources, tuple of addresses), (aux, bytes)))``, or
``bytes`` when the records cannot be named exactly (hex in a profile).
"""

from __future__ import annotations

import struct
from typing import Any

from craft.errors import Truncated
from craft.layers.base import BYTES, IPV4, IPV4S, IPV6, IPV6S, Field

# RFC 3810 §5.2.12 / RFC 3376 §4.2.12; tcpdump prints is_in, is_ex, to_in, to_ex, allow, block
RECORD_TYPES = {"is-include": 1, "is-exclude": 2, "to-include": 3, "to-exclude": 4,
                "allow": 5, "block": 6}
_RECORD_NAMES = {n: w for w, n in RECORD_TYPES.items()}


def record_fields(size: int) -> tuple[Field, ...]:
    """A record's sub-fields for addresses of ``size`` bytes (16: MLDv2, 4: IGMPv3)."""
    if size == 16:
        group = Field("group", 128, bytes(16), IPV6, doc="the multicast address")
        sources = Field("sources", 0, (), IPV6S, doc="source addresses")
    else:
        group = Field("group", 32, bytes(4), IPV4, doc="the multicast group")
        sources = Field("sources", 0, (), IPV4S, doc="source addresses")
    return (group, sources,
            Field("aux", 0, b"", BYTES, doc="auxiliary data, hex, a multiple of 4 bytes"))


def record_values(size: int) -> dict[str, tuple[str, Any]]:
    """``OPTION_VALUES`` of a records field: each record type by name."""
    fields = record_fields(size)
    return {name: ("fields", fields) for name in RECORD_TYPES}


def records_bytes(records: Any) -> bytes:
    if isinstance(records, bytes | bytearray):
        return bytes(records)
    out = bytearray()
    for name, value in records:
        v = dict(value)
        aux = bytes(v["aux"]) + b"\0" * (-len(v["aux"]) % 4)
        out += struct.pack("!BBH", RECORD_TYPES[name], len(aux) // 4, len(v["sources"]))
        out += v["group"] + b"".join(v["sources"]) + aux
    return bytes(out)


def count(records: Any, size: int) -> int:
    """The number of records (of bytes: as many records as start in them;
    addresses of ``size`` bytes)."""
    if not isinstance(records, bytes | bytearray):
        return len(records)
    n = i = 0
    while i + 4 <= len(records):
        i += 4 + size + size * struct.unpack_from("!H", records, i + 2)[0] + 4 * records[i + 1]
        n += 1
    return n


def read_records(data: bytes, start: int, end: int, number: int, size: int) -> tuple[Any, int]:
    """``number`` records from ``data[start:end]`` (addresses of ``size``
    bytes) and the offset after them; bytes when they cannot be named."""
    out = []
    i = start
    named = True
    for _ in range(number):
        if i + 4 + size > end:
            raise Truncated(f"group record: {end - i} bytes left")
        rtype, auxlen, nsrc = struct.unpack_from("!BBH", data, i)
        stop = i + 4 + size + size * nsrc + 4 * auxlen
        if stop > end:
            raise Truncated(f"group record: {stop - i} bytes, {end - i} left")
        g = i + 4
        sources = tuple(bytes(data[g + size * (k + 1):g + size * (k + 2)]) for k in range(nsrc))
        aux = bytes(data[stop - 4 * auxlen:stop])
        if rtype not in _RECORD_NAMES:
            named = False
        else:
            out.append((_RECORD_NAMES[rtype], (("group", bytes(data[g:g + size])),
                                               ("sources", sources), ("aux", aux))))
        i = stop
    return (tuple(out) if named else bytes(data[start:i])), i


def sources_bytes(sources: Any) -> bytes:
    return b"".join(sources)


def read_sources(data: bytes, start: int, end: int, number: int, size: int) -> tuple[Any, int]:
    stop = start + size * number
    if stop > end:
        raise Truncated(f"source list: {number} sources, {end - start} bytes left")
    return tuple(bytes(data[k:k + size]) for k in range(start, stop, size)), stop


def fill_counts(v: dict[str, Any], names: set[str], unit: int) -> None:
    """Number of sources and of group records, where the message carries them
    and they were left to compute (``v`` is the frame's own copy); ``unit``:
    a record's address size."""
    if "nsources" in names and v["nsources"] is None:
        v["nsources"] = len(v["sources"])
    if "nrecords" in names and v["nrecords"] is None:
        v["nrecords"] = count(v["records"], unit)
