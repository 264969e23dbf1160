"""MS NLB heartbeats, as tcpdump's print-msnlb.c prints them."""

from __future__ import annotations

import struct

from craft.fmt.tcpdump.addrtoname import ip4
from craft.fmt.tcpdump.netdissect import Pkt


def msnlb_print(p: Pkt, bp: int, length: int = 0) -> None:
    """A Microsoft Network Load Balancing heartbeat."""
    p.proto = "msnlb"
    p.w("MS NLB heartbeat")
    p.w(f", host priority: {struct.unpack('<I', p.b(bp + 8, 4))[0]}")
    p.w(f", cluster IP: {ip4(p.b(bp + 12, 4))}")
    p.w(f", host IP: {ip4(p.b(bp + 16, 4))}")
