"""The bundled traceroute profile (issue 10): one UDP probe per hop, TTL 1..30
paired with destination ports 33434..33463, 60-byte packets, to a
documentation address; what tcpdump prints for them. (Loading, documentation
addresses and the schema: tests/test_profiles_bundled.py; tshark's verdict:
tests/test_tshark_oracle.py.)"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from craft.decode.walk import decode
from craft.encode.struct_ import encode
from craft.profile.load import PROFILES_DIR, load_profile
from tests.craftcli import run

PATH = PROFILES_DIR / "traceroute.yaml"


def _probes(**kw: object) -> list[dict[str, dict]]:
    frames = load_profile(PATH, **kw).frames()  # type: ignore[arg-type]
    return [{p.name: p.values for p in decode(encode(f))} for f in frames]


def test_one_probe_per_hop_ttl_and_port_counting_up_together() -> None:
    probes = _probes()
    assert [p["ipv4"]["ttl"] for p in probes] == list(range(1, 31))
    assert [p["udp"]["dport"] for p in probes] == list(range(33434, 33464))
    assert {p["ipv4"]["len"] for p in probes} == {60}  # traceroute's default packet
    assert {bytes(p["ipv4"]["dst"]) for p in probes} == {bytes([192, 0, 2, 2])}
    assert len({p["ipv4"]["id"] for p in probes}) == 30


def test_the_destination_is_a_variable() -> None:
    probes = _probes(vars={"dst": "203.0.113.9"})
    assert {bytes(p["ipv4"]["dst"]) for p in probes} == {bytes([203, 0, 113, 9])}


def test_tcpdump_reads_the_probes_as_traceroute_probes(tmp_path: Path) -> None:
    if shutil.which("tcpdump") is None:
        pytest.skip("needs tcpdump")
    pcap = tmp_path / "tr.pcap"
    r = run("build", str(PATH), "-f", "pcap", "-o", str(pcap))
    assert r.returncode == 0, r.stderr
    out = subprocess.run(["tcpdump", "-n", "-v", "-r", str(pcap)], capture_output=True,
                         text=True, check=True).stdout.splitlines()
    heads = out[0::2]
    assert len(heads) == 30
    assert "ttl 1," in heads[0] and "ttl 30," in heads[-1]
    assert out[1].strip() == "192.0.2.1.40000 > 192.0.2.2.33434: UDP, length 32"
    assert out[-1].strip() == "192.0.2.1.40000 > 192.0.2.2.33463: UDP, length 32"
