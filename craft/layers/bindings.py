"""Which layer follows which: the binding table.

Each protocol module says where it is carried, in its ``BOUND`` rows:
``(outer, selector field, number)`` — in ``outer``, the field ``selector``
holding ``number`` means this layer follows (scapy's ``bind_layers``, kept
next to the protocol it binds). ``register`` (craft/layers/__init__.py)
writes each module's rows into the one table below, in registration order.
The struct encoder reads it to compute a selector left ``auto``; the decoder
reads it to pick the next layer.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# (outer, selector, number, inner), in registration order
BINDINGS: list[tuple[str, str, int, str]] = []
# (outer, inner) -> number; the first row wins (0x8100 over 0x88a8 for a vlan tag)
NUMBER: dict[tuple[str, str], int] = {}
# (outer, number) -> inner
INNER: dict[tuple[str, int], str] = {}
# outer -> its selector field
SELECTOR: dict[str, str] = {}
# layer -> the layer whose numbers its selector shares: an IPv6 extension
# header's next-header field takes IPv6's protocol numbers (RFC 8200 §4)
SHARES: dict[str, str] = {}
# Port bindings (``on_port``): a transport has no selector field, its ports
# say what it carries. (transport, port) -> inner, by server and client port;
# (transport, inner) -> (sport, dport) a profile gets when it gives neither;
# the layers found by port (the decoder reads bytes that fail to decode as
# such a layer as payload: port 53 carries more than DNS)
BY_PORT: dict[tuple[str, int], str] = {}
PORTS: dict[tuple[str, str], tuple[int, int]] = {}
PORTED: set[str] = set()
_PORT_FIELDS = ("sport", "dport")


def on_port(port: int, client: int | None = None,
            over: tuple[str, ...] = ("udp",)) -> tuple[tuple[str, str, int], ...]:
    """The ``BOUND`` rows of an application carried over ``over`` (udp, tcp)
    on server ``port``: a request goes from ``client`` (default: the same
    port, as scapy's bind_layers gives) to ``port``; the decoder finds the
    layer by destination port, then source port."""
    rows: list[tuple[str, str, int]] = []
    for outer in over:
        rows.append((outer, "dport", port))
        if client is not None:
            rows.append((outer, "sport", client))
    return tuple(rows)


def in_ip(number: int) -> tuple[tuple[str, str, int], ...]:
    """The ``BOUND`` rows of a protocol carried in IPv4 and IPv6 under its
    IANA protocol number (IPv4's protocol, IPv6's next header)."""
    return (("ipv4", "proto", number), ("ipv6", "nh", number))


def bind(inner: str, rows: Iterable[tuple[str, str, int]]) -> None:
    """Add ``inner``'s rows to the table, and the same rows for every layer
    whose selector shares the numbers of a row's outer layer."""
    for outer, selector, number in rows:
        if selector in _PORT_FIELDS:
            _port_row(outer, selector, number, inner)
            continue
        for o in (outer, *(a for a, space in SHARES.items() if space == outer)):
            _row(o, SELECTOR.get(o, selector) if o != outer else selector, number, inner)


def share(name: str, selector: str, space: str) -> None:
    """``name``'s field ``selector`` takes ``space``'s numbers: every row of
    ``space``, now and later, holds for ``name`` too."""
    SHARES[name] = space
    SELECTOR[name] = selector
    for outer, _sel, number, inner in list(BINDINGS):
        if outer == space:
            _row(name, selector, number, inner)


def _port_row(outer: str, selector: str, number: int, inner: str) -> None:
    BY_PORT.setdefault((outer, number), inner)
    PORTED.add(inner)
    sport, dport = PORTS.get((outer, inner), (number, number))
    PORTS[(outer, inner)] = (number, dport) if selector == "sport" else (sport, number)


def by_port(outer: str, v: dict[str, Any]) -> str:
    """The layer a transport's ports name (destination first, then source),
    or the payload."""
    return BY_PORT.get((outer, v["dport"])) or BY_PORT.get((outer, v["sport"])) or "payload"


def _row(outer: str, selector: str, number: int, inner: str) -> None:
    BINDINGS.append((outer, selector, number, inner))
    NUMBER.setdefault((outer, inner), number)
    INNER[(outer, number)] = inner
    SELECTOR[outer] = selector


def number_for(outer: str, inner: str | None, fallback: int) -> int:
    """The selector value ``outer`` carries in front of ``inner``; ``fallback``
    (what the field's table default says) when nothing bound follows."""
    if inner is None:
        return fallback
    return NUMBER.get((outer, inner), fallback)


def with_selector(v: dict, outer: str, field: str, inner: str | None, fallback: int) -> dict:
    """``v`` with its selector ``field`` filled from the next layer when it
    was left to compute (a copy: the frame's values stay as given)."""
    if v[field] is not None:
        return v
    v = dict(v)
    v[field] = number_for(outer, inner, fallback)
    return v


def selector_encoder(header: Any, outer: str, field: str, fallback: int) -> Any:
    """The ``encode`` of a fixed header whose only computed field is the
    selector ``field`` (Ethernet, a VLAN tag)."""
    pack = header.pack

    def encode(v: dict, payload: bytes, ctx: Any) -> tuple[bytes, dict]:
        v = with_selector(v, outer, field, ctx.inner_name, fallback)
        return pack(v), v
    return encode
