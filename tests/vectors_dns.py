"""DNS vectors (RFC 1035, 3596, 2782, 6891): every one scapy-built
(scapy.layers.dns, with ``dns_compress`` where the comment says
compressed); the conformance pcaps hold no DNS capture. The script that
built them: each comment gives the scapy line."""

from __future__ import annotations

from typing import Any

from vectorkit import Case, ip4, ip6, mac

from craft.layers import dnsrr

ME, PEER = mac("02:00:00:00:00:01"), mac("02:00:00:00:00:02")


def q(name: str, qtype: str = "A", qclass: int = 1) -> tuple[str, Any]:
    """A question in craft's internal form."""
    return ("question", (("name", name), ("type", dnsrr.TYPES[qtype]), ("class", qclass)))


def rr(word: str, **given: Any) -> tuple[str, Any]:
    """A record in craft's internal form: every sub-field in table order."""
    table = dnsrr.RECORDS[word][1]
    return (word, tuple((f.name, given.get(f.name, f.default)) for f in table))


def _ip(src: str, dst: str) -> tuple[str, dict[str, Any]]:
    return ("ipv4", {"src": ip4(src), "dst": ip4(dst)})


QUERY = [("ether", {"dst": PEER, "src": ME}), _ip("192.0.2.1", "192.0.2.2")]
REPLY = [("ether", {"dst": ME, "src": PEER}), _ip("192.0.2.2", "192.0.2.1")]
ANSWER = {"qr": 1, "ra": 1}

VECTORS: list[Case] = [
    # scapy-built: Ether/IP/UDP(sport=33333, dport=53)/DNS(id=0x1a2b, qd=[DNSQR(qname=
    # "www.example.com", qtype="A")])
    ("dns-query-a", [*QUERY, ("udp", {"sport": 33333, "dport": 53}),
                     ("dns", {"id": 0x1A2B, "questions": (q("www.example.com"),)})], (
        '02000000000202000000000108004500003d000100004011f6abc0000201c0000202823500350029'
        '94a61a2b0100000100000000000003777777076578616d706c6503636f6d0000010001'
    )),
    # scapy-built, compressed: IPv6/UDP/DNS(id=2, qd=[DNSQR(www.example.com, A),
    # DNSQR(www.example.com, AAAA)]): two questions, the second a pointer to the first
    ("dns-query-two", [
        ("ether", {"dst": PEER, "src": ME}),
        ("ipv6", {"src": ip6("2001:db8::1"), "dst": ip6("2001:db8::2")}),
        ("udp", {"sport": 33334, "dport": 53}),
        ("dns", {"id": 2, "questions": (q("www.example.com"), q("www.example.com", "AAAA"))}),
    ], (
        '02000000000202000000000186dd60000000002f114020010db80000000000000000000000012001'
        '0db800000000000000000000000282360035002fad90000201000002000000000000037777770765'
        '78616d706c6503636f6d0000010001c00c001c0001'
    )),
    # scapy-built, compressed: DNS(id=0x1a2b, qr=1, ra=1, qd=[DNSQR()], an=[DNSRR(CNAME
    # web.example.com, ttl=300), DNSRR(web.example.com A 192.0.2.80, ttl=300)])
    ("dns-response-cname-a", [*REPLY, ("udp", {"sport": 53, "dport": 33333}),
        ("dns", {"id": 0x1A2B, **ANSWER, "questions": (q("www.example.com"),), "answers": (
            rr("cname", name="www.example.com", ttl=300, target="web.example.com"),
            rr("a", name="web.example.com", ttl=300, address=ip4("192.0.2.80")))})], (
        '02000000000102000000000208004500005f000100004011f689c0000202c000020100358235004b'
        '34721a2b8180000100020000000003777777076578616d706c6503636f6d0000010001c00c000500'
        '010000012c000603776562c010c02d000100010000012c0004c0000250'
    )),
    # scapy-built, compressed: MX answer (DNSRRMX), NS authority, A and AAAA glue
    ("dns-response-mx-ns", [*REPLY, ("udp", {"sport": 53, "dport": 33335}),
        ("dns", {"id": 7, **ANSWER, "aa": 1, "questions": (q("example.com", "MX"),),
                 "answers": (rr("mx", name="example.com", ttl=3600, preference=10,
                                exchange="mail.example.com"),),
                 "authority": (rr("ns", name="example.com", ttl=86400,
                                  target="ns1.example.com"),),
                 "additional": (rr("a", name="mail.example.com", ttl=3600,
                                   address=ip4("192.0.2.25")),
                                rr("aaaa", name="ns1.example.com", ttl=3600,
                                   address=ip6("2001:db8::53")))})], (
        '02000000000102000000000208004500008c000100004011f65cc0000202c0000201003582370078'
        'eac0000785800001000100010002076578616d706c6503636f6d00000f0001c00c000f000100000e'
        '100009000a046d61696cc00cc00c00020001000151800006036e7331c00cc02b0001000100000e10'
        '0004c0000219c03e001c000100000e10001020010db8000000000000000000000053'
    )),
    # scapy-built, compressed: rcode=3 (NXDOMAIN), a DNSRRSOA in the authority section
    ("dns-nxdomain-soa", [*REPLY, ("udp", {"sport": 53, "dport": 33336}),
        ("dns", {"id": 9, **ANSWER, "rcode": 3, "questions": (q("nope.example.com"),),
                 "authority": (rr("soa", name="example.com", ttl=900, mname="ns1.example.com",
                                  rname="hostmaster.example.com", serial=2024010101,
                                  refresh=7200, retry=900, expire=1209600, minimum=300),)})],
     (
        '020000000001020000000002080045000071000100004011f677c0000202c000020100358238005d'
        'f32f000981830001000000010000046e6f7065076578616d706c6503636f6d0000010001c0110006'
        '0001000003840027036e7331c0110a686f73746d6173746572c01178a3f17500001c200000038400'
        '1275000000012c'
    )),
    # scapy-built, not compressed: DNSRR(type="TXT", rdata=[b"v=spf1 -all", b"hello world"])
    ("dns-txt-uncompressed", [*REPLY, ("udp", {"sport": 53, "dport": 33337}),
        ("dns", {"id": 11, **ANSWER, "compress": 0, "questions": (q("example.com", "TXT"),),
                 "answers": (rr("txt", name="example.com", ttl=60,
                                strings=("v=spf1 -all", "hello world")),)})], (
        '020000000001020000000002080045000068000100004011f680c0000202c0000201003582390054'
        'ced8000b81800001000100000000076578616d706c6503636f6d0000100001076578616d706c6503'
        '636f6d00001000010000003c00180b763d73706631202d616c6c0b68656c6c6f20776f726c64'
    )),
    # scapy-built: AD set, DNSRROPT(rclass=1232, z=0x8000 (DO), rdata=[EDNS0TLV(optcode=10
    # (COOKIE), optdata=0102030405060708)])
    ("dns-query-edns", [*QUERY, ("udp", {"sport": 33338, "dport": 53}),
        ("dns", {"id": 12, "ad": 1, "questions": (q("example.com", "SOA"),),
                 "additional": (rr("opt", size=1232, do=1,
                                   options=bytes.fromhex("000a00080102030405060708")),)})], (
        '020000000002020000000001080045000050000100004011f698c0000201c0000202823a0035003c'
        '8f3c000c01200001000000000001076578616d706c6503636f6d000006000100002904d000008000'
        '000c000a00080102030405060708'
    )),
    # scapy-built, compressed: DNSRRSRV(_sip._udp.example.com, priority 10, weight 60,
    # port 5060, target sipserver.example.net): a target with no suffix written before, so
    # scapy's compression (which would compress it, RFC 2782 says not to) leaves it whole
    ("dns-srv", [*REPLY, ("udp", {"sport": 53, "dport": 33339}),
        ("dns", {"id": 13, **ANSWER, "questions": (q("_sip._udp.example.com", "SRV"),),
                 "answers": (rr("srv", name="_sip._udp.example.com", ttl=600, priority=10,
                                weight=60, port=5060, target="sipserver.example.net"),)})],
     (
        '02000000000102000000000208004500006c000100004011f67cc0000202c00002010035823b0058'
        '7ec3000d81800001000100000000045f736970045f756470076578616d706c6503636f6d00002100'
        '01c00c0021000100000258001d000a003c13c409736970736572766572076578616d706c65036e65'
        '7400'
    )),
    # scapy-built: TCP(sport=53, dport=40000, flags=PA)/DNS (the two-byte length first,
    # RFC 1035 §4.2.2), compressed alone: a PTR answer
    ("dns-tcp-ptr", [*REPLY,
        ("tcp", {"sport": 53, "dport": 40000, "seq": 1000, "ack": 2000, "flags": 0x18}),
        ("dns", {"id": 14, **ANSWER, "questions": (q("1.2.0.192.in-addr.arpa", "PTR"),),
                 "answers": (rr("ptr", name="1.2.0.192.in-addr.arpa", ttl=3600,
                                target="host.example.com"),)})], (
        '020000000001020000000002080045000070000100004006f683c0000202c000020100359c400000'
        '03e8000007d0501820006b5600000046000e81800001000100000000013101320130033139320769'
        '6e2d61646472046172706100000c0001c00c000c000100000e10001204686f7374076578616d706c'
        '6503636f6d00'
    )),
    # scapy-built: DNS(id=15, opcode=4 (NOTIFY), aa=1, rd=0, qdcount=2, one question): a
    # given count is kept
    ("dns-notify-wrong-count", [*QUERY, ("udp", {"sport": 53, "dport": 53}),
        ("dns", {"id": 15, "opcode": 4, "aa": 1, "rd": 0, "qdcount": 2,
                 "questions": (q("example.com", "SOA"),)})], (
        '020000000002020000000001080045000039000100004011f6afc0000201c0000202003500350025'
        '83b8000f24000002000000000000076578616d706c6503636f6d0000060001'
    )),
]
