"""Which layer follows which: the one explicit binding table (STYLE.md rule 4).

Each row says: in ``outer``, the field ``selector`` holding ``number`` means
the next layer is ``inner``. The struct encoder reads it to compute a selector
left ``auto``; the decoder reads it to pick the next layer.
"""

from __future__ import annotations

ETHERTYPE_IPV4 = 0x0800  # RFC 894
ETHERTYPE_ARP = 0x0806  # RFC 826
ETHERTYPE_VLAN = 0x8100  # IEEE 802.1Q
ETHERTYPE_QINQ = 0x88A8  # IEEE 802.1ad service tag
ETHERTYPE_IPV6 = 0x86DD  # RFC 2464

BINDINGS: tuple[tuple[str, str, int, str], ...] = (
    ("ether", "type", ETHERTYPE_IPV4, "ipv4"),
    ("ether", "type", ETHERTYPE_IPV6, "ipv6"),
    ("ether", "type", ETHERTYPE_ARP, "arp"),
    ("ether", "type", ETHERTYPE_VLAN, "vlan"),
    ("ether", "type", ETHERTYPE_QINQ, "vlan"),
    ("vlan", "type", ETHERTYPE_IPV4, "ipv4"),
    ("vlan", "type", ETHERTYPE_IPV6, "ipv6"),
    ("vlan", "type", ETHERTYPE_ARP, "arp"),
    ("vlan", "type", ETHERTYPE_VLAN, "vlan"),
    ("ipv4", "proto", 1, "icmp"),  # IANA protocol numbers
    ("ipv4", "proto", 4, "ipv4"),
    ("ipv4", "proto", 6, "tcp"),
    ("ipv4", "proto", 17, "udp"),
    ("ipv4", "proto", 41, "ipv6"),
    ("ipv4", "proto", 58, "icmpv6"),
    ("ipv6", "nh", 1, "icmp"),
    ("ipv6", "nh", 4, "ipv4"),
    ("ipv6", "nh", 6, "tcp"),
    ("ipv6", "nh", 17, "udp"),
    ("ipv6", "nh", 41, "ipv6"),
    ("ipv6", "nh", 58, "icmpv6"),
)

# (outer, inner) -> number, first row wins (0x8100 over 0x88a8 for a vlan tag)
NUMBER: dict[tuple[str, str], int] = {}
for _outer, _sel, _num, _inner in BINDINGS:
    NUMBER.setdefault((_outer, _inner), _num)
# (outer, number) -> inner
INNER: dict[tuple[str, int], str] = {(o, n): i for o, _s, n, i in BINDINGS}
SELECTOR: dict[str, str] = {o: s for o, s, _n, _i in BINDINGS}

# The selector value when the next layer is unbound (payload, raw or none):
# what the field's table default says, per layer.
def number_for(outer: str, inner: str | None, fallback: int) -> int:
    """The selector value ``outer`` carries in front of ``inner``."""
    if inner is None:
        return fallback
    return NUMBER.get((outer, inner), fallback)
