"""IS-IS (ISO 10589, RFC 1195/5305/5308/5120/3847/7981) as tcpdump 4.99
prints it, for craft.fmt.tcpdump_isoclns: without -v the PDU type and its
brief fields (source, LAN or LSP id, sequence number, lifetime, length);
with -v the whole fixed header with the LSP's Fletcher checksum verified,
and every TLV tcpdump decodes (areas, neighbors, LSP entries,
authentication, checksum, protocols, addresses, host name, old-style,
extended and multi-topology IS and IP reachability with their sub-TLVs,
restart signaling, router capability, SPB...); with -vv their bytes in hex
as well."""

from __future__ import annotations

import math
import struct

from craft.fmt.tcpdump.addrtoname import ip4, ip6
from craft.fmt.tcpdump.dispatch import lazy
from craft.fmt.tcpdump.gmpls import BC_MODELS, ENCODINGS, LINK_PROT, SWITCH_CAPS
from craft.fmt.tcpdump.netdissect import Pkt
from craft.fmt.tcpdump.oui import OUIS
from craft.fmt.tcpdump.print_ascii import hex_only
from craft.fmt.tcpdump.util_print import bittok, mask2plen, mbps, printjnp

ip_print = lazy("print_ip:ip_print")
ip6_print = lazy("print_ip6:ip6_print")
ppp_print = lazy("print_ppp:ppp_print")


_PDUS = {15: "L1 Lan IIH", 16: "L2 Lan IIH", 17: "p2p IIH", 18: "L1 LSP", 20: "L2 LSP",
         24: "L1 CSNP", 25: "L2 CSNP", 26: "L1 PSNP", 27: "L2 PSNP"}
_TLVS = {1: "Area address(es)", 2: "IS Reachability", 3: "ES Neighbor(s)", 4: "Partition DIS",
         5: "Prefix Neighbors", 6: "IS Neighbor(s)", 7: "Instance Identifier", 8: "Padding",
         9: "LSP entries", 10: "Authentication", 12: "Checksum", 13: "Purge Originator Identifier",
         14: "LSP Buffersize", 22: "Extended IS Reachability", 24: "IS Alias ID",
         42: "DECnet Phase IV", 66: "Lucent Proprietary", 128: "IPv4 Internal Reachability",
         129: "Protocols supported", 130: "IPv4 External Reachability",
         131: "Inter-Domain Information Type", 132: "IPv4 Interface address(es)",
         133: "IPv4 authentication (deprecated)", 134: "Traffic Engineering Router ID",
         135: "Extended IPv4 Reachability", 138: "Shared Risk Link Group",
         143: "Multi-Topology-Aware Port Capability", 144: "Multi-Topology Capability",
         176: "Nortel Proprietary", 177: "Nortel Proprietary", 137: "Hostname",
         211: "Restart Signaling", 222: "Multi Topology IS Reachability", 229: "Multi Topology",
         232: "IPv6 Interface address(es)", 235: "Multi-Topology IPv4 Reachability",
         236: "IPv6 reachability", 237: "Multi-Topology IP6 Reachability",
         240: "Point-to-point Adjacency State", 241: "Hello PDU Sequence Number",
         242: "IS-IS Router Capability", 250: "Vendor Private"}
_IS_SUBTLVS = {3: "Administrative groups", 4: "Link Local/Remote Identifier",
               5: "Link Remote Identifier", 6: "IPv4 interface address", 8: "IPv4 neighbor address",
               9: "Maximum link bandwidth", 10: "Reservable link bandwidth",
               11: "Unreserved bandwidth", 18: "Traffic Engineering Metric", 19: "Link Attribute",
               20: "Link Protection Type", 21: "Interface Switching Capability",
               12: "Bandwidth Constraints (old)", 22: "Bandwidth Constraints",
               32: "LAN Adjacency Segment Identifier", 29: "SPB Metric",
               250: "Reserved for cisco specific extensions",
               251: "Reserved for cisco specific extensions",
               252: "Reserved for cisco specific extensions",
               253: "Reserved for cisco specific extensions",
               254: "Reserved for cisco specific extensions", 255: "Reserved for future expansion"}
_IP_SUBTLVS = {1: "32-Bit Administrative tag", 2: "64-Bit Administrative tag", 3: "Prefix SID",
               117: "Management Prefix Color"}
_PREFIX_SID_FLAGS = ((0x80, "Readvertisement"), (0x40, "Node"), (0x20, "No-PHP"),
                     (0x10, "Explicit NULL"), (0x08, "Value"), (0x04, "Local"))
_LINK_ATTR = ((0x01, "Local Protection Available"),
              (0x02, "Link excluded from local protection path"),
              (0x04, "Local maintenance required"))
_LAN_ADJ_SID_FLAGS = ((0x80, "Address family IPv6"), (0x40, "Backup"), (0x20, "Value"),
                      (0x10, "Local significance"), (0x08, "Set of adjacencies"),
                      (0x04, "Persistent"))
_AUTHS = {1: "simple text password", 3: "Generic Crypto key-id", 54: "HMAC-MD5 password",
          255: "Routing Domain private password"}
_IDRP = {0: "Reserved", 1: "Routing-Domain Specific", 2: "AS Number Tag"}
_MTS = {0: "IPv4 unicast", 1: "In-Band Management", 2: "IPv6 unicast", 3: "Multicast",
        4095: "Development, Experimental or Proprietary"}
_MT_FLAGS = ((0x4000, "ATT bit set"), (0x8000, "Overload bit set"))
_CIRCUITS = {1: "Level 1 only", 2: "Level 2 only", 3: "Level 1, Level 2"}
_ISTYPES = ("Unused 0x0 (invalid)", "L1 IS", "Unused 0x2 (invalid)", "L2 IS")
_PTP_ADJ = {0: "Up", 1: "Initializing", 2: "Down"}
_RESTART_FLAGS = ((0x1, "Restart Request"), (0x2, "Restart Acknowledgement"),
                  (0x4, "Suppress adjacency advertisement"))
_ROUTER_CAP_FLAGS = ((0x01, "S bit"), (0x02, "D bit"))
_SR_FLAGS = ((0x80, "ipv4"), (0x40, "ipv6"))
_PORT_CAP_SUBTLVS = {4: "SPB MCID", 5: "SPB Digest", 6: "SPB BVID"}
_MT_CAP_SUBTLVS = {1: "SPB Instance", 3: "SPBM Service Identifier and Unicast Address"}

_F32 = struct.Struct("!f")
_IND = "\n\t      "




def _metric(b: int) -> str:
    return f"{b & 0x3F}, {'External' if b & 0x40 else 'Internal'}"


def _metric_block(p: Pkt, at: int) -> None:
    p.w(f", Default Metric: {_metric(p.u8(at))}")
    for i, word in ((1, "Delay"), (2, "Expense"), (3, "Error")):
        b = p.u8(at + i)
        if not b & 0x80:
            p.w(f"\n\t\t  {word} Metric: {_metric(b)}")


def _ip_reach(p: Pkt, cp: int, length: int) -> bool:
    """The old-style IPv4 reachability TLVs 128 and 130."""
    while length > 0:
        if length < 12:
            p.w(f"short IPv4 Reachability ({length} vs 12)")
            return False
        if not p.test(cp, 12):
            return False
        mask = p.b(cp + 8, 4)
        plen = mask2plen(int.from_bytes(mask, "big"))
        prefix = ip4(p.b(cp + 4, 4))
        if plen == -1:
            p.w(f"{_IND}IPv4 prefix: {prefix} mask {ip4(mask)}")
        else:
            p.w(f"{_IND}IPv4 prefix: {prefix:>15}/{plen}")
        b = p.u8(cp)
        p.w(f", Distribution: {'down' if b & 0x80 else 'up'}, Metric: {_metric(b)}")
        for i, word in ((1, "Delay"), (2, "Expense"), (3, "Error")):
            b = p.u8(cp + i)
            if not b & 0x80:
                p.w(f"{_IND}  {word} Metric: {_metric(b)}")
        length -= 12
        cp += 12
    return True


def _ip_reach_subtlv(p: Pkt, at: int, kind: int, n: int, indent: str) -> bool:
    p.w(f"{indent}{_IP_SUBTLVS.get(kind, 'unknown')} subTLV #{kind}, length: {n}")
    if not p.test(at, n):
        p.trunc()
        return False
    if kind in (1, 117):
        while n >= 4:
            v = p.u32(at)
            p.w(f", 0x{v:08x} (={v})")
            at += 4
            n -= 4
    elif kind == 2:
        while n >= 8:
            p.w(f", 0x{p.u32(at):08x}{p.u32(at + 4):08x}")
            at += 8
            n -= 8
    elif kind == 3:
        flags, algo = p.u8(at), p.u8(at + 1)
        if flags & 0x08:
            if n < 5:
                p.trunc()
                return False
            sid = int.from_bytes(p.b(at + 2, 3), "big")
        else:
            if n < 6:
                p.trunc()
                return False
            sid = p.u32(at + 2)
        p.w(f", Flags [{bittok(_PREFIX_SID_FLAGS, 'None', flags)}], Algo "
            f"{ {0: 'SPF', 1: 'strict-SPF'}.get(algo, 'Unknown')} ({algo}), "
            f"{'label' if flags & 0x08 else 'index'} {sid}")
    else:
        return unknown_data(p, at, "\n\t\t    ", n)
    return True


def _extd_ip_reach(p: Pkt, at: int, v6: bool) -> int:
    """tcpdump's isis_print_extd_ip_reach: bytes used, 0 on a bad prefix."""
    metric = p.u32(at)
    at += 4
    status = p.u8(at)
    if v6:
        bits = p.u8(at + 1)
        if bits > 128:
            p.w(f"{_IND}IPv6 prefix: bad bit length {bits}")
            return 0
        at += 2
        used = 6
    else:
        bits = status & 0x3F
        if bits > 32:
            p.w(f"{_IND}IPv4 prefix: bad bit length {bits}")
            return 0
        at += 1
        used = 5
    nbytes = (bits + 7) // 8
    raw = p.b(at, nbytes)
    at += nbytes
    used += nbytes
    if v6:
        p.w(f"{_IND}IPv6 prefix: {ip6(raw.ljust(16, bytes(1)))}/{bits}")
    else:
        p.w(f"{_IND}IPv4 prefix: {ip4(raw.ljust(4, bytes(1))):>15}/{bits}")
    p.w(f", Distribution: {'down' if status & 0x80 else 'up'}, Metric: {metric}")
    if v6:
        p.w(f", {'External' if status & 0x40 else 'Internal'}"
            f"{', sub-TLVs present' if status & 0x20 else ''}")
        sub = status & 0x20
    else:
        sub = status & 0x40
        if sub:
            p.w(", sub-TLVs present")
    if sub:
        left = p.u8(at)
        at += 1
        used += left + 1
        p.w(f" ({left})")
        while left > 0:
            kind, n = p.u8(at), p.u8(at + 1)
            at += 2
            if not _ip_reach_subtlv(p, at, kind, n, _IND + "  "):
                return 0
            at += n
            left = (left - (n + 2)) & 0xFFFFFFFF
    return used


def _mtid(p: Pkt, at: int, left: int) -> int:
    if left < 2:
        return 0
    v = p.u16(at)
    p.w(f"{_IND}{_MTS.get(v & 0xFFF, 'Reserved for IETF Consensus')} Topology "
        f"(0x{v & 0xFFF:03x}), Flags: [{bittok(_MT_FLAGS, 'none', v & 0xF000)}]")
    return 2


def _ext_is_reach(p: Pkt, at: int, tlv_type: int, left: int) -> int:
    """tcpdump's isis_print_ext_is_reach: bytes used, 0 when cut short."""
    if not p.test(at, 7) or left < 7:
        return 0
    indent = _IND
    p.w(f"{indent}IS Neighbor: {osi_id(p, at, 7)}")
    at += 7
    left -= 7
    used = 7
    if tlv_type != 24:
        if not p.test(at, 3) or left < 3:
            return 0
        p.w(f", Metric: {int.from_bytes(p.b(at, 3), 'big')}")
        at += 3
        left -= 3
        used += 3
    if not p.test(at, 1) or left < 1:
        return 0
    total = p.u8(at)
    at += 1
    left -= 1
    used += 1
    p.w(f", {'' if total else 'no '}sub-TLVs present")
    if not total:
        return used
    p.w(f" ({total})")
    indent += "  "
    while total != 0:
        if not p.test(at, 2):
            return 0
        if left < 2:
            p.w(f"{indent}Remaining data in TLV shorter than a subTLV header")
            return used + left
        if total < 2:
            p.w(f"{indent}Remaining data in subTLVs shorter than a subTLV header")
            return used + total
        kind, n = p.u8(at), p.u8(at + 1)
        at += 2
        left -= 2
        total -= 2
        used += 2
        p.w(f"{indent}{_IS_SUBTLVS.get(kind, 'unknown')} subTLV #{kind}, length: {n}")
        if total < n:
            p.w(" (remaining data in subTLVs shorter than the current subTLV)")
            return used + total
        if left < n:
            p.w(" (> remaining tlv length)")
            return used + left
        if not p.test(at, n):
            return 0
        done = _is_subtlv(p, at, kind, n, indent)
        if done < 0:
            return 0
        at += n
        left -= n
        total -= n
        used += n
    return used


def _is_subtlv(p: Pkt, at: int, kind: int, n: int, indent: str) -> int:
    """One extended IS reachability sub-TLV; -1 when the hex dump failed."""
    if kind in (3, 4, 5):
        if n >= 4:
            p.w(f", 0x{p.u32(at):08x}")
            if n == 8:
                p.w(f", 0x{p.u32(at + 4):08x}")
    elif kind in (6, 8):
        if n >= 4:
            p.w(f", {ip4(p.b(at, 4))}")
    elif kind in (9, 10):
        if n >= 4:
            p.w(f", {mbps(p.u32(at))} Mbps")
    elif kind == 11:
        if n >= 32:
            for te in range(8):
                p.w(f"{indent}  TE-Class {te}: {mbps(p.u32(at + 4 * te))} Mbps")
    elif kind in (12, 22):
        if n:
            model = p.u8(at)
            p.w(f"{indent}Bandwidth Constraints Model ID: {BC_MODELS.get(model, 'unknown')} "
                f"({model})")
            at += 1
            n -= 1
            ct = 0
            while n >= 4:
                p.w(f"{indent}  Bandwidth constraint CT{ct}: {mbps(p.u32(at))} Mbps")
                at += 4
                n -= 4
                ct += 1
    elif kind == 18:
        if n >= 3:
            p.w(f", {int.from_bytes(p.b(at, 3), 'big')}")
    elif kind == 19:
        if n == 2:
            v = p.u16(at)
            p.w(f", [ {bittok(_LINK_ATTR, 'Unknown', v)} ] (0x{v:04x})")
    elif kind == 20:
        if n >= 2:
            p.w(f", {bittok(LINK_PROT, 'none', p.u8(at))}, Priority {p.u8(at + 1)}")
    elif kind == 29:
        if n >= 6:
            p.w(f", LM: {int.from_bytes(p.b(at, 3), 'big')}, P: {p.u8(at + 3)}, "
                f"P-ID: {p.u16(at + 4)}")
    elif kind == 32:
        if n >= 8:
            flags = p.u8(at)
            p.w(f"{indent}  Flags: [{bittok(_LAN_ADJ_SID_FLAGS, 'none', flags)}]")
            p.w(f"{indent}  Weight: {p.u8(at + 1)}")
            if n - 2 >= 6:
                if not p.test(at + 2, 6):
                    return -1
                p.w(f"{indent}  Neighbor System-ID: {osi_id(p, at + 2, 6)}")
            vflag, lflag = flags & 0x20, flags & 0x10
            if vflag and lflag:
                p.w(f"{indent}  Label: {int.from_bytes(p.b(at + 8, 3), 'big')}")
            elif not vflag and not lflag:
                p.w(f"{indent}  Index: {p.u32(at + 8)}")
            else:
                p.w(" (invalid)")
    elif kind == 21:
        return -1 if not _iscd(p, at, n, indent) else 0
    elif not unknown_data(p, at, "\n\t\t    ", n):
        return -1
    return 0


def _iscd(p: Pkt, at: int, n: int, indent: str) -> bool:
    """Interface switching capability descriptor (RFC 4205); False when the
    hex dump of its rest failed."""
    if n < 36:
        return True
    cap = p.u8(at)
    p.w(f"{indent}  Interface Switching Capability:{SWITCH_CAPS.get(cap, 'Unknown')}")
    p.w(f", LSP Encoding: {ENCODINGS.get(p.u8(at + 1), 'Unknown')}")
    p.w(f"{indent}  Max LSP Bandwidth:")
    for level in range(8):
        p.w(f"{indent}    priority level {level}: {mbps(p.u32(at + 4 + 4 * level))} Mbps")
    at += 36
    n -= 36
    if cap in (1, 2, 3, 4):
        if n >= 6:
            p.w(f"{indent}  Min LSP Bandwidth: {mbps(p.u32(at))} Mbps")
            p.w(f"{indent}  Interface MTU: {p.u16(at + 4)}")
    elif cap == 100:
        if n >= 8:
            p.w(f"{indent}  Min LSP Bandwidth: {mbps(p.u32(at))} Mbps")
            ind = p.u8(at + 4)
            word = {0: "Standard SONET/SDH", 1: "Arbitrary SONET/SDH"}.get(ind, f"Unknown ({ind})")
            p.w(f"{indent}  Indication {word}")
    elif n:
        return unknown_data(p, at, "\n\t\t    ", n)
    return True


def _tlv_list(p: Pkt, at: int, tlen: int, tlv_type: int, v6: bool = False) -> None:
    """The body of TLVs 22, 24, 222 (IS) or 135, 235, 236, 237 (IP)."""
    is_reach = tlv_type in (22, 24, 222)
    while tlen != 0:
        n = _ext_is_reach(p, at, tlv_type, tlen) if is_reach else _extd_ip_reach(p, at, v6)
        if n == 0:
            raise _Trunc
        if tlen < n:
            p.w(f" [remaining tlv length {tlen} < {n}] (invalid)")
            return
        tlen -= n
        at += n


def _mcid(p: Pkt, at: int) -> None:
    if not p.test(at, 51):
        p.trunc()
        return
    p.w(f"ID: {p.u8(at)}, Name: ")
    printjnp(p, at + 1, 32)
    p.w(f"\n\t              Lvl: {p.u16(at + 33)}, Digest: ")
    p.w("".join(f"{c:02x} " for c in p.d[at + 35:at + 51]))


def _port_cap_subtlvs(p: Pkt, at: int, n: int) -> None:
    while n > 2:
        kind, ln = p.u8(at), p.u8(at + 1)
        p.w(f"\n\t       {_PORT_CAP_SUBTLVS.get(kind, 'unknown')} subTLV #{kind}, length: {ln}")
        at += 2
        n -= 2
        if n < ln:
            p.w(" (> containing TLV length)")
            return
        if not p.test(at, ln):
            p.trunc()
            return
        if kind == 4:
            if ln < 102:
                p.w(" (too short)")
                return
            p.w("\n\t         MCID: ")
            _mcid(p, at)
            p.w("\n\t         AUX-MCID: ")
            _mcid(p, at + 51)
            at += 102
            n -= 102
            ln -= 102
        elif kind == 5:
            if ln < 33:
                p.w(" (too short)")
                return
            b = p.u8(at)
            p.w(f"\n\t        RES: {b >> 5} V: {(b >> 4) & 1} A: {(b >> 2) & 3} D: {b & 3}")
            p.w("\n\t         Digest: ")
            for i in range(1, 9):
                p.w(f"{p.u32(at + 1 + 4 * (i - 1)):08x} ")
                if i % 4 == 0 and i != 8:
                    p.w("\n\t                 ")
            at += 33
            n -= 33
            ln -= 33
        elif kind == 6:
            while ln != 0:
                if ln < 4:
                    p.w(" (too short)")
                    return
                p.w(f"\n\t           ECT: {p.u32(at):08x}")
                at += 4
                n -= 4
                ln -= 4
                if ln < 2:
                    p.w(" (too short)")
                    return
                v = p.u16(at)
                p.w(f" BVID: {v >> 4}, U:{(v >> 3) & 1:01x} M:{(v >> 2) & 1:01x} ")
                at += 2
                n -= 2
                ln -= 2
        at += ln
        n -= ln


def _mt_cap_subtlvs(p: Pkt, at: int, n: int) -> None:
    while n > 2:
        kind, ln = p.u8(at), p.u8(at + 1)
        at += 2
        n -= 2
        p.w(f"\n\t      {_MT_CAP_SUBTLVS.get(kind, 'unknown')} subTLV #{kind}, length: {ln}")
        if n < ln:
            p.w(" (> containing TLV length)")
            return
        if not p.test(at, ln):
            p.trunc()
            return
        if kind == 1:
            if ln < 19:
                p.w(" (too short)")
                return
            p.w(f"\n\t        CIST Root-ID: {p.u32(at):08x} {p.u32(at + 4):08x}, Path Cost: "
                f"{p.u32(at + 8):08x}, Prio: {p.u16(at + 12)}")
            v = p.u16(at + 14)
            p.w(f"\n\t        RES: {v >> 5}, V: {(v >> 4) & 1}, SPSource-ID: "
                f"{p.u32(at + 14) & 0xFFFFF}, No of Trees: {p.u8(at + 18):x}")
            trees = p.u8(at + 18)
            at += 19
            n -= 19
            ln -= 19
            while trees:
                if ln < 8:
                    p.trunc()
                    return
                b = p.u8(at)
                p.w(f"\n\t         U:{b >> 7}, M:{(b >> 6) & 1}, A:{(b >> 5) & 1}, RES:{b & 0x1F}")
                p.w(f", ECT: {p.u32(at + 1):08x}")
                v = int.from_bytes(p.b(at + 5, 3), "big")
                p.w(f", BVID: {(v >> 12) & 0xFFF}, SPVID: {v & 0xFFF}")
                at += 8
                n -= 8
                ln -= 8
                trees -= 1
        elif kind == 3:
            if ln < 8:
                p.trunc()
                return
            p.w(f"\n\t        BMAC: {p.u32(at):08x}{p.u16(at + 4):04x}")
            v = p.u16(at + 6)
            p.w(f", RES: {v >> 12}, VID: {v & 0xFFF}")
            at += 8
            n -= 8
            ln -= 8
            while ln >= 4:
                v = p.u32(at)
                p.w(f"\n\t        T: {v >> 31}, R: {(v >> 30) & 1}, RES: {(v >> 24) & 0x3F}, "
                    f"ISID: {v & 0xFFFFFF}")
                at += 4
                n -= 4
                ln -= 4
        at += ln
        n -= ln


def _router_cap_subtlvs(p: Pkt, at: int, tlen: int) -> None:
    while tlen >= 2:
        kind, n = p.u8(at), p.u8(at + 1)
        tlen -= 2
        at += 2
        p.w(f"\n\t\t{'SR-Capabilities' if kind == 2 else 'unknown'} subTLV #{kind}, length: {n}")
        if n > tlen:
            return
        if not p.test(at, n):
            return
        if kind == 2:
            flags = p.u8(at)
            p.w(f", Flags [{bittok(_SR_FLAGS, 'None', flags)}], Range "
                f"{int.from_bytes(p.b(at + 1, 3), 'big')}")
            sp, sleft = at + 4, (n - 4) & 0xFF
            while sleft >= 5:
                st, sl = p.u8(sp), p.u8(sp + 1)
                sleft -= 2
                sp += 2
                if sl > sleft:
                    break
                if st == 1:
                    if sl in (3, 4):  # a label or an index
                        p.w(f", SID value {int.from_bytes(p.b(sp, sl), 'big')}")
                    else:
                        p.w(f", Unknown SID length{sl}")
                else:
                    unknown_data(p, sp, "\n\t\t  ", sl)
                sp += sl
                sleft -= sl
        else:
            unknown_data(p, at, "\n\t\t", n)
        tlen -= n
        at += n


def _need(p: Pkt, at: int, n: int) -> None:
    if not p.test(at, n):
        raise _Trunc


class _Done(Exception):
    """isis_print returning 1 in the middle of the TLVs, without a marker."""


class _TlvShort(Exception):
    """tcpdump's ``goto tlv_trunc``: skip to the -vv dump of the TLV."""


def _neighbors(p: Pkt, at: int, tlen: int, word: str, id_len: int) -> None:
    """Old-style IS or ES neighbors: four metrics, then a node or system id."""
    size = 4 + id_len
    while tlen != 0:
        if tlen < size:
            raise _TlvShort
        _need(p, at, size)
        p.w(f"{_IND}{word} Neighbor: {osi_id(p, at + 4, id_len)}")
        _metric_block(p, at)
        tlen -= size
        at += size


def _tlv(p: Pkt, kind: int, at: int, tlen: int, tlv_len: int, optr: int, length: int) -> None:
    """One TLV's decoded body (tcpdump's switch in isis_print)."""
    if kind == 1:
        while tlen != 0:
            alen = p.u8(at)
            at += 1
            tlen -= 1
            if tlen < alen:
                raise _TlvShort
            p.w(f"{_IND}Area address (length: {alen}): {isonsap(p, at, alen)}")
            at += alen
            tlen -= alen
    elif kind == 6:
        while tlen != 0:
            if tlen < 6:
                raise _TlvShort
            _need(p, at, 6)
            p.w(f"{_IND}SNPA: {osi_id(p, at, 6)}")
            tlen -= 6
            at += 6
    elif kind == 7:
        if tlen < 4:
            raise _TlvShort
        num = (tlen - 2) // 2
        p.w(f"{_IND}Instance ID: {p.u16(at)}, ITIDs({num}){':' if num else ''} ")
        for i in range(num):
            p.w(f"{p.u16(at + 2 + 2 * i)}{', ' if i < num - 1 else ''}")
    elif kind == 8:
        pass
    elif kind in (128, 130):
        if not _ip_reach(p, at, tlv_len):
            raise _Done
    elif kind in (222, 235, 237):
        n = _mtid(p, at, tlen)
        if n == 0:
            raise _Trunc
        _tlv_list(p, at + n, tlen - n, kind, kind == 237)
    elif kind in (22, 24, 135, 236):
        _tlv_list(p, at, tlen, kind, kind == 236)
    elif kind == 2:
        if tlen < 1:
            raise _TlvShort
        b = p.u8(at)
        p.w(f"{_IND}{ {0: 'IsNotVirtual', 1: 'IsVirtual'}.get(b, f'bogus virtual flag 0x{b:02x}')}")
        _neighbors(p, at + 1, tlen - 1, "IS", 7)
    elif kind == 3:
        _neighbors(p, at, tlen, "ES", 6)
    elif kind == 232:
        while tlen != 0:
            if tlen < 16:
                raise _TlvShort
            p.w(f"{_IND}IPv6 interface address: {ip6(p.b(at, 16))}")
            at += 16
            tlen -= 16
    elif kind == 10:
        _auth(p, at, tlen)
    elif kind == 240:
        _ptp_adj(p, at, tlen)
    elif kind == 129:
        p.w(f"{_IND}NLPID(s): ")
        while tlen != 0:
            b = p.u8(at)
            p.w(f"{NLPIDS.get(b, 'unknown')} (0x{b:02x})")
            if tlen > 1:
                p.w(", ")
            at += 1
            tlen -= 1
    elif kind == 143:
        if tlen < 2:
            raise _TlvShort
        v = p.u16(at)
        p.w(f"\n\t       RES: {v >> 12}, MTID(s): {v & 0xFFF}")
        if tlen - 2:
            _port_cap_subtlvs(p, at + 2, tlen - 2)
    elif kind == 144:
        if tlen < 2:
            raise _TlvShort
        v = p.u16(at)
        p.w(f"{_IND}O: {(v >> 15) & 1}, RES: {(v >> 12) & 7}, MTID(s): {v & 0xFFF}")
        if tlen - 2:
            _mt_cap_subtlvs(p, at + 2, tlen - 2)
    elif kind == 134:
        if tlen < 4:
            raise _TlvShort
        p.w(f"{_IND}Traffic Engineering Router ID: {ip4(p.b(at, 4))}")
    elif kind == 132:
        while tlen != 0:
            if tlen < 4:
                raise _TlvShort
            p.w(f"{_IND}IPv4 interface address: {ip4(p.b(at, 4))}")
            at += 4
            tlen -= 4
    elif kind == 137:
        p.w(f"{_IND}Hostname: ")
        printjnp(p, at, tlen)
    elif kind == 138:
        _srlg(p, at, tlen)
    elif kind == 9:
        while tlen != 0:
            if tlen < 16:
                raise _TlvShort
            _need(p, at + 9, 1)
            p.w(f"{_IND}lsp-id: {osi_id(p, at + 2, 8)}")
            p.w(f", seq: 0x{p.u32(at + 10):08x}")
            p.w(f", lifetime: {p.u16(at):5d}s")
            p.w(f", chksum: 0x{p.u16(at + 14):04x}")
            tlen -= 16
            at += 16
    elif kind == 12:
        if tlen >= 2:
            _need(p, at, 2)
            ck = p.u16(at)
            p.w(f"{_IND}checksum: 0x{ck:04x} ")
            _print_cksum(p, optr, ck, at - optr, length)
    elif kind == 13:
        _poi(p, at, tlen)
    elif kind == 229:
        while tlen != 0:
            if tlen != 1:
                n = _mtid(p, at, tlen)
                if n == 0:
                    raise _Trunc
                at += n
                tlen -= n
            else:
                p.w(f"{_IND}invalid MT-ID")
                break
    elif kind == 211:
        _restart(p, at, tlen)
    elif kind == 131:
        if tlen >= 1:
            b = p.u8(at)
            p.w(f"{_IND}Inter-Domain Information Type: {_IDRP.get(b, f'Unknown (0x{b:02x})')}")
            if b == 2:
                if tlen - 1 < 2:
                    raise _TlvShort
                p.w(f"AS Number: {p.u16(at + 1)}")
            else:
                _dump(p, at + 1, _IND, tlen - 1)
    elif kind == 14:
        if tlen >= 2:
            p.w(f"{_IND}LSP Buffersize: {p.u16(at)}")
    elif kind == 4:
        while tlen != 0:
            if tlen < 6:
                raise _TlvShort
            _need(p, at, 6)
            p.w(f"{_IND}{osi_id(p, at, 6)}")
            at += 6
            tlen -= 6
    elif kind == 5:
        _prefix_neigh(p, at, tlen)
    elif kind == 241:
        if tlen >= 4:
            p.w(f"{_IND}Sequence number: {p.u32(at)}")
    elif kind == 242:
        if tlen < 5:
            p.w(f" [object length {tlen} < 5] (invalid)")
        else:
            p.w(f"{_IND}Router-ID {ip4(p.b(at, 4))}")
            p.w(f", Flags [{bittok(_ROUTER_CAP_FLAGS, 'none', p.u8(at + 4))}]")
            if tlen > 5:
                _router_cap_subtlvs(p, at + 5, tlen - 5)
    elif kind == 250:
        if tlen >= 3:
            vendor = int.from_bytes(p.b(at, 3), "big")
            p.w(f"{_IND}Vendor: {OUIS.get(vendor, 'Unknown')} ({vendor})")
            if tlen - 3:
                _dump(p, at + 3, "\n\t\t", tlen - 3)
    elif p.o.v <= 1:
        _dump(p, at, "\n\t\t", tlv_len)


def _auth(p: Pkt, at: int, tlen: int) -> None:
    if tlen < 1:
        raise _TlvShort
    kind = p.u8(at)
    at += 1
    tlen -= 1
    p.w(f"{_IND}{_AUTHS.get(kind, f'unknown Authentication type 0x{kind:02x}')}: ")
    if kind == 1:
        printjnp(p, at, tlen)
    elif kind == 54:
        for i in range(tlen):
            p.w(f"{p.u8(at + i):02x}")
        if tlen != 16:
            p.w(", (invalid subTLV) ")
        p.w(" (unchecked)")
    elif kind == 3:
        if tlen < 2:
            raise _TlvShort
        p.w(f"{p.u16(at)}, password: ")
        for i in range(tlen - 2):
            p.w(f"{p.u8(at + 2 + i):02x}")
    else:
        _dump(p, at, "\n\t\t  ", tlen)


def _ptp_adj(p: Pkt, at: int, tlen: int) -> None:
    if tlen >= 1:
        b = p.u8(at)
        p.w(f"{_IND}Adjacency State: {_PTP_ADJ.get(b, 'unknown')} ({b})")
        tlen -= 1
    if tlen > 4:
        p.w(f"{_IND}Extended Local circuit-ID: 0x{p.u32(at + 1):08x}")
        tlen -= 4
    if tlen >= 6:
        _need(p, at + 5, 6)
        p.w(f"{_IND}Neighbor System-ID: {osi_id(p, at + 5, 6)}")
        tlen -= 6
    if tlen >= 4:
        p.w(f"{_IND}Neighbor Extended Local circuit-ID: 0x{p.u32(at + 11):08x}")


def _srlg(p: Pkt, at: int, tlen: int) -> None:
    if tlen < 7:
        return
    _need(p, at, 7)
    p.w(f"{_IND}IS Neighbor: {osi_id(p, at, 7)}")
    at += 7
    tlen -= 7
    if tlen < 1:
        return
    p.w(f", Flags: [{'numbered' if p.u8(at) & 1 else 'unnumbered'}]")
    at += 1
    tlen -= 1
    for word in ("interface", "neighbor"):
        if tlen < 4:
            return
        p.w(f"{_IND}IPv4 {word} address: {ip4(p.b(at, 4))}")
        at += 4
        tlen -= 4
    while tlen != 0:
        if tlen < 4:
            raise _TlvShort
        p.w(f"{_IND}Link-ID: 0x{p.u32(at):08x}")
        at += 4
        tlen -= 4


def _poi(p: Pkt, at: int, tlen: int) -> None:
    if tlen < 1:
        raise _TlvShort
    num = p.u8(at)
    at += 1
    tlen -= 1
    if num == 0:
        p.w(" No system IDs supplied")
        return
    if tlen < 6:
        raise _TlvShort
    _need(p, at, 6)
    p.w(f"{_IND}Purge Originator System-ID: {osi_id(p, at, 6)}")
    at += 6
    tlen -= 6
    if num > 1:
        if tlen < 6:
            raise _TlvShort
        _need(p, at, 6)
        _need(p, at, 13)
        p.w(f"{_IND}Received from System-ID: {osi_id(p, at, 6)}")


def _restart(p: Pkt, at: int, tlen: int) -> None:
    if tlen < 1:
        return
    _need(p, at, 1)
    p.w(f"{_IND}Flags [{bittok(_RESTART_FLAGS, 'none', p.u8(at))}]")
    at += 1
    tlen -= 1
    if tlen == 0 or tlen < 2:
        return
    _need(p, at, 2)
    p.w(f", Remaining holding time {p.u16(at)}s")
    at += 2
    tlen -= 2
    if tlen == 6:
        _need(p, at, 6)
        p.w(f", for {osi_id(p, at, 6)}")


def _prefix_neigh(p: Pkt, at: int, tlen: int) -> None:
    if tlen < 4:
        return
    _need(p, at, 4)
    p.w(f"{_IND}Metric Block")
    _metric_block(p, at)
    at += 4
    tlen -= 4
    while tlen != 0:
        plen = p.u8(at)
        at += 1
        tlen -= 1
        if plen < 2:
            p.w(f"\n\t\tAddress: prefix length {plen} < 2")
            return
        if tlen < plen // 2:
            return
        p.w(f"\n\t\tAddress: {isonsap(p, at, plen // 2)}/{plen * 4}")
        at += plen // 2
        tlen -= plen // 2


# PDU type: the size of its own header after the 8-byte common header.
_HDRS = {15: 19, 16: 19, 17: 12, 18: 19, 20: 19, 24: 25, 25: 25, 26: 9, 27: 9}


def _header(p: Pkt, bp: int, pdu: int, fixed: int, length: int) -> tuple[int, int] | None:
    """The PDU-specific header: (PDU length, header end) to go on with the
    TLVs, or None when tcpdump stops after the header (its return 1)."""
    size = _HDRS[pdu]
    full = 8 + size
    if fixed != full:
        should = size if pdu in (18, 20) else full
        sep = "-" if pdu in (26, 27) else ","
        p.w(f"{sep} bogus fixed header length {fixed} should be {should}")
        raise _Bad
    h = bp + 8
    if not p.test(h, size) or length < full:
        raise _Trunc
    v = p.o.v
    if pdu in (15, 16):
        if not v:
            p.w(f", src-id {osi_id(p, h + 1, 6)}, lan-id {osi_id(p, h + 12, 7)}, "
                f"prio {p.u8(h + 11)}, length {length}")
            return None
        pdu_len = p.u16(h + 9)
        ct = p.u8(h)
        p.w(f"\n\t  source-id: {osi_id(p, h + 1, 6)},  holding time: {p.u16(h + 7)}s, Flags: "
            f"[{_CIRCUITS.get(ct, f'unknown circuit type 0x{ct:02x}')}]")
        p.w(f"\n\t  lan-id:    {osi_id(p, h + 12, 7)}, Priority: {p.u8(h + 11) & 0x7F}, "
            f"PDU length: {pdu_len}")
    elif pdu == 17:
        if not v:
            p.w(f", src-id {osi_id(p, h + 1, 6)}, length {length}")
            return None
        pdu_len = p.u16(h + 9)
        ct = p.u8(h)
        p.w(f"\n\t  source-id: {osi_id(p, h + 1, 6)}, holding time: {p.u16(h + 7)}s, Flags: "
            f"[{_CIRCUITS.get(ct, f'unknown circuit type 0x{ct:02x}')}]")
        p.w(f"\n\t  circuit-id: 0x{p.u8(h + 11):02x}, PDU length: {pdu_len}")
    elif pdu in (18, 20):
        if not v:
            p.w(f", lsp-id {osi_id(p, h + 4, 8)}, seq 0x{p.u32(h + 12):08x}, "
                f"lifetime {p.u16(h + 2):5d}s, length {length}")
            return None
        pdu_len = p.u16(h)
        if length > pdu_len:
            length = pdu_len
        ck = p.u16(h + 16)
        p.w(f"\n\t  lsp-id: {osi_id(p, h + 4, 8)}, seq: 0x{p.u32(h + 12):08x}, "
            f"lifetime: {p.u16(h + 2):5d}s\n\t  chksum: 0x{ck:04x}")
        _print_cksum(p, h + 4, ck, 12, length - 12)
        tb = p.u8(h + 18)
        p.w(f", PDU length: {pdu_len}, Flags: [ {'Overload bit set, ' if tb & 4 else ''}")
        if tb & 0x78:
            p.w(("default " if tb & 8 else "") + ("delay " if tb & 0x10 else "")
                + ("expense " if tb & 0x20 else "") + ("error " if tb & 0x40 else "")
                + "ATT bit set, ")
        p.w(f"{'P bit set, ' if tb & 0x80 else ''}{_ISTYPES[tb & 3]} ]")
    elif pdu in (24, 25):
        if not v:
            p.w(f", src-id {osi_id(p, h + 2, 7)}, length {length}")
            return None
        pdu_len = p.u16(h)
        p.w(f"\n\t  source-id:    {osi_id(p, h + 2, 7)}, PDU length: {pdu_len}")
        p.w(f"\n\t  start lsp-id: {osi_id(p, h + 9, 8)}")
        p.w(f"\n\t  end lsp-id:   {osi_id(p, h + 17, 8)}")
    else:
        if not v:
            p.w(f", src-id {osi_id(p, h + 2, 7)}, length {length}")
            return None
        pdu_len = p.u16(h)
        p.w(f"\n\t  source-id:    {osi_id(p, h + 2, 7)}, PDU length: {pdu_len}")
    if v > 1:
        _dump(p, h, "\n\t  ", size)
    return pdu_len, full


def isis_print(p: Pkt, bp: int, length: int) -> bool:
    """tcpdump's isis_print: False when the PDU is not decoded (the caller
    then dumps it in hex)."""
    p.proto = "isis"
    try:
        _isis(p, bp, length)
    except _Trunc:
        p.trunc()
    except _Done:
        pass
    except _Bad:
        return False
    return True


def _isis(p: Pkt, bp: int, length: int) -> None:
    o = p.o
    if not p.test(bp, 8) or length < 8:
        raise _Trunc
    if not o.e:
        p.w("IS-IS")
    version = p.u8(bp + 2)
    if version != 1:
        p.w(f"version {version} packet not supported")
        raise _Bad
    id_len = p.u8(bp + 3)
    if id_len not in (0, 6):
        p.w(f"system ID length of {id_len} is not supported")
        raise _Bad
    pdu_version = p.u8(bp + 5)
    if pdu_version != 1:
        p.w(f"version {pdu_version} packet not supported")
        raise _Bad
    fixed = p.u8(bp + 1)
    if length < fixed:
        p.w(f"fixed header length {fixed} > packet length {length}")
        raise _Bad
    if fixed < 8:
        p.w(f"fixed header length {fixed} < minimum header size 8")
        raise _Bad
    max_area = p.u8(bp + 7)
    if max_area == 255:
        p.w("bad packet -- 255 areas")
        raise _Bad
    pdu = p.u8(bp + 4)
    sep = "" if o.e else ", "
    if not o.v:
        p.w(f"{sep}{_PDUS.get(pdu, f'unknown PDU-Type {pdu}')}")
    else:
        p.w(f"{sep}length {length}")
        p.w(f"\n\t{_PDUS.get(pdu, f'unknown, type {pdu}')}, hlen: {fixed}, v: {version}, "
            f"pdu-v: {pdu_version}, sys-id-len: 6 ({id_len}), max-area: {max_area or 3} "
            f"({max_area})")
        if o.v > 1:
            _dump(p, bp, "\n\t", 8)
    if pdu not in _HDRS:
        if not o.v:
            p.w(f", length {length}")
            return
        unknown_data(p, bp + 8, "\n\t  ", length)
        raise _Bad
    got = _header(p, bp, pdu, fixed, length)
    if got is None:
        return
    pdu_len, full = got
    packet_len = length
    if packet_len > pdu_len:
        packet_len = length = pdu_len
    if packet_len < full:
        p.w(f" [packet length {packet_len} < {full}] (invalid)")
        return
    packet_len -= full
    _tlvs(p, bp, bp + full, packet_len, length)


def _tlvs(p: Pkt, optr: int, at: int, packet_len: int, length: int) -> None:
    while packet_len > 0:
        if not p.test(at, 2) or packet_len < 2:
            raise _Trunc
        kind, n = p.u8(at), p.u8(at + 1)
        at += 2
        packet_len -= 2
        p.w(f"\n\t    {_TLVS.get(kind, 'unknown')} TLV #{kind}, length: {n}")
        if packet_len < n:
            raise _Trunc
        try:
            _tlv(p, kind, at, n, n, optr, length)
        except _TlvShort:
            pass
        if p.o.v > 1:
            _dump(p, at, _IND, n)
        at += n
        packet_len -= n


NLPIDS = {0x00: "NULL", 0x08: "Q.933", 0x09: "LMI", 0x80: "SNAP", 0x81: "CLNP", 0x82: "ES-IS",
          0x83: "IS-IS", 0x84: "CONS", 0x85: "IDRP", 0xC1: "ISIS_SPB", 0xB1: "FRF.15",
          0xCC: "IPv4", 0xCF: "PPP", 0x8A: "X25 ES-IS", 0x8E: "IPv6"}

class _Trunc(Exception):
    """tcpdump's ``goto trunc`` in isis_print: the marker, then return 1."""


class _Bad(Exception):
    """isis_print returning 0 (the caller then dumps the PDU in hex)."""


def unknown_data(p: Pkt, off: int, ident: str, length: int) -> bool:
    """tcpdump's print_unknown_data: hex of what was captured of it; False
    when ``off`` is already past the capture."""
    if off > p.end:
        p.w(f"{ident}Dissector error: print_unknown_data called with pointer past end of packet")
        return False
    n = min(length, p.avail(off))
    if n > 0:
        p.w(hex_only(p.d[off:off + n], ident))
    return True


def _dump(p: Pkt, off: int, ident: str, length: int) -> None:
    if not unknown_data(p, off, ident, length):
        raise _Bad


def isonsap(p: Pkt, at: int, n: int) -> str:
    """tcpdump's GET_ISONSAP_STRING: hex octets grouped by a dot after the
    first and then every second one."""
    b = p.b(at, n)
    if n < 1 or n > 20:
        return "isonsap_string: illegal length"
    out = []
    for i, c in enumerate(b):
        out.append(f"{c:02x}")
        if i & 1 == 0 and i + 1 < n:
            out.append(".")
    return "".join(out)


def osi_id(p: Pkt, at: int, n: int) -> str:
    """tcpdump's isis_print_id: system id (6), node id (7) or LSP id (8)."""
    out = []
    for i in range(min(6, n)):
        out.append(f"{p.u8(at + i):02x}")
        if i in (1, 3):
            out.append(".")
    if n >= 7:
        out.append(f".{p.u8(at + 6):02x}")
    if n == 8:
        out.append(f"-{p.u8(at + 7):02x}")
    return "".join(out)


def osi_cksum(data: bytes, offset: int) -> int:
    """ISO 8473 annex C Fletcher checksum of ``data`` with its checksum
    field at ``offset`` (tcpdump's create_osi_cksum, C arithmetic kept)."""
    c0 = c1 = 0
    for i, c in enumerate(data):
        if i != offset and i != offset + 1:
            c0 = (c0 + c) & 0xFFFFFFFF
        c1 = (c1 + c0) & 0xFFFFFFFF
    c0 %= 255
    c1 %= 255
    mul = ((len(data) - offset) * c0) & 0xFFFFFFFF
    x = _s32(mul - c0 - c1)
    y = _s32(c1 - mul - 1)
    if y >= 0:
        y += 1
    if x < 0:
        x -= 1
    x = int(math.fmod(x, 255))
    y = int(math.fmod(y, 255))
    x = x or 255
    y = y or 255
    return ((x << 8) | (y & 0xFF)) & 0xFFFF


def _s32(v: int) -> int:
    v &= 0xFFFFFFFF
    return v - (1 << 32) if v & 0x80000000 else v


def _print_cksum(p: Pkt, base: int, checksum: int, offset: int, length: int) -> None:
    """tcpdump's osi_print_cksum."""
    length &= 0xFFFFFFFF
    if (not checksum or offset < 0 or not p.test(base + offset, 2) or offset > length
            or not p.test(base, length)):
        p.w(" (unverified)")
        return
    calc = osi_cksum(p.d[base:base + length], offset)
    p.w(" (correct)" if calc == checksum else f" (incorrect should be 0x{calc:04x})")


def isoclns_print(p: Pkt, bp: int, length: int) -> None:
    """tcpdump's isoclns_print: the NLPID and what it announces."""
    p.proto = "isoclns"
    o = p.o
    nlpid = p.u8(bp)
    if o.e:
        p.w(f"OSI NLPID {NLPIDS.get(nlpid, 'Unknown')} (0x{nlpid:02x}): ")
    length &= 0xFFFFFFFF
    if not p.ll:  # (after an LLC header: where -x starts when IP inside is cut short)
        p.ll = bp
    if nlpid == 0x81:
        if not clnp_print(p, bp, length):
            unknown_data(p, bp, "\n\t", length)
    elif nlpid == 0x82:
        esis_print(p, bp, length)
    elif nlpid == 0x83:

        if not isis_print(p, bp, length):
            unknown_data(p, bp, "\n\t", length)
    elif nlpid == 0x08:
        q933_print(p, bp + 1, length - 1)
    elif nlpid == 0x00:
        p.w(f"{'' if o.e else ', '}length: {length}")
    elif nlpid == 0xCC:

        ip_print(p, bp + 1, length - 1)
    elif nlpid == 0x8E:

        ip6_print(p, bp + 1, length - 1)
    elif nlpid == 0xCF:

        ppp_print(p, bp + 1, length - 1)
    else:
        if not o.e:
            p.w(f"OSI NLPID 0x{nlpid:02x} unknown")
        p.w(f"{'' if o.e else ', '}length: {length}")
        if length > 1:
            unknown_data(p, bp, "\n\t", length)


# ------------------------------------------------------------------- CLNP

_CLNP_PDUS = {1: "Error Report", 29: "MD", 28: "Data", 30: "Echo Request", 31: "Echo Response"}
_CLNP_FLAGS = ((0x80, "Segmentation permitted"), (0x40, "more Segments"),
               (0x20, "request Error Report"))
_CLNP_OPTS = {193: "Discard Reason", 205: "Priority", 195: "QoS Maintenance", 197: "Security",
              200: "Source Routing", 203: "Route Recording", 204: "Padding"}
_RFD_CLASSES = {0x0: "General", 0x8: "Address", 0x9: "Source Routeing", 0xA: "Lifetime",
                0xB: "PDU Discarded", 0xC: "Reassembly"}
_RFD_ERRORS = {
    0x0: {0: "Reason not specified", 1: "Protocol procedure error", 2: "Incorrect checksum",
          3: "PDU discarded due to congestion", 4: "Header syntax error (cannot be parsed)",
          5: "Segmentation needed but not permitted", 6: "Incomplete PDU received",
          7: "Duplicate option"},
    0x8: {0: "Destination address unreachable", 1: "Destination address unknown"},
    0x9: {0: "Unspecified source routeing error", 1: "Syntax error in source routeing field",
          2: "Unknown address in source routeing field", 3: "Path not acceptable"},
    0xA: {0: "Lifetime expired while data unit in transit",
          1: "Lifetime expired during reassembly"},
    0xB: {0: "Unsupported option not specified", 1: "Unsupported protocol version",
          2: "Unsupported security option", 3: "Unsupported source routeing option",
          4: "Unsupported recording of route option"},
    0xC: {0: "Reassembly interference"},
}
_SCOPES = {0x40: "Source Address Specific", 0x80: "Destination Address Specific",
           0xC0: "Globally unique"}
_QOS_GLOBAL = ((0x20, "reserved"), (0x10, "sequencing vs. delay"), (0x08, "congested"),
               (0x04, "delay vs. cost"), (0x02, "error vs. delay"), (0x01, "error vs. cost"))
_SHORT_ADDRS = "li < size of fixed part of CLNP header and addresses"


def _min_pdu(p: Pkt, bp: int, li: int) -> None:
    p.w(f" length indicator {li} < min PDU size:")
    p.w("".join(f"{c:02X}" for c in p.d[bp:p.end]))


def _clnp_option(p: Pkt, op: int, at: int, n: int) -> bool:
    """One CLNP option's value; False on a bad option length."""
    if op in (200, 203):
        if n < 2:
            p.w(", bad opt len")
            return False
        word = {200: "source routing", 203: "recording of route in progress"}[op]
        p.w(f"{ {0: 'partial', 1: 'complete'}.get(p.u8(at), 'Unknown')} {word}")
        off = p.u8(at + 1)
        if off == 0:
            p.w(" Bad NSAP offset (0)")
            return True
        off -= 1
        if off > n:
            p.w(" Bad NSAP offset (past end of option)")
            return True
        at += off
        n -= off
        while n > 0:
            alen = p.u8(at)
            if n < alen + 1:
                p.w("\n\t    NSAP address goes past end of option")
                break
            if alen > 0:
                p.w(f"\n\t    NSAP address (length {alen}): {isonsap(p, at + 1, alen)}")
            n -= alen + 1
    elif op in (205, 195, 193):
        if n < 1:
            p.w(", bad opt len")
            return False
        b = p.u8(at)
        if op == 205:
            p.w(f"0x{b & 0x0F:1x}")
        elif op == 195:
            p.w(f"\n\t    Format Code: {_SCOPES.get(b & 0xC0, 'Reserved')}")
            if b & 0xC0 == 0xC0:
                p.w(f"\n\t    QoS Flags [{bittok(_QOS_GLOBAL, 'none', b & 0x3F)}]")
        else:
            major, minor = b >> 4, b & 0x0F
            p.w(f"\n\t    Class: {_RFD_CLASSES.get(major, 'Unknown')} Error (0x{major:01x}), "
                f"{_RFD_ERRORS.get(major, {}).get(minor, 'Unknown')} (0x{minor:01x})")
    elif op == 197:
        if n < 2:
            p.w(", bad opt len")
            return False
        p.w(f"\n\t    Format Code: {_SCOPES.get(p.u8(at) & 0xC0, 'Reserved')}, "
            f"Security-Level {p.u8(at + 1)}")
    elif op == 204:
        p.w("padding data")
    else:
        unknown_data(p, at, "\n\t  ", n)
    return True


def _clnp_addr(p: Pkt, at: int, left: int) -> tuple[int, int, int] | None:
    """An address length octet and the address: (length, where, left)."""
    if left < 1:
        return None
    alen = p.u8(at)
    at += 1
    left -= 1
    if left < alen:
        return None
    if not p.test(at, alen):
        raise _Trunc
    return alen, at, left - alen


def clnp_print(p: Pkt, bp: int, length: int) -> bool:
    """tcpdump's clnp_print: False when the PDU is not decoded."""
    p.proto = "clnp"
    try:
        return _clnp(p, bp, length)
    except _Trunc:
        p.trunc()
        return True


def _clnp(p: Pkt, bp: int, length: int) -> bool:
    o = p.o
    if not p.test(bp, 9):
        raise _Trunc
    li = p.u8(bp + 1)
    if not o.e:
        p.w("CLNP")
    version = p.u8(bp + 2)
    if version != 1:
        p.w(f"version {version} packet not supported")
        return False
    if li > length:
        p.w(f" length indicator({li}) > PDU size ({length})!")
        return False
    if li < 9:
        _min_pdu(p, bp, li)
        return False
    kind, flags = p.u8(bp + 4) & 0x1F, p.u8(bp + 4) & 0xE0
    dst = _clnp_addr(p, bp + 9, li - 9)
    if dst is None:
        p.w(_SHORT_ADDRS)
        return False
    dlen, dat, left = dst
    src = _clnp_addr(p, dat + dlen, left)
    if src is None:
        p.w(_SHORT_ADDRS)
        return False
    slen, sat, left = src
    at = sat + slen
    sep = "" if o.e else ", "
    name = _CLNP_PDUS.get(kind, f"unknown ({kind})")
    if not o.v:
        p.w(f"{sep}{isonsap(p, sat, slen)} > {isonsap(p, dat, dlen)}, {name}, length {length}")
        return True
    p.w(f"{sep}length {length}")
    life, ck = p.u8(bp + 3), p.u16(bp + 7)
    p.w(f"\n\t{name} PDU, hlen: {li}, v: {version}, lifetime: {life // 2}.{(life % 2) * 5}s, "
        f"Segment PDU length: {p.u16(bp + 5)}, checksum: 0x{ck:04x}")
    _print_cksum(p, bp, ck, 7, li)
    p.w(f"\n\tFlags [{bittok(_CLNP_FLAGS, 'none', flags)}]")
    p.w(f"\n\tsource address (length {slen}): {isonsap(p, sat, slen)}"
        f"\n\tdest   address (length {dlen}): {isonsap(p, dat, dlen)}")
    if flags & 0x80:
        if left < 6:
            p.w("li < size of fixed part of CLNP header, addresses, and segment part")
            return False
        if not p.test(at, 6):
            raise _Trunc
        p.w(f"\n\tData Unit ID: 0x{p.u16(at):04x}, Segment Offset: {p.u16(at + 2)}, "
            f"Total PDU Length: {p.u16(at + 4)}")
        at += 6
        left -= 6
    while left != 0:
        if left < 2:
            p.w(", bad opts/li")
            return False
        op, n = p.u8(at), p.u8(at + 1)
        at += 2
        left -= 2
        if n > left:
            p.w(f", opt ({op}) too long")
            return False
        if not p.test(at, n):
            raise _Trunc
        left -= n
        p.w(f"\n\t  {_CLNP_OPTS.get(op, 'Unknown')} Option #{op}, length {n}, value: ")
        if not _clnp_option(p, op, at, n):
            return False
        if o.v > 1:
            unknown_data(p, at, "\n\t  ", n)
        at += n
    if kind in (1, 31) and p.u8(at) == 0x81:
        p.w("\n\t-----original packet-----\n\t")
        clnp_print(p, at, (length - li) & 0xFFFFFFFF)
        return True
    if length > at - bp:
        p.w(f"\n\t  undecoded non-header data, length {(length - li) & 0xFFFFFFFF}")
        unknown_data(p, at, "\n\t  ", length - (at - bp))
    return True


# ------------------------------------------------------------------ ES-IS

_ESIS_PDUS = {6: "redirect", 2: "ESH", 4: "ISH"}
_ESIS_OPTS = {129: "Protocols supported", 195: "QoS Maintenance", 197: "Security",
              198: "ES Configuration Time", 205: "Priority", 225: "Addressk Mask",
              226: "SNPA Mask"}


class _EsisStop(Exception):
    """esis_print's plain return after a complaint."""


def _esis_field(p: Pkt, at: int, left: int, word: str) -> tuple[int, int]:
    """A length octet and the field it announces: (length, left after)."""
    if not p.test(at, 1):
        raise _Trunc
    if left < 1:
        p.w(f", bad {word}/li")
        raise _EsisStop
    n = p.u8(at)
    if not p.test(at + 1, n):
        raise _Trunc
    if left - 1 < n:
        p.w(f", bad {word}/li")
        raise _EsisStop
    return n, left - 1 - n


def esis_print(p: Pkt, bp: int, length: int) -> None:
    """tcpdump's esis_print: ES and IS hellos, redirects, their options."""
    p.proto = "esis"
    try:
        _esis(p, bp, length)
    except _Trunc:
        p.trunc()
    except _EsisStop:
        pass


def _esis(p: Pkt, bp: int, length: int) -> None:
    o = p.o
    if not o.e:
        p.w("ES-IS")
    if length <= 2:
        p.w("bad pkt!" if o.q else "no header at all!")
        return
    if not p.test(bp, 9):
        raise _Trunc
    li = p.u8(bp + 1)
    version = p.u8(bp + 2)
    if version != 1:
        p.w(f" version {version} packet not supported")
        return
    if li > length:
        p.w(f" length indicator({li}) > PDU size ({length})!")
        return
    if li < 11:
        _min_pdu(p, bp, li)
        return
    kind = p.u8(bp + 4) & 0x1F
    sep = "" if o.e else ", "
    if not o.v:
        p.w(f"{sep}{_ESIS_PDUS.get(kind, f'unknown type ({kind})')}, length {length}")
        return
    p.w(f"{sep}length {length}\n\t{_ESIS_PDUS.get(kind, f'unknown type: {kind}')} ({kind})")
    ck = p.u16(bp + 7)
    p.w(f", v: {version}, checksum: 0x{ck:04x}")
    _print_cksum(p, bp, ck, 7, li)
    p.w(f", holding time: {p.u16(bp + 5)}s, length indicator: {li}")
    if o.v > 1:
        unknown_data(p, bp, "\n\t", 9)
    at, li = bp + 9, li - 9
    if kind == 6:
        dstl, li = _esis_field(p, at, li, "redirect")
        p.w(f"\n\t  {isonsap(p, at + 1, dstl)}")
        at += 1 + dstl
        snpal, li = _esis_field(p, at, li, "redirect")
        snpa = at + 1
        at += 1 + snpal
        if not p.test(at, 1):
            raise _Trunc
        if li < 1:
            p.w(", bad redirect/li")
            return
        netal = p.u8(at)
        if not p.test(at + 1, netal):
            raise _Trunc
        if li < netal:  # (tcpdump does not count the NET's length octet)
            p.w(", bad redirect/li")
            return
        li -= netal
        neta = at + 1
        at += 1 + netal
        p.w(f"\n\t  SNPA (length: {snpal}): {_linkaddr(p.b(snpa, snpal))}")
        if netal:
            p.w(f"\n\t  NET (length: {netal}) {isonsap(p, neta, netal)}")
    elif kind == 2:
        if not p.test(at, 1):
            raise _Trunc
        if li < 1:
            p.w(", bad esh/li")
            return
        count = p.u8(at)
        at += 1
        li -= 1
        p.w(f"\n\t  Number of Source Addresses: {count}")
        while count > 0:
            n, li = _esis_field(p, at, li, "esh")
            p.w(f"\n\t  NET (length: {n}): {isonsap(p, at + 1, n)}")
            at += 1 + n
            count -= 1
    elif kind == 4:
        n, li = _esis_field(p, at, li, "ish")
        p.w(f"\n\t  NET (length: {n}): {isonsap(p, at + 1, n)}")
        at += 1 + n
    else:
        if o.v <= 1 and p.test(at, 1):
            unknown_data(p, at, "\n\t  ", p.avail(at))
        return
    _esis_options(p, at, li)


def _linkaddr(b: bytes) -> str:
    return ":".join(f"{c:02x}" for c in b) if b else "<empty>"


def _esis_options(p: Pkt, at: int, li: int) -> None:
    while li != 0:
        if li < 2:
            p.w(", bad opts/li")
            return
        op, n = p.u8(at), p.u8(at + 1)
        at += 2
        li -= 2
        if n > li:
            p.w(f", opt ({op}) too long")
            return
        li -= n
        p.w(f"\n\t  {_ESIS_OPTS.get(op, 'Unknown')} Option #{op}, length {n}, value: ")
        tp = at
        if op == 198:
            if n == 2:
                if not p.test(at, 2):
                    raise _Trunc
                p.w(f"{p.u16(tp)}s")
            else:
                p.w("(bad length)")
        elif op == 129:
            while n > 0:
                b = p.u8(tp)
                p.w(f"{NLPIDS.get(b, 'unknown')} (0x{b:02x})")
                if n > 1:
                    p.w(", ")
                tp += 1
                n -= 1
        else:
            unknown_data(p, tp, "\n\t  ", n)
        if p.o.v > 1:
            unknown_data(p, at, "\n\t  ", n)
        at += n


# ------------------------------------------------------------------ Q.933

_Q933_MSGS = {0x00: "ESC to National", 0x01: "Alert", 0x02: "Call proceeding", 0x07: "Connect",
              0x0F: "Connect ACK", 0x03: "Progress", 0x05: "Setup", 0x45: "Disconnect",
              0x4D: "Release", 0x5A: "Release Complete", 0x46: "Restart", 0x4E: "Restart ACK",
              0x7D: "Status Reply", 0x75: "Status Enquiry"}
_Q933_IES = {0x01: "ANSI Report Type", 0x19: "ANSI Link Verify", 0x03: "ANSI Link Verify",
             0x07: "ANSI PVC Status", 0x51: "CCITT Report Type", 0x53: "CCITT Link Verify",
             0x57: "CCITT PVC Status"}
_REPORT_TYPES = {0: "Full Status", 1: "Link verify", 2: "Async PVC Status"}


def _q933_ie(p: Pkt, code: int, n: int, at: int) -> bool:
    """A codeset 0 or 5 IE (LMI report type, link verify, PVC status);
    False when it is not one of those."""
    v = p.o.v
    if code in (0x01, 0x51):
        if v:
            b = p.u8(at)
            p.w(f"{_REPORT_TYPES.get(b, 'unknown')} ({b})")
        return True
    if code in (0x03, 0x53, 0x19):
        if not v:
            p.w(", ")
        if n < 2:
            p.w("Invalid LINK VERIFY IE")
            return True
        p.w(f"TX Seq: {p.u8(at):3d}, RX Seq: {p.u8(at + 1):3d}")
        return True
    if code in (0x07, 0x57):
        if not v:
            p.w(", ")
        b = [p.u8(at + i) for i in range(min(n, 4))] if n >= 3 else []
        if (n < 3 or b[0] & 0x80 or (n == 3 and not b[1] & 0x80)
                or (n == 4 and (b[1] & 0x80 or not b[2] & 0x80))
                or (n == 5 and (b[1] & 0x80 or b[2] & 0x80 or not b[3] & 0x80))
                or n > 5 or not p.u8(at + n - 1) & 0x80):
            p.w("Invalid DLCI in PVC STATUS IE")
            return True
        dlci = ((b[0] & 0x3F) << 4) | ((b[1] & 0x78) >> 3)
        if n == 4:
            dlci = (dlci << 6) | ((b[2] & 0x7E) >> 1)
        elif n == 5:
            dlci = (dlci << 13) | (b[2] & 0x7F) | ((b[3] & 0x7E) >> 1)
        last = p.u8(at + n - 1)
        p.w(f"DLCI {dlci}: status {'New, ' if last & 0x8 else ''}"
            f"{'Active' if last & 0x2 else 'Inactive'}")
        return True
    return False


def q933_print(p: Pkt, at: int, length: int) -> None:
    """tcpdump's q933_print: call reference, message type, LMI IEs."""
    p.proto = "q.933"
    o = p.o
    sep = "" if o.e else ", "
    if not o.e:
        p.w("Q.933")
    if length == 0 or not p.test(at, 1):
        p.w(f"{sep}length {length}")
        p.trunc()
        return
    olen = length
    ref_len = p.u8(at) & 0x0F
    at += 1
    length -= 1
    ref = []
    for _ in range(ref_len + 1):  # the call reference, then the message type
        if length == 0 or not p.test(at, 1):
            p.w(f"{sep}length {olen}")
            p.trunc()
            return
        ref.append(p.u8(at))
        at += 1
        length -= 1
    msg = ref.pop()
    codeset = unshift = nonlocking = 0
    ansi = False
    if length:
        if not p.test(at, 1):
            p.w(f"{sep}length {olen}")
            p.trunc()
            return
        code = p.u8(at)
        if code & 0xF0 == 0x90:
            at += 1
            length -= 1
            codeset = code & 7
            if not code & 8:
                ansi = codeset == 5
            else:
                nonlocking, unshift = 1, 0
    p.w(f"{sep}{'ANSI' if ansi else 'CCITT'}, codeset {codeset}")
    if ref_len and (ref_len > 1 or p.u8(at) != 0):
        p.w(", Call Ref: 0x" + "".join(f"{c:02x}" for c in ref))
    if o.v:
        p.w(f", {_Q933_MSGS.get(msg, 'unknown message')} (0x{msg:02x}), length {olen}")
    else:
        p.w(f", {_Q933_MSGS.get(msg, f'unknown message 0x{msg:02x}')}")
    while length != 0:
        if nonlocking == 1:
            nonlocking = 2
        elif nonlocking == 2:
            codeset, nonlocking = unshift, 0
        if not p.test(at, 1):
            if not o.v:
                p.w(f", length {olen}")
            p.trunc()
            return
        code = p.u8(at)
        at += 1
        length -= 1
        if code & 0x80:
            if code & 0xF0 == 0x90:
                if not code & 8:
                    nonlocking = 0
                else:
                    nonlocking, unshift = 1, codeset
                codeset = code & 7
            continue
        if length == 0 or not p.test(at, 1):
            if not o.v:
                p.w(f", length {olen}")
            p.trunc()
            return
        n = p.u8(at)
        at += 1
        length -= 1
        if o.v:
            name = _Q933_IES.get(code, "unknown") if codeset in (0, 5) else "unknown"
            p.w(f"\n\t{name} IE (0x{code:02x}), length {n}: ")
        if code == 0 or n == 0:
            return
        if length < n or not p.test(at, n):
            if not o.v:
                p.w(f", length {olen}")
            p.trunc()
            return
        known = codeset in (0, 5) and _q933_ie(p, code, n, at)
        if known:
            if o.v > 1:
                unknown_data(p, at, "\n\t  ", n)
        elif o.v:
            unknown_data(p, at, "\n\t", n)
        length -= n
        at += n
    if not o.v:
        p.w(f", length {olen}")
