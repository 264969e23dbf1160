"""Judge computed fields: which lengths, checksums and selectors are wrong,
and what they should be. ``craft check`` runs ``audit`` on raw-hex
(textbook) frames; ``craft build --format explain`` asks ``should_be`` about
each computed field a profile gives.

The rules, the same for both:

- a **selector** (``ether.type``, ``ipv4.proto``, ``ipv6.nh``...) is wrong
  only when craft models the next layer and the value does not lead to it
  (the binding table); in front of ``raw``, ``payload`` or nothing any
  value is right (MPLS, GRE, 802.3 lengths, extension headers craft does not
  model), and ``qinq`` leads to a VLAN tag as ``vlan`` does;
- a **checksum** of zero is right where the layer's ``Checksum`` says zero
  means "not computed" under the enclosing IP layer (UDP over IPv4, RFC 768);
- a field in the module's ``CHOSEN`` is computed from nothing but a default
  the encoder picks (IGMP's max response code): any value is right;
- everything else is recomputed from the other values (which keep what the
  frame says, selectors included) and compared.

The audit judges only what the decoder decodes: what lies past a layer it
cannot read is the payload, and a layer whose data goes on in another
fragment (``Decoded.partial``) has lengths and checksums it cannot check.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from craft.decode.walk import decode
from craft.encode.struct_ import Encoded, encode_layers
from craft.layers import LAYERS, bindings
from craft.layers.base import PSEUDO_HEADERS
from craft.layers.frame import Frame, Layer


@dataclass(frozen=True, slots=True)
class Finding:
    layer: str
    field: str
    seen: int
    correct: int

    def __str__(self) -> str:
        width = 4 if self.field.endswith("checksum") else 0
        fmt = (lambda v: f"0x{v:0{width}x}") if width else str
        return f"{self.layer}.{self.field} is {fmt(self.seen)}, should be {fmt(self.correct)}"


def is_selector(name: str, field: str) -> bool:
    """``field`` of layer ``name`` names the next layer."""
    return bindings.SELECTOR.get(name) == field or getattr(LAYERS[name], "SELECTOR", None) == field


def selector_should_be(name: str, value: Any, inner: str | None) -> int | None:
    """The number ``name``'s selector should carry in front of ``inner``;
    None when ``value`` is right or cannot be judged (``inner`` is not a
    layer craft binds to ``name``)."""
    if inner is None or (name, inner) not in bindings.NUMBER:
        return None
    if bindings.INNER.get((name, value)) == inner:
        return None
    return bindings.NUMBER[(name, inner)]


def _enclosing_ip(layers: list[Layer], i: int) -> str | None:
    for layer in reversed(layers[:i]):
        if layer.name in PSEUDO_HEADERS:
            return layer.name
    return None


def zero_means_unchecked(layers: list[Layer], i: int, field: str, value: Any) -> bool:
    """A zero checksum that says "not computed", legal where it is."""
    csum = getattr(LAYERS[layers[i].name], "CHECKSUM", None)
    return (csum is not None and csum.field == field and value == 0
            and _enclosing_ip(layers, i) in csum.zero_unchecked_in)


def chosen(name: str, field: str) -> bool:
    """A computed field whose computed value is only a default: not judged."""
    return field in getattr(LAYERS[name], "CHOSEN", ())


def should_be(frame: Frame, index: int, field: str) -> Any:
    """What computed ``field`` of layer ``index`` should be, when the value
    the frame gives is wrong; None when it is right or cannot be judged."""
    layers = frame.layers
    name, value = layers[index].name, layers[index].values[field]
    if chosen(name, field):
        return None
    if is_selector(name, field):
        inner = layers[index + 1].name if index + 1 < len(layers) else None
        return selector_should_be(name, value, inner)
    if zero_means_unchecked(layers, index, field, value):
        return None
    values = dict(layers[index].values)
    values[field] = None
    again = list(layers)
    again[index] = replace(layers[index], values=values)
    right = encode_layers(replace(frame, layers=again))[index].values[field]
    return None if right == value else right


def audit(data: bytes, first: str = "ether") -> list[Finding]:
    """Decode ``data``, recompute its lengths and checksums (selectors and
    chosen fields keep what the frame says), and report the fields whose value on the wire is
    wrong by the rules above."""
    parts = [d for d in decode(data, first) if d.name in LAYERS]
    if not parts or any(d.truncated or d.error for d in parts):
        return []
    layers = []
    for d in parts:
        values = dict(d.values)
        for f in LAYERS[d.name].HEADER.fields:
            if f.computed and f.name in values and not is_selector(d.name, f.name) \
                    and not chosen(d.name, f.name):
                values[f.name] = None
        layers.append(Layer(d.name, values))
    recomputed: list[Encoded] = encode_layers(Frame(layers))
    seen = [Layer(d.name, dict(d.values)) for d in parts]
    findings = []
    for i, (d, enc) in enumerate(zip(parts, recomputed, strict=True)):
        if d.partial:
            continue  # its data goes on in another fragment
        inner = parts[i + 1].name if i + 1 < len(parts) else None
        for f in LAYERS[d.name].HEADER.fields:
            if not f.computed or f.name not in d.values or chosen(d.name, f.name):
                continue
            value = d.values[f.name]
            if is_selector(d.name, f.name):
                right = selector_should_be(d.name, value, inner)
                if right is not None:
                    findings.append(Finding(d.name, f.name, value, right))
            elif value != enc.values[f.name] and not zero_means_unchecked(
                    seen, i, f.name, value):
                findings.append(Finding(d.name, f.name, value, enc.values[f.name]))
    return findings
