"""NSH, as tcpdump's print-nsh.c prints it."""

from __future__ import annotations

from craft.fmt.tcpdump.dispatch import lazy
from craft.fmt.tcpdump.netdissect import Pkt

ether_print = lazy("print_ether:ether_print")
ip_print = lazy("print_ip:ip_print")
ip6_print = lazy("print_ip6:ip6_print")


def next_proto_print(p: Pkt, nextp: int, bp: int, ln: int) -> None:
    """IPv4, IPv6 or Ethernet after a VXLAN-GPE or NSH header."""
    if nextp in (1, 2):
        (ip_print if nextp == 1 else ip6_print)(p, bp, ln)
    elif nextp == 3:
        ether_print(p, bp, ln, p.avail(bp))


_NSH_MD = {0: "reserved", 1: "1", 2: "2", 0xF: "experimental"}
_NSH_NEXT = {1: "IPv4", 2: "IPv6", 3: "Ethernet", 4: "NSH", 5: "MPLS", 0xFE: "Experiment 1",
             0xFF: "Experiment 2"}


def nsh_print(p: Pkt, bp: int, ln: int) -> None:
    """Network Service Header (RFC 8300): base and service path headers, with
    -vvv the MD type 1 contexts and MD type 2 TLVs, then what it carries."""
    p.proto = "nsh"
    v = p.o.v
    if ln < 8:
        p.w(f" (packet length {ln} < 8) (invalid)")
        return
    base = p.u32(bp)
    ver, length, md, nextp = base >> 30, (base >> 16) & 0x3F, (base >> 8) & 0xF, base & 0xFF
    p.w("NSH, ")
    if v > 1:
        p.w(f"ver {ver}, ")
    if ver:
        return
    p.w(f"flags [{'O' if (base >> 28) & 0x2 else 'none'}], ")
    if v > 2:
        p.w(f"TTL {(base >> 22) & 0x3F}, length {length}, "
            f"md type {_NSH_MD.get(md, f'unknown (0x{md:02x})')}, ")
    if v > 1:
        p.w(f"next-protocol {_NSH_NEXT.get(nextp, f'unknown (0x{nextp:02x})')}, ")
    if ln < length * 4:
        p.w(f" (too many headers for packet length {ln}) (invalid)")
        return
    p.w(f"service-path-id 0x{(p.u16(bp + 4) << 8) | p.u8(bp + 6):06x}, ")
    p.w(f"service-index 0x{p.u8(bp + 7):x}")
    if length < 2:
        p.w(" (less than two headers) (invalid)")
        return
    at = bp + 8
    if v > 2 and md == 1:
        if length != 6:
            p.w(" (invalid length for the MD type) (invalid)")
            return
        for n in range(4):
            p.w(f"\n        Context[{n:02d}]: 0x{p.u32(at):08x}")
            at += 4
    elif v > 2 and md == 2:
        n = 0
        while n < length - 2:
            cls, typ, tlen = p.u16(at), p.u8(at + 2), p.u8(at + 3) & 0x7F
            at += 4
            padded = (tlen + 3) & ~3
            p.w(f"\n        TLV Class {cls}, Type {typ}, Len {tlen}")
            n += 1
            if length - 2 < n + padded // 4:
                p.w(" (length too big) (invalid)")
                return
            if tlen:
                p.w("\n            Value: ")
                for k in range(tlen):
                    p.w(f"{':' if k else '0x'}{p.u8(at + k):02x}")
                p.b(at + tlen, padded - tlen)  # the padding must have been captured
                at += padded
                n += padded // 4
    else:
        p.b(at, (length - 2) * 4)  # the context headers must have been captured
        at += (length - 2) * 4
    p.w("\n    " if v else ": ")
    if 1 <= nextp <= 3:
        next_proto_print(p, nextp, at, ln - length * 4)
    else:
        p.w("ERROR: unknown-next-protocol")
