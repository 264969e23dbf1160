"""IPv6, as tcpdump's print-ip6.c prints it."""

from __future__ import annotations

from craft.fmt.tcpdump.addrtoname import ip6
from craft.fmt.tcpdump.ipproto import IPPROTO
from craft.fmt.tcpdump.netdissect import Pkt, Trunc, fields
from craft.fmt.tcpdump.print_frag6 import frag6_print
from craft.fmt.tcpdump.print_ip6opts import ip6_opt_header
from craft.fmt.tcpdump.print_ip_demux import MAX_EXT_HEADERS, ip_demux
from craft.fmt.tcpdump.print_rt6 import rt6_print


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
        if cp == off + 40 and nh not in (6, 17, 33, 132):
            p.w(f"{ip6(h['src'])} > {ip6(h['dst'])}: ")
        if nh == 0:
            if found_hbh:
                p.w("[The Hop-by-Hop Options header was already found] (invalid)")
                return
            if ph != 255:
                p.w("[The Hop-by-Hop Options header don't follow the IPv6 header] (invalid)")
                return
            advance = ip6_opt_header(p, cp, "HBH", "hbhopt", jumbo, True)
            if jumbo[1] == 0 and not jumbo[0]:
                p.w("[No valid Jumbo Payload Hop-by-Hop option found] (invalid)")
                return
            if advance < 0:
                return
            found_ext = found_hbh = True
            nh = p.u8(cp)
        elif nh == 60:
            advance = ip6_opt_header(p, cp, "DSTOPT", "dstopt", [0, 0, 0], False)
            if advance < 0:
                return
            found_ext = True
            nh = p.u8(cp)
        elif nh == 44:
            advance = frag6_print(p, cp, off)
            if advance < 0 or p.end <= cp + advance:
                return
            found_ext = True
            nh = p.u8(cp)
            fragmented = True
        elif nh == 43:
            p.need(cp, 1)
            advance = rt6_print(p, cp)
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
