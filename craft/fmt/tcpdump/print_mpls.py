"""MPLS (RFC 3032, Ethertypes 0x8847/0x8848) as tcpdump 4.99 prints it: each
label stack entry, then the payload guessed from the bottom label or the
first byte (IPv4, IPv6), private to craft.fmt.tcpdump."""

from __future__ import annotations

from craft.fmt.tcpdump.dispatch import lazy
from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.util_print import default_print

ip_print = lazy("print_ip:ip_print")
ip6_print = lazy("print_ip6:ip6_print")


_NAMES = ("IPv4 explicit NULL", "router alert", "IPv6 explicit NULL",
          "implicit NULL") + ("rsvd",) * 12


def mpls_print(p: Pkt, bp: int, length: int) -> None:
    """tcpdump's mpls_print."""

    p.proto = "mpls"
    v = p.o.v
    p.w("MPLS")
    depth = 0
    while True:
        if length < 4:
            p.w(" (invalid)")
            if not p.test(bp, length):
                raise Trunc
            return
        entry = p.u32(bp)
        label = entry >> 12
        p.w(("\n\t" if depth and v else " ") + f"(label {label}")
        depth += 1
        if v and label < len(_NAMES):
            p.w(f" ({_NAMES[label]})")
        p.w(f", tc {(entry >> 9) & 7}")
        if entry & 0x100:
            p.w(", [S]")
        p.w(f", ttl {entry & 0xFF})")
        bp, length = bp + 4, length - 4
        if entry & 0x100:
            break
    if label in (0, 3):
        kind = 4
    elif label == 2:
        kind = 6
    else:
        if length < 1:
            return
        first = p.u8(bp)
        kind = 4 if 0x45 <= first <= 0x4F else 6 if 0x60 <= first <= 0x6F else 0
    if kind == 0:
        default_print(p, bp, length)
        return
    p.w("\n\t" if v else " ")
    if p.st.depth_ok():
        (ip_print if kind == 4 else ip6_print)(p, bp, length)
