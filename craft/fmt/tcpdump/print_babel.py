"""Babel (RFC 6126/8966, UDP 6696 and 6697) as tcpdump 4.99 prints it: the
magic, version and body length, then each TLV's name (and the packet
trailer's after " |"); with -v each TLV in full: Pad1, PadN, Ack-Req, Ack,
Hello, IHU, Router-Id, Next Hop, Update (the prefix compression state kept
from one Update to the next), Route and Seqno Requests, TS/PC, HMAC, the
source-specific Update and Requests, MAC, PC, Challenges, and the sub-TLVs
(pad, diversity, timestamp, mandatory bit). Private to craft.fmt.tcpdump."""

from __future__ import annotations

from collections.abc import Callable

from craft.fmt.tcpdump.addrtoname import ip4, ip6
from craft.fmt.tcpdump.netdissect import Pkt

_V4_MAPPED = bytes(10) + b"\xff\xff"
_NAMES = {0: "pad1", 1: "padN", 2: "ack-req", 3: "ack", 4: "hello", 5: "ihu", 6: "router-id",
          7: "nh",
          8: "update", 9: "route-request", 10: "seqno-request", 11: "tspc", 12: "hmac",
          13: "ss-update",
          14: "ss-request", 15: "ss-mh-request", 16: "mac", 17: "pc", 18: "challenge_request",
          19: "challenge_reply"}
_HELLO, _IHU, _UPDATE, _SS_UPDATE = 4, 5, 8, 13
# the -v TLVs that begin with a title and need a least length: (title, length)
_TITLES = {2: ("\n\tAcknowledgment Request ", 6), 3: ("\n\tAcknowledgment ", 2),
           _HELLO: ("\n\tHello ", 6), 6: ("\n\tRouter Id", 10), 7: ("\n\tNext Hop", 2),
           9: ("\n\tRoute Request ", 2), 10: ("\n\tSeqno Request ", 14), 11: ("\n\tTS/PC ", 6),
           12: ("\n\tHMAC ", 18), 17: ("\n\tPC", 4)}
# the -v TLVs of one fixed layout: what follows the title (at: the type byte, n: the length)
_BODIES: dict[int, Callable[[Pkt, int, int], str]] = {
    1: lambda p, at, n: f"\n\tPad {n + 2}",
    2: lambda p, at, n: f"{p.u16(at + 4):04x} {_interval(p.u16(at + 6))}",
    3: lambda p, at, n: f"{p.u16(at + 2):04x}",
    6: lambda p, at, n: f" {_router_id(p, at + 4)}",
    11: lambda p, at, n: f"timestamp {p.u32(at + 4)} packetcounter {p.u16(at + 2)}",
    12: lambda p, at, n: (f"key-id {p.u16(at + 2)} digest-{n - 2} "
                          f"{p.b(at + 4, n - 2).hex().upper()}"),
    16: lambda p, at, n: f"\n\tMAC len {n}",
    17: lambda p, at, n: f" value {p.u32(at + 2)} index len {n - 4}",
}


class _Invalid(Exception):
    """tcpdump's "goto invalid" in the TLV walk: " (invalid)", stop."""


class _Cut(Exception):
    """tcpdump's ND_TCHECK in the TLV walk: " [|babel]", stop."""


def _interval(i: int) -> str:
    return "0.0s (bogus)" if i == 0 else f"{i // 100}.{i % 100:02d}s"


def _interval_update(i: int) -> str:
    return "infinity" if i == 0xFFFF else _interval(i)


def _timestamp(i: int) -> str:
    return f"{i // 1000000}.{i % 1000000:06d}s"


def _router_id(p: Pkt, at: int) -> str:
    return ":".join(f"{c:02x}" for c in p.b(at, 8))


def _prefix_text(prefix: bytes, plen: int) -> str:
    """tcpdump's format_prefix (``plen`` an unsigned char)."""
    if plen >= 96 and prefix[:12] == _V4_MAPPED:
        return f"{ip4(prefix[12:])}/{plen - 96}"
    return f"{ip6(prefix)}/{plen}"


def _address_text(addr: bytes) -> str:
    return ip4(addr[12:]) if addr[:12] == _V4_MAPPED else ip6(addr)


def _network_prefix(p: Pkt, ae: int, plen: int, omitted: int, at: int, previous: bytes | None,
                   left: int) -> tuple[int, bytes]:
    """tcpdump's network_prefix: (bytes consumed, the 16-byte prefix);
    consumed -1 for an encoding error. ``plen`` -1 asks for a whole address."""
    pb = (plen + 7) // 8 if plen >= 0 else (4 if ae == 1 else 16)
    if pb > 16:
        return -1, b""
    prefix = bytearray(16)
    consumed = 0
    if ae == 0:
        pass
    elif ae == 1:
        if omitted > 4 or pb > 4 or (pb > omitted and left < pb - omitted):
            return -1, b""
        prefix[:12] = _V4_MAPPED
        if omitted:
            if previous is None:
                return -1, b""
            prefix[:12 + omitted] = previous[:12 + omitted]
        if pb > omitted:
            consumed = pb - omitted
            prefix[12 + omitted:12 + pb] = _raw(p, at, consumed)
    elif ae == 2:
        if omitted > 16 or (pb > omitted and left < pb - omitted):
            return -1, b""
        if omitted:
            if previous is None:
                return -1, b""
            prefix[:omitted] = previous[:omitted]
        if pb > omitted:
            consumed = pb - omitted
            prefix[omitted:pb] = _raw(p, at, consumed)
    elif ae == 3:
        if pb > 8 and left < pb - 8:
            return -1, b""
        prefix[0:2] = b"\xfe\x80"
        if pb > 8:
            consumed = pb - 8
            prefix[8:pb] = _raw(p, at, consumed)
    else:
        return -1, b""
    return consumed, bytes(prefix)


def _raw(p: Pkt, at: int, n: int) -> bytes:
    """Bytes tcpdump copies without a bounds check: what lies in the TLV
    (checked captured by the caller) or past it in the buffer."""
    return p.d[at:at + n].ljust(n, b"\0")


def _subtlvs(p: Pkt, cp: int, ep: int, kind: int) -> None:
    """The sub-TLVs in a TLV's extra data (tcpdump's subtlvs_print)."""
    while cp < ep:
        sub = p.u8(cp)
        cp += 1
        if sub == 0:
            p.w(" sub-pad1")
            continue
        if sub & 0x80:
            p.w(" (M)")
        if cp == ep:
            p.w(" (invalid)")
            return
        n = p.u8(cp)
        cp += 1
        if cp + n > ep:
            p.w(" (invalid)")
            return
        if sub == 1:
            p.w(" sub-padn")
        elif sub == 2:
            p.w(" sub-diversity")
            if n == 0:
                p.w(" empty")
                continue
            p.w(" " + "-".join({0: "reserved", 255: "all"}.get(c, str(c)) for c in p.b(cp, n)))
            if kind not in (_UPDATE, _SS_UPDATE):
                p.w(" (bogus)")
        elif sub == 3:
            p.w(" sub-timestamp")
            if kind == _HELLO:
                if n < 4:
                    p.w(" (invalid)")
                    return
                p.w(f" {_timestamp(p.u32(cp))}")
            elif kind == _IHU:
                if n < 8:
                    p.w(" (invalid)")
                    return
                p.w(f" {_timestamp(p.u32(cp))}|{_timestamp(p.u32(cp + 4))}")
            else:
                p.w(" (bogus)")
        else:
            p.w(f" sub-unknown-0x{sub:02x}")
        cp += n


def _need(ok: bool) -> None:
    if not ok:
        raise _Invalid


class _Walk:
    """One run of tcpdump's babel_print_v2_tlvs, with its prefix state."""

    def __init__(self, p: Pkt) -> None:
        self.p = p
        self.v4 = _V4_MAPPED + bytes(4)
        self.v6 = bytes(16)

    def tlvs(self, cp: int, tlvs_length: int, remaining: int) -> None:
        p = self.p
        i = 0
        while i < tlvs_length:
            at = cp + i
            _need(i + 1 <= tlvs_length and i + 1 <= remaining)
            kind = p.u8(at)
            if kind == 0:
                p.w("\n\tPad 1" if p.o.v else " pad1")
                i += 1
                continue
            _need(i + 2 <= tlvs_length and i + 2 <= remaining)
            if not p.test(at, 2):
                raise _Cut
            n = p.u8(at + 1)
            _need(i + 2 + n <= tlvs_length and i + 2 + n <= remaining)
            if not p.test(at, 2 + n):
                raise _Cut
            if p.o.v:
                self.verbose(kind, at, n)
            elif kind == _UPDATE:
                p.w(" update")
                _need(n >= 10)
                flags = p.u8(at + 3)
                p.w(_update_flags(flags))
            else:
                p.w(f" {_NAMES.get(kind, 'unknown')}")
            i += n + 2

    def verbose(self, kind: int, at: int, n: int) -> None:
        """One TLV with -v (at: its type byte, n: its length)."""
        p = self.p
        if kind in _TITLES:
            title, least = _TITLES[kind]
            p.w(title)
            _need(n >= least)
        if kind in _BODIES:
            p.w(_BODIES[kind](p, at, n))
        elif kind == _HELLO:
            if p.u16(at + 2) & 0x8000:
                p.w("(Unicast) ")
            p.w(f"seqno {p.u16(at + 4)} ")
            interval = p.u16(at + 6)
            p.w(f"interval {_interval(interval)}" if interval else "unscheduled")
            if n > 6:
                _subtlvs(p, at + 8, at + 2 + n, kind)
        elif kind == _IHU:
            self.ihu(at, n)
        elif kind == 7:
            ae = p.u8(at + 2)
            rc, addr = _network_prefix(p, ae, -1, 0, at + 4, None, n - 2)
            _need(rc >= 0)
            p.w(f" {'invalid AE 0' if ae == 0 else _address_text(addr)}")
        elif kind == _UPDATE:
            self.update(at, n)
        elif kind == 9:
            ae, raw_plen = p.u8(at + 2), p.u8(at + 3)
            rc, prefix = _network_prefix(p, ae, raw_plen, 0, at + 4, None, n - 2)
            _need(rc >= 0)
            p.w(f"for {'any' if ae == 0 else _prefix_text(prefix, _plen(ae, raw_plen))}")
        elif kind == 10:
            ae, raw_plen, seqno = p.u8(at + 2), p.u8(at + 3), p.u16(at + 4)
            rc, prefix = _network_prefix(p, ae, raw_plen, 0, at + 16, None, n - 14)
            _need(rc >= 0)
            what = "invalid AE 0" if ae == 0 else _prefix_text(prefix, _plen(ae, raw_plen))
            p.w(f"({p.u8(at + 6)} hops) for {what} seqno {seqno} id {_router_id(p, at + 8)}")
        elif kind == _SS_UPDATE:
            self.ss_update(at, n)
        elif kind == 14:
            self.ss_request(at, n)
        elif kind == 15:
            self.ss_mh_request(at, n)
        elif kind in (18, 19):
            p.w(f"\n\tChallenge {'Request' if kind == 18 else 'Reply'}")
            _need(n <= 192)
            p.w(f" len {n}")
        else:
            p.w(f"\n\tUnknown message type {kind}")

    def ihu(self, at: int, n: int) -> None:
        p = self.p
        p.w("\n\tIHU ")
        _need(n >= 6)
        rxcost, interval, ae = p.u16(at + 4), p.u16(at + 6), p.u8(at + 2)
        rc, addr = _network_prefix(p, ae, -1, 0, at + 8, None, n - 6)
        if rc < 0:
            p.w(" [|babel]")
            return
        p.w(f"{'any' if ae == 0 else _address_text(addr)} rxcost {rxcost} interval "
            f"{_interval(interval)}")
        if rc < n - 6:
            _subtlvs(p, at + 8 + rc, at + 2 + n, _IHU)

    def update(self, at: int, n: int) -> None:
        p = self.p
        p.w("\n\tUpdate")
        _need(n >= 10)
        ae, flags, raw_plen, omitted = p.u8(at + 2), p.u8(at + 3), p.u8(at + 4), p.u8(at + 5)
        rc, prefix = _network_prefix(p, ae, raw_plen, omitted, at + 12,
                                     self.v4 if ae == 1 else self.v6, n - 10)
        _need(rc >= 0)
        interval, seqno, metric = p.u16(at + 6), p.u16(at + 8), p.u16(at + 10)
        what = "any" if ae == 0 else _prefix_text(prefix, _plen(ae, raw_plen))
        p.w(f"{_update_flags(flags)} {what} metric {metric} seqno {seqno} interval "
            f"{_interval_update(interval)}")
        if flags & 0x80:
            if ae == 1:
                self.v4 = prefix
            else:
                self.v6 = prefix
        if rc < n - 10:
            _subtlvs(p, at + 12 + rc, at + 2 + n, _UPDATE)

    def _two_prefixes(self, at: int, n: int, parsed: int, ae: int, plen: int, src_plen: int,
                      omitted: int = 0, previous: bytes | None = None) -> tuple[int, str, str]:
        """The prefix and source prefix of a source-specific TLV."""
        p = self.p
        rc, prefix = _network_prefix(p, ae, plen, omitted, at + 2 + parsed, previous, n - parsed)
        _need(rc >= 0)
        parsed += rc
        rc, src = _network_prefix(p, ae, src_plen, 0, at + 2 + parsed, None, n - parsed)
        _need(rc >= 0)
        parsed += rc
        return parsed, _prefix_text(prefix, _plen(ae, plen)), _prefix_text(src, _plen(ae, src_plen))

    def ss_update(self, at: int, n: int) -> None:
        p = self.p
        p.w("\n\tSS-Update")
        _need(n >= 10)
        ae, src_plen, plen, omitted = p.u8(at + 2), p.u8(at + 3), p.u8(at + 4), p.u8(at + 5)
        interval, seqno, metric = p.u16(at + 6), p.u16(at + 8), p.u16(at + 10)
        parsed, prefix, src = self._two_prefixes(at, n, 10, ae, plen, src_plen, omitted,
                                                 self.v4 if ae == 1 else self.v6)
        p.w(f" {prefix} from {src} metric {metric} seqno {seqno} interval "
            f"{_interval_update(interval)}")
        if parsed < n:
            _subtlvs(p, at + 2 + parsed, at + 2 + n, _SS_UPDATE)

    def ss_request(self, at: int, n: int) -> None:
        p = self.p
        p.w("\n\tSS-Request ")
        _need(n >= 3)
        ae, plen, src_plen = p.u8(at + 2), p.u8(at + 3), p.u8(at + 4)
        _, prefix, src = self._two_prefixes(at, n, 3, ae, plen, src_plen)
        p.w("for any" if ae == 0 else f"for ({prefix}, {src})")

    def ss_mh_request(self, at: int, n: int) -> None:
        p = self.p
        p.w("\n\tSS-MH-Request ")
        _need(n >= 14)
        ae, plen, seqno = p.u8(at + 2), p.u8(at + 3), p.u16(at + 4)
        hops, src_plen = p.u8(at + 6), p.u8(at + 7)
        _, prefix, src = self._two_prefixes(at, n, 14, ae, plen, src_plen)
        p.w(f"({hops} hops) for ({prefix}, {src}) seqno {seqno} id {_router_id(p, at + 8)}")


def _plen(ae: int, plen: int) -> int:
    """The prefix length as tcpdump prints it: +96 for IPv4, in a byte."""
    return (plen + 96) & 0xFF if ae == 1 else plen


def _update_flags(flags: int) -> str:
    return (("/prefix" if flags & 0x80 else "") + ("/id" if flags & 0x40 else "")
            + ("/unknown" if flags & 0x3F else ""))


def _v2(p: Pkt, cp: int, length: int) -> None:
    """tcpdump's babel_print_v2: the body, then the trailer."""
    if length < 4:
        p.w(" (invalid)")
        return
    bodylen = p.u16(cp + 2)
    p.w(f" ({bodylen})")
    length -= 4
    cp += 4
    if length < bodylen:
        p.w(" (invalid)")
        return
    try:
        _Walk(p).tlvs(cp, bodylen, length)
        length -= bodylen
        cp += bodylen
        if length:
            p.w("\n\t----" if p.o.v else " |")
            _Walk(p).tlvs(cp, length, length)
    except _Cut:
        p.w(" [|babel]")
    except _Invalid:
        p.w(" (invalid)")


def babel_print(p: Pkt, bp: int, length: int) -> None:
    """tcpdump's babel_print: ``length`` bytes of Babel at ``bp``."""
    p.proto = "babel"
    p.w("babel")
    if not p.test(bp, 4):
        p.w(" [|babel]")
        return
    if p.u8(bp) != 42:
        p.w(" invalid header")
        return
    version = p.u8(bp + 1)
    p.w(f" {version}")
    if version == 2:
        _v2(p, bp, length)
    else:
        p.w(" unknown version")
