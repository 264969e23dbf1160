"""802.3 length framing, 802.2 LLC, SNAP, STP/RSTP BPDUs and CDP (issue 11):
what the vectors (tests/vectors_llc.py) do not show — computed fields
computed and given ones kept, names accepted, bad input refused in one
line, explain and JSON, import round trips, streams, and tshark's word on
CDP's odd-length checksum."""

from __future__ import annotations

import json
import shutil
import subprocess
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
from craft.errors import ProfileError
from craft.io.pcap import Record
from craft.layers import cdp, llc, snap, stp
from craft.layers.base import flags_text, flags_value
from craft.profile.load import load_profile, load_profile_text
from craft.profile.resolve import PlaceholderResolver

ROOT = Path(__file__).resolve().parents[1]
HEAD = "name: t\nframes:\n  - layers:\n      - ether: {dst: '01:80:c2:00:00:00'}\n"
MINE = [c for c in VECTORS if any(n in ("llc", "snap", "stp", "cdp") for n, _ in c[1])]


def _one(layers: str) -> bytes:
    (built,) = craft.build(load_profile_text(HEAD + layers), backend="both")
    return built.data


def _error(layers: str) -> ProfileError:
    with pytest.raises(ProfileError) as info:
        load_profile_text(HEAD + layers, "t.yaml")
    return info.value


def _values(data: bytes, name: str) -> dict:
    return next(p for p in decode(data) if p.name == name).values


# --- 802.3 length, LLC, SNAP ---------------------------------------------------------------


def test_ether_type_is_the_802_3_length_without_the_padding() -> None:
    data = _one("      - llc: {}\n      - stp: {type: tcn}\n      - padding: {size: 39}\n")
    assert len(data) == 60
    assert int.from_bytes(data[12:14], "big") == 3 + 4  # LLC + the TCN, not the padding
    kept = load_profile_text("frames:\n  - layers:\n      - ether: {type: 100}\n"
                             "      - llc: {}\n      - stp: {type: tcn}\n")
    (built,) = craft.build(kept, backend="both")
    assert int.from_bytes(built.data[12:14], "big") == 100
    assert [p.name for p in decode(built.data)] == ["ether", "llc", "stp"]


def test_the_802_3_length_bounds_what_is_decoded() -> None:
    frame = bytes.fromhex("0180c2000000020000000001" "0007" "424203" "00000080") + b"\xff" * 20
    parts = decode(frame)
    assert [p.name for p in parts] == ["ether", "llc", "stp", "padding"]
    assert parts[-1].values["data"] == b"\xff" * 20


@pytest.mark.parametrize("inner, layers, sap", [
    ("stp", "      - stp: {type: tcn}\n", 0x42),
    ("snap", "      - snap: {}\n      - cdp: {}\n", 0xAA),
    ("payload", "      - payload: {text: hi}\n", 0x00),
])
def test_llc_saps_are_computed_from_the_next_layer(inner: str, layers: str, sap: int) -> None:
    data = _one("      - llc: {}\n" + layers)
    assert data[14:17] == bytes([sap, sap, 3])


def test_llc_given_saps_are_kept_and_ssap_follows_dsap() -> None:
    data = _one("      - llc: {dsap: netbeui}\n      - payload: {text: hi}\n")
    assert data[14:17] == bytes([0xF0, 0xF0, 3])
    data = _one("      - llc: {dsap: stp, ssap: 0x43, control: test}\n      - stp: {type: tcn}\n")
    assert data[14:17] == bytes([0x42, 0x43, 0xE3])
    assert audit(data) == []  # the SSAP is the sender's: any value is right (llc.CHOSEN)


@pytest.mark.parametrize("name", list(llc.SAPS))
def test_every_sap_name_is_accepted(name: str) -> None:
    assert _one(f"      - llc: {{dsap: {name}}}\n      - payload: {{text: x}}\n")[14] \
        == llc.SAPS[name]


def test_snap_oui_and_pid_are_computed_and_given_ones_kept() -> None:
    data = _one("      - llc: {}\n      - snap: {}\n      - cdp: {}\n")
    assert data[17:22] == bytes.fromhex("00000c2000")
    data = _one("      - llc: {}\n      - snap: {}\n      - ipv4: {}\n      - udp: {}\n")
    assert data[17:22] == bytes.fromhex("0000000800")
    assert [p.name for p in decode(data)] == ["ether", "llc", "snap", "ipv4", "udp"]
    data = _one("      - llc: {}\n      - snap: {oui: 0x123456, pid: 0x1234}\n"
                "      - payload: {text: hi}\n")
    assert data[17:22] == bytes.fromhex("1234561234")


def test_a_pid_under_another_oui_is_not_its_protocol() -> None:
    # CDP's PID under OUI 0 is ethertype 0x2000, not CDP
    data = _one("      - llc: {}\n      - snap: {oui: 0}\n      - cdp: {}\n")
    assert [p.name for p in decode(data)] == ["ether", "llc", "snap", "payload"]
    assert snap.OUIS["cdp"] == 0x00000C


# --- STP ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind, size", [("tcn", 4), ("config", 35), ("rstp", 36)])
def test_the_bpdu_type_picks_its_length(kind: str, size: int) -> None:
    data = _one(f"      - llc: {{}}\n      - stp: {{type: {kind}}}\n")
    assert len(data) == 17 + size
    assert _values(data, "stp")["type"] == stp.TYPES[kind]


def test_a_field_the_bpdu_type_does_not_carry_is_an_error() -> None:
    e = _error("      - llc: {}\n      - stp: {type: tcn, root-mac: '02:00:00:00:00:01'}\n")
    assert "stp tcn does not carry root-mac; its fields: proto, version, type" in str(e)
    e = _error("      - llc: {}\n      - stp: {type: config, v1-length: 0}\n")
    assert "stp config does not carry v1-length" in str(e)


def test_bridge_ids_are_priority_plus_system_id_and_mac() -> None:
    data = _one("      - llc: {}\n      - stp: {root-priority: 4096, root-sysid: 10, "
                "root-mac: '02:00:00:00:00:09', bridge-priority: 61440, bridge-sysid: 4095}\n")
    body = data[17:]
    assert body[5:13] == bytes.fromhex("100a020000000009")
    assert body[17:19] == bytes.fromhex("ffff")
    v = _values(data, "stp")
    assert (v["root-priority"], v["root-sysid"], v["bridge-priority"], v["bridge-sysid"]) == \
        (4096, 10, 61440, 4095)


def test_timers_are_seconds_with_a_fraction_in_256ths() -> None:
    data = _one("      - llc: {}\n      - stp: {message-age: 3, max-age: 6, hello-time: 1, "
                "hello-time-frac: 128, forward-delay: 4}\n")
    assert data[17 + 27:17 + 35] == bytes([3, 0, 6, 0, 1, 128, 4, 0])


@pytest.mark.parametrize("name", list(stp.FLAG_NAMES))
def test_every_stp_flag_name_is_accepted(name: str) -> None:
    data = _one(f"      - llc: {{}}\n      - stp: {{type: rstp, flags: {name}}}\n")
    assert data[17 + 4] == stp.FLAG_NAMES[name]


@pytest.mark.parametrize("value, text", [
    (0x0C, "designated"), (0x08, "root"), (0x04, "alternate"),
    (0x7E, "agreement,forwarding,learning,designated,proposal"), (0x81, "tca,tc"),
])
def test_the_port_role_reads_as_one_name(value: int, text: str) -> None:
    f = stp.HEADER.by_name["flags"]
    assert flags_text(f, value) == text
    assert flags_value(f, text) == value


def test_version_and_type_names() -> None:
    data = _one("      - llc: {}\n      - stp: {version: mstp, type: rstp}\n")
    assert data[17 + 2:17 + 4] == bytes([3, 2])


# --- CDP ----------------------------------------------------------------------------------

CDP_HEAD = "name: t\nframes:\n  - layers:\n      - ether: {dst: '01:00:0c:cc:cc:cc'}\n" \
           "      - llc: {}\n      - snap: {}\n"


def _cdp(body: str) -> bytes:
    (built,) = craft.build(load_profile_text(CDP_HEAD + f"      - cdp: {body}\n"),
                           backend="both")
    return built.data


def test_cdp_checksum_is_computed_and_a_given_one_kept() -> None:
    data = _cdp("{tlvs: [{device-id: r1}]}")
    msg = data[22:]
    assert cdp.cdp_checksum(msg) == 0  # the sum over the message with its checksum
    assert _cdp("{checksum: 0x1234, tlvs: [{device-id: r1}]}")[24:26] == b"\x12\x34"


@pytest.mark.parametrize("last, word", [(0x7F, 0x007F), (0x80, 0xFF7F), (0xA9, 0xFFA8)])
def test_cdp_odd_length_last_byte_is_a_signed_word(last: int, word: int) -> None:
    # Wireshark's packet-cdp.c: the last byte in the low half, signed, one less when negative
    msg = bytes([2, 180, 0, 0]) + bytes([0, 1, 0, 5, last])
    padded = msg[:-1] + word.to_bytes(2, "big")
    assert cdp.cdp_checksum(msg) == _plain_checksum(padded)


def _plain_checksum(data: bytes) -> int:
    total = sum(int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data), 2))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


@pytest.mark.skipif(shutil.which("tshark") is None, reason="needs tshark")
def test_tshark_says_odd_length_checksums_are_good(tmp_path: Path) -> None:
    from tshark import check

    # device ids whose messages end in 0x7f, 0x80 (where scapy reads the byte otherwise)
    # and 0xa9; both encoders build each (backend "both")
    frames = [_cdp("{tlvs: [{device-id: \"ab\\x7f\"}]}"), _cdp("{tlvs: [{device-id: aÀ}]}"),
              _cdp("{tlvs: [{device-id: é}, {platform: xé}]}")]
    assert [len(f[22:]) % 2 for f in frames] == [1, 1, 1]
    assert [f[-1] for f in frames] == [0x7F, 0x80, 0xA9]
    assert check(frames, tmp_path) == [[], [], []]
    out = subprocess.run(["tshark", "-r", str(tmp_path / "frames.pcap"), "-V"],
                         capture_output=True, text=True, timeout=60).stdout
    assert out.count("[Checksum Status: Good]") == 3


@pytest.mark.parametrize("name, value, body", [
    ("device-id", "r1.example", b"r1.example"),
    ("port-id", "Gi0/1", b"Gi0/1"),
    ("software-version", "'1.0, lab'", b"1.0, lab"),
    ("platform", "lab", b"lab"),
    ("vtp-domain", "lab", b"lab"),
    ("addresses", "[192.0.2.1, 198.51.100.7]",
     bytes.fromhex("00000002" "0101cc0004c0000201" "0101cc0004c6336407")),
    ("capabilities", "{flags: [router, switch]}", bytes.fromhex("00000009")),
    ("native-vlan", "10", bytes.fromhex("000a")),
    ("duplex", "1", b"\x01"),
])
def test_every_tlv_name_is_accepted(name: str, value: str, body: bytes) -> None:
    data = _cdp(f"{{tlvs: [{{{name}: {value}}}]}}")
    tlv = data[26:]
    assert tlv[:4] == cdp.TLV_TYPES[name].to_bytes(2, "big") + (4 + len(body)).to_bytes(2, "big")
    assert tlv[4:] == body
    assert _values(data, "cdp")["tlvs"][0][0] == name


@pytest.mark.parametrize("name", list(cdp.CAPABILITIES))
def test_every_capability_name_is_accepted(name: str) -> None:
    data = _cdp(f"{{tlvs: [{{capabilities: {{flags: {name}}}}}]}}")
    assert int.from_bytes(data[-4:], "big") == cdp.CAPABILITIES[name]


def test_tlvs_as_hex_are_kept_and_odd_tlvs_stay_bytes() -> None:
    data = _cdp('{tlvs: "00 01 00 06 72 31"}')
    assert data[26:] == bytes.fromhex("000100067231")
    assert _values(data, "cdp")["tlvs"] == (("device-id", "r1"),)
    odd = bytes.fromhex("00ff0005aa")  # a TLV type craft does not name
    assert cdp.parse_tlvs(odd) == odd
    assert cdp.parse_tlvs(bytes.fromhex("00010003")) == bytes.fromhex("00010003")  # too short


@pytest.mark.parametrize("body, words", [
    ("{tlvs: [device-id]}", "device-id needs a value"),
    ("{tlvs: [{device-id: [a, b]}]}", "device-id is text"),
    ("{tlvs: [{location: here}]}", "unknown cdp option 'location'"),
    ("{tlvs: [{addresses: [192.0.2.300]}]}", "192.0.2.300"),
    ("{tlvs: [{capabilities: {flags: wifi}}]}", "unknown flag 'wifi'"),
    ("{ttl: 256}", "256 is out of range 0..255"),
])
def test_bad_cdp_input_is_refused(body: str, words: str) -> None:
    with pytest.raises(ProfileError, match=words):
        load_profile_text(CDP_HEAD + f"      - cdp: {body}\n", "t.yaml")


def test_the_cli_refuses_in_one_line_with_exit_2(tmp_path: Path) -> None:
    p = tmp_path / "bad.yaml"
    p.write_text(HEAD + "      - llc: {}\n      - stp: {type: tcn, port-id: 1}\n")
    r = run("build", str(p))
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0
    assert "bad.yaml:6:" in r.stderr and "stp tcn does not carry port-id" in r.stderr
    p.write_text(HEAD + "      - llc: {dsap: bogus}\n")
    r = run("build", str(p))
    assert r.returncode == 2 and r.stderr.strip().count("\n") == 0
    assert "unknown name 'bogus'" in r.stderr


# --- explain, JSON, import, streams ---------------------------------------------------------


@pytest.mark.parametrize("name", ["stp-bpdu", "cdp"])
def test_explain_and_json_of_the_bundled_profiles(name: str) -> None:
    r = run("build", f"profiles/{name}.yaml", "--format", "explain")
    assert r.returncode == 0, r.stderr
    rows = [line.split("│") for line in r.stdout.splitlines() if "│" in line]
    fields: dict[str, list[str]] = {}
    for row in rows:
        fields.setdefault(row[1].strip(), row)  # the first: ether's type
    assert fields["type"][4].strip() == ("38" if name == "stp-bpdu" else "135")
    assert "computed" in fields["type"][5]
    r = run("build", f"profiles/{name}.yaml", "--format", "json")
    assert r.returncode == 0, r.stderr
    layers = json.loads(r.stdout.splitlines()[0])["layers"]
    if name == "stp-bpdu":
        assert [la["layer"] for la in layers] == ["ether", "llc", "stp"]
        assert layers[2]["fields"]["root-priority"] == 32768
        assert layers[1]["fields"]["dsap"] == "stp"
    else:
        assert [la["layer"] for la in layers] == ["ether", "llc", "snap", "cdp"]
        tlvs = dict((n, v) for n, v in layers[3]["fields"]["tlvs"])
        assert tlvs["device-id"] == "switch1.example"
        assert tlvs["capabilities"] == {"flags": "igmp,switch"}


def test_explain_shows_the_right_cdp_checksum_for_a_wrong_one() -> None:
    r = run("build", "profiles/cdp.yaml", "--set", "cdp.checksum=0x1234", "--format", "explain")
    assert r.returncode == 0, r.stderr
    row = next(line for line in r.stdout.splitlines() if "0x1234" in line)
    (built,) = craft.build(load_profile("profiles/cdp.yaml"))
    assert f"0x{int.from_bytes(built.data[24:26], 'big'):04x}" in row


def test_imported_captures_rebuild_the_same_bytes() -> None:
    datas = [expected_bytes(c) for c in MINE]
    assert len(datas) >= 7
    capture = Capture("x.pcap", 1, [Record(0, 0, d, len(d), 1) for d in datas])
    text = profile_yaml(import_packets(capture), "again", "x.pcap")
    assert "- stp: {" in text and "device-id: \"switch1.example\"" in text
    assert "platform: \"cisco 2811 \\u00e9\"" in text or "cisco 2811 é" in text
    assert [b.data for b in craft.build(load_profile_text(text), count=len(datas))] == datas


def test_a_stream_on_an_stp_field_varies_per_frame() -> None:
    profile = load_profile("profiles/stp-bpdu.yaml", sets=["stp.port-id={from: 0x8001}",
                                                          "stp.path-cost={list: [4, 19, 100]}"])
    frames = [b.data for b in craft.build(profile, count=4)]
    assert [int.from_bytes(f[17 + 25:17 + 27], "big") for f in frames] == \
        [0x8001, 0x8002, 0x8003, 0x8004]
    assert [int.from_bytes(f[17 + 13:17 + 17], "big") for f in frames] == [4, 19, 100, 4]
    patched = list(Patcher(profile, PlaceholderResolver()).frames(4))
    assert patched == frames


def test_a_stream_on_the_cdp_ttl_keeps_the_checksum_right() -> None:
    profile = load_profile("profiles/cdp.yaml", sets=["cdp.ttl={from: 1, to: 50}"])
    frames = [b.data for b in craft.build(profile, count=50)]
    assert len({f[23] for f in frames}) == 50
    assert all(cdp.cdp_checksum(f[22:]) == 0 for f in frames)


def test_a_stream_inside_the_tlv_list_varies_per_frame() -> None:
    text = CDP_HEAD + ("      - cdp: {tlvs: [{device-id: r1}, {native-vlan: {from: 10}}, "
                       "{capabilities: {flags: {list: [1, 8]}}}]}\n")
    frames = [b.data for b in craft.build(load_profile_text(text), count=3, backend="both")]
    assert [f[36:38].hex() for f in frames] == ["000a", "000b", "000c"]
    assert [f[-1] for f in frames] == [1, 8, 1]
    assert all(cdp.cdp_checksum(f[22:]) == 0 for f in frames)
