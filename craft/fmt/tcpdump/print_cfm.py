"""Ethernet CFM (IEEE 802.1ag / ITU-T Y.1731 OAM, ethertype 0x8902) as
tcpdump 4.99 prints it: version, opcode and MD level; with -v the first TLV
offset and the message: a CCM's flags, interval, sequence number, MA
endpoint id, MD and MA names, a Linktrace Message's or Reply's flags,
transaction id, TTL, MACs or relay action (the other opcodes in hex), then
the TLVs (port and interface status, sender ID with its chassis ID and
management address, organization specific, the rest in hex); -vv adds the
hex of every TLV. Private to craft.fmt.tcpdump."""

from __future__ import annotations

import struct

from craft.fmt.tcpdump.addrtoname import ip4, ip6, mac
from craft.fmt.tcpdump.af import AF_VALUES
from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.oui import OUIS
from craft.fmt.tcpdump.print_ascii import hex_only
from craft.fmt.tcpdump.util_print import bittok, print_unknown_data, printjnp

CCM, LBR, LBM, LTR, LTM = 1, 2, 3, 4, 5
_OPCODES = {CCM: "Continuity Check Message", LBR: "Loopback Reply", LBM: "Loopback Message",
            LTR: "Linktrace Reply", LTM: "Linktrace Message"}
# the CCM interval bases, single-precision floats as tcpdump keeps them
_INTERVALS = tuple(struct.unpack("f", struct.pack("f", x))[0]
                   for x in (0, 0.003333, 0.01, 0.1, 1, 10, 60, 600))
_MD_FORMATS = {0: "IEEE 802.1", 1: "No MD Name present", 2: "DNS string", 3: "MAC + 16Bit Integer",
               4: "Character string"}
_MA_FORMATS = {0: "IEEE 802.1", 1: "Primary VID", 2: "Character string", 3: "16Bit Integer",
               4: "RFC2685 VPN-ID"}
_LTM_FLAGS = ((0x80, "Use Forwarding-DB only"),)
_LTR_FLAGS = ((0x80, "UseFDB Only"), (0x40, "FwdYes"), (0x20, "Terminal MEP"))
_RELAY_ACTIONS = {1: "Exact Match", 2: "Filtering DB", 3: "MIP CCM DB"}
END, SENDER_ID, PORT_STATUS, INTERFACE_STATUS, PRIVATE = 0, 1, 2, 3, 31
_TLVS = {END: "End", SENDER_ID: "Sender ID", PORT_STATUS: "Port status",
         INTERFACE_STATUS: "Interface status", 4: "Data", 5: "Reply Ingress", 6: "Reply Egress",
         PRIVATE: "Organization Specific"}
_PORT_STATUS = {1: "Blocked", 2: "Up"}
_INTERFACE_STATUS = {1: "Up", 2: "Down", 3: "Testing", 5: "Dormant", 6: "not present",
                     7: "lower Layer down"}
_CHASSIS_ID_TYPES = {0: "Reserved", 1: "Chassis component", 2: "Interface alias",
                     3: "Port component", 4: "MAC address", 5: "Network address",
                     6: "Interface name", 7: "Locally assigned"}
_TOO_SHORT = "\n\t\t packet is too short"
_NAMES_LEN = 48  # the MD and MA names field of a CCM


class _TooShort(Exception):
    """tcpdump's "goto tooshort"."""


class _Done(Exception):
    """tcpdump's plain return from the middle of the message."""


def _network_address(p: Pkt, at: int, n: int) -> bool:
    """A chassis ID of the network address subtype; True to hex dump it."""
    if n < 1:
        p.w("\n\t  Network Address Type (invalid, no data")
        return False
    af = p.u8(at)
    p.w(f"\n\t  Network Address Type {AF_VALUES.get(af, 'Unknown')} ({af})")
    if af == 1:
        if n != 5:
            p.w(f"(invalid IPv4 address length {n - 1})")
            return True
        p.w(f", {ip4(p.b(at + 1, 4))}")
    elif af == 2:
        if n != 17:
            p.w(f"(invalid IPv6 address length {n - 1})")
            return True
        p.w(f", {ip6(p.b(at + 1, 16))}")
    else:
        return True
    return False


def _ccm(p: Pkt, at: int, flags: int) -> None:
    """A Continuity Check Message's fixed part (70 bytes checked by the caller)."""
    interval = flags & 7
    p.w(f", Flags [CCM Interval {interval}{', RDI' if flags & 0x80 else ''}]")
    if interval:
        base = _INTERVALS[interval]
        p.w(f"\n\t  CCM Interval {base:.3f}s, min CCM Lifetime {base * 3.25:.3f}s, "
            f"max CCM Lifetime {base * 3.5:.3f}s")
    p.w(f"\n\t  Sequence Number 0x{p.u32(at):08x}, MA-End-Point-ID 0x{p.u16(at + 4):04x}")
    names, left = at + 6, _NAMES_LEN
    md_format = p.u8(names)
    names, left = names + 1, left - 1
    md_name = _MD_FORMATS.get(md_format, "Unknown")
    if md_format != 1:
        n = p.u8(names)
        names, left = names + 1, left - 1
        p.w(f"\n\t  MD Name Format {md_name} ({md_format}), MD Name length {n}")
        if n > left - 3:
            p.w(f" (too large, must be <= {left - 2})")
            raise _Done
        p.w("\n\t  MD Name: ")
        if md_format in (2, 4):
            printjnp(p, names, n)
        elif md_format == 3:
            p.w(f"\n\t  MAC {mac(p.b(names, 6))}" if n == 6 else "\n\t  MAC (length invalid)")
        else:
            print_unknown_data(p, names, "\n\t    ", n)
        names, left = names + n, left - n
    else:
        p.w(f"\n\t  MD Name Format {md_name} ({md_format})")
    ma_format, n = p.u8(names), p.u8(names + 1)
    names, left = names + 2, left - 2
    p.w(f"\n\t  MA Name-Format {_MA_FORMATS.get(ma_format, 'Unknown')} ({ma_format}), "
        f"MA name length {n}")
    if n > left:
        p.w(f" (too large, must be <= {left})")
        raise _Done
    p.w("\n\t  MA Name: ")
    if ma_format == 2:
        printjnp(p, names, n)
    else:
        print_unknown_data(p, names, "\n\t    ", n)


def _sender_id(p: Pkt, at: int, n: int) -> tuple[bool, bool, int, int]:
    """The Sender ID TLV's value: (hex dump it, go on to the hex dump, and
    where tcpdump's pointer and remaining length end up: it skips the rest,
    one byte short after a chassis ID too long for the TLV)."""
    if n < 1:
        p.w(" (too short, must be >= 1)")
        return False, False, at, n
    hexdump = False
    chassis_len = p.u8(at)
    at, n = at + 1, n - 1
    if chassis_len:
        if n < 1:
            p.w("\n\t  (TLV too short)")
            return False, False, at, n
        kind = p.u8(at)
        n -= 1
        p.w(f"\n\t  Chassis-ID Type {_CHASSIS_ID_TYPES.get(kind, 'Unknown')} ({kind}), "
            f"Chassis-ID length {chassis_len}")
        if n < chassis_len:
            p.w("\n\t  (TLV too short)")
            return False, False, at, n
        if kind == 4:
            if chassis_len != 6:
                p.w(" (invalid MAC address length)")
                hexdump = True
            else:
                p.w(f"\n\t  MAC {mac(p.b(at + 1, 6))}")
        elif kind == 5:
            hexdump |= _network_address(p, at + 1, chassis_len)
        elif kind in (1, 2, 3, 6, 7):
            printjnp(p, at + 1, chassis_len)
        else:
            hexdump = True
        n -= chassis_len
        at += 1 + chassis_len
    if n == 0:
        return hexdump, True, at, n
    domain_len, at, n = _length_byte(p, at, n, "Domain ")
    if domain_len:
        moved = _hex_field(p, at, n, domain_len, "Domain")
        if moved is None:
            return False, False, at, n
        at, n = moved
        if n < 1:
            p.w(" (Management Address Length is missing)")
            return True, True, at, n
        addr_len, at, n = _length_byte(p, at, n, "")
        if addr_len:
            moved = _hex_field(p, at, n, addr_len, "")
            if moved is None:
                raise _Done
            at, n = moved
    return hexdump, True, at, n


def _length_byte(p: Pkt, at: int, n: int, what: str) -> tuple[int, int, int]:
    """The length of the Management Address (WHAT: or its Domain), printed;
    it and where the pointer and N end up."""
    size = p.u8(at)
    p.w(f"\n\t  Management Address {what}Length {size}")
    return size, at + 1, n - 1


def _hex_field(p: Pkt, at: int, n: int, size: int, what: str) -> tuple[int, int] | None:
    """The Management Address (WHAT: or its Domain) of SIZE bytes at AT, of
    N left, in hex; where the pointer and N end up, None when too short."""
    if n < size:
        p.w("\n\t  (TLV too short)")
        return None
    p.w(hex_only(p.b(at, size), f"\n\t  Management Address{' ' if what else ''}{what}: "))
    return at + size, n - size


def _tlv(p: Pkt, at: int, left: int) -> int:
    """One TLV; the bytes it took, or raises _Done / _TooShort."""
    kind = p.u8(at)
    p.w(f"\n\t{_TLVS.get(kind, 'Unknown')} TLV (0x{kind:02x})")
    if kind == END:
        raise _Done
    if left < 3:
        raise _TooShort
    if not p.test(at, 3):
        raise Trunc(local=True)
    n = p.u16(at + 1)
    p.w(f", length {n}")
    value, left = at + 3, left - 3
    if left < n:
        raise _TooShort
    if not p.test(value, n):
        raise Trunc(local=True)
    hexdump, dump, end = False, True, value + n
    if kind in (PORT_STATUS, INTERFACE_STATUS):
        if n < 1:
            p.w(" (too short, must be >= 1)")
            raise _Done
        v = p.u8(value)
        names = _PORT_STATUS if kind == PORT_STATUS else _INTERFACE_STATUS
        p.w(f", Status: {names.get(v, 'Unknown')} ({v})")
    elif kind == PRIVATE:
        if n < 4:
            p.w(" (too short, must be >= 4)")
            raise _Done
        oui = int.from_bytes(p.b(value, 3), "big")
        p.w(f", Vendor: {OUIS.get(oui, 'Unknown')} ({oui}), Sub-Type {p.u8(value + 3)}")
        hexdump = True
    elif kind == SENDER_ID:
        hexdump, dump, rest, n = _sender_id(p, value, n)
        end = rest + n
    else:
        hexdump = True
    if dump and (hexdump or p.o.v > 1):
        print_unknown_data(p, value, "\n\t  ", n)
    return end - at


def cfm_print(p: Pkt, off: int, length: int) -> None:
    """tcpdump's cfm_print; ``length`` is the Ethernet payload length."""
    p.proto = "cfm"
    try:
        _cfm(p, off, length)
    except _TooShort:
        p.w(_TOO_SHORT)
    except _Done:
        pass


def _cfm(p: Pkt, off: int, length: int) -> None:
    if length < 4:
        raise _TooShort
    if not p.test(off, 4):
        raise Trunc(local=True)
    lv, opcode, flags, first = p.u8(off), p.u8(off + 1), p.u8(off + 2), p.u8(off + 3)
    if lv & 0x1F:
        p.w(f"CFMv{lv & 0x1F} not supported, length {length}")
        return
    p.w(f"CFMv0 {_OPCODES.get(opcode, f'unknown ({opcode})')}, MD Level {lv >> 5}, "
        f"length {length}")
    if not p.o.v:
        return
    p.w(f"\n\tFirst TLV offset {first}")
    at, left = off + 4, length - 4
    if first > left:
        p.w(f" (too large, must be <= {left})")
        return
    if opcode in (CCM, LTM, LTR):
        size, word = {CCM: (70, 1), LTM: (17, 4), LTR: (6, 5)}[opcode]
        if first < size:
            p.w(f" (too small {word}, must be >= {size})")
            return
        if left < size:
            raise _TooShort
        if not p.test(at, size):
            raise Trunc(local=True)
        if opcode == CCM:
            _ccm(p, at, flags)
        else:
            table = _LTM_FLAGS if opcode == LTM else _LTR_FLAGS
            p.w(f", Flags [{bittok(table, 'none', flags)}]")
            p.w(f"\n\t  Transaction-ID 0x{p.u32(at):08x}, ttl {p.u8(at + 4)}")
            if opcode == LTM:
                p.w(f"\n\t  Original-MAC {mac(p.b(at + 5, 6))}, Target-MAC {mac(p.b(at + 11, 6))}")
            else:
                action = p.u8(at + 5)
                p.w(f"\n\t  Replay-Action {_RELAY_ACTIONS.get(action, 'Unknown')} ({action})")
    else:  # no decoder: the bytes up to the TLVs... as tcpdump counts them
        print_unknown_data(p, at, "\n\t  ", left - first)
    at, left = at + first, left - first
    while left:
        n = _tlv(p, at, left)
        at, left = at + n, left - n
