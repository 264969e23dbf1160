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

import struct
import time
from collections.abc import Callable
from typing import Any

from craft.fmt.tcpdump.dispatch import ETHERTYPES, linktype_printer, tcp_app, udp_app
from craft.fmt.tcpdump.netdissect import Flags, Pkt, Trunc
from craft.fmt.tcpdump.options import PrintOptions
from craft.fmt.tcpdump.print_ascii import ascii_only, hex_and_ascii, hex_only
from craft.fmt.tcpdump.print_tcp import tcp_seq_relative

__all__ = ["PrintOptions", "Printer"]

MAX_NESTING = 8  # IP-in-IP / ICMP-quoted headers printed per packet
_U16 = struct.Struct("!H").unpack_from
_SEQ_ACK = struct.Struct("!II").unpack_from
_VLAN_TYPES = (0x8100, 0x9100, 0x9200, 0x88A8)
# Ethernet types print_ether hands to a printer that may change the state
# (or whose path advance() does not follow): the packet is printed to advance.
_ETHER_DEEP = frozenset(ETHERTYPES) | {0x880B, 0xFEFE, 0x8870, 0x88E5}
_NO_EFFECT: Any = None  # what advance's walk returns for a packet that changes no state
_PRINT: Any = True  # ... for one it does not follow: print it (and drop the text)


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

    def __init__(self, opts: PrintOptions) -> None:
        self.opts = Flags(opts)
        self.state = _State()
        self.fallbacks = 0  # packets where a printer bug was caught (tests report these)
        self.number = 0  # packets formatted (-# prints it)
        self._sec: int | None = None  # the second whose local time is in _hms/_date
        self._hms = self._date = ""
        self._linktype = -1  # the last link type and its printer
        self._link_printer: Any = None
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
        if ts_sec == self._sec and o.t == 0:  # timestamp()'s first case, inline
            p.w(f"{self._hms}.{ts_nsec // 1000:06d} ")
        else:
            p.w(self.timestamp(ts_sec, ts_nsec))
        caplen = len(data)
        if linktype == self._linktype:
            printer = self._link_printer
        else:
            printer = self._link_printer = linktype_printer(linktype)
            self._linktype = linktype
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

    # ---------------------------------------------------------- state only

    def advance(self, ts_sec: int, ts_nsec: int, data: bytes, wirelen: int, linktype: int,
                match: Callable[[bytes, int], bool] | None = None) -> None:
        """Change the per-capture state as printing this packet would (when
        ``match`` keeps it), without making its text: how a reader that
        starts printing partway through a capture catches up with the
        packets before (craft.live.sniff's parallel read).

        A packet whose printing certainly changes no state costs one walk of
        its Ethernet, IP and transport headers; a TCP segment with ACK set
        updates the relative-sequence table through the same function the
        TCP printer calls (print_tcp.tcp_seq_relative); any packet the walk
        does not follow to its end (tunnels, ICMP errors quoting a datagram,
        applications by port, other link types, anything cut short) is
        printed and its text dropped, so the state is always exactly what
        printing every packet would leave."""
        effect = self._effect(data, wirelen, linktype)
        if effect is _NO_EFFECT or (match is not None and not match(data, wirelen)):
            return
        if effect is _PRINT:
            self.format(ts_sec, ts_nsec, data, wirelen, linktype)
        else:
            tcp_seq_relative(self.state.tcp_seq, *effect)

    def _effect(self, d: bytes, wirelen: int, linktype: int) -> Any:
        """_NO_EFFECT, _PRINT, or the arguments of the TCP table's update."""
        caplen = len(d)
        if linktype != 1 or caplen < 14 or wirelen < caplen:
            return _PRINT
        o = self.opts
        t = (d[12] << 8) | d[13]
        off = 14
        length = wirelen - 14
        caplen -= 14
        for _ in range(64):  # as print_ether's loop over stacked tags
            if t not in _VLAN_TYPES:
                break
            if caplen < 4 or length < 4:
                return _PRINT
            t = (d[off + 2] << 8) | d[off + 3]
            off += 4
            length -= 4
            caplen -= 4
        else:
            return _PRINT
        n = len(d)
        if t == 0x0800:
            if off + 20 > n or length < 20 or d[off] != 0x45:  # version 4, 20-byte header
                return _PRINT
            ln = _U16(d, off + 2)[0]
            if ln < 20:
                return _PRINT
            if _U16(d, off + 6)[0] & 0x1FFF:  # a later fragment: no transport header
                return _NO_EFFECT
            end = min(n, off + ln)
            proto = d[off + 9]
            l4, is6 = off + 20, False
        elif t == 0x86DD:
            if off + 40 > n or length < 40 or d[off] >> 4 != 6:
                return _PRINT
            plen = _U16(d, off + 4)[0]
            if plen == 0:  # a jumbogram
                return _PRINT
            end = min(n, off + 40 + plen)
            proto = d[off + 6]
            l4, is6 = off + 40, True
        elif t in (0x0806, 0x8035) or (t > 1500 and t not in _ETHER_DEEP):
            return _NO_EFFECT  # ARP, or the bytes of a type tcpdump does not decode
        else:
            return _PRINT
        if proto == 6:
            if l4 + 20 > end:
                return _PRINT
            if o.q or d[l4 + 12] >> 4 < 5:  # (a header shorter than 20 bytes is refused)
                return _NO_EFFECT
            sport, dport = _U16(d, l4)[0], _U16(d, l4 + 2)[0]
            if tcp_app(sport, dport) is not None:
                return _PRINT
            flags = d[l4 + 13]
            if not flags & 0x10 or o.S:
                return _NO_EFFECT
            sa, da = (d[off + 8:off + 24], d[off + 24:off + 40]) if is6 else \
                (d[off + 12:off + 16], d[off + 16:off + 20])
            return (sa, da, sport, dport, *_SEQ_ACK(d, l4 + 4), flags)
        if proto == 17:
            if l4 + 4 > end:
                return _PRINT
            if o.q or udp_app(_U16(d, l4)[0], _U16(d, l4 + 2)[0]) is None:
                return _NO_EFFECT
            return _PRINT
        if proto == (58 if is6 else 1):
            if l4 >= end:
                return _PRINT
            echo = (128, 129) if is6 else (0, 8)
            return _NO_EFFECT if d[l4] in echo else _PRINT
        return _PRINT
