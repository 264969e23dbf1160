"""The TCP server: the classic lab server, in three concurrency modes.

- ``async`` (default): one asyncio event loop on epoll, a Protocol per
  connection. No select(), no process or thread per client: it holds
  thousands of idle connections and is the fastest here.
- ``fork``: one child process per connection, as the classic C program;
  children are reaped on SIGCHLD, and SIGTERM/Ctrl-C ends them with the server.
- ``thread``: one thread per connection.

Every mode splits the byte stream into messages the same way
(craft.net.message) and answers each message once.
"""

from __future__ import annotations

import asyncio
import errno
import gc
import os
import signal
import socket
import threading
import time
from dataclasses import dataclass

from craft.net.addr import listen_socket, peer_text, raise_fd_limit
from craft.net.events import Emit, Event
from craft.net.message import Message, MessageBuffer, answer

MODES = ("async", "fork", "thread")
RECV_SIZE = 65536


@dataclass(frozen=True, slots=True)
class TcpServerConfig:
    """What ``craft tcp-server`` was asked to do."""

    port: int = 5001
    bind: str | None = None  # None: every address, IPv4 and IPv6
    mode: str = "async"
    reply: bytes = b"I got your message"
    echo: bool = False
    max_clients: int = 0  # 0: no limit
    idle_timeout: float = 0.0  # 0: never
    max_message: int = 65536
    quiet_period: float = 0.2


class _Stop(BaseException):
    """SIGTERM: stop serving (a BaseException so no handler swallows it)."""


def serve_tcp(config: TcpServerConfig, emit: Emit) -> None:
    """Listen and serve until SIGTERM (returns) or SIGINT (KeyboardInterrupt)."""
    if config.mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}")
    raise_fd_limit()
    sock = listen_socket(socket.SOCK_STREAM, config.bind, config.port)
    try:
        emit(Event("listen", peer=peer_text(sock.getsockname()), info={"mode": config.mode}))
        if config.mode == "async":
            _serve_async(sock, config, emit)
        else:
            _serve_blocking(sock, config, emit)
    finally:
        sock.close()
    emit(Event("stop"))


def _answer_event(msg: Message, peer: str, config: TcpServerConfig, emit: Emit) -> bytes:
    """Report a message and return the bytes that answer it."""
    emit(Event("message", peer=peer, data=msg.data, size=msg.size))
    if msg.cut:
        emit(Event("cut", peer=peer, size=msg.size, info={"limit": config.max_message}))
    return answer(msg, config.reply, config.echo)


# --- async mode ---------------------------------------------------------------


class _AsyncServer:
    def __init__(self, config: TcpServerConfig, emit: Emit) -> None:
        self.config = config
        self.emit = emit
        self.loop = asyncio.get_running_loop()
        self.conns: set[_Conn] = set()
        self.active = 0


class _Conn(asyncio.Protocol):
    """One client connection in async mode."""

    def __init__(self, server: _AsyncServer) -> None:
        self.server = server
        self.transport: asyncio.Transport | None = None
        self.peer = ""
        self.buf = MessageBuffer(server.config.max_message)
        self.last = 0.0  # loop time of the last bytes received
        self.quiet_timer: asyncio.TimerHandle | None = None
        self.idle_timer: asyncio.TimerHandle | None = None
        self.refused = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        srv = self.server
        self.transport = transport
        self.peer = peer_text(transport.get_extra_info("peername"))
        srv.conns.add(self)
        limit = srv.config.max_clients
        if limit and srv.active >= limit:
            # Accept and close at once: the client reads end of file, not a hang.
            self.refused = True
            srv.emit(Event("refused", peer=self.peer, info={"limit": limit}))
            transport.write_eof()
            srv.loop.call_later(1.0, transport.abort)
            return
        srv.active += 1
        srv.emit(Event("connect", peer=self.peer))
        self.last = srv.loop.time()
        transport.set_write_buffer_limits(high=256 * 1024)
        if srv.config.idle_timeout > 0:
            self.idle_timer = srv.loop.call_later(srv.config.idle_timeout, self._idle_check)

    def data_received(self, data: bytes) -> None:
        if self.refused:
            return
        srv = self.server
        self.last = srv.loop.time()
        for msg in self.buf.feed(data):
            self._send(msg)
        if self.buf.pending and self.quiet_timer is None:
            self.quiet_timer = srv.loop.call_later(srv.config.quiet_period, self._quiet_check)

    def eof_received(self) -> bool:
        if not self.refused:
            msg = self.buf.end("eof")
            if msg is not None:
                self._send(msg)
        return False  # close once the answers are written

    def connection_lost(self, exc: Exception | None) -> None:
        srv = self.server
        srv.conns.discard(self)
        for timer in (self.quiet_timer, self.idle_timer):
            if timer is not None:
                timer.cancel()
        if self.refused:
            return
        srv.active -= 1
        if isinstance(exc, ConnectionResetError | BrokenPipeError):
            srv.emit(Event("reset", peer=self.peer))
        srv.emit(Event("close", peer=self.peer))

    # A client that does not read its answers stops being read from (bounded memory).
    def pause_writing(self) -> None:
        assert self.transport is not None
        self.transport.pause_reading()

    def resume_writing(self) -> None:
        assert self.transport is not None
        if not self.transport.is_closing():
            self.transport.resume_reading()

    def _send(self, msg: Message) -> None:
        assert self.transport is not None
        out = _answer_event(msg, self.peer, self.server.config, self.server.emit)
        if not self.transport.is_closing():
            self.transport.write(out)

    # Timers are re-armed lazily: bytes only move self.last forward.
    def _quiet_check(self) -> None:
        srv = self.server
        due = self.last + srv.config.quiet_period - srv.loop.time()
        if due > 0.0005 and self.buf.pending:
            self.quiet_timer = srv.loop.call_later(due, self._quiet_check)
            return
        self.quiet_timer = None
        msg = self.buf.end("quiet")
        if msg is not None:
            self._send(msg)

    def _idle_check(self) -> None:
        srv = self.server
        idle = srv.config.idle_timeout
        due = self.last + idle - srv.loop.time()
        if due > 0.0005 or self.buf.pending:
            self.idle_timer = srv.loop.call_later(
                max(due, srv.config.quiet_period), self._idle_check
            )
            return
        self.idle_timer = None
        srv.emit(Event("idle", peer=self.peer, info={"seconds": idle}))
        assert self.transport is not None
        self.transport.close()


def _serve_async(sock: socket.socket, config: TcpServerConfig, emit: Emit) -> None:
    loop = asyncio.new_event_loop()  # the default selector on Linux: epoll
    stop = asyncio.Event()
    stopped_by: list[int] = []

    def on_signal(signum: int) -> None:
        stopped_by.append(signum)
        stop.set()

    def on_loop_error(loop: asyncio.AbstractEventLoop, context: dict) -> None:
        # e.g. accept() hitting the open-files limit: report, keep serving.
        exc = context.get("exception")
        text = f"{context.get('message', 'error')}: {exc}" if exc else context.get("message")
        emit(Event("error", info={"error": str(text)}))

    async def main() -> None:
        server_state = _AsyncServer(config, emit)
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, on_signal, signum)
        server = await loop.create_server(
            lambda: _Conn(server_state), sock=sock, backlog=socket.SOMAXCONN
        )
        try:
            await stop.wait()
        finally:
            server.close()
            for conn in list(server_state.conns):
                if conn.transport is not None:
                    conn.transport.abort()
            await asyncio.sleep(0)

    loop.set_exception_handler(on_loop_error)
    try:
        loop.run_until_complete(main())
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)
        loop.close()
    if signal.SIGINT in stopped_by:
        raise KeyboardInterrupt


# --- fork and thread modes: blocking sockets --------------------------------------


def _serve_connection(conn: socket.socket, peer: str, config: TcpServerConfig, emit: Emit) -> None:
    """Serve one connection on a blocking socket until end of file, idle or reset."""
    buf = MessageBuffer(config.max_message)
    send_timeout = config.idle_timeout if config.idle_timeout > 0 else None
    last = time.monotonic()
    emit(Event("connect", peer=peer))

    def send(msg: Message) -> None:
        out = _answer_event(msg, peer, config, emit)
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
        if e.errno in (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM):
            emit(Event("error", info={"error": f"accept: {e.strerror}; retrying"}))
            time.sleep(0.1)
        return None  # ECONNABORTED and friends: the client gave up
    return conn, peer_text(addr)


def _serve_blocking(sock: socket.socket, config: TcpServerConfig, emit: Emit) -> None:
    def on_term(signum: int, frame: object) -> None:
        raise _Stop

    old_term = signal.signal(signal.SIGTERM, on_term)
    try:
        if config.mode == "fork":
            _serve_fork(sock, config, emit)
        else:
            _serve_threads(sock, config, emit)
    except _Stop:
        pass
    finally:
        signal.signal(signal.SIGTERM, old_term)


def _serve_threads(sock: socket.socket, config: TcpServerConfig, emit: Emit) -> None:
    lock = threading.Lock()
    active = [0]
    threading.stack_size(256 * 1024)  # thousands of clients, little stack each

    def run(conn: socket.socket, peer: str) -> None:
        try:
            _serve_connection(conn, peer, config, emit)
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


_FORK_MASK = {signal.SIGCHLD, signal.SIGTERM, signal.SIGINT}


def _serve_fork(sock: socket.socket, config: TcpServerConfig, emit: Emit) -> None:
    children: set[int] = set()

    def reap(signum: int = 0, frame: object = None) -> None:
        while True:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            children.discard(pid)

    old_chld = signal.signal(signal.SIGCHLD, reap)
    gc.freeze()  # children then copy fewer pages when the collector runs
    try:
        while True:
            accepted = _accept(sock, emit)
            if accepted is None:
                continue
            conn, peer = accepted
            if config.max_clients and len(children) >= config.max_clients:
                _refuse(conn, peer, config.max_clients, emit)
                continue
            # Block signals across fork so every child is in `children` before
            # SIGCHLD or SIGTERM can look at the set.
            old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, _FORK_MASK)
            try:
                pid = os.fork()
                if pid == 0:
                    _child(sock, conn, peer, config, emit)  # never returns
                children.add(pid)
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)
            conn.close()
    finally:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        _end_children(children)
        signal.signal(signal.SIGCHLD, old_chld)
        gc.unfreeze()


def _child(
    sock: socket.socket, conn: socket.socket, peer: str, config: TcpServerConfig, emit: Emit
) -> None:
    code = 0
    try:
        for signum in (signal.SIGCHLD, signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_SETMASK, set())
        sock.close()
        _serve_connection(conn, peer, config, emit)
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
