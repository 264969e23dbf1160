"""Vectors for PPPoE discovery and session, PPP, LCP and IPCP (issue 11).

The tcpdump conformance captures in ../shared/conformance/tcpdump/pcaps
hold no PPPoE frame, so every case here is scapy-built: the comment gives
the scapy expression (scapy.layers.ppp; ``E1``/``E2`` are
02:00:00:00:00:01/02, ``T(t, v)`` is ``PPPoETag(tag_type=t, tag_value=v)``),
written independently of craft's tables. Frames under 60 bytes carry the
Ethernet padding a NIC adds as a ``padding`` layer where noted.
"""

from __future__ import annotations

from vectorkit import Case, h, ip4, ip6, mac

E1, E2 = mac("02:00:00:00:00:01"), mac("02:00:00:00:00:02")
BROADCAST = mac("ff:ff:ff:ff:ff:ff")
HOST_UNIQ = h("0100000a")
CHAP_MD5 = (("protocol", 0xC223), ("data", h("05")))

VECTORS: list[Case] = [
    # scapy-built: Ether(dst=broadcast, src=E1)/PPPoED(code=0x09)/PPPoED_Tags(tag_list=
    # [T(0x0101, b""), T(0x0103, "0100000a")]), padded to 60 bytes as on the wire
    ('pppoed-padi', [
        ('ether', {'dst': BROADCAST, 'src': E1}),
        ('pppoed', {'code': 0x09, 'tags': (('service-name', ""), ('host-uniq', HOST_UNIQ))}),
        ('padding', {'data': bytes(28)}),
    ], (
        'ffffffffffff020000000001886311090000000c01010000010300040100000a'
        '00000000000000000000000000000000000000000000000000000000'
    )),
    # scapy-built: Ether(dst=E1, src=E2)/PPPoED(code=0x07)/PPPoED_Tags(tag_list=
    # [T(0x0102, b"ac-1"), T(0x0101, b""), T(0x0104, cookie), T(0x0103, "0100000a")])
    ('pppoed-pado', [
        ('ether', {'dst': E1, 'src': E2}),
        ('pppoed', {'code': 0x07, 'tags': (
            ('ac-name', "ac-1"), ('service-name', ""),
            ('ac-cookie', h("3b229a082b231f7c10247500acb51e2f")), ('host-uniq', HOST_UNIQ))}),
    ], (
        '02000000000102000000000288631107000000280102000461632d3101010000010400103b229a082b23'
        '1f7c10247500acb51e2f010300040100000a'
    )),
    # scapy-built: Ether(dst=E2, src=E1)/PPPoED(code=0x19)/PPPoED_Tags(tag_list=
    # [T(0x0101, b"isp"), T(0x0120, "05dc"), T(0x0105, "00000de9" "0102"), T(0x0000, b"")])
    ('pppoed-padr', [
        ('ether', {'dst': E2, 'src': E1}),
        ('pppoed', {'code': 0x19, 'tags': (
            ('service-name', "isp"), ('ppp-max-payload', 1500),
            ('vendor-specific', (('vendor', 3561), ('data', h("0102")))),
            ('end-of-list', None))}),
    ], (
        '020000000002020000000001886311190000001b010100036973700120000205dc0105000600000de9'
        '010200000000'
    )),
    # scapy-built: Ether(dst=E1, src=E2)/PPPoED(code=0x65, sessionid=1)/PPPoED_Tags(
    # tag_list=[T(0x0101, b""), T(0x0103, "0100000a")]), padded to 60 bytes
    ('pppoed-pads', [
        ('ether', {'dst': E1, 'src': E2}),
        ('pppoed', {'code': 0x65, 'sessionid': 1,
                    'tags': (('service-name', ""), ('host-uniq', HOST_UNIQ))}),
        ('padding', {'data': bytes(28)}),
    ], (
        '020000000001020000000002886311650001000c01010000010300040100000a'
        '00000000000000000000000000000000000000000000000000000000'
    )),
    # scapy-built: Ether(dst=E2, src=E1)/PPPoED(code=0xa7, sessionid=1)/PPPoED_Tags(
    # tag_list=[T(0x0203, b"session closed")])
    ('pppoed-padt', [
        ('ether', {'dst': E2, 'src': E1}),
        ('pppoed', {'code': 0xA7, 'sessionid': 1,
                    'tags': (('generic-error', "session closed"),)}),
    ], '020000000002020000000001886311a7000100120203000e73657373696f6e20636c6f736564'),
    # scapy-built: a tag craft has no name for (0x0106, Credits, RFC 5578) -> bytes
    # Ether(dst=E2, src=E1)/PPPoED(code=0xa7, sessionid=1)/PPPoED_Tags(tag_list=
    # [T(0x0106, "0010")])
    ('pppoed-unknown-tag-bytes', [
        ('ether', {'dst': E2, 'src': E1}),
        ('pppoed', {'code': 0xA7, 'sessionid': 1, 'tags': h("010600020010")}),
    ], '020000000002020000000001886311a700010006010600020010'),
    # scapy-built: Ether(dst=E2, src=E1)/PPPoE(sessionid=1)/PPP()/PPP_LCP_Configure(code=1,
    # id=1, options=[PPP_LCP_MRU_Option(max_recv_unit=1492), PPP_LCP_Auth_Protocol_Option(
    # auth_protocol=0xc223, algorithm=5), PPP_LCP_Magic_Number_Option(magic_number=0x5e630ab8)])
    ('lcp-configure-request', [
        ('ether', {'dst': E2, 'src': E1}),
        ('pppoes', {'sessionid': 1}),
        ('ppp', {}),
        ('lcp', {'code': 1, 'id': 1, 'options': (
            ('mru', 1492), ('auth-protocol', CHAP_MD5), ('magic-number', 0x5E630AB8))}),
    ], (
        '0200000000020200000000018864110000010015c02101010013010405d40305c2230505065e630ab8'
    )),
    # scapy-built: ... PPP_LCP_Configure(code=2, id=1, options=[PPP_LCP_MRU_Option(
    # max_recv_unit=1492), PPP_LCP_Magic_Number_Option(magic_number=0x5e630ab8),
    # PPP_LCP_Option(type=7, data=b""), PPP_LCP_Option(type=8, data=b"")])
    ('lcp-configure-ack', [
        ('ether', {'dst': E1, 'src': E2}),
        ('pppoes', {'sessionid': 1}),
        ('ppp', {}),
        ('lcp', {'code': 2, 'id': 1, 'options': (
            ('mru', 1492), ('magic-number', 0x5E630AB8), ('pfc', None), ('acfc', None))}),
    ], '0200000000010200000000028864110000010014c02102010012010405d405065e630ab807020802'),
    # scapy-built: ... PPP_LCP_Configure(code=3, id=2, options=[PPP_LCP_MRU_Option(
    # max_recv_unit=1480), PPP_LCP_Auth_Protocol_Option(auth_protocol=0xc023)]), padded
    ('lcp-configure-nak', [
        ('ether', {'dst': E1, 'src': E2}),
        ('pppoes', {'sessionid': 1}),
        ('ppp', {}),
        ('lcp', {'code': 3, 'id': 2, 'options': (
            ('mru', 1480), ('auth-protocol', (('protocol', 0xC023), ('data', b""))))}),
        ('padding', {'data': bytes(26)}),
    ], (
        '020000000001020000000002886411000001000ec0210302000c010405c80304c023'
        '0000000000000000000000000000000000000000000000000000'
    )),
    # scapy-built: an option craft has no name for (0x20) -> bytes; ...
    # PPP_LCP_Configure(code=4, id=3, options=[PPP_LCP_Option(type=0x20, data="0102")])
    ('lcp-configure-reject-bytes', [
        ('ether', {'dst': E1, 'src': E2}),
        ('pppoes', {'sessionid': 1}),
        ('ppp', {}),
        ('lcp', {'code': 4, 'id': 3, 'options': h("20040102")}),
    ], '020000000001020000000002886411000001000ac0210403000820040102'),
    # scapy-built: ... PPP()/PPP_LCP_Echo(code=9, id=7, magic_number=0x5e630ab8)
    ('lcp-echo-request', [
        ('ether', {'dst': E2, 'src': E1}),
        ('pppoes', {'sessionid': 1}),
        ('ppp', {}),
        ('lcp', {'code': 9, 'id': 7, 'magic': 0x5E630AB8}),
    ], '020000000002020000000001886411000001000ac021090700085e630ab8'),
    # scapy-built: ... PPP()/PPP_LCP_Echo(code=10, id=7, magic_number=0x1a2b3c4d,
    # data=b"ping")
    ('lcp-echo-reply', [
        ('ether', {'dst': E1, 'src': E2}),
        ('pppoes', {'sessionid': 1}),
        ('ppp', {}),
        ('lcp', {'code': 10, 'id': 7, 'magic': 0x1A2B3C4D, 'data': b"ping"}),
    ], '020000000001020000000002886411000001000ec0210a07000c1a2b3c4d70696e67'),
    # scapy-built: ... PPP()/PPP_LCP_Terminate(code=5, id=4, data=b"User request")
    ('lcp-terminate-request', [
        ('ether', {'dst': E2, 'src': E1}),
        ('pppoes', {'sessionid': 1}),
        ('ppp', {}),
        ('lcp', {'code': 5, 'id': 4, 'data': b"User request"}),
    ], '0200000000020200000000018864110000010012c02105040010557365722072657175657374'),
    # scapy-built: ... PPP()/PPP_LCP_Protocol_Reject(id=5, rejected_protocol=0x8057,
    # rejected_information=Raw("0101000e010a0000000000000001")): an IPV6CP request refused
    ('lcp-protocol-reject', [
        ('ether', {'dst': E1, 'src': E2}),
        ('pppoes', {'sessionid': 1}),
        ('ppp', {}),
        ('lcp', {'code': 8, 'id': 5, 'rejected': 0x8057,
                 'data': h("0101000e010a0000000000000001")}),
    ], (
        '0200000000010200000000028864110000010016c0210805001480570101000e010a0000000000000001'
    )),
    # scapy-built: ... PPP()/PPP_IPCP(code=1, id=1, options=[PPP_IPCP_Option_IPAddress(
    # data="0.0.0.0"), PPP_IPCP_Option_DNS1(data="0.0.0.0"), PPP_IPCP_Option_DNS2(...)])
    ('ipcp-configure-request', [
        ('ether', {'dst': E2, 'src': E1}),
        ('pppoes', {'sessionid': 1}),
        ('ppp', {}),
        ('ipcp', {'code': 1, 'id': 1, 'options': (
            ('ip-address', bytes(4)), ('primary-dns', bytes(4)), ('secondary-dns', bytes(4)))}),
    ], (
        '0200000000020200000000018864110000010018802101010016030600000000810600000000830600'
        '000000'
    )),
    # scapy-built: ... PPP()/PPP_IPCP(code=3, id=1, options=[PPP_IPCP_Option_IPAddress(
    # data="192.0.2.10"), PPP_IPCP_Option_DNS1(data="198.51.100.53"),
    # PPP_IPCP_Option_DNS2(data="198.51.100.54")])
    ('ipcp-configure-nak', [
        ('ether', {'dst': E1, 'src': E2}),
        ('pppoes', {'sessionid': 1}),
        ('ppp', {}),
        ('ipcp', {'code': 3, 'id': 1, 'options': (
            ('ip-address', ip4("192.0.2.10")), ('primary-dns', ip4("198.51.100.53")),
            ('secondary-dns', ip4("198.51.100.54")))}),
    ], (
        '02000000000102000000000288641100000100188021030100160306c000020a8106c63364358306c6'
        '336436'
    )),
    # scapy-built: ... PPP()/PPP_IPCP(code=1, id=9, options=[PPP_IPCP_Option(type=2,
    # data="002d0f01"), PPP_IPCP_Option_IPAddress(data="192.0.2.1")]): VJ compression
    ('ipcp-vj-compression', [
        ('ether', {'dst': E1, 'src': E2}),
        ('pppoes', {'sessionid': 1}),
        ('ppp', {}),
        ('ipcp', {'code': 1, 'id': 9, 'options': (
            ('ip-compression-protocol', (('protocol', 0x002D), ('data', h("0f01")))),
            ('ip-address', ip4("192.0.2.1")))}),
    ], '02000000000102000000000288641100000100128021010900100206002d0f010306c0000201'),
    # scapy-built: Ether(dst=E2, src=E1)/PPPoE(sessionid=1)/PPP()/IP(src="192.0.2.10",
    # dst="198.51.100.1")/ICMP(id=1, seq=1): IPv4 in the session (ppp.proto 0x0021)
    ('ppp-ipv4-icmp', [
        ('ether', {'dst': E2, 'src': E1}),
        ('pppoes', {'sessionid': 1}),
        ('ppp', {}),
        ('ipv4', {'src': ip4("192.0.2.10"), 'dst': ip4("198.51.100.1")}),
        ('icmp', {'id': 1, 'seq': 1}),
    ], (
        '020000000002020000000001886411000001001e00214500001c0001000040018ea1c000020ac63364'
        '010800f7fd00010001'
    )),
    # scapy-built (Dot1Q bound to PPPoE 0x8864): Ether(dst=E2, src=E1)/Dot1Q(vlan=7)/
    # PPPoE(sessionid=1)/PPP()/IPv6(src="2001:db8::10", dst="2001:db8::1")/UDP(sport=5000,
    # dport=6000): IPv6 in the session (ppp.proto 0x0057) behind a VLAN tag
    ('ppp-ipv6-udp-vlan', [
        ('ether', {'dst': E2, 'src': E1}),
        ('vlan', {'vid': 7}),
        ('pppoes', {'sessionid': 1}),
        ('ppp', {}),
        ('ipv6', {'src': ip6("2001:db8::10"), 'dst': ip6("2001:db8::1")}),
        ('udp', {'sport': 5000, 'dport': 6000}),
    ], (
        '0200000000020200000000018100000788641100000100320057600000000008114020010db80000'
        '0000000000000000001020010db80000000000000000000000011388177000087963'
    )),
]
