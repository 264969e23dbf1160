"""EIGRP (RFC 7868, IP protocol 88) as tcpdump 4.99 prints it: the opcode
and length; with -v the header and each TLV (parameters, software version,
IP internal and external routes), private to craft.fmt.tcpdump."""

from __future__ import annotations

from craft.fmt.tcpdump.addrtoname import ip4
from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.util_print import bittok, print_unknown_data

_OPCODES = {1: "Update", 3: "Query", 4: "Reply", 5: "Hello", 6: "IPX SAP", 7: "Probe"}
_FLAGS = ((0x01, "Init"), (0x02, "Conditionally Received"), (0x04, "Restart"),
          (0x08, "End-of-Table"))
_TLVS = {0x0001: "General Parameters", 0x0002: "Authentication", 0x0003: "Sequence",
         0x0004: "Software Version", 0x0005: "Next Multicast Sequence",
         0x0102: "IP Internal routes", 0x0103: "IP External routes",
         0x0202: "AppleTalk Internal routes", 0x0203: "AppleTalk External routes",
         0x0204: "AppleTalk Cable setup", 0x0302: "IPX Internal routes",
         0x0303: "IPX External routes"}
# the least body of General Parameters and Software Version (the complaint counts the header)
_TLV_MIN = {0x0001: 8, 0x0004: 4}
_EXT_PROTOS = {1: "IGRP", 2: "EIGRP", 3: "Static", 4: "RIP", 5: "Hello", 6: "OSPF", 7: "IS-IS",
               8: "EGP", 9: "BGP", 10: "IDRP", 11: "Connected"}


def eigrp_print(p: Pkt, bp: int, length: int, iph: int = -1, fragmented: bool = False) -> None:
    """tcpdump's eigrp_print."""

    p.proto = "eigrp"
    if not p.test(bp, 20):  # the common header is checked whole before anything prints
        raise Trunc(local=True)
    op = p.u8(bp + 1)
    terse = f"EIGRP {_OPCODES.get(op, f'unknown ({op})')}, length: {length}"
    if length < 20:
        p.w(terse + " (too short, < 20)")
        return
    if p.u8(bp) != 2 or not p.o.v:  # an unknown version, or the one line without -v
        p.w(f"EIGRP version {p.u8(bp)} packet not supported" if p.u8(bp) != 2 else terse)
        return
    left = length - 20
    p.w(f"\n\tEIGRP v{p.u8(bp)}, opcode: {_OPCODES.get(op, f'unknown, type: {op}')} ({op}), "
        f"chksum: "
        f"0x{p.u16(bp + 2):04x}, Flags: [{bittok(_FLAGS, 'none', p.u32(bp + 4))}]"
        f"\n\tseq: 0x{p.u32(bp + 8):08x}, ack: 0x{p.u32(bp + 12):08x}, VRID: {p.u16(bp + 16)}, "
        f"AS: {p.u16(bp + 18)}, length: {left}")
    tp = bp + 20
    while left:
        if left < 4:
            p.w(f"\n\t  (only {left} bytes of data) (invalid)")
            return
        if not p.test(tp, 4):  # (ND_TCHECK: the mark, without a dump of the whole packet)
            raise Trunc(local=True)
        tlen, kind = p.u16(tp + 2), p.u16(tp)
        if tlen < 4 or tlen > left:  # the rest, in hex from after this TLV's header
            print_unknown_data(p, tp + 4, "\n\t    ", left)
            return
        p.w(f"\n\t  {_TLVS.get(kind, 'Unknown')} TLV (0x{kind:04x}), length: {tlen}")
        if not p.test(tp, tlen):
            raise Trunc(local=True)
        body, blen = tp + 4, tlen - 4
        if blen < _TLV_MIN.get(kind, 0):
            p.w(f" (too short, < {_TLV_MIN[kind] + 4})")
        elif kind == 0x0001:
            p.w(f"\n\t    holdtime: {p.u16(body + 6)}s, k1 {p.u8(body)}, k2 {p.u8(body + 1)}, "
                f"k3 {p.u8(body + 2)}, k4 {p.u8(body + 3)}, k5 {p.u8(body + 4)}")
        elif kind == 0x0004:
            p.w(f"\n\t    IOS version: {p.u8(body)}.{p.u8(body + 1)}, EIGRP version "
                f"{p.u8(body + 2)}.{p.u8(body + 3)}")
        elif kind in (0x0102, 0x0103):
            _ip_route(p, body, blen, kind == 0x0103)
        elif p.o.v <= 1:
            print_unknown_data(p, body, "\n\t    ", blen)
        if p.o.v > 1:
            print_unknown_data(p, body, "\n\t    ", blen)
        tp += tlen
        left -= tlen


def _ip_route(p: Pkt, body: int, blen: int, external: bool) -> None:
    fixed = 42 if external else 22  # tcpdump's struct, with the first byte of the prefix
    if blen < fixed:
        p.w(f" (too short, < {fixed + 4})")
        return
    at = body + (20 if external else 0)  # delay, bandwidth, ... follow the external part
    plen = p.u8(at + 20)
    if plen > 32:
        p.w(f"\n\t    illegal prefix length {plen}")
        return
    n = (plen + 7) // 8
    prefix = ip4(p.b(at + 21, n) + bytes(4 - n))
    hop = p.b(body, 4)
    p.w(f"\n\t    IPv4 prefix: {prefix:>15}/{plen}, nexthop: "
        f"{ip4(hop) if hop != bytes(4) else 'self'}")
    if external:
        p.w(f"\n\t      origin-router {ip4(p.b(body + 4, 4))}, origin-as {p.u32(body + 8)}, "
            f"origin-proto "
            f"{_EXT_PROTOS.get(p.u8(body + 22), 'unknown')}, flags [0x{p.u8(body + 23):02x}], tag "
            f"0x{p.u32(body + 12):08x}, metric {p.u32(body + 16)}")
    p.w(f"\n\t      delay {p.u32(at + 4) // 100} ms, bandwidth {p.u32(at + 8)} Kbps, mtu "
        f"{p.u8(at + 12) << 16 | p.u16(at + 13)}, hop {p.u8(at + 15)}, reliability "
        f"{p.u8(at + 16)}, load {p.u8(at + 17)}")
