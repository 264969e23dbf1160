"""Vectors for 802.3 length framing, 802.2 LLC, SNAP, STP/RSTP BPDUs and CDP
(tests/vectors.py gives the format and the four rules).

The conformance pcaps hold no LLC frame, so every vector is scapy-built:
scapy's Dot3/LLC/SNAP/STP and contrib/cdp.py, the padding to 60 bytes
appended by hand (scapy's Dot3 would count it in the length); a TCN and
RSTP's version 1 length, which scapy's STP lacks, as Raw bytes after LLC
or STP. The scapy line is in each comment.
"""

from __future__ import annotations

from vectorkit import Case, ip4, mac

BPDU_DST = mac("01:80:c2:00:00:00")
CDP_DST = mac("01:00:0c:cc:cc:cc")
A, B = mac("02:00:00:00:00:01"), mac("02:00:00:00:00:02")

VECTORS: list[Case] = [
    # scapy-built: Dot3(dst=BPDU, src=A)/LLC()/STP(rootid=32768, rootmac=A, bridgeid=32768,
    # bridgemac=A, portid=0x8001, age=0) + 8 bytes of padding: a bridge claiming root
    ('stp-config-root', [
        ('ether', {'dst': BPDU_DST, 'src': A, 'type': 38}),
        ('llc', {'dsap': 0x42, 'ssap': 0x42, 'control': 3}),
        ('stp', {'type': 0, 'root-priority': 32768, 'root-mac': A, 'bridge-priority': 32768,
                 'bridge-mac': A, 'port-id': 0x8001, 'message-age': 0, 'max-age': 20,
                 'hello-time': 2, 'forward-delay': 15}),
        ('padding', {'data': bytes(8)}),
    ], (
        '0180c20000000200000000010026424203000000000080000200000000010000000080000200000000'
        '0180010000140002000f000000000000000000'
    )),
    # scapy-built: Dot3(dst=BPDU, src=A)/LLC(dsap=0x42, ssap=0x42, ctrl=3)/
    # Raw("00000080") + 39 bytes of padding: a topology change notification
    ('stp-tcn', [
        ('ether', {'dst': BPDU_DST, 'src': A, 'type': 7}),
        ('llc', {'dsap': 0x42}),
        ('stp', {'type': 0x80}),
        ('padding', {'data': bytes(39)}),
    ], '0180c2000000020000000001000742420300000080' + '00' * 39),
    # scapy-built: Dot3(dst=BPDU, src=B)/LLC()/STP(version=2, bpdutype=2, bpduflags=0x7c,
    # rootid=4096+10, rootmac=A, pathcost=20000, bridgeid=32768+10, bridgemac=B,
    # portid=0x8002, age=1)/Raw("00") + 7 bytes: RSTP, a designated port learning and
    # forwarding with agreement, in VLAN 10's instance
    ('rstp-designated', [
        ('ether', {'dst': BPDU_DST, 'src': B}),
        ('llc', {}),
        ('stp', {'version': 2, 'type': 2, 'flags': 0x7C, 'root-priority': 4096,
                 'root-sysid': 10, 'root-mac': A, 'path-cost': 20000,
                 'bridge-priority': 32768, 'bridge-sysid': 10, 'bridge-mac': B,
                 'port-id': 0x8002, 'v1-length': 0}),
        ('padding', {'data': bytes(7)}),
    ], (
        '0180c20000000200000000020027424203000002027c100a02000000000100004e20800a0200000000'
        '0280020100140002000f000000000000000000'
    )),
    # scapy-built: Dot3(dst=CDP, src=A)/LLC()/SNAP()/CDPv2_HDR(ttl=180, msg=[
    # CDPMsgDeviceID(val="switch1.example"), CDPMsgAddr(addr=[CDPAddrRecordIPv4(
    # addr="192.0.2.1")]), CDPMsgPortID(iface="GigabitEthernet0/1"),
    # CDPMsgCapabilities(cap=0x28), CDPMsgSoftwareVersion(val=...), CDPMsgPlatform(val=...),
    # CDPMsgNativeVLAN(vlan=1), CDPMsgDuplex(duplex=1)])
    ('cdp-switch', [
        ('ether', {'dst': CDP_DST, 'src': A, 'type': 154}),
        ('llc', {'dsap': 0xAA, 'ssap': 0xAA}),
        ('snap', {'oui': 0x00000C, 'pid': 0x2000}),
        ('cdp', {'version': 2, 'ttl': 180, 'checksum': 0x6CCA, 'tlvs': (
            ('device-id', 'switch1.example'), ('addresses', (ip4('192.0.2.1'),)),
            ('port-id', 'GigabitEthernet0/1'), ('capabilities', (('flags', 0x28),)),
            ('software-version', 'Cisco IOS Software, Version 15.2(2)E'),
            ('platform', 'cisco WS-C2960-24TT-L'), ('native-vlan', 1), ('duplex', 1))}),
    ], (
        '01000ccccccc020000000001009aaaaa0300000c200002b46cca00010013737769746368312e6578616d'
        '706c6500020011000000010101cc0004c0000201000300164769676162697445746865726e6574302f'
        '31000400080000002800050028436973636f20494f5320536f6674776172652c2056657273696f6e20'
        '31352e322832294500060019636973636f2057532d43323936302d323454542d4c000a00060001000b'
        '000501'
    )),
    # scapy-built: Dot3(dst=CDP, src=A)/LLC()/SNAP()/CDPv2_HDR(vers=1, ttl=120, msg=[
    # CDPMsgDeviceID(val="r1"), CDPMsgAddr(addr=[two IPv4 records]),
    # CDPMsgCapabilities(cap=0x21), CDPMsgPlatform(val="cisco 2811 é")]): an odd length
    # ending in 0xa9, summed as Cisco does (0xffa8 as the last word)
    ('cdp-v1-odd-length', [
        ('ether', {'dst': CDP_DST, 'src': A}),
        ('llc', {}),
        ('snap', {}),
        ('cdp', {'version': 1, 'ttl': 120, 'checksum': 0xC360, 'tlvs': (
            ('device-id', 'r1'), ('addresses', (ip4('192.0.2.1'), ip4('198.51.100.1'))),
            ('capabilities', (('flags', 0x21),)), ('platform', 'cisco 2811 é'))}),
    ], (
        '01000ccccccc0200000000010045aaaa0300000c20000178c3600001000672310002001a0000000201'
        '01cc0004c00002010101cc0004c6336401000400080000002100060011636973636f203238313120c3'
        'a9'
    )),
    # scapy-built: Dot3(dst=B, src=A)/LLC()/SNAP()/IP(src="192.0.2.1", dst="192.0.2.2")/
    # UDP(sport=1024, dport=9) + 10 bytes: IPv4 over SNAP with OUI 0 (RFC 1042)
    ('snap-ipv4-udp', [
        ('ether', {'dst': B, 'src': A, 'type': 36}),
        ('llc', {'dsap': 0xAA}),
        ('snap', {'oui': 0, 'pid': 0x0800}),
        ('ipv4', {'src': ip4('192.0.2.1'), 'dst': ip4('192.0.2.2')}),
        ('udp', {'sport': 1024, 'dport': 9}),
        ('padding', {'data': bytes(10)}),
    ], (
        '0200000000020200000000010024aaaa0300000008004500001c000100004011f6ccc0000201c00002'
        '0204000009000877d100000000000000000000'
    )),
    # scapy-built: Dot3(dst="03:00:00:00:00:01", src=A)/LLC(dsap=0xf0, ssap=0xf0, ctrl=3)/
    # Raw(bytes(range(16))) + 27 bytes: NetBIOS's SAP, which craft binds nothing to
    ('llc-netbeui-ui', [
        ('ether', {'dst': mac('03:00:00:00:00:01'), 'src': A, 'type': 19}),
        ('llc', {'dsap': 0xF0, 'ssap': 0xF0, 'control': 3}),
        ('payload', {'data': bytes(range(16))}),
        ('padding', {'data': bytes(27)}),
    ], '0300000000010200000000010013f0f003' + bytes(range(16)).hex() + '00' * 27),
]
