"""L2TPv2 (RFC 2661, UDP port 1701) as tcpdump 4.99 prints it: the header
flags, tunnel and session ids, sequence numbers, then a control message's
AVPs or a data message's PPP frame. Private to craft.fmt.tcpdump."""

from __future__ import annotations

from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.print_ppp import ppp_print
from craft.fmt.tcpdump.util_print import fn_char

_MSG_TYPES = {1: "SCCRQ", 2: "SCCRP", 3: "SCCCN", 4: "StopCCN", 6: "HELLO", 7: "OCRQ", 8: "OCRP",
              9: "OCCN", 10: "ICRQ", 11: "ICRP", 12: "ICCN", 14: "CDN", 15: "WEN", 16: "SLI"}
_AVPS = ("MSGTYPE", "RESULT_CODE", "PROTO_VER", "FRAMING_CAP", "BEARER_CAP", "TIE_BREAKER",
         "FIRM_VER", "HOST_NAME", "VENDOR_NAME", "ASSND_TUN_ID", "RECV_WIN_SIZE", "CHALLENGE",
         "Q931_CC", "CHALLENGE_RESP", "ASSND_SESS_ID", "CALL_SER_NUM", "MINIMUM_BPS",
         "MAXIMUM_BPS", "BEARER_TYPE", "FRAMING_TYPE", "PACKET_PROC_DELAY", "CALLED_NUMBER",
         "CALLING_NUMBER", "SUB_ADDRESS", "TX_CONN_SPEED", "PHY_CHANNEL_ID", "INI_RECV_LCP",
         "LAST_SENT_LCP", "LAST_RECV_LCP", "PROXY_AUTH_TYPE", "PROXY_AUTH_NAME",
         "PROXY_AUTH_CHAL", "PROXY_AUTH_ID", "PROXY_AUTH_RESP", "CALL_ERRORS", "ACCM",
         "RANDOM_VECTOR", "PRIVATE_GRP_ID", "RX_CONN_SPEED", "SEQ_REQUIRED")
_AUTH_TYPES = {0: "Reserved", 1: "Textual", 2: "CHAP", 3: "PAP", 4: "No Auth", 5: "MS-CHAPv1"}
_CC_DIRECTIONS = {0: "global error", 1: "at peer", 2: "at local"}
_SHORT = "AVP too short"


def _octets(p: Pkt, at: int, n: int) -> None:
    for i in range(n):
        p.w(f"{p.u8(at + i):02x}")


def _text(p: Pkt, at: int, n: int) -> None:
    for i in range(n):
        p.w(fn_char(p.u8(at + i)))


def _flags(p: Pkt, at: int, bits: tuple[tuple[int, str], ...]) -> None:
    v = p.u32(at)
    p.w("".join(w for b, w in bits if v & b))


# the least length of each attribute's value: shorter ones are "AVP too short"
_MIN_LEN = {0: 2, 1: 2, 2: 2, 3: 4, 4: 4, 5: 8, 6: 2, 9: 2, 10: 2, 12: 3, 13: 16, 14: 2, 15: 4,
            16: 4, 17: 4, 18: 4, 19: 4, 24: 4, 25: 4, 29: 2, 32: 2, 34: 2, 35: 2, 38: 4, 46: 5}


def _value(p: Pkt, kind: int, at: int, n: int) -> None:
    """One IETF attribute's value (tcpdump's per-AVP printers)."""
    if n < _MIN_LEN.get(kind, 0):
        p.w(_SHORT)
    elif kind == 0:
        v = p.u16(at)
        p.w(_MSG_TYPES.get(v, f"MSGTYPE-#{v}"))
    elif kind == 1:
        p.w(f"{p.u16(at)}")
        if n == 2:
            return
        if n < 4:
            p.w(f" {_SHORT}")
            return
        p.w(f"/{p.u16(at + 2)}")
        if n > 4:
            p.w(" ")
            _text(p, at + 4, n - 4)
    elif kind == 2:
        p.w(f"{p.u16(at) >> 8}.{p.u16(at) & 0xFF}")
    elif kind in (3, 19):
        _flags(p, at, ((2, "A"), (1, "S")))
    elif kind in (4, 18):
        _flags(p, at, ((2, "A"), (1, "D")))
    elif kind in (5, 13):
        _octets(p, at, _MIN_LEN[kind])
    elif kind in (6, 9, 10, 14):
        p.w(f"{p.u16(at)}")
    elif kind in (7, 8, 21, 22, 23, 30, 37):
        _text(p, at, n)
    elif kind in (11, 26, 27, 28, 31, 33, 36):
        _octets(p, at, n)
    elif kind == 12:
        p.w(f"{p.u16(at)}")
        p.w(f", {p.u8(at + 2):02x}")
        if n > 3:
            p.w(" ")
            _text(p, at + 3, n - 3)
    elif kind in (15, 16, 17, 24, 25, 38):
        p.w(f"{p.u32(at)}")
    elif kind == 20:
        p.w("obsolete")
    elif kind == 29:
        v = p.u16(at)
        p.w(_AUTH_TYPES.get(v, f"AuthType-#{v}"))
    elif kind == 32:
        p.w(f"{p.u16(at) & 0xFF}")
    elif kind in (34, 35):
        at, n = at + 2, n - 2
        words = (("CRCErr=%u ", "FrameErr=%u ", "HardOver=%u ", "BufOver=%u ", "Timeout=%u ",
                  "AlignErr=%u ") if kind == 34 else ("send=%08x ", "recv=%08x "))
        for word in words:
            if n < 4:
                p.w(_SHORT)
                return
            p.w(word % p.u32(at))
            at, n = at + 4, n - 4
    elif kind == 46:
        p.w(f"{p.u16(at):04x}, ")
        p.w(f"{p.u16(at + 2):04x} ")
        d = p.u8(at + 4)
        p.w(_CC_DIRECTIONS.get(d, f"Direction-#{d}"))
        if n > 5:
            p.w(" ")
            _text(p, at + 5, n - 5)


def _avp(p: Pkt, at: int, left: int) -> int:
    """One AVP (tcpdump's l2tp_avp_print); its length."""
    p.w(" ")
    head = p.u16(at)
    n = head & 0x03FF
    if n < 6 or n > left or not p.test(at, n):  # (4.99.3 marks each of these as a cut)
        raise Trunc(local=True)
    if head & 0x8000:
        p.w("*")
    hidden = bool(head & 0x4000)
    if hidden:
        p.w("?")
    vendor = p.u16(at + 2)
    if vendor:
        p.w(f"VENDOR{vendor:04x}:ATTR{p.u16(at + 4):04x}(")
        _octets(p, at + 6, n - 6)
        p.w(")")
        return n
    kind = p.u16(at + 4)
    name = _AVPS[kind] if kind < len(_AVPS) else "PPP_DISCON_CC" if kind == 46 else f"AVP-#{kind}"
    p.w(f"{name}(")
    if hidden:
        p.w("???")
    else:
        _value(p, kind, at + 6, n - 6)
    p.w(")")
    return n


def l2tp_print(p: Pkt, bp: int, length: int) -> None:
    """tcpdump's l2tp_print."""

    p.proto = "l2tp"
    head = p.u16(bp)
    version = head & 0x000F
    if version == 1:
        p.w(" l2f:")
        return
    if version != 2:
        p.w(" Unknown Version, neither L2F(1) nor L2TP(2)")
        return
    p.w(" l2tp:[")
    p.w("".join(w for b, w in ((0x8000, "T"), (0x4000, "L"), (0x0800, "S"), (0x0200, "O"),
                               (0x0100, "P")) if head & b))
    p.w("]")
    at, cnt = bp + 2, 2
    l2tp_len = 0
    if head & 0x4000:
        l2tp_len = p.u16(at)
        at, cnt = at + 2, cnt + 2
    p.w(f"({p.u16(at)}/")
    p.w(f"{p.u16(at + 2)})")
    at, cnt = at + 4, cnt + 4
    if head & 0x0800:
        p.w(f"Ns={p.u16(at)},")
        p.w(f"Nr={p.u16(at + 2)}")
        at, cnt = at + 4, cnt + 4
    if head & 0x0200:
        pad = p.u16(at)
        if not p.test(at + 2, pad):  # the padding must have been captured
            raise Trunc(local=True)
        at, cnt = at + 2 + pad, cnt + 2 + pad
    if head & 0x4000:
        if length < l2tp_len:
            p.w(f" Length {l2tp_len} larger than packet")
            return
        length = l2tp_len
    if length < cnt:
        p.w(f" Length {length} smaller than header length")
        return
    if head & 0x8000:
        if not head & 0x4000:
            p.w(" No length")
            return
        if length == cnt:
            p.w(" ZLB")
            return
        while length - cnt:
            n = _avp(p, at, length - cnt)
            at, cnt = at + n, cnt + n
    else:
        p.w(" {")
        try:
            ppp_print(p, at, length - cnt)
        except Trunc as cut:  # a printer inside that marked its cut returns here
            if not cut.local:
                raise
            p.trunc()
        p.w("}")
