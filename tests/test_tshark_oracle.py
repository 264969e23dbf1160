"""An oracle that cannot share craft's mistakes (issue 10).

The cross-check compares two encoders written from one model, so a
misunderstanding common to both passes it. Here every frame of the vector
table (tests/vectors.py, built by the struct encoder) and the first frames of
every bundled profile (profiles/*.yaml, found by glob, so a new profile is
checked without touching this file) go through tshark with checksum
validation on (IPv4, UDP, TCP, ICMP, ICMPv6, SCTP's CRC-32C, ...:
tests/tshark.py). Any malformed packet, expert error or bad checksum fails,
except where the frame is wrong on purpose: ``ALLOWED`` names each such
frame, why it is wrong, and a piece of the complaint tshark must make about
it (so an entry that stops being needed fails too).

tshark starts slowly, so each group of frames is one pcap and one run.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from craft.encode.struct_ import encode
from craft.profile.load import PROFILES_DIR, load_profile
from tests import tshark
from tests.vectors import VECTORS, frame_of

FRAMES_PER_PROFILE = 8  # enough to cover each frame entry and a few stream steps

# "vectors/<id>" or "profiles/<file stem>/<frame number>": (why, tshark says)
ALLOWED: dict[str, tuple[str, str]] = {
    "vectors/icmpv6-na-tgt-lladdr": (
        "ipv6-bad-version.pcap packet 2: the capture's IPv6 version is 0 on purpose",
        "Expert Info (Error/"),
    "vectors/icmpv6-packet-too-big": (
        "the quoted invoking packet is cut to 4 bytes of IPv6 header to keep the vector short",
        "IPv6 header must be exactly 40 bytes"),
    "vectors/icmpv6-param-problem": (
        "the quoted invoking packet is cut to 8 bytes of IPv6 header to keep the vector short",
        "IPv6 header must be exactly 40 bytes"),
    "vectors/icmpv6-redirect": (
        "the redirected-header option quotes 24 bytes of an IPv6 header, cut short",
        "IPv6 header must be exactly 40 bytes"),
    "profiles/textbook-raw/0": (
        "the profile's point: a stale ICMP checksum that craft check shows",
        "status: Bad"),
}


def _vector_groups() -> dict[str, list[tuple[str, bytes]]]:
    groups: dict[str, list[tuple[str, bytes]]] = {}
    for case in VECTORS:
        first = case[1][0][0]
        group = "ether" if first == "raw" else first  # a hex frame is a whole Ethernet frame
        groups.setdefault(group, []).append((f"vectors/{case[0]}", encode(frame_of(case))))
    return groups


def _profile_frames() -> Iterator[tuple[str, str, bytes]]:
    for path in sorted(PROFILES_DIR.glob("*.yaml")):
        profile = load_profile(path)
        n = min(profile.check_count(), FRAMES_PER_PROFILE)
        for frame in profile.frames(count=n):
            first = frame.layers[0].name if frame.layers else "raw"
            yield first, f"profiles/{path.stem}/{frame.number}", encode(frame)


def _profile_groups() -> dict[str, list[tuple[str, bytes]]]:
    groups: dict[str, list[tuple[str, bytes]]] = {}
    for first, label, data in _profile_frames():
        # a hex frame is a whole Ethernet frame
        groups.setdefault("ether" if first == "raw" else first, []).append((label, data))
    return groups


LINKTYPES = {"ether": tshark.LINKTYPE_ETHERNET, "ipv4": tshark.LINKTYPE_RAW,
             "ipv6": tshark.LINKTYPE_RAW}


def _verdicts(groups: dict[str, list[tuple[str, bytes]]], tmp: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for first, items in groups.items():
        assert first in LINKTYPES, f"no pcap link type for frames that start with {first}"
        found = tshark.check([data for _, data in items], tmp, first, LINKTYPES[first])
        out.update(zip([label for label, _ in items], found, strict=True))
    return out


def _judge(verdicts: dict[str, list[str]]) -> list[str]:
    """What fails: a problem tshark reports on a frame not allowed to have
    it, and an allowed frame on which tshark no longer says what it should."""
    bad = []
    for label, lines in verdicts.items():
        if label in ALLOWED:
            why, says = ALLOWED[label]
            if not any(says.lower() in line.lower() for line in lines):
                bad.append(f"{label}: allowed ({why}) but tshark does not say {says!r}: {lines}")
        elif lines:
            bad.append(f"{label}: {'; '.join(lines)}")
    return bad


@pytest.fixture(scope="module")
def vector_verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    tshark.need_tshark()
    return _verdicts(_vector_groups(), tmp_path_factory.mktemp("vectors"))


@pytest.fixture(scope="module")
def profile_verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    tshark.need_tshark()
    return _verdicts(_profile_groups(), tmp_path_factory.mktemp("profiles"))


def test_tshark_finds_no_fault_in_the_vectors(vector_verdicts: dict[str, list[str]]) -> None:
    assert _judge(vector_verdicts) == []
    assert len(vector_verdicts) == len(VECTORS)


def test_tshark_finds_no_fault_in_the_bundled_profiles(
        profile_verdicts: dict[str, list[str]]) -> None:
    assert _judge(profile_verdicts) == []
    stems = {label.split("/")[1] for label in profile_verdicts}
    assert stems == {p.stem for p in PROFILES_DIR.glob("*.yaml")}


def test_every_allowed_frame_exists(vector_verdicts: dict[str, list[str]],
                                   profile_verdicts: dict[str, list[str]]) -> None:
    assert set(ALLOWED) <= set(vector_verdicts) | set(profile_verdicts)


def test_the_oracle_sees_a_wrong_checksum(tmp_path: Path) -> None:
    """The judge fails a frame both encoders would agree on but tshark does
    not: the first vector's transport checksum off by one."""
    label, data = _vector_groups()["ether"][0]
    broken = bytearray(data)
    broken[-1] ^= 0x01  # the last byte of the frame: in the TCP options, under the checksum
    verdicts = _verdicts({"ether": [(label, data), (label + "-broken", bytes(broken))]},
                         tmp_path)
    assert _judge(verdicts) == [next(x for x in _judge(verdicts) if "-broken" in x)]
