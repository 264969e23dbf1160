"""The lenient decoder: whatever the bytes, ``decode`` returns parts that tile
the frame, marks what is cut short or malformed, never raises and never walks
without bound (issue 4, "Lengths in headers lie")."""

from __future__ import annotations

import time
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from vectors import IDS, VECTORS, Case, expected_bytes

from craft.decode import MAX_LAYERS, Decoded, decode, frame_of
from craft.encode.struct_ import encode
from craft.frame import Frame, Layer
from craft.layers import LAYERS


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
            assert p.values["data"] == frame[p.offset:p.offset + p.length]
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
    parts = decode(data[:14 + 20 + 7])
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
    data = _build(("ether", {}), ("ipv4", {"frag": 100, "proto": 6}), ("payload", {"data": b"x" * 30}))
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
    data = _build(("ether", {}), ("ipv4", {}), ("tcp", {"dataofs": dataofs}), ("payload", {"data": b"x"}))
    parts = decode(data)
    _check(data, parts)
    assert parts[2].error == f"bad-hlen {dataofs * 4}"


def test_tcp_data_offset_past_the_segment() -> None:
    data = _build(("ether", {}), ("ipv4", {}), ("tcp", {"dataofs": 15}), ("payload", {"data": b"x" * 8}))
    parts = decode(data)
    _check(data, parts)
    assert parts[2].truncated and parts[2].values == {}


@pytest.mark.parametrize("length", [0, 1, 7])
def test_udp_length_below_8(length: int) -> None:
    data = _build(("ether", {}), ("ipv4", {}), ("udp", {"len": length}), ("payload", {"data": b"xy"}))
    parts = decode(data)
    _check(data, parts)
    assert parts[2].error == f"bad-len {length}"
    assert parts[3].values["data"] == b"xy"


def test_udp_length_past_the_ip_packet() -> None:
    data = _build(("ether", {}), ("ipv4", {}), ("udp", {"len": 100}), ("payload", {"data": b"xy"}))
    parts = decode(data)
    _check(data, parts)
    assert parts[2].truncated and "90 bytes missing" in (parts[2].error or "")


@pytest.mark.parametrize("options", [
    "02000000", "02010000", "02ff0000", "01010800", "ff00ff00", "0000000000000000",
    "08ff" + "00" * 34,
])
def test_tcp_option_lengths_that_lie(options: str) -> None:
    data = _build(("ether", {}), ("ipv4", {}), ("tcp", {"options": bytes.fromhex(options)}))
    t0 = time.perf_counter()
    parts = decode(data)
    assert time.perf_counter() - t0 < 0.05
    _check(data, parts)
    assert parts[2].values["options"] == bytes.fromhex(options)


@pytest.mark.parametrize("options", ["0100000000000000", "01ff0000", "0e00", "01"])
def test_icmpv6_option_lengths_that_lie(options: str) -> None:
    data = _build(("ether", {}), ("ipv6", {}),
                  ("icmpv6", {"type": 135, "options": bytes.fromhex(options)}))
    parts = decode(data)
    _check(data, parts)
    assert parts[2].values["options"] == bytes.fromhex(options)


def test_arp_with_other_address_lengths_is_marked_not_raised() -> None:
    data = _build(("ether", {}), ("arp", {"hlen": 14}))
    parts = decode(data)
    _check(data, parts)
    assert parts[1].error and "14/4" in parts[1].error


def test_ether_802_3_length_and_unknown_ethertype_are_payload() -> None:
    for ethertype in (0x0040, 0x88B5):
        data = _build(("ether", {"type": ethertype}), ("payload", {"data": b"\xaa\xaa\x03"}))
        assert [p.name for p in decode(data)] == ["ether", "payload"]


def test_unknown_first_layer_is_payload() -> None:
    assert [p.name for p in decode(b"abc", first="nonesuch")] == ["payload"]


# --- nesting ----------------------------------------------------------------------------


def test_nesting_is_bounded() -> None:
    layers = [("ether", {})] + [("ipv4", {})] * 40 + [("udp", {})]
    data = _build(*layers)
    t0 = time.perf_counter()
    parts = decode(data)
    assert time.perf_counter() - t0 < 0.05
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
    t0 = time.perf_counter()
    parts = decode(data, first)
    assert time.perf_counter() - t0 < 0.05
    _check(data, parts)


_SEEDS = [expected_bytes(c) for c in VECTORS]


@given(st.sampled_from(range(len(_SEEDS))),
       st.lists(st.tuples(st.integers(0, 400), st.integers(0, 255)), max_size=6),
       st.integers(0, 400))
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_mutated_vectors_never_raise(index: int, edits: list[tuple[int, int]], cut: int) -> None:
    """Vector frames with bytes overwritten (lengths, IHL, offsets, option
    lengths) and cut short anywhere."""
    frame = bytearray(_SEEDS[index])
    for pos, value in edits:
        if frame:
            frame[pos % len(frame)] = value
    data = bytes(frame[:cut])
    t0 = time.perf_counter()
    parts = decode(data, VECTORS[index][1][0][0])
    assert time.perf_counter() - t0 < 0.05
    _check(data, parts)


def test_bytearray_and_memoryview_input() -> None:
    data = expected_bytes(VECTORS[0])
    want = decode(data)
    assert decode(bytearray(data)) == want
    assert decode(memoryview(data)) == want  # type: ignore[arg-type]
