"""SSH version lines, as tcpdump's print-ssh.c prints them."""

from __future__ import annotations

from craft.fmt.tcpdump.netdissect import Pkt


def ssh_print(p: Pkt, bp: int, ln: int) -> None:
    """tcpdump's ssh_print: only an SSH version line ("SSH-2.0-...")."""
    p.proto = "ssh"
    for i, c in enumerate(b"SSH-"):
        if p.u8(bp + i) != c:
            return
    idx = 4
    while idx < ln:
        c = p.u8(bp + idx)
        if c == 0x0A:
            break
        if c == 0x0D:
            if idx + 1 >= ln or p.u8(bp + idx + 1) != 0x0A:
                return
            break
        if not 0x20 <= c < 0x7F:
            return
        idx += 1
    else:
        return
    p.w(": SSH: " + p.d[bp:bp + idx].decode("ascii"))
