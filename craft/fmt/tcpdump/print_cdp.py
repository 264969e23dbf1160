"""Cisco Discovery Protocol (LLC/SNAP, OUI 0x00000c, PID 0x2000) as tcpdump
4.99 prints it: version, TTL and Device-ID; with -v every TLV (addresses,
capabilities, version string, platform, VLAN, duplex...), private to
craft.fmt.tcpdump."""

from __future__ import annotations

from craft.fmt.tcpdump.addrtoname import ip4, ip6
from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.util_print import bittok, fn_char, print_unknown_data, printjn_quoted

_CAPS = ((0x01, "Router"), (0x02, "Transparent Bridge"), (0x04, "Source Route Bridge"),
         (0x08, "L2 Switch"), (0x10, "L3 capable"), (0x20, "IGMP snooping"), (0x40, "L1 capable"))
_IPV6_SNAP = bytes.fromhex("aaaa0300000086dd")


class _Invalid(Exception):
    """tcpdump's "goto invalid": print (invalid), then check the rest was captured."""


def _rest(p: Pkt, at: int, n: int) -> None:
    """A sub-printer's "goto invalid": no word, only the rest must have been captured."""
    if not p.test(at, n):
        raise Trunc


def _string(p: Pkt, at: int, n: int) -> None:
    printjn_quoted(p, at, n)


def _addr(p: Pkt, at: int, n: int) -> None:
    if n < 4:
        p.w(" (not enough space for num)")
        return _rest(p, at, n)
    num = p.u32(at)
    at, n = at + 4, n - 4
    while num:
        if n < 2:
            p.w(" (not enough space for PT+PL)")
            return _rest(p, at, n)
        pt, pl = p.u8(at), p.u8(at + 1)
        at, n = at + 2, n - 2
        if n < pl + 2:
            p.w(" (not enough space for P+AL)")
            return _rest(p, at, n)
        al = p.u16(at + pl)
        v4 = pt == 1 and pl == 1 and p.u8(at) == 0xCC and al == 4
        if v4 or (pt == 2 and pl == 8 and p.b(at, 8) == _IPV6_SNAP and al == 16):
            at, n = at + pl + 2, n - pl - 2
            if n < al:
                p.w(" (not enough space for A)")
                return _rest(p, at, n)
            p.w(f"IPv4 ({num}) {ip4(p.b(at, 4))}" if v4 else f"IPv6 ({num}) {ip6(p.b(at, 16))}")
            at, n = at + al, n - al
        else:
            p.w(f"pt=0x{pt:02x}, pl={pl}, pb=")
            for _ in range(pl):
                p.w(f" {p.u8(at):02x}")
                at, n = at + 1, n - 1
            p.w(f", al={al}, a=")
            at, n = at + 2, n - 2
            if n < al:
                p.w(" (not enough space for A)")
                return _rest(p, at, n)
            for _ in range(al):
                p.w(f" {p.u8(at):02x}")
                at, n = at + 1, n - 1
        num -= 1
        if num:
            p.w(" ")
    if n:
        p.w(f" ({n} bytes of stray data)")


def _prefixes(p: Pkt, at: int, n: int) -> None:
    if n % 5:
        p.w(f" [length {n} is not a multiple of 5]")
        return _rest(p, at, n)
    p.w(f" IPv4 Prefixes ({n // 5}):")
    for i in range(0, n, 5):
        b = [p.u8(at + i + k) for k in range(5)]
        p.w(f" {b[0]}.{b[1]}.{b[2]}.{b[3]}/{b[4]}")


def _version(p: Pkt, at: int, n: int) -> None:
    p.w("\n\t  ")
    for i in range(n):
        c = p.u8(at + i)
        p.w("\n\t  " if c == 10 else fn_char(c))


def _power(p: Pkt, at: int, n: int) -> None:
    val = {1: lambda: p.u8(at), 2: lambda: p.u16(at), 3: lambda: p.u8(at) << 16 | p.u16(at + 1)}
    p.w(f"{val.get(n, lambda: 0)() / 1000.0:1.2f}W")


def _ata186(p: Pkt, at: int, n: int) -> None:
    p.w(f"unknown 0x{p.u16(at):04x}" if n == 2 else f"app {p.u8(at)}, vlan {p.u16(at + 1)}")


def _phys_loc(p: Pkt, at: int, n: int) -> None:
    p.w(f"0x{p.u8(at):02x}")
    if n > 1:
        p.w("/")
        for i in range(1, n):
            p.w(fn_char(p.u8(at + i)))


# type -> (name, printer or None, min length, max length); -1: no bound
_TLVS = {
    0x01: ("Device-ID", _string, -1, -1), 0x02: ("Address", _addr, -1, -1),
    0x03: ("Port-ID", _string, -1, -1),
    0x04: ("Capability", lambda p, a,
           n: p.w(f"(0x{p.u32(a):08x}): {bittok(_CAPS, 'none', p.u32(a))}"),
           4, 4),
    0x05: ("Version String", _version, -1, -1), 0x06: ("Platform", _string, -1, -1),
    0x07: ("Prefixes", _prefixes, -1, -1), 0x08: ("Protocol-Hello option", None, -1, -1),
    0x09: ("VTP Management Domain", _string, -1, -1),
    0x0A: ("Native VLAN ID", lambda p, a, n: p.w(str(p.u16(a))), 2, 2),
    0x0B: ("Duplex", lambda p, a, n: p.w("full" if p.u8(a) else "half"), 1, 1),
    0x0E: ("ATA-186 VoIP VLAN assignment", _ata186, 3, 3),
    0x0F: ("ATA-186 VoIP VLAN request", _ata186, 2, 3),
    0x10: ("power consumption", _power, 1, 3),
    0x11: ("MTU", lambda p, a, n: p.w(f"{p.u32(a)} bytes"), 4, 4),
    0x12: ("AVVID trust bitmap", lambda p, a, n: p.w(f"0x{p.u8(a):02x}"), 1, 1),
    0x13: ("AVVID untrusted ports CoS", lambda p, a, n: p.w(f"0x{p.u8(a):02x}"), 1, 1),
    0x14: ("System Name", _string, -1, -1), 0x15: ("System Object ID (not decoded)", None, -1, -1),
    0x16: ("Management Addresses", _addr, 4, -1), 0x17: ("Physical Location", _phys_loc, 1, -1),
}
_T_MAX = 0x18  # the size of tcpdump 4.99.3's CDP TLV table


def cdp_print(p: Pkt, at: int, length: int) -> None:
    """tcpdump's cdp_print."""

    p.proto = "cdp"
    v = p.o.v
    orig = length
    try:
        if length < 4:
            p.w(f" (packet length {length} < 4)")
            raise _Invalid(at, length)
        p.w(f"CDPv{p.u8(at)}, ttl: {p.u8(at + 1)}s")
        ck = p.u16(at + 2)
        if v:
            p.w(f", checksum: 0x{ck:04x} (unverified), length {orig}")
        at, length = at + 4, length - 4
        while length:
            if length < 4:
                p.w(f" (remaining packet length {length} < 4)")
                raise _Invalid(at, length)
            kind, tlen = p.u16(at), p.u16(at + 2)
            info = _TLVS.get(kind)
            if info is None and kind < _T_MAX:  # a gap in tcpdump's table: no name, no hex dump
                info = ("unknown field type", None, -1, -1)
            name = info[0] if info else "unknown field type"
            if tlen < 4:
                p.w(f"\n\t{name} (0x{kind:02x}), TLV length: {tlen} "
                    f"byte{'' if tlen == 1 else 's'} (too short)"
                    if v else f", {name} TLV length {tlen} too short")
                raise _Invalid(at, length)
            if tlen > length:
                p.w(f" (TLV length {tlen} > {length})")
                raise _Invalid(at, length)
            at, length, n = at + 4, length - 4, tlen - 4
            if not v and kind == 1:
                p.w(", Device-ID ")
            elif v:
                p.w(f"\n\t{name} (0x{kind:02x}), value length: {n} byte{'' if n == 1 else 's'}: ")
            covered = False
            if info:
                _, printer, lo, hi = info
                if (lo > 0 and n < lo) or (hi > 0 and n > hi):
                    p.w(" (malformed TLV)")
                elif v or kind == 1:
                    if printer is not None:
                        printer(p, at, n)
                    elif not p.test(at, n):
                        raise Trunc
                    covered = True
            if not covered:
                if not p.test(at, n):
                    raise Trunc
                print_unknown_data(p, at, "\n\t  ", n)
            at, length = at + n, length - n
        if v < 1:
            p.w(f", length {orig}")
    except _Invalid as e:
        p.w(" (invalid)")
        where, n = e.args
        if not p.test(where, n):
            raise Trunc from None
