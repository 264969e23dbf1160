"""PIM (RFC 7761, IP protocol 103) as tcpdump 4.99 prints it: the version,
type and length; with -v the checksum and each PIMv2 message (Hello options,
Register with the packet it carries, Register-Stop, Join/Prune, Graft,
Bootstrap, Assert, Candidate-RP, Prune Refresh), and Cisco auto-RP over UDP;
private to craft.fmt.tcpdump."""

from __future__ import annotations

from craft.fmt.tcpdump.addrtoname import ip4, ip6
from craft.fmt.tcpdump.in_cksum import cksum, ip6_pseudo
from craft.fmt.tcpdump.netdissect import Pkt
from craft.fmt.tcpdump.print_ip import ip_print
from craft.fmt.tcpdump.print_ip6 import ip6_print
from craft.fmt.tcpdump.util_print import print_unknown_data, relts

_TYPES = {0: "Hello", 1: "Register", 2: "Register Stop", 3: "Join / Prune", 4: "Bootstrap",
          5: "Assert", 6: "Graft", 7: "Graft Acknowledgement", 8: "Candidate RP Advertisement",
          9: "Prune Refresh", 10: "DF Election", 11: "ECMP Redirect"}
_HELLO_OPTS = {1: "Hold Time", 2: "LAN Prune Delay", 18: "DR Priority (Old)", 19: "DR Priority",
               20: "Generation ID", 21: "State Refresh Capability", 22: "Bi-Directional Capability",
               24: "Address List", 65001: "Address List (Old)"}
_UNICAST, _GROUP, _SOURCE = 0, 1, 2


class _Cut(Exception):
    """tcpdump's "goto trunc": print [|pimv2] and stop."""


def pim_print(p: Pkt, bp: int, length: int, iph: int, fragmented: bool = False) -> None:
    """tcpdump's pim_print; ``iph`` is the IP header (for the checksum)."""
    p.proto = "pim"
    b0 = p.u8(bp)
    ver, kind = b0 >> 4, b0 & 0x0F
    name = _TYPES.get(kind, "Unknown Type")
    if ver != 2:
        p.w(f"PIMv{ver}, length {length}")
        return
    if not p.o.v:
        p.w(f"PIMv2, {name}, length {length}")
        return
    p.w(f"PIMv2, length {length}\n\t{name}")
    p.proto = "pimv2"
    try:
        _pimv2(p, bp, length, iph, kind)
    except _Cut:
        p.trunc()


def _checksum(p: Pkt, bp: int, n: int, iph: int) -> str:
    if not p.test(bp, n):
        return "unverified"
    data = p.d[bp:bp + n]
    if p.d[iph] >> 4 == 6:
        data = ip6_pseudo(p, iph, n, 103) + data
    return "incorrect" if cksum(data) else "correct"


def _pimv2(p: Pkt, bp: int, length: int, iph: int, kind: int) -> None:

    if length < 2:
        p.w(f"[length {length} < 2] (invalid)")
        return
    alen = p.u8(bp + 1) & 0x0F
    if alen:
        p.w(", RFC2117-encoding")
    if length < 4:
        p.w(f"[length {length} < 4] (invalid)")
        return
    ck = p.u16(bp + 2)
    p.w(f", cksum 0x{ck:04x} ")
    if ck == 0:
        p.w("(unverified)")
    else:
        status = _checksum(p, bp, 8 if kind == 1 else length, iph)
        if kind == 1 and status == "incorrect":
            status = _checksum(p, bp, length, iph)
        p.w(f"({status})")
    at, left = bp + 4, length - 4
    v = p.o.v

    def addr(kind_: int, label: str = "") -> None:
        nonlocal at, left
        p.w(label)
        n = _addr(p, at, left, kind_, alen)
        if n < 0:
            raise _Cut
        at += n
        left -= n

    if kind == 0:
        while left:
            _want(left, 4)
            otype, olen = p.u16(at), p.u16(at + 2)
            p.w(f"\n\t  {_HELLO_OPTS.get(otype, 'Unknown')} Option ({otype}), length {olen}, "
                f"Value: ")
            at, left = at + 4, left - 4
            if left < olen or not p.test(at, olen):
                raise _Cut
            want = _HELLO_OPT_LEN.get(otype)
            if want is not None and olen != want:
                p.w(f"[option length {olen} != {want}] (invalid)")
                return
            if otype == 1:
                p.w(relts(p.u16(at)))
            elif otype == 2:
                delay = p.u16(at)
                p.w(f"\n\t    T-bit={1 if delay & 0x8000 else 0}, LAN delay {delay & 0x7FFF}ms, "
                    f"Override interval {p.u16(at + 2)}ms")
            elif otype in (18, 19):
                if olen == 0:
                    p.w("Bi-Directional Capability (Old)")
                elif olen == 4:
                    p.w(str(p.u32(at)))
                else:
                    p.w(f"[option length {olen} != 4] (invalid)")
                    return
            elif otype == 20:
                p.w(f"0x{p.u32(at):08x}")
            elif otype == 21:
                p.w(f"v{p.u8(at)}")
                if p.u8(at + 1):
                    p.w(f", interval {relts(p.u8(at + 1))}")
                if p.u16(at + 2):
                    p.w(f" ?0x{p.u16(at + 2):04x}?")
            elif otype == 22:
                pass
            elif otype in (24, 65001):
                if v > 1:
                    ptr, plen = at, left
                    while ptr < at + olen:
                        p.w("\n\t    ")
                        n = _addr(p, ptr, plen, _UNICAST, alen)
                        if n < 0:
                            raise _Cut
                        ptr, plen = ptr + n, plen - n
            elif v <= 1:
                print_unknown_data(p, at, "\n\t    ", olen)
            if v > 1:
                print_unknown_data(p, at, "\n\t    ", olen)
            at, left = at + olen, left - olen
    elif kind == 1:
        if left < 4 or not p.test(at, 4):
            raise _Cut
        flags = p.u32(at)
        word = {0x80000000: "Border", 0x40000000: "Null"}.get(flags, "none")
        p.w(f", Flags [ {word} ]\n\t")
        at, left = at + 4, left - 4
        if left == 0:
            raise _Cut
        inner = p.u8(at) >> 4
        if inner == 0:
            p.w(f"IP-Null-header {ip4(p.b(at + 12, 4))} > {ip4(p.b(at + 16, 4))}")
        elif inner in (4, 6):
            if p.st.depth_ok():
                (ip_print if inner == 4 else ip6_print)(p, at, left)
        else:
            p.w(f"IP ver {inner}")
    elif kind == 2:
        addr(_GROUP, " group=")
        addr(_UNICAST, " source=")
    elif kind in (3, 6, 7):
        if kind != 7:
            addr(_UNICAST, ", upstream-neighbor: ")
        if left < 4 or not p.test(at, 4):
            raise _Cut
        ngroup, hold = p.u8(at + 1), p.u16(at + 2)
        p.w(f"\n\t  {ngroup} group(s)")
        if kind != 7:
            p.w(", holdtime: " + ("infinite" if hold == 0xFFFF else relts(hold)))
        at, left = at + 4, left - 4
        for i in range(ngroup):
            p.w(f"\n\t    group #{i + 1}: ")
            addr(_GROUP)
            if left < 4 or not p.test(at, 4):
                raise _Cut
            njoin, nprune = p.u16(at), p.u16(at + 2)
            p.w(f", joined sources: {njoin}, pruned sources: {nprune}")
            at, left = at + 4, left - 4
            for j in range(njoin):
                p.w(f"\n\t      joined source #{j + 1}: ")
                addr(_SOURCE)
            for j in range(nprune):
                p.w(f"\n\t      pruned source #{j + 1}: ")
                addr(_SOURCE)
    elif kind == 4:
        _want(left, 2)
        p.w(f" tag={p.u16(at):x}")
        at, left = at + 2, left - 2
        _want(left, 1)
        p.w(f" hashmlen={p.u8(at)}")
        if left < 2 or not p.test(at + 2, 1):
            raise _Cut
        p.w(f" BSRprio={p.u8(at + 1)}")
        at, left = at + 2, left - 2
        addr(_UNICAST, " BSR=")
        i = 0
        while left > 0:
            p.w(f" (group{i}: ")
            addr(_GROUP)
            _want(left, 1)
            p.w(f" RPcnt={p.u8(at)}")
            _want(left, 2)
            frp = p.u8(at + 1)
            p.w(f" FRPcnt={frp}")
            _want(left, 4)
            at, left = at + 4, left - 4
            j = 0
            while j < frp and left > 0:
                p.w(f" RP{j}=")
                addr(_UNICAST)
                _want(left, 2)
                p.w(",holdtime=")
                p.w(relts(p.u16(at)))
                _want(left, 3)
                p.w(f",prio={p.u8(at + 2)}")
                _want(left, 4)
                at, left = at + 4, left - 4
                j += 1
            p.w(")")
            i += 1
    elif kind == 5:
        addr(_GROUP, " group=")
        addr(_UNICAST, " src=")
        if left < 8 or not p.test(at, 8):
            raise _Cut
        if p.u8(at) & 0x80:
            p.w(" RPT")
        p.w(f" pref={p.u32(at) & 0x7FFFFFFF} metric={p.u32(at + 4)}")
    elif kind == 8:
        _want(left, 1)
        count = p.u8(at)
        p.w(f" prefix-cnt={count}")
        _want(left, 2)
        p.w(f" prio={p.u8(at + 1)}")
        _want(left, 4)
        p.w(" holdtime=")
        p.w(relts(p.u16(at + 2)))
        at, left = at + 4, left - 4
        addr(_UNICAST, " RP=")
        i = 0
        while i < count and left > 0:
            p.w(f" Group{i}=")
            addr(_GROUP)
            i += 1
    elif kind == 9:
        addr(_UNICAST, " src=")
        addr(_GROUP, " grp=")
        addr(_UNICAST, " forwarder=")
        _want(left, 2)
        p.w(" TUNR ")
        p.w(relts(p.u16(at)))
    else:
        p.w(f" [type {kind}]")


# the Hello options of one fixed length: Holdtime, LAN Prune Delay, Generation ID, State Refresh
_HELLO_OPT_LEN = {1: 2, 2: 4, 20: 4, 21: 4}


def _want(left: int, n: int) -> None:
    """_Cut unless N bytes are left of the message."""
    if left < n:
        raise _Cut


def _addr(p: Pkt, at: int, left: int, kind: int, alen: int) -> int:
    """tcpdump's pimv2_addr_print: an encoded address; its size, -1 when bad or short."""
    if alen == 0:
        if left < 2:
            return -1
        af = p.u8(at)
        if af not in (1, 2):
            return -1
        size = 4 if af == 1 else 16
        if p.u8(at + 1) != 0:
            return -1
        hdr = 2
    elif alen in (4, 16):
        size, hdr = alen, 0
    else:
        return -1
    at, left = at + hdr, left - hdr
    show = ip4 if size == 4 else ip6
    if kind == _UNICAST:
        if left < size:
            return -1
        if not p.test(at, size):
            raise _Cut
        p.w(show(p.b(at, size)))
        return hdr + size
    if left < size + 2:
        return -1
    if not p.test(at, size + 2):
        raise _Cut
    p.w(show(p.b(at + 2, size)))
    mask = p.u8(at + 1)
    if mask != size * 8:
        p.w(f"/{mask}")
    flags = p.u8(at)
    if flags:
        if kind == _GROUP:
            p.w(f"(0x{flags:02x})")
        else:
            p.w("(" + ("S" if flags & 4 else "") + ("W" if flags & 2 else "")
                + ("R" if flags & 1 else ""))
            if flags & 0xF8:
                p.w(f"+0x{flags & 0xF8:02x}")
            p.w(")")
    return hdr + 2 + size


_AUTORP_TYPES = {0x11: "candidate-advert", 0x12: "mapping"}
_AUTORP_PIM = (" PIMv?", " PIMv1", " PIMv2", " PIMv1+2")


def cisco_autorp_print(p: Pkt, bp: int, length: int) -> None:
    """Cisco's auto-RP (UDP 496): candidate-RP adverts and RP mappings with
    their group ranges, as tcpdump 4.99 prints them."""
    p.proto = "cisco_autorp"
    if length < 8:
        p.w(" [|cisco_autorp]")
        return
    p.w(" auto-rp ")
    typ = p.u8(bp)
    p.w(_AUTORP_TYPES.get(typ, f"type-0x{typ:02x}"))
    numrps = p.u8(bp + 1)
    p.w(" Hold ")
    hold = p.u16(bp + 2)
    p.w(relts(hold) if hold else "FOREVER")
    try:
        bp, length = bp + 8, length - 8
        for _ in range(numrps):
            _want(length, 4)
            p.w(f" RP {ip4(p.b(bp, 4))}")
            bp, length = bp + 4, length - 4
            _want(length, 1)
            ver = p.u8(bp)
            p.w(_AUTORP_PIM[ver & 3])
            if ver & 0xFC:
                p.w(f" [rsvd=0x{ver & 0xFC:02x}]")
            bp, length = bp + 1, length - 1
            _want(length, 1)
            entries = p.u8(bp)
            bp, length = bp + 1, length - 1
            sep = " "
            for _ in range(entries):
                _want(length, 6)
                e = p.u8(bp)
                p.w(f"{sep}{'!' if e & 1 else ''}{ip4(p.b(bp + 2, 4))}/{p.u8(bp + 1)}")
                if e & 0x02:
                    p.w(" bidir")
                if e & 0xFC:
                    p.w(f"[rsvd=0x{e & 0xFC:02x}]")
                sep = ","
                bp, length = bp + 6, length - 6
    except _Cut:
        p.w(" [|cisco_autorp]")
