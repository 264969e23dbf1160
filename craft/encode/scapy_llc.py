"""The scapy encoder's mappings for 802.2 LLC, SNAP, STP BPDUs and CDP, and
scapy's reading of them back: merged into craft/encode/scapy_.py's tables
(``MAPPINGS``, ``DISSECT``). The Ethernet header in front of LLC is scapy's
Dot3 (an 802.3 length: scapy_.py's ether mapping and dissect).

Scapy's own classes where it has them (LLC, SNAP, contrib/cdp.py's CDPv2_HDR
and its messages), so that scapy computes SAPs, PIDs, TLV lengths and the
CDP checksum its own way. Scapy's STP is the configuration BPDU only: the
smallest class that adds the TCN's short form and RSTP's version 1 length
(``BPDU``) is written here and bound to LLC in its place. Scapy is imported
on first use only.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from craft.layers import cdp, stp
from craft.layers.address import ipv4_bytes as _ip4_bytes
from craft.layers.address import ipv4_text as _ipv4
from craft.layers.address import mac_bytes as _mac_bytes
from craft.layers.address import mac_text as _mac
from craft.layers.bindings import NUMBER


@functools.cache
def classes() -> SimpleNamespace:
    """Scapy's classes, CDP loaded and the BPDU class bound (once)."""
    from scapy.contrib import cdp as scapy_cdp
    from scapy.data import ETHER_ANY
    from scapy.fields import (
        BCDFloatField,
        ByteField,
        ConditionalField,
        IntField,
        MACField,
        ShortField,
        XShortField,
    )
    from scapy.layers.l2 import LLC, SNAP, STP, DestMACField, Dot3, SourceMACField
    from scapy.packet import Raw, bind_layers, split_layers
    from scapy.utils import checksum

    class BPDU(STP):
        """Scapy's STP with the TCN's 4-byte form (nothing after the BPDU
        type, 0x80) and RSTP's version 1 length (type 2)."""

        name = "Spanning Tree Protocol (config, TCN, RST)"
        fields_desc = [
            ShortField("proto", 0), ByteField("version", 0), ByteField("bpdutype", 0),
            *(ConditionalField(f, lambda p: p.bpdutype != stp.TCN) for f in (
                ByteField("bpduflags", 0), ShortField("rootid", 0),
                MACField("rootmac", ETHER_ANY), IntField("pathcost", 0),
                ShortField("bridgeid", 0), MACField("bridgemac", ETHER_ANY),
                ShortField("portid", 0), BCDFloatField("age", 1), BCDFloatField("maxage", 20),
                BCDFloatField("hellotime", 2), BCDFloatField("fwddelay", 15))),
            ConditionalField(ByteField("v1len", 0), lambda p: p.bpdutype == stp.RST),
        ]

    class Dot3Datagram(Dot3):
        """Scapy's Dot3 with the length of the datagram: craft's trailers
        (scapy's Padding) are outside it, where Dot3's LenField counts them."""

        name = "802.3 (length without padding)"
        fields_desc = [DestMACField("dst"), SourceMACField("src"), XShortField("len", None)]

        def post_build(self, p: bytes, pay: bytes) -> bytes:
            if self.len is None:  # pay: the built payload, Padding not in it
                p = p[:12] + len(pay).to_bytes(2, "big") + p[14:]
            return p + pay

    split_layers(LLC, STP, dsap=0x42, ssap=0x42, ctrl=3)
    bind_layers(LLC, BPDU, dsap=0x42, ssap=0x42, ctrl=3)
    return SimpleNamespace(Dot3=Dot3Datagram, LLC=LLC, SNAP=SNAP, BPDU=BPDU, Raw=Raw,
                           checksum=checksum, cdp=scapy_cdp)


def _keep(outer: str, field: str, value: int | None, inner: str | None) -> dict[str, int]:
    """A computed selector is left to scapy's bindings when craft binds the
    next layer; 0, craft's contract when nothing bound follows (scapy's
    default too), is passed."""
    if value is not None:
        return {field: value}
    return {} if (outer, inner) in NUMBER else {field: 0}


def _llc(s: SimpleNamespace, v: dict[str, Any], inner: str | None) -> Any:
    c = classes()
    dsap = _keep("llc", "dsap", v["dsap"], inner)
    ssap = {"ssap": v["ssap"]} if v["ssap"] is not None else (
        {} if not dsap else {"ssap": dsap["dsap"]})  # craft: the SSAP is the DSAP
    return c.LLC(ctrl=v["control"], **dsap, **ssap)


def _snap(s: SimpleNamespace, v: dict[str, Any], inner: str | None) -> Any:
    c = classes()
    given = {}
    if v["oui"] is not None:
        given["OUI"] = v["oui"]
    elif inner is None or ("snap", inner) not in NUMBER:
        given["OUI"] = 0
    return c.SNAP(**given, **_keep("snap", "code", v["pid"], inner))


def _timer(v: dict[str, Any], name: str) -> float:
    return v[name] + v[f"{name}-frac"] / 256  # scapy's BCDFloatField: seconds * 256 on the wire


def _stp(s: SimpleNamespace, v: dict[str, Any], inner: str | None) -> Any:
    c = classes()
    return c.BPDU(
        proto=v["proto"], version=v["version"], bpdutype=v["type"], bpduflags=v["flags"],
        rootid=(v["root-priority"] + v["root-sysid"]) & 0xFFFF, rootmac=_mac(v["root-mac"]),
        pathcost=v["path-cost"],
        bridgeid=(v["bridge-priority"] + v["bridge-sysid"]) & 0xFFFF,
        bridgemac=_mac(v["bridge-mac"]), portid=v["port-id"],
        age=_timer(v, "message-age"), maxage=_timer(v, "max-age"),
        hellotime=_timer(v, "hello-time"), fwddelay=_timer(v, "forward-delay"),
        v1len=v["v1-length"],
    )


def _cdp_messages(c: SimpleNamespace, tlvs: Any) -> list[Any]:
    m = c.cdp
    text = {"device-id": m.CDPMsgDeviceID, "software-version": m.CDPMsgSoftwareVersion,
            "platform": m.CDPMsgPlatform, "vtp-domain": m.CDPMsgVTPMgmtDomain}
    out = []
    for name, value in tlvs:
        if name in text:
            out.append(text[name](val=value.encode()))
        elif name == "port-id":
            out.append(m.CDPMsgPortID(iface=value.encode()))
        elif name == "addresses":
            out.append(m.CDPMsgAddr(addr=[m.CDPAddrRecordIPv4(addr=_ipv4(a)) for a in value]))
        elif name == "capabilities":
            out.append(m.CDPMsgCapabilities(cap=dict(value)["flags"]))
        elif name == "native-vlan":
            out.append(m.CDPMsgNativeVLAN(vlan=value))
        else:
            out.append(m.CDPMsgDuplex(duplex=value))
    return out


def _cdp(s: SimpleNamespace, v: dict[str, Any], inner: str | None) -> Any:
    c = classes()
    tlvs = v["tlvs"]
    raw = bytes(tlvs) if isinstance(tlvs, bytes | bytearray) else b""
    pkt = c.cdp.CDPv2_HDR(vers=v["version"], ttl=v["ttl"], cksum=v["checksum"],
                          msg=[] if raw else _cdp_messages(c, tlvs))
    if raw:
        pkt.add_payload(c.Raw(load=raw))
    if v["checksum"] is None:
        data = bytes(pkt)
        if len(data) % 2 and data[-1] == 0x80:
            # scapy reads a last odd byte 0x80 as positive, Wireshark (and craft,
            # cdp.py) as negative: 0xff7f; scapy's own sum of that padded buffer
            pkt.cksum = c.checksum(data[:2] + b"\0\0" + data[4:-1] + b"\xff\x7f")
    return pkt


MAPPINGS: dict[str, Callable[[SimpleNamespace, dict[str, Any], str | None], Any]] = {
    "llc": _llc,
    "snap": _snap,
    "stp": _stp,
    "cdp": _cdp,
}


# --- scapy's reading back, in craft's names ------------------------------------------


def _read_llc(s: Any, p: Any) -> tuple[str, dict[str, Any]]:
    return "llc", {"dsap": p.dsap, "ssap": p.ssap, "control": p.ctrl}


def _read_snap(s: Any, p: Any) -> tuple[str, dict[str, Any]]:
    return "snap", {"oui": p.OUI, "pid": p.code}


def _split(word: int) -> tuple[int, int]:
    return word & stp.PRIORITY_MASK, word & 0x0FFF


def _read_stp(s: Any, p: Any) -> tuple[str, dict[str, Any]]:
    v: dict[str, Any] = {"proto": p.proto, "version": p.version, "type": p.bpdutype}
    if p.bpdutype == stp.TCN:
        return "stp", v
    v["root-priority"], v["root-sysid"] = _split(p.rootid)
    v["bridge-priority"], v["bridge-sysid"] = _split(p.bridgeid)
    v.update({"flags": p.bpduflags, "root-mac": _mac_bytes(p.rootmac), "path-cost": p.pathcost,
              "bridge-mac": _mac_bytes(p.bridgemac), "port-id": p.portid})
    for name, got in (("message-age", p.age), ("max-age", p.maxage),
                      ("hello-time", p.hellotime), ("forward-delay", p.fwddelay)):
        wire = round(got * 256)
        v[name], v[f"{name}-frac"] = wire >> 8, wire & 0xFF
    if p.bpdutype == stp.RST:
        v["v1-length"] = p.v1len
    return "stp", v


def _read_cdp(s: Any, p: Any) -> tuple[str, dict[str, Any]]:
    raw = bytes(p.original)[4:]
    return "cdp", {"version": p.vers, "ttl": p.ttl, "checksum": p.cksum,
                   "tlvs": _cdp_tlvs(p, raw)}


def _cdp_tlvs(p: Any, raw: bytes) -> Any:
    """Craft's named form when scapy read every TLV as a class craft names
    and the names give back ``raw``; else ``raw``."""
    text = {"CDPMsgDeviceID": "device-id", "CDPMsgSoftwareVersion": "software-version",
            "CDPMsgPlatform": "platform", "CDPMsgVTPMgmtDomain": "vtp-domain"}
    named: list[tuple[str, Any]] = []
    try:
        for m in p.msg:
            kind = type(m).__name__
            if kind in text:
                named.append((text[kind], bytes(m.val).decode()))
            elif kind == "CDPMsgPortID":
                named.append(("port-id", bytes(m.iface).decode()))
            elif kind == "CDPMsgAddr":
                if any(type(a).__name__ != "CDPAddrRecordIPv4" for a in m.addr):
                    return raw
                named.append(("addresses", tuple(_ip4_bytes(a.addr) for a in m.addr)))
            elif kind == "CDPMsgCapabilities":
                named.append(("capabilities", (("flags", int(m.cap)),)))
            elif kind == "CDPMsgNativeVLAN":
                named.append(("native-vlan", m.vlan))
            elif kind == "CDPMsgDuplex":
                named.append(("duplex", m.duplex))
            else:
                return raw
        tlvs = tuple(named)
        return tlvs if cdp.options_bytes(tlvs) == raw else raw
    except (UnicodeDecodeError, ValueError, TypeError):
        return raw


DISSECT: dict[str, Callable[[Any, Any], tuple[str, dict[str, Any]]]] = {
    "LLC": _read_llc,
    "SNAP": _read_snap,
    "BPDU": _read_stp,
    "CDPv2_HDR": _read_cdp,
}
