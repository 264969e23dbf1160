"""Field-level differences between two decoded frames: what ``craft diff``,
``craft verify`` and the encoders' cross-check report. Protocol code: takes
decoded parts, returns FieldDiffs; no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from craft.decode.walk import Decoded
from craft.layers import LAYERS
from craft.layers.base import value_text


@dataclass(frozen=True, slots=True)
class FieldDiff:
    """One field that differs: ``layer`` is ``ipv4``, or ``vlan[1]`` for the
    second layer of that name; ``field`` is ``(layer)`` when the layers
    themselves differ, ``(decode)`` when one side is cut short or malformed."""

    layer: str
    field: str
    a: str
    b: str

    @property
    def name(self) -> str:
        return f"{self.layer}.{self.field}"


def field_text(layer: str, name: str, value: Any) -> str:
    """A field value as a profile writes it (numbers also in hex)."""
    if value is None:
        return "absent"
    module = LAYERS.get(layer)
    f = module.HEADER.by_name.get(name) if module is not None else None
    if f is not None:
        text = value_text(f, value)
    elif isinstance(value, bytes | bytearray):
        text = value.hex()
    else:
        text = str(value)
    if isinstance(value, int) and not isinstance(value, bool) and text != f"0x{value:x}" \
            and value > 9:
        return f"{text} (0x{value:x})"
    return text


def layer_names(parts: list[Decoded]) -> list[str]:
    """``ipv4``, ``vlan``, ``vlan[1]``: each part named as FieldDiff names it."""
    seen: dict[str, int] = {}
    out = []
    for p in parts:
        nth = seen.get(p.name, 0)
        seen[p.name] = nth + 1
        out.append(f"{p.name}[{nth}]" if nth else p.name)
    return out


def diff_parts(a: list[Decoded], b: list[Decoded]) -> list[FieldDiff]:
    """Every field whose decoded value differs between two packets."""
    out: list[FieldDiff] = []
    names_a, names_b = layer_names(a), layer_names(b)
    for i in range(max(len(a), len(b))):
        la = a[i] if i < len(a) else None
        lb = b[i] if i < len(b) else None
        where = names_a[i] if la is not None else names_b[i]
        if la is None or lb is None or la.name != lb.name:
            out.append(FieldDiff(where, "(layer)", la.name if la else "absent",
                                 lb.name if lb else "absent"))
            break  # past a different layer, field-by-field pairs mean nothing
        for key in dict.fromkeys([*la.values, *lb.values]):
            va, vb = la.values.get(key), lb.values.get(key)
            if va != vb:
                out.append(FieldDiff(where, key, field_text(la.name, key, va),
                                     field_text(lb.name, key, vb)))
        if la.error != lb.error or la.truncated != lb.truncated:
            out.append(FieldDiff(where, "(decode)", _state(la), _state(lb)))
    return out


def _state(p: Decoded) -> str:
    if p.error:
        return p.error
    return "truncated" if p.truncated else "whole"
