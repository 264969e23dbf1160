"""BGP Updates, Opens, Notifications and Route-Refreshes beyond the basics
(extended and large communities, PMSI tunnel, AIGP, labeled, VPN, route-target,
multicast-VPN and L2VPN NLRI, capabilities, Cease data, ORF), compared line for
line with the tcpdump installed here, each frame whole and cut at every byte."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from test_tcpdump_differential import _cut_and_compare, _ip4

_ETH = bytes.fromhex("020000000002020000000001") + b"\x08\x00"


def _seg(*msgs: bytes) -> bytes:
    tcp = struct.pack("!HHIIBBHHH", 40000, 179, 1, 1, 0x50, 0x18, 8192, 0, 0)
    return _ETH + _ip4(6, tcp + b"".join(msgs))


def _msg(kind: int, body: bytes = b"") -> bytes:
    return b"\xff" * 16 + struct.pack("!HB", 19 + len(body), kind) + body


def _attr(flags: int, kind: int, value: bytes) -> bytes:
    if flags & 0x10:
        return struct.pack("!BBH", flags, kind, len(value)) + value
    return struct.pack("!BBB", flags, kind, len(value)) + value


def _update(attrs: bytes, nlri: bytes = b"") -> bytes:
    return _msg(2, b"\x00\x00" + struct.pack("!H", len(attrs)) + attrs + nlri)


def _ext(kind: int, value: bytes) -> bytes:
    return struct.pack("!H", kind) + value


def _ext_communities() -> list[bytes]:
    ip = bytes([192, 0, 2, 9])
    comms = [
        _ext(0x0002, struct.pack("!HI", 65001, 100)), _ext(0x0102, ip + b"\x00\x07"),
        _ext(0x0202, struct.pack("!IH", 4200000001, 5)), _ext(0x0003, struct.pack("!HI", 65002, 7)),
        _ext(0x0103, ip + b"\x01\x00"), _ext(0x0203, struct.pack("!IH", 70000, 9)),
        _ext(0x4004, struct.pack("!Hf", 65001, 125000000.0)), _ext(0x4300, bytes(5) + b"\x02"),
        _ext(0x4300, b"\x00\x00\x01\x00\x00\x01"), _ext(0x4300, bytes(5) + b"\x07"),
        _ext(0x0005, ip + b"\x00\x00"), _ext(0x0105, ip + b"\x00\x00"), _ext(0x0205, ip + b"\x00\x01"),
        _ext(0x8005, ip + b"\x00\x00"), _ext(0x0306, ip + b"\x05\x01"), _ext(0x0306, ip + b"\x07\x00"),
        _ext(0x0306, ip + b"\x01\x00"), _ext(0x0306, ip + b"\x63\x01"), _ext(0x8000, ip + b"\x81\x00"),
        _ext(0x030C, b"\x00\x00\x00\x00\x00\x08"), _ext(0x030C, b"\x00\x00\x00\x00\x00\x63"),
        _ext(0x0107, ip + b"\x00\x00"), _ext(0x8001, ip + b"\x00\x00"),
        _ext(0x0009, b"\xfd\xe9\x00\x00\x00\x00"), _ext(0x010B, ip + b"\x00\x03"),
        _ext(0x000A, struct.pack("!HI", 65003, 3)), _ext(0xF10A, ip + b"\x00\x04"),
        _ext(0x8800, b"\x01\x02\x03\x04\x05\x06"), _ext(0x8805, b"\x01\x02\x03\x04\x05\x06"),
        _ext(0x0000, b"\x01\x02\x03\x04\x05\x06"), _ext(0x4004, b"\x00\x01\xff\xc0\x00\x01"),
        _ext(0x4004, b"\x00\x01\x7f\x80\x00\x00"), _ext(0x4004, b"\x00\x01\x00\x00\x00\x01"),
        _ext(0x4004, b"\x00\x01\x7f\x7f\xff\xff"), _ext(0x4004, b"\x00\x01\xff\x7f\xff\xff"), _ext(0xC0FF, b"\xaa\xbb\xcc\xdd\xee\xff"),
    ]
    l2 = [_ext(0x800A, bytes([enc, 0x0F]) + struct.pack("!HH", 1500, 0)) for enc in
          [*range(0, 48), 0x40, 0x41]]
    return [
        _seg(_update(_attr(0xC0, 16, b"".join(comms[:16])))),
        _seg(_update(_attr(0xD0, 16, b"".join(comms[16:])))),
        _seg(_update(_attr(0xD0, 16, b"".join(l2)))),
        _seg(_update(_attr(0xC0, 16, b"\x00\x02\x01"))),
        _seg(_update(_attr(0xC0, 16, b""))),
    ]


def _other_attrs() -> list[bytes]:
    ip, ip2 = bytes([192, 0, 2, 9]), bytes([232, 1, 1, 1])
    pmsi = [_attr(0xC0, 22, bytes([f, t]) + b"\x00\x01\x01" + body) for f, t, body in [
        (0, 1, ip + b"\x00\x00\x00\x07"), (1, 2, ip + b"\x00\x00\x01\x00"), (0, 3, ip + ip2),
        (0, 4, ip + ip2), (0, 5, ip + ip2), (0, 6, ip), (0, 7, ip + b"\x00\x00\x00\x09"),
        (0x81, 9, b"\x01\x02\x03"), (0, 0, b"")]]
    aigp = [_attr(0x80, 26, b"\x01\x00\x0b" + struct.pack("!Q", 1000)),
            _attr(0x80, 26, b"\x02\x00\x05ab" + b"\x01\x00\x0b" + struct.pack("!Q", 7)),
            _attr(0x80, 26, b"\x01\x00\x02"), _attr(0x80, 26, b"\x01\x00\x0a" + bytes(7)),
            _attr(0x80, 26, b"\x01\x00\x20" + bytes(8)), _attr(0x80, 26, b"\x01\x00")]
    large = [_attr(0xC0, 32, struct.pack("!III", 65001, 1, 2) + struct.pack("!III", 4200000000, 3, 4)),
             _attr(0xC0, 32, bytes(11))]
    inner = _attr(0x40, 1, b"\x02") + _attr(0xC0, 16, _ext(0x0002, struct.pack("!HI", 1, 2)))
    sets = [_attr(0x80, 128, struct.pack("!I", 65001) + inner),
            _attr(0x80, 128, struct.pack("!I", 4200000000) + _attr(0x00, 128, b"\x00\x00\x00\x01" + inner)),
            _attr(0x80, 128, struct.pack("!I", 1) + b"\x40"), _attr(0x80, 128, struct.pack("!I", 1) + b"\x50\x01\x00"),
            _attr(0x80, 128, struct.pack("!I", 1) + b"\x40\x01\x05\x00"), _attr(0x80, 128, b"\x00\x01"),
            _attr(0xD0, 128, struct.pack("!I", 7) + _attr(0x50, 1, b"\x00"))]
    return [_seg(_update(a)) for a in pmsi + aigp + large + sets]


def _reach(afi: int, safi: int, nexthop: bytes, nlri: bytes, snpa: bytes = b"\x00") -> bytes:
    return _attr(0x90, 14, struct.pack("!HBB", afi, safi, len(nexthop)) + nexthop + snpa + nlri)


def _unreach(afi: int, safi: int, nlri: bytes) -> bytes:
    return _attr(0x90, 15, struct.pack("!HB", afi, safi) + nlri)


def _rds() -> list[bytes]:
    return [struct.pack("!HHI", 0, 65001, 42), b"\x00\x01" + bytes([192, 0, 2, 7]) + b"\x00\x09",
            struct.pack("!HIH", 2, 4200000001, 11), b"\x00\x07" + bytes(6)]


def _mp_families() -> list[bytes]:
    ip, ip6 = bytes([192, 0, 2, 1]), bytes.fromhex("20010db8000000000000000000000001")
    ll6 = bytes.fromhex("fe800000000000000000000000000001")
    lab, nobos = b"\x00\x10\x01", b"\x00\x20\x00"
    rd = _rds()
    labeled4 = (bytes([48]) + lab + b"\x0a\x01\x02" + bytes([45]) + nobos + b"\x0a\x01\x02\xff"
                + bytes([24]) + lab)
    labeled6 = bytes([24 + 64]) + lab + ip6[:8] + bytes([24 + 128]) + lab + ip6 + bytes([24 + 129]) + lab
    vpn4 = b"".join(bytes([88 + 24]) + lab + r + b"\x0a\x09\x08" for r in rd) + bytes([88 + 27]) + nobos + rd[0] \
        + b"\x0a\x09\x08\xff" + bytes([88]) + lab + rd[1] + bytes([87]) + lab
    vpn6 = bytes([88 + 64]) + lab + rd[0] + ip6[:8] + bytes([88 + 128]) + lab + rd[2] + ip6 + bytes([88 + 129])
    rtc = (b"\x00" + bytes([32]) + struct.pack("!I", 65001) + bytes([96]) + struct.pack("!I", 65001)
           + struct.pack("!HHI", 2, 65002, 100) + bytes([96]) + struct.pack("!I", 7) + b"\x01\x02" + ip + b"\x00\x05"
           + bytes([96]) + struct.pack("!I", 7) + struct.pack("!HIH", 0x0202, 4200000002, 3)
           + bytes([96]) + struct.pack("!I", 7) + struct.pack("!HIH", 0x0309, 1, 3)
           + bytes([40]) + struct.pack("!I", 7) + b"\x00" + bytes([61]) + struct.pack("!I", 7) + b"\x00\x02\xfd\xef"
           + bytes([20]))
    g4 = bytes([232, 1, 1, 1])
    sg = b"\x20" + ip + b"\x20" + g4
    mvpn = b"".join([
        b"\x01\x0c" + rd[0] + ip, b"\x01\x18" + rd[1] + ip6, b"\x01\x0a" + rd[0] + b"\x01\x02",
        b"\x02\x0c" + rd[2] + struct.pack("!I", 65001),
        b"\x03" + bytes([8 + 10 + 4]) + rd[0] + sg + ip, b"\x04\x03abc",
        b"\x05" + bytes([8 + 10]) + rd[1] + sg, b"\x06" + bytes([12 + 10]) + rd[0] + struct.pack("!I", 1) + sg,
        b"\x07" + bytes([12 + 2]) + rd[0] + struct.pack("!I", 2) + b"\x00\x00", b"\x09\x01z",
        b"\x01\x03" + rd[0], b"\x07\x07" + rd[1] + struct.pack("!I", 3)])
    mdt = bytes([128]) + rd[0] + ip + bytes([239, 1, 1, 1]) + bytes([120]) + rd[0]
    l2 = (struct.pack("!H", 12) + rd[0] + ip + struct.pack("!H", 17 + 8) + rd[1] + struct.pack("!HH", 3, 0)
          + b"\x01\x00\x81" + b"\x01\x00\x10\xab\xcd" + b"\x05\x00\x08" + struct.pack("!H", 18) + rd[0]
          + b"\x00\x01\x00\x02\x00\x10\x01" + b"\x01\x00")
    nsap = bytes.fromhex("47000580ffff0000000001")
    add4 = struct.pack("!I", 1) + b"\x18\x0a\x00\x01" + struct.pack("!I", 2) + b"\x00"
    add6 = struct.pack("!I", 9) + b"\x30" + ip6[:6] + struct.pack("!I", 10) + b"\x00"
    reach = [
        _reach(1, 4, ip, labeled4), _reach(2, 4, ip6 + ll6, labeled6), _reach(1, 4, ip, b"\x30\x00"),
        _reach(1, 128, rd[0] + ip, vpn4), _reach(2, 128, rd[1] + ip6, vpn6), _reach(1, 129, ip, b""),
        _reach(2, 130, rd[0] + ip6 + rd[0] + ll6, b""), _reach(1, 132, ip, rtc),
        _reach(1, 5, ip, mvpn), _reach(196, 128, ip, l2[:14]), _reach(196, 130, ip + b"\x01", b""),
        _reach(1, 5, ip, b"\x03" + bytes([8 + 34 + 16]) + rd[2] + b"\x80" + ip6 + b"\x80" + ll6 + ip6),
        _reach(1, 5, ip, b"\x06" + bytes([12 + 34]) + rd[2] + struct.pack("!I", 4294967295) + b"\x80" + ip6
               + b"\x80" + ll6), _reach(1, 66, ip, mdt), _reach(25, 65, ip, l2), _reach(25, 128, ip + ip, l2[:14]),
        _reach(25, 65, b"\x01\x02", struct.pack("!H", 9) + bytes(9)),
        _reach(3, 1, nsap, bytes([88]) + b"\x00\x00\x00" + nsap + bytes([160])),
        _reach(3, 128, rd[0] + bytes.fromhex("470006010a000001"), bytes([88 + 40]) + lab + rd[0] + nsap[:5]),
        _reach(3, 128, rd[0] + bytes.fromhex("35000020010db8000000000000000000000001"), b""),
        _reach(3, 128, rd[0], b""),
        _reach(1, 1, ip, add4), _reach(2, 1, ip6, add6), _reach(1, 2, ip, struct.pack("!I", 1) + b"\x21\x00\x00"),
        _reach(1, 1, ip, b"\x18\x0a\x00\x01", snpa=b"\x02\x02ab\x00"),
        _reach(2, 5, ip6, b"\x01"), _reach(25, 70, ip, b"\x01"), _reach(16388, 1, ip, b""),
    ]
    unreach = [_unreach(1, 4, labeled4), _unreach(2, 4, labeled6), _unreach(1, 128, vpn4),
               _unreach(2, 128, vpn6), _unreach(1, 132, rtc), _unreach(1, 5, mvpn), _unreach(1, 66, mdt),
               _unreach(25, 65, l2), _unreach(1, 128, b""), _unreach(1, 1, add4), _unreach(3, 2, b"\x08\x49")]
    plain = [_msg(2, struct.pack("!H", len(add4)) + add4 + b"\x00\x00"),
             _msg(2, b"\x00\x00\x00\x04" + _attr(0x40, 1, b"\x00") + add4)]
    return [_seg(_update(a)) for a in reach + unreach] + [_seg(m) for m in plain]


def _cap(kind: int, value: bytes) -> bytes:
    return bytes([kind, len(value)]) + value


def _open(*params: bytes, my_as: int = 65001) -> bytes:
    opts = b"".join(params)
    return _msg(1, struct.pack("!BHH4sB", 4, my_as, 90, bytes([192, 0, 2, 1]), len(opts)) + opts)


def _caps(*caps: bytes) -> bytes:
    body = b"".join(caps)
    return bytes([2, len(body)]) + body


def _opens() -> list[bytes]:
    caps = [
        _cap(1, b"\x00\x01\x00\x80"), _cap(1, b"\x00\x02\x00\x04"), _cap(1, b"\x40\x04\x00\x46"), _cap(2, b""),
        _cap(3, b"\x00\x01\x00\x01\x01\x40\x03"), _cap(4, b"\x00\x01\x01"), _cap(5, b"\x00\x01\x00\x01\x00\x02"),
        _cap(6, b""), _cap(7, b"\x88\x00\x01"), _cap(8, b"\x00\x01\x04\x02\x00\x02\x04\x05"), _cap(9, b"\x03"),
        _cap(64, b"\xc0\x78\x00\x01\x01\x80\x00\x02\x01\x00"), _cap(64, b"\x40\x05"), _cap(64, b"\x00\x00\x00"),
        _cap(65, struct.pack("!I", 4200000001)), _cap(67, b"\x01\x02"), _cap(68, b"\x00"),
        _cap(69, b"\x00\x01\x01\x03\x00\x02\x01\x01\x00\x01\x80\x02\x00\x01\x01\x07"), _cap(69, b""),
        _cap(69, b"\x00\x01\x01"), _cap(70, b""), _cap(71, b"\x00\x01\x01\x80\x00\x00\x10"), _cap(128, b""),
        _cap(73, b"\x04host\x03lab"), _cap(99, b"\x01\x02\x03"),
    ]
    return [
        _seg(_open(_caps(*caps[:12]))), _seg(_open(_caps(*caps[12:]))),
        _seg(_open(b"\x01\x03abc", b"\x07\x00", _caps(_cap(2, b"")), my_as=23456)),
        _seg(_open(_caps(_cap(1, b"\x00\x01")))), _seg(_open(_caps(_cap(64, b"\x80")))),
        _seg(_open(_caps(_cap(65, b"\x00\x01")))), _seg(_open(_caps(_cap(9, b"")))),
        _seg(_open(_caps(_cap(7, b"\x00\x00")))), _seg(_open(b"\x02\x09" + _cap(2, b""))),
        _seg(_open(b"\xff\xff\x00\x08" + b"\x02\x00\x04" + _cap(2, b"") + _cap(70, b""))),
        _seg(_open(_caps(_cap(1, b"\x00\x01"), _cap(2, b"")), _caps(_cap(65, b"\x00\x00\xfd\xe9")))),
        _seg(_open(b"\x02\x02\x09\xc8")),
        _seg(_msg(1, struct.pack("!BHH4sB", 4, 1, 90, bytes(4), 8) + b"\x02\x02\x09\xc8")),
    ]


def _notifications() -> list[bytes]:
    shut = b"\x0ebye, see you \xff"
    bodies = [bytes([major, minor]) for major in range(1, 10) for minor in range(0, 13)]
    cease = [b"\x06\x01\x00\x01\x01\x00\x00\x03\xe8", b"\x06\x01\x00\x02", b"\x06\x02" + shut,
             b"\x06\x02" + shut + b"tail", b"\x06\x02\x00", b"\x06\x02\x00zz", b"\x06\x04\x30short",
             b"\x06\x04" + shut, b"\x06\x09\x06\x02\x05hello", b"\x06\x09\x04\x00", b"\x06\x09\x03",
             b"\x06\x03\x01\x02", b"\x02\x02\xfd\xe9", b"\x01\x02\x00\x05", b"\x07\x01abc"]
    return [_seg(*(_msg(3, b) for b in bodies[i:i + 13])) for i in range(0, len(bodies), 13)] + \
        [_seg(_msg(3, b)) for b in cease]


def _route_refreshes() -> list[bytes]:
    return [_seg(_msg(5, b)) for b in (
        b"\x00\x01\x00\x01", b"\x00\x02\x01\x80", b"\x00\x01\x02\x04", b"\x00\x19\x07\x41",
        b"\x00\x01\x00\x01" + b"\x01\x40\x00\x07" + b"\x00\x00\x00\x00\x0a\x18\x0a",
        b"\x00\x01\x00\x01" + b"\x02\x41\x00\x00", b"\x00\x01\x00\x01\x09\x09\x00\x00\x00",
        b"\x00\x01\x00\x01\x01", b"\x00\x01\x00")] + [_seg(_msg(5, b"\x00\x01\x00"), _msg(4), _msg(5, b""), _msg(4))]


def _bgp_vpn() -> list[bytes]:
    """Messages whose parts craft once dumped in hex."""
    return (_ext_communities() + _other_attrs() + _mp_families() + _opens() + _notifications()
            + _route_refreshes())


@pytest.mark.parametrize("flags", ["", "-v", "-vv", "-x -vv"])
def test_bgp_vpn_as_tcpdump(tmp_path: Path, flags: str) -> None:
    got = _cut_and_compare(tmp_path, _bgp_vpn(), flags, step=1, start=42)
    if "v" not in flags:
        return
    for text in ("target (0x0002), Flags [none]: 65001:100 (= 0.0.0.100)",
                 "link-BW (0x4004), Flags [non-transitive]: bandwidth: 1000.000 Mbps",
                 "metric-type:E2E1", "layer2-info (0x800a), Flags [vendor-specific]: Ethernet Raw Mode",
                 "Tunnel type: VXLAN", "unknown extd community typecode (0xc0ff)",
                 "Extended-Tunnel-ID 192.0.2.9, P2MP-ID 0x00000007", "AIGP TLV (1), length 11, metric 1000",
                 "65001:1:2, 4200000000:3:4", "Origin AS: 65001",
                 "10.1.2.0/24, label:256 (bottom)",
                 "RD: 4200000001:11 (250.86.234.1:11), 10.9.8.0/24, label:256 (bottom)",
                 "nexthop: RD: 192.0.2.7:9, 2001:db8::1, nh-length: 24",
                 "origin AS: 7, route-target: 192.0.2.1:5/64 (0102 c000 0201 0005)",
                 "Route-Type: Source-Active (5), length: 18, RD: 192.0.2.7:9, Source 192.0.2.1, Group 232.1.1.1",
                 "MC Group Address: 239.1.1.1", "circuit status vector (1) length: 16: 0xabcd",
                 "10.0.1.0/24   Path Id: 1", "SAFI labeled Unicast (4), Count: 5",
                 'Shutdown Communication (length: 14): "bye, see you M-^?"',
                 "Max Prefixes: 1000"):
        assert text in got, text
