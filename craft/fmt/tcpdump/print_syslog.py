"""Syslog, as tcpdump's print-syslog.c prints it."""

from __future__ import annotations

from craft.fmt.tcpdump.netdissect import Pkt
from craft.fmt.tcpdump.util_print import fn_char, print_unknown_data

_SYSLOG_FACILITIES = ("kernel", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
                      "uucp", "cron", "authpriv", "ftp", "ntp", "security", "console", "cron",
                      "local0", "local1", "local2", "local3", "local4", "local5", "local6",
                      "local7")


_SYSLOG_SEVERITIES = ("emergency", "alert", "critical", "error", "warning", "notice", "info",
                      "debug")


def syslog_print(p: Pkt, bp: int, ln: int) -> None:
    """Syslog over UDP (RFC 3164) as tcpdump prints port 514."""
    p.proto = "syslog"
    if p.u8(bp) != 0x3C:
        p.w(" (invalid)")
        return
    off, pri = 1, 0
    while off <= 3 and 0x30 <= p.u8(bp + off) <= 0x39:
        pri = pri * 10 + p.u8(bp + off) - 0x30
        off += 1
    if p.u8(bp + off) != 0x3E:
        p.w(" (invalid)")
        return
    off += 1
    fac, sev = (pri & 0x3F8) >> 3, pri & 7
    facw = _SYSLOG_FACILITIES[fac] if fac < len(_SYSLOG_FACILITIES) else f"unknown ({fac})"
    if not p.o.v:
        p.w(f"SYSLOG {facw}.{_SYSLOG_SEVERITIES[sev]}, length: {ln}")
        return
    p.w(f"SYSLOG, length: {ln}\n\tFacility {facw} ({fac}), Severity "
        f"{_SYSLOG_SEVERITIES[sev]} ({sev})\n\tMsg: ")
    for i in range(off, ln):
        p.w(fn_char(p.u8(bp + i)))
    if p.o.v > 1:
        print_unknown_data(p, bp, "\n\t", ln)
