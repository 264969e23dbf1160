"""BGP-4 (RFC 4271, TCP port 179) as tcpdump 4.99 prints it: ": BGP", and
with -v each message in the segment: Open with its capabilities, Update with
withdrawn routes, the common path attributes and the IPv4 and IPv6 unicast
NLRI, Notification, Keepalive and Route-Refresh (private to craft.fmt.tcpdump).
Attributes and capabilities craft does not decode (and MP_REACH/MP_UNREACH
for other than IPv4 and IPv6 unicast and multicast) are dumped in hex."""

from __future__ import annotations

from craft.fmt.tcpdump_base import AF_NAMES, Pkt, ip4, ip6

_MSGS = {1: "Open", 2: "Update", 3: "Notification", 4: "Keepalive", 5: "Route Refresh"}
_ATTRS = {1: "Origin", 2: "AS Path", 17: "AS4 Path", 3: "Next Hop", 4: "Multi Exit Discriminator",
          5: "Local Preference", 6: "Atomic Aggregate", 7: "Aggregator", 18: "Aggregator4",
          8: "Community", 9: "Originator ID", 10: "Cluster List", 11: "DPA", 12: "Advertisers",
          13: "RCID Path / Cluster ID", 14: "Multi-Protocol Reach NLRI",
          15: "Multi-Protocol Unreach NLRI", 16: "Extended Community", 22: "PMSI Tunnel",
          23: "Tunnel Encapsulation", 24: "Traffic Engineering", 25: "IPv6 Extended Community",
          26: "Accumulated IGP Metric", 27: "PE Distinguisher Label", 28: "Entropy Label",
          32: "Large Community", 128: "Attribute Set", 255: "Reserved for development"}
_CAPS = {1: "Multiprotocol Extensions", 2: "Route Refresh", 3: "Cooperative Route Filtering",
         4: "Multiple Routes to a Destination", 5: "Extended Next Hop Encoding", 8: "Multiple Labels",
         64: "Graceful Restart", 65: "32-Bit AS Number", 67: "Dynamic Capability",
         68: "Multisession BGP", 69: "Multiple Paths", 70: "Enhanced Route Refresh",
         71: "Long-lived Graceful Restart", 128: "Route Refresh (Cisco)"}
_MAJOR = {1: "Message Header Error", 2: "OPEN Message Error", 3: "UPDATE Message Error",
          4: "Hold Timer Expired", 5: "Finite State Machine Error", 6: "Cease",
          7: "Capability Message Error"}
_MINOR = {
    1: {1: "Connection Not Synchronized", 2: "Bad Message Length", 3: "Bad Message Type"},
    2: {1: "Unsupported Version Number", 2: "Bad Peer AS", 3: "Bad BGP Identifier",
        4: "Unsupported Optional Parameter", 5: "Authentication Failure", 6: "Unacceptable Hold Time",
        7: "Capability Message Error"},
    3: {1: "Malformed Attribute List", 2: "Unrecognized Well-known Attribute",
        3: "Missing Well-known Attribute", 4: "Attribute Flags Error", 5: "Attribute Length Error",
        6: "Invalid ORIGIN Attribute", 7: "AS Routing Loop", 8: "Invalid NEXT_HOP Attribute",
        9: "Optional Attribute Error", 10: "Invalid Network Field", 11: "Malformed AS_PATH"},
    5: {0: "Unspecified Error", 1: "In OpenSent State", 2: "In OpenConfirm State",
        3: "In Established State"},
    6: {1: "Maximum Number of Prefixes Reached", 2: "Administrative Shutdown", 3: "Peer Unconfigured",
        4: "Administrative Reset", 5: "Connection Rejected", 6: "Other Configuration Change",
        7: "Connection Collision Resolution"},
    7: {1: "Invalid Action Value", 2: "Invalid Capability Length", 3: "Malformed Capability Value",
        4: "Unsupported Capability Code"},
}
_SAFI = {0: "Reserved", 1: "Unicast", 2: "Multicast", 3: "Unicast+Multicast", 4: "labeled Unicast",
         5: "Multicast VPN", 64: "Tunnel", 65: "VPLS", 66: "MDT", 70: "EVPN", 128: "labeled VPN Unicast",
         129: "labeled VPN Multicast", 130: "labeled VPN Unicast+Multicast",
         132: "Route Target Routing Information"}
_ORIGIN = {0: "IGP", 1: "EGP", 2: "Incomplete"}
_SEG_OPEN = {2: "", 1: "{ ", 3: "( ", 4: "({ "}
_SEG_CLOSE = {2: "", 1: "}", 3: ")", 4: "})"}
_ADD_PATH = {1: "Receive", 2: "Send", 3: "Both"}
_MARKER = b"\xff" * 16


class _Cut(Exception):
    """tcpdump's "goto trunc" inside a message printer."""


def bgp_print(p: Pkt, bp: int, length: int) -> None:
    """tcpdump's bgp_print: the messages found in the segment."""
    p.proto = "bgp"
    p.w(": BGP")
    if not p.o.v:
        return
    at, start, end = bp, bp, p.end
    while at < end:
        if p.d[at] != 0xFF:
            at += 1
            continue
        if not p.test(at, 16):
            break
        if p.d[at:at + 16] != _MARKER:
            at += 1
            continue
        if not p.test(at, 19):
            p.trunc()
            return
        if start != at:
            p.trunc()
        hlen = p.u16(at + 16)
        if hlen < 19:
            p.w(f"\nmessage length {hlen} < 19 (invalid)")
            break
        if p.test(at, hlen):
            if not _pdu(p, at, hlen):
                return
            at += hlen
            start = at
        else:
            kind = p.u8(at + 18)
            p.w(f"\n[|BGP {_MSGS.get(kind, 'Unknown Message Type')}]")
            break


def _pdu(p: Pkt, at: int, length: int) -> bool:
    from craft.fmt.tcpdump_icmp6 import _unknown_data

    kind = p.u8(at + 18)
    p.w(f"\n\t{_MSGS.get(kind, 'Unknown')} Message ({kind}), length: {length}")
    try:
        if kind == 1:
            _open(p, at, length)
        elif kind == 2:
            _update(p, at, length)
        elif kind == 3:
            _notification(p, at, length)
        elif kind == 5:
            if length >= 23:
                afi, safi = p.u16(at + 19), p.u8(at + 22)
                p.w(f"\n\t  AFI {AF_NAMES.get(afi, 'Unknown')} ({afi}), SAFI {_SAFI.get(safi, 'Unknown')} ({safi})")
                if p.o.v > 1:
                    _unknown_data(p, at, "\n\t  ", length)
        elif kind != 4:
            p.w(f"\n\t  no Message {kind} decoder")
            _unknown_data(p, at, "\n\t  ", length)
    except _Cut:
        p.trunc()
    return True


def _open(p: Pkt, at: int, length: int) -> None:
    from craft.fmt.tcpdump_icmp6 import _unknown_data

    if length < 29:
        raise _Cut
    p.w(f"\n\t  Version {p.u8(at + 19)}, my AS {p.u16(at + 20)}, Holdtime {p.u16(at + 22)}s, "
        f"ID {ip4(p.b(at + 24, 4))}")
    optslen = p.u8(at + 28)
    p.w(f"\n\t  Optional parameters, length: {optslen}")
    opt, left = at + 29, length - 29
    i = 0
    while i < optslen:
        if left < 2 + i:
            raise _Cut
        otype, olen = p.u8(opt + i), p.u8(opt + i + 1)
        if 2 + i + olen > optslen:
            p.w(f"\n\t     Option {otype}, length: {olen}, goes past the end of the options")
            break
        name = {1: "Authentication Information", 2: "Capabilities Advertisement"}.get(otype, "Unknown")
        p.w(f"\n\t    Option {name} ({otype}), length: {olen}")
        if otype == 2:
            c, end = opt + i + 2, opt + i + 2 + olen
            while c < end:
                ctype, clen = p.u8(c), p.u8(c + 1)
                p.w(f"\n\t      {_CAPS.get(ctype, 'Unknown')} ({ctype}), length: {clen}")
                if not p.test(c + 2, clen):
                    raise _Cut
                v = c + 2
                if ctype == 1:
                    if clen < 4:
                        p.w(" (too short, < 4)")
                        return
                    afi, safi = p.u16(v), p.u8(v + 3)
                    p.w(f"\n\t\tAFI {AF_NAMES.get(afi, 'Unknown')} ({afi}), SAFI {_SAFI.get(safi, 'Unknown')} ({safi})")
                elif ctype == 64:
                    if clen < 2:
                        p.w(" (too short, < 2)")
                        return
                    p.w(f"\n\t\tRestart Flags: [{'R' if p.u8(v) & 0x80 else 'none'}], Restart Time "
                        f"{p.u16(v) & 0xFFF}s")
                    for k in range(2, clen - 3, 4):
                        afi, safi = p.u16(v + k), p.u8(v + k + 2)
                        p.w(f"\n\t\t  AFI {AF_NAMES.get(afi, 'Unknown')} ({afi}), SAFI {_SAFI.get(safi, 'Unknown')} "
                            f"({safi}), Forwarding state preserved: {'yes' if p.u8(v + k + 3) & 0x80 else 'no'}")
                elif ctype in (2, 71, 128):
                    pass
                elif ctype == 65:
                    if clen < 4:
                        p.w(" (too short, < 4)")
                        return
                    p.w(f"\n\t\t 4 Byte AS {p.u32(v)}")
                elif ctype == 69:
                    if clen == 0:
                        p.w(" (bogus)")
                    for k in range(0, clen, 4):
                        if clen - k < 4:
                            p.w(" (invalid)")
                            break
                        afi, safi, sr = p.u16(v + k), p.u8(v + k + 2), p.u8(v + k + 3)
                        p.w(f"\n\t\tAFI {AF_NAMES.get(afi, 'Unknown')} ({afi}), SAFI {_SAFI.get(safi, 'Unknown')} "
                            f"({safi}), Send/Receive: {_ADD_PATH.get(sr, f'Bogus (0x{sr:02x})')}")
                else:
                    p.w(f"\n\t\tno decoder for Capability {ctype}")
                    if p.o.v <= 1:
                        _unknown_data(p, v, "\n\t\t", clen)
                if p.o.v > 1 and clen:
                    _unknown_data(p, v, "\n\t\t", clen)
                c += 2 + clen
        else:
            p.w(f"\n\t      no decoder for option {otype}")
        i += 2 + olen


def _prefix(p: Pkt, at: int, left: int, six: bool) -> tuple[int, str]:
    """decode_prefix4/6: (bytes used, "addr/len"); used -1 for a bad length,
    -2 when the bytes run out."""
    plen = p.u8(at)
    if plen > (128 if six else 32):
        return -1, ""
    n = (plen + 7) // 8
    if left < 1 + n:
        return -2, ""
    raw = bytearray(p.b(at + 1, n) + bytes((16 if six else 4) - n))
    if plen % 8:
        raw[n - 1] &= (0xFF00 >> (plen % 8)) & 0xFF
    return 1 + n, f"{(ip6 if six else ip4)(bytes(raw))}/{plen}"


def _as_size(p: Pkt, at: int, n: int, atype: int) -> int:
    if atype == 17:
        return 4
    t = at
    while t < at + n:
        if not p.test(t, 2) or not 1 <= p.d[t] <= 4:
            return 4
        t += 2 + p.d[t + 1] * 2
    return 2 if t == at + n else 4


def _update(p: Pkt, at: int, length: int) -> None:
    if length < 19:
        raise _Cut
    cur, left = at + 19, length - 19
    if left < 2:
        raise _Cut
    wlen = p.u16(cur)
    cur, left = cur + 2, left - 2
    if wlen > 1:
        if not p.test(cur, wlen) or left < wlen:
            raise _Cut
        used = _routes(p, "\n\t  Withdrawn routes:", cur, wlen)
        cur, left, wlen = cur + used, left - used, wlen - used
    else:
        if left < wlen:
            raise _Cut
        cur, left = cur + wlen, left - wlen
    if left < 2:
        raise _Cut
    alen_total = p.u16(cur)
    cur, left = cur + 2, left - 2
    if wlen == 0 and alen_total == 0 and left == 0:
        p.w("\n\t  End-of-Rib Marker (empty NLRI)")
        return
    if alen_total:
        if left < alen_total:
            raise _Cut
        rest = alen_total
        while rest:
            if left < 2:
                raise _Cut
            if rest < 2:
                p.w("\n\t  [path attrs too short]")
                cur, left = cur + rest, left - rest
                break
            flags, atype = p.u8(cur), p.u8(cur + 1)
            cur, rest, left = cur + 2, rest - 2, left - 2
            lenlen = 2 if flags & 0x10 else 1
            if left < lenlen:
                raise _Cut
            if rest < lenlen:
                p.w("\n\t  [path attrs too short]")
                cur, left = cur + rest, left - rest
                break
            alen = p.u16(cur) if lenlen == 2 else p.u8(cur)
            cur, rest, left = cur + lenlen, rest - lenlen, left - lenlen
            p.w(f"\n\t  {_ATTRS.get(atype, 'Unknown Attribute')} ({atype}), length: {alen}")
            if flags:
                p.w(", Flags [" + ("O" if flags & 0x80 else "") + ("T" if flags & 0x40 else "")
                    + ("P" if flags & 0x20 else "") + ("E" if flags & 0x10 else ""))
                if flags & 0xF:
                    p.w(f"+{flags & 0xF:x}")
                p.w("]: ")
            if rest < alen:
                p.w(" [path attrs too short]")
                cur, left = cur + rest, left - rest
                break
            if left < alen:
                raise _Cut
            _attr(p, atype, cur, alen)
            cur, rest, left = cur + alen, rest - alen, left - alen
    if left:
        _routes(p, "\n\t  Updated routes:", cur, left)


def _routes(p: Pkt, heading: str, at: int, n: int) -> int:
    """A list of IPv4 prefixes (withdrawn or updated routes); the bytes used
    (short of ``n`` after an illegal prefix length, where tcpdump stops)."""
    p.w(heading)
    used = 0
    while used < n:
        k, text = _prefix(p, at + used, n - used, False)
        if k == -1:
            p.w("\n\t    (illegal prefix length)")
            break
        if k == -2:
            raise _Cut
        p.w(f"\n\t    {text}")
        used += k
    return used


def _attr(p: Pkt, atype: int, at: int, n: int) -> None:
    from craft.fmt.tcpdump_icmp6 import _unknown_data

    if atype == 1:
        p.w("invalid len" if n != 1 else _ORIGIN.get(p.u8(at), "Unknown Origin Typecode"))
    elif atype in (2, 17):
        if n % 2:
            p.w("invalid len")
        elif not n:
            p.w("empty")
        else:
            size = _as_size(p, at, n, atype)
            t = at
            while t < at + n:
                seg = p.u8(t)
                p.w(_SEG_OPEN.get(seg, "?"))
                for i in range(0, p.u8(t + 1) * size, size):
                    if not p.test(t + 2 + i, size):
                        raise _Cut
                    p.w(f"{p.u16(t + 2 + i) if size == 2 else p.u32(t + 2 + i)} ")
                p.w(_SEG_CLOSE.get(seg, "?"))
                t += 2 + p.u8(t + 1) * size
    elif atype in (3, 9):
        p.w("invalid len" if n != 4 else ip4(p.b(at, 4)))
    elif atype in (4, 5):
        p.w("invalid len" if n != 4 else str(p.u32(at)))
    elif atype == 6:
        if n:
            p.w("invalid len")
    elif atype in (7, 18):
        if n not in ((6, 8) if atype == 7 else (8,)):
            p.w("invalid len")
        elif n == 6:
            p.w(f" AS #{p.u16(at)}, origin {ip4(p.b(at + 2, 4))}")
        else:
            p.w(f" AS #{p.u32(at)}, origin {ip4(p.b(at + 4, 4))}")
    elif atype == 8:
        if n % 4:
            p.w("invalid len")
        else:
            for i in range(0, n, 4):
                comm = p.u32(at + i)
                word = {0xFFFFFF01: " NO_EXPORT", 0xFFFFFF02: " NO_ADVERTISE",
                        0xFFFFFF03: " NO_EXPORT_SUBCONFED"}.get(comm)
                p.w(word if word else f"{comm >> 16}:{comm & 0xFFFF}{', ' if n - i > 4 else ''}")
    elif atype == 10:
        if n % 4:
            p.w("invalid len")
        else:
            p.w(", ".join(ip4(p.b(at + i, 4)) for i in range(0, n, 4)))
    elif atype in (14, 15):
        _mp_nlri(p, atype, at, n)
    elif atype == 32:
        if n == 0 or n % 12:
            p.w("invalid len")
        else:
            p.w("\n\t    " + ", ".join(f"{p.u32(at + i)}:{p.u32(at + i + 4)}:{p.u32(at + i + 8)}"
                                      for i in range(0, n, 12)))
    else:
        if not p.test(at, n):
            raise _Cut
        p.w(f"\n\t    no Attribute {atype} decoder")
        if p.o.v <= 1:
            _unknown_data(p, at, "\n\t    ", n)
    if p.o.v > 1 and n:
        if not p.test(at, n):
            raise _Cut
        _unknown_data(p, at, "\n\t    ", n)


def _notification(p: Pkt, at: int, length: int) -> None:
    if not p.test(at, 21):
        raise _Cut
    if length < 21:
        return
    major, minor = p.u8(at + 19), p.u8(at + 20)
    p.w(f", {_MAJOR.get(major, 'Unknown Error')} ({major})")
    if major in _MINOR:
        sep = " " if major in (5, 7) else ", "
        p.w(f"{sep}subcode {_MINOR[major].get(minor, 'Unknown')} ({minor})")


# AFI/SAFI pairs tcpdump decodes; craft decodes IPv4 and IPv6 unicast and
# multicast among them (the labeled, VPN, MDT, L2VPN and NSAP ones are dumped).
_MP_KNOWN = {(1, 1), (1, 2), (1, 3), (1, 4), (1, 132), (1, 128), (1, 129), (1, 130), (1, 5), (1, 66),
             (2, 1), (2, 2), (2, 3), (2, 4), (2, 128), (2, 129), (2, 130), (3, 1), (3, 2), (3, 3),
             (3, 128), (3, 129), (3, 130), (25, 128), (25, 129), (25, 130), (25, 65)}
_MP_PLAIN = {(1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (2, 3)}


def _mp_nlri(p: Pkt, atype: int, at: int, n: int) -> None:
    """MP_REACH_NLRI (14) and MP_UNREACH_NLRI (15) for IPv4 and IPv6 unicast."""
    from craft.fmt.tcpdump_icmp6 import _unknown_data

    if not p.test(at, 3):
        raise _Cut
    if n < 3:
        raise _Cut
    afi, safi = p.u16(at), p.u8(at + 2)
    p.w(f"\n\t    AFI: {AF_NAMES.get(afi, 'Unknown AFI')} ({afi}), {'vendor specific ' if safi > 128 else ''}"
        f"SAFI: {_SAFI.get(safi, 'Unknown SAFI')} ({safi})")
    if (afi, safi) not in _MP_KNOWN:
        if not p.test(at, n):
            raise _Cut
        p.w(f"\n\t    no AFI {afi} / SAFI {safi} decoder")
        if p.o.v <= 1:
            _unknown_data(p, at, "\n\t    ", n)
        return
    if (afi, safi) not in _MP_PLAIN:  # labeled, VPN...: tcpdump decodes them, craft dumps them
        if not p.test(at + 3, n - 3):
            raise _Cut
        _unknown_data(p, at + 3, "\n\t    ", n - 3)
        return
    six = afi == 2
    cur, end = at + 3, at + n
    if atype == 14:
        if n < 4:
            raise _Cut
        nhlen = p.u8(cur)
        cur += 1
        if nhlen:
            if end - cur < nhlen:
                raise _Cut
            p.w("\n\t    nexthop: ")
            size, left, count = (16 if six else 4), nhlen, 0
            while left:
                if count:
                    p.w(", ")
                count += 1
                if left < size:
                    p.w("invalid len")
                    cur += left
                    left = 0
                else:
                    p.w((ip6 if six else ip4)(p.b(cur, size)))
                    cur += size
                    left -= size
        p.w(f", nh-length: {nhlen}")
        if end - cur < 1:
            raise _Cut
        snpa = p.u8(cur)
        cur += 1
        if snpa:
            p.w(f"\n\t    {snpa} SNPA")
            for _ in range(snpa):
                if end - cur < 1:
                    raise _Cut
                slen = p.u8(cur)
                p.w(f"\n\t      {slen} bytes")
                cur += 1
                if end - cur < slen or not p.test(cur, slen):
                    raise _Cut
                cur += slen
        else:
            p.w(", no SNPA")
    elif n == 3:
        p.w("\n\t      End-of-Rib Marker (empty NLRI)")
    while cur < end:
        k, text = _prefix(p, cur, n, six)
        if k == -1:
            p.w("\n\t    (illegal prefix length)")
            break
        if k == -2:
            raise _Cut
        p.w(f"\n\t      {text}")
        cur += k
