"""SIP, as tcpdump's print-sip.c prints it (through txtproto_print)."""

from __future__ import annotations

SIP_CMDS = frozenset((
    "ACK", "BYE", "CANCEL", "DO", "INFO", "INVITE", "MESSAGE", "NOTIFY", "OPTIONS", "PRACK",
    "QAUTH", "REFER", "REGISTER", "SPRACK", "SUBSCRIBE", "UPDATE", "PUBLISH",
))
