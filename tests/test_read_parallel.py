"""craft read's two-process path prints the bytes one process prints.

A large classic pcap is split at a record boundary: the parent prints the
records before it, a forked child replays those records into its printer's
state (``Printer.advance``) and prints the rest. These tests prove the two
paths equal: ``advance`` against printing, packet by packet, on every
conformance capture at several split points and with the options that
change the state; ``read`` with the split forced on a generated capture
whose TCP conversations span the split (and on every Ethernet conformance
pcap), with filters; tcpdump's own lines for the generated capture; and the
fallbacks (a damaged file, a split guess that is not a record's start).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sniffdata import mixed_records

import craft.io.pcap as pcap
import craft.live.sniff as sniff
from craft.fmt.tcpdump import Printer, PrintOptions
from craft.io.bpf import Filter
from craft.io.pcap import CaptureReader, PcapWriter, TruncatedCapture, read_capture
from craft.live.sniff import SniffOptions

ROOT = Path(__file__).resolve().parent.parent
CONFORMANCE = ROOT.parent / "shared" / "conformance" / "tcpdump" / "pcaps"
PCAPS = sorted(CONFORMANCE.glob("*")) if CONFORMANCE.is_dir() else []

# The options that decide what printing a packet does to the state.
STATE_OPTS = {
    "default": {},
    "v": {"v": 1},
    "vv": {"v": 2},
    "S": {"S": True},
    "q": {"q": True},
    "e": {"e": True},
}


def _records(path: Path) -> list:  # type: ignore[type-arg]
    try:
        return list(read_capture(path))
    except Exception:  # noqa: BLE001 - a damaged conformance capture: its whole records
        out = []
        with CaptureReader(path) as r:
            try:
                out.extend(r)
            except Exception:  # noqa: BLE001, S110
                pass
        return out


@pytest.mark.parametrize("pcap", [p.name for p in PCAPS] or ["<none>"])
def test_advance_replays_printing(pcap: str) -> None:
    """Printing packets k.. after advance() over packets ..k prints what one
    printer prints for them, at three split points, with and without a filter."""
    if not PCAPS:
        pytest.skip(f"no conformance captures in {CONFORMANCE}")
    recs = _records(CONFORMANCE / pcap)
    n = len(recs)
    keep = [i % 3 != 1 for i in range(n)]  # a filter: the matcher sees the record's bytes
    kept = {(r.data, r.wirelen) for r, k in zip(recs, keep, strict=True) if k}
    for name, kw in STATE_OPTS.items():
        for filtered in (False, True):
            whole = Printer(PrintOptions(**kw))
            lines = [whole.format(*r) if not filtered or keep[i] else None
                     for i, r in enumerate(recs)]
            for k in sorted({n // 3, n // 2, (2 * n) // 3, n - 1}):
                if k < 0:
                    continue
                part = Printer(PrintOptions(**kw))
                match = (lambda d, w: (d, w) in kept) if filtered else None
                for r in recs[:k]:
                    part.advance(*r, match=match)
                got = [part.format(*r) if not filtered or keep[i] else None
                       for i, r in enumerate(recs[k:], k)]
                assert got == lines[k:], f"{pcap} opts {name} filter {filtered} split {k}"


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40,000 mixed packets: TCP conversations recur every 15,000 packets, so
    the relative sequence numbers after the split depend on packets before it."""
    path = tmp_path_factory.mktemp("par") / "mixed.pcap"
    with PcapWriter.open(path) as w:
        for rec in mixed_records(40_000):
            w.write(*rec)
    return path


def _read(path: Path, flt: str, opts: SniffOptions, monkeypatch: pytest.MonkeyPatch,
          parallel: bool, kept: bool = False,
          **kw: object) -> tuple[str, int, list[int | None]]:
    """read() with the split forced on (or off): text, count, the child's
    results. ``kept``: a filter's records picked by the compiled scan and
    split between two processes (else the records, split, filtered by each)."""
    results: list[int | None] = []
    finish = sniff._SecondHalf.finish

    def spy(self: sniff._SecondHalf, out: io.StringIO) -> int | None:
        v = finish(self, out)
        results.append(v)
        return v

    with monkeypatch.context() as m:
        m.setattr(sniff._SecondHalf, "finish", spy)
        m.setattr(sniff, "PARALLEL_MIN_BYTES", 0)
        if kept:
            m.setattr(sniff, "KEPT_PARALLEL_MIN", 1)
        else:  # a filter too: split, not a scan
            m.setattr(sniff, "SCAN_MAX_KEPT", 0.0)
        m.setenv("CRAFT_READ_JOBS", "2" if parallel else "1")
        out = io.StringIO()
        n = sniff.read(str(path), flt, opts, out, io.StringIO(), **kw)  # type: ignore[arg-type]
    return out.getvalue(), n, results


@pytest.mark.parametrize("flt", ["", "tcp", "portrange 50001-50360", "arp or icmp6"])
@pytest.mark.parametrize("name", list(STATE_OPTS))
def test_parallel_read_equals_one_process(mixed: Path, monkeypatch: pytest.MonkeyPatch,
                                          name: str, flt: str) -> None:
    opts = SniffOptions(**STATE_OPTS[name])  # type: ignore[arg-type]
    one, n1, _ = _read(mixed, flt, opts, monkeypatch, parallel=False)
    two, n2, child = _read(mixed, flt, opts, monkeypatch, parallel=True)
    assert child and child[0] is not None and child[0] > 0  # the child printed its part
    assert n1 == n2 and two == one


@pytest.mark.parametrize("window", [16 << 20, 4096])
@pytest.mark.parametrize("flt", ["tcp", "portrange 50001-50360", "arp or icmp6"])
@pytest.mark.parametrize("name", list(STATE_OPTS))
def test_kept_records_split_equals_one_process(mixed: Path, monkeypatch: pytest.MonkeyPatch,
                                               name: str, flt: str, window: int) -> None:
    """The records the compiled scan keeps, printed as it finds them (with a
    4 KiB window, a few hundred times over), the rest split once it ends:
    the second part printed by a child that first replays the state of the
    records between: the bytes of one process."""
    from craft.io import bpf

    if bpf._pcapscan is None:
        pytest.skip("no compiled scan (CRAFT_PURE=1, or not built: test_compiled_scan_is_there)")
    monkeypatch.setattr(pcap, "SCAN_WINDOW", window)
    opts = SniffOptions(**STATE_OPTS[name])  # type: ignore[arg-type]
    one, n1, _ = _read(mixed, flt, opts, monkeypatch, parallel=False)
    forks: list[tuple[int, int]] = []  # (records printed before the fork, the child's first)
    start = sniff._SecondHalf.start.__func__  # type: ignore[attr-defined]

    def spy(cls: type, work: Any, out: object) -> object:
        forks.append(work.args[1:3])  # partial(_print_kept, kept, printed, half, printer)
        return start(cls, work, out)

    monkeypatch.setattr(sniff._SecondHalf, "start", classmethod(spy))
    two, n2, child = _read(mixed, flt, opts, monkeypatch, parallel=True, kept=True)
    assert n1 == n2 and two == one
    # One window: found at once, a fork. Windows of 4 KiB: a fork unless the
    # parent printed every record as the scan found them (a few hundred).
    if window > mixed.stat().st_size or forks:
        [(printed, half)] = forks
        assert printed >= min(sniff.KEPT_WARM, n1)  # the printers were imported before it
        assert half - printed == int((n1 - printed) * sniff.PARALLEL_SPLIT)
        assert child == [n1 - half]  # the child printed the rest
    if name == "default" and window > mixed.stat().st_size:  # a failing child: the parent
        # prints its part too
        with monkeypatch.context() as m:
            m.setattr(sniff, "_print_kept", lambda *a: 1 // 0)
            three, n3, child = _read(mixed, flt, opts, monkeypatch, parallel=True, kept=True)
        assert child == [None] and n3 == n1 and three == one


def test_parallel_read_matches_tcpdump(mixed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if shutil.which("tcpdump") is None:
        pytest.skip("tcpdump not installed")
    monkeypatch.setenv("TZ", "UTC")
    import time

    time.tzset()
    try:
        for flags, opts in (([], SniffOptions()), (["-v"], SniffOptions(v=1))):
            two, _, child = _read(mixed, "", opts, monkeypatch, parallel=True)
            assert child and child[0]
            want = subprocess.run(["tcpdump", "-n", *flags, "-r", str(mixed)],
                                  capture_output=True, text=True, check=True,
                                  env={**os.environ, "TZ": "UTC"}).stdout
            assert two == want
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


@pytest.mark.parametrize("pcap", [p.name for p in PCAPS] or ["<none>"])
def test_parallel_read_conformance(pcap: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every Ethernet classic pcap of the conformance set, split in two."""
    if not PCAPS:
        pytest.skip(f"no conformance captures in {CONFORMANCE}")
    path = CONFORMANCE / pcap
    with CaptureReader(path) as r:
        if r.format != "pcap" or r.linktype != 1:
            pytest.skip("not an Ethernet classic pcap: read by one process")
    for opts in (SniffOptions(), SniffOptions(v=1)):
        results = []
        for parallel in (False, True):
            try:
                results.append((*_read(path, "", opts, monkeypatch, parallel)[:2], None))
            except TruncatedCapture as e:
                results.append(("", 0, str(e)))
        assert results[0] == results[1]


def test_damaged_file_falls_back(mixed: Path, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A file cut inside its last record: the child fails, the parent prints
    its part, and the error is the one of one process."""
    cut = tmp_path / "cut.pcap"
    cut.write_bytes(mixed.read_bytes()[:-7])
    errors = []
    texts = []
    for parallel in (False, True):
        out = io.StringIO()
        with monkeypatch.context() as m:
            m.setattr(sniff, "PARALLEL_MIN_BYTES", 0)
            m.setenv("CRAFT_READ_JOBS", "2" if parallel else "1")
            with pytest.raises(TruncatedCapture) as e:
                sniff.read(str(cut), "", SniffOptions(), out, io.StringIO())
        errors.append(str(e.value))
        texts.append(out.getvalue())
    assert errors[0] == errors[1] and texts[0] == texts[1]
    assert "seq 39997" in texts[0]  # printed up to the last whole packet


def test_wrong_split_guess_falls_back(mixed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A guessed boundary where no record starts: no split, one process's text."""
    one, n1, _ = _read(mixed, "", SniffOptions(), monkeypatch, parallel=False)
    monkeypatch.setattr(sniff, "record_boundary", lambda path, near: 24 + 16 + 7)
    two, n2, child = _read(mixed, "", SniffOptions(), monkeypatch, parallel=True)
    assert not child  # the parent read past the guess: the child was stopped, not waited for
    assert (two, n2) == (one, n1)


def test_count_and_write_stay_in_one_process(mixed: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    text, n, child = _read(mixed, "", SniffOptions(), monkeypatch, parallel=True, count=30_000)
    assert n == 30_000 and not child and text.count("\n") == 37_500  # (hex dumps: 4 lines)
    out = tmp_path / "copy.pcap"
    _, n, child = _read(mixed, "tcp", SniffOptions(), monkeypatch, parallel=True,
                        write=str(out))
    assert not child and n == len(list(read_capture(out))) == 10_000


# ----------------------------------------------------------- libpcap's scan


WAYS = ("compiled", "windows", "libpcap", "reader")


def _read_scan(path: Path, flt: str, monkeypatch: pytest.MonkeyPatch, way: str,
               **kw: object) -> tuple[str, int, str | None]:
    """read() with the filter run by the compiled scan over the mapped file
    (Filter.kept; "windows": a window of 1,000 bytes at a time, so records
    straddle them), by libpcap reading the file (Filter.scan), or by
    craft's reader (each record through Filter.matcher)."""
    with monkeypatch.context() as m:
        if way == "windows":
            m.setattr(pcap, "SCAN_WINDOW", 1000)
        elif way != "compiled":
            m.setattr(Filter, "kept", lambda self: None)
        if way == "reader":
            m.setattr(sniff, "_scan", lambda *a: None)
        m.setenv("CRAFT_READ_JOBS", "1")
        out = io.StringIO()
        try:
            n = sniff.read(str(path), flt, SniffOptions(), out, io.StringIO(),
                           **kw)  # type: ignore[arg-type]
        except TruncatedCapture as e:
            return out.getvalue(), -1, str(e)
        except Exception as e:  # noqa: BLE001 - the same error either way
            return out.getvalue(), -1, f"{type(e).__name__}: {e}"
    return out.getvalue(), n, None


def _every_way(path: Path, flt: str, monkeypatch: pytest.MonkeyPatch,
               **kw: object) -> tuple[str, int, str | None]:
    """The same text, count and error whichever way filters (the compiled
    scan where it was built: under CRAFT_PURE=1 it is not)."""
    runs = {w: _read_scan(path, flt, monkeypatch, w, **kw) for w in WAYS}
    assert runs["compiled"] == runs["windows"] == runs["libpcap"] == runs["reader"], flt
    return runs["compiled"]


def test_compiled_scan_is_there() -> None:
    """Built with the printers (setup.py) and loaded, unless CRAFT_PURE=1."""
    from craft.io import bpf

    if os.environ.get("CRAFT_PURE"):
        assert bpf._pcapscan is None
    elif bpf._pcapscan is None:
        if os.environ.get("CI") == "true":
            pytest.fail("craft.io._pcapscan was not built (setup.py)")
        pytest.skip("craft.io._pcapscan not built here")


@pytest.mark.parametrize("pcap", [p.name for p in PCAPS] or ["<none>"])
def test_scan_equals_reader_conformance(pcap: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every conformance capture, filtered by the compiled scan, by libpcap
    or by craft's reader and the same program: the same packets, lines and
    errors."""
    if not PCAPS:
        pytest.skip(f"no conformance captures in {CONFORMANCE}")
    path = CONFORMANCE / pcap
    for flt in ("ip or not ip", "tcp or udp", "len > 100"):
        _every_way(path, flt, monkeypatch)


@pytest.mark.parametrize("flt", ["portrange 50001-50360", "tcp", "vlan and udp", "icmp6"])
def test_scan_equals_reader(mixed: Path, monkeypatch: pytest.MonkeyPatch, flt: str) -> None:
    assert _every_way(mixed, flt, monkeypatch)[1] > 0


def test_scan_count(mixed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """-c with a filter: the first COUNT packets kept, whichever way (the
    compiled scan's thread is stopped before it ends)."""
    for count in (1, 5000):
        text, n, err = _every_way(mixed, "udp", monkeypatch, count=count)
        assert n == count and err is None and text.count("\n") == count


def test_scan_damaged_and_write(mixed: Path, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A file cut inside a record (the scans stop, craft's reader reads on
    after the same packets and reports the damage) and -w with a filter."""
    data = mixed.read_bytes()
    for cut in (7, 90, 1001, len(data) // 2):
        p = tmp_path / "cut.pcap"
        p.write_bytes(data[:-cut])
        a = _every_way(p, "udp", monkeypatch)
        assert cut != 7 or (a[2] is not None and "truncated" in a[2])
    bad = bytearray(data)  # the second record claims 16 MiB: damage, not an allocation
    second = 24 + 16 + int.from_bytes(data[32:36], "little")
    bad[second + 8: second + 12] = (16 << 20).to_bytes(4, "little")
    p.write_bytes(bytes(bad))
    assert "damaged" in (_every_way(p, "udp", monkeypatch)[2] or "")
    for way in WAYS:
        out = tmp_path / f"w{way}.pcap"
        _read_scan(mixed, "icmp", monkeypatch, way, write=str(out))
    assert len({(tmp_path / f"w{way}.pcap").read_bytes() for way in WAYS}) == 1


def test_cli_parallel_bytes(mixed: Path) -> None:
    """craft read through the CLI (the child's bytes copied to stdout's
    buffer): the bytes of one process, and the child did run."""
    code = ("import sys, craft.live.sniff as s; s.PARALLEL_MIN_BYTES = 0; "
            "f = s._SecondHalf.finish\n"
            "def spy(self, out):\n"
            "    v = f(self, out); print('child', v, file=sys.stderr); return v\n"
            "s._SecondHalf.finish = spy\n"
            "from craft.cli import main; main()")
    runs = []
    for jobs in ("2", "1"):
        r = subprocess.run([sys.executable, "-c", code, "read", "-n", "-v", str(mixed)],
                           capture_output=True, check=True,
                           env={**os.environ, "TZ": "UTC", "CRAFT_READ_JOBS": jobs})
        runs.append(r)
    assert b"child 1" in runs[0].stderr  # (18,800 or so packets)
    assert b"child" not in runs[1].stderr
    assert runs[0].stdout == runs[1].stdout
