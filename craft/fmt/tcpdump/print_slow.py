"""IEEE slow protocols (Ethertype 0x8809) as tcpdump 4.99 prints them: LACP
and Marker (802.3ad) and Ethernet OAM (802.3ah), with their TLVs under -v.
Private to craft.fmt.tcpdump."""

from __future__ import annotations

from craft.fmt.tcpdump.addrtoname import mac
from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.oui import OUIS
from craft.fmt.tcpdump.util_print import bittok, print_unknown_data

_PROTOS = {1: "LACP", 2: "MARKER", 3: "OAM"}
_TLVS = {(1, 0): "Terminator", (1, 1): "Actor Information", (1, 2): "Partner Information",
         (1, 3): "Collector Information", (2, 0): "Terminator", (2, 1): "Marker Information"}
_OAM_FLAGS = ((0x01, "Link Fault"), (0x02, "Dying Gasp"), (0x04, "Critical Event"),
              (0x08, "Local Evaluating"), (0x10, "Local Stable"), (0x20, "Remote Evaluating"),
              (0x40, "Remote Stable"))
_OAM_CODES = {0: "Information", 1: "Event Notification", 2: "Variable Request",
              3: "Variable Response", 4: "Loopback Control", 0xFE: "Vendor Private"}
_OAM_INFO = {0: "End of TLV marker", 1: "Local", 2: "Remote", 0xFE: "Organization specific"}
_OAM_PARSER = {0: "forwarding", 1: "looping back", 2: "discarding", 3: "reserved"}
_OAM_CONFIG = ((0x01, "Active"), (0x02, "Unidirectional"), (0x04, "Remote-Loopback"),
               (0x08, "Link-Events"), (0x10, "Variable-Retrieval"))
_LINK_EVENTS = {0: "End of TLV marker", 1: "Errored Symbol Period Event", 2: "Errored Frame Event",
                3: "Errored Frame Period Event", 4: "Errored Frame Seconds Summary Event",
                0xFE: "Organization specific"}
_LOOPBACK = {1: "Enable OAM Remote Loopback", 2: "Disable OAM Remote Loopback"}
_STATE = ((0x01, "Activity"), (0x02, "Timeout"), (0x04, "Aggregation"), (0x08, "Synchronization"),
          (0x10, "Collecting"), (0x20, "Distributing"), (0x40, "Default"), (0x80, "Expired"))


def slow_print(p: Pkt, bp: int, length: int) -> None:
    """tcpdump's slow_print."""

    p.proto = "slow"
    v = p.o.v
    if length < 1:
        p.w("\n\t\t packet is too short" if v else " (packet is too short)")
        return
    sub = p.u8(bp)
    name = _PROTOS.get(sub, f"unknown ({sub})")
    if sub in (1, 2):
        if length < 2:
            p.w("\n\t\t packet is too short" if v else " (packet is too short)")
            return
        if p.u8(bp + 1) != 1:
            p.w(f"{name} version {p.u8(bp + 1)} packet not supported")
            return
        p.w(f"{name}v{p.u8(bp + 1)}, length {length}")
    else:
        p.w(f"{name}, length {length}")
    if sub not in _PROTOS:
        print_unknown_data(p, bp, "\n\t", length)
        return
    if not v:
        return
    if sub == 3:
        _oam_print(p, bp + 1, length - 1)
        return
    at, left = bp + 2, length - 2
    while left:
        if left < 2:
            _too_short(p)
            return
        kind, tlen = p.u8(at), p.u8(at + 1)
        p.w(f"\n\t{_TLVS.get((sub, kind), 'Unknown')} TLV (0x{kind:02x}), length {tlen}")
        if not _tlv_ok(p, at, kind, tlen, left):
            return
        body, blen = at + 2, tlen - 2
        want = _TLV_LEN.get((sub, kind))
        if want is not None and blen != want:
            p.w(f"\n\t    ERROR: illegal length - should be {want + 2}")
        elif sub == 1 and kind in (1, 2):
            p.w(f"\n\t  System {mac(p.b(body + 2, 6))}, System Priority {p.u16(body)}, Key "
                f"{p.u16(body + 8)}, Port {p.u16(body + 12)}, Port Priority {p.u16(body + 10)}"
                f"\n\t  State Flags [{bittok(_STATE, 'none', p.u8(body + 14))}]")
        elif sub == 1 and kind == 3:
            p.w(f"\n\t  Max Delay {p.u16(body)}")
        elif sub == 2 and kind == 1:
            p.w(f"\n\t  Request System {mac(p.b(body + 2, 6))}, Request Port {p.u16(body)}, "
                f"Request Transaction ID 0x{p.u32(body + 8):08x}")
        elif v <= 1:
            print_unknown_data(p, body, "\n\t  ", blen)
        if v > 1:
            print_unknown_data(p, body, "\n\t  ", blen)
        at, left = at + tlen, left - tlen


# (protocol, TLV type): the length of the TLV's value (LACP actor and partner, collector;
# marker information)
_TLV_LEN = {(1, 1): 18, (1, 2): 18, (1, 3): 14, (2, 1): 14}


def _too_short(p: Pkt) -> None:
    p.w("\n\t\t packet is too short")


def _tlv_ok(p: Pkt, at: int, kind: int, tlen: int, left: int) -> bool:
    """False when this TLV ends the list (the end marker, or a length that is
    wrong: said so); Trunc when it was not captured."""
    if kind == 0:
        return False
    if tlen < 2:
        p.w("\n\t    ERROR: illegal length - should be >= 2")
        return False
    if left < tlen:
        _too_short(p)
        return False
    if not p.test(at, tlen):
        raise Trunc
    return True


def _oam_print(p: Pkt, at: int, left: int) -> None:
    """tcpdump's slow_oam_print: flags and code, then the code's TLVs."""

    if left < 3:
        _too_short(p)
        return
    if not p.test(at, 3):
        raise Trunc
    code = p.u8(at + 2)
    p.w(f"\n\tCode {_OAM_CODES.get(code, f'Unknown ({code})')} OAM PDU, "
        f"Flags [{bittok(_OAM_FLAGS, 'none', p.u16(at))}]")
    at, left = at + 3, left - 3
    if code in (0, 1):
        if code == 1:
            if left < 2:
                _too_short(p)
                return
            p.w(f"\n\t  Sequence Number {p.u16(at)}")
            at, left = at + 2, left - 2
        while left:
            if left < 2:
                _too_short(p)
                return
            if code == 0 and not p.test(at, 2):
                raise Trunc
            kind, tlen = p.u8(at), p.u8(at + 1)
            if code == 0:
                p.w(f"\n\t  {_OAM_INFO.get(kind, 'Reserved')} Information Type ({kind}), length "
                    f"{tlen}")
            else:
                p.w(f"\n\t  {_LINK_EVENTS.get(kind, 'Reserved')} Link Event Type ({kind}), length "
                    f"{tlen}")
            if not _tlv_ok(p, at, kind, tlen, left):
                return
            hexdump = True
            if code == 0 and kind in (1, 2):
                if tlen != 16:
                    p.w("\n\t    ERROR: illegal length - should be 16")
                else:
                    hexdump = False
                    state, oui = p.u8(at + 5), int.from_bytes(p.b(at + 9, 3), "big")
                    p.w(f"\n\t    OAM-Version {p.u8(at + 2)}, Revision {p.u16(at + 3)}"
                        f"\n\t    State-Parser-Action {_OAM_PARSER[state & 3]}, State-MUX-Action "
                        f"{'discarding' if state & 4 else 'forwarding'}"
                        f"\n\t    OAM-Config Flags [{bittok(_OAM_CONFIG, 'none', p.u8(at + 6))}], "
                        f"OAM-PDU-Config max-PDU size {p.u16(at + 7) & 0x7FF}"
                        f"\n\t    OUI {OUIS.get(oui, 'Unknown')} (0x{oui:06x}), "
                        f"Vendor-Private 0x{p.u32(at + 12):08x}")
            elif code == 1 and 1 <= kind <= 4:
                if tlen != 40:
                    p.w("\n\t    ERROR: illegal length - should be 40")
                else:
                    hexdump = False
                    u64 = [int.from_bytes(p.b(at + 4 + 8 * i, 8), "big") for i in range(4)]
                    p.w(f"\n\t    Timestamp {p.u16(at + 2) * 100} ms, Errored Window {u64[0]}"
                        f"\n\t    Errored Threshold {u64[1]}\n\t    Errors {u64[2]}"
                        f"\n\t    Error Running Total {u64[3]}\n\t    Event Running Total "
                        f"{p.u32(at + 36)}")
            if p.o.v > 1 or hexdump:
                print_unknown_data(p, at, "\n\t  ", tlen)
            at, left = at + tlen, left - tlen
    elif code == 4:
        if left < 1:
            _too_short(p)
            return
        cmd = p.u8(at)
        p.w(f"\n\t  Command {_LOOPBACK.get(cmd, 'Unknown')} ({cmd})")
    elif p.o.v <= 1:
        print_unknown_data(p, at, "\n\t  ", left)
