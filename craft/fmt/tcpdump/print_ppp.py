"""PPP and its control protocols, as tcpdump's print-ppp.c prints them."""

from __future__ import annotations

from collections.abc import Callable

from craft.fmt.tcpdump.addrtoname import ip4, mac
from craft.fmt.tcpdump.dispatch import lazy
from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.oui import OUIS
from craft.fmt.tcpdump.print_isoclns import isoclns_print
from craft.fmt.tcpdump.print_mpls import mpls_print
from craft.fmt.tcpdump.util_print import fn_char, print_unknown_data, printjn

ip_print = lazy("print_ip:ip_print")
ip6_print = lazy("print_ip6:ip6_print")


# PPP protocol numbers (tcpdump's ppptype2str).
PPP_TYPES = {
    0x0021: "IP", 0x0023: "OSI", 0x0025: "NS", 0x0027: "DECNET", 0x0029: "APPLE", 0x002B: "IPX",
    0x002D: "VJC IP", 0x002F: "VJNC IP", 0x0031: "BRPDU", 0x0033: "STII", 0x0035: "VINES",
    0x0281: "MPLS", 0x0283: "MPLS", 0x00FD: "Compressed", 0x003D: "MLPPP", 0x0057: "IP6",
    0x0201: "HELLO", 0x0231: "LUXCOM", 0x0233: "SNS", 0x8021: "IPCP", 0x8023: "OSICP",
    0x8025: "NSCP", 0x8027: "DECNETCP", 0x8029: "APPLECP", 0x802B: "IPXCP", 0x8033: "STIICP",
    0x8035: "VINESCP", 0x8057: "IP6CP", 0x8281: "MPLSCP", 0xC021: "LCP", 0xC023: "PAP",
    0xC025: "LQM", 0xC223: "CHAP", 0xC227: "EAP", 0xC027: "SPAP", 0xC123: "Old-SPAP",
    0xC02B: "BACP", 0xC02D: "BAP", 0x803D: "MLPPP-CP", 0x80FD: "CCP",
}
_CP_CODES = {0: "Vendor-Extension", 1: "Conf-Request", 2: "Conf-Ack", 3: "Conf-Nack",
             4: "Conf-Reject", 5: "Term-Request", 6: "Term-Ack", 7: "Code-Reject",
             8: "Prot-Reject", 9: "Echo-Request", 10: "Echo-Reply", 11: "Disc-Req", 12: "Ident",
             13: "Time-Rem", 14: "Reset-Req", 15: "Reset-Ack"}
_LCP_OPTS = ("Vend-Ext", "MRU", "ACCM", "Auth-Prot", "Qual-Prot", "Magic-Num", "deprecated(6)",
             "PFC", "ACFC", "FCS-Alt", "SDP", "Num-Mode", "deprecated(12)", "Call-Back",
             "deprecated(14)", "deprecated(15)", "deprecated(16)", "MRRU", "12-Bit seq #",
             "End-Disc", "Proprietary", "DCE-Id", "MP+", "Link-Disc", "LCP-Auth-Opt", "COBS",
             "Prefix-elision", "Multilink-header-Form", "I18N", "SDL-over-SONET/SDH", "PPP-Muxing")
_CCP_OPTS = {0: "OUI", 1: "Pred-1", 2: "Pred-2", 3: "Puddle", 16: "HP-PPC", 17: "Stac-LZS",
             18: "MPPC", 19: "Gand-FZA", 20: "V.42bis", 21: "BSD-Comp", 23: "LZS-DCP", 24: "MVRCA",
             25: "DEC", 26: "Deflate", 255: "Reserved"}
_IPCP_OPTS = {1: "IP-Addrs", 2: "IP-Comp", 3: "IP-Addr", 4: "Home-Addr", 129: "Pri-DNS",
              130: "Pri-NBNS", 131: "Sec-DNS", 132: "Sec-NBNS"}
_AUTH_ALGS = {5: "MD5", 128: "MS-CHAPv1", 129: "MS-CHAPv2"}
_CALLBACK = {0: "UserAuth", 1: "DialString", 2: "LocalID", 3: "E.164", 4: "X.500", 6: "CBCP"}
_CHAP = {1: "Challenge", 2: "Response", 3: "Success", 4: "Fail"}
_PAP = {1: "Auth-Req", 2: "Auth-ACK", 3: "Auth-NACK"}


def _unknown(p: Pkt, at: int, ident: str, n: int) -> None:

    print_unknown_data(p, at, ident, n)


def ppp_print(p: Pkt, bp: int, length: int) -> None:
    """tcpdump's ppp_print: address/control and protocol fields, then the payload."""
    p.proto = "ppp"
    olen = length
    if length < 2:
        raise Trunc(local=True)
    head = p.u16(bp)
    if head in (0x0003, 0x0103, 0xFF03):  # pppd in, pppd out, address/control
        if p.o.e and head != 0xFF03:
            p.w("In  " if head == 0x0003 else "Out ")
        bp, length = bp + 2, length - 2
    if length < 2:
        raise Trunc(local=True)
    if p.u8(bp) % 2:  # protocol-field compression
        proto, bp, length = p.u8(bp), bp + 1, length - 1
    else:
        proto, bp, length = p.u16(bp), bp + 2, length - 2
    if p.o.e:
        name = PPP_TYPES.get(proto, "unknown")
        p.w(f"{name} (0x{proto:04x}), length {olen}")
        if name == "unknown":
            return
        p.w(": ")
    _handle(p, proto, bp, length)


# the network layers handle_ppp hands on: IPv4 (ETHERTYPE_IP, PPP_IP, PPP_VJNC), IPv6
# (ETHERTYPE_IPV6, PPP_IPV6), MPLS unicast and multicast, OSI
_NETWORK = {0x0800: ip_print, 0x002F: ip_print, 0x0021: ip_print, 0x86DD: ip6_print,
            0x0057: ip6_print, 0x0281: mpls_print, 0x0283: mpls_print, 0x0023: isoclns_print}


def _handle(p: Pkt, proto: int, bp: int, length: int) -> None:
    """tcpdump's handle_ppp."""

    if proto in (0xC021, 0x8021, 0x8023, 0x8281, 0x8057, 0x80FD, 0xC02B):
        _ctrl_proto(p, proto, bp, length)
    elif proto == 0x003D:
        if not p.o.e:
            p.w("MLPPP, ")
        if length < 2 or not p.test(bp, 2):
            p.w("[|mlppp]")
            return
        flags = p.u8(bp) & 0xC0
        words = ", ".join(w for b, w in ((0x80, "begin"), (0x40, "end")) if flags & b) or "none"
        p.w(f"seq 0x{p.u16(bp) & 0x0FFF:03x}, Flags [{words}], length {length}")
    elif proto == 0xC223:
        _chap(p, bp, length)
    elif proto == 0xC023:
        _pap(p, bp, length)
    elif proto == 0xC02D:
        pass  # BAP: tcpdump prints nothing for it yet
    elif proto in _NETWORK:
        _NETWORK[proto](p, bp, length)
    elif proto == 0x00FD:
        p.w("compressed PPP data")
    else:
        p.w(f"{PPP_TYPES.get(proto, f'unknown PPP protocol (0x{proto:04x})')} ")
        _unknown(p, bp, "\n\t", length)


def _printn(p: Pkt, at: int, n: int) -> bool:
    """tcpdump's nd_printn to the capture's end; True when it was cut."""
    for i in range(n):
        if at + i >= p.end:
            return True
        p.w(fn_char(p.d[at + i]))
    return False


def _ctrl_proto(p: Pkt, proto: int, bp: int, length: int) -> None:
    """handle_ctrl_proto: LCP and the other control protocols."""
    name = PPP_TYPES.get(proto, f"unknown ctrl-proto (0x{proto:04x})")
    p.w(f"{name}, ")
    if length < 4 or not p.test(bp, 2):
        p.w(f"[|{name}]")
        return
    code = p.u8(bp)
    p.w(f"{_CP_CODES.get(code, 'Unknown Opcode')} (0x{code:02x}), id {p.u8(bp + 1)}, length "
        f"{length + 2}")
    if not p.o.v:
        return
    n = p.u16(bp + 2)
    if n < 4 or n > length:
        p.w(f"\n\tencoded length {n} " + ("(< 4))" if n < 4 else f"(> packet length {length}))"))
        return
    p.w(f"\n\tencoded length {n} (=Option(s) length {n - 4})")
    if n == 4:
        return
    if p.o.v > 1:
        _unknown(p, bp - 2, "\n\t", 6)
    at = bp + 4
    if code == 0:
        if n >= 11:
            p.w(f"\n\t  Magic-Num 0x{p.u32(at):08x}")
            oui = int.from_bytes(p.b(at + 4, 3), "big")
            p.w(f" Vendor: {OUIS.get(oui, 'Unknown')} ({oui})")
    elif code in (1, 2, 3, 4):
        printer = _OPTION_PRINTERS.get(proto)
        left = n - 4
        while printer is not None:
            used = printer(p, at, n)
            if used == 0:
                break
            if left < used:
                p.w(f" [remaining options length {left} < {used}] (invalid)")
                break
            left, at = left - used, at + used
            if left == 0:
                break
    elif code == 8:
        if n >= 6:
            rejected = p.u16(at)
            p.w(f"\n\t  Rejected {PPP_TYPES.get(rejected, 'unknown')} Protocol (0x{rejected:04x})")
            if n > 6:
                p.w("\n\t  Rejected Packet")
                _unknown(p, at + 2, "\n\t    ", n - 2)
    elif code in (9, 10, 11):
        if n >= 8:
            p.w(f"\n\t  Magic-Num 0x{p.u32(at):08x}")
            if n > 8:
                p.w("\n\t  -----trailing data-----")
                if not p.test(at + 4, n - 8):
                    p.w(f"[|{name}]")
                    return
                _unknown(p, at + 4, "\n\t  ", n - 8)
    elif code == 12:
        if n >= 8:
            p.w(f"\n\t  Magic-Num 0x{p.u32(at):08x}")
            if n > 8:
                p.w("\n\t  Message\n\t    ")
                if _printn(p, at + 4, n - 4):
                    p.w(f"[|{name}]")
    elif code == 13:
        if n >= 12:
            p.w(f"\n\t  Magic-Num 0x{p.u32(at):08x}")
            p.w(f", Seconds-Remaining {p.u32(at + 4)}s")
    elif code not in (5, 6, 7) and p.o.v <= 1:
        _unknown(p, bp - 2, "\n\t  ", length + 2)


def _opt_head(p: Pkt, at: int, length: int, names: Callable[[int], str],
              proto: str) -> tuple[int, int] | None:
    """An option's type and length, or None (printing the bogus-length line)."""
    if length < 2:
        return None
    if not p.test(at, 2):
        p.w(f"[|{proto}]")
        return None
    opt, n = p.u8(at), p.u8(at + 1)
    if length < n:
        return None
    if n < 2:
        p.w(f"\n\t  {names(opt)} Option (0x{opt:02x}), length {n} (length bogus, should be >= 2)")
        return None
    p.w(f"\n\t  {names(opt)} Option (0x{opt:02x}), length {n}")
    return opt, n


def _bogus(p: Pkt, want: str) -> None:
    p.w(f" (length bogus, should be {want})")


# an option's length rule: (length, exact, give up the list), by option type
_Lens = dict[int, tuple[int, bool, bool]]


def _checked(p: Pkt, opt: int, n: int, rules: _Lens) -> int | None:
    """None when option OPT's length N keeps its rule, else what the option
    printer returns after the complaint: N, or 0 where tcpdump gives up."""
    rule = rules.get(opt)
    if rule is None or not _len_bad(p, n, rule[0], rule[1]):
        return None
    return 0 if rule[2] else n


def _len_bad(p: Pkt, n: int, want: int, exact: bool = False) -> bool:
    """True, after tcpdump's complaint, when an option's length N is not
    WANT (EXACT) or is less than WANT."""
    if n == want or (n > want and not exact):
        return False
    _bogus(p, f"= {want}" if exact else f">= {want}")
    return True


def _tail(p: Pkt, at: int, n: int, known: bool) -> None:
    """The raw value of an option: always with -vv, and for unknown ones with -v."""
    if not known and p.o.v < 2:
        _unknown(p, at + 2, "\n\t    ", n - 2)
    if p.o.v > 1:
        _unknown(p, at + 2, "\n\t    ", n - 2)


# each option's length rule: (length, exact, give up the list)
_LCP_LENS: _Lens = {0: (6, False, False), 1: (4, True, False), 2: (6, True, False),
                    3: (4, False, False), 4: (4, False, True), 5: (6, True, True),
                    13: (3, False, True), 17: (4, True, True), 19: (3, False, True),
                    23: (4, True, True)}


def _lcp_option(p: Pkt, at: int, length: int) -> int:
    if length < 2:
        return 0
    if not p.test(at, 2):
        p.w("[|lcp]")
        return 0
    opt, n = p.u8(at), p.u8(at + 1)
    if length < n:
        return 0
    if n < 2:
        if opt < len(_LCP_OPTS):
            p.w(f"\n\t  {_LCP_OPTS[opt]} Option (0x{opt:02x}), length {n} (length bogus, should "
                f"be >= 2)")
        else:
            p.w(f"\n\tunknown LCP option 0x{opt:02x}")
        return 0
    if opt >= len(_LCP_OPTS):
        p.w(f"\n\tunknown LCP option 0x{opt:02x}")
        return n
    p.w(f"\n\t  {_LCP_OPTS[opt]} Option (0x{opt:02x}), length {n}")
    bad = _checked(p, opt, n, _LCP_LENS)
    if bad is not None:
        return bad
    known = True
    if opt == 0:
        oui = int.from_bytes(p.b(at + 2, 3), "big")
        p.w(f": Vendor: {OUIS.get(oui, 'Unknown')} ({oui})")
    elif opt in (1, 17):  # MRU, MRRU
        p.w(f": {p.u16(at + 2)}")
    elif opt in (2, 5):  # ACCM, Magic-Num
        p.w(f": 0x{p.u32(at + 2):08x}")
    elif opt == 3:
        auth = p.u16(at + 2)
        p.w(f": {PPP_TYPES.get(auth, 'Unknown Auth Proto (0x04x)')}")
        if auth == 0xC223:
            alg = p.u8(at + 4)
            p.w(f", {_AUTH_ALGS.get(alg, f'Unknown Auth Alg {alg}')}")
        elif auth not in (0xC023, 0xC227, 0xC027, 0xC123):
            _unknown(p, at, "\n\t", n)
    elif opt == 4:
        p.w(": LQR" if p.u16(at + 2) == 0xC025 else ": unknown")
    elif opt in (7, 8):
        pass
    elif opt == 23:
        p.w(f": 0x{p.u16(at + 2):04x}")
    elif opt == 13:
        p.w(": ")  # (4.99 prints the colon twice)
        op = p.u8(at + 2)
        p.w(f": Callback Operation {_CALLBACK.get(op, 'Unknown')} ({op})")
    elif opt == 19:
        cls = p.u8(at + 2)
        if cls == 2:
            if _len_bad(p, n, 7, exact=True):
                return 0
            p.w(f": IPv4 {ip4(p.b(at + 3, 4))}")
        elif cls == 3:
            if _len_bad(p, n, 9, exact=True):
                return 0
            p.w(f": MAC {mac(p.b(at + 3, 6))}")
        else:
            p.w({0: ": Null", 1: ": Local", 4: ": Magic-Num-Block", 5: ": PSNDN"}.get(
                cls, f": Unknown class {cls}"))
    else:
        known = False
    _tail(p, at, n, known)
    return n


_IPCP_LENS: _Lens = {1: (10, True, False), 2: (4, False, True),
                     **dict.fromkeys((3, 4, 129, 130, 131, 132), (6, True, True))}


def _ipcp_option(p: Pkt, at: int, length: int) -> int:
    head = _opt_head(p, at, length, lambda o: _IPCP_OPTS.get(o, "unknown"), "ipcp")
    if head is None:
        return 0
    opt, n = head
    bad = _checked(p, opt, n, _IPCP_LENS)
    if bad is not None:
        return bad
    known, dump_at = True, at
    if opt == 1:
        p.w(f": src {ip4(p.b(at + 2, 4))}, dst {ip4(p.b(at + 6, 4))}")
    elif opt == 2:
        comp = p.u16(at + 2)
        p.w(f": {({0x002D: 'VJ-Comp', 0x61: 'IP Header Compression'}).get(comp, 'Unknown')} "
            f"(0x{comp:02x}):")
        if comp == 0x61:
            if _len_bad(p, n, 14):
                return 0
            if not p.test(at + 2, 14):
                p.w("[|ipcp]")
                return 0
            p.w(f"\n\t    TCP Space {p.u16(at + 4)}, non-TCP Space {p.u16(at + 6)}, maxPeriod "
                f"{p.u16(at + 8)}, maxTime {p.u16(at + 10)}, maxHdr {p.u16(at + 12)}")
            if n > 14:
                left, sub = n - 14, at + 14
                dump_at = sub
                p.w(f"\n\t      Suboptions, length {left}")
                while left >= 2:
                    if not p.test(sub, 2):
                        p.w("[|ipcp]")
                        return 0
                    so, sl = p.u8(sub), p.u8(sub + 1)
                    if so == 0 or sl == 0:
                        break
                    sname = {1: "RTP-Compression", 2: "Enhanced RTP-Compression"}.get(so, "Unknown")
                    p.w(f"\n\t\t{sname} Suboption #{so}, length {sl}")
                    if left < sl:
                        p.w(f" [remaining suboptions length {left} < {sl}] (invalid)")
                        break
                    left, sub = left - sl, sub + sl
                dump_at = sub  # (tcpdump's -vv dump starts after the suboptions it walked)
    elif opt in (3, 4, 129, 130, 131, 132):
        p.w(f": {ip4(p.b(at + 2, 4))}")
    else:
        known = False
    if not known and p.o.v < 2:
        _unknown(p, at + 2, "\n\t    ", n - 2)
    if p.o.v > 1:
        _unknown(p, dump_at + 2, "\n\t    ", n - 2)
    return n


_IP6CP_LENS: _Lens = {1: (10, True, False)}


def _ip6cp_option(p: Pkt, at: int, length: int) -> int:
    head = _opt_head(p, at, length, lambda o: "Interface-ID" if o == 1 else "unknown", "ip6cp")
    if head is None:
        return 0
    opt, n = head
    bad = _checked(p, opt, n, _IP6CP_LENS)
    if bad is not None:
        return bad
    if opt == 1:
        if not p.test(at + 2, 8):
            p.w("[|ip6cp]")
            return 0
        p.w(": " + ":".join(f"{p.u16(at + 2 + 2 * i):04x}" for i in range(4)))
    _tail(p, at, n, opt == 1)
    return n


_CCP_LENS: _Lens = {21: (3, False, False), 24: (4, False, False), 26: (4, False, False)}


def _ccp_option(p: Pkt, at: int, length: int) -> int:
    head = _opt_head(p, at, length, lambda o: _CCP_OPTS.get(o, "Unknown"), "ccp")
    if head is None:
        return 0
    opt, n = head
    bad = _checked(p, opt, n, _CCP_LENS)
    if bad is not None:
        return bad
    known = True
    if opt == 21:
        b = p.u8(at + 2)
        p.w(f": Version: {b >> 5}, Dictionary Bits: {b & 0x1F}")
    elif opt == 24:
        b = p.u8(at + 2)
        p.w(f": Features: {(b & 0xC0) >> 6}, PxP: {'Enabled' if b & 0x20 else 'Disabled'}, "
            f"History: {b & 0x1F}, #CTX-ID: {p.u8(at + 3)}")
    elif opt == 26:
        b, c = p.u8(at + 2), p.u8(at + 3)
        p.w(f": Window: {(b & 0xF0) >> 4}K, Method: {'zlib' if b & 0x0F == 8 else 'unknown'} "
            f"(0x{b & 0x0F:x}), MBZ: {(c & 0xFC) >> 2}, CHK: {c & 0x03}")
    else:
        known = False
    _tail(p, at, n, known)
    return n


_BACP_LENS: _Lens = {1: (6, True, False)}


def _bacp_option(p: Pkt, at: int, length: int) -> int:
    head = _opt_head(p, at, length, lambda o: "Favored-Peer" if o == 1 else "Unknown", "bacp")
    if head is None:
        return 0
    opt, n = head
    bad = _checked(p, opt, n, _BACP_LENS)
    if bad is not None:
        return bad
    if opt == 1:
        p.w(f": Magic-Num 0x{p.u32(at + 2):08x}")
    _tail(p, at, n, opt == 1)
    return n


_OPTION_PRINTERS: dict[int, Callable[[Pkt, int, int], int]] = {
    0xC021: _lcp_option, 0x8021: _ipcp_option, 0x8057: _ip6cp_option, 0x80FD: _ccp_option,
    0xC02B: _bacp_option}


def _auth_head(p: Pkt, bp: int, length: int, name: str, codes: dict[int, str]) -> int | None:
    """CHAP's or PAP's code and id (NAME, its CODES); the code, None when
    the packet is too short for them."""
    if length < 1:
        p.w(f"[|{name.lower()}]")
        return None
    if length < 4:
        p.w(f"[|{name.lower()} 0x{p.u8(bp):02x}]")
        return None
    code = p.u8(bp)
    p.w(f"{name}, {codes.get(code, 'unknown')} (0x{code:02x})")
    p.w(f", id {p.u8(bp + 1)}")
    return code


def _counted(p: Pkt, bp: int, at: int, length: int, label: str, text: bool = True) -> int | None:
    """A field of a length byte and as many bytes (text, or hex) at AT, after
    LABEL; where the next begins, None where LENGTH (from BP) ends first."""
    if length - (at - bp) < 1:
        return None
    size = p.u8(at)
    at += 1
    if length - (at - bp) < size:
        return None
    p.w(label)
    if text:
        printjn(p, at, size)
    else:
        for i in range(size):
            p.w(f"{p.u8(at + i):02x}")
    return at + size


def _chap(p: Pkt, bp: int, length: int) -> None:
    code = _auth_head(p, bp, length, "CHAP", _CHAP)
    if code is None:
        return
    n = p.u16(bp + 2)
    at = bp + 4
    if code in (1, 2):
        at = _counted(p, bp, at, length, ", Value ", text=False)
        if at is None:
            return
        p.w(", Name ")
        printjn(p, at, (n - (at - bp)) & 0xFFFFFFFF)
    elif code in (3, 4):
        p.w(", Msg ")
        printjn(p, at, (n - (at - bp)) & 0xFFFFFFFF)


def _pap(p: Pkt, bp: int, length: int) -> None:
    code = _auth_head(p, bp, length, "PAP", _PAP)
    if code is None:
        return
    n = p.u16(bp + 2)
    at = bp + 4
    if n > length:
        p.w(f", length {n} > packet size")
        return
    length = n
    if length < 4:
        p.w(f", length {length} < PAP header length")
        return
    if code == 1:
        if n < 6:
            p.w("[|pap]")
            return
        at = _counted(p, bp, at, length, ", Peer ")
        if at is not None:
            _counted(p, bp, at, length, ", Name ")
    elif code in (2, 3):
        if n < 5:
            p.w("[|pap]")
            return
        _counted(p, bp, at, length, ", Msg ")
