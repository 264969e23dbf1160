"""SIP, as tcpdump's print-sip.c prints it (through txtproto_print)."""

from __future__ import annotations

from craft.fmt.tcpdump.netdissect import Pkt
from craft.fmt.tcpdump.util_print import txtproto

SIP_CMDS = frozenset((
    "ACK", "BYE", "CANCEL", "DO", "INFO", "INVITE", "MESSAGE", "NOTIFY", "OPTIONS", "PRACK",
    "QAUTH", "REFER", "REGISTER", "SPRACK", "SUBSCRIBE", "UPDATE", "PUBLISH",
))


def sip_print(p: Pkt, bp: int, length: int) -> None:
    txtproto(p, bp, length, "sip", SIP_CMDS)
