"""craft's tcpdump-style printer against tcpdump 4.99.3, case by case.

Every row of ../shared/conformance/tcpdump/MANIFEST.tsv runs through
``craft.fmt.tcpdump.Printer`` (pcaps read by craft.io.pcap) and must print
exactly the lines of ``expected/NAME.out``. Cases past craft's protocol set
(RPL, RFC 8335 extended echo, GENEVE/VXLAN big TCP) are stretch targets:
they must not crash, and are reported as xfail when they differ.
``scripts/conformance.py`` prints the per-case table.
"""

from __future__ import annotations

import importlib.util
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from craft.fmt.tcpdump import Printer, PrintOptions

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("conformance", ROOT / "scripts" / "conformance.py")
assert _spec and _spec.loader
conformance = importlib.util.module_from_spec(_spec)
sys.modules["conformance"] = conformance
_spec.loader.exec_module(conformance)

DIR = conformance.default_dir()
CASES = conformance.load_manifest(DIR) if (DIR / "MANIFEST.tsv").is_file() else []

# Past the protocol set of issue 4 (reported, must not crash).
STRETCH_WORDS = ("rpl", "dao", "dio", "rfc8335", "geneve", "vxlan")


def _stretch(case) -> bool:  # type: ignore[no-untyped-def]
    text = f"{case.name} {case.pcap} {case.protocols}".lower()
    return any(w in text for w in STRETCH_WORDS)


def _need_cases() -> None:
    if not CASES:
        if os.environ.get("CI") == "true":
            pytest.fail(f"conformance cases not found in {DIR}")
        pytest.skip(f"conformance cases not found in {DIR}")


def test_manifest_is_complete() -> None:
    _need_cases()
    assert len(CASES) >= 60
    for case in CASES:
        assert (DIR / "pcaps" / case.pcap).is_file(), case.pcap
        assert (DIR / "expected" / f"{case.name}.out").is_file(), case.name


@pytest.mark.parametrize("name", [c.name for c in CASES] or ["<none>"])
def test_case(name: str) -> None:
    _need_cases()
    case = next(c for c in CASES if c.name == name)
    r = conformance.run_case(DIR, case)
    assert r.fallbacks == 0, f"printer bugs caught on {name}: {r.errors}"
    if r.exact:
        return
    diff = [(i + 1, e, g) for i, (e, g) in enumerate(zip(r.expected, r.got, strict=False))
            if e != g][:3]
    msg = (f"{name}: {r.identical}/{r.total} lines identical, craft printed {len(r.got)} lines; "
           f"first differences (line, tcpdump, craft): {diff}")
    if _stretch(case):
        pytest.xfail(msg)
    pytest.fail(msg)


def test_totals_report() -> None:
    """The whole table, as scripts/conformance.py prints it (visible with -s)."""
    _need_cases()
    rows = [conformance.run_case(DIR, c) for c in CASES]
    same = sum(r.identical for r in rows)
    total = sum(r.total for r in rows)
    print(f"\nconformance: {same}/{total} lines identical, "
          f"{sum(r.exact for r in rows)}/{len(rows)} cases exact")
    for r in rows:
        if not r.exact:
            print(f"  {r.case.name}: {r.identical}/{r.total}")
    core = [r for r in rows if not _stretch(r.case)]
    assert all(r.exact for r in core)


def test_relative_tcp_sequence_numbers_and_state() -> None:
    """The printer keeps tcpdump's per-connection state: the SYN's numbers are
    absolute, later segments relative; a new Printer starts afresh."""
    _need_cases()
    case = next(c for c in CASES if c.name == "print-flags")
    lines, _ = conformance.format_case(DIR, case)
    assert "seq 928549246" in lines[0] and ", ack 1," in lines[2]
    # The same packet alone in a fresh printer prints absolute numbers.
    from craft.io.pcap import read_capture
    recs = list(read_capture(DIR / "pcaps" / case.pcap))
    fresh = Printer(PrintOptions()).format(*recs[2][:2], recs[2].data, recs[2].wirelen,
                                           recs[2].linktype)
    assert ", ack 930778610," in fresh


def test_terminal_safe_payload() -> None:
    """Escape sequences in a payload never reach the terminal raw."""
    ip = bytes.fromhex("4500003c000100004006") + b"\0\0" + bytes([192, 0, 2, 1, 192, 0, 2, 2])
    tcp = bytes.fromhex("0050d43100000001000000005018200000000000")
    http = b"HTTP/1.1 200 \x1b[31mOK\x07\r\n\r\n"
    ip = ip[:2] + (len(ip) + len(tcp) + len(http)).to_bytes(2, "big") + ip[4:]
    frame = bytes(12) + b"\x08\x00" + ip + tcp + http
    for opts in (PrintOptions(), PrintOptions(v=2), PrintOptions(X=2), PrintOptions(x=1)):
        out = Printer(opts).format(0, 0, frame, len(frame), 1)
        assert "\x1b" not in out and "\x07" not in out
        assert all(c in "\n\t" or 0x20 <= ord(c) < 0x7F for c in out)


def _frames() -> list[tuple[bytes, int]]:
    from craft.io.pcap import read_capture
    out = []
    for case in CASES:
        for rec in read_capture(DIR / "pcaps" / case.pcap):
            out.append((rec.data[:2048], rec.linktype))
    return out


def test_mutated_frames_never_crash() -> None:
    """Random truncations, bit flips, bad lengths and random bytes: one
    string per frame, no printer bug, no long loops."""
    _need_cases()
    rng = random.Random(4)
    base = _frames()
    flags = [PrintOptions(), PrintOptions(v=1), PrintOptions(v=3, e=True),
             PrintOptions(q=True, X=1), PrintOptions(x=2, v=2)]
    printers = [Printer(f) for f in flags]
    start = time.monotonic()
    n = 0
    for i in range(6000):
        data, lt = base[rng.randrange(len(base))]
        b = bytearray(data)
        kind = i % 5
        if kind == 0 and b:
            del b[rng.randrange(len(b)):]
        elif kind == 1:
            for _ in range(rng.randrange(1, 8)):
                if b:
                    b[rng.randrange(len(b))] = rng.choice((0, 1, 2, 0xFF, rng.randrange(256)))
        elif kind == 2:
            b = bytearray(rng.randbytes(rng.randrange(0, 120)))
        elif kind == 3 and len(b) > 40:
            for off in (14, 15, 16, 17, 18, 19, 46, 47, 54, 66):  # IHL, lengths, offsets
                if off < len(b) and rng.random() < 0.3:
                    b[off] = rng.choice((0, 1, 0x45, 0x4F, 0xFF, 0x50))
        else:
            b = bytearray(data[:14]) + bytearray(rng.randbytes(rng.randrange(0, 200)))
        p = printers[i % len(printers)]
        out = p.format(i, 0, bytes(b), len(b) + rng.choice((0, 0, 10, 70000)),
                       rng.choice((lt, lt, 1, 0, 101, 113, 229)))
        assert isinstance(out, str) and out
        n += 1
    for p in printers:
        assert p.fallbacks == 0, p.errors[:5]
    assert time.monotonic() - start < 60, f"{n} frames took too long"


CLI_CASES = ["print-flags-v", "e1000g-e", "icmpv6", "802.1ad_QinQv", "tcp-handshake-micro-tttt"]


@pytest.mark.parametrize("name", CLI_CASES)
def test_cli_read_matches_tcpdump(name: str) -> None:
    """``craft read PCAP -n FLAGS`` prints tcpdump's lines (stdout only)."""
    _need_cases()
    case = next(c for c in CASES if c.name == name)
    craft = ROOT / ".venv" / "bin" / "craft"
    cmd = [str(craft) if craft.exists() else "craft", "read", str(DIR / "pcaps" / case.pcap),
           "-n", *case.flags.split()]
    env = dict(os.environ, TZ="UTC")
    res = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60)
    assert res.returncode == 0, res.stderr
    expected = (DIR / "expected" / f"{name}.out").read_text()
    assert res.stdout == expected


def test_cli_read_honours_file_snaplen() -> None:
    _need_cases()
    case = next(c for c in CASES if c.name == "rpl-dao-oobr")
    craft = ROOT / ".venv" / "bin" / "craft"
    cmd = [str(craft) if craft.exists() else "craft", "read", str(DIR / "pcaps" / case.pcap),
           "-n", *case.flags.split()]
    res = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, TZ="UTC"),
                         timeout=60)
    assert res.stdout == (DIR / "expected" / f"{case.name}.out").read_text()
