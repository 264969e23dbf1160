"""One module per protocol, holding every fact craft knows about it.

``LAYERS`` is filled by ``register``, called for the built-in modules in the
order ``BUILT_IN`` writes out by hand (docs/architecture.md, rule 4), the
first time anything asks for ``LAYERS`` (or registers a layer): importing
one layer module (the printers read the Ethernet, IP, TCP and UDP tables)
does not import the other forty (about 30 ms of every start). The module contract
(docs/architecture.md has the full table):

Every module: ``NAME``; ``HEADER`` (the field table in wire order);
``encode(values, payload, ctx) -> (header_bytes, filled_values)``;
``decode(data, offset) -> (values, header_length)`` (raises
craft.errors.Truncated, or base.Malformed); ``layout(values) -> [(field,
byte_offset, bit_offset, bit_width)]``; ``summary(values) -> str``.

Optional, each read by one consumer that names no protocol itself:
``BOUND`` (where the layer is carried: binding rows), ``SELECTOR`` (the
field naming the next layer), ``next_layer`` (the decoder's next step) or
``TAKES_REST``, ``TRAILER`` (outside the datagram:
padding), ``CHECKSUM`` (a base.Checksum), ``pseudo_header`` (an IP
layer), ``trafgen_checksum`` (craft export), ``pseudo_override`` (a
layer between the IP layer and the transport that changes the pseudo-header's
addresses: a routing header's final destination), ``SELECTOR_SPACE`` (a
selector that takes another layer's numbers: IPv6 extension headers),
``CHOSEN`` (computed defaults any value of which is right: explain and the
audit),
``LAYOUT_FIELDS`` (the patcher), ``AUTO`` and ``link_dst``/``LINK_DST_INPUTS``/``TAG`` (auto
addresses), ``auto_options``, ``OPTION_VALUES``/``MAX_OPTIONS`` (the
profile loader; ``OPTION_FIELDS``: option vocabularies of fields other than
``options``), ``fields_for`` and ``row`` (the profile loader: the fields
a message of these values carries and their widths, for a header whose
fields depend on its type),
``KEY_FIELDS`` (craft import), ``request_key``/``reply_key``
and ``QUOTES`` (send --replies).
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING

from craft.layers import bindings

if TYPE_CHECKING:
    LAYERS: dict[str, ModuleType]

BUILT_IN = (
    "ether", "vlan", "llc", "snap", "stp", "cdp", "lldp", "lacp", "mpls",  # the link layer
    "pppoed", "pppoes", "ppp", "lcp", "ipcp",  # PPPoE, PPP and its control protocols
    "arp", "ipv4", "ipv6", "hopbyhop", "destopts", "routing", "fragment",  # the network layer
    "icmp", "icmpv6", "igmp", "ospf", "gre",  # carried in IP, not transports
    "udp", "tcp", "sctp",  # transports
    "rip", "bootp", "dhcp", "dhcpv6", "dns", "ntp", "snmp", "vxlan", "geneve",  # on their ports
    "payload", "raw", "padding",  # data (last: they take what is left)
)

_REQUIRED = ("NAME", "HEADER", "encode", "decode", "layout", "summary")


def register(module: ModuleType) -> None:
    """Make ``module`` a layer: profiles may name it, both encoders build it
    (the scapy encoder once its mapping is registered too), the decoder finds
    it through its binding rows."""
    _add(_layers(), module)


def _add(layers: dict[str, ModuleType], module: ModuleType) -> None:
    # (here, not at the top: craft read imports craft.layers.linktype before
    # it starts its filter's scan, and base with the ipaddress its address
    # module imports costs that start 2 to 3 ms; issue 13)
    from craft.layers.base import PSEUDO_HEADERS, PSEUDO_OVERRIDES

    missing = [a for a in _REQUIRED if not hasattr(module, a)]
    if missing:
        raise TypeError(f"{module.__name__} is not a layer module: no {', '.join(missing)}")
    layers[module.NAME] = module
    if hasattr(module, "SELECTOR_SPACE"):  # an IPv6 extension header's next header
        bindings.share(module.NAME, module.SELECTOR, module.SELECTOR_SPACE)
    bindings.bind(module.NAME, getattr(module, "BOUND", ()))
    if hasattr(module, "pseudo_header"):
        PSEUDO_HEADERS[module.NAME] = module.pseudo_header
    if hasattr(module, "pseudo_override"):
        PSEUDO_OVERRIDES[module.NAME] = module.pseudo_override


def _layers() -> dict[str, ModuleType]:
    """LAYERS, the built-in layers registered the first time it is asked for."""
    layers: dict[str, ModuleType] | None = globals().get("LAYERS")
    if layers is None:
        layers = globals()["LAYERS"] = {}
        for name in BUILT_IN:
            _add(layers, importlib.import_module(f"{__name__}.{name}"))
    return layers


def __getattr__(name: str) -> object:
    if name == "LAYERS":
        return _layers()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
