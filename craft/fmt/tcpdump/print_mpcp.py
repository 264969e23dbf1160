"""EPON MPCP, as tcpdump's print-mpcp.c prints it."""

from __future__ import annotations

from craft.fmt.tcpdump.netdissect import Pkt
from craft.fmt.tcpdump.util_print import bittok, bittok2str, print_unknown_data

_MPCP_OPCODES = {1: "Pause", 2: "Gate", 3: "Report", 4: "Register Request", 5: "Register",
                 6: "Register ACK"}
_GRANT_FLAGS = ((0x08, "Discovery"), (0x10, "Force Grant #1"), (0x20, "Force Grant #2"),
                (0x40, "Force Grant #3"), (0x80, "Force Grant #4"))
_REPORT_BITS = tuple((1 << n, f"Q{n}") for n in range(8))
_REG_REQ_FLAGS = {1: "Register", 3: "De-Register"}
_REG_FLAGS = {1: "Re-Register", 2: "De-Register", 3: "ACK", 4: "NACK"}
_REG_ACK_FLAGS = {0: "NACK", 1: "ACK"}


def mpcp_print(p: Pkt, bp: int, length: int) -> None:
    """IEEE 802.3ah multi-point MAC control (and PAUSE, its opcode 1)."""

    p.proto = "mpcp"
    opcode = p.u16(bp)
    stamp = p.u32(bp + 2)
    p.w(f"MPCP, Opcode {_MPCP_OPCODES.get(opcode, f'Unknown ({opcode})')}")
    if opcode != 1:
        p.w(f", Timestamp {stamp} ticks")
    p.w(f", length {length}")
    if not p.o.v:
        return
    at = bp + 6
    if opcode == 2:
        grants = p.u8(at) & 0x7
        p.w(f"\n\tGrant Numbers {grants}, Flags [ {bittok(_GRANT_FLAGS, '?', p.u8(at) & ~0x7)} ]")
        at += 1
        for n in range(1, grants + 1):
            p.w(f"\n\tGrant #{n}, Start-Time {p.u32(at)} ticks, duration {p.u16(at + 4)} ticks")
            at += 6
        p.w(f"\n\tSync-Time {p.u16(at)} ticks")
    elif opcode == 3:
        sets = p.u8(at)
        at += 1
        p.w(f"\n\tTotal Queue-Sets {sets}")
        for _ in range(1, sets):
            bitmap = p.u8(at)
            p.w(f"\n\t  Queue-Set #{sets}, Report-Bitmap [ "
                f"{bittok(_REPORT_BITS, 'Unknown', bitmap)} ]")
            at += 1
            for q in range(8):
                if bitmap >> q & 1:
                    p.w(f"\n\t    Q{q + 1} Report, Duration {p.u16(at)} ticks")
                    at += 2
    elif opcode == 4:
        flags = p.u8(at)
        p.w(f"\n\tFlags [ {bittok2str(_REG_REQ_FLAGS.items(), 'Reserved', flags)} ], "
            f"Pending-Grants {p.u8(at + 1)}")
    elif opcode == 5:
        port, flags, sync, echoed = p.u16(at), p.u8(at + 2), p.u16(at + 3), p.u8(at + 5)
        p.w(f"\n\tAssigned-Port {port}, Flags [ "
            f"{bittok2str(_REG_FLAGS.items(), 'Reserved', flags)} ]"
            f"\n\tSync-Time {sync} ticks, Echoed-Pending-Grants {echoed}")
    elif opcode == 6:
        flags, port, sync = p.u8(at), p.u16(at + 1), p.u16(at + 3)
        p.w(f"\n\tEchoed-Assigned-Port {port}, Flags [ "
            f"{bittok2str(_REG_ACK_FLAGS.items(), 'Reserved', flags)} ]"
            f"\n\tEchoed-Sync-Time {sync} ticks")
    elif opcode != 1:
        print_unknown_data(p, bp, "\n\t", length)
