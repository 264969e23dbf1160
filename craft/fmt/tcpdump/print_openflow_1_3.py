"""OpenFlow 1.3 message bodies as tcpdump 4.99 prints them with -v (hello
elements, errors, experimenter, features, configuration, port status/mod,
table mod, queue configuration request, role and asynchronous
configuration), for craft.fmt.tcpdump_openflow, which prints the headers."""

from __future__ import annotations

from craft.fmt.tcpdump.addrtoname import mac
from craft.fmt.tcpdump.netdissect import Pkt
from craft.fmt.tcpdump.print_openflow_1_0 import (
    _CONFIG_FLAGS,
    _PORT_STATUS_REASONS,
    FIX,
    MIN,
    Decoder,
    _bitmap,
    _Bitmaps,
    _bitmaps,
    _data,
    _error_msg,
    _invalid_rest,
    _name,
    _need,
    _of10_echo,
    _tok,
    _u64,
    _vendor_name,
)

OF13_TYPES = ("HELLO", "ERROR", "ECHO_REQUEST", "ECHO_REPLY", "EXPERIMENTER", "FEATURES_REQUEST",
               "FEATURES_REPLY", "GET_CONFIG_REQUEST", "GET_CONFIG_REPLY", "SET_CONFIG",
               "PACKET_IN", "FLOW_REMOVED", "PORT_STATUS", "PACKET_OUT", "FLOW_MOD", "GROUP_MOD",
               "PORT_MOD", "TABLE_MOD", "MULTIPART_REQUEST", "MULTIPART_REPLY", "BARRIER_REQUEST",
               "BARRIER_REPLY", "QUEUE_GET_CONFIG_REQUEST", "QUEUE_GET_CONFIG_REPLY",
               "ROLE_REQUEST", "ROLE_REPLY", "GET_ASYNC_REQUEST", "GET_ASYNC_REPLY", "SET_ASYNC",
               "METER_MOD")
# (requirement, body length) of each OpenFlow 1.3 type, as tcpdump checks them.
OF13_LENGTHS = ((MIN, 0), (MIN, 4), (MIN, 0), (MIN, 0), (MIN, 8), (FIX, 0), (FIX, 24), (FIX, 0),
                 (FIX, 4), (FIX, 4), (MIN, 0), (MIN, 0), (FIX, 72), (MIN, 0), (MIN, 0), (MIN, 0),
                 (FIX, 32), (FIX, 8), (MIN, 0), (MIN, 0), (FIX, 0), (FIX, 0), (FIX, 8), (MIN, 0),
                 (FIX, 16), (FIX, 16), (FIX, 0), (FIX, 24), (FIX, 24), (MIN, 0))

_OF13_PORTS = {0xFFFFFF00: "MAX", 0xFFFFFFF8: "IN_PORT", 0xFFFFFFF9: "TABLE", 0xFFFFFFFA: "NORMAL",
               0xFFFFFFFB: "FLOOD", 0xFFFFFFFC: "ALL", 0xFFFFFFFD: "CONTROLLER",
               0xFFFFFFFE: "LOCAL", 0xFFFFFFFF: "ANY"}
_OF13_CAPABILITIES = ((1, "FLOW_STATS"), (2, "TABLE_STATS"), (4, "PORT_STATS"), (8, "GROUP_STATS"),
                      (32, "IP_REASM"), (64, "QUEUE_STATS"), (256, "PORT_BLOCKED"))
_OF13_CAPABILITIES_U = ~0x16F & 0xFFFFFFFF
_OF13_PORT_CONFIG = ((1, "PORT_DOWN"), (4, "NO_RECV"), (32, "NO_FWD"), (64, "NO_PACKET_IN"))
_OF13_PORT_CONFIG_U = ~0x65 & 0xFFFFFFFF
_OF13_PORT_STATE = ((1, "LINK_DOWN"), (2, "BLOCKED"), (4, "LIVE"))
_OF13_PORT_STATE_U = ~7 & 0xFFFFFFFF
_OF13_PORT_FEATURES = tuple((1 << i, w) for i, w in enumerate((
    "10MB_HD", "10MB_FD", "100MB_HD", "100MB_FD", "1GB_HD", "1GB_FD", "10GB_FD", "40GB_FD",
    "100GB_FD", "1TB_FD", "OTHER", "COPPER", "FIBER", "AUTONEG", "PAUSE", "PAUSE_ASYM")))
_OF13_PORT_FEATURES_U = ~0xFFFF & 0xFFFFFFFF
_MISS_SEND_LENS = {0xFFE5: "MAX", 0xFFFF: "NO_BUFFER"}
_OF13_TABLE_IDS = {0xFE: "MAX", 0xFF: "ALL"}
_ROLES = {0: "NOCHANGE", 1: "EQUAL", 2: "MASTER", 3: "SLAVE"}
_VERSION_BITS = tuple((1 << i, v) for i, v in enumerate(("1.0", "1.1", "1.2", "1.3", "1.4", "1.5")))
_ASYNC_PACKET_IN = ((1, "NO_MATCH"), (2, "ACTION"), (4, "INVALID_TTL"))
_ASYNC_PORT_STATUS = ((1, "ADD"), (2, "DELETE"), (4, "MODIFY"))
_OF13_ERROR_TYPES = dict(enumerate((
    "HELLO_FAILED", "BAD_REQUEST", "BAD_ACTION", "BAD_INSTRUCTION", "BAD_MATCH", "FLOW_MOD_FAILED",
    "GROUP_MOD_FAILED", "PORT_MOD_FAILED", "TABLE_MOD_FAILED", "QUEUE_OP_FAILED",
    "SWITCH_CONFIG_FAILED", "ROLE_REQUEST_FAILED", "METER_MOD_FAILED", "TABLE_FEATURES_FAILED")))
_OF13_ERROR_TYPES[0xFFFF] = "EXPERIMENTER"
_OF13_ERROR_CODES: dict[int, dict[int, str]] = {k: dict(enumerate(v)) for k, v in {
    0: ("INCOMPATIBLE", "EPERM"),
    1: ("BAD_VERSION", "BAD_TYPE", "BAD_MULTIPART", "BAD_EXPERIMENTER", "BAD_EXP_TYPE", "EPERM",
        "BAD_LEN", "BUFFER_EMPTY", "BUFFER_UNKNOWN", "BAD_TABLE_ID", "IS_SLAVE", "BAD_PORT",
        "BAD_PACKET", "MULTIPART_BUFFER_OVERFLOW"),
    2: ("BAD_TYPE", "BAD_LEN", "BAD_EXPERIMENTER", "BAD_EXP_TYPE", "BAD_OUT_PORT", "BAD_ARGUMENT",
        "EPERM", "TOO_MANY", "BAD_QUEUE", "BAD_OUT_GROUP", "MATCH_INCONSISTENT",
        "UNSUPPORTED_ORDER", "BAD_TAG", "BAD_SET_TYPE", "BAD_SET_LEN", "BAD_SET_ARGUMENT"),
    3: ("UNKNOWN_INST", "UNSUP_INST", "BAD_TABLE_ID", "UNSUP_METADATA", "UNSUP_METADATA_MASK",
        "BAD_EXPERIMENTER", "BAD_EXP_TYPE", "BAD_LEN", "EPERM"),
    4: ("BAD_TYPE", "BAD_LEN", "BAD_TAG", "BAD_DL_ADDR_MASK", "BAD_NW_ADDR_MASK", "BAD_WILDCARDS",
        "BAD_FIELD", "BAD_VALUE", "BAD_MASK", "BAD_PREREQ", "DUP_FIELD", "EPERM"),
    5: ("UNKNOWN", "TABLE_FULL", "BAD_TABLE_ID", "OVERLAP", "EPERM", "BAD_TIMEOUT", "BAD_COMMAND",
        "BAD_FLAGS"),
    6: ("GROUP_EXISTS", "INVALID_GROUP", "WEIGHT_UNSUPPORTED", "OUT_OF_GROUPS", "OUT_OF_BUCKETS",
        "CHAINING_UNSUPPORTED", "WATCH_UNSUPPORTED", "LOOP", "UNKNOWN_GROUP", "CHAINED_GROUP",
        "BAD_TYPE", "BAD_COMMAND", "BAD_BUCKET", "BAD_MATCH", "EPERM"),
    7: ("BAD_PORT", "BAD_HW_ADDR", "BAD_CONFIG", "BAD_ADVERTISE", "EPERM"),
    8: ("BAD_TABLE", "BAD_CONFIG", "EPERM"),
    9: ("BAD_PORT", "BAD_QUEUE", "EPERM"),
    10: ("BAD_FLAGS", "BAD_LEN", "EPERM"),
    11: ("STALE", "UNSUP", "BAD_ROLE"),
    12: ("UNKNOWN", "METER_EXISTS", "INVALID_METER", "UNKNOWN_METER", "BAD_COMMAND", "BAD_FLAGS",
         "BAD_RATE", "BAD_BURST", "BAD_BAND", "BAD_BAND_VALUE", "OUT_OF_METERS", "OUT_OF_BANDS"),
    13: ("BAD_TABLE", "BAD_METADATA", "BAD_TYPE", "BAD_LEN", "BAD_ARGUMENT", "EPERM"),
}.items()}


_OF13_PORT_BITMAPS: _Bitmaps = (
    ("config", _OF13_PORT_CONFIG, _OF13_PORT_CONFIG_U),
    ("state", _OF13_PORT_STATE, _OF13_PORT_STATE_U),
    *((word, _OF13_PORT_FEATURES, _OF13_PORT_FEATURES_U)
      for word in ("curr", "advertised", "supported", "peer")))


def _of13_port(p: Pkt, cp: int) -> None:
    """ofp_port, 64 octets ([OF13] 7.2.1)."""
    p.w(f"\n\t  port_no {_tok(_OF13_PORTS, '%u', p.u32(cp))}")
    p.w(f", hw_addr {mac(p.b(cp + 8, 6))}")
    p.w(", name ")
    _name(p, cp + 16, 16)
    if p.o.v < 2:
        _need(p, cp + 32, 32)
        return
    _bitmaps(p, cp + 32, "\n\t   ", _OF13_PORT_BITMAPS)
    p.w(f"\n\t   curr_speed {p.u32(cp + 56)}kbps")
    p.w(f"\n\t   max_speed {p.u32(cp + 60)}kbps")


def _of13_hello(p: Pkt, cp: int, n: int) -> None:
    """Hello elements ([OF13] 7.5.1)."""
    while n:
        if n < 4:
            _invalid_rest(p, cp, n)
            return
        kind = p.u16(cp)
        cp, n = cp + 2, n - 2
        p.w(f"\n\t type {_tok({1: 'VERSIONBITMAP'}, 'unknown (0x%04x)', kind)}")
        bmlen = p.u16(cp)
        cp, n = cp + 2, n - 2
        p.w(f", length {bmlen}")
        if bmlen < 4 or bmlen > 4 + n:
            _invalid_rest(p, cp, n)
            return
        if kind == 1 and bmlen == 8:
            v = p.u32(cp)
            p.w(f", bitmap 0x{v:08x}")
            _bitmap(p, _VERSION_BITS, v, ~0x3F & 0xFFFFFFFF)
        else:
            if kind == 1:
                p.w(" (bogus)")
            _need(p, cp, bmlen - 4)
        cp, n = cp + bmlen - 4, n - (bmlen - 4)


def _of13_error(p: Pkt, cp: int, n: int) -> None:
    """[OF13] A.4.4."""
    _error_msg(p, cp, n, _OF13_ERROR_TYPES, _OF13_ERROR_CODES)


def _of13_experimenter(p: Pkt, cp: int, n: int) -> None:
    """[OF13] 7.5.4."""
    experimenter = p.u32(cp)
    p.w(f"\n\t experimenter 0x{experimenter:08x} ({_vendor_name(experimenter)})")
    p.w(f", exp_type 0x{p.u32(cp + 4):08x}")
    _data(p, cp + 8, n - 8)


def _of13_features_reply(p: Pkt, cp: int, n: int) -> None:
    """[OF13] 7.3.1."""
    p.w(f"\n\t dpid 0x{_u64(p, cp):016x}")
    p.w(f", n_buffers {p.u32(cp + 8)}")
    p.w(f", n_tables {p.u8(cp + 12)}")
    p.w(f", auxiliary_id {p.u8(cp + 13)}")
    _bitmaps(p, cp + 16, "\n\t ", (("capabilities", _OF13_CAPABILITIES, _OF13_CAPABILITIES_U),))
    _need(p, cp + 20, 4)


def _of13_switch_config(p: Pkt, cp: int, n: int) -> None:
    """[OF13] 7.3.2."""
    p.w(f"\n\t flags {_tok(_CONFIG_FLAGS, 'invalid (0x%04x)', p.u16(cp))}")
    p.w(f", miss_send_len {_tok(_MISS_SEND_LENS, '%u', p.u16(cp + 2))}")


def _of13_port_status(p: Pkt, cp: int, n: int) -> None:
    """[OF13] 7.4.3 (an unknown reason printed as tcpdump 4.99 does)."""
    p.w(f"\n\t reason {_tok(_PORT_STATUS_REASONS, 'invalid (0x02x)', p.u8(cp))}")
    _of13_port(p, cp + 8)


def _of13_port_mod(p: Pkt, cp: int, n: int) -> None:
    """[OF13] 7.3.4.3."""
    p.w(f"\n\t port_no {_tok(_OF13_PORTS, '%u', p.u32(cp))}")
    p.w(f", hw_addr {mac(p.b(cp + 8, 6))}")
    _bitmaps(p, cp + 16, "\n\t  ", (("config", _OF13_PORT_CONFIG, _OF13_PORT_CONFIG_U),
                                     ("mask", _OF13_PORT_CONFIG, _OF13_PORT_CONFIG_U),
                                     ("advertise", _OF13_PORT_FEATURES, _OF13_PORT_FEATURES_U)))
    _need(p, cp + 28, 4)


def _of13_table_mod(p: Pkt, cp: int, n: int) -> None:
    """[OF13] 7.3.3."""
    p.w(f"\n\t table_id {_tok(_OF13_TABLE_IDS, '%u', p.u8(cp))}")
    p.w(f", config 0x{p.u32(cp + 4):08x}")


def _of13_queue_get_config_request(p: Pkt, cp: int, n: int) -> None:
    """[OF13] A.3.6."""
    p.w(f"\n\t port {_tok(_OF13_PORTS, '%u', p.u32(cp))}")
    _need(p, cp + 4, 4)


def _of13_role(p: Pkt, cp: int, n: int) -> None:
    """[OF13] 7.3.9."""
    p.w(f"\n\t role {_tok(_ROLES, 'invalid (0x%08x)', p.u32(cp))}")
    p.w(f", generation_id 0x{_u64(p, cp + 8):016x}")


def _of13_async(p: Pkt, cp: int, n: int) -> None:
    """[OF13] 7.3.10."""
    for i, word, table in ((0, "packet_in_mask[EM]", _ASYNC_PACKET_IN),
                           (1, "packet_in_mask[S]", _ASYNC_PACKET_IN),
                           (2, "port_status_mask[EM]", _ASYNC_PORT_STATUS),
                           (3, "port_status_mask[S]", _ASYNC_PORT_STATUS),
                           (4, "flow_removed_mask[EM]", _ASYNC_PORT_STATUS),
                           (5, "flow_removed_mask[S]", _ASYNC_PORT_STATUS)):
        v = p.u32(cp + 4 * i)
        p.w(f"\n\t {word} 0x{v:08x}")
        _bitmap(p, table, v, ~7 & 0xFFFFFFFF)


OF13_DECODERS: dict[int, Decoder] = {
    0: _of13_hello, 1: _of13_error, 2: _of10_echo, 3: _of10_echo, 4: _of13_experimenter,
    6: _of13_features_reply, 8: _of13_switch_config, 9: _of13_switch_config,
    12: _of13_port_status, 16: _of13_port_mod, 17: _of13_table_mod,
    22: _of13_queue_get_config_request, 24: _of13_role, 25: _of13_role, 27: _of13_async,
    28: _of13_async}
