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

import struct

from craft.fmt.tcpdump_base import OUIS, Pkt, bittok, fn_char, ip4, ip6, mbps
from craft.fmt.tcpdump_isoclns import (
    NLPIDS,
    _Bad,
    _dump,
    _print_cksum,
    _Trunc,
    isonsap,
    osi_id,
    unknown_data,
)

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
_LINK_PROT = ((0x01, "Extra Traffic"), (0x02, "Unprotected"), (0x04, "Shared"),
              (0x08, "Dedicated 1:1"), (0x10, "Dedicated 1+1"), (0x20, "Enhanced"),
              (0x40, "Reserved"), (0x80, "Reserved"))
_BC_MODELS = {0: "Russian dolls", 1: "Maximum allocation"}
_SWITCH_CAPS = {1: "Packet-Switch Capable-1", 2: "Packet-Switch Capable-2",
                3: "Packet-Switch Capable-3", 4: "Packet-Switch Capable-4",
                51: "Layer-2 Switch Capable", 100: "Time-Division-Multiplex",
                150: "Lambda-Switch Capable", 200: "Fiber-Switch Capable"}
_ENCODINGS = {1: "Packet", 2: "Ethernet V2/DIX", 3: "ANSI/ETSI PDH", 4: "Reserved",
              5: "SDH ITU-T G.707/SONET ANSI T1.105", 6: "Reserved", 7: "Digital Wrapper",
              8: "Lambda (photonic)", 9: "Fiber", 10: "Reserved", 11: "FiberChannel",
              12: "G.709 ODUk (Digital Path)", 13: "G.709 Optical Channel"}
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


def _mask2plen(mask: int) -> int:
    for n in range(32, -1, -1):
        if ((0xFFFFFFFF << (32 - n)) & 0xFFFFFFFF) == mask:
            return n
    return -1


def _ip_reach(p: Pkt, cp: int, length: int) -> bool:
    """The old-style IPv4 reachability TLVs 128 and 130."""
    while length > 0:
        if length < 12:
            p.w(f"short IPv4 Reachability ({length} vs 12)")
            return False
        if not p.test(cp, 12):
            return False
        mask = p.b(cp + 8, 4)
        plen = _mask2plen(int.from_bytes(mask, "big"))
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
            p.w(f"{indent}Bandwidth Constraints Model ID: {_BC_MODELS.get(model, 'unknown')} ({model})")
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
            p.w(f", {bittok(_LINK_PROT, 'none', p.u8(at))}, Priority {p.u8(at + 1)}")
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
    p.w(f"{indent}  Interface Switching Capability:{_SWITCH_CAPS.get(cap, 'Unknown')}")
    p.w(f", LSP Encoding: {_ENCODINGS.get(p.u8(at + 1), 'Unknown')}")
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
            p.w(f"{indent}  Indication "
                f"{ {0: 'Standard SONET/SDH', 1: 'Arbitrary SONET/SDH'}.get(ind, f'Unknown ({ind})')}")
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
    _printjnp(p, at + 1, 32)
    p.w(f"\n\t              Lvl: {p.u16(at + 33)}, Digest: ")
    p.w("".join(f"{c:02x} " for c in p.d[at + 35:at + 51]))


def _printjnp(p: Pkt, at: int, n: int) -> None:
    for i in range(n):
        c = p.u8(at + i)
        if c == 0:
            return
        p.w(fn_char(c))


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
                    if sl == 3:
                        p.w(f", SID value {int.from_bytes(p.b(sp, 3), 'big')}")
                    elif sl == 4:
                        p.w(f", SID value {p.u32(sp)}")
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
        _printjnp(p, at, tlen)
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
        _printjnp(p, at, tlen)
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
            f"pdu-v: {pdu_version}, sys-id-len: 6 ({id_len}), max-area: {max_area or 3} ({max_area})")
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
