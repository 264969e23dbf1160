"""IPv4 (options included), as tcpdump's print-ip.c prints it."""

from __future__ import annotations

from craft.fmt.tcpdump.addrtoname import ip4
from craft.fmt.tcpdump.dispatch import lazy
from craft.fmt.tcpdump.in_cksum import cksum, shouldbe
from craft.fmt.tcpdump.ipproto import IPPROTO
from craft.fmt.tcpdump.netdissect import Pkt, Trunc, fields
from craft.fmt.tcpdump.print_ip_demux import ip_demux
from craft.fmt.tcpdump.util_print import bittok

ip6_print = lazy("print_ip6:ip6_print")


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
        if proto not in (6, 17, 33, 132):  # (the TCP, UDP, DCCP and SCTP printers print them)
            p.w(f"{src} > {dst}: ")
        if not p.test(off, hlen):
            p.w(f" [remaining caplen({p.avail(off)}) < header length({hlen})]")
            raise Trunc
        ip_demux(p, off + hlen, ln, 4, bool(frag & 0x2000), proto, off)
    else:
        p.w(f"{src} > {dst}: ip-proto-{proto}")
    p.pop()
