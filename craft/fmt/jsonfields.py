"""Decoded frames as JSON-ready dicts: every field by layer, values as text
the way a profile writes them."""

from __future__ import annotations

from typing import Any

from craft.decode.walk import decode
from craft.layers import LAYERS
from craft.layers.base import ADDRESS_TEXT, INT, IPV4, IPV6, OPTIONS, Field, value_text


def field_json(f: Field | None, value: Any, module: Any = None) -> Any:
    if f is None:
        return value.hex() if isinstance(value, bytes | bytearray) else value
    if f.kind == "int" and isinstance(value, int):
        return value
    if isinstance(value, tuple) and f.kind == OPTIONS:  # option lists
        vocab = getattr(module, "OPTION_FIELDS", {}).get(f.name) or getattr(
            module, "OPTION_VALUES", {})
        return [[n, _item(v, vocab.get(n, ("", None)))] for n, v in value]
    return value_text(f, value)


def _item(v: Any, form: tuple[str, Any]) -> Any:
    """An option's value: bytes as hex; a structured value (prefix-info, a
    group record) as a mapping of its sub-fields as text, numbers as numbers."""
    if form[0] == "fields":
        by = {sub.name: sub for sub in form[1]}
        return {k: x if by[k].kind == INT else value_text(by[k], x) for k, x in v}
    if form[0] == "addr":  # one address: as text
        return ADDRESS_TEXT[IPV4 if form[1] == 32 else IPV6](v)
    if isinstance(v, tuple):
        return [x.hex() if isinstance(x, bytes) else x for x in v]
    return v.hex() if isinstance(v, bytes) else v


def layers_json(data: bytes, first: str = "ether") -> list[dict[str, Any]]:
    out = []
    for d in decode(data, first):
        mod = LAYERS.get(d.name)
        by_name = mod.HEADER.by_name if mod else {}
        entry: dict[str, Any] = {"layer": d.name, "offset": d.offset, "length": d.length}
        entry["fields"] = {k: field_json(by_name.get(k), v, mod) for k, v in d.values.items()}
        if d.truncated:
            entry["truncated"] = True
        if d.error:
            entry["error"] = d.error
        out.append(entry)
    return out


def frame_json(data: bytes, number: int) -> dict[str, Any]:
    return {"frame": number, "length": len(data), "hex": data.hex(), "layers": layers_json(data)}
