"""craft verify: a profile's frames found in a capture by rule, per frame a
match or the differing fields; bad captures in one line."""

from __future__ import annotations

import struct
import subprocess
from pathlib import Path

import pytest
from craftcli import PROFILES, ROOT, run

import craft
from craft.capture.pcapdiff import Capture, UnsupportedLinkType, load_capture
from craft.capture.verify import AUTO, COMPUTED, VALUE, verify
from craft.io.pcap import PcapWriter, Record
from craft.layers.linktype import LINKTYPE_RAW
from craft.profile.load import load_profile, load_profile_text
from craft.profile.resolve import PlaceholderResolver


def cap(datas: list[bytes], linktype: int = 1) -> Capture:
    return Capture("test.pcap", linktype, [Record(0, 0, d, len(d), linktype) for d in datas])


def built(profile, **kw) -> list[bytes]:  # type: ignore[no-untyped-def]
    return [b.data for b in craft.build(profile, backend="struct", **kw)]


def write(path: Path, datas: list[bytes], linktype: int = 1) -> Path:
    with PcapWriter.open(path, linktype) as w:
        for d in datas:
            w.write(0, 0, d)
    return path


@pytest.mark.parametrize("path", PROFILES, ids=[p.stem for p in PROFILES])
def test_every_bundled_profile_matches_its_own_build(path: Path) -> None:
    prof = load_profile(path)
    report = verify(prof.frames(), cap(built(prof)))
    assert report.ok, [str(m) for f in report.frames for m in f.mismatches]
    assert report.matched == prof.default_count()


def test_a_given_field_must_match_by_value() -> None:
    prof = load_profile("icmp")
    report = verify(load_profile("icmp", sets=["ipv4.ttl=3"]).frames(), cap(built(prof)))
    assert not report.ok
    (frame,) = report.frames
    assert frame.packet == 1
    assert [(m.layer, m.field, m.expected, m.seen, m.rule) for m in frame.mismatches] == [
        ("ipv4", "ttl", "3", "64 (0x40)", VALUE)]


def test_a_computed_checksum_must_be_correct_on_the_wire() -> None:
    data = bytearray(built(load_profile("udp"))[0])
    data[40:42] = b"\x12\x34"  # udp.checksum
    report = verify(load_profile("udp").frames(), cap([bytes(data)]))
    (m,) = report.frames[0].mismatches
    assert (m.layer, m.field, m.rule) == ("udp", "checksum", COMPUTED)
    assert m.seen.endswith("(0x1234)")
    right = int.from_bytes(built(load_profile("udp"))[0][40:42], "big")
    assert m.expected.endswith(f"(0x{right:x})")


def test_a_wrong_checksum_given_in_the_profile_is_matched_by_value() -> None:
    wrong = load_profile("udp", sets=["udp.checksum=0xbeef"])
    assert verify(wrong.frames(), cap(built(wrong))).ok
    report = verify(wrong.frames(), cap(built(load_profile("udp"))))
    (m,) = report.frames[0].mismatches
    assert (m.field, m.expected, m.rule) == ("checksum", "48879 (0xbeef)", VALUE)


class OtherHost(PlaceholderResolver):
    placeholder = False

    def mac(self) -> bytes:
        return bytes.fromhex("02aabbccddee")

    def ipv4(self) -> bytes:
        return bytes([203, 0, 113, 9])

    def neighbour(self, ip: bytes) -> bytes:
        return bytes.fromhex("02ffeeddccbb")


def test_auto_addresses_take_the_capture_s_values_and_report_them() -> None:
    prof = load_profile("icmp")
    seen = built(prof, count=3, resolver=OtherHost())
    report = verify(prof.frames(count=3), cap(seen))
    assert report.ok
    assert report.auto_seen == {"ether.dst": "02:ff:ee:dd:cc:bb", "ether.src": "02:aa:bb:cc:dd:ee",
                                "ipv4.src": "203.0.113.9"}


def test_an_auto_source_must_be_the_same_in_every_frame() -> None:
    prof = load_profile("icmp")
    first = built(prof, count=2)
    second = built(prof, count=2, resolver=OtherHost())
    report = verify(prof.frames(count=2), cap([first[0], second[1]]))
    assert report.frames[0].matched and not report.frames[1].matched
    fields = {(m.layer, m.field) for m in report.frames[1].mismatches}
    assert ("ether.src" not in fields) and ("ether", "src") in fields
    assert all(m.rule == AUTO for m in report.frames[1].mismatches)


def test_broadcast_destination_is_derived_so_matched_by_value() -> None:
    prof = load_profile("arp-request")
    data = bytearray(built(prof)[0])
    data[0:6] = bytes.fromhex("020000000002")  # unicast instead of broadcast
    (m,) = verify(prof.frames(), cap([bytes(data)])).frames[0].mismatches
    assert (m.layer, m.field, m.expected, m.rule) == ("ether", "dst", "ff:ff:ff:ff:ff:ff", VALUE)


def test_other_traffic_in_between_is_skipped_in_order() -> None:
    prof = load_profile("udp-sweep")
    frames = built(prof, count=4)
    noise = built(load_profile("arp-request"))[0]
    report = verify(prof.frames(count=4), cap([noise, frames[0], noise, frames[1], frames[2],
                                               noise, frames[3]]))
    assert report.ok
    assert [f.packet for f in report.frames] == [2, 4, 5, 7]
    assert report.other_packets == 3


def test_out_of_order_and_missing_frames_fail() -> None:
    prof = load_profile("udp-sweep")
    frames = built(prof, count=3)
    report = verify(prof.frames(count=3), cap([frames[1], frames[0]]))
    assert [f.matched for f in report.frames] == [True, False, False]
    assert report.frames[2].packet is None  # nothing left after frame #0's match
    assert "none left" in str(report.frames[2].mismatches[0])


def test_a_different_layer_stack_is_named() -> None:
    prof = load_profile("icmp")
    other = built(load_profile("udp"))[0]
    (m,) = verify(prof.frames(), cap([other])).frames[0].mismatches
    assert (m.layer, m.field, m.expected, m.seen) == ("icmp", "(layer)", "icmp", "udp")


def test_raw_hex_frames_are_matched_by_value() -> None:
    prof = load_profile("textbook-raw")
    frames = built(prof)
    assert verify(prof.frames(), cap(frames)).ok
    fixed = bytearray(frames[0])
    fixed[36:38] = b"\xc1\xf7"  # the right checksum is not what the hex frame says
    report = verify(prof.frames(), cap([bytes(fixed), frames[1]]))
    (m,) = report.frames[0].mismatches
    assert (m.layer, m.field, m.rule) == ("icmp", "checksum", VALUE)


def test_raw_ip_captures_compare_from_the_ip_header() -> None:
    prof = load_profile("tcp-syn")
    report = verify(prof.frames(), cap([built(prof)[0][14:]], LINKTYPE_RAW))
    assert report.ok


def test_padding_after_the_ip_length_is_not_a_difference() -> None:
    prof = load_profile("arp-request")
    assert verify(prof.frames(), cap([built(prof)[0] + b"\0" * 18])).ok


def test_a_stream_verified_with_count_and_seed() -> None:
    prof = load_profile("udp-sweep")
    assert verify(prof.frames(count=20, seed=7), cap(built(prof, count=20, seed=7))).ok
    assert not verify(prof.frames(count=20, seed=8), cap(built(prof, count=20, seed=7))).ok


def test_a_frame_cut_short_in_the_capture_is_reported() -> None:
    prof = load_profile("tcp-syn")
    report = verify(prof.frames(), cap([built(prof)[0][:50]]))
    assert not report.ok
    assert any(m.field == "(decode)" for m in report.frames[0].mismatches)


def test_an_auto_lladdr_option_takes_any_mac_but_must_be_there() -> None:
    prof = load_profile("icmpv6-ns")
    other = built(prof, resolver=OtherHost())[0]
    assert other != built(prof)[0] and other[-6:] == bytes.fromhex("02aabbccddee")
    assert verify(prof.frames(), cap([other])).ok
    bare = load_profile_text((ROOT / "profiles/icmpv6-ns.yaml").read_text().replace(
        "options: [{src-lladdr: auto}]", "options: []"))
    report = verify(prof.frames(), cap(built(bare)))
    assert not report.ok
    assert ("icmpv6", "options") in {(m.layer, m.field) for m in report.frames[0].mismatches}


# -- the command ----------------------------------------------------------------


def test_cli_exit_0_when_every_frame_matched(tmp_path: Path) -> None:
    prof = load_profile("icmp")
    path = write(tmp_path / "icmp.pcap", built(prof, count=3))
    r = run("verify", "profiles/icmp.yaml", str(path), "--count", "3")
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("ok    frames[0]") == 3
    assert "3 of 3 frames matched" in r.stdout


def test_cli_exit_1_and_the_field_level_diff(tmp_path: Path) -> None:
    path = write(tmp_path / "icmp.pcap", built(load_profile("icmp")))
    r = run("verify", "profiles/icmp.yaml", str(path), "--set", "ipv4.ttl=9")
    assert r.returncode == 1
    assert "FAIL  frames[0] #0" in r.stdout
    assert "ipv4.ttl: expected 9, seen 64 (0x40)" in r.stdout
    assert "0 of 1 frame matched" in r.stdout


def one_line(r: subprocess.CompletedProcess[str], code: int, *needles: str) -> None:
    assert r.returncode == code, (r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert "Traceback" not in r.stderr
    for n in needles:
        assert n in lines[0], lines[0]


def test_bad_captures_one_line_each(tmp_path: Path) -> None:
    one_line(run("verify", "icmp", str(tmp_path / "missing.pcap")), 2, "missing.pcap",
             "No such file")
    text = tmp_path / "notes.txt"
    text.write_text("not a capture at all\n")
    one_line(run("verify", "icmp", str(text)), 2, "notes.txt", "not a pcap")
    unreadable = tmp_path / "dir.pcap"
    unreadable.mkdir()
    one_line(run("verify", "icmp", str(unreadable)), 2, "dir.pcap")
    whole = write(tmp_path / "whole.pcap", built(load_profile("udp-sweep")))
    cut = tmp_path / "cut.pcap"
    data = whole.read_bytes()
    cut.write_bytes(data[:24 + 3 * (16 + 74) + 30])  # three packets and part of the fourth
    one_line(run("verify", "udp-sweep", str(cut)), 1, "cut.pcap", "truncated", "3 whole packets")
    sll = write(tmp_path / "sll.pcap", [b"\0" * 16 + built(load_profile("icmp"))[0][14:]], 113)
    one_line(run("verify", "icmp", str(sll)), 2, "sll.pcap", "LINUX_SLL", "Ethernet")


def test_load_capture_refuses_link_types_it_cannot_decode(tmp_path: Path) -> None:
    path = tmp_path / "usb.pcap"
    path.write_bytes(struct.pack("=IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 189))
    with pytest.raises(UnsupportedLinkType, match="DLT_189"):
        load_capture(path)


def test_a_pcapng_written_by_tshark_verifies(tmp_path: Path) -> None:
    import os
    import shutil

    tshark = shutil.which("tshark")
    if tshark is None:
        if os.environ.get("CI") == "true":
            pytest.fail("tshark is not installed (make test installs it as root)")
        pytest.skip("tshark not installed")
    src = write(tmp_path / "sweep.pcap", built(load_profile("udp-sweep")))
    ng = tmp_path / "sweep.pcapng"
    r = subprocess.run([tshark, "-r", str(src), "-F", "pcapng", "-w", str(ng)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert ng.read_bytes()[:4] == b"\x0a\x0d\x0d\x0a"
    r = run("verify", "udp-sweep", str(ng), "-q")
    assert r.returncode == 0, r.stdout
    assert r.stdout.strip().endswith("16 of 16 frames matched in " + str(ng) +
                                     " (16 packets, 0 not the profile's)")
