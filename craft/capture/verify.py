"""``craft verify``: does a capture hold a profile's frames, in order?

Each expected frame is encoded (struct encoder, lab placeholders for
``auto`` addresses), decoded back into parts, and every field gets a rule
from the profile:

- **value**: fields the profile gave, and table defaults — the capture must
  show exactly that value;
- **computed**: lengths, checksums, selectors the encoder computes — the
  capture's value must be the correct one *for the captured bytes* (a
  checksum is recomputed over what was captured, as ``craft check`` does);
- **auto**: ``auto`` addresses — whatever the sender's interface had is
  accepted and reported, but it must be the same in every frame of the
  capture (one sender, one MAC); ``ether.dst`` for a broadcast or multicast
  destination is derived by a rule (RFC 1112 §6.4, RFC 2464 §7), so it is
  matched by value;
- everything at or after a ``raw`` layer (hex frames) is matched by value.

Matching runs in order: frame *i* is looked for in the capture from just
after the packet frame *i-1* matched, so other traffic in between (ARP,
neighbour discovery, the peer's replies) is skipped. A frame nothing
matches is reported against the closest candidate (same layers, fewest
differing fields) and the search for the next frame starts where it did.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from craft.capture.pcapdiff import PADDING, Capture
from craft.decode.fielddiff import field_text, layer_names
from craft.decode.walk import Decoded, decode
from craft.encode.audit import chosen, is_selector
from craft.encode.struct_ import encode, encode_layers, fragment_frame
from craft.layers import LAYERS
from craft.layers.frame import Frame, Layer
from craft.profile.resolve import OWN_ADDRESSES, auto_source

VALUE, COMPUTED, AUTO = "value", "computed", "auto"
WINDOW = 512  # captured packets searched per expected frame
NETWORK = ("ipv4", "ipv6", "arp")


@dataclass(frozen=True, slots=True)
class Mismatch:
    """One field the capture does not show as the profile says."""

    layer: str  # "ipv4", "vlan[1]"
    field: str  # "(layer)" when the layer stack differs
    expected: str
    seen: str
    rule: str = VALUE

    def __str__(self) -> str:
        how = {COMPUTED: " (computed: must be correct)", AUTO: " (auto)"}.get(self.rule, "")
        return f"{self.layer}.{self.field}: expected {self.expected}, seen {self.seen}{how}"


@dataclass(slots=True)
class FrameResult:
    label: str  # "frames[0] #3"
    number: int  # 0-based place in the generated sequence
    packet: int | None  # 1-based packet number in the capture (matched or closest)
    mismatches: list[Mismatch] = field(default_factory=list)

    @property
    def matched(self) -> bool:
        return self.packet is not None and not self.mismatches


@dataclass(slots=True)
class VerifyReport:
    capture: str
    packets: int
    frames: list[FrameResult] = field(default_factory=list)
    auto_seen: dict[str, str] = field(default_factory=dict)  # "ether.src" -> value text

    @property
    def matched(self) -> int:
        return sum(1 for f in self.frames if f.matched)

    @property
    def ok(self) -> bool:
        return bool(self.frames) and all(f.matched for f in self.frames)

    @property
    def other_packets(self) -> int:
        return self.packets - self.matched

    def summary(self) -> str:
        n = len(self.frames)
        return (f"{self.matched} of {n} frame{'s' if n != 1 else ''} matched in "
                f"{self.capture} ({self.packets} packets, {self.other_packets} not the "
                "profile's)")


@dataclass(slots=True)
class _Expected:
    """An expected frame decoded into parts, with a rule per field."""

    label: str
    number: int
    data: bytes
    parts: list[Decoded]
    rules: list[dict[str, str]]


def expect(frame: Frame, first: str = "ether") -> _Expected:
    """Encode ``frame`` and decode it back, tagging every field with its
    rule. ``first`` other than ether drops the link layers (raw IP captures)."""
    if frame.fragment is not None:  # a fragment: its own headers, then its piece as raw
        frame = fragment_frame(frame)
    data = encode(frame)
    start = frame.layers[0].name if frame.layers else "raw"
    parts = [p for p in decode(data, "ether" if start == "raw" else start) if p.name != PADDING]
    rules: list[dict[str, str]] = []
    by_value = False
    for i, p in enumerate(parts):
        layer: Layer | None = frame.layers[i] if i < len(frame.layers) else None
        if layer is None or layer.name != p.name or layer.name == "raw":
            by_value = True
        module = LAYERS[p.name]
        r: dict[str, str] = {}
        for f in module.HEADER.fields:
            if by_value or layer is None:
                r[f.name] = VALUE
            elif f.name in layer.auto:
                mac = p.values.get(f.name)
                derived = (p.name, f.name) == ("ether", "dst") and isinstance(mac, bytes) \
                    and mac[0] & 1  # group bit: broadcast/multicast by rule, not a neighbour
                r[f.name] = VALUE if derived else AUTO
            elif f.computed and f.name not in layer.given:
                r[f.name] = COMPUTED
            else:
                r[f.name] = VALUE
        rules.append(r)
    if first != "ether":
        k = next((i for i, p in enumerate(parts) if p.name in NETWORK), len(parts))
        parts, rules = parts[k:], rules[k:]
    return _Expected(f"{frame.label} #{frame.number}", frame.number, data, parts, rules)


def correct_values(parts: list[Decoded]) -> list[dict[str, Any]] | None:
    """Each captured layer's values with every computed field recomputed from
    the captured bytes (what a correct sender puts there); None when the
    packet is cut short or malformed, so nothing can be recomputed."""
    layers = [p for p in parts if p.name in LAYERS]
    if not layers or any(p.truncated or p.error for p in layers):
        return None
    # selectors keep the captured value: the decoder followed it; so do chosen fields,
    # any value of which is right (craft.encode.audit)
    frame = Frame([Layer(p.name, {k: (None if LAYERS[p.name].HEADER.by_name[k].computed
                                      and not is_selector(p.name, k)
                                      and not chosen(p.name, k) else v)
                                  for k, v in p.values.items()})
                   for p in layers])
    try:
        return [e.values for e in encode_layers(frame)]
    except Exception:  # noqa: BLE001 - a value the encoder refuses: nothing to recompute
        return None


class _Verifier:
    def __init__(self, capture: Capture) -> None:
        self.capture = capture
        self._parts: dict[int, list[Decoded]] = {}
        self._correct: dict[int, list[dict[str, Any]] | None] = {}
        self.own: dict[str, Any] = {}  # auto own-address fields: first value seen
        self.auto_seen: dict[str, str] = {}

    def parts(self, i: int) -> list[Decoded]:
        if i not in self._parts:
            self._parts[i] = [p for p in self.capture.decoded(i) if p.name != PADDING]
        return self._parts[i]

    def correct(self, i: int) -> list[dict[str, Any]] | None:
        if i not in self._correct:
            self._correct[i] = correct_values(self.parts(i))
        return self._correct[i]

    def compare(self, exp: _Expected, i: int) -> list[Mismatch]:
        """How packet ``i`` differs from the expected frame; the auto values
        it shows are kept in ``self.autos`` (taken only for the packet chosen)."""
        seen = self.parts(i)
        self.autos: dict[str, str] = {}
        out: list[Mismatch] = []
        names = layer_names(exp.parts)
        correct = None
        for k, (ep, rules) in enumerate(zip(exp.parts, exp.rules, strict=True)):
            sp = seen[k] if k < len(seen) else None
            if sp is None or sp.name != ep.name:
                out.append(Mismatch(names[k], "(layer)", ep.name, sp.name if sp else "absent"))
                return out
            if sp.truncated or sp.error:
                out.append(Mismatch(names[k], "(decode)", "whole", sp.error or "truncated"))
            for fname, rule in rules.items():
                want, got = ep.values.get(fname), sp.values.get(fname)
                if rule == AUTO:
                    out.extend(self.auto(names[k], ep.name, fname, want, got))
                    continue
                if rule == COMPUTED:
                    if correct is None:
                        correct = self.correct(i) or []
                    if k < len(correct):
                        want = correct[k].get(fname)
                if want != got:
                    out.append(Mismatch(names[k], fname, field_text(ep.name, fname, want),
                                        field_text(ep.name, fname, got), rule))
        if len(seen) > len(exp.parts):
            extra = seen[len(exp.parts)]
            out.append(Mismatch(layer_names(seen)[len(exp.parts)], "(layer)", "absent",
                                extra.name))
        return out

    def auto(self, where: str, layer: str, fname: str, want: Any, got: Any) -> list[Mismatch]:
        """An auto field: any value, but the same for every frame when it is
        the sender's own address; lladdr options must be the same options."""
        if isinstance(want, tuple) or isinstance(got, tuple):  # icmpv6 options
            names_w = [n for n, _ in want] if isinstance(want, tuple) else want
            names_g = [n for n, _ in got] if isinstance(got, tuple) else got
            if names_w != names_g:
                return [Mismatch(where, fname, field_text(layer, fname, want),
                                 field_text(layer, fname, got), AUTO)]
            return []
        key = f"{layer}.{fname}"
        if auto_source(layer, fname) in OWN_ADDRESSES:
            first = self.own.setdefault(key, got)
            if got != first:
                return [Mismatch(where, fname, field_text(layer, fname, first) +
                                 " (as in the frames before)", field_text(layer, fname, got),
                                 AUTO)]
        self.autos.setdefault(key, field_text(layer, fname, got))
        return []


def verify(frames: Iterable[Frame], capture: Capture, window: int = WINDOW) -> VerifyReport:
    """Match ``frames`` in order against ``capture``'s packets."""
    v = _Verifier(capture)
    report = VerifyReport(capture.path, len(capture.records))
    n = len(capture.records)
    cursor = 0
    first = "ether" if capture.linktype == 1 else "ip"
    for frame in frames:
        exp = expect(frame, first)
        best: tuple[int, list[Mismatch]] | None = None
        for i in range(cursor, min(n, cursor + window)):
            snapshot = dict(v.own)
            mism = v.compare(exp, i)
            if not mism:
                best = (i, [])
                for key, text in v.autos.items():
                    v.auto_seen.setdefault(key, text)
                break
            v.own = snapshot  # a failed candidate must not fix the auto values
            if best is None or _closeness(mism) < _closeness(best[1]):
                best = (i, mism)
        if best is None:
            report.frames.append(FrameResult(exp.label, exp.number, None, [
                Mismatch("frame", "(packet)", "a packet", "none left in the capture")]))
            continue
        i, mism = best
        report.frames.append(FrameResult(exp.label, exp.number, i + 1, mism))
        if not mism:
            cursor = i + 1
    report.auto_seen = v.auto_seen
    return report


def _closeness(m: list[Mismatch]) -> tuple[int, int]:
    """Smaller is closer: a different layer stack counts more than any field."""
    return (sum(1 for x in m if x.field == "(layer)"), len(m))
