"""The scapy mappings of bootp, dhcp and dhcpv6 onto scapy.layers.dhcp
(BOOTP, DHCP) and scapy.layers.dhcp6 (DHCP6_* messages, DHCP6Opt* options,
DUID_*), and scapy's dissection back in craft's names.

Where scapy's contract differs from craft's, the mapping says so: scapy's
BOOTP ``hlen`` is a plain 6, not computed (craft's rule is passed); scapy's
DHCP option list ends where it ends (craft appends ``end`` when it is not
named, so the mapping does too); options given as hex ride as ``Raw``
(scapy's option lists cannot hold arbitrary bytes). Scapy is imported on
first use only (docs/architecture.md, rule 4).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
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
    """Scapy's DHCP classes, imported once (importing binds them to UDP
    67/68 and 546/547 in scapy, for ``dissect``)."""
    from scapy.layers import dhcp, dhcp6
    from scapy.packet import Raw

    return SimpleNamespace(dhcp=dhcp, d6=dhcp6, Raw=Raw)


# craft's DHCP option name -> scapy's (scapy.layers.dhcp.DHCPOptions)
_DHCP_NAME = {
    "subnet-mask": "subnet_mask", "router": "router", "name-server": "IEN_name_server",
    "domain-name-server": "name_server", "hostname": "hostname", "domain-name": "domain",
    "broadcast-address": "broadcast_address", "requested-addr": "requested_addr",
    "lease-time": "lease_time", "message-type": "message-type", "server-id": "server_id",
    "param-req-list": "param_req_list", "max-message-size": "max_dhcp_size",
    "renewal-time": "renewal_time", "rebinding-time": "rebinding_time",
    "vendor-class-id": "vendor_class_id", "client-id": "client_id",
    "relay-agent-info": "relay_agent_information",
}
_CRAFT_NAME = {v: k for k, v in _DHCP_NAME.items()}
_ADDRS = ("router", "name-server", "domain-name-server")


def _relay_info(v: dict[str, Any]) -> bytes:
    """RFC 3046 §2.0 sub-options: circuit id (1), remote id (2), when not empty."""
    return b"".join(bytes([code, len(v[k])]) + bytes(v[k])
                    for code, k in ((1, "circuit-id"), (2, "remote-id")) if v[k])


def _scapy_option(name: str, value: Any) -> list[Any]:
    if name in ("pad", "end"):
        return [name]
    if name == "padding":
        return ["pad"] * value
    word = _DHCP_NAME[name]
    if name in _ADDRS:
        return [(word, *(_ipv4(a) for a in value))]
    if isinstance(value, bytes) and len(value) == 4:
        return [(word, _ipv4(value))]
    if isinstance(value, str):
        return [(word, value.encode())]
    if name == "param-req-list":
        return [(word, list(value))]
    if name == "client-id":
        v = dict(value)
        return [(word, bytes([v["type"]]) + bytes(v["id"]))]
    if name == "relay-agent-info":
        return [(word, _relay_info(dict(value)))]
    return [(word, value)]


def dhcp_options(options: Any) -> list[Any]:
    out: list[Any] = []
    for name, value in options:
        out += _scapy_option(name, value)
    if not any(name == "end" for name, _ in options):
        out.append("end")  # craft's contract: end when not named (scapy adds none)
    return out


def bootp(s: Any, v: dict[str, Any], inner: str | None) -> Any:
    c = classes()
    hlen = v["hlen"] if v["hlen"] is not None else 6 + len(v["chpad"])  # scapy: a plain 6
    return c.dhcp.BOOTP(
        op=v["op"], htype=v["htype"], hlen=hlen, hops=v["hops"], xid=v["xid"], secs=v["secs"],
        flags=v["flags"], ciaddr=_ipv4(v["ciaddr"]), yiaddr=_ipv4(v["yiaddr"]),
        siaddr=_ipv4(v["siaddr"]), giaddr=_ipv4(v["giaddr"]),
        chaddr=bytes(v["chaddr"]) + bytes(v["chpad"]), sname=bytes(v["sname"]),
        file=bytes(v["file"]), options=v["cookie"].to_bytes(4, "big"),
    )


def dhcp(s: Any, v: dict[str, Any], inner: str | None) -> Any:
    c = classes()
    if isinstance(v["options"], bytes | bytearray):
        return c.Raw(load=bytes(v["options"]))
    return c.dhcp.DHCP(options=dhcp_options(v["options"]))


_D6_CLASS = {1: "DHCP6_Solicit", 2: "DHCP6_Advertise", 3: "DHCP6_Request", 4: "DHCP6_Confirm",
             5: "DHCP6_Renew", 6: "DHCP6_Rebind", 7: "DHCP6_Reply", 8: "DHCP6_Release",
             9: "DHCP6_Decline", 10: "DHCP6_Reconf", 11: "DHCP6_InfoRequest",
             12: "DHCP6_RelayForward", 13: "DHCP6_RelayReply"}
_RELAY = (12, 13)


def _duid(d6: Any, v: dict[str, Any]) -> Any:
    if v["duid"] == 1:
        return d6.DUID_LLT(hwtype=v["hwtype"], timeval=v["time"], lladdr=_mac(v["lladdr"]))
    if v["duid"] == 2:
        return d6.DUID_EN(enterprisenum=v["enterprise"], id=bytes(v["id"]))
    return d6.DUID_LL(hwtype=v["hwtype"], lladdr=_mac(v["lladdr"]))


def _d6_option(c: SimpleNamespace, name: str, value: Any) -> Any:
    d6 = c.d6
    if name in ("client-id", "server-id"):
        cls = d6.DHCP6OptClientId if name == "client-id" else d6.DHCP6OptServerId
        return cls(duid=_duid(d6, dict(value)))
    if name == "ia-na":
        v = dict(value)
        return d6.DHCP6OptIA_NA(iaid=v["iaid"], T1=v["t1"], T2=v["t2"], ianaopts=[
            d6.DHCP6OptIAAddress(addr=_ipv6(a), preflft=v["preferred"], validlft=v["valid"])
            for a in v["addresses"]])
    if name == "option-request":
        return d6.DHCP6OptOptReq(reqopts=list(value))
    if name == "elapsed-time":
        return d6.DHCP6OptElapsedTime(elapsedtime=value)
    if name == "preference":
        return d6.DHCP6OptPref(prefval=value)
    if name == "rapid-commit":
        return d6.DHCP6OptRapidCommit()
    if name == "relay-message":
        return d6.DHCP6OptRelayMsg(message=c.Raw(load=bytes(value)))
    if name == "interface-id":
        return d6.DHCP6OptIfaceId(ifaceid=bytes(value))
    return d6.DHCP6OptDNSServers(dnsservers=[_ipv6(a) for a in value])


def dhcpv6(s: Any, v: dict[str, Any], inner: str | None) -> Any:
    c = classes()
    cls = getattr(c.d6, _D6_CLASS.get(v["msgtype"], "DHCP6"))
    if v["msgtype"] in _RELAY:
        pkt = cls(msgtype=v["msgtype"], hopcount=v["hopcount"], linkaddr=_ipv6(v["linkaddr"]),
                  peeraddr=_ipv6(v["peeraddr"]))
    else:
        pkt = cls(msgtype=v["msgtype"], trid=v["trid"])
    options = v["options"]
    if isinstance(options, bytes | bytearray):
        if options:
            pkt.add_payload(c.Raw(load=bytes(options)))
        return pkt
    for name, value in options:
        pkt.add_payload(_d6_option(c, name, value))
    return pkt


MAPPINGS: dict[str, Callable[[Any, dict[str, Any], str | None], Any]] = {
    "bootp": bootp, "dhcp": dhcp, "dhcpv6": dhcpv6,
}


# --- scapy's dissection in craft's names -------------------------------------------


def _end_here(p: Any) -> None:
    """Cut ``p``'s payload after it, keeping scapy's Padding (bytes past the
    UDP length), so ``dissect`` reads no further: craft's layer took it all."""
    pad = p.payload
    while pad.__class__.__name__ not in ("NoPayload", "Padding"):
        pad = pad.payload
    p.remove_payload()
    if pad.__class__.__name__ == "Padding":
        p.add_payload(pad)


def read_bootp(s: Any, p: Any) -> tuple[str, dict[str, Any]]:
    chaddr = bytes(p.chaddr).ljust(16, b"\0")
    pad = chaddr[6:]
    return "bootp", {
        "op": p.op, "htype": p.htype, "hlen": p.hlen, "hops": p.hops, "xid": p.xid,
        "secs": p.secs, "flags": int(p.flags), "ciaddr": _ip4_bytes(p.ciaddr),
        "yiaddr": _ip4_bytes(p.yiaddr), "siaddr": _ip4_bytes(p.siaddr),
        "giaddr": _ip4_bytes(p.giaddr), "chaddr": chaddr[:6],
        "chpad": pad[:max(len(pad.rstrip(b"\0")), min(p.hlen, 16) - 6)],
        "sname": bytes(p.sname).rstrip(b"\0"), "file": bytes(p.file).rstrip(b"\0"),
        "cookie": int.from_bytes(bytes(p.options)[:4], "big"),
    }


def _craft_option(item: Any) -> tuple[str, Any] | None:
    if item in ("pad", "end"):
        return (item, None)
    if not isinstance(item, tuple) or item[0] not in _CRAFT_NAME:
        return None
    name = _CRAFT_NAME[item[0]]
    values = item[1:]
    if name in _ADDRS:
        return (name, tuple(_ip4_bytes(a) for a in values))
    if len(values) != 1:
        return None
    x = values[0]
    if isinstance(x, str):  # an IPField's text
        return (name, _ip4_bytes(x))
    if name in ("hostname", "domain-name", "vendor-class-id"):
        try:
            text = bytes(x).decode("ascii")
        except UnicodeDecodeError:
            return None
        return (name, text) if text.isprintable() else None
    if name == "param-req-list":
        return (name, tuple(x))
    if name == "client-id":
        return (name, (("type", x[0]), ("id", bytes(x[1:])))) if x else None
    if name == "relay-agent-info":
        got = {1: b"", 2: b""}
        i, x = 0, bytes(x)
        while i < len(x):
            if i + 2 > len(x) or x[i] not in got or got[x[i]]:
                return None
            got[x[i]] = x[i + 2:i + 2 + x[i + 1]]
            i += 2 + x[i + 1]
        return (name, (("circuit-id", got[1]), ("remote-id", got[2])))
    return (name, x)


def read_dhcp(s: Any, p: Any) -> tuple[str, dict[str, Any]]:
    raw = bytes(p.original)
    _end_here(p)
    named: list[tuple[str, Any]] = []
    for item in p.options:
        one = _craft_option(item)
        if one is None:
            return "dhcp", {"options": raw}
        if one[0] == "pad" and named and named[-1][0] in ("pad", "padding"):
            named[-1] = ("padding", 2 if named[-1][0] == "pad" else named[-1][1] + 1)
        else:
            named.append(one)
    opts = tuple(named)
    field = p.get_field("options")
    same = opts and field.i2m(p, dhcp_options(opts)) == raw
    return "dhcp", {"options": opts if same else raw}


def _read_duid(d: Any) -> Any:
    name = type(d).__name__
    v = {"duid": 3, "hwtype": 1, "time": 0, "lladdr": bytes(6), "enterprise": 0, "id": b""}
    if name == "DUID_LLT":
        v.update(duid=1, hwtype=d.hwtype, time=d.timeval, lladdr=_mac_bytes(d.lladdr))
    elif name == "DUID_EN":
        v.update(duid=2, enterprise=d.enterprisenum, id=bytes(d.id))
    elif name == "DUID_LL":
        v.update(duid=3, hwtype=d.hwtype, lladdr=_mac_bytes(d.lladdr))
    else:
        return None
    return tuple(v.items())


def _d6_craft(o: Any) -> tuple[str, Any] | None:
    name = type(o).__name__
    if name in ("DHCP6OptClientId", "DHCP6OptServerId"):
        duid = _read_duid(o.duid)
        return None if duid is None else (
            "client-id" if name == "DHCP6OptClientId" else "server-id", duid)
    if name == "DHCP6OptIA_NA":
        addrs = o.ianaopts
        if any(type(a).__name__ != "DHCP6OptIAAddress" for a in addrs):
            return None
        lifetimes = {(a.preflft, a.validlft) for a in addrs} or {(0, 0)}
        if len(lifetimes) > 1:
            return None
        pref, valid = lifetimes.pop()
        return ("ia-na", (("iaid", o.iaid), ("t1", o.T1), ("t2", o.T2),
                          ("addresses", tuple(_ip6_bytes(a.addr) for a in addrs)),
                          ("preferred", pref), ("valid", valid)))
    if name == "DHCP6OptOptReq":
        return ("option-request", tuple(o.reqopts))
    if name == "DHCP6OptElapsedTime":
        return ("elapsed-time", o.elapsedtime)
    if name == "DHCP6OptPref":
        return ("preference", o.prefval)
    if name == "DHCP6OptRapidCommit":
        return ("rapid-commit", None)
    if name == "DHCP6OptRelayMsg":
        return ("relay-message", bytes(o.message))
    if name == "DHCP6OptIfaceId":
        return ("interface-id", bytes(o.ifaceid))
    if name == "DHCP6OptDNSServers":
        return ("dns-servers", tuple(_ip6_bytes(a) for a in o.dnsservers))
    return None


def read_dhcpv6(s: Any, p: Any) -> tuple[str, dict[str, Any]]:
    raw = bytes(p.original)
    relay = p.msgtype in _RELAY
    head = 34 if relay else 4
    values: dict[str, Any] = {"msgtype": p.msgtype}
    if relay:
        values.update(hopcount=p.hopcount, linkaddr=_ip6_bytes(p.linkaddr),
                      peeraddr=_ip6_bytes(p.peeraddr))
    else:
        values["trid"] = p.trid
    named: list[tuple[str, Any]] | None = []
    o = p.payload
    while type(o).__name__ not in ("NoPayload", "Padding"):
        one = _d6_craft(o)
        if one is None or named is None:
            named = None
            break
        named.append(one)
        o = o.payload
    _end_here(p)
    opts = raw[head:]
    if named is not None and opts:
        rebuilt = dhcpv6(s, {**values, "options": tuple(named)}, None)
        if bytes(rebuilt)[head:] == opts:
            values["options"] = tuple(named)
            return "dhcpv6", values
    values["options"] = opts if opts else ()
    return "dhcpv6", values


DISSECT: dict[str, Callable[[Any, Any], tuple[str, dict[str, Any]]]] = {
    "BOOTP": read_bootp, "DHCP": read_dhcp,
    **{name: read_dhcpv6 for name in (*_D6_CLASS.values(), "DHCP6")},
}
