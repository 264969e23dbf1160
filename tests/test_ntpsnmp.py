"""NTP and SNMP (issue 11): what the vectors (tests/vectors_ntpsnmp.py) do
not show — each name of an enumeration, the notations a profile writes
(NTP times, short-format seconds, signed numbers, reference IDs, OIDs,
octet strings, typed varbinds), the BER lengths and integers, bad input
refused in one line, explain, JSON, import and streams."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest
from vectors import VECTORS, expected_bytes

import craft
from craft.capture.importer import import_packets, profile_yaml
from craft.capture.pcapdiff import Capture
from craft.decode.walk import decode
from craft.encode.patcher import NotPatchable, Patcher
from craft.errors import ProfileError, Truncated
from craft.fmt.explain import explain
from craft.io.pcap import Record
from craft.layers import ber, ntp, snmp
from craft.layers.base import Malformed
from craft.profile.load import load_profile, load_profile_text
from craft.profile.resolve import PlaceholderResolver

ROOT = Path(__file__).resolve().parents[1]
HEAD = "name: t\nframes:\n  - layers:\n      - ether: {}\n      - ipv4: {}\n      - udp: {}\n"
NTP_AT = 42  # Ethernet, IPv4, UDP
MINE = [c for c in VECTORS if c[1][-1][0] in ("ntp", "snmp")]


def _one(layer: str) -> bytes:
    (built,) = craft.build(load_profile_text(HEAD + "      - " + layer + "\n"), backend="both")
    return built.data


def _error(layer: str) -> str:
    with pytest.raises(ProfileError) as info:
        load_profile_text(HEAD + "      - " + layer + "\n", "t.yaml")
    return str(info.value)


def _snmp_part(data: bytes) -> dict:
    (part,) = [p for p in decode(data) if p.name == "snmp"]
    return part.values


# --- NTP -------------------------------------------------------------------------------


def test_ntp_ports_are_filled_and_the_decoder_finds_it() -> None:
    data = _one("ntp: {}")
    assert data[34:38] == bytes.fromhex("007b007b")  # 123 to 123
    assert [p.name for p in decode(data)] == ["ether", "ipv4", "udp", "ntp"]
    assert len(data) == NTP_AT + 48


@pytest.mark.parametrize("word, number", list(ntp.LEAPS.items()))
def test_each_leap_name(word: str, number: int) -> None:
    assert _one(f"ntp: {{leap: {word}}}")[NTP_AT] >> 6 == number


@pytest.mark.parametrize("word, number", [(w, n) for w, n in ntp.MODES.items()])
def test_each_mode_name(word: str, number: int) -> None:
    if number in (ntp.CONTROL, ntp.PRIVATE):  # another format: built as asked, read as payload
        data = _one(f"ntp: {{mode: {word}}}")
        assert [p.name for p in decode(data)][-1] == "payload"
    else:
        data = _one(f"ntp: {{mode: {word}, version: 3}}")
        assert decode(data)[-1].values["mode"] == number
    assert data[NTP_AT] & 7 == number


def test_defaults_are_scapys_but_the_times() -> None:
    msg = _one("ntp: {}")[NTP_AT:]
    assert msg[:4] == bytes([0x23, 2, 10, 0])  # v4 client, stratum 2, poll 10, precision 0
    assert msg[12:16] == bytes([127, 0, 0, 1])
    assert msg[16:] == bytes(32)  # no time unless asked: the same bytes every run


def test_signed_poll_and_precision() -> None:
    msg = _one("ntp: {poll: -3, precision: -20}")[NTP_AT:]
    assert msg[2:4] == bytes([0xFD, 0xEC])
    values = decode(_one("ntp: {poll: -3, precision: -20}"))[-1].values
    assert (values["poll"], values["precision"]) == (-3, -20)
    assert "out of range -128..127" in _error("ntp: {precision: -129}")


@pytest.mark.parametrize("text, raw", [
    ("0.5", 0x8000), ("1.0", 0x10000), ("65536", 0x10000), ("0.0125", 819), ('"2.5s"', 0x28000),
    ("0x00010000", 0x10000),
])
def test_root_delay_in_seconds_or_raw(text: str, raw: int) -> None:
    msg = _one(f"ntp: {{rootdelay: {text}, rootdisp: {text}}}")[NTP_AT:]
    assert int.from_bytes(msg[4:8], "big") == raw == int.from_bytes(msg[8:12], "big")


def test_short_format_shows_seconds_that_read_back() -> None:
    for raw in (0, 1, 819, 0x8000, 0x12345, 0xFFFFFFFF):
        text = ntp.show_short(raw)
        assert "." in text and ntp.parse_short(text) == raw


@pytest.mark.parametrize("text, wire", [
    ("GPS", b"GPS\0"), ("RATE", b"RATE"), ("192.0.2.9", bytes([192, 0, 2, 9])),
])
def test_reference_id_by_letters_or_address(text: str, wire: bytes) -> None:
    assert _one(f"ntp: {{stratum: 1, refid: {text}}}")[NTP_AT + 12:NTP_AT + 16] == wire
    assert ntp.parse_refid(ntp.show_refid(wire)) == wire


def test_times_from_iso_text_raw_and_now() -> None:
    msg = _one("ntp: {reftime: 2026-12-06T03:00:00Z, org: '2026-12-06T03:00:00.5Z', "
               "rec: 17195533212165734400, xmt: now}")[NTP_AT:]
    assert msg[16:24] == bytes.fromhex("eebf4e3000000000")
    assert msg[24:32] == bytes.fromhex("eebf4e3080000000")  # half a second: 0x80000000
    assert int.from_bytes(msg[32:40], "big") == 17195533212165734400
    xmt = int.from_bytes(msg[40:48], "big") >> 32
    assert abs(xmt - (time.time() + ntp.UNIX_EPOCH)) < 60


def test_times_read_back_exactly() -> None:
    for value in (1, 0xEEBF4E30032617C2, 0xFFFFFFFFFFFFFFFF, 0x7C5A0000_00000001, 1 << 63):
        assert ntp.parse_time(ntp.show_time(value)) == value
    assert ntp.show_time(0xEEBF4E3000000000) == "2026-12-06T03:00:00Z"
    # RFC 4330 §3: the top bit clear is era 1 (2036 on)
    assert ntp.show_time(0x00000001_00000000) == "2036-02-07T06:28:17Z"
    assert ntp.parse_time("2036-02-07T06:28:17Z") == 0x00000001_00000000


@pytest.mark.parametrize("layer, words", [
    ("ntp: {xmt: yesterday}", "not an NTP time; write e.g. 2026-12-06T03:00:00Z"),
    ("ntp: {xmt: 2026-13-06T03:00:00Z}", "not a valid time"),
    ("ntp: {refid: TOOLONG}", "1 to 4 ASCII letters"),
    ("ntp: {rootdelay: fast}", "not a time in seconds"),
    ("ntp: {rootdelay: 70000.0}", "out of range"),
    ("ntp: {mode: clinet}", "did you mean"),
])
def test_bad_ntp_values_say_the_fix(layer: str, words: str) -> None:
    assert words in _error(layer)


def test_explain_and_json_show_the_notation() -> None:
    profile = load_profile("ntp-request")
    rows = {r.field: r for r in explain(next(iter(profile.frames(count=1)))) if r.layer == "ntp"}
    assert rows["xmt"].value == "2026-12-06T03:00:00Z"
    assert rows["precision"].value == "-20"
    assert (rows["xmt"].offset, rows["xmt"].bits) == (NTP_AT + 40, 64)
    r = subprocess.run([str(ROOT / ".venv/bin/craft"), "build", "ntp-request", "-f", "json"],
                       capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert '"refid":"0.0.0.0"' in r.stdout and "ntp" in r.stdout
    assert json.loads(r.stdout)


def test_a_stream_on_an_ntp_field_varies_per_frame() -> None:
    profile = load_profile_text(HEAD + "      - ntp: {stratum: {from: 1, to: 3}, "
                                "xmt: {from: 100, step: 4294967296}}\n")
    datas = [b.data for b in craft.build(profile, count=3, backend="both")]
    assert [d[NTP_AT + 1] for d in datas] == [1, 2, 3]
    assert [int.from_bytes(d[NTP_AT + 40:], "big") for d in datas] == [
        100, 100 + (1 << 32), 100 + (2 << 32)]


# --- SNMP ------------------------------------------------------------------------------


def test_snmp_ports_and_the_decoder() -> None:
    data = _one("snmp: {}")
    assert data[34:38] == bytes.fromhex("00a100a1")  # 161 to 161
    assert [p.name for p in decode(data)] == ["ether", "ipv4", "udp", "snmp"]
    trap = load_profile_text(HEAD.replace("udp: {}", "udp: {sport: 1024, dport: 162}")
                             + "      - snmp: {version: v1, pdu: trap}\n")
    (built,) = craft.build(trap)
    assert decode(built.data)[-1].name == "snmp"  # traps on 162 decode too


@pytest.mark.parametrize("word, number", list(snmp.PDUS.items()))
def test_each_pdu_name(word: str, number: int) -> None:
    data = _one(f"snmp: {{pdu: {word}}}")
    assert data[NTP_AT + 13] == 0xA0 | number  # after 30 L, version, community "public"
    assert _snmp_part(data)["pdu"] == number


@pytest.mark.parametrize("word, number", list(snmp.ERRORS.items()))
def test_each_error_status_name(word: str, number: int) -> None:
    values = _snmp_part(_one(f"snmp: {{pdu: response, error_status: {word}, error_index: 2}}"))
    assert (values["error_status"], values["error_index"]) == (number, 2)


@pytest.mark.parametrize("word, number", list(snmp.GENERIC_TRAPS.items()))
def test_each_generic_trap_name(word: str, number: int) -> None:
    values = _snmp_part(_one(f"snmp: {{version: v1, pdu: trap, generic_trap: {word}, "
                             "enterprise: 1.3.6.1.4.1.8072, agent_addr: 192.0.2.1}"))
    assert values["generic_trap"] == number
    assert values["enterprise"] == "1.3.6.1.4.1.8072"


def test_a_field_the_pdu_does_not_carry_is_refused() -> None:
    assert "snmp getbulk does not carry error_status" in _error(
        "snmp: {pdu: getbulk, error_status: tooBig}")
    assert "snmp trap does not carry request_id" in _error("snmp: {pdu: trap, request_id: 1}")
    assert "snmp get does not carry enterprise" in _error("snmp: {enterprise: 1.3.6}")


def test_getbulk_carries_its_counts_where_error_status_goes() -> None:
    data = _one("snmp: {pdu: getbulk, request_id: 5, non_repeaters: 1, max_repetitions: 10}")
    assert data[NTP_AT + 13:].endswith(bytes.fromhex("a5" "0b" "020105" "020101" "02010a" "3000"))


# each value type: the varbind's bytes (SEQUENCE, OID 1.3.6.1.2.1.1.3.0, the value)
_OID = "06082b06010201010300"


@pytest.mark.parametrize("item, value", [
    ("unspecified: {oid: 1.3.6.1.2.1.1.3.0}", "0500"),
    ("integer: {oid: 1.3.6.1.2.1.1.3.0, value: -129}", "0202ff7f"),
    ("integer: {oid: 1.3.6.1.2.1.1.3.0, value: -128}", "020180"),  # scapy alone: ff 80
    ("integer: {oid: 1.3.6.1.2.1.1.3.0, value: 128}", "02020080"),
    ("octet-string: {oid: 1.3.6.1.2.1.1.3.0, value: gw1}", "0403677731"),
    ("octet-string: {oid: 1.3.6.1.2.1.1.3.0, value: '0x00ff'}", "040200ff"),
    ("oid: {oid: 1.3.6.1.2.1.1.3.0, value: 1.3.6.1.4.1.311}", "06072b060104018237"),
    ("ipaddress: {oid: 1.3.6.1.2.1.1.3.0, value: 192.0.2.1}", "4004c0000201"),
    ("counter32: {oid: 1.3.6.1.2.1.1.3.0, value: 4294967295}", "410500ffffffff"),
    ("gauge32: {oid: 1.3.6.1.2.1.1.3.0, value: 0}", "420100"),
    ("timeticks: {oid: 1.3.6.1.2.1.1.3.0, value: 360000}", "4303057e40"),
    ("opaque: {oid: 1.3.6.1.2.1.1.3.0, value: '9f7804'}", "44039f7804"),
    ("counter64: {oid: 1.3.6.1.2.1.1.3.0, value: 18446744073709551615}",
     "460900ffffffffffffffff"),
    ("no-such-object: {oid: 1.3.6.1.2.1.1.3.0}", "8000"),
    ("no-such-instance: {oid: 1.3.6.1.2.1.1.3.0}", "8100"),
    ("end-of-mib-view: {oid: 1.3.6.1.2.1.1.3.0}", "8200"),
])
def test_each_varbind_type(item: str, value: str) -> None:
    data = _one(f"snmp: {{pdu: response, varbinds: [{{{item}}}]}}")  # both encoders agree
    body = bytes.fromhex(_OID + value)
    assert data.endswith(bytes([0x30, len(body)]) + body)
    (name, _sub) = _snmp_part(data)["varbinds"][0]
    assert name == item.split(":")[0]


def test_community_as_text_or_hex() -> None:
    assert b"\x04\x07private" in _one("snmp: {community: private}")
    assert b"\x04\x03\x00\x01\xfe" in _one("snmp: {community: '0x0001fe'}")
    assert snmp.show_text(b"\x00\x01\xfe") == "0x0001fe"
    assert snmp.parse_text(snmp.show_text(b"0xab")) == b"0xab"  # text that looks like hex


def test_lengths_take_the_long_form_past_127() -> None:
    for size, head in ((127, "047f"), (200, "0481c8"), (300, "0482012c")):
        data = _one(f"snmp: {{community: {'c' * size}}}")  # both encoders agree
        assert bytes.fromhex(head) + b"c" * size in data
        msg = data[NTP_AT:]
        _tag, start, stop = ber.read(msg, 0, len(msg))
        assert stop == len(msg)
        assert _snmp_part(data)["community"] == b"c" * size


def test_signed_request_id() -> None:
    assert bytes.fromhex("a0" "0b" "0201ff") in _one("snmp: {request_id: -1}")
    assert "out of range -2147483648..2147483647" in _error("snmp: {request_id: 2147483648}")


@pytest.mark.parametrize("layer, words", [
    ("snmp: {varbinds: [{integer: {oid: 1.3.6.1.2.1.1.3.0, value: -2147483649}}]}",
     "out of range -2147483648..2147483647"),
    ("snmp: {varbinds: [{unspecified: {oid: sysDescr.0}}]}", "not an OID; write dotted numbers"),
    ("snmp: {varbinds: [{unspecified: {oid: 3.1.2}}]}", "the first arc is 0, 1 or 2"),
    ("snmp: {varbinds: [{unspecified: {oid: 1.3, value: 5}}]}", "unknown unspecified field"),
    ("snmp: {varbinds: [{string: {oid: 1.3}}]}", "unknown snmp option 'string'"),
    ("snmp: {varbinds: [{ipaddress: {oid: 1.3, value: 300.1.1.1}}]}", "malformed IPv4"),
    ("snmp: {community: '0xzz'}", "after 0x write hex digit pairs"),
    ("snmp: {version: v3}", "unknown name 'v3'"),
])
def test_bad_snmp_values_say_the_fix(layer: str, words: str) -> None:
    assert words in _error(layer)


def test_the_cli_says_it_in_one_line_with_exit_2(tmp_path: Path) -> None:
    p = tmp_path / "bad.yaml"
    p.write_text(HEAD + "      - snmp: {varbinds: [{unspecified: {oid: sysDescr}}]}\n")
    r = subprocess.run([str(ROOT / ".venv/bin/craft"), "build", str(p)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0
    assert "varbinds[0].unspecified.oid" in r.stderr and "1.3.6.1.2.1.1.1.0" in r.stderr


def test_what_craft_does_not_build_is_read_as_payload() -> None:
    good = _one("snmp: {}")[NTP_AT:]
    # a long-form length where the short one fits (craft builds only the shortest)
    long_form = bytes([0x30, 0x81]) + good[1:]
    # SNMPv3: another message format
    v3 = good[:4] + b"\x03" + good[5:]
    for msg in (long_form, v3):
        (built,) = craft.build(load_profile_text(HEAD.replace("udp: {}", "udp: {dport: 161}")
                               + f"      - payload: {{hex: '{msg.hex()}'}}\n"))
        data = built.data
        assert [p.name for p in decode(data)][-2:] == ["udp", "payload"]
    with pytest.raises(Malformed):
        snmp.decode(long_form)
    with pytest.raises(Truncated):
        snmp.decode(good[:-3])


def test_varbinds_that_cannot_be_named_stay_bytes() -> None:
    # a value of tag 0x47 (no SMI type): the list stays bytes and builds back the same
    odd = bytes.fromhex("3009" "06052b06010201" "4700")
    profile = load_profile_text(HEAD + f"      - snmp: {{varbinds: '{odd.hex()}'}}\n")
    (built,) = craft.build(profile, backend="both")
    assert _snmp_part(built.data)["varbinds"] == odd
    assert built.data.endswith(bytes([0x30, len(odd)]) + odd)


def test_explain_lays_out_each_tlv() -> None:
    frame = next(iter(load_profile("snmp-get").frames(count=1)))
    rows = [r for r in explain(frame) if r.layer == "snmp"]
    assert [r.field for r in rows] == ["message", "version", "community", "pdu", "request_id",
                                       "error_status", "error_index", "varbinds"]
    by = {r.field: r for r in rows}
    assert (by["community"].offset, by["community"].bits) == (NTP_AT + 5, 8 * 8)
    assert by["varbinds"].value.startswith("unspecified=(oid=1.3.6.1.2.1.1.1.0)")
    r = subprocess.run([str(ROOT / ".venv/bin/craft"), "build", "snmp-get", "-f", "json"],
                       capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert '"community":"public"' in r.stdout and '"oid":"1.3.6.1.2.1.1.3.0"' in r.stdout


def test_a_stream_on_an_snmp_field_varies_per_frame() -> None:
    profile = load_profile("snmp-get", sets=["snmp.request_id={from: 126, step: 1}"])
    datas = [b.data for b in craft.build(profile, count=3, backend="both")]
    assert [_snmp_part(d)["request_id"] for d in datas] == [126, 127, 128]
    assert len(datas[2]) == len(datas[1]) + 1  # 128 takes two bytes: every length follows
    with pytest.raises(NotPatchable):  # so no template is patched in place
        Patcher(profile, PlaceholderResolver())


def test_a_varbind_value_varies_per_frame() -> None:
    profile = load_profile_text(HEAD + "      - snmp:\n          pdu: set\n          varbinds:\n"
                                "            - integer: {oid: 1.3.6.1.2.1.2.2.1.7.2, "
                                "value: {from: 127, to: 129}}\n"
                                "            - ipaddress: {oid: 1.3.6.1.2.1.4.20.1.1.192.0.2.1, "
                                "value: {list: [192.0.2.1, 198.51.100.1]}}\n")
    datas = [b.data for b in craft.build(profile, count=3, backend="both")]
    values = [[dict(sub)["value"] for _, sub in _snmp_part(d)["varbinds"]] for d in datas]
    assert values == [[127, bytes([192, 0, 2, 1])], [128, bytes([198, 51, 100, 1])],
                      [129, bytes([192, 0, 2, 1])]]
    assert len(datas[1]) == len(datas[0]) + 1  # 128 takes two bytes: the lengths follow
    with pytest.raises(NotPatchable):
        Patcher(profile, PlaceholderResolver())


def test_a_stream_on_an_ntp_time_is_patched() -> None:
    profile = load_profile("ntp-request", sets=["ntp.xmt={from: 0, step: 4294967296}"])
    patched = list(Patcher(profile, PlaceholderResolver()).frames(20))
    assert patched == [b.data for b in craft.build(profile, count=20)]


def test_explain_shows_varbind_values_in_their_notation() -> None:
    profile = load_profile_text(HEAD + "      - snmp: {pdu: response, varbinds: ["
                                "{octet-string: {oid: 1.3.6.1.2.1.1.5.0, value: router}}, "
                                "{ipaddress: {oid: 1.3.6.1.2.1.4.20.1.1.192.0.2.1, "
                                "value: 192.0.2.1}}, {integer: {oid: 1.3.6.1.2.1.1.7.0, "
                                "value: -1}}]}\n")
    rows = {r.field: r for r in explain(next(iter(profile.frames(count=1))))
            if r.layer == "snmp"}
    assert rows["varbinds"].value == (
        "octet-string=(oid=1.3.6.1.2.1.1.5.0,value=router),"
        "ipaddress=(oid=1.3.6.1.2.1.4.20.1.1.192.0.2.1,value=192.0.2.1),"
        "integer=(oid=1.3.6.1.2.1.1.7.0,value=-1)")


# --- both ------------------------------------------------------------------------------


def test_imported_captures_rebuild_the_same_bytes() -> None:
    datas = [expected_bytes(c) for c in MINE]
    assert len(datas) >= 10
    capture = Capture("x.pcap", 1, [Record(0, 0, d, len(d), 1) for d in datas])
    text = profile_yaml(import_packets(capture), "again", "x.pcap")
    assert "xmt: \"2026-12-06T03:00:00Z\"" in text and "octet-string: {oid:" in text
    assert [b.data for b in craft.build(load_profile_text(text), count=len(datas))] == datas


def test_ber_integers_and_oids() -> None:
    for n in (0, 1, 127, 128, 255, 256, -1, -128, -129, -32768, -32769, 2**31 - 1, -2**31,
              2**64 - 1):
        content = ber.integer(n)
        assert ber.read_integer(content) == n
        assert len(content) == 1 or content[:2] not in (b"\0", b"\xff") and not (
            content[0] == 0 and content[1] < 0x80 or content[0] == 0xFF and content[1] >= 0x80)
    assert ber.oid("2.999.3") == bytes.fromhex("8837" "03")  # X.690 §8.19.5's example
    assert ber.read_oid(bytes.fromhex("883703")) == "2.999.3"
    assert ber.length(0x7F) == b"\x7f" and ber.length(0x80) == b"\x81\x80"
    assert ber.length(0x1_0000) == b"\x83\x01\x00\x00"
    with pytest.raises(Malformed):
        ber.read(b"\x30\x80\x00\x00", 0, 4)  # indefinite
    with pytest.raises(Truncated):
        ber.read(b"\x04\x05abc", 0, 5)
