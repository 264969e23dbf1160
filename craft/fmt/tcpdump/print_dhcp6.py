"""DHCPv6 (RFC 8415) as tcpdump 4.99 prints UDP ports 546 and 547: the
message type, and with -v the transaction ID and the options (DUIDs, IA_NA,
IA_PD and their addresses and prefixes, option requests, status codes,
DNS servers and search lists, relay messages), private to craft.fmt.tcpdump."""

from __future__ import annotations

from craft.fmt.tcpdump.addrtoname import ip6
from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.print_domain import fqdn_print
from craft.fmt.tcpdump.util_print import printjnp

_MSG = {1: "solicit", 2: "advertise", 3: "request", 4: "confirm", 5: "renew", 6: "rebind",
        7: "reply", 8: "release", 9: "decline", 10: "reconfigure", 11: "inf-req",
        12: "relay-fwd", 13: "relay-reply", 14: "leasequery", 15: "leasequery-reply"}
_OPT = {1: "client-ID", 2: "server-ID", 3: "IA_NA", 4: "IA_TA", 5: "IA_ADDR",
        6: "option-request", 7: "preference", 8: "elapsed-time", 9: "relay-message",
        11: "authentication", 12: "server-unicast", 13: "status-code", 14: "rapid-commit",
        15: "user-class", 16: "vendor-class", 17: "vendor-specific-info", 18: "interface-ID",
        19: "reconfigure-message", 20: "reconfigure-accept", 21: "SIP-servers-domain",
        22: "SIP-servers-address", 23: "DNS-server", 24: "DNS-search-list", 25: "IA_PD",
        26: "IA_PD-prefix", 27: "NIS-server", 28: "NIS+-server", 29: "NIS-domain-name",
        30: "NIS+-domain-name", 31: "SNTP-servers", 32: "lifetime", 33: "BCMCS-domain-name",
        34: "BCMCS-server", 36: "Geoconf-Civic", 37: "Remote-ID", 38: "Subscriber-ID",
        39: "Client-FQDN", 40: "PANA-agent", 41: "POSIX-timezone", 42: "POSIX-tz-database",
        43: "Echo-request-option", 44: "Lease-query", 45: "LQ-client-data", 46: "Clt-time",
        47: "LQ-relay-data", 48: "LQ-client-link", 56: "NTP-server", 59: "Bootfile-URL",
        64: "AFTR-Name", 112: "MUD-URL", 136: "SZTP-redirect"}
_STATUS = {0: "Success", 1: "UnspecFail", 2: "NoAddrsAvail", 3: "NoBinding", 4: "NotOnLink",
           5: "UseMulticast", 6: "NoPrefixAvail", 7: "UnknownQueryType", 8: "MalformedQuery",
           9: "NotConfigured", 10: "NotAllowed"}
_ADDRESS_LISTS = (22, 23, 31, 27, 28, 34, 40, 48)


# Options that carry sub-options after a fixed part: code -> (fixed size, its text).
_NESTED = {
    3: (12, lambda p, tp: f" IAID:{p.u32(tp)} T1:{p.u32(tp + 4)} T2:{p.u32(tp + 8)}"),  # IA_NA
    25: (12, lambda p, tp: f" IAID:{p.u32(tp)} T1:{p.u32(tp + 4)} T2:{p.u32(tp + 8)}"),  # IA_PD
    4: (4, lambda p, tp: f" IAID:{p.u32(tp)}"),  # IA_TA
    5: (24, lambda p, tp: f" {ip6(p.b(tp, 16))} pltime:{p.u32(tp + 16)} vltime:{p.u32(tp + 20)}"),
    26: (25, lambda p, tp: f" {ip6(p.b(tp + 9, 16))}/{p.u8(tp + 8)} pltime:{p.u32(tp)} "
                           f"vltime:{p.u32(tp + 4)}"),
}


class _Cut(Exception):
    """tcpdump's "goto trunc" in dhcp6opt_print: print [|dhcp6] and stop."""


def dhcp6_print(p: Pkt, bp: int, length: int) -> None:
    """tcpdump's dhcp6_print."""
    p.proto = "dhcp6"
    p.w("dhcp6")
    end = min(p.end, bp + length)
    if not p.test(bp, 4):
        raise Trunc(local=True)
    msg = p.u8(bp)
    name = _MSG.get(msg, f"msgtype-{msg}")
    if not p.o.v:
        p.w(f" {name}")
        return
    p.w(f" {name} (")
    try:
        if msg not in (12, 13):
            p.w(f"xid={p.u32(bp) & 0xFFFFFF:x}")
            _options(p, bp + 4, end)
        else:
            p.w(f"linkaddr={ip6(p.b(bp + 2, 16))}")
            p.w(f" peeraddr={ip6(p.b(bp + 18, 16))}")
            _options(p, bp + 34, end)
    except _Cut:
        p.trunc()
    p.w(")")


def _hex(p: Pkt, at: int, n: int) -> str:
    return "".join(f"{p.u8(at + i):02x}" for i in range(n))


def _options(p: Pkt, cp: int, ep: int) -> None:
    while cp < ep:
        if ep < cp + 4:
            raise _Cut
        if not p.test(cp, 4):
            raise _Cut
        optlen = p.u16(cp + 2)
        if ep < cp + 4 + optlen:
            raise _Cut
        kind = p.u16(cp)
        p.w(f" ({_OPT.get(kind, f'opt_{kind}')}")
        if not p.test(cp + 4, optlen):
            raise _Cut
        tp = cp + 4
        if kind in (1, 2):
            _duid(p, tp, optlen)
        elif kind in _NESTED:
            fixed, head = _NESTED[kind]
            if optlen < fixed:
                p.w(" ?)")
            else:
                p.w(head(p, tp))
                if optlen > fixed:  # sub-options
                    _options(p, tp + fixed, tp + optlen)
                p.w(")")
        elif kind in (6, 43):
            if optlen % 2:
                p.w(" ?)")
            else:
                for i in range(0, optlen, 2):
                    o = p.u16(tp + i)
                    p.w(f" {_OPT.get(o, f'opt_{o}')}")
                p.w(")")
        elif kind == 7:
            p.w(f" {p.u8(tp)})" if optlen == 1 else " ?)")
        elif kind == 8:
            p.w(f" {p.u16(tp)})" if optlen == 2 else " ?)")
        elif kind == 9:
            p.w(" (")
            saved = p.end
            p.end = min(tp + optlen, p.end)
            try:
                dhcp6_print(p, tp, optlen)
            finally:
                p.end = saved
            p.w(")")
        elif kind in (14, 20):
            p.w(")")
        elif kind in (18, 38):
            p.w(" ")
            for i in range(min(optlen, 10)):  # (4.99 shows at most 10 bytes, then "..." always)
                p.w(f"{p.u8(tp + i):02x}")
            p.w("...)")
        elif kind == 19:
            if optlen != 1:
                p.w(" ?)")
            else:
                t = p.u8(tp)
                p.w({5: " for renew)", 11: " for inf-req)"}.get(t, f" for ???({t:02x}))"))
        elif kind in _ADDRESS_LISTS:
            if optlen % 16:
                p.w(" ?)")
            else:
                p.w("".join(f" {ip6(p.b(tp + i, 16))}" for i in range(0, optlen, 16)) + ")")
        elif kind in (21, 24):
            at = tp
            while at < tp + optlen:
                p.w(" ")
                nxt = fqdn_print(p, at, tp + optlen)
                if nxt is None:
                    raise _Cut
                at = nxt
            p.w(")")
        elif kind == 13:
            if optlen < 2:
                p.w(" ?)")
            else:
                code = p.u16(tp)
                p.w(f" {'INVALID code' if code > 255 else _STATUS.get(code, f'code{code}')})")
        elif kind in (32, 46):
            p.w(f" {p.u32(tp)})" if optlen == 4 else " ?)")
        elif kind == 37:
            if optlen < 4:
                p.w(" ?)")
            else:
                n = min(optlen - 4, 10)
                p.w(f" {p.u32(tp)} {_hex(p, tp + 4, n)}{'...' if n < optlen - 4 else ''})")
        elif kind in (41, 42, 112):
            if optlen < 5:
                p.w(" ?)")
            else:
                p.w(" ")
                printjnp(p, tp, optlen)
                p.w(")")
        else:
            p.w(")")
        cp += 4 + optlen


def _duid(p: Pkt, tp: int, optlen: int) -> None:
    if optlen < 2:
        p.w(" ?)")
        return
    kind = p.u16(tp)
    if kind == 1 and optlen >= 8:
        p.w(f" hwaddr/time type {p.u16(tp + 2)} time {p.u32(tp + 4)} "
            f"{_hex(p, tp + 8, optlen - 8)})")
    elif kind == 2 and optlen >= 10:  # (4.99 wants 4 bytes of identifier at least)
        p.w(f" enterprise {p.u32(tp + 2)} {_hex(p, tp + 6, optlen - 6)})")
    elif kind == 3 and optlen >= 4:
        p.w(f" hwaddr type {p.u16(tp + 2)} {_hex(p, tp + 4, optlen - 4)})")
    elif kind == 4:
        p.w(" uuid " + (f"{_hex(p, tp + 2, 16)})" if optlen == 18 else " ?)"))
    elif kind in (1, 2, 3):
        p.w(" ?)")
    else:
        p.w(f" type {kind})")
