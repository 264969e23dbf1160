"""Redis RESP, as tcpdump's print-resp.c prints it."""

from __future__ import annotations

from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.util_print import fn_char


class _RespCut(Exception):
    """A RESP printer gave up (tcpdump's "goto trunc": the mark, then stop)."""


def resp_print(p: Pkt, bp: int, ln: int) -> None:
    """Redis's RESP (TCP port 6379) as tcpdump's resp_print: each command or
    reply of a pipeline as quoted strings, "empty", "null" and the like."""
    p.proto = "resp"
    p.w(": RESP")
    try:
        while ln:
            n = _resp_parse(p, bp, ln)
            bp, ln = bp + n, ln - n
    except _RespCut:
        raise Trunc(local=True) from None


def _resp_segment(p: Pkt, at: int, n: int) -> None:
    """RESP_PRINT_SEGMENT: ' "text"', or a cut at the end of the capture."""
    p.w(' "')
    for i in range(n):
        if at + i >= p.end:
            raise _RespCut
        p.w(fn_char(p.d[at + i]))
    p.w('"')


def _resp_find_crlf(p: Pkt, at: int, left: int) -> tuple[int, int]:
    while True:
        if left < 2 or not p.test(at, 2):
            raise _RespCut
        if p.d[at] == 0x0D and p.d[at + 1] == 0x0A:
            return at, left
        at, left = at + 1, left - 1


def _resp_skip_cr_lf(p: Pkt, at: int, left: int) -> tuple[int, int]:
    found = False
    while True:
        if left == 0 or not p.test(at, 1):
            if found:
                return at, left
            raise _RespCut
        if p.d[at] not in (0x0D, 0x0A):
            return at, left
        found, at, left = True, at + 1, left - 1


def _resp_length(p: Pkt, at: int, left: int) -> tuple[int, int, int]:
    """resp_get_length: (value or -2 cut, -3 too large, -4 negative, -5 invalid; end; left)."""
    if left == 0:
        return -2, at, left
    too_large = neg = False
    if p.u8(at) == 0x2D:
        neg, at, left = True, at + 1, left - 1
    result, digits = 0, False
    while True:
        if left == 0:
            return -2, at, left
        c = p.u8(at)
        if not 0x30 <= c <= 0x39:
            if not digits:
                return -5, at + 1, left
            break
        c -= 0x30
        if result > 214748364:
            too_large = True
        elif result == 2147483640 and c > 7:
            too_large = True
        else:
            result = result * 10 + c
        at, left, digits = at + 1, left - 1, True
    if p.u8(at) != 0x0D:
        return -5, at + 1, left
    at, left = at + 1, left - 1
    if left == 0:
        return -2, at, left
    if p.u8(at) != 0x0A:
        return -5, at + 1, left
    at, left = at + 1, left - 1
    if neg:
        return (-4 if too_large or result != 1 else -1), at, left
    return (-3 if too_large else result), at, left


_RESP_BAD = {-1: " null", -3: " length too large", -4: " length negative and not -1"}


def _resp_parse(p: Pkt, bp: int, ln: int) -> int:
    """resp_parse: one item at bp; the bytes it took."""
    if ln < 1:
        raise _RespCut
    op = p.u8(bp)
    if op in b"+-:":  # simple string, error, integer: the text to CRLF
        end, _ = _resp_find_crlf(p, bp + 1, ln - 1)
        _resp_segment(p, bp + 1, end - bp - 1)
        return end - bp + 2
    if op == 0x24:  # bulk string: $<length>CRLF<bytes>CRLF
        n, at, _ = _resp_length(p, bp + 1, ln - 1)
        left = ln - (at - bp)  # (GET_LENGTH: what is left after where the length parse stopped)
        if n >= 0:
            if n == 0:
                p.w(" empty")
            else:
                if left < n or not p.test(at, n):
                    raise _RespCut
                _resp_segment(p, at, n)
                at, left = at + n, left - n
            at, left = _resp_find_crlf(p, at, left)
            left -= 2
        elif n == -2:
            raise _RespCut
        else:
            p.w(_RESP_BAD.get(n, " invalid"))
        return ln - left
    if op == 0x2A:  # array: *<count>CRLF, then the items
        n, at, _ = _resp_length(p, bp + 1, ln - 1)
        left = ln - (at - bp)
        if n > 0:
            for _ in range(n):
                used = _resp_parse(p, at, left)
                at, left = at + used, (left - used) & 0xFFFFFFFF
        elif n == 0:
            p.w(" empty")
        elif n == -2:
            raise _RespCut
        else:
            p.w(_RESP_BAD.get(n, " invalid"))
        return (ln - left) & 0xFFFFFFFF
    at, left = _resp_skip_cr_lf(p, bp, ln)  # an inline command: text to CR or LF
    end = at
    while True:
        if left < 1:
            raise _RespCut
        if p.u8(end) in (0x0D, 0x0A):
            break
        end, left = end + 1, left - 1
    _resp_segment(p, at, end - at)
    _, left = _resp_skip_cr_lf(p, end, left)
    return ln - left
