"""IGRP (Cisco, IP protocol 9) as tcpdump 4.99 prints it: opcode, version,
edition, AS and the interior/system/exterior entry counts, the checksum
with -v, then every route entry (interior "*.a.b.c", system "a.b.c.0",
exterior "Xa.b.c.0") with its delay, bandwidth, reliability, load, composite
metric, MTU and hop count. Private to craft.fmt.tcpdump."""

from __future__ import annotations

from craft.fmt.tcpdump.netdissect import Pkt

UPDATE, REQUEST = 1, 2
_OPS = {UPDATE: "update", REQUEST: "request"}
HDR_SIZE, RTE_SIZE = 12, 14


def _u24(p: Pkt, at: int) -> int:
    return int.from_bytes(p.b(at, 3), "big")


def _entry(p: Pkt, at: int) -> None:
    """Delay (tens of microseconds), bandwidth (inverse, kbit/s units),
    reliability, load, composite metric, MTU and hop count."""
    delay, bandwidth = _u24(p, at + 3), _u24(p, at + 6)
    mtu = p.u16(at + 9)
    rel, load, hops = p.u8(at + 11), p.u8(at + 12), p.u8(at + 13)
    p.w(f" d={10 * delay & 0xFFFFFFFF} b={10000000 // bandwidth if bandwidth else 0} r={rel} "
        f"l={load} M={min(bandwidth + delay, 0xFFFFFF)} mtu={mtu} in {hops} hops")


def igrp_print(p: Pkt, off: int, length: int, iph: int = -1, fragmented: bool = False) -> None:
    """tcpdump's igrp_print; ``length`` is the IP payload length."""
    p.proto = "igrp"
    p.w("igrp:")
    counts = [p.u16(off + 4), p.u16(off + 6), p.u16(off + 8)]
    vop = p.u8(off)
    op = vop & 0x0F
    p.w(f" {_OPS.get(op, f'op-#{op}')} V{vop >> 4} edit={p.u8(off + 1)} AS={p.u16(off + 2)} "
        f"({counts[0]}/{counts[1]}/{counts[2]})")
    checksum = p.u16(off + 10)
    if p.o.v:
        p.w(f" checksum=0x{checksum:04x}")
    left = (length - HDR_SIZE) & 0xFFFFFFFF  # (unsigned in tcpdump)
    cp = off + HDR_SIZE
    while left >= RTE_SIZE:
        net = p.b(cp, 3)
        kind = next((i for i in range(3) if counts[i]), None)
        if kind is None:
            p.w(f" [extra bytes {left}]")
            break
        p.w((" *.{}.{}.{}", " {}.{}.{}.0", " X{}.{}.{}.0")[kind].format(*net))
        _entry(p, cp)
        counts[kind] -= 1
        cp += RTE_SIZE
        left -= RTE_SIZE
    if any(counts) or left:
        p.w(" (invalid)")
