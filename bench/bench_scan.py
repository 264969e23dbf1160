"""A SYN scan of the same ports, side by side in one run, in a lab:
``craft run syn-scan`` against ``nmap -sS -T5`` (Debian package nmap), the
server namespace listening on two ports (a web server on 80, craft tcp-server
on 555).

Prints each side's wall time (median of ``--rounds``), the ratio and whether
both found the same open ports. Target (issue 12): craft within 2x of nmap's
time, with the same result. Needs root; creates and removes its own lab.

    python bench/bench_scan.py [--ports 1000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from craft.live.lab import Lab  # noqa: E402

CRAFT = [sys.executable, "-c", "from craft.cli import main; main()"]
OPEN = {80, 555}


def timed(argv: list[str]) -> tuple[float, str]:
    t = time.perf_counter()
    r = subprocess.run(argv, capture_output=True, text=True, timeout=300)
    wall = time.perf_counter() - t
    if r.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed ({r.returncode}): {r.stderr or r.stdout}")
    return wall, r.stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ports", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    if shutil.which("nmap") is None:
        if os.geteuid() == 0:
            subprocess.run(["apt-get", "install", "-y", "-qq", "nmap"], check=True,
                           capture_output=True)
        else:
            sys.exit("bench_scan needs nmap (Debian package nmap)")
    lab = Lab(f"bs{secrets.token_hex(3)}")
    lab.up()
    www = tempfile.mkdtemp()
    servers = [
        lab.popen("server", [*CRAFT, "tcp-server", "555"], stdout=subprocess.DEVNULL,
                  stderr=subprocess.DEVNULL, start_new_session=True),
        lab.popen("server", [sys.executable, "-m", "http.server", "80", "--bind",
                             "192.0.2.2"], cwd=www, stdout=subprocess.DEVNULL,
                  stderr=subprocess.DEVNULL, start_new_session=True),
    ]
    try:
        time.sleep(1.5)
        last = str(args.ports)
        nmap = lab.command("client", ["nmap", "-sS", "-T5", "-n", "-Pn", f"-p1-{last}",
                                       "192.0.2.2"])
        craft = [*CRAFT, "run", "syn-scan", "--lab", "client", "--lab-name", lab.name,
                 "--var", f"last={last}"]
        t_n, t_c = [], []
        for _ in range(args.rounds):  # the sides take turns
            w, out_n = timed(nmap)
            t_n.append(w)
            w, out_c = timed(craft)
            t_c.append(w)
        found_n = {int(p) for p in re.findall(r"^(\d+)/tcp\s+open", out_n, re.M)}
        found_c = {int(p) for p in re.findall(r"^\s+(\d+)/tcp\s+open", out_c, re.M)}
        n, c = statistics.median(t_n), statistics.median(t_c)
        print(f"SYN scan of ports 1-{last} in the lab (median of {args.rounds}, wall time)")
        print(f"  nmap -sS -T5      {n:7.3f} s   open: {sorted(found_n)}")
        print(f"  craft run syn-scan {c:6.3f} s   open: {sorted(found_c)}")
        same = found_n == found_c == OPEN
        ratio = c / n
        print(f"  craft / nmap: {ratio:.2f}x (target <= 2x: {'met' if ratio <= 2 else 'NOT met'});"
              f" same open ports: {'yes' if same else 'NO'}")
    finally:
        for p in servers:
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            p.wait(timeout=10)
        lab.down()
        shutil.rmtree(www, ignore_errors=True)


if __name__ == "__main__":
    main()
