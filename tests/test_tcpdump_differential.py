"""craft's tcpdump printer against the tcpdump installed here, on frames
built for the purpose (scapy, test-only) and every one of them cut short at
several lengths: the same lines, for the flags below.

Beyond the fixed conformance cases this covers UDP checksums, ICMP errors
with the quoted packet, fragments, IP options, VLAN, ARP replies, TCP RST
and SACK, IPv6 extension headers, ND/MLD and truncation everywhere.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from craft.fmt.tcpdump import Printer, PrintOptions
from craft.io.pcap import read_capture

FLAGS = {
    "": PrintOptions(),
    "-v": PrintOptions(v=1),
    "-vv": PrintOptions(v=2),
    "-e -q": PrintOptions(e=True, q=True),
    "-XX -v": PrintOptions(X=2, v=1),
    "-ttt -e": PrintOptions(t=3, e=True),
    "-vvv": PrintOptions(v=3),
    "-tttt -x": PrintOptions(t=4, x=1),
    "-tt -X -e": PrintOptions(t=2, X=1, e=True),
    "-t -xx -q": PrintOptions(t=1, x=2, q=True),
    "-A": PrintOptions(A=1),
    "-AA -S -v": PrintOptions(A=2, S=True, v=1),
    "-# -e": PrintOptions(number=True, e=True),
    "-S -vv": PrintOptions(S=True, v=2),
}


def _tcpdump() -> str:
    path = shutil.which("tcpdump")
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("tcpdump is not installed (make test installs it)")
        pytest.skip("tcpdump is not installed")
    out = subprocess.run([path, "--version"], capture_output=True, text=True).stdout
    if "tcpdump version 4.99" not in out:
        pytest.skip(f"craft follows tcpdump 4.99, this is {out.splitlines()[:1]}")
    return path


def _frames() -> list[bytes]:
    from scapy.all import (  # noqa: F401 - test-only frame builder
        ARP,
        ICMP,
        IP,
        TCP,
        UDP,
        Dot1Q,
        Ether,
        ICMPv6DestUnreach,
        ICMPv6EchoReply,
        ICMPv6EchoRequest,
        ICMPv6MLQuery,
        ICMPv6MLReport,
        ICMPv6ND_NA,
        ICMPv6ND_Redirect,
        ICMPv6ND_RS,
        ICMPv6NDOptDstLLAddr,
        ICMPv6NDOptSrcLLAddr,
        ICMPv6PacketTooBig,
        ICMPv6TimeExceeded,
        IPOption_NOP,
        IPOption_Router_Alert,
        IPOption_RR,
        IPv6,
        IPv6ExtHdrDestOpt,
        IPv6ExtHdrFragment,
    )
    pk = []
    def E():  # noqa: N802 - reads like the scapy layers around it
        return Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")

    pk.append(E()/IP(src="192.0.2.1",dst="192.0.2.2")/UDP(sport=1234,dport=5678)/b"hello")
    pk.append(E()/IP(src="192.0.2.1",dst="192.0.2.2")/UDP(sport=1234,dport=5678,chksum=0x1234)/b"hello")
    pk.append(E()/IP(src="192.0.2.1",dst="192.0.2.2")/UDP(sport=1234,dport=5678,chksum=0)/b"hello")
    pk.append(E()/IPv6(src="2001:db8::1",dst="2001:db8::2")/UDP(sport=1234,dport=5678)/b"hello")
    pk.append(E()/IP(src="192.0.2.1",dst="192.0.2.2")/ICMP(type=3,code=3)/IP(src="192.0.2.2",dst="192.0.2.1")/UDP(sport=5678,dport=1234)/b"xx")
    pk.append(E()/IP(src="192.0.2.1",dst="192.0.2.2")/ICMP(type=3,code=1)/IP(src="192.0.2.2",dst="192.0.2.9")/ICMP())
    pk.append(E()/IP(src="192.0.2.1",dst="192.0.2.2")/ICMP(type=11,code=0)/IP(src="192.0.2.2",dst="192.0.2.9",ttl=1)/UDP(sport=5,dport=33434))
    pk.append(E()/IP(src="192.0.2.1",dst="192.0.2.2")/ICMP(type=5,code=1,gw="192.0.2.254")/IP(src="192.0.2.2",dst="192.0.2.9")/ICMP())
    pk.append(E()/IP(src="192.0.2.1",dst="192.0.2.2")/ICMP(type=3,code=4,nexthopmtu=1400)/IP(src="192.0.2.2",dst="192.0.2.9")/TCP())
    pk.append(E()/IP(src="192.0.2.1",dst="192.0.2.2")/ICMP(type=13))
    pk.append(E()/IP(src="192.0.2.1",dst="192.0.2.2")/ICMP(type=12, ptr=5)/IP(src="192.0.2.2",dst="192.0.2.9")/ICMP())
    pk.append(E()/IP(src="192.0.2.1",dst="192.0.2.2",flags="MF",frag=0,proto=17)/(b"A"*40))
    pk.append(E()/IP(src="192.0.2.1",dst="192.0.2.2",frag=10,proto=17)/(b"A"*40))
    pk.append(E()/IP(src="192.0.2.1",dst="192.0.2.2",proto=253)/(b"A"*10))
    pk.append(E()/IP(src="192.0.2.1",dst="192.0.2.2",options=[IPOption_RR(routers=["1.2.3.4"]),IPOption_NOP()])/ICMP())
    pk.append(E()/IP(src="192.0.2.1",dst="192.0.2.2",options=[IPOption_Router_Alert()])/ICMP())
    pk.append(E()/Dot1Q(vlan=5,prio=3)/IP(src="192.0.2.1",dst="192.0.2.2")/ICMP())
    pk.append(E()/Dot1Q(vlan=5)/ARP(psrc="192.0.2.1",pdst="192.0.2.2"))
    pk.append(E()/ARP(op=2,psrc="192.0.2.1",pdst="192.0.2.2",hwsrc="02:00:00:00:00:01"))
    pk.append(E()/IP(src="192.0.2.1",dst="192.0.2.2")/TCP(sport=1234,dport=4444,flags="R",seq=5)/b"reset!")
    pk.append(E()/IP(src="192.0.2.1",dst="192.0.2.2")/TCP(sport=1234,dport=22,flags="SA",seq=5,ack=9,options=[("SAck",(10,20)),("NOP",None),("NOP",None)]))
    pk.append(E()/IP(src="192.0.2.1",dst="192.0.2.2")/TCP(sport=1234,dport=22,flags="A",seq=6,ack=10,options=[("SAck",(12,20)),("NOP",None),("NOP",None)]))
    pk.append(E()/IP(src="192.0.2.1",dst="192.0.2.2")/TCP(sport=1234,dport=22,flags="PA",urgptr=3,dataofs=4)/b"x")
    pk.append(E()/IP(src="192.0.2.1",dst="192.0.2.2")/TCP(sport=1234,dport=22,flags="PA",dataofs=15)/b"x")
    pk.append(E()/IP(src="192.0.2.1",dst="192.0.2.2")/TCP(sport=1234,dport=22,options=[(99,b"ab"),(2,b"\x05")]))
    pk.append(E()/IPv6(src="2001:db8::1",dst="2001:db8::2")/TCP(sport=1,dport=2,flags="S"))
    pk.append(E()/IPv6(src="2001:db8::1",dst="2001:db8::2")/IPv6ExtHdrFragment(id=7,m=1)/UDP(sport=7,dport=9)/b"abc")
    pk.append(E()/IPv6(src="2001:db8::1",dst="2001:db8::2")/IPv6ExtHdrDestOpt()/UDP(sport=7,dport=9)/b"abc")
    pk.append(E()/IPv6(src="2001:db8::1",dst="ff02::1")/ICMPv6ND_NA(tgt="2001:db8::1",R=1,S=0,O=1)/ICMPv6NDOptDstLLAddr(lladdr="02:00:00:00:00:01"))
    pk.append(E()/IPv6(src="2001:db8::1",dst="ff02::2")/ICMPv6ND_RS()/ICMPv6NDOptSrcLLAddr(lladdr="02:00:00:00:00:01"))
    pk.append(E()/IPv6(src="2001:db8::1",dst="2001:db8::2")/ICMPv6EchoRequest(id=5,seq=6)/b"ping")
    pk.append(E()/IPv6(src="2001:db8::1",dst="2001:db8::2")/ICMPv6DestUnreach(code=4)/IPv6(src="2001:db8::2",dst="2001:db8::1")/UDP(sport=9,dport=99))
    pk.append(E()/IPv6(src="2001:db8::1",dst="2001:db8::2")/ICMPv6DestUnreach(code=3)/IPv6(src="2001:db8::2",dst="2001:db8::1")/UDP(sport=9,dport=99))
    pk.append(E()/IPv6(src="2001:db8::1",dst="2001:db8::2")/ICMPv6PacketTooBig(mtu=1280)/IPv6(src="2001:db8::2",dst="2001:db8::1")/UDP(sport=9,dport=99))
    pk.append(E()/IPv6(src="2001:db8::1",dst="2001:db8::2")/ICMPv6TimeExceeded()/IPv6(src="2001:db8::2",dst="2001:db8::1")/UDP(sport=9,dport=99))
    pk.append(E()/IPv6(src="2001:db8::1",dst="2001:db8::2")/ICMPv6ND_Redirect(tgt="2001:db8::3",dst="2001:db8::4"))
    pk.append(E()/IPv6(src="fe80::1",dst="ff02::1")/ICMPv6MLQuery())
    pk.append(E()/IPv6(src="fe80::1",dst="ff02::1")/ICMPv6MLReport(mladdr="ff02::5"))
    pk.append(E()/IP(src="192.0.2.1",dst="192.0.2.2")/IPv6(src="2001:db8::1",dst="2001:db8::2")/ICMPv6EchoReply())
    pk.append(E()/IP(src="192.0.2.1",dst="192.0.2.2")/IP(src="192.0.2.3",dst="192.0.2.4")/UDP(sport=7,dport=9))
    pk.append(Ether(src="02:00:00:00:00:01",dst="ff:ff:ff:ff:ff:ff",type=0x88b5)/(b"\x01\x02"*20))
    pk.append(E()/IP(src="192.0.2.1",dst="192.0.2.2",ihl=4)/ICMP())
    pk.append(E()/IP(src="192.0.2.1",dst="192.0.2.2",len=10)/ICMP())
    pk.append(E()/IP(src="192.0.2.1",dst="192.0.2.2",len=200)/ICMP())
    pk.append(E()/IP(src="192.0.2.1",dst="192.0.2.2")/UDP(sport=7,dport=9,len=4)/b"abc")
    pk.append(E()/IP(src="192.0.2.1",dst="192.0.2.2")/UDP(sport=7,dport=9,len=400)/b"abc")
    pk.append(E()/IP(src="192.0.2.1",dst="192.0.2.2")/TCP(sport=80,dport=4000,flags="PA")/b"HTTP/1.1 404 Not Found\r\nX: y\r\n\r\nbody")
    pk.append(E()/IP(src="192.0.2.1",dst="192.0.2.2")/TCP(sport=4000,dport=80,flags="PA")/b"\x00\x01binary")
    pk.append(E()/IP(src="192.0.2.1",dst="192.0.2.2")/UDP(sport=7,dport=9)/(b"x"*100))
    pk.extend(_dns())
    pk.extend(_tunnels())
    frames = [bytes(p) for p in pk]
    for dst, igmp in _IGMP:
        frames.append(bytes(Ether(src="02:00:00:00:00:01", dst="01:00:5e:00:00:16")
                            / IP(src="192.0.2.1", dst=dst, ttl=1, proto=2,
                                 options=[IPOption_Router_Alert()])
                            / _with_checksum(igmp)))
    return frames


def _tunnels() -> list:  # type: ignore[type-arg]
    from scapy.all import ARP, ICMP, IP, TCP, UDP, Ether, ICMPv6EchoRequest, IPv6
    from scapy.contrib.geneve import GENEVE
    from scapy.layers.ipsec import AH, ESP
    from scapy.layers.l2 import GRE
    from scapy.layers.vxlan import VXLAN

    def e():  # type: ignore[no-untyped-def]
        return Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")

    def o():  # type: ignore[no-untyped-def]
        return IP(src="203.0.113.1", dst="203.0.113.2")

    inner = IP(src="192.0.2.1", dst="192.0.2.2") / ICMP()
    inner_eth = Ether(src="02:00:00:00:00:03", dst="02:00:00:00:00:04")
    six = IPv6(src="2001:db8::1", dst="2001:db8::2")
    return [
        e() / o() / GRE() / inner,
        e() / o() / GRE(key_present=1, key=0x1234) / inner,
        e() / o() / GRE(chksum_present=1, seqnum_present=1, sequence_number=7) / inner,
        e() / o() / GRE(proto=0x86DD) / six / ICMPv6EchoRequest(),
        e() / o() / GRE(proto=0x6558) / Ether(src="02:00:00:00:00:03", dst="02:00:00:00:00:04")
        / inner,
        e() / o() / GRE(version=1, proto=0x880B) / b"abcdabcdabcd",
        e() / six / GRE() / inner,
        e() / o() / AH(spi=0x100, seq=5, icv=bytes(range(12)), nh=6) / TCP(sport=1, dport=2),
        e() / o() / ESP(spi=0x200, seq=7, data=b"x" * 40),
        e() / six / AH(spi=0x100, seq=5, icv=bytes(12), nh=58) / ICMPv6EchoRequest(),
        e() / six / ESP(spi=0x300, seq=9, data=b"y" * 20),
        e() / o() / UDP(sport=40000, dport=4789) / VXLAN(vni=42) / inner_eth / inner,
        e() / o() / UDP(sport=40000, dport=4789) / VXLAN(vni=7, flags=0) / inner_eth / ARP(),
        e() / o() / UDP(sport=40000, dport=6081) / GENEVE(vni=42, proto=0x6558) / inner_eth
        / inner,
        e() / o() / UDP(sport=40000, dport=6081) / GENEVE(vni=7, proto=0x0800, critical=1, oam=1)
        / inner,
        e() / o() / UDP(sport=40000, dport=6081)
        / GENEVE(vni=7, proto=0x6558, optionlen=2, options=b"\x01\x02\x03\x01\xaa\xbb\xcc\xdd")
        / inner_eth / inner,
        e() / o() / UDP(sport=40000, dport=6081) / (b"\x27\x00\x65\x58" + bytes(4) + b"short"),
    ]


def _dns() -> list:  # type: ignore[type-arg]
    from scapy.all import (  # test-only frame builder
        DNS,
        DNSQR,
        DNSRR,
        DNSRRMX,
        DNSRROPT,
        DNSRRSOA,
        DNSRRSRV,
        DNSTCP,
        IP,
        TCP,
        UDP,
        Ether,
        IPv6,
    )

    def e():  # type: ignore[no-untyped-def]
        return Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")

    def q():  # type: ignore[no-untyped-def]
        return e() / IP(src="192.0.2.1", dst="192.0.2.2") / UDP(sport=40000, dport=53)

    def r():  # type: ignore[no-untyped-def]
        return e() / IP(src="192.0.2.2", dst="192.0.2.1") / UDP(sport=53, dport=40000)

    name = "example.com"
    return [
        q() / DNS(id=0x1234, rd=1, qd=DNSQR(qname=name, qtype="A")),
        q() / DNS(id=7, rd=1, qd=DNSQR(qname=name, qtype="AAAA"), ar=DNSRROPT(rclass=4096)),
        r() / DNS(id=0x1234, qr=1, rd=1, ra=1, qd=DNSQR(qname=name),
                  an=DNSRR(rrname=name, type="A", rdata="192.0.2.80", ttl=300)),
        r() / DNS(id=9, qr=1, rd=1, ra=1, aa=1, qd=DNSQR(qname="www." + name),
                  an=DNSRR(rrname="www." + name, type="CNAME", rdata=name, ttl=300)),
        r() / DNS(id=10, qr=1, rcode=3, qd=DNSQR(qname="nope.example"),
                  ns=DNSRRSOA(rrname="example", mname="ns.example", rname="host.example",
                              serial=5, refresh=60, retry=30, expire=600, minimum=10)),
        r() / DNS(id=11, qr=1, qd=DNSQR(qname=name, qtype="MX"),
                  an=DNSRRMX(rrname=name, preference=10, exchange="mail." + name)),
        r() / DNS(id=12, qr=1, qd=DNSQR(qname=name, qtype="TXT"),
                  an=DNSRR(rrname=name, type="TXT", rdata=["hello world", "x=1"])),
        r() / DNS(id=13, qr=1, qd=DNSQR(qname="80.2.0.192.in-addr.arpa", qtype="PTR"),
                  an=DNSRR(rrname="80.2.0.192.in-addr.arpa", type="PTR", rdata="host.example.")),
        r() / DNS(id=14, qr=1, qd=DNSQR(qname="_sip._udp." + name, qtype="SRV"),
                  an=DNSRRSRV(rrname="_sip._udp." + name, priority=1, weight=2, port=5060,
                              target="sip." + name)),
        e() / IP(src="192.0.2.1", dst="224.0.0.251") / UDP(sport=5353, dport=5353)
        / DNS(id=0, qd=DNSQR(qname="printer.local", qtype="A", unicastresponse=1)),
        e() / IP(src="192.0.2.1", dst="192.0.2.2") / TCP(sport=40000, dport=53, flags="PA")
        / DNSTCP(id=15, rd=1, qd=DNSQR(qname=name)),
        e() / IPv6(src="2001:db8::1", dst="2001:db8::2") / UDP(sport=40000, dport=53)
        / DNS(id=16, rd=1, qd=DNSQR(qname=name, qtype="ALL")),
        r() / DNS(id=17, qr=1, qd=DNSQR(qname=name, qtype="NS"),
                  an=DNSRR(rrname=name, type="NS", rdata="ns1." + name),
                  ar=DNSRROPT(rclass=1232, z=0x8000)),
    ]


def _with_checksum(msg: bytes) -> bytes:
    from craft.layers.base import inet_checksum
    return msg[:2] + inet_checksum(msg[:2] + b"\0\0" + msg[4:]).to_bytes(2, "big") + msg[4:]


def _a(text: str) -> bytes:
    return bytes(int(x) for x in text.split("."))


_IGMP = [  # (destination, IGMP message without its checksum)
    ("224.0.0.1", b"\x11\x64\0\0" + _a("0.0.0.0")),  # v2 general query
    ("224.0.0.1", b"\x11\x0a\0\0" + _a("239.1.1.1")),
    ("224.0.0.1", b"\x11\x00\0\0" + _a("0.0.0.0")),  # v1 query
    ("239.1.2.3", b"\x16\x00\0\0" + _a("239.1.2.3")),  # v2 report
    ("224.0.0.2", b"\x17\x00\0\0" + _a("239.1.2.3")),  # leave
    ("224.0.0.1", b"\x11\x64\0\0" + _a("0.0.0.0") + b"\x02\x7d\0\0"),  # v3 query
    ("224.0.0.1", b"\x11\x0a\0\0" + _a("239.1.2.3") + b"\x02\x7d\0\x02" + _a("192.0.2.9")
     + _a("192.0.2.10")),
    ("224.0.0.1", b"\x11\xc8\0\0" + _a("239.1.2.3") + b"\x02\x7d\0\0"),
    ("224.0.0.22", b"\x22\0\0\0\0\0\0\x02" + b"\x04\0\0\0" + _a("239.1.2.3")
     + b"\x01\0\0\x01" + _a("239.1.2.4") + _a("192.0.2.5")),  # v3 report
    ("192.0.2.2", b"\x1f\0\0\0" + _a("239.1.2.3") + _a("192.0.2.2") + _a("192.0.2.3") + _a("224.0.1.32")
     + b"\x05\0\0\x09"),  # mtrace query, with the response TTL of a multicast reply-to
    ("192.0.2.2", b"\x1e\0\0\0" + _a("239.1.2.3") + _a("192.0.2.2") + _a("192.0.2.3") + _a("192.0.2.4")
     + b"\x05\0\0\x09"),  # mtrace response
]


def _write(path: Path, frames: list[tuple[bytes, int]]) -> None:
    out = [struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1)]
    for i, (data, wirelen) in enumerate(frames):
        out.append(struct.pack("<IIII", 1700000000 + i, (i * 12345) % 1000000, len(data),
                               wirelen) + data)
    path.write_bytes(b"".join(out))


@pytest.fixture(scope="module")
def pcap(tmp_path_factory: pytest.TempPathFactory) -> Path:
    frames = []
    for f in _frames():
        frames.append((f, len(f)))
        frames.extend((f[:n], len(f)) for n in range(14, len(f)))  # cut short at every byte
    path = tmp_path_factory.mktemp("diff") / "frames.pcap"
    _write(path, frames)
    return path


@pytest.mark.parametrize("flags", list(FLAGS))
def test_same_lines_as_tcpdump(pcap: Path, flags: str) -> None:
    tcpdump = _tcpdump()
    res = subprocess.run([tcpdump, "-n", *flags.split(), "-r", str(pcap)], capture_output=True,
                         text=True, env=dict(os.environ, TZ="UTC"), timeout=60)
    expected = res.stdout.split("\n")[:-1]
    printer = Printer(FLAGS[flags])
    got: list[str] = []
    for rec in read_capture(pcap):
        got.extend(printer.format(rec.ts_sec, rec.ts_nsec, rec.data, rec.wirelen,
                                  rec.linktype).split("\n"))
    assert printer.fallbacks == 0, printer.errors[:3]
    bad = [(i + 1, e, g) for i, (e, g) in enumerate(zip(expected, got, strict=False)) if e != g]
    assert not bad and len(got) == len(expected), (
        f"{len(bad)} of {len(expected)} lines differ; first: {bad[:3]}")


def _packets(text: str) -> list[str]:
    """tcpdump's output split into packets (a packet starts with its time)."""
    out: list[str] = []
    for line in text.split("\n")[:-1]:
        if len(line) > 15 and line[2] == ":" and line[5] == ":" and line[8] == ".":
            out.append(line)
        elif out:
            out[-1] += "\n" + line
    return out


@pytest.mark.parametrize("flags", ["", "-v", "-vv -e", "-q"])
def test_mutated_frames_mostly_as_tcpdump(tmp_path: Path, flags: str) -> None:
    """Mutated frames (see test_tcpdump_robust) per link type: nearly every
    packet prints as tcpdump does. The rest are protocols craft does not
    decode (DECnet, PTP, GeoNet, AH, mobility, ...) that random bytes hit."""
    import random

    from test_tcpdump_robust import BASE, _mutate

    tcpdump = _tcpdump()
    rng = random.Random(99)
    by_link: dict[int, list[bytes]] = {}
    for i in range(2500):
        data, lt = BASE[i % len(BASE)]
        frame = data if i < len(BASE) else _mutate(rng, data, i)
        if frame:  # libpcap rejects empty records
            by_link.setdefault(lt, []).append(frame)
    same = total = 0
    for lt, frames in by_link.items():
        path = tmp_path / f"m{lt}.pcap"
        head = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, lt)
        path.write_bytes(head + b"".join(
            struct.pack("<IIII", 1700000000 + i, i, len(f), len(f)) + f
            for i, f in enumerate(frames)))
        res = subprocess.run([tcpdump, "-n", *flags.split(), "-r", str(path)],
                             capture_output=True, text=True, errors="replace",
                             env=dict(os.environ, TZ="UTC"), timeout=60)
        expected = _packets(res.stdout)
        printer = Printer(_options(flags))
        for i, f in enumerate(frames):
            got = printer.format(1700000000 + i, i * 1000, f, len(f), lt)
            same += i < len(expected) and got == expected[i]
            total += 1
        assert printer.fallbacks == 0, printer.errors[:3]
    print(f"\nmutated frames {flags!r}: {same}/{total} packets as tcpdump")
    assert same >= 0.98 * total, f"only {same}/{total} mutated frames print as tcpdump"


def _options(flags: str) -> PrintOptions:
    o = PrintOptions()
    for c in flags.replace("-", "").replace(" ", ""):
        if c == "v":
            o.v += 1
        elif c == "e":
            o.e = True
        elif c == "q":
            o.q = True
    return o


_TRAFFIC = r'''
import socket, struct, threading, time
def ck(b):
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF
r = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
for seq in (1, 2):
    m = struct.pack("!BBHHH", 8, 0, 0, 77, seq) + b"abcdefgh"
    r.sendto(m[:2] + struct.pack("!H", ck(m)) + m[4:], ("192.0.2.1", 0))
r6 = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
r6.sendto(struct.pack("!BBHHH", 128, 0, 0, 5, 1) + b"ping6", ("2001:db8::1", 0))
srv = socket.socket()
srv.bind(("192.0.2.1", 8080))
srv.listen()
def serve():
    c, _ = srv.accept()
    c.recv(4096)
    c.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
    c.close()
t = threading.Thread(target=serve)
t.start()
c = socket.create_connection(("192.0.2.1", 8080))
c.sendall(b"GET /x HTTP/1.1\r\nHost: a\r\n\r\n")
c.recv(4096)
c.close()
t.join()
socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x" * 30, ("192.0.2.1", 9999))
socket.socket(socket.AF_INET6, socket.SOCK_DGRAM).sendto(b"y" * 10, ("2001:db8::1", 53))
s6 = socket.socket(socket.AF_INET6)
s6.settimeout(1)
try:
    s6.connect(("2001:db8::1", 7))
except OSError:
    pass
socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"z" * 3000, ("192.0.2.1", 9998))
time.sleep(0.3)
'''


@pytest.mark.root
def test_live_loopback_traffic_as_tcpdump(tmp_path: Path) -> None:
    """Real kernel traffic (ICMP/ICMPv6 echo, a TCP exchange, UDP with port
    unreachable errors, a TCP reset) captured by tcpdump on the
    loopback of a namespace of our own: craft prints the same lines."""
    import sys
    import time

    from conftest import require_root, unique_name

    require_root("tcpdump")
    tcpdump = _tcpdump()
    ns = unique_name("ct-fmt-")
    pcap = tmp_path / "live.pcap"
    subprocess.run(["ip", "netns", "add", ns], check=True)
    cap = None
    try:
        run = ["ip", "netns", "exec", ns]
        subprocess.run([*run, "ip", "link", "set", "lo", "up"], check=True)
        subprocess.run([*run, "ip", "addr", "add", "192.0.2.1/32", "dev", "lo"], check=True)
        subprocess.run([*run, "ip", "addr", "add", "2001:db8::1/128", "dev", "lo", "nodad"],
                       check=True)
        cap = subprocess.Popen([*run, tcpdump, "-Z", "root", "--immediate-mode", "-i", "lo", "-U",
                                "-w", str(pcap)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        assert cap.stderr is not None
        deadline = time.monotonic() + 10
        line = b""
        while b"listening" not in line and time.monotonic() < deadline:
            line = cap.stderr.readline()
        subprocess.run([*run, sys.executable, "-c", _TRAFFIC], check=True, timeout=30)
        time.sleep(0.5)
    finally:
        if cap is not None:
            cap.terminate()
            cap.wait(timeout=10)
        subprocess.run(["ip", "netns", "del", ns], check=False)
    for flags in ("", "-v", "-vv -e", "-X", "-q -tt"):
        res = subprocess.run([tcpdump, "-n", *flags.split(), "-r", str(pcap)],
                             capture_output=True, text=True, env=dict(os.environ, TZ="UTC"),
                             timeout=60)
        expected = res.stdout.split("\n")[:-1]
        printer = Printer(_options_full(flags))
        got: list[str] = []
        for rec in read_capture(pcap):
            got.extend(printer.format(rec.ts_sec, rec.ts_nsec, rec.data, rec.wirelen,
                                      rec.linktype).split("\n"))
        assert len(expected) > 20
        assert got == expected, flags


def _options_full(flags: str) -> PrintOptions:
    o = _options(flags)
    letters = flags.replace("-", "").replace(" ", "")
    o.X = letters.count("X")
    o.x = letters.count("x")
    o.t = letters.count("t")
    return o


def _ip4(proto: int, payload: bytes, src: bytes = b"\xc0\x00\x02\x01",
         dst: bytes = b"\xc0\x00\x02\x02") -> bytes:
    from craft.layers.base import inet_checksum
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), 1, 0, 64, proto, 0, src, dst)
    return h[:10] + inet_checksum(h).to_bytes(2, "big") + h[12:] + payload


def _sweeps() -> list[bytes]:
    """Every ICMP type/code, ICMPv6 type, TCP option kind and length, IPv6
    option type and DNS query type: raw frames, no helper library."""
    from craft.layers.base import inet_checksum
    eth4 = bytes.fromhex("020000000002020000000001") + b"\x08\x00"
    eth6 = bytes.fromhex("333300000001020000000001") + b"\x86\xdd"
    src6 = bytes.fromhex("fe800000000000000000000000000001")
    dst6 = bytes.fromhex("ff020000000000000000000000000001")
    frames = []
    quoted = [_ip4(17, struct.pack("!HHHH", 5, 33434, 12, 0) + b"abcd"),
              _ip4(6, struct.pack("!HHII", 5, 80, 1, 2) + bytes(8))]
    for t in range(45):
        for code in range(17) if t in (3, 5, 11, 12) else (0,):
            for inner in quoted if t == 3 else quoted[:1]:
                body = struct.pack("!BBHI", t, code, 0, 1400 if t == 3 else 0x01020304)
                body += inner if t in (3, 4, 5, 11, 12) else bytes(12)
                body = body[:2] + inet_checksum(body).to_bytes(2, "big") + body[4:]
                frames.append(eth4 + _ip4(1, body))
    for t in range(256):
        for code in (0, 1, 3, 4) if t in (1, 3, 4, 138, 139, 140) else (0,):
            body = bytes([t, code, 0, 0]) + bytes(range(4, 60))
            ph = src6 + dst6 + struct.pack("!I3xB", len(body), 58)
            body = body[:2] + inet_checksum(ph + body).to_bytes(2, "big") + body[4:]
            frames.append(eth6 + struct.pack("!IHBB", 0x60000000, len(body), 58, 255)
                          + src6 + dst6 + body)
    for kind in range(256):
        for ln in (2, 3, 4, 6, 10, 18):
            opt = bytes([kind, ln]) + bytes(range(1, ln - 1))
            if kind == 254 and ln >= 4:
                opt = bytes([kind, ln, 0xF9, 0x89]) + bytes(range(ln - 4))
            opt += bytes(-len(opt) % 4)
            tcp = struct.pack("!HHIIBBHHH", 1234, 4321, 1, 2, (5 + len(opt) // 4) << 4, 0x12,
                              100, 0, 0) + opt
            frames.append(eth4 + _ip4(6, tcp))
    for nh in (60, 0):
        for t in range(256):
            opt = bytes([0, 1, 4, 0, 0, 0]) if t == 0 else bytes([t, 4, 1, 2, 3, 4])
            ext = bytes([59, 0]) + opt
            frames.append(eth6 + struct.pack("!IHBB", 0x60000000, len(ext), nh, 64)
                          + src6 + dst6 + ext)
    # a zero payload length (a jumbogram?) with its hop-by-hop header cut short
    frames.append(eth6 + struct.pack("!IHBB", 0x60000000, 0, 0, 64) + src6 + dst6 + bytes([59, 1, 0, 0]))
    for qtype in [*range(300), 32768, 65535]:
        dns = struct.pack("!HHHHHH", qtype, 0x0100, 1, 0, 0, 0) + b"\x01a\x00"
        dns += struct.pack("!HH", qtype, 1 if qtype % 7 else qtype % 300)
        frames.append(eth4 + _ip4(17, struct.pack("!HHHH", 40000, 53, 8 + len(dns), 0) + dns))
    for status in range(0, 256, 3):  # NTP: every version, mode and leap indicator
        body = bytes([status, status % 17, (status * 7) % 256, 255 - status % 30])
        body += bytes((status * k) % 256 for k in range(44 + status % 24))
        frames.append(eth4 + _ip4(17, struct.pack("!HHHH", 123, 40000, 8 + len(body), 0) + body))
    for msg in (b"<34>Oct 11 22:14:15 host su: failed\n", b"<191>x\x01y", b"<1999>z", b"no",
                b"<13", b"<0>", b"<189>host app: tab\there\x1b[31m"):  # syslog
        frames.append(eth4 + _ip4(17, struct.pack("!HHHH", 40000, 514, 8 + len(msg), 0) + msg))
    for ver, typ, flags in ((0, 0, 0), (0, 0, 0x81), (0, 0x80, 0), (2, 2, 0x3C), (2, 2, 0x7E),
                            (3, 2, 0x7C), (9, 0, 0)):  # spanning tree BPDUs in LLC
        bpdu = struct.pack("!HBBB", 0, ver, typ, flags) + struct.pack(
            "!H6sIH6sHHHHH", 0x8000, b"\x02\0\0\0\0\x09", 4, 0x8000, b"\x02\0\0\0\0\x01",
            0x8001, 256, 5120, 512, 3840) + (b"\0" if ver else b"")
        llc = b"\x42\x42\x03" + bpdu
        frames.append(bytes.fromhex("0180c2000000020000000001") + len(llc).to_bytes(2, "big")
                      + llc)
    for op in range(8):  # TFTP
        body = struct.pack("!H", op) + b"file\x01name\x00octet\x00blksize\x001428\x00"[:op * 6]
        frames.append(eth4 + _ip4(17, struct.pack("!HHHH", 40000, 69, 8 + len(body), 0) + body))
    return frames


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-x -vv"])
def test_sweeps_as_tcpdump(tmp_path: Path, flags: str) -> None:
    tcpdump = _tcpdump()
    frames = [(f[:n], len(f)) for f in _sweeps() for n in range(14, len(f) + 1)]  # every cut
    path = tmp_path / "sweeps.pcap"
    _write(path, frames)
    res = subprocess.run([tcpdump, "-n", *flags.split(), "-r", str(path)], capture_output=True,
                         text=True, errors="replace", env=dict(os.environ, TZ="UTC"), timeout=60)
    expected = _packets(res.stdout)
    printer = Printer(_options_full(flags))
    bad = []
    for i, rec in enumerate(read_capture(path)):
        got = printer.format(rec.ts_sec, rec.ts_nsec, rec.data, rec.wirelen, rec.linktype)
        if i >= len(expected) or got != expected[i]:
            bad.append((i, expected[i] if i < len(expected) else None, got))
    assert printer.fallbacks == 0, printer.errors[:3]
    assert not bad, f"{len(bad)} of {len(frames)} differ; first: {bad[:2]}"


def _cut_and_compare(tmp_path: Path, whole: list[bytes], flags: str, step: int,
                     start: int = 40) -> str:
    """Print each frame, and each cut short at every ``step``-th byte from
    ``start`` on, like tcpdump FLAGS; assert the same packets; craft's text."""
    tcpdump = _tcpdump()
    frames = []
    for f in whole:
        frames.append((f, len(f)))
        frames.extend((f[:n], len(f)) for n in range(start, len(f), step))
    path = tmp_path / "cut.pcap"
    _write(path, frames)
    res = subprocess.run([tcpdump, "-n", *flags.split(), "-r", str(path)], capture_output=True,
                         text=True, env=dict(os.environ, TZ="UTC"), timeout=60)
    words = flags.split()
    printer = Printer(PrintOptions(v=flags.count("v"), e="-e" in words, q="-q" in words,
                                   X=sum(w.count("X") for w in words), x=sum(w.count("x") for w in words),
                                   A=sum(w.count("A") for w in words)))
    got = "".join(printer.format(r.ts_sec, r.ts_nsec, r.data, r.wirelen, r.linktype) + "\n"
                  for r in read_capture(path))
    assert printer.fallbacks == 0, printer.errors[:3]
    bad = [(e, g) for e, g in zip(_packets(res.stdout), _packets(got), strict=True) if e != g]
    assert not bad, f"{len(bad)} of {len(frames)} packets differ; first: {bad[:2]}"
    return got
