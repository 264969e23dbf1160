"""``craft export``: a profile's frames for other tools — a trafgen
configuration (netsniff-ng) or a pcap.

trafgen sends the packets of its configuration round robin, one ``{ ... }``
after the other, as craft sends a profile's frames. So when each frame of
the profile varies only in bytes that step through an arithmetic sequence,
the export is one packet per profile frame, with trafgen's own runtime
counter ``dinc(min, max, step)`` on each varying byte and its checksum
functions (``csumip``, ``csumicmp``, ``csumudp``, ``csumtcp``, ``csumudp6``,
``csumtcp6``) for every checksum craft computes, recomputed per packet.

trafgen 0.6 applies a counter before each send, starting from ``min``, so
the first packet carries ``min + step``: the export writes ``min`` one step
below the first value. Its ``ddec`` leaves its range when it wraps (it
writes ``min - 1``), and ``drnd`` is not craft's seeded random sequence, so
anything else — a field counting down, across a byte boundary, a random
stream, a stream that wraps within the run, an ICMPv6 checksum (trafgen
has no function for it) — is exported as the expanded frames, every one
written out, which trafgen then sends in order. Either way the first
``count`` packets trafgen sends are the bytes ``craft build`` gives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from craft.encode.build import Built
from craft.encode.struct_ import Encoded, datagram_end, encode_layers
from craft.layers import LAYERS
from craft.layers.base import PSEUDO_HEADERS

BYTES_PER_LINE = 16


@dataclass(slots=True)
class Packet:
    """One ``{ ... }`` of the configuration: its bytes, the counters
    (offset -> (min, max, step)) and checksum functions (offset -> text)."""

    label: str
    layers: list[Encoded]
    data: bytes
    counters: dict[int, tuple[int, int, int]] = field(default_factory=dict)
    checksums: dict[int, str] = field(default_factory=dict)
    sends: int = 1


@dataclass(slots=True)
class TrafgenExport:
    packets: list[Packet]
    count: int  # frames: trafgen -n
    expanded: bool
    why: str = ""  # why the frames were expanded

    def text(self, source: str) -> str:
        head = [
            f"# trafgen configuration exported by craft from {source}: {self.count} frame"
            f"{'s' if self.count != 1 else ''}.",
            f"# Send it in order, as craft does: trafgen --cpus 1 -n {self.count} "
            "--in THIS_FILE --out IFACE",
        ]
        if self.expanded:
            head.append(f"# Every frame written out ({self.why}).")
        else:
            head.append(
                "# One packet per profile frame; trafgen counters (dinc) and checksums (csum...) "
                "change per send."
            )
        out = head
        for p in self.packets:
            out.append("")
            out.append(
                f"# {p.label}: {' / '.join(e.name for e in p.layers)} "
                f"({len(p.data)} bytes)" + (f", sent {p.sends} times" if p.sends > 1 else "")
            )
            out.append("{")
            out.extend(_packet_lines(p))
            out.append("}")
        return "\n".join(out) + "\n"


def _packet_lines(p: Packet) -> list[str]:
    lines = []
    bounds = [e.offset for e in p.layers] + [len(p.data)]
    names = [e.name for e in p.layers]
    for i, name in enumerate(names):
        start, end = bounds[i], bounds[i + 1]
        if name in ("payload", "raw"):
            end = len(p.data)
        items: list[str] = []
        off = start
        while off < end:
            if off in p.checksums:
                items.append(p.checksums[off])
                off += 2
            elif off in p.counters:
                lo, hi, step = p.counters[off]
                items.append(f"dinc({lo}, {hi}, {step})")
                off += 1
            else:
                items.append(f"0x{p.data[off]:02x}")
                off += 1
        lines.append(f"  # {name}")
        for k in range(0, len(items), BYTES_PER_LINE):
            lines.append("  " + ", ".join(items[k : k + BYTES_PER_LINE]) + ",")
        if name in ("payload", "raw"):
            break
    return lines


def checksum_functions(
    frame_layers: list, encoded: list[Encoded]
) -> tuple[dict[int, str], list[str]]:
    """trafgen functions for every checksum craft computes in this frame
    (offset of the field -> function), and the layers whose computed
    checksum trafgen cannot compute (their module's ``trafgen_checksum``
    says which)."""
    funcs: dict[int, str] = {}
    missing: list[str] = []
    ip = None  # the nearest enclosing layer with a pseudo-header
    # trafgen sums a transport checksum to the end of the packet: a trailer too
    trailer = datagram_end(frame_layers) < len(frame_layers)
    for layer, enc in zip(frame_layers, encoded, strict=True):
        module = LAYERS[enc.name]
        csum = getattr(module, "CHECKSUM", None)
        # (a checksum the encoder left off the wire is none: GRE without its C bit)
        if csum is not None and csum.field not in layer.given \
                and enc.values.get(csum.field) is not None:
            if trailer and not csum.header_only:
                missing.append(f"{enc.name} checksum (trafgen would sum the padding too)")
                continue
            fn = getattr(module, "trafgen_checksum", None)
            got = fn(enc, ip) if fn is not None else None
            if not isinstance(got, tuple):
                missing.append(enc.name + (f" checksum {got}" if got else " checksum"))
            else:
                funcs[got[0]] = got[1]
        if enc.name in PSEUDO_HEADERS:
            ip = enc
    return funcs, missing


def field_at(encoded: list[Encoded], off: int) -> str:
    """``ipv4.id``: the field byte ``off`` of the frame belongs to."""
    for enc in reversed(encoded):
        if off >= enc.offset:
            rel = off - enc.offset
            for name, byte, bit, width in LAYERS[enc.name].layout(enc.values):
                if byte * 8 + bit <= rel * 8 < byte * 8 + bit + width:
                    return f"{enc.name}.{name}"
            return f"{enc.name} byte {rel}"
    return f"byte {off}"


def _counters(
    datas: list[bytes], skip: set[int], where: Callable[[int], str]
) -> dict[int, tuple[int, int, int]] | str:
    """dinc() counters that reproduce the bytes of every use of one frame in
    order, or why there are none."""
    first = datas[0]
    if any(len(d) != len(first) for d in datas):
        return "the frame's length varies"
    out: dict[int, tuple[int, int, int]] = {}
    for off in range(len(first)):
        if off in skip:
            continue
        seq = [d[off] for d in datas]
        if all(b == seq[0] for b in seq):
            continue
        step = seq[1] - seq[0]
        if step <= 0 or any(b != seq[0] + k * step for k, b in enumerate(seq)) or seq[0] - step < 0:
            return f"{where(off)} does not count up by a fixed step within its last byte"
        out[off] = (seq[0] - step, seq[-1], step)
    return out


def trafgen_export(built: Iterable[Built]) -> TrafgenExport:
    """Counters when every profile frame fits them, else the expanded frames."""
    frames = list(built)
    by_spec: dict[int, list[Built]] = {}
    for b in frames:
        by_spec.setdefault(b.frame.index, []).append(b)
    packets: list[Packet] = []
    why = ""
    # The round robin only matches craft's order when the specs come in turn.
    order = [b.frame.index for b in frames]
    if order != [frames[i % len(by_spec)].frame.index for i in range(len(frames))]:
        why = "the frames do not come in profile order"
    for group in by_spec.values():
        if why:
            break
        template = group[0]
        encoded = encode_layers(template.frame)
        p = Packet(template.frame.label, encoded, template.data, sends=len(group))
        if len(group) > 1 and any(b.data != template.data for b in group):
            funcs, missing = checksum_functions(template.frame.layers, encoded)
            if missing and _checksum_varies(group, encoded, missing):
                why = f"{template.frame.label}: trafgen cannot compute the {missing[0]}"
                break
            skip = {o + k for o in funcs for k in (0, 1)}
            counters = _counters(
                [b.data for b in group], skip, lambda off, enc=encoded: field_at(enc, off)
            )
            if isinstance(counters, str):
                why = f"{template.frame.label}: {counters}"
                break
            varying = [o for o in skip if any(b.data[o] != template.data[o] for b in group)]
            if counters or varying:
                p.counters, p.checksums = counters, funcs
        packets.append(p)
    if why:
        packets = [
            Packet(f"{b.frame.label} #{b.frame.number}", encode_layers(b.frame), b.data)
            for b in frames
        ]
    return TrafgenExport(packets, len(frames), bool(why), why)


def _checksum_varies(group: list[Built], encoded: list[Encoded], names: list[str]) -> bool:
    for enc in encoded:
        if any(m.split()[0] == enc.name for m in names):
            start, _bit, width = _place(enc, LAYERS[enc.name].CHECKSUM.field)
            at = enc.offset + start
            if any(b.data[at : at + width] != group[0].data[at : at + width] for b in group):
                return True
    return False


def _place(enc: Encoded, field: str) -> tuple[int, int, int]:
    """(byte offset, bit offset, width in bytes) of ``field`` in its layer."""
    for name, byte, bit, width in LAYERS[enc.name].layout(enc.values):
        if name == field:
            return byte, bit, width // 8
    raise KeyError(field)
