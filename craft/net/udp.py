"""The UDP server (acknowledges every datagram) and client (waits for each ack)."""

from __future__ import annotations

import errno
import itertools
import signal
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass

from craft.errors import RuntimeFailure, UsageError
from craft.net.addr import host_port_text, listen_socket, peer_text, resolve
from craft.net.events import Emit, Event

MAX_DATAGRAM = 65535  # largest UDP payload over IPv6; 65,507 over IPv4
RCVBUF = 4 * 1024 * 1024  # absorbs bursts from many clients at once


@dataclass(frozen=True, slots=True)
class UdpServerConfig:
    """What ``craft udp-server`` was asked to do."""

    port: int = 5002
    bind: str | None = None
    reply: bytes = b"Got your message"
    echo: bool = False


class _Stop(BaseException):
    pass


def _on_term(signum: int, frame: object) -> None:
    raise _Stop


def serve_udp(config: UdpServerConfig, emit: Emit) -> None:
    """Answer each datagram once, to its source address and port, until SIGTERM/SIGINT."""
    sock = listen_socket(socket.SOCK_DGRAM, config.bind, config.port)
    for opt in (getattr(socket, "SO_RCVBUFFORCE", None), socket.SO_RCVBUF):
        if opt is None:
            continue
        try:
            sock.setsockopt(socket.SOL_SOCKET, opt, RCVBUF)
            break
        except OSError:
            continue  # SO_RCVBUFFORCE needs CAP_NET_ADMIN
    old_term = signal.signal(signal.SIGTERM, _on_term)
    try:
        emit(Event("listen", peer=peer_text(sock.getsockname())))
        while True:
            try:
                data, addr = sock.recvfrom(MAX_DATAGRAM + 1)
            except ConnectionError as e:  # an ICMP error queued on the socket
                emit(Event("error", info={"error": e.strerror or str(e)}))
                continue
            peer = peer_text(addr)
            emit(Event("datagram", peer=peer, data=data.rstrip(b"\r\n"), size=len(data)))
            try:
                sock.sendto(data if config.echo else config.reply, addr)
            except OSError as e:
                emit(Event("error", peer=peer, info={"error": f"answer not sent: {e.strerror}"}))
    except _Stop:
        pass
    finally:
        signal.signal(signal.SIGTERM, old_term)
        sock.close()
    emit(Event("stop"))


@dataclass(slots=True)
class UdpTally:
    """Datagrams sent and answered so far (kept up to date for a Ctrl-C summary)."""

    sent: int = 0
    answered: int = 0


# on_answer(sequence number from 1, answer bytes or None, why there was none:
# "timeout", "refused" or the system's words)
OnAnswer = Callable[[int, bytes | None, str], None]


def udp_exchange(
    host: str,
    port: int,
    message: bytes,
    on_answer: OnAnswer,
    tally: UdpTally,
    *,
    count: int = 1,
    interval: float = 0.5,
    timeout: float = 2.0,
) -> None:
    """Send ``message`` ``count`` times (0: until interrupted), each waiting for its ack.

    A name with several addresses (``localhost``: ::1 and 127.0.0.1) moves on
    to the next address when one answers "port unreachable", as a TCP client
    moves on when a connection is refused.
    """
    infos = resolve(host, port, socket.SOCK_DGRAM)
    where = host_port_text(host, port)
    index = 0
    sock = _connected(infos[0], where)
    try:
        start = time.monotonic()
        numbers = itertools.count(1) if count == 0 else range(1, count + 1)
        for n in numbers:
            if n > 1:
                time.sleep(max(0.0, start + (n - 1) * interval - time.monotonic()))
            tally.sent += 1
            while True:
                _drain(sock)  # a late ack of an earlier datagram is not this one's
                _send(sock, message, where)
                sock.settimeout(timeout)
                try:
                    data = sock.recv(MAX_DATAGRAM + 1)
                except TimeoutError:
                    on_answer(n, None, "timeout")
                except ConnectionRefusedError:
                    if index + 1 < len(infos):
                        index += 1
                        sock.close()
                        sock = _connected(infos[index], where)
                        continue
                    on_answer(n, None, "refused")
                except OSError as e:  # e.g. ICMP host unreachable
                    on_answer(n, None, e.strerror or str(e))
                else:
                    tally.answered += 1
                    on_answer(n, data, "")
                break
    finally:
        sock.close()


def _connected(info: tuple, where: str) -> socket.socket:
    """A UDP socket connect()ed to the server: it receives only the server's
    datagrams, and an ICMP port unreachable shows up as ECONNREFUSED."""
    family, kind, proto, _, sockaddr = info
    sock = socket.socket(family, kind, proto)
    try:
        sock.connect(sockaddr)
    except OSError as e:
        sock.close()
        raise RuntimeFailure(f"cannot send to {where}: {e.strerror or e}") from e
    return sock


def _send(sock: socket.socket, message: bytes, where: str) -> None:
    try:
        sock.send(message)
    except OSError as e:
        if e.errno == errno.EMSGSIZE:
            raise UsageError(
                f"message of {len(message)} bytes does not fit in one UDP datagram"
            ) from e
        if e.errno != errno.ECONNREFUSED:
            raise RuntimeFailure(f"cannot send to {where}: {e.strerror}") from e
        sock.send(message)  # the error was an ICMP for an earlier datagram


def _drain(sock: socket.socket) -> None:
    sock.setblocking(False)
    try:
        while True:
            sock.recv(MAX_DATAGRAM + 1)
    except (BlockingIOError, ConnectionRefusedError):
        pass
    finally:
        sock.setblocking(True)
