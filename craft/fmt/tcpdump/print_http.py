"""HTTP, as tcpdump's print-http.c prints it (through txtproto_print)."""

from __future__ import annotations

from craft.fmt.tcpdump.netdissect import Pkt
from craft.fmt.tcpdump.util_print import txtproto

_HTTP_CMDS = frozenset((
    "GET", "PUT", "COPY", "HEAD", "LOCK", "MOVE", "POLL", "POST", "BCOPY", "BMOVE", "MKCOL",
    "TRACE", "LABEL", "MERGE", "DELETE", "SEARCH", "UNLOCK", "REPORT", "UPDATE", "NOTIFY",
    "BDELETE", "CONNECT", "OPTIONS", "CHECKIN", "PROPFIND", "CHECKOUT", "CCHECKOUT",
    "PROPPATCH", "SUBSCRIBE", "MKACTIVITY", "MKWORKSPACE", "UNSUBSCRIBE", "RPCOUT_DATA",
    "RPCIN_DATA", "VERSION-CONTROL", "BASELINE-CONTROL",
))


def http_print(p: Pkt, bp: int, length: int) -> None:
    p.w(": ")
    txtproto(p, bp, length, "http", _HTTP_CMDS)
