"""The layer contract (docs/architecture.md): a protocol craft does not ship
becomes a full layer by registering its module and its scapy mapping, and
nothing else. It builds from a profile, both encoders agree byte for byte,
ipv4.proto is computed from it, the decoder finds it, explain lays out its
fields, the patcher streams a field of it with its checksum kept right, and a
capture of it imports back into a profile that rebuilds the same bytes."""

from __future__ import annotations

from collections.abc import Iterator

import dummyproto
import pytest

import craft
from craft.capture.importer import import_packets, profile_yaml
from craft.capture.pcapdiff import Capture
from craft.decode import walk
from craft.encode import scapy_
from craft.encode.patcher import Patcher
from craft.fmt.explain import explain
from craft.io.pcap import Record
from craft.layers import LAYERS, bindings, register
from craft.layers.base import PSEUDO_HEADERS, inet_checksum
from craft.profile.load import load_profile_text
from craft.profile.resolve import PlaceholderResolver

PROFILE = """
name: dummy-hello
frames:
  - layers:
      - ether: {}
      - ipv4: {dst: 198.51.100.7}
      - dummy: {kind: bye}
      - payload: {text: "hi there"}
"""


@pytest.fixture
def dummy() -> Iterator[None]:
    """Register the dummy protocol; put every registry back afterwards."""
    saved = (dict(LAYERS), list(bindings.BINDINGS), dict(bindings.NUMBER),
             dict(bindings.INNER), dict(bindings.SELECTOR), dict(PSEUDO_HEADERS),
             dict(scapy_._MAPPINGS), dict(scapy_._DISSECT))
    register(dummyproto)
    dummyproto._CLASS[:] = [dummyproto.scapy_class()]
    scapy_.register("dummy", dummyproto.to_scapy, ("Dummy", dummyproto.from_scapy))
    yield
    for box, old in zip((LAYERS, bindings.BINDINGS, bindings.NUMBER, bindings.INNER,
                         bindings.SELECTOR, PSEUDO_HEADERS, scapy_._MAPPINGS, scapy_._DISSECT),
                        saved, strict=True):
        box.clear()
        box.update(old) if isinstance(box, dict) else box.extend(old)
    walk._WALK.clear()


def _built(text: str = PROFILE, **kw: object) -> list[bytes]:
    return [b.data for b in craft.build(load_profile_text(text), backend="both", **kw)]


def test_a_registered_protocol_builds_and_both_encoders_agree(dummy: None) -> None:
    (data,) = _built()  # backend="both": the cross-check raises if they differ
    ip = data[14:34]
    assert ip[9] == dummyproto.PROTO  # ipv4.proto computed from the binding row
    header = data[34:38]
    assert header[:2] == b"\x00\x02"  # kind: bye, by name
    assert inet_checksum(data[34:]) == 0  # its checksum covers header and payload
    assert data[38:] == b"hi there"


def test_the_decoder_and_scapy_find_it(dummy: None) -> None:
    (data,) = _built()
    parts = walk.decode(data)
    assert [p.name for p in parts] == ["ether", "ipv4", "dummy", "payload"]
    assert parts[2].values["kind"] == 2
    assert [n for n, _ in scapy_.dissect(data)][:3] == ["ether", "ipv4", "dummy"]


def test_explain_lays_out_its_fields(dummy: None) -> None:
    frame = next(iter(load_profile_text(PROFILE).frames(count=1)))
    rows = [r for r in explain(frame) if r.layer == "dummy"]
    assert [(r.field, r.offset) for r in rows] == [("kind", 34), ("checksum", 36)]
    assert rows[1].source == "computed"


def test_a_stream_on_its_field_is_patched_with_its_checksum(dummy: None) -> None:
    text = PROFILE.replace("kind: bye", "kind: {from: 1, to: 300}")
    profile = load_profile_text(text)
    patched = list(Patcher(profile, PlaceholderResolver()).frames(300))
    assert patched == _built(text, count=300)


def test_a_capture_of_it_imports_into_a_profile_that_rebuilds_it(dummy: None) -> None:
    datas = _built(PROFILE.replace("kind: bye", "kind: {list: [1, 2, 7]}"), count=3)
    capture = Capture("x.pcap", 1, [Record(0, 0, d, len(d), 1) for d in datas])
    text = profile_yaml(import_packets(capture), "again", "x.pcap")
    assert "dummy:" in text
    assert _built(text) == datas


def test_registering_is_what_makes_it_a_layer() -> None:
    """Without registering, nothing knows the layer: the profile is refused."""
    assert "dummy" not in LAYERS
    with pytest.raises(craft.errors.ProfileError, match="unknown layer 'dummy'"):
        load_profile_text(PROFILE)
