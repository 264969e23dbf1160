"""Fragmentation as a frame directive (a profile frame's ``fragment:`` key):
one datagram built whole — its transport checksum over all of it — then cut
into fragments (RFC 791 §2.3 and §3.2 for IPv4; RFC 8200 §4.5 for IPv6).

What a fragment carries: the datagram's fragmentable part is everything
after the IPv4 header, or, in IPv6, after the unfragmentable part (the IPv6
header and the hop-by-hop, destination-options-before-routing and routing
headers that follow it, RFC 8200 §4.5) and the fragment header, which is
inserted there when the frame has none (its ``id`` from the directive).
Offsets and lengths count bytes of the fragmentable part.

Two ways to cut:

- ``mtu``: no fragment (IP header included) larger than ``mtu`` bytes; each
  fragment but the last carries a multiple of 8 bytes, as scapy's
  ``fragment()``/``fragment6()`` cut. A datagram that fits stays one frame
  (IPv6: with an atomic fragment header, as fragment6 leaves it).
- ``pieces``: ``(offset, length, mf, fill)`` in the order given, overlapping
  or out of order as the reassembly tests need; ``mf`` None means set unless
  the piece reaches the end of the datagram; ``fill`` a byte that replaces
  the piece's data (overlaps that disagree).

The IPv4 header of each fragment: MF added to the flags, the offset added to
``frag``, ``len`` and ``checksum`` computed again (as scapy's fragment()
does), and after the first fragment only the options whose copied flag is
set (RFC 791 §3.2). The profile model expands a frame spec into one Frame
per fragment (``Frame.fragment``); both encoders cut the datagram their own
way and the cross-check compares each fragment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from craft.layers import LAYERS
from craft.layers.base import IPV4, IPV6, MAC
from craft.layers.context import Context

IPS = ("ipv4", "ipv6")
_ADDRESSES = (MAC, IPV4, IPV6)
_UNFRAGMENTABLE = ("hop-by-hop", "dest-opts", "routing")


class Piece(NamedTuple):
    offset: int
    length: int
    mf: bool | None = None
    fill: int | None = None


@dataclass(frozen=True, slots=True)
class Directive:
    """A frame's ``fragment:``: ``mtu`` or ``pieces``; ``id`` of an inserted
    IPv6 fragment header."""

    mtu: int | None = None
    pieces: tuple[Piece, ...] = ()
    id: int = 1


@dataclass(slots=True)
class FragmentOf:
    """Fragment ``k`` (0-based) of ``n`` of one datagram; ``cache`` holds each
    encoder's cut of the datagram, shared by the datagram's ``n`` frames."""

    directive: Directive
    k: int
    n: int
    cache: dict[str, Any] = field(default_factory=dict)


def split(names: list[str]) -> tuple[int, int, bool]:
    """(index of the IP layer cut, index of the first layer of the
    fragmentable part, whether an IPv6 fragment header is to be inserted in
    front of it). The IP layer is the outermost IPv4 or IPv6."""
    ip = next(i for i, n in enumerate(names) if n in IPS)
    if names[ip] == "ipv4":
        return ip, ip + 1, False
    j = ip + 1
    run = j
    while run < len(names) and names[run] in _UNFRAGMENTABLE:
        run += 1
    if run < len(names) and names[run] == "fragment":
        return ip, run + 1, False
    routing = [i for i in range(j, run) if names[i] == "routing"]
    if routing:
        j = routing[-1] + 1
    elif j < run and names[j] == "hop-by-hop":
        j += 1
    return ip, j, True


def mtu_pieces(total: int, header: int, mtu: int) -> list[Piece]:
    """``total`` bytes cut so that ``header`` + a piece fits ``mtu``: inner
    pieces a multiple of 8 bytes, as scapy cuts. Raises ValueError."""
    room = mtu - header
    if total <= room:
        return [Piece(0, total, False)]
    inner = room - room % 8
    if inner <= 0:
        raise ValueError(f"an mtu of {mtu} leaves no room for data after {header} header bytes")
    out, off = [], 0
    while total - off > room:
        out.append(Piece(off, inner, True))
        off += inner
    out.append(Piece(off, total - off, False))
    return out


def explicit_pieces(pieces: tuple[Piece, ...], total: int) -> list[Piece]:
    """The pieces with MF decided: given, or set unless the piece reaches the end."""
    return [Piece(p.offset, p.length, p.offset + p.length < total if p.mf is None else p.mf,
                  p.fill) for p in pieces]


def sizes(layers: list[Any]) -> list[int]:
    """Each layer's header length (payload: its data), from its module's
    encode with placeholders for what varies: lengths do not depend on it."""
    out = []
    names = [layer.name for layer in layers]
    for i, layer in enumerate(layers):
        module = LAYERS[layer.name]
        v = {f.name: layer.values.get(f.name, f.default) for f in module.HEADER.fields}
        for f in module.HEADER.fields:
            if v[f.name] is None and f.bits:  # drawn per frame, auto or computed
                v[f.name] = bytes(f.bits // 8) if f.kind in _ADDRESSES else 0
        inner = names[i + 1] if i + 1 < len(names) else None
        out.append(len(module.encode(v, b"", Context(None, None, inner, None, None))[0]))
    return out


def count(layers: list[Any], directive: Directive) -> int:
    """How many fragments the datagram of ``layers`` makes."""
    if directive.pieces:
        return len(directive.pieces)
    names = [layer.name for layer in layers]
    ip, cut, insert = split(names)
    n = sizes(layers)
    end = len(names)
    while end and getattr(LAYERS[names[end - 1]], "TRAILER", False):
        end -= 1
    header = sum(n[ip:cut]) + (8 if insert else 0)
    assert directive.mtu is not None
    return len(mtu_pieces(sum(n[cut:end]), header, directive.mtu))


def describe(k: int, n: int, piece: Piece, names: list[str]) -> str:
    """``fragment 2/3: bytes 1232..2463 of the icmpv6 datagram (MF)``."""
    ip, cut, _insert = split(names)
    what = names[cut] if cut < len(names) else "empty"
    end = piece.offset + piece.length
    return (f"fragment {k + 1}/{n}: bytes {piece.offset}..{end - 1} of what follows "
            f"the {names[ip]} header ({what}...)" + (" MF" if piece.mf else "")
            + (f", filled with 0x{piece.fill:02x}" if piece.fill is not None else ""))
