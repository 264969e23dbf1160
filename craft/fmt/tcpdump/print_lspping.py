"""MPLS LSP ping and traceroute (RFC 4379/8029, UDP 3503) as tcpdump 4.99
prints it: version, message type and sequence number; with -v the reply
mode, return code and subcode, sender handle, timestamps and each TLV: the
Target FEC Stack's sub-TLVs (LDP, BGP, RSVP, VPN prefixes, L2 VPN endpoint,
FEC 128 pseudowires), Downstream Mapping addresses, BFD discriminator,
vendor enterprise code, the rest in hex; with -vv every TLV and sub-TLV in
hex as well. Private to craft.fmt.tcpdump."""

from __future__ import annotations

from craft.fmt.tcpdump.addrtoname import ip4, ip6
from craft.fmt.tcpdump.netdissect import Pkt
from craft.fmt.tcpdump.print_bgp import bgp_vpn_rd
from craft.fmt.tcpdump.print_ldp import PW_TYPES
from craft.fmt.tcpdump.print_ntp import ntp_time
from craft.fmt.tcpdump.print_radius import SMI_VENDORS
from craft.fmt.tcpdump.util_print import print_unknown_data

_MSG_TYPES = {1: "MPLS Echo Request", 2: "MPLS Echo Reply"}
_REPLY_MODES = {1: "Do not reply", 2: "Reply via an IPv4/IPv6 UDP packet",
                3: "Reply via an IPv4/IPv6 UDP packet with Router Alert",
                4: "Reply via application level control channel"}
_RETURN_CODES = {0: "No return code or return code contained in the Error Code TLV",
                 1: "Malformed echo request received",
                 2: "One or more of the TLVs was not understood",
                 3: "Replying router is an egress for the FEC at stack depth",
                 4: "Replying router has no mapping for the FEC at stack depth", 5: "Reserved",
                 6: "Reserved", 7: "Reserved", 8: "Label switched at stack-depth",
                 9: "Label switched but no MPLS forwarding at stack-depth",
                 10: "Mapping for this FEC is not the given label at stack depth",
                 11: "No label entry at stack-depth",
                 12: "Protocol not associated with interface at FEC stack depth",
                 13: "Premature termination of ping due to label stack shrinking to a single label"}
_WITH_SUBCODE = frozenset((3, 4, 8, 10, 11, 12))
_TLVS = {1: "Target FEC Stack", 2: "Downstream Mapping", 3: "Pad", 9: "Error Code",
         5: "Vendor Enterprise Code", 7: "Interface Label Stack", 10: "Reply TOS Byte",
         15: "BFD Discriminator", 0xFC00: "Vendor Private Code"}
_SUBTLVS = {1: "LDP IPv4 prefix", 2: "LDP IPv6 prefix", 3: "RSVP IPv4 Session Query",
            4: "RSVP IPv6 Session Query", 5: "Reserved", 6: "VPN IPv4 prefix", 7: "VPN IPv6 prefix",
            8: "L2 VPN endpoint", 9: "FEC 128 pseudowire (old)", 10: "FEC 128 pseudowire",
            12: "BGP labeled IPv4 prefix", 13: "BGP labeled IPv6 prefix"}
# the length each sub-TLV decoder wants
_SUBTLV_LENGTHS = {1: 5, 2: 17, 12: 5, 13: 17, 3: 20, 4: 56, 6: 13, 7: 25, 8: 14, 9: 10, 10: 14}
_ADDRESS_TYPES = {1: "IPv4", 2: "Unnumbered IPv4", 3: "IPv6", 4: "IPv6"}
# address type: (bytes of the map header with the addresses, IPv6, unnumbered)
_DS_MAPS = {1: (12, False, False), 2: (12, False, True), 3: (36, True, False), 4: (24, True, True)}
_HEADER = 32
_TOO_SHORT = "\n\t      TLV is too short"


class _PacketShort(Exception):
    """tcpdump's "goto tooshort": the packet ends before what it announces."""


class _TlvShort(Exception):
    """tcpdump's "goto tlv_tooshort": the TLV is dumped in hex."""


class _Stop(Exception):
    """A sub-TLV's padding runs past its TLV: tcpdump stops the packet."""


def _unknown(p: Pkt, at: int, indent: str, n: int) -> None:

    print_unknown_data(p, at, indent, n)


def _subtlv_value(p: Pkt, kind: int, at: int) -> None:
    """A Target FEC sub-TLV of the length its decoder wants."""

    if kind in (1, 12):
        p.w(f"\n\t      {ip4(p.b(at, 4))}/{p.u8(at + 4)}")
    elif kind in (2, 13):
        p.w(f"\n\t      {ip6(p.b(at, 16))}/{p.u8(at + 16)}")
    elif kind in (3, 4):
        size = 16 if kind == 4 else 4
        addr = ip6 if kind == 4 else ip4
        end, ext = addr(p.b(at, size)), addr(p.b(at + size + 4, size))
        sender = addr(p.b(at + 2 * size + 4, size))
        p.w(f"\n\t      tunnel end-point {end}, tunnel sender {sender}, lsp-id "
            f"0x{p.u16(at + 3 * size + 6):04x}"
            f"\n\t      tunnel-id 0x{p.u16(at + size + 2):04x}, extended tunnel-id {ext}")
    elif kind in (6, 7):
        size = 16 if kind == 7 else 4
        p.w(f"\n\t      RD: {bgp_vpn_rd(p, at)}, "
            f"{(ip6 if kind == 7 else ip4)(p.b(at + 8, size))}/{p.u8(at + 8 + size)}")
    elif kind == 8:
        encaps = p.u16(at + 12)
        p.w(f"\n\t      RD: {bgp_vpn_rd(p, at)}, Sender VE ID: {p.u16(at + 8)}, Receiver VE ID: "
            f"{p.u16(at + 10)}"
            f"\n\t      Encapsulation Type: {PW_TYPES.get(encaps, 'unknown')} ({encaps})")
    else:
        at, head = (at, "") if kind == 9 else (at + 4, f"Sender PE: {ip4(p.b(at, 4))}, ")
        pw = p.u16(at + 8)
        p.w(f"\n\t      {head}Remote PE: {ip4(p.b(at, 4))}"
            f"\n\t      PW ID: 0x{p.u32(at + 4):08x}, "
            f"PW Type: {PW_TYPES.get(pw, 'unknown')} ({pw})")


def _fec_stack(p: Pkt, at: int, left: int) -> None:
    """The sub-TLVs of a Target FEC Stack TLV."""
    while left:
        if left < 4:
            p.w(_TOO_SHORT)
            raise _TlvShort
        kind, n = p.u16(at), p.u16(at + 2)
        if left < n + 4:
            p.w(_TOO_SHORT)
            raise _TlvShort
        p.b(at + 4, n)
        p.w(f"\n\t    {_SUBTLVS.get(kind, 'Unknown')} subTLV ({kind}), length: {n}")
        want = _SUBTLV_LENGTHS.get(kind)
        dump = want is None
        if want is not None:
            if n != want:
                p.w(f"\n\t      invalid subTLV length, should be {want}")
                dump = True
            else:
                _subtlv_value(p, kind, at + 4)
        if p.o.v > 1 or dump:
            _unknown(p, at + 4, "\n\t      ", n)
        if n % 4:
            n += 4 - n % 4
            if left < n + 4:
                p.w("\n\t\t TLV is too short")
                raise _Stop
        at += n  # (sic: tcpdump does not step over the sub-TLV header)
        left -= n + 4


def _downstream_map(p: Pkt, at: int, left: int) -> None:
    if left < 4:
        p.w(_TOO_SHORT)
        raise _TlvShort
    p.b(at, 4)
    kind = p.u8(at + 2)
    p.w(f"\n\t    MTU: {p.u16(at)}, Address-Type: {_ADDRESS_TYPES.get(kind, 'unknown')} ({kind})")
    layout = _DS_MAPS.get(kind)
    if layout is not None:
        size, six, unnumbered = layout
        if left < size:
            p.w(_TOO_SHORT)
            raise _TlvShort
        p.b(at, size)
        addr = ip6(p.b(at + 4, 16)) if six else ip4(p.b(at + 4, 4))
        if unnumbered:
            second = f"Downstream Interface Index: 0x{p.u32(at + size - 4):08x}"
        else:
            second = ("Downstream Interface IP: "
                      f"{ip6(p.b(at + 20, 16)) if six else ip4(p.b(at + 8, 4))}")
        p.w(f"\n\t    Downstream IP: {addr}\n\t    {second}")
        at, left = at + size, left - size
    if left < 4:
        p.w(_TOO_SHORT)
        raise _TlvShort
    p.b(at, 4)
    raise _TlvShort  # (the multipath information and labels: in hex)


def _tlv_value(p: Pkt, kind: int, at: int, n: int) -> None:
    """One TLV's value; raises _TlvShort when tcpdump dumps it in hex."""

    if kind == 1:
        _fec_stack(p, at, n)
    elif kind == 2:
        _downstream_map(p, at, n)
    elif kind in (15, 5):
        if n < 4:
            p.w(_TOO_SHORT)
            raise _TlvShort
        v = p.u32(at)
        p.w(f"\n\t    BFD Discriminator 0x{v:08x}" if kind == 15
            else f"\n\t    Vendor: {SMI_VENDORS.get(v, 'Unknown')} (0x{v:04x})")
    elif p.o.v <= 1:
        _unknown(p, at, "\n\t    ", n)


def _header(p: Pkt, bp: int, length: int) -> None:
    """The common header with -v."""

    kind, mode = p.u8(bp + 4), p.u8(bp + 5)
    p.w(f"\n\tLSP-PINGv{p.u16(bp)}, msg-type: {_MSG_TYPES.get(kind, 'unknown')} ({kind}), length: "
        f"{length}"
        f"\n\t  reply-mode: {_REPLY_MODES.get(mode, 'unknown')} ({mode})")
    code, sub = p.u8(bp + 6), p.u8(bp + 7)
    name = _RETURN_CODES.get(code, "unknown")
    if code in _WITH_SUBCODE:
        p.w(f"\n\t  Return Code: {name} {sub} ({code})\n\t  Return Subcode: ({sub})")
    else:
        p.w(f"\n\t  Return Code: {name} ({code})\n\t  Return Subcode: ({sub})")
    p.w(f"\n\t  Sender Handle: 0x{p.u32(bp + 8):08x}, Sequence: {p.u32(bp + 12)}")
    p.w("\n\t  Sender Timestamp: ")
    ntp_time(p, bp + 16)
    p.w(" Receiver Timestamp: ")
    if p.u32(bp + 24) or p.u32(bp + 28):
        ntp_time(p, bp + 24)
    else:
        p.w("no timestamp")


def _tlvs(p: Pkt, at: int, left: int) -> None:
    while left:
        if left < 4:
            raise _PacketShort
        kind, n = p.u16(at), p.u16(at + 2)
        p.w(f"\n\t  {_TLVS.get(kind, 'Unknown')} TLV ({kind}), length: {n}")
        if n == 0:
            at, left = at + 4, left - 4
            continue
        if left < n + 4:
            raise _PacketShort
        p.b(at + 4, n)
        try:
            _tlv_value(p, kind, at + 4, n)
            dump = False
        except _TlvShort:
            dump = True
        if p.o.v > 1 or dump:
            _unknown(p, at + 4, "\n\t    ", n)
        if n % 4:
            n += 4 - n % 4
            if left < n + 4:
                raise _PacketShort
        at, left = at + n + 4, left - n - 4


def lspping_print(p: Pkt, bp: int, length: int) -> None:
    """tcpdump's lspping_print: ``length`` bytes of LSP ping at ``bp``."""
    p.proto = "lspping"
    try:
        if length < _HEADER:
            raise _PacketShort
        p.b(bp, _HEADER)
        version = p.u16(bp)
        if version != 1:
            p.w(f"LSP-PING version {version} packet not supported")
            return
        if not p.o.v:
            kind = p.u8(bp + 4)
            p.w(f"LSP-PINGv{version}, {_MSG_TYPES.get(kind, f'unknown ({kind})')}, "
                f"seq {p.u32(bp + 12)}, length: {length}")
            return
        _header(p, bp, length)
        _tlvs(p, bp + _HEADER, length - _HEADER)
    except _PacketShort:
        p.w("\n\t\t packet is too short")
    except _Stop:
        pass
