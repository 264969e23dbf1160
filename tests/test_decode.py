"""The lenient decoder: whatever the bytes, ``decode`` returns parts that tile
the frame, marks what is cut short or malformed, never raises and never walks
without bound (issue 4, "Lengths in headers lie")."""

from __future__ import annotations

import socket
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from vectors import IDS, VECTORS, Case, expected_bytes

from craft.decode.walk import MAX_LAYERS, Decoded, decode, frame_of
from craft.encode.struct_ import encode
from craft.layers import LAYERS
from craft.layers.frame import Frame, Layer

# Decoding one frame takes microseconds; a loop or deep recursion would take
# far longer. CPU time, not wall time: a loaded CI machine must not fail it.
CPU_BOUND = 0.2


def _check(frame: bytes, parts: list[Decoded]) -> None:
    """The invariants every decode result keeps."""
    assert len(parts) <= MAX_LAYERS
    pos = 0
    for p in parts:
        assert p.offset == pos, parts
        assert p.length >= 0
        pos += p.length
        assert not (p.error or "").count("internal"), p.error
        if p.name in ("payload", "padding", "raw"):
            assert p.values["data"] == frame[p.offset : p.offset + p.length]
    assert pos == len(frame), parts
    # every decoded value set encodes back to the same bytes
    assert encode(frame_of(frame, parts)) == frame


def _build(*layers: tuple[str, dict[str, Any]]) -> bytes:
    out = []
    for name, given_values in layers:
        v = LAYERS[name].HEADER.defaults()
        v.update(given_values)
        out.append(Layer(name, v))
    return encode(Frame(out))


# --- truncation -------------------------------------------------------------------


@pytest.mark.parametrize("case", VECTORS, ids=IDS)
def test_truncated_at_every_offset(case: Case) -> None:
    data = expected_bytes(case)
    first = case[1][0][0]
    for cut in range(len(data)):
        short = data[:cut]
        parts = decode(short, first)
        _check(short, parts)
        if cut:
            # the cut shows: a header marked truncated, a length flagged, or
            # the cut fell on a boundary of the data
            assert parts


def test_truncated_header_is_marked() -> None:
    data = _build(("ether", {}), ("ipv4", {}), ("tcp", {}))
    parts = decode(data[: 14 + 20 + 7])
    assert [p.name for p in parts] == ["ether", "ipv4", "tcp"]
    assert parts[2].truncated and parts[2].values == {}
    assert parts[1].truncated and "13 bytes missing" in (parts[1].error or "")


def test_empty_frame() -> None:
    assert decode(b"") == []


# --- lengths that lie ------------------------------------------------------------------


@pytest.mark.parametrize("ihl", [0, 1, 4])
def test_ipv4_ihl_below_5(ihl: int) -> None:
    data = _build(("ether", {}), ("ipv4", {"ihl": ihl}), ("udp", {}), ("payload", {"data": b"x"}))
    parts = decode(data)
    _check(data, parts)
    assert parts[1].name == "ipv4" and parts[1].error == f"bad-hlen {ihl * 4}"
    assert [p.name for p in parts] == ["ether", "ipv4", "payload"]


def test_ipv4_ihl_past_the_capture() -> None:
    data = _build(("ether", {}), ("ipv4", {"ihl": 15}))
    parts = decode(data)
    _check(data, parts)
    assert parts[1].truncated and parts[1].values == {}


def test_ipv4_total_length_below_header_length() -> None:
    data = _build(("ether", {}), ("ipv4", {"len": 12}), ("udp", {}))
    parts = decode(data)
    _check(data, parts)
    assert parts[1].error == "bad-len 12"


def test_ipv4_total_length_bounds_inner_data_and_rest_is_padding() -> None:
    data = _build(("ether", {}), ("ipv4", {}), ("udp", {}), ("payload", {"data": b"abc"}))
    padded = data + b"\0" * (60 - len(data))
    parts = decode(padded)
    _check(padded, parts)
    assert [p.name for p in parts] == ["ether", "ipv4", "udp", "payload", "padding"]
    assert parts[3].values["data"] == b"abc"
    assert parts[4].length == 60 - len(data)


def test_ipv4_later_fragment_is_payload() -> None:
    data = _build(
        ("ether", {}), ("ipv4", {"frag": 100, "proto": 6}), ("payload", {"data": b"x" * 30})
    )
    parts = decode(data)
    assert [p.name for p in parts] == ["ether", "ipv4", "payload"]


def test_ipv6_payload_length_past_the_capture() -> None:
    data = _build(("ether", {}), ("ipv6", {"plen": 500}), ("udp", {}))
    parts = decode(data)
    _check(data, parts)
    assert parts[1].truncated and parts[2].name == "udp"


def test_ipv6_payload_length_zero_keeps_the_capture() -> None:
    data = _build(("ether", {}), ("ipv6", {"plen": 0}), ("udp", {}), ("payload", {"data": b"ab"}))
    parts = decode(data)
    assert [p.name for p in parts] == ["ether", "ipv6", "udp", "payload"]


@pytest.mark.parametrize("dataofs", [0, 1, 4])
def test_tcp_data_offset_below_5(dataofs: int) -> None:
    data = _build(
        ("ether", {}), ("ipv4", {}), ("tcp", {"dataofs": dataofs}), ("payload", {"data": b"x"})
    )
    parts = decode(data)
    _check(data, parts)
    assert parts[2].error == f"bad-hlen {dataofs * 4}"


def test_tcp_data_offset_past_the_segment() -> None:
    data = _build(
        ("ether", {}), ("ipv4", {}), ("tcp", {"dataofs": 15}), ("payload", {"data": b"x" * 8})
    )
    parts = decode(data)
    _check(data, parts)
    assert parts[2].truncated and parts[2].values == {}


@pytest.mark.parametrize("length", [0, 1, 7])
def test_udp_length_below_8(length: int) -> None:
    data = _build(
        ("ether", {}), ("ipv4", {}), ("udp", {"len": length}), ("payload", {"data": b"xy"})
    )
    parts = decode(data)
    _check(data, parts)
    assert parts[2].error == f"bad-len {length}"
    assert parts[3].values["data"] == b"xy"


def test_udp_length_past_the_ip_packet() -> None:
    data = _build(("ether", {}), ("ipv4", {}), ("udp", {"len": 100}), ("payload", {"data": b"xy"}))
    parts = decode(data)
    _check(data, parts)
    assert parts[2].truncated and "90 bytes missing" in (parts[2].error or "")


@pytest.mark.parametrize(
    "options",
    [
        "02000000",
        "02010000",
        "02ff0000",
        "01010800",
        "ff00ff00",
        "0000000000000000",
        "08ff" + "00" * 34,
    ],
)
def test_tcp_option_lengths_that_lie(options: str) -> None:
    data = _build(("ether", {}), ("ipv4", {}), ("tcp", {"options": bytes.fromhex(options)}))
    t0 = time.process_time()
    parts = decode(data)
    assert time.process_time() - t0 < CPU_BOUND
    _check(data, parts)
    assert parts[2].values["options"] == bytes.fromhex(options)


@pytest.mark.parametrize("options", ["0100000000000000", "01ff0000", "0e00", "01"])
def test_icmpv6_option_lengths_that_lie(options: str) -> None:
    data = _build(
        ("ether", {}), ("ipv6", {}), ("icmpv6", {"type": 135, "options": bytes.fromhex(options)})
    )
    parts = decode(data)
    _check(data, parts)
    assert parts[2].values["options"] == bytes.fromhex(options)


def test_arp_with_other_address_lengths_is_marked_not_raised() -> None:
    data = _build(("ether", {}), ("arp", {"hlen": 14}))
    parts = decode(data)
    _check(data, parts)
    assert parts[1].error and "14/4" in parts[1].error


def test_ether_unknown_ethertype_is_payload_and_802_3_length_is_llc() -> None:
    data = _build(("ether", {"type": 0x88B5}), ("payload", {"data": b"\xaa\xaa\x03"}))
    assert [p.name for p in decode(data)] == ["ether", "payload"]
    # below 0x600 the type is an 802.3 length, LLC follows (craft/layers/ether.py)
    data = _build(("ether", {"type": 0x0040}), ("payload", {"data": b"\xf0\xf0\x03"}))
    assert [p.name for p in decode(data)] == ["ether", "llc"]


def test_unknown_first_layer_is_payload() -> None:
    assert [p.name for p in decode(b"abc", first="nonesuch")] == ["payload"]


# --- nesting ----------------------------------------------------------------------------


def test_nesting_is_bounded() -> None:
    layers = [("ether", {})] + [("ipv4", {})] * 40 + [("udp", {})]
    data = _build(*layers)
    t0 = time.process_time()
    parts = decode(data)
    assert time.process_time() - t0 < CPU_BOUND
    _check(data, parts)
    assert len(parts) == MAX_LAYERS
    assert parts[-1].error == "too many layers"


def test_vlan_stack_is_bounded() -> None:
    data = _build(*([("ether", {})] + [("vlan", {})] * 100))
    parts = decode(data)
    _check(data, parts)
    assert len(parts) == MAX_LAYERS


# --- random and mutated bytes -------------------------------------------------------------

FIRSTS = sorted(LAYERS)


@given(st.binary(max_size=200), st.sampled_from(FIRSTS))
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_random_bytes_never_raise(data: bytes, first: str) -> None:
    t0 = time.process_time()
    parts = decode(data, first)
    assert time.process_time() - t0 < CPU_BOUND
    _check(data, parts)


_SEEDS = [expected_bytes(c) for c in VECTORS]


@given(
    st.sampled_from(range(len(_SEEDS))),
    st.lists(st.tuples(st.integers(0, 400), st.integers(0, 255)), max_size=6),
    st.integers(0, 400),
)
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_mutated_vectors_never_raise(index: int, edits: list[tuple[int, int]], cut: int) -> None:
    """Vector frames with bytes overwritten (lengths, IHL, offsets, option
    lengths) and cut short anywhere."""
    frame = bytearray(_SEEDS[index])
    for pos, value in edits:
        if frame:
            frame[pos % len(frame)] = value
    data = bytes(frame[:cut])
    t0 = time.process_time()
    parts = decode(data, VECTORS[index][1][0][0])
    assert time.process_time() - t0 < CPU_BOUND
    _check(data, parts)


def test_bytearray_and_memoryview_input() -> None:
    data = expected_bytes(VECTORS[0])
    want = decode(data)
    assert decode(bytearray(data)) == want
    assert decode(memoryview(data)) == want  # type: ignore[arg-type]


# --- agreement with scapy's dissection (issue 4) ------------------------------------------

_PCAPS = Path(__file__).resolve().parents[2] / "shared" / "conformance" / "tcpdump" / "pcaps"
_FIRST_BY_LINKTYPE = {1: "ether", 101: "ipv4", 12: "ipv4", 228: "ipv4", 229: "ipv6"}


def _scapy_fields(name: str, layer: Any, ours: dict[str, Any]) -> dict[str, Any]:
    """Scapy's values of a layer, in craft's field names and internal forms."""
    from scapy.utils import inet_pton

    def mac_(x: str) -> bytes:
        return bytes.fromhex(x.replace(":", ""))

    def ip4_(x: str) -> bytes:
        return inet_pton(socket.AF_INET, x)

    def ip6_(x: str) -> bytes:
        return inet_pton(socket.AF_INET6, x)

    f = layer.fields
    if name == "ether":
        return {"dst": mac_(f["dst"]), "src": mac_(f["src"]), "type": f["type"]}
    if name == "vlan":
        return {"pcp": f["prio"], "dei": f["dei"], "vid": f["vlan"], "type": f["type"]}
    if name == "arp":
        return {
            "htype": f["hwtype"],
            "ptype": f["ptype"],
            "hlen": f["hwlen"],
            "plen": f["plen"],
            "op": f["op"],
            "sha": mac_(f["hwsrc"]),
            "spa": ip4_(f["psrc"]),
            "tha": mac_(f["hwdst"]),
            "tpa": ip4_(f["pdst"]),
        }
    if name == "ipv4":
        return {
            "version": f["version"],
            "ihl": f["ihl"],
            "tos": f["tos"],
            "len": f["len"],
            "id": f["id"],
            "flags": int(f["flags"]),
            "frag": f["frag"],
            "ttl": f["ttl"],
            "proto": f["proto"],
            "checksum": f["chksum"],
            "src": ip4_(f["src"]),
            "dst": ip4_(f["dst"]),
        }
    if name == "ipv6":
        return {
            "version": f["version"],
            "tc": f["tc"],
            "fl": f["fl"],
            "plen": f["plen"],
            "nh": f["nh"],
            "hlim": f["hlim"],
            "src": ip6_(f["src"]),
            "dst": ip6_(f["dst"]),
        }
    if name == "udp":
        return {"sport": f["sport"], "dport": f["dport"], "len": f["len"], "checksum": f["chksum"]}
    if name == "tcp":
        flags = int(f["flags"])
        out = {
            "sport": f["sport"],
            "dport": f["dport"],
            "seq": f["seq"],
            "ack": f["ack"],
            "dataofs": f["dataofs"],
            "reserved": f["reserved"] << 1 | flags >> 8,
            "flags": flags & 0xFF,
            "window": f["window"],
            "checksum": f["chksum"],
            "urgptr": f["urgptr"],
        }
        if isinstance(ours.get("options"), tuple):
            names = {
                "MSS": "mss",
                "WScale": "wscale",
                "SAckOK": "sackok",
                "Timestamp": "timestamp",
                "SAck": "sack",
                "NOP": "nop",
                "EOL": "eol",
            }
            opts = []
            for oname, oval in f["options"]:
                if oname == "SAck":
                    oval = tuple(zip(oval[::2], oval[1::2], strict=True))
                elif oname in ("SAckOK", "NOP", "EOL"):
                    oval = None
                opts.append((names[oname], oval))
            # scapy reads the zero padding after EOL as more EOLs
            while len(opts) > 1 and opts[-1] == ("eol", None) == opts[-2]:
                opts.pop()
            out["options"] = tuple(opts)
        return out
    if name == "icmp":
        out = {"type": f["type"], "code": f["code"], "checksum": f["chksum"]}
        if f["type"] in (0, 8):
            out.update(id=f["id"], seq=f["seq"])
        return out
    if name == "icmpv6":
        out = {"type": f["type"], "code": f["code"], "checksum": f["cksum"]}
        if f["type"] in (128, 129):
            out.update(id=f["id"], seq=f["seq"])
        if f["type"] in (135, 136):
            out["target"] = ip6_(f["tgt"])
        if f["type"] == 136:
            out["flags"] = f["R"] << 2 | f["S"] << 1 | f["O"]
        return out
    raise AssertionError(name)


def _scapy_name(layer: Any) -> str | None:
    cls = type(layer).__name__
    if cls.startswith("ICMPv6") and "Opt" not in cls and hasattr(layer, "cksum"):
        return "icmpv6"
    return {
        "Ether": "ether",
        "Dot1Q": "vlan",
        "Dot1AD": "vlan",
        "ARP": "arp",
        "IP": "ipv4",
        "IPv6": "ipv6",
        "TCP": "tcp",
        "UDP": "udp",
        "ICMP": "icmp",
    }.get(cls)


@pytest.mark.skipif(not _PCAPS.is_dir(), reason="conformance pcaps not present")
def test_fields_agree_with_scapy_dissection_on_conformance_pcaps() -> None:
    from scapy.layers.inet import IP
    from scapy.layers.inet6 import IPv6
    from scapy.layers.l2 import Ether
    from scapy.utils import RawPcapReader

    compared = 0
    for pcap in sorted(_PCAPS.glob("*.pcap")):
        reader = RawPcapReader(str(pcap))
        first = _FIRST_BY_LINKTYPE.get(reader.linktype)
        for number, (data, _meta) in enumerate(reader, 1):
            if first is None:
                break
            start = "ipv6" if first == "ipv4" and data[:1] and data[0] >> 4 == 6 else first
            parts = decode(data, start)
            pkt = {"ether": Ether, "ipv4": IP, "ipv6": IPv6}[start](data)
            layers = []
            layer = pkt
            while layer is not None and layer.__class__.__name__ not in (
                "NoPayload",
                "Raw",
                "Padding",
            ):
                layers.append(layer)
                layer = layer.payload if layer.payload else None
            for part, theirs in zip(parts, layers, strict=False):
                if (
                    part.name != _scapy_name(theirs)
                    or not part.values
                    or part.error
                    or part.truncated
                ):
                    break
                want = _scapy_fields(part.name, theirs, part.values)
                got = {k: part.values[k] for k in want}
                assert got == want, f"{pcap.name} packet {number} {part.name}"
                compared += 1
        reader.close()
    assert compared > 200, compared
