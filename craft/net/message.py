"""Messages on a byte stream: where one ends, without any I/O.

TCP carries bytes, not messages. A message ends at a newline, at the peer's
half-close (end of file) or after a quiet period with no new bytes; the
socket code decides when end of file or the quiet period happened and calls
:meth:`MessageBuffer.end`. Memory is bounded: at most ``max_message`` bytes of
one message are kept, the rest up to its end is dropped and the message is
marked ``cut``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Reason = Literal["newline", "quiet", "eof"]


@dataclass(frozen=True, slots=True)
class Message:
    """One message: its bytes without the terminator, and how it ended."""

    data: bytes
    end: bytes  # the terminator as received: b"\n", b"\r\n" or b""
    reason: Reason
    cut: bool = False  # longer than max_message; data holds the first bytes
    size: int = 0  # bytes received for this message, terminator excluded


class MessageBuffer:
    """Collects stream bytes and hands out complete messages."""

    __slots__ = ("max_message", "_buf", "_cut", "_size")

    def __init__(self, max_message: int) -> None:
        if max_message < 1:
            raise ValueError("max_message must be at least 1")
        self.max_message = max_message
        self._buf = bytearray()
        self._cut = False  # dropping the rest of an over-long message
        self._size = 0  # bytes of the current message seen so far

    @property
    def pending(self) -> bool:
        """True while a message has started and not yet ended."""
        return self._size > 0

    def feed(self, data: bytes) -> list[Message]:
        """Add received bytes; return the messages a newline completed."""
        out: list[Message] = []
        start = 0
        n = len(data)
        while start < n:
            nl = data.find(b"\n", start)
            stop = n if nl < 0 else nl
            self._take(data, start, stop)
            if nl < 0:
                break
            out.append(self._finish(b"\n", "newline"))
            start = nl + 1
        return out

    def end(self, reason: Reason) -> Message | None:
        """The stream went quiet or reached end of file: finish a pending message."""
        if not self._size:
            return None
        return self._finish(b"", reason)

    def _take(self, data: bytes, start: int, stop: int) -> None:
        count = stop - start
        if not count:
            return
        self._size += count
        room = self.max_message - len(self._buf)
        if count <= room:
            self._buf += data[start:stop]
        else:
            if room > 0:
                self._buf += data[start : start + room]
            self._cut = True

    def _finish(self, end: bytes, reason: Reason) -> Message:
        data = bytes(self._buf)
        size = self._size
        if end == b"\n" and data.endswith(b"\r") and not self._cut:
            data = data[:-1]
            end = b"\r\n"
            size -= 1
        msg = Message(data=data, end=end, reason=reason, cut=self._cut, size=size)
        self._buf.clear()
        self._cut = False
        self._size = 0
        return msg


def answer(msg: Message, reply: bytes, echo: bool) -> bytes:
    """The bytes to send back for ``msg``: the reply as given, no framing added
    (the classic server's ``write(fd, "I got your message", 18)``), or with
    ``echo`` the message exactly as received, terminator included."""
    return msg.data + msg.end if echo else reply


def printable(data: bytes) -> str:
    """Message bytes as one line of text: UTF-8, control bytes escaped."""
    text = data.decode("utf-8", errors="backslashreplace")
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == "\t" else _escape(c) for c in text)


def _escape(c: str) -> str:
    code = ord(c)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
