"""UDP and the applications it carries by port, as tcpdump's print-udp.c
prints them."""

from __future__ import annotations

from collections.abc import Callable

from craft.fmt.tcpdump.in_cksum import _v4_pseudo, cksum, ip6_pseudo, shouldbe
from craft.fmt.tcpdump.netdissect import Pkt, Trunc, fields
from craft.fmt.tcpdump.print_babel import babel_print
from craft.fmt.tcpdump.print_bcm_li import bcm_li_print
from craft.fmt.tcpdump.print_bfd import PORTS as BFD_PORTS
from craft.fmt.tcpdump.print_bfd import bfd_print
from craft.fmt.tcpdump.print_bootp import bootp_print
from craft.fmt.tcpdump.print_dhcp6 import dhcp6_print
from craft.fmt.tcpdump.print_domain import domain_print
from craft.fmt.tcpdump.print_geneve import geneve_print
from craft.fmt.tcpdump.print_hsrp import hsrp_print
from craft.fmt.tcpdump.print_isakmp import isakmp_print, isakmp_rfc3948_print
from craft.fmt.tcpdump.print_krb import krb_print
from craft.fmt.tcpdump.print_l2tp import l2tp_print
from craft.fmt.tcpdump.print_ldp import ldp_print
from craft.fmt.tcpdump.print_lspping import lspping_print
from craft.fmt.tcpdump.print_mpls import mpls_print
from craft.fmt.tcpdump.print_ntp import ntp_print
from craft.fmt.tcpdump.print_otv import otv_print
from craft.fmt.tcpdump.print_pim import cisco_autorp_print
from craft.fmt.tcpdump.print_ptp import ptp_print
from craft.fmt.tcpdump.print_radius import radius_print
from craft.fmt.tcpdump.print_rip import rip_print
from craft.fmt.tcpdump.print_ripng import ripng_print
from craft.fmt.tcpdump.print_sflow import sflow_print
from craft.fmt.tcpdump.print_sip import SIP_CMDS
from craft.fmt.tcpdump.print_snmp import snmp_print
from craft.fmt.tcpdump.print_syslog import syslog_print
from craft.fmt.tcpdump.print_tftp import tftp_print
from craft.fmt.tcpdump.print_vxlan import vxlan_print
from craft.fmt.tcpdump.print_vxlan_gpe import vxlan_gpe_print
from craft.fmt.tcpdump.util_print import _addr_pair, txtproto

_RADIUS_PORTS = frozenset((1645, 1646, 1700, 1812, 1813, 3799))


def _radius(p: Pkt, bp: int, ln: int, dport: int) -> None:

    radius_print(p, bp, ln)


def _l2tp(p: Pkt, bp: int, ln: int, dport: int) -> None:

    l2tp_print(p, bp, ln)


def _mpls(p: Pkt, bp: int, ln: int, dport: int) -> None:

    mpls_print(p, bp, ln)


def _isakmp(p: Pkt, bp: int, ln: int, dport: int) -> None:

    isakmp_print(p, bp, ln)


def _isakmp_natt(p: Pkt, bp: int, ln: int, dport: int) -> None:

    isakmp_rfc3948_print(p, bp, ln)


def _ptp(p: Pkt, bp: int, ln: int, dport: int) -> None:

    ptp_print(p, bp, ln)


def _sflow(p: Pkt, bp: int, ln: int, dport: int) -> None:

    sflow_print(p, bp, ln)


def _ldp_udp(p: Pkt, bp: int, ln: int, dport: int) -> None:

    ldp_print(p, bp, ln)


def _lspping(p: Pkt, bp: int, ln: int, dport: int) -> None:

    lspping_print(p, bp, ln)


def _babel(p: Pkt, bp: int, ln: int, dport: int) -> None:

    babel_print(p, bp, ln)


_UdpApp = Callable[[Pkt, int, int, int], None]
_ANY, _DST, _SRC = 0, 1, 2  # which port selects the application
# tcpdump 4.99.3's chain of UDP applications: the first entry that the
# source or destination port selects wins (the order was read off the
# installed tcpdump, every pair of these ports against each other).
_UDP_CHAIN: list[tuple[frozenset[int], int, _UdpApp]] = [
    (frozenset((53,)), _ANY, lambda p, bp, ln, d: domain_print(p, bp, ln, False, False)),
    (frozenset((5353,)), _ANY, lambda p, bp, ln, d: domain_print(p, bp, ln, False, True)),
    (frozenset((69,)), _ANY, lambda p, bp, ln, d: tftp_print(p, bp, ln)),
    (frozenset((67, 68)), _ANY, lambda p, bp, ln, d: bootp_print(p, bp, ln)),
    (frozenset((520,)), _ANY, lambda p, bp, ln, d: rip_print(p, bp, ln)),
    (frozenset((500,)), _ANY, _isakmp),
    (frozenset((4500,)), _ANY, _isakmp_natt),
    (frozenset((7500, 8500)), _ANY, _isakmp),
    (frozenset((161, 162)), _ANY, lambda p, bp, ln, d: snmp_print(p, bp, ln)),
    (frozenset((123,)), _ANY, lambda p, bp, ln, d: ntp_print(p, bp, ln)),
    (frozenset((88, 750)), _ANY, lambda p, bp, ln, d: krb_print(p, bp)),
    (frozenset((1701,)), _ANY, _l2tp),
    (frozenset((521,)), _ANY, lambda p, bp, ln, d: ripng_print(p, bp, ln)),
    (frozenset((546, 547)), _ANY, lambda p, bp, ln, d: dhcp6_print(p, bp, ln)),
    (frozenset((6696, 6697)), _ANY, _babel),
    (frozenset((496,)), _ANY, lambda p, bp, ln, d: cisco_autorp_print(p, bp, ln)),
    (_RADIUS_PORTS, _ANY, _radius),
    (frozenset((1985,)), _DST, lambda p, bp, ln, d: hsrp_print(p, bp, ln)),
    (frozenset((646,)), _ANY, _ldp_udp),
    (frozenset((3503,)), _ANY, _lspping),
    (frozenset((49152,)), _SRC, lambda p, bp, ln, d: bcm_li_print(p, bp, ln)),
    (BFD_PORTS, _DST, bfd_print),
    (frozenset((6343,)), _ANY, _sflow),
    (frozenset((5060,)), _ANY, lambda p, bp, ln, d: txtproto(p, bp, ln, "sip", SIP_CMDS)),
    (frozenset((514,)), _ANY, lambda p, bp, ln, d: syslog_print(p, bp, ln)),
    (frozenset((8472,)), _ANY, lambda p, bp, ln, d: otv_print(p, bp, ln)),
    (frozenset((4789,)), _ANY, lambda p, bp, ln, d: vxlan_print(p, bp, ln)),
    (frozenset((6081,)), _ANY, lambda p, bp, ln, d: geneve_print(p, bp, ln)),
    (frozenset((4790,)), _ANY, lambda p, bp, ln, d: vxlan_gpe_print(p, bp, ln)),
    (frozenset((6635,)), _ANY, _mpls),
    (frozenset((319, 320)), _ANY, _ptp),
]
_BY_SRC: dict[int, tuple[int, _UdpApp]] = {}
_BY_DST: dict[int, tuple[int, _UdpApp]] = {}
for _rank, (_ports, _where, _app) in enumerate(_UDP_CHAIN):
    for _port in _ports:
        if _where != _DST:
            _BY_SRC.setdefault(_port, (_rank, _app))
        if _where != _SRC:
            _BY_DST.setdefault(_port, (_rank, _app))
_NO_APP: tuple[int, _UdpApp | None] = (len(_UDP_CHAIN), None)


def _udp_app(sport: int, dport: int) -> _UdpApp | None:
    """The application printer for a UDP datagram: the first entry of
    _UDP_CHAIN that its source or destination port selects."""
    a, b = _BY_SRC.get(sport, _NO_APP), _BY_DST.get(dport, _NO_APP)
    return a[1] if a[0] <= b[0] else b[1]


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
            ph = ip6_pseudo(p, iph, length + 8, 17)
            s = cksum(ph + seg)
            if s:
                p.w(f"[bad udp cksum 0x{usum:04x} -> 0x{shouldbe(usum, s):04x}!] ")
            else:
                p.w("[udp sum ok] ")
    app = None if o.q else _udp_app(sport, dport)
    if app is not None:
        p.iph = iph
        app(p, off + 8, length, dport)
    elif ulen > length and not fragmented:
        p.w(f"UDP, bad length {ulen} > {length}")
    else:
        p.w(f"UDP, length {ulen}")
