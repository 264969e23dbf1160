"""dnsmasq as a real DNS and DHCP peer in the lab's server namespace (Debian
package dnsmasq-base: the program without a system service; `make test`
installs it).

It listens on 192.0.2.2, port 53 (free there: the namespace is the test's
own), answers from a hosts file of documentation addresses and nothing else
(no upstream, no /etc/hosts), and with ``dhcp=True`` leases 192.0.2.100-150 on
the lab link. It runs in the foreground, logging queries and DHCP to its
output, which ``stop`` returns; it is killed however the test ends.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

HOSTS = {  # name -> addresses, all documentation ranges
    "www.example.com": ("198.51.100.80", "2001:db8::80"),
    "lab.example.com": ("192.0.2.2",),
}
POOL = ("192.0.2.100", "192.0.2.150")


class Dnsmasq:
    def __init__(self, proc: subprocess.Popen, log: Path) -> None:
        self.proc = proc
        self.log = log

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def _listening(lab: Any, proto: str, port: int) -> bool:
    out = lab.exec("server", ["ss", f"-l{proto}nH", f"sport = :{port}"], capture_output=True,
                   text=True).stdout
    return bool(out.strip())


@contextlib.contextmanager
def dnsmasq(lab: Any, tmp: Path, dhcp: bool = False) -> Iterator[Dnsmasq]:
    """dnsmasq serving the lab from its server node for the ``with`` block."""
    exe = shutil.which("dnsmasq") or ("/usr/sbin/dnsmasq" if os.path.exists("/usr/sbin/dnsmasq")
                                      else None)
    if exe is None:
        if os.environ.get("CI") == "true":
            pytest.fail("dnsmasq is missing (Debian package dnsmasq-base; make test installs it)")
        pytest.skip("needs dnsmasq (Debian package dnsmasq-base)")
    hosts = tmp / "hosts"
    hosts.write_text("".join(f"{a} {name}\n" for name, addrs in HOSTS.items() for a in addrs))
    argv = [exe, "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts",
            f"--addn-hosts={hosts}", "--interface=eth0", "--bind-interfaces",
            "--listen-address=192.0.2.2", "--port=53", "--log-queries", "--log-facility=-",
            "--pid-file=", "--user=root", "--group=root", "--local-ttl=300"]
    if dhcp:
        argv += [f"--dhcp-range={POOL[0]},{POOL[1]},255.255.255.0,1h",
                 f"--dhcp-leasefile={tmp / 'leases'}", "--dhcp-authoritative", "--log-dhcp",
                 "--no-ping"]  # no ICMP check of an address before offering it (3 s)
    log = tmp / "dnsmasq.log"
    with open(log, "w") as out:
        proc = lab.popen("server", argv, stdout=out, stderr=subprocess.STDOUT,
                         start_new_session=True)
    try:
        for _ in range(200):
            if proc.poll() is not None:
                raise AssertionError(f"dnsmasq exited: {log.read_text()}")
            if _listening(lab, "u", 53) and (not dhcp or _listening(lab, "u", 67)):
                break
            time.sleep(0.05)
        else:
            raise AssertionError(f"dnsmasq never listened: {log.read_text()}")
        yield Dnsmasq(proc, log)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
