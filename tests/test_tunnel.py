"""The tunnel layers (issue 11): MPLS, GRE, VXLAN and Geneve. What the
vectors (tests/vectors_tunnel.py) do not show: each computed field computed
and a given value kept, names accepted, bad input refused with one line,
explain and JSON, import of a capture back into a profile that rebuilds it,
streams on their fields, and the decoder's guesses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from craftcli import run
from vectors import VECTORS, expected_bytes

import craft
from craft.capture.importer import import_packets, profile_yaml
from craft.capture.pcapdiff import Capture
from craft.decode.walk import decode
from craft.encode.audit import audit
from craft.encode.patcher import Patcher
from craft.io.pcap import Record
from craft.layers import geneve
from craft.layers.base import inet_checksum
from craft.profile.load import load_profile, load_profile_text
from craft.profile.resolve import PlaceholderResolver

HEAD = "name: t\nframes:\n  - layers:\n      - ether: {dst: '02:00:00:00:00:02'}\n"
IP = "      - ipv4: {src: 192.0.2.1, dst: 198.51.100.1}\n"
INNER = "      - ipv4: {src: 203.0.113.1, dst: 203.0.113.2}\n      - icmp: {}\n"


def _one(layers: str) -> bytes:
    (built,) = craft.build(load_profile_text(HEAD + layers), backend="both")
    return built.data


def _names(data: bytes) -> list[str]:
    return [p.name for p in decode(data)]


def _refused(tmp_path: Path, layers: str) -> str:
    """``craft build`` of a bad profile: exit 2 and one line naming the place."""
    p = tmp_path / "bad.yaml"
    p.write_text(HEAD + layers)
    r = run("build", str(p))
    assert r.returncode == 2, r.stdout + r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith(f"{p}:")
    return lines[0]


# --- MPLS ---------------------------------------------------------------------------------


def test_mpls_bottom_of_stack_is_computed_for_each_entry() -> None:
    data = _one("      - mpls: {label: 16}\n      - mpls: {label: 17}\n"
                "      - mpls: {label: 18}\n" + INNER)
    assert data[12:14] == b"\x88\x47"
    stack = [int.from_bytes(data[14 + 4 * k:18 + 4 * k], "big") for k in range(3)]
    assert [e >> 12 for e in stack] == [16, 17, 18]
    assert [(e >> 8) & 1 for e in stack] == [0, 0, 1]
    assert [p.values.get("s") for p in decode(data)[1:4]] == [0, 0, 1]


def test_mpls_given_bottom_of_stack_is_kept() -> None:
    data = _one("      - mpls: {label: 16, s: 1, tc: 7, ttl: 9}\n      - mpls: {label: 17}\n"
                + INNER)
    assert data[14:18] == bytes.fromhex("0001 0f 09".replace(" ", ""))  # s 1 though one follows
    # the decoder believes the bit: the second entry is read by the first nibble (0: payload)
    assert _names(data)[:3] == ["ether", "mpls", "payload"]


@pytest.mark.parametrize("inner, names", [
    ("      - ipv4: {}\n      - udp: {}\n", ["ipv4", "udp"]),
    ("      - ipv6: {}\n      - udp: {}\n", ["ipv6", "udp"]),
    ("      - payload: {hex: '0000c0ffee'}\n", ["payload"]),
])
def test_mpls_payload_is_guessed_by_its_first_nibble(inner: str, names: list[str]) -> None:
    data = _one("      - mpls: {label: 100}\n" + inner)
    assert _names(data) == ["ether", "mpls", *names]


def test_mpls_behind_a_vlan_tag_and_in_ip() -> None:
    data = _one("      - vlan: {vid: 5}\n      - mpls: {label: 3}\n" + INNER)
    assert data[12:14] == b"\x81\x00" and data[16:18] == b"\x88\x47"
    data = _one(IP + "      - mpls: {label: 3}\n" + INNER)
    assert data[14 + 9] == 137  # MPLS in IP (RFC 4023 §5)
    assert _names(data)[:4] == ["ether", "ipv4", "mpls", "ipv4"]


def test_mpls_label_too_wide_is_refused(tmp_path: Path) -> None:
    line = _refused(tmp_path, "      - mpls: {label: 1048576}\n" + INNER)
    assert "mpls.label" in line and "out of range 0..1048575" in line


# --- GRE ----------------------------------------------------------------------------------


def _gre(data: bytes) -> bytes:
    return data[34:]


def test_gre_key_and_sequence_set_their_bits() -> None:
    gre = _gre(_one(IP + "      - gre: {key: 0x2a, seq: 7}\n" + INNER))
    assert gre[:4] == bytes.fromhex("30000800")  # K and S, protocol IPv4
    assert gre[4:12] == bytes.fromhex("0000002a00000007")
    assert gre[12] >> 4 == 4  # the inner IPv4 header right after


def test_gre_without_optional_fields_is_four_bytes() -> None:
    data = _one(IP + "      - gre: {}\n" + INNER)
    assert _gre(data)[:4] == bytes.fromhex("00000800") and _gre(data)[4] == 0x45
    assert decode(data)[2].values["key"] is None


def test_gre_checksum_computed_when_present_and_given_one_kept() -> None:
    data = _one(IP + "      - gre: {chksum_present: 1}\n" + INNER)
    gre = _gre(data)
    assert gre[0] == 0x80 and gre[4:6] != b"\0\0"
    assert inet_checksum(gre) == 0  # over the GRE header and its payload (RFC 2784 §2.5)
    assert audit(data) == []
    kept = _gre(_one(IP + "      - gre: {checksum: 0x1234}\n" + INNER))
    assert kept[0] == 0x80 and kept[4:8] == bytes.fromhex("12340000")


def test_gre_wrong_checksum_is_found_by_the_audit() -> None:
    data = bytearray(_one(IP + "      - gre: {chksum_present: 1}\n" + INNER))
    data[38:40] = b"\xbe\xef"
    (finding,) = audit(bytes(data))
    assert (finding.layer, finding.field, finding.seen) == ("gre", "checksum", 0xBEEF)


def test_gre_presence_bits_given_decide_the_layout() -> None:
    gre = _gre(_one(IP + "      - gre: {key: 5, key_present: 0, seqnum_present: 1}\n" + INNER))
    assert gre[:2] == b"\x10\x00" and gre[4:8] == bytes(4)  # no key; a zero sequence number


@pytest.mark.parametrize("inner, proto", [
    (INNER, 0x0800),
    ("      - ipv6: {}\n      - udp: {}\n", 0x86DD),
    ("      - ether: {}\n" + INNER, 0x6558),
    ("      - mpls: {}\n" + INNER, 0x8847),
    ("      - payload: {text: x}\n", 0),
])
def test_gre_protocol_type_is_computed_from_the_inner_layer(inner: str, proto: int) -> None:
    data = _one(IP + "      - gre: {}\n" + inner)
    assert int.from_bytes(_gre(data)[2:4], "big") == proto
    assert data[14 + 9] == 47


@pytest.mark.parametrize("word, number", [("ipv4", 0x0800), ("ipv6", 0x86DD), ("teb", 0x6558),
                                          ("mpls", 0x8847), ("arp", 0x0806), ("0x88be", 0x88BE)])
def test_gre_protocol_names_and_a_given_number_are_kept(word: str, number: int) -> None:
    gre = _gre(_one(IP + f"      - gre: {{proto: {word}}}\n      - payload: {{text: x}}\n"))
    assert int.from_bytes(gre[2:4], "big") == number


def test_gre_decoder_marks_a_cut_header_and_refuses_routing() -> None:
    data = _one(IP + "      - gre: {key: 1}\n" + INNER)
    cut = decode(data[:34 + 6])
    assert cut[-1].name == "gre" and cut[-1].truncated
    routed = bytearray(data)
    routed[34] |= 0x40
    assert decode(bytes(routed))[2].error == "gre: RFC 1701 routing (R bit) is not decoded"


def test_gre_bad_value_is_refused(tmp_path: Path) -> None:
    line = _refused(tmp_path, IP + "      - gre: {key: 4294967296}\n" + INNER)
    assert "gre.key" in line and "out of range" in line
    line = _refused(tmp_path, IP + "      - gre: {proto: ipx}\n" + INNER)
    assert "gre.proto" in line and "ipv4" in line


# --- VXLAN --------------------------------------------------------------------------------


VXLAN = "      - udp: {}\n      - vxlan: {vni: 42}\n      - ether: {}\n" + INNER


def test_vxlan_ports_and_header() -> None:
    data = _one(IP + VXLAN)
    assert data[34:38] == bytes.fromhex("12b512b5")  # 4789 to 4789, filled by the loader
    assert data[42:50] == bytes.fromhex("080000000000 2a00".replace(" ", ""))
    assert _names(data) == ["ether", "ipv4", "udp", "vxlan", "ether", "ipv4", "icmp"]


@pytest.mark.parametrize("flags, byte", [("I", 0x08), ("0", 0x00), ("[I]", 0x08), ("0x88", 0x88)])
def test_vxlan_flags_by_name_or_number(flags: str, byte: int) -> None:
    data = _one(IP + VXLAN.replace("{vni: 42}", f"{{vni: 42, flags: {flags}}}"))
    assert data[42] == byte


def test_vxlan_given_ports_are_kept_and_the_decoder_finds_it_by_either() -> None:
    data = _one(IP + VXLAN.replace("udp: {}", "udp: {sport: 4789, dport: 40000}"))
    assert data[34:38] == bytes.fromhex("12b59c40")
    assert _names(data)[3] == "vxlan"  # by the source port


def test_vxlan_bad_values_are_refused(tmp_path: Path) -> None:
    line = _refused(tmp_path, IP + VXLAN.replace("{vni: 42}", "{vni: 16777216}"))
    assert "vxlan.vni" in line and "out of range 0..16777215" in line
    line = _refused(tmp_path, IP + VXLAN.replace("{vni: 42}", "{flags: X}"))
    assert "vxlan.flags" in line and "unknown flag 'X'" in line


# --- Geneve -------------------------------------------------------------------------------


def _geneve(options: str, inner: str = "      - ether: {}\n" + INNER) -> bytes:
    return _one(IP + "      - udp: {}\n      - geneve: {vni: 7" + options + "}\n" + inner)


def test_geneve_option_lengths_are_computed_and_data_padded() -> None:
    data = _geneve(", options: [{option: {class: ovn, type: 0x80, data: '0001000a00'}}, "
                   "{option: {class: 0xffff}}]")
    assert data[34:38] == bytes.fromhex("17c117c1")  # 6081 to 6081
    g = data[42:]
    assert g[0] == 4  # optlen: (4 + 8) + 4 bytes = 4 words
    assert g[8:12] == bytes.fromhex("01028002")  # class OVN, type 0x80, length 2 words
    assert g[12:20] == bytes.fromhex("0001000a00000000")  # zero-padded to 8 bytes
    assert g[20:24] == bytes.fromhex("ffff0000")
    opts = decode(data)[3].values["options"]
    assert opts[0] == ("option", (("class", 0x0102), ("type", 0x80), ("reserved", 0),
                                  ("length", 2), ("data", bytes.fromhex("0001000a00000000"))))


@pytest.mark.parametrize("word", sorted(geneve.CLASSES))
def test_geneve_option_class_names(word: str) -> None:
    g = _geneve(f", options: [{{option: {{class: {word}}}}}]")[42:]
    assert int.from_bytes(g[8:10], "big") == geneve.CLASSES[word]


def test_geneve_given_lengths_are_kept() -> None:
    g = _geneve(", optlen: 9, options: [{option: {length: 3, data: '00000000'}}]")[42:]
    assert g[0] == 9 and g[11] == 3


def test_geneve_options_as_hex_and_undecodable_ones_stay_bytes() -> None:
    data = _geneve(", options: '0000000200000000'")  # length 2 words, only one there
    assert data[42] == 2
    assert decode(data)[3].values["options"] == bytes.fromhex("0000000200000000")


@pytest.mark.parametrize("inner, proto", [
    ("      - ether: {}\n" + INNER, 0x6558),
    (INNER, 0x0800),
    ("      - ipv6: {}\n      - udp: {}\n", 0x86DD),
    ("      - payload: {text: x}\n", 0),
])
def test_geneve_protocol_type_is_computed(inner: str, proto: int) -> None:
    data = _geneve("", inner)
    assert int.from_bytes(data[44:46], "big") == proto


def test_geneve_flags_by_name() -> None:
    assert _geneve(", flags: C")[43] == 0x40
    assert _geneve(", flags: [oam, critical]")[43] == 0xC0


def test_geneve_bad_options_are_refused(tmp_path: Path) -> None:
    inner = "      - ether: {}\n" + INNER
    line = _refused(tmp_path, IP + "      - udp: {}\n      - geneve: {options: [{tlv: {}}]}\n"
                    + inner)
    assert "geneve.options[0]" in line and "unknown geneve option 'tlv'" in line
    line = _refused(tmp_path, IP + "      - udp: {}\n"
                    "      - geneve: {options: [{option: {klass: 1}}]}\n" + inner)
    assert "unknown option field 'klass'" in line and "class" in line


# --- explain, JSON, import, streams -------------------------------------------------------


@pytest.mark.parametrize("name, layer, field, source", [
    ("gre-tunnel", "gre", "key_present", "computed"),
    ("vxlan", "vxlan", "vni", "given"),
    ("mpls-stack", "mpls", "s", "computed"),
])
def test_explain_and_json_of_the_profiles(name: str, layer: str, field: str,
                                          source: str) -> None:
    r = run("build", name, "--format", "explain")
    assert r.returncode == 0, r.stderr
    rows = [line.split("│") for line in r.stdout.splitlines() if "│" in line]
    assert any(row[1].strip() == field and row[-1].strip() == source for row in rows)
    r = run("build", name, "--format", "json")
    assert r.returncode == 0, r.stderr
    frame = json.loads(r.stdout.splitlines()[0])
    assert layer in [entry["layer"] for entry in frame["layers"]]


MINE = [c for c in VECTORS if c[0].split("-")[0] in ("mpls", "gre", "vxlan", "geneve")]


def test_imported_captures_rebuild_the_same_bytes() -> None:
    datas = [expected_bytes(c) for c in MINE]
    assert len(datas) >= 8
    capture = Capture("x.pcap", 1, [Record(0, 0, d, len(d), 1) for d in datas])
    items = import_packets(capture)
    assert all(item.how == "fields" for item in items)
    text = profile_yaml(items, "again", "x.pcap")
    assert "gre: {" in text and "key: 1234" in text and "option: {class:" in text
    assert [b.data for b in craft.build(load_profile_text(text), count=len(datas))] == datas


@pytest.mark.parametrize("name, fields", [
    ("vxlan", ["vxlan.vni={from: 1, to: 300}"]),
    ("gre-tunnel", ["gre.key={from: 1, to: 300}"]),
    # the GRE checksum covers the key and the inner echo's varying sequence number
    ("gre-tunnel", ["gre.key={from: 1, to: 300}", "gre.chksum_present=1"]),
])
def test_a_stream_on_a_tunnel_field_is_patched(name: str, fields: list[str]) -> None:
    profile = load_profile(name, sets=fields)
    built = [b.data for b in craft.build(profile, count=50, backend="both")]
    assert len(set(built)) == 50
    assert list(Patcher(profile, PlaceholderResolver()).frames(50)) == built


def test_a_stream_on_an_mpls_label_varies_per_frame() -> None:
    profile = load_profile("mpls-stack", sets=["mpls[1].label={from: 16, to: 300}"])
    built = [b.data for b in craft.build(profile, count=50, backend="both")]
    labels = [p.values["label"] for data in built for p in decode(data)[2:3]]
    assert labels == list(range(16, 66))
    assert {decode(data)[1].values["label"] for data in built} == {100}


def test_export_needs_no_gre_checksum_when_it_is_not_sent() -> None:
    r = run("export", "gre-tunnel", "--count", "3")
    assert r.returncode == 0, r.stderr
    assert "sent 3 times" in r.stdout and "dinc(" in r.stdout  # counters, not 3 frames
