"""``auto`` addresses: filled before encoding by a resolver.

A profile may say ``auto`` for the addresses that belong to the sending host
or its neighbour (``AUTO_FIELDS``). The profile model asks a ``Resolver`` for
them; ``craft build`` uses ``PlaceholderResolver`` (the lab's addresses, and a
note saying so), ``craft send`` an interface resolver that implements the same
four methods against a real interface and neighbour table.

``ether.dst: auto`` follows what the next network layer says (RFC 1112 §6.4
and RFC 2464 §7 for the multicast mappings):

- ARP request → ff:ff:ff:ff:ff:ff; ARP reply → the neighbour of ``arp.tpa``;
- IPv4 255.255.255.255 → broadcast; IPv4 multicast 224.0.0.0/4 →
  01:00:5e + the low 23 bits of the group; otherwise the neighbour of ``dst``;
- IPv6 multicast ff00::/8 → 33:33 + the low 32 bits; otherwise the neighbour.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from craft.errors import UsageError
from craft.layers.frame import Frame, Layer

BROADCAST = b"\xff" * 6
CLIENT_MAC = bytes.fromhex("020000000001")  # the lab's client end (issue 3)
SERVER_MAC = bytes.fromhex("020000000002")  # the lab's server end
CLIENT_IPV4 = bytes([192, 0, 2, 1])
CLIENT_IPV6 = bytes.fromhex("20010db8000000000000000000000001")

# (layer, field) pairs a profile may give as ``auto``. For icmpv6.options the
# auto is inside: a src-lladdr / tgt-lladdr option whose MAC is ``auto``.
AUTO_FIELDS: frozenset[tuple[str, str]] = frozenset({
    ("ether", "src"), ("ether", "dst"), ("ipv4", "src"), ("ipv6", "src"),
    ("arp", "sha"), ("arp", "spa"), ("icmpv6", "options"),
})
# Fields that are this host's own address: the Resolver method that gives it.
OWN: dict[tuple[str, str], str] = {
    ("ether", "src"): "mac", ("arp", "sha"): "mac",
    ("ipv4", "src"): "ipv4", ("arp", "spa"): "ipv4", ("ipv6", "src"): "ipv6",
}
# What ether.dst: auto reads from the network layer that follows it.
ETHER_DST_INPUTS: dict[str, tuple[str, ...]] = {"arp": ("op", "tpa"), "ipv4": ("dst",),
                                                 "ipv6": ("dst",)}


@runtime_checkable
class Resolver(Protocol):
    """Where ``auto`` addresses come from. ``placeholder`` is True when the
    values are stand-ins (no interface); frames then carry a note."""

    placeholder: bool

    def mac(self) -> bytes:
        """The sending interface's MAC (6 bytes)."""
        ...

    def ipv4(self) -> bytes:
        """The sending interface's IPv4 address (4 bytes)."""
        ...

    def ipv6(self) -> bytes:
        """The sending interface's IPv6 address (16 bytes)."""
        ...

    def neighbour(self, ip: bytes) -> bytes:
        """The MAC of on-link neighbour ``ip`` (4 or 16 bytes); raise
        craft.errors.RuntimeFailure when it cannot be found."""
        ...


class PlaceholderResolver:
    """The lab's addresses (issue 3): this host is the client
    (02:00:00:00:00:01, 192.0.2.1, 2001:db8::1) and every unicast neighbour
    is the server (02:00:00:00:00:02)."""

    placeholder = True

    def mac(self) -> bytes:
        return CLIENT_MAC

    def ipv4(self) -> bytes:
        return CLIENT_IPV4

    def ipv6(self) -> bytes:
        return CLIENT_IPV6

    def neighbour(self, ip: bytes) -> bytes:
        return SERVER_MAC


def multicast_mac(ip: bytes) -> bytes | None:
    """The Ethernet address an IP destination maps to without a neighbour
    lookup (broadcast or multicast), or None for unicast."""
    if len(ip) == 4:
        if ip == b"\xff\xff\xff\xff":
            return BROADCAST
        if ip[0] >> 4 == 0xE:  # 224.0.0.0/4, RFC 1112 §6.4
            return b"\x01\x00\x5e" + bytes([ip[1] & 0x7F]) + ip[2:]
        return None
    if ip[0] == 0xFF:  # ff00::/8, RFC 2464 §7
        return b"\x33\x33" + ip[12:]
    return None


def network_index(names: Sequence[str], i: int) -> int | None:
    """Where the ARP/IPv4/IPv6 layer that follows layer ``i`` past any VLAN
    tags is in a frame whose layer names are ``names``, or None."""
    for j in range(i + 1, len(names)):
        if names[j] in ETHER_DST_INPUTS:
            return j
        if names[j] != "vlan":
            return None
    return None


def network_after(layers: list[Layer], i: int) -> Layer | None:
    """The ARP/IPv4/IPv6 layer that follows layer ``i`` past any VLAN tags."""
    j = network_index([layer.name for layer in layers], i)
    return None if j is None else layers[j]


def ether_dst(net: Layer | None, resolver: Resolver) -> bytes:
    """``ether.dst: auto`` for the network layer ``net`` that follows."""
    if net is None:
        raise UsageError("ether.dst auto needs an arp, ipv4 or ipv6 layer after it; give a MAC")
    v = net.values
    if net.name == "arp":
        return BROADCAST if v["op"] == 1 else resolver.neighbour(v["tpa"])
    return multicast_mac(v["dst"]) or resolver.neighbour(v["dst"])


def _text(b: bytes) -> str:
    if len(b) == 6:
        return ":".join(f"{x:02x}" for x in b)
    if len(b) == 4:
        return ".".join(str(x) for x in b)
    import ipaddress

    return str(ipaddress.IPv6Address(b))


def fill_auto(frame: Frame, resolver: Resolver) -> list[str]:
    """Fill every field named in a layer's ``auto`` set in place (the layers'
    ``values`` must be the frame's own) and return ``layer.field=value`` for
    each. Adds the placeholder note to ``frame.notes`` once."""
    used: list[str] = []
    layers = frame.layers
    for i, layer in enumerate(layers):
        if not layer.auto:
            continue
        v = layer.values
        for name in sorted(layer.auto):
            key = (layer.name, name)
            if key == ("icmpv6", "options"):
                opts = v[name]
                mac = resolver.mac()
                v[name] = tuple((o, mac if val is None and o.endswith("lladdr") else val)
                                for o, val in opts)
                used.append(f"icmpv6.options.src-lladdr={_text(mac)}")
                continue
            if key == ("ether", "dst"):
                value = ether_dst(network_after(layers, i), resolver)
            elif key in OWN:
                value = getattr(resolver, OWN[key])()
            else:
                raise UsageError(f"{layer.name}.{name} cannot be auto")
            v[name] = value
            used.append(f"{layer.name}.{name}={_text(value)}")
    if used and resolver.placeholder:
        note = placeholder_note(used)
        if note not in frame.notes:
            frame.notes.append(note)
    return used


def placeholder_note(used: list[str]) -> str:
    return "placeholder addresses used (no interface): " + ", ".join(used)
