"""tshark as an oracle that shares none of craft's code (docs/architecture.md,
"Two encoders, one model"): frames go into one pcap, tshark reads it once
(it takes about half a second to start, so callers batch), and each frame
gets the list of problems tshark reports.

A problem is any line of ``tshark -V`` that is an expert error (a malformed
packet, a bad checksum, a length that lies) or a checksum status of "Bad".
Checksum validation is on for every protocol that has a switch for it
(IPv4, UDP and TCP are off by default; SCTP's CRC-32C is chosen); ICMP,
ICMPv6, IGMP and GRE are always checked.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest

PREFS = (
    "ip.check_checksum:TRUE",
    "udp.check_checksum:TRUE",
    "tcp.check_checksum:TRUE",
    "sctp.checksum:crc-32c",  # tshark 4.0 names the choice crc-32c; "crc32c" is ignored
)
# craft has no DNS layer: a payload to port 53 (scapy's and craft's default UDP
# port) is opaque bytes, and the DNS dissector's complaints about them are not
# about anything craft built
DISABLED = ("--disable-protocol", "dns")
LINKTYPE_ETHERNET = 1
LINKTYPE_RAW = 101  # raw IPv4 or IPv6, by the version nibble

_FRAME = re.compile(r"^Frame (\d+):")
_PROBLEM = re.compile(r"Expert Info \(Error/|status: Bad\]|Malformed Packet", re.IGNORECASE)


def need_tshark() -> None:
    if shutil.which("tshark") is None:
        pytest.skip("needs tshark")


def write_pcap(path: Path, frames: Sequence[bytes], linktype: int = LINKTYPE_ETHERNET) -> None:
    """A classic pcap, written here rather than by craft's writer: the oracle
    takes nothing from craft but the frames."""
    out = [struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, linktype)]
    for i, frame in enumerate(frames):
        out.append(struct.pack("<IIII", i, 0, len(frame), len(frame)))
        out.append(bytes(frame))
    path.write_bytes(b"".join(out))


def problems(path: Path, count: int) -> list[list[str]]:
    """For each of the ``count`` frames of the pcap at ``path``, the lines
    of ``tshark -V`` that report a problem (empty: tshark finds it sound)."""
    args = ["tshark", "-n", "-r", str(path), "-V", *DISABLED]
    for pref in PREFS:
        args += ["-o", pref]
    run = subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    found: list[list[str]] = [[] for _ in range(count)]
    seen = 0
    number = 0
    for line in run.stdout.splitlines():
        m = _FRAME.match(line)
        if m:
            number = int(m.group(1))
            seen = max(seen, number)
            continue
        if number and _PROBLEM.search(line):
            found[number - 1].append(line.strip())
    assert seen == count, f"tshark read {seen} of {count} frames"
    return found


def check(frames: Sequence[bytes], tmp: Path, name: str = "frames",
          linktype: int = LINKTYPE_ETHERNET) -> list[list[str]]:
    """``problems`` of ``frames``, written to ``tmp/name.pcap``."""
    need_tshark()
    path = tmp / f"{name}.pcap"
    write_pcap(path, frames, linktype)
    return problems(path, len(frames))
