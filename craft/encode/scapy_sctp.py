"""The scapy encoder's mappings for SCTP (scapy.layers.sctp), OSPFv2
(scapy.contrib.ospf) and RIP (scapy.layers.rip), and scapy's reading of
them back: merged into craft/encode/scapy_.py's tables (``MAPPINGS``,
``DISSECT``).

Each maps craft's values onto scapy's own classes with computed fields left
``None`` so scapy computes them (SCTP's CRC32c and chunk lengths, OSPF's
length and checksum). Where scapy's own computation is not the RFC's, the
value is passed and the comment says why. Scapy is imported on first use
only.
"""

from __future__ import annotations

import functools
import struct
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from craft.layers.address import ipv4_bytes as _ip4_bytes
from craft.layers.address import ipv4_text as _ipv4
from craft.layers.address import ipv6_text as _ipv6

Mapping = Callable[[SimpleNamespace, dict[str, Any], "str | None"], Any]


@functools.cache
def classes() -> SimpleNamespace:
    from scapy.contrib import ospf
    from scapy.layers import rip, sctp
    from scapy.packet import Raw

    return SimpleNamespace(Raw=Raw, sctp=sctp, ospf=ospf, rip=rip)


# --- SCTP ------------------------------------------------------------------------------


def _params(c: SimpleNamespace, v: dict[str, Any]) -> tuple[list[Any], int]:
    """An init's parameters as scapy's classes, and the padding of the last
    one (RFC 9260 §3.2: the chunk length leaves it out; scapy counts it)."""
    m = c.sctp
    out: list[Any] = []
    last = 0
    if v.get("state-cookie"):
        out.append(m.SCTPChunkParamStateCookie(cookie=bytes(v["state-cookie"])))
        last = -len(v["state-cookie"]) % 4
    for a in v["ipv4-address"]:
        out.append(m.SCTPChunkParamIPv4Addr(addr=_ipv4(a)))
        last = 0
    for a in v["ipv6-address"]:
        out.append(m.SCTPChunkParamIPv6Addr(addr=_ipv6(a)))
        last = 0
    if v["cookie-preservative"]:
        out.append(m.SCTPChunkParamCookiePreservative(sug_cookie_inc=v["cookie-preservative"]))
        last = 0
    if v["supported-address-types"]:
        types = [n for bit, n in ((1, 5), (2, 6), (4, 11)) if v["supported-address-types"] & bit]
        out.append(m.SCTPChunkParamSupportedAddrTypes(addr_type_list=types))
        last = 2 * (len(types) % 2)
    if v["features"] & 1:
        out.append(m.SCTPChunkParamECNCapable())
        last = 0
    if v["features"] & 2:
        out.append(m.SCTPChunkParamFwdTSN())
        last = 0
    if v["params"]:
        out.append(c.Raw(load=bytes(v["params"])))
        last = 0
    return out, last


def _length(pkt: Any, pad: int) -> Any:
    """A chunk whose scapy length would count its last parameter's padding:
    the length without it."""
    if pad:
        pkt.len = len(pkt.copy().do_build()) - pad
    return pkt


def sctp_chunk(c: SimpleNamespace, name: str, v: dict[str, Any]) -> Any:
    m = c.sctp
    f = v["flags"]
    if name == "data":
        return m.SCTPChunkData(
            reserved=f >> 4, delay_sack=f >> 3 & 1, unordered=f >> 2 & 1, beginning=f >> 1 & 1,
            ending=f & 1, tsn=v["tsn"], stream_id=v["stream-id"], stream_seq=v["stream-seq"],
            proto_id=v["ppid"],
            data=c.Raw(load=bytes(v["text"]) + bytes(v["data"])) if v["text"] + v["data"] else None)
    if name in ("init", "init-ack"):
        params, pad = _params(c, v)
        cls = m.SCTPChunkInit if name == "init" else m.SCTPChunkInitAck
        return _length(cls(flags=f, init_tag=v["init-tag"], a_rwnd=v["a-rwnd"],
                           n_out_streams=v["outbound-streams"],
                           n_in_streams=v["inbound-streams"], init_tsn=v["init-tsn"],
                           params=params), pad)
    if name == "sack":
        gaps = list(v["gap-blocks"])
        if len(gaps) % 2:
            gaps.append(gaps[-1])
        return m.SCTPChunkSACK(flags=f, cumul_tsn_ack=v["cum-tsn-ack"], a_rwnd=v["a-rwnd"],
                               gap_ack_list=[f"{a}:{b}" for a, b in zip(gaps[::2], gaps[1::2],
                                                                         strict=True)],
                               dup_tsn_list=list(v["dup-tsns"]))
    if name in ("heartbeat", "heartbeat-ack"):
        cls = m.SCTPChunkHeartbeatReq if name == "heartbeat" else m.SCTPChunkHeartbeatAck
        info = m.SCTPChunkParamHeartbeatInfo(data=bytes(v["info"]))
        return _length(cls(flags=f, params=[info]), -len(v["info"]) % 4)
    if name == "abort":
        return m.SCTPChunkAbort(reserved=f >> 1, TCB=f & 1, error_causes=bytes(v["causes"]))
    if name == "shutdown":
        return m.SCTPChunkShutdown(flags=f, cumul_tsn_ack=v["cum-tsn-ack"])
    if name == "shutdown-ack":
        return m.SCTPChunkShutdownAck(flags=f)
    if name == "cookie-echo":
        return m.SCTPChunkCookieEcho(flags=f, cookie=bytes(v["cookie"]))
    if name == "cookie-ack":
        return m.SCTPChunkCookieAck(flags=f)
    if name == "shutdown-complete":
        return m.SCTPChunkShutdownComplete(reserved=f >> 1, TCB=f & 1)
    # any other chunk: scapy's class for it may not take arbitrary bytes
    value = bytes(v["value"])
    raw = struct.pack("!BBH", v["type"], f, 4 + len(value)) + value
    return c.Raw(load=raw + b"\0" * (-len(raw) % 4))


def sctp(s: SimpleNamespace, v: dict[str, Any], inner: str | None) -> Any:
    c = classes()
    pkt = c.sctp.SCTP(sport=v["sport"], dport=v["dport"], tag=v["tag"], chksum=v["checksum"])
    chunks = v["chunks"]
    if isinstance(chunks, bytes | bytearray):
        if chunks:
            pkt.add_payload(c.Raw(load=bytes(chunks)))
        return pkt
    for name, value in chunks:
        pkt.add_payload(sctp_chunk(c, name, dict(value)))
    return pkt


_TYPES = {"SCTPChunkData": "data", "SCTPChunkInit": "init", "SCTPChunkInitAck": "init-ack",
          "SCTPChunkSACK": "sack", "SCTPChunkHeartbeatReq": "heartbeat",
          "SCTPChunkHeartbeatAck": "heartbeat-ack", "SCTPChunkAbort": "abort",
          "SCTPChunkShutdown": "shutdown", "SCTPChunkShutdownAck": "shutdown-ack",
          "SCTPChunkCookieEcho": "cookie-echo", "SCTPChunkCookieAck": "cookie-ack",
          "SCTPChunkShutdownComplete": "shutdown-complete"}


def _read_params(c: SimpleNamespace, params: list[Any], ack: bool) -> dict[str, Any] | None:
    """Scapy's parameters in craft's names, while they come in craft's
    order; the rest as ``params`` (their bytes as scapy read them)."""
    m = c.sctp
    got: dict[str, Any] = {"ipv4-address": [], "ipv6-address": [], "cookie-preservative": 0,
                           "supported-address-types": 0, "features": 0}
    if ack:
        got["state-cookie"] = b""
    stage = -1
    rest: list[Any] = []
    for k, p in enumerate(params):
        order = None
        if isinstance(p, m.SCTPChunkParamStateCookie) and ack and p.cookie:
            order, key, value = 0, "state-cookie", bytes(p.cookie)
        elif isinstance(p, m.SCTPChunkParamIPv4Addr) and p.len == 8:
            order, key, value = 1, "ipv4-address", bytes(map(int, p.addr.split(".")))
        elif isinstance(p, m.SCTPChunkParamIPv6Addr) and p.len == 20:
            import ipaddress
            order, key, value = 2, "ipv6-address", ipaddress.IPv6Address(p.addr).packed
        elif isinstance(p, m.SCTPChunkParamCookiePreservative) and p.len == 8 \
                and p.sug_cookie_inc:
            order, key, value = 3, "cookie-preservative", p.sug_cookie_inc
        elif isinstance(p, m.SCTPChunkParamSupportedAddrTypes):
            types = list(p.addr_type_list)
            if types and types == sorted(set(types)) and set(types) <= {5, 6, 11} \
                    and p.len == 4 + 2 * len(types):
                order, key = 4, "supported-address-types"
                value = sum(bit for bit, n in ((1, 5), (2, 6), (4, 11)) if n in types)
        elif isinstance(p, m.SCTPChunkParamECNCapable | m.SCTPChunkParamFwdTSN) and p.len == 4:
            bit = 1 if isinstance(p, m.SCTPChunkParamECNCapable) else 2
            if not got["features"] >> (bit - 1):
                order, key, value = 5, "features", got["features"] | bit
        if order is None or order < stage or (order == stage and order not in (1, 2, 5)):
            rest = params[k:]
            break
        stage = order
        if key in ("ipv4-address", "ipv6-address"):
            got[key].append(value)
        else:
            got[key] = value
    got["ipv4-address"] = tuple(got["ipv4-address"])
    got["ipv6-address"] = tuple(got["ipv6-address"])
    got["params"] = b"".join(_padded(bytes(p)) for p in rest)
    return got


def _padded(b: bytes) -> bytes:
    return b + b"\0" * (-len(b) % 4)


def _read_chunk(c: SimpleNamespace, p: Any) -> tuple[str, dict[str, Any]]:
    """One chunk scapy read, in craft's names (``chunk`` for one scapy has no class for)."""
    from craft.layers.sctp import CHUNKS  # the sub-field tables: names and order only

    name = _TYPES.get(type(p).__name__)
    raw = bytes(p.original) if p.original else bytes(p)
    flags, length = raw[1], struct.unpack_from("!H", raw, 2)[0]
    v: dict[str, Any] = {"flags": flags}
    if name == "data":
        user = bytes(p.data) if p.data is not None else b""
        printable = bool(user) and all(32 <= b < 127 or b in (9, 10, 13) for b in user)
        v.update({"tsn": p.tsn, "stream-id": p.stream_id, "stream-seq": p.stream_seq,
                  "ppid": p.proto_id, "text": user if printable else b"",
                  "data": b"" if printable else user})
    elif name in ("init", "init-ack"):
        v.update({"init-tag": p.init_tag, "a-rwnd": p.a_rwnd,
                  "outbound-streams": p.n_out_streams, "inbound-streams": p.n_in_streams,
                  "init-tsn": p.init_tsn})
        got = _read_params(c, list(p.params or ()), name == "init-ack")
        v.update(got or {})
    elif name == "sack":
        gaps = [int(x) for g in p.gap_ack_list for x in g.split(":")]
        v.update({"cum-tsn-ack": p.cumul_tsn_ack, "a-rwnd": p.a_rwnd,
                  "gap-blocks": tuple(gaps), "dup-tsns": tuple(p.dup_tsn_list)})
    elif name in ("heartbeat", "heartbeat-ack"):
        params = list(p.params or ())
        if len(params) == 1 and isinstance(params[0], c.sctp.SCTPChunkParamHeartbeatInfo):
            v["info"] = bytes(params[0].data)
        else:
            name = None
    elif name == "abort":
        v["causes"] = bytes(p.error_causes)
    elif name == "shutdown":
        v["cum-tsn-ack"] = p.cumul_tsn_ack
    elif name == "cookie-echo":
        v["cookie"] = bytes(p.cookie)
    if name is None:
        return "chunk", {"type": raw[0], "flags": flags, "value": raw[4:length]}
    return name, {f.name: v[f.name] for f in CHUNKS[name]}


def read_sctp(s: SimpleNamespace, p: Any) -> tuple[str, dict[str, Any]]:
    c = classes()
    v = {"sport": p.sport, "dport": p.dport, "tag": p.tag, "checksum": p.chksum}
    v["chunks"] = _read_chunks(c, p.payload, bytes(p.original)[12:])
    return "sctp", v


def _read_chunks(c: SimpleNamespace, layer: Any, raw: bytes) -> Any:
    """The chunks scapy read after the common header; a chunk type scapy
    has no class for ends its reading (Raw): that chunk is a ``chunk`` and
    scapy reads on after it. Bytes that are no run of chunks stay bytes."""
    chunks: list[tuple[str, Any]] = []
    while layer is not None and type(layer).__name__ not in ("NoPayload", "Padding"):
        if isinstance(layer, c.Raw):
            rest = bytes(layer.load)
            if len(rest) < 4:
                return raw
            length = struct.unpack_from("!H", rest, 2)[0]
            end = length + (-length % 4)
            if length < 4 or end > len(rest) or any(rest[length:end]):
                return raw
            chunks.append(("chunk", (("type", rest[0]), ("flags", rest[1]),
                                     ("value", rest[4:length]))))
            if end == len(rest):
                break
            layer = c.sctp.SCTP(bytes(12) + rest[end:]).payload
            continue
        name, values = _read_chunk(c, layer)
        chunks.append((name, tuple(values.items())))
        layer = layer.payload
    return tuple(chunks)


TAKES_REST = frozenset({"sctp", "ospf", "rip"})  # scapy_.dissect reads no further after these


# --- OSPFv2 ----------------------------------------------------------------------------


def ospf(s: SimpleNamespace, v: dict[str, Any], inner: str | None) -> Any:
    o = classes().ospf
    pkt = o.OSPF_Hdr(version=v["version"], type=v["type"], len=v["len"],
                     src=_ipv4(v["router-id"]), area=_ipv4(v["area"]), chksum=v["checksum"],
                     authtype=v["autype"])
    if v["autype"] == 2:  # scapy's crypto fields: reserved, key id, length, sequence
        a = v["auth"]
        pkt.reserved, pkt.keyid, pkt.authdatalen, pkt.seq = (a >> 48, a >> 40 & 0xFF,
                                                             a >> 32 & 0xFF, a & 0xFFFFFFFF)
    else:
        pkt.authdata = v["auth"]
    if v["type"] == 1:
        pkt.add_payload(o.OSPF_Hello(
            mask=_ipv4(v["mask"]), hellointerval=v["hello-interval"], options=v["options"],
            prio=v["priority"], deadinterval=v["dead-interval"], router=_ipv4(v["dr"]),
            backup=_ipv4(v["bdr"]), neighbors=[_ipv4(a) for a in v["neighbors"]]))
    return pkt


def read_ospf(s: SimpleNamespace, p: Any) -> tuple[str, dict[str, Any]]:
    raw = bytes(p.original)
    v = {"version": p.version, "type": p.type, "len": p.len, "router-id": _ip4_bytes(p.src),
         "area": _ip4_bytes(p.area), "checksum": p.chksum, "autype": p.authtype,
         "auth": int.from_bytes(raw[16:24], "big")}  # by position: scapy splits crypto's
    hello = p.payload
    if isinstance(hello, classes().ospf.OSPF_Hello):
        v.update({"mask": _ip4_bytes(hello.mask), "hello-interval": hello.hellointerval,
                  "options": int(hello.options), "priority": hello.prio,
                  "dead-interval": hello.deadinterval, "dr": _ip4_bytes(hello.router),
                  "bdr": _ip4_bytes(hello.backup),
                  "neighbors": tuple(_ip4_bytes(a) for a in hello.neighbors)})
    return "ospf", v


# --- RIP -------------------------------------------------------------------------------


def rip(s: SimpleNamespace, v: dict[str, Any], inner: str | None) -> Any:
    c = classes()
    r = c.rip
    pkt = r.RIP(cmd=v["command"], version=v["version"], null=v["zero"])
    entries = v["entries"]
    if isinstance(entries, bytes | bytearray):
        if entries:
            pkt.add_payload(c.Raw(load=bytes(entries)))
        return pkt
    for name, value in entries:
        e = dict(value)
        if name == "auth":  # scapy's password field is 16 bytes, zero-padded
            pkt.add_payload(r.RIPAuth(authtype=e["type"], password=bytes(e["password"])[:16]))
        else:
            pkt.add_payload(r.RIPEntry(AF=e["family"], RouteTag=e["tag"],
                                       addr=_ipv4(e["address"]), mask=_ipv4(e["mask"]),
                                       nextHop=_ipv4(e["next-hop"]), metric=e["metric"]))
    return pkt


def read_rip(s: SimpleNamespace, p: Any) -> tuple[str, dict[str, Any]]:
    c = classes()
    r = c.rip
    v: dict[str, Any] = {"command": p.cmd, "version": p.version, "zero": p.null}
    entries: list[tuple[str, Any]] = []
    layer = p.payload
    while type(layer).__name__ not in ("NoPayload", "Padding"):
        password = bytes(layer.password or b"").rstrip(b"\0") \
            if isinstance(layer, r.RIPAuth) and layer.authtype == 2 else None
        if password is not None and all(32 <= b < 127 for b in password):
            entries.append(("auth", (("type", layer.authtype), ("password", password))))
        elif isinstance(layer, r.RIPEntry):
            entries.append(("route", (("family", layer.AF), ("tag", layer.RouteTag),
                                      ("address", _ip4_bytes(layer.addr)),
                                      ("mask", _ip4_bytes(layer.mask)),
                                      ("next-hop", _ip4_bytes(layer.nextHop)),
                                      ("metric", layer.metric))))
        else:  # not entries scapy reads whole: craft keeps the bytes
            v["entries"] = bytes(p.original)[4:]
            return "rip", v
        layer = layer.payload
    v["entries"] = tuple(entries)
    return "rip", v


MAPPINGS: dict[str, Mapping] = {
    "sctp": sctp,
    "ospf": ospf,
    "rip": rip,
}
DISSECT: dict[str, Callable[[Any, Any], tuple[str, dict[str, Any]]]] = {
    "SCTP": read_sctp,
    "OSPF_Hdr": read_ospf,
    "RIP": read_rip,
}
