"""craft compare: tcpdump and craft sniff capture the same sent frames (pcap
and text) and agree; verify accepts both captures; the lab is made and
removed when it was not up."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from conftest import require_root, unique_name
from craftcli import ROOT, run

from craft.live.compare import lines_within, run_compare, strip_times
from craft.live.lab import Lab, namespaces

pytestmark = pytest.mark.lab_prefix("ct-cmp-")


def test_timestamps_aside_and_the_capture_window() -> None:
    assert strip_times(["12:00:01.000001 IP 192.0.2.1 > 192.0.2.2: x", "\t0x0000: 4500"]) == \
        ["IP 192.0.2.1 > 192.0.2.2: x", "\t0x0000: 4500"]
    base = time.mktime((2026, 1, 2, 12, 0, 0, 0, 0, -1))
    lines = ["11:59:59.900000 before", "12:00:00.100000 in", "\tcontinuation of in",
             "12:00:01.500000 after"]
    assert lines_within(lines, base, base + 1.0) == ["12:00:00.100000 in", "\tcontinuation of in"]


def test_usage_errors() -> None:
    r = run("compare", "icmp")
    assert r.returncode == 2 and "give --lab" in r.stderr
    r = run("compare", "icmp", "--lab", "-i", "eth0")
    assert r.returncode == 2
    r = run("compare", "no-such.yaml", "--lab")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1


@pytest.mark.root
def test_compare_makes_the_lab_agrees_and_removes_it() -> None:
    require_root("tcpdump")
    name = unique_name("ct-cmp-")
    try:
        r = run("compare", "profiles/icmp.yaml", "--lab", "--lab-name", name, "--count", "3")
        assert r.returncode == 0, r.stdout + r.stderr
        assert "is not up: creating it" in r.stderr
        out = r.stdout
        assert "tcpdump and craft agree" in out
        assert out.count("ICMP echo request, id 4660") == 2 * 3  # both columns, 3 frames
        assert "3/3 frames" in out and "all matched" in out
        assert not {f"{name}-client", f"{name}-server"} & namespaces()
    finally:
        Lab(name)._quiet_down()


@pytest.mark.root
@pytest.mark.parametrize("profile", ["udp", "tcp-syn", "ipv6-echo", "arp-request", "vlan-udp"])
def test_compare_in_a_lab_that_is_up_keeps_it(lab: Lab, tmp_path: Path, profile: str) -> None:
    require_root("tcpdump")
    # a lab just made: both kernels send their unsolicited MLD reports within about a
    # second (RFC 3810 §9.11, robustness 2), at the same instant from both ends, which
    # two capture sockets may see in either order; the comparison starts after them
    time.sleep(2)
    r = run("compare", profile, "--lab", "--lab-name", lab.name, "--keep", str(tmp_path))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "creating it" not in r.stderr
    assert lab.exists()
    for f in ("tcpdump.pcap", "craft.pcap", "tcpdump.txt", "craft.txt", "tcpdump-window.pcap",
              "craft-window.pcap"):
        assert (tmp_path / f).stat().st_size > 0, f
    d = run("diff", str(tmp_path / "tcpdump-window.pcap"), str(tmp_path / "craft-window.pcap"))
    assert d.returncode == 0, d.stdout
    v = run("verify", profile, str(tmp_path / "craft.pcap"))
    assert v.returncode == 0, v.stdout


@pytest.mark.root
def test_run_compare_result(lab: Lab, tmp_path: Path) -> None:
    require_root("tcpdump")
    res = run_compare("profiles/udp-sweep.yaml", tmp_path, lab=lab.name, count=8)
    assert res.ok
    assert res.pcap_diff.count("equal") == res.pcap_diff.count_a == res.pcap_diff.count_b >= 8
    assert res.verify_tcpdump.matched == res.verify_craft.matched == 8
    assert strip_times(res.tcpdump_text) == strip_times(res.craft_text)
    assert sum("UDP, length 32" in line for line in res.craft_text) == 8
    res.craft_text = res.craft_text[:-1]  # one printed line fewer: they no longer agree
    assert not res.ok


@pytest.mark.root
def test_compare_on_an_interface(lab: Lab) -> None:
    require_root("tcpdump")
    r = lab.exec("client", [sys.executable, "-m", "craft", "compare", "icmp", "-i", "eth0",
                            "--count", "2"], capture_output=True, text=True, cwd=ROOT,
                 timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "tcpdump and craft agree" in r.stdout
