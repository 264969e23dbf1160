"""Kerberos v4, as tcpdump's print-krb.c prints it."""

from __future__ import annotations

from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.util_print import fn_char

_KRB4_TYPES = {2: "KDC_REQUEST", 4: "KDC_REPLY", 6: "APPL_REQUEST", 8: "APPL_REQUEST_MUTUAL",
               10: "ERR_REPLY", 12: "PRIVATE", 14: "SAFE", 16: "APPL_ERR", 126: "DIE"}
_KRB4_ERRORS = ("OK", "NAME_EXP", "SERVICE_EXP", "AUTH_EXP", "PKT_VER", "NAME_MAST_KEY_VER",
                "SERV_MAST_KEY_VER", "BYTE_ORDER", "PRINCIPAL_UNKNOWN", "PRINCIPAL_NOT_UNIQUE",
                "NULL_KEY")


def _krb_string(p: Pkt, cp: int) -> int:
    """tcpdump's c_print: a NUL-terminated string within the capture; the
    offset after it (Trunc, after printing what there was, when no NUL)."""
    while cp < p.end:
        c = p.u8(cp)
        cp += 1
        if c == 0:
            return cp
        p.w(fn_char(c))
    raise Trunc(local=True)


def krb_print(p: Pkt, bp: int, length: int = 0) -> None:
    """tcpdump's krb_print: the protocol version; Kerberos 4 messages in some
    detail (Kerberos 5 is ASN.1 that tcpdump does not decode)."""
    p.proto = "krb"
    if bp >= p.end:
        raise Trunc(local=True)
    pvno = p.u8(bp)
    if pvno in (1, 2, 3, 4):
        p.w(f" v{pvno}")
    elif pvno in (106, 107):
        p.w(" v5")
    if pvno != 4:
        return
    b = p.u8(bp + 1)
    kind, le = b & 0xFE, b & 1
    p.w(f" {'le' if le else 'be'} {_KRB4_TYPES.get(kind, f'#{kind}')}: ")

    def u16(at: int) -> int:
        return int.from_bytes(p.b(at, 2), "little" if le else "big")

    def header(cp: int) -> int:
        cp = _krb_string(p, cp + 2)
        p.w(".")
        cp = _krb_string(p, cp)
        p.w("@")
        return _krb_string(p, cp)

    if kind == 2:
        cp = header(bp) + 4
        p.w(f" {p.u8(cp) * 5}min ")
        cp = _krb_string(p, cp + 1)
        p.w(".")
        _krb_string(p, cp)
    elif kind == 6:
        p.w(f"v{p.u8(bp + 2)} ")
        cp = _krb_string(p, bp + 3)
        p.w(f" ({p.u8(cp)})")
        p.w(f" ({p.u8(cp + 1)})")
    elif kind == 4:
        p.w(f" ({u16(header(bp) + 10)})")
    elif kind == 10:
        cp = header(bp) + 4
        err = u16(cp)
        p.w(f" {_KRB4_ERRORS[err] if err < len(_KRB4_ERRORS) else f'#{err}'} ")
        _krb_string(p, cp + 4)
    else:
        p.w("(unknown)")
