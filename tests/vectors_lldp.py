"""LLDP (IEEE 802.1AB) and LACP (IEEE 802.1AX) vectors, in the form of
tests/vectors.py. The conformance pcaps hold no LLDP or LACP frame, so every
case is scapy-built (scapy.contrib.lldp, scapy.contrib.lacp; the script is
in each comment's words); scapy pads a short LLDP frame to 60 bytes, which
is the padding layer here."""

from __future__ import annotations

from vectorkit import Case, h, ip4, ip6, mac

_LAB1, _LAB2 = mac("02:00:00:00:00:01"), mac("02:00:00:00:00:02")
_BRIDGES, _SLOW = mac("01:80:c2:00:00:0e"), mac("01:80:c2:00:00:02")


def _id(subtype: int, mac_: bytes = _LAB1, address: bytes = ip4("192.0.2.1"),
        id_: bytes = b"craft") -> tuple:
    return (("subtype", subtype), ("mac", mac_), ("address", address), ("id", id_))


_ZERO3 = b"\0" * 3

VECTORS: list[Case] = [
    # scapy-built: Ether(dst=01:80:c2:00:00:0e)/LLDPDUChassisID(subtype=4, MAC)
    # /LLDPDUPortID(subtype=5, id=b"eth0")/LLDPDUTimeToLive(ttl=120)/LLDPDUEndOfLLDPDU()
    # (scapy pads the frame to 60 bytes)
    ('lldp-mandatory', [
        ('ether', {'dst': _BRIDGES, 'src': _LAB1}),
        ('lldp', {'tlvs': (('chassis-id', _id(4)), ('port-id', _id(5, id_=b"eth0")),
                           ('ttl', 120), ('end', None))}),
        ('padding', {'data': b"\0" * 24}),
    ], (
        '0180c200000e02000000000188cc0207040200000000010405056574683006020078000000000000'
        '0000000000000000000000000000000000000000'
    )),
    # scapy-built: chassis-id local b"sw1", port-id MAC, ttl 120, port description,
    # system name and description, capabilities (bridge, router, telephone; bridge
    # enabled), management address 2001:db8::1 (ifIndex 3, an OID), the IEEE 802.1
    # port VLAN ID TLV (org-specific 00-80-c2 subtype 1: 100), end
    ('lldp-every-tlv', [
        ('ether', {'dst': _BRIDGES, 'src': _LAB1}),
        ('lldp', {'tlvs': (
            ('chassis-id', _id(7, id_=b"sw1")),
            ('port-id', _id(3, id_=b"eth0")),
            ('ttl', 120),
            ('port-description', "Port 1"),
            ('system-name', "sw1.example.net"),
            ('system-description', "craft test switch"),
            ('capabilities', (('system', 0x34), ('enabled', 0x04))),
            ('management-address', (('address', ip6("2001:db8::1")), ('ifsubtype', 2),
                                    ('ifnumber', 3), ('oid', h("2b060102010202010103")))),
            ('org-specific', (('oui', 0x0080C2), ('subtype', 1), ('info', h("0064")))),
            ('end', None),
        )}),
    ], (
        '0180c200000e02000000000188cc020407737731040703020000000001060200780806506f727420'
        '310a0f7377312e6578616d706c652e6e65740c1163726166742074657374207377697463680e0400'
        '3400041022110220010db800000000000000000000000102000000030a2b060102010202010103fe'
        '060080c20100640000'
    )),
    # scapy-built: Ether()/Dot1Q(vlan=100)/LLDPDUChassisID(subtype=5, family=1,
    # id=192.0.2.2)/LLDPDUPortID(subtype=4, family=2, id=2001:db8::2)
    # /LLDPDUTimeToLive(ttl=0)/LLDPDUEndOfLLDPDU(): network addresses, a shutdown LLDPDU
    ('lldp-vlan-network-addresses', [
        ('ether', {'dst': _BRIDGES, 'src': _LAB2}),
        ('vlan', {'vid': 100}),
        ('lldp', {'tlvs': (('chassis-id', _id(5, address=ip4("192.0.2.2"))),
                           ('port-id', _id(4, address=ip6("2001:db8::2"), id_=b"eth0")),
                           ('ttl', 0), ('end', None))}),
        ('padding', {'data': b"\0" * 8}),
    ], (
        '0180c200000e0200000000028100006488cc02060501c00002020412040220010db8000000000000'
        '0000000000020602000000000000000000000000'
    )),
    # scapy-built: Ether(dst=01:80:c2:00:00:02)/SlowProtocol(subtype=1)/LACP(...):
    # an active actor in sync, collecting and distributing, with its partner
    ('lacp-in-sync', [
        ('ether', {'dst': _SLOW, 'src': _LAB1}),
        ('lacp', {'actor_system_priority': 32768, 'actor_system': _LAB1, 'actor_key': 13,
                  'actor_port_priority': 32768, 'actor_port_number': 1, 'actor_state': 0x3D,
                  'actor_reserved': _ZERO3,
                  'partner_system_priority': 32768, 'partner_system': _LAB2, 'partner_key': 17,
                  'partner_port_priority': 32768, 'partner_port_number': 2,
                  'partner_state': 0x3F, 'collector_max_delay': 5}),
    ], (
        '0180c20000020200000000018809010101148000020000000001000d800000013d00000002148000'
        '0200000000020011800000023f000000031000050000000000000000000000000000000000000000'
        '00000000000000000000000000000000000000000000000000000000000000000000000000000000'
        '00000000'
    )),
    # scapy-built: a passive actor with short timeout that expired, no partner known
    # (partner state timeout, expired)
    ('lacp-defaulted', [
        ('ether', {'dst': _SLOW, 'src': _LAB2}),
        ('lacp', {'actor_system_priority': 65535, 'actor_system': _LAB2, 'actor_key': 1,
                  'actor_port_priority': 255, 'actor_port_number': 7, 'actor_state': 0x47,
                  'partner_system': bytes(6), 'partner_state': 0x82}),
    ], (
        '0180c2000002020000000002880901010114ffff020000000002000100ff00074700000002140000'
        '00000000000000000000000082000000031000000000000000000000000000000000000000000000'
        '00000000000000000000000000000000000000000000000000000000000000000000000000000000'
        '00000000'
    )),
]
