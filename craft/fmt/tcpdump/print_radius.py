"""RADIUS (RFC 2865/2866 and extensions; UDP 1645, 1646, 1812, 1813, 1700,
3799) as tcpdump 4.99 prints it: the code, id and length; with -v the
authenticator and every attribute by name with its value (strings, numbers
and their standard values, addresses, prefixes, times, tunnel tags, vendor
attributes, EAP messages); -vv adds a hex dump of each. Private to
craft.fmt.tcpdump."""

from __future__ import annotations

import time
from collections.abc import Callable

from craft.fmt.tcpdump.addrtoname import ip4, ip6
from craft.fmt.tcpdump.netdissect import Pkt, Trunc
from craft.fmt.tcpdump.print_ascii import hex_and_ascii
from craft.fmt.tcpdump.print_eap import eap_print
from craft.fmt.tcpdump.print_ntp import ntp_time
from craft.fmt.tcpdump.util_print import bittok, fn_char, print_unknown_data

_CODES = {1: "Access-Request", 2: "Access-Accept", 3: "Access-Reject", 4: "Accounting-Request",
          5: "Accounting-Response", 11: "Access-Challenge", 12: "Status-Server",
          13: "Status-Client", 40: "Disconnect-Request", 41: "Disconnect-ACK",
          42: "Disconnect-NAK", 43: "CoA-Request", 44: "CoA-ACK", 45: "CoA-NAK", 255: "Reserved"}

# Standard values of the enumerated attributes: (names, first value).
_SERV = (("Login", "Framed", "Callback Login", "Callback Framed", "Outbound", "Administrative",
          "NAS Prompt", "Authenticate Only", "Callback NAS Prompt", "Call Check",
          "Callback Administrative", "Voice", "Fax", "Modem Relay", "IAPP-Register",
          "IAPP-AP-Check", "Authorize Only", "Framed-Management", "Additional-Authorization"), 1)
_FRM_PROTO = (("PPP", "SLIP", "ARAP", "Gandalf proprietary", "Xylogics IPX/SLIP",
               "X.75 Synchronous", "GPRS PDP Context"), 1)
_FRM_ROUTING = (("None", "Send", "Listen", "Send&Listen"), 0)
_FRM_COMP = (("None", "VJ TCP/IP", "IPX", "Stac-LZS"), 0)
_LOGIN_SERV = (("Telnet", "Rlogin", "TCP Clear", "PortMaster(proprietary)", "LAT", "X.25-PAD",
                "X.25-T3POS", "Unassigned", "TCP Clear Quiet"), 0)
_TERM_ACTION = (("Default", "RADIUS-Request"), 0)
_INGRESS = (("Enabled", "Disabled"), 1)
_NAS_PORT_TYPE = (("Async", "Sync", "ISDN Sync", "ISDN Async V.120", "ISDN Async V.110", "Virtual",
                   "PIAFS", "HDLC Clear Channel", "X.25", "X.75", "G.3 Fax", "SDSL", "ADSL-CAP",
                   "ADSL-DMT", "ISDN-DSL", "Ethernet", "xDSL", "Cable", "Wireless - Other",
                   "Wireless - IEEE 802.11", "Token-Ring", "FDDI", "Wireless - CDMA200",
                   "Wireless - UMTS", "Wireless - 1X-EV", "IAPP", "FTTP", "Wireless - IEEE 802.16",
                   "Wireless - IEEE 802.20", "Wireless - IEEE 802.22", "PPPoA", "PPPoEoA",
                   "PPPoEoE", "PPPoEoVLAN", "PPPoEoQinQ", "xPON", "Wireless - XGP",
                   "WiMAX Pre-Release 8 IWK Function", "WIMAX-WIFI-IWK", "WIMAX-SFF",
                   "WIMAX-HA-LMA", "WIMAX-DHCP", "WIMAX-LBS", "WIMAX-WVS"), 0)
_ACCT_STATUS = (("Start", "Stop", "Interim-Update", "Unassigned", "Unassigned", "Unassigned",
                 "Accounting-On", "Accounting-Off", "Tunnel-Start", "Tunnel-Stop", "Tunnel-Reject",
                 "Tunnel-Link-Start", "Tunnel-Link-Stop", "Tunnel-Link-Reject", "Failed"), 1)
_ACCT_AUTH = (("RADIUS", "Local", "Remote", "Diameter"), 1)
_ACCT_TERM = (("User Request", "Lost Carrier", "Lost Service", "Idle Timeout", "Session Timeout",
               "Admin Reset", "Admin Reboot", "Port Error", "NAS Error", "NAS Request",
               "NAS Reboot", "Port Unneeded", "Port Preempted", "Port Suspended",
               "Service Unavailable", "Callback", "User Error", "Host Request",
               "Supplicant Restart", "Reauthentication Failure", "Port Reinitialized",
               "Port Administratively Disabled", "Lost Power"), 1)
_TUNNEL_TYPE = (("PPTP", "L2F", "L2TP", "ATMP", "VTP", "AH", "IP-IP", "MIN-IP-IP", "ESP", "GRE",
                 "DVS", "IP-in-IP Tunneling", "VLAN"), 1)
_TUNNEL_MEDIUM = (("IPv4", "IPv6", "NSAP", "HDLC", "BBN 1822", "802", "E.163", "E.164", "F.69",
                   "X.121", "IPX", "Appletalk", "Decnet IV", "Banyan Vines",
                   "E.164 with NSAP subaddress"), 1)
_ARAP_ZONE = (("Only access to dfl zone", "Use zone filter inc.", "Not used",
               "Use zone filter exc."), 1)
_PROMPT = (("No Echo", "Echo"), 0)

_ERROR_CAUSES = {201: "Residual Session Context Removed", 202: "Invalid EAP Packet (Ignored)",
                 401: "Unsupported Attribute", 402: "Missing Attribute",
                 403: "NAS Identification Mismatch", 404: "Invalid Request",
                 405: "Unsupported Service", 406: "Unsupported Extension",
                 407: "Invalid Attribute Value", 501: "Administratively Prohibited",
                 502: "Request Not Routable (Proxy)", 503: "Session Context Not Found",
                 504: "Session Context Not Removable", 505: "Other Proxy Processing Error",
                 506: "Resources Unavailable", 507: "Request Initiated",
                 508: "Multiple Session Selection Unsupported", 509: "Location Info Required"}
_MIP6_FEATURES = ((1 << 0, "MIP6_INTEGRATED"), (1 << 1, "LOCAL_HOME_AGENT_ASSIGNMENT"),
                  (1 << 40, "PMIP6_SUPPORTED"), (1 << 41, "IP4_HOA_SUPPORTED"),
                  (1 << 42, "LOCAL_MAG_ROUTING_SUPPORTED"), (1 << 43, "ASSIGN_LOCAL_IP"),
                  (1 << 44, "MIP4_SUPPORTED"), (1 << 45, "OPTIMIZED_IDLE_MODE_MOBILITY"),
                  (1 << 46, "GTPv2_SUPPORTED"), (1 << 47, "IP4_TRANSPORT_SUPPORTED"),
                  (1 << 48, "IP4_HOA_ONLY_SUPPORTED"), (1 << 49, "INTER_MAG_ROUTING_SUPPORTED"))
_OPERATOR_NS = {0x30: "TADIG", 0x31: "REALM", 0x32: "E212", 0x33: "ICC"}
_LOC_CODES = {0: "Civic", 1: "Geospatial"}
_LOC_ENTITIES = {0: "User", 1: "RADIUS"}
_BLPR = tuple((1 << i, f"MBZ-{15 - i}") for i in range(15)) + ((0x8000, "Retransmission Allowed"),)
_TAGGED = {0x31: "Tagged", 0x32: "Untagged"}

# SMI network management private enterprise codes, as tcpdump's smi_values names them.
SMI_VENDORS = {
    0: "IETF (reserved)", 5: "ACC", 9: "Cisco", 11: "Hewlett Packard", 42: "Sun Microsystems",
    61: "Merit", 74: "AT&T", 161: "Motorola", 166: "Shiva", 193: "Ericsson AB",
    255: "Cisco VPN 5000", 307: "Livingston", 311: "Microsoft", 429: "3Com", 529: "Ascend",
    1584: "Bay Networks", 1991: "Foundry", 2180: "Versanet", 2352: "Redback",
    2636: "Juniper Networks", 2637: "Aptis", 2937: "Deutsche Telekom AG",
    3054: "Ixia Communications", 3076: "Cisco VPN 3000", 3085: "CoSine Communications",
    3199: "Shasta", 3224: "Netscreen", 3309: "Nomadix", 3414: "T-Mobile",
    3561: "The Broadband Forum", 3902: "ZTE", 4329: "Siemens", 4491: "CableLabs",
    4874: "Unisphere Networks", 5263: "Cisco BBSM",
    5535: "3rd Generation Partnership Project 2 (3GPP2)", 5806: "SK Telecom",
    5925: "ipUnplugged", 5948: "Issanni Communications", 5951: "Netscaler", 6490: "T-Mobile",
    6618: "Quintum", 6728: "Interlink", 7951: "CNCTC", 8164: "Starent Networks",
    8744: "Colubris", 10415: "3GPP", 10529: "Gemtek-Systems", 10704: "Barracuda Networks",
    10923: "Ericsson AB - Packet Core Networks", 11665: "dacom", 11862: "Columbia University",
    12356: "Fortinet", 12951: "Verizon Wireless", 13745: "Plixer", 14122: "Wi-Fi Alliance",
    16787: "T-Systems Nova", 20942: "China Telecom - Guangzhou Research Institute",
    26866: "Gigamon Systems", 32622: "CACE Technologies", 35632: "ntop",
    46098: "Ericsson Canada"}


class _Stop(Exception):
    """An attribute printer's early return (tcpdump prints its message and goes on)."""


def _error(p: Pkt, text: str) -> None:
    p.w(text)
    raise _Stop


def _tcheck(p: Pkt, at: int, n: int) -> None:
    """ND_TCHECK_LEN in an attribute printer: " [|radius]", and on to the next."""
    if not p.test(at, n):
        _error(p, f" [|{p.proto}]")


def _string(p: Pkt, at: int, n: int, code: int) -> None:
    """print_attr_string: tags and salts first where the attribute has them."""
    _tcheck(p, at, n)
    if code == 69:  # Tunnel-Password
        if n < 3:
            _error(p, f" [|{p.proto}]")
        tag = p.u8(at)
        p.w(f"Tag[{tag}] " if tag and tag <= 0x1F else "Tag[Unused] ")
        p.w(f"Salt {p.u16(at + 1)} ")
        at, n = at + 3, n - 3
    elif code in (66, 67, 81, 82, 90, 91):
        if p.u8(at) <= 0x1F:
            tag = p.u8(at)
            p.w(f"Tag[{tag}] " if tag else "Tag[Unused] ")
            at, n = at + 1, n - 1
    elif code == 58:  # Egress-VLAN-Name
        tag = p.u8(at)
        p.w(f"{_TAGGED.get(tag, 'Unknown tag')} (0x{tag:02x}) ")
        at, n = at + 1, n - 1
    elif code == 79:  # EAP-Message

        eap_print(p, at, n)
        return
    for i in range(n):
        c = p.u8(at + i)
        if c == 0:
            break
        p.w(chr(c) if 0x20 <= c < 0x7F else ".")


def _vendor(p: Pkt, at: int, n: int, code: int) -> None:
    if n < 4:
        _error(p, f" [|{p.proto}]")
    vid = p.u32(at)
    at, n = at + 4, n - 4
    p.w(f"Vendor: {SMI_VENDORS.get(vid, 'Unknown')} ({vid})")
    while n >= 2:
        kind, vlen = p.u8(at), p.u8(at + 1)
        if vlen < 2:
            _error(p, f"\n\t    Vendor Attribute: {kind}, Length: {vlen} (bogus, must be >= 2)")
        if vlen > n:
            _error(p, f"\n\t    Vendor Attribute: {kind}, Length: {vlen} "
                      "(bogus, goes past end of vendor-specific attribute)")
        at, vlen, n = at + 2, vlen - 2, n - 2
        if not p.test(at, vlen):
            _error(p, f" [|{p.proto}]")
        p.w(f"\n\t    Vendor Attribute: {kind}, Length: {vlen}, Value: ")
        p.w("".join(chr(c) if 0x20 <= c < 0x7F else "." for c in p.b(at, vlen)))
        at, n = at + vlen, n - vlen


def _hours(t: int) -> str:
    if t < 60:
        return f"{t:02d} secs"
    if t < 3600:
        return f"{t // 60:02d}:{t % 60:02d} min"
    return f"{t // 3600:02d}:{t % 3600 // 60:02d}:{t % 60:02d} hours"


def _num(p: Pkt, at: int, n: int, code: int) -> None:
    if n != 4:
        _error(p, f"ERROR: length {n} != 4")
    table = _ENUMS.get(code)
    if table is not None:
        names, first = table
        if code in (64, 65):  # Tunnel-Type, Tunnel-Medium-Type: a tag, then 24 bits
            tag = p.u8(at)
            p.w(f"Tag[{tag}] " if tag else "Tag[Unused] ")
            v = int.from_bytes(p.b(at + 1, 3), "big")
        else:
            v = p.u32(at)
        p.w(names[v - first] if first <= v < first + len(names) else f"#{v}")
        return
    if code == 23:
        v = p.u32(at)
        p.w("NAS Select" if v == 0xFFFFFFFE else str(v))
    elif code in (27, 28, 41, 46, 85):
        p.w(_hours(p.u32(at)))
    elif code in (37, 38):
        v = p.u32(at)
        p.w(str(v) if v else ("Unnumbered" if code == 37 else "NAS assigned"))
    elif code == 83:
        tag = p.u8(at)
        p.w(f"Tag[{tag}] " if tag else "Tag[Unused] ")
        p.w(str(int.from_bytes(p.b(at + 1, 3), "big")))
    elif code == 56:
        tag = p.u8(at)
        p.w(f"{_TAGGED.get(tag, 'Unknown tag')} (0x{tag:02x}) ")
        p.w(str(int.from_bytes(p.b(at + 1, 3), "big")))
    else:
        p.w(str(p.u32(at)))


def _address(p: Pkt, at: int, n: int, code: int) -> None:
    if n != 4:
        _error(p, f"ERROR: length {n} != 4")
    v = p.u32(at)
    if code in (8, 14) and v in (0xFFFFFFFF, 0xFFFFFFFE):
        p.w("User Selected" if v == 0xFFFFFFFF else "NAS Select")
    else:
        p.w(ip4(p.b(at, 4)))


def _address6(p: Pkt, at: int, n: int, code: int) -> None:
    if n != 16:
        _error(p, f"ERROR: length {n} != 16")
    p.w(ip6(p.b(at, 16)))


def _netmask6(p: Pkt, at: int, n: int, code: int) -> None:
    if n < 2 or n > 18:
        _error(p, f"ERROR: length {n} not in range (2..18)")
    if not p.test(at, n):
        _error(p, f" [|{p.proto}]")
    plen = p.u8(at + 1)
    if plen > 128:
        _error(p, f"ERROR: netmask {plen} not in range (0..128)")
    p.w(f"{ip6(p.b(at + 2, n - 2).ljust(16, bytes(1)))}/{plen}")
    if plen > 8 * (n - 2):
        p.w(" (inconsistent prefix length)")


def _home_link(p: Pkt, at: int, n: int, code: int) -> None:
    if n != 17:
        _error(p, f"ERROR: length {n} != 17")
    if not p.test(at, n):
        _error(p, f" [|{p.proto}]")
    plen = p.u8(at)
    if plen > 128:
        _error(p, f"ERROR: netmask {plen} not in range (0..128)")
    p.w(f"{ip6(p.b(at + 1, 16))}/{plen}")


def _printjn(p: Pkt, at: int, n: int) -> None:
    """tcpdump's nd_printjn: n bytes as text (fn_print_char)."""
    p.w("".join(fn_char(c) for c in p.b(at, n)))


def _operator(p: Pkt, at: int, n: int, code: int) -> None:
    _tcheck(p, at, n)
    if n < 2:
        _error(p, f"ERROR: length {n} < 2")
    ns = p.u8(at)
    p.w(f"[{_OPERATOR_NS.get(ns, f'unknown namespace {ns}')}] ")
    _printjn(p, at + 1, n - 1)


def _location_info(p: Pkt, at: int, n: int, code: int) -> None:
    _tcheck(p, at, n)
    if n < 21:
        _error(p, f"ERROR: length {n} < 21")
    c, e = p.u8(at + 2), p.u8(at + 3)
    p.w(f"index {p.u16(at)}, code {_LOC_CODES.get(c, f'Unknown ({c})')}, "
        f"entity {_LOC_ENTITIES.get(e, f'Unknown ({e})')}, ")
    p.w("sighting time ")
    ntp_time(p, at + 4)
    p.w(", time to live ")
    ntp_time(p, at + 12)
    p.w(', method "')
    _printjn(p, at + 20, n - 20)
    p.w('"')


def _location_data(p: Pkt, at: int, n: int, code: int) -> None:

    _tcheck(p, at, n)

    if n < 3:
        _error(p, f"ERROR: length {n} < 3")
    p.w(f"index {p.u16(at)}, location")
    k = min(n - 2, p.avail(at + 2))
    p.w(hex_and_ascii(p.d[at + 2:at + 2 + k], "\n\t    "))
    if k < n - 2:
        raise Trunc


def _policy_rules(p: Pkt, at: int, n: int, code: int) -> None:
    _tcheck(p, at, n)
    if n < 10:
        _error(p, f"ERROR: length {n} < 10")
    p.w(f"flags [{bittok(_BLPR, 'none', p.u16(at))}], ")
    p.w("retention expires ")
    ntp_time(p, at + 2)
    if n > 10:
        p.w(', note well "')
        _printjn(p, at + 10, n - 10)
        p.w('"')


def _time(p: Pkt, at: int, n: int, code: int) -> None:
    if n != 4:
        _error(p, f"ERROR: length {n} != 4")
    p.w(time.ctime(p.u32(at))[:24])


def _vector64(p: Pkt, at: int, n: int, code: int) -> None:
    if n != 8:
        _error(p, f"ERROR: length {n} != 8")
    p.w("[")
    v = int.from_bytes(p.b(at, 8), "big")
    p.w(f"{', '.join(name for bit, name in _MIP6_FEATURES if v & bit)}]")


def _hexup(p: Pkt, at: int, n: int) -> None:
    """tcpdump's PRINT_HEX: byte by byte (what was captured stays printed)."""
    for i in range(n):
        p.w(f"{p.u8(at + i):02X}")


def _strange(p: Pkt, at: int, n: int, code: int) -> None:
    if code == 70:  # ARAP-Password
        if n != 16:
            _error(p, f"ERROR: length {n} != 16")
        p.w("User_challenge (")
        _hexup(p, at, 8)
        p.w(") User_resp(")
        _hexup(p, at + 8, 8)
        p.w(")")
    elif code == 71:  # ARAP-Features
        if n != 14:
            _error(p, f"ERROR: length {n} != 14")
        p.w("User can change password" if p.u8(at) else "User cannot change password")
        p.w(f", Min password length: {p.u8(at + 1)}")
        for i, what in enumerate((", created at: ", ", expires in: ", ", Current Time: ")):
            p.w(what)
            _hexup(p, at + 2 + 4 * i, 4)
    elif code == 84:  # ARAP-Challenge-Response (no length check in tcpdump)
        _hexup(p, at, 8)
    elif code == 101:  # Error-Cause
        if n != 4:
            _error(p, f"Error: length {n} != 4")
        v = p.u32(at)
        p.w(f"Error cause {v}: {_ERROR_CAUSES.get(v, f'Error-Cause {v} not known')}")


_Printer = Callable[[Pkt, int, int, int], None] | None
_S, _N, _A = _string, _num, _address
# tcpdump's attr_type: each attribute's name and printer (None: the value is not printed).
_ATTRS: tuple[tuple[str, _Printer], ...] = (
    ("", None), ("User-Name", _S), ("User-Password", None), ("CHAP-Password", None),
    ("NAS-IP-Address", _A), ("NAS-Port", _N), ("Service-Type", _N), ("Framed-Protocol", _N),
    ("Framed-IP-Address", _A), ("Framed-IP-Netmask", _A), ("Framed-Routing", _N),
    ("Filter-Id", _S), ("Framed-MTU", _N), ("Framed-Compression", _N), ("Login-IP-Host", _A),
    ("Login-Service", _N), ("Login-TCP-Port", _N), ("Unassigned", None), ("Reply-Message", _S),
    ("Callback-Number", _S), ("Callback-Id", _S), ("Unassigned", None), ("Framed-Route", _S),
    ("Framed-IPX-Network", _N), ("State", _S), ("Class", _S), ("Vendor-Specific", _vendor),
    ("Session-Timeout", _N), ("Idle-Timeout", _N), ("Termination-Action", _N),
    ("Called-Station-Id", _S), ("Calling-Station-Id", _S), ("NAS-Identifier", _S),
    ("Proxy-State", _S), ("Login-LAT-Service", _S), ("Login-LAT-Node", _S),
    ("Login-LAT-Group", _S), ("Framed-AppleTalk-Link", _N), ("Framed-AppleTalk-Network", _N),
    ("Framed-AppleTalk-Zone", _S), ("Acct-Status-Type", _N), ("Acct-Delay-Time", _N),
    ("Acct-Input-Octets", _N), ("Acct-Output-Octets", _N), ("Acct-Session-Id", _S),
    ("Acct-Authentic", _N), ("Acct-Session-Time", _N), ("Acct-Input-Packets", _N),
    ("Acct-Output-Packets", _N), ("Acct-Terminate-Cause", _N), ("Acct-Multi-Session-Id", _S),
    ("Acct-Link-Count", _N), ("Acct-Input-Gigawords", _N), ("Acct-Output-Gigawords", _N),
    ("Unassigned", None), ("Event-Timestamp", _time), ("Egress-VLANID", _N),
    ("Ingress-Filters", _N), ("Egress-VLAN-Name", _S), ("User-Priority-Table", None),
    ("CHAP-Challenge", _S), ("NAS-Port-Type", _N), ("Port-Limit", _N), ("Login-LAT-Port", _S),
    ("Tunnel-Type", _N), ("Tunnel-Medium-Type", _N), ("Tunnel-Client-Endpoint", _S),
    ("Tunnel-Server-Endpoint", _S), ("Acct-Tunnel-Connection", _S), ("Tunnel-Password", _S),
    ("ARAP-Password", _strange), ("ARAP-Features", _strange), ("ARAP-Zone-Access", _N),
    ("ARAP-Security", _S), ("ARAP-Security-Data", _S), ("Password-Retry", _N), ("Prompt", _N),
    ("Connect-Info", _S), ("Configuration-Token", _S), ("EAP-Message", _S),
    ("Message-Authenticator", _S), ("Tunnel-Private-Group-ID", _S),
    ("Tunnel-Assignment-ID", _S), ("Tunnel-Preference", _N),
    ("ARAP-Challenge-Response", _strange), ("Acct-Interim-Interval", _N),
    ("Acct-Tunnel-Packets-Lost", _N), ("NAS-Port-Id", _S), ("Framed-Pool", _S), ("CUI", _S),
    ("Tunnel-Client-Auth-ID", _S), ("Tunnel-Server-Auth-ID", _S), ("NAS-Filter-Rule", _S),
    ("Unassigned", None), ("Originating-Line-Info", None), ("NAS-IPv6-Address", _address6),
    ("Framed-Interface-ID", None), ("Framed-IPv6-Prefix", _netmask6),
    ("Login-IPv6-Host", _address6), ("Framed-IPv6-Route", _S), ("Framed-IPv6-Pool", _S),
    ("Error-Cause", _strange), ("EAP-Key-Name", None), *((f"Digest-{n}", _S) for n in (
        "Response", "Realm", "Nonce", "Response-Auth", "Nextnonce", "Method", "URI", "Qop",
        "Algorithm", "Entity-Body-Hash", "CNonce", "Nonce-Count", "Username", "Opaque",
        "Auth-Param", "AKA-Auts", "Domain", "Stale", "HA1")), ("SIP-AOR", _S),
    ("Delegated-IPv6-Prefix", _netmask6), ("MIP6-Feature-Vector", _vector64),
    ("MIP6-Home-Link-Prefix", _home_link), ("Operator-Name", _operator),
    ("Location-Information", _location_info), ("Location-Data", _location_data),
    ("Basic-Location-Policy-Rules", _policy_rules),
)
_ENUMS = {6: _SERV, 7: _FRM_PROTO, 10: _FRM_ROUTING, 13: _FRM_COMP, 15: _LOGIN_SERV,
          29: _TERM_ACTION, 40: _ACCT_STATUS, 45: _ACCT_AUTH, 49: _ACCT_TERM, 57: _INGRESS,
          61: _NAS_PORT_TYPE, 64: _TUNNEL_TYPE, 65: _TUNNEL_MEDIUM, 72: _ARAP_ZONE, 76: _PROMPT}


def _attrs(p: Pkt, at: int, left: int) -> None:
    """radius_attrs_print."""

    while left > 0:
        if left < 2 or not p.test(at, 2):
            raise Trunc(local=True)
        kind, n = p.u8(at), p.u8(at + 1)
        name = _ATTRS[kind][0] if 0 < kind < len(_ATTRS) else "Unknown"
        p.w(f"\n\t  {name} Attribute ({kind}), length: {n}")
        if n < 2:
            p.w(" (bogus, must be >= 2)")
            return
        if n > left:
            p.w(" (bogus, goes past end of packet)")
            return
        p.w(", Value: ")
        if kind < len(_ATTRS) and n > 2:
            printer = _ATTRS[kind][1]
            if printer is not None:
                try:
                    printer(p, at + 2, n - 2, kind)
                except _Stop:
                    pass
        if p.o.v > 1:
            print_unknown_data(p, at + 2, "\n\t    ", n - 2)
        at, left = at + n, left - n


def radius_print(p: Pkt, bp: int, length: int) -> None:
    """tcpdump's radius_print."""
    p.proto = "radius"
    if not p.test(bp, 20):
        raise Trunc(local=True)
    n = p.u16(bp + 2)
    if n < 20:
        raise Trunc(local=True)
    n = min(n, length)
    code, ident = p.u8(bp), p.u8(bp + 1)
    name = _CODES.get(code, "Unknown Command")
    if not p.o.v:
        p.w(f"RADIUS, {name} ({code}), id: 0x{ident:02x} length: {n}")
        return
    p.w(f"RADIUS, length: {n}\n\t{name} ({code}), id: 0x{ident:02x}, Authenticator: "
        f"{p.b(bp + 4, 16).hex()}")
    if n > 20:
        _attrs(p, bp + 20, n - 20)
