"""MSDP (RFC 3618, TCP port 639) as tcpdump 4.99 prints it: each message of
the segment by type (Source-Active with its entry count and "[w/data]" when
it carries a packet, SA request and response, keepalive, notification,
unknown types); with -v each message's length, with -vv the encapsulated IP
packet. Private to craft.fmt.tcpdump."""

from __future__ import annotations

from craft.fmt.tcpdump.addrtoname import ip4
from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.print_ip import ip_print

_TYPE_MAX = 7


class _Undecodable(Exception):
    """tcpdump's "goto trunc": the marker, though often nothing was cut."""


def _message(p: Pkt, sp: int, kind: int, n: int) -> None:
    """The body of one message (``sp`` just past its 3-byte header)."""
    if kind in (1, 3):
        p.w(" SA" if kind == 1 else " SA-Response")
        count = p.u8(sp)
        p.w(f" {count} entries")
        if count * 12 + 8 < n:
            p.w(" [w/data]")
            if p.o.v > 1:

                p.w(" ")
                end, depth = p.end, len(p.stack)
                try:
                    ip_print(p, sp + count * 12 + 8 - 3, n - (count * 12 + 8))
                except Trunc as cut:  # marked there, and MSDP goes on
                    if not cut.local:
                        raise
                    p.trunc()
                    del p.stack[depth:]
                    p.end = end
    elif kind == 2:
        p.w(" SA-Request")
        p.w(f" for {ip4(p.b(sp + 1, 4))}")
    elif kind == 4:
        p.w(" Keepalive")
        if n != 3:
            p.w(f"[len={n}] ")
    elif kind == 5:
        p.w(" Notification")
    else:
        p.w(f" [type={kind} len={n}]")


def msdp_print(p: Pkt, sp: int, length: int) -> None:
    """tcpdump's msdp_print: the messages in ``length`` bytes at ``sp``."""
    p.proto = "msdp"
    p.w(": msdp")
    try:
        kind, n = p.u8(sp), p.u16(sp + 1)
        if n > 1500 or n < 3 or kind == 0 or kind > _TYPE_MAX:
            raise _Undecodable
        while length:
            kind, n = p.u8(sp), p.u16(sp + 1)
            if n > 1400 or p.o.v:
                p.w(f" [len {n}]")
            if n < 3 or length < n:
                raise _Undecodable
            sp, length = sp + 3, length - 3
            _message(p, sp, kind, n)
            sp, length = sp + n - 3, length - (n - 3)
    except _Undecodable:
        p.w(f" [|{p.proto}]")
