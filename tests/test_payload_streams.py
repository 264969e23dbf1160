"""Issue 10: streams in payloads. ``size`` takes a stream ({from, to},
{random: [min, max]}, {list}), ``text`` and ``hex`` take {list: [...]}, so
random payload sizes and a list of payloads need no shell loop; lengths and
checksums follow each frame, and the patcher leaves such a profile to the
model (its frames change size)."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

import craft
from craft.encode import struct_
from craft.encode.patcher import NotPatchable, Patcher, fast_frames
from craft.profile.load import load_profile_text
from craft.profile.resolve import PlaceholderResolver
from craft.profile.schema import profile_schema
from craft.profile.yamlload import load
from tests.craftcli import run


def _profile(payload: str, layer: str = "payload") -> str:
    return ("name: p\nframes:\n  - layers:\n      - ether:\n      - ipv4:\n"
            f"      - udp: {{sport: 40000, dport: 9}}\n      - {layer}: {payload}\n")


def _payloads(payload: str, count: int | None = None, seed: int = 1) -> list[bytes]:
    frames = load_profile_text(_profile(payload)).frames(count=count, seed=seed)
    return [f.layers[-1].values["data"] for f in frames]


def test_size_range_with_fill() -> None:
    assert _payloads('{size: {from: 1, to: 4}, fill: "ab"}') == [b"a", b"ab", b"aba", b"abab"]


def test_size_list_and_step() -> None:
    assert [len(p) for p in _payloads("{size: {list: [0, 100, 7]}}")] == [0, 100, 7]
    assert [len(p) for p in _payloads("{size: {from: 10, to: 1, step: -4}}")] == [10, 6, 2]


def test_random_size_is_bounded_seeded_and_varies() -> None:
    sizes = [len(p) for p in _payloads("{size: {random: [20, 60]}, fill: 0xff}", count=200)]
    assert min(sizes) >= 20 and max(sizes) <= 60 and len(set(sizes)) > 20
    again = [len(p) for p in _payloads("{size: {random: [20, 60]}, fill: 0xff}", count=200)]
    other = [len(p) for p in _payloads("{size: {random: [20, 60]}}", count=200, seed=2)]
    assert again == sizes and other != sizes


def test_text_and_hex_lists_cycle() -> None:
    assert _payloads('{text: {list: [GET, POST, "a b"]}}', count=4) == [b"GET", b"POST",
                                                                       b"a b", b"GET"]
    assert _payloads('{hex: {list: ["de ad", "0xbeef00"]}}') == [b"\xde\xad", b"\xbe\xef\x00"]


def test_padding_takes_streams_too() -> None:
    frames = load_profile_text(_profile('{text: hi}') + "      - padding: {size: {from: 0, to: 2}}"
                               "\n").frames()
    assert [f.layers[-1].values["data"] for f in frames] == [b"", b"\0", b"\0\0"]


def test_lengths_and_checksums_follow_each_frame() -> None:
    """Built cross-checked (struct == scapy); each frame's UDP length is its own."""
    profile = load_profile_text(_profile("{size: {from: 0, to: 300, step: 50}}"))
    built = list(craft.build(profile, backend="both"))
    assert [int.from_bytes(b.data[38:40], "big") for b in built] == [8 + n for n in
                                                                     range(0, 301, 50)]
    assert [len(b.data) for b in built] == [14 + 20 + 8 + n for n in range(0, 301, 50)]


def test_default_count_is_the_longest_list() -> None:
    assert load_profile_text(_profile("{text: {list: [a, b, c]}}")).default_count() == 3


def test_the_patcher_refuses_and_the_fast_path_falls_back(tmp_path: Path) -> None:
    profile = load_profile_text(_profile("{size: {random: [1, 1400]}}"))
    with pytest.raises(NotPatchable, match="payload.data varies in length"):
        Patcher(profile, PlaceholderResolver())
    assert fast_frames(profile, 1000) is None
    model = [struct_.encode(f) for f in profile.frames(count=1000)]
    assert [b.data for b in craft.build(profile, count=1000, backend="struct")] == model
    path = tmp_path / "sizes.yaml"
    path.write_text(_profile("{size: {random: [1, 1400]}}"))
    r = run("build", str(path), "-c", "2000", "-b", "struct", "-f", "hex")
    assert r.returncode == 0, r.stderr
    assert [bytes.fromhex(x) for x in r.stdout.split()] == [
        struct_.encode(f) for f in profile.frames(count=2000)]


def test_the_schema_accepts_payload_streams() -> None:
    v = jsonschema.Draft202012Validator(profile_schema())
    for payload in ("{size: {random: [1, 10]}}", "{size: {from: 1, to: 3}, fill: 0xab}",
                    "{text: {list: [a, b]}}", '{hex: {list: ["00", "ff"]}}'):
        v.validate(load(_profile(payload), "p"))
    assert not v.is_valid(load(_profile("{text: {from: 1, to: 3}}"), "p"))


@pytest.mark.parametrize(("payload", "error"), [
    ("{text: {from: 1, to: 3}}",
     "7:25: frames[0].payload.text: text takes a list stream, {list: [a, b]}; size takes "
     "ranges and random"),
    ("{size: {random: [9, 2]}}",
     "7:34: frames[0].payload.size.random: random min 9 > max 2; write [min, max]"),
    ("{size: {from: 1, to: 70000}}",
     "7:39: frames[0].payload.size.to: 70000 is out of range 0..65535"),
    ('{hex: {list: ["00", "zz"]}}',
     "7:38: frames[0].payload.hex.list[1]: 'z' is not a hex digit"),
    ("{text: {list: []}}",
     "7:32: frames[0].payload.text.list: list is empty; give at least one value"),
    ("{size: {list: [10, 65500]}}",
     "frames[0]: the frame is 65542 bytes, larger than 65535; make the payload smaller"),
])
def test_bad_payload_streams_are_one_line_errors(tmp_path: Path, payload: str,
                                                 error: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(_profile(payload))
    r = run("build", str(path))
    assert r.returncode == 2, r.stdout
    (line,) = r.stderr.strip().splitlines()
    assert line.startswith(str(path)) and error in line, line
