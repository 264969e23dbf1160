#!/usr/bin/env python3
"""Capture and read throughput, craft against tcpdump, side by side in one run.

1. Live: in a lab (namespaces ct-sniff-bench-*), trafgen sends FRAMES frames
   at full speed from the client; ``craft sniff -w`` and then ``tcpdump -w``
   capture on the server's eth0 (separate runs). Prints packets captured and
   dropped by each (target: craft drops 0 whenever tcpdump drops 0).
2. Read: a PACKETS-packet mixed pcap written with craft's pcap writer,
   printed to /dev/null by ``craft read -n`` (as it chooses, and with one
   and two processes: CRAFT_READ_JOBS=1, 2; and by one process running the
   printers' pure Python, CRAFT_PURE=1, against their mypyc build),
   ``tshark -n -r`` (its one-line summary, the peer of craft's line with or
   without -v: tshark -V prints a whole tree) and
   ``tcpdump -n -r``; ``-v`` by craft and tcpdump; and a filter keeping about
   1% of the packets by craft and tcpdump. Each command runs ROUNDS times,
   interleaved, the best kept. Prints packets/s, the ratios against the
   targets of issue 13 (>= 1.0x tshark with and without -v, >= 0.5x tcpdump,
   >= 0.5x tcpdump with the filter) and the peak RSS for PACKETS/10 and
   PACKETS packets (flat: it does not grow with the file).

Live needs root, iproute2, tcpdump and trafgen (netsniff-ng); read needs
tcpdump (and tshark for its column). Usage:
    bench/bench_sniff.py [--frames N] [--packets N] [--trafgen-cpus N] [--skip-live]
                         [--skip-read] [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))  # the shared mixed-traffic generator

CRAFT = [sys.executable, "-c", "from craft.cli import entry; entry()"]  # the console script
CRAFT_ARGS: list[str] = []  # e.g. -B 2048 for a ring as small as tcpdump's default buffer

# 60-byte UDP frame client -> server (trafgen syntax; csumip fills the IPv4 checksum).
TRAFGEN_CFG = """{
  0x02, 0x00, 0x00, 0x00, 0x00, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00,
  0x45, 0x00, 0x00, 0x2e, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, csumip(14, 33),
  192, 0, 2, 1, 192, 0, 2, 2,
  0x9c, 0x40, 0x9c, 0x41, 0x00, 0x1a, 0x00, 0x00,
  fill(0x41, 18),
}
"""


def run_waited(cmd: list[str], **kw) -> tuple[int, float, int]:  # type: ignore[no-untyped-def]
    """Run ``cmd``; (exit status, seconds, peak RSS in KiB) via wait4."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, **kw)
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return p.returncode, time.perf_counter() - t0, usage.ru_maxrss


def capture_run(tool: str, lab, cfg: Path, frames: int, out: Path,
                cpus: int) -> dict[str, int]:  # type: ignore[no-untyped-def]
    client, server = lab.namespaces
    if tool == "craft":
        cmd = [*CRAFT, "sniff", "eth0", "udp", "-w", str(out), *CRAFT_ARGS]
    else:
        cmd = ["tcpdump", "-i", "eth0", "-w", str(out), "udp"]
    proc = subprocess.Popen(
        ["ip", "netns", "exec", server, *cmd], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert proc.stderr is not None
    err = b""
    end = time.monotonic() + 20
    while b"listening on" not in err and time.monotonic() < end:
        if select.select([proc.stderr], [], [], 1)[0]:
            err += os.read(proc.stderr.fileno(), 4096)
    time.sleep(0.2)
    t0 = time.perf_counter()
    subprocess.run(
        [
            "ip",
            "netns",
            "exec",
            client,
            "trafgen",
            "-o",
            "eth0",
            "-i",
            str(cfg),
            "-n",
            str(frames),
            "-P",
            str(cpus),
        ],
        check=True,
        capture_output=True,
    )
    send_s = time.perf_counter() - t0
    time.sleep(1.5)  # let the last ring block be handed over (tcpdump needs its 1 s timeout)
    proc.send_signal(signal.SIGINT)
    _, status, usage = os.wait4(proc.pid, 0)
    err += proc.stderr.read()
    text = err.decode()

    def num(words: str) -> int:
        m = re.search(rf"^(\d+) packets? {words}$", text, re.M)
        return int(m.group(1)) if m else -1

    from craft.io.pcap import read_capture

    in_file = sum(1 for _ in read_capture(out))
    return {
        "captured": num("captured"),
        "received": num("received by filter"),
        "dropped": num("dropped by kernel"),
        "in_file": in_file,
        "send_pps": int(frames / send_s),
        "rss_kib": usage.ru_maxrss,
    }


def bench_live(frames: int, tmp: Path, cpus: int) -> None:
    from craft.live.lab import Lab

    cfg = tmp / "udp.cfg"
    cfg.write_text(TRAFGEN_CFG)
    lab = Lab(f"ct-sniff-bench-{os.getpid() % 100000}")
    lab.up()
    try:
        results = {}
        for tool in ("craft", "tcpdump"):
            results[tool] = capture_run(tool, lab, cfg, frames, tmp / f"{tool}.pcap", cpus)
            (tmp / f"{tool}.pcap").unlink()
    finally:
        lab._quiet_down()
    print(
        f"live capture: trafgen ({cpus} process{'es' if cpus > 1 else ''}) sends {frames:,} UDP "
        "frames at full speed client -> server"
    )
    print(
        f"  {'':8} {'captured':>10} {'received':>10} {'dropped':>8} {'in file':>10} "
        f"{'send pps':>10} {'peak RSS':>10}"
    )
    for tool, r in results.items():
        print(
            f"  {tool:8} {r['captured']:>10,} {r['received']:>10,} {r['dropped']:>8,} "
            f"{r['in_file']:>10,} {r['send_pps']:>10,} {r['rss_kib'] // 1024:>7} MiB"
        )
    c, t = results["craft"], results["tcpdump"]
    ok = c["dropped"] == 0 or t["dropped"] > 0
    print(f"  target (craft drops 0 whenever tcpdump drops 0): {'met' if ok else 'NOT met'}")


READ_FILTER = "portrange 50001-50360"  # about 1% of the mixed capture's packets


def _mixed(path: Path, packets: int) -> float:
    from sniffdata import mixed_records

    from craft.io.pcap import PcapWriter

    t0 = time.perf_counter()
    with PcapWriter.open(path) as w:
        for rec in mixed_records(packets):
            w.write(*rec)
    return time.perf_counter() - t0


def _best(runs: dict[str, tuple[list[str], dict[str, str]]], rounds: int) -> dict[str, tuple]:
    """Each command ``rounds`` times, interleaved (so load from elsewhere hits
    every side alike): (best seconds, its CPU seconds, peak RSS KiB, exit)."""
    best: dict[str, tuple] = {}
    with open(os.devnull, "w") as null:
        for _ in range(rounds):
            for label, (cmd, env) in runs.items():
                t0 = time.perf_counter()
                p = subprocess.Popen(cmd, stdout=null, stderr=subprocess.DEVNULL, env=env)
                _, status, ru = os.wait4(p.pid, 0)
                wall = time.perf_counter() - t0
                rc = os.waitstatus_to_exitcode(status)
                old = best.get(label)
                rss = max(ru.ru_maxrss, old[2] if old else 0)
                if old is None or wall < old[0]:
                    best[label] = (wall, ru.ru_utime + ru.ru_stime, rss, rc)
                else:
                    best[label] = (*old[:2], rss, old[3])
    return best


def bench_read(packets: int, tmp: Path, rounds: int) -> None:
    path = tmp / "mixed.pcap"
    gen = _mixed(path, packets)
    size = path.stat().st_size
    print(
        f"read: {packets:,}-packet mixed pcap ({size / 2**20:.0f} MiB, written by craft in "
        f"{gen:.1f} s); best of {rounds} interleaved rounds, output to /dev/null, TZ=UTC"
    )
    env = {**os.environ, "TZ": "UTC"}
    one = {**env, "CRAFT_READ_JOBS": "1"}
    two = {**env, "CRAFT_READ_JOBS": "2"}
    pure = {**one, "CRAFT_PURE": "1"}  # the printers' Python source, not what mypyc compiled
    f = str(path)
    runs: dict[str, tuple[list[str], dict[str, str]]] = {
        "craft read -n": ([*CRAFT, "read", "-n", f], env),
        "craft read -n, 1 process": ([*CRAFT, "read", "-n", f], one),
        "craft read -n, 2 processes": ([*CRAFT, "read", "-n", f], two),
        "craft read -n, 1 process, pure": ([*CRAFT, "read", "-n", f], pure),
        "tshark -n -r": (["tshark", "-n", "-r", f], env),
        "tcpdump -n -r": (["tcpdump", "-n", "-r", f], env),
        "craft read -n -v": ([*CRAFT, "read", "-n", "-v", f], env),
        "craft read -n -v, 2 processes": ([*CRAFT, "read", "-n", "-v", f], two),
        "tcpdump -n -v -r": (["tcpdump", "-n", "-v", "-r", f], env),
        "craft read -n FILTER": ([*CRAFT, "read", "-n", f, READ_FILTER], env),
        "tcpdump -n -r FILTER": (["tcpdump", "-n", "-r", f, READ_FILTER], env),
    }
    if shutil.which("tshark") is None:
        runs.pop("tshark -n -r")
    best = _best(runs, rounds)
    pps = {k: packets / v[0] for k, v in best.items()}
    for label, (wall, cpu, rss, rc) in best.items():
        print(
            f"  {label:30} {pps[label]:>11,.0f} packets/s  ({wall:.2f} s, CPU {cpu:.2f} s, "
            f"exit {rc}, peak RSS {rss // 1024} MiB)"
        )
    print(f"  (FILTER is '{READ_FILTER}': about 1% of the packets)")

    def ratio(a: str, b: str, target: float, what: str) -> None:
        if a in pps and b in pps:
            r = pps[a] / pps[b]
            verdict = "met" if r >= target else "NOT met"
            print(f"  {what}: {r:.2f}x (target >= {target}x: {verdict})")

    ratio("craft read -n", "tshark -n -r", 1.0, "craft read -n / tshark -n -r")
    # tshark's line is the same with or without -v (-V prints a whole tree, no peer of -v)
    ratio("craft read -n -v", "tshark -n -r", 1.0, "craft read -n -v / tshark -n -r")
    ratio("craft read -n, 2 processes", "tshark -n -r", 1.0,
          "craft read -n, 2 processes / tshark -n -r")
    ratio("craft read -n -v, 2 processes", "tshark -n -r", 1.0,
          "craft read -n -v, 2 processes / tshark -n -r")
    ratio("craft read -n", "tcpdump -n -r", 0.5, "craft read -n / tcpdump -n -r")
    ratio("craft read -n -v", "tcpdump -n -v -r", 0.5, "craft read -n -v / tcpdump -n -v -r")
    ratio("craft read -n FILTER", "tcpdump -n -r FILTER", 0.5, "with the 1% filter, craft/tcpdump")
    ratio("craft read -n, 2 processes", "craft read -n, 1 process", 1.0,
          "two processes / one (speed-up)")
    ratio("craft read -n, 1 process", "craft read -n, 1 process, pure", 1.0,
          "compiled printers / pure Python, one process")
    print(f"  (the printers are {_compiled()})")
    print(f"  (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: craft read "
          "splits by itself only when a core is idle as it starts)")
    # Memory stays flat with the capture's length: peak RSS at 1/10 of the packets.
    small = tmp / "small.pcap"
    _mixed(small, max(1, packets // 10))
    small_rss = _best({"": ([*CRAFT, "read", "-n", str(small)], env),
                       "F": ([*CRAFT, "read", "-n", str(small), READ_FILTER], env)}, 1)
    for label, key in (("craft read -n", ""), ("craft read -n FILTER", "F")):
        print(
            f"  peak RSS of {label}: {small_rss[key][2] // 1024} MiB for {packets // 10:,} "
            f"packets, {best[label][2] // 1024} MiB for {packets:,}"
        )
    # tcpdump as a user's shell runs it: with TZ unset, glibc's localtime()
    # stats /etc/localtime for every packet (craft converts once per second).
    if "TZ" not in os.environ:
        with open(os.devnull, "w") as null:
            _, t_u, _ = run_waited(
                ["tcpdump", "-n", "-r", str(path)], stdout=null, stderr=subprocess.DEVNULL
            )
        print(
            f"  tcpdump -n -r, TZ unset (a shell's default) {packets / t_u:,.0f} packets/s: "
            f"craft/tcpdump {pps['craft read -n'] / (packets / t_u):.2f}x"
        )
    # Where craft's time goes: the reader alone, without formatting; and the
    # least any Python printer can do on top of it (one unpack, one f-string).
    from craft.io.pcap import read_capture

    t0 = time.perf_counter()
    n = sum(1 for _ in read_capture(path))
    t_r = time.perf_counter() - t0
    print(
        f"  (craft's pcap reader alone: {n / t_r:,.0f} packets/s; the rest is decoding and "
        "formatting)"
    )
    t_f = python_floor(path)
    print(
        f"  (Python floor, reader + one unpack and one f-string per packet, no protocol logic: "
        f"{packets / t_f:,.0f} packets/s = {packets / t_f / pps['tcpdump -n -r']:.2f}x tcpdump)"
    )


def _compiled() -> str:
    import craft.fmt.tcpdump.print_tcp as tcp

    if tcp.__file__.endswith(".py"):
        return "pure Python: not compiled here (setup.py, make)"
    return "compiled by mypyc (setup.py); 'pure' is CRAFT_PURE=1"


def python_floor(path: Path) -> float:
    """Seconds for the least a Python printer does per packet: read it, unpack
    the IPv4 addresses, format one line with the timestamp, write in batches."""
    import struct

    from craft.io.pcap import CaptureReader

    unpack = struct.Struct("!HBBHHBBH4s4s").unpack_from
    names: dict[bytes, str] = {}
    t0 = time.perf_counter()
    with open(os.devnull, "w") as out, CaptureReader(str(path)) as reader:
        pending: list[str] = []
        for ts, ns, data, wirelen, _ in reader:
            v = unpack(data, 14) if len(data) >= 34 else (0,) * 8 + (b"", b"")
            src = names.get(v[8]) or names.setdefault(v[8], ".".join(map(str, v[8])))
            dst = names.get(v[9]) or names.setdefault(v[9], ".".join(map(str, v[9])))
            pending.append(
                f"{ts}.{ns // 1000:06d} IP {src} > {dst}: proto {v[6]}, length {wirelen}"
            )
            if len(pending) >= 256:
                out.write("\n".join(pending) + "\n")
                pending.clear()
        out.write("\n".join(pending) + "\n")
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frames", type=int, default=1_000_000)
    ap.add_argument("--packets", type=int, default=1_000_000)
    ap.add_argument("--trafgen-cpus", type=int, default=1, help="trafgen -P (senders)")
    ap.add_argument("--craft-buffer", type=int, help="craft sniff -B KiB (default: craft's)")
    ap.add_argument("--skip-live", action="store_true")
    ap.add_argument("--skip-read", action="store_true")
    ap.add_argument("--rounds", type=int, default=3, help="read runs per command (best kept)")
    args = ap.parse_args()
    if args.craft_buffer:
        CRAFT_ARGS.extend(["-B", str(args.craft_buffer)])
    needed = ("tcpdump",) if args.skip_live else ("tcpdump", "trafgen", "ip")
    missing = [t for t in needed if shutil.which(t) is None]
    if missing or (not args.skip_live and os.geteuid() != 0):
        print(
            f"bench_sniff: needs {'root and ' if not args.skip_live else ''}"
            f"{', '.join(missing) or 'nothing else'}",
            file=sys.stderr,
        )
        return 1
    with tempfile.TemporaryDirectory(prefix="ct-sniff-bench-") as d:
        tmp = Path(d)
        if not args.skip_live:
            bench_live(args.frames, tmp, args.trafgen_cpus)
        if not args.skip_read:
            bench_read(args.packets, tmp, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
