"""Bytes → layers: the layer modules' ``decode`` walked along the binding
table (docs/architecture.md: the decoder is the struct encoder's mirror).

Lenient by contract: ``decode`` never raises, whatever the bytes. A header cut
short or malformed ends the walk with a marked part; lengths that lie are
flagged, never trusted past the captured bytes; the walk stops after
``MAX_LAYERS`` parts (IP in IP in IP ...).

Like tcpdump, an IPv4 total length, IPv6 payload length or UDP length bounds
the data of the layers inside it; captured bytes beyond the outermost bound
(Ethernet padding to 60 bytes, trailer) are a final ``padding`` part (the
layer of craft/layers/padding.py).
"""

from __future__ import annotations

from typing import Any

from craft.errors import Truncated
from craft.layers import LAYERS
from craft.layers.base import Malformed
from craft.layers.bindings import INNER, PORTED
from craft.layers.frame import Decoded, Frame, Layer

MAX_LAYERS = 16  # parts per frame, padding included


def decode(frame: bytes, first: str = "ether") -> list[Decoded]:
    """The parts of ``frame``, outermost first; never raises."""
    data = frame if type(frame) is bytes else bytes(frame)
    size = len(data)
    end = size  # where the current layer's data ends (IP/UDP lengths shrink it)
    view = data
    out: list[Decoded] = []
    offset = 0
    name: str | None = first if first in _WALK else "payload"
    room = MAX_LAYERS - 1  # one left for padding
    prev: Decoded | None = None
    while offset < end and name is not None:
        if not room:
            out.append(Decoded("payload", {"data": data[offset:end]}, offset, end - offset,
                               False, "too many layers"))
            offset = end
            break
        unpack, step = _WALK[name]
        if len(view) != end:
            view = data[:end]
        try:
            values, hlen = unpack(view, offset)
        except (Truncated, Malformed) as e:
            if name in PORTED and prev is not None:  # a port says little: read it as data
                name = "payload"
                continue
            out.append(Decoded(name, {}, offset, end - offset, isinstance(e, Truncated), str(e)))
            offset = end
            break
        except Exception as e:  # noqa: BLE001 - the contract is "never raises"
            out.append(Decoded(name, {}, offset, end - offset, False,
                               f"{name}: internal decoder error: {e!r}"))
            offset = end
            break
        part = Decoded(name, values, offset, hlen)
        out.append(part)
        room -= 1
        offset += hlen
        if step is None:  # payload, raw: took the rest
            break
        name, end = step(values, part, prev, offset, end)
        if callable(name):  # a guess from the bytes that follow (after MPLS's bottom entry)
            name = name(view, offset)
        prev = part
    if offset < size:
        out.append(Decoded("padding", {"data": data[offset:]}, offset, size - offset))
    return out


def _by_selector(name: str, selector: str) -> Any:
    """The next step of a layer whose selector field names the next layer."""
    def step(v: dict[str, Any], part: Decoded, prev: Decoded | None, offset: int,
             end: int) -> tuple[str | None, int]:
        return INNER.get((name, v[selector]), "payload"), end
    return step


def _to_payload(v: dict[str, Any], part: Decoded, prev: Decoded | None, offset: int,
                end: int) -> tuple[str | None, int]:
    return "payload", end


def _walk_entry(module: Any) -> tuple[Any, Any]:
    """(decode, next step) of a layer module: its own ``next_layer``, its
    ``SELECTOR`` looked up in the binding table, or the payload; None for a
    layer that takes the rest (payload, raw)."""
    if getattr(module, "TAKES_REST", False):
        return module.decode, None
    step = getattr(module, "next_layer", None)
    if step is None:
        selector = getattr(module, "SELECTOR", None)
        step = _by_selector(module.NAME, selector) if selector else _to_payload
    return module.decode, step


class _Walk(dict):  # type: ignore[type-arg]
    """name -> (decode, next step), made on first use from LAYERS, so a layer
    registered later is found too."""

    def __missing__(self, name: str) -> tuple[Any, Any]:
        entry = _walk_entry(LAYERS[name])
        self[name] = entry
        return entry

    def __contains__(self, name: object) -> bool:
        return name in LAYERS


_WALK = _Walk()


def frame_of(frame: bytes, parts: list[Decoded]) -> Frame:
    """A concrete ``Frame`` (every decoded value given) that the struct encoder
    turns back into ``frame``: undecodable parts become ``raw``, the bytes
    past the datagram the ``padding`` layer."""
    layers = []
    for p in parts:
        if p.values:
            layers.append(Layer(p.name, dict(p.values), frozenset(p.values)))
        else:
            chunk = frame[p.offset:p.offset + p.length]
            layers.append(Layer("raw", {"data": chunk}, frozenset({"data"})))
    return Frame(layers)
