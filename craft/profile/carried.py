"""Two readers of the profile loader (craft/profile/load.py), kept here to
keep load.py short: a field the message does not carry is an error (the
layer module's ``fields_for``, for headers whose fields depend on their
type), as is a value wider than the type has room for (its ``row``), and
list values (addresses, domain names) are read item by item."""

from __future__ import annotations

from typing import Any

from craft.errors import Mark, ProfileError
from craft.layers import LAYERS
from craft.layers.base import INTS, IPV4, IPV4S, IPV6, NAMES
from craft.profile.model import Stream
from craft.profile.yamlload import YList, YMap, what


def check_carried(lname: str, values: dict[str, Any], given: set[str],
                  streams: dict[str, Stream], body: YMap, lpath: str) -> None:
    """Refuse a given field the message does not carry, naming the message
    and the fields it carries; nothing to check when what picks the fields
    (the module's ``LAYOUT_FIELDS``) is a stream."""
    fields_for = getattr(LAYERS[lname], "fields_for", None)
    layout = getattr(LAYERS[lname], "LAYOUT_FIELDS", ())
    if fields_for is None or any(n in streams for n in layout):
        return
    what_, carries = fields_for(values)
    extra = [n for n in body if n in given and n not in carries]
    if extra:
        raise ProfileError(
            f"{lname} {what_} does not carry {', '.join(extra)}; its fields: "
            f"{', '.join(carries)}",
            mark=body.keys_at[extra[0]],
            path=f"{lpath}.{extra[0]}",
        )
    # a field narrower in this type than in the table (a 32-bit reserved that
    # is 16 bits in MLD): the module's row(values) gives the type's widths
    row = getattr(LAYERS[lname], "row", None)
    for name, bits in row(values) if row else ():
        value = values.get(name)
        if name in given and isinstance(value, int) and bits and value >> bits:
            raise ProfileError(
                f"{value} is out of range 0..{(1 << bits) - 1} in {lname} {what_} "
                f"({bits} bits there)",
                mark=body.values_at[name],
                path=f"{lpath}.{name}",
            )


def read_items(ck: Any, kind: str, value: Any, mark: Mark, text: str | None,
               path: str) -> tuple:
    """A list of addresses, domain names or numbers, as a YAML list or as text joined
    by commas; ``ck`` is the loader's checker, whose readers word the errors."""
    if not isinstance(value, YList):
        if not isinstance(value, str):
            raise ProfileError(f"expected a list, got {what(value)}", mark=mark, path=path)
        one = YList(mark)
        for item in (x.strip() for x in value.split(",")):
            if item:
                one.append(item)
                one.items_at.append(mark)
                one.texts.append(item)
        value = one
    out = []
    for k in range(len(value)):
        v, m, t = ck.get(value, k, f"{path}[{k}]")
        if kind == INTS:
            out.append(ck.integer(v, t, m, f"{path}[{k}]", 0, 0xFFFFFFFF))
        elif kind == NAMES:
            if not isinstance(v, str) or not v.strip() or any(
                    len(x) > 63 or not x for x in v.strip().strip(".").split(".")):
                raise ProfileError(
                    f"{t or what(v)} is not a domain name; write e.g. example.com",
                    mark=m, path=f"{path}[{k}]",
                )
            out.append(v.strip().strip("."))
        else:
            out.append(ck.address(IPV4 if kind == IPV4S else IPV6, v, t, m, f"{path}[{k}]"))
    return tuple(out)
