"""Issue 10: the ``padding`` layer, bytes after the IP datagram (an Ethernet
trailer) that no length counts and no checksum covers, in both encoders, the
decoder, import, the patcher, export and the profile loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from craft.capture.export import checksum_functions
from craft.decode.walk import decode, frame_of
from craft.encode import scapy_, struct_
from craft.encode.patcher import fast_frames
from craft.fmt.explain import explain
from craft.layers import LAYERS
from craft.layers.frame import Frame, Layer
from craft.profile.load import load_profile_text
from tests import tshark
from tests.craftcli import run

TRAILER = bytes.fromhex("deadbeef" * 4)


def _layer(name: str, **given: object) -> Layer:
    values = LAYERS[name].HEADER.defaults()
    values.update(given)
    return Layer(name, values, frozenset(given))


STACKS = {
    "ipv4-udp": [_layer("ether"), _layer("ipv4"), _layer("udp", sport=40000, dport=9),
                 _layer("payload", data=b"hello")],
    "ipv6-tcp": [_layer("ether"), _layer("ipv6"), _layer("tcp", flags=0x02)],
    "vlan-ipv4-icmp": [_layer("ether"), _layer("vlan", vid=7), _layer("ipv4"), _layer("icmp")],
    "ipv6-udp": [_layer("ether"), _layer("ipv6"), _layer("udp", sport=40000, dport=9),
                 _layer("payload", data=b"x")],
    "arp": [_layer("ether"), _layer("arp")],
}


@pytest.mark.parametrize("encode", [struct_.encode, scapy_.encode], ids=["struct", "scapy"])
@pytest.mark.parametrize("stack", STACKS)
def test_padding_is_outside_every_length_and_checksum(encode, stack: str) -> None:
    """The frame with a trailer is the frame without it, then the trailer:
    ipv4.len, ipv6.plen, udp.len and every checksum are unchanged."""
    layers = STACKS[stack]
    plain = encode(Frame(list(layers)))
    padded = encode(Frame([*layers, _layer("padding", data=TRAILER)]))
    assert padded == plain + TRAILER


def test_two_trailers_follow_each_other() -> None:
    layers = STACKS["ipv4-udp"]
    frame = Frame([*layers, _layer("padding", data=b"\x01"), _layer("padding", data=b"\x02")])
    assert struct_.encode(frame) == struct_.encode(Frame(list(layers))) + b"\x01\x02"
    assert [e.name for e in struct_.encode_layers(frame)][-2:] == ["padding", "padding"]


def test_tshark_sees_sound_frames_with_a_trailer(tmp_path: Path) -> None:
    frames = [struct_.encode(Frame([*layers, _layer("padding", data=TRAILER)]))
              for layers in STACKS.values()]
    assert tshark.check(frames, tmp_path, "padded") == [[] for _ in frames]


def test_decoder_gives_the_padding_layer_back() -> None:
    data = struct_.encode(Frame([*STACKS["ipv4-udp"], _layer("padding", data=TRAILER)]))
    parts = decode(data)
    assert [p.name for p in parts] == ["ether", "ipv4", "udp", "payload", "padding"]
    again = frame_of(data, parts)
    assert again.layers[-1].name == "padding" and again.layers[-1].values["data"] == TRAILER
    assert struct_.encode(again) == data


def test_explain_lays_out_the_trailer() -> None:
    frame = Frame([*STACKS["ipv4-udp"], _layer("padding", data=TRAILER)])
    (row,) = [r for r in explain(frame) if r.layer == "padding"]
    assert (row.field, row.offset, row.bits, row.correct) == ("data", 14 + 20 + 8 + 5, 128, "")


PROFILE = """\
name: trailer
description: UDP with an Ethernet trailer
frames:
  - layers:
      - ether:
      - ipv4: {id: {from: 1, to: 1000}}
      - udp: {sport: 40000, dport: {from: 9000, to: 9099}}
      - payload: {text: hello}
      - padding: {hex: "de ad be ef de ad be ef de ad be ef de ad be ef"}
"""


def test_a_profile_builds_and_checks_with_padding(tmp_path: Path) -> None:
    path = tmp_path / "trailer.yaml"
    path.write_text(PROFILE)
    r = run("check", str(path))
    assert r.returncode == 0 and r.stdout.startswith("ok    "), r.stdout + r.stderr
    (frame,) = load_profile_text(PROFILE).frames(count=1)
    assert struct_.encode(frame).endswith(b"hello" + TRAILER)


def test_patched_streams_stop_their_checksums_at_the_trailer() -> None:
    profile = load_profile_text(PROFILE)
    fast = fast_frames(profile, 600)
    assert fast is not None  # the patcher took it
    assert list(fast) == [struct_.encode(f) for f in profile.frames(count=600)]


def test_trafgen_gets_no_transport_checksum_it_would_sum_the_trailer_into() -> None:
    frame = Frame([*STACKS["ipv4-udp"], _layer("padding", data=TRAILER)])
    funcs, missing = checksum_functions(frame.layers, struct_.encode_layers(frame))
    assert list(funcs.values()) == ["csumip(14, 33)"]
    assert missing == ["udp checksum (trafgen would sum the padding too)"]


def test_padding_must_be_the_last_layer(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("frames:\n  - layers:\n      - ether:\n      - padding: {size: 4}\n"
                    "      - ipv4:\n")
    r = run("build", str(path))
    assert r.returncode == 2
    assert r.stderr.strip().splitlines() == [
        f"{path}:4:9: frames[0].layers[1]: padding is bytes after the datagram, so it is the "
        "last layer; move it to the end (a header craft has no layer for is raw)"]


def test_import_round_trips_a_frame_with_a_trailer(tmp_path: Path) -> None:
    src, out, again = tmp_path / "src.yaml", tmp_path / "in.pcap", tmp_path / "again.pcap"
    src.write_text(PROFILE)
    assert run("build", str(src), "-c", "3", "-f", "pcap", "-o", str(out)).returncode == 0
    imported = tmp_path / "imported.yaml"
    r = run("import", str(out), "-o", str(imported))
    assert r.returncode == 0, r.stderr
    text = imported.read_text()
    assert text.count('- padding: {hex: "deadbeefdeadbeefdeadbeefdeadbeef"}') == 3
    assert "len:" not in text and "checksum:" not in text  # computed: the trailer is outside
    assert run("build", str(imported), "-f", "pcap", "-o", str(again)).returncode == 0
    assert again.read_bytes() == out.read_bytes()
