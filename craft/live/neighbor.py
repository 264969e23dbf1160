"""Neighbour MACs: the kernel's table first (``ip -j neigh``), then an ARP
request (RFC 826) or an IPv6 neighbour solicitation (RFC 4861 §7.2.2) sent
on the raw socket and answered within a timeout.

The request frames are built by the layer modules through the struct
encoder; this module only sends, receives and waits.
"""

from __future__ import annotations

import ipaddress
import time
from typing import Any

from craft.decode.walk import decode
from craft.encode.struct_ import encode
from craft.errors import RuntimeFailure
from craft.io.rawsock import IFF_LOOPBACK, IFF_NOARP, CaptureSocket, Interface, SendSocket, _ip_json
from craft.layers import LAYERS
from craft.layers.frame import Frame, Layer

# States whose lladdr the kernel still trusts (linux/neighbour.h NUD_VALID).
_VALID = {"REACHABLE", "STALE", "DELAY", "PROBE", "PERMANENT", "NOARP"}
BROADCAST = b"\xff" * 6


def table_lookup(ip: bytes, dev: str) -> bytes | None:
    """The neighbour table's MAC for ``ip`` on ``dev``, if it has a usable one."""
    text = str(ipaddress.ip_address(ip))
    try:
        rows = _ip_json(["neigh", "show", text, "dev", dev])
    except RuntimeFailure:
        return None
    for r in rows:
        if r.get("dst") == text and r.get("lladdr") and set(r.get("state", [])) & _VALID:
            return bytes.fromhex(r["lladdr"].replace(":", ""))
    return None


def _layer(name: str, **values: Any) -> Layer:
    v = LAYERS[name].HEADER.defaults()
    v.update(values)
    return Layer(name, v, frozenset(values))


def arp_request(iface: Interface, spa: bytes, tpa: bytes) -> bytes:
    return encode(Frame([
        _layer("ether", dst=BROADCAST, src=iface.mac),
        _layer("arp", op=1, sha=iface.mac, spa=spa, tha=b"\0" * 6, tpa=tpa),
    ]))


def solicited_node(ip: bytes) -> bytes:
    """ff02::1:ffXX:XXXX, RFC 4291 §2.7.1."""
    return b"\xff\x02" + b"\x00" * 9 + b"\x01\xff" + ip[13:]


def neighbor_solicit(iface: Interface, src: bytes, target: bytes) -> bytes:
    group = solicited_node(target)
    return encode(Frame([
        _layer("ether", dst=b"\x33\x33" + group[12:], src=iface.mac),
        _layer("ipv6", src=src, dst=group, hlim=255),  # RFC 4861 §7.1: hop limit 255
        _layer("icmpv6", type=135, code=0, target=target,
               options=(("src-lladdr", iface.mac),)),
    ]))


def _answer(frame: bytes, ip: bytes) -> bytes | None:
    """The MAC in ``frame`` if it is an ARP reply (RFC 826) or a neighbour
    advertisement (RFC 4861 §4.4) for ``ip``: the advertisement's target
    link-layer address option, else the frame's source."""
    parts = {p.name: p.values for p in decode(frame) if p.values}
    arp = parts.get("arp")
    if arp is not None and len(ip) == 4:
        return arp["sha"] if arp["op"] == 2 and arp["spa"] == ip else None
    na = parts.get("icmpv6")
    if na is None or len(ip) != 16 or na["type"] != 136 or na["target"] != ip:
        return None
    options = na["options"] if isinstance(na["options"], tuple) else ()
    return next((mac for name, mac in options if name == "tgt-lladdr"), parts["ether"]["src"])


def solicit(iface: Interface, ip: bytes, src: bytes, *, timeout: float = 1.0,
            tries: int = 3, sockets: tuple[Any, Any] | None = None) -> bytes | None:
    """Ask the link for ``ip``'s MAC; None when nobody answers in time. On
    ``sockets`` (capture, send) already open, or on two of its own."""
    if sockets is None:
        with CaptureSocket(iface, bufsize=1 << 20) as cap, SendSocket(iface) as out:
            return solicit(iface, ip, src, timeout=timeout, tries=tries, sockets=(cap, out))
    cap, out = sockets
    frame = arp_request(iface, src, ip) if len(ip) == 4 else neighbor_solicit(iface, src, ip)
    for _ in range(tries):
        out.send(frame)
        end = time.monotonic() + timeout / tries
        while (left := end - time.monotonic()) > 0:
            for _ts, data, _proto in cap.poll(left):
                mac = _answer(data, ip)
                if mac is not None:
                    return mac
    return None


def resolve(iface: Interface, ip: bytes, src: bytes | None, *, timeout: float = 1.0,
            sockets: tuple[Any, Any] | None = None) -> bytes:
    """The MAC for on-link ``ip`` on ``iface``: table, then ARP/NS; else
    RuntimeFailure naming the address."""
    if iface.flags & IFF_LOOPBACK:
        return iface.mac  # lo: 00:00:00:00:00:00, nothing to ask
    if iface.flags & IFF_NOARP:
        return BROADCAST
    mac = table_lookup(ip, iface.name)
    if mac is not None:
        return mac
    text = str(ipaddress.ip_address(ip))
    if src is None:
        raise RuntimeFailure(f"cannot resolve {text} on {iface.name}: the interface has no "
                             f"IPv{4 if len(ip) == 4 else 6} address to ask from")
    mac = solicit(iface, ip, src, timeout=timeout, sockets=sockets)
    if mac is None:
        how = "ARP" if len(ip) == 4 else "neighbour solicitation"
        raise RuntimeFailure(f"cannot resolve {text} on {iface.name}: no answer to {how} "
                             f"within {timeout:g} s (give ether.dst explicitly)")
    return mac
