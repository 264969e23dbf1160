"""RTSP, as tcpdump's print-rtsp.c prints it (through txtproto_print)."""

from __future__ import annotations

from craft.fmt.tcpdump.netdissect import Pkt
from craft.fmt.tcpdump.util_print import txtproto

_RTSP_CMDS = frozenset((
    "DESCRIBE", "ANNOUNCE", "GET_PARAMETER", "OPTIONS", "PAUSE", "PLAY", "RECORD", "REDIRECT",
    "SETUP", "SET_PARAMETER", "TEARDOWN",
))


def rtsp_print(p: Pkt, bp: int, length: int) -> None:
    p.w(": ")
    txtproto(p, bp, length, "rtsp", _RTSP_CMDS)
