"""Issue 10, part 1: a transport checksum takes its pseudo-header from the
nearest enclosing IPv4/IPv6 layer, whatever lies between (RFC 768, RFC 9293
§3.1, RFC 8200 §8.1), here a header craft does not model, given as ``raw``.

Before the fix both encoders summed ICMPv6, UDP and TCP after a ``raw``
layer without any pseudo-header, so the cross-check agreed on a wrong
checksum; these tests fail on that code (73ee21c). The expected sums are
computed here from the bytes, and tshark, which shares nothing with craft,
must call them good.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from craft.encode import scapy_, struct_
from craft.encode.check import check_profile
from craft.layers.frame import Frame
from craft.profile.load import load_profile
from tests import tshark

# between the IP header and the transport: extension headers written as raw
HOP_BY_HOP_ICMPV6 = "3a 00 05 02 00 00 01 00"  # nh 58, router alert, PadN (the issue's frame)
DEST_OPTS_UDP = "11 00 01 04 00 00 00 00"  # nh 17, PadN of 4
HOP_BY_HOP_TCP = "06 00 01 04 00 00 00 00"  # nh 6, PadN of 4
AH_UDP = "11 01 0000 00000100 00000001"  # RFC 4302, nh 17, no ICV
AH_TCP = "06 01 0000 00000100 00000001"  # nh 6

PROFILE = f"""\
name: between
description: transports after a header craft does not model
frames:
  - layers:
      - ether:
      - ipv6: {{nh: hop-by-hop}}
      - raw: {{hex: "{HOP_BY_HOP_ICMPV6}"}}
      - icmpv6: {{type: echo-request}}
  - layers:
      - ether:
      - ipv6: {{nh: dest-opts}}
      - raw: {{hex: "{DEST_OPTS_UDP}"}}
      - udp: {{sport: 40000, dport: 9}}
      - payload: {{text: hello}}
  - layers:
      - ether:
      - ipv6: {{nh: hop-by-hop}}
      - raw: {{hex: "{HOP_BY_HOP_TCP}"}}
      - tcp: {{flags: S, options: [{{mss: 1460}}]}}
  - layers:
      - ether:
      - ipv4: {{proto: ah}}
      - raw: {{hex: "{AH_UDP}"}}
      - udp: {{sport: 40000, dport: 9}}
      - payload: {{text: hello}}
  - layers:
      - ether:
      - ipv4: {{proto: ah}}
      - raw: {{hex: "{AH_TCP}"}}
      - tcp: {{flags: S}}
      - payload: {{text: hello}}
"""
# (transport, its protocol number, where its checksum sits in its header)
TRANSPORTS = [("icmpv6", 58, 2), ("udp", 17, 6), ("tcp", 6, 16), ("udp", 17, 6), ("tcp", 6, 16)]


def _sum(data: bytes) -> int:
    """RFC 1071, written out here rather than taken from craft."""
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def _expected(frame: bytes, proto: int, at: int) -> tuple[int, int]:
    """(checksum on the wire, checksum it should be) of the transport in
    ``frame``: the pseudo-header of the IP header right after Ethernet."""
    ip_start = 14
    if frame[ip_start] >> 4 == 4:
        ihl = (frame[ip_start] & 0xF) * 4
        src, dst = frame[ip_start + 12:ip_start + 16], frame[ip_start + 16:ip_start + 20]
        total = int.from_bytes(frame[ip_start + 2:ip_start + 4], "big")
        ext = frame[ip_start + ihl:]
        ext_len = (ext[1] + 2) * 4  # AH: payload length in 32-bit words minus 2
        start = ip_start + ihl + ext_len
        length = ip_start + total - start
        pseudo = src + dst + struct.pack("!BBH", 0, proto, length)
    else:
        src, dst = frame[ip_start + 8:ip_start + 24], frame[ip_start + 24:ip_start + 40]
        ext = frame[ip_start + 40:]
        start = ip_start + 40 + (ext[1] + 1) * 8
        length = len(frame) - start
        pseudo = src + dst + struct.pack("!I3xB", length, proto)
    segment = bytearray(frame[start:])
    seen = int.from_bytes(segment[at:at + 2], "big")
    segment[at:at + 2] = b"\0\0"
    return seen, _sum(pseudo + bytes(segment))


@pytest.fixture(scope="module")
def frames(tmp_path_factory: pytest.TempPathFactory) -> list[Frame]:
    path = tmp_path_factory.mktemp("between") / "between.yaml"
    path.write_text(PROFILE)
    return list(load_profile(path).frames())


@pytest.mark.parametrize("backend", [struct_.encode, scapy_.encode], ids=["struct", "scapy"])
@pytest.mark.parametrize("i", range(len(TRANSPORTS)),
                         ids=["ipv6-hbh-icmpv6", "ipv6-dstopts-udp", "ipv6-hbh-tcp",
                              "ipv4-ah-udp", "ipv4-ah-tcp"])
def test_transport_checksum_after_raw_uses_the_enclosing_ip(frames, backend, i) -> None:
    data = backend(frames[i])
    name, proto, at = TRANSPORTS[i]
    seen, right = _expected(data, proto, at)
    assert seen == right, f"{name}: 0x{seen:04x}, should be 0x{right:04x}"


def test_tshark_calls_the_checksums_good(frames, tmp_path: Path) -> None:
    data = [struct_.encode(f) for f in frames]
    found = tshark.check(data, tmp_path, "between")
    assert found == [[] for _ in data]


def test_the_issue_frame_checks_and_its_checksum_is_0x2448(tmp_path: Path) -> None:
    # the issue's profile with the lab's placeholder addresses
    path = tmp_path / "hbh.yaml"
    path.write_text(PROFILE.split("  - layers:\n")[0] + "  - layers:\n"
                    + PROFILE.split("  - layers:\n")[1])
    report = check_profile(path)
    assert report.ok
    (frame,) = load_profile(path).frames()
    data = struct_.encode(frame)
    assert data[14 + 40 + 8 + 2:14 + 40 + 8 + 4] == bytes.fromhex("2448")
