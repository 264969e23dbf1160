"""``craft build --format explain``: one row per field with its place on the
wire and where its value came from (given, default, computed, auto)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table

from craft.encode.audit import should_be
from craft.encode.struct_ import Encoded, encode_layers, fragment_frame, fragment_note
from craft.layers import LAYERS
from craft.layers.base import Field, value_text
from craft.layers.frame import Frame, Layer


@dataclass(frozen=True, slots=True)
class ExplainRow:
    layer: str
    field: str
    offset: int  # bytes from the start of the frame
    bit: int  # bit offset inside that byte (0 = most significant)
    bits: int  # width in bits
    value: str
    source: str  # given | default | computed | auto
    correct: str = ""  # for a given length or checksum that is wrong: what it should be

    @property
    def width(self) -> str:
        if self.bits % 8 == 0 and self.bit == 0:
            return f"{self.bits // 8} B"
        return f"{self.bits} bit" + ("s" if self.bits != 1 else "")

    @property
    def place(self) -> str:
        return f"{self.offset}" if self.bit == 0 else f"{self.offset}.{self.bit}"


def field_places(enc: Encoded) -> list[tuple[str, int, int, int]]:
    """(field, byte offset in the header, bit offset, bit width) of each field."""
    mod = LAYERS[enc.name]
    if hasattr(mod, "layout"):
        return list(mod.layout(enc.values))
    places = [(f.name, bit // 8, bit % 8, bits) for f, bit, bits in mod.HEADER.layout()]
    rest = len(enc.header) - mod.HEADER.size
    for f in mod.HEADER.variable:
        places.append((f.name, mod.HEADER.size, 0, 8 * max(rest, 0)))
    return places


def _text(f: Field, value: object) -> str:
    # checksums read best in hex, as tcpdump and wireshark print them
    if "checksum" in f.name and isinstance(value, int):
        return f"0x{value:04x}"
    return value_text(f, value)


def _source(layer: Layer, name: str) -> str:
    if name in layer.auto:
        return "auto"
    if name in layer.given:
        return "given"
    return "computed" if layer.values.get(name, 0) is None else "default"


def explain(frame: Frame) -> list[ExplainRow]:
    if frame.fragment is not None:  # the fragment's own headers and its piece as raw
        frame = fragment_frame(frame)
    encoded = encode_layers(frame)
    rows: list[ExplainRow] = []
    for i, (layer, enc) in enumerate(zip(frame.layers, encoded, strict=True)):
        fields: dict[str, Field] = LAYERS[enc.name].HEADER.by_name
        for name, off, bit, bits in field_places(enc):
            f = fields.get(name) or Field(name, bits)
            value = enc.values.get(name)
            source = _source(layer, name)
            correct = ""
            if source == "given" and f.computed:
                right = should_be(frame, i, name)
                if right is not None:
                    correct = _text(f, right)
            rows.append(ExplainRow(enc.name, name, enc.offset + off, bit, bits,
                                   _text(f, value), source, correct))
    return rows


SOURCE_STYLE = {"given": "bold", "default": "dim", "computed": "green", "auto": "cyan"}


def explain_table(frame: Frame, title: str = "") -> Table:
    table = Table(title=title or None, title_justify="left", show_edge=False, pad_edge=False)
    if frame.fragment is not None:  # what the fragment carries of its datagram
        table.caption, table.caption_justify = fragment_note(frame), "left"
    for col, just in (("layer", "left"), ("field", "left"), ("offset", "right"),
                      ("width", "right"), ("value", "left"), ("source", "left")):
        table.add_column(col, justify=just)  # type: ignore[arg-type]
    last = None
    for r in explain(frame):
        value = r.value if len(r.value) <= 48 else r.value[:45] + "..."
        if r.correct:
            value = f"[red]{value}[/red] (wrong: should be {r.correct})"
        table.add_row(r.layer if r.layer != last else "", r.field, r.place, r.width, value,
                      f"[{SOURCE_STYLE[r.source]}]{r.source}[/]")
        last = r.layer
    return table
