"""802.1X EAPOL (Ethertype 0x888e) and the EAP packets it carries (RFC 3748)
as tcpdump 4.99 prints them: the frame type, and with -v the EAP code, id,
method (Identity, Nak, TLS/TTLS/FAST flags, SIM/AKA subtypes). Private to
craft.fmt.tcpdump."""

from __future__ import annotations

from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.util_print import bittok, printjnp

_FRAMES = {0: "EAP packet", 1: "EAPOL start", 2: "EAPOL logoff", 3: "EAPOL key",
           4: "Encapsulated ASF alert"}
_CODES = {1: "Request", 2: "Response", 3: "Success", 4: "Failure"}
_TYPES = {0: "No proposed", 1: "Identity", 2: "Notification", 3: "Nak", 4: "MD5-challenge",
          5: "OTP", 6: "GTC", 13: "TLS", 18: "SIM", 21: "TTLS", 23: "AKA", 43: "FAST",
          254: "Expanded types", 255: "Experimental"}
_TLS_FLAGS = ((0x80, "L bit"), (0x40, "More fragments bit"), (0x20, "Start bit"))
_AKA = {1: "Challenge", 2: "Auth reject", 4: "Sync failure", 5: "Identity", 10: "Start",
        11: "Challenge", 12: "Notification", 13: "Reauth", 14: "Client error"}

# The words of tcpdump's "(too short for EAP ... request/response)".
_SHORT = {2: "Notification", 3: "Legacy NAK", 13: "TLS/TTLS", 21: "TLS/TTLS", 43: "FAST",
          18: "SIM/AKA", 23: "SIM/AKA"}


def eapol_print(p: Pkt, cp: int, length: int = 0) -> None:
    """tcpdump's eapol_print: the 802.1X header, then under -v its EAP packet."""
    p.proto = "eap"
    if not p.test(cp, 4):
        raise Trunc(local=True)
    kind, length = p.u8(cp + 1), p.u16(cp + 2)
    p.w(f"{_FRAMES.get(kind, 'unknown')} ({kind}) v{p.u8(cp)}, len {length}")
    if not p.o.v or kind != 0:
        return
    if length == 0:
        raise Trunc(local=True)
    p.w(", ")
    eap_print(p, cp + 4, length)


def eap_print(p: Pkt, cp: int, length: int) -> None:
    """tcpdump's eap_print: one EAP packet of ``length`` bytes at cp."""
    code, n = p.u8(cp), p.u16(cp + 2)
    if n != length:  # a fragment, perhaps (RADIUS may carry EAP in pieces)
        p.w("EAP fragment?")
        return
    p.w(f"{_CODES.get(code, 'unknown')} ({code}), id {p.u8(cp + 1)}, len {n}")
    if n < 4:
        p.w(" (too short for EAP header)")
        return
    if not p.test(cp, n):
        raise Trunc(local=True)
    if code not in (1, 2):
        return
    if n < 5:
        p.w(" (too short for EAP request/response)")
        return
    sub = p.u8(cp + 4)
    p.w(f"\n\t\t Type {_TYPES.get(sub, 'unknown')} ({sub})")
    if sub in _SHORT and n < 6:
        p.w(f" (too short for EAP {_SHORT[sub]} request/response)")
        return
    if sub in (1, 2):
        if n > 5:
            p.w(", Identity: " if sub == 1 else ", Notification: ")
            printjnp(p, cp + 5, n - 5)
    elif sub == 3:
        sep = ""
        for at in range(cp + 5, cp + n):
            t = p.u8(at)
            p.w(f"{sep} {_TYPES.get(t, 'unknown')} ({t})")
            sep = ","
    elif sub in (13, 21, 43):
        flags = p.u8(cp + 5)
        if sub != 13:
            p.w(f" {'TTLS' if sub == 21 else 'FAST'}v{flags & 7}")
        p.w(f" flags [{bittok(_TLS_FLAGS, 'none', flags)}] 0x{flags:02x}")
        if flags & 0x80:
            if n < 10:
                p.w(f" (too short for EAP {_SHORT[sub]} request/response with length)")
                return
            p.w(f", len {p.u32(cp + 6)}")
    elif sub in (18, 23):
        t = p.u8(cp + 5)
        p.w(f" subtype [{_AKA.get(t, 'unknown')}] 0x{t:02x}")
