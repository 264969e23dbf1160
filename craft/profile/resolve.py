"""``auto`` addresses: filled before encoding by a resolver.

A profile may say ``auto`` for the addresses that belong to the sending host
or its neighbour (each layer module's ``AUTO`` table). The profile model asks a ``Resolver`` for
them; ``craft build`` uses ``PlaceholderResolver`` (the lab's addresses, and a
note saying so), ``craft send`` an interface resolver that implements the same
four methods against a real interface and neighbour table.

``ether.dst: auto`` follows what the next network layer says (its module's
``link_dst``; RFC 1112 §6.4 and RFC 2464 §7 for the multicast mappings):

- ARP request → ff:ff:ff:ff:ff:ff; ARP reply → the neighbour of ``arp.tpa``;
- IPv4 255.255.255.255 → broadcast; IPv4 multicast 224.0.0.0/4 →
  01:00:5e + the low 23 bits of the group; otherwise the neighbour of ``dst``;
- IPv6 multicast ff00::/8 → 33:33 + the low 32 bits; otherwise the neighbour.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from craft.errors import UsageError
from craft.layers import LAYERS
from craft.layers.address import text as address_text
from craft.layers.frame import Frame, Layer

CLIENT_MAC = bytes.fromhex("020000000001")  # the lab's client end (issue 3)
SERVER_MAC = bytes.fromhex("020000000002")  # the lab's server end
CLIENT_IPV4 = bytes([192, 0, 2, 1])
CLIENT_IPV6 = bytes.fromhex("20010db8000000000000000000000001")

# Where each auto field's value comes from: its layer module's AUTO table
# says, per field, one of these sources.
OWN_ADDRESSES = ("mac", "ipv4", "ipv6")  # this host's own: the Resolver method
LINK_DST = "link-dst"  # the next network layer's link_dst()
LLADDR_OPTIONS = "lladdr"  # options whose link-layer address is auto


def auto_source(layer: str, field: str) -> str | None:
    """Where ``layer.field: auto`` takes its value from, or None."""
    return getattr(LAYERS[layer], "AUTO", {}).get(field)


def auto_fields() -> list[str]:
    """``layer.field`` of every field a profile may give as auto."""
    return sorted(f"{name}.{f}" for name, m in LAYERS.items() for f in getattr(m, "AUTO", {}))


def link_dst_inputs(layer: str) -> tuple[str, ...]:
    """The fields of ``layer`` that an auto link destination in front reads."""
    return getattr(LAYERS[layer], "LINK_DST_INPUTS", ())


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


def network_index(names: Sequence[str], i: int) -> int | None:
    """Where the network layer that follows layer ``i`` past any tags (VLAN)
    is in a frame whose layer names are ``names``, or None."""
    for j in range(i + 1, len(names)):
        module = LAYERS[names[j]]
        if hasattr(module, "link_dst"):
            return j
        if not getattr(module, "TAG", False):
            return None
    return None


def network_after(layers: list[Layer], i: int) -> Layer | None:
    """The network layer that follows layer ``i`` past any tags."""
    j = network_index([layer.name for layer in layers], i)
    return None if j is None else layers[j]


def link_dst(net: Layer | None, resolver: Resolver) -> bytes:
    """An auto link destination for the network layer ``net`` that follows."""
    if net is None:
        raise UsageError("ether.dst auto needs an arp, ipv4 or ipv6 layer after it; give a MAC")
    return LAYERS[net.name].link_dst(net.values, resolver)


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
        module = LAYERS[layer.name]
        for name in sorted(layer.auto):
            source = auto_source(layer.name, name)
            if source == LLADDR_OPTIONS:
                mac = resolver.mac()
                v[name] = module.auto_options(v[name], mac)
                used.append(f"{layer.name}.{name}.src-lladdr={address_text(mac)}")
                continue
            if source == LINK_DST:
                value = link_dst(network_after(layers, i), resolver)
            elif source in OWN_ADDRESSES:
                value = getattr(resolver, source)()
            else:
                raise UsageError(f"{layer.name}.{name} cannot be auto")
            v[name] = value
            used.append(f"{layer.name}.{name}={address_text(value)}")
    if used and resolver.placeholder:
        note = placeholder_note(used)
        if note not in frame.notes:
            frame.notes.append(note)
    return used


def placeholder_note(used: list[str]) -> str:
    return "placeholder addresses used (no interface): " + ", ".join(used)
