"""TFTP, as tcpdump's print-tftp.c prints it."""

from __future__ import annotations

from craft.fmt.tcpdump.netdissect import Pkt
from craft.fmt.tcpdump.util_print import printztn

_TFTP_OPS = {1: "RRQ", 2: "WRQ", 3: "DATA", 4: "ACK", 5: "ERROR", 6: "OACK"}


_TFTP_ERRS = {0: "EUNDEF", 1: "ENOTFOUND", 2: "EACCESS", 3: "ENOSPACE", 4: "EBADOP",
              5: "EBADID", 6: "EEXISTS", 7: "ENOUSER"}


def _string(p: Pkt, bp: int, ln: int, before: str, after: str) -> int:
    """A NUL-terminated string between ``before`` and ``after``: the bytes
    it used, 0 when it (or the datagram) was cut short and the marker was
    printed."""
    if ln == 0:
        p.trunc()
        return 0
    p.w(before)
    used = printztn(p, bp, ln)
    p.w(after)
    if used == 0:
        p.trunc()
    return used


def tftp_print(p: Pkt, bp: int, ln: int) -> None:
    """TFTP (RFC 1350, options RFC 2347) as tcpdump prints port 69."""
    p.proto = "tftp"
    p.w(f"TFTP, length {ln}")
    if ln < 2:
        p.trunc()
        return
    op = p.u16(bp)
    if op not in _TFTP_OPS:
        p.w(f", tftp-#{op}")
        return
    p.w(f", {_TFTP_OPS[op]}")
    bp += 2
    ln -= 2
    if op in (1, 2):
        used = _string(p, bp, ln, ' "', '"')
        if used == 0:
            return
        bp, ln = bp + used, ln - used
        used = _string(p, bp, ln, " ", "")
        if used == 0:
            return
        bp, ln = bp + used, ln - used
    if op in (1, 2, 6):
        for _ in range(ln):
            if ln == 0:
                break
            if p.u8(bp) != 0:
                p.w(" ")
            used = printztn(p, bp, ln)
            if used == 0:
                p.trunc()
                return
            bp += used
            ln -= used
    elif op in (3, 4):
        if ln < 2:
            p.trunc()
            return
        p.w(f" block {p.u16(bp)}")
    elif op == 5:
        if ln < 2:
            p.trunc()
            return
        code = p.u16(bp)
        p.w(" " + _TFTP_ERRS.get(code, f"tftp-err-#{code} \""))
        _string(p, bp + 2, ln - 2, ' "', '"')
