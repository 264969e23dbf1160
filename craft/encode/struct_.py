"""The struct encoder: packs each layer from its table, inside out, so each
layer knows its payload (lengths, checksums) and its next layer (selectors)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from craft.layers import LAYERS
from craft.layers.base import pseudo_ip
from craft.layers.context import Context
from craft.layers.frame import Frame


@dataclass(frozen=True, slots=True)
class Encoded:
    """One layer as encoded: values with computed fields filled in, where its
    header starts in the frame, and the header bytes (payload excluded)."""

    name: str
    values: dict[str, Any]
    offset: int
    header: bytes


def _ips(layers: list) -> list[tuple[str | None, dict[str, Any] | None]]:
    """For each layer, the nearest enclosing layer that gives transport
    checksums their pseudo-header (name, values), or (None, None); a routing
    header between puts its final destination there (base.pseudo_ip)."""
    return pseudo_ip(layers)


def encode_layers(frame: Frame) -> list[Encoded]:
    layers = frame.layers
    n = len(layers)
    ips = _ips(layers)
    parts: list[tuple[bytes, dict[str, Any]]] = [(b"", {})] * n
    payload = b""
    for i in range(n - 1, -1, -1):
        layer = layers[i]
        outer = layers[i - 1] if i else None
        ctx = Context(
            outer.name if outer else None,
            outer.values if outer else None,
            layers[i + 1].name if i + 1 < n else None,
            *ips[i],
        )
        header, filled = LAYERS[layer.name].encode(layer.values, payload, ctx)
        parts[i] = (header, filled)
        payload = header + payload
    out, offset = [], 0
    for layer, (header, filled) in zip(layers, parts, strict=True):
        out.append(Encoded(layer.name, filled, offset, header))
        offset += len(header)
    return out


def encode(frame: Frame) -> bytes:
    """The frame's bytes.

    The same walk as ``encode_layers`` without keeping the parts: this is the
    per-frame hot path of ``craft build`` and ``craft send``."""
    layers = frame.layers
    ips = _ips(layers)
    payload = b""
    inner = None
    for i in range(len(layers) - 1, -1, -1):
        layer = layers[i]
        if i:
            outer = layers[i - 1]
            ctx = _new_tuple(Context, (outer.name, outer.values, inner, *ips[i]))
        else:
            ctx = _new_tuple(Context, (None, None, inner, None, None))
        payload = LAYERS[layer.name].encode(layer.values, payload, ctx)[0] + payload
        inner = layer.name
    return payload


# Context(...) through tuple.__new__ directly: half the cost of the NamedTuple
# constructor's keyword handling, on a path that runs once per layer per frame.
_new_tuple = tuple.__new__
