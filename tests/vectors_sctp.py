"""Vectors for SCTP, OSPFv2 and RIP (the sctp group; same form and rules as
tests/vectors.py, which gathers this file). The tcpdump conformance pcaps in
../shared/conformance/tcpdump/pcaps hold no SCTP, OSPF or RIP packet: every
vector here is scapy-built (scapy.layers.sctp, scapy.contrib.ospf,
scapy.layers.rip), each a message kind of its protocol."""

from __future__ import annotations

from vectorkit import Case, h, ip4, ip6, mac

from craft.layers.sctp import CHUNKS

_E = {'dst': mac("02:00:00:00:00:02"), 'src': mac("02:00:00:00:00:01")}


def chunk(name: str, **given: object) -> tuple[str, tuple[tuple[str, object], ...]]:
    """A chunk with its sub-fields in table order, the ones not given at their
    defaults (names with "_" for "-")."""
    given = {k.replace("_", "-"): v for k, v in given.items()}
    return name, tuple((f.name, given.get(f.name, f.default)) for f in CHUNKS[name])


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
            chunk('data', tsn=0x11223344, ppid=51, data=b"hello"))}),
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
]
