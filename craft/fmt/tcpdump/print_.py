"""What ``tcpdump -n`` (4.99.3) prints for a packet, line for line: the
Printer, as tcpdump's print.c (this module is named print_ for it).

``Printer(PrintOptions(...)).format(ts_sec, ts_nsec, data, wirelen, linktype)``
returns the text of one packet (no trailing newline). The printer keeps
tcpdump's per-capture state: the first sequence numbers of each TCP
conversation (relative seq/ack) and the previous timestamp (``-ttt``).
The link types it knows are in craft.fmt.tcpdump.dispatch (LINKTYPES);
others print their bytes in hex. A bug in a printer never escapes: the
packet gets a truncation marker and ``Printer.fallbacks`` counts it.

Protocol code does no I/O (STYLE.md rule 2): bytes in, text out.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from craft.fmt.tcpdump.dispatch import linktype_printer
from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.print_ascii import ascii_only, hex_and_ascii, hex_only

__all__ = ["PrintOptions", "Printer"]

MAX_NESTING = 8  # IP-in-IP / ICMP-quoted headers printed per packet


@dataclass
class PrintOptions:
    """tcpdump's output flags: -e, -x/-xx (x=1/2), -X/-XX (X=1/2),
    -t/-tt/-ttt/-tttt (t=1..4; 0 prints the time of day), -v (count), -q,
    -A/-AA, -S, -#."""

    e: bool = False
    x: int = 0
    X: int = 0
    t: int = 0
    v: int = 0
    q: bool = False
    A: int = 0  # -A: the packet as text after its line; -AA: with the link header
    S: bool = False  # absolute TCP sequence numbers
    number: bool = False  # -#: the packet's number before each line


class _State:
    """What tcpdump remembers between packets."""

    def __init__(self) -> None:
        self.tcp_seq: dict[tuple[bytes, bytes, int, int], list[int]] = {}
        self.prev: tuple[int, int] | None = None
        self.depth = 0
        self.apps: dict[str, Any] = {}  # per-application state (IKE's initiator cookies)

    def depth_ok(self) -> bool:
        self.depth += 1
        return self.depth <= MAX_NESTING


# ------------------------------------------------------------------ printer

class Printer:
    """Formats packets like ``tcpdump -n`` with the given options."""

    def __init__(self, opts: Any) -> None:
        self.opts = opts
        self.state = _State()
        self.fallbacks = 0  # packets where a printer bug was caught (tests report these)
        self.number = 0  # packets formatted (-# prints it)
        self._sec: int | None = None  # the second whose local time is in _hms/_date
        self._hms = self._date = ""
        self.errors: list[str] = []

    def timestamp(self, ts_sec: int, ts_nsec: int) -> str:
        t = self.opts.t
        usec = ts_nsec // 1000
        if t == 0 and ts_sec == self._sec:
            return f"{self._hms}.{usec:06d} "
        if t == 1:
            return ""
        if t == 2:
            return f"{ts_sec}.{usec:06d} "
        if t in (3, 5):  # since the previous packet (-ttt) or the first one (-ttttt)
            prev = self.state.prev or (ts_sec, ts_nsec)
            if t == 3 or self.state.prev is None:
                self.state.prev = (ts_sec, ts_nsec)
            # in microseconds, as tcpdump reads a capture (libpcap's default precision)
            d = (ts_sec * 1_000_000 + usec) - (prev[0] * 1_000_000 + prev[1] // 1000)
            sign = "-" if d < 0 else " "
            s, us = divmod(abs(d), 1_000_000)
            return f"{sign}{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}.{us:06d} "
        if ts_sec != self._sec:
            try:
                tm = time.localtime(ts_sec)
            except (OverflowError, OSError, ValueError):
                return "[Error converting time] "
            self._sec = ts_sec
            self._hms = f"{tm.tm_hour:02d}:{tm.tm_min:02d}:{tm.tm_sec:02d}"
            self._date = time.strftime("%Y-%m-%d ", tm)
        if t == 4:
            return f"{self._date}{self._hms}.{usec:06d} "
        return f"{self._hms}.{usec:06d} "

    def format(self, ts_sec: int, ts_nsec: int, data: bytes, wirelen: int, linktype: int) -> str:
        """The text tcpdump prints for one packet, without the final newline."""
        o = self.opts
        p = Pkt(data if type(data) is bytes else bytes(data), o, self.state)
        self.state.depth = 0
        self.number += 1
        if o.number:
            p.w(f"{self.number:5d}  ")
        p.w(self.timestamp(ts_sec, ts_nsec))
        caplen = len(data)
        printer = linktype_printer(linktype)
        hdrlen = 0
        if printer is None:
            p.w(f"unsupported link type {linktype}, length {wirelen}")
            if not (o.x or o.X):
                p.w(hex_and_ascii(p.d, "\n\t"))
        else:
            try:
                hdrlen = printer(p, 0, wirelen, caplen)
            except Trunc as t:
                p.trunc()
                hdrlen = p.ll if t.local else 0
            except RecursionError:
                p.trunc()
                hdrlen = p.ll
            except Exception as e:  # noqa: BLE001 - a printer bug must not stop the capture
                self.fallbacks += 1
                self.errors.append(f"{type(e).__name__}: {e}")
                p.trunc()
                hdrlen = p.ll
        p.end = len(p.d)
        if o.X:
            if o.X > 1:
                p.w(hex_and_ascii(p.d, "\n\t"))
            elif caplen > hdrlen:
                p.w(hex_and_ascii(p.d[hdrlen:], "\n\t"))
        elif o.x:
            if o.x > 1:
                p.w(hex_only(p.d, "\n\t"))
            elif caplen > hdrlen:
                p.w(hex_only(p.d[hdrlen:], "\n\t"))
        elif o.A:
            if o.A > 1:
                p.w(ascii_only(p.d))
            elif caplen > hdrlen:
                p.w(ascii_only(p.d[hdrlen:]))
        return "".join(p.out)
