"""RIPng, as tcpdump's print-ripng.c prints it."""

from __future__ import annotations

from craft.fmt.tcpdump.addrtoname import ip6
from craft.fmt.tcpdump.netdissect import Pkt


def ripng_print(p: Pkt, bp: int, ln: int) -> None:
    """RIPng (RFC 2080, UDP port 521) as tcpdump's ripng_print: requests and
    responses with each route's prefix, route tag and metric."""

    p.proto = "ripng"
    vers = p.u8(bp + 1)
    if vers != 1:
        p.w(f" [vers {vers}] (invalid)")
        return
    cmd = p.u8(bp)
    if cmd not in (1, 2):
        p.w(f" ripng-{cmd} ?? {ln} (invalid)")
        return
    if ln < 4:
        p.w(" (invalid)")
        return
    left = ln - 4
    count = left // 20
    at = bp + 4
    if cmd == 1 and count == 1 and p.u8(at + 19) == 16 and p.b(at, 16) == bytes(16):
        p.w(" ripng-req dump")
        return
    word = "req" if cmd == 1 else "resp"
    p.w(f" ripng-{word} {count}[{ln}]:" if count * 20 != left else f" ripng-{word} {count}:")
    while left >= 20:
        p.w("\n\t" if p.o.v > 1 else " ")
        p.w(f"{ip6(p.b(at, 16))}/{p.u8(at + 18)}")
        tag = p.u16(at + 16)
        if tag:
            p.w(f" [{tag}]")
        metric = p.u8(at + 19)
        if metric and cmd == 2:
            p.w(f" ({metric})")
        at, left = at + 20, left - 20
    if left:
        p.w(" (invalid)")
