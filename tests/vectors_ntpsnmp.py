"""Vectors of ntp and snmp (the form of tests/vectors.py, gathered by it).

No capture in ../shared/conformance/tcpdump/pcaps carries NTP or SNMP, so
every vector here is scapy-built (NTPHeader; scapy.layers.snmp with its BER
codec), with values as real clients, servers and agents send them.
"""

from __future__ import annotations

from vectorkit import Case, ip4, mac

_ETHER = ('ether', {'dst': mac("02:00:00:00:00:02"), 'src': mac("02:00:00:00:00:01")})


def _ip(src: str, dst: str, ident: int) -> tuple[str, dict]:
    return ('ipv4', {'id': ident, 'src': ip4(src), 'dst': ip4(dst)})


def _vb(kind: str, oid: str, *value: object) -> tuple[str, tuple]:
    return (kind, (('oid', oid), *(('value', v) for v in value)))


VECTORS: list[Case] = [
    # scapy-built: an NTPv4 client request as chrony sends it (stratum 0, poll 6,
    # precision -25 as its clock reads, reference ID 0, the transmit time set)
    ('ntp-client-request', [
        _ETHER, _ip("192.0.2.1", "192.0.2.2", 0x4d21),
        ('udp', {'sport': 40123, 'dport': 123}),
        ('ntp', {'stratum': 0, 'poll': 6, 'precision': -25, 'refid': bytes(4),
                 'xmt': 0xeebf4e3000000000}),
    ], (
        '02000000000202000000000108004500004c4d2100004011a97cc0000201c00002029cbb007b0038'
        '776c230006e700000000000000000000000000000000000000000000000000000000000000000000'
        '0000eebf4e3000000000'
    )),
    # scapy-built: the stratum 2 server's reply to it (leap no-warning, root delay
    # and dispersion in 16.16 seconds, its upstream as reference ID, the four timestamps)
    ('ntp-server-reply', [
        _ETHER, _ip("192.0.2.2", "192.0.2.1", 0x1f02),
        ('udp', {'sport': 123, 'dport': 40123}),
        ('ntp', {'mode': 4, 'stratum': 2, 'poll': 6, 'precision': -24, 'rootdelay': 0x139,
                 'rootdisp': 0xe2, 'refid': ip4("198.51.100.7"), 'reftime': 0xeebf4bd800000000,
                 'org': 0xeebf4e3000000000, 'rec': 0xeebf4e30032617c2, 'xmt': 0xeebf4e30066cf41f}),
    ], (
        '02000000000202000000000108004500004c1f0200004011d79bc0000202c0000201007b9cbb0038'
        '8026240206e800000139000000e2c6336407eebf4bd800000000eebf4e3000000000eebf4e300326'
        '17c2eebf4e30066cf41f'
    )),
    # scapy-built: an NTPv3 stratum 1 server's broadcast (reference ID "GPS",
    # add-second leap warning, symmetric 123 to 123)
    ('ntp-v3-stratum1-gps', [
        _ETHER, _ip("192.0.2.5", "192.0.2.255", 0x0300),
        ('udp', {'sport': 123, 'dport': 123}),
        ('ntp', {'leap': 1, 'version': 3, 'mode': 5, 'stratum': 1, 'poll': 4, 'precision': -20,
                 'refid': b"GPS\0", 'reftime': 0xeebf4e2f80000000, 'xmt': 0xeebf4e3000000000}),
    ], (
        '02000000000202000000000108004500004c030000004011f29cc0000205c00002ff007b007b0038'
        '83655d0104ec000000000000000047505300eebf4e2f800000000000000000000000000000000000'
        '0000eebf4e3000000000'
    )),
    # scapy-built: an SNMPv2c get of sysDescr.0 and sysUpTime.0 (net-snmp's snmpget
    # from an ephemeral port, community public)
    ('snmp-v2c-get', [
        _ETHER, _ip("192.0.2.1", "192.0.2.2", 0x2a01),
        ('udp', {'sport': 50161, 'dport': 161}),
        ('snmp', {'request_id': 1804289383,
                  'varbinds': (_vb('unspecified', "1.3.6.1.2.1.1.1.0"),
                               _vb('unspecified', "1.3.6.1.2.1.1.3.0"))}),
    ], (
        '0200000000020200000000010800450000552a0100004011cc93c0000201c0000202c3f100a10041'
        'bd02303702010104067075626c6963a02a02046b8b4567020100020100301c300c06082b06010201'
        '0101000500300c06082b060102010103000500'
    )),
    # scapy-built: the agent's response: an octet string and timeticks
    ('snmp-v2c-response', [
        _ETHER, _ip("192.0.2.2", "192.0.2.1", 0x7b31),
        ('udp', {'sport': 161, 'dport': 50161}),
        ('snmp', {'pdu': 2, 'request_id': 1804289383,
                  'varbinds': (_vb('octet-string', "1.3.6.1.2.1.1.1.0", b"Linux gw 6.1.0 x86_64"),
                               _vb('timeticks', "1.3.6.1.2.1.1.3.0", 8640000))}),
    ], (
        '02000000000202000000000108004500006e7b31000040117b4ac0000202c000020100a1c3f1005a'
        '0b75305002010104067075626c6963a24302046b8b45670201000201003035302106082b06010201'
        '01010004154c696e757820677720362e312e30207838365f3634301006082b060102010103004304'
        '0083d600'
    )),
    # scapy-built: an SNMPv1 response to a getnext past the MIB's end (noSuchName,
    # error index 1), community private
    ('snmp-v1-getnext-error', [
        _ETHER, _ip("192.0.2.2", "192.0.2.1", 0x0042),
        ('udp', {'sport': 161, 'dport': 161}),
        ('snmp', {'version': 0, 'community': b"private", 'pdu': 2, 'request_id': 42,
                  'error_status': 2, 'error_index': 1,
                  'varbinds': (_vb('unspecified', "1.3.6.1.6.3.1.1.6.1.0"),)}),
    ], (
        '020000000002020000000001080045000047004200004011f660c0000202c000020100a100a10033'
        'd5b53029020100040770726976617465a21b02012a0201020201013010300e060a2b060106030101'
        '0601000500'
    )),
    # scapy-built: a getbulk of the interface table (non-repeaters 1, max-repetitions 10)
    ('snmp-v2c-getbulk', [
        _ETHER, _ip("192.0.2.1", "192.0.2.2", 0x2a02),
        ('udp', {'sport': 161, 'dport': 161}),
        ('snmp', {'pdu': 5, 'request_id': 846930886, 'non_repeaters': 1, 'max_repetitions': 10,
                  'varbinds': (_vb('unspecified', "1.3.6.1.2.1.1.3.0"),
                               _vb('unspecified', "1.3.6.1.2.1.2.2.1.2"))}),
    ], (
        '0200000000020200000000010800450000562a0200004011cc91c0000201c000020200a100a10042'
        '1ca7303802010104067075626c6963a52b0204327b23c602010102010a301d300c06082b06010201'
        '0103000500300d06092b06010201020201020500'
    )),
    # scapy-built: a set of sysContact.0 and sysLocation.0 and an integer (ifAdminStatus.2)
    ('snmp-v2c-set', [
        _ETHER, _ip("192.0.2.1", "192.0.2.2", 0x2a03),
        ('udp', {'sport': 161, 'dport': 161}),
        ('snmp', {'community': b"private", 'pdu': 3, 'request_id': -1681692777,
                  'varbinds': (_vb('octet-string', "1.3.6.1.2.1.1.4.0", b"noc@example.com"),
                               _vb('octet-string', "1.3.6.1.2.1.1.6.0", b"rack 7"),
                               _vb('integer', "1.3.6.1.2.1.2.2.1.7.2", 2))}),
    ], (
        '02000000000202000000000108004500007c2a0300004011cc6ac0000201c000020200a100a10068'
        '0731305e020101040770726976617465a35002049bc367970201000201003042301b06082b060102'
        '01010400040f6e6f63406578616d706c652e636f6d301206082b0601020101060004067261636b20'
        '37300f060a2b060102010202010702020102'
    )),
    # scapy-built: an SNMPv1 linkDown trap to port 162 (enterprise net-snmp, agent
    # address, time stamp, the interface's ifIndex as varbind)
    ('snmp-v1-trap', [
        _ETHER, _ip("192.0.2.2", "192.0.2.10", 0x0101),
        ('udp', {'sport': 33000, 'dport': 162}),
        ('snmp', {'version': 0, 'pdu': 4, 'enterprise': "1.3.6.1.4.1.8072.3.2.10",
                  'agent_addr': ip4("192.0.2.2"), 'generic_trap': 2, 'time_stamp': 123456,
                  'varbinds': (_vb('integer', "1.3.6.1.2.1.2.2.1.1.2", 2),)}),
    ], (
        '02000000000202000000000108004500005b010100004011f584c0000202c000020a80e800a20047'
        'e1a3303d02010004067075626c6963a430060a2b06010401bf0803020a4004c00002020201020201'
        '00430301e2403011300f060a2b060102010202010102020102'
    )),
    # scapy-built: an SNMPv2 trap (sysUpTime.0, snmpTrapOID.0 linkUp, then counters,
    # a gauge, an address and a 64-bit counter)
    ('snmp-v2c-trapv2', [
        _ETHER, _ip("192.0.2.2", "192.0.2.10", 0x0102),
        ('udp', {'sport': 33001, 'dport': 162}),
        ('snmp', {'pdu': 7, 'request_id': 1957747793,
                  'varbinds': (_vb('timeticks', "1.3.6.1.2.1.1.3.0", 123457),
                               _vb('oid', "1.3.6.1.6.3.1.1.4.1.0", "1.3.6.1.6.3.1.1.5.4"),
                               _vb('counter32', "1.3.6.1.2.1.2.2.1.10.2", 4294967295),
                               _vb('gauge32', "1.3.6.1.2.1.2.2.1.5.2", 1000000000),
                               _vb('ipaddress', "1.3.6.1.2.1.4.20.1.1.192.0.2.2", ip4("192.0.2.2")),
                               _vb('counter64', "1.3.6.1.2.1.31.1.1.1.6.2", 2**64 - 1))}),
    ], (
        '0200000000020200000000010800450000c1010200004011f51dc0000202c000020a80e900a200ad'
        '18e83081a202010104067075626c6963a78194020474b0dc51020100020100308185300f06082b06'
        '010201010300430301e2413017060a2b06010603010104010006092b06010603010105043013060a'
        '2b060102010202010a02410500ffffffff3012060a2b06010201020201050242043b9aca00301606'
        '0e2b060102010414010181400002024004c00002023018060b2b060102011f0101010602460900ff'
        'ffffffffffffff'
    )),
    # scapy-built: a response with the v2 exceptions (noSuchObject, noSuchInstance,
    # endOfMibView) and a negative integer
    ('snmp-v2c-exceptions', [
        _ETHER, _ip("192.0.2.2", "192.0.2.1", 0x7b32),
        ('udp', {'sport': 161, 'dport': 161}),
        ('snmp', {'pdu': 2, 'request_id': 7,
                  'varbinds': (_vb('no-such-object', "1.3.6.1.2.1.99.0"),
                               _vb('no-such-instance', "1.3.6.1.2.1.1.9.1.2.99"),
                               _vb('end-of-mib-view', "1.3.6.1.6.3.1.1.6.1.0"),
                               _vb('integer', "1.3.6.1.4.1.2021.11.9.0", -128))}),
    ], (
        '0200000000020200000000010800450000747b32000040117b43c0000202c000020100a100a10060'
        'a83a305602010104067075626c6963a249020107020100020100303e300b06072b06010201630080'
        '00300e060a2b0601020101090102638100300e060a2b0601060301010601008200300f060a2b0601'
        '04018f650b0900020180'
    )),
    # scapy-built: an inform request (coldStart) with a non-ASCII octet string
    ('snmp-v2c-inform', [
        _ETHER, _ip("192.0.2.2", "192.0.2.10", 0x0103),
        ('udp', {'sport': 161, 'dport': 162}),
        ('snmp', {'pdu': 6, 'request_id': 1714636915,
                  'varbinds': (_vb('timeticks', "1.3.6.1.2.1.1.3.0", 5),
                               _vb('oid', "1.3.6.1.6.3.1.1.4.1.0", "1.3.6.1.6.3.1.1.5.1"),
                               _vb('octet-string', "1.3.6.1.2.1.2.2.1.6.2",
                           mac("02:00:00:00:00:02")))}),
    ], (
        '020000000002020000000001080045000077010300004011f566c0000202c000020a00a100a20063'
        'd146305902010104067075626c6963a64c020466334873020100020100303e300d06082b06010201'
        '0103004301053017060a2b06010603010104010006092b06010603010105013014060a2b06010201'
        '02020106020406020000000002'
    )),
]
