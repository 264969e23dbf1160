"""BOOTP/DHCP (RFC 951, 2131, 2132, 3046) and DHCPv6 (RFC 8415): what the
vectors (tests/vectors_dhcp.py) do not show. Computed fields computed right
and given ones kept, every message type by name, options by name and the
end option, bad input refused in one line, explain and JSON, craft import
building back the same bytes, streams (one random MAC in ether.src and
chaddr; an option's value varying per frame)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from craftcli import run
from vectors import expected_bytes, ip4, ip6, mac
from vectors_dhcp import VECTORS

import craft
from craft.capture.importer import import_packets, profile_yaml
from craft.capture.pcapdiff import Capture
from craft.decode.walk import decode
from craft.errors import ProfileError
from craft.fmt.explain import explain
from craft.io.pcap import Record
from craft.layers import bootp, dhcp, dhcpv6
from craft.live.lab import Lab
from craft.profile.load import load_profile, load_profile_text

pytestmark = pytest.mark.lab_prefix("ct-dhcp-")
HEAD = "name: t\nframes:\n  - layers:\n      - ether: {}\n"
V4 = HEAD + "      - ipv4: {}\n      - udp: {}\n"
V6 = HEAD + "      - ipv6: {}\n      - udp: {}\n"
BOOTP_AT = 14 + 20 + 8  # Ethernet, IPv4, UDP
OPTIONS_AT = BOOTP_AT + 240  # after the magic cookie
DHCPV6_AT = 14 + 40 + 8


def _one(text: str) -> bytes:
    (built,) = craft.build(load_profile_text(text), backend="both")  # cross-checked
    return built.data


def _error(text: str) -> ProfileError:
    with pytest.raises(ProfileError) as info:
        load_profile_text(text, "t.yaml")
    return info.value


# --- computed fields --------------------------------------------------------------------


def test_bootp_ports_hlen_and_cookie_are_computed() -> None:
    data = _one(V4 + "      - bootp: {chaddr: 02:00:00:00:00:01}\n")
    assert data[34:38] == bytes.fromhex("00440043")  # udp 68 -> 67 (RFC 2131 §4.1)
    msg = data[BOOTP_AT:]
    assert len(msg) == 240
    assert msg[2] == 6  # hlen: a MAC
    assert msg[28:44] == mac("02:00:00:00:00:01") + bytes(10)
    assert msg[236:240] == bytes([99, 130, 83, 99])


def test_hlen_counts_chpad_and_a_given_hlen_is_kept() -> None:
    longer = _one(V4 + "      - bootp: {htype: ieee802, chaddr: 02:00:00:00:00:01, "
                       "chpad: '0a0b'}\n")[BOOTP_AT:]
    assert (longer[1], longer[2]) == (6, 8) and longer[34:38] == b"\x0a\x0b\0\0"
    given = _one(V4 + "      - bootp: {hlen: 16}\n")[BOOTP_AT:]
    assert given[2] == 16


def test_a_reply_goes_from_67_to_68_and_dhcpv6_from_546_to_547() -> None:
    reply = _one(V4.replace("udp: {}", "udp: {sport: 67, dport: 68}")
                 + "      - bootp: {op: reply}\n")
    assert reply[34:38] == bytes.fromhex("00430044") and reply[BOOTP_AT] == 2
    assert decode(reply)[3].name == "bootp"  # found by the destination port 68
    v6 = _one(V6 + "      - dhcpv6: {}\n")
    assert v6[54:58] == bytes.fromhex("02220223")


def test_end_is_appended_when_not_named_and_not_twice() -> None:
    data = _one(V4 + "      - bootp: {}\n      - dhcp: {options: [{message-type: discover}]}\n")
    assert data[OPTIONS_AT:] == bytes.fromhex("350101ff")
    named = _one(V4 + "      - bootp: {}\n"
                      "      - dhcp: {options: [{message-type: ack}, end, {padding: 4}]}\n")
    assert named[OPTIONS_AT:] == bytes.fromhex("350105ff00000000")
    raw = _one(V4 + "      - bootp: {}\n      - dhcp: {options: '35 01 01'}\n")
    assert raw[OPTIONS_AT:] == bytes.fromhex("350101")  # hex: as given, no end


# --- names --------------------------------------------------------------------------------


@pytest.mark.parametrize("word, number", list(dhcp.MESSAGE_TYPES.items()))
def test_every_dhcp_message_type_by_name(word: str, number: int) -> None:
    data = _one(V4 + "      - bootp: {}\n"
                     f"      - dhcp: {{options: [{{message-type: {word}}}]}}\n")
    assert data[OPTIONS_AT:OPTIONS_AT + 3] == bytes([53, 1, number])


@pytest.mark.parametrize("word, number", list(dhcpv6.TYPES.items()))
def test_every_dhcpv6_message_type_by_name(word: str, number: int) -> None:
    data = _one(V6 + f"      - dhcpv6: {{msgtype: {word}}}\n")
    msg = data[DHCPV6_AT:]
    assert msg[0] == number
    assert len(msg) == (34 if word.startswith("relay") else 4)  # RFC 8415 §9 and §8


def test_dhcp_options_by_name() -> None:
    data = _one(V4 + "      - bootp: {flags: broadcast}\n      - dhcp:\n          options:\n"
                "            - param-req-list: [subnet-mask, router, domain-name-server, 42]\n"
                "            - client-id: {id: 02:00:00:00:00:01}\n"
                "            - hostname: client1\n"
                "            - router: [192.0.2.1, 192.0.2.2]\n"
                "            - lease-time: 3600\n"
                "            - relay-agent-info: {remote-id: '0102'}\n"
                "            - pad\n")
    assert data[BOOTP_AT + 10:BOOTP_AT + 12] == b"\x80\x00"  # the broadcast flag
    assert data[OPTIONS_AT:] == bytes.fromhex(
        "3704" "0103062a" "3d07" "01020000000001" "0c07" + b"client1".hex()
        + "0308" "c0000201c0000202" "3304" "00000e10" "5204" "02020102" "00" "ff")


def test_dhcpv6_duids_and_ia_na() -> None:
    data = _one(V6 + "      - dhcpv6:\n          trid: 0x123456\n          options:\n"
                "            - client-id: {duid: llt, time: 5, lladdr: 02:00:00:00:00:01}\n"
                "            - server-id: {duid: en, enterprise: 32473, id: '0a0b'}\n"
                "            - ia-na: {iaid: 7, t1: 10, t2: 20, addresses: ['2001:db8::5'], "
                "preferred: 30, valid: 40}\n"
                "            - option-request: [dns-servers, 24]\n")
    msg = data[DHCPV6_AT:]
    assert msg[:4] == bytes.fromhex("01123456")
    assert msg[4:22] == bytes.fromhex("0001000e" "0001" "0001" "00000005" "020000000001")
    assert msg[22:34] == bytes.fromhex("00020008" "0002" "00007ed9" "0a0b")
    assert msg[34:50] == bytes.fromhex("00030028" "00000007" "0000000a" "00000014")
    assert msg[50:78] == bytes.fromhex("00050018") + ip6("2001:db8::5") + bytes.fromhex(
        "0000001e00000028")
    assert msg[78:] == bytes.fromhex("00060004" "00170018")


def test_a_relay_field_on_a_client_message_is_refused() -> None:
    e = _error(V6 + "      - dhcpv6: {msgtype: solicit, peeraddr: 'fe80::1'}\n")
    assert "dhcpv6 solicit does not carry peeraddr" in e.message and "trid" in e.message


# --- errors ------------------------------------------------------------------------------


@pytest.mark.parametrize("layers, says", [
    ("      - bootp: {}\n      - dhcp: {options: [{message-type: discovr}]}\n",
     "unknown name 'discovr' (did you mean 'discover'?)"),
    ("      - bootp: {}\n      - dhcp: {options: [{param-req-list: [routr]}]}\n",
     "unknown name 'routr' (did you mean 'router'?)"),
    ("      - bootp: {}\n      - dhcp: {options: [{hostname: [a, b]}]}\n",
     "hostname is text, got a list"),
    ("      - bootp: {}\n      - dhcp: {options: [{lease-tim: 5}]}\n",
     "unknown dhcp option 'lease-tim' (did you mean 'lease-time'?)"),
    ("      - bootp: {sname: '" + "A" * 65 + "'}\n", "the text is 65 bytes; at most 64 fit"),
    ("      - bootp: {chpad: '" + "00" * 11 + "'}\n",
     "11 bytes do not fit: chpad holds at most 10"),
    ("      - bootp: {chaddr: 02:00:00:00:01}\n", "malformed MAC"),
])
def test_bad_dhcp_input_is_one_line_with_exit_2(tmp_path: Path, layers: str, says: str) -> None:
    p = tmp_path / "bad.yaml"
    p.write_text(V4 + layers)
    r = run("build", str(p))
    assert r.returncode == 2, r.stderr
    assert says in r.stderr and r.stderr.strip().count("\n") == 0
    assert r.stderr.startswith(f"{p}:")  # the file, line and column


# --- decoding ----------------------------------------------------------------------------


def test_options_that_cannot_be_named_stay_bytes() -> None:
    unknown = bytes.fromhex("350101" "fd0100" "ff")  # option 253: no name here
    assert dhcp.parse_options(unknown) == unknown
    no_end = bytes.fromhex("350101")  # named, it would gain an end
    assert dhcp.parse_options(no_end) == no_end
    assert dhcp.parse_options(bytes.fromhex("350101ff000000")) == (
        ("message-type", 1), ("end", None), ("padding", 3))
    ia = bytes.fromhex("0003002c" "00000001" "00000000" "00000000"
                       "00050018") + bytes(16) + bytes.fromhex("00000001000000020001")
    assert dhcpv6.parse_options(ia) == ia  # an IA address with a sub-option of its own


def test_another_cookie_leaves_the_rest_as_payload() -> None:
    data = _one(V4 + "      - bootp: {cookie: 0}\n      - payload: {hex: '350101ff'}\n")
    assert [p.name for p in decode(data)] == ["ether", "ipv4", "udp", "bootp", "payload"]
    v, n = bootp.decode(data, BOOTP_AT)
    assert n == 240 and v["cookie"] == 0


def test_a_short_bootp_is_truncated_and_a_port_alone_falls_back_to_payload() -> None:
    data = _one(V4.replace("udp: {}", "udp: {sport: 68, dport: 67}")
                + "      - payload: {hex: '0101060000'}\n")
    assert [p.name for p in decode(data)][-1] == "payload"  # 5 bytes: not a BOOTP message
    with pytest.raises(craft.errors.Truncated):
        bootp.decode(bytes(100))


# --- explain, JSON, import, streams --------------------------------------------------------


def test_explain_lays_out_bootp_and_dhcp() -> None:
    frame = next(iter(load_profile("dhcp-discover").frames(count=1)))
    rows = {(r.layer, r.field): r for r in explain(frame)}
    assert rows[("bootp", "chaddr")].offset == BOOTP_AT + 28
    assert rows[("bootp", "sname")].offset == BOOTP_AT + 44
    assert rows[("bootp", "sname")].bits == 512
    assert rows[("bootp", "cookie")].offset == BOOTP_AT + 236
    assert rows[("dhcp", "options")].offset == OPTIONS_AT
    r = run("build", "dhcp-discover", "--format", "explain")
    assert r.returncode == 0 and "hlen" in r.stdout and "message-type=1" in r.stdout


def test_json_names_the_options() -> None:
    r = run("build", "dhcpv6-solicit", "--format", "json")
    assert r.returncode == 0, r.stderr
    layers = json.loads(r.stdout.splitlines()[0])["layers"]
    v6 = next(x for x in layers if x["layer"] == "dhcpv6")
    assert v6["fields"]["msgtype"] == "solicit"
    names = [o[0] for o in v6["fields"]["options"]]
    assert names == ["client-id", "ia-na", "option-request", "elapsed-time", "rapid-commit"]
    r = run("build", "dhcp-discover", "--format", "json")
    d = next(x for x in json.loads(r.stdout.splitlines()[0])["layers"] if x["layer"] == "dhcp")
    assert d["fields"]["options"][0] == ["message-type", 1]


def test_import_builds_back_the_same_bytes() -> None:
    datas = [expected_bytes(c) for c in VECTORS]
    capture = Capture("x.pcap", 1, [Record(0, 0, d, len(d), 1) for d in datas])
    text = profile_yaml(import_packets(capture), "again", "x.pcap")
    assert "hex:" not in text  # every frame field by field
    assert "{message-type: discover}" in text and "{requested-addr: \"192.0.2.10\"}" in text
    assert "param-req-list: [subnet-mask, router" in text and "{hostname: \"client1\"}" in text
    assert "msgtype: relay-forw" in text and "{duid: en," in text
    assert [b.data for b in craft.build(load_profile_text(text), count=len(datas))] == datas


def test_import_writes_sname_and_file_as_text() -> None:
    data = _one(V4 + "      - bootp: {op: reply, sname: boot-server, file: pxelinux.0}\n"
                "      - dhcp: {options: [{message-type: offer}]}\n")
    assert data[BOOTP_AT + 44:BOOTP_AT + 56] == b"boot-server\0"
    assert data[BOOTP_AT + 108:BOOTP_AT + 119] == b"pxelinux.0\0"
    text = profile_yaml(import_packets(Capture("x.pcap", 1, [Record(0, 0, data, len(data), 1)])),
                        "again", "x.pcap")
    assert 'sname: "boot-server", file: "pxelinux.0"' in text
    assert [b.data for b in craft.build(load_profile_text(text))] == [data]


def test_starvation_puts_one_random_mac_in_ether_and_chaddr() -> None:
    frames = [b.data for b in craft.build(load_profile("dhcp-starvation"), count=20)]
    macs = {f[6:12] for f in frames}
    assert len(macs) == 20  # a new client each frame
    for f in frames:
        assert f[BOOTP_AT + 28:BOOTP_AT + 34] == f[6:12]
        assert f[6] == 0x02 and f[BOOTP_AT + 34:BOOTP_AT + 44] == bytes(10)
    assert len({f[BOOTP_AT + 4:BOOTP_AT + 8] for f in frames}) == 20  # xid random too


def test_an_option_value_varies_per_frame() -> None:
    profile = load_profile_text(
        V4 + "      - bootp: {}\n      - dhcp:\n          options:\n"
        "            - message-type: {list: [discover, request]}\n"
        "            - requested-addr: {from: 192.0.2.10, to: 192.0.2.12}\n")
    frames = [b.data for b in craft.build(profile)]
    assert len(frames) == 3
    assert [f[OPTIONS_AT + 2] for f in frames] == [1, 3, 1]
    assert [f[OPTIONS_AT + 5:OPTIONS_AT + 9] for f in frames] == [
        ip4("192.0.2.10"), ip4("192.0.2.11"), ip4("192.0.2.12")]


def test_the_discover_profile_is_what_its_recipe_says() -> None:
    (built,) = craft.build(load_profile("dhcp-discover"), backend="both")
    parts = decode(built.data)
    assert [p.name for p in parts] == ["ether", "ipv4", "udp", "bootp", "dhcp"]
    assert parts[2].values["sport"] == 68 and parts[2].values["dport"] == 67
    assert parts[3].values["chaddr"] == mac("02:00:00:00:00:01")
    assert parts[4].values["options"] == (("message-type", 1), ("param-req-list", (1, 3, 6)),
                                          ("end", None))


# --- replies: an offer answers the discover of its xid ----------------------------------------


def test_an_offer_answers_the_discover_with_its_xid() -> None:
    from craft.live.replies import Matcher

    by = {c[0]: expected_bytes(c) for c in VECTORS}
    discover, offer = by["dhcp-discover"], by["dhcp-offer"]
    solicit, reply = by["dhcpv6-solicit"], by["dhcpv6-reply"]
    m = Matcher()
    m.sent(0, discover, 1.0)
    m.sent(1, solicit, 1.0)
    other = bytearray(offer)
    other[BOOTP_AT + 4] ^= 0xFF  # another transaction: not an answer
    assert m.received(bytes(other), 1.1) is None
    assert m.received(discover, 1.1) is None  # a request answers nothing
    a = m.received(offer, 1.2)
    assert a is not None and a.request.number == 0
    b = m.received(reply, 1.3)  # the DHCPv6 reply, by its transaction id
    assert b is not None and b.request.number == 1
    assert (m.sent_count, m.answered, m.unanswered) == (2, 2, 0)


@pytest.mark.root
def test_dnsmasq_offers_a_lease_to_the_discover(lab: Lab, tmp_path: Path) -> None:
    """The lab's server runs dnsmasq with a DHCP range (tests/dnsmasq.py,
    192.0.2.100-150); the bundled discover gets an offer from it, matched by
    xid (not run where root and network namespaces are missing)."""
    from dnsmasq import dnsmasq

    with dnsmasq(lab, tmp_path, dhcp=True) as server:
        r = run("send", "--lab", "client", "--lab-name", lab.name, "dhcp-discover", "-i",
                "eth0", "--replies", "--timeout", "2", "--json")
        log = server.output()
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert (out["sent"], out["answered"]) == (1, 1), log
    assert re.search(r"DHCPOFFER\(eth0\) 192\.0\.2\.1[0-5]\d 02:00:00:00:00:01", log), log
