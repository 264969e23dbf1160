"""RIP, as tcpdump's print-rip.c prints it."""

from __future__ import annotations

from craft.fmt.tcpdump.addrtoname import ip4
from craft.fmt.tcpdump.netdissect import Pkt
from craft.fmt.tcpdump.util_print import fn_char, mask2plen, print_unknown_data

_RIP_CMDS = {1: "Request", 2: "Response", 3: "Trace on", 4: "Trace off", 5: "Poll",
             6: "Poll Entry"}


_RIP_AFS = {2: "IPv4", 6: "NS", 7: "ISO", 16: "Appletalk", 23: "IPX", 24: "IPv6", 28: "IPv6",
            30: "IPv6"}  # tcpdump's bsd_af_values


def rip_print(p: Pkt, bp: int, ln: int) -> None:
    """RIP (RFC 1058, 2453, 4822) as tcpdump prints port 520: the first line,
    with -v each route entry and authentication entry, with -vv a hex dump."""

    p.proto = "rip"
    if p.end < bp:
        p.trunc()
        return
    avail = min(p.end - bp, ln)
    if avail < 4:
        p.trunc()
        return
    v = p.o.v
    vers = p.u8(bp + 1)
    p.w(f"{chr(10) + chr(9) if v else ''}RIPv{vers}")
    if vers == 0:
        print_unknown_data(p, bp, "\n\t", ln)
        return
    cmd = p.u8(bp)
    p.w(f", {_RIP_CMDS.get(cmd, f'unknown command ({cmd})')}, length: {ln}")
    if not v:
        return
    if cmd in (1, 2):
        if vers in (1, 2):
            p.w(f", routes: {ln // 20}{' or less' if vers == 2 else ''}")
            left, at = avail - 4, bp + 4
            entry = _rip_entry_v1 if vers == 1 else _rip_entry_v2
            while left:
                size = entry(p, at, left)
                if size == 0:
                    p.trunc()
                    break
                if left < size:
                    p.w(f" [remaining entries length {left} < {size}] (invalid)")
                    break
                at += size
                left -= size
        else:
            p.w(", unknown version")
    elif cmd not in (4, 5, 6) and v <= 1:
        print_unknown_data(p, bp, "\n\t", ln)
    if v > 1:
        print_unknown_data(p, bp, "\n\t", ln)


def _rip_entry_v1(p: Pkt, at: int, left: int) -> int:
    """An RFC 1058 entry; its size, 0 when cut short."""

    if left < 20 or not p.test(at, 20):
        return 0
    family = p.u16(at)
    if family not in (0, 2):
        p.w(f"\n\t AFI {_RIP_AFS.get(family, f'Unknown ({family})')}, ")
        print_unknown_data(p, at + 4, "\n\t  ", 16)
        return 20
    if p.u16(at + 2) or p.u32(at + 8) or p.u32(at + 12):  # must-be-zero fields are not
        print_unknown_data(p, at, "\n\t  ", 20)
        return 20
    p.w(f"\n\t  {'AFI 0, ' if family == 0 else ''}{ip4(p.b(at + 4, 4))}, metric: {p.u32(at + 16)}")
    return 20


def _rip_entry_v2(p: Pkt, at: int, left: int) -> int:
    """An RFC 2453 entry or authentication entry; its size, 0 when cut short."""

    if left < 4 or not p.test(at, 4):
        return 0
    family = p.u16(at)
    if family == 0xFFFF:
        auth = p.u16(at + 2)
        at, left = at + 4, left - 4
        if auth == 2:
            p.w("\n\t  Simple Text Authentication data: ")
            for i in range(16):  # up to a NUL; a read past the capture is a Trunc
                c = p.u8(at + i)
                if c == 0:
                    break
                p.w(fn_char(c))
        elif auth == 3:
            if not p.test(at, 16) or left < 16:
                return 0
            p.w(f"\n\t  Auth header: Packet Len {p.u16(at)}, Key-ID {p.u8(at + 2)}, Auth Data Len "
                f"{p.u8(at + 3)}, SeqNo {p.u32(at + 4)}, MBZ {p.u32(at + 8)}, MBZ {p.u32(at + 12)}")
        elif auth == 1:
            p.w("\n\t  Auth trailer:")
            print_unknown_data(p, at, "\n\t  ", left)
            return 4 + left
        else:
            p.w(f"\n\t  Unknown ({auth}) Authentication data:")
            print_unknown_data(p, at, "\n\t  ", left)
            return 4 + left
    elif family not in (0, 2):
        p.w(f"\n\t  AFI {_RIP_AFS.get(family, f'Unknown ({family})')}")
        print_unknown_data(p, at + 4, "\n\t  ", 16)
    else:
        if not p.test(at, 20) or left < 20:
            return 0
        hop = p.b(at + 12, 4)
        p.w(f"\n\t  AFI {_RIP_AFS.get(family, str(family))}, {ip4(p.b(at + 4, 4)):>15}/"
            f"{mask2plen(p.u32(at + 8)):<2}, tag 0x{p.u16(at + 2):04x}, metric: {p.u32(at + 16)}, "
            f"next-hop: {ip4(hop) if hop != bytes(4) else 'self'}")
    return 20
