"""``craft diff``: two captures compared packet by packet.

Packets are paired by position (packet 1 with packet 1, ...). A pair is
``equal`` when the bytes are the same, ``ignored`` when they differ only in
fields the caller said to ignore (``ipv4.id``, ``ipv4.checksum``, or a whole
layer such as ``padding``), else ``differ`` with one ``FieldDiff`` per field
(layer, field, value in A, value in B). Packets past the end of the shorter
capture are ``only-a`` / ``only-b``.

``load_capture`` is the one place the compare commands (verify, diff,
import) read a capture: it reads every packet, refuses link types the
decoder does not start from, and lets a truncated file's error (which says
how many packets were read before the cut) through to the CLI.
No printing here: the CLI words the report.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field

from craft.decode.fielddiff import FieldDiff, diff_parts
from craft.decode.walk import Decoded, decode
from craft.errors import Mark, UsageError
from craft.io.pcap import CaptureReader, Record
from craft.layers import LAYERS
from craft.layers.linktype import IP_BY_VERSION, LINKTYPES, decodes, ip_layer, linktype_text

PADDING = "padding"  # the decoder's name for bytes past the IP/UDP length


class UnsupportedLinkType(UsageError):
    """A capture whose link type craft does not decode. Exit 2."""


@dataclass(slots=True)
class Capture:
    """Every packet of one capture file."""

    path: str
    linktype: int
    records: list[Record]

    def first_layer(self, data: bytes) -> str:
        """The layer the decoder starts from for one packet of this capture."""
        first = LINKTYPES[self.linktype][2]
        return ip_layer(data) if first == IP_BY_VERSION else first

    def decoded(self, i: int) -> list[Decoded]:
        data = self.records[i].data
        return decode(data, self.first_layer(data))


def load_capture(path: str | os.PathLike[str]) -> Capture:
    """Read a pcap/pcapng file. Raises UsageError for a missing or
    unreadable file or a link type craft does not decode, NotACapture for
    other files, TruncatedCapture/BadCapture (with ``packets_read``) for a
    damaged one."""
    with CaptureReader(path) as reader:
        if not decodes(reader.linktype):
            raise UnsupportedLinkType(
                f"link-type {linktype_text(reader.linktype)}: craft decodes Ethernet (EN10MB) "
                "and raw IP captures; capture on an Ethernet interface (not -i any)",
                mark=Mark(str(path)))
        records = list(reader)
    for n, rec in enumerate(records, 1):
        if rec.linktype != reader.linktype:  # pcapng with several interfaces
            raise UnsupportedLinkType(
                f"packet {n} has link-type {linktype_text(rec.linktype)}, the first interface "
                f"{linktype_text(reader.linktype)}: compare captures of one link type",
                mark=Mark(str(path)))
    return Capture(str(path), reader.linktype, records)


# --------------------------------------------------------------------------- ignore


@dataclass(frozen=True, slots=True)
class Ignore:
    """Fields (``ipv4.id``) and whole layers (``padding``) left out of a diff."""

    fields: frozenset[str] = frozenset()
    layers: frozenset[str] = frozenset()

    def covers(self, d: FieldDiff) -> bool:
        base = d.layer.split("[", 1)[0]
        if base in self.layers:
            return True
        if d.field == "(layer)":
            return d.a in self.layers or d.b in self.layers
        return f"{base}.{d.field}" in self.fields


def parse_ignore(items: Iterable[str]) -> Ignore:
    """``ipv4.id,ipv4.checksum`` (repeatable, comma-separated) → Ignore;
    raises UsageError naming an unknown layer or field."""
    fields, layers = set(), set()
    known_layers = [*LAYERS, PADDING]
    for item in items:
        for word in item.split(","):
            word = word.strip()
            if not word:
                continue
            layer, _, name = word.partition(".")
            if layer not in known_layers:
                raise UsageError(f"--ignore {word}: unknown layer {layer!r}; layers: "
                                 f"{', '.join(known_layers)}")
            if not name:
                layers.add(layer)
                continue
            by_name = LAYERS[layer].HEADER.by_name if layer in LAYERS else {"data": None}
            if name not in by_name:
                raise UsageError(f"--ignore {word}: {layer} has no field {name!r}; its fields: "
                                 f"{', '.join(by_name)}")
            fields.add(word)
    return Ignore(frozenset(fields), frozenset(layers))


# --------------------------------------------------------------------------- diff

EQUAL, IGNORED, DIFFER, ONLY_A, ONLY_B = "equal", "ignored", "differ", "only-a", "only-b"


@dataclass(slots=True)
class PacketDiff:
    number: int  # 1-based, as tcpdump and wireshark count
    status: str
    fields: list[FieldDiff] = field(default_factory=list)


@dataclass(slots=True)
class DiffReport:
    a: str
    b: str
    count_a: int = 0
    count_b: int = 0
    packets: list[PacketDiff] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for p in self.packets if p.status == status)

    @property
    def ok(self) -> bool:
        return all(p.status in (EQUAL, IGNORED) for p in self.packets)

    def summary(self) -> str:
        parts = [f"{self.count(EQUAL)} equal"]
        if self.count(IGNORED):
            parts.append(f"{self.count(IGNORED)} equal but for ignored fields")
        parts.append(f"{self.count(DIFFER)} differ")
        for status, name in ((ONLY_A, self.a), (ONLY_B, self.b)):
            if self.count(status):
                parts.append(f"{self.count(status)} only in {name}")
        return (f"{self.count_a} packets in {self.a}, {self.count_b} in {self.b}: "
                + ", ".join(parts))


def diff_captures(a: Capture, b: Capture, ignore: Ignore | None = None) -> DiffReport:
    """Packet by packet: equal, equal but for ignored fields, or field diffs."""
    ignore = ignore or Ignore()
    report = DiffReport(a.path, b.path, len(a.records), len(b.records))
    for i in range(max(len(a.records), len(b.records))):
        if i >= len(b.records):
            report.packets.append(PacketDiff(i + 1, ONLY_A))
            continue
        if i >= len(a.records):
            report.packets.append(PacketDiff(i + 1, ONLY_B))
            continue
        da, db = a.records[i].data, b.records[i].data
        if da == db:
            report.packets.append(PacketDiff(i + 1, EQUAL))
            continue
        diffs = diff_parts(a.decoded(i), b.decoded(i))
        kept = [d for d in diffs if not ignore.covers(d)]
        if diffs and not kept:
            report.packets.append(PacketDiff(i + 1, IGNORED, diffs))
        else:
            # bytes differ with no decoded field telling why (never expected,
            # but a diff must not call different bytes equal)
            report.packets.append(PacketDiff(i + 1, DIFFER, kept or [
                FieldDiff("frame", "(bytes)", da.hex(), db.hex())]))
    return report
