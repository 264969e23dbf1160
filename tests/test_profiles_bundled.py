"""Every bundled profile loads, expands, names itself, uses documentation
addresses only and validates against the JSON Schema (cross-encoding is
checked elsewhere)."""

from __future__ import annotations

import ipaddress
import json
from pathlib import Path

import jsonschema
import pytest

from craft.layers import LAYERS
from craft.layers.base import IPV4, IPV6, MAC, inet_checksum
from craft.profile.load import PROFILES_DIR, bundled_profiles, find_profile, load_profile
from craft.profile.schema import profile_schema
from craft.profile.yamlload import load

REQUIRED = {"icmp", "udp", "tcp-syn", "arp-request", "ipv6-echo", "icmpv6-ns", "vlan-udp",
            "udp-sweep", "textbook-raw"}
BUNDLED = sorted(PROFILES_DIR.glob("*.yaml"))
DOC_NETS = [ipaddress.ip_network(n) for n in (
    "192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32",
    "224.0.0.0/4", "255.255.255.255/32", "ff00::/8", "0.0.0.0/32", "::/128")]


def test_the_required_profiles_are_there() -> None:
    assert REQUIRED <= {p.stem for p in BUNDLED}


def test_bundled_profiles_listing() -> None:
    listing = bundled_profiles()
    assert [b.file for b in listing] == BUNDLED
    for name, file, description in listing:
        assert name and description and file.exists()
    assert {b.name for b in listing} >= {"icmp-echo", "tcp-syn", "textbook-raw"}


def test_find_profile_by_bundled_name() -> None:
    assert find_profile("icmp") == PROFILES_DIR / "icmp.yaml"
    assert find_profile("icmp-echo") == PROFILES_DIR / "icmp.yaml"
    assert load_profile("tcp-syn").name == "tcp-syn"
    assert find_profile("no/such.yaml") == Path("no/such.yaml")


def _doc_address(kind: str, value: bytes) -> bool:
    if kind == MAC:
        # locally administered (the lab's 02:..), multicast (33:33, 01:00:5e) or zero
        return bool(value[0] & 0x02) or bool(value[0] & 0x01) or value == b"\0" * 6
    addr = ipaddress.ip_address(value)
    return any(addr in net for net in DOC_NETS if net.version == addr.version)


def _netmask(value: bytes) -> bool:
    """Ones then zeros: a network mask."""
    n = int.from_bytes(value, "big")
    ones = 8 * len(value)
    return n == ((1 << ones) - 1) ^ ((1 << (ones - n.bit_count())) - 1)


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_bundled_profile_loads_and_expands(path: Path) -> None:
    p = load_profile(path)
    assert p.name and p.description
    n = p.check_count()
    frames = list(p.frames(count=n))
    assert len(frames) == n and n >= 1
    for frame in frames:
        for layer in frame.layers:
            fields = LAYERS[layer.name].HEADER.by_name
            for name, value in layer.values.items():
                kind = fields[name].kind
                if name == "mask" and _netmask(value):
                    continue  # a network mask (ospf's), not an address
                if kind in (MAC, IPV4, IPV6) and value is not None:
                    assert _doc_address(kind, value), (path.name, layer.name, name, value.hex())


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_bundled_profile_matches_the_schema(path: Path) -> None:
    jsonschema.Draft202012Validator(profile_schema()).validate(
        load(path.read_text(), str(path)))


def test_schema_is_valid_and_rejects_bad_profiles() -> None:
    schema = profile_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    v = jsonschema.Draft202012Validator(schema)
    json.dumps(schema)  # plain JSON
    good = {"frames": [{"layers": [{"ipv4": {"ttl": 64, "src": "auto", "flags": ["DF"]}},
                                   {"udp": {"dport": {"from": 1, "to": 9}}},
                                   {"payload": {"size": 10, "fill": "0xab"}}]}]}
    assert not list(v.iter_errors(good))
    for bad in (
        {"frames": [{"layers": [{"ipv4": {"ttl": 300}}]}]},  # out of range
        {"frames": [{"layers": [{"ipv4": {"tll": 3}}]}]},  # unknown field
        {"frames": [{"layers": [{"ipv5": {}}]}]},  # unknown layer
        {"frames": [{"layers": [{"icmp": {"type": "echo-requst"}}]}]},  # bad enum word
        {"frames": [{"layers": [{"udp": {"dport": {"from": 1, "step": 0}}}]}]},  # step 0
        {"frames": [{"layers": [{"udp": {"dport": {"list": []}}}]}]},  # empty list
        {"frames": [{"layers": [{"ipv4": {"dst": "auto"}}]}]},  # no auto for ipv4.dst
        {"frames": [{"layers": [{"tcp": {"options": [{"mss": 70000}]}}]}]},
        {"frames": [{"hex": "00", "layers": []}]},
        {"frames": []},
        {"name": "x"},
        {"frames": [{"hex": "00"}], "frame": 1},
    ):
        assert list(v.iter_errors(bad)), bad


def test_schema_enum_words_come_from_the_tables() -> None:
    defs = profile_schema()["$defs"]
    icmp_type = defs["layer_icmp"]["properties"]["icmp"]["properties"]["type"]["anyOf"]
    words = next(f["enum"] for f in icmp_type if "enum" in f)
    assert set(words) == set(LAYERS["icmp"].HEADER.by_name["type"].names)


def test_tcp_syn_options() -> None:
    (frame,) = load_profile("profiles/tcp-syn.yaml").frames()
    tcp = frame.layers[2].values
    names = [name for name, _ in tcp["options"]]
    assert names == ["mss", "sackok", "timestamp", "nop", "wscale"] and tcp["flags"] == 0x02


def test_icmpv6_ns_solicited_node() -> None:
    (frame,) = load_profile("profiles/icmpv6-ns.yaml").frames()
    ether, ipv6, icmpv6 = (layer.values for layer in frame.layers)
    assert ipv6["dst"] == ipaddress.IPv6Address("ff02::1:ff00:2").packed and ipv6["hlim"] == 255
    assert ether["dst"] == bytes.fromhex("3333ff000002")
    assert icmpv6["type"] == 135 and icmpv6["target"] == ipaddress.IPv6Address("2001:db8::2").packed
    assert icmpv6["options"][0][0] == "src-lladdr" and frame.layers[2].auto == {"options"}


def test_vlan_udp_has_two_tags() -> None:
    (frame,) = load_profile("profiles/vlan-udp.yaml").frames()
    assert [layer.name for layer in frame.layers][:3] == ["ether", "vlan", "vlan"]
    assert (frame.layers[1].values["vid"], frame.layers[2].values["vid"]) == (100, 200)


def test_textbook_raw_has_two_hex_frames_one_with_a_stale_checksum() -> None:
    p = load_profile("profiles/textbook-raw.yaml")
    icmp_frame, udp_frame = (f.layers[0].values["data"] for f in p.frames())
    assert all(spec.raw for spec in p.specs)
    for data in (icmp_frame, udp_frame):
        assert data[12:14] == b"\x08\x00" and inet_checksum(data[14:34]) == 0  # IPv4 header ok
        assert data[26:29] == bytes([192, 0, 2]) and data[30:33] == bytes([192, 0, 2])
    assert icmp_frame[23] == 1 and inet_checksum(icmp_frame[34:]) != 0  # stale
    assert udp_frame[23] == 17
    pseudo = udp_frame[26:34] + b"\x00\x11" + udp_frame[38:40]
    assert inet_checksum(pseudo + udp_frame[34:]) == 0  # right
