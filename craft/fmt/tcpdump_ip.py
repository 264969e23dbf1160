"""tcpdump 4.99's IPv4, IPv6 (with extension headers), TCP, UDP, ICMP, IGMP,
ARP, GRE, VXLAN and IPsec printers, and the text protocols it prints by port
(private to craft.fmt.tcpdump)."""

from __future__ import annotations

import struct

from craft.fmt.tcpdump_base import (
    IPPROTO,
    Pkt,
    Trunc,
    bittok,
    cksum,
    fields,
    fn_char,
    ip4,
    ip6,
    mac,
    shouldbe,
)
from craft.fmt.tcpdump_dns import domain_print

MAX_EXT_HEADERS = 64  # extension headers walked per packet (bounded)


# ------------------------------------------------------------------ demux

def ip_demux(p: Pkt, off: int, length: int, ver: int, fragmented: bool, nh: int,
             iph: int) -> None:
    """tcpdump's ip_demux_print for the protocols craft prints."""
    for _ in range(MAX_EXT_HEADERS):  # AH headers in a row (bounded)
        if nh != 51:
            break
        if not p.test(off, 1):
            p.proto = "ah"
            p.trunc()
            return
        nxt = p.d[off]
        advance = _ah_print(p, off)
        off += advance
        length -= advance
        nh = nxt
    if nh == 50:
        _esp_print(p, off, length)
    elif nh == 6:
        tcp_print(p, off, length, iph, fragmented)
    elif nh == 17:
        udp_print(p, off, length, iph, fragmented)
    elif nh == 1:
        if ver == 4:
            icmp_print(p, off, length, iph, fragmented)
        else:
            p.w(f"[{IPPROTO.get(nh, 'unknown')} requires IPv4] (invalid)")
    elif nh == 58:
        if ver == 6:
            _icmp6()(p, off, length, iph, fragmented)
        else:
            p.w(f"[{IPPROTO.get(nh, 'unknown')} requires IPv6] (invalid)")
    elif nh == 4:
        if p.st.depth_ok():
            ip_print(p, off, length)
    elif nh == 41:
        if p.st.depth_ok():
            ip6_print(p, off, length)
    elif nh == 59:
        p.w("no next header")
    elif nh == 2 and ver == 4:
        igmp_print(p, off, length)
    elif nh == 47:
        if p.st.depth_ok():
            _gre_print(p, off, length)
    elif nh == 77:  # Sun ND, which tcpdump names
        p.w(f" nd {length}")
    elif ver == 6 and nh == 2:
        p.w(f"[{IPPROTO.get(nh, 'unknown')} requires IPv4] (invalid)")
    elif nh == 143:  # Ethernet in IPv6 (RFC 8986 SRv6)
        if ver == 6:
            from craft.fmt.tcpdump import ether_print
            if p.st.depth_ok():
                ether_print(p, off, length, p.avail(off))
        else:
            p.w("[Ethernet requires IPv6] (invalid)")
    else:
        p.w(f" ip-proto-{nh} {length}")


def _ah_print(p: Pkt, off: int) -> int:
    """IPsec AH (RFC 4302) as tcpdump prints it; returns its length."""
    p.proto = "ah"
    p.w("AH")
    ln = p.u8(off + 1)
    hlen = (ln + 2) * 4
    p.w("(")
    if p.o.v:
        p.w(f"length={ln}({hlen}-bytes),")
    rsv = p.u16(off + 2)
    if rsv:
        p.w(f"reserved=0x{rsv:x}[MustBeZero],")
    p.w(f"spi=0x{p.u32(off + 4):08x},")
    p.w(f"seq=0x{p.u32(off + 8):x},")
    p.w("icv=0x")
    for i in range(off + 12, off + hlen):
        p.w(f"{p.u8(i):02x}")
    p.w("): ")
    return hlen


_GRE_FLAGS = ((0x8000, "checksum present"), (0x4000, "routing present"),
              (0x2000, "key present"), (0x1000, "sequence# present"), (0x0800, "source routing present"),
              (0x0080, "ack present"))


def _gre_print(p: Pkt, off: int, length: int) -> None:
    """GRE version 0 (RFC 2784/2890) as tcpdump prints it; the payload
    (IPv4, IPv6, Ethernet) is printed in turn. Source routes are not."""
    from craft.fmt.tcpdump import ether_print
    from craft.fmt.tcpdump_base import ETHERTYPES, bittok
    p.proto = "gre"
    p.need(off, 2)
    if length < 2:
        raise Trunc(local=True)
    flags = p.u16(off)
    vers = flags & 7
    p.w(f"GREv{vers}")
    if vers > 1:
        p.w(" ERROR: unknown-version")
        return
    o = p.o
    if o.v:
        p.w(f", Flags [{bittok(_GRE_FLAGS, 'none', flags)}]")
    if vers == 1:
        _gre_v1(p, off, length, flags)
        return
    ln = length - 2
    bp = off + 2
    p.need(bp, 2)
    if ln < 2:
        raise Trunc(local=True)
    prot = p.u16(bp)
    bp += 2
    ln -= 2
    if flags & 0xC000:
        p.need(bp, 2)
        if ln < 2:
            raise Trunc(local=True)
        if o.v:
            p.w(f", sum 0x{p.u16(bp):x}")
        p.need(bp + 2, 2)
        if ln < 4:
            raise Trunc(local=True)
        p.w(f", off 0x{p.u16(bp + 2):x}")
        bp += 4
        ln -= 4
    if flags & 0x2000:
        p.need(bp, 4)
        if ln < 4:
            raise Trunc(local=True)
        p.w(f", key=0x{p.u32(bp):x}")
        bp += 4
        ln -= 4
    if flags & 0x1000:
        p.need(bp, 4)
        if ln < 4:
            raise Trunc(local=True)
        p.w(f", seq {p.u32(bp)}")
        bp += 4
        ln -= 4
    if flags & 0x4000:  # source route entries (RFC 1701): their families only
        for _ in range(256):
            p.need(bp, 4)
            if ln < 4:
                raise Trunc(local=True)
            af, srelen = p.u16(bp), p.u8(bp + 3)
            bp += 4
            ln -= 4
            if af == 0 and srelen == 0:
                break
            words = {0x0800: "ip", 0xFFFE: "asn"}
            p.w(f", (rtaf={words[af]})" if af in words else f", (rtaf=0x{af:x})")
            if ln < srelen:
                raise Trunc(local=True)
            bp += srelen
            ln -= srelen
    if o.e:
        p.w(f", proto {ETHERTYPES.get(prot, 'unknown')} (0x{prot:04x})")
    p.w(f", length {length}")
    p.w("\n\t" if o.v else ": ")
    if prot == 0x0800:
        ip_print(p, bp, ln)
    elif prot == 0x86DD:
        ip6_print(p, bp, ln)
    elif prot == 0x6558:
        ether_print(p, bp, ln, p.avail(bp))
    else:
        p.w(f"gre-proto-0x{prot:x}")


def _gre_v1(p: Pkt, off: int, length: int, flags: int) -> None:
    """Enhanced GRE (PPTP, RFC 2637); the PPP payload is not decoded by craft."""
    from craft.fmt.tcpdump_base import ETHERTYPES
    ln = length - 2
    bp = off + 2
    p.need(bp, 2)
    if ln < 2:
        raise Trunc(local=True)
    prot = p.u16(bp)
    bp += 2
    ln -= 2
    for bit, word in ((0x2000, "call"), (0x1000, "seq"), (0x0080, "ack")):
        if flags & bit:
            p.need(bp, 4)
            if ln < 4:
                raise Trunc(local=True)
            value = p.u32(bp)
            p.w(f", {word} {value & 0xFFFF if bit == 0x2000 else value}")
            bp += 4
            ln -= 4
    if not flags & 0x1000:
        p.w(", no-payload")
    if p.o.e:
        p.w(f", proto {ETHERTYPES.get(prot, 'unknown')} (0x{prot:04x})")
    p.w(f", length {length}")
    if not flags & 0x1000:
        return
    p.w("\n\t" if p.o.v else ": ")
    p.w(f"gre-proto-0x{prot:x}" if prot != 0x880B else "")


_RIP_CMDS = {1: "Request", 2: "Response", 3: "Trace on", 4: "Trace off", 5: "Poll",
             6: "Poll Entry"}


def _rip_print(p: Pkt, bp: int, ln: int) -> None:
    """RIP's first line as tcpdump prints it (the -v route list is not
    decoded by craft)."""
    p.proto = "rip"
    p.need(bp, 4)
    if ln < 4:
        p.w(" (invalid)")
        return
    cmd, vers = p.u8(bp), p.u8(bp + 1)
    p.w(f"RIPv{vers}, {_RIP_CMDS.get(cmd, f'unknown command ({cmd})')}, length: {ln}")


_SYSLOG_FACILITIES = ("kernel", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
                      "uucp", "cron", "authpriv", "ftp", "ntp", "security", "console", "cron",
                      "local0", "local1", "local2", "local3", "local4", "local5", "local6",
                      "local7")
_SYSLOG_SEVERITIES = ("emergency", "alert", "critical", "error", "warning", "notice", "info",
                      "debug")


def _syslog_print(p: Pkt, bp: int, ln: int) -> None:
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


def _bootp_print(p: Pkt, bp: int, ln: int) -> None:
    """BOOTP/DHCP's first line as tcpdump prints it (the -v option list is
    not decoded by craft)."""
    p.proto = "bootp"
    op = p.u8(bp)
    p.w(f"BOOTP/DHCP, {({1: 'Request', 2: 'Reply'}).get(op, f'unknown (0x{op:02x})')}")
    if p.u8(bp + 1) == 1 and p.u8(bp + 2) == 6 and op == 1:
        p.w(f" from {mac(p.b(bp + 28, 6))}")
    p.w(f", length {ln}")


_NTP_MODES = {0: "unspecified", 1: "symmetric active", 2: "symmetric passive", 3: "Client",
              4: "Server", 5: "Broadcast", 6: "Control Message", 7: "Reserved"}
_NTP_LEAP = {0: "", 0x40: "+1s", 0x80: "-1s", 0xC0: "clock unsynchronized"}
_NTP_STRATA = {0: "unspecified", 1: "primary reference"}
_JAN_1970 = 2208988800  # NTP era 0 seconds at the Unix epoch


def _ntp_time(p: Pkt, at: int) -> None:
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
        _ntp_time(p, at)
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


def _ntp_print(p: Pkt, bp: int, ln: int) -> None:
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
    if mode == 6:
        control = p.u8(bp + 1)
        p.w(f", {'Response' if control & 0x80 else 'Request'}, "
            f"{'Error' if control & 0x40 else 'OK'}, {'More' if control & 0x20 else 'Last'}, "
            f"OpCode={control & 0x1F}")
        p.w(f"\n\tSequence={p.u16(bp + 2)}")
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
            p.w("\n\tTO-BE-DONE")
        return
    if mode == 7:
        return
    if ln < 48:
        p.w(" (invalid)")
        p.need(bp, ln)
        return
    stratum = p.u8(bp + 1)
    words = _NTP_STRATA.get(stratum, "secondary reference" if 2 <= stratum <= 15 else "reserved")
    poll = p.u8(bp + 2)
    poll = poll - 256 if poll > 127 else poll
    p.w(f", Stratum {stratum} ({words}), poll {poll}")
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
    elif stratum == 252:
        p.w(f"{ip4(p.b(bp + 12, 4))} INFO_QUERY")
        return
    elif stratum == 253:
        p.w(f"{ip4(p.b(bp + 12, 4))} INFO_REPLY")
        return
    else:
        p.w(f"0x{p.u32(bp + 12):08x}")
    for label, at in (("Reference Timestamp:  ", 16), ("Originator Timestamp: ", 24),
                      ("Receive Timestamp:    ", 32), ("Transmit Timestamp:   ", 40)):
        p.need(bp + at, 8)
        p.w(f"\n\t  {label}")
        _ntp_time(p, bp + at)
    p.w("\n\t    Originator - Receive Timestamp:  ")
    _ntp_delta(p, bp + 24, bp + 32)
    p.w("\n\t    Originator - Transmit Timestamp: ")
    _ntp_delta(p, bp + 24, bp + 40)
    if ln == 52:
        p.w(f"\n\tKey id: {p.u32(bp + 48)}")
    elif ln == 68:
        p.w(f"\n\tKey id: {p.u32(bp + 48)}")
        p.w("\n\tAuthentication: " + "".join(f"{p.u32(bp + 52 + 4 * k):08x}" for k in range(4)))
    elif ln == 72:
        p.w(f"\n\tKey id: {p.u32(bp + 48)}")
        p.w("\n\tAuthentication: " + "".join(f"{p.u32(bp + 52 + 4 * k):08x}" for k in range(5)))
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


def _tftp_print(p: Pkt, bp: int, ln: int) -> None:
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


def _vxlan_print(p: Pkt, bp: int, ln: int) -> None:
    """VXLAN (RFC 7348) and the Ethernet frame it carries, as 4.99.3 (which
    starts the inner frame on a new line)."""
    from craft.fmt.tcpdump import ether_print
    p.proto = "vxlan"
    p.w("VXLAN")
    if ln < 8:
        p.w(" (invalid)")
        return
    flags = p.u8(bp)
    p.w(f", flags [{'I' if flags & 0x08 else 'invalid'}] (0x{flags:02x}), ")
    vni = (p.u16(bp + 4) << 8) | p.u8(bp + 6)
    p.w(f"vni {vni}\n")
    if p.st.depth_ok():
        ether_print(p, bp + 8, ln - 8, p.avail(bp + 8))


_GENEVE_CLASSES = {0x0100: "Linux", 0x0101: "Open vSwitch (OVS)",
                   0x0102: "Open Virtual Networking (OVN)",
                   0x0103: "In-band Network Telemetry (INT)", 0x0104: "VMware"}


def _geneve_print(p: Pkt, bp: int, ln: int) -> None:
    """Geneve (RFC 8926) and what it carries, as 4.99.3."""
    from craft.fmt.tcpdump import _ethertype_print, ether_print
    from craft.fmt.tcpdump_base import ETHERTYPES
    p.proto = "geneve"
    p.w("Geneve")
    if ln < 8:
        p.w(f" [length {ln} < 8] (invalid)")
        return
    ver_opt = p.u8(bp)
    if ver_opt >> 6:
        p.w(f" ERROR: unknown-version {ver_opt >> 6}")
        return
    flags = p.u8(bp + 1)
    ptype = p.u16(bp + 2)
    fl = ("O" if flags & 0x80 else "") + ("C" if flags & 0x40 else "")
    p.w(f", Flags [{fl or 'none'}]")
    p.w(f", vni 0x{(p.u16(bp + 4) << 8) | p.u8(bp + 6):x}")
    bp += 8
    ln -= 8
    if p.o.e:
        p.w(f", proto {ETHERTYPES.get(ptype, 'unknown')} (0x{ptype:04x})")
    opts_len = (ver_opt & 0x3F) * 4
    if ln < opts_len:
        p.w(f" (opts_len {opts_len} > {ln} (invalid)")
        return
    p.need(bp, opts_len)
    if opts_len:
        p.w(", options [")
        if p.o.v:
            o, left, sep = bp, opts_len, ""
            while left > 0:
                p.w(sep)
                sep = ", "
                cls, typ = p.u16(o), p.u8(o + 2)
                olen = 4 + (p.u8(o + 3) & 0x1F) * 4
                word = ("Standard" if cls <= 0xFF else "Experimental" if cls >= 0xFFF0
                        else _GENEVE_CLASSES.get(cls, "Unknown"))
                p.w(f"class {word} (0x{cls:x}) type 0x{typ:x}{'(C)' if typ & 0x80 else ''}"
                    f" len {olen}")
                if olen > left:
                    p.w(" [bad length]")
                    break
                if p.o.v > 1 and olen > 4:
                    p.w(" data" + "".join(f" {p.u32(o + k):08x}" for k in range(4, olen, 4)))
                o += olen
                left -= olen
        else:
            p.w(f"{opts_len} bytes")
        p.w("]")
    bp += opts_len
    ln -= opts_len
    p.w("\n\t" if p.o.v else ": ")
    if not p.st.depth_ok():
        return
    if not _ethertype_print(p, ptype, bp, ln, p.avail(bp)):
        if ptype == 0x6558:
            ether_print(p, bp, ln, p.avail(bp))
        else:
            p.w(f"geneve-proto-0x{ptype:x}")


def _esp_print(p: Pkt, off: int, length: int) -> None:
    """IPsec ESP (RFC 4303): the clear part only, as tcpdump without secrets."""
    p.proto = "esp"
    if off + 8 >= p.end:
        p.trunc()
        return
    p.w(f"ESP(spi=0x{p.u32(off):08x},seq=0x{p.u32(off + 4):x}), length {length}")


def _icmp6():  # type: ignore[no-untyped-def]
    from craft.fmt.tcpdump_icmp6 import icmp6_print  # (it imports this module)
    return icmp6_print


def ipn_print(p: Pkt, off: int, length: int) -> None:
    p.proto = "ipn"
    if length < 1:
        p.w(f"truncated-ip {length}")
        return
    v = p.u8(off) & 0xF0
    if v == 0x40:
        ip_print(p, off, length)
    elif v == 0x60:
        ip6_print(p, off, length)
    else:
        p.w(f"unknown ip {v >> 4}")


# ------------------------------------------------------------------- IPv4

_IPOPT = {0: "EOL", 1: "NOP", 68: "timestamp", 130: "security", 7: "RR", 137: "SSRR",
          131: "LSRR", 148: "RA", 82: "traceroute"}
_FRAG = ((0x2000, "+"), (0x4000, "DF"), (0x8000, "rsvd"))


class _OptTrunc(Exception):
    """An option's bytes run past the capture: tcpdump's [truncated-option]."""


def _printroute(p: Pkt, cp: int, length: int) -> None:
    if length < 3:
        p.w(f" [bad length {length}]")
        return
    if (length + 1) & 3:
        p.w(f" [bad length {length}]")
    ptr = (p.u8(cp + 2) - 1) & 0xFFFFFFFF  # u_int in tcpdump
    if ptr < 3 or ((ptr + 1) & 3) or ptr > length + 1:
        p.w(f" [bad ptr {p.u8(cp + 2)}]")
    ln = 3
    while ln < length:
        if not p.test(cp + ln, 4):
            raise _OptTrunc
        p.w(" " + ip4(p.b(cp + ln, 4)))
        if ptr > ln:
            p.w(",")
        ln += 4


def _printts(p: Pkt, cp: int, length: int) -> None:
    if length < 4:
        p.w(f"[bad length {length}]")
        return
    p.w(" TS{")
    flag = p.u8(cp + 3)
    hoplen = 8 if (flag & 0xF) != 0 else 4
    if (length - 4) & (hoplen - 1):
        p.w(f"[bad length {length}]")
    ptr = (p.u8(cp + 2) - 1) & 0xFFFFFFFF  # u_int in tcpdump
    ln = 0
    if ptr < 4 or ((ptr - 4) & (hoplen - 1)) or ptr > length + 1:
        p.w(f"[bad ptr {p.u8(cp + 2)}]")
    kind = flag & 0xF
    if kind in (0, 1, 3):
        p.w({0: "TSONLY", 1: "TS+ADDR", 3: "PRESPEC"}[kind])
        sep = " "
        ln = 4
        while ln < length:
            if ptr == ln:
                sep = " ^ "
            if not p.test(cp + ln, hoplen):
                raise _OptTrunc
            addr = "" if hoplen != 8 else ip4(p.b(cp + ln, 4))
            p.w(f"{sep}{p.u32(cp + ln + hoplen - 4)}@{addr}")
            sep = " "
            ln += hoplen
    else:
        p.w(f"[bad ts type {kind}]")
    p.w(" ^ " if ptr == ln else "")
    if flag >> 4:
        p.w(f" [{flag >> 4} hops not recorded]}} ")
    else:
        p.w("}")


def _ip_optprint(p: Pkt, cp: int, length: int) -> None:
    """Raises _OptTrunc when an option runs past the capture, Trunc when even
    its code or length byte does (tcpdump gives up on the packet then)."""
    sep = ""
    while length > 0:
        p.w(sep)
        sep = ","
        code = p.u8(cp)
        p.w(_IPOPT.get(code, f"unknown {code}"))
        if code in (0, 1):
            olen = 1
        else:
            olen = p.u8(cp + 1)
            if olen < 2:
                p.w(f" [bad length {olen}]")
                return
        if olen > length:
            p.w(f" [bad length {olen}]")
            return
        if not p.test(cp, olen):
            raise _OptTrunc
        if code == 0:
            return
        if code == 68:
            _printts(p, cp, olen)
        elif code in (7, 131, 137):
            _printroute(p, cp, olen)
        elif code == 148:
            if olen < 4:
                p.w(f" [bad length {olen}]")
            elif p.u16(cp + 2):
                p.w(f" value {p.u16(cp + 2)}")
        cp += olen
        length -= olen


def ip_print(p: Pkt, off: int, length: int) -> None:
    p.proto = "ip"
    o = p.o
    ver = p.u8(off) >> 4
    if ver != 4:
        if ver == 6:
            p.w("IP6, wrong link-layer encapsulation (invalid)")
        else:
            p.w(f"IP{ver} (invalid)")
        return
    if not o.e:
        p.w("IP ")
    h = fields("ipv4", p, off, local=True)
    if length < 20:
        p.w(f"truncated-ip {length}")
        return
    hlen = h["ihl"] * 4
    if hlen < 20:
        p.w(f"bad-hlen {hlen}")
        return
    ln = h["len"]
    if length < ln:
        p.w(f"truncated-ip - {ln - length} bytes missing! ")
    if ln < hlen:
        p.w(f"bad-len {ln}")
        return
    p.push(off, ln)
    ln -= hlen
    frag = (h["flags"] << 13) | h["frag"]
    proto = h["proto"]
    src, dst = ip4(h["src"]), ip4(h["dst"])
    if o.v:
        tos = h["tos"]
        p.w(f"(tos 0x{tos:x}")
        p.w({0: "", 1: ",ECT(1)", 2: ",ECT(0)", 3: ",CE"}[tos & 3])
        if h["ttl"] >= 1:
            p.w(f", ttl {h['ttl']}")
        p.w(f", id {h['id']}, offset {(frag & 0x1FFF) * 8}, flags "
            f"[{bittok(_FRAG, 'none', frag & 0xE000)}], proto {IPPROTO.get(proto, 'unknown')}"
            f" ({proto}), length {h['len']}")
        truncated = False
        if hlen > 20:
            p.w(", options (")
            try:
                _ip_optprint(p, off + 20, hlen - 20)
            except _OptTrunc:
                p.w(" [truncated-option]")
                truncated = True
            p.w(")")
        if off + hlen <= p.end:
            s = cksum(p.d[off:off + hlen])
            if s:
                p.w(f", bad cksum {h['checksum']:x} (->{shouldbe(h['checksum'], s):x})!")
        p.w(")\n    ")
        if truncated:
            p.w(f"{src} > {dst}: ")
            p.trunc()
            p.pop()
            return
    if frag & 0x1FFF == 0:
        if proto not in (6, 17):  # (tcpdump's SCTP and DCCP printers also print them)
            p.w(f"{src} > {dst}: ")
        if not p.test(off, hlen):
            p.w(f" [remaining caplen({p.avail(off)}) < header length({hlen})]")
            raise Trunc
        ip_demux(p, off + hlen, ln, 4, bool(frag & 0x2000), proto, off)
    else:
        p.w(f"{src} > {dst}: ip-proto-{proto}")
    p.pop()


# ------------------------------------------------------------------- IPv6

def _ip6_opts(p: Pkt, bp: int, ln: int, jumbo: list[int], hbh: bool) -> bool:
    """tcpdump's ip6_opt_process; ``jumbo`` is [found, payload_len, seen].
    False when the options are cut short."""
    v = p.o.v
    i = 0
    while i < ln:
        t = p.u8(bp + i)
        if t == 0:
            optlen = 1
        elif i + 1 < ln:
            optlen = p.u8(bp + i + 1) + 2
        else:
            return False
        if i + optlen > ln:
            return False
        if t == 0:
            if v:
                p.w("(pad1)")
        elif t == 1:
            if ln - i < 2:
                p.w("(padn: trunc)")
                return False
            if v:
                p.w("(padn)")
        elif t == 5:
            if ln - i < 4:
                p.w("(rtalert: trunc)")
                return False
            if p.u8(bp + i + 1) != 2:
                p.w(f"(rtalert: invalid len {p.u8(bp + i + 1)})")
                return False
            if v:
                p.w(f"(rtalert: 0x{p.u16(bp + i + 2):04x}) ")
        elif t == 0xC2:
            if ln - i < 6:
                p.w("(jumbo: trunc)")
                return False
            if p.u8(bp + i + 1) != 4:
                p.w(f"(jumbo: invalid len {p.u8(bp + i + 1)})")
                return False
            jl = p.u32(bp + i + 2)
            if jumbo[2]:
                if v:
                    p.w(f"(jumbo: {jl} - already seen) ")
            else:
                jumbo[2] = 1
                if not hbh:
                    if v:
                        p.w(f"(jumbo: {jl} - not a hop-by-hop option) ")
                elif jumbo[1] != 0:
                    if v:
                        p.w(f"(jumbo: {jl} - payload len != 0) ")
                elif jl < 65536:
                    if v:
                        p.w(f"(jumbo: {jl} - < 65536) ")
                else:
                    jumbo[0] = 1
                    jumbo[1] = jl
                    if v:
                        p.w(f"(jumbo: {jl}) ")
        elif t == 0xC9:
            if ln - i < 18:
                p.w("(homeaddr: trunc)")
                return False
            if p.u8(bp + i + 1) < 16:
                p.w(f"(homeaddr: invalid len {p.u8(bp + i + 1)})")
                return False
            if v:
                p.w(f"(homeaddr: {ip6(p.b(bp + i + 2, 16))}")
                if p.u8(bp + i + 1) > 16:
                    p.w(" (invalid length)")
                p.w(") ")
        else:
            if ln - i < 2:
                p.w(f"(type {t}: trunc)")
                return False
            if v:
                p.w(f"(opt_type 0x{t:02x}: len={p.u8(bp + i + 1)})")
        i += optlen
    if v:
        p.w(" ")
    return True


def _opt_header(p: Pkt, cp: int, name: str, proto: str, jumbo: list[int], hbh: bool) -> int:
    p.proto = proto
    hlen = (p.u8(cp + 1) + 1) << 3
    p.need(cp, hlen)
    p.w(f"{name} ")
    # hop-by-hop options are always walked (for a jumbo length); others with -v
    if (hbh or p.o.v) and not _ip6_opts(p, cp + 2, hlen - 2, jumbo, hbh):
        p.trunc()
        return -1
    return hlen


def _rt6_print(p: Pkt, cp: int) -> int:
    p.proto = "rt6"
    p.w("RT6")
    ln = p.u8(cp + 1)
    p.w(f" (len={ln}")
    typ = p.u8(cp + 2)
    p.w(f", type={typ}")
    if typ == 0:
        p.w(" [Deprecated]")
    p.w(f", segleft={p.u8(cp + 3)}")
    if typ in (0, 2):
        rsv = p.u32(cp + 4)
        if rsv or p.o.v:
            p.w(f", rsv=0x{rsv:x}")
        if ln % 2 == 1:
            p.w(f" [invalid length {ln}] (invalid)")
            return -1
        a = cp + 8
        for i in range(ln >> 1):
            p.w(f", [{i}]{ip6(p.b(a, 16))}")
            a += 16
        p.w(") ")
        return (ln + 1) << 3
    if typ == 4:
        p.w(f", last-entry={p.u8(cp + 4)}")
        flags = p.u8(cp + 5)
        if flags or p.o.v:
            p.w(f", flags=0x{flags:x}")
        p.w(f", tag={p.u16(cp + 6):x}")
        a = cp + 8
        for i in range(ln >> 1):
            p.w(f", [{i}]{ip6(p.b(a, 16))}")
            a += 16
        p.w(") ")
        return (ln + 1) << 3
    p.w(" (unknown type) (invalid)")
    return -1


def _frag6_print(p: Pkt, cp: int, ip6off: int) -> int:
    p.proto = "frag6"
    offlg = p.u16(cp + 2)
    plen = p.u16(ip6off + 4)
    rest = (plen - (cp - ip6off) - 8 + 40) & 0xFFFFFFFFFFFFFFFF  # a u_long in tcpdump
    if p.o.v:
        p.w(f"frag (0x{p.u32(cp + 4):08x}:{offlg & 0xFFF8}|{rest})")
    else:
        p.w(f"frag ({offlg & 0xFFF8}|{rest})")
    if offlg & 0xFFF8:
        return -1
    p.w(" ")
    return 8


def ip6_print(p: Pkt, off: int, length: int) -> None:
    p.proto = "ip6"
    o = p.o
    p.need(off, 40)
    if length < 40:
        p.w(f"truncated-ip6 {length}")
        return
    if not o.e:
        p.w("IP6 ")
    ver = p.u8(off) >> 4
    if ver != 6:
        p.w(f"version error: {ver} != 6")
        return
    h = fields("ipv6", p, off)
    payload_len = h["plen"]
    if payload_len != 0:
        ln = payload_len + 40
        if length < ln:
            p.w(f"truncated-ip6 - {ln - length} bytes missing!")
    else:
        ln = length + 40
    nh = h["nh"]
    if o.v:
        p.w("(")
        if h["tc"]:
            p.w(f"class 0x{h['tc']:02x}, ")
        if h["fl"]:
            p.w(f"flowlabel 0x{h['fl']:05x}, ")
        p.w(f"hlim {h['hlim']}, next-header {IPPROTO.get(nh, 'unknown')} ({nh}) "
            f"payload length: {payload_len}) ")
    p.push(off, ln)
    cp = off
    advance = 40
    total = 0
    found_ext = False
    jumbo = [0, payload_len, 0]  # found valid jumbo, payload length, jumbo seen
    found_hbh = False
    ph = 255
    fragmented = False
    for _ in range(MAX_EXT_HEADERS):
        if not (cp < p.end and advance > 0):
            break
        if ln < advance:
            raise Trunc(local=True)
        cp += advance
        ln -= advance
        total += advance
        if cp == off + 40 and nh not in (6, 17):
            p.w(f"{ip6(h['src'])} > {ip6(h['dst'])}: ")
        if nh == 0:
            if found_hbh:
                p.w("[The Hop-by-Hop Options header was already found] (invalid)")
                return
            if ph != 255:
                p.w("[The Hop-by-Hop Options header don't follow the IPv6 header] (invalid)")
                return
            advance = _opt_header(p, cp, "HBH", "hbhopt", jumbo, True)
            if jumbo[1] == 0 and not jumbo[0]:
                p.w("[No valid Jumbo Payload Hop-by-Hop option found] (invalid)")
                return
            if advance < 0:
                return
            found_ext = found_hbh = True
            nh = p.u8(cp)
        elif nh == 60:
            advance = _opt_header(p, cp, "DSTOPT", "dstopt", [0, 0, 0], False)
            if advance < 0:
                return
            found_ext = True
            nh = p.u8(cp)
        elif nh == 44:
            advance = _frag6_print(p, cp, off)
            if advance < 0 or p.end <= cp + advance:
                return
            found_ext = True
            nh = p.u8(cp)
            fragmented = True
        elif nh == 43:
            p.need(cp, 1)
            advance = _rt6_print(p, cp)
            if advance < 0:
                return
            found_ext = True
            nh = p.u8(cp)
        else:
            if jumbo[0]:
                ln = jumbo[1] + 40
                if ln < total:
                    raise Trunc(local=True)
                if length < ln:
                    p.w(f"truncated-ip6 - {ln - length} bytes missing!")
                p.change(off, ln)
                ln -= total
            elif payload_len == 0:
                if found_ext:
                    raise Trunc(local=True)
                ln = 40
                p.change(off, ln)
                ln -= total
            ip_demux(p, cp, ln, 6, fragmented, nh, off)
            p.pop()
            return
        p.proto = "ip6"
        ph = nh
    p.pop()


# -------------------------------------------------------------------- TCP

_TCP_FLAGS = ((0x01, "F"), (0x02, "S"), (0x04, "R"), (0x08, "P"), (0x10, "."), (0x20, "U"),
              (0x40, "E"), (0x80, "W"), (0x100, "e"))
_TCPOPT = {0: "eol", 1: "nop", 2: "mss", 3: "wscale", 4: "sackOK", 5: "sack", 6: "echo",
           7: "echoreply", 8: "TS", 11: "cc", 12: "ccnew", 13: "", 19: "md5", 20: "scps",
           28: "uto", 29: "tcp-ao", 30: "mptcp", 34: "tfo", 254: "exp"}
_HTTP_CMDS = frozenset((
    "GET", "PUT", "COPY", "HEAD", "LOCK", "MOVE", "POLL", "POST", "BCOPY", "BMOVE", "MKCOL",
    "TRACE", "LABEL", "MERGE", "DELETE", "SEARCH", "UNLOCK", "REPORT", "UPDATE", "NOTIFY",
    "BDELETE", "CONNECT", "OPTIONS", "CHECKIN", "PROPFIND", "CHECKOUT", "CCHECKOUT",
    "PROPPATCH", "SUBSCRIBE", "MKACTIVITY", "MKWORKSPACE", "UNSUBSCRIBE", "RPCOUT_DATA",
    "RPCIN_DATA", "VERSION-CONTROL", "BASELINE-CONTROL",
))


_FLAG_WORDS = tuple(f"Flags [{''.join(w for b, w in _TCP_FLAGS if f & b) or 'none'}]"
                    for f in range(512))


class _BadOpt(Exception):
    pass


class _OptCut(Exception):
    """tcpdump's LENCHECK found the option's bytes not captured."""


def _lencheck(hlen: int, n: int, p: Pkt | None = None, cp: int = 0) -> None:
    """tcpdump's LENCHECK: the option claims more than the header holds
    ([bad opt]), or its bytes were not captured ([|tcp])."""
    if n > hlen:
        raise _BadOpt
    if p is not None and not p.test(cp, n):
        raise _OptCut


_MPTCP = ("capable", "join", "dss", "add-addr", "rem-addr", "prio", "fail", "fast-close",
          "unknown")


def _mptcp(p: Pkt, op: int, ln: int, flags: int) -> bool:
    """Multipath TCP option (RFC 8684) as tcpdump 4.99 prints it; False for
    a malformed one ([bad opt])."""
    if ln < 3:
        return False
    sub = min(p.u8(op + 2) >> 4, 8)
    p.w(f" {ln} {_MPTCP[sub]}")
    syn, ack = flags & 0x02, flags & 0x10
    if sub == 0:
        if not ((ln in (12, 4) and syn) or (ln in (20, 22) and ack and not syn)):
            return False
        version = p.u8(op + 2) & 0xF
        if version > 1:
            p.w(f" Unknown Version ({version})")
            return True
        p.w(f" v{version}")
        if p.u8(op + 3) & 0x80:
            p.w(" csum")
        if ln == 12 or ln >= 20:
            p.w(f" {{0x{int.from_bytes(p.b(op + 4, 8), 'big'):x}")
            if ln >= 20:
                p.w(f",0x{int.from_bytes(p.b(op + 12, 8), 'big'):x}")
            p.w("}")
        return True
    if sub == 1:
        if not ((ln == 12 and syn) or (ln == 16 and syn and ack) or (ln == 24 and ack)):
            return False
        if ln != 24:
            if p.u8(op + 2) & 1:
                p.w(" backup")
            p.w(f" id {p.u8(op + 3)}")
        if ln == 12:
            p.w(f" token 0x{p.u32(op + 4):x} nonce 0x{p.u32(op + 8):x}")
        elif ln == 16:
            p.w(f" hmac 0x{int.from_bytes(p.b(op + 4, 8), 'big'):x} nonce 0x{p.u32(op + 12):x}")
        else:
            p.w(" hmac 0x" + p.b(op + 4, 20).hex())
        return True
    if sub == 2:
        if ln < 4 or syn:
            return False
        f = p.u8(op + 3)
        if f & 0x10:
            p.w(" fin")
        o, n = op + 4, ln - 4
        if f & 0x01:
            p.w(" ack ")
            size = 8 if f & 0x02 else 4
            if n < size:
                return False
            p.w(f"{int.from_bytes(p.b(o, size), 'big')}")
            o, n = o + size, n - size
        if f & 0x04:
            p.w(" seq ")
            size = 8 if f & 0x08 else 4
            if n < size:
                return False
            p.w(f"{int.from_bytes(p.b(o, size), 'big')}")
            o, n = o + size, n - size
            if n < 4:
                return False
            p.w(f" subseq {p.u32(o)}")
            o, n = o + 4, n - 4
            if n < 2:
                return False
            p.w(f" len {p.u16(o)}")
            o, n = o + 2, n - 2
            if n >= 2:
                p.w(f" csum 0x{p.u16(o):x}")
                n -= 2
        return n == 0
    if sub == 3:
        ipver = p.u8(op + 2) & 0xF
        if not ((ln in (8, 10) and ipver == 4) or (ln in (20, 22) and ipver == 6)):
            return False
        p.w(f" id {p.u8(op + 3)}")
        if ipver == 4:
            p.w(f" {ip4(p.b(op + 4, 4))}")
            if ln == 10:
                p.w(f":{p.u16(op + 8)}")
        else:
            p.w(f" {ip6(p.b(op + 4, 16))}")
            if ln == 22:
                p.w(f":{p.u16(op + 20)}")
        return True
    if sub == 4:
        if ln < 4:
            return False
        p.w(" id" + "".join(f" {c}" for c in p.b(op + 3, ln - 3)))
        return True
    if sub == 5:
        if ln not in (3, 4):
            return False
        p.w(" backup" if p.u8(op + 2) & 1 else " non-backup")
        if ln == 4:
            p.w(f" id {p.u8(op + 3)}")
        return True
    if sub in (6, 7):
        if ln != 12:
            return False
        value = int.from_bytes(p.b(op + 4, 8), "big")
        p.w(f" seq {value}" if sub == 6 else f" key 0x{value:x}")
        return True
    return True


def _tfo(p: Pkt, cp: int, datalen: int, exp: bool) -> None:
    if exp:
        p.w("tfo")
    if datalen == 0:
        p.w(" cookiereq")
    elif datalen % 2 != 0 or datalen < 4 or datalen > 16:
        p.w(" (invalid)")
    else:
        p.w(" cookie " + p.b(cp, datalen).hex())


_FAST_OPTS = {0: 1, 1: 1, 2: 4, 3: 3, 4: 2, 8: 10}  # kind -> its only valid length


def _tcp_options_fast(p: Pkt, cp: int, hlen: int) -> str | None:
    """The common options (eol, nop, mss, wscale, sackOK, TS), all well formed
    and captured, in one pass; None sends the list to the careful walker."""
    d = p.d
    end = cp + hlen
    if end > p.end:
        return None
    parts = []
    while cp < end:
        kind = d[cp]
        n = _FAST_OPTS.get(kind)
        if n is None or cp + n > end:
            return None
        if n > 1 and d[cp + 1] != n:
            return None
        if kind == 1:
            parts.append("nop")
        elif kind == 8:
            parts.append(f"TS val {_U32(d, cp + 2)[0]} ecr {_U32(d, cp + 6)[0]}")
        elif kind == 2:
            parts.append(f"mss {_U16(d, cp + 2)[0]}")
        elif kind == 3:
            parts.append(f"wscale {d[cp + 2]}")
        elif kind == 4:
            parts.append("sackOK")
        else:
            parts.append("eol")
            break
        cp += n
    return ", options [" + ",".join(parts) + "]"


_U16 = struct.Struct("!H").unpack_from
_U32 = struct.Struct("!I").unpack_from


def _tcp_options(p: Pkt, cp: int, hlen: int, rev: bool, thseq: int, thack: int,
                 flags: int = 0) -> None:
    fast = _tcp_options_fast(p, cp, hlen)
    if fast is not None:
        p.w(fast)
        return
    p.w(", options [")
    ch = ""
    try:
        for _ in range(hlen):  # each pass consumes at least one byte
            if hlen <= 0:
                break
            p.w(ch)
            opt = p.u8(cp)
            cp += 1
            if opt in (0, 1):
                ln = 1
            else:
                ln = p.u8(cp)
                cp += 1
                if ln < 2 or ln > hlen:
                    raise _BadOpt
                hlen -= 1
            hlen -= 1
            datalen = 0

            p.w(_TCPOPT.get(opt, f"unknown-{opt}"))
            if opt == 2:
                datalen = 2
                _lencheck(hlen, p=p, cp=cp, n=2)
                p.w(f" {p.u16(cp)}")
            elif opt == 3:
                datalen = 1
                _lencheck(hlen, p=p, cp=cp, n=1)
                p.w(f" {p.u8(cp)}")
            elif opt == 5:
                datalen = ln - 2
                if datalen % 8 != 0:
                    p.w(" invalid sack")
                else:
                    p.w(f" {datalen // 8} ")
                    for i in range(0, datalen, 8):
                        _lencheck(hlen, p=p, cp=cp, n=i + 4)
                        s = p.u32(cp + i)
                        _lencheck(hlen, p=p, cp=cp, n=i + 8)
                        e = p.u32(cp + i + 4)
                        base = thseq if rev else thack
                        p.w(f"{{{(s - base) & 0xFFFFFFFF}:{(e - base) & 0xFFFFFFFF}}}")
            elif opt in (6, 7, 11, 12, 13):
                datalen = 4
                _lencheck(hlen, p=p, cp=cp, n=4)
                p.w(f" {p.u32(cp)}")
            elif opt == 8:
                datalen = 8
                _lencheck(hlen, p=p, cp=cp, n=8)
                p.w(f" val {p.u32(cp)} ecr {p.u32(cp + 4)}")
            elif opt == 19:
                datalen = 16
                _lencheck(hlen, p=p, cp=cp, n=16)
                # (as tcpdump built with libcrypto, when no -M secret is given)
                p.w(" shared secret not supplied with -M, can't check - " + p.b(cp, 16).hex())
            elif opt == 20:
                datalen = 2
                _lencheck(hlen, p=p, cp=cp, n=2)
                p.w(f" cap {p.u8(cp):02x} id {p.u8(cp + 1)}")
            elif opt == 29:
                datalen = ln - 2
                if datalen < 2:
                    p.w(" (invalid)")
                else:
                    _lencheck(hlen, p=p, cp=cp, n=1)
                    p.w(f" keyid {p.u8(cp)}")
                    _lencheck(hlen, p=p, cp=cp, n=2)
                    p.w(f" rnextkeyid {p.u8(cp + 1)}")
                    if datalen > 2:
                        p.w(" mac 0x")
                        for i in range(2, datalen):
                            _lencheck(hlen, p=p, cp=cp, n=i + 1)
                            p.w(f"{p.u8(cp + i):02x}")
            elif opt in (0, 1, 4):
                pass
            elif opt == 28:
                datalen = 2
                _lencheck(hlen, p=p, cp=cp, n=2)
                uto = p.u16(cp)
                p.w(f" 0x{uto:x}")
                uto = (uto >> 1) * 60 if uto & 1 else uto >> 1
                p.w(f" {uto}")
            elif opt == 30:
                datalen = ln - 2
                _lencheck(hlen, p=p, cp=cp, n=datalen)
                if not _mptcp(p, cp - 2, ln, flags):
                    raise _BadOpt
            elif opt == 34:
                datalen = ln - 2
                _lencheck(hlen, p=p, cp=cp, n=datalen)
                p.w(" ")
                _tfo(p, cp, datalen, False)
            elif opt == 254:
                datalen = ln - 2
                _lencheck(hlen, p=p, cp=cp, n=datalen)
                if datalen < 2:
                    raise _BadOpt
                magic = p.u16(cp)
                p.w("-")
                if magic == 0xF989:
                    _tfo(p, cp + 2, datalen - 2, True)
                else:
                    p.w(f"{magic:04x}")
            else:
                datalen = ln - 2
                if datalen:
                    p.w(" 0x")
                for i in range(datalen):
                    _lencheck(hlen, p=p, cp=cp, n=i + 1)
                    p.w(f"{p.u8(cp + i):02x}")
            cp += datalen
            hlen -= datalen
            datalen += 1
            if opt not in (0, 1):
                datalen += 1
            if datalen != ln:
                p.w(f"[len {ln}]")
            ch = ","
            if opt == 0:
                break
        p.w("]")
    except _BadOpt:
        p.w("[bad opt]")
        if ch:
            p.w("]")
        raise _StopTcp from None
    except _OptCut:
        # tcpdump 4.99.3's "trunc:" label still closes the old "<...>" style
        p.w(" [|tcp]")
        if ch:
            p.w(">")
        raise _StopTcp from None


class _StopTcp(Exception):
    pass


def _addr_pair(p: Pkt, iph: int) -> tuple[str, str, int, bool]:
    """(src, dst, next header of the IP header, is IPv6) of the IP header at iph."""
    if p.d[iph] >> 4 == 6:
        return ip6(p.d[iph + 8:iph + 24]), ip6(p.d[iph + 24:iph + 40]), p.d[iph + 6], True
    return ip4(p.d[iph + 12:iph + 16]), ip4(p.d[iph + 16:iph + 20]), p.d[iph + 9], False


def tcp_print(p: Pkt, off: int, length: int, iph: int, fragmented: bool) -> None:
    p.proto = "tcp"
    o = p.o
    src, dst, ipnh, is6 = _addr_pair(p, iph)
    if not p.test(off + 2, 2):
        p.w(f"{src} > {dst}:")
        raise Trunc
    sport, dport = p.u16(off), p.u16(off + 2)
    if ipnh == 6:
        p.w(f"{src}.{sport} > {dst}.{dport}: ")
    else:
        p.w(f"{sport} > {dport}: ")
    h = fields("tcp", p, off, local=True)
    hlen = h["dataofs"] * 4
    if hlen < 20:
        p.w(f" tcp {(length - hlen) & 0xFFFFFFFF} [bad hdr length {hlen} - too short, < 20]")
        return
    seq, ack, win, urp = h["seq"], h["ack"], h["window"], h["urgptr"]
    if o.q:
        p.w(f"tcp {(length - hlen) & 0xFFFFFFFF}")
        if hlen > length:
            p.w(f" [bad hdr length {hlen} - too long, > {length}]")
        return
    flags = h["flags"]  # 4.99.3 knows the 8 flag bits only (not AE)
    p.w(_FLAG_WORDS[flags])
    rev = False
    thseq = thack = 0
    if flags & 0x10:
        sa, da = (p.d[iph + 8:iph + 24], p.d[iph + 24:iph + 40]) if is6 else \
            (p.d[iph + 12:iph + 16], p.d[iph + 16:iph + 20])
        if sport > dport or (sport == dport and sa > da):
            rev = True
        key = (da, sa, dport, sport) if rev else (sa, da, sport, dport)
        table = p.st.tcp_seq
        th = table.get(key)
        if th is None or flags & 0x02:
            th = [ack - 1, seq] if rev else [seq, ack - 1]  # [seq, ack]
            table[key] = th
            if len(table) > 65536:
                table.pop(next(iter(table)))
        elif rev:
            seq, ack = (seq - th[1]) & 0xFFFFFFFF, (ack - th[0]) & 0xFFFFFFFF
        else:
            seq, ack = (seq - th[0]) & 0xFFFFFFFF, (ack - th[1]) & 0xFFFFFFFF
        thseq, thack = th
    if hlen > length:
        p.w(f" [bad hdr length {hlen} - too long, > {length}]")
        return
    if o.v and not fragmented:
        if p.test(off, length):
            seg = p.d[off:off + length]
            if is6:
                ph = p.d[iph + 8:iph + 40] + struct.pack("!I3xB", length, 6)
            else:
                ph = _v4_pseudo(p, iph, 6, length)
            s = cksum(ph + seg)
            p.w(f", cksum 0x{h['checksum']:04x}")
            if s:
                p.w(f" (incorrect -> 0x{shouldbe(h['checksum'], s):04x})")
            else:
                p.w(" (correct)")
    length -= hlen
    if o.v > 1 or length > 0 or flags & 0x07:
        p.w(f", seq {seq}")
        if length > 0:
            p.w(f":{(seq + length) & 0xFFFFFFFF}")
    if flags & 0x10:
        p.w(f", ack {ack}")
    p.w(f", win {win}")
    if flags & 0x20:
        p.w(f", urg {urp}")
    if hlen > 20:
        try:
            _tcp_options(p, off + 20, hlen - 20, rev, thseq, thack, flags)
        except _StopTcp:
            return
    p.w(f", length {length}")
    if length <= 0:
        return
    if not p.test(off, hlen):
        p.w(f" [remaining caplen({p.avail(off)}) < header length({hlen})]")
        raise Trunc
    bp = off + hlen
    if flags & 0x04 and o.v:
        _rst_data(p, bp, length)
        return
    if sport == 53 or dport == 53:
        domain_print(p, bp, length, True, False)
        return
    if sport == 22 or dport == 22:
        _ssh_print(p, bp, length)
        return
    text = _TCP_TEXT.get(sport) or _TCP_TEXT.get(dport)
    if text is not None:
        p.w(": ")
        _txtproto(p, bp, length, *text)


def _ssh_print(p: Pkt, bp: int, ln: int) -> None:
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


def _v4_pseudo(p: Pkt, iph: int, proto: int, length: int) -> bytes:
    ihl = (p.d[iph] & 0xF) * 4
    dst = p.d[iph + 16:iph + 20]
    if ihl > 20:  # a source route: the final destination (ip_finddst)
        cp, left = iph + 20, ihl - 20
        while left > 0 and p.test(cp, 1):
            t = p.d[cp]
            if t == 0:
                break
            if t == 1:
                n = 1
            else:
                if not p.test(cp + 1, 1):
                    break
                n = p.d[cp + 1]
                if n < 2:
                    break
            if left < n or not p.test(cp, n):
                break
            if t in (131, 137) and n >= 7:
                dst = p.d[cp + n - 4:cp + n]
                break
            cp += n
            left -= n
    return p.d[iph + 12:iph + 16] + dst + struct.pack("!BBH", 0, proto, length & 0xFFFF)


def _rst_data(p: Pkt, bp: int, length: int) -> None:
    p.w(" [RST" if p.test(bp, length) else " [!RST")
    if length > 30:
        length = 30
        p.w("+")
    p.w(" ")
    data = p.d[bp:min(bp + length, p.end)]
    p.w("".join(fn_char(c) for c in data))
    p.w("]")


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
_SIP_CMDS = frozenset((
    "ACK", "BYE", "CANCEL", "DO", "INFO", "INVITE", "MESSAGE", "NOTIFY", "OPTIONS", "PRACK",
    "QAUTH", "REFER", "REGISTER", "SPRACK", "SUBSCRIBE", "UPDATE", "PUBLISH",
))


def _txtproto(p: Pkt, bp: int, ln: int, proto: str, cmds: frozenset[str] | None) -> None:
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
_TCP_TEXT = {21: ("ftp", None), 25: ("smtp", None), 43: ("whois", None),
             80: ("http", _HTTP_CMDS), 8080: ("http", _HTTP_CMDS),
             554: ("rtsp", _RTSP_CMDS), 8554: ("rtsp", _RTSP_CMDS)}


# -------------------------------------------------------------------- UDP

def _udpipaddr(p: Pkt, iph: int, sport: int, dport: int) -> None:
    src, dst, ipnh, _ = _addr_pair(p, iph)
    if ipnh == 17:
        if sport == -1:
            p.w(f"{src} > {dst}: ")
        else:
            p.w(f"{src}.{sport} > {dst}.{dport}: ")
    elif sport != -1:
        p.w(f"{sport} > {dport}: ")


def udp_print(p: Pkt, off: int, length: int, iph: int, fragmented: bool) -> None:
    p.proto = "udp"
    o = p.o
    is6 = p.d[iph] >> 4 == 6
    if not p.test(off + 2, 2):
        _udpipaddr(p, iph, -1, -1)
        raise Trunc(local=True)
    sport, dport = p.u16(off), p.u16(off + 2)
    if length < 8:
        _udpipaddr(p, iph, sport, dport)
        p.w(f"truncated-udp {length}")
        return
    if not p.test(off + 4, 2):
        _udpipaddr(p, iph, sport, dport)
        raise Trunc(local=True)
    h = fields("udp", p, off) if p.test(off, 8) else {"len": p.u16(off + 4), "checksum": None}
    ulen = h["len"]
    if ulen == 0 and length > 65535:
        ulen = length
    if ulen < 8:
        _udpipaddr(p, iph, sport, dport)
        p.w(f"truncated-udplength {ulen}")
        return
    ulen -= 8
    length -= 8
    if ulen < length:
        length = ulen
    if off + 8 > p.end:
        _udpipaddr(p, iph, sport, dport)
        raise Trunc(local=True)
    _udpipaddr(p, iph, sport, dport)
    if o.v and not fragmented:
        usum = p.u16(off + 6)
        if not is6 and o.v > 1:
            if usum == 0:
                p.w("[no cksum] ")
            elif p.test(off + 8, length):
                seg = p.d[off:off + 8 + length]
                s = cksum(_v4_pseudo(p, iph, 17, length + 8) + seg)
                if s:
                    p.w(f"[bad udp cksum 0x{usum:04x} -> 0x{shouldbe(usum, s):04x}!] ")
                else:
                    p.w("[udp sum ok] ")
        elif is6 and p.test(off + 8, length):
            seg = p.d[off:off + 8 + length]
            ph = p.d[iph + 8:iph + 40] + struct.pack("!I3xB", length + 8, 17)
            s = cksum(ph + seg)
            if s:
                p.w(f"[bad udp cksum 0x{usum:04x} -> 0x{shouldbe(usum, s):04x}!] ")
            else:
                p.w("[udp sum ok] ")
    if not o.q and (sport == 53 or dport == 53):
        domain_print(p, off + 8, length, False, False)
    elif not o.q and (sport == 5353 or dport == 5353):
        domain_print(p, off + 8, length, False, True)
    elif not o.q and (sport in (67, 68) or dport in (67, 68)):
        _bootp_print(p, off + 8, length)
    elif not o.q and (sport == 6081 or dport == 6081):
        _geneve_print(p, off + 8, length)
    elif not o.q and (sport == 520 or dport == 520):
        _rip_print(p, off + 8, length)
    elif not o.q and (sport == 514 or dport == 514):
        _syslog_print(p, off + 8, length)
    elif not o.q and (sport == 123 or dport == 123):
        _ntp_print(p, off + 8, length)
    elif not o.q and (sport == 69 or dport == 69):
        _tftp_print(p, off + 8, length)
    elif not o.q and (sport == 4789 or dport == 4789):
        _vxlan_print(p, off + 8, length)
    elif not o.q and (sport == 5060 or dport == 5060):
        _txtproto(p, off + 8, length, "sip", _SIP_CMDS)
    elif ulen > length and not fragmented:
        p.w(f"UDP, bad length {ulen} > {length}")
    else:
        p.w(f"UDP, length {ulen}")


# ------------------------------------------------------------------- ICMP

_ICMP_NAMES = {0: "echo reply", 4: "source quench", 8: "echo request", 10: "router solicitation",
               13: "time stamp request", 14: "time stamp reply", 15: "information request",
               16: "information reply", 17: "address mask request"}
_UNREACH = {0: "net {} unreachable", 1: "host {} unreachable",
            5: "{} unreachable - source route failed",
            6: "net {} unreachable - unknown", 7: "host {} unreachable - unknown",
            8: "{} unreachable - source host isolated",
            9: "net {} unreachable - admin prohibited",
            10: "host {} unreachable - admin prohibited",
            11: "net {} unreachable - tos prohibited",
            12: "host {} unreachable - tos prohibited",
            13: "host {} unreachable - admin prohibited filter",
            14: "host {} unreachable - host precedence violation",
            15: "host {} unreachable - precedence cutoff"}


def icmp_print(p: Pkt, off: int, plen: int, iph: int, fragmented: bool) -> None:
    p.proto = "icmp"
    o = p.o
    t = p.u8(off)
    code = p.u8(off + 1)
    if t in (0, 8):
        h = fields("icmp", p, off)
        s = f"echo {'request' if t == 8 else 'reply'}, id {h['id']}, seq {h['seq']}"
    elif t == 3:
        if not p.test(off + 8, 20):  # tcpdump reads the quoted header field by field
            raise Trunc
        idst = ip4(p.b(off + 8 + 16, 4))
        if code == 2:
            s = f"{idst} protocol {p.u8(off + 8 + 9)} unreachable"
        elif code == 3:
            ihl = (p.u8(off + 8) & 0xF) * 4
            pr = p.u8(off + 8 + 9)
            dport = p.u16(off + 8 + ihl + 2)
            if pr == 17:
                s = f"{idst} udp port {dport} unreachable"
            elif pr == 6:
                s = f"{idst} tcp port {dport} unreachable"
            else:
                s = f"{idst} protocol {pr} port {dport} unreachable"
        elif code == 4:
            mtu = p.u16(off + 6)
            s = (f"{idst} unreachable - need to frag (mtu {mtu})" if mtu
                 else f"{idst} unreachable - need to frag")
        elif code in _UNREACH:
            s = _UNREACH[code].format(idst)
        else:
            s = f"{idst} unreachable - #{code}"
    elif t == 5:
        if not p.test(off + 8, 20):
            raise Trunc
        idst = ip4(p.b(off + 8 + 16, 4))
        gw = ip4(p.b(off + 4, 4))
        s = {0: f"redirect {idst} to net {gw}", 1: f"redirect {idst} to host {gw}",
             2: f"redirect-tos {idst} to net {gw}",
             3: f"redirect-tos {idst} to host {gw}"}.get(code, f"redirect-#{code} {idst} to {gw}")
    elif t == 11:
        p.need(off + 8, 20)
        s = {0: "time exceeded in-transit", 1: "ip reassembly time exceeded"}.get(
            code, f"time exceeded-#{code}")
    elif t == 12:
        s = f"parameter problem - code {code}" if code else \
            f"parameter problem - octet {p.u8(off + 4)}"
    elif t == 9:
        s = _router_advert(p, off)
    elif t in (13, 14):
        s = (f"time stamp {'query' if t == 13 else 'reply'} id {p.u16(off + 4)} "
             f"seq {p.u16(off + 6)}")
        if t == 14:
            s += (f": org {_ts(p.u32(off + 8))}, recv {_ts(p.u32(off + 12))}, "
                  f"xmit {_ts(p.u32(off + 16))}")
    elif t == 18:
        s = f"address mask is 0x{p.u32(off + 8):08x}"
    else:
        s = _ICMP_NAMES.get(t, f"type-#{t}")
    p.w(f"ICMP {s}, length {plen}")
    if o.v and not fragmented and p.test(off, plen):
        c = cksum(p.d[off:off + plen])
        if c:
            ck = p.u16(off + 2)
            p.w(f" (wrong icmp cksum {ck:x} (->{shouldbe(ck, c):x})!)")
    if o.v >= 1 and t in (3, 4, 5, 11, 12):
        bp = off + 8
        p.w("\n\t")
        saved = p.end
        # the quoted packet ends at its own length when that is captured
        # (ICMP extensions may follow it); tcpdump reads the length again
        # within the new end, so a length below 4 cuts the packet here
        p.end = min(p.end, bp + p.u16(bp + 2))
        inner_len = p.u16(bp + 2)
        if p.st.depth_ok():
            ip_print(p, bp, inner_len)
        p.end = saved
    if o.v >= 1 and plen > 136 and t in (3, 11, 12):
        _icmp_extensions(p, off, plen)


_MPLS_EXT = {1: "MPLS Stack Entry", 2: "Extended Payload"}


def _icmp_extensions(p: Pkt, off: int, plen: int) -> None:
    """ICMP multi-part extensions (RFC 4884, MPLS label stack RFC 4950)."""
    from craft.fmt.tcpdump_icmp6 import _unknown_data
    p.proto = "icmp"
    ext = off + 8 + 128  # after the 128-byte original datagram field
    p.need(off, 141)
    if p.u8(off + 5) == 0 and p.test(ext, plen - 136):
        if cksum(p.d[ext:ext + plen - 136]):
            return
    ver = p.u8(ext) >> 4
    p.w(f"\n\tICMP Multi-Part extension v{ver}")
    if ver != 2:
        p.w(" packet not supported")
        return
    hlen = plen - 136
    if p.test(ext, hlen):
        bad = cksum(p.d[ext:ext + hlen])
        p.w(f", checksum 0x{p.u16(ext + 2):04x} ({'in' if bad else ''}correct), length {hlen}")
    hlen -= 4
    obj = ext + 4
    for _ in range(hlen):
        if hlen <= 4:
            break
        p.need(obj, 4)
        tlen, cnum, ctype = p.u16(obj), p.u8(obj + 2), p.u8(obj + 3)
        obj += 4
        p.w(f"\n\t  {_MPLS_EXT.get(cnum, 'unknown')} Object ({cnum}), Class-Type: {ctype}, "
            f"length {tlen}")
        hlen -= 4
        if cnum == 0 or tlen < 4:
            return
        tlen -= 4
        if cnum == 1 and ctype == 1:
            label = p.u32(obj)
            p.w(f"\n\t    label {label >> 12}, tc {(label >> 9) & 7}")
            if label & 0x100:
                p.w(", [S]")
            p.w(f", ttl {label & 0xFF}")
        else:
            _unknown_data(p, obj, "\n\t    ", tlen)
        if hlen < tlen:
            break
        hlen -= tlen
        obj += tlen


def _router_advert(p: Pkt, off: int) -> str:
    """ICMP router advertisement (RFC 1256) as tcpdump words it."""
    p.need(off + 4, 4)
    life = p.u16(off + 6)
    if life < 60:
        lt = f"{life}"
    elif life < 3600:
        lt = f"{life // 60}:{life % 60:02d}"
    else:
        lt = f"{life // 3600}:{life % 3600 // 60:02d}:{life % 60:02d}"
    num, size = p.u8(off + 4), p.u8(off + 5)
    s = f"router advertisement lifetime {lt} {num}:"
    if size != 2:
        return s + f" [size {size}]"
    a = off + 8
    for _ in range(num):
        p.need(a, 8)
        s += f" {{{ip4(p.b(a, 4))} {p.u32(a + 4)}}}"
        a += 8
    return s


def _ts(ms: int) -> str:
    sec, ms = divmod(ms, 1000)
    hh, rem = divmod(sec, 3600)
    mm, ss = divmod(rem, 60)
    return f"{hh:02d}:{mm:02d}:{ss:02d}.{ms:03d}"


# ------------------------------------------------------------------- IGMP

_IGMPV3_REC = {1: "is_in", 2: "is_ex", 3: "to_in", 4: "to_ex", 5: "allow", 6: "block"}


def _relts(secs: int) -> str:
    if secs == 0:
        return "0s"
    out = []
    for unit, n in (("y", 31536000), ("w", 604800), ("d", 86400), ("h", 3600), ("m", 60),
                    ("s", 1)):
        if secs >= n:
            out.append(f"{secs // n}{unit}")
            secs %= n
    return "".join(out)


def igmp_print(p: Pkt, off: int, ln: int) -> None:
    """tcpdump's igmp_print: queries v1-v3, reports v1-v3, leave."""
    p.proto = "igmp"
    o = p.o
    if o.q:
        p.w("igmp")
        return
    t = p.u8(off)
    if t == 0x11:
        p.w("igmp query")
        if ln >= 12:
            _igmpv3_query(p, off, ln)
        else:
            mrc = p.u8(off + 1)
            if mrc:
                p.w(" v2")
                if mrc != 100:
                    p.w(f" [max resp time {mrc}]")
            else:
                p.w(" v1")
            if p.u32(off + 4):
                p.w(f" [gaddr {ip4(p.b(off + 4, 4))}]")
            if ln != 8:
                p.w(f" [len {ln}]")
    elif t == 0x12:
        p.w(f"igmp v1 report {ip4(p.b(off + 4, 4))}")
        if ln != 8:
            p.w(f" [len {ln}]")
    elif t == 0x16:
        p.w(f"igmp v2 report {ip4(p.b(off + 4, 4))}")
    elif t == 0x22:
        p.w("igmp v3 report")
        _igmpv3_report(p, off, ln)
    elif t == 0x17:
        p.w(f"igmp leave {ip4(p.b(off + 4, 4))}")
    elif t in (0x1E, 0x1F):  # mtrace query / response
        if ln < 24:
            p.w(f" [invalid len {ln}]")
        else:
            raddr = p.u32(off + 16)
            p.w(f"{'mtrace' if t == 0x1E else 'mresp'} {p.u32(off + 20) & 0xFFFFFF}: "
                f"{ip4(p.b(off + 8, 4))} to {ip4(p.b(off + 12, 4))} reply-to "
                f"{ip4(p.b(off + 16, 4))}")
            if raddr >> 28 == 0xE:
                p.w(f" with-ttl {p.u8(off + 20)}")
    elif t == 0x13:
        p.w("igmp dvmrp")
        if ln < 8:
            p.w(f" [len {ln}]")
        elif p.u8(off + 1) not in range(1, 10):  # (known DVMRP messages: not decoded)
            p.w(f" [type {p.u8(off + 1)}]")
    else:
        # PIMv1 has a printer of its own in tcpdump
        p.w({0x14: "igmp pimv1"}.get(t, f"igmp-{t}"))
    if o.v and ln >= 4 and p.test(off, ln) and cksum(p.d[off:off + ln]):
        p.w(f" bad igmp cksum {p.u16(off + 2):x}!")


def _igmpv3_report(p: Pkt, off: int, ln: int) -> None:
    if ln < 8 or ln & 3:
        p.w(f" [invalid len {ln}]")
        return
    ngroups = p.u16(off + 6)
    p.w(f", {ngroups} group record(s)")
    if not p.o.v:
        return
    group = 8
    for _ in range(ngroups):
        if ln < group + 8:
            p.w(" [invalid number of groups]")
            return
        p.w(f" [gaddr {ip4(p.b(off + group + 4, 4))}")
        rt = p.u8(off + group)
        p.w(" " + _IGMPV3_REC.get(rt, f" [v3-report-#{rt}]"))
        nsrcs = p.u16(off + group + 2)
        if ln < group + 8 + (nsrcs << 2):
            p.w(f" [invalid number of sources {nsrcs}]")
            return
        if p.o.v == 1:
            p.w(f", {nsrcs} source(s)")
        else:
            p.w(" {")
            for j in range(nsrcs):
                p.w(" " + ip4(p.b(off + group + 8 + (j << 2), 4)))
            p.w(" }")
        group += 8 + (nsrcs << 2)
        p.w("]")


def _igmpv3_query(p: Pkt, off: int, ln: int) -> None:
    p.w(" v3")
    if ln < 12 or ln & 3:
        p.w(f" [invalid len {ln}]")
        return
    mrc = p.u8(off + 1)
    mrt = mrc if mrc < 128 else ((mrc & 0x0F) | 0x10) << (((mrc & 0x70) >> 4) + 3)
    if mrc != 100:
        p.w(" [max resp time ")
        p.w(f"{mrt * 0.1:.1f}s" if mrt < 600 else _relts(mrt // 10))
        p.w("]")
    if p.u32(off + 4) == 0:
        return
    p.w(f" [gaddr {ip4(p.b(off + 4, 4))}")
    nsrcs = p.u16(off + 10)
    if nsrcs > 0:
        if ln < 12 + (nsrcs << 2):
            p.w(" [invalid number of sources]")
        elif p.o.v > 1:
            p.w(" {")
            for i in range(nsrcs):
                p.w(" " + ip4(p.b(off + 12 + (i << 2), 4)))
            p.w(" }")
        else:
            p.w(f", {nsrcs} source(s)")
    p.w("]")


# -------------------------------------------------------------------- ARP

_ARP_OPS = {1: "Request", 2: "Reply", 3: "Reverse Request", 4: "Reverse Reply",
            8: "InArp Request", 9: "InArp Reply", 10: "NAK Reply"}
_ARP_HRD = {1: "Ethernet", 6: "TokenRing", 7: "ArcNet", 15: "FrameRelay", 23: "Strip",
            24: "IEEE 1394", 32: "InfiniBand"}  # (ATM, 19, has a printer craft lacks)


def _link(p: Pkt, a: int, n: int) -> str:
    return mac(p.b(a, n)) if n else "<empty>"


def _paddr(p: Pkt, a: int, pro: int, pln: int) -> str:
    if pro not in (0x0800, 0x1000):
        return "<wrong proto type>"
    if pln != 4:
        return "<wrong len>"
    return ip4(p.b(a, 4))


def arp_print(p: Pkt, off: int, length: int, caplen: int) -> None:
    """tcpdump's arp_print (Ethernet-style addresses of any length)."""
    from craft.fmt.tcpdump import default_print
    p.proto = "arp"
    o = p.o
    p.need(off, 8)
    hrd, pro = p.u16(off), p.u16(off + 2)
    hln, pln = p.u8(off + 4), p.u8(off + 5)
    op = p.u16(off + 6)
    sha = off + 8
    spa = sha + hln
    tha = spa + pln
    tpa = tha + hln
    if not p.test(tpa, pln):
        raise Trunc
    if not o.e:
        p.w("ARP, ")
    if pro not in (0x0800, 0x1000) or pln != 4 or hln == 0 or o.v:
        hname = _ARP_HRD.get(hrd, f"Unknown Hardware ({hrd})")
        from craft.fmt.tcpdump_base import ETHERTYPES
        pname = ETHERTYPES.get(pro, f"Unknown Protocol (0x{pro:04x})")
        p.w(f"{hname} (len {hln}), {pname} (len {pln})")
        if not o.v:
            p.w(f", length {length}")
            return
    p.w(f"{', ' if o.v else ''}{_ARP_OPS.get(op, f'Unknown ({op})')} ")
    if op == 1:
        p.w(f"who-has {_paddr(p, tpa, pro, pln)}")
        if any(p.b(tha, hln)):
            p.w(f" ({_link(p, tha, hln)})")
        p.w(f" tell {_paddr(p, spa, pro, pln)}")
    elif op == 2:
        p.w(f"{_paddr(p, spa, pro, pln)} is-at {_link(p, sha, hln)}")
    elif op in (3, 8):
        p.w(f"who-is {_link(p, tha, hln)} tell {_link(p, sha, hln)}")
    elif op == 4:
        p.w(f"{_link(p, tha, hln)} at {_paddr(p, tpa, pro, pln)}")
    elif op == 9:
        p.w(f"{_link(p, sha, hln)} at {_paddr(p, spa, pro, pln)}")
    else:
        default_print(p, off, caplen, always=True)
        return
    p.w(f", length {length}")
