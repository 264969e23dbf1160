"""craft tcp-server / tcp-client / udp-server / udp-client, run as the real CLI on loopback.

Servers listen on port 0 and report the port they got on stderr; clients are
asyncio or plain sockets in the test, or the craft CLI itself.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import resource
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

CRAFT = [sys.executable, "-m", "craft"]
MODES = ["async", "fork", "thread"]
ANSWER = b"I got your message"


def _raise_nofile(want: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(want, hard), hard))
    if resource.getrlimit(resource.RLIMIT_NOFILE)[0] < want:
        pytest.fail(f"open-files hard limit {hard} is below the {want} this test needs")


@dataclass
class Server:
    proc: subprocess.Popen
    port: int
    out: Path
    err: Path

    def stdout(self) -> str:
        return self.out.read_text()

    def stderr(self) -> str:
        return self.err.read_text()

    def wait_for(self, pattern: str, where: str = "out", timeout: float = 5.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            text = self.stdout() if where == "out" else self.stderr()
            if re.search(pattern, text):
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"{pattern!r} not in {where}: {text[-2000:]!r}")
            time.sleep(0.02)

    def children(self) -> list[int]:
        path = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        try:
            return [int(p) for p in path.read_text().split()]
        except FileNotFoundError:
            return []


@contextmanager
def server(tmp_path: Path, command: str, *args: str, argv: list | None = None) -> Iterator[Server]:
    """Start ``craft COMMAND 0 ARGS`` (or ``argv``) and yield it once it listens; always stop it."""
    n = len(list(tmp_path.glob("*.err")))
    out, err = tmp_path / f"{command}{n}.out", tmp_path / f"{command}{n}.err"
    with open(out, "wb") as fo, open(err, "wb") as fe:
        proc = subprocess.Popen(
            argv or [*CRAFT, command, "0", *args], stdout=fo, stderr=fe, start_new_session=True
        )
    try:
        deadline = time.monotonic() + 10
        port = 0
        while not port:
            text = out.read_text() + err.read_text()
            m = re.search(
                r'listening on \S*:(\d+)|"event": "listen", "time": [\d.]+, "peer": "\S*:(\d+)"',
                text,
            )
            if m:
                port = int(m.group(1) or m.group(2))
            elif proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"server did not start: {text!r}")
            else:
                time.sleep(0.02)
        yield Server(proc, port, out, err)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)


def craft(*args: str, stdin: str | None = None, timeout: float = 20) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CRAFT, *args], input=stdin, capture_output=True, text=True, timeout=timeout
    )


def one_error_line(cp: subprocess.CompletedProcess, code: int | tuple, *words: str) -> None:
    codes = code if isinstance(code, tuple) else (code,)
    assert cp.returncode in codes, (cp.returncode, cp.stdout, cp.stderr)
    lines = cp.stderr.strip().splitlines()
    assert len(lines) == 1, cp.stderr
    assert "Traceback" not in cp.stderr
    for word in words:
        assert word in lines[0], lines[0]


def exchange(port: int, data: bytes, host: str = "127.0.0.1", timeout: float = 5) -> bytes:
    """Send, half-close, read to end of file."""
    with socket.create_connection((host, port), timeout=timeout) as s:
        s.sendall(data)
        s.shutdown(socket.SHUT_WR)
        return read_all(s)


def read_all(s: socket.socket) -> bytes:
    chunks = []
    while data := s.recv(65536):
        chunks.append(data)
    return b"".join(chunks)


async def aexchange(port: int, data: bytes = b"hello\n") -> bytes:
    """Send, half-close, read to end of file."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(data)
        writer.write_eof()
        return await reader.read()
    finally:
        writer.close()


def rst_close(s: socket.socket) -> None:
    """Close with a reset (SO_LINGER 0) instead of a FIN."""
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    s.close()


# --- TCP: the classic behaviour ---------------------------------------------------


def test_tcp_server_prints_message_and_client_prints_answer(tmp_path: Path) -> None:
    with server(tmp_path, "tcp-server") as srv:
        assert re.search(r"listening on \[::\]:\d+ \(async\)", srv.stderr())
        cp = craft("tcp-client", "127.0.0.1", str(srv.port), "--message", "hello there")
        assert cp.returncode == 0, cp.stderr
        assert cp.stdout == "I got your message\n"
        srv.wait_for(r"^Here is the message: hello there\n$")


def test_tcp_client_prompts_and_reads_a_line_from_a_pipe(tmp_path: Path) -> None:
    with server(tmp_path, "tcp-server") as srv:
        cp = craft("tcp-client", "127.0.0.1", str(srv.port), stdin="from a pipe\nnot this\n")
        assert cp.returncode == 0, cp.stderr
        assert cp.stdout == "Please enter the message: I got your message\n"
        srv.wait_for(r"^Here is the message: from a pipe\n$")


def test_tcp_server_is_dual_stack(tmp_path: Path) -> None:
    with server(tmp_path, "tcp-server", "--show-peer") as srv:
        assert exchange(srv.port, b"four\n", "127.0.0.1") == ANSWER
        assert exchange(srv.port, b"six\n", "::1") == ANSWER
        out = srv.wait_for("six")
        assert re.search(r"^\[127\.0\.0\.1:\d+\] Here is the message: four$", out, re.M)
        assert re.search(r"^\[\[::1\]:\d+\] Here is the message: six$", out, re.M)


@pytest.mark.parametrize("command", ["tcp-server", "udp-server"])
def test_bind_limits_the_server_to_one_address(tmp_path: Path, command: str) -> None:
    with server(tmp_path, command, "--bind", "127.0.0.1") as srv:
        assert re.search(r"listening on 127\.0\.0\.1:\d+", srv.stderr())
        if command == "tcp-server":
            assert exchange(srv.port, b"v4\n") == ANSWER
            with pytest.raises(ConnectionRefusedError):
                socket.create_connection(("::1", srv.port), timeout=2)
        else:
            assert craft("udp-client", "127.0.0.1", str(srv.port), "-m", "v4").returncode == 0
            cp = craft("udp-client", "::1", str(srv.port), "-m", "v6", "--timeout", "0.5")
            assert cp.returncode == 1


@pytest.mark.parametrize("mode", MODES)
def test_tcp_reply_echo_and_json(tmp_path: Path, mode: str) -> None:
    with server(tmp_path, "tcp-server", "--mode", mode, "--reply", "ok!") as srv:
        assert exchange(srv.port, b"a\nb") == b"ok!ok!"  # a line, then a message ended by EOF
    with server(tmp_path, "tcp-server", "--mode", mode, "--echo", "--json") as srv:
        assert exchange(srv.port, b"echo me\r\n") == b"echo me\r\n"
        srv.wait_for('"close"')
        events = [json.loads(line) for line in srv.stdout().splitlines()]
        kinds = [e["event"] for e in events]
        assert kinds == ["listen", "connect", "message", "close"]
        msg = events[2]
        assert msg["text"] == "echo me" and msg["bytes"] == 7
        assert re.fullmatch(r"127\.0\.0\.1:\d+", msg["peer"])
        assert srv.stderr() == ""


@pytest.mark.parametrize("mode", MODES)
def test_tcp_message_boundaries(tmp_path: Path, mode: str) -> None:
    """Newline answers at once; no newline answers after the quiet period; byte-at-a-time
    gets one answer; half-close gets the whole (large) answer."""
    # A quiet period long enough that a loaded machine cannot blur the two answers.
    args = ("--mode", mode, "--echo", "--max-message", "2000000", "--quiet-period", "1.0")
    with server(tmp_path, "tcp-server", *args) as srv:
        with socket.create_connection(("127.0.0.1", srv.port), timeout=5) as s:
            t0 = time.monotonic()
            s.sendall(b"line\n")
            assert s.recv(100) == b"line\n"
            assert time.monotonic() - t0 < 0.9  # the newline, not the quiet period
            t0 = time.monotonic()
            s.sendall(b"Hello, World!")
            assert s.recv(100) == b"Hello, World!"
            assert 0.98 < time.monotonic() - t0 < 3.5
            for byte in b"hello\n":
                s.send(bytes([byte]))
                time.sleep(0.001)
            time.sleep(1.3)  # longer than the quiet period: a second answer would be here
            s.shutdown(socket.SHUT_WR)
            assert read_all(s) == b"hello\n"
        big = os.urandom(700_000).replace(b"\n", b"x")
        assert exchange(srv.port, big) == big  # half-closed client, whole answer
        out = srv.wait_for("Here is the message: hello\n")
        assert out.count("Here is the message: ") == 4


def test_tcp_max_message_cuts_with_warning_and_memory_stays_bounded(tmp_path: Path) -> None:
    with server(tmp_path, "tcp-server", "--echo", "--max-message", "1000") as srv:
        rss0 = _rss_kib(srv.proc.pid)
        with socket.create_connection(("127.0.0.1", srv.port), timeout=10) as s:
            chunk = b"y" * 1_000_000
            for _ in range(50):  # 50 MB of one message
                s.sendall(chunk)
            s.sendall(b"\n")
            s.shutdown(socket.SHUT_WR)
            assert read_all(s) == b"y" * 1000 + b"\n"
        err = srv.wait_for(r"message of 50000000 bytes cut to 1000 \(--max-message\)", "err")
        assert "Traceback" not in err
        assert _hwm_kib(srv.proc.pid) - rss0 < 20_000  # far from 50 MB


def _rss_kib(pid: int) -> int:
    return _status_kib(pid, "VmRSS")


def _hwm_kib(pid: int) -> int:
    return _status_kib(pid, "VmHWM")


def _status_kib(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    raise AssertionError(key)


# --- TCP: load and robustness ------------------------------------------------------


def test_tcp_thousand_concurrent_clients(tmp_path: Path) -> None:
    _raise_nofile(4096)
    with server(tmp_path, "tcp-server") as srv:

        async def main() -> list:
            return await asyncio.gather(
                *(aexchange(srv.port, f"client {i}\n".encode()) for i in range(1000)),
                return_exceptions=True,
            )

        answers = asyncio.run(main())
        assert answers == [ANSWER] * 1000
        out = srv.wait_for("client 999\n")
        assert out.count("Here is the message: client ") == 1000
        assert srv.stderr().count("\n") == 1  # the listening line, no error


@pytest.mark.parametrize("mode", ["async", "thread"])
def test_tcp_more_than_1024_open_connections(tmp_path: Path, mode: str) -> None:
    n = 1500
    _raise_nofile(n + 500)
    with server(tmp_path, "tcp-server", "--mode", mode) as srv:

        async def main() -> list:
            conns = [await asyncio.open_connection("127.0.0.1", srv.port) for _ in range(n)]
            for i, (_, w) in enumerate(conns):  # every connection open, then all talk
                w.write(f"{i}\n".encode())
            answers = [await r.readexactly(len(ANSWER)) for r, _ in conns]
            for _, w in conns:
                w.close()
            return answers

        assert asyncio.run(main()) == [ANSWER] * n


def test_tcp_idle_clients_do_not_delay_others_and_idle_timeout_closes_them(tmp_path: Path) -> None:
    with server(tmp_path, "tcp-server", "--idle-timeout", "4") as srv:
        idle = [socket.create_connection(("127.0.0.1", srv.port)) for _ in range(100)]
        try:
            t0 = time.monotonic()

            async def busy() -> list:
                return await asyncio.gather(*(aexchange(srv.port) for _ in range(50)))

            assert asyncio.run(busy()) == [ANSWER] * 50
            assert time.monotonic() - t0 < 3.5  # before any idle client timed out
            for s in idle:
                s.settimeout(5)
            assert [s.recv(10) for s in idle] == [b""] * 100  # closed by the server
            assert time.monotonic() - t0 < 9
        finally:
            for s in idle:
                s.close()
        err = srv.wait_for(r"closed after 4 s without data \(--idle-timeout\)", "err")
        assert err.count("--idle-timeout") == 100


@pytest.mark.parametrize("mode", MODES)
def test_tcp_max_clients_accepts_and_closes_the_extra_one(tmp_path: Path, mode: str) -> None:
    with server(tmp_path, "tcp-server", "--mode", mode, "--max-clients", "3") as srv:
        held = [socket.create_connection(("127.0.0.1", srv.port)) for _ in range(3)]
        try:
            time.sleep(0.2)
            extra = socket.create_connection(("127.0.0.1", srv.port), timeout=2)
            assert extra.recv(10) == b""  # end of file at once, not a hang
            extra.close()
            srv.wait_for(
                r"connection refused: 3 clients already connected \(--max-clients\)", "err"
            )
            held.pop().close()
            time.sleep(0.3)
            assert exchange(srv.port, b"room again\n") == ANSWER
        finally:
            for s in held:
                s.close()


@pytest.mark.parametrize("mode", MODES)
def test_tcp_reset_and_broken_pipe_do_not_disturb_others(tmp_path: Path, mode: str) -> None:
    # A long quiet period: "part" and " two\n" stay one message however slow the resets are.
    with server(tmp_path, "tcp-server", "--mode", mode, "--quiet-period", "10") as srv:
        others = [socket.create_connection(("127.0.0.1", srv.port)) for _ in range(5)]
        for s in others:
            s.sendall(b"part")
        reset = socket.create_connection(("127.0.0.1", srv.port))
        reset.sendall(b"half a mess")
        rst_close(reset)
        for _ in range(20):  # answers written to clients already gone: EPIPE/ECONNRESET
            gone = socket.create_connection(("127.0.0.1", srv.port))
            gone.sendall(b"x" * 100_000 + b"\n")
            rst_close(gone)
        for s in others:
            s.sendall(b" two\n")
            s.settimeout(5)
            assert s.recv(100) == ANSWER
            s.close()
        assert exchange(srv.port, b"still there\n") == ANSWER
        assert srv.proc.poll() is None
        out = srv.wait_for("still there")
        assert out.count("Here is the message: part two") == 5
        assert "Traceback" not in srv.stderr()


def test_library_fork_mode_with_a_custom_emit(tmp_path: Path) -> None:
    """serve_tcp with any emit callable: fork mode forks from the calling process."""
    code = """if True:
        import sys
        from craft.net.tcp_server import TcpServerConfig, serve_tcp
        def emit(event):
            if event.kind == "listen":
                print("listening on", event.peer, file=sys.stderr, flush=True)
            elif event.kind == "message":
                print("got", event.data.decode(), event.peer.split(":")[0], flush=True)
        serve_tcp(TcpServerConfig(port=0, bind="127.0.0.1", mode="fork", reply=b"ack"), emit)
    """
    with server(tmp_path, "lib", argv=[sys.executable, "-c", code]) as srv:
        assert exchange(srv.port, b"via the library\n") == b"ack"
        srv.wait_for("^got via the library 127.0.0.1\n$")
        assert "tcp_blocking" not in Path(f"/proc/{srv.proc.pid}/cmdline").read_text()
        srv.proc.send_signal(signal.SIGTERM)
        assert srv.proc.wait(5) == 0


# --- fork mode: children ------------------------------------------------------------


def _zombies(pids: list[int]) -> list[int]:
    found = []
    for pid in pids:
        try:
            if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
                found.append(pid)
        except FileNotFoundError:
            pass
    return found


def test_fork_mode_leaves_no_zombies_after_500_connections(tmp_path: Path) -> None:
    with server(tmp_path, "tcp-server", "--mode", "fork") as srv:

        async def main() -> list:
            sem = asyncio.Semaphore(50)

            async def one(i: int) -> bytes:
                async with sem:
                    return await aexchange(srv.port, f"c{i}\n".encode())

            return await asyncio.gather(*(one(i) for i in range(500)))

        assert asyncio.run(main()) == [ANSWER] * 500
        # the small fork-server interpreter, same pid
        assert "craft.net.tcp_blocking" in Path(f"/proc/{srv.proc.pid}/cmdline").read_text()
        srv.wait_for("c499\n")
        deadline = time.monotonic() + 5
        while srv.children() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert srv.children() == [], _zombies(srv.children())


@pytest.mark.parametrize("how", ["SIGTERM", "Ctrl-C"])
def test_fork_mode_stop_ends_the_children(tmp_path: Path, how: str) -> None:
    with server(tmp_path, "tcp-server", "--mode", "fork") as srv:
        held = [socket.create_connection(("127.0.0.1", srv.port)) for _ in range(5)]
        try:
            deadline = time.monotonic() + 5
            while len(srv.children()) < 5 and time.monotonic() < deadline:
                time.sleep(0.02)
            kids = srv.children()
            assert len(kids) == 5
            if how == "SIGTERM":
                srv.proc.send_signal(signal.SIGTERM)
            else:  # the terminal sends SIGINT to the whole foreground process group
                os.killpg(srv.proc.pid, signal.SIGINT)
            code = srv.proc.wait(5)
            assert code == (0 if how == "SIGTERM" else 130)
            for pid in kids:
                assert not Path(f"/proc/{pid}").exists() or _zombies([pid]) == [pid]
            for s in held:
                s.settimeout(2)
                assert s.recv(10) == b""
            assert "Traceback" not in srv.stderr()
        finally:
            for s in held:
                s.close()


def test_fork_mode_sigint_to_the_parent_alone_ends_the_children(tmp_path: Path) -> None:
    with server(tmp_path, "tcp-server", "--mode", "fork") as srv:
        s = socket.create_connection(("127.0.0.1", srv.port))
        try:
            deadline = time.monotonic() + 5
            while not srv.children() and time.monotonic() < deadline:
                time.sleep(0.02)
            (kid,) = srv.children()
            srv.proc.send_signal(signal.SIGINT)
            assert srv.proc.wait(5) == 130
            assert not Path(f"/proc/{kid}").exists()
        finally:
            s.close()


@pytest.mark.parametrize(
    ("command", "args"),
    [("tcp-server", ["--mode", "async"]), ("tcp-server", ["--mode", "thread"]), ("udp-server", [])],
)
def test_servers_stop_cleanly_on_ctrl_c_and_sigterm(
    tmp_path: Path, command: str, args: list
) -> None:
    for signum, code in ((signal.SIGINT, 130), (signal.SIGTERM, 0)):
        with server(tmp_path, command, *args) as srv:
            srv.proc.send_signal(signum)
            assert srv.proc.wait(5) == code
            assert "Traceback" not in srv.stderr()


# --- UDP --------------------------------------------------------------------------


def test_udp_server_and_client(tmp_path: Path) -> None:
    with server(tmp_path, "udp-server") as srv:
        assert re.search(r"listening on \[::\]:\d+$", srv.stderr().strip())
        cp = craft("udp-client", "127.0.0.1", str(srv.port), "--message", "hi there")
        assert (cp.returncode, cp.stdout) == (0, "Got an ack: Got your message\n"), cp.stderr
        cp = craft("udp-client", "::1", str(srv.port), stdin="piped\n")
        assert cp.stdout == "Please enter the message: Got an ack: Got your message\n"
        out = srv.wait_for("piped")
        assert out == "Received a datagram: hi there\nReceived a datagram: piped\n"


def test_udp_largest_datagram_arrives_whole(tmp_path: Path) -> None:
    with server(tmp_path, "udp-server", "--echo", "--json") as srv:
        big = os.urandom(65_507)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.settimeout(5)
            s.sendto(big, ("127.0.0.1", srv.port))
            data, addr = s.recvfrom(70_000)
        assert data == big and addr[1] == srv.port
        event = json.loads(srv.wait_for('"datagram"').splitlines()[-1])
        assert event["bytes"] == 65_507


def test_udp_ten_clients_hundred_datagrams_each_one_answer_each(tmp_path: Path) -> None:
    with server(tmp_path, "udp-server", "--echo") as srv:
        results: dict[int, list[bytes]] = {}

        def client(c: int) -> None:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                s.settimeout(1.0)
                for i in range(100):
                    s.sendto(f"{c}:{i}".encode(), ("127.0.0.1", srv.port))
                got = []
                try:
                    while True:
                        data, addr = s.recvfrom(100)
                        assert addr[1] == srv.port
                        got.append(data)
                except TimeoutError:
                    pass
                results[c] = got

        threads = [threading.Thread(target=client, args=(c,)) for c in range(10)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for c in range(10):  # each answer went to its own sender, exactly once
            assert sorted(results[c]) == sorted(f"{c}:{i}".encode() for i in range(100))
        assert srv.stdout().count("Received a datagram: ") == 1000


def test_udp_client_reports_each_unanswered_datagram(tmp_path: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as mute:  # receives, never answers
        mute.bind(("127.0.0.1", 0))
        port = mute.getsockname()[1]
        cp = craft(
            "udp-client",
            "127.0.0.1",
            str(port),
            "-m",
            "x",
            "--count",
            "2",
            "--interval",
            "0",
            "--timeout",
            "0.2",
        )
    assert cp.returncode == 1
    assert cp.stdout == f"no answer from 127.0.0.1:{port} within 0.2 s\n" * 2
    assert "2 sent, 0 answered, 2 unanswered" in cp.stderr
    cp = craft("udp-client", "127.0.0.1", str(port), "-m", "x", "--timeout", "1")
    assert cp.returncode == 1  # nobody on the port now: ICMP port unreachable
    assert (
        cp.stdout == f"no answer from 127.0.0.1:{port}: port unreachable (is a server running?)\n"
    )


def test_udp_client_count_zero_repeats_until_ctrl_c(tmp_path: Path) -> None:
    with server(tmp_path, "udp-server") as srv:
        proc = subprocess.Popen(
            [
                *CRAFT,
                "udp-client",
                "127.0.0.1",
                str(srv.port),
                "-m",
                "again",
                "--count",
                "0",
                "--interval",
                "0.05",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(1.0)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=5)
    assert proc.returncode == 130
    acks = out.splitlines()
    assert len(acks) >= 5 and set(acks) == {"Got an ack: Got your message"}
    assert re.fullmatch(r"craft udp-client: (\d+) sent, \d+ answered, \d unanswered\n", err)
    assert "Traceback" not in err


# --- errors: one line, exit 1 (runtime) or 2 (usage) --------------------------------


@pytest.mark.parametrize("command", ["tcp-server", "udp-server"])
def test_port_in_use(tmp_path: Path, command: str) -> None:
    with server(tmp_path, command) as srv:
        cp = craft(command, str(srv.port))
    one_error_line(cp, 1, f"port {srv.port} is already in use")


def test_low_port_permission_denied() -> None:
    start = int(Path("/proc/sys/net/ipv4/ip_unprivileged_port_start").read_text())
    if start <= 1:
        pytest.skip("this host lets anyone bind low ports")
    prefix = []
    if os.geteuid() == 0:  # root may bind low ports: run without CAP_NET_BIND_SERVICE
        import shutil

        if shutil.which("setpriv") is None:
            if os.environ.get("CI") == "true":
                pytest.fail("setpriv (util-linux) is needed to drop CAP_NET_BIND_SERVICE")
            pytest.skip("needs setpriv to drop CAP_NET_BIND_SERVICE as root")
        prefix = [
            "setpriv",
            "--bounding-set",
            "-net_bind_service",
            "--inh-caps",
            "-net_bind_service",
        ]
    cp = subprocess.run(
        [*prefix, *CRAFT, "tcp-server", "1"], capture_output=True, text=True, timeout=20
    )
    one_error_line(cp, 1, "permission denied", "below 1024")


def test_client_errors() -> None:
    # Unknown name: exit 2; 1 when the name server could not be asked (EAI_AGAIN).
    one_error_line(
        craft("tcp-client", "no-such-host.invalid", "-m", "x"), (1, 2), "no-such-host.invalid"
    )
    one_error_line(
        craft("udp-client", "no-such-host.invalid", "-m", "x"), (1, 2), "no-such-host.invalid"
    )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # bound, not listening: refused
        one_error_line(
            craft("tcp-client", "127.0.0.1", str(port), "-m", "x"), 1, "connection refused"
        )
    for cp, word in (
        (craft("tcp-client", "127.0.0.1", "70000"), "65535"),
        (craft("tcp-server", "0", "--mode", "spawn"), "spawn"),
    ):
        # Option errors: the CLI's usage hint, then one error line.
        assert cp.returncode == 2 and "Traceback" not in cp.stderr
        assert word in cp.stderr.strip().splitlines()[-1]


def test_client_timeouts() -> None:
    with socket.socket() as s:  # listens, never accepts nor answers
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        cp = craft("tcp-client", "127.0.0.1", str(port), "-m", "x", "--timeout", "0.3")
        one_error_line(cp, 1, f"no answer from 127.0.0.1:{port} within 0.3 s")
        # Fill the accept queue: further SYNs are dropped, connect() times out.
        fill = []
        try:
            for _ in range(4):
                c = socket.socket()
                c.setblocking(False)
                c.connect_ex(("127.0.0.1", port))
                fill.append(c)
            time.sleep(0.1)
            cp = craft("tcp-client", "127.0.0.1", str(port), "-m", "x", "--timeout", "0.5")
            one_error_line(cp, 1, f"cannot connect to 127.0.0.1:{port}: no answer within 0.5 s")
        finally:
            for c in fill:
                c.close()


# --- interop with the classic C and Python lab programs --------------------------------

C_DIR = Path(__file__).parent / "c"


@pytest.fixture(scope="module")
def classic(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The classic C peers, compiled with gcc."""
    import shutil

    if shutil.which("gcc") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("gcc is needed for the interop tests")
        pytest.skip("needs gcc")
    out = tmp_path_factory.mktemp("classic")
    built = {}
    for src in sorted(C_DIR.glob("*.c")):
        exe = out / src.stem
        subprocess.run(["gcc", "-O2", "-o", str(exe), str(src)], check=True, capture_output=True)
        built[src.stem] = str(exe)
    return built


@contextmanager
def c_server(exe: str) -> Iterator[tuple[subprocess.Popen, int]]:
    proc = subprocess.Popen([exe, "0"], stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert proc.stdout is not None
        m = re.fullmatch(r"listening (\d+)\n", proc.stdout.readline())
        assert m, "C server did not start"
        yield proc, int(m.group(1))
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(5)


def test_classic_c_tcp_client_against_craft_server(tmp_path: Path, classic: dict) -> None:
    with server(tmp_path, "tcp-server") as srv:
        cp = subprocess.run(
            [classic["tcp_client"], "127.0.0.1", str(srv.port)],
            input="hello from C\n",
            capture_output=True,
            text=True,
            timeout=10,
        )
        assert cp.returncode == 0, cp.stderr
        assert cp.stdout == "Please enter the message: I got your message\n"
        srv.wait_for("^Here is the message: hello from C\n$")


def test_classic_python_client_against_craft_server(tmp_path: Path) -> None:
    """The textbook Python client: sendall(b"Hello, World!") with no newline, then recv."""
    with server(tmp_path, "tcp-server") as srv:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.settimeout(5)
            s.connect(("127.0.0.1", srv.port))
            t0 = time.monotonic()
            s.sendall(b"Hello, World!")
            data = s.recv(1024)
            waited = time.monotonic() - t0
        assert data == b"I got your message"
        assert 0.18 < waited < 1.5  # answered after the quiet period
        srv.wait_for("^Here is the message: Hello, World!\n$")


def test_craft_tcp_client_against_classic_c_server(classic: dict) -> None:
    with c_server(classic["tcp_server"]) as (proc, port):
        cp = craft("tcp-client", "127.0.0.1", str(port), "-m", "hello from craft")
        assert (cp.returncode, cp.stdout) == (0, "I got your message\n"), cp.stderr
        assert proc.stdout is not None
        assert proc.stdout.readline() == "Here is the message: hello from craft\n"


def test_classic_c_udp_client_against_craft_server(tmp_path: Path, classic: dict) -> None:
    with server(tmp_path, "udp-server") as srv:
        cp = subprocess.run(
            [classic["udp_client"], "127.0.0.1", str(srv.port)],
            input="hello udp\n",
            capture_output=True,
            text=True,
            timeout=10,
        )
        assert cp.returncode == 0, cp.stderr
        assert cp.stdout == "Please enter the message: Got an ack: Got your message"
        srv.wait_for("^Received a datagram: hello udp\n$")


def test_craft_udp_client_against_classic_c_server(classic: dict) -> None:
    with c_server(classic["udp_server"]) as (proc, port):
        cp = craft("udp-client", "127.0.0.1", str(port), "-m", "hello from craft")
        assert (cp.returncode, cp.stdout) == (0, "Got an ack: Got your message\n"), cp.stderr
        assert proc.stdout is not None
        assert proc.stdout.readline() == "Received a datagram: hello from craft\n"
