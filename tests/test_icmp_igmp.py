"""ICMP, ICMPv6 and IGMP by type (issue 10, part 2): each message carries
its own fields by name, a field the chosen type does not carry is an error
naming the type and the fields it carries, ND options, MLD and IGMPv3
records are named values, and what is built decodes, imports, streams,
explains and prints as tcpdump prints it.

Several tests fail on the code before this change: there every ICMPv6
type but RS/NS/NA silently dropped ``options`` and ``target`` (a router
advertisement with options built 8 bytes), ICMP had no field but id/seq,
and there was no IGMP layer."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from vectors import VECTORS, expected_bytes, ip4, ip6

import craft
from craft.capture.importer import import_packets, profile_yaml
from craft.capture.pcapdiff import Capture
from craft.decode.walk import decode
from craft.encode.patcher import Patcher
from craft.errors import ProfileError
from craft.fmt.explain import explain
from craft.io.pcap import Record
from craft.layers import icmpv6, igmp
from craft.profile.load import load_profile, load_profile_text
from craft.profile.resolve import PlaceholderResolver

ROOT = Path(__file__).resolve().parents[1]
HEAD = "name: t\nframes:\n  - layers:\n      - ether: {}\n"


def _one(layers: str) -> bytes:
    (built,) = craft.build(load_profile_text(HEAD + layers), backend="both")
    return built.data


def _error(layers: str) -> ProfileError:
    with pytest.raises(ProfileError) as info:
        load_profile_text(HEAD + layers, "t.yaml")
    return info.value


# --- the bug: fields a type does not carry -----------------------------------------------


def test_router_advert_options_are_built() -> None:
    data = _one("      - ipv6: {dst: 'ff02::1', hlim: 255}\n"
                "      - icmpv6: {type: router-advert, options: [{src-lladdr: auto}, "
                "{mtu: 1500}]}\n")
    msg = data[54:]
    assert len(msg) == 16 + 8 + 8  # before: 8 bytes, the options dropped
    assert msg[16:18] == b"\x01\x01" and msg[24:26] == b"\x05\x01"
    assert int.from_bytes(msg[28:32], "big") == 1500


def test_redirect_carries_target_and_destination() -> None:
    data = _one("      - ipv6: {hlim: 255}\n"
                "      - icmpv6: {type: redirect, target: 'fe80::1', dest: '2001:db8:1::9'}\n")
    msg = data[54:]
    assert len(msg) == 40
    assert msg[8:24] == ip6("fe80::1") and msg[24:40] == ip6("2001:db8:1::9")


@pytest.mark.parametrize("layer, bad, carries", [
    ("icmpv6: {type: echo-request, options: [{src-lladdr: auto}]}", "options",
     "type, code, checksum, id, seq"),
    ("icmpv6: {type: packet-too-big, target: '2001:db8::1'}", "target",
     "type, code, checksum, mtu"),
    ("icmpv6: {type: router-advert, target: '2001:db8::1'}", "target",
     "hlim, raflags, prf, reserved, lifetime, reachable, retrans, options"),
    ("icmpv6: {type: mld-query, version: mldv1, sources: ['2001:db8::1']}", "sources",
     "version, mrd, reserved, group"),
    ("icmp: {type: redirect, id: 7}", "id", "type, code, checksum, gateway"),
    ("icmp: {type: echo-request, gateway: 192.0.2.1}", "gateway", "id, seq"),
    ("igmp: {type: leave, sources: [192.0.2.1]}", "sources", "type, mrcode, checksum, group"),
])
def test_a_field_the_type_does_not_carry_is_an_error(layer: str, bad: str, carries: str) -> None:
    net = "ipv6" if "icmpv6" in layer else "ipv4"
    e = _error(f"      - {net}: {{}}\n      - {layer}\n")
    name, word = layer.split(":")[0], layer.split("type: ")[1].split(",")[0]
    assert f"{name} {word}" in e.message and f"does not carry {bad}" in e.message
    assert carries in e.message and "\n" not in e.message
    assert e.path.endswith(f".{bad}") and e.mark is not None and e.mark.line == 6


@pytest.mark.parametrize("layer, width", [
    ("icmp: {type: dest-unreach, unused: 65536}", 16),
    ("icmp: {type: parameter-problem, unused: 0x1000000}", 24),
    ("icmpv6: {type: mld-report, reserved: 65536}", 16),
    ("icmpv6: {type: router-advert, reserved: 8}", 3),
])
def test_a_value_wider_than_the_type_has_room_for_is_an_error(layer: str, width: int) -> None:
    net = "ipv6" if "icmpv6" in layer else "ipv4"
    e = _error(f"      - {net}: {{}}\n      - {layer}\n")
    assert f"out of range 0..{(1 << width) - 1}" in e.message
    assert f"({width} bits there)" in e.message
    load_profile_text(HEAD + f"      - {net}: {{}}\n      - " + layer.replace(
        str(re.search(r"(\w+)}$", layer)[1]), "1") + "\n")  # a value that fits: no error


def test_the_schema_knows_which_fields_each_type_carries() -> None:
    import jsonschema

    from craft.profile.schema import profile_schema

    v = jsonschema.Draft202012Validator(profile_schema())

    def frame(layer: dict) -> dict:
        return {"frames": [{"layers": [{"ipv6": {}}, layer]}]}

    assert not v.is_valid(frame({"icmpv6": {"type": "router-advert", "target": "2001:db8::1"}}))
    assert not v.is_valid(frame({"icmp": {"type": 5, "id": 3}}))
    assert v.is_valid(frame({"icmpv6": {"type": 134, "hlim": 64, "options": ["src-lladdr"]}}))
    assert v.is_valid(frame({"icmp": {"type": {"list": [8, 13]}, "originate": 5}}))  # a stream


def test_the_cli_says_it_in_one_line_with_exit_2(tmp_path: Path) -> None:
    p = tmp_path / "ra.yaml"
    p.write_text(HEAD + "      - ipv6: {}\n      - icmpv6: {type: echo-reply, target: '::1'}\n")
    r = subprocess.run([str(ROOT / ".venv/bin/craft"), "check", str(p), "--strict"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0
    assert "icmpv6 echo-reply does not carry target" in r.stderr


def test_a_stream_on_the_type_is_not_judged_per_frame() -> None:
    p = load_profile_text(HEAD + "      - ipv4: {}\n"
                          "      - icmp: {type: {list: [echo-request, timestamp]}, id: 3}\n")
    a, b = (f.layers[2].values for f in p.frames(count=2))
    assert (a["type"], b["type"]) == (8, 13)


# --- values by name --------------------------------------------------------------------


def test_prefix_info_takes_its_defaults_and_names_its_fields() -> None:
    data = _one("      - ipv6: {}\n      - icmpv6: {type: router-advert, options: [prefix-info]}\n")
    opt = data[54 + 16:]
    assert opt[:4] == b"\x03\x04\x40\xc0"  # type 3, 32 bytes, /64, L and A (scapy's defaults)
    assert opt[16:32] == ip6("2001:db8::")
    e = _error("      - ipv6: {}\n      - icmpv6: {type: router-advert, options: "
               "[{prefix-info: {prefx: '2001:db8::'}}]}\n")
    assert "unknown prefix-info field 'prefx' (did you mean 'prefix'?)" in e.message
    assert e.path.endswith("options[0].prefix-info.prefx")


def test_records_and_sources_by_name() -> None:
    data = _one("      - ipv4: {ttl: 1}\n      - igmp: {type: v3-report, records: "
                "[{allow: {group: 233.252.0.1, sources: 192.0.2.9}}, block]}\n")
    msg = data[34:]
    assert msg[0] == 0x22 and msg[6:8] == b"\x00\x02"
    assert msg[8:12] == b"\x05\x00\x00\x01" and msg[12:16] == ip4("233.252.0.1")
    assert msg[16:20] == ip4("192.0.2.9") and msg[20:24] == b"\x06\x00\x00\x00"
    e = _error("      - ipv6: {}\n      - icmpv6: {type: mldv2-report, records: "
               "[{is-include: {group: 233.252.0.1}}]}\n")
    assert "records[0].is-include.group" in e.path and "IPv6" in e.message


def test_dnssl_domain_names() -> None:
    data = _one("      - ipv6: {}\n      - icmpv6: {type: router-advert, options: "
                "[{dnssl: {domains: [example.com, lab.example.]}}]}\n")
    opt = data[54 + 16:]
    assert opt[0] == 31 and len(opt) == 8 * opt[1]
    assert b"\x07example\x03com\x00\x03lab\x07example\x00" in opt


# --- decoding: versions and exact round trips -----------------------------------------------


@pytest.mark.parametrize("hexmsg, version", [
    ("1100eeff00000000", 1),  # 8 bytes, code 0: IGMPv1 (RFC 3376 §7.1)
    ("1164ee9b00000000", 2),  # 8 bytes, code 100: IGMPv2
    ("1164ec1400000000027d0000", 3),  # 12 bytes: IGMPv3
])
def test_igmp_query_versions_as_rfc_3376_tells_them_apart(hexmsg: str, version: int) -> None:
    v, n = igmp.decode(bytes.fromhex(hexmsg))
    assert v["version"] == version and n == len(hexmsg) // 2


def test_mld_query_version_from_its_length() -> None:
    v1 = bytes.fromhex("8200000027100000") + bytes(16)
    assert icmpv6.decode(v1)[0]["version"] == 1
    assert icmpv6.decode(v1 + bytes.fromhex("027d0000"))[0]["version"] == 2


def test_nd_options_that_pack_back_differently_stay_bytes() -> None:
    # a prefix-info option with a reserved bit set: named, it would lose the bit
    raw = bytes.fromhex("0304" "40c1" "00000000" "00000000" "00000000") + bytes(16)
    assert icmpv6.parse_options(raw) == raw


MINE_IDS = {
    "icmpv6-router-advert", "icmpv6-ra-rdnss-dnssl", "icmpv6-redirect", "icmpv6-param-problem",
    "icmpv6-mldv1-report", "icmpv6-mldv2-query", "icmpv6-mldv2-report", "icmpv6-packet-too-big",
    "igmp-v2-report", "igmp-v1-query", "igmp-leave", "igmp-v3-query", "igmp-v3-report",
    "icmp-redirect", "icmp-frag-needed", "icmp-timestamp", "icmp-mask-reply",
    "icmp-param-problem", "icmp-router-advert", "icmp-port-unreachable",
}
MINE = [c for c in VECTORS if c[0] in MINE_IDS]


def test_imported_captures_rebuild_the_same_bytes() -> None:
    datas = [expected_bytes(c) for c in MINE if c[1][0][0] == "ether"]
    assert len(datas) >= 15
    capture = Capture("x.pcap", 1, [Record(0, 0, d, len(d), 1) for d in datas])
    text = profile_yaml(import_packets(capture), "again", "x.pcap")
    assert "prefix-info: {prefix:" in text and "to-exclude: {group:" in text
    assert [b.data for b in craft.build(load_profile_text(text), count=len(datas))] == datas


# --- streams, explain, bundled profiles ---------------------------------------------------


def test_a_stream_on_a_router_advert_field_is_patched() -> None:
    profile = load_profile("profiles/ipv6-ra.yaml", sets=["icmpv6.lifetime={from: 0, to: 9000}"])
    patched = list(Patcher(profile, PlaceholderResolver()).frames(50))
    assert patched == [b.data for b in craft.build(profile, count=50)]


def test_explain_lays_out_the_fields_of_the_type() -> None:
    frame = next(iter(load_profile("profiles/ipv6-ra.yaml").frames(count=1)))
    rows = {r.field: r for r in explain(frame) if r.layer == "icmpv6"}
    assert list(rows)[:10] == ["type", "code", "checksum", "hlim", "raflags", "prf", "reserved",
                               "lifetime", "reachable", "retrans"]
    assert (rows["raflags"].offset, rows["raflags"].bit, rows["raflags"].bits) == (59, 0, 3)
    assert rows["options"].offset == 70 and rows["options"].bits == 8 * 48


@pytest.mark.parametrize("name", ["ipv6-ra", "mld-report", "igmpv3-join", "icmp-redirect"])
def test_bundled_profiles_build_decode_and_verify(name: str, tmp_path: Path) -> None:
    profile = load_profile(name)
    (built,) = craft.build(profile, backend="both")
    parts = decode(built.data)
    assert not any(p.truncated or p.error for p in parts)
    msg = next(p for p in parts if p.name in ("icmpv6", "igmp", "icmp"))
    if name == "icmp-redirect":  # the quote: the datagram's header and 8 bytes, as given
        assert msg.values["gateway"] == ip4("192.0.2.253")
        assert built.data[42 + 2:42 + 4] == (84).to_bytes(2, "big")
    pcap = tmp_path / "f.pcap"
    r = subprocess.run([str(ROOT / ".venv/bin/craft"), "build", name, "-f", "pcap", "-o",
                        str(pcap)],
                       capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([str(ROOT / ".venv/bin/craft"), "verify", name, str(pcap)],
                       capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.skipif(shutil.which("tcpdump") is None, reason="tcpdump not installed")
def test_craft_read_prints_these_frames_as_tcpdump(tmp_path: Path) -> None:
    from craft.io.pcap import write_pcap

    datas = [expected_bytes(c) for c in MINE if c[1][0][0] == "ether"]
    pcap = tmp_path / "mine.pcap"
    write_pcap(pcap, [Record(0, 0, d, len(d), 1) for d in datas])
    for flags in ([], ["-v"]):
        ours = subprocess.run([str(ROOT / ".venv/bin/craft"), "read", *flags, str(pcap)],
                              capture_output=True, text=True, timeout=60).stdout
        theirs = subprocess.run(["tcpdump", "-n", *flags, "-r", str(pcap)],
                                capture_output=True, text=True, timeout=60).stdout
        assert ours.splitlines() == theirs.splitlines()
