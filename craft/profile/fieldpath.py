"""Field paths: how a script names a field of an answer (craft run's
``expect`` and ``save``, docs/conversations.md).

- ``tcp.seq``: a header field;
- ``dns.answers.a.address``, ``bootp.options.server-id``: in a list field
  (options, records, questions), the first item of that name, then its
  sub-field when the item is a mapping;
- ``dns.answers[1].address``: the item at an index (from 0).

The item vocabulary is the layer module's (``OPTION_FIELDS`` for the field,
else ``OPTION_VALUES``: docs/architecture.md, the layer contract), so a path
is checked when the script is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from craft.errors import Mark, ProfileError
from craft.layers import LAYERS
from craft.layers.base import BYTES, INT, IPV4, IPV6, MAC, OPTIONS, Field
from craft.profile.yamlload import did_you_mean, what

_ITEM = re.compile(r"^([\w-]+)(?:\[(\d+)\])?$")


@dataclass(frozen=True, slots=True)
class FieldPath:
    """``layer.field[.item[.sub]]`` or ``layer.field[index][.sub]``; ``spec``
    describes the value found there (None: compared as it is)."""

    layer: str
    field: str
    item: str | int | None = None
    sub: str | None = None
    spec: Field | None = None

    @property
    def rest(self) -> str:
        """Everything after the layer's name, as written."""
        if self.item is None:
            return self.field
        item = f"[{self.item}]" if isinstance(self.item, int) else f".{self.item}"
        return f"{self.field}{item}" + (f".{self.sub}" if self.sub else "")

    def get(self, values: dict[str, Any]) -> Any:
        """The value at this path in a layer's decoded values, or None."""
        value = values.get(self.field)
        if self.item is None or value is None:
            return value
        if isinstance(value, bytes | bytearray):  # a list kept as hex: nothing named in it
            return None
        if isinstance(self.item, int):
            found = value[self.item] if self.item < len(value) else None
        else:
            found = next((item for item in value if item[0] == self.item), None)
        if found is None:
            return None
        got = found[1]
        if self.sub is None:
            return got
        return dict(got).get(self.sub) if isinstance(got, tuple) else None


def _item_spec(name: str, form: str, bits: Any) -> Field | None:
    """The Field a list item's value is read as, by its option form."""
    if isinstance(bits, Field):
        return bits
    if form in ("int", "int0") and isinstance(bits, int):
        return Field(name, bits, 0, INT)
    if form == "addr":
        return Field(name, bits, b"", IPV4 if bits == 32 else IPV6)
    if form == "mac":
        return Field(name, 48, b"", MAC)
    if form == "hex":
        return Field(name, 0, b"", BYTES)
    return None


def parse(text: Any, mark: Mark | None, path: str) -> FieldPath:
    """A field path checked against the layer modules; a ProfileError names
    what is wrong and what the layer has."""
    if not isinstance(text, str) or text.count(".") < 1:
        raise ProfileError(f"{what(text)} is not a field: write layer.field, e.g. tcp.seq",
                           mark=mark, path=path)
    layer, fname, *more = text.split(".")
    if layer not in LAYERS:
        raise ProfileError(f"unknown layer {layer!r}{did_you_mean(layer, LAYERS)}", mark=mark,
                           path=path)
    module = LAYERS[layer]
    index: int | None = None
    m = _ITEM.match(fname)
    if m and m[2] is not None:
        fname, index = m[1], int(m[2])
    fields = module.HEADER.by_name
    if fname not in fields:
        raise ProfileError(f"{layer} has no field {fname!r}{did_you_mean(fname, fields)}; its "
                           f"fields: {', '.join(fields)}", mark=mark, path=path)
    f = fields[fname]
    if index is None and not more:
        return FieldPath(layer, fname, spec=f)
    vocabulary = getattr(module, "OPTION_FIELDS", {}).get(fname) \
        or getattr(module, "OPTION_VALUES", {})
    if f.kind != OPTIONS or not vocabulary:
        raise ProfileError(f"{layer}.{fname} is not a list of named items; write {layer}."
                           f"{fname}", mark=mark, path=path)
    item: str | int
    if index is not None:
        item = index
        if len(more) > 1:
            raise ProfileError(f"{text}: after {fname}[{index}] comes at most one sub-field",
                               mark=mark, path=path)
        sub = more[0] if more else None
        subs = {s.name: s for _, (form, bits) in vocabulary.items() if form == "fields"
                for s in bits}
        if sub is not None and sub not in subs:
            raise ProfileError(f"{text}: no item of {layer}.{fname} has a field {sub!r}"
                               f"{did_you_mean(sub, subs)}", mark=mark, path=path)
        return FieldPath(layer, fname, item, sub, subs.get(sub) if sub else None)
    item, *rest = more
    if item not in vocabulary:
        raise ProfileError(f"{layer}.{fname} has no item {item!r}{did_you_mean(item, vocabulary)}"
                           f"; its items: {', '.join(vocabulary)}", mark=mark, path=path)
    form, bits = vocabulary[item]
    if form != "fields":
        if rest:
            raise ProfileError(f"{text}: {item} is one value, with no fields; write "
                               f"{layer}.{fname}.{item}", mark=mark, path=path)
        return FieldPath(layer, fname, item, None, _item_spec(item, form, bits))
    by = {s.name: s for s in bits}
    if len(rest) != 1 or rest[0] not in by:
        wrong = rest[0] if rest else ""
        raise ProfileError(f"{text}: name one field of {item}{did_you_mean(wrong, by)}: "
                           f"{', '.join(by)}", mark=mark, path=path)
    return FieldPath(layer, fname, item, rest[0], by[rest[0]])
