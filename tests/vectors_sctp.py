"""Vectors for SCTP, OSPFv2 and RIP (the sctp group; same form and rules as
tests/vectors.py, which gathers this file). The tcpdump conformance pcaps in
../shared/conformance/tcpdump/pcaps hold no SCTP, OSPF or RIP packet: every
vector here is scapy-built (scapy.layers.sctp, scapy.contrib.ospf,
scapy.layers.rip), each a message kind of its protocol."""

from __future__ import annotations

from vectorkit import Case, h, ip4, ip6, mac

from craft.layers.rip import ROUTE
from craft.layers.sctp import CHUNKS

_E = {'dst': mac("02:00:00:00:00:02"), 'src': mac("02:00:00:00:00:01")}


def chunk(name: str, **given: object) -> tuple[str, tuple[tuple[str, object], ...]]:
    """A chunk with its sub-fields in table order, the ones not given at their
    defaults (names with "_" for "-")."""
    given = {k.replace("_", "-"): v for k, v in given.items()}
    return name, tuple((f.name, given.get(f.name, f.default)) for f in CHUNKS[name])


def route(**given: object) -> tuple[str, tuple[tuple[str, object], ...]]:
    """A RIP route entry, sub-fields not given at their defaults."""
    given = {k.replace("_", "-"): v for k, v in given.items()}
    return 'route', tuple((f.name, given.get(f.name, f.default)) for f in ROUTE)


def _ip(ident: int, src: str, dst: str) -> tuple[str, dict[str, object]]:
    return ('ipv4', {'id': ident, 'flags': 2, 'src': ip4(src), 'dst': ip4(dst)})


VECTORS: list[Case] = [
    # scapy-built: INIT with two IPv4 addresses, cookie preservative, supported address
    # types, ECN capable and forward-TSN supported
    ('sctp-init', [
        ('ether', _E), _ip(1, "192.0.2.1", "192.0.2.2"),
        ('sctp', {'sport': 40000, 'dport': 5001, 'chunks': (
            chunk('init', init_tag=0x1a2b3c4d, init_tsn=0x11223344,
                  ipv4_address=(ip4("192.0.2.1"), ip4("198.51.100.1")),
                  cookie_preservative=5000, supported_address_types=3, features=3),)}),
    ], '02000000000202000000000108004500005c000140004084b619c0000201c00002029c40138900000000'
       'be03b55d0100003c1a2b3c4d0001a000000affff1122334400050008c000020100050008c63364010009'
       '000800001388000c00080005000680000004c0000004'),
    # scapy-built: INIT ACK over IPv6 with a state cookie and an IPv6 address
    ('sctp-init-ack-ipv6', [
        ('ether', _E),
        ('ipv6', {'src': ip6("2001:db8::2"), 'dst': ip6("2001:db8::1")}),
        ('sctp', {'sport': 5001, 'dport': 40000, 'tag': 0x1a2b3c4d, 'chunks': (
            chunk('init-ack', init_tag=0x55667788, inbound_streams=10, init_tsn=0x99aabbcc,
                  state_cookie=bytes(range(24)), ipv6_address=(ip6("2001:db8::2"),)),)}),
    ], '02000000000202000000000186dd600000000050844020010db80000000000000000000000022001'
       '0db800000000000000000000000113899c401a2b3c4d47d2ce8002000044556677880001a000000a'
       '000a99aabbcc0007001c000102030405060708090a0b0c0d0e0f10111213141516170006001420010db8'
       '000000000000000000000002'),
    # scapy-built: COOKIE ECHO bundled with a DATA chunk (B and E, PPID 51, 5 bytes padded)
    ('sctp-cookie-echo-data', [
        ('ether', _E), _ip(2, "192.0.2.1", "192.0.2.2"),
        ('sctp', {'sport': 40000, 'dport': 5001, 'tag': 0x55667788, 'chunks': (
            chunk('cookie-echo', cookie=bytes(range(24))),
            chunk('data', tsn=0x11223344, ppid=51, text=b"hello"))}),
    ], '020000000002020000000001080045000054000240004084b620c0000201c00002029c40138955667788'
       '520b94400a00001c000102030405060708090a0b0c0d0e0f10111213141516170003001511223344'
       '000000000000003368656c6c6f000000'),
    # scapy-built: COOKIE ACK bundled with a SACK (one gap block, one duplicate TSN)
    ('sctp-cookie-ack-sack', [
        ('ether', _E), _ip(3, "192.0.2.2", "192.0.2.1"),
        ('sctp', {'sport': 5001, 'dport': 40000, 'tag': 0x1a2b3c4d, 'chunks': (
            chunk('cookie-ack'),
            chunk('sack', cum_tsn_ack=0x11223344, a_rwnd=106491, gap_blocks=(2, 3),
                  dup_tsns=(0x11223340,)))}),
    ], '02000000000202000000000108004500003c000340004084b637c0000202c000020113899c401a2b3c4d'
       'e89820a90b000004030000181122334400019ffb000100010002000311223340'),
    # scapy-built: HEARTBEAT with 12 bytes of heartbeat info
    ('sctp-heartbeat', [
        ('ether', _E), _ip(4, "192.0.2.1", "192.0.2.2"),
        ('sctp', {'sport': 40000, 'dport': 5001, 'tag': 0x55667788, 'chunks': (
            chunk('heartbeat', info=bytes(range(1, 13))),)}),
    ], '020000000002020000000001080045000034000440004084b63ec0000201c00002029c40138955667788'
       'b04f8e8704000014000100100102030405060708090a0b0c'),
    # scapy-built: SHUTDOWN
    ('sctp-shutdown', [
        ('ether', _E), _ip(5, "192.0.2.1", "192.0.2.2"),
        ('sctp', {'sport': 40000, 'dport': 5001, 'tag': 0x55667788, 'chunks': (
            chunk('shutdown', cum_tsn_ack=0x99aabbcc),)}),
    ], '020000000002020000000001080045000028000540004084b649c0000201c00002029c40138955667788'
       '67f6a2580700000899aabbcc'),
    # scapy-built: ABORT with the T flag and a 6-byte error cause (padded)
    ('sctp-abort', [
        ('ether', _E), _ip(6, "192.0.2.2", "192.0.2.1"),
        ('sctp', {'sport': 5001, 'dport': 40000, 'tag': 0x55667788, 'chunks': (
            chunk('abort', flags=1, causes=h("000c0006000a")),)}),
    ], '02000000000202000000000108004500002c000640004084b644c0000202c000020113899c4055667788'
       '20feb2f30601000a000c0006000a0000'),
    # scapy-built: SHUTDOWN ACK
    ('sctp-shutdown-ack', [
        ('ether', _E), _ip(7, "192.0.2.2", "192.0.2.1"),
        ('sctp', {'sport': 5001, 'dport': 40000, 'tag': 0x1a2b3c4d, 'chunks': (
            chunk('shutdown-ack'),)}),
    ], '020000000002020000000001080045000024000740004084b64bc0000202c000020113899c401a2b3c4d'
       '5d564ad808000004'),
    # scapy-built: SHUTDOWN COMPLETE
    ('sctp-shutdown-complete', [
        ('ether', _E), _ip(8, "192.0.2.1", "192.0.2.2"),
        ('sctp', {'sport': 40000, 'dport': 5001, 'tag': 0x55667788, 'chunks': (
            chunk('shutdown-complete'),)}),
    ], '020000000002020000000001080045000024000840004084b64ac0000201c00002029c40138955667788'
       'e7b2263a0e000004'),
    # scapy-built: OSPF hello from 192.0.2.1 on 192.0.2.0/24, area 0, to AllSPFRouters
    ('ospf-hello', [
        ('ether', {'dst': mac("01:00:5e:00:00:05"), 'src': mac("02:00:00:00:00:01")}),
        ('ipv4', {'tos': 0xc0, 'id': 0x1001, 'ttl': 1, 'src': ip4("192.0.2.1"),
                  'dst': ip4("224.0.0.5")}),
        ('ospf', {'router-id': ip4("192.0.2.1")}),
    ], '01005e000005020000000001080045c00040100100000159069ec0000201e000000502010'
       '02cc0000201000000003a9d00000000000000000000ffffff00000a0201000000280000000000000000'),
    # scapy-built: OSPF hello with simple authentication ("secret"), area 0.0.0.1, options E
    # and NP, priority 2, a DR, a BDR and two neighbors
    ('ospf-hello-simple-auth', [
        ('ether', {'dst': mac("01:00:5e:00:00:05"), 'src': mac("02:00:00:00:00:01")}),
        ('ipv4', {'tos': 0xc0, 'id': 0x2002, 'ttl': 1, 'src': ip4("192.0.2.2"),
                  'dst': ip4("224.0.0.5")}),
        ('ospf', {'router-id': ip4("192.0.2.2"), 'area': ip4("0.0.0.1"), 'autype': 1,
                  'auth': 0x7365637265740000, 'options': 0x0a, 'priority': 2,
                  'dr': ip4("192.0.2.2"), 'bdr': ip4("192.0.2.1"),
                  'neighbors': (ip4("192.0.2.1"), ip4("192.0.2.3"))}),
    ], '01005e000005020000000001080045c00048200200000159f693c0000202e0000005020100'
       '34c0000202000000012a8700017365637265740000ffffff00000a0a0200000028c0000202c0000201'
       'c0000201c0000203'),
    # scapy-built: RIPv2 response to 224.0.0.9 with two routes (one with a tag and next hop)
    ('rip-response', [
        ('ether', {'dst': mac("01:00:5e:00:00:09"), 'src': mac("02:00:00:00:00:01")}),
        ('ipv4', {'id': 0x3003, 'ttl': 1, 'src': ip4("192.0.2.1"), 'dst': ip4("224.0.0.9")}),
        ('udp', {'sport': 520, 'dport': 520}),
        ('rip', {'entries': (
            route(address=ip4("198.51.100.0"), mask=ip4("255.255.255.0")),
            route(tag=7, address=ip4("203.0.113.0"), mask=ip4("255.255.255.0"),
                  next_hop=ip4("192.0.2.254"), metric=2))}),
    ], '01005e000009020000000001080045000048300300000111e797c0000201e000000902080208003430'
       '250202000000020000c6336400ffffff00000000000000000100020007cb007100ffffff00c00002fe'
       '00000002'),
    # scapy-built: RIPv2 response with a simple password entry and an unreachable route
    ('rip-response-auth', [
        ('ether', {'dst': mac("01:00:5e:00:00:09"), 'src': mac("02:00:00:00:00:01")}),
        ('ipv4', {'id': 0x3004, 'ttl': 1, 'src': ip4("192.0.2.1"), 'dst': ip4("224.0.0.9")}),
        ('udp', {'sport': 520, 'dport': 520}),
        ('rip', {'entries': (
            ('auth', (('type', 2), ('password', b"secret"))),
            route(address=ip4("198.51.100.0"), mask=ip4("255.255.255.0"), metric=16))}),
    ], '01005e000009020000000001080045000048300400000111e796c0000201e0000009020802080034f1'
       'd302020000ffff00027365637265740000000000000000000000020000c6336400ffffff0000000000'
       '00000010'),
    # scapy-built: RIPv2 request for the whole table (family 0, metric 16; RFC 2453 §3.9.1)
    ('rip-request', [
        ('ether', _E),
        ('ipv4', {'id': 0x3005, 'src': ip4("192.0.2.1"), 'dst': ip4("192.0.2.2")}),
        ('udp', {'sport': 520, 'dport': 520}),
        ('rip', {'command': 1, 'entries': (route(family=0, metric=16),)}),
    ], '020000000002020000000001080045000034300500004011c6b0c0000201c000020202080208002076'
       '88010200000000000000000000000000000000000000000010'),
]
