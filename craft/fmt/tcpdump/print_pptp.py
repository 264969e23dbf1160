"""PPTP control connection (RFC 2637, TCP port 1723) as tcpdump 4.99
prints it: the control message type and every control message's fields
(protocol version, result and error codes, framing and bearer capabilities,
call ids, host, vendor and phone numbers, WAN error counters, ACCMs). With
-v also the header's length, message type and magic cookie, and the names
of result, error and reason codes. Private to craft.fmt.tcpdump."""

from __future__ import annotations

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


def _u16(p: Pkt, at: int, name: str) -> None:
    p.w(f" {name}({p.u16(at)})")


def _u32(p: Pkt, at: int, name: str) -> None:
    p.w(f" {name}({p.u32(at)})")


def _accm(p: Pkt, at: int, name: str) -> None:
    p.w(f" {name}(0x{p.u32(at):08x})")


def _text(p: Pkt, at: int, name: str, n: int, len_at: int | None = None) -> None:
    """NAME and N bytes of text (with LEN_AT: no more than the 16-bit length
    that far from AT says)."""
    if len_at is not None:
        n = min(n, p.u16(at + len_at))
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


def _code(p: Pkt, at: int, name: str, names: dict[int, str]) -> None:
    """A one-byte code (result, error, reason), with -v its name from NAMES."""
    v = p.u8(at)
    p.w(f" {name}({v}")
    if p.o.v:
        p.w(f":{names.get(v, '?')}")
    p.w(")")


# --------------------------------------------------------------- messages

# A message's fields: (offset, printer, its arguments), printed in order.
_Layout = tuple[tuple[object, ...], ...]


def _result_err(at: int, ctrl_type: int) -> _Layout:
    """The result and error codes at AT, results named for CTRL_TYPE."""
    return ((at, _code, "RESULT_CODE", _RESULTS[ctrl_type]),
            (at + 1, _code, "ERR_CODE", _ERR_CODES))


def _rec_window_delay(at: int) -> _Layout:
    return ((at, _u16, "RECV_WIN"), (at + 2, _u16, "PROC_DELAY"))


# the tail SCCRQ and SCCRP share: capabilities, host and vendor
_CAPABILITIES: _Layout = (
    (4, _framing_cap), (8, _bearer_cap), (12, _u16, "MAX_CHAN"), (14, _u16, "FIRM_REV"),
    (16, _text, "HOSTNAME", 64), (80, _text, "VENDOR", 64))

_MESSAGES: dict[int, _Layout] = {
    1: ((0, _proto_ver), (2, _reserved2), *_CAPABILITIES),  # Start-Control-Connection-Request
    2: ((0, _proto_ver), *_result_err(2, SCCRP), *_CAPABILITIES),  # ...-Reply
    3: ((0, _code, "REASON", _STOP_REASONS), (1, _reserved1), (2, _reserved2)),  # Stop-...-Request
    4: (*_result_err(0, STOPCCRP), (2, _reserved2)),  # Stop-Control-Connection-Reply
    5: ((0, _u32, "ID"),),  # Echo-Request
    6: ((0, _u32, "ID"), *_result_err(4, ECHORP), (6, _reserved2)),  # Echo-Reply
    7: ((0, _u16, "CALL_ID"), (2, _u16, "CALL_SER_NUM"), (4, _u32, "MIN_BPS"),  # Outgoing-Call-
        (8, _u32, "MAX_BPS"), (12, _bearer_type), (16, _framing_type),  # Request
        *_rec_window_delay(20), (24, _u16, "PHONE_NO_LEN"), (26, _reserved2),
        (28, _text, "PHONE_NO", 64, -4), (92, _text, "SUB_ADDR", 64)),
    8: ((0, _u16, "CALL_ID"), (2, _u16, "PEER_CALL_ID"), *_result_err(4, OCRP),  # Outgoing-Call-
        (6, _u16, "CAUSE_CODE"), (8, _u32, "CONN_SPEED"), *_rec_window_delay(12),  # Reply
        (16, _u32, "PHY_CHAN_ID")),
    9: ((0, _u16, "CALL_ID"), (2, _u16, "CALL_SER_NUM"), (4, _bearer_type),  # Incoming-Call-
        (8, _u32, "PHY_CHAN_ID"), (12, _u16, "DIALED_NO_LEN"), (14, _u16, "DIALING_NO_LEN"),
        (16, _text, "DIALED_NO", 64, -4), (80, _text, "DIALING_NO", 64, -66),  # Request
        (144, _text, "SUB_ADDR", 64)),
    10: ((0, _u16, "CALL_ID"), (2, _u16, "PEER_CALL_ID"), *_result_err(4, ICRP),  # Incoming-
         *_rec_window_delay(6), (10, _reserved2)),  # Call-Reply
    11: ((0, _u16, "PEER_CALL_ID"), (2, _reserved2), (4, _u32, "CONN_SPEED"),  # Incoming-Call-
         *_rec_window_delay(8), (12, _framing_type)),  # Connected
    12: ((0, _u16, "CALL_ID"), (2, _reserved2)),  # Call-Clear-Request
    13: ((0, _u16, "CALL_ID"), *_result_err(2, CDN), (4, _u16, "CAUSE_CODE"),  # Call-Disconnect-
         (6, _reserved2), (8, _text, "CALL_STATS", 128)),  # Notify
    14: ((0, _u16, "PEER_CALL_ID"), (2, _reserved2),  # WAN-Error-Notify
         *((4 + 4 * i, _u32, name) for i, name in enumerate((
             "CRC_ERR", "FRAMING_ERR", "HARDWARE_OVERRUN", "BUFFER_OVERRUN", "TIMEOUT_ERR",
             "ALIGN_ERR")))),
    15: ((0, _u16, "PEER_CALL_ID"), (2, _reserved2), (4, _accm, "SEND_ACCM"),  # Set-Link-Info
         (8, _accm, "RECV_ACCM")),
}


def _fields(p: Pkt, at: int, layout: _Layout) -> None:
    """A message's fields from AT, as LAYOUT lists them."""
    for off, printer, *args in layout:
        printer(p, at + off, *args)  # type: ignore[operator]


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
    layout = _MESSAGES.get(kind)
    if layout is not None:
        _fields(p, bp + 12, layout)
