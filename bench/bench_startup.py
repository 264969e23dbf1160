"""Start-up: how long a short craft command takes, next to tcpdump and scapy.

Issue 13 targets, each the median of 5 wall times of a fresh process:
``craft --help``, ``craft read one.pcap`` and ``craft build profiles/icmp.yaml
--backend struct`` each <= 0.15 s; ``craft build`` with the scapy cross-check
(the default backend) <= 0.6 s.

Beside each, the same job by the other tools, timed in the same run, the
commands taking turns so that a change in the machine's load falls on every
side alike:

- tcpdump: ``tcpdump --help`` and ``tcpdump -n -r one.pcap``;
- scapy: a fresh ``python -c`` that imports ``scapy.all`` and reads the file
  (``rdpcap``, one ``summary()`` line per packet) or builds the same ICMP echo
  frame (``bytes(Ether()/IP()/ICMP()/Raw())``) — scapy's import plus the job,
  as a script using scapy starts;
- python: ``python -c pass``, the floor under every Python command.

one.pcap is made by ``craft build profiles/icmp.yaml -c 1 --format pcap`` in a
temporary directory. Each command runs once untimed first; byte-code caches
are written then even when PYTHONDONTWRITEBYTECODE is set (an installed craft
has them), so the timed runs measure a start as users get it.

    .venv/bin/python bench/bench_startup.py [--repeat 5] [--strict]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROFILE = ROOT / "profiles" / "icmp.yaml"
HELP_TARGET = READ_TARGET = STRUCT_TARGET = 0.15
BOTH_TARGET = 0.6

SCAPY_READ = (
    "import sys\n"
    "from scapy.all import rdpcap\n"
    "for p in rdpcap(sys.argv[1]):\n"
    "    print(p.summary())\n"
)
SCAPY_BUILD = (
    "from scapy.all import ICMP, IP, Ether, Raw\n"
    "f = Ether(dst='02:00:00:00:00:02', src='02:00:00:00:00:01')\n"
    "f /= IP(src='192.0.2.1', dst='192.0.2.2', ttl=64) / ICMP(id=0x1234, seq=1)\n"
    "print(bytes(f / Raw(b'Hello, World!')).hex())\n"
)


def craft_command() -> list[str]:
    """The console script beside this interpreter (as installed), else ``python -m craft``."""
    script = Path(sys.executable).parent / "craft"
    return [str(script)] if script.exists() else [sys.executable, "-m", "craft"]


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run; a failing command ends the benchmark."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    r = subprocess.run(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT, check=False
    )
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        sys.exit(f"{' '.join(argv)}: exit {r.returncode}\n{r.stderr.decode(errors='replace')}")
    return wall, r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5, help="timed runs per command (median)")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = ap.parse_args(argv)

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    craft = craft_command()
    tcpdump = shutil.which("tcpdump")
    py = sys.executable
    with tempfile.TemporaryDirectory(prefix="craft-startup-") as tmp:
        pcap = str(Path(tmp) / "one.pcap")
        build = [*craft, "build", str(PROFILE), "-c", "1"]
        run_once([*build, "--format", "pcap", "-o", pcap], env)

        # (label, target or None, argv): craft's rows carry the targets
        rows: list[tuple[str, float | None, list[str] | None]] = [
            ("python -c pass (the floor)", None, [py, "-c", "pass"]),
            ("craft --help", HELP_TARGET, [*craft, "--help"]),
            ("tcpdump --help", None, tcpdump and [tcpdump, "--help"]),
            ("craft read one.pcap", READ_TARGET, [*craft, "read", pcap]),
            ("tcpdump -n -r one.pcap", None, tcpdump and [tcpdump, "-n", "-r", pcap]),
            ("scapy: import, rdpcap, summary()", None, [py, "-c", SCAPY_READ, pcap]),
            (
                "craft build icmp --backend struct",
                STRUCT_TARGET,
                [*build, "--backend", "struct", "--format", "hex"],
            ),
            ("craft build icmp (struct + scapy)", BOTH_TARGET, [*build, "--format", "hex"]),
            ("scapy: import, build the frame", None, [py, "-c", SCAPY_BUILD]),
        ]
        timed = [(label, target, cmd) for label, target, cmd in rows if cmd]
        for _, _, cmd in timed:
            run_once(cmd, env)  # untimed: byte-code caches, page cache
        walls: dict[str, list[float]] = {label: [] for label, _, _ in timed}
        cpus: dict[str, list[float]] = {label: [] for label, _, _ in timed}
        for _ in range(args.repeat):
            for label, _, cmd in timed:
                wall, cpu = run_once(cmd, env)
                walls[label].append(wall)
                cpus[label].append(cpu)

    median = {label: statistics.median(w) for label, w in walls.items()}
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"median of {args.repeat} wall times per command, commands taking turns "
        "(min: the fastest run; cpu: median user+system time)"
    )
    print(f"machine: {os.cpu_count()} cpus, load average {load} (a busy machine slows every row)")
    print(f"craft: {' '.join(craft)}; scapy: {py} -c '<import scapy.all, then the job>'")
    if not tcpdump:
        print("tcpdump: not installed, its rows left out")
    missed = []
    for label, target, _ in timed:
        line = (
            f"  {label:<36} {median[label]:6.3f} s  (min {min(walls[label]):.3f}, "
            f"cpu {statistics.median(cpus[label]):.3f})"
        )
        if target is not None:
            met = median[label] <= target
            line += f"  target <= {target:.2f} s: {'met' if met else 'MISSED'}"
            if not met:
                missed.append(label)
        print(line)
    pairs = [
        ("craft --help", "tcpdump --help"),
        ("craft read one.pcap", "tcpdump -n -r one.pcap"),
        ("craft read one.pcap", "scapy: import, rdpcap, summary()"),
        ("craft build icmp --backend struct", "scapy: import, build the frame"),
        ("craft build icmp (struct + scapy)", "scapy: import, build the frame"),
    ]
    print("ratios:")
    for a, b in pairs:
        if a in median and b in median:
            print(f"  {a} / {b}: {median[a] / median[b]:.2f}x")
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
