"""Link types (www.tcpdump.org/linktypes.html): the one table of what a
capture's link type is called, as tcpdump prints it ("link-type EN10MB
(Ethernet)"), and the layer craft's decoder starts from for it."""

from __future__ import annotations

LINKTYPE_NULL = 0
LINKTYPE_ETHERNET = 1
LINKTYPE_RAW = 101
LINKTYPE_LINUX_SLL = 113
LINKTYPE_IPV4 = 228
LINKTYPE_IPV6 = 229
LINKTYPE_LINUX_SLL2 = 276

IP_BY_VERSION = "ip"  # first layer: IPv4 or IPv6, by the version nibble

# number -> (DLT name, description, the first layer craft decodes or None)
LINKTYPES: dict[int, tuple[str, str, str | None]] = {
    0: ("NULL", "BSD loopback", None),
    1: ("EN10MB", "Ethernet", "ether"),
    6: ("IEEE802", "Token Ring", None),
    8: ("SLIP", "SLIP", None),
    9: ("PPP", "PPP", None),
    10: ("FDDI", "FDDI", None),
    12: ("RAW", "Raw IP", IP_BY_VERSION),  # DLT_RAW on some BSDs; LINKTYPE_RAW is 101
    50: ("PPP_SERIAL", "PPP over serial", None),
    51: ("PPP_ETHER", "PPPoE", None),
    101: ("RAW", "Raw IP", IP_BY_VERSION),
    104: ("C_HDLC", "Cisco HDLC", None),
    105: ("IEEE802_11", "802.11", None),
    108: ("LOOP", "OpenBSD loopback", None),
    113: ("LINUX_SLL", "Linux cooked v1", None),
    119: ("PRISM_HEADER", "802.11 plus Prism header", None),
    127: ("IEEE802_11_RADIO", "802.11 plus radiotap header", None),
    143: ("DOCSIS", "DOCSIS", None),
    195: ("IEEE802_15_4", "IEEE 802.15.4", None),
    220: ("USB_LINUX_MMAPPED", "USB with padded Linux header", None),
    226: ("IPNET", "Solaris ipnet", None),
    228: ("IPV4", "Raw IPv4", "ipv4"),
    229: ("IPV6", "Raw IPv6", "ipv6"),
    231: ("DBUS", "D-Bus", None),
    239: ("NFLOG", "Linux netfilter log messages", None),
    276: ("LINUX_SLL2", "Linux cooked v2", None),
}


def linktype_text(linktype: int) -> str:
    """``EN10MB (Ethernet)`` — the words tcpdump uses for a link type."""
    name, desc, _ = LINKTYPES.get(linktype, (f"DLT_{linktype}", "unknown", None))
    return f"{name} ({desc})"


def decodes(linktype: int) -> bool:
    """Whether craft's decoder has a first layer for this link type."""
    return linktype in LINKTYPES and LINKTYPES[linktype][2] is not None


def ip_layer(data: bytes) -> str:
    """The first layer of a packet with no link header, by its IP version."""
    return "ipv6" if data[:1] and data[0] >> 4 == 6 else "ipv4"


def first_layer(linktype: int, data: bytes) -> str:
    """The layer the decoder starts from for one packet (``raw`` when craft
    decodes nothing of this link type)."""
    entry = LINKTYPES.get(linktype)
    first = entry[2] if entry else None
    if first == IP_BY_VERSION:
        return {4: "ipv4", 6: "ipv6"}.get(data[0] >> 4, "raw") if data else "raw"
    return first or "raw"
