"""``craft import``: packets of a capture → a profile a user can edit and replay.

Each packet becomes one frame: its decoded layers with their fields as a
profile writes them. Computed fields (lengths, checksums, ethertype,
protocol numbers) are left out — so the encoder computes them — when the
captured value is the correct one, and kept when it is wrong (a bad
checksum replays as captured). Fields equal to the table default are left
out too, except addresses, ports and types, which a reader looks for.

The promise is the round trip: building the imported profile gives the
captured bytes. Every frame is checked before it is written (loaded back
through the profile checker, encoded by both encoders); a packet that does
not come back the same is written with every field given, and failing
that as a hex frame. Protocol code only: the CLI reads and writes files.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from craft.capture.pcapdiff import Capture
from craft.decode.walk import decode, frame_of
from craft.encode.struct_ import encode, encode_layers
from craft.layers import LAYERS
from craft.layers.base import (
    ADDRESS_TEXT,
    ENUM,
    FLAGS,
    INT,
    IPV4,
    IPV6,
    LIST_ITEM,
    MAC,
    OPTIONS,
    TEXT,
    flags_text,
)
from craft.layers.frame import Frame, Layer

_WORD_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_PASSES = 4  # keep-the-wrong-ones rounds before giving every field


@dataclass(slots=True)
class Imported:
    number: int  # 1-based packet number in the capture
    comment: str  # the packet as tcpdump -n prints it
    layers: list[Layer] | None  # None: written as hex
    data: bytes
    how: str  # "fields", "all-fields" or "hex"


# --------------------------------------------------------------------------- frames


def frame_for(data: bytes, first: str = "ether") -> tuple[list[Layer] | None, str]:
    """The layers to write for one packet, and how: ``fields`` (computed
    fields auto where correct), ``all-fields`` or ``hex`` (None)."""
    parts = decode(data, first)
    given = frame_of(data, parts).layers  # every value given: encodes back to data
    # A part cut short or malformed became raw bytes: the layers before it
    # carry lengths that cover bytes the capture does not hold, so keep them.
    whole = all(p.values and not p.truncated and not p.error for p in parts)
    if whole:
        layers = _auto_where_correct(given)
        if layers is not None and _round_trips(layers, data):
            return layers, "fields"
    if len(given) > 1 and _round_trips(given, data):
        return given, "all-fields"
    return None, "hex"


def _auto_where_correct(given: list[Layer]) -> list[Layer] | None:
    """The layers with each correct computed field set back to None."""
    keep: set[tuple[int, str]] = set()
    for _ in range(_PASSES):
        layers = []
        for i, layer in enumerate(given):
            table = LAYERS[layer.name].HEADER
            # a computed field that is also a key field stays as captured (gre.key:
            # "computed" as not sent, so left auto it would drop the captured key)
            key_fields = getattr(LAYERS[layer.name], "KEY_FIELDS", ())
            values = {k: (None if table.by_name[k].computed and (i, k) not in keep
                          and k not in key_fields else v)
                      for k, v in layer.values.items()}
            names = frozenset(k for k, v in values.items() if v is not None)
            layers.append(Layer(layer.name, values, names))
        try:
            filled = encode_layers(Frame(layers))
        except Exception:  # noqa: BLE001 - the encoder refused: give everything
            return None
        wrong = {(i, k) for i, (layer, enc) in enumerate(zip(given, filled, strict=True))
                 for k, v in layer.values.items()
                 if layers[i].values[k] is None and enc.values.get(k) != v}
        if not wrong:
            return layers
        keep |= wrong
    return None


def _round_trips(layers: list[Layer], data: bytes) -> bool:
    try:
        return encode(Frame(layers)) == data
    except Exception:  # noqa: BLE001
        return False


# --------------------------------------------------------------------------- YAML text


def _scalar(s: str) -> str:
    return s if _WORD_RE.match(s) and s.lower() not in ("true", "false", "null", "yes", "no",
                                                         "on", "off", "auto") else json.dumps(s)


def value_yaml(layer: str, name: str, value: Any) -> str:
    """A field value in profile syntax that the profile checker reads back
    as ``value``."""
    f = LAYERS[layer].HEADER.by_name[name]
    if f.kind in (MAC, IPV4, IPV6):
        return json.dumps(ADDRESS_TEXT[f.kind](value))
    if f.kind == INT:
        return f"0x{value:04x}" if name == "checksum" else str(value)
    if f.kind == ENUM:
        word = next((w for w, n in f.names.items() if n == value), None)
        return _scalar(word) if word is not None else str(value)
    if f.kind == FLAGS:
        text = flags_text(f, value) if value else ""
        return _scalar(text) if text else str(value)
    if f.kind in LIST_ITEM:  # routing.addresses: a list of address texts
        return "[" + ", ".join(json.dumps(LIST_ITEM[f.kind](x)) for x in value) + "]"
    if f.kind == TEXT and bytes(value).isascii() and bytes(value).decode().isprintable():
        return json.dumps(bytes(value).decode())  # bootp.sname; other bytes: hex, not text
    if f.kind == OPTIONS:
        if isinstance(value, bytes | bytearray):
            return json.dumps(value.hex())
        module = LAYERS[layer]
        vocab = getattr(module, "OPTION_FIELDS", {}).get(name) or module.OPTION_VALUES
        return "[" + ", ".join(_option(n, v, vocab) for n, v in value) + "]"
    return json.dumps(bytes(value).hex())  # BYTES: ipv4.options


def _sub_yaml(f: Any, value: Any) -> str:
    """A sub-field of a structured option value (prefix-info, a group record)."""
    if f.kind in ADDRESS_TEXT:
        return json.dumps(ADDRESS_TEXT[f.kind](value))
    if f.kind == ENUM:  # an LLDP ID subtype: its name
        word = next((w for w, n in f.names.items() if n == value), None)
        return _scalar(word) if word is not None else str(value)
    if f.kind in LIST_ITEM:
        return "[" + ", ".join(json.dumps(LIST_ITEM[f.kind](x)) for x in value) + "]"
    if f.kind == FLAGS:
        text = flags_text(f, value) if value else ""
        return _scalar(text) if text else str(value)
    if f.kind == ENUM:
        word = next((w for w, n in f.names.items() if n == value), None)
        return _scalar(word) if word is not None else str(value)
    if f.kind == TEXT:  # the layer decodes to text only what is printable ASCII
        return json.dumps(bytes(value).decode("ascii"))
    if isinstance(value, bytes | bytearray):
        return json.dumps(bytes(value).hex())
    return str(value)


def _option(name: str, value: Any, vocab: Any = None) -> str:
    if value is None:
        return name
    form, table = (vocab or {}).get(name, ("", None))
    if form == "fields":
        by = {f.name: f for f in table}
        return f"{{{name}: {{" + ", ".join(f"{k}: {_sub_yaml(by[k], v)}" for k, v in value) + "}}"
    if form == "field":  # one value in its field's forms (an enumeration's word)
        return f"{{{name}: {_sub_yaml(table, value)}}}"
    if form == "codes":  # a list of option codes, each by its word where it has one
        return f"{{{name}: [" + ", ".join(_sub_yaml(table, c) for c in value) + "]}"
    if form == "addr":  # one address (an IPv4 or IPv6 option value)
        return f"{{{name}: {json.dumps(_item(value))}}}"
    if isinstance(value, str):  # the text form
        text = json.dumps(value)
    elif isinstance(value, bytes):
        text = json.dumps(ADDRESS_TEXT[MAC](value)) if len(value) == 6 else json.dumps(value.hex())
    elif isinstance(value, tuple) and name == "timestamp" and isinstance(value[-1], tuple):
        text = json.dumps({"flag": value[0], "entries": _item(value[1])})  # ipv4's
    elif isinstance(value, tuple):
        text = json.dumps(_item(value))
    else:
        text = str(value)
    return f"{{{name}: {text}}}"


def _item(x: Any) -> Any:
    """An option's value for JSON: addresses as text (IPv4 record route, ...)."""
    if isinstance(x, bytes):
        return {4: ADDRESS_TEXT[IPV4], 6: ADDRESS_TEXT[MAC], 16: ADDRESS_TEXT[IPV6]}.get(
            len(x), bytes.hex)(x)
    if isinstance(x, tuple):
        return [_item(y) for y in x]
    return x


def data_yaml(data: bytes) -> str:
    """Payload bytes as text when they are printable, one byte repeated as
    size and fill, else hex."""
    if len(data) >= 4 and data.count(data[:1]) == len(data):
        return f"{{size: {len(data)}, fill: \"0x{data[0]:02x}\"}}"
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError:
        text = None
    if text is not None and all(c.isprintable() or c in "\n\r\t" for c in text):
        return f"{{text: {json.dumps(text)}}}"
    return f"{{hex: {json.dumps(data.hex())}}}"


def layer_yaml(layer: Layer) -> str:
    if getattr(LAYERS[layer.name], "TAKES_REST", False):  # payload, raw
        return f"{layer.name}: {data_yaml(layer.values['data'])}"
    module = LAYERS[layer.name]
    table = module.HEADER
    key_fields = getattr(module, "KEY_FIELDS", ())  # what a reader scans for
    items = []
    for f in table.fields:
        v = layer.values.get(f.name)
        if v is None:
            continue
        if v == f.default and f.kind not in (MAC, IPV4, IPV6) and f.name not in key_fields:
            continue
        items.append(f"{f.name}: {value_yaml(layer.name, f.name, v)}")
    return f"{layer.name}: {{{', '.join(items)}}}"


def frame_yaml(item: Imported) -> str:
    lines = [f"  # packet {item.number}: {item.comment}"]
    if item.how == "all-fields":
        lines.append("  # written with every field given: a computed value could not be left auto")
    if item.layers is None:
        lines.append("  # written as hex: craft cannot rebuild it field by field")
        lines.append(f"  - hex: {json.dumps(item.data.hex())}")
        return "\n".join(lines)
    layers = [la for la in item.layers if not (la.name == "payload" and not la.values["data"])]
    lines.append("  - layers:")
    lines.extend(f"      - {layer_yaml(la)}" for la in layers)
    return "\n".join(lines)


def _checked(item: Imported, first: str) -> Imported:
    """The item as it will be written, proven to load and build back to its
    bytes (struct and scapy); else the next, plainer form."""
    from craft.encode.crosscheck import disagreement_of
    from craft.profile.load import load_profile_text

    while True:
        text = "frames:\n" + frame_yaml(item) + "\n"
        try:
            (frame,) = load_profile_text(text, "<import>").frames(count=1)
            disagreement, built = disagreement_of(frame)
            if disagreement is None and built == item.data:
                return item
        except Exception:  # noqa: BLE001 - any failure: fall back to a plainer form
            pass
        if item.layers is None:
            return item  # hex always loads and builds back
        if item.how == "fields":
            layers = frame_of(item.data, decode(item.data, first)).layers
            item = Imported(item.number, item.comment, layers, item.data, "all-fields")
        else:
            item = Imported(item.number, item.comment, None, item.data, "hex")


def import_packets(capture: Capture, *, count: int = 0,
                   match: Callable[[bytes, int], bool] | None = None) -> list[Imported]:
    """The packets of ``capture`` (the first ``count``, those ``match``
    accepts), each as the frame that rebuilds it."""
    from craft.fmt.tcpdump import Printer, PrintOptions

    printer = Printer(PrintOptions(t=1))
    out: list[Imported] = []
    for n, rec in enumerate(capture.records, 1):
        if match is not None and not match(rec.data, rec.wirelen):
            continue
        first = capture.first_layer(rec.data)
        comment = printer.format(rec.ts_sec, rec.ts_nsec, rec.data, rec.wirelen,
                                 rec.linktype).splitlines()[0].strip()
        layers, how = frame_for(rec.data, first)
        out.append(_checked(Imported(n, comment, layers, rec.data, how), first))
        if count and len(out) == count:
            break
    return out


def profile_yaml(items: Iterable[Imported], name: str, source: str) -> str:
    """The whole profile file."""
    items = list(items)
    plural = "s" if len(items) != 1 else ""
    head = [
        f"# Imported by craft import from {source}: {len(items)} packet{plural}.",
        "# Lengths and checksums that were correct are left out (computed when built);",
        "# edit any field and `craft build` / `craft send` it.",
        f"name: {json.dumps(name)}",
        f"description: {json.dumps(f'{len(items)} packet{plural} imported from {source}')}",
        "frames:",
    ]
    return "\n".join(head + [frame_yaml(i) for i in items]) + "\n"
