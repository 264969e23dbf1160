"""The scapy mappings of pppoed, pppoes, ppp, lcp and ipcp, and scapy's
reading of them back: craft's values onto scapy's own classes
(scapy.layers.ppp: PPPoED and PPPoED_Tags/PPPoETag, PPPoE, PPP,
PPP_LCP_Configure and the PPP_LCP_*_Option classes, PPP_LCP_Echo,
PPP_LCP_Terminate, PPP_LCP_Protocol_Reject, PPP_LCP_Discard_Request,
PPP_IPCP and its options), so that scapy computes the PPPoE and control
packet lengths, the option and tag lengths and PPP's protocol its own way.
craft/encode/scapy_.py merges ``MAPPINGS`` and ``DISSECT`` into its tables.

Where scapy has no class for something craft names (LCP options without a
class of their own: pfc, acfc, mrru...; IPCP options other than the
addresses) its generic option class carries the value's bytes, packed
here. Scapy binds PPPoE to Ethernet only: the two ethertypes after an
802.1Q tag are bound here. Scapy is imported on first use only
(docs/architecture.md, rule 4).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from craft.layers.address import ipv4_bytes as _ip4_bytes
from craft.layers.address import ipv4_text as _ipv4
from craft.layers.bindings import NUMBER
from craft.layers.ether import ETHERTYPES
from craft.layers.ppp import IPV4

# craft's option and tag numbers (the layer modules' tables, read for their
# numbers only: the bytes are scapy's)
_TAGS = {"end-of-list": 0x0000, "service-name": 0x0101, "ac-name": 0x0102, "host-uniq": 0x0103,
         "ac-cookie": 0x0104, "vendor-specific": 0x0105, "relay-session-id": 0x0110,
         "ppp-max-payload": 0x0120, "service-name-error": 0x0201, "ac-system-error": 0x0202,
         "generic-error": 0x0203}
_TEXT_TAGS = frozenset({"service-name", "ac-name", "service-name-error", "ac-system-error",
                        "generic-error"})
_LCP = {"mru": 1, "accm": 2, "auth-protocol": 3, "quality-protocol": 4, "magic-number": 5,
        "pfc": 7, "acfc": 8, "fcs-alternatives": 9, "self-describing-pad": 10, "callback": 13,
        "mrru": 17, "short-seq": 18, "endpoint-discriminator": 19, "link-discriminator": 23}
# generic-class LCP options: value width in bytes (0: none), or "pair" (a number byte, hex)
_LCP_PLAIN = {"pfc": 0, "acfc": 0, "short-seq": 0, "fcs-alternatives": 1,
              "self-describing-pad": 1, "mrru": 2, "link-discriminator": 2}
_LCP_PAIR = {"endpoint-discriminator": ("class", "address")}
_IPCP = {"ip-addresses": 1, "ip-compression-protocol": 2, "ip-address": 3, "mobile-ipv4": 4,
         "primary-dns": 129, "primary-nbns": 130, "secondary-dns": 131, "secondary-nbns": 132}
_IPCP_ADDR = frozenset({"ip-address", "mobile-ipv4", "primary-dns", "primary-nbns",
                        "secondary-dns", "secondary-nbns"})
_CHAP = 0xC223


@functools.cache
def classes() -> SimpleNamespace:
    """scapy.layers.ppp's classes, imported once; PPPoE bound after 802.1Q."""
    from scapy.layers import ppp
    from scapy.layers.l2 import Dot1Q
    from scapy.packet import NoPayload, Padding, Raw, bind_layers

    bind_layers(Dot1Q, ppp.PPPoED, type=ETHERTYPES["pppoed"])
    bind_layers(Dot1Q, ppp.PPPoE, type=ETHERTYPES["pppoes"])
    names = ("PPPoED PPPoED_Tags PPPoETag PPPoE PPP PPP_LCP PPP_LCP_Configure PPP_LCP_Terminate "
             "PPP_LCP_Code_Reject PPP_LCP_Protocol_Reject PPP_LCP_Echo PPP_LCP_Discard_Request "
             "PPP_LCP_Option PPP_LCP_MRU_Option PPP_LCP_ACCM_Option PPP_LCP_Auth_Protocol_Option "
             "PPP_LCP_Quality_Protocol_Option PPP_LCP_Magic_Number_Option "
             "PPP_LCP_Callback_Option PPP_IPCP PPP_IPCP_Option PPP_IPCP_Option_IPAddress").split()
    return SimpleNamespace(**{n: getattr(ppp, n) for n in names}, Raw=Raw, Padding=Padding,
                           NoPayload=NoPayload)


# --- craft values -> scapy -------------------------------------------------------------


def _tag(c: SimpleNamespace, name: str, value: Any) -> Any:
    if name == "end-of-list":
        body = b""
    elif name == "ppp-max-payload":
        body = value.to_bytes(2, "big")
    elif name == "vendor-specific":
        v = dict(value)
        body = v["vendor"].to_bytes(4, "big") + bytes(v["data"])
    else:  # text (service-name, ac-name, the errors) or hex
        body = value.encode() if isinstance(value, str) else bytes(value)
    return c.PPPoETag(tag_type=_TAGS[name], tag_value=body)


def pppoed(s: Any, v: dict[str, Any], inner: str | None) -> Any:
    c = classes()
    pkt = c.PPPoED(version=v["version"], type=v["type"], code=v["code"],
                   sessionid=v["sessionid"], len=v["len"])
    tags = v["tags"]
    if isinstance(tags, bytes | bytearray):
        if tags:
            pkt.add_payload(c.Raw(load=bytes(tags)))
    elif tags:
        pkt.add_payload(c.PPPoED_Tags(tag_list=[_tag(c, n, x) for n, x in tags]))
    return pkt


def pppoes(s: Any, v: dict[str, Any], inner: str | None) -> Any:
    return classes().PPPoE(version=v["version"], type=v["type"], code=v["code"],
                           sessionid=v["sessionid"], len=v["len"])


def ppp(s: Any, v: dict[str, Any], inner: str | None) -> Any:
    # computed: left out when something bound follows (scapy's bind_layers
    # give the number, which checks craft's table); else scapy's default
    if v["proto"] is None:
        return classes().PPP() if ("ppp", inner) in NUMBER else classes().PPP(proto=IPV4)
    return classes().PPP(proto=v["proto"])


def _lcp_option(c: SimpleNamespace, name: str, value: Any) -> Any:
    if name == "mru":
        return c.PPP_LCP_MRU_Option(max_recv_unit=value)
    if name == "accm":
        return c.PPP_LCP_ACCM_Option(accm=value)
    if name == "magic-number":
        return c.PPP_LCP_Magic_Number_Option(magic_number=value)
    if name == "auth-protocol":
        proto, data = dict(value)["protocol"], bytes(dict(value)["data"])
        if proto == _CHAP and len(data) == 1:
            return c.PPP_LCP_Auth_Protocol_Option(auth_protocol=proto, algorithm=data[0])
        if proto not in (_CHAP, 0xC023):  # scapy's length rule: 5 for CHAP, 4 for PAP
            return c.PPP_LCP_Auth_Protocol_Option(auth_protocol=proto, data=data)
        return c.PPP_LCP_Option(type=3, data=proto.to_bytes(2, "big") + data)
    if name == "quality-protocol":
        d = dict(value)
        return c.PPP_LCP_Quality_Protocol_Option(quality_protocol=d["protocol"],
                                                 data=bytes(d["data"]))
    if name == "callback":
        d = dict(value)
        return c.PPP_LCP_Callback_Option(operation=d["operation"], message=bytes(d["message"]))
    if name in _LCP_PAIR:
        number, rest = (dict(value)[k] for k in _LCP_PAIR[name])
        return c.PPP_LCP_Option(type=_LCP[name], data=bytes([number]) + bytes(rest))
    width = _LCP_PLAIN[name]
    return c.PPP_LCP_Option(type=_LCP[name], data=value.to_bytes(width, "big") if width else b"")


def _ipcp_option(c: SimpleNamespace, name: str, value: Any) -> Any:
    if name in _IPCP_ADDR:
        return c.PPP_IPCP_Option_IPAddress(type=_IPCP[name], data=_ipv4(value))
    d = dict(value)
    if name == "ip-addresses":
        body = bytes(d["source"]) + bytes(d["destination"])
    else:  # ip-compression-protocol
        body = d["protocol"].to_bytes(2, "big") + bytes(d["data"])
    return c.PPP_IPCP_Option(type=_IPCP[name], data=body)


def lcp(s: Any, v: dict[str, Any], inner: str | None) -> Any:
    c = classes()
    code, head = v["code"], {"code": v["code"], "id": v["id"], "len": v["len"]}
    if code in (1, 2, 3, 4):
        opts = v["options"]
        if isinstance(opts, bytes | bytearray):  # scapy's generic LCP: len over its data
            return c.PPP_LCP(**head, data=bytes(opts))
        return c.PPP_LCP_Configure(**head, options=[_lcp_option(c, n, x) for n, x in opts])
    if code in (9, 10):
        return c.PPP_LCP_Echo(**head, magic_number=v["magic"], data=v["data"])
    if code == 11:
        return c.PPP_LCP_Discard_Request(**head, magic_number=v["magic"], data=v["data"])
    if code == 8:
        return c.PPP_LCP_Protocol_Reject(**head, rejected_protocol=v["rejected"],
                                         rejected_information=c.Raw(load=v["data"]))
    return c.PPP_LCP(**head, data=v["data"])  # terminate, code-reject, other codes


def ipcp(s: Any, v: dict[str, Any], inner: str | None) -> Any:
    c = classes()
    head = {"code": v["code"], "id": v["id"], "len": v["len"]}
    opts = v["options"] if v["code"] in (1, 2, 3, 4) else v["data"]
    if isinstance(opts, bytes | bytearray):
        # scapy's PPP_IPCP has only an option list: the bytes ride after it,
        # and the length scapy would not count is given
        if head["len"] is None:
            head["len"] = 4 + len(opts)
        pkt = c.PPP_IPCP(**head, options=[])
        if opts:
            pkt.add_payload(c.Raw(load=bytes(opts)))
        return pkt
    return c.PPP_IPCP(**head, options=[_ipcp_option(c, n, x) for n, x in opts])


MAPPINGS: dict[str, Callable[[Any, dict[str, Any], str | None], Any]] = {
    "pppoed": pppoed, "pppoes": pppoes, "ppp": ppp, "lcp": lcp, "ipcp": ipcp,
}


# --- scapy's dissection in craft's names ------------------------------------------------


def _named_or_raw(named: list[tuple[str, Any]] | None, rebuilt: Callable[[Any], bytes],
                  raw: bytes) -> Any:
    """Craft's named form when scapy named every item and scapy's build of
    that form gives back ``raw``; else ``raw`` (craft's rule)."""
    if not raw:
        return ()
    if named is None:
        return raw
    return tuple(named) if rebuilt(tuple(named)) == raw else raw


def _read_pppoed(s: Any, p: Any) -> tuple[str, dict[str, Any]]:
    c = classes()
    raw = bytes(p.original)[6:6 + p.len]
    tags_layer = p.payload
    named: list[tuple[str, Any]] | None = None
    if isinstance(tags_layer, c.PPPoED_Tags):
        numbers = {n: w for w, n in _TAGS.items()}
        named = []
        for t in tags_layer.tag_list:
            word, body = numbers.get(t.tag_type), bytes(t.tag_value)
            if word is None or not isinstance(t, c.PPPoETag):
                named = None
                break
            if word == "end-of-list":
                value: Any = None
            elif word == "ppp-max-payload":
                value = int.from_bytes(body, "big")
            elif word == "vendor-specific":
                value = (("vendor", int.from_bytes(body[:4], "big")), ("data", body[4:]))
            elif word in _TEXT_TAGS:
                try:
                    value = body.decode()
                except UnicodeDecodeError:
                    named = None
                    break
            else:
                value = body
            named.append((word, value))
    # the tags are this craft layer's field, not a layer of their own: the
    # dissection goes on after them (scapy's Padding, when the frame has any)
    if isinstance(tags_layer, c.PPPoED_Tags | c.Raw):
        after = tags_layer.payload
        p.remove_payload()
        if not isinstance(after, c.NoPayload):
            p.add_payload(after)
    tags = _named_or_raw(
        named, lambda t: bytes(c.PPPoED_Tags(tag_list=[_tag(c, n, x) for n, x in t])), raw)
    return "pppoed", {"version": p.version, "type": p.type, "code": p.code,
                      "sessionid": p.sessionid, "len": p.len, "tags": tags}


def _read_pppoes(s: Any, p: Any) -> tuple[str, dict[str, Any]]:
    return "pppoes", {"version": p.version, "type": p.type, "code": p.code,
                      "sessionid": p.sessionid, "len": p.len}


def _read_ppp(s: Any, p: Any) -> tuple[str, dict[str, Any]]:
    return "ppp", {"proto": p.proto}


def _lcp_named(c: SimpleNamespace, options: list[Any]) -> list[tuple[str, Any]] | None:
    numbers = {n: w for w, n in _LCP.items()}
    out: list[tuple[str, Any]] = []
    for o in options:
        word = numbers.get(o.type) if isinstance(o, c.PPP_LCP_Option) else None
        if word is None:  # an option scapy or craft cannot name (scapy's Raw)
            return None
        if isinstance(o, c.PPP_LCP_MRU_Option):
            value: Any = o.max_recv_unit
        elif isinstance(o, c.PPP_LCP_ACCM_Option):
            value = o.accm
        elif isinstance(o, c.PPP_LCP_Magic_Number_Option):
            value = o.magic_number
        elif isinstance(o, c.PPP_LCP_Auth_Protocol_Option):
            data = bytes([o.algorithm]) if o.auth_protocol == _CHAP else bytes(o.data or b"")
            value = (("protocol", o.auth_protocol), ("data", data))
        elif isinstance(o, c.PPP_LCP_Quality_Protocol_Option):
            value = (("protocol", o.quality_protocol), ("data", bytes(o.data)))
        elif isinstance(o, c.PPP_LCP_Callback_Option):
            value = (("operation", o.operation), ("message", bytes(o.message)))
        else:
            body = bytes(o.data or b"")
            if word in _LCP_PAIR:
                if not body:
                    return None
                value = tuple(zip(_LCP_PAIR[word], (body[0], body[1:]), strict=True))
            elif word in _LCP_PLAIN:
                if len(body) != _LCP_PLAIN[word]:
                    return None
                value = int.from_bytes(body, "big") if body else None
            else:
                return None
        out.append((word, value))
    return out


def _read_lcp(s: Any, p: Any) -> tuple[str, dict[str, Any]]:
    c = classes()
    raw = bytes(p.original)
    end = max(4, min(p.len, len(raw)))
    v: dict[str, Any] = {"code": p.code, "id": p.id, "len": p.len}
    if isinstance(p.payload, c.NoPayload) and len(raw) > end:
        # scapy's code-reject and protocol-reject read the rest of the frame
        # as the rejected packet; craft's length bounds it, the rest is padding
        p.add_payload(c.Padding(load=raw[end:]))
    if isinstance(p, c.PPP_LCP_Configure):
        v["options"] = _named_or_raw(
            _lcp_named(c, p.options),
            lambda o: b"".join(bytes(_lcp_option(c, n, x)) for n, x in o), raw[4:end])
    elif isinstance(p, c.PPP_LCP_Discard_Request):  # echo too
        v["magic"], v["data"] = p.magic_number, bytes(p.data)
    elif isinstance(p, c.PPP_LCP_Protocol_Reject):
        v["rejected"], v["data"] = p.rejected_protocol, raw[6:end]
    else:  # terminate, code-reject (by position: scapy reads the rejected packet), others
        v["data"] = raw[4:end]
    return "lcp", v


def _read_ipcp(s: Any, p: Any) -> tuple[str, dict[str, Any]]:
    c = classes()
    raw = bytes(p.original)
    end = max(4, min(p.len, len(raw)))
    v: dict[str, Any] = {"code": p.code, "id": p.id, "len": p.len}
    if isinstance(p.payload, c.Raw):
        # scapy's PPP_IPCP keeps what follows its options as data; craft's
        # length bounds the packet and calls the rest padding, as PPP_LCP does
        rest = bytes(p.payload.load)
        p.remove_payload()
        p.add_payload(c.Padding(load=rest))
    if p.code not in (1, 2, 3, 4):
        v["data"] = raw[4:end]
        return "ipcp", v
    numbers = {n: w for w, n in _IPCP.items()}
    named: list[tuple[str, Any]] | None = []
    for o in p.options:
        word = numbers.get(o.type) if isinstance(o, c.PPP_IPCP_Option) else None
        if word is None or named is None:
            named = None
            break
        if isinstance(o, c.PPP_IPCP_Option_IPAddress) and word in _IPCP_ADDR and not o.garbage:
            named.append((word, _ip4_bytes(o.data)))
        elif word in _IPCP_ADDR and len(o.data) == 4:  # mobile-ipv4: scapy's generic class
            named.append((word, bytes(o.data)))
        elif word == "ip-addresses" and len(o.data) == 8:
            d = bytes(o.data)
            named.append((word, (("source", d[:4]), ("destination", d[4:]))))
        elif word == "ip-compression-protocol" and len(o.data) >= 2:
            d = bytes(o.data)
            named.append((word, (("protocol", int.from_bytes(d[:2], "big")), ("data", d[2:]))))
        else:
            named = None
    v["options"] = _named_or_raw(
        named, lambda o: b"".join(bytes(_ipcp_option(c, n, x)) for n, x in o), raw[4:end])
    return "ipcp", v


_LCP_CLASSES = ("PPP_LCP", "PPP_LCP_Configure", "PPP_LCP_Terminate", "PPP_LCP_Code_Reject",
                "PPP_LCP_Protocol_Reject", "PPP_LCP_Echo", "PPP_LCP_Discard_Request")
DISSECT: dict[str, Callable[[Any, Any], tuple[str, dict[str, Any]]]] = {
    "PPPoED": _read_pppoed,
    "PPPoE": _read_pppoes,
    "PPP": _read_ppp,
    **{name: _read_lcp for name in _LCP_CLASSES},
    "PPP_IPCP": _read_ipcp,
}
