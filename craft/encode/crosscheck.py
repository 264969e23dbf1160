"""Both encoders on one frame, compared byte for byte.

When they disagree, both byte strings are decoded with craft's decoder and
the report names each field that differs (layer, field, struct's value,
scapy's value) and the first differing byte. No I/O here: the CLI words it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from craft.decode.fielddiff import FieldDiff, diff_parts
from craft.decode.walk import decode
from craft.encode import scapy_, struct_
from craft.errors import CraftError, CrossCheckError
from craft.layers.frame import Frame

MAX_KEPT = 5  # disagreements a CheckReport keeps in full


@dataclass(frozen=True, slots=True)
class Disagreement:
    """How the two encodings of one frame differ."""

    label: str  # frames[i] #n
    struct: bytes
    scapy: bytes
    offset: int  # first differing byte
    fields: tuple[FieldDiff, ...]  # a: struct's value, b: scapy's

    def report(self) -> str:
        head = (f"struct and scapy differ from byte {self.offset} "
                f"(struct {len(self.struct)} bytes, scapy {len(self.scapy)} bytes)")
        if not self.fields:
            return head + "; no decoded field differs"
        return "\n".join([head, *(f"  {d.name}: struct {d.a}, scapy {d.b}" for d in self.fields)])


def crosscheck(frame: Frame) -> bytes:
    """The frame's bytes when both encoders agree; raises CrossCheckError
    with a field-level report when they do not."""
    disagreement, data = disagreement_of(frame)
    if disagreement is not None:
        err = CrossCheckError(disagreement.report(), path=frame.label)
        err.disagreement = disagreement  # type: ignore[attr-defined]
        raise err
    return data


def disagreement_of(frame: Frame) -> tuple[Disagreement | None, bytes]:
    """(None, bytes) when the encoders agree, else (how they disagree, struct's bytes)."""
    ours = struct_.encode(frame)
    try:
        theirs = scapy_.encode(frame)
    except CraftError:
        raise
    except Exception as e:  # scapy refused the mapping: that is a disagreement too
        raise CrossCheckError(f"the scapy encoder failed: {type(e).__name__}: {e}",
                              path=frame.label) from e
    if ours == theirs:
        return None, ours
    label = f"{frame.label} #{frame.number}"
    first = frame.layers[0].name if frame.layers else "ether"
    return Disagreement(label, ours, theirs, first_difference(ours, theirs),
                    tuple(field_diffs(ours, theirs, first))), ours


def first_difference(a: bytes, b: bytes) -> int:
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return i
    return min(len(a), len(b))


def field_diffs(ours: bytes, theirs: bytes, first: str = "ether") -> list[FieldDiff]:
    """Fields whose decoded values differ between the two encodings, both
    decoded from layer ``first``."""
    return diff_parts(decode(ours, first), decode(theirs, first))


@dataclass
class CheckReport:
    """Counts over many frames and the first few disagreements in full."""

    frames: int = 0
    agreed: int = 0
    disagreements: list[Disagreement] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (label, message)

    @property
    def disagreed(self) -> int:
        return self.frames - self.agreed

    @property
    def ok(self) -> bool:
        return self.frames == self.agreed


def check_frames(frames: Iterable[Frame], keep: int = MAX_KEPT) -> CheckReport:
    """Cross-check every frame; keep the first ``keep`` disagreements."""
    report = CheckReport()
    for frame in frames:
        report.frames += 1
        try:
            disagreement, _ = disagreement_of(frame)
        except CrossCheckError as e:
            if len(report.errors) < keep:
                report.errors.append((f"{frame.label} #{frame.number}", e.message))
            continue
        if disagreement is None:
            report.agreed += 1
        elif len(report.disagreements) < keep:
            report.disagreements.append(disagreement)
    return report
