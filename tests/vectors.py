"""The shared vector table: one list of cases drives the struct encoder, the
decoder and the scapy encoder tests (docs/architecture.md, rule 3).

Format of ``VECTORS``: a list of ``(id, layers, expected_hex)``.

- ``id``: a short name, used as the pytest id.
- ``layers``: the frame, outermost first, as ``(layer name, given values)``.
  Values are INTERNAL values (craft/layers/base.py): ints for numbers,
  enumerations and flags; ``bytes`` for MAC/IPv4/IPv6 addresses (the helpers
  ``mac``/``ip4``/``ip6`` below only spell them readably) and for byte fields;
  ``tcp.options`` / ``icmpv6.options`` (and records, routers) a tuple of
  ``(name, value)`` pairs or bytes; a structured option value (prefix-info,
  a group record) is itself a tuple of ``(sub-field, value)`` pairs. A field
  not given takes the layer's table default
  (``LAYERS[name].HEADER.defaults()``), where ``None`` means "computed by the
  encoder": lengths, checksums, selectors.
- ``expected_hex``: the frame's bytes (a string, or a tuple of strings that
  are joined), from a real capture (the comment names the pcap in
  ../shared/conformance/tcpdump/pcaps and the packet number, 1-based) or
  built with scapy (comment says "scapy-built").

Every case must satisfy:

1. struct encoder (defaults + given) == expected bytes;
2. ``craft.decode.walk.decode(expected, first=layers[0][0])`` yields the layers in
   order with the given values (only the given keys are compared);
3. decode then re-encode (every decoded value given) == expected bytes;
4. the scapy encoder (defaults + given, mapped to scapy) == expected bytes.

Bytes after the IP packet (Ethernet padding, a trailer) are a ``padding``
layer: outside every length and checksum, so those are computed.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from vectorkit import Case, h, ip4, ip6, mac  # noqa: F401 - the table's spelling helpers

from craft.layers import LAYERS
from craft.layers.frame import Frame, Layer

VECTORS: list[Case] = [
    # print-flags.pcap packet 1: SYN with mss, sackok, timestamp, nop, wscale
    ('tcp-syn-options', [
        ('ether', {'dst': mac("00:00:00:00:00:00"), 'src': mac("00:00:00:00:00:00")}),
        ('ipv4', {'id': 7016, 'flags': 2, 'src': ip4("127.0.0.1"), 'dst': ip4("127.0.0.1")}),
        ('tcp', {'sport': 55920, 'seq': 928549246, 'window': 32767,
                 'options': (('mss', 16396), ('sackok', None), ('timestamp', (1306300950, 0)),
                             ('nop', None), ('wscale', 2))}),
    ], (
        '00000000000000000000000008004500003c1b684000400621527f0000017f000001da7000503758'
        '897e00000000a0027fff142100000204400c0402080a4ddc92160000000001030302'
    )),
    # print-flags.pcap packet 3: ACK with nop, nop, timestamp
    ('tcp-ack-timestamp', [
        ('ether', {'dst': mac("00:00:00:00:00:00"), 'src': mac("00:00:00:00:00:00")}),
        ('ipv4', {'id': 7018, 'flags': 2, 'src': ip4("127.0.0.1"), 'dst': ip4("127.0.0.1")}),
        ('tcp', {'sport': 55920, 'seq': 928549247, 'ack': 930778610, 'flags': 0x10,
                 'options': (('nop', None), ('nop', None),
                             ('timestamp', (1306300950, 1306300950)))}),
    ], (
        '0000000000000000000000000800450000341b6a4000400621587f0000017f000001da7000503758'
        '897f377a8df28010200037d000000101080a4ddc92164ddc9216'
    )),
    # tfo-5c1fa7f9ae91.pcap packet 2: SYN with mss and an experimental (TFO, kind 254)
    # option -> bytes
    ('tcp-tfo-bytes', [
        ('ether', {'dst': mac("b0:75:0c:00:00:02"), 'src': mac("1c:7e:e5:4c:a1:cc")}),
        ('ipv4', {'id': 6, 'ttl': 254, 'src': ip4("9.9.9.9"), 'dst': ip4("3.3.3.3")}),
        ('tcp', {'sport': 13047, 'dport': 13054, 'seq': 218476388, 'window': 1400,
                 'options': h("020405b4fe04f989")}),
    ], (
        'b0750c0000021c7ee54ca1cc08004500003000060000fe06a4aa090909090303030332f732fe0d05'
        'af64000000007002057850a50000020405b4fe04f989'
    )),
    # tfo-5c1fa7f9ae91.pcap packet 6: ACK padded to 60 bytes by Ethernet
    ('tcp-ether-padding', [
        ('ether', {'dst': mac("b0:75:0c:00:00:02"), 'src': mac("1c:7e:e5:4c:a1:cc")}),
        ('ipv4', {'id': 7, 'ttl': 254, 'src': ip4("9.9.9.9"), 'dst': ip4("3.3.3.3")}),
        ('tcp', {'sport': 13047, 'dport': 13054, 'seq': 218476389, 'ack': 4035392502,
                 'flags': 0x10, 'window': 1400}),
        ('padding', {'data': h("000000000000")}),
    ], (
        'b0750c0000021c7ee54ca1cc08004500002800070000fe06a4b1090909090303030332f732fe0d05'
        'af65f08733f6501005784b670000000000000000'
    )),
    # profiles/textbook-raw.yaml frame 2: a hex frame is one raw layer, taken as it is
    ('raw-hex-frame', [
        ('raw', {'data': h("020000000002020000000001080045000021000100004011f6c7c0000201c0000202"
                           "9c402328000d989548656c6c6f")}),
    ], (
        '020000000002020000000001080045000021000100004011f6c7c0000201c00002029c402328000d'
        '989548656c6c6f'
    )),
    # scapy-built: UDP 40000 -> 9 'hi' and a 16-byte Ethernet trailer (scapy's Padding),
    # counted in no length and no checksum
    ('udp-ether-trailer', [
        ('ether', {}),
        ('ipv4', {}),
        ('udp', {'sport': 40000, 'dport': 9}),
        ('payload', {'data': b'hi'}),
        ('padding', {'data': h("deadbeef" * 4)}),
    ], (
        '02000000000202000000000108004500001e000100004011f6cac0000201c00002029c400009000a'
        '77236869deadbeefdeadbeefdeadbeefdeadbeef'
    )),
    # e1000g.pcap packet 1 (IPNET link header of 24 bytes removed): ICMP echo request
    ('icmp-echo-request', [
        ('ipv4', {'id': 58766, 'ttl': 249, 'src': ip4("129.146.106.55"),
                  'dst': ip4("10.5.233.117")}),
        ('icmp', {'id': 6901}),
        ('payload',
         {'data': h("ed760d4bb9630b0008090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
                    "202122232425262728292a2b2c2d2e2f3031323334353637")}),
    ], (
        '45000054e58e0000f901fcd581926a370a05e975080032e21af50000ed760d4bb9630b0008090a0b'
        '0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f30313233'
        '34353637'
    )),
    # e1000g.pcap packet 2 (IPNET header removed): ICMP echo reply, DF set
    ('icmp-echo-reply-df', [
        ('ipv4', {'id': 4943, 'flags': 2, 'ttl': 255, 'src': ip4("10.5.233.117"),
                  'dst': ip4("129.146.106.55")}),
        ('icmp', {'type': 0, 'id': 6901}),
        ('payload',
         {'data': h("ed760d4bb9630b0008090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
                    "202122232425262728292a2b2c2d2e2f3031323334353637")}),
    ], (
        '45000054134f4000ff0189150a05e97581926a3700003ae21af50000ed760d4bb9630b0008090a0b'
        '0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f30313233'
        '34353637'
    )),
    # 802.1ad_QinQ.pcap packet 1: 802.1ad tag + 802.1Q tag + ARP request + padding
    ('qinq-arp-request', [
        ('ether', {'dst': mac("ff:ff:ff:ff:ff:ff"), 'src': mac("00:20:d2:5a:fb:3f"),
                   'type': 0x88a8}),
        ('vlan', {'vid': 200}),
        ('vlan', {'vid': 2001}),
        ('arp', {'sha': mac("00:20:d2:5a:fb:3f"), 'spa': ip4("172.21.79.97"),
                 'tpa': ip4("172.21.79.100")}),
        ('padding', {'data': h("0000000000000000000000000000")}),
    ], (
        'ffffffffffff0020d25afb3f88a800c8810007d1080600010800060400010020d25afb3fac154f61'
        '000000000000ac154f640000000000000000000000000000'
    )),
    # 802.1ad_QinQ.pcap packet 2: ARP reply inside two tags
    ('qinq-arp-reply', [
        ('ether', {'dst': mac("00:20:d2:5a:fb:3f"), 'src': mac("00:80:ea:81:88:63"),
                   'type': 0x88a8}),
        ('vlan', {'vid': 200}),
        ('vlan', {'vid': 2001}),
        ('arp', {'op': 2, 'sha': mac("00:80:ea:81:88:63"), 'spa': ip4("172.21.79.100"),
                 'tha': mac("00:20:d2:5a:fb:3f"), 'tpa': ip4("172.21.79.97")}),
        ('padding', {'data': h("0000000000000000000000000000")}),
    ], (
        '0020d25afb3f0080ea81886388a800c8810007d1080600010800060400020080ea818863ac154f64'
        '0020d25afb3fac154f610000000000000000000000000000'
    )),
    # ipv6-bad-version.pcap packet 1: neighbor solicitation (DAD, no option)
    ('icmpv6-ns-dad', [
        ('ether', {'dst': mac("33:33:ff:76:6c:14"), 'src': mac("00:0c:29:76:6c:14")}),
        ('ipv6', {'hlim': 255, 'src': ip6("::"), 'dst': ip6("ff02::1:ff76:6c14")}),
        ('icmpv6', {'type': 135, 'target': ip6("fe80::20c:29ff:fe76:6c14")}),
    ], (
        '3333ff766c14000c29766c1486dd6000000000183aff00000000000000000000000000000000ff02'
        '00000000000000000001ff766c148700790600000000fe80000000000000020c29fffe766c14'
    )),
    # ipv6-bad-version.pcap packet 2: neighbor advert with tgt-lladdr; IPv6 version 0 (the
    # malformed part of that capture)
    ('icmpv6-na-tgt-lladdr', [
        ('ether', {'dst': mac("33:33:00:00:00:01"), 'src': mac("24:84:3f:eb:3c:ee")}),
        ('ipv6', {'version': 0, 'hlim': 255, 'src': ip6("fe80::20c:29ff:fe76:6c14"),
                  'dst': ip6("ff02::1")}),
        ('icmpv6', {'type': 136, 'flags': 0, 'target': ip6("fe80::20c:29ff:fe76:6c14"),
                    'options': (('tgt-lladdr', mac("24:84:3f:eb:3c:ee")),)}),
    ], (
        '33330000000124843feb3cee86dd0000000000203afffe80000000000000020c29fffe766c14ff02'
        '00000000000000000000000000018800ab1300000000fe80000000000000020c29fffe766c140201'
        '24843feb3cee'
    )),
    # icmpv6-ns-nonce.pcap packet 1: NS with a nonce option (RFC 3971, type 14) -> options as bytes
    ('icmpv6-ns-nonce-bytes', [
        ('ether', {'dst': mac("33:33:ff:e1:00:0f"), 'src': mac("56:6f:f7:e1:00:0f")}),
        ('ipv6', {'hlim': 255, 'src': ip6("::"), 'dst': ip6("ff02::1:ffe1:f")}),
        ('icmpv6', {'type': 135, 'target': ip6("fe80::546f:f7ff:fee1:f"),
                    'options': h("0e016069604c0aaa")}),
    ], (
        '3333ffe1000f566ff7e1000f86dd6000000000203aff00000000000000000000000000000000ff02'
        '00000000000000000001ffe1000f8700566e00000000fe80000000000000546ff7fffee1000f0e01'
        '6069604c0aaa'
    )),
    # scapy-built: the design notes' profile: echo request id 0x1234 seq 1, 'Hello, World!'
    ('icmp-echo-hello', [
        ('ether', {}),
        ('ipv4', {}),
        ('icmp', {'id': 4660, 'seq': 1}),
        ('payload', {'data': b'Hello, World!'}),
    ], (
        '020000000002020000000001080045000029000100004001f6cfc0000201c00002020800a49e1234'
        '000148656c6c6f2c20576f726c6421'
    )),
    # scapy-built: UDP datagram 40000 -> 7 with 'hello'
    ('udp-ipv4', [
        ('ether', {}),
        ('ipv4', {}),
        ('udp', {'sport': 40000, 'dport': 7}),
        ('payload', {'data': b'hello'}),
    ], (
        '020000000002020000000001080045000021000100004011f6c7c0000201c00002029c400007000d'
        '9bb668656c6c6f'
    )),
    # scapy-built: IPv6 + UDP (v6 pseudo-header checksum)
    ('ipv6-udp', [
        ('ether', {}),
        ('ipv6', {}),
        ('udp', {'sport': 40000, 'dport': 7}),
        ('payload', {'data': b'hello'}),
    ], (
        '02000000000202000000000186dd60000000000d114020010db80000000000000000000000012001'
        '0db80000000000000000000000029c400007000dc44568656c6c6f'
    )),
    # scapy-built: IPv6 + TCP SYN with options (v6 pseudo-header)
    ('ipv6-tcp-syn', [
        ('ether', {}),
        ('ipv6', {}),
        ('tcp', {'sport': 40000, 'dport': 22, 'seq': 1000,
                 'options': (('mss', 1440), ('sackok', None), ('timestamp', (12345, 0)),
                             ('nop', None), ('wscale', 7))}),
    ], (
        '02000000000202000000000186dd600000000028064020010db80000000000000000000000012001'
        '0db80000000000000000000000029c400016000003e800000000a0022000fc270000020405a00402'
        '080a000030390000000001030307'
    )),
    # scapy-built: TCP ACK with nop, nop, sack of two blocks (RFC 2018)
    ('tcp-sack-blocks', [
        ('ether', {}),
        ('ipv4', {}),
        ('tcp', {'sport': 80, 'dport': 40000, 'seq': 5, 'ack': 7, 'flags': 0x10,
                 'options': (('nop', None), ('nop', None), ('sack', ((1000, 2000),
                             (3000, 4000))))}),
    ], (
        '02000000000202000000000108004500003c000100004006f6b7c0000201c000020200509c400000'
        '000500000007a0102000f1fc000001010512000003e8000007d000000bb800000fa0'
    )),
    # scapy-built: TCP options padded as scapy pads (mss, wscale + EOL and zeros)
    ('tcp-mss-wscale-eol', [
        ('ether', {}),
        ('ipv4', {}),
        ('tcp', {'options': (('mss', 1460), ('wscale', 2), ('eol', None))}),
    ], (
        '020000000002020000000001080045000030000100004006f6c3c0000201c0000202001400500000'
        '00000000000070022000deb70000020405b403030200'
    )),
    # scapy-built: IPv4 with the Router Alert option (RFC 2113: 94 04 00 00)
    ('ipv4-options-router-alert', [
        ('ether', {}),
        ('ipv4', {'options': (('router-alert', 0),)}),
        ('udp', {'sport': 5000, 'dport': 5001}),
    ], (
        '02000000000202000000000108004600002000010000401161c4c0000201c0000202940400001388'
        '1389000854c9'
    )),
    # scapy-built: IPv4 options 01 01 01 (3 NOPs) padded with EOL to 4 bytes as scapy
    ('ipv4-options-padded', [
        ('ether', {}),
        ('ipv4', {'options': (('nop', None), ('nop', None), ('nop', None))}),
        ('icmp', {}),
    ], (
        '020000000002020000000001080046000020000100004001f3d7c0000201c0000202010101000800'
        'f7ff00000000'
    )),
    # scapy-built: one 802.1Q tag (vid 100, pcp 5) + IPv4 + UDP
    ('vlan-ipv4-udp', [
        ('ether', {}),
        ('vlan', {'pcp': 5, 'vid': 100}),
        ('ipv4', {}),
        ('udp', {'sport': 1234}),
        ('payload', {'data': b'q'}),
    ], (
        '0200000000020200000000018100a06408004500001d000100004011f6cbc0000201c000020204d2'
        '0035000905d171'
    )),
    # scapy-built: two 802.1Q tags (0x8100 both) + IPv4 + ICMP
    ('vlan-stacked-ipv4', [
        ('ether', {}),
        ('vlan', {'vid': 10}),
        ('vlan', {'pcp': 3, 'dei': 1, 'vid': 20}),
        ('ipv4', {}),
        ('icmp', {'id': 1, 'seq': 2}),
    ], (
        '0200000000020200000000018100000a8100701408004500001c000100004001f6dcc0000201c000'
        '02020800f7fc00010002'
    )),
    # scapy-built: lab NS for 2001:db8::2 with src-lladdr option
    ('icmpv6-ns-src-lladdr', [
        ('ether', {'dst': mac("33:33:ff:00:00:02")}),
        ('ipv6', {'hlim': 255, 'dst': ip6("ff02::1:ff00:2")}),
        ('icmpv6', {'type': 135, 'options': (('src-lladdr', mac("02:00:00:00:00:01")),)}),
    ], (
        '3333ff00000202000000000186dd6000000000203aff20010db8000000000000000000000001ff02'
        '00000000000000000001ff00000287001c270000000020010db80000000000000000000000020101'
        '020000000001'
    )),
    # scapy-built: lab NA (S, O) with tgt-lladdr
    ('icmpv6-na-solicited', [
        ('ether', {'dst': mac("02:00:00:00:00:01"), 'src': mac("02:00:00:00:00:02")}),
        ('ipv6', {'hlim': 255, 'src': ip6("2001:db8::2"), 'dst': ip6("2001:db8::1")}),
        ('icmpv6', {'type': 136, 'options': (('tgt-lladdr', mac("02:00:00:00:00:02")),)}),
    ], (
        '02000000000102000000000286dd6000000000203aff20010db80000000000000000000000022001'
        '0db800000000000000000000000188008a716000000020010db80000000000000000000000020201'
        '020000000002'
    )),
    # scapy-built: ICMPv6 echo request id 0x1234 seq 1 with data
    ('icmpv6-echo-request', [
        ('ether', {}),
        ('ipv6', {}),
        ('icmpv6', {'id': 4660, 'seq': 1}),
        ('payload', {'data': b'ping'}),
    ], (
        '02000000000202000000000186dd60000000000c3a4020010db80000000000000000000000012001'
        '0db80000000000000000000000028000333e1234000170696e67'
    )),
    # scapy-built: ICMPv6 echo reply
    ('icmpv6-echo-reply', [
        ('ether', {'dst': mac("02:00:00:00:00:01"), 'src': mac("02:00:00:00:00:02")}),
        ('ipv6', {'src': ip6("2001:db8::2"), 'dst': ip6("2001:db8::1")}),
        ('icmpv6', {'type': 129, 'id': 4660, 'seq': 1}),
        ('payload', {'data': b'ping'}),
    ], (
        '02000000000102000000000286dd60000000000c3a4020010db80000000000000000000000022001'
        '0db80000000000000000000000018100323e1234000170696e67'
    )),
    # scapy-built: lab ARP request (broadcast)
    ('arp-request-lab', [
        ('ether', {'dst': mac("ff:ff:ff:ff:ff:ff")}),
        ('arp', {}),
    ], (
        'ffffffffffff02000000000108060001080006040001020000000001c0000201000000000000c000'
        '0202'
    )),
    # scapy-built: IPv4 first fragment (MF) of a UDP datagram
    ('ipv4-frag-mf', [
        ('ether', {}),
        ('ipv4', {'id': 16962, 'flags': 1}),
        ('udp', {'sport': 9, 'dport': 9, 'len': 1008, 'checksum': 4660}),
        ('payload', {'data': b'xxxxxxxxxxxxxxxx'}),
    ], (
        '02000000000202000000000108004500002c424220004011947bc0000201c00002020009000903f0'
        '123478787878787878787878787878787878'
    )),
    # scapy-built: ICMP dest-unreach code 3 (port) quoting the UDP datagram; id/seq carry the
    # unused word
    ('icmp-port-unreachable', [
        ('ether', {'dst': mac("02:00:00:00:00:01"), 'src': mac("02:00:00:00:00:02")}),
        ('ipv4', {'src': ip4("192.0.2.2"), 'dst': ip4("192.0.2.1")}),
        ('icmp', {'type': 3, 'code': 3}),
        ('payload', {'data': h("4500001e000100004011f6cac0000201c00002029c400009000a77236869")}),
    ], (
        '02000000000102000000000208004500003a000100004001f6bec0000202c00002010303811c0000'
        '00004500001e000100004011f6cac0000201c00002029c400009000a77236869'
    )),
    # scapy-built: ICMPv6 router solicitation with src-lladdr (RFC 4861 §4.1)
    ('icmpv6-router-solicit', [
        ('ether', {'dst': mac("33:33:00:00:00:02")}),
        ('ipv6', {'hlim': 255, 'dst': ip6("ff02::2")}),
        ('icmpv6', {'type': 133, 'options': (('src-lladdr', mac("02:00:00:00:00:01")),)}),
    ], (
        '33330000000202000000000186dd6000000000103aff20010db8000000000000000000000001ff02'
        '000000000000000000000000000285004af4000000000101020000000001'
    )),
    # scapy-built: ICMPv6 packet-too-big, MTU 1280
    ('icmpv6-packet-too-big', [
        ('ether', {'dst': mac("02:00:00:00:00:01"), 'src': mac("02:00:00:00:00:02")}),
        ('ipv6', {'src': ip6("2001:db8::2"), 'dst': ip6("2001:db8::1")}),
        ('icmpv6', {'type': 2, 'mtu': 1280}),
        ('payload', {'data': h("60000000")}),
    ], (
        '02000000000102000000000286dd60000000000c3a4020010db80000000000000000000000022001'
        '0db800000000000000000000000102003d440000050060000000'
    )),
    # scapy-built: IP(options=[IPOption(b"\x88\x04\x12\x34")])/ICMP(): a stream identifier, an
    # option craft has no name for, stays hex
    ('ipv4-options-hex', [
        ('ether', {}),
        ('ipv4', {'options': h("88041234")}),
        ('icmp', {}),
    ], (
        '0200000000020200000000010800460000200001000040015ba0c0000201c0000202880412340800'
        'f7ff00000000'
    )),
    # scapy-built: IP(options=[IPOption_RR(routers=["0.0.0.0"] * 9)])/ICMP(id=1, seq=1): ping -R
    ('ipv4-record-route', [
        ('ether', {}),
        ('ipv4', {'options': (('record-route', (ip4("0.0.0.0"),) * 9),)}),
        ('icmp', {'id': 1, 'seq': 1}),
    ], (
        '02000000000202000000000108004f000044000100004001e18dc0000201c0000202072704000000'
        '000000000000000000000000000000000000000000000000000000000000000000000800f7fd0001'
        '0001'
    )),
    # scapy-built: IP(options=[IPOption_NOP(), IPOption_LSRR(routers=[198.51.100.1,
    # 203.0.113.1])])/UDP(sport=40000, dport=9): the checksum to the route's last address
    ('ipv4-loose-source-route', [
        ('ether', {}),
        ('ipv4', {'options': (('nop', None),
                              ('lsrr', (ip4("198.51.100.1"), ip4("203.0.113.1"))))}),
        ('udp', {'sport': 40000, 'dport': 9}),
    ], (
        '0200000000020200000000010800480000280001000040118102c0000201c000020201830b04c633'
        '6401cb0071019c40000900086591'
    )),
    # scapy-built: IP(options=[IPOption_Timestamp(pointer=5, flg=1)])/ICMP(): one empty
    # address/time slot
    ('ipv4-timestamp', [
        ('ether', {}),
        ('ipv4', {'options': (('timestamp', (1, ((ip4("0.0.0.0"), 0),))),)}),
        ('icmp', {}),
    ], (
        '020000000002020000000001080048000028000100004001aac3c0000201c0000202440c05010000'
        '0000000000000800f7ff00000000'
    )),
    # scapy-built: IP(options=[IPOption_Security(security=0xf135, transmission_control_code=
    # b"\0\0\0"), IPOption_Router_Alert()])/TCP()
    ('ipv4-security-router-alert', [
        ('ether', {}),
        ('ipv4', {'options': (('security', (0xF135, 0, 0, 0)), ('router-alert', 0))}),
        ('tcp', {}),
    ], (
        '0200000000020200000000010800490000380001000040067ae6c0000201c0000202820bf1350000'
        '00000000009404000000001400500000000000000000500220000b7b0000'
    )),
    # scapy-built: Ether()/IPv6(dst="ff02::16", hlim=1)/IPv6ExtHdrHopByHop(options=
    # [RouterAlert(value=0)])/ICMPv6EchoRequest(id=1, seq=1): the option aligned 2n, PadN after
    ('ipv6-hop-by-hop-router-alert', [
        ('ether', {}),
        ('ipv6', {'hlim': 1, 'dst': ip6("ff02::16")}),
        ('hop-by-hop', {'options': (('router-alert', 0),)}),
        ('icmpv6', {'id': 1, 'seq': 1}),
    ], (
        '02000000000202000000000186dd600000000010000120010db8000000000000000000000001ff02'
        '00000000000000000000000000163a00050200000100800052e800010001'
    )),
    # scapy-built: IPv6ExtHdrDestOpt(options=[HAO(hoa="2001:db8::99")])/UDP(sport=40000,
    # dport=9)/"abc": HAO
    # aligned 8n+6 behind a PadN; the UDP checksum takes the home address as its source
    ('ipv6-dest-opts-home-address', [
        ('ether', {}),
        ('ipv6', {}),
        ('dest-opts', {'options': (('home-address', ip6("2001:db8::99")),)}),
        ('udp', {'sport': 40000, 'dport': 9}),
        ('payload', {'data': b'abc'}),
    ], (
        '02000000000202000000000186dd6000000000233c4020010db80000000000000000000000012001'
        '0db8000000000000000000000002110201020000c91020010db80000000000000000000000999c40'
        '0009000b431f616263'
    )),
    # scapy-built: IPv6ExtHdrRouting(addresses=["2001:db8::5", "2001:db8::6"])/UDP(sport=40000,
    # dport=9)/"abc":
    # type 0, segleft 2; the UDP checksum's pseudo-header takes 2001:db8::6 (RFC 8200 §8.1)
    ('ipv6-routing-type0', [
        ('ether', {}),
        ('ipv6', {}),
        ('routing', {'addresses': (ip6("2001:db8::5"), ip6("2001:db8::6"))}),
        ('udp', {'sport': 40000, 'dport': 9}),
        ('payload', {'data': b'abc'}),
    ], (
        '02000000000202000000000186dd6000000000332b4020010db80000000000000000000000012001'
        '0db8000000000000000000000002110400020000000020010db80000000000000000000000052001'
        '0db80000000000000000000000069c400009000b43b3616263'
    )),
    # scapy-built: IPv6ExtHdrRouting(type=2, addresses=["2001:db8::7"])/TCP(): the home address
    ('ipv6-routing-type2', [
        ('ether', {}),
        ('ipv6', {}),
        ('routing', {'type': 2, 'addresses': (ip6("2001:db8::7"),)}),
        ('tcp', {}),
    ], (
        '02000000000202000000000186dd60000000002c2b4020010db80000000000000000000000012001'
        '0db8000000000000000000000002060202010000000020010db80000000000000000000000070014'
        '005000000000000000005002200034050000'
    )),
    # scapy-built: IPv6ExtHdrSegmentRouting(addresses=["2001:db8::8", "2001:db8::7"])/
    # ICMPv6EchoRequest(id=2, seq=1): segleft and last entry 1; checksum to segments[0]
    ('ipv6-segment-routing', [
        ('ether', {}),
        ('ipv6', {}),
        ('routing', {'type': 4, 'addresses': (ip6("2001:db8::8"), ip6("2001:db8::7"))}),
        ('icmpv6', {'id': 2, 'seq': 1}),
    ], (
        '02000000000202000000000186dd6000000000302b4020010db80000000000000000000000012001'
        '0db80000000000000000000000023a0404010100000020010db80000000000000000000000082001'
        '0db80000000000000000000000078000243f00020001'
    )),
    # scapy-built: IPv6ExtHdrFragment(m=1, id=0x1234)/ICMPv6EchoRequest(id=3, seq=1)/"x"*16
    ('ipv6-fragment-first', [
        ('ether', {}),
        ('ipv6', {}),
        ('fragment', {'m': 1, 'id': 0x1234}),
        ('icmpv6', {'id': 3, 'seq': 1}),
        ('payload', {'data': b'x' * 16}),
    ], (
        '02000000000202000000000186dd6000000000202c4020010db80000000000000000000000012001'
        '0db80000000000000000000000023a00000100001234800060700003000178787878787878787878'
        '787878787878'
    )),
    # scapy-built: hop-by-hop (router alert), routing type 0, destination options, echo
    ('ipv6-extension-chain', [
        ('ether', {}),
        ('ipv6', {}),
        ('hop-by-hop', {'options': (('router-alert', 0),)}),
        ('routing', {'addresses': (ip6("2001:db8::5"),)}),
        ('dest-opts', {}),
        ('icmpv6', {'id': 7, 'seq': 1}),
        ('payload', {'data': b'hi'}),
    ], (
        '02000000000202000000000186dd600000000032004020010db80000000000000000000000012001'
        '0db80000000000000000000000022b000502000001003c0200010000000020010db8000000000000'
        '0000000000053a000104000000008000bbd1000700016869'
    )),
    # scapy-built: router advertisement with src-lladdr, mtu and prefix-info options
    # (RFC 4861 §4.2, §4.6)
    ('icmpv6-router-advert', [
        ('ether', {'dst': mac("33:33:00:00:00:01")}),
        ('ipv6', {'hlim': 255, 'dst': ip6("ff02::1")}),
        ('icmpv6', {'type': 134, 'options': (
            ('src-lladdr', mac("02:00:00:00:00:01")), ('mtu', 1500),
            ('prefix-info', (('prefix', ip6("2001:db8:1::")), ('length', 64), ('flags', 6),
                             ('valid', 86400), ('preferred', 14400))))}),
    ], (
        '33330000000102000000000186dd6000000000403aff20010db8000000000000000000000001ff02'
        '00000000000000000000000000018600fc9f40000708000000000000000001010200000000010501'
        '0000000005dc030440c000015180000038400000000020010db8000100000000000000000000'
    )),
    # scapy-built: router advertisement with M and O, rdnss and dnssl options (RFC 8106)
    ('icmpv6-ra-rdnss-dnssl', [
        ('ether', {'dst': mac("33:33:00:00:00:01")}),
        ('ipv6', {'hlim': 255, 'dst': ip6("ff02::1")}),
        ('icmpv6', {'type': 134, 'raflags': 6, 'lifetime': 600, 'options': (
            ('rdnss', (('lifetime', 600), ('servers', (ip6("2001:db8::53"),)))),
            ('dnssl', (('lifetime', 600), ('domains', ('example.com',)))))}),
    ], (
        '33330000000102000000000186dd6000000000403aff20010db8000000000000000000000001ff02'
        '00000000000000000000000000018600d27f40c00258000000000000000019030000000002582001'
        '0db80000000000000000000000531f03000000000258076578616d706c6503636f6d00000000'
    )),
    # scapy-built: redirect with target, destination, tgt-lladdr and redirected-header
    # options (RFC 4861 §4.5, §4.6.3)
    ('icmpv6-redirect', [
        ('ether', {'dst': mac("02:00:00:00:00:01"), 'src': mac("02:00:00:00:00:fe")}),
        ('ipv6', {'hlim': 255, 'src': ip6("2001:db8::fe"), 'dst': ip6("2001:db8::1")}),
        ('icmpv6', {'type': 137, 'target': ip6("2001:db8::fd"), 'dest': ip6("2001:db8:1::9"),
                    'options': (('tgt-lladdr', mac("02:00:00:00:00:fd")), ('redirected', h(
                        "6000000000083a4020010db8000000000000000000000001")))}),
    ], (
        '0200000000010200000000fe86dd6000000000503aff20010db80000000000000000000000fe2001'
        '0db80000000000000000000000018900ec850000000020010db80000000000000000000000fd2001'
        '0db800010000000000000000000902010200000000fd04040000000000006000000000083a402001'
        '0db8000000000000000000000001'
    )),
    # scapy-built: parameter problem, pointer 6, quoting the start of an IPv6 header
    ('icmpv6-param-problem', [
        ('ether', {'dst': mac("02:00:00:00:00:01"), 'src': mac("02:00:00:00:00:02")}),
        ('ipv6', {'src': ip6("2001:db8::2"), 'dst': ip6("2001:db8::1")}),
        ('icmpv6', {'type': 4, 'pointer': 6}),
        ('payload', {'data': h("6000000000000000")}),
    ], (
        '02000000000102000000000286dd6000000000103a4020010db80000000000000000000000022001'
        '0db80000000000000000000000010400403a000000066000000000000000'
    )),
    # scapy-built: MLDv1 report for ff02::db8:1 (RFC 2710)
    ('icmpv6-mldv1-report', [
        ('ether', {'dst': mac("33:33:00:00:0d:b8")}),
        ('ipv6', {'hlim': 1, 'dst': ip6("ff02::db8:1")}),
        ('icmpv6', {'type': 131, 'group': ip6("ff02::db8:1")}),
    ], (
        '333300000db802000000000186dd6000000000183a0120010db8000000000000000000000001ff02'
        '000000000000000000000db800018300357b00000000ff02000000000000000000000db80001'
    )),
    # scapy-built: MLDv2 group-and-source query (RFC 3810 §5.1)
    ('icmpv6-mldv2-query', [
        ('ether', {'dst': mac("33:33:00:00:00:01")}),
        ('ipv6', {'hlim': 1, 'dst': ip6("ff02::1")}),
        ('icmpv6', {'type': 130, 'group': ip6("ff02::db8:1"), 'sources': (ip6("2001:db8::5"),)}),
    ], (
        '33330000000102000000000186dd60000000002c3a0120010db8000000000000000000000001ff02'
        '00000000000000000000000000018200ecd227100000ff02000000000000000000000db80001027d'
        '000120010db8000000000000000000000005'
    )),
    # scapy-built: MLDv2 report: to-exclude (a join), is-include with a source and aux data
    ('icmpv6-mldv2-report', [
        ('ether', {'dst': mac("33:33:00:00:00:16")}),
        ('ipv6', {'hlim': 1, 'dst': ip6("ff02::16")}),
        ('icmpv6', {'type': 143, 'records': (
            ('to-exclude', (('group', ip6("ff02::db8:1")), ('sources', ()), ('aux', b''))),
            ('is-include', (('group', ip6("ff02::db8:2")), ('sources', (ip6("2001:db8::5"),)),
                            ('aux', h("01020304")))))}),
    ], (
        '33330000001602000000000186dd6000000000443a0120010db8000000000000000000000001ff02'
        '00000000000000000000000000168f00f36c0000000204000000ff02000000000000000000000db8'
        '000101010001ff02000000000000000000000db8000220010db80000000000000000000000050102'
        '0304'
    )),
    # scapy-built: IGMPv2 report for 233.252.0.1 (RFC 2236)
    ('igmp-v2-report', [
        ('ether', {'dst': mac("01:00:5e:7c:00:01")}),
        ('ipv4', {'ttl': 1, 'dst': ip4("233.252.0.1")}),
        ('igmp', {'type': 0x16, 'group': ip4("233.252.0.1")}),
    ], (
        '01005e7c000102000000000108004500001c0001000001020de1c0000201e9fc000116000002e9fc'
        '0001'
    )),
    # scapy-built: IGMPv1 general query: 8 bytes, code 0 (RFC 3376 §7.1)
    ('igmp-v1-query', [
        ('ether', {'dst': mac("01:00:5e:00:00:01")}),
        ('ipv4', {'ttl': 1, 'dst': ip4("224.0.0.1")}),
        ('igmp', {'version': 1}),
    ], (
        '01005e00000102000000000108004500001c00010000010217ddc0000201e00000011100eeff0000'
        '0000'
    )),
    # scapy-built: IGMPv2 leave
    ('igmp-leave', [
        ('ether', {'dst': mac("01:00:5e:00:00:02")}),
        ('ipv4', {'ttl': 1, 'dst': ip4("224.0.0.2")}),
        ('igmp', {'type': 0x17, 'group': ip4("233.252.0.1")}),
    ], (
        '01005e00000202000000000108004500001c00010000010217dcc0000201e00000021700ff01e9fc'
        '0001'
    )),
    # scapy-built: IGMPv3 group-and-source query, max resp code 200 (RFC 3376 §4.1.1's
    # floating-point form, which scapy encodes from the time)
    ('igmp-v3-query', [
        ('ether', {'dst': mac("01:00:5e:7c:00:01")}),
        ('ipv4', {'ttl': 1, 'dst': ip4("233.252.0.1")}),
        ('igmp', {'mrcode': 200, 'group': ip4("233.252.0.1"),
                  'sources': (ip4("192.0.2.9"), ip4("198.51.100.9"))}),
    ], (
        '01005e7c00010200000000010800450000280001000001020dd5c0000201e9fc000111c81574e9fc'
        '0001027d0002c0000209c6336409'
    )),
    # scapy-built: IGMPv3 report: is-exclude (a join) and block with a source (RFC 3376 §4.2)
    ('igmp-v3-report', [
        ('ether', {'dst': mac("01:00:5e:00:00:16")}),
        ('ipv4', {'ttl': 1, 'tos': 0xc0, 'dst': ip4("224.0.0.22")}),
        ('igmp', {'type': 0x22, 'records': (
            ('is-exclude', (('group', ip4("233.252.0.1")), ('sources', ()), ('aux', b''))),
            ('block', (('group', ip4("233.252.0.2")), ('sources', (ip4("192.0.2.9"),)),
                       ('aux', b''))))}),
    ], (
        '01005e000016020000000001080045c0003000010000010216f4c0000201e000001622003ff60000'
        '000202000000e9fc000106000001e9fc0002c0000209'
    )),
    # scapy-built: ICMP redirect (host) to gateway 192.0.2.253, quoting the datagram
    ('icmp-redirect', [
        ('ether', {'dst': mac("02:00:00:00:00:01"), 'src': mac("02:00:00:00:00:fe")}),
        ('ipv4', {'src': ip4("192.0.2.254"), 'dst': ip4("192.0.2.1")}),
        ('icmp', {'type': 5, 'code': 1, 'gateway': ip4("192.0.2.253")}),
        ('payload', {'data': h("4500001c0001000040118e94c0000201c63364070009000900080000")}),
    ], (
        '0200000000010200000000fe080045000038000100004001f5c4c00002fec0000201050137e7c000'
        '02fd4500001c0001000040118e94c0000201c63364070009000900080000'
    )),
    # scapy-built: ICMP frag-needed with next-hop MTU 1400 (RFC 1191)
    ('icmp-frag-needed', [
        ('ether', {'dst': mac("02:00:00:00:00:01"), 'src': mac("02:00:00:00:00:02")}),
        ('ipv4', {'src': ip4("192.0.2.2"), 'dst': ip4("192.0.2.1")}),
        ('icmp', {'type': 3, 'code': 4, 'mtu': 1400}),
        ('payload', {'data': h("450005780001400040114938c0000201c63364070009000905640000")}),
    ], (
        '020000000001020000000002080045000038000100004001f6c0c0000202c00002010304f20d0000'
        '0578450005780001400040114938c0000201c63364070009000905640000'
    )),
    # scapy-built: ICMP timestamp request (RFC 792)
    ('icmp-timestamp', [
        ('ether', {}),
        ('ipv4', {}),
        ('icmp', {'type': 13, 'id': 7, 'seq': 1, 'originate': 36000000}),
    ], (
        '020000000002020000000001080045000028000100004001f6d0c0000201c00002020d009fd20007'
        '0001022551000000000000000000'
    )),
    # scapy-built: ICMP address-mask reply (RFC 950)
    ('icmp-mask-reply', [
        ('ether', {'dst': mac("02:00:00:00:00:01"), 'src': mac("02:00:00:00:00:02")}),
        ('ipv4', {'src': ip4("192.0.2.2"), 'dst': ip4("192.0.2.1")}),
        ('icmp', {'type': 18, 'id': 7, 'mask': ip4("255.255.255.0")}),
    ], (
        '020000000001020000000002080045000020000100004001f6d8c0000202c00002011200eef70007'
        '0000ffffff00'
    )),
    # scapy-built: ICMP parameter problem, pointer 20
    ('icmp-param-problem', [
        ('ether', {}),
        ('ipv4', {}),
        ('icmp', {'type': 12, 'pointer': 20}),
        ('payload', {'data': h("4600001c")}),
    ], (
        '020000000002020000000001080045000020000100004001f6d8c0000201c00002020c0099e31400'
        '00004600001c'
    )),
    # scapy-built (scapy has no RFC 1256 fields: a class in craft/encode/scapy_icmp.py):
    # ICMP router advertisement of two routers
    ('icmp-router-advert', [
        ('ether', {'dst': mac("01:00:5e:00:00:01")}),
        ('ipv4', {'ttl': 1, 'dst': ip4("224.0.0.1")}),
        ('icmp', {'type': 9, 'routers': (
            ('router', (('address', ip4("192.0.2.254")), ('preference', 0))),
            ('router', (('address', ip4("192.0.2.253")), ('preference', 0xffffffff))))}),
    ], (
        '01005e00000102000000000108004500002c00010000010117cec0000201e0000001090067f90202'
        '0708c00002fe00000000c00002fdffffffff'
    )),
]


def _gathered() -> list[Case]:
    """The cases of tests/vectors_*.py (one file per group of protocols, each
    a ``VECTORS`` list of the same form), in file-name order."""
    out: list[Case] = []
    for path in sorted(Path(__file__).parent.glob("vectors_*.py")):
        spec = importlib.util.spec_from_file_location(f"_craft_{path.stem}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        out += module.VECTORS
    return out


VECTORS += _gathered()


def expected_bytes(case: Case) -> bytes:
    hx = case[2]
    return bytes.fromhex(hx if isinstance(hx, str) else "".join(hx))


def frame_of(case: Case) -> Frame:
    """The case as a concrete ``Frame``: table defaults plus the given values."""
    layers = []
    for name, given in case[1]:
        values = LAYERS[name].HEADER.defaults()
        values.update(given)
        layers.append(Layer(name, values, frozenset(given)))
    return Frame(layers)


IDS = [case[0] for case in VECTORS]
