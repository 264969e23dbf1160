"""The TCP server: the classic lab server, in three concurrency modes.

- ``async`` (default): one asyncio event loop on epoll (craft.net.tcp_async);
  scales best: thousands of clients, idle or not, no select() limit.
- ``fork``: one child process per connection, as the classic C program
  (craft.net.tcp_blocking); children are reaped (waitpid) after each accept
  and every 0.2 s, and SIGTERM or Ctrl-C ends them with the server.
- ``thread``: one thread per connection.

Every mode splits the byte stream into messages the same way
(craft.net.message) and answers each message once.
"""

from __future__ import annotations

import socket

from craft.net.addr import listen_socket, peer_text, raise_fd_limit
from craft.net.events import Emit, Event, EventPrinter
from craft.net.tcp_common import MODES, TcpServerConfig

__all__ = ["MODES", "TcpServerConfig", "serve_tcp"]


def serve_tcp(config: TcpServerConfig, emit: Emit) -> None:
    """Listen and serve until SIGTERM (returns) or SIGINT (KeyboardInterrupt).

    In fork mode with a :class:`EventPrinter` writing to the standard streams, the
    process execs a small interpreter that keeps the pid and the listening
    socket and never returns here: forking it is several times cheaper.
    """
    if config.mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}")
    raise_fd_limit()
    sock = listen_socket(socket.SOCK_STREAM, config.bind, config.port)
    listen = Event("listen", peer=peer_text(sock.getsockname()), info={"mode": config.mode})
    try:
        if config.mode == "async":
            from craft.net.tcp_async import serve_async

            serve_async(sock, config, emit, lambda: emit(listen))
        else:
            from craft.net import tcp_blocking

            if config.mode == "fork" and _standard_printer(emit):
                assert isinstance(emit, EventPrinter)
                tcp_blocking.exec_fork_server(sock, config, emit)  # does not return
            tcp_blocking.serve_blocking(sock, config, emit, lambda: emit(listen))
    finally:
        sock.close()
    emit(Event("stop"))


def _standard_printer(emit: Emit) -> bool:
    import sys

    return isinstance(emit, EventPrinter) and emit.out is sys.stdout and emit.err is sys.stderr
