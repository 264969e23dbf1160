"""SCTP, OSPFv2 and RIP (issue 11): what the vectors (tests/vectors_sctp.py)
do not show — each computed field computed right and a given one kept, the
names of every enumeration, bad input refused in one line, explain, JSON,
import back to the same bytes, and streams varying per frame."""

from __future__ import annotations

import json
import struct
import subprocess
from pathlib import Path

import pytest
from vectors import expected_bytes
from vectors_sctp import VECTORS

import craft
from craft.capture.importer import import_packets, profile_yaml
from craft.capture.pcapdiff import Capture
from craft.decode.walk import decode
from craft.encode.patcher import NotPatchable, Patcher
from craft.fmt.explain import explain
from craft.io.pcap import Record
from craft.layers import ospf, rip, sctp
from craft.layers.base import inet_checksum
from craft.profile.load import load_profile, load_profile_text
from craft.profile.resolve import PlaceholderResolver

ROOT = Path(__file__).resolve().parents[1]
CRAFT = str(ROOT / ".venv" / "bin" / "craft")
HEAD = "name: t\nframes:\n  - layers:\n      - ether: {}\n"
IP = "      - ipv4: {dst: 192.0.2.2}\n"


def _frames(layers: str, count: int = 1) -> list[bytes]:
    """The frames of a profile, both encoders cross-checked."""
    built = craft.build(load_profile_text(HEAD + layers), count=count, backend="both")
    return [b.data for b in built]


def _one(layers: str) -> bytes:
    (data,) = _frames(layers)
    return data


def _part(data: bytes, name: str) -> dict:
    return next(p for p in decode(data) if p.name == name).values


def _cli(tmp_path: Path, layers: str, *args: str) -> subprocess.CompletedProcess:
    p = tmp_path / "t.yaml"
    p.write_text(HEAD + layers)
    return subprocess.run([CRAFT, "build", str(p), *args], capture_output=True, text=True,
                          timeout=60, cwd=ROOT)


# --- SCTP --------------------------------------------------------------------------------


def test_crc32c_is_rfc_9260s() -> None:
    # the CRC-32C check value of "123456789" is 0xe3069283 (RFC 3720 B.4 lists the same
    # polynomial); SCTP sends it least significant byte first (RFC 9260 Appendix B)
    assert sctp.crc32c(b"123456789") == 0x839206E3
    assert sctp.crc32c(bytes(32)) == int.from_bytes(bytes.fromhex("aa36918a"), "big")


def test_sctp_checksum_computed_over_the_packet_and_given_kept() -> None:
    data = _one(IP + "      - sctp: {chunks: [cookie-ack]}\n")
    packet = bytearray(data[34:])
    assert packet[12:] == bytes.fromhex("0b000004")
    given = struct.unpack_from("!I", packet, 8)[0]
    packet[8:12] = bytes(4)
    assert sctp.crc32c(bytes(packet)) == given
    kept = _one(IP + "      - sctp: {checksum: 0x12345678, chunks: [cookie-ack]}\n")
    assert kept[42:46] == bytes.fromhex("12345678")


def test_chunk_lengths_count_all_but_the_final_padding() -> None:
    data = _one(IP + "      - sctp: {chunks: [{data: {text: hello}}, "
                     "{init: {supported-address-types: ipv4}}]}\n")
    chunks = data[46:]
    assert struct.unpack_from("!H", chunks, 2)[0] == 16 + 5  # data: padded to 24 on the wire
    assert chunks[16:24] == b"hello\0\0\0"
    init = chunks[24:]
    # the last parameter (address types: one 2-byte type) is padded, and the length
    # leaves that padding out (RFC 9260 §3.2)
    assert struct.unpack_from("!H", init, 2)[0] == 20 + 6
    assert len(init) == 28 and init[20:26] == bytes.fromhex("000c00060005")


def test_sack_counts_computed_and_an_odd_block_is_one_tsn() -> None:
    data = _one(IP + "      - sctp: {chunks: [{sack: {cum-tsn-ack: 100, gap-blocks: [2, 3, 5], "
                     "dup-tsns: [90, 91]}}]}\n")
    sack = data[46:]
    assert struct.unpack_from("!IIHH", sack, 4) == (100, 106496, 2, 2)
    assert struct.unpack_from("!4H2I", sack, 16) == (2, 3, 5, 5, 90, 91)


@pytest.mark.parametrize("name", list(sctp.CHUNKS))
def test_every_chunk_name_builds_and_decodes_by_name(name: str) -> None:
    data = _one(IP + f"      - sctp: {{chunks: [{name}]}}\n")
    (got,) = _part(data, "sctp")["chunks"]
    assert got[0] == name
    assert data[46] == (sctp.CHUNK_TYPES.get(name, 0))


@pytest.mark.parametrize("flags, value", [("BE", 3), ("\"unordered,beginning,end\"", 7),
                                          ("[immediate, E]", 9), ("0", 0)])
def test_data_flags_by_letter_and_word(flags: str, value: int) -> None:
    data = _one(IP + f"      - sctp: {{chunks: [{{data: {{flags: {flags}, text: x}}}}]}}\n")
    assert data[47] == value


def test_init_parameters_by_name() -> None:
    data = _one(IP + "      - sctp:\n          chunks:\n            - init-ack:\n"
                     "                state-cookie: 'aa bb'\n"
                     "                ipv4-address: [192.0.2.1]\n"
                     "                ipv6-address: ['2001:db8::1']\n"
                     "                cookie-preservative: 7\n"
                     "                supported-address-types: [ipv4, ipv6, hostname]\n"
                     "                features: [ecn-capable, forward-tsn]\n"
                     "                params: '80 08 00 05 c0 00 00 00'\n")
    params, at = [], 46 + 20
    end = 46 + struct.unpack_from("!H", data, 48)[0]
    while at < end:
        t, length = struct.unpack_from("!HH", data, at)
        params.append((t, data[at + 4:at + length].hex()))
        at += length + (-length % 4)
    assert params == [(7, "aabb"), (5, "c0000201"), (6, "20010db8" + "0" * 23 + "1"),
                      (9, "00000007"), (12, "00050006000b"), (0x8000, ""), (0xC000, ""),
                      (0x8008, "c0")]


def test_a_chunk_that_does_not_name_back_is_a_chunk_and_junk_stays_hex() -> None:
    # a heartbeat with two parameters has no field for the second: kept as a chunk
    raw = bytes.fromhex("0400000c000100040001000400")[:12]
    assert sctp.parse_chunks(raw) == (("chunk", (("type", 4), ("flags", 0),
                                                  ("value", raw[4:12]))),)
    assert sctp.parse_chunks(b"\x00\x00\x00\x02") == b"\x00\x00\x00\x02"  # length < 4


def test_sctp_errors_name_the_place_and_exit_2(tmp_path: Path) -> None:
    r = _cli(tmp_path, IP + "      - sctp: {chunks: [{inti: {init-tag: 1}}]}\n")
    assert r.returncode == 2 and r.stderr.strip().count("\n") == 0
    assert "frames[0].sctp.chunks[0]" in r.stderr and "unknown sctp option 'inti'" in r.stderr
    assert "did you mean 'init'" in r.stderr
    r = _cli(tmp_path, IP + "      - sctp: {chunks: [{data: {flags: X}}]}\n")
    assert r.returncode == 2 and "unknown flag 'X'" in r.stderr
    r = _cli(tmp_path, IP + "      - sctp: {chunks: [{sack: {gap-blocks: [1, -1]}}]}\n")
    assert r.returncode == 2 and "gap-blocks[1]" in r.stderr


def test_sctp_streams_vary_per_frame_each_with_its_crc() -> None:
    frames = _frames(IP + "      - sctp: {sport: {from: 1000, to: 1002}, "
                          "chunks: [{data: {tsn: {from: 7}, text: hi}}]}\n", count=3)
    assert [struct.unpack_from("!H", f, 34)[0] for f in frames] == [1000, 1001, 1002]
    assert [struct.unpack_from("!I", f, 50)[0] for f in frames] == [7, 8, 9]
    for f in frames:
        packet = bytearray(f[34:])
        crc = struct.unpack_from("!I", packet, 8)[0]
        packet[8:12] = bytes(4)
        assert sctp.crc32c(bytes(packet)) == crc


# --- OSPF --------------------------------------------------------------------------------


def _ospf(fields: str) -> bytes:
    return _one(f"      - ipv4: {{dst: 224.0.0.5, ttl: 1}}\n      - ospf: {fields}\n")


def test_ospf_checksum_leaves_the_authentication_field_out() -> None:
    a = _ospf("{autype: simple, auth: 0x7365637265740000}")
    b = _ospf("{autype: simple, auth: 0x70617373776f7264}")
    pa = a[34:]
    assert pa[12:14] == b[34:][12:14]  # the auth field is not summed
    assert inet_checksum(pa[:16] + pa[24:]) == 0
    assert inet_checksum(pa) != 0
    assert struct.unpack_from("!H", pa, 2)[0] == len(pa) == 44


def test_ospf_crypto_has_no_checksum_and_given_values_are_kept() -> None:
    assert _ospf("{autype: crypto, auth: 0x0000011000000001}")[34 + 12:34 + 14] == b"\0\0"
    kept = _ospf("{checksum: 0xbeef, len: 60}")[34:]
    assert kept[12:14] == b"\xbe\xef" and kept[2:4] == (60).to_bytes(2, "big")


def test_ospf_length_counts_neighbors_and_a_body_that_follows() -> None:
    hello = _ospf("{neighbors: [192.0.2.2, 192.0.2.3]}")
    assert struct.unpack_from("!H", hello, 34 + 2)[0] == 44 + 8
    assert _part(hello, "ospf")["neighbors"] == (bytes([192, 0, 2, 2]), bytes([192, 0, 2, 3]))
    ack = _one("      - ipv4: {dst: 224.0.0.5}\n      - ospf: {type: ls-ack}\n"
               "      - payload: {hex: '00 01 02 03'}\n")
    assert struct.unpack_from("!H", ack, 34 + 2)[0] == 24 + 4


@pytest.mark.parametrize("word, number", list(ospf.TYPES.items()))
def test_ospf_types_by_name(word: str, number: int) -> None:
    assert _ospf(f"{{type: {word}}}")[34 + 1] == number


@pytest.mark.parametrize("word, number", list(ospf.AUTYPES.items()))
def test_ospf_autypes_by_name(word: str, number: int) -> None:
    assert _ospf(f"{{autype: {word}}}")[34 + 14:34 + 16] == number.to_bytes(2, "big")


@pytest.mark.parametrize("word, bit", list(ospf.OPTIONS.items()))
def test_ospf_options_by_name(word: str, bit: int) -> None:
    assert _ospf(f"{{options: {word}}}")[34 + 24 + 6] == bit


def test_ospf_errors_name_the_place_and_exit_2(tmp_path: Path) -> None:
    r = _cli(tmp_path, "      - ipv4: {}\n      - ospf: {type: ls-ack, neighbors: [192.0.2.1]}\n")
    assert r.returncode == 2 and r.stderr.strip().count("\n") == 0
    assert "ospf ls-ack does not carry neighbors" in r.stderr
    r = _cli(tmp_path, "      - ipv4: {}\n      - ospf: {autype: md5}\n")
    assert r.returncode == 2 and "frames[0].ospf.autype" in r.stderr and "none" in r.stderr


def test_ospf_router_id_stream() -> None:
    frames = _frames("      - ipv4: {dst: 224.0.0.5}\n"
                     "      - ospf: {router-id: {from: 192.0.2.1, to: 192.0.2.3}}\n", count=3)
    assert [f[38:42] for f in frames] == [bytes([192, 0, 2, k]) for k in (1, 2, 3)]
    assert all(inet_checksum(f[34:50] + f[58:]) == 0 for f in frames)


# --- RIP ---------------------------------------------------------------------------------


def _rip(fields: str, udp: str = "{}") -> bytes:
    return _one(f"      - ipv4: {{dst: 224.0.0.9}}\n      - udp: {udp}\n      - rip: {fields}\n")


def test_rip_ports_are_filled_and_given_ones_kept() -> None:
    data = _rip("{entries: [route]}")
    assert struct.unpack_from("!HH", data, 34) == (520, 520)
    assert struct.unpack_from("!HH", _rip("{}", "{sport: 5000}"), 34) == (5000, 520)
    assert [p.name for p in decode(data)][-1] == "rip"


@pytest.mark.parametrize("word, number", list(rip.COMMANDS.items()))
def test_rip_commands_by_name(word: str, number: int) -> None:
    assert _rip(f"{{command: {word}}}")[42] == number


def test_rip_password_is_text_padded_to_16() -> None:
    data = _rip("{entries: [{auth: {password: secret}}, route]}")
    assert data[46:66] == b"\xff\xff\x00\x02secret" + bytes(10)
    (auth, route) = _part(data, "rip")["entries"]
    assert auth == ("auth", (("type", 2), ("password", b"secret")))
    assert route[0] == "route"


def test_rip_keyed_digests_stay_hex() -> None:
    raw = b"\xff\xff\x00\x03" + bytes(range(16))
    assert rip.parse_entries(raw) == raw
    assert rip.parse_entries(raw[:19]) == raw[:19]  # not whole entries


def test_rip_errors_name_the_place_and_exit_2(tmp_path: Path) -> None:
    r = _cli(tmp_path, "      - ipv4: {}\n      - udp: {}\n"
                       "      - rip: {entries: [{auth: {password: a-password-too-long}}]}\n")
    assert r.returncode == 2 and r.stderr.strip().count("\n") == 0
    assert "frames[0].rip.entries[0].auth.password" in r.stderr and "at most 16" in r.stderr
    r = _cli(tmp_path, "      - ipv4: {}\n      - udp: {}\n"
                       "      - rip: {entries: [{route: {metric: 1, hops: 2}}]}\n")
    assert r.returncode == 2 and "unknown route field 'hops'" in r.stderr


def test_rip_metric_stream() -> None:
    frames = _frames("      - ipv4: {dst: 224.0.0.9}\n      - udp: {}\n"
                     "      - rip: {entries: [{route: {metric: {from: 1, to: 3}}}]}\n", count=3)
    assert [struct.unpack_from("!I", f, 46 + 16)[0] for f in frames] == [1, 2, 3]


# --- all three: explain, JSON, import, bundled profiles -----------------------------------


@pytest.mark.parametrize("name, layer, first", [("sctp-init", "sctp", "sport"),
                                                ("ospf-hello", "ospf", "version"),
                                                ("rip-response", "rip", "command")])
def test_explain_and_json(name: str, layer: str, first: str, tmp_path: Path) -> None:
    frame = next(iter(load_profile(name).frames(count=1)))
    rows = [r for r in explain(frame) if r.layer == layer]
    assert rows[0].field == first and rows[0].offset == 34 + (8 if layer == "rip" else 0)
    r = subprocess.run([CRAFT, "build", name, "--format", "json"], capture_output=True,
                       text=True, timeout=60, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    (got,) = [json.loads(line) for line in r.stdout.splitlines()]
    fields = got["layers"][-1]["fields"]
    assert got["layers"][-1]["layer"] == layer
    if layer == "sctp":
        ((chunk, init),) = fields["chunks"]
        assert chunk == "init" and init["ipv4-address"] == "192.0.2.1,198.51.100.1"
        assert init["features"] == "ecn-capable"
    elif layer == "ospf":
        assert fields["type"] == "hello" and fields["options"] == "E"
    else:
        assert [e[1]["address"] for e in fields["entries"]] == ["198.51.100.0", "203.0.113.0"]


def test_import_builds_back_the_same_bytes() -> None:
    datas = [expected_bytes(c) for c in VECTORS]
    datas += [b.data for n in ("sctp-init", "ospf-hello", "rip-response")
              for b in craft.build(load_profile(n))]
    capture = Capture("x.pcap", 1, [Record(0, 0, d, len(d), 1) for d in datas])
    text = profile_yaml(import_packets(capture), "again", "x.pcap")
    assert "{init: {flags: 0, init-tag: 439041101" in text
    assert 'text: "hello"' in text and 'password: "secret"' in text
    assert [b.data for b in craft.build(load_profile_text(text), count=len(datas))] == datas


@pytest.mark.parametrize("name, stream, patchable", [
    ("sctp-init", "sctp.sport={from: 1, to: 9}", False),
    ("ospf-hello", "ospf.router-id={from: 192.0.2.1, to: 192.0.2.9}", False),
    ("sctp-init", "ipv4.id={from: 1, to: 9}", True),  # before the CRC's span
    ("rip-response", "udp.sport={from: 1, to: 9}", True),
])
def test_the_patcher_refuses_a_crc32c_or_ospf_checksum_it_cannot_update(
        name: str, stream: str, patchable: bool) -> None:
    profile = load_profile(name, sets=[stream])
    if not patchable:
        with pytest.raises(NotPatchable, match="not an Internet checksum"):
            Patcher(profile, PlaceholderResolver())
        return
    patched = list(Patcher(profile, PlaceholderResolver()).frames(5))
    assert patched == [b.data for b in craft.build(profile, count=5)]
