"""The profile format: values, auto addresses, payload forms, vars and --set.

Streams and laziness are in test_profile_streams.py; bad input in
test_profile_errors.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import craft
from craft.encode.struct_ import encode
from craft.errors import ProfileError
from craft.layers.frame import Frame
from craft.profile.load import load_profile, load_profile_text
from craft.profile.resolve import PlaceholderResolver

HEAD = "name: t\nframes:\n  - layers:\n"


def one(text: str, **kw: object) -> Frame:
    """The first frame of a profile given as text (frames under HEAD)."""
    return next(load_profile_text(HEAD + text, "t.yaml", **kw).frames(count=1))  # type: ignore[arg-type]


def values(frame: Frame, name: str, k: int = 0) -> dict[str, object]:
    return [layer for layer in frame.layers if layer.name == name][k].values


def test_public_api_exports_load_profile() -> None:
    assert craft.load_profile is load_profile


def test_icmp_profile_model() -> None:
    p = load_profile("profiles/icmp.yaml")
    assert p.name == "icmp-echo" and "ICMP echo" in p.description
    assert p.path == Path("profiles/icmp.yaml") and len(p.specs) == 1
    assert p.specs[0].mark is not None and p.specs[0].mark.line == 7
    (frame,) = p.frames(count=1)
    assert [layer.name for layer in frame.layers] == ["ether", "ipv4", "icmp", "payload"]
    ether, ipv4, icmp, payload = frame.layers
    assert ether.auto == {"dst", "src"} and ether.given == frozenset()
    assert ipv4.given == {"dst", "ttl"} and ipv4.auto == {"src"}
    assert ipv4.values["dst"] == bytes([192, 0, 2, 2]) and ipv4.values["ttl"] == 64
    assert ipv4.values["checksum"] is None and ipv4.values["id"] == 1  # computed / table default
    assert icmp.values["type"] == 8 and icmp.values["id"] == 0x1234 and icmp.values["seq"] == 1
    assert payload.values["data"] == b"Hello, World!"


def test_placeholder_auto_addresses_and_note_once() -> None:
    p = load_profile("profiles/icmp.yaml")
    frames = list(p.frames(count=3))
    for frame in frames:
        ether, ipv4 = frame.layers[0].values, frame.layers[1].values
        assert ether["src"] == bytes.fromhex("020000000001")
        assert ether["dst"] == bytes.fromhex("020000000002")
        assert ipv4["src"] == bytes([192, 0, 2, 1])
        assert len(frame.notes) == 1
        assert frame.notes[0].startswith("placeholder addresses used (no interface): ")
        assert "ipv4.src=192.0.2.1" in frame.notes[0]
    assert [f.number for f in frames] == [0, 1, 2] and {f.index for f in frames} == {0}


class LabServerResolver:
    """A resolver as `craft send` would have on the server end of the lab."""

    placeholder = False

    def mac(self) -> bytes:
        return bytes.fromhex("02000000000a")

    def ipv4(self) -> bytes:
        return bytes([198, 51, 100, 10])

    def ipv6(self) -> bytes:
        return bytes.fromhex("20010db80000000000000000000000aa")

    def neighbour(self, ip: bytes) -> bytes:
        return bytes.fromhex("0200000000") + ip[-1:]


def test_a_real_resolver_is_used_and_leaves_no_note() -> None:
    p = load_profile("profiles/icmpv6-ns.yaml")
    (frame,) = p.frames(resolver=LabServerResolver())
    ether, ipv6, icmpv6 = (layer.values for layer in frame.layers)
    assert ether["src"] == bytes.fromhex("02000000000a")
    assert ether["dst"] == bytes.fromhex("3333ff000002")  # multicast, no neighbour lookup
    assert ipv6["src"] == bytes.fromhex("20010db80000000000000000000000aa")
    assert icmpv6["options"] == (("src-lladdr", bytes.fromhex("02000000000a")),)
    assert frame.layers[2].auto == {"options"} and frame.notes == []


@pytest.mark.parametrize(
    "dst, mac",
    [
        ("192.0.2.2", "02000000000" + "2"),
        ("255.255.255.255", "ffffffffffff"),
        ("224.0.0.251", "01005e0000fb"),
        ("239.200.1.2", "01005e480102"),  # low 23 bits only
    ],
)
def test_ether_dst_auto_for_ipv4(dst: str, mac: str) -> None:
    f = one(f"      - ether: {{dst: auto}}\n      - ipv4: {{dst: {dst}}}\n")
    assert values(f, "ether")["dst"] == bytes.fromhex(mac)


def test_ether_dst_auto_for_arp_and_ipv6_behind_vlans() -> None:
    f = one("      - ether: {dst: auto}\n      - arp: {op: request}\n")
    assert values(f, "ether")["dst"] == b"\xff" * 6
    f = one("      - ether: {dst: auto}\n      - arp: {op: reply, tpa: 192.0.2.2}\n")
    assert values(f, "ether")["dst"] == bytes.fromhex("020000000002")
    f = one(
        "      - ether: {dst: auto}\n      - vlan: {}\n      - vlan: {}\n"
        "      - ipv6: {dst: 'ff02::1'}\n"
    )
    assert values(f, "ether")["dst"] == bytes.fromhex("333300000001")


def test_integers_enums_and_flags() -> None:
    f = one(
        "      - ipv4: {tos: 0x10, id: 0o17, flags: DF, proto: udp}\n"
        "      - tcp: {flags: SA, window: 0xffff, sport: '0x50'}\n"
    )
    ip, tcp = values(f, "ipv4"), values(f, "tcp")
    assert (ip["tos"], ip["id"], ip["flags"], ip["proto"]) == (16, 15, 2, 17)
    assert (tcp["flags"], tcp["window"], tcp["sport"]) == (0x12, 0xFFFF, 80)
    for spelling in ("[syn, ack]", "SA", "'syn,ack'", "18", "[S, A]"):
        assert values(one(f"      - tcp: {{flags: {spelling}}}\n"), "tcp")["flags"] == 0x12
    for spelling in ("[DF]", "DF", "2", "[df]", "'DF,MF'"):
        got = values(one(f"      - ipv4: {{flags: {spelling}}}\n"), "ipv4")["flags"]
        assert got == (3 if "MF" in spelling else 2)
    assert values(one("      - icmp: {type: 3, code: 1}\n"), "icmp")["type"] == 3
    assert values(one("      - icmp: {type: Echo_Reply}\n"), "icmp")["type"] == 0


def test_auto_on_a_computed_field_means_compute_it() -> None:
    f = one("      - ipv4: {checksum: auto, len: auto}\n")
    layer = f.layers[0]
    assert layer.values["checksum"] is None and "checksum" not in layer.given


def test_given_checksum_is_kept() -> None:
    f = one("      - ipv4: {}\n      - udp: {checksum: 0xdead}\n")
    assert values(f, "udp")["checksum"] == 0xDEAD and "checksum" in f.layers[1].given
    assert encode(f)[26:28] == b"\xde\xad"


def test_addresses_as_text() -> None:
    f = one(
        "      - ether: {src: 02-00-00-00-00-0A, dst: 02:00:00:00:00:0b}\n"
        "      - ipv6: {src: 2001:db8::1, dst: '2001:db8:0:0:0:0:0:2'}\n"
    )
    assert values(f, "ether")["src"] == bytes.fromhex("02000000000a")
    assert values(f, "ether")["dst"] == bytes.fromhex("02000000000b")
    assert values(f, "ipv6")["dst"] == bytes.fromhex("20010db8000000000000000000000002")


def test_tcp_options_list_and_hex() -> None:
    f = one(
        "      - tcp:\n          options: [{mss: 1460}, sackok, {timestamp: [12345, 0]},"
        " nop, {wscale: 7}, {sack: [[1, 2]]}, eol]\n"
    )
    assert values(f, "tcp")["options"] == (
        ("mss", 1460),
        ("sackok", None),
        ("timestamp", (12345, 0)),
        ("nop", None),
        ("wscale", 7),
        ("sack", ((1, 2),)),
        ("eol", None),
    )
    f = one("      - tcp: {options: '02 04 05 b4'}\n")
    assert values(f, "tcp")["options"] == bytes.fromhex("020405b4")


def test_icmpv6_and_ipv4_options() -> None:
    f = one("      - icmpv6: {type: neighbor-advert, options: [{tgt-lladdr: 02:00:00:00:00:02}]}\n")
    assert values(f, "icmpv6")["options"] == (("tgt-lladdr", bytes.fromhex("020000000002")),)
    assert f.layers[0].auto == frozenset()
    f = one("      - icmpv6: {type: router-solicit, options: '01 01 02 00 00 00 00 01'}\n")
    assert values(f, "icmpv6")["options"] == bytes.fromhex("0101020000000001")
    f = one("      - ipv4: {options: 0x94040000}\n")  # router alert, RFC 2113
    assert values(f, "ipv4")["options"] == bytes.fromhex("94040000")


def test_payload_forms(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "blob.bin").write_bytes(b"\x00\x01\x02")
    cases = {
        "{text: 'caf\u00e9'}": "café".encode(),
        "{text: 123}": b"123",  # the source text, not str(int)
        "{text: 0x10}": b"0x10",
        '{hex: "de ad:be ef"}': bytes.fromhex("deadbeef"),
        "{hex: 45}": b"\x45",
        "{file: data/blob.bin}": b"\x00\x01\x02",
        "{size: 4}": b"\0" * 4,
        "{size: 5, fill: 0xab}": b"\xab" * 5,
        "{size: 5, fill: '0xdead'}": b"\xde\xad\xde\xad\xde",
        "{size: 5, fill: xy}": b"xyxyx",
        "{size: 0}": b"",
    }
    for form, data in cases.items():
        p = tmp_path / "p.yaml"
        p.write_text(HEAD + f"      - payload: {form}\n")
        (frame,) = load_profile(p).frames()
        assert frame.layers[0].values["data"] == data, form
        assert frame.layers[0].given == {"data"}


def test_raw_layer_and_hex_frame() -> None:
    f = one("      - ether: {}\n      - raw: {hex: '0800 4500'}\n")
    assert values(f, "raw")["data"] == bytes.fromhex("08004500")
    p = load_profile_text(
        "frames:\n  - hex: |\n      02 00 00 00 00 02\n      0x08, 0x00\n", "t.yaml"
    )
    (frame,) = p.frames()
    assert p.specs[0].raw and p.name == "t"
    assert [layer.name for layer in frame.layers] == ["raw"]
    assert frame.layers[0].values["data"] == bytes.fromhex("0200000000020800")


def test_layer_with_no_body_takes_defaults() -> None:
    f = one("      - ether:\n      - ipv4:\n      - udp: {}\n")
    assert values(f, "udp")["sport"] == 53 and f.layers[1].given == frozenset()


# -- vars ----------------------------------------------------------------------

VARS = """name: v
vars:
  dst: 192.0.2.2
  ttl: 64
  port: 9000
  greeting: hi
frames:
  - layers:
      - ipv4: {dst: "${dst}", ttl: "${ttl}"}
      - udp: {dport: "${ port }", sport: {list: ["${port}", 9001]}}
      - payload: {text: "${greeting}, $${not a var} ${dst}:${port}"}
"""


def test_vars_whole_and_partial() -> None:
    f = next(load_profile_text(VARS, "v.yaml").frames(count=1))
    ip, udp, pl = (layer.values for layer in f.layers)
    assert ip["dst"] == bytes([192, 0, 2, 2]) and ip["ttl"] == 64
    assert udp["dport"] == 9000 and udp["sport"] == 9000
    assert pl["data"] == b"hi, ${not a var} 192.0.2.2:9000"


def test_var_overrides_are_yaml_scalars() -> None:
    p = load_profile_text(
        VARS, "v.yaml", vars={"dst": "198.51.100.7", "ttl": "5", "port": 0x50, "greeting": "on"}
    )
    assert p.vars["ttl"] == 5 and p.vars["greeting"] == "on"
    f = next(p.frames(count=1))
    ip, udp, pl = (layer.values for layer in f.layers)
    assert ip["dst"] == bytes([198, 51, 100, 7]) and ip["ttl"] == 5 and udp["dport"] == 80
    assert pl["data"] == b"on, ${not a var} 198.51.100.7:80"


def test_bundled_profile_var_override() -> None:
    p = load_profile("profiles/icmp.yaml", vars={"dst": "198.51.100.7"})
    (frame,) = p.frames(count=1)
    assert frame.layers[1].values["dst"] == bytes([198, 51, 100, 7])


# -- --set -----------------------------------------------------------------------


def test_set_long_and_short_forms() -> None:
    p = load_profile("profiles/icmp.yaml", sets=["ipv4.ttl=1"])
    assert next(p.frames(count=1)).layers[1].values["ttl"] == 1
    p = load_profile("profiles/icmp.yaml", sets=["frames[0].ipv4.ttl=0x02", "icmp.id=7"])
    frame = next(p.frames(count=1))
    assert frame.layers[1].values["ttl"] == 2 and frame.layers[2].values["id"] == 7


def test_set_adds_a_field_and_reaches_stacked_layers() -> None:
    p = load_profile(
        "profiles/vlan-udp.yaml", sets=["vlan[1].vid=5", "vlan.pcp=7", "ipv4.tos=0x20"]
    )
    frame = next(p.frames(count=1))
    assert values(frame, "vlan", 0)["vid"] == 100 and values(frame, "vlan", 0)["pcp"] == 7
    assert values(frame, "vlan", 1)["vid"] == 5
    assert values(frame, "ipv4")["tos"] == 0x20 and "tos" in frame.layers[3].given


def test_set_value_is_yaml_with_the_same_rules() -> None:
    p = load_profile(
        "profiles/udp.yaml",
        sets=["udp.dport={list: [1, 2]}", "ipv4.dst=${dst}", "ether.dst=02:00:00:00:00:09"],
        vars={"dst": "198.51.100.9"},
    )
    a, b = p.frames(count=2)
    assert (a.layers[2].values["dport"], b.layers[2].values["dport"]) == (1, 2)
    assert a.layers[1].values["dst"] == bytes([198, 51, 100, 9])
    assert a.layers[0].values["dst"] == bytes.fromhex("020000000009")
    assert "dst" not in a.layers[0].auto and "dst" in a.layers[0].given


def test_set_on_multi_frame_profile_and_on_layer_without_body() -> None:
    text = "frames:\n  - layers: [{ether: }, {ipv4: }]\n  - hex: '00'\n"
    p = load_profile_text(text, "t.yaml", sets=["frames[0].ipv4.ttl=9", "frames[1].hex=ff01"])
    a, b = p.frames()
    assert a.layers[1].values["ttl"] == 9 and b.layers[0].values["data"] == b"\xff\x01"


def test_placeholder_resolver_is_the_lab() -> None:
    r = PlaceholderResolver()
    assert r.placeholder and r.mac() == bytes.fromhex("020000000001")
    assert r.neighbour(bytes([192, 0, 2, 2])) == bytes.fromhex("020000000002")
    assert r.ipv6() == bytes.fromhex("20010db8000000000000000000000001")


# -- docs/profiles.md ---------------------------------------------------------------

DOC = Path(__file__).resolve().parent.parent / "docs" / "profiles.md"


def test_every_profile_example_in_the_docs_loads() -> None:
    import re

    blocks = re.findall(r"```yaml\n(.*?)```", DOC.read_text(), re.S)
    examples = [b for b in blocks if "frames:" in b]
    assert len(examples) >= 5
    for block in examples:
        p = load_profile_text(block, "docs/profiles.md")
        assert list(p.frames(count=2))


def test_docs_name_every_layer_and_field() -> None:
    from craft.layers import LAYERS
    from craft.profile.overrides import DATA_LAYERS

    text = DOC.read_text()
    for name, module in LAYERS.items():
        assert f"`{name}`" in text, name
        for f in module.HEADER.fields:
            if name not in DATA_LAYERS:  # their bytes: a section of their own, no field table
                assert f"| {f.name} |" in text.split(f"#### {name}\n", 1)[1], (name, f.name)


def test_set_replaces_the_payload_source() -> None:
    p = load_profile("profiles/udp-sweep.yaml", sets=["payload.text=hello"])
    assert next(p.frames(count=1)).layers[3].values["data"] == b"hello"
    p = load_profile("profiles/icmp.yaml", sets=["payload.size=3"])
    assert next(p.frames(count=1)).layers[3].values["data"] == b"\0\0\0"


def test_variables_made_of_variables() -> None:
    text = (
        "vars: {net: '192.0.2', dst: '${net}.7', a: '${b}', b: '${a}'}\n"
        "frames:\n  - layers:\n      - ipv4: {dst: '${dst}'}\n"
    )
    f = next(load_profile_text(text, "t.yaml").frames(count=1))
    assert f.layers[0].values["dst"] == bytes([192, 0, 2, 7])
    with pytest.raises(ProfileError, match=r"variable \$\{a\} refers to itself"):
        load_profile_text(text.replace("${dst}'}", "${a}'}"), "t.yaml")


def test_resolver_protocol_and_fill_auto() -> None:
    from craft.layers.frame import Layer
    from craft.profile.resolve import Resolver, fill_auto

    assert isinstance(PlaceholderResolver(), Resolver)
    assert isinstance(LabServerResolver(), Resolver)
    frame = Frame(
        [
            Layer(
                "ether", {"dst": None, "src": None, "type": None}, auto=frozenset({"dst", "src"})
            ),
            Layer(
                "arp",
                {"op": 1, "sha": None, "spa": None, "tpa": b"\xc0\0\2\2"},
                auto=frozenset({"sha", "spa"}),
            ),
        ]
    )
    used = fill_auto(frame, PlaceholderResolver())
    assert used == [
        "ether.dst=ff:ff:ff:ff:ff:ff",
        "ether.src=02:00:00:00:00:01",
        "arp.sha=02:00:00:00:00:01",
        "arp.spa=192.0.2.1",
    ]
    assert frame.notes == ["placeholder addresses used (no interface): " + ", ".join(used)]
    fill_auto(frame, PlaceholderResolver())
    assert len(frame.notes) == 1  # once
