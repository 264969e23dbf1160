"""The demultiplexing tables: which printer follows a link type, an Ethernet
type, an IP protocol number, a TCP port or a UDP port.

Values are "module:function" strings naming a printer of this package; a
printer is imported the first time it is looked up and then cached, so no
printer imports another just to hand a packet on, and there is no import
circle in craft.fmt.tcpdump (``lazy`` does the same for a single function a
printer calls back into, such as IPv4 inside GRE).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

_PKG = __name__.rpartition(".")[0]
_RESOLVED: dict[str, Callable[..., Any]] = {}
_UNSEEN: Any = object()  # a key not looked up yet


def resolve(ref: str) -> Callable[..., Any]:
    """The function a "module:function" string names (imported once)."""
    fn = _RESOLVED.get(ref)
    if fn is None:
        mod, _, name = ref.partition(":")
        fn = _RESOLVED[ref] = getattr(importlib.import_module(f"{_PKG}.{mod}"), name)
    return fn


def _table(refs: dict[int, str]) -> Callable[[int], Callable[..., Any] | None]:
    """The lookup of one table: key -> printer (or None), resolved once a key."""
    fns: dict[int, Callable[..., Any] | None] = {}

    def printer(key: int) -> Callable[..., Any] | None:
        fn = fns.get(key, _UNSEEN)
        if fn is _UNSEEN:
            ref = refs.get(key)
            fn = fns[key] = resolve(ref) if ref is not None else None
        return fn

    return printer


class lazy:  # noqa: N801 - used like a function
    """A printer function another module calls, imported at its first call."""

    __slots__ = ("ref", "fn")

    def __init__(self, ref: str) -> None:
        self.ref = ref
        self.fn: Callable[..., Any] | None = None

    def __call__(self, *args: Any) -> Any:
        fn = self.fn
        if fn is None:
            fn = self.fn = resolve(self.ref)
        return fn(*args)



# Link types (pcap's LINKTYPE_ numbers): printer(p, off, length, caplen) -> header length.
LINKTYPES = {
    1: "print_ether:ether_if_print",
    0: "print_null:null_if_print",
    108: "print_null:loop_if_print",
    12: "print_raw:raw_if_print", 14: "print_raw:raw_if_print", 101: "print_raw:raw_if_print",
    8: "print_sl:sl_if_print",
    113: "print_sll:sll_if_print",
    276: "print_sll:sll2_if_print",
    226: "print_ipnet:ipnet_if_print",
    228: "print_raw:raw_if_print",  # tcpdump prints DLT_IPV4 and DLT_IPV6 as raw IP too
    229: "print_raw:raw_if_print",
}
linktype_printer = _table(LINKTYPES)


# Ethernet types: printer(p, off, length). (ARP, PPP and OSI, which take
# other arguments, are print_ether's own cases, as in tcpdump's ethertype_print.)
ETHERTYPES = {
    0x0800: "print_ip:ip_print",
    0x86DD: "print_ip6:ip6_print",
    0x88CC: "print_lldp:lldp_print",
    0x8809: "print_slow:slow_print",
    0x8863: "print_pppoe:pppoe_print", 0x8864: "print_pppoe:pppoe_print",
    0x888E: "print_eap:eapol_print",
    0x8847: "print_mpls:mpls_print", 0x8848: "print_mpls:mpls_print",
    0x8808: "print_mpcp:mpcp_print",
    0x9000: "print_loopback:loopback_print",
    0x886F: "print_msnlb:msnlb_print",
    0x88F7: "print_ptp:ptp_print",
    0x8902: "print_cfm:cfm_print",
    0x894F: "print_nsh:nsh_print",
}
ethertype_printer = _table(ETHERTYPES)


# IP protocols: printer(p, off, length, iph, fragmented). (Those tcpdump's
# ip_demux_print checks first: the IP version, the nesting depth, are its own cases.)
IPPROTOS = {
    6: "print_tcp:tcp_print",
    17: "print_udp:udp_print",
    50: "print_esp:esp_print",
    103: "print_pim:pim_print",
    88: "print_eigrp:eigrp_print",
    132: "print_sctp:sctp_print",
    33: "print_dccp:dccp_print",
    46: "print_rsvp:rsvp_print",
    8: "print_egp:egp_print",
    9: "print_igrp:igrp_print",
    113: "print_pgm:pgm_print",
}
ipproto_printer = _table(IPPROTOS)


# TCP applications: printer(p, off, length). tcpdump 4.99.3's chain: the
# first entry that either port selects wins (read off the installed
# tcpdump, every pair of ports).
TCP_PORTS: list[tuple[tuple[int, ...], str]] = [
    ((23,), "print_telnet:telnet_print"),
    ((25,), "print_smtp:smtp_print"),
    ((43,), "print_whois:whois_print"),
    ((179,), "print_bgp:bgp_print"),
    ((1723,), "print_pptp:pptp_print"),
    ((6379,), "print_resp:resp_print"),
    ((22,), "print_ssh:ssh_print"),
    ((6633, 6653), "print_openflow:openflow_print"),
    ((21,), "print_ftp:ftp_print"),
    ((80, 8080), "print_http:http_print"),
    ((554, 8554), "print_rtsp:rtsp_print"),
    ((53,), "print_domain:domain_tcp_print"),
    ((639,), "print_msdp:msdp_print"),
    ((323,), "print_rpki_rtr:rpki_rtr_print"),
    ((646,), "print_ldp:ldp_print"),
]

_ANY, _DST, _SRC = 0, 1, 2  # which UDP port selects the application
# UDP applications: printer(p, off, length). tcpdump 4.99.3's chain: the
# first entry that the source or destination port selects wins (the order
# was read off the installed tcpdump, every pair of these ports).
UDP_PORTS: list[tuple[tuple[int, ...], int, str]] = [
    ((53,), _ANY, "print_domain:domain_udp_print"),
    ((5353,), _ANY, "print_domain:mdns_print"),
    ((69,), _ANY, "print_tftp:tftp_print"),
    ((67, 68), _ANY, "print_bootp:bootp_print"),
    ((520,), _ANY, "print_rip:rip_print"),
    ((500,), _ANY, "print_isakmp:isakmp_print"),
    ((4500,), _ANY, "print_isakmp:isakmp_rfc3948_print"),
    ((7500, 8500), _ANY, "print_isakmp:isakmp_print"),
    ((161, 162), _ANY, "print_snmp:snmp_print"),
    ((123,), _ANY, "print_ntp:ntp_print"),
    ((88, 750), _ANY, "print_krb:krb_print"),
    ((1701,), _ANY, "print_l2tp:l2tp_print"),
    ((521,), _ANY, "print_ripng:ripng_print"),
    ((546, 547), _ANY, "print_dhcp6:dhcp6_print"),
    ((6696, 6697), _ANY, "print_babel:babel_print"),
    ((496,), _ANY, "print_pim:cisco_autorp_print"),
    ((1645, 1646, 1700, 1812, 1813, 3799), _ANY, "print_radius:radius_print"),
    ((1985,), _DST, "print_hsrp:hsrp_print"),
    ((646,), _ANY, "print_ldp:ldp_print"),
    ((3503,), _ANY, "print_lspping:lspping_print"),
    ((49152,), _SRC, "print_bcm_li:bcm_li_print"),
    ((3784, 3785, 4784, 6784), _DST, "print_bfd:bfd_print"),
    ((6343,), _ANY, "print_sflow:sflow_print"),
    ((5060,), _ANY, "print_sip:sip_print"),
    ((514,), _ANY, "print_syslog:syslog_print"),
    ((8472,), _ANY, "print_otv:otv_print"),
    ((4789,), _ANY, "print_vxlan:vxlan_print"),
    ((6081,), _ANY, "print_geneve:geneve_print"),
    ((4790,), _ANY, "print_vxlan_gpe:vxlan_gpe_print"),
    ((6635,), _ANY, "print_mpls:mpls_print"),
    ((319, 320), _ANY, "print_ptp:ptp_print"),
]

_Rank = tuple[int, str | None]
_TCP_BY_PORT: dict[int, _Rank] = {}
for _rank, (_ports, _ref) in enumerate(TCP_PORTS):
    for _port in _ports:
        _TCP_BY_PORT.setdefault(_port, (_rank, _ref))
_UDP_BY_SRC: dict[int, _Rank] = {}
_UDP_BY_DST: dict[int, _Rank] = {}
for _rank, (_ports, _where, _ref) in enumerate(UDP_PORTS):
    for _port in _ports:
        if _where != _DST:
            _UDP_BY_SRC.setdefault(_port, (_rank, _ref))
        if _where != _SRC:
            _UDP_BY_DST.setdefault(_port, (_rank, _ref))
_NONE: _Rank = (len(UDP_PORTS) + len(TCP_PORTS), None)
_PAIR_FN: dict[tuple[int, int, int], Callable[..., Any] | None] = {}
_PAIRS_MAX = 65536  # port pairs remembered


def _app(proto: int, sport: int, dport: int) -> Callable[..., Any] | None:
    if proto == 6:
        a, b = _TCP_BY_PORT.get(sport, _NONE), _TCP_BY_PORT.get(dport, _NONE)
    else:
        a, b = _UDP_BY_SRC.get(sport, _NONE), _UDP_BY_DST.get(dport, _NONE)
    ref = a[1] if a[0] <= b[0] else b[1]
    fn = resolve(ref) if ref is not None else None
    if len(_PAIR_FN) >= _PAIRS_MAX:
        _PAIR_FN.clear()
    _PAIR_FN[(proto, sport, dport)] = fn
    return fn


def tcp_app(sport: int, dport: int) -> Callable[..., Any] | None:
    """The printer of a TCP segment's payload between these ports, or None."""
    fn = _PAIR_FN.get((6, sport, dport), _UNSEEN)
    return _app(6, sport, dport) if fn is _UNSEEN else fn


def udp_app(sport: int, dport: int) -> Callable[..., Any] | None:
    """The printer of a UDP datagram's payload between these ports, or None."""
    fn = _PAIR_FN.get((17, sport, dport), _UNSEEN)
    return _app(17, sport, dport) if fn is _UNSEEN else fn
