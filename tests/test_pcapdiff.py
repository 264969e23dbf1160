"""craft diff: two captures packet by packet, --ignore, summary counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from craftcli import run

import craft
from craft.capture.pcapdiff import (
    DIFFER,
    EQUAL,
    IGNORED,
    ONLY_A,
    ONLY_B,
    diff_captures,
    load_capture,
    parse_ignore,
)
from craft.errors import UsageError
from craft.io.pcap import PcapWriter
from craft.profile.load import load_profile


def sweep(path: Path, seed: int = 1, count: int = 4, ttl: int | None = None) -> Path:
    sets = [f"ipv4.ttl={ttl}"] if ttl is not None else []
    prof = load_profile("udp-sweep", sets=sets)
    with PcapWriter.open(path) as w:
        for b in craft.build(prof, count=count, seed=seed, backend="struct"):
            w.write(0, 0, b.data)
    return path


def test_the_same_capture_is_equal(tmp_path: Path) -> None:
    a = load_capture(sweep(tmp_path / "a.pcap"))
    report = diff_captures(a, load_capture(sweep(tmp_path / "b.pcap")))
    assert report.ok
    assert [p.status for p in report.packets] == [EQUAL] * 4
    assert report.summary().endswith("4 equal, 0 differ")


def test_field_level_differences_and_ignore(tmp_path: Path) -> None:
    a = load_capture(sweep(tmp_path / "a.pcap", seed=1))
    b = load_capture(sweep(tmp_path / "b.pcap", seed=2))  # another random ipv4.id
    report = diff_captures(a, b)
    assert not report.ok
    assert all(p.status == DIFFER for p in report.packets)
    names = {d.name for p in report.packets for d in p.fields}
    assert names == {"ipv4.id", "ipv4.checksum"}
    first = report.packets[0].fields[0]
    assert first.a != first.b
    ignored = diff_captures(a, b, parse_ignore(["ipv4.id,ipv4.checksum"]))
    assert ignored.ok
    assert [p.status for p in ignored.packets] == [IGNORED] * 4
    half = diff_captures(a, b, parse_ignore(["ipv4.id"]))
    assert not half.ok
    assert {d.name for p in half.packets for d in p.fields} == {"ipv4.checksum"}


def test_extra_packets_on_either_side(tmp_path: Path) -> None:
    a = load_capture(sweep(tmp_path / "a.pcap", count=2))
    b = load_capture(sweep(tmp_path / "b.pcap", count=4))
    report = diff_captures(a, b)
    assert [p.status for p in report.packets] == [EQUAL, EQUAL, ONLY_B, ONLY_B]
    assert "2 only in" in report.summary()
    back = diff_captures(b, a)
    assert [p.status for p in back.packets][2:] == [ONLY_A, ONLY_A]
    assert not report.ok and not back.ok


def test_whole_layers_can_be_ignored(tmp_path: Path) -> None:
    a = load_capture(sweep(tmp_path / "a.pcap", count=1))
    padded = tmp_path / "p.pcap"
    with PcapWriter.open(padded) as w:
        w.write(0, 0, a.records[0].data + b"\0\0")
    report = diff_captures(a, load_capture(padded))
    assert not report.ok
    assert report.packets[0].fields[0].name == "padding.(layer)"
    assert diff_captures(a, load_capture(padded), parse_ignore(["padding"])).ok


@pytest.mark.parametrize("word, needle", [("ipv9.ttl", "unknown layer"), ("ipv4.tll", "no field"),
                                          ("tcp.flag", "its fields")])
def test_unknown_ignore_names_are_usage_errors(word: str, needle: str) -> None:
    with pytest.raises(UsageError, match=needle):
        parse_ignore([word])


def test_cli(tmp_path: Path) -> None:
    a, b = sweep(tmp_path / "a.pcap"), sweep(tmp_path / "b.pcap", ttl=9)
    r = run("diff", str(a), str(a))
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("=     packet") == 4
    r = run("diff", str(a), str(b))
    assert r.returncode == 1
    assert "DIFF  packet 1:" in r.stdout
    assert "ipv4.ttl: 64 (0x40) | 9" in r.stdout
    assert r.stdout.strip().endswith("0 equal, 4 differ")
    r = run("diff", str(a), str(b), "--ignore", "ipv4.ttl", "-I", "ipv4.checksum", "-q")
    assert r.returncode == 0, r.stdout
    assert r.stdout.strip().splitlines() == [
        f"4 packets in {a}, 4 in {b}: 0 equal, 4 equal but for ignored fields, 0 differ"]
    r = run("diff", str(a), str(tmp_path / "none.pcap"))
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1
    r = run("diff", str(a), str(b), "--ignore", "ipv4.nope")
    assert r.returncode == 2 and "ipv4 has no field 'nope'" in r.stderr
