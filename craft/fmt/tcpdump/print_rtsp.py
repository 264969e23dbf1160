"""RTSP, as tcpdump's print-rtsp.c prints it (through txtproto_print)."""

from __future__ import annotations

_RTSP_CMDS = frozenset((
    "DESCRIBE", "ANNOUNCE", "GET_PARAMETER", "OPTIONS", "PAUSE", "PLAY", "RECORD", "REDIRECT",
    "SETUP", "SET_PARAMETER", "TEARDOWN",
))
