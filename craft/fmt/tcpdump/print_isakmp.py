"""ISAKMP/IKE (RFC 2407, 2408, 7296; UDP 500, 7500, 8500, and 4500 with the
RFC 3948 encapsulation) as tcpdump 4.99 prints it.

Always: the version-dependent summary -- IKEv1 phase, the I/R/? initiator
mark (from a cache of initiator cookies and addresses, like tcpdump's),
exchange type and [E]/[C] flags; IKEv2 parent_sa/child_sa, exchange type and
[IVR] flags. With -v: the version, message id and the payload chain (IKEv1
SA/proposal/transform with IPsec-DOI attribute names, KE, ID, CERT, CR,
HASH, SIG, NONCE, N, D, VID; IKEv2 SA/proposal/transform, KE, IDi/IDr,
CERT, CERTREQ, AUTH, NONCE, N, D, V, TSi/TSr, E, CP, EAP) and a length
mismatch against the datagram. With -vv the cookies and some payload data,
with -vvv the raw payload bytes. Private to craft.fmt.tcpdump."""

from __future__ import annotations

from collections.abc import Callable

from craft.fmt.tcpdump.addrtoname import ip4, ip6
from craft.fmt.tcpdump.netdissect import Pkt
from craft.fmt.tcpdump.print_esp import esp_print
from craft.fmt.tcpdump.util_print import fn_char, safe

_HDR = 28  # the ISAKMP header
_MAX_INITIATORS = 20
_NP_T, _NP_P, _NP_V2E = 3, 2, 46

_NPSTR = ("none", "sa", "p", "t", "ke", "id", "cert", "cr", "hash", "sig", "nonce", "n", "d", "vid",
          *(f"pay{i}" for i in range(14, 33)),
          "v2sa", "v2ke", "v2IDi", "v2IDr", "v2cert", "v2cr", "v2auth", "v2nonce", "v2n", "v2d",
          "v2vid", "v2TSi", "v2TSr", "v2e", "v2cp", "v2eap")
_ETYPES = {0: "none", 1: "base", 2: "ident", 3: "auth", 4: "agg", 5: "inf", 32: "oakley-quick",
           33: "oakley-newgroup", 34: "ikev2_init", 35: "ikev2_auth", 36: "child_sa", 37: "inf2"}
_PROTOIDS = (None, "isakmp", "ipsec-ah", "ipsec-esp", "ipcomp")

_GROUPS = (None, "modp768", "modp1024", "EC2N 2^155", "EC2N 2^185", "modp1536", "iana-grp06",
           "iana-grp07", "iana-grp08", "iana-grp09", "iana-grp10", "iana-grp11", "iana-grp12",
           "iana-grp13", "modp2048", "modp3072", "modp4096", "modp6144", "modp8192")
_IKEV1_P = (None, "ike")
_AH_P = (None, "(reserved)", "md5", "sha", "1des", "sha2-256", "sha2-384", "sha2-512")
_ESP_P = (None, "1des-iv64", "1des", "3des", "rc5", "idea", "cast", "blowfish", "3idea",
          "1des-iv32", "rc4", "null", "aes")
_IPCOMP_P = (None, "oui", "deflate", "lzs")
_PRF_P = (None, "hmac-md5", "hmac-sha", "hmac-tiger", "aes128_xcbc")
_INTEG_P = (None, "hmac-md5", "hmac-sha", "dec-mac", "kpdk-md5", "aes-xcbc")
_ESN_P = ("no-esn", "esn")
_V2_T_TYPES = (None, "encr", "prf", "integ", "dh", "esn")
_V2_AUTH = ("invalid", "rsasig", "shared-secret", "dsssig")

# attribute maps: (type name, number of values, value names)
_AttrMap = tuple[tuple[str | None, int, tuple[str | None, ...]], ...]
_NONE: tuple[str | None, int, tuple[str | None, ...]] = (None, 0, ())
_IPSEC_T_MAP: _AttrMap = (
    _NONE, ("lifetype", 3, (None, "sec", "kb")), ("life", 0, ()), ("group desc", 18, _GROUPS),
    ("enc mode", 3, (None, "tunnel", "transport")),
    ("auth", 5, (None, "hmac-md5", "hmac-sha1", "1des-mac", "keyed")), ("keylen", 0, ()),
    ("rounds", 0, ()), ("dictsize", 0, ()), ("privalg", 0, ()))
_ENCR_T_MAP: _AttrMap = (*(_NONE,) * 14, ("keylen", 14, ()))
_OAKLEY_T_MAP: _AttrMap = (
    _NONE, ("enc", 8, (None, "1des", "idea", "blowfish", "rc5", "3des", "cast", "aes")),
    ("hash", 7, (None, "md5", "sha1", "tiger", "sha2-256", "sha2-384", "sha2-512")),
    ("auth", 6, (None, "preshared", "dss", "rsa sig", "rsa enc", "rsa enc revised")),
    ("group desc", 18, _GROUPS), ("group type", 4, (None, "MODP", "ECP", "EC2N")),
    ("group prime", 0, ()), ("group gen1", 0, ()), ("group gen2", 0, ()),
    ("group curve A", 0, ()), ("group curve B", 0, ()), ("lifetype", 3, (None, "sec", "kb")),
    ("lifeduration", 0, ()), ("prf", 0, ()), ("keylen", 0, ()), ("field", 0, ()), ("order", 0, ()))

_ID_TYPES = (None, "IPv4", "FQDN", "user FQDN", "IPv4net", "IPv6", "IPv6net", "IPv4range",
             "IPv6range", "ASN1 DN", "ASN1 GN", "keyid")
_CERT_TYPES = ("none", "pkcs7", "pgp", "dns", "x509sign", "x509ke", "kerberos", "crl", "arl",
               "spki", "x509attr")
_NOTIFY_ERRORS = (
    None, "INVALID-PAYLOAD-TYPE", "DOI-NOT-SUPPORTED", "SITUATION-NOT-SUPPORTED", "INVALID-COOKIE",
    "INVALID-MAJOR-VERSION", "INVALID-MINOR-VERSION", "INVALID-EXCHANGE-TYPE", "INVALID-FLAGS",
    "INVALID-MESSAGE-ID", "INVALID-PROTOCOL-ID", "INVALID-SPI", "INVALID-TRANSFORM-ID",
    "ATTRIBUTES-NOT-SUPPORTED", "NO-PROPOSAL-CHOSEN", "BAD-PROPOSAL-SYNTAX", "PAYLOAD-MALFORMED",
    "INVALID-KEY-INFORMATION", "INVALID-ID-INFORMATION", "INVALID-CERT-ENCODING",
    "INVALID-CERTIFICATE", "CERT-TYPE-UNSUPPORTED", "INVALID-CERT-AUTHORITY",
    "INVALID-HASH-INFORMATION", "AUTHENTICATION-FAILED", "INVALID-SIGNATURE",
    "ADDRESS-NOTIFICATION", "NOTIFY-SA-LIFETIME", "CERTIFICATE-UNAVAILABLE",
    "UNSUPPORTED-EXCHANGE-TYPE", "UNEQUAL-PAYLOAD-LENGTHS")
_IPSEC_NOTIFY_ERRORS = ("RESERVED",)
_NOTIFY_STATUS = ("CONNECTED",)
_IPSEC_NOTIFY_STATUS = ("RESPONDER-LIFETIME", "REPLAY-STATUS", "INITIAL-CONTACT")
_RESPONDER_LIFETIME, _REPLAY_STATUS = 24576, 24577

# IKEv2 notify types: name, and whether tcpdump shows the SPI
_V2_NOTIFY: dict[int, tuple[str, bool]] = {
    1: ("unsupported_critical_payload", False), 4: ("invalid_ike_spi", True),
    5: ("invalid_major_version", False), 7: ("invalid_syntax", True),
    9: ("invalid_message_id", True), 11: ("invalid_spi", True),
    14: ("no_protocol_chosen", True), 17: ("invalid_ke_payload", True),
    24: ("authentication_failed", True), 34: ("single_pair_required", True),
    35: ("no_additional_sas", False), 36: ("internal_address_failure", False),
    37: ("failed:cp_required", False), 39: ("invalid_selectors", False),
    16384: ("initial_contact", False), 16385: ("set_window_size", False),
    16386: ("additional_ts_possible", False), 16387: ("ipcomp_supported", False),
    16388: ("nat_detection_source_ip", True), 16389: ("nat_detection_destination_ip", True),
    16390: ("cookie", True), 16391: ("use_transport_mode", False),
    16392: ("http_cert_lookup_supported", False), 16393: ("rekey_sa", True),
    16394: ("tfc_padding_not_supported", False), 16395: ("non_first_fragment_also", False),
}
_V2_COOKIE = 16390


def _str_or_id(x: int, tab: tuple[str | None, ...]) -> str:
    if x < len(tab):
        s = tab[x]
        if s is not None:
            return s
    return f"#{x}"


def _npstr(np: int) -> str:
    return _NPSTR[np] if np < len(_NPSTR) else f"#{np}"


def _hexprint(p: Pkt, at: int, n: int) -> None:
    p.w(p.d[at:at + n].hex())


def _rawprint(p: Pkt, at: int, n: int) -> bool:
    """The bytes in hex when they were all captured (a negative length is
    the huge unsigned one of tcpdump's arithmetic: never captured)."""
    if n < 0 or not p.test(at, n):
        return False
    _hexprint(p, at, n)
    return True


def _show_somedata(p: Pkt, cp: int, ep: int) -> bool:
    """tcpdump's ike_show_somedata: the first 10 and the last 20 bytes up to
    the end of the capture."""
    end, elen = ep - 20, 20
    n = ep - cp
    if n < 0 or n > 10:
        n = 10
    if end < cp + n:
        end = cp + n
        elen = ep - end
    p.w(" data=(")
    if not _rawprint(p, cp, n):
        return False
    p.w("...")
    if elen and not _rawprint(p, end, elen):
        return False
    p.w(")")
    return True


def _printjn(p: Pkt, at: int, n: int) -> None:
    p.w("".join(fn_char(c) for c in p.d[at:at + n]))


# ------------------------------------------------------------ data attributes

def _attrmap(p: Pkt, at: int, ep2: int, amap: _AttrMap | None) -> int | None:
    """One data attribute (RFC 2408 3.3), named from ``amap`` when there is
    one; the offset after it, or None after a cut."""
    tv = p.u8(at) & 0x80
    totlen = 4 if tv else 4 + p.u16(at + 2)
    if ep2 < at + totlen:
        p.w("[|attr]")
        return ep2 + 1
    p.w("(")
    t = p.u16(at) & 0x7FFF
    entry = amap[t] if amap is not None and t < len(amap) else _NONE
    p.w(f"type={entry[0]} " if entry[0] else f"type=#{t} ")
    if tv:
        p.w("value=")
        v = p.u16(at + 2)
        if v < entry[1] and v < len(entry[2]) and entry[2][v]:
            p.w(entry[2][v] or "")
        elif not _rawprint(p, at + 2, 2):
            p.w(")")
            return None
    else:
        p.w(f"len={totlen - 4} value=")
        if not _rawprint(p, at + 4, totlen - 4):
            p.w(")")
            return None
    p.w(")")
    return at + totlen


def _attrs(p: Pkt, cp: int, ep: int, ep2: int, amap: _AttrMap | None) -> int | None:
    while cp < ep and cp < ep2:
        nxt = _attrmap(p, cp, ep2, amap)
        if nxt is None:
            return None
        cp = nxt
    return cp


# ------------------------------------------------------------ IKEv1 payloads

# a payload printer: (packet, capture end, payload type, offset, length, protocol, depth)
_Printer = Callable[[Pkt, int, int, int, int, int, int], "int | None"]


def _v1_sa(p: Pkt, ep: int, tpay: int, ext: int, item_len: int, proto0: int,
           depth: int) -> int | None:
    p.w("sa:")
    if not p.test(ext, 12):
        p.w(" [|sa]")
        return None
    doi, sit = p.u32(ext + 4), p.u32(ext + 8)
    if doi != 1:
        p.w(f" doi={doi} situation={sit}")
        return ext + 12
    p.w(" doi=ipsec situation=")
    words = [w for b, w in ((1, "identity"), (2, "secrecy"), (4, "integrity")) if sit & b]
    p.w("+".join(words))
    np = ext + 12
    if sit != 1:
        p.w(f" ident={p.u32(ext + 4)}")  # (tcpdump reads the word after the generic header)
        np += 4
    if not p.test(np, 4):
        p.w(" [|sa]")
        return None
    return _v1_sub(p, ep, _NP_P, np, proto0, depth)


def _v1_p(p: Pkt, ep: int, tpay: int, ext: int, item_len: int, proto0: int,
          depth: int) -> int | None:
    p.w("p:")
    if not p.test(ext, 8):
        p.w(" [|p]")
        return None
    prot = p.u8(ext + 5)
    p.w(f" #{p.u8(ext + 4)} protoid={_str_or_id(prot, _PROTOIDS)} transform={p.u8(ext + 7)}")
    spi_size = p.u8(ext + 6)
    if spi_size:
        p.w(" spi=")
        if not _rawprint(p, ext + 8, spi_size):
            p.w(" [|p]")
            return None
    nxt = ext + 8 + spi_size
    if not p.test(nxt, 4):
        p.w(" [|p]")
        return None
    return _v1_sub(p, ep, _NP_T, nxt, prot, depth)


_V1_T_IDS: dict[int, tuple[tuple[str | None, ...], _AttrMap]] = {
    1: (_IKEV1_P, _OAKLEY_T_MAP), 2: (_AH_P, _IPSEC_T_MAP), 3: (_ESP_P, _IPSEC_T_MAP),
    4: (_IPCOMP_P, _IPSEC_T_MAP)}


def _v1_t(p: Pkt, ep: int, tpay: int, ext: int, item_len: int, proto: int,
          depth: int) -> int | None:
    p.w("t:")
    if not p.test(ext, 8):
        p.w(" [|t]")
        return None
    t_no, t_id = p.u8(ext + 4), p.u8(ext + 5)
    known = _V1_T_IDS.get(proto)
    if known is not None:
        p.w(f" #{t_no} id={_str_or_id(t_id, known[0])} ")
    else:
        p.w(f" #{t_no} id={t_id} ")
    ep2 = ext + item_len
    cp = _attrs(p, ext + 8, ep, ep2, known[1] if known else None)
    if cp is None:
        p.w(" [|t]")
        return None
    if ep < ep2:
        p.w("...")
    return cp


def _v1_data(p: Pkt, ext: int, item_len: int, name: str, label: str = " len=") -> int | None:
    """A payload shown by its length, and with -vvv its bytes."""
    p.w(f"{name}:")
    if not p.test(ext, 4):
        p.w(f" [|{name}]")
        return None
    p.w(f"{label}{item_len - 4}")
    if p.o.v > 2 and item_len > 4:
        p.w(" ")
        if not _rawprint(p, ext + 4, item_len - 4):
            p.w(f" [|{name}]")
            return None
    return ext + item_len


def _v1_ke(p: Pkt, ep: int, tpay: int, ext: int, item_len: int, proto: int,
           depth: int) -> int | None:
    return _v1_data(p, ext, item_len, "ke", " key len=")


def _v1_hash(p: Pkt, ep: int, tpay: int, ext: int, item_len: int, proto: int,
             depth: int) -> int | None:
    return _v1_data(p, ext, item_len, "hash")


def _v1_sig(p: Pkt, ep: int, tpay: int, ext: int, item_len: int, proto: int,
            depth: int) -> int | None:
    return _v1_data(p, ext, item_len, "sig")


def _v1_vid(p: Pkt, ep: int, tpay: int, ext: int, item_len: int, proto: int,
            depth: int) -> int | None:
    return _v1_data(p, ext, item_len, "vid")


# the address forms of identification data: (the least length, the text)
_ID_ADDRS: dict[int, tuple[int, Callable[[Pkt, int], str]]] = {
    1: (4, lambda p, d: ip4(p.b(d, 4))),  # IPV4_ADDR
    4: (8, lambda p, d: f"{ip4(p.b(d, 4))}/{'.'.join(str(x) for x in p.b(d + 4, 4))}"),  # SUBNET
    5: (16, lambda p, d: ip6(p.b(d, 16))),  # IPV6_ADDR
    6: (32, lambda p, d: f"{ip6(p.b(d, 16))}/0x{p.b(d + 16, 16).hex()}"),  # IPV6_ADDR_SUBNET
    7: (8, lambda p, d: f"{ip4(p.b(d, 4))}-{ip4(p.b(d + 4, 4))}"),  # IPV4_ADDR_RANGE
    8: (32, lambda p, d: f"{ip6(p.b(d, 16))}-{ip6(p.b(d + 16, 16))}"),  # IPV6_ADDR_RANGE
}


def _v1_id_data(p: Pkt, kind: int, data: int, n: int) -> int:
    """The identification data of the IPsec DOI types; what is left unshown."""
    if kind in _ID_ADDRS:
        least, show = _ID_ADDRS[kind]
        p.w(f" len={n} [bad: < {least}]" if n < least else f" len={n} {show(p, data)}")
    elif kind in (2, 3):
        p.w(f" len={n} ")
        _printjn(p, data, n)
    else:
        return n
    return 0


def _v1_id(p: Pkt, ep: int, tpay: int, ext: int, item_len: int, proto: int,
           depth: int) -> int | None:
    p.w("id:")
    if not p.test(ext, 8):
        p.w(" [|id]")
        return None
    data, n = (ext + 8, item_len - 8) if item_len > 8 else (0, 0)
    kind = p.u8(ext + 4)
    p.w(f" idtype={_str_or_id(kind, _ID_TYPES)} protoid={p.u8(ext + 5)} port={p.u16(ext + 6)}")
    if n:
        if not p.test(data, n):
            p.w(" [|id]")
            return None
        n = _v1_id_data(p, kind, data, n)
    if data and n:
        p.w(f" len={n}")
        if p.o.v > 2:
            p.w(" ")
            if not _rawprint(p, data, n):
                p.w(" [|id]")
                return None
    return ext + item_len


def _v1_cert(p: Pkt, ext: int, item_len: int, name: str) -> int | None:
    p.w(f"{name}:")
    if not p.test(ext, 6):
        p.w(f" [|{name}]")
        return None
    p.w(f" len={item_len - 4} type={_str_or_id(p.u8(ext + 4), _CERT_TYPES)}")
    if p.o.v > 2 and item_len > 4:
        p.w(" ")
        if not _rawprint(p, ext + 4, item_len - 4):
            p.w(f" [|{name}]")
            return None
    return ext + item_len


def _v1_certp(p: Pkt, ep: int, tpay: int, ext: int, item_len: int, proto: int,
              depth: int) -> int | None:
    return _v1_cert(p, ext, item_len, "cert")


def _v1_cr(p: Pkt, ep: int, tpay: int, ext: int, item_len: int, proto: int,
           depth: int) -> int | None:
    return _v1_cert(p, ext, item_len, "cr")


def _v1_nonce(p: Pkt, ep: int, tpay: int, ext: int, item_len: int, proto: int,
              depth: int) -> int | None:
    p.w("nonce:")
    if not p.test(ext, 4):
        p.w(" [|nonce]")
        return None
    p.w(f" n len={item_len - 4}")
    if item_len > 4:
        if p.o.v > 2:
            p.w(" ")
            ok = _rawprint(p, ext + 4, item_len - 4)
        elif p.o.v > 1:
            p.w(" ")
            ok = _show_somedata(p, ext + 4, ep)
        else:
            ok = True
        if not ok:
            p.w(" [|nonce]")
            return None
    return ext + item_len


def _v1_notify_type(kind: int, ipsec: bool) -> str:
    if kind < 8192:
        return _str_or_id(kind, _NOTIFY_ERRORS)
    if kind < 16384:
        return _str_or_id(kind - 8192, _IPSEC_NOTIFY_ERRORS) if ipsec else f"#{kind}"
    if kind < 24576:
        return _str_or_id(kind - 16384, _NOTIFY_STATUS)
    if ipsec and kind < 32768:
        return _str_or_id(kind - 24576, _IPSEC_NOTIFY_STATUS)
    return f"#{kind}"


def _v1_n(p: Pkt, ep: int, tpay: int, ext: int, item_len: int, proto0: int,
          depth: int) -> int | None:
    p.w("n:")
    if not p.test(ext, 12):
        p.w(" [|n]")
        return None
    doi, proto = p.u32(ext + 4), p.u8(ext + 8)
    ipsec = doi == 1
    p.w(f" doi=ipsec proto={_str_or_id(proto, _PROTOIDS)}" if ipsec
        else f" doi={doi} proto={proto}")
    kind = p.u16(ext + 10)
    p.w(f" type={_v1_notify_type(kind, ipsec)}")
    spi_size = p.u8(ext + 9)
    if spi_size:
        p.w(" spi=")
        if not _rawprint(p, ext + 12, spi_size):
            p.w(" [|n]")
            return None
    cp = ext + 12 + spi_size
    if not ipsec:
        return cp
    ep2 = ext + item_len
    if cp < ep:
        if kind == _RESPONDER_LIFETIME:
            p.w(" attrs=(")
            if _attrs(p, cp, ep, ep2, _OAKLEY_T_MAP) is None:
                p.w(")")
                p.w(" [|n]")
                return None
            p.w(")")
        elif kind == _REPLAY_STATUS:
            p.w(" status=(")
            p.w(f"replay detection {'en' if p.u32(cp) else 'dis'}abled)")
        elif p.o.v > 3:
            p.w(" data=(")
            if not _rawprint(p, cp, ep - cp):
                p.w(" [|n]")
                return None
            p.w(")")
        elif not _show_somedata(p, cp, ep):
            p.w(" [|n]")
            return None
    return ext + item_len


def _v1_d(p: Pkt, ep: int, tpay: int, ext: int, item_len: int, proto0: int,
          depth: int) -> int | None:
    p.w("d:")
    if not p.test(ext, 12):
        p.w(" [|d]")
        return None
    doi, proto = p.u32(ext + 4), p.u8(ext + 8)
    p.w(f" doi=ipsec proto={_str_or_id(proto, _PROTOIDS)}" if doi == 1 else f" doi={doi} "
        f"proto={proto}")
    spi_size, num = p.u8(ext + 9), p.u16(ext + 10)
    p.w(f" spilen={spi_size} nspi={num} spi=")
    q = ext + 12
    for i in range(num):
        if i:
            p.w(",")
        if not _rawprint(p, q, spi_size):
            p.w(" [|d]")
            return None
        q += spi_size
    return q


# ------------------------------------------------------------ IKEv2 payloads

def _v2_pay(p: Pkt, name: str, critical: int) -> None:
    p.w(f"{name}[C]:" if critical & 0x80 else f"{name}:")


def _v2_gen(p: Pkt, ep: int, tpay: int, ext: int, item_len: int, proto: int,
            depth: int) -> int | None:
    """A payload shown by its length, and with -vvv its bytes."""
    name = _npstr(tpay)
    if not p.test(ext, 4):
        p.w(f" [|{name}]")
        return None
    _v2_pay(p, name, p.u8(ext + 1))
    p.w(f" len={item_len - 4}")
    if p.o.v > 2 and item_len > 4:
        p.w(" ")
        if not _rawprint(p, ext + 4, item_len - 4):
            p.w(f" [|{name}]")
            return None
    return ext + item_len


_V2_T_IDS: dict[int, tuple[tuple[str | None, ...], _AttrMap | None]] = {
    1: (_ESP_P, _ENCR_T_MAP), 2: (_PRF_P, None), 3: (_INTEG_P, None), 4: (_GROUPS, None),
    5: (_ESN_P, None)}


def _v2_t(p: Pkt, ep: int, tcount: int, ext: int, item_len: int) -> int | None:
    if not p.test(ext, 8):
        p.w(" [|t]")
        return None
    _v2_pay(p, "t", p.u8(ext + 1))
    t_id, t_type = p.u16(ext + 6), p.u8(ext + 4)
    known = _V2_T_IDS.get(t_type)
    type_name = _str_or_id(t_type, _V2_T_TYPES)
    if known is not None:
        p.w(f" #{tcount} type={type_name} id={_str_or_id(t_id, known[0])} ")
    else:
        p.w(f" #{tcount} type={type_name} id={t_id} ")
    ep2 = ext + item_len
    cp = _attrs(p, ext + 8, ep, ep2, known[1] if known else None)
    if cp is None:
        p.w(" [|t]")
        return None
    if ep < ep2:
        p.w("...")
    return cp


def _indent(p: Pkt, depth: int) -> None:
    p.w("\n" + "    " * depth + "(")


def _v2_items(p: Pkt, cp: int, left: int, want: int, name: str, depth: int,
              handle: Callable[[int, int, int], int | None]) -> int | None:
    """tcpdump's loop over an IKEv2 SA's proposals or a proposal's
    transforms: each generic header checked against what is left and what
    was captured, then ``handle(count, at, length)`` for an item of type
    ``want`` and just the name of any other."""
    count, np = 0, want
    while np:
        count += 1
        at = cp
        if left < 4:
            p.w(f" [|{name}]")
            return cp + left
        if not p.test(at, 4):
            p.w(f" [|{name}]")
            return None
        n = p.u16(at + 2)
        if n <= 4:
            p.w(f" [|{name}]")
            return None
        if left < n:
            p.w(f" [|{name}]")
            return cp + left
        if not p.test(at, n):
            p.w(f" [|{name}]")
            return None
        _indent(p, depth + 1)
        if np == want:
            nxt = handle(count, at, n)
            if nxt is None:
                return None
            cp = nxt
        else:
            p.w(_npstr(np))
            cp += n
        p.w(")")
        left -= n
        np = p.u8(at)
    return cp


def _v2_p(p: Pkt, ep: int, pcount: int, ext: int, oprop_length: int, depth: int) -> int | None:
    if not p.test(ext, 8):
        p.w(" [|p]")
        return None
    _v2_pay(p, "p", p.u8(ext + 1))
    left = oprop_length - 4
    p.w(f" #{p.u8(ext + 4)} protoid={_str_or_id(p.u8(ext + 5), _PROTOIDS)} "
        f"transform={p.u8(ext + 7)} len={oprop_length}")
    cp = ext + 8
    spi_size = p.u8(ext + 6)
    if spi_size:
        if left < spi_size:
            p.w(" [|p]")
            return cp + left
        p.w(" spi=")
        if not _rawprint(p, cp, spi_size):
            p.w(" [|p]")
            return None
        cp += spi_size
        left -= spi_size
    return _v2_items(p, cp, left, _NP_T, "p", depth,
                     lambda count, at, n: _v2_t(p, ep, count, at, n))


def _v2_sa(p: Pkt, ep: int, tpay: int, ext1: int, item_len: int, proto: int,
           depth: int) -> int | None:
    name = _npstr(tpay)
    if not p.test(ext1, 4):
        p.w(f" [|{name}]")
        return None
    _v2_pay(p, "sa", p.u8(ext1 + 1))
    left = p.u16(ext1 + 2) - 4
    p.w(f" len={left}")
    return _v2_items(p, ext1 + 4, left, _NP_P, name, depth,
                     lambda count, at, n: _v2_p(p, ep, count, at, n, depth + 1))


def _v2_ke(p: Pkt, ep: int, tpay: int, ext: int, item_len: int, proto: int,
           depth: int) -> int | None:
    name = _npstr(tpay)
    if not p.test(ext, 8):
        p.w(f" [|{name}]")
        return None
    _v2_pay(p, name, p.u8(ext + 1))
    if item_len < 8:
        p.w(f" len={item_len} < 8")
        return ext + item_len
    p.w(f" len={item_len - 8} group={_str_or_id(p.u16(ext + 4), _GROUPS)}")
    if p.o.v > 2 and item_len > 8:
        p.w(" ")
        if not _rawprint(p, ext + 8, item_len - 8):
            p.w(f" [|{name}]")
            return None
    return ext + item_len


_V2_ID_TYPES = {1: ("ipv4", False), 2: ("fqdn", True), 3: ("rfc822", True), 5: ("ipv6", False),
                9: ("dn", False), 10: ("gn", False), 11: ("keyid", False)}


def _v2_id(p: Pkt, ep: int, tpay: int, ext: int, item_len: int, proto: int,
           depth: int) -> int | None:
    name = _npstr(tpay)
    if not p.test(ext, 8):
        p.w(f" [|{name}]")
        return None
    _v2_pay(p, name, p.u8(ext + 1))
    p.w(f" len={item_len - 4}")
    if p.o.v > 2 and item_len > 4:
        p.w(" ")
        if not _rawprint(p, ext + 4, item_len - 4):
            p.w(f" [|{name}]")
            return None
    n, data = item_len - 8, ext + 8
    kind = _V2_ID_TYPES.get(p.u8(ext + 4))
    if kind is not None:
        p.w(f" {kind[0]}:")
        if kind[1]:
            if n < 0 or not p.test(data, n):
                p.w(f" [|{name}]")
                return None
            p.w(safe(p.d[data:data + n]))
        elif not _rawprint(p, data, n):
            p.w(f" [|{name}]")
            return None
    return ext + item_len


def _v2_auth(p: Pkt, ep: int, tpay: int, ext: int, item_len: int, proto: int,
             depth: int) -> int | None:
    name = _npstr(tpay)
    if not p.test(ext, 8):
        p.w(f" [|{name}]")
        return None
    _v2_pay(p, name, p.u8(ext + 1))
    p.w(f" len={item_len - 4} method={_str_or_id(p.u8(ext + 4), _V2_AUTH)}")
    if item_len > 4:
        ok = True
        if p.o.v > 1:
            p.w(" authdata=(")
            ok = _rawprint(p, ext + 8, item_len - 8)
            if ok:
                p.w(") ")
        elif p.o.v:
            ok = _show_somedata(p, ext + 8, ep)
        if not ok:
            p.w(f" [|{name}]")
            return None
    return ext + item_len


def _v2_nonce(p: Pkt, ep: int, tpay: int, ext: int, item_len: int, proto: int,
              depth: int) -> int | None:
    name = _npstr(tpay)
    if not p.test(ext, 4):
        p.w(f" [|{name}]")
        return None
    _v2_pay(p, "nonce", p.u8(ext + 1))
    p.w(f" len={item_len - 4}")
    ok = True
    if p.o.v > 1 and item_len > 4:
        p.w(" nonce=(")
        ok = _rawprint(p, ext + 4, item_len - 4)
        if ok:
            p.w(") ")
    elif p.o.v and item_len > 4:
        ok = _show_somedata(p, ext + 4, ep)
    if not ok:
        p.w(f" [|{name}]")
        return None
    return ext + item_len


def _v2_n(p: Pkt, ep: int, tpay: int, ext: int, item_len: int, proto: int,
          depth: int) -> int | None:
    if not p.test(ext, 8):
        p.w(" [|n]")
        return None
    _v2_pay(p, "n", p.u8(ext + 1))
    p.w(f" prot_id={_str_or_id(p.u8(ext + 4), _PROTOIDS)}")
    kind = p.u16(ext + 6)
    known = _V2_NOTIFY.get(kind)
    if known is None:
        word = ("error" if kind < 8192 else "private-error" if kind < 16384
                else "status" if kind < 40960 else "private-status")
        known = (word, True)
    p.w(f" type={kind}({known[0]})")
    spi_size = p.u8(ext + 5)
    if known[1] and spi_size:
        p.w(" spi=")
        if not _rawprint(p, ext + 8, spi_size):
            p.w(" [|n]")
            return None
    cp = ext + 8 + spi_size
    some = kind == _V2_COOKIE
    if cp < ep:
        ok = True
        if p.o.v > 3 or (some and ep - cp < 30):
            p.w(" data=(")
            ok = _rawprint(p, cp, ep - cp)
            if ok:
                p.w(")")
        elif some:
            ok = _show_somedata(p, cp, ep)
        if not ok:
            p.w(" [|n]")
            return None
    return ext + item_len


def _v2_vid(p: Pkt, ep: int, tpay: int, ext: int, item_len: int, proto: int,
            depth: int) -> int | None:
    name = _npstr(tpay)
    if not p.test(ext, 4):
        p.w(f" [|{name}]")
        return None
    _v2_pay(p, name, p.u8(ext + 1))
    n = item_len - 4
    p.w(f" len={n} vid=")
    if n < 0 or not p.test(ext + 4, n):
        p.w(f" [|{name}]")
        return None
    p.w(safe(p.d[ext + 4:ext + 4 + n]))
    if p.o.v > 2 and n > 4:
        p.w(" ")
        if not _rawprint(p, ext + 4, n):
            p.w(f" [|{name}]")
            return None
    return ext + item_len


def _v2_e(p: Pkt, ep: int, tpay: int, ext: int, item_len: int, proto: int,
          depth: int) -> int | None:
    """The encrypted payload: its length (and bytes with -vvv); it ends the chain."""
    name = _npstr(tpay)
    if not p.test(ext, 4):
        p.w(f" [|{name}]")
        return None
    _v2_pay(p, name, p.u8(ext + 1))
    n = item_len - 4
    p.w(f" len={n}")
    if p.o.v > 2 and n > 4:
        p.w(" ")
        if not _rawprint(p, ext + 4, n):
            p.w(f" [|{name}]")
            return None
    if not p.test(ext + 4, n):
        p.w(f" [|{name}]")
    return None


_NPFUNCS: dict[int, _Printer] = {
    1: _v1_sa, 2: _v1_p, 3: _v1_t, 4: _v1_ke, 5: _v1_id, 6: _v1_certp, 7: _v1_cr, 8: _v1_hash,
    9: _v1_sig, 10: _v1_nonce, 11: _v1_n, 12: _v1_d, 13: _v1_vid,
    33: _v2_sa, 34: _v2_ke, 35: _v2_id, 36: _v2_id, 37: _v2_gen, 38: _v2_gen, 39: _v2_auth,
    40: _v2_nonce, 41: _v2_n, 42: _v2_gen, 43: _v2_vid, 44: _v2_gen, 45: _v2_gen, 47: _v2_gen,
    48: _v2_gen}


# ------------------------------------------------------------ payload chains

def _sub0(p: Pkt, ep: int, np: int, ext: int, proto: int, depth: int, v2: bool) -> int | None:
    """One payload by its type; the offset of the next, or None to stop."""
    if not p.test(ext, 4):
        p.trunc()
        return None
    item_len = p.u16(ext + 2)
    if item_len <= 4:
        return None
    if v2 and np == _NP_V2E:
        return _v2_e(p, ep, np, ext, item_len, proto, depth)
    func = _NPFUNCS.get(np)
    if func is not None:
        return func(p, ep, np, ext, item_len, proto, depth)
    p.w(_npstr(np))
    return ext + item_len


def _sub(p: Pkt, ep: int, np: int, ext: int, proto: int, depth: int,
         v2: bool = False) -> int | None:
    """A chain of payloads, each on its own line in parentheses."""
    cp: int | None = ext
    while np:
        if not p.test(ext, 4) or not p.test(ext, p.u16(ext + 2)):
            p.w(f" [|{_npstr(np)}]")
            return None
        _indent(p, depth + 1)
        cp = _sub0(p, ep, np, ext, proto, depth + 1, v2)
        p.w(")")
        if cp is None:
            return None
        np = p.u8(ext)
        ext = cp
    return cp


def _v1_sub(p: Pkt, ep: int, np: int, ext: int, proto: int, depth: int) -> int | None:
    return _sub(p, ep, np, ext, proto, depth)


# ------------------------------------------------------------ initiator cookies

class _Initiators:
    """tcpdump's cookie cache: the last 20 initiator cookies with the
    addresses of the initiator and the responder (all zero at first)."""

    __slots__ = ("entries", "n")

    def __init__(self) -> None:
        self.entries: list[tuple[bytes, int, bytes, bytes]] = [(bytes(8), 0, b"",
                                                                b"")] * _MAX_INITIATORS
        self.n = 0

    def find(self, cookie: bytes) -> int:
        for i, entry in enumerate(self.entries):
            if entry[0] == cookie:
                return i
        return -1

    def record(self, cookie: bytes, ver: int, src: bytes, dst: bytes) -> None:
        self.entries[self.n] = (cookie, ver, src, dst)
        self.n = (self.n + 1) % _MAX_INITIATORS


def _addrs(p: Pkt, iph: int) -> tuple[int, bytes, bytes]:
    """IP version, source and destination of the IP header at ``iph``."""
    ver = p.d[iph] >> 4
    if ver == 4:
        return 4, p.d[iph + 12:iph + 16], p.d[iph + 16:iph + 20]
    if ver == 6:
        return 6, p.d[iph + 8:iph + 24], p.d[iph + 24:iph + 40]
    return ver, b"", b""


def _initiator_mark(p: Pkt, base: int) -> str:
    """I, R or ? for an IKEv1 message, remembering new initiators."""
    st = p.st.apps.get("isakmp")
    if st is None:
        st = p.st.apps["isakmp"] = _Initiators()
    cookie = p.d[base:base + 8]
    iph = p.iph if p.iph >= 0 else None
    i = st.find(cookie)
    if i < 0:
        if any(p.d[base + 8:base + 16]):
            return " ?"
        if iph is not None:
            ver, src, dst = _addrs(p, iph)
            if ver in (4, 6):
                st.record(cookie, ver, src, dst)
        return " I"
    if iph is None:
        return " ?"
    _, iver, iaddr, raddr = st.entries[i]
    ver, src, _ = _addrs(p, iph)
    if ver in (4, 6) and ver == iver:
        if src == iaddr:
            return " I"
        if src == raddr:
            return " R"
    return " ?"


# ------------------------------------------------------------ messages

def _len_mismatch(p: Pkt, base: int, length: int) -> None:
    if p.o.v:
        n = p.u32(base + 24)
        if n != length:
            p.w(f" (len mismatch: isakmp {n}/ip {length})")


def _ikev1(p: Pkt, base: int, length: int) -> None:
    phase = 1 if p.u32(base + 20) == 0 else 2
    p.w(" phase 1" if phase == 1 else " phase 2/others")
    p.w(_initiator_mark(p, base))
    etype = p.u8(base + 18)
    p.w(f" {_ETYPES.get(etype, f'#{etype}')}")
    flags = p.u8(base + 19)
    if flags:
        p.w(f"[{'E' if flags & 1 else ''}{'C' if flags & 2 else ''}]")
    if p.o.v:
        p.w(":")
        np = p.u8(base + 16)
        if flags & 1:
            p.w(f" [encrypted {_npstr(np)}]")
        else:
            _sub(p, p.end, np, base + _HDR, 0, 0)
    _len_mismatch(p, base, length)


def _ikev2(p: Pkt, base: int, length: int) -> None:
    phase = 1 if p.u32(base + 20) == 0 else 2
    p.w(" parent_sa" if phase == 1 else " child_sa ")
    etype = p.u8(base + 18)
    p.w(f" {_ETYPES.get(etype, f'#{etype}')}")
    flags = p.u8(base + 19)
    if flags:
        p.w("[" + "".join(c for bit, c in ((0x08, "I"), (0x10, "V"), (0x20, "R")) if flags & bit)
            + "]")
    if p.o.v:
        p.w(":")
        np = p.u8(base + 16)
        if flags & 1:
            p.w(f" [encrypted {_npstr(np)}]")
        else:
            _sub(p, p.end, np, base + _HDR, 0, 0, v2=True)
    _len_mismatch(p, base, length)


def isakmp_print(p: Pkt, bp: int, length: int) -> None:
    """tcpdump's isakmp_print: the header, then the IKEv1 or IKEv2 message."""
    p.proto = "isakmp"
    if not p.test(bp, _HDR):
        p.trunc()
        return
    p.w("isakmp")
    vers = p.u8(bp + 17)
    major, minor = vers >> 4, vers & 0x0F
    if p.o.v:
        p.w(f" {major}.{minor} msgid ")
        _hexprint(p, bp + 20, 4)
    if p.o.v > 1:
        p.w(" cookie ")
        _hexprint(p, bp, 8)
        p.w("->")
        _hexprint(p, bp + 8, 8)
    p.w(":")
    if major == 1:
        _ikev1(p, bp, length)
    elif major == 2:
        _ikev2(p, bp, length)


def isakmp_rfc3948_print(p: Pkt, bp: int, length: int) -> None:
    """tcpdump's isakmp_rfc3948_print (UDP 4500): a NAT keep-alive, IKE after
    a non-ESP marker, or ESP."""

    p.proto = "isakmp_rfc3948"
    if length == 1 and p.u8(bp) == 0xFF:
        p.w("isakmp-nat-keep-alive")
        return
    if length < 4:
        p.trunc()
        return
    if p.u32(bp) == 0:
        p.w("NONESP-encap: ")
        isakmp_print(p, bp + 4, length - 4)
        return
    p.w("UDP-encap: ")
    esp_print(p, bp, length)
