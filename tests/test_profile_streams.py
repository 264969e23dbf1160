"""Streams: {from, to, step}, {list}, {random}; the sequence semantics across
frames; default and check counts; lazy generation in flat memory."""

from __future__ import annotations

import inspect
import itertools
import tracemalloc

import pytest

import craft
from craft.decode import walk
from craft.errors import ProfileError
from craft.profile.load import load_profile, load_profile_text

HEAD = "name: s\nframes:\n  - layers:\n"


def field(text: str, layer: str, name: str, count: int, seed: int = 1,
          head: str = HEAD) -> list[object]:
    p = load_profile_text(head + text, "s.yaml")
    out = []
    for frame in p.frames(count=count, seed=seed):
        for lay in frame.layers:
            if lay.name == layer:
                out.append(lay.values[name])
                break
    return out


def test_range_wraps_around() -> None:
    got = field("      - udp: {dport: {from: 9000, to: 9002}}\n", "udp", "dport", 7)
    assert got == [9000, 9001, 9002, 9000, 9001, 9002, 9000]


def test_range_with_step_that_does_not_land_on_to() -> None:
    got = field("      - udp: {dport: {from: 1, to: 10, step: 4}}\n", "udp", "dport", 4)
    assert got == [1, 5, 9, 1]


def test_negative_step_counts_down() -> None:
    got = field("      - ipv4: {ttl: {from: 3, to: 1, step: -1}}\n", "ipv4", "ttl", 4)
    assert got == [3, 2, 1, 3]


def test_open_ended_range_runs_to_the_field_maximum_then_wraps() -> None:
    got = field("      - ipv4: {ttl: {from: 254}}\n", "ipv4", "ttl", 4)
    assert got == [254, 255, 254, 255]
    got = field("      - ipv4: {ttl: {from: 1, step: -1}}\n", "ipv4", "ttl", 3)
    assert got == [1, 0, 1]


def test_list_with_enum_words_and_numbers() -> None:
    got = field("      - icmp: {type: {list: [echo-request, echo-reply, 3]}}\n", "icmp", "type", 4)
    assert got == [8, 0, 3, 8]


def test_list_of_flags() -> None:
    got = field("      - tcp: {flags: {list: [S, SA, [fin, ack], 4]}}\n", "tcp", "flags", 4)
    assert got == [0x02, 0x12, 0x11, 0x04]


def test_address_ranges_step_through_as_integers() -> None:
    got = field("      - ipv4: {src: {from: 192.0.2.254, to: 192.0.3.1}}\n", "ipv4", "src", 5)
    assert got == [bytes([192, 0, 2, 254]), bytes([192, 0, 2, 255]), bytes([192, 0, 3, 0]),
                   bytes([192, 0, 3, 1]), bytes([192, 0, 2, 254])]
    got = field("      - ipv6: {dst: {from: '2001:db8::ffff', step: 2}}\n", "ipv6", "dst", 2)
    assert got == [bytes.fromhex("20010db80000000000000000" + "0000ffff"),
                   bytes.fromhex("20010db80000000000000000" + "00010001")]
    got = field("      - ether: {src: {list: [02:00:00:00:00:01, 02:00:00:00:00:02]}}\n",
                "ether", "src", 3)
    assert got == [bytes.fromhex("020000000001"), bytes.fromhex("020000000002"),
                   bytes.fromhex("020000000001")]
    got = field("      - ether: {dst: {from: 02:00:00:00:00:ff, to: 02:00:00:00:01:00}}\n",
                "ether", "dst", 2)
    assert got == [bytes.fromhex("0200000000ff"), bytes.fromhex("020000000100")]


def test_random_is_bounded_seeded_and_per_field() -> None:
    text = "      - udp: {sport: {random: [1000, 1010]}, dport: {random: [1000, 1010]}}\n"
    a = field(text, "udp", "sport", 200, seed=1)
    assert set(a) <= set(range(1000, 1011)) and len(set(a)) > 5
    assert a == field(text, "udp", "sport", 200, seed=1)  # runs repeat
    assert a != field(text, "udp", "sport", 200, seed=2)  # the seed matters
    assert a != field(text, "udp", "dport", 200, seed=1)  # each field has its own sequence
    # adding another stream field does not change this one's sequence
    b = field("      - udp: {sport: {random: [1000, 1010]}, len: {from: 8}}\n", "udp", "sport",
              200, seed=1)
    assert a == b


def test_random_addresses() -> None:
    got = field("      - ipv4: {src: {random: [198.51.100.1, 198.51.100.3]}}\n", "ipv4", "src",
                50)
    assert {bytes([198, 51, 100, n]) for n in (1, 2, 3)} == set(got)


def test_each_spec_advances_only_when_used() -> None:
    text = ("name: m\nframes:\n"
            "  - layers: [{udp: {dport: {from: 1, to: 3}}}]\n"
            "  - layers: [{udp: {dport: 100}}]\n"
            "  - layers: [{udp: {dport: {list: [7, 8]}}}]\n")
    p = load_profile_text(text, "m.yaml")
    frames = list(p.frames(count=9))
    assert [f.index for f in frames] == [0, 1, 2] * 3
    assert [f.number for f in frames] == list(range(9))
    assert [f.layers[0].values["dport"] for f in frames] == [1, 100, 7, 2, 100, 8, 3, 100, 7]
    # every frame of each stream once: 3 frames x the longest finite stream (3)
    assert p.default_count() == 9 and p.check_count() == 100


def test_default_and_check_counts() -> None:
    def counts(text: str) -> tuple[int, int]:
        p = load_profile_text(HEAD + text, "c.yaml")
        return p.default_count(), p.check_count()

    assert counts("      - udp: {}\n") == (1, 1)
    assert counts("      - udp: {dport: {from: 1, to: 300}}\n") == (300, 300)
    assert counts("      - udp: {dport: {from: 1, to: 5}, sport: {list: [1, 2]}}\n") == (5, 100)
    assert counts("      - udp: {dport: {random: [1, 9]}}\n") == (1, 100)
    assert counts("      - udp: {dport: {from: 1}}\n") == (1, 100)  # open-ended counts as 1
    assert load_profile("profiles/udp-sweep.yaml").default_count() == 16
    assert load_profile("profiles/textbook-raw.yaml").check_count() == 2


def test_default_count_is_what_frames_gives_without_count() -> None:
    p = load_profile("profiles/udp-sweep.yaml")
    frames = list(p.frames())
    assert len(frames) == 16
    assert [f.layers[2].values["dport"] for f in frames] == list(range(9000, 9016))
    assert [f.layers[1].values["src"][3] for f in frames] == list(range(1, 17))


def test_ether_dst_follows_a_streamed_destination() -> None:
    text = ("      - ether: {dst: auto}\n"
            "      - ipv4: {dst: {list: [192.0.2.2, 224.0.0.1, 255.255.255.255]}}\n")
    got = field(text, "ether", "dst", 4)
    assert got == [bytes.fromhex("020000000002"), bytes.fromhex("01005e000001"), b"\xff" * 6,
                   bytes.fromhex("020000000002")]


def test_frames_do_not_share_streamed_values() -> None:
    p = load_profile("profiles/udp-sweep.yaml")
    a, b = p.frames(count=2)
    assert a.layers[2].values is not b.layers[2].values
    assert a.layers[2].values["dport"] == 9000 and b.layers[2].values["dport"] == 9001
    assert a.notes is not b.notes


def test_each_frames_call_starts_over() -> None:
    p = load_profile("profiles/udp-sweep.yaml")
    first = [f.layers[1].values["id"] for f in p.frames(count=5)]
    assert first == [f.layers[1].values["id"] for f in p.frames(count=5)]


def test_a_million_frames_is_lazy_and_flat() -> None:
    p = load_profile("profiles/udp-sweep.yaml")
    gen = p.frames(count=1_000_000)
    assert inspect.isgenerator(gen)
    tracemalloc.start()
    try:
        for _ in itertools.islice(gen, 20_000):
            pass
        mid = tracemalloc.get_traced_memory()[0]
        for _ in itertools.islice(gen, 40_000):
            pass
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000  # bytes: nothing accumulates per frame
    assert current - mid < 50_000
    frame = next(gen)
    assert frame.number == 60_000 and frame.layers[2].values["dport"] == 9000 + 60_000 % 16


# -- random streams that share a key; streams inside list fields (issue 11) --------

_RA = """
frames:
  - layers:
      - ether: {{src: {ether_src}}}
      - ipv6: {{}}
      - icmpv6:
          type: router-advert
          options: [{{src-lladdr: {lladdr}}}, {{mtu: {{from: 1280, to: 1282}}}},
                    {{prefix-info: {{prefix: {{list: ["2001:db8:1::", "2001:db8:2::"]}}}}}}]
"""
_MACS = '{random: ["02:00:00:00:00:00", "02:00:00:ff:ff:ff"]'


def _options(text: str, count: int) -> list[tuple[bytes, tuple]]:
    frames = load_profile_text(text).frames(count=count)
    return [(f.layers[0].values["src"], f.layers[2].values["options"]) for f in frames]


def test_random_streams_with_one_key_draw_the_same_values() -> None:
    text = _RA.format(ether_src=_MACS + ", key: c}", lladdr=_MACS + ", key: c}")
    got = _options(text, 5)
    assert all(src == dict(opts)["src-lladdr"] for src, opts in got)
    assert len({src for src, _ in got}) == 5  # and they do vary
    apart = _RA.format(ether_src=_MACS + "}", lladdr=_MACS + "}")
    assert all(src != dict(opts)["src-lladdr"] for src, opts in _options(apart, 5))


def test_streams_inside_options_vary_per_frame() -> None:
    text = _RA.format(ether_src="02:00:00:00:00:01", lladdr="02:00:00:00:00:01")
    profile = load_profile_text(text)
    assert profile.default_count() == 3  # the longest stream inside the options: mtu's 3
    got = [dict(opts) for _, opts in _options(text, 4)]
    assert [o["mtu"] for o in got] == [1280, 1281, 1282, 1280]
    prefixes = [dict(o["prefix-info"])["prefix"].hex()[:8] for o in got]
    assert prefixes == ["20010db8", "20010db8", "20010db8", "20010db8"]
    assert [dict(o["prefix-info"])["prefix"][5] for o in got] == [1, 2, 1, 2]
    assert dict(got[0]["prefix-info"])["length"] == 64  # the other sub-fields stay


def test_the_built_frames_carry_the_drawn_values() -> None:
    text = _RA.format(ether_src="02:00:00:00:00:01", lladdr="02:00:00:00:00:01")
    built = craft.build(load_profile_text(text), count=2, backend="both")
    mtus = [dict(walk.decode(b.data)[2].values["options"])["mtu"] for b in built]
    assert mtus == [1280, 1281]


def test_key_is_for_random_streams_only() -> None:
    with pytest.raises(ProfileError, match="key names a random stream"):
        load_profile_text(_RA.format(ether_src="{from: 1, key: c}", lladdr="auto"))
