"""Each protocol craft's printer decodes beyond the core, compared line for
line with the tcpdump installed here: every test frame whole and cut short at
every byte, under several flag sets (-v, -vv, -e, -x -vv, ...). The frames are
built here (struct or scapy), independently of craft's layer modules."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from test_tcpdump_differential import _cut_and_compare, _ip4

from craft.fmt.tcpdump.oui import OUIS


def _dhcp() -> list[bytes]:
    """BOOTP/DHCP packets with options of every format tcpdump decodes, and
    malformed ones (lengths past the option, unknown tags of each size)."""
    from scapy.all import BOOTP, DHCP, IP, UDP, Ether

    def req(options: list, **bootp) -> bytes:  # type: ignore[type-arg,no-untyped-def]
        b = BOOTP(chaddr=bytes.fromhex("020000000001") + bytes(10), xid=0x1234, **bootp)
        return bytes(Ether(src="02:00:00:00:00:01", dst="ff:ff:ff:ff:ff:ff")
                     / IP(src="0.0.0.0", dst="255.255.255.255") / UDP(sport=68, dport=67)
                     / b / DHCP(options=options))

    def raw_opts(opts: bytes, **bootp) -> bytes:  # type: ignore[no-untyped-def]
        b = BOOTP(op=2, chaddr=bytes.fromhex("020000000001") + bytes(10), **bootp)
        return bytes(Ether(src="02:00:00:00:00:02", dst="02:00:00:00:00:01")
                     / IP(src="192.0.2.2", dst="192.0.2.1") / UDP(sport=67, dport=68)
                     / b / (b"\x63\x82\x53\x63" + opts))

    return [
        req([("message-type", "discover"), ("hostname", b"lab"),
             ("param_req_list", [1, 3, 6, 15, 51, 58, 59, 119, 250, 121]), "end"]),
        req([("message-type", "request"), ("requested_addr", "192.0.2.1"),
             ("server_id", "192.0.2.2"), ("client_id", b"\x01\x02\x00\x00\x00\x00\x01"),
             ("vendor_class_id", b"craft 1.0"), ("max_dhcp_size", 1500), "end"], secs=3, flags=0x8000),
        req([("message-type", "inform"), ("client_id", b"\x00textid"),
             ("client_id", b"\x20\xaa\xbb"), "pad", "pad", "pad", "end"], hops=2),
        raw_opts(bytes([53, 1, 5, 54, 4, 192, 0, 2, 2, 51, 4, 0, 0, 14, 16, 58, 4, 0, 0, 7, 8,
                        1, 4, 255, 255, 255, 0, 3, 8, 192, 0, 2, 2, 192, 0, 2, 3,
                        6, 4, 192, 0, 2, 53, 15, 7]) + b"example" + bytes([
                        28, 4, 192, 0, 2, 255, 2, 4, 255, 255, 255, 0, 19, 1, 1, 20, 2, 0, 7,
                        23, 1, 64, 26, 2, 5, 220, 33, 8, 198, 51, 100, 0, 192, 0, 2, 2,
                        46, 1, 8, 52, 1, 3, 43, 3, 1, 2, 3, 255]),
                 yiaddr="192.0.2.1", siaddr="192.0.2.2", giaddr="192.0.2.9", ciaddr="192.0.2.7",
                 sname=b"server", file=b"boot/pxe.0"),
        raw_opts(bytes([121, 14, 24, 198, 51, 100, 192, 0, 2, 1, 0, 192, 0, 2, 2, 0,
                        249, 5, 33, 1, 2, 3, 4,
                        81, 12, 0x05, 0, 0]) + b"host.lab" + bytes([1,
                        82, 14, 1, 4]) + b"eth0" + bytes([2, 2]) + b"r1" + bytes([9, 2, 1, 2,
                        77, 9, 3]) + b"abc" + bytes([4]) + b"defg" + bytes([
                        77, 1, 3, 250, 3, 1, 2, 3, 251, 2, 1, 2, 252, 4, 1, 2, 3, 4,
                        126, 5, 0, 1, 0, 2, 9, 46, 0, 81, 1, 0, 61, 0, 33, 9, 1, 2, 3, 4, 5, 6,
                        7, 8, 9, 121, 6, 40, 1, 2, 3, 4, 5, 255])),
        raw_opts(bytes([0] * 5 + [53, 1, 9, 53, 2, 1, 2, 1, 3, 255, 255, 0, 1, 12, 40]) + b"short"),
        raw_opts(bytes([12, 3]) + b"a\x01b" + bytes([127, 3, 0, 7, 1, 255])),
        raw_opts(bytes([53, 1, 2, 255]), sname=b"s" * 64, file=b"f" * 128),
        raw_opts(bytes([77, 3, 0, 1, 2, 77, 4, 5, 1, 2, 3, 82, 4, 1, 9, 1, 2, 46, 1, 3, 52, 1, 9,
                        53, 1, 5, 24, 4, 0, 0, 2, 88, 2, 4, 255, 255, 255, 0, 31, 2, 0, 5, 255])),
        bytes(Ether(src="02:00:00:00:00:01", dst="ff:ff:ff:ff:ff:ff")
              / IP(src="192.0.2.1", dst="255.255.255.255") / UDP(sport=68, dport=67)
              / BOOTP(htype=6, hlen=8, options=b"CMU\0" + bytes([0, 0, 0, 3]) + bytes(4)
                      + bytes([192, 0, 2, 2]) + bytes([192, 0, 2, 53]) + bytes(44))),
        bytes(Ether(src="02:00:00:00:00:01", dst="ff:ff:ff:ff:ff:ff")
              / IP(src="192.0.2.1", dst="255.255.255.255") / UDP(sport=68, dport=67)
              / BOOTP(op=3, options=b"\x12\x34\x56\x78" + bytes(60))),
    ]


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-vvv", "-e -v", "-x -vv"])
def test_bootp_dhcp_as_tcpdump(tmp_path: Path, flags: str) -> None:
    """BOOTP/DHCP with -v: the header's fields and each option, as tcpdump
    prints them, also for every packet cut short at each 7th byte."""
    got = _cut_and_compare(tmp_path, _dhcp(), flags, step=1)
    if flags == "-v":
        assert "DHCP-Message (53), length 1: Discover" in got
        assert "Classless-Static-Route (121)" in got and "instance#2" in got


def _rip() -> list[bytes]:
    """RIPv1 and RIPv2 requests and responses, every authentication kind, and
    malformed entries (must-be-zero fields set, odd families and lengths)."""
    from scapy.all import IP, UDP, Ether

    def rip(body: bytes) -> bytes:
        return bytes(Ether(src="02:00:00:00:00:01", dst="01:00:5e:00:00:09")
                     / IP(src="192.0.2.1", dst="224.0.0.9", ttl=1) / UDP(sport=520, dport=520) / body)

    def v2(afi: int, tag: int, dst: str, mask: int, hop: str, metric: int) -> bytes:
        return struct.pack("!HH4sI4sI", afi, tag, bytes(map(int, dst.split("."))), mask,
                           bytes(map(int, hop.split("."))), metric)

    def v1(afi: int, dst: str, metric: int, mbz: int = 0) -> bytes:
        return struct.pack("!HH4sIII", afi, 0, bytes(map(int, dst.split("."))), mbz, 0, metric)

    return [
        rip(b"\x02\x02\0\0" + v2(2, 0, "198.51.100.0", 0xFFFFFF00, "0.0.0.0", 1)
            + v2(2, 7, "203.0.113.0", 0xFFFFFF80, "192.0.2.9", 3)),
        rip(b"\x01\x02\0\0" + v2(0, 0, "0.0.0.0", 0, "0.0.0.0", 16)),
        rip(b"\x02\x01\0\0" + v1(2, "198.51.100.0", 2) + v1(0, "0.0.0.0", 16)
            + v1(2, "203.0.113.0", 1, mbz=5) + v1(7, "10.0.0.0", 1)),
        rip(b"\x02\x02\0\0" + b"\xff\xff\x00\x02" + b"secret".ljust(16, b"\0")
            + v2(2, 0, "198.51.100.0", 0xFFFF00FF, "0.0.0.0", 1) + v2(16, 1, "1.2.3.4", 0, "0.0.0.0", 1)),
        rip(b"\x02\x02\0\0" + b"\xff\xff\x00\x03" + struct.pack("!HBBIII", 44, 1, 16, 77, 0, 0)
            + v2(2, 0, "198.51.100.0", 0xFFFFFF00, "0.0.0.0", 1) + b"\xff\xff\x00\x01" + bytes(16)),
        rip(b"\x02\x02\0\0" + b"\xff\xff\x00\x09" + bytes(range(16))),
        rip(b"\x02\x02\0\0" + b"\xff\xff\x00\x02" + b"sixteen-bytes-pw" + v2(2, 0, "1.0.0.0", 0xFF000000,
                                                                               "0.0.0.0", 1)[:12]),
        rip(b"\x02\x00\0\0" + bytes(20)),
        rip(b"\x09\x02\0\0" + bytes(20)),
        rip(b"\x03\x02\0\0" + b"trace"),
        rip(b"\x05\x02\0\0"),
        rip(b"\x02\x03\0\0" + bytes(20)),
        rip(b"\x02\x02"),
    ]


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-e -vvv", "-x -vv"])
def test_rip_as_tcpdump(tmp_path: Path, flags: str) -> None:
    """RIP with -v: each route and authentication entry as tcpdump prints it,
    also for every packet cut short at each 3rd byte."""
    got = _cut_and_compare(tmp_path, _rip(), flags, step=1)
    if flags == "-v":
        assert "AFI IPv4,    198.51.100.0/24, tag 0x0000, metric: 1, next-hop: self" in got
        assert "Simple Text Authentication data: secret" in got


def _lldp() -> list[bytes]:
    """LLDPDUs with every TLV craft decodes, in each subtype and with lengths
    too short for their values (TIA and DCBX TLVs are left out: craft dumps them)."""

    def tlv(kind: int, value: bytes) -> bytes:
        return struct.pack("!H", kind << 9 | len(value)) + value

    def frame(*tlvs: bytes) -> bytes:
        return (bytes.fromhex("0180c200000e020000000001") + b"\x88\xcc" + b"".join(tlvs)
                + tlv(0, b""))

    mac_ = bytes.fromhex("020000000001")
    v4, v6 = bytes([192, 0, 2, 1]), bytes.fromhex("20010db8000000000000000000000001")

    def org(oui: int, sub: int, body: bytes) -> bytes:
        return tlv(127, oui.to_bytes(3, "big") + bytes([sub]) + body)

    base = [tlv(1, b"\x04" + mac_), tlv(2, b"\x05eth0"), tlv(3, b"\x00\x78")]
    return [
        frame(*base, tlv(4, b"uplink"), tlv(5, b"lab-sw1"), tlv(6, b"craft lab\0switch"),
              tlv(7, b"\x00\x14\x00\x04"), tlv(8, b"\x05\x01" + v4 + b"\x02\x00\x00\x00\x03\x00")),
        frame(*[tlv(1, bytes([s]) + b"chassis") for s in (1, 2, 3, 6, 7, 9)],
              tlv(1, b"\x05\x01" + v4), tlv(1, b"\x05\x02" + v6), tlv(1, b"\x05\x06" + mac_),
              tlv(1, b"\x05\x63abcd"), tlv(3, b"\x01\x2c")),
        frame(*[tlv(2, bytes([s]) + b"port") for s in (1, 2, 5, 6, 7, 8)],
              tlv(2, b"\x03" + mac_), tlv(2, b"\x04\x01" + v4), tlv(7, b"\xff\xff\x00\x00"),
              tlv(8, b"\x11\x02" + v6 + b"\x03\x00\x00\x00\x07\x04abcd"),
              tlv(8, b"\x07\x06" + mac_ + b"\x09\x00\x00\x00\x01"), tlv(9, b"unknown"),
              tlv(8, b"\x02\x63\x00\x02\x00\x00\x00\x01")),
        frame(*base, org(0x0080C2, 1, b"\x00\x64"), org(0x0080C2, 2, b"\x06\x00\x65"),
              org(0x0080C2, 3, b"\x00\x64\x05guest"), org(0x0080C2, 4, b"\x04LACP"),
              org(0x0080C2, 8, b"\xa5\x0f"), org(0x0080C2, 9, bytes(range(21))),
              org(0x0080C2, 10, bytes(range(21, 42))), org(0x0080C2, 11, b"\xd3\x81"),
              org(0x0080C2, 12, b"\x00\x61\x89\x06\x42\x00\x35"), org(0x0080C2, 13, b"\xff\x0f\xe5\xa7\x65"),
              org(0x0080C2, 14, b"\x98\x00\x01\x23\x45\x67\x89\xab\xcd"), org(0x0080C2, 99, b"xy")),
        frame(*base, org(0x00120F, 1, b"\x03\x6c\x01\x00\x10"), org(0x00120F, 2, b"\x0f\x01\x03"),
              org(0x00120F, 3, b"\x03\x00\x00\x00\x05"), org(0x00120F, 4, b"\x05\xee"),
              org(0x00120F, 9, b"zz"), org(0x00005E, 1, b"https://lab.example/mud"),
              org(0x00005E, 2, b"abcd"), org(0xABCDEF, 1, b"vendor"), tlv(127, b"\x00\x80"),
              org(0x0080C2, 3, b"\x00"), org(0x0080C2, 12, b"\x00\x01\x02"), tlv(3, b"\x01")),
        frame(*base, tlv(1, b"\x04\x02"), tlv(2, b"")),
    ]


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-e -v", "-x -vv"])
def test_lldp_as_tcpdump(tmp_path: Path, flags: str) -> None:
    """LLDP with -v: every TLV as tcpdump prints it, also cut short anywhere."""
    got = _cut_and_compare(tmp_path, _lldp(), flags, step=1)
    if flags == "-v":
        assert "Port VLAN Id Subtype (1)\n\t    port vlan id (PVID): 100" in got
        assert "Management Address length 5, AFI IPv4 (1): 192.0.2.1" in got


def _ospf() -> list[bytes]:
    """OSPFv2 packets of each type, LSAs of each kind, all authentication types."""
    from scapy.all import IP, Ether
    from scapy.contrib.ospf import (
        OSPF_DBDesc,
        OSPF_External_LSA,
        OSPF_Hdr,
        OSPF_Hello,
        OSPF_Link,
        OSPF_LSA_Hdr,
        OSPF_LSAck,
        OSPF_LSReq,
        OSPF_LSReq_Item,
        OSPF_LSUpd,
        OSPF_Network_LSA,
        OSPF_NSSA_External_LSA,
        OSPF_Router_LSA,
        OSPF_SummaryASBR_LSA,
        OSPF_SummaryIP_LSA,
    )

    def lsa(kind: int, lsid: bytes, body: bytes) -> bytes:
        return struct.pack("!HBB4s4sIHH", 5, 0x02, kind, lsid, b"\xc0\x00\x02\x01", 0x80000003, 0,
                           20 + len(body)) + body

    def o(body, **hdr):  # type: ignore[no-untyped-def]
        return bytes(Ether(src="02:00:00:00:00:01", dst="01:00:5e:00:00:05")
                     / IP(src="192.0.2.1", dst="224.0.0.5", ttl=1)
                     / OSPF_Hdr(src="192.0.2.1", **hdr) / body)

    links = [OSPF_Link(id="192.0.2.2", data="192.0.2.1", type=1, metric=10),
             OSPF_Link(id="192.0.2.0", data="192.0.2.1", type=2, metric=1),
             OSPF_Link(id="198.51.100.0", data="255.255.255.0", type=3, metric=5, toscount=1,
                       tos=[b"\x01\x00\x00\x07"]),
             OSPF_Link(id="203.0.113.9", data="192.0.2.1", type=4, metric=3)]
    lsas = [OSPF_Router_LSA(id="192.0.2.1", adrouter="192.0.2.1", seq=0x80000001, flags=3,
                            linklist=links),
            OSPF_Network_LSA(id="192.0.2.1", adrouter="192.0.2.1", mask="255.255.255.0",
                             routerlist=["192.0.2.1", "192.0.2.2"]),
            OSPF_SummaryIP_LSA(id="198.51.100.0", adrouter="192.0.2.1", mask="255.255.255.0", metric=20),
            OSPF_SummaryASBR_LSA(id="192.0.2.7", adrouter="192.0.2.1", metric=30),
            OSPF_External_LSA(id="203.0.113.0", adrouter="192.0.2.1", mask="255.255.255.0", ebit=1,
                              metric=0xFFFFFF, fwdaddr="192.0.2.9", tag=7),
            OSPF_NSSA_External_LSA(id="203.0.113.128", adrouter="192.0.2.1", mask="255.255.255.128",
                                   metric=50)]
    hdrs = [OSPF_LSA_Hdr(type=t, id="192.0.2.1", adrouter="192.0.2.1", seq=0x80000002, options=0x42)
            for t in (1, 2, 3, 5, 10)]
    return [
        o(OSPF_Hello(mask="255.255.255.0", prio=1, router="192.0.2.1", backup="192.0.2.2",
                     options=0x02, neighbors=["192.0.2.2", "192.0.2.3"])),
        o(OSPF_Hello(mask="255.255.255.0", router="0.0.0.0", backup="0.0.0.0"), area="0.0.0.1",
          authtype=1, authdata=int.from_bytes(b"lab-pass", "big")),
        o(OSPF_Hello(mask="255.255.255.0"), authtype=2, keyid=1, authdatalen=16, seq=77)
        + bytes(16),
        o(OSPF_DBDesc(mtu=1500, dbdescr=0x07, ddseq=0x1234, lsaheaders=hdrs)),
        o(OSPF_DBDesc(mtu=0, dbdescr=0x00, ddseq=9)),
        o(OSPF_LSReq(requests=[OSPF_LSReq_Item(type=1, id="192.0.2.1", adrouter="192.0.2.1"),
                               OSPF_LSReq_Item(type=10, id="1.0.0.7", adrouter="192.0.2.2")])),
        o(OSPF_LSUpd(lsalist=lsas)),
        o(OSPF_LSAck(lsaheaders=hdrs[:2])),
        o(struct.pack("!I", 3) + lsa(10, b"\x04\x00\x00\x01", b"\x00\x01\x00\x04\x00\x00\x00\x10")
          + lsa(1, b"\xc0\x00\x02\x01", b"\x00\x00\x00\x01" + b"\xc0\x00\x02\x02" * 2 + b"\x09\x00\x00\x01")
          + lsa(6, b"\xc0\x00\x02\x01", struct.pack("!I4sI4s", 1, b"\xc0\x00\x02\x01", 7, bytes(4))),
          type=4),
        o(struct.pack("!HBBI", 1500, 0x42, 0x01, 5) + bytes(18) + b"\x00\x05", type=2),
        o(OSPF_Hello(mask="255.255.255.0"), type=9),
        o(OSPF_Hello(mask="255.255.255.0"), authtype=9),
    ]


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-e -v", "-x -vv"])
def test_ospf_as_tcpdump(tmp_path: Path, flags: str) -> None:
    """OSPFv2 with -v: header, Hello, DD, LS-Request, LS-Update with its LSAs
    and LS-Ack as tcpdump prints them, also cut short anywhere."""
    got = _cut_and_compare(tmp_path, _ospf(), flags, step=1)
    if flags == "-v":
        assert "Neighbor Router-ID: 192.0.2.2, Interface Address: 192.0.2.1" in got


def _fhrp() -> list[bytes]:
    """VRRP v2 and v3 (IPv4 and IPv6, good and bad checksums, simple
    authentication) and HSRP v0 in each state and op code."""
    from scapy.all import IP, UDP, Ether, IPv6
    from scapy.layers.hsrp import HSRP
    from scapy.layers.vrrp import VRRP, VRRPv3

    e = Ether(src="00:00:5e:00:01:01", dst="01:00:5e:00:00:12")

    def v4(body, ttl: int = 255) -> bytes:  # type: ignore[no-untyped-def]
        return bytes(e / IP(src="192.0.2.1", dst="224.0.0.18", ttl=ttl) / body)

    six = IPv6(src="fe80::1", dst="ff02::12", hlim=255)
    out = [
        v4(VRRP(vrid=1, priority=100, addrlist=["192.0.2.254"])),
        v4(VRRP(vrid=2, priority=254, authtype=1, auth1=int.from_bytes(b"lab1", "big"),
                auth2=int.from_bytes(b"pass", "big"), addrlist=["192.0.2.253", "192.0.2.252"]), ttl=64),
        v4(VRRP(vrid=3, priority=1, chksum=0x1234, addrlist=["192.0.2.251"])),
        v4(VRRPv3(vrid=4, priority=200, adv=100, addrlist=["192.0.2.250"])),
        bytes(e / six / VRRPv3(vrid=5, priority=100, ipcount=1, addrlist=["fe80::1"])),
        bytes(e / six / VRRPv3(vrid=6, priority=100, chksum=1, ipcount=1, addrlist=["fe80::2"])),
        v4(VRRP(version=2, type=2, vrid=7)), v4(VRRP(version=1, vrid=8)),
        v4(VRRP(vrid=9, priority=100, authtype=3, addrlist=["192.0.2.249"])),
        v4(VRRP(vrid=10, priority=100, authtype=255, addrlist=["192.0.2.248"])),
    ]
    for op, state, reserved in ((0, 16, 0), (1, 8, 0), (2, 4, 3), (7, 9, 0)):
        hsrp = HSRP(opcode=op, state=state, group=1, virtualIP="192.0.2.254", priority=110,
                    auth=b"cisco\0\0\0")
        raw = bytearray(bytes(hsrp))
        raw[7] = reserved
        out.append(bytes(Ether(src="00:00:0c:07:ac:01", dst="01:00:5e:00:00:02")
                         / IP(src="192.0.2.1", dst="224.0.0.2", ttl=1) / UDP(sport=1985, dport=1985)
                         / bytes(raw)))
    out.append(bytes(Ether() / IP(src="192.0.2.1", dst="224.0.0.2") / UDP(sport=1985, dport=1985)
                     / b"\x01\x00\x10\x03"))
    return out


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-x -vv"])
def test_vrrp_and_hsrp_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _fhrp(), flags, step=1)
    assert "VRRPv2, Advertisement, vrid 1, prio 100, authtype none, intvl 1s, length 20" in got
    assert "HSRPv0-hello 20: state=active group=1 addr=192.0.2.254" in got


def _dhcp6() -> list[bytes]:
    """DHCPv6 exchanges (solicit to reply, relays) with the options tcpdump decodes."""
    from scapy.all import UDP, Ether, IPv6
    from scapy.layers import dhcp6 as d

    def msg(body, sport: int = 546, dport: int = 547) -> bytes:  # type: ignore[no-untyped-def]
        return bytes(Ether(src="02:00:00:00:00:01", dst="33:33:00:01:00:02")
                     / IPv6(src="fe80::1", dst="ff02::1:2") / UDP(sport=sport, dport=dport) / body)

    cid = d.DHCP6OptClientId(duid=d.DUID_LLT(lladdr="02:00:00:00:00:01", timeval=700000000))
    sid = d.DHCP6OptServerId(duid=d.DUID_EN(enterprisenum=32473, id=b"\x01\x02\x03"))
    ia = d.DHCP6OptIA_NA(iaid=7, T1=3600, T2=5400, ianaopts=[
        d.DHCP6OptIAAddress(addr="2001:db8::100", preflft=7200, validlft=7500)])
    pd = d.DHCP6OptIA_PD(iaid=9, T1=0, T2=0, iapdopt=[
        d.DHCP6OptIAPrefix(prefix="2001:db8:1::", plen=56, preflft=1, validlft=2)])
    return [
        msg(d.DHCP6_Solicit(trid=0x1234) / cid / d.DHCP6OptElapsedTime(elapsedtime=5)
            / d.DHCP6OptOptReq(reqopts=[23, 24, 99]) / d.DHCP6OptRapidCommit() / ia / pd),
        msg(d.DHCP6_Advertise(trid=0x1234) / cid / sid / ia / d.DHCP6OptPref(prefval=255)
            / d.DHCP6OptDNSServers(dnsservers=["2001:db8::53", "2001:db8::54"])
            / d.DHCP6OptDNSDomains(dnsdomains=["lab.example.", "example."]), 547, 546),
        msg(d.DHCP6_Request(trid=1) / cid / sid / d.DHCP6OptClientId(duid=d.DUID_LL(lladdr="02:00:00:00:00:09"))),
        msg(d.DHCP6_Reply(trid=2) / d.DHCP6OptStatusCode(statuscode=2, statusmsg="none left")
            / d.DHCP6OptInfoRefreshTime(reftime=600) / d.DHCP6OptIfaceId(ifaceid=b"eth0-port-12345"), 547, 546),
        msg(d.DHCP6_InfoRequest(trid=3) / d.DHCP6OptStatusCode(statuscode=300)
            / d.DHCP6OptReconfMsg(msgtype=11) / d.DHCP6OptReconfAccept() / d.DHCP6OptSNTPServers(sntpservers=["2001:db8::123"])),
        msg(d.DHCP6_RelayForward(hopcount=1, linkaddr="2001:db8::1", peeraddr="fe80::9")
            / d.DHCP6OptRelayMsg(message=d.DHCP6_Solicit(trid=5) / cid)
            / d.DHCP6OptRemoteID(enterprisenum=9, remoteid=b"remote-identifier")),
        msg(d.DHCP6_Release(trid=6) / d.DHCP6OptUnknown(optcode=200, data=b"xyz")),
        msg(b"\x63\x00\x00\x01"),
        msg(d.DHCP6_Decline(trid=7) / b"\x00\x01\x00\x20\x00\x03"),
    ]


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-x -vv"])
def test_dhcp6_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _dhcp6(), flags, step=1)
    assert "dhcp6 solicit" in got


def _eigrp() -> list[bytes]:
    """EIGRP Hellos and Updates with parameter, version and route TLVs."""
    from scapy.all import IP, Ether
    from scapy.contrib.eigrp import (
        EIGRP,
        EIGRPAuthData,
        EIGRPExtRoute,
        EIGRPIntRoute,
        EIGRPParam,
        EIGRPSeq,
        EIGRPSwVer,
    )

    def e(body, **kw) -> bytes:  # type: ignore[no-untyped-def]
        return bytes(Ether(src="02:00:00:00:00:01", dst="01:00:5e:00:00:0a")
                     / IP(src="192.0.2.1", dst="224.0.0.10", ttl=2) / EIGRP(asn=100, **kw) / body)

    return [
        e(EIGRPParam(k1=1, k3=1, holdtime=15) / EIGRPSwVer(ios="v12.4", eigrp="v1.2"), opcode=5),
        e(EIGRPIntRoute(nexthop="0.0.0.0", delay=2560, bandwidth=256, mtu=1500, hopcount=0,
                        reliability=255, load=1, prefixlen=24, dst="198.51.100.0")
          / EIGRPExtRoute(nexthop="192.0.2.9", originrouter="192.0.2.2", originasn=65001, tag=7,
                          extprotocolid=6, flags=0x40, delay=100, bandwidth=1000, mtu=1500,
                          prefixlen=20, dst="203.0.113.0"), opcode=1, flags=0x09, seq=5, ack=4),
        e(EIGRPSeq(ipaddr="192.0.2.2") / EIGRPAuthData(keyid=1), opcode=3),
        e(b"", opcode=7, ver=1),
        e(b"\x00\x01\x00\x02", opcode=4),
        e(b"\x00\x01\x00\x02\xc0\x00\x02\x09abcdefgh", opcode=4),  # a bad TLV length: the rest in hex
        e(b"\x01\x02\x00\x40" + bytes(12), opcode=1),
        e(b"\x00\x01\x00\x06\x01\x00", opcode=5),
        bytes(Ether() / IP(src="192.0.2.1", dst="224.0.0.10", proto=88) / b"\x02\x05\x00\x00"),
    ]


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-x -vv"])
def test_eigrp_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _eigrp(), flags, step=1)
    assert "EIGRP" in got
    if "v" in flags:
        assert "0x0000:  c000 0209 6162 6364 6566 6768" in got


def _pim() -> list[bytes]:
    """PIMv2 messages of each type over IPv4 and IPv6, with good and bad checksums."""
    from scapy.all import ICMP, IP, Ether, IPv6
    from scapy.contrib.pim import (
        PIMv2GroupAddrs,
        PIMv2Hdr,
        PIMv2Hello,
        PIMv2HelloHoldtime,
        PIMv2JoinAddrs,
        PIMv2JoinPrune,
        PIMv2PruneAddrs,
    )

    e = Ether(src="02:00:00:00:00:01", dst="01:00:5e:00:00:0d")

    def v4(body, **kw) -> bytes:  # type: ignore[no-untyped-def]
        return bytes(e / IP(src="192.0.2.1", dst="224.0.0.13", ttl=1) / PIMv2Hdr(**kw) / body)

    def opt(kind: int, value: bytes) -> bytes:
        return struct.pack("!HH", kind, len(value)) + value

    hello = (opt(1, b"\x00\x69") + opt(19, b"\x00\x00\x00\x01") + opt(20, b"\x12\x34\xab\xcd")
             + opt(2, b"\x81\xf4\x09\xc4") + opt(21, b"\x01\x3c\x00\x00") + opt(22, b"")
             + opt(24, b"\x01\x00\xc0\x00\x02\x05") + opt(18, b"") + opt(18, b"eth0") + opt(38, bytes(12)) + opt(99, b"xy"))
    jp = PIMv2JoinPrune(up_addr_family=1, up_neighbor_ip="192.0.2.2", num_group=1, holdtime=210,
                        jp_ips=[PIMv2GroupAddrs(gaddr="239.1.1.1", num_joins=1, num_prunes=1,
                                                join_ips=[PIMv2JoinAddrs(src_ip="198.51.100.7", sparse=1, wildcard=1, rpt=1)],
                                                prune_ips=[PIMv2PruneAddrs(src_ip="198.51.100.8", sparse=1)])])
    enc_u = b"\x01\x00" + bytes([192, 0, 2, 9])
    enc_g = b"\x01\x00\x00\x20" + bytes([239, 1, 1, 1])
    return [
        v4(hello, type=0),
        bytes(e / IPv6(src="fe80::1", dst="ff02::d", hlim=1) / PIMv2Hdr(type=0)
              / PIMv2Hello(option=[PIMv2HelloHoldtime(holdtime=105)])),
        v4(jp, type=3),
        v4(b"\x00\x00\x00\x00" + bytes(IP(src="198.51.100.7", dst="239.1.1.1") / ICMP()), type=1),
        v4(b"\x40\x00\x00\x00" + bytes(20), type=1),
        v4(enc_g + enc_u, type=2),
        v4(enc_g + enc_u + b"\x80\x00\x00\x05\x00\x00\x00\x0a", type=5),
        v4(b"\x12\x34\x1e\x40" + enc_u + enc_g + b"\x01\x01\x00\x00" + enc_u + b"\x00\x96\x05\x00",
           type=4),
        v4(b"\x01\x05\x00\x96" + enc_u + enc_g, type=8),
        v4(enc_u + enc_g + enc_u + b"\x00\x3c", type=9),
        v4(b"\x00\x01\x00\x02\x00\x01\x00\x03\x00\x00", type=0, chksum=0x1234),
        v4(b"", type=12),
        bytes(e / IP(src="192.0.2.1", dst="224.0.0.13", proto=103) / b"\x10\x00\x00\x00"),
    ]


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-x -vv"])
def test_pim_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _pim(), flags, step=1)
    assert "PIMv2" in got


def _bgp() -> list[bytes]:
    """BGP sessions' messages: Open with capabilities, Updates with the common
    attributes, Notifications, Keepalives, Route-Refresh, several per segment."""
    from scapy.all import IP, TCP, Ether

    def msg(kind: int, body: bytes = b"") -> bytes:
        return b"\xff" * 16 + struct.pack("!HB", 19 + len(body), kind) + body

    def seg(*msgs: bytes) -> bytes:
        return bytes(Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")
                     / IP(src="192.0.2.1", dst="192.0.2.2")
                     / TCP(sport=40000, dport=179, flags="PA", seq=1, ack=1) / b"".join(msgs))

    def attr(flags: int, kind: int, value: bytes) -> bytes:
        return struct.pack("!BBB", flags, kind, len(value)) + value

    caps = (b"\x01\x04\x00\x01\x00\x01" + b"\x02\x00" + b"\x41\x04\x00\x00\xfd\xe9"
            + b"\x40\x06\x80\x78\x00\x01\x01\x80" + b"\x45\x04\x00\x01\x01\x03" + b"\x63\x02\xab\xcd")
    opens = msg(1, struct.pack("!BHH4sB", 4, 65001, 180, bytes([192, 0, 2, 1]), len(caps) + 2)
                + b"\x02" + bytes([len(caps)]) + caps)
    attrs = (attr(0x40, 1, b"\x00") + attr(0x40, 2, b"\x02\x02\xfd\xe9\xfd\xea\x01\x01\xfd\xf2")
             + attr(0x40, 3, bytes([192, 0, 2, 1])) + attr(0x80, 4, b"\x00\x00\x00\x64")
             + attr(0x40, 5, b"\x00\x00\x00\xc8") + attr(0x40, 6, b"")
             + attr(0xC0, 7, b"\xfd\xe9" + bytes([192, 0, 2, 1]))
             + attr(0xC0, 8, b"\xfd\xe9\x00\x64\xff\xff\xff\x01")
             + attr(0x80, 9, bytes([192, 0, 2, 7])) + attr(0x80, 10, bytes([192, 0, 2, 8] * 2))
             + attr(0xD0, 99, b"") + attr(0xC0, 99, b"\x01\x02\x03"))
    withdrawn = b"\x18\xc6\x33\x64" + b"\x10\xcb\x00"
    six_hop = bytes.fromhex("20010db8000000000000000000000001")
    mp = (attr(0x80, 14, b"\x00\x02\x01\x10" + six_hop + b"\x00" + b"\x30\x20\x01\x0d\xb8\x00\x01"
                       + b"\x40\x20\x01\x0d\xb8\x00\x02\x00\x00")
          + attr(0x80, 15, b"\x00\x02\x01" + b"\x30\x20\x01\x0d\xb8\x00\x09")
          + attr(0x80, 15, b"\x00\x02\x01")
          + attr(0x80, 14, b"\x00\x01\x02\x04" + bytes([192, 0, 2, 1]) + b"\x01\x02ab" + b"\x18\xe8\x01\x01")
          + attr(0x80, 14, b"\x00\x01\x63\x00\x00"))
    update = msg(2, struct.pack("!H", len(withdrawn)) + withdrawn + struct.pack("!H", len(attrs)) + attrs
                 + b"\x18\xc6\x33\x64" + b"\x19\xcb\x00\x71\x80")
    return [
        seg(msg(4)),
        seg(opens),
        seg(update),
        seg(msg(2, b"\x00\x00\x00\x00")),
        seg(msg(3, b"\x06\x02"), msg(3, b"\x04\x00"), msg(3, b"\x05\x01"), msg(3, b"\x09\x09")),
        seg(msg(5, b"\x00\x01\x00\x01"), msg(4), msg(4)),
        seg(b"\x00\x01\x02" + msg(4)),
        seg(msg(9, b"abc")),
        seg(b"\xff" * 16 + b"\x00\x05\x04"),
        seg(msg(2, b"\x00\x00" + struct.pack("!H", len(mp)) + mp)),
    ]


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-x -vv"])
def test_bgp_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _bgp(), flags, step=1)
    assert ": BGP" in got


def _cdp() -> list[bytes]:
    """CDPv2 announcements with every TLV tcpdump decodes, malformed TLVs and
    addresses, over 802.3 LLC/SNAP."""

    def tlv(kind: int, value: bytes) -> bytes:
        return struct.pack("!HH", kind, 4 + len(value)) + value

    def cdp(*tlvs: bytes, version: int = 2) -> bytes:
        body = bytes([version, 180]) + b"\xb4\x23" + b"".join(tlvs)
        llc = bytes.fromhex("aaaa0300000c2000") + body
        frame = bytes.fromhex("01000ccccccc020000000001") + struct.pack("!H", len(llc)) + llc
        return frame + bytes(max(0, 60 - len(frame)))

    v4 = b"\x01\x01\xcc\x00\x04" + bytes([192, 0, 2, 1])
    v6 = b"\x02\x08" + bytes.fromhex("aaaa0300000086dd") + b"\x00\x10" + bytes.fromhex(
        "20010db8000000000000000000000001")
    odd = b"\x01\x02\xab\xcd\x00\x02\x01\x02"
    return [
        cdp(tlv(1, b"sw1.lab"), tlv(3, b"GigabitEthernet0/1"), tlv(4, b"\x00\x00\x00\x29"),
            tlv(5, b"Cisco IOS Software\nVersion 15.2\n"), tlv(6, b"cisco WS-C2960"),
            tlv(2, b"\x00\x00\x00\x02" + v4 + v6), tlv(9, b"lab"), tlv(10, b"\x00\x01"),
            tlv(11, b"\x01"), tlv(0x16, b"\x00\x00\x00\x01" + v4), tlv(0x14, b"sw1"),
            tlv(0x12, b"\x00"), tlv(0x13, b"\x00"), tlv(0x11, b"\x00\x00\x05\xdc")),
        cdp(tlv(1, b"r1"), tlv(7, bytes([198, 51, 100, 0, 24, 203, 0, 113, 0, 25])),
            tlv(8, b"\x00\x00\x0c\x01\x12"), tlv(0x0e, b"\x01\x00\x64"), tlv(0x0f, b"\x20\x00"),
            tlv(0x10, b"\x1d\x4c"), tlv(0x17, b"\x01site-a"), tlv(0x15, b"\x06\x01"), tlv(0x30, b"zz")),
        cdp(tlv(1, b"bad"), tlv(2, b"\x00\x00\x00\x02" + odd), tlv(7, b"\x01\x02"),
            tlv(4, b"\x01"), tlv(2, b"\x00\x00")),
        cdp(tlv(1, b"x"), b"\x00\x03\x00\x02"),
        cdp(tlv(1, b"y"), b"\x00\x03\x00\x40abc"),
        cdp(tlv(1, b"v1"), version=1),
        # gaps in tcpdump's TLV table (no hex dump) and types past its end (hex)
        cdp(tlv(1, b"gaps"), tlv(0, b"\x00\x00\x05\xdc"), tlv(0x0c, b"zz"), tlv(0x18, b"q"),
            tlv(0x1a, b"\x00\x01\x00\x02")),
    ]


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-e", "-x -vv"])
def test_cdp_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _cdp(), flags, step=1)
    assert "CDPv2, ttl: 180s" in got


def _mpls() -> list[bytes]:
    """MPLS label stacks over IPv4 and IPv6, the reserved labels, unknown payloads."""
    from scapy.all import ICMP, IP, UDP, ICMPv6EchoRequest, IPv6

    def mpls(labels: list[tuple[int, int]], payload: bytes, etype: int = 0x8847) -> bytes:
        stack = b"".join(struct.pack("!I", label << 12 | (5 << 9 if i == 0 else 0)
                                     | (0x100 if i == len(labels) - 1 else 0) | ttl)
                         for i, (label, ttl) in enumerate(labels))
        return bytes.fromhex("020000000002020000000001") + struct.pack("!H", etype) + stack + payload

    ip = bytes(IP(src="192.0.2.1", dst="192.0.2.2") / ICMP())
    ip6 = bytes(IPv6(src="2001:db8::1", dst="2001:db8::2") / ICMPv6EchoRequest())
    return [
        mpls([(16, 64)], ip), mpls([(17, 64), (18, 63)], bytes(IP(src="192.0.2.1", dst="192.0.2.2")
                                                               / UDP(sport=1, dport=2))),
        mpls([(0, 64)], ip), mpls([(2, 64)], ip6), mpls([(1, 1), (3, 64)], ip),
        mpls([(100, 64)], ip6), mpls([(200, 5)], b"\x12\x34\x56"), mpls([(300, 5)], b""),
        mpls([(16, 64)], ip, 0x8848),
        bytes.fromhex("020000000002020000000001") + b"\x88\x47\x00\x01",
    ]


@pytest.mark.parametrize("flags", ["", "-v", "-e", "-x -vv"])
def test_mpls_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _mpls(), flags, step=1, start=14)
    assert "MPLS (label 16, tc 5, [S], ttl 64)" in got


def _slow() -> list[bytes]:
    """LACP and Marker PDUs, malformed TLVs, OAM and unknown slow protocols."""
    def slow(body: bytes) -> bytes:
        frame = bytes.fromhex("0180c2000002020000000001") + b"\x88\x09" + body
        return frame + bytes(max(0, 60 - len(frame)))

    mac_ = bytes.fromhex("020000000001")
    actor = struct.pack("!BBH6sHHHB3s", 1, 20, 32768, mac_, 17, 128, 5, 0x3D, bytes(3))
    partner = struct.pack("!BBH6sHHHB3s", 2, 20, 100, bytes.fromhex("020000000002"), 17, 64, 7, 0x47, bytes(3))

    def oam_info(kind: int, oui: int) -> bytes:
        return struct.pack("!BBBHBBH3sI", kind, 16, 1, 2, 5, 0x1D, 0xF5DC, oui.to_bytes(3, "big"), 0xDEADBEEF)

    def event(kind: int) -> bytes:
        return struct.pack("!BBHQQQQI", kind, 40, 7, 10**12, 5, 2**63 + 1, 99, 3)
    return [
        slow(b"\x01\x01" + actor + partner + b"\x03\x10\x00\x32" + bytes(12) + b"\x00\x00" + bytes(50)),
        slow(b"\x02\x01" + struct.pack("!BBH6sI2s", 1, 16, 3, mac_, 0xABCD, bytes(2)) + b"\x00\x00"),
        slow(b"\x01\x01" + b"\x01\x05abc" + b"\x07\x04xy" + b"\x00\x00"),
        slow(b"\x01\x01\x01\x01"), slow(b"\x01\x02"), slow(b"\x0a\x01\x02"),
        slow(b"\x03\x00\x50\x00" + oam_info(1, 0x00120F) + oam_info(2, 0x0080C2) + b"\xfe\x05\x00\x10\x18"
             + b"\x00\x00"),
        slow(b"\x03\x00\x03\x00" + oam_info(1, 0x009069)[:-2] + b"\x09\x01"),
        slow(b"\x03\x00\x47\x01\x00\x2a" + event(1) + event(4) + b"\x02\x08" + bytes(6) + b"\x00\x00"),
        slow(b"\x03\x00\x00\x04\x01"), slow(b"\x03\x00\x00\x04\x07"), slow(b"\x03\x00\x00\x02\x07\x00\x01"),
        slow(b"\x03\x00\x00\xfe\x00\x10\x18\x01"), slow(b"\x03\x00\x00\x09"),
        *(slow(b"\x03\x00\x00\x00" + oam_info(1, oui)) for oui in [*OUIS, 0x123456]),
    ]


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-e", "-x -vv"])
def test_lacp_and_marker_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _slow(), flags, step=1, start=14)
    assert "LACPv1, length" in got and "OAM, length" in got
    if flags.startswith("-v"):
        assert "OUI IEEE 802.3 Private (0x00120f), Vendor-Private 0xdeadbeef" in got
        assert "Error Running Total 99" in got


def _telnet() -> list[bytes]:
    """Telnet negotiations: every command, named and unnamed options,
    subnegotiations (TERMINAL TYPE IS, AUTHENTICATION, ENCRYPT, unknown
    qualifiers), IAC IAC, unterminated ones, and data after the commands."""
    mac_ = bytes.fromhex("0200000000020200000000010800")

    def seg(sport: int, dport: int, data: bytes) -> bytes:
        tcp_ = struct.pack("!HHIIBBHHH", sport, dport, 1, 1, 0x50, 0x18, 8192, 0, 0) + data
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp_), 1, 0, 64, 6, 0,
                         bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2]))
        return mac_ + ip + tcp_

    iac = b"\xff"
    return [
        seg(50000, 23, iac + b"\xfd\x18" + iac + b"\xfd\x20" + iac + b"\xfb\x1f" + iac + b"\xfc\x27"
            + iac + b"\xfe\x63" + iac + b"\xfb\xff"),
        seg(23, 50000, iac + b"\xfa\x18\x01" + iac + b"\xf0" + iac + b"\xfa\x18\x00xterm-256color" + iac
            + b"\xf0" + iac + b"\xfa\x1f\x00\x50\x00\x18" + iac + b"\xf0login: "),
        seg(50000, 23, iac + b"\xfa\x25\x00\x02\x07" + iac + b"\xf0" + iac + b"\xfa\x25\x09\x08" + iac
            + b"\xf0" + iac + b"\xfa\x26\x01\x01\x06" + iac + b"\xf0" + iac + b"\xfa\x26\x07\x0c"
            + iac + b"\xf0" + iac + b"\xfa\x05\x07" + iac + b"\xf0" + iac + b"\xfa\x80\x00" + iac + b"\xf0"),
        seg(50000, 23, b"".join(iac + bytes([c]) for c in range(236, 250)) + iac + iac + iac + b"\xf1"),
        seg(50000, 23, iac + b"\xfa\x18\x00vt100" + iac), seg(50000, 23, iac + b"\xfa\x18\x00abc"),
        seg(50000, 23, iac + b"\x41hello" + iac + b"\xfd\x01"), seg(50000, 23, iac + b"\xfd"),
        seg(50000, 23, b"ls -l\r\n" + iac + b"\xf4"), seg(23, 53, iac + b"\xfd\x01" + iac + b"\xfb\x03"),
    ]


@pytest.mark.parametrize("flags", ["", "-v", "-q", "-X -vvv", "-X", "-x -vv"])
def test_telnet_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _telnet(), flags, step=1, start=54)
    if flags != "-q":
        assert "TERMINAL TYPE IS 0x78 0x74" in got
        assert "Telnet:" in got if "vvv" in flags else "[telnet DO TERMINAL TYPE, DO TSPEED, WILL NAWS" in got


def _eapol() -> list[bytes]:
    """802.1X: every EAPOL frame type, EAP codes and methods (Identity,
    Notification, Nak, TLS/TTLS/FAST with and without the L bit, SIM, AKA,
    MD5), EAP lengths that disagree with EAPOL's, unknown values."""
    def eapol(kind: int, body: bytes = b"", length: int | None = None, version: int = 2) -> bytes:
        frame = (bytes.fromhex("0180c2000003020000000001888e")
                 + struct.pack("!BBH", version, kind, len(body) if length is None else length) + body)
        return frame + bytes(max(0, 60 - len(frame)))

    def eap(code: int, ident: int, data: bytes = b"", length: int | None = None) -> bytes:
        return struct.pack("!BBH", code, ident, 4 + len(data) if length is None else length) + data

    return [
        eapol(1), eapol(2, version=1), eapol(3, b"\x02" + bytes(20)), eapol(4, b"ab"), eapol(9),
        eapol(0, eap(1, 1, b"\x01")), eapol(0, eap(2, 1, b"\x01alice@example.com")),
        eapol(0, eap(1, 2, b"\x02Hello\x00x")), eapol(0, eap(2, 2, b"\x03\x0d\x15\x19\x63")),
        eapol(0, eap(1, 3, b"\x0d\x20")), eapol(0, eap(2, 3, b"\x0d\xc0\x00\x00\x10\x00" + bytes(20))),
        eapol(0, eap(1, 4, b"\x15\x21")), eapol(0, eap(2, 4, b"\x2b\x81\x00\x00\x00\x30" + bytes(8))),
        eapol(0, eap(1, 5, b"\x12\x0a\x00\x00")), eapol(0, eap(1, 6, b"\x17\x07")),
        eapol(0, eap(1, 7, b"\x04\x10" + bytes(16))), eapol(0, eap(3, 8)), eapol(0, eap(4, 9)),
        eapol(0, eap(7, 9, b"\x01")), eapol(0, eap(1, 10, b"\xfe\x00\x00\x01")),
        eapol(0, eap(2, 11, b"\x01bob", length=20)), eapol(0, eap(2, 11, b"\x01bob"), length=30),
        eapol(0, b"", length=0), eapol(0, eap(1, 12, b"\x0d")), eapol(0, eap(1, 13, b"\x0d\x80\x00")),
        eapol(0, eap(2, 14, length=2), length=2), eapol(0, eap(1, 15)), eapol(0, eap(1, 16, b"\x02")),
        eapol(0, eap(2, 17, b"\x03")), eapol(0, eap(1, 18, b"\x2b")), eapol(0, eap(1, 19, b"\x2b\x80\x00")),
        eapol(0, eap(1, 20, b"\x12")), eapol(0, eap(1, 21, b"\x01\x80\x01\xff")),
    ]


@pytest.mark.parametrize("flags", ["", "-v", "-e", "-x -vv"])
def test_eapol_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _eapol(), flags, step=1, start=14)
    assert "EAPOL start (1) v2, len 0" in got
    if flags == "-v":
        assert "Response (2), id 1, len 22\n\t\t Type Identity (1), Identity: alice@example.com" in got


def _sctp() -> list[bytes]:
    """SCTP over IPv4 and IPv6: DATA (flags, PPIDs, payloads needing padding),
    INIT/INIT ACK with parameters, SACK with gap blocks and duplicate TSNs,
    control chunks, unknown chunks, and chunk lengths that are bogus, too
    small, or longer than the packet."""
    def chunk(kind: int, flags: int, body: bytes, length: int | None = None) -> bytes:
        raw = struct.pack("!BBH", kind, flags, 4 + len(body) if length is None else length) + body
        return raw + bytes(-len(raw) % 4)

    def v4(*chunks: bytes, sport: int = 5000, dport: int = 5001, cut: int = 0) -> bytes:
        sctp = struct.pack("!HHII", sport, dport, 0xDEADBEEF, 0) + b"".join(chunks)
        sctp = sctp[:len(sctp) - cut]
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(sctp), 1, 0, 64, 132, 0,
                         bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2]))
        return bytes.fromhex("0200000000020200000000010800") + ip + sctp

    def v6(*chunks: bytes) -> bytes:
        sctp = struct.pack("!HHII", 38412, 36412, 7, 0) + b"".join(chunks)
        ip = struct.pack("!IHBB16s16s", 6 << 28, len(sctp), 132, 64,
                         bytes.fromhex("20010db8000000000000000000000001"),
                         bytes.fromhex("20010db8000000000000000000000002"))
        return bytes.fromhex("02000000000202000000000186dd") + ip + sctp

    def data(flags: int, tsn: int, sid: int, ssn: int, ppid: int, payload: bytes) -> bytes:
        return chunk(0, flags, struct.pack("!IHHI", tsn, sid, ssn, ppid) + payload)

    init = struct.pack("!IIHHI", 0x1234, 106496, 10, 65535, 99) + b"\x00\x05\x00\x08" + bytes([192, 0, 2, 1])
    sack = struct.pack("!IIHH", 1000, 65536, 2, 2) + struct.pack("!HHHHII", 2, 3, 5, 9, 998, 997)
    return [
        v4(chunk(1, 0, init)), v4(chunk(2, 0, init + b"\x00\x07\x00\x08cook")),
        v4(chunk(10, 0, b"cookie!"), data(3, 7, 1, 2, 18, b"hello")),
        v4(data(7, 1, 0, 0, 46, b"x" * 13), data(2, 2, 0, 1, 4, b"yz"), data(1, 3, 0, 1, 0xABCDEF, b"w")),
        v4(data(0, 4, 5, 6, 27, b"abcd")), v4(chunk(3, 0, sack)), v4(chunk(3, 0, sack[:14])),
        v4(chunk(3, 0, struct.pack("!IIHH", 0xFFFFFFF0, 1, 1, 0) + struct.pack("!HH", 0x20, 0x30))),
        v4(chunk(4, 0, b"\x00\x01\x00\x08abcd"), chunk(5, 0, b"\x00\x01\x00\x08abcd"), chunk(11, 0, b"")),
        v4(chunk(6, 1, b""), chunk(7, 0, struct.pack("!I", 55)), chunk(8, 0, b""), chunk(14, 0, b"")),
        v4(chunk(9, 0, b"\x00\x01\x00\x08\x00\x01\x00\x00"), chunk(12, 0, b"\x00" * 4),
           chunk(13, 0, b"\x00" * 4), chunk(0xC0, 0, b"\x00" * 4), chunk(0xC1, 0, b""), chunk(0xC2, 0, b""),
           chunk(0x80, 0, b"??"), chunk(0x3F, 0, b"")),
        v4(data(3, 1, 0, 0, 0, b"")), v4(chunk(0, 3, b"\x00" * 8)), v4(chunk(1, 0, init[:12])),
        v4(chunk(1, 0, b"", length=2)), v4(chunk(1, 0, b"", length=0)), v4(chunk(1, 0, init, length=200)),
        v4(chunk(11, 0, b"", length=5)), v4(chunk(11, 0, b"") + b"\x01\x00"), v4(cut=0, sport=6704),
        v4(chunk(1, 0, init), cut=2), v4(chunk(1, 0, init), cut=17),
        v6(data(3, 1, 0, 0, 60, b"ngap"), chunk(3, 0, sack)),
    ]


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-vv -x", "-q", "-x -vv"])
def test_sctp_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _sctp(), flags, step=1, start=34)
    if flags != "-q":
        assert "192.0.2.1.5000 > 192.0.2.2.5001: sctp" in got
        assert "[init tag: 4660] [rwnd: 106496] [OS: 10] [MIS: 65535] [init TSN: 99]" in got
        assert "[gap ack block #2: start = 1005, end = 1009]" in got


def _snmp() -> list[bytes]:
    """SNMP messages encoded here in BER: v1 and v2c requests, responses with
    errors, traps, GetBulk, v3 with USM; every value type, and malformed ones
    (wrong types, extra bytes, long-form and high-tag lengths, v2 PDUs in v1)."""
    def tlv(tag: int, body: bytes) -> bytes:
        n = len(body)
        size = bytes([n]) if n < 128 else bytes([0x81, n]) if n < 256 else b"\x82" + struct.pack("!H", n)
        return bytes([tag]) + size + body

    def integer(v: int) -> bytes:
        return tlv(2, v.to_bytes(max(1, (v.bit_length() + 8) // 8), "big", signed=True))

    def oid(dotted: str) -> bytes:
        parts = [int(x) for x in dotted.split(".")]
        out = bytearray([parts[0] * 40 + parts[1]])
        for v in parts[2:]:
            chunk = [v & 0x7F]
            while v > 0x7F:
                v >>= 7
                chunk.append(0x80 | (v & 0x7F))
            out += bytes(reversed(chunk))
        return tlv(6, bytes(out))

    def seq(*items: bytes) -> bytes:
        return tlv(0x30, b"".join(items))

    def vb(name: str, value: bytes = b"\x05\x00") -> bytes:
        return seq(oid(name), value)

    def pdu(tag: int, req: int, err: int, idx: int, *binds: bytes) -> bytes:
        return tlv(0xA0 | tag, integer(req) + integer(err) + integer(idx) + seq(*binds))

    def msg(version: int, community: bytes, body: bytes, port: int = 161) -> bytes:
        snmp = seq(integer(version), tlv(4, community), body)
        udp_ = struct.pack("!HHHH", 50000, port, 8 + len(snmp), 0) + snmp
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp_), 1, 0, 64, 17, 0,
                         bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2]))
        return bytes.fromhex("0200000000020200000000010800") + ip + udp_

    sysdescr, uptime = "1.3.6.1.2.1.1.1.0", "1.3.6.1.2.1.1.3.0"
    values = [tlv(2, b"\xff\x85"), tlv(4, b"Linux lab 6.1"), tlv(4, b"\x00\x01\xfe"), b"\x05\x00",
              oid("1.3.6.1.4.1.8072.3.2.10"), tlv(0x40, bytes([192, 0, 2, 9])), tlv(0x40, b"\x01\x02"),
              tlv(0x41, b"\x00\xff\xff\xff\xff"), tlv(0x42, b"\x07"), tlv(0x43, b"\x01\x00\x00"),
              tlv(0x46, b"\x01" + bytes(8)), tlv(0x44, b"op"), b"\x80\x00", b"\x81\x00", b"\x82\x00",
              tlv(0x01, b"\x01"), tlv(0x31, b""), tlv(0xC0, b"pv"), tlv(0xE0, b""), b"\x83\x00"]
    trap = tlv(0xA4, oid("1.3.6.1.4.1.8072") + tlv(0x40, bytes([192, 0, 2, 1])) + integer(6) + integer(17)
               + tlv(0x43, b"\x30\x39") + seq(vb(sysdescr, tlv(4, b"up"))))
    usm = seq(tlv(4, bytes.fromhex("80001f8880")), integer(3), integer(12345), tlv(4, b"alice"),
              tlv(4, bytes(12)), tlv(4, b""))
    v3 = seq(integer(3), seq(integer(7), integer(65507), tlv(4, b"\x05"), integer(3)), tlv(4, usm),
             seq(tlv(4, bytes.fromhex("80001f88")), tlv(4, b""), pdu(0, 9, 0, 0, vb(sysdescr))))

    def raw(snmp: bytes) -> bytes:
        udp_ = struct.pack("!HHHH", 162, 50000, 8 + len(snmp), 0) + snmp
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp_), 1, 0, 64, 17, 0,
                         bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2]))
        return bytes.fromhex("0200000000020200000000010800") + ip + udp_

    return [
        msg(0, b"public", pdu(0, 1, 0, 0, vb(sysdescr), vb(uptime))),
        msg(1, b"private", pdu(1, 2, 0, 0, vb("1.3.6.1.2.1.2.2.1.2"))),
        msg(1, b"public", pdu(2, 3, 0, 0, *(vb(sysdescr, v) for v in values))),
        msg(0, b"public", pdu(2, 4, 2, 1, vb(sysdescr))), msg(0, b"public", pdu(2, 4, 99, 0, vb(sysdescr))),
        msg(0, b"public", pdu(2, 4, 0, 3, vb(sysdescr))), msg(0, b"s3cr\x01t", pdu(3, 5, 0, 0, vb(sysdescr, integer(1)))),
        msg(0, b"public", pdu(0, 6, 1, 2, vb(sysdescr, integer(5)))), msg(1, b"public", pdu(5, 7, 0, 10, vb("1.3.6.1.2.1.2"))),
        msg(1, b"public", pdu(6, 8, 0, 0, vb(uptime, tlv(0x43, b"\x10")))), msg(1, b"public", pdu(7, 9, 0, 0, vb(uptime))),
        msg(1, b"public", pdu(8, 10, 0, 0)), msg(0, b"public", pdu(5, 11, 0, 0)), msg(1, b"public", trap),
        msg(0, b"public", trap, port=162), msg(0, b"public", tlv(0xA4, oid("1.3.6.1.4.1.9") + tlv(0x40, bytes(4))
            + integer(2) + integer(3) + tlv(0x43, b"\x01") + seq())),
        msg(0, b"public", tlv(0xA4, oid("1.3.6.1") + tlv(0x40, bytes(4)) + integer(9) + integer(0) + integer(1))),
        raw(v3), raw(seq(integer(2), tlv(4, b"x"))), raw(seq(integer(0), integer(5))), raw(integer(5)),
        raw(seq(integer(0), tlv(4, b"public"), integer(1))), raw(seq(integer(0), tlv(4, b"public"),
            tlv(0xA0, integer(1) + integer(0) + integer(0) + integer(5)))),
        raw(seq(integer(0), tlv(4, b"public"), tlv(0xA0, integer(1) + integer(0) + integer(0)
            + seq(integer(4))))), raw(seq(integer(0), tlv(4, b"public"), tlv(0xA0, integer(1) + integer(0)
            + integer(0) + seq(seq(integer(4), integer(5)))))), raw(seq(integer(0), tlv(4, b"public"),
            pdu(0, 1, 0, 0, vb(sysdescr, integer(3))))) + b"xx",
        raw(seq(integer(0), tlv(4, b"public"), pdu(0, 1, 0, 0))) + b"\x00", raw(b"\x30\x84\x00\x00\x00\x05" + integer(0)),
        raw(b"\x30\x05\x02\x00\x02\x01\x00"), raw(b"\x30\x03\x1f\x81\x05"), raw(b"\x30\x03\x3f\x85\x01\x00"),
        raw(b"\x30\x02\x02"), raw(b"\x30\x03\x02\x85\x00"), raw(b"\x30\x10\x02\x01\x00"), raw(b""),
        raw(seq(integer(3), seq(integer(7), integer(100), tlv(4, b"\x02"), integer(3)))),
        raw(seq(integer(3), seq(integer(7), integer(100), tlv(4, b"\x01\x01"), integer(3)))),
        raw(seq(integer(3), seq(integer(7), integer(100), tlv(4, b"\x00"), integer(1)), tlv(4, b""))),
        raw(seq(integer(3), seq(integer(7), integer(100), tlv(4, b"\x07"), integer(3)), tlv(4, seq(integer(1))),
                seq(tlv(4, b""), tlv(4, b"ctx"), pdu(1, 1, 0, 0)))),
    ]


@pytest.mark.parametrize("flags", ["", "-v", "-q", "-x -vv"])
def test_snmp_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _snmp(), flags, step=1, start=42)
    if flags != "-q":
        r = "R=1 " if flags else ""
        assert f"GetRequest(39) {r} .1.3.6.1.2.1.1.1.0 .1.3.6.1.2.1.1.3.0" in got
        assert 'C="private"' in got


def _krb() -> list[bytes]:
    """Kerberos on UDP 88 and 750: v5 (ASN.1 application tags), and Kerberos 4
    messages of each kind in both byte orders, with strings cut short."""
    def krb(data: bytes, port: int = 88) -> bytes:
        udp_ = struct.pack("!HHHH", 50000, port, 8 + len(data), 0) + data
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp_), 1, 0, 64, 17, 0,
                         bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2]))
        return bytes.fromhex("0200000000020200000000010800") + ip + udp_

    names = b"alice\x00admin\x00LAB.EXAMPLE\x00"
    return [
        krb(b"\x6a\x81\x10\x30"), krb(b"\x6b\x05", 750), krb(b"\x6c\x00"), krb(b"\x01\x02"), krb(b"\x03"),
        krb(b"\x04\x02" + names + b"\x00\x00\x00\x01\x0c" + b"krbtgt\x00LAB\x00"),
        krb(b"\x04\x03" + names + b"\x00\x00\x00\x01\x0c" + b"krbtgt\x00LAB\x00"),
        krb(b"\x04\x06\x05LAB.EXAMPLE\x00\x20\x30"),
        krb(b"\x04\x04" + names + bytes(10) + b"\x01\x02"), krb(b"\x04\x05" + names + bytes(10) + b"\x01\x02"),
        krb(b"\x04\x0a" + names + bytes(4) + b"\x00\x08\x00\x00" + b"no such principal\x00"),
        krb(b"\x04\x0b" + names + bytes(4) + b"\x2a\x00\x00\x00" + b"odd\x00"),
        krb(b"\x04\x0c" + names), krb(b"\x04\x7e"), krb(b"\x04\x02al\xffice"), krb(b"\x04"),
    ]


@pytest.mark.parametrize("flags", ["", "-v", "-x", "-x -vv"])
def test_kerberos_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _krb(), flags, step=1, start=42)
    assert "192.0.2.2.88:  v5" in got or "192.0.2.2.88: [no cksum]  v5" in got
    assert " v4 be KDC_REQUEST: alice.admin@LAB.EXAMPLE 60min krbtgt.LAB" in got


def _radius() -> list[bytes]:
    """RADIUS requests, answers and accounting with every attribute craft
    names: strings, numbers and their standard values, addresses, IPv6
    prefixes, times, tunnel tags and salts, vendor attributes, EAP messages,
    location attributes; lengths that are bogus or wrong for the value."""
    from craft.fmt.tcpdump.print_radius import SMI_VENDORS

    def attr(kind: int, value: bytes, length: int | None = None) -> bytes:
        return bytes([kind, 2 + len(value) if length is None else length]) + value

    def rad(code: int, *attrs: bytes, port: int = 1812, length: int | None = None) -> bytes:
        body = b"".join(attrs)
        data = struct.pack("!BBH", code, 7, 20 + len(body) if length is None else length)
        data += bytes(range(16)) + body
        udp_ = struct.pack("!HHHH", 50000, port, 8 + len(data), 0) + data
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp_), 1, 0, 64, 17, 0,
                         bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2]))
        return bytes.fromhex("0200000000020200000000010800") + ip + udp_

    u32 = struct.Struct("!I").pack
    nums = [attr(k, u32(v)) for k, v in ((5, 7), (6, 2), (6, 99), (7, 1), (10, 3), (12, 1500), (13, 1),
            (15, 8), (15, 9), (16, 23), (23, 0xFFFFFFFE), (23, 5), (27, 59), (28, 61), (41, 3601),
            (46, 86399), (85, 0), (29, 1), (37, 0), (37, 4), (38, 0), (38, 9), (40, 3), (40, 0), (45, 4),
            (49, 23), (49, 24), (57, 2), (61, 19), (61, 44), (62, 2), (72, 4), (75, 3), (76, 1), (76, 2))]
    tagged = [attr(64, b"\x00\x00\x00\x03"), attr(65, b"\x05\x00\x00\x06"), attr(83, b"\x01\x00\x00\x09"),
              attr(83, b"\x00\x00\x01\x00"), attr(56, b"\x31\x00\x00\x64"), attr(56, b"\x33\x00\x00\x64"),
              attr(64, b"\x02\x00\x00\x20")]
    strings = [attr(1, b"alice"), attr(11, b"filter\x01x"), attr(18, b"Welcome\x00hidden"),
               attr(30, b"02-00-00-00-00-02:lab"), attr(31, b"02-00-00-00-00-01"), attr(32, b"nas1"),
               attr(44, b"0000001A"), attr(66, b"\x01198.51.100.1"), attr(67, b"\x00x"), attr(81, b"vlan100"),
               attr(82, b"\x1fid"), attr(69, b"\x02\x12\x34secret"), attr(69, b"\x40\x00\x01"), attr(69, b"\x01\x02"),
               attr(58, b"\x32lab"), attr(80, bytes(16)), attr(2, b"hidden!!"), attr(3, b"\x01chap"),
               attr(59, b"\x00\x01"), attr(96, bytes(8)), attr(102, b"key")]
    addrs = [attr(4, bytes([192, 0, 2, 1])), attr(8, b"\xff" * 4), attr(8, b"\xff\xff\xff\xfe"),
             attr(14, bytes([198, 51, 100, 1])), attr(9, bytes(3)), attr(95, bytes.fromhex("20010db8" + "00" * 11 + "01")),
             attr(98, bytes(15)), attr(97, b"\x00\x40" + bytes.fromhex("20010db8")), attr(97, b"\x00\x81"),
             attr(97, b"\x00\x80" + bytes(2)), attr(123, b"\x00\x38" + bytes.fromhex("20010db80000ab")),
             attr(97, b"\x00"), attr(97, bytes(19)), attr(124, u32(0) + u32(1 << 8 | 3)), attr(124, bytes(4)),
             attr(125, b"\x40" + bytes.fromhex("20010db8" + "00" * 12)), attr(125, b"\x90" + bytes(16)),
             attr(125, bytes(3)), attr(55, u32(1700000000)), attr(55, bytes(2))]
    odd = [attr(70, bytes(range(16))), attr(70, bytes(2)), attr(71, b"\x01\x08" + bytes(range(12))),
           attr(71, b"\x00\x08" + bytes(12)), attr(71, bytes(3)), attr(84, bytes(range(8))), attr(84, bytes(9)),
           attr(101, u32(404)), attr(101, u32(999)), attr(101, bytes(2)), attr(126, b"\x31example.org"),
           attr(126, b"\x39x"), attr(126, b"\x31"), attr(127, b"\x00\x01\x01\x00" + bytes(16) + b"dhcp"),
           attr(127, b"\x00\x01\x07\x09" + bytes(16)), attr(127, bytes(4)), attr(128, b"\x00\x02" + bytes(20)),
           attr(128, b"\x00\x02"), attr(129, b"\x80\x01" + bytes(8) + b"note"), attr(129, b"\x00\x00" + bytes(8)),
           attr(129, bytes(4)), attr(130, b"x"), attr(255, b"yy"), attr(0, b"z"), attr(17, b"u")]
    vendors = [attr(26, u32(vid) + attr(1, b"v")) for vid in [*SMI_VENDORS, 99999]]
    vendors += [attr(26, u32(9) + attr(1, b"cisco-avpair=shell:priv-lvl=15") + attr(2, b"\x00\x01\xff")),
                attr(26, u32(311) + attr(1, b"", length=1)), attr(26, u32(311) + attr(1, b"abc", length=9)),
                attr(26, u32(311) + b"\x05"), attr(26, b"\x00\x01")]
    eap = [attr(79, b"\x02\x01\x00\x0a\x01alice"), attr(79, b"\x01\x02\x00\x06\x0d\x20"),
           attr(79, b"\x02\x01\x00\x30\x01bob"), attr(79, b"\x03\x05\x00\x04")]
    return [
        rad(1, *strings[:6], *addrs[:2]), rad(2, *nums[:12]), rad(3, *nums[12:24], port=1645),
        rad(4, *nums[24:], port=1813), rad(5, *tagged, port=1646), rad(11, *strings[6:]),
        rad(12, *addrs[2:10], port=3799), rad(13, *addrs[10:], port=1700), rad(40, *odd[:12]),
        rad(43, *odd[12:]), *(rad(1, *vendors[i:i + 12]) for i in range(0, len(vendors), 12)),
        rad(1, *eap), rad(99, attr(1, b"x")), rad(1, attr(1, b"x", length=1)), rad(1, attr(1, b"x", length=40)),
        rad(1, attr(1, b"abc"), length=21), rad(1, length=19), rad(1, attr(1, b"abc"), length=200),
        rad(1, b"\x01"), rad(41), rad(255, attr(26, u32(9)), attr(26, u32(9) + b"\x01\x02")),
    ]


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-x -vv"])
def test_radius_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _radius(), flags, step=1, start=42)
    assert "RADIUS, Access-Request (1), id: 0x07 length:" in got or flags
    if flags:
        assert "User-Name Attribute (1), length: 7, Value: alice" in got
        assert "Vendor: Cisco (9)\n\t    Vendor Attribute: 1, Length: 30, Value: cisco-avpair" in got
        assert "Type Identity (1), Identity: alice" in got


def _bfd() -> list[bytes]:
    """BFD control packets v0, v1 (each state, flags, diagnostics) and v2, on
    the control, multihop, LAG and echo ports, with every authentication
    type and wrong lengths; and MPLS in UDP (port 6635)."""
    def udp(sport: int, dport: int, data: bytes) -> bytes:
        seg = struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(seg), 1, 0, 255, 17, 0,
                         bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2]))
        return bytes.fromhex("0200000000020200000000010800") + ip + seg

    def ctl(version: int, diag: int, flags: int, auth: bytes = b"", mult: int = 3) -> bytes:
        return struct.pack("!BBBBIIIII", version << 5 | diag, flags, mult, 24 + len(auth), 1, 2,
                           300000, 1000000, 0) + auth

    auths = [b"\x01\x09\x05secret", b"\x01\x03\x05", b"\x02\x18\x01\x00\x00\x00\x00\x07" + bytes(range(16)),
             b"\x03\x10\x01\x00" + bytes(12), b"\x04\x1c\x02\x00\x00\x00\x01\x00" + bytes(range(20)),
             b"\x05\x1c\x02\x00\x00\x00\x01\x00" + bytes(5), b"\x09\x04\x00\x00"]
    mpls = struct.pack("!I", 100 << 12 | 1 << 8 | 64) + bytes.fromhex("4500001c0001000040010000c6336401c6336402")
    return [
        udp(49153, 3784, ctl(1, 0, 0xC0)), udp(49154, 3784, ctl(1, 3, 0x7F)), udp(49155, 4784, ctl(1, 8, 0x40)),
        udp(49156, 6784, ctl(1, 20, 0x80)), udp(49157, 3784, ctl(0, 1, 0xFF)), udp(49158, 3784, ctl(2, 0, 0)),
        udp(49159, 3785, b"echo-data"), udp(3784, 50000, ctl(1, 0, 0xC0)), udp(49160, 3784, ctl(1, 0, 0xC0, mult=255)),
        *(udp(49161, 3784, ctl(v, 0, 0xC4, a)) for a in auths for v in (0, 1)),
        udp(49162, 3784, ctl(1, 0, 0xC4)), udp(49163, 6635, mpls), udp(49164, 6635, b"\x00"),
    ]


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-x -vv"])
def test_bfd_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _bfd(), flags, step=1, start=42)
    assert "BFDv1, Control, State Up, Flags: [none], length: 24" in got or flags
    assert "MPLS (label 100" in got


def _bcm_li() -> list[bytes]:
    """Broadcom LI shims (UDP port 49152, in Linux's ephemeral range) over
    IPv4, IPv6, Ethernet and undecided payloads, short ones, and port 49152
    against ports with a printer of their own."""
    def udp(sport: int, dport: int, data: bytes) -> bytes:
        seg = struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(seg), 1, 0, 64, 17, 0,
                         bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2]))
        return bytes.fromhex("0200000000020200000000010800") + ip + seg

    inner4 = bytes.fromhex("450000200001000040110000c6336401c633640204d2162e000c0000") + b"abcd"
    inner6 = bytes.fromhex("6000000000083a4020010db800000000000000000000000120010db8000000000000000000000002"
                           "8000000000010001")
    eth = bytes.fromhex("020000000002020000000001") + b"\x08\x00" + inner4

    def shim(direction: int, kind: int, sub: int, li: int) -> bytes:
        return struct.pack("!I", direction << 29 | kind << 25 | sub << 22 | li)

    return [
        udp(49152, 50000, shim(3, 5, 3, 42) + inner4), udp(50000, 49152, shim(3, 5, 3, 43) + inner4),
        udp(49152, 50000, shim(2, 6, 1, 7) + inner6),
        udp(49152, 50000, shim(1, 7, 2, 0x3FFFFF) + eth), udp(49152, 50000, shim(0, 4, 0, 1) + inner4),
        udp(49152, 50000, shim(7, 4, 7, 1) + inner6), udp(49152, 50000, shim(3, 4, 3, 1) + b"\x20xyz"),
        udp(49152, 50000, shim(3, 9, 3, 1) + b"zz"), udp(49152, 50000, b"\x01\x02"),
        udp(49152, 53, bytes.fromhex("12340100000100000000000003777777076578616d706c6503636f6d0000010001")),
        udp(49152, 123, bytes(48)), udp(49152, 161, b"\x30\x00"), udp(49152, 5002, b"hello"),
    ]


@pytest.mark.parametrize("flags", ["", "-v", "-x -vv"])
def test_bcm_li_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _bcm_li(), flags, step=1, start=42)
    assert "BCM-LI-SHIM: direction ingress, pkt-type ipv4, pkt-subtype untagged, li-id 42" in got


def _ntp() -> list[bytes]:
    """NTP client, server and broadcast messages of every stratum kind, with
    key ids and MACs (MD5 and SHA-1 lengths), control and private messages,
    and short ones."""
    def udp(data: bytes, sport: int = 123, dport: int = 123) -> bytes:
        seg = struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(seg), 1, 0, 64, 17, 0,
                         bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2]))
        return bytes.fromhex("0200000000020200000000010800") + ip + seg

    def msg(li_vn_mode: int, stratum: int, poll: int, precision: int, refid: bytes) -> bytes:
        ts = struct.pack("!II", 3_900_000_000, 0x80000000)
        return (bytes([li_vn_mode, stratum, poll & 0xFF, precision & 0xFF]) + struct.pack("!HHHH", 0, 0x100, 1, 2)
                + refid + ts + ts[:4] + b"\x00\x00\x00\x10" + ts + ts)

    client = msg(0x23, 0, 6, -20, bytes(4))
    return [
        udp(client, 50000), udp(msg(0x24, 1, 10, -23, b"GPS\x00")), udp(msg(0x25, 2, -3, 0, bytes([192, 0, 2, 9]))),
        udp(msg(0xE4, 16, 40, 3, bytes(4))), udp(msg(0x24, 62, 4, -6, bytes([198, 51, 100, 1]))),
        udp(msg(0x24, 63, 4, -6, bytes([198, 51, 100, 1]))), udp(msg(0x24, 252, 4, -6, bytes(4))), udp(client + struct.pack("!I", 7)),
        udp(client + struct.pack("!I", 7) + bytes(range(16))), udp(client + struct.pack("!I", 8) + bytes(range(20))),
        udp(client + bytes(9)), udp(client[:40]), udp(b"\x16\x02\x00\x01\x00\x00\x00\x00\x00\x00\x00\x04abcd"),
        udp(b"\x16\x82\x00\x01\x06\x15\x00\x00\x00\x00\x00\x30abc"), udp(b"\x17\x00\x03\x2a" + bytes(4)),
        udp(b"\x1e"), udp(client, 49152, 123),
    ]


@pytest.mark.parametrize("flags", ["", "-v", "-x -vv"])
def test_ntp_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _ntp(), flags, step=1, start=42)
    assert "NTPv4, Client, length 48" in got or "NTPv4, length 48" in got


def _dns_records() -> list[bytes]:
    """DNS queries and answers over UDP, TCP, IPv6 and mDNS: every common record
    type, DNSSEC records, EDNS(0) with each option kind (well and badly formed),
    compression pointers including a loop and one past the end."""
    from scapy.all import DNS, DNSQR, DNSRR, DNSRROPT, IP, TCP, UDP, Ether, IPv6, raw
    from scapy.layers.dns import (
        DNSRRDNSKEY,
        DNSRRDS,
        DNSRRMX,
        DNSRRNSEC,
        DNSRRRSIG,
        DNSRRSOA,
        DNSRRSRV,
        EDNS0TLV,
    )

    E = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")

    def u(d, sport: int = 53, dport: int = 50000) -> bytes:  # type: ignore[no-untyped-def]
        return raw(E / IP(src="192.0.2.1", dst="192.0.2.2") / UDP(sport=sport, dport=dport) / d)

    out = []
    out.append(u(DNS(id=1, rd=1, qd=DNSQR(qname="www.example.com", qtype="A")), 50000, 53))
    out.append(u(DNS(id=1, qr=1, aa=1, rd=1, ra=1, qd=DNSQR(qname="www.example.com"),
        an=DNSRR(rrname="www.example.com", type="CNAME", rdata="web.example.com")/DNSRR(rrname="web.example.com", rdata="192.0.2.80"),
        ns=DNSRR(rrname="example.com", type="NS", rdata="ns1.example.com"),
        ar=DNSRR(rrname="ns1.example.com", type="AAAA", rdata="2001:db8::53"))))
    out.append(u(DNS(id=2, qr=1, qd=DNSQR(qname="example.com", qtype="MX"), an=DNSRRMX(rrname="example.com", preference=10, exchange="mail.example.com"))))
    out.append(u(DNS(id=3, qr=1, qd=DNSQR(qname="example.com", qtype="TXT"), an=DNSRR(rrname="example.com", type="TXT", rdata=["v=spf1 -all", "x"]))))
    out.append(u(DNS(id=4, qr=1, rcode=3, qd=DNSQR(qname="nope.example.com"), ns=DNSRRSOA(rrname="example.com", mname="ns1.example.com", rname="admin.example.com", serial=2024010101, refresh=3600, retry=600, expire=86400, minimum=300))))
    out.append(u(DNS(id=5, qr=1, qd=DNSQR(qname="_sip._udp.example.com", qtype="SRV"), an=DNSRRSRV(rrname="_sip._udp.example.com", priority=10, weight=60, port=5060, target="sip.example.com"))))
    out.append(u(DNS(id=6, qr=1, qd=DNSQR(qname="1.2.0.192.in-addr.arpa", qtype="PTR"), an=DNSRR(rrname="1.2.0.192.in-addr.arpa", type="PTR", rdata="host.example.com"))))
    out.append(u(DNS(id=7, rd=1, qd=DNSQR(qname="example.com", qtype="A"), ar=DNSRROPT(rclass=4096, rdata=[EDNS0TLV(optcode=10, optdata=b"12345678")])), 50000, 53))
    out.append(u(DNS(id=8, qr=1, ad=1, qd=DNSQR(qname="example.com", qtype="DNSKEY"), an=DNSRRDNSKEY(rrname="example.com", flags=257, algorithm=8, publickey=b"k"*32)/DNSRRRSIG(rrname="example.com", typecovered=48, algorithm=8, labels=2, originalttl=3600, signersname="example.com", signature=b"s"*32))))
    out.append(u(DNS(id=9, qr=1, qd=DNSQR(qname="example.com", qtype="DS"), an=DNSRRDS(rrname="example.com", keytag=12345, algorithm=8, digesttype=2, digest=b"d"*32))))
    out.append(u(DNS(id=10, qr=1, qd=DNSQR(qname="a.example.com", qtype="NSEC"), an=DNSRRNSEC(rrname="a.example.com", nextname="b.example.com", typebitmaps=[1, 28]))))
    out.append(u(DNS(id=11, opcode=5, qd=DNSQR(qname="example.com", qtype="SOA"), ns=DNSRR(rrname="new.example.com", rdata="192.0.2.9")), 50000, 53))
    out.append(u(DNS(id=12, qr=1, tc=1, rcode=2, qd=DNSQR(qname="example.com", qtype=255))))
    out.append(u(DNS(id=13, qr=1, qd=DNSQR(qname="example.com", qtype="CAA"), an=DNSRR(rrname="example.com", type=257, rdata=b"\x00\x05issueca.example"))))
    out.append(u(DNS(id=14, qr=1, qd=DNSQR(qname="x.example.com", qtype="HINFO"), an=DNSRR(rrname="x.example.com", type="HINFO", rdata=b"\x03CPU\x02OS"))))
    out.append(u(DNS(id=15, qd=DNSQR(qname="printer.local", qtype="PTR", qclass=0x8001)), 5353, 5353))
    out.append(u(DNS(id=0, qr=1, aa=1, an=DNSRR(rrname="printer.local", type="A", rclass=0x8001, rdata="192.0.2.7")), 5353, 5353))
    out.append(raw(E/IPv6(src="2001:db8::1", dst="2001:db8::2")/UDP(sport=50000, dport=53)/DNS(id=16, qd=DNSQR(qname="ipv6.example.com", qtype="AAAA"))))
    d = raw(DNS(id=17, qr=1, qd=DNSQR(qname="tcp.example.com"), an=DNSRR(rrname="tcp.example.com", rdata="192.0.2.1")))
    out.append(raw(E/IP(src="192.0.2.1", dst="192.0.2.2")/TCP(sport=53, dport=50000, flags="PA", seq=1, ack=1)/(len(d).to_bytes(2, "big") + d)))
    opts = [(10, b"12345678"), (10, b"12345678abcdefgh"), (10, b"123"), (10, b"123456789"), (8, bytes.fromhex("00011800c00002")),
            (8, bytes.fromhex("00023000200107db")), (8, bytes.fromhex("0001200000")), (8, bytes.fromhex("00031800c00002")), (8, b"\x00"),
            (11, b"\x00\x64"), (11, b"\x01"), (9, b"\x00\x00\x0e\x10"), (9, b"\x01"), (12, bytes(7)), (14, b"\x00\x01\x00\x02"), (14, b"\x01"),
            (3, b"ns1"), (1, b"\x01\x02"), (2, b"ab"), (5, b"\x08\x0d"), (6, b"\x02"), (7, b"\x01"), (13, b"\x00"), (5, bytes(range(0, 18)) + b"\xfc\xfd\xfe\xff"), (6, bytes(range(6))), (7, b"\x00\x01\x02"), (13, b"\x07example\x03com\x00"), (13, b"\x05ab"), (16, b"\x00\x01"),
            (17, b"\x00\x01"), (65001, b"zz"), (4, b"")]
    for i in range(0, len(opts), 3):
        out.append(u(DNS(id=30 + i, rd=1, qd=DNSQR(qname="example.com"), ar=DNSRROPT(rclass=1232, z=0x8000, rdata=[EDNS0TLV(optcode=c, optdata=d) for c, d in opts[i:i + 3]])), 50000, 53))
    # compression pointers, a loop, and a pointer past the end
    hdr = bytes.fromhex("0012818000010001000000000377777707657861706c6503636f6d0000010001")
    out.append(u(hdr + bytes.fromhex("c00c000100010000003c0004c0000201")))
    out.append(u(bytes.fromhex("001381800001000000000000") + b"\xc0\x0c\x00\x01\x00\x01"))
    out.append(u(bytes.fromhex("001481800001000000000000") + b"\xc0\xff\x00\x01\x00\x01"))
    # RFC 2673 bit-string labels (32, 12, 3 and 256 bits), then a reserved label type
    for label in (b"\x41\x20\xc0\x00\x02\x00", b"\x41\x0c\xab\xcd", b"\x41\x03\xe0", b"\x41\x00" + bytes(range(32)),
                  b"\x42\x01"):
        out.append(u(bytes.fromhex("002381800001000000000000") + label + b"\x07example\x00\x00\x0c\x00\x01"))
    # an EDNS option longer than the record, URI records (whole, and shorter than 4 bytes)
    out.append(u(bytes.fromhex("002101000001000000000001") + b"\x07example\x03com\x00\x00\x01\x00\x01"
                 + b"\x00\x00\x29\x04\xd0\x00\x00\x80\x00\x00\x0c\x00\x0a\xff\x09" + b"12345678"))
    for rdata in (b"\x00\x0a\x00\x01https://www.example.com/", b"\x00\x01"):
        out.append(u(bytes.fromhex("002281800001000100000000") + b"\x01_\x07example\x00\x01\x00\x00\x01"
                     + b"\xc0\x0c\x01\x00\x00\x01\x00\x00\x0e\x10" + len(rdata).to_bytes(2, "big") + rdata))
    return out


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-x -vv"])
def test_dns_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _dns_records(), flags, step=1, start=42)
    assert "1* 1/1/1 CNAME web.example.com." in got or "1/1/1 www.example.com. CNAME web.example.com." in got
    if "vv" in flags:
        assert "[COOKIE 3132333435363738]" in got and "DAU RSASHA256 ECDSAP256SHA256" in got
    assert "URI 10 1 https://www.example.com/" in got
    if "vv" in flags:
        assert "\\[xc0000200/32].example." in got


def _apps() -> list[bytes]:
    """The text and small binary protocols of a lab on their well-known TCP and
    UDP ports, both directions: HTTP, FTP, SMTP, POP3, IMAP, RTSP, WHOIS, SSH,
    SIP, Redis RESP (pipelines, arrays, nulls, bad lengths), TFTP, syslog,
    NetBIOS, SSDP, LLMNR and more."""
    from scapy.all import IP, TCP, UDP, Ether, raw

    E = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")

    def tcp(sport: int, dport: int, data: bytes, flags: str = "PA") -> bytes:
        return raw(E / IP(src="192.0.2.1", dst="192.0.2.2")
                   / TCP(sport=sport, dport=dport, flags=flags, seq=1000, ack=2000) / data)

    def udp(sport: int, dport: int, data: bytes) -> bytes:
        return raw(E / IP(src="192.0.2.1", dst="192.0.2.2") / UDP(sport=sport, dport=dport) / data)

    tcp_msgs = {
        80: [b"GET /index.html HTTP/1.1\r\nHost: lab\r\n\r\n", b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
             b"POST /login HTTP/1.0\r\n", b"BREW /pot HTCPCP/1.0\r\n", b"GET / HTTP/1.1", b"\x16\x03\x01"],
        8080: [b"HEAD / HTTP/1.1\r\n\r\n"], 3128: [b"GET http://x/ HTTP/1.1\r\n"], 631: [b"POST /printers HTTP/1.1\r\n"],
        21: [b"USER anonymous\r\n", b"220 (vsFTPd 3.0.3)\r\n", b"PASS secret\r\nRETR x\r\n"],
        25: [b"EHLO lab.example\r\n", b"250-lab Hello\r\n250 OK\r\n"], 110: [b"USER alice\r\n", b"+OK ready\r\n"],
        143: [b"a1 LOGIN alice pw\r\n", b"* OK IMAP4rev1\r\n"], 554: [b"OPTIONS rtsp://x/ RTSP/1.0\r\nCSeq: 1\r\n\r\n"],
        43: [b"example.com\r\n"], 22: [b"SSH-2.0-OpenSSH_9.2p1 Debian\r\n", b"SSH-2.0-x", b"\x00\x00\x01\x0c\x0a\x14"],
        5060: [b"INVITE sip:bob@example.com SIP/2.0\r\n"],
        6379: [b"*1\r\n$4\r\nPING\r\n", b"*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n*2\r\n$3\r\nGET\r\n$3\r\nkey\r\n",
               b"+OK\r\n-ERR unknown command\r\n:1000\r\n$-1\r\n*-1\r\n*0\r\n$0\r\n\r\n", b"PING\r\nINFO server\n\r\nQUIT\r\n",
               b"$-2\r\n", b"*99999999999\r\n", b"$x\r\n", b"$5\r\nab", b"*2\r\n*1\r\n:1\r\n$2\r\nhi\r\n", b"+no end",
               b"$3\rX", b"\r\n\r\n"],
        179: [b"\xff" * 16 + b"\x00\x13\x04"], 23: [b"login: "], 139: [b"\x81\x00\x00\x44"],
        445: [b"\x00\x00\x00\x2f\xffSMBr"], 3306: [b"\x0a5.7"], 5432: [b"\x00\x00\x00\x08"],
    }
    udp_msgs = {
        69: [b"\x00\x01boot.img\x00octet\x00", b"\x00\x03\x00\x01data", b"\x00\x05\x00\x01File not found\x00",
             b"\x00\x06blksize\x001428\x00"],
        514: [b"<13>Nov 25 10:00:00 host app[1]: hello"], 5060: [b"REGISTER sip:x SIP/2.0\r\n", b"SIP/2.0 200 OK\r\n"],
        137: [bytes.fromhex("12340110000100000000000020434b41" + "41" * 30 + "0000200001")],
        138: [bytes.fromhex("1102000102030400000000")], 1900: [b"M-SEARCH * HTTP/1.1\r\n"],
        5355: [bytes.fromhex("12340000000100000000000004686f73740000010001")], 67: [bytes(240)],
        520: [b"\x01\x02\x00\x00"], 123: [bytes(48)], 1812: [bytes(20)], 161: [b"\x30\x00"],
    }
    out = []
    for port, msgs in tcp_msgs.items():
        out += [f for m in msgs for f in (tcp(50000, port, m), tcp(port, 50000, m))]
    for port, msgs in udp_msgs.items():
        out += [f for m in msgs for f in (udp(50000, port, m), udp(port, 50000, m))]
    return out


@pytest.mark.parametrize("flags", ["", "-v", "-x -vv", "-A"])
def test_lab_applications_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _apps(), flags, step=1, start=54)
    if flags != "-A":
        assert (': HTTP: GET /index.html HTTP/1.1' in got
                or 'HTTP, length: 39\n\tGET /index.html HTTP/1.1' in got)
        assert ': RESP "SET" "key" "value" "GET" "key"' in got


def _ip_layer() -> list[bytes]:
    """IP-layer variety: IGMP v1-v3, IPv4 options (RR, LSRR, SSRR, timestamp,
    router alert), fragments of both families, IPv6 routing headers (type 0
    and SRH, whose final destination the checksums use), destination options,
    jumbograms, GRE with key/sequence/checksum and Ethernet or IPv6 inside,
    IP-in-IP and 6in4 and 4in6, TCP options (SACK, TFO, MPTCP), ICMP errors,
    router advertisements, QinQ, and ARP/RARP/InARP with odd hardware."""
    import warnings

    from scapy.all import (
        ARP,
        GRE,
        ICMP,
        IGMP,
        IP,
        TCP,
        UDP,
        Dot1Q,
        Ether,
        ICMPv6EchoRequest,
        IPOption_LSRR,
        IPOption_Router_Alert,
        IPOption_RR,
        IPOption_SSRR,
        IPOption_Timestamp,
        IPv6,
        IPv6ExtHdrDestOpt,
        IPv6ExtHdrFragment,
        IPv6ExtHdrHopByHop,
        IPv6ExtHdrRouting,
        IPv6ExtHdrSegmentRouting,
        Jumbo,
        PadN,
        Raw,
        raw,
    )

    with warnings.catch_warnings():  # (scapy's contrib IGMPv3 says it is deprecated; it builds fine)
        warnings.simplefilter("ignore", DeprecationWarning)
        from scapy.contrib.igmpv3 import IGMPv3, IGMPv3gr, IGMPv3mq, IGMPv3mr

    E = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")
    I4 = IP(src="192.0.2.1", dst="192.0.2.2")
    I6 = IPv6(src="2001:db8::1", dst="2001:db8::2")
    p = []
    p.append(E/IP(src="192.0.2.1", dst="224.0.0.1")/IGMP(type=0x11, mrcode=100, gaddr="0.0.0.0"))
    p.append(E/IP(src="192.0.2.1", dst="224.0.0.251")/IGMP(type=0x16, gaddr="224.0.0.251"))
    p.append(E/IP(src="192.0.2.1", dst="224.0.0.2")/IGMP(type=0x17, gaddr="224.0.0.251"))
    p.append(E/IP(src="192.0.2.1", dst="224.0.0.1")/IGMPv3(type=0x11, mrcode=20)/IGMPv3mq(gaddr="0.0.0.0", qrv=2, qqic=125, srcaddrs=["192.0.2.9"]))
    p.append(E/IP(src="192.0.2.1", dst="224.0.0.22")/IGMPv3(type=0x22)/IGMPv3mr(records=[IGMPv3gr(rtype=4, maddr="239.1.1.1", srcaddrs=["192.0.2.5", "192.0.2.6"]), IGMPv3gr(rtype=2, maddr="239.1.1.2")]))
    p.append(E/IP(src="192.0.2.1", dst="192.0.2.2", options=[IPOption_RR(routers=["198.51.100.1", "0.0.0.0"])])/ICMP())
    p.append(E/IP(src="192.0.2.1", dst="192.0.2.2", options=[IPOption_LSRR(routers=["198.51.100.1", "198.51.100.2"])])/UDP(sport=1, dport=2))
    p.append(E/IP(src="192.0.2.1", dst="192.0.2.2", options=[IPOption_SSRR(routers=["198.51.100.1"])])/TCP(sport=1, dport=2))
    p.append(E/IP(src="192.0.2.1", dst="192.0.2.2", options=[IPOption_Timestamp(flg=1, timestamp=[1, 2], internet_address="198.51.100.1")])/ICMP())
    p.append(E/IP(src="192.0.2.1", dst="192.0.2.2", options=[IPOption_Router_Alert()])/IGMP())
    p.append(E/IP(src="192.0.2.1", dst="192.0.2.2", flags="MF", frag=0, id=77)/UDP(sport=1, dport=2)/(b"x"*40))
    p.append(E/IP(src="192.0.2.1", dst="192.0.2.2", frag=6, id=77, proto=17)/(b"y"*20))
    p.append(E/I6/IPv6ExtHdrFragment(id=5, m=1, offset=0)/UDP(sport=1, dport=2)/(b"z"*20))
    p.append(E/I6/IPv6ExtHdrFragment(id=5, m=0, offset=3, nh=17)/(b"z"*20))
    p.append(E/I6/IPv6ExtHdrRouting(addresses=["2001:db8::9", "2001:db8::a"])/ICMPv6EchoRequest())
    p.append(E/I6/IPv6ExtHdrSegmentRouting(addresses=["2001:db8::9", "2001:db8::a"])/UDP(sport=1, dport=2))
    p.append(E/I6/IPv6ExtHdrDestOpt(options=[PadN(optdata=b"\x00\x00\x00\x00")])/TCP(sport=1, dport=2))
    p.append(E/I6/IPv6ExtHdrHopByHop(options=[Jumbo(jumboplen=70000)])/UDP(sport=1, dport=2))
    p.append(E/I4/GRE(key_present=1, key=0x1234, seqnum_present=1, sequence_number=9, chksum_present=1)/IP(src="198.51.100.1", dst="198.51.100.2")/ICMP())
    p.append(E/I4/GRE(proto=0x6558)/Ether(src="02:00:00:00:00:03", dst="02:00:00:00:00:04")/ARP())
    p.append(E/I4/GRE(proto=0x86dd)/IPv6(src="2001:db8::5", dst="2001:db8::6")/ICMPv6EchoRequest())
    p.append(E/I4/IP(src="198.51.100.1", dst="198.51.100.2")/UDP(sport=1, dport=2))
    p.append(E/I4/IPv6(src="2001:db8::5", dst="2001:db8::6")/ICMPv6EchoRequest())
    p.append(E/I6/IP(src="198.51.100.1", dst="198.51.100.2")/ICMP())
    p.append(E/I4/TCP(sport=1, dport=2, flags="S", options=[("MSS", 1460), ("SAckOK", b""), ("Timestamp", (1, 0)), ("NOP", None), ("WScale", 7), (34, b"\x01\x02\x03\x04")]))
    p.append(E/I4/TCP(sport=1, dport=2, flags="A", options=[("SAck", (1000, 2000, 3000, 4000)), ("NOP", None), ("NOP", None)]))
    p.append(E/I4/TCP(sport=1, dport=2, flags="A", options=[(30, b"\x00\x81\x01\x02\x03\x04\x05\x06\x07\x08")]))
    p.append(E/I4/TCP(sport=1, dport=2, flags="A", options=[(30, b"\x20\x01\x00\x00\x00\x01\x00\x00\x00\x02")]))
    p.append(E/I4/TCP(sport=1, dport=2, flags="FPU", urgptr=5)/b"data")
    p.append(E/I4/TCP(sport=1, dport=2, flags="R")/b"reset reason")
    p.append(E/I4/ICMP(type=11, code=0)/IP(src="192.0.2.2", dst="198.51.100.9", ttl=1)/UDP(sport=33434, dport=33434))
    p.append(E/I4/ICMP(type=3, code=4, nexthopmtu=1400)/IP(src="192.0.2.2", dst="198.51.100.9")/TCP(sport=80, dport=5000))
    p.append(E/I4/ICMP(type=5, code=1, gw="192.0.2.254")/IP(src="192.0.2.2", dst="198.51.100.9")/UDP(sport=1, dport=2))
    p.append(E/I4/ICMP(type=9)/Raw(bytes.fromhex("02080708c0000201000000ffc0000202000000ff")))
    p.append(E/I4/ICMP(type=17)/Raw(bytes(4)))
    p.append(E/Dot1Q(vlan=10, prio=5)/Dot1Q(vlan=20)/I4/ICMP())
    p.append(Ether(src="02:00:00:00:00:01", dst="ff:ff:ff:ff:ff:ff", type=0x8035)/ARP(op=3))
    p.append(E/ARP(hwtype=6, op=2))
    for op in (8, 9, 10, 11, 0):
        p.append(E/ARP(op=op, hwsrc="02:00:00:00:00:01"))
    p.append(E/ARP(hwlen=8, plen=16, op=1))
    return [raw(x) for x in p]


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-x -vv", "-e"])
def test_ip_layer_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _ip_layer(), flags, step=1, start=14)
    assert "igmp v3 report" in got and "Inverse Request who-is" in got
    if "vv" in flags:
        assert "RT6 (len=4, type=0 [Deprecated], segleft=2" in got and "[icmp6 sum ok]" in got


def _icmp6() -> list[bytes]:
    """ICMPv6 as a lab sees it: router advertisements with every ND option,
    solicitations, neighbour discovery, redirects with the redirected header,
    MLDv1 and MLDv2 queries and reports, every error with its quoted packet,
    node information, echo, and mobile IPv6 discovery."""
    from scapy.all import (
        TCP,
        UDP,
        Ether,
        ICMPv6DestUnreach,
        ICMPv6EchoReply,
        ICMPv6EchoRequest,
        ICMPv6HAADRequest,
        ICMPv6MLDMultAddrRec,
        ICMPv6MLDone,
        ICMPv6MLQuery,
        ICMPv6MLQuery2,
        ICMPv6MLReport,
        ICMPv6MLReport2,
        ICMPv6MPAdv,
        ICMPv6MPSol,
        ICMPv6ND_NA,
        ICMPv6ND_NS,
        ICMPv6ND_RA,
        ICMPv6ND_Redirect,
        ICMPv6ND_RS,
        ICMPv6NDOptAdvInterval,
        ICMPv6NDOptDNSSL,
        ICMPv6NDOptDstLLAddr,
        ICMPv6NDOptHAInfo,
        ICMPv6NDOptMTU,
        ICMPv6NDOptPrefixInfo,
        ICMPv6NDOptRDNSS,
        ICMPv6NDOptRedirectedHdr,
        ICMPv6NDOptRouteInfo,
        ICMPv6NDOptSrcLLAddr,
        ICMPv6NIQueryName,
        ICMPv6NIReplyName,
        ICMPv6PacketTooBig,
        ICMPv6ParamProblem,
        ICMPv6TimeExceeded,
        IPv6,
        Raw,
        raw,
    )

    E = Ether(src="02:00:00:00:00:01", dst="33:33:00:00:00:01")
    L = IPv6(src="fe80::1", dst="ff02::1")
    p = []
    p.append(E/L/ICMPv6ND_RA(chlim=64, M=1, O=1, routerlifetime=1800, reachabletime=30000, retranstimer=1000)/ICMPv6NDOptSrcLLAddr(lladdr="02:00:00:00:00:01")/ICMPv6NDOptMTU(mtu=1500)/ICMPv6NDOptPrefixInfo(prefix="2001:db8::", prefixlen=64, validlifetime=0xffffffff, preferredlifetime=604800)/ICMPv6NDOptRDNSS(dns=["2001:db8::53", "2001:db8::54"], lifetime=300)/ICMPv6NDOptDNSSL(searchlist=["example.com", "lab.example"])/ICMPv6NDOptRouteInfo(prefix="2001:db8:1::", plen=48, prf=1)/ICMPv6NDOptAdvInterval(advint=600000)/ICMPv6NDOptHAInfo())
    p.append(E/L/ICMPv6ND_RS()/ICMPv6NDOptSrcLLAddr(lladdr="02:00:00:00:00:01"))
    p.append(E/IPv6(src="2001:db8::1", dst="ff02::1:ff00:2")/ICMPv6ND_NS(tgt="2001:db8::2")/ICMPv6NDOptSrcLLAddr(lladdr="02:00:00:00:00:01"))
    p.append(E/IPv6(src="2001:db8::2", dst="2001:db8::1")/ICMPv6ND_NA(tgt="2001:db8::2", R=0, S=1, O=1)/ICMPv6NDOptDstLLAddr(lladdr="02:00:00:00:00:02"))
    p.append(E/IPv6(src="fe80::1", dst="2001:db8::1")/ICMPv6ND_Redirect(tgt="fe80::9", dst="2001:db8::99")/ICMPv6NDOptDstLLAddr(lladdr="02:00:00:00:00:09")/ICMPv6NDOptRedirectedHdr(pkt=IPv6(src="2001:db8::1", dst="2001:db8::99")/UDP()))
    p.append(E/L/ICMPv6MLQuery(mrd=10000, mladdr="::"))
    p.append(E/IPv6(src="fe80::1", dst="ff02::fb")/ICMPv6MLReport(mladdr="ff02::fb"))
    p.append(E/IPv6(src="fe80::1", dst="ff02::2")/ICMPv6MLDone(mladdr="ff02::fb"))
    p.append(E/IPv6(src="fe80::1", dst="ff02::16")/ICMPv6MLReport2(records=[ICMPv6MLDMultAddrRec(rtype=4, dst="ff02::fb"), ICMPv6MLDMultAddrRec(rtype=1, dst="ff05::2", sources=["2001:db8::7"])]))
    p.append(E/L/ICMPv6MLQuery2(mrd=1000, mladdr="ff02::fb", S=1, QRV=2, QQIC=125, sources=["2001:db8::5"]))
    p.append(E/IPv6(src="2001:db8::1", dst="2001:db8::2")/ICMPv6PacketTooBig(mtu=1280)/IPv6(src="2001:db8::2", dst="2001:db8::9")/TCP(sport=443, dport=5000))
    p.append(E/IPv6(src="2001:db8::1", dst="2001:db8::2")/ICMPv6TimeExceeded()/IPv6(src="2001:db8::2", dst="2001:db8::9", hlim=1)/UDP(sport=5000, dport=33434))
    p.append(E/IPv6(src="2001:db8::1", dst="2001:db8::2")/ICMPv6ParamProblem(code=1, ptr=40)/IPv6(src="2001:db8::2", dst="2001:db8::9")/ICMPv6EchoRequest())
    for code in range(7):
        p.append(E/IPv6(src="2001:db8::1", dst="2001:db8::2")/ICMPv6DestUnreach(code=code)/IPv6(src="2001:db8::2", dst="2001:db8::9")/UDP(sport=5000, dport=53))
    p.append(E/IPv6(src="2001:db8::1", dst="2001:db8::2")/ICMPv6NIQueryName(data="ff02::1"))
    p.append(E/IPv6(src="2001:db8::1", dst="2001:db8::2")/ICMPv6NIReplyName(data=b"\x00\x00\x00\x3c\x04host\x00"))
    p.append(E/IPv6(src="2001:db8::1", dst="2001:db8::2")/ICMPv6EchoRequest(id=7, seq=1, data=b"ping6-data"))
    p.append(E/IPv6(src="2001:db8::1", dst="2001:db8::2")/ICMPv6EchoReply(id=7, seq=1, data=b"ping6-data"))
    p.append(E/IPv6(src="2001:db8::1", dst="2001:db8::2")/ICMPv6HAADRequest(id=9)/Raw(bytes(8)))
    p.append(E/IPv6(src="2001:db8::1", dst="2001:db8::2")/ICMPv6MPSol(id=3))
    p.append(E/IPv6(src="2001:db8::1", dst="2001:db8::2")/ICMPv6MPAdv(id=3)/ICMPv6NDOptPrefixInfo())
    return [raw(x) for x in p]


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-x -vv"])
def test_icmp6_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _icmp6(), flags, step=1, start=54)
    assert "ICMP6, router advertisement" in got and "ICMP6, multicast listener report v2" in got
    if flags:
        assert "rdnss option (25)" in got and "redirected header option (4), length 56 (7): " in got


def _ppp() -> list[bytes]:
    """PPPoE discovery (every code, text and binary tags) and sessions carrying
    PPP: LCP with each option kind, IPCP (addresses, DNS, VJ and IP header
    compression), IP6CP, CCP, BACP, CHAP, PAP, MLPPP, IPv4 and IPv6; and PPTP's
    enhanced GRE carrying PPP."""
    def pppoe(code: int, sid: int, body: bytes, etype: int = 0x8864, vt: int = 0x11,
              length: int | None = None) -> bytes:
        hdr = struct.pack("!BBHH", vt, code, sid, len(body) if length is None else length)
        frame = bytes.fromhex("020000000002020000000001") + etype.to_bytes(2, "big") + hdr + body
        return frame + bytes(max(0, 60 - len(frame)))

    def tag(kind: int, value: bytes) -> bytes:
        return struct.pack("!HH", kind, len(value)) + value

    def cp(proto: int, code: int, ident: int, data: bytes) -> bytes:
        return proto.to_bytes(2, "big") + struct.pack("!BBH", code, ident, 4 + len(data)) + data

    def opt(kind: int, value: bytes) -> bytes:
        return bytes([kind, 2 + len(value)]) + value

    lcp_opts = (opt(1, b"\x05\xd4") + opt(2, bytes(4)) + opt(3, b"\xc2\x23\x05") + opt(3, b"\xc2\x23\x81")
                + opt(3, b"\xc0\x23") + opt(3, b"\xc2\x27") + opt(3, b"\x12\x34\x00") + opt(5, b"\x12\x34\x56\x78")
                + opt(7, b"") + opt(8, b"") + opt(13, b"\x06") + opt(17, b"\x05\xdc")
                + opt(19, b"\x02\xc0\x00\x02\x01") + opt(19, b"\x03\x02\x00\x00\x00\x00\x01") + opt(19, b"\x01")
                + opt(23, b"\x00\x07") + opt(4, b"\xc0\x25") + opt(0, b"\x00\x00\x0c\x01") + opt(9, b"\x02")
                + opt(40, b"zz"))
    ipcp_opts = (opt(3, bytes([192, 0, 2, 1])) + opt(129, bytes([192, 0, 2, 53])) + opt(131, bytes(4))
                 + opt(130, bytes(4)) + opt(1, bytes(8)) + opt(2, b"\x00\x2d\x0f\x01")
                 + opt(2, b"\x00\x61\x00\x0f\x00\x0f\x00\x0a\x00\x05\x00\x28\x01\x02\x02\x02") + opt(99, b"q"))
    ipcp_bad = opt(3, b"\x01") + opt(2, b"\x00")
    ccp_opts = opt(26, b"\x78\x00") + opt(21, b"\x2f") + opt(24, b"\xa5\x03") + opt(18, bytes(4)) + opt(26, b"")
    lcp, ipcp = 0xC021, 0x8021
    ip = bytes.fromhex("450000200001000040110000c6336401c633640204d2162e000c0000") + b"abcd"
    ip6 = bytes.fromhex("6000000000083a4020010db8000000000000000000000001"
                        "20010db80000000000000000000000028000000000010001")
    session = [
        cp(lcp, 1, 1, lcp_opts), cp(lcp, 2, 1, opt(1, b"\x05\xd4")), cp(lcp, 3, 2, opt(1, b"\x05\xdc")),
        cp(lcp, 4, 3, opt(13, b"\x06")), cp(lcp, 1, 4, b""), cp(lcp, 1, 5, opt(1, b"\x05")),
        cp(lcp, 1, 6, opt(1, b"\x05\xd4") + b"\x05\x01"), cp(lcp, 9, 7, b"\x12\x34\x56\x78"),
        cp(lcp, 10, 7, b"\x12\x34\x56\x78trailing"), cp(lcp, 11, 8, b"\x00\x00\x00\x01"), cp(lcp, 5, 9, b"bye"),
        cp(lcp, 6, 9, b""), cp(lcp, 7, 10, b"\x44\x00\x00\x04"), cp(lcp, 8, 11, b"\x80\x57\x01\x02\x00\x04"),
        cp(lcp, 12, 12, b"\x00\x00\x00\x01pppd 2.4.9"), cp(lcp, 13, 13, b"\x00\x00\x00\x01\x00\x00\x0e\x10msg"),
        cp(lcp, 0, 14, b"\x00\x00\x00\x01\x00\x00\x0c\x01zz"), cp(lcp, 44, 15, b"xx"), lcp.to_bytes(2, "big") + b"\x01",
        lcp.to_bytes(2, "big") + b"\x01\x01\x00\x02", lcp.to_bytes(2, "big") + b"\x01\x01\x00\x40",
        cp(ipcp, 1, 1, ipcp_opts), cp(ipcp, 3, 1, ipcp_bad), cp(0x8057, 1, 1, opt(1, bytes(range(8))) + opt(2, b"ab")),
        cp(0x80FD, 1, 1, ccp_opts), cp(0xC02B, 1, 1, opt(1, b"\x00\x00\x00\x09") + opt(2, b"x")),
        cp(0x8281, 1, 1, b""), cp(0x8023, 2, 2, b"\x01\x02"),
        b"\xc2\x23\x01\x07\x00\x15\x10" + bytes(range(16)) + b"srv", b"\xc2\x23\x02\x07\x00\x16\x10" + bytes(16)
        + b"alice", b"\xc2\x23\x03\x07\x00\x0aWelcome"[:10], b"\xc2\x23\x04\x07\x00\x08bad!", b"\xc2\x23\x01",
        b"\xc0\x23\x01\x01\x00\x10\x05alice\x05secrt", b"\xc0\x23\x02\x01\x00\x07\x02ok", b"\xc0\x23\x03\x01\x00\x05\x00",
        b"\xc0\x23\x01\x01\x00\x05\x00", b"\xc0\x23\x01\x01\x00\x40\x05alice", b"\xc0\x23",
        b"\x00\x21" + ip, b"\x00\x57" + ip6, b"\x21" + ip, b"\x00\x3d\xc0\x05", b"\x00\xfd\x01\x02",
        b"\x02\x81" + bytes.fromhex("0006413f") + ip, b"\x12\x34\x01\x02", b"\xff\x03\x00\x21" + ip,
        b"\x80\x21", b"\x00", b"\x00\x23\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a",
    ]
    frames = [pppoe(0, 0x1234, s) for s in session]
    frames += [
        pppoe(0x09, 0, tag(0x0101, b"") + tag(0x0103, b"\x12\x34\x56\x78"), 0x8863),
        pppoe(0x07, 0, tag(0x0102, b"lab-ac") + tag(0x0101, b"internet") + tag(0x0104, bytes(16))
              + tag(0x0105, b"\x00\x00\x0d\xe9\x01\x02") + tag(0, b""), 0x8863),
        pppoe(0x19, 0, tag(0x0101, b"x" * 100) + tag(0x0120, b"\x05\xdc") + tag(0x0201, b"no service"), 0x8863),
        pppoe(0x65, 0x1234, tag(0x0110, b"relay") + tag(0x0777, b"?!"), 0x8863),
        pppoe(0xA7, 0x1234, b"", 0x8863), pppoe(0x42, 0x1, b"", 0x8863), pppoe(0x09, 0, b"", 0x8863, vt=0x22),
        pppoe(0x09, 0, tag(0x0101, b"a"), 0x8863, length=1500), pppoe(0x09, 0, tag(0x0202, b"\xff\xfe\x00a"), 0x8863),
        pppoe(0, 0x1234, b"\x00\x21" + ip, length=200),
    ]
    gre_ppp = [b"\xff\x03" + cp(lcp, 1, 1, opt(1, b"\x05\x78") + opt(5, b"\x01\x02\x03\x04")), b"\xff\x03\x00\x21" + ip,
               b"\x00\x21" + ip, b""]
    for payload in gre_ppp:
        gre = struct.pack("!HHHHI", 0x3081, 0x880B, len(payload), 7, 3) + payload
        ip4 = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(gre), 1, 0, 64, 47, 0,
                          bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2])) + gre
        frames.append(bytes.fromhex("0200000000020200000000010800") + ip4)
    return frames


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-e", "-x -vv"])
def test_pppoe_and_ppp_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _ppp(), flags, step=1, start=14)
    assert 'PPPoE PADO [AC-Name "lab-ac"] [Service-Name "internet"]' in got
    assert "PPPoE  [ses 0x1234] " in got and "LCP, Conf-Request (0x01), id 1, length 96" in got


def _l2tp() -> list[bytes]:
    """L2TPv2 on UDP 1701: control messages with every IETF AVP (mandatory,
    hidden, vendor, too short, past the end), ZLB acks, sequence and offset
    fields, data messages carrying PPP, L2F and unknown versions."""
    def udp(data: bytes) -> bytes:
        seg = struct.pack("!HHHH", 1701, 1701, 8 + len(data), 0) + data
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(seg), 1, 0, 64, 17, 0,
                         bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2]))
        return bytes.fromhex("0200000000020200000000010800") + ip + seg

    def avp(kind: int, value: bytes, flags: int = 0x8000, vendor: int = 0, length: int | None = None) -> bytes:
        n = 6 + len(value) if length is None else length
        return struct.pack("!HHH", flags | n, vendor, kind) + value

    def ctrl(*avps: bytes, ns: int = 0, nr: int = 0, length: int | None = None) -> bytes:
        body = b"".join(avps)
        n = 12 + len(body) if length is None else length
        return udp(struct.pack("!HHHHHH", 0xC802, n, 7, 0, ns, nr) + body)

    u16, u32 = struct.Struct("!H").pack, struct.Struct("!I").pack
    avps = [avp(0, u16(1)), avp(0, u16(99)), avp(1, u16(1)), avp(1, u16(2) + u16(6)), avp(1, u16(2) + u16(6) + b"bye"),
            avp(1, b"\x00"), avp(1, u16(1) + b"\x00"), avp(2, b"\x01\x00"), avp(3, u32(3)), avp(4, u32(2)), avp(5, bytes(8)),
            avp(6, u16(0x0680)), avp(7, b"lns.example"), avp(8, b"xl2tpd"), avp(9, u16(42)), avp(10, u16(4)),
            avp(11, bytes(16)), avp(12, u16(16) + b"\x02msg"), avp(13, bytes(16)), avp(14, u16(9)), avp(15, u32(5)),
            avp(16, u32(9600)), avp(17, u32(10**8)), avp(18, u32(1)), avp(19, u32(2)), avp(20, b""), avp(21, b"555"),
            avp(22, b"556"), avp(23, b"sub"), avp(24, u32(10**6)), avp(25, u32(3)), avp(26, b"\x01\x04\x05\xdc"),
            avp(29, u16(2)), avp(29, u16(9)), avp(30, b"alice"), avp(31, bytes(8)), avp(32, u16(0x0107)),
            avp(33, bytes(16)), avp(34, bytes(2) + u32(1) * 6), avp(34, bytes(10)), avp(35, bytes(2) + u32(0xFFFFFFFF) * 2),
            avp(36, bytes(4)), avp(37, b"grp"), avp(38, u32(5)), avp(39, b""), avp(46, u16(1) + u16(0xC021) + b"\x01why"),
            avp(46, b"\x00"), avp(99, b"x"), avp(7, b"hidden", flags=0xC000), avp(5, b"x", vendor=311),
            avp(3, b"\x00"), avp(5, b"\x00"), avp(6, b""), avp(12, b"\x00"), avp(13, b"\x00"), avp(15, b"\x00"),
            avp(18, b"\x00"), avp(19, b"\x00"), avp(0, b""), avp(2, b""), avp(32, b"")]
    frames = [ctrl(*avps[i:i + 6]) for i in range(0, len(avps), 6)]
    frames += [
        ctrl(), ctrl(avp(0, u16(6)), avp(7, b"x", length=5)), ctrl(avp(0, u16(6)), avp(7, b"x", length=40)),
        ctrl(avp(0, u16(6)), length=60), ctrl(length=8),
        udp(struct.pack("!HHHHH", 0x0002, 7, 9, 0xFF03, 0xC021) + b"\x09\x01\x00\x08\x12\x34\x56\x78"),
        udp(struct.pack("!HHH", 0x4002, 12, 7) + b"\x00\x09\xff\x03\x00\x21"),
        udp(struct.pack("!HHHHHHH", 0x0A02, 7, 9, 3, 4, 2, 0) + b"\xff\x03\x00\x21"
            + bytes.fromhex("450000200001000040110000c6336401c633640204d2162e000c0000") + b"abcd"),
        udp(struct.pack("!HHHH", 0x0202, 7, 9, 40)), udp(b"\x00\x01\x00\x00"), udp(b"\x00\x05\x00\x00"),
        udp(struct.pack("!HHH", 0x8002, 7, 9)), udp(struct.pack("!HHHH", 0x0102, 7, 9, 0xFF03)),
    ]
    return frames


@pytest.mark.parametrize("flags", ["", "-v", "-x -vv"])
def test_l2tp_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _l2tp(), flags, step=1, start=42)
    assert "l2tp:[TLS](7/0)Ns=0,Nr=0 *MSGTYPE(SCCRQ) *MSGTYPE(MSGTYPE-#99)" in got
    assert "*HOST_NAME(lns.example)" in got


def _ripng() -> list[bytes]:
    """RIPng on UDP 521: a full-table request, specific requests, responses
    with route tags and metrics, odd lengths, a bad version and command."""
    def udp6(data: bytes) -> bytes:
        seg = struct.pack("!HHHH", 521, 521, 8 + len(data), 0) + data
        return (bytes.fromhex("333300000009020000000001") + b"\x86\xdd"
                + struct.pack("!IHBB16s16s", 6 << 28, len(seg), 17, 255,
                              bytes.fromhex("fe800000000000000000000000000001"),
                              bytes.fromhex("ff020000000000000000000000000009")) + seg)

    def rte(prefix: str, plen: int, metric: int, tag: int = 0) -> bytes:
        import ipaddress
        return ipaddress.IPv6Address(prefix).packed + struct.pack("!HBB", tag, plen, metric)

    routes = rte("2001:db8:1::", 48, 1) + rte("2001:db8:2::", 64, 2, 5) + rte("fe80::9", 0, 255) + rte("::", 0, 0)
    return [
        udp6(b"\x01\x01\x00\x00" + rte("::", 0, 16)), udp6(b"\x01\x01\x00\x00" + rte("2001:db8::", 32, 16)),
        udp6(b"\x01\x01\x00\x00" + rte("2001:db8::", 32, 0) + rte("::", 0, 16)), udp6(b"\x02\x01\x00\x00" + routes),
        udp6(b"\x02\x01\x00\x00" + routes + b"xyz"), udp6(b"\x01\x01\x00\x00" + rte("::", 0, 16) + b"x"),
        udp6(b"\x02\x02\x00\x00" + routes), udp6(b"\x07\x01\x00\x00"), udp6(b"\x02\x01\x00"), udp6(b"\x02\x01\x00\x00"),
    ]


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-x -vv"])
def test_ripng_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _ripng(), flags, step=1, start=62)
    assert "ripng-req dump" in got and "2001:db8:2::/64 [5] (2)" in got


def _ospf3() -> list[bytes]:
    """OSPFv3 over IPv6: Hello (DR, BDR, neighbours, LLS, authentication
    trailer), DD with LSA headers, LS-Request, LS-Update with router, network,
    inter-area prefix, external, link and intra-area prefix LSAs, LS-Ack, and
    bad lengths, versions and types."""
    rid = bytes([192, 0, 2, 1])

    def ospf(kind: int, body: bytes, trailer: bytes = b"", version: int = 3, area: bytes = bytes(4),
             instance: int = 0, length: int | None = None) -> bytes:
        n = 16 + len(body) if length is None else length
        pkt = struct.pack("!BBH4s4sHBB", version, kind, n, rid, area, 0, instance, 0) + body + trailer
        ip6 = struct.pack("!IHBB16s16s", 6 << 28, len(pkt), 89, 1,
                          bytes.fromhex("fe800000000000000000000000000001"),
                          bytes.fromhex("ff020000000000000000000000000005"))
        return bytes.fromhex("333300000005020000000001") + b"\x86\xdd" + ip6 + pkt

    def lshdr(kind: int, body_len: int, age: int = 30, lsid: int = 0, seq: int = 0x80000001) -> bytes:
        return struct.pack("!HHI4sIHH", age, kind, lsid, rid, seq, 0, 20 + body_len)

    def prefix(plen: int, addr: bytes, opt: int = 0, metric: int = 10) -> bytes:
        words = (plen + 31) // 32
        return struct.pack("!BBH", plen, opt, metric) + addr[:words * 4].ljust(words * 4, b"\0")

    db8 = bytes.fromhex("20010db8000100000000000000000000")
    router = struct.pack("!I", 0x01000013) + b"".join(
        struct.pack("!BBHII4s", t, 0, 10, 5, 6, bytes([192, 0, 2, 9])) for t in (1, 2, 4))
    network = struct.pack("!I", 0x13) + rid + bytes([192, 0, 2, 9])
    inter = struct.pack("!I", 0x00000064) + prefix(64, db8) + prefix(48, db8, 0x02) + prefix(128, db8, 0x10)
    ext = struct.pack("!I", 0x07000014) + prefix(64, db8)[:2] + b"\x00\x05" + db8[:8] + db8 + rid + rid
    link = struct.pack("!I16sI", 0x01000013, bytes.fromhex("fe800000000000000000000000000001"), 2) \
        + prefix(64, db8) + prefix(0, b"")
    intra = struct.pack("!HHI4s", 2, 0x2001, 0, rid) + prefix(64, db8) + prefix(96, db8, 0x08)
    lsas = [(0x2001, router), (0x2002, network), (0x2003, inter), (0x4005, ext), (0x0008, link),
            (0x2009, intra), (0x2001, struct.pack("!I", 0) + bytes([9]) + bytes(15))]
    lsu = struct.pack("!I", len(lsas)) + b"".join(lshdr(k, len(b)) + b for k, b in lsas)
    hello = struct.pack("!IIHH4s4s", 5, 0x01000213, 10, 40, bytes([192, 0, 2, 2]), bytes([192, 0, 2, 3])) + rid + bytes([192, 0, 2, 4])
    lls = struct.pack("!HH", 0xABCD, 12) + bytes(8)
    at = struct.pack("!HHHHII", 1, 32, 0, 7, 1, 2) + bytes(16)
    dd = struct.pack("!IHBBI", 0x13, 1500, 0, 0x17, 0x1234) + lshdr(0x2001, 40) + lshdr(0x0008, 36, lsid=5)
    lsr = struct.pack("!HHI4s", 0, 0x2001, 0, rid) + struct.pack("!HHI4s", 0, 0xA009, 7, rid)
    return [
        ospf(1, hello), ospf(1, hello, lls + at), ospf(1, struct.pack("!IIHH4s4s", 5, 0x13, 10, 40, bytes(4), bytes(4))),
        ospf(2, dd), ospf(2, struct.pack("!IHBBI", 0x213, 1500, 0, 0x07, 1), lls), ospf(3, lsr), ospf(4, lsu),
        ospf(5, lshdr(0x2001, 40) + lshdr(0x2009, 52)), ospf(5, lshdr(0x2001, 40) + lshdr(0x2009, 52), at),
        ospf(4, struct.pack("!I", 1) + lshdr(0x2003, 8) + struct.pack("!I", 1) + b"\x99\x00\x00\x01"),
        ospf(4, struct.pack("!I", 2) + lshdr(0x2001, 4) + struct.pack("!I", 0)), ospf(5, lshdr(0x2001, 40)[:18] + b"\x00\x02"),
        ospf(1, hello, version=2), ospf(9, b""), ospf(1, hello, area=bytes([0, 0, 0, 1]), instance=2),
        ospf(1, hello, length=200), ospf(5, lshdr(0x2001, 0), b"\x00\x01\x00\x08"),
    ]


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-x -vv"])
def test_ospf3_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _ospf3(), flags, step=1, start=70)
    assert "OSPFv3, Hello, length" in got
    if "vv" in flags:
        assert "Intra-Area Prefix LSA (9), Area Local Scope" in got


def _stp() -> list[bytes]:
    """Spanning tree BPDUs in 802.2 LLC: 802.1D config and TCN, RSTP, MSTP with
    no, one and three MSTIs (a named region, a NUL-less name, odd v3len), SPB
    with its agreement fields, and the invalid ones (v1 length set, v3len or
    v4len longer than the BPDU)."""
    def llc(bpdu: bytes) -> bytes:
        body = b"\x42\x42\x03" + bpdu
        return (bytes.fromhex("0180c2000000020000000001") + len(body).to_bytes(2, "big")
                + body)

    def bid(prio: int, last: int) -> bytes:
        return struct.pack("!H", prio) + bytes([2, 0, 0, 0, 0, last])

    def head(ver: int, typ: int, flags: int, v1: int = 0) -> bytes:
        return (struct.pack("!HBBB", 0, ver, typ, flags) + bid(0x8000, 9) + struct.pack("!I", 20000)
                + bid(0x9001, 1) + struct.pack("!HHHHHB", 0x8002, 256, 5120, 512, 3840, v1))

    def msti(n: int, flags: int) -> bytes:
        return bytes([flags]) + bid(0x8000 | n, n % 256) + struct.pack("!IBBB", 100 * n, 0x80, 0x90, 19)

    def mstp(ver: int, name: bytes, mstis: list[bytes], v1: int = 0, extra: int = 0,
             tail: bytes = b"") -> bytes:
        cfg = b"\x00" + name.ljust(32, b"\0")[:32] + struct.pack("!H", 7) + bytes(range(16, 32))
        cist = struct.pack("!I", 2000) + bid(0x7000, 3) + b"\x14"
        body = cfg + cist + b"".join(mstis)
        return head(ver, 2, 0x7C, v1) + struct.pack("!H", len(body) + extra) + body + tail

    spb = (struct.pack("!H", 85) + b"\x01" + b"spb-region".ljust(32, b"\0") + struct.pack("!H", 3)
           + bytes(range(0x40, 0x50)) + bytes([0xDC, 0, 0x21, 0x43]) + struct.pack("!H", 12)
           + bytes(8) + bytes(range(0xA0, 0xB4)))
    frames = [head(0, 0, 0x81), head(0, 0x80, 0)[:4], head(2, 2, 0x3E), head(0, 2, 0x3C),
              mstp(3, b"region-1", []), mstp(3, b"lab\x01\xffregion" * 4, [msti(1, 0x7C)]),
              mstp(3, b"r", [msti(1, 0x01), msti(2, 0xB8), msti(4095, 0)]),
              mstp(3, b"r", [msti(1, 0x01)], extra=-5), mstp(3, b"r", [msti(1, 0x01)], v1=1),
              mstp(3, b"r", [], extra=40), mstp(3, b"r", [msti(3, 0x20)], tail=b"trailing"),
              mstp(4, b"spb", [msti(1, 0x20)], tail=spb), mstp(4, b"spb", [], tail=spb[:60]),
              mstp(4, b"spb", [], tail=b"\x00\x10" + spb[2:]), mstp(2, b"w", [])]
    return [llc(f) for f in frames]


@pytest.mark.parametrize("flags", ["", "-v", "-x -vv", "-e"])
def test_stp_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _stp(), flags, step=1, start=17)
    assert "STP 802.1s, Rapid STP, CIST Flags [Learn, Forward, Agreement], length 102" in got
    if "v" in flags:
        assert "MSTI 4095, Flags [none], port-role Unknown" in got
        assert "Edge count 12, Agreement digest a0a1a2" in got


# Every UDP port tcpdump 4.99 hands to an application printer that craft has.
_UDP_APP_PORTS = (53, 5353, 69, 67, 68, 520, 161, 162, 123, 88, 750, 1701, 521, 546, 547, 1812,
                  1813, 1645, 1646, 1700, 3799, 1985, 49152, 3784, 4784, 6784, 5060, 514, 4789,
                  6081, 6635, 496, 8472, 4790, 319, 320, 6343, 500, 4500, 7500, 8500, 646, 3503,
                  6696, 6697)


def _udp_port_choice() -> list[bytes]:
    """One datagram for each ordered pair of application ports (and each
    port against a port with no application, both ways): which printer
    tcpdump picks when the two ports name different ones, and which ports
    count only as source (Broadcom LI) or only as destination (HSRP, BFD)."""
    eth4 = bytes.fromhex("020000000002020000000001") + b"\x08\x00"
    data = bytes([0x01, 0x02, 0x00, 0x20]) + bytes(range(0x41, 0x41 + 36))
    pairs = [(a, b) for a in (*_UDP_APP_PORTS, 40000) for b in (*_UDP_APP_PORTS, 40000) if a != b]
    return [eth4 + _ip4(17, struct.pack("!HHHH", a, b, 8 + len(data), 0) + data) for a, b in pairs]


@pytest.mark.parametrize("flags", ["", "-v"])
def test_udp_port_choice_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _udp_port_choice(), flags, step=1, start=10**6)
    assert "Geneve, Flags [R5]" in got and "BCM-LI-SHIM" in got and "HSRPv1" in got


_TCP_APP_PORTS = (23, 25, 43, 179, 1723, 6379, 22, 6633, 6653, 21, 80, 8080, 554, 8554, 53, 639, 323, 646,
                  5060)


def _tcp_port_choice() -> list[bytes]:
    """A segment for each ordered pair of TCP application ports, carrying an
    HTTP request, an SSH banner or Telnet options: which printer tcpdump
    picks when the two ports name different ones."""
    eth4 = bytes.fromhex("020000000002020000000001") + b"\x08\x00"
    payloads = (b"GET / HTTP/1.1\r\nHost: x\r\n\r\n\xff\xfb\x01", b"SSH-2.0-OpenSSH_9.6\r\n",
                b"\xff\xfb\x01\xff\xfd\x03login: ")
    ports = (*_TCP_APP_PORTS, 40000)
    return [eth4 + _ip4(6, struct.pack("!HHIIBBHHH", a, b, 1, 1, 0x50, 0x18, 512, 0, 0) + data)
            for data in payloads for a in ports for b in ports if a != b]


@pytest.mark.parametrize("flags", ["", "-v"])
def test_tcp_port_choice_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _tcp_port_choice(), flags, step=1, start=10**6)
    assert "SMTP" in got and "SSH-2.0-OpenSSH_9.6" in got and "WHOIS" in got


def _icmp_quoting_long() -> list[bytes]:
    """ICMP errors quoting a whole UDP or TCP datagram longer than the
    128-byte original-datagram field (so tcpdump -v looks for RFC 4884
    extensions after it)."""
    eth4 = bytes.fromhex("020000000002020000000001") + b"\x08\x00"
    udp = _ip4(17, struct.pack("!HHHH", 40000, 500, 188, 0) + bytes(180), src=bytes([192, 0, 2, 2]),
               dst=bytes([192, 0, 2, 1]))
    tcp = _ip4(6, struct.pack("!HHIIBBHHH", 40000, 80, 1, 1, 0x50, 0x18, 512, 0, 0) + bytes(150),
               src=bytes([192, 0, 2, 2]), dst=bytes([192, 0, 2, 1]))
    return [eth4 + _ip4(1, struct.pack("!BBHI", t, c, 0, 0) + inner)
            for t, c in ((3, 3), (11, 0)) for inner in (udp, tcp)]


@pytest.mark.parametrize("flags", ["", "-v", "-x -vv"])
def test_icmp_quoting_long_datagrams_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _icmp_quoting_long(), flags, step=1, start=34)
    assert "ICMP 192.0.2.1 udp port 500 unreachable, length 216" in got
    if "v" in flags:
        assert "192.0.2.2.40000 > 192.0.2.1.500" in got and " [|udp] [|icmp]" in got
