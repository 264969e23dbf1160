"""DNS (issue 11): what the vectors (tests/vectors_dns.py) do not show —
counts and the TCP length computed or kept as given, compression on and
off, every enumeration word, bad input refused in one line, explain and
JSON, import back to the same bytes, streams inside the question and record
lists, the decoder's guards (pointer loops, data that reads as no type),
and a query matched to its answer by ``craft send --replies``."""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path

import pytest
from craftcli import run
from vectors import VECTORS, expected_bytes

import craft
from craft.capture.importer import import_packets, profile_yaml
from craft.capture.pcapdiff import Capture
from craft.decode.walk import decode
from craft.errors import ProfileError
from craft.io.pcap import Record
from craft.layers import dns, dnsrr
from craft.layers.base import Malformed
from craft.live import replies
from craft.profile.load import load_profile_text

HEAD = "name: t\nframes:\n  - layers:\n      - ether: {}\n      - ipv4: {}\n"
UDP = HEAD + "      - udp: {sport: 33333}\n"
DNS_AT = 14 + 20 + 8  # the message's first byte in an Ethernet/IPv4/UDP frame


def _frames(text: str, count: int = 1) -> list[bytes]:
    return [b.data for b in craft.build(load_profile_text(text), count=count, backend="both")]


def _one(dns_yaml: str, head: str = UDP) -> bytes:
    (data,) = _frames(head + "      - dns: " + dns_yaml + "\n")
    return data


def _dns(data: bytes) -> dict:
    (part,) = [p for p in decode(data) if p.name == "dns"]
    return part.values


# --- computed fields ---------------------------------------------------------------------


def test_counts_are_computed_from_the_sections() -> None:
    data = _one("{questions: [{question: {name: a.example}}, {question: {name: b.example}}], "
                "answers: [{a: {name: a.example, address: 192.0.2.1}}], "
                "additional: [{opt: {}}]}")
    assert struct.unpack_from("!4H", data, DNS_AT + 4) == (2, 1, 0, 1)


def test_a_given_count_is_kept() -> None:
    data = _one("{ancount: 5, arcount: 0, answers: [{a: {address: 192.0.2.1}}]}")
    assert struct.unpack_from("!4H", data, DNS_AT + 4) == (1, 5, 0, 0)
    assert _dns(data)["ancount"] == 5


def test_rdlength_is_computed_per_record() -> None:
    data = _one("{questions: [], answers: [{txt: {name: ., strings: [abc, de]}}]}")
    rr = data[DNS_AT + 12:]
    assert rr[0] == 0 and struct.unpack_from("!HHIH", rr, 1) == (16, 1, 0, 7)
    assert rr[11:] == b"\x03abc\x02de"


def test_over_tcp_the_length_is_computed_and_counted_in_front() -> None:
    data = _one("{id: 7}", HEAD + "      - tcp: {sport: 40000, flags: PA}\n")
    at = 14 + 20 + 20
    length = struct.unpack_from("!H", data, at)[0]
    assert length == len(data) - at - 2 == 33
    assert struct.unpack_from("!H", data, at + 2)[0] == 7
    assert _dns(data)["length"] == 33 and _dns(data)["id"] == 7


def test_over_tcp_a_given_length_is_kept() -> None:
    data = _one("{length: 99}", HEAD + "      - tcp: {flags: PA}\n")
    assert struct.unpack_from("!H", data, 54)[0] == 99


def test_over_udp_there_is_no_length() -> None:
    data = _one("{id: 0x0102}")
    assert data[DNS_AT:DNS_AT + 2] == b"\x01\x02"
    assert _dns(data)["length"] is None


# --- names ---------------------------------------------------------------------------------


def test_names_are_compressed_by_default_and_whole_with_compress_false() -> None:
    sections = ("questions: [{question: {name: www.example.com}}], answers: [{cname: "
                "{name: www.example.com, target: web.example.com}}]")
    on = _one("{" + sections + "}")
    off = _one("{compress: false, " + sections + "}")
    msg_on, msg_off = on[DNS_AT:], off[DNS_AT:]
    # the answer's owner is a pointer to the question's name (offset 12); the target
    # is "web" and a pointer to example.com (offset 16)
    assert msg_on[33:35] == b"\xc0\x0c"
    assert msg_on.endswith(b"\x03web\xc0\x10")
    assert b"\xc0" not in msg_off[12:]
    assert len(msg_off) - len(msg_on) == (17 - 2) + (17 - 6)
    assert _dns(on)["compress"] == 1 and _dns(off)["compress"] == 0
    assert _dns(on)["answers"] == _dns(off)["answers"]


def test_the_srv_target_is_never_compressed() -> None:
    data = _one("{questions: [{question: {name: sip.example.com, type: SRV}}], "
                "answers: [{srv: {name: sip.example.com, port: 5060, target: sip.example.com}}]}")
    assert data.endswith(b"\x03sip\x07example\x03com\x00")


def test_the_root_name_is_one_zero_byte() -> None:
    data = _one("{questions: [{question: {name: ., type: NS}}]}")
    assert data[DNS_AT + 12:] == b"\x00\x00\x02\x00\x01"
    assert _dns(data)["questions"][0][1][0] == ("name", ".")


def test_a_pointer_loop_is_malformed() -> None:
    msg = bytes.fromhex("000001000001000000000000") + b"\xc0\x0c\x00\x01\x00\x01"
    with pytest.raises(Malformed):
        dns.decode(msg)
    (data,) = _frames(UDP + "      - payload: {hex: '" + msg.hex() + "'}\n")
    names = [p.name for p in decode(data)]
    assert names == ["ether", "ipv4", "udp", "payload"]  # read as data, as for a port


def test_a_forward_pointer_is_malformed() -> None:
    msg = bytes.fromhex("000001000001000000000000") + b"\xc0\x20\x00\x01\x00\x01"
    with pytest.raises(Malformed):
        dns.decode(msg)


def test_data_that_reads_as_no_type_is_an_rr_record() -> None:
    # an A record with five bytes of data: kept as rr with its type and hex
    msg = (bytes.fromhex("000081800000000100000000") + b"\x00" + struct.pack("!HHIH", 1, 1, 9, 5)
           + b"\x01\x02\x03\x04\x05")
    v, n = dns.decode(msg)
    assert n == len(msg)
    assert v["answers"] == (("rr", (("name", "."), ("type", 1), ("class", 1), ("ttl", 9),
                                    ("data", b"\x01\x02\x03\x04\x05"))),)
    assert dns.message(v)[0] == msg


def test_a_label_that_is_not_text_keeps_the_sections_as_hex() -> None:
    msg = bytes.fromhex("000001000001000000000000") + b"\x03a.b\x00\x00\x01\x00\x01"
    v, n = dns.decode(msg)
    assert v["questions"] == msg[12:] and n == len(msg)
    assert dns.message(v)[0] == msg


def test_bytes_past_the_records_are_the_next_layer() -> None:
    (data,) = _frames(UDP + "      - dns: {}\n      - payload: {text: extra}\n")
    parts = decode(data)
    assert [p.name for p in parts][-2:] == ["dns", "payload"]
    assert parts[-1].values["data"] == b"extra"


# --- words -------------------------------------------------------------------------------


@pytest.mark.parametrize("field, words", [
    ("opcode", dns.OPCODES), ("rcode", dns.RCODES), ("qr", {"query": 0, "response": 1}),
    ("compress", {"false": 0, "true": 1}),
])
def test_each_header_word_is_accepted(field: str, words: dict[str, int]) -> None:
    for word, number in words.items():
        (spec,) = load_profile_text(UDP + f"      - dns: {{{field}: {word}}}\n").specs
        assert spec.layers[-1].values[field] == number, word


@pytest.mark.parametrize("word", sorted(dnsrr.TYPES))
def test_each_type_word_is_accepted(word: str) -> None:
    data = _one("{questions: [{question: {name: example.com, type: " + word.lower() + "}}]}")
    assert data[-4:-2] == struct.pack("!H", dnsrr.TYPES[word])


@pytest.mark.parametrize("word", sorted(dnsrr.CLASSES))
def test_each_class_word_is_accepted(word: str) -> None:
    data = _one("{answers: [{rr: {class: " + word + ", data: '00'}}]}")
    assert _dns(data)["answers"][0][1][2] == ("class", dnsrr.CLASSES[word])


def test_yaml_booleans_are_accepted_for_compress() -> None:
    (spec,) = load_profile_text(UDP + "      - dns: {compress: false}\n").specs
    assert spec.layers[-1].values["compress"] == 0


@pytest.mark.parametrize("record", [
    "{a: {address: 192.0.2.1}}", "{aaaa: {address: '2001:db8::1'}}",
    "{cname: {target: a.example}}", "{ns: {target: ns.example}}", "{ptr: {target: h.example}}",
    "{mx: {preference: 5, exchange: mx.example}}", "{txt: {strings: [a, b]}}",
    "{soa: {mname: ns.example, rname: h.example, serial: 1}}",
    "{srv: {priority: 1, weight: 2, port: 3, target: t.example}}",
    "{caa: {flags: 128, tag: issue, value: ca.example}}",
    "{opt: {size: 1232, do: 1, options: '000a00080102030405060708'}}",
    "{rr: {type: HINFO, data: '0141014c'}}",
])
def test_each_record_builds_and_decodes_to_the_same_values(record: str) -> None:
    data = _one("{answers: [" + record + "]}")  # backend both: scapy agrees
    (spec,) = load_profile_text(UDP + "      - dns: {answers: [" + record + "]}\n").specs
    assert _dns(data)["answers"] == spec.layers[-1].values["answers"]


# --- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize("dns_yaml, words", [
    ("{questions: [{question: {name: " + "a" * 64 + ".example}}]}", "not a domain name"),
    ("{questions: [{question: {name: a..example}}]}", "not a domain name"),
    ("{questions: [{question: {name: x, type: AAAAA}}]}", "unknown name 'AAAAA'"),
    ("{answers: [{aa: {address: 192.0.2.1}}]}", "unknown dns option 'aa'"),
    ("{answers: [{a: {addr: 192.0.2.1}}]}", "unknown a field 'addr'"),
    ("{answers: [{a: {address: 192.0.2.300}}]}", "192.0.2.300"),
    ("{rcode: nxdomian}", "did you mean"),
    ("{answers: [{mx: {preference: 70000}}]}", "out of range"),
])
def test_bad_input_is_refused_in_one_line(dns_yaml: str, words: str, tmp_path) -> None:  # noqa: ANN001
    text = UDP + "      - dns: " + dns_yaml + "\n"
    with pytest.raises(ProfileError) as info:
        load_profile_text(text, "t.yaml")
    assert words in str(info.value)
    path = tmp_path / "t.yaml"
    path.write_text(text)
    r = run("build", str(path))
    assert r.returncode == 2
    (line,) = r.stderr.strip().splitlines()
    assert "t.yaml" in line and "dns" in line and words in line


# --- explain, JSON, import -----------------------------------------------------------------


def test_explain_and_json_show_the_sections() -> None:
    r = run("build", "profiles/dns-spoof-reply.yaml", "--format", "explain")
    assert r.returncode == 0, r.stderr
    assert "ancount" in r.stdout and "answers" in r.stdout and "ttl=86400" in r.stdout
    r = run("build", "profiles/dns-spoof-reply.yaml", "--format", "json")
    assert r.returncode == 0, r.stderr
    (layer,) = [x for x in json.loads(r.stdout.splitlines()[0])["layers"] if x["layer"] == "dns"]
    f = layer["fields"]
    assert f["qr"] == "response" and f["ancount"] == 1
    assert f["answers"] == [["a", {"name": "www.example.com", "class": "IN", "ttl": 86400,
                                   "address": "203.0.113.66"}]]


def test_imported_captures_rebuild_the_same_bytes() -> None:
    datas = [expected_bytes(c) for c in VECTORS if c[0].startswith("dns-")]
    assert len(datas) >= 10
    capture = Capture("x.pcap", 1, [Record(0, 0, d, len(d), 1) for d in datas])
    text = profile_yaml(import_packets(capture), "again", "x.pcap")
    assert "soa: {name:" in text and "compress: false" in text.replace('"', "")
    assert [b.data for b in craft.build(load_profile_text(text), count=len(datas))] == datas


# --- streams -------------------------------------------------------------------------------


def test_streams_vary_the_id_a_question_name_and_a_ttl_per_frame() -> None:
    frames = _frames(UDP + "      - dns:\n"
                     "          id: {from: 10}\n"
                     "          questions: [{question: {name: {list: [a.example, bb.example]}}}]\n"
                     "          answers: [{a: {name: c.example, ttl: {from: 60, step: 60}}}]\n",
                     count=3)
    values = [_dns(d) for d in frames]
    assert [v["id"] for v in values] == [10, 11, 12]
    assert [v["questions"][0][1][0][1] for v in values] == ["a.example", "bb.example", "a.example"]
    assert [dict(v["answers"][0][1])["ttl"] for v in values] == [60, 120, 180]


def test_the_id_sweep_profile_counts_every_id() -> None:
    profile = craft.load_profile("profiles/dns-id-sweep.yaml")
    ids = [_dns(b.data)["id"] for b in craft.build(profile, count=4)]
    assert ids == [0, 1, 2, 3]
    assert profile.default_count() == 65536


# --- replies -------------------------------------------------------------------------------


def test_an_answer_is_matched_to_its_query() -> None:
    (query,) = _frames(UDP + "      - dns: {id: 0x1a2b}\n")
    ans = ("name: t\nframes:\n  - layers:\n      - ether: {}\n"
           "      - ipv4: {src: 192.0.2.2, dst: 192.0.2.1}\n"
           "      - udp: {sport: 53, dport: 33333}\n      - dns: {id: ID, qr: response}\n")
    (answer,) = _frames(ans.replace("ID", "0x1a2b"))
    (other,) = _frames(ans.replace("ID", "0x1a2c"))
    key = replies.request_key(replies.dissect(query))
    assert key is not None and key[0] == "dns"
    assert replies.reply_key(replies.dissect(answer)) == key
    assert replies.reply_key(replies.dissect(other)) != key  # another ID: not its answer
    assert replies.request_key(replies.dissect(answer)) is None


def test_a_port_unreachable_quoting_a_query_is_its_answer() -> None:
    (query,) = _frames(UDP + "      - dns: {id: 5}\n")
    icmp = ("name: t\nframes:\n  - layers:\n      - ether: {}\n"
            "      - ipv4: {src: 192.0.2.2, dst: 192.0.2.1}\n"
            "      - icmp: {type: dest-unreach, code: 3}\n"
            "      - payload: {hex: '" + query[14:].hex() + "'}\n")
    (unreach,) = _frames(icmp)
    assert replies.reply_key(replies.dissect(unreach)) == replies.request_key(
        replies.dissect(query))


# -- against a real DNS server in the lab (tests/dnsmasq.py) ----------------------------


@pytest.mark.root
def test_dnsmasq_answers_the_bundled_queries(lab, tmp_path: Path) -> None:
    """craft send dns-query --replies: dnsmasq, in the lab's server namespace
    with a hosts file of documentation addresses, answers the A and the AAAA
    query; each answer is matched to its query and printed, and dnsmasq's own
    log shows both questions."""
    from dnsmasq import dnsmasq

    with dnsmasq(lab, tmp_path) as server:
        r = run("send", "--lab", "client", "--lab-name", lab.name, "dns-query", "-i", "eth0",
                "--replies", "--timeout", "2")
        j = run("send", "--lab", "client", "--lab-name", lab.name, "dns-query", "-i", "eth0",
                "--replies", "--timeout", "2", "--json")
        log = server.output()
    assert r.returncode == 0, r.stdout + r.stderr
    # tcpdump's words for the two answers, each after the query it answers
    assert re.search(r"6699\*? 1/0/0 A 198\.51\.100\.80", r.stdout), r.stdout
    assert re.search(r"6700\*? 1/0/0 AAAA 2001:db8::80", r.stdout), r.stdout
    out = json.loads(j.stdout.splitlines()[-1])
    assert (out["sent"], out["answered"]) == (2, 2), j.stdout
    assert "query[A] www.example.com from 192.0.2.1" in log
    assert "query[AAAA] www.example.com from 192.0.2.1" in log
