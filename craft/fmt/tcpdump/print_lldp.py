"""LLDP (IEEE 802.1AB) as tcpdump 4.99 prints it: the length and system name;
with -v every TLV (chassis and port IDs, TTL, descriptions, capabilities,
management address, and the IEEE 802.1, 802.3 and IANA organization TLVs),
the TIA (LLDP-MED: capabilities, network policy, location, extended
power-via-MDI, inventory) and DCBX (rev 1.01: control, priority groups,
PFC, application) organization TLVs; with -vv a hex dump of each (private
to craft.fmt.tcpdump). DCBX rev 1 TLVs are dumped in hex, as tcpdump does."""

from __future__ import annotations

from craft.fmt.tcpdump.addrtoname import ip4, ip6, mac
from craft.fmt.tcpdump.af import AF_VALUES
from craft.fmt.tcpdump.netdissect import Pkt
from craft.fmt.tcpdump.oui import OUIS
from craft.fmt.tcpdump.util_print import bittok, fn_char, print_unknown_data, printjnp

_TLVS = {0: "End", 1: "Chassis ID", 2: "Port ID", 3: "Time to Live", 4: "Port Description",
         5: "System Name", 6: "System Description", 7: "System Capabilities",
         8: "Management Address", 127: "Organization specific"}
_CHASSIS = {1: "Chassis component", 2: "Interface alias", 3: "Port component", 4: "MAC address",
            5: "Network address", 6: "Interface name", 7: "Local"}
_PORT = {1: "Interface alias", 2: "Port component", 3: "MAC address", 4: "Network Address",
         5: "Interface Name", 6: "Agent circuit ID", 7: "Local"}
_CAPS = ((1, "Other"), (2, "Repeater"), (4, "Bridge"), (8, "WLAN AP"), (16, "Router"),
         (32, "Telephone"), (64, "Docsis"), (128, "Station Only"))
_IFNUM = {2: "Interface Index", 3: "System Port Number"}
_8021 = {1: "Port VLAN Id", 2: "Port and Protocol VLAN ID", 3: "VLAN name", 4: "Protocol Identity",
         8: "Congestion Notification", 9: "ETS Configuration", 10: "ETS Recommendation",
         11: "Priority Flow Control Configuration", 12: "Application Priority", 13: "EVB",
         14: "CDCP"}
_8023 = {1: "MAC/PHY configuration/status", 2: "Power via MDI", 3: "Link aggregation",
         4: "Max frame size"}
_EVB_MODES = {0: "Not Supported", 1: "EVB Bridge", 2: "EVB Station",
              3: "Reserved for future Standardization"}
_PMD = ((1 << 14, "10BASE-T hdx"), (1 << 13, "10BASE-T fdx"), (1 << 12, "100BASE-T4"),
        (1 << 11, "100BASE-TX hdx"), (1 << 10, "100BASE-TX fdx"), (1 << 9, "100BASE-T2 hdx"),
        (1 << 8, "100BASE-T2 fdx"), (1 << 7, "Pause for fdx links"), (1 << 6, "Asym PAUSE for fdx"),
        (1 << 5, "Sym PAUSE for fdx"), (1 << 4, "Asym and Sym PAUSE for fdx"),
        (1 << 3, "1000BASE-{X LX SX CX} hdx"), (1 << 2, "1000BASE-{X LX SX CX} fdx"),
        (1 << 1, "1000BASE-T hdx"), (1 << 0, "1000BASE-T fdx"))
_MAU = ("Unknown", "AUI", "10BASE_5", "FOIRL", "10BASE2", "10BASET duplex mode unknown",
        "10BASEFP", "10BASEFB", "10BASEFL duplex mode unknown", "10BROAD36", "10BASET hdx",
        "10BASET fdx", "10BASEFL hdx", "10BASEFL fdx", "100BASET4", "100BASETX hdx",
        "100BASETX fdx", "100BASEFX hdx", "100BASEFX fdx", "100BASET2 hdx", "100BASET2 fdx",
        "1000BASEX hdx", "1000BASEX fdx", "1000BASELX hdx", "1000BASELX fdx", "1000BASESX hdx",
        "1000BASESX fdx", "1000BASECX hdx", "1000BASECX fdx", "1000BASET hdx", "1000BASET fdx",
        "10GBASEX", "10GBASELX4", "10GBASER", "10GBASEER", "10GBASELR", "10GBASESR", "10GBASEW",
        "10GBASEEW", "10GBASELW", "10GBASESW")
_MDI = ((1, "PSE"), (2, "supported"), (4, "enabled"), (8, "can be controlled"))
_PAIRS = {1: "signal", 2: "spare"}
_POWER_CLASS = {1: "class0", 2: "class1", 3: "class2", 4: "class3", 5: "class4"}
_ENABLED = ((1, "supported"), (2, "enabled"))  # autonegotiation, aggregation
_PROTO_VLAN = ((2, "supported"), (4, "enabled"))


class _Cut(Exception):
    """tcpdump's "goto trunc": print [|lldp] and stop."""


def lldp_print(p: Pkt, off: int, length: int) -> None:
    """tcpdump's lldp_print."""

    p.proto = "lldp"
    v = p.o.v
    p.w(f"LLDP, length {length}")
    tp, left = off, length
    try:
        while left >= 2:
            if not p.test(tp, 2):
                raise _Cut
            tlv = p.u16(tp)
            ttype, tlen = tlv >> 9, tlv & 0x1FF
            tp += 2
            left -= 2
            if v:
                p.w(f"\n\t{_TLVS.get(ttype, 'Unknown')} TLV ({ttype}), length {tlen}")
            if not ttype or not tlen:
                break
            if not p.test(tp, tlen) or left < tlen:
                raise _Cut
            hexdump = _tlv(p, ttype, tp, tlen) if v or ttype == 5 else False
            if v > 1 or (v and hexdump):
                print_unknown_data(p, tp, "\n\t  ", tlen)
            tp += tlen
            left -= tlen
    except _Cut:
        p.trunc()


def _network_addr(p: Pkt, at: int, n: int) -> str | None:
    """lldp_network_addr_print: "AFI NAME (n): address", None when too short."""
    if n < 1:
        return None
    af = p.u8(at)
    size, show = {1: (4, ip4), 2: (16, ip6), 6: (6, mac)}.get(af, (0, None))
    if n - 1 < size:
        return None
    name = AF_VALUES.get(af, "Unknown")
    if show is None:
        return f"AFI {name} ({af}), no AF printer !"
    return f"AFI {name} ({af}): {show(p.b(at + 1, size))}"


# the least length of a TLV of each type: a shorter one is cut short
_TLV_LEAST = {1: 2, 2: 2, 3: 2, 7: 4, 127: 3}


def _tlv(p: Pkt, ttype: int, tp: int, tlen: int) -> bool:
    """One TLV's value (with -v, or the system name without); True when it
    wants the hex dump instead."""
    if tlen < _TLV_LEAST.get(ttype, 0):
        raise _Cut
    if ttype in (1, 2):
        sub = p.u8(tp)
        names = _CHASSIS if ttype == 1 else _PORT
        p.w(f"\n\t  Subtype {names.get(sub, 'Unknown')} ({sub}): ")
        is_mac, is_net = (sub == 4, sub == 5) if ttype == 1 else (sub == 3, sub == 4)
        if is_mac:
            if tlen < 7:
                raise _Cut
            p.w(mac(p.b(tp + 1, 6)))
        elif is_net:
            addr = _network_addr(p, tp + 1, tlen - 1)
            if addr is None:
                raise _Cut
            p.w(addr)
        elif sub in names:
            printjnp(p, tp + 1, tlen - 1)
        else:
            return True
    elif ttype == 3:
        p.w(f": TTL {p.u16(tp)}s")
    elif ttype in (4, 5, 6):  # port and system descriptions, system name
        p.w(": " if ttype < 6 else "\n\t  ")
        printjnp(p, tp, tlen)
    elif ttype == 7:
        cap, ena = p.u16(tp), p.u16(tp + 2)
        p.w(f"\n\t  System  Capabilities [{bittok(_CAPS, 'none', cap)}] (0x{cap:04x})")
        p.w(f"\n\t  Enabled Capabilities [{bittok(_CAPS, 'none', ena)}] (0x{ena:04x})")
    elif ttype == 8:
        if not _mgmt_addr(p, tp, tlen):
            raise _Cut
    elif ttype == 127:
        oui = p.u8(tp) << 16 | p.u16(tp + 1)
        p.w(f": OUI {OUIS.get(oui, 'Unknown')} (0x{oui:06x})")
        private = _PRIVATE.get(oui)
        return True if private is None else private(p, tp, tlen)
    else:
        return True
    return False


def _mgmt_addr(p: Pkt, tp: int, tlen: int) -> bool:
    if tlen < 1:
        return False
    alen = p.u8(tp)
    if tlen - 1 < alen:
        return False
    addr = _network_addr(p, tp + 1, alen)
    if addr is None:
        return False
    p.w(f"\n\t  Management Address length {alen}, {addr}")
    at, left = tp + 1 + alen, tlen - 1 - alen
    if left < 5:
        return False
    sub = p.u8(at)
    p.w(f"\n\t  {_IFNUM.get(sub, 'Unknown')} Interface Numbering ({sub}): {p.u32(at + 1)}")
    at, left = at + 5, left - 5
    if left:
        oid_len = p.u8(at)
        if left < 1 + oid_len:
            return False
        if oid_len:
            p.w(f"\n\t  OID length {oid_len}")
            printjnp(p, at + 1, oid_len)
    return True


def _bits(value: int) -> str:
    """8 bits, lowest first, as tcpdump's "%-2d " each."""
    return "".join(f"{(value >> i) & 1:<2d} " for i in range(8))


# the least length of each subtype's TLV (IEEE 802.1, IEEE 802.3, TIA): shorter ones print
# only their subtype
_8021_LEAST = {1: 6, 2: 7, 3: 6, 8: 6, 9: 25, 10: 25, 11: 6, 12: 5, 13: 9, 14: 8}
_8023_LEAST = {1: 9, 2: 7, 3: 9, 4: 6}
_TIA_LEAST = {1: 7, 2: 8, 3: 5, 4: 7}


def _subtype(p: Pkt, tp: int, tlen: int, names: dict[int, str],
             least: dict[int, int]) -> int | None:
    """An organization-specific TLV's subtype, printed with its name; None
    where the TLV is too short for it, or for what LEAST says it holds."""
    if tlen < 4:
        return None
    sub = p.u8(tp + 3)
    p.w(f"\n\t  {names.get(sub, 'unknown')} Subtype ({sub})")
    return None if tlen < least.get(sub, 0) else sub


def _private_8021(p: Pkt, tp: int, tlen: int) -> bool:
    sub = _subtype(p, tp, tlen, _8021, _8021_LEAST)
    if sub is None:
        return False
    u8 = p.u8
    if sub == 1:
        p.w(f"\n\t    port vlan id (PVID): {p.u16(tp + 4)}")
    elif sub == 2:
        fl = u8(tp + 4)
        p.w(f"\n\t    port and protocol vlan id (PPVID): {p.u16(tp + 5)}, flags "
            f"[{bittok(_PROTO_VLAN, 'none', fl)}] (0x{fl:02x})")
    elif sub == 3:
        p.w(f"\n\t    vlan id (VID): {p.u16(tp + 4)}")
        if tlen < 7 or tlen < 7 + u8(tp + 6):
            return False
        p.w("\n\t    vlan name: ")
        printjnp(p, tp + 7, u8(tp + 6))
    elif sub == 4:
        if tlen < 5 or tlen < 5 + u8(tp + 4):
            return False
        p.w("\n\t    protocol identity: ")
        printjnp(p, tp + 5, u8(tp + 4))
    elif sub == 8:
        for at, word in ((4, "CNPV"), (5, "Ready")):
            p.w(f"\n\t    Pre-Priority {word} Indicator\n\t     Priority : 0  1  2  3  4  5  "
                f"6  7"
                f"\n\t     Value    : {_bits(u8(tp + at))}")
    elif sub in (9, 10):
        t = u8(tp + 4)
        if sub == 9:
            p.w(f"\n\t    Willing:{t >> 7}, CBS:{(t >> 6) & 2}, RES:{(t >> 3) & 7}, Max "
                f"TCs:{t & 7}")
        else:
            p.w(f"\n\t    RES: {t}")
        nib = [n for i in range(4) for n in (u8(tp + 5 + i) >> 4, u8(tp + 5 + i) & 15)]
        p.w("\n\t    Priority Assignment Table\n\t     Priority : 0   1   2   3   4   5   6   7"
            "\n\t     Value    : " + " ".join(f"{n:<3d}" for n in nib))
        p.w("\n\t    TC Bandwidth Table\n\t     TC%   : 0   1   2   3   4   5   6   7"
            "\n\t     Value : " + " ".join(f"{u8(tp + 9 + i):<3d}" for i in range(8)))
        p.w("\n\t    TSA Assignment Table\n\t     Traffic Class: 0   1   2   3   4   5   6   7"
            "\n\t     Value        : " + " ".join(f"{u8(tp + 17 + i):<3d}" for i in range(8)))
    elif sub == 11:
        t = u8(tp + 4)
        p.w(f"\n\t    Willing: {t >> 7}, MBC: {(t >> 6) & 1}, RES: {(t >> 4) & 3}, PFC "
            f"cap:{t & 15} "
            f"\n\t    PFC Enable\n\t     Priority : 0  1  2  3  4  5  6  7"
            f"\n\t     Value    : {_bits(u8(tp + 5))}")
    elif sub == 12:
        p.w(f"\n\t    RES: {u8(tp + 4)}")
        if tlen <= 5 or (tlen - 5) % 3:
            return False
        p.w("\n\t    Application Priority Table")
        for i in range(0, tlen - 5, 3):
            t = u8(tp + 5 + i)
            p.w(f"\n\t      Priority: {t >> 5}, RES: {(t >> 3) & 3}, Sel: {t & 7}, Protocol ID: "
                f"{p.u16(tp + 6 + i)}")
    elif sub == 13:
        b4, b5, b6, b7, b8 = (u8(tp + i) for i in range(4, 9))
        p.w(f"\n\t    EVB Bridge Status\n\t      RES: {b4 >> 3}, BGID: {(b4 >> 2) & 1}, RRCAP: "
            f"{(b4 >> 1) & 1}, RRCTR: {b4 & 1}\n\t    EVB Station Status\n\t      RES: "
            f"{b5 >> 4}, "
            f"SGID: {(b5 >> 3) & 1}, RRREQ: {(b5 >> 2) & 1},RRSTAT: {b5 & 3}"
            f"\n\t    R: {b6 >> 5}, RTE: {b6 & 31}, EVB Mode: {_EVB_MODES[b7 >> 6]} [{b7 >> 6}]"
            f"\n\t    ROL: {(b7 >> 5) & 1}, RWD: {b7 & 31}, RES: {b8 >> 6}, ROL: "
            f"{(b8 >> 5) & 1}, "
            f"RKA: {b8 & 31}")
    elif sub == 14:
        t = u8(tp + 4)
        p.w(f"\n\t    Role: {t >> 7}, RES: {(t >> 4) & 7}, Scomp: {(t >> 3) & 1} "
            f"ChnCap: {p.u16(tp + 6) & 0xFFF}")
        if (tlen - 8) % 3:
            return False
        for i in range(0, tlen - 8, 3):
            val = u8(tp + 8 + i) << 16 | p.u16(tp + 9 + i)
            p.w(f"\n\t    SCID: {val >> 12}, SVID: {val & 0xFFF}")
    else:
        return True
    return False


def _private_8023(p: Pkt, tp: int, tlen: int) -> bool:
    sub = _subtype(p, tp, tlen, _8023, _8023_LEAST)
    if sub is None:
        return False
    if sub == 1:
        an, pmd, mau = p.u8(tp + 4), p.u16(tp + 5), p.u16(tp + 7)
        p.w(f"\n\t    autonegotiation [{bittok(_ENABLED, 'none', an)}] (0x{an:02x})"
            f"\n\t    PMD autoneg capability [{bittok(_PMD, 'unknown', pmd)}] (0x{pmd:04x})"
            f"\n\t    MAU type {_MAU[mau] if mau < len(_MAU) else 'unknown'} (0x{mau:04x})")
    elif sub == 2:
        p.w(f"\n\t    MDI power support [{bittok(_MDI, 'none', p.u8(tp + 4))}], power pair "
            f"{_PAIRS.get(p.u8(tp + 5), 'unknown')}, power class "
            f"{_POWER_CLASS.get(p.u8(tp + 6), 'unknown')}")
    elif sub == 3:
        p.w(f"\n\t    aggregation status [{bittok(_ENABLED, 'none', p.u8(tp + 4))}], "
            f"aggregation "
            f"port ID {p.u32(tp + 5)}")
    elif sub == 4:
        p.w(f"\n\t    MTU size {p.u16(tp + 4)}")
    return sub not in _8023_LEAST  # (an unknown subtype wants the hex dump)


def _private_iana(p: Pkt, tp: int, tlen: int) -> bool:
    if tlen < 8:
        return False
    sub = p.u8(tp + 3)
    p.w(f"\n\t  {'MUD-URL' if sub == 1 else 'unknown'} Subtype ({sub})")
    if sub != 1:
        return True
    p.w("\n\t  MUD-URL=")
    for i in range(tlen - 4):
        p.w(fn_char(p.u8(tp + 4 + i)))
    return False


_TIA = {1: "LLDP-MED Capabilities", 2: "Network policy", 3: "Location identification",
        4: "Extended power-via-MDI", 5: "Inventory - hardware revision",
        6: "Inventory - firmware revision", 7: "Inventory - software revision",
        8: "Inventory - serial number", 9: "Inventory - manufacturer name",
        10: "Inventory - model name", 11: "Inventory - asset ID"}
_INVENTORY = {5: "Hardware revision", 6: "Firmware revision", 7: "Software revision",
              8: "Serial number", 9: "Manufacturer name", 10: "Model name", 11: "Asset ID"}
_MED_CAPS = ((1, "LLDP-MED capabilities"), (2, "network policy"), (4, "location identification"),
             (8, "extended power via MDI-PSE"), (16, "extended power via MDI-PD"), (32,
                                                                                    "Inventory"))
_DEVICE_TYPES = {1: "endpoint class 1", 2: "endpoint class 2", 3: "endpoint class 3",
                 4: "network connectivity"}
_APPLICATION_TYPES = {1: "voice", 2: "voice signaling", 3: "guest voice",
                      4: "guest voice signaling",
                      5: "softphone voice", 6: "video conferencing", 7: "streaming video",
                      8: "video signaling"}
_POLICY_FLAGS = ((0x80, "Unknown"), (0x40, "Tagged"), (0x20, "reserved"))
_LOCATION_FORMATS = {1: "coordinate-based LCI", 2: "civic address LCI", 3: "ECS ELIN"}
_ALTITUDE_TYPES = {1: "meters", 2: "floors"}
_DATUMS = {1: "World Geodesic System 1984", 2: "North American Datum 1983 (NAVD88)",
           3: "North American Datum 1983 (MLLW)"}
_CA_TYPES = {1: "national subdivisions (state,canton,region,province,prefecture)",
             2: "county, parish, gun, district", 3: "city, township, shi",
             4: "city division, borough, city district, ward chou", 5: "neighborhood, block",
             6: "street"}
_LCI_WHAT = {0: "location of DHCP server",
             1: "location of the network element believed to be closest to the client",
             2: "location of the client"}
_POWER_SOURCES = {1: "PSE - primary power source", 2: "local - backup power source",
                  3: "PSE+local - reserved"}
_POWER_PRIORITIES = {1: "critical", 2: "high", 3: "low"}


def _latlon(p: Pkt, at: int) -> int:
    """A 34-bit latitude or longitude value."""
    return (p.u8(at) & 3) << 32 | p.u32(at + 1)


def _private_tia(p: Pkt, tp: int, tlen: int) -> bool:
    """ANSI/TIA-1057 (LLDP-MED) TLVs."""
    sub = _subtype(p, tp, tlen, _TIA, _TIA_LEAST)
    if sub is None:
        return False
    if sub == 1:
        caps, kind = p.u16(tp + 4), p.u8(tp + 6)
        p.w(f"\n\t    Media capabilities [{bittok(_MED_CAPS, 'none', caps)}] (0x{caps:04x})"
            f"\n\t    Device type [{_DEVICE_TYPES.get(kind, 'unknown')}] (0x{kind:02x})")
    elif sub == 2:
        app, flags, word = p.u8(tp + 4), p.u8(tp + 5), p.u16(tp + 6)
        p.w(f"\n\t    Application type [{_APPLICATION_TYPES.get(app, 'none')}] (0x{app:02x})"
            f", Flags [{bittok(_POLICY_FLAGS, 'none', flags)}]"
            f"\n\t    Vlan id {(p.u16(tp + 5) & 0x1FFE) >> 1}, L2 priority "
            f"{(word & 0x1FF) >> 6}"
            f", DSCP value {word & 0x3F}")
    elif sub == 3:
        return _location_id(p, tp, tlen)
    elif sub == 4:
        _extended_power(p, tp)
    elif sub in _INVENTORY:
        p.w(f"\n\t  {_INVENTORY[sub]} ")
        printjnp(p, tp + 4, tlen - 4)
    else:
        return True
    return False


def _location_id(p: Pkt, tp: int, tlen: int) -> bool:
    """The Location identification TLV (coordinate, civic address, ECS ELIN)."""

    u8 = p.u8
    fmt = u8(tp + 4)
    p.w(f"\n\t    Location data format {_LOCATION_FORMATS.get(fmt, 'unknown')} (0x{fmt:02x})")
    if fmt == 1:
        if tlen < 21:
            return False
        alt_type = u8(tp + 15) >> 4
        datum = u8(tp + 20)
        p.w(f"\n\t    Latitude resolution {u8(tp + 5) >> 2}, latitude value {_latlon(p, tp + 5)}"
            f"\n\t    Longitude resolution {u8(tp + 10) >> 2}, longitude value "
            f"{_latlon(p, tp + 10)}"
            f"\n\t    Altitude type {_ALTITUDE_TYPES.get(alt_type, 'unknown')} ({alt_type})"
            f"\n\t    Altitude resolution {(p.u16(tp + 15) >> 6) & 0x3F}, altitude value "
            f"0x{p.u32(tp + 16) & 0x3FFFFFFF:x}"
            f"\n\t    Datum {_DATUMS.get(datum, 'unknown')} (0x{datum:02x})")
    elif fmt == 2:
        if tlen < 6:
            return False
        lci_len = u8(tp + 5)
        if lci_len < 3 or tlen < 7 + lci_len:
            return False
        what = u8(tp + 6)
        p.w(f"\n\t    LCI length {lci_len}, LCI what {_LCI_WHAT.get(what, 'unknown')} "
            f"(0x{what:02x}), "
            "Country-code ")
        printjnp(p, tp + 7, 2)
        _civic_address(p, tp + 9, lci_len - 3)
    elif fmt == 3:
        p.w("\n\t    ECS ELIN id ")
        printjnp(p, tp + 5, tlen - 5)
    else:
        p.w("\n\t    Location ID ")
        print_unknown_data(p, tp + 5, "\n\t      ", tlen - 5)
    return False


def _civic_address(p: Pkt, at: int, left: int) -> None:
    """The civic address elements: CA type, length and value each."""
    while left:
        if left < 2:
            return
        ca_type, ca_len = p.u8(at), p.u8(at + 1)
        at, left = at + 2, left - 2
        p.w(f"\n\t      CA type '{_CA_TYPES.get(ca_type, 'unknown')}' ({ca_type}), length "
            f"{ca_len}: ")
        if not ca_type or not ca_len or left < ca_len:
            return
        printjnp(p, at, ca_len)
        at, left = at + ca_len, left - ca_len


def _extended_power(p: Pkt, tp: int) -> None:
    """The Extended power-via-MDI TLV."""
    t = p.u8(tp + 4)
    # tcpdump tests "t & 0xC0 >> 6", which is t & 3
    p.w(f"\n\t    Power type [{'PD device' if t & 3 else 'PSE device'}], Power source "
        f"[{_POWER_SOURCES.get((t & 0x30) >> 4, 'none')}]"
        f"\n\t    Power priority [{_POWER_PRIORITIES.get(t & 15, 'none')}] (0x{t & 15:02x})")
    power = p.u16(tp + 5)
    p.w(f", Power {power / 10:.1f} Watts" if power < 1024 else f", Power {power} (Reserved)")


_DCBX = {1: "DCB Capability Exchange Protocol Rev 1",
         2: "DCB Capability Exchange Protocol Rev 1.01"}


def _private_dcbx(p: Pkt, tp: int, tlen: int) -> bool:
    """DCBX rev 1.01 TLVs (rev 1 wants the hex dump)."""

    sub = _subtype(p, tp, tlen, _DCBX, {})
    if sub is None:
        return False
    if sub == 1:
        return True
    at, left = tp + 4, tlen - 4
    hexdump = False
    while left >= 2:
        tlv = p.u16(at)
        kind, size = tlv >> 9, tlv & 0x1FF
        hexdump = False
        at, left = at + 2, left - 2
        if not kind or not size or left < size:
            break
        if kind == 1:
            if size < 10:
                break
            p.w(f"\n\t    Control - Protocol Control (type 0x1, length {size})"
                f"\n\t      Oper_Version: {p.u8(at)}\n\t      Max_Version: {p.u8(at + 1)}"
                f"\n\t      Sequence Number: {p.u32(at + 2)}"
                f"\n\t      Acknowledgement Number: {p.u32(at + 6)}")
        elif kind == 2:
            if size < 17:
                break
            _dcbx_feature(p, at, "Priority Group (type 0x2", size)
            pg = p.u32(at + 4)
            p.w("\n\t      Priority Allocation")
            p.w("".join(f"\n\t          PgId_{i}: {(pg >> (28 - 4 * i)) & 15}" for i in range(8)))
            p.w("\n\t      Priority Group Allocation")
            p.w("".join(f"\n\t          Pg percentage[{i}]: {p.u8(at + 8 + i)}" for i in range(8)))
            p.w(f"\n\t      NumTCsSupported: {p.u8(at + 16)}")
        elif kind == 3:
            if size < 6:
                break
            _dcbx_feature(p, at, "Priority Flow Control (type 0x3", size)
            pfc = p.u8(at + 4)
            p.w(f"\n\t      PFC Config (0x{pfc:02X})")
            p.w("".join(f"\n\t          Priority Bit {i}: "
                        f"{'Enabled' if pfc >> i & 1 else 'Disabled'}"
                        for i in range(8)))
            p.w(f"\n\t      NumTCPFCSupported: {p.u8(at + 5)}")
        elif kind == 4:
            if size < 4:
                break
            _dcbx_feature(p, at, "Application (type 0x4", size)
            _dcbx_applications(p, at + 4, size - 4)
        else:
            hexdump = True
        if p.o.v > 1 or hexdump:
            print_unknown_data(p, at, "\n\t    ", size)
        at, left = at + size, left - size
    return hexdump


# the organization-specific TLVs by OUI: IEEE 802.1, IEEE 802.3, IANA, TIA (LLDP-MED), DCBX
_PRIVATE = {0x0080C2: _private_8021, 0x00120F: _private_8023, 0x00005E: _private_iana,
            0x0012BB: _private_tia, 0x001B21: _private_dcbx}


def _dcbx_feature(p: Pkt, at: int, what: str, size: int) -> None:
    """A DCBX feature TLV's versions, info block and subtype."""
    info = p.u8(at + 2)
    p.w(f"\n\t    Feature - {what}, length {size})"
        f"\n\t      Oper_Version: {p.u8(at)}\n\t      Max_Version: {p.u8(at + 1)}"
        f"\n\t      Info block(0x{info:02X}): Enable bit: {info >> 7}, Willing bit: "
        f"{info >> 6 & 1}, "
        f"Error Bit: {info >> 5 & 1}\n\t      SubType: {p.u8(at + 3)}")


def _dcbx_applications(p: Pkt, at: int, left: int) -> None:
    """The DCBX Application TLV's application values, 6 bytes each."""
    while left >= 6:
        val = p.u8(at + 2) << 16 | p.u16(at + 3)
        sf = val >> 22
        p.w(f"\n\t      Application Value\n\t          Application Protocol ID: 0x{p.u16(at):04x}"
            f"\n\t          SF (0x{sf:x}) Application Protocol ID is "
            f"{'Socket Number' if sf else 'L2 EtherType'}"
            f"\n\t          OUI: 0x{val & 0x3FFFFF:06x}\n\t          User Priority Map: "
            f"0x{p.u8(at + 5):02x}")
        at, left = at + 6, left - 6
