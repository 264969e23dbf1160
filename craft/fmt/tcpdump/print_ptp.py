"""PTP, the Precision Time Protocol (IEEE 1588, UDP ports 319 and 320), as
tcpdump 4.99.3 prints it, at every verbosity alike: the version; for PTPv2
the common header (v1 compatibility, message type, length, domain, flags,
correction, clock identity, port and sequence ids, control, log message
interval) and the body of sync, delay req, peer delay req/resp, follow up,
delay resp, pdelay resp follow up, announce, signalling and management
messages. PTPv1 is "(not implemented)"; other versions print the number
only. Private to craft.fmt.tcpdump."""

from __future__ import annotations

from craft.fmt.tcpdump.netdissect import Pkt

HEADER_LEN = 34
_MSG_TYPES = {0x0: "sync msg", 0x1: "delay req msg", 0x2: "peer delay req msg",
              0x3: "peer delay resp msg", 0x8: "follow up msg", 0x9: "delay resp msg",
              0xA: "pdelay resp fup msg", 0xB: "announce msg", 0xC: "signalling msg",
              0xD: "management msg"}
_CONTROL = ("Sync", "Delay_Req", "Follow_Up", "Delay_Resp", "Management", "Other")
_FLAGS = ((0x0001, "l1 61"), (0x0002, "l1 59"), (0x0004, "utc reasonable"), (0x0008, "timescale"),
          (0x0010, "time tracable"), (0x0020, "frequency tracable"), (0x0100, "alternate master"),
          (0x0200, "two step"), (0x0400, "unicast"), (0x1000, "profile specific 1"),
          (0x2000, "profile specific 2"), (0x4000, "security mask"), (0x18C0, "unknown"))
ORIGIN, PRECISE_ORIGIN, RECEIVE = "originTimeStamp", "preciseOriginTimeStamp", "receiveTimeStamp"


def _u48(p: Pkt, at: int) -> int:
    return int.from_bytes(p.b(at, 6), "big")


def _u64(p: Pkt, at: int) -> int:
    return int.from_bytes(p.b(at, 8), "big")


def _flag_words(flags: int) -> str:
    """tcpdump's bittok2str: a name for each mask whose bits are all set."""
    words = [w for mask, w in _FLAGS if flags & mask == mask]
    return ", ".join(words) if words else "none"


def _timestamp(p: Pkt, at: int, name: str) -> None:
    """A 48-bit seconds and 32-bit nanoseconds timestamp."""
    p.w(f", {name} :")
    p.w(f" {_u48(p, at)} seconds,")
    p.w(f" {p.u32(at + 6)} nanoseconds")


def _port_identity(p: Pkt, at: int) -> None:
    p.w(f", port identity : 0x{_u64(p, at):x}")
    p.w(f", port id : {p.u16(at + 8)}")


def _timestamp_identity(p: Pkt, at: int, name: str) -> None:
    _timestamp(p, at, name)
    _port_identity(p, at + 10)


def _announce(p: Pkt, at: int) -> None:
    """Announce: the origin timestamp (no comma after the seconds here) and
    the grandmaster's attributes."""
    p.w(f", {ORIGIN} :")
    p.w(f" {_u48(p, at)} seconds")
    p.w(f" {p.u32(at + 6)} nanoseconds")
    p.w(f", origin cur utc :{p.u16(at + 10)}")
    p.w(f", rsvd : {p.u8(at + 12)}")
    p.w(f", gm priority_1 : {p.u8(at + 13)}")
    p.w(f", gm clock class : {p.u8(at + 14)}")
    p.w(f", gm clock accuracy : {p.u8(at + 15)}")
    p.w(f", gm clock variance : {p.u16(at + 16)}")
    p.w(f", gm priority_2 : {p.u8(at + 18)}")
    p.w(f", gm clock id : 0x{_u64(p, at + 19):x}")
    p.w(f", steps removed : {p.u16(at + 27)}")
    p.w(f", time source : 0x{p.u8(at + 29):x}")


def _management(p: Pkt, at: int) -> None:
    """Management: the target port identity, then four one-byte fields that
    tcpdump 4.99.3 all reads from the first byte of that identity."""
    _port_identity(p, at)
    first = p.u8(at)
    p.w(f", , start boundary hops  {first}, , boundary hops  {first}"
        f", , flags  0x{first:x}, , reserved  0x{first:x}")


def _ptp_v2(p: Pkt, bp: int) -> None:
    first = p.u8(bp)
    mtype = first & 0x0F
    p.w(f", v1 compat : {'yes' if first & 0x10 else 'no'}")
    p.w(f", msg type : {_MSG_TYPES.get(mtype, 'Reserved')}")
    p.w(f", length : {p.u16(bp + 2)}")
    dr = p.u16(bp + 4)
    p.w(f", domain : {dr >> 8}, reserved1 : {dr & 0xFF}")
    p.w(f", Flags [{_flag_words(p.u16(bp + 6))}]")
    p.w(f", NS correction : {_u48(p, bp + 8)}")
    p.w(f", sub NS correction : {p.u16(bp + 14)}")
    p.w(f", reserved2 : {p.u32(bp + 16)}")
    p.w(f", clock identity : 0x{_u64(p, bp + 20):x}")
    p.w(f", port id : {p.u16(bp + 28)}")
    p.w(f", seq id : {p.u16(bp + 30)}")
    control = p.u8(bp + 32)
    p.w(f", control : {control} ({_CONTROL[control] if control < len(_CONTROL) else 'Reserved'})")
    p.w(f", log message interval : {p.u16(bp + 32) & 0xFF}")
    body = bp + HEADER_LEN
    if mtype in (0x0, 0x1):
        _timestamp(p, body, ORIGIN)
    elif mtype == 0x8:
        _timestamp(p, body, PRECISE_ORIGIN)
    elif mtype in (0x2, 0xA):
        _timestamp_identity(p, body, PRECISE_ORIGIN)
    elif mtype in (0x3, 0x9):
        _timestamp_identity(p, body, RECEIVE)
    elif mtype == 0xB:
        _announce(p, body)
    elif mtype == 0xC:
        _port_identity(p, body)
    elif mtype == 0xD:
        _management(p, body)


def ptp_print(p: Pkt, bp: int, length: int) -> None:
    """tcpdump's ptp_print: the version is the whole second byte."""
    p.proto = "ptp"
    if length < HEADER_LEN:
        p.w(f" [length {length} < {HEADER_LEN}] (invalid)")
        return
    version = p.u16(bp) & 0xFF
    p.w(f"PTPv{version}")
    if version == 1:
        p.w(" (not implemented)")
    elif version == 2:
        _ptp_v2(p, bp)
