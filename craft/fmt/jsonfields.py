"""Decoded frames as JSON-ready dicts: every field by layer, values as text
the way a profile writes them."""

from __future__ import annotations

from typing import Any

from craft.decode.walk import decode
from craft.layers import LAYERS
from craft.layers.base import Field, value_text


def field_json(f: Field | None, value: Any) -> Any:
    if f is None:
        return value.hex() if isinstance(value, bytes | bytearray) else value
    if f.kind == "int" and isinstance(value, int):
        return value
    if isinstance(value, tuple):  # option lists
        return [[n, v.hex() if isinstance(v, bytes) else v] for n, v in value]
    return value_text(f, value)


def layers_json(data: bytes, first: str = "ether") -> list[dict[str, Any]]:
    out = []
    for d in decode(data, first):
        mod = LAYERS.get(d.name)
        by_name = mod.HEADER.by_name if mod else {}
        entry: dict[str, Any] = {"layer": d.name, "offset": d.offset, "length": d.length}
        entry["fields"] = {k: field_json(by_name.get(k), v) for k, v in d.values.items()}
        if d.truncated:
            entry["truncated"] = True
        if d.error:
            entry["error"] = d.error
        out.append(entry)
    return out


def frame_json(data: bytes, number: int) -> dict[str, Any]:
    return {"frame": number, "length": len(data), "hex": data.hex(), "layers": layers_json(data)}
