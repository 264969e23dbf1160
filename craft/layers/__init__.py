"""One module per protocol: a field table, encode, decode, layout and a summary.

``LAYERS`` is written out by hand (STYLE.md rule 4): adding a protocol means
adding its module here, its scapy mapping and its vectors.

Module API (see udp.py): ``NAME``, ``HEADER`` (field table in wire order),
``encode(values, payload, ctx) -> (header_bytes, filled_values)``,
``decode(data, offset) -> (values, header_length)`` (raises
craft.errors.Truncated, or base.Malformed), ``layout(values) -> [(field,
byte_offset, bit_offset, bit_width)]`` and ``summary(values) -> str``.
"""

from __future__ import annotations

from types import ModuleType

from craft.layers import arp, ether, icmp, icmpv6, ipv4, ipv6, payload, raw, tcp, udp, vlan

LAYERS: dict[str, ModuleType] = {m.NAME: m for m in (
    ether, vlan, arp, ipv4, ipv6, icmp, icmpv6, udp, tcp, payload, raw,
)}
