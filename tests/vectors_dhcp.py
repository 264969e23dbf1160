"""Vectors of BOOTP/DHCP (RFC 951, 2131, 2132, 3046) and DHCPv6 (RFC 8415),
gathered into the shared table by tests/vectors.py (its four rules hold).

No capture in ../shared/conformance/tcpdump/pcaps carries DHCP, so every
vector is scapy-built (scapy.layers.dhcp BOOTP/DHCP, scapy.layers.dhcp6),
from the scapy lines in each comment; ports, lengths, checksums, hlen are
left to compute."""

from __future__ import annotations

from vectorkit import Case, h, ip4, ip6, mac

_MAC1 = mac("02:00:00:00:00:01")
_CID = (("type", 1), ("id", _MAC1))
_LLT = (("duid", 1), ("hwtype", 1), ("time", 700000000), ("lladdr", _MAC1), ("enterprise", 0),
        ("id", b""))
_EN = (("duid", 2), ("hwtype", 1), ("time", 0), ("lladdr", bytes(6)), ("enterprise", 32473),
       ("id", h("010203")))



def _ll(lladdr: bytes) -> tuple:
    """A DUID-LL of Ethernet (RFC 8415 §11.4) in craft's sub-fields."""
    return (("duid", 3), ("hwtype", 1), ("time", 0), ("lladdr", lladdr), ("enterprise", 0),
            ("id", b""))


VECTORS: list[Case] = [
    # scapy-built: BOOTP(chaddr=mac, xid=0x3903f326, flags=0x8000)/DHCP(options=[message-type
    # discover, client_id, requested_addr, hostname, param_req_list [1, 3, 6, 15, 42], "end",
    # "pad" x3])
    ('dhcp-discover', [
        ('ether', {'dst': mac("ff:ff:ff:ff:ff:ff"), 'src': _MAC1}),
        ('ipv4', {'id': 0, 'src': ip4("0.0.0.0"), 'dst': ip4("255.255.255.255")}),
        ('udp', {'sport': 68, 'dport': 67}),
        ('bootp', {'chaddr': _MAC1, 'xid': 0x3903F326, 'flags': 0x8000}),
        ('dhcp', {'options': (('message-type', 1), ('client-id', _CID),
                              ('requested-addr', ip4("192.0.2.10")), ('hostname', 'client1'),
                              ('param-req-list', (1, 3, 6, 15, 42)), ('end', None),
                              ('padding', 3))}),
    ], (
        'ffffffffffff02000000000108004500013200000000401179bc00000000ffffffff00440043011e'
        'cf13010106003903f326000080000000000000000000000000000000000002000000000100000000'
        '00000000000000000000000000000000000000000000000000000000000000000000000000000000'
        '00000000000000000000000000000000000000000000000000000000000000000000000000000000'
        '00000000000000000000000000000000000000000000000000000000000000000000000000000000'
        '00000000000000000000000000000000000000000000000000000000000000000000000000000000'
        '00000000000000000000000000000000000000000000000000000000000000000000000000006382'
        '53633501013d07010200000000013204c000020a0c07636c69656e743137050103060f2aff000000'
    )),
    # scapy-built: BOOTP(op=2, yiaddr, siaddr)/DHCP(options=[message-type offer, server_id,
    # lease_time 3600, renewal_time 1800, rebinding_time 3150, subnet_mask, router,
    # name_server (option 6) x2, domain, "end"])
    ('dhcp-offer', [
        ('ether', {'dst': _MAC1, 'src': mac("02:00:00:00:00:02")}),
        ('ipv4', {'id': 0x1234, 'src': ip4("192.0.2.1"), 'dst': ip4("192.0.2.10")}),
        ('udp', {'sport': 67, 'dport': 68}),
        ('bootp', {'op': 2, 'chaddr': _MAC1, 'xid': 0x3903F326, 'yiaddr': ip4("192.0.2.10"),
                   'siaddr': ip4("192.0.2.1")}),
        ('dhcp', {'options': (('message-type', 2), ('server-id', ip4("192.0.2.1")),
                              ('lease-time', 3600), ('renewal-time', 1800),
                              ('rebinding-time', 3150), ('subnet-mask', ip4("255.255.255.0")),
                              ('router', (ip4("192.0.2.1"),)),
                              ('domain-name-server', (ip4("192.0.2.53"), ip4("198.51.100.53"))),
                              ('domain-name', 'example.com'), ('end', None))}),
    ], (
        '02000000000102000000000208004500014b123400004011e362c0000201c000020a004300440137'
        'abd7020106003903f3260000000000000000c000020ac00002010000000002000000000100000000'
        '00000000000000000000000000000000000000000000000000000000000000000000000000000000'
        '00000000000000000000000000000000000000000000000000000000000000000000000000000000'
        '00000000000000000000000000000000000000000000000000000000000000000000000000000000'
        '00000000000000000000000000000000000000000000000000000000000000000000000000000000'
        '00000000000000000000000000000000000000000000000000000000000000000000000000006382'
        '53633501023604c0000201330400000e103a04000007083b0400000c4e0104ffffff000304c00002'
        '010608c0000235c63364350f0b6578616d706c652e636f6dff'
    )),
    # scapy-built: a relayed request, 67 to 67: BOOTP(hops=1, giaddr, secs=4)/DHCP(options=[
    # message-type request, requested_addr, server_id, vendor_class_id, max_dhcp_size 1500,
    # relay_agent_information circuit "eth0" remote 02:00:00:00:00:01, "end"])
    ('dhcp-relayed-request', [
        ('ether', {'dst': mac("02:00:00:00:00:02"), 'src': _MAC1}),
        ('ipv4', {'id': 7, 'src': ip4("198.51.100.1"), 'dst': ip4("192.0.2.1")}),
        ('udp', {'sport': 67, 'dport': 67}),
        ('bootp', {'chaddr': _MAC1, 'xid': 0xDEADBEEF, 'hops': 1, 'secs': 4,
                   'giaddr': ip4("198.51.100.1")}),
        ('dhcp', {'options': (('message-type', 3), ('requested-addr', ip4("198.51.100.20")),
                              ('server-id', ip4("192.0.2.1")), ('vendor-class-id', 'craft'),
                              ('max-message-size', 1500),
                              ('relay-agent-info', (('circuit-id', b"eth0"),
                                                    ('remote-id', h("020000000001")))),
                              ('end', None))}),
    ], (
        '0200000000020200000000010800450001370007000040118d79c6336401c0000201004300430123'
        'bdc401010601deadbeef00040000000000000000000000000000c633640102000000000100000000'
        '00000000000000000000000000000000000000000000000000000000000000000000000000000000'
        '00000000000000000000000000000000000000000000000000000000000000000000000000000000'
        '00000000000000000000000000000000000000000000000000000000000000000000000000000000'
        '00000000000000000000000000000000000000000000000000000000000000000000000000000000'
        '00000000000000000000000000000000000000000000000000000000000000000000000000006382'
        '53633501033204c63364143604c00002013c056372616674390205dc520e01046574683002060200'
        '00000001ff'
    )),
    # scapy-built: BOOTP(op=2, xid=1, flags=0x8000)/DHCP(options=[message-type nak, server_id,
    # "end"])
    ('dhcp-nak', [
        ('ether', {'dst': mac("ff:ff:ff:ff:ff:ff"), 'src': mac("02:00:00:00:00:02")}),
        ('ipv4', {'id': 9, 'src': ip4("192.0.2.1"), 'dst': ip4("255.255.255.255")}),
        ('udp', {'sport': 67, 'dport': 68}),
        ('bootp', {'op': 2, 'chaddr': _MAC1, 'xid': 1, 'flags': 0x8000}),
        ('dhcp', {'options': (('message-type', 6), ('server-id', ip4("192.0.2.1")),
                              ('end', None))}),
    ], (
        'ffffffffffff020000000002080045000116000900004011b7cdc0000201ffffffff004300440102'
        'b8800201060000000001000080000000000000000000000000000000000002000000000100000000'
        '00000000000000000000000000000000000000000000000000000000000000000000000000000000'
        '00000000000000000000000000000000000000000000000000000000000000000000000000000000'
        '00000000000000000000000000000000000000000000000000000000000000000000000000000000'
        '00000000000000000000000000000000000000000000000000000000000000000000000000000000'
        '00000000000000000000000000000000000000000000000000000000000000000000000000006382'
        '53633501063604c0000201ff'
    )),
    # scapy-built: DHCP6_Solicit(trid=0xabcdef)/DHCP6OptClientId(DUID_LLT(lladdr,
    # timeval=700000000))/DHCP6OptIA_NA(iaid=1, T1=0, T2=0)/DHCP6OptOptReq([23, 24])
    # /DHCP6OptElapsedTime()/DHCP6OptRapidCommit()
    ('dhcpv6-solicit', [
        ('ether', {'dst': mac("33:33:00:01:00:02"), 'src': _MAC1}),
        ('ipv6', {'hlim': 1, 'src': ip6("fe80::1"), 'dst': ip6("ff02::1:2")}),
        ('udp', {'sport': 546, 'dport': 547}),
        ('dhcpv6', {'msgtype': 1, 'trid': 0xABCDEF, 'options': (
            ('client-id', _LLT),
            ('ia-na', (('iaid', 1), ('t1', 0), ('t2', 0), ('addresses', ()), ('preferred', 0),
                       ('valid', 0))),
            ('option-request', (23, 24)), ('elapsed-time', 0), ('rapid-commit', None))}),
    ], (
        '33330001000202000000000186dd6000000000401101fe800000000000000000000000000001ff02'
        '0000000000000000000000010002022202230040dada01abcdef0001000e0001000129b927000200'
        '000000010003000c0000000100000000000000000006000400170018000800020000000e0000'
    )),
    # scapy-built: DHCP6_Reply(trid=0xabcdef)/DHCP6OptIA_NA(iaid=1, T1=1800, T2=2880,
    # ianaopts=[DHCP6OptIAAddress(2001:db8::100, 3600, 7200)])/client id/DHCP6OptServerId(
    # DUID_EN(32473, 010203))/DHCP6OptDNSServers([2001:db8::53])
    ('dhcpv6-reply', [
        ('ether', {'dst': _MAC1, 'src': mac("02:00:00:00:00:02")}),
        ('ipv6', {'src': ip6("fe80::2"), 'dst': ip6("fe80::1")}),
        ('udp', {'sport': 547, 'dport': 546}),
        ('dhcpv6', {'msgtype': 7, 'trid': 0xABCDEF, 'options': (
            ('ia-na', (('iaid', 1), ('t1', 1800), ('t2', 2880),
                       ('addresses', (ip6("2001:db8::100"),)), ('preferred', 3600),
                       ('valid', 7200))),
            ('client-id', _LLT), ('server-id', _EN),
            ('dns-servers', (ip6("2001:db8::53"),)))}),
    ], (
        '02000000000102000000000286dd60000000006b1140fe800000000000000000000000000002fe80'
        '000000000000000000000000000102230222006bb3d707abcdef0003002800000001000007080000'
        '0b400005001820010db800000000000000000000010000000e1000001c200001000e0001000129b9'
        '270002000000000100020009000200007ed90102030017001020010db80000000000000000000000'
        '53'
    )),
    # scapy-built: DHCP6_Advertise(trid=0x10203)/DHCP6OptServerId(DUID_LL(02:..:02))
    # /DHCP6OptClientId(DUID_LL(02:..:01))/DHCP6OptIA_NA(iaid=1, T1=3600, T2=5400, two
    # DHCP6OptIAAddress of lifetimes 7200/10800)/DHCP6OptPref(255)/DHCP6OptDNSServers x2
    ('dhcpv6-advertise', [
        ('ether', {'dst': _MAC1, 'src': mac("02:00:00:00:00:02")}),
        ('ipv6', {'hlim': 255, 'src': ip6("fe80::2"), 'dst': ip6("fe80::1")}),
        ('udp', {'sport': 547, 'dport': 546}),
        ('dhcpv6', {'msgtype': 2, 'trid': 0x010203, 'options': (
            ('server-id', _ll(mac("02:00:00:00:00:02"))), ('client-id', _ll(_MAC1)),
            ('ia-na', (('iaid', 1), ('t1', 3600), ('t2', 5400),
                       ('addresses', (ip6("2001:db8::1:100"), ip6("2001:db8::1:101"))),
                       ('preferred', 7200), ('valid', 10800))),
            ('preference', 255),
            ('dns-servers', (ip6("2001:db8::53"), ip6("2001:db8::54"))))}),
    ], (
        '02000000000102000000000286dd60000000009911fffe800000000000000000000000000002fe80'
        '00000000000000000000000000010223022200999827020102030002000a00030001020000000002'
        '0001000a00030001020000000001000300440000000100000e10000015180005001820010db80000'
        '0000000000000001010000001c2000002a300005001820010db80000000000000000000101010000'
        '1c2000002a3000070001ff0017002020010db800000000000000000000005320010db80000000000'
        '00000000000054'
    )),
    # scapy-built: DHCP6_RelayForward(linkaddr=2001:db8::1, peeraddr=fe80::1)
    # /DHCP6OptIfaceId(b"eth0")/DHCP6OptRelayMsg(a solicit with a DUID_LL client id)
    ('dhcpv6-relay-forw', [
        ('ether', {'dst': mac("02:00:00:00:00:02"), 'src': _MAC1}),
        ('ipv6', {'src': ip6("2001:db8::1"), 'dst': ip6("2001:db8::2")}),
        ('udp', {'sport': 547, 'dport': 547}),
        ('dhcpv6', {'msgtype': 12, 'hopcount': 0, 'linkaddr': ip6("2001:db8::1"),
                    'peeraddr': ip6("fe80::1"), 'options': (
                        ('interface-id', b"eth0"),
                        ('relay-message', h("010012340001000a00030001020000000001000800020000")))}),
    ], (
        '02000000000202000000000186dd60000000004e114020010db80000000000000000000000012001'
        '0db800000000000000000000000202230223004e84310c0020010db8000000000000000000000001'
        'fe800000000000000000000000000001001200046574683000090018010012340001000a00030001'
        '020000000001000800020000'
    )),
]
