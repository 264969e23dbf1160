"""The scapy encoder's mappings for IPv6 extension headers and named IPv4
options, and scapy's reading of them back: the IP half of
craft/encode/scapy_.py, which merges ``MAPPINGS`` and ``DISSECT`` into its
tables.

Each maps craft's values onto scapy's own classes (IPv6ExtHdrHopByHop,
IPv6ExtHdrDestOpt, IPv6ExtHdrRouting, IPv6ExtHdrSegmentRouting,
IPv6ExtHdrFragment, IPOption_*), so that scapy computes lengths, padding,
segments-left and last-entry its own way; the cross-check holds craft's
struct encoder against that. Scapy is imported on first use only.
"""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from craft.layers.address import ipv4_text as _ipv4
from craft.layers.address import ipv6_text as _ipv6
from craft.layers.bindings import NUMBER

# craft layers that scapy does not bind after an IPv6 extension header (its
# nh would stay at 59): the binding table's number is passed
_NOT_BOUND_IN_SCAPY = frozenset({"icmp"})


@functools.cache
def classes() -> SimpleNamespace:
    from scapy.layers import inet, inet6
    from scapy.packet import Raw

    names6 = ("IPv6ExtHdrHopByHop", "IPv6ExtHdrDestOpt", "IPv6ExtHdrRouting",
              "IPv6ExtHdrSegmentRouting", "IPv6ExtHdrFragment", "Pad1", "PadN", "RouterAlert",
              "Jumbo", "HAO", "_IPv6ExtHdr", "IPv6", "fragment6")
    names4 = ("IPOption", "IPOption_EOL", "IPOption_NOP", "IPOption_RR", "IPOption_LSRR",
              "IPOption_SSRR", "IPOption_Timestamp", "IPOption_Router_Alert",
              "IPOption_Security", "IP", "fragment")
    return SimpleNamespace(Raw=Raw, **{n.lstrip("_"): getattr(inet6, n) for n in names6},
                           **{n: getattr(inet, n) for n in names4})


def _nh(name: str, v: dict[str, Any], inner: str | None) -> dict[str, int]:
    """The next header keyword: given, or left to scapy's own bindings where
    craft's table knows the next layer, or 59 (no next header)."""
    if v["nh"] is not None:
        return {"nh": v["nh"]}
    if (name, inner) in NUMBER and inner not in _NOT_BOUND_IN_SCAPY:
        return {}
    return {"nh": NUMBER.get((name, inner), 59)}


# --- hop-by-hop and destination options ---------------------------------------------


def _pad_option(c: SimpleNamespace, n: int) -> bytes:
    if n == 0:
        return b""
    return bytes(c.Pad1()) if n == 1 else bytes(c.PadN(optdata=b"\0" * (n - 2)))


def _ip6_options(c: SimpleNamespace, options: Any) -> dict[str, Any]:
    if isinstance(options, bytes | bytearray):
        raw = bytes(options)
        raw += _pad_option(c, -(2 + len(raw)) % 8)
        return {"autopad": 0, "options": [c.Raw(load=raw)] if raw else []}
    make = {
        "pad1": lambda _v: c.Pad1(),
        "padn": lambda n: c.PadN(optdata=b"\0" * n),
        "router-alert": lambda n: c.RouterAlert(value=n),
        "jumbo": lambda n: c.Jumbo(jumboplen=n),
        "home-address": lambda a: c.HAO(hoa=_ipv6(a)),
    }
    return {"options": [make[name](value) for name, value in options]}


def hop_by_hop(s: Any, v: dict[str, Any], inner: str | None) -> Any:
    c = classes()
    return c.IPv6ExtHdrHopByHop(len=v["len"], **_nh("hop-by-hop", v, inner),
                                **_ip6_options(c, v["options"]))


def dest_opts(s: Any, v: dict[str, Any], inner: str | None) -> Any:
    c = classes()
    return c.IPv6ExtHdrDestOpt(len=v["len"], **_nh("dest-opts", v, inner),
                               **_ip6_options(c, v["options"]))


_OPTION_NAMES = {"Pad1": "pad1", "PadN": "padn", "RouterAlert": "router-alert",
                 "Jumbo": "jumbo", "HAO": "home-address"}


def _read_ip6_options(c: SimpleNamespace, p: Any, name: str) -> tuple[str, dict[str, Any]]:
    raw = bytes(p.original)[2:(p.len + 1) * 8]
    named: list[tuple[str, Any]] = []
    kept = []
    for o in p.options:
        word = _OPTION_NAMES.get(type(o).__name__)
        if word is None or (word == "padn" and any(o.optdata)):
            named = []
            kept = []
            break
        value: Any = None
        if word == "padn":
            value = len(o.optdata)
        elif word == "router-alert":
            value = o.value
        elif word == "jumbo":
            value = o.jumboplen
        elif word == "home-address":
            value = ipaddress.IPv6Address(o.hoa).packed
        named.append((word, value))
        kept.append(o)
    options: Any = raw
    field = p.get_field("options")
    if kept:
        bare = [(n, o) for n, o in zip(named, kept, strict=True) if n[0] not in ("pad1", "padn")]
        if field.i2m(p, [o for _n, o in bare]) == raw:
            options = tuple(n for n, _o in bare)
        elif field.i2m(p, kept) == raw:
            options = tuple(named)
    elif raw == _pad_option(c, 6):
        options = ()
    return name, {"nh": p.nh, "len": p.len, "options": options}


# --- routing and fragment -------------------------------------------------------------


def routing(s: Any, v: dict[str, Any], inner: str | None) -> Any:
    c = classes()
    addrs = [_ipv6(a) for a in v["addresses"]]
    data = bytes(v["data"] or b"")
    if v["type"] == 4:
        f = v["flags"]
        segleft = v["segleft"]
        if segleft is None and len(addrs) <= 1:
            # scapy's in6_chksum reads an unset segleft as segments left; the
            # one it would compute is 0: given, so the final-destination rule
            # sees what goes on the wire
            segleft = 0
        pkt = c.IPv6ExtHdrSegmentRouting(
            len=v["len"], segleft=segleft, lastentry=v["lastentry"],
            unused1=f >> 7, protected=f >> 6 & 1, oam=f >> 5 & 1, alert=f >> 4 & 1,
            hmac=f >> 3 & 1, unused2=f & 7, tag=v["tag"], addresses=addrs,
            tlv_objects=[c.Raw(load=data)] if data else [], **_nh("routing", v, inner))
        return pkt
    if not data:
        return c.IPv6ExtHdrRouting(len=v["len"], type=v["type"], segleft=v["segleft"],
                                   reserved=v["reserved"], addresses=addrs,
                                   **_nh("routing", v, inner))
    # bytes after the addresses: scapy's length counts addresses only, so the
    # length and next header are given and the bytes ride as the header's tail
    data += b"\0" * (-len(data) % 8)
    length = v["len"] if v["len"] is not None else (8 + 16 * len(addrs) + len(data)) // 8 - 1
    nh = v["nh"] if v["nh"] is not None else NUMBER.get(("routing", inner), 59)
    pkt = c.IPv6ExtHdrRouting(nh=nh, len=length, type=v["type"], segleft=v["segleft"],
                              reserved=v["reserved"], addresses=addrs)
    pkt.add_payload(c.Raw(load=data))
    return pkt


def fragment(s: Any, v: dict[str, Any], inner: str | None) -> Any:
    return classes().IPv6ExtHdrFragment(res1=v["res1"], offset=v["offset"], res2=v["res2"],
                                        m=v["m"], id=v["id"], **_nh("fragment", v, inner))


def _read_routing(s: Any, p: Any) -> tuple[str, dict[str, Any]]:
    raw = bytes(p.original)
    hlen = (p.len + 1) * 8
    addrs = tuple(ipaddress.IPv6Address(a).packed for a in p.addresses)
    return "routing", {"nh": p.nh, "len": p.len, "type": p.type, "segleft": p.segleft,
                       "reserved": p.reserved, "addresses": addrs,
                       "data": raw[8 + 16 * len(addrs):hlen]}


def _read_srh(s: Any, p: Any) -> tuple[str, dict[str, Any]]:
    raw = bytes(p.original)
    hlen = (p.len + 1) * 8
    addrs = tuple(ipaddress.IPv6Address(a).packed for a in p.addresses)
    flags = (p.unused1 << 7 | p.protected << 6 | p.oam << 5 | p.alert << 4 | p.hmac << 3
             | p.unused2)
    return "routing", {"nh": p.nh, "len": p.len, "type": p.type, "segleft": p.segleft,
                       "lastentry": p.lastentry, "flags": flags, "tag": p.tag,
                       "addresses": addrs, "data": raw[8 + 16 * len(addrs):hlen]}


def _read_fragment(s: Any, p: Any) -> tuple[str, dict[str, Any]]:
    return "fragment", {"nh": p.nh, "res1": p.res1, "offset": p.offset, "res2": p.res2,
                        "m": p.m, "id": p.id}


def ext_header_between(chain: list[Any], ip: Any, layer: Any) -> bool:
    """Only IPv6 extension headers lie between ``ip`` and ``layer`` in
    ``chain``: scapy's own in6_chksum then follows craft's contract (the
    routing header's final destination, RFC 8200 §8.1)."""
    c = classes()
    if not isinstance(ip, c.IPv6):
        return False
    between = chain[chain.index(ip) + 1:chain.index(layer)]
    return bool(between) and all(isinstance(x, c.IPv6ExtHdr) for x in between)


Mapping = Callable[[Any, dict[str, Any], str | None], Any]
MAPPINGS: dict[str, Mapping] = {
    "hop-by-hop": hop_by_hop,
    "dest-opts": dest_opts,
    "routing": routing,
    "fragment": fragment,
}
DISSECT: dict[str, Callable[[Any, Any], tuple[str, dict[str, Any]]]] = {
    "IPv6ExtHdrHopByHop": lambda s, p: _read_ip6_options(classes(), p, "hop-by-hop"),
    "IPv6ExtHdrDestOpt": lambda s, p: _read_ip6_options(classes(), p, "dest-opts"),
    "IPv6ExtHdrRouting": _read_routing,
    "IPv6ExtHdrSegmentRouting": _read_srh,
    "IPv6ExtHdrFragment": _read_fragment,
}

__all__ = ["DISSECT", "MAPPINGS", "classes", "ext_header_between", "_ipv4"]


# --- IPv4 options -----------------------------------------------------------------------


def ipv4_options(options: Any) -> list[Any]:
    """Craft's ipv4.options as scapy's IPOption classes; bytes stay one
    opaque option (scapy pads them to 32 bits as RFC 791 requires and does
    not reinterpret source routes)."""
    if not options:
        return []
    if isinstance(options, bytes | bytearray):
        return [bytes(options)]
    c = classes()
    out = []
    for name, value in options:
        if name == "eol":
            out.append(c.IPOption_EOL())
        elif name == "nop":
            out.append(c.IPOption_NOP())
        elif name in ("record-route", "lsrr", "ssrr"):
            cls = {"record-route": c.IPOption_RR, "lsrr": c.IPOption_LSRR,
                   "ssrr": c.IPOption_SSRR}[name]
            out.append(cls(routers=[_ipv4(a) for a in value]))
        elif name == "router-alert":
            out.append(c.IPOption_Router_Alert(alert=value))
        elif name == "security":
            s, comp, h, tcc = value
            out.append(c.IPOption_Security(security=s, compartment=comp,
                                           handling_restrictions=h,
                                           transmission_control_code=tcc.to_bytes(3, "big")))
        else:  # timestamp: scapy's class holds one address/time pair
            flag, entries = value
            if flag in (1, 3) and len(entries) == 1:
                # pointer 5, the first slot (RFC 791); scapy's default 9 is past its one entry
                out.append(c.IPOption_Timestamp(pointer=5, oflw=0, flg=flag,
                                                internet_address=_ipv4(entries[0][0]),
                                                timestamp=entries[0][1]))
            else:
                body = b"".join(t.to_bytes(4, "big") if flag == 0
                                else t[0] + t[1].to_bytes(4, "big") for t in entries)
                out.append(c.IPOption(copy_flag=0, optclass=2, option=4,
                                      value=bytes([5, flag]) + body))
    return out


_IP4_ROUTES = {"IPOption_RR": "record-route", "IPOption_LSRR": "lsrr", "IPOption_SSRR": "ssrr"}


def _read_ipv4_option(o: Any) -> tuple[str, Any] | None:
    cls = type(o).__name__
    raw = bytes(o)
    if cls == "IPOption_EOL":
        return "eol", None
    if cls == "IPOption_NOP":
        return "nop", None
    if cls in _IP4_ROUTES:
        return _IP4_ROUTES[cls], tuple(ipaddress.IPv4Address(a).packed for a in o.routers)
    if cls == "IPOption_Router_Alert":
        return "router-alert", o.alert
    if cls == "IPOption_Security":
        return "security", (o.security, o.compartment, o.handling_restrictions,
                            int.from_bytes(bytes(o.transmission_control_code), "big"))
    if raw[:1] == b"\x44" and len(raw) >= 4:  # timestamp, read by position (RFC 791)
        flag, body = raw[3] & 0xF, raw[4:]
        if flag == 0:
            return "timestamp", (0, tuple(int.from_bytes(body[i:i + 4], "big")
                                          for i in range(0, len(body), 4)))
        return "timestamp", (flag, tuple((body[i:i + 4], int.from_bytes(body[i + 4:i + 8], "big"))
                                         for i in range(0, len(body), 8)))
    return None


def read_ipv4_options(p: Any, raw: bytes) -> Any:
    """Scapy's reading of the options in craft's named form when building
    the named list back through scapy gives exactly ``raw``; else ``raw``."""
    if not raw:
        return ()
    named, objs = [], list(p.options)
    for o in objs:
        one = _read_ipv4_option(o)
        if one is None:
            return raw
        named.append(one)
    while named and named[-1][0] == "eol":
        named.pop()
    for candidate in (tuple(named), (*named, ("eol", None))):
        built = b"".join(bytes(x) for x in ipv4_options(candidate))
        if built + b"\0" * (-len(built) % 4) == raw:
            return candidate
    return raw


# --- fragments (craft/layers/fragmenting.py) --------------------------------------------


def fragment(frame: Any, build: Callable[[], Any], checksums: Callable[[Any], None]) -> bytes:
    """Fragment ``frame.fragment.k`` of the datagram scapy builds from
    ``build()``: cut by scapy's own fragment()/fragment6() for an mtu, by
    hand from scapy layers for explicit pieces; once per datagram."""
    frag = frame.fragment
    got = frag.cache.get("scapy")
    if got is None:
        got = frag.cache["scapy"] = _cut(frag.directive, build(), checksums)
        if len(got) != frag.n:
            raise ValueError(f"scapy cut the datagram into {len(got)} fragments, "
                             f"the profile model counted {frag.n}")
    return got[frag.k]


def _chain(pkt: Any) -> list[Any]:
    out = []
    while pkt is not None and type(pkt).__name__ != "NoPayload":
        out.append(pkt)
        pkt = pkt.payload
    return out


def _cut(d: Any, pkt: Any, checksums: Callable[[Any], None]) -> list[bytes]:
    c = classes()
    chain = _chain(pkt)
    ip = next(x for x in chain if isinstance(x, c.IP | c.IPv6))
    if isinstance(ip, c.IP):
        return _cut4(c, d, pkt, ip, checksums)
    return _cut6(c, d, pkt, chain, ip, checksums)


def _pieces(d: Any, total: int) -> list[Any]:
    from craft.layers.fragmenting import explicit_pieces

    return explicit_pieces(d.pieces, total)


def _chunk(data: bytes, p: Any) -> bytes:
    return data[p.offset:p.offset + p.length] if p.fill is None else bytes([p.fill]) * p.length


def _cut4(c: SimpleNamespace, d: Any, pkt: Any, ip: Any, checksums: Any) -> list[bytes]:
    checksums(pkt)
    built = c.IP(bytes(ip))  # scapy's reading of its own header: options, protocol
    hlen = len(bytes(ip)) - len(bytes(ip.payload))
    copied = [o for o in built.options if o.copy_flag]  # RFC 791 §3.2
    if d.mtu:
        frags = c.fragment(pkt, fragsize=d.mtu - hlen)
        firsts = [f[c.IP].frag == ip.frag for f in frags]
    else:
        data = bytes(ip.payload)
        frags, firsts = [], []
        for p in _pieces(d, len(data)):
            q = pkt.copy()
            q[c.IP].remove_payload()
            del q[c.IP].chksum
            del q[c.IP].len
            q[c.IP].proto = built.proto
            if p.mf:
                q[c.IP].flags = int(q[c.IP].flags) | 1
            q[c.IP].frag += p.offset // 8
            q[c.IP].add_payload(c.Raw(load=_chunk(data, p)))
            frags.append(q)
            firsts.append(p.offset == 0)
    out = []
    for f, first in zip(frags, firsts, strict=True):
        if not first and ip.options:
            f[c.IP].options = copied
        out.append(bytes(f))
    return out


def _cut6(c: SimpleNamespace, d: Any, pkt: Any, chain: list[Any], ip: Any,
          checksums: Any) -> list[bytes]:
    fh = next((x for x in chain if isinstance(x, c.IPv6ExtHdrFragment)), None)
    if fh is None:  # after the unfragmentable part (RFC 8200 §4.5)
        i = chain.index(ip) + 1
        run = i
        while run < len(chain) and isinstance(
                chain[run], c.IPv6ExtHdrHopByHop | c.IPv6ExtHdrDestOpt | c.IPv6ExtHdrRouting
                | c.IPv6ExtHdrSegmentRouting):
            run += 1
        routing = [k for k in range(i, run) if isinstance(
            chain[k], c.IPv6ExtHdrRouting | c.IPv6ExtHdrSegmentRouting)]
        if routing:
            i = routing[-1] + 1
        elif i < run and isinstance(chain[i], c.IPv6ExtHdrHopByHop):
            i += 1
        before = chain[i - 1]
        rest = before.payload
        before.remove_payload()
        fh = c.IPv6ExtHdrFragment(id=d.id)
        before.add_payload(fh)
        if type(rest).__name__ != "NoPayload":
            fh.add_payload(rest)
    checksums(pkt)
    if d.mtu:
        link = len(bytes(pkt)) - len(bytes(ip))
        return [bytes(f) for f in c.fragment6(pkt, d.mtu + link)]
    data = bytes(fh.payload)
    nh = fh.nh
    out = []
    for p in _pieces(d, len(data)):
        q = pkt.copy()
        f = q[c.IPv6ExtHdrFragment]
        f.remove_payload()
        f.nh, f.offset, f.m = nh, p.offset // 8, 1 if p.mf else 0
        q[c.IPv6].plen = None
        f.add_payload(c.Raw(load=_chunk(data, p)))
        out.append(bytes(q))
    return out
