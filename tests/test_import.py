"""craft import: capture → profile; round trip import then build gives the
same bytes; correct computed fields left auto, wrong ones kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from craftcli import PROFILES, run

import craft
from craft.capture.importer import import_packets, profile_yaml
from craft.capture.pcapdiff import Capture, load_capture
from craft.io.pcap import PcapWriter, Record
from craft.profile.load import load_profile, load_profile_text


def cap(datas: list[bytes], linktype: int = 1) -> Capture:
    return Capture("x.pcap", linktype, [Record(0, 0, d, len(d), linktype) for d in datas])


def rebuild(text: str) -> list[bytes]:
    """Build an imported profile the way craft build does: both encoders, cross-checked."""
    prof = load_profile_text(text)
    return [b.data for b in craft.build(prof, backend="both")]


def round_trip(datas: list[bytes], linktype: int = 1) -> tuple[str, list]:
    items = import_packets(cap(datas, linktype))
    text = profile_yaml(items, "t", "x.pcap")
    assert rebuild(text) == datas
    return text, items


@pytest.mark.parametrize("path", PROFILES, ids=[p.stem for p in PROFILES])
def test_every_bundled_profile_round_trips_field_by_field(path: Path) -> None:
    prof = load_profile(path)
    datas = [b.data for b in craft.build(prof, count=min(prof.check_count(), 20))]
    text, items = round_trip(datas)
    assert {i.how for i in items} == {"fields"}
    frames = text.split("frames:\n", 1)[1]
    if any(spec.fragment for spec in prof.specs):
        return  # a fragment's transport length and checksum cover the whole datagram: kept
    # correct computed fields are left auto (the textbook ICMP checksum is stale: kept)
    assert "checksum:" not in frames or path.stem == "textbook-raw"
    assert "len:" not in frames and "type: ipv4" not in frames and "proto:" not in frames


def test_a_wrong_checksum_is_kept_and_the_right_ones_are_not() -> None:
    good = [b.data for b in craft.build(load_profile("udp"))][0]
    bad = bytearray(good)
    bad[40:42] = b"\xbe\xef"
    text, _ = round_trip([bytes(bad)])
    assert "udp: {sport: 40000, dport: 9000, checksum: 0xbeef}" in text
    assert 'ipv4: {src: "192.0.2.1", dst: "192.0.2.2"}' in text


def test_fields_read_as_a_user_writes_them() -> None:
    prof = load_profile("tcp-syn")
    text, _ = round_trip([b.data for b in craft.build(prof)])
    assert 'ether: {dst: "02:00:00:00:00:02", src: "02:00:00:00:00:01"}' in text
    assert "ipv4: {flags: DF," in text
    assert "options: [{mss: 1460}, sackok, {timestamp: [12345, 0]}, nop, {wscale: 7}]" in text
    assert "# packet 1: IP 192.0.2.1.43210 > 192.0.2.2.80: Flags [S], seq 1000" in text
    icmp, _ = round_trip([b.data for b in craft.build(load_profile("icmp"))])
    assert "icmp: {type: echo-request, id: 4660, seq: 1}" in icmp
    assert 'payload: {text: "Hello, World!"}' in icmp


def test_padding_truncation_and_garbage_still_round_trip() -> None:
    arp = [b.data for b in craft.build(load_profile("arp-request"))][0]
    udp = [b.data for b in craft.build(load_profile("udp-sweep"))][0]
    cut_ipv4 = udp[:14] + bytes([0x4F]) + udp[15:]  # ihl 15: "options" swallow the UDP header
    text, items = round_trip(
        [arp + b"\0" * 18, udp[:40], udp + b"\xaa\xbb", b"\x01\x02\x03", cut_ipv4]
    )
    assert [i.how for i in items] == ["fields", "all-fields", "fields", "hex", "fields"]
    assert '- padding: {size: 18, fill: "0x00"}' in text
    assert '- hex: "010203"' in text
    # the Ethernet trailer is padding, outside the lengths: they stay computed
    udp_frame = text.split("# packet 3:")[1].split("# packet 4:")[0]
    assert '- payload: {size: 32, fill: "0xab"}\n      - padding: {hex: "aabb"}' in udp_frame
    assert "len:" not in udp_frame and "checksum:" not in udp_frame


def test_raw_ip_capture_round_trips() -> None:
    data = [b.data for b in craft.build(load_profile("tcp-syn"))][0][14:]
    text, items = round_trip([data], linktype=101)
    assert "ether" not in text.split("frames:")[1].replace("# packet", "")
    assert items[0].how == "fields"


def test_cli_import_then_build_gives_the_same_pcap(tmp_path: Path) -> None:
    src = tmp_path / "sweep.pcap"
    r = run("build", "profiles/udp-sweep.yaml", "--format", "pcap", "-o", str(src))
    assert r.returncode == 0, r.stderr
    out = tmp_path / "imported.yaml"
    r = run("import", str(src), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert "16 frame(s) written" in r.stderr
    back = tmp_path / "back.pcap"
    r = run("build", str(out), "--format", "pcap", "-o", str(back))
    assert r.returncode == 0, r.stderr
    assert [x.data for x in load_capture(back).records] == [
        x.data for x in load_capture(src).records
    ]
    r = run("diff", str(src), str(back), "-q")
    assert r.returncode == 0, r.stdout


def test_cli_filter_count_and_bad_input(tmp_path: Path) -> None:
    src = tmp_path / "sweep.pcap"
    with PcapWriter.open(src) as w:
        for b in craft.build(load_profile("udp-sweep")):
            w.write(0, 0, b.data)
    r = run("import", str(src), "udp dst port 9003 or udp dst port 9005", "--count", "1")
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("- layers:") == 1 and "dport: 9003" in r.stdout
    assert "# packet 4:" in r.stdout
    r = run("import", str(src), "icmp")
    assert r.returncode == 2 and "no packets match 'icmp'" in r.stderr
    r = run("import", str(tmp_path / "nothing.pcap"))
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1
    cut = tmp_path / "cut.pcap"
    cut.write_bytes(src.read_bytes()[: 24 + 2 * (16 + 74) + 5])
    r = run("import", str(cut))
    assert r.returncode == 1
    assert "after 2 whole packets" in r.stderr and "Traceback" not in r.stderr
