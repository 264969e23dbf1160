"""The typed error hierarchy. The library raises these; only the CLI words them.

Every error carries where it happened (file, 1-based line and column, and the
path inside the profile such as ``frames[0].ipv4.ttl``) so the CLI can print
one line: ``FILE:LINE:COL: PATH: message``.
"""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple


class ExitStatus(IntEnum):
    """Exit codes, as httpie's status.py does it: one place, named."""

    OK = 0
    FAILURE = 1  # runtime: cross-check mismatch, send failed, no answer
    USAGE = 2  # bad input: profile, option, filter, file
    INTERRUPTED = 130  # Ctrl-C


class Mark(NamedTuple):
    """A place in a source file (line and column are 1-based). (A NamedTuple,
    not a dataclass: every command imports this module, and dataclasses
    imports inspect, 8 ms of craft read's start; issue 13.)"""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.col}"
        return self.file


class CraftError(Exception):
    """Base of every error craft raises on purpose."""

    exit_status: ExitStatus = ExitStatus.FAILURE

    def __init__(self, message: str, *, mark: Mark | None = None, path: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark
        self.path = path

    def __str__(self) -> str:
        parts = []
        if self.mark is not None:
            parts.append(str(self.mark))
        if self.path:
            parts.append(self.path)
        parts.append(self.message)
        return ": ".join(parts)


class UsageError(CraftError):
    """Bad input: an option, a file, a filter expression. Exit 2."""

    exit_status = ExitStatus.USAGE


class ProfileError(UsageError):
    """A profile that cannot be loaded or validated. Exit 2."""


class CrossCheckError(CraftError):
    """The struct and scapy encoders disagree. Exit 1."""


class RuntimeFailure(CraftError):
    """Something failed while running (socket, peer, timeout). Exit 1."""


class Truncated(Exception):
    """A header is cut short; raised by layer unpack, caught by the decoder."""
