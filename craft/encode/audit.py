"""Audit a frame's bytes: which lengths and checksums are wrong, and what
they should be. ``craft check`` runs it on raw-hex (textbook) frames."""

from __future__ import annotations

from dataclasses import dataclass

from craft.decode.walk import decode
from craft.encode.struct_ import encode_layers
from craft.layers import LAYERS
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


def audit(data: bytes, first: str = "ether") -> list[Finding]:
    """Decode ``data``, recompute every computed field, and report the ones
    whose value on the wire differs."""
    parts = [d for d in decode(data, first) if d.name in LAYERS]
    if not parts or any(d.truncated or d.error for d in parts):
        return []
    layers = []
    for d in parts:
        fields = LAYERS[d.name].HEADER.fields
        values = dict(d.values)
        for f in fields:
            if f.computed and f.name in values:
                values[f.name] = None
        layers.append(Layer(d.name, values))
    recomputed = encode_layers(Frame(layers))
    findings = []
    for d, enc in zip(parts, recomputed, strict=True):
        for f in LAYERS[d.name].HEADER.fields:
            if f.computed and f.name in d.values and d.values[f.name] != enc.values[f.name]:
                findings.append(Finding(d.name, f.name, d.values[f.name], enc.values[f.name]))
    return findings
