"""What the servers report, and how it is printed.

The servers call an ``emit(Event)`` function; :class:`EventPrinter` is the one the
CLI passes. In text mode stdout carries only the messages (as the classic
programs print them) and everything else goes to stderr prefixed with the
program name; with ``--json`` every event is one JSON object on stdout.
"""

from __future__ import annotations

import _thread
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from craft.net.message import printable


@dataclass(slots=True)
class Event:
    """One thing a server saw or did.

    kind: listen, connect, message, datagram, cut, refused, idle, reset,
    close, error, stop.
    """

    kind: str
    peer: str = ""  # "ip:port" of the client; the listening address for listen
    data: bytes = b""  # message or datagram bytes (message: terminator excluded)
    size: int = 0  # bytes received (a cut message: all of them, not only those kept)
    info: dict = field(default_factory=dict)  # mode, limit, seconds, error text...


Emit = Callable[[Event], None]

# The classic programs' words for a received message (text mode, stdout).
_HEARD = {
    "message": "Here is the message: ",
    "datagram": "Received a datagram: ",
}


class EventPrinter:
    """Print events as text (classic wording) or JSON lines; thread-safe."""

    def __init__(
        self,
        program: str,
        *,
        as_json: bool = False,
        show_peer: bool = False,
        out: TextIO | None = None,
        err: TextIO | None = None,
    ) -> None:
        self.program = program
        self.as_json = as_json
        self.show_peer = show_peer
        self.out = out if out is not None else sys.stdout
        self.err = err if err is not None else sys.stderr
        # _thread, not threading: importing threading adds an after-fork hook
        # that makes every fork-mode child copy ~400 KB more.
        self._lock = _thread.allocate_lock()

    def __call__(self, event: Event) -> None:
        if self.as_json:
            line, stream = self.json_line(event), self.out
        else:
            text = self.text_line(event)
            if text is None:
                return
            line, stream = text
        with self._lock:
            try:
                stream.write(line + "\n")
                stream.flush()
            except (BrokenPipeError, ValueError):
                pass  # stdout closed (`| head`): keep serving

    def json_line(self, event: Event) -> str:
        obj: dict = {"event": event.kind, "time": round(time.time(), 6)}
        if event.peer:
            obj["peer"] = event.peer
        if event.kind in _HEARD:
            obj["text"] = printable(event.data)
            obj["bytes"] = event.size
        obj.update(event.info)
        return json.dumps(obj, ensure_ascii=False)

    def text_line(self, event: Event) -> tuple[str, TextIO] | None:
        """The text line and its stream, or None for events text mode leaves out."""
        prefix = f"[{event.peer}] " if self.show_peer and event.peer else ""
        info = event.info
        kind = event.kind
        if kind in _HEARD:
            return prefix + _HEARD[kind] + printable(event.data), self.out
        if kind == "listen":
            msg = f"listening on {event.peer}"
            if "mode" in info:
                msg += f" ({info['mode']})"
        elif kind == "cut":
            msg = f"{prefix}message of {event.size} bytes cut to {info['limit']} (--max-message)"
        elif kind == "refused":
            msg = (
                f"{prefix}connection refused: {info['limit']} clients already connected "
                "(--max-clients)"
            )
        elif kind == "idle":
            msg = f"{prefix}closed after {info['seconds']:g} s without data (--idle-timeout)"
        elif kind == "reset":
            msg = f"{prefix}connection reset by peer"
        elif kind == "error":
            msg = f"{prefix}{info.get('error', 'error')}"
        else:  # connect, close, stop: JSON only
            return None
        return f"{self.program}: {msg}", self.err
