"""DVMRP (RFC 1075, draft-ietf-idmr-dvmrp-v3; IGMP type 0x13) as tcpdump
4.99 prints it after "igmp dvmrp": the message type; a probe's generation id
(-v) and neighbours (-vv); a report's masks and routes with their metrics
(-vv); the neighbour lists of Neighbors and Neighbors2 (with the version and
the tunnel/srcrt/querier/disabled/down flags); prune (with its lifetime),
graft and graft-ack source and group. Private to craft.fmt.tcpdump."""

from __future__ import annotations

import struct

from craft.fmt.tcpdump.addrtoname import ip4, ntoa
from craft.fmt.tcpdump.netdissect import Pkt
from craft.fmt.tcpdump.util_print import relts

PROBE, REPORT, ASK_NEIGHBORS, NEIGHBORS, ASK_NEIGHBORS2, NEIGHBORS2 = 1, 2, 3, 4, 5, 6
PRUNE, GRAFT, GRAFT_ACK = 7, 8, 9
_TYPES = {PROBE: "Probe", REPORT: "Report", ASK_NEIGHBORS: "Ask-neighbors(old)",
          NEIGHBORS: "Neighbors(old)", ASK_NEIGHBORS2: "Ask-neighbors2", NEIGHBORS2: "Neighbors2",
          PRUNE: "Prune", GRAFT: "Graft", GRAFT_ACK: "Graft-ACK"}
_NF_FLAGS = ((0x01, "/tunnel"), (0x02, "/srcrt"), (0x40, "/querier"), (0x20, "/disabled"),
             (0x10, "/down"))
_INVALID = " (invalid)"


def _dotted(v: int) -> str:
    return ntoa(struct.pack("!I", v))


def _probe(p: Pkt, cp: int, n: int) -> None:
    """Generation id (-v), then the neighbours (-vv)."""
    if n < 4:
        p.w(f" [full length {n} < 4]{_INVALID}")
        return
    p.w("\n\t" if p.o.v > 1 else " ")
    p.w(f"genid {p.u32(cp)}")
    if p.o.v < 2:
        return
    cp, n = cp + 4, n - 4
    while n:
        if n < 4:
            p.w(f"[remaining length {n} < 4]{_INVALID}")
            return
        p.w(f"\n\tneighbor {ip4(p.b(cp, 4))}")
        cp, n = cp + 4, n - 4


def _report(p: Pkt, cp: int, n: int) -> None:
    """Masks (3 bytes, the first octet implied) each followed by routes
    (as many origin octets as the mask has, then a metric; bit 7 ends it)."""
    while n:
        if n < 3:
            p.w(f" [length {n} < 3]{_INVALID}")
            return
        m = p.b(cp, 3)
        width = 4 if m[2] else 3 if m[1] else 2 if m[0] else 1
        p.w(f"\n\tMask {_dotted(0xFF000000 | m[0] << 16 | m[1] << 8 | m[2])}")
        cp, n = cp + 3, n - 3
        while True:
            if n < width + 1:
                p.w(f"\n\t  [Truncated Report]{_INVALID}")
                return
            origin = 0
            for i in range(width):
                origin = origin << 8 | p.u8(cp + i)
            origin <<= 8 * (4 - width)
            metric = p.u8(cp + width)
            cp += width + 1
            p.w(f"\n\t  {_dotted(origin)} metric {metric & 0x7F}")
            n -= width + 1
            if metric & 0x80:
                break


def _neighbors(p: Pkt, cp: int, n: int) -> None:
    """The old neighbour list: local address, metric, threshold, count, then
    the neighbours."""
    while n:
        if n < 7:
            p.w(f" [length {n} < 7]{_INVALID}")
            return
        laddr = cp
        metric, thresh, count = p.u8(cp + 4), p.u8(cp + 5), p.u8(cp + 6)
        cp, n = cp + 7, n - 7
        for _ in range(count):
            if n < 4:
                p.w(f" [length {n} < 4]{_INVALID}")
                return
            p.w(f" [{ip4(p.b(laddr, 4))} ->")
            p.w(f" {ip4(p.b(cp, 4))}, ({metric}/{thresh})]")
            cp, n = cp + 4, n - 4


def _neighbors2(p: Pkt, cp: int, n: int, major: int, minor: int) -> None:
    """The new neighbour list, with the flags of each local interface."""
    p.w(f" (v {major}.{minor}):")
    while n:
        if n < 8:
            p.w(f" [length {n} < 8]{_INVALID}")
            return
        laddr = cp
        metric, thresh, flags, count = p.u8(cp + 4), p.u8(cp + 5), p.u8(cp + 6), p.u8(cp + 7)
        cp, n = cp + 8, n - 8
        while count and n:
            count -= 1
            if n < 4:
                p.w(f" [length {n} < 4]{_INVALID}")
                return
            p.w(f" [{ip4(p.b(laddr, 4))} -> ")
            p.w(f"{ip4(p.b(cp, 4))} ({metric}/{thresh}"
                + "".join(w for bit, w in _NF_FLAGS if flags & bit) + ")]")
            cp, n = cp + 4, n - 4
        if count:
            p.w(f" [invalid ncount]{_INVALID}")
            return


def _src_grp(p: Pkt, cp: int) -> None:
    src, grp = ip4(p.b(cp, 4)), ip4(p.b(cp + 4, 4))
    p.w(f" src {src} grp {grp}")


def dvmrp_print(p: Pkt, off: int, length: int) -> None:
    """tcpdump's dvmrp_print: ``off`` is the IGMP header, ``length`` (>= 8)
    the IGMP length."""
    p.proto = "dvmrp"
    kind = p.u8(off + 1)
    cp, n = off + 8, length - 8
    p.w(f" {_TYPES.get(kind, f'[type {kind}]')}")
    if kind == PROBE:
        if p.o.v:
            _probe(p, cp, n)
    elif kind == REPORT:
        if p.o.v > 1:
            _report(p, cp, n)
    elif kind == NEIGHBORS:
        _neighbors(p, cp, n)
    elif kind == NEIGHBORS2:
        major, minor = p.u8(off + 7), p.u8(off + 6)
        _neighbors2(p, cp, n, major, minor)
    elif kind == PRUNE:
        _src_grp(p, cp)
        p.w(" timer ")
        p.w(relts(p.u32(cp + 8)))
    elif kind in (GRAFT, GRAFT_ACK):
        _src_grp(p, cp)
