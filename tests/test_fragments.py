"""Issue 10, IP done fully: the fragment directive (both encoders cut the
datagram their own way and agree on each fragment), IPv6 extension headers
and IPv4 options from profiles, and craft's tcpdump printer against the
installed tcpdump on the bundled profiles of this part."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from pathlib import Path

import craftcli
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import craft
from craft.decode.walk import decode
from craft.encode import scapy_, struct_
from craft.errors import ProfileError
from craft.fmt.explain import explain
from craft.layers import LAYERS, ip4opts
from craft.layers.base import inet_checksum
from craft.layers.fragmenting import Piece, mtu_pieces, split
from craft.layers.frame import Frame, Layer
from craft.profile.load import load_profile, load_profile_text

HEAD = "frames:\n  - "


def _build(text: str, count: int | None = None) -> list[craft.encode.build.Built]:
    return list(craft.build(load_profile_text(text), count=count, backend="both"))


def _profile(name: str) -> list[craft.encode.build.Built]:
    return list(craft.build(load_profile(name), backend="both"))


# --- the cut ---------------------------------------------------------------------


def test_mtu_pieces_cut_as_scapy() -> None:
    assert mtu_pieces(3000, 48, 1280) == [Piece(0, 1232, True), Piece(1232, 1232, True),
                                          Piece(2464, 536, False)]
    assert mtu_pieces(100, 20, 1500) == [Piece(0, 100, False)]
    assert mtu_pieces(1481, 20, 1500) == [Piece(0, 1480, True), Piece(1480, 1, False)]
    with pytest.raises(ValueError, match="no room"):
        mtu_pieces(100, 60, 64)


@pytest.mark.parametrize(("names", "expected"), [
    (["ether", "ipv4", "udp"], (1, 2, False)),
    (["ether", "ipv6", "icmpv6"], (1, 2, True)),
    (["ipv6", "hop-by-hop", "dest-opts", "udp"], (0, 2, True)),
    (["ipv6", "hop-by-hop", "dest-opts", "routing", "dest-opts", "tcp"], (0, 4, True)),
    (["ipv6", "dest-opts", "fragment", "udp"], (0, 3, False)),
])
def test_the_unfragmentable_part(names: list[str], expected: tuple) -> None:
    """RFC 8200 §4.5: up to the routing header, else the hop-by-hop header."""
    assert split(names) == expected


def test_frag6_is_three_fragments_of_one_echo() -> None:
    built = _profile("frag6")
    assert [b.frame.label for b in built] == [f"frames[0] fragment {k}/3" for k in (1, 2, 3)]
    whole = b""
    for k, b in enumerate(built):
        data = b.data
        assert len(data) - 14 <= 1280
        assert data[20] == 44  # ipv6.nh: fragment
        nh, _res, off_m, ident = struct.unpack("!BBHI", data[54:62])
        assert (nh, ident, off_m >> 3, off_m & 1) == (58, 0x1234, len(whole) // 8, k < 2)
        whole += data[62:]
    assert len(whole) == 3000 and whole[0] == 128  # the echo request, 3,000 bytes
    # the checksum covers the whole message, over the IPv6 pseudo-header
    src, dst = built[0].data[22:38], built[0].data[38:54]
    pseudo = src + dst + struct.pack("!I3xB", len(whole), 58)
    assert inet_checksum(pseudo + whole) == 0


def test_frag_overlap_pieces_in_the_order_given() -> None:
    built = _profile("frag-overlap")
    ips = [decode(b.data)[1].values for b in built]
    assert [(v["frag"] * 8, v["flags"] & 1, v["len"] - 20) for v in ips] == [
        (32, 0, 16), (0, 1, 24), (16, 1, 16)]
    assert {v["id"] for v in ips} == {0x1234}
    datagram = bytearray(48)
    for b, v in zip(built, ips, strict=True):
        datagram[v["frag"] * 8:v["frag"] * 8 + v["len"] - 20] = b.data[34:]
    assert datagram[8:] == b"A" * 40
    pseudo = bytes([192, 0, 2, 1, 192, 0, 2, 2, 0, 17, 0, 48])
    assert inet_checksum(pseudo + bytes(datagram)) == 0


def test_fill_makes_an_overlap_disagree() -> None:
    text = HEAD + """fragment: {pieces: [[0, 16], {offset: 8, length: 16, fill: 0x42}]}
    layers: [{ether: {}}, {ipv4: {}}, {udp: {}}, {payload: {size: 16, fill: 0x41}}]
"""
    first, second = (b.data for b in _build(text))
    assert first[34 + 8:] == b"A" * 8 and second[34:] == b"B" * 16
    assert second[20:22] == b"\x00\x01"  # offset 8 bytes, no MF: reaches the end (24)


def test_ipv4_options_after_the_first_fragment_are_the_copied_ones() -> None:
    """RFC 791 §3.2: LSRR and router alert copied, record route not."""
    text = HEAD + """fragment: {mtu: 100}
    layers:
      - ether: {}
      - ipv4: {options: [{record-route: 2}, {lsrr: [198.51.100.9]}, router-alert]}
      - udp: {}
      - payload: {size: 150}
"""
    built = _build(text)
    assert len(built) == 3
    opts = [decode(b.data)[1].values["options"] for b in built]
    assert [n for n, _ in opts[0]] == ["record-route", "lsrr", "router-alert"]
    assert all([n for n, _ in o] == ["lsrr", "router-alert"] for o in opts[1:])
    assert all(len(b.data) - 14 <= 100 for b in built)


def test_ping_of_death_piece_past_65535() -> None:
    text = HEAD + """fragment: {pieces: [[0, 1480], {offset: 65528, length: 1000, fill: 0x58}]}
    layers:
      - ether: {}
      - ipv4: {}
      - icmp: {type: echo-request}
      - payload: {size: 1472}
"""
    built = _build(text)
    ip = decode(built[1].data)[1].values
    assert ip["frag"] * 8 + ip["len"] - 20 > 65535 and not ip["flags"] & 1


def test_extension_headers_stay_in_front_of_each_fragment() -> None:
    text = HEAD + """fragment: {pieces: [[0, 16], [16, 92]], id: 7}
    layers:
      - ether: {}
      - ipv6: {}
      - hop-by-hop: {options: [router-alert]}
      - routing: {addresses: [2001:db8::5, 2001:db8::6]}
      - dest-opts: {}
      - udp: {}
      - payload: {size: 92}
"""
    for b in _build(text):
        names = [p.name for p in decode(b.data)]
        assert names[:5] == ["ether", "ipv6", "hop-by-hop", "routing", "fragment"]


def test_count_runs_on_into_the_next_datagram() -> None:
    p = load_profile("frag6")
    assert p.default_count() == 3
    frames = list(p.frames(count=4))
    assert [(f.number, f.fragment.k) for f in frames] == [(0, 0), (1, 1), (2, 2), (3, 0)]


def test_explain_shows_what_a_fragment_carries() -> None:
    frame = list(load_profile("frag6").frames(count=2))[1]
    rows = explain(frame)
    assert [r.layer for r in rows][-1] == "raw"
    assert {r.layer for r in rows} >= {"ether", "ipv6", "fragment"}
    assert any(r.layer == "fragment" and r.field == "offset" and r.value == "154" for r in rows)


@pytest.mark.parametrize(("body", "message"), [
    ("fragment: {mtu: 1280, pieces: [[0, 8]]}\n    layers: [{ipv4: {}}]", "give mtu or pieces"),
    ("fragment: {pieces: [[3, 8]]}\n    layers: [{ipv4: {}}]", "not a multiple of 8"),
    ("fragment: {mtu: 1280}\n    layers: [{ether: {}}, {arp: {}}]", "needs an ipv4 or ipv6"),
    ("fragment: {mtu: 1280}\n    hex: '00'", "cannot be fragmented"),
    ("fragment: {size: 1280}\n    layers: [{ipv4: {}}]", "unknown key 'size'"),
    ("fragment: {pieces: [{offset: 0}]}\n    layers: [{ipv4: {}}]", "a piece is"),
])
def test_fragment_errors(body: str, message: str) -> None:
    with pytest.raises(ProfileError, match=message):
        load_profile_text(HEAD + body + "\n")


# --- extension headers and options from profiles ----------------------------------


def test_ipv6_ext_profile_checksum_goes_to_the_final_segment() -> None:
    built = _profile("ipv6-ext")
    parts = decode(built[0].data)
    assert [p.name for p in parts] == ["ether", "ipv6", "hop-by-hop", "routing", "dest-opts",
                                       "icmpv6", "payload"]
    rt = parts[3].values
    assert (rt["type"], rt["segleft"], rt["lastentry"]) == (4, 1, 1)
    icmp = built[0].data[parts[5].offset:]
    src = parts[1].values["src"]
    pseudo = src + rt["addresses"][0] + struct.pack("!I3xB", len(icmp), 58)
    assert inet_checksum(pseudo + icmp) == 0


def test_ipv4_options_by_name_and_their_errors() -> None:
    (b,) = _build(HEAD + "layers: [{ipv4: {options: [nop, {timestamp: {flag: tsandaddr, "
                  "entries: [[192.0.2.9, 7]]}}, {security: [1, 2, 3, 4]}]}}]\n")
    assert b.data[20:] == bytes.fromhex("01" "440c0501c000020900000007"
                                        "820b000100020003000004")
    assert b.data[0] == 0x46 + 5  # ihl 11: 20 + 24 option bytes
    with pytest.raises(ProfileError, match="options take 48 bytes; at most 40"):
        load_profile_text(HEAD + "layers: [{ipv4: {options: [{record-route: 9}, nop, nop, "
                          "{lsrr: [192.0.2.1]}]}}]\n")
    with pytest.raises(ProfileError, match="security is a list of 4 numbers"):
        load_profile_text(HEAD + "layers: [{ipv4: {options: [{security: 1}]}}]\n")


def test_ipv4_copied_options() -> None:
    raw = ip4opts.options_bytes((("record-route", (b"\0" * 4,)), ("nop", None),
                                 ("lsrr", (b"\xc0\x00\x02\x09",))))
    assert ip4opts.copied(raw) == bytes.fromhex("8307" + "04c0000209") + b"\0"


# --- craft read -v against tcpdump ------------------------------------------------

PROFILES = ("ipv6-ext", "frag6", "frag-overlap", "ip-record-route")


@pytest.mark.parametrize("name", PROFILES)
def test_read_prints_the_profiles_as_tcpdump(tmp_path: Path, name: str) -> None:
    """``craft read -v`` on a pcap of the profile's frames prints what the
    installed tcpdump prints."""
    tcpdump = shutil.which("tcpdump")
    if tcpdump is None:
        pytest.skip("tcpdump is not installed")
    pcap = tmp_path / "x.pcap"
    build = craftcli.run("build", name, "-f", "pcap", "-o", str(pcap))
    assert build.returncode == 0, build.stderr
    env = dict(os.environ, TZ="UTC")
    res = subprocess.run([tcpdump, "-n", "-v", "-r", str(pcap)], capture_output=True, text=True,
                         env=env, timeout=60, check=True)
    ours = craftcli.run("read", "-v", str(pcap), env=env)
    assert ours.returncode == 0, ours.stderr
    assert ours.stdout == res.stdout


@pytest.mark.parametrize("name", ["ipv6-ext", "frag6", "ip-record-route"])
def test_the_build_path_gives_the_per_frame_bytes(name: str) -> None:
    """craft build's long-stream path (a patched template: the routing header's
    final destination in the checksum; a datagram's fragments built once)."""
    from craft.encode.build import build_data
    from craft.encode.patcher import Patcher
    from craft.encode.struct_ import encode
    from craft.profile.resolve import PlaceholderResolver

    p = load_profile(name)
    assert list(build_data(p, count=700, backend="struct")) == [
        encode(f) for f in p.frames(count=700)]
    if name == "ipv6-ext":  # the template is patchable: checksum to the final segment
        assert Patcher(p, PlaceholderResolver()).size > 0


# --- both encoders on random extension-header chains and named IPv4 options --------

_ADDR6 = st.binary(min_size=16, max_size=16)
_IP6_OPTION = st.one_of(
    st.tuples(st.just("pad1"), st.none()), st.tuples(st.just("padn"), st.integers(0, 6)),
    st.tuples(st.just("router-alert"), st.integers(0, 0xFFFF)),
    st.tuples(st.just("jumbo"), st.integers(0, 2**32 - 1)),
    st.tuples(st.just("home-address"), _ADDR6))
_IP4_OPTION = st.one_of(
    st.tuples(st.just("nop"), st.none()),
    st.tuples(st.sampled_from(["record-route", "lsrr", "ssrr"]),
              st.lists(st.binary(min_size=4, max_size=4), min_size=1, max_size=3).map(tuple)),
    st.tuples(st.just("router-alert"), st.integers(0, 0xFFFF)),
    st.tuples(st.just("security"), st.tuples(st.integers(0, 0xFFFF), st.integers(0, 0xFFFF),
                                             st.integers(0, 0xFFFF), st.integers(0, 2**24 - 1))),
    st.tuples(st.just("timestamp"), st.one_of(
        st.tuples(st.just(0), st.lists(st.integers(0, 2**32 - 1), max_size=3).map(tuple)),
        st.tuples(st.sampled_from([1, 3]), st.lists(st.tuples(
            st.binary(min_size=4, max_size=4), st.integers(0, 2**32 - 1)),
            min_size=1, max_size=1).map(tuple)))))


def _layer(name: str, **given: object) -> Layer:
    values = LAYERS[name].HEADER.defaults()
    values.update(given)
    return Layer(name, values, frozenset(given))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hbh=st.lists(_IP6_OPTION, max_size=3).map(tuple),
       dst=st.lists(_IP6_OPTION, max_size=2).map(tuple),
       rtype=st.sampled_from([0, 2, 4]), addrs=st.lists(_ADDR6, max_size=3).map(tuple),
       transport=st.sampled_from(["udp", "tcp", "icmpv6"]), data=st.binary(max_size=40))
def test_extension_header_chains_agree(hbh: tuple, dst: tuple, rtype: int, addrs: tuple,
                                       transport: str, data: bytes) -> None:
    frame = Frame([_layer("ether"), _layer("ipv6"), _layer("hop-by-hop", options=hbh),
                   _layer("routing", type=rtype, addresses=addrs),
                   _layer("dest-opts", options=dst), _layer(transport),
                   _layer("payload", data=data)])
    assert struct_.encode(frame) == scapy_.encode(frame)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(opts=st.lists(_IP4_OPTION, max_size=3).map(tuple),
       transport=st.sampled_from(["udp", "tcp", "icmp"]), data=st.binary(max_size=40))
def test_named_ipv4_options_agree(opts: tuple, transport: str, data: bytes) -> None:
    assume(len(ip4opts.options_bytes(opts)) <= 40)
    frame = Frame([_layer("ether"), _layer("ipv4", options=opts), _layer(transport),
                   _layer("payload", data=data)])
    ours = struct_.encode(frame)
    assert ours == scapy_.encode(frame)
    back = decode(ours)[1].values["options"]  # named again, or the bytes when not the same
    assert ip4opts.options_bytes(back) == ip4opts.options_bytes(opts)


@pytest.mark.parametrize("text", [
    HEAD + "fragment: {mtu: 1280, id: 5}\n    layers: [{ether: {}}, {ipv6: {}}, "
    "{hop-by-hop: {options: [router-alert]}}, {routing: {addresses: [2001:db8::5]}}, "
    "{udp: {}}, {payload: {size: 3000}}]\n",
    HEAD + "fragment: {pieces: [[8, 40], {offset: 0, length: 16, mf: true, fill: 7}]}\n"
    "    layers: [{ether: {}}, {ipv6: {}}, {fragment: {id: 9, res2: 3}}, {icmpv6: {}}, "
    "{payload: {size: 40}}]\n",
    HEAD + "fragment: {mtu: 200}\n    layers: [{ether: {}}, {ipv4: {options: [{lsrr: "
    "[192.0.2.7]}]}}, {tcp: {}}, {payload: {size: 500}}]\n",
])
def test_the_fast_fragment_bytes_are_the_fragment_frames(text: str) -> None:
    """encode() patches the IPv6 headers per piece; explain and verify read the
    fragment's own frame: the same bytes, and scapy's (backend both)."""
    for b in _build(text):
        assert b.data == struct_.encode(struct_.fragment_frame(b.frame))
