"""Port bindings (craft/layers/bindings.py ``on_port``): an application bound
to a UDP/TCP port gets its ports filled in front of it when the profile
gives none, and the decoder finds it by destination port, then source port,
reading bytes that do not decode as it as payload (a port says little).

A small protocol registered for the test (a 4-byte header on port 7, client
port 4000) shows the machinery alone; the real users are dns, bootp, ntp..."""

from __future__ import annotations

import struct
import types
from collections.abc import Iterator
from typing import Any

import pytest

import craft
from craft.decode import walk
from craft.errors import Truncated
from craft.layers import LAYERS, bindings, register
from craft.layers.base import Field, Header
from craft.profile.load import load_profile_text

HEADER = Header("portproto", (Field("word", 32, 0x12345678, doc="a word"),))


def _module() -> types.ModuleType:
    m = types.ModuleType("portproto")
    m.NAME = "portproto"
    m.HEADER = HEADER
    m.BOUND = bindings.on_port(7, client=4000, over=("udp", "tcp"))

    def decode(data: bytes, offset: int = 0) -> tuple[dict[str, Any], int]:
        if len(data) - offset < 4 or data[offset:offset + 2] != b"\x12\x34":
            raise Truncated("portproto: not one")  # the test's stand-in for bytes that fail
        return HEADER.decode(data, offset)

    m.decode = decode
    m.layout = HEADER.fixed_layout
    m.encode = lambda v, payload, ctx: (HEADER.pack(v), v)
    m.summary = lambda v: "portproto"
    return m


@pytest.fixture
def portproto() -> Iterator[None]:
    boxes = (LAYERS, bindings.BY_PORT, bindings.PORTS, bindings.PORTED)
    saved = [type(b)(b) for b in boxes]
    register(_module())
    yield
    for box, old in zip(boxes, saved, strict=True):
        box.clear()
        box.update(old)
    walk._WALK.clear()


def _frame(transport: str, fields: str = "{}") -> list[bytes]:
    text = f"""
frames:
  - layers:
      - ether: {{}}
      - ipv4: {{}}
      - {transport}: {fields}
      - portproto: {{}}
"""
    return [b.data for b in craft.build(load_profile_text(text), backend="struct")]


def _ports(frame: bytes) -> tuple[int, int]:
    return struct.unpack_from("!HH", frame, 34)


def test_ports_not_given_are_the_bound_ones(portproto: None) -> None:
    (udp,) = _frame("udp")
    (tcp,) = _frame("tcp")
    assert _ports(udp) == (4000, 7)
    assert _ports(tcp) == (4000, 7)


def test_a_given_port_is_kept_and_the_other_still_filled(portproto: None) -> None:
    (frame,) = _frame("udp", "{dport: 9}")
    assert _ports(frame) == (4000, 9)
    frames = _frame("udp", "{sport: {from: 1, to: 2}}")  # a stream is given too
    assert [_ports(f) for f in frames] == [(1, 7), (2, 7)]


def test_nothing_bound_keeps_scapys_ports() -> None:
    text = "frames: [{layers: [ether: {}, ipv4: {}, udp: {}, payload: {text: x}]}]"
    (frame,) = [b.data for b in craft.build(load_profile_text(text), backend="struct")]
    assert _ports(frame) == (53, 53)


def test_the_decoder_finds_it_by_destination_then_source_port(portproto: None) -> None:
    (frame,) = _frame("udp")
    assert [p.name for p in walk.decode(frame)] == ["ether", "ipv4", "udp", "portproto"]
    swapped = bytearray(frame)  # the answer: from port 7 to 4000... and any other port
    swapped[34:38] = struct.pack("!HH", 7, 5555)
    assert [p.name for p in walk.decode(bytes(swapped))][-1] == "portproto"


def test_bytes_that_are_not_it_are_payload(portproto: None) -> None:
    (frame,) = _frame("tcp")
    other = frame[:-4] + b"\xab\xcd\xef\x01"
    assert [p.name for p in walk.decode(other)] == ["ether", "ipv4", "tcp", "payload"]
