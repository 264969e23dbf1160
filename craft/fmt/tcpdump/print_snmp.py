"""SNMP (RFC 1157, 3416, 3412; UDP ports 161 and 162) as tcpdump 4.99 prints
it with -n: the PDU, its variable bindings as numeric OIDs and values, a
community other than "public" as C="...", and with -v the version, request
id and braces around each part; SNMPv3 message headers and USM parameters.
A small BER decoder of tcpdump's own shape (asn1_parse / asn1_print) does the
work. Private to craft.fmt.tcpdump."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from craft.fmt.tcpdump.netdissect import Pkt, Trunc

_UNIVERSAL = ("U-0", "Boolean", "Integer", "Bitstring", "String", "Null", "ObjID", "ObjectDes",
              "U-8", "U-9", "U-10", "U-11", "U-12", "U-13", "U-14", "U-15", "Sequence", "Set")
_APPLICATION = ("IpAddress", "Counter", "Gauge", "TimeTicks", "Opaque", "C-5", "Counter64")
_CONTEXT = ("GetRequest", "GetNextRequest", "GetResponse", "SetRequest", "Trap", "GetBulk",
            "Inform", "V2Trap", "Report")
_EXCEPTIONS = ("noSuchObject", "noSuchInstance", "endOfMibView")
# tcpdump's class table; its names come from a pre-ANSI macro and read "x".
_CLASSES = (_UNIVERSAL, _APPLICATION, _CONTEXT, ("P-0",), _EXCEPTIONS)
_ERRORS = ("noError", "tooBig", "noSuchName", "badValue", "readOnly", "genErr", "noAccess",
           "wrongType", "wrongLength", "wrongEncoding", "wrongValue", "noCreation",
           "inconsistentValue", "resourceUnavailable", "commitFailed", "undoFailed",
           "authorizationError", "notWritable", "inconsistentName")
_TRAPS = ("coldStart", "warmStart", "linkDown", "linkUp", "authenticationFailure",
          "egpNeighborLoss", "enterpriseSpecific")
_VERSIONS = {0: "SNMPv1", 1: "SNMPv2c", 3: "SNMPv3"}
GETREQ, GETNEXTREQ, GETRESP, SETREQ, TRAP, GETBULKREQ, INFORMREQ, V2TRAP, REPORT = range(9)

# Decoded element kinds (tcpdump's BE_ types).
ANY, NULL, OCTET, OID, INT, UNS, STR, SEQ, INETADDR, PDU, UNS64, EXCEPTION = range(12)


# (form, class, tag): the kind of the elements whose contents are not read here
_KINDS = {(0, 0, 4): STR, (0, 0, 6): OID, (0, 0, 5): NULL, (0, 1, 0): INETADDR,
          (0, 2, 0): EXCEPTION, (0, 2, 1): EXCEPTION, (0, 2, 2): EXCEPTION, (1, 0, 16): SEQ}
# (form, class): the tag printed before an element tcpdump does not decode (else P/x or C/x)
_OTHER = {(0, 0): "[P/U/{}]", (0, 1): "[P/A/{}]", (1, 0): "C/U/{}"}


@dataclass
class _Elem:
    kind: int = ANY
    asnlen: int = 0
    at: int = 0  # where its contents start
    ident: int = 0
    value: int = 0


class _Invalid(Exception):
    """asn1_parse failed: what it printed stays, and the caller stops."""


def _s32(v: int) -> int:
    v &= 0xFFFFFFFF
    return v - (1 << 32) if v & 0x80000000 else v


def _parse(p: Pkt, at: int, length: int) -> tuple[_Elem, int]:
    """tcpdump's asn1_parse: one BER element at ``at`` within ``length``
    bytes; (element, bytes it took)."""
    e = _Elem()
    if length < 1:
        p.w("[nothing to parse]")
        raise _Invalid
    b = p.u8(at)
    ident, form, cls = b & 0x1F, (b & 0x20) >> 5, (b & 0xC0) >> 6
    at, length, hdr = at + 1, length - 1, 1
    if ident == 0x1F:  # the tag continues in the following bytes
        ident = 0
        while p.u8(at) & 0x80:
            if length < 1:
                p.w("[Xtagfield?]")
                raise _Invalid
            ident = ((ident << 7) | (p.u8(at) & 0x7F)) & 0xFF
            at, length, hdr = at + 1, length - 1, hdr + 1
        if length < 1:
            p.w("[Xtagfield?]")
            raise _Invalid
        ident = ((ident << 7) | p.u8(at)) & 0xFF
        at, length, hdr = at + 1, length - 1, hdr + 1
    e.ident = ident
    if length < 1:
        p.w("[no asnlen]")
        raise _Invalid
    asnlen = p.u8(at)
    at, length, hdr = at + 1, length - 1, hdr + 1
    if asnlen & 0x80:
        noct, asnlen = asnlen & 0x7F, 0
        if length < noct:
            p.w(f"[asnlen? {length}<{noct}]")
            raise _Invalid
        if not p.test(at, noct):  # (checked as one, like the contents)
            raise Trunc(local=True)
        for _ in range(noct):
            asnlen = ((asnlen << 8) | p.u8(at)) & 0xFFFFFFFF
            at, length, hdr = at + 1, length - 1, hdr + 1
    e.asnlen = asnlen
    if length < asnlen:
        p.w(f"[len{_s32(length)}<asnlen{asnlen}]")
        raise _Invalid
    if cls >= len(_CLASSES):
        p.w(f"[class?{'PC'[form]}/{cls}]")
        raise _Invalid
    if ident >= len(_CLASSES[cls]):
        p.w(f"[id?{'PC'[form]}/x/{ident}]")
        raise _Invalid
    if not p.test(at, asnlen):  # ND_TCHECK_LEN: asn1_parse marks the cut itself
        raise Trunc(local=True)
    e.at = at
    name = _CLASSES[cls][ident]
    key = (form, cls, ident)
    if key in _KINDS:
        e.kind = _KINDS[key]
    elif key == (0, 0, 2):
        e.kind = INT
        if asnlen == 0:
            p.w("[asnlen=0]")
            raise _Invalid
        v = -1 if p.u8(at) & 0x80 else 0
        for i in range(asnlen):
            v = (v << 8) | p.u8(at + i)
        e.value = _s32(v)
    elif form == 0 and cls == 1 and ident in (1, 2, 3, 6):
        e.kind, mask = (UNS, 0xFFFFFFFF) if ident != 6 else (UNS64, (1 << 64) - 1)
        v = 0
        for i in range(asnlen):
            v = ((v << 8) + p.u8(at + i)) & mask
        e.value = v
    elif form and cls == 2:
        e.kind = PDU
    elif form or cls != 2:  # (a primitive context element past the exceptions: nothing)
        _other(p, e, _OTHER.get((form, cls), "C/x/{}" if form else "[P/x/{}]").format(name))
    return e, asnlen + hdr


def _other(p: Pkt, e: _Elem, tag: str) -> None:
    """An element of a class or tag tcpdump does not decode: TAG, then its
    bytes as a string."""
    e.kind = OCTET
    p.w(tag)


def _octets(p: Pkt, e: _Elem) -> None:
    p.w("".join(f"_{p.u8(e.at + i):02x}" for i in range(e.asnlen)))


def _string(p: Pkt, e: _Elem) -> None:
    """asn1_print_string: quoted when every byte is printable, else hex."""
    data = p.b(e.at, e.asnlen)
    if all(0x20 <= c < 0x7F for c in data):
        p.w(f'"{data.decode("ascii")}"')
    else:
        p.w("_".join(f"{c:02x}" for c in data))


def _print(p: Pkt, e: _Elem) -> None:
    """tcpdump's asn1_print (numeric OIDs, as with -n)."""
    k = e.kind
    if k == OCTET:
        _octets(p, e)
    elif k == OID:
        first, o = True, 0
        for i in range(e.asnlen):
            c = p.u8(e.at + i)
            o = ((o << 7) + (c & 0x7F)) & 0xFFFFFFFF
            if c & 0x80:
                continue
            if first:
                first = False
                s = min(o // 40, 2)
                p.w(f".{s}")
                o -= s * 40
            p.w(f".{o}")
            o = 0
    elif k == INT:
        p.w(str(e.value))
    elif k in (UNS, UNS64):
        p.w(str(e.value))
    elif k == STR:
        _string(p, e)
    elif k == SEQ:
        p.w(f"Seq({e.asnlen})")
    elif k == INETADDR:
        if e.asnlen != 4:
            p.w("[inetaddr len!=4]")
        p.w(".".join(str(p.u8(e.at + i)) for i in range(e.asnlen)))
    elif k == EXCEPTION:
        p.w(f"[{_EXCEPTIONS[e.ident]}]")
    elif k == PDU:
        p.w(f"{_CONTEXT[e.ident]}({e.asnlen})")
    elif k == ANY:
        p.w("[BE_ANY!?]")


def _expect(p: Pkt, at: int, length: int, kind: int, what: str) -> tuple[_Elem, int]:
    """The next element, which must be of ``kind`` (else tcpdump's [what] and stop)."""
    e, n = _parse(p, at, length)
    if e.kind != kind:
        p.w(f"[{what}]")
        _print(p, e)
        raise _Invalid
    return e, n


def _error(v: int) -> str:
    return _ERRORS[v] if 0 <= v < len(_ERRORS) else f"err={v & 0xFFFFFFFF}"


def _varbinds(p: Pkt, pduid: int, at: int, length: int) -> None:
    e, n = _expect(p, at, length, SEQ, "!SEQ of varbind")
    if n < length:
        p.w(f"[{length - n} extra after SEQ of varbind]")
    at, length = e.at, e.asnlen
    get = pduid in (GETREQ, GETNEXTREQ, GETBULKREQ)
    while length:
        p.w(" ")
        vb, n = _expect(p, at, length, SEQ, "!varbind")
        end, rest = at + n, length - n
        at, left = vb.at, vb.asnlen
        name, n = _expect(p, at, left, OID, "objName!=OID")
        _print(p, name)
        at, left = at + n, left - n
        if not get:
            p.w("=")
        val, n = _parse(p, at, left)
        if get:
            if val.kind != NULL:
                p.w("[objVal!=NULL]")
                _print(p, val)
        elif val.kind != NULL:
            _print(p, val)
        at, length = end, rest


def _pdu_fields(p: Pkt, pduid: int, at: int, length: int) -> None:
    """snmppdu_print: request id, error status and index, then the bindings."""
    e, n = _expect(p, at, length, INT, "reqId!=INT")
    if p.o.v:
        p.w(f"R={e.value} ")
    at, length = at + n, length - n
    e, n = _expect(p, at, length, INT, "errorStatus!=INT")
    strict = pduid in (GETREQ, GETNEXTREQ, SETREQ, INFORMREQ, V2TRAP, REPORT)
    status = 0
    if strict and e.value:
        p.w(f"[errorStatus({_error(e.value)})!=0]")
    elif pduid == GETBULKREQ:
        p.w(f" N={e.value}")
    elif e.value:
        p.w(f" {_error(e.value)}")
        status = e.value
    at, length = at + n, length - n
    e, n = _expect(p, at, length, INT, "errorIndex!=INT")
    if strict and e.value:
        p.w(f"[errorIndex({e.value})!=0]")
    elif pduid == GETBULKREQ:
        p.w(f" M={e.value}")
    elif e.value:
        p.w(f"@{e.value}" if status else f"[errorIndex({e.value}) w/o errorStatus]")
    elif status:
        p.w("[errorIndex==0]")
    _varbinds(p, pduid, at + n, length - n)


def _trap(p: Pkt, at: int, length: int) -> None:
    """trappdu_print: an SNMPv1 Trap."""
    p.w(" ")
    e, n = _expect(p, at, length, OID, "enterprise!=OID")
    _print(p, e)
    at, length = at + n, length - n
    p.w(" ")
    e, n = _expect(p, at, length, INETADDR, "agent-addr!=INETADDR")
    _print(p, e)
    at, length = at + n, length - n
    e, n = _expect(p, at, length, INT, "generic-trap!=INT")
    generic = e.value
    p.w(f" {_TRAPS[generic] if 0 <= generic < len(_TRAPS) else f'gt={generic}'}")
    at, length = at + n, length - n
    e, n = _expect(p, at, length, INT, "specific-trap!=INT")
    if generic != 6:
        if e.value:
            p.w(f"[specific-trap({e.value})!=0]")
    else:
        p.w(f" s={e.value}")
    at, length = at + n, length - n
    p.w(" ")
    e, n = _expect(p, at, length, UNS, "time-stamp!=TIMETICKS")
    _print(p, e)
    _varbinds(p, TRAP, at + n, length - n)


def _pdu(p: Pkt, at: int, length: int, version: int) -> None:
    pdu, n = _parse(p, at, length)
    if pdu.kind != PDU:
        p.w("[no PDU]")
        raise _Invalid
    if n < length:
        p.w(f"[{length - n} extra after PDU]")
    if p.o.v:
        p.w("{ ")
    _print(p, pdu)
    p.w(" ")
    if version == 0 and pdu.ident in (GETBULKREQ, INFORMREQ, V2TRAP, REPORT):
        p.w("[v2 PDU in v1 message]")
        raise _Invalid
    if version == 1 and pdu.ident == TRAP:
        p.w("[v1 PDU in v2 message]")
        raise _Invalid
    try:
        if pdu.ident == TRAP:
            _trap(p, pdu.at, pdu.asnlen)
        else:
            _pdu_fields(p, pdu.ident, pdu.at, pdu.asnlen)
    except _Invalid:
        pass
    if p.o.v:
        p.w(" } ")


def _show(p: Pkt, e: _Elem, label: str, show: Callable[[Pkt, _Elem], None]) -> None:
    """LABEL, the element as SHOW prints it, and a space."""
    p.w(label)
    show(p, e)
    p.w(" ")


def _scoped(p: Pkt, at: int, length: int) -> None:
    e, _ = _expect(p, at, length, SEQ, "!scoped PDU")
    at, length = e.at, e.asnlen
    e, n = _expect(p, at, length, STR, "contextEngineID!=STR")
    at, length = at + n, length - n
    _show(p, e, "E=", _octets)
    e, n = _expect(p, at, length, STR, "contextName!=STR")
    _show(p, e, "C=", _string)
    _pdu(p, at + n, length - n, 3)


def _usm(p: Pkt, at: int, length: int) -> None:
    e, _ = _expect(p, at, length, SEQ, "!usm")
    at, length = e.at, e.asnlen
    e, n = _expect(p, at, length, STR, "msgAuthoritativeEngineID!=STR")
    at, length = at + n, length - n
    e, n = _expect(p, at, length, INT, "msgAuthoritativeEngineBoots!=INT")
    if p.o.v:
        p.w(f"B={e.value} ")
    at, length = at + n, length - n
    e, n = _expect(p, at, length, INT, "msgAuthoritativeEngineTime!=INT")
    if p.o.v:
        p.w(f"T={e.value} ")
    at, length = at + n, length - n
    e, n = _expect(p, at, length, STR, "msgUserName!=STR")
    at, length = at + n, length - n
    _show(p, e, "U=", _string)
    e, n = _expect(p, at, length, STR, "msgAuthenticationParameters!=STR")
    at, length = at + n, length - n
    e, n = _expect(p, at, length, STR, "msgPrivacyParameters!=STR")
    length -= n
    if n < length:
        p.w(f"[{length - n} extra after usm SEQ]")


def _v3(p: Pkt, at: int, length: int) -> None:
    start, total = at, length
    e, _ = _expect(p, at, length, SEQ, "!message")
    at, length = e.at, e.asnlen
    v = p.o.v
    if v:
        p.w("{ ")
    e, n = _expect(p, at, length, INT, "msgID!=INT")
    at, length = at + n, length - n
    e, n = _expect(p, at, length, INT, "msgMaxSize!=INT")
    at, length = at + n, length - n
    e, n = _expect(p, at, length, STR, "msgFlags!=STR")
    if e.asnlen != 1:
        p.w(f"[msgFlags size {e.asnlen}]")
        raise _Invalid
    flags = p.u8(e.at)
    if flags not in (0, 1, 3, 4, 5, 7):
        p.w(f"[msgFlags=0x{flags:02X}]")
        raise _Invalid
    at, length = at + n, length - n
    p.w(f"F={'a' if flags & 1 else ''}{'p' if flags & 2 else ''}{'r' if flags & 4 else ''} ")
    e, n = _expect(p, at, length, INT, "msgSecurityModel!=INT")
    model = e.value
    at, length = at + n, length - n
    if n < length:
        p.w(f"[{length - n} extra after message SEQ]")
    if v:
        p.w("} ")
    if model != 3:
        p.w(f"[security model {model}]")
        raise _Invalid
    if v:
        p.w("{ USM ")
    length = total - (at - start)
    e, n = _expect(p, at, length, STR, "msgSecurityParameters!=STR")
    at, length = at + n, length - n
    try:
        _usm(p, e.at, e.asnlen)
    except _Invalid:
        pass
    if v:
        p.w("} ")
    if v:
        p.w("{ ScopedPDU ")
    try:
        _scoped(p, at, length)
    except _Invalid:
        pass
    if v:
        p.w("} ")


def _community(p: Pkt, at: int, length: int, version: int) -> None:
    e, n = _expect(p, at, length, STR, "comm!=STR")
    if p.b(e.at, e.asnlen) != b"public":
        _show(p, e, "C=", _string)
    _pdu(p, at + n, length - n, version)


def snmp_print(p: Pkt, at: int, length: int) -> None:
    """tcpdump's snmp_print: the message at ``at`` of ``length`` bytes."""
    p.proto = "snmp"
    p.w(" ")
    try:
        e, n = _expect(p, at, length, SEQ, "!init SEQ")
        if n < length:
            p.w(f"[{length - n} extra after iSEQ]")
        at, length = e.at, e.asnlen
        e, n = _expect(p, at, length, INT, "version!=INT")
        version = e.value
        if version not in _VERSIONS:
            p.w(f"SNMP [version = {version}]")
            return
        if p.o.v:
            p.w(f"{{ {_VERSIONS[version]} ")
        try:
            if version == 3:
                _v3(p, at + n, length - n)
            else:
                _community(p, at + n, length - n, version)
        except _Invalid:
            pass
        if p.o.v:
            p.w("} ")
    except _Invalid:
        return
