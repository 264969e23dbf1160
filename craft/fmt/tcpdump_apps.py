"""The application protocols tcpdump 4.99 prints by port: HTTP, FTP, SMTP,
WHOIS, RTSP and SIP text lines, SSH version lines, TFTP, NTP, syslog,
Kerberos and RIP (private to craft.fmt.tcpdump); BOOTP/DHCP is in
tcpdump_bootp."""

from __future__ import annotations

from craft.fmt.tcpdump_base import (
    Pkt,
    Trunc,
    fn_char,
    ip4,
)

_RIP_CMDS = {1: "Request", 2: "Response", 3: "Trace on", 4: "Trace off", 5: "Poll",
             6: "Poll Entry"}


_RIP_AFS = {2: "IPv4", 6: "NS", 7: "ISO", 16: "Appletalk", 23: "IPX", 24: "IPv6", 28: "IPv6",
            30: "IPv6"}  # tcpdump's bsd_af_values


def rip_print(p: Pkt, bp: int, ln: int) -> None:
    """RIP (RFC 1058, 2453, 4822) as tcpdump prints port 520: the first line,
    with -v each route entry and authentication entry, with -vv a hex dump."""
    from craft.fmt.tcpdump_icmp6 import _unknown_data

    p.proto = "rip"
    if p.end < bp:
        p.trunc()
        return
    avail = min(p.end - bp, ln)
    if avail < 4:
        p.trunc()
        return
    v = p.o.v
    vers = p.u8(bp + 1)
    p.w(f"{chr(10) + chr(9) if v else ''}RIPv{vers}")
    if vers == 0:
        _unknown_data(p, bp, "\n\t", ln)
        return
    cmd = p.u8(bp)
    p.w(f", {_RIP_CMDS.get(cmd, f'unknown command ({cmd})')}, length: {ln}")
    if not v:
        return
    if cmd in (1, 2):
        if vers in (1, 2):
            p.w(f", routes: {ln // 20}{' or less' if vers == 2 else ''}")
            left, at = avail - 4, bp + 4
            entry = _rip_entry_v1 if vers == 1 else _rip_entry_v2
            while left:
                size = entry(p, at, left)
                if size == 0:
                    p.trunc()
                    break
                if left < size:
                    p.w(f" [remaining entries length {left} < {size}] (invalid)")
                    break
                at += size
                left -= size
        else:
            p.w(", unknown version")
    elif cmd not in (4, 5, 6) and v <= 1:
        _unknown_data(p, bp, "\n\t", ln)
    if v > 1:
        _unknown_data(p, bp, "\n\t", ln)


def _rip_entry_v1(p: Pkt, at: int, left: int) -> int:
    """An RFC 1058 entry; its size, 0 when cut short."""
    from craft.fmt.tcpdump_icmp6 import _unknown_data

    if left < 20 or not p.test(at, 20):
        return 0
    family = p.u16(at)
    if family not in (0, 2):
        p.w(f"\n\t AFI {_RIP_AFS.get(family, f'Unknown ({family})')}, ")
        _unknown_data(p, at + 4, "\n\t  ", 16)
        return 20
    if p.u16(at + 2) or p.u32(at + 8) or p.u32(at + 12):  # must-be-zero fields are not
        _unknown_data(p, at, "\n\t  ", 20)
        return 20
    p.w(f"\n\t  {'AFI 0, ' if family == 0 else ''}{ip4(p.b(at + 4, 4))}, metric: {p.u32(at + 16)}")
    return 20


def _mask2plen(mask: int) -> int:
    """The prefix length of a contiguous netmask, -1 for any other."""
    for plen in range(33):
        if mask == (0xFFFFFFFF << (32 - plen)) & 0xFFFFFFFF:
            return plen
    return -1


def _rip_entry_v2(p: Pkt, at: int, left: int) -> int:
    """An RFC 2453 entry or authentication entry; its size, 0 when cut short."""
    from craft.fmt.tcpdump_icmp6 import _unknown_data

    if left < 4 or not p.test(at, 4):
        return 0
    family = p.u16(at)
    if family == 0xFFFF:
        auth = p.u16(at + 2)
        at, left = at + 4, left - 4
        if auth == 2:
            p.w("\n\t  Simple Text Authentication data: ")
            for i in range(16):  # up to a NUL; a read past the capture is a Trunc
                c = p.u8(at + i)
                if c == 0:
                    break
                p.w(fn_char(c))
        elif auth == 3:
            if not p.test(at, 16) or left < 16:
                return 0
            p.w(f"\n\t  Auth header: Packet Len {p.u16(at)}, Key-ID {p.u8(at + 2)}, Auth Data Len "
                f"{p.u8(at + 3)}, SeqNo {p.u32(at + 4)}, MBZ {p.u32(at + 8)}, MBZ {p.u32(at + 12)}")
        elif auth == 1:
            p.w("\n\t  Auth trailer:")
            _unknown_data(p, at, "\n\t  ", left)
            return 4 + left
        else:
            p.w(f"\n\t  Unknown ({auth}) Authentication data:")
            _unknown_data(p, at, "\n\t  ", left)
            return 4 + left
    elif family not in (0, 2):
        p.w(f"\n\t  AFI {_RIP_AFS.get(family, f'Unknown ({family})')}")
        _unknown_data(p, at + 4, "\n\t  ", 16)
    else:
        if not p.test(at, 20) or left < 20:
            return 0
        hop = p.b(at + 12, 4)
        p.w(f"\n\t  AFI {_RIP_AFS.get(family, str(family))}, {ip4(p.b(at + 4, 4)):>15}/"
            f"{_mask2plen(p.u32(at + 8)):<2}, tag 0x{p.u16(at + 2):04x}, metric: {p.u32(at + 16)}, "
            f"next-hop: {ip4(hop) if hop != bytes(4) else 'self'}")
    return 20


_SYSLOG_FACILITIES = ("kernel", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
                      "uucp", "cron", "authpriv", "ftp", "ntp", "security", "console", "cron",
                      "local0", "local1", "local2", "local3", "local4", "local5", "local6",
                      "local7")


_SYSLOG_SEVERITIES = ("emergency", "alert", "critical", "error", "warning", "notice", "info",
                      "debug")


def syslog_print(p: Pkt, bp: int, ln: int) -> None:
    """Syslog over UDP (RFC 3164) as tcpdump prints port 514."""
    from craft.fmt.tcpdump_icmp6 import _unknown_data
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
        _unknown_data(p, bp, "\n\t", ln)


_NTP_MODES = {0: "unspecified", 1: "symmetric active", 2: "symmetric passive", 3: "Client",
              4: "Server", 5: "Broadcast", 6: "Control Message", 7: "Reserved"}


_NTP_LEAP = {0: "", 0x40: "+1s", 0x80: "-1s", 0xC0: "clock unsynchronized"}


_NTP_STRATA = {0: "unspecified", 1: "primary reference"}


_JAN_1970 = 2208988800  # NTP era 0 seconds at the Unix epoch


def ntp_time(p: Pkt, at: int) -> None:
    i, uf = p.u32(at), p.u32(at + 4)
    p.w(f"{i}.{int(uf / 4294967296.0 * 1000000000.0):09d}")
    if i:
        import time as _time
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


_TFTP_OPS = {1: "RRQ", 2: "WRQ", 3: "DATA", 4: "ACK", 5: "ERROR", 6: "OACK"}


_TFTP_ERRS = {0: "EUNDEF", 1: "ENOTFOUND", 2: "EACCESS", 3: "ENOSPACE", 4: "EBADOP",
              5: "EBADID", 6: "EEXISTS", 7: "ENOUSER"}


def _printztn(p: Pkt, bp: int, n: int) -> int:
    """tcpdump's nd_printztn: a NUL-terminated string within n bytes; the
    bytes used (with the NUL), 0 when it has no end there."""
    for i in range(n):
        if bp + i >= p.end:
            return 0
        c = p.d[bp + i]
        if c == 0:
            return i + 1
        p.w(fn_char(c))
    return 0


def tftp_print(p: Pkt, bp: int, ln: int) -> None:
    """TFTP (RFC 1350, options RFC 2347) as tcpdump prints port 69."""
    p.proto = "tftp"
    p.w(f"TFTP, length {ln}")
    if ln < 2:
        p.trunc()
        return
    op = p.u16(bp)
    if op not in _TFTP_OPS:
        p.w(f", tftp-#{op}")
        return
    p.w(f", {_TFTP_OPS[op]}")
    bp += 2
    ln -= 2
    if op in (1, 2):
        if ln == 0:
            p.trunc()
            return
        p.w(' "')
        used = _printztn(p, bp, ln)
        p.w('"')
        if used == 0:
            p.trunc()
            return
        bp += used
        ln -= used
        if ln == 0:
            p.trunc()
            return
        p.w(" ")
        used = _printztn(p, bp, ln)
        if used == 0:
            p.trunc()
            return
        bp += used
        ln -= used
    if op in (1, 2, 6):
        for _ in range(ln):
            if ln == 0:
                break
            if p.u8(bp) != 0:
                p.w(" ")
            used = _printztn(p, bp, ln)
            if used == 0:
                p.trunc()
                return
            bp += used
            ln -= used
    elif op in (3, 4):
        if ln < 2:
            p.trunc()
            return
        p.w(f" block {p.u16(bp)}")
    elif op == 5:
        if ln < 2:
            p.trunc()
            return
        code = p.u16(bp)
        p.w(" " + _TFTP_ERRS.get(code, f"tftp-err-#{code} \""))
        bp += 2
        ln -= 2
        if ln == 0:
            p.trunc()
            return
        p.w(' "')
        used = _printztn(p, bp, ln)
        p.w('"')
        if used == 0:
            p.trunc()


_HTTP_CMDS = frozenset((
    "GET", "PUT", "COPY", "HEAD", "LOCK", "MOVE", "POLL", "POST", "BCOPY", "BMOVE", "MKCOL",
    "TRACE", "LABEL", "MERGE", "DELETE", "SEARCH", "UNLOCK", "REPORT", "UPDATE", "NOTIFY",
    "BDELETE", "CONNECT", "OPTIONS", "CHECKIN", "PROPFIND", "CHECKOUT", "CCHECKOUT",
    "PROPPATCH", "SUBSCRIBE", "MKACTIVITY", "MKWORKSPACE", "UNSUBSCRIBE", "RPCOUT_DATA",
    "RPCIN_DATA", "VERSION-CONTROL", "BASELINE-CONTROL",
))


def ssh_print(p: Pkt, bp: int, ln: int) -> None:
    """tcpdump's ssh_print: only an SSH version line ("SSH-2.0-...")."""
    p.proto = "ssh"
    for i, c in enumerate(b"SSH-"):
        if p.u8(bp + i) != c:
            return
    idx = 4
    while idx < ln:
        c = p.u8(bp + idx)
        if c == 0x0A:
            break
        if c == 0x0D:
            if idx + 1 >= ln or p.u8(bp + idx + 1) != 0x0A:
                return
            break
        if not 0x20 <= c < 0x7F:
            return
        idx += 1
    else:
        return
    p.w(": SSH: " + p.d[bp:bp + idx].decode("ascii"))


def _fetch_token(p: Pkt, bp: int, idx: int, ln: int) -> tuple[int, str]:
    tok = []
    while idx < ln:
        if not p.test(bp + idx, 1):
            return 0, ""
        c = p.d[bp + idx]
        if c >= 0x80:
            return 0, ""
        if c in (0x20, 0x09, 0x0D, 0x0A):
            break
        if not 0x20 <= c < 0x7F:
            return 0, ""
        if len(tok) + 2 > 129:
            return 0, ""
        tok.append(chr(c))
        idx += 1
    if not tok:
        return 0, ""
    while idx < ln:
        if not p.test(bp + idx, 1):
            break
        c = p.d[bp + idx]
        if c in (0x0D, 0x0A) or not 0x20 <= c < 0x7F or c not in (0x20, 0x09):
            break
        idx += 1
    return idx, "".join(tok)


def _txt_line(p: Pkt, prefix: str, bp: int, idx: int, ln: int) -> int:
    start = idx
    while idx < ln:
        c = p.u8(bp + idx)
        if c == 0x0A:
            linelen = idx - start
            idx += 1
            break
        if c == 0x0D:
            if idx + 1 >= ln:
                return 0
            if p.u8(bp + idx + 1) == 0x0A:
                linelen = idx - start
                idx += 2
                break
            return 0
        if not (0x20 <= c < 0x7F) and c != 0x09:
            return 0
        idx += 1
    else:  # printable to the end but no line ending: tcpdump calls it truncated
        p.w(prefix + p.d[bp + start:bp + idx].decode("ascii"))
        p.trunc()
        return 0
    p.w(prefix + p.d[bp + start:bp + start + linelen].decode("ascii"))
    return idx


_RTSP_CMDS = frozenset((
    "DESCRIBE", "ANNOUNCE", "GET_PARAMETER", "OPTIONS", "PAUSE", "PLAY", "RECORD", "REDIRECT",
    "SETUP", "SET_PARAMETER", "TEARDOWN",
))


SIP_CMDS = frozenset((
    "ACK", "BYE", "CANCEL", "DO", "INFO", "INVITE", "MESSAGE", "NOTIFY", "OPTIONS", "PRACK",
    "QAUTH", "REFER", "REGISTER", "SPRACK", "SUBSCRIBE", "UPDATE", "PUBLISH",
))


def txtproto(p: Pkt, bp: int, ln: int, proto: str, cmds: frozenset[str] | None) -> None:
    """tcpdump's txtproto_print: the protocol's name, then the request or
    status line (with -v every text line); ``cmds`` None means a protocol
    that is all text (FTP, SMTP, WHOIS), else its request words (HTTP,
    RTSP, SIP: the status code is the second token)."""
    p.proto = proto
    print_this = cmds is None
    if cmds is not None:
        idx, tok = _fetch_token(p, bp, 0, ln)
        if idx:
            if tok.upper() in cmds:
                print_this = True
            idx, tok = _fetch_token(p, bp, idx, ln)
            if idx and len(tok) == 3 and tok.isdigit():
                print_this = True
    p.w(proto.upper())
    if not print_this:
        return
    if p.o.v:
        p.w(f", length: {ln}")
        idx = 0
        for _ in range(ln + 1):
            if idx >= ln:
                break
            eol = _txt_line(p, "\n\t", bp, idx, ln)
            if eol == 0:
                break
            idx = eol
    else:
        _txt_line(p, ": ", bp, 0, ln)


# Text protocols tcpdump 4.99.3 prints over TCP, by port.
TCP_TEXT = {21: ("ftp", None), 25: ("smtp", None), 43: ("whois", None),
             80: ("http", _HTTP_CMDS), 8080: ("http", _HTTP_CMDS),
             554: ("rtsp", _RTSP_CMDS), 8554: ("rtsp", _RTSP_CMDS)}


_KRB4_TYPES = {2: "KDC_REQUEST", 4: "KDC_REPLY", 6: "APPL_REQUEST", 8: "APPL_REQUEST_MUTUAL",
               10: "ERR_REPLY", 12: "PRIVATE", 14: "SAFE", 16: "APPL_ERR", 126: "DIE"}
_KRB4_ERRORS = ("OK", "NAME_EXP", "SERVICE_EXP", "AUTH_EXP", "PKT_VER", "NAME_MAST_KEY_VER",
                "SERV_MAST_KEY_VER", "BYTE_ORDER", "PRINCIPAL_UNKNOWN", "PRINCIPAL_NOT_UNIQUE",
                "NULL_KEY")


def _krb_string(p: Pkt, cp: int) -> int:
    """tcpdump's c_print: a NUL-terminated string within the capture; the
    offset after it (Trunc, after printing what there was, when no NUL)."""
    while cp < p.end:
        c = p.u8(cp)
        cp += 1
        if c == 0:
            return cp
        p.w(fn_char(c))
    raise Trunc(local=True)


def krb_print(p: Pkt, bp: int) -> None:
    """tcpdump's krb_print: the protocol version; Kerberos 4 messages in some
    detail (Kerberos 5 is ASN.1 that tcpdump does not decode)."""
    p.proto = "krb"
    if bp >= p.end:
        raise Trunc(local=True)
    pvno = p.u8(bp)
    if pvno in (1, 2, 3, 4):
        p.w(f" v{pvno}")
    elif pvno in (106, 107):
        p.w(" v5")
    if pvno != 4:
        return
    b = p.u8(bp + 1)
    kind, le = b & 0xFE, b & 1
    p.w(f" {'le' if le else 'be'} {_KRB4_TYPES.get(kind, f'#{kind}')}: ")

    def u16(at: int) -> int:
        return int.from_bytes(p.b(at, 2), "little" if le else "big")

    def header(cp: int) -> int:
        cp = _krb_string(p, cp + 2)
        p.w(".")
        cp = _krb_string(p, cp)
        p.w("@")
        return _krb_string(p, cp)

    if kind == 2:
        cp = header(bp) + 4
        p.w(f" {p.u8(cp) * 5}min ")
        cp = _krb_string(p, cp + 1)
        p.w(".")
        _krb_string(p, cp)
    elif kind == 6:
        p.w(f"v{p.u8(bp + 2)} ")
        cp = _krb_string(p, bp + 3)
        p.w(f" ({p.u8(cp)})")
        p.w(f" ({p.u8(cp + 1)})")
    elif kind == 4:
        p.w(f" ({u16(header(bp) + 10)})")
    elif kind == 10:
        cp = header(bp) + 4
        err = u16(cp)
        p.w(f" {_KRB4_ERRORS[err] if err < len(_KRB4_ERRORS) else f'#{err}'} ")
        _krb_string(p, cp + 4)
    else:
        p.w("(unknown)")


class _RespCut(Exception):
    """A RESP printer gave up (tcpdump's "goto trunc": the mark, then stop)."""


def resp_print(p: Pkt, bp: int, ln: int) -> None:
    """Redis's RESP (TCP port 6379) as tcpdump's resp_print: each command or
    reply of a pipeline as quoted strings, "empty", "null" and the like."""
    p.proto = "resp"
    p.w(": RESP")
    try:
        while ln:
            n = _resp_parse(p, bp, ln)
            bp, ln = bp + n, ln - n
    except _RespCut:
        raise Trunc(local=True) from None


def _resp_segment(p: Pkt, at: int, n: int) -> None:
    """RESP_PRINT_SEGMENT: ' "text"', or a cut at the end of the capture."""
    p.w(' "')
    for i in range(n):
        if at + i >= p.end:
            raise _RespCut
        p.w(fn_char(p.d[at + i]))
    p.w('"')


def _resp_find_crlf(p: Pkt, at: int, left: int) -> tuple[int, int]:
    while True:
        if left < 2 or not p.test(at, 2):
            raise _RespCut
        if p.d[at] == 0x0D and p.d[at + 1] == 0x0A:
            return at, left
        at, left = at + 1, left - 1


def _resp_skip_cr_lf(p: Pkt, at: int, left: int) -> tuple[int, int]:
    found = False
    while True:
        if left == 0 or not p.test(at, 1):
            if found:
                return at, left
            raise _RespCut
        if p.d[at] not in (0x0D, 0x0A):
            return at, left
        found, at, left = True, at + 1, left - 1


def _resp_length(p: Pkt, at: int, left: int) -> tuple[int, int, int]:
    """resp_get_length: (value or -2 cut, -3 too large, -4 negative, -5 invalid; end; left)."""
    if left == 0:
        return -2, at, left
    too_large = neg = False
    if p.u8(at) == 0x2D:
        neg, at, left = True, at + 1, left - 1
    result, digits = 0, False
    while True:
        if left == 0:
            return -2, at, left
        c = p.u8(at)
        if not 0x30 <= c <= 0x39:
            if not digits:
                return -5, at + 1, left
            break
        c -= 0x30
        if result > 214748364:
            too_large = True
        elif result == 2147483640 and c > 7:
            too_large = True
        else:
            result = result * 10 + c
        at, left, digits = at + 1, left - 1, True
    if p.u8(at) != 0x0D:
        return -5, at + 1, left
    at, left = at + 1, left - 1
    if left == 0:
        return -2, at, left
    if p.u8(at) != 0x0A:
        return -5, at + 1, left
    at, left = at + 1, left - 1
    if neg:
        return (-4 if too_large or result != 1 else -1), at, left
    return (-3 if too_large else result), at, left


_RESP_BAD = {-1: " null", -3: " length too large", -4: " length negative and not -1"}


def _resp_parse(p: Pkt, bp: int, ln: int) -> int:
    """resp_parse: one item at bp; the bytes it took."""
    if ln < 1:
        raise _RespCut
    op = p.u8(bp)
    if op in b"+-:":  # simple string, error, integer: the text to CRLF
        end, _ = _resp_find_crlf(p, bp + 1, ln - 1)
        _resp_segment(p, bp + 1, end - bp - 1)
        return end - bp + 2
    if op == 0x24:  # bulk string: $<length>CRLF<bytes>CRLF
        n, at, _ = _resp_length(p, bp + 1, ln - 1)
        left = ln - (at - bp)  # (GET_LENGTH: what is left after where the length parse stopped)
        if n >= 0:
            if n == 0:
                p.w(" empty")
            else:
                if left < n or not p.test(at, n):
                    raise _RespCut
                _resp_segment(p, at, n)
                at, left = at + n, left - n
            at, left = _resp_find_crlf(p, at, left)
            left -= 2
        elif n == -2:
            raise _RespCut
        else:
            p.w(_RESP_BAD.get(n, " invalid"))
        return ln - left
    if op == 0x2A:  # array: *<count>CRLF, then the items
        n, at, _ = _resp_length(p, bp + 1, ln - 1)
        left = ln - (at - bp)
        if n > 0:
            for _ in range(n):
                used = _resp_parse(p, at, left)
                at, left = at + used, (left - used) & 0xFFFFFFFF
        elif n == 0:
            p.w(" empty")
        elif n == -2:
            raise _RespCut
        else:
            p.w(_RESP_BAD.get(n, " invalid"))
        return (ln - left) & 0xFFFFFFFF
    at, left = _resp_skip_cr_lf(p, bp, ln)  # an inline command: text to CR or LF
    end = at
    while True:
        if left < 1:
            raise _RespCut
        if p.u8(end) in (0x0D, 0x0A):
            break
        end, left = end + 1, left - 1
    _resp_segment(p, at, end - at)
    _, left = _resp_skip_cr_lf(p, end, left)
    return ln - left


def ripng_print(p: Pkt, bp: int, ln: int) -> None:
    """RIPng (RFC 2080, UDP port 521) as tcpdump's ripng_print: requests and
    responses with each route's prefix, route tag and metric."""
    from craft.fmt.tcpdump_base import ip6

    p.proto = "ripng"
    vers = p.u8(bp + 1)
    if vers != 1:
        p.w(f" [vers {vers}] (invalid)")
        return
    cmd = p.u8(bp)
    if cmd not in (1, 2):
        p.w(f" ripng-{cmd} ?? {ln} (invalid)")
        return
    if ln < 4:
        p.w(" (invalid)")
        return
    left = ln - 4
    count = left // 20
    at = bp + 4
    if cmd == 1 and count == 1 and p.u8(at + 19) == 16 and p.b(at, 16) == bytes(16):
        p.w(" ripng-req dump")
        return
    word = "req" if cmd == 1 else "resp"
    p.w(f" ripng-{word} {count}[{ln}]:" if count * 20 != left else f" ripng-{word} {count}:")
    while left >= 20:
        p.w("\n\t" if p.o.v > 1 else " ")
        p.w(f"{ip6(p.b(at, 16))}/{p.u8(at + 18)}")
        tag = p.u16(at + 16)
        if tag:
            p.w(f" [{tag}]")
        metric = p.u8(at + 19)
        if metric and cmd == 2:
            p.w(f" ({metric})")
        at, left = at + 20, left - 20
    if left:
        p.w(" (invalid)")
