"""A profile frame's ``fragment:`` directive (craft/layers/fragmenting.py):
``{mtu: N}`` or ``{pieces: [[offset, length], {offset, length, mf, fill}, ...]}``,
with ``id`` for an IPv6 fragment header craft inserts. Read here for
craft/profile/load.py, whose checker (``ck``) words the errors."""

from __future__ import annotations

from typing import Any

from craft.errors import ProfileError
from craft.layers.fragmenting import IPS, Directive, Piece
from craft.profile.yamlload import YList, YMap, known_keys, what

KEYS = ("mtu", "pieces", "id")
PIECE_KEYS = ("offset", "length", "mf", "fill")
_FORMS = "{mtu: 1280} or {pieces: [[0, 24], [16, 40], ...]}"


def read_fragment(ck: Any, item: YMap, path: str) -> Directive:
    """The directive of frame ``item`` (a mapping with a ``fragment`` key)."""
    value, mark, _ = ck.get(item, "fragment", f"{path}.fragment")
    path = f"{path}.fragment"
    if "hex" in item:
        raise ProfileError("a hex frame cannot be fragmented; give layers",
                           mark=item.keys_at["fragment"], path=path)
    layers = item.get("layers")
    names = [next(iter(e)) for e in layers if isinstance(e, YMap) and len(e) == 1] \
        if isinstance(layers, YList) else []
    if not isinstance(value, YMap):
        raise ProfileError(f"fragment is {what(value)}; write {_FORMS}", mark=mark, path=path)
    known_keys(value, KEYS, "fragment has mtu or pieces, and id", path)
    if ("mtu" in value) == ("pieces" in value):
        raise ProfileError(f"give mtu or pieces: {_FORMS}", mark=mark, path=path)
    if not any(n in IPS for n in names):
        raise ProfileError("fragment needs an ipv4 or ipv6 layer to cut", mark=mark, path=path)
    ident = 1
    if "id" in value:
        v, m, t = ck.get(value, "id", f"{path}.id")
        ident = ck.integer(v, t, m, f"{path}.id", 0, 0xFFFFFFFF)
    if "mtu" in value:
        v, m, t = ck.get(value, "mtu", f"{path}.mtu")
        return Directive(mtu=ck.integer(v, t, m, f"{path}.mtu", 28, 65535), id=ident)
    pieces, pmark, _ = ck.get(value, "pieces", f"{path}.pieces")
    if not isinstance(pieces, YList) or not pieces:
        raise ProfileError(f"pieces is {what(pieces)}; write [[offset, length], ...]",
                           mark=pmark, path=f"{path}.pieces")
    return Directive(pieces=tuple(_piece(ck, pieces, k, f"{path}.pieces[{k}]")
                                  for k in range(len(pieces))), id=ident)


def _piece(ck: Any, pieces: YList, k: int, path: str) -> Piece:
    item, mark, _ = ck.get(pieces, k, path)
    if isinstance(item, YList) and len(item) == 2:
        fields = {"offset": (item, 0), "length": (item, 1)}
    elif isinstance(item, YMap) and "offset" in item and "length" in item:
        known_keys(item, PIECE_KEYS, "a piece has offset, length, mf and fill", path)
        fields = {key: (item, key) for key in item}
    else:
        raise ProfileError(
            f"a piece is [offset, length] or {{offset, length, mf, fill}}, not {what(item)}",
            mark=mark, path=path)
    got: dict[str, Any] = {}
    for key, (box, at) in fields.items():
        v, m, t = ck.get(box, at, f"{path}.{key}")
        if key == "mf":
            if not isinstance(v, bool):
                raise ProfileError(f"mf is true or false, not {t}", mark=m, path=f"{path}.mf")
            got[key] = v
        else:
            top = {"offset": 65528, "length": 65535, "fill": 255}[key]
            got[key] = ck.integer(v, t, m, f"{path}.{key}", 0, top)
    if got["offset"] % 8:
        raise ProfileError(
            f"offset {got['offset']} is not a multiple of 8 (fragment offsets count 8-byte "
            "units)", mark=mark, path=f"{path}.offset")
    return Piece(got["offset"], got["length"], got.get("mf"), got.get("fill"))


__all__ = ["KEYS", "read_fragment"]
