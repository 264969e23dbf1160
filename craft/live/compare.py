"""``craft compare``: send a profile and capture it on the receiving side
with tcpdump and with craft sniff at the same time, each both to a pcap
(``-w``) and as text; then diff the two pcaps, diff the two texts and run
``craft verify`` on both pcaps.

With a lab (``--lab``) the frames go from the client namespace and the four
captures run in the server namespace, on the far end of the veth pair —
what arrives, not what was meant to leave. With ``-i IFACE`` everything
runs here: the captures see the frames as they leave IFACE.

The four captures start a few milliseconds apart, so only what arrived
between the moment all were listening and the stop is compared; those
packets are also written next to the captures as ``*-window.pcap``.

This module runs programs (tcpdump, craft itself) and owns their clean-up:
every process it starts is stopped, and a lab it created is removed, however
the run ends.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from craft.capture.pcapdiff import Capture, DiffReport, diff_captures, load_capture
from craft.capture.verify import VerifyReport, verify
from craft.errors import RuntimeFailure
from craft.io.pcap import write_pcap

READY_TIMEOUT = 10.0  # seconds for a capture to say "listening on"
STOP_TIMEOUT = 5.0
# tcpdump's default time of day; two sockets may stamp one packet apart
_TIME_RE = re.compile(r"^\d\d:\d\d:\d\d\.\d{6} ")


@dataclass(slots=True)
class Capturer:
    """One capture process and where its output goes."""

    name: str  # "tcpdump -w", "craft sniff" ...
    argv: list[str]
    out: Path  # the pcap (-w) or the text
    err: Path
    proc: subprocess.Popen | None = None


@dataclass(slots=True)
class CompareResult:
    tcpdump_pcap: Path
    craft_pcap: Path
    tcpdump_text: list[str]
    craft_text: list[str]
    pcap_diff: DiffReport
    verify_tcpdump: VerifyReport
    verify_craft: VerifyReport
    send_output: str
    send_status: int
    notes: list[str] = field(default_factory=list)

    @property
    def text_equal(self) -> bool:
        return strip_times(self.tcpdump_text) == strip_times(self.craft_text)

    @property
    def ok(self) -> bool:
        return (self.send_status == 0 and self.pcap_diff.ok and self.text_equal
                and self.verify_tcpdump.ok and self.verify_craft.ok)


def strip_times(lines: Sequence[str]) -> list[str]:
    return [_TIME_RE.sub("", line) for line in lines]


def craft_argv() -> list[str]:
    """How to run this craft in a child process."""
    return [sys.executable, "-m", "craft"]


def _wrap(namespace: str | None, argv: list[str]) -> list[str]:
    return ["ip", "netns", "exec", namespace, *argv] if namespace else argv


def _start(c: Capturer, namespace: str | None) -> None:
    text = not c.name.endswith("-w")
    with open(c.err, "wb") as err, open(c.out if text else os.devnull, "wb") as out:
        c.proc = subprocess.Popen(_wrap(namespace, c.argv), stdout=out, stderr=err,
                                  stdin=subprocess.DEVNULL, start_new_session=True)


def _wait_ready(caps: list[Capturer]) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    waiting = list(caps)
    while waiting:
        for c in list(waiting):
            if "listening on" in c.err.read_text(errors="replace"):
                waiting.remove(c)
            elif c.proc is not None and c.proc.poll() is not None:
                raise RuntimeFailure(f"{c.name} ended before capturing: {_last_line(c.err)}")
        if waiting and time.monotonic() > deadline:
            raise RuntimeFailure(f"{waiting[0].name} did not start within {READY_TIMEOUT:.0f} s: "
                                 f"{_last_line(waiting[0].err)}")
        time.sleep(0.02)


def _last_line(path: Path) -> str:
    lines = [x for x in path.read_text(errors="replace").splitlines() if x.strip()]
    return lines[-1] if lines else "no output"


def _stop(caps: list[Capturer]) -> None:
    """SIGINT (tcpdump and craft sniff flush and print their counts), then
    SIGKILL whatever is still running."""
    for c in caps:
        if c.proc is not None and c.proc.poll() is None:
            try:
                os.killpg(c.proc.pid, signal.SIGINT)
            except ProcessLookupError:
                pass
    deadline = time.monotonic() + STOP_TIMEOUT
    for c in caps:
        if c.proc is None:
            continue
        try:
            c.proc.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            try:
                os.killpg(c.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            c.proc.wait()


def run_compare(profile: str | os.PathLike[str], workdir: Path, *, lab: str | None = None,
                iface: str | None = None, count: int | None = None,
                vars: Sequence[str] = (), sets: Sequence[str] = (), seed: int = 1,
                settle: float = 0.5) -> CompareResult:
    """Send ``profile`` (from the lab's client, or on ``iface``) while tcpdump
    and craft sniff capture on the receiving side; compare what they saw.
    ``lab`` names a lab that is up. Files go to ``workdir``."""
    from craft.live.lab import Lab
    from craft.profile.load import load_profile
    from craft.profile.overrides import parse_vars

    if shutil.which("tcpdump") is None:
        raise RuntimeFailure("craft compare needs tcpdump (Debian package tcpdump)")
    prof = load_profile(profile, vars=parse_vars(list(vars)), sets=list(sets))
    if lab is not None:
        capture_ns: str | None = Lab(lab).namespace("server")
        capture_if = "eth0"
    else:
        if iface is None:
            raise RuntimeFailure("give a lab or an interface")
        capture_ns, capture_if = None, iface
    workdir.mkdir(parents=True, exist_ok=True)
    craft = craft_argv()
    t_pcap, c_pcap = workdir / "tcpdump.pcap", workdir / "craft.pcap"
    caps = [
        # --immediate-mode: a packet reaches tcpdump at once, not when its ring
        # block is handed over (which a stop could leave behind)
        Capturer("tcpdump -w", ["tcpdump", "-i", capture_if, "-n", "--immediate-mode", "-U",
                                "-w", str(t_pcap)], t_pcap, workdir / "tcpdump-w.err"),
        Capturer("tcpdump", ["tcpdump", "-i", capture_if, "-n", "--immediate-mode", "-l"],
                 workdir / "tcpdump.txt", workdir / "tcpdump.err"),
        Capturer("craft sniff -w", [*craft, "sniff", capture_if, "-w", str(c_pcap)],
                 c_pcap, workdir / "craft-w.err"),
        Capturer("craft sniff", [*craft, "sniff", capture_if],
                 workdir / "craft.txt", workdir / "craft.err"),
    ]
    send = [*craft, "send", str(profile), "--replies", "--timeout", "0.5", "--seed", str(seed)]
    send += ["--lab", "client", "--lab-name", str(lab), "-i", "eth0"]
    if count is not None:
        send += ["--count", str(count)]
    for v in vars:
        send += ["--var", v]
    for s in sets:
        send += ["--set", s]
    try:
        for c in caps:
            _start(c, capture_ns)
        _wait_ready(caps)
        start = time.time()
        if lab is not None:
            sent = subprocess.run(send, capture_output=True, text=True, timeout=120)
        else:
            sent = send_here(prof, str(iface), count, seed)
        time.sleep(settle)  # replies and the last ring block reach every capture
        end = time.time()
    finally:
        _stop(caps)
    if sent.returncode != 0:
        msg = (sent.stderr or sent.stdout).strip().splitlines()
        raise RuntimeFailure(f"craft send failed: {msg[-1] if msg else sent.returncode}")
    # The four captures start a few milliseconds apart: compare what each saw
    # between the moment all were listening and the stop.
    t_cap, c_cap = (within(load_capture(p), start, end) for p in (t_pcap, c_pcap))
    for c in (t_cap, c_cap):  # what was compared, for craft diff / verify by hand
        c.path = str(Path(c.path).with_suffix("")) + "-window.pcap"
        write_pcap(c.path, c.records, c.linktype)
    frames = list(prof.frames(count=count, seed=seed))
    return CompareResult(
        t_pcap, c_pcap,
        lines_within(_lines(caps[1].out), start, end),
        lines_within(_lines(caps[3].out), start, end),
        diff_captures(t_cap, c_cap),
        verify(frames, t_cap), verify(frames, c_cap),
        (sent.stdout + sent.stderr).strip(), sent.returncode,
    )


def send_here(prof: object, ifname: str, count: int | None,
              seed: int) -> subprocess.CompletedProcess[str]:
    """Send on ``ifname`` from this process, through the qdisc: craft send
    bypasses it for speed (as trafgen does), and a frame that bypasses it is
    not shown to captures on the same interface."""
    from craft.io.rawsock import Batch, SendSocket
    from craft.live.send import choose_interface, ip_ethertype, profile_batches

    iface = choose_interface(ifname, prof, seed)
    n = prof.default_count() if count is None else count  # type: ignore[attr-defined]
    sock = SendSocket(iface, proto=0x0800, qdisc_bypass=False)
    frames = nbytes = 0
    try:
        for item in profile_batches(prof, iface, count=n, seed=seed, backend="struct"):
            for f in (item.frames if isinstance(item, Batch) else item):
                if sock.dgram:
                    sock.send_to(f, ip_ethertype(f))
                else:
                    sock.send(f)
                frames += 1
                nbytes += len(f)
    finally:
        sock.close()
    return subprocess.CompletedProcess([], 0, f"{frames} frames, {nbytes} bytes sent on "
                                       f"{iface.name}", "")


def within(cap: Capture, start: float, end: float) -> Capture:
    """The packets captured between ``start`` and ``end`` (epoch seconds)."""
    keep = [r for r in cap.records if start <= r.ts_sec + r.ts_nsec / 1e9 <= end]
    return Capture(cap.path, cap.linktype, keep)


def lines_within(lines: list[str], start: float, end: float) -> list[str]:
    """Printed packets (tcpdump's local time of day first) between ``start``
    and ``end``; a line without a time belongs to the packet above it."""
    def day_seconds(t: float) -> float:
        lt = time.localtime(t)
        return lt.tm_hour * 3600 + lt.tm_min * 60 + lt.tm_sec + t % 1

    lo, hi = day_seconds(start), day_seconds(end)
    out, keep = [], False
    for line in lines:
        m = _TIME_RE.match(line)
        if m:
            h, mi, sec = line[:15].split(":")
            t = int(h) * 3600 + int(mi) * 60 + float(sec)
            keep = lo <= t <= hi if lo <= hi else (t >= lo or t <= hi)  # across midnight
        if keep:
            out.append(line)
    return out


def _lines(path: Path) -> list[str]:
    return [x for x in path.read_text(errors="replace").splitlines() if x.strip()]
