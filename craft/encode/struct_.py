"""The struct encoder: packs each layer from its table, inside out, so each
layer knows its payload (lengths, checksums) and its next layer (selectors)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from craft.layers import LAYERS, fragmenting, ip4opts
from craft.layers.base import PSEUDO_HEADERS, PSEUDO_OVERRIDES, pseudo_ip
from craft.layers.context import Context
from craft.layers.frame import Frame, Layer


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


def datagram_end(layers: list) -> int:
    """How many of ``layers`` make the datagram: the trailing layers whose
    module says ``TRAILER`` (padding) lie outside it, so no length or
    checksum counts them and the layer in front of them has no next layer."""
    cut = len(layers)
    while cut and getattr(LAYERS[layers[cut - 1].name], "TRAILER", False):
        cut -= 1
    return cut


def encode_layers(frame: Frame) -> list[Encoded]:
    if frame.fragment is not None:  # one fragment of a datagram: its own layers
        frame = fragment_frame(frame)
    layers = frame.layers
    n = len(layers)
    cut = datagram_end(layers)
    ips = _ips(layers)
    parts: list[tuple[bytes, dict[str, Any]]] = [(b"", {})] * n
    payload = b""
    for i in range(n - 1, -1, -1):
        layer = layers[i]
        outer = layers[i - 1] if i else None
        ctx = Context(
            outer.name if outer else None,
            outer.values if outer else None,
            layers[i + 1].name if i + 1 < n and i + 1 != cut else None,
            *ips[i],
        )
        if i == cut - 1:
            payload = b""  # the trailers are not the datagram's payload
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
    per-frame hot path of ``craft build`` and ``craft send``. What depends
    only on the layer names (each layer's encode, where the datagram ends,
    which layer gives each its pseudo-header) is worked out once per stack
    of names (``_plan``)."""
    if frame.fragment is not None:
        return _fragment_bytes(frame)
    layers = frame.layers
    encoders, inners, ip_at, cut, plain = _plan(layers, frame.shape)
    ips = None if plain else pseudo_ip(layers)  # a routing header between changes them
    payload = b""
    tail = b""
    for i in range(len(layers) - 1, -1, -1):
        if i == cut - 1:  # the datagram starts here; the trailers go after it
            tail, payload = payload, b""
        if i:
            outer = layers[i - 1]
            j = ip_at[i]
            if ips is not None:
                ip_name, ip = ips[i]
            elif j >= 0:  # the nearest IP layer's own values are the pseudo-header's
                ip_layer = layers[j]
                ip_name, ip = ip_layer.name, ip_layer.values
            else:
                ip_name = ip = None
            ctx = _new_tuple(Context, (outer.name, outer.values, inners[i], ip_name, ip))
        else:
            ctx = _new_tuple(Context, (None, None, inners[i], None, None))
        payload = encoders[i](layers[i].values, payload, ctx)[0] + payload
    return payload + tail


_PLANS: dict[tuple[str, ...], tuple] = {}
_PLANS_FOR = [0]  # how many layers were registered when the plans were made


def _plan(layers: list, shape: tuple[str, ...] | None = None) -> tuple:
    """(each layer's encode, each layer's next layer name as its encoder sees
    it, the index of each layer's nearest enclosing IP layer or -1, where the
    datagram ends, whether no layer changes a pseudo-header) for a stack of
    layer names, worked out on its first frame."""
    names = shape if shape is not None else tuple(layer.name for layer in layers)
    if _PLANS_FOR[0] != len(LAYERS):  # a layer (un)registered since the plans were made
        _PLANS.clear()
        _PLANS_FOR[0] = len(LAYERS)
    plan = _PLANS.get(names)
    if plan is None:
        cut = datagram_end(layers)
        inners = [names[i + 1] if i + 1 < len(names) and i + 1 != cut else None
                  for i in range(len(names))]
        ip_at, j = [], -1
        for i, name in enumerate(names):
            ip_at.append(j)
            if name in PSEUDO_HEADERS:
                j = i
        plain = not any(name in PSEUDO_OVERRIDES for name in names)
        plan = ([LAYERS[n].encode for n in names], inners, ip_at, cut, plain)
        if len(_PLANS) > 1024:
            _PLANS.clear()
        _PLANS[names] = plan
    return plan


# Context(...) through tuple.__new__ directly: half the cost of the NamedTuple
# constructor's keyword handling, on a path that runs once per layer per frame.
_new_tuple = tuple.__new__


# --- fragments (craft/layers/fragmenting.py) --------------------------------------------


def fragment_frame(frame: Frame) -> Frame:
    """The fragment ``frame`` stands for, as a plain frame: the headers in
    front of the fragmentable part, then its piece of the datagram as ``raw``
    (``fragment_note`` says what it carries). The datagram is cut once for
    all its fragments (``FragmentOf.cache``)."""
    frames = _frames_of(frame)
    if len(frames) != frame.fragment.n:
        raise ValueError(f"{frame.label}: the datagram makes {len(frames)} fragments, "
                         f"the profile model counted {frame.fragment.n}")
    return frames[frame.fragment.k]


def _fragment_bytes(frame: Frame) -> bytes:
    """``encode`` of a fragment: the datagram's IPv6 headers with the payload
    length and the fragment header's offset and M patched per piece (the
    bytes ``fragment_frame``'s frame encodes to); IPv4 through that frame."""
    frag = frame.fragment
    got = frag.cache.get("struct-bytes")
    if got is None:
        layers, names, ip, cut, encs, start, body, pieces = _datagram(frame)
        if names[ip] != "ipv6" or layers[ip].values["plen"] is not None:
            got = [encode(f) for f in _frames_of(frame)]
        else:
            head = bytearray(b"".join(e.header for e in encs[:cut]))
            at, fo = encs[ip].offset, encs[cut - 1].offset  # ipv6, its fragment header
            res2 = encs[cut - 1].values["res2"]
            got = []
            for p in pieces:
                chunk = (body[p.offset:p.offset + p.length] if p.fill is None
                         else bytes([p.fill]) * p.length)
                head[at + 4:at + 6] = (start - at - 40 + len(chunk)).to_bytes(2, "big")
                word = (p.offset // 8 & 0x1FFF) << 3 | (res2 & 3) << 1 | (1 if p.mf else 0)
                head[fo + 2:fo + 4] = word.to_bytes(2, "big")
                got.append(bytes(head) + chunk)
        if len(got) != frag.n:
            raise ValueError(f"{frame.label}: the datagram makes {len(got)} fragments, "
                             f"the profile model counted {frag.n}")
        frag.cache["struct-bytes"] = got
    return got[frag.k]


def _datagram(frame: Frame) -> tuple:
    """The whole datagram, encoded once: (layers with the fragment header,
    names, IP index, index of the fragmentable part, encoded layers, where
    that part starts, its bytes, the pieces)."""
    frag = frame.fragment
    got = frag.cache.get("struct-datagram")
    if got is not None:
        return got
    d = frag.directive
    layers = list(frame.layers)
    names = [layer.name for layer in layers]
    ip, cut, insert = fragmenting.split(names)
    if insert:  # RFC 8200 §4.5: after the unfragmentable part
        values = {**LAYERS["fragment"].HEADER.defaults(), "id": d.id}
        layers.insert(cut, Layer("fragment", values, frozenset({"id"})))
        names.insert(cut, "fragment")
        cut += 1
    encs = encode_layers(Frame(layers, frame.index, frame.number))
    end = datagram_end(layers)
    data = b"".join(e.header for e in encs[:end])
    start = encs[cut].offset if cut < end else len(data)
    body = data[start:]
    if d.mtu:
        header = start - encs[ip].offset
        pieces = fragmenting.mtu_pieces(len(body), header, d.mtu)
    else:
        pieces = fragmenting.explicit_pieces(d.pieces, len(body))
    got = frag.cache["struct-datagram"] = (layers, names, ip, cut, encs, start, body, pieces)
    return got


def _frames_of(frame: Frame) -> list[Frame]:
    frag = frame.fragment
    frames = frag.cache.get("struct")
    if frames is None:
        frames = frag.cache["struct"] = _cut(frame)
    return frames


def _cut(frame: Frame) -> list[Frame]:
    layers, names, ip, cut, encs, start, body, pieces = _datagram(frame)
    six = names[ip] == "ipv6"
    out = []
    for piece in pieces:
        chunk = (body[piece.offset:piece.offset + piece.length] if piece.fill is None
                 else bytes([piece.fill]) * piece.length)
        front = []
        for j in range(cut):
            layer, v = layers[j], layers[j].values
            if j == ip and not six:
                v = {**v, "len": None, "checksum": None, "proto": encs[j].values["proto"],
                     "flags": encs[j].values["flags"] | (1 if piece.mf else 0),
                     "frag": (v["frag"] + piece.offset // 8) & 0x1FFF}
                if piece.offset and v["options"]:  # RFC 791 §3.2: the copied options
                    v["options"] = ip4opts.copied(ip4opts.options_bytes(v["options"]))
            elif j == ip:
                v = {**v, "plen": None}
            elif j == cut - 1 and six:  # the fragment header
                v = {**v, "nh": encs[j].values["nh"], "offset": piece.offset // 8 & 0x1FFF,
                     "m": 1 if piece.mf else 0}
            front.append(Layer(layer.name, v, layer.given, layer.auto))
        front.append(Layer("raw", {"data": chunk}, frozenset({"data"})))
        out.append(Frame(front, frame.index, frame.number, frame.notes))
    return out


def fragment_note(frame: Frame) -> str:
    """What fragment ``frame`` carries of its datagram (explain's caption)."""
    pieces, names = _datagram(frame)[7], _datagram(frame)[1]
    k = frame.fragment.k
    return fragmenting.describe(k, len(pieces), pieces[k], names)
