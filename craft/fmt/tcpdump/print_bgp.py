"""BGP-4 (RFC 4271, TCP port 179) as tcpdump 4.99.3 prints it: ": BGP", and
with -v each message in the segment (private to craft.fmt.tcpdump):

- Open: version, AS, hold time, id and the capabilities tcpdump decodes
  (multiprotocol, route refresh, multiple labels, graceful restart, 4-byte AS,
  multiple paths); the others (ORF, extended next hop, long-lived GR...) are
  named and dumped in hex, as tcpdump does.
- Update: withdrawn and updated routes (with add-path ids when tcpdump guesses
  them), the common attributes, extended communities (every type tcpdump names,
  the others as raw hex), large communities, PMSI tunnel, AIGP, attribute set,
  and MP_REACH/MP_UNREACH NLRI with next hops for IPv4/IPv6 unicast and
  multicast, labeled unicast, VPNv4/VPNv6 (all RD types), route-target
  constraint, multicast VPN, MDT, L2VPN/VPLS and NSAP (CLNP).
- Notification: error and subcode, and Cease data (prefix limit, shutdown
  communication, trailing data in hex); Keepalive; Route-Refresh AFI/SAFI.

What tcpdump 4.99.3 does not decode (other attributes such as tunnel
encapsulation, other address families, unknown messages) is dumped in hex, as
tcpdump does; -vv adds tcpdump's hex dump of each attribute, capability and
Route-Refresh."""

from __future__ import annotations

from craft.fmt.tcpdump.addrtoname import ip4, ip6
from craft.fmt.tcpdump.af import AF_VALUES
from craft.fmt.tcpdump.netdissect import Pkt
from craft.fmt.tcpdump.print_ascii import hex_only
from craft.fmt.tcpdump.util_print import bittok, fn_char, mbps, print_unknown_data

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
         4: "Multiple Routes to a Destination", 5: "Extended Next Hop Encoding",
         8: "Multiple Labels",
         64: "Graceful Restart", 65: "32-Bit AS Number", 67: "Dynamic Capability",
         68: "Multisession BGP", 69: "Multiple Paths", 70: "Enhanced Route Refresh",
         71: "Long-lived Graceful Restart", 128: "Route Refresh (Cisco)"}
_MAJOR = {1: "Message Header Error", 2: "OPEN Message Error", 3: "UPDATE Message Error",
          4: "Hold Timer Expired", 5: "Finite State Machine Error", 6: "Cease",
          7: "Capability Message Error"}
_MINOR = {
    1: {1: "Connection Not Synchronized", 2: "Bad Message Length", 3: "Bad Message Type"},
    2: {1: "Unsupported Version Number", 2: "Bad Peer AS", 3: "Bad BGP Identifier",
        4: "Unsupported Optional Parameter", 5: "Authentication Failure",
        6: "Unacceptable Hold Time",
        7: "Capability Message Error"},
    3: {1: "Malformed Attribute List", 2: "Unrecognized Well-known Attribute",
        3: "Missing Well-known Attribute", 4: "Attribute Flags Error", 5: "Attribute Length Error",
        6: "Invalid ORIGIN Attribute", 7: "AS Routing Loop", 8: "Invalid NEXT_HOP Attribute",
        9: "Optional Attribute Error", 10: "Invalid Network Field", 11: "Malformed AS_PATH"},
    5: {0: "Unspecified Error", 1: "In OpenSent State", 2: "In OpenConfirm State",
        3: "In Established State"},
    6: {1: "Maximum Number of Prefixes Reached", 2: "Administrative Shutdown",
        3: "Peer Unconfigured",
        4: "Administrative Reset", 5: "Connection Rejected", 6: "Other Configuration Change",
        7: "Connection Collision Resolution"},
    7: {1: "Invalid Action Value", 2: "Invalid Capability Length", 3: "Malformed Capability Value",
        4: "Unsupported Capability Code"},
}
_SAFI = {0: "Reserved", 1: "Unicast", 2: "Multicast", 3: "Unicast+Multicast", 4: "labeled Unicast",
         5: "Multicast VPN", 64: "Tunnel", 65: "VPLS", 66: "MDT", 70: "EVPN",
         128: "labeled VPN Unicast",
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

    kind = p.u8(at + 18)
    p.w(f"\n\t{_MSGS.get(kind, 'Unknown')} Message ({kind}), length: {length}")
    try:
        if kind in _MESSAGE_PRINTERS:
            _MESSAGE_PRINTERS[kind](p, at, length)
        elif kind == 5:
            if not p.test(at, 23):
                raise _Cut
            if length >= 23:
                afi, safi = p.u16(at + 19), p.u8(at + 22)
                p.w(f"\n\t  AFI {AF_VALUES.get(afi, 'Unknown')} ({afi}), SAFI "
                    f"{_SAFI.get(safi, 'Unknown')} ({safi})")
                if p.o.v > 1:
                    print_unknown_data(p, at, "\n\t  ", length)
        elif kind != 4:
            p.w(f"\n\t  no Message {kind} decoder")
            print_unknown_data(p, at, "\n\t  ", length)
    except _Cut:
        p.trunc()
    return True


def _open(p: Pkt, at: int, length: int) -> None:
    """Open: the header fields and the optional parameters."""
    if not p.test(at, 29) or length < 29:
        raise _Cut
    p.w(f"\n\t  Version {p.u8(at + 19)}, my AS {p.u16(at + 20)}, Holdtime {p.u16(at + 22)}s, "
        f"ID {ip4(p.b(at + 24, 4))}")
    optslen = p.u8(at + 28)
    p.w(f"\n\t  Optional parameters, length: {optslen}")
    opt, left = at + 29, length - 29
    i = 0
    while i < optslen:
        if not p.test(opt + i, 2) or left < 2 + i:
            raise _Cut
        otype, olen = p.u8(opt + i), p.u8(opt + i + 1)
        if 2 + i + olen > optslen:
            p.w(f"\n\t     Option {otype}, length: {olen}, goes past the end of the options")
            break
        name = {1: "Authentication Information", 2: "Capabilities Advertisement"}.get(otype,
                                                                                      "Unknown")
        p.w(f"\n\t    Option {name} ({otype}), length: {olen}")
        if otype == 2:
            _capabilities(p, opt + i + 2, olen)
        else:
            p.w(f"\n\t      no decoder for option {otype}")
        i += 2 + olen


def _capabilities(p: Pkt, at: int, n: int) -> None:
    """The capabilities of an Open's option; a capability cut short or too
    short for its kind ends them (tcpdump goes on with the next option)."""

    c, end = at, at + n
    while c < end:
        if not p.test(c, 2):
            p.trunc()
            return
        ctype, clen = p.u8(c), p.u8(c + 1)
        p.w(f"\n\t      {_CAPS.get(ctype, 'Unknown')} ({ctype}), length: {clen}")
        if not p.test(c + 2, clen):
            p.trunc()
            return
        v = c + 2
        short = {1: 4, 64: 2, 65: 4}.get(ctype, 0)
        if clen < short:
            p.w(f" (too short, < {short})")
            return
        if ctype == 1:
            afi, safi = p.u16(v), p.u8(v + 3)
            p.w(f"\n\t\tAFI {AF_VALUES.get(afi, 'Unknown')} ({afi}), SAFI "
                f"{_SAFI.get(safi, 'Unknown')} ({safi})")
        elif ctype == 64:
            p.w(f"\n\t\tRestart Flags: [{'R' if p.u8(v) & 0x80 else 'none'}], Restart Time "
                f"{p.u16(v) & 0xFFF}s")
            for k in range(2, clen - 3, 4):
                afi, safi = p.u16(v + k), p.u8(v + k + 2)
                p.w(f"\n\t\t  AFI {AF_VALUES.get(afi, 'Unknown')} ({afi}), SAFI "
                    f"{_SAFI.get(safi, 'Unknown')} "
                    f"({safi}), Forwarding state preserved: "
                    f"{'yes' if p.u8(v + k + 3) & 0x80 else 'no'}")
        elif ctype == 8:
            for k in range(0, clen - 3, 4):
                afi, safi = p.u16(v + k), p.u8(v + k + 2)
                p.w(f"\n\t\tAFI {AF_VALUES.get(afi, 'Unknown')} ({afi}), SAFI "
                    f"{_SAFI.get(safi, 'Unknown')} "
                    f"({safi}), Count: {p.u8(v + k + 3)}")
        elif ctype in (2, 71, 128):
            pass
        elif ctype == 65:
            p.w(f"\n\t\t 4 Byte AS {p.u32(v)}")
        elif ctype == 69:
            _add_path_cap(p, v, clen)
        else:
            p.w(f"\n\t\tno decoder for Capability {ctype}")
            if p.o.v <= 1:
                print_unknown_data(p, v, "\n\t\t", clen)
        if p.o.v > 1 and clen:
            print_unknown_data(p, v, "\n\t\t", clen)
        c += 2 + clen


def _add_path_cap(p: Pkt, v: int, clen: int) -> None:
    """The Multiple Paths (add-path) capability: AFI, SAFI and send/receive."""
    if clen == 0:
        p.w(" (bogus)")
    for k in range(0, clen, 4):
        if clen - k < 4:
            p.w(" (invalid)")
            break
        afi, safi, sr = p.u16(v + k), p.u8(v + k + 2), p.u8(v + k + 3)
        p.w(f"\n\t\tAFI {AF_VALUES.get(afi, 'Unknown')} ({afi}), SAFI {_SAFI.get(safi, 'Unknown')} "
            f"({safi}), Send/Receive: {_ADD_PATH.get(sr, f'Bogus (0x{sr:02x})')}")


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
        used, wlen = _routes(p, "\n\t  Withdrawn routes:", cur, wlen)
        cur, left = cur + used, left - used
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
                p.w(f", Flags [{_flag_letters(flags)}]: ")
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


def _routes(p: Pkt, heading: str, at: int, n: int) -> tuple[int, int]:
    """A list of IPv4 prefixes (withdrawn or updated routes), with path ids
    when tcpdump guesses add-path; the bytes used and those tcpdump counts
    as left (short of ``n`` after an illegal prefix length, where it stops)."""
    add_path = _check_add_path(p, at, n, 32)
    p.w(heading)
    used = 0
    while used < n:
        path_id = 0
        if add_path:
            if n - used < 4:
                if heading.startswith("\n\t  W"):  # tcpdump skips them, the count unchanged
                    return n, n - used
                raise _Cut
            path_id = p.u32(at + used)
            used += 4
        k, text = _prefix(p, at + used, n - used, False)
        if k == -1:
            p.w("\n\t    (illegal prefix length)")
            break
        if k == -2:
            raise _Cut
        p.w(f"\n\t    {text}")
        if add_path:
            p.w(f"   Path Id: {path_id}")
        used += k
    return used, n - used


def _attr(p: Pkt, atype: int, at: int, n: int) -> None:

    dump = n  # what -vv dumps in hex after the decoding
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
    elif atype in _ATTR_PRINTERS:
        _ATTR_PRINTERS[atype](p, at, n)
    elif atype == 128:
        dump = _attr_set(p, at, n)
    elif atype == 32:
        if n == 0 or n % 12:
            p.w("invalid len")
        else:
            p.w("\n\t    " + ", ".join(f"{p.u32(at + i)}:{p.u32(at + i + 4)}:{p.u32(at + i + 8)}"
                                      for i in range(0, n, 12)))
            dump = 0  # tcpdump counts the length down as it prints
    else:
        if not p.test(at, n):
            raise _Cut
        p.w(f"\n\t    no Attribute {atype} decoder")
        if p.o.v <= 1:
            print_unknown_data(p, at, "\n\t    ", n)
    if p.o.v > 1 and dump:
        if not p.test(at, dump):
            raise _Cut
        print_unknown_data(p, at, "\n\t    ", dump)


# Extended community types and subtypes (RFC 4360 and drafts), tcpdump's names.
_EXT_NAMES = {0x0002: "target", 0x0102: "target", 0x0202: "target", 0x0003: "origin",
              0x0103: "origin",
              0x0203: "origin", 0x4004: "link-BW", 0x0005: "ospf-domain", 0x0105: "ospf-domain",
              0x0205: "ospf-domain", 0x8005: "ospf-domain", 0x0306: "ospf-route-type",
              0x8000: "ospf-route-type", 0x030C: "encapsulation", 0x0107: "ospf-router-id",
              0x8001: "ospf-router-id", 0x800A: "layer2-info",
              0x8800: "eigrp-general-route (flag, tag)",
              0x8801: "eigrp-route-metric (AS, delay)",
              0x8802: "eigrp-route-metric (reliability, nexthop, bandwidth)",
              0x8803: "eigrp-route-metric (load, MTU)",
              0x8804: "eigrp-external-route (remote-AS, remote-ID)",
              0x8805: "eigrp-external-route (remote-proto, remote-metric)", 0x0009: "source-AS",
              0x010B: "vrf-route-import", 0x000A: "l2vpn-id", 0xF10A: "l2vpn-id"}
_EXT_FLAGS = ((0x8000, "vendor-specific"), (0x4000, "non-transitive"))
_OSPF_RTYPES = {1: "Router", 2: "Network", 3: "Summary", 5: "External", 7: "NSSA External",
                129: "MPLS-VPN Sham"}
_TUNNEL_TYPES = {1: "L2TPv3 over IP", 2: "GRE", 3: "Transmit Tunnel", 4: "IPsec",
                 5: "IP in IP with IPsec",
                 6: "MPLS in IP with IPsec", 7: "IP in IP", 8: "VXLAN", 9: "NVGRE", 10: "MPLS",
                 11: "MPLS in GRE", 12: "VXLAN GPE", 13: "MPLS in UDP", 14: "IPv6", 15: "SR TE",
                 16: "Bare",
                 17: "SR"}
# tcpdump's l2vpn_encaps_values (as 4.99.3 has them)
_L2_ENCAPS = {0: "Reserved", 1: "Frame Relay", 2: "ATM AAL5 SDU VCC transport",
              3: "ATM transparent cell transport", 4: "Ethernet (VLAN) Tagged Mode",
              5: "Ethernet Raw Mode",
              6: "Cisco HDLC", 7: "PPP", 8: "SONET/SDH Circuit Emulation Service over MPLS",
              9: "ATM n-to-one VCC cell transport", 10: "ATM n-to-one VPC cell transport",
              11: "IP layer 2 transport", 15: "Frame Relay Port mode",
              17: "Structure-agnostic E1 over packet",
              18: "Structure-agnostic T1 (DS1) over packet",
              19: "VPLS", 20: "Structure-agnostic T3 (DS3) over packet",
              21: "Nx64kbit/s Basic Service using Structure-aware", 25: "Frame Relay DLCI",
              40: "Structure-agnostic E3 over packet",
              41: "Octet-aligned playload for Structure-agnostic DS1 circuits",
              42: "E1 Nx64kbit/s with CAS using Structure-aware",
              43: "DS1 (ESF) Nx64kbit/s with CAS using Structure-aware",
              44: "DS1 (SF) Nx64kbit/s with CAS using Structure-aware"}
_PMSI_TYPES = {1: "RSVP-TE P2MP LSP", 2: "LDP P2MP LSP", 3: "PIM-SSM Tree", 4: "PIM-SM Tree",
               5: "PIM-Bidir Tree", 6: "Ingress Replication", 7: "LDP MP2MP LSP"}


def _ext_communities(p: Pkt, at: int, n: int) -> None:
    """Extended Community attribute: one line per 8-byte community."""
    if n % 8:
        p.w("invalid len")
        return
    for t in range(at, at + n, 8):
        kind = p.u16(t)
        p.w(f"\n\t    {_EXT_NAMES.get(kind, 'unknown extd community typecode')} (0x{kind:04x}), "
            f"Flags [{bittok(_EXT_FLAGS, 'none', kind)}]")
        if not p.test(t, 8):
            raise _Cut
        p.w(": " + _ext_community(p, t, kind))




def _ext_community(p: Pkt, t: int, kind: int) -> str:
    """tcpdump's bgp_extended_community_print: the value after the type."""
    if kind in (0x0002, 0x0003, 0x000A):
        return f"{p.u16(t + 2)}:{p.u32(t + 4)} (= {ip4(p.b(t + 4, 4))})"
    if kind in (0x0102, 0x0103, 0xF10A, 0x010B):
        return f"{ip4(p.b(t + 2, 4))}:{p.u16(t + 6)}"
    if kind in (0x0202, 0x0203):
        return f"{p.u32(t + 2)}:{p.u16(t + 6)}"
    if kind == 0x4004:
        return f"bandwidth: {mbps(p.u32(t + 4))} Mbps"
    if kind in (0x0005, 0x0105, 0x0205, 0x8005, 0x0107, 0x8001):
        return ip4(p.b(t + 2, 4))
    if kind in (0x0306, 0x8000):
        rtype, opts = p.u8(t + 6), p.u8(t + 7)
        return (f"area:{ip4(p.b(t + 2, 4))}, "
                f"router-type:{_OSPF_RTYPES.get(rtype, f'unknown (0x{rtype:02x})')}, "
                f"metric-type:{'E2' if opts & 1 else ''}{'E1' if rtype in (5, 7) else ''}")
    if kind == 0x800A:
        return (f"{_L2_ENCAPS.get(p.u8(t + 2), 'unknown encaps')} Control Flags "
                f"[0x{p.u8(t + 3):02x}]:"
                f"MTU {p.u16(t + 4)}")
    if kind == 0x0009:
        return f"AS {p.u16(t + 2)}"
    if kind == 0x030C:
        return f"Tunnel type: {_TUNNEL_TYPES.get(p.u16(t + 6), 'unknown encaps')}"
    return p.b(t + 2, 6).hex()


def _pmsi_tunnel(p: Pkt, at: int, n: int) -> None:
    """PMSI Tunnel attribute (RFC 6514): tunnel type, flags, label, identifier."""

    if not p.test(at, 5) or n < 5:
        raise _Cut
    flags, ttype = p.u8(at), p.u8(at + 1)
    p.w(f"\n\t    Tunnel-type {_PMSI_TYPES.get(ttype, 'Unknown')} ({ttype}), Flags "
        f"[{'Leaf Information required' if flags & 1 else 'none'}], MPLS Label "
        f"{int.from_bytes(p.b(at + 2, 3), 'big') >> 4}")
    t = at + 5
    if ttype in (3, 4, 5):
        first = "Root-Node" if ttype == 3 else "Sender"
        p.w(f"\n\t      {first} {ip4(p.b(t, 4))}, P-Group {ip4(p.b(t + 4, 4))}")
    elif ttype == 6:
        p.w(f"\n\t      Tunnel-Endpoint {ip4(p.b(t, 4))}")
    elif ttype in (1, 2, 7):
        first, second = ("Extended-Tunnel-ID", "P2MP-ID") if ttype == 1 else ("Root-Node", "LSP-ID")
        p.w(f"\n\t      {first} {ip4(p.b(t, 4))}, {second} 0x{p.u32(t + 4):08x}")
    elif p.o.v <= 1:
        print_unknown_data(p, t, "\n\t      ", n - 5)


def _aigp(p: Pkt, at: int, n: int) -> None:
    """Accumulated IGP Metric attribute (RFC 7311): its TLVs."""

    t, left = at, n
    while left >= 3:
        kind, tlen = p.u8(t), p.u16(t + 1)
        t, left = t + 3, left - 3
        p.w(f"\n\t    {'AIGP' if kind == 1 else 'Unknown'} TLV ({kind}), length {tlen}")
        if tlen < 3 or left < tlen - 3:
            raise _Cut
        tlen -= 3
        if kind == 1:
            if tlen < 8:
                raise _Cut
            p.w(f", metric {int.from_bytes(p.b(t, 8), 'big')}")
        elif p.o.v <= 1:
            print_unknown_data(p, t, "\n\t      ", tlen)
        t, left = t + tlen, left - tlen


def _attr_set(p: Pkt, at: int, n: int) -> int:
    """Attribute Set (RFC 6368): the origin AS and the attributes inside; the
    length left over (what tcpdump dumps in hex with -vv)."""
    if not p.test(at, 4) or n < 4:
        raise _Cut
    p.w(f"\n\t    Origin AS: {p.u32(at)}")
    t, left = at + 4, n - 4
    while left:
        if not p.test(t, 2):
            raise _Cut
        if left < 2:
            p.w(" [path attr too short]")
            return left
        flags, atype = p.u8(t), p.u8(t + 1)
        t, left = t + 2, left - 2
        lenlen = 2 if flags & 0x10 else 1
        if not p.test(t, lenlen):
            raise _Cut
        if left < lenlen:
            p.w(" [path attr too short]")
            return left
        alen = p.u16(t) if lenlen == 2 else p.u8(t)
        t, left = t + lenlen, left - lenlen
        p.w(f"\n\t      {_ATTRS.get(atype, 'Unknown Attribute')} ({atype}), length: {alen}")
        if flags:
            p.w(f", Flags [{_flag_letters(flags)}]")
        p.w(": ")
        if left < alen:
            p.w(" [path attr too short]")
            return left
        _attr(p, atype, t, alen)
        t, left = t + alen, left - alen
    return 0


def _flag_letters(flags: int) -> str:
    """The attribute flags as tcpdump writes them: letters, then +low bits."""
    text = "".join(w for bit, w in ((0x80, "O"), (0x40, "T"), (0x20, "P"), (0x10,
                                                                            "E")) if flags & bit)
    return text + (f"+{flags & 0xF:x}" if flags & 0xF else "")


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
    if major == 6:
        _cease_data(p, at + 21, length - 21, minor)


# the messages and path attributes printed by a function of their own (the others inline)
_MESSAGE_PRINTERS = {1: _open, 2: _update, 3: _notification}
_ATTR_PRINTERS = {16: _ext_communities, 22: _pmsi_tunnel, 26: _aigp}


def _cease_data(p: Pkt, at: int, n: int, minor: int) -> None:
    """The data of a Cease: the prefix limit hit (RFC 4486) or the shutdown
    communication (RFC 8203) and any bytes after it."""
    if minor == 1 and n >= 7:
        afi, safi = p.u16(at), p.u8(at + 2)
        p.w(f", AFI {AF_VALUES.get(afi, 'Unknown')} ({afi}), SAFI {_SAFI.get(safi, 'Unknown')} "
            f"({safi}), "
            f"Max Prefixes: {p.u32(at + 3)}")
    if minor not in (2, 4) or n < 1:
        return
    text_len, used = p.u8(at), 0
    if text_len > n - 1:
        p.w(", invalid Shutdown Communication length")
    elif text_len == 0:
        p.w(", empty Shutdown Communication")
        used = 1
    else:
        p.w(f", Shutdown Communication (length: {text_len}): \"")
        p.w("".join(fn_char(c) for c in p.b(at + 1, text_len)))
        p.w("\"")
        used = text_len + 1
    if n > used:
        p.w(f", Data: (length: {n - used})")
        p.w(hex_only(p.b(at + used, n - used), "\n\t\t"))


# AFI/SAFI pairs tcpdump decodes in MP_REACH_NLRI and MP_UNREACH_NLRI.
_MP_KNOWN = {(1, 1), (1, 2), (1, 3), (1, 4), (1, 132), (1, 128), (1, 129), (1, 130), (1, 5), (1,
                                                                                              66),
             (2, 1), (2, 2), (2, 3), (2, 4), (2, 128), (2, 129), (2, 130), (3, 1), (3, 2), (3, 3),
             (3, 128), (3, 129), (3, 130), (196, 128), (196, 129), (196, 130), (25, 65)}
_VPN = (128, 129, 130)
_PLAIN = (1, 2, 3)
_L2VPN = {(25, 65), (196, 128), (196, 129), (196, 130)}  # AFI 25 is VPLS, 196 Layer-2 VPN
_BUF = 164  # tcpdump's buffer for an NLRI's text (MAXHOSTNAMELEN + 100)
_MVPN_ROUTES = {1: "Intra-AS I-PMSI", 2: "Inter-AS I-PMSI", 3: "S-PMSI", 4: "Intra-AS Segment-Leaf",
                5: "Source-Active", 6: "Shared Tree Join", 7: "Source Tree Join"}


def _mp_nlri(p: Pkt, atype: int, at: int, n: int) -> None:
    """MP_REACH_NLRI (14) and MP_UNREACH_NLRI (15): address family, next hops
    and SNPAs (reach only), then the NLRI of that family."""

    if not p.test(at, 3):
        raise _Cut
    if n < 3 and atype == 14:
        raise _Cut
    afi, safi = p.u16(at), p.u8(at + 2)
    p.w(f"\n\t    AFI: {AF_VALUES.get(afi, 'Unknown AFI')} ({afi}), "
        f"{'vendor specific ' if safi > 128 else ''}"
        f"SAFI: {_SAFI.get(safi, 'Unknown SAFI')} ({safi})")
    if (afi, safi) not in _MP_KNOWN:
        if not p.test(at, n):
            raise _Cut
        p.w(f"\n\t    no AFI {afi} / SAFI {safi} decoder")
        if p.o.v <= 1:
            print_unknown_data(p, at, "\n\t    ", n)
        return
    cur, end = at + 3, at + n
    if atype == 14:
        cur = _next_hops(p, afi, safi, cur, end)
    elif n == 3:
        p.w("\n\t      End-of-Rib Marker (empty NLRI)")
    add4 = _check_add_path(p, cur, end - cur, 32)
    add6 = _check_add_path(p, cur, end - cur, 128)
    while cur < end:
        k = _nlri(p, afi, safi, cur, n, add4 if afi == 1 else add6)
        if k == -2:
            raise _Cut
        if k < 0:
            break
        cur += k


def _next_hops(p: Pkt, afi: int, safi: int, cur: int, end: int) -> int:
    """The next-hop length, next hops and SNPAs of MP_REACH_NLRI; where the NLRI start."""
    if not p.test(cur, 1) or end - cur < 1:
        raise _Cut
    nhlen = p.u8(cur)
    cur += 1
    if nhlen:
        if end - cur < nhlen:
            raise _Cut
        p.w("\n\t    nexthop: ")
        left, count = nhlen, 0
        while left:
            if count:
                p.w(", ")
            count += 1
            used = _next_hop(p, afi, safi, cur, left)
            cur, left = cur + used, left - used
    p.w(f", nh-length: {nhlen}")
    if end - cur < 1:
        raise _Cut
    snpa = p.u8(cur)
    cur += 1
    if not snpa:
        p.w(", no SNPA")
        return cur
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
    return cur


def _next_hop(p: Pkt, afi: int, safi: int, at: int, left: int) -> int:
    """One next hop of the family (an address, or RD and address); the bytes used."""
    if afi == 3:
        if safi in _PLAIN:
            p.w(_nsap_text(p.b(at, left)))
            return left
        if left < 9:
            p.w("invalid len")
            return left
        if not p.test(at, left):
            raise _Cut
        p.w(f"RD: {bgp_vpn_rd(p, at)}, {_nsap_text(p.b(at + 8, left - 8))}")
        if p.u32(at + 8) == 0x47000601:
            p.w(f" = {ip4(p.b(at + 12, 4))}")
        elif int.from_bytes(p.b(at + 8, 3), "big") == 0x350000:
            p.w(f" = {ip6(p.b(at + 11, 16))}")
        return left
    rd = 8 if safi in _VPN and afi in (1, 2) else 0
    size = rd + (16 if afi == 2 else 4)
    if left < size:
        p.w("invalid len")
        return left
    addr = (ip6 if afi == 2 else ip4)(p.b(at + rd, size - rd))
    p.w(f"RD: {bgp_vpn_rd(p, at)}, {addr}" if rd else addr)
    return size


def bgp_vpn_rd(p: Pkt, at: int) -> str:
    """tcpdump's bgp_vpn_rd_print: an RFC 4364 route distinguisher."""
    kind = p.u16(at)
    if kind == 0:
        return f"{p.u16(at + 2)}:{p.u32(at + 4)} (= {ip4(p.b(at + 4, 4))})"
    if kind == 1:
        return f"{ip4(p.b(at + 2, 4))}:{p.u16(at + 6)}"
    if kind == 2:
        return f"{p.u32(at + 2)}:{p.u16(at + 6)} ({ip4(p.b(at + 2, 4))}:{p.u16(at + 6)})"
    return "unknown RD format"


def _check_add_path(p: Pkt, at: int, length: int, maxlen: int) -> bool:
    """tcpdump's check_add_path: whether the NLRI only make sense with path ids."""
    if length < 5:
        return False
    off = 0
    while off < length:
        off += 4
        if not p.test(at + off, 1):
            break
        plen = p.u8(at + off)
        if plen > maxlen:
            return False
        off += 1 + (plen + 7) // 8
    if off > length:
        return False
    off = 0
    while off < length:
        if not p.test(at + off, 1):
            break
        plen = p.u8(at + off)
        if plen < 1 or plen > maxlen:
            return True
        off += 1 + (plen + 7) // 8
    return off > length


def _nlri(p: Pkt, afi: int, safi: int, at: int, n: int, add_path: bool) -> int:
    """One NLRI of the family; the bytes used, or -1 to stop, -2 when cut short
    (tcpdump 4.99 writes most of them into a buffer of 164 bytes first)."""
    if safi in _PLAIN and afi in (1, 2):
        return _plain_prefix(p, at, n, afi == 2, add_path)
    if (afi, safi) == (1, 132):
        return _rt_routing_info(p, at)
    if safi == 4:
        k, text = _labeled_prefix(p, at, n, afi == 2)
    elif safi in _VPN and afi in (1, 2, 3):
        k, text = _vpn_prefix(p, at, afi)
    elif safi == 5:
        k, text = _multicast_vpn(p, at)
    elif safi == 66:
        k, text = _mdt_vpn(p, at)
    elif (afi, safi) in _L2VPN:
        k, text = _l2vpn(p, at)
    else:
        k, text = _nsap_prefix(p, at)
    if k == -1:
        p.w("\n\t    (illegal prefix length)")
    elif k >= 0:
        p.w(f"\n\t      {text[:_BUF - 1]}")
    return k


def _plain_prefix(p: Pkt, at: int, n: int, six: bool, add_path: bool) -> int:
    path_id = 0
    if add_path:
        path_id = p.u32(at)
        at += 4
    k, text = _prefix(p, at, n, six)
    if k == -1:
        p.w("\n\t    (illegal prefix length)")
    elif k == -2:
        return -2
    else:
        p.w(f"\n\t      {text}")
    if add_path:
        p.w(f"   Path Id: {path_id}")
        k += 4
    return k


def _label(p: Pkt, at: int) -> str:
    """A 3-byte MPLS label field: the label and its bottom-of-stack bit."""
    bos = "(bottom)" if p.u8(at + 2) & 1 else "(BOGUS: Bottom of Stack NOT set!)"
    return f"label:{int.from_bytes(p.b(at, 3), 'big') >> 4} {bos}"


def _masked(p: Pkt, at: int, plen: int, size: int) -> bytes:
    """plen bits from the packet, zero-padded to size bytes, the last byte masked."""
    n = (plen + 7) // 8
    raw = bytearray(p.b(at, n) + bytes(size - n))
    if plen % 8:
        raw[n - 1] &= (0xFF00 >> (plen % 8)) & 0xFF
    return bytes(raw)


def _labeled_prefix(p: Pkt, at: int, n: int, six: bool) -> tuple[int, str]:
    """RFC 3107 labeled unicast: one label, then the prefix (-3: too few bytes)."""
    if not p.test(at, 4):
        return -2, ""
    if n < 4:
        return -3, ""
    plen = p.u8(at)
    if plen < 24 or plen - 24 > (128 if six else 32):
        return -1, ""
    plen -= 24
    if not six and n - 4 < (plen + 7) // 8:
        return -3, ""
    addr = _masked(p, at + 4, plen, 16 if six else 4)
    return 4 + (plen + 7) // 8, f"{(ip6 if six else ip4)(addr)}/{plen}, {_label(p, at + 1)}"


def _vpn_prefix(p: Pkt, at: int, afi: int) -> tuple[int, str]:
    """Labeled VPN prefix (RFC 4364): label, route distinguisher, prefix."""
    plen = p.u8(at)
    top = {1: 32, 2: 128, 3: 152}[afi]
    if plen < 88 or plen - 88 > top:
        return -1, ""
    plen -= 88
    if afi == 3:
        addr = _nsap_text(_masked(p, at + 12, plen, 19)[:(plen + 7) // 8])
    else:
        addr = (ip6 if afi == 2 else ip4)(_masked(p, at + 12, plen, 16 if afi == 2 else 4))
    return 12 + (plen + 7) // 8, f"RD: {bgp_vpn_rd(p, at + 4)}, {addr}/{plen}, {_label(p, at + 1)}"


def _nsap_text(raw: bytes) -> str:
    """tcpdump's isonsap_string on a buffer."""
    if not 1 <= len(raw) <= 20:
        return "isonsap_string: illegal length"
    return "".join(f"{c:02x}" + ("." if i % 2 == 0 and i + 1 < len(raw) else "") for i,
                   c in enumerate(raw))


def _nsap_prefix(p: Pkt, at: int) -> tuple[int, str]:
    """A CLNP (NSAP) prefix (read 3 bytes further on, as tcpdump does)."""
    plen = p.u8(at)
    if plen > 152:
        return -1, ""
    raw = _masked(p, at + 4, plen, 19)[:(plen + 7) // 8]
    return 1 + (plen + 7) // 8, f"{_nsap_text(raw)}/{plen}"


def _rt_routing_info(p: Pkt, at: int) -> int:
    """RFC 4684 route-target membership: origin AS and route-target prefix."""
    plen = p.u8(at)
    if plen == 0:
        p.w("\n\t      default route target")
        return 1
    if plen < 32:
        p.w("\n\t      (illegal prefix length)")
        return -1
    origin = p.u32(at + 1)
    plen -= 32
    if plen > 64:
        p.w("\n\t      (illegal prefix length)")
        return -1
    rt = _masked(p, at + 5, plen, 8)
    p.w(f"\n\t      origin AS: {origin}, {_rt_prefix(rt, plen)}")
    return 5 + (plen + 7) // 8


def _rt_prefix(rt: bytes, plen: int) -> str:
    """tcpdump's bgp_rt_prefix_print."""
    if plen == 0:
        return "route-target: 0:0/0"
    count = (plen + 7) // 8
    hexed = "".join(f"{rt[i]:02x}" + (" " if i % 2 == 1 and i < count - 1 else "")
                    for i in range(count))
    if plen < 16:
        return f"route-target: partial-type: ({hexed}/{plen})"
    kind = int.from_bytes(rt[:2], "big")
    if kind == 0x0002:
        return (f"route-target: {int.from_bytes(rt[2:4], 'big')}:{int.from_bytes(rt[4:8], 'big')}"
                f"/{plen} ({hexed})")
    if kind == 0x0102:
        return f"route-target: {ip4(rt[2:6])}:{int.from_bytes(rt[6:8], 'big')}/{plen} ({hexed})"
    if kind == 0x0202:
        return (f"route-target: {int.from_bytes(rt[2:6], 'big')}:{int.from_bytes(rt[6:8], 'big')}"
                f"/{plen} ({hexed})")
    return f"route target: unknown-type({kind:04x}) ({hexed}/{plen})"


def _vpn_ip(p: Pkt, at: int, bits: int) -> str:
    """tcpdump's bgp_vpn_ip_print: an IPv4 or IPv6 address by its length in bits."""
    if bits == 32:
        return ip4(p.b(at, 4))
    if bits == 128:
        return ip6(p.b(at, 16))
    return f"bogus address length {bits}"


def _source_group(p: Pkt, at: int, out: list[str]) -> int:
    """tcpdump's bgp_vpn_sg_print: multicast source and group; the bytes read."""
    total = 0
    for word in ("Source", "Group"):
        bits = p.u8(at)
        at += 1
        if not p.test(at, bits >> 3):
            return total
        total += (bits >> 3) + 1
        if bits:
            out.append(f", {word} {_vpn_ip(p, at, bits)}")
            at += bits >> 3
    return total


def _multicast_vpn(p: Pkt, at: int) -> tuple[int, str]:
    """RFC 6514 multicast VPN routes."""
    rtype, rlen = p.u8(at), p.u8(at + 1)
    out = [f"Route-Type: {_MVPN_ROUTES.get(rtype, 'Unknown')} ({rtype}), length: {rlen}"]
    t = at + 2
    if rtype == 1:
        if not p.test(t, 8):
            return -2, ""
        out.append(f", RD: {bgp_vpn_rd(p, t)}, Originator "
                   f"{_vpn_ip(p, t + 8, ((rlen - 8) << 3) & 0xFFFFFFFF)}")
    elif rtype in (2, 6, 7):
        if not p.test(t, 12):
            return -2, ""
        out.append(f", RD: {bgp_vpn_rd(p, t)}, Source-AS {p.u32(t + 8)}")
        if rtype != 2:
            _source_group(p, t + 12, out)
    elif rtype == 3:
        if not p.test(t, 8):
            return -2, ""
        out.append(f", RD: {bgp_vpn_rd(p, t)}")
        t += 8
        size = (rlen - _source_group(p, t, out)) & 0xFFFFFFFF
        if not p.test(t, size):
            return -2, ""
        out.append(f", Originator {_vpn_ip(p, t, (size << 3) & 0xFFFFFFFF)}")
    elif rtype == 5:
        if not p.test(t, 8):
            return -2, ""
        out.append(f", RD: {bgp_vpn_rd(p, t)}")
        _source_group(p, t + 8, out)
    return rlen + 2, "".join(out)


def _mdt_vpn(p: Pkt, at: int) -> tuple[int, str]:
    """RFC 6037 MDT SAFI: RD, VPN address and multicast group."""
    if p.u8(at) != 128:
        return -1, ""
    if not p.test(at + 1, 8):
        return -2, ""
    return 17, (f"RD: {bgp_vpn_rd(p, at + 1)}, VPN IP Address: {ip4(p.b(at + 9, 4))}, "
                f"MC Group Address: {ip4(p.b(at + 13, 4))}")


class _Buf:
    """tcpdump's fixed-size text buffer with UPDATE_BUF_BUFLEN: what does not
    fit is lost, and once full nothing more is written."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.room = _BUF

    def add(self, text: str) -> None:
        if self.room:
            self.parts.append(text)
            self.room = 0 if len(text) > self.room else self.room - len(text)

    def text(self) -> str:
        return "".join(self.parts)[:_BUF - 1]


def _l2vpn(p: Pkt, at: int) -> tuple[int, str]:
    """L2VPN / VPLS NLRI (RFC 4761, 6074): auto-discovery or CE and label block."""
    plen = p.u16(at)
    t = at + 2
    buf = _Buf()
    if plen == 12:
        if not p.test(t, 12):
            return -2, ""
        buf.add(f"RD: {bgp_vpn_rd(p, t)}, BGPNH: {ip4(p.b(t + 8, 4))}")
        return plen + 2, buf.text()
    if plen <= 17 or not p.test(t, 15):
        return -2, ""
    buf.add(f"RD: {bgp_vpn_rd(p, t)}, CE-ID: {p.u16(t + 8)}, Label-Block Offset: {p.u16(t + 10)}, "
            f"Label Base {int.from_bytes(p.b(t + 12, 3), 'big') >> 4}")
    t, left = t + 15, plen - 15
    while left:
        if left < 3:
            buf.add("\n\t\tran past the end")
            break
        kind, bits = p.u8(t), p.u16(t + 1)
        t += 3
        size = (bits + 7) // 8
        if kind == 1:
            buf.add(f"\n\t\tcircuit status vector ({kind}) length: {bits}: 0x")
            while size:
                if left < 1:
                    buf.add(" (ran past the end)")
                    return plen + 2, buf.text()
                if not p.test(t, 1):
                    return -2, ""
                if buf.room:
                    buf.add(f"{p.u8(t):02x}")
                    t += 1
                size, left = size - 1, left - 1
        else:
            buf.add(f"\n\t\tunknown TLV #{kind}, length: {bits}")
            if left < size:
                buf.add(" (ran past the end)")
                break
            left -= size
    return plen + 2, buf.text()
