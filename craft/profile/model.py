"""The profile model: validated frame specs, streams, and the lazy expansion
into concrete ``Frame``s.

A ``FrameSpec`` is one entry of the profile's ``frames`` list with every
static value already converted to its internal form (profile.py does that).
Only stream fields vary; ``Profile.frames`` precomputes each spec once (auto
addresses included) and per frame only copies the layers that carry a stream
and draws the next value of each stream, so expansion costs a few
microseconds per frame and any count runs in flat memory.

Sequence semantics: frame ``i`` uses spec ``frames[i % len(frames)]``; every
stream of a spec advances once each time its spec is used and wraps around
at its end. ``{random: [min, max]}`` draws from a ``random.Random`` seeded
with the run's seed and the field's path, so each field's sequence repeats
from run to run and does not depend on the other fields.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from craft.errors import Mark, UsageError
from craft.layers import fragmenting
from craft.layers.frame import Frame, Layer
from craft.profile.resolve import (
    LINK_DST,
    PlaceholderResolver,
    Resolver,
    auto_source,
    fill_auto,
    link_dst,
    link_dst_inputs,
    network_index,
    placeholder_note,
)

Convert = Callable[[int], Any]


@dataclass(frozen=True, slots=True)
class Stream:
    """A varying field. ``kind`` is range, list or random. ``length`` is the
    number of distinct steps before it wraps (None: open-ended range or
    random; counted as 1 for the default frame count)."""

    kind: str
    length: int | None
    start: int = 0
    stop: int = 0  # inclusive
    step: int = 1
    items: tuple[Any, ...] = ()
    convert: Convert | None = None  # int -> internal value (addresses: bytes)
    mark: Mark | None = None
    key: str | None = None  # ``key:``: random streams with one key draw one sequence
    # inside a list field: (field, item index, sub-field or None for the item's value)
    at: tuple[str, int, str | None] | None = None

    def rng(self, seed: int, path: str) -> random.Random:
        """The generator a random stream draws from: one per field, so each
        field repeats run to run whatever the others do; or one per ``key``,
        so fields with the same key and bounds draw the same values (a DHCP
        client's MAC in ether.src and chaddr)."""
        return random.Random(f"{seed}/{self.key or path}")  # str seeds hash with sha512: stable

    def first(self) -> Any:
        """The stream's first value (what a list item holds until drawn)."""
        return next(self.values(1, ""))

    def span(self) -> range:
        """A range stream's values, as integers, once through."""
        return range(self.start, self.stop + (1 if self.step > 0 else -1), self.step)

    def values(self, seed: int, path: str) -> Iterator[Any]:
        """An endless iterator of this stream's values."""
        if self.kind == "list":
            return _cycle(self.items)
        if self.kind == "random":
            return _random(self.rng(seed, path).randint, self.start, self.stop, self.convert)
        return _range(self.span(), self.convert)


def _cycle(items: tuple[Any, ...]) -> Iterator[Any]:
    while True:
        yield from items


def _range(r: range, convert: Convert | None) -> Iterator[Any]:
    while True:  # range is lazy: a /8 of addresses costs no memory
        yield from (r if convert is None else map(convert, r))


def _random(randint: Callable[[int, int], int], lo: int, hi: int,
            convert: Convert | None) -> Iterator[Any]:
    if convert is None:
        while True:
            yield randint(lo, hi)
    while True:
        yield convert(randint(lo, hi))


@dataclass(slots=True)
class LayerSpec:
    """One layer of a frame spec: its values (table defaults merged with the
    static values given; auto fields and computed fields are None), the names
    given and given as auto, its streams, and marks for each given field."""

    name: str
    values: dict[str, Any]
    given: frozenset[str] = frozenset()
    auto: frozenset[str] = frozenset()
    streams: dict[str, Stream] = field(default_factory=dict)
    marks: dict[str, Mark] = field(default_factory=dict)
    mark: Mark | None = None


@dataclass(slots=True)
class FrameSpec:
    """One entry of ``frames``: ``path`` is ``frames[i]``; ``raw`` is True for
    a hex frame (one ``raw`` layer holding the whole frame)."""

    index: int
    layers: list[LayerSpec]
    mark: Mark | None = None
    raw: bool = False
    fragment: fragmenting.Directive | None = None  # the frame's fragment: directive

    @property
    def path(self) -> str:
        return f"frames[{self.index}]"

    @property
    def longest_stream(self) -> int:
        lengths = [s.length or 1 for layer in self.layers for s in layer.streams.values()]
        return max(lengths, default=1)

    @property
    def has_streams(self) -> bool:
        return any(layer.streams for layer in self.layers)

    @property
    def fragments(self) -> int:
        """Frames per datagram: 1, or the fragments of its ``fragment:``
        (lengths never vary with streams, so one count holds for all)."""
        if self.fragment is None:
            return 1
        return fragmenting.count(self.layers, self.fragment)


@dataclass(slots=True)
class _Plan:
    """A spec made ready for the loop: the static Layer objects (shared by
    every frame of this spec: frames are read-only), the layers to copy per
    frame with their stream iterators, and the notes."""

    index: int
    static: list[Layer]
    dynamic: list[tuple[int, str, dict[str, Any], frozenset[str], frozenset[str],
                        list[tuple[str, Iterator[Any]]]]]
    ether_dst: tuple[int, int, str] | None  # (ether index, network layer index, field)
    notes: list[str]
    fragment: fragmenting.Directive | None = None
    fragments: int = 1


@dataclass(slots=True)
class Profile:
    """A loaded, validated profile. ``frames()`` expands it lazily."""

    name: str
    description: str
    path: Path | None
    specs: list[FrameSpec]
    vars: dict[str, Any] = field(default_factory=dict)

    def default_count(self) -> int:
        """Every frame of each stream once: len(frames) times the longest
        finite stream (open-ended ranges and random streams count as 1)."""
        return sum(s.fragments for s in self.specs) * max(
            (s.longest_stream for s in self.specs), default=1)

    def check_count(self) -> int:
        """What ``craft check`` builds: the default count, at least 100 when
        the profile has streams."""
        n = self.default_count()
        return max(n, 100) if any(s.has_streams for s in self.specs) else n

    def frames(self, count: int | None = None, seed: int = 1,
               resolver: Resolver | None = None) -> Iterator[Frame]:
        """``count`` frames (default ``default_count()``), generated lazily.
        ``auto`` addresses come from ``resolver`` (default: the lab
        placeholders, with a note on each frame that uses them). Frames of
        one spec share the Layer objects that have no stream: treat frames
        as read-only."""
        if count is None:
            count = self.default_count()
        if count < 0:
            raise UsageError(f"count {count}: give a number of frames, 0 or more")
        resolver = resolver or PlaceholderResolver()
        plans = [_plan(spec, seed, resolver) for spec in self.specs]
        if any(p.fragment is not None for p in plans):
            return _fragments(_generate(plans, count, resolver), plans, count)
        return _generate(plans, count, resolver)


def _plan(spec: FrameSpec, seed: int, resolver: Resolver) -> _Plan:
    # A link destination (ether.dst: auto) that follows a streamed network
    # field is resolved per frame; everything else once, here.
    ether_dyn: tuple[int, int, str] | None = None
    layers = [Layer(ls.name, dict(ls.values), ls.given, ls.auto) for ls in spec.layers]
    for i, ls in enumerate(spec.layers):
        for fname in ls.auto:
            if auto_source(ls.name, fname) != LINK_DST:
                continue
            j = network_index([layer.name for layer in layers], i)
            if j is not None and any(f in spec.layers[j].streams
                                     for f in link_dst_inputs(layers[j].name)):
                ether_dyn = (i, j, fname)
    template = Frame(layers, spec.index, 0, [])
    if ether_dyn is not None:
        e = layers[ether_dyn[0]]
        template.layers[ether_dyn[0]] = Layer(e.name, e.values, e.given, e.auto - {ether_dyn[2]})
    used = fill_auto(template, resolver)
    if ether_dyn is not None:
        e = template.layers[ether_dyn[0]]
        template.layers[ether_dyn[0]] = Layer(e.name, e.values, e.given, e.auto | {ether_dyn[2]})
        if resolver.placeholder:
            note = f"{e.name}.{ether_dyn[2]}=(neighbour per frame)"
            template.notes[:] = [placeholder_note([*used, note])]
    dynamic = []
    for i, ls in enumerate(spec.layers):
        if ls.streams or (ether_dyn is not None and i == ether_dyn[0]):
            streams = [(s.at or name, s.values(seed, f"{spec.path}.{ls.name}[{i}].{name}"))
                       for name, s in ls.streams.items()]
            layer = template.layers[i]
            dynamic.append((i, ls.name, layer.values, layer.given, layer.auto, streams))
    return _Plan(spec.index, template.layers, dynamic, ether_dyn, template.notes, spec.fragment,
                 spec.fragments)


def _replace_item(items: tuple, index: int, sub: str | None, value: Any) -> tuple:
    """A list field's items with item ``index``'s value (or its sub-field
    ``sub``'s) replaced: ``((name, value), ...)`` pairs, a ``fields`` value
    itself ``((sub-field, value), ...)``."""
    out = list(items)
    name, old = out[index]
    if sub is None:
        out[index] = (name, value)
    else:
        out[index] = (name, tuple((k, value if k == sub else x) for k, x in old))
    return tuple(out)


def _generate(plans: list[_Plan], count: int, resolver: Resolver) -> Iterator[Frame]:
    n = len(plans)
    cache: dict[tuple, bytes] = {}

    def dst_for(net: Layer) -> bytes:
        key = (net.name, *(net.values[f] for f in link_dst_inputs(net.name)))
        mac = cache.get(key)
        if mac is None:
            if len(cache) > 4096:
                cache.clear()
            mac = cache[key] = link_dst(net, resolver)
        return mac

    shapes = [tuple(layer.name for layer in plan.static) for plan in plans]
    for number in range(count):
        plan = plans[number % n]
        layers = plan.static.copy()
        for i, name, base, given, auto, streams in plan.dynamic:
            v = base.copy()
            for fname, it in streams:
                if type(fname) is str:
                    v[fname] = next(it)
                else:  # (field, item, sub-field): a stream inside a list
                    v[fname[0]] = _replace_item(v[fname[0]], fname[1], fname[2], next(it))
            layers[i] = Layer(name, v, given, auto)
        if plan.ether_dst is not None:
            e, net, fname = plan.ether_dst
            layers[e].values[fname] = dst_for(layers[net])
        yield Frame(layers, plan.index, number, plan.notes.copy(), None, shapes[number % n])


def _fragments(datagrams: Iterator[Frame], plans: list[_Plan], count: int) -> Iterator[Frame]:
    """Each datagram of a spec with ``fragment:`` as its fragments, one frame
    each (``Frame.fragment``), numbered on; ``count`` frames in all."""
    by_index = {p.index: p for p in plans}
    number = 0
    for frame in datagrams:
        plan = by_index[frame.index]
        if plan.fragment is None:
            yield Frame(frame.layers, frame.index, number, frame.notes)
            number += 1
        else:
            cache: dict[str, Any] = {}
            for k in range(plan.fragments):
                if number >= count:
                    return
                frag = fragmenting.FragmentOf(plan.fragment, k, plan.fragments, cache)
                yield Frame(frame.layers, frame.index, number, frame.notes, frag)
                number += 1
        if number >= count:
            return
