"""tcpdump 4.99's tunnel and IPsec printers: GRE, VXLAN, Geneve, AH and
ESP (private to craft.fmt.tcpdump). The printers of what a tunnel carries
are imported when called (they import this module)."""

from __future__ import annotations

from craft.fmt.tcpdump_base import ETHERTYPES, Pkt, Trunc, bittok


def ah_print(p: Pkt, off: int) -> int:
    """IPsec AH (RFC 4302) as tcpdump prints it; returns its length."""
    p.proto = "ah"
    p.w("AH")
    ln = p.u8(off + 1)
    hlen = (ln + 2) * 4
    p.w("(")
    if p.o.v:
        p.w(f"length={ln}({hlen}-bytes),")
    rsv = p.u16(off + 2)
    if rsv:
        p.w(f"reserved=0x{rsv:x}[MustBeZero],")
    p.w(f"spi=0x{p.u32(off + 4):08x},")
    p.w(f"seq=0x{p.u32(off + 8):x},")
    p.w("icv=0x")
    for i in range(off + 12, off + hlen):
        p.w(f"{p.u8(i):02x}")
    p.w("): ")
    return hlen


_GRE_FLAGS = ((0x8000, "checksum present"), (0x4000, "routing present"),
              (0x2000, "key present"), (0x1000, "sequence# present"), (0x0800, "source routing present"),
              (0x0080, "ack present"))


def gre_print(p: Pkt, off: int, length: int) -> None:
    """GRE version 0 (RFC 2784/2890) as tcpdump prints it; the payload
    (IPv4, IPv6, Ethernet) is printed in turn. Source routes are not."""
    from craft.fmt.tcpdump import ether_print
    from craft.fmt.tcpdump_ip import ip6_print, ip_print
    p.proto = "gre"
    p.need(off, 2)
    if length < 2:
        raise Trunc(local=True)
    flags = p.u16(off)
    vers = flags & 7
    p.w(f"GREv{vers}")
    if vers > 1:
        p.w(" ERROR: unknown-version")
        return
    o = p.o
    if o.v:
        p.w(f", Flags [{bittok(_GRE_FLAGS, 'none', flags)}]")
    if vers == 1:
        _gre_v1(p, off, length, flags)
        return
    ln = length - 2
    bp = off + 2
    p.need(bp, 2)
    if ln < 2:
        raise Trunc(local=True)
    prot = p.u16(bp)
    bp += 2
    ln -= 2
    if flags & 0xC000:
        p.need(bp, 2)
        if ln < 2:
            raise Trunc(local=True)
        if o.v:
            p.w(f", sum 0x{p.u16(bp):x}")
        p.need(bp + 2, 2)
        if ln < 4:
            raise Trunc(local=True)
        p.w(f", off 0x{p.u16(bp + 2):x}")
        bp += 4
        ln -= 4
    if flags & 0x2000:
        p.need(bp, 4)
        if ln < 4:
            raise Trunc(local=True)
        p.w(f", key=0x{p.u32(bp):x}")
        bp += 4
        ln -= 4
    if flags & 0x1000:
        p.need(bp, 4)
        if ln < 4:
            raise Trunc(local=True)
        p.w(f", seq {p.u32(bp)}")
        bp += 4
        ln -= 4
    if flags & 0x4000:  # source route entries (RFC 1701): their families only
        for _ in range(256):
            p.need(bp, 4)
            if ln < 4:
                raise Trunc(local=True)
            af, srelen = p.u16(bp), p.u8(bp + 3)
            bp += 4
            ln -= 4
            if af == 0 and srelen == 0:
                break
            words = {0x0800: "ip", 0xFFFE: "asn"}
            p.w(f", (rtaf={words[af]})" if af in words else f", (rtaf=0x{af:x})")
            if ln < srelen:
                raise Trunc(local=True)
            bp += srelen
            ln -= srelen
    if o.e:
        p.w(f", proto {ETHERTYPES.get(prot, 'unknown')} (0x{prot:04x})")
    p.w(f", length {length}")
    p.w("\n\t" if o.v else ": ")
    if prot == 0x0800:
        ip_print(p, bp, ln)
    elif prot == 0x86DD:
        ip6_print(p, bp, ln)
    elif prot == 0x6558:
        ether_print(p, bp, ln, p.avail(bp))
    else:
        p.w(f"gre-proto-0x{prot:x}")


def _gre_v1(p: Pkt, off: int, length: int, flags: int) -> None:
    """Enhanced GRE (PPTP, RFC 2637); the PPP payload is not decoded by craft."""
    ln = length - 2
    bp = off + 2
    p.need(bp, 2)
    if ln < 2:
        raise Trunc(local=True)
    prot = p.u16(bp)
    bp += 2
    ln -= 2
    for bit, word in ((0x2000, "call"), (0x1000, "seq"), (0x0080, "ack")):
        if flags & bit:
            p.need(bp, 4)
            if ln < 4:
                raise Trunc(local=True)
            value = p.u32(bp)
            p.w(f", {word} {value & 0xFFFF if bit == 0x2000 else value}")
            bp += 4
            ln -= 4
    if not flags & 0x1000:
        p.w(", no-payload")
    if p.o.e:
        p.w(f", proto {ETHERTYPES.get(prot, 'unknown')} (0x{prot:04x})")
    p.w(f", length {length}")
    if not flags & 0x1000:
        return
    p.w("\n\t" if p.o.v else ": ")
    if prot == 0x880B:
        from craft.fmt.tcpdump_ppp import ppp_print

        ppp_print(p, bp, ln)
    else:
        p.w(f"gre-proto-0x{prot:x}")


def vxlan_print(p: Pkt, bp: int, ln: int) -> None:
    """VXLAN (RFC 7348) and the Ethernet frame it carries, as 4.99.3 (which
    starts the inner frame on a new line)."""
    from craft.fmt.tcpdump import ether_print
    p.proto = "vxlan"
    p.w("VXLAN")
    if ln < 8:
        p.w(" (invalid)")
        return
    flags = p.u8(bp)
    p.w(f", flags [{'I' if flags & 0x08 else 'invalid'}] (0x{flags:02x}), ")
    vni = (p.u16(bp + 4) << 8) | p.u8(bp + 6)
    p.w(f"vni {vni}\n")
    p.u8(bp + 7)  # the reserved byte after the VNI must have been captured
    if p.st.depth_ok():
        ether_print(p, bp + 8, ln - 8, p.avail(bp + 8))


def otv_print(p: Pkt, bp: int, ln: int) -> None:
    """Overlay Transport Virtualization (UDP 8472) and the Ethernet frame it
    carries, as 4.99.3 prints them."""
    from craft.fmt.tcpdump import ether_print
    p.proto = "otv"
    p.w("OTV, ")
    if ln < 8:
        p.w(f"[length {ln} < 8] (invalid)")
        p.b(bp, ln)
        return
    flags = p.u8(bp)
    p.w(f"flags [{'I' if flags & 0x08 else '.'}] (0x{flags:02x}), ")
    p.w(f"overlay {(p.u16(bp + 1) << 8) | p.u8(bp + 3)}, ")
    p.w(f"instance {(p.u16(bp + 4) << 8) | p.u8(bp + 6)}\n")
    p.u8(bp + 7)  # the reserved byte must have been captured
    if p.st.depth_ok():
        ether_print(p, bp + 8, ln - 8, p.avail(bp + 8))


_GPE_FLAGS = ((0x08, "I"), (0x04, "P"), (0x02, "B"), (0x01, "O"))


def _inner(p: Pkt, nextp: int, bp: int, ln: int) -> None:
    """IPv4, IPv6 or Ethernet after a VXLAN-GPE or NSH header."""
    from craft.fmt.tcpdump import ether_print
    from craft.fmt.tcpdump_ip import ip6_print, ip_print
    if nextp == 1:
        ip_print(p, bp, ln)
    elif nextp == 2:
        ip6_print(p, bp, ln)
    elif nextp == 3:
        ether_print(p, bp, ln, p.avail(bp))


def vxlan_gpe_print(p: Pkt, bp: int, ln: int) -> None:
    """VXLAN's Generic Protocol Extension (UDP 4790): IPv4, IPv6, Ethernet or
    NSH inside, as 4.99.3 prints it."""
    p.proto = "vxlan_gpe"
    p.w("VXLAN-GPE, ")
    if ln < 8:
        p.w(f" (len {ln} < 8) (invalid)")
        return
    flags = p.u8(bp)
    p.w(f"flags [{''.join(n for b, n in _GPE_FLAGS if flags & b) or 'none'}], ")
    nextp = p.u8(bp + 3)
    p.w(f"vni {p.u32(bp + 4) >> 8}")
    p.w("\n    " if p.o.v else ": ")
    bp, ln = bp + 8, ln - 8
    if not p.st.depth_ok():
        return
    if nextp == 4:
        nsh_print(p, bp, ln)
    elif 1 <= nextp <= 3:
        _inner(p, nextp, bp, ln)
    else:
        p.w("ERROR: unknown-next-protocol (invalid)")


_NSH_MD = {0: "reserved", 1: "1", 2: "2", 0xF: "experimental"}
_NSH_NEXT = {1: "IPv4", 2: "IPv6", 3: "Ethernet", 4: "NSH", 5: "MPLS", 0xFE: "Experiment 1",
             0xFF: "Experiment 2"}


def nsh_print(p: Pkt, bp: int, ln: int) -> None:
    """Network Service Header (RFC 8300): base and service path headers, with
    -vvv the MD type 1 contexts and MD type 2 TLVs, then what it carries."""
    p.proto = "nsh"
    v = p.o.v
    if ln < 8:
        p.w(f" (packet length {ln} < 8) (invalid)")
        return
    base = p.u32(bp)
    ver, length, md, nextp = base >> 30, (base >> 16) & 0x3F, (base >> 8) & 0xF, base & 0xFF
    p.w("NSH, ")
    if v > 1:
        p.w(f"ver {ver}, ")
    if ver:
        return
    p.w(f"flags [{'O' if (base >> 28) & 0x2 else 'none'}], ")
    if v > 2:
        p.w(f"TTL {(base >> 22) & 0x3F}, length {length}, "
            f"md type {_NSH_MD.get(md, f'unknown (0x{md:02x})')}, ")
    if v > 1:
        p.w(f"next-protocol {_NSH_NEXT.get(nextp, f'unknown (0x{nextp:02x})')}, ")
    if ln < length * 4:
        p.w(f" (too many headers for packet length {ln}) (invalid)")
        return
    p.w(f"service-path-id 0x{(p.u16(bp + 4) << 8) | p.u8(bp + 6):06x}, ")
    p.w(f"service-index 0x{p.u8(bp + 7):x}")
    if length < 2:
        p.w(" (less than two headers) (invalid)")
        return
    at = bp + 8
    if v > 2 and md == 1:
        if length != 6:
            p.w(" (invalid length for the MD type) (invalid)")
            return
        for n in range(4):
            p.w(f"\n        Context[{n:02d}]: 0x{p.u32(at):08x}")
            at += 4
    elif v > 2 and md == 2:
        n = 0
        while n < length - 2:
            cls, typ, tlen = p.u16(at), p.u8(at + 2), p.u8(at + 3) & 0x7F
            at += 4
            padded = (tlen + 3) & ~3
            p.w(f"\n        TLV Class {cls}, Type {typ}, Len {tlen}")
            n += 1
            if length - 2 < n + padded // 4:
                p.w(" (length too big) (invalid)")
                return
            if tlen:
                p.w("\n            Value: ")
                for k in range(tlen):
                    p.w(f"{':' if k else '0x'}{p.u8(at + k):02x}")
                p.b(at + tlen, padded - tlen)  # the padding must have been captured
                at += padded
                n += padded // 4
    else:
        p.b(at, (length - 2) * 4)  # the context headers must have been captured
        at += (length - 2) * 4
    p.w("\n    " if v else ": ")
    if 1 <= nextp <= 3:
        _inner(p, nextp, at, ln - length * 4)
    else:
        p.w("ERROR: unknown-next-protocol")


_LI_DIRECTIONS = {1: "unused", 2: "egress", 3: "ingress"}
_LI_TYPES = {4: "undecided", 5: "ipv4", 6: "ipv6", 7: "ethernet"}
_LI_SUBTYPES = {1: "single VLAN tag", 2: "double VLAN tag", 3: "untagged"}


def bcm_li_print(p: Pkt, bp: int, ln: int) -> None:
    """Broadcom's lawful-intercept shim (UDP port 49152) and, with -v, the
    packet it carries, as 4.99.3 prints them."""
    from craft.fmt.tcpdump import ether_print
    from craft.fmt.tcpdump_ip import ip6_print, ip_print

    p.proto = "bcm_li"
    if ln < 4:
        p.w(f" (length {ln} < 4) (invalid)")
        return
    shim = p.u32(bp)
    kind = (shim >> 25) & 0xF
    nl = "\n    " if p.o.v else ""
    p.w(f"{nl}BCM-LI-SHIM: direction {_LI_DIRECTIONS.get(shim >> 29, 'unknown')}, "
        f"pkt-type {_LI_TYPES.get(kind, 'unknown')}, "
        f"pkt-subtype {_LI_SUBTYPES.get((shim >> 22) & 7, 'unknown')}, li-id {shim & 0x3FFFFF}{nl}")
    bp, ln = bp + 4, ln - 4
    if not p.o.v:
        if not p.test(bp, ln):
            raise Trunc  # (ND_LONGJMP_FROM_TCHECK: the whole packet is dumped with -x)
        return
    if kind == 4:
        first = p.u8(bp) >> 4
        kind = 5 if first == 4 else 6 if first == 6 else 0
        if not kind:
            p.w("unknown payload")
            return
    if kind not in (5, 6, 7):
        p.w(" (invalid)")
    elif p.st.depth_ok():
        if kind == 7:
            ether_print(p, bp, ln, p.avail(bp))
        elif kind == 5:
            ip_print(p, bp, ln)
        else:
            ip6_print(p, bp, ln)


_GENEVE_FLAGS = ((0x80, "O"), (0x40, "C"), (0x20, "R1"), (0x10, "R2"), (0x08, "R3"), (0x04, "R4"),
                 (0x02, "R5"), (0x01, "R6"))
_GENEVE_CLASSES = {0x0100: "Linux", 0x0101: "Open vSwitch (OVS)",
                   0x0102: "Open Virtual Networking (OVN)",
                   0x0103: "In-band Network Telemetry (INT)", 0x0104: "VMware"}


def geneve_print(p: Pkt, bp: int, ln: int) -> None:
    """Geneve (RFC 8926) and what it carries, as 4.99.3."""
    from craft.fmt.tcpdump import _ethertype_print, ether_print
    p.proto = "geneve"
    p.w("Geneve")
    if ln < 8:
        p.w(f" [length {ln} < 8] (invalid)")
        return
    p.need(bp, 8)
    ver_opt = p.u8(bp)
    if ver_opt >> 6:
        p.w(f" ERROR: unknown-version {ver_opt >> 6}")
        return
    flags = p.u8(bp + 1)
    ptype = p.u16(bp + 2)
    fl = "".join(name for bit, name in _GENEVE_FLAGS if flags & bit)
    p.w(f", Flags [{fl or 'none'}]")
    p.w(f", vni 0x{(p.u16(bp + 4) << 8) | p.u8(bp + 6):x}")
    if p.u8(bp + 7):
        p.w(f", rsvd 0x{p.u8(bp + 7):x}")
    bp += 8
    ln -= 8
    if p.o.e:
        p.w(f", proto {ETHERTYPES.get(ptype, 'unknown')} (0x{ptype:04x})")
    opts_len = (ver_opt & 0x3F) * 4
    if ln < opts_len:
        p.w(f" truncated-geneve - {opts_len - ln} bytes missing")
        return
    p.need(bp, opts_len)
    if opts_len:
        p.w(", options [")
        if p.o.v:
            o, left, sep = bp, opts_len, ""
            while left > 0:
                p.w(sep)
                sep = ", "
                cls, typ = p.u16(o), p.u8(o + 2)
                olen = 4 + (p.u8(o + 3) & 0x1F) * 4
                word = ("Standard" if cls <= 0xFF else "Experimental" if cls >= 0xFFF0
                        else _GENEVE_CLASSES.get(cls, "Unknown"))
                p.w(f"class {word} (0x{cls:x}) type 0x{typ:x}{'(C)' if typ & 0x80 else ''}"
                    f" len {olen}")
                if olen > left:
                    p.w(" [bad length]")
                    break
                if p.o.v > 1 and olen > 4:
                    p.w(" data" + "".join(f" {p.u32(o + k):08x}" for k in range(4, olen, 4)))
                o += olen
                left -= olen
        else:
            p.w(f"{opts_len} bytes")
        p.w("]")
    bp += opts_len
    ln -= opts_len
    p.w("\n\t" if p.o.v else ": ")
    if not p.st.depth_ok():
        return
    if not _ethertype_print(p, ptype, bp, ln, p.avail(bp)):
        if ptype == 0x6558:
            ether_print(p, bp, ln, p.avail(bp))
        else:
            p.w(f"geneve-proto-0x{ptype:x}")


def esp_print(p: Pkt, off: int, length: int) -> None:
    """IPsec ESP (RFC 4303): the clear part only, as tcpdump without secrets."""
    p.proto = "esp"
    if off + 8 >= p.end:
        p.trunc()
        return
    p.w(f"ESP(spi=0x{p.u32(off):08x},seq=0x{p.u32(off + 4):x}), length {length}")
