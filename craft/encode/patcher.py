"""Fast frames for long streams: patch a template instead of encoding each frame.

A one-frame profile whose streams vary only whole-byte fixed fields (ports,
addresses, ids, sequence numbers, ttl...) keeps its frame size and layout
from frame to frame; only those fields and the checksums covering them
change. ``Patcher`` encodes the first frame once with the struct encoder and
then writes each later frame into a batch buffer: the stream values, and
each checksum updated from the template's by one's-complement arithmetic
(RFC 1624): the Internet checksum is the covered bytes read as one big
number modulo 0xffff, so a field holding ``x`` at bit distance ``d`` from
the end of the covered span adds ``x * 2**(d % 16)`` to it.

Stream values come from the same definitions the profile model uses (range,
list, random seeded by the run's seed and the field's path). The sender
compares the first frames with the model's own (``verify``) and falls back
to the model when they differ, so a change on either side cannot put wrong
frames on the wire.
"""

from __future__ import annotations

import itertools
import sys
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from craft.encode.struct_ import datagram_end, encode_layers
from craft.layers import LAYERS
from craft.layers.base import PSEUDO_HEADERS, Checksum, pseudo_ip
from craft.layers.frame import Frame
from craft.profile.resolve import LINK_DST, auto_source, link_dst_inputs


def _checksum_of(name: str) -> Checksum | None:
    """The checksum layer ``name`` carries (its module's CHECKSUM)."""
    return getattr(LAYERS[name], "CHECKSUM", None)


def _moves_layout(name: str, field: str) -> bool:
    """Whether ``field``'s value changes the layout of its own layer."""
    return field in getattr(LAYERS[name], "LAYOUT_FIELDS", ())


class NotPatchable(Exception):
    """The profile needs the model for every frame (the reason is the message)."""


@dataclass(slots=True)
class _Slot:
    off: int  # byte offset in the frame
    size: int  # bytes
    name: str  # variable name in the generated code


def _as_int(value: Any) -> int:
    return int.from_bytes(value, "big") if isinstance(value, (bytes, bytearray)) else int(value)


class _Column:
    """One stream's values, as integers, drawn in batches exactly as the
    model draws them one by one."""

    def __init__(self, stream: Any, seed: int, path: str) -> None:
        self.kind = stream.kind
        if stream.kind == "list":
            self._it = itertools.cycle([_as_int(v) for v in stream.items])
        elif stream.kind == "random":
            self.rng = stream.rng(seed, path)
            self.lo, n = stream.start, stream.stop - stream.start + 1
            self.n, self.k = n, n.bit_length()
            self.bulk = self.k <= 32 and sys.byteorder == "little"
        else:
            self._it = itertools.chain.from_iterable(itertools.repeat(stream.span()))

    def take(self, count: int) -> list[int]:
        if self.kind != "random":
            return list(itertools.islice(self._it, count))
        if not self.bulk:
            randint, lo, hi = self.rng.randint, self.lo, self.lo + self.n - 1
            return [randint(lo, hi) for _ in range(count)]
        # randint(lo, hi) is lo + getrandbits(k) with values >= n drawn again;
        # getrandbits(k <= 32) is one 32-bit Mersenne Twister word >> (32 - k),
        # and getrandbits(32 * m) is m such words, least significant first.
        out: list[int] = []
        shift, n, lo = 32 - self.k, self.n, self.lo
        need = count
        while need:
            words = array("I", self.rng.getrandbits(32 * need).to_bytes(4 * need, "little"))
            got = [lo + v for v in (w >> shift for w in words) if v < n]
            out += got
            need -= len(got)
        return out


class Patcher:
    """Frames of a one-frame profile, ``count`` at a time, into a bytearray."""

    def __init__(self, profile: Any, resolver: Any, seed: int = 1) -> None:
        specs = getattr(profile, "specs", None)
        if not specs or len(specs) != 1:
            raise NotPatchable("more than one frame in the profile")
        spec = specs[0]
        if spec.raw:
            raise NotPatchable("a raw frame")
        streams = [(i, ls, name, s) for i, ls in enumerate(spec.layers)
                   for name, s in ls.streams.items()]
        if not streams:
            raise NotPatchable("no stream")
        for i, ls in enumerate(spec.layers):  # a checksum that is not CHECKSUM's: SCTP's CRC32c
            if "checksum" in LAYERS[ls.name].HEADER.by_name and _checksum_of(ls.name) is None \
                    and any(j >= i for j, *_ in streams):
                raise NotPatchable(f"{ls.name}'s checksum is not an Internet checksum here")
        first: Frame = next(iter(profile.frames(count=1, seed=seed, resolver=resolver)))
        encoded = encode_layers(first)
        self.template = b"".join(e.header for e in encoded)
        self.size = len(self.template)
        # where checksums that cover "everything after" stop: trailers lie outside
        self.datagram = sum(len(e.header) for e in encoded[:datagram_end(first.layers)])
        for layer in first.layers:
            if any(auto_source(layer.name, f) == LINK_DST for f in layer.auto) \
                    and any(set(link_dst_inputs(ls.name)) & set(ls.streams) for ls in spec.layers):
                raise NotPatchable("a link address follows a streamed address")
        # where each stream field sits
        slots: list[_Slot] = []
        x0: dict[str, int] = {}
        self.columns: list[tuple[str, _Column]] = []
        for k, (i, ls, name, s) in enumerate(streams):
            if s.at is not None:
                raise NotPatchable(f"{ls.name}.{name} is inside a list")
            if _moves_layout(ls.name, name):
                raise NotPatchable(f"{ls.name}.{name} changes the layout")
            if not LAYERS[ls.name].HEADER.by_name[name].bits:
                raise NotPatchable(f"{ls.name}.{name} varies in length")
            place = self._place(encoded[i], name)
            var = f"v{k}"
            slots.append(_Slot(encoded[i].offset + place[0], place[1], var))
            x0[var] = int.from_bytes(self.template[slots[-1].off:slots[-1].off + place[1]], "big")
            path = f"{spec.path}.{ls.name}[{i}].{name}"
            self.columns.append((var, _Column(s, seed, path)))
        # checksums computed by the encoder, innermost first (an outer one may cover them)
        sums: list[tuple[_Slot, str]] = []
        for i in range(len(first.layers) - 1, -1, -1):
            csum = _checksum_of(first.layers[i].name)
            if csum is None or spec.layers[i].values.get(csum.field) is not None:
                continue
            if encoded[i].values.get(csum.field) is None:
                continue  # not on the wire (GRE without its checksum-present bit)
            expr = self._checksum(i, encoded, first, slots + [s for s, _ in sums], x0)
            if expr is None:
                continue
            place = self._place(encoded[i], csum.field)
            slot = _Slot(encoded[i].offset + place[0], 2, f"c{i}")
            x0[slot.name] = int.from_bytes(self.template[slot.off:slot.off + 2], "big")
            sums.append((slot, expr))
        self._fill = self._compile(slots, sums)

    @staticmethod
    def _place(enc: Any, name: str) -> tuple[int, int]:
        module = LAYERS[enc.name]
        for fname, byte, bit, width in module.layout(enc.values):
            if fname == name:
                if bit or width % 8 or width > 128:
                    raise NotPatchable(f"{enc.name}.{name} is not whole bytes")
                return byte, width // 8
        raise NotPatchable(f"{enc.name}.{name} has no fixed place")

    def _checksum(self, i: int, encoded: list[Any], frame: Frame, varying: list[_Slot],
                  x0: dict[str, int]) -> str | None:
        """The code computing layer ``i``'s checksum, or None when nothing it
        covers varies."""
        csum = _checksum_of(frame.layers[i].name)
        assert csum is not None
        enc = encoded[i]
        start = enc.offset
        end = enc.offset + len(enc.header) if csum.header_only else self.datagram
        covered: list[tuple[_Slot, int]] = []  # slot, byte position in the covered span
        plen = 0
        ip = next((e for e in reversed(encoded[:i]) if e.name in PSEUDO_HEADERS), None)
        pseudo = b""
        if csum.pseudo is not None and ip is not None:
            # the pseudo-header starts with the IP layer's source and destination, or
            # what a layer between puts there (a routing header's final destination)
            ipvalues = pseudo_ip(encoded)[i][1] or ip.values
            pseudo = PSEUDO_HEADERS[ip.name](ipvalues, csum.pseudo, end - start)
            plen, alen = len(pseudo), len(ip.values["src"])
            for s in varying:
                for k, f in enumerate(("src", "dst")):
                    if s.off == ip.offset + self._place(ip, f)[0]:
                        if ipvalues[f] is not ip.values[f]:
                            raise NotPatchable(f"{ip.name}.{f} is not the pseudo-header's")
                        covered.append((s, k * alen))
        for s in varying:
            if start <= s.off and s.off + s.size <= end:
                covered.append((s, plen + s.off - start))
            elif s.off < end and s.off + s.size > start:
                raise NotPatchable("a field straddles a checksum's span")
        if not covered:
            return None
        span = plen + end - start
        span += span % 2
        # the template's sum with this checksum zeroed, minus the varying fields' part
        data = bytearray(pseudo + self.template[start:end])
        coff = plen + self._place(enc, csum.field)[0]
        data[coff:coff + 2] = b"\0\0"
        rest = bytearray(data)
        for s, pos in covered:
            rest[pos:pos + s.size] = bytes(s.size)
        if not any(rest):
            raise NotPatchable("a checksum span that may be all zeros")
        total = int.from_bytes(data, "big") if len(data) % 2 == 0 else \
            int.from_bytes(data + b"\0", "big")
        base = total
        terms = []
        for s, pos in covered:
            mult = 1 << (8 * (span - pos - s.size) % 16)
            base -= x0[s.name] * mult
            terms.append(f"{s.name} * {mult}" if mult != 1 else s.name)
        base %= 0xFFFF
        expr = f"0xFFFF - (({base} + {' + '.join(terms)}) % 0xFFFF or 0xFFFF)"
        return f"({expr} or 0xFFFF)" if csum.zero_as_ffff else expr

    def _compile(self, slots: list[_Slot], sums: list[tuple[_Slot, str]]):  # type: ignore[no-untyped-def]
        allslots = sorted(slots + [s for s, _ in sums], key=lambda s: s.off)
        for a, b in itertools.pairwise(allslots):
            if a.off + a.size > b.off:
                raise NotPatchable("overlapping fields")
        lo = allslots[0].off
        fmt, args, consts = "!", [], {}
        pos = lo
        for s in allslots:
            if s.off > pos:
                cname = f"k{len(consts)}"
                consts[cname] = self.template[pos:s.off]
                fmt += f"{s.off - pos}s"
                args.append(cname)
            if s.size in (1, 2, 4, 8):
                fmt += {1: "B", 2: "H", 4: "I", 8: "Q"}[s.size]
                args.append(s.name)
            else:
                fmt += f"{s.size}s"
                args.append(f"{s.name}.to_bytes({s.size}, 'big')")
            pos = s.off + s.size
        import struct

        cols = [var for var, _ in self.columns]
        body = [f"def fill(buf, n, {', '.join(c + 's' for c in cols)}):",
                "    pack = _pack",
                "    for j in range(n):"]
        body += [f"        {c} = {c}s[j]" for c in cols]
        body += [f"        {slot.name} = {expr}" for slot, expr in sums]
        body.append(f"        pack(buf, j * {self.size} + {lo}, {', '.join(args)})")
        src = "\n".join(body) + "\n"
        ns: dict[str, Any] = {"_pack": struct.Struct(fmt).pack_into, **consts}
        exec(src, ns)  # noqa: S102 - generated from the profile's layout, as Header does
        self.source = src
        return ns["fill"]

    def batch(self, count: int) -> bytearray:
        """The next ``count`` frames, back to back (each ``self.size`` bytes)."""
        buf = bytearray(self.template * count)
        self._fill(buf, count, *[col.take(count) for _var, col in self.columns])
        return buf

    def fill_into(self, buf: Any, offset: int, count: int) -> None:
        """Write the next ``count`` frames into ``buf`` from ``offset``."""
        end = offset + count * self.size
        view = memoryview(buf)[offset:end]
        view[:] = self.template * count
        self._fill(view, count, *[col.take(count) for _var, col in self.columns])

    def frames(self, count: int) -> Iterator[bytes]:
        buf = self.batch(count)
        size = self.size
        return (bytes(buf[k * size:(k + 1) * size]) for k in range(count))


VERIFY_FRAMES = 512  # patched frames compared with the model's before any is used


def verified(profile: Any, resolver: Any, seed: int, model: list[bytes]) -> Patcher | None:
    """A Patcher whose first ``len(model)`` frames equal ``model`` (the
    frames the profile model and struct encoder give), started again from
    frame 0; None when the profile is not patchable or any frame differs."""
    try:
        if list(Patcher(profile, resolver, seed).frames(len(model))) != model:
            return None
        return Patcher(profile, resolver, seed)
    except NotPatchable:
        return None


def fast_frames(profile: Any, count: int, seed: int = 1, resolver: Any = None,
                batch: int = 4096) -> Iterator[bytes] | None:
    """``count`` frames' bytes from a verified Patcher, in batches; None when
    the profile needs the model and struct encoder for every frame."""
    from craft.encode.struct_ import encode
    from craft.profile.resolve import PlaceholderResolver

    resolver = resolver or PlaceholderResolver()
    model = [encode(f) for f in profile.frames(count=min(count, VERIFY_FRAMES), seed=seed,
                                                resolver=resolver)]
    patcher = verified(profile, resolver, seed, model)
    if patcher is None:
        return None

    def gen() -> Iterator[bytes]:
        left, size = count, patcher.size
        while left > 0:
            k = min(batch, left)
            buf = patcher.batch(k)
            for j in range(k):
                yield bytes(buf[j * size:(j + 1) * size])
            left -= k
    return gen()
