"""HSRP, as tcpdump's print-hsrp.c prints it."""

from __future__ import annotations

from craft.fmt.tcpdump.addrtoname import ip4
from craft.fmt.tcpdump.netdissect import Pkt
from craft.fmt.tcpdump.util_print import printjnp, relts

_HSRP_OPS = ("hello", "coup", "resign")
_HSRP_STATES = {0: "initial", 1: "learn", 2: "listen", 4: "speak", 8: "standby", 16: "active"}


def hsrp_print(p: Pkt, bp: int, length: int) -> None:
    """tcpdump's hsrp_print."""
    p.proto = "hsrp"
    version = p.u8(bp)
    p.w(f"HSRPv{version}")
    if version != 0:
        return
    p.w("-")
    op = p.u8(bp + 1)
    p.w(f"{_HSRP_OPS[op] if op < len(_HSRP_OPS) else f'unknown ({op})'} {length}: ")
    state = p.u8(bp + 2)
    p.w(f"state={_HSRP_STATES.get(state, f'Unknown ({state})')} ")
    p.w(f"group={p.u8(bp + 6)} ")
    if p.u8(bp + 7):
        p.w(f"[reserved={p.u8(bp + 7)}!] ")
    p.w(f"addr={ip4(p.b(bp + 16, 4))}")
    if p.o.v:
        p.w(f" hellotime={relts(p.u8(bp + 3))} holdtime={relts(p.u8(bp + 4))} "
            f'priority={p.u8(bp + 5)} auth="')
        printjnp(p, bp + 8, 8)
        p.w('"')
