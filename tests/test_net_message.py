"""Message boundaries on a byte stream (craft.net.message): pure, no sockets."""

from __future__ import annotations

import pytest

from craft.net.message import Message, MessageBuffer, answer, printable

# (name, max_message, steps, expected messages)
# A step is bytes to feed, or "quiet"/"eof" for the end the socket code detects.
# Expected: (data, end, reason, cut, size).
CASES = [
    ("line", 100, [b"hello\n"], [(b"hello", b"\n", "newline", False, 5)]),
    ("crlf", 100, [b"hello\r\n"], [(b"hello", b"\r\n", "newline", False, 5)]),
    ("two lines one chunk", 100, [b"a\nbb\n"],
     [(b"a", b"\n", "newline", False, 1), (b"bb", b"\n", "newline", False, 2)]),
    ("byte at a time", 100, [b"h", b"e", b"l", b"l", b"o", b"\n"],
     [(b"hello", b"\n", "newline", False, 5)]),
    ("no newline, quiet", 100, [b"Hello, World!", "quiet"],
     [(b"Hello, World!", b"", "quiet", False, 13)]),
    ("no newline, eof", 100, [b"bye", "eof"], [(b"bye", b"", "eof", False, 3)]),
    ("nothing pending", 100, ["quiet", "eof"], []),
    ("quiet then more", 100, [b"ab", "quiet", b"cd\n"],
     [(b"ab", b"", "quiet", False, 2), (b"cd", b"\n", "newline", False, 2)]),
    ("line then rest at eof", 100, [b"x\ny", "eof"],
     [(b"x", b"\n", "newline", False, 1), (b"y", b"", "eof", False, 1)]),
    ("empty line", 100, [b"\n"], [(b"", b"\n", "newline", False, 0)]),
    ("cut", 4, [b"abcdefgh\n"], [(b"abcd", b"\n", "newline", True, 8)]),
    ("cut across chunks", 4, [b"ab", b"cdef", b"gh", "eof"], [(b"abcd", b"", "eof", True, 8)]),
    ("cut then next line whole", 4, [b"abcdefgh\nxy\n"],
     [(b"abcd", b"\n", "newline", True, 8), (b"xy", b"\n", "newline", False, 2)]),
    ("exactly the limit", 4, [b"abcd\n"], [(b"abcd", b"\n", "newline", False, 4)]),
]


@pytest.mark.parametrize(("max_message", "steps", "expected"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_message_boundaries(max_message: int, steps: list, expected: list) -> None:
    buf = MessageBuffer(max_message)
    got: list[Message] = []
    for step in steps:
        if isinstance(step, bytes):
            got += buf.feed(step)
        else:
            msg = buf.end(step)
            if msg is not None:
                got.append(msg)
    assert [(m.data, m.end, m.reason, m.cut, m.size) for m in got] == expected
    assert not buf.pending


def test_buffer_stays_bounded() -> None:
    buf = MessageBuffer(1000)
    for _ in range(1000):
        assert buf.feed(b"x" * 10_000) == []
        assert len(buf._buf) <= 1000
    (msg,) = buf.feed(b"\n")
    assert msg.cut and len(msg.data) == 1000 and msg.size == 10_000_000


def test_answer_adds_no_framing_and_echo_is_exact() -> None:
    line = Message(b"hi", b"\n", "newline")
    bare = Message(b"Hello, World!", b"", "quiet")
    crlf = Message(b"hi", b"\r\n", "newline")
    assert answer(line, b"I got your message", echo=False) == b"I got your message"
    assert answer(bare, b"I got your message", echo=False) == b"I got your message"
    assert answer(crlf, b"ok", echo=True) == b"hi\r\n"
    assert answer(line, b"ignored", echo=True) == b"hi\n"
    assert answer(bare, b"ignored", echo=True) == b"Hello, World!"


def test_printable_keeps_one_line() -> None:
    assert printable("héllo wörld".encode()) == "héllo wörld"
    assert printable(b"a\tb") == "a\tb"
    assert printable(b"a\x1b[2Jb\rc") == "a\\x1b[2Jb\\x0dc"
    assert printable(b"\xff\xfe") == "\\xff\\xfe"


def test_max_message_must_be_positive() -> None:
    with pytest.raises(ValueError):
        MessageBuffer(0)
