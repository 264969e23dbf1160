"""What the TCP server was asked to do, and the answer to one message: shared by
every mode. (No asyncio here: the fork server imports this and stays small.)"""

from __future__ import annotations

from dataclasses import dataclass

from craft.net.events import Emit, Event
from craft.net.message import Message, answer

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


def answer_event(msg: Message, peer: str, config: TcpServerConfig, emit: Emit) -> bytes:
    """Report a message and return the bytes that answer it."""
    emit(Event("message", peer=peer, data=msg.data, size=msg.size))
    if msg.cut:
        emit(Event("cut", peer=peer, size=msg.size, info={"limit": config.max_message}))
    return answer(msg, config.reply, config.echo)
