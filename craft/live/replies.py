"""Replies matched to the requests that caused them, and ``--expect``.

Protocol logic only (no I/O): ``Matcher.sent`` records a frame that went
out, ``Matcher.received`` tries a frame that came in against what is
pending. Pairs (RFC in brackets):

- ICMP echo request ↔ echo reply by the asking address, id and seq [RFC 792];
  ICMPv6 likewise [RFC 4443 §4];
- TCP SYN ↔ SYN-ACK or RST by addresses, ports and ack = seq + 1 [RFC 9293 §3.5];
- ARP request ↔ reply by the asked and asking addresses [RFC 826];
- ICMPv6 neighbour solicitation ↔ advertisement by target [RFC 4861 §7.2];
- UDP ↔ ICMP/ICMPv6 port unreachable quoting the datagram [RFC 792, RFC 4443 §3.1],
  or a UDP datagram back between the same ports.

``evaluate`` checks an ``--expect`` expression over the result: a small
recursive-descent evaluator of names (``sent``, ``answered``, ``unanswered``),
``layer.field`` of the replies, ``rtt`` (ms), comparisons and and/or/not.
"""

from __future__ import annotations

import ipaddress
import re
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from craft.decode.walk import decode
from craft.errors import UsageError
from craft.layers import LAYERS
from craft.layers.base import BYTES, ENUM, FLAGS, IPV4, IPV6, MAC, PSEUDO_HEADERS, value_text


class Dissected(list):  # type: ignore[type-arg]
    """A frame's decoded layers as (name, values), outermost first; the
    datagram an ICMP/ICMPv6 error quotes follows as ``quoted.<name>`` layers."""

    def get(self, name: str) -> dict[str, Any] | None:
        for n, v in self:
            if n == name:
                return v
        return None

    def ip(self, prefix: str = "") -> dict[str, Any] | None:
        """The first layer (of the quoted ones with ``prefix``) that carries a
        pseudo-header: the IP layer whose addresses the keys use."""
        for n, v in self:
            if n.startswith(prefix) and n[len(prefix):] in PSEUDO_HEADERS:
                return v
        return None

    def quoted_key(self) -> tuple | None:
        """The request key of the quoted datagram (what an ICMP error answers)."""
        quoted = Dissected((n[7:], v) for n, v in self if n.startswith("quoted."))
        return request_key(quoted) if quoted else None


def dissect(data: bytes, first: str = "ether", *, depth: int = 0) -> Dissected:
    """The decoded layers of ``data`` (craft.decode, lenient), as (name, values).

    An error message (its module's ``is_error``) keeps the datagram it quotes
    as layers named ``quoted.ipv4``, ``quoted.udp``... (what port-unreachable
    matching reads); its module's ``QUOTES`` names the quoted first layer.
    """
    out = Dissected()
    parts = decode(data, first)
    for k, p in enumerate(parts):
        if not p.values or p.name == "padding":
            break
        out.append((p.name, p.values))
        module = LAYERS[p.name]
        if hasattr(module, "QUOTES") and module.is_error(p.values) and depth == 0:
            rest = parts[k + 1] if k + 1 < len(parts) else None
            if rest is not None and rest.name == "payload":
                quoted = dissect(rest.values["data"], module.QUOTES, depth=1)
                out.extend((f"quoted.{n}", v) for n, v in quoted)
            break
    return out


def _key(layers: Dissected, which: str) -> tuple | None:
    """The innermost layer with a ``which`` function decides (request_key or
    reply_key), given the IP layer outside it."""
    own = [(n, v) for n, v in layers if not n.startswith("quoted.")]
    for n, v in reversed(own):
        fn = getattr(LAYERS[n], which, None)
        if fn is not None:
            return fn(v, layers.ip(), layers)
    return None


def request_key(layers: Dissected) -> tuple | None:
    """What a reply to this frame will carry, or None when none is expected."""
    return _key(layers, "request_key")


def reply_key(layers: Dissected) -> tuple | None:
    """The request key this frame would answer, or None."""
    return _key(layers, "reply_key")


@dataclass(slots=True)
class Request:
    number: int  # the frame's place in the send sequence
    sent_at: float  # wall-clock seconds (time.time())
    layers: Dissected


@dataclass(slots=True)
class Answer:
    request: Request
    received_at: float
    data: bytes
    layers: Dissected

    @property
    def rtt(self) -> float:
        """Round-trip time in seconds."""
        return max(0.0, self.received_at - self.request.sent_at)


@dataclass
class Matcher:
    """Pending requests by the key their reply carries, oldest first."""

    link: str = "ether"  # first layer of received frames ("ipv4"/"ipv6" on tun)
    pending: dict[tuple, deque[Request]] = field(default_factory=dict)
    answers: list[Answer] = field(default_factory=list)
    sent_count: int = 0
    expecting: int = 0  # sent frames that a reply could answer

    def sent(self, number: int, data: bytes, when: float, first: str | None = None) -> None:
        self.sent_count += 1
        layers = dissect(data, first or self.link)
        key = request_key(layers)
        if key is None:
            return
        self.expecting += 1
        self.pending.setdefault(key, deque()).append(Request(number, when, layers))

    def received(self, data: bytes, when: float, first: str | None = None) -> Answer | None:
        if not self.pending:
            return None
        layers = dissect(data, first or self.link)
        key = reply_key(layers)
        if key is None:
            return None
        queue = self.pending.get(key)
        if not queue:
            return None
        req = queue.popleft()
        if not queue:
            del self.pending[key]
        answer = Answer(req, when, data, layers)
        self.answers.append(answer)
        return answer

    @property
    def answered(self) -> int:
        return len(self.answers)

    @property
    def unanswered(self) -> int:
        return self.sent_count - self.answered


def summary_line(layers: Dissected) -> str:
    """A one-line description from the layers' own summaries."""
    parts = [LAYERS[n].summary(v) for n, v in layers
             if not n.startswith("quoted.") and n in LAYERS and n not in ("ether", "vlan")]
    return ", ".join(parts) or "(undecoded)"


# -- --expect ----------------------------------------------------------------

_TOKEN = re.compile(r"""\s*(?:(==|!=|<=|>=|<|>|\(|\))|"([^"]*)"|'([^']*)'|([^\s()=!<>"']+))""")
_OPS = {
    "==": lambda a, b: a == b, "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b, "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b, ">=": lambda a, b: a >= b,
}
COUNTS = ("sent", "answered", "unanswered")


@dataclass(frozen=True, slots=True)
class Tok:
    kind: str  # "op", "word", "str", "end"
    text: str


def _tokens(expr: str) -> list[Tok]:
    out, pos = [], 0
    expr = expr.rstrip()
    while pos < len(expr):
        m = _TOKEN.match(expr, pos)
        if not m or m.end() == pos:
            raise UsageError(f"--expect: cannot read {expr[pos:]!r}")
        pos = m.end()
        op, s1, s2, word = m.groups()
        if op:
            out.append(Tok("op", op))
        elif word is not None:
            out.append(Tok("word", word))
        else:
            out.append(Tok("str", s1 if s1 is not None else s2))
    out.append(Tok("end", ""))
    return out


class _Parser:
    def __init__(self, expr: str) -> None:
        self.expr = expr
        self.toks = _tokens(expr)
        self.i = 0

    def peek(self) -> Tok:
        return self.toks[self.i]

    def take(self) -> Tok:
        t = self.toks[self.i]
        self.i += 1
        return t

    def fail(self, what: str) -> UsageError:
        return UsageError(f"--expect {self.expr!r}: {what}")

    def parse(self) -> tuple:
        node = self.or_()
        if self.peek().kind != "end":
            raise self.fail(f"unexpected {self.peek().text!r}")
        return node

    def _kw(self, word: str) -> bool:
        t = self.peek()
        if t.kind == "word" and t.text.lower() == word:
            self.i += 1
            return True
        return False

    def or_(self) -> tuple:
        node = self.and_()
        while self._kw("or"):
            node = ("or", node, self.and_())
        return node

    def and_(self) -> tuple:
        node = self.not_()
        while self._kw("and"):
            node = ("and", node, self.not_())
        return node

    def not_(self) -> tuple:
        if self._kw("not"):
            return ("not", self.not_())
        return self.cmp()

    def cmp(self) -> tuple:
        t = self.peek()
        if t.kind == "op" and t.text == "(":
            self.take()
            node = self.or_()
            if self.take().text != ")":
                raise self.fail("missing ')'")
            return node
        left = self.operand()
        t = self.peek()
        if t.kind == "op" and t.text in _OPS:
            self.take()
            return ("cmp", t.text, left, self.operand())
        return ("truth", left)

    def operand(self) -> tuple:
        t = self.take()
        if t.kind == "str":
            return ("lit", t.text)
        if t.kind != "word" or t.text.lower() in ("and", "or", "not"):
            raise self.fail(f"expected a name or value, found {t.text or 'the end'!r}")
        w = t.text
        if w in COUNTS:
            return ("count", w)
        if w == "rtt":
            return ("field", "rtt", "")
        layer, dot, name = w.partition(".")
        if dot and layer in LAYERS:
            fields = LAYERS[layer].HEADER.by_name
            if name not in fields:
                raise self.fail(f"{layer} has no field {name!r} "
                                f"(fields: {', '.join(fields)})")
            return ("field", layer, name)
        return ("lit", w)


def parse_expect(expr: str) -> tuple:
    """Parse (and so validate) an --expect expression; UsageError if malformed."""
    if not expr.strip():
        raise UsageError("--expect: empty expression")
    return _Parser(expr).parse()


def _literal(text: str, ref: tuple | None) -> Any:
    """``text`` as an internal value of the field ``ref`` (or a number)."""
    if ref is not None and ref[0] == "field" and ref[1] != "rtt":
        f = LAYERS[ref[1]].HEADER.by_name[ref[2]]
        try:
            if f.kind in (MAC,):
                return bytes.fromhex(text.replace(":", "").replace("-", ""))
            if f.kind in (IPV4, IPV6):
                return ipaddress.ip_address(text).packed
            if f.kind == BYTES:
                return bytes.fromhex(text)
            if f.kind == ENUM and text.lower() in {k.lower() for k in f.names}:
                return next(v for k, v in f.names.items() if k.lower() == text.lower())
            if f.kind == FLAGS and f.letters and re.fullmatch(f"[{f.letters}]+", text, re.I):
                n = len(f.letters)
                return sum(1 << (n - 1 - f.letters.index(c)) for c in text.upper())
        except ValueError:
            raise UsageError(f"--expect: {text!r} is not a value of {ref[1]}.{ref[2]}") from None
    try:
        return int(text, 0)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        raise UsageError(f"--expect: {text!r} is not a number or a name of the field "
                         "it is compared with") from None


def _shown(ref: tuple, value: Any) -> str:
    if ref[0] == "field" and ref[1] != "rtt" and not isinstance(value, float):
        f = LAYERS[ref[1]].HEADER.by_name[ref[2]]
        if f.kind == FLAGS and f.letters and isinstance(value, int):
            # lowest bit first, as scapy writes them and as --expect reads them: SA, RA
            n = len(f.letters)
            return "".join(c for i, c in reversed(list(enumerate(f.letters)))
                           if value >> (n - 1 - i) & 1) or "0"
        return value_text(f, value)
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _ref_text(ref: tuple) -> str:
    if ref[0] == "count":
        return ref[1]
    if ref[0] == "field":
        return "rtt" if ref[1] == "rtt" else f"{ref[1]}.{ref[2]}"
    return str(ref[1])


def _field_values(ref: tuple, answers: Iterable[Answer]) -> list[tuple[Answer, Any]]:
    out = []
    for a in answers:
        if ref[1] == "rtt":
            out.append((a, a.rtt * 1000.0))
            continue
        v = a.layers.get(ref[1])
        if v is not None and ref[2] in v:
            out.append((a, v[ref[2]]))
    return out


def evaluate(expr: str | tuple, matcher: Matcher) -> tuple[bool, str]:
    """Whether ``expr`` holds for ``matcher``'s result, and why (one line).

    A ``layer.field`` (or ``rtt``) comparison holds when at least one reply
    has that layer and every reply that has it satisfies the comparison.
    """
    node = parse_expect(expr) if isinstance(expr, str) else expr
    counts = {"sent": matcher.sent_count, "answered": matcher.answered,
              "unanswered": matcher.unanswered}
    return _eval(node, counts, matcher.answers)


def _eval(node: tuple, counts: dict[str, int], answers: list[Answer]) -> tuple[bool, str]:
    kind = node[0]
    if kind == "or":
        ok, why = _eval(node[1], counts, answers)
        if ok:
            return ok, why
        ok2, why2 = _eval(node[2], counts, answers)
        return ok2, why2 if ok2 else f"{why}; and {why2}"
    if kind == "and":
        ok, why = _eval(node[1], counts, answers)
        if not ok:
            return ok, why
        return _eval(node[2], counts, answers)
    if kind == "not":
        ok, why = _eval(node[1], counts, answers)
        return not ok, f"not ({why})"
    if kind == "truth":
        node = ("cmp", "!=", node[1], ("lit", "0"))
    _cmp, op, left, right = node
    if left[0] == "lit" and right[0] == "field":  # 64 == ipv4.ttl reads as ipv4.ttl == 64
        op = {"<": ">", ">": "<", "<=": ">=", ">=": "<="}.get(op, op)
        left, right = right, left
    if left[0] == "field":
        if right[0] != "lit":
            raise UsageError("--expect: compare a reply field with a value, not with "
                             f"{_ref_text(right)}")
        want = _literal(right[1], left)
        values = _field_values(left, answers)
        name = _ref_text(left)
        if not values:
            what = "a round-trip time" if left[1] == "rtt" else f"an {left[1]} layer" \
                if left[1][0] in "aeiou" else f"a {left[1]} layer"
            return False, f"{name} {op} {right[1]}: no reply has {what}"
        for a, value in values:
            try:
                ok = _OPS[op](value, want)
            except TypeError:
                raise UsageError(f"--expect: cannot order {name} values with {op}") from None
            if not ok:
                return False, (f"{name} {op} {right[1]}: the reply to frame #{a.request.number} "
                               f"has {name} {_shown(left, value)}")
        return True, f"{name} {op} {right[1]}: all {len(values)} replies"
    lv = counts[left[1]] if left[0] == "count" else _literal(left[1], None)
    rv = counts[right[1]] if right[0] == "count" else _literal(right[1], None)
    ok = _OPS[op](lv, rv)
    text = f"{_ref_text(left)} {op} {_ref_text(right)}"
    return ok, f"{text} ({lv} {op} {rv}){'' if ok else ' does not hold'}"
