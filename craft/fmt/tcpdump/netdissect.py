"""The bounds model every printer shares, as tcpdump's netdissect.h and
extract.h: ``Pkt`` is one packet being printed: the captured bytes, the current
"snapshot end" (tcpdump's ``ndo_snapend``: reads past it are truncation),
the output pieces and the name of the protocol being printed (the word
tcpdump puts in its ``[|proto]`` truncation marker). A read past the
snapshot end raises ``Trunc``; whoever catches it prints `` [|proto]``,
exactly as tcpdump's longjmp to the top of the packet does.

Fixed headers are unpacked by the layer modules (craft.layers, STYLE.md
rule 3) through ``fields``; what tcpdump walks byte by byte (options,
extension headers) is walked by the printers, bounded by the header lengths.
"""

from __future__ import annotations

import importlib
import struct
from typing import Any

from craft.errors import Truncated

_U16 = struct.Struct("!H").unpack_from
_U32 = struct.Struct("!I").unpack_from


class Trunc(Exception):
    """A read past the snapshot end (the packet was captured short).

    ``local``: the printer checked the length itself and prints the marker
    (tcpdump's ND_TCHECK/goto trunc), rather than a read of a field failing
    (its GET_ macros' longjmp, after which -x dumps the whole packet)."""

    def __init__(self, local: bool = False) -> None:
        super().__init__()
        self.local = local


class Flags:
    """The output flags of craft.fmt.tcpdump.options.PrintOptions, as the
    printers read them on every packet: a class compiled with the printers,
    so that ``p.o.v`` is a field read, not an attribute lookup (PrintOptions
    is interpreted: craft sniff subclasses it)."""

    __slots__ = ("e", "x", "X", "t", "v", "q", "A", "S", "number")

    def __init__(self, opts: Any) -> None:
        self.e: bool = bool(opts.e)
        self.x: int = int(opts.x)
        self.X: int = int(opts.X)
        self.t: int = int(opts.t)
        self.v: int = int(opts.v)
        self.q: bool = bool(opts.q)
        self.A: int = int(opts.A)
        self.S: bool = bool(opts.S)
        self.number: bool = bool(opts.number)


class Pkt:
    """One packet being printed (see the module docstring)."""

    __slots__ = ("d", "end", "stack", "out", "w", "proto", "o", "st", "ll", "iph")

    def __init__(self, data: bytes, opts: Flags, state: Any) -> None:
        self.d = data
        self.end = len(data)
        self.stack: list[int] = []
        self.out: list[str] = []
        self.w = self.out.append  # write a piece of the packet's text
        self.proto = ""
        self.o = opts
        self.st = state
        self.ll = 0  # link-layer header length so far (where -x starts on truncation)
        self.iph = -1  # the IP header a UDP or TCP application's datagram came in

    def test(self, off: int, n: int) -> bool:
        return 0 <= off and off + n <= self.end

    def need(self, off: int, n: int) -> None:
        if off < 0 or n < 0 or off + n > self.end:
            raise Trunc(local=True)

    def u8(self, off: int) -> int:
        if off < 0 or off >= self.end:
            raise Trunc
        return self.d[off]

    def u16(self, off: int) -> int:
        if off < 0 or off + 2 > self.end:
            raise Trunc
        return _U16(self.d, off)[0]

    def u32(self, off: int) -> int:
        if off < 0 or off + 4 > self.end:
            raise Trunc
        return _U32(self.d, off)[0]

    def b(self, off: int, n: int) -> bytes:
        """n bytes read as a field (a failed read is tcpdump's GET_ longjmp)."""
        if off < 0 or n < 0 or off + n > self.end:
            raise Trunc
        return self.d[off:off + n]

    def avail(self, off: int) -> int:
        return max(0, self.end - off)

    def push(self, off: int, length: int) -> None:
        """tcpdump's nd_push_snaplen: shrink the snapshot to off+length."""
        end = self.end
        self.stack.append(end)
        if off + length < end:
            self.end = off + length if length > 0 else off

    def pop(self) -> None:
        if self.stack:
            self.end = self.stack.pop()

    def change(self, off: int, length: int) -> None:
        """tcpdump's nd_change_snaplen: reset the pushed end, never past the
        end it was pushed from."""
        parent = self.stack[-1] if self.stack else len(self.d)
        self.end = min(parent, off + length)

    def trunc(self) -> None:
        self.w(f" [|{self.proto}]")


def fields(name: str, p: Pkt, off: int, local: bool = False) -> dict[str, Any]:
    """The fixed header of layer ``name`` at ``off``, unpacked by its layer
    module's table within the snapshot; ``Trunc`` when it is cut short.

    The table's own unpack (not the module's ``decode``) because tcpdump
    prints a header whose options or lengths are wrong, which ``decode``
    rightly refuses."""
    header = _HEADERS.get(name)
    if header is None:
        # the layer's own module only (craft.layers registers the others lazily)
        header = _HEADERS[name] = importlib.import_module(f"craft.layers.{name}").HEADER
    if off < 0 or off + header.size > p.end:
        raise Trunc(local=local)
    try:
        return header.unpack(p.d, off)
    except Truncated:
        raise Trunc(local=local) from None


_HEADERS: dict[str, Any] = {}
