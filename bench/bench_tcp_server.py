"""Connections per second: craft tcp-server (each mode) against the classic C
fork-per-connection server and `socat TCP-LISTEN,fork`, in one run.

An asyncio load generator opens N connections, at most C at a time; each
sends one line, reads the whole answer and closes. Every server runs on
loopback with its output thrown away. Prints connections/s per server and the
ratio to the C fork server, and the CPU time the server (with its children)
spent per connection, which the machine's other load disturbs less. Targets (issue 5):
craft's default mode >= 1x the C fork server; fork mode within 2x (ratio >= 0.5).

    .venv/bin/python bench/bench_tcp_server.py [-n 5000] [-c 100] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
MESSAGE = b"hello from the bench\n"
ANSWER = b"I got your message"


# The least a CPython fork-per-connection server can do: the floor for craft's
# fork mode (no message rules, no limits, no output options, no clean stop).
MINIMAL_PY_FORK = """\
import os, signal, socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(socket.SOMAXCONN)
def reap(*_):
    try:
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass
    except ChildProcessError:
        pass
signal.signal(signal.SIGCHLD, reap)
while True:
    c, a = s.accept()
    if os.fork() == 0:
        s.close()
        d = c.recv(255)
        os.write(1, b"Here is the message: " + d)
        c.sendall(b"I got your message")
        os._exit(0)
    c.close()
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(port: int, proc: subprocess.Popen, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited early: {proc.args}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
                s.sendall(MESSAGE)
                s.recv(100)
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"server not listening: {proc.args}")


async def one(loop: asyncio.AbstractEventLoop, port: int, expect: int) -> None:
    """One connection: connect, send the line, read `expect` bytes, close.

    The loop's sock_* calls, not streams: half the load generator's CPU per
    connection, so it stays ahead of the servers it measures."""
    sock = socket.socket()
    sock.setblocking(False)
    try:
        await loop.sock_connect(sock, ("127.0.0.1", port))
        await loop.sock_sendall(sock, MESSAGE)
        got = 0
        while got < expect:
            data = await loop.sock_recv(sock, 1024)
            if not data:
                raise RuntimeError("short answer")
            got += len(data)
    finally:
        sock.close()


async def load(port: int, expect: int, n: int, concurrency: int) -> tuple[float, int]:
    """Run n connections, `concurrency` at a time; return (seconds, errors)."""
    loop = asyncio.get_running_loop()
    left = n
    errors = 0

    async def worker() -> None:
        nonlocal left, errors
        while left > 0:
            left -= 1
            try:
                await asyncio.wait_for(one(loop, port, expect), 10)
            except (TimeoutError, OSError, RuntimeError):
                errors += 1

    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return time.perf_counter() - t0, errors


def build_c_server(tmp: Path) -> Path | None:
    if shutil.which("gcc") is None:
        print("gcc not found: no C fork server", file=sys.stderr)
        return None
    exe = tmp / "forkserver"
    subprocess.run(["gcc", "-O2", "-o", str(exe), str(HERE / "c" / "forkserver.c")], check=True)
    return exe


def servers(tmp: Path, only: set[str] | None) -> list[tuple[str, list[str], int]]:
    """(name, argv with {port}, answer length)."""
    craft = [sys.executable, "-m", "craft", "tcp-server", "{port}", "--bind", "127.0.0.1"]
    table: list[tuple[str, list[str], int]] = []
    exe = build_c_server(tmp)
    if exe is not None:
        table.append(("C fork server", [str(exe), "{port}"], len(ANSWER)))
    table.append(("craft async (default)", [*craft, "--mode", "async"], len(ANSWER)))
    table.append(("craft fork", [*craft, "--mode", "fork"], len(ANSWER)))
    table.append(("craft thread", [*craft, "--mode", "thread"], len(ANSWER)))
    table.append(
        ("python fork, minimal", [sys.executable, "-I", "-S", "-c", MINIMAL_PY_FORK, "{port}"], 18)
    )
    if shutil.which("socat"):
        socat = ["socat", "TCP-LISTEN:{port},bind=127.0.0.1,fork,reuseaddr,backlog=4096", "PIPE"]
        table.append(("socat fork (echo)", socat, len(MESSAGE)))
    if only:
        table = [row for row in table if any(word in row[0] for word in only)]
    return table


def cpu_seconds(pid: int) -> float:
    """CPU time of a process and of its children it has reaped (utime+stime+cutime+cstime)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def measure(argv: list[str], expect: int, n: int, concurrency: int) -> tuple[float, float, int]:
    """(connections/s, server CPU ms per connection, errors)."""
    port = free_port()
    cmd = [a.replace("{port}", str(port)) for a in argv]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        wait_listening(port, proc)
        asyncio.run(load(port, expect, min(200, n), concurrency))  # warm up
        time.sleep(0.5)  # let the warm-up children be reaped
        cpu0 = cpu_seconds(proc.pid)
        seconds, errors = asyncio.run(load(port, expect, n, concurrency))
        time.sleep(0.5)
        cpu = cpu_seconds(proc.pid) - cpu0
        return n / seconds, cpu / n * 1000, errors
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


# The same loop in CPython: what one fork() costs the interpreter before any serving.
PY_FORK_LOOP = """\
import os, resource, sys
n = int(sys.argv[1])
for _ in range(n):
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
s, k = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print((s.ru_utime + s.ru_stime + k.ru_utime + k.ru_stime) / n * 1e6)
"""


def fork_floor(tmp: Path, n: int = 2000) -> None:
    """CPU per bare fork()+_exit()+waitpid(), C against CPython, in this run: the
    part of a fork-per-connection server no Python code can make cheaper."""
    if shutil.which("gcc") is None:
        return
    exe = tmp / "forkloop"
    subprocess.run(["gcc", "-O2", "-o", str(exe), str(HERE / "c" / "forkloop.c")], check=True)
    c = min(
        float(subprocess.run([str(exe), str(n)], capture_output=True, text=True, check=True).stdout)
        for _ in range(3)
    )
    py = min(
        float(
            subprocess.run(
                [sys.executable, "-I", "-S", "-c", PY_FORK_LOOP, str(n)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        for _ in range(3)
    )
    print(
        f"bare fork()+_exit()+waitpid(), CPU per fork: C {c / 1000:.3f} ms, CPython "
        f"{py / 1000:.3f} ms "
        f"({c / py:.2f}x): a CPython fork server pays this per connection before serving it"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", "--connections", type=int, default=5000)
    ap.add_argument("-c", "--concurrency", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=3, help="best of ROUNDS per server")
    ap.add_argument("--only", nargs="*", help="servers whose name contains one of these words")
    args = ap.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

    print(
        f"{args.connections} connections, {args.concurrency} at a time, best of {args.rounds}; "
        f"{os.cpu_count()} CPUs shared by the load generator and the server"
    )
    with tempfile.TemporaryDirectory() as tmp:
        table = servers(Path(tmp), set(args.only) if args.only else None)
        rates: dict[str, list[float]] = {}
        cpus: dict[str, list[float]] = {}
        errors: dict[str, int] = {}
        for _ in range(args.rounds):  # interleaved rounds: drift hits every server alike
            for name, argv, expect in table:
                rate, cpu, errs = measure(argv, expect, args.connections, args.concurrency)
                rates.setdefault(name, []).append(rate)
                cpus.setdefault(name, []).append(cpu)
                errors[name] = errors.get(name, 0) + errs
    best = {name: max(r) for name, r in rates.items()}
    cheapest = {name: min(c) for name, c in cpus.items()}
    base = "C fork server"
    print(
        "conn/s: best round; CPU: server and its children, ms per connection, least of the rounds"
    )
    print(f"{'server':24} {'conn/s':>8} {'vs C':>6} {'CPU ms':>7} {'C/this':>7} {'errors':>6}")
    for name in rates:
        ratio = f"{best[name] / best[base]:5.2f}x" if base in best else "     -"
        cpu_ratio = f"{cheapest[base] / cheapest[name]:6.2f}x" if base in best else "      -"
        print(
            f"{name:24} {best[name]:8.0f} {ratio} {cheapest[name]:7.3f} {cpu_ratio} "
            f"{errors[name]:6d}"
        )
    targets = (
        ("craft async (default)", "default >= 1.00x", 1.0),
        ("craft fork", "fork within 2x (>= 0.50x)", 0.5),
    )
    for name, what, goal in targets:
        if base in best and name in best:
            ratio = best[name] / best[base]
            print(f"target {what} C fork: {ratio:.2f}x {'met' if ratio >= goal else 'NOT met'}")
    with tempfile.TemporaryDirectory() as tmp:
        fork_floor(Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
