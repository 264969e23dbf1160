"""ICMP (quoted packets and MPLS extensions), as tcpdump's print-icmp.c prints it."""

from __future__ import annotations

from craft.fmt.tcpdump.addrtoname import ip4
from craft.fmt.tcpdump.dispatch import lazy
from craft.fmt.tcpdump.in_cksum import cksum, shouldbe
from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.util_print import print_unknown_data

ip_print = lazy("print_ip:ip_print")


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
        if not p.test(off, 8):  # id and seq are the echo's own fields (layers/icmp.py)
            raise Trunc
        s = f"echo {'request' if t == 8 else 'reply'}, id {p.u16(off + 4)}, seq {p.u16(off + 6)}"
    elif t == 3:
        if code == 3:  # tcpdump checks the quoted protocol byte, then reads
            p.need(off + 8 + 9, 1)
        elif code == 2:  # (read at once: a cut here dumps the whole packet with -x)
            p.u8(off + 8 + 9)
        if not p.test(off + 8, 20):
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
        if t == 14 and not p.test(off + 16, 4):  # (ND_TCHECK of the transmit time first)
            raise Trunc(local=True)
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
            try:
                ip_print(p, bp, inner_len)
            except Trunc as cut:
                if not cut.local:
                    raise
                p.trunc()  # a printer that marks its own cut returns to ICMP, as in tcpdump
        p.end = saved
    if o.v >= 1 and plen > 136 and t in (3, 11, 12):
        _icmp_extensions(p, off, plen)


_MPLS_EXT = {1: "MPLS Stack Entry", 2: "Extended Payload"}


def _icmp_extensions(p: Pkt, off: int, plen: int) -> None:
    """ICMP multi-part extensions (RFC 4884, MPLS label stack RFC 4950)."""
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
    passes = hlen  # not range(hlen), which changes in the loop: see setup.py
    for _ in range(passes):
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
            print_unknown_data(p, obj, "\n\t    ", tlen)
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
