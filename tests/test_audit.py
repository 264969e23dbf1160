"""Issue 10, parts 3 and 4: judging computed fields, in ``--format explain``
(given values) and in ``craft check``'s hex-frame audit (bytes on the wire).

A selector is wrong only when craft models the next layer and the value does
not lead to it; a zero UDP checksum over IPv4 means "none" and is right; the
audit keeps the selectors the frame carries when it recomputes checksums,
and judges only what it decodes. The correct frames below were built by
scapy, and tshark (which shares nothing with craft) must find them sound.

On the code before the fix (d7e5d20) the explain cases of
``test_explain_accepts_a_selector_it_cannot_judge`` and the zero checksum
over IPv4 were marked wrong, every frame of ``CORRECT`` got findings and
``craft check --strict`` printed "ok" and exited 1.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from craft.encode.audit import Finding, audit
from craft.fmt.explain import explain
from craft.profile.load import load_profile_text
from tests import tshark
from tests.craftcli import run

# scapy-built frames that are right in every field (tshark agrees below)
CORRECT = {
    # IPv4 / GRE / IPv4 / UDP: "ipv4.proto is 47, should be 0" before the fix
    "gre": "02000000000202000000000108004500003600010000402ff694c0000201c000020200000800"
           "4500001e0001000040112664c6336401c63364029c400009000aa6bc6869",
    # IGMPv2 query with the router alert option
    "igmp": "01005e000001020000000001080046c000200001000001028214c0000201e0000001940400"
            "001114eeeb00000000",
    # SCTP INIT (CRC-32C)
    "sctp": "020000000002020000000001080045000034000100004084f641c0000201c000020213881389"
            "000000006004b97701000014000000010000ffff0001000100000001",
    # MPLS label 100 / IPv4 / UDP
    "mpls": "0200000000020200000000018847000641404500001e000100004011f6cac0000201c0000202"
            "9c400009000a77236869",
    # LLDP (chassis, port, TTL, end), padded to 60 bytes
    "lldp": "0180c200000e02000000000188cc0207040200000000010402073106020078000000000000"
            "0000000000000000000000000000000000000000000000",
    # 802.3 length + LLC + STP configuration BPDU
    "stp": "0180c200000002000000000100264242030000000000000000000000000000000000000000"
           "000000000000000000000100140002000f00",
    # a non-first fragment (offset 1480) of a UDP datagram: no UDP header in it
    "fragment-2": "020000000002020000000001080045000078000700b94011f5b1c0000201c0000202"
                  + "78" * 100,
    # a first fragment: UDP's length and checksum cover the whole datagram
    "fragment-1": "020000000002020000000001080045000080000720004011d662c0000201c00002029c40"
                  "000905e41234" + "78" * 100,
    # UDP over IPv4 without a checksum (zero: "none", RFC 768)
    "udp-no-checksum": "02000000000202000000000108004500001e000100004011f6cac0000201c0000202"
                       "9c400009000a00006869",
    # IPv6 / hop-by-hop (router alert) / ICMPv6 echo request (the frame)
    "ipv6-hop-by-hop": "02000000000202000000000186dd600000000010004020010db80000000000000000"
                       "0000000120010db80000000000000000000000023a00050200000100800024460001"
                       "0001",
}

# broken frames: (hex, the findings the audit must give)
BROKEN = {
    # the GRE frame with its outer IPv4 checksum off by one
    "gre-bad-ip-checksum": (
        CORRECT["gre"][:48] + "f695" + CORRECT["gre"][52:],
        ["ipv4.checksum is 0xf695, should be 0xf694"]),
    # UDP over IPv6 must carry a checksum (RFC 8200 §8.1): zero is wrong there
    "ipv6-udp-zero-checksum": (
        "02000000000202000000000186dd60000000000a114020010db800000000000000000000000120010db8"
        "0000000000000000000000029c400009000a00006869",
        ["udp.checksum is 0x0000, should be 0x9fb2"]),
    # the frame with its ICMPv6 checksum off by one, behind the hop-by-hop header
    "ipv6-hop-by-hop-bad-icmpv6-checksum": (
        CORRECT["ipv6-hop-by-hop"][:-12] + "2447" + CORRECT["ipv6-hop-by-hop"][-8:],
        ["icmpv6.checksum is 0x2447, should be 0x2446"]),
    # a first fragment whose IPv4 header checksum is wrong: that much it can judge
    "fragment-1-bad-ip-checksum": (
        CORRECT["fragment-1"][:48] + "d663" + CORRECT["fragment-1"][52:],
        ["ipv4.checksum is 0xd663, should be 0xd662"]),
}


def test_the_correct_frames_are_correct_for_tshark(tmp_path: Path) -> None:
    found = tshark.check([bytes.fromhex(h) for h in CORRECT.values()], tmp_path, "correct")
    assert dict(zip(CORRECT, found, strict=True)) == {name: [] for name in CORRECT}


@pytest.mark.parametrize("name", CORRECT)
def test_audit_finds_nothing_wrong_in_a_correct_frame(name: str) -> None:
    assert [str(f) for f in audit(bytes.fromhex(CORRECT[name]))] == []


@pytest.mark.parametrize("name", BROKEN)
def test_audit_finds_what_is_wrong(name: str) -> None:
    data, expected = BROKEN[name]
    assert [str(f) for f in audit(bytes.fromhex(data))] == expected


def test_the_broken_frames_are_broken_for_tshark(tmp_path: Path) -> None:
    found = tshark.check([bytes.fromhex(h) for h, _ in BROKEN.values()], tmp_path, "broken")
    assert all(found), dict(zip(BROKEN, found, strict=True))


def test_finding_text() -> None:
    assert str(Finding("udp", "len", 9, 10)) == "udp.len is 9, should be 10"


# --- craft check --------------------------------------------------------------------


def _hex_profile(path: Path, frames: list[str]) -> Path:
    body = "".join(f"  - hex: {h}\n" for h in frames)
    path.write_text(f"name: audit\ndescription: hex frames\nframes:\n{body}")
    return path


def test_check_strict_passes_correct_hex_frames(tmp_path: Path) -> None:
    path = _hex_profile(tmp_path / "ok.yaml", list(CORRECT.values()))
    r = run("check", "--strict", str(path))
    assert r.returncode == 0, r.stdout
    assert r.stdout.splitlines() == [
        f"ok    {path} (audit): {len(CORRECT)} frames, struct == scapy"]


def test_check_strict_fails_and_says_so_on_its_first_line(tmp_path: Path) -> None:
    path = _hex_profile(tmp_path / "bad.yaml", [BROKEN["gre-bad-ip-checksum"][0]])
    r = run("check", "--strict", str(path))
    assert r.returncode == 1
    head, finding = r.stdout.splitlines()
    assert head.startswith("FAIL  "), head
    assert head.endswith("1 wrong length or checksum in raw-hex frames"), head
    assert finding.strip() == "frames[0] #0: ipv4.checksum is 0xf695, should be 0xf694"
    lenient = run("check", str(path))
    assert lenient.returncode == 0
    assert lenient.stdout.startswith("ok    ") and "--strict fails on them" in lenient.stdout


# --- explain ------------------------------------------------------------------------


def _wrong(layers: str) -> dict[str, str]:
    """{layer.field: what it should be} for the fields explain marks wrong."""
    profile = load_profile_text(f"name: x\nframes:\n  - layers:\n{layers}")
    (frame,) = profile.frames(count=1)
    return {f"{r.layer}.{r.field}": r.correct for r in explain(frame) if r.correct}


@pytest.mark.parametrize("layers", [
    "      - ether: {type: 0x8847}\n      - raw: {hex: '00064140'}\n",  # MPLS
    "      - ether: {type: qinq}\n      - vlan: {vid: 10}\n      - ipv4:\n",  # 802.1ad tag
    "      - ipv4: {proto: gre}\n      - raw: {hex: '00000800'}\n",
    "      - ipv6: {nh: hop-by-hop}\n      - raw: {hex: '3b00010400000000'}\n",
    "      - ether: {type: 0x0026}\n      - payload: {hex: '424203'}\n",  # 802.3 length
    "      - ipv4:\n      - udp: {checksum: 0}\n      - payload: {text: hi}\n",  # no checksum
    "      - ether: {type: vlan}\n      - vlan: {type: ipv6}\n      - ipv6:\n",
], ids=["mpls", "qinq", "gre", "hop-by-hop", "802.3-length", "udp-zero-over-ipv4",
        "right-selectors"])
def test_explain_accepts_a_selector_it_cannot_judge(layers: str) -> None:
    assert _wrong(layers) == {}


@pytest.mark.parametrize(("layers", "wrong"), [
    ("      - ether: {type: arp}\n      - ipv4:\n", {"ether.type": "ipv4"}),
    ("      - ipv4: {proto: tcp}\n      - udp:\n", {"ipv4.proto": "udp"}),
    ("      - ipv6: {nh: hop-by-hop}\n      - icmpv6:\n", {"ipv6.nh": "icmpv6"}),
    ("      - vlan: {type: 0x0800}\n      - ipv6:\n", {"vlan.type": "ipv6"}),
    ("      - ipv6:\n      - udp: {checksum: 0}\n", {"udp.checksum": "0xa3ff"}),
    ("      - ipv4:\n      - icmp: {checksum: 0x1234}\n", {"icmp.checksum": "0xf7ff"}),
], ids=["ether-type", "ipv4-proto", "ipv6-nh", "vlan-type", "udp-zero-over-ipv6",
        "icmp-checksum"])
def test_explain_still_marks_a_wrong_value(layers: str, wrong: dict[str, str]) -> None:
    assert _wrong(layers) == wrong
