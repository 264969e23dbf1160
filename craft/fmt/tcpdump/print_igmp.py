"""IGMP, as tcpdump's print-igmp.c prints it."""

from __future__ import annotations

from craft.fmt.tcpdump.addrtoname import ip4, ip6
from craft.fmt.tcpdump.in_cksum import cksum
from craft.fmt.tcpdump.netdissect import Pkt
from craft.fmt.tcpdump.print_dvmrp import dvmrp_print
from craft.fmt.tcpdump.util_print import relts

_GROUP_RECORDS = {1: "is_in", 2: "is_ex", 3: "to_in", 4: "to_ex", 5: "allow", 6: "block"}


def igmp_print(p: Pkt, off: int, ln: int) -> None:
    """tcpdump's igmp_print: queries v1-v3, reports v1-v3, leave."""
    p.proto = "igmp"
    o = p.o
    if o.q:
        p.w("igmp")
        return
    t = p.u8(off)
    if t == 0x11:
        p.w("igmp query")
        if ln >= 12:
            _igmpv3_query(p, off, ln)
        else:
            mrc = p.u8(off + 1)
            if mrc:
                p.w(" v2")
                if mrc != 100:
                    p.w(f" [max resp time {mrc}]")
            else:
                p.w(" v1")
            if p.u32(off + 4):
                p.w(f" [gaddr {ip4(p.b(off + 4, 4))}]")
            if ln != 8:
                p.w(f" [len {ln}]")
    elif t == 0x12:
        p.w(f"igmp v1 report {ip4(p.b(off + 4, 4))}")
        if ln != 8:
            p.w(f" [len {ln}]")
    elif t == 0x16:
        p.w(f"igmp v2 report {ip4(p.b(off + 4, 4))}")
    elif t == 0x22:
        p.w("igmp v3 report")
        _igmpv3_report(p, off, ln)
    elif t == 0x17:
        p.w(f"igmp leave {ip4(p.b(off + 4, 4))}")
    elif t in (0x1E, 0x1F):  # mtrace query / response
        if ln < 24:
            p.w(f" [invalid len {ln}]")
        else:
            raddr = p.u32(off + 16)
            p.w(f"{'mtrace' if t == 0x1F else 'mresp'} {p.u32(off + 20) & 0xFFFFFF}: "
                f"{ip4(p.b(off + 8, 4))} to {ip4(p.b(off + 12, 4))} reply-to "
                f"{ip4(p.b(off + 16, 4))}")
            if raddr >> 28 == 0xE:
                p.w(f" with-ttl {p.u8(off + 20)}")
    elif t == 0x13:
        p.w("igmp dvmrp")
        if ln < 8:
            p.w(f" [len {ln}]")
        else:

            dvmrp_print(p, off, ln)
    else:
        # PIMv1 has a printer of its own in tcpdump
        p.w({0x14: "igmp pimv1"}.get(t, f"igmp-{t}"))
    if o.v and ln >= 4 and p.test(off, ln) and cksum(p.d[off:off + ln]):
        p.w(f" bad igmp cksum {p.u16(off + 2):x}!")


def _igmpv3_report(p: Pkt, off: int, ln: int) -> None:
    if ln < 8 or ln & 3:
        p.w(f" [invalid len {ln}]")
        return
    group_records(p, off, ln, 4, "v3-report")


def group_records(p: Pkt, bp: int, ln: int, asize: int, report: str) -> None:
    """The group records of an IGMPv3 report (addresses of 4 bytes) or an
    MLDv2 report (16 bytes, print-icmp6.c's copy of this loop)."""
    addr = ip4 if asize == 4 else ip6
    hdr = 4 + asize
    ngroups = p.u16(bp + 6)
    p.w(f", {ngroups} group record(s)")
    if not p.o.v:
        return
    group = 8
    for _ in range(ngroups):
        if ln < group + hdr:
            p.w(" [invalid number of groups]")
            return
        p.w(f" [gaddr {addr(p.b(bp + group + 4, asize))}")
        rt = p.u8(bp + group)
        p.w(" " + _GROUP_RECORDS.get(rt, f" [{report}-#{rt}]"))
        nsrcs = p.u16(bp + group + 2)
        if ln < group + hdr + nsrcs * asize:
            p.w(f" [invalid number of sources {nsrcs}]")
            return
        if p.o.v == 1:
            p.w(f", {nsrcs} source(s)")
        else:
            p.w(" {")
            for j in range(nsrcs):
                p.w(" " + addr(p.b(bp + group + hdr + j * asize, asize)))
            p.w(" }")
        group += hdr + nsrcs * asize
        p.w("]")


def _igmpv3_query(p: Pkt, off: int, ln: int) -> None:
    p.w(" v3")
    if ln < 12 or ln & 3:
        p.w(f" [invalid len {ln}]")
        return
    mrc = p.u8(off + 1)
    mrt = mrc if mrc < 128 else ((mrc & 0x0F) | 0x10) << (((mrc & 0x70) >> 4) + 3)
    if mrc != 100:
        p.w(" [max resp time ")
        p.w(f"{mrt * 0.1:.1f}s" if mrt < 600 else relts(mrt // 10))
        p.w("]")
    if p.u32(off + 4) == 0:
        return
    p.w(f" [gaddr {ip4(p.b(off + 4, 4))}")
    nsrcs = p.u16(off + 10)
    if nsrcs > 0:
        if ln < 12 + (nsrcs << 2):
            p.w(" [invalid number of sources]")
        elif p.o.v > 1:
            p.w(" {")
            for i in range(nsrcs):
                p.w(" " + ip4(p.b(off + 12 + (i << 2), 4)))
            p.w(" }")
        else:
            p.w(f", {nsrcs} source(s)")
    p.w("]")
