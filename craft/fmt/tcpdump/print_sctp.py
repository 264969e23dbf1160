"""SCTP (RFC 9260, IP protocol 132) as tcpdump 4.99 prints it: the ports,
then each chunk numbered, with DATA, INIT, INIT ACK and SACK fields; -vv puts
each chunk on its own line and dumps DATA payloads. (ForCES and M3UA payloads,
which tcpdump decodes further, are not.) Private to craft.fmt.tcpdump."""

from __future__ import annotations

from craft.fmt.tcpdump.addrtoname import ip4, ip6
from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.print_ascii import hex_and_ascii

_CHUNKS = {0x00: "DATA", 0x01: "INIT", 0x02: "INIT ACK", 0x03: "SACK", 0x04: "HB REQ",
           0x05: "HB ACK", 0x06: "ABORT", 0x07: "SHUTDOWN", 0x08: "SHUTDOWN ACK", 0x09: "OP ERR",
           0x0A: "COOKIE ECHO", 0x0B: "COOKIE ACK", 0x0C: "ECN ECHO", 0x0D: "ECN CWR",
           0x0E: "SHUTDOWN COMPLETE", 0xC0: "FOR CUM TSN", 0xC1: "REL CTRL", 0xC2: "REL CTRL ACK"}
_PPIDS = {1: "ISDN Q.921", 2: "M2UA", 3: "M3UA", 4: "SUA", 5: "M2PA", 6: "V5.2", 7: "H.248",
          8: "BICC", 9: "TALI", 10: "DUA", 11: "ASAP", 12: "ENRP", 13: "H.323", 14: "Q.IPC",
          15: "SIMCO", 16: "DDPSC", 17: "DDPSSC", 18: "S1AP", 19: "RUA", 20: "HNBAP",
          21: "ForCES HP", 22: "ForCES MP", 23: "ForCES LP", 24: "SBc-AP", 25: "NBAP", 27: "X2AP"}
_FORCES = {6704: "ForCES HP", 6705: "ForCES MP", 6706: "ForCES LP"}
_U32 = 0xFFFFFFFF


class _Bogus(Exception):
    """A chunk too short for its fields: tcpdump prints "bogus chunk length" and stops."""


def sctp_print(p: Pkt, bp: int, length: int, iph: int, fragmented: bool = False) -> None:
    """tcpdump's sctp_print; ``iph`` is the enclosing IPv4 or IPv6 header."""
    p.proto = "sctp"
    if length < 12:
        p.w(f"truncated-sctp - {12 - length} bytes missing!")
        return
    if not p.test(bp, 12):
        raise Trunc(local=True)
    sport, dport = p.u16(bp), p.u16(bp + 2)
    if p.d[iph] >> 4 == 6:
        src, dst = ip6(p.b(iph + 8, 16)), ip6(p.b(iph + 24, 16))
    else:
        src, dst = ip4(p.b(iph + 12, 4)), ip4(p.b(iph + 16, 4))
    p.w(f"{src}.{sport} > {dst}.{dport}: sctp")
    for port in (sport, dport):
        if port in _FORCES:
            p.w(f"[{_FORCES[port]}]")
    bp, left = bp + 12, length - 12
    sep = "\n\t" if p.o.v >= 2 else " ("
    count = 0
    try:
        while left:
            count += 1
            if left < 4:
                p.w(f"{sep}{count}) [chunk descriptor cut off at end of packet]")
                return
            if not p.test(bp, 4):
                raise Trunc(local=True)
            clen = p.u16(bp + 2)
            if clen < 4:
                p.w(f"{sep}{count}) [Bad chunk length {clen}, < size of chunk descriptor]")
                return
            align = -clen % 4
            if not p.test(bp, clen):
                raise Trunc(local=True)
            kind, flags = p.u8(bp), p.u8(bp + 1)
            bp, left, rest = bp + 4, (left - 4) & _U32, clen - 4
            p.w(f"{sep}{count}) [{_CHUNKS.get(kind, f'Unknown chunk type: 0x{kind:x}')}] ")
            _chunk(p, kind, flags, bp, rest)
            bp, left = bp + rest, (left - rest) & _U32
            if p.o.v < 2:
                sep = ", ("
            if align:
                if not p.test(bp, align):
                    raise Trunc(local=True)
                bp, left = bp + align, (left - align) & _U32
    except _Bogus:
        p.w(f"bogus chunk length {clen}]")


def _chunk(p: Pkt, kind: int, flags: int, bp: int, rest: int) -> None:
    """The fields of one chunk (its body is ``rest`` bytes at bp)."""
    if kind == 0x00:
        marks = (("(U)" if flags & 4 else "") + ("(B)" if flags & 2 else "")
                 + ("(E)" if flags & 1 else ""))
        p.w(f"{marks} " if marks else "")
        if rest < 12:
            raise _Bogus
        ppid = p.u32(bp + 8)
        p.w(f"[TSN: {p.u32(bp)}] [SID: {p.u16(bp + 4)}] [SSEQ {p.u16(bp + 6)}] "
            f"[PPID {_PPIDS.get(ppid, f'0x{ppid:x}')}] ")
        size = rest - 12
        if size == 0:
            raise _Bogus
        if p.o.v >= 2:
            p.w("[Payload")
            if not (p.o.x or p.o.X or p.o.A):
                p.w(":")
                n = min(size, p.avail(bp + 12))
                p.w(hex_and_ascii(p.d[bp + 12:bp + 12 + n], "\n\t"))
                if n < size:
                    raise Trunc
            p.w("]")
    elif kind in (0x01, 0x02):
        if rest < 16:
            raise _Bogus
        p.w(f"[init tag: {p.u32(bp)}] [rwnd: {p.u32(bp + 4)}] [OS: {p.u16(bp + 8)}] "
            f"[MIS: {p.u16(bp + 10)}] [init TSN: {p.u32(bp + 12)}] ")
    elif kind == 0x03:
        if rest < 12:
            raise _Bogus
        cum, gaps, dups = p.u32(bp), p.u16(bp + 8), p.u16(bp + 10)
        p.w(f"[cum ack {cum}] [a_rwnd {p.u32(bp + 4)}] [#gap acks {gaps}] [#dup tsns {dups}] ")
        at, left = bp + 12, rest - 12
        i = 0
        while left and i < gaps:
            if left < 4:
                raise _Bogus
            p.w(f"\n\t\t[gap ack block #{i + 1}: start = {(cum + p.u16(at)) & _U32}, "
                f"end = {(cum + p.u16(at + 2)) & _U32}] ")
            at, left, i = at + 4, left - 4, i + 1
        i = 0
        while left and i < dups:
            if left < 4:
                raise _Bogus
            p.w(f"\n\t\t[dup TSN #{i + 1}: {p.u32(at)}] ")
            at, left, i = at + 4, left - 4, i + 1
