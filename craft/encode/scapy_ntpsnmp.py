"""The scapy mappings of ntp (scapy.layers.ntp.NTPHeader) and snmp
(scapy.layers.snmp with scapy's BER codec), and scapy's dissection back in
craft's names.

Scapy is imported on first use only (docs/architecture.md, rule 4). Where
scapy has no class or encodes against X.690, a small class here says why:

- scapy has no SNMPv2 report PDU (RFC 3416 §4.2.7, tag 0xa8) and no Opaque
  (RFC 2578 §7.1.9, tag 0x44): ``SNMPreport`` and ``ASN1_OPAQUE`` follow
  scapy's own pattern for its PDU classes;
- scapy's BER INTEGER puts one 0xff byte too many in front of a negative
  number whose top byte would be 0x80 (-128 as ff 80, where X.690 §8.3.2
  says 80): ``X690Integer`` is scapy's INTEGER with that byte left out.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from fractions import Fraction
from types import SimpleNamespace
from typing import Any

from craft.layers import snmp
from craft.layers.address import ipv4_bytes as _ip4_bytes
from craft.layers.address import ipv4_text as _ipv4
from craft.layers.base import as_signed


@functools.cache
def classes() -> SimpleNamespace:
    """Scapy's NTP and SNMP classes (importing them binds UDP 123 and 161/162
    in scapy), imported once, and the small classes this module adds."""
    import scapy.asn1.mib  # noqa: F401 - scapy's OID codec needs its MIB
    import scapy.layers.snmp as sn
    from scapy.asn1.asn1 import (
        ASN1_COUNTER32,
        ASN1_COUNTER64,
        ASN1_GAUGE32,
        ASN1_INTEGER,
        ASN1_IPADDRESS,
        ASN1_NULL,
        ASN1_OID,
        ASN1_SEQUENCE,
        ASN1_STRING,
        ASN1_TIME_TICKS,
    )
    from scapy.asn1.ber import BERcodec_SEQUENCE, BERcodec_STRING
    from scapy.asn1fields import (
        ASN1F_INTEGER,
        ASN1F_SEQUENCE,
        ASN1F_SEQUENCE_OF,
        ASN1F_enum_INTEGER,
    )
    from scapy.asn1packet import ASN1_Packet
    from scapy.layers.ntp import NTPHeader
    from scapy.packet import Raw

    class ASN1_Class_CRAFT(sn.ASN1_Class_SNMP):  # noqa: N801 - scapy's naming
        name = "SNMP (craft)"
        OPAQUE = 0x44
        PDU_REPORT = 0xA8

    class ASN1_OPAQUE(ASN1_STRING):  # noqa: N801
        tag = ASN1_Class_CRAFT.OPAQUE

    class BERcodec_OPAQUE(BERcodec_STRING):  # noqa: N801
        tag = ASN1_Class_CRAFT.OPAQUE

    class ASN1_SNMP_PDU_REPORT(ASN1_SEQUENCE):  # noqa: N801
        tag = ASN1_Class_CRAFT.PDU_REPORT

    class BERcodec_SNMP_PDU_REPORT(BERcodec_SEQUENCE):  # noqa: N801
        tag = ASN1_Class_CRAFT.PDU_REPORT

    class ASN1F_SNMP_PDU_REPORT(ASN1F_SEQUENCE):  # noqa: N801
        ASN1_tag = ASN1_Class_CRAFT.PDU_REPORT

    class SNMPreport(ASN1_Packet):
        """RFC 3416 §4.2.7 Report-PDU: the common PDU body under tag 0xa8."""

        ASN1_codec = sn.ASN1_Codecs.BER
        ASN1_root = ASN1F_SNMP_PDU_REPORT(
            ASN1F_INTEGER("id", 0), ASN1F_enum_INTEGER("error", 0, sn.SNMP_error),
            ASN1F_INTEGER("error_index", 0),
            ASN1F_SEQUENCE_OF("varbindlist", [], sn.SNMPvarbind))

    class X690Integer(ASN1_INTEGER):
        """Scapy's INTEGER in the fewest two's-complement bytes (X.690
        §8.3.2): scapy's own encoder keeps a leading 0xff before 0x80."""

        def enc(self, codec: Any, **kwargs: Any) -> bytes:
            data = super().enc(codec, **kwargs)
            if data[1] > 1 and data[2] == 0xFF and data[3] & 0x80 and data[1] < 0x80:
                return bytes([data[0], data[1] - 1]) + data[3:]
            return data

    # defining it made it scapy's class for decoding INTEGERs: scapy's own again
    ASN1_INTEGER.tag.register_asn1_object(ASN1_INTEGER)

    return SimpleNamespace(
        NTPHeader=NTPHeader, Raw=Raw, SNMP=sn.SNMP, SNMPvarbind=sn.SNMPvarbind,
        PDUS=(sn.SNMPget, sn.SNMPnext, sn.SNMPresponse, sn.SNMPset, sn.SNMPtrapv1,
              sn.SNMPbulk, sn.SNMPinform, sn.SNMPtrapv2, SNMPreport),
        NULL=ASN1_NULL, OID=ASN1_OID, STRING=ASN1_STRING, INTEGER=X690Integer,
        IPADDRESS=ASN1_IPADDRESS, COUNTER32=ASN1_COUNTER32, GAUGE32=ASN1_GAUGE32,
        TIME_TICKS=ASN1_TIME_TICKS, COUNTER64=ASN1_COUNTER64, OPAQUE=ASN1_OPAQUE,
    )


# --- NTP ------------------------------------------------------------------------------


def ntp(s: Any, v: dict[str, Any], inner: str | None) -> Any:
    c = classes()
    stratum = v["stratum"]
    # scapy reads the reference ID as an address above stratum 1, else as letters
    ref = {"id": _ipv4(v["refid"])} if stratum > 1 else {"ref_id": bytes(v["refid"])}
    return c.NTPHeader(
        leap=v["leap"], version=v["version"], mode=v["mode"], stratum=stratum,
        poll=as_signed(v["poll"] & 0xFF, 8), precision=as_signed(v["precision"] & 0xFF, 8),
        # scapy's fixed-point fields take seconds: exact as fractions
        delay=Fraction(v["rootdelay"], 1 << 16), dispersion=Fraction(v["rootdisp"], 1 << 16),
        ref=Fraction(v["reftime"], 1 << 32), orig=Fraction(v["org"], 1 << 32),
        recv=Fraction(v["rec"], 1 << 32), sent=Fraction(v["xmt"], 1 << 32), **ref,
    )


def read_ntp(s: Any, p: Any) -> tuple[str, dict[str, Any]]:
    raw = bytes(p.original)
    get = p.getfieldval  # the fixed-point fields' raw numbers (attributes: seconds)
    return "ntp", {
        "leap": p.leap, "version": p.version, "mode": p.mode, "stratum": p.stratum,
        "poll": p.poll, "precision": p.precision, "rootdelay": get("delay"),
        "rootdisp": get("dispersion"), "refid": raw[12:16], "reftime": get("ref"),
        "org": get("orig"), "rec": get("recv"), "xmt": get("sent"),
    }


# --- SNMP -----------------------------------------------------------------------------


def _value(c: SimpleNamespace, name: str, x: Any) -> dict[str, Any]:
    """The SNMPvarbind keywords of a value of type ``name``."""
    make = {"integer": c.INTEGER, "octet-string": c.STRING, "oid": c.OID,
            "ipaddress": lambda a: c.IPADDRESS(_ipv4(a)), "counter32": c.COUNTER32,
            "gauge32": c.GAUGE32, "timeticks": c.TIME_TICKS, "counter64": c.COUNTER64,
            "opaque": c.OPAQUE}
    if name in make:
        return {"value": make[name](x)}
    if name == "unspecified":
        return {"value": c.NULL(0)}
    # the v2 exceptions: scapy's optional implicit-tagged NULLs, no value
    field = {"no-such-object": "noSuchObject", "no-such-instance": "noSuchInstance",
             "end-of-mib-view": "endOfMibView"}[name]
    return {"value": None, field: c.NULL(0)}


def _varbinds(c: SimpleNamespace, varbinds: Any) -> list[Any]:
    if isinstance(varbinds, bytes | bytearray):  # as given: scapy's list joins its items
        return [c.Raw(load=bytes(varbinds))]
    out = []
    for name, value in varbinds:
        sub = dict(value)
        out.append(c.SNMPvarbind(oid=c.OID(sub["oid"]), **_value(c, name, sub.get("value"))))
    return out


def snmp_layer(s: Any, v: dict[str, Any], inner: str | None) -> Any:
    c = classes()
    pdu = v["pdu"]
    vbs = _varbinds(c, v["varbinds"])
    if pdu == snmp.TRAP:
        body = c.PDUS[pdu](enterprise=c.OID(v["enterprise"]), agent_addr=_ipv4(v["agent_addr"]),
                           generic_trap=v["generic_trap"], specific_trap=v["specific_trap"],
                           time_stamp=c.TIME_TICKS(v["time_stamp"]), varbindlist=vbs)
    elif pdu == snmp.GETBULK:
        body = c.PDUS[pdu](id=c.INTEGER(v["request_id"]), non_repeaters=v["non_repeaters"],
                           max_repetitions=v["max_repetitions"], varbindlist=vbs)
    else:
        body = c.PDUS[pdu](id=c.INTEGER(v["request_id"]), error=v["error_status"],
                           error_index=v["error_index"], varbindlist=vbs)
    return c.SNMP(version=v["version"], community=bytes(v["community"]), PDU=body)


def read_snmp(s: Any, p: Any) -> tuple[str, dict[str, Any]]:
    """Scapy's reading; the varbinds in craft's form where scapy's values
    name them (else the bytes, as craft keeps them)."""
    body = p.PDU
    pdu = next(i for i, cls in enumerate(classes().PDUS) if isinstance(body, cls))
    out: dict[str, Any] = {"version": int(p.version.val), "community": bytes(p.community.val),
                           "pdu": pdu}
    if pdu == snmp.TRAP:
        out.update(enterprise=body.enterprise.val, agent_addr=_ip4_bytes(body.agent_addr.val),
                   generic_trap=int(body.generic_trap.val),
                   specific_trap=int(body.specific_trap.val),
                   time_stamp=int(body.time_stamp.val))
    elif pdu == snmp.GETBULK:
        out.update(request_id=int(body.id.val), non_repeaters=int(body.non_repeaters.val),
                   max_repetitions=int(body.max_repetitions.val))
    else:
        out.update(request_id=int(body.id.val), error_status=int(body.error.val),
                   error_index=int(body.error_index.val))
    named = [_read_varbind(vb) for vb in body.varbindlist]
    if all(named):
        out["varbinds"] = tuple(named)
    else:  # scapy's own bytes for the list
        out["varbinds"] = b"".join(bytes(vb) for vb in body.varbindlist)
    return "snmp", out


_SCAPY_TYPES = {"ASN1_NULL": "unspecified", "ASN1_INTEGER": "integer",
                "ASN1_STRING": "octet-string", "ASN1_OID": "oid", "ASN1_IPADDRESS": "ipaddress",
                "ASN1_COUNTER32": "counter32", "ASN1_GAUGE32": "gauge32",
                "ASN1_TIME_TICKS": "timeticks", "ASN1_COUNTER64": "counter64",
                "ASN1_OPAQUE": "opaque"}


def _read_varbind(vb: Any) -> tuple[str, Any] | None:
    oid = ("oid", vb.oid.val)
    for field, name in (("noSuchObject", "no-such-object"),
                        ("noSuchInstance", "no-such-instance"),
                        ("endOfMibView", "end-of-mib-view")):
        if vb.getfieldval(field) is not None:
            return name, (oid,)
    value = vb.value
    name = _SCAPY_TYPES.get(type(value).__name__)
    if name is None:
        return None
    if name == "unspecified":
        return name, (oid,)
    x = value.val
    if name == "ipaddress":
        x = _ip4_bytes(x)
    elif name in ("octet-string", "opaque"):
        x = bytes(x)
    return name, (oid, ("value", x))


MAPPINGS: dict[str, Callable[[Any, dict[str, Any], str | None], Any]] = {
    "ntp": ntp,
    "snmp": snmp_layer,
}

DISSECT: dict[str, Callable[[Any, Any], tuple[str, dict[str, Any]]]] = {
    "NTPHeader": read_ntp,
    "SNMP": read_snmp,
}
