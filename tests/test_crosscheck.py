"""The cross-check: both encoders on one frame, a field-level report when
they disagree, and every bundled profile agreeing."""

from __future__ import annotations

import pytest

from craft.encode import crosscheck as cc
from craft.encode import scapy_, struct_
from craft.errors import CrossCheckError, ExitStatus
from craft.layers import LAYERS
from craft.layers.frame import Frame, Layer
from craft.profile.load import bundled_profiles, load_profile


def _layer(name: str, **given: object) -> Layer:
    values = LAYERS[name].HEADER.defaults()
    values.update(given)
    return Layer(name, values, frozenset(given))


def _udp_frame(**ipv4: object) -> Frame:
    return Frame([_layer("ether"), _layer("ipv4", **ipv4), _layer("udp"),
                  _layer("payload", data=b"hello")], index=2, number=7)


@pytest.fixture
def scapy_sets_ttl_63(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fault injection: a scapy encoder that builds every frame with ipv4 ttl
    63 (through the real mapping), so the encoders disagree on purpose."""
    real = scapy_.encode

    def wrong(frame: Frame) -> bytes:
        layers = [Layer(x.name, {**x.values, "ttl": 63}) if x.name == "ipv4" else x
                  for x in frame.layers]
        return real(Frame(layers, frame.index, frame.number))

    monkeypatch.setattr(scapy_, "encode", wrong)


@pytest.mark.parametrize("frame", [
    _udp_frame(),
    _udp_frame(checksum=0x1234, len=3),  # given wrong values: used as is by both
    Frame([_layer("ether"), _layer("vlan"), _layer("vlan"), _layer("arp")]),
    Frame([_layer("ether"), _layer("ipv6"), _layer("icmpv6", type=135,
                                                   options=(("src-lladdr", b"\2\0\0\0\0\1"),))]),
])
def test_agreeing_encoders_give_the_bytes(frame: Frame) -> None:
    data = cc.crosscheck(frame)
    assert data == struct_.encode(frame) == scapy_.encode(frame)


def test_field_diffs_name_the_fields_that_differ() -> None:
    a = struct_.encode(_udp_frame())
    b = struct_.encode(_udp_frame(ttl=63))
    diffs = cc.field_diffs(a, b)
    assert [(d.layer, d.field) for d in diffs] == [("ipv4", "ttl"), ("ipv4", "checksum")]
    assert (diffs[0].a, diffs[0].b) == ("64 (0x40)", "63 (0x3f)")
    assert cc.first_difference(a, b) == 14 + 8  # the ttl byte
    assert cc.field_diffs(a, a) == []


def test_field_diffs_name_a_second_layer_of_the_same_name() -> None:
    def tagged(vid: int) -> bytes:
        return struct_.encode(Frame([_layer("ether"), _layer("vlan", vid=1),
                                     _layer("vlan", vid=vid), _layer("payload", data=b"x")]))
    diffs = cc.field_diffs(tagged(10), tagged(20))
    assert [(d.layer, d.field, d.a, d.b) for d in diffs] == [
        ("vlan[1]", "vid", "10 (0xa)", "20 (0x14)")]


def test_first_difference_of_a_prefix_is_its_length() -> None:
    assert cc.first_difference(b"abc", b"abcdef") == 3


@pytest.mark.usefixtures("scapy_sets_ttl_63")
def test_disagreement_raises_with_a_field_level_report() -> None:
    with pytest.raises(CrossCheckError) as info:
        cc.crosscheck(_udp_frame())
    err = info.value
    assert err.exit_status == ExitStatus.FAILURE
    assert err.path == "frames[2]"
    lines = err.message.splitlines()
    assert "byte 22" in lines[0]
    assert "ipv4.ttl: struct 64 (0x40), scapy 63 (0x3f)" in lines[1]
    assert lines[2].strip().startswith("ipv4.checksum:")
    assert err.disagreement.struct == struct_.encode(_udp_frame())


@pytest.mark.usefixtures("scapy_sets_ttl_63")
def test_check_frames_counts_and_keeps_the_first_mismatches() -> None:
    frames = [Frame([_layer("ether"), _layer("arp")], number=n) for n in range(3)]
    frames += [_udp_frame() for _ in range(4)]  # the ipv4 frames disagree
    report = cc.check_frames(frames, keep=2)
    assert (report.frames, report.agreed, report.disagreed) == (7, 3, 4)
    assert not report.ok
    assert len(report.disagreements) == 2
    assert report.disagreements[0].label == "frames[2] #7"


@pytest.mark.parametrize("bundled", bundled_profiles(), ids=lambda b: b.file.name)
def test_every_bundled_profile_agrees(bundled) -> None:  # type: ignore[no-untyped-def]
    profile = load_profile(bundled.file)
    report = cc.check_frames(profile.frames(count=profile.check_count()))
    details = [m.report() for m in report.disagreements] + [e for _, e in report.errors]
    assert report.ok and report.frames == profile.check_count(), details


def test_a_scapy_failure_is_reported_not_raised_raw(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fault injection: scapy refusing a frame is a disagreement (exit 1 with
    a message), and check_frames counts it and goes on."""
    real = scapy_.encode

    def refuses_arp(frame: Frame) -> bytes:
        if any(x.name == "arp" for x in frame.layers):
            raise ValueError("no mapping")
        return real(frame)

    monkeypatch.setattr(scapy_, "encode", refuses_arp)
    arp = Frame([_layer("ether"), _layer("arp")], index=1, number=4)
    with pytest.raises(CrossCheckError) as info:
        cc.crosscheck(arp)
    assert info.value.path == "frames[1]"
    assert "scapy encoder failed: ValueError: no mapping" in info.value.message
    report = cc.check_frames([arp, _udp_frame()])
    assert (report.frames, report.agreed, report.errors) == (
        2, 1, [("frames[1] #4", info.value.message)])
