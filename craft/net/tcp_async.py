"""TCP server, async mode: one asyncio event loop (epoll), a Protocol per connection.

No select(), no process or thread per client: it holds thousands of idle
connections, and timers (quiet period, idle timeout) cost nothing until due.
"""

from __future__ import annotations

import asyncio
import signal
import socket
from collections.abc import Callable

from craft.net.addr import peer_text
from craft.net.events import Emit, Event
from craft.net.message import Message, MessageBuffer
from craft.net.tcp_common import TcpServerConfig, answer_event


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
        out = answer_event(msg, self.peer, self.server.config, self.server.emit)
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


def serve_async(
    sock: socket.socket, config: TcpServerConfig, emit: Emit, ready: Callable[[], None]
) -> None:
    """Serve until SIGTERM (returns) or SIGINT (KeyboardInterrupt); ``ready`` runs
    once the signals are handled and the server accepts."""
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
        ready()
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
