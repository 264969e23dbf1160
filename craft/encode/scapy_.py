"""The scapy encoder: the same frames mapped onto scapy layers.

It shares the frame model with the struct encoder, never its packing code;
each checks the other (docs/architecture.md, "Two encoders, one model"). Computed fields
(``None``) are left ``None`` so scapy computes them its own way; given and
defaulted values are passed as they are. Where scapy's own choice differs
from craft's contract, the mapping passes the contract value and the comment
there says why.

Scapy is imported on first use only (docs/architecture.md, rule 4): importing this module
is cheap, and the struct path never pays for scapy.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from craft.encode import (
    scapy_dhcp,
    scapy_dns,
    scapy_icmp,
    scapy_ip,
    scapy_llc,
    scapy_lldp,
    scapy_ntpsnmp,
    scapy_ppp,
    scapy_sctp,
    scapy_tunnel,
)
from craft.layers.address import ipv4_bytes as _ip4_bytes
from craft.layers.address import ipv4_text as _ipv4
from craft.layers.address import ipv6_bytes as _ip6_bytes
from craft.layers.address import ipv6_text as _ipv6
from craft.layers.address import mac_bytes as _mac_bytes
from craft.layers.address import mac_text as _mac
from craft.layers.bindings import INNER, NUMBER, SELECTOR
from craft.layers.frame import Frame


@functools.cache
def _scapy() -> SimpleNamespace:
    """Scapy's classes, imported once, on the first frame."""
    from scapy.fields import ByteField, IPField, MACField, ShortField, XShortField
    from scapy.layers.inet import ICMP, IP, TCP, UDP, in4_chksum
    from scapy.layers.inet6 import (
        ICMPv6EchoReply,
        ICMPv6EchoRequest,
        ICMPv6ND_NA,
        ICMPv6ND_NS,
        ICMPv6ND_RS,
        ICMPv6NDOptDstLLAddr,
        ICMPv6NDOptSrcLLAddr,
        ICMPv6Unknown,
        IPv6,
        _ICMPv6,
        in6_chksum,
    )
    from scapy.layers.l2 import ARP, Dot1Q, Ether
    from scapy.packet import NoPayload, Padding, Raw
    from scapy.utils import checksum

    class ICMPIdSeq(ICMP):
        """ICMP with bytes 4..7 as two 16-bit words whatever the type.

        Scapy's ICMP picks its fields by type and gives types 37/38 an
        extra unused word; craft's row for types it does not list is id and
        seq (encode/scapy_icmp.py uses this class there). Scapy's own
        ICMP.post_build computes the checksum."""

        name = "ICMP (id/seq layout)"
        fields_desc = [
            ByteField("type", 8),
            ByteField("code", 0),
            XShortField("chksum", None),
            XShortField("id", 0),
            XShortField("seq", 0),
        ]

    class ARPFixed(ARP):
        """ARP with Ethernet and IPv4 address sizes whatever hlen/plen say
        (craft's table); scapy's ARP would size the addresses by them."""

        name = "ARP (Ethernet/IPv4 sizes)"
        fields_desc = [
            XShortField("hwtype", 1),
            XShortField("ptype", 0x0800),
            ByteField("hwlen", 6),
            ByteField("plen", 4),
            ShortField("op", 1),
            MACField("hwsrc", None),
            IPField("psrc", None),
            MACField("hwdst", None),
            IPField("pdst", None),
        ]

    return SimpleNamespace(
        ICMP=ICMP, ARPFixed=ARPFixed, ICMPIdSeq=ICMPIdSeq, IP=IP, TCP=TCP, UDP=UDP, IPv6=IPv6,
        ICMPv6EchoRequest=ICMPv6EchoRequest, ICMPv6EchoReply=ICMPv6EchoReply,
        ICMPv6ND_RS=ICMPv6ND_RS, ICMPv6ND_NS=ICMPv6ND_NS, ICMPv6ND_NA=ICMPv6ND_NA,
        ICMPv6NDOptSrcLLAddr=ICMPv6NDOptSrcLLAddr, ICMPv6NDOptDstLLAddr=ICMPv6NDOptDstLLAddr,
        ICMPv6Unknown=ICMPv6Unknown, ARP=ARP, Dot1Q=Dot1Q, Ether=Ether, Raw=Raw,
        NoPayload=NoPayload, Padding=Padding, ICMPv6Base=_ICMPv6,
        checksum=checksum, in4_chksum=in4_chksum, in6_chksum=in6_chksum,
    )


# The selector craft's contract gives when nothing bound follows (payload,
# raw or the end of the frame): ether.ETHERTYPE_LOOP, vlan 0, ipv4 0 and
# ipv6.NO_NEXT_HEADER. They are scapy's defaults too today; passing them keeps
# the contract from riding on that.
_UNBOUND = {"ether": 0x9000, "vlan": 0, "ipv4": 0, "ipv6": 59}


# Pairs in craft's binding table that scapy does not bind (ICMPv6 in IPv4,
# ICMP in IPv6): scapy would put its unbound default, so the table's number
# is passed.
_NOT_BOUND_IN_SCAPY = {("ipv4", "icmpv6"), ("ipv6", "icmp")}


def _selector(outer: str, field: str, value: int | None, inner: str | None) -> dict[str, int]:
    """The selector keyword (ether.type, vlan.type, ipv4.proto, ipv6.nh) for
    scapy's constructor.

    Left out when the binding table knows the next layer: scapy then fills it
    from its own bindings (an explicit ``None`` would pack as 0), which checks
    craft's table."""
    if value is not None:
        return {field: value}
    if (outer, inner) in _NOT_BOUND_IN_SCAPY:
        return {field: NUMBER[outer, inner]}
    if (outer, inner) in NUMBER:
        return {}
    return {field: _UNBOUND[outer]}


# --- one mapping per layer: craft values -> a scapy packet ----------------------------


def _ether(s: SimpleNamespace, v: dict[str, Any], inner: str | None) -> Any:
    if inner == "llc":  # an 802.3 length (layers/ether.py): scapy's Dot3, scapy_llc.py
        return scapy_llc.classes().Dot3(dst=_mac(v["dst"]), src=_mac(v["src"]), len=v["type"])
    return s.Ether(dst=_mac(v["dst"]), src=_mac(v["src"]),
                   **_selector("ether", "type", v["type"], inner))


def _vlan(s: SimpleNamespace, v: dict[str, Any], inner: str | None) -> Any:
    return s.Dot1Q(prio=v["pcp"], dei=v["dei"], vlan=v["vid"],
                   **_selector("vlan", "type", v["type"], inner))


def _arp(s: SimpleNamespace, v: dict[str, Any], inner: str | None) -> Any:
    # Scapy sizes sha/spa/tha/tpa by hlen/plen and picks text fields for
    # Ethernet/IPv4, raw bytes otherwise. Craft's table is RFC 826 for
    # Ethernet and IPv4 (6- and 4-byte addresses whatever hlen/plen say), so
    # other lengths go through the fixed-size class.
    if v["hlen"] != 6 or v["plen"] != 4:
        return s.ARPFixed(hwtype=v["htype"], ptype=v["ptype"], hwlen=v["hlen"], plen=v["plen"],
                          op=v["op"], hwsrc=_mac(v["sha"]), psrc=_ipv4(v["spa"]),
                          hwdst=_mac(v["tha"]), pdst=_ipv4(v["tpa"]))
    ether_mac = v["htype"] == 1
    ipv4 = v["ptype"] == 0x0800
    return s.ARP(
        hwtype=v["htype"], ptype=v["ptype"], hwlen=v["hlen"], plen=v["plen"], op=v["op"],
        hwsrc=_mac(v["sha"]) if ether_mac else v["sha"],
        psrc=_ipv4(v["spa"]) if ipv4 else v["spa"],
        hwdst=_mac(v["tha"]) if ether_mac else v["tha"],
        pdst=_ipv4(v["tpa"]) if ipv4 else v["tpa"],
    )


def _ipv4_layer(s: SimpleNamespace, v: dict[str, Any], inner: str | None) -> Any:
    return s.IP(
        version=v["version"], ihl=v["ihl"], tos=v["tos"], len=v["len"], id=v["id"],
        flags=v["flags"], frag=v["frag"], ttl=v["ttl"],
        chksum=v["checksum"],
        src=_ipv4(v["src"]), dst=_ipv4(v["dst"]),
        options=scapy_ip.ipv4_options(v.get("options")),  # named: scapy's IPOption classes
        **_selector("ipv4", "proto", v["proto"], inner),
    )


def _ipv6_layer(s: SimpleNamespace, v: dict[str, Any], inner: str | None) -> Any:
    return s.IPv6(
        version=v["version"], tc=v["tc"], fl=v["fl"], plen=v["plen"],
        hlim=v["hlim"], src=_ipv6(v["src"]), dst=_ipv6(v["dst"]),
        **_selector("ipv6", "nh", v["nh"], inner),
    )


def _udp(s: SimpleNamespace, v: dict[str, Any], inner: str | None) -> Any:
    return s.UDP(sport=v["sport"], dport=v["dport"], len=v["len"], chksum=v["checksum"])


# craft option name -> scapy's name
_TCP_OPTION = {"mss": "MSS", "wscale": "WScale", "sackok": "SAckOK",
               "timestamp": "Timestamp", "sack": "SAck", "nop": "NOP", "eol": "EOL"}


def _tcp_options(options: Any) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for name, value in options or ():
        if name == "sackok":
            value = b""
        elif name == "sack":
            value = tuple(edge for block in value for edge in block)
        out.append((_TCP_OPTION[name], value))
    return out


def _tcp(s: SimpleNamespace, v: dict[str, Any], inner: str | None) -> Any:
    options = v["options"]
    raw = bytes(options) if isinstance(options, bytes | bytearray) else b""
    pkt = s.TCP(
        sport=v["sport"], dport=v["dport"], seq=v["seq"], ack=v["ack"], dataofs=v["dataofs"],
        # craft: 4 reserved bits and 8 flags (RFC 9293); scapy: 3 reserved bits
        # and 9 flags whose top one (N) is craft's lowest reserved bit.
        reserved=v["reserved"] >> 1, flags=((v["reserved"] & 1) << 8) | v["flags"],
        window=v["window"], chksum=v["checksum"], urgptr=v["urgptr"],
        options=[] if raw else _tcp_options(options),
    )
    if raw:
        # Scapy's option list cannot hold arbitrary bytes, so they ride as the
        # first bytes after the fixed header, zero-padded to 32 bits as scapy
        # pads its own options; the data offset scapy would not count is given.
        raw += b"\0" * (-len(raw) % 4)
        if v["dataofs"] is None:
            pkt.dataofs = 5 + len(raw) // 4
        pkt.add_payload(s.Raw(load=raw))
    return pkt


def _data(s: SimpleNamespace, v: dict[str, Any], inner: str | None) -> Any:
    return s.Raw(load=v["data"])


def _padding(s: SimpleNamespace, v: dict[str, Any], inner: str | None) -> Any:
    # scapy's Padding is outside every length and checksum, as craft's trailer
    return s.Padding(load=v["data"])


_MAPPINGS: dict[str, Callable[[SimpleNamespace, dict[str, Any], str | None], Any]] = {
    "ether": _ether,
    "vlan": _vlan,
    "arp": _arp,
    "ipv4": _ipv4_layer,
    "ipv6": _ipv6_layer,
    "icmp": scapy_icmp.icmp,
    "icmpv6": scapy_icmp.icmpv6,
    "igmp": scapy_icmp.igmp,
    "udp": _udp,
    "tcp": _tcp,
    "payload": _data,
    "raw": _data,
    "padding": _padding,
}


_MAPPINGS.update(scapy_ip.MAPPINGS)  # IPv6 extension headers (craft/encode/scapy_ip.py)
_MAPPINGS.update(scapy_dhcp.MAPPINGS)  # BOOTP, DHCP, DHCPv6 (craft/encode/scapy_dhcp.py)
_MAPPINGS.update(scapy_ntpsnmp.MAPPINGS)  # ntp, snmp (craft/encode/scapy_ntpsnmp.py)
_MAPPINGS.update(scapy_sctp.MAPPINGS)  # SCTP, OSPF, RIP (craft/encode/scapy_sctp.py)
_MAPPINGS.update(scapy_llc.MAPPINGS)  # LLC, SNAP, STP, CDP (craft/encode/scapy_llc.py)
_MAPPINGS.update(scapy_lldp.MAPPINGS)  # LLDP, LACP (craft/encode/scapy_lldp.py)
_MAPPINGS.update(scapy_tunnel.MAPPINGS)  # MPLS, GRE, VXLAN, Geneve (craft/encode/scapy_tunnel.py)
_MAPPINGS.update(scapy_dns.MAPPINGS)  # DNS (craft/encode/scapy_dns.py)
_MAPPINGS.update(scapy_ppp.MAPPINGS)  # PPPoE, PPP, LCP, IPCP (craft/encode/scapy_ppp.py)


def register(name: str, build: Callable[[SimpleNamespace, dict[str, Any], str | None], Any],
             read: tuple[str, Callable[[SimpleNamespace, Any], tuple[str, dict[str, Any]]]]
             | None = None) -> None:
    """Map layer ``name`` onto scapy: ``build(s, values, inner)`` returns the
    unbuilt scapy layer for craft's values (``s``: scapy's classes, imported
    on first use); ``read``, (scapy class name, function), reads it back in
    ``dissect``. A new protocol's module, this mapping and its vectors are
    all it takes (docs/architecture.md, rule 3)."""
    _MAPPINGS[name] = build
    if read is not None:
        _DISSECT[read[0]] = read[1]


def to_scapy(frame: Frame) -> Any:
    """The frame as one scapy packet (unbuilt)."""
    s = _scapy()
    layers = frame.layers
    pkt = None
    for i, layer in enumerate(layers):
        inner = layers[i + 1].name if i + 1 < len(layers) else None
        p = _MAPPINGS[layer.name](s, layer.values, inner)
        if pkt is None:
            pkt = p
        else:
            pkt.add_payload(p)  # appends at the end, without the copies "/" makes
    return pkt if pkt is not None else s.Raw(load=b"")


def encode(frame: Frame) -> bytes:
    """The frame's bytes, as scapy builds them."""
    s = _scapy()
    if frame.fragment is not None:  # cut with scapy's fragment()/fragment6()
        return scapy_ip.fragment(frame, lambda: to_scapy(frame),
                                 lambda p: _transport_checksums(s, p))
    pkt = to_scapy(frame)
    _transport_checksums(s, pkt)
    return bytes(pkt)


def _transport_checksums(s: SimpleNamespace, pkt: Any) -> None:
    """Computed UDP/TCP/ICMPv6 checksums where craft's contract is not what
    scapy does by itself; scapy's own checksum routines compute them:

    - ipv4.len given: the pseudo-header still carries the segment's real
      length (craft); scapy would take it from the given ``IP.len``.
    - ICMPv6 inside IPv4: an IPv4 pseudo-header with protocol 58 (craft's
      pseudo_header); scapy's ICMPv6 only knows IPv6 underlayers.
    - another layer between the IP layer and the transport (a raw header,
      IP in Ethernet in IP...): the nearest enclosing IP layer's
      pseudo-header (RFC 8200 §8.1); scapy only looks right outside.
    - no IP layer outside: header and data summed with no pseudo-header;
      scapy would leave 0 (ICMPv6: a wrong sum).

    A computed UDP zero is sent as 0xffff (RFC 768), as scapy itself does.
    """
    chain = _chain_of(s, pkt)
    # innermost first: an outer sum covers the inner checksums (as scapy builds)
    for i in range(len(chain) - 1, -1, -1):
        layer, outer = chain[i], chain[i - 1] if i else None
        if not isinstance(layer, s.UDP | s.TCP | s.ICMPv6Base):
            continue
        name = "cksum" if isinstance(layer, s.ICMPv6Base) else "chksum"
        if getattr(layer, name) is not None:
            continue
        # the nearest enclosing IP layer gives the pseudo-header, whatever lies
        # between (craft's contract); scapy only looks at the layer right outside
        ip = next((c for c in reversed(chain[:i]) if isinstance(c, s.IP | s.IPv6)), None)
        if ip is outer and isinstance(outer, s.IPv6):
            continue  # scapy's own sum is the contract here
        if ip is not None and scapy_ip.ext_header_between(chain, ip, layer):
            continue  # scapy's in6_chksum: the routing header's final destination too
        if ip is outer and isinstance(outer, s.IP) and outer.len is None and name == "chksum":
            continue  # scapy's own UDP/TCP sum is the contract here
        segment = layer.copy()
        setattr(segment, name, 0)
        data = segment.do_build()  # build() would add the trailer (Padding): not summed
        proto = 17 if isinstance(layer, s.UDP) else 6 if isinstance(layer, s.TCP) else 58
        if ip is None:
            c = s.checksum(data)
        else:
            header = ip.copy()
            header.remove_payload()
            if isinstance(header, s.IP):
                header.len = None
                c = s.in4_chksum(proto, header, data)
            else:
                header.plen = None
                c = s.in6_chksum(proto, header, data)
        setattr(layer, name, 0xFFFF if c == 0 and isinstance(layer, s.UDP) else c)


# --- scapy's dissection in craft's names (checks craft's decoder) ---------------------


_ETHER_HEADER = 14  # destination, source, ethertype


def dissect(data: bytes) -> list[tuple[str, dict[str, Any]]]:
    """Scapy's reading of an Ethernet frame as (craft layer name, values)
    pairs in craft's internal forms, to hold craft's decoder against.

    Where craft stops decoding, the rest is one ``payload``: after UDP/TCP
    unless scapy's next layer has a reader here (RIP), after ICMP/ICMPv6's first 8 bytes (scapy's
    quoted datagram, timestamps, RA body) and after any layer craft has no
    module for. Bytes past the IP length are ``padding``. Where scapy's fields
    depend on the type (ICMP's second word, ARP addresses of odd lengths) the
    bytes are read by position from the layer scapy found. Fields a message
    does not carry (an echo's target, a solicitation's id) are absent, where
    craft's decoder gives their table defaults: compare on these keys."""
    s = _scapy()
    scapy_icmp.classes()  # binds IGMP to IPv4 protocol 2 in scapy
    scapy_dhcp.classes()  # binds BOOTP and DHCPv6 to their UDP ports in scapy
    scapy_sctp.classes()  # binds SCTP, OSPF and RIP in scapy
    scapy_llc.classes()  # loads CDP, binds the STP BPDU class to LLC
    scapy_lldp.classes()  # binds LLDP and the slow protocols to Ethernet in scapy
    scapy_tunnel.classes()  # binds MPLS, VXLAN and Geneve in scapy
    scapy_ntpsnmp.classes()  # binds NTP and SNMP to their UDP ports in scapy
    scapy_ppp.classes()  # imports scapy.layers.ppp: PPPoE after Ethernet
    if len(data) < _ETHER_HEADER:
        return [("ether", {})] if data else []  # cut short: nothing to read (craft: truncated)
    root = s.Ether(bytes(data))
    out: list[tuple[str, dict[str, Any]]] = []
    layer = root
    if not isinstance(root, s.Ether):  # scapy's Dot3: a length, not an ethertype, below 0x600
        out.append(("ether", {"dst": _mac_bytes(root.dst), "src": _mac_bytes(root.src),
                              "type": root.len}))
        layer = root.payload  # LLC
    while _has_data(s, layer):
        read = _DISSECT.get(type(layer).__name__)
        if read is None and isinstance(layer, s.ICMPv6Base):
            read = scapy_icmp.read_icmpv6
        if read is None:
            out.append(_unread(s, layer, out[-1] if out else None))
            break
        name, values = read(s, layer)
        out.append((name, values))
        if name in _REST:
            # the message after its own fields (a quoted packet, echo data)
            rest = _REST[name](layer, values)
            if rest:
                out.append(("payload", {"data": rest}))
            break
        if name in scapy_sctp.TAKES_REST:
            break
        if name in ("udp", "tcp") and type(layer.payload).__name__ not in _DISSECT:
            if _has_data(s, layer.payload):
                out.append(("payload", {"data": bytes(layer.payload.original)}))
            break
        layer = layer.payload
    padding = b"".join(bytes(x.load) for x in _chain_of(s, root) if isinstance(x, s.Padding))
    if padding:
        out.append(("padding", {"data": padding}))
    return out


def _unread(s: SimpleNamespace, layer: Any,
            outer: tuple[str, dict[str, Any]] | None) -> tuple[str, dict[str, Any]]:
    """What scapy left unread: the header the outer selector names, cut
    short (craft's decoder marks it truncated), or else payload."""
    data = bytes(layer.original)
    if isinstance(layer, s.Raw) and outer is not None and outer[0] in SELECTOR:
        from craft.layers import LAYERS

        inner = INNER.get((outer[0], outer[1].get(SELECTOR[outer[0]])))
        if inner is not None and len(data) < LAYERS[inner].HEADER.size:
            return inner, {}
    return "payload", {"data": data}


def _chain_of(s: SimpleNamespace, layer: Any) -> list[Any]:
    out = []
    while not isinstance(layer, s.NoPayload):
        out.append(layer)
        layer = layer.payload
    return out


def _has_data(s: SimpleNamespace, layer: Any) -> bool:
    return not isinstance(layer, s.NoPayload | s.Padding)


def _read_ether(s: SimpleNamespace, p: Any) -> tuple[str, dict[str, Any]]:
    return "ether", {"dst": _mac_bytes(p.dst), "src": _mac_bytes(p.src), "type": p.type}


def _read_vlan(s: SimpleNamespace, p: Any) -> tuple[str, dict[str, Any]]:
    return "vlan", {"pcp": p.prio, "dei": p.dei, "vid": p.vlan, "type": p.type}


def _read_arp(s: SimpleNamespace, p: Any) -> tuple[str, dict[str, Any]]:
    raw = bytes(p.original)
    return "arp", {
        "htype": p.hwtype, "ptype": p.ptype, "hlen": p.hwlen, "plen": p.plen, "op": p.op,
        # by position (RFC 826): scapy's field types follow hlen/plen
        "sha": raw[8:14], "spa": raw[14:18], "tha": raw[18:24], "tpa": raw[24:28],
    }


def _read_ipv4(s: SimpleNamespace, p: Any) -> tuple[str, dict[str, Any]]:
    raw = bytes(p.original)
    return "ipv4", {
        "version": p.version, "ihl": p.ihl, "tos": p.tos, "len": p.len, "id": p.id,
        "flags": int(p.flags), "frag": p.frag, "ttl": p.ttl, "proto": p.proto,
        "checksum": p.chksum, "src": _ip4_bytes(p.src), "dst": _ip4_bytes(p.dst),
        "options": scapy_ip.read_ipv4_options(p, raw[20:max(20, p.ihl * 4)]),
    }


def _read_ipv6(s: SimpleNamespace, p: Any) -> tuple[str, dict[str, Any]]:
    return "ipv6", {
        "version": p.version, "tc": p.tc, "fl": p.fl, "plen": p.plen, "nh": p.nh,
        "hlim": p.hlim, "src": _ip6_bytes(p.src), "dst": _ip6_bytes(p.dst),
    }


_SCAPY_TCP_OPTION = {v: k for k, v in _TCP_OPTION.items()}


def _read_tcp(s: SimpleNamespace, p: Any) -> tuple[str, dict[str, Any]]:
    raw = bytes(p.original)
    flags = int(p.flags)
    options_raw = raw[20:max(20, p.dataofs * 4)]
    return "tcp", {
        "sport": p.sport, "dport": p.dport, "seq": p.seq, "ack": p.ack, "dataofs": p.dataofs,
        # scapy's N flag is craft's lowest reserved bit (see _tcp)
        "reserved": (p.reserved << 1) | (flags >> 8), "flags": flags & 0xFF,
        "window": p.window, "checksum": p.chksum, "urgptr": p.urgptr,
        "options": _tcp_options_from_scapy(s, p, options_raw),
    }


def _tcp_options_from_scapy(s: SimpleNamespace, p: Any, raw: bytes) -> Any:
    """Craft's named form when every option has a name and scapy's encoding
    of the list gives back exactly ``raw``; else ``raw``."""
    if not raw:
        return ()
    named: list[tuple[str, Any]] = []
    for name, value in p.options:
        word = _SCAPY_TCP_OPTION.get(name)
        if word is None or (isinstance(value, bytes) and word != "sackok"):
            return raw
        if word == "sackok":
            value = None
        elif word == "sack":
            if not isinstance(value, tuple) or len(value) % 2:
                return raw
            value = tuple(zip(value[::2], value[1::2], strict=True))
        named.append((word, value))
    opts = tuple(named)
    field = p.get_field("options")
    return opts if field.i2m(p, _tcp_options(opts)) == raw else raw


def _read_udp(s: SimpleNamespace, p: Any) -> tuple[str, dict[str, Any]]:
    return "udp", {"sport": p.sport, "dport": p.dport, "len": p.len, "checksum": p.chksum}


_DISSECT: dict[str, Callable[[SimpleNamespace, Any], tuple[str, dict[str, Any]]]] = {
    "Ether": _read_ether,
    "Dot1Q": _read_vlan,
    "Dot1AD": _read_vlan,  # 802.1ad service tag: craft decodes 0x88a8 as vlan too
    "ARP": _read_arp,
    "IP": _read_ipv4,
    "IPv6": _read_ipv6,
    "ICMP": scapy_icmp.read_icmp,
    **{name: scapy_icmp.read_igmp for name in scapy_icmp.IGMP_CLASSES},
    "UDP": _read_udp,
    "TCP": _read_tcp,
    **scapy_ip.DISSECT,
    **scapy_dhcp.DISSECT,
    **scapy_sctp.DISSECT,
    **scapy_llc.DISSECT,
    **scapy_lldp.DISSECT,
    **scapy_tunnel.DISSECT,
    **scapy_dns.DISSECT,
    **scapy_ppp.DISSECT,
}
_REST = {**scapy_icmp.REST, **scapy_lldp.REST}  # readers that take what follows them
_DISSECT.update(scapy_ntpsnmp.DISSECT)  # ntp, snmp


