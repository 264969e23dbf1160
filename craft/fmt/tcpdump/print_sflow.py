"""sFlow v5 (UDP port 6343) as tcpdump 4.99.3 prints it: the datagram
header (version, agent address IPv4 or IPv6, agent id, length); with -v
also the sequence number, uptime and sample count, then each sample (flow,
expanded flow, counter, expanded counter) and its records: raw packet
header, ethernet frame and extended switch flow records; generic,
ethernet, token ring, 100BaseVG, VLAN and processor counter records.
Records and samples tcpdump knows no decoder for are named; with exactly
-v the unknown ones are dumped in hex. Bad versions and lengths print as
tcpdump does (" (invalid)"). Private to craft.fmt.tcpdump."""

from __future__ import annotations

from collections.abc import Callable

from craft.fmt.tcpdump.addrtoname import ip4, ip6
from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.util_print import print_unknown_data

HEADER4, HEADER6 = 28, 40  # datagram header with an IPv4 / IPv6 agent
FLOW_SAMPLE, COUNTER_SAMPLE, EXPANDED_FLOW_SAMPLE, EXPANDED_COUNTER_SAMPLE = 1, 2, 3, 4
_SAMPLES = {FLOW_SAMPLE: "flow sample", COUNTER_SAMPLE: "counter sample",
            EXPANDED_FLOW_SAMPLE: "expanded flow sample",
            EXPANDED_COUNTER_SAMPLE: "expanded counter sample"}
_FLOW_TYPES = {1: "Raw packet", 2: "Ethernet frame", 3: "IPv4 Data", 4: "IPv6 Data",
               1001: "Extended Switch data", 1002: "Extended Router data",
               1003: "Extended Gateway data",
               1004: "Extended User data", 1005: "Extended URL data", 1006: "Extended MPLS data",
               1007: "Extended NAT data", 1008: "Extended MPLS tunnel", 1009: "Extended MPLS VC",
               1010: "Extended MPLS FEC", 1011: "Extended MPLS LVP FEC",
               1012: "Extended VLAN Tunnel"}
_UNDECODED_FLOWS = frozenset((3, 4, *range(1002, 1013)))
_COUNTER_TYPES = {1: "Generic counter", 2: "Ethernet counter", 3: "Token ring counter",
                  4: "100 BaseVG counter", 5: "Vlan counter", 1001: "Processor counter"}
_RAW_PROTOCOLS = {1: "Ethernet", 11: "IPv4", 12: "IPv6"}
_DIRECTIONS = ("unknown", "full-duplex", "half-duplex", "in", "out")
_RECORD_INDENT, _SAMPLE_INDENT = "\n\t\t", "\n\t    "
_L = "\n\t      "  # a record's detail lines
# Each line is built whole before it is written: tcpdump reads every field of
# an ND_PRINT before printing it, so a cut short line is not printed at all.


class _Invalid(Exception):
    """A length that does not fit (tcpdump's ``return 1`` / ``goto invalid``);
    its args, once the sample loop adds them, are the offset and length
    tcpdump then checks were captured."""


def _u64(p: Pkt, at: int) -> int:
    return int.from_bytes(p.b(at, 8), "big")


def _unknown(p: Pkt, at: int, indent: str, length: int) -> None:
    """Undecoded bytes in hex, which tcpdump prints with exactly -v."""

    if p.o.v <= 1:
        print_unknown_data(p, at, indent, length)


# ----------------------------------------------------------- counter records

def _generic_counters(p: Pkt, at: int) -> None:
    u = p.u32
    d = u(at + 16)
    line = (f"{_L}ifindex {u(at)}, iftype {u(at + 4)}, ifspeed {_u64(p, at + 8)}, ifdirection {d} "
             f"({_DIRECTIONS[d] if d < len(_DIRECTIONS) else 'Unknown'})")
    p.w(line)
    status = u(at + 20)
    p.w(f"{_L}ifstatus {status}, adminstatus: {'up' if status & 1 else 'down'}, "
        f"operstatus: {'up' if status >> 1 & 1 else 'down'}")
    line = (f"{_L}In octets {_u64(p, at + 24)}, unicast pkts {u(at + 32)}, multicast pkts "
            f"{u(at + 36)}, "
            f"broadcast pkts {u(at + 40)}, discards {u(at + 44)}")
    p.w(line)
    p.w(f"{_L}In errors {u(at + 48)}, unknown protos {u(at + 52)}")
    line = (f"{_L}Out octets {_u64(p, at + 56)}, unicast pkts {u(at + 64)}, multicast pkts "
            f"{u(at + 68)}, "
            f"broadcast pkts {u(at + 72)}, discards {u(at + 76)}")
    p.w(line)
    p.w(f"{_L}Out errors {u(at + 80)}, promisc mode {u(at + 84)}")


def _ethernet_counters(p: Pkt, at: int) -> None:
    v = [p.u32(at + 4 * i) for i in range(5)]
    p.w(f"{_L}align errors {v[0]}, fcs errors {v[1]}, single collision {v[2]}, "
        f"multiple collision {v[3]}, test error {v[4]}")
    v = [p.u32(at + 20 + 4 * i) for i in range(4)]
    p.w(f"{_L}deferred {v[0]}, late collision {v[1]}, excessive collision {v[2]}, mac trans error "
        f"{v[3]}")
    v = [p.u32(at + 36 + 4 * i) for i in range(4)]
    p.w(f"{_L}carrier error {v[0]}, frames too long {v[1]}, mac receive errors {v[2]}, symbol "
        f"errors {v[3]}")


def _basevg_counters(p: Pkt, at: int) -> None:
    u = p.u32
    line = f"{_L}in high prio frames {u(at)}, in high prio octets {_u64(p, at + 4)}"
    p.w(line)
    line = f"{_L}in norm prio frames {u(at + 12)}, in norm prio octets {_u64(p, at + 16)}"
    p.w(line)
    line = (f"{_L}in ipm errors {u(at + 24)}, oversized {u(at + 28)}, in data errors {u(at + 32)}, "
            f"null addressed frames {u(at + 36)}")
    p.w(line)
    line = (f"{_L}out high prio frames {u(at + 40)}, out high prio octets {_u64(p, at + 44)}, "
            f"trans into frames {u(at + 52)}")
    p.w(line)
    line = (f"{_L}in hc high prio octets {_u64(p, at + 56)}, in hc norm prio octets "
            f"{_u64(p, at + 64)}, "
            f"out hc high prio octets {_u64(p, at + 72)}")
    p.w(line)


def _vlan_counters(p: Pkt, at: int) -> None:
    u = p.u32
    line = (f"{_L}vlan_id {u(at)}, octets {_u64(p, at + 4)}, unicast_pkt {u(at + 12)}, "
            f"multicast_pkt {u(at + 16)}, broadcast_pkt {u(at + 20)}, discards {u(at + 24)}")
    p.w(line)


def _processor_counters(p: Pkt, at: int) -> None:
    u = p.u32
    line = (f"{_L}5sec {u(at)}, 1min {u(at + 4)}, 5min {u(at + 8)}, total_mem {_u64(p, at + 12)}, "
            f"total_mem {_u64(p, at + 20)}")
    p.w(line)


# (printer, the size tcpdump wants left in the datagram for it)
_COUNTER_PRINTERS = {1: (_generic_counters, 88), 2: (_ethernet_counters, 52), 3: (None, 0),
                     4: (_basevg_counters, 80), 5: (_vlan_counters, 28), 1001: (_processor_counters,
                                                                                28)}


# -------------------------------------------------------------- flow records

def _raw_packet(p: Pkt, at: int) -> None:
    proto = p.u32(at)
    line = (f"{_L}protocol {_RAW_PROTOCOLS.get(proto, 'Unknown')} ({proto}), length "
            f"{p.u32(at + 4)}, "
            f"stripped bytes {p.u32(at + 8)}, header_size {p.u32(at + 12)}")
    p.w(line)


def _ethernet_frame(p: Pkt, at: int) -> None:
    line = f"{_L}frame len {p.u32(at)}, type {p.u32(at + 20)}"
    p.w(line)


def _extended_switch(p: Pkt, at: int) -> None:
    line = (f"{_L}src vlan {p.u32(at)}, src pri {p.u32(at + 4)}, dst vlan {p.u32(at + 8)}, "
            f"dst pri {p.u32(at + 12)}")
    p.w(line)


_FLOW_PRINTERS = {1: (_raw_packet, 16), 2: (_ethernet_frame, 24), 1001: (_extended_switch, 16)}


# a kind of record: (the shift of its enterprise, names, what follows the enterprise,
# printers and the size tcpdump wants left for each, the types left undecoded)
_Printers = dict[int, tuple[Callable[[Pkt, int], None] | None, int]]
_Records = tuple[int, dict[int, str], str, _Printers, frozenset[int]]
_COUNTERS: _Records = (20, _COUNTER_TYPES, ",", _COUNTER_PRINTERS, frozenset())
_FLOWS: _Records = (12, _FLOW_TYPES, "", _FLOW_PRINTERS, frozenset(_UNDECODED_FLOWS))


def _records(p: Pkt, at: int, left: int, n: int, records: _Records) -> None:
    """N counter or flow records; ``left`` is what remains of the datagram
    (tcpdump bounds them by that, not by the sample's length)."""
    shift, names, sep, printers, undecoded = records
    while n:
        if left < 8:
            raise _Invalid
        word, length = p.u32(at), p.u32(at + 4)
        kind, enterprise = word & 0x0FFF, word >> shift
        name = names.get(kind, "Unknown") if enterprise == 0 else "Unknown"
        p.w(f"\n\t    enterprise {enterprise}{sep} {name} ({kind}) length {length}")
        at, left = at + 8, left - 8
        if left < length:
            raise _Invalid
        if enterprise == 0:
            if kind in printers:
                printer, size = printers[kind]
                if left < size:
                    raise _Invalid
                if printer is not None:
                    printer(p, at)
            elif kind not in undecoded:
                _unknown(p, at, _RECORD_INDENT, length)
        at, left, n = at + length, left - length, n - 1


# ------------------------------------------------------------------- samples

# each kind of sample: (its size before the records, which end with their count; the
# line it prints; its records)
_SAMPLE_KINDS: dict[int, tuple[int, Callable[[Pkt, int, int], str], _Records]] = {
    FLOW_SAMPLE: (32, lambda p, at, n: (
        f" seqnum {p.u32(at)}, type {p.u8(at + 4)}, idx {p.u32(at + 4) & 0xFFFFFF}, rate "
        f"{p.u32(at + 8)}, pool {p.u32(at + 12)}, drops {p.u32(at + 16)}, input {p.u32(at + 20)} "
        f"output {p.u32(at + 24)} records {n}"), _FLOWS),
    EXPANDED_FLOW_SAMPLE: (44, lambda p, at, n: (
        f" seqnum {p.u32(at)}, type {p.u32(at + 4)}, idx {p.u32(at + 8)}, rate {p.u32(at + 12)}, "
        f"pool {p.u32(at + 16)}, drops {p.u32(at + 20)}, records {n}"), _FLOWS),
    COUNTER_SAMPLE: (12, lambda p, at, n: (
        f" seqnum {p.u32(at)}, type {p.u8(at + 4)}, idx {p.u32(at + 4) & 0xFFFFFF}, records {n}"),
        _COUNTERS),
    EXPANDED_COUNTER_SAMPLE: (16, lambda p, at, n: (
        f" seqnum {p.u32(at)}, type {p.u32(at + 4)}, idx {p.u32(at + 8)}, records {n}"),
        _COUNTERS),
}


def _sample(p: Pkt, kind: int, at: int, left: int) -> None:
    """A flow or counter sample (expanded or not) and its records."""
    size, line, records = _SAMPLE_KINDS[kind]
    if left < size:
        raise _Invalid
    n = p.u32(at + size - 4)
    p.w(line(p, at, n))
    _records(p, at + size, left - size, n, records)


def _samples(p: Pkt, at: int, left: int, n: int) -> None:
    while n and left:
        kind, length = p.u32(at) & 0x0FFF, p.u32(at + 4)
        if left < 8:
            raise _Invalid(at, left)
        at, left = at + 8, left - 8
        p.w(f"\n\t{_SAMPLES.get(kind, 'Unknown')} ({kind}), length {length},")
        if kind == 0 or length == 0:
            return
        if left < length:
            raise _Invalid(at, left)
        if not p.test(at, length):
            raise Trunc
        if kind not in _SAMPLE_KINDS:
            _unknown(p, at, _SAMPLE_INDENT, length)
        else:
            try:
                _sample(p, kind, at, left)
            except _Invalid:
                raise _Invalid(at, left) from None
        at, left, n = at + length, left - length, n - 1


def sflow_print(p: Pkt, bp: int, length: int) -> None:
    """tcpdump's sflow_print."""
    p.proto = "sflow"
    ipv = p.u32(bp + 4)
    if (length < HEADER4 and ipv == 1) or (length < HEADER6 and ipv == 2):
        p.w(f"sFlowv{p.u32(bp)} [length {length} < {HEADER4}] (invalid)")
        return
    if not p.test(bp, HEADER4):
        raise Trunc
    version = p.u32(bp)
    if version != 5:
        p.w(f"sFlow version {version} packet not supported")
        return
    if ipv == 1:
        agent, rest = f"IPv4 agent {ip4(p.b(bp + 8, 4))}", bp + 12
    else:
        agent, rest = f"IPv6 agent {ip6(p.b(bp + 8, 16))}", bp + 24
    if not p.o.v:
        p.w(f"sFlowv{version}, {agent}, agent-id {p.u32(rest)}, length {length}")
        return
    n = p.u32(rest + 12)
    line = (f"sFlowv{version}, {agent}, agent-id {p.u32(rest)}, seqnum {p.u32(rest + 4)}, "
            f"uptime {p.u32(rest + 8)}, samples {n}, length {length}")
    p.w(line)
    size = HEADER4 if ipv == 1 else HEADER6
    at, left = bp + size, length - size
    try:
        if length < size:
            p.w(f" [tlen {length} < {size}]")
            raise _Invalid(bp, length)
        _samples(p, at, left, n)
    except _Invalid as e:
        p.w(" (invalid)")
        at, left = e.args
        if not p.test(at, left):
            raise Trunc from None
