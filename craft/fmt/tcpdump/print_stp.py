"""Spanning tree BPDUs as tcpdump 4.99 prints them: 802.1D configuration and
topology-change BPDUs, 802.1w RSTP, 802.1s MSTP with every MSTI, and the SPB
(802.1aq) extension with -v."""

from __future__ import annotations

from craft.fmt.tcpdump.addrtoname import mac
from craft.fmt.tcpdump.netdissect import Pkt
from craft.fmt.tcpdump.util_print import bittok, printjnp

_FLAGS = ((0x01, "Topology change"), (0x02, "Proposal"), (0x10, "Learn"), (0x20, "Forward"),
          (0x40, "Agreement"), (0x80, "Topology change ACK"))
_VERSIONS = {0: "802.1d", 2: "802.1w", 3: "802.1s", 4: "802.1aq"}
_TYPES = {0: "Config", 2: "Rapid STP", 0x80: "Topology Change"}
_ROLES = ("Unknown", "Alternate", "Root", "Designated")
BPDU_LEN = 36  # through the version 1 length octet
MSTP_MIN_LEN = 102
MSTI_LEN = 16
MST_CONFIG_LEN = 64
SPB_MIN_LEN = 87


def _bridge_id(p: Pkt, at: int) -> str:
    return f"{p.u16(at):04x}.{mac(p.b(at + 2, 6))}"


def _times(p: Pkt, cp: int) -> str:
    ages = [p.u16(cp + k) / 256 for k in (27, 29, 31, 33)]
    return (f"\n\tmessage-age {ages[0]:.2f}s, max-age {ages[1]:.2f}s, hello-time "
            f"{ages[2]:.2f}s, forwarding-delay {ages[3]:.2f}s")


def stp_print(p: Pkt, cp: int, length: int) -> None:
    p.proto = "stp"
    if length < 4:
        p.w(" (invalid)")
        return
    if p.u16(cp):
        p.w(f"unknown STP version, length {length}")
        return
    ver = p.u8(cp + 2)
    p.w(f"STP {_VERSIONS.get(ver, f'Unknown STP protocol (0x{ver:02x})')}")
    if ver not in _VERSIONS:
        return
    t = p.u8(cp + 3)
    p.w(", " + _TYPES.get(t, f"Unknown BPDU Type (0x{t:02x})"))
    if t == 0 or (t == 2 and ver == 2):
        if length < (BPDU_LEN - 1 if t == 0 else BPDU_LEN):
            p.w(" (invalid)")
            return
        _config(p, cp, length, ver)
    elif t == 2 and ver in (3, 4):
        if length < MSTP_MIN_LEN or p.u8(cp + 35):
            p.w(" (invalid)")
            return
        mstp_len = p.u16(cp + 36) + 2
        if length < BPDU_LEN + mstp_len:
            p.w(" (invalid)")
            return
        _mstp(p, cp, length)
        if ver == 4:
            spb_len = (p.u16(cp + 36 + mstp_len) + 2) & 0xFFFF
            if length < BPDU_LEN + mstp_len + spb_len or spb_len < SPB_MIN_LEN:
                p.w(" (invalid)")
                return
            if p.o.v:
                _spb(p, cp + BPDU_LEN + mstp_len)


def _config(p: Pkt, cp: int, length: int, ver: int) -> None:
    flags = p.u8(cp + 4)
    p.w(f", Flags [{bittok(_FLAGS, 'none', flags)}]")
    p.w(f", bridge-id {_bridge_id(p, cp + 17)}.{p.u16(cp + 25):04x}, length {length}")
    if not p.o.v:
        return
    p.w(_times(p, cp))
    p.w(f"\n\troot-id {_bridge_id(p, cp + 5)}, root-pathcost {p.u32(cp + 13)}")
    if ver == 2:
        p.w(f", port-role {_ROLES[(flags >> 2) & 3]}")


def _mstp(p: Pkt, cp: int, length: int) -> None:
    flags = p.u8(cp + 4)
    p.w(f", CIST Flags [{bittok(_FLAGS, 'none', flags)}], length {length}")
    if not p.o.v:
        return
    p.w(f"\n\tport-role {_ROLES[(flags >> 2) & 3]}, ")
    p.w(f"CIST root-id {_bridge_id(p, cp + 5)}, CIST ext-pathcost {p.u32(cp + 13)}")
    p.w(f"\n\tCIST regional-root-id {_bridge_id(p, cp + 17)}, ")
    p.w(f"CIST port-id {p.u16(cp + 25):04x},")
    p.w(_times(p, cp))
    v3len = p.u16(cp + 36)
    p.w(f"\n\tv3len {v3len}, MCID Name ")
    printjnp(p, cp + 39, 32)
    p.w(f", rev {p.u16(cp + 71)},\n\t\tdigest {p.b(cp + 73, 16).hex()}, ")
    p.w(f"CIST int-root-pathcost {p.u32(cp + 89)},")
    p.w(f"\n\tCIST bridge-id {_bridge_id(p, cp + 93)}, ")
    p.w(f"CIST remaining-hops {p.u8(cp + 101)}")
    left = v3len - MST_CONFIG_LEN
    at = cp + MSTP_MIN_LEN
    while left >= MSTI_LEN:
        msti = p.u16(at + 1) & 0x0FFF
        f = p.u8(at)
        p.w(f"\n\tMSTI {msti}, Flags [{bittok(_FLAGS, 'none', f)}], "
            f"port-role {_ROLES[(f >> 2) & 3]}")
        p.w(f"\n\t\tMSTI regional-root-id {_bridge_id(p, at + 1)}, pathcost {p.u32(at + 9)}")
        p.w(f"\n\t\tMSTI bridge-prio {p.u8(at + 13) >> 4}, port-prio {p.u8(at + 14) >> 4}, "
            f"hops {p.u8(at + 15)}")
        left -= MSTI_LEN
        at += MSTI_LEN


def _spb(p: Pkt, at: int) -> None:
    p.w(f"\n\tv4len {p.u16(at)}, AUXMCID Name ")
    printjnp(p, at + 3, 32)
    p.w(f", Rev {p.u16(at + 35)},\n\t\tdigest {p.b(at + 37, 16).hex()}")
    agr, fmt, con = p.u8(at + 53), p.u8(at + 55), p.u8(at + 56)
    p.w(f"\n\tAgreement num {agr >> 6}, Discarded Agreement num {agr >> 4 & 3}, "
        f"Agreement valid-flag {agr >> 3 & 1},\n\tRestricted role-flag: {agr >> 2 & 1}, "
        f"Format id {fmt >> 4} cap {fmt}, Convention id {con >> 4} cap {con},\n\t"
        f"Edge count {p.u16(at + 57)}, Agreement digest {p.b(at + 67, 20).hex()}")
