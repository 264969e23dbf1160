"""The scapy encoder's mappings for LLDP and LACP, and scapy's reading of
them back: craft/encode/scapy_.py merges ``MAPPINGS``, ``DISSECT`` and
``REST`` into its tables.

LLDP maps each TLV onto scapy's own class (``scapy.contrib.lldp``:
LLDPDUChassisID, LLDPDUPortID, LLDPDUTimeToLive, ..., LLDPDUEndOfLLDPDU),
which compute their lengths, and address families their own way. Two small
classes are written here (docs/architecture.md, rule 3):

- ``LLDPTLVs``, an LLDPDU with no fields in front of the TLVs: scapy's
  first TLV pads the frame to 64 bytes when it sits right on Ethernet (craft
  leaves padding to the NIC, as for every other layer);
- ``LLDPDUAnyTLV``: a TLV of any type with its value as bytes (scapy has a
  class per known type only, and reads the reserved types 9..126 as Raw: this
  class reads them here);
- ``LACPDU``, scapy's LACP dissecting the bytes after its fixed 110 as
  padding, as craft's decoder does.

LACP maps onto scapy's SlowProtocol (the subtype) and LACP (``scapy.contrib.
lacp``); the TLV types and lengths craft computes are scapy's defaults, so a
computed one is left out for scapy to fill.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from craft.layers import lacp as craft_lacp
from craft.layers import lldp as craft_lldp
from craft.layers.address import ipv4_bytes, ipv6_bytes, mac_bytes, mac_text
from craft.layers.address import text as address_text


@functools.cache
def classes() -> SimpleNamespace:
    """Scapy's LLDP and slow protocol classes (importing them binds them to
    Ethernet), and the two written here."""
    from scapy.config import conf
    from scapy.contrib import lacp, lldp, slowprot
    from scapy.fields import BitField, BitFieldLenField, StrLenField
    from scapy.layers.l2 import Ether
    from scapy.packet import Raw, bind_bottom_up, split_bottom_up

    # craft builds the LLDPDU it is given, conforming or not (a receiver's test):
    # scapy's strict mode refuses an empty ID on building and, on reading, an
    # LLDPDU that does not start with chassis-id, port-id and ttl
    conf.contribs["LLDP"].strict_mode_disable()
    # scapy reads 0x8809 as the slow protocols only when sent to their group
    # address; craft's decoder goes by the ethertype alone, and so does this
    bind_bottom_up(Ether, slowprot.SlowProtocol, type=0x8809)

    class LACPDU(lacp.LACP):
        """Scapy's LACP, whose bytes after the fixed 110 are Ethernet padding
        (scapy's own LACP reads them as its payload)."""

        def extract_padding(self, s: bytes) -> tuple[bytes, bytes]:
            return b"", s

    split_bottom_up(slowprot.SlowProtocol, lacp.LACP, subtype=1)
    bind_bottom_up(slowprot.SlowProtocol, LACPDU, subtype=1)

    class LLDPTLVs(lldp.LLDPDU):
        """The TLVs' holder: no bytes of its own, no padding (see above)."""

        name = "LLDP TLVs (craft)"
        fields_desc: list[Any] = []

        def post_build(self, pkt: bytes, pay: bytes) -> bytes:
            return pkt + pay

    class LLDPDUAnyTLV(lldp.LLDPDU):
        """802.1AB §8.4: a TLV of any type, its value as bytes."""

        name = "LLDP TLV (any type)"
        fields_desc = [
            BitField("_type", 9, 7),
            BitFieldLenField("_length", None, 9, length_of="value"),
            StrLenField("value", b"", length_from=lambda pkt: pkt._length),
        ]

    for t in range(9, 127):  # the reserved types: scapy's reading stops at them (Raw)
        lldp.LLDPDU_CLASS_TYPES.setdefault(t, LLDPDUAnyTLV)
    return SimpleNamespace(lldp=lldp, LLDPTLVs=LLDPTLVs, LLDPDUAnyTLV=LLDPDUAnyTLV,
                           SlowProtocol=slowprot.SlowProtocol, LACP=lacp.LACP, Raw=Raw)


# craft capability name -> the stem of scapy's LLDPDUSystemCapabilities bits
_CAPS = {"other": "other", "repeater": "repeater", "bridge": "mac_bridge",
         "wlan-ap": "wlan_access_point", "router": "router", "telephone": "telephone",
         "docsis": "docsis_cable_device", "station": "station_only",
         "c-vlan": "c_vlan_component", "s-vlan": "s_vlan_component",
         "tpmr": "two_port_mac_relay"}
_RESERVED_CAPS = {2048 << k: f"reserved_{k + 1}" for k in range(5)}  # bits 11..15


def _cap_bits(system: int, enabled: int) -> dict[str, int]:
    out = {}
    for word, bit in craft_lldp.CAPABILITIES.items():
        out[f"{_CAPS[word]}_available"] = int(bool(system & bit))
        out[f"{_CAPS[word]}_enabled"] = int(bool(enabled & bit))
    for bit, stem in _RESERVED_CAPS.items():
        out[f"{stem}_available"] = int(bool(system & bit))
        out[f"{stem}_enabled"] = int(bool(enabled & bit))
    return out


def _id(cls: Any, v: dict[str, Any], mac: int) -> Any:
    sub = v["subtype"]
    if sub == mac:
        return cls(subtype=sub, id=mac_text(v["mac"]))
    if sub == mac + 1:  # scapy's id field follows the family: IPField or IP6Field
        a = v["address"]
        return cls(subtype=sub, family=craft_lldp.FAMILY[len(a)], id=address_text(a))
    return cls(subtype=sub, id=bytes(v["id"]))


def _tlv(c: SimpleNamespace, name: str, value: Any) -> Any:
    m = c.lldp
    if name == "end":
        return m.LLDPDUEndOfLLDPDU()
    if name == "ttl":
        return m.LLDPDUTimeToLive(ttl=value)
    if name == "port-description":
        return m.LLDPDUPortDescription(description=value.encode())
    if name == "system-name":
        return m.LLDPDUSystemName(system_name=value.encode())
    if name == "system-description":
        return m.LLDPDUSystemDescription(description=value.encode())
    v = dict(value)
    if name == "chassis-id":
        return _id(m.LLDPDUChassisID, v, 4)
    if name == "port-id":
        return _id(m.LLDPDUPortID, v, 3)
    if name == "capabilities":
        return m.LLDPDUSystemCapabilities(**_cap_bits(v["system"], v["enabled"]))
    if name == "management-address":
        a = v["address"]
        return m.LLDPDUManagementAddress(
            management_address_subtype=craft_lldp.FAMILY[len(a)], management_address=a,
            interface_numbering_subtype=v["ifsubtype"], interface_number=v["ifnumber"],
            object_id=v["oid"])
    if name == "org-specific":
        return m.LLDPDUGenericOrganisationSpecific(org_code=v["oui"], subtype=v["subtype"],
                                                   data=v["info"])
    return c.LLDPDUAnyTLV(_type=v["type"], value=v["value"])  # tlv


def lldp(s: SimpleNamespace, v: dict[str, Any], inner: str | None) -> Any:
    c = classes()
    pkt = c.LLDPTLVs()
    tlvs = v["tlvs"]
    if isinstance(tlvs, bytes | bytearray):
        pkt.add_payload(c.Raw(load=bytes(tlvs)))
        return pkt
    for name, value in tlvs:
        pkt.add_payload(_tlv(c, name, value))
    if not any(name == "end" for name, _ in tlvs):  # craft's contract: End appended
        pkt.add_payload(c.lldp.LLDPDUEndOfLLDPDU())
    return pkt


def lacp(s: SimpleNamespace, v: dict[str, Any], inner: str | None) -> Any:
    c = classes()
    given = {n: v[n] for n in craft_lacp.HEADER.by_name if n != "subtype"}
    for n in craft_lacp.FIXED:  # computed: scapy's defaults are 802.1AX's numbers
        if given[n] is None:
            del given[n]
    for n in ("actor_system", "partner_system"):
        given[n] = mac_text(given[n])
    return c.SlowProtocol(subtype=v["subtype"]) / c.LACP(**given)


# --- scapy's dissection in craft's names -------------------------------------------


def _read_id(p: Any, table: Any, mac: int) -> Any:
    v = dict(craft_lldp.defaults_of(table))
    v["subtype"] = sub = p.subtype
    if sub == mac:
        v["mac"] = mac_bytes(p.id)
    elif sub == mac + 1:
        v["address"] = ipv4_bytes(p.id) if p.family == 1 else ipv6_bytes(p.id)
    elif craft_lldp.printable(bytes(p.id)):
        v["id"] = bytes(p.id)
    else:
        raise ValueError("not text")  # craft: an any-type tlv
    return tuple(v.items())


def _read_tlv(c: SimpleNamespace, p: Any) -> tuple[str, Any]:
    m = c.lldp
    if isinstance(p, m.LLDPDUEndOfLLDPDU):
        return "end", None
    if isinstance(p, m.LLDPDUChassisID):
        return "chassis-id", _read_id(p, craft_lldp.CHASSIS_ID, 4)
    if isinstance(p, m.LLDPDUPortID):
        return "port-id", _read_id(p, craft_lldp.PORT_ID, 3)
    if isinstance(p, m.LLDPDUTimeToLive):
        return "ttl", p.ttl
    if isinstance(p, m.LLDPDUPortDescription):
        return "port-description", bytes(p.description).decode()
    if isinstance(p, m.LLDPDUSystemName):
        return "system-name", bytes(p.system_name).decode()
    if isinstance(p, m.LLDPDUSystemDescription):
        return "system-description", bytes(p.description).decode()
    if isinstance(p, m.LLDPDUSystemCapabilities):
        system = enabled = 0
        for bit, stem in [*((b, _CAPS[w]) for w, b in craft_lldp.CAPABILITIES.items()),
                          *_RESERVED_CAPS.items()]:
            system |= bit if getattr(p, f"{stem}_available") else 0
            enabled |= bit if getattr(p, f"{stem}_enabled") else 0
        return "capabilities", (("system", system), ("enabled", enabled))
    if isinstance(p, m.LLDPDUManagementAddress):
        return "management-address", (
            ("address", bytes(p.management_address)),
            ("ifsubtype", p.interface_numbering_subtype), ("ifnumber", p.interface_number),
            ("oid", bytes(p.object_id)))
    if isinstance(p, c.LLDPDUAnyTLV):
        return "tlv", (("type", p._type), ("value", bytes(p.value)))
    raise ValueError(type(p).__name__)  # organisation specific, any other: by its bytes


def _own_bytes(p: Any) -> bytes:
    """The bytes scapy read for one TLV (without what follows it)."""
    whole = bytes(p.original)
    after = p.payload
    return whole[:len(whole) - len(bytes(after.original))] if hasattr(after, "original") \
        and after.original else whole


def read_lldp(s: SimpleNamespace, p: Any) -> tuple[str, dict[str, Any]]:
    """Every TLV scapy found from ``p`` on, as craft's ``tlvs``; bytes when
    craft's names do not give back the same bytes (craft's own rule)."""
    c = classes()
    out, raw = [], b""
    while isinstance(p, c.lldp.LLDPDU):
        own = _own_bytes(p)
        if not own:  # scapy's LLDPDU in front of the TLVs: no bytes of its own
            p = p.payload
            continue
        raw += own
        try:
            out.append(_read_tlv(c, p))
        except (ValueError, UnicodeDecodeError):
            t, body = own[0] >> 1, own[2:]
            named = craft_lldp.tlv_value(t, body)
            out.append(named if named is not None else ("tlv", (("type", t), ("value", body))))
        p = p.payload
    tlvs = tuple(out)
    return "lldp", {"tlvs": tlvs if craft_lldp.options_bytes(tlvs) == raw else raw}


def read_slow(s: SimpleNamespace, p: Any) -> tuple[str, dict[str, Any]]:
    c = classes()
    inner = p.payload
    if p.subtype != craft_lacp.SUBTYPE or not isinstance(inner, c.LACP):
        return "lacp", {}  # craft's decoder: malformed (not LACP)
    values: dict[str, Any] = {"subtype": p.subtype}
    for n in craft_lacp.HEADER.by_name:
        if n != "subtype":
            values[n] = getattr(inner, n)
    for n in ("actor_system", "partner_system"):
        values[n] = mac_bytes(values[n])
    for n in ("actor_state", "partner_state"):
        values[n] = int(values[n])
    return "lacp", values


def _nothing_after(p: Any, v: dict[str, Any]) -> bytes:
    return b""  # read_lldp and read_slow took every TLV; padding is gathered apart


MAPPINGS: dict[str, Callable[[SimpleNamespace, dict[str, Any], str | None], Any]] = {
    "lldp": lldp,
    "lacp": lacp,
}
_LLDP_CLASSES = (
    "LLDPDU", "LLDPDUChassisID", "LLDPDUPortID", "LLDPDUTimeToLive", "LLDPDUEndOfLLDPDU",
    "LLDPDUPortDescription", "LLDPDUSystemName", "LLDPDUSystemDescription",
    "LLDPDUSystemCapabilities", "LLDPDUManagementAddress", "LLDPDUGenericOrganisationSpecific",
    "LLDPDUPowerViaMDI", "LLDPDUPowerViaMDIDDL", "LLDPDUPowerViaMDIType34",
    "LLDPDUPowerViaMDIMeasure", "LLDPDUAnyTLV",
)
DISSECT: dict[str, Callable[[SimpleNamespace, Any], tuple[str, dict[str, Any]]]] = {
    **{name: read_lldp for name in _LLDP_CLASSES},
    "SlowProtocol": read_slow,
}
REST = {"lldp": _nothing_after, "lacp": _nothing_after}
