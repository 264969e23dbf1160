"""NTP, as tcpdump's print-ntp.c (and ntp.c's p_ntp_time) prints it."""

from __future__ import annotations

import time as _time

from craft.fmt.tcpdump.addrtoname import ip4
from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.util_print import fn_char

_NTP_MODES = {0: "unspecified", 1: "symmetric active", 2: "symmetric passive", 3: "Client",
              4: "Server", 5: "Broadcast", 6: "Control Message", 7: "Reserved"}


_NTP_LEAP = {0: "", 0x40: "+1s", 0x80: "-1s", 0xC0: "clock unsynchronized"}


_NTP_STRATA = {0: "unspecified", 1: "primary reference"}


_JAN_1970 = 2208988800  # NTP era 0 seconds at the Unix epoch


def ntp_time(p: Pkt, at: int) -> None:
    i, uf = p.u32(at), p.u32(at + 4)
    p.w(f"{i}.{int(uf / 4294967296.0 * 1000000000.0):09d}")
    if i:
        try:
            p.w(f" ({_time.strftime('%Y-%m-%dT%H:%M:%SZ', _time.gmtime(i - _JAN_1970))})")
        except (OverflowError, OSError, ValueError):
            p.w(" ([Time is too large to fit into a time_t])")


def _ntp_delta(p: Pkt, orig: int, at: int) -> None:
    u, uf, ou, ouf = p.u32(at), p.u32(at + 4), p.u32(orig), p.u32(orig + 4)
    if ou == 0 and ouf == 0:
        ntp_time(p, at)
        return
    if u > ou:
        sign, i, f = "+", u - ou, (uf - ouf) & 0xFFFFFFFF
        if ouf > uf:
            i -= 1
    elif u < ou:
        sign, i, f = "-", ou - u, (ouf - uf) & 0xFFFFFFFF
        if uf > ouf:
            i -= 1
    else:
        i = 0
        sign, f = ("+", uf - ouf) if uf > ouf else ("-", ouf - uf)
    p.w(f"{sign}{i & 0xFFFFFFFF}.{int(f / 4294967296.0 * 1000000000.0):09d}")


def _ntp_sfix(p: Pkt, at: int) -> str:
    return f"{p.u16(at)}.{int(p.u16(at + 2) / 65536.0 * 1000000.0):06d}"


def ntp_print(p: Pkt, bp: int, ln: int) -> None:
    """NTP (RFC 5905) as tcpdump prints it: version and mode; with -v the
    time message or control message fields."""
    p.proto = "ntp"
    status = p.u8(bp)
    mode = status & 7
    p.w(f"NTPv{(status >> 3) & 7}, {_NTP_MODES[mode]}, length {ln}")
    if not p.o.v:
        return
    leap = status & 0xC0  # printed unshifted, as 4.99.3 does
    p.w(f"\n\tLeap indicator: {_NTP_LEAP[leap]} ({leap})")
    if mode == 6:  # tcpdump's ntp_control_print
        if ln < 12:
            p.w(" (invalid)")
            p.need(bp, ln)
            return
        control = p.u8(bp + 1)
        p.w(f", {'Response' if control & 0x80 else 'Request'}, "
            f"{'Error' if control & 0x40 else 'OK'}, {'More' if control & 0x20 else 'Last'}, "
            f"OpCode={control & 0x1F}\n")
        p.w(f"\tSequence={p.u16(bp + 2)}")
        status16 = p.u16(bp + 4)
        p.w(f", Status={hex(status16) if status16 else 0}")
        p.w(f", Assoc.={p.u16(bp + 6)}")
        p.w(f", Offset={p.u16(bp + 8)}")
        count = p.u16(bp + 10)
        p.w(f", Count={count}")
        if 12 + count > ln:
            p.w(" (invalid)")
            p.need(bp, ln)
        elif count:
            p.need(bp + 12, count)
            p.w("\n\tTO-BE-DONE: data not interpreted")
        return
    if mode == 7:
        return
    if ln < 48:
        p.w(" (invalid)")
        p.need(bp, ln)
        return
    stratum = p.u8(bp + 1)
    words = _NTP_STRATA.get(stratum, "secondary reference" if 2 <= stratum <= 15 else "reserved")
    p.w(f", Stratum {stratum} ({words})")
    poll = p.u8(bp + 2)
    poll = poll - 256 if poll > 127 else poll
    p.w(f", poll {poll}")
    if -32 < poll < 32:
        p.w(f" ({1 << poll}s)" if poll >= 0 else f" (1/{1 << -poll}s)")
    precision = p.u8(bp + 3)
    p.w(f", precision {precision - 256 if precision > 127 else precision}")
    p.need(bp + 4, 4)
    p.w(f"\n\tRoot Delay: {_ntp_sfix(p, bp + 4)}")
    p.need(bp + 8, 4)
    p.w(f", Root dispersion: {_ntp_sfix(p, bp + 8)}")
    p.need(bp + 12, 4)
    p.w(", Reference-ID: ")
    if stratum == 0:
        p.w("(unspec)")
    elif stratum == 1:
        p.w("".join(fn_char(c) for c in p.b(bp + 12, 4)))
    elif stratum == 62:  # INFO_QUERY (an implementation-dependent value)
        p.w(f"{ip4(p.b(bp + 12, 4))} INFO_QUERY")
        return
    elif stratum == 63:  # INFO_REPLY
        p.w(f"{ip4(p.b(bp + 12, 4))} INFO_REPLY")
        return
    else:
        p.w(f"0x{p.u32(bp + 12):08x}")
    for label, at in (("Reference Timestamp:  ", 16), ("Originator Timestamp: ", 24),
                      ("Receive Timestamp:    ", 32), ("Transmit Timestamp:   ", 40)):
        p.need(bp + at, 8)
        p.w(f"\n\t  {label}")
        ntp_time(p, bp + at)
    p.w("\n\t    Originator - Receive Timestamp:  ")
    _ntp_delta(p, bp + 24, bp + 32)
    p.w("\n\t    Originator - Transmit Timestamp: ")
    _ntp_delta(p, bp + 24, bp + 40)
    if ln == 52:
        p.w(f"\n\tKey id: {p.u32(bp + 48)}")
    elif ln in (68, 72):
        p.w(f"\n\tKey id: {p.u32(bp + 48)}")
        if not p.test(bp + 52, ln - 52):  # ND_TCHECK: the digest is checked as one
            raise Trunc(local=True)
        p.w("\n\tAuthentication: " + p.b(bp + 52, ln - 52).hex())
    elif ln > 48:
        p.w(f"\n\t({ln - 48} more bytes after the header)")
