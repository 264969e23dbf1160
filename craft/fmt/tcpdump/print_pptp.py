"""PPTP control connection (RFC 2637, TCP port 1723) as tcpdump 4.99
prints it: the control message type and every control message's fields
(protocol version, result and error codes, framing and bearer capabilities,
call ids, host, vendor and phone numbers, WAN error counters, ACCMs). With
-v also the header's length, message type and magic cookie, and the names
of result, error and reason codes. Private to craft.fmt.tcpdump."""

from __future__ import annotations

from collections.abc import Callable

from craft.fmt.tcpdump.netdissect import Pkt
from craft.fmt.tcpdump.util_print import printjnp

MAGIC_COOKIE = 0x1A2B3C4D
_CTRL_TYPES = ("NOT_DEFINED", "SCCRQ", "SCCRP", "StopCCRQ", "StopCCRP", "ECHORQ", "ECHORP",
               "OCRQ", "OCRP", "ICRQ", "ICRP", "ICCN", "CCRQ", "CDN", "WEN", "SLI")
SCCRP, STOPCCRP, ECHORP, OCRP, ICRP, CDN = 2, 4, 6, 8, 10, 13
_ERR_CODES = {0: "None", 1: "Not-Connected", 2: "Bad-Format", 3: "Bad-Value", 4: "No-Resource",
              5: "Bad-Call-ID", 6: "PAC-Error"}
_ECHO_RESULTS = {1: "OK", 2: "General Error"}
_RESULTS = {
    SCCRP: {1: "Successful channel establishment", 2: "General error",
            3: "Command channel already exists",
            4: "Requester is not authorized to establish a command channel",
            5: "The protocol version of the requester is not supported"},
    STOPCCRP: _ECHO_RESULTS,
    ECHORP: _ECHO_RESULTS,
    OCRP: {1: "Connected", 2: "General Error", 3: "No Carrier", 4: "Busy", 5: "No Dial Tone",
           6: "Time-out", 7: "Do Not Accept"},
    ICRP: {1: "Connect", 2: "General Error", 3: "Do Not Accept"},
    CDN: {1: "Lost Carrier", 2: "General Error", 3: "Admin Shutdown", 4: "Request"},
}
_STOP_REASONS = {1: "None", 2: "Stop-Protocol", 3: "Stop-Local-Shutdown"}
_BEARER_TYPES = {1: "A", 2: "D", 3: "Any"}
_FRAMING_TYPES = {1: "A", 2: "S", 3: "E"}


# ------------------------------------------------------------- attributes

def _reserved1(p: Pkt, at: int) -> None:
    if p.u8(at):
        p.w(f" [ERROR: reserved={p.u8(at)} must be zero]")


def _reserved2(p: Pkt, at: int) -> None:
    if p.u16(at):
        p.w(f" [ERROR: reserved={p.u16(at)} must be zero]")


def _u16(p: Pkt, name: str, at: int) -> None:
    p.w(f" {name}({p.u16(at)})")


def _u32(p: Pkt, name: str, at: int) -> None:
    p.w(f" {name}({p.u32(at)})")


def _text(p: Pkt, name: str, at: int, n: int) -> None:
    p.w(f" {name}(")
    printjnp(p, at, n)
    p.w(")")


def _proto_ver(p: Pkt, at: int) -> None:
    p.w(f" PROTO_VER({p.u16(at) >> 8}.{p.u16(at) & 0xFF})")


def _framing_cap(p: Pkt, at: int) -> None:
    p.w(" FRAME_CAP(")
    v = p.u32(at)
    p.w(f"{'A' if v & 1 else ''}{'S' if v & 2 else ''})")


def _bearer_cap(p: Pkt, at: int) -> None:
    v = p.u32(at)
    p.w(f" BEARER_CAP({'D' if v & 2 else ''}{'A' if v & 1 else ''})")


def _bearer_type(p: Pkt, at: int) -> None:
    p.w(f" BEARER_TYPE({_BEARER_TYPES.get(p.u32(at), '?')})")


def _framing_type(p: Pkt, at: int) -> None:
    p.w(f" FRAME_TYPE({_FRAMING_TYPES.get(p.u32(at), '?')})")


def _result_code(p: Pkt, at: int, ctrl_type: int) -> None:
    v = p.u8(at)
    p.w(f" RESULT_CODE({v}")
    if p.o.v:
        p.w(f":{_RESULTS[ctrl_type].get(v, '?')}")
    p.w(")")


def _err_code(p: Pkt, at: int) -> None:
    v = p.u8(at)
    p.w(f" ERR_CODE({v}")
    if p.o.v:
        p.w(f":{_ERR_CODES.get(v, '?')}")
    p.w(")")


def _rec_window_delay(p: Pkt, at: int) -> None:
    _u16(p, "RECV_WIN", at)
    _u16(p, "PROC_DELAY", at + 2)


# --------------------------------------------------------------- messages

def _sccrq(p: Pkt, at: int) -> None:
    """Start-Control-Connection-Request."""
    _proto_ver(p, at)
    _reserved2(p, at + 2)
    _capabilities(p, at + 4)


def _sccrp(p: Pkt, at: int) -> None:
    """Start-Control-Connection-Reply."""
    _proto_ver(p, at)
    _result_code(p, at + 2, SCCRP)
    _err_code(p, at + 3)
    _capabilities(p, at + 4)


def _capabilities(p: Pkt, at: int) -> None:
    """The tail SCCRQ and SCCRP share: capabilities, host and vendor."""
    _framing_cap(p, at)
    _bearer_cap(p, at + 4)
    _u16(p, "MAX_CHAN", at + 8)
    _u16(p, "FIRM_REV", at + 10)
    _text(p, "HOSTNAME", at + 12, 64)
    _text(p, "VENDOR", at + 76, 64)


def _stopccrq(p: Pkt, at: int) -> None:
    """Stop-Control-Connection-Request."""
    v = p.u8(at)
    p.w(f" REASON({v}")
    if p.o.v:
        p.w(f":{_STOP_REASONS.get(v, '?')}")
    p.w(")")
    _reserved1(p, at + 1)
    _reserved2(p, at + 2)


def _stopccrp(p: Pkt, at: int) -> None:
    """Stop-Control-Connection-Reply."""
    _result_code(p, at, STOPCCRP)
    _err_code(p, at + 1)
    _reserved2(p, at + 2)


def _echorq(p: Pkt, at: int) -> None:
    _u32(p, "ID", at)


def _echorp(p: Pkt, at: int) -> None:
    _u32(p, "ID", at)
    _result_code(p, at + 4, ECHORP)
    _err_code(p, at + 5)
    _reserved2(p, at + 6)


def _ocrq(p: Pkt, at: int) -> None:
    """Outgoing-Call-Request."""
    _u16(p, "CALL_ID", at)
    _u16(p, "CALL_SER_NUM", at + 2)
    _u32(p, "MIN_BPS", at + 4)
    _u32(p, "MAX_BPS", at + 8)
    _bearer_type(p, at + 12)
    _framing_type(p, at + 16)
    _rec_window_delay(p, at + 20)
    _u16(p, "PHONE_NO_LEN", at + 24)
    _reserved2(p, at + 26)
    _text(p, "PHONE_NO", at + 28, min(64, p.u16(at + 24)))
    _text(p, "SUB_ADDR", at + 92, 64)


def _ocrp(p: Pkt, at: int) -> None:
    """Outgoing-Call-Reply."""
    _u16(p, "CALL_ID", at)
    _u16(p, "PEER_CALL_ID", at + 2)
    _result_code(p, at + 4, OCRP)
    _err_code(p, at + 5)
    _u16(p, "CAUSE_CODE", at + 6)
    _u32(p, "CONN_SPEED", at + 8)
    _rec_window_delay(p, at + 12)
    _u32(p, "PHY_CHAN_ID", at + 16)


def _icrq(p: Pkt, at: int) -> None:
    """Incoming-Call-Request."""
    _u16(p, "CALL_ID", at)
    _u16(p, "CALL_SER_NUM", at + 2)
    _bearer_type(p, at + 4)
    _u32(p, "PHY_CHAN_ID", at + 8)
    _u16(p, "DIALED_NO_LEN", at + 12)
    _u16(p, "DIALING_NO_LEN", at + 14)
    _text(p, "DIALED_NO", at + 16, min(64, p.u16(at + 12)))
    _text(p, "DIALING_NO", at + 80, min(64, p.u16(at + 14)))
    _text(p, "SUB_ADDR", at + 144, 64)


def _icrp(p: Pkt, at: int) -> None:
    """Incoming-Call-Reply."""
    _u16(p, "CALL_ID", at)
    _u16(p, "PEER_CALL_ID", at + 2)
    _result_code(p, at + 4, ICRP)
    _err_code(p, at + 5)
    _rec_window_delay(p, at + 6)
    _reserved2(p, at + 10)


def _iccn(p: Pkt, at: int) -> None:
    """Incoming-Call-Connected."""
    _u16(p, "PEER_CALL_ID", at)
    _reserved2(p, at + 2)
    _u32(p, "CONN_SPEED", at + 4)
    _rec_window_delay(p, at + 8)
    _framing_type(p, at + 12)


def _ccrq(p: Pkt, at: int) -> None:
    """Call-Clear-Request."""
    _u16(p, "CALL_ID", at)
    _reserved2(p, at + 2)


def _cdn(p: Pkt, at: int) -> None:
    """Call-Disconnect-Notify."""
    _u16(p, "CALL_ID", at)
    _result_code(p, at + 2, CDN)
    _err_code(p, at + 3)
    _u16(p, "CAUSE_CODE", at + 4)
    _reserved2(p, at + 6)
    _text(p, "CALL_STATS", at + 8, 128)


def _wen(p: Pkt, at: int) -> None:
    """WAN-Error-Notify."""
    _u16(p, "PEER_CALL_ID", at)
    _reserved2(p, at + 2)
    for i, name in enumerate(("CRC_ERR", "FRAMING_ERR", "HARDWARE_OVERRUN", "BUFFER_OVERRUN",
                              "TIMEOUT_ERR", "ALIGN_ERR")):
        _u32(p, name, at + 4 + 4 * i)


def _sli(p: Pkt, at: int) -> None:
    """Set-Link-Info."""
    _u16(p, "PEER_CALL_ID", at)
    _reserved2(p, at + 2)
    p.w(f" SEND_ACCM(0x{p.u32(at + 4):08x})")
    p.w(f" RECV_ACCM(0x{p.u32(at + 8):08x})")


_MESSAGES: dict[int, Callable[[Pkt, int], None]] = {
    1: _sccrq, 2: _sccrp, 3: _stopccrq, 4: _stopccrp, 5: _echorq, 6: _echorp, 7: _ocrq, 8: _ocrp,
    9: _icrq, 10: _icrp, 11: _iccn, 12: _ccrq, 13: _cdn, 14: _wen, 15: _sli}


def pptp_print(p: Pkt, bp: int, length: int) -> None:
    """tcpdump's pptp_print (the TCP length is not used, as in tcpdump)."""
    p.proto = "pptp"
    p.w(": pptp")
    if p.o.v:
        p.w(f" Length={p.u16(bp)}")
        p.w({1: " CTRL-MSG", 2: " MGMT-MSG"}.get(p.u16(bp + 2), " UNKNOWN-MSG-TYPE"))
    mc = p.u32(bp + 4)
    if mc != MAGIC_COOKIE:
        p.w(f" UNEXPECTED Magic-Cookie!!({mc:08x})")
    if p.o.v or mc != MAGIC_COOKIE:
        p.w(f" Magic-Cookie={mc:08x}")
    kind = p.u16(bp + 8)
    p.w(f" CTRL_MSGTYPE={_CTRL_TYPES[kind]}" if kind < len(_CTRL_TYPES)
        else f" UNKNOWN_CTRL_MSGTYPE({kind})")
    _reserved2(p, bp + 10)
    message = _MESSAGES.get(kind)
    if message is not None:
        message(p, bp + 12)
