"""The tcpdump-style printer on 100,000 random and mutated frames: truncated
headers, lying lengths, IHL and data offsets below their minimum, option
lengths of 0, 1 and 255, random bytes, every link type. Each frame gives
a non-empty text quickly, and no printer bug is caught (Printer.fallbacks)."""

from __future__ import annotations

import random
import struct
import time

from craft.fmt.tcpdump import LINKTYPES, Printer, PrintOptions
from craft.layers.base import inet_checksum


def _ipv4(proto: int, payload: bytes, options: bytes = b"") -> bytes:
    ihl = (20 + len(options)) // 4
    h = struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, 0, 20 + len(options) + len(payload), 1, 0x4000,
                    64, proto, 0, bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2])) + options
    h = h[:10] + inet_checksum(h).to_bytes(2, "big") + h[12:]
    return h + payload


def _ipv6(nh: int, payload: bytes) -> bytes:
    return struct.pack("!IHBB16s16s", 0x60000000, len(payload), nh, 64,
                       bytes.fromhex("20010db8" + "0" * 23 + "1"),
                       bytes.fromhex("20010db8" + "0" * 23 + "2")) + payload


ETH4 = bytes.fromhex("020000000002020000000001") + b"\x08\x00"
ETH6 = bytes.fromhex("333300000001020000000001") + b"\x86\xdd"
TCP_OPTS = bytes.fromhex("020405b40402080a0000000100000000010303070101050a0000000100000002")
TCP = struct.pack("!HHIIBBHHH", 40000, 80, 1, 2, (5 + len(TCP_OPTS) // 4) << 4, 0x18, 512, 0,
                  0) + TCP_OPTS + b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"
UDP = struct.pack("!HHHH", 1234, 5678, 13, 0) + b"hello"
ICMP_ERR = bytes([3, 3, 0, 0, 0, 0, 0, 0]) + _ipv4(17, UDP)
IP_OPTS = bytes([7, 7, 4, 192, 0, 2, 9, 68, 12, 5, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0])
HBH = bytes([58, 1, 5, 2, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0])
RA = (bytes([134, 0, 0, 0, 64, 0xC0, 0, 30]) + bytes(8) + bytes([1, 1, 2, 0, 0, 0, 0, 1])
      + bytes([3, 4, 64, 0xC0]) + bytes(12) + bytes(16) + bytes([25, 3, 0, 0, 0, 0, 0, 5])
      + bytes(16) + bytes([31, 2, 0, 0, 0, 0, 0, 5, 3]) + b"lan" + bytes(4))
ARP = bytes.fromhex("0001080006040001020000000001c0000201000000000000c0000202")

BASE = [
    (ETH4 + _ipv4(6, TCP), 1),
    (ETH4 + _ipv4(17, UDP), 1),
    (ETH4 + _ipv4(1, ICMP_ERR, IP_OPTS + b"\x00"), 1),
    (ETH6 + _ipv6(0, HBH + RA), 1),
    (ETH6 + _ipv6(6, TCP), 1),
    (bytes.fromhex("ffffffffffff020000000001") + b"\x81\x00\x00\x05\x08\x06" + ARP, 1),
    (_ipv4(6, TCP), 101),
    (_ipv6(17, UDP), 229),
    (b"\x00\x04\x00\x01\x00\x06" + bytes(8) + b"\x08\x00" + _ipv4(6, TCP), 113),
    (b"\x02\x00\x00\x00" + _ipv4(1, ICMP_ERR), 0),
]


def _mutate(rng: random.Random, data: bytes, i: int) -> bytes:
    b = bytearray(data)
    kind = i % 6
    if kind == 0:
        del b[rng.randrange(len(b) + 1):]
    elif kind == 1:
        for _ in range(rng.randrange(1, 6)):
            b[rng.randrange(len(b))] = rng.choice((0, 1, 2, 0xFF, rng.randrange(256)))
    elif kind == 2:  # lengths and offsets lie: IHL, total length, data offset, option lengths
        for _ in range(rng.randrange(1, 4)):
            off = rng.randrange(len(b))
            b[off] = rng.choice((0x40, 0x41, 0x4F, 0x00, 0x10, 0xF0, 0, 1, 255))
    elif kind == 3:  # option length bytes of 0, 1 and 255 wherever an option may start
        for off in range(len(b)):
            if rng.random() < 0.08:
                b[off] = rng.choice((0, 1, 255))
    elif kind == 4:
        b = bytearray(rng.randbytes(rng.randrange(0, 160)))
    else:
        cut = rng.randrange(len(b))
        b = b[:cut] + bytearray(rng.randbytes(rng.randrange(0, 64)))
    return bytes(b)


def test_100k_mutated_frames() -> None:
    rng = random.Random(1234)
    flags = [PrintOptions(), PrintOptions(v=1), PrintOptions(v=3, e=True),
             PrintOptions(q=True, X=1), PrintOptions(x=2, v=2), PrintOptions(t=3, X=2)]
    printers = [Printer(f) for f in flags]
    linktypes = sorted(LINKTYPES)
    slowest = 0.0
    start = time.perf_counter()
    for i in range(100_000):
        data, lt = BASE[i % len(BASE)]
        frame = _mutate(rng, data, i)
        if i % 50 == 0:
            lt = rng.choice(linktypes)
        wirelen = len(frame) + rng.choice((0, 0, 0, 4, 100000))
        p = printers[i % len(printers)]
        t0 = time.perf_counter()
        out = p.format(i, (i * 7919) % 1_000_000_000, frame, wirelen, lt)
        slowest = max(slowest, time.perf_counter() - t0)
        assert isinstance(out, str) and out
    for p in printers:
        assert p.fallbacks == 0, p.errors[:5]
    assert slowest < 1.0, f"one frame took {slowest * 1000:.0f} ms"
    assert time.perf_counter() - start < 120


def test_unknown_linktype_prints_hex() -> None:
    out = Printer(PrintOptions()).format(0, 0, b"\x01\x02\x03", 3, 9999)
    assert "unsupported link type 9999" in out and "0x0000:  0102 03" in out


def test_every_decoded_protocol_survives_mutation() -> None:
    """The frames the differential tests build for each application and
    routing protocol (DHCP, RIP, LLDP, OSPF, BGP, SNMP, RADIUS, SCTP, EAPOL,
    Telnet...), each mutated many ways: no printer bug, no slow frame."""
    import importlib
    from pathlib import Path

    modules = [importlib.import_module(path.stem)
               for path in sorted(Path(__file__).parent.glob("test_tcpdump_*.py"))
               if path.stem != Path(__file__).stem]
    builders = [getattr(mod, name) for mod in modules
                for name in dir(mod)
                if name.startswith("_") and not name.startswith("__") and callable(getattr(mod, name))
                and getattr(getattr(mod, name), "__annotations__", {}).get("return") == "list[bytes]"]
    seeds = [frame for build in builders for frame in build()]
    assert len(builders) >= 25 and len(seeds) > 1000
    rng = random.Random(99)
    printers = [Printer(PrintOptions(v=v, X=x)) for v in (0, 1, 2, 3) for x in (0, 1)]
    slowest = 0.0
    for i in range(40_000):
        frame = _mutate(rng, seeds[i % len(seeds)], i if i % 6 != 4 else i + 1)
        p = printers[i % len(printers)]
        t0 = time.perf_counter()
        out = p.format(i, 0, frame, len(frame), 1)
        slowest = max(slowest, time.perf_counter() - t0)
        assert out
    for p in printers:
        assert p.fallbacks == 0, p.errors[:5]
    assert slowest < 1.0, f"one frame took {slowest * 1000:.0f} ms"
