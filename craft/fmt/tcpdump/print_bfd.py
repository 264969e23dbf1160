"""BFD (RFC 5880/5881/5883, UDP 3784, 3785, 4784, 6784) as tcpdump 4.99
prints it: version, session state and flags; with -v the diagnostic, the
timers and the authentication section. Private to craft.fmt.tcpdump."""

from __future__ import annotations

from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.util_print import bittok, fn_char, print_unknown_data

CONTROL, ECHO, MULTIHOP, LAG = 3784, 3785, 4784, 6784
PORTS = frozenset((CONTROL, ECHO, MULTIHOP, LAG))
_PORT_NAMES = {CONTROL: "Control", MULTIHOP: "Multihop", LAG: "Lag"}
_DIAG = ("No Diagnostic", "Control Detection Time Expired", "Echo Function Failed",
         "Neighbor Signaled Session Down", "Forwarding Plane Reset", "Path Down",
         "Concatenated Path Down", "Administratively Down", "Reverse Concatenated Path Down")
_V0_FLAGS = ((0x80, "I Hear You"), (0x40, "Demand"), (0x20, "Poll"), (0x10, "Final"),
             (0x08, "Control Plane Independent"), (0x04, "Authentication Present"),
             (0x02, "Reserved"), (0x01, "Reserved"))
_V1_FLAGS = ((0x20, "Poll"), (0x10, "Final"), (0x08, "Control Plane Independent"),
             (0x04, "Authentication Present"), (0x02, "Demand"), (0x01, "Multipoint"))
_STATES = ("AdminDown", "Down", "Init", "Up")
_AUTH = {1: "Simple Password", 2: "Keyed MD5", 3: "Meticulous Keyed MD5", 4: "Keyed SHA1",
         5: "Meticulous Keyed SHA1"}


def _auth(p: Pkt, at: int) -> None:
    """The authentication section after the 24-byte header (tcpdump's auth_print)."""
    if not p.test(at, 4):
        raise Trunc
    kind, n = p.u8(at), p.u8(at + 1)
    p.w(f"\n\tAuthentication: {_AUTH.get(kind, 'Unknown')} ({kind}), length: {n}")
    p.w(f"\n\t  Auth Key ID: {p.u8(at + 2)}")
    if kind == 1:
        if not 4 <= n <= 19:
            p.w(f"[invalid length {n}]")
            return
        p.w(", Password: ")
        for i in range(n - 3):  # nd_printjn: what was captured stays printed
            p.w(fn_char(p.u8(at + 3 + i)))
    elif kind in (2, 3, 4, 5):
        size, word = (16, "Digest") if kind in (2, 3) else (20, "Hash")
        if n != size + 8:
            p.w(f"[invalid length {n}]")
            return
        p.w(f", Sequence Number: 0x{p.u32(at + 4):08x}")
        if not p.test(at + 8, size):
            raise Trunc
        p.w(f"\n\t  {word}: {p.b(at + 8, size).hex()}")


def bfd_print(p: Pkt, bp: int, length: int, port: int = -1) -> None:
    """tcpdump's bfd_print; ``port`` is the UDP destination port (by default
    read from the UDP header before ``bp``)."""

    if port < 0:
        port = p.u16(bp - 6)
    p.proto = "bfd"
    if port not in _PORT_NAMES:
        p.w(f"BFD, Echo, length: {length}" if port == ECHO else f"BFD, unknown ({port}), length: "
            f"{length}")
        if p.o.v:
            print_unknown_data(p, bp, "\n\t", length)
        return
    if not p.test(bp, 24):
        raise Trunc
    vd, flags = p.u8(bp), p.u8(bp + 1)
    version, diag = vd >> 5, vd & 0x1F
    if version > 1:
        p.w(f"BFDv{version}, Control, length: {length}")
        if p.o.v:
            print_unknown_data(p, bp, "\n\t", length)
        return
    if version == 0:
        words = f"Control, Flags: [{bittok(_V0_FLAGS, 'none', flags)}]"
    else:
        words = (f"{_PORT_NAMES[port]}, State {_STATES[flags >> 6]}, "
                 f"Flags: [{bittok(_V1_FLAGS, 'none', flags & 0x3F)}]")
    if not p.o.v:
        p.w(f"BFDv{version}, {words}, length: {length}")
        return
    mult, tx = p.u8(bp + 2), p.u32(bp + 12)
    p.w(f"BFDv{version}, length: {length}\n\t{words}, Diagnostic: "
        f"{_DIAG[diag] if diag < len(_DIAG) else 'unknown'} (0x{diag:02x})"
        f"\n\tDetection Timer Multiplier: {mult} ({(mult * tx & 0xFFFFFFFF) // 1000} ms Detection "
        f"time), "
        f"BFD Length: {p.u8(bp + 3)}"
        f"\n\tMy Discriminator: 0x{p.u32(bp + 4):08x}, Your Discriminator: 0x{p.u32(bp + 8):08x}"
        f"\n\t  Desired min Tx Interval:    {tx // 1000:4d} ms"
        f"\n\t  Required min Rx Interval:   {p.u32(bp + 16) // 1000:4d} ms"
        f"\n\t  Required min Echo Interval: {p.u32(bp + 20) // 1000:4d} ms")
    if flags & 0x04:
        _auth(p, bp + 24)
