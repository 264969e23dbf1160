"""BOOTP and DHCPv4 (RFC 951, 1048, 2131, 2132) as tcpdump 4.99 prints them:
the first line always; with -v the header's fields and the RFC 1048 options
one per line (private to craft.fmt.tcpdump)."""

from __future__ import annotations

from craft.fmt.tcpdump.addrtoname import ip4, mac
from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.util_print import fn_char, print_unknown_data, printztn

_OPS = {1: "Request", 2: "Reply"}

# tag -> format letter + name (tcpdump's tag2str): i address(es), l/L 32-bit
# (unsigned/signed), s 16-bit, b bytes as decimal, x bytes as hex, a text,
# B booleans, p address pairs, $ special, ' ' no data.
_TAGS = {
    0: " PAD", 1: "iSubnet-Mask", 2: "LTime-Zone", 3: "iDefault-Gateway", 4: "iTime-Server",
    5: "iIEN-Name-Server", 6: "iDomain-Name-Server", 7: "iLOG", 8: "iCS", 9: "iLPR-Server",
    10: "iIM", 11: "iRL", 12: "aHostname", 13: "sBS", 255: " END",
    14: "aDP", 15: "aDomain-Name", 16: "iSS", 17: "aRP", 18: "aEP",
    19: "BIPF", 20: "BSRT", 21: "pPF", 22: "sRSZ", 23: "bTTL", 24: "lMTU-Timeout",
    25: "sMTU-Table", 26: "sMTU", 27: "BLSN", 28: "iBR", 29: "BMD", 30: "BMS",
    31: "BRouter-Discovery", 32: "iRSA", 33: "pStatic-Route", 34: "BUT", 35: "lAT", 36: "BIE",
    37: "bTT", 38: "lKI", 39: "BKG", 40: "aYD", 41: "iYS", 42: "iNTP", 43: "bVendor-Option",
    44: "iNetbios-Name-Server", 45: "iWDD", 46: "$Netbios-Node", 47: "aNetbios-Scope",
    48: "iXFS", 49: "iXDM", 64: "sN+D", 65: "iN+S", 68: "iMH", 69: "iSMTP", 70: "iPOP3",
    71: "iNNTP", 72: "iWWW", 73: "iFG", 74: "iIRC", 75: "iSTS", 76: "iSTDA",
    50: "iRequested-IP", 51: "lLease-Time", 52: "$OO", 66: "aTFTP", 67: "aBF",
    53: " DHCP-Message", 54: "iServer-ID", 55: "bParameter-Request", 56: "aMSG", 57: "sMSZ",
    58: "lRN", 59: "lRB", 60: "aVendor-Class", 61: "$Client-ID",
    98: "aUAP", 116: "BNOAUTO", 78: "bSLP-DA", 79: "bSLP-SCOPE", 117: "sNSSEARCH",
    77: "$User-Class", 118: "iSUBNET", 121: "$Classless-Static-Route",
    249: "$Classless-Static-Route-Microsoft", 150: "iTFTP-Server-Address",
    80: "aSLP-NA", 81: "$FQDN", 82: "$Agent-Information", 83: "bARMT", 84: "bAMSK",
    88: "aTZSTR", 89: "bFQDNS", 90: "bAUTH", 91: "iVINES", 92: "sRANK", 93: "sARCH",
    94: "bNDI", 97: "bGUID", 95: "aLDAP", 96: "i6o4", 100: "aPOSIX-TZ", 101: "aTZ-Name",
    110: "bIPX", 112: "iNI", 113: "aNITAG", 114: "aURL", 115: "bFAIL", 161: "aMUD-URL",
}
_DHCP_MESSAGES = {1: "Discover", 2: "Offer", 3: "Request", 4: "Decline", 5: "ACK", 6: "NACK",
                  7: "Release", 8: "Inform"}
_OVERLOAD = {1: "file", 2: "sname", 3: "file+sname"}
_NETBIOS_NODE = {1: "b-node", 2: "p-node", 4: "m-node", 8: "h-node"}
_HW_TYPES = {1: "ether", 6: "ieee802", 7: "arcnet", 0xF: "frelay", 0x17: "strip", 0x18: "ieee1394"}
_AGENT_SUBOPTS = {1: "Circuit-ID", 2: "Remote-ID", 6: "Subscriber-ID"}
_RFC1048 = b"\x63\x82\x53\x63"
_CMU = b"CMU\0"


def bootp_print(p: Pkt, bp: int, ln: int) -> None:
    """tcpdump's bootp_print."""
    p.proto = "bootp"
    op = p.u8(bp)
    p.w(f"BOOTP/DHCP, {_OPS.get(op, f'unknown (0x{op:02x})')}")
    htype, hlen = p.u8(bp + 1), p.u8(bp + 2)
    if htype == 1 and hlen == 6 and op == 1:
        p.w(f" from {mac(p.b(bp + 28, 6))}")
    p.w(f", length {ln}")
    if not p.o.v:
        return
    if not p.test(bp + 8, 2):  # (ND_TCHECK of secs: the mark, without a dump of the whole packet)
        raise Trunc(local=True)
    secs = p.u16(bp + 8)
    if htype != 1:
        p.w(f", htype {htype}")
    if htype != 1 or hlen != 6:
        p.w(f", hlen {hlen}")
    if p.u8(bp + 3):
        p.w(f", hops {p.u8(bp + 3)}")
    if p.u32(bp + 4):
        p.w(f", xid 0x{p.u32(bp + 4):x}")
    if secs:
        p.w(f", secs {secs}")
    flags = p.u16(bp + 10)
    p.w(f", Flags [{'Broadcast' if flags & 0x8000 else 'none'}]")
    if p.o.v > 1:
        p.w(f" (0x{flags:04x})")
    for at, word in ((12, "Client-IP"), (16, "Your-IP"), (20, "Server-IP"), (24, "Gateway-IP")):
        addr = p.b(bp + at, 4)
        if addr != b"\0\0\0\0":
            p.w(f"\n\t  {word} {ip4(addr)}")
    if htype == 1 and hlen == 6:
        p.w(f"\n\t  Client-Ethernet-Address {mac(p.b(bp + 28, 6))}")
    for at, size, word in ((44, 64, "sname"), (108, 128, "file")):
        if p.u8(bp + at):
            p.w(f'\n\t  {word} "')
            if not printztn(p, bp + at, size):
                p.w('"')
                p.trunc()
                return
            p.w('"')
    if not p.test(bp + 236, 4):  # (ND_TCHECK: the mark, without a dump of the whole packet)
        raise Trunc(local=True)
    vend = p.b(bp + 236, 4)
    if vend == _RFC1048:
        _rfc1048_print(p, bp + 236)
    elif vend == _CMU:
        _cmu_print(p, bp + 236)
    elif p.u32(bp + 236):
        p.w(f"\n\t  Vendor-#0x{p.u32(bp + 236):x}")


def _printn(p: Pkt, bp: int, n: int) -> None:
    """tcpdump's nd_printjn: n bytes as text (a read past the capture is a Trunc)."""
    for i in range(n):
        p.w(fn_char(p.u8(bp + i)))


def _rfc1048_print(p: Pkt, bp: int) -> None:
    v = p.o.v
    p.w("\n\t  Vendor-rfc1048 Extensions")
    p.w(f"\n\t    Magic Cookie 0x{p.u32(bp):08x}")
    bp += 4
    while p.test(bp, 1):
        tag = p.d[bp]
        bp += 1
        if tag == 0 and v < 3:
            continue
        if tag == 255 and v < 3:
            return
        name = _TAGS.get(tag, "?Unknown")
        c, name = name[0], name[1:]
        if tag in (0, 255):
            ln = 0
        else:
            ln = p.u8(bp)
            bp += 1
        p.w(f"\n\t    {name} ({tag}), length {ln}{': ' if ln > 0 else ''}")
        if tag == 0 and v > 2:
            ntag = 1
            while p.test(bp, 1) and p.d[bp] == 0:
                bp += 1
                ntag += 1
            if ntag > 1:
                p.w(f", occurs {ntag}")
        if not p.test(bp, ln):  # the option's data is checked whole first
            raise Trunc(local=True)
        if tag == 53 and ln == 1:
            msg = p.u8(bp)
            p.w(_DHCP_MESSAGES.get(msg, f"Unknown ({msg})"))
            bp += 1
            continue
        if tag == 55:
            for idx in range(ln):
                opt = p.u8(bp + idx)
                p.w("\n\t      " if idx % 4 == 0 else ", ")
                p.w(f"{_TAGS[opt][1:] if opt in _TAGS else 'Unknown'} ({opt})")
            bp += ln
            continue
        if c == "?":  # unknown tag: its size picks the format
            c = "b" if ln & 1 else "s" if ln & 2 else "l"
        used = _option_data(p, c, tag, bp, ln)
        bp += used
        if ln > used:
            p.w(f"\n\t  trailing data length {ln - used}")
            bp += ln - used


def _option_data(p: Pkt, c: str, tag: int, bp: int, ln: int) -> int:
    """Print one option's data, value by value (a read past the capture is a
    Trunc, after the values before it); the bytes used."""
    if c == "a":
        p.w('"')
        _printn(p, bp, ln)
        p.w('"')
        return ln
    size = {"i": 4, "l": 4, "L": 4, "p": 8, "s": 2, "B": 1}.get(c, 1)
    if c == "$":
        return _special(p, tag, bp, ln)
    used = 0
    while ln - used >= size:
        if used:
            p.w("," if c in "ilLpsB" else ":" if c == "x" else ".")
        at = bp + used
        if c == "i":
            p.w(ip4(p.b(at, 4)))
        elif c == "l":
            p.w(str(p.u32(at)))
        elif c == "L":
            p.w(str(int.from_bytes(p.b(at, 4), "big", signed=True)))
        elif c == "p":
            p.w(f"({ip4(p.b(at, 4))}:")
            p.w(f"{ip4(p.b(at + 4, 4))})")
        elif c == "s":
            p.w(str(p.u16(at)))
        elif c == "B":
            b = p.u8(at)
            p.w({0: "N", 1: "Y"}.get(b, f"{b}?"))
        else:  # b, x and anything else: bytes
            b = p.u8(at)
            p.w(f"{b:02x}" if c == "x" else str(b))
        used += size
    return used


def _special(p: Pkt, tag: int, bp: int, ln: int) -> int:
    if tag in (46, 52):  # NetBIOS node type, option overload
        if ln < 1:
            p.w("[ERROR: length < 1 bytes]")
            return 0
        value = p.u8(bp)
        p.w((_NETBIOS_NODE if tag == 46 else _OVERLOAD).get(value, f"#{value}"))
        return 1
    if tag == 81:  # client FQDN (RFC 4702)
        if ln < 3:
            p.w("[ERROR: length < 3 bytes]")
            return ln
        flags = p.u8(bp)
        if flags:
            marks = "".join(ch for bit, ch in ((1, "S"), (2, "O"), (4, "E"), (8, "N"))
                            if flags & bit)
            p.w(f"[{marks}] ")
        if p.u8(bp + 1) or p.u8(bp + 2):
            p.w(f"{p.u8(bp + 1)}/{p.u8(bp + 2)} ")
        p.w('"')
        _printn(p, bp + 3, ln - 3)
        p.w('"')
        return ln
    if tag == 61:  # client identifier
        if ln < 1:
            p.w("[ERROR: length < 1 bytes]")
            return 0
        kind = p.u8(bp)
        if kind == 0:
            p.w('"')
            _printn(p, bp + 1, ln - 1)
            p.w('"')
            return ln
        p.w(f"{_HW_TYPES.get(kind, f'hardware-type {kind},')} ")
        for i in range(1, ln):
            p.w(("" if i == 1 else ":") + f"{p.u8(bp + i):02x}")
        return ln
    if tag == 82:  # relay agent information (RFC 3046)
        used = 0
        while ln - used >= 2:
            sub, sublen = p.u8(bp + used), p.u8(bp + used + 1)
            used += 2
            word = _AGENT_SUBOPTS.get(sub, "Unknown")
            if sublen > ln - used:
                p.w(f"\n\t      {word} SubOption {sub}, length {sublen}: length goes past end of "
                    f"option")
                return ln
            p.w(f"\n\t      {word} SubOption {sub}, length {sublen}: ")
            if sub in _AGENT_SUBOPTS:
                _printn(p, bp + used, sublen)
            else:

                print_unknown_data(p, bp + used, "\n\t\t", sublen)
            used += sublen
        return used
    if tag in (121, 249):  # classless static routes (RFC 3442)
        if ln < 5:
            p.w("[ERROR: length < 5 bytes]")
            return ln
        used = 0
        while used < ln:
            if used:
                p.w(",")
            width = p.u8(bp + used)
            used += 1
            if width > 32:
                p.w(f"[ERROR: Mask width ({width}) > 32]")
                return ln
            octets = (width + 7) // 8
            if ln - used < octets + 4:
                p.w(f"[ERROR: Remaining length ({ln - used}) < {octets + 4} bytes]")
                return ln
            p.w("(")
            if width == 0:
                p.w("default")
            else:
                p.w(".".join(str(p.u8(bp + used + i)) for i in range(octets)) + ".0" * (4 - octets)
                    + f"/{width}")
            used += octets
            p.w(f":{ip4(p.b(bp + used, 4))})")
            used += 4
        return used
    if tag == 77:  # user class (RFC 3004)
        if ln < 2:
            p.w("[ERROR: length < 2 bytes]")
            return ln
        used, number = 0, 1
        while used < ln:
            sublen = p.u8(bp + used)
            used += 1
            p.w(f"\n\t      instance#{number}: ")
            if sublen == 0:
                p.w("[ERROR: suboption length must be non-zero]")
                return ln
            if ln - used < sublen:
                p.w("[ERROR: invalid option]")
                return ln
            p.w('"')
            _printn(p, bp + used, sublen)
            p.w(f'", length {sublen}')
            number += 1
            used += sublen
        return used
    p.w(f"[unknown special tag {tag}, size {ln}]")
    return ln


def _cmu_print(p: Pkt, bp: int) -> None:
    p.w(" vend-cmu")
    if not p.test(bp + 4, 4):  # (each field ND_TCHECKed: the mark, no dump of the whole packet)
        raise Trunc(local=True)
    flags = p.u8(bp + 4)
    if flags & ~1:
        p.w(f" F:0x{flags:x}")
    for at, word in ((12, "DG"), (8, "SM" if flags & 1 else "SM*"), (16, "NS1"), (20, "NS2"),
                     (24, "IEN1"), (28, "IEN2"), (32, "TS1"), (36, "TS2")):
        if not p.test(bp + at, 4):
            raise Trunc(local=True)
        addr = p.b(bp + at, 4)
        if addr != b"\0\0\0\0":
            p.w(f" {word}:{ip4(addr)}")
