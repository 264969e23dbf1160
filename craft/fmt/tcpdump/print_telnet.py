"""Telnet option negotiation (RFC 854/855, TCP port 23) as tcpdump 4.99
prints it after the TCP header: `` [telnet DO TERMINAL TYPE, WILL NAWS]``,
subnegotiations with their qualifiers; with -X and -vvv each command as hex.
Private to craft.fmt.tcpdump."""

from __future__ import annotations

from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.print_ascii import hex_only

IAC, SB, SE = 255, 250, 240
_CMD_FIRST = 236  # xEOF: the lowest command code tcpdump names
_CMDS = ("EOF", "SUSP", "ABORT", "EOR", "SE", "NOP", "DMARK", "BRK", "IP", "AO", "AYT", "EC",
         "EL", "GA", "SB", "WILL", "WONT", "DO", "DONT", "IAC")
_OPTS = ("BINARY", "ECHO", "RCP", "SUPPRESS GO AHEAD", "NAME", "STATUS", "TIMING MARK", "RCTE",
         "NAOL", "NAOP", "NAOCRD", "NAOHTS", "NAOHTD", "NAOFFD", "NAOVTS", "NAOVTD", "NAOLFD",
         "EXTEND ASCII", "LOGOUT", "BYTE MACRO", "DATA ENTRY TERMINAL", "SUPDUP", "SUPDUP OUTPUT",
         "SEND LOCATION", "TERMINAL TYPE", "END OF RECORD", "TACACS UID", "OUTPUT MARKING",
         "TTYLOC", "3270 REGIME", "X.3 PAD", "NAWS", "TSPEED", "LFLOW", "LINEMODE", "XDISPLOC",
         "OLD-ENVIRON", "AUTHENTICATION", "ENCRYPT", "NEW-ENVIRON")
# Qualifier words of a subnegotiation, and for AUTHENTICATION (37) and
# ENCRYPT (38) the second byte's name too; anything else prints as %#x.
_QUALS = ("IS", "SEND", "INFO")
_SUB = {37: (("IS", "SEND", "REPLY", "NAME"),
             ("NULL", "KERBEROS_V4", "KERBEROS_V5", "SPX", "MINK", "SRP", "RSA", "SSL", None, None,
              "LOKI", "SSA", "KEA_SJ", "KEA_SJ_INTEG", "DSS", "NTLM")),
        38: (("IS", "SUPPORT", "REPLY", "START", "END", "REQUEST-START", "REQUEST-END",
              "END_KEYID", "DEC_KEYID"),
             ("NULL", "DES_CFB64", "DES_OFB64", "DES3_CFB64", "DES3_OFB64", None,
              "CAST5_40_CFB64", "CAST5_40_OFB64", "CAST128_CFB64", "CAST128_OFB64"))}


class _End(Exception):
    """The command runs past the TCP payload (tcpdump's "goto pktend")."""


def _hexnum(x: int) -> str:
    return f"{x:#x}" if x else "0"  # C's %#x prints 0, not 0x0


def _name(x: int, table: tuple[str | None, ...]) -> str:
    word = table[x] if x < len(table) else None
    return word if word is not None else _hexnum(x)


def _parse(p: Pkt, sp: int, length: int, out: list[str]) -> int:
    """One command at sp: its length in bytes, its words appended to out
    (tcpdump's telnet_parse); _End when it is not a whole command."""
    start = sp

    def fetch() -> int:
        nonlocal sp, length
        if length < 1:
            raise _End
        c = p.u8(sp)
        sp += 1
        length -= 1
        return c

    if fetch() != IAC:
        raise _End
    c = fetch()
    if c == IAC:
        out.append("IAC IAC")
        return sp - start
    if c < _CMD_FIRST:
        raise _End
    cmd = _CMDS[c - _CMD_FIRST]
    if c not in (251, 252, 253, 254, SB):
        out.append(cmd)
        return sp - start
    x = fetch()
    out.append(f"{cmd} {_OPTS[x]}" if x < len(_OPTS) else f"{cmd} {_hexnum(x)}")
    if c != SB:
        return sp - start
    q = sp  # find the IAC SE that ends the subnegotiation
    while length > q + 1 - sp:
        if p.u8(q) == IAC and p.u8(q + 1) == SE:
            break
        q += 1
    if p.u8(q) != IAC:
        raise _End
    quals, second = _SUB.get(x, (_QUALS, None))
    if q > sp:
        out.append(f" {_name(fetch(), quals)}")
        if second is not None and q > sp:
            out.append(f" {_name(fetch(), second)}")
    while q > sp:
        out.append(f" {_hexnum(fetch())}")
    out.append(" SE")
    return sp + 2 - start


def telnet_print(p: Pkt, sp: int, length: int) -> None:
    """The Telnet commands at the start of a TCP payload, as tcpdump's telnet_print."""
    p.proto = "telnet"
    o = p.o
    first, osp = True, sp
    while length > 0 and p.u8(sp) == IAC:
        words: list[str] = []
        try:
            n = _parse(p, sp, length, words)
        except _End:
            break
        if o.X and o.v > 2:
            if first:
                p.w("\nTelnet:")
            avail = p.avail(sp)
            if avail < n:  # hex_print_with_offset reads pair by pair
                k = avail - avail % 2
                p.w(hex_only(p.d[sp:sp + k], "\n", sp - osp))
                if k % 16 == 0:
                    p.w(f"\n0x{sp - osp + k:04x}: ")
                raise Trunc
            p.w(hex_only(p.d[sp:sp + n], "\n", sp - osp))
            p.w("\n\t\t\t\t" if n > 8 else " " * ((8 - n) * 3) + "\t")
        else:
            p.w(" [telnet " if first else ", ")
        p.w("".join(words))
        first = False
        sp += n
        length = (length - n) & 0xFFFFFFFF  # u_int, as in tcpdump
    if not first:
        p.w("\n" if o.X and o.v > 2 else "]")
