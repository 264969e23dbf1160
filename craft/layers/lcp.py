"""LCP, the PPP link control protocol — RFC 1661 §5, §6 (PPP protocol
0xc021); scapy's ``PPP_LCP_*`` classes.

Code, identifier and length, then the code's own fields (pppcp.py has the
table by code): options for configure-*, the magic number (``magic``,
scapy's ``magic_number``) and data for echo-request/-reply and
discard-request, the rejected protocol (``rejected``) for protocol-reject.

Options (``OPTION_VALUES``; names as scapy's option classes and tcpdump's
print-ppp.c words, in lower case):

    mru (1)                      a 16-bit number (octets)
    accm (2)                     the 32-bit async control character map (RFC 1662 §7.1)
    auth-protocol (3)            {protocol: pap|chap|eap|N, data: hex}; data is CHAP's
                                 algorithm (05: MD5, RFC 1994 §3)
    quality-protocol (4)         {protocol: lqr|N, data: hex} (LQR's reporting period)
    magic-number (5)             a 32-bit number
    pfc (7), acfc (8)            bare names (protocol / address-and-control field compression)
    fcs-alternatives (9)         an 8-bit number (RFC 1570)
    self-describing-pad (10)     an 8-bit number, the maximum pad (RFC 1570)
    callback (13)                {operation: N, message: hex} (RFC 1570)
    mrru (17)                    a 16-bit number (multilink, RFC 1990)
    short-seq (18)               bare name (multilink short sequence numbers, RFC 1990)
    endpoint-discriminator (19)  {class: N, address: hex} (RFC 1990)
    link-discriminator (23)      a 16-bit number (RFC 2125)

Choices: ``code`` defaults to configure-request (scapy's
``PPP_LCP_Configure``; scapy's plain ``PPP_LCP``: terminate-request), the
magic number to 0 (RFC 1661 §5.8: zero when none was negotiated; scapy
packs its None as 0).
"""

from __future__ import annotations

from typing import Any

from craft.layers import pppcp
from craft.layers.base import BYTES, ENUM, Field, Header
from craft.layers.ppp import PROTOCOLS

NAME = "lcp"
BOUND = (("ppp", "proto", PROTOCOLS["lcp"]),)
LAYOUT_FIELDS = frozenset({"code"})  # it picks the fields after the length
KEY_FIELDS = ("code",)  # written by craft import even at their default

AUTH = (
    Field("protocol", 16, PROTOCOLS["pap"], ENUM,
          names={"pap": PROTOCOLS["pap"], "chap": PROTOCOLS["chap"], "eap": PROTOCOLS["eap"]},
          doc="authentication protocol; pap (0xc023) as scapy"),
    Field("data", 0, b"", BYTES, doc="what follows the protocol, hex: CHAP's algorithm "
                                     "(05: MD5, 80: MS-CHAP, 81: MS-CHAPv2)"),
)
QUALITY = (
    Field("protocol", 16, PROTOCOLS["lqr"], ENUM, names={"lqr": PROTOCOLS["lqr"]},
          doc="link quality protocol; lqr (0xc025, RFC 1989) as scapy"),
    Field("data", 0, b"", BYTES, doc="the protocol's data, hex (LQR: reporting period)"),
)
CALLBACK = (
    Field("operation", 8, 0, doc="0 user authentication, 1 dialing string, 2 location id, "
                                 "3 E.164 number, 4 distinguished name, 6 CBCP"),
    Field("message", 0, b"", BYTES, doc="the operation's message, hex"),
)
ENDPOINT = (
    Field("class", 8, 0, doc="0 null, 1 local, 2 IPv4, 3 MAC, 4 magic-number block, "
                             "5 PSNDN (RFC 1990 §5.1.3)"),
    Field("address", 0, b"", BYTES, doc="the class's address, hex"),
)
# name -> (form, bits or sub-field table): what a profile writes (profile/options.py)
OPTION_VALUES: dict[str, tuple[str, Any]] = {
    "mru": ("int", 16),
    "accm": ("int", 32),
    "auth-protocol": ("fields", AUTH),
    "quality-protocol": ("fields", QUALITY),
    "magic-number": ("int", 32),
    "pfc": ("none", 0),
    "acfc": ("none", 0),
    "fcs-alternatives": ("int", 8),
    "self-describing-pad": ("int", 8),
    "callback": ("fields", CALLBACK),
    "mrru": ("int", 16),
    "short-seq": ("none", 0),
    "endpoint-discriminator": ("fields", ENDPOINT),
    "link-discriminator": ("int", 16),
}
OPTION_TYPES = {"mru": 1, "accm": 2, "auth-protocol": 3, "quality-protocol": 4,
                "magic-number": 5, "pfc": 7, "acfc": 8, "fcs-alternatives": 9,
                "self-describing-pad": 10, "callback": 13, "mrru": 17, "short-seq": 18,
                "endpoint-discriminator": 19, "link-discriminator": 23}

HEADER = Header(NAME, pppcp.fields(
    pppcp.CODES,
    "mru, accm, auth-protocol, quality-protocol, magic-number, pfc, acfc, fcs-alternatives, "
    "self-describing-pad, callback, mrru, short-seq, endpoint-discriminator, link-discriminator",
    (Field("rejected", 16, 0, ENUM, names=PROTOCOLS, packed=False,
           doc="protocol-reject: the PPP protocol rejected"),
     Field("magic", 32, 0, packed=False,
           doc="echo-request/-reply, discard-request: the sender's magic number (scapy "
               "'magic_number'); 0 when none was negotiated")),
))

_CP = pppcp.Control(HEADER, "LCP", OPTION_TYPES, OPTION_VALUES)
(encode, decode, layout, row, fields_for, next_layer, summary, options_bytes,
 parse_options) = _CP.contract()
