"""EGP (RFC 827/904, IP protocol 8) as tcpdump 4.99 prints it: version, AS,
sequence and length; with -v the message type (acquire, reach, poll,
update, error) with its code, status or reason, and an update's source net,
then each gateway (interior or exterior, host part of the source's class
network) with its distances and their networks. Private to
craft.fmt.tcpdump."""

from __future__ import annotations

import struct

from craft.fmt.tcpdump.addrtoname import ip4, ntoa
from craft.fmt.tcpdump.netdissect import Pkt, Trunc

VERSION = 2
UPDATE, POLL, ACQUIRE, REACH, ERROR = 1, 2, 3, 5, 8
HDR_SIZE = 16
_ACQUIRE_CODES = ("request", "confirm", "refuse", "cease", "cease_ack")
_ACQUIRE_STATUS = ("unspecified", "active_mode", "passive_mode", "insufficient_resources",
                   "administratively_prohibited", "going_down", "parameter_violation",
                   "protocol_violation")
_REACH_CODES = ("hello", "i-h-u")
_UPDOWN = ("indeterminate", "up", "down")
_REASONS = ("unspecified", "bad_EGP_header_format", "bad_EGP_data_field_format",
            "reachability_info_unavailable", "excessive_polling_rate", "no_response",
            "unsupported_version")
UNSOLICITED = 0x80


def _dotted(v: int) -> str:
    """An address tcpdump 4.99 computed in host order and printed from
    memory: on the little-endian hosts it runs on, the octets reversed."""
    return ntoa(struct.pack("<I", v))


def _classful(addr: int) -> tuple[int, int]:
    """(network part, its length in octets) of a class A, B or C address."""
    if not addr & 0x80000000:
        return addr & 0xFF000000, 1
    if addr & 0xC0000000 == 0x80000000:
        return addr & 0xFFFF0000, 2
    if addr & 0xE0000000 == 0xC0000000:
        return addr & 0xFFFFFF00, 3
    return 0, 0


def _state(p: Pkt, status: int) -> None:
    p.w(f" state:{_UPDOWN[status]}" if status < len(_UPDOWN) else f" [status {status}]")


def _network(p: Pkt, cp: int, left: int) -> tuple[int, int]:
    """One network number (1, 2 or 3 octets by its class): (cp, left)."""
    if left < 1:
        raise Trunc(local=True)
    addr = p.u8(cp) << 24
    cp, left = cp + 1, left - 1
    if addr & 0xC0000000 == 0x80000000:
        if left < 1:
            raise Trunc(local=True)
        addr |= p.u8(cp) << 16
        cp, left = cp + 1, left - 1
    elif addr & 0x80000000:
        if left < 2:
            raise Trunc(local=True)
        addr |= p.u8(cp) << 16 | p.u8(cp + 1) << 8
        cp, left = cp + 2, left - 2
    p.w(f" {_dotted(addr)}")
    return cp, left


def _gateways(p: Pkt, off: int, length: int) -> None:
    """An update's gateway blocks (tcpdump's egpnr_print)."""
    # 4.99 classifies the source net as loaded in host (little-endian) order
    net, netlen = _classful(int.from_bytes(p.b(off + 12, 4), "little"))
    cp, left = off + HDR_SIZE, length - HDR_SIZE
    intgw, extgw = p.u8(off + 10), p.u8(off + 11)
    for gw in range(intgw + extgw):
        if left < 4 - netlen:
            raise Trunc(local=True)
        p.need(cp, 4 - netlen)
        host = 0
        if netlen:  # (a class D or E source leaves the pointer where it was)
            for _ in range(4 - netlen):
                host = host << 8 | p.u8(cp)
                cp += 1
        left -= 4 - netlen
        if left < 1:
            raise Trunc(local=True)
        distances = p.u8(cp)
        cp, left = cp + 1, left - 1
        p.w(f" {'int' if gw < intgw else 'ext'} {_dotted((host | net) & 0xFFFFFFFF)} (")
        comma = ""
        for _ in range(distances):
            if left < 2:
                raise Trunc(local=True)
            p.w(f"{comma}d{p.u8(cp)}:")
            comma = ", "
            networks = p.u8(cp + 1)
            cp, left = cp + 2, left - 2
            for _ in range(networks):
                cp, left = _network(p, cp, left)
        p.w(")")


def _acquire(p: Pkt, off: int, code: int, status: int) -> None:
    p.w(" acquire")
    if code in (0, 1):
        p.w(f" {_ACQUIRE_CODES[code]}")
        p.w(f" {_ACQUIRE_STATUS[status]}" if status in (0, 1, 2) else f" [status {status}]")
        p.w(f" hello:{p.u16(off + 10)} poll:{p.u16(off + 12)}")
    elif code in (2, 3, 4):
        p.w(f" {_ACQUIRE_CODES[code]}")
        p.w(f" {_ACQUIRE_STATUS[status]}" if status in (0, 3, 4, 5, 6, 7) else f"[status {status}]")
    else:
        p.w(f"[code {code}]")


def egp_print(p: Pkt, off: int, length: int, iph: int = -1, fragmented: bool = False) -> None:
    """tcpdump's egp_print; ``length`` is the IP payload length."""
    p.proto = "egp"
    if length < HDR_SIZE or not p.test(off, HDR_SIZE):
        raise Trunc(local=True)
    version = p.u8(off)
    if not p.o.v:
        p.w(f"EGPv{version}, AS {p.u16(off + 6)}, seq {p.u16(off + 8)}, length {length}")
        return
    p.w(f"EGPv{version}, length {length}")
    if version != VERSION:
        p.w(f"[version {version}]")
        return
    kind, code, status = p.u8(off + 1), p.u8(off + 2), p.u8(off + 3)
    if kind == ACQUIRE:
        _acquire(p, off, code, status)
    elif kind == REACH:
        if code in (0, 1):
            p.w(f" {_REACH_CODES[code]}")
            _state(p, status)
        else:
            p.w(f"[reach code {code}]")
    elif kind == POLL:
        p.w(" poll")
        _state(p, status)
        p.w(f" net:{ip4(p.b(off + 12, 4))}")
    elif kind == UPDATE:
        p.w(" update")
        if status & UNSOLICITED:
            status &= ~UNSOLICITED
            p.w(" unsolicited")
        _state(p, status)
        p.w(f" {ip4(p.b(off + 12, 4))} int {p.u8(off + 10)} ext {p.u8(off + 11)}")
        _gateways(p, off, length)
    elif kind == ERROR:
        p.w(" error")
        _state(p, status)
        reason = p.u16(off + 10)
        p.w(f" {_REASONS[reason]}" if reason < len(_REASONS) else f" [reason {reason}]")
    else:
        p.w(f"[type {kind}]")
