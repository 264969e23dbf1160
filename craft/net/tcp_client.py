"""The TCP client: connect, send one message, read the whole answer."""

from __future__ import annotations

import socket
import time

from craft.errors import RuntimeFailure
from craft.net.addr import connect_error, host_port_text, resolve

MAX_ANSWER = 16 * 1024 * 1024


def connect(host: str, port: int, timeout: float) -> socket.socket:
    """Connect to the first address of ``host`` that answers, within ``timeout``."""
    last: OSError | None = None
    for family, kind, proto, _, sockaddr in resolve(host, port, socket.SOCK_STREAM):
        sock = socket.socket(family, kind, proto)
        sock.settimeout(timeout)
        try:
            sock.connect(sockaddr)
            return sock
        except OSError as e:
            sock.close()
            last = e
    assert last is not None
    raise connect_error(last, host, port, timeout) from last


def tcp_exchange(
    host: str, port: int, message: bytes, timeout: float = 10.0, quiet_period: float = 0.2
) -> bytes:
    """Send ``message``, half-close, and return the answer.

    The answer ends at the server's end of file, or ``quiet_period`` after
    its last bytes for a server that keeps the connection open.
    """
    where = host_port_text(host, port)
    sock = connect(host, port, timeout)
    chunks: list[bytes] = []
    got = 0
    try:
        try:
            sock.sendall(message)
            sock.shutdown(socket.SHUT_WR)  # "that was all": the server answers at once
        except (BrokenPipeError, ConnectionResetError) as e:
            raise RuntimeFailure(
                f"{where} closed the connection before the message was sent"
            ) from e
        deadline = time.monotonic() + timeout
        while got < MAX_ANSWER:
            wait = quiet_period if chunks else deadline - time.monotonic()
            if wait <= 0:
                raise TimeoutError
            sock.settimeout(wait)
            try:
                data = sock.recv(65536)
            except TimeoutError:
                if chunks:
                    break
                raise
            if not data:
                break
            chunks.append(data)
            got += len(data)
    except TimeoutError as e:
        raise RuntimeFailure(f"no answer from {where} within {timeout:g} s") from e
    except ConnectionResetError as e:
        if not chunks:
            raise RuntimeFailure(f"connection reset by {where} before an answer") from e
    except OSError as e:
        raise RuntimeFailure(f"{where}: {e.strerror or e}") from e
    finally:
        sock.close()
    if not chunks:
        raise RuntimeFailure(f"{where} closed the connection without an answer")
    return b"".join(chunks)
