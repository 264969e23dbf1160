"""OpenFlow (TCP ports 6633 and 6653) as tcpdump 4.99 prints it: every
message of the segment with the common header (version, type, length, xid)
and the length checks of each message type, for OpenFlow 1.0 and 1.3 type
names; with -v the OpenFlow 1.0 message bodies (switch features and ports,
configuration, packet in/out with their actions, flow mod/removed with the
match, port status/mod, statistics requests and replies, queue
configuration, errors, vendor messages and Big Switch Networks extensions)
and (in craft.fmt.tcpdump_openflow13) the OpenFlow 1.3 bodies tcpdump decodes (hello elements,
                                                                               errors,
experimenter, features, configuration, port status/mod, table mod, queue
configuration request, role and asynchronous configuration); with -vv also
the port details and hex dumps of data; with -vvv the Ethernet frame in a
1.0 PACKET_IN/OUT. Other versions and types: the header and the length
check only, as in tcpdump. Private to craft.fmt.tcpdump."""

from __future__ import annotations

from collections.abc import Callable

from craft.fmt.tcpdump.addrtoname import ip4, mac
from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.oui import OUIS
from craft.fmt.tcpdump.print_ascii import hex_and_ascii
from craft.fmt.tcpdump.print_ether import ether_print
from craft.fmt.tcpdump.util_print import bittok2str, printjn_quoted, printjnp

HEADER_LEN = 8


Decoder = Callable[[Pkt, int, int], None]
FIX, MIN = 0, 1


def _tok(table: dict[int, str], fmt: str, v: int) -> str:
    s = table.get(v)
    if s is not None:
        return s
    return fmt % v if "%" in fmt else fmt


def _bitmap(p: Pkt, table: tuple[tuple[int, str], ...], v: int, unassigned: int) -> None:
    """tcpdump's of_bitmap_print."""
    if v & ~unassigned & 0xFFFFFFFF:
        p.w(f" ({bittok2str(table, '', v)})")
    if v & unassigned:
        p.w(" (bogus)")


# 32-bit bitmaps one after another: (word, bit names, unassigned bits) each
_Bitmaps = tuple[tuple[str, tuple[tuple[int, str], ...], int], ...]


def _bitmaps(p: Pkt, at: int, indent: str, fields: _Bitmaps) -> None:
    """The 32-bit bitmaps FIELDS lists, from AT: each its word, value and bits."""
    for i, (word, table, unassigned) in enumerate(fields):
        v = p.u32(at + 4 * i)
        p.w(f"{indent}{word} 0x{v:08x}")
        _bitmap(p, table, v, unassigned)


def _u64(p: Pkt, at: int) -> int:
    return (p.u32(at) << 32) | p.u32(at + 4)


def _name(p: Pkt, at: int, n: int) -> None:
    """tcpdump's nd_printjnp of a fixed-size name, quoted."""
    p.w("'")
    printjnp(p, at, n)
    p.w("'")


def _need(p: Pkt, at: int, n: int) -> None:
    """ND_TCHECK_LEN: the bytes must have been captured."""
    if n > 0 and not p.test(at, n):
        raise Trunc


def _vendor_name(vendor: int) -> str:
    if vendor & 0xFF000000 == 0:
        return OUIS.get(vendor, "unknown")
    return _ONF_EXPERIMENTERS.get(vendor, "unknown")


_ONF_EXPERIMENTERS = {
    0x4F4E4600: "ONF Extensions", 0xFF000001: "Budapest University of Technology and Economics",
    0xFF000002: "NoviFlow", 0xFF000003: "L3+ Extensions, Vendor Neutral",
    0xFF000004: "L4-L7 Extensions", 0xFF000005: "Wireless and Mobility Extensions",
    0xFF000006: "Forwarding Abstractions Extensions", 0xFF000007: "Optical Transport Extensions",
    0xFF000008: "Network Benchmarking Lab, NCTU", 0xFF000009: "Mobile Packet Core Extensions",
    0xFF00000A: "MPLS-TP OpenFlow Extensions for SPTN"}


def _data(p: Pkt, cp: int, n: int) -> None:
    """tcpdump's of_data_print: the octet count, with -vv a hex dump."""
    if n == 0:
        return
    p.w(f"\n\t data ({n} octets)")
    if p.o.v >= 2:
        avail = min(n, p.avail(cp))
        p.w(hex_and_ascii(p.d[cp:cp + avail], "\n\t  "))
        if avail < n:
            raise Trunc
    else:
        _need(p, cp, n)


# ---------------------------------------------------------------- 1.0 words

_OF10_TYPES = ("HELLO", "ERROR", "ECHO_REQUEST", "ECHO_REPLY", "VENDOR", "FEATURES_REQUEST",
               "FEATURES_REPLY", "GET_CONFIG_REQUEST", "GET_CONFIG_REPLY", "SET_CONFIG",
               "PACKET_IN", "FLOW_REMOVED", "PORT_STATUS", "PACKET_OUT", "FLOW_MOD", "PORT_MOD",
               "STATS_REQUEST", "STATS_REPLY", "BARRIER_REQUEST", "BARRIER_REPLY",
               "QUEUE_GET_CONFIG_REQUEST", "QUEUE_GET_CONFIG_REPLY")
_PORTS = {0xFF00: "MAX", 0xFFF8: "IN_PORT", 0xFFF9: "TABLE", 0xFFFA: "NORMAL", 0xFFFB: "FLOOD",
          0xFFFC: "ALL", 0xFFFD: "CONTROLLER", 0xFFFE: "LOCAL", 0xFFFF: "NONE"}
_PORT_CONFIG = ((1, "PORT_DOWN"), (2, "NO_STP"), (4, "NO_RECV"), (8, "NO_RECV_STP"),
                (16, "NO_FLOOD"), (32, "NO_FWD"), (64, "NO_PACKET_IN"))
_PORT_CONFIG_U = ~0x7F & 0xFFFFFFFF
_STP_STATES = ("STP_LISTEN", "STP_LEARN", "STP_FORWARD", "STP_BLOCK")
_PORT_FEATURES = ((1, "10MB_HD"), (2, "10MB_FD"), (4, "100MB_HD"), (8, "100MB_FD"), (16, "1GB_HD"),
                  (32, "1GB_FD"), (64, "10GB_FD"), (128, "COPPER"), (256, "FIBER"),
                  (512, "AUTONEG"), (1024, "PAUSE"), (2048, "PAUSE_ASYM"))
_PORT_FEATURES_U = ~0xFFF & 0xFFFFFFFF
_QUEUE_PROPS = {0: "NONE", 1: "MIN_RATE"}
_WILDCARD_ALL = (1 << 22) - 1
_ACTIONS = {0: "OUTPUT", 1: "SET_VLAN_VID", 2: "SET_VLAN_PCP", 3: "STRIP_VLAN", 4: "SET_DL_SRC",
            5: "SET_DL_DST", 6: "SET_NW_SRC", 7: "SET_NW_DST", 8: "SET_NW_TOS", 9: "SET_TP_SRC",
            10: "SET_TP_DST", 11: "ENQUEUE", 0xFFFF: "VENDOR"}
_ACTION_BITS = tuple((1 << k, v) for k, v in _ACTIONS.items() if k != 0xFFFF)
_ACTION_BITS_U = ~0xFFF & 0xFFFFFFFF
_CAPABILITIES = ((1, "FLOW_STATS"), (2, "TABLE_STATS"), (4, "PORT_STATS"), (8, "STP"),
                 (16, "RESERVED"), (32, "IP_REASM"), (64, "QUEUE_STATS"), (128, "ARP_MATCH_IP"))
_CAPABILITIES_U = ~0xEF & 0xFFFFFFFF
_CONFIG_FLAGS = {0: "FRAG_NORMAL", 1: "FRAG_DROP", 2: "FRAG_REASM"}
_FLOW_COMMANDS = {0: "ADD", 1: "MODIFY", 2: "MODIFY_STRICT", 3: "DELETE", 4: "DELETE_STRICT"}
_BUFFER_IDS = {0xFFFFFFFF: "NONE"}
_FLOW_FLAGS = ((1, "SEND_FLOW_REM"), (2, "CHECK_OVERLAP"), (4, "EMERG"))
_FLOW_FLAGS_U = ~7 & 0xFFFFFFFF
_STATS_TYPES = {0: "DESC", 1: "FLOW", 2: "AGGREGATE", 3: "TABLE", 4: "PORT", 5: "QUEUE",
                0xFFFF: "VENDOR"}
_TABLE_IDS = {0xFE: "EMERG", 0xFF: "ALL"}
_QUEUE_IDS = {0xFFFFFFFF: "ALL"}
_REPLY_FLAGS = ((1, "MORE"),)
_REPLY_FLAGS_U = ~1 & 0xFFFFFFFF
_PACKET_IN_REASONS = {0: "NO_MATCH", 1: "ACTION"}
_FLOW_REMOVED_REASONS = {0: "IDLE_TIMEOUT", 1: "HARD_TIMEOUT", 2: "DELETE"}
_PORT_STATUS_REASONS = {0: "ADD", 1: "DELETE", 2: "MODIFY"}
_ERROR_TYPES = {0: "HELLO_FAILED", 1: "BAD_REQUEST", 2: "BAD_ACTION", 3: "FLOW_MOD_FAILED",
                4: "PORT_MOD_FAILED", 5: "QUEUE_OP_FAILED"}
_ERROR_CODES: dict[int, dict[int, str]] = {
    0: {0: "INCOMPATIBLE", 1: "EPERM"},
    1: dict(enumerate(("BAD_VERSION", "BAD_TYPE", "BAD_STAT", "BAD_VENDOR", "BAD_SUBTYPE", "EPERM",
                       "BAD_LEN", "BUFFER_EMPTY", "BUFFER_UNKNOWN"))),
    2: dict(enumerate(("BAD_TYPE", "BAD_LEN", "BAD_VENDOR", "BAD_VENDOR_TYPE", "BAD_OUT_PORT",
                       "BAD_ARGUMENT", "EPERM", "TOO_MANY", "BAD_QUEUE"))),
    3: dict(enumerate(("ALL_TABLES_FULL", "OVERLAP", "EPERM", "BAD_EMERG_TIMEOUT", "BAD_COMMAND",
                       "UNSUPPORTED"))),
    4: {0: "BAD_PORT", 1: "BAD_HW_ADDR"},
    5: {0: "BAD_PORT", 1: "BAD_QUEUE", 2: "EPERM"},
}
OUI_BSN = 0x5C16C7
_BSN_SUBTYPES = dict(enumerate((
    "SET_IP_MASK", "GET_IP_MASK_REQUEST", "GET_IP_MASK_REPLY", "SET_MIRRORING",
    "GET_MIRRORING_REQUEST", "GET_MIRRORING_REPLY", "SHELL_COMMAND", "SHELL_OUTPUT",
    "SHELL_STATUS", "GET_INTERFACES_REQUEST", "GET_INTERFACES_REPLY",
    "SET_PKTIN_SUPPRESSION_REQUEST", "SET_L2_TABLE_REQUEST", "GET_L2_TABLE_REQUEST",
    "GET_L2_TABLE_REPLY", "VIRTUAL_PORT_CREATE_REQUEST", "VIRTUAL_PORT_CREATE_REPLY",
    "VIRTUAL_PORT_REMOVE_REQUEST", "BW_ENABLE_SET_REQUEST", "BW_ENABLE_GET_REQUEST",
    "BW_ENABLE_GET_REPLY", "BW_CLEAR_DATA_REQUEST", "BW_CLEAR_DATA_REPLY",
    "BW_ENABLE_SET_REPLY", "SET_L2_TABLE_REPLY", "SET_PKTIN_SUPPRESSION_REPLY",
    "VIRTUAL_PORT_REMOVE_REPLY", "HYBRID_GET_REQUEST", "HYBRID_GET_REPLY")))
_BSN_SUBTYPES.update({31: "PDU_TX_REQUEST", 32: "PDU_TX_REPLY", 33: "PDU_RX_REQUEST",
                      34: "PDU_RX_REPLY", 35: "PDU_RX_TIMEOUT"})
_BSN_ACTIONS = {1: "MIRROR", 2: "SET_TUNNEL_DST", 4: "CHECKSUM"}


def _port(v: int) -> str:
    return _tok(_PORTS, "%u", v)


def _vlan(vid: int) -> str:
    if vid == 0xFFFF:
        return "NONE"
    return f"{vid}{'' if 0 < vid < 0x0FFF else ' (bogus)'}"


def _pcp(pcp: int) -> str:
    return f"{pcp}{'' if pcp <= 7 else ' (bogus)'}"


# ------------------------------------------------------------ 1.0 pieces

def _invalid_rest(p: Pkt, cp: int, n: int) -> None:
    p.w(" (invalid)")
    _need(p, cp, n)


_PHY_PORT_CONFIG: _Bitmaps = (("config", _PORT_CONFIG, _PORT_CONFIG_U),)
_PHY_PORT_FEATURES: _Bitmaps = tuple((word, _PORT_FEATURES, _PORT_FEATURES_U)
                                     for word in ("curr", "advertised", "supported", "peer"))


def _phy_ports(p: Pkt, cp: int, n: int) -> None:
    """ofp_phy_port structures, 48 octets each ([OF10] 5.2.1)."""
    cp0, n0 = cp, n
    while n:
        if n < 48:
            _invalid_rest(p, cp0, n0)
            return
        p.w(f"\n\t  port_no {_port(p.u16(cp))}")
        p.w(f", hw_addr {mac(p.b(cp + 2, 6))}")
        p.w(", name ")
        _name(p, cp + 8, 16)
        if p.o.v < 2:
            _need(p, cp + 24, 24)
        else:
            _bitmaps(p, cp + 24, "\n\t   ", _PHY_PORT_CONFIG)
            _port_state(p, p.u32(cp + 28))
            _bitmaps(p, cp + 32, "\n\t   ", _PHY_PORT_FEATURES)
        cp += 48
        n -= 48


def _port_state(p: Pkt, v: int) -> None:
    """The port state: the STP state is a 2-bit value, not a bitmap."""
    p.w(f"\n\t   state 0x{v:08x} ({_STP_STATES[(v >> 8) & 3]}{', LINK_DOWN' if v & 1 else ''})")
    if v & ~0x301:
        p.w(" (bogus)")


def _queue_props(p: Pkt, cp: int, n: int) -> None:
    """Queue properties ([OF10] 5.2.2)."""
    cp0, n0 = cp, n
    while n:
        if n < 8:
            _invalid_rest(p, cp0, n0)
            return
        prop = p.u16(cp)
        p.w(f"\n\t   property {_tok(_QUEUE_PROPS, 'invalid (0x%04x)', prop)}")
        plen = p.u16(cp + 2)
        p.w(f", len {plen}")
        if plen < 8 or plen > n:
            _invalid_rest(p, cp0, n0)
            return
        _need(p, cp + 4, 4)
        skip = prop not in (0, 1)
        if not skip and plen != (8 if prop == 0 else 16):
            p.w(" (bogus)")
            skip = True
        if skip:
            _need(p, cp + 8, plen - 8)
        elif prop == 1:
            rate = p.u16(cp + 8)
            p.w(", rate disabled" if rate > 1000 else f", rate {rate // 10}.{rate % 10}%")
            _need(p, cp + 10, 6)
        cp += plen
        n -= plen


def _queues(p: Pkt, cp: int, n: int) -> None:
    """Packet queues ([OF10] 5.2.2)."""
    cp0, n0 = cp, n
    while n:
        if n < 8:
            _invalid_rest(p, cp0, n0)
            return
        p.w(f"\n\t  queue_id {p.u32(cp)}")
        desclen = p.u16(cp + 4)
        p.w(f", len {desclen}")
        if desclen < 8 or desclen > n:
            _invalid_rest(p, cp0, n0)
            return
        _need(p, cp + 6, 2)
        if p.o.v < 2:
            _need(p, cp + 8, desclen - 8)
        else:
            _queue_props(p, cp + 8, desclen - 8)
        cp += desclen
        n -= desclen


def _match(p: Pkt, pfx: str, cp: int) -> None:
    """ofp_match, 40 octets ([OF10] 5.2.3): only the fields not wildcarded."""
    wc = p.u32(cp)
    if wc & ~_WILDCARD_ALL & 0xFFFFFFFF:
        p.w(f"{pfx}wildcards 0x{wc:08x} (bogus)")
    v = p.u16(cp + 4)
    if not wc & 0x01:
        p.w(f"{pfx}match in_port {_port(v)}")
    b = p.b(cp + 6, 6)
    if not wc & 0x04:
        p.w(f"{pfx}match dl_src {mac(b)}")
    b = p.b(cp + 12, 6)
    if not wc & 0x08:
        p.w(f"{pfx}match dl_dst {mac(b)}")
    v = p.u16(cp + 18)
    if not wc & 0x02:
        p.w(f"{pfx}match dl_vlan {_vlan(v)}")
    v = p.u8(cp + 20)
    if not wc & (1 << 20):
        p.w(f"{pfx}match dl_vlan_pcp {_pcp(v)}")
    _need(p, cp + 21, 1)
    dl_type = p.u16(cp + 22)
    if not wc & 0x10:
        p.w(f"{pfx}match dl_type 0x{dl_type:04x}")
    v = p.u8(cp + 24)
    if not wc & (1 << 21):
        p.w(f"{pfx}match nw_tos 0x{v:02x}")
    nw_proto = p.u8(cp + 25)
    if not wc & 0x20:
        word = "arp_opcode" if not wc & 0x10 and dl_type == 0x0806 else "nw_proto"
        p.w(f"{pfx}match {word} {nw_proto}")
    _need(p, cp + 26, 2)
    for at, shift, word in ((cp + 28, 8, "nw_src"), (cp + 32, 14, "nw_dst")):
        b = p.b(at, 4)
        bits = (wc >> shift) & 0x3F
        if bits < 32:
            p.w(f"{pfx}match {word} {ip4(b)}/{32 - bits}")
    icmp = not wc & 0x10 and dl_type == 0x0800 and not wc & 0x20 and nw_proto == 1
    v = p.u16(cp + 36)
    if not wc & 0x40:
        p.w(f"{pfx}match {'icmp_type' if icmp else 'tp_src'} {v}")
    v = p.u16(cp + 38)
    if not wc & 0x80:
        p.w(f"{pfx}match {'icmp_code' if icmp else 'tp_dst'} {v}")


def _action_length_ok(kind: int, alen: int) -> bool | None:
    """Whether the length suits the action type; None for an unknown type."""
    if kind in (0, 1, 2, 3, 6, 7, 8, 9, 10):
        return alen == 8
    if kind in (4, 5, 11):
        return alen == 16
    if kind == 0xFFFF:
        return alen % 8 == 0
    return None


def _actions(p: Pkt, pfx: str, cp: int, n: int) -> None:
    """Action list ([OF10] 5.2.4)."""
    cp0, n0 = cp, n
    while n:
        if n < 8:
            _invalid_rest(p, cp0, n0)
            return
        kind = p.u16(cp)
        p.w(f"{pfx}action type {_tok(_ACTIONS, 'invalid (0x%04x)', kind)}")
        alen = p.u16(cp + 2)
        p.w(f", len {alen}")
        if alen < 8 or alen > n:
            _invalid_rest(p, cp0, n0)
            return
        ok = _action_length_ok(kind, alen)
        if ok is False:
            p.w(" (bogus)")
        if not ok:
            _need(p, cp + 4, alen - 4)
        else:
            _action_body(p, kind, cp + 4, alen - 4)
        cp += alen
        n -= alen


def _action_body(p: Pkt, kind: int, cp: int, n: int) -> None:
    if kind == 0:
        port = p.u16(cp)
        p.w(f", port {_port(port)}")
        v = p.u16(cp + 2)
        if port == 0xFFFD:
            p.w(f", max_len {v}")
    elif kind == 1:
        p.w(f", vlan_vid {_vlan(p.u16(cp))}")
        _need(p, cp + 2, 2)
    elif kind == 2:
        p.w(f", vlan_pcp {_pcp(p.u8(cp))}")
        _need(p, cp + 1, 3)
    elif kind in (4, 5):
        p.w(f", dl_addr {mac(p.b(cp, 6))}")
        _need(p, cp + 6, 6)
    elif kind in (6, 7):
        p.w(f", nw_addr {ip4(p.b(cp, 4))}")
    elif kind == 8:
        p.w(f", nw_tos 0x{p.u8(cp):02x}")
        _need(p, cp + 1, 3)
    elif kind in (9, 10):
        p.w(f", tp_port {p.u16(cp)}")
        _need(p, cp + 2, 2)
    elif kind == 11:
        p.w(f", port {_port(p.u16(cp))}")
        _need(p, cp + 2, 6)
        p.w(f", queue_id {_tok(_QUEUE_IDS, '%u', p.u32(cp + 8))}")
    elif kind == 0xFFFF:
        _vendor_action(p, cp, n)
    elif kind == 3:
        _need(p, cp, 4)


def _vendor_id(p: Pkt, cp: int) -> int:
    vendor = p.u32(cp)
    p.w(f", vendor 0x{vendor:08x} ({_vendor_name(vendor)})")
    return vendor


def _vendor_action(p: Pkt, cp: int, n: int) -> None:
    if n < 4:
        _invalid_rest(p, cp, n)
        return
    if _vendor_id(p, cp) == OUI_BSN:
        _bsn_action(p, cp + 4, n - 4)
    else:
        _data(p, cp + 4, n - 4)


def _bsn_action(p: Pkt, cp: int, n: int) -> None:
    """A Big Switch Networks vendor action."""
    if n < 4:
        _invalid_rest(p, cp, n)
        return
    subtype = p.u32(cp)
    p.w(f"\n\t  subtype {_tok(_BSN_ACTIONS, 'unknown (0x%08x)', subtype)}")
    if subtype != 1:
        _need(p, cp + 4, n - 4)
        return
    if n != 16:
        _invalid_rest(p, cp, n)
        return
    p.w(f", dest_port {p.u32(cp + 4)}")
    tag = p.u32(cp + 8)
    if tag >> 16 == 0:
        p.w(", vlan_tag none")
    elif tag >> 16 == 0x8100:
        tci = tag & 0xFFFF
        p.w(f", vlan_tag 802.1Q (vlan {tci & 0xFFF}, p "
            f"{tci >> 13}{', DEI' if tci & 0x1000 else ''})")
    else:
        p.w(f", vlan_tag unknown (0x{tag >> 16:04x})")
    stage = p.u8(cp + 12)
    p.w(f", copy_stage {_tok({0: 'INGRESS', 1: 'EGRESS'}, 'unknown (%u)', stage)}")
    _need(p, cp + 13, 3)


def _text(p: Pkt, cp: int, n: int) -> None:
    """The characters between quotes (a capture cut short ends it there)."""
    p.w(", data ")
    printjn_quoted(p, cp, n)


def _bsn_message(p: Pkt, cp: int, n: int) -> None:
    """A Big Switch Networks vendor message."""
    if n < 4:
        _invalid_rest(p, cp, n)
        return
    subtype = p.u32(cp)
    p.w(f"\n\t subtype {_tok(_BSN_SUBTYPES, 'unknown (0x%08x)', subtype)}")
    body = cp + 4
    fixed = {1: 12, 0: 12, 2: 12, 3: 8, 4: 8, 5: 8, 9: 4, 13: 4, 19: 4, 21: 4, 27: 4, 17: 8, 8: 8}
    if subtype in fixed and n != fixed[subtype]:
        _invalid_rest(p, cp, n)
        return
    if subtype == 6 and n < 8:
        _invalid_rest(p, cp, n)
        return
    if subtype == 1:
        p.w(f", index {p.u8(body)}")
        _need(p, body + 1, 7)
    elif subtype in (0, 2):
        p.w(f", index {p.u8(body)}")
        _need(p, body + 1, 3)
        p.w(f", mask {ip4(p.b(body + 4, 4))}")
    elif subtype in (3, 4, 5):
        v = p.u8(body)
        p.w(f", report_mirror_ports {_tok({0: 'OFF', 1: 'ON'}, 'bogus (%u)', v)}")
        _need(p, body + 1, 3)
    elif subtype == 17:
        p.w(f", vport_no {p.u32(body)}")
    elif subtype == 6:
        p.w(f", service {p.u32(body)}")
        _text(p, body + 4, n - 8)
    elif subtype == 7:
        _text(p, body, n - 4)
    elif subtype == 8:
        p.w(f", status 0x{p.u32(body):08x}")
    elif subtype not in fixed:
        _need(p, body, n - 4)


# ------------------------------------------------------------ 1.0 messages

def _of10_echo(p: Pkt, cp: int, n: int) -> None:
    _data(p, cp, n)


def _of10_error(p: Pkt, cp: int, n: int) -> None:
    """[OF10] 5.4.4."""
    _error_msg(p, cp, n, _ERROR_TYPES, _ERROR_CODES)


def _error_msg(p: Pkt, cp: int, n: int, types: dict[int, str],
               codes: dict[int, dict[int, str]]) -> None:
    """An error message's type, code (names from TYPES and CODES) and data;
    OpenFlow 1.0 and 1.3 alike."""
    kind = p.u16(cp)
    p.w(f"\n\t type {_tok(types, 'invalid (0x%04x)', kind)}")
    code = p.u16(cp + 2)
    p.w(f", code {_tok(codes.get(kind, {}), 'invalid (0x%04x)', code)}")
    _data(p, cp + 4, n - 4)


def _of10_vendor(p: Pkt, cp: int, n: int) -> None:
    """[OF10] 5.5.4."""
    if _vendor_id(p, cp) == OUI_BSN:
        _bsn_message(p, cp + 4, n - 4)
    else:
        _data(p, cp + 4, n - 4)


def _of10_features_reply(p: Pkt, cp: int, n: int) -> None:
    """[OF10] 5.3.1."""
    p.w(f"\n\t dpid 0x{_u64(p, cp):016x}")
    p.w(f", n_buffers {p.u32(cp + 8)}")
    p.w(f", n_tables {p.u8(cp + 12)}")
    _need(p, cp + 13, 3)
    _bitmaps(p, cp + 16, "\n\t ", (("capabilities", _CAPABILITIES, _CAPABILITIES_U),
                                     ("actions", _ACTION_BITS, _ACTION_BITS_U)))
    _phy_ports(p, cp + 24, n - 24)


def _of10_switch_config(p: Pkt, cp: int, n: int) -> None:
    """[OF10] 5.3.2."""
    p.w(f"\n\t flags {_tok(_CONFIG_FLAGS, 'invalid (0x%04x)', p.u16(cp))}")
    p.w(f", miss_send_len {p.u16(cp + 2)}")


def _packet_data(p: Pkt, cp: int, n: int) -> None:
    """The frame in PACKET_IN/OUT: its size; with -vvv the Ethernet frame,
    printed with three -v fewer. A frame cut short ends the packet before
    tcpdump gives the three back: its verbosity stays lower for the rest of
    the capture, and so does craft's."""

    if n == 0:
        return
    p.w(f"\n\t data ({n} octets)")
    if p.o.v < 3:
        _need(p, cp, n)
        return
    p.w(", frame decoding below\n")
    p.o.v -= 3
    try:
        ether_print(p, cp, n, min(n, p.avail(cp)))
    except Trunc as e:
        if not e.local:
            raise
        p.trunc()
    p.o.v += 3


def _of10_packet_in(p: Pkt, cp: int, n: int) -> None:
    """[OF10] 5.4.1."""
    p.w(f"\n\t buffer_id {_tok(_BUFFER_IDS, '0x%08x', p.u32(cp))}")
    p.w(f", total_len {p.u16(cp + 4)}")
    p.w(f", in_port {_port(p.u16(cp + 6))}")
    p.w(f", reason {_tok(_PACKET_IN_REASONS, 'invalid (0x%02x)', p.u8(cp + 8))}")
    _need(p, cp + 9, 1)
    _packet_data(p, cp + 10, n - 10)


def _of10_flow_removed(p: Pkt, cp: int, n: int) -> None:
    """[OF10] 5.4.2."""
    _match(p, "\n\t ", cp)
    cp += 40
    p.w(f"\n\t cookie 0x{_u64(p, cp):016x}")
    v = p.u16(cp + 8)
    if v:
        p.w(f", priority {v}")
    p.w(f", reason {_tok(_FLOW_REMOVED_REASONS, 'unknown (0x%02x)', p.u8(cp + 10))}")
    _need(p, cp + 11, 1)
    p.w(f", duration_sec {p.u32(cp + 12)}")
    p.w(f", duration_nsec {p.u32(cp + 16)}")
    v = p.u16(cp + 20)
    if v:
        p.w(f", idle_timeout {v}")
    _need(p, cp + 22, 2)
    p.w(f", packet_count {_u64(p, cp + 24)}")
    p.w(f", byte_count {_u64(p, cp + 32)}")


def _of10_port_status(p: Pkt, cp: int, n: int) -> None:
    """[OF10] 5.4.3."""
    p.w(f"\n\t reason {_tok(_PORT_STATUS_REASONS, 'invalid (0x%02x)', p.u8(cp))}")
    _need(p, cp + 1, 7)
    _phy_ports(p, cp + 8, 48)


def _of10_packet_out(p: Pkt, cp: int, n: int) -> None:
    """[OF10] 5.3.6."""
    p.w(f"\n\t buffer_id 0x{p.u32(cp):08x}")
    p.w(f", in_port {_port(p.u16(cp + 4))}")
    actions_len = p.u16(cp + 6)
    if actions_len > n - 8:
        _invalid_rest(p, cp, n)
        return
    _actions(p, "\n\t ", cp + 8, actions_len)
    _packet_data(p, cp + 8 + actions_len, n - 8 - actions_len)


def _of10_flow_mod(p: Pkt, cp: int, n: int) -> None:
    """[OF10] 5.3.3."""
    _match(p, "\n\t ", cp)
    at = cp + 40
    p.w(f"\n\t cookie 0x{_u64(p, at):016x}")
    command = p.u16(at + 8)
    p.w(f", command {_tok(_FLOW_COMMANDS, 'invalid (0x%04x)', command)}")
    for off, word in ((10, "idle_timeout"), (12, "hard_timeout"), (14, "priority")):
        v = p.u16(at + off)
        if v:
            p.w(f", {word} {v}")
    v = p.u32(at + 16)
    if command in (0, 1, 2):
        p.w(f", buffer_id {_tok(_BUFFER_IDS, '0x%08x', v)}")
    v = p.u16(at + 20)
    if command in (3, 4):
        p.w(f", out_port {_port(v)}")
    v = p.u16(at + 22)
    p.w(f", flags 0x{v:04x}")
    _bitmap(p, _FLOW_FLAGS, v, _FLOW_FLAGS_U)
    _actions(p, "\n\t ", at + 24, n - 64)


def _of10_port_mod(p: Pkt, cp: int, n: int) -> None:
    """[OF10] 5.3.3."""
    p.w(f"\n\t port_no {_port(p.u16(cp))}")
    p.w(f", hw_addr {mac(p.b(cp + 2, 6))}")
    _bitmaps(p, cp + 8, "\n\t ", (("config", _PORT_CONFIG, _PORT_CONFIG_U),
                                    ("mask", _PORT_CONFIG, _PORT_CONFIG_U),
                                    ("advertise", _PORT_FEATURES, _PORT_FEATURES_U)))
    _need(p, cp + 20, 4)


def _of10_stats_request(p: Pkt, cp: int, n: int) -> None:
    """[OF10] 5.3.5."""
    kind = p.u16(cp)
    p.w(f"\n\t type {_tok(_STATS_TYPES, 'invalid (0x%04x)', kind)}")
    flags = p.u16(cp + 2)
    p.w(f", flags 0x{flags:04x}")
    if flags:
        p.w(" (bogus)")
    body, rest = cp + 4, n - 4
    if kind in (0, 3):
        if rest:
            _invalid_rest(p, cp, n)
    elif kind in (1, 2):
        if rest != 44:
            _invalid_rest(p, cp, n)
            return
        _match(p, "\n\t ", body)
        p.w(f"\n\t table_id {_tok(_TABLE_IDS, '%u', p.u8(body + 40))}")
        _need(p, body + 41, 1)
        p.w(f", out_port {_port(p.u16(body + 42))}")
    elif kind == 4:
        if rest != 8:
            _invalid_rest(p, cp, n)
            return
        p.w(f"\n\t port_no {_port(p.u16(body))}")
        _need(p, body + 2, 6)
    elif kind == 5:
        if rest != 8:
            _invalid_rest(p, cp, n)
            return
        p.w(f"\n\t port_no {_port(p.u16(body))}")
        _need(p, body + 2, 2)
        p.w(f", queue_id {_tok(_QUEUE_IDS, '%u', p.u32(body + 4))}")
    elif kind == 0xFFFF:
        _vendor_data(p, body, rest)


def _vendor_data(p: Pkt, cp: int, n: int) -> None:
    if n < 4:
        _invalid_rest(p, cp, n)
        return
    _vendor_id(p, cp)
    _data(p, cp + 4, n - 4)


def _desc_stats(p: Pkt, cp: int, n: int) -> None:
    if n != 1056:
        _invalid_rest(p, cp, n)
        return
    for word, size in (("mfr_desc", 256), ("hw_desc", 256), ("sw_desc", 256), ("serial_num", 32),
                       ("dp_desc", 256)):
        p.w(f"\n\t  {word} ")
        _name(p, cp, size)
        cp += size


def _flow_stats(p: Pkt, cp: int, n: int) -> None:
    cp0, n0 = cp, n
    while n:
        if n < 88:
            _invalid_rest(p, cp0, n0)
            return
        entry_len = p.u16(cp)
        p.w(f"\n\t length {entry_len}")
        if entry_len < 88 or entry_len > n:
            _invalid_rest(p, cp0, n0)
            return
        p.w(f", table_id {_tok(_TABLE_IDS, '%u', p.u8(cp + 2))}")
        _need(p, cp + 3, 1)
        _match(p, "\n\t  ", cp + 4)
        at = cp + 44
        p.w(f"\n\t  duration_sec {p.u32(at)}")
        p.w(f", duration_nsec {p.u32(at + 4)}")
        p.w(f", priority {p.u16(at + 8)}")
        p.w(f", idle_timeout {p.u16(at + 10)}")
        p.w(f", hard_timeout {p.u16(at + 12)}")
        _need(p, at + 14, 6)
        p.w(f", cookie 0x{_u64(p, at + 20):016x}")
        p.w(f", packet_count {_u64(p, at + 28)}")
        p.w(f", byte_count {_u64(p, at + 36)}")
        _actions(p, "\n\t  ", cp + 88, entry_len - 88)
        cp += entry_len
        n -= entry_len


def _aggregate_stats(p: Pkt, cp: int, n: int) -> None:
    if n != 24:
        _invalid_rest(p, cp, n)
        return
    p.w(f"\n\t packet_count {_u64(p, cp)}")
    p.w(f", byte_count {_u64(p, cp + 8)}")
    p.w(f", flow_count {p.u32(cp + 16)}")
    _need(p, cp + 20, 4)


def _table_stats(p: Pkt, cp: int, n: int) -> None:
    cp0, n0 = cp, n
    while n:
        if n < 64:
            _invalid_rest(p, cp0, n0)
            return
        p.w(f"\n\t table_id {_tok(_TABLE_IDS, '%u', p.u8(cp))}")
        p.w(", name ")
        _name(p, cp + 4, 32)
        v = p.u32(cp + 36)
        p.w(f"\n\t  wildcards 0x{v:08x}")
        _bitmap(p, _WILDCARD_BITS, v, ~_WILDCARD_ALL & 0xFFFFFFFF)
        p.w(f"\n\t  max_entries {p.u32(cp + 40)}")
        p.w(f", active_count {p.u32(cp + 44)}")
        p.w(f", lookup_count {_u64(p, cp + 48)}")
        p.w(f", matched_count {_u64(p, cp + 56)}")
        cp += 64
        n -= 64


_WILDCARD_BITS = ((1, "IN_PORT"), (2, "DL_VLAN"), (4, "DL_SRC"), (8, "DL_DST"), (16, "DL_TYPE"),
                  (32, "NW_PROTO"), (64, "TP_SRC"), (128, "TP_DST"), (1 << 20, "DL_VLAN_PCP"),
                  (1 << 21, "NW_TOS"))
_PORT_COUNTERS = ("rx_packets", "tx_packets", "rx_bytes", "tx_bytes", "rx_dropped", "tx_dropped",
                  "rx_errors", "tx_errors", "rx_frame_err", "rx_over_err", "rx_crc_err",
                  "collisions")


def _port_stats(p: Pkt, cp: int, n: int) -> None:
    cp0, n0 = cp, n
    while n:
        if n < 104:
            _invalid_rest(p, cp0, n0)
            return
        p.w(f"\n\t  port_no {_port(p.u16(cp))}")
        if p.o.v < 2:
            _need(p, cp + 2, 102)
        else:
            _need(p, cp + 2, 6)
            for i, word in enumerate(_PORT_COUNTERS):
                p.w(f", {word} {_u64(p, cp + 8 + 8 * i)}")
        cp += 104
        n -= 104


def _queue_stats(p: Pkt, cp: int, n: int) -> None:
    cp0, n0 = cp, n
    while n:
        if n < 32:
            _invalid_rest(p, cp0, n0)
            return
        p.w(f"\n\t  port_no {_port(p.u16(cp))}")
        _need(p, cp + 2, 2)
        p.w(f", queue_id {p.u32(cp + 4)}")
        p.w(f", tx_bytes {_u64(p, cp + 8)}")
        p.w(f", tx_packets {_u64(p, cp + 16)}")
        p.w(f", tx_errors {_u64(p, cp + 24)}")
        cp += 32
        n -= 32


_STATS_REPLIES: dict[int, Decoder] = {0: _desc_stats, 1: _flow_stats, 2: _aggregate_stats,
                                      3: _table_stats, 4: _port_stats, 5: _queue_stats,
                                      0xFFFF: _vendor_data}


def _of10_stats_reply(p: Pkt, cp: int, n: int) -> None:
    """[OF10] 5.3.5."""
    kind = p.u16(cp)
    p.w(f"\n\t type {_tok(_STATS_TYPES, 'invalid (0x%04x)', kind)}")
    flags = p.u16(cp + 2)
    p.w(f", flags 0x{flags:04x}")
    _bitmap(p, _REPLY_FLAGS, flags, _REPLY_FLAGS_U)
    decoder = _STATS_REPLIES.get(kind)
    if decoder is not None:
        decoder(p, cp + 4, n - 4)
    else:
        _need(p, cp + 4, n - 4)


def _of10_queue_get_config_request(p: Pkt, cp: int, n: int) -> None:
    """[OF10] 5.3.4."""
    p.w(f"\n\t port {_port(p.u16(cp))}")
    _need(p, cp + 2, 2)


def _of10_queue_get_config_reply(p: Pkt, cp: int, n: int) -> None:
    """[OF10] 5.3.4."""
    p.w(f"\n\t port {_port(p.u16(cp))}")
    _need(p, cp + 2, 6)
    _queues(p, cp + 8, n - 8)


# (requirement, body length, decoder) of each OpenFlow 1.0 type.
_OF10: tuple[tuple[int, int, Decoder | None], ...] = (
    (MIN, 0, _of10_echo), (MIN, 4, _of10_error), (MIN, 0, _of10_echo), (MIN, 0, _of10_echo),
    (MIN, 4, _of10_vendor), (FIX, 0, None), (MIN, 24, _of10_features_reply), (FIX, 0, None),
    (FIX, 4, _of10_switch_config), (FIX, 4, _of10_switch_config), (MIN, 10, _of10_packet_in),
    (FIX, 80, _of10_flow_removed), (FIX, 56, _of10_port_status), (MIN, 8, _of10_packet_out),
    (MIN, 64, _of10_flow_mod), (FIX, 24, _of10_port_mod), (MIN, 4, _of10_stats_request),
    (MIN, 4, _of10_stats_reply), (FIX, 0, None), (FIX, 0, None),
    (FIX, 4, _of10_queue_get_config_request), (MIN, 8, _of10_queue_get_config_reply))
