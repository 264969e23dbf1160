"""craft export: trafgen configurations (counters where they reproduce the
frames, else every frame) and pcap; trafgen runs the export in a lab and
craft verify accepts what arrives."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest
from conftest import require_root
from craftcli import run

import craft
from craft.capture.export import trafgen_export
from craft.capture.pcapdiff import load_capture
from craft.capture.verify import verify
from craft.profile.load import load_profile

pytestmark = pytest.mark.lab_prefix("ct-cmp-")

EVEN_ICMP = ["payload.text=even"]  # trafgen's csumicmp needs an even-length message
SWEEP_FIXED_ID = ["ipv4.id=7"]  # no random stream: counters can do the rest


def export(name: str, count: int | None = None, sets: list[str] | None = None):  # type: ignore[no-untyped-def]
    prof = load_profile(name, sets=sets or [])
    return trafgen_export(craft.build(prof, count=count, backend="struct"))


def test_counters_and_checksum_functions_when_they_reproduce_the_frames() -> None:
    icmp = export("icmp", 5, EVEN_ICMP)
    assert not icmp.expanded and len(icmp.packets) == 1
    text = icmp.text("icmp")
    assert "trafgen --cpus 1 -n 5" in text
    # seq 1..5 in the low byte: trafgen applies the counter before each send
    assert "0x12, 0x34, 0x00, dinc(0, 5, 1)," in text
    assert "csumip(14, 33)" in text and "csumicmp(34, 45)" in text
    sweep = export("udp-sweep", None, SWEEP_FIXED_ID).text("udp-sweep")
    assert "0xc6, 0x33, 0x64, dinc(0, 16, 1)" in sweep  # 198.51.100.1..16
    assert "0x23, dinc(39, 55, 1)" in sweep  # dport 9000..9015 = 0x2328..0x2337
    assert "csumudp(14, 34)" in sweep
    assert text.count("{") == text.count("}") == 1


@pytest.mark.parametrize("name, count, sets, why", [
    ("udp-sweep", None, [], "ipv4.id does not count up"),  # a random stream
    ("icmp", 3, [], "icmp checksum of an odd length"),
    ("ipv6-echo", 3, [], "icmpv6 checksum"),
    ("icmp", 300, EVEN_ICMP, "icmp.seq does not count up"),  # crosses the low byte
])
def test_expanded_when_trafgen_cannot_reproduce(name: str, count: int | None, sets: list[str],
                                                why: str) -> None:
    e = export(name, count, sets)
    assert e.expanded and why in e.why
    prof = load_profile(name, sets=sets)
    datas = [b.data for b in craft.build(prof, count=count, backend="struct")]
    assert [p.data for p in e.packets] == datas
    text = e.text(name)
    assert "dinc(" not in text and "csum" not in text
    assert text.count("\n{") == len(datas)


def test_constant_frames_are_written_once_per_profile_frame() -> None:
    e = export("textbook-raw", 6)
    assert not e.expanded and [p.sends for p in e.packets] == [3, 3]
    assert "dinc(" not in e.text("x")


def test_export_pcap_is_what_build_gives(tmp_path: Path) -> None:
    out = tmp_path / "x.pcap"
    r = run("export", "profiles/udp-sweep.yaml", "--to", "pcap", "-o", str(out), "-c", "20")
    assert r.returncode == 0, r.stderr
    got = [x.data for x in load_capture(out).records]
    assert got == [b.data for b in craft.build(load_profile("udp-sweep"), count=20)]


def test_cli_export_trafgen_and_bad_input(tmp_path: Path) -> None:
    out = tmp_path / "icmp.cfg"
    r = run("export", "icmp", "--to", "trafgen", "-o", str(out), "-c", "2", "--set", EVEN_ICMP[0])
    assert r.returncode == 0, r.stderr
    assert "dinc(0, 2, 1)" in out.read_text()
    r = run("export", "icmp", "--to", "pktgen")
    assert r.returncode == 2 and "--to 'pktgen': use trafgen or pcap" in r.stderr
    r = run("export", "no-such-profile.yaml")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1


# -- trafgen on the lab's veth -------------------------------------------------


def capture_trafgen(lab, cfg: Path, count: int, pcap: Path) -> None:  # type: ignore[no-untyped-def]
    err = pcap.with_suffix(".err")
    with open(err, "wb") as e:
        dump = lab.popen("server", ["tcpdump", "-i", "eth0", "-n", "--immediate-mode", "-U",
                                    "-w", str(pcap)], stdout=subprocess.DEVNULL, stderr=e,
                         start_new_session=True)
    try:
        deadline = time.monotonic() + 10
        while "listening on" not in err.read_text():
            assert dump.poll() is None and time.monotonic() < deadline, err.read_text()
            time.sleep(0.02)
        tg = lab.exec("client", ["trafgen", "--in", str(cfg), "--out", "eth0", "--cpus", "1",
                                 "-n", str(count), "-q"], capture_output=True, text=True,
                      timeout=60)
        assert tg.returncode == 0, tg.stderr
        time.sleep(0.3)
    finally:
        os.killpg(dump.pid, signal.SIGINT)
        dump.wait(10)


@pytest.mark.root
@pytest.mark.parametrize("name, count, sets, expanded", [
    ("icmp", 5, EVEN_ICMP, False),
    ("udp-sweep", None, SWEEP_FIXED_ID, False),
    ("tcp-syn", 3, ["tcp.sport={from: 1000, to: 1002}"], False),
    ("udp-sweep", 20, [], True),
    ("ipv6-echo", 3, [], True),
])
def test_trafgen_sends_the_export_and_verify_accepts_it(lab, tmp_path: Path, name: str,  # type: ignore[no-untyped-def]
                                                         count: int | None, sets: list[str],
                                                         expanded: bool) -> None:
    require_root("trafgen", "tcpdump")
    cfg = tmp_path / "export.cfg"
    args = ["export", name, "--to", "trafgen", "-o", str(cfg)]
    args += ["--count", str(count)] if count else []
    for s in sets:
        args += ["--set", s]
    r = run(*args)
    assert r.returncode == 0, r.stderr
    text = cfg.read_text()
    assert ("dinc(" in text) != expanded
    n = int(re.search(r"-n (\d+)", text).group(1))  # type: ignore[union-attr]
    pcap = tmp_path / "rx.pcap"
    capture_trafgen(lab, cfg, n, pcap)
    prof = load_profile(name, sets=sets)
    report = verify(prof.frames(count=count), load_capture(pcap))
    assert report.ok, [f"{f.label}: {m}" for f in report.frames for m in f.mismatches]
    assert report.matched == n
    args = ["verify", name, str(pcap)] + (["--count", str(count)] if count else [])
    for s in sets:
        args += ["--set", s]
    r = run(*args)
    assert r.returncode == 0, r.stdout + r.stderr


def trafgen_sends(p, uses: int) -> list[bytes]:  # type: ignore[no-untyped-def]
    """What trafgen 0.6 sends for one packet of the configuration, ``uses``
    times, checksum bytes aside: each counter is applied before each send,
    starting from its min (the behaviour the lab test above pins down)."""
    out = []
    for u in range(uses):
        data = bytearray(p.data)
        for off, (lo, hi, step) in p.counters.items():
            data[off] = lo + ((u + 1) * step) % (hi - lo + 1)
        out.append(bytes(data))
    return out


@pytest.mark.parametrize("name, count, sets", [
    ("udp-sweep", None, SWEEP_FIXED_ID),
    ("udp-sweep", 7, SWEEP_FIXED_ID),
    ("udp", 6, ["udp.dport={from: 9000, to: 9010, step: 2}", "ipv4.ttl={from: 60, to: 70}"]),
    ("tcp-syn", 4, ["tcp.seq={list: [1000, 1001, 1002, 1003]}"]),
    ("vlan-udp", 3, ["vlan[1].vid={from: 200, to: 202}"]),
    ("arp-request", 3, ["arp.tpa={from: 192.0.2.2, to: 192.0.2.4}"]),
    ("icmp", 50, EVEN_ICMP),
])
def test_counters_reproduce_every_frame_outside_the_checksums(name: str, count: int | None,
                                                             sets: list[str]) -> None:
    prof = load_profile(name, sets=sets)
    datas = [b.data for b in craft.build(prof, count=count, backend="struct")]
    e = trafgen_export(craft.build(prof, count=count, backend="struct"))
    assert not e.expanded, e.why
    assert any(p.counters for p in e.packets)
    sent = []
    for p in e.packets:
        sent.append(trafgen_sends(p, p.sends))
    rounds = [sent[i % len(sent)][i // len(sent)] for i in range(len(datas))]
    csum = {o + k for p in e.packets for o in p.checksums for k in (0, 1)}
    for want, got in zip(datas, rounds, strict=True):
        differ = {i for i, (a, b) in enumerate(zip(want, got, strict=True)) if a != b}
        assert differ <= csum, sorted(differ - csum)
