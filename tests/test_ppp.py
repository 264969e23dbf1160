"""PPPoE discovery and session, PPP, LCP and IPCP (issue 11): what the
vectors (tests/vectors_ppp.py) do not show. Every computed field is
computed (and a given value kept), every name of an enumeration, tag and
option is accepted and lands on the wire as its number, bad input is
refused with one line naming the place, and what is built explains,
prints as JSON, imports back to the same bytes, streams and decodes
leniently."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest
from craftcli import run
from vectors import VECTORS, expected_bytes

import craft
from craft.capture.importer import import_packets, profile_yaml
from craft.capture.pcapdiff import Capture
from craft.decode.walk import decode
from craft.encode import scapy_
from craft.encode.audit import audit
from craft.encode.patcher import Patcher
from craft.errors import ProfileError, UsageError
from craft.fmt.explain import explain
from craft.io.pcap import Record
from craft.layers import ipcp, lcp, ppp, pppcp, pppoed
from craft.profile.load import load_profile_text
from craft.profile.resolve import PlaceholderResolver

HEAD = "name: t\nframes:\n  - layers:\n      - ether: {dst: '02:00:00:00:00:02'}\n"
SESSION = "      - pppoes: {sessionid: 0x0042}\n      - ppp: {}\n"
MINE = [c for c in VECTORS if {"pppoed", "pppoes"} & {name for name, _ in c[1]}]


def _one(layers: str) -> bytes:
    (built,) = craft.build(load_profile_text(HEAD + layers), backend="both")
    return built.data


def _error(layers: str) -> ProfileError:
    with pytest.raises(ProfileError) as info:
        load_profile_text(HEAD + layers, "t.yaml")
    return info.value


def test_the_vectors_cover_every_layer_and_its_main_kinds() -> None:
    kinds = {(name, v.get("code")) for c in MINE for name, v in c[1]}
    for code in pppoed.CODES.values():
        assert ("pppoed", code) in kinds
    for code in (1, 2, 3, 4, 5, 8, 9, 10):
        assert ("lcp", code) in kinds
    assert ("ipcp", 1) in kinds and ("ipcp", 3) in kinds
    assert len(MINE) >= 15


# --- computed fields ---------------------------------------------------------------------


def test_discovery_length_and_ethertype_are_computed() -> None:
    data = _one("      - pppoed: {code: pado, tags: [{ac-name: ac-1}, "
                "{host-uniq: '0102'}]}\n")
    assert data[12:14] == b"\x88\x63"
    assert data[14] == 0x11 and data[15] == 0x07
    assert struct.unpack("!H", data[18:20])[0] == len(data) - 20 == 8 + 6
    assert data[20:28] == bytes.fromhex("0102000461632d31")


def test_discovery_length_counts_a_payload_after_the_tags_and_a_given_one_is_kept() -> None:
    data = _one("      - pppoed: {tags: [{service-name: ''}]}\n"
                "      - payload: {hex: 'aabb'}\n")
    assert struct.unpack("!H", data[18:20])[0] == 4 + 2  # as scapy's PPPoED
    data = _one("      - pppoed: {len: 99, tags: [{service-name: ''}]}\n")
    assert struct.unpack("!H", data[18:20])[0] == 99


def test_session_length_protocol_and_lcp_length_are_computed() -> None:
    data = _one(SESSION + "      - lcp: {code: configure-request, options: [{mru: 1492}]}\n")
    assert data[12:14] == b"\x88\x64"
    assert struct.unpack("!H", data[16:18])[0] == 0x42
    assert struct.unpack("!H", data[18:20])[0] == len(data) - 20 == 2 + 8
    assert data[20:22] == b"\xc0\x21"
    assert data[22:28] == bytes.fromhex("010000080104")  # len 8 = 4 + the 4-byte option


@pytest.mark.parametrize("inner, number, decoded", [
    ("lcp: {}", 0xC021, "lcp"), ("ipcp: {}", 0x8021, "ipcp"),
    ("ipv4: {dst: 192.0.2.2}", 0x0021, "ipv4"), ("ipv6: {dst: '2001:db8::2'}", 0x0057, "ipv6"),
    # nothing bound follows: scapy's default, IPv4 (and so it decodes, cut short)
    ("payload: {hex: '00'}", ppp.IPV4, "ipv4"),
])
def test_ppp_protocol_is_computed_from_the_next_layer(inner: str, number: int,
                                                      decoded: str) -> None:
    data = _one(SESSION + f"      - {inner}\n")
    assert struct.unpack("!H", data[20:22])[0] == number
    assert [p.name for p in decode(data)][:4] == ["ether", "pppoes", "ppp", decoded]


def test_given_lengths_and_protocol_are_kept() -> None:
    data = _one("      - pppoes: {len: 3}\n      - ppp: {proto: ipcp}\n"
                "      - lcp: {code: echo-request, len: 77}\n")
    assert struct.unpack("!H", data[18:20])[0] == 3
    assert data[20:22] == b"\x80\x21"
    assert struct.unpack("!H", data[24:26])[0] == 77


def test_an_ipv4_datagram_in_a_session_has_its_checksums_right() -> None:
    data = _one(SESSION + "      - ipv4: {src: 192.0.2.1, dst: 198.51.100.1}\n"
                "      - udp: {sport: 1000, dport: 2000}\n      - payload: {text: hi}\n")
    parts = decode(data)
    assert [p.name for p in parts] == ["ether", "pppoes", "ppp", "ipv4", "udp", "payload"]
    assert audit(data) == []  # lengths and checksums right, the UDP one over IPv4's
    assert parts[4].values["checksum"] != 0


# --- every name ----------------------------------------------------------------------------


@pytest.mark.parametrize("word, number", list(pppoed.CODES.items()))
def test_each_discovery_code_name(word: str, number: int) -> None:
    assert _one(f"      - pppoed: {{code: {word}}}\n")[15] == number


@pytest.mark.parametrize("word, number", list(pppoed.TAG_TYPES.items()))
def test_each_tag_name_is_its_number(word: str, number: int) -> None:
    value = {"none": "", "hex": ": '0102'", "text": ": isp", "int": ": 1492",
             "fields": ": {vendor: 3561, data: '01'}"}[pppoed.TAG_VALUES[word][0]]
    item = word if not value else f"{{{word}{value}}}"
    data = _one(f"      - pppoed: {{tags: [{item}]}}\n")
    assert struct.unpack("!H", data[20:22])[0] == number
    assert decode(data)[1].values["tags"][0][0] == word


@pytest.mark.parametrize("word, number", list(pppcp.CODES.items()))
def test_each_lcp_code_name(word: str, number: int) -> None:
    assert _one(SESSION + f"      - lcp: {{code: {word}}}\n")[22] == number


@pytest.mark.parametrize("word, number", list(pppcp.NCP_CODES.items()))
def test_each_ipcp_code_name(word: str, number: int) -> None:
    assert _one(SESSION + f"      - ipcp: {{code: {word}}}\n")[22] == number


@pytest.mark.parametrize("word, number", list(ppp.PROTOCOLS.items()))
def test_each_ppp_protocol_name(word: str, number: int) -> None:
    data = _one(SESSION.replace("ppp: {}", f"ppp: {{proto: {word}}}"))
    assert struct.unpack("!H", data[20:22])[0] == number


_LCP_VALUES = {"mru": "1492", "accm": "0", "auth-protocol": "{protocol: chap, data: '05'}",
               "quality-protocol": "{protocol: lqr, data: '000003e8'}",
               "magic-number": "0x01020304", "fcs-alternatives": "2",
               "self-describing-pad": "4", "callback": "{operation: 6}", "mrru": "1600",
               "endpoint-discriminator": "{class: 3, address: '020000000001'}",
               "link-discriminator": "7"}


@pytest.mark.parametrize("word, number", list(lcp.OPTION_TYPES.items()))
def test_each_lcp_option_name_both_encoders(word: str, number: int) -> None:
    item = f"{{{word}: {_LCP_VALUES[word]}}}" if word in _LCP_VALUES else word
    data = _one(SESSION + f"      - lcp: {{options: [{item}]}}\n")  # backend both
    assert data[26] == number
    assert decode(data)[3].values["options"][0][0] == word


@pytest.mark.parametrize("word, number", list(ipcp.OPTION_TYPES.items()))
def test_each_ipcp_option_name_both_encoders(word: str, number: int) -> None:
    value = {"ip-addresses": "{source: 192.0.2.1, destination: 192.0.2.2}",
             "ip-compression-protocol": "{}"}.get(word, "192.0.2.53")
    data = _one(SESSION + f"      - ipcp: {{options: [{{{word}: {value}}}]}}\n")
    assert data[26] == number
    named = decode(data)[3].values["options"][0]
    assert named[0] == word
    if word == "ip-compression-protocol":  # its defaults: VJ, 16 slots, slot id compressed
        assert data[26:32] == bytes.fromhex("0206002d0f01")


def test_echo_carries_its_magic_number_and_data() -> None:
    data = _one(SESSION + "      - lcp: {code: echo-reply, id: 9, magic: 0xdeadbeef, "
                "data: '6869'}\n")
    assert data[22:] == bytes.fromhex("0a09000a" "deadbeef" "6869")


# --- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize("layers, where, says", [
    ("      - pppoed: {tags: [{host-name: '00'}]}\n", "pppoed.tags[0]",
     "unknown pppoed option 'host-name' (did you mean 'host-uniq'?)"),
    ("      - pppoed: {tags: [{host-uniq: 'zz'}]}\n", "pppoed.tags[0].host-uniq",
     "'z' is not a hex digit"),
    ("      - pppoed: {code: pads1}\n", "pppoed.code", "unknown name 'pads1'"),
    (SESSION + "      - lcp: {code: configure-request, magic: 5}\n", "lcp.magic",
     "lcp configure-request does not carry magic; its fields: code, id, len, options"),
    (SESSION + "      - lcp: {code: echo-request, options: [pfc]}\n", "lcp.options",
     "lcp echo-request does not carry options; its fields: code, id, len, magic, data"),
    (SESSION + "      - lcp: {options: [{mru: 70000}]}\n", "lcp.options[0].mru",
     "70000 is out of range 0..65535"),
    (SESSION + "      - lcp: {options: [{auth-protocol: {protocol: chapp}}]}\n",
     "lcp.options[0].auth-protocol.protocol", "unknown name 'chapp'"),
    (SESSION + "      - ipcp: {code: echo-request}\n", "ipcp.code",
     "unknown name 'echo-request'"),
    (SESSION + "      - ipcp: {options: [{ip-address: 192.0.2.300}]}\n",
     "ipcp.options[0].ip-address", "malformed IPv4 address"),
])
def test_bad_input_is_one_error_naming_the_place(layers: str, where: str, says: str) -> None:
    e = _error(layers)
    assert e.path == f"frames[0].{where}" and says in e.message


def test_craft_build_refuses_with_exit_2_and_one_line(tmp_path: Path) -> None:
    p = tmp_path / "bad.yaml"
    p.write_text(HEAD + SESSION + "      - lcp: {code: configure-request, magic: 5}\n")
    r = run("build", str(p))
    assert r.returncode == 2
    (line,) = r.stderr.strip().splitlines()
    assert line.startswith(f"{p}:7:") and "frames[0].lcp.magic" in line


def test_auto_destination_of_a_padi_is_broadcast_and_of_a_padr_an_error() -> None:
    text = "name: t\nframes:\n  - layers:\n      - ether: {dst: auto}\n      - pppoed: {}\n"
    (built,) = craft.build(load_profile_text(text))
    assert built.data[:6] == b"\xff" * 6
    with pytest.raises(UsageError, match="pppoed padr .* give the peer's MAC"):
        list(craft.build(load_profile_text(text.replace("pppoed: {}", "pppoed: {code: padr}"))))


# --- explain, JSON, import, streams ------------------------------------------------------


def test_explain_lays_out_the_fields() -> None:
    frame = next(iter(load_profile_text(
        HEAD + SESSION + "      - lcp: {code: echo-request, id: 3, magic: 7, data: '00'}\n"
    ).frames(count=1)))
    rows = {(r.layer, r.field): r for r in explain(frame)}
    assert rows[("pppoes", "len")].offset == 18 and rows[("pppoes", "len")].source == "computed"
    assert rows[("ppp", "proto")].offset == 20
    assert [(f, rows[("lcp", f)].offset) for f in ("code", "id", "len", "magic", "data")] == [
        ("code", 22), ("id", 23), ("len", 24), ("magic", 26), ("data", 30)]
    assert ("lcp", "options") not in rows


def test_build_explain_and_json_from_the_command_line() -> None:
    r = run("build", "profiles/pppoe-padi.yaml", "--format", "explain")
    assert r.returncode == 0 and "pppoed" in r.stdout and "host-uniq=0100000a" in r.stdout
    r = run("build", "profiles/pppoe-lcp.yaml", "--format", "json")
    assert r.returncode == 0
    (frame,) = [json.loads(line) for line in r.stdout.splitlines() if line.strip()]
    layers = {x["layer"]: x["fields"] for x in frame["layers"]}
    assert layers["ppp"]["proto"] == "lcp"
    assert layers["lcp"]["options"] == [["mru", 1492], ["magic-number", 0x5E630AB8]]
    r = run("build", "profiles/pppoe-padi.yaml", "--format", "json")
    (frame,) = [json.loads(line) for line in r.stdout.splitlines() if line.strip()]
    assert frame["layers"][1]["fields"]["tags"] == [["service-name", ""],
                                                     ["host-uniq", "0100000a"]]


def test_imported_captures_rebuild_the_same_bytes() -> None:
    datas = [expected_bytes(c) for c in MINE]
    capture = Capture("x.pcap", 1, [Record(0, 0, d, len(d), 1) for d in datas])
    text = profile_yaml(import_packets(capture), "again", "x.pcap")
    assert "- hex:" not in text  # every frame field by field
    assert "{ip-address: \"192.0.2.10\"}" in text and "protocol: chap" in text
    assert '{ac-name: "ac-1"}' in text and '{generic-error: "session closed"}' in text
    assert [b.data for b in craft.build(load_profile_text(text), count=len(datas))] == datas


def test_a_stream_on_the_session_id_and_the_lcp_id_varies_per_frame() -> None:
    text = (HEAD + "      - pppoes: {sessionid: {from: 1, to: 40}}\n      - ppp: {}\n"
            "      - lcp: {code: echo-request, id: {from: 0, to: 255}, magic: 1}\n")
    profile = load_profile_text(text)
    built = [b.data for b in craft.build(profile, count=40, backend="both")]
    assert [struct.unpack("!H", d[16:18])[0] for d in built] == list(range(1, 41))
    assert [d[23] for d in built] == list(range(40))
    assert list(Patcher(profile, PlaceholderResolver()).frames(40)) == built


def test_options_given_as_a_mapping_are_refused_plainly() -> None:
    e = _error(SESSION + "      - ipcp: {options: {ip-address: 192.0.2.1}}\n")
    assert "expected a list of options or hex" in e.message


# --- lenient decoding ---------------------------------------------------------------------


def test_a_cut_discovery_packet_is_marked_truncated() -> None:
    data = expected_bytes(next(c for c in MINE if c[0] == "pppoed-pado"))[:40]
    part = decode(data)[1]
    assert part.name == "pppoed" and part.truncated and "bytes missing" in part.error


def test_the_session_length_bounds_the_ppp_frame_and_the_rest_is_padding() -> None:
    data = _one(SESSION + "      - lcp: {code: terminate-ack}\n") + bytes(20)
    parts = decode(data)
    assert [p.name for p in parts] == ["ether", "pppoes", "ppp", "lcp", "padding"]
    assert parts[-1].values["data"] == bytes(20)


def test_an_lcp_length_below_its_header_is_flagged_not_raised() -> None:
    data = _one(SESSION + "      - lcp: {code: terminate-ack, len: 2, data: '0000'}\n")
    part = decode(data)[3]
    assert part.name == "lcp" and part.error == "bad-len 2"


def test_unknown_options_decode_as_bytes_that_rebuild() -> None:
    raw = bytes.fromhex("0104")  # an MRU option cut to 2 bytes: not nameable
    data = _one(SESSION + f"      - lcp: {{options: '{raw.hex()}'}}\n")
    assert decode(data)[3].values["options"] == raw


def test_streams_inside_options_and_tags_vary_per_frame() -> None:
    ncp = load_profile_text(HEAD + SESSION + "      - ipcp: {code: configure-nak, options: "
                            "[{ip-address: {from: 192.0.2.10, to: 192.0.2.19}}, "
                            "{primary-dns: 198.51.100.53}]}\n")
    built = [b.data for b in craft.build(ncp, backend="both")]  # the stream counts 10 frames
    assert [d[26:32] for d in built] == [bytes([3, 6, 192, 0, 2, 10 + k]) for k in range(10)]
    padi = load_profile_text(HEAD + "      - pppoed: {tags: [{service-name: ''}, "
                             "{vendor-specific: {vendor: {from: 1, to: 10}, data: '00'}}]}\n")
    built = [b.data for b in craft.build(padi, backend="both")]
    assert [struct.unpack("!I", d[28:32])[0] for d in built] == list(range(1, 11))


_EVERY = [f"lcp: {{options: [{{{w}: {v}}}]}}" for w, v in _LCP_VALUES.items()] + [
    "lcp: {options: [pfc, acfc, short-seq]}", "lcp: {options: '0104'}",
    "lcp: {code: code-reject, data: '0102030405'}", "lcp: {code: protocol-reject, rejected: 1}",
    "lcp: {code: discard-request, magic: 5, data: '00'}", "lcp: {code: 12, data: '00000001'}",
    "ipcp: {options: [{ip-addresses: {source: 192.0.2.1}}, {ip-compression-protocol: {}}]}",
    "ipcp: {options: [{mobile-ipv4: 192.0.2.9}, {primary-nbns: 192.0.2.9}, "
    "{secondary-nbns: 192.0.2.8}]}", "ipcp: {code: terminate-ack, data: '0102'}",
    "ipcp: {options: '0102'}",
]


@pytest.mark.parametrize("layer", _EVERY)
def test_scapy_dissection_agrees_with_the_decoder(layer: str) -> None:
    """scapy_ppp's reading (what the sniff tests hold the decoder against)
    names what craft's decoder names, padding after the packet included."""
    data = _one(SESSION + f"      - {layer}\n") + bytes(10)
    ours, theirs = decode(data), scapy_.dissect(data)
    assert [p.name for p in ours] == [n for n, _ in theirs]
    for part, (name, values) in zip(ours, theirs, strict=True):
        assert {k: part.values.get(k) for k in values} == values, name


def test_a_text_tag_that_is_not_utf8_leaves_the_tags_as_bytes() -> None:
    raw = bytes.fromhex("01010002ff00" "010300020102")
    data = _one(f"      - pppoed: {{tags: '{raw.hex()}'}}\n")
    assert decode(data)[1].values["tags"] == raw
    named = _one("      - pppoed: {tags: [{service-name: caf\u00e9}]}\n")
    assert decode(named)[1].values["tags"] == (("service-name", "caf\u00e9"),)
    assert named[20:29] == bytes.fromhex("01010005") + "café".encode()
