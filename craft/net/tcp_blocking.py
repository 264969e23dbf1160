"""TCP server, fork and thread modes: blocking sockets, one process or thread
per connection.

The fork server runs in a small interpreter of its own (:func:`exec_fork_server`):
fork() copies the parent's page tables and every page it then writes, so its
cost grows with the parent's memory, and the full CLI (typer, rich, YAML,
scapy...) is many times the size of this module and the socket code.
"""

from __future__ import annotations

import errno
import gc
import json
import os
import signal
import socket
import sys
import time
from collections.abc import Callable

from craft.net.addr import peer_text
from craft.net.events import Emit, Event, EventPrinter
from craft.net.message import Message, MessageBuffer
from craft.net.tcp_common import RECV_SIZE, TcpServerConfig, answer_event


class Stop(BaseException):
    """SIGTERM: stop serving (a BaseException so no handler swallows it)."""


def serve_connection(conn: socket.socket, peer: str, config: TcpServerConfig, emit: Emit) -> None:
    """Serve one connection on a blocking socket until end of file, idle or reset."""
    buf = MessageBuffer(config.max_message)
    send_timeout = config.idle_timeout if config.idle_timeout > 0 else None
    last = time.monotonic()
    emit(Event("connect", peer=peer))

    def send(msg: Message) -> None:
        out = answer_event(msg, peer, config, emit)
        conn.settimeout(send_timeout)
        conn.sendall(out)

    try:
        while True:
            if buf.pending:
                wait: float | None = last + config.quiet_period - time.monotonic()
            elif config.idle_timeout > 0:
                wait = last + config.idle_timeout - time.monotonic()
                if wait <= 0:
                    emit(Event("idle", peer=peer, info={"seconds": config.idle_timeout}))
                    break
            else:
                wait = None
            conn.settimeout(None if wait is None else max(wait, 0.001))
            try:
                data = conn.recv(RECV_SIZE)
            except TimeoutError:
                msg = buf.end("quiet")
                if msg is not None:
                    send(msg)
                continue
            if not data:
                msg = buf.end("eof")
                if msg is not None:
                    send(msg)
                break
            last = time.monotonic()
            for msg in buf.feed(data):
                send(msg)
    except (ConnectionResetError, BrokenPipeError):
        emit(Event("reset", peer=peer))
    except TimeoutError:
        emit(Event("idle", peer=peer, info={"seconds": config.idle_timeout}))
    except OSError as e:
        emit(Event("error", peer=peer, info={"error": e.strerror or str(e)}))
    finally:
        conn.close()
        emit(Event("close", peer=peer))


def _refuse(conn: socket.socket, peer: str, limit: int, emit: Emit) -> None:
    emit(Event("refused", peer=peer, info={"limit": limit}))
    try:
        conn.shutdown(socket.SHUT_WR)  # FIN first: the client reads end of file
    except OSError:
        pass
    conn.close()


def _accept(sock: socket.socket, emit: Emit) -> tuple[socket.socket, str] | None:
    try:
        conn, addr = sock.accept()
    except OSError as e:
        _accept_failed(e, emit)
        return None
    return conn, peer_text(addr)


def _accept_failed(e: OSError, emit: Emit) -> None:
    if e.errno in (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM):
        emit(Event("error", info={"error": f"accept: {e.strerror}; retrying"}))
        time.sleep(0.1)
    # ECONNABORTED and friends: the client gave up; go on


def serve_blocking(
    sock: socket.socket, config: TcpServerConfig, emit: Emit, ready: Callable[[], None]
) -> None:
    """Serve in fork or thread mode until SIGTERM (returns) or SIGINT (KeyboardInterrupt).

    ``ready`` runs once the signals are handled: a client told "listening" may stop us."""
    if config.mode == "fork":
        _serve_fork(sock, config, emit, ready)
        return

    def on_term(signum: int, frame: object) -> None:
        raise Stop

    old_term = signal.signal(signal.SIGTERM, on_term)
    try:
        ready()
        _serve_threads(sock, config, emit)
    except Stop:
        pass
    finally:
        signal.signal(signal.SIGTERM, old_term)


def _serve_threads(sock: socket.socket, config: TcpServerConfig, emit: Emit) -> None:
    import threading  # here only: see craft.net.events.EventPrinter

    lock = threading.Lock()
    active = [0]
    threading.stack_size(256 * 1024)  # thousands of clients, little stack each

    def run(conn: socket.socket, peer: str) -> None:
        try:
            serve_connection(conn, peer, config, emit)
        finally:
            with lock:
                active[0] -= 1

    while True:
        accepted = _accept(sock, emit)
        if accepted is None:
            continue
        conn, peer = accepted
        with lock:
            full = bool(config.max_clients) and active[0] >= config.max_clients
            if not full:
                active[0] += 1
        if full:
            _refuse(conn, peer, config.max_clients, emit)
            continue
        threading.Thread(target=run, args=(conn, peer), daemon=True).start()


# How often the fork server reaps exited children when no client connects.
REAP_INTERVAL = 0.2


def _serve_fork(
    sock: socket.socket, config: TcpServerConfig, emit: Emit, ready: Callable[[], None]
) -> None:
    """Accept, fork a child per connection, reap children, until SIGTERM or SIGINT.

    Every page the parent writes while children live is copied, so the loop
    does little: no SIGCHLD handler (children are reaped after each accept and
    every REAP_INTERVAL), and the signal handlers only record the signal (no
    exception can strike between fork() and recording the child's pid).
    """
    children: set[int] = set()
    signals: list[int] = []

    def on_signal(signum: int, frame: object) -> None:
        signals.append(signum)

    old = {signum: signal.signal(signum, on_signal) for signum in (signal.SIGINT, signal.SIGTERM)}
    sock.settimeout(REAP_INTERVAL)  # accept() wakes up to reap and to see signals
    gc.freeze()  # the collector then leaves the parent's objects (and their pages) alone
    try:
        ready()
        while not signals:
            try:
                conn, addr = sock.accept()
            except TimeoutError:
                _reap(children)
                continue
            except OSError as e:
                _accept_failed(e, emit)
                continue
            _reap(children)
            if config.max_clients and len(children) >= config.max_clients:
                _refuse(conn, peer_text(addr), config.max_clients, emit)
                continue
            pid = os.fork()
            if pid == 0:
                _child(sock, conn, addr, config, emit, signals)  # never returns
            children.add(pid)
            conn.close()
    finally:
        gc.unfreeze()
        _end_children(children)
        for signum, handler in old.items():
            signal.signal(signum, handler)
    if signal.SIGINT in signals:
        raise KeyboardInterrupt


def _reap(children: set[int]) -> None:
    while children:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            children.clear()
            return
        if pid == 0:
            return
        children.discard(pid)


def _child(
    sock: socket.socket,
    conn: socket.socket,
    addr: tuple,
    config: TcpServerConfig,
    emit: Emit,
    signals: list[int],
) -> None:
    code = 0
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        if signals:  # the server was told to stop before this child could hear it
            os._exit(0)
        sock.close()
        serve_connection(conn, peer_text(addr), config, emit)
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _end_children(children: set[int], grace: float = 2.0) -> None:
    """SIGTERM every child, wait for them, SIGKILL what is left after ``grace``."""
    for pid in list(children):
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            children.discard(pid)
    deadline = time.monotonic() + grace
    while children:
        for pid in list(children):
            try:
                done, _ = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                done = pid
            if done:
                children.discard(pid)
        if not children:
            break
        if time.monotonic() > deadline:
            for pid in children:
                try:
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
                except (ProcessLookupError, ChildProcessError):
                    pass
            children.clear()
            break
        time.sleep(0.01)


# --- the lean fork server -------------------------------------------------------------

# Run in `python -I -S`: make `craft` a bare package (its __init__ would import
# the profile loader and YAML) so that only craft.net and craft.errors load.
_BOOT = """\
import sys, types
pkg = types.ModuleType("craft")
pkg.__path__ = [sys.argv[1]]
sys.modules["craft"] = pkg
from craft.net.tcp_blocking import fork_server_main
fork_server_main(sys.argv[2:])
"""


def exec_fork_server(sock: socket.socket, config: TcpServerConfig, printer: EventPrinter) -> None:
    """Replace this process (same pid) by a small interpreter serving ``sock`` in fork mode."""
    settings = {
        "config": {name: getattr(config, name) for name in config.__slots__},
        "printer": {
            "program": printer.program,
            "as_json": printer.as_json,
            "show_peer": printer.show_peer,
        },
    }
    settings["config"]["reply"] = config.reply.decode("latin-1")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    sock.set_inheritable(True)
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    argv = [sys.executable, "-I", "-S", "-c", _BOOT, root, str(sock.fileno()), json.dumps(settings)]
    os.execv(sys.executable, argv)


def fork_server_main(argv: list[str]) -> None:
    """Entry of the lean fork server: argv = [listening fd, JSON settings]."""
    fd, settings = int(argv[0]), json.loads(argv[1])
    values = settings["config"]
    values["reply"] = values["reply"].encode("latin-1")
    config = TcpServerConfig(**values)
    emit = EventPrinter(**settings["printer"])
    sock = socket.socket(fileno=fd)
    listen = Event("listen", peer=peer_text(sock.getsockname()), info={"mode": config.mode})
    try:
        serve_blocking(sock, config, emit, lambda: emit(listen))
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as e:  # one line, as the CLI would print it
        print(f"{emit.program}: {e}", file=sys.stderr)
        sys.exit(1)
    finally:
        sock.close()
    emit(Event("stop"))
    sys.exit(0)
