"""The scapy encoder's mappings for the tunnel layers (MPLS, GRE, VXLAN,
Geneve) and scapy's reading of them back: merged into
craft/encode/scapy_.py's tables (``MAPPINGS``, ``DISSECT``).

Scapy's own classes throughout: ``scapy.contrib.mpls.MPLS``,
``scapy.layers.l2.GRE``, ``scapy.layers.vxlan.VXLAN``,
``scapy.contrib.geneve.GENEVE``; scapy computes GRE's checksum, Geneve's
option lengths and the selectors it binds (GRE and Geneve protocol types).
Where craft's contract computes what scapy leaves at a default, the mapping
passes craft's value and says so: MPLS's bottom-of-stack bit (scapy: always
1) and GRE's presence bits (scapy: 0 unless given). Scapy is imported on
first use only.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from craft.layers import gre as _gre
from craft.layers.bindings import NUMBER

Mapping = Callable[[Any, dict[str, Any], str | None], Any]

# inner layers scapy binds behind GRE and Geneve by itself (its bind_layers):
# their protocol type is left for scapy to fill
_SCAPY_BINDS = {
    "gre": frozenset({"ipv4", "ipv6", "ether", "mpls", "arp", "vlan"}),
    "geneve": frozenset({"ipv4", "ipv6", "ether"}),
}


@functools.cache
def classes() -> SimpleNamespace:
    """Scapy's tunnel classes; importing them binds them (Ether 0x8847 to
    MPLS, UDP 4789 to VXLAN, UDP 6081 to GENEVE)."""
    from scapy.contrib.geneve import GENEVE, GeneveOptions
    from scapy.contrib.mpls import MPLS
    from scapy.fields import ThreeBytesField, XByteField
    from scapy.layers.l2 import GRE
    from scapy.layers.vxlan import VXLAN
    from scapy.packet import Packet, Raw

    class VXLANPlain(Packet):
        """RFC 7348's layout whatever the flags say: scapy's VXLAN reads the
        G and P bits' fields in place of reserved1, and both at once would
        not fit in 8 bytes (craft keeps the 24 bits as reserved1)."""

        name = "VXLAN (RFC 7348 layout)"
        fields_desc = [XByteField("flags", 0x08), ThreeBytesField("reserved1", 0),
                       ThreeBytesField("vni", 0), XByteField("reserved2", 0)]

    return SimpleNamespace(MPLS=MPLS, GRE=GRE, VXLAN=VXLAN, VXLANPlain=VXLANPlain,
                           GENEVE=GENEVE, GeneveOptions=GeneveOptions, Raw=Raw)


def _proto(outer: str, v: dict[str, Any], inner: str | None) -> dict[str, int]:
    """The protocol type keyword: given; left to scapy where it binds the
    next layer itself; else craft's table number (0 when nothing bound)."""
    if v["proto"] is not None:
        return {"proto": v["proto"]}
    if inner in _SCAPY_BINDS[outer]:
        return {}
    return {"proto": NUMBER.get((outer, inner), 0)}


def mpls(s: Any, v: dict[str, Any], inner: str | None) -> Any:
    c = classes()
    bottom = v["s"]
    if bottom is None:  # craft computes it; scapy's default is always 1
        bottom = 0 if inner == "mpls" else 1
    return c.MPLS(label=v["label"], cos=v["tc"], s=bottom, ttl=v["ttl"])


def gre(s: Any, v: dict[str, Any], inner: str | None) -> Any:
    c = classes()
    # the presence bits as craft computes them (scapy's default is 0 whatever is given)
    bits = _gre._filled({**v, "proto": 0}, inner)
    r0 = v["reserved0"]
    return c.GRE(
        chksum_present=bits["chksum_present"], routing_present=v["routing_present"],
        key_present=bits["key_present"], seqnum_present=bits["seqnum_present"],
        strict_route_source=r0 >> 8 & 1, recursion_control=r0 >> 5 & 7, flags=r0 & 0x1F,
        version=v["version"], chksum=v["checksum"], offset=v["reserved1"],
        key=v["key"], sequence_number=v["seq"], **_proto("gre", v, inner),
    )


def vxlan(s: Any, v: dict[str, Any], inner: str | None) -> Any:
    c = classes()
    flags, r1 = v["flags"], v["reserved1"]
    if flags & 0x84 == 0x84:  # both G and P: scapy's fields would not fit
        return c.VXLANPlain(flags=flags, reserved1=r1, vni=v["vni"], reserved2=v["reserved2"])
    if flags & 0x80:  # G: scapy reads reserved1 as group policy flags and id
        extra = {"gpflags": r1 >> 16, "gpid": r1 & 0xFFFF}
    elif flags & 0x04:  # P (VXLAN-GPE): a reserved short and the next protocol
        extra = {"reserved0": r1 >> 8, "NextProtocol": r1 & 0xFF}
    else:
        extra = {"reserved1": r1}
    return c.VXLAN(flags=flags, vni=v["vni"], reserved2=v["reserved2"], **extra)


def geneve(s: Any, v: dict[str, Any], inner: str | None) -> Any:
    c = classes()
    options = v["options"]
    if isinstance(options, bytes | bytearray):
        opts = [c.Raw(load=bytes(options))] if options else []
    else:
        opts = []
        for _name, value in options:
            o = dict(value)
            data = bytes(o["data"])
            data += b"\0" * (-len(data) % 4)  # craft pads; scapy would cut the length short
            opts.append(c.GeneveOptions(classid=o["class"], type=o["type"],
                                        reserved=o["reserved"], length=o["length"], data=data))
    return c.GENEVE(version=v["version"], optionlen=v["optlen"], oam=v["flags"] >> 1,
                    critical=v["flags"] & 1, reserved=v["reserved"], vni=v["vni"],
                    reserved2=v["reserved2"], options=opts, **_proto("geneve", v, inner))


MAPPINGS: dict[str, Mapping] = {"mpls": mpls, "gre": gre, "vxlan": vxlan, "geneve": geneve}


# --- scapy's reading back, in craft's names -------------------------------------------


def _read_mpls(s: Any, p: Any) -> tuple[str, dict[str, Any]]:
    return "mpls", {"label": p.label, "tc": p.cos, "s": p.s, "ttl": p.ttl}


def _read_gre(s: Any, p: Any) -> tuple[str, dict[str, Any]]:
    with_sum = p.chksum_present or p.routing_present
    return "gre", {
        "chksum_present": p.chksum_present, "routing_present": p.routing_present,
        "key_present": p.key_present, "seqnum_present": p.seqnum_present,
        "reserved0": p.strict_route_source << 8 | p.recursion_control << 5 | p.flags,
        "version": p.version, "proto": p.proto,
        "checksum": p.chksum if with_sum else None, "reserved1": p.offset if with_sum else 0,
        "key": p.key if p.key_present else None,
        "seq": p.sequence_number if p.seqnum_present else None,
    }


def _read_vxlan(s: Any, p: Any) -> tuple[str, dict[str, Any]]:
    raw = bytes(p.original)
    return "vxlan", {"flags": int(p.flags), "reserved1": int.from_bytes(raw[1:4], "big"),
                     "vni": p.vni, "reserved2": p.reserved2}


def _read_geneve(s: Any, p: Any) -> tuple[str, dict[str, Any]]:
    from craft.layers import geneve as _geneve

    raw = bytes(p.original)[8:8 + 4 * p.optionlen]
    return "geneve", {
        "version": p.version, "optlen": p.optionlen, "flags": p.oam << 1 | p.critical,
        "reserved": p.reserved, "proto": p.proto, "vni": p.vni, "reserved2": p.reserved2,
        # named by scapy's options, in craft's form where they pack back the same
        "options": _geneve_options(p, raw, _geneve.parse_options),
    }


def _geneve_options(p: Any, raw: bytes, parse: Callable[[bytes], Any]) -> Any:
    if not raw:
        return ()
    named = tuple(("option", (("class", o.classid), ("type", o.type), ("reserved", o.reserved),
                              ("length", o.length), ("data", bytes(o.data))))
                  for o in p.options if hasattr(o, "classid"))
    return named if named == parse(raw) else raw


DISSECT: dict[str, Callable[[Any, Any], tuple[str, dict[str, Any]]]] = {
    "MPLS": _read_mpls,
    "GRE": _read_gre,
    "VXLAN": _read_vxlan,
    "GENEVE": _read_geneve,
}
