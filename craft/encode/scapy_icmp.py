"""The scapy mappings of icmp, icmpv6 and igmp, kept out of scapy_.py (whose
table imports them): craft's per-type fields onto scapy's own classes
(ICMP's conditional fields, ICMPv6ND_RA / _Redirect, ICMPv6NDOpt*,
ICMPv6MLQuery / MLQuery2 / MLReport / MLDone / MLReport2,
scapy.layers.igmp), and scapy's dissection back in craft's names.

Scapy is imported on first use only (docs/architecture.md, rule 4). Where
scapy adds something of its own (IGMP puts a router-alert option into an IP
header without options) or has no class (RFC 1256 router advertisement),
a small subclass here says why.
"""

from __future__ import annotations

import functools
from types import SimpleNamespace
from typing import Any

from craft.layers.address import ipv4_bytes as _ip4_bytes
from craft.layers.address import ipv4_text as _ipv4
from craft.layers.address import ipv6_bytes as _ip6_bytes
from craft.layers.address import ipv6_text as _ipv6
from craft.layers.address import mac_bytes as _mac_bytes
from craft.layers.address import mac_text as _mac


@functools.cache
def classes() -> SimpleNamespace:
    """Scapy's classes for these layers, imported once."""
    import scapy.layers.inet6 as i6
    from scapy.fields import (
        ByteField,
        FieldLenField,
        IntField,
        IPField,
        PacketListField,
        ShortField,
        XShortField,
    )
    from scapy.layers import igmp
    from scapy.layers.inet import ICMP, IP
    from scapy.packet import Packet, Raw, bind_bottom_up, bind_top_down, split_bottom_up

    class RouterEntry(Packet):
        """RFC 1256 §3: router address and preference level."""

        name = "ICMP router entry"
        fields_desc = [IPField("addr", "0.0.0.0"), IntField("pref", 0)]

        def extract_padding(self, s: bytes) -> tuple[bytes, bytes]:
            return b"", s

    class ICMPRouterAdvert(Packet):
        """RFC 1256 router advertisement: scapy's ICMP has a 32-bit
        ``unused`` word for type 9 and no entries."""

        name = "ICMP router advertisement"
        fields_desc = [
            ByteField("type", 9),
            ByteField("code", 0),
            XShortField("chksum", None),
            FieldLenField("num", None, count_of="entries", fmt="B"),
            ByteField("size", 2),
            ShortField("lifetime", 1800),
            PacketListField("entries", [], RouterEntry, count_from=lambda p: p.num),
        ]

        def post_build(self, p: bytes, pay: bytes) -> bytes:
            p += pay
            if self.chksum is None:
                from scapy.utils import checksum

                c = checksum(p)
                p = p[:2] + c.to_bytes(2, "big") + p[4:]
            return p

    # building only: IPv4 protocol 1 in front of it (dissection stays scapy's ICMP)
    bind_top_down(IP, ICMPRouterAdvert, proto=1)
    # scapy binds ICMP, UDP and TCP to IPv4 with frag=0 (a later fragment is
    # data) but IGMP with any offset: the same rule for IGMP
    split_bottom_up(IP, igmp.IGMP, proto=2)
    bind_bottom_up(IP, igmp.IGMP, proto=2, frag=0)

    def quiet(cls: Any) -> Any:
        """An IGMP class that leaves the IP header alone: scapy's adds a
        router-alert option to an IP header without options (RFC 2236 §2
        says send one; craft leaves it to the profile)."""

        def add_underlayer(self: Any, underlayer: Any) -> None:
            Packet.add_underlayer(self, underlayer)

        return type(cls.__name__, (cls,), {"add_underlayer": add_underlayer})

    names = (
        "ICMPv6EchoRequest ICMPv6EchoReply ICMPv6DestUnreach ICMPv6PacketTooBig "
        "ICMPv6TimeExceeded ICMPv6ParamProblem ICMPv6MLQuery ICMPv6MLQuery2 ICMPv6MLReport "
        "ICMPv6MLDone ICMPv6MLReport2 ICMPv6MLDMultAddrRec ICMPv6ND_RS ICMPv6ND_RA ICMPv6ND_NS "
        "ICMPv6ND_NA ICMPv6ND_Redirect ICMPv6NDOptSrcLLAddr ICMPv6NDOptDstLLAddr "
        "ICMPv6NDOptPrefixInfo ICMPv6NDOptRedirectedHdr ICMPv6NDOptMTU ICMPv6NDOptRDNSS "
        "ICMPv6NDOptDNSSL ICMPv6Unknown"
    ).split()
    ns = {n: getattr(i6, n) for n in names}
    return SimpleNamespace(
        **ns, ICMP=ICMP, Raw=Raw, ICMPRouterAdvert=ICMPRouterAdvert, RouterEntry=RouterEntry,
        IGMP_MQ=quiet(igmp.IGMP_MQ), IGMP_MR=quiet(igmp.IGMP_MR),
        IGMPv2_MR=quiet(igmp.IGMPv2_MR), IGMPv2_LG=quiet(igmp.IGMPv2_LG),
        IGMPv3_MQ=quiet(igmp.IGMPv3_MQ), IGMPv3_MR=quiet(igmp.IGMPv3_MR),
        IGMPv3_MR_Group=igmp.IGMPv3_MR_Group, IGMP=quiet(igmp.IGMP),
    )


def _chain(pkt: Any, more: list[Any]) -> Any:
    for p in more:
        pkt.add_payload(p)
    return pkt


# --- icmp ------------------------------------------------------------------------------

_ICMP_ID_SEQ = frozenset({0, 8, 15, 16})  # scapy's id/seq-only types
# scapy gives these id, seq and a 32-bit unused word: craft's "any other type"
# row (id, seq) goes through scapy_'s id/seq class
_SCAPY_ID_SEQ_UNUSED = frozenset({37, 38})


def icmp(s: SimpleNamespace, v: dict[str, Any], inner: str | None) -> Any:
    c = classes()
    t, base = v["type"], {"type": v["type"], "code": v["code"], "chksum": v["checksum"]}
    if t in _ICMP_ID_SEQ:
        return c.ICMP(**base, id=v["id"], seq=v["seq"])
    if t in (13, 14):
        return c.ICMP(**base, id=v["id"], seq=v["seq"], ts_ori=v["originate"],
                      ts_rx=v["receive"], ts_tx=v["transmit"])
    if t in (17, 18):
        return c.ICMP(**base, id=v["id"], seq=v["seq"], addr_mask=_ipv4(v["mask"]))
    if t == 3:  # RFC 1191 / RFC 4884: unused (8), length (8), next-hop MTU
        u = v["unused"]
        return c.ICMP(**base, reserved=u >> 8 & 0xFF, length=u & 0xFF, nexthopmtu=v["mtu"])
    if t == 5:
        return c.ICMP(**base, gw=_ipv4(v["gateway"]))
    if t == 11:
        u = v["unused"]
        return c.ICMP(**base, reserved=u >> 24 & 0xFF, length=u >> 16 & 0xFF, unused=u & 0xFFFF)
    if t == 12:
        u = v["unused"]
        return c.ICMP(**base, ptr=v["pointer"], length=u >> 16 & 0xFF, unused=u & 0xFFFF)
    if t in (4, 10):
        return c.ICMP(**base, unused=v["unused"] & 0xFFFFFFFF)
    if t == 9:
        entries = [c.RouterEntry(addr=_ipv4(dict(r)["address"]), pref=dict(r)["preference"])
                   for _, r in v["routers"]]
        return c.ICMPRouterAdvert(code=v["code"], chksum=v["checksum"], num=v["num"],
                                  size=v["size"], lifetime=v["lifetime"], entries=entries)
    if t in _SCAPY_ID_SEQ_UNUSED:
        return s.ICMPIdSeq(**base, id=v["id"], seq=v["seq"])
    # any other type: scapy's 32-bit unused word, craft's id and seq
    return c.ICMP(**base, unused=(v["id"] << 16) | v["seq"])


def read_icmp(s: SimpleNamespace, p: Any) -> tuple[str, dict[str, Any]]:
    c = classes()
    t = p.type
    v: dict[str, Any] = {"type": t, "code": p.code, "checksum": p.chksum}
    if t in _ICMP_ID_SEQ or t in (13, 14, 17, 18, *_SCAPY_ID_SEQ_UNUSED):
        v.update(id=p.id, seq=p.seq)
    if t in (13, 14):
        v.update(originate=p.ts_ori, receive=p.ts_rx, transmit=p.ts_tx)
    elif t in (17, 18):
        v["mask"] = _ip4_bytes(p.addr_mask)
    elif t == 3:
        v.update(unused=p.reserved << 8 | p.length, mtu=p.nexthopmtu)
    elif t == 5:
        v["gateway"] = _ip4_bytes(p.gw)
    elif t == 11:
        v["unused"] = p.reserved << 24 | p.length << 16 | p.unused
    elif t == 12:
        v.update(pointer=p.ptr, unused=p.length << 16 | p.unused)
    elif t in (4, 10):
        v["unused"] = p.unused
    elif t == 9:
        ra = c.ICMPRouterAdvert(bytes(p.original))
        v.update(num=ra.num, size=ra.size, lifetime=ra.lifetime)
    elif t not in _ICMP_ID_SEQ and t not in _SCAPY_ID_SEQ_UNUSED:
        v.update(id=p.unused >> 16, seq=p.unused & 0xFFFF)
    return "icmp", v


# --- icmpv6 ----------------------------------------------------------------------------


def icmpv6(s: SimpleNamespace, v: dict[str, Any], inner: str | None) -> Any:
    c = classes()
    t, base = v["type"], {"code": v["code"], "cksum": v["checksum"]}
    if t in (128, 129):
        cls = c.ICMPv6EchoRequest if t == 128 else c.ICMPv6EchoReply
        return cls(**base, id=v["id"], seq=v["seq"])
    if t in (1, 3):
        cls = c.ICMPv6DestUnreach if t == 1 else c.ICMPv6TimeExceeded
        return cls(**base, length=v["unused"] >> 24, unused=v["unused"] & 0xFFFFFF)
    if t == 2:
        return c.ICMPv6PacketTooBig(**base, mtu=v["mtu"])
    if t == 4:
        return c.ICMPv6ParamProblem(**base, ptr=v["pointer"])
    if t in (130, 131, 132):
        mld = {"mrd": v["mrd"] if v["mrd"] is not None else (10000 if t == 130 else 0),
               "reserved": v["reserved"] & 0xFFFF, "mladdr": _ipv6(v["group"])}
        if t == 130 and v["version"] != 1:
            return c.ICMPv6MLQuery2(**base, **mld, Resv=v["resv"], S=v["suppress"], QRV=v["qrv"],
                                    QQIC=v["qqic"], sources_number=v["nsources"],
                                    sources=[_ipv6(a) for a in v["sources"]])
        cls = {130: c.ICMPv6MLQuery, 131: c.ICMPv6MLReport, 132: c.ICMPv6MLDone}[t]
        return cls(**base, **mld)
    if t == 143:
        records = v["records"]
        pkt = c.ICMPv6MLReport2(res=v["code"], cksum=v["checksum"],
                                reserved=v["reserved"] & 0xFFFF,
                                records_number=v["nrecords"])
        if isinstance(records, bytes | bytearray):
            if v["nrecords"] is None:
                from craft.layers.mcast import count

                pkt.records_number = count(records, 16)
            return _chain(pkt, [c.Raw(load=bytes(records))] if records else [])
        pkt.records = [
            c.ICMPv6MLDMultAddrRec(
                rtype=_RECORD_TYPES[name], auxdata_len=len(_pad4(r["aux"])) // 4,
                sources_number=len(r["sources"]), dst=_ipv6(r["group"]),
                sources=[_ipv6(a) for a in r["sources"]], auxdata=_pad4(r["aux"]))
            for name, r in ((n, dict(val)) for n, val in records)
        ]
        return pkt
    if t == 133:
        pkt = c.ICMPv6ND_RS(**base, res=v["reserved"])
    elif t == 134:
        m, o, h = (v["raflags"] >> k & 1 for k in (2, 1, 0))
        pkt = c.ICMPv6ND_RA(**base, chlim=v["hlim"], M=m, O=o, H=h, prf=v["prf"],
                            P=v["reserved"] >> 2 & 1, res=v["reserved"] & 3,
                            routerlifetime=v["lifetime"], reachabletime=v["reachable"],
                            retranstimer=v["retrans"])
    elif t == 135:
        pkt = c.ICMPv6ND_NS(**base, res=v["reserved"], tgt=_ipv6(v["target"]))
    elif t == 136:
        flags = v["flags"]
        pkt = c.ICMPv6ND_NA(**base, R=flags >> 2 & 1, S=flags >> 1 & 1, O=flags & 1,
                            res=v["reserved"] & 0x1FFFFFFF, tgt=_ipv6(v["target"]))
    elif t == 137:
        pkt = c.ICMPv6ND_Redirect(**base, res=v["reserved"], tgt=_ipv6(v["target"]),
                                  dst=_ipv6(v["dest"]))
    else:
        # scapy's classes for other types add their own bodies; the fallback
        # class carries exactly the id/seq word.
        body = ((v["id"] << 16) | v["seq"]).to_bytes(4, "big")
        return c.ICMPv6Unknown(type=t, **base, msgbody=body)
    return _chain(pkt, nd_options(v["options"]))


_RECORD_TYPES = {"is-include": 1, "is-exclude": 2, "to-include": 3, "to-exclude": 4,
                 "allow": 5, "block": 6}  # RFC 3810 §5.2.12, written out independently


def _pad4(b: bytes) -> bytes:
    return bytes(b) + b"\0" * (-len(b) % 4)


def nd_options(options: Any) -> list[Any]:
    c = classes()
    if not options:
        return []
    if isinstance(options, bytes | bytearray):
        return [c.Raw(load=bytes(options))]
    out = []
    for name, value in options:
        if name == "src-lladdr":
            out.append(c.ICMPv6NDOptSrcLLAddr(lladdr=_mac(value)))
        elif name == "tgt-lladdr":
            out.append(c.ICMPv6NDOptDstLLAddr(lladdr=_mac(value)))
        elif name == "mtu":
            out.append(c.ICMPv6NDOptMTU(mtu=value))
        elif name == "redirected":
            body = bytes(value) + b"\0" * (-len(value) % 8)
            out.append(c.ICMPv6NDOptRedirectedHdr(len=1 + len(body) // 8, pkt=body))
        else:
            f = dict(value)
            if name == "prefix-info":
                out.append(c.ICMPv6NDOptPrefixInfo(
                    prefixlen=f["length"], L=f["flags"] >> 2 & 1, A=f["flags"] >> 1 & 1,
                    R=f["flags"] & 1, validlifetime=f["valid"],
                    preferredlifetime=f["preferred"], prefix=_ipv6(f["prefix"])))
            elif name == "rdnss":
                out.append(c.ICMPv6NDOptRDNSS(res=0, lifetime=f["lifetime"],
                                              dns=[_ipv6(a) for a in f["servers"]]))
            else:  # dnssl
                out.append(c.ICMPv6NDOptDNSSL(res=0, lifetime=f["lifetime"],
                                              searchlist=list(f["domains"])))
    return out


_ND = {"ICMPv6ND_RS", "ICMPv6ND_RA", "ICMPv6ND_NS", "ICMPv6ND_NA", "ICMPv6ND_Redirect"}


def read_icmpv6(s: SimpleNamespace, p: Any) -> tuple[str, dict[str, Any]]:
    c = classes()
    raw = bytes(p.original)
    code = p.res if isinstance(p, c.ICMPv6MLReport2) else p.code  # RFC 3810: reserved
    v: dict[str, Any] = {"type": p.type, "code": code, "checksum": p.cksum}
    cls = type(p).__name__
    if isinstance(p, c.ICMPv6EchoRequest | c.ICMPv6EchoReply):
        v.update(id=p.id, seq=p.seq)
    elif isinstance(p, c.ICMPv6DestUnreach | c.ICMPv6TimeExceeded):
        v["unused"] = p.length << 24 | p.unused
    elif isinstance(p, c.ICMPv6PacketTooBig):
        v["mtu"] = p.mtu
    elif isinstance(p, c.ICMPv6ParamProblem):
        v["pointer"] = p.ptr
    elif isinstance(p, c.ICMPv6MLQuery2):
        v.update(mrd=p.mrd, reserved=p.reserved, group=_ip6_bytes(p.mladdr), version=2,
                 resv=p.Resv, suppress=p.S, qrv=p.QRV, qqic=p.QQIC, nsources=p.sources_number,
                 sources=tuple(_ip6_bytes(a) for a in p.sources))
    elif isinstance(p, c.ICMPv6MLQuery | c.ICMPv6MLReport | c.ICMPv6MLDone):
        v.update(mrd=p.mrd, reserved=p.reserved, group=_ip6_bytes(p.mladdr))
        if p.type == 130:
            v["version"] = 1
    elif isinstance(p, c.ICMPv6MLReport2):
        v.update(reserved=p.reserved, nrecords=p.records_number)
    elif isinstance(p, c.ICMPv6ND_NA):
        v.update(flags=(p.R << 2) | (p.S << 1) | p.O, reserved=p.res, target=_ip6_bytes(p.tgt))
    elif isinstance(p, c.ICMPv6ND_NS):
        v.update(reserved=p.res, target=_ip6_bytes(p.tgt))
    elif isinstance(p, c.ICMPv6ND_RS):
        v.update(reserved=p.res)
    elif isinstance(p, c.ICMPv6ND_RA):
        v.update(hlim=p.chlim, raflags=p.M << 2 | p.O << 1 | p.H, prf=p.prf,
                 reserved=p.P << 2 | p.res, lifetime=p.routerlifetime,
                 reachable=p.reachabletime, retrans=p.retranstimer)
    elif isinstance(p, c.ICMPv6ND_Redirect):
        v.update(reserved=p.res, target=_ip6_bytes(p.tgt), dest=_ip6_bytes(p.dst))
    else:
        v.update(id=int.from_bytes(raw[4:6], "big"), seq=int.from_bytes(raw[6:8], "big"))
    if cls in _ND:
        start = {"ICMPv6ND_RS": 8, "ICMPv6ND_RA": 16, "ICMPv6ND_Redirect": 40}.get(cls, 24)
        v["options"] = _nd_options_from_scapy(s, p, raw[start:])
    return "icmpv6", v


def icmpv6_rest(p: Any, v: dict[str, Any]) -> bytes:
    """What follows the message's own fields (an error's quoted packet, an
    echo's data); none after ND options or MLDv2 lists."""
    if "options" in v or v["type"] == 143 or v.get("version") == 2:
        return b""
    return bytes(p.original)[24 if v["type"] in (130, 131, 132) else 8:]


def _nd_options_from_scapy(s: SimpleNamespace, p: Any, raw: bytes) -> Any:
    """Craft's named form of the options scapy found, when each is one craft
    names and the named form is exactly ``raw``; else the bytes."""
    from craft.layers.ndopts import options_bytes

    c = classes()
    named: list[tuple[str, Any]] = []
    opt = p.payload
    while opt is not None and type(opt).__name__ not in ("NoPayload", "Padding"):
        if isinstance(opt, c.ICMPv6NDOptSrcLLAddr | c.ICMPv6NDOptDstLLAddr):
            # scapy's DstLLAddr is a subclass of its SrcLLAddr
            name = "tgt-lladdr" if isinstance(opt, c.ICMPv6NDOptDstLLAddr) else "src-lladdr"
            named.append((name, _mac_bytes(opt.lladdr)))
        elif isinstance(opt, c.ICMPv6NDOptPrefixInfo):
            named.append(("prefix-info", (
                ("prefix", _ip6_bytes(opt.prefix)), ("length", opt.prefixlen),
                ("flags", opt.L << 2 | opt.A << 1 | opt.R), ("valid", opt.validlifetime),
                ("preferred", opt.preferredlifetime))))
        elif isinstance(opt, c.ICMPv6NDOptMTU):
            named.append(("mtu", opt.mtu))
        elif isinstance(opt, c.ICMPv6NDOptRDNSS):
            named.append(("rdnss", (("lifetime", opt.lifetime),
                                    ("servers", tuple(_ip6_bytes(a) for a in opt.dns)))))
        elif isinstance(opt, c.ICMPv6NDOptDNSSL):
            named.append(("dnssl", (("lifetime", opt.lifetime), ("domains", tuple(
                d.decode().rstrip(".") if isinstance(d, bytes) else d.rstrip(".")
                for d in opt.searchlist)))))
        elif isinstance(opt, c.ICMPv6NDOptRedirectedHdr):
            named.append(("redirected", bytes(opt.original)[8:]))
        else:
            return raw
        opt = opt.payload
    try:
        return tuple(named) if options_bytes(tuple(named)) == raw else raw
    except (ValueError, TypeError, KeyError):
        return raw


# --- igmp ------------------------------------------------------------------------------


def _mrt(code: int) -> int:
    """RFC 3376 §4.1.1: the max resp time a code stands for (scapy takes the
    time and encodes it)."""
    return code if code < 128 else ((code & 0x0F) | 0x10) << (((code >> 4) & 7) + 3)


def igmp(s: SimpleNamespace, v: dict[str, Any], inner: str | None) -> Any:
    c = classes()
    t = v["type"]
    mrcode = v["mrcode"]
    if mrcode is None:
        mrcode = 100 if t == 0x11 and v["version"] != 1 else 0
    if t == 0x11 and v["version"] == 3:
        return c.IGMPv3_MQ(mrcode=_mrt(mrcode), chksum=v["checksum"], gaddr=_ipv4(v["group"]),
                           flags=v["resv"], s=v["suppress"], qrv=v["qrv"], qqic=v["qqic"],
                           numsrc=v["nsources"], srcaddrs=[_ipv4(a) for a in v["sources"]])
    if t == 0x22:
        records = v["records"]
        pkt = c.IGMPv3_MR(reserved=mrcode, chksum=v["checksum"], flags=v["reserved"],
                          numgrp=v["nrecords"])
        if isinstance(records, bytes | bytearray):
            if v["nrecords"] is None:
                from craft.layers.mcast import count

                pkt.numgrp = count(records, 4)
            return _chain(pkt, [c.Raw(load=bytes(records))] if records else [])
        groups = []
        for name, val in records:
            r = dict(val)
            aux = _pad4(r["aux"])
            # scapy's group record has no aux data field: it rides as the
            # record's trailing bytes (auxdlen given)
            g = c.IGMPv3_MR_Group(rtype=_RECORD_TYPES[name], auxdlen=len(aux) // 4,
                                  numsrc=len(r["sources"]), maddr=_ipv4(r["group"]),
                                  srcaddrs=[_ipv4(a) for a in r["sources"]])
            groups.append(c.Raw(load=bytes(g) + aux) if aux else g)
        if any(isinstance(g, c.Raw) for g in groups):
            if v["nrecords"] is None:
                pkt.numgrp = len(groups)
            return _chain(pkt, [c.Raw(load=b"".join(bytes(g) for g in groups))])
        pkt.records = groups
        return pkt
    cls = {0x11: c.IGMP_MQ, 0x12: c.IGMP_MR, 0x16: c.IGMPv2_MR, 0x17: c.IGMPv2_LG}.get(t, c.IGMP)
    return cls(type=t, mrcode=mrcode, chksum=v["checksum"], gaddr=_ipv4(v["group"]))


def read_igmp(s: SimpleNamespace, p: Any) -> tuple[str, dict[str, Any]]:
    raw = bytes(p.original)
    v: dict[str, Any] = {"type": p.type, "checksum": p.chksum}
    name = type(p).__name__
    if name == "IGMPv3_MQ":
        v.update(mrcode=raw[1], version=3, group=_ip4_bytes(p.gaddr), resv=int(p.flags),
                 suppress=p.s,
                 qrv=p.qrv, qqic=p.qqic, nsources=p.numsrc,
                 sources=tuple(_ip4_bytes(a) for a in p.srcaddrs))
    elif name == "IGMPv3_MR":
        v.update(mrcode=p.reserved, reserved=int(p.flags), nrecords=p.numgrp)
    else:
        v.update(mrcode=raw[1], group=_ip4_bytes(p.gaddr))
        if p.type == 0x11:
            v["version"] = 1 if raw[1] == 0 else 2
    return "igmp", v


def igmp_rest(p: Any, v: dict[str, Any]) -> bytes:
    if v["type"] == 0x22 or v.get("version") == 3:
        return b""
    return bytes(p.original)[8:]




def _icmp_rest(p: Any, v: dict[str, Any]) -> bytes:
    t = v["type"]
    size = 20 if t in (13, 14) else 12 if t in (17, 18) else 8
    if t == 9:
        size = 8 + 4 * v["num"] * v["size"]
    return bytes(p.original)[size:]


# layer -> what follows its own fields in scapy's reading (scapy_.dissect)
REST = {"icmp": _icmp_rest, "icmpv6": icmpv6_rest, "igmp": igmp_rest}
IGMP_CLASSES = ("IGMP", "IGMP_MQ", "IGMP_MR", "IGMPv2_MR", "IGMPv2_LG", "IGMPv3_MQ", "IGMPv3_MR")
