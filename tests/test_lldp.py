"""LLDP (IEEE 802.1AB) and LACP (IEEE 802.1AX): what the vectors
(tests/vectors_lldp.py) do not show. Every TLV length, address family and
LACP TLV type/length is computed (and a given LACP one kept), the default
TLVs and the appended End, each name of each enumeration and flag set,
errors worded as one line with exit 2, auto destinations, explain and
JSON, import round trips and a stream on the LACP layer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from craftcli import run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from vectors import VECTORS, expected_bytes, ip6

import craft
from craft.capture.importer import import_packets, profile_yaml
from craft.capture.pcapdiff import Capture
from craft.decode.walk import decode, frame_of
from craft.encode import scapy_, struct_
from craft.encode.patcher import Patcher
from craft.errors import ProfileError
from craft.io.pcap import Record
from craft.layers import LAYERS, lacp, lldp
from craft.layers.frame import Frame, Layer
from craft.profile.load import load_profile, load_profile_text
from craft.profile.resolve import PlaceholderResolver

HEAD = "name: t\nframes:\n  - layers:\n      - ether: {dst: auto, src: auto}\n"
MINE = [c for c in VECTORS if c[0].startswith(("lldp-", "lacp-"))]


def _one(layers: str) -> bytes:
    (built,) = craft.build(load_profile_text(HEAD + layers), backend="both")
    return built.data


def _tlvs(data: bytes) -> list[tuple[int, bytes]]:
    """(type, value) of each TLV after the Ethernet header, read here by hand."""
    out, i = [], 14
    while i + 2 <= len(data):
        word = int.from_bytes(data[i:i + 2], "big")
        t, n = word >> 9, word & 511
        out.append((t, data[i + 2:i + 2 + n]))
        i += 2 + n
        if t == 0:
            break
    return out


def _lldp(tlvs: str) -> list[tuple[int, bytes]]:
    return _tlvs(_one(f"      - lldp: {{tlvs: [{tlvs}]}}\n"))


# --- LLDP: defaults, End, computed lengths -----------------------------------------------


def test_no_tlvs_given_sends_the_mandatory_three_and_end() -> None:
    data = _one("      - lldp: {}\n")
    assert data[:6] == bytes.fromhex("0180c200000e")  # auto: the nearest-bridge group
    assert data[12:14] == b"\x88\xcc"  # ether.type computed
    assert _tlvs(data) == [(1, b"\x04\x02\0\0\0\0\x01"), (2, b"\x05eth0"), (3, b"\0\x78"),
                           (0, b"")]


def test_end_is_appended_once() -> None:
    assert [t for t, _ in _lldp("{ttl: 5}")] == [3, 0]
    data = _one("      - lldp: {tlvs: [{ttl: 5}, end]}\n")
    assert data[14:] == b"\x06\x02\x00\x05\x00\x00"  # not two Ends


def test_an_end_given_first_stays_where_it_is() -> None:
    data = _one("      - lldp: {tlvs: [end, {ttl: 7}]}\n")
    assert data[14:] == b"\x00\x00\x06\x02\x00\x07"


def test_hex_tlvs_are_sent_as_given_with_no_end_added() -> None:
    data = _one("      - lldp: {tlvs: '0602001e'}\n")
    assert data[14:] == bytes.fromhex("0602001e")


@pytest.mark.parametrize("name, t", [("port-description", 4), ("system-name", 5),
                                     ("system-description", 6)])
def test_text_tlv_lengths_are_computed(name: str, t: int) -> None:
    text = "x" * 200 + "é"  # 202 bytes in UTF-8
    ((got_t, body), _end) = _lldp(f"{{{name}: '{text}'}}")
    assert got_t == t and body == text.encode() and len(body) == 202


@pytest.mark.parametrize("which, t, mac_subtype", [("chassis-id", 1, 4), ("port-id", 2, 3)])
def test_id_subtypes_send_the_right_value(which: str, t: int, mac_subtype: int) -> None:
    subtypes = lldp.CHASSIS_SUBTYPES if which == "chassis-id" else lldp.PORT_SUBTYPES
    for word, number in subtypes.items():
        ((got_t, body), _end) = _lldp(
            f"{{{which}: {{subtype: {word}, mac: '02:00:00:00:00:09', address: '2001:db8::9', "
            "id: port 9}}")
        assert got_t == t and body[0] == number, word
        if number == mac_subtype:
            assert body[1:] == bytes.fromhex("020000000009")
        elif number == mac_subtype + 1:  # network-address: IANA family 2 (IPv6), computed
            assert body[1:] == b"\x02" + ip6("2001:db8::9")
        else:
            assert body[1:] == b"port 9"


def test_network_address_family_follows_the_address() -> None:
    ((_, body), _end) = _lldp("{chassis-id: {subtype: network-address, address: 192.0.2.7}}")
    assert body == b"\x05\x01\xc0\x00\x02\x07"


@pytest.mark.parametrize("word, bit", sorted(lldp.CAPABILITIES.items()))
def test_each_capability_name_is_its_bit(word: str, bit: int) -> None:
    ((t, body), _end) = _lldp(f"{{capabilities: {{system: {word}, enabled: 0}}}}")
    assert t == 7 and body == bit.to_bytes(2, "big") + b"\0\0"


@pytest.mark.parametrize("address, subtype, size", [("192.0.2.1", 1, 4), ("2001:db8::1", 2, 16)])
def test_management_address_subtype_and_lengths_are_computed(address: str, subtype: int,
                                                             size: int) -> None:
    ((t, body), _end) = _lldp(f"{{management-address: {{address: '{address}', ifsubtype: "
                              "port-number, ifnumber: 7, oid: '2b06'}}")
    assert t == 8 and body[0] == 1 + size and body[1] == subtype
    assert body[2 + size:] == b"\x03" + (7).to_bytes(4, "big") + b"\x02\x2b\x06"
    assert len(body) == 2 + size + 5 + 1 + 2


def test_org_specific_and_any_tlv() -> None:
    tlvs = _lldp("{org-specific: {oui: 0x00120f, subtype: 4, info: '05ee'}}, "
                 "{tlv: {type: 9, value: 'abcd'}}")
    assert tlvs == [(127, bytes.fromhex("00120f0405ee")), (9, b"\xab\xcd"), (0, b"")]


# --- LACP: computed TLV types and lengths, names ------------------------------------------


def test_lacp_tlv_types_and_lengths_are_computed() -> None:
    data = _one("      - lacp: {}\n")
    assert data[:6] == bytes.fromhex("0180c2000002") and data[12:14] == b"\x88\x09"
    du = data[14:]
    assert len(du) == 110 and du[:2] == b"\x01\x01"
    assert (du[2], du[3], du[22], du[23], du[42], du[43], du[58], du[59]) == (
        1, 20, 2, 20, 3, 16, 0, 0)


def test_lacp_given_lengths_are_kept() -> None:
    du = _one("      - lacp: {actor_length: 19, collector_type: 9, terminator_length: 1}\n")[14:]
    assert (du[3], du[42], du[59]) == (19, 9, 1)


@pytest.mark.parametrize("word, bit", sorted(lacp.STATE.items()))
def test_each_lacp_state_name_is_its_bit(word: str, bit: int) -> None:
    du = _one(f"      - lacp: {{actor_state: {word}, partner_state: {word}}}\n")[14:]
    assert du[18] == bit and du[38] == bit


def test_lacp_actor_system_auto_is_this_hosts_mac() -> None:
    du = _one("      - lacp: {actor_system: auto, actor_key: 0x1234}\n")[14:]
    assert du[6:12] == PlaceholderResolver().mac() and du[12:14] == b"\x12\x34"


def test_another_slow_protocol_subtype_is_not_decoded_as_lacp() -> None:
    data = bytearray(_one("      - lacp: {}\n"))
    data[14] = 2  # the Marker protocol
    part = decode(bytes(data))[1]
    assert part.name == "lacp" and part.error and "not LACP" in part.error


# --- errors: one line, exit 2 --------------------------------------------------------------


@pytest.mark.parametrize("layer, words", [
    ("lldp: {tlvs: [{chasis-id: {}}]}", "did you mean 'chassis-id'"),
    ("lldp: {tlvs: [{port-id: {subtype: ifname}}]}", "unknown name 'ifname'"),
    ("lldp: {tlvs: [{capabilities: {system: switch}}]}", "unknown flag 'switch'"),
    ("lldp: {tlvs: [{management-address: {address: 300.1.1.1}}]}", "malformed IPv4"),
    ("lldp: {tlvs: [{system-name: " + "n" * 256 + "}]}", "at most 255 fit"),
    ("lldp: {tlvs: [{ttl: 70000}]}", "out of range 0..65535"),
    ("lldp: {tlvs: [system-name]}", "system-name needs a value"),
    ("lldp: {tlvs: [{tlv: {value: '" + "00" * 512 + "'}}]}", "at most 511 fit"),
    ("lacp: {actor_state: lazy}", "unknown flag 'lazy'"),
    ("lacp: {subtype: marker}", "unknown name 'marker'"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, layer: str, words: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(HEAD + f"      - {layer}\n")
    r = run("build", str(path))
    assert r.returncode == 2, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], r.stderr
    assert "Traceback" not in r.stderr


def test_a_load_error_names_the_place() -> None:
    with pytest.raises(ProfileError) as info:
        load_profile_text(HEAD + "      - lldp: {tlvs: [{chassis-id: {subtype: mac, "
                          "mac: nope}}]}\n", "t.yaml")
    assert info.value.path == "frames[0].lldp.tlvs[0].chassis-id.mac"


# --- explain, JSON, import, streams ----------------------------------------------------------


@pytest.mark.parametrize("profile", ["profiles/lldp.yaml", "profiles/lacp.yaml"])
def test_explain_and_json(profile: str) -> None:
    r = run("build", profile, "--format", "explain")
    assert r.returncode == 0, r.stderr
    layer = "lldp" if "lldp" in profile else "lacp"
    assert f"\n{layer} " in r.stdout
    r = run("build", profile, "--format", "json")
    assert r.returncode == 0, r.stderr
    frame = json.loads(r.stdout.splitlines()[0])
    fields = frame["layers"][1]["fields"]
    assert frame["layers"][1]["layer"] == layer
    if layer == "lldp":
        names = [n for n, _ in fields["tlvs"]]
        assert names[:3] == ["chassis-id", "port-id", "ttl"] and names[-1] == "end"
        assert dict(fields["tlvs"])["capabilities"] == {"system": "router,bridge",
                                                        "enabled": "router,bridge"}
    else:
        assert fields["actor_state"] == "defaulted,aggregation,activity"
        assert fields["actor_length"] == 20


def test_imported_captures_rebuild_the_same_bytes() -> None:
    datas = [expected_bytes(c) for c in MINE]
    for p in ("profiles/lldp.yaml", "profiles/lacp.yaml"):
        datas += [b.data for b in craft.build(load_profile(p))]
    capture = Capture("x.pcap", 1, [Record(0, 0, d, len(d), 1) for d in datas])
    text = profile_yaml(import_packets(capture), "again", "x.pcap")
    assert "system-name: \"sw1.example.net\"" in text and "actor_state:" in text
    assert "{chassis-id: {subtype: local," in text  # enumerations by name
    assert [b.data for b in craft.build(load_profile_text(text), count=len(datas))] == datas


def test_lldp_without_end_decodes_as_bytes_and_rebuilds() -> None:
    data = bytes.fromhex("0180c200000e02000000000188cc" "0602001e")  # a TTL TLV, no End
    (_, part) = decode(data)
    assert part.name == "lldp" and part.values["tlvs"] == bytes.fromhex("0602001e")
    capture = Capture("x.pcap", 1, [Record(0, 0, data, len(data), 1)])
    text = profile_yaml(import_packets(capture), "again", "x.pcap")
    assert [b.data for b in craft.build(load_profile_text(text))] == [data]


def test_a_stream_on_the_lacp_layer_varies_per_frame() -> None:
    profile = load_profile("profiles/lacp.yaml", sets=["lacp.actor_port_number={from: 1}"])
    built = [b.data for b in craft.build(profile, count=4)]
    assert [int.from_bytes(d[30:32], "big") for d in built] == [1, 2, 3, 4]
    assert list(Patcher(profile, PlaceholderResolver()).frames(4)) == built


def test_summaries() -> None:
    (_, part) = decode(expected_bytes(MINE[0]))[:2]
    assert lldp.summary(part.values) == "LLDP chassis 02:00:00:00:00:01 port eth0 ttl 120"
    (data,) = [b.data for b in craft.build(load_profile("profiles/lacp.yaml"))]
    assert lacp.summary(decode(data)[1].values) == (
        "LACPv1 actor 02:00:00:00:00:01 key 13 port 1 state defaulted,aggregation,activity")


def test_streams_inside_lldp_tlvs_vary_per_frame() -> None:
    text = HEAD + ("      - lldp: {tlvs: [{chassis-id: {mac: {from: '02:00:00:00:00:01'}}}, "
                   "{port-id: {subtype: local, id: p1}}, {ttl: {from: 10, step: 10}}]}\n")
    built = [b.data for b in craft.build(load_profile_text(text), count=3, backend="both")]
    assert [_tlvs(d)[0][1][-1] for d in built] == [1, 2, 3]  # the chassis MAC's last byte
    assert [_tlvs(d)[2] for d in built] == [(3, b"\0\x0a"), (3, b"\0\x14"), (3, b"\0\x1e")]


# --- properties: struct == scapy, decode == scapy's reading, decode re-encodes -----------

_SETTINGS = settings(max_examples=60, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow])
_text = st.text(max_size=40)
_addr = st.one_of(st.binary(min_size=4, max_size=4), st.binary(min_size=16, max_size=16))


def _id_value(subtypes: dict[str, int]) -> st.SearchStrategy:
    return st.builds(lambda sub, m, a, i: (("subtype", sub), ("mac", m), ("address", a),
                                           ("id", i)),
                     st.sampled_from(sorted(subtypes.values())), st.binary(min_size=6, max_size=6),
                     _addr, st.binary(min_size=1, max_size=30))


_TLV = st.one_of(
    st.tuples(st.just("chassis-id"), _id_value(lldp.CHASSIS_SUBTYPES)),
    st.tuples(st.just("port-id"), _id_value(lldp.PORT_SUBTYPES)),
    st.tuples(st.just("ttl"), st.integers(0, 65535)),
    st.tuples(st.sampled_from(["port-description", "system-name", "system-description"]),
              _text),
    st.tuples(st.just("capabilities"), st.builds(
        lambda a, b: (("system", a), ("enabled", b)), st.integers(0, 65535),
        st.integers(0, 65535))),
    st.tuples(st.just("management-address"), st.builds(
        lambda a, s_, n, o: (("address", a), ("ifsubtype", s_), ("ifnumber", n), ("oid", o)),
        _addr, st.integers(1, 3), st.integers(0, 2**32 - 1), st.binary(max_size=20))),
    st.tuples(st.just("org-specific"), st.builds(
        lambda o, s_, i: (("oui", o), ("subtype", s_), ("info", i)),
        st.integers(0, 2**24 - 1), st.integers(0, 255), st.binary(max_size=30))),
    st.tuples(st.just("tlv"), st.builds(lambda t, v: (("type", t), ("value", v)),
                                        st.integers(9, 126), st.binary(max_size=30))),
)


def _frame(name: str, values: dict) -> Frame:
    v = LAYERS[name].HEADER.defaults()
    v.update(values)
    ether = LAYERS["ether"].HEADER.defaults()
    return Frame([Layer("ether", ether, frozenset()), Layer(name, v, frozenset(values))])


def _agree(frame: Frame, trailer: bytes) -> None:
    data = struct_.encode(frame)
    assert scapy_.encode(frame) == data
    data += trailer
    ours = [(p.name, p.values) for p in decode(data)]
    assert ours == scapy_.dissect(data)
    assert struct_.encode(frame_of(data, decode(data))) == data


@_SETTINGS
@given(st.lists(_TLV, max_size=8).map(tuple), st.booleans(), st.binary(max_size=8))
def test_lldp_properties(tlvs: tuple, end: bool, trailer: bytes) -> None:
    _agree(_frame("lldp", {"tlvs": (*tlvs, ("end", None)) if end else tlvs}),
           b"\0" * len(trailer))  # Ethernet pads with zeros: after End, or End itself


_STATE = st.integers(0, 255)


@_SETTINGS
@given(st.fixed_dictionaries({
    "actor_system_priority": st.integers(0, 65535), "actor_system": st.binary(min_size=6,
                                                                              max_size=6),
    "actor_key": st.integers(0, 65535), "actor_port_number": st.integers(0, 65535),
    "actor_state": _STATE, "partner_state": _STATE,
    "partner_system": st.binary(min_size=6, max_size=6),
    "collector_max_delay": st.integers(0, 65535),
    "reserved": st.binary(min_size=50, max_size=50),
    "actor_length": st.one_of(st.none(), st.integers(0, 255)),
}), st.binary(max_size=8))
def test_lacp_properties(values: dict, trailer: bytes) -> None:
    _agree(_frame("lacp", values), trailer)
