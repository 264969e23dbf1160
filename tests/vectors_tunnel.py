"""Vectors of the tunnel layers: MPLS, GRE, VXLAN, Geneve (tests/vectors.py gathers
them; the four rules there hold). The conformance pcaps hold no MPLS or GRE, and their
VXLAN and Geneve packets (bigtcp-ipv6-*.pcap) are 80 KB big-TCP frames whose IPv6
payload length is 0, so every vector here is scapy-built (the comment gives the scapy
line, addresses as in the layers; Ether() is 02:00:00:00:00:01 > 02:00:00:00:00:02)."""

from __future__ import annotations

from vectorkit import Case, h, ip4, ip6, mac

VECTORS: list[Case] = [
    # scapy-built: Ether()/MPLS(label=16, ttl=64, s=0)/MPLS(label=17, cos=5,
    #   ttl=63)/IP()/UDP(sport=40000, dport=9)/'hi'
    ('mpls-stack-ipv4-udp', [
        ('ether', {}),
        ('mpls', {'label': 16, 's': 0, 'ttl': 64}),
        ('mpls', {'label': 17, 'tc': 5, 's': 1, 'ttl': 63}),
        ('ipv4', {'src': ip4("192.0.2.1"), 'dst': ip4("198.51.100.1")}),
        ('udp', {'sport': 40000, 'dport': 9}),
        ('payload', {'data': b'hi'}),
    ], (
        '02000000000202000000000188470001004000011b3f4500001e0001000040118e98c0000201c633'
        '64019c400009000a0ef16869'
    )),
    # scapy-built: Ether()/Dot1Q(vlan=10)/MPLS(label=2, ttl=255)/IPv6()/ICMPv6EchoRequest(id=1,
    #   seq=1): the IPv6 explicit null label
    ('mpls-vlan-ipv6', [
        ('ether', {}),
        ('vlan', {'vid': 10}),
        ('mpls', {'label': 2, 'ttl': 255}),
        ('ipv6', {'src': ip6("2001:db8::1"), 'dst': ip6("2001:db8::2")}),
        ('icmpv6', {'id': 1, 'seq': 1}),
    ], (
        '0200000000020200000000018100000a8847000021ff6000000000083a4020010db8000000000000'
        '00000000000120010db80000000000000000000000028000244600010001'
    )),
    # scapy-built: Ether()/IP()/GRE(key_present=1, key=1234)/IP()/ICMP(id=1, seq=1)/'ping'
    ('gre-key-ipv4-icmp', [
        ('ether', {}),
        ('ipv4', {'src': ip4("192.0.2.1"), 'dst': ip4("198.51.100.1")}),
        ('gre', {'key_present': 1, 'key': 1234, 'proto': 0x0800}),
        ('ipv4', {'src': ip4("10.0.0.1"), 'dst': ip4("10.0.0.2")}),
        ('icmp', {'id': 1, 'seq': 1}),
        ('payload', {'data': b'ping'}),
    ], (
        '02000000000202000000000108004500003c00010000402f8e5cc0000201c6336401200008000000'
        '04d24500002000010000400166da0a0000010a0000020800192d0001000170696e67'
    )),
    # scapy-built: Ether()/IP()/GRE(chksum_present=1, seqnum_present=1,
    #   sequence_number=7)/IPv6()/ICMPv6EchoRequest(id=2, seq=3)
    ('gre-checksum-seq-ipv6', [
        ('ether', {}),
        ('ipv4', {'src': ip4("192.0.2.1"), 'dst': ip4("198.51.100.1")}),
        ('gre', {'chksum_present': 1, 'seqnum_present': 1, 'seq': 7, 'checksum': 0x4f14,
                 'proto': 0x86DD}),
        ('ipv6', {'src': ip6("2001:db8::1"), 'dst': ip6("2001:db8::2")}),
        ('icmpv6', {'id': 2, 'seq': 3}),
    ], (
        '02000000000202000000000108004500005000010000402f8e48c0000201c6336401900086dd4f14'
        '0000000000076000000000083a4020010db800000000000000000000000120010db8000000000000'
        '0000000000028000244300020003'
    )),
    # scapy-built: Ether()/IPv6()/GRE()/Ether()/ARP(...): transparent Ethernet bridging (0x6558)
    ('gre-teb-ipv6-outer', [
        ('ether', {}),
        ('ipv6', {'src': ip6("2001:db8::1"), 'dst': ip6("2001:db8::2")}),
        ('gre', {'proto': 0x6558}),
        ('ether', {'dst': mac("02:00:00:00:00:04"), 'src': mac("02:00:00:00:00:03")}),
        ('arp', {'sha': mac("02:00:00:00:00:03"), 'spa': ip4("192.0.2.3"),
                 'tha': mac("00:00:00:00:00:00"), 'tpa': ip4("192.0.2.4")}),
    ], (
        '02000000000202000000000186dd60000000002e2f4020010db80000000000000000000000012001'
        '0db80000000000000000000000020000655802000000000402000000000308060001080006040001'
        '020000000003c0000203000000000000c0000204'
    )),
    # scapy-built: Ether()/IP()/GRE()/MPLS(label=100, ttl=64)/IP()/UDP(sport=40000, dport=9)/'x'
    ('gre-mpls', [
        ('ether', {}),
        ('ipv4', {'src': ip4("192.0.2.1"), 'dst': ip4("198.51.100.1")}),
        ('gre', {'proto': 0x8847}),
        ('mpls', {'label': 100, 'ttl': 64}),
        ('ipv4', {'src': ip4("10.0.0.1"), 'dst': ip4("10.0.0.2")}),
        ('udp', {'sport': 40000, 'dport': 9}),
        ('payload', {'data': b'x'}),
    ], (
        '02000000000202000000000108004500003900010000402f8e5fc0000201c6336401000088470006'
        '41404500001d00010000401166cd0a0000010a0000029c4000090009d78f78'
    )),
    # scapy-built: Ether()/IP()/UDP(sport=4789, dport=4789)/VXLAN(flags=0x08,
    #   vni=42)/Ether()/IP()/ICMP(id=7, seq=1)
    ('vxlan-vni42-icmp', [
        ('ether', {}),
        ('ipv4', {'src': ip4("192.0.2.1"), 'dst': ip4("198.51.100.1")}),
        ('udp', {'sport': 4789, 'dport': 4789}),
        ('vxlan', {'flags': 0x08, 'vni': 42}),
        ('ether', {'dst': mac("02:00:00:00:00:04"), 'src': mac("02:00:00:00:00:03")}),
        ('ipv4', {'src': ip4("10.0.0.1"), 'dst': ip4("10.0.0.2")}),
        ('icmp', {'id': 7, 'seq': 1}),
    ], (
        '02000000000202000000000108004500004e0001000040118e68c0000201c633640112b512b5003a'
        'afd20800000000002a0002000000000402000000000308004500001c00010000400166de0a000001'
        '0a0000020800f7f700070001'
    )),
    # scapy-built: Ether()/IPv6()/UDP(sport=51000, dport=4789)/VXLAN(flags=0x08,
    #   vni=5001)/Ether(dst=broadcast)/ARP(...): VNI 5001 as in bigtcp-ipv6-vxlan-ipv4.pcap
    ('vxlan-ipv6-outer-arp', [
        ('ether', {}),
        ('ipv6', {'src': ip6("2001:db8::1"), 'dst': ip6("2001:db8::2")}),
        ('udp', {'sport': 51000, 'dport': 4789}),
        ('vxlan', {'vni': 5001}),
        ('ether', {'dst': mac("ff:ff:ff:ff:ff:ff"), 'src': mac("02:00:00:00:00:03")}),
        ('arp', {'sha': mac("02:00:00:00:00:03"), 'spa': ip4("10.0.0.1"),
                 'tha': mac("00:00:00:00:00:00"), 'tpa': ip4("10.0.0.2")}),
    ], (
        '02000000000202000000000186dd60000000003a114020010db80000000000000000000000012001'
        '0db8000000000000000000000002c73812b5003a0aef0800000000138900ffffffffffff02000000'
        '0003080600010800060400010200000000030a0000010000000000000a000002'
    )),
    # scapy-built: Ether()/IP()/UDP(sport=6081, dport=6081)/GENEVE(vni=42, critical=1,
    #   options=[GeneveOptions(classid=0x0102, type=0x80, data=b'\0\1\0\n'),
    #   GeneveOptions(classid=0xffff, type=1)])/Ether()/IP()/ICMP(id=7, seq=2)
    ('geneve-options-ether', [
        ('ether', {}),
        ('ipv4', {'src': ip4("192.0.2.1"), 'dst': ip4("198.51.100.1")}),
        ('udp', {'sport': 6081, 'dport': 6081}),
        ('geneve', {'optlen': 3, 'flags': 1, 'vni': 42, 'proto': 0x6558, 'options': (
            ('option', (('class', 0x0102), ('type', 0x80), ('reserved', 0), ('length', 1),
                        ('data', h("0001000a")))),
            ('option', (('class', 0xFFFF), ('type', 1), ('reserved', 0), ('length', 0),
                        ('data', b''))))}),
        ('ether', {'dst': mac("02:00:00:00:00:04"), 'src': mac("02:00:00:00:00:03")}),
        ('ipv4', {'src': ip4("10.0.0.1"), 'dst': ip4("10.0.0.2")}),
        ('icmp', {'id': 7, 'seq': 2}),
    ], (
        '02000000000202000000000108004500005a0001000040118e5cc0000201c633640117c117c10046'
        'c2fb0340655800002a00010280010001000affff010002000000000402000000000308004500001c'
        '00010000400166de0a0000010a0000020800f7f600070002'
    )),
    # scapy-built: Ether()/IPv6()/UDP(sport=55411,
    #   dport=6081)/GENEVE(vni=5001)/IP()/UDP(sport=1234, dport=9)/'netperf': VNI 5001 as in
    #   bigtcp-ipv6-geneve-ipv4.pcap
    ('geneve-ipv4-inner', [
        ('ether', {}),
        ('ipv6', {'src': ip6("2001:db8::1"), 'dst': ip6("2001:db8::2")}),
        ('udp', {'sport': 55411, 'dport': 6081}),
        ('geneve', {'vni': 5001, 'proto': 0x0800}),
        ('ipv4', {'src': ip4("192.168.1.2"), 'dst': ip4("192.168.1.1")}),
        ('udp', {'sport': 1234, 'dport': 9}),
        ('payload', {'data': b'netperf'}),
    ], (
        '02000000000202000000000186dd600000000033114020010db80000000000000000000000012001'
        '0db8000000000000000000000002d87317c10033a63f000008000013890045000023000100004011'
        'f775c0a80102c0a8010104d20009000fc9586e657470657266'
    )),
    # scapy-built: Ether()/IP()/UDP(sport=6081, dport=6081)/GENEVE(vni=7,
    #   oam=1)/IPv6()/ICMPv6EchoRequest(id=4, seq=5)
    ('geneve-ipv6-inner-oam', [
        ('ether', {}),
        ('ipv4', {'src': ip4("192.0.2.1"), 'dst': ip4("198.51.100.1")}),
        ('udp', {'sport': 6081, 'dport': 6081}),
        ('geneve', {'flags': 2, 'vni': 7, 'proto': 0x86DD}),
        ('ipv6', {'src': ip6("2001:db8::1"), 'dst': ip6("2001:db8::2")}),
        ('icmpv6', {'id': 4, 'seq': 5}),
    ], (
        '0200000000020200000000010800450000540001000040118e62c0000201c633640117c117c10040'
        'bb51008086dd000007006000000000083a4020010db800000000000000000000000120010db80000'
        '000000000000000000028000243f00040005'
    )),
]
