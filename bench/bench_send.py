"""Send speed, side by side in one run on the same veth (client -> server):

- craft send udp-sweep.yaml, 1,000,000 frames (fields vary per frame);
- trafgen (netsniff-ng) with the same frame size and a similar varying
  stream (source address, destination port, random IP id), on one CPU and on
  all CPUs (its default);
- scapy.sendp of the same frames (fewer of them).

Prints frames/s of each and the ratios. Targets (issue 3): craft >= 0.8x
trafgen, >= 40x scapy.sendp.

Then the DNS id sweep (profiles/dns-id-sweep.yaml, ids 0..65535): craft send
against trafgen sending ``craft export --to trafgen`` of the same profile
(issue 11: >= 0.8x trafgen). Needs root; creates and removes its own lab.

    python bench/bench_send.py [--count 1000000] [--scapy-count 20000] [--dns-count 655360]
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from craft.live.lab import Lab  # noqa: E402

CRAFT = [sys.executable, "-c", "from craft.cli import main; main()"]

# The same stream as profiles/udp-sweep.yaml: 74-byte frames, source
# 198.51.100.1..16, destination port 9000..9015, random IPv4 id.
TRAFGEN_CFG = """{
  eth(da=02:00:00:00:00:02, sa=02:00:00:00:00:01),
  ipv4(sa=198.51.100.1, sa[3]=dinc(1, 16), da=192.0.2.2, id=drnd(), ttl=64),
  udp(sp=40000, dp=dinc(9000, 9015)),
  fill(0xab, 32)
}
"""

SCAPY_SEND = r"""
import sys, time
from scapy.all import Ether, IP, UDP, Raw, sendp, conf
n = int(sys.argv[1])
pkts = [Ether(dst="02:00:00:00:00:02", src="02:00:00:00:00:01")
        / IP(src=f"198.51.100.{1 + i % 16}", dst="192.0.2.2", id=1 + i % 65535)
        / UDP(sport=40000, dport=9000 + i % 16) / Raw(b"\xab" * 32) for i in range(n)]
sock = conf.L2socket(iface="eth0")
t = time.perf_counter()
sendp(pkts, socket=sock, verbose=False)
print(n / (time.perf_counter() - t))
"""


def rx_packets(lab: Lab) -> int:
    out = lab.exec(
        "server",
        ["ip", "-j", "-s", "link", "show", "eth0"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out)[0]["stats64"]["rx"]["packets"]


def craft_fps(lab: Lab, count: int, profile: str = "udp-sweep") -> tuple[float, int]:
    before = rx_packets(lab)
    r = subprocess.run(
        [
            *CRAFT,
            "send",
            "--lab",
            "client",
            "--lab-name",
            lab.name,
            profile,
            "-c",
            str(count),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    out = json.loads(r.stdout)
    return out["fps"], rx_packets(lab) - before


def trafgen_fps(lab: Lab, count: int, cfg: str, cpus: int | None) -> tuple[float, int]:
    args = ["trafgen", "-i", cfg, "-o", "eth0", "-n", str(count), "-q"]
    if cpus is not None:
        args += ["--cpus", str(cpus)]
    before = rx_packets(lab)
    t = time.perf_counter()
    lab.exec("client", args, capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - t
    return count / seconds, rx_packets(lab) - before


def scapy_fps(lab: Lab, count: int) -> float:
    r = lab.exec(
        "client",
        [sys.executable, "-c", SCAPY_SEND, str(count)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(r.stdout.strip().splitlines()[-1])


def median(runs: list[tuple[float, int]]) -> tuple[float, int]:
    return sorted(runs)[len(runs) // 2]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=1_000_000)
    ap.add_argument("--scapy-count", type=int, default=20_000)
    ap.add_argument("--dns-count", type=int, default=655_360, help="frames of the DNS sweep")
    ap.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="alternate the senders this many times and report medians (shared, noisy machines)",
    )
    args = ap.parse_args()
    if os.geteuid() != 0:
        print("bench_send: needs root (network namespaces, raw sockets)", file=sys.stderr)
        return 2
    if shutil.which("trafgen") is None:
        print("bench_send: needs trafgen (Debian package netsniff-ng)", file=sys.stderr)
        return 2
    with (
        Lab(f"ct-send-bench-{secrets.token_hex(2)}") as lab,
        tempfile.NamedTemporaryFile("w", suffix=".cfg") as cfg,
    ):
        cfg.write(TRAFGEN_CFG)
        cfg.flush()
        # permanent neighbours: no ARP in the measured runs
        lab.exec(
            "client",
            [
                "ip",
                "neigh",
                "replace",
                "192.0.2.2",
                "lladdr",
                "02:00:00:00:00:02",
                "dev",
                "eth0",
                "nud",
                "permanent",
            ],
            check=True,
        )
        craft_fps(lab, 1000)  # warm: imports, page cache
        runs: dict[str, list[tuple[float, int]]] = {"c": [], "t1": [], "tn": []}
        for _ in range(args.rounds):
            runs["c"].append(craft_fps(lab, args.count))
            runs["t1"].append(trafgen_fps(lab, args.count, cfg.name, 1))
            runs["tn"].append(trafgen_fps(lab, args.count, cfg.name, None))
        s = scapy_fps(lab, args.scapy_count)
        dns_cfg = tempfile.NamedTemporaryFile("w", suffix=".cfg", delete=False).name
        subprocess.run([*CRAFT, "export", "dns-id-sweep", "--to", "trafgen", "-o", dns_cfg],
                       check=True, capture_output=True)
        dns: dict[str, list[tuple[float, int]]] = {"c": [], "t1": []}
        craft_fps(lab, 1000, "dns-id-sweep")
        for _ in range(args.rounds):
            dns["c"].append(craft_fps(lab, args.dns_count, "dns-id-sweep"))
            dns["t1"].append(trafgen_fps(lab, args.dns_count, dns_cfg, 1))
        os.unlink(dns_cfg)
    (c, c_rx), (t1, t1_rx), (tn, tn_rx) = (median(runs[k]) for k in ("c", "t1", "tn"))
    ncpu = os.cpu_count()
    print(
        f"medians of {args.rounds} alternating rounds; craft builds frames in a second "
        "process while it sends (see craft/send.py)"
    )
    print(f"{'sender':<28}{'frames':>10}{'frames/s':>14}{'server rx':>12}")
    print(f"{'craft send':<28}{args.count:>10}{c:>14,.0f}{c_rx:>12}")
    print(f"{'trafgen --cpus 1':<28}{args.count:>10}{t1:>14,.0f}{t1_rx:>12}")
    print(f"{f'trafgen (all {ncpu} CPUs)':<28}{args.count:>10}{tn:>14,.0f}{tn_rx:>12}")
    print(f"{'scapy.sendp':<28}{args.scapy_count:>10}{s:>14,.0f}{'':>12}")
    print()
    print(f"craft / trafgen --cpus 1 : {c / t1:6.2f}x   (target >= 0.8x)")
    print(f"craft / trafgen all CPUs : {c / tn:6.2f}x")
    print(f"craft / scapy.sendp      : {c / s:6.1f}x   (target >= 40x)")
    (dc, dc_rx), (dt, dt_rx) = median(dns["c"]), median(dns["t1"])
    print()
    print(f"{'DNS id sweep':<28}{'frames':>10}{'frames/s':>14}{'server rx':>12}")
    print(f"{'craft send dns-id-sweep':<28}{args.dns_count:>10}{dc:>14,.0f}{dc_rx:>12}")
    print(f"{'trafgen of craft export':<28}{args.dns_count:>10}{dt:>14,.0f}{dt_rx:>12}")
    print(f"craft / trafgen --cpus 1 : {dc / dt:6.2f}x   (target >= 0.8x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
