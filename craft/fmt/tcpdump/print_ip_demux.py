"""What follows an IPv4 or IPv6 header, by protocol number, as tcpdump's
print-ip-demux.c chooses it (the table itself is in dispatch)."""

from __future__ import annotations

from craft.fmt.tcpdump.dispatch import ipproto_printer, lazy
from craft.fmt.tcpdump.ipproto import IPPROTO
from craft.fmt.tcpdump.netdissect import Pkt
from craft.fmt.tcpdump.print_ah import ah_print
from craft.fmt.tcpdump.print_gre import gre_print
from craft.fmt.tcpdump.print_icmp import icmp_print
from craft.fmt.tcpdump.print_icmp6 import icmp6_print
from craft.fmt.tcpdump.print_igmp import igmp_print
from craft.fmt.tcpdump.print_ospf import ospf_print
from craft.fmt.tcpdump.print_vrrp import vrrp_print

ether_print = lazy("print_ether:ether_print")
ip_print = lazy("print_ip:ip_print")
ip6_print = lazy("print_ip6:ip6_print")


MAX_EXT_HEADERS = 64  # extension headers walked per packet (bounded)


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
        advance = ah_print(p, off)
        off += advance
        length -= advance
        nh = nxt
    fn = ipproto_printer(nh)
    if fn is not None:
        fn(p, off, length, iph, fragmented)
    elif nh == 1:
        if ver == 4:
            icmp_print(p, off, length, iph, fragmented)
        else:
            p.w(f"[{IPPROTO.get(nh, 'unknown')} requires IPv4] (invalid)")
    elif nh == 58:
        if ver == 6:
            icmp6_print(p, off, length, iph, fragmented)
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
            gre_print(p, off, length)
    elif nh == 89:
        ospf_print(p, off, length, ver)
    elif nh == 112:
        vrrp_print(p, off, length, iph, ver)
    elif nh == 108:
        p.proto = "ipcomp"
        p.w(f"IPComp(cpi=0x{p.u16(off + 2):04x})")
    elif nh == 77:  # Sun ND, which tcpdump names
        p.w(f" nd {length}")
    elif ver == 6 and nh == 2:
        p.w(f"[{IPPROTO.get(nh, 'unknown')} requires IPv4] (invalid)")
    elif nh == 143:  # Ethernet in IPv6 (RFC 8986 SRv6)
        if ver == 6:
            if p.st.depth_ok():
                ether_print(p, off, length, p.avail(off))
        else:
            p.w("[Ethernet requires IPv6] (invalid)")
    else:
        p.w(f" ip-proto-{nh} {length}")
