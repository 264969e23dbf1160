"""Every frame craft builds prints as the installed tcpdump prints it: all
vectors (tests/vectors.py) and the first frames of every bundled profile
(found by glob, so a new profile is covered), through `craft read` with and
without -v, against `tcpdump -n -r` on the same pcap."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from vectors import VECTORS, expected_bytes

import craft
from craft.io.pcap import Record, write_pcap

ROOT = Path(__file__).resolve().parents[1]
FRAMES_PER_PROFILE = 8


def _frames() -> list[bytes]:
    out = [expected_bytes(c) for c in VECTORS if c[1][0][0] == "ether"]
    for path in sorted((ROOT / "profiles").glob("*.yaml")):
        profile = craft.load_profile(path)
        out += [b.data for b in craft.build(profile, count=FRAMES_PER_PROFILE,
                                              backend="struct")]
    return out


@pytest.mark.parametrize("flags", [[], ["-v"]], ids=["plain", "v"])
def test_every_built_frame_prints_as_tcpdump(tmp_path: Path, flags: list[str]) -> None:
    if shutil.which("tcpdump") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("tcpdump is needed (Debian package tcpdump)")
        pytest.skip("needs tcpdump")
    pcap = tmp_path / "built.pcap"
    write_pcap(pcap, [Record(0, 0, d, len(d), 1) for d in _frames()])
    ours = subprocess.run([str(ROOT / ".venv" / "bin" / "craft"), "read", *flags, str(pcap)],
                          capture_output=True, text=True, timeout=120).stdout.splitlines()
    theirs = subprocess.run(["tcpdump", "-n", *flags, "-r", str(pcap)], capture_output=True,
                            text=True, timeout=120, env={**os.environ, "TZ": "UTC"}
                            ).stdout.splitlines()
    assert len(ours) == len(theirs)
    differ = [(k + 1, a, b) for k, (a, b) in enumerate(zip(ours, theirs, strict=True)) if a != b]
    assert differ == []
