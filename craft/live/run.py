"""``craft run``: a conversation with a real peer, step by step
(docs/conversations.md).

Each step's frame is built when the step comes, from the variables as they
are then; its answer is waited for, checked, and fields of it are saved. A
TCP flow's ``seq: auto`` / ``ack: auto`` follow what was sent and received,
as packetdrill's relative numbers do.

The kernel's RST: the sending host's own TCP stack answers a SYN-ACK it
knows nothing about with a RST. craft therefore speaks from an address of its
own (``--source``; in the lab 192.0.2.101 and 2001:db8::101) that no stack on
the host owns: craft answers ARP requests and neighbour solicitations for it
while the run lasts, so the peer's answers reach the interface, and the
kernel, which does not own the address, drops them without a word. Nothing is
configured on the host, so nothing is left behind.
"""

from __future__ import annotations

import ipaddress
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from craft.decode.walk import decode
from craft.encode.build import encoder_for
from craft.encode.struct_ import encode as struct_encode
from craft.errors import Mark, ProfileError
from craft.io.rawsock import CaptureSocket, Interface, SendSocket
from craft.layers import LAYERS
from craft.layers.address import text as address_text
from craft.layers.base import (
    ENUM,
    FLAGS,
    INT,
    IPV4,
    IPV6,
    MAC,
    PSEUDO_HEADERS,
    TEXT,
    flags_value,
    value_text,
)
from craft.layers.frame import Frame, Layer
from craft.live.iface import InterfaceResolver
from craft.live.replies import Dissected, dissect, reply_key, request_key
from craft.profile.expr import substitute
from craft.profile.fieldpath import FieldPath
from craft.profile.load import load_document
from craft.profile.resolve import LINK_DST, OWN_ADDRESSES, auto_source
from craft.profile.script import NO_ANSWER, Condition, Expect, Script, Step
from craft.profile.yamlload import YList, YMap

LAB_SOURCE = ("192.0.2.101", "2001:db8::101")  # craft's own addresses in the lab
ARP_REQUEST, ARP_REPLY, NEIGHBOR_SOLICIT, NEIGHBOR_ADVERT = 1, 2, 135, 136
_ASKING = (b"\x08\x06", b"\x86\xdd")  # the ethertypes ARP and neighbour solicitations come in
SYN, FIN = 0x02, 0x01


@dataclass(slots=True)
class Event:
    """One frame on the wire: ``time`` in seconds from the run's start."""

    time: float
    out: bool
    data: bytes
    step: int  # index of the step it belongs to
    note: str = ""  # e.g. "craft answers ARP for its own address"


@dataclass(slots=True)
class StepResult:
    step: Step
    ok: bool
    message: str
    answer: Event | None = None
    table: list[tuple[str, str]] = field(default_factory=list)  # a scan: (port, state)
    hops: list[tuple[str, str, float | None]] = field(default_factory=list)  # a trace


@dataclass(slots=True)
class RunReport:
    script: Script
    events: list[Event] = field(default_factory=list)
    results: list[StepResult] = field(default_factory=list)
    vars: dict[str, Any] = field(default_factory=dict)
    own: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results) and len(self.results) == len(self.script.steps)


@dataclass(slots=True)
class _Flow:
    """One TCP flow as craft speaks it: the next sequence number it sends and
    the next it expects (RFC 9293 §3.3.1 SND.NXT, RCV.NXT)."""

    snd_nxt: int
    rcv_nxt: int = 0


class OwnResolver(InterfaceResolver):
    """auto addresses for craft run: the interface's MAC, craft's own IP
    addresses (not the kernel's), the kernel's neighbour table for the peer."""

    def __init__(self, iface: Interface, own4: bytes | None, own6: bytes | None) -> None:
        super().__init__(iface)
        self.own4, self.own6 = own4, own6

    def ipv4(self) -> bytes:
        if self.own4 is None:
            raise ProfileError("ipv4.src auto: give craft an IPv4 address of its own (--source)")
        return self.own4

    def ipv6(self) -> bytes:
        if self.own6 is None:
            raise ProfileError("ipv6.src auto: give craft an IPv6 address of its own (--source)")
        return self.own6


class Conversation:
    """Runs one script on one interface."""

    def __init__(self, script: Script, iface: Interface, own: list[bytes], *,
                 backend: str = "struct", timeout: float | None = None) -> None:
        self.script = script
        self.iface = iface
        self.own4 = next((a for a in own if len(a) == 4), None)
        self.own6 = next((a for a in own if len(a) == 16), None)
        self.resolver = OwnResolver(iface, self.own4, self.own6)
        self.encode = encoder_for(backend)
        self.timeout = timeout
        self.clock = time.time  # the kernel's receive times are on this clock
        self.vars: dict[str, Any] = dict(script.vars)
        self.flows: dict[tuple, _Flow] = {}
        self.rng = random.Random()
        # the run's source port for sport: auto, in Linux's ephemeral range
        self.port = self.rng.randint(32768, 60999)
        self.report = RunReport(script, vars=self.vars,
                                own=tuple(address_text(a) for a in own))
        self.start = 0.0

    # -- the run ------------------------------------------------------------

    def run(self) -> RunReport:
        with CaptureSocket(self.iface, bufsize=1 << 22) as cap, SendSocket(self.iface) as out:
            self.cap, self.out = cap, out
            self.resolver.sockets = (cap, out)  # neighbours asked on these, from craft's address
            self.start = self.clock()
            for step in self.script.steps:
                result = self.do(step)
                if result is not None:
                    self.report.results.append(result)
                    if not result.ok:
                        break
        return self.report

    def do(self, step: Step) -> StepResult | None:
        if step.scan is not None or step.trace is not None:
            result = self.scan(step) if step.scan is not None else self.trace(step)
            if step.wait:
                self.listen(step, step.wait)
            return result
        sent: bytes | None = None
        if step.send is not None:
            sent = self.build(step)
            self.out.send(sent)
            self.report.events.append(Event(self.now(), True, sent, step.index))
            self.sent_tcp(sent)
        result: StepResult | None = None
        if step.expect is not None and sent is not None:
            limit = step.timeout if step.timeout is not None else (
                self.timeout if self.timeout is not None else self.script.timeout)
            result = self.expect(step, sent, limit)
            if result.ok and result.answer is not None:
                self.save(step, result.answer)
        elif step.send is not None:
            self.listen(step, 0.01)  # what came back at once (ARP for us, an early answer)
            result = StepResult(step, True, "sent")
        if step.wait and (result is None or result.ok):
            self.listen(step, step.wait)
            if result is None:
                result = StepResult(step, True, f"waited {step.wait:g} s")
        return result

    def now(self) -> float:
        return self.clock() - self.start

    # -- building ---------------------------------------------------------------

    def build(self, step: Step) -> bytes:
        profile, autos = self.profile(step, step.send, f"steps[{step.index}].send")
        frame = next(iter(profile.frames(count=1, resolver=self.resolver)))
        if autos:
            frame = self.tcp_numbers(frame, autos)
        return self.encode(frame)

    def profile(self, step: Step, send: Any, path: str) -> tuple[Any, set[str]]:
        """The step's frame as a one-frame profile, variables filled in; and
        which TCP numbers the run fills in."""
        layers = _substituted(send, self.vars, path)
        _own_by_default(layers)
        autos = _tcp_autos(layers, self.port)
        root = YMap(step.mark)
        frames = YList(step.mark)
        frame_box = YMap(step.mark)
        frame_box.put("layers", layers, step.mark, step.mark, None)
        frames.append(frame_box)
        frames.items_at.append(step.mark)
        frames.texts.append(None)
        root.put("frames", frames, step.mark, step.mark, None)
        return load_document(root, self.script.file, base_dir=self.script.base_dir), autos

    # -- a scan ----------------------------------------------------------------------------

    def scan(self, step: Step) -> StepResult:
        """One frame per value of the stream, sent at once; each sorted by its
        answer: open, closed, or filtered when nothing answers in time. An open
        TCP port's SYN-ACK gets a RST from craft, as nmap -sS sends."""
        sc = step.scan
        assert sc is not None
        path = f"steps[{step.index}].scan.send"
        profile, autos = self.profile(step, sc.send, path)
        spec = profile.specs[0]
        streamed = [(i, f) for i, ls in enumerate(spec.layers) for f in ls.streams]
        if len(streamed) != 1:
            raise ProfileError("a scan sends one frame per value of one stream: give one field "
                               "a stream, e.g. dport: {from: 1, to: 1024}", mark=step.mark,
                               path=path)
        i, fname = streamed[0]
        lname = spec.layers[i].name
        pending: dict[tuple, int] = {}
        labels: list[str] = []
        datas: list[bytes] = []
        for k, frame in enumerate(profile.frames(count=profile.default_count(),
                                                 resolver=self.resolver)):
            if autos:
                frame = self.tcp_numbers(frame, autos)
            data = self.encode(frame)
            value = frame.layers[i].values[fname]
            labels.append(f"{value}/{lname}" if fname in ("dport", "sport") else
                          f"{lname}.{fname}={value}")
            key = _answer_flow(frame) or request_key(dissect(data))
            pending[key] = k
            datas.append(data)
        self.out.send_batch(self.out.batch(datas))
        self.report.events.append(Event(self.now(), True, datas[0], step.index,
                                        f"and {len(datas) - 1} more, one per {lname}.{fname}"))
        states = ["filtered"] * len(datas)
        is_open = _matcher(sc.open, self.vars)
        is_closed = _matcher(sc.closed, self.vars) if sc.closed else None
        limit = step.timeout if step.timeout is not None else (
            self.timeout if self.timeout is not None else self.script.timeout)
        until = self.clock() + limit
        left = len(datas)
        while left and self.clock() < until:
            for when, data in self.frames_in(until):
                if self.own_address(step, data, when):
                    continue
                parts = dissect(data)
                seg = _flow_of(parts)
                k = pending.pop(seg or reply_key(parts), None)
                if k is None:
                    continue
                left -= 1
                if is_open(parts):
                    states[k] = "open"
                    if seg is not None:
                        self.out.send(self.reset(parts))
                elif is_closed is not None and is_closed(parts):
                    states[k] = "closed"
                else:
                    states[k] = "unexpected"
        table = list(zip(labels, states, strict=True))
        counts = {s: states.count(s) for s in dict.fromkeys(states)}
        summary = ", ".join(f"{n} {s}" for s, n in counts.items())
        return StepResult(step, True, f"{len(datas)} sent: {summary}", table=table)

    def trace(self, step: Step) -> StepResult:
        """One probe per value of the probe's streams (a TTL, and a port or
        sequence number that tells the answers apart), sent at once; each
        answer's sender and round-trip time, up to the destination."""
        path = f"steps[{step.index}].trace"
        profile, _autos = self.profile(step, step.trace, path)
        spec = profile.specs[0]
        pending: dict[tuple, int] = {}
        probes: list[tuple[str, bytes, bytes]] = []  # (label, data, destination)
        ttl_at = next(((i, f) for i, ls in enumerate(spec.layers) for f in ls.streams
                       if f in ("ttl", "hlim")), None)
        if ttl_at is None:
            raise ProfileError("a trace needs a stream on the hop limit: ipv4 ttl: {from: 1, "
                               "to: 30} (ipv6: hlim)", mark=step.mark, path=path)
        for frame in profile.frames(count=profile.default_count(), resolver=self.resolver):
            data = self.encode(frame)
            i, f = ttl_at
            key = request_key(dissect(data))
            if key is None or key in pending:
                raise ProfileError("each probe must be told apart by its answer: give the "
                                   "ports (udp dport) or the echo seq a stream too",
                                   mark=step.mark, path=path)
            pending[key] = len(probes)
            probes.append((str(frame.layers[i].values[f]), data, frame.layers[i].values["dst"]))
        sent_at = self.now()
        self.out.send_batch(self.out.batch([d for _l, d, _dst in probes]))
        self.report.events.append(Event(sent_at, True, probes[0][1], step.index,
                                        f"and {len(probes) - 1} more, one per hop limit"))
        answers: list[tuple[bytes, float] | None] = [None] * len(probes)
        limit = step.timeout if step.timeout is not None else (
            self.timeout if self.timeout is not None else self.script.timeout)
        until = self.clock() + limit
        reached = len(probes)
        while self.clock() < until and any(a is None for a in answers[:reached]):
            for when, data in self.frames_in(until):
                if self.own_address(step, data, when):
                    continue
                parts = dissect(data)
                k = pending.pop(reply_key(parts) or (), None)
                ip = parts.ip()
                if k is None or ip is None:
                    continue
                answers[k] = (ip["src"], when - sent_at)
                if ip["src"] == probes[k][2]:
                    reached = min(reached, k + 1)
        hops = [(label, address_text(a[0]) if a else "*", a[1] * 1000 if a else None)
                for (label, _d, _dst), a in zip(probes[:reached], answers[:reached],
                                                strict=True)]
        ok = reached < len(probes) or (answers[-1] is not None
                                      and answers[-1][0] == probes[-1][2])
        message = (f"reached {address_text(probes[0][2])} in {reached} hops" if ok else
                   f"{address_text(probes[0][2])} not reached in {len(probes)} hops")
        return StepResult(step, ok, message, hops=hops)

    def reset(self, parts: Dissected) -> bytes:
        """The RST that ends a half-open connection (RFC 9293 §3.10.7.4)."""
        ether, tcp = parts.get("ether"), parts.get("tcp")
        ip_name = next(n for n, _v in parts if n in PSEUDO_HEADERS)
        ip = parts.get(ip_name)
        assert ether is not None and tcp is not None and ip is not None
        return struct_encode(Frame([
            _layer("ether", dst=ether["src"], src=ether["dst"]),
            _layer(ip_name, src=ip["dst"], dst=ip["src"]),
            _layer("tcp", sport=tcp["dport"], dport=tcp["sport"], seq=tcp["ack"], flags=0x04,
                   window=0),
        ]))

    def tcp_numbers(self, frame: Frame, autos: set[str]) -> Frame:
        layers = list(frame.layers)
        for i, layer in enumerate(layers):
            if layer.name != "tcp":
                continue
            ip = next((la for la in reversed(layers[:i]) if la.name in PSEUDO_HEADERS), None)
            if ip is None:
                raise ProfileError("tcp seq/ack auto needs an IP layer to name the flow",
                                   path="frames[0].tcp")
            v = dict(layer.values)
            key = (ip.values["src"], ip.values["dst"], v["sport"], v["dport"])
            flow = self.flows.get(key)
            if flow is None:
                flow = self.flows[key] = _Flow(self.rng.getrandbits(32))
            if "seq" in autos:
                v["seq"] = flow.snd_nxt
            if "ack" in autos:
                v["ack"] = flow.rcv_nxt
            layers[i] = Layer(layer.name, v, layer.given, layer.auto)
        return Frame(layers, frame.index, frame.number, frame.notes)

    # -- TCP bookkeeping --------------------------------------------------------------

    def sent_tcp(self, data: bytes) -> None:
        seg = _segment(data)
        if seg is None:
            return
        key, seq, _ack, flags, length = seg
        flow = self.flows.get(key)
        if flow is not None:
            flow.snd_nxt = (seq + length + bool(flags & SYN) + bool(flags & FIN)) & 0xFFFFFFFF

    def received_tcp(self, data: bytes) -> bool:
        """Track a segment of one of craft's flows; True when it is one."""
        seg = _segment(data)
        if seg is None:
            return False
        (src, dst, sport, dport), seq, _ack, flags, length = seg
        flow = self.flows.get((dst, src, dport, sport))
        if flow is None:
            return False
        end = (seq + length + bool(flags & SYN) + bool(flags & FIN)) & 0xFFFFFFFF
        if flags & SYN or ((end - flow.rcv_nxt) & 0xFFFFFFFF) < 1 << 31:
            flow.rcv_nxt = end
        return True

    # -- receiving ----------------------------------------------------------------------

    def frames_in(self, until: float) -> list[tuple[float, bytes]]:
        left = until - self.clock()
        got = self.cap.poll(max(left, 0.0))
        now = self.now()
        # the kernel's receive time where it gave one: answers read together keep
        # their own times (a trace's round-trip times)
        return [(min(ts - self.start, now) if ts else now, data) for ts, data, _proto in got]

    def incoming(self, step: Step, data: bytes, when: float, key: tuple | None = None) -> bool:
        """Handle one received frame: answer ARP/ND for craft's own address,
        track TCP; True when the frame is for craft (recorded): to its own
        address, or an answer to ``key`` sent elsewhere (a DHCP offer
        broadcast, or sent to the address it offers)."""
        if self.own_address(step, data, when):
            return True
        parts = dissect(data)
        ours = self.received_tcp(data) or _to_us(parts, self.own4, self.own6) \
            or (key is not None and reply_key(parts) == key)
        if ours:
            self.report.events.append(Event(when, False, data, step.index))
        return ours

    def own_address(self, step: Step, data: bytes, when: float) -> bool:
        """Answer an ARP request or neighbour solicitation for craft's own
        address (both recorded); True when ``data`` was one."""
        if data[12:14] not in _ASKING:
            return False  # neither ARP nor IPv6: not a question for craft
        parts = dissect(data)
        names = {n: v for n, v in parts}
        arp = names.get("arp")
        if arp is not None and arp["op"] == ARP_REQUEST and arp["tpa"] == self.own4:
            self.report.events.append(Event(when, False, data, step.index))
            reply = self.arp_reply(arp)
            self.out.send(reply)
            self.report.events.append(Event(self.now(), True, reply, step.index,
                                            "craft answers for its own address"))
            return True
        na = names.get("icmpv6")
        if na is not None and na["type"] == NEIGHBOR_SOLICIT and na["target"] == self.own6:
            self.report.events.append(Event(when, False, data, step.index))
            reply = self.neighbor_advert(names["ether"]["src"], names["ipv6"], na)
            self.out.send(reply)
            self.report.events.append(Event(self.now(), True, reply, step.index,
                                            "craft answers for its own address"))
            return True
        return False

    def listen(self, step: Step, seconds: float) -> None:
        until = self.clock() + seconds
        while self.clock() < until:
            for when, data in self.frames_in(until):
                self.incoming(step, data, when)

    def expect(self, step: Step, sent: bytes, limit: float) -> StepResult:
        exp = step.expect
        assert exp is not None
        asked = dissect(sent)
        key = request_key(asked)
        tcp_key = _segment(sent)
        until = self.clock() + limit
        seen: list[tuple[Event, Dissected]] = []
        while self.clock() < until:
            for when, data in self.frames_in(until):
                if not self.incoming(step, data, when, key):
                    continue
                parts = dissect(data)
                if not _answers(parts, data, key, tcp_key):
                    continue
                event = self.report.events[-1]
                seen.append((event, parts))
                verdict = _judge(exp, parts, self.vars)
                if exp.kind == NO_ANSWER:
                    return StepResult(step, False, f"expected no answer within {limit:g} s; "
                                      f"{_describe(parts)} arrived", event)
                if verdict is None:
                    return StepResult(step, True, _met(exp, parts, self.vars), event)
                if exp.kind == "none":
                    return StepResult(step, False, verdict, event)
        if exp.kind == NO_ANSWER:
            return StepResult(step, True, f"no answer within {limit:g} s")
        if not seen:
            return StepResult(step, False, f"no answer within {limit:g} s")
        event, parts = seen[-1]
        return StepResult(step, False, _judge(exp, parts, self.vars) or "no match", event)

    def save(self, step: Step, answer: Event) -> None:
        parts = dissect(answer.data)
        for var, at in step.save.items():
            value = _field(parts, at)
            if value is None:
                raise ProfileError(f"save {var}: the answer has no {at.layer}.{at.rest}",
                                   path=f"steps[{step.index}].save.{var}")
            f = at.spec
            if isinstance(value, bytes) and f is not None and f.kind == TEXT:
                value = value.decode("utf-8", "replace")
            elif isinstance(value, bytes) and f is not None and f.kind in (MAC, IPV4, IPV6):
                value = address_text(value)
            self.vars[var] = value

    # -- craft's own address ----------------------------------------------------------

    def arp_reply(self, asked: dict[str, Any]) -> bytes:
        return self.encode(Frame([
            _layer("ether", dst=asked["sha"], src=self.iface.mac),
            _layer("arp", op=ARP_REPLY, sha=self.iface.mac, spa=self.own4, tha=asked["sha"],
                   tpa=asked["spa"]),
        ]))

    def neighbor_advert(self, mac: bytes, ip: dict[str, Any], ns: dict[str, Any]) -> bytes:
        """A solicited advertisement to the soliciting host (RFC 4861 §7.2.4)."""
        dst = ip["src"]
        return self.encode(Frame([
            _layer("ether", dst=mac, src=self.iface.mac),
            _layer("ipv6", src=self.own6, dst=dst, hlim=255),
            _layer("icmpv6", type=NEIGHBOR_ADVERT, flags=0b011, target=self.own6,
                   options=(("tgt-lladdr", self.iface.mac),)),
        ]))


# -- helpers ---------------------------------------------------------------------------


def _layer(name: str, **values: Any) -> Layer:
    v = LAYERS[name].HEADER.defaults()
    v.update(values)
    return Layer(name, v, frozenset(values))


def _substituted(node: Any, names: dict[str, Any], path: str) -> Any:
    """A copy of a YAML node with every ``${...}`` in its text replaced."""
    if isinstance(node, YMap):
        out = YMap(node.mark)
        for k in node:
            v = _substituted(node[k], names, f"{path}.{k}")
            text = node.texts.get(k)
            if isinstance(node[k], str) and "${" in node[k]:
                text = str(v) if not isinstance(v, int) else None
                v = substitute(node[k], names, mark=node.values_at[k], path=f"{path}.{k}")
            out.put(k, v, node.keys_at[k], node.values_at[k], text)
        return out
    if isinstance(node, YList):
        out_l = YList(node.mark)
        for i, item in enumerate(node):
            v = _substituted(item, names, f"{path}[{i}]")
            text = node.texts[i]
            if isinstance(item, str) and "${" in item:
                v = substitute(item, names, mark=node.items_at[i], path=f"{path}[{i}]")
                text = None
            out_l.append(v)
            out_l.items_at.append(node.items_at[i])
            out_l.texts.append(text)
        return out_l
    return node


def _own_by_default(layers: YList) -> None:
    """Addresses a frame's layers take from the sender, left out in a step,
    are auto: craft's own address, not the table's default (the kernel's in
    the lab, whose stack would answer the peer with a RST)."""
    for entry in layers:
        if not isinstance(entry, YMap) or len(entry) != 1:
            continue
        (name,) = entry
        body = entry[name]
        if name not in LAYERS or not (body is None or isinstance(body, YMap)):
            continue
        if body is None:
            body = YMap(entry.values_at[name])
            entry.put(name, body, entry.keys_at[name], entry.values_at[name], None)
        for fname in getattr(LAYERS[name], "AUTO", {}):
            if fname not in body and auto_source(name, fname) in (*OWN_ADDRESSES, LINK_DST):
                body.put(fname, "auto", body.mark, body.mark, "auto")


def _tcp_autos(layers: YList, port: int) -> set[str]:
    """``seq``/``ack`` written ``auto`` in the frame's tcp layer, replaced by 0
    (the run fills them in after the frame is built); ``sport: auto`` in a
    tcp or udp layer is the run's ephemeral ``port``."""
    autos: set[str] = set()
    for entry in layers:
        for name in ("tcp", "udp"):
            if not (isinstance(entry, YMap) and isinstance(entry.get(name), YMap)):
                continue
            body = entry[name]
            if body.get("sport") == "auto":
                body.put("sport", port, body.keys_at["sport"], body.values_at["sport"], str(port))
            if name == "tcp":
                autos = {f for f in ("seq", "ack") if body.get(f) == "auto"}
                for f in autos:
                    body.put(f, 0, body.keys_at[f], body.values_at[f], "0")
    return autos


def _answer_flow(frame: Frame) -> tuple | None:
    """The flow a TCP answer to ``frame`` comes back on (what ``_segment``
    reads off the answer), from the frame's own values."""
    names = [la.name for la in frame.layers]
    if "tcp" not in names:
        return None
    k = names.index("tcp")
    ip = next((la for la in reversed(frame.layers[:k]) if la.name in PSEUDO_HEADERS), None)
    if ip is None:
        return None
    tcp = frame.layers[k].values
    return (ip.values["dst"], ip.values["src"], tcp["dport"], tcp["sport"])


def _flow_of(parts: Dissected) -> tuple | None:
    """(src, dst, sport, dport) of a dissected TCP segment, else None."""
    tcp = parts.get("tcp")
    ip = parts.ip() if tcp is not None else None
    return None if ip is None else (ip["src"], ip["dst"], tcp["sport"], tcp["dport"])


def _matcher(group: tuple[Condition, ...], names: dict[str, Any]) -> Callable[[Dissected], bool]:
    """A test of an answer against conditions, their values read once."""
    wanted = [(c.at, _wanted(c, names)) for c in group]

    def match(parts: Dissected) -> bool:
        for at, want in wanted:
            seen = _field(parts, at)
            if not ((want in seen) if at.field == "contains" else seen == want):
                return False
        return True
    return match


def _segment(data: bytes) -> tuple[tuple, int, int, int, int] | None:
    """(flow, seq, ack, flags, payload length) of a TCP segment, else None."""
    parts = decode(data)
    ip = next((p for p in parts if p.name in PSEUDO_HEADERS and p.values), None)
    for k, p in enumerate(parts):
        if p.name == "tcp" and p.values and ip is not None:
            rest = sum(q.length for q in parts[k + 1:] if q.name == "payload")
            v = p.values
            return ((ip.values["src"], ip.values["dst"], v["sport"], v["dport"]), v["seq"],
                    v["ack"], v["flags"], rest)
    return None


def _to_us(parts: Dissected, own4: bytes | None, own6: bytes | None) -> bool:
    ip = parts.ip()
    if ip is not None:
        return ip["dst"] in (own4, own6)
    arp = parts.get("arp")
    return arp is not None and arp["tpa"] == own4


def _answers(parts: Dissected, data: bytes, key: tuple | None, tcp: tuple | None) -> bool:
    """Whether a received frame answers what was sent: the reverse direction
    of its TCP flow, else the reply key --replies uses."""
    if tcp is not None:
        seg = _segment(data)
        if seg is not None:
            (src, dst, sport, dport), *_ = seg
            return (dst, src, dport, sport) == tcp[0]
    return key is not None and reply_key(parts) == key


def _field(parts: Dissected, at: FieldPath) -> Any:
    if at.layer == "payload":
        data = parts.get("payload")
        text = (data or {}).get("data", b"").decode("utf-8", "replace")
        return text.rstrip("\0 \t\r\n") if at.field == "text" else text
    v = parts.get(at.layer)
    return None if v is None else at.get(v)


def _wanted(c: Condition, names: dict[str, Any]) -> Any:
    """The condition's value in the field's own terms."""
    value = c.value
    if isinstance(value, str) and "${" in value:
        value = substitute(value, names, mark=c.mark, path=c.name)
    if c.layer == "payload":
        return str(value)
    f = c.at.spec
    if f is None:
        return value
    try:
        if f.kind == FLAGS:
            return flags_value(f, value)
        if f.kind == ENUM and isinstance(value, str) and value in f.names:
            return f.names[value]
        if f.kind == MAC:
            return bytes.fromhex(str(value).replace(":", "").replace("-", ""))
        if f.kind in (IPV4, IPV6):
            return ipaddress.ip_address(str(value)).packed
        if f.kind == TEXT:  # text kept as bytes (an LLDP system name, a RIP password)
            return str(value).encode()
        if isinstance(value, str) and f.kind in (INT, ENUM):
            return int(value, 0)
        return value
    except ValueError as e:
        raise ProfileError(f"{c.name}: {value!r} is not a value of this field ({e})",
                           mark=c.mark, path=c.name) from None


def _shown(at: FieldPath, value: Any) -> str:
    if value is None:
        return "absent"
    if at.layer == "payload":
        return repr(value)
    return str(value) if at.spec is None else value_text(at.spec, value)


def _check(group: tuple[Condition, ...], parts: Dissected, names: dict[str, Any]) -> str | None:
    """None when every condition holds, else what differs."""
    for c in group:
        seen = _field(parts, c.at)
        want = _wanted(c, names)
        ok = (want in seen) if c.field == "contains" else seen == want
        if not ok:
            return (f"{c.name}: expected {_as_written(c, names)}, "
                    f"seen {_shown(c.at, seen)}")
    return None


def _judge(exp: Expect, parts: Dissected, names: dict[str, Any]) -> str | None:
    """None when the answer meets the expectation, else why not."""
    if exp.kind == NO_ANSWER:
        return "an answer arrived"
    misses = [_check(g, parts, names) for g in exp.groups]
    if exp.kind == "none":
        hit = next((g for g, m in zip(exp.groups, misses, strict=True) if m is None), None)
        return None if hit is None else ("the answer has " + ", ".join(
            f"{c.name} {c.value}" for c in hit) + ", which none: excludes")
    if any(m is None for m in misses):
        return None
    return misses[0] if len(misses) == 1 else "none of the alternatives: " + "; ".join(
        m for m in misses if m)


def _met(exp: Expect, parts: Dissected, names: dict[str, Any]) -> str:
    """What held, in the script's words."""
    if exp.kind == "none":
        return "the answer is none of the excluded ones"
    group = next(g for g in exp.groups if _check(g, parts, names) is None)
    return " and ".join(f"{c.name} {_as_written(c, names)}" for c in group)


def _as_written(c: Condition, names: dict[str, Any]) -> str:
    """The condition's value as the script gives it, variables filled in."""
    value = c.value
    if isinstance(value, str) and "${" in value:
        value = substitute(value, names, mark=c.mark, path=c.name)
    return repr(value) if c.layer == "payload" else str(value)


def _describe(parts: Dissected) -> str:
    return ", ".join(LAYERS[n].summary(v) for n, v in parts
                     if n in LAYERS and n not in ("ether", "vlan")) or "a frame"


def own_addresses(texts: list[str], mark: Mark | None = None) -> list[bytes]:
    """``--source`` addresses as bytes."""
    out = []
    for t in texts:
        try:
            out.append(ipaddress.ip_address(t.strip()).packed)
        except ValueError:
            raise ProfileError(f"--source {t!r}: give an IPv4 or IPv6 address, e.g. 192.0.2.101",
                               mark=mark) from None
    return out
